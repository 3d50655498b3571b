//! Results of a reflection cycle, with anonymity that survives comparison.
//!
//! The rule: every number comes from one frozen set of responses — those
//! submitted before the cycle leader closed the feedback. No view takes a
//! parameter that selects a subset of that set (no filter by person,
//! profession, date or question), and a colleague aggregate, or the group
//! page, is shown only when it covers at least the threshold of people
//! (`organisations::anonymity`: the organisation's minimum group size, or
//! the cycle's own when higher; never below 3), the viewer not counted. So there is exactly one aggregate per person and one for the
//! group, and no two views differ by one person's answers: nobody can work
//! out an individual's scores by subtraction. Open answers of colleagues are
//! shown sorted, never in the order they came in, and only above the same
//! threshold. A colleague may answer "cannot judge" to a statement: such
//! answers count in no average, and an average stands only on at least
//! the threshold of real answers.
//!
//! The group page shows no individual score: no lowest or highest value
//! (each is someone's score), but the standard deviation, and that only from
//! four people on. With three, a participant who knows their own score could
//! work out the other two from the mean and the deviation.

use crate::organisations::anonymity::Threshold;
use crate::questionnaires::{AnswerValue, Definition};

/// One response's answers by item id. Sorted and searched: a response has a
/// few dozen answers, and a results page looks each up once per colleague.
#[derive(Clone, Debug, Default)]
pub struct Answers(Vec<(String, AnswerValue)>);

impl Answers {
    pub fn get(&self, item: &str) -> Option<&AnswerValue> {
        self.0.binary_search_by(|(id, _)| id.as_str().cmp(item)).ok().map(|i| &self.0[i].1)
    }
}

impl FromIterator<(String, AnswerValue)> for Answers {
    fn from_iter<I: IntoIterator<Item = (String, AnswerValue)>>(iter: I) -> Self {
        let mut v: Vec<_> = iter.into_iter().collect();
        // One answer per item: the answers table's key.
        v.sort_by(|a, b| a.0.cmp(&b.0));
        Answers(v)
    }
}

/// Mean of the numeric answers to a section's items, for one response.
fn section_mean(d: &Definition, section: usize, answers: &Answers) -> Option<f64> {
    let vals: Vec<f64> = d.sections[section]
        .items
        .iter()
        .filter(|i| i.kind.range().is_some())
        .filter_map(|i| match answers.get(&i.id) {
            Some(AnswerValue::Number(n)) => Some(*n as f64),
            _ => None,
        })
        .collect();
    (!vals.is_empty()).then(|| vals.iter().sum::<f64>() / vals.len() as f64)
}

fn item_value(answers: &Answers, item: &str) -> Option<f64> {
    match answers.get(item) {
        Some(AnswerValue::Number(n)) => Some(*n as f64),
        _ => None,
    }
}

fn mean(v: &[f64]) -> Option<f64> {
    (!v.is_empty()).then(|| v.iter().sum::<f64>() / v.len() as f64)
}

fn cannot_judge(answers: &Answers, item: &str) -> bool {
    matches!(answers.get(item), Some(AnswerValue::Text(t)) if t == crate::questionnaires::CANNOT_JUDGE)
}

/// The mean of values from at least `needed` colleagues, else None.
fn mean_of_enough(v: &[f64], needed: usize) -> Option<f64> {
    if v.len() >= needed { mean(v) } else { None }
}

/// Self against colleagues for one section or item.
#[derive(Clone, Debug, PartialEq)]
pub struct Comparison {
    pub id: String,
    pub self_score: Option<f64>,
    /// None when fewer colleagues than the threshold gave a score.
    pub colleagues: Option<f64>,
    /// Colleagues who answered "cannot judge" (items only; 0 while hidden).
    pub cannot_judge: usize,
}

#[derive(Clone, Debug, PartialEq)]
pub struct PersonalResults {
    /// Numeric sections only, in the instrument's order.
    pub sections: Vec<Comparison>,
    pub items: Vec<Comparison>,
    pub raters: usize,
    /// Colleagues needed before their scores are shown.
    pub needed: usize,
    pub shown: bool,
    /// (item id, answers sorted), for the colleagues' open questions.
    pub open: Vec<(String, Vec<String>)>,
}

