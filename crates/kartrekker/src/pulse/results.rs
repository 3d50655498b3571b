//! A round's answers together, and the rule for totals over several teams:
//! a group shows only from the organisation's minimum (never counting the
//! viewer), and a total never differs from what shows beside it by fewer
//! people than that minimum (docs/decisions/0025).

use super::model::WORKLOAD_ITEM;
use crate::organisations::anonymity::Threshold;
use crate::questionnaires::{AnswerValue, Definition, ItemKind, Texts};

/// `count` of `of`, with the percentage rounded to whole percents.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Share {
    pub count: i64,
    pub of: i64,
}

impl Share {
    pub fn percent(self) -> i64 {
        if self.of == 0 { 0 } else { (self.count * 200 + self.of) / (2 * self.of) }
    }
    /// The percentage as a fraction, for a chart.
    pub fn ratio(self) -> f64 {
        if self.of == 0 { 0.0 } else { self.count as f64 / self.of as f64 }
    }
}

/// One numeric item of a round: how many chose each point, and the mean.
#[derive(Clone, Debug, PartialEq)]
pub struct ItemResult {
    pub item_id: String,
    pub text: Texts,
    /// (label, how many), in the scale's order.
    pub spread: Vec<(Texts, i64)>,
    pub answered: i64,
    /// The mean times ten, rounded: 32 is 3.2.
    pub mean_tenths: Option<i64>,
}

/// A round's result, only ever made for a group at or above the minimum.
#[derive(Clone, Debug, PartialEq)]
pub struct RoundResult {
    pub respondents: i64,
    pub items: Vec<ItemResult>,
    /// The share answering the workload item's highest point, "too high".
    pub too_high: Option<Share>,
    /// The open answers, in their stored (random) order.
    pub open: Vec<String>,
}

/// The mean of `sum` over `n` times ten, rounded half up.
pub fn mean_tenths(sum: i64, n: i64) -> Option<i64> {
    (n > 0).then(|| (sum * 20 + n) / (2 * n))
}

/// The highest point of the workload item: "too high".
pub fn too_high_value(d: &Definition) -> Option<i64> {
    d.item(WORKLOAD_ITEM)?.kind.range().map(|(_, high)| high)
}

/// The result of `respondents` answers, given as (item, value) rows in any order.
pub fn round_result(d: &Definition, respondents: i64, answers: &[(String, AnswerValue)]) -> RoundResult {
    let mut items = Vec::new();
    let mut open = Vec::new();
    for item in d.items() {
        match &item.kind {
            ItemKind::OpenText { .. } => {
                open.extend(answers.iter().filter(|(i, _)| *i == item.id).filter_map(|(_, v)| match v {
                    AnswerValue::Text(t) => Some(t.clone()),
                    AnswerValue::Number(_) => None,
                }));
            }
            kind => {
                let numbers: Vec<i64> = answers
                    .iter()
                    .filter(|(i, _)| *i == item.id)
                    .filter_map(|(_, v)| match v {
                        AnswerValue::Number(n) => Some(*n),
                        AnswerValue::Text(_) => None,
                    })
                    .collect();
                let spread = kind
                    .points()
                    .into_iter()
                    .map(|p| (p.label, numbers.iter().filter(|n| **n == p.value).count() as i64));
                let answered = numbers.len() as i64;
                items.push(ItemResult {
                    item_id: item.id.clone(),
                    text: item.text.clone(),
                    spread: spread.collect(),
                    answered,
                    mean_tenths: mean_tenths(numbers.iter().sum(), answered),
                });
            }
        }
    }
    let too_high = too_high_value(d).and_then(|high| {
        let workload = items.iter().find(|i| i.item_id == WORKLOAD_ITEM)?;
        let count = answers.iter().filter(|(i, v)| i == WORKLOAD_ITEM && *v == AnswerValue::Number(high)).count();
        Some(Share { count: count as i64, of: workload.answered })
    });
    RoundResult { respondents, items, too_high, open }
}

/// Whether a total over `n` people may show beside groups that show. Each
/// family in `shown` holds the sizes of disjoint groups inside the total that
/// are shown (its teams; or its departments): the total must differ from each
/// of them, and from all of a family together, by none or at least the
/// minimum — else subtracting would give the figure of fewer people.
pub fn total_may_show(t: Threshold, n: i64, viewer_in: bool, shown: &[Vec<i64>]) -> bool {
    if !t.met(n, viewer_in) {
        return false;
    }
    let apart = |rest: i64| rest == 0 || rest >= t.needed();
    shown.iter().all(|family| family.iter().all(|s| apart(n - s)) && apart(n - family.iter().sum::<i64>()))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaires::definition::SHIPPED;

    fn pulse() -> Definition {
        SHIPPED.iter().filter_map(|s| Definition::parse(s).ok()).find(|d| d.slug == "werkdrukpulse").unwrap()
    }

    #[test]
    fn a_round_counts_too_high_means_and_keeps_open_answers() {
        let n = |item: &str, v: i64| (item.to_string(), AnswerValue::Number(v));
        let answers = vec![
            n("workload", 4),
            n("workload", 4),
            n("workload", 2),
            n("joy", 5),
            n("joy", 2),
            ("open".to_string(), AnswerValue::Text("Vaste pauzes".into())),
        ];
        let r = round_result(&pulse(), 3, &answers);
        assert_eq!(r.too_high, Some(Share { count: 2, of: 3 }));
        assert_eq!(r.too_high.unwrap().percent(), 67);
        let joy = r.items.iter().find(|i| i.item_id == "joy").unwrap();
        assert_eq!((joy.answered, joy.mean_tenths), (2, Some(35)));
        assert_eq!(joy.spread.iter().map(|(_, n)| *n).collect::<Vec<_>>(), [0, 1, 0, 0, 1]);
        assert_eq!(r.open, ["Vaste pauzes"]);
        assert_eq!(r.items.len(), 5, "the open question is not a scale");
    }

    #[test]
    fn a_total_never_shows_what_subtracting_a_shown_group_would_give() {
        let t = Threshold::new(5, 0);
        // A department of a shown team of 6 and a hidden team of 2: 8 - 6 = 2 people.
        assert!(!total_may_show(t, 8, false, &[vec![6]]));
        // With a second team of 5 shown, 11 - 6 - 5 = 0 is nobody new; each difference is 5 or more.
        assert!(total_may_show(t, 11, false, &[vec![6, 5]]));
        // Three teams: 6 and 6 shown, 2 hidden: each difference is 8, but all shown together leave 2.
        assert!(!total_may_show(t, 14, false, &[vec![6, 6]]));
        // A department that is one shown team: the same figure, nothing new.
        assert!(total_may_show(t, 6, false, &[vec![6]]));
        // Below the minimum, or at it with the viewer among them: never.
        assert!(!total_may_show(t, 4, false, &[]));
        assert!(!total_may_show(t, 5, true, &[]));
        // The organisation against its shown departments and its shown teams, each a family.
        assert!(!total_may_show(t, 20, false, &[vec![17], vec![6, 6]]));
        assert!(total_may_show(t, 22, false, &[vec![17], vec![6, 6]]));
    }
}
