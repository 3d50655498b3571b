//! The demo hospital that `kartrekker demo` fills an empty database with.

use crate::auth::password;
use crate::organisations::{OrgRole, TeamRole, store as orgs};
use crate::people::{Profession, store as people};
use crate::{Kartrekker, Result};

pub const PASSWORD: &str = "kartrekker-demo";
pub const ORGANISATION: &str = "Ziekenhuis De Linde";

/// The log-ins printed by `kartrekker demo`: (e-mail, what they show).
pub const LOGINS: &[(&str, &str)] = &[
    ("beheer@kartrekker.demo", "instance administrator / instantiebeheerder"),
    ("admin@delinde.demo", "organisation administrator / beheerder"),
    ("programmaleider@delinde.demo", "program leader / programmaleider"),
    ("teamleider@delinde.demo", "team leader, Interne B3 / leidinggevende"),
    ("trainer@delinde.demo", "trainer"),
    ("verpleegkundige@delinde.demo", "nurse, Interne B3 / verpleegkundige"),
    ("aios@delinde.demo", "resident / aios"),
    ("opleider@delinde.demo", "supervisor / opleider"),
    ("hr@delinde.demo", "HR"),
];

const DEPARTMENTS: &[(&str, &[&str])] = &[
    ("Interne geneeskunde", &["Interne B3", "Interne B4"]),
    ("Chirurgie", &["Chirurgie C2", "Dagbehandeling"]),
    ("Cardiologie", &["Hartbewaking", "Cardiologie A1"]),
    ("Spoedeisende hulp", &["SEH"]),
    ("Kindergeneeskunde", &["Kinderafdeling"]),
    ("Vakgroepen", &["Vakgroep Interne", "Vakgroep Chirurgie"]),
];

const FIRST: &[&str] = &[
    "Anouk", "Bram", "Carlijn", "Daan", "Eline", "Femke", "Gijs", "Hanna", "Iris", "Jasper", "Kim", "Lars", "Lotte",
    "Maarten", "Noor", "Olaf", "Petra", "Quinten", "Roos", "Sanne", "Tim", "Ilse", "Vera", "Willem", "Yara", "Zoë",
    "Mohamed", "Fatima", "Sven", "Nadia",
];
const LAST: &[&str] = &[
    "de Vries",
    "Jansen",
    "Bakker",
    "Visser",
    "Smit",
    "Meijer",
    "de Boer",
    "Mulder",
    "de Groot",
    "Bos",
    "Vos",
    "Peters",
    "Hendriks",
    "van Leeuwen",
    "Dekker",
    "Brouwer",
    "de Wit",
    "Dijkstra",
    "Smits",
    "de Graaf",
    "van der Meer",
    "El Amrani",
    "Yılmaz",
    "Kok",
];

