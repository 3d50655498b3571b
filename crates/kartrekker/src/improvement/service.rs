//! Rules for Verwonder & Verbeter: who sees, supports, comments on, merges
//! and triages a verwonderpunt. Anyone who takes part in a team posts; the
//! team leaders, and the members the team chose, triage. An anonymous point
//! is seen only by the team's leaders and its own posters (docs/decisions/0017).

use super::model::{
    ClosedProject, Comment, Cycle, CycleAction, CycleInput, DoneFix, Point, PointStatus, Poster, Project, ProjectInput,
    ProjectStatus, Triage, comment_text, not_now_reason, point_body, point_title, problem_text, project_title,
    result_text,
};
use super::runchart::{self, Analysis};
use super::store::{self, NewPoint, NewProject, Triaged};
use crate::actions::service::{kartrekkers, team_access};
use crate::actions::{Access, ActionInput, Origin, OriginKind};
use crate::auth::Actor;
use crate::dates::Date;
use crate::db::Conn;
use crate::notifications::Event;
use crate::organisations::{Member, OrgRole, Team, TeamRole};
use crate::{Checks, Error, Kartrekker, Result};

/// A team's verwonderpunten as one person sees them.
#[derive(Clone, Debug)]
pub struct PointList {
    pub team: Team,
    pub access: Access,
    pub points: Vec<Point>,
    /// Points this person posted, and those they support.
    pub posted: Vec<i64>,
    pub supported: Vec<i64>,
    pub can_post: bool,
    pub can_triage: bool,
    /// Team leaders choose who triages besides them.
    pub leads: bool,
    pub members: Vec<Member>,
    pub triagers: Vec<i64>,
}

#[derive(Clone, Debug)]
pub struct PointPage {
    pub point: Point,
    pub access: Access,
    /// Named posters only: the anonymous are counted, never named.
    pub named_posters: Vec<String>,
    pub anonymous_posters: usize,
    pub comments: Vec<Comment>,
    pub posted: bool,
    pub supported: bool,
    pub can_support: bool,
    pub can_comment: bool,
    pub can_triage: bool,
    /// Other waiting points of the team this one may be merged into.
    pub merge_targets: Vec<Point>,
    /// Who may pull a quick fix's action or a project.
    pub members: Vec<Member>,
}

/// What the triage form sends.
#[derive(Clone, Debug, Default)]
pub struct TriageInput<'a> {
    pub choice: &'a str,
    pub reason: &'a str,
    /// The quick fix's action and the project's title.
    pub title: &'a str,
    pub goal: &'a str,
    pub kartrekker: &'a str,
    pub due_date: &'a str,
    pub problem: &'a str,
}

/// Where a triage led: the point itself, its action, or its project.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    NotNow(i64),
    Action(i64),
    Project(i64),
}

fn is_leader(actor: &Actor, team_id: i64) -> bool {
    actor.has_team_role(team_id, TeamRole::TeamLeader)
}

async fn can_triage(c: &mut Conn, actor: &Actor, team_id: i64) -> Result<bool> {
    Ok(is_leader(actor, team_id)
        || (actor.takes_part_in(team_id) && store::triagers(c, team_id).await?.contains(&actor.id())))
}

/// The point with the actor's access, if they may see it: an anonymous one
/// only its team's leaders and its posters; for anyone else it does not exist.
async fn point_access(c: &mut Conn, actor: &Actor, id: i64) -> Result<(Point, Access, bool)> {
    let point = store::point_by_id(c, id).await?.ok_or(Error::NotFound)?;
    let (_, access) = team_access(c, actor, point.team_id).await?;
    let posted = store::posters(c, id).await?.iter().any(|p| p.person_id == actor.id());
    if point.anonymous && !is_leader(actor, point.team_id) && !posted {
        return Err(Error::NotFound);
    }
    Ok((point, access, posted))
}

fn waiting(point: &Point) -> Result<()> {
    if point.status == PointStatus::New { Ok(()) } else { Err(Error::Refused("vv-error-already-triaged")) }
}

