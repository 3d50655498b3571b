//! Verwonder & Verbeter: verwonderpunten (what made someone wonder), their
//! triage, and the improvement projects that grow from them.

use crate::actions::model::{optional_text, text};
use crate::error::FieldError;

crate::codes! {
    /// Where a verwonderpunt stands.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum PointStatus {
        /// Posted, waiting for triage.
        New = "new",
        /// Not now, with a reason the poster sees.
        NotNow = "not_now",
        /// Fixed at once: an action in the register.
        QuickFix = "quick_fix",
        /// Taken up as an improvement project.
        Project = "project",
        /// Merged into another point, which carries its posters and supports.
        Merged = "merged",
    }
}

crate::codes! {
    /// The team's choice at triage.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum Triage {
        NotNow = "not_now",
        QuickFix = "quick_fix",
        Project = "project",
    }
}

crate::codes! {
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum ProjectStatus {
        Running = "running",
        Closed = "closed",
    }
}

/// One verwonderpunt as the list and its page show it.
#[derive(Clone, Debug)]
pub struct Point {
    pub id: i64,
    pub org_id: i64,
    pub team_id: i64,
    pub team: String,
    pub title: String,
    pub body: String,
    pub anonymous: bool,
    pub status: PointStatus,
    pub reason: String,
    pub merged_into: Option<i64>,
    pub action_id: Option<i64>,
    pub project_id: Option<i64>,
    pub support: i64,
    pub created_at: i64,
}

#[derive(Clone, Debug)]
pub struct Comment {
    pub at: i64,
    pub author: String,
    pub text: String,
}

/// Who posted a point, as its page shows them: the anonymous are never named.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Poster {
    pub person_id: i64,
    pub name: String,
    pub anonymous: bool,
}

/// What made someone wonder, in a line: the one field a phone must fill.
pub fn point_title(raw: &str) -> Result<String, FieldError> {
    text(raw, "title", 200, "vv-error-title-required")
}

/// More about it, if the poster wants to say more.
pub fn point_body(raw: &str) -> Result<String, FieldError> {
    optional_text(raw, "body", 4000)
}

pub fn comment_text(raw: &str) -> Result<String, FieldError> {
    text(raw, "text", 4000, "vv-error-comment-required")
}

/// Why not now: the poster reads it, so it may not be empty.
pub fn not_now_reason(raw: &str) -> Result<String, FieldError> {
    text(raw, "reason", 2000, "vv-error-reason-required")
}

pub fn project_title(raw: &str) -> Result<String, FieldError> {
    text(raw, "title", 200, "vv-error-project-title-required")
}

pub fn problem_text(raw: &str) -> Result<String, FieldError> {
    text(raw, "problem", 4000, "vv-error-problem-required")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_title_is_needed_and_short() {
        assert_eq!(point_title("  Waarom geen gordijn?  ").unwrap(), "Waarom geen gordijn?");
        assert_eq!(point_title(" ").unwrap_err().key, "vv-error-title-required");
        assert_eq!(point_title(&"x".repeat(201)).unwrap_err().key, "error-text-too-long");
        assert_eq!(point_body("").unwrap(), "");
        assert_eq!(not_now_reason("").unwrap_err().field, "reason");
    }
}

/// An improvement project: a kartrekker, a problem, an aim and a measure.
#[derive(Clone, Debug)]
pub struct Project {
    pub id: i64,
    pub org_id: i64,
    pub team_id: i64,
    pub team: String,
    pub point_id: Option<i64>,
    pub title: String,
    pub kartrekker_id: i64,
    pub kartrekker: String,
    pub problem: String,
    pub aim_what: String,
    pub aim_how_much: String,
    pub aim_by: Option<crate::dates::Date>,
    pub measure_name: String,
    pub measure_unit: String,
    pub higher_is_better: bool,
    pub baseline_until: Option<crate::dates::Date>,
    pub status: ProjectStatus,
    pub result: String,
    pub created_at: i64,
}

/// The aim and the measure as the project's form sends them.
#[derive(Clone, Debug, Default)]
pub struct ProjectInput<'a> {
    pub aim_what: &'a str,
    pub aim_how_much: &'a str,
    pub aim_by: &'a str,
    pub measure_name: &'a str,
    pub measure_unit: &'a str,
    /// "higher" or "lower".
    pub better: &'a str,
    pub baseline_until: &'a str,
}

pub struct CheckedProject {
    pub aim_what: String,
    pub aim_how_much: String,
    pub aim_by: Option<crate::dates::Date>,
    pub measure_name: String,
    pub measure_unit: String,
    pub higher_is_better: bool,
    pub baseline_until: Option<crate::dates::Date>,
}

impl ProjectInput<'_> {
    pub(crate) fn check(&self) -> Result<CheckedProject, crate::Error> {
        let mut checks = crate::Checks::default();
        let aim_what = checks.check(text(self.aim_what, "aim_what", 2000, "vv-error-aim-required"));
        let aim_how_much = checks.check(optional_text(self.aim_how_much, "aim_how_much", 200));
        let aim_by = checks.check(crate::dates::Date::parse_optional(self.aim_by, "aim_by"));
        let measure_name = checks.check(text(self.measure_name, "measure_name", 200, "vv-error-measure-required"));
        let measure_unit = checks.check(optional_text(self.measure_unit, "measure_unit", 50));
        let higher_is_better = match self.better {
            "higher" => Some(true),
            "lower" => Some(false),
            _ => {
                checks.push("better", "vv-error-better");
                None
            }
        };
        let baseline_until = checks.check(crate::dates::Date::parse_optional(self.baseline_until, "baseline_until"));
        checks.finish()?;
        match (aim_what, aim_how_much, aim_by, measure_name, measure_unit, higher_is_better, baseline_until) {
            (
                Some(aim_what),
                Some(aim_how_much),
                Some(aim_by),
                Some(measure_name),
                Some(measure_unit),
                Some(h),
                Some(b),
            ) => Ok(CheckedProject {
                aim_what,
                aim_how_much,
                aim_by,
                measure_name,
                measure_unit,
                higher_is_better: h,
                baseline_until: b,
            }),
            _ => Err(crate::Error::Internal("checked project missing".into())),
        }
    }
}

