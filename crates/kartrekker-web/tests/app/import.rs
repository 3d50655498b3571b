use kartrekker_testkit::*;

both_databases!(
    a_file_with_mistakes_imports_nothing,
    a_good_file_imports_everyone,
    oversized_and_missing_files_are_refused
);

async fn a_file_with_mistakes_imports_nothing(app: TestApp) {
    let o = org(&app, "Importziekenhuis").await;
    let c = Client::logged_in(&app, &o.admin).await;
    c.get("/admin/import").await;
    let csv = "naam;e-mail;beroep;team;rol\n\
               Sanne Smit;sanne@import.test;HBO-V;Interne B3;lid\n\
               ;leeg@import.test;HBO-V;Interne B3;lid\n\
               Piet Pan;geen-adres;MBO-V;Interne B3;lid\n\
               Kees Kok;kees@import.test;astronaut;Interne B3;lid\n\
               Ria Rood;ria@import.test;arts;Bestaat Niet;lid\n\
               Tom Til;tom@import.test;arts;Interne B3;keizer\n\
               Lars Lid;lid@importziekenhuis.test;HBO-V;Interne B3;trainer\n";
    let people = count(&app, "people").await;
    let p = c.upload("/admin/import", csv.as_bytes().to_vec()).await;
    assert_eq!(p.status, 422, "{}", p.body);
    p.assert_has("5 regels kloppen niet");
    p.assert_has("Er is niets geïmporteerd.");
    for (line, reason) in [
        (3, "Vul een naam in."),
        (4, "Vul een geldig e-mailadres in"),
        (5, "Kies een beroep uit de lijst."),
        (6, "Dit team bestaat niet in je organisatie."),
        (7, "Kies een rol uit de lijst."),
    ] {
        p.assert_has(&format!("<tr><td data-label=\"Regel\">{line}</td><td data-label=\"Probleem\">{reason}"));
    }
    assert!(!p.has("/admin/import/confirm"), "no way to import a file with mistakes");
    // Even posted directly, a bad file imports nothing.
    let direct = c.post("/admin/import/confirm", &[("csv", csv)]).await;
    assert_eq!(direct.status, 422);
    assert_eq!(count(&app, "people").await, people);

    let header = c.upload("/admin/import", b"voornaam,achternaam\nA,B\n".to_vec()).await;
    header.assert_has("De kopregel moet de kolommen naam, e-mail, beroep, team en rol bevatten.");
}

async fn a_good_file_imports_everyone(app: TestApp) {
    let o = org(&app, "Goedziekenhuis").await;
    let c = Client::logged_in(&app, &o.admin).await;
    c.get("/admin/import").await;
    // Comma-separated, Windows-1252 as Dutch Excel writes it, one person in two rows.
    let mut csv: Vec<u8> = b"Name,E-mail,Profession,Team,Role\r\n".to_vec();
    csv.extend_from_slice(b"Zo\xEB Zwart,zoe@goed.test,verpleegkundige (hbo-v) ,Interne B3,lid\r\n".as_slice());
    csv.extend_from_slice(b"Zo\xEB Zwart,zoe@goed.test,hbo-v,Interne B3,trainer\r\n");
    csv.extend_from_slice(b"Bert Blom,bert@goed.test,aios,interne b3,member\r\n");
    csv.extend_from_slice(format!("Lars Lid,{},hbo-v,Interne B3,opleider\r\n", o.member).as_bytes());
    let p = c.upload("/admin/import", csv.clone()).await;
    // "verpleegkundige (hbo-v)" is not a profession we know: fix the file.
    p.assert_has("Kies een beroep uit de lijst.");
    let csv = kartrekker::organisations::import::decode(&csv).replace("verpleegkundige (hbo-v) ", "HBO-V").into_bytes();
    let p = c.upload("/admin/import", csv).await;
    assert_eq!(p.status, 200, "{}", p.body);
    p.assert_has("Alle 4 regels zijn in orde.");
    p.assert_has("Zoë Zwart");
    let text = p.input_value("csv").unwrap();
    let people = count(&app, "people").await;
    let done = c.post("/admin/import/confirm", &[("csv", &text.replace("&#10;", "\n"))]).await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(count(&app, "people").await, people + 2, "Zoë and Bert are new; Lars existed");
    let team = c.get(&format!("/admin/teams/{}", o.team_id)).await;
    team.assert_has("Zoë Zwart");
    team.assert_has("Teamlid, Trainer");
    team.assert_has("Opleider");
    app.k.run_due_jobs().await.unwrap();
    assert_eq!(app.smtp.to("zoe@goed.test").len(), 1);
    assert_eq!(app.smtp.to("bert@goed.test").len(), 1);
    assert!(app.smtp.to(&o.member).is_empty(), "existing people are not invited again");
}

async fn oversized_and_missing_files_are_refused(app: TestApp) {
    let o = org(&app, "Grootziekenhuis").await;
    let c = Client::logged_in(&app, &o.admin).await;
    c.get("/admin/import").await;
    let mut big = b"naam;e-mail;beroep;team;rol\n".to_vec();
    while big.len() < 1_100_000 {
        big.extend_from_slice(b"Sanne Smit;sanne@import.test;HBO-V;Interne B3;lid\n");
    }
    let p = c.upload("/admin/import", big).await;
    assert_eq!(p.status, 413);
    p.assert_has("Het bestand is te groot (hoogstens 1 MB).");
    let p = c.upload("/admin/import", Vec::new()).await;
    p.assert_has("Kies een CSV-bestand.");
}
