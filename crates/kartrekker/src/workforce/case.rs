//! The business case of a new team model (after the social-innovation case
//! of seed 004): what a new skill mix saves in wages, in turnover and in
//! absence, per year and over five years. Pure: inputs that validated on
//! construction in, every figure out with the formula and the inputs it uses.

use super::numbers::{Cents, Hundredths, Rate, bounded, div_round};
use crate::Checks;

/// The roles of a skill mix, each with its own gross cost per FTE.
pub const ROLES: [&str; 3] = ["bachelor", "vocational", "support"];

/// A skill mix as a ratio: this many professionals of each role (bachelor
/// nurse, vocational nurse, support) for this many patients. "1 nurse : 4
/// patients, all bachelor" is `[1, 0, 0] : 4`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Mix {
    pub staff: [i64; 3],
    pub patients: i64,
}

impl Mix {
    pub fn total(&self) -> i64 {
        self.staff.iter().sum()
    }
    /// A team of `fte` in this mix: the FTE of each role (rounded).
    pub fn fte_per_role(&self, fte: Hundredths) -> [Hundredths; 3] {
        self.staff.map(|n| Hundredths(div_round(fte.0 as i128 * n as i128, self.total() as i128) as i64))
    }
}

/// The inputs of a business case, each in range (checked by [`CaseText::check`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CaseInputs {
    pub team_fte: Hundredths,
    pub headcount: i64,
    pub patients_per_shift: i64,
    pub today: Mix,
    pub new: Mix,
    /// Gross cost per FTE per role, employer costs included.
    pub cost: [Cents; 3],
    /// At least one year: a transition's yearly saving never exceeds the model's.
    pub transition: Hundredths,
    pub turnover_rate: Rate,
    pub cost_per_leaver: Cents,
    pub turnover_reduction: Rate,
    pub absence_rate: Rate,
    pub absence_reduction: Rate,
}

impl CaseInputs {
    /// Seed 004: a hospital care team of 25 FTE (33 people) with a wage bill
    /// of € 2 million, from 1 bachelor nurse : 4 patients to 3 professionals
    /// (⅓ bachelor, ⅓ vocational, ⅓ support) : 12 patients, in 1.5 years;
    /// turnover 15 % at € 10,000 per leaver, absence 7.5 %, with the average
    /// realised reductions (half the turnover, 22 % of the absence).
    pub const SEED_004: CaseInputs = CaseInputs {
        team_fte: Hundredths(2500),
        headcount: 33,
        patients_per_shift: 24,
        today: Mix { staff: [1, 0, 0], patients: 4 },
        new: Mix { staff: [1, 1, 1], patients: 12 },
        cost: [Cents(8_000_000), Cents(6_400_000), Cents(4_800_000)],
        transition: Hundredths(150),
        turnover_rate: Rate(1500),
        cost_per_leaver: Cents(1_000_000),
        turnover_reduction: Rate(5000),
        absence_rate: Rate(750),
        absence_reduction: Rate(2200),
    };
}

