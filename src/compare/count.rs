//! Counting: the figures of a comparison (class shares, parent reuse, section shares,
//! substitutions) from its spans. Every figure anyone shows is counted here.

use std::ops::Range;

use super::{Comparison, Span, SpanClass, Substitution, Summary};
use crate::Document;
use crate::document::normalize::is_space;

/// Counts every figure of `out` from its spans: the parent text reused, the summary, the
/// substitutions and each section's shares. The automatic comparison and a corrected one
/// ([`super::manual`]) both count here.
pub(crate) fn recount(out: &mut Comparison, parent: &Document, child: &Document) {
    out.parent_reused = reused_ranges(&out.spans);
    out.summary = summarize(&out.spans, &out.parent_reused, parent, child);
    out.substitutions = substitutions_of(&out.spans, parent, child);
    let counts = ClassCounts::new(child.chars(), &out.spans);
    for m in &mut out.sections {
        let k = counts.within(child.outline.sections[m.section].range.clone());
        let total = k.iter().sum::<usize>().max(1) as f64;
        m.inherited = k[0] as f64 / total;
        m.adapted = k[1] as f64 / total;
        m.added = k[2] as f64 / total;
    }
}

fn reused_ranges(spans: &[Span]) -> Vec<Range<usize>> {
    let mut ranges: Vec<Range<usize>> = spans
        .iter()
        .filter_map(|s| s.parent.clone())
        .filter(|r| !r.is_empty())
        .collect();
    ranges.sort_unstable_by_key(|r| r.start);
    let mut merged: Vec<Range<usize>> = Vec::with_capacity(ranges.len());
    for r in ranges {
        match merged.last_mut() {
            Some(last) if r.start <= last.end => last.end = last.end.max(r.end),
            _ => merged.push(r),
        }
    }
    merged
}

pub(crate) fn content_count(chars: &[char], range: Range<usize>) -> usize {
    let end = range.end.min(chars.len());
    let start = range.start.min(end);
    chars[start..end].iter().filter(|&&c| !is_space(c)).count()
}

/// Non-white-space characters of each class (inherited, adapted, added) inside `range` of
/// the child.
pub(crate) fn class_chars(chars: &[char], spans: &[Span], range: Range<usize>) -> [usize; 3] {
    let mut counts = [0usize; 3];
    let first = spans.partition_point(|s| s.range.end <= range.start);
    for span in spans[first..]
        .iter()
        .take_while(|s| s.range.start < range.end)
    {
        let within = span.range.start.max(range.start)..span.range.end.min(range.end);
        counts[span.class as usize] += content_count(chars, within);
    }
    counts
}

fn summarize(
    spans: &[Span],
    parent_reused: &[Range<usize>],
    parent: &Document,
    child: &Document,
) -> Summary {
    let mut counts = [0usize; 3];
    for span in spans {
        counts[span.class as usize] += content_count(child.chars(), span.range.clone());
    }
    let total = counts.iter().sum::<usize>().max(1) as f64;
    let reused: usize = parent_reused
        .iter()
        .map(|r| content_count(parent.chars(), r.clone()))
        .sum();
    Summary {
        inherited: counts[SpanClass::Inherited as usize] as f64 / total,
        adapted: counts[SpanClass::Adapted as usize] as f64 / total,
        added: counts[SpanClass::Added as usize] as f64 / total,
        parent_reused: reused as f64 / parent.content_chars().max(1) as f64,
    }
}

/// Groups adapted spans by what they replaced and with what, most frequent first.
fn substitutions_of(spans: &[Span], parent: &Document, child: &Document) -> Vec<Substitution> {
    let compact = |chars: &[char], r: Range<usize>| -> String {
        chars[r].iter().filter(|&&c| !is_space(c)).collect()
    };
    let mut table: Vec<Substitution> = Vec::new();
    let mut index: std::collections::HashMap<(String, String), usize> = Default::default();
    for (i, span) in spans.iter().enumerate() {
        if span.class != SpanClass::Adapted {
            continue;
        }
        let Some(p) = &span.parent else { continue };
        let key = (
            compact(parent.chars(), p.clone()),
            compact(child.chars(), span.range.clone()),
        );
        let slot = *index.entry(key.clone()).or_insert_with(|| {
            table.push(Substitution {
                parent: key.0,
                child: key.1,
                count: 0,
                spans: Vec::new(),
            });
            table.len() - 1
        });
        table[slot].count += 1;
        table[slot].spans.push(i);
    }
    table.sort_by(|a, b| b.count.cmp(&a.count).then(a.spans[0].cmp(&b.spans[0])));
    table
}

/// Running counts of non-white-space child characters per class, so that the share of any
/// range is two look-ups instead of a walk over all spans.
struct ClassCounts {
    /// `prefix[i][k]`: characters of class `k` before original character `i`.
    prefix: Vec<[u32; 3]>,
}

impl ClassCounts {
    fn new(chars: &[char], spans: &[Span]) -> Self {
        let mut class_of: Vec<Option<SpanClass>> = vec![None; chars.len()];
        for span in spans {
            let end = span.range.end.min(chars.len());
            for slot in &mut class_of[span.range.start.min(end)..end] {
                *slot = Some(span.class);
            }
        }
        let mut prefix = Vec::with_capacity(chars.len() + 1);
        let mut running = [0u32; 3];
        prefix.push(running);
        for (c, class) in chars.iter().zip(&class_of) {
            if let Some(class) = class
                && !is_space(*c)
            {
                running[*class as usize] += 1;
            }
            prefix.push(running);
        }
        Self { prefix }
    }

    fn within(&self, range: Range<usize>) -> [usize; 3] {
        let last = self.prefix.len() - 1;
        let (a, b) = (
            self.prefix[range.start.min(last)],
            self.prefix[range.end.min(last)],
        );
        [0, 1, 2].map(|k| (b[k] - a[k]) as usize)
    }
}
