//! Relating one document to the corpus: its facts, the documents it derives from or copies
//! (ranked by the shingle index, the best compared in full), its spans traced through the
//! compared sources (each passage against its nearest source, with its evidence, stock
//! wording counted in the corpus) and its sections matched to each compared source. The result is kept per document
//! in the index, so an interrupted run resumes.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use serde::{Deserialize, Serialize};

use crate::Document;
use crate::compare::claim::{Alignment, Options as AlignOptions, align};
use crate::compare::compare_aligned;
use crate::corpus::holders::corpus_stock_mask;
use crate::corpus::sources::{Candidate, Options, Relation, rank_member};
use crate::corpus::{Corpus, IndexedDoc, Level};
use crate::document::DocumentRef;
use crate::document::error::LoadError;
use crate::document::facts::Facts as DocumentFacts;
use crate::trace::{Options as TraceOptions, trace_aligned};

/// What the documents table says about one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Facts {
    pub title: String,
    pub issuer: Option<String>,
    pub level: Option<String>,
    pub number: Option<String>,
    pub date: Option<String>,
    /// Non-white-space characters, the unit of every share.
    pub chars: usize,
    pub content_hash: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Link {
    /// The source, by reference (`PATH` or `PATH#N`).
    pub source: String,
    /// `derived`, `shares wording` or `duplicate`.
    pub relation: String,
    /// Estimated shares from the shingle index: of the child found in the source, and of
    /// the source found in the child.
    pub covered: f64,
    pub covers: f64,
    /// Exact shares of the child's characters, when compared in full.
    pub inherited: Option<f64>,
    pub adapted: Option<f64>,
    pub added: Option<f64>,
    pub distinctive: Option<f64>,
    pub boilerplate: Option<f64>,
    pub cited: Option<bool>,
    pub evidence: String,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SpanRow {
    pub start: usize,
    pub end: usize,
    pub class: String,
    pub source: Option<String>,
    pub source_start: Option<usize>,
    pub source_end: Option<usize>,
    pub evidence: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SectionRow {
    pub section: usize,
    pub heading: String,
    pub source: String,
    pub source_section: usize,
    pub source_heading: String,
    pub similarity: f64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CitationRow {
    pub start: usize,
    pub end: usize,
    pub title: Option<String>,
    pub number: Option<String>,
}

/// Everything the run found about one document.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DocResult {
    pub facts: Facts,
    pub links: Vec<Link>,
    pub spans: Vec<SpanRow>,
    pub sections: Vec<SectionRow>,
    pub citations: Vec<CitationRow>,
    /// Why the document could not be opened again, if it could not.
    pub error: Option<String>,
}

pub fn level_name(level: Level) -> Option<&'static str> {
    match level {
        Level::Unknown => None,
        Level::County => Some("county"),
        Level::City => Some("city"),
        Level::Province => Some("province"),
        Level::National => Some("national"),
    }
}

fn iso(date: Option<(u16, u8, u8)>) -> Option<String> {
    date.map(|(y, m, d)| match (m, d) {
        (0, _) => format!("{y:04}"),
        (m, 0) => format!("{y:04}-{m:02}"),
        (m, d) => format!("{y:04}-{m:02}-{d:02}"),
    })
}

/// The document's facts as the trace states them (`document::facts`), when it opens; else
/// what the index holds.
fn facts(indexed: &IndexedDoc, doc: Option<(&Document, &DocumentFacts)>) -> Facts {
    let parsed = doc.map(|(_, f)| f);
    let level = parsed
        .map(|f| f.level)
        .filter(|&l| l != Level::Unknown)
        .unwrap_or(indexed.level);
    Facts {
        title: indexed.title.clone(),
        issuer: parsed.and_then(|f| f.issuer.clone()),
        level: level_name(level).map(str::to_owned),
        number: parsed.and_then(|f| f.number.clone()),
        date: parsed
            .and_then(|f| f.date.clone())
            .or_else(|| iso(indexed.date)),
        chars: doc.map_or(indexed.chars, |(d, _)| d.content_chars()),
        content_hash: format!("{:016x}", indexed.content_hash),
    }
}

/// Why the link was decided so, in words: the coverage each way (and outside stock wording),
/// the issuing levels and the dates the ranking weighed.
fn direction_evidence(child: &IndexedDoc, source: &IndexedDoc, c: &Candidate) -> String {
    let mut parts = vec![format!(
        "child in source {:.2}, source in child {:.2}; outside stock wording {:.2}",
        c.covered, c.covers, c.distinctive
    )];
    if let (Some(a), Some(b)) = (level_name(source.level), level_name(child.level))
        && a != b
    {
        parts.push(format!("level {a} / {b}"));
    }
    if let (Some(a), Some(b)) = (iso(source.date), iso(child.date))
        && a != b
    {
        parts.push(format!("date {a} / {b}"));
    }
    parts.join("; ")
}

/// Documents opened while relating, the most recently used kept: the documents of a corpus
/// share their sources (every city's plan follows its province's, and the national plan is
/// everyone's), and opening one (reading, decoding, the outline) costs more than comparing it.
#[derive(Default)]
pub struct Opened {
    kept: Mutex<Kept>,
}

#[derive(Default)]
struct Kept {
    clock: u64,
    docs: HashMap<DocumentRef, (u64, Arc<Document>)>,
}

/// Documents an [`Opened`] keeps.
const KEPT: usize = 64;

impl Opened {
    pub fn open(&self, reference: &DocumentRef) -> Result<Document, LoadError> {
        if let Ok(mut kept) = self.kept.lock() {
            kept.clock += 1;
            let now = kept.clock;
            if let Some((used, doc)) = kept.docs.get_mut(reference) {
                *used = now;
                return Ok(Document::clone(doc));
            }
        }
        let doc = Arc::new(Document::open_ref(reference)?);
        if let Ok(mut kept) = self.kept.lock() {
            if kept.docs.len() >= KEPT {
                let oldest = kept
                    .docs
                    .iter()
                    .min_by_key(|(_, (used, _))| *used)
                    .map(|(r, _)| r.clone());
                if let Some(oldest) = oldest {
                    kept.docs.remove(&oldest);
                }
            }
            let now = kept.clock;
            kept.docs.insert(reference.clone(), (now, Arc::clone(&doc)));
        }
        Ok(Document::clone(&doc))
    }
}

/// A copy of a document kept once in the corpus: its facts and its link to the kept one.
pub fn relate_copy(indexed: &IndexedDoc, kept: &IndexedDoc) -> DocResult {
    let doc = Document::open_ref(&indexed.reference);
    let parsed = doc.as_ref().ok().map(crate::document::facts::facts);
    DocResult {
        facts: facts(indexed, doc.as_ref().ok().zip(parsed.as_ref())),
        links: vec![Link {
            source: kept.reference.display(),
            relation: "duplicate".into(),
            covered: 1.0,
            covers: 1.0,
            inherited: None,
            adapted: None,
            added: None,
            distinctive: None,
            boilerplate: None,
            cited: None,
            evidence: "same normalised text, or each holds over 90% of the other".into(),
        }],
        spans: Vec::new(),
        sections: Vec::new(),
        citations: Vec::new(),
        error: doc.err().map(|e| e.to_string()),
    }
}

/// Relates corpus document `i` to the rest of the corpus.
pub fn relate(corpus: &Corpus, i: usize, opened: &Opened, options: &Options) -> DocResult {
    let indexed = &corpus.docs[i];
    let ranked = rank_member(corpus, i, options);
    let stock = |doc: &Document| corpus_stock_mask(corpus, &doc.normalized.chars, i);
    relate_ranked(
        indexed,
        i,
        &ranked,
        |c| corpus.docs.get(c),
        stock,
        opened,
        options,
    )
}

/// Relates corpus document `i` (`indexed`) to its ranked candidates: `docs` gives the
/// candidates' index entries by corpus position, `stock` the document's stock wording (per
/// normalised character). The local run and the cluster's executors both come here, with
/// the ranking and the stock counts done where the shingle counts are.
pub fn relate_ranked<'a>(
    indexed: &IndexedDoc,
    i: usize,
    ranked: &[Candidate],
    docs: impl Fn(usize) -> Option<&'a IndexedDoc>,
    stock: impl Fn(&Document) -> Vec<bool>,
    opened: &Opened,
    options: &Options,
) -> DocResult {
    let doc = match opened.open(&indexed.reference) {
        Ok(d) => d,
        Err(e) => {
            return DocResult {
                facts: facts(indexed, None),
                links: Vec::new(),
                spans: Vec::new(),
                sections: Vec::new(),
                citations: Vec::new(),
                error: Some(e.to_string()),
            };
        }
    };
    let parsed = crate::document::facts::facts(&doc);
    let mut links = Vec::new();
    let mut sections = Vec::new();
    // The sources compared in full, with their alignment and their link, traced together
    // afterwards from the same alignments.
    let mut compared: Vec<(Document, Alignment, usize)> = Vec::new();
    for c in ranked {
        let Some(source) = docs(c.doc) else {
            continue;
        };
        let relation = match c.relation {
            Relation::Parent => "derived",
            // Listed once, from the document first in corpus order.
            Relation::Duplicate if i < c.doc => "duplicate",
            Relation::SharesWording if i < c.doc => "shares wording",
            _ => continue,
        };
        let mut link = Link {
            source: source.reference.display(),
            relation: relation.into(),
            covered: c.covered,
            covers: c.covers,
            inherited: None,
            adapted: None,
            added: None,
            distinctive: None,
            boilerplate: Some((c.covered - c.distinctive).max(0.0)),
            cited: Some(
                parsed
                    .citations
                    .iter()
                    .any(|cite| cite.names(&source.title, None)),
            ),
            evidence: direction_evidence(indexed, source, c),
        };
        if c.relation == Relation::Parent
            && compared.len() < options.compare_top
            && let Ok(parent) = opened.open(&source.reference)
        {
            let alignment = align(
                (&parent.normalized).into(),
                (&doc.normalized).into(),
                &AlignOptions::default(),
            );
            let comparison = compare_aligned(&parent, &doc, &alignment);
            link.inherited = Some(comparison.summary.inherited);
            link.adapted = Some(comparison.summary.adapted);
            link.added = Some(comparison.summary.added);
            let heading = |d: &Document, s: usize| {
                d.slice(d.outline.sections[s].heading.clone())
                    .trim()
                    .to_owned()
            };
            for m in &comparison.sections {
                for p in &m.parents {
                    sections.push(SectionRow {
                        section: m.section,
                        heading: heading(&doc, m.section),
                        source: link.source.clone(),
                        source_section: p.section,
                        source_heading: heading(&parent, p.section),
                        similarity: p.similarity,
                    });
                }
            }
            compared.push((parent, alignment, links.len()));
        }
        links.push(link);
    }
    let spans = if compared.is_empty() {
        Vec::new()
    } else {
        let link_of: Vec<usize> = compared.iter().map(|c| c.2).collect();
        let (sources, alignments): (Vec<Document>, Vec<_>) =
            compared.into_iter().map(|(d, a, _)| (d, a)).unzip();
        let mask = stock(&doc);
        let traced = trace_aligned(
            &doc,
            &sources,
            &alignments,
            Some(&mask),
            &TraceOptions::default(),
        );
        // A compared source the trace leaves out explains nothing only it holds.
        for &l in &link_of {
            links[l].distinctive = Some(0.0);
        }
        for s in &traced.sources {
            links[link_of[s.input]].distinctive = Some(s.distinctive_share);
        }
        traced
            .spans
            .iter()
            .map(|s| SpanRow {
                start: s.range.start,
                end: s.range.end,
                class: s.class.name().into(),
                source: s
                    .source
                    .map(|k| links[link_of[traced.sources[k].input]].source.clone()),
                source_start: s.source_range.as_ref().map(|r| r.start),
                source_end: s.source_range.as_ref().map(|r| r.end),
                evidence: s.evidence.map(|e| e.name().to_owned()),
            })
            .collect()
    };
    DocResult {
        facts: facts(indexed, Some((&doc, &parsed))),
        links,
        spans,
        sections,
        citations: parsed
            .citations
            .iter()
            .map(|c| CitationRow {
                start: c.range.start,
                end: c.range.end,
                title: c.title.clone(),
                number: c.number.clone(),
            })
            .collect(),
        error: None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn opened_documents_are_kept_until_others_push_them_out() {
        let dir = tempfile::tempdir().unwrap();
        let path = |n: usize| dir.path().join(format!("{n}.txt"));
        let reference = |n: usize| DocumentRef {
            path: path(n),
            index: None,
        };
        let text = |d: &Document| d.normalized.chars.iter().collect::<String>();
        std::fs::write(path(0), "第一版的文字。").unwrap();
        let opened = Opened::default();
        let first = text(&opened.open(&reference(0)).unwrap());
        // Kept: every document related in a run sees one version of a source.
        std::fs::write(path(0), "第二版的文字更长一些。").unwrap();
        assert_eq!(text(&opened.open(&reference(0)).unwrap()), first);
        for n in 1..=KEPT {
            std::fs::write(path(n), format!("其他文件{n}。")).unwrap();
            assert_eq!(
                text(&opened.open(&reference(n)).unwrap()),
                format!("其他文件{n}。")
            );
        }
        assert_eq!(
            text(&opened.open(&reference(0)).unwrap()),
            "第二版的文字更长一些。"
        );
        // A file that cannot be opened is an error, not kept.
        assert!(opened.open(&reference(KEPT + 1)).is_err());
        std::fs::write(path(KEPT + 1), "后来才有。").unwrap();
        assert_eq!(
            text(&opened.open(&reference(KEPT + 1)).unwrap()),
            "后来才有。"
        );
    }
}
