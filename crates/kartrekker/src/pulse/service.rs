//! Rules of the pulse: who sets a team's schedule, who answers, who sees a
//! round's result, and the action agreed after a worrying round.

use std::collections::HashSet;
use std::sync::Arc;

use super::model::{PULSE_INSTRUMENT, Round, Schedule, ScheduleInput, check_schedule};
use super::results::{RoundResult, Share, mean_tenths, round_result, too_high_value};
use super::store::{self, Answer, RoundAction};
use crate::actions::{ActionInput, Origin, OriginKind};
use crate::auth::Actor;
use crate::dates::Date;
use crate::db::Conn;
use crate::jobs::Job;
use crate::meetings::model::{AgendaItem, Meeting};
use crate::meetings::store as meetings;
use crate::organisations::anonymity::{threshold, unlinked_id};
use crate::organisations::{Member, OrgRole, Team, TeamRole, store as orgs};
use crate::people::Language;
use crate::questionnaires::{ANSWER_PREFIX, AnswerProblems, AnswerValue, Instrument, InstrumentRow, Texts};
use crate::{Error, Kartrekker, Result};

/// Leads the team's pulse: its team leader or medical manager.
pub fn leads(actor: &Actor, team_id: i64) -> bool {
    actor.has_team_role(team_id, TeamRole::TeamLeader) || actor.has_team_role(team_id, TeamRole::MedicalManager)
}

/// Follows every team's pulse of the organisation: HR, the board, the program leaders.
pub fn follows_all(actor: &Actor) -> bool {
    actor.has(OrgRole::Hr) || actor.has(OrgRole::Board) || actor.has(OrgRole::ProgramLeader)
}

/// The team, when the actor may see its pulse: its members (not only its
/// trainer), and whoever follows every team.
async fn team_seen_by(c: &mut Conn, actor: &Actor, team_id: i64) -> Result<Team> {
    let org = actor.org_id().ok_or(Error::NotFound)?;
    let team = orgs::team_in_org(c, org, team_id).await?.ok_or(Error::NotFound)?;
    if actor.takes_part_in(team_id) || follows_all(actor) { Ok(team) } else { Err(Error::NotFound) }
}

/// Sets the schedule: the team's leaders, or HR.
fn sets_schedule(actor: &Actor, team_id: i64) -> bool {
    leads(actor, team_id) || actor.has(OrgRole::Hr)
}

/// A round in a team's trend: its figures when enough answered.
#[derive(Clone, Debug)]
pub struct TrendRound {
    pub round: Round,
    /// Enough answered (the viewer not counted): the figures below show.
    pub shown: bool,
    pub too_high: Option<Share>,
    /// The mean per item of the trend's columns, times ten.
    pub means: Vec<Option<i64>>,
}

/// An action agreed after a round, and whether the share "too high" went
/// down in the rounds since.
#[derive(Clone, Debug)]
pub struct PulseAction {
    pub action: RoundAction,
    pub round_opens: Date,
    pub at_round: Option<Share>,
    /// The latest shown round after the action's round.
    pub since: Option<(Date, Share)>,
}

/// A team conversation about a round: a meeting with the round on its
/// agenda, and whether the share "too high" went down in the rounds after it.
#[derive(Clone, Debug)]
pub struct PulseConversation {
    pub meeting: Meeting,
    /// The round on the agenda, and its share.
    pub round_id: i64,
    pub round_opens: Date,
    pub at_round: Option<Share>,
    /// The last round that opened on or before the meeting's day: the trend
    /// marks the conversation there, as it marks an action at its round.
    pub before: Option<usize>,
    /// The latest shown round that opened after the meeting.
    pub since: Option<(Date, Share)>,
}

/// A team's pulse page.
#[derive(Clone, Debug)]
pub struct TeamPulse {
    pub team: Team,
    pub schedule: Option<Schedule>,
    pub may_set: bool,
    /// The instruments the schedule may use: the built-in pulse and the organisation's own.
    pub instruments: Vec<InstrumentRow>,
    /// The items of the trend's columns: (item id, text).
    pub columns: Vec<(String, Texts)>,
    pub rounds: Vec<TrendRound>,
    pub actions: Vec<PulseAction>,
    /// The team's meetings that had a round on the agenda, by date.
    pub conversations: Vec<PulseConversation>,
    pub needed: i64,
    /// A round the actor can answer now.
    pub to_answer: Option<i64>,
}

