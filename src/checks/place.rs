//! `place`: names of other jurisdictions in the child, and the parent's own name kept where
//! the child otherwise put its own.

use std::ops::Range;

use super::gazetteer::{Gazetteer, Mention, gazetteer};
use super::{Check, CheckKind, Context};
use crate::compare::SpanClass;

/// Marks the characters inside 《》: a cited document's title names its own issuer, rightly.
pub(super) fn inside_titles(chars: &[char], range: Range<usize>) -> Vec<bool> {
    let mut out = vec![false; range.len()];
    let mut depth = 0usize;
    for (k, &c) in chars[range].iter().enumerate() {
        match c {
            '《' | '〈' => depth += 1,
            '》' | '〉' => depth = depth.saturating_sub(1),
            // A title may wrap onto the next line, but never runs past a sentence.
            '。' => depth = 0,
            _ => {}
        }
        out[k] = depth > 0;
    }
    out
}

/// Words after the parent's own name that make it a reference to the parent's government
/// (甘肃省委, 甘肃省人民政府), rightly kept.
const AUTHORITY_AFTER: &[&str] = &["委", "政府", "人民政府", "人大", "政协", "级", "内", "外"];

/// Words before it that make it the name of the place itself, rightly kept (视察甘肃).
const PLACE_BEFORE: &[&str] = &["视察", "在", "到", "全"];

pub(super) fn checks(cx: &Context) -> Vec<Check> {
    let g = gazetteer();
    let child = cx.child;
    let chars = child.chars();
    let range = child.range.clone();
    let Some(own) = cx.places.child.or(cx.places.parent) else {
        return Vec::new();
    };
    let own_name = g.divisions[own].name.to_owned();
    let expected = cx.places.child.map(|d| g.divisions[d].name.to_owned());
    let in_title = inside_titles(chars, range.clone());
    let localised = localised_contexts(cx, g);
    let mut out = Vec::new();
    for mention in g.scan(&chars[range.clone()]) {
        let at = range.start + mention.range.start..range.start + mention.range.end;
        if in_title[mention.range.start] {
            continue;
        }
        let text: String = chars[at.clone()].iter().collect();
        let ours = mention
            .divisions
            .iter()
            .any(|&d| g.within(d, own) || g.within(own, d));
        if !ours {
            if copied_reference(cx, g, &mention, at.clone()) {
                continue;
            }
            out.push(Check {
                kind: CheckKind::Place,
                range: at.clone(),
                text: text.clone(),
                parent: None,
                parent_text: None,
                expected: expected.clone(),
                note: format!("“{text}”不在{own_name}范围内"),
            });
            continue;
        }
        if let Some(check) = kept_parent_name(cx, g, &mention, at, &text, &localised) {
            out.push(check);
        }
    }
    out
}

fn overlap(a: &Range<usize>, b: &Range<usize>) -> usize {
    a.end.min(b.end).saturating_sub(a.start.max(b.start))
}

/// Characters of copied text around a name that make it part of a copied sentence.
const COPIED_CONTEXT: usize = 6;

/// Whether a foreign name is the parent's own reference, copied word for word: a provincial
/// plan naming its cities (兰州新区) or another country's capital (北京) meant those places, so
/// the city's plan that keeps the sentence still means them. When the parent is not above the
/// child (a county's plan copied from another county's), names of the parent's own places
/// are exactly the mistake, and are not excused.
fn copied_reference(cx: &Context, g: &Gazetteer, mention: &Mention, at: Range<usize>) -> bool {
    let comparison = cx.comparison;
    let whole = comparison.span_at(at.start).is_some_and(|i| {
        let span = &comparison.spans[i];
        span.class == SpanClass::Inherited && span.range.end >= at.end
    });
    // Copied with its sentence: a name alone in a short inherited island (a planted clause
    // that happens to share the name with the parent) is not the parent's reference.
    let window = at.start.saturating_sub(COPIED_CONTEXT)..at.end + COPIED_CONTEXT;
    let first = comparison
        .spans
        .partition_point(|s| s.range.end <= window.start);
    let around: usize = comparison.spans[first..]
        .iter()
        .take_while(|s| s.range.start < window.end)
        .filter(|s| s.class == SpanClass::Inherited)
        .map(|s| overlap(&s.range, &window) - overlap(&s.range, &at))
        .sum();
    if !whole || around < COPIED_CONTEXT {
        return false;
    }
    let (Some(parent), Some(child)) = (cx.places.parent, cx.places.child) else {
        return true;
    };
    if g.within(child, parent) {
        return true;
    }
    !mention
        .divisions
        .iter()
        .any(|&d| g.within(d, parent) || g.within(parent, d))
}