impl Kartrekker {
    pub async fn verwonderpunten(&self, actor: &Actor, team_id: i64) -> Result<PointList> {
        let mut c = self.conn().await?;
        let (team, access) = team_access(&mut c, actor, team_id).await?;
        let points = store::points_of_team(&mut c, team_id, actor.id(), is_leader(actor, team_id)).await?;
        let (posted, supported) = store::mine_in_team(&mut c, team_id, actor.id()).await?;
        let can_triage = can_triage(&mut c, actor, team_id).await?;
        let leads = is_leader(actor, team_id);
        let (members, triagers) = if leads {
            (kartrekkers(&mut c, team_id).await?, store::triagers(&mut c, team_id).await?)
        } else {
            (Vec::new(), Vec::new())
        };
        Ok(PointList {
            team,
            access,
            points,
            posted,
            supported,
            can_post: actor.takes_part_in(team_id),
            can_triage,
            leads,
            members,
            triagers,
        })
    }

    /// The team's verwonderpunten posted since `since` and not yet triaged,
    /// as the actor may see them (anonymous ones only to the team's leaders):
    /// what a dagstart brings up from yesterday.
    pub async fn new_verwonderpunten(&self, actor: &Actor, team_id: i64, since: i64) -> Result<Vec<Point>> {
        let mut c = self.conn().await?;
        team_access(&mut c, actor, team_id).await?;
        let mut points = store::points_of_team(&mut c, team_id, actor.id(), is_leader(actor, team_id)).await?;
        points.retain(|p| p.status == PointStatus::New && p.created_at >= since);
        Ok(points)
    }

    /// Posts a verwonderpunt: only its title is needed. Anonymous, it shows
    /// no name to anyone and only the team's leaders (and the poster) see it.
    pub async fn post_verwonderpunt(
        &self,
        actor: &Actor,
        team_id: i64,
        title: &str,
        body: &str,
        anonymous: bool,
    ) -> Result<i64> {
        let mut tx = self.db.begin().await?;
        let (team, _) = team_access(&mut tx, actor, team_id).await?;
        if !actor.takes_part_in(team_id) {
            return Err(Error::Forbidden);
        }
        let mut checks = Checks::default();
        let title = checks.check(point_title(title));
        let body = checks.check(point_body(body));
        checks.finish()?;
        let (Some(title), Some(body)) = (title, body) else {
            return Err(Error::Internal("checked point missing".into()));
        };
        let new = NewPoint { org_id: team.org_id, team_id, title: &title, body: &body, anonymous };
        let id = store::insert_point(&mut tx, &new, self.now()).await?;
        store::insert_poster(&mut tx, id, actor.id(), anonymous).await?;
        let leaders: Vec<i64> = crate::organisations::store::members(&mut tx, team_id)
            .await?
            .iter()
            .filter(|m| m.roles.contains(&TeamRole::TeamLeader) && m.person_id != actor.id())
            .map(|m| m.person_id)
            .collect();
        self.notify_all(&mut tx, &leaders, &Event::VerwonderpuntPosted { point_id: id }, &format!("posted:{id}"))
            .await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn verwonderpunt(&self, actor: &Actor, id: i64) -> Result<PointPage> {
        let mut c = self.conn().await?;
        let (point, access, posted) = point_access(&mut c, actor, id).await?;
        let posters = store::posters(&mut c, id).await?;
        let (named, anonymous): (Vec<Poster>, Vec<Poster>) = posters.into_iter().partition(|p| !p.anonymous);
        let supported = store::has_supported(&mut c, id, actor.id()).await?;
        let can_triage = can_triage(&mut c, actor, point.team_id).await?;
        let in_team = access == Access::Edit && actor.takes_part_in(point.team_id);
        let open = point.status != PointStatus::Merged;
        let merge_targets = if can_triage && point.status == PointStatus::New {
            let mut all =
                store::points_of_team(&mut c, point.team_id, actor.id(), is_leader(actor, point.team_id)).await?;
            all.retain(|p| p.id != id && p.status == PointStatus::New);
            all
        } else {
            Vec::new()
        };
        let members = if can_triage { kartrekkers(&mut c, point.team_id).await? } else { Vec::new() };
        Ok(PointPage {
            can_support: in_team && open && !posted && !supported && !point.anonymous,
            can_comment: in_team && open && (!point.anonymous || is_leader(actor, point.team_id)),
            comments: store::comments(&mut c, id).await?,
            named_posters: named.into_iter().map(|p| p.name).collect(),
            anonymous_posters: anonymous.len(),
            point,
            access,
            posted,
            supported,
            can_triage,
            merge_targets,
            members,
        })
    }

    /// +1, once per person; a poster does not support their own point.
    pub async fn support_verwonderpunt(&self, actor: &Actor, id: i64) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let (point, access, posted) = point_access(&mut tx, actor, id).await?;
        if access != Access::Edit || !actor.takes_part_in(point.team_id) || point.anonymous {
            return Err(Error::Forbidden);
        }
        if posted {
            return Err(Error::Refused("vv-error-own-point"));
        }
        if point.status == PointStatus::Merged {
            return Err(Error::Refused("vv-error-merged"));
        }
        store::insert_support(&mut tx, id, actor.id(), self.now()).await?;
        tx.commit().await?;
        Ok(())
    }