/// One round's page.
#[derive(Clone, Debug)]
pub struct RoundPage {
    pub round: Round,
    pub instrument: Arc<Instrument>,
    pub today: Date,
    pub may_answer: bool,
    pub answered: bool,
    /// None until enough answered (the viewer not counted).
    pub result: Option<RoundResult>,
    pub needed: i64,
    /// The actor may turn the round into an action.
    pub lead: bool,
    pub members: Vec<Member>,
    pub actions: Vec<RoundAction>,
    /// The meetings with this round on their agenda.
    pub agendas: Vec<Meeting>,
    /// For a leader: the team's coming meetings that are not closed, soonest first.
    pub upcoming: Vec<Meeting>,
}

fn share_of(r: &Round) -> Option<Share> {
    (r.rated > 0).then_some(Share { count: r.too_high, of: r.rated })
}

/// The actions beside the trend, each with the share at its round and the
/// latest shown share since.
fn actions_beside(actions: Vec<RoundAction>, rounds: &[TrendRound]) -> Vec<PulseAction> {
    actions
        .into_iter()
        .filter_map(|a| {
            let at = rounds.iter().position(|r| r.round.id == a.round_id)?;
            let since = rounds[at + 1..].iter().rev().find_map(|r| Some((r.round.opens_on, r.too_high?)));
            Some(PulseAction {
                round_opens: rounds[at].round.opens_on,
                at_round: rounds[at].too_high,
                since,
                action: a,
            })
        })
        .collect()
}

/// The team's meetings from `today` on that are still open: where a round may go on the agenda.
async fn coming_meetings(c: &mut Conn, team_id: i64, today: Date) -> Result<Vec<Meeting>> {
    let mut upcoming = meetings::upcoming_of_team(c, team_id, today).await?;
    upcoming.retain(|m| !m.is_closed());
    Ok(upcoming)
}

/// The conversations beside the trend, each with the share at its round and
/// the latest shown share of the rounds after the meeting.
fn conversations_beside(agendas: Vec<(i64, Meeting)>, rounds: &[TrendRound]) -> Vec<PulseConversation> {
    agendas
        .into_iter()
        .filter_map(|(round_id, meeting)| {
            let at = rounds.iter().find(|r| r.round.id == round_id)?;
            let after = rounds.partition_point(|r| r.round.opens_on <= meeting.held_on);
            let since = rounds[after..].iter().rev().find_map(|r| Some((r.round.opens_on, r.too_high?)));
            Some(PulseConversation {
                round_id,
                round_opens: at.round.opens_on,
                at_round: at.too_high,
                before: after.checked_sub(1),
                since,
                meeting,
            })
        })
        .collect()
}

/// A mean times ten in the notation of `lang`: "3,2" or "3.2".
fn tenths_in(lang: Language, t: i64) -> String {
    let point = if lang == Language::Nl { ',' } else { '.' };
    format!("{}{point}{}", t / 10, t % 10)
}

