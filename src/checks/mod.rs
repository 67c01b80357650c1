//! Reviewer checks: the classic mistakes of a copied plan, found from the comparison.
//!
//! - [`place`]: another jurisdiction's place names, and the parent's own name kept where the
//!   child otherwise localised it;
//! - [`level`]: the parent's administrative wording left in the child (全省 in a city's plan);
//! - [`number`]: figures with units the child changed (targets, amounts, years, deadlines);
//! - [`modality`]: obligation words changed (应当 → 可以).
//!
//! Each check points at child text (and, where it applies, at the parent text it replaced).

pub mod gazetteer;
mod level;
mod modality;
mod number;
mod place;

use std::ops::Range;

use serde::Serialize;

use crate::Document;
use crate::compare::Comparison;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum CheckKind {
    Place,
    Level,
    Number,
    Modality,
}

impl CheckKind {
    pub const ALL: [CheckKind; 4] = [
        CheckKind::Place,
        CheckKind::Level,
        CheckKind::Number,
        CheckKind::Modality,
    ];

    pub fn name(self) -> &'static str {
        match self {
            CheckKind::Place => "place",
            CheckKind::Level => "level",
            CheckKind::Number => "number",
            CheckKind::Modality => "modality",
        }
    }

    /// The kind as a reviewer's table names it.
    pub fn label_zh(self) -> &'static str {
        match self {
            CheckKind::Place => "地名",
            CheckKind::Level => "层级用语",
            CheckKind::Number => "数字",
            CheckKind::Modality => "约束词",
        }
    }
}

/// One thing a reviewer should look at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Check {
    pub kind: CheckKind,
    /// Original characters of the child's file.
    pub range: Range<usize>,
    pub text: String,
    /// The parent text it replaced or corresponds to, when there is one.
    pub parent: Option<Range<usize>>,
    pub parent_text: Option<String>,
    /// What the child should probably say (the child's own place name, 全市 for 全省).
    pub expected: Option<String>,
    pub note: String,
}

/// The jurisdictions the two documents belong to, from their titles and issuers.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Places {
    /// Gazetteer division ids.
    pub parent: Option<usize>,
    pub child: Option<usize>,
}

/// What the checks need to see.
struct Context<'a> {
    parent: &'a Document,
    child: &'a Document,
    comparison: &'a Comparison,
    places: Places,
}

impl Context<'_> {
    fn child_text(&self, range: Range<usize>) -> String {
        compact(&self.child.chars()[range])
    }

    fn parent_text(&self, range: Range<usize>) -> String {
        compact(&self.parent.chars()[range])
    }
}

fn compact(chars: &[char]) -> String {
    chars
        .iter()
        .filter(|&&c| !crate::document::normalize::is_space(c))
        .collect()
}

/// Text as the aligner compares it (full and half width alike).
fn folded(text: &str) -> Vec<char> {
    let mut out = Vec::new();
    for c in text.chars() {
        crate::document::normalize::fold(c, &mut out);
    }
    out
}

/// The policy's own text: after the issuing notice, before the closing signature and date.
fn body(doc: &Document) -> Range<usize> {
    let outline = &doc.outline;
    let start = outline.front_matter.end.max(doc.range.start);
    let closing = [outline.signature.as_ref(), outline.date.as_ref()]
        .into_iter()
        .flatten()
        .map(|l| l.range.start)
        .filter(|&s| s >= start)
        .min();
    start..closing.unwrap_or(doc.range.end).max(start)
}

/// Whether `at` lies in a section's number label (7. or （三）), which renumbering changes.
fn in_label(doc: &Document, at: usize) -> bool {
    let sections = &doc.outline.sections;
    let i = sections.partition_point(|s| s.heading.start <= at);
    i > 0 && {
        let s = &sections[i - 1];
        at < s.heading.start + s.label.chars().count()
    }
}

/// Every check of the child against its parent, in child order.
pub fn run(parent: &Document, child: &Document, comparison: &Comparison) -> Vec<Check> {
    let places = places_of(parent, child);
    let context = Context {
        parent,
        child,
        comparison,
        places,
    };
    let mut checks = place::checks(&context);
    checks.extend(level::checks(&context));
    checks.extend(number::checks(&context));
    checks.extend(modality::checks(&context));
    checks.sort_by_key(|c| (c.range.start, c.range.end, c.kind as u8));
    checks.dedup_by(|a, b| a.range == b.range && a.kind == b.kind);
    checks
}

