//! People and organisations built through the real services, for tests that
//! need someone to act as.

use kartrekker::Kartrekker;
use kartrekker::actions::{ActionInput, Origin};
use kartrekker::auth::{Actor, password};
use kartrekker::people::store as people;

pub const PASSWORD: &str = "een lang genoeg wachtwoord";

/// An instrument an organisation publishes itself: a required Likert item
/// `busy`, a required 0–10 item `joy` and an optional open `why`.
pub const PULSE_V1: &str = r#"id = "pulse"
version = 1
title = { nl = "Werkdruk", en = "Workload" }

[scales.agree]
points = [
  { value = 1, nl = "Oneens", en = "Disagree" },
  { value = 2, nl = "Neutraal", en = "Neutral" },
  { value = 3, nl = "Eens", en = "Agree" },
]

[[sections]]
id = "load"
title = { nl = "Belasting", en = "Load" }

[[sections.items]]
id = "busy"
type = "likert"
scale = "agree"
text = { nl = "Het is druk", en = "It is busy" }

[[sections]]
id = "joy"
title = { nl = "Plezier", en = "Joy" }

[[sections.items]]
id = "joy"
type = "zero_to_ten"
low = { nl = "geen", en = "none" }
high = { nl = "veel", en = "much" }
text = { nl = "Werkplezier", en = "Joy in work" }

[[sections.items]]
id = "why"
type = "open_text"
required = false
text = { nl = "Waarom?", en = "Why?" }
"#;

/// Gives a person a password directly, as if they accepted their invitation.
pub async fn activate(app: &impl AsRef<Kartrekker>, email: &str) -> i64 {
    let k = app.as_ref();
    let mut c = k.conn().await.unwrap();
    let p = people::by_email(&mut c, email).await.unwrap().expect("person exists");
    let hash = password::hash(PASSWORD.to_string()).await.unwrap();
    people::set_password_hash(&mut c, p.id, &hash).await.unwrap();
    p.id
}

pub async fn actor(app: &impl AsRef<Kartrekker>, email: &str) -> Actor {
    let k = app.as_ref();
    let mut c = k.conn().await.unwrap();
    let p = people::by_email(&mut c, email).await.unwrap().expect("person exists");
    drop(c);
    k.actor(p.id).await.unwrap().unwrap()
}

/// An instance administrator with a password.
pub async fn root(app: &impl AsRef<Kartrekker>) -> Actor {
    let k = app.as_ref();
    let email = "root@kartrekker.test";
    if people::by_email(&mut k.conn().await.unwrap(), email).await.unwrap().is_none() {
        k.add_instance_admin("Root Beheer", email).await.unwrap();
        activate(app, email).await;
    }
    actor(app, email).await
}

/// An organisation with an active administrator, a department, a team
/// with a leader and a member.
pub struct Org {
    pub admin: String,
    pub leader: String,
    pub member: String,
    pub team_id: i64,
    pub department_id: i64,
    pub member_id: i64,
}

pub async fn org(app: &impl AsRef<Kartrekker>, name: &str) -> Org {
    let k = app.as_ref();
    let slug = name.to_lowercase().replace(' ', "");
    let admin = format!("admin@{slug}.test");
    k.create_organisation(&root(app).await, name, "Anna Admin", &admin).await.unwrap();
    activate(app, &admin).await;
    let a = actor(app, &admin).await;
    let department_id = k.create_department(&a, "Interne geneeskunde").await.unwrap();
    let team_id = k.create_team(&a, &department_id.to_string(), "Interne B3").await.unwrap();
    let leader = format!("leider@{slug}.test");
    let member = format!("lid@{slug}.test");
    let leader_id = k.create_person(&a, "Lieke Leider", &leader, "manager", &[]).await.unwrap();
    let member_id = k.create_person(&a, "Lars Lid", &member, "hbo-v", &[]).await.unwrap();
    k.add_member(&a, team_id, &leader_id.to_string(), "team_leader").await.unwrap();
    k.add_member(&a, team_id, &member_id.to_string(), "member").await.unwrap();
    activate(app, &leader).await;
    activate(app, &member).await;
    Org { admin, leader, member, team_id, department_id, member_id }
}

/// An organisation as `org` makes it, with a program leader and a trainer
/// from outside the team: what a team trajectory starts from.
pub struct TrajectoryOrg {
    pub o: Org,
    /// The program leader's e-mail address.
    pub pl: String,
    /// The trainer's e-mail address.
    pub trainer: String,
    pub trainer_id: i64,
    pub leader_id: i64,
}

