//! At send time: does the event still hold, and may the person still see
//! it? Each event becomes a [`Notice`] (team, subject, date, page), or
//! nothing when it is over (done, moved, closed) or the person left.

use super::model::{Event, Notice};
use crate::actions::store as actions;
use crate::dates::Date;
use crate::db::Conn;
use crate::i18n;
use crate::mail::Attachment;
use crate::organisations::{Member, TeamRole, store as orgs};
use crate::people::{Language, store as people};
use crate::reflection::{Step, store as reflection};
use crate::trajectories::{Phase, store as trajectories};
use crate::{Kartrekker, Result};

fn member(members: &[Member], person_id: i64) -> bool {
    members.iter().any(|m| m.person_id == person_id)
}

fn date_text(d: Option<Date>) -> String {
    d.map(Date::dutch).unwrap_or_default()
}

impl Kartrekker {
    pub(super) async fn resolve(
        &self,
        c: &mut Conn,
        person_id: i64,
        event: &Event,
        lang: Language,
    ) -> Result<Option<Notice>> {
        let kind = event.kind();
        let notice = |team_id, team: &str, subject: String, date: String, path: String| Notice {
            kind,
            team_id,
            team: team.to_string(),
            subject,
            date,
            path,
            attachment: None,
        };
        Ok(match event {
            Event::IntakeOpened { trajectory_id } => {
                let Some(t) = trajectories::by_id(c, *trajectory_id).await? else { return Ok(None) };
                let respondent = person_id != t.trainer_id && member(&orgs::members(c, t.team_id).await?, person_id);
                (t.phase == Phase::Intake && respondent).then(|| {
                    let path = format!("/teams/{}/trajectory/{}/intake", t.team_id, t.id);
                    notice(t.team_id, &t.team, String::new(), String::new(), path)
                })
            }
            Event::SessionPlanned { trajectory_id, session_id, at } => {
                let Some(t) = trajectories::by_id(c, *trajectory_id).await? else { return Ok(None) };
                let sessions = trajectories::sessions(c, t.id).await?;
                let Some(s) = sessions.iter().find(|s| s.id == *session_id && s.completed_at.is_none()) else {
                    return Ok(None);
                };
                // Moved again since: the newer notice tells.
                if &super::service::session_moment(s.date, s.start_time) != at
                    || !member(&orgs::members(c, t.team_id).await?, person_id)
                {
                    return Ok(None);
                }
                let label = |key: &str| i18n::t(lang, key).to_string();
                let Some((name, ics)) = self.session_ics(&t.team, s, &label) else { return Ok(None) };
                let what = i18n::t(lang, &format!("trajectory-session-{}", s.kind.code())).to_string();
                let when = format!("{} {}", date_text(s.date), s.start_time.map(|h| h.to_string()).unwrap_or_default());
                let path = format!("/teams/{}/trajectory/{}/sessions/{}", t.team_id, t.id, s.id);
                let mut n = notice(t.team_id, &t.team, what, when.trim().to_string(), path);
                let content_type = "text/calendar; charset=utf-8; method=PUBLISH".to_string();
                n.attachment = Some(Attachment { name, content_type, body: ics });
                Some(n)
            }
            Event::EvaluationOpen { trajectory_id, session_id } => {
                let Some(t) = trajectories::by_id(c, *trajectory_id).await? else { return Ok(None) };
                let sessions = trajectories::sessions(c, t.id).await?;
                let open =
                    crate::trajectories::service::open_evaluation(&sessions).is_some_and(|s| s.id == *session_id);
                let voter = person_id != t.trainer_id && member(&orgs::members(c, t.team_id).await?, person_id);
                (t.phase.is_evaluating() && open && voter).then(|| {
                    let path = format!("/teams/{}/trajectory/{}/evaluations/{session_id}", t.team_id, t.id);
                    notice(t.team_id, &t.team, String::new(), String::new(), path)
                })
            }
            Event::Kartrekker { action_id } => {
                let a = actions::by_id(c, *action_id).await?;
                a.filter(|a| a.status.is_active() && a.kartrekker_id == person_id)
                    .map(|a| notice(a.team_id, &a.team, a.title, date_text(a.due_date), format!("/actions/{}", a.id)))
            }
            Event::ActionDue { action_id, due } | Event::Overdue { action_id, due } => {
                let a = actions::by_id(c, *action_id).await?;
                // Done, dropped, moved to another date or to another kartrekker since: this event is over.
                a.filter(|a| {
                    a.status.is_active()
                        && a.kartrekker_id == person_id
                        && a.due_date.map(|d| d.to_string()).as_deref() == Some(due.as_str())
                })
                .map(|a| notice(a.team_id, &a.team, a.title, date_text(a.due_date), format!("/actions/{}", a.id)))
            }
            Event::TeamOverdue { team_id } => {
                let leads = orgs::members(c, *team_id)
                    .await?
                    .into_iter()
                    .any(|m| m.person_id == person_id && m.roles.contains(&TeamRole::TeamLeader));
                if !leads {
                    return Ok(None);
                }
                let overdue: Vec<_> = actions::overdue_in_teams_of(c, person_id, self.today())
                    .await?
                    .into_iter()
                    .filter(|a| a.team_id == *team_id)
                    .collect();
                let Some(first) = overdue.first() else { return Ok(None) };
                let team = first.team.clone();
                let titles = overdue.iter().map(|a| a.title.as_str()).collect::<Vec<_>>().join(", ");
                Some(notice(*team_id, &team, titles, String::new(), "/actions/overdue".into()))
            }
            Event::PortfolioFeedbackAsked { .. }
            | Event::PortfolioFeedbackReceived { .. }
            | Event::PortfolioPlanShared { .. }
            | Event::PortfolioNudge { .. }
            | Event::PortfolioComment { .. } => self
                .resolve_portfolio(c, person_id, event)
                .await?
                .map(|(subject, date, path)| notice(0, "", subject, date, path)),
            // improvement (Verwonder & Verbeter)
            Event::VerwonderpuntAnswered { .. } | Event::ProjectClosed { .. } | Event::VerwonderpuntPosted { .. } => {
                crate::improvement::notices::resolve(c, person_id, event)
                    .await?
                    .map(|(team_id, team, subject, path)| notice(team_id, &team, subject, String::new(), path))
            }
            Event::DecisionInputAsked { .. } | Event::DecisionMade { .. } | Event::DecisionReviewDue { .. } => {
                crate::decisions::notices::resolve(c, person_id, event, self.today())
                    .await?
                    .map(|(team_id, team, subject, date, path)| notice(team_id, &team, subject, date, path))
            }
            // meetings (issue 17)
            // The minutes go along as a text file.
            Event::MinutesSent { meeting_id } => {
                let Some(m) = crate::meetings::service::minutes_for(c, *meeting_id, person_id).await? else {
                    return Ok(None);
                };
                let body = crate::meetings::service::minutes_text(c, &m, lang).await?;
                let path = format!("/meetings/{}/minutes", m.id);
                let mut n = notice(m.team_id, &m.team, m.title.clone(), m.held_on.dutch(), path);
                let name = format!("{}-{}.txt", i18n::t(lang, "meeting-minutes-title").to_lowercase(), m.held_on);
                n.attachment = Some(Attachment { name, content_type: "text/plain; charset=utf-8".into(), body });
                Some(n)
            }
            Event::ChairFeedbackAsked { meeting_id } => {
                crate::meetings::service::feedback_asked_of(c, *meeting_id, person_id).await?.map(|m| {
                    notice(m.team_id, &m.team, m.chair, m.held_on.dutch(), format!("/meetings/{}/feedback", m.id))
                })
            }
            // pulse
            Event::PulseOpen { round_id } => crate::pulse::notices::resolve(c, person_id, *round_id, self.today())
                .await?
                .map(|(team_id, team, date, path)| notice(team_id, &team, String::new(), date, path)),
            Event::CycleStarted { cycle_id }
            | Event::FeedbackRequested { cycle_id, .. }
            | Event::StepDue { cycle_id, .. }
            | Event::ResultsReady { cycle_id }
            | Event::BuddyNamed { cycle_id, .. } => {
                let Some((cycle, true)) = reflection::with_participant(c, *cycle_id, person_id).await? else {
                    return Ok(None);
                };
                let Some(team) = orgs::team_in_org(c, cycle.org_id, cycle.team_id).await? else { return Ok(None) };
                let id = cycle.id;
                let closed = cycle.feedback_closed_at.is_some();
                let n = |subject, date, path| Some(notice(team.id, &team.name, subject, date, path));
                match event {
                    Event::CycleStarted { .. } if !closed => {
                        let first = Some(cycle.schedule.self_evaluation);
                        n(cycle.title.clone(), date_text(first), format!("/reflection/{id}"))
                    }
                    Event::FeedbackRequested { subject_id, .. }
                        if !closed && reflection::raters_of(c, id, *subject_id).await?.contains(&person_id) =>
                    {
                        let Some(asker) = people::by_id(c, *subject_id).await? else { return Ok(None) };
                        n(asker.name, String::new(), format!("/reflection/{id}"))
                    }
                    Event::StepDue { step, date, .. } => {
                        let Some(step) = Step::from_code(step) else { return Ok(None) };
                        let due = cycle.schedule.date(step);
                        if due.to_string() != *date || self.step_done(c, &cycle, person_id, step).await? {
                            return Ok(None);
                        }
                        let page = match step {
                            Step::Preparation => "/preparation",
                            Step::ActionPlan => "/plan",
                            Step::SelfEvaluation | Step::Conversation => "",
                        };
                        let what = format!("{}: {}", cycle.title, i18n::t(lang, &format!("step-{}", step.code())));
                        n(what, due.dutch(), format!("/reflection/{id}{page}"))
                    }
                    Event::ResultsReady { .. } if closed => {
                        n(cycle.title.clone(), String::new(), format!("/reflection/{id}/results"))
                    }
                    Event::BuddyNamed { owner_id, .. }
                        if reflection::notes(c, id, *owner_id).await?.buddy_id == Some(person_id) =>
                    {
                        let Some(owner) = people::by_id(c, *owner_id).await? else { return Ok(None) };
                        n(owner.name, String::new(), format!("/reflection/{id}/plans/{owner_id}"))
                    }
                    _ => None,
                }
            }
        })
    }

    /// Whether a participant has done a step of the cycle: the
    /// self-evaluation submitted, or the step's minutes recorded.
    async fn step_done(
        &self,
        c: &mut Conn,
        cycle: &crate::reflection::Cycle,
        person_id: i64,
        step: Step,
    ) -> Result<bool> {
        if step == Step::SelfEvaluation {
            let context = crate::reflection::service::self_context(cycle.id);
            let own = crate::questionnaires::store::response_of(c, person_id, &context).await?;
            return Ok(own.is_some_and(|r| r.submitted) || cycle.feedback_closed_at.is_some());
        }
        let minutes = reflection::minutes(c, cycle.id).await?;
        Ok(minutes.iter().any(|(p, s, _)| *p == person_id && *s == step))
    }
}

#[cfg(test)]
mod tests {
    use crate::notifications::NoticeKind;

    #[test]
    fn every_kind_has_a_settings_label() {
        for lang in crate::people::Language::ALL {
            let known = crate::i18n::message_ids(lang);
            for k in NoticeKind::ALL {
                for key in [format!("notice-kind-{}", k.code()), format!("notice-kind-{}-help", k.code())] {
                    assert!(known.contains(&key.as_str()), "{lang:?} lacks {key}");
                }
            }
        }
    }
}
