//! Comparing a child document with its parent: every character of the child classified,
//! sections matched, dropped parent sections, systematic substitutions.
//!
//! The pipeline: [`anchors`] (exact matches) → [`chain`] (collinear runs) → [`claim`] (chains
//! claim child text, best first) → [`refine`] and [`diff`] (the text between anchors) → spans
//! over original characters (here) → [`sections`] (section matching) and [`count`] (every
//! figure). [`manual`] applies a reviewer's links and unlinks, then counts through [`count`].
//!
//! Dependencies run one way: [`piece`] and [`anchors`] are leaves; [`chain`], [`refine`] and
//! [`diff`] sit below [`claim`]; this file runs them; [`sections`], [`count`] and [`manual`]
//! read only the result types defined here.

pub mod anchors;
pub mod chain;
pub mod claim;
pub mod count;
pub mod diff;
pub mod manual;
pub mod piece;
pub mod refine;
pub mod sections;

use std::ops::Range;

use crate::Document;
use claim::{Options, align};
pub use manual::Hint;
use piece::Piece;
pub use piece::SpanClass;
use sections::match_sections;

/// A run of child characters of one class. Offsets are original characters of the child's
/// file; `parent` is the source range in the parent's file (inherited and adapted only).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    pub range: Range<usize>,
    pub class: SpanClass,
    pub parent: Option<Range<usize>>,
}

/// A parent section a child section draws on.
#[derive(Debug, Clone, PartialEq)]
pub struct SectionLink {
    /// Index into the parent outline's sections.
    pub section: usize,
    /// In [0, 1].
    pub similarity: f64,
}

#[derive(Debug, Clone, PartialEq)]
pub struct SectionMatch {
    /// Index into the child outline's sections.
    pub section: usize,
    /// Best first; empty when the child wrote the section itself.
    pub parents: Vec<SectionLink>,
    /// The section's best parent is out of the order the neighbouring sections follow.
    pub moved: bool,
    /// Share of the section's non-white-space characters (sub-sections included) in each class.
    pub inherited: f64,
    pub adapted: f64,
    pub added: f64,
}

/// A systematic local edit (省→市), with the spans it stands behind.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Substitution {
    pub parent: String,
    pub child: String,
    pub count: usize,
    /// Indices into `Comparison::spans`.
    pub spans: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct Summary {
    pub inherited: f64,
    pub adapted: f64,
    pub added: f64,
    /// Share of the parent's non-white-space characters some child span was taken from.
    pub parent_reused: f64,
}

#[derive(Debug, Clone, Default)]
pub struct Comparison {
    /// Child spans in order; together they cover every non-white-space child character once.
    pub spans: Vec<Span>,
    /// One entry per child outline section, in reading order.
    pub sections: Vec<SectionMatch>,
    /// Parent sections the child took nothing from (indices into the parent outline).
    pub dropped: Vec<usize>,
    pub substitutions: Vec<Substitution>,
    pub summary: Summary,
    /// Parent character ranges some child span was taken from, sorted and merged.
    pub parent_reused: Vec<Range<usize>>,
    /// True when the alignment stopped at its deadline and the rest was classified coarsely.
    pub timed_out: bool,
}

impl Comparison {
    /// The span covering child character `offset`, if any (white space between spans has none).
    pub fn span_at(&self, offset: usize) -> Option<usize> {
        let i = self.spans.partition_point(|s| s.range.end <= offset);
        (i < self.spans.len() && self.spans[i].range.start <= offset).then_some(i)
    }
}

/// Compares `child` with the `parent` it is thought to derive from.
pub fn compare(parent: &Document, child: &Document) -> Comparison {
    compare_with(parent, child, &Options::default())
}

fn compare_with(parent: &Document, child: &Document, options: &Options) -> Comparison {
    let pn = &parent.normalized;
    let cn = &child.normalized;
    let alignment = align(pn.into(), cn.into(), options);

    // Child position -> parent position, for section matching and reuse.
    let mut source: Vec<Option<u32>> = vec![None; cn.len()];
    for piece in &alignment.pieces {
        let Some(p) = &piece.parent else { continue };
        for (k, c) in piece.child.clone().enumerate() {
            let at = if piece.class == SpanClass::Inherited {
                p.start + k
            } else {
                p.start + (k * p.len() / piece.child.len().max(1)).min(p.len().saturating_sub(1))
            };
            if at < pn.len() {
                source[c] = Some(at as u32);
            }
        }
    }

    let spans = spans_of(&alignment.pieces, parent, child);
    let (sections, dropped) = match_sections(parent, child, &source);
    let mut comparison = Comparison {
        spans,
        sections,
        dropped,
        timed_out: alignment.timed_out,
        ..Comparison::default()
    };
    count::recount(&mut comparison, parent, child);
    comparison
}

/// Compares `child` with `parent`, told by a reviewer which sections are (or are not) linked.
pub fn compare_told(parent: &Document, child: &Document, hints: &[Hint]) -> Comparison {
    let mut comparison = compare(parent, child);
    manual::apply(&mut comparison, parent, child, hints);
    comparison
}

/// `automatic` (the untold comparison of `parent` and `child`) told `hints` afterwards, without
/// aligning again: the same result as [`compare_told`].
pub fn retell(
    automatic: &Comparison,
    parent: &Document,
    child: &Document,
    hints: &[Hint],
) -> Comparison {
    let mut comparison = automatic.clone();
    manual::apply(&mut comparison, parent, child, hints);
    comparison
}

/// Maps normalised pieces to spans over original characters.
fn spans_of(pieces: &[Piece], parent: &Document, child: &Document) -> Vec<Span> {
    let mut spans: Vec<Span> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        let mut range = child.normalized.original_range(piece.child.clone());
        // An expanded character (㈠ → (一)) split between two pieces belongs to the first.
        if let Some(last) = spans.last() {
            range.start = range.start.max(last.range.end);
        }
        if range.is_empty() {
            continue;
        }
        let parent_range = piece
            .parent
            .clone()
            .map(|p| parent.normalized.original_range(p));
        spans.push(Span {
            range,
            class: piece.class,
            parent: parent_range,
        });
    }
    spans
}
