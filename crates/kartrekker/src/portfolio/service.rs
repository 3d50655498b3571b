//! Rules for the portfolio. It is the resident's: only they write it and see
//! all of it. An opleider sees the residents they train (opleider and
//! resident in one team) and, of those, only what the resident shared; each
//! such read goes into the audit trail. A feedback giver needs no account:
//! a single-use personal link (only its SHA-256 kept) that expires, can be
//! declined, and is renewed once by a reminder.

use std::collections::HashMap;

use super::model::{
    Activity, ActivityInput, Card, CardInput, CardTexts, Comment, Feedback, FeedbackInput, FeedbackStatus, LinkKind,
    Phase, PhaseInfo, Plan, PlanInput, check_answers, comment_text, reflection_text,
};
use super::store::{self, Giver, NewActivity, NewFeedback, ResidentRow};
use crate::actions::{Action, ActionInput, Origin, OriginKind};
use crate::audit::{AuditAction, Entry};
use crate::auth::{Actor, token};
use crate::clock::DAY_MS;
use crate::dates::Date;
use crate::db::Conn;
use crate::jobs::Job;
use crate::mail::messages;
use crate::notifications::Event;
use crate::organisations::TeamRole;
use crate::{Error, Kartrekker, Result};

/// How long a feedback link works.
pub const FEEDBACK_VALID_DAYS: i64 = 14;
/// After this many days without an answer the giver gets the one reminder.
pub const FEEDBACK_REMINDER_DAYS: i64 = 7;
/// The opleider's view marks residents without an activity for this long.
pub const QUIET_DAYS: i64 = 60;

#[derive(Clone, Debug)]
pub struct Resident {
    pub id: i64,
    pub name: String,
}

/// What a linked thing brings along instead of being typed again: its
/// facts as they are now, read from its own area.
#[derive(Clone, Debug)]
pub struct Linked {
    pub kind: LinkKind,
    pub title: String,
    pub href: String,
    /// The day that matters: an action's due date, a meeting's day, the day
    /// a project started or a decision was made (or its input closes).
    pub date: Option<Date>,
    pub team: String,
    /// Its status, as a Fluent key.
    pub status: String,
}

#[derive(Clone, Debug)]
pub struct ActivityView {
    pub activity: Activity,
    pub linked: Option<Linked>,
}

/// A resident's portfolio: all of it for the resident, the shared part for their opleider.
#[derive(Clone, Debug)]
pub struct Portfolio {
    pub resident: Resident,
    pub phase: Option<PhaseInfo>,
    pub activities: Vec<ActivityView>,
    pub feedback: Vec<Feedback>,
    pub plans: Vec<Plan>,
    /// The agreements from the plan conversations: actions she pulls.
    pub agreements: Vec<crate::actions::Action>,
    /// The opleiders' comments on what she shared; she reads them too.
    pub comments: Vec<Comment>,
    pub today: Date,
}

/// The opleider's list of the residents they train.
#[derive(Clone, Debug)]
pub struct OpleiderView {
    pub residents: Vec<ResidentRow>,
    pub today: Date,
}

/// A request as the giver sees it through the link.
#[derive(Clone, Debug)]
pub struct FeedbackByLink {
    pub feedback: Feedback,
}

/// The actor's organisation, when they are a resident (aios) in a team.
fn resident_org(actor: &Actor) -> Result<i64> {
    let org = actor.org_id().ok_or(Error::NotFound)?;
    if actor.team_roles.iter().any(|(_, r)| *r == TeamRole::Resident) { Ok(org) } else { Err(Error::NotFound) }
}

/// The team in which the actor is a resident (the first, when several): where
/// the agreements of her plan land.
fn resident_team(actor: &Actor) -> Option<i64> {
    actor.team_roles.iter().filter(|(_, r)| *r == TeamRole::Resident).map(|(t, _)| *t).min()
}

/// An agreement from the plan conversation, as its form sends it.
#[derive(Clone, Debug, Default)]
pub struct PlanAgreement<'a> {
    pub title: &'a str,
    pub goal: &'a str,
    pub due_date: &'a str,
}

