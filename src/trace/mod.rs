//! Tracing: one document against many candidate sources at once. For every passage, the
//! source it was most likely copied from, the other sources holding the same text, and
//! whether that text is evidence at all or stock wording shared across the corpus.
//!
//! Each source is aligned with the document by the compare pipeline ([`crate::compare`]);
//! [`nearest`] then decides, passage by passage, which of the sources holding a passage the
//! document copied it from; the corpus's counts ([`crate::corpus::holders`]) mark the wording
//! many corpus documents share.

pub mod inputs;
pub mod nearest;

use std::collections::HashSet;
use std::ops::Range;
use std::sync::atomic::{AtomicBool, Ordering};

use rayon::prelude::*;

use crate::Document;
use crate::compare::SpanClass;
use crate::compare::claim::{Alignment, Options as AlignOptions, align};
use crate::compare::frame::{FrameGaps, with_frame_spans};
use crate::corpus::Level;
use crate::document::facts::{Citation, Facts, facts};
use crate::document::normalize::is_space;
use nearest::{Coverage, Preference};

/// Why a reused passage points where it points.
#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Evidence {
    /// Only the nearest source holds this text.
    Distinctive,
    /// Other sources hold it too.
    Shared,
    /// Stock wording found across many documents of the corpus: no evidence of copying.
    Boilerplate,
}

impl Evidence {
    /// The name the JSON contract and the research tables use.
    pub fn name(self) -> &'static str {
        match self {
            Self::Distinctive => "distinctive",
            Self::Shared => "shared",
            Self::Boilerplate => "boilerplate",
        }
    }
}

/// Another source holding a passage, with its range (original characters of its file).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Holder {
    pub source: usize,
    pub range: Range<usize>,
}

/// A run of the document's characters of one class, with one nearest source.
#[derive(Debug, Clone, PartialEq)]
pub struct TraceSpan {
    /// Original characters of the document's file.
    pub range: Range<usize>,
    pub class: SpanClass,
    /// Index into [`Trace::sources`]; `None` for added text.
    pub source: Option<usize>,
    /// Original characters of the source's file.
    pub source_range: Option<Range<usize>>,
    pub also: Vec<Holder>,
    pub evidence: Option<Evidence>,
}

/// A source that explains some of the document.
#[derive(Debug, Clone, PartialEq)]
pub struct TracedSource {
    /// Index into the sources given to [`trace`].
    pub input: usize,
    pub facts: Facts,
    /// The document names this source (its title or its number).
    pub cited: bool,
    /// Share of the document's non-white-space characters attributed to this source.
    pub share: f64,
    /// The part of `share` no other listed source holds.
    pub distinctive_share: f64,
}

#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct TraceSummary {
    pub inherited: f64,
    pub adapted: f64,
    pub added: f64,
    /// Reused text whose evidence is boilerplate.
    pub boilerplate: f64,
}

#[derive(Debug, Clone, Default)]
pub struct Trace {
    pub facts: Facts,
    /// Best first; sources that explain nothing are left out.
    pub sources: Vec<TracedSource>,
    /// Cover every non-white-space character of the document once, in order.
    pub spans: Vec<TraceSpan>,
    /// The document's citations, with the source each names (index into `sources`).
    pub citations: Vec<(Citation, Option<usize>)>,
    pub summary: TraceSummary,
    /// Some alignment stopped at its deadline.
    pub timed_out: bool,
    /// Sources traced once with another: `(input, input of the source traced for it)`,
    /// indices into the sources given to [`trace`].
    pub duplicates: Vec<(usize, usize)>,
}

#[derive(Debug, Clone)]
pub struct Options {
    pub align: AlignOptions,
    /// Cost, in characters of disagreeing evidence, of switching source between paragraphs
    /// (inside one it costs more, see `nearest::assign`).
    pub switch_cost: f64,
}

impl Default for Options {
    fn default() -> Self {
        Self {
            align: AlignOptions::default(),
            switch_cost: 2.0,
        }
    }
}

