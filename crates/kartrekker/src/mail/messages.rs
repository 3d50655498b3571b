//! The e-mails Kartrekker sends, as text + HTML pairs in the receiver's language.

use super::Email;
use crate::actions::{Action, NoticeKind};
use crate::people::Language;

pub fn escape_html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

fn email(to: &str, subject: String, paragraphs: &[String], link: &str, button: &str) -> Email {
    let text = format!("{}\n\n{link}\n", paragraphs.join("\n\n"));
    let html = format!(
        "<!doctype html><html><body style=\"font-family:sans-serif\">{}<p><a href=\"{}\">{}</a></p></body></html>",
        paragraphs.iter().map(|p| format!("<p>{}</p>", escape_html(p))).collect::<String>(),
        escape_html(link),
        escape_html(button)
    );
    Email { to: to.to_string(), subject, text, html }
}

pub fn invitation(lang: Language, to: &str, name: &str, organisation: &str, link: &str, valid_days: i64) -> Email {
    match lang {
        Language::Nl => email(
            to,
            format!("Uitnodiging voor Kartrekker van {organisation}"),
            &[
                format!("Beste {name},"),
                format!(
                    "{organisation} nodigt je uit voor Kartrekker, waar je team verbeteracties afspreekt en opvolgt."
                ),
                format!(
                    "Kies via de link hieronder een wachtwoord. De link werkt één keer en is {valid_days} dagen geldig."
                ),
            ],
            link,
            "Wachtwoord kiezen",
        ),
        Language::En => email(
            to,
            format!("Invitation to Kartrekker from {organisation}"),
            &[
                format!("Dear {name},"),
                format!(
                    "{organisation} invites you to Kartrekker, where your team agrees on improvement actions and follows them up."
                ),
                format!("Choose a password with the link below. It works once and is valid for {valid_days} days."),
            ],
            link,
            "Choose a password",
        ),
    }
}

pub fn password_reset(lang: Language, to: &str, name: &str, link: &str, valid_hours: i64) -> Email {
    match lang {
        Language::Nl => email(
            to,
            "Nieuw wachtwoord voor Kartrekker".into(),
            &[
                format!("Beste {name},"),
                "Je hebt gevraagd om een nieuw wachtwoord. Kies het via de link hieronder.".into(),
                format!(
                    "De link werkt één keer en is {valid_hours} uur geldig. Heb je dit niet gevraagd? Dan hoef je niets te doen."
                ),
            ],
            link,
            "Nieuw wachtwoord kiezen",
        ),
        Language::En => email(
            to,
            "New password for Kartrekker".into(),
            &[
                format!("Dear {name},"),
                "You asked for a new password. Choose it with the link below.".into(),
                format!(
                    "The link works once and is valid for {valid_hours} hours. Did you not ask for this? Then there is nothing to do."
                ),
            ],
            link,
            "Choose a new password",
        ),
    }
}

fn due_line(lang: Language, kind: NoticeKind, a: &Action) -> String {
    let due = a.due_date.map(|d| d.to_string()).unwrap_or_default();
    match (lang, kind) {
        (Language::Nl, NoticeKind::DueSoon) => format!("\"{}\" ({}) moet af op {due}.", a.title, a.team),
        (Language::Nl, NoticeKind::Overdue) => format!("\"{}\" ({}) had af moeten zijn op {due}.", a.title, a.team),
        (Language::En, NoticeKind::DueSoon) => format!("\"{}\" ({}) is due on {due}.", a.title, a.team),
        (Language::En, NoticeKind::Overdue) => format!("\"{}\" ({}) was due on {due}.", a.title, a.team),
    }
}

pub fn action_reminder(lang: Language, to: &str, name: &str, kind: NoticeKind, a: &Action, link: &str) -> Email {
    let (subject, greeting, ask, button, settings) = match lang {
        Language::Nl => (
            match kind {
                NoticeKind::DueSoon => format!("Herinnering: {}", a.title),
                NoticeKind::Overdue => format!("Over de datum: {}", a.title),
            },
            format!("Beste {name},"),
            "Je bent de kartrekker van deze actie. Zet de voortgang erbij, of pas de datum of de status aan.",
            "Naar de actie",
            "Hoe vaak je deze e-mails krijgt, stel je zelf in onder Instellingen.",
        ),
        Language::En => (
            match kind {
                NoticeKind::DueSoon => format!("Reminder: {}", a.title),
                NoticeKind::Overdue => format!("Past its date: {}", a.title),
            },
            format!("Dear {name},"),
            "You are the kartrekker of this action. Add the progress, or change the date or the status.",
            "Go to the action",
            "You choose how often you get these e-mails under Settings.",
        ),
    };
    email(to, subject, &[greeting, due_line(lang, kind, a), ask.into(), settings.into()], link, button)
}