/// What the project achieved: the posters of its point read it.
pub fn result_text(raw: &str) -> Result<String, FieldError> {
    text(raw, "result", 4000, "vv-error-result-required")
}

/// One PDCA cycle of a project: plan, do, study, act, with its dates.
#[derive(Clone, Debug)]
pub struct Cycle {
    pub id: i64,
    pub project_id: i64,
    pub starts_on: crate::dates::Date,
    pub ends_on: Option<crate::dates::Date>,
    pub plan: String,
    pub done: String,
    pub study: String,
    pub act: String,
    pub created_at: i64,
}

/// A cycle as its form sends it.
#[derive(Clone, Debug, Default)]
pub struct CycleInput<'a> {
    pub starts_on: &'a str,
    pub ends_on: &'a str,
    pub plan: &'a str,
    pub done: &'a str,
    pub study: &'a str,
    pub act: &'a str,
}

#[derive(Debug)]
pub struct CheckedCycle {
    pub starts_on: crate::dates::Date,
    pub ends_on: Option<crate::dates::Date>,
    pub plan: String,
    pub done: String,
    pub study: String,
    pub act: String,
}

impl CycleInput<'_> {
    /// A cycle starts with a date and a plan; it ends (if it says so) on or
    /// after it starts. Every problem at once.
    pub(crate) fn check(&self) -> Result<CheckedCycle, crate::Error> {
        let mut checks = crate::Checks::default();
        let starts_on = checks.check(crate::dates::Date::parse(self.starts_on, "starts_on"));
        let ends_on = checks.check(crate::dates::Date::parse_optional(self.ends_on, "ends_on"));
        let plan = checks.check(text(self.plan, "plan", 4000, "improvement-error-plan-required"));
        let done = checks.check(optional_text(self.done, "done", 4000));
        let study = checks.check(optional_text(self.study, "study", 4000));
        let act = checks.check(optional_text(self.act, "act", 4000));
        if let (Some(start), Some(Some(end))) = (starts_on, ends_on)
            && end < start
        {
            checks.push("ends_on", "improvement-error-ends-before-start");
        }
        checks.finish()?;
        match (starts_on, ends_on, plan, done, study, act) {
            (Some(starts_on), Some(ends_on), Some(plan), Some(done), Some(study), Some(act)) => {
                Ok(CheckedCycle { starts_on, ends_on, plan, done, study, act })
            }
            _ => Err(crate::Error::Internal("checked cycle missing".into())),
        }
    }
}

/// An action agreed in a cycle, as the project's page lists it.
#[derive(Clone, Debug)]
pub struct CycleAction {
    pub cycle_id: i64,
    pub id: i64,
    pub title: String,
    pub kartrekker: String,
    pub status: crate::actions::Status,
    pub due_date: Option<crate::dates::Date>,
}

/// A closed project on the team's wall of "what we changed".
#[derive(Clone, Debug)]
pub struct ClosedProject {
    pub id: i64,
    pub title: String,
    pub kartrekker: String,
    pub result: String,
    pub created_at: i64,
    pub closed_at: i64,
}

/// A quick fix whose action is done, on the team's wall. The point's title
/// is there only when it was posted with a name (0017).
#[derive(Clone, Debug)]
pub struct DoneFix {
    pub action_id: i64,
    pub title: String,
    pub result: String,
    pub point_id: i64,
    pub point: Option<String>,
    pub created_at: i64,
    pub done_at: i64,
}

/// A team's improvement projects by status, in the organisation's overview.
#[derive(Clone, Debug)]
pub struct TeamProjects {
    pub department: String,
    pub team_id: i64,
    pub team: String,
    pub running: i64,
    pub closed: i64,
}

/// A running project in the organisation's overview.
#[derive(Clone, Debug)]
pub struct RunningProject {
    pub id: i64,
    pub team_id: i64,
    pub title: String,
    pub kartrekker: String,
    pub baseline_until: Option<crate::dates::Date>,
}

#[cfg(test)]
mod cycle_tests {
    use super::*;

    #[test]
    fn a_cycle_needs_a_start_and_a_plan_and_ends_after_it_starts() {
        let ok =
            CycleInput { starts_on: "2026-02-02", ends_on: "2026-03-01", plan: " Bedhekken ", ..Default::default() };
        let c = ok.check().unwrap();
        assert_eq!((c.plan.as_str(), c.ends_on.map(|d| d.to_string())), ("Bedhekken", Some("2026-03-01".into())));
        let bad = CycleInput { starts_on: "2026-02-02", ends_on: "2026-01-01", plan: "", ..Default::default() };
        let crate::Error::Invalid(errors) = bad.check().unwrap_err() else { panic!("not invalid") };
        let keys: Vec<_> = errors.iter().map(|e| (e.field, e.key)).collect();
        assert_eq!(
            keys,
            [("plan", "improvement-error-plan-required"), ("ends_on", "improvement-error-ends-before-start")]
        );
        let none = CycleInput { plan: "x", ..Default::default() };
        assert!(none.check().is_err(), "a start date is needed");
    }
}