fn mail_name(first: &str, last: &str) -> String {
    let clean = |s: &str| {
        s.to_lowercase()
            .replace(' ', "")
            .replace('ë', "e")
            .replace('ı', "i")
            .chars()
            .filter(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
    };
    format!("{}.{}@delinde.demo", clean(first), clean(last))
}

impl Kartrekker {
    /// Fills an empty database with the demo hospital; does nothing when
    /// people exist already. Returns true when it filled.
    pub async fn seed_demo(&self) -> Result<bool> {
        if people::count(&mut *self.conn().await?).await? > 0 {
            return Ok(false);
        }
        let hash = password::hash(PASSWORD.to_string()).await?;
        let now = self.now();
        let mut tx = self.db.begin().await?;
        let org = orgs::insert_organisation(&mut tx, ORGANISATION, now).await?;
        let mut teams = Vec::new();
        for (dept, names) in DEPARTMENTS {
            let d = orgs::insert_department(&mut tx, org, dept).await?;
            for n in *names {
                teams.push(orgs::insert_team(&mut tx, org, d, n).await?);
            }
        }
        add_person(
            &mut tx,
            &hash,
            now,
            people::NewPerson {
                email: "beheer@kartrekker.demo",
                name: "Beheer Kartrekker",
                profession: Profession::Other,
                org_id: None,
                is_instance_admin: true,
            },
        )
        .await?;
        let named: &[Named] = &[
            ("admin@delinde.demo", "Femke de Groot", Profession::Manager, &[OrgRole::Admin], &[]),
            ("programmaleider@delinde.demo", "Pieter van Dam", Profession::Manager, &[OrgRole::ProgramLeader], &[]),
            ("teamleider@delinde.demo", "Marieke Jansen", Profession::Manager, &[], &[(0, TeamRole::TeamLeader)]),
            (
                "trainer@delinde.demo",
                "Ruud Hoekstra",
                Profession::BachelorNurse,
                &[],
                &[(2, TeamRole::Member), (0, TeamRole::Trainer)],
            ),
            ("verpleegkundige@delinde.demo", "Sanne Bakker", Profession::BachelorNurse, &[], &[(0, TeamRole::Member)]),
            (
                "aios@delinde.demo",
                "Thijs Verbeek",
                Profession::Resident,
                &[],
                &[(0, TeamRole::Member), (9, TeamRole::Member)],
            ),
            (
                "opleider@delinde.demo",
                "Dr. Esther Willems",
                Profession::MedicalSpecialist,
                &[],
                &[(9, TeamRole::Opleider), (9, TeamRole::Member), (0, TeamRole::MedicalManager)],
            ),
            ("hr@delinde.demo", "Karin Mulder", Profession::Other, &[OrgRole::Hr], &[]),
        ];
        let mut ids = Vec::new();
        for (email, name, prof, roles, memberships) in named {
            let id = add_person(
                &mut tx,
                &hash,
                now,
                people::NewPerson { email, name, profession: *prof, org_id: Some(org), is_instance_admin: false },
            )
            .await?;
            orgs::set_org_roles(&mut tx, id, roles).await?;
            for (t, r) in *memberships {
                orgs::add_member(&mut tx, teams[*t], id, *r).await?;
            }
            ids.push(id);
        }
        // About fifty more, spread over the teams: mostly nurses, some
        // doctors and specialists in the specialist groups.
        let mut n = 0usize;
        for (ti, team) in teams.iter().enumerate() {
            let size = if ti == 0 { 6 } else { 5 };
            for k in 0..size {
                let first = FIRST[(n * 7 + 3) % FIRST.len()];
                let last = LAST[(n * 5 + ti) % LAST.len()];
                n += 1;
                let prof = if ti >= 9 {
                    Profession::MedicalSpecialist
                } else {
                    [
                        Profession::BachelorNurse,
                        Profession::VocationalNurse,
                        Profession::BachelorNurse,
                        Profession::CareAssistant,
                        Profession::Doctor,
                    ][k % 5]
                };
                let email = mail_name(first, last);
                let email = if people::by_email(&mut tx, &email).await?.is_some() {
                    email.replace('@', &format!("{n}@"))
                } else {
                    email
                };
                let id = add_person(
                    &mut tx,
                    &hash,
                    now,
                    people::NewPerson {
                        email: &email,
                        name: &format!("{first} {last}"),
                        profession: prof,
                        org_id: Some(org),
                        is_instance_admin: false,
                    },
                )
                .await?;
                let role = if k == 0 && ti < 9 && ti != 0 { TeamRole::TeamLeader } else { TeamRole::Member };
                orgs::add_member(&mut tx, *team, id, role).await?;
            }
        }
        tx.commit().await?;
        Ok(true)
    }
}

/// (e-mail, name, profession, organisation roles, (team index, role) memberships)
type Named = (&'static str, &'static str, Profession, &'static [OrgRole], &'static [(usize, TeamRole)]);

async fn add_person(tx: &mut crate::db::Conn, hash: &str, now: i64, p: people::NewPerson<'_>) -> Result<i64> {
    let id = people::insert(tx, &p, now).await?;
    people::set_password_hash(tx, id, hash).await?;
    Ok(id)
}
