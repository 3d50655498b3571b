use kartrekker::clock::DAY_MS;
use kartrekker::db::query_scalar;

use kartrekker_testkit::*;

both_databases!(
    a_round_opens_once_per_period_and_its_members_hear_of_it,
    four_answers_show_nothing_and_the_fifth_shows_the_result,
    answers_carry_no_person_and_a_double_submit_counts_once,
    bad_answers_and_a_bad_schedule_keep_the_form_and_store_nothing,
    only_the_team_and_who_follows_every_team_see_its_pulse,
    a_department_total_is_not_shown_when_it_differs_from_a_shown_team_by_fewer_than_the_minimum,
    an_action_after_a_worrying_round_shows_beside_the_trend,
    a_leader_puts_a_round_on_the_agenda_of_a_coming_team_meeting,
    hr_sees_the_pulse_beside_the_business_case_of_the_same_teams,
    the_demo_hospital_has_a_year_of_pulse_rounds,
);

/// Every answer of the built-in pulse, "too high" as asked.
fn answers(too_high: bool) -> Vec<(&'static str, &'static str)> {
    vec![
        ("q-workload", if too_high { "4" } else { "2" }),
        ("q-fatigue", "2"),
        ("q-joy", "4"),
        ("q-heard", "3"),
        ("q-safety", "5"),
        ("q-open", "Een vaste pauze"),
    ]
}

/// The leader sets a fortnightly schedule from today; the worker opens the
/// round. Returns the round's path.
async fn start_pulse(app: &TestApp, o: &Org, leader: &Client) -> String {
    let page = leader.get(&format!("/teams/{}/pulse", o.team_id)).await;
    assert_eq!(page.status, 200, "{}", page.body);
    page.assert_has("Werkdrukpulse (v1)");
    let saved = leader
        .post(
            &format!("/teams/{}/pulse/schedule", o.team_id),
            &[
                ("instrument", &pulse_instrument(app).await.to_string()),
                ("every_days", "14"),
                ("open_days", "7"),
                ("starts_on", &app.k.today().to_string()),
            ],
        )
        .await;
    assert_eq!(saved.status, 303, "{}", saved.body);
    app.k.run_due_jobs().await.unwrap();
    let id: i64 = query_scalar("SELECT id FROM pulse_rounds WHERE team_id = $1 ORDER BY opens_on DESC")
        .bind(o.team_id)
        .fetch_one(&app.k.db)
        .await
        .unwrap();
    format!("/pulse/rounds/{id}")
}

async fn pulse_instrument(app: &TestApp) -> i64 {
    app.k.latest_shipped_instrument("werkdrukpulse").await.unwrap().id
}

async fn answer(app: &TestApp, email: &str, path: &str, too_high: bool) -> Page {
    let c = Client::logged_in(app, email).await;
    c.get(path).await;
    c.post(path, &answers(too_high)).await
}

async fn a_round_opens_once_per_period_and_its_members_hear_of_it(app: TestApp) {
    let o = org(&app, "Pulsziekenhuis").await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let path = start_pulse(&app, &o, &leader).await;
    // Two workers scheduling again, and again: still one round.
    app.k.schedule_reminders().await.unwrap();
    app.k.schedule_reminders().await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    assert_eq!(count(&app, "pulse_rounds").await, 1);
    let mails: Vec<_> = app.smtp.to(&o.member).into_iter().filter(|m| m.data.contains("Werkdrukpulse")).collect();
    assert_eq!(mails.len(), 1, "one notice per member");
    assert!(mails[0].data.contains(&path) && mails[0].data.contains("Interne B3"));

    // The home page asks until the member answered.
    let member = Client::logged_in(&app, &o.member).await;
    member.get("/").await.assert_has("Werkdrukpulse invullen (minder dan een minuut)");
    let done = member.post(&path, &answers(false)).await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert!(!member.get("/").await.has("Werkdrukpulse invullen"));

    // The next period opens the next round; a member who switched the kind
    // off is not mailed, and the round is closed a week after it opened.
    choose_never(&app, &o.member).await;
    app.clock.advance_ms(7 * DAY_MS);
    let member = Client::logged_in(&app, &o.member).await;
    member.get(&path).await.assert_has("gesloten");
    let closed = member.post(&path, &answers(false)).await;
    assert_eq!(closed.status, 409);
    app.clock.advance_ms(7 * DAY_MS);
    app.k.schedule_reminders().await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    assert_eq!(count(&app, "pulse_rounds").await, 2);
    let mails = app.smtp.to(&o.member).into_iter().filter(|m| m.data.contains("Werkdrukpulse")).count();
    assert_eq!(mails, 1, "switched off per kind, checked at send time");
    let member = Client::logged_in(&app, &o.member).await;
    member.get("/").await.assert_has("Werkdrukpulse invullen");
}

