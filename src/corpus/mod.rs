//! Corpus mode: many documents (folders, files, every entry of multi-document files), indexed
//! so that the likely source of any document is found without comparing every pair.
//!
//! [`Corpus::build`] reads the files in parallel (rayon) with progress and cancel, reusing the
//! entries of a previous [`Corpus`] for files whose size and modification time (or content
//! hash) did not change. [`store`] keeps the index in an SQLite database outside the corpus
//! (with a full-text index, [`search`]); [`sources`] ranks a document's candidate sources,
//! [`matrix`] compares all pairs; [`run`] relates every document and writes research tables.

pub mod holders;
pub mod index;
pub mod matrix;
pub mod order;
pub mod run;
pub mod search;
pub mod sources;
pub mod stock;
pub mod store;
pub mod walk;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::document::decode::MAX_FILE_BYTES;
use crate::document::source::read_limited;
use crate::document::split::split_entries;
use index::intersection;
pub use index::{IndexedDoc, Level, Postings};

/// Progress of a build, shared with the thread showing it; set `cancel` to stop early.
#[derive(Debug, Default)]
pub struct Progress {
    pub done: AtomicUsize,
    pub total: AtomicUsize,
    pub cancel: AtomicBool,
}

impl Progress {
    pub fn cancelled(&self) -> bool {
        self.cancel.load(Ordering::Relaxed)
    }
}

/// A file of the corpus and the documents it held when it was read.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct FileEntry {
    pub path: PathBuf,
    pub size: u64,
    /// Modification time in nanoseconds since the epoch (0 when unknown).
    pub mtime: u128,
    /// Hash of the file's bytes: a touched but unchanged file is not parsed again.
    pub hash: u64,
    pub docs: Vec<IndexedDoc>,
    /// Why the file gave no document, when it did not.
    pub error: Option<String>,
    /// What the reader noticed about the file's text (unreadable PDF characters, say).
    #[serde(default)]
    pub warnings: Vec<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("indexing cancelled")]
    Cancelled,
    #[error("{path}: {detail}")]
    Input { path: PathBuf, detail: String },
    #[error("{path}: cannot read or write the corpus index: {detail}")]
    IndexFile { path: PathBuf, detail: String },
}

/// The documents of a corpus and their facts, as a saved index lists them without reading
/// any shingles. Documents with the same normalised content (one file saved twice) appear
/// once in `docs`, the other copies listed in `duplicates`. Shingles are filled in only in a
/// [`Corpus`]'s `docs`; elsewhere they are empty.
#[derive(Debug, Clone, Default)]
pub struct Catalog {
    pub files: Vec<FileEntry>,
    pub docs: Vec<IndexedDoc>,
    /// For each entry of `docs`, the other references with the same content.
    pub duplicates: Vec<Vec<DocumentRefLabel>>,
    /// Folders and links the walk passed over, with the reason (files that gave no document
    /// are in `files`, with their error).
    pub skipped: Vec<(PathBuf, String)>,
}

/// The indexed corpus in memory, ready for ranking: its [`Catalog`], every document of
/// `docs` with its shingles, and the inverted lists.
#[derive(Debug, Clone, Default)]
pub struct Corpus {
    pub catalog: Catalog,
    pub postings: Postings,
}

impl std::ops::Deref for Corpus {
    type Target = Catalog;
    fn deref(&self) -> &Catalog {
        &self.catalog
    }
}

impl std::ops::DerefMut for Corpus {
    fn deref_mut(&mut self) -> &mut Catalog {
        &mut self.catalog
    }
}

/// A file or folder that gave no document, for reports.
#[derive(Debug, Clone, Serialize)]
pub struct Skipped {
    pub path: String,
    pub reason: String,
}

impl Skipped {
    pub fn of(corpus: &Catalog) -> Vec<Self> {
        corpus
            .errors()
            .map(|(path, reason)| {
                let path = path.display().to_string();
                // Load errors begin with the file's name, which `path` already gives.
                let reason = reason
                    .strip_prefix(&format!("{path}: "))
                    .unwrap_or(reason)
                    .to_owned();
                Self { path, reason }
            })
            .collect()
    }
}

/// A duplicate copy, by reference and display label.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DocumentRefLabel {
    pub reference: crate::DocumentRef,
    pub label: String,
}