/// Whether `source` is the document itself (the same normalised text).
pub fn is_same_text(doc: &Document, source: &Document) -> bool {
    doc.normalized.chars == source.normalized.chars
}

/// Traces `doc` through `sources`. `stock` marks the document's normalised characters that
/// are stock wording (see [`crate::corpus::holders::Holders::stock_mask`]); `None` when no corpus counts are known.
pub fn trace(
    doc: &Document,
    sources: &[Document],
    stock: Option<&[bool]>,
    options: &Options,
) -> Trace {
    trace_unless(doc, sources, stock, options, &AtomicBool::new(false)).unwrap_or_default()
}

/// [`trace`], stopping between the sources' alignments once `cancel` is set (`None` then),
/// so that a trace the user cancelled does not go on working.
pub fn trace_unless(
    doc: &Document,
    sources: &[Document],
    stock: Option<&[bool]>,
    options: &Options,
    cancel: &AtomicBool,
) -> Option<Trace> {
    let aligned = |k: usize| {
        let alignment = align(
            (&sources[k].normalized).into(),
            (&doc.normalized).into(),
            &options.align,
        );
        (
            Coverage::new(
                &alignment.pieces,
                &sources[k].normalized.chars,
                &doc.normalized.chars,
            ),
            alignment.timed_out,
        )
    };
    trace_with(doc, sources, stock, options, cancel, &aligned)
}

/// [`trace`] of sources already aligned with the document: `alignments[k]` aligns
/// `sources[k]` with it, as [`align`] does with `options.align` (the corpus run compares
/// each source in full from the same alignment).
pub fn trace_aligned(
    doc: &Document,
    sources: &[Document],
    alignments: &[Alignment],
    stock: Option<&[bool]>,
    options: &Options,
) -> Trace {
    let aligned = |k: usize| {
        let alignment: &Alignment = &alignments[k];
        (
            Coverage::new(
                &alignment.pieces,
                &sources[k].normalized.chars,
                &doc.normalized.chars,
            ),
            alignment.timed_out,
        )
    };
    trace_with(
        doc,
        sources,
        stock,
        options,
        &AtomicBool::new(false),
        &aligned,
    )
    .unwrap_or_default()
}

/// The trace, with `aligned(k)` giving source `k`'s coverage of the document and whether
/// its alignment stopped at its deadline.
fn trace_with(
    doc: &Document,
    sources: &[Document],
    stock: Option<&[bool]>,
    options: &Options,
    cancel: &AtomicBool,
    aligned: &(dyn Fn(usize) -> (Coverage, bool) + Sync),
) -> Option<Trace> {
    let own = facts(doc);
    let (kept, duplicates) = distinct_sources(doc, sources);
    let source_facts: Vec<Facts> = kept.par_iter().map(|&k| facts(&sources[k])).collect();
    let aligned: Vec<(Coverage, bool)> = kept
        .par_iter()
        .map(|&k| (!cancel.load(Ordering::Relaxed)).then(|| aligned(k)))
        .collect::<Option<_>>()?;
    if cancel.load(Ordering::Relaxed) {
        return None;
    }
    let timed_out = aligned.iter().any(|(_, t)| *t);
    let coverage: Vec<Coverage> = aligned.into_iter().map(|(c, _)| c).collect();
    let none = vec![false; doc.normalized.len()];
    let stock = stock.unwrap_or(&none);

    // The source each citation names (index into `kept`).
    let named: Vec<Option<usize>> = own
        .citations
        .iter()
        .map(|c| {
            (0..kept.len())
                .find(|&k| c.names(&sources[kept[k]].title, source_facts[k].number.as_deref()))
        })
        .collect();
    let cited: Vec<bool> = (0..kept.len()).map(|k| named.contains(&Some(k))).collect();
    let preference: Vec<Preference> = source_facts
        .iter()
        .zip(&cited)
        .map(|(f, &cited)| Preference {
            cited,
            level_gap: level_gap(own.level, f.level),
            date: f.date.clone(),
        })
        .collect();
    let assignment = nearest::assign(
        &doc.normalized,
        &paragraph_starts(doc),
        &coverage,
        stock,
        &preference,
        options.switch_cost,
    );
    let kept_docs: Vec<&Document> = kept.iter().map(|&k| &sources[k]).collect();
    let spans = build_spans(doc, &kept_docs, &coverage, &assignment, stock);
    let picked = Picked {
        kept,
        duplicates,
        facts: source_facts,
        cited,
        named,
    };
    Some(finish(doc, own, picked, spans, timed_out))
}