async fn choose_never(app: &TestApp, email: &str) {
    let c = Client::logged_in(app, email).await;
    c.get("/settings").await;
    assert_eq!(c.post("/settings", &[("pulse_open", "never")]).await.status, 303);
}

async fn four_answers_show_nothing_and_the_fifth_shows_the_result(app: TestApp) {
    let o = org(&app, "Vijfziekenhuis").await;
    min_group_size(&app, &o.admin, 5).await;
    let others = more_members(&app, &o, &["Ada", "Bram", "Cas", "Dirk"], "vijf.test").await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let path = start_pulse(&app, &o, &leader).await;
    answer(&app, &o.member, &path, true).await;
    for (email, _) in &others[..3] {
        assert_eq!(answer(&app, email, &path, true).await.status, 303);
    }
    let page = leader.get(&path).await;
    page.assert_has("De uitkomst verschijnt zodra minstens 5 mensen hebben ingevuld");
    assert!(!page.has("vindt de werkdruk te hoog") && !page.has("Een vaste pauze"), "four answers show nothing");
    leader.get(&format!("/teams/{}/pulse", o.team_id)).await.assert_has("te weinig");

    assert_eq!(answer(&app, &others[3].0, &path, false).await.status, 303);
    let page = leader.get(&path).await;
    page.assert_has("80 % vindt de werkdruk te hoog");
    page.assert_has("4 van 5");
    page.assert_has("Ter vergelijking: 41 % van de coassistenten");
    page.assert_has("Een vaste pauze");
    let team = leader.get(&format!("/teams/{}/pulse", o.team_id)).await;
    team.assert_has("<svg");
    team.assert_has("80 %");
    // One who answered does not count for themselves: four others are too few.
    Client::logged_in(&app, &o.member).await.get(&path).await.assert_has("De uitkomst verschijnt zodra");
}

async fn answers_carry_no_person_and_a_double_submit_counts_once(app: TestApp) {
    let o = org(&app, "Dubbelziekenhuis").await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let path = start_pulse(&app, &o, &leader).await;
    let member = Client::logged_in(&app, &o.member).await;
    let form = member.get(&path).await;
    let once = form.input_value("once").unwrap();
    let mut fields = answers(true);
    fields.push(("once", &once));
    let first = member.post(&path, &fields).await;
    let again = member.post(&path, &fields).await;
    assert_eq!((first.status, again.status), (303, 303));
    assert_eq!(first.location, again.location, "the repeat lands on the first one's result");
    // A fresh form of the same person: refused, counted once.
    let second = member.post(&path, &answers(false)).await;
    assert_eq!(second.status, 409);
    second.assert_has("al ingevuld");
    assert_eq!(count(&app, "pulse_marks").await, 1);
    let n: i64 = query_scalar("SELECT respondents FROM pulse_rounds").fetch_one(&app.k.db).await.unwrap();
    assert_eq!(n, 1);
    // The answers: a random id each, no person, no time, nothing tying them together.
    let rows = kartrekker::db::query("SELECT * FROM pulse_answers").fetch_all(&app.k.db).await.unwrap();
    assert_eq!(rows.len(), 6);
    for r in &rows {
        assert!(r.get::<i64>("id").unwrap() >= 1 << 40);
        assert!(r.get::<i64>("person_id").is_err() && r.get::<i64>("created_at").is_err());
    }
    // "Has answered" is the member's personal data: in their export, without the answers.
    member.get("/settings").await;
    let (status, _, bytes) = member.post_for_bytes("/settings/data", &[]).await;
    assert_eq!(status, 200);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut json = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("data.json").unwrap(), &mut json).unwrap();
    let data: serde_json::Value = serde_json::from_str(&json).unwrap();
    assert_eq!(data["pulse_answered"][0]["team"], "Interne B3");
    assert!(!json.contains("Een vaste pauze"), "the anonymous answers are nobody's personal data");
}