    pub async fn comment_verwonderpunt(&self, actor: &Actor, id: i64, text: &str) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let (point, access, _) = point_access(&mut tx, actor, id).await?;
        let allowed = access == Access::Edit
            && actor.takes_part_in(point.team_id)
            && (!point.anonymous || is_leader(actor, point.team_id));
        if !allowed {
            return Err(Error::Forbidden);
        }
        if point.status == PointStatus::Merged {
            return Err(Error::Refused("vv-error-merged"));
        }
        let text = comment_text(text)?;
        store::insert_comment(&mut tx, id, actor.id(), &text, self.now()).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Merges a waiting point into another waiting point of its team.
    pub async fn merge_verwonderpunt(&self, actor: &Actor, id: i64, into: &str) -> Result<i64> {
        let mut tx = self.db.begin().await?;
        let (point, _, _) = point_access(&mut tx, actor, id).await?;
        if !can_triage(&mut tx, actor, point.team_id).await? {
            return Err(Error::Forbidden);
        }
        waiting(&point)?;
        let into: i64 = into.trim().parse().map_err(|_| Error::invalid("into", "vv-error-merge-target"))?;
        let target = match point_access(&mut tx, actor, into).await {
            Ok((t, _, _)) if t.team_id == point.team_id && t.id != id && t.status == PointStatus::New => t,
            Ok(_) | Err(Error::NotFound) => return Err(Error::invalid("into", "vv-error-merge-target")),
            Err(e) => return Err(e),
        };
        store::merge(&mut tx, id, target.id, self.now()).await?;
        tx.commit().await?;
        Ok(target.id)
    }

    /// Not now (with a reason), a quick fix (an action in the register at
    /// once, origin "Verwonderpunt") or an improvement project.
    pub async fn triage_verwonderpunt(&self, actor: &Actor, id: i64, input: &TriageInput<'_>) -> Result<Outcome> {
        let mut tx = self.db.begin().await?;
        let (point, _, _) = point_access(&mut tx, actor, id).await?;
        if !can_triage(&mut tx, actor, point.team_id).await? {
            return Err(Error::Forbidden);
        }
        waiting(&point)?;
        let choice = Triage::from_code(input.choice).ok_or(Error::invalid("choice", "vv-error-choice"))?;
        let now = self.now();
        let (triaged, outcome) = match choice {
            Triage::NotNow => {
                let reason = not_now_reason(input.reason)?;
                let t = Triaged { status: PointStatus::NotNow, reason: &reason, action_id: None, project_id: None };
                (store::triage(&mut tx, id, &t, now).await?, Outcome::NotNow(id))
            }
            Triage::QuickFix => {
                let action = ActionInput {
                    title: input.title,
                    goal: input.goal,
                    kartrekker: input.kartrekker,
                    due_date: input.due_date,
                    evaluation_date: "",
                };
                let origin = Origin { kind: OriginKind::Verwonderpunt, id: Some(id) };
                let action_id = self.create_action_in(&mut tx, actor, point.team_id, &action, origin).await?;
                let t =
                    Triaged { status: PointStatus::QuickFix, reason: "", action_id: Some(action_id), project_id: None };
                (store::triage(&mut tx, id, &t, now).await?, Outcome::Action(action_id))
            }
            Triage::Project => {
                let project_id = self.start_project_in(&mut tx, actor, &point, input).await?;
                let t =
                    Triaged { status: PointStatus::Project, reason: "", action_id: None, project_id: Some(project_id) };
                (store::triage(&mut tx, id, &t, now).await?, Outcome::Project(project_id))
            }
        };
        if !triaged {
            return Err(Error::Refused("vv-error-already-triaged"));
        }
        let posters: Vec<i64> = store::posters(&mut tx, id).await?.iter().map(|p| p.person_id).collect();
        let status = match choice {
            Triage::NotNow => PointStatus::NotNow,
            Triage::QuickFix => PointStatus::QuickFix,
            Triage::Project => PointStatus::Project,
        };
        let event = Event::VerwonderpuntAnswered { point_id: id, status: status.code().to_string() };
        self.notify_all(&mut tx, &posters, &event, &format!("point:{id}")).await?;
        tx.commit().await?;
        Ok(outcome)
    }

