//! Forms that cannot double (docs/decisions/0008): every creating form
//! carries a one-time token; the same form sent twice (a double-click, back
//! and resend, two requests at once) creates one record, and the repeat
//! lands where the first went. A form that failed can be corrected and sent.

use std::time::{Duration, Instant};

use kartrekker::clock::DAY_MS;
use kartrekker::submissions::{Claim, SubmitToken};
use kartrekker::trajectories::Phase;

use kartrekker_testkit::*;

both_databases!(
    a_double_click_creates_one_action_and_lands_on_it,
    two_submits_at_once_create_one_action,
    a_refused_submit_can_be_corrected_and_sent,
    a_form_without_a_token_still_creates,
    a_repeat_waits_for_the_first_and_gives_up_after_a_while,
    tokens_are_cleared_after_a_day,
    action_forms_cannot_double,
    trajectory_forms_cannot_double,
    evaluation_forms_cannot_double,
    questionnaire_forms_cannot_double,
    reflection_forms_cannot_double,
    administration_forms_cannot_double,
    // api (issue 20)
    the_api_token_form_cannot_double,
    // decisions
    decision_forms_cannot_double,
    // meetings (issue 17)
    meeting_forms_cannot_double,
);

/// The one-time token of the form that posts to `action` on `page` (a GET
/// form to the same address, such as a search, carries none).
#[track_caller]
fn token(page: &Page, action: &str) -> String {
    let post = format!("method=\"post\" action=\"{action}\"");
    let form = page.body.find(&post).unwrap_or_else(|| panic!("no form posting to {action}"));
    let end = form + page.body[form..].find("</form>").expect("the form ends");
    let once = Page { body: page.body[form..end].to_string(), status: 200, location: None, content_type: None };
    once.input_value("once").unwrap_or_else(|| panic!("the form to {action} carries no one-time token"))
}

/// Opens `page` and sends its form to `action` twice with one token, as a
/// double-click does: both answers redirect to the same place, `table`
/// gains `created` rows (once, not twice). Returns where they went.
async fn sent_twice(
    app: &TestApp,
    c: &Client,
    page: &str,
    action: &str,
    fields: &[(&str, &str)],
    table: &str,
    created: i64,
) -> String {
    let once = token(&c.get(page).await, action);
    let (before, claims) = (count(app, table).await, count(app, "form_submissions").await);
    let mut form = fields.to_vec();
    form.push(("once", &once));
    let first = c.post(action, &form).await;
    assert_eq!(first.status, 303, "{action}: {}", first.body);
    let second = c.post(action, &form).await;
    assert_eq!((second.status, &second.location), (303, &first.location), "{action}: the repeat lands on the first");
    assert_eq!(count(app, table).await, before + created, "{action}: sent twice, created once in {table}");
    assert_eq!(count(app, "form_submissions").await, claims + 1, "{action}: its token was claimed");
    first.location.unwrap()
}

fn day(app: &TestApp, n: i64) -> String {
    app.k.today().add_days(n).to_string()
}

fn action_fields(app: &TestApp, o: &Org, title: &'static str) -> Vec<(&'static str, String)> {
    vec![
        ("title", title.to_string()),
        ("goal", "Rust op de afdeling".to_string()),
        ("kartrekker", o.member_id.to_string()),
        ("due_date", day(app, 14)),
    ]
}

