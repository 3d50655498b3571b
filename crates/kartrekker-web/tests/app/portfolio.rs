//! The resident's leadership portfolio (issue 18): activities, feedback by a
//! single-use link without an account, the profile plan, the cards and the
//! opleider's view, with who may see what.

use kartrekker::clock::DAY_MS;

use kartrekker_testkit::*;

both_databases!(
    a_resident_logs_an_activity_and_bad_input_keeps_the_form,
    feedback_by_link_works_once_without_an_account,
    a_giver_can_decline_gets_one_reminder_and_the_link_expires,
    the_opleider_sees_only_what_is_shared_and_only_their_residents,
    the_profile_plan_keeps_versions_and_the_cards_are_searchable,
    a_colleague_with_an_account_answers_from_home_and_everyone_hears_of_it,
    an_activity_links_a_meeting_a_project_and_a_decision_she_may_see,
    the_agreements_of_the_plan_conversation_become_actions_she_pulls,
    the_opleider_charts_comments_and_prints_a_summary_of_only_his_residents,
    a_quiet_resident_gets_a_gentle_nudge_at_most_monthly_unless_switched_off,
    chairing_feedback_asked_in_a_meeting_lands_in_her_portfolio_from_the_group_size,
    administrators_edit_the_cards_and_add_their_own_in_both_languages,
);

/// `o`'s team with a resident (aios) and her opleider, and a second team
/// with an opleider of its own; returns (resident, opleider, other opleider, resident id).
async fn residency(app: &TestApp, o: &Org) -> (String, String, String, i64) {
    let k = &app.k;
    let admin = actor(app, &o.admin).await;
    let slug = o.admin.split('@').nth(1).unwrap().to_string();
    let add = async |name: &str, email: &str, team: i64, role: &str| {
        let id = k.create_person(&admin, name, email, "arts", &[]).await.unwrap();
        k.add_member(&admin, team, &id.to_string(), role).await.unwrap();
        activate(app, email).await;
        id
    };
    let (resident, opleider, other) = (format!("aios@{slug}"), format!("opleider@{slug}"), format!("ander@{slug}"));
    let resident_id = add("Anna Aios", &resident, o.team_id, "resident").await;
    add("Otto Opleider", &opleider, o.team_id, "opleider").await;
    let other_team = k.create_team(&admin, &o.department_id.to_string(), "Chirurgie").await.unwrap();
    add("Olaf Ander", &other, other_team, "opleider").await;
    (resident, opleider, other, resident_id)
}

async fn log(c: &Client, fields: &[(&str, &str)]) -> Page {
    c.get("/portfolio/activities/new").await;
    c.post("/portfolio/activities", fields).await
}

async fn a_resident_logs_an_activity_and_bad_input_keeps_the_form(app: TestApp) {
    let o = org(&app, "Logziekenhuis").await;
    let (resident, _, _, resident_id) = residency(&app, &o).await;
    let anna = Client::logged_in(&app, &resident).await;
    anna.get("/").await.assert_has("href=\"/portfolio\"");

    let today = app.k.today();
    let tomorrow = today.add_days(1).to_string();
    let bad =
        log(&anna, &[("kind", ""), ("level", "frontline"), ("happened_on", &tomorrow), ("what", "MDO long")]).await;
    assert_eq!(bad.status, 422);
    bad.assert_has("Kies de situatie.");
    bad.assert_has("Deze datum ligt in de toekomst.");
    bad.assert_has("MDO long");
    assert_eq!(count(&app, "portfolio_activities").await, 0);

    // Only an action she pulls can be linked.
    let theirs = register_action(&app, &o.leader, &o, "Overdracht aan bed", o.member_id, 10).await;
    let link = format!("action:{theirs}");
    let today = today.to_string();
    let fields = [
        ("kind", "chairing"),
        ("level", "frontline"),
        ("happened_on", today.as_str()),
        ("what", "MDO long voorgezeten"),
        ("link", link.as_str()),
    ];
    let refused = log(&anna, &fields).await;
    assert_eq!(refused.status, 422);
    refused.assert_has("Je kunt alleen koppelen aan een actie die jij trekt.");
    assert_eq!(count(&app, "portfolio_activities").await, 0);

    let mine = register_action(&app, &o.leader, &o, "Vaste agenda voor het MDO", resident_id, 10).await;
    let link = format!("action:{mine}");
    let form = anna.get("/portfolio/activities/new").await;
    form.assert_has(&format!("value=\"{link}\""));
    let ok = anna
        .post(
            "/portfolio/activities",
            &[
                ("kind", "chairing"),
                ("level", "clinical"),
                ("happened_on", today.as_str()),
                ("what", "MDO long voorgezeten"),
                ("went_well", "Iedereen kwam aan het woord"),
                ("next_time", "Strakker op tijd"),
                ("link", link.as_str()),
                ("shared", "yes"),
            ],
        )
        .await;
    assert_eq!(ok.location.as_deref(), Some("/portfolio?notice=notice-activity-logged"), "{}", ok.body);
    let page = anna.get("/portfolio?notice=notice-activity-logged").await;
    page.assert_has("De activiteit is vastgelegd.");
    page.assert_has("MDO long voorgezeten");
    page.assert_has("Vergadering voorzitten");
    page.assert_has("Klinisch");
    page.assert_has("Gekoppeld: Vaste agenda voor het MDO");
    page.assert_has("card-chairing\">Vergaderingen voorzitten");

    // Someone without the resident role keeps no portfolio.
    let lars = Client::logged_in(&app, &o.member).await;
    assert_eq!(lars.get("/portfolio").await.status, 404);
    assert!(!lars.get("/").await.has("href=\"/portfolio\""));
}