/// The normalised characters of `doc` that begin one of its logical paragraphs.
fn paragraph_starts(doc: &Document) -> Vec<bool> {
    let text = &doc.normalized;
    let mut out = vec![false; text.len()];
    for p in &doc.outline.paragraphs {
        if let Some(slot) = out.get_mut(text.index_at_or_after(p.range.start)) {
            *slot = true;
        }
    }
    out
}

/// Share of each other's shingles two sources hold to be traced once: higher than the
/// corpus's near-copy bar, since a version derived with a few reworded sentences still holds
/// over 90% of its original and is a source of its own.
const NEAR_COPY: f64 = 0.98;

/// Length of the windows that tell two near copies apart in the document.
const TELL_WINDOW: usize = 8;

/// The sources to trace and the near copies traced once with one of them (`(copy, kept)`).
/// DOC and its copies are never sources. Of near copies (each holding over 98% of the other,
/// a plan saved on its own and inside a scraped listing) the whole file is kept over a
/// listing entry, then the first given. Two files the document tells apart, keeping
/// wording only one of them has (a version derived with a few words changed), are two
/// sources; a listing's entry is a saved copy, whatever its wrapper.
fn distinct_sources(doc: &Document, sources: &[Document]) -> (Vec<usize>, Vec<(usize, usize)>) {
    let shingles: Vec<Vec<u64>> = sources
        .par_iter()
        .map(|s| crate::corpus::index::shingles(&s.normalized.chars))
        .collect();
    // The document's windows, taken only when two near copies are to be told apart.
    let doc_windows = std::cell::OnceCell::new();
    let copies = |a: usize, b: usize| {
        let (x, y) = (&shingles[a], &shingles[b]);
        let shared = x.iter().filter(|h| y.binary_search(h).is_ok()).count() as f64;
        sources[a].normalized.chars == sources[b].normalized.chars
            || (!x.is_empty()
                && shared > NEAR_COPY * x.len() as f64
                && shared > NEAR_COPY * y.len() as f64
                && (sources[a].index.is_some()
                    || sources[b].index.is_some()
                    || !tells_apart(
                        doc_windows
                            .get_or_init(|| doc.normalized.chars.windows(TELL_WINDOW).collect()),
                        &sources[a],
                        &sources[b],
                    )))
    };
    let mut order: Vec<usize> = (0..sources.len())
        .filter(|&k| !is_same_text(doc, &sources[k]))
        .collect();
    order.sort_by_key(|&k| (sources[k].index.is_some(), k));
    let mut kept: Vec<usize> = Vec::new();
    let mut duplicates = Vec::new();
    for k in order {
        match kept.iter().copied().find(|&j| copies(j, k)) {
            Some(j) => duplicates.push((k, j)),
            None => kept.push(k),
        }
    }
    kept.sort_unstable();
    duplicates.sort_unstable();
    (kept, duplicates)
}

