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

/// Groups adapted spans by what they replaced and with what, most frequent first. Only real
/// substitutions are listed: not punctuation, not renumbering, not fragments of different
/// kinds (a date against words).
fn substitutions_of(spans: &[Span], parent: &Document, child: &Document) -> Vec<Substitution> {
    let compact = |chars: &[char], r: Range<usize>| -> String {
        chars[r].iter().filter(|&&c| !is_space(c)).collect()
    };
    let (parent_labels, child_labels) = (label_ranges(parent), label_ranges(child));
    let mut table: Vec<Substitution> = Vec::new();
    let mut index: std::collections::HashMap<(String, String), usize> = Default::default();
    for (i, span) in spans.iter().enumerate() {
        if span.class != SpanClass::Adapted {
            continue;
        }
        let Some(p) = &span.parent else { continue };
        if overlaps(&parent_labels, p) || overlaps(&child_labels, &span.range) {
            continue;
        }
        let key = (
            compact(parent.chars(), p.clone()),
            compact(child.chars(), span.range.clone()),
        );
        if !is_substitution(&key.0, &key.1) {
            continue;
        }
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

/// The heading labels of a document's sections (`12.`, `（三）`), in order.
fn label_ranges(doc: &Document) -> Vec<Range<usize>> {
    doc.outline
        .sections
        .iter()
        .filter(|s| !s.label.is_empty())
        .map(|s| s.heading.start..s.heading.start + s.label.chars().count())
        .collect()
}

fn overlaps(sorted: &[Range<usize>], range: &Range<usize>) -> bool {
    let first = sorted.partition_point(|r| r.end <= range.start);
    sorted
        .get(first)
        .is_some_and(|r| r.start < range.end && range.start < r.end)
}

/// Characters of administrative wording (省 → 市, 省科技厅 → 市科技局).
pub(crate) const ADMINISTRATIVE: &str = "省市县区州旗盟厅局委办";
/// What a jurisdiction's name ends with (甘肃省, 武威市).
const JURISDICTION: &str = "省市县区州旗盟";

/// Whether `parent` → `child` (white space removed) is a substitution worth listing: both
/// sides hold words or figures, neither starts with a heading label (renumbering, or a
/// fragment running into a heading), both are of the same kind (figures on both sides or on
/// neither; a script in common), and a jurisdiction is replaced by administrative wording,
/// not by something else.
fn is_substitution(parent: &str, child: &str) -> bool {
    let (p, c): (Vec<char>, Vec<char>) = (parent.chars().collect(), child.chars().collect());
    let kinds = |t: &[char]| {
        let has = |f: fn(&char) -> bool| t.iter().any(f);
        (
            has(|c| c.is_numeric() && !c.is_alphabetic()),
            has(|c| c.is_alphabetic() && !c.is_ascii()),
            has(char::is_ascii_alphabetic),
        )
    };
    let ((p_figure, p_han, p_latin), (c_figure, c_han, c_latin)) = (kinds(&p), kinds(&c));
    let words = |t: &[char]| t.iter().any(|c| c.is_alphanumeric());
    let labelled = |t: &[char]| crate::document::outline::label_len(t).is_some();
    let jurisdiction =
        |t: &[char]| t.len() >= 2 && t.last().is_some_and(|c| JURISDICTION.contains(*c));
    let administrative = |t: &[char]| t.iter().any(|c| ADMINISTRATIVE.contains(*c));
    words(&p)
        && words(&c)
        && !labelled(&p)
        && !labelled(&c)
        && p_figure == c_figure
        && (p_figure || (p_han && c_han) || (p_latin && c_latin))
        && (!jurisdiction(&p) || administrative(&c))
        && (!jurisdiction(&c) || administrative(&p))
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

#[cfg(test)]
mod tests {
    use super::is_substitution;

    #[test]
    fn localisations_and_changed_figures_are_substitutions() {
        for (parent, child) in [
            ("甘肃省", "武威市"),
            ("省", "市"),
            ("省科技厅", "市科技局"),
            ("省教育厅、省", "市教育局、市"),
            ("2020", "2022"),
            ("8月1", "12月20"),
            ("加强", "鼓励开展"),
        ] {
            assert!(is_substitution(parent, child), "{parent} → {child}");
        }
    }

    #[test]
    fn punctuation_renumbering_and_mismatched_fragments_are_not() {
        for (parent, child) in [
            ("、", "，"),
            ("、", ","),
            ("认真组织实施。", ","),
            ("。", "与应用"),
            ("12.", "10."),
            ("（三）", "（二）"),
            ("三、", "二、"),
            ("1.", "鼓励"),
            ("1.到2020年，", "探索建立"),
            ("9.智能农业。研制", "引进、推广应用"),
            ("2018年8月1日", "关于印发"),
            ("AI", "人工智能"),
            ("甘肃省", "积极鼓励开展"),
        ] {
            assert!(!is_substitution(parent, child), "{parent} → {child}");
        }
    }
}