/// Asks `giver` for chairing feedback and returns the request's id and the link's path.
async fn ask(app: &TestApp, anna: &Client, giver: &str) -> (String, String) {
    anna.get("/portfolio/feedback/new").await;
    let asked = anna
        .post(
            "/portfolio/feedback",
            &[
                ("form", "chairing"),
                ("situation", "Het MDO long van dinsdag"),
                ("giver_name", "Nora Verpleegkundige"),
                ("giver_email", giver),
            ],
        )
        .await;
    assert_eq!(asked.location.as_deref(), Some("/portfolio?notice=notice-feedback-asked"), "{}", asked.body);
    app.k.run_due_jobs().await.unwrap();
    let prefix = format!("{}/feedback/", app.base);
    let link = app.smtp.to(giver).iter().rev().find_map(|m| m.link(&prefix)).expect("the giver got a link by e-mail");
    let overview = anna.get("/portfolio").await;
    // The newest request comes first in her list.
    let id = overview
        .body
        .split("href=\"/portfolio/feedback/")
        .skip(1)
        .map(|rest| rest.chars().take_while(char::is_ascii_digit).collect::<String>())
        .find(|id| !id.is_empty())
        .unwrap();
    (id, link.strip_prefix(&app.base).unwrap().to_string())
}

async fn feedback_by_link_works_once_without_an_account(app: TestApp) {
    let o = org(&app, "Linkziekenhuis").await;
    let (resident, _, _, _) = residency(&app, &o).await;
    let anna = Client::logged_in(&app, &resident).await;
    let bad = anna.post("/portfolio/feedback", &[("form", "chairing"), ("giver_email", "geen adres")]).await;
    assert_eq!(bad.status, 422);
    bad.assert_has("Vul een geldig e-mailadres in.");
    bad.assert_has("value=\"geen adres\"");
    assert_eq!(count(&app, "portfolio_feedback").await, 0);

    let (id, path) = ask(&app, &anna, "nora@elders.test").await;
    let mail = app.smtp.to("nora@elders.test").pop().unwrap();
    assert!(mail.data.contains("Anna Aios vraagt je om feedback"), "{}", mail.data);
    let stored: i64 = kartrekker::db::query_scalar("SELECT COUNT(*) FROM portfolio_feedback WHERE token_hash = $1")
        .bind(path.rsplit('/').next().unwrap())
        .fetch_one(&app.k.db)
        .await
        .unwrap();
    assert_eq!(stored, 0, "only the digest of the secret is kept");

    // Nora has no account: the link is all she needs.
    let nora = Client::new(&app);
    let page = nora.get(&path).await;
    assert_eq!(page.status, 200);
    page.assert_has("Feedback voor Anna Aios");
    page.assert_has("Het MDO long van dinsdag");
    page.assert_has("Voorbereiding:");
    page.assert_has("Groepsdynamiek:");
    let empty = nora.post(&path, &[("answer_1", " "), ("answer_2", "")]).await;
    assert_eq!(empty.status, 422);
    empty.assert_has("Beantwoord ten minste één vraag");
    let done = nora
        .post(
            &path,
            &[
                ("answer_1", "Agenda vooraf rondgestuurd"),
                ("answer_2", "Goed op tijd"),
                ("answer_3", "Stille collega betrokken"),
            ],
        )
        .await;
    assert_eq!(done.status, 200, "{}", done.body);
    done.assert_has("Je antwoord is doorgegeven.");
    let again = nora.get(&path).await;
    assert_eq!(again.status, 410);
    again.assert_has("Deze link werkt niet (meer).");
    let twice = nora.post(&path, &[("answer_1", "Nog een keer")]).await;
    assert_eq!(twice.status, 410);
    let n: i64 =
        kartrekker::db::query_scalar("SELECT COUNT(*) FROM portfolio_feedback WHERE answer_1 = 'Nog een keer'")
            .fetch_one(&app.k.db)
            .await
            .unwrap();
    assert_eq!(n, 0, "a spent link changes nothing");

    // The resident sees it and reflects.
    let detail = anna.get(&format!("/portfolio/feedback/{id}")).await;
    detail.assert_has("Agenda vooraf rondgestuurd");
    detail.assert_has("Stille collega betrokken");
    let empty = anna.post(&format!("/portfolio/feedback/{id}"), &[("reflection", "")]).await;
    assert_eq!(empty.status, 422);
    empty.assert_has("Schrijf je reflectie.");
    let saved = anna
        .post(
            &format!("/portfolio/feedback/{id}"),
            &[("reflection", "Volgende keer de stille collega eerst"), ("shared", "yes")],
        )
        .await;
    assert_eq!(saved.status, 303);
    anna.get(&format!("/portfolio/feedback/{id}")).await.assert_has("Volgende keer de stille collega eerst");

    // Another resident's feedback does not exist for her.
    let lars = Client::logged_in(&app, &o.member).await;
    assert_eq!(lars.get(&format!("/portfolio/feedback/{id}")).await.status, 404);
}

