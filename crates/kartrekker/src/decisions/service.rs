//! Rules for Fair Process decisions: who starts, contributes, explores,
//! decides and revises; the five characteristics read from what happened.

use super::fairness::{self, Fairness};
use super::model::{
    ChoiceInput, Contribution, Decision, DecisionInput, DecisionLine, DecisionOption, FromMeeting, OptionInput, Review,
    Revision, Step, contribution_text, revision_reason,
};
use super::store::{self, NewDecision};
use crate::actions::service::{kartrekkers, team_access};
use crate::actions::{Access, Action, ActionInput, Origin, OriginKind};
use crate::auth::Actor;
use crate::dates::Date;
use crate::db::{Conn, is_unique_violation};
use crate::notifications::Event;
use crate::organisations::{Member, Team, TeamRole};
use crate::{Checks, Error, Kartrekker, Result};

/// Who leads a team's decisions: its team leader or medical manager.
pub fn leads(actor: &Actor, team_id: i64) -> bool {
    actor.has_team_role(team_id, TeamRole::TeamLeader) || actor.has_team_role(team_id, TeamRole::MedicalManager)
}

/// What the actor may do with a decision record.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Rights {
    /// Starts, decides, revises: a leader of the team.
    pub lead: bool,
    /// Gives input, adds options and actions, answers the fairness question.
    pub take_part: bool,
}

fn rights(actor: &Actor, team_id: i64, access: Access) -> Rights {
    let in_team = access == Access::Edit;
    Rights { lead: in_team && leads(actor, team_id), take_part: in_team && actor.takes_part_in(team_id) }
}

fn allow(right: bool) -> Result<()> {
    if right { Ok(()) } else { Err(Error::Forbidden) }
}

/// The five characteristics of a fair process, as the record shows them.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Checklist {
    /// Members who take part in the team, and how many of them contributed.
    pub members: i64,
    pub contributed: i64,
    pub options: i64,
    pub reasons_written: bool,
    /// Decided after the input deadline, or once everyone had contributed.
    pub in_order: bool,
    pub decided: bool,
    pub review_date: Option<Date>,
    pub revisions: i64,
    pub reviews: i64,
}

impl Checklist {
    /// Communication: everyone was asked; at least half gave input.
    pub fn communication(&self) -> bool {
        self.contributed > 0 && self.contributed * 2 >= self.members
    }
    /// Clarity and transparency: options weighed and the reasons written.
    pub fn clarity(&self) -> bool {
        self.options >= 2 && self.reasons_written
    }
    /// Consistency: the steps in their order.
    pub fn consistency(&self) -> bool {
        self.decided && self.in_order
    }
    /// Flexibility: a review date, or a review held (revisions always carry reasons).
    pub fn flexibility(&self) -> bool {
        self.review_date.is_some() || self.reviews > 0
    }
    /// Every contribution counts: every member's input is in the record.
    pub fn every_contribution(&self) -> bool {
        self.members > 0 && self.contributed >= self.members
    }
}

#[derive(Clone, Debug)]
pub struct DecisionPage {
    pub team: Team,
    pub decision: Decision,
    pub rights: Rights,
    pub step: Step,
    pub today: Date,
    pub contributions: Vec<Contribution>,
    /// The actor's own contribution, to edit.
    pub own: Option<String>,
    pub options: Vec<DecisionOption>,
    pub revisions: Vec<Revision>,
    /// Reviews held: the decision stood.
    pub reviews: Vec<Review>,
    /// The review date has come and nobody reviewed or revised it yet.
    pub review_due: bool,
    /// The meeting the record was started from.
    pub from_meeting: Option<FromMeeting>,
    pub actions: Vec<Action>,
    /// Who may pull an action.
    pub members: Vec<Member>,
    pub checklist: Checklist,
    pub fairness: Fairness,
}

#[derive(Clone, Debug)]
pub struct TeamDecisions {
    pub team: Team,
    pub lead: bool,
    pub decisions: Vec<DecisionLine>,
    /// The fairness trend, for the team's leaders only.
    pub trend: Option<Vec<fairness::TrendPoint>>,
}

/// The decision and the actor's rights, if they may see it; else it does not exist for them.
pub(crate) async fn load(c: &mut Conn, actor: &Actor, id: i64) -> Result<(Decision, Team, Rights)> {
    let d = store::by_id(c, id).await?.ok_or(Error::NotFound)?;
    let (team, access) = team_access(c, actor, d.team_id).await?;
    let rights = rights(actor, team.id, access);
    Ok((d, team, rights))
}