/// Whether the document (its windows, `held`) keeps wording one of two texts has and the
/// other lacks from two places of them or more (each of half a window's worth of windows,
/// one changed character's): one place may be a wrapper (a listing's copy of a plan under
/// its notice's title, which the document may echo), two are readings of a version.
fn tells_apart(held: &HashSet<&[char]>, a: &Document, b: &Document) -> bool {
    let x: Vec<&[char]> = a.normalized.chars.windows(TELL_WINDOW).collect();
    let y: Vec<&[char]> = b.normalized.chars.windows(TELL_WINDOW).collect();
    let (xs, ys): (HashSet<&[char]>, HashSet<&[char]>) =
        (x.iter().copied().collect(), y.iter().copied().collect());
    // Places in `text` whose windows the other lacks and the document holds: runs of such
    // windows, a window's length apart at most.
    let places = |text: &[&[char]], other: &HashSet<&[char]>| {
        let own: Vec<usize> = (0..text.len())
            .filter(|&i| !other.contains(text[i]) && held.contains(text[i]))
            .collect();
        own.chunk_by(|a, b| *b <= a + TELL_WINDOW)
            .filter(|run| run[run.len() - 1] - run[0] + 1 >= TELL_WINDOW / 2)
            .count()
    };
    places(&x, &ys) + places(&y, &xs) >= 2
}

/// How far a source's level is from the document's: a source one level up is closest, the
/// same level next, then further up; lower or unknown levels last.
fn level_gap(doc: Level, source: Level) -> u8 {
    if doc == Level::Unknown || source == Level::Unknown {
        return 5;
    }
    let (d, s) = (doc as i8, source as i8);
    match s - d {
        1 => 0,
        0 => 1,
        up if up > 1 => 1 + up as u8,
        _ => 6,
    }
}

/// The per-character decision turned into spans over original characters: a span ends
/// where the class, the nearest source, the holders or the evidence change, or where a
/// source's text stops running on.
fn build_spans(
    doc: &Document,
    sources: &[&Document],
    coverage: &[Coverage],
    assignment: &[Option<usize>],
    stock: &[bool],
) -> Vec<TraceSpan> {
    let n = &doc.normalized;
    let key = |i: usize| -> (SpanClass, Option<usize>, Vec<usize>) {
        match assignment[i] {
            None => (SpanClass::Added, None, Vec::new()),
            Some(k) => {
                let class = coverage[k].class(i).unwrap_or(SpanClass::Added);
                let holders = (0..coverage.len())
                    .filter(|&j| j != k && coverage[j].class(i) == Some(class))
                    .collect();
                (class, Some(k), holders)
            }
        }
    };
    // A source's text runs on unless its frame lies between: no span points over a frame.
    let source_gaps: Vec<FrameGaps> = sources.iter().map(|s| FrameGaps::of(s)).collect();
    let continues = |i: usize, k: usize| {
        coverage[k].continues(i)
            && (coverage[k].class(i) != Some(SpanClass::Inherited)
                || !source_gaps[k].before(coverage[k].source(i..i + 1).start))
    };
    let gaps = FrameGaps::of(doc);
    let mut spans: Vec<TraceSpan> = Vec::new();
    let mut start = 0;
    while start < n.len() {
        let first = key(start);
        let mut end = start + 1;
        while end < n.len() {
            let next = key(end);
            let same = next == first
                && !gaps.before(end)
                && stock[end] == stock[start]
                && first.1.is_none_or(|k| continues(end, k))
                && first.2.iter().all(|&j| continues(end, j));
            if !same {
                break;
            }
            end += 1;
        }
        let (class, source, holders) = first;
        let mut range = n.original_range(start..end);
        if let Some(last) = spans.last() {
            range.start = range.start.max(last.range.end);
        }
        if !range.is_empty() {
            let source_range = source.map(|k| {
                sources[k]
                    .normalized
                    .original_range(coverage[k].source(start..end))
            });
            let also = holders
                .iter()
                .map(|&j| Holder {
                    source: j,
                    range: sources[j]
                        .normalized
                        .original_range(coverage[j].source(start..end)),
                })
                .collect::<Vec<_>>();
            let evidence = source.map(|_| {
                if stock[start] {
                    Evidence::Boilerplate
                } else if also.is_empty() {
                    Evidence::Distinctive
                } else {
                    Evidence::Shared
                }
            });
            spans.push(TraceSpan {
                range,
                class,
                source,
                source_range,
                also,
                evidence,
            });
        }
        start = end;
    }
    // The frame's characters, which no source is measured against: added, without evidence.
    with_frame_spans(
        spans,
        &gaps,
        |s| &s.range,
        |range| TraceSpan {
            range,
            class: SpanClass::Added,
            source: None,
            source_range: None,
            also: Vec::new(),
            evidence: None,
        },
    )
}