async fn a_giver_can_decline_gets_one_reminder_and_the_link_expires(app: TestApp) {
    let o = org(&app, "Herinnerziekenhuis").await;
    let (resident, _, _, _) = residency(&app, &o).await;
    let anna = Client::logged_in(&app, &resident).await;
    let (id, first) = ask(&app, &anna, "piet@elders.test").await;

    app.clock.advance_ms(6 * DAY_MS);
    app.k.schedule_reminders().await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    assert_eq!(app.smtp.to("piet@elders.test").len(), 1, "no reminder within a week");
    app.clock.advance_ms(2 * DAY_MS);
    app.k.schedule_reminders().await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    let mails = app.smtp.to("piet@elders.test");
    assert_eq!(mails.len(), 2, "one reminder");
    assert!(mails[1].data.contains("Herinnering"), "{}", mails[1].data);
    let second =
        mails[1].link(&format!("{}/feedback/", app.base)).unwrap().strip_prefix(&app.base).unwrap().to_string();
    app.clock.advance_ms(DAY_MS);
    app.k.schedule_reminders().await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    assert_eq!(app.smtp.to("piet@elders.test").len(), 2, "only one reminder");

    let piet = Client::new(&app);
    assert_eq!(piet.get(&first).await.status, 410, "the reminder's link replaced the first");
    piet.get(&second).await.assert_has("Liever niet");
    let declined = piet.post(&format!("{second}/decline"), &[]).await;
    assert_eq!(declined.status, 200);
    assert_eq!(piet.get(&second).await.status, 410);
    let anna = Client::logged_in(&app, &resident).await; // her session ended in the days that passed
    anna.get(&format!("/portfolio/feedback/{id}")).await.assert_has("Nora Verpleegkundige heeft afgeslagen.");

    // An unanswered link ends after two weeks.
    let (id, path) = ask(&app, &anna, "kees@elders.test").await;
    app.clock.advance_ms(15 * DAY_MS);
    let late = Client::new(&app).get(&path).await;
    assert_eq!(late.status, 410);
    late.assert_has("Deze link is verlopen.");
    let anna = Client::logged_in(&app, &resident).await;
    anna.get(&format!("/portfolio/feedback/{id}")).await.assert_has("verlopen");

    // In English for someone whose browser asks for it.
    let (_, path) = ask(&app, &anna, "jane@elsewhere.test").await;
    let jane = Client::with_language(&app, Some("en"));
    let page = jane.get(&path).await;
    page.assert_has("Feedback for Anna Aios");
    page.assert_has("I would rather not");
}

async fn the_opleider_sees_only_what_is_shared_and_only_their_residents(app: TestApp) {
    let o = org(&app, "Opleidziekenhuis").await;
    let (resident, opleider, other, resident_id) = residency(&app, &o).await;
    let anna = Client::logged_in(&app, &resident).await;
    let today = app.k.today().to_string();
    for (what, shared) in [("Gedeelde overdracht", "yes"), ("Eigen overdracht", "")] {
        let p = log(
            &anna,
            &[
                ("kind", "handover"),
                ("level", "frontline"),
                ("happened_on", &today),
                ("what", what),
                ("shared", shared),
            ],
        )
        .await;
        assert_eq!(p.status, 303, "{}", p.body);
    }
    anna.get("/portfolio/plan").await;
    let plan = anna.post("/portfolio/plan", &[("kind_of_doctor", "Klinisch en opleider"), ("shared", "yes")]).await;
    assert_eq!(plan.status, 303);

    let otto = Client::logged_in(&app, &opleider).await;
    otto.get("/").await.assert_has("href=\"/portfolio/residents\"");
    let list = otto.get("/portfolio/residents").await;
    list.assert_has("Anna Aios");
    let path = format!("/portfolio/residents/{resident_id}");
    let view = otto.get(&path).await;
    assert_eq!(view.status, 200);
    view.assert_has("Gedeelde overdracht");
    assert!(!view.has("Eigen overdracht"), "what she kept to herself stays hers");
    view.assert_has("Klinisch en opleider");
    let audited: i64 = kartrekker::db::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'view_portfolio' AND subject_person_id = $1",
    )
    .bind(resident_id)
    .fetch_one(&app.k.db)
    .await
    .unwrap();
    assert_eq!(audited, 1, "the opleider's read is in the audit trail");

    // The phase, set by the opleider with its date.
    let bad = otto.post(&format!("{path}/phase"), &[("phase", "later"), ("since", "gisteren")]).await;
    assert_eq!(bad.status, 422);
    bad.assert_has("Kies de fase.");
    let since = app.k.today().add_days(-30).to_string();
    let set = otto.post(&format!("{path}/phase"), &[("phase", "vervolgfase"), ("since", &since)]).await;
    assert_eq!(set.status, 303);
    anna.get("/portfolio").await.assert_has("Fase: Vervolgfase");
    let p = log(
        &anna,
        &[("kind", "hospital_committee"), ("level", "clinical"), ("happened_on", &today), ("what", "Commissie")],
    )
    .await;
    assert_eq!(p.status, 303);
    let phase: String = kartrekker::db::query_scalar("SELECT phase FROM portfolio_activities WHERE what = 'Commissie'")
        .fetch_one(&app.k.db)
        .await
        .unwrap();
    assert_eq!(phase, "vervolgfase", "an activity is tagged with the phase it happened in");

    // Another team's opleider, a colleague and another organisation see nothing.
    let olaf = Client::logged_in(&app, &other).await;
    assert!(!olaf.get("/portfolio/residents").await.has("Anna Aios"));
    assert_eq!(olaf.get(&path).await.status, 404);
    assert_eq!(olaf.post(&format!("{path}/phase"), &[("phase", "basis"), ("since", &since)]).await.status, 404);
    let lars = Client::logged_in(&app, &o.member).await;
    assert_eq!(lars.get(&path).await.status, 404);
    let elsewhere = org(&app, "Anderziekenhuis").await;
    let (_, their_opleider, _, _) = residency(&app, &elsewhere).await;
    assert_eq!(Client::logged_in(&app, &their_opleider).await.get(&path).await.status, 404);

    // Her personal data export holds all of it, the private part too; erasing her removes it.
    let (status, _, bytes) = anna.post_for_bytes("/settings/data", &[]).await;
    assert_eq!(status, 200);
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    let mut csv = String::new();
    std::io::Read::read_to_string(&mut zip.by_name("portfolio_activities.csv").unwrap(), &mut csv).unwrap();
    assert!(csv.contains("Eigen overdracht") && csv.contains("Gedeelde overdracht"), "{csv}");
    let admin = actor(&app, &o.admin).await;
    app.k.erase_person(&admin, resident_id, "", true).await.unwrap();
    assert_eq!(count(&app, "portfolio_activities").await, 0);
    assert_eq!(count(&app, "portfolio_plans").await, 0);
}

