use kartrekker::Error;
use kartrekker::db::DbError;
use kartrekker::questionnaires::{ANSWER_PREFIX, AnswerValue, store};
use kartrekker_testkit::*;

both_databases!(
    a_response_is_saved_read_back_and_submitted_once,
    an_instrument_is_stored_per_organisation_and_version,
    an_unknown_response_status_is_a_decode_error,
);

fn answer(item: &str, value: &str) -> (String, String) {
    (format!("{ANSWER_PREFIX}{item}"), value.to_string())
}

async fn a_response_is_saved_read_back_and_submitted_once(t: TestKartrekker) {
    let o = org(&t, "Vragenziekenhuis").await;
    let instrument = t.k.upload_instrument(&actor(&t, &o.admin).await, PULSE_V1).await.unwrap().unwrap();
    let member = actor(&t, &o.member).await;
    let id = t.k.open_response(&member, instrument, "pulse:1").await.unwrap();
    assert_eq!(t.k.open_response(&member, instrument, "pulse:1").await.unwrap(), id, "one response per context");
    let problems = t.k.save_response(&member, id, &[answer("why", "Veel opnames")], true).await.unwrap();
    let required = |item: &str| (item.to_string(), "error-answer-required");
    assert_eq!(problems, [required("busy"), required("joy")], "not submitted without them");
    let rest = [answer("busy", "3"), answer("joy", "8")];
    assert!(t.k.save_response(&member, id, &rest, true).await.unwrap().is_empty());

    let mut c = t.k.conn().await.unwrap();
    let r = store::response_by_id(&mut c, id).await.unwrap().expect("the response");
    assert_eq!((r.instrument_id, r.org_id, r.respondent_id), (instrument, member.org_id(), Some(member.id())));
    assert_eq!((r.context.as_str(), r.submitted), ("pulse:1", true));
    let mut answers = store::answers(&mut c, id).await.unwrap();
    answers.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        answers,
        [
            ("busy".to_string(), AnswerValue::Number(3)),
            ("joy".to_string(), AnswerValue::Number(8)),
            ("why".to_string(), AnswerValue::Text("Veel opnames".into()))
        ]
    );
    assert!(!store::submit(&mut c, id, t.k.now()).await.unwrap(), "submitted once");
    let again = t.k.save_response(&member, id, &[answer("busy", "1")], false).await;
    assert!(matches!(again, Err(Error::Refused("error-already-submitted"))), "{again:?}");
}

async fn an_instrument_is_stored_per_organisation_and_version(t: TestKartrekker) {
    let o = org(&t, "Instrumentziekenhuis").await;
    let other = org(&t, "Geenpulsziekenhuis").await;
    let admin = actor(&t, &o.admin).await;
    let id = t.k.upload_instrument(&admin, PULSE_V1).await.unwrap().unwrap();
    let org_id = admin.org_id().unwrap();
    let mut c = t.k.conn().await.unwrap();
    let row = store::by_id(&mut c, id).await.unwrap().expect("the instrument");
    assert_eq!((row.org_id, row.slug.as_str(), row.version), (Some(org_id), "pulse", 1));
    assert_eq!((row.title_nl.as_str(), row.title_en.as_str(), row.source.as_str()), ("Werkdruk", "Workload", PULSE_V1));
    assert!(store::available(&mut c, org_id).await.unwrap().iter().any(|i| i.id == id));
    let other_org = actor(&t, &other.admin).await.org_id().unwrap();
    assert!(!store::available(&mut c, other_org).await.unwrap().iter().any(|i| i.id == id));
    // The same version again is refused; the shipped ones are there for everyone.
    assert!(t.k.upload_instrument(&admin, PULSE_V1).await.unwrap().is_err());
    assert!(store::available(&mut c, other_org).await.unwrap().iter().any(|i| i.org_id.is_none()));
}

/// The `codes!` rule: a status this version does not know is an error when
/// read, never silently another status.
async fn an_unknown_response_status_is_a_decode_error(t: TestKartrekker) {
    let o = org(&t, "Codeziekenhuis").await;
    let instrument = t.k.upload_instrument(&actor(&t, &o.admin).await, PULSE_V1).await.unwrap().unwrap();
    let id = t.k.open_response(&actor(&t, &o.member).await, instrument, "pulse:1").await.unwrap();
    kartrekker::db::query("UPDATE responses SET status = 'archived' WHERE id = $1")
        .bind(id)
        .execute(&t.k.db)
        .await
        .unwrap();
    match store::response_by_id(&mut t.k.conn().await.unwrap(), id).await {
        Err(DbError::Decode { column, .. }) => assert_eq!(column, "status"),
        other => panic!("expected a decode error, got {:?}", other.map(|r| r.map(|r| r.submitted))),
    }
}
