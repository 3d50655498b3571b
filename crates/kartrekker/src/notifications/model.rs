//! The kinds of notice, how a person wants each, and the events they are about.

use serde::{Deserialize, Serialize};

use crate::mail::Attachment;

crate::codes! {
    /// Kinds of e-mail a person can choose how to receive.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
    pub enum NoticeKind {
        /// A trajectory's intake questionnaire is open for the team.
        IntakeOpened = "intake_opened",
        /// A trajectory session is planned or moved (with its .ics).
        SessionPlanned = "session_planned",
        /// The evaluation's "did this help?" vote is open.
        EvaluationOpen = "evaluation_open",
        /// Made kartrekker of an action.
        Kartrekker = "kartrekker",
        /// A reflection cycle started with the person in its group.
        CycleStarted = "cycle_started",
        /// A colleague asks the person for feedback.
        FeedbackRequested = "feedback_requested",
        /// A deadline is near: an action's due date or a reflection step.
        DueSoon = "due_soon",
        /// The feedback is closed and the results are ready.
        ResultsReady = "results_ready",
        /// Named buddy on a colleague's action plan.
        BuddyNamed = "buddy_named",
        /// An action is past its due date (weekly).
        Overdue = "overdue",
        /// The team leader's weekly list of the team's overdue actions.
        TeamOverdue = "team_overdue",
        /// To the trainer and the team's leaders: the (re-)evaluation is near.
        EvaluationReminder = "evaluation_reminder",
        /// To a participant and their buddy: the follow-up of the action plan is near.
        PlanFollowUp = "plan_follow_up",
        // portfolio
        /// A resident asks the person (who has an account) for feedback.
        PortfolioFeedbackAsked = "portfolio_feedback_asked",
        /// To a resident: feedback they asked for came in.
        PortfolioFeedbackReceived = "portfolio_feedback_received",
        /// To an opleider: a resident shared their profile plan.
        PortfolioPlanShared = "portfolio_plan_shared",
        /// To a resident: a gentle nudge when nothing was logged for a month (at most monthly).
        PortfolioNudge = "portfolio_nudge",
        /// To a resident: her opleider commented on what she shared.
        PortfolioComment = "portfolio_comment",
        // improvement: a poster hears what became of their verwonderpunt
        VerwonderpuntAnswered = "verwonderpunt_answered",
        /// To a team leader: a new verwonderpunt in their team waits for a decision.
        VerwonderpuntPosted = "verwonderpunt_posted",
        /// A decision of the person's team asks for their input before a deadline.
        DecisionInput = "decision_input",
        /// A decision of the person's team was made.
        DecisionMade = "decision_made",
        /// To a team's leaders: a decision's review date has come.
        DecisionReviewDue = "decision_review_due",
        // meetings (issue 17)
        /// The chair closed a meeting the person attended: its minutes.
        MinutesSent = "minutes_sent",
        /// The chair of a meeting the person attended asks for feedback on their chairing.
        ChairFeedbackAsked = "chair_feedback_asked",
        /// pulse: a round of the person's team's workload pulse is open.
        PulseOpen = "pulse_open",
    }
}

crate::codes! {
    /// How a person wants a kind of e-mail.
    #[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Default)]
    pub enum Delivery {
        #[default]
        Immediately = "immediately",
        DailyDigest = "daily_digest",
        Never = "never",
    }
}

/// What a notice is about, with what the handler needs to check at send
/// time that it still holds (a date, a time): a job's payload.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Event {
    IntakeOpened {
        trajectory_id: i64,
    },
    /// `at` is the session's date and time when it was planned.
    SessionPlanned {
        trajectory_id: i64,
        session_id: i64,
        at: String,
    },
    EvaluationOpen {
        trajectory_id: i64,
        session_id: i64,
    },
    Kartrekker {
        action_id: i64,
    },
    CycleStarted {
        cycle_id: i64,
    },
    /// `subject_id` asked for the feedback.
    FeedbackRequested {
        cycle_id: i64,
        subject_id: i64,
    },
    ActionDue {
        action_id: i64,
        due: String,
    },
    /// A step of a reflection cycle (a `Step` code) due on `date`.
    StepDue {
        cycle_id: i64,
        step: String,
        date: String,
    },
    ResultsReady {
        cycle_id: i64,
    },
    BuddyNamed {
        cycle_id: i64,
        owner_id: i64,
    },
    Overdue {
        action_id: i64,
        due: String,
    },
    TeamOverdue {
        team_id: i64,
    },
    // portfolio
    PortfolioFeedbackAsked {
        feedback_id: i64,
    },
    PortfolioFeedbackReceived {
        feedback_id: i64,
    },
    PortfolioPlanShared {
        resident_id: i64,
        version: i64,
    },
    /// `since`: the day of her latest activity when queued, or empty for none yet.
    PortfolioNudge {
        since: String,
    },
    PortfolioComment {
        comment_id: i64,
    },
    // improvement (Verwonder & Verbeter): to the posters of a point
    VerwonderpuntPosted {
        point_id: i64,
    },
    DecisionInputAsked {
        decision_id: i64,
    },
    DecisionMade {
        decision_id: i64,
    },
    /// `review_date` is the review date the reminder is for.
    DecisionReviewDue {
        decision_id: i64,
        review_date: String,
    },
    VerwonderpuntAnswered {
        point_id: i64,
        status: String,
    },
    ProjectClosed {
        project_id: i64,
    },
    // meetings (issue 17)
    MinutesSent {
        meeting_id: i64,
    },
    ChairFeedbackAsked {
        meeting_id: i64,
    },
    // pulse
    PulseOpen {
        round_id: i64,
    },
}

