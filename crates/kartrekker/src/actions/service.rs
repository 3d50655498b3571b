//! Rules for the action register: who sees and changes what, history of
//! every change, and reminders that respect each person's choice.

use super::model::{
    Action, ActionCard, ActionFilter, ActionInput, Change, Origin, Status, Update, goal_text, result_text, title_text,
    update_text,
};
use super::store::{self, Fields, NewAction};
use crate::audit::{AuditAction, Entry};
use crate::auth::Actor;
use crate::clock::DAY_MS;
use crate::dates::Date;
use crate::db::Conn;
use crate::notifications::Event;
use crate::organisations::{Member, OrgRole, Team, store as orgs};
use crate::spreadsheet::Table;
use crate::{Checks, Error, Kartrekker, Result};

/// What the actor may do with a team's actions.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Access {
    /// Anyone in the team, in any role: shared leadership.
    Edit,
    /// The organisation's program leaders follow every team.
    View,
}

#[derive(Clone, Debug)]
pub struct TeamActions {
    pub team: Team,
    pub access: Access,
    pub actions: Vec<ActionCard>,
    pub members: Vec<Member>,
    pub today: Date,
    /// Done and dropped actions older than [`BOARD_FINISHED_DAYS`], left off the board.
    pub older: Vec<(Status, i64)>,
    /// The actor may open the team's reflection cycles (a link to them).
    pub reflection: bool,
}

/// Without a status filter the board shows done and dropped actions of this
/// many recent days: years of finished cards would bury the open ones.
pub const BOARD_FINISHED_DAYS: i64 = 90;

#[derive(Clone, Debug)]
pub struct ActionPage {
    pub action: Action,
    pub access: Access,
    pub updates: Vec<Update>,
    pub history: Vec<Change>,
    pub members: Vec<Member>,
    pub today: Date,
}

/// The team, if the actor may see it; otherwise it does not exist for them.
pub(crate) async fn team_access(c: &mut Conn, actor: &Actor, team_id: i64) -> Result<(Team, Access)> {
    let org = actor.org_id().ok_or(Error::NotFound)?;
    let team = orgs::team_in_org(c, org, team_id).await?.ok_or(Error::NotFound)?;
    if actor.in_team(team_id) {
        Ok((team, Access::Edit))
    } else if actor.has(OrgRole::ProgramLeader) {
        Ok((team, Access::View))
    } else {
        Err(Error::NotFound)
    }
}

/// The teams whose boards the actor sees: `team` alone (when they may see
/// it), else every team for a program leader and their own teams for others.
pub(crate) async fn visible_teams(c: &mut Conn, actor: &Actor, team: Option<i64>) -> Result<Vec<i64>> {
    let org = actor.org_id().ok_or(Error::NotFound)?;
    Ok(match team {
        Some(t) => vec![team_access(c, actor, t).await?.0.id],
        None if actor.has(OrgRole::ProgramLeader) => {
            orgs::teams(c, org).await?.into_iter().map(|(t, _)| t.id).collect()
        }
        None => {
            let mut mine: Vec<i64> = actor.team_roles.iter().map(|(t, _)| *t).collect();
            mine.sort_unstable();
            mine.dedup();
            mine
        }
    })
}

/// The members who may pull an action: not someone who is only the team's trainer.
pub(crate) async fn kartrekkers(c: &mut Conn, team_id: i64) -> Result<Vec<Member>> {
    let mut members = orgs::members(c, team_id).await?;
    members.retain(Member::takes_part);
    Ok(members)
}

fn editable(access: Access) -> Result<()> {
    if access == Access::Edit { Ok(()) } else { Err(Error::Forbidden) }
}

/// Changes the words of an agreement (its title and goal) where it was
/// agreed; the change goes into the action's history like any other.
pub(crate) async fn reword_in(
    c: &mut Conn,
    actor_id: i64,
    a: &Action,
    title: &str,
    goal: &str,
    now: i64,
) -> Result<()> {
    let mut checks = Checks::default();
    let title = checks.check(title_text(title));
    let goal = checks.check(goal_text(goal));
    checks.finish()?;
    let (Some(title), Some(goal)) = (title, goal) else {
        return Err(Error::Internal("checked agreement missing".into()));
    };
    let fields = Fields {
        title: &title,
        goal: &goal,
        kartrekker_id: a.kartrekker_id,
        status: a.status,
        due_date: a.due_date,
        evaluation_date: a.evaluation_date,
        result: &a.result,
    };
    store::update(c, a.id, &fields, now).await?;
    for (field, was, is) in [("title", &a.title, &title), ("goal", &a.goal, &goal)] {
        if was != is {
            store::insert_history(c, a.id, actor_id, field, was, is, now).await?;
        }
    }
    Ok(())
}