async fn the_profile_plan_keeps_versions_and_the_cards_are_searchable(app: TestApp) {
    let o = org(&app, "Profielziekenhuis").await;
    let (resident, opleider, _, resident_id) = residency(&app, &o).await;
    let anna = Client::logged_in(&app, &resident).await;
    anna.get("/portfolio/plan").await;
    let empty = anna.post("/portfolio/plan", &[("kind_of_doctor", " ")]).await;
    assert_eq!(empty.status, 422);
    empty.assert_has("Vul ten minste één stap in.");
    assert_eq!(count(&app, "portfolio_plans").await, 0);
    let v1 = anna
        .post("/portfolio/plan", &[("kind_of_doctor", "Promotieonderzoek longziekten"), ("timing", "Na jaar drie")])
        .await;
    assert_eq!(v1.location.as_deref(), Some("/portfolio/plan?notice=notice-plan-version-saved"));
    let page = anna.get("/portfolio/plan").await;
    page.assert_has("Versie 1 van");
    assert!(page.has("name=\"shared\" value=\"yes\">"), "not shared unless she chooses");
    anna.post("/portfolio/plan", &[("kind_of_doctor", "Vakgroepvoorzitter worden"), ("shared", "yes")]).await;
    let page = anna.get("/portfolio/plan").await;
    page.assert_has("Versie 2 van");
    page.assert_has("Promotieonderzoek longziekten");

    // The opleider sees the shared version only.
    let otto = Client::logged_in(&app, &opleider).await;
    let view = otto.get(&format!("/portfolio/residents/{resident_id}")).await;
    view.assert_has("Vakgroepvoorzitter worden");
    assert!(!view.has("Promotieonderzoek longziekten"));

    // The cards: searchable, and each leads to where it is put to work.
    let cards = anna.get("/portfolio/cards?q=roos").await;
    cards.assert_has("Samenwerken");
    assert!(!cards.has("card-finance"));
    cards.assert_has("/portfolio/feedback/new?form=working_together");
    let all = anna.get("/portfolio/cards").await;
    all.assert_has("Fair Process");
    all.assert_has("/portfolio/activities/new?card=negotiating");
    let en = Client::with_language(&app, Some("en"));
    en.login(&resident, PASSWORD).await;
    en.get("/portfolio/cards?q=leary").await.assert_has("Working together");
}

async fn a_colleague_with_an_account_answers_from_home_and_everyone_hears_of_it(app: TestApp) {
    let o = org(&app, "Thuisziekenhuis").await;
    let (resident, opleider, other, _) = residency(&app, &o).await;
    let anna = Client::logged_in(&app, &resident).await;
    let (id, _) = ask(&app, &anna, &o.member).await;
    let notices = app.smtp.to(&o.member);
    assert_eq!(notices.len(), 2, "the link, and the notice of the kind she can switch");
    assert!(notices.iter().any(|m| m.data.contains("/portfolio/asked/")));

    // Lars finds it on his home page and answers logged in.
    let lars = Client::logged_in(&app, &o.member).await;
    let home = lars.get("/").await;
    home.assert_has("Anna Aios vraagt je om feedback");
    home.assert_has(&format!("/portfolio/asked/{id}"));
    let page = lars.get(&format!("/portfolio/asked/{id}")).await;
    page.assert_has("Het MDO long van dinsdag");
    let done = lars.post(&format!("/portfolio/asked/{id}"), &[("answer_2", "Mooi de lijn vastgehouden")]).await;
    assert_eq!(done.status, 200, "{}", done.body);
    assert!(!lars.get("/").await.has("Anna Aios vraagt je om feedback"));
    assert_eq!(lars.get(&format!("/portfolio/asked/{id}")).await.status, 404);
    // Someone else cannot answer what was not asked of them.
    let olaf = Client::logged_in(&app, &other).await;
    assert_eq!(olaf.get(&format!("/portfolio/asked/{id}")).await.status, 404);

    app.k.run_due_jobs().await.unwrap();
    assert!(app.smtp.to(&resident).iter().any(|m| m.data.contains("Feedback van Nora Verpleegkundige")));
    anna.get("/").await.assert_has("Feedback van Nora Verpleegkundige: reflecteer erop");

    // Sharing the plan tells her opleider, and his home shows it.
    anna.get("/portfolio/plan").await;
    anna.post("/portfolio/plan", &[("kind_of_doctor", "Opleider worden"), ("shared", "yes")]).await;
    app.k.run_due_jobs().await.unwrap();
    assert!(app.smtp.to(&opleider).iter().any(|m| m.data.contains("Anna Aios deelde een profielplan")));
    assert!(app.smtp.to(&other).is_empty(), "another team's opleider hears nothing");
    let otto = Client::logged_in(&app, &opleider).await;
    otto.get("/").await.assert_has("Anna Aios deelde profielplan versie 1");
}

