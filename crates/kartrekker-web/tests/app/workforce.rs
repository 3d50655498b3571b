//! The business case of a new team model over HTTP: HR builds seed 004's
//! case, copies and compares it, shares it with a team leader; bad input
//! keeps the form; nobody else finds it.

use kartrekker_testkit::*;

both_databases!(
    hr_builds_the_seed_case_and_reads_every_figure_with_its_formula,
    bad_input_keeps_the_form_and_writes_nothing,
    a_copy_with_a_two_year_transition_compares_side_by_side,
    only_hr_the_board_and_named_team_leaders_see_a_scenario,
    the_demo_holds_the_seed_case_and_a_second_scenario,
    charts_with_their_tables_a_csv_an_xlsx_and_a_one_pager,
);

/// Seed 004 as HR types it in Dutch.
const SEED: &[(&str, &str)] = &[
    ("name", "Zorgteam 25 fte (seed 004)"),
    ("team_fte", "25"),
    ("headcount", "33"),
    ("patients_per_shift", "24"),
    ("today_bachelor", "1"),
    ("today_vocational", "0"),
    ("today_support", "0"),
    ("today_patients", "4"),
    ("new_bachelor", "1"),
    ("new_vocational", "1"),
    ("new_support", "1"),
    ("new_patients", "12"),
    ("cost_bachelor", "80.000"),
    ("cost_vocational", "64.000"),
    ("cost_support", "48.000"),
    ("transition", "1,5"),
    ("turnover_rate", "15"),
    ("cost_per_leaver", "10.000"),
    ("turnover_reduction", "50"),
    ("absence_rate", "7,5"),
    ("absence_reduction", "22"),
];

/// An organisation as `org` makes it, with an HR person and a board member.
async fn workforce_org(app: &TestApp, name: &str) -> (Org, String, String) {
    let o = org(app, name).await;
    let slug = name.to_lowercase().replace(' ', "");
    let admin = actor(app, &o.admin).await;
    let (hr, board) = (format!("hr@{slug}.test"), format!("rvb@{slug}.test"));
    app.k.create_person(&admin, "Hanna HR", &hr, "manager", &["hr".into()]).await.unwrap();
    app.k.create_person(&admin, "Bert Bestuur", &board, "manager", &["board".into()]).await.unwrap();
    activate(app, &hr).await;
    activate(app, &board).await;
    (o, hr, board)
}

async fn create(c: &Client, fields: &[(&str, &str)]) -> String {
    c.get("/workforce/new").await.assert_has("Nieuw scenario");
    let p = c.post("/workforce", fields).await;
    assert_eq!(p.status, 303, "{}", p.body);
    p.location.unwrap().split('?').next().unwrap().to_string()
}

async fn hr_builds_the_seed_case_and_reads_every_figure_with_its_formula(app: TestApp) {
    let (_, hr, _) = workforce_org(&app, "Sigra Zorg").await;
    let c = Client::logged_in(&app, &hr).await;
    c.get("/").await.assert_has("href=\"/workforce\"");
    let path = create(&c, SEED).await;
    let p = c.get(&path).await;
    assert_eq!(p.status, 200);
    // The seed's figures: € 400,000 cheaper, € 267,000 a year over 1.5 years,
    // turnover + € 25,000, absence + € 33,000, total + € 325,000 (each within € 1,000).
    for figure in ["€ 400.000", "€ 266.666,67", "€ 24.750", "€ 33.000", "€ 324.416,67", "€ 2.000.000"] {
        p.assert_has(figure);
    }
    p.assert_has("€ 2.000.000 − € 1.600.000");
    p.assert_has("€ 400.000 ÷ 1,5 jaar");
    p.assert_has("33 medewerkers × 15 % verloop × € 10.000 × 50 % daling");
    p.assert_has("€ 2.000.000 × 7,5 % verzuim × 22 % daling");
    p.assert_has("€ 266.666,67 + € 24.750 + € 33.000");
    // Five years: year 2 is half at the transition's rate, from year 3 the whole model.
    p.assert_has("€ 333.333,33");
    p.assert_has("€ 457.750");

    // The list shows the headline figures; English shows English notation.
    c.get("/workforce").await.assert_has("€ 324.416,67");
    let en = Client::with_language(&app, Some("en"));
    assert_eq!(en.login(&hr, PASSWORD).await.status, 303);
    let p = en.get(&path).await;
    p.assert_has("€400,000");
    p.assert_has("€266,666.67");
    p.assert_has("€400,000 ÷ 1.5 years");

    // Editing shows what was saved, in the reader's notation.
    let edit = c.get(&format!("{path}/edit")).await;
    assert_eq!(edit.input_value("transition").as_deref(), Some("1,5"));
    assert_eq!(edit.input_value("cost_bachelor").as_deref(), Some("80000"));
}

