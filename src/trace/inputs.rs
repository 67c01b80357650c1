//! The sources a trace is run against, as the user names them: files, `PATH#N` entries,
//! files holding several documents (every entry), folders and saved corpus indexes. Folders
//! form a corpus (indexed in the user's data folder, as `corpus` and `search` index it, so
//! the next trace reads only what changed) and a saved index is one as it was saved: the
//! corpus documents most related to DOC are traced, and the corpus's counts tell stock
//! wording from copying.

use std::ffi::OsStr;
use std::io::Read;
use std::path::{Path, PathBuf};

use crate::Document;
use crate::LoadError;
use crate::corpus::holders::Holders;
use crate::corpus::store::Store;
use crate::corpus::{Corpus, CorpusError, Progress};

/// How many corpus documents, the most related first, are traced in full.
const CORPUS_CANDIDATES: usize = 8;
/// A corpus document sharing less than this estimated share of DOC is not traced.
const MIN_RELATED: f64 = 0.02;

#[derive(Debug, Default)]
pub struct Sources {
    /// Sources as given, then the corpus candidates; every document at most once.
    pub docs: Vec<Document>,
    /// For each of DOC's normalised characters, whether it is stock wording in the corpus
    /// named, when one was.
    pub stock: Option<Vec<bool>>,
}

#[derive(Debug, thiserror::Error)]
pub enum InputError {
    #[error(transparent)]
    Load(#[from] LoadError),
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    #[error(
        "several corpora named ({0}): trace against one (folders together, or one saved index)"
    )]
    SeveralCorpora(String),
}

/// Whether `path` is an SQLite database (a saved corpus index) rather than a document.
fn is_index_file(path: &Path) -> bool {
    let mut head = [0u8; 16];
    std::fs::File::open(path)
        .and_then(|mut f| f.read_exact(&mut head))
        .is_ok_and(|()| &head == b"SQLite format 3\0")
}

/// Opens the sources named by `specs` for tracing `doc`.
pub fn open_sources<S: AsRef<OsStr>>(doc: &Document, specs: &[S]) -> Result<Sources, InputError> {
    let mut out = Sources::default();
    let mut folders: Vec<PathBuf> = Vec::new();
    let mut indexes: Vec<PathBuf> = Vec::new();
    for spec in specs {
        let spec = spec.as_ref();
        let path = Path::new(spec);
        if path.is_dir() {
            folders.push(path.to_owned());
        } else if is_index_file(path) {
            indexes.push(path.to_owned());
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
    let found = match (&folders[..], &indexes[..]) {
        ([], []) => None,
        (_, []) => Some(folder_sources(&folders, doc)?),
        ([], [index]) => Some(saved_sources(&Store::open(index)?, doc)?),
        _ => {
            let named: Vec<String> = folders
                .iter()
                .chain(&indexes)
                .map(|p| p.display().to_string())
                .collect();
            return Err(InputError::SeveralCorpora(named.join(", ")));
        }
    };
    if let Some((candidates, stock)) = found {
        for opened in candidates {
            let known = out.docs.iter().any(|o| {
                o.reference() == opened.reference() || o.normalized.chars == opened.normalized.chars
            });
            if !known {
                out.docs.push(opened);
            }
        }
        out.stock = Some(stock);
    }
    Ok(out)
}

/// The candidates and stock wording of `folders` as one corpus: from its index in the user's
/// data folder, brought up to date; in memory when no index can be kept there.
fn folder_sources(
    folders: &[PathBuf],
    doc: &Document,
) -> Result<(Vec<Document>, Vec<bool>), CorpusError> {
    let progress = Progress::default();
    let Ok(mut store) = Store::open_for(folders, None) else {
        let corpus = Corpus::build(folders, None, &progress)?;
        return Ok(corpus_inputs(&corpus, doc));
    };
    store.refresh(folders, &progress)?;
    if !store.postings_saved()? {
        let corpus = store.corpus()?;
        store.save_postings(&corpus)?;
        return Ok(corpus_inputs(&corpus, doc));
    }
    saved_sources(&store, doc)
}

/// The candidates and stock wording of a saved index, reading only the inverted lists of
/// DOC's shingles (an index whose lists are not saved yet is loaded whole).
fn saved_sources(store: &Store, doc: &Document) -> Result<(Vec<Document>, Vec<bool>), CorpusError> {
    let chars = &doc.normalized.chars;
    let Some(holders) = store.holders(chars, Some(&doc.reference()))? else {
        return Ok(corpus_inputs(&store.corpus()?, doc));
    };
    let candidates = candidates(&holders, chars, |id| {
        Ok(store.saved_doc(id)?.map(|d| (d.reference, d.content_hash)))
    })?;
    Ok((candidates, holders.stock_mask(chars)))
}

/// The candidates (the corpus documents most related to DOC, opened for tracing; those that
/// no longer read are left out) and the stock wording of DOC in a corpus in memory.
pub fn corpus_inputs(corpus: &Corpus, doc: &Document) -> (Vec<Document>, Vec<bool>) {
    let chars = &doc.normalized.chars;
    let holders = Holders::in_corpus(corpus, chars, corpus.position(&doc.reference()));
    let Ok(candidates) = candidates(&holders, chars, |i| {
        let d = &corpus.docs[i as usize];
        Ok::<_, std::convert::Infallible>(Some((d.reference.clone(), d.content_hash)))
    });
    (candidates, holders.stock_mask(chars))
}

/// The corpus documents most related to DOC (`chars`), at most [`CORPUS_CANDIDATES`], other
/// than copies of DOC, opened for tracing (those that no longer read are left out); `doc`
/// names a holder's document and its content hash, `None` when it is gone.
fn candidates<E>(
    holders: &Holders,
    chars: &[char],
    mut doc: impl FnMut(u32) -> Result<Option<(crate::DocumentRef, u64)>, E>,
) -> Result<Vec<Document>, E> {
    let own_hash = crate::corpus::index::content_hash(chars);
    let mut chosen = Vec::new();
    for (key, _) in holders.related(MIN_RELATED) {
        if chosen.len() == CORPUS_CANDIDATES {
            break;
        }
        if let Some((reference, hash)) = doc(key)?
            && hash != own_hash
        {
            chosen.push(reference);
        }
    }
    Ok(chosen
        .iter()
        .filter_map(|r| Document::open_ref(r).ok())
        .collect())
}