fn is_opleider(actor: &Actor) -> bool {
    actor.team_roles.iter().any(|(_, r)| *r == TeamRole::Opleider)
}

async fn linked(c: &mut Conn, a: &Activity, actions: &HashMap<i64, Action>) -> Result<Option<Linked>> {
    let (Some(kind), Some(id)) = (a.link_kind, a.link_id) else { return Ok(None) };
    let day = |ms: i64| Some(Date::today_nl(ms));
    let linked = match kind {
        LinkKind::Action => actions.get(&id).cloned().map(|x| Linked {
            kind,
            title: x.title,
            href: format!("/actions/{id}"),
            date: x.due_date,
            team: x.team,
            status: format!("status-{}", x.status.code()),
        }),
        LinkKind::Meeting => crate::meetings::store::by_id(c, id).await?.map(|m| Linked {
            kind,
            href: format!("/meetings/{id}"),
            date: Some(m.held_on),
            status: if m.is_closed() { "portfolio-link-meeting-closed" } else { "portfolio-link-meeting-open" }.into(),
            title: m.title,
            team: m.team,
        }),
        LinkKind::Project => crate::improvement::store::project_by_id(c, id).await?.map(|p| Linked {
            kind,
            href: format!("/verbeterprojecten/{id}"),
            date: day(p.created_at),
            status: format!("portfolio-link-project-{}", p.status.code()),
            title: p.title,
            team: p.team,
        }),
        LinkKind::Decision => match crate::decisions::store::by_id(c, id).await? {
            Some(d) => {
                let team = crate::organisations::store::team_in_org(c, d.org_id, d.team_id).await?;
                Some(Linked {
                    kind,
                    href: format!("/decisions/{id}"),
                    date: d.decided_at.map_or(Some(d.input_deadline), day),
                    status: if d.decided_at.is_some() {
                        "portfolio-link-decision-decided"
                    } else {
                        "portfolio-link-decision-open"
                    }
                    .into(),
                    title: d.title,
                    team: team.map(|t| t.name).unwrap_or_default(),
                })
            }
            None => None,
        },
    };
    Ok(linked)
}

async fn views(c: &mut Conn, resident_id: i64, activities: Vec<Activity>) -> Result<Vec<ActivityView>> {
    // Actions are the links most made: their facts in one query, not one per activity.
    let actions: HashMap<i64, Action> = if activities.iter().any(|a| a.link_kind == Some(LinkKind::Action)) {
        crate::actions::store::linked_from_portfolio(c, resident_id).await?.into_iter().map(|a| (a.id, a)).collect()
    } else {
        HashMap::new()
    };
    let mut out = Vec::with_capacity(activities.len());
    for activity in activities {
        let linked = linked(c, &activity, &actions).await?;
        out.push(ActivityView { activity, linked });
    }
    Ok(out)
}

impl Kartrekker {
    async fn portfolio_of(&self, c: &mut Conn, resident: Resident, shared_only: bool) -> Result<Portfolio> {
        let phase = store::phase(c, resident.id).await?;
        let activities = store::activities(c, resident.id, shared_only).await?;
        let activities = views(c, resident.id, activities).await?;
        let feedback = store::feedback_of(c, resident.id, shared_only).await?;
        let plans = store::plans(c, resident.id, shared_only).await?;
        // The agreements are actions in the register already: the opleider sees them too.
        let agreements = crate::actions::store::of_kartrekker_from(c, resident.id, OriginKind::ProfilePlan).await?;
        let comments = store::comments(c, resident.id).await?;
        Ok(Portfolio { resident, phase, activities, feedback, plans, agreements, comments, today: self.today() })
    }

    /// The actor's own portfolio, whole.
    pub async fn my_portfolio(&self, actor: &Actor) -> Result<Portfolio> {
        resident_org(actor)?;
        let me = Resident { id: actor.id(), name: actor.person.name.clone() };
        self.portfolio_of(&mut self.conn().await?, me, false).await
    }

