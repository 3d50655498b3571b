//! The benchmark's data set: a generated hospital (scale 1) or hospital
//! group (scale N: N hospitals), deterministic from a fixed seed, with five
//! years of history in every area. `kartrekker-bench seed` calls [`seed`];
//! `bench/run` measures the server on it. Its own crate, so that the
//! production library ships no generator.
//!
//! Over 500 lines: one generator, in the order the data depends on
//! (organisations, people, teams, then each area's history), sharing one
//! random source; split per area it would pass that state around everywhere.
//!
//! Dates are relative to today, so "overdue" and "closed" stay realistic;
//! everything else follows from the seed.
//!
//! Over 500 lines: one organisation is generated in one pass, area after
//! area, sharing the random stream and the ids; splitting it would scatter
//! that state over files.

pub mod store;

use std::time::{Duration, Instant};

use store::{Batch, Val};

use kartrekker::auth::password;
use kartrekker::dates::Date;
use kartrekker::db::{Conn, Tx};
use kartrekker::demo::{FIRST_NAMES, LAST_NAMES};
use kartrekker::people::store as people;
use kartrekker::questionnaires::definition::{Definition, ItemKind};
use kartrekker::questionnaires::store as q;
use kartrekker::reflection::service::{COLLEAGUE_INSTRUMENT, SELF_INSTRUMENT};
use kartrekker::{Error, Kartrekker, Result};

/// Every generated person's password.
pub const PASSWORD: &str = "kartrekker-bench";

/// What to generate, per organisation.
#[derive(Clone, Debug)]
pub struct Plan {
    pub organisations: usize,
    pub departments: usize,
    pub teams: usize,
    pub people: usize,
    pub actions: usize,
    pub cycles: usize,
    /// Draft responses of the benchmark's member, for the submission run
    /// (in the first organisation only).
    pub drafts: usize,
    pub seed: u64,
}

impl Plan {
    /// Scale 1 is one hospital; scale N is a group of N of them.
    pub fn scale(n: usize) -> Plan {
        Plan {
            organisations: n.max(1),
            departments: 40,
            teams: 120,
            people: 3000,
            actions: 20_000,
            cycles: 200,
            drafts: 400_000,
            seed: 0x6b61_7274_7265_6b6b,
        }
    }
    /// A small version for tests: two organisations.
    pub fn tiny() -> Plan {
        Plan {
            organisations: 2,
            departments: 3,
            teams: 8,
            people: 100,
            actions: 120,
            cycles: 4,
            drafts: 5,
            ..Plan::scale(1)
        }
    }
}

/// What was generated, and the log-ins `bench/run` uses.
#[derive(Clone, Debug)]
pub struct Report {
    pub took: Duration,
    pub counts: Vec<(&'static str, i64)>,
    /// (what, e-mail)
    pub logins: Vec<(&'static str, String)>,
    /// KEY=value lines for `bench/run`.
    pub facts: Vec<(&'static str, String)>,
}

/// splitmix64: small, fast, good enough for test data, and ours.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        z ^ (z >> 31)
    }
    /// 0..n
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
    /// lo..=hi
    fn range(&mut self, lo: i64, hi: i64) -> i64 {
        lo + (self.next() % ((hi - lo + 1).max(1) as u64)) as i64
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.next() % 100 < percent
    }
    fn pick<'a, T>(&mut self, xs: &'a [T]) -> &'a T {
        &xs[self.below(xs.len())]
    }
}

const CITIES: &[&str] = &[
    "Amstelland",
    "Rijnmond",
    "Zuiderzee",
    "Veluwe",
    "Kempen",
    "Waterland",
    "Twente",
    "Drechtsteden",
    "Gooi",
    "Achterhoek",
    "Westland",
    "Betuwe",
];
const DEPARTMENTS: &[&str] = &[
    "Interne geneeskunde",
    "Chirurgie",
    "Cardiologie",
    "Spoedeisende hulp",
    "Kindergeneeskunde",
    "Neurologie",
    "Longziekten",
    "Orthopedie",
    "Oncologie",
    "Geriatrie",
    "Verloskunde",
    "Intensive care",
    "Maag-darm-lever",
    "Urologie",
    "Psychiatrie",
    "Radiologie",
    "Anesthesiologie",
    "Dialyse",
    "Revalidatie",
    "Dagbehandeling",
];
const WINGS: &[&str] = &["A", "B", "C", "D", "E", "F"];
const ACTIONS: &[&str] = &[
    "Overdracht volgens SBAR bij elke dienstwissel",
    "Werkafspraken medicatieronde herzien",
    "Dagstart van tien minuten aan het bord",
    "Inwerkmap voor nieuwe collega's bijwerken",
    "Pijnscores twee keer per dienst vastleggen",
    "Valrisico bespreken bij opname",
    "Rooster twee weken eerder bekend",
    "Afspraken over pauzes op drukke dagen",
    "Familiegesprek binnen 48 uur plannen",
    "Voorraad op de behandelkamer op orde",
    "Collegiale consultatie bij complexe zorg",
    "Terugkoppeling na incidentmeldingen",
    "Ontslagbrief klaar voor 11 uur",
    "Samen leren van bijna-incidenten",
    "Werkdruk bespreekbaar maken in het teamoverleg",
    "Telefoon bij de balie beter verdelen",
    "Scholing delier voor het hele team",
    "Evaluatie nachtdiensten",
];
const UPDATES: &[&str] = &[
    "Besproken in het teamoverleg; iedereen is op de hoogte.",
    "Eerste week geprobeerd, gaat goed in de dagdienst.",
    "Nog niet gelukt door ziekte in het team.",
    "Met de leidinggevende afgestemd, volgende stap gepland.",
    "Concept klaar, opmerkingen verwerkt.",
    "Loopt; in de avonddienst lastiger.",
    "Afgerond en geëvalueerd met het team.",
];
const THEMES: &[&str] = &[
    "Overdracht",
    "Werkdruk",
    "Samenwerking met artsen",
    "Aanspreken",
    "Inwerken",
    "Rust op de afdeling",
    "Feedback geven",
    "Roosters",
];
const DAILY: &[&str] = &[
    "Veel onderbrekingen tijdens de medicatieronde.",
    "Onduidelijk wie wat doet bij een opname.",
    "We hebben weinig tijd om van elkaar te leren.",
    "Overdracht duurt lang en mist soms informatie.",
];
const PROUD: &[&str] = &[
    "Hoe we elkaar helpen als het druk is.",
    "De zorg voor patiënten in de laatste levensfase.",
    "Dat nieuwe collega's zich snel thuis voelen.",
];
const OBSERVATIONS: &[&str] = &[
    "Tijdens de overdracht werd de telefoon vier keer opgenomen.",
    "De dagstart begon tien minuten later dan gepland.",
    "Een collega vroeg hulp bij een tilactie en kreeg die meteen.",
    "De arts en verpleegkundige bespraken het beleid aan bed.",
];
const OPEN_ANSWERS: &[&str] = &[
    "Ik zou vaker willen vragen hoe het met collega's gaat.",
    "Blijf zo betrokken bij nieuwe collega's.",
    "Meer ruimte om te leren van wat misgaat.",
    "Je geeft rust op drukke momenten.",
];
const STATUSES_OLD: &[(&str, u64)] = &[("done", 72), ("dropped", 14), ("in_progress", 8), ("open", 6)];
const STATUSES_NEW: &[(&str, u64)] = &[("open", 35), ("in_progress", 40), ("done", 20), ("dropped", 5)];
const PROFESSIONS: &[(&str, u64)] = &[
    ("bachelor_nurse", 32),
    ("vocational_nurse", 20),
    ("care_assistant", 10),
    ("doctor", 8),
    ("resident", 8),
    ("medical_specialist", 12),
    ("other", 10),
];
const PHASES: &[&str] = &["intake", "observation", "mirror_session", "work", "evaluation", "re_evaluation"];