fn refs<'a>(fields: &'a [(&'static str, String)]) -> Vec<(&'static str, &'a str)> {
    fields.iter().map(|(k, v)| (*k, v.as_str())).collect()
}

async fn a_double_click_creates_one_action_and_lands_on_it(app: TestApp) {
    let o = org(&app, "Dubbelziekenhuis").await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let (new, create) = (format!("/teams/{}/actions/new", o.team_id), format!("/teams/{}/actions", o.team_id));
    let fields = action_fields(&app, &o, "Pauzes samen plannen");
    let to = sent_twice(&app, &leader, &new, &create, &refs(&fields), "actions", 1).await;
    assert!(to.starts_with("/actions/"), "{to}");
    leader.get(&to).await.assert_has("Pauzes samen plannen");
    assert_eq!(count(&app, "form_submissions").await, 1, "the token is claimed once");
}

async fn two_submits_at_once_create_one_action(app: TestApp) {
    let o = org(&app, "Tegelijkziekenhuis").await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let create = format!("/teams/{}/actions", o.team_id);
    let once = token(&leader.get(&format!("/teams/{}/actions/new", o.team_id)).await, &create);
    let fields = action_fields(&app, &o, "Eén keer, hoe vaak ook");
    let mut form = refs(&fields);
    form.push(("once", &once));
    let (a, b) = tokio::join!(leader.post(&create, &form), leader.post(&create, &form));
    assert_eq!((a.status, b.status), (303, 303), "{}\n{}", a.body, b.body);
    assert_eq!(a.location, b.location, "both land on the one action");
    assert_eq!(count(&app, "actions").await, 1);
    // A progress update sent twice at once, too.
    let detail = a.location.unwrap().split('?').next().unwrap().to_string();
    let updates = format!("{detail}/updates");
    let once = token(&leader.get(&detail).await, &updates);
    let form = [("text", "Rooster aangepast"), ("once", once.as_str())];
    let (a, b) = tokio::join!(leader.post(&updates, &form), leader.post(&updates, &form));
    assert_eq!((a.status, b.status, a.location == b.location), (303, 303, true));
    assert_eq!(count(&app, "action_updates").await, 1);
}

async fn a_refused_submit_can_be_corrected_and_sent(app: TestApp) {
    let o = org(&app, "Herstelziekenhuis").await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let create = format!("/teams/{}/actions", o.team_id);
    let once = token(&leader.get(&format!("/teams/{}/actions/new", o.team_id)).await, &create);
    let bad = leader.post(&create, &[("title", ""), ("goal", "Rust"), ("once", &once)]).await;
    assert_eq!(bad.status, 422);
    bad.assert_has("Rust");
    // The page shown again carries a new token; the corrected form goes through.
    let fresh = token(&bad, &create);
    assert_ne!(fresh, once);
    let fields = action_fields(&app, &o, "Overdracht aan bed");
    let mut form = refs(&fields);
    form.push(("once", &fresh));
    assert_eq!(leader.post(&create, &form).await.status, 303);
    assert_eq!(count(&app, "actions").await, 1);
    // The refused token was given up: sent again corrected (back, fix, resend), it creates too.
    let second = action_fields(&app, &o, "Tweede afspraak");
    let mut form = refs(&second);
    form.push(("once", &once));
    assert_eq!(leader.post(&create, &form).await.status, 303);
    assert_eq!(count(&app, "actions").await, 2);
}

async fn a_form_without_a_token_still_creates(app: TestApp) {
    let o = org(&app, "Zonderziekenhuis").await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let create = format!("/teams/{}/actions", o.team_id);
    leader.get(&format!("/teams/{}/actions/new", o.team_id)).await;
    let fields = action_fields(&app, &o, "Zonder token");
    for _ in 0..2 {
        assert_eq!(leader.post(&create, &refs(&fields)).await.status, 303);
    }
    assert_eq!(count(&app, "actions").await, 2, "an old page or a script without a token works as before");
    // A token that is not one a page renders is no token either.
    let mut form = refs(&fields);
    form.push(("once", "abc"));
    assert_eq!(leader.post(&create, &form).await.status, 303);
    assert_eq!((count(&app, "actions").await, count(&app, "form_submissions").await), (3, 0));
}

async fn a_repeat_waits_for_the_first_and_gives_up_after_a_while(app: TestApp) {
    let o = org(&app, "Wachtziekenhuis").await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let leader_id = actor(&app, &o.leader).await.id();
    let create = format!("/teams/{}/actions", o.team_id);
    let page = leader.get(&format!("/teams/{}/actions/new", o.team_id)).await;
    let fields = action_fields(&app, &o, "Wachten op de eerste");
    // A first submit that is still running (claimed here) and finishes a moment later.
    let once = SubmitToken::parse(&token(&page, &create)).unwrap();
    assert_eq!(app.k.claim_submission(leader_id, &once).await.unwrap(), Claim::First);
    let k = app.k.clone();
    let first = once.clone();
    let finishing = tokio::spawn(async move {
        tokio::time::sleep(Duration::from_millis(300)).await;
        k.finish_submission(leader_id, &first, "/actions/1").await.unwrap();
    });
    let mut form = refs(&fields);
    form.push(("once", once.as_str()));
    let repeat = leader.post(&create, &form).await;
    finishing.await.unwrap();
    assert_eq!((repeat.status, repeat.location.as_deref()), (303, Some("/actions/1")), "it waited for the first");
    // One that never finishes (its request died): the repeat gives up with a page that says so.
    let stuck =
        SubmitToken::parse(&token(&leader.get(&format!("/teams/{}/actions/new", o.team_id)).await, &create)).unwrap();
    assert_eq!(app.k.claim_submission(leader_id, &stuck).await.unwrap(), Claim::First);
    let mut form = refs(&fields);
    form.push(("once", stuck.as_str()));
    let started = Instant::now();
    let busy = leader.post(&create, &form).await;
    assert!(started.elapsed() >= Duration::from_secs(5), "it waited first");
    assert_eq!(busy.status, 409);
    busy.assert_has("Nog bezig");
    assert_eq!(count(&app, "actions").await, 0, "neither created anything");
}

async fn tokens_are_cleared_after_a_day(app: TestApp) {
    let o = org(&app, "Opruimziekenhuis").await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let (new, create) = (format!("/teams/{}/actions/new", o.team_id), format!("/teams/{}/actions", o.team_id));
    sent_twice(&app, &leader, &new, &create, &refs(&action_fields(&app, &o, "Opruimen")), "actions", 1).await;
    assert_eq!(app.k.purge_submissions().await.unwrap(), 0, "kept for a day");
    app.clock.advance_ms(DAY_MS + 1);
    assert_eq!(app.k.purge_submissions().await.unwrap(), 1);
    assert_eq!(count(&app, "form_submissions").await, 0);
}

async fn action_forms_cannot_double(app: TestApp) {
    let o = org(&app, "Actieziekenhuis").await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let (new, create) = (format!("/teams/{}/actions/new", o.team_id), format!("/teams/{}/actions", o.team_id));
    let to = sent_twice(&app, &leader, &new, &create, &refs(&action_fields(&app, &o, "Bellen")), "actions", 1).await;
    let detail = to.split('?').next().unwrap();
    let updates = format!("{detail}/updates");
    sent_twice(&app, &leader, detail, &updates, &[("text", "Eerste week gedaan")], "action_updates", 1).await;
}

/// An organisation with a trainer and a started trajectory: (trainer, its base path, trajectory id).
async fn trajectory(app: &TestApp, o: &Org, pl: &Client) -> (Client, String, i64) {
    let admin = actor(app, &o.admin).await;
    let trainer_id = app.k.create_person(&admin, "Tom Trainer", "trainer@traject.test", "hbo-v", &[]).await.unwrap();
    activate(app, "trainer@traject.test").await;
    let team = format!("/teams/{}/trajectory", o.team_id);
    // The start form shows once the program leader has searched for the trainer.
    let search = format!("{team}?q=Tom");
    let to = sent_twice(app, pl, &search, &team, &[("trainer", &trainer_id.to_string())], "trajectories", 1).await;
    let tid: i64 = to.split('/').nth(4).unwrap().split('?').next().unwrap().parse().unwrap();
    (Client::logged_in(app, "trainer@traject.test").await, format!("{team}/{tid}"), tid)
}

async fn program_leader(app: &TestApp, o: &Org) -> Client {
    let admin = actor(app, &o.admin).await;
    app.k
        .create_person(&admin, "Petra Programma", "programma@traject.test", "manager", &["program_leader".into()])
        .await
        .unwrap();
    activate(app, "programma@traject.test").await;
    Client::logged_in(app, "programma@traject.test").await
}

async fn trajectory_forms_cannot_double(app: TestApp) {
    let o = org(&app, "Trajectziekenhuis").await;
    let pl = program_leader(&app, &o).await;
    let (trainer, b, tid) = trajectory(&app, &o, &pl).await;
    let member = Client::logged_in(&app, &o.member).await;
    let (intake, themes) = (format!("{b}/intake"), format!("{b}/themes"));
    let answer = [("daily", "De telefoon gaat steeds."), ("proud", "We helpen elkaar.")];
    sent_twice(&app, &member, &intake, &intake, &answer, "trajectory_intake_answers", 2).await;
    sent_twice(
        &app,
        &trainer,
        &intake,
        &themes,
        &[("title", "Overdracht"), ("back", "intake")],
        "trajectory_themes",
        1,
    )
    .await;
    // Finishing a step twice moves on one step, not two.
    sent_twice(
        &app,
        &trainer,
        &b,
        &format!("{b}/advance"),
        &[("from", "intake"), ("confirm", "yes")],
        "trajectories",
        0,
    )
    .await;
    assert_eq!(phase_of(&app, tid).await, "observation");
    let (observations, today) = (format!("{b}/observations"), day(&app, 0));
    let observation = [("date", today.as_str()), ("category", "problem"), ("text", "Drie keer de telefoon.")];
    sent_twice(&app, &trainer, &observations, &observations, &observation, "trajectory_observations", 1).await;
    let theme = [("title", "Rust"), ("back", "observations")];
    sent_twice(&app, &trainer, &observations, &themes, &theme, "trajectory_themes", 1).await;
    trainer.get(&b).await;
    assert_eq!(trainer.post(&format!("{b}/advance"), &[("from", "observation")]).await.status, 303);
    let agreements = format!("{b}/mirror/agreements");
    let fields = action_fields(&app, &o, "Telefoon naar de coördinator");
    sent_twice(&app, &member, &format!("{b}/mirror"), &agreements, &refs(&fields), "actions", 1).await;
}

async fn evaluation_forms_cannot_double(app: TestApp) {
    let o = org(&app, "Evaluatieziekenhuis").await;
    let pl = program_leader(&app, &o).await;
    let (trainer, b, tid) = trajectory(&app, &o, &pl).await;
    let trainer_actor = actor(&app, "trainer@traject.test").await;
    let member = Client::logged_in(&app, &o.member).await;
    for from in [Phase::Intake, Phase::Observation] {
        app.k.advance_trajectory(&trainer_actor, o.team_id, tid, from.code()).await.unwrap();
    }
    let fields = action_fields(&app, &o, "Vaste belronde");
    member.get(&format!("{b}/mirror")).await;
    assert_eq!(member.post(&format!("{b}/mirror/agreements"), &refs(&fields)).await.status, 303);
    for from in [Phase::MirrorSession, Phase::Work] {
        app.k.advance_trajectory(&trainer_actor, o.team_id, tid, from.code()).await.unwrap();
    }
    let e = member.get(&format!("{b}/evaluation")).await.location.unwrap();
    let agreed: i64 = kartrekker::db::query_scalar("SELECT id FROM actions").fetch_one(&app.k.db).await.unwrap();
    let vote = [("action", agreed.to_string()), ("helped", "yes".to_string())];
    let vote = refs(&vote);
    sent_twice(&app, &member, &e, &format!("{e}/helped"), &vote, "trajectory_helped", 1).await;
    let fields = action_fields(&app, &o, "Nieuwe afspraak");
    sent_twice(&app, &member, &e, &format!("{e}/agreements"), &refs(&fields), "actions", 1).await;
    // Completing the evaluation twice (confirmed: the leader has not voted) plans one next evaluation.
    let done = [("results", "Rustiger."), ("next_steps", "Doorgaan."), ("months", "6"), ("complete", "anyway")];
    sent_twice(&app, &trainer, &e, &e, &done, "trajectory_sessions", 1).await;
    assert_eq!(phase_of(&app, tid).await, "re_evaluation");
}

async fn questionnaire_forms_cannot_double(app: TestApp) {
    let o = org(&app, "Vragenlijstziekenhuis").await;
    let admin = Client::logged_in(&app, &o.admin).await;
    sent_twice(&app, &admin, "/admin/instruments", "/admin/instruments", &[("source", PULSE_V1)], "instruments", 1)
        .await;
    let a = actor(&app, &o.admin).await;
    let id = app.k.instruments(&a).await.unwrap().into_iter().find(|i| i.slug == "pulse").unwrap().id;
    // Trying it out opens one response, however often the button is pressed.
    let try_out = format!("/admin/instruments/{id}/try");
    let path = sent_twice(&app, &admin, "/admin/instruments", &try_out, &[], "responses", 1).await;
    admin.get(&path).await;
    assert_eq!(admin.post(&format!("{path}?section=1"), &[("q-busy", "3"), ("go", "save")]).await.status, 303);
    // Sent twice, the answers are submitted once: the repeat is not told "already submitted".
    let section = format!("{path}?section=2");
    let to = sent_twice(&app, &admin, &section, &section, &[("q-joy", "8"), ("go", "submit")], "responses", 0).await;
    admin.get(&to).await.assert_has("Je antwoorden zijn verstuurd.");
}

async fn reflection_forms_cannot_double(app: TestApp) {
    let o = org(&app, "Reflectieziekenhuis").await;
    min_group_size(&app, &o.admin, 3).await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let cycles = format!("/teams/{}/reflection", o.team_id);
    let (d7, d14, d21, d28) = (day(&app, 7), day(&app, 14), day(&app, 21), day(&app, 28));
    let start = [
        ("title", "Vakgroep najaar"),
        ("self_date", d7.as_str()),
        ("preparation_date", &d14),
        ("conversation_date", &d21),
        ("plan_date", &d28),
        ("min_raters", "3"),
    ];
    let to = sent_twice(&app, &leader, &cycles, &cycles, &start, "reflection_cycles", 1).await;
    let cycle = to.split('?').next().unwrap().to_string();
    let lars = Client::logged_in(&app, &o.member).await;
    let leader_id = actor(&app, &o.leader).await.id().to_string();
    // Opening one's self-evaluation with two clicks at once opens one questionnaire.
    let open_self = format!("{cycle}/self");
    let once = token(&lars.get(&cycle).await, &open_self);
    let form = [("once", once.as_str())];
    let (a, b) = tokio::join!(lars.post(&open_self, &form), lars.post(&open_self, &form));
    assert_eq!((a.status, b.status, a.location == b.location), (303, 303, true), "{}\n{}", a.body, b.body);
    assert_eq!(count(&app, "responses").await, 1);
    let ask = [("raters", leader_id.as_str())];
    sent_twice(&app, &lars, &cycle, &format!("{cycle}/requests"), &ask, "reflection_requests", 1).await;
    // Lieke gives the feedback Lars asked for: one questionnaire, however often she clicks.
    let lieke = Client::logged_in(&app, &o.leader).await;
    let lars_id = o.member_id.to_string();
    let feedback_to_lars = format!("{cycle}/feedback/{lars_id}");
    sent_twice(&app, &lieke, &cycle, &feedback_to_lars, &[], "responses", 1).await;
    let plan = format!("{cycle}/plan");
    let (due, follow) = (day(&app, 30), day(&app, 60));
    let fields = [
        ("title-1", "Nee zeggen tegen extra diensten"),
        ("goal-1", "Energie houden"),
        ("due_date-1", due.as_str()),
        ("safeguarding", "Maandelijks met Lieke"),
        ("buddy", &leader_id),
        ("follow_up", &follow),
    ];
    sent_twice(&app, &lars, &plan, &plan, &fields, "actions", 1).await;
}

async fn administration_forms_cannot_double(app: TestApp) {
    let o = org(&app, "Beheerziekenhuis").await;
    let admin = Client::logged_in(&app, &o.admin).await;
    let departments = "/admin/departments";
    sent_twice(&app, &admin, departments, departments, &[("name", "Cardiologie")], "departments", 1).await;
    let teams = "/admin/teams";
    let dept = o.department_id.to_string();
    let team = [("name", "Hartbewaking"), ("department", dept.as_str())];
    let to = sent_twice(&app, &admin, teams, teams, &team, "teams", 1).await;
    let team_path = to.split('?').next().unwrap().to_string();
    let member = [("person", o.member_id.to_string()), ("role", "member".to_string())];
    sent_twice(&app, &admin, &team_path, &format!("{team_path}/members"), &refs(&member), "team_members", 1).await;
    let person = [("name", "Nina Nieuw"), ("email", "nina@beheer.test"), ("profession", "hbo-v")];
    let to = sent_twice(&app, &admin, "/admin/people/new", "/admin/people", &person, "people", 1).await;
    let person_path = to.split('?').next().unwrap().to_string();
    sent_twice(&app, &admin, &person_path, &format!("{person_path}/invite"), &[], "jobs", 1).await;
    // The import: checked first, then confirmed twice.
    admin.get("/admin/import").await;
    let csv = b"Name,E-mail,Profession,Team,Role\r\nBert Blom,bert@beheer.test,aios,Interne B3,member\r\n".to_vec();
    let checked = admin.upload("/admin/import", csv).await;
    assert_eq!(checked.status, 200, "{}", checked.body);
    let once = token(&checked, "/admin/import/confirm");
    let text = checked.input_value("csv").unwrap().replace("&#10;", "\n");
    let people = count(&app, "people").await;
    let form = [("csv", text.as_str()), ("once", &once)];
    let (first, second) =
        (admin.post("/admin/import/confirm", &form).await, admin.post("/admin/import/confirm", &form).await);
    assert_eq!((first.status, second.status, first.location == second.location), (303, 303, true));
    assert_eq!(count(&app, "people").await, people + 1);
    // A new organisation, by the instance's administrator.
    root(&app).await;
    let root = Client::logged_in(&app, "root@kartrekker.test").await;
    let orgs = "/instance/organisations";
    let new = [("name", "Nieuw Ziekenhuis"), ("admin_name", "Bea Beheer"), ("admin_email", "bea@nieuw.test")];
    sent_twice(&app, &root, orgs, orgs, &new, "organisations", 1).await;
}

/// Fair Process decisions: the record, an option, the choice, an action, a
/// revision and the fairness answer.
async fn decision_forms_cannot_double(app: TestApp) {
    let o = org(&app, "Besluitdubbelziekenhuis").await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let (new, create) = (format!("/teams/{}/decisions/new", o.team_id), format!("/teams/{}/decisions", o.team_id));
    let deadline = day(&app, 7);
    let fields = [("title", "Pauzes"), ("problem", "Niemand neemt pauze"), ("input_deadline", deadline.as_str())];
    let to = sent_twice(&app, &leader, &new, &create, &fields, "decisions", 1).await;
    let path = to.split('?').next().unwrap().to_string();
    let option = [("option_title", "Vaste tijden"), ("pros", "Rust"), ("cons", "Star"), ("interests", "Zorg")];
    sent_twice(&app, &leader, &path, &format!("{path}/options"), &option, "decision_options", 1).await;
    let review = day(&app, 30);
    let mut choice = vec![
        ("choice", "Vaste tijden"),
        ("reasons", "Rust"),
        ("consequences", "Iedereen"),
        ("expectations", "Op tijd"),
        ("review_date", review.as_str()),
    ];
    sent_twice(&app, &leader, &path, &format!("{path}/decide"), &choice, "decisions", 0).await;
    let fields = action_fields(&app, &o, "Pauzerooster maken");
    sent_twice(&app, &leader, &path, &format!("{path}/actions"), &refs(&fields), "actions", 1).await;
    choice.push(("reason", "Nieuwe bezetting"));
    sent_twice(&app, &leader, &path, &format!("{path}/revise"), &choice, "decision_revisions", 1).await;
    let review = [("note", "Werkt goed"), ("next_review", "")];
    sent_twice(&app, &leader, &path, &format!("{path}/review"), &review, "decision_reviews", 1).await;
    let member = Client::logged_in(&app, &o.member).await;
    let answer = [("score", "4"), ("comment", "")];
    sent_twice(&app, &member, &path, &format!("{path}/fairness"), &answer, "decision_fairness_marks", 1).await;
    assert_eq!(count(&app, "decision_fairness_answers").await, 1);
}

// meetings (issue 17)
async fn meeting_forms_cannot_double(app: TestApp) {
    let o = org(&app, "Overlegdubbelziekenhuis").await;
    let leader = Client::logged_in(&app, &o.leader).await;
    let leader_id = actor(&app, &o.leader).await.id().to_string();
    let (new, create) = (format!("/teams/{}/meetings/new", o.team_id), format!("/teams/{}/meetings", o.team_id));
    let fields = [
        ("template", "builtin:stop"),
        ("held_on", &day(&app, 0)),
        ("start_time", "14:00"),
        ("chair", &leader_id),
        ("recurrence", "once"),
        ("attendees", &leader_id),
    ];
    let to = sent_twice(&app, &leader, &new, &create, &fields, "meetings", 1).await;
    let path = to.split('?').next().unwrap().to_string();
    let decisions = format!("{path}/decisions");
    sent_twice(
        &app,
        &leader,
        &path,
        &decisions,
        &[("decision", "Time-out"), ("concerns", "Iedereen")],
        "meeting_decisions",
        1,
    )
    .await;
    let actions = format!("{path}/actions");
    let kartrekker = o.member_id.to_string();
    let action = [("title", "Debriefing"), ("goal", "Leren"), ("kartrekker", kartrekker.as_str())];
    sent_twice(&app, &leader, &path, &actions, &action, "actions", 1).await;
    // A Fair Process record started in the meeting: one record, one link.
    let deadline = day(&app, 7);
    let fp = [("title", "Pauzes"), ("problem", "Niemand neemt pauze"), ("input_deadline", deadline.as_str())];
    let fp_form = format!("{path}/fair-process");
    sent_twice(&app, &leader, &fp_form, &fp_form, &fp, "decisions", 1).await;
    assert_eq!(count(&app, "meeting_decisions").await, 2);
    let admin = Client::logged_in(&app, &o.admin).await;
    let view = "/meetings/templates/view?t=builtin:stop";
    sent_twice(&app, &admin, view, "/meetings/templates", &[("from", "builtin:stop")], "meeting_templates", 1).await;
}

// api (issue 20)
/// The token form answers with the new secret itself (never in an address),
/// so a repeat cannot land on it: it lands on the list, which says which
/// token the first click made. One token, however often it is sent.
async fn the_api_token_form_cannot_double(app: TestApp) {
    let o = org(&app, "Tokenziekenhuis").await;
    let admin = Client::logged_in(&app, &o.admin).await;
    let tokens = "/admin/api-tokens";
    let once = token(&admin.get(tokens).await, tokens);
    let form = [("name", "Roosterkoppeling"), ("scopes", "people:read"), ("once", once.as_str())];
    let first = admin.post(tokens, &form).await;
    assert_eq!(first.status, 200, "{}", first.body);
    first.assert_has("id=\"api-secret\"");
    let second = admin.post(tokens, &form).await;
    assert_eq!(second.status, 303, "{}", second.body);
    let list = admin.get(&second.location.unwrap()).await;
    list.assert_has("De eerste klik maakte het token");
    list.assert_has("Roosterkoppeling");
    assert!(!list.has("api-secret"), "the secret is shown once only");
    assert_eq!(count(&app, "api_tokens").await, 1);
    // Two at once: one shows the secret, the other lands on the list.
    let once = token(&admin.get(tokens).await, tokens);
    let form = [("name", "Dashboard"), ("scopes", "actions:read"), ("once", once.as_str())];
    let (a, b) = tokio::join!(admin.post(tokens, &form), admin.post(tokens, &form));
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(statuses, [200, 303]);
    assert_eq!(count(&app, "api_tokens").await, 2);
}