    /// The feedback on her chairing asked in meetings (the meetings area):
    /// the aggregates as the meeting page shows them, only from the
    /// organisation's minimum group size.
    pub async fn my_chair_feedback(&self, actor: &Actor) -> Result<Vec<crate::meetings::service::ChairFeedback>> {
        resident_org(actor)?;
        let meetings = crate::meetings::store::chaired_with_feedback(&mut self.conn().await?, actor.id()).await?;
        let mut out = Vec::with_capacity(meetings.len());
        for m in meetings {
            out.push(self.chair_feedback(actor, m.id).await?);
        }
        Ok(out)
    }

    /// The organisation's card texts (edited built-in cards and its own);
    /// a built-in card without one keeps the text of the Fluent files.
    pub async fn portfolio_cards(&self, actor: &Actor) -> Result<Vec<CardTexts>> {
        let org = actor.org_id().ok_or(Error::NotFound)?;
        Ok(store::org_cards(&mut self.conn().await?, org).await?)
    }

    /// An administrator writes a card's texts in both languages: a built-in
    /// card (`builtin`), an own card (`id`), or a new own card (neither).
    /// The change is in the audit trail.
    pub async fn save_portfolio_card(
        &self,
        actor: &Actor,
        builtin: Option<Card>,
        id: Option<i64>,
        input: &CardInput<'_>,
    ) -> Result<i64> {
        let org = crate::organisations::service::admin_org(actor)?;
        let texts = input.check()?;
        let mut tx = self.db.begin().await?;
        let saved = store::put_card(&mut tx, org, builtin, id, &texts, actor.id(), self.now()).await?;
        let saved = saved.ok_or(Error::NotFound)?;
        self.audit(&mut tx, Entry::by(actor, AuditAction::EditCard, format!("portfolio_card:{saved}"))).await?;
        tx.commit().await?;
        Ok(saved)
    }

    /// Whether the actor keeps a portfolio (holds the resident role).
    pub fn keeps_portfolio(&self, actor: &Actor) -> bool {
        resident_org(actor).is_ok()
    }

    /// What an activity may link to: the actions the resident pulls, the
    /// meetings of the last year she chaired or attended, the improvement
    /// projects she pulls and the decisions of her teams; (kind, id, title, day).
    pub async fn portfolio_link_options(&self, actor: &Actor) -> Result<Vec<(LinkKind, i64, String, Option<Date>)>> {
        resident_org(actor)?;
        let mut c = self.conn().await?;
        let mine = crate::actions::store::active_of_kartrekker(&mut c, actor.id()).await?;
        let mut options: Vec<_> = mine.into_iter().map(|a| (LinkKind::Action, a.id, a.title, a.due_date)).collect();
        options.extend(store::link_options(&mut c, actor.id(), self.today().add_days(-365)).await?);
        Ok(options)
    }