/// A decided decision under its row lock, for one of its team's leaders to
/// revise or review; else refused.
pub(crate) async fn decided_for_leader(c: &mut Conn, actor: &Actor, id: i64) -> Result<Decision> {
    store::lock(c, id).await?;
    let (d, _, rights) = load(c, actor, id).await?;
    allow(rights.lead)?;
    if !d.decided() {
        return Err(Error::Refused("error-decision-not-decided"));
    }
    Ok(d)
}

/// The team's members who take part (not its trainers), but `except`.
async fn participants(c: &mut Conn, team_id: i64, except: i64) -> Result<Vec<i64>> {
    let members = crate::organisations::store::members(c, team_id).await?;
    Ok(members.iter().filter(|m| m.takes_part() && m.person_id != except).map(|m| m.person_id).collect())
}

impl Kartrekker {
    /// A team's decision records; its leaders also see the fairness trend.
    pub async fn team_decisions(&self, actor: &Actor, team_id: i64) -> Result<TeamDecisions> {
        let mut c = self.conn().await?;
        let (team, access) = team_access(&mut c, actor, team_id).await?;
        let lead = rights(actor, team_id, access).lead;
        let decisions = store::of_team(&mut c, team_id).await?;
        let trend = if lead { Some(fairness::trend(&mut c, &team, actor).await?) } else { None };
        Ok(TeamDecisions { team, lead, decisions, trend })
    }

    /// The team, when the actor may start a decision record in it.
    pub async fn team_for_decision(&self, actor: &Actor, team_id: i64) -> Result<Team> {
        let mut c = self.conn().await?;
        let (team, access) = team_access(&mut c, actor, team_id).await?;
        allow(rights(actor, team_id, access).lead)?;
        Ok(team)
    }

