use kartrekker::Error;
use kartrekker::auth::token;
use kartrekker::db::DbError;
use kartrekker::portfolio::{
    ActivityInput, ActivityKind, Card, CardInput, FeedbackForm, FeedbackInput, FeedbackStatus, Level, LinkKind, Phase,
    PlanInput, store,
};
use kartrekker_testkit::*;

both_databases!(
    an_activity_and_its_feedback_are_read_back_with_every_field,
    plan_versions_and_the_opleiders_comments_are_kept,
    only_her_own_opleider_sees_and_only_what_she_shared,
    a_card_is_written_per_organisation,
    an_unknown_code_is_a_decode_error,
);

/// A resident (aios) and her opleider in `o`'s team: (resident id, opleider id).
async fn residency(t: &TestKartrekker, o: &Org, domain: &str) -> (i64, i64) {
    let resident = join_team(t, o, "Anna Aios", &format!("aios@{domain}"), o.team_id, "resident").await;
    let opleider = join_team(t, o, "Otto Opleider", &format!("opleider@{domain}"), o.team_id, "opleider").await;
    (resident, opleider)
}

fn activity<'a>(what: &'a str, day: &'a str, link: &'a str, shared: bool) -> ActivityInput<'a> {
    ActivityInput {
        kind: "chairing",
        level: "clinical",
        happened_on: day,
        what,
        went_well: "Iedereen kwam aan het woord",
        next_time: "Strakker op tijd",
        card: "",
        link,
        shared,
    }
}

async fn an_activity_and_its_feedback_are_read_back_with_every_field(t: TestKartrekker) {
    let o = org(&t, "Portfolioziekenhuis").await;
    let (resident_id, _) = residency(&t, &o, "portfolio.test").await;
    let anna = actor(&t, "aios@portfolio.test").await;
    let action = register_action(&t, &o.leader, &o, "Overdracht aan bed", resident_id, 10).await;
    let yesterday = t.k.today().add_days(-1);
    let link = format!("action:{action}");
    let id =
        t.k.log_activity(&anna, &activity(" MDO voorgezeten ", &yesterday.to_string(), &link, true)).await.unwrap();
    let mut c = t.k.conn().await.unwrap();
    let a = store::activities(&mut c, resident_id, false).await.unwrap().pop().expect("the activity");
    assert_eq!(
        (a.id, a.resident_id, a.kind, a.level, a.phase),
        (id, resident_id, ActivityKind::Chairing, Level::Clinical, Phase::Basis)
    );
    assert_eq!((a.happened_on, a.what.as_str()), (yesterday, "MDO voorgezeten"));
    assert_eq!((a.went_well.as_str(), a.next_time.as_str()), ("Iedereen kwam aan het woord", "Strakker op tijd"));
    assert_eq!(
        (a.card, a.link_kind, a.link_id, a.shared),
        (Some(Card::Chairing), Some(LinkKind::Action), Some(action), true)
    );
    drop(c);

    let asked = t.k.now();
    let input = FeedbackInput {
        form: "chairing",
        situation: "Het MDO van dinsdag",
        giver_name: "Gerda Gever",
        giver_email: " Gerda@Elders.test ",
        activity: &id.to_string(),
    };
    let fid = t.k.ask_feedback(&anna, &input).await.unwrap();
    let mut c = t.k.conn().await.unwrap();
    let f = store::feedback_by_id(&mut c, fid).await.unwrap().expect("the request");
    assert_eq!((f.id, f.resident_id, f.resident.as_str(), f.activity_id), (fid, resident_id, "Anna Aios", Some(id)));
    assert_eq!((f.form, f.situation.as_str()), (FeedbackForm::Chairing, "Het MDO van dinsdag"));
    assert_eq!((f.giver_name.as_str(), f.giver_email.as_str()), ("Gerda Gever", "gerda@elders.test"));
    assert_eq!((f.expires_at > asked, f.reminded_at, f.status), (true, None, FeedbackStatus::Asked));
    assert_eq!(
        (f.answers.iter().all(String::is_empty), f.answered_at, f.reflection.as_str(), f.shared, f.created_at),
        (true, None, "", false, asked)
    );

    // The link the e-mail carries: only its digest is stored, and it works once.
    store::set_token(&mut c, fid, &token::digest("geheime-link"), None).await.unwrap();
    drop(c);
    t.clock.advance_ms(60_000);
    t.k.answer_feedback("geheime-link", &["Goed voorbereid", "Rustig", "Open"]).await.unwrap();
    let answered = t.k.now();
    let spent = t.k.answer_feedback("geheime-link", &["Nog eens", "x", "y"]).await;
    assert!(matches!(spent, Err(Error::Refused("error-feedback-link-invalid"))), "{spent:?}");
    t.k.reflect_on_feedback(&anna, fid, "Ik neem het mee", true).await.unwrap();
    let mut c = t.k.conn().await.unwrap();
    let f = store::feedback_by_id(&mut c, fid).await.unwrap().unwrap();
    assert_eq!(
        (f.status, f.answers.as_slice(), f.answered_at),
        (
            FeedbackStatus::Answered,
            &["Goed voorbereid".to_string(), "Rustig".into(), "Open".into()][..],
            Some(answered)
        )
    );
    assert_eq!((f.reflection.as_str(), f.shared), ("Ik neem het mee", true));
    assert!(store::feedback_by_token(&mut c, &token::digest("geheime-link")).await.unwrap().is_none());
}