async fn bad_answers_and_a_bad_schedule_keep_the_form_and_store_nothing(app: TestApp) {
    let o = org(&app, "Foutziekenhuis").await;
    let leader = Client::logged_in(&app, &o.leader).await;
    leader.get(&format!("/teams/{}/pulse", o.team_id)).await;
    let bad = leader
        .post(
            &format!("/teams/{}/pulse/schedule", o.team_id),
            &[("instrument", "999999"), ("every_days", "3"), ("open_days", "0"), ("starts_on", "morgen")],
        )
        .await;
    assert_eq!(bad.status, 422);
    bad.assert_has("Kies om de 7 tot 56 dagen een ronde.");
    bad.assert_has("value=\"morgen\"");
    assert_eq!(count(&app, "pulse_schedules").await, 0);

    let path = start_pulse(&app, &o, &leader).await;
    let member = Client::logged_in(&app, &o.member).await;
    member.get(&path).await;
    let missing = member.post(&path, &[("q-workload", "4"), ("q-joy", "9"), ("q-open", "Rustiger avonden")]).await;
    assert_eq!(missing.status, 422);
    missing.assert_has("Rustiger avonden");
    assert!(missing.body.contains("aria-invalid") || missing.has("field-error"));
    assert_eq!(count(&app, "pulse_marks").await, 0);
    assert_eq!(count(&app, "pulse_answers").await, 0);
    // The member can still answer properly.
    assert_eq!(member.post(&path, &answers(false)).await.status, 303);
}

async fn only_the_team_and_who_follows_every_team_see_its_pulse(app: TestApp) {
    let o = org(&app, "Eigenziekenhuis").await;
    let other = org(&app, "Buurziekenhuis").await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let path = start_pulse(&app, &o, &leader).await;
    let stranger = Client::logged_in(&app, &other.leader).await;
    assert_eq!(stranger.get(&path).await.status, 404);
    assert_eq!(stranger.get(&format!("/teams/{}/pulse", o.team_id)).await.status, 404);
    assert_eq!(stranger.post(&path, &answers(true)).await.status, 404);
    // A member may not set the schedule; HR may, and sees the overview.
    let member = Client::logged_in(&app, &o.member).await;
    let p = member
        .post(
            &format!("/teams/{}/pulse/schedule", o.team_id),
            &[("instrument", "1"), ("every_days", "14"), ("open_days", "7"), ("starts_on", "2026-01-01")],
        )
        .await;
    assert_eq!(p.status, 403);
    assert_eq!(member.get("/pulse").await.status, 404);
    let admin = actor(&app, &o.admin).await;
    app.k.create_person(&admin, "Hanna HR", "hr@eigen.test", "manager", &["hr".into()]).await.unwrap();
    activate(&app, "hr@eigen.test").await;
    let hr = Client::logged_in(&app, "hr@eigen.test").await;
    assert_eq!(hr.get(&format!("/teams/{}/pulse", o.team_id)).await.status, 200);
    assert_eq!(hr.get("/pulse").await.status, 200);
    assert_eq!(hr.post(&path, &answers(true)).await.status, 403, "HR does not answer a team's pulse");
}

/// Answers `n` times "too high" to the team's open round, through the service.
async fn answers_from(app: &TestApp, round: i64, people: &[(String, i64)]) {
    for (email, _) in people {
        let a = actor(app, email).await;
        let posted: Vec<(String, String)> = answers(true).iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        assert!(app.k.answer_pulse(&a, round, &posted).await.unwrap().is_empty());
    }
}