fn content_count(chars: &[char], range: Range<usize>) -> usize {
    chars[range].iter().filter(|&&c| !is_space(c)).count()
}

/// The sources traced (DOC's copies left out), their facts and what DOC cites of them.
struct Picked {
    /// Indices into the sources given.
    kept: Vec<usize>,
    /// Near copies traced once with a kept source: `(copy, kept)`, indices as `kept`.
    duplicates: Vec<(usize, usize)>,
    facts: Vec<Facts>,
    cited: Vec<bool>,
    /// For each of DOC's citations, the source it names (index into `kept`).
    named: Vec<Option<usize>>,
}

/// Shares, the order of the sources (best first, the unused left out) and the summary.
fn finish(
    doc: &Document,
    own: Facts,
    picked: Picked,
    mut spans: Vec<TraceSpan>,
    timed_out: bool,
) -> Trace {
    let Picked {
        kept,
        duplicates,
        facts: source_facts,
        cited,
        named,
    } = picked;
    let total = doc.content_chars().max(1) as f64;
    let counts: Vec<usize> = spans
        .iter()
        .map(|s| content_count(doc.chars(), s.range.clone()))
        .collect();
    let mut share = vec![0usize; kept.len()];
    for (span, &count) in spans.iter().zip(&counts) {
        if let Some(k) = span.source {
            share[k] += count;
        }
    }
    let mut order: Vec<usize> = (0..kept.len()).filter(|&k| share[k] > 0).collect();
    order.sort_by(|&a, &b| share[b].cmp(&share[a]).then(a.cmp(&b)));
    let mut new_index = vec![None; kept.len()];
    for (i, &k) in order.iter().enumerate() {
        new_index[k] = Some(i);
    }
    let mut distinctive = vec![0usize; order.len()];
    let mut classes = [0usize; 3];
    let mut boilerplate = 0usize;
    for (span, &count) in spans.iter_mut().zip(&counts) {
        classes[span.class as usize] += count;
        span.source = span.source.and_then(|k| new_index[k]);
        span.also.retain_mut(|h| match new_index[h.source] {
            Some(i) => {
                h.source = i;
                true
            }
            None => false,
        });
        // A holder left out of the list (it explains nothing) does not make text shared.
        if span.also.is_empty() && span.evidence == Some(Evidence::Shared) {
            span.evidence = Some(Evidence::Distinctive);
        }
        match (span.source, span.evidence) {
            (Some(k), Some(Evidence::Distinctive)) => distinctive[k] += count,
            (Some(_), Some(Evidence::Boilerplate)) => boilerplate += count,
            _ => {}
        }
    }
    let sources: Vec<TracedSource> = order
        .iter()
        .map(|&k| TracedSource {
            input: kept[k],
            facts: source_facts[k].clone(),
            cited: cited[k],
            share: share[k] as f64 / total,
            distinctive_share: distinctive[new_index[k].unwrap_or(0)] as f64 / total,
        })
        .collect();
    let citations = own
        .citations
        .iter()
        .zip(&named)
        .map(|(c, k)| (c.clone(), k.and_then(|k| new_index[k])))
        .collect();
    Trace {
        summary: TraceSummary {
            inherited: classes[SpanClass::Inherited as usize] as f64 / total,
            adapted: classes[SpanClass::Adapted as usize] as f64 / total,
            added: classes[SpanClass::Added as usize] as f64 / total,
            boilerplate: boilerplate as f64 / total,
        },
        facts: own,
        sources,
        spans,
        citations,
        timed_out,
        duplicates,
    }
}