async fn plan_versions_and_the_opleiders_comments_are_kept(t: TestKartrekker) {
    let o = org(&t, "Planziekenhuis").await;
    let (resident_id, opleider_id) = residency(&t, &o, "plan.test").await;
    let (anna, otto) = (actor(&t, "aios@plan.test").await, actor(&t, "opleider@plan.test").await);
    let steps =
        ["Een dokter die luistert", "Bij de chirurgen", "Mijn opleider", "Een commissie", "Jaar vier", "Eerst het MDO"];
    assert_eq!(t.k.save_plan(&anna, &PlanInput { steps, shared: false }).await.unwrap(), 1);
    let first = t.k.now();
    t.clock.advance_ms(60_000);
    let mut second = steps;
    second[4] = "Jaar vijf";
    assert_eq!(t.k.save_plan(&anna, &PlanInput { steps: second, shared: true }).await.unwrap(), 2);
    let mut c = t.k.conn().await.unwrap();
    let plans = store::plans(&mut c, resident_id, false).await.unwrap();
    let read: Vec<_> = plans.iter().map(|p| (p.version, p.steps.clone(), p.shared, p.created_at)).collect();
    assert_eq!(read, [(2, second.map(String::from), true, t.k.now()), (1, steps.map(String::from), false, first)]);
    assert_eq!(
        store::plans(&mut c, resident_id, true).await.unwrap().iter().map(|p| p.version).collect::<Vec<_>>(),
        [2]
    );
    assert_eq!(store::opleiders_of(&mut c, resident_id).await.unwrap(), [opleider_id]);
    drop(c);

    let day = t.k.today().to_string();
    let shared = t.k.log_activity(&anna, &activity("Gedeeld", &day, "", true)).await.unwrap();
    let private = t.k.log_activity(&anna, &activity("Voor mezelf", &day, "", false)).await.unwrap();
    let on_activity = t.k.comment_on_portfolio(&otto, resident_id, Some(shared), "Mooi gedaan").await.unwrap();
    let whole = t.k.comment_on_portfolio(&otto, resident_id, None, "Goede groei").await.unwrap();
    let refused = t.k.comment_on_portfolio(&otto, resident_id, Some(private), "Gezien").await;
    assert!(matches!(refused, Err(Error::NotFound)), "not shared with him: {refused:?}");
    let comments = store::comments(&mut t.k.conn().await.unwrap(), resident_id).await.unwrap();
    let read: Vec<_> =
        comments.iter().map(|k| (k.id, k.activity_id, k.author.as_deref(), k.text.as_str(), k.created_at)).collect();
    let now = t.k.now();
    assert_eq!(
        read,
        [
            (on_activity, Some(shared), Some("Otto Opleider"), "Mooi gedaan", now),
            (whole, None, Some("Otto Opleider"), "Goede groei", now)
        ]
    );

    t.k.set_phase(&otto, resident_id, "vervolgfase", &day).await.unwrap();
    let phase = store::phase(&mut t.k.conn().await.unwrap(), resident_id).await.unwrap().expect("a phase");
    assert_eq!(
        (phase.phase, phase.since, phase.set_by.as_deref()),
        (Phase::Vervolgfase, t.k.today(), Some("Otto Opleider"))
    );
    let later = t.k.log_activity(&anna, &activity("Later", &day, "", true)).await.unwrap();
    let a = store::activities(&mut t.k.conn().await.unwrap(), resident_id, false).await.unwrap();
    assert_eq!(a.iter().find(|x| x.id == later).unwrap().phase, Phase::Vervolgfase, "the phase it was logged in");
}