    async fn start_project_in(
        &self,
        c: &mut Conn,
        actor: &Actor,
        point: &Point,
        input: &TriageInput<'_>,
    ) -> Result<i64> {
        let mut checks = Checks::default();
        let title = checks.check(project_title(input.title));
        let problem = checks.check(problem_text(input.problem));
        let members = kartrekkers(c, point.team_id).await?;
        let kartrekker = input.kartrekker.trim().parse::<i64>().ok();
        match kartrekker {
            None => checks.push("kartrekker", "error-kartrekker-required"),
            Some(k) if !members.iter().any(|m| m.person_id == k) => {
                checks.push("kartrekker", "error-kartrekker-not-member")
            }
            Some(_) => {}
        }
        checks.finish()?;
        let (Some(title), Some(problem), Some(kartrekker_id)) = (title, problem, kartrekker) else {
            return Err(Error::Internal("checked project missing".into()));
        };
        let new = NewProject {
            org_id: point.org_id,
            team_id: point.team_id,
            point_id: Some(point.id),
            title: &title,
            kartrekker_id,
            problem: &problem,
            created_by: actor.id(),
        };
        Ok(store::insert_project(c, &new, self.now()).await?)
    }

    /// The team leaders choose which members triage besides them.
    pub async fn set_improvement_triagers(&self, actor: &Actor, team_id: i64, people: &[String]) -> Result<()> {
        let mut tx = self.db.begin().await?;
        team_access(&mut tx, actor, team_id).await?;
        if !is_leader(actor, team_id) {
            return Err(Error::Forbidden);
        }
        let members = kartrekkers(&mut tx, team_id).await?;
        let mut chosen = Vec::new();
        for p in people {
            match p.trim().parse::<i64>() {
                Ok(id) if members.iter().any(|m| m.person_id == id) => chosen.push(id),
                _ => return Err(Error::invalid("triagers", "error-kartrekker-not-member")),
            }
        }
        chosen.sort_unstable();
        chosen.dedup();
        store::set_triagers(&mut tx, team_id, &chosen).await?;
        tx.commit().await?;
        Ok(())
    }
}

/// An improvement project with its measured data and the run chart's rules applied.
#[derive(Clone, Debug)]
pub struct ProjectPage {
    pub project: Project,
    /// Anyone who takes part in the team works on it.
    pub can_edit: bool,
    /// Its kartrekker and the team leaders close it.
    pub can_close: bool,
    pub data: Vec<(Date, f64)>,
    pub analysis: Analysis,
    /// The PDCA cycles in the order they ran, each with its actions.
    pub cycles: Vec<(Cycle, Vec<CycleAction>)>,
    /// Its kartrekker and the team leaders add and edit cycles while it runs.
    pub can_cycle: bool,
}

/// One PDCA cycle with its project, its actions and who may pull a new one.
#[derive(Clone, Debug)]
pub struct CyclePage {
    pub project: Project,
    pub cycle: Cycle,
    /// Its place among the project's cycles, from 1.
    pub number: usize,
    pub actions: Vec<CycleAction>,
    pub can_edit: bool,
    pub members: Vec<Member>,
}

async fn project_access(c: &mut Conn, actor: &Actor, id: i64) -> Result<(Project, bool)> {
    let project = store::project_by_id(c, id).await?.ok_or(Error::NotFound)?;
    let (_, access) = team_access(c, actor, project.team_id).await?;
    Ok((project.clone(), access == Access::Edit && actor.takes_part_in(project.team_id)))
}

/// The project's kartrekker and the team's leaders steer it: they close it
/// and write its PDCA cycles.
fn steers(actor: &Actor, p: &Project, can_edit: bool) -> bool {
    can_edit && (p.kartrekker_id == actor.id() || is_leader(actor, p.team_id))
}

/// A cycle with its project, if the actor may see the project.
async fn cycle_access(c: &mut Conn, actor: &Actor, id: i64) -> Result<(Cycle, Project, bool)> {
    let cycle = store::cycle_by_id(c, id).await?.ok_or(Error::NotFound)?;
    let (project, can_edit) = project_access(c, actor, cycle.project_id).await?;
    let steers = steers(actor, &project, can_edit);
    Ok((cycle, project, steers))
}

fn with_actions(cycles: Vec<Cycle>, actions: Vec<CycleAction>) -> Vec<(Cycle, Vec<CycleAction>)> {
    cycles
        .into_iter()
        .map(|y| {
            let mine = actions.iter().filter(|a| a.cycle_id == y.id).cloned().collect();
            (y, mine)
        })
        .collect()
}