fn weighted(rng: &mut Rng, xs: &[(&'static str, u64)]) -> &'static str {
    let total: u64 = xs.iter().map(|x| x.1).sum();
    let mut n = rng.next() % total;
    for (x, w) in xs {
        if n < *w {
            return x;
        }
        n -= w;
    }
    xs[0].0
}

const DAY_MS: i64 = 86_400_000;

/// Ids the generator hands out, starting after what the database has.
struct Ids {
    org: i64,
    department: i64,
    team: i64,
    person: i64,
    trajectory: i64,
    session: i64,
    theme: i64,
    action: i64,
    cycle: i64,
    response: i64,
    point: i64,
    project: i64,
    pdca: i64,
    series: i64,
    meeting: i64,
    activity: i64,
}

fn next(id: &mut i64) -> i64 {
    *id += 1;
    *id
}

/// An item: its id, Some((lowest, highest)) for numbers or None for open
/// text, and whether it is required.
type FormItem = (String, Option<(i64, i64)>, bool);

/// A shipped instrument, read for its items.
struct Form {
    id: i64,
    items: Vec<FormItem>,
}

async fn form(c: &mut Conn, slug: &str) -> Result<Form> {
    let row = q::latest_shipped(c, slug).await?.ok_or(Error::Internal(format!("instrument {slug} missing")))?;
    let d = Definition::parse(&row.source).map_err(|e| Error::Internal(format!("{e:?}")))?;
    let items = d
        .items()
        .map(|i| {
            let range = match &i.kind {
                ItemKind::OpenText { .. } => None,
                k => k.range(),
            };
            (i.id.clone(), range, i.required)
        })
        .collect();
    Ok(Form { id: row.id, items })
}

/// One team as the generator knows it.
struct Team {
    id: i64,
    leader: i64,
    members: Vec<i64>,
    trajectory: Option<i64>,
}

/// Fills an empty, migrated database with the benchmark's data set.
/// Refuses a database that has people already.
pub async fn seed(k: &Kartrekker, plan: &Plan) -> Result<Report> {
    let started = Instant::now();
    let mut c = k.conn().await?;
    if people::count(&mut c).await? > 0 {
        return Err(Error::Internal(
            "this database has people already; kartrekker-bench seed fills only an empty (migrated) database".into(),
        ));
    }
    k.install_shipped_instruments().await?;
    let own = form(&mut c, SELF_INSTRUMENT).await?;
    let colleague = form(&mut c, COLLEAGUE_INSTRUMENT).await?;
    let mut ids = Ids {
        org: store::max_id(&mut c, "organisations").await?,
        department: store::max_id(&mut c, "departments").await?,
        team: store::max_id(&mut c, "teams").await?,
        // A person and their account share an id: past the highest of either.
        person: store::max_id(&mut c, "people").await?.max(store::max_id(&mut c, "accounts").await?),
        trajectory: store::max_id(&mut c, "trajectories").await?,
        session: store::max_id(&mut c, "trajectory_sessions").await?,
        theme: store::max_id(&mut c, "trajectory_themes").await?,
        action: store::max_id(&mut c, "actions").await?,
        cycle: store::max_id(&mut c, "reflection_cycles").await?,
        response: store::max_id(&mut c, "responses").await?,
        point: store::max_id(&mut c, "verwonderpunten").await?,
        project: store::max_id(&mut c, "improvement_projects").await?,
        pdca: store::max_id(&mut c, "improvement_cycles").await?,
        series: store::max_id(&mut c, "meeting_series").await?,
        meeting: store::max_id(&mut c, "meetings").await?,
        activity: store::max_id(&mut c, "portfolio_activities").await?,
    };
    drop(c);
    let hash = password::hash(PASSWORD.to_string()).await?;
    let mut rng = Rng(plan.seed);
    let mut facts = Vec::new();
    for n in 1..=plan.organisations {
        let mut tx = k.db.begin().await?;
        let f = seed_org(k, &mut tx, plan, n, &hash, &mut rng, &mut ids, &own, &colleague).await?;
        tx.commit().await?;
        if n == 1 {
            facts = f;
        }
    }
    let mut c = k.conn().await?;
    store::sync_sequences(&mut c, k.db.backend).await?;
    store::settle(&mut c, k.db.backend).await?;
    let mut counts = Vec::new();
    for t in store::TABLES {
        counts.push((*t, store::count(&mut c, t).await?));
    }
    let get = |k: &str| facts.iter().find(|f: &&(&str, String)| f.0 == k).map(|f| f.1.clone()).unwrap_or_default();
    let logins = vec![
        ("team leader / leidinggevende", get("BENCH_LEADER")),
        ("program leader / programmaleider", get("BENCH_PROGRAM")),
        ("member with reflection results / lid met resultaten", get("BENCH_MEMBER")),
        ("administrator / beheerder", get("BENCH_ADMIN")),
    ];
    Ok(Report { took: started.elapsed(), counts, logins, facts })
}

#[allow(clippy::too_many_arguments)]
async fn seed_org(
    k: &Kartrekker,
    tx: &mut Tx,
    plan: &Plan,
    n: usize,
    hash: &str,
    rng: &mut Rng,
    ids: &mut Ids,
    own: &Form,
    colleague: &Form,
) -> Result<Vec<(&'static str, String)>> {
    let c: &mut Conn = tx;
    let now = k.now();
    let today = Date::today_nl(now);
    let start = today.add_days(-5 * 365);
    let ms = |d: Date, rng: &mut Rng| d.start_ms_utc() + rng.range(7 * 3_600_000, 17 * 3_600_000);
    let email = |k: usize| format!("p{n}-{k}@bench.kartrekker.test");

    // The organisation, its departments and teams.
    let org = next(&mut ids.org);
    let city = CITIES[(n - 1) % CITIES.len()];
    let name = if n <= CITIES.len() {
        format!("Ziekenhuis {city}")
    } else {
        format!("Ziekenhuis {city} {}", (n - 1) / CITIES.len() + 1)
    };
    // Minimum group size 3, as in the demo: the cycles' three or more raters
    // then give the "personal results" row real results to measure.
    let mut b = Batch::new("organisations", &["id", "name", "created_at", "reminder_days", "min_group_size"]);
    b.push(c, vec![org.into(), name.into(), start.start_ms_utc().into(), 3.into(), 3.into()]).await?;
    b.flush(c).await?;
    let mut b = Batch::new("departments", &["id", "org_id", "name"]);
    let mut departments = Vec::new();
    for d in 0..plan.departments {
        let id = next(&mut ids.department);
        let base = DEPARTMENTS[d % DEPARTMENTS.len()];
        let name =
            if d < DEPARTMENTS.len() { base.to_string() } else { format!("{base} {}", d / DEPARTMENTS.len() + 1) };
        b.push(c, vec![id.into(), org.into(), name.clone().into()]).await?;
        departments.push((id, name));
    }
    b.flush(c).await?;
    let mut b = Batch::new("teams", &["id", "org_id", "department_id", "name"]);
    let mut teams = Vec::new();
    for t in 0..plan.teams {
        let id = next(&mut ids.team);
        let (dept, dname) = &departments[t % departments.len()];
        let k = t / departments.len();
        let name = format!("{dname} {}{}", WINGS[k % WINGS.len()], k / WINGS.len() + 1);
        b.push(c, vec![id.into(), org.into(), (*dept).into(), name.into()]).await?;
        teams.push(Team { id, leader: 0, members: Vec::new(), trajectory: None });
    }
    b.flush(c).await?;

    // People: administrator, two program leaders, HR, a leader per team,
    // trainers, then everyone else as members of a team (some of two).
    let trainers = (plan.teams / 6).max(1);
    let first_member = 5 + plan.teams + trainers;
    // One account per person, with the person's id.
    let mut accounts =
        Batch::new("accounts", &["id", "email", "password_hash", "language", "is_instance_admin", "created_at"]);
    let mut b = Batch::new("people", &["id", "org_id", "account_id", "name", "profession", "joined_at", "created_at"]);
    let mut person_ids = Vec::with_capacity(plan.people);
    let mut people_rows = Vec::with_capacity(plan.people);
    let mut professions = Vec::with_capacity(plan.people);
    for k in 1..=plan.people {
        let id = next(&mut ids.person);
        let profession = if k <= 4 + plan.teams {
            "manager"
        } else if k < first_member {
            "bachelor_nurse"
        } else {
            weighted(rng, PROFESSIONS)
        };
        let name = format!("{} {}", rng.pick(FIRST_NAMES), rng.pick(LAST_NAMES));
        let language: Option<String> = if rng.chance(4) { Some("en".into()) } else { None };
        let created = ms(start.add_days(rng.range(0, 4 * 365)), rng);
        accounts
            .push(
                c,
                vec![
                    id.into(),
                    email(k).into(),
                    Some(hash.to_string()).into(),
                    language.into(),
                    0.into(),
                    created.into(),
                ],
            )
            .await?;
        // Written after every account (a batch writes when it is full).
        people_rows.push(vec![
            id.into(),
            Some(org).into(),
            id.into(),
            name.into(),
            profession.into(),
            Some(created).into(),
            created.into(),
        ]);
        person_ids.push(id);
        professions.push(profession);
    }
    accounts.flush(c).await?;
    for row in people_rows {
        b.push(c, row).await?;
    }
    b.flush(c).await?;
    let person = |k: usize| person_ids[k - 1];
    let mut b = Batch::new("org_roles", &["person_id", "role"]);
    for (k, role) in [(1, "admin"), (2, "program_leader"), (3, "program_leader"), (4, "hr")] {
        if k <= plan.people {
            b.push(c, vec![person(k).into(), role.into()]).await?;
        }
    }
    b.flush(c).await?;
    let mut b = Batch::new("team_members", &["team_id", "person_id", "role"]);
    // (team, person) of the opleiders made here: the portfolio adds more.
    let mut opleider_rows = std::collections::HashSet::new();
    for (t, team) in teams.iter_mut().enumerate() {
        team.leader = person(5 + t);
        b.push(c, vec![team.id.into(), team.leader.into(), "team_leader".into()]).await?;
    }
    let trainer_ids: Vec<i64> = (0..trainers).map(|i| person(5 + plan.teams + i)).collect();
    for (t, team) in teams.iter().enumerate() {
        // Each trainer trains a few teams and is a member of one.
        b.push(c, vec![team.id.into(), trainer_ids[t % trainers].into(), "trainer".into()]).await?;
    }
    for (i, tr) in trainer_ids.iter().enumerate() {
        b.push(c, vec![teams[(i * 7) % teams.len()].id.into(), (*tr).into(), "member".into()]).await?;
    }
    for k in first_member..=plan.people {
        let t = (k - first_member) % teams.len();
        let id = person(k);
        b.push(c, vec![teams[t].id.into(), id.into(), "member".into()]).await?;
        teams[t].members.push(id);
        if rng.chance(10) {
            let other = (t + 1 + rng.below(teams.len() - 1)) % teams.len();
            if other != t {
                b.push(c, vec![teams[other].id.into(), id.into(), "member".into()]).await?;
                teams[other].members.push(id);
            }
        }
        let profession = professions[k - 1];
        if profession == "medical_specialist" && rng.chance(25) {
            b.push(c, vec![teams[t].id.into(), id.into(), "medical_manager".into()]).await?;
        } else if profession == "medical_specialist" && rng.chance(25) {
            b.push(c, vec![teams[t].id.into(), id.into(), "opleider".into()]).await?;
            opleider_rows.insert((teams[t].id, id));
        }
    }
    b.flush(c).await?;

    // Trajectories in every phase, with their sessions, intake, themes and observations.
    let mut tb = Batch::new(
        "trajectories",
        &[
            "id",
            "org_id",
            "team_id",
            "trainer_id",
            "phase",
            "anonymous",
            "work_weeks",
            "interval_months",
            "work_started_on",
            "started_by",
            "created_at",
            "updated_at",
        ],
    );
    // (trajectory, team index, phase index, started)
    let mut trajectories = Vec::new();
    for (t, team) in teams.iter_mut().enumerate() {
        if t % 4 == 3 {
            continue; // a quarter of the teams has no trajectory
        }
        let id = next(&mut ids.trajectory);
        let phase = trajectories.len() % PHASES.len();
        let begun = today.add_days(-rng.range(30 + 60 * phase as i64, 90 + 90 * phase as i64));
        let work_started = (phase >= 3).then(|| begun.add_days(60));
        let created = ms(begun, rng);
        tb.push(
            c,
            vec![
                id.into(),
                org.into(),
                team.id.into(),
                trainer_ids[t % trainers].into(),
                PHASES[phase].into(),
                rng.range(0, 1).into(),
                rng.range(4, 6).into(),
                6.into(),
                work_started.map(|d| d.to_string()).into(),
                Some(person(2)).into(),
                created.into(),
                (created + 30 * DAY_MS).into(),
            ],
        )
        .await?;
        team.trajectory = Some(id);
        trajectories.push((id, t, phase, begun));
    }
    tb.flush(c).await?;
    let mut sb = Batch::new(
        "trajectory_sessions",
        &[
            "id",
            "trajectory_id",
            "kind",
            "seq",
            "date",
            "start_time",
            "minutes",
            "agenda",
            "location",
            "results",
            "next_steps",
            "completed_at",
            "held_on",
        ],
    );
    // (session, team index, completed)
    let mut sessions = Vec::new();
    for &(tid, t, phase, begun) in &trajectories {
        let mut plan_session = |kind: &'static str, seq: i64, on: Date, done: bool, rng: &mut Rng| {
            let id = next(&mut ids.session);
            sessions.push((id, t, done, kind, tid));
            let completed: Option<i64> = done.then(|| ms(on, rng));
            vec![
                id.into(),
                tid.into(),
                kind.into(),
                seq.into(),
                Some(on.to_string()).into(),
                Some("14:00".to_string()).into(),
                120.into(),
                "Welkom, terugblik, afspraken".into(),
                "Vergaderzaal 2".into(),
                (if done { "Goed gesprek; afspraken op het bord." } else { "" }).into(),
                (if done { "Volgende sessie plannen." } else { "" }).into(),
                completed.into(),
                done.then(|| on.to_string()).into(),
            ]
        };
        let row = plan_session("intake", 0, begun.add_days(7), phase >= 1, rng);
        sb.push(c, row).await?;
        if phase >= 1 {
            let row = plan_session("mirror_session", 0, begun.add_days(50), phase >= 3, rng);
            sb.push(c, row).await?;
        }
        if phase >= 3 {
            let evaluations = if phase == 5 { rng.range(2, 4) } else { 1 };
            for seq in 1..=evaluations {
                let on = begun.add_days(60 + 42 * seq);
                let row = plan_session("evaluation", seq, on, seq < evaluations, rng);
                sb.push(c, row).await?;
            }
        }
    }
    sb.flush(c).await?;
    let mut ab = Batch::new("trajectory_attendance", &["session_id", "person_id"]);
    for &(sid, t, done, _, _) in &sessions {
        if done {
            for m in &teams[t].members {
                if rng.chance(70) {
                    ab.push(c, vec![sid.into(), (*m).into()]).await?;
                }
            }
        }
    }
    ab.flush(c).await?;
    let mut themes_b = Batch::new("trajectory_themes", &["id", "trajectory_id", "title", "reflection"]);
    let mut themes = std::collections::HashMap::new();
    for &(tid, _, phase, _) in &trajectories {
        if phase >= 1 {
            let k = rng.range(3, 5) as usize;
            let first = rng.below(THEMES.len());
            let mut mine = Vec::new();
            for j in 0..k {
                let id = next(&mut ids.theme);
                let reflection = if phase >= 2 { "Herkenbaar voor het hele team." } else { "" };
                themes_b
                    .push(c, vec![id.into(), tid.into(), THEMES[(first + j) % THEMES.len()].into(), reflection.into()])
                    .await?;
                mine.push(id);
            }
            themes.insert(tid, mine);
        }
    }
    themes_b.flush(c).await?;
    let mut pb = Batch::new("trajectory_intake_participants", &["trajectory_id", "person_id"]);
    let mut ib = Batch::new(
        "trajectory_intake_answers",
        &["trajectory_id", "person_id", "question", "text", "theme_id", "updated_at"],
    );
    let mut ob = Batch::new(
        "trajectory_observations",
        &["trajectory_id", "observed_on", "category", "text", "theme_id", "author_id", "created_at"],
    );
    for &(tid, t, phase, begun) in &trajectories {
        let mine = themes.get(&tid);
        for m in &teams[t].members {
            if !rng.chance(if phase == 0 { 30 } else { 65 }) {
                continue;
            }
            pb.push(c, vec![tid.into(), (*m).into()]).await?;
            for (question, texts) in [("daily", DAILY), ("proud", PROUD)] {
                let theme: Option<i64> = mine.map(|th| *rng.pick(th));
                let at = ms(begun.add_days(rng.range(0, 14)), rng);
                ib.push(
                    c,
                    vec![
                        tid.into(),
                        Some(*m).into(),
                        question.into(),
                        (*rng.pick(texts)).into(),
                        theme.into(),
                        Some(at).into(),
                    ],
                )
                .await?;
            }
        }
        if phase >= 2 {
            for _ in 0..rng.range(5, 15) {
                let on = begun.add_days(rng.range(20, 45));
                let theme: Option<i64> = mine.map(|th| *rng.pick(th));
                let category = *rng.pick(&["work", "problem", "interaction"]);
                ob.push(
                    c,
                    vec![
                        tid.into(),
                        on.to_string().into(),
                        category.into(),
                        (*rng.pick(OBSERVATIONS)).into(),
                        theme.into(),
                        Some(trainer_ids[t % trainers]).into(),
                        ms(on, rng).into(),
                    ],
                )
                .await?;
            }
        }
    }
    pb.flush(c).await?;
    ib.flush(c).await?;
    ob.flush(c).await?;

    // Five years of actions, with progress and history.
    let mut acb = Batch::new(
        "actions",
        &[
            "id",
            "org_id",
            "team_id",
            "title",
            "goal",
            "kartrekker_id",
            "status",
            "due_date",
            "evaluation_date",
            "result",
            "origin_kind",
            "origin_id",
            "created_by",
            "created_at",
            "updated_at",
        ],
    );
    // (action, status, created, kartrekker)
    let mut actions = Vec::with_capacity(plan.actions);
    let mut mirror_actions: std::collections::HashMap<i64, Vec<i64>> = Default::default();
    for _ in 0..plan.actions {
        let id = next(&mut ids.action);
        let t = rng.below(teams.len());
        let team = &teams[t];
        let age = rng.range(0, 5 * 365 - 1);
        let created_on = today.add_days(-age);
        let status = weighted(rng, if age > 180 { STATUSES_OLD } else { STATUSES_NEW });
        let due = created_on.add_days(rng.range(14, 120));
        let kartrekker = if team.members.is_empty() || rng.chance(20) { team.leader } else { *rng.pick(&team.members) };
        let (origin, origin_id): (&str, Option<i64>) = match (rng.below(100), team.trajectory) {
            (0..=11, Some(tr)) if age < 400 => ("mirror_session", Some(tr)),
            (12..=17, Some(tr)) if age < 400 => ("evaluation", Some(tr)),
            (18..=24, _) => ("decision", None),
            (25..=30, _) => ("meeting", None),
            (31..=36, _) => ("verwonderpunt", None),
            _ => ("register", None),
        };
        if origin == "mirror_session" {
            mirror_actions.entry(origin_id.unwrap_or(0)).or_default().push(id);
        }
        let created = ms(created_on, rng);
        let evaluation: Option<String> = rng.chance(30).then(|| due.add_days(14).to_string());
        let result = if status == "done" { "Werkt; opgenomen in de werkafspraken." } else { "" };
        acb.push(
            c,
            vec![
                id.into(),
                org.into(),
                team.id.into(),
                (*rng.pick(ACTIONS)).into(),
                "Betere en veiligere zorg, met minder gedoe voor het team.".into(),
                kartrekker.into(),
                status.into(),
                Some(due.to_string()).into(),
                evaluation.into(),
                result.into(),
                origin.into(),
                origin_id.into(),
                Some(team.leader).into(),
                created.into(),
                (created + rng.range(0, age.min(200)) * DAY_MS).into(),
            ],
        )
        .await?;
        actions.push((id, status, created, kartrekker, age));
    }
    acb.flush(c).await?;
    let mut ub = Batch::new("action_updates", &["action_id", "author_id", "text", "created_at"]);
    let mut hb = Batch::new("action_history", &["action_id", "actor_id", "at", "field", "old_value", "new_value"]);
    for &(id, status, created, kartrekker, age) in &actions {
        hb.push(
            c,
            vec![id.into(), Some(kartrekker).into(), created.into(), "created".into(), "".into(), "actie".into()],
        )
        .await?;
        let span = age.clamp(1, 150);
        let updates = if status == "open" { rng.range(0, 2) } else { rng.range(1, 4) };
        for u in 0..updates {
            let at = created + (u + 1) * span * DAY_MS / (updates + 1);
            ub.push(c, vec![id.into(), Some(kartrekker).into(), (*rng.pick(UPDATES)).into(), at.into()]).await?;
        }
        let mut was = "open";
        for (step, to) in ["in_progress", status].into_iter().enumerate() {
            if to == was || status == "open" {
                continue;
            }
            let at = created + (step as i64 + 1) * span * DAY_MS / 3;
            hb.push(c, vec![id.into(), Some(kartrekker).into(), at.into(), "status".into(), was.into(), to.into()])
                .await?;
            was = to;
        }
    }
    ub.flush(c).await?;
    hb.flush(c).await?;
    let mut helped = Batch::new("trajectory_helped", &["session_id", "action_id", "person_id", "helped", "at"]);
    for &(sid, t, done, kind, tid) in &sessions {
        if !(done && kind == "evaluation") {
            continue;
        }
        let Some(agreed) = mirror_actions.get(&tid) else { continue };
        for a in agreed.iter().take(3) {
            for m in teams[t].members.iter().take(5) {
                helped.push(c, vec![sid.into(), (*a).into(), (*m).into(), rng.range(0, 1).into(), now.into()]).await?;
            }
        }
    }
    helped.flush(c).await?;

    // Reflection cycles with every answer; most of them closed.
    let mut cb = Batch::new(
        "reflection_cycles",
        &[
            "id",
            "org_id",
            "team_id",
            "leader_id",
            "title",
            "instrument_id",
            "colleague_instrument_id",
            "min_raters",
            "self_date",
            "preparation_date",
            "conversation_date",
            "plan_date",
            "feedback_closed_at",
            "group_notes",
            "created_at",
        ],
    );
    // (cycle, participants, closed at, opened)
    let mut cycles = Vec::new();
    for k in 0..plan.cycles {
        let id = next(&mut ids.cycle);
        // Spread over the teams with at least four members; the first is the benchmark's.
        let t = (k * 7) % teams.len();
        let team = &teams[t];
        let open_day = today.add_days(-(((plan.cycles - k) as i64 * 5 * 365) / plan.cycles as i64));
        let closed = (k + 8 < plan.cycles || k % 3 == 0).then(|| ms(open_day.add_days(28), rng));
        let size = rng.range(6, 10) as usize;
        let participants: Vec<i64> = team.members.iter().take(size).copied().collect();
        let year = open_day.ymd().0;
        cb.push(
            c,
            vec![
                id.into(),
                org.into(),
                team.id.into(),
                Some(team.leader).into(),
                format!("Roeping & collegialiteit {year} ({})", k + 1).into(),
                own.id.into(),
                colleague.id.into(),
                3.into(),
                open_day.add_days(14).to_string().into(),
                open_day.add_days(35).to_string().into(),
                open_day.add_days(42).to_string().into(),
                open_day.add_days(70).to_string().into(),
                closed.into(),
                (if closed.is_some() { "Open gesprek; drie thema's gekozen." } else { "" }).into(),
                ms(open_day, rng).into(),
            ],
        )
        .await?;
        cycles.push((id, participants, closed, open_day, t));
    }
    cb.flush(c).await?;
    let mut rp = Batch::new(
        "reflection_participants",
        &[
            "cycle_id",
            "person_id",
            "preparation_notes",
            "topics",
            "intended_actions",
            "personal_meaning",
            "safeguarding",
            "buddy_id",
            "follow_up_date",
        ],
    );
    let mut rq = Batch::new("reflection_requests", &["cycle_id", "subject_id", "rater_id", "created_at"]);
    let mut rb = Batch::new(
        "responses",
        &[
            "id",
            "instrument_id",
            "org_id",
            "respondent_id",
            "context",
            "status",
            "created_at",
            "updated_at",
            "submitted_at",
        ],
    );
    let mut mb =
        Batch::new("reflection_minutes", &["cycle_id", "person_id", "step", "minutes", "recorded_at", "recorded_by"]);
    // (response, instrument is own, submitted)
    let mut responses: Vec<(i64, bool, bool)> = Vec::new();
    let mut results_of: Option<(i64, i64)> = None;
    for (cid, participants, closed, open_day, t) in &cycles {
        let opened = ms(*open_day, rng);
        let until = closed.unwrap_or(now);
        for (i, p) in participants.iter().enumerate() {
            let done = closed.is_some();
            let buddy: Option<i64> = done.then(|| participants[(i + 1) % participants.len()]);
            let follow: Option<String> = done.then(|| open_day.add_days(160).to_string());
            let txt = |s: &'static str| if done { s } else { "" };
            rp.push(
                c,
                vec![
                    (*cid).into(),
                    (*p).into(),
                    txt("Wat ik wil bespreken: ruimte voor reflectie.").into(),
                    txt("Aanspreken; werkdruk").into(),
                    txt("Elke week één collega feedback vragen.").into(),
                    txt("Het vak blijft me raken.").into(),
                    txt("Met mijn buddy na drie maanden terugkijken.").into(),
                    buddy.into(),
                    follow.into(),
                ],
            )
            .await?;
            // Own self-evaluation.
            let submitted = done || rng.chance(60);
            let rid = next(&mut ids.response);
            let at = opened + rng.range(1, 12) * DAY_MS;
            rb.push(
                c,
                vec![
                    rid.into(),
                    own.id.into(),
                    Some(org).into(),
                    Some(*p).into(),
                    format!("reflection:{cid}:self").into(),
                    (if submitted { "submitted" } else { "draft" }).into(),
                    at.into(),
                    at.into(),
                    submitted.then_some(at.min(until - 1)).into(),
                ],
            )
            .await?;
            responses.push((rid, true, submitted));
            // Asks four colleagues; most answer.
            let mut raters = 0;
            for j in 1..=4.min(participants.len() - 1) {
                let rater = participants[(i + j) % participants.len()];
                rq.push(c, vec![(*cid).into(), (*p).into(), rater.into(), (opened + DAY_MS).into()]).await?;
                let answered = rng.chance(if done { 90 } else { 50 });
                if !answered && rng.chance(50) {
                    continue;
                }
                let rid = next(&mut ids.response);
                let at = opened + rng.range(2, 20) * DAY_MS;
                rb.push(
                    c,
                    vec![
                        rid.into(),
                        colleague.id.into(),
                        Some(org).into(),
                        Some(rater).into(),
                        format!("reflection:{cid}:about:{p}").into(),
                        (if answered { "submitted" } else { "draft" }).into(),
                        at.into(),
                        at.into(),
                        answered.then_some(at.min(until - 1)).into(),
                    ],
                )
                .await?;
                responses.push((rid, false, answered));
                raters += answered as i64;
            }
            if done {
                for (step, minutes) in [("self_evaluation", 30), ("preparation", 30), ("conversation", 90)] {
                    mb.push(
                        c,
                        vec![
                            (*cid).into(),
                            (*p).into(),
                            step.into(),
                            minutes.into(),
                            until.into(),
                            Some(teams[*t].leader).into(),
                        ],
                    )
                    .await?;
                }
            }
            if done && raters >= 3 && results_of.is_none() && *t == 0 {
                results_of = Some((*cid, *p));
            }
        }
    }
    // The benchmark member's drafts, for the submission run.
    let member = results_of.map(|r| r.1).or(teams[0].members.first().copied()).unwrap_or(teams[0].leader);
    let drafts_first = ids.response + 1;
    if n == 1 {
        for d in 0..plan.drafts {
            let rid = next(&mut ids.response);
            rb.push(
                c,
                vec![
                    rid.into(),
                    own.id.into(),
                    Some(org).into(),
                    Some(member).into(),
                    format!("bench:{d}").into(),
                    "draft".into(),
                    now.into(),
                    now.into(),
                    None::<i64>.into(),
                ],
            )
            .await?;
        }
    }
    rp.flush(c).await?;
    rq.flush(c).await?;
    rb.flush(c).await?;
    mb.flush(c).await?;
    let mut ans = Batch::new("answers", &["response_id", "item_id", "number", "text"]);
    for &(rid, is_own, submitted) in &responses {
        let f = if is_own { own } else { colleague };
        let lean = rng.range(0, 1);
        for (item, range, required) in &f.items {
            if !submitted && rng.chance(50) {
                continue;
            }
            let (number, text): (Option<i64>, Option<String>) = match range {
                Some((lo, hi)) => (Some((rng.range(*lo, *hi) + lean + 1).min(*hi)), None),
                None if *required || rng.chance(60) => (None, Some(rng.pick(OPEN_ANSWERS).to_string())),
                None => continue,
            };
            ans.push(c, vec![rid.into(), item.clone().into(), number.into(), text.into()]).await?;
        }
    }
    ans.flush(c).await?;

    // meetings (issue 17): every team's daily dagstart series over the last
    // month, held and closed, with today's still open.
    let bench_meeting = seed_dagstarts(c, org, &teams, ids, today, now).await?;

    let mut body = vec!["csrf=CSRF".to_string()];
    for (item, range, _) in &own.items {
        match range {
            Some((_, hi)) => body.push(format!("q-{item}={hi}")),
            None => body.push(format!("q-{item}=Goed+gesprek")),
        }
    }
    body.push("go=submit".into());
    // The first team's project is the one bench/run opens.
    let bench_project = ids.project + 1;
    seed_improvement(c, org, &teams, today, now, rng, ids).await?;
    seed_pulse(c, org, &teams, today, now, rng).await?;
    let staff = Staff { person_ids: &person_ids, professions: &professions, departments: departments.len() };
    let (resident, opleider) = seed_portfolio(c, org, &teams, &staff, &opleider_rows, today, rng, ids).await?;

    let member_k = person_ids.iter().position(|p| *p == member).map_or(0, |i| i + 1);
    let mut facts = vec![
        ("BENCH_PASSWORD", PASSWORD.to_string()),
        ("BENCH_ADMIN", email(1)),
        ("BENCH_PROGRAM", email(2)),
        ("BENCH_LEADER", email(5)),
        ("BENCH_TEAM", teams[0].id.to_string()),
        ("BENCH_MEETING", bench_meeting.to_string()),
        ("BENCH_PROJECT", bench_project.to_string()),
        ("BENCH_MEMBER", email(member_k)),
        ("BENCH_DRAFT_FIRST", drafts_first.to_string()),
        ("BENCH_DRAFT_LAST", (drafts_first + plan.drafts as i64 - 1).to_string()),
        ("BENCH_SUBMIT_BODY", body.join("&")),
        ("BENCH_RESIDENT", email(staff.k_of(resident))),
        ("BENCH_RESIDENT_ID", resident.to_string()),
        ("BENCH_OPLEIDER", email(staff.k_of(opleider))),
    ];
    if let Some((cycle, _)) = results_of {
        facts.push(("BENCH_RESULTS_CYCLE", cycle.to_string()));
    }
    Ok(facts)
}

const WONDERS: &[&str] = &[
    "Waarom hangt er geen gordijn in behandelkamer 3?",
    "Waarom liggen de infuuspompen in de gang?",
    "Waarom is de zeep in de spoelkeuken steeds op?",
    "Waarom duurt de ochtendoverdracht 45 minuten?",
    "Waarom staat de koffieautomaat naast de medicijnkar?",
    "Waarom vallen er zoveel patiënten 's nachts?",
];

/// Verwonder & Verbeter in every team: six verwonderpunten (two waiting, one
/// anonymous, supported by colleagues; one not now, one quick fix, one a
/// project) and the project with 30 weekly data points (a shift after the
/// baseline) and three PDCA cycles.
async fn seed_improvement(
    c: &mut Conn,
    org: i64,
    teams: &[Team],
    today: Date,
    now: i64,
    rng: &mut Rng,
    ids: &mut Ids,
) -> Result<()> {
    let mut points: Vec<Vec<Val>> = Vec::new();
    let mut posters: Vec<Vec<Val>> = Vec::new();
    let mut supports: Vec<Vec<Val>> = Vec::new();
    let mut projects: Vec<Vec<Val>> = Vec::new();
    let mut data: Vec<Vec<Val>> = Vec::new();
    let mut cycles: Vec<Vec<Val>> = Vec::new();
    let started = today.add_days(-7 * 30);
    for team in teams {
        let people: Vec<i64> = std::iter::once(team.leader).chain(team.members.iter().copied()).collect();
        let poster = |i: usize| people[(i + 1) % people.len()];
        let project = next(&mut ids.project);
        for (i, title) in WONDERS.iter().enumerate() {
            let id = next(&mut ids.point);
            let (status, reason, project_id) = match i {
                0 | 1 => ("new", "", None),
                2 => ("quick_fix", "", None),
                3 => ("project", "", Some(project)),
                4 => ("not_now", "De verbouwing lost dit op.", None),
                _ => ("new", "", None),
            };
            let anonymous = i == 5;
            let posted_by = poster(i);
            let backers: Vec<i64> = if anonymous {
                Vec::new()
            } else {
                people.iter().copied().filter(|p| *p != posted_by).take(rng.below(4)).collect()
            };
            let created = now - (40 - i as i64 * 5) * DAY_MS;
            let triaged = (status != "new").then_some(created + DAY_MS);
            points.push(vec![
                id.into(),
                org.into(),
                team.id.into(),
                (*title).into(),
                "".into(),
                i64::from(anonymous).into(),
                status.into(),
                reason.into(),
                project_id.into(),
                (backers.len() as i64).into(),
                created.into(),
                triaged.into(),
            ]);
            posters.push(vec![id.into(), posted_by.into(), i64::from(anonymous).into()]);
            for b in backers {
                supports.push(vec![id.into(), b.into(), (created + 3_600_000).into()]);
            }
            if i == 3 {
                let kartrekker = posted_by;
                projects.push(vec![
                    project.into(),
                    org.into(),
                    team.id.into(),
                    Some(id).into(),
                    "Kortere ochtendoverdracht".into(),
                    kartrekker.into(),
                    (*title).into(),
                    "Een kortere overdracht".into(),
                    "van 45 naar 25 minuten".into(),
                    "Duur van de overdracht (minuten)".into(),
                    Some(started.add_days(7 * 7).to_string()).into(),
                    "running".into(),
                    Some(team.leader).into(),
                    (created + DAY_MS).into(),
                ]);
                for w in 0..30 {
                    // Eight weeks of baseline around 45, then lower.
                    let value = if w < 8 { 42 + rng.range(0, 6) } else { 24 + rng.range(0, 8) };
                    data.push(vec![project.into(), started.add_days(7 * w).to_string().into(), value.into()]);
                }
                for (k, (plan, study)) in [
                    ("Overdracht per kamer met SBAR", "Sneller, maar de artsen missen de start"),
                    ("De arts sluit om 7.45 uur aan", "Onder de 30 minuten"),
                    ("SBAR-kaartje bij elke kamerdeur", ""),
                ]
                .iter()
                .enumerate()
                {
                    let from = started.add_days(7 * (8 + 7 * k as i64));
                    let to = (k < 2).then(|| from.add_days(7 * 7 - 1).to_string());
                    cycles.push(vec![
                        next(&mut ids.pdca).into(),
                        project.into(),
                        from.to_string().into(),
                        to.into(),
                        (*plan).into(),
                        "Zeven weken geprobeerd".into(),
                        (*study).into(),
                        "".into(),
                        now.into(),
                    ]);
                }
            }
        }
    }
    // In the order of their foreign keys, each table whole before the next.
    let tables = [
        (
            Batch::new(
                "verwonderpunten",
                &[
                    "id",
                    "org_id",
                    "team_id",
                    "title",
                    "body",
                    "anonymous",
                    "status",
                    "reason",
                    "project_id",
                    "support",
                    "created_at",
                    "triaged_at",
                ],
            ),
            points,
        ),
        (Batch::new("verwonder_posters", &["point_id", "person_id", "anonymous"]), posters),
        (Batch::new("verwonder_supports", &["point_id", "person_id", "created_at"]), supports),
        (
            Batch::new(
                "improvement_projects",
                &[
                    "id",
                    "org_id",
                    "team_id",
                    "point_id",
                    "title",
                    "kartrekker_id",
                    "problem",
                    "aim_what",
                    "aim_how_much",
                    "measure_name",
                    "baseline_until",
                    "status",
                    "created_by",
                    "created_at",
                ],
            ),
            projects,
        ),
        (Batch::new("improvement_data", &["project_id", "on_date", "value"]), data),
        (
            Batch::new(
                "improvement_cycles",
                &["id", "project_id", "starts_on", "ends_on", "plan", "done", "study", "act", "created_at"],
            ),
            cycles,
        ),
    ];
    for (mut batch, rows) in tables {
        for row in rows {
            batch.push(c, row).await?;
        }
        batch.flush(c).await?;
    }
    Ok(())
}

/// Days of dagstarts each team has held.
const DAGSTART_DAYS: i64 = 30;
/// A dagstart's agenda: (title, minutes, prompt).
const DAGSTART: [(&str, i64, &str); 4] = [
    ("Veiligheid", 3, "Wat kan er vandaag misgaan?"),
    ("Bezetting", 3, "Wie is er, wie mist er?"),
    ("Prioriteiten van vandaag", 4, "Wat moet vandaag zeker gebeuren?"),
    ("Verwonderpunten van gisteren", 3, "Wat viel op?"),
];

/// Each team's daily dagstart series: a month of held meetings with notes
/// and attendance, and today's still open. Returns today's meeting of the
/// first team, for the meeting page's benchmark row.
async fn seed_dagstarts(c: &mut Conn, org: i64, teams: &[Team], ids: &mut Ids, today: Date, now: i64) -> Result<i64> {
    let mut sb = Batch::new("meeting_series", &["id", "org_id", "team_id", "recurrence", "created_at"]);
    let mut mb = Batch::new(
        "meetings",
        &[
            "id",
            "org_id",
            "team_id",
            "series_id",
            "kind",
            "title",
            "held_on",
            "start_time",
            "chair_id",
            "closed_at",
            "created_by",
            "created_at",
        ],
    );
    let mut ib = Batch::new("meeting_items", &["meeting_id", "ordinal", "title", "minutes", "prompt", "notes"]);
    let mut ab = Batch::new("meeting_attendees", &["meeting_id", "person_id", "present"]);
    // Parents are written before their rows: a batch writes when it is full.
    let mut held_meetings = Vec::new();
    for team in teams {
        let series = next(&mut ids.series);
        let started = now - (DAGSTART_DAYS + 1) * DAY_MS;
        sb.push(c, vec![series.into(), org.into(), team.id.into(), "daily".into(), started.into()]).await?;
        held_meetings.push((team, series));
    }
    sb.flush(c).await?;
    let mut meetings = Vec::new();
    for (team, series) in held_meetings {
        for d in (0..=DAGSTART_DAYS).rev() {
            let id = next(&mut ids.meeting);
            let held = today.add_days(-d);
            let closed = (d > 0).then_some(held.start_ms_utc() + 8 * 3_600_000);
            mb.push(
                c,
                vec![
                    id.into(),
                    org.into(),
                    team.id.into(),
                    Some(series).into(),
                    "dagstart".into(),
                    "Dagstart".into(),
                    held.to_string().into(),
                    "07:30".into(),
                    team.leader.into(),
                    closed.into(),
                    Some(team.leader).into(),
                    (held.start_ms_utc() - DAY_MS).into(),
                ],
            )
            .await?;
            meetings.push((team, id, d));
        }
    }
    mb.flush(c).await?;
    for &(team, id, d) in &meetings {
        for (n, (title, minutes, prompt)) in DAGSTART.iter().enumerate() {
            let notes = if d > 0 && n == (d as usize) % DAGSTART.len() { OPEN_ANSWERS[0] } else { "" };
            let row = vec![id.into(), (n as i64 + 1).into(), (*title).into(), (*minutes).into(), (*prompt).into()];
            ib.push(c, [row, vec![notes.into()]].concat()).await?;
        }
        let mut attendees = vec![team.leader];
        for m in &team.members {
            if attendees.len() < 8 && !attendees.contains(m) {
                attendees.push(*m);
            }
        }
        for (j, p) in attendees.into_iter().enumerate() {
            let present = (d == 0 || !(j + d as usize).is_multiple_of(5)) as i64;
            ab.push(c, vec![id.into(), p.into(), present.into()]).await?;
        }
    }
    ib.flush(c).await?;
    ab.flush(c).await?;
    // Today's dagstart of the first team.
    let first = meetings.iter().find(|(t, _, d)| t.id == teams[0].id && *d == 0).map_or(0, |m| m.1);
    Ok(first)
}

/// pulse: two years of fortnightly rounds for every team (a week to answer),
/// three to six answers each, the tallies as the app writes them, and the
/// current round open.
async fn seed_pulse(c: &mut Conn, org: i64, teams: &[Team], today: Date, now: i64, rng: &mut Rng) -> Result<()> {
    const ROUNDS: i64 = 52;
    let instrument: i64 = kartrekker::db::query_scalar(
        "SELECT id FROM instruments WHERE owner = 'kartrekker' AND slug = 'werkdrukpulse' ORDER BY version DESC",
    )
    .fetch_one(&mut *c)
    .await?;
    let mut round_id = store::max_id(c, "pulse_rounds").await?;
    let start = today.add_days(-(ROUNDS - 1) * 14);
    let mut schedules = Batch::new(
        "pulse_schedules",
        &["team_id", "org_id", "instrument_id", "every_days", "open_days", "starts_on", "set_by", "updated_at"],
    );
    let mut rounds = Batch::new(
        "pulse_rounds",
        &[
            "id",
            "org_id",
            "team_id",
            "instrument_id",
            "opens_on",
            "closes_on",
            "respondents",
            "rated",
            "too_high",
            "created_at",
        ],
    );
    let mut marks = Batch::new("pulse_marks", &["round_id", "person_id"]);
    let mut answers = Batch::new("pulse_answers", &["id", "round_id", "item_id", "number", "text"]);
    for team in teams {
        let row = vec![
            team.id.into(),
            org.into(),
            instrument.into(),
            14.into(),
            7.into(),
            start.to_string().into(),
            team.leader.into(),
            now.into(),
        ];
        schedules.push(c, row).await?;
        let people: Vec<i64> = std::iter::once(team.leader).chain(team.members.iter().copied()).collect();
        // A team's rounds are written before their marks and answers (foreign keys).
        let mut later: Vec<(i64, Vec<i64>, Vec<[i64; 5]>)> = Vec::new();
        for r in 0..ROUNDS {
            round_id += 1;
            let opens = start.add_days(r * 14);
            let n = (3 + rng.below(4)).min(people.len());
            let given: Vec<[i64; 5]> = (0..n)
                .map(|_| [rng.range(1, 4), rng.range(1, 4), rng.range(1, 5), rng.range(1, 5), rng.range(1, 5)])
                .collect();
            let high = given.iter().filter(|g| g[0] == 4).count() as i64;
            let row = vec![
                round_id.into(),
                org.into(),
                team.id.into(),
                instrument.into(),
                opens.to_string().into(),
                opens.add_days(6).to_string().into(),
                (n as i64).into(),
                (n as i64).into(),
                high.into(),
                now.into(),
            ];
            rounds.push(c, row).await?;
            later.push((round_id, people[..n].to_vec(), given));
        }
        rounds.flush(c).await?;
        for (round, who, given) in later {
            for p in who {
                marks.push(c, vec![round.into(), p.into()]).await?;
            }
            for g in given {
                for (item, value) in ["workload", "fatigue", "joy", "heard", "safety"].into_iter().zip(g) {
                    let id = (1_i64 << 40) + (rng.next() % (1 << 52)) as i64;
                    let row = vec![id.into(), round.into(), item.into(), Some(value).into(), None::<String>.into()];
                    answers.push(c, row).await?;
                }
            }
        }
    }
    schedules.flush(c).await?;
    marks.flush(c).await?;
    answers.flush(c).await?;
    Ok(())
}

/// Who is who in an organisation: the people in order and their professions.
struct Staff<'a> {
    person_ids: &'a [i64],
    professions: &'a [&'static str],
    departments: usize,
}

