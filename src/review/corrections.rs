//! Manual corrections to a comparison: the reviewer links a child section to a parent section
//! the aligner missed, or unlinks a wrong match. The characters of the affected child section
//! are re-classified and everything derived from the spans (section shares, summary, parent
//! reuse, substitutions, dropped sections) is counted again. The automatic comparison is
//! never changed; corrections always apply to it afresh, in order.

use std::ops::Range;

use crate::Document;
use crate::compare::claim::{Options, Text, align};
use crate::compare::{Comparison, SectionLink, Span, SpanClass, Substitution, Summary};
use crate::document::normalize::is_space;
use crate::review::session::{Correction, CorrectionKind};

/// `automatic` with `corrections` applied. Corrections naming sections that do not exist are
/// skipped.
pub fn apply(
    parent: &Document,
    child: &Document,
    automatic: &Comparison,
    corrections: &[Correction],
) -> Comparison {
    let mut out = automatic.clone();
    for c in corrections {
        let (cs, ps) = (c.child.index, c.parent.index);
        if cs >= child.outline.sections.len() || ps >= parent.outline.sections.len() {
            continue;
        }
        match c.kind {
            CorrectionKind::Link => link(&mut out, parent, child, cs, ps),
            CorrectionKind::Unlink => unlink(&mut out, parent, child, cs, ps),
        }
    }
    if !corrections.is_empty() {
        let unlinked: Vec<usize> = corrections
            .iter()
            .filter(|c| c.kind == CorrectionKind::Unlink)
            .map(|c| c.parent.index)
            .filter(|&ps| ps < parent.outline.sections.len())
            .collect();
        recount(&mut out, parent, child, &unlinked);
        for c in corrections
            .iter()
            .filter(|c| c.kind == CorrectionKind::Link)
        {
            let (cs, ps) = (c.child.index, c.parent.index);
            if cs >= child.outline.sections.len() || ps >= parent.outline.sections.len() {
                continue;
            }
            let similarity = dice(&out, parent, child, cs, ps);
            for m in out.sections.iter_mut().filter(|m| m.section == cs) {
                for l in m.parents.iter_mut().filter(|l| l.section == ps) {
                    l.similarity = similarity;
                }
            }
        }
    }
    out
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

/// Whether a reviewer corrected the child section's matching.
pub fn is_manual(corrections: &[Correction], child_section: usize) -> bool {
    corrections.iter().any(|c| c.child.index == child_section)
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
        let found: Vec<Span> = alignment
            .pieces
            .iter()
            .filter(|p| p.class != SpanClass::Added && !p.child.is_empty())
            .filter_map(|p| {
                let parent_range = p.parent.clone().filter(|r| !r.is_empty())?;
                Some(Span {
                    range: cn.original_range(p.child.start + ca..p.child.end + ca),
                    class: p.class,
                    parent: Some(pn.original_range(parent_range.start + pa..parent_range.end + pa)),
                })
            })
            .collect();
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

fn content_count(chars: &[char], range: Range<usize>) -> usize {
    let end = range.end.min(chars.len());
    let start = range.start.min(end);
    chars[start..end].iter().filter(|&&c| !is_space(c)).count()
}

/// Everything derived from the spans, counted again the way `compare::compare` counts it.
/// `unlinked`: parent sections a correction unlinked, which become dropped when nothing else
/// draws on them.
fn recount(out: &mut Comparison, parent: &Document, child: &Document, unlinked: &[usize]) {
    let mut ranges: Vec<Range<usize>> = out
        .spans
        .iter()
        .filter_map(|s| s.parent.clone())
        .filter(|r| !r.is_empty())
        .collect();
    ranges.sort_unstable_by_key(|r| r.start);
    let mut reused: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match reused.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => reused.push(r),
        }
    }

    let shares = |range: &Range<usize>| {
        let mut counts = [0usize; 3];
        for span in &out.spans {
            let (start, end) = (
                span.range.start.max(range.start),
                span.range.end.min(range.end),
            );
            if start < end {
                counts[span.class as usize] += content_count(child.chars(), start..end);
            }
        }
        counts
    };
    let counts = shares(&child.range);
    let total = counts.iter().sum::<usize>().max(1) as f64;
    let reused_chars: usize = reused
        .iter()
        .map(|r| content_count(parent.chars(), r.clone()))
        .sum();
    out.summary = Summary {
        inherited: counts[0] as f64 / total,
        adapted: counts[1] as f64 / total,
        added: counts[2] as f64 / total,
        parent_reused: reused_chars as f64 / parent.content_chars().max(1) as f64,
    };
    let section_shares: Vec<[usize; 3]> = out
        .sections
        .iter()
        .map(|m| shares(&child.outline.sections[m.section].range))
        .collect();
    for (m, counts) in out.sections.iter_mut().zip(section_shares) {
        let total = counts.iter().sum::<usize>().max(1) as f64;
        m.inherited = counts[0] as f64 / total;
        m.adapted = counts[1] as f64 / total;
        m.added = counts[2] as f64 / total;
    }

    // Dropped: what the aligner dropped, less what a link now draws on, plus unlinked
    // sections nothing draws on any more.
    let taken = |r: &Range<usize>| reused.iter().any(|u| u.start < r.end && r.start < u.end);
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

    let compact = |chars: &[char], r: Range<usize>| -> String {
        chars[r].iter().filter(|&&c| !is_space(c)).collect()
    };
    let mut table: Vec<Substitution> = Vec::new();
    for (i, span) in out.spans.iter().enumerate() {
        let (SpanClass::Adapted, Some(p)) = (span.class, &span.parent) else {
            continue;
        };
        let key = (
            compact(parent.chars(), p.clone()),
            compact(child.chars(), span.range.clone()),
        );
        match table
            .iter_mut()
            .find(|s| s.parent == key.0 && s.child == key.1)
        {
            Some(s) => {
                s.count += 1;
                s.spans.push(i);
            }
            None => table.push(Substitution {
                parent: key.0,
                child: key.1,
                count: 1,
                spans: vec![i],
            }),
        }
    }
    table.sort_by(|a, b| b.count.cmp(&a.count).then(a.spans[0].cmp(&b.spans[0])));
    out.substitutions = table;
}