/// The leader plans a meeting of `o`'s team chaired by `chair` with `attendee`; returns its id.
async fn meeting(app: &TestApp, o: &Org, title: &str, chair: i64, attendee: i64) -> i64 {
    let leader = Client::logged_in(app, &o.leader).await;
    leader.get(&format!("/teams/{}/meetings/new", o.team_id)).await;
    let fields = [
        ("template", "builtin:mdo".to_string()),
        ("title", title.to_string()),
        ("held_on", app.k.today().to_string()),
        ("start_time", "13:00".to_string()),
        ("chair", chair.to_string()),
        ("recurrence", "once".to_string()),
        ("attendees", attendee.to_string()),
    ];
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let p = leader.post(&format!("/teams/{}/meetings", o.team_id), &fields).await;
    assert_eq!(p.status, 303, "{}", p.body);
    kartrekker::db::query_scalar("SELECT id FROM meetings WHERE title = $1")
        .bind(title)
        .fetch_one(&app.k.db)
        .await
        .unwrap()
}

async fn an_activity_links_a_meeting_a_project_and_a_decision_she_may_see(app: TestApp) {
    let o = org(&app, "Koppelziekenhuis").await;
    let (resident, _, _, resident_id) = residency(&app, &o).await;
    let chaired = meeting(&app, &o, "MDO longoncologie", resident_id, o.member_id).await;
    let not_hers = meeting(&app, &o, "Teamoverleg zonder aios", actor(&app, &o.leader).await.id(), o.member_id).await;

    // A decision of her team, and an improvement project she pulls.
    let leader = Client::logged_in(&app, &o.leader).await;
    leader.get(&format!("/teams/{}/decisions/new", o.team_id)).await;
    let fields = [
        ("title", "Avondoverdracht korter"),
        ("problem", "De overdracht loopt uit."),
        ("input_deadline", &app.k.today().add_days(7).to_string()),
    ];
    assert_eq!(leader.post(&format!("/teams/{}/decisions", o.team_id), &fields).await.status, 303);
    let decision: i64 = kartrekker::db::query_scalar("SELECT id FROM decisions").fetch_one(&app.k.db).await.unwrap();
    let list = format!("/teams/{}/verwonderpunten", o.team_id);
    let once = leader.get(&list).await.input_value("once").unwrap();
    let posted = leader.post(&list, &[("title", "Polidossiers in het weekend"), ("body", ""), ("once", &once)]).await;
    assert_eq!(posted.status, 303, "{}", posted.body);
    let point: i64 = kartrekker::db::query_scalar("SELECT id FROM verwonderpunten").fetch_one(&app.k.db).await.unwrap();
    let triaged = leader
        .post(
            &format!("/verwonderpunten/{point}/triage"),
            &[
                ("choice", "project"),
                ("title", "Dossiers in het weekend"),
                ("problem", "Geen dossier op zaterdag."),
                ("kartrekker", &resident_id.to_string()),
            ],
        )
        .await;
    assert_eq!(triaged.status, 303, "{}", triaged.body);
    let project: i64 =
        kartrekker::db::query_scalar("SELECT id FROM improvement_projects").fetch_one(&app.k.db).await.unwrap();

    let anna = Client::logged_in(&app, &resident).await;
    let form = anna.get("/portfolio/activities/new").await;
    form.assert_has(&format!("value=\"meeting:{chaired}\""));
    form.assert_has(&format!("value=\"project:{project}\""));
    form.assert_has(&format!("value=\"decision:{decision}\""));
    assert!(!form.has(&format!("value=\"meeting:{not_hers}\"")), "a meeting she was not in is not offered");

    // A meeting she neither chaired nor attended cannot be linked, even when sent.
    let today = app.k.today().to_string();
    let link = format!("meeting:{not_hers}");
    let refused = log(
        &anna,
        &[("kind", "chairing"), ("level", "frontline"), ("happened_on", &today), ("what", "Overleg"), ("link", &link)],
    )
    .await;
    assert_eq!(refused.status, 422);
    refused.assert_has("Je kunt alleen koppelen aan een overleg dat je voorzat of bijwoonde");
    refused.assert_has(">Overleg</textarea>");
    assert_eq!(count(&app, "portfolio_activities").await, 0);
    // Nor another organisation's decision.
    let elsewhere = org(&app, "Elders").await;
    let their = Client::logged_in(&app, &elsewhere.leader).await;
    their.get(&format!("/teams/{}/decisions/new", elsewhere.team_id)).await;
    assert_eq!(their.post(&format!("/teams/{}/decisions", elsewhere.team_id), &fields).await.status, 303);
    let theirs: i64 = kartrekker::db::query_scalar("SELECT MAX(id) FROM decisions").fetch_one(&app.k.db).await.unwrap();
    let link = format!("decision:{theirs}");
    let refused = log(
        &anna,
        &[
            ("kind", "department_meeting"),
            ("level", "clinical"),
            ("happened_on", &today),
            ("what", "X"),
            ("link", &link),
        ],
    )
    .await;
    assert_eq!(refused.status, 422);

    for (kind, what, link) in [
        ("chairing", "MDO voorgezeten", format!("meeting:{chaired}")),
        ("verwonder_verbeter", "Project gestart", format!("project:{project}")),
        ("department_meeting", "Inbreng gegeven", format!("decision:{decision}")),
    ] {
        let p = log(
            &anna,
            &[("kind", kind), ("level", "clinical"), ("happened_on", &today), ("what", what), ("link", &link)],
        )
        .await;
        assert_eq!(p.status, 303, "{}", p.body);
    }
    // The facts come from the linked things: title, team, day, status.
    let page = anna.get("/portfolio").await;
    page.assert_has("Gekoppeld: MDO longoncologie");
    page.assert_has(&format!("href=\"/meetings/{chaired}\""));
    page.assert_has("Overleg · Interne B3");
    page.assert_has("Gekoppeld: Dossiers in het weekend");
    page.assert_has("Verbeterproject · Interne B3");
    page.assert_has("loopt");
    page.assert_has("Gekoppeld: Avondoverdracht korter");
    page.assert_has("nog niet besloten");
}