async fn bad_input_keeps_the_form_and_writes_nothing(app: TestApp) {
    let (_, hr, _) = workforce_org(&app, "Foutzorg").await;
    let c = Client::logged_in(&app, &hr).await;
    c.get("/workforce/new").await;
    let mut fields = SEED.to_vec();
    for (k, v) in fields.iter_mut() {
        match *k {
            "team_fte" => *v = "-3",
            "absence_rate" => *v = "250",
            "name" => *v = "Te mooi om waar te zijn",
            _ => {}
        }
    }
    let p = c.post("/workforce", &fields).await;
    assert_eq!(p.status, 422, "{}", p.body);
    p.assert_has("De formatie is een positief aantal fte");
    p.assert_has("Een percentage ligt tussen 0 en 100.");
    assert_eq!(p.input_value("team_fte").as_deref(), Some("-3"));
    assert_eq!(p.input_value("absence_rate").as_deref(), Some("250"));
    assert_eq!(p.input_value("name").as_deref(), Some("Te mooi om waar te zijn"));
    assert_eq!(count(&app, "workforce_scenarios").await, 0);

    let path = create(&c, SEED).await;
    let p = c.post(&path, &[("name", ""), ("team_fte", "25")]).await;
    assert_eq!(p.status, 422);
    p.assert_has("Geef het scenario een naam.");
    c.get(&path).await.assert_has("Zorgteam 25 fte (seed 004)");
}

async fn a_copy_with_a_two_year_transition_compares_side_by_side(app: TestApp) {
    let (_, hr, _) = workforce_org(&app, "Kopiezorg").await;
    let c = Client::logged_in(&app, &hr).await;
    let path = create(&c, SEED).await;
    let id = path.rsplit('/').next().unwrap().to_string();
    let detail = c.get(&path).await;
    assert_eq!(detail.input_value("name").as_deref(), Some("Zorgteam 25 fte (seed 004) (kopie)"));
    let copied = c.post(&format!("{path}/copy"), &[("name", "Transitie in 2 jaar")]).await;
    assert_eq!(copied.status, 303, "{}", copied.body);
    let edit = copied.location.unwrap();
    let copy = edit.trim_end_matches("/edit").to_string();
    let form = c.get(&edit).await;
    assert_eq!(form.input_value("cost_support").as_deref(), Some("48000"));
    let mut fields = SEED.to_vec();
    fields[0] = ("name", "Transitie in 2 jaar");
    fields[15] = ("transition", "2");
    assert_eq!(c.post(&copy, &fields).await.status, 303);
    assert_eq!(count(&app, "workforce_scenarios").await, 2);

    let copy_id = copy.rsplit('/').next().unwrap();
    let p = c.get(&format!("/workforce/compare?a={id}&b={copy_id}")).await;
    assert_eq!(p.status, 200);
    p.assert_has("Zorgteam 25 fte (seed 004)");
    p.assert_has("Transitie in 2 jaar");
    p.assert_has("€ 266.666,67");
    p.assert_has("€ 200.000");
    p.assert_has("€ 324.416,67");
    p.assert_has("€ 257.750");
}

async fn only_hr_the_board_and_named_team_leaders_see_a_scenario(app: TestApp) {
    let (o, hr, board) = workforce_org(&app, "Deelzorg").await;
    let (_, other_hr, _) = workforce_org(&app, "Anderzorg").await;
    let c = Client::logged_in(&app, &board).await;
    let path = create(&c, SEED).await;
    let id = path.rsplit('/').next().unwrap().to_string();
    Client::logged_in(&app, &hr).await.get(&path).await.assert_has("€ 324.416,67");

    let leader = Client::logged_in(&app, &o.leader).await;
    let member = Client::logged_in(&app, &o.member).await;
    let stranger = Client::logged_in(&app, &other_hr).await;
    for who in [&leader, &member, &stranger] {
        assert_eq!(who.get(&path).await.status, 404);
        assert_eq!(who.get(&format!("{path}/edit")).await.status, 404);
    }
    assert_eq!(leader.get("/workforce").await.status, 404);
    assert_eq!(member.get("/workforce/new").await.status, 404);
    assert_eq!(stranger.post(&path, SEED).await.status, 404);
    assert_eq!(stranger.post(&format!("{path}/copy"), &[("name", "Gestolen")]).await.status, 404);

    // Shared with the team leader only: a member is no team leader.
    let refused = c.post(&format!("{path}/shares"), &[("person", &o.member_id.to_string())]).await;
    assert_eq!(refused.status, 422);
    refused.assert_has("Kies een teamleider van de organisatie.");
    let leader_id = actor(&app, &o.leader).await.id().to_string();
    let shared = c.post(&format!("{path}/shares"), &[("person", &leader_id)]).await;
    assert_eq!(shared.status, 303, "{}", shared.body);
    c.get(&path).await.assert_has("Lieke Leider");

    let p = leader.get(&path).await;
    assert_eq!(p.status, 200);
    p.assert_has("€ 324.416,67");
    assert!(!p.has(&format!("{path}/edit")), "a team leader reads, does not edit");
    leader.get("/workforce").await.assert_has("Zorgteam 25 fte (seed 004)");
    assert_eq!(leader.post(&path, SEED).await.status, 404);
    assert_eq!(leader.get(&format!("{path}/edit")).await.status, 404);
    assert_eq!(member.get(&path).await.status, 404);

    let removed = c.post(&format!("/workforce/{id}/shares/{leader_id}/remove"), &[]).await;
    assert_eq!(removed.status, 303);
    assert_eq!(leader.get(&path).await.status, 404);
}