/// Removes an action agreed by mistake. Once work on it has begun (a
/// progress update, or a status other than open) it is refused: the team
/// drops it in the register instead, and its history stays.
pub(crate) async fn delete_unstarted_in(c: &mut Conn, a: &Action) -> Result<()> {
    if a.status != Status::Open || !store::updates(c, a.id).await?.is_empty() {
        return Err(Error::Refused("error-agreement-started"));
    }
    store::delete(c, a.id).await?;
    Ok(())
}

fn date_text(d: Option<Date>) -> String {
    d.map(|d| d.to_string()).unwrap_or_default()
}

impl Kartrekker {
    pub fn today(&self) -> Date {
        Date::today_nl(self.now())
    }

    pub async fn team_actions(&self, actor: &Actor, team_id: i64, filter: &ActionFilter) -> Result<TeamActions> {
        let mut c = self.conn().await?;
        let (team, access) = team_access(&mut c, actor, team_id).await?;
        let mut filter = filter.clone();
        if filter.status.is_none() {
            filter.finished_since = Some(self.now() - BOARD_FINISHED_DAYS * DAY_MS);
        }
        let actions = store::cards_of_team(&mut c, team_id, &filter).await?;
        let older = match filter.finished_since {
            Some(_) => store::finished_before(&mut c, team_id, &filter).await?,
            None => Vec::new(),
        };
        let members = kartrekkers(&mut c, team_id).await?;
        let reflection = crate::reflection::sees_team_reflection(actor, team_id);
        Ok(TeamActions { team, access, actions, members, today: self.today(), older, reflection })
    }

    /// The actions the actor sees on the boards (of `team`, or of every team
    /// they see), optionally of one status, with an id above `after`, by id,
    /// at most `limit`: the API's pages.
    pub async fn actions_after(
        &self,
        actor: &Actor,
        team: Option<i64>,
        status: Option<Status>,
        after: i64,
        limit: i64,
    ) -> Result<Vec<Action>> {
        let mut c = self.conn().await?;
        let teams = visible_teams(&mut c, actor, team).await?;
        Ok(store::of_teams_after(&mut c, &teams, status, after, limit).await?)
    }

    /// The team, the actor's access and who may pull an action: what a form for a new action needs.
    pub async fn team_for_actions(&self, actor: &Actor, team_id: i64) -> Result<(Team, Access, Vec<Member>)> {
        let mut c = self.conn().await?;
        let (team, access) = team_access(&mut c, actor, team_id).await?;
        let members = kartrekkers(&mut c, team_id).await?;
        Ok((team, access, members))
    }

