//! Enums stored as short text codes. `codes!` writes, from one list of
//! variants and codes, `ALL`, `code()`, `from_code()` and the database
//! conversions; an unknown code read from a row is a decode error, never a
//! silent default. A declarative macro rather than a derive crate: see
//! docs/decisions/0006-own-small-helpers.md.

/// `codes! { #[derive(..)] pub enum Status { Open = "open", Done = "done" } }`
#[macro_export]
macro_rules! codes {
    (
        $(#[$meta:meta])*
        $vis:vis enum $name:ident {
            $( $(#[$vmeta:meta])* $variant:ident = $code:literal ),+ $(,)?
        }
    ) => {
        $(#[$meta])*
        $vis enum $name {
            $( $(#[$vmeta])* $variant ),+
        }

        impl $name {
            pub const ALL: [$name; [$($code),+].len()] = [$($name::$variant),+];
            pub fn code(self) -> &'static str {
                match self {
                    $( $name::$variant => $code ),+
                }
            }
            pub fn from_code(s: &str) -> Option<$name> {
                match s {
                    $( $code => Some($name::$variant), )+
                    _ => None,
                }
            }
        }

        impl $crate::db::Decode for $name {
            fn decode(v: &$crate::db::Value) -> Result<Self, String> {
                match v {
                    $crate::db::Value::Text(s) => $name::from_code(s)
                        .ok_or_else(|| format!("unknown {} code {s:?}", stringify!($name))),
                    other => Err(format!("expected a {} code, found {other:?}", stringify!($name))),
                }
            }
        }

        impl $crate::db::Encode for $name {
            const KIND: $crate::db::Kind = $crate::db::Kind::Text;
            fn encode(self) -> $crate::db::Value {
                $crate::db::Value::Text(self.code().to_owned())
            }
        }
    };
}

/// Other words an HR export writes for coded values, as `read_word` compares them:
/// lower case, `_` for space and dash.
pub type Words<T> = &'static [(T, &'static [&'static str])];

/// A coded value from its code or one of its `words`, in any case, spaces and dashes alike.
pub fn read_word<T: Copy>(raw: &str, from_code: fn(&str) -> Option<T>, words: Words<T>) -> Option<T> {
    let s = raw.trim().to_lowercase().replace(['-', ' '], "_");
    from_code(&s).or_else(|| words.iter().find(|(_, w)| w.contains(&s.as_str())).map(|(v, _)| *v))
}

/// Every word `read_word` takes for `value`, its code first.
pub fn words_of<T: Copy + PartialEq>(value: T, code: &'static str, words: Words<T>) -> Vec<&'static str> {
    let more = words.iter().filter(|(v, _)| *v == value).flat_map(|(_, w)| w.iter().copied());
    std::iter::once(code).chain(more).collect()
}

#[cfg(test)]
mod tests {
    use crate::db::{Decode, Value};

    crate::codes! {
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        enum Colour { Red = "red", Blue = "blue" }
    }

    #[test]
    fn codes_round_trip_and_unknown_codes_are_errors() {
        for c in Colour::ALL {
            assert_eq!(Colour::from_code(c.code()), Some(c));
            assert_eq!(Colour::decode(&Value::Text(c.code().into())), Ok(c));
        }
        assert_eq!(Colour::ALL.len(), 2);
        assert!(Colour::decode(&Value::Text("green".into())).unwrap_err().contains("unknown Colour code"));
        assert!(Colour::decode(&Value::Int(1)).is_err());
    }
}
