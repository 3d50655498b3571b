use kartrekker::questionnaires::AnswerValue;

use kartrekker_testkit::*;

both_databases!(
    a_questionnaire_is_filled_in_over_several_sittings,
    versions_keep_old_answers,
    instruments_and_responses_stay_private
);

async fn publish(c: &Client, source: &str) -> Page {
    c.get("/admin/instruments").await;
    c.post("/admin/instruments", &[("source", source)]).await
}

/// Opens the administrator's trial response and returns its path.
async fn trial(app: &TestApp, c: &Client, slug: &str, version: i64) -> String {
    let a = actor(app, "admin@vragenziekenhuis.test").await;
    let id =
        app.k.instruments(&a).await.unwrap().into_iter().find(|i| i.slug == slug && i.version == version).unwrap().id;
    c.get("/admin/instruments").await;
    let p = c.post(&format!("/admin/instruments/{id}/try"), &[]).await;
    assert_eq!(p.status, 303, "{}", p.body);
    p.location.unwrap()
}

async fn a_questionnaire_is_filled_in_over_several_sittings(app: TestApp) {
    let o = org(&app, "Vragenziekenhuis").await;
    let c = Client::logged_in(&app, &o.admin).await;
    let list = c.get("/admin/instruments").await;
    list.assert_has("Roeping en collegialiteit");

    let broken = PULSE_V1.replace("scale = \"agree\"", "scale = \"agre\"");
    let p = publish(&c, &broken).await;
    assert_eq!(p.status, 422);
    p.assert_has("Regel 19</a>: Deze schaal bestaat niet in [scales] (agre)");
    p.assert_has("scale = &#34;agre&#34;"); // the text area keeps what was pasted
    assert_eq!(count(&app, "instruments").await, 3, "only the three shipped ones");
    assert_eq!(publish(&c, PULSE_V1).await.status, 303);

    let path = trial(&app, &c, "pulse", 1).await;
    let page = c.get(&path).await;
    page.assert_has("Onderdeel 1 van 2");
    page.assert_has("<legend>Het is druk</legend>");
    // First sitting: answer (a field sent twice counts once, as its last value), save, stop.
    let saved = c.post(&format!("{path}?section=1"), &[("q-busy", "1"), ("q-busy", "3"), ("go", "save")]).await;
    assert_eq!(saved.status, 303);
    // Second sitting, another day: the answer is still there.
    let c = Client::logged_in(&app, &o.admin).await;
    let page = c.get(&path).await;
    page.assert_has("value=\"3\" checked");
    // An answer outside the scale is refused; the others are kept.
    let wrong =
        c.post(&format!("{path}?section=2"), &[("q-joy", "11"), ("q-why", "Fijne collega's"), ("go", "next")]).await;
    assert_eq!(wrong.status, 422);
    wrong.assert_has("Kies een van de antwoorden.");
    wrong.assert_has(">Fijne collega&#39;s</textarea>");
    // A field that the form never had: refused whole.
    let tampered = c.post(&format!("{path}?section=2"), &[("q-salary", "5"), ("go", "save")]).await;
    assert_eq!(tampered.status, 409);
    tampered.assert_has("Het formulier is veranderd");
    // Submitting with a required answer missing shows where.
    let missing = c.post(&format!("{path}?section=2"), &[("q-joy", ""), ("go", "submit")]).await;
    assert_eq!(missing.status, 422);
    missing.assert_has("Werkplezier: Deze vraag moet beantwoord worden.");
    let done = c.post(&format!("{path}?section=2"), &[("q-joy", "8"), ("go", "submit")]).await;
    assert_eq!(done.status, 303);
    c.get(&done.location.unwrap()).await.assert_has("Je antwoorden zijn verstuurd.");
    let again = c.post(&format!("{path}?section=2"), &[("q-joy", "2"), ("go", "submit")]).await;
    assert_eq!(again.status, 409);
    again.assert_has("Deze vragenlijst is al verstuurd");
    let rid: i64 = path.rsplit('/').next().unwrap().parse().unwrap();
    let form = app.k.response_form(&actor(&app, &o.admin).await, rid).await.unwrap();
    assert!(form.response.submitted);
    assert_eq!(form.answers.get("joy"), Some(&AnswerValue::Number(8)), "the second submission changed nothing");
    assert_eq!(form.answers.get("why"), Some(&AnswerValue::Text("Fijne collega's".into())));
}

async fn versions_keep_old_answers(app: TestApp) {
    let o = org(&app, "Vragenziekenhuis").await;
    let c = Client::logged_in(&app, &o.admin).await;
    publish(&c, PULSE_V1).await;
    let path = trial(&app, &c, "pulse", 1).await;
    c.get(&path).await;
    c.post(&format!("{path}?section=1"), &[("q-busy", "2"), ("go", "save")]).await;

    let same = publish(&c, PULSE_V1).await;
    assert_eq!(same.status, 422);
    same.assert_has("Deze versie bestaat al");
    let v2 = PULSE_V1.replace("version = 1", "version = 2").replace("Het is druk", "Ik heb het te druk");
    assert_eq!(publish(&c, &v2).await.status, 303);
    assert_eq!(count(&app, "instruments").await, 5, "three shipped, two versions of our own");

    let rid: i64 = path.rsplit('/').next().unwrap().parse().unwrap();
    let form = app.k.response_form(&actor(&app, &o.admin).await, rid).await.unwrap();
    assert_eq!(form.instrument.definition.version, 1, "the response stays with its version");
    assert_eq!(form.instrument.definition.item("busy").unwrap().text.nl, "Het is druk");
    assert_eq!(form.answers.get("busy"), Some(&AnswerValue::Number(2)));
    c.get(&path).await.assert_has("<legend>Het is druk</legend>");
}

async fn instruments_and_responses_stay_private(app: TestApp) {
    let a = org(&app, "Vragenziekenhuis").await;
    let b = org(&app, "Anderevragen").await;
    let ca = Client::logged_in(&app, &a.admin).await;
    publish(&ca, PULSE_V1).await;
    let path = trial(&app, &ca, "pulse", 1).await;
    let own = app
        .k
        .instruments(&actor(&app, &a.admin).await)
        .await
        .unwrap()
        .into_iter()
        .find(|i| i.slug == "pulse")
        .unwrap()
        .id;

    let cb = Client::logged_in(&app, &b.admin).await;
    let listed = cb.get("/admin/instruments").await;
    assert!(!listed.has(&format!("/admin/instruments/{own}/")), "another organisation's instrument is not listed");
    assert_eq!(cb.post(&format!("/admin/instruments/{own}/try"), &[]).await.status, 404);
    assert_eq!(cb.get(&path).await.status, 404);
    assert_eq!(cb.post(&format!("{path}?section=1"), &[("q-busy", "1")]).await.status, 404);
    // Someone of the same organisation cannot open another person's response either.
    let member = Client::logged_in(&app, &a.member).await;
    assert_eq!(member.get(&path).await.status, 404);
    assert_eq!(member.get("/admin/instruments").await.status, 403);
    // The shipped instrument is installed once, however often the app starts.
    assert_eq!(app.k.install_shipped_instruments().await.unwrap(), 0);
}