fn file_hash(bytes: &[u8]) -> u64 {
    bytes.chunks(8).fold(0x9e3779b97f4a7c15u64, |h, chunk| {
        let mut word = [0u8; 8];
        word[..chunk.len()].copy_from_slice(chunk);
        (h ^ u64::from_le_bytes(word))
            .wrapping_mul(0x100000001b3)
            .rotate_left(23)
    })
}

fn stat(path: &Path) -> Option<(u64, u128)> {
    let meta = std::fs::metadata(path).ok()?;
    let mtime = meta
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map_or(0, |d| d.as_nanos());
    Some((meta.len(), mtime))
}

/// The documents of a decoded file, indexed: the whole file, or every entry `#N` with text.
pub fn index_source(
    source: &crate::document::decode::SourceFile,
) -> (Vec<IndexedDoc>, Option<String>) {
    let entries = split_entries(source);
    let docs: Vec<IndexedDoc> = match entries.as_slice() {
        [] => Vec::new(),
        [one] if one.has_text => vec![IndexedDoc::from_entry(source, None, one)],
        [_] => Vec::new(),
        many => many
            .iter()
            .enumerate()
            .filter(|(_, e)| e.has_text)
            .map(|(i, e)| IndexedDoc::from_entry(source, Some(i + 1), e))
            .collect(),
    };
    let error = docs
        .is_empty()
        .then(|| format!("{}: holds no document text", source.path.display()));
    (docs, error)
}

pub(crate) fn index_file(path: &Path, previous: Option<&FileEntry>) -> FileEntry {
    let (size, mtime) = stat(path).unwrap_or((0, 0));
    if let Some(prev) = previous
        && prev.size == size
        && prev.mtime == mtime
        && mtime != 0
    {
        return prev.clone();
    }
    let failed = |error: String| FileEntry {
        path: path.to_owned(),
        size,
        mtime,
        hash: 0,
        docs: Vec::new(),
        error: Some(error),
        warnings: Vec::new(),
    };
    // One bounded read: pipes and devices are refused, size is checked before reading.
    let bytes = match read_limited(path, MAX_FILE_BYTES) {
        Ok(bytes) => bytes,
        Err(e) => return failed(e.to_string()),
    };
    let hash = file_hash(&bytes);
    if let Some(prev) = previous
        && prev.size == size
        && prev.hash == hash
    {
        return FileEntry {
            mtime,
            ..prev.clone()
        };
    }
    let (docs, error, warnings) = match crate::document::formats::read_bytes(path, &bytes) {
        Ok(source) => {
            let (docs, error) = index_source(&source);
            (docs, error, source.meta.warnings)
        }
        Err(e) => (Vec::new(), Some(e.to_string()), Vec::new()),
    };
    FileEntry {
        path: path.to_owned(),
        size,
        mtime,
        hash,
        docs,
        error,
        warnings,
    }
}

impl Corpus {
    /// Indexes the files under `paths`, reusing `previous` for unchanged files.
    pub fn build(
        paths: &[PathBuf],
        previous: Option<&Corpus>,
        progress: &Progress,
    ) -> Result<Self, CorpusError> {
        let walk::Found { files, skipped } = walk::collect_files(paths)?;
        progress.total.store(files.len(), Ordering::Relaxed);
        progress.done.store(0, Ordering::Relaxed);
        let old = |p: &Path| previous.and_then(|c| c.files.iter().find(|f| f.path == p));
        let entries: Vec<Option<FileEntry>> = files
            .par_iter()
            .map(|p| {
                if progress.cancelled() {
                    return None;
                }
                let entry = index_file(p, old(p));
                progress.done.fetch_add(1, Ordering::Relaxed);
                Some(entry)
            })
            .collect();
        if progress.cancelled() {
            return Err(CorpusError::Cancelled);
        }
        let mut corpus = Self::from_files(entries.into_iter().flatten().collect());
        corpus.skipped = skipped;
        Ok(corpus)
    }

    /// Runs [`Corpus::build`] on a background thread; poll `progress`, join for the result.
    pub fn build_in_background(
        paths: Vec<PathBuf>,
        previous: Option<Corpus>,
    ) -> (
        std::thread::JoinHandle<Result<Corpus, CorpusError>>,
        Arc<Progress>,
    ) {
        let progress = Arc::new(Progress::default());
        let shared = progress.clone();
        let handle = std::thread::spawn(move || Corpus::build(&paths, previous.as_ref(), &shared));
        (handle, progress)
    }