/// The fields of a business case as a form sends them.
#[derive(Clone, Debug, Default)]
pub struct CaseText<'a> {
    pub team_fte: &'a str,
    pub headcount: &'a str,
    pub patients_per_shift: &'a str,
    pub today_staff: [&'a str; 3],
    pub today_patients: &'a str,
    pub new_staff: [&'a str; 3],
    pub new_patients: &'a str,
    pub cost: [&'a str; 3],
    pub transition: &'a str,
    pub turnover_rate: &'a str,
    pub cost_per_leaver: &'a str,
    pub turnover_reduction: &'a str,
    pub absence_rate: &'a str,
    pub absence_reduction: &'a str,
}

fn count(raw: &str, field: &'static str, min: i64) -> Result<i64, crate::FieldError> {
    bounded(raw, 0, min, 10_000, field, "error-workforce-count")
}

const TODAY_STAFF: [&str; 3] = ["today_bachelor", "today_vocational", "today_support"];
const NEW_STAFF: [&str; 3] = ["new_bachelor", "new_vocational", "new_support"];
const COST: [&str; 3] = ["cost_bachelor", "cost_vocational", "cost_support"];
/// The largest amount of money a field takes: € 10 million.
const MAX_CENTS: i64 = 1_000_000_000;

impl CaseText<'_> {
    /// Every field's problem at once, or the checked inputs.
    pub fn check(&self, checks: &mut Checks) -> Option<CaseInputs> {
        let pct = |raw, field| bounded(raw, 2, 0, 10_000, field, "error-workforce-percentage");
        let money = |raw, field| bounded(raw, 2, 0, MAX_CENTS, field, "error-workforce-money");
        let team_fte = checks.check(bounded(self.team_fte, 2, 1, 1_000_000, "team_fte", "error-workforce-fte"));
        let headcount = checks.check(count(self.headcount, "headcount", 1));
        let patients_per_shift = checks.check(count(self.patients_per_shift, "patients_per_shift", 1));
        let mix = |checks: &mut Checks, staff: [&str; 3], names: [&'static str; 3], patients, pfield| {
            let s = [0, 1, 2].map(|i| checks.check(count(staff[i], names[i], 0)));
            let p = checks.check(count(patients, pfield, 1));
            let staff = [s[0]?, s[1]?, s[2]?];
            if staff.iter().sum::<i64>() == 0 {
                checks.push(names[0], "error-workforce-mix-empty");
                return None;
            }
            Some(Mix { staff, patients: p? })
        };
        let today = mix(checks, self.today_staff, TODAY_STAFF, self.today_patients, "today_patients");
        let new = mix(checks, self.new_staff, NEW_STAFF, self.new_patients, "new_patients");
        let cost = [0, 1, 2].map(|i| checks.check(money(self.cost[i], COST[i])));
        let transition =
            checks.check(bounded(self.transition, 2, 100, 1000, "transition", "error-workforce-transition"));
        let turnover_rate = checks.check(pct(self.turnover_rate, "turnover_rate"));
        let cost_per_leaver = checks.check(money(self.cost_per_leaver, "cost_per_leaver"));
        let turnover_reduction = checks.check(pct(self.turnover_reduction, "turnover_reduction"));
        let absence_rate = checks.check(pct(self.absence_rate, "absence_rate"));
        let absence_reduction = checks.check(pct(self.absence_reduction, "absence_reduction"));
        Some(CaseInputs {
            team_fte: Hundredths(team_fte?),
            headcount: headcount?,
            patients_per_shift: patients_per_shift?,
            today: today?,
            new: new?,
            cost: [Cents(cost[0]?), Cents(cost[1]?), Cents(cost[2]?)],
            transition: Hundredths(transition?),
            turnover_rate: Rate(turnover_rate?),
            cost_per_leaver: Cents(cost_per_leaver?),
            turnover_reduction: Rate(turnover_reduction?),
            absence_rate: Rate(absence_rate?),
            absence_reduction: Rate(absence_reduction?),
        })
    }
}

/// A value on the page: which kind decides how it is written.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Quantity {
    Money(Cents),
    Percent(Rate),
    /// FTE, years, professionals per shift: two decimals.
    Number(Hundredths),
    Count(i64),
    /// A skill mix as a ratio.
    Ratio(Mix),
}

/// One figure of the case: `key` names it and its formula
/// (`workforce-line-{key}`, `workforce-formula-{key}`); `uses` are the
/// inputs and earlier figures the formula takes, by name.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Line {
    pub key: &'static str,
    pub value: Quantity,
    pub uses: Vec<(&'static str, Quantity)>,
}

/// One year of the five-year projection.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Year {
    pub year: i64,
    pub structural: Cents,
    pub turnover: Cents,
    pub absence: Cents,
    pub total: Cents,
    pub cumulative: Cents,
}

/// The figures of a business case.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BusinessCase {
    /// The team's FTE in the new mix, for the same patients.
    pub fte_new: Hundredths,
    pub wage_bill_today: Cents,
    pub wage_bill_new: Cents,
    /// What the new model costs less per year once it stands (seed: € 400,000).
    pub structural: Cents,
    /// The saving per year during the transition (seed: € 267,000).
    pub per_year_in_transition: Cents,
    pub turnover: Cents,
    pub absence: Cents,
    /// The yearly total during the transition (seed: € 325,000).
    pub total: Cents,
    pub lines: Vec<Line>,
    pub projection: Vec<Year>,
}

/// The average gross cost per FTE of a mix, in cents (exact, then rounded once).
fn average_cost(mix: &Mix, cost: &[Cents; 3]) -> Cents {
    let sum: i128 = (0..3).map(|i| mix.staff[i] as i128 * cost[i].0 as i128).sum();
    Cents(div_round(sum, mix.total() as i128) as i64)
}

/// `amount × a × b`, `a` and `b` rates.
fn of_rates(amount: i128, a: Rate, b: Rate) -> Cents {
    Cents(div_round(amount * a.0 as i128 * b.0 as i128, 100_000_000) as i64)
}

/// How many years of the projection: the board looks five years ahead.
pub const PROJECTION_YEARS: i64 = 5;