    pub async fn create_action(
        &self,
        actor: &Actor,
        team_id: i64,
        input: &ActionInput<'_>,
        origin: Origin,
    ) -> Result<i64> {
        let mut tx = self.db.begin().await?;
        let id = self.create_action_in(&mut tx, actor, team_id, input, origin).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// Creates an action inside the caller's transaction, so that a practice
    /// can turn several agreements into actions at once, or none.
    pub async fn create_action_in(
        &self,
        c: &mut Conn,
        actor: &Actor,
        team_id: i64,
        input: &ActionInput<'_>,
        origin: Origin,
    ) -> Result<i64> {
        let (team, access) = team_access(c, actor, team_id).await?;
        editable(access)?;
        let mut checks = Checks::default();
        let checked = input.check(&mut checks);
        let members = kartrekkers(c, team_id).await?;
        // Checked even when other fields are wrong, so that every problem shows at once.
        if let Ok(k) = input.kartrekker.trim().parse::<i64>()
            && !members.iter().any(|m| m.person_id == k)
        {
            checks.push("kartrekker", "error-kartrekker-not-member");
        }
        if let Some(due) = checked.as_ref().and_then(|i| i.due_date)
            && due < self.today()
        {
            checks.push("due_date", "error-date-in-past");
        }
        checks.finish()?;
        let i = checked.ok_or(Error::Internal("checked input missing".into()))?;
        let now = self.now();
        let new = NewAction {
            org_id: team.org_id,
            team_id,
            title: &i.title,
            goal: &i.goal,
            kartrekker_id: i.kartrekker.unwrap_or_default(),
            due_date: i.due_date,
            evaluation_date: i.evaluation_date,
            origin,
            created_by: actor.id(),
        };
        let id = store::insert(c, &new, now).await?;
        store::insert_history(c, id, actor.id(), "created", "", &i.title, now).await?;
        if new.kartrekker_id != actor.id() {
            self.notify(c, new.kartrekker_id, Event::Kartrekker { action_id: id }, &format!("{id}:{now}")).await?;
        }
        Ok(id)
    }

    /// Actions agreed in one place (a mirror session, a meeting, ...).
    pub async fn actions_from(&self, actor: &Actor, team_id: i64, origin: Origin) -> Result<Vec<Action>> {
        let mut c = self.conn().await?;
        team_access(&mut c, actor, team_id).await?;
        Ok(store::of_origin(&mut c, team_id, origin).await?)
    }

    async fn action_with_access(&self, c: &mut Conn, actor: &Actor, id: i64) -> Result<(Action, Access)> {
        let action = store::by_id(c, id).await?.ok_or(Error::NotFound)?;
        let (_, access) = team_access(c, actor, action.team_id).await?;
        // A private plan's action is its kartrekker's alone.
        if store::private_to(c, id).await?.is_some_and(|owner| owner != actor.id()) {
            return Err(Error::NotFound);
        }
        Ok((action, access))
    }

    pub async fn action_page(&self, actor: &Actor, id: i64) -> Result<ActionPage> {
        let mut c = self.conn().await?;
        let (action, access) = self.action_with_access(&mut c, actor, id).await?;
        let updates = store::updates(&mut c, id).await?;
        let history = store::history(&mut c, id).await?;
        let mut members = orgs::members(&mut c, action.team_id).await?;
        // The kartrekker it has stays choosable, even a trainer chosen before.
        members.retain(|m| m.takes_part() || m.person_id == action.kartrekker_id);
        Ok(ActionPage { action, access, updates, history, members, today: self.today() })
    }

    /// Changes an action; every changed field goes into its history.
    pub async fn edit_action(
        &self,
        actor: &Actor,
        id: i64,
        input: &ActionInput<'_>,
        status: &str,
        result: &str,
    ) -> Result<()> {
        let mut tx = self.db.begin().await?;
        self.edit_action_in(&mut tx, actor, id, input, status, result).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Changes an action inside the caller's transaction, so that a personal
    /// plan can change several of its actions at once, or none.
    pub async fn edit_action_in(
        &self,
        tx: &mut Conn,
        actor: &Actor,
        id: i64,
        input: &ActionInput<'_>,
        status: &str,
        result: &str,
    ) -> Result<()> {
        let (old, access) = self.action_with_access(tx, actor, id).await?;
        editable(access)?;
        let mut checks = Checks::default();
        let checked = input.check(&mut checks);
        let status = checks.check(Status::parse(status));
        let result = checks.check(result_text(result));
        let members = kartrekkers(tx, old.team_id).await?;
        if let Ok(k) = input.kartrekker.trim().parse::<i64>()
            && k != old.kartrekker_id
            && !members.iter().any(|m| m.person_id == k)
        {
            checks.push("kartrekker", "error-kartrekker-not-member");
        }
        checks.finish()?;
        let (i, status, result) = (checked.unwrap(), status.unwrap(), result.unwrap());
        let kartrekker_id = i.kartrekker.unwrap_or(old.kartrekker_id);
        let name_of =
            |pid: i64| members.iter().find(|m| m.person_id == pid).map(|m| m.name.clone()).unwrap_or_default();
        let now = self.now();
        let changes: Vec<(&str, String, String)> = vec![
            ("title", old.title.clone(), i.title.clone()),
            ("goal", old.goal.clone(), i.goal.clone()),
            (
                "kartrekker",
                old.kartrekker.clone(),
                if kartrekker_id == old.kartrekker_id { old.kartrekker.clone() } else { name_of(kartrekker_id) },
            ),
            ("status", old.status.code().into(), status.code().into()),
            ("due_date", date_text(old.due_date), date_text(i.due_date)),
            ("evaluation_date", date_text(old.evaluation_date), date_text(i.evaluation_date)),
            ("result", old.result.clone(), result.clone()),
        ];
        let fields = Fields {
            title: &i.title,
            goal: &i.goal,
            kartrekker_id,
            status,
            due_date: i.due_date,
            evaluation_date: i.evaluation_date,
            result: &result,
        };
        store::update(tx, id, &fields, now).await?;
        if kartrekker_id != old.kartrekker_id && kartrekker_id != actor.id() {
            self.notify(tx, kartrekker_id, Event::Kartrekker { action_id: id }, &format!("{id}:{now}")).await?;
        }
        for (field, was, is) in changes.iter().filter(|(_, a, b)| a != b) {
            store::insert_history(tx, id, actor.id(), field, was, is, now).await?;
        }
        Ok(())
    }

    /// Moves a card on the board to another column.
    pub async fn move_action(&self, actor: &Actor, id: i64, status: &str) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let (a, access) = self.action_with_access(&mut tx, actor, id).await?;
        editable(access)?;
        let status = Status::parse(status)?;
        if status == a.status {
            return Ok(());
        }
        let fields = Fields {
            title: &a.title,
            goal: &a.goal,
            kartrekker_id: a.kartrekker_id,
            status,
            due_date: a.due_date,
            evaluation_date: a.evaluation_date,
            result: &a.result,
        };
        let now = self.now();
        store::update(&mut tx, id, &fields, now).await?;
        store::insert_history(&mut tx, id, actor.id(), "status", a.status.code(), status.code(), now).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn add_action_update(&self, actor: &Actor, id: i64, text: &str) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let (_, access) = self.action_with_access(&mut tx, actor, id).await?;
        editable(access)?;
        let text = update_text(text)?;
        store::insert_update(&mut tx, id, actor.id(), &text, self.now()).await?;
        tx.commit().await?;
        Ok(())
    }

    /// The actions the actor pulls that are still to be done.
    pub async fn my_actions(&self, actor: &Actor) -> Result<Vec<ActionCard>> {
        Ok(store::active_of_kartrekker(&mut self.conn().await?, actor.id()).await?)
    }

    /// Overdue actions of the actor's teams; a program leader sees the whole organisation.
    pub async fn overdue_actions(&self, actor: &Actor) -> Result<Vec<ActionCard>> {
        let mut c = self.conn().await?;
        let today = self.today();
        match actor.org_with(OrgRole::ProgramLeader) {
            Some(org) => Ok(store::overdue_in_org(&mut c, org, today).await?),
            None => Ok(store::overdue_in_teams_of(&mut c, actor.id(), today).await?),
        }
    }

    /// A team's register as a table for CSV or .xlsx. `label` translates the
    /// column and value keys.
    pub async fn actions_export(
        &self,
        actor: &Actor,
        team_id: i64,
        label: &(dyn Fn(&str) -> String + Sync),
    ) -> Result<(Team, Table)> {
        let mut c = self.conn().await?;
        // The whole register: old finished actions too, which the board leaves out.
        let (team, _) = team_access(&mut c, actor, team_id).await?;
        let actions = store::of_team(&mut c, team_id, &ActionFilter::default()).await?;
        self.audit(&mut c, Entry::by(actor, AuditAction::ExportActions, format!("team:{team_id}")).in_org(team.org_id))
            .await?;
        let head = [
            "csv-title",
            "csv-goal",
            "csv-kartrekker",
            "csv-status",
            "csv-due-date",
            "csv-evaluation-date",
            "csv-origin",
            "csv-result",
            "csv-updated",
        ];
        let mut out = Table::new(head.iter().map(|k| label(k)));
        for a in &actions {
            out.row([
                a.title.as_str().into(),
                a.goal.as_str().into(),
                a.kartrekker.as_str().into(),
                label(&format!("status-{}", a.status.code())).into(),
                a.due_date.into(),
                a.evaluation_date.into(),
                label(&format!("origin-{}", a.origin.kind.code())).into(),
                a.result.as_str().into(),
                Some(Date::today_nl(a.updated_at)).into(),
            ]);
        }
        Ok((team, out))
    }

    pub async fn reminder_days(&self, actor: &Actor) -> Result<i64> {
        let org = crate::organisations::service::admin_org(actor)?;
        Ok(store::reminder_days(&mut self.conn().await?, org).await?)
    }
}

/// How many days before the due date the kartrekker is reminded (0–30),
/// as the organisation's settings form sends it.
pub(crate) fn parse_reminder_days(raw: &str) -> std::result::Result<i64, crate::FieldError> {
    raw.trim()
        .parse::<i64>()
        .ok()
        .filter(|d| (0..=30).contains(d))
        .ok_or(crate::FieldError { field: "reminder_days", key: "error-reminder-days" })
}