async fn only_her_own_opleider_sees_and_only_what_she_shared(t: TestKartrekker) {
    let o = org(&t, "Opleidingsziekenhuis").await;
    let other = org(&t, "Vreemdopleidingsziekenhuis").await;
    let (resident_id, _) = residency(&t, &o, "opleiding.test").await;
    let admin = actor(&t, &o.admin).await;
    let surgery = t.k.create_team(&admin, &o.department_id.to_string(), "Chirurgie").await.unwrap();
    join_team(&t, &o, "Olaf Ander", "ander@opleiding.test", surgery, "opleider").await;
    join_team(&t, &other, "Vera Vreemd", "vreemd@elders.test", other.team_id, "opleider").await;
    let anna = actor(&t, "aios@opleiding.test").await;
    let day = t.k.today().to_string();
    let shared = t.k.log_activity(&anna, &activity("Gedeeld", &day, "", true)).await.unwrap();
    t.k.log_activity(&anna, &activity("Voor mezelf", &day, "", false)).await.unwrap();

    let view = t.k.resident_portfolio(&actor(&t, "opleider@opleiding.test").await, resident_id).await.unwrap();
    assert_eq!(view.activities.iter().map(|a| a.activity.id).collect::<Vec<_>>(), [shared]);
    for outsider in
        [actor(&t, "ander@opleiding.test").await, actor(&t, &o.leader).await, actor(&t, "vreemd@elders.test").await]
    {
        assert!(matches!(t.k.resident_portfolio(&outsider, resident_id).await, Err(Error::NotFound)));
        assert!(matches!(t.k.comment_on_portfolio(&outsider, resident_id, None, "Hallo").await, Err(Error::NotFound)));
        assert!(matches!(t.k.set_phase(&outsider, resident_id, "vervolgfase", &day).await, Err(Error::NotFound)));
    }
    assert!(matches!(t.k.my_residents(&actor(&t, &o.member).await).await, Err(Error::NotFound)));

    // She links only what she may see: not an action someone else pulls.
    let theirs = register_action(&t, &o.leader, &o, "Van een ander", o.member_id, 10).await;
    let link = format!("action:{theirs}");
    let refused = t.k.log_activity(&anna, &activity("Gekoppeld", &day, &link, true)).await;
    assert!(matches!(refused, Err(Error::Invalid(_))), "{refused:?}");
    // Someone who is no resident keeps no portfolio.
    let not_resident = t.k.log_activity(&actor(&t, &o.member).await, &activity("Ik ook", &day, "", true)).await;
    assert!(matches!(not_resident, Err(Error::NotFound)), "{not_resident:?}");
    assert_eq!(count(&t, "portfolio_activities").await, 2);
    assert!(store::comments(&mut t.k.conn().await.unwrap(), resident_id).await.unwrap().is_empty());
}

