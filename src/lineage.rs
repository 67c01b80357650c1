//! The result of comparing a child document with its parent: every character of the child
//! classified, sections matched, dropped parent sections, systematic substitutions.

use std::ops::Range;

use serde::Serialize;

use crate::Document;
use crate::align::{Options, Piece, align};
use crate::normalize::is_space;
use crate::outline::{HeadingKind, Outline, SectionKind};

/// What a stretch of child text is, relative to the parent.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, serde::Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpanClass {
    /// The same as parent text after normalisation.
    Inherited,
    /// Replaces a short, different piece of parent text inside an inherited passage.
    Adapted,
    /// Local text with no source in the parent.
    Added,
}

impl SpanClass {
    pub fn name(self) -> &'static str {
        match self {
            SpanClass::Inherited => "inherited",
            SpanClass::Adapted => "adapted",
            SpanClass::Added => "added",
        }
    }
}

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

pub fn compare_with(parent: &Document, child: &Document, options: &Options) -> Comparison {
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
    let parent_reused = reused_ranges(&spans);
    let summary = summarize(&spans, &parent_reused, parent, child);
    let substitutions = substitutions_of(&spans, parent, child);
    let (sections, dropped) = match_sections(parent, child, &source, &spans);
    Comparison {
        spans,
        sections,
        dropped,
        substitutions,
        summary,
        parent_reused,
        timed_out: alignment.timed_out,
    }
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

fn content_count(chars: &[char], range: Range<usize>) -> usize {
    let end = range.end.min(chars.len());
    let start = range.start.min(end);
    chars[start..end].iter().filter(|&&c| !is_space(c)).count()
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

/// For each normalised position, the deepest section containing it.
fn deepest_sections(outline: &Outline, origin: &[u32]) -> Vec<Option<u32>> {
    let mut out = vec![None; origin.len()];
    // Pre-order: a later section containing a position is deeper than an earlier one.
    for (i, section) in outline.sections.iter().enumerate() {
        let start = origin.partition_point(|&o| (o as usize) < section.range.start);
        let end = origin.partition_point(|&o| (o as usize) < section.range.end);
        out[start..end].fill(Some(i as u32));
    }
    out
}

fn ancestors(outline: &Outline, section: usize) -> impl Iterator<Item = usize> + '_ {
    std::iter::successors(Some(section), |&s| outline.sections[s].parent)
}

/// Section pairs from the character mapping: a child section draws on the parent sections
/// whose text its characters came from, scored by the Dice overlap of the two subtrees.
fn match_sections(
    parent: &Document,
    child: &Document,
    source: &[Option<u32>],
    spans: &[Span],
) -> (Vec<SectionMatch>, Vec<usize>) {
    let po = &parent.outline;
    let co = &child.outline;
    let p_deepest = deepest_sections(po, &parent.normalized.origin);
    let c_deepest = deepest_sections(co, &child.normalized.origin);

    let mut p_size = vec![0usize; po.sections.len()];
    for s in p_deepest.iter().flatten() {
        for a in ancestors(po, *s as usize) {
            p_size[a] += 1;
        }
    }
    let mut c_size = vec![0usize; co.sections.len()];
    let mut overlap: rustc_hash::FxHashMap<(usize, usize), usize> = Default::default();
    let mut p_taken = vec![0usize; po.sections.len()];
    for (c, deepest) in c_deepest.iter().enumerate() {
        let Some(cs) = *deepest else { continue };
        for a in ancestors(co, cs as usize) {
            c_size[a] += 1;
        }
        let Some(p) = source[c] else { continue };
        let Some(ps) = p_deepest[p as usize] else {
            continue;
        };
        for pa in ancestors(po, ps as usize) {
            p_taken[pa] += 1;
            for ca in ancestors(co, cs as usize) {
                *overlap.entry((ca, pa)).or_default() += 1;
            }
        }
    }
    // Characters of each child section that came from anywhere in the parent.
    let mut c_sourced = vec![0usize; co.sections.len()];
    for (c, deepest) in c_deepest.iter().enumerate() {
        if let (Some(cs), Some(p)) = (*deepest, source[c])
            && p_deepest[p as usize].is_some()
        {
            for a in ancestors(co, cs as usize) {
                c_sourced[a] += 1;
            }
        }
    }
    // A candidate source is similar as a whole (Dice of the two sections), or supplies a
    // good share of what a derived child section took (a section merging two parent items;
    // a mostly local section that borrows one phrase does not count).
    let mut candidates: Vec<Vec<(usize, f64)>> = vec![Vec::new(); co.sections.len()];
    for (&(cs, ps), &ov) in &overlap {
        let dice = 2.0 * ov as f64 / (c_size[cs] + p_size[ps]).max(1) as f64;
        let share = ov as f64 / c_sourced[cs].max(1) as f64;
        let derived = c_sourced[cs] * 4 >= c_size[cs];
        if dice >= MIN_SECTION_SIMILARITY
            || (derived && share >= MIN_SOURCE_SHARE && ov >= MIN_SOURCE_CHARS)
        {
            candidates[cs].push((ps, dice));
        }
    }

    let related =
        |a: usize, b: usize| ancestors(po, a).any(|x| x == b) || ancestors(po, b).any(|x| x == a);
    let class_counts = ClassCounts::new(child.chars(), spans);
    let mut sections: Vec<SectionMatch> = Vec::with_capacity(co.sections.len());
    for (cs, mut list) in candidates.into_iter().enumerate() {
        list.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        // A parent section whose title the child kept is the source: the child's own
        // heading says so, even when the text borrows phrases from neighbouring sections.
        let child_title = &co.sections[cs].title;
        let kept_title = list.iter().position(|&(ps, _)| {
            title_similarity(child_title, &po.sections[ps].title) >= KEPT_TITLE
        });
        if let Some(k) = kept_title {
            let entry = list.remove(k);
            list = vec![entry];
        }
        let mut parents: Vec<SectionLink> = Vec::new();
        for (ps, dice) in list {
            if parents.iter().any(|l| related(l.section, ps)) {
                continue;
            }
            parents.push(SectionLink {
                section: ps,
                similarity: (dice * 100.0).round() / 100.0,
            });
        }
        let range = co.sections[cs].range.clone();
        let counts = class_counts.within(range);
        let total = counts.iter().sum::<usize>().max(1) as f64;
        sections.push(SectionMatch {
            section: cs,
            parents,
            moved: false,
            inherited: counts[0] as f64 / total,
            adapted: counts[1] as f64 / total,
            added: counts[2] as f64 / total,
        });
    }
    mark_moved(&mut sections, po);

    let is_dropped = |ps: usize| p_taken[ps] * 20 <= p_size[ps];
    let mut dropped = Vec::new();
    for (ps, section) in po.sections.iter().enumerate() {
        if !is_dropped(ps) {
            continue;
        }
        let parent_dropped = section
            .parent
            .is_some_and(|up| is_dropped(up) && !lists_items(po, up));
        if parent_dropped || lists_items(po, ps) {
            continue;
        }
        dropped.push(ps);
    }
    (sections, dropped)
}

/// Titles this similar mean the child kept the parent's section (智能制造 = 智能制造).
const KEPT_TITLE: f64 = 0.8;

/// Similarity of two section titles: shared characters in order (after normalisation) over
/// the shorter title's length.
fn title_similarity(a: &str, b: &str) -> f64 {
    let fold = |s: &str| -> Vec<char> {
        let chars: Vec<char> = s.chars().collect();
        crate::normalize::normalize(&chars, 0..chars.len()).chars
    };
    let (a, b) = (fold(a), fold(b));
    if a.is_empty() || b.is_empty() {
        return 0.0;
    }
    let Some(ops) = crate::align::diff::diff(&a, &b, a.len() + b.len()) else {
        return 0.0;
    };
    let same = crate::align::diff::equal_chars(&ops);
    // A title cut short (到2025年 for 到2025年，新一代人工智能高端产业链逐步形成) still counts
    // as kept when it is long enough not to match by chance.
    let shorter = a.len().min(b.len());
    if shorter >= 4 {
        same as f64 / shorter as f64
    } else {
        2.0 * same as f64 / (a.len() + b.len()) as f64
    }
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

/// Below this similarity a parent section is not named as a source.
const MIN_SECTION_SIMILARITY: f64 = 0.12;
/// A parent section that supplied this share of what a child section took is a source too.
const MIN_SOURCE_SHARE: f64 = 0.2;
/// … if that is at least this many characters.
const MIN_SOURCE_CHARS: usize = 12;

/// Whether a section's children are numbered items (1. 2. …): a dropped container of items is
/// reported item by item, the unit readers count ("items 19 to 24 were dropped").
fn lists_items(outline: &Outline, section: usize) -> bool {
    let children = &outline.sections[section].children;
    !children.is_empty()
        && children
            .iter()
            .all(|&c| outline.sections[c].kind == SectionKind::Heading(HeadingKind::Arabic))
}

/// Marks child sections whose source breaks the parent order kept by the others (the longest
/// increasing run of parent positions stays; the rest moved).
fn mark_moved(sections: &mut [SectionMatch], parent_outline: &Outline) {
    let matched: Vec<(usize, usize)> = sections
        .iter()
        .enumerate()
        .filter_map(|(i, s)| {
            s.parents
                .first()
                .map(|l| (i, parent_outline.sections[l.section].range.start))
        })
        .collect();
    let starts: Vec<usize> = matched.iter().map(|&(_, start)| start).collect();
    let mut in_order = vec![false; matched.len()];
    for k in crate::align::diff::longest_increasing(&starts, false) {
        in_order[k] = true;
    }
    for (k, &(i, _)) in matched.iter().enumerate() {
        sections[i].moved = !in_order[k];
    }
}