/// A person's results: their own answers against the colleagues' (from the
/// colleague instrument, which shares the numeric item ids).
pub fn personal(
    own: &Definition,
    own_answers: Option<&Answers>,
    colleague: &Definition,
    ratings: &[Answers],
    threshold: Threshold,
) -> PersonalResults {
    let needed = threshold.needed() as usize;
    // The person looking is the one rated, never one of the raters.
    let shown = threshold.met(ratings.len() as i64, false);
    let mut sections = Vec::new();
    for (n, s) in own.sections.iter().enumerate() {
        if !s.items.iter().any(|i| i.kind.range().is_some()) {
            continue;
        }
        let cn = colleague.sections.iter().position(|cs| cs.id == s.id);
        let colleagues = cn.filter(|_| shown).and_then(|cn| {
            let means: Vec<f64> = ratings.iter().filter_map(|r| section_mean(colleague, cn, r)).collect();
            mean_of_enough(&means, needed)
        });
        sections.push(Comparison {
            id: s.id.clone(),
            self_score: own_answers.and_then(|a| section_mean(own, n, a)),
            colleagues,
            cannot_judge: 0,
        });
    }
    let items = own
        .items()
        .filter(|i| i.kind.range().is_some())
        .map(|i| Comparison {
            id: i.id.clone(),
            self_score: own_answers.and_then(|a| item_value(a, &i.id)),
            colleagues: if shown {
                mean_of_enough(&ratings.iter().filter_map(|r| item_value(r, &i.id)).collect::<Vec<_>>(), needed)
            } else {
                None
            },
            cannot_judge: if shown { ratings.iter().filter(|r| cannot_judge(r, &i.id)).count() } else { 0 },
        })
        .collect();
    let open = if shown {
        colleague
            .items()
            .filter(|i| i.kind.range().is_none())
            .map(|i| {
                let mut texts: Vec<String> = ratings
                    .iter()
                    .filter_map(|r| match r.get(&i.id) {
                        Some(AnswerValue::Text(t)) => Some(t.clone()),
                        _ => None,
                    })
                    .collect();
                texts.sort();
                (i.id.clone(), texts)
            })
            .collect()
    } else {
        Vec::new()
    };
    PersonalResults { sections, items, raters: ratings.len(), needed, shown, open }
}

/// The group: per section, the mean and the spread (standard deviation of
/// the people's means) of the self-evaluations. No individual scores.
#[derive(Clone, Debug, PartialEq)]
pub struct GroupSection {
    pub id: String,
    pub mean: f64,
    /// None below `SPREAD_FROM` respondents.
    pub spread: Option<f64>,
}

/// The deviation shows from this many respondents (see the module's rule).
pub const SPREAD_FROM: usize = 4;

#[derive(Clone, Debug, PartialEq)]
pub struct GroupResults {
    pub respondents: usize,
    /// People besides the viewer needed before anything shows.
    pub needed: i64,
    /// Empty when fewer than the threshold took part.
    pub sections: Vec<GroupSection>,
}

