//! The workload pulse in Chromium: a member answers a round on a phone
//! (a missing answer first keeps the form), the team leader sees nothing
//! after four answers and the result after the fifth (organisation minimum
//! 5), with the trend chart, and puts the result on the agenda of the
//! team's next meeting; axe-core at 360 px and on the desktop.

use kartrekker_e2e::thirtyfour::prelude::*;
use kartrekker_e2e::{Browser, assert_accessible, click_button, desktop, log_in, main_text, phone};
use kartrekker_testkit::{PASSWORD, TestApp, actor, both_databases, min_group_size, more_members, org};

both_databases!(pulse_round_shows_from_the_fifth_answer);

/// Every answer of the built-in pulse, "too high" when asked.
fn answers(too_high: bool) -> Vec<(String, String)> {
    [
        ("q-workload", if too_high { "4" } else { "2" }),
        ("q-fatigue", "2"),
        ("q-joy", "4"),
        ("q-heard", "3"),
        ("q-safety", "4"),
    ]
    .iter()
    .map(|(k, v)| (k.to_string(), v.to_string()))
    .collect()
}

async fn choose(d: &WebDriver, id: &str) {
    // The radio's label is the target a finger taps.
    d.find(By::Css(format!("label[for='{id}']"))).await.unwrap().click().await.unwrap();
}

async fn pulse_round_shows_from_the_fifth_answer(app: TestApp) {
    let o = org(&app, "Pulsziekenhuis").await;
    min_group_size(&app, &o.admin, 5).await;
    let others = more_members(&app, &o, &["Ada", "Bram", "Cas", "Dirk"], "puls.test").await;
    let leader = actor(&app, &o.leader).await;
    let instrument = app.k.latest_shipped_instrument("werkdrukpulse").await.unwrap().id.to_string();
    let today = app.k.today().to_string();
    let schedule = kartrekker::pulse::ScheduleInput {
        instrument: &instrument,
        every_days: "14",
        open_days: "7",
        starts_on: &today,
    };
    app.k.set_pulse_schedule(&leader, o.team_id, &schedule).await.unwrap();
    app.k.run_due_jobs().await.unwrap();
    let round: i64 = kartrekker::db::query_scalar("SELECT id FROM pulse_rounds").fetch_one(&app.k.db).await.unwrap();

    // A member answers on a phone, from the home page.
    let browser = Browser::start().await;
    let d = &browser.driver;
    phone(d, 360).await;
    log_in(d, &app, &o.member, PASSWORD).await;
    d.find(By::LinkText("Werkdrukpulse invullen (minder dan een minuut)")).await.unwrap().click().await.unwrap();
    assert_accessible(d, "pulse form").await;
    choose(d, "q-workload-4").await;
    click_button(d, "Versturen").await;
    assert!(main_text(d).await.contains("Deze vraag moet beantwoord worden."));
    assert_accessible(d, "pulse form with errors").await;
    for id in ["q-workload-4", "q-fatigue-2", "q-joy-4", "q-heard-3", "q-safety-4"] {
        choose(d, id).await;
    }
    click_button(d, "Versturen").await;
    assert!(main_text(d).await.contains("je antwoorden zijn anoniem opgeslagen"));
    assert_accessible(d, "pulse answered").await;
    desktop(d).await;
    assert_accessible(d, "pulse answered, desktop").await;

    // Three more answer: four in all, and the leader sees nothing yet.
    for (email, _) in &others[..3] {
        let a = actor(&app, email).await;
        assert!(app.k.answer_pulse(&a, round, &answers(true)).await.unwrap().is_empty());
    }
    d.delete_all_cookies().await.unwrap();
    log_in(d, &app, &o.leader, PASSWORD).await;
    d.goto(app.url(&format!("/pulse/rounds/{round}"))).await.unwrap();
    let page = main_text(d).await;
    assert!(page.contains("De uitkomst verschijnt zodra minstens 5 mensen hebben ingevuld"), "{page}");
    assert!(!page.contains("vindt de werkdruk te hoog"));
    assert_accessible(d, "pulse round, four answers").await;

    // The fifth answer: the result, beside the co-assistants' 41 %.
    let a = actor(&app, &others[3].0).await;
    assert!(app.k.answer_pulse(&a, round, &answers(false)).await.unwrap().is_empty());
    d.refresh().await.unwrap();
    let page = main_text(d).await;
    assert!(page.contains("80 % vindt de werkdruk te hoog"), "{page}");
    assert!(page.contains("41 % van de coassistenten"));
    assert_accessible(d, "pulse round result").await;

    // From the result to the team's conversation: on the next meeting's agenda.
    let tomorrow = app.k.today().add_days(1).to_string();
    let me = leader.id().to_string();
    let input = kartrekker::meetings::MeetingInput {
        template: "builtin:vakgroep",
        held_on: &tomorrow,
        start_time: "08:00",
        chair: &me,
        recurrence: "once",
        attendees: std::slice::from_ref(&me),
        ..Default::default()
    };
    let meeting = app.k.plan_meeting(&leader, o.team_id, &input, kartrekker::people::Language::Nl).await.unwrap();
    d.refresh().await.unwrap();
    click_button(d, "Op de agenda zetten").await;
    let page = main_text(d).await;
    assert!(page.contains("De uitkomst staat op de agenda."), "{page}");
    assert!(page.contains("Op de agenda van Vakgroep- of afdelingsoverleg op"), "{page}");
    assert_accessible(d, "pulse round on the agenda").await;
    d.goto(app.url(&format!("/meetings/{meeting}"))).await.unwrap();
    // Five answered and the minimum is five: a member who answered would not
    // see the figures, so the agenda, which every member reads, does not carry them.
    let page = main_text(d).await;
    assert!(page.contains("Te weinig antwoorden om cijfers te tonen"), "{page}");
    assert_accessible(d, "meeting with the pulse on its agenda").await;
    d.find(By::LinkText("Naar de ronde van de werkdrukpulse")).await.unwrap().click().await.unwrap();
    assert!(main_text(d).await.contains("Op de agenda van"));
    d.goto(app.url(&format!("/teams/{}/pulse", o.team_id))).await.unwrap();
    assert_eq!(d.find_all(By::Css("main svg[role='img']")).await.unwrap().len(), 1, "the trend");
    assert_accessible(d, "team pulse").await;
    phone(d, 360).await;
    assert_accessible(d, "team pulse on a phone").await;
    desktop(d).await;
    browser.quit().await;
}
