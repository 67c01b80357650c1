//! Corpus work off the UI thread: indexing a folder, then ranking the sources of every
//! document (the derived-from links and each document's source list) with the similarity
//! matrix, then comparing the links in full for their exact inherited shares; and phrase
//! search through the corpus's index.

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};

use super::{Control, Outcome};
use crate::Document;
use crate::compare::compare;
use crate::corpus::matrix::{Matrix, matrix};
use crate::corpus::order::seriate;
use crate::corpus::search::{Found, search};
use crate::corpus::sources::{Candidate, Options, Relation, rank};
use crate::corpus::store::Store;
use crate::corpus::{Corpus, CorpusError, Level};

/// Links whose exact share is computed, at most.
pub const MAX_EXACT: usize = 200;

/// What the corpus window shows about an indexed corpus.
#[derive(Debug)]
pub struct Analysis {
    pub corpus: Arc<Corpus>,
    /// (child, parent, estimated share of the child found in the parent)
    pub links: Vec<(usize, usize, f64)>,
    /// (first, second, the larger estimated share either holds of the other) for documents
    /// that share wording without either deriving from the other; first < second.
    pub shared: Vec<(usize, usize, f64)>,
    /// The ranked sources of every document.
    pub sources: Vec<Vec<Candidate>>,
    /// Column of every document in the lineage graph, see [`columns`].
    pub column: Vec<usize>,
    pub matrix: Matrix,
    /// The documents in an order that puts related ones together (the heat map's rows).
    pub order: Vec<usize>,
}

/// Exact inherited shares, by (child, parent).
#[derive(Debug, Default)]
pub struct ExactShares {
    pub corpus: Option<Arc<Corpus>>,
    pub shares: HashMap<(usize, usize), f64>,
}

/// A corpus as the window opens it: its folders (or files) and the index file named for it
/// (else the index in the user's data folder). Remembered between runs.
#[derive(Debug, Clone, PartialEq, Eq, Default, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct CorpusSource {
    pub roots: Vec<PathBuf>,
    pub index: Option<PathBuf>,
}

impl CorpusSource {
    pub fn folder(folder: PathBuf) -> Self {
        Self {
            roots: vec![folder],
            index: None,
        }
    }

    /// The folders or files of the corpus that are no longer there.
    pub fn missing(&self) -> Vec<PathBuf> {
        self.roots.iter().filter(|r| !r.exists()).cloned().collect()
    }
}

/// Indexes `source` (reusing and updating its saved index: unchanged files are not read).
pub fn index(source: &CorpusSource, control: &Control) -> Outcome {
    Outcome::CorpusIndexed(
        Corpus::open_indexed(&source.roots, source.index.as_deref(), &control.progress)
            .map(Box::new),
    )
}

/// Puts the texts waiting in the index of `source` into its full-text index (search reads
/// them directly until then).
pub fn fill_full_text(source: &CorpusSource, control: &Control) -> Outcome {
    let filled = Store::open_for(&source.roots, source.index.as_deref())
        .and_then(|mut store| store.index_text(&control.progress, &AtomicBool::new(false)))
        .map(drop);
    Outcome::FullTextFilled(filled)
}

/// The documents of a corpus holding a phrase.
#[derive(Debug)]
pub struct Searched {
    pub phrase: String,
    pub found: Result<Vec<Found>, CorpusError>,
}

/// Looks for `phrase` in the index of `source` (opened on this thread: a connection is not
/// shared between threads).
pub fn search_phrase(source: &CorpusSource, phrase: String) -> Outcome {
    let found = Store::open_for(&source.roots, source.index.as_deref())
        .and_then(|store| search(&store, &phrase));
    Outcome::CorpusSearched(Box::new(Searched { phrase, found }))
}

/// The links, source lists, layers and matrix of `corpus`.
pub fn analyse(corpus: Arc<Corpus>, control: &Control) -> Outcome {
    let options = Options {
        compare_top: 0,
        ..Options::default()
    };
    let n = corpus.docs.len();
    control.progress.total.store(n, Ordering::Relaxed);
    let mut sources = Vec::with_capacity(n);
    for doc in &corpus.docs {
        if control.cancelled() {
            break;
        }
        sources.push(rank(&corpus, doc, &options));
        control.progress.done.fetch_add(1, Ordering::Relaxed);
    }
    let links: Vec<(usize, usize, f64)> = sources
        .iter()
        .enumerate()
        .filter_map(|(i, ranked)| {
            let best = ranked.iter().find(|c| c.relation == Relation::Parent)?;
            Some((i, best.doc, best.covered))
        })
        .collect();
    let shared: Vec<(usize, usize, f64)> = sources
        .iter()
        .enumerate()
        .flat_map(|(i, ranked)| {
            ranked
                .iter()
                .filter(move |c| c.relation == Relation::SharesWording && i < c.doc)
                .map(move |c| (i, c.doc, c.covered.max(c.covers)))
        })
        .collect();
    let column = columns(&corpus, &links);
    let matrix = matrix(&corpus);
    let order = seriate(&matrix.share);
    Outcome::CorpusAnalysed(Box::new(Analysis {
        corpus,
        links,
        shared,
        sources,
        column,
        matrix,
        order,
    }))
}

/// Compares the linked pairs in full, one at a time.
pub fn exact(corpus: Arc<Corpus>, pairs: Vec<(usize, usize)>, control: &Control) -> Outcome {
    control.progress.total.store(pairs.len(), Ordering::Relaxed);
    let mut shares = HashMap::new();
    for (c, p) in pairs {
        if control.cancelled() {
            break;
        }
        let (Some(child), Some(parent)) = (corpus.docs.get(c), corpus.docs.get(p)) else {
            continue;
        };
        if let (Ok(child), Ok(parent)) = (
            Document::open_ref(&child.reference),
            Document::open_ref(&parent.reference),
        ) {
            shares.insert((c, p), compare(&parent, &child).summary.inherited);
        }
        control.progress.done.fetch_add(1, Ordering::Relaxed);
    }
    Outcome::ExactShares(Box::new(ExactShares {
        corpus: Some(corpus),
        shares,
    }))
}

/// The lineage graph's column of every document: its issuing level (national 0, province 1,
/// city 2, county 3) and at least one right of the document it derives from, so each arrow
/// points left. Documents of unknown level sit right of their parent, or in the first column.
pub fn columns(corpus: &Corpus, links: &[(usize, usize, f64)]) -> Vec<usize> {
    let n = corpus.docs.len();
    let mut column: Vec<usize> = corpus
        .docs
        .iter()
        .map(|d| match d.level {
            Level::National | Level::Unknown => 0,
            Level::Province => 1,
            Level::City => 2,
            Level::County => 3,
        })
        .collect();
    // Relaxed until stable; a cycle (which the ranking should not produce) stops at n rounds.
    for _ in 0..n {
        let mut changed = false;
        for &(child, parent, _) in links {
            if let (Some(&p), Some(&c)) = (column.get(parent), column.get(child))
                && c <= p
                && p < n
            {
                column[child] = p + 1;
                changed = true;
            }
        }
        if !changed {
            break;
        }
    }
    column
}