impl CaseInputs {
    pub fn calculate(&self) -> BusinessCase {
        use Quantity::*;
        let i = self;
        let avg_today = average_cost(&i.today, &i.cost);
        let avg_new = average_cost(&i.new, &i.cost);
        let wage_bill_today = Cents(div_round(i.team_fte.0 as i128 * avg_today.0 as i128, 100) as i64);
        // The same patients need FTE in proportion to professionals per patient.
        let fte_new = Hundredths(div_round(
            i.team_fte.0 as i128 * i.new.total() as i128 * i.today.patients as i128,
            i.new.patients as i128 * i.today.total() as i128,
        ) as i64);
        let wage_bill_new = Cents(div_round(fte_new.0 as i128 * avg_new.0 as i128, 100) as i64);
        let structural = Cents(wage_bill_today.0 - wage_bill_new.0);
        let per_year = Cents(div_round(structural.0 as i128 * 100, i.transition.0 as i128) as i64);
        let turnover =
            of_rates(i.headcount as i128 * i.cost_per_leaver.0 as i128, i.turnover_rate, i.turnover_reduction);
        let absence = of_rates(wage_bill_today.0 as i128, i.absence_rate, i.absence_reduction);
        let total = Cents(per_year.0 + turnover.0 + absence.0);
        let per_shift = |mix: &Mix| {
            Hundredths(div_round(i.patients_per_shift as i128 * mix.total() as i128 * 100, mix.patients as i128) as i64)
        };
        let costs = [
            ("cost_bachelor", Money(i.cost[0])),
            ("cost_vocational", Money(i.cost[1])),
            ("cost_support", Money(i.cost[2])),
        ];
        let with_costs = |first: (&'static str, Quantity)| {
            let mut v = vec![first];
            v.extend(costs);
            v
        };
        let lines = vec![
            Line {
                key: "staff_per_shift_today",
                value: Number(per_shift(&i.today)),
                uses: vec![("patients_per_shift", Count(i.patients_per_shift)), ("mix_today", Ratio(i.today))],
            },
            Line {
                key: "staff_per_shift_new",
                value: Number(per_shift(&i.new)),
                uses: vec![("patients_per_shift", Count(i.patients_per_shift)), ("mix_new", Ratio(i.new))],
            },
            Line {
                key: "average_cost_today",
                value: Money(avg_today),
                uses: with_costs(("mix_today", Ratio(i.today))),
            },
            Line {
                key: "wage_bill_today",
                value: Money(wage_bill_today),
                uses: vec![("team_fte", Number(i.team_fte)), ("average_cost_today", Money(avg_today))],
            },
            Line {
                key: "fte_new",
                value: Number(fte_new),
                uses: vec![("team_fte", Number(i.team_fte)), ("mix_today", Ratio(i.today)), ("mix_new", Ratio(i.new))],
            },
            Line { key: "average_cost_new", value: Money(avg_new), uses: with_costs(("mix_new", Ratio(i.new))) },
            Line {
                key: "wage_bill_new",
                value: Money(wage_bill_new),
                uses: vec![("fte_new", Number(fte_new)), ("average_cost_new", Money(avg_new))],
            },
            Line {
                key: "structural",
                value: Money(structural),
                uses: vec![("wage_bill_today", Money(wage_bill_today)), ("wage_bill_new", Money(wage_bill_new))],
            },
            Line {
                key: "per_year_in_transition",
                value: Money(per_year),
                uses: vec![("structural", Money(structural)), ("transition", Number(i.transition))],
            },
            Line {
                key: "turnover",
                value: Money(turnover),
                uses: vec![
                    ("headcount", Count(i.headcount)),
                    ("turnover_rate", Percent(i.turnover_rate)),
                    ("cost_per_leaver", Money(i.cost_per_leaver)),
                    ("turnover_reduction", Percent(i.turnover_reduction)),
                ],
            },
            Line {
                key: "absence",
                value: Money(absence),
                uses: vec![
                    ("wage_bill_today", Money(wage_bill_today)),
                    ("absence_rate", Percent(i.absence_rate)),
                    ("absence_reduction", Percent(i.absence_reduction)),
                ],
            },
            Line {
                key: "total",
                value: Money(total),
                uses: vec![
                    ("per_year_in_transition", Money(per_year)),
                    ("turnover", Money(turnover)),
                    ("absence", Money(absence)),
                ],
            },
        ];
        let mut projection = Vec::new();
        let mut cumulative = 0;
        for year in 1..=PROJECTION_YEARS {
            // The part of this year (in hundredths) that falls in the transition:
            // that part saves at the transition's yearly rate, the rest the full model.
            let within = (i.transition.0 - (year - 1) * 100).clamp(0, 100) as i128;
            let t = i.transition.0 as i128;
            let s = Cents(div_round(structural.0 as i128 * (within * 100 + (100 - within) * t), 100 * t) as i64);
            let total = s.0 + turnover.0 + absence.0;
            cumulative += total;
            projection.push(Year {
                year,
                structural: s,
                turnover,
                absence,
                total: Cents(total),
                cumulative: Cents(cumulative),
            });
        }
        BusinessCase {
            fte_new,
            wage_bill_today,
            wage_bill_new,
            structural,
            per_year_in_transition: per_year,
            turnover,
            absence,
            total,
            lines,
            projection,
        }
    }
}

