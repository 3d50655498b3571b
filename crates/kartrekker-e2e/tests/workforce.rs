//! The business case in Chromium: HR enters seed 004's case, sees the four
//! figures and the charts, copies it with a two-year transition and
//! compares the two; axe-core and the 360 px check on every page.

use kartrekker::demo;
use kartrekker_e2e::thirtyfour::prelude::*;
use kartrekker_e2e::{Browser, assert_accessible, click_button, fill, log_in, main_text};
use kartrekker_testkit::{TestApp, both_databases};

both_databases!(business_case_flow);

const SEED: &[(&str, &str)] = &[
    ("f-name", "Zorgteam 25 fte"),
    ("f-team_fte", "25"),
    ("f-headcount", "33"),
    ("f-patients_per_shift", "24"),
    ("f-today_bachelor", "1"),
    ("f-today_vocational", "0"),
    ("f-today_support", "0"),
    ("f-today_patients", "4"),
    ("f-new_bachelor", "1"),
    ("f-new_vocational", "1"),
    ("f-new_support", "1"),
    ("f-new_patients", "12"),
    ("f-cost_bachelor", "80.000"),
    ("f-cost_vocational", "64.000"),
    ("f-cost_support", "48.000"),
    ("f-transition", "1,5"),
    ("f-turnover_rate", "15"),
    ("f-cost_per_leaver", "10.000"),
    ("f-turnover_reduction", "50"),
    ("f-absence_rate", "7,5"),
    ("f-absence_reduction", "22"),
];

async fn business_case_flow(app: TestApp) {
    app.k.seed_demo_hospital().await.unwrap();
    let browser = Browser::start().await;
    let d = &browser.driver;
    log_in(d, &app, "hr@delinde.demo", demo::PASSWORD).await;
    d.find(By::LinkText("Businesscase teammodel")).await.unwrap().click().await.unwrap();
    assert!(main_text(d).await.contains("Er zijn nog geen scenario's."));
    assert_accessible(d, "empty scenario list").await;

    d.find(By::LinkText("Nieuw scenario")).await.unwrap().click().await.unwrap();
    assert_accessible(d, "new scenario").await;
    for (id, value) in SEED {
        fill(d, id, if *id == "f-absence_rate" { "250" } else { value }).await;
    }
    click_button(d, "Opslaan").await;
    assert!(main_text(d).await.contains("Een percentage ligt tussen 0 en 100."));
    assert_eq!(d.find(By::Id("f-absence_rate")).await.unwrap().value().await.unwrap().as_deref(), Some("250"));
    assert_accessible(d, "new scenario with errors").await;
    d.find(By::Id("f-absence_rate")).await.unwrap().clear().await.unwrap();
    fill(d, "f-absence_rate", "7,5").await;
    click_button(d, "Opslaan").await;

    let page = main_text(d).await;
    for figure in ["€ 400.000", "€ 266.666,67", "€ 24.750", "€ 33.000", "€ 324.416,67"] {
        assert!(page.contains(figure), "{figure} in {page}");
    }
    assert_eq!(d.find_all(By::Css("main svg[role='img']")).await.unwrap().len(), 3, "waterfall, mix, tornado");
    assert_accessible(d, "scenario result").await;

    // The copy keeps its suggested name, "Zorgteam 25 fte (kopie)".
    click_button(d, "Kopiëren").await;
    let transition = d.find(By::Id("f-transition")).await.unwrap();
    transition.clear().await.unwrap();
    transition.send_keys("2").await.unwrap();
    click_button(d, "Opslaan").await;
    assert!(main_text(d).await.contains("€ 200.000"));
    click_button(d, "Vergelijken").await;
    let compare = main_text(d).await;
    assert!(compare.contains("€ 266.666,67") && compare.contains("€ 200.000"), "{compare}");
    assert_accessible(d, "compare scenarios").await;

    d.goto(app.url("/workforce/1/print")).await.unwrap();
    assert_accessible(d, "one-pager").await;
    d.goto(app.url("/workforce")).await.unwrap();
    assert_accessible(d, "scenario list").await;
    browser.quit().await;
}
