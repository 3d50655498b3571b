use kartrekker::clock::DAY_MS;
use kartrekker::submissions::{Claim, SubmitToken};
use kartrekker_testkit::*;

both_databases!(
    a_token_is_claimed_once_and_then_leads_to_the_first_result,
    a_released_token_can_be_claimed_again_and_tokens_are_per_person,
);

async fn a_token_is_claimed_once_and_then_leads_to_the_first_result(t: TestKartrekker) {
    let o = org(&t, "Claimziekenhuis").await;
    let token = SubmitToken::new();
    let (x, y) = tokio::join!(t.k.claim_submission(o.member_id, &token), t.k.claim_submission(o.member_id, &token));
    let mut claims = [x.unwrap(), y.unwrap()];
    claims.sort_by_key(|c| c == &Claim::Running);
    assert_eq!(claims, [Claim::First, Claim::Running], "one of two at once runs");
    t.k.finish_submission(o.member_id, &token, "/actions/7").await.unwrap();
    assert_eq!(t.k.claim_submission(o.member_id, &token).await.unwrap(), Claim::Done("/actions/7".into()));
    // A finished claim is not given up by a later failure of a repeat.
    t.k.release_submission(o.member_id, &token).await.unwrap();
    assert_eq!(t.k.claim_submission(o.member_id, &token).await.unwrap(), Claim::Done("/actions/7".into()));
    t.clock.advance_ms(DAY_MS + 1);
    assert_eq!(t.k.purge_submissions().await.unwrap(), 1);
    assert_eq!(t.k.claim_submission(o.member_id, &token).await.unwrap(), Claim::First, "cleared after a day");
}

async fn a_released_token_can_be_claimed_again_and_tokens_are_per_person(t: TestKartrekker) {
    let o = org(&t, "Vrijgaveziekenhuis").await;
    let leader = actor(&t, &o.leader).await.id();
    let token = SubmitToken::new();
    assert_eq!(t.k.claim_submission(o.member_id, &token).await.unwrap(), Claim::First);
    assert_eq!(t.k.claim_submission(leader, &token).await.unwrap(), Claim::First, "another person's claim is theirs");
    t.k.release_submission(o.member_id, &token).await.unwrap();
    assert_eq!(t.k.claim_submission(o.member_id, &token).await.unwrap(), Claim::First, "given up, claimed again");
    assert_eq!(t.k.claim_submission(leader, &token).await.unwrap(), Claim::Running);
}