/// The jurisdictions of both documents: the child's is looked for inside the parent's first.
pub fn places_of(parent: &Document, child: &Document) -> Places {
    let parent_place = jurisdiction(parent, None);
    Places {
        parent: parent_place,
        child: jurisdiction(child, parent_place),
    }
}

/// The jurisdiction a document belongs to: the first place named in its title, else in its
/// signature, issuing notice or opening (addressees and cited titles in 《》 left out: they
/// name other bodies). Where a name is shared (朝阳区), the division inside `within` wins.
pub fn jurisdiction(doc: &Document, within: Option<usize>) -> Option<usize> {
    let g = gazetteer::gazetteer();
    let outline = &doc.outline;
    let addressees = outline.addressees.as_ref().map(|a| a.range.clone());
    let body = body(doc);
    let mut ranges: Vec<Range<usize>> = Vec::new();
    ranges.extend(outline.title.as_ref().map(|t| t.range.clone()));
    ranges.extend(outline.signature.as_ref().map(|t| t.range.clone()));
    ranges.push(outline.front_matter.clone());
    ranges.push(body.start..body.end.min(body.start + 300));
    let chars = doc.chars();
    // Every division the document names, with how often (a copied neighbour's name, planted
    // in the opening, is named less often than the document's own place).
    let mut named: rustc_hash::FxHashMap<usize, usize> = Default::default();
    for mention in g.scan(&chars[doc.range.clone()]) {
        for &d in &mention.divisions {
            *named.entry(d).or_default() += 1;
        }
    }
    let mut candidates: Vec<usize> = Vec::new();
    // The title and signature count as much as three mentions elsewhere.
    let weighty = ranges.len() - 2;
    let mut weighty_candidates: Vec<usize> = Vec::new();
    for (k, range) in ranges.into_iter().enumerate() {
        let in_title = place::inside_titles(chars, range.clone());
        for mention in g.scan(&chars[range.clone()]) {
            let at = range.start + mention.range.start;
            if in_title[mention.range.start] || addressees.as_ref().is_some_and(|a| a.contains(&at))
            {
                continue;
            }
            let pick = mention
                .divisions
                .iter()
                .copied()
                .filter(|&d| g.divisions[d].level != gazetteer::Level::Town)
                .min_by_key(|&d| {
                    let inside = within.is_some_and(|w| g.within(d, w));
                    (!inside, g.divisions[d].level)
                });
            if let Some(d) = pick {
                if k < weighty {
                    *named.entry(d).or_default() += 3;
                    weighty_candidates.push(d);
                }
                if !candidates.contains(&d) {
                    candidates.push(d);
                }
            }
        }
    }
    // A place below `within` named in the title or signature is the document's: a child's
    // text names its parent's place too (天津 in a district's plan).
    let below: Vec<usize> = weighty_candidates
        .iter()
        .copied()
        .filter(|&d| within.is_some_and(|w| d != w && g.within(d, w)))
        .collect();
    let pool = if below.is_empty() {
        &candidates
    } else {
        &below
    };
    // The candidate named most often, the first named on a tie.
    let mut best: Option<(usize, usize)> = None;
    for &d in pool {
        let n = named.get(&d).copied().unwrap_or(0);
        if best.is_none_or(|(_, m)| n > m) {
            best = Some((d, n));
        }
    }
    best.map(|(d, _)| d)
}

/// A number check as a row of the targets table: parent value → child value.
pub struct Target<'a> {
    pub parent: &'a str,
    pub child: &'a str,
    pub check: &'a Check,
}

/// The targets table: every changed figure, parent value then child value, in child order.
pub fn targets(checks: &[Check]) -> Vec<Target<'_>> {
    checks
        .iter()
        .filter(|c| c.kind == CheckKind::Number)
        .map(|c| Target {
            parent: c.parent_text.as_deref().unwrap_or(""),
            child: &c.text,
            check: c,
        })
        .collect()
}
