use kartrekker_testkit::*;

both_databases!(
    a_file_with_mistakes_imports_nothing,
    a_good_file_imports_everyone,
    oversized_and_missing_files_are_refused,
    an_excel_export_imports_with_its_own_headers,
    odd_headers_are_mapped_on_the_page_and_remembered,
    a_bad_profession_names_its_line_and_column,
    the_page_lists_the_accepted_professions_and_roles,
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
    for (line, column, reason) in [
        (3, "naam", "Vul een naam in."),
        (4, "e-mail", "Vul een geldig e-mailadres in"),
        (5, "beroep", "Kies een beroep uit de lijst."),
        (6, "team", "Dit team bestaat niet in je organisatie."),
        (7, "rol", "Kies een rol uit de lijst."),
    ] {
        p.assert_has(&format!(
            "<tr><td data-label=\"Regel\">{line}</td><td data-label=\"Kolom\">{column}</td>\
             <td data-label=\"Probleem\">{reason}"
        ));
    }
    assert!(!p.has("/admin/import/confirm"), "no way to import a file with mistakes");
    // Even posted directly, a bad file imports nothing.
    let direct = c.post("/admin/import/confirm", &[("csv", csv)]).await;
    assert_eq!(direct.status, 422);
    assert_eq!(count(&app, "people").await, people);

    // Names alone: every other field still needs a column.
    let header = c.upload("/admin/import", b"voornaam,achternaam\nA,B\n".to_vec()).await;
    assert_eq!(header.status, 422);
    header.assert_has("<td data-label=\"Kolom\">E-mailadres</td><td data-label=\"Probleem\">Geen kolom gekozen");
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
    p.assert_has("Kies een CSV- of Excel-bestand.");
}

/// A hidden or posted value as the page wrote it, back to the text.
fn unescape(v: &str) -> String {
    v.replace("&#10;", "\n")
        .replace("&#13;", "\r")
        .replace("&#34;", "\"")
        .replace("&quot;", "\"")
        .replace("&#39;", "'")
        .replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&amp;", "&")
}

/// The file and the chosen field of every column, as the page's confirm form sends them.
fn confirm_fields(p: &Page) -> Vec<(String, String)> {
    let form = &p.body[p.body.find("action=\"/admin/import/confirm\"").expect("a confirm form")..];
    let form = &form[..form.find("</form>").unwrap()];
    let mut fields = vec![("csv".to_string(), unescape(&p.input_value("csv").unwrap()))];
    for part in form.split("name=\"col\" value=\"").skip(1) {
        fields.push(("col".to_string(), part[..part.find('"').unwrap()].to_string()));
    }
    fields
}

async fn confirm(c: &Client, p: &Page) -> Page {
    let fields = confirm_fields(p);
    let fields: Vec<(&str, &str)> = fields.iter().map(|(k, v)| (k.as_str(), v.as_str())).collect();
    c.post("/admin/import/confirm", &fields).await
}

