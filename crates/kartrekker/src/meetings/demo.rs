//! The demo hospital's meetings: a month of dagstarts in a daily series on
//! the first team (today's still open), a Moreel Beraad and a STOP! meeting
//! with their notes, a decision and an action on the board.

use super::model::{Kind, Recurrence, builtin_agenda};
use super::store::{self, NewDecision, NewMeeting};
use crate::actions::{ActionInput, Origin, OriginKind};
use crate::auth::Actor;
use crate::clock::DAY_MS;
use crate::people::Language;
use crate::trajectories::model::StartTime;
use crate::{Error, Kartrekker, Result};

const DAGSTART_NOTES: &[&str] = &[
    "Geen bijzonderheden.",
    "Valrisico bij de patiënt op kamer 4: bedhek omhoog, alarmmat.",
    "Infuuspomp op kamer 7 geeft storing: medische techniek gebeld.",
    "Twee zieken in de avonddienst: flexpool gevraagd.",
];

/// A closed meeting of the demo team, `days_ago` days back.
struct Held<'a> {
    kind: Kind,
    days_ago: i64,
    series_id: Option<i64>,
    notes: &'a [&'a str],
}

impl Kartrekker {
    pub(crate) async fn seed_demo_meetings(&self, team_id: i64, chair: &Actor) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let org = chair.org_id().ok_or(Error::NotFound)?;
        let now = self.now();
        let today = self.today();
        let attendees: Vec<i64> =
            crate::actions::service::kartrekkers(&mut tx, team_id).await?.into_iter().map(|m| m.person_id).collect();
        let series = store::insert_series(&mut tx, org, team_id, Recurrence::Daily, now - 30 * DAY_MS).await?;
        let plan = async |tx: &mut crate::db::Conn, h: Held<'_>| -> Result<i64> {
            let label = |k: &str| crate::i18n::t(Language::Nl, k).to_string();
            let title = label(&format!("meeting-kind-{}", h.kind.code()));
            let time = if h.kind == Kind::Dagstart { "07:30" } else { "14:00" };
            let new = NewMeeting {
                org_id: org,
                team_id,
                series_id: h.series_id,
                kind: h.kind,
                title: &title,
                held_on: today.add_days(-h.days_ago),
                start_time: StartTime::parse_optional(time)?.ok_or(Error::NotFound)?,
                chair_id: chair.id(),
                created_by: chair.id(),
            };
            let id = store::insert_meeting(tx, &new, now).await?.ok_or(Error::NotFound)?;
            store::insert_items(tx, id, &builtin_agenda(h.kind, &label)).await?;
            for (n, item) in store::items(tx, id).await?.iter().enumerate() {
                if let Some(text) = h.notes.get(n) {
                    store::set_notes(tx, id, item.id, text).await?;
                }
            }
            for p in &attendees {
                store::insert_attendee(tx, id, *p).await?;
            }
            Ok(id)
        };
        for d in (1..=30).rev() {
            let note = DAGSTART_NOTES[(d as usize) % DAGSTART_NOTES.len()];
            let id = plan(&mut tx, Held { kind: Kind::Dagstart, days_ago: d, series_id: Some(series), notes: &[note] })
                .await?;
            store::close(&mut tx, id, now - (d * DAY_MS)).await?;
        }
        plan(&mut tx, Held { kind: Kind::Dagstart, days_ago: 0, series_id: Some(series), notes: &[] }).await?;
        let beraad = plan(
            &mut tx,
            Held {
                kind: Kind::MoreelBeraad,
                days_ago: 10,
                series_id: None,
                notes: &[
                    "Een patiënt weigert de sondevoeding; de familie wil dat we doorgaan.",
                    "Moeten we de wens van de patiënt volgen, of de familie die zegt dat hij niet helder denkt?",
                    "Patiënt, familie, arts, verpleging: ieder kijkt vanuit zorg, maar anders.",
                    "Autonomie, goed doen, niet schaden, vertrouwen van de familie.",
                    "Doorgaan; stoppen; wilsbekwaamheid laten beoordelen en dan samen besluiten.",
                    "Eerst wilsbekwaamheid laten beoordelen, daarna een gesprek met patiënt en familie samen.",
                ],
            },
        )
        .await?;
        let decision = NewDecision {
            meeting_id: beraad,
            text: "Wilsbekwaamheid eerst laten beoordelen",
            concerns: "Zaalarts en verpleging",
            decision_id: None,
            by: chair.id(),
        };
        store::insert_decision(&mut tx, &decision, now).await?;
        store::close(&mut tx, beraad, now - 10 * DAY_MS).await?;
        let stop = plan(
            &mut tx,
            Held {
                kind: Kind::Stop,
                days_ago: 5,
                series_id: None,
                notes: &[
                    "Bijna een verkeerde dosis heparine: twee pompen met dezelfde kleur label.",
                    "Rust in het team, en een gesprek met de collega die het opmerkte.",
                    "Labels per middel een eigen kleur; dubbele controle bij hoog-risico medicatie.",
                ],
            },
        )
        .await?;
        let due = today.add_days(14).to_string();
        let input = ActionInput {
            title: "Kleurlabels per hoog-risico middel invoeren",
            goal: "Geen verwisseling van pompen meer",
            kartrekker: &chair.id().to_string(),
            due_date: &due,
            ..Default::default()
        };
        self.create_action_in(&mut tx, chair, team_id, &input, Origin { kind: OriginKind::Meeting, id: Some(stop) })
            .await?;
        store::close(&mut tx, stop, now - 5 * DAY_MS).await?;
        tx.commit().await?;
        Ok(())
    }
}
