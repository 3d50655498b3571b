//! The e-mails Kartrekker sends, as text + HTML pairs in the receiver's
//! language. Their texts are the `mail-` messages of the Fluent files.

use super::Email;
use crate::i18n::{t, t_text};
use crate::notifications::Notice;
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
    Email { to: to.to_string(), subject, text, html, attachments: Vec::new() }
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

/// Someone who can log in already was added to one more organisation.
pub fn added_to_organisation(lang: Language, to: &str, name: &str, organisation: &str, link: &str) -> Email {
    let org = ("organisation", organisation);
    email(
        to,
        t_text(lang, "mail-added-subject", &[org]),
        &[greeting(lang, name), t_text(lang, "mail-added-intro", &[org]), t_text(lang, "mail-added-switch", &[org])],
        link,
        t(lang, "mail-added-button"),
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

/// After a password change or reset: a warning for whoever did not do it.
pub fn password_changed(lang: Language, to: &str, name: &str, reset_link: &str) -> Email {
    email(
        to,
        t(lang, "mail-password-changed-subject").into(),
        &[
            greeting(lang, name),
            t(lang, "mail-password-changed").into(),
            t(lang, "mail-password-changed-not-you").into(),
        ],
        reset_link,
        t(lang, "mail-password-changed-button"),
    )
}

/// A notice of any kind: what happened, for which team, and the page.
pub fn notice(lang: Language, to: &str, name: &str, n: &Notice, link: &str) -> Email {
    let code = n.kind.code();
    let mut e = email(
        to,
        t_text(lang, &format!("mail-notice-{code}-subject"), &n.args()),
        &[
            greeting(lang, name),
            t_text(lang, &format!("mail-notice-{code}"), &n.args()),
            t(lang, "mail-reminder-settings").into(),
        ],
        link,
        t(lang, "mail-notice-button"),
    );
    e.attachments.extend(n.attachment.clone());
    e
}

/// A notice's line in the daily digest.
pub fn digest_line(lang: Language, n: &Notice) -> String {
    t_text(lang, &format!("mail-notice-{}", n.kind.code()), &n.args())
}

/// Everything a person chose to get once a day: (line, link) each.
pub fn digest(lang: Language, to: &str, name: &str, items: &[(String, String)], home: &str) -> Email {
    let mut paragraphs = vec![greeting(lang, name), t(lang, "mail-digest-intro").into()];
    paragraphs.extend(items.iter().map(|(line, link)| format!("{line} {link}")));
    paragraphs.push(t(lang, "mail-reminder-settings").into());
    email(to, t(lang, "mail-digest-subject").into(), &paragraphs, home, t(lang, "mail-digest-button"))
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

/// portfolio: a resident asks someone, maybe without an account, for feedback
/// through a single-use link (or the one reminder of it).
pub fn feedback_request(
    lang: Language,
    to: &str,
    name: &str,
    resident: &str,
    link: &str,
    until: &str,
    reminder: bool,
) -> Email {
    let args = [("resident", resident), ("date", until)];
    let subject = if reminder { "mail-portfolio-feedback-reminder-subject" } else { "mail-portfolio-feedback-subject" };
    email(
        to,
        t_text(lang, subject, &args),
        &[
            greeting(lang, name),
            t_text(lang, "mail-portfolio-feedback-asked", &args),
            t_text(lang, "mail-portfolio-feedback-link", &args),
        ],
        link,
        t(lang, "mail-portfolio-feedback-button"),
    )
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::notifications::NoticeKind;

    /// Every e-mail in both languages finds each of its messages and
    /// arguments, and a text that looks like a number stays as typed.
    #[test]
    fn every_email_is_complete_in_both_languages() {
        let sample = |kind| Notice {
            kind,
            team_id: 2,
            team: "007".into(),
            subject: "+5 & <b>".into(),
            date: "1 mei 2026".into(),
            path: "/actions/3".into(),
            attachment: None,
        };
        for lang in Language::ALL {
            let mut emails = vec![
                invitation(lang, "x@y", "Zoë", "007", "https://k/l", 7),
                password_reset(lang, "x@y", "Zoë", "https://k/l", 2),
                digest(lang, "x@y", "Zoë", &[("a".into(), "https://k/a".into())], "https://k"),
                evaluation_reminder(lang, "x@y", "Zoë", "007", "1 mei 2026", 0, &[], "https://k/e"),
                evaluation_reminder(lang, "x@y", "Zoë", "007", "1 mei 2026", 1, &["Overdracht".into()], "https://k/e"),
                follow_up_reminder(lang, "x@y", "Zoë", "Ed", true, "2 mei", "https://k/f"),
                follow_up_reminder(lang, "x@y", "Zoë", "Ed", false, "2 mei", "https://k/f"),
            ];
            emails.extend(NoticeKind::ALL.map(|k| notice(lang, "x@y", "Zoë", &sample(k), "https://k/actions/3")));
            for e in emails {
                let all = format!("{}\n{}\n{}", e.subject, e.text, e.html);
                assert!(!all.contains(['{', '}']) && !all.contains("Unknown localization"), "{lang:?}: {all}");
                assert!(e.text.starts_with(if lang == Language::Nl { "Beste Zoë," } else { "Dear Zoë," }));
            }
        }
        let e = notice(Language::En, "x@y", "Zoë", &sample(NoticeKind::Overdue), "https://k/actions/3");
        assert_eq!(e.subject, "Overdue: +5 & <b> (007)");
        assert!(e.text.contains("\"+5 & <b>\" (007) was due on 1 mei 2026"), "{}", e.text);
        assert!(e.html.contains("<p>&quot;+5 &amp; &lt;b&gt;&quot; (007) was due on "), "{}", e.html);
    }
}