/// The run chart's rules on a project's data: the baseline is the points
/// on or before its "baseline until".
fn analyse(baseline_until: Option<Date>, data: &[(Date, f64)]) -> Analysis {
    let baseline = baseline_until.map_or(0, |until| data.iter().filter(|(d, _)| *d <= until).count());
    let values: Vec<f64> = data.iter().map(|(_, v)| *v).collect();
    runchart::analyse(&values, baseline)
}

fn running(p: &Project) -> Result<()> {
    if p.status == ProjectStatus::Running { Ok(()) } else { Err(Error::Refused("vv-error-project-closed")) }
}

impl Kartrekker {
    pub async fn improvement_project(&self, actor: &Actor, id: i64) -> Result<ProjectPage> {
        let mut c = self.conn().await?;
        let (project, can_edit) = project_access(&mut c, actor, id).await?;
        let data = store::data(&mut c, id).await?;
        let analysis = analyse(project.baseline_until, &data);
        let open = project.status == ProjectStatus::Running;
        let can_close = open && steers(actor, &project, can_edit);
        let cycles = with_actions(store::cycles(&mut c, id).await?, store::cycle_actions(&mut c, id).await?);
        Ok(ProjectPage { can_edit: can_edit && open, can_close, can_cycle: can_close, data, analysis, cycles, project })
    }

    /// The aim (what, how much, by when), the measure and the baseline.
    pub async fn save_improvement_project(&self, actor: &Actor, id: i64, input: &ProjectInput<'_>) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let (project, can_edit) = project_access(&mut tx, actor, id).await?;
        if !can_edit {
            return Err(Error::Forbidden);
        }
        running(&project)?;
        store::save_project(&mut tx, id, &input.check()?).await?;
        tx.commit().await?;
        Ok(())
    }

