//! The demo hospital's portfolios: three residents in different phases
//! with their opleider, a year of activities, feedback (one given through
//! its link) and a shared profile plan.

use super::model::{ActivityKind, CheckedActivity, CheckedFeedback, FeedbackForm, FeedbackStatus, Level, Phase};
use super::store::{self, Giver, NewActivity, NewFeedback};
use crate::auth::token;
use crate::clock::DAY_MS;
use crate::organisations::{TeamRole, store as orgs};
use crate::people::{self, Profession};
use crate::{Kartrekker, Result};

/// (what happened, what went well, next time) per kind of situation.
const SITUATIONS: &[(ActivityKind, Level, &str, &str, &str)] = &[
    (
        ActivityKind::WardRound,
        Level::Frontline,
        "Grote visite met de verpleging voorbereid; nazorg van twee ontslagen geregeld.",
        "Alle patiënten binnen de tijd besproken.",
        "Eerder de apotheek bellen.",
    ),
    (
        ActivityKind::Handover,
        Level::Frontline,
        "Avondoverdracht aan de dienstdoende collega.",
        "Prioriteiten vooraan gezet.",
        "Telefoon even wegleggen.",
    ),
    (
        ActivityKind::Multidisciplinary,
        Level::Frontline,
        "MDO oncologie: doel vooraf genoemd.",
        "De verpleegkundig specialist kwam aan het woord.",
        "Besluiten hardop samenvatten.",
    ),
    (
        ActivityKind::Teaching,
        Level::Frontline,
        "Intervisie over timemanagement met co-assistenten.",
        "Iedereen bracht een casus mee.",
        "Strakker op tijd afronden.",
    ),
    (
        ActivityKind::DepartmentMeeting,
        Level::Clinical,
        "Vakgroepvergadering bijgewoond: begroting volgend jaar.",
        "Vraag gesteld over de productieafspraken.",
        "Vooraf de stukken lezen.",
    ),
    (
        ActivityKind::Chairing,
        Level::Clinical,
        "Assistentenvergadering voorgezeten.",
        "Agenda vooraf rondgestuurd.",
        "Stille collega's eerst vragen.",
    ),
    (
        ActivityKind::VerwonderVerbeter,
        Level::Frontline,
        "Verwonderpunt: polidossiers in het weekend niet beschikbaar.",
        "Twee collega's sloten aan.",
        "Meten hoe vaak het misgaat.",
    ),
    (
        ActivityKind::HospitalCommittee,
        Level::Clinical,
        "VIM-commissie: melding over medicatie besproken.",
        "Het perspectief van de afdeling ingebracht.",
        "Terugkoppelen aan het team.",
    ),
];

impl Kartrekker {
    /// Adds the portfolios to the demo hospital: Thijs (aios, team 9) gets
    /// the resident role beside his others, two more residents join him.
    pub(crate) async fn seed_demo_portfolio(&self, org: i64, team: i64, opleider: i64) -> Result<()> {
        let mut tx = self.db.begin().await?;
        let now = self.now();
        let thijs = people::store::by_email(&mut tx, "aios@delinde.demo").await?.ok_or(crate::Error::NotFound)?;
        let hash = crate::auth::password::hash(crate::demo::PASSWORD.to_string()).await?;
        let mut residents: Vec<(i64, Phase, i64)> = vec![(thijs.id, Phase::Vervolgfase, 360)];
        for (email, name, phase, since) in [
            ("aios2@delinde.demo", "Lotte Smit", Phase::Basis, 200),
            ("aios3@delinde.demo", "Mohammed El Amrani", Phase::Vervolgfase, 40),
        ] {
            let p = people::store::NewPerson {
                email,
                name,
                profession: Profession::Resident,
                org_id: Some(org),
                is_instance_admin: false,
            };
            let id = people::store::insert(&mut tx, &p, now).await?;
            people::store::set_password_hash(&mut tx, id, &hash).await?;
            residents.push((id, phase, since));
        }
        for (i, (id, phase, since)) in residents.iter().enumerate() {
            orgs::add_member(&mut tx, team, *id, TeamRole::Resident).await?;
            let since = self.today().add_days(-since);
            store::set_phase(&mut tx, *id, *phase, since, opleider, now).await?;
            // A year of activities, about two a month, the first shared.
            let count = 24 - 6 * i as i64;
            for n in 0..count {
                let (kind, level, what, well, next) = SITUATIONS[(n as usize + i) % SITUATIONS.len()];
                let day = self.today().add_days(-(n * 365 / count) - 2);
                let checked = CheckedActivity {
                    kind,
                    level,
                    happened_on: day,
                    what: what.into(),
                    went_well: well.into(),
                    next_time: next.into(),
                    card: kind.card(),
                    link: None,
                };
                let phase = if day < since { Phase::Basis } else { *phase };
                let new = NewActivity { org_id: org, resident_id: *id, checked: &checked, phase, shared: n % 3 == 0 };
                store::insert_activity(&mut tx, &new, now - n * DAY_MS).await?;
            }
        }
        // Feedback: answered through the link by a nurse from outside, and one still open.
        let asked = [
            (
                FeedbackForm::Chairing,
                "Assistentenvergadering van vorige week",
                "Ingrid Vos",
                "ingrid.vos@zorgelders.demo",
                true,
            ),
            (
                FeedbackForm::WorkingTogether,
                "Samenwerking tijdens de avonddiensten",
                "Sanne Bakker",
                "verpleegkundige@delinde.demo",
                false,
            ),
        ];
        for (form, situation, name, email, answer) in asked {
            let checked = CheckedFeedback {
                form,
                situation: situation.into(),
                giver_name: name.into(),
                giver_email: email.into(),
                activity: None,
            };
            let new =
                NewFeedback { org_id: org, resident_id: thijs.id, checked: &checked, expires_at: now + 14 * DAY_MS };
            let id = store::insert_feedback(&mut tx, &new, now - 3 * DAY_MS).await?;
            let hash = token::digest(&token::new_secret());
            store::set_token(&mut tx, id, &hash, None).await?;
            if answer {
                let answers = [
                    "Agenda en stukken twee dagen vooraf: iedereen was voorbereid.".to_string(),
                    "Je hield de tijd goed vast en vatte elk besluit samen.".to_string(),
                    "De arts-assistenten uit het eerste jaar kwamen weinig aan bod.".to_string(),
                ];
                store::close(&mut tx, Giver::Link(&hash), FeedbackStatus::Answered, &answers, now).await?;
                store::set_feedback_reflection(
                    &mut tx,
                    id,
                    "Volgende keer begin ik de ronde bij de jongste collega's.",
                    true,
                )
                .await?;
            }
        }
        let steps = [
            "Klinisch en opleider: ik wil later zelf aios begeleiden.",
            "Dr. Willems combineert kliniek met het opleiderschap; ze deed een didactische cursus.",
            "Collega's noemen mijn rust bij overdrachten en onderwijs.",
            "Een module onderwijs in het vierde jaar, de talentklas landelijk.",
            "Na de vervolgfase-stage, in het vierde jaar.",
            "Bespreken in het voortgangsgesprek: onderwijstaken in het rooster.",
        ]
        .map(String::from);
        store::insert_plan(&mut tx, thijs.id, &steps, true, now - 20 * DAY_MS).await?;
        // The opleider's comment after the progress conversation.
        let comment = "Goed gesprek gehad over je plan. Plan het onderwijsblok in voor het vierde jaar.";
        store::insert_comment(&mut tx, thijs.id, None, opleider, comment, now - 10 * DAY_MS).await?;
        tx.commit().await?;
        Ok(())
    }
}