    /// A corpus of documents already in memory (generated documents, the benchmark).
    pub fn from_docs(docs: Vec<IndexedDoc>) -> Self {
        Self::from_files(vec![FileEntry {
            path: PathBuf::new(),
            size: 0,
            mtime: 0,
            hash: 0,
            docs,
            error: None,
            warnings: Vec::new(),
        }])
    }

    fn from_files(files: Vec<FileEntry>) -> Self {
        let mut docs: Vec<IndexedDoc> = Vec::new();
        let mut duplicates: Vec<Vec<DocumentRefLabel>> = Vec::new();
        let mut by_hash: std::collections::HashMap<(u64, usize), usize> = Default::default();
        for d in files.iter().flat_map(|f| &f.docs) {
            match by_hash.get(&(d.content_hash, d.chars)) {
                Some(&i) => duplicates[i].push(DocumentRefLabel {
                    reference: d.reference.clone(),
                    label: d.label.clone(),
                }),
                None => {
                    by_hash.insert((d.content_hash, d.chars), docs.len());
                    docs.push(d.clone());
                    duplicates.push(Vec::new());
                }
            }
        }
        let (docs, duplicates) = merge_near_copies(docs, duplicates);
        Self::with_postings(Catalog {
            files,
            docs,
            duplicates,
            skipped: Vec::new(),
        })
    }

    /// The corpus of `catalog`, whose `docs` carry their shingles.
    pub(crate) fn with_postings(catalog: Catalog) -> Self {
        let postings = Postings::build(&catalog.docs);
        Self { catalog, postings }
    }

    /// Opens the corpus's index (by default in the user's data folder, see [`store`]),
    /// brings it up to date with the files under `roots` and returns the corpus. The texts it
    /// read are left waiting for the full-text index (search finds them meanwhile), which
    /// [`store::Store::index_text`] fills: the corpus is ready that much sooner.
    pub fn open_indexed(
        roots: &[PathBuf],
        index: Option<&Path>,
        progress: &Progress,
    ) -> Result<Self, CorpusError> {
        let mut store = store::Store::open_for(roots, index)?;
        let (catalog, _) = store.update_leaving_text(roots, progress)?;
        store.load(catalog)
    }
}

impl Catalog {
    /// Files that gave no document and folders that could not be read, with the reason.
    pub fn errors(&self) -> impl Iterator<Item = (&Path, &str)> {
        self.files
            .iter()
            .filter_map(|f| f.error.as_deref().map(|e| (f.path.as_path(), e)))
            .chain(self.skipped.iter().map(|(p, e)| (p.as_path(), e.as_str())))
    }

    /// What the readers noticed about the files' text, per file, in corpus order.
    pub fn warnings(&self) -> impl Iterator<Item = (&Path, &str)> {
        self.files
            .iter()
            .flat_map(|f| f.warnings.iter().map(|w| (f.path.as_path(), w.as_str())))
    }

    /// The document of `reference`, if the corpus holds it (or a copy of it).
    pub fn position(&self, reference: &crate::DocumentRef) -> Option<usize> {
        // The same path as the corpus names it first: asking the file system whether two
        // names are one file costs two system calls for every document passed over.
        self.position_by(reference, |a, b| a == b)
            .or_else(|| self.position_by(reference, same_file))
    }

    fn position_by(
        &self,
        reference: &crate::DocumentRef,
        same_path: impl Fn(&Path, &Path) -> bool,
    ) -> Option<usize> {
        let same = |r: &crate::DocumentRef| {
            r.index == reference.index && same_path(&r.path, &reference.path)
        };
        self.docs
            .iter()
            .position(|d| same(&d.reference))
            .or_else(|| {
                self.duplicates
                    .iter()
                    .position(|dups| dups.iter().any(|d| same(&d.reference)))
            })
    }
}

fn same_file(a: &Path, b: &Path) -> bool {
    a == b || matches!((a.canonicalize(), b.canonicalize()), (Ok(x), Ok(y)) if x == y)
}

/// Each of two documents holding this share of the other's text makes them copies of one
/// document (the same plan scraped into a listing and saved on its own, or as .txt and .docx).
pub const NEAR_COPY: f64 = 0.9;

