//! The e-mails Kartrekker sends, as text + HTML pairs in the receiver's language.

use super::Email;
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
