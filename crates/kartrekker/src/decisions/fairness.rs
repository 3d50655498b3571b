//! "Voelde het proces eerlijk?": one anonymous question after a decision.
//! Stored as the intake's anonymous answers are (docs/decisions/0012): the
//! mark that someone answered and the answer itself in two transactions, the
//! answer with a random id and no person or time, and every answer of the
//! decision written again in a shuffled order. Shown only as an aggregate
//! from the organisation's minimum group size, never counting the viewer.

use super::model::{Decision, fairness_comment, fairness_score};
use super::service::load;
use super::store::{self, FairnessAnswer};
use crate::auth::Actor;
use crate::db::Conn;
use crate::organisations::Team;
use crate::organisations::anonymity::{threshold, unlinked_id};
use crate::{Checks, Error, Kartrekker, Result};

/// The answers of one decision together.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FairnessResult {
    pub count: i64,
    /// The mean score times ten, rounded: 42 is 4.2.
    pub mean_tenths: i64,
    /// How many gave each score, 1 to 5.
    pub spread: [i64; 5],
    /// The comments that were given, in the answers' stable shuffle.
    pub comments: Vec<String>,
}

impl FairnessResult {
    fn of(answers: &[FairnessAnswer]) -> FairnessResult {
        let count = answers.len() as i64;
        let sum: i64 = answers.iter().map(|a| a.score).sum();
        let mut spread = [0; 5];
        for a in answers {
            spread[(a.score.clamp(1, 5) - 1) as usize] += 1;
        }
        let comments = answers.iter().filter(|a| !a.comment.is_empty()).map(|a| a.comment.clone()).collect();
        FairnessResult {
            count,
            mean_tenths: if count == 0 { 0 } else { (sum * 20 + count) / (2 * count) },
            spread,
            comments,
        }
    }
}

/// The fairness question as a decision page shows it to the actor.
#[derive(Clone, Debug, Default)]
pub struct Fairness {
    /// The question is open: the decision was made.
    pub open: bool,
    /// The actor may still answer.
    pub may_answer: bool,
    pub answered: bool,
    /// How many answers the result needs (the viewer's own not counted).
    pub needed: i64,
    /// None until enough answered.
    pub result: Option<FairnessResult>,
}

/// One decision in a team's fairness trend.
#[derive(Clone, Debug)]
pub struct TrendPoint {
    pub decision_id: i64,
    pub title: String,
    pub decided_at: i64,
    /// None while too few answered.
    pub result: Option<FairnessResult>,
}

pub(crate) async fn of_decision(c: &mut Conn, actor: &Actor, d: &Decision, take_part: bool) -> Result<Fairness> {
    let answered = store::has_mark(c, d.id, actor.id()).await?;
    let t = threshold(c, d.org_id, 0).await?;
    let answers = store::fairness_answers(c, d.id).await?;
    let result = t.met(answers.len() as i64, answered).then(|| FairnessResult::of(&answers));
    Ok(Fairness {
        open: d.decided(),
        may_answer: d.decided() && take_part && !answered,
        answered,
        needed: t.needed(),
        result,
    })
}

/// Every decided decision of the team, oldest first, each with its result
/// where enough answered (the viewer's own answer never counted).
pub(crate) async fn trend(c: &mut Conn, team: &Team, actor: &Actor) -> Result<Vec<TrendPoint>> {
    let t = threshold(c, team.org_id, 0).await?;
    let mut out = Vec::new();
    for (decision_id, title, decided_at, scores) in store::team_scores(c, team.id).await? {
        let answered = store::has_mark(c, decision_id, actor.id()).await?;
        let answers: Vec<FairnessAnswer> =
            scores.into_iter().map(|score| FairnessAnswer { id: 0, score, comment: String::new() }).collect();
        let result = t.met(answers.len() as i64, answered).then(|| FairnessResult::of(&answers));
        out.push(TrendPoint { decision_id, title, decided_at, result });
    }
    Ok(out)
}

impl Kartrekker {
    /// A member answers "did the process feel fair?" once, after the decision.
    pub async fn answer_fairness(&self, actor: &Actor, id: i64, score: &str, comment: &str) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let (d, _, rights) = load(&mut tx, actor, id).await?;
        if !rights.take_part {
            return Err(Error::Forbidden);
        }
        if !d.decided() {
            return Err(Error::Refused("error-decision-not-decided"));
        }
        let mut checks = Checks::default();
        let score = checks.check(fairness_score(score));
        let comment = checks.check(fairness_comment(comment));
        checks.finish()?;
        let (Some(score), Some(comment)) = (score, comment) else {
            return Err(Error::Internal("checked answer missing".into()));
        };
        if !store::add_mark(&mut tx, id, actor.id()).await? {
            return Err(Error::Refused("error-decision-already-answered"));
        }
        // The mark and the answer in separate transactions: nothing the
        // database keeps per transaction ties one to the other.
        tx.commit().await?;
        if let Err(e) = self.add_unlinked_fairness(id, score, comment).await {
            // Without the answer, the mark goes: the person may try again.
            let mut tx = self.db.begin().await?;
            store::remove_mark(&mut tx, id, actor.id()).await?;
            tx.commit().await?;
            return Err(e);
        }
        Ok(())
    }

    /// Writes every answer of the decision again, the new one among them,
    /// with random ids in a random order, in one transaction under the
    /// decision's row lock.
    async fn add_unlinked_fairness(&self, id: i64, score: i64, comment: String) -> Result<()> {
        use rand::seq::SliceRandom;
        let mut tx = self.db.begin().await?;
        store::lock(&mut tx, id).await?;
        let mut all = store::fairness_answers(&mut tx, id).await?;
        all.push(FairnessAnswer { id: unlinked_id(), score, comment });
        all.shuffle(&mut rand::rng());
        store::delete_fairness_answers(&mut tx, id).await?;
        for a in &all {
            store::insert_fairness_answer(&mut tx, id, a).await?;
        }
        tx.commit().await?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_result_counts_means_and_spreads() {
        let a = |score, comment: &str| FairnessAnswer { id: 0, score, comment: comment.into() };
        let r = FairnessResult::of(&[a(4, ""), a(5, "Goed uitgelegd"), a(4, ""), a(2, "")]);
        assert_eq!((r.count, r.mean_tenths, r.spread), (4, 38, [0, 1, 0, 2, 1]));
        assert_eq!(r.comments, vec!["Goed uitgelegd".to_string()]);
    }
}