pub async fn trajectory_org(app: &impl AsRef<Kartrekker>, name: &str) -> TrajectoryOrg {
    let o = org(app, name).await;
    let slug = name.to_lowercase().replace(' ', "");
    let admin = actor(app, &o.admin).await;
    let k = app.as_ref();
    let pl = format!("programma@{slug}.test");
    k.create_person(&admin, "Petra Programma", &pl, "manager", &["program_leader".into()]).await.unwrap();
    activate(app, &pl).await;
    let trainer = format!("trainer@{slug}.test");
    let trainer_id = k.create_person(&admin, "Tom Trainer", &trainer, "hbo-v", &[]).await.unwrap();
    activate(app, &trainer).await;
    let leader_id = actor(app, &o.leader).await.id();
    TrajectoryOrg { o, pl, trainer, trainer_id, leader_id }
}

/// An action in the register of `o`'s team, made by `by` (an e-mail address)
/// with `kartrekker` (a person id) pulling it, due in `due_in` days.
pub async fn register_action(
    app: &impl AsRef<Kartrekker>,
    by: &str,
    o: &Org,
    title: &str,
    kartrekker: i64,
    due_in: i64,
) -> i64 {
    let k = app.as_ref();
    let due = k.today().add_days(due_in).to_string();
    let input =
        ActionInput { title, goal: "Rust", kartrekker: &kartrekker.to_string(), due_date: &due, ..Default::default() };
    k.create_action(&actor(app, by).await, o.team_id, &input, Origin::REGISTER).await.unwrap()
}

/// Adds an active person called `name` with `email` to `team_id` of `o`'s
/// organisation in `role` (e.g. "resident", "opleider"); returns their id.
pub async fn join_team(
    app: &impl AsRef<Kartrekker>,
    o: &Org,
    name: &str,
    email: &str,
    team_id: i64,
    role: &str,
) -> i64 {
    let k = app.as_ref();
    let admin = actor(app, &o.admin).await;
    let id = k.create_person(&admin, name, email, "arts", &[]).await.unwrap();
    k.add_member(&admin, team_id, &id.to_string(), role).await.unwrap();
    activate(app, email).await;
    id
}

/// A trajectory's phase as stored.
pub async fn phase_of(app: &impl AsRef<Kartrekker>, trajectory_id: i64) -> String {
    kartrekker::db::query_scalar("SELECT phase FROM trajectories WHERE id = $1")
        .bind(trajectory_id)
        .fetch_one(&app.as_ref().db)
        .await
        .unwrap()
}

/// How many rows a table has: to prove that refused input changed nothing.
pub async fn count(app: &impl AsRef<Kartrekker>, table: &str) -> i64 {
    let k = app.as_ref();
    kartrekker::db::query_scalar(kartrekker::db::AssertSqlSafe(format!("SELECT COUNT(*) FROM {table}")))
        .fetch_one(&k.db)
        .await
        .unwrap()
}

/// The names of a table's columns, sorted, as the database reports them: to
/// prove an anonymous answer has nowhere to keep a person or a time.
pub async fn columns(app: &impl AsRef<Kartrekker>, table: &str) -> Vec<String> {
    let schema = app.as_ref().db.schema().await.unwrap();
    let prefix = format!("column {table}.");
    let mut names: Vec<String> = schema
        .0
        .iter()
        .filter_map(|l| l.strip_prefix(&prefix))
        .map(|rest| rest.split(' ').next().unwrap_or_default().to_string())
        .collect();
    names.sort();
    names
}

/// Sets the minimum group size of `admin`'s organisation, as its
/// administrator does on the settings page.
pub async fn min_group_size(app: &impl AsRef<Kartrekker>, admin: &str, n: i64) {
    let a = actor(app, admin).await;
    app.as_ref().save_org_settings(&a, "3", &n.to_string()).await.unwrap();
}

/// Adds active members called `names` (e-mail "name@domain") to the
/// organisation's team; returns their e-mail addresses and ids.
pub async fn more_members(app: &impl AsRef<Kartrekker>, o: &Org, names: &[&str], domain: &str) -> Vec<(String, i64)> {
    let k = app.as_ref();
    let admin = actor(app, &o.admin).await;
    let mut out = Vec::new();
    for name in names {
        let email = format!("{}@{domain}", name.to_lowercase());
        let id =
            k.create_person(&admin, &format!("{name} Specialist"), &email, "medisch specialist", &[]).await.unwrap();
        k.add_member(&admin, o.team_id, &id.to_string(), "member").await.unwrap();
        activate(app, &email).await;
        out.push((email, id));
    }
    out
}