async fn the_agreements_of_the_plan_conversation_become_actions_she_pulls(app: TestApp) {
    let o = org(&app, "Afspraakziekenhuis").await;
    let (resident, opleider, _, resident_id) = residency(&app, &o).await;
    let anna = Client::logged_in(&app, &resident).await;
    // Before a plan is shared there is nothing to agree on.
    anna.get("/portfolio/plan").await.assert_has("Deel eerst een versie van je profielplan");
    let early = anna.post("/portfolio/plan/agreements", &[("title", "Onderwijstaken")]).await;
    assert_eq!(early.status, 422, "{}", early.body);
    assert_eq!(count(&app, "actions").await, 0);
    anna.post("/portfolio/plan", &[("kind_of_doctor", "Opleider worden"), ("shared", "yes")]).await;

    let page = anna.get("/portfolio/plan").await;
    page.assert_has("action=\"/portfolio/plan/agreements\"");
    let bad =
        anna.post("/portfolio/plan/agreements", &[("title", " "), ("goal", "Twee keer per jaar les geven")]).await;
    assert_eq!(bad.status, 422);
    bad.assert_has("Twee keer per jaar les geven");
    assert_eq!(count(&app, "actions").await, 0, "bad input writes nothing");
    let due = app.k.today().add_days(90).to_string();
    let ok = anna
        .post(
            "/portfolio/plan/agreements",
            &[("title", "Onderwijstaken in het rooster"), ("goal", "Twee keer per jaar les geven"), ("due_date", &due)],
        )
        .await;
    assert_eq!(ok.location.as_deref(), Some("/portfolio/plan?notice=portfolio-notice-agreement-added"), "{}", ok.body);
    let (kartrekker, team, origin): (i64, i64, String) = {
        let r = kartrekker::db::query("SELECT kartrekker_id, team_id, origin_kind FROM actions")
            .fetch_one(&app.k.db)
            .await
            .unwrap();
        (r.get("kartrekker_id").unwrap(), r.get("team_id").unwrap(), r.get("origin_kind").unwrap())
    };
    assert_eq!((kartrekker, team, origin.as_str()), (resident_id, o.team_id, "profile_plan"));
    anna.get("/portfolio/plan").await.assert_has("Onderwijstaken in het rooster");
    // It is an action like any other: on the team's board, with its origin.
    let board = Client::logged_in(&app, &o.leader).await.get(&format!("/teams/{}/actions", o.team_id)).await;
    board.assert_has("Onderwijstaken in het rooster");
    // Her opleider sees the agreements with the plan.
    Client::logged_in(&app, &opleider)
        .await
        .get(&format!("/portfolio/residents/{resident_id}"))
        .await
        .assert_has("Onderwijstaken in het rooster");
}

async fn the_opleider_charts_comments_and_prints_a_summary_of_only_his_residents(app: TestApp) {
    let o = org(&app, "Grafiekziekenhuis").await;
    let (resident, opleider, other, resident_id) = residency(&app, &o).await;
    let anna = Client::logged_in(&app, &resident).await;
    let today = app.k.today();
    for (days, level, shared) in [(0, "frontline", "yes"), (1, "clinical", "yes"), (2, "executive", "")] {
        let day = today.add_days(-days).to_string();
        let p = log(
            &anna,
            &[
                ("kind", "handover"),
                ("level", level),
                ("happened_on", &day),
                ("what", "Overdracht"),
                ("shared", shared),
            ],
        )
        .await;
        assert_eq!(p.status, 303, "{}", p.body);
    }
    let path = format!("/portfolio/residents/{resident_id}");
    let otto = Client::logged_in(&app, &opleider).await;
    let view = otto.get(&path).await;
    // The chart with the same numbers in a table: only what she shared.
    view.assert_has("role=\"img\"");
    view.assert_has("Activiteiten per niveau en fase");
    let (y, m, _) = today.ymd();
    let label = format!("K{} {y} · Basis", (m - 1) / 3 + 1);
    view.assert_has(&label);
    let shared: i64 = kartrekker::db::query_scalar("SELECT COUNT(*) FROM portfolio_activities WHERE shared = 1")
        .fetch_one(&app.k.db)
        .await
        .unwrap();
    assert_eq!(shared, 2);
    assert!(view.has("class=\"number\">0</td>"), "the executive one was not shared");

    // A comment: bad input keeps the form; then the resident reads it.
    let empty = otto.post(&format!("{path}/comments"), &[("about", ""), ("text", " ")]).await;
    assert_eq!(empty.status, 422);
    empty.assert_has("Schrijf je opmerking.");
    assert_eq!(count(&app, "portfolio_comments").await, 0);
    let said = otto.post(&format!("{path}/comments"), &[("about", ""), ("text", "Mooi dat je het MDO voorzit.")]).await;
    assert_eq!(said.status, 303, "{}", said.body);
    anna.get("/portfolio").await.assert_has("Mooi dat je het MDO voorzit.");
    // She hears of it (a notice kind she can switch), and only she does.
    app.k.run_due_jobs().await.unwrap();
    let told = app.smtp.to(&resident);
    assert!(told.iter().any(|m| m.data.contains("gaf een opmerking in je portfolio")), "{told:?}");
    assert!(!app.smtp.to(&other).iter().any(|m| m.data.contains("gaf een opmerking")));
    // Not on an activity she kept to herself.
    let private: i64 = kartrekker::db::query_scalar("SELECT id FROM portfolio_activities WHERE shared = 0")
        .fetch_one(&app.k.db)
        .await
        .unwrap();
    let hidden = otto.post(&format!("{path}/comments"), &[("about", &private.to_string()), ("text", "Hm")]).await;
    assert_eq!(hidden.status, 404);

    // The printable one-page summary.
    let summary = otto.get(&format!("{path}/summary")).await;
    assert_eq!(summary.status, 200);
    summary.assert_has("Samenvatting portfolio Anna Aios");
    summary.assert_has("portfolio-summary");
    summary.assert_has(&label);

    // Another opleider sees, comments on and prints nothing; every read by him is audited, refusals too.
    let olaf = Client::logged_in(&app, &other).await;
    assert_eq!(olaf.get(&format!("{path}/summary")).await.status, 404);
    assert_eq!(olaf.post(&format!("{path}/comments"), &[("text", "Hallo")]).await.status, 404);
    assert_eq!(count(&app, "portfolio_comments").await, 1);
    let reads: i64 = kartrekker::db::query_scalar(
        "SELECT COUNT(*) FROM audit_log WHERE action = 'view_portfolio' AND subject_person_id = $1",
    )
    .bind(resident_id)
    .fetch_one(&app.k.db)
    .await
    .unwrap();
    assert!(reads >= 3, "the view, the summary and the pages after the comments are audited: {reads}");
}

