//! The `trace --json` contract (`tests/spec/trace-json.md`): a public interface, so fields may
//! be added but never renamed or removed.

use serde::Serialize;

use crate::Document;
use crate::compare::SpanClass;
use crate::document::facts::{Facts, level_name};
use crate::trace::{Evidence, Trace};

#[derive(Serialize)]
pub struct TraceJson {
    pub document: DocumentJson,
    pub sources: Vec<SourceJson>,
    pub spans: Vec<SpanJson>,
    pub citations: Vec<CitationJson>,
    pub summary: SummaryJson,
    /// Added field: some alignment hit its deadline and finished coarsely.
    pub timed_out: bool,
    /// Added field: sources left out as near copies of a traced one.
    pub duplicates: Vec<DuplicateJson>,
}

/// A source traced once with the one it nearly copies.
#[derive(Serialize)]
pub struct DuplicateJson {
    pub path: String,
    pub title: String,
    /// Index in `sources` of the source it duplicates (`null` if that one explains nothing).
    pub duplicate_of: Option<usize>,
    /// The path of the source it duplicates.
    pub duplicate_of_path: String,
}

#[derive(Serialize)]
pub struct DocumentJson {
    pub path: String,
    pub title: String,
    pub chars: usize,
    pub issuer: Option<String>,
    pub number: Option<String>,
    pub date: Option<String>,
    pub level: Option<&'static str>,
}

#[derive(Serialize)]
pub struct SourceJson {
    pub path: String,
    pub title: String,
    pub issuer: Option<String>,
    pub number: Option<String>,
    pub date: Option<String>,
    pub level: Option<&'static str>,
    pub cited: bool,
    pub share: f64,
    pub distinctive_share: f64,
}

#[derive(Serialize)]
pub struct HolderJson {
    pub source: usize,
    pub start: usize,
    pub end: usize,
}

#[derive(Serialize)]
pub struct SpanJson {
    pub start: usize,
    pub end: usize,
    pub class: SpanClass,
    pub source: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_start: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub source_end: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub also: Option<Vec<HolderJson>>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub evidence: Option<Evidence>,
}

#[derive(Serialize)]
pub struct CitationJson {
    pub start: usize,
    pub end: usize,
    pub title: Option<String>,
    pub number: Option<String>,
    pub source: Option<usize>,
}

#[derive(Serialize)]
pub struct SummaryJson {
    pub inherited: f64,
    pub adapted: f64,
    pub added: f64,
    pub boilerplate: f64,
}

fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

fn document_json(doc: &Document, facts: &Facts) -> DocumentJson {
    DocumentJson {
        path: doc.reference().display(),
        title: doc.title.clone(),
        chars: doc.content_chars(),
        issuer: facts.issuer.clone(),
        number: facts.number.clone(),
        date: facts.date.clone(),
        level: level_name(facts.level),
    }
}

/// Builds the contract object for a trace of `doc` through `sources` (as given to
/// [`crate::trace::trace`]).
pub fn trace_json(doc: &Document, sources: &[Document], trace: &Trace) -> TraceJson {
    TraceJson {
        document: document_json(doc, &trace.facts),
        sources: trace
            .sources
            .iter()
            .map(|s| {
                let d = document_json(&sources[s.input], &s.facts);
                SourceJson {
                    path: d.path,
                    title: d.title,
                    issuer: d.issuer,
                    number: d.number,
                    date: d.date,
                    level: d.level,
                    cited: s.cited,
                    share: round(s.share),
                    distinctive_share: round(s.distinctive_share),
                }
            })
            .collect(),
        spans: trace
            .spans
            .iter()
            .map(|s| SpanJson {
                start: s.range.start,
                end: s.range.end,
                class: s.class,
                source: s.source,
                source_start: s.source_range.as_ref().map(|r| r.start),
                source_end: s.source_range.as_ref().map(|r| r.end),
                also: s.source.map(|_| {
                    s.also
                        .iter()
                        .map(|h| HolderJson {
                            source: h.source,
                            start: h.range.start,
                            end: h.range.end,
                        })
                        .collect()
                }),
                evidence: s.evidence,
            })
            .collect(),
        citations: trace
            .citations
            .iter()
            .map(|(c, source)| CitationJson {
                start: c.range.start,
                end: c.range.end,
                title: c.title.clone(),
                number: c.number.clone(),
                source: *source,
            })
            .collect(),
        summary: SummaryJson {
            inherited: round(trace.summary.inherited),
            adapted: round(trace.summary.adapted),
            added: round(trace.summary.added),
            boilerplate: round(trace.summary.boilerplate),
        },
        timed_out: trace.timed_out,
        duplicates: trace
            .duplicates
            .iter()
            .map(|&(copy, kept)| DuplicateJson {
                path: sources[copy].reference().display(),
                title: sources[copy].title.clone(),
                duplicate_of: trace.sources.iter().position(|s| s.input == kept),
                duplicate_of_path: sources[kept].reference().display(),
            })
            .collect(),
    }
}
