//! Manual links and unlinks: a reviewer tells the comparison that a child section draws on a
//! parent section the aligner missed ([`Hint::Link`]), or does not draw on one it matched
//! ([`Hint::Unlink`]). The characters of the child section are re-classified here; every
//! figure is then counted again by [`super::count`], the code the automatic comparison counts
//! with. Depends on the alignment ([`super::claim`]) and counting, never on the review layer.

use std::ops::Range;

use super::claim::{Options, align};
use super::count::{content_count, recount};
use super::piece::{Piece, Text};
use super::{Comparison, SectionLink, Span, SpanClass};
use crate::Document;
use crate::document::normalize::is_space;

/// What a reviewer told the comparison about a pair of sections (indices into the child's and
/// the parent's outline).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Hint {
    /// The child section draws on the parent section.
    Link { child: usize, parent: usize },
    /// The child section does not draw on the parent section.
    Unlink { child: usize, parent: usize },
}

/// Applies `hints`, in order, to `out` (a comparison of `parent` and `child`), then counts
/// every figure again. Hints naming sections that do not exist are skipped.
pub(crate) fn apply(out: &mut Comparison, parent: &Document, child: &Document, hints: &[Hint]) {
    let exists = |cs: usize, ps: usize| {
        cs < child.outline.sections.len() && ps < parent.outline.sections.len()
    };
    let mut unlinked = Vec::new();
    let mut linked = Vec::new();
    for hint in hints {
        match *hint {
            Hint::Link {
                child: cs,
                parent: ps,
            } if exists(cs, ps) => {
                link(out, parent, child, cs, ps);
                linked.push((cs, ps));
            }
            Hint::Unlink {
                child: cs,
                parent: ps,
            } if exists(cs, ps) => {
                unlink(out, parent, child, cs, ps);
                unlinked.push(ps);
            }
            _ => {}
        }
    }
    if hints.is_empty() {
        return;
    }
    recount(out, parent, child);
    update_dropped(out, parent, &unlinked);
    for (cs, ps) in linked {
        let similarity = dice(out, parent, child, cs, ps);
        for m in out.sections.iter_mut().filter(|m| m.section == cs) {
            for l in m.parents.iter_mut().filter(|l| l.section == ps) {
                l.similarity = similarity;
            }
        }
    }
}

/// Dropped: what the aligner dropped, less what a link now draws on, plus unlinked sections
/// nothing draws on any more.
fn update_dropped(out: &mut Comparison, parent: &Document, unlinked: &[usize]) {
    let taken = |r: &Range<usize>| {
        out.parent_reused
            .iter()
            .any(|u| u.start < r.end && r.start < u.end)
    };
    let linked = |ps: usize| {
        out.sections
            .iter()
            .any(|m| m.parents.iter().any(|l| l.section == ps))
    };
    let po = &parent.outline.sections;
    let mut dropped: Vec<usize> = out
        .dropped
        .iter()
        .copied()
        .filter(|&ps| !linked(ps))
        .chain(
            unlinked
                .iter()
                .copied()
                .filter(|&ps| !taken(&po[ps].range) && !linked(ps)),
        )
        .collect();
    dropped.sort_unstable();
    dropped.dedup();
    out.dropped = dropped;
}

/// The Dice similarity of a child and a parent section, as `compare::compare` measures it:
/// twice the child characters (of the section) drawn from the parent section, over the two
/// sections' sizes; rounded to hundredths.
fn dice(out: &Comparison, parent: &Document, child: &Document, cs: usize, ps: usize) -> f64 {
    let c_range = child.outline.sections[cs].range.clone();
    let p_range = parent.outline.sections[ps].range.clone();
    let overlap: usize = out
        .spans
        .iter()
        .filter(|s| {
            s.parent
                .as_ref()
                .is_some_and(|p| p.start < p_range.end && p_range.start < p.end)
        })
        .map(|s| {
            let (start, end) = (
                s.range.start.max(c_range.start),
                s.range.end.min(c_range.end),
            );
            if start < end {
                content_count(child.chars(), start..end)
            } else {
                0
            }
        })
        .sum();
    let sizes = content_count(child.chars(), c_range) + content_count(parent.chars(), p_range);
    let dice = (2.0 * overlap as f64 / sizes.max(1) as f64).min(1.0);
    (dice * 100.0).round() / 100.0
}