async fn a_quiet_resident_gets_a_gentle_nudge_at_most_monthly_unless_switched_off(app: TestApp) {
    let o = org(&app, "Porziekenhuis").await;
    let (resident, _, _, _) = residency(&app, &o).await;
    let nudges = |app: &TestApp| {
        app.smtp.to(&resident).iter().filter(|m| m.data.contains("Iets vastleggen in je portfolio?")).count()
    };
    let step = async |app: &TestApp, days: i64| {
        app.clock.advance_ms(days * DAY_MS);
        app.k.schedule_reminders().await.unwrap();
        app.k.run_due_jobs().await.unwrap();
    };
    step(&app, 20).await;
    assert_eq!(nudges(&app), 0, "not before a month of quiet");
    let anna = Client::logged_in(&app, &resident).await;
    assert!(!anna.get("/").await.has("Een maand niets vastgelegd"));
    step(&app, 11).await;
    assert_eq!(nudges(&app), 1, "a month without logging");
    let anna = Client::logged_in(&app, &resident).await;
    anna.get("/").await.assert_has("Een maand niets vastgelegd");
    step(&app, 1).await;
    step(&app, 10).await;
    assert_eq!(nudges(&app), 1, "at most once a month");
    step(&app, 20).await;
    assert_eq!(nudges(&app), 2, "the next month of quiet");

    // Once she logs, the nudge and the home item stop; checked at send time too.
    let anna = Client::logged_in(&app, &resident).await;
    let today = app.k.today().to_string();
    let p =
        log(&anna, &[("kind", "handover"), ("level", "frontline"), ("happened_on", &today), ("what", "Overdracht")])
            .await;
    assert_eq!(p.status, 303);
    assert!(!anna.get("/").await.has("Een maand niets vastgelegd"));
    step(&app, 20).await;
    assert_eq!(nudges(&app), 2);
    // A nudge queued while quiet is not sent when she logged before it went out.
    step(&app, 11).await;
    assert_eq!(nudges(&app), 3);
    app.clock.advance_ms(30 * DAY_MS);
    app.k.schedule_reminders().await.unwrap();
    let anna = Client::logged_in(&app, &resident).await;
    let today = app.k.today().to_string();
    log(&anna, &[("kind", "handover"), ("level", "frontline"), ("happened_on", &today), ("what", "Weer een")]).await;
    app.k.run_due_jobs().await.unwrap();
    assert_eq!(nudges(&app), 3, "checked again at send time");

    // Switched off, it stays away.
    let c = Client::logged_in(&app, &resident).await;
    c.get("/settings").await.assert_has("Een maand niets vastgelegd");
    assert_eq!(c.post("/settings", &[("portfolio_nudge", "never")]).await.status, 303);
    step(&app, 40).await;
    assert_eq!(nudges(&app), 3, "she chose never");
}