impl Event {
    pub fn kind(&self) -> NoticeKind {
        match self {
            Event::IntakeOpened { .. } => NoticeKind::IntakeOpened,
            Event::SessionPlanned { .. } => NoticeKind::SessionPlanned,
            Event::EvaluationOpen { .. } => NoticeKind::EvaluationOpen,
            Event::Kartrekker { .. } => NoticeKind::Kartrekker,
            Event::CycleStarted { .. } => NoticeKind::CycleStarted,
            Event::FeedbackRequested { .. } => NoticeKind::FeedbackRequested,
            Event::ActionDue { .. } | Event::StepDue { .. } => NoticeKind::DueSoon,
            Event::ResultsReady { .. } => NoticeKind::ResultsReady,
            Event::BuddyNamed { .. } => NoticeKind::BuddyNamed,
            Event::Overdue { .. } => NoticeKind::Overdue,
            Event::TeamOverdue { .. } => NoticeKind::TeamOverdue,
            Event::PortfolioFeedbackAsked { .. } => NoticeKind::PortfolioFeedbackAsked,
            Event::PortfolioFeedbackReceived { .. } => NoticeKind::PortfolioFeedbackReceived,
            Event::PortfolioPlanShared { .. } => NoticeKind::PortfolioPlanShared,
            Event::PortfolioNudge { .. } => NoticeKind::PortfolioNudge,
            Event::PortfolioComment { .. } => NoticeKind::PortfolioComment,
            Event::VerwonderpuntAnswered { .. } | Event::ProjectClosed { .. } => NoticeKind::VerwonderpuntAnswered,
            Event::VerwonderpuntPosted { .. } => NoticeKind::VerwonderpuntPosted,
            Event::DecisionInputAsked { .. } => NoticeKind::DecisionInput,
            Event::DecisionMade { .. } => NoticeKind::DecisionMade,
            Event::DecisionReviewDue { .. } => NoticeKind::DecisionReviewDue,
            Event::MinutesSent { .. } => NoticeKind::MinutesSent,
            Event::ChairFeedbackAsked { .. } => NoticeKind::ChairFeedbackAsked,
            Event::PulseOpen { .. } => NoticeKind::PulseOpen,
        }
    }
}

/// A notice as it is sent: the message key's arguments, the page it links
/// to, and perhaps a file.
#[derive(Clone, Debug)]
pub struct Notice {
    pub kind: NoticeKind,
    pub team_id: i64,
    pub team: String,
    /// What it is about: an action's title, a cycle, a colleague's name, ...
    pub subject: String,
    /// A date (and time) in words, or empty.
    pub date: String,
    /// The exact page, from the site's root: `/actions/12`.
    pub path: String,
    pub attachment: Option<Attachment>,
}

impl Notice {
    pub fn args(&self) -> [(&'static str, &str); 3] {
        [("team", &self.team), ("subject", &self.subject), ("date", &self.date)]
    }
}

/// The week a day falls in, counted in whole weeks from a Monday: a weekly
/// notice is one per week number.
pub fn week_number(day: crate::dates::Date) -> i64 {
    let monday = crate::dates::Date::from_ymd(2024, 1, 1).unwrap_or(day);
    monday.days_until(day).div_euclid(7)
}

/// Which reminder of a due date is for `today`, if any: due soon from
/// `reminder_days` before, then overdue once a week from the day after; the
/// number tells the overdue weeks apart.
pub fn due_reminder(
    due: crate::dates::Date,
    reminder_days: i64,
    today: crate::dates::Date,
) -> Option<(NoticeKind, i64)> {
    if today > due {
        Some((NoticeKind::Overdue, (due.days_until(today) - 1) / 7))
    } else if today.days_until(due) <= reminder_days {
        Some((NoticeKind::DueSoon, 0))
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::dates::Date;

    #[test]
    fn overdue_reminders_come_once_a_week() {
        let due = Date::parse("2026-03-10", "d").unwrap();
        assert_eq!(due_reminder(due, 2, due.add_days(-3)), None);
        assert_eq!(due_reminder(due, 2, due.add_days(-2)), Some((NoticeKind::DueSoon, 0)));
        assert_eq!(due_reminder(due, 2, due), Some((NoticeKind::DueSoon, 0)));
        assert_eq!(due_reminder(due, 2, due.add_days(1)), Some((NoticeKind::Overdue, 0)));
        assert_eq!(due_reminder(due, 2, due.add_days(7)), Some((NoticeKind::Overdue, 0)));
        assert_eq!(due_reminder(due, 2, due.add_days(8)), Some((NoticeKind::Overdue, 1)));
    }

    #[test]
    fn a_week_starts_on_monday() {
        let sunday = Date::parse("2026-03-08", "d").unwrap();
        assert_eq!(week_number(sunday) + 1, week_number(sunday.add_days(1)));
        assert_eq!(week_number(sunday.add_days(1)), week_number(sunday.add_days(7)));
    }

    #[test]
    fn events_keep_their_shape_as_job_payloads() {
        let e = Event::SessionPlanned { trajectory_id: 1, session_id: 2, at: "2026-03-10 09:30".into() };
        let json = serde_json::to_string(&e).unwrap();
        assert_eq!(serde_json::from_str::<Event>(&json).unwrap(), e);
        assert_eq!(e.kind(), NoticeKind::SessionPlanned);
    }
}
