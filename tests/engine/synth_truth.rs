//! The evaluation generator's own checks (`tests/support/synth/`): its truth is what the
//! edits did.

use std::collections::HashSet;

use policy_lineage::compare::{Comparison, Span, SpanClass};
use policy_lineage::document::normalize::{fold, is_space};

use crate::synth::Case;
use crate::synth::cases::*;
use crate::synth::edits::*;
use crate::synth::score::*;

fn gansu_case(seed: u64, edits: &Edits) -> Case {
    derive(GANSU, &[CHANGCHUN, ZHONGSHAN], seed, edits)
}

fn folded_char(c: char) -> Vec<char> {
    let mut out = Vec::new();
    fold(c, &mut out);
    out
}

#[test]
fn truth_has_one_entry_per_child_char_and_marks_white_space() {
    let case = gansu_case(1, &Edits::heavy());
    let child: Vec<char> = case.child.chars().collect();
    assert_eq!(case.truth.len(), child.len());
    for (c, truth) in child.iter().zip(&case.truth) {
        assert_eq!(truth.class.is_none(), is_space(*c), "{c:?}");
    }
    // Paragraphs stay on their own lines.
    assert!(case.child.lines().count() > 40);
}

#[test]
fn inherited_truth_is_the_parent_char() {
    let case = gansu_case(2, &Edits::heavy());
    let parent: Vec<char> = case.parent.chars().collect();
    let mut inherited = 0;
    for (c, truth) in case.child.chars().zip(&case.truth) {
        if truth.class == Some(SpanClass::Inherited) {
            let p = truth.parent_char.unwrap();
            assert_eq!(folded_char(c), folded_char(parent[p]));
            assert!(truth.parent_range.as_ref().unwrap().contains(&p));
            inherited += 1;
        }
    }
    assert!(inherited > 3000);
    // Half-width punctuation is on for heavy edits; it does not make chars adapted.
    assert!(!case.child.contains('，'));
}

#[test]
fn adapted_truth_points_at_the_replaced_text() {
    let case = gansu_case(3, &Edits::many_substitutions());
    let parent: Vec<char> = case.parent.chars().collect();
    let child: Vec<char> = case.child.chars().collect();
    let spans: Vec<Span> = case
        .truth_spans()
        .into_iter()
        .filter(|s| s.class == SpanClass::Adapted)
        .collect();
    assert!(spans.len() > 50);
    let mut pairs = HashSet::new();
    for span in &spans {
        let from: String = parent[span.parent.clone().unwrap()].iter().collect();
        let to: String = child[span.range.clone()].iter().collect();
        assert_ne!(from, to);
        let number = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        assert_eq!(number(&from), number(&to), "{from}→{to}");
        assert_eq!(
            case.truth[span.range.start].parent_char,
            Some(span.parent.as_ref().unwrap().start)
        );
        pairs.insert((from, to));
    }
    for (from, to) in [("省", "市"), ("甘肃", "武威"), ("省科技厅", "市科技局")] {
        assert!(
            pairs.contains(&(from.to_owned(), to.to_owned())),
            "{from}→{to}"
        );
    }
    assert!(pairs.iter().any(|(from, _)| from == "2020"));
    // 省政府→市政府: 政府 stays inherited, pointing just after the replaced 省.
    let i = (0..child.len() - 2)
        .find(|&i| {
            child[i..i + 3] == ['市', '政', '府'] && case.truth[i].class == Some(SpanClass::Adapted)
        })
        .unwrap();
    let replaced = case.truth[i].parent_range.clone().unwrap();
    assert_eq!(parent[replaced.clone()], ['省']);
    assert_eq!(case.truth[i + 1].class, Some(SpanClass::Inherited));
    assert_eq!(case.truth[i + 1].parent_char, Some(replaced.end));
}

#[test]
fn a_perfect_prediction_scores_one() {
    for (seed, edits) in [(4, Edits::default()), (5, Edits::heavy())] {
        let case = gansu_case(seed, &edits);
        let comparison = Comparison {
            spans: case.truth_spans(),
            ..Default::default()
        };
        let s = score(&case, &comparison);
        assert_eq!(s.bar_values(), [1.0; 4], "{s:?}");
        assert_eq!(s.coverage_errors, 0);
        assert!(s.confusion[2][2] > 0 && s.confusion[1][1] > 0);
    }
}

#[test]
fn missing_spans_count_as_added_and_as_coverage_errors() {
    let case = gansu_case(6, &Edits::default());
    let s = score(&case, &Comparison::default());
    assert_eq!(s.coverage_errors, s.chars);
    assert_eq!(s.reused_f1, 0.0);
    assert_eq!(s.pointer_accuracy, 0.0);
    assert!(s.added_f1 > 0.0 && s.added_f1 < 0.5);
    let pooled = aggregate(&[s, s]);
    assert_eq!(pooled.chars, 2 * s.chars);
    assert_eq!(pooled.added_f1, s.added_f1);
}

#[test]
fn a_wrong_pointer_is_caught() {
    let case = gansu_case(7, &Edits::light());
    let mut spans = case.truth_spans();
    let span = spans
        .iter_mut()
        .find(|s| s.class == SpanClass::Inherited && s.range.len() > 20)
        .unwrap();
    let p = span.parent.as_mut().unwrap();
    *p = p.start + 1..p.end + 1;
    let s = score(
        &case,
        &Comparison {
            spans,
            ..Default::default()
        },
    );
    assert_eq!(s.reused_f1, 1.0);
    assert!(s.pointer_accuracy < 1.0);
}

#[test]
fn derive_is_deterministic_for_a_seed() {
    let edits = Edits::default();
    assert_eq!(gansu_case(8, &edits), gansu_case(8, &edits));
    assert_ne!(gansu_case(8, &edits).child, gansu_case(9, &edits).child);
}

#[test]
fn scraped_bodies_become_paragraphs() {
    assert_eq!(paragraph_breaks("甲  乙   丙    丁"), "甲  乙\n丙\n丁");
    let docs = scraped_documents();
    assert_eq!(docs.len(), 9);
    assert!(docs.iter().all(|(_, body)| body.lines().count() > 10));
}