async fn a_card_is_written_per_organisation(t: TestKartrekker) {
    let o = org(&t, "Kaartziekenhuis").await;
    let other = org(&t, "Anderkaartziekenhuis").await;
    let admin = actor(&t, &o.admin).await;
    let texts =
        |title: &'static str| CardInput { title_nl: title, text_nl: "Tekst", title_en: "Title", text_en: "Text" };
    let edited = t.k.save_portfolio_card(&admin, Some(Card::Finance), None, &texts("Geld")).await.unwrap();
    assert_eq!(
        t.k.save_portfolio_card(&admin, Some(Card::Finance), None, &texts("Financiën")).await.unwrap(),
        edited,
        "one row per card"
    );
    let own = t.k.save_portfolio_card(&admin, None, None, &texts("Eigen kaart")).await.unwrap();
    let cards = t.k.portfolio_cards(&admin).await.unwrap();
    let read: Vec<_> = cards
        .iter()
        .map(|c| (c.id, c.builtin, c.title_nl.as_str(), c.text_nl.as_str(), c.title_en.as_str(), c.text_en.as_str()))
        .collect();
    assert_eq!(
        read,
        [
            (edited, Some(Card::Finance), "Financiën", "Tekst", "Title", "Text"),
            (own, None, "Eigen kaart", "Tekst", "Title", "Text")
        ]
    );

    let theirs = actor(&t, &other.admin).await;
    assert!(t.k.portfolio_cards(&theirs).await.unwrap().is_empty());
    let refused = t.k.save_portfolio_card(&theirs, None, Some(own), &texts("Overgenomen")).await;
    assert!(matches!(refused, Err(Error::NotFound)), "{refused:?}");
    let by_leader = t.k.save_portfolio_card(&actor(&t, &o.leader).await, None, Some(own), &texts("Van mij")).await;
    assert!(matches!(by_leader, Err(Error::Forbidden)), "{by_leader:?}");
    assert_eq!(t.k.portfolio_cards(&admin).await.unwrap()[1].title_nl, "Eigen kaart");
}

/// The `codes!` rule, for an activity's kind and for a card's code: a code
/// this version does not know is an error when read, never another value.
async fn an_unknown_code_is_a_decode_error(t: TestKartrekker) {
    let o = org(&t, "Codeportfolioziekenhuis").await;
    let (resident_id, _) = residency(&t, &o, "codeportfolio.test").await;
    let anna = actor(&t, "aios@codeportfolio.test").await;
    let id = t.k.log_activity(&anna, &activity("Iets", &t.k.today().to_string(), "", false)).await.unwrap();
    kartrekker::db::query("UPDATE portfolio_activities SET kind = 'golf' WHERE id = $1")
        .bind(id)
        .execute(&t.k.db)
        .await
        .unwrap();
    match store::activities(&mut t.k.conn().await.unwrap(), resident_id, false).await {
        Err(DbError::Decode { column, .. }) => assert_eq!(column, "kind"),
        other => panic!("expected a decode error, got {:?}", other.map(|a| a.len())),
    }

    let admin = actor(&t, &o.admin).await;
    let texts = CardInput { title_nl: "Geld", text_nl: "Tekst", title_en: "Money", text_en: "Text" };
    let card = t.k.save_portfolio_card(&admin, Some(Card::Finance), None, &texts).await.unwrap();
    kartrekker::db::query("UPDATE portfolio_cards SET code = 'tarot' WHERE id = $1")
        .bind(card)
        .execute(&t.k.db)
        .await
        .unwrap();
    let read = store::org_cards(&mut t.k.conn().await.unwrap(), admin.org_id().unwrap()).await;
    match read {
        Err(DbError::Decode { column, .. }) => assert_eq!(column, "code"),
        other => {
            panic!("expected a decode error, got {:?}", other.map(|c| c.iter().map(|c| c.builtin).collect::<Vec<_>>()))
        }
    }
}