/// Larger min-hash buckets are stock phrases, not copies, and are skipped.
const MAX_BUCKET: usize = 64;

/// Size of the bottom-k sketch (the k smallest sampled shingle hashes) used to find copies.
const SKETCH: usize = 32;

/// Estimated Jaccard similarity from the two bottom-k sketches (shingles are sorted).
fn sketch_similarity(a: &[u64], b: &[u64]) -> f64 {
    let (a, b) = (&a[..a.len().min(SKETCH)], &b[..b.len().min(SKETCH)]);
    let union_k = (a.len() + b.len() - intersection(a, b)).min(SKETCH);
    let mut merged: Vec<u64> = a.iter().chain(b).copied().collect();
    merged.sort_unstable();
    merged.dedup();
    merged.truncate(union_k);
    let both = merged
        .iter()
        .filter(|h| a.binary_search(h).is_ok() && b.binary_search(h).is_ok())
        .count();
    both as f64 / union_k.max(1) as f64
}

/// Merges near copies: candidate pairs share one of their two smallest shingle hashes
/// (min-hash buckets), are screened by sketch and confirmed by exact mutual containment. The
/// kept copy is a whole file rather than a listing entry, then the first in corpus order.
fn merge_near_copies(
    docs: Vec<IndexedDoc>,
    duplicates: Vec<Vec<DocumentRefLabel>>,
) -> (Vec<IndexedDoc>, Vec<Vec<DocumentRefLabel>>) {
    let mut buckets: std::collections::HashMap<u64, Vec<usize>> = Default::default();
    for (i, d) in docs.iter().enumerate() {
        for &h in d.shingles.iter().take(2) {
            buckets.entry(h).or_default().push(i);
        }
        // The three smallest together: a bucket of copies even where the smallest alone is
        // a stock phrase shared by thousands of documents.
        if d.shingles.len() >= 3 {
            let key = d.shingles[..3]
                .iter()
                .fold(0u64, |k, &h| k.rotate_left(21) ^ h);
            buckets.entry(key).or_default().push(i);
        }
    }
    // A stock-phrase bucket would cost quadratic time; the combined key covers its copies.
    buckets.retain(|_, members| members.len() <= MAX_BUCKET);
    let mut root: Vec<usize> = (0..docs.len()).collect();
    fn find(root: &mut [usize], mut i: usize) -> usize {
        while root[i] != i {
            root[i] = root[root[i]];
            i = root[i];
        }
        i
    }
    for members in buckets.values() {
        for (x, &a) in members.iter().enumerate() {
            for &b in &members[x + 1..] {
                let (da, db) = (&docs[a], &docs[b]);
                if find(&mut root, a) == find(&mut root, b)
                    || sketch_similarity(&da.shingles, &db.shingles) < 0.7
                {
                    continue;
                }
                let shared = intersection(&da.shingles, &db.shingles) as f64;
                let copies = shared > NEAR_COPY * da.shingles.len() as f64
                    && shared > NEAR_COPY * db.shingles.len() as f64;
                if copies {
                    let (ra, rb) = (find(&mut root, a), find(&mut root, b));
                    // The smaller index wins, after whole files over listing entries.
                    let key = |i: usize| (docs[i].reference.index.is_some(), i);
                    let (keep, drop) = if key(ra) <= key(rb) {
                        (ra, rb)
                    } else {
                        (rb, ra)
                    };
                    root[drop] = keep;
                }
            }
        }
    }
    let mut kept_docs = Vec::new();
    let mut kept_dups: Vec<Vec<DocumentRefLabel>> = Vec::new();
    let mut slot = vec![usize::MAX; docs.len()];
    for i in 0..docs.len() {
        if find(&mut root, i) == i {
            slot[i] = kept_docs.len();
            kept_docs.push(docs[i].clone());
            kept_dups.push(duplicates[i].clone());
        }
    }
    for i in 0..docs.len() {
        let r = find(&mut root, i);
        if r != i {
            let target = &mut kept_dups[slot[r]];
            target.push(DocumentRefLabel {
                reference: docs[i].reference.clone(),
                label: docs[i].label.clone(),
            });
            target.extend(duplicates[i].iter().cloned());
        }
    }
    (kept_docs, kept_dups)
}