    /// Creates a decision for a team: the entry point for the team's
    /// leaders, and for a meeting whose decision becomes a Fair Process
    /// record. Every member who takes part is asked for input.
    pub async fn create_decision(&self, actor: &Actor, team_id: i64, input: &DecisionInput<'_>) -> Result<i64> {
        let mut tx = self.db.begin().await?;
        let id = self.create_decision_in(&mut tx, actor, team_id, input).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// [`Kartrekker::create_decision`] in the caller's transaction (a
    /// meeting links the record in the same one).
    pub(crate) async fn create_decision_in(
        &self,
        tx: &mut Conn,
        actor: &Actor,
        team_id: i64,
        input: &DecisionInput<'_>,
    ) -> Result<i64> {
        let (team, access) = team_access(tx, actor, team_id).await?;
        allow(rights(actor, team_id, access).lead)?;
        let d = input.check(self.today())?;
        let new = NewDecision {
            org_id: team.org_id,
            team_id,
            title: &d.title,
            problem: &d.problem,
            input_deadline: d.input_deadline,
            started_by: actor.id(),
        };
        let id = store::insert(tx, &new, self.now()).await?;
        let asked = participants(tx, team_id, actor.id()).await?;
        self.notify_all(tx, &asked, &Event::DecisionInputAsked { decision_id: id }, &format!("input:{id}")).await?;
        Ok(id)
    }

    pub async fn decision_page(&self, actor: &Actor, id: i64) -> Result<DecisionPage> {
        let mut c = self.conn().await?;
        let (decision, team, rights) = load(&mut c, actor, id).await?;
        let today = self.today();
        let contributions = store::contributions(&mut c, id).await?;
        let options = store::options(&mut c, id).await?;
        let revisions = store::revisions(&mut c, id).await?;
        let reviews = store::reviews(&mut c, id).await?;
        let from_meeting = store::from_meeting(&mut c, id).await?;
        let actions =
            crate::actions::store::of_origin(&mut c, team.id, Origin { kind: OriginKind::Decision, id: Some(id) })
                .await?;
        let members = kartrekkers(&mut c, team.id).await?;
        let own = contributions.iter().find(|x| x.person_id == actor.id()).map(|x| x.text.clone());
        let contributed = contributions.iter().filter(|x| members.iter().any(|m| m.person_id == x.person_id)).count();
        let in_order = decision
            .decided_at
            .is_some_and(|at| Date::today_nl(at) > decision.input_deadline || contributed >= members.len());
        let checklist = Checklist {
            members: members.len() as i64,
            contributed: contributed as i64,
            options: options.len() as i64,
            reasons_written: !decision.reasons.is_empty(),
            in_order,
            decided: decision.decided(),
            review_date: decision.review_date,
            revisions: revisions.len() as i64,
            reviews: reviews.len() as i64,
        };
        let fairness = fairness::of_decision(&mut c, actor, &decision, rights.take_part).await?;
        Ok(DecisionPage {
            step: decision.step(today, options.len(), actions.len()),
            review_due: decision.decided() && decision.review_date.is_some_and(|r| r <= today),
            reviews,
            from_meeting,
            team,
            decision,
            rights,
            today,
            contributions,
            own,
            options,
            revisions,
            actions,
            members,
            checklist,
            fairness,
        })
    }

    /// A member gives, or changes, their own input on the problem analysis
    /// until the deadline.
    pub async fn contribute(&self, actor: &Actor, id: i64, text: &str) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let (d, _, rights) = load(&mut tx, actor, id).await?;
        allow(rights.take_part)?;
        if !d.input_open(self.today()) {
            return Err(Error::Refused("error-decision-input-closed"));
        }
        let text = contribution_text(text)?;
        store::put_contribution(&mut tx, id, actor.id(), &text, self.now()).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Anyone in the team adds an option to explore, until the decision is made.
    pub async fn add_decision_option(&self, actor: &Actor, id: i64, input: &OptionInput<'_>) -> Result<i64> {
        let mut tx = self.db.begin().await?;
        let (d, _, rights) = load(&mut tx, actor, id).await?;
        allow(rights.take_part)?;
        if d.decided() {
            return Err(Error::Refused("error-decision-already-decided"));
        }
        let option = input.check()?;
        let option_id = store::insert_option(&mut tx, id, &option, actor.id(), self.now()).await.map_err(|e| {
            if is_unique_violation(&e) {
                Error::invalid("option_title", "error-decision-option-exists")
            } else {
                e.into()
            }
        })?;
        tx.commit().await?;
        Ok(option_id)
    }

    /// The leader decides: the choice, the reasons, what it means for whom,
    /// what is expected and when it is reviewed. Members are told.
    pub async fn decide(&self, actor: &Actor, id: i64, input: &ChoiceInput<'_>) -> Result<()> {
        let mut tx = self.db.begin().await?;
        store::lock(&mut tx, id).await?;
        let (d, _, rights) = load(&mut tx, actor, id).await?;
        allow(rights.lead)?;
        if d.decided() {
            return Err(Error::Refused("error-decision-already-decided"));
        }
        let mut checks = Checks::default();
        let checked = input.check(&mut checks, self.today());
        checks.finish()?;
        let ch = checked.ok_or(Error::Internal("checked choice missing".into()))?;
        store::set_choice(&mut tx, id, &ch, actor.id(), self.now()).await?;
        let told = participants(&mut tx, d.team_id, actor.id()).await?;
        self.notify_all(&mut tx, &told, &Event::DecisionMade { decision_id: id }, &format!("made:{id}")).await?;
        tx.commit().await?;
        Ok(())
    }

    /// New information: the leader revises the decision with a reason; the
    /// earlier choice stays in the history.
    pub async fn revise_decision(&self, actor: &Actor, id: i64, input: &ChoiceInput<'_>, reason: &str) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let d = decided_for_leader(&mut tx, actor, id).await?;
        let mut checks = Checks::default();
        let checked = input.check(&mut checks, self.today());
        // The next review lies ahead: a revision ends the review that was due.
        if checked.as_ref().is_some_and(|ch| ch.review_date == self.today()) {
            checks.push("review_date", "error-decision-next-review-future");
        }
        let reason = checks.check(revision_reason(reason));
        checks.finish()?;
        let (Some(ch), Some(reason)) = (checked, reason) else {
            return Err(Error::Internal("checked revision missing".into()));
        };
        let now = self.now();
        store::set_choice(&mut tx, id, &ch, actor.id(), now).await?;
        store::insert_revision(&mut tx, id, actor.id(), &reason, &d.choice, &ch.choice, now).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Execute: an action in the register, with origin "Besluit", once decided.
    pub async fn add_decision_action(&self, actor: &Actor, id: i64, input: &ActionInput<'_>) -> Result<i64> {
        let mut tx = self.db.begin().await?;
        let (d, _, rights) = load(&mut tx, actor, id).await?;
        allow(rights.take_part)?;
        if !d.decided() {
            return Err(Error::Refused("error-decision-not-decided"));
        }
        let origin = Origin { kind: OriginKind::Decision, id: Some(id) };
        let action = self.create_action_in(&mut tx, actor, d.team_id, input, origin).await?;
        tx.commit().await?;
        Ok(action)
    }
}
