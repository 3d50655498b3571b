//! The e-mails Kartrekker sends, as text + HTML pairs in the receiver's
//! language. Their texts are the `mail-` messages of the Fluent files.

use super::Email;
use crate::actions::{Action, NoticeKind};
use crate::i18n::{t, t_text};
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

fn greeting(lang: Language, name: &str) -> String {
    t_text(lang, "mail-greeting", &[("name", name)])
}

pub fn invitation(lang: Language, to: &str, name: &str, organisation: &str, link: &str, valid_days: i64) -> Email {
    let org = ("organisation", organisation);
    email(
        to,
        t_text(lang, "mail-invitation-subject", &[org]),
        &[
            greeting(lang, name),
            t_text(lang, "mail-invitation-intro", &[org]),
            t_text(lang, "mail-invitation-password", &[("days", &valid_days.to_string())]),
        ],
        link,
        t(lang, "mail-invitation-button"),
    )
}

pub fn password_reset(lang: Language, to: &str, name: &str, link: &str, valid_hours: i64) -> Email {
    email(
        to,
        t(lang, "mail-reset-subject").into(),
        &[
            greeting(lang, name),
            t(lang, "mail-reset-asked").into(),
            t_text(lang, "mail-reset-valid", &[("hours", &valid_hours.to_string())]),
        ],
        link,
        t(lang, "mail-reset-button"),
    )
}

fn due_line(lang: Language, kind: NoticeKind, a: &Action) -> String {
    let due = a.due_date.map(|d| d.to_string()).unwrap_or_default();
    let key = match kind {
        NoticeKind::DueSoon => "mail-due-soon",
        NoticeKind::Overdue => "mail-overdue",
    };
    t_text(lang, key, &[("title", &a.title), ("team", &a.team), ("due", &due)])
}

pub fn action_reminder(lang: Language, to: &str, name: &str, kind: NoticeKind, a: &Action, link: &str) -> Email {
    let subject = match kind {
        NoticeKind::DueSoon => "mail-reminder-due-soon-subject",
        NoticeKind::Overdue => "mail-reminder-overdue-subject",
    };
    email(
        to,
        t_text(lang, subject, &[("title", &a.title)]),
        &[
            greeting(lang, name),
            due_line(lang, kind, a),
            t(lang, "mail-reminder-ask").into(),
            t(lang, "mail-reminder-settings").into(),
        ],
        link,
        t(lang, "mail-reminder-button"),
    )
}

pub fn digest(lang: Language, to: &str, name: &str, items: &[(NoticeKind, Action, String)]) -> Email {
    let mut paragraphs = vec![greeting(lang, name), t(lang, "mail-digest-intro").into()];
    paragraphs.extend(items.iter().map(|(k, a, link)| format!("{} {link}", due_line(lang, *k, a))));
    let home =
        items.first().map(|(_, _, l)| l.rsplit_once("/actions/").map(|(base, _)| base.to_string()).unwrap_or_default());
    email(
        to,
        t(lang, "mail-digest-subject").into(),
        &paragraphs,
        &home.unwrap_or_default(),
        t(lang, "mail-digest-button"),
    )
}

/// The next (re-)evaluation of a team's trajectory is coming up. `seq` 0 is
/// the first evaluation, later ones are re-evaluations. `to_evaluate`: the
/// titles of the actions whose "evaluate on" comes to this evaluation.
#[allow(clippy::too_many_arguments)]
pub fn evaluation_reminder(
    lang: Language,
    to: &str,
    name: &str,
    team: &str,
    date: &str,
    seq: i64,
    to_evaluate: &[String],
    link: &str,
) -> Email {
    let what = t(lang, if seq == 0 { "mail-evaluation-first" } else { "mail-evaluation-again" });
    let (what, team) = (("what", what), ("team", team));
    let mut paragraphs =
        vec![greeting(lang, name), t_text(lang, "mail-evaluation-planned", &[what, team, ("date", date)])];
    if !to_evaluate.is_empty() {
        let titles = to_evaluate.iter().map(|t| format!("\"{t}\"")).collect::<Vec<_>>().join(", ");
        paragraphs.push(t_text(lang, "mail-evaluation-actions", &[("titles", &titles)]));
    }
    paragraphs.push(t(lang, "mail-evaluation-prepare").into());
    email(
        to,
        t_text(lang, "mail-evaluation-subject", &[what, team]),
        &paragraphs,
        link,
        t(lang, "mail-evaluation-button"),
    )
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
    let (subject, text) = if own {
        ("mail-follow-up-own-subject", "mail-follow-up-own")
    } else {
        ("mail-follow-up-buddy-subject", "mail-follow-up-buddy")
    };
    let args = [("owner", owner), ("date", date)];
    email(
        to,
        t_text(lang, subject, &args),
        &[greeting(lang, name), t_text(lang, text, &args)],
        link,
        t(lang, "mail-follow-up-button"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::actions::{Origin, Status};

    /// Every e-mail in both languages finds each of its messages and
    /// arguments, and a text that looks like a number stays as typed.
    #[test]
    fn every_email_is_complete_in_both_languages() {
        let a = Action {
            id: 3,
            org_id: 1,
            team_id: 2,
            team: "007".into(),
            title: "+5 & <b>".into(),
            goal: String::new(),
            kartrekker_id: 1,
            kartrekker: String::new(),
            status: Status::Open,
            due_date: crate::dates::Date::from_ymd(2026, 5, 1),
            evaluation_date: None,
            result: String::new(),
            origin: Origin::REGISTER,
            created_at: 0,
            updated_at: 0,
        };
        let due = |k| (k, a.clone(), "https://k/actions/3".to_string());
        for lang in Language::ALL {
            let emails = [
                invitation(lang, "x@y", "Zoë", "007", "https://k/l", 7),
                password_reset(lang, "x@y", "Zoë", "https://k/l", 2),
                action_reminder(lang, "x@y", "Zoë", NoticeKind::DueSoon, &a, "https://k/actions/3"),
                action_reminder(lang, "x@y", "Zoë", NoticeKind::Overdue, &a, "https://k/actions/3"),
                digest(lang, "x@y", "Zoë", &[due(NoticeKind::DueSoon), due(NoticeKind::Overdue)]),
                evaluation_reminder(lang, "x@y", "Zoë", "007", "1 mei 2026", 0, &[], "https://k/e"),
                evaluation_reminder(lang, "x@y", "Zoë", "007", "1 mei 2026", 1, &["Overdracht".into()], "https://k/e"),
                follow_up_reminder(lang, "x@y", "Zoë", "Ed", true, "2 mei", "https://k/f"),
                follow_up_reminder(lang, "x@y", "Zoë", "Ed", false, "2 mei", "https://k/f"),
            ];
            for e in emails {
                let all = format!("{}\n{}\n{}", e.subject, e.text, e.html);
                assert!(!all.contains(['{', '}']) && !all.contains("Unknown localization"), "{lang:?}: {all}");
                assert!(e.text.starts_with(if lang == Language::Nl { "Beste Zoë," } else { "Dear Zoë," }));
            }
        }
        let e = action_reminder(Language::En, "x@y", "Zoë", NoticeKind::Overdue, &a, "https://k/actions/3");
        assert_eq!(e.subject, "Overdue: +5 & <b>");
        assert!(e.text.contains("\"+5 & <b>\" (007) was due on "), "{}", e.text);
        assert!(e.html.contains("<p>&quot;+5 &amp; &lt;b&gt;&quot; (007) was due on "), "{}", e.html);
    }
}
