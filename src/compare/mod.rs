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
pub mod frame;
pub mod manual;
pub mod piece;
pub mod refine;
pub mod sections;

use std::ops::Range;

use crate::Document;
use claim::{Alignment, Options, align};
use frame::FrameGaps;
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
    let alignment = align(
        (&parent.normalized).into(),
        (&child.normalized).into(),
        &Options::default(),
    );
    compare_aligned(parent, child, &alignment)
}

/// [`compare`] from the alignment of the two texts (by [`align`] with the default options),
/// made once where the trace needs it too.
pub fn compare_aligned(parent: &Document, child: &Document, alignment: &Alignment) -> Comparison {
    let (pn, cn) = (&parent.normalized, &child.normalized);

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

/// Maps normalised pieces to spans over original characters, the child's frame text in
/// added spans of its own.
fn spans_of(pieces: &[Piece], parent: &Document, child: &Document) -> Vec<Span> {
    let spans = lay_out(pieces, parent, child);
    frame::with_frame_spans(
        spans,
        &FrameGaps::of(child),
        |s| &s.range,
        |range| Span {
            range,
            class: SpanClass::Added,
            parent: None,
        },
    )
}

/// Maps normalised pieces to spans over original characters. A piece is cut where either
/// document's frame text lies inside it, so that no span, nor the parent text it points at,
/// runs over a frame.
fn lay_out(pieces: &[Piece], parent: &Document, child: &Document) -> Vec<Span> {
    let (parent_gaps, child_gaps) = (FrameGaps::of(parent), FrameGaps::of(child));
    let mut spans: Vec<Span> = Vec::with_capacity(pieces.len());
    for piece in pieces {
        for (c, p) in cut_at_frames(piece, &parent_gaps, &child_gaps) {
            let mut range = child.normalized.original_range(c);
            // An expanded character (㈠ → (一)) split between two pieces belongs to the first.
            if let Some(last) = spans.last() {
                range.start = range.start.max(last.range.end);
            }
            if range.is_empty() {
                continue;
            }
            spans.push(Span {
                range,
                class: piece.class,
                parent: p.map(|p| parent.normalized.original_range(p)),
            });
        }
    }
    spans
}

/// `piece` cut where frame text lies inside its child or its parent range: the child and
/// parent ranges (normalised) of each part. Adapted text maps onto its parent text in
/// proportion.
fn cut_at_frames(
    piece: &Piece,
    parent_gaps: &FrameGaps,
    child_gaps: &FrameGaps,
) -> Vec<(Range<usize>, Option<Range<usize>>)> {
    let c = piece.child.clone();
    let Some(p) = piece.parent.clone().filter(|p| !p.is_empty()) else {
        let mut at = c.start;
        let mut parts = Vec::new();
        for cut in child_gaps.cuts(c.clone()).chain(std::iter::once(c.end)) {
            parts.push((at..cut, piece.parent.clone()));
            at = cut;
        }
        return parts;
    };
    let (clen, plen) = (c.len().max(1), p.len());
    // Cut points as (child offset, parent offset) from the piece's start.
    let mut points: Vec<(usize, usize)> = child_gaps
        .cuts(c.clone())
        .map(|i| (i - c.start, (i - c.start) * plen / clen))
        .chain(
            parent_gaps
                .cuts(p.clone())
                .map(|j| ((j - p.start) * clen / plen, j - p.start)),
        )
        .collect();
    if points.is_empty() {
        return vec![(c, Some(p))];
    }
    points.sort_unstable();
    points.push((c.len(), plen));
    let mut parts = Vec::with_capacity(points.len());
    let mut at = (0, 0);
    for point in points {
        if point.0 > at.0 {
            parts.push((
                c.start + at.0..c.start + point.0,
                Some(p.start + at.1..p.start + point.1.max(at.1)),
            ));
            at = (point.0, point.1.max(at.1));
        }
    }
    parts
}
