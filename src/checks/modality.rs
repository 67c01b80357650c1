//! `modality`: an obligation word the child changed, softening the parent's duty (应当 → 可以,
//! 必须 → 逐步) or hardening its permission (鼓励 → 必须).

use std::ops::Range;

use super::{Check, CheckKind, Context};
use crate::compare::SpanClass;

/// Words that bind.
const BINDING: &[&str] = &[
    "应当", "必须", "不得", "严禁", "禁止", "务必", "确保", "一律",
];
/// Words that allow, encourage or put off.
const PERMISSIVE: &[&str] = &[
    "可以",
    "鼓励",
    "原则上",
    "逐步",
    "争取",
    "力争",
    "尽量",
    "适当",
    "酌情",
    "视情",
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Strength {
    Binding,
    Permissive,
}

/// The obligation words in `chars[limit]` that overlap `range` (and the characters around it,
/// so that a one-character change inside 应当 finds the whole word).
fn words_at(
    chars: &[char],
    range: Range<usize>,
    limit: Range<usize>,
) -> Vec<(Range<usize>, &'static str, Strength)> {
    let from = range.start.saturating_sub(3).max(limit.start);
    let to = (range.end + 3).min(limit.end);
    let mut out = Vec::new();
    for at in from..to {
        for (list, strength) in [
            (BINDING, Strength::Binding),
            (PERMISSIVE, Strength::Permissive),
        ] {
            for &word in list {
                let len = word.chars().count();
                if at + len > to || !word.chars().zip(&chars[at..at + len]).all(|(a, &b)| a == b) {
                    continue;
                }
                if at < range.end && at + len > range.start {
                    out.push((at..at + len, word, strength));
                }
            }
        }
    }
    out
}

pub(super) fn checks(cx: &Context) -> Vec<Check> {
    let child = cx.child;
    let parent = cx.parent;
    let body = super::body(child);
    let mut out: Vec<Check> = Vec::new();
    for span in &cx.comparison.spans {
        if span.class != SpanClass::Adapted {
            continue;
        }
        let Some(p) = &span.parent else { continue };
        if !body.contains(&span.range.start) || super::in_label(child, span.range.start) {
            continue;
        }
        let child_words = words_at(child.chars(), span.range.clone(), child.range.clone());
        let parent_words = words_at(parent.chars(), p.clone(), parent.range.clone());
        let Some((c_range, c_word, c_strength)) = child_words.first().cloned() else {
            continue;
        };
        let Some((p_range, p_word, p_strength)) = parent_words.first().cloned() else {
            continue;
        };
        if c_strength == p_strength || out.last().is_some_and(|l| l.range == c_range) {
            continue;
        }
        let direction = match c_strength {
            Strength::Permissive => "约束变弱",
            Strength::Binding => "约束变强",
        };
        out.push(Check {
            kind: CheckKind::Modality,
            note: format!("“{p_word}”改为“{c_word}”（{direction}）"),
            range: c_range,
            text: c_word.to_owned(),
            parent: Some(p_range),
            parent_text: Some(p_word.to_owned()),
            expected: None,
        });
    }
    out
}