impl Staff<'_> {
    fn profession(&self, person: i64) -> &'static str {
        self.person_ids.iter().position(|p| *p == person).map_or("other", |i| self.professions[i])
    }
    /// The person's number in the e-mail addresses (p{org}-{k}@...).
    fn k_of(&self, person: i64) -> usize {
        self.person_ids.iter().position(|p| *p == person).map_or(0, |i| i + 1)
    }
}

/// (kind, level) of a logged situation: the everyday ones most.
const PORTFOLIO_KINDS: &[(&str, &str, &str, u64)] = &[
    ("ward_round", "frontline", "basis", 20),
    ("handover", "frontline", "basis", 20),
    ("multidisciplinary", "clinical", "basis", 15),
    ("teaching", "clinical", "basis", 10),
    ("department_meeting", "clinical", "vervolgfase", 8),
    ("hospital_committee", "executive", "vervolgfase", 4),
    ("insurer_negotiation", "executive", "negotiating", 2),
    ("chairing", "clinical", "chairing", 10),
    ("verwonder_verbeter", "clinical", "verwonder_verbeter", 8),
    ("finance", "executive", "finance", 3),
];
const PORTFOLIO_WHAT: &[&str] = &[
    "De visite liep uit doordat de overdracht onvolledig was; ik heb de prioriteiten met de verpleging afgestemd.",
    "In het MDO bracht ik het beleid voor een kwetsbare oudere in en vroeg de geriater om mee te denken.",
    "Ik zat de assistentenvergadering voor en hield de agenda strak.",
    "Bij de overdracht gebruikte ik SBAR en vroeg de collega om samen te vatten.",
    "Ik gaf onderwijs aan co-assistenten over delier, met een casus van de afdeling.",
    "In de vakgroep stelde ik voor de ontslagbrieven eerder klaar te hebben.",
    "Een verwonderpunt over wachttijden op de SEH uitgezocht met de teamleider.",
];
const PORTFOLIO_WELL: &[&str] = &[
    "Iedereen kwam aan het woord en we hadden een duidelijk besluit.",
    "Ik bleef rustig toen de discussie scherp werd.",
    "De verpleging voelde zich gehoord.",
    "Ik had me goed voorbereid met de cijfers.",
];
const PORTFOLIO_NEXT: &[&str] = &[
    "Eerder de tijd bewaken en aan het eind samenvatten.",
    "Vooraf met de belangrijkste partij afstemmen.",
    "Vragen wat de ander nodig heeft voordat ik een oplossing geef.",
    "De jongste collega's eerst aan het woord laten.",
];
const FEEDBACK_FORMS: &[(&str, usize)] = &[("chairing", 3), ("negotiating", 3), ("working_together", 3), ("free", 1)];
const FEEDBACK_SITUATIONS: &[&str] = &[
    "Assistentenvergadering van deze maand",
    "Samenwerking tijdens de avonddiensten",
    "Gesprek met de zorgverzekeraar over de poli",
    "Het MDO van dinsdag",
    "Onderwijs aan de co-assistenten",
];
const FEEDBACK_GIVERS: &[&str] = &["Ingrid Vos", "Sanne Bakker", "Dr. Willems", "Peter de Groot", "Fatima El Amrani"];
const FEEDBACK_ANSWERS: &[&str] = &[
    "Agenda en stukken vooraf: iedereen was voorbereid.",
    "Je hield de tijd goed vast en vatte elk besluit samen.",
    "De jongste collega's kwamen weinig aan bod.",
    "Je luisterde goed en vroeg door naar wat we nodig hadden.",
    "Soms ging je snel naar een oplossing.",
];
const FEEDBACK_REFLECTIONS: &[&str] = &[
    "Volgende keer begin ik de ronde bij de jongste collega's.",
    "Ik ga vaker vragen wat de ander nodig heeft.",
    "Herkenbaar; ik neem het mee naar het voortgangsgesprek.",
];
const PLAN_STEPS: [&str; 6] = [
    "Klinisch en opleider: ik wil later zelf aios begeleiden.",
    "Een opleider die kliniek en onderwijs combineert; ze deed een didactische cursus.",
    "Collega's noemen mijn rust bij overdrachten en onderwijs.",
    "Een module onderwijs in het vierde jaar, de talentklas landelijk.",
    "Na de vervolgfase-stage.",
    "Bespreken in het voortgangsgesprek: onderwijstaken in het rooster.",
];
const PORTFOLIO_COMMENTS: &[&str] = &[
    "Goed gesprek gehad over je plan. Plan het onderwijsblok in.",
    "Mooi voorbeeld van leiderschap op de werkvloer.",
    "Bespreek dit ook in de vakgroep.",
];