async fn chairing_feedback_asked_in_a_meeting_lands_in_her_portfolio_from_the_group_size(app: TestApp) {
    let o = org(&app, "Voorzitziekenhuis").await;
    min_group_size(&app, &o.admin, 3).await;
    let (resident, _, _, resident_id) = residency(&app, &o).await;
    let others = more_members(&app, &o, &["Ada", "Bram"], "voorzit.test").await;
    let leader = Client::logged_in(&app, &o.leader).await;
    leader.get(&format!("/teams/{}/meetings/new", o.team_id)).await;
    let mut fields = vec![
        ("template", "builtin:mdo".to_string()),
        ("title", "MDO longoncologie".to_string()),
        ("held_on", app.k.today().to_string()),
        ("start_time", "13:00".to_string()),
        ("chair", resident_id.to_string()),
        ("recurrence", "once".to_string()),
        ("attendees", o.member_id.to_string()),
    ];
    fields.extend(others.iter().map(|(_, id)| ("attendees", id.to_string())));
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (*k, v.as_str())).collect();
    let planned = leader.post(&format!("/teams/{}/meetings", o.team_id), &fields).await;
    assert_eq!(planned.status, 303, "{}", planned.body);
    let path = planned.location.unwrap().split('?').next().unwrap().to_string();
    let anna = Client::logged_in(&app, &resident).await;
    assert_eq!(anna.post(&format!("{path}/close"), &[]).await.status, 303);
    assert_eq!(anna.post(&format!("{path}/feedback/ask"), &[]).await.status, 303);

    let answer = async |email: &str, scores: [&str; 3], comment: &str| {
        let c = Client::logged_in(&app, email).await;
        c.get(&format!("{path}/feedback")).await;
        let fields =
            [("preparation", scores[0]), ("leading", scores[1]), ("dynamics", scores[2]), ("comment", comment)];
        assert_eq!(c.post(&format!("{path}/feedback"), &fields).await.status, 303);
    };
    answer(&o.member, ["4", "5", "3"], "Strak geleid").await;
    let page = anna.get("/portfolio").await;
    page.assert_has("Feedback op je voorzitten uit overleggen");
    page.assert_has(&format!("href=\"{path}/feedback/results\""));
    page.assert_has("MDO longoncologie");
    page.assert_has("1 van 3 gevraagden antwoordden.");
    page.assert_has("zodra minstens 3 mensen");
    assert!(!page.has("Strak geleid"), "no figures below the group size");
    answer(&others[0].0, ["2", "3", "3"], "").await;
    answer(&others[1].0, ["3", "4", "3"], "Meer ruimte voor de co-assistent").await;
    let page = anna.get("/portfolio").await;
    for text in ["3 van 3", "Voorbereiding", "3,0", "4,0", "Strak geleid", "Meer ruimte voor de co-assistent"] {
        page.assert_has(text);
    }
}

async fn administrators_edit_the_cards_and_add_their_own_in_both_languages(app: TestApp) {
    let o = org(&app, "Kaartziekenhuis").await;
    let (resident, _, _, _) = residency(&app, &o).await;
    let admin = Client::logged_in(&app, &o.admin).await;
    // The built-in card keeps its standard text until edited; the form starts from it.
    let form = admin.get("/portfolio/cards/negotiating").await;
    assert_eq!(form.status, 200);
    let standard = form.input_value("title_nl").unwrap();
    assert!(!standard.is_empty());
    let bad = admin
        .post(
            "/portfolio/cards/negotiating",
            &[("title_nl", "Onderhandelen met de zorgverzekeraar"), ("text_nl", "Eigen tekst"), ("title_en", " ")],
        )
        .await;
    assert_eq!(bad.status, 422);
    bad.assert_has("Vul dit in, in beide talen.");
    bad.assert_has("Onderhandelen met de zorgverzekeraar");
    assert_eq!(count(&app, "portfolio_cards").await, 0, "bad input writes nothing");
    let fields = [
        ("title_nl", "Onderhandelen met de zorgverzekeraar"),
        ("text_nl", "Zo doen wij het in ons huis."),
        ("title_en", "Negotiating with insurers"),
        ("text_en", "This is how we do it here."),
    ];
    let saved = admin.post("/portfolio/cards/negotiating", &fields).await;
    assert_eq!(
        saved.location.as_deref(),
        Some("/portfolio/cards?notice=portfolio-notice-card-saved"),
        "{}",
        saved.body
    );
    assert_eq!(admin.post("/portfolio/cards/negotiating", &fields).await.status, 303);
    assert_eq!(count(&app, "portfolio_cards").await, 1, "one row per built-in card");
    let own = [
        ("title_nl", "Roosteren met de vakgroep"),
        ("text_nl", "Over diensten en dienstruil."),
        ("title_en", "Rostering with the group"),
        ("text_en", "About shifts and swaps."),
    ];
    admin.get("/portfolio/cards/new").await;
    assert_eq!(admin.post("/portfolio/cards/new", &own).await.status, 303);

    // The resident reads them in her language; search finds the organisation's own card.
    let anna = Client::logged_in(&app, &resident).await;
    let cards = anna.get("/portfolio/cards").await;
    cards.assert_has("Zo doen wij het in ons huis.");
    cards.assert_has("Roosteren met de vakgroep");
    anna.get("/portfolio/cards?q=dienstruil").await.assert_has("Roosteren met de vakgroep");
    let en = Client::with_language(&app, Some("en"));
    en.login(&resident, PASSWORD).await;
    en.get("/portfolio/cards").await.assert_has("This is how we do it here.");
    // Another organisation keeps the standard text.
    let elders = org(&app, "Anderkaartziekenhuis").await;
    let (theirs, _, _, _) = residency(&app, &elders).await;
    let other = Client::logged_in(&app, &theirs).await.get("/portfolio/cards").await;
    assert!(!other.has("Zo doen wij het in ons huis.") && !other.has("Roosteren met de vakgroep"));
    // Only administrators edit.
    assert_eq!(anna.get("/portfolio/cards/negotiating").await.status, 403);
    assert_eq!(anna.post("/portfolio/cards/new", &own).await.status, 403);
    let audited: i64 = kartrekker::db::query_scalar("SELECT COUNT(*) FROM audit_log WHERE action = 'edit_card'")
        .fetch_one(&app.k.db)
        .await
        .unwrap();
    assert_eq!(audited, 3);
}