async fn the_demo_holds_the_seed_case_and_a_second_scenario(app: TestApp) {
    assert!(app.k.seed_demo().await.unwrap());
    let hr = Client::new(&app);
    assert_eq!(hr.login("hr@delinde.demo", kartrekker::demo::PASSWORD).await.status, 303);
    let list = hr.get("/workforce").await;
    list.assert_has("(seed 004)");
    list.assert_has("€ 324.416,67");
    list.assert_has("Zelfde model, transitie in 2 jaar");
    list.assert_has("€ 257.750");
    let leader = Client::new(&app);
    assert_eq!(leader.login("teamleider@delinde.demo", kartrekker::demo::PASSWORD).await.status, 303);
    let shared = leader.get("/workforce").await;
    shared.assert_has("Zelfde model, transitie in 2 jaar");
    assert!(!shared.has("(seed 004)"), "only what was shared with them");
}

async fn charts_with_their_tables_a_csv_an_xlsx_and_a_one_pager(app: TestApp) {
    let (o, hr, _) = workforce_org(&app, "Grafiekzorg").await;
    let c = Client::logged_in(&app, &hr).await;
    let path = create(&c, SEED).await;
    let p = c.get(&path).await;
    assert_eq!(p.body.matches("role=\"img\"").count(), 3, "waterfall, skill mix and tornado");
    p.assert_has("Opbouw van de jaarbesparing");
    // The skill mixes: 25 FTE of bachelor nurses today, a third each in the new model.
    p.assert_has("<td data-label=\"Nu\" class=\"number\">25</td>");
    p.assert_has("<td data-label=\"Nieuw\" class=\"number\">8,33</td>");
    // Sensitivity: half the turnover saving moves € 4,950 either way.
    p.assert_has("<td data-label=\"Gegeven\">Verwachte daling van het verloop</td><td data-label=\"20 % lager\" class=\"number\">€ 319.467</td><td data-label=\"20 % hoger\" class=\"number\">€ 329.367</td>");
    let first = p.body.find("<td data-label=\"Gegeven\">").unwrap();
    assert!(p.body[first..].starts_with("<td data-label=\"Gegeven\">Loonkosten hbo-verpleegkundige"), "largest first");

    let csv = c.get(&format!("{path}/scenario.csv")).await;
    assert_eq!(csv.status, 200);
    assert!(csv.content_type.as_deref().unwrap().starts_with("text/csv"));
    assert!(
        csv.body.contains("Totale besparing per jaar;324416,67;€ 266.666,67 + € 24.750 + € 33.000"),
        "{}",
        csv.body
    );
    assert!(csv.body.contains("\r\n\"\"\r\nJaar;"), "the five years follow after an empty line: {}", csv.body);
    assert!(csv.body.contains("\r\n3;400000,00;24750,00;33000,00;457750,00;"), "{}", csv.body);

    // The same as a workbook: a sheet of figures and one of the five years, numbers as numbers.
    let (status, kind, bytes) = c.get_bytes(&format!("{path}/scenario.xlsx")).await;
    assert_eq!(status, 200);
    assert!(kind.unwrap().contains("spreadsheetml"));
    let (figures, filtered) = xlsx_sheet(bytes.clone());
    assert!(filtered);
    let total = figures.iter().find(|r| r[0] == calamine::Data::String("Totale besparing per jaar".into())).unwrap();
    assert_eq!(total[1], calamine::Data::Float(324416.67));
    let mut book = calamine::Xlsx::new(std::io::Cursor::new(bytes)).unwrap();
    use calamine::Reader;
    assert_eq!(book.sheet_names(), ["Zorgteam 25 fte (seed 004)", "Vijf jaar vooruit"]);
    let years = book.worksheet_range("Vijf jaar vooruit").unwrap();
    let third: Vec<_> = years.rows().nth(3).unwrap().to_vec();
    assert_eq!(
        third[..3],
        [calamine::Data::Float(3.0), calamine::Data::Float(400000.0), calamine::Data::Float(24750.0)]
    );

    let print = c.get(&format!("{path}/print")).await;
    assert_eq!(print.status, 200);
    print.assert_has("€ 324.416,67");
    print.assert_has("role=\"img\"");

    let member = Client::logged_in(&app, &o.member).await;
    assert_eq!(member.get(&format!("{path}/scenario.csv")).await.status, 404);
    assert_eq!(member.get_bytes(&format!("{path}/scenario.xlsx")).await.0, 404);
    assert_eq!(member.get(&format!("{path}/print")).await.status, 404);
}