async fn an_excel_export_imports_with_its_own_headers(app: TestApp) {
    let o = org(&app, "Excelziekenhuis").await;
    let c = Client::logged_in(&app, &o.admin).await;
    c.get("/admin/import").await;
    let xlsx = std::fs::read(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/fixtures/hr-export.xlsx")).unwrap();
    let p = c.upload("/admin/import", xlsx).await;
    assert_eq!(p.status, 200, "{}", p.body);
    p.assert_has("Alle 2 regels zijn in orde.");
    p.assert_has("<td data-label=\"Naam\">Bert van der Blom</td>");
    p.assert_has("<td data-label=\"Regel\">4</td>"); // the row number Excel shows, after a blank row
    // The mapping step shows what was guessed; the staff number is not imported.
    p.assert_has("Kolom &#34;Pers.nr.&#34;");
    p.assert_has("<option value=\"profession\" selected>Beroep</option>");
    let people = count(&app, "people").await;
    let done = confirm(&c, &p).await;
    assert_eq!(done.status, 303, "{}", done.body);
    assert_eq!(count(&app, "people").await, people + 2);
    let team = c.get(&format!("/admin/teams/{}", o.team_id)).await;
    team.assert_has("Zoë Zwart");
    team.assert_has("Opleider");
}

async fn odd_headers_are_mapped_on_the_page_and_remembered(app: TestApp) {
    let o = org(&app, "Kolomziekenhuis").await;
    let c = Client::logged_in(&app, &o.admin).await;
    c.get("/admin/import").await;
    let csv = "Werknemer,Adres werk,Unit,Soort werk,Teamfunctie\nIris Ing,iris@kolom.test,Interne B3,arts,lid\n";
    let p = c.upload("/admin/import", csv.as_bytes().to_vec()).await;
    assert_eq!(p.status, 422, "nothing recognised yet");
    p.assert_has("Geen kolom gekozen voor dit veld.");
    p.assert_has("<label for=\"f-col-1\">Kolom &#34;Adres werk&#34;</label>");
    let people = count(&app, "people").await;
    // The administrator says what each column holds.
    let cols = [("col", "name"), ("col", "email"), ("col", "team"), ("col", "profession"), ("col", "role")];
    let mut fields = vec![("csv", csv)];
    fields.extend(cols);
    let mapped = c.post("/admin/import/columns", &fields).await;
    assert_eq!(mapped.status, 200, "{}", mapped.body);
    mapped.assert_has("Alle 1 regels zijn in orde.");
    assert_eq!(count(&app, "people").await, people, "checking stores nothing");
    assert_eq!(confirm(&c, &mapped).await.status, 303);
    assert_eq!(count(&app, "people").await, people + 1);
    // The next file with these headers is read the same way at once.
    let next = "Werknemer,Adres werk,Unit,Soort werk,Teamfunctie\nJoost Jansen,joost@kolom.test,Interne B3,aios,lid\n";
    c.get("/admin/import").await;
    let again = c.upload("/admin/import", next.as_bytes().to_vec()).await;
    assert_eq!(again.status, 200, "{}", again.body);
    again.assert_has("<option value=\"email\" selected>E-mailadres</option>");
    // Another organisation does not get this organisation's mapping.
    let other = org(&app, "Anderziekenhuis").await;
    let oc = Client::logged_in(&app, &other.admin).await;
    oc.get("/admin/import").await;
    assert_eq!(oc.upload("/admin/import", next.as_bytes().to_vec()).await.status, 422);
}

async fn a_bad_profession_names_its_line_and_column(app: TestApp) {
    let o = org(&app, "Beroepziekenhuis").await;
    let c = Client::with_language(&app, Some("en"));
    c.login(&o.admin, PASSWORD).await;
    c.get("/admin/import").await;
    let csv = "Voornaam;Achternaam;E-mailadres;Afdeling;Team;Functie;Rol\n\
               Sanne;Smit;sanne@beroep.test;Interne geneeskunde;Interne B3;HBO-V;lid\n\
               Kees;Kok;kees@beroep.test;Interne geneeskunde;Interne B3;astronaut;lid\n";
    let people = count(&app, "people").await;
    let p = c.upload("/admin/import", csv.as_bytes().to_vec()).await;
    assert_eq!(p.status, 422);
    p.assert_has(
        "<tr><td data-label=\"Line\">3</td><td data-label=\"Column\">Functie</td>\
         <td data-label=\"Problem\">Choose a profession from the list.</td><td data-label=\"Value found\">astronaut</td>",
    );
    assert_eq!(count(&app, "people").await, people);
}

async fn the_page_lists_the_accepted_professions_and_roles(app: TestApp) {
    let o = org(&app, "Lijstziekenhuis").await;
    let c = Client::logged_in(&app, &o.admin).await;
    let p = c.get("/admin/import").await;
    p.assert_has("<caption>Beroepen</caption>");
    p.assert_has("<td data-label=\"Beroep\">Verpleegkundige (hbo-v)</td><td data-label=\"Geschreven als\">bachelor nurse, hbo v, hbo verpleegkundige, hbov</td>");
    p.assert_has("<td data-label=\"Rol\">Opleider</td><td data-label=\"Geschreven als\">opleider, supervisor</td>");
    p.assert_has("accept=\".csv,text/csv,.xlsx");
}