    /// Measured values, one per date (a date entered again takes the new value).
    pub async fn add_improvement_data(&self, actor: &Actor, id: i64, points: &[(Date, f64)]) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let (project, can_edit) = project_access(&mut tx, actor, id).await?;
        if !can_edit {
            return Err(Error::Forbidden);
        }
        running(&project)?;
        if points.is_empty() {
            return Err(Error::invalid("value", "vv-error-no-data"));
        }
        for (on, value) in points {
            store::put_data(&mut tx, id, *on, *value).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// Closes the project with its result, which the posters of its point read there.
    pub async fn close_improvement_project(&self, actor: &Actor, id: i64, result: &str) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let (project, can_edit) = project_access(&mut tx, actor, id).await?;
        if !steers(actor, &project, can_edit) {
            return Err(Error::Forbidden);
        }
        let result = result_text(result)?;
        if !store::close_project(&mut tx, id, &result, self.now()).await? {
            return Err(Error::Refused("vv-error-project-closed"));
        }
        if let Some(point) = project.point_id {
            let posters: Vec<i64> = store::posters(&mut tx, point).await?.iter().map(|p| p.person_id).collect();
            self.notify_all(&mut tx, &posters, &Event::ProjectClosed { project_id: id }, &format!("project:{id}"))
                .await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

impl Kartrekker {
    /// A new PDCA cycle on a running project, by its kartrekker or a team leader.
    pub async fn add_improvement_cycle(&self, actor: &Actor, project_id: i64, input: &CycleInput<'_>) -> Result<i64> {
        let mut tx = self.db.begin().await?;
        let (project, can_edit) = project_access(&mut tx, actor, project_id).await?;
        if !steers(actor, &project, can_edit) {
            return Err(Error::Forbidden);
        }
        running(&project)?;
        let id = store::insert_cycle(&mut tx, project_id, &input.check()?, self.now()).await?;
        tx.commit().await?;
        Ok(id)
    }

    pub async fn improvement_cycle(&self, actor: &Actor, id: i64) -> Result<CyclePage> {
        let mut c = self.conn().await?;
        let (cycle, project, steers) = cycle_access(&mut c, actor, id).await?;
        let can_edit = steers && project.status == ProjectStatus::Running;
        let mut actions = store::cycle_actions(&mut c, project.id).await?;
        actions.retain(|a| a.cycle_id == id);
        let number = store::cycles(&mut c, project.id).await?.iter().position(|y| y.id == id).unwrap_or(0) + 1;
        let members = if can_edit { kartrekkers(&mut c, project.team_id).await? } else { Vec::new() };
        Ok(CyclePage { project, cycle, number, actions, can_edit, members })
    }

    /// The cycle's dates and its plan, do, study and act notes.
    pub async fn save_improvement_cycle(&self, actor: &Actor, id: i64, input: &CycleInput<'_>) -> Result<i64> {
        let mut tx = self.db.begin().await?;
        let (_, project, steers) = cycle_access(&mut tx, actor, id).await?;
        if !steers {
            return Err(Error::Forbidden);
        }
        running(&project)?;
        store::update_cycle(&mut tx, id, &input.check()?).await?;
        tx.commit().await?;
        Ok(project.id)
    }

    /// An action agreed in a cycle, straight into the register: origin
    /// "Verwonderpunt" (the project's point), as the point's quick fix is.
    pub async fn add_improvement_cycle_action(&self, actor: &Actor, id: i64, input: &ActionInput<'_>) -> Result<i64> {
        let mut tx = self.db.begin().await?;
        let (_, project, steers) = cycle_access(&mut tx, actor, id).await?;
        if !steers {
            return Err(Error::Forbidden);
        }
        running(&project)?;
        let origin = Origin { kind: OriginKind::Verwonderpunt, id: project.point_id };
        let action = self.create_action_in(&mut tx, actor, project.team_id, input, origin).await?;
        store::link_cycle_action(&mut tx, id, action).await?;
        tx.commit().await?;
        Ok(action)
    }
}

/// A team's wall of "what we changed": closed projects and finished quick fixes.
#[derive(Clone, Debug)]
pub struct Wall {
    pub team: Team,
    pub projects: Vec<ClosedProject>,
    pub fixes: Vec<DoneFix>,
}

/// A running project in the organisation's overview, with its latest data
/// point and what its run chart shows.
#[derive(Clone, Debug)]
pub struct OverviewProject {
    pub id: i64,
    pub title: String,
    pub kartrekker: String,
    pub latest: Option<(Date, f64)>,
    pub points: usize,
    pub shift: bool,
    pub trend: bool,
}

/// A team in the organisation's overview: its projects by status, and the running ones.
#[derive(Clone, Debug)]
pub struct OverviewTeam {
    pub department: String,
    pub team_id: i64,
    pub team: String,
    pub running: i64,
    pub closed: i64,
    pub projects: Vec<OverviewProject>,
}

impl Kartrekker {
    /// What the team changed: anyone who may see the team reads it.
    pub async fn improvement_wall(&self, actor: &Actor, team_id: i64) -> Result<Wall> {
        let mut c = self.conn().await?;
        let (team, _) = team_access(&mut c, actor, team_id).await?;
        let projects = store::closed_projects(&mut c, team_id).await?;
        let fixes = store::done_fixes(&mut c, team_id).await?;
        Ok(Wall { team, projects, fixes })
    }

    /// The organisation's improvement projects per department and team, for
    /// its program leaders (who also see the trajectories' overview).
    pub async fn improvement_overview(&self, actor: &Actor) -> Result<Vec<OverviewTeam>> {
        let org = actor.org_with(OrgRole::ProgramLeader).ok_or(Error::Forbidden)?;
        let mut c = self.conn().await?;
        let teams = store::projects_per_team(&mut c, org).await?;
        let running = store::running_in_org(&mut c, org).await?;
        let mut data: std::collections::HashMap<i64, Vec<(Date, f64)>> = std::collections::HashMap::new();
        for (id, d, v) in store::running_data_in_org(&mut c, org).await? {
            data.entry(id).or_default().push((d, v));
        }
        let mut projects: Vec<(i64, OverviewProject)> = running
            .into_iter()
            .map(|p| {
                let points = data.remove(&p.id).unwrap_or_default();
                let a = analyse(p.baseline_until, &points);
                let view = OverviewProject {
                    id: p.id,
                    title: p.title,
                    kartrekker: p.kartrekker,
                    latest: points.last().copied(),
                    points: points.len(),
                    shift: a.has_shift(),
                    trend: a.has_trend(),
                };
                (p.team_id, view)
            })
            .collect();
        Ok(teams
            .into_iter()
            .map(|t| {
                let mine = projects.extract_if(.., |(team, _)| *team == t.team_id).map(|(_, p)| p).collect();
                OverviewTeam {
                    department: t.department,
                    team_id: t.team_id,
                    team: t.team,
                    running: t.running,
                    closed: t.closed,
                    projects: mine,
                }
            })
            .collect())
    }
}