fn within(inner: &Range<usize>, outer: &Range<usize>) -> bool {
    inner.start >= outer.start && inner.end <= outer.end && inner.start < inner.end
}

/// Text the child section took from the parent section becomes the child's own.
fn unlink(out: &mut Comparison, parent: &Document, child: &Document, cs: usize, ps: usize) {
    let c_range = child.outline.sections[cs].range.clone();
    let p_range = parent.outline.sections[ps].range.clone();
    for span in &mut out.spans {
        if within(&span.range, &c_range)
            && span.parent.as_ref().is_some_and(|p| within(p, &p_range))
        {
            span.class = SpanClass::Added;
            span.parent = None;
        }
    }
    merge_added(&mut out.spans);
    // The section and its sub-sections no longer draw on the parent section or its parts.
    for m in &mut out.sections {
        let r = &child.outline.sections[m.section].range;
        if within(r, &c_range) {
            m.parents.retain(|l| {
                parent
                    .outline
                    .sections
                    .get(l.section)
                    .is_none_or(|s| !within(&s.range, &p_range))
            });
        }
    }
}

/// The child section's added text is aligned against the parent section alone; what matches
/// there becomes inherited or adapted, and the parent section becomes the section's first
/// source.
fn link(out: &mut Comparison, parent: &Document, child: &Document, cs: usize, ps: usize) {
    let c_range = child.outline.sections[cs].range.clone();
    let p_range = parent.outline.sections[ps].range.clone();
    let (pn, cn) = (&parent.normalized, &child.normalized);
    let (pa, pb) = (
        pn.index_at_or_after(p_range.start),
        pn.index_at_or_after(p_range.end),
    );
    let (ca, cb) = (
        cn.index_at_or_after(c_range.start),
        cn.index_at_or_after(c_range.end),
    );
    if pa < pb && ca < cb {
        let alignment = align(
            Text {
                chars: &pn.chars[pa..pb],
                para_start: &pn.para_start[pa..pb],
            },
            Text {
                chars: &cn.chars[ca..cb],
                para_start: &cn.para_start[ca..cb],
            },
            &Options::default(),
        );
        let pieces: Vec<Piece> = alignment
            .pieces
            .iter()
            .filter(|p| p.class != SpanClass::Added && !p.child.is_empty())
            .filter_map(|p| {
                let parent_range = p.parent.clone().filter(|r| !r.is_empty())?;
                Some(Piece {
                    child: p.child.start + ca..p.child.end + ca,
                    parent: Some(parent_range.start + pa..parent_range.end + pa),
                    class: p.class,
                })
            })
            .collect();
        let found = super::lay_out(&pieces, parent, child);
        // Found text replaces added text only: what the section took from elsewhere stays.
        let mut spans = Vec::with_capacity(out.spans.len() + found.len());
        for span in out.spans.drain(..) {
            if span.class != SpanClass::Added || !within(&span.range, &c_range) {
                spans.push(span);
                continue;
            }
            let mut at = span.range.start;
            for f in found.iter().filter(|f| within(&f.range, &span.range)) {
                if f.range.start < at {
                    continue;
                }
                if at < f.range.start {
                    spans.push(added(at..f.range.start));
                }
                spans.push(f.clone());
                at = f.range.end;
            }
            if at < span.range.end {
                spans.push(added(at..span.range.end));
            }
        }
        // Gaps of white space only are not spans (the contract covers non-space characters).
        spans.retain(|s| child.chars()[s.range.clone()].iter().any(|&c| !is_space(c)));
        out.spans = spans;
    }
    if let Some(m) = out.sections.iter_mut().find(|m| m.section == cs) {
        m.parents.retain(|l| l.section != ps);
        m.parents.insert(
            0,
            SectionLink {
                section: ps,
                similarity: 1.0,
            },
        );
    }
}

fn added(range: Range<usize>) -> Span {
    Span {
        range,
        class: SpanClass::Added,
        parent: None,
    }
}

/// Neighbouring added spans become one, as the aligner would have produced them.
fn merge_added(spans: &mut Vec<Span>) {
    let mut merged: Vec<Span> = Vec::with_capacity(spans.len());
    for span in spans.drain(..) {
        match merged.last_mut() {
            Some(last)
                if last.class == SpanClass::Added
                    && span.class == SpanClass::Added
                    && last.range.end <= span.range.start =>
            {
                last.range.end = span.range.end;
            }
            _ => merged.push(span),
        }
    }
    *spans = merged;
}