/// The agenda item about a round, in `lang`: its figures only when every
/// member of the team may see them, whether they answered or not.
fn agenda_item(lang: Language, round: &Round, needed: i64, result: Option<&RoundResult>) -> AgendaItem {
    let text = |key: &str, args: &[(&'static str, &str)]| crate::i18n::t_text(lang, key, args);
    let mut prompt = Vec::new();
    match result {
        Some(r) => {
            prompt.push(text("pulse-agenda-respondents", &[("n", &r.respondents.to_string())]));
            if let Some(s) = r.too_high {
                prompt.push(text("pulse-agenda-too-high", &[("share", &format!("{} %", s.percent()))]));
            }
            let means: Vec<String> = r
                .items
                .iter()
                .filter_map(|i| Some(format!("{} ({})", i.text.get(lang), tenths_in(lang, i.mean_tenths?))))
                .collect();
            if !means.is_empty() {
                prompt.push(text("pulse-agenda-means", &[("means", &means.join("; "))]));
            }
        }
        None => prompt.push(text("pulse-agenda-too-few", &[("n", &needed.to_string())])),
    }
    prompt.push(crate::i18n::t(lang, "pulse-agenda-question").to_string());
    AgendaItem {
        title: text("pulse-agenda-title", &[("team", &round.team), ("date", &round.opens_on.dutch())]),
        minutes: AGENDA_MINUTES,
        prompt: prompt.join(" "),
    }
}

/// The time the agenda gives a round's result.
const AGENDA_MINUTES: i64 = 10;

impl Kartrekker {
    async fn org_pulse_instruments(&self, c: &mut Conn, org: i64) -> Result<Vec<InstrumentRow>> {
        let all = crate::questionnaires::store::available(c, org).await?;
        // The newest version of each: the built-in pulse and the organisation's own.
        let mut seen = HashSet::new();
        Ok(all
            .into_iter()
            .filter(|i| i.org_id == Some(org) || i.slug == PULSE_INSTRUMENT)
            .filter(|i| seen.insert((i.org_id, i.slug.clone())))
            .collect())
    }

    /// A team's pulse: the schedule, every round with its figures where
    /// enough answered, and the actions beside the trend.
    pub async fn team_pulse(&self, actor: &Actor, team_id: i64) -> Result<TeamPulse> {
        let mut c = self.conn().await?;
        let team = team_seen_by(&mut c, actor, team_id).await?;
        let schedule = store::schedule_of(&mut c, team_id).await?;
        let may_set = sets_schedule(actor, team_id);
        let instruments = if may_set { self.org_pulse_instruments(&mut c, team.org_id).await? } else { Vec::new() };
        let t = threshold(&mut c, team.org_id, 0).await?;
        let rounds = store::rounds_of_team(&mut c, team_id).await?;
        let since = rounds.first().map_or(self.today(), |r| r.opens_on);
        let answered = store::answered_rounds(&mut c, actor.id(), team.org_id, since).await?;
        // The columns: the items of the newest instrument in use.
        let newest = match (&schedule, rounds.last()) {
            (Some(s), _) => Some(s.instrument_id),
            (None, Some(r)) => Some(r.instrument_id),
            _ => None,
        };
        let columns: Vec<(String, Texts)> = match newest {
            Some(id) => self
                .instrument_by_id(&mut c, id)
                .await?
                .definition
                .items()
                .filter(|i| i.kind.range().is_some())
                .map(|i| (i.id.clone(), i.text.clone()))
                .collect(),
            None => Vec::new(),
        };
        let sums = store::item_sums(&mut c, team_id).await?;
        let today = self.today();
        let trend: Vec<TrendRound> = rounds
            .into_iter()
            .map(|round| {
                let shown = t.met(round.respondents, answered.contains(&round.id));
                let means = columns
                    .iter()
                    .map(|(item, _)| {
                        let s = sums.iter().find(|(r, i, _, _)| *r == round.id && i == item)?;
                        shown.then(|| mean_tenths(s.2, s.3)).flatten()
                    })
                    .collect();
                let too_high = if shown { share_of(&round) } else { None };
                TrendRound { shown, too_high, means, round }
            })
            .collect();
        let to_answer = if actor.takes_part_in(team_id) {
            trend.iter().rev().find(|r| r.round.open_on(today) && !answered.contains(&r.round.id)).map(|r| r.round.id)
        } else {
            None
        };
        let actions = actions_beside(store::actions_of_team(&mut c, team_id).await?, &trend);
        let conversations = conversations_beside(meetings::pulse_agendas_of_team(&mut c, team_id).await?, &trend);
        Ok(TeamPulse {
            team,
            schedule,
            may_set,
            instruments,
            columns,
            rounds: trend,
            actions,
            conversations,
            needed: t.needed(),
            to_answer,
        })
    }

    /// The team's leaders (or HR) set its pulse schedule. A round whose
    /// window holds today is opened right away by the worker.
    pub async fn set_pulse_schedule(&self, actor: &Actor, team_id: i64, input: &ScheduleInput<'_>) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let team = team_seen_by(&mut tx, actor, team_id).await?;
        if !sets_schedule(actor, team_id) {
            return Err(Error::Forbidden);
        }
        let (instrument_id, every_days, open_days, starts_on) = check_schedule(input)?;
        let allowed = self.org_pulse_instruments(&mut tx, team.org_id).await?;
        if !allowed.iter().any(|i| i.id == instrument_id) {
            return Err(Error::invalid("instrument", "pulse-error-instrument"));
        }
        let s = Schedule { team_id, org_id: team.org_id, instrument_id, every_days, open_days, starts_on };
        store::save_schedule(&mut tx, &s, actor.id(), self.now()).await?;
        if let Some((opens, _)) = s.window_on(self.today()) {
            self.queue_round(&mut tx, team_id, opens).await?;
        }
        tx.commit().await?;
        Ok(())
    }

    /// The team's leaders (or HR) stop the pulse; the rounds so far stay.
    pub async fn stop_pulse_schedule(&self, actor: &Actor, team_id: i64) -> Result<()> {
        let mut tx = self.db.begin().await?;
        team_seen_by(&mut tx, actor, team_id).await?;
        if !sets_schedule(actor, team_id) {
            return Err(Error::Forbidden);
        }
        store::stop_schedule(&mut tx, team_id).await?;
        tx.commit().await?;
        Ok(())
    }

    pub(crate) async fn queue_round(&self, c: &mut Conn, team_id: i64, opens: Date) -> Result<bool> {
        let job = Job::PulseRound { team_id, opens_on: opens.to_string() };
        self.enqueue(c, &job, Some(&format!("pulse-round:{team_id}:{opens}"))).await
    }

    /// One round: the form to answer while it is open, the result once
    /// enough answered, and what the team agreed after it.
    pub async fn pulse_round(&self, actor: &Actor, round_id: i64) -> Result<RoundPage> {
        let mut c = self.conn().await?;
        let round = store::round_by_id(&mut c, round_id).await?.ok_or(Error::NotFound)?;
        team_seen_by(&mut c, actor, round.team_id).await?;
        let instrument = self.instrument_by_id(&mut c, round.instrument_id).await?;
        let answered = store::has_mark(&mut c, round_id, actor.id()).await?;
        let t = threshold(&mut c, round.org_id, 0).await?;
        let result = if t.met(round.respondents, answered) {
            let answers: Vec<(String, AnswerValue)> =
                store::answers(&mut c, round_id).await?.into_iter().map(|a| (a.item_id, a.value)).collect();
            Some(round_result(&instrument.definition, round.respondents, &answers))
        } else {
            None
        };
        let today = self.today();
        let lead = leads(actor, round.team_id);
        let members =
            if lead { crate::actions::service::kartrekkers(&mut c, round.team_id).await? } else { Vec::new() };
        let actions = store::actions_of_team(&mut c, round.team_id)
            .await?
            .into_iter()
            .filter(|a| a.round_id == round_id)
            .collect();
        let agendas = meetings::pulse_agendas_of_team(&mut c, round.team_id)
            .await?
            .into_iter()
            .filter_map(|(r, m)| (r == round_id).then_some(m))
            .collect();
        let upcoming = if lead { coming_meetings(&mut c, round.team_id, today).await? } else { Vec::new() };
        Ok(RoundPage {
            may_answer: actor.takes_part_in(round.team_id) && round.open_on(today) && !answered,
            answered,
            result,
            needed: t.needed(),
            lead,
            members,
            actions,
            agendas,
            upcoming,
            today,
            instrument,
            round,
        })
    }

    /// A member answers an open round, once. The mark that they answered and
    /// the answers are written in two transactions; the answers carry no
    /// person, no time and no tie to each other, and every answer of the
    /// round is written again in a random order (docs/decisions/0012, 0025).
    /// Wrong or missing answers come back as problems, and nothing is stored.
    pub async fn answer_pulse(
        &self,
        actor: &Actor,
        round_id: i64,
        posted: &[(String, String)],
    ) -> Result<AnswerProblems> {
        let mut tx = self.db.begin().await?;
        let round = store::round_by_id(&mut tx, round_id).await?.ok_or(Error::NotFound)?;
        team_seen_by(&mut tx, actor, round.team_id).await?;
        if !actor.takes_part_in(round.team_id) {
            return Err(Error::Forbidden);
        }
        if !round.open_on(self.today()) {
            return Err(Error::Refused("pulse-error-closed"));
        }
        let instrument = self.instrument_by_id(&mut tx, round.instrument_id).await?;
        let d = &instrument.definition;
        let mut given: Vec<(String, AnswerValue)> = Vec::new();
        let mut problems = AnswerProblems::new();
        for (key, raw) in posted {
            let Some(item_id) = key.strip_prefix(ANSWER_PREFIX) else { continue };
            let item = d.item(item_id).ok_or(Error::Refused("error-form-tampered"))?;
            given.retain(|(i, _)| *i != item.id);
            match item.check(raw) {
                Ok(Some(v)) => given.push((item.id.clone(), v)),
                Ok(None) => {}
                Err(key) => problems.push((item.id.clone(), key)),
            }
        }
        for item in d.items().filter(|i| i.required) {
            if !given.iter().any(|(i, _)| *i == item.id) && !problems.iter().any(|(i, _)| *i == item.id) {
                problems.push((item.id.clone(), "error-answer-required"));
            }
        }
        if !problems.is_empty() {
            return Ok(problems);
        }
        if !store::add_mark(&mut tx, round_id, actor.id()).await? {
            return Err(Error::Refused("pulse-error-already-answered"));
        }
        // The mark and the answers in separate transactions: nothing the
        // database keeps per transaction ties one to the other.
        tx.commit().await?;
        if let Err(e) = self.add_unlinked_pulse(round_id, too_high_value(d), given).await {
            // Without the answers, the mark goes: the person may answer again.
            let mut tx = self.db.begin().await?;
            store::remove_mark(&mut tx, round_id, actor.id()).await?;
            tx.commit().await?;
            return Err(e);
        }
        Ok(problems)
    }

    /// Writes every answer of the round again, the new ones among them,
    /// with random ids in a random order, under the round's row lock; the
    /// tallies are counted from what is written.
    async fn add_unlinked_pulse(
        &self,
        round_id: i64,
        high: Option<i64>,
        given: Vec<(String, AnswerValue)>,
    ) -> Result<()> {
        use rand::seq::SliceRandom;
        let mut tx = self.db.begin().await?;
        store::lock(&mut tx, round_id).await?;
        let round = store::round_by_id(&mut tx, round_id).await?.ok_or(Error::NotFound)?;
        let mut all = store::answers(&mut tx, round_id).await?;
        all.extend(given.into_iter().map(|(item_id, value)| Answer { id: unlinked_id(), item_id, value }));
        all.shuffle(&mut rand::rng());
        let workload: Vec<&Answer> = all.iter().filter(|a| a.item_id == super::WORKLOAD_ITEM).collect();
        let too_high = workload.iter().filter(|a| high.is_some_and(|h| a.value == AnswerValue::Number(h))).count();
        let tallies = (round.respondents + 1, workload.len() as i64, too_high as i64);
        store::replace_answers(&mut tx, round_id, &all, tallies).await?;
        tx.commit().await?;
        Ok(())
    }

    /// From a worrying round to "what will we do about it?": a leader of
    /// the team adds an action with a kartrekker, its origin the round.
    pub async fn add_pulse_action(&self, actor: &Actor, round_id: i64, input: &ActionInput<'_>) -> Result<i64> {
        let mut tx = self.db.begin().await?;
        let round = store::round_by_id(&mut tx, round_id).await?.ok_or(Error::NotFound)?;
        team_seen_by(&mut tx, actor, round.team_id).await?;
        if !leads(actor, round.team_id) {
            return Err(Error::Forbidden);
        }
        let origin = Origin { kind: OriginKind::Pulse, id: Some(round_id) };
        let id = self.create_action_in(&mut tx, actor, round.team_id, input, origin).await?;
        tx.commit().await?;
        Ok(id)
    }

    /// From a worrying round to a team conversation: a leader of the team
    /// puts the round's result on the agenda of one of the team's coming
    /// meetings, as an item at its end that points back to the round. The
    /// item carries the figures only where the whole team may see them
    /// (docs/decisions/0025). Returns the meeting.
    pub async fn put_pulse_on_agenda(
        &self,
        actor: &Actor,
        round_id: i64,
        meeting: &str,
        lang: Language,
    ) -> Result<i64> {
        let mut tx = self.db.begin().await?;
        let round = store::round_by_id(&mut tx, round_id).await?.ok_or(Error::NotFound)?;
        team_seen_by(&mut tx, actor, round.team_id).await?;
        if !leads(actor, round.team_id) {
            return Err(Error::Forbidden);
        }
        let chosen = meeting.trim().parse::<i64>().ok();
        let coming = coming_meetings(&mut tx, round.team_id, self.today()).await?;
        let m = coming
            .into_iter()
            .find(|m| Some(m.id) == chosen)
            .ok_or(Error::invalid("meeting", "pulse-error-meeting"))?;
        let t = threshold(&mut tx, round.org_id, 0).await?;
        // Shown to a member who answered too: the viewer counted out.
        let result = if t.met(round.respondents, true) {
            let instrument = self.instrument_by_id(&mut tx, round.instrument_id).await?;
            let answers: Vec<(String, AnswerValue)> =
                store::answers(&mut tx, round_id).await?.into_iter().map(|a| (a.item_id, a.value)).collect();
            Some(round_result(&instrument.definition, round.respondents, &answers))
        } else {
            None
        };
        let item = agenda_item(lang, &round, t.needed(), result.as_ref());
        if meetings::append_pulse_item(&mut tx, m.id, &item, round_id).await?.is_none() {
            return Err(Error::invalid("meeting", "pulse-error-on-agenda-already"));
        }
        tx.commit().await?;
        Ok(m.id)
    }
}