async fn round_of(app: &TestApp, team: i64) -> i64 {
    query_scalar("SELECT id FROM pulse_rounds WHERE team_id = $1").bind(team).fetch_one(&app.k.db).await.unwrap()
}

async fn a_department_total_is_not_shown_when_it_differs_from_a_shown_team_by_fewer_than_the_minimum(app: TestApp) {
    let o = org(&app, "Optelziekenhuis").await;
    min_group_size(&app, &o.admin, 5).await;
    let admin = actor(&app, &o.admin).await;
    // Team A (Interne B3) answers with six, team B of the same department with two.
    let a_people = more_members(&app, &o, &["A1", "A2", "A3", "A4", "A5", "A6"], "a.test").await;
    let team_b = app.k.create_team(&admin, &o.department_id.to_string(), "Interne B4").await.unwrap();
    let o_b = Org {
        admin: o.admin.clone(),
        leader: o.leader.clone(),
        member: o.member.clone(),
        team_id: team_b,
        department_id: o.department_id,
        member_id: o.member_id,
    };
    let b_people = more_members(&app, &o_b, &["B1", "B2", "B3", "B4", "B5"], "b.test").await;
    app.k.create_person(&admin, "Hanna HR", "hr@optel.test", "manager", &["hr".into()]).await.unwrap();
    activate(&app, "hr@optel.test").await;
    let leader = Client::logged_in(&app, &o.leader).await;
    start_pulse(&app, &o, &leader).await;
    let hr = actor(&app, "hr@optel.test").await;
    let schedule = kartrekker::pulse::ScheduleInput {
        instrument: &pulse_instrument(&app).await.to_string(),
        every_days: "14",
        open_days: "7",
        starts_on: &app.k.today().to_string(),
    };
    app.k.set_pulse_schedule(&hr, team_b, &schedule).await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    answers_from(&app, round_of(&app, o.team_id).await, &a_people).await;
    answers_from(&app, round_of(&app, team_b).await, &b_people[..2]).await;

    let page =
        Client::logged_in(&app, "hr@optel.test").await.get(&format!("/pulse?department={}", o.department_id)).await;
    assert_eq!(page.status, 200, "{}", page.body);
    // Team A shows; B (2) does not; the department (8) would be A plus B's two: not shown; nor the organisation.
    assert!(page.has("100 % te hoog (n = 6)"), "{}", page.body);
    assert!(!page.has("(n = 8)") && !page.has("(n = 2)"));
    let overview = kartrekker_overview(&app, "hr@optel.test", o.department_id).await;
    assert_eq!(overview, ["hidden", "hidden", "shown", "hidden"]);

    // Three more in B: B shows (5), and the department (11) differs from each by 5 or more.
    answers_from(&app, round_of(&app, team_b).await, &b_people[2..]).await;
    let overview = kartrekker_overview(&app, "hr@optel.test", o.department_id).await;
    assert_eq!(overview, ["shown", "shown", "shown", "shown"]);
    let page =
        Client::logged_in(&app, "hr@optel.test").await.get(&format!("/pulse?department={}", o.department_id)).await;
    page.assert_has("100 % te hoog (n = 11)");
}

/// (organisation, department, team A, team B): shown or hidden this month.
async fn kartrekker_overview(app: &TestApp, email: &str, department: i64) -> Vec<&'static str> {
    use kartrekker::pulse::Cell;
    let o = app.k.pulse_overview(&actor(app, email).await, Some(department)).await.unwrap();
    o.rows
        .iter()
        .map(|r| match r.cells.last().unwrap() {
            Cell::Shown { .. } => "shown",
            Cell::Hidden => "hidden",
            Cell::Empty => "empty",
        })
        .collect()
}

