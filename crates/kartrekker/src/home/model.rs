//! What the home page shows: the things a person can do now, and what the
//! teams, trajectories and cycles they lead stand at.

use crate::actions::ActionCard;
use crate::dates::Date;
use crate::organisations::anonymity::Threshold;
use crate::organisations::{Team, TeamRole};
use crate::trajectories::{Phase, SessionKind, StartTime};

/// An intake questionnaire of one of the person's teams, not yet answered.
#[derive(Clone, Debug)]
pub struct IntakeToAnswer {
    pub team_id: i64,
    pub team: String,
    pub trajectory_id: i64,
}

/// A questionnaire of a reflection cycle still to submit: the person's own
/// self-evaluation, or feedback a colleague asked of them.
#[derive(Clone, Debug)]
pub struct QuestionnaireToFill {
    pub cycle_id: i64,
    pub title: String,
    pub team: String,
    /// The colleague who asked for feedback; none for the self-evaluation.
    pub about: Option<String>,
    /// The response once it was opened (a draft), to go on with.
    pub response_id: Option<i64>,
    pub due: Date,
}

/// "Did this help?" at the evaluation the team works on now, with the
/// number of agreed actions the person has not answered for.
#[derive(Clone, Debug)]
pub struct VoteOpen {
    pub team_id: i64,
    pub team: String,
    pub trajectory_id: i64,
    pub date: Option<Date>,
    pub unanswered: i64,
}

/// A session of one of the person's teams, still to come.
#[derive(Clone, Debug)]
pub struct UpcomingSession {
    pub id: i64,
    pub kind: SessionKind,
    pub date: Date,
    pub start_time: Option<StartTime>,
    pub location: String,
    pub team_id: i64,
    pub team: String,
    pub trajectory_id: i64,
}

/// A colleague's action plan the person follows as buddy.
#[derive(Clone, Debug)]
pub struct BuddyPlan {
    pub cycle_id: i64,
    pub title: String,
    pub person_id: i64,
    pub person: String,
    pub follow_up: Option<Date>,
}

/// A team and where its trajectory stands: for its leader, its trainer and
/// the program leader.
#[derive(Clone, Debug)]
pub struct TeamStanding {
    pub team_id: i64,
    pub team: String,
    pub trajectory_id: Option<i64>,
    pub phase: Option<Phase>,
    pub next_session: Option<Date>,
    /// Open actions past their due date.
    pub overdue: i64,
    /// An evaluation the team works towards has no date.
    pub no_evaluation_planned: bool,
}

/// A running reflection cycle the person leads, as counts only: never who
/// has or has not answered. The counts leave out the person themselves.
#[derive(Clone, Debug)]
pub struct CycleProgress {
    pub cycle_id: i64,
    pub title: String,
    pub team: String,
    pub participants: i64,
    pub answered: i64,
    pub feedback_closed: bool,
    /// The organisation's minimum group size, or the cycle's when higher.
    pub threshold: Threshold,
}

impl CycleProgress {
    /// Fewer others in the group than the threshold: the counts would say
    /// too much about the few, so they are not shown.
    pub fn too_small(&self) -> bool {
        !self.threshold.met(self.participants, false)
    }
    /// So few have answered that the count would point at them: the page
    /// says "fewer than" the threshold instead.
    pub fn few_answered(&self) -> bool {
        !self.threshold.met(self.answered, false)
    }
}

/// Everything on one person's home page.
#[derive(Clone, Debug, Default)]
pub struct Home {
    pub intakes: Vec<IntakeToAnswer>,
    pub questionnaires: Vec<QuestionnaireToFill>,
    pub votes: Vec<VoteOpen>,
    pub sessions: Vec<UpcomingSession>,
    /// The actions the person pulls, overdue first.
    pub actions: Vec<ActionCard>,
    pub buddy_plans: Vec<BuddyPlan>,
    /// Teams the person leads (team leader or medical manager).
    pub led_teams: Vec<TeamStanding>,
    /// Trajectories the person is trainer of.
    pub trained: Vec<TeamStanding>,
    /// For a program leader: teams with overdue actions or no evaluation planned.
    pub attention: Option<Vec<TeamStanding>>,
    pub cycles: Vec<CycleProgress>,
    pub teams: Vec<(Team, Vec<TeamRole>)>,
    /// portfolio
    pub portfolio: crate::portfolio::notices::PortfolioHome,
    /// Verwonderpunten waiting for the person's triage, or their own decided on.
    pub verwonder: Vec<crate::improvement::home::VerwonderItem>,
    /// Decisions asking for input or the fairness answer, or just made.
    pub decisions: Vec<crate::decisions::home::DecisionItem>,
    /// For a team's leaders: decisions whose review date has come.
    pub decision_reviews: Vec<crate::decisions::home::ReviewDue>,
    // meetings (issue 17)
    /// The person's meetings of today and the coming days.
    pub meetings: Vec<crate::meetings::Meeting>,
    /// Meetings whose chair asks the person for feedback.
    pub chair_feedback: Vec<crate::meetings::Meeting>,
    /// pulse: a round to answer, results of a led team, new results for HR.
    pub pulse: crate::pulse::home::PulseHome,
}

impl Home {
    /// Nothing asks for the person's part now.
    pub fn nothing_to_do(&self) -> bool {
        self.intakes.is_empty()
            && self.questionnaires.is_empty()
            && self.votes.is_empty()
            && self.sessions.is_empty()
            && self.actions.is_empty()
            && self.buddy_plans.is_empty()
            && self.portfolio.is_empty()
            && self.decisions.is_empty()
            && self.decision_reviews.is_empty()
            && self.verwonder.is_empty()
            && self.meetings.is_empty()
            && self.chair_feedback.is_empty()
            && self.pulse.is_empty()
    }
}