/// How the yearly total moves when one input moves 20 % down and up.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Swing {
    /// The input, by its form name.
    pub input: &'static str,
    /// The total with the input 20 % lower, and 20 % higher.
    pub low: Cents,
    pub high: Cents,
}

impl Swing {
    pub fn spread(&self) -> i64 {
        (self.high.0 - self.low.0).abs()
    }
}

/// The step of the sensitivity analysis: each input ±20 %.
pub const SENSITIVITY_PERCENT: i64 = 20;

impl CaseInputs {
    /// The inputs with `input` scaled to `percent` of itself (rounded, and
    /// kept in range: a rate at most 100 %, a transition at least a year).
    fn scaled(&self, input: &str, percent: i64) -> CaseInputs {
        let s = |v: i64| div_round(v as i128 * percent as i128, 100) as i64;
        let rate = |r: Rate| Rate(s(r.0).min(Rate::FULL.0));
        let mut i = *self;
        match input {
            "team_fte" => i.team_fte = Hundredths(s(i.team_fte.0)),
            "headcount" => i.headcount = s(i.headcount),
            "cost_bachelor" => i.cost[0] = Cents(s(i.cost[0].0)),
            "cost_vocational" => i.cost[1] = Cents(s(i.cost[1].0)),
            "cost_support" => i.cost[2] = Cents(s(i.cost[2].0)),
            "transition" => i.transition = Hundredths(s(i.transition.0).max(100)),
            "turnover_rate" => i.turnover_rate = rate(i.turnover_rate),
            "cost_per_leaver" => i.cost_per_leaver = Cents(s(i.cost_per_leaver.0)),
            "turnover_reduction" => i.turnover_reduction = rate(i.turnover_reduction),
            "absence_rate" => i.absence_rate = rate(i.absence_rate),
            "absence_reduction" => i.absence_reduction = rate(i.absence_reduction),
            _ => {}
        }
        i
    }