pub fn digest(lang: Language, to: &str, name: &str, items: &[(NoticeKind, Action, String)]) -> Email {
    let (subject, greeting, intro) = match lang {
        Language::Nl => (
            "Je acties van vandaag",
            format!("Beste {name},"),
            "Dit zijn de acties waarvan je kartrekker bent en die aandacht vragen:",
        ),
        Language::En => {
            ("Your actions today", format!("Dear {name},"), "These are the actions you pull that need attention:")
        }
    };
    let mut paragraphs = vec![greeting, intro.to_string()];
    paragraphs.extend(items.iter().map(|(k, a, link)| format!("{} {link}", due_line(lang, *k, a))));
    let home =
        items.first().map(|(_, _, l)| l.rsplit_once("/actions/").map(|(base, _)| base.to_string()).unwrap_or_default());
    let button = match lang {
        Language::Nl => "Naar Kartrekker",
        Language::En => "Go to Kartrekker",
    };
    email(to, subject.into(), &paragraphs, &home.unwrap_or_default(), button)
}

/// The next (re-)evaluation of a team's trajectory is coming up. `seq` 0 is
/// the first evaluation, later ones are re-evaluations.
pub fn evaluation_reminder(
    lang: Language,
    to: &str,
    name: &str,
    team: &str,
    date: &str,
    seq: i64,
    link: &str,
) -> Email {
    match lang {
        Language::Nl => {
            let what = if seq == 0 { "evaluatie" } else { "herevaluatie" };
            email(
                to,
                format!("Binnenkort: {what} van {team}"),
                &[
                    format!("Beste {name},"),
                    format!(
                        "Op {date} staat de {what} van het traject Leidinggeven & leidingkrijgen van {team} gepland."
                    ),
                    "Bekijk vooraf wat er is afgesproken en wat ervan is gekomen. Zet de datum, de agenda en de \
                     aanwezigen erbij, zodat het team samen kan bespreken hoe het verder gaat."
                        .into(),
                ],
                link,
                "Naar de evaluatie",
            )
        }
        Language::En => {
            let what = if seq == 0 { "evaluation" } else { "re-evaluation" };
            email(
                to,
                format!("Coming up: {what} of {team}"),
                &[
                    format!("Dear {name},"),
                    format!("The {what} of the trajectory Leading & being led of {team} is planned for {date}."),
                    "Look beforehand at what was agreed and what came of it. Add the date, the agenda and who \
                     attends, so that the team can discuss together how to go on."
                        .into(),
                ],
                link,
                "Go to the evaluation",
            )
        }
    }
}

/// Before the follow-up of a personal action plan, to the person or their buddy.
pub fn follow_up_reminder(
    lang: Language,
    to: &str,
    name: &str,
    owner: &str,
    own: bool,
    date: &str,
    link: &str,
) -> Email {
    match lang {
        Language::Nl => email(
            to,
            if own {
                format!("Terugkijken op je actieplan op {date}")
            } else {
                format!("Terugkijken met {owner} op {date}")
            },
            &[
                format!("Beste {name},"),
                if own {
                    format!(
                        "Op {date} kijk je terug op je persoonlijke actieplan uit de reflectiecyclus. Spreek een moment af met je maatje."
                    )
                } else {
                    format!(
                        "Je bent het maatje van {owner}. Op {date} kijken jullie samen terug op het persoonlijke actieplan."
                    )
                },
            ],
            link,
            "Naar het actieplan",
        ),
        Language::En => email(
            to,
            if own {
                format!("Look back on your action plan on {date}")
            } else {
                format!("Look back with {owner} on {date}")
            },
            &[
                format!("Dear {name},"),
                if own {
                    format!(
                        "On {date} you look back on your personal action plan from the reflection cycle. Make an appointment with your buddy."
                    )
                } else {
                    format!("You are {owner}'s buddy. On {date} you look back together on the personal action plan.")
                },
            ],
            link,
            "Go to the action plan",
        ),
    }
}