    pub async fn log_activity(&self, actor: &Actor, input: &ActivityInput<'_>) -> Result<i64> {
        let org = resident_org(actor)?;
        let checked = input.check(self.today())?;
        let mut tx = self.db.begin().await?;
        // Only what she may see herself: what she pulls, chaired, attended, or her team decided.
        if let Some((kind, id)) = checked.link
            && !store::may_link(&mut tx, actor.id(), kind, id).await?
        {
            let key = if kind == LinkKind::Action { "error-portfolio-link" } else { "portfolio-error-link-unseen" };
            return Err(Error::invalid("link", key));
        }
        let phase = store::phase(&mut tx, actor.id()).await?.map_or(Phase::Basis, |p| p.phase);
        let new = NewActivity { org_id: org, resident_id: actor.id(), checked: &checked, phase, shared: input.shared };
        let id = store::insert_activity(&mut tx, &new, self.now()).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Asks someone for feedback; the link goes out by e-mail from the jobs table.
    pub async fn ask_feedback(&self, actor: &Actor, input: &FeedbackInput<'_>) -> Result<i64> {
        let org = resident_org(actor)?;
        let checked = input.check()?;
        let mut tx = self.db.begin().await?;
        if let Some(a) = checked.activity {
            let own = store::activities(&mut tx, actor.id(), false).await?.iter().any(|x| x.id == a);
            if !own {
                return Err(Error::invalid("activity", "error-portfolio-activity"));
            }
        }
        let now = self.now();
        let new = NewFeedback {
            org_id: org,
            resident_id: actor.id(),
            checked: &checked,
            expires_at: now + FEEDBACK_VALID_DAYS * DAY_MS,
        };
        let id = store::insert_feedback(&mut tx, &new, now).await?;
        self.enqueue(&mut tx, &Job::PortfolioFeedbackLink { feedback_id: id, reminder: false }, None).await?;
        // Someone of the organisation with an account also finds it on their home page.
        if let Some(p) = crate::people::store::by_email(&mut tx, &checked.giver_email).await?
            && p.org_id == Some(org)
            && p.id != actor.id()
        {
            self.notify(&mut tx, p.id, Event::PortfolioFeedbackAsked { feedback_id: id }, &id.to_string()).await?;
        }
        tx.commit().await?;
        Ok(id)
    }

    /// Makes a fresh link for an open request and e-mails it; the earlier
    /// link stops working. Nothing when it was answered, declined or expired.
    pub(crate) async fn send_feedback_link(&self, feedback_id: i64, reminder: bool) -> Result<()> {
        let mut c = self.conn().await?;
        let now = self.now();
        let Some(f) = store::feedback_by_id(&mut c, feedback_id).await? else { return Ok(()) };
        if f.status != FeedbackStatus::Asked || f.expired(now) || (reminder && f.reminded_at.is_some()) {
            return Ok(());
        }
        let secret = token::new_secret();
        store::set_token(&mut c, f.id, &token::digest(&secret), reminder.then_some(now)).await?;
        let lang = match crate::people::store::by_id(&mut c, f.resident_id).await? {
            Some(p) => p.language.unwrap_or(self.config.default_language),
            None => self.config.default_language,
        };
        drop(c);
        let link = self.link(&format!("/feedback/{secret}"));
        let until = Date::today_nl(f.expires_at).dutch();
        let email =
            messages::feedback_request(lang, &f.giver_email, &f.giver_name, &f.resident, &link, &until, reminder);
        self.send_mail("portfolio_feedback_link", &email).await
    }

    /// Queues the one reminder for requests unanswered after a week.
    pub(crate) async fn schedule_feedback_reminders(&self, c: &mut Conn) -> Result<usize> {
        let now = self.now();
        let mut queued = 0;
        for id in store::to_remind(c, now - FEEDBACK_REMINDER_DAYS * DAY_MS, now).await? {
            let job = Job::PortfolioFeedbackLink { feedback_id: id, reminder: true };
            queued += self.enqueue(c, &job, Some(&format!("portfolio-feedback-reminder:{id}"))).await? as usize;
        }
        Ok(queued)
    }

    /// The request behind a link, while it can be answered; otherwise why not.
    pub async fn feedback_by_link(&self, secret: &str) -> Result<FeedbackByLink> {
        let mut c = self.conn().await?;
        let f = store::feedback_by_token(&mut c, &token::digest(secret))
            .await?
            .ok_or(Error::Refused("error-feedback-link-invalid"))?;
        if f.expired(self.now()) {
            return Err(Error::Refused("error-feedback-link-expired"));
        }
        Ok(FeedbackByLink { feedback: f })
    }

    /// The giver's answers; the link is spent with them.
    pub async fn answer_feedback(&self, secret: &str, answers: &[&str]) -> Result<()> {
        let f = self.feedback_by_link(secret).await?.feedback;
        let answers = check_answers(f.form, answers)?;
        self.close_feedback(&f, Giver::Link(&token::digest(secret)), FeedbackStatus::Answered, &answers).await
    }

    /// The giver says no; the link is spent.
    pub async fn decline_feedback(&self, secret: &str) -> Result<()> {
        let f = self.feedback_by_link(secret).await?.feedback;
        self.close_feedback(&f, Giver::Link(&token::digest(secret)), FeedbackStatus::Declined, &[]).await
    }

    /// A request asked of the actor's own e-mail address, still open: someone
    /// with an account answers it logged in, from their home page.
    pub async fn feedback_asked_of_me(&self, actor: &Actor, id: i64) -> Result<Feedback> {
        let mut c = self.conn().await?;
        let open = store::asked_of(&mut c, &actor.person.email.to_lowercase(), self.now()).await?;
        open.into_iter().find(|f| f.id == id).ok_or(Error::NotFound)
    }

    pub async fn answer_feedback_as(&self, actor: &Actor, id: i64, answers: &[&str]) -> Result<()> {
        let f = self.feedback_asked_of_me(actor, id).await?;
        let answers = check_answers(f.form, answers)?;
        let email = actor.person.email.to_lowercase();
        let giver = Giver::Account { feedback_id: id, email: &email };
        self.close_feedback(&f, giver, FeedbackStatus::Answered, &answers).await
    }

    pub async fn decline_feedback_as(&self, actor: &Actor, id: i64) -> Result<()> {
        let f = self.feedback_asked_of_me(actor, id).await?;
        let email = actor.person.email.to_lowercase();
        let giver = Giver::Account { feedback_id: id, email: &email };
        self.close_feedback(&f, giver, FeedbackStatus::Declined, &[]).await
    }

    /// Closes the request and tells the resident, in one transaction.
    async fn close_feedback(
        &self,
        f: &Feedback,
        giver: Giver<'_>,
        status: FeedbackStatus,
        answers: &[String],
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        store::close(&mut tx, giver, status, answers, self.now())
            .await?
            .ok_or(Error::Refused("error-feedback-link-invalid"))?;
        if status == FeedbackStatus::Answered {
            let event = Event::PortfolioFeedbackReceived { feedback_id: f.id };
            self.notify(&mut tx, f.resident_id, event, &f.id.to_string()).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// One of the actor's own feedback requests.
    pub async fn my_feedback(&self, actor: &Actor, id: i64) -> Result<Feedback> {
        resident_org(actor)?;
        let f = store::feedback_by_id(&mut self.conn().await?, id).await?;
        f.filter(|f| f.resident_id == actor.id()).ok_or(Error::NotFound)
    }

    /// The resident's reflection on feedback received, and whether the opleider sees both.
    pub async fn reflect_on_feedback(&self, actor: &Actor, id: i64, text: &str, shared: bool) -> Result<()> {
        let f = self.my_feedback(actor, id).await?;
        if f.status != FeedbackStatus::Answered {
            return Err(Error::Refused("error-portfolio-not-answered"));
        }
        let text = reflection_text(text)?;
        store::set_feedback_reflection(&mut self.conn().await?, id, &text, shared).await?;
        Ok(())
    }

    /// Saves the profile plan as a new version; returns its number.
    pub async fn save_plan(&self, actor: &Actor, input: &PlanInput<'_>) -> Result<i64> {
        resident_org(actor)?;
        let steps = input.check()?;
        let mut tx = self.db.begin().await?;
        let version = store::insert_plan(&mut tx, actor.id(), &steps, input.shared, self.now()).await?;
        if input.shared {
            let opleiders = store::opleiders_of(&mut tx, actor.id()).await?;
            let event = Event::PortfolioPlanShared { resident_id: actor.id(), version };
            self.notify_all(&mut tx, &opleiders, &event, &format!("{}:{version}", actor.id())).await?;
        }
        tx.commit().await?;
        Ok(version)
    }

    /// An agreement from the conversation with the opleider on a shared
    /// plan version becomes an action in the register: the resident pulls it,
    /// in the team where she is a resident (with her opleider), with the plan
    /// version as its origin (decision 0024).
    pub async fn add_plan_agreement(&self, actor: &Actor, input: &PlanAgreement<'_>) -> Result<i64> {
        resident_org(actor)?;
        let team_id = resident_team(actor).ok_or(Error::NotFound)?;
        let mut tx = self.db.begin().await?;
        let plan = store::plans(&mut tx, actor.id(), true).await?.into_iter().next();
        let Some(plan) = plan else { return Err(Error::Refused("portfolio-error-agreement-no-plan")) };
        let me = actor.id().to_string();
        let action = ActionInput {
            title: input.title,
            goal: input.goal,
            kartrekker: &me,
            due_date: input.due_date,
            evaluation_date: "",
        };
        let origin = Origin { kind: OriginKind::ProfilePlan, id: Some(plan.id) };
        let id = self.create_action_in(&mut tx, actor, team_id, &action, origin).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The residents the actor trains as opleider.
    pub async fn my_residents(&self, actor: &Actor) -> Result<OpleiderView> {
        if !is_opleider(actor) {
            return Err(Error::NotFound);
        }
        let residents = store::residents_of(&mut self.conn().await?, actor.id()).await?;
        Ok(OpleiderView { residents, today: self.today() })
    }

    /// The resident the actor trains, if they do; otherwise they do not exist for them.
    async fn trained(&self, c: &mut Conn, actor: &Actor, resident_id: i64) -> Result<Resident> {
        let org = actor.org_id().ok_or(Error::NotFound)?;
        if !is_opleider(actor) || !store::trains(c, actor.id(), resident_id).await? {
            return Err(Error::NotFound);
        }
        let p = crate::people::store::in_org(c, org, resident_id).await?.ok_or(Error::NotFound)?;
        Ok(Resident { id: p.id, name: p.name })
    }

    /// What a resident shared with their opleider; the read is audited.
    pub async fn resident_portfolio(&self, actor: &Actor, resident_id: i64) -> Result<Portfolio> {
        let mut c = self.conn().await?;
        let resident = self.trained(&mut c, actor, resident_id).await?;
        let e = Entry::by(actor, AuditAction::ViewPortfolio, format!("portfolio:{resident_id}")).about(resident_id);
        self.audit(&mut c, e).await?;
        self.portfolio_of(&mut c, resident, true).await
    }

    /// The opleider comments on what the resident shared: on a shared
    /// activity of hers, or on the portfolio as a whole. She reads it.
    pub async fn comment_on_portfolio(
        &self,
        actor: &Actor,
        resident_id: i64,
        activity_id: Option<i64>,
        text: &str,
    ) -> Result<i64> {
        let mut tx = self.db.begin().await?;
        self.trained(&mut tx, actor, resident_id).await?;
        let text = comment_text(text)?;
        if let Some(a) = activity_id {
            let shared = store::activities(&mut tx, resident_id, true).await?.iter().any(|x| x.id == a);
            if !shared {
                return Err(Error::NotFound);
            }
        }
        let id = store::insert_comment(&mut tx, resident_id, activity_id, actor.id(), &text, self.now()).await?;
        self.notify(&mut tx, resident_id, Event::PortfolioComment { comment_id: id }, &id.to_string()).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// The opleider sets the resident's phase, from a date.
    pub async fn set_phase(&self, actor: &Actor, resident_id: i64, phase: &str, since: &str) -> Result<()> {
        let mut c = self.conn().await?;
        self.trained(&mut c, actor, resident_id).await?;
        let mut checks = crate::Checks::default();
        let phase = checks.check(
            Phase::from_code(phase.trim()).ok_or(crate::FieldError { field: "phase", key: "error-portfolio-phase" }),
        );
        let since = checks.check(Date::parse(since, "since"));
        checks.finish()?;
        let (Some(phase), Some(since)) = (phase, since) else {
            return Err(Error::Internal("checked phase missing".into()));
        };
        store::set_phase(&mut c, resident_id, phase, since, actor.id(), self.now()).await?;
        Ok(())
    }
}