    /// Each money or rate input moved ±20 %, largest effect on the total
    /// first: what the tornado chart draws. (The skill mixes are the model
    /// itself, not an estimate, and stay as they are.)
    pub fn sensitivity(&self) -> Vec<Swing> {
        const INPUTS: [&str; 11] = [
            "team_fte",
            "headcount",
            "cost_bachelor",
            "cost_vocational",
            "cost_support",
            "transition",
            "turnover_rate",
            "cost_per_leaver",
            "turnover_reduction",
            "absence_rate",
            "absence_reduction",
        ];
        let mut swings: Vec<Swing> = INPUTS
            .iter()
            .map(|input| Swing {
                input,
                low: self.scaled(input, 100 - SENSITIVITY_PERCENT).calculate().total,
                high: self.scaled(input, 100 + SENSITIVITY_PERCENT).calculate().total,
            })
            .collect();
        swings.sort_by_key(|s| std::cmp::Reverse(s.spread()));
        swings
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn near(actual: Cents, euros: i64) {
        assert!((actual.0 - euros * 100).abs() <= 100_000, "{actual:?} is not within € 1,000 of € {euros}");
    }

    #[test]
    fn seed_004_comes_out_from_its_inputs() {
        let case = CaseInputs::SEED_004.calculate();
        assert_eq!(case.wage_bill_today, Cents(200_000_000), "the seed's wage bill of € 2 million");
        near(case.structural, 400_000);
        near(case.per_year_in_transition, 267_000);
        near(case.turnover, 25_000);
        near(case.absence, 33_000);
        near(case.total, 325_000);
        assert_eq!(case.structural, Cents(40_000_000));
        assert_eq!(case.per_year_in_transition, Cents(26_666_667));
        assert_eq!(case.total, Cents(26_666_667 + 2_475_000 + 3_300_000));
    }

    #[test]
    fn every_money_line_adds_up_from_the_values_it_names() {
        let case = CaseInputs::SEED_004.calculate();
        let line = |k: &str| case.lines.iter().find(|l| l.key == k).unwrap();
        let total = line("total");
        let parts: i64 = total
            .uses
            .iter()
            .map(|(_, q)| match q {
                Quantity::Money(c) => c.0,
                other => panic!("{other:?}"),
            })
            .sum();
        assert_eq!(total.value, Quantity::Money(Cents(parts)));
        assert_eq!(line("fte_new").value, Quantity::Number(Hundredths(2500)), "same staff per patient");
        assert_eq!(line("staff_per_shift_new").value, Quantity::Number(Hundredths(600)));
        let new = CaseInputs::SEED_004.new.fte_per_role(case.fte_new);
        assert_eq!(new, [Hundredths(833), Hundredths(833), Hundredths(833)], "a third each of 25 FTE");
        for l in &case.lines {
            assert!(!l.uses.is_empty(), "{} names its inputs", l.key);
        }
    }

    #[test]
    fn the_projection_saves_at_the_transition_rate_then_the_full_model() {
        let case = CaseInputs::SEED_004.calculate();
        let p = &case.projection;
        assert_eq!(p.len(), 5);
        assert_eq!(p[0].structural, Cents(26_666_667));
        assert_eq!(p[0].total, case.total);
        assert_eq!(p[1].structural, Cents(33_333_333), "half a year at each rate");
        assert_eq!(p[2].structural, Cents(40_000_000));
        assert_eq!(p[4].cumulative.0, p.iter().map(|y| y.total.0).sum::<i64>());
        let two_years = CaseInputs { transition: Hundredths(200), ..CaseInputs::SEED_004 }.calculate();
        assert_eq!(two_years.per_year_in_transition, Cents(20_000_000));
        assert_eq!(two_years.projection[1].structural, Cents(20_000_000));
    }

    #[test]
    fn sensitivity_moves_each_input_twenty_percent_largest_first() {
        let swings = CaseInputs::SEED_004.sensitivity();
        assert_eq!(swings.len(), 11);
        assert!(swings.windows(2).all(|w| w[0].spread() >= w[1].spread()));
        let of = |name: &str| *swings.iter().find(|s| s.input == name).unwrap();
        let base = CaseInputs::SEED_004.calculate().total.0;
        // Half the turnover saving of € 24,750 is linear in the reduction: ±€ 4,950.
        let t = of("turnover_reduction");
        assert_eq!((t.low.0 - base, t.high.0 - base), (-495_000, 495_000));
        // A longer transition saves less per year: 1.2 years → € 333,333; 1.8 → € 222,222.
        let tr = of("transition");
        assert_eq!(tr.low.0 - base, 33_333_333 - 26_666_667);
        assert_eq!(tr.high.0 - base, 22_222_222 - 26_666_667);
        // The bachelor nurse's cost weighs most: it is the whole wage bill today.
        assert_eq!(swings[0].input, "cost_bachelor");
    }

    fn text<'a>() -> CaseText<'a> {
        CaseText {
            team_fte: "25",
            headcount: "33",
            patients_per_shift: "24",
            today_staff: ["1", "0", "0"],
            today_patients: "4",
            new_staff: ["1", "1", "1"],
            new_patients: "12",
            cost: ["80.000", "64.000", "48.000"],
            transition: "1,5",
            turnover_rate: "15",
            cost_per_leaver: "10.000",
            turnover_reduction: "50",
            absence_rate: "7,5",
            absence_reduction: "22",
        }
    }

    #[test]
    fn typed_seed_inputs_are_the_seed() {
        let mut checks = Checks::default();
        assert_eq!(text().check(&mut checks), Some(CaseInputs::SEED_004));
        checks.finish().unwrap();
    }

    #[test]
    fn bad_input_names_every_field() {
        let mut checks = Checks::default();
        let bad = CaseText {
            team_fte: "-3",
            absence_rate: "250",
            transition: "0,5",
            new_staff: ["0", "0", "0"],
            cost_per_leaver: "tienduizend",
            headcount: "",
            ..text()
        };
        assert_eq!(bad.check(&mut checks), None);
        let crate::Error::Invalid(fields) = checks.finish().unwrap_err() else { panic!() };
        let got: Vec<_> = fields.iter().map(|f| (f.field, f.key)).collect();
        assert_eq!(
            got,
            [
                ("team_fte", "error-workforce-fte"),
                ("headcount", "error-workforce-required"),
                ("new_bachelor", "error-workforce-mix-empty"),
                ("transition", "error-workforce-transition"),
                ("cost_per_leaver", "error-workforce-not-a-number"),
                ("absence_rate", "error-workforce-percentage"),
            ]
        );
    }
}