/// `viewer_in`: one of `selves` is the viewer's own, which does not count
/// towards the threshold.
pub fn group(own: &Definition, selves: &[Answers], threshold: Threshold, viewer_in: bool) -> GroupResults {
    let mut sections = Vec::new();
    if threshold.met(selves.len() as i64, viewer_in) {
        for (n, s) in own.sections.iter().enumerate() {
            let means: Vec<f64> = selves.iter().filter_map(|a| section_mean(own, n, a)).collect();
            if let Some(m) = mean(&means) {
                let spread = (means.len() >= SPREAD_FROM)
                    .then(|| (means.iter().map(|v| (v - m).powi(2)).sum::<f64>() / means.len() as f64).sqrt());
                sections.push(GroupSection { id: s.id.clone(), mean: m, spread });
            }
        }
    }
    GroupResults { respondents: selves.len(), needed: threshold.needed(), sections }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::questionnaires::definition::SHIPPED;

    fn answers(value: i64, talents: &str) -> Answers {
        let d = Definition::parse(SHIPPED[1]).unwrap();
        d.items()
            .filter(|i| i.kind.range().is_some())
            .map(|i| (i.id.clone(), AnswerValue::Number(value)))
            .chain((!talents.is_empty()).then(|| ("talenten".to_string(), AnswerValue::Text(talents.into()))))
            .collect()
    }

    #[test]
    fn colleagues_show_only_from_three() {
        let (own, col) = (Definition::parse(SHIPPED[0]).unwrap(), Definition::parse(SHIPPED[1]).unwrap());
        let me = answers(4, "");
        let two = [answers(2, "b"), answers(5, "a")];
        let r = personal(&own, Some(&me), &col, &two, Threshold::new(3, 3));
        assert!(!r.shown);
        assert!(r.sections.iter().all(|s| s.colleagues.is_none() && s.self_score == Some(4.0)));
        assert!(r.items.iter().all(|s| s.colleagues.is_none()));
        assert!(r.open.is_empty(), "open answers need the threshold too");
        // A leader cannot lower the threshold below three.
        assert!(!personal(&own, Some(&me), &col, &two, Threshold::new(1, 1)).shown);

        let three = [answers(2, "zorgvuldig"), answers(5, "aanpakker"), answers(5, "")];
        let r = personal(&own, Some(&me), &col, &three, Threshold::new(3, 3));
        assert!(r.shown);
        assert_eq!(r.sections[0].colleagues, Some(4.0));
        assert_eq!(r.sections.len(), 4, "the numeric sections");
        let talents = &r.open.iter().find(|(id, _)| id == "talenten").unwrap().1;
        assert_eq!(talents, &vec!["aanpakker".to_string(), "zorgvuldig".to_string()], "sorted, not in arrival order");
    }

    #[test]
    fn cannot_judge_is_counted_and_never_averaged() {
        let (own, col) = (Definition::parse(SHIPPED[0]).unwrap(), Definition::parse(SHIPPED[1]).unwrap());
        let first = col.items().find(|i| i.kind.range().is_some()).unwrap().id.clone();
        let unsure = |value| -> Answers {
            let mut a: Vec<(String, AnswerValue)> = answers(value, "").0;
            for (id, v) in a.iter_mut() {
                if *id == first {
                    *v = AnswerValue::Text(crate::questionnaires::CANNOT_JUDGE.into());
                }
            }
            a.into_iter().collect()
        };
        let four = [answers(2, ""), answers(4, ""), unsure(5), answers(3, "")];
        let r = personal(&own, None, &col, &four, Threshold::new(3, 3));
        let item = r.items.iter().find(|i| i.id == first).unwrap();
        assert_eq!((item.colleagues, item.cannot_judge), (Some(3.0), 1), "the three real scores");
        let three = [answers(2, ""), unsure(4), unsure(5)];
        let r = personal(&own, None, &col, &three, Threshold::new(3, 3));
        let item = r.items.iter().find(|i| i.id == first).unwrap();
        assert_eq!(item.colleagues, None, "one real score would be someone's own");
        assert_eq!(item.cannot_judge, 2);
    }

    #[test]
    fn the_group_shows_no_one_alone() {
        let own = Definition::parse(SHIPPED[0]).unwrap();
        let selves = [answers(1, ""), answers(3, "")];
        assert!(group(&own, &selves, Threshold::new(3, 3), false).sections.is_empty());
        let selves = [answers(1, ""), answers(3, ""), answers(5, "")];
        assert!(group(&own, &selves, Threshold::new(3, 3), true).sections.is_empty(), "the viewer's own never counts");
        let g = group(&own, &selves, Threshold::new(3, 3), false);
        assert_eq!(
            g.sections[0],
            GroupSection { id: "roeping".into(), mean: 3.0, spread: None },
            "no spread from three"
        );
        let selves = [answers(1, ""), answers(3, ""), answers(5, ""), answers(3, "")];
        let g = group(&own, &selves, Threshold::new(3, 3), false);
        assert_eq!(g.sections[0].spread, Some(2f64.sqrt()));
    }
}
