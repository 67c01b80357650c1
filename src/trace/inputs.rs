//! The sources a trace is run against, as the user names them: files, `PATH#N` entries,
//! files holding several documents (every entry) and folders. Folders form a corpus: its documents most related to DOC are traced, and its counts
//! tell stock wording from copying.

use std::ffi::OsStr;
use std::path::{Path, PathBuf};

use crate::Document;
use crate::LoadError;
use crate::corpus::index::IndexedDoc;
use crate::corpus::{Corpus, Progress};

/// How many corpus documents, the most related first, are traced in full.
const CORPUS_CANDIDATES: usize = 8;
/// A corpus document sharing less than this estimated share of DOC is not traced.
const MIN_RELATED: f64 = 0.02;

#[derive(Debug, Default)]
pub struct Sources {
    /// Sources as given, then the corpus candidates; every document at most once.
    pub docs: Vec<Document>,
    /// The corpus formed by the folders given, if any.
    pub corpus: Option<Corpus>,
}

#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Corpus(#[from] crate::corpus::CorpusError),
}

/// Opens the sources named by `specs` for tracing `doc`.
pub fn open_sources<S: AsRef<OsStr>>(doc: &Document, specs: &[S]) -> Result<Sources, InputError> {
    let mut out = Sources::default();
    let mut folders: Vec<PathBuf> = Vec::new();
    for spec in specs {
        let spec = spec.as_ref();
        let path = Path::new(spec);
        if path.is_dir() {
            folders.push(path.to_owned());
        } else {
            match crate::DocumentRef::parse_os(spec).and_then(|r| Document::open_ref(&r)) {
                Ok(d) => out.docs.push(d),
                Err(LoadError::SeveralDocuments { count, .. }) => {
                    for n in 1..=count {
                        if let Ok(d) = Document::open_ref(&crate::DocumentRef {
                            path: path.to_owned(),
                            index: Some(n),
                        }) {
                            out.docs.push(d);
                        }
                    }
                }
                Err(e) => return Err(e.into()),
            }
        }
    }
    let corpus = if folders.is_empty() {
        None
    } else {
        Some(Corpus::build(&folders, None, &Progress::default())?)
    };
    if let Some(corpus) = &corpus {
        for opened in corpus_sources(corpus, doc) {
            let known = out.docs.iter().any(|o| {
                o.reference() == opened.reference() || o.normalized.chars == opened.normalized.chars
            });
            if !known {
                out.docs.push(opened);
            }
        }
    }
    out.corpus = corpus;
    Ok(out)
}

/// The corpus documents most related to DOC, opened for tracing (those that no longer read
/// are left out).
pub fn corpus_sources(corpus: &Corpus, doc: &Document) -> Vec<Document> {
    related(corpus, doc)
        .into_iter()
        .filter_map(|d| Document::open_ref(&d.reference).ok())
        .collect()
}

/// The corpus documents sharing most of DOC's sampled shingles, best first.
fn related(corpus: &Corpus, doc: &Document) -> Vec<IndexedDoc> {
    let query = IndexedDoc::from_document(doc);
    let itself = corpus.position(&query.reference);
    let total = query.shingles.len().max(1) as f64;
    let counts = corpus
        .postings
        .shared_counts(&query.shingles, corpus.docs.len());
    let mut ranked: Vec<(usize, u32)> = counts
        .iter()
        .enumerate()
        .filter(|&(i, &n)| Some(i) != itself && n as f64 / total >= MIN_RELATED)
        .filter(|&(i, _)| corpus.docs[i].content_hash != query.content_hash)
        .map(|(i, &n)| (i, n))
        .collect();
    ranked.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.cmp(&b.0)));
    ranked
        .into_iter()
        .take(CORPUS_CANDIDATES)
        .map(|(i, _)| corpus.docs[i].clone())
        .collect()
}
