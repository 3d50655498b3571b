//! The language a request is answered in. The translations themselves are
//! `kartrekker::i18n` (one Fluent system for pages and e-mails).

use kartrekker::people::Language;

pub use kartrekker::i18n::{t, t_args};

/// The first language of an Accept-Language header that we speak.
pub fn from_accept_language(header: &str) -> Option<Language> {
    let mut langs: Vec<(f32, Language)> = header
        .split(',')
        .filter_map(|part| {
            let mut it = part.trim().split(';');
            let tag = it.next()?.trim();
            let q = it.find_map(|p| p.trim().strip_prefix("q=").and_then(|q| q.parse::<f32>().ok())).unwrap_or(1.0);
            let primary = tag.split('-').next()?;
            Language::parse(primary).map(|l| (q, l))
        })
        .collect();
    langs.sort_by(|a, b| b.0.total_cmp(&a.0));
    langs.first().map(|(_, l)| *l)
}

#[cfg(test)]
mod tests {
    use kartrekker::actions::{OriginKind, Status};
    use kartrekker::i18n::message_ids;
    use kartrekker::notifications::{Delivery, NoticeKind};
    use kartrekker::organisations::{OrgRole, TeamRole};
    use kartrekker::people::{Language, Profession};
    use kartrekker::reflection::Step;
    use kartrekker::trajectories::{ObservationCategory, OverviewSort, Phase, Question, SessionKind};

    use crate::error::ErrorKind;

    /// Message ids the code builds with `format!("prefix-{}", value.code())`
    /// (and `{}-title`/`{}-text` for error pages): every value of each enum
    /// has its message in both languages. A new id built this way gets a
    /// line here.
    #[test]
    fn every_message_id_built_from_a_code_exists_in_both_languages() {
        fn codes<T: Copy>(id: &str, all: &[T], code: fn(T) -> &'static str) -> Vec<String> {
            all.iter().map(|v| id.replace("{}", code(*v))).collect()
        }
        let mut ids = [
            codes("status-{}", &Status::ALL, Status::code),
            codes("origin-{}", &OriginKind::ALL, OriginKind::code),
            codes("notice-kind-{}", &NoticeKind::ALL, NoticeKind::code),
            codes("delivery-{}", &Delivery::ALL, Delivery::code),
            codes("team-role-{}", &TeamRole::ALL, TeamRole::code),
            codes("org-role-{}", &OrgRole::ALL, OrgRole::code),
            codes("profession-{}", &Profession::ALL, Profession::code),
            codes("step-{}", &Step::ALL, Step::code),
            codes("trajectory-phase-{}", &Phase::ALL, Phase::code),
            codes("trajectory-explain-{}", &Phase::ALL, Phase::code),
            codes("trajectory-session-{}", &SessionKind::ALL, SessionKind::code),
            codes("trajectory-question-{}", &Question::ALL, Question::code),
            codes("trajectory-category-{}", &ObservationCategory::ALL, ObservationCategory::code),
            codes("trajectory-column-{}", &OverviewSort::ALL, OverviewSort::code),
            codes("decision-step-{}", &kartrekker::decisions::Step::ALL, kartrekker::decisions::Step::code),
            codes("portfolio-link-{}", &kartrekker::portfolio::LinkKind::ALL, kartrekker::portfolio::LinkKind::code),
            codes(
                "portfolio-link-kind-{}",
                &kartrekker::portfolio::LinkKind::ALL,
                kartrekker::portfolio::LinkKind::code,
            ),
        ]
        .concat();
        for kind in ErrorKind::ALL {
            ids.extend(["title", "text"].map(|part| format!("{}-{part}", kind.key())));
        }
        // Plain words rather than an enum: the steps of a trajectory's
        // progress line, and the fields an action's history records
        // (kartrekker::actions::service).
        ids.extend(["done", "current", "todo"].map(|s| format!("trajectory-step-{s}")));
        let fields = ["title", "goal", "kartrekker", "status", "due_date", "evaluation_date", "result"];
        ids.extend(fields.map(|f| format!("field-{f}")));
        for lang in Language::ALL {
            let known = message_ids(lang);
            let missing: Vec<&String> = ids.iter().filter(|id| !known.contains(&id.as_str())).collect();
            assert!(missing.is_empty(), "{lang:?} lacks {missing:?}");
        }
    }
}
