//! Workforce: the business case of a new team model (seed 004), saved as
//! scenarios per organisation for HR and the board.
pub mod case;
pub mod numbers;

pub use case::{BusinessCase, CaseInputs, CaseText, Line, Mix, Quantity, Year};
pub use numbers::{Cents, Hundredths, Rate};