/// Text right before and after each place where the child replaced the parent's name with
/// its own: the phrases the child localised (建设智慧甘肃 → 建设智慧武威).
struct Localised {
    before: Vec<String>,
    after: Vec<String>,
}

fn names_place(g: &Gazetteer, text: &str, place: usize) -> bool {
    let chars: Vec<char> = text.chars().collect();
    g.scan(&chars).iter().any(|m| m.divisions.contains(&place))
}

fn localised_contexts(cx: &Context, g: &Gazetteer) -> Localised {
    let mut out = Localised {
        before: Vec::new(),
        after: Vec::new(),
    };
    let (Some(parent_place), Some(child_place)) = (cx.places.parent, cx.places.child) else {
        return out;
    };
    if parent_place == child_place {
        return out;
    }
    let chars = cx.child.chars();
    for span in &cx.comparison.spans {
        let Some(p) = &span.parent else { continue };
        if span.class != SpanClass::Adapted {
            continue;
        }
        if !names_place(g, &cx.parent_text(p.clone()), parent_place)
            || !names_place(g, &cx.child_text(span.range.clone()), child_place)
        {
            continue;
        }
        out.before.push(neighbours(chars, span.range.start, -2));
        out.after.push(neighbours(chars, span.range.end, 2));
    }
    out
}

/// `n` non-white-space characters after `at` (or `-n` before it).
fn neighbours(chars: &[char], at: usize, n: isize) -> String {
    let take = n.unsigned_abs();
    let picked: Vec<char> = if n > 0 {
        chars[at.min(chars.len())..]
            .iter()
            .copied()
            .filter(|&c| !crate::document::normalize::is_space(c))
            .take(take)
            .collect()
    } else {
        let mut before: Vec<char> = chars[..at.min(chars.len())]
            .iter()
            .rev()
            .copied()
            .filter(|&c| !crate::document::normalize::is_space(c))
            .take(take)
            .collect();
        before.reverse();
        before
    };
    picked.into_iter().collect()
}

/// The parent's own name copied unchanged into a phrase the child elsewhere localised.
fn kept_parent_name(
    cx: &Context,
    g: &Gazetteer,
    mention: &Mention,
    at: Range<usize>,
    text: &str,
    localised: &Localised,
) -> Option<Check> {
    let parent_place = cx.places.parent?;
    let child_place = cx.places.child?;
    if parent_place == child_place || !mention.divisions.contains(&parent_place) {
        return None;
    }
    let span = &cx.comparison.spans[cx.comparison.span_at(at.start)?];
    if span.class != SpanClass::Inherited {
        return None;
    }
    let chars = cx.child.chars();
    let after = neighbours(chars, at.end, 5);
    let before = neighbours(chars, at.start, -2);
    let suffix_free = after.trim_start_matches(['省', '市']);
    if AUTHORITY_AFTER.iter().any(|w| suffix_free.starts_with(w))
        || PLACE_BEFORE.iter().any(|w| before.ends_with(w))
    {
        return None;
    }
    let after2: String = after.chars().take(2).collect();
    let same_phrase = localised
        .after
        .iter()
        .any(|a| *a == after2 && !a.is_empty())
        || localised
            .before
            .iter()
            .any(|b| *b == before && !b.is_empty());
    if !same_phrase {
        return None;
    }
    let child_name = g.divisions[child_place].name.to_owned();
    let parent_range = span.parent.as_ref().map(|p| {
        let offset = at.start - span.range.start;
        p.start + offset..(p.start + offset + at.len()).min(p.end)
    });
    Some(Check {
        kind: CheckKind::Place,
        range: at,
        text: text.to_owned(),
        parent_text: parent_range.clone().map(|r| cx.parent_text(r)),
        parent: parent_range,
        expected: Some(child_name.clone()),
        note: format!("保留了上级的“{text}”，同样的说法他处已改为“{child_name}”"),
    })
}
