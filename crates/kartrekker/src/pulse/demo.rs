//! The demo hospital's pulse: a year of fortnightly rounds for four teams,
//! the last one below the minimum group size, and in Interne B3 an action
//! after a worrying round, after which "too high" goes down. The current
//! round of B3 is open and waits for the nurse's answer.

use super::model::{PULSE_INSTRUMENT, Schedule, WORKLOAD_ITEM};
use super::store::{self, Answer};
use crate::actions::{ActionInput, Origin, OriginKind};
use crate::auth::Actor;
use crate::organisations::anonymity::unlinked_id;
use crate::organisations::store as orgs;
use crate::questionnaires::AnswerValue;
use crate::{Kartrekker, Result};

/// Rounds a year back, every two weeks.
const ROUNDS: i64 = 26;
/// The B3 round after which the team agreed an action.
const ACTION_ROUND: i64 = 12;

/// A reproducible spread of answers: `k`-th answer of round `r` in team `t`.
fn pick(t: i64, r: i64, k: i64, modulo: i64) -> i64 {
    (t * 7 + r * 13 + k * 29 + (r * k) % 5).rem_euclid(modulo)
}

impl Kartrekker {
    pub(crate) async fn seed_demo_pulse(&self, teams: &[i64], leader: &Actor, sanne: i64) -> Result<()> {
        let instrument = self.latest_shipped_instrument(PULSE_INSTRUMENT).await?;
        let today = self.today();
        let start = today.add_days(-(ROUNDS - 1) * 14);
        // One transaction: a hundred rounds are written at once.
        let mut c = self.db.begin().await?;
        // Four teams; the fourth answers with two people, below the minimum.
        for (ti, &team) in teams.iter().take(4).enumerate() {
            let team_row = orgs::team_in_org(&mut c, leader.org_id().unwrap_or(0), team).await?;
            let Some(team_row) = team_row else { continue };
            let s = Schedule {
                team_id: team,
                org_id: team_row.org_id,
                instrument_id: instrument.id,
                every_days: 14,
                open_days: 7,
                starts_on: start,
            };
            store::save_schedule(&mut c, &s, leader.id(), self.now()).await?;
            let members: Vec<i64> = orgs::members(&mut c, team)
                .await?
                .into_iter()
                .filter(|m| m.takes_part())
                .map(|m| m.person_id)
                .collect();
            let t = ti as i64;
            for r in 0..ROUNDS {
                let opens = start.add_days(r * 14);
                let Some(round_id) = store::insert_round(&mut c, &s, opens, opens.add_days(6), self.now()).await?
                else {
                    continue;
                };
                let current = r == ROUNDS - 1;
                let answering: Vec<i64> = members
                    .iter()
                    .copied()
                    .filter(|p| !(current && *p == sanne))
                    .take(if ti == 3 { 2 } else { 4 + pick(t, r, 0, 3) as usize })
                    .collect();
                // B3 works on its workload after round 12: fewer "too high" since.
                let pressure = if ti == 0 && r > ACTION_ROUND { 1 } else { 2 };
                let mut answers = Vec::new();
                for (k, p) in answering.iter().enumerate() {
                    store::add_mark(&mut c, round_id, *p).await?;
                    let k = k as i64;
                    let mut add = |item: &str, value: AnswerValue| {
                        answers.push(Answer { id: unlinked_id(), item_id: item.into(), value })
                    };
                    add(
                        WORKLOAD_ITEM,
                        AnswerValue::Number((2 + pick(t, r, k, 2) + i64::from(pressure > 1 && k % 2 == 0)).min(4)),
                    );
                    add("fatigue", AnswerValue::Number(1 + pick(t, r, k, 4)));
                    add("joy", AnswerValue::Number(2 + pick(t, r, k, 4)));
                    add("heard", AnswerValue::Number(2 + pick(t, r, k + 1, 4)));
                    add("safety", AnswerValue::Number(3 + pick(t, r, k + 2, 3)));
                    if k == 0 && r % 4 == 0 {
                        add("open", AnswerValue::Text("Een vaste pauze voor iedereen, ook als het druk is.".into()));
                    }
                    if k == 1 && r % 5 == 0 {
                        add("open", AnswerValue::Text("Minder administratie in de avonddienst.".into()));
                    }
                }
                use rand::seq::SliceRandom;
                answers.shuffle(&mut rand::rng());
                let rated = answers.iter().filter(|a| a.item_id == WORKLOAD_ITEM).count() as i64;
                let high =
                    answers.iter().filter(|a| a.item_id == WORKLOAD_ITEM && a.value == AnswerValue::Number(4)).count()
                        as i64;
                store::replace_answers(&mut c, round_id, &answers, (answering.len() as i64, rated, high)).await?;
                if ti == 0 && r == ACTION_ROUND {
                    let input = ActionInput {
                        title: "Vaste pauzetijden in de dag- en avonddienst",
                        goal: "Minder mensen die de werkdruk te hoog vinden",
                        kartrekker: &leader.id().to_string(),
                        due_date: "",
                        evaluation_date: "",
                    };
                    let origin = Origin { kind: OriginKind::Pulse, id: Some(round_id) };
                    self.create_action_in(&mut c, leader, team, &input, origin).await?;
                }
            }
        }
        c.commit().await?;
        Ok(())
    }
}