async fn an_action_after_a_worrying_round_shows_beside_the_trend(app: TestApp) {
    let o = org(&app, "Actieziekenhuis").await;
    min_group_size(&app, &o.admin, 3).await;
    let people = more_members(&app, &o, &["Eva", "Fleur", "Gijs"], "actie.test").await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let path = start_pulse(&app, &o, &leader).await;
    answers_from(&app, round_of(&app, o.team_id).await, &people).await;
    leader.get(&path).await.assert_has("100 % vindt de werkdruk te hoog");
    let added = leader
        .post(
            &format!("{path}/actions"),
            &[
                ("title", "Vaste pauzetijden"),
                ("goal", "Minder mensen die de werkdruk te hoog vinden"),
                ("kartrekker", &o.member_id.to_string()),
                ("due_date", ""),
                ("evaluation_date", ""),
            ],
        )
        .await;
    assert_eq!(added.status, 303, "{}", added.body);
    let origin: String = query_scalar("SELECT origin_kind FROM actions").fetch_one(&app.k.db).await.unwrap();
    assert_eq!(origin, "pulse");
    // A member may not add one from the round.
    let member = Client::logged_in(&app, &o.member).await;
    let refused =
        member.post(&format!("{path}/actions"), &[("title", "X"), ("kartrekker", &o.member_id.to_string())]).await;
    assert_eq!(refused.status, 403);

    // Two weeks on, the next round: lower.
    app.clock.advance_ms(14 * DAY_MS);
    app.k.schedule_reminders().await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    let next: i64 = query_scalar("SELECT MAX(id) FROM pulse_rounds").fetch_one(&app.k.db).await.unwrap();
    for (email, _) in &people {
        let a = actor(&app, email).await;
        let posted: Vec<(String, String)> =
            answers(false).iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        assert!(app.k.answer_pulse(&a, next, &posted).await.unwrap().is_empty());
    }
    let leader = Client::logged_in(&app, &o.leader).await;
    let team = leader.get(&format!("/teams/{}/pulse", o.team_id)).await;
    team.assert_has("A1");
    team.assert_has("Vaste pauzetijden");
    team.assert_has("(te hoog: 100 %)");
    team.assert_has("0 % te hoog");
    team.assert_has("class=\"pulse-marker\"");
}

/// The leader plans a meeting of `template` in `days` days; its id.
async fn plan_meeting(app: &TestApp, o: &Org, leader: &Client, template: &str, days: i64) -> i64 {
    let leader_id = actor(app, &o.leader).await.id();
    leader.get(&format!("/teams/{}/meetings/new", o.team_id)).await;
    let planned = leader
        .post(
            &format!("/teams/{}/meetings", o.team_id),
            &[
                ("template", template),
                ("title", ""),
                ("held_on", &app.k.today().add_days(days).to_string()),
                ("start_time", "07:30"),
                ("chair", &leader_id.to_string()),
                ("recurrence", "once"),
                ("attendees", &leader_id.to_string()),
            ],
        )
        .await;
    assert_eq!(planned.status, 303, "{}", planned.body);
    let at = planned.location.unwrap();
    at.trim_start_matches("/meetings/").split('?').next().unwrap().parse().unwrap()
}

async fn pulse_items(app: &TestApp) -> i64 {
    query_scalar("SELECT COUNT(*) FROM meeting_items WHERE pulse_round_id IS NOT NULL")
        .fetch_one(&app.k.db)
        .await
        .unwrap()
}