/// portfolio (issue 18): every doctor and resident of a team keeps a
/// portfolio as aios — one to five years of activities (about two a month,
/// a third shared, some linked to an action), feedback asked by link (about
/// six a year: answered, declined, expired, the latest still open), a
/// profile plan version a year, the phase set by their opleider, and the
/// opleider's comments. One medical specialist per department is the
/// opleider of its teams. Returns (the resident of the first team with the
/// most activities, their opleider), for bench/run.
#[allow(clippy::too_many_arguments)]
async fn seed_portfolio(
    c: &mut Conn,
    org: i64,
    teams: &[Team],
    staff: &Staff<'_>,
    opleider_rows: &std::collections::HashSet<(i64, i64)>,
    today: Date,
    rng: &mut Rng,
    ids: &mut Ids,
) -> Result<(i64, i64)> {
    let actions: (Option<i64>, Option<i64>) = {
        let row = kartrekker::db::query("SELECT MIN(id) AS lo, MAX(id) AS hi FROM actions WHERE org_id = $1")
            .bind(org)
            .fetch_one(&mut *c)
            .await?;
        (row.get("lo")?, row.get("hi")?)
    };
    // Teams by department (the generator deals teams out round-robin).
    let department_of = |t: usize| t % staff.departments;
    let mut roles = Batch::new("team_members", &["team_id", "person_id", "role"]);
    let mut opleider_of_department: Vec<Option<i64>> = vec![None; staff.departments];
    let mut residents: Vec<(i64, usize)> = Vec::new();
    let mut seen = std::collections::HashSet::new();
    for (t, team) in teams.iter().enumerate() {
        for m in &team.members {
            if matches!(staff.profession(*m), "resident" | "doctor") && seen.insert(*m) {
                roles.push(c, vec![team.id.into(), (*m).into(), "resident".into()]).await?;
                residents.push((*m, t));
            }
        }
    }
    for (d, opleider) in opleider_of_department.iter_mut().enumerate() {
        let in_department: Vec<&Team> =
            teams.iter().enumerate().filter(|(t, _)| department_of(*t) == d).map(|x| x.1).collect();
        let specialist = in_department
            .iter()
            .flat_map(|t| t.members.iter())
            .find(|m| staff.profession(**m) == "medical_specialist")
            .or_else(|| in_department.first().and_then(|t| t.members.iter().find(|m| !seen.contains(*m))));
        let Some(specialist) = specialist else { continue };
        *opleider = Some(*specialist);
        for team in in_department {
            if !opleider_rows.contains(&(team.id, *specialist)) {
                roles.push(c, vec![team.id.into(), (*specialist).into(), "opleider".into()]).await?;
            }
        }
    }
    roles.flush(c).await?;

    let mut phases = Batch::new("portfolio_phases", &["resident_id", "phase", "since", "set_by", "set_at"]);
    let mut activities = Batch::new(
        "portfolio_activities",
        &[
            "id",
            "org_id",
            "resident_id",
            "kind",
            "level",
            "phase",
            "happened_on",
            "what",
            "went_well",
            "next_time",
            "card",
            "link_kind",
            "link_id",
            "shared",
            "created_at",
        ],
    );
    // (resident, shared activity ids, all activity ids, years, began, opleider)
    let mut written = Vec::with_capacity(residents.len());
    let mut bench: Option<(i64, (bool, usize), i64)> = None;
    for &(resident, t) in &residents {
        let opleider = opleider_of_department[department_of(t)];
        let years = rng.range(1, 5);
        let began = today.add_days(-years * 365 + rng.range(0, 60));
        // The vervolgfase from about the third year.
        let since = (years >= 3).then(|| began.add_days(2 * 365 + rng.range(0, 60)));
        let (phase, from) = match since {
            Some(d) => ("vervolgfase", d),
            None => ("basis", began),
        };
        let set_at = from.start_ms_utc() + 9 * 3_600_000;
        let row = vec![resident.into(), phase.into(), from.to_string().into(), opleider.into(), set_at.into()];
        phases.push(c, row).await?;
        let count = years * 24 + rng.range(-6, 6);
        let span = began.days_until(today).max(1);
        let (mut shared, mut all) = (Vec::new(), Vec::new());
        for n in 0..count {
            let id = next(&mut ids.activity);
            let day = began.add_days(n * span / count + rng.range(0, 3)).min(today);
            let total: u64 = PORTFOLIO_KINDS.iter().map(|k| k.3).sum();
            let mut pick = rng.next() % total;
            let &(kind, level, card, _) = PORTFOLIO_KINDS
                .iter()
                .find(|k| {
                    let hit = pick < k.3;
                    pick = pick.saturating_sub(k.3);
                    hit
                })
                .unwrap_or(&PORTFOLIO_KINDS[0]);
            let phase = if since.is_some_and(|s| day >= s) { "vervolgfase" } else { "basis" };
            let (link_kind, link_id): (Option<String>, Option<i64>) = match actions {
                (Some(lo), Some(hi)) if rng.chance(10) => (Some("action".into()), Some(rng.range(lo, hi))),
                _ => (None, None),
            };
            let is_shared = rng.chance(33);
            let row = vec![
                id.into(),
                org.into(),
                resident.into(),
                kind.into(),
                level.into(),
                phase.into(),
                day.to_string().into(),
                rng.pick(PORTFOLIO_WHAT).to_string().into(),
                rng.pick(PORTFOLIO_WELL).to_string().into(),
                rng.pick(PORTFOLIO_NEXT).to_string().into(),
                Some(card.to_string()).into(),
                link_kind.into(),
                link_id.into(),
                (is_shared as i64).into(),
                (day.start_ms_utc() + 17 * 3_600_000).into(),
            ];
            activities.push(c, row).await?;
            if is_shared {
                shared.push(id);
            }
            all.push(id);
        }
        // The benchmark's resident: of the first team if it has one, with the most activities, trained.
        let rank = (t == 0, all.len());
        if let Some(o) = opleider
            && bench.is_none_or(|(_, r, _)| rank > r)
        {
            bench = Some((resident, rank, o));
        }
        written.push((resident, shared, all, years, began, opleider));
    }
    phases.flush(c).await?;
    activities.flush(c).await?;

    let mut feedback = Batch::new(
        "portfolio_feedback",
        &[
            "org_id",
            "resident_id",
            "activity_id",
            "form",
            "situation",
            "giver_name",
            "giver_email",
            "token_hash",
            "expires_at",
            "reminded_at",
            "status",
            "answer_1",
            "answer_2",
            "answer_3",
            "answered_at",
            "reflection",
            "shared",
            "created_at",
        ],
    );
    let mut plans = Batch::new(
        "portfolio_plans",
        &[
            "resident_id",
            "version",
            "kind_of_doctor",
            "look_around",
            "ask_others",
            "possibilities",
            "timing",
            "in_order",
            "shared",
            "created_at",
        ],
    );
    let mut comments =
        Batch::new("portfolio_comments", &["resident_id", "activity_id", "author_id", "text", "created_at"]);
    let now_ms = today.start_ms_utc() + 12 * 3_600_000;
    for (resident, shared, all, years, began, opleider) in written {
        let asked = years * 6;
        for n in 0..asked {
            let created = began.add_days(n * 365 / 6).start_ms_utc() + 10 * 3_600_000;
            let latest = n == asked - 1;
            let &(form, questions) = rng.pick(FEEDBACK_FORMS);
            let giver = rng.pick(FEEDBACK_GIVERS).to_string();
            let email = format!("{}@extern.bench.kartrekker.test", giver.to_lowercase().replace([' ', '.'], ""));
            let roll = rng.below(10);
            let status = if latest {
                "asked"
            } else if roll < 8 {
                "answered"
            } else if roll < 9 {
                "declined"
            } else {
                "asked"
            };
            let expires = if latest { now_ms + 10 * DAY_MS } else { created + 14 * DAY_MS };
            // Only an open request keeps a link (its hash); an answer uses it up.
            let token: Option<String> = (status == "asked").then(|| format!("{:016x}{:016x}", rng.next(), rng.next()));
            let answered = status == "answered";
            let answer = |i: usize, rng: &mut Rng| {
                if answered && i < questions { rng.pick(FEEDBACK_ANSWERS).to_string() } else { String::new() }
            };
            let (a1, a2, a3) = (answer(0, rng), answer(1, rng), answer(2, rng));
            let reflection =
                if answered && rng.chance(50) { rng.pick(FEEDBACK_REFLECTIONS).to_string() } else { String::new() };
            let activity: Option<i64> = (rng.chance(30) && !all.is_empty()).then(|| *rng.pick(&all));
            let row = vec![
                org.into(),
                resident.into(),
                activity.into(),
                form.into(),
                rng.pick(FEEDBACK_SITUATIONS).to_string().into(),
                giver.into(),
                email.into(),
                token.into(),
                expires.into(),
                None::<i64>.into(),
                status.into(),
                a1.into(),
                a2.into(),
                a3.into(),
                answered.then_some(created + 3 * DAY_MS).into(),
                reflection.into(),
                ((answered && rng.chance(50)) as i64).into(),
                created.into(),
            ];
            feedback.push(c, row).await?;
        }
        for v in 1..=years {
            let created = began.add_days(v * 365 - 30).start_ms_utc();
            let mut row = vec![resident.into(), v.into()];
            row.extend(PLAN_STEPS.iter().map(|s| Val::from(*s)));
            row.extend([((v == years) as i64).into(), created.into()]);
            plans.push(c, row).await?;
        }
        // A comment after each yearly conversation, and on one in ten shared activities.
        let Some(opleider) = opleider else { continue };
        for v in 1..=years {
            let at = began.add_days(v * 365 - 20).start_ms_utc();
            let text = PORTFOLIO_COMMENTS[0];
            comments
                .push(c, vec![resident.into(), None::<i64>.into(), Some(opleider).into(), text.into(), at.into()])
                .await?;
        }
        for a in shared.iter().step_by(10) {
            let text = rng.pick(PORTFOLIO_COMMENTS).to_string();
            comments
                .push(c, vec![resident.into(), Some(*a).into(), Some(opleider).into(), text.into(), now_ms.into()])
                .await?;
        }
    }
    feedback.flush(c).await?;
    plans.flush(c).await?;
    comments.flush(c).await?;
    let (resident, _, opleider) = bench.ok_or(Error::Internal("no resident with an opleider".into()))?;
    Ok((resident, opleider))
}
