use kartrekker::Error;
use kartrekker::trajectories::model::{DEFAULT_INTERVAL_MONTHS, DEFAULT_WORK_WEEKS};
use kartrekker::trajectories::{Answer, Phase, Question, SessionKind, store};
use kartrekker_testkit::*;

both_databases!(
    a_trajectory_is_read_back_with_its_sessions,
    a_phase_change_from_a_stale_phase_is_refused,
    intake_answers_and_themes_are_kept,
);

/// The team's trajectory, started by a program leader with a trainer from
/// outside the team; (trajectory id, trainer id).
async fn trajectory(t: &TestKartrekker, o: &Org) -> (i64, i64) {
    let admin = actor(t, &o.admin).await;
    let pl = "programma@traject.test";
    t.k.create_person(&admin, "Petra Programma", pl, "manager", &["program_leader".into()]).await.unwrap();
    activate(t, pl).await;
    let trainer = t.k.create_person(&admin, "Tom Trainer", "trainer@traject.test", "hbo-v", &[]).await.unwrap();
    let id = t.k.start_trajectory(&actor(t, pl).await, o.team_id, &trainer.to_string()).await.unwrap();
    (id, trainer)
}

async fn a_trajectory_is_read_back_with_its_sessions(t: TestKartrekker) {
    let o = org(&t, "Trajectziekenhuis").await;
    let (id, trainer) = trajectory(&t, &o).await;
    let mut c = t.k.conn().await.unwrap();
    let tr = store::by_id(&mut c, id).await.unwrap().expect("the trajectory");
    assert_eq!((tr.id, Some(tr.org_id), tr.team_id), (id, actor(&t, &o.admin).await.org_id(), o.team_id));
    assert_eq!((tr.team.as_str(), tr.trainer_id, tr.trainer.as_str()), ("Interne B3", trainer, "Tom Trainer"));
    assert_eq!((tr.phase, tr.anonymous, tr.work_started_on), (Phase::Intake, true, None));
    assert_eq!((tr.work_weeks, tr.interval_months), (DEFAULT_WORK_WEEKS, DEFAULT_INTERVAL_MONTHS));
    assert_eq!(tr.created_at, t.k.now());
    assert_eq!(store::of_team(&mut c, o.team_id).await.unwrap().map(|t| t.id), Some(id));
    let sessions = store::sessions(&mut c, id).await.unwrap();
    let kinds: Vec<(SessionKind, i64)> = sessions.iter().map(|s| (s.kind, s.seq)).collect();
    assert_eq!(kinds, SessionKind::ALL.map(|k| (k, 0)));
    assert!(sessions.iter().all(|s| s.trajectory_id == id && s.date.is_none() && s.results.is_empty()));
    // A second trajectory for the team is refused by the service.
    let again = t.k.start_trajectory(&actor(&t, "programma@traject.test").await, o.team_id, &trainer.to_string()).await;
    assert!(matches!(again, Err(Error::Refused("error-trajectory-exists"))), "{again:?}");
}

async fn a_phase_change_from_a_stale_phase_is_refused(t: TestKartrekker) {
    let o = org(&t, "Faseziekenhuis").await;
    let (id, _) = trajectory(&t, &o).await;
    let mut c = t.k.conn().await.unwrap();
    assert!(store::set_phase(&mut c, id, Phase::Intake, Phase::Observation, t.k.now()).await.unwrap());
    assert!(!store::set_phase(&mut c, id, Phase::Intake, Phase::Observation, t.k.now()).await.unwrap(), "stale from");
    assert!(!store::set_phase(&mut c, id, Phase::Work, Phase::Evaluation, t.k.now()).await.unwrap(), "stale from");
    assert_eq!(store::by_id(&mut c, id).await.unwrap().unwrap().phase, Phase::Observation);
    // The service says so to a team leader whose page still shows the intake.
    let leader = actor(&t, &o.leader).await;
    let stale = t.k.advance_trajectory(&leader, o.team_id, id, "intake").await;
    assert!(matches!(stale, Err(Error::Refused("error-trajectory-phase-changed"))), "{stale:?}");
    assert_eq!(t.k.advance_trajectory(&leader, o.team_id, id, "observation").await.unwrap(), Phase::MirrorSession);
}

async fn intake_answers_and_themes_are_kept(t: TestKartrekker) {
    let o = org(&t, "Intakeziekenhuis").await;
    let (id, _) = trajectory(&t, &o).await;
    let mut c = t.k.conn().await.unwrap();
    store::insert_answer(&mut c, id, o.member_id, Question::Daily, "Te weinig handen", t.k.now()).await.unwrap();
    let unlinked =
        Answer { id: 1 << 40, question: Question::Proud, text: "De zorg voor elkaar".into(), theme_id: None };
    store::insert_unlinked_answer(&mut c, id, &unlinked).await.unwrap();
    assert!(store::add_participant(&mut c, id, o.member_id).await.unwrap());
    assert!(!store::add_participant(&mut c, id, o.member_id).await.unwrap(), "once");
    assert!(store::has_participated(&mut c, id, o.member_id).await.unwrap());
    assert_eq!(
        (store::participant_count(&mut c, id).await.unwrap(), store::answer_count(&mut c, id).await.unwrap()),
        (1, 2)
    );
    assert_eq!(
        store::own_answers(&mut c, id, o.member_id).await.unwrap(),
        [(Question::Daily, "Te weinig handen".to_string())],
        "the anonymous answer is nobody's"
    );
    let theme = store::insert_theme(&mut c, id, "Bezetting").await.unwrap();
    let answers = store::answers(&mut c, id).await.unwrap();
    let daily = answers.iter().find(|a| a.question == Question::Daily).expect("the daily answer");
    assert!(store::set_answer_theme(&mut c, id, daily.id, Some(theme)).await.unwrap());
    assert!(!store::set_answer_theme(&mut c, id + 1000, daily.id, Some(theme)).await.unwrap(), "another trajectory");
    assert!(store::set_reflection(&mut c, id, theme, "We gaan roosteren").await.unwrap());
    let answers = store::answers(&mut c, id).await.unwrap();
    let themed: Vec<(Question, &str, Option<i64>)> =
        answers.iter().map(|a| (a.question, a.text.as_str(), a.theme_id)).collect();
    assert_eq!(
        themed,
        [(Question::Daily, "Te weinig handen", Some(theme)), (Question::Proud, "De zorg voor elkaar", None)]
    );
    let themes = store::themes(&mut c, id).await.unwrap();
    assert_eq!(
        themes.iter().map(|t| (t.id, t.title.as_str(), t.reflection.as_str())).collect::<Vec<_>>(),
        [(theme, "Bezetting", "We gaan roosteren")]
    );
}