async fn a_leader_puts_a_round_on_the_agenda_of_a_coming_team_meeting(app: TestApp) {
    let o = org(&app, "Agendaziekenhuis").await;
    min_group_size(&app, &o.admin, 3).await;
    let people = more_members(&app, &o, &["Eva", "Fleur", "Gijs", "Hans"], "agenda.test").await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let path = start_pulse(&app, &o, &leader).await;
    let round = round_of(&app, o.team_id).await;
    // Nothing planned yet: the page says so and links to planning one.
    let page = leader.get(&path).await;
    page.assert_has("Er is nog geen overleg van het team gepland.");
    page.assert_has(&format!("href=\"/teams/{}/meetings/new\"", o.team_id));
    let vakgroep = plan_meeting(&app, &o, &leader, "builtin:vakgroep", 2).await;
    let dagstart = plan_meeting(&app, &o, &leader, "builtin:dagstart", 1).await;

    // Three answered: a member who answered sees nothing, so the agenda item
    // carries no figures either.
    answers_from(&app, round, &people[..3]).await;
    let page = leader.get(&path).await;
    page.assert_has(&format!("<option value=\"{dagstart}\" selected>"));
    page.assert_has(&format!("<option value=\"{vakgroep}\">"));
    let put = leader.post(&format!("{path}/agenda"), &[("meeting", &dagstart.to_string())]).await;
    assert_eq!(put.status, 303, "{}", put.body);
    leader.get(&put.location.unwrap()).await.assert_has("De uitkomst staat op de agenda.");
    let meeting = leader.get(&format!("/meetings/{dagstart}")).await;
    meeting.assert_has("Werkdrukpulse Interne B3, ronde van");
    meeting.assert_has("Te weinig antwoorden om cijfers te tonen (minstens 3 nodig");
    assert!(!meeting.has("vindt de werkdruk te hoog"), "{}", meeting.body);
    meeting.assert_has(&format!("href=\"{path}\""));

    // The same round on the same agenda twice, a meeting that is not the
    // team's, or a member trying: refused, nothing written.
    leader.get(&path).await;
    let twice = leader.post(&format!("{path}/agenda"), &[("meeting", &dagstart.to_string())]).await;
    assert_eq!(twice.status, 422, "{}", twice.body);
    twice.assert_has("Deze ronde staat al op de agenda van dat overleg.");
    let bad = leader.post(&format!("{path}/agenda"), &[("meeting", "geen")]).await;
    assert_eq!(bad.status, 422);
    bad.assert_has("Kies een komend overleg van dit team dat nog niet gesloten is.");
    let other = org(&app, "Anderziekenhuis").await;
    let other_leader = Client::logged_in(&app, &other.leader).await;
    let elsewhere = plan_meeting(&app, &other, &other_leader, "builtin:vakgroep", 1).await;
    let foreign = leader.post(&format!("{path}/agenda"), &[("meeting", &elsewhere.to_string())]).await;
    assert_eq!(foreign.status, 422);
    let member = Client::logged_in(&app, &o.member).await;
    assert!(!member.get(&path).await.has("Op de agenda zetten"));
    let refused = member.post(&format!("{path}/agenda"), &[("meeting", &vakgroep.to_string())]).await;
    assert_eq!(refused.status, 403);
    assert_eq!(pulse_items(&app).await, 1);

    // A fourth answer: now everyone may see the figures, and the vakgroep gets them.
    answers_from(&app, round, &people[3..]).await;
    leader.get(&path).await;
    let put = leader.post(&format!("{path}/agenda"), &[("meeting", &vakgroep.to_string())]).await;
    assert_eq!(put.status, 303, "{}", put.body);
    let meeting = leader.get(&format!("/meetings/{vakgroep}")).await;
    meeting.assert_has("4 mensen vulden in. 100 % vindt de werkdruk te hoog.");
    meeting.assert_has("Ik had plezier in mijn werk. (4,0)");
    assert!(!meeting.has("Een vaste pauze"), "open answers stay on the round's page");
    let page = leader.get(&path).await;
    page.assert_has("Op de agenda van Dagstart op");
    page.assert_has("Op de agenda van Vakgroep- of afdelingsoverleg op");

    // Two weeks on, the next round: lower. The trend marks the rounds after the conversations.
    app.clock.advance_ms(14 * DAY_MS);
    app.k.schedule_reminders().await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    let next: i64 = query_scalar("SELECT MAX(id) FROM pulse_rounds").fetch_one(&app.k.db).await.unwrap();
    for (email, _) in &people {
        let a = actor(&app, email).await;
        let posted: Vec<(String, String)> =
            answers(false).iter().map(|(k, v)| (k.to_string(), v.to_string())).collect();
        assert!(app.k.answer_pulse(&a, next, &posted).await.unwrap().is_empty());
    }
    let leader = Client::logged_in(&app, &o.leader).await;
    let team = leader.get(&format!("/teams/{}/pulse", o.team_id)).await;
    team.assert_has("Besproken in het team");
    team.assert_has(">G1, G2</td>");
    team.assert_has(">na G2</td>");
    team.assert_has("(te hoog: 100 %)");
    team.assert_has("0 % te hoog");
    team.assert_has(">G1, G2</text>");
}

async fn hr_sees_the_pulse_beside_the_business_case_of_the_same_teams(app: TestApp) {
    let o = org(&app, "Casusziekenhuis").await;
    min_group_size(&app, &o.admin, 3).await;
    let people = more_members(&app, &o, &["Hans", "Ina", "Jet"], "casus.test").await;
    let admin = actor(&app, &o.admin).await;
    app.k.create_person(&admin, "Hanna HR", "hr@casus.test", "manager", &["hr".into()]).await.unwrap();
    activate(&app, "hr@casus.test").await;
    let leader = Client::logged_in(&app, &o.leader).await;
    start_pulse(&app, &o, &leader).await;
    answers_from(&app, round_of(&app, o.team_id).await, &people).await;
    let hr = Client::logged_in(&app, "hr@casus.test").await;
    let hr_id = actor(&app, "hr@casus.test").await.id();
    let seed = kartrekker::workforce::CaseInputs::SEED_004;
    let mut c = app.k.conn().await.unwrap();
    let scenario =
        kartrekker::workforce::store::insert(&mut c, seed_org(&app, &o).await, "Nieuw teammodel", &seed, hr_id, 0)
            .await
            .unwrap();
    drop(c);
    hr.get("/pulse").await;
    let unknown = hr.post(&format!("/pulse/scenarios/{scenario}/teams"), &[("team", "Bestaat niet")]).await;
    assert_eq!(unknown.status, 422);
    unknown.assert_has("Er is geen team met die naam");
    let tied = hr.post(&format!("/pulse/scenarios/{scenario}/teams"), &[("team", "Interne B3")]).await;
    assert_eq!(tied.status, 303);
    let page = hr.get("/pulse").await;
    page.assert_has("Nieuw teammodel");
    page.assert_has("100 % te hoog (n = 3)");
    // The round closes: HR's home page tells of new results.
    app.clock.advance_ms(8 * DAY_MS);
    let (hr, leader) = (Client::logged_in(&app, "hr@casus.test").await, Client::logged_in(&app, &o.leader).await);
    hr.get("/").await.assert_has("Eén team heeft een nieuwe uitkomst van de werkdrukpulse");
    leader.get("/").await.assert_has("Uitkomst werkdrukpulse van Interne B3");
}

async fn seed_org(app: &TestApp, o: &Org) -> i64 {
    actor(app, &o.admin).await.org_id().unwrap()
}

async fn the_demo_hospital_has_a_year_of_pulse_rounds(app: TestApp) {
    assert!(app.k.seed_demo().await.unwrap());
    let rounds: i64 = query_scalar("SELECT COUNT(*) FROM pulse_rounds").fetch_one(&app.k.db).await.unwrap();
    assert!(rounds >= 4 * 26, "{rounds}");
    let small: i64 =
        query_scalar("SELECT COUNT(*) FROM pulse_rounds WHERE respondents = 2").fetch_one(&app.k.db).await.unwrap();
    assert!(small >= 26, "one team below the minimum group size");
    let nurse = Client::new(&app);
    assert_eq!(nurse.login("verpleegkundige@delinde.demo", kartrekker::demo::PASSWORD).await.status, 303);
    nurse.get("/").await.assert_has("Werkdrukpulse invullen");
    let leader = Client::new(&app);
    assert_eq!(leader.login("teamleider@delinde.demo", kartrekker::demo::PASSWORD).await.status, 303);
    let team: i64 =
        query_scalar("SELECT team_id FROM pulse_rounds ORDER BY team_id").fetch_one(&app.k.db).await.unwrap();
    let page = leader.get(&format!("/teams/{team}/pulse")).await;
    assert_eq!(page.status, 200, "{}", page.body);
    page.assert_has("Vaste pauzetijden");
    page.assert_has("<svg");
}
