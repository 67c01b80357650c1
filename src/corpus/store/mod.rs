//! The corpus index in an embedded SQLite database: files (size, modification time, hash),
//! their documents (facts and sampled shingles), the normalised text of every document in a
//! full-text index (FTS5, trigram tokenizer: Chinese needs no word segmentation; without
//! positions, which substring search does not need and which would double its size), and the
//! per-document results of a corpus run, so that an interrupted run resumes.
//!
//! The database lives in the user's data folder, one per corpus (keyed by the corpus's
//! canonical paths), or in a file the user names; never among the user's documents unless
//! asked. Updates are incremental and go in transactions of a few dozen files: a run killed
//! mid-way leaves every file either as it was or as it is now, and the next run goes on from
//! there. WAL mode lets the viewer and the command line read while another process updates.

mod postings;
mod text;

use postings::doc_key;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use rayon::prelude::*;
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use super::{Catalog, Corpus, CorpusError, FileEntry, IndexedDoc, Level, Progress, walk};
use crate::document::DocumentRef;
use crate::document::decode::MAX_FILE_BYTES;
use crate::document::decode::SourceFile;
use crate::document::normalize::{Normalized, normalize};
use crate::document::source::read_limited;
use crate::document::split::split_entries;

/// Bumped when the tables change; an index of another version is rebuilt from the files.
const SCHEMA_VERSION: i64 = 5;

/// Files read and written per transaction.
const CHUNK: usize = 64;

/// The environment variable naming the user's data folder (tests, portable installs).
const DATA_DIR_VAR: &str = "POLICY_LINEAGE_DATA_DIR";

const SCHEMA: &str = "
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
CREATE TABLE IF NOT EXISTS files (
    path TEXT PRIMARY KEY,
    size INTEGER NOT NULL,
    mtime INTEGER NOT NULL,
    hash INTEGER NOT NULL,
    error TEXT,
    warnings TEXT NOT NULL DEFAULT '[]'
);
CREATE TABLE IF NOT EXISTS docs (
    id INTEGER PRIMARY KEY,
    path TEXT NOT NULL,
    entry INTEGER,
    label TEXT NOT NULL,
    title TEXT NOT NULL,
    date INTEGER,
    level INTEGER NOT NULL,
    chars INTEGER NOT NULL,
    content_hash INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS docs_path ON docs(path);
CREATE TABLE IF NOT EXISTS doc_data (id INTEGER PRIMARY KEY, shingles BLOB NOT NULL, origin BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS postings (bucket INTEGER PRIMARY KEY, lists BLOB NOT NULL);
CREATE TABLE IF NOT EXISTS postings_docs (
    id INTEGER PRIMARY KEY,
    representative INTEGER NOT NULL,
    copy INTEGER
);
CREATE TABLE IF NOT EXISTS results (
    run TEXT NOT NULL,
    doc TEXT NOT NULL,
    rows BLOB NOT NULL,
    PRIMARY KEY (run, doc)
);
";

/// An open corpus index.
pub struct Store {
    conn: Connection,
    path: PathBuf,
    /// Writers waiting for or holding the write lock, counted across the connections of this
    /// process opened with [`Store::open_beside`]: the full-text filler lets them in first.
    writers: Arc<AtomicUsize>,
}

/// What an update did.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Update {
    /// Files read and parsed (new or changed).
    pub read: usize,
    /// Files whose metadata or bytes showed them unchanged.
    pub unchanged: usize,
    /// Files gone from the corpus, dropped from the index.
    pub removed: usize,
}

/// The user's data folder: `$POLICY_LINEAGE_DATA_DIR` (absolute), else
/// `$XDG_DATA_HOME/policy-lineage`, else `~/.local/share/policy-lineage`.
pub fn data_dir() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os(DATA_DIR_VAR)
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
    {
        return Some(dir);
    }
    let base = std::env::var_os("XDG_DATA_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| std::env::var_os("HOME").map(|h| PathBuf::from(h).join(".local/share")))?;
    Some(base.join("policy-lineage"))
}

fn fail(path: &Path, detail: impl ToString) -> CorpusError {
    CorpusError::IndexFile {
        path: path.to_owned(),
        detail: detail.to_string(),
    }
}

/// The corpus's paths made absolute and canonical, so one folder named two ways is one corpus
/// and the index's paths open from any working folder.
pub(crate) fn canonical_roots(roots: &[PathBuf]) -> Result<Vec<PathBuf>, CorpusError> {
    let mut out = roots
        .iter()
        .map(|r| {
            r.canonicalize().map_err(|e| CorpusError::Input {
                path: r.to_owned(),
                detail: e.to_string(),
            })
        })
        .collect::<Result<Vec<_>, _>>()?;
    out.sort();
    out.dedup();
    Ok(out)
}

/// Where the index of the corpus made of `roots` lives by default: the data folder, a file
/// named by a hash of the canonical paths.
fn default_path(roots: &[PathBuf]) -> Result<PathBuf, CorpusError> {
    let dir = data_dir().ok_or_else(|| {
        fail(
            Path::new("~/.local/share/policy-lineage"),
            format!("no data folder: set HOME or {DATA_DIR_VAR}"),
        )
    })?;
    default_path_in(&dir, roots)
}

fn default_path_in(dir: &Path, roots: &[PathBuf]) -> Result<PathBuf, CorpusError> {
    let roots = canonical_roots(roots)?;
    let key = roots.iter().fold(0xcbf29ce484222325u64, |h, r| {
        r.as_os_str()
            .as_encoded_bytes()
            .iter()
            .chain(b"\0")
            .fold(h, |h, &b| (h ^ u64::from(b)).wrapping_mul(0x100000001b3))
    });
    let name = roots
        .first()
        .and_then(|r| r.file_name())
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    Ok(dir
        .join("indexes")
        .join(format!("{name}-{key:016x}.sqlite")))
}

/// The normalised-to-original offset map of a document, kept compactly: the points where
/// the original offset does not advance by one with the normalised one (white space dropped,
/// a character expanded), as little-endian `(normalised, original)` pairs of `u32`.
fn origin_runs(origin: &[u32]) -> Vec<u8> {
    let mut out = Vec::new();
    for (i, &o) in origin.iter().enumerate() {
        if i == 0 || o != origin[i - 1].wrapping_add(1) {
            out.extend_from_slice(&(i as u32).to_le_bytes());
            out.extend_from_slice(&o.to_le_bytes());
        }
    }
    out
}

/// The original offset of normalised character `n`, from [`origin_runs`].
pub fn original_at(runs: &[u8], n: usize) -> usize {
    let pair = |k: usize| {
        let b = &runs[k * 8..k * 8 + 8];
        let word = |s: &[u8]| u32::from_le_bytes([s[0], s[1], s[2], s[3]]) as usize;
        (word(&b[..4]), word(&b[4..]))
    };
    let count = runs.len() / 8;
    // The last run starting at or before n.
    let (mut lo, mut hi) = (0, count);
    while lo < hi {
        let mid = (lo + hi) / 2;
        if pair(mid).0 <= n {
            lo = mid + 1
        } else {
            hi = mid
        }
    }
    if lo == 0 {
        return 0;
    }
    let (start, orig) = pair(lo - 1);
    orig + (n - start)
}

fn level_code(level: Level) -> i64 {
    match level {
        Level::Unknown => 0,
        Level::County => 1,
        Level::City => 2,
        Level::Province => 3,
        Level::National => 4,
    }
}

fn level_from(code: i64) -> Level {
    match code {
        1 => Level::County,
        2 => Level::City,
        3 => Level::Province,
        4 => Level::National,
        _ => Level::Unknown,
    }
}

fn shingle_bytes(shingles: &[u64]) -> Vec<u8> {
    shingles.iter().flat_map(|s| s.to_le_bytes()).collect()
}

fn shingles_from(bytes: &[u8]) -> Vec<u64> {
    bytes
        .chunks_exact(8)
        .map(|c| u64::from_le_bytes([c[0], c[1], c[2], c[3], c[4], c[5], c[6], c[7]]))
        .collect()
}

/// A document as the index keeps it, with the text for the full-text index.
struct StoredDoc {
    doc: IndexedDoc,
    text: String,
    origin: Vec<u8>,
}

/// What reading one file gave.
enum Read {
    /// Unchanged by size and modification time.
    Same,
    /// Same size and bytes, new modification time.
    Touched { path: PathBuf, mtime: u128 },
    Parsed {
        path: PathBuf,
        size: u64,
        mtime: u128,
        hash: u64,
        docs: Vec<StoredDoc>,
        error: Option<String>,
        warnings: Vec<String>,
    },
}

/// The documents of a decoded file with their normalised text: the whole file, or every
/// entry `#N` with text (as [`super::index_source`] counts them).
fn stored_docs(source: &SourceFile) -> (Vec<StoredDoc>, Option<String>) {
    let (docs, error) = super::index_source(source);
    let entries = split_entries(source);
    let stored = docs
        .into_iter()
        .map(|doc| {
            let entry = &entries[doc.reference.index.map_or(0, |n| n - 1)];
            let normalized: Normalized = normalize(&source.chars, entry.range.clone());
            StoredDoc {
                text: normalized.chars.iter().collect(),
                origin: origin_runs(&normalized.origin),
                doc,
            }
        })
        .collect();
    (stored, error)
}

fn read_file(path: &Path, previous: Option<&(u64, u128, u64)>) -> Read {
    let (size, mtime) = super::stat(path).unwrap_or((0, 0));
    if let Some(&(s, m, _)) = previous
        && s == size
        && m == mtime
        && mtime != 0
    {
        return Read::Same;
    }
    // One bounded read: pipes and devices are refused, size is checked before reading.
    let bytes = match read_limited(path, MAX_FILE_BYTES) {
        Ok(bytes) => bytes,
        Err(e) => {
            return Read::Parsed {
                path: path.to_owned(),
                size,
                mtime,
                hash: 0,
                docs: Vec::new(),
                error: Some(e.to_string()),
                warnings: Vec::new(),
            };
        }
    };
    let hash = super::file_hash(&bytes);
    if let Some(&(s, _, h)) = previous
        && s == size
        && h == hash
    {
        return Read::Touched {
            path: path.to_owned(),
            mtime,
        };
    }
    let (docs, error, warnings) = match crate::document::formats::read_bytes(path, &bytes) {
        Ok(source) => {
            let (docs, error) = stored_docs(&source);
            (docs, error, source.meta.warnings)
        }
        Err(e) => (Vec::new(), Some(e.to_string()), Vec::new()),
    };
    Read::Parsed {
        path: path.to_owned(),
        size,
        mtime,
        hash,
        docs,
        error,
        warnings,
    }
}

impl Store {
    /// Opens (creating if needed) the index at `path`.
    pub fn open(path: &Path) -> Result<Self, CorpusError> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| fail(path, e))?;
        }
        let conn = Connection::open(path).map_err(|e| fail(path, e))?;
        let setup = || -> rusqlite::Result<()> {
            conn.busy_timeout(std::time::Duration::from_secs(30))?;
            conn.pragma_update(None, "journal_mode", "WAL")?;
            conn.pragma_update(None, "synchronous", "NORMAL")?;
            let version: i64 = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
            if version != SCHEMA_VERSION {
                conn.execute_batch(
                    "DROP TABLE IF EXISTS meta; DROP TABLE IF EXISTS files;
                     DROP TABLE IF EXISTS docs; DROP TABLE IF EXISTS doc_data;
                     DROP TABLE IF EXISTS results; DROP TABLE IF EXISTS postings;
                     DROP TABLE IF EXISTS postings_docs;",
                )?;
                conn.execute_batch(text::DROP)?;
                conn.execute_batch(SCHEMA)?;
                conn.execute_batch(text::SCHEMA)?;
                conn.pragma_update(None, "user_version", SCHEMA_VERSION)?;
            }
            Ok(())
        };
        setup().map_err(|e| fail(path, e))?;
        Ok(Self {
            conn,
            path: path.to_owned(),
            writers: Arc::default(),
        })
    }

    /// A second connection to this index, whose writers and this one's let each other in
    /// (the full-text index filled beside an update or a run).
    pub fn open_beside(&self) -> Result<Self, CorpusError> {
        Ok(Self {
            writers: Arc::clone(&self.writers),
            ..Self::open(&self.path)?
        })
    }

    /// Runs `write` in an immediate transaction (the write lock taken at once, so a filler's
    /// commit in between cannot make it fail), counted among the writers the filler lets in.
    fn writing<T>(
        &mut self,
        write: impl FnOnce(&rusqlite::Transaction<'_>) -> rusqlite::Result<T>,
    ) -> rusqlite::Result<T> {
        self.writers.fetch_add(1, Ordering::Release);
        let done = (|| {
            let tx = self
                .conn
                .transaction_with_behavior(TransactionBehavior::Immediate)?;
            let out = write(&tx)?;
            tx.commit()?;
            Ok(out)
        })();
        self.writers.fetch_sub(1, Ordering::Release);
        done
    }

    /// Opens the index of the corpus made of `roots`: `index` when named, else the default
    /// place in the user's data folder.
    pub fn open_for(roots: &[PathBuf], index: Option<&Path>) -> Result<Self, CorpusError> {
        match index {
            Some(path) => Self::open(path),
            None => Self::open(&default_path(roots)?),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }

    fn err(&self, e: impl ToString) -> CorpusError {
        fail(&self.path, e)
    }

    /// Brings the index up to date with the files under `roots` (reading only new and
    /// changed files, saving the inverted lists when the files changed, filling the full-text
    /// index) and returns the catalog of the corpus it holds. Cancelling keeps what was
    /// committed.
    pub fn update(
        &mut self,
        roots: &[PathBuf],
        progress: &Progress,
    ) -> Result<(Catalog, Update), CorpusError> {
        let found = self.update_leaving_text(roots, progress)?;
        self.index_text(progress, &AtomicBool::new(false))?;
        Ok(found)
    }

    /// [`Store::update`] that leaves the texts it read waiting for the full-text index (search
    /// finds them meanwhile): [`Store::index_text`] puts them in, on a connection of its own
    /// if need be, while the catalog is put to use.
    pub fn update_leaving_text(
        &mut self,
        roots: &[PathBuf],
        progress: &Progress,
    ) -> Result<(Catalog, Update), CorpusError> {
        let (skipped, update) = self.refresh(roots, progress)?;
        let mut catalog = match self.saved_catalog().map_err(|e| self.err(e))? {
            Some(catalog) => catalog,
            None => {
                let corpus = self.read_corpus()?;
                self.save_postings(&corpus)?;
                corpus.catalog
            }
        };
        catalog.skipped = skipped;
        Ok((catalog, update))
    }

    /// Puts every text waiting for the full-text index into it, a few per transaction, as
    /// `progress` counts, letting in first the writers of the connections opened beside this
    /// one; while `storing` holds (an update beside it is storing texts), waits for more when
    /// none is left. Returns how many it put in. Cancelling keeps what was committed.
    pub fn index_text(
        &mut self,
        progress: &Progress,
        storing: &AtomicBool,
    ) -> Result<usize, CorpusError> {
        let moved = text::index_waiting(&mut self.conn, progress, &self.writers, storing)
            .map_err(|e| self.err(e))?;
        if progress.cancelled() {
            return Err(CorpusError::Cancelled);
        }
        Ok(moved)
    }

    /// Texts stored and not yet in the full-text index.
    pub fn text_waiting(&self) -> Result<usize, CorpusError> {
        text::waiting(&self.conn).map_err(|e| self.err(e))
    }

    /// Brings the index up to date with the files under `roots` without loading it; returns
    /// the folders and links the walk passed over, and what changed.
    pub fn refresh(
        &mut self,
        roots: &[PathBuf],
        progress: &Progress,
    ) -> Result<(Vec<(PathBuf, String)>, Update), CorpusError> {
        let roots = canonical_roots(roots)?;
        let walk::Found { files, skipped } = walk::collect_files(&roots)?;
        progress.total.store(files.len(), Ordering::Relaxed);
        progress.done.store(0, Ordering::Relaxed);
        let previous = self.file_stats()?;
        let mut update = Update::default();
        // Files are read on all cores while the previous chunk is written.
        std::thread::scope(|s| -> Result<(), CorpusError> {
            let (send, receive) = std::sync::mpsc::sync_channel::<Vec<Read>>(1);
            let (files, previous) = (&files, &previous);
            s.spawn(move || {
                for chunk in files.chunks(CHUNK) {
                    if progress.cancelled() {
                        return;
                    }
                    let reads: Vec<Read> = chunk
                        .par_iter()
                        .map(|p| {
                            let read = read_file(p, previous.get(p));
                            progress.done.fetch_add(1, Ordering::Relaxed);
                            read
                        })
                        .collect();
                    if send.send(reads).is_err() {
                        return;
                    }
                }
            });
            for reads in receive {
                self.write(&reads).map_err(|e| self.err(e))?;
                for r in &reads {
                    match r {
                        Read::Parsed { .. } => update.read += 1,
                        _ => update.unchanged += 1,
                    }
                }
            }
            Ok(())
        })?;
        if progress.cancelled() {
            return Err(CorpusError::Cancelled);
        }
        let current: std::collections::HashSet<&PathBuf> = files.iter().collect();
        let gone: Vec<&PathBuf> = previous.keys().filter(|p| !current.contains(p)).collect();
        update.removed = gone.len();
        self.remove(&gone).map_err(|e| self.err(e))?;
        let roots_json = serde_json::to_string(&roots).map_err(|e| self.err(e))?;
        self.writing(|tx| {
            tx.execute(
                "INSERT OR REPLACE INTO meta (key, value) VALUES ('roots', ?1)",
                [roots_json],
            )
        })
        .map_err(|e| self.err(e))?;
        Ok((skipped, update))
    }

    fn file_stats(&self) -> Result<HashMap<PathBuf, (u64, u128, u64)>, CorpusError> {
        let mut stmt = self
            .conn
            .prepare("SELECT path, size, mtime, hash FROM files")
            .map_err(|e| self.err(e))?;
        let rows = stmt
            .query_map([], |r| {
                Ok((
                    PathBuf::from(r.get::<_, String>(0)?),
                    (
                        r.get::<_, i64>(1)? as u64,
                        r.get::<_, i64>(2)? as u128,
                        r.get::<_, i64>(3)? as u64,
                    ),
                ))
            })
            .map_err(|e| self.err(e))?;
        rows.collect::<Result<_, _>>().map_err(|e| self.err(e))
    }

    /// Drops the files `paths` and their documents.
    fn delete_files(tx: &rusqlite::Transaction<'_>, paths: &[String]) -> rusqlite::Result<()> {
        let mut ids = Vec::new();
        let mut stmt = tx.prepare_cached("SELECT id FROM docs WHERE path = ?1")?;
        for path in paths {
            for id in stmt.query_map([path], |r| r.get::<_, i64>(0))? {
                ids.push(id?);
            }
        }
        ids.sort_unstable();
        text::remove(tx, &ids)?;
        let mut data = tx.prepare_cached(
            "DELETE FROM doc_data WHERE id IN (SELECT id FROM docs WHERE path = ?1)",
        )?;
        let mut docs = tx.prepare_cached("DELETE FROM docs WHERE path = ?1")?;
        let mut files = tx.prepare_cached("DELETE FROM files WHERE path = ?1")?;
        for path in paths {
            data.execute([path])?;
            docs.execute([path])?;
            files.execute([path])?;
        }
        Ok(())
    }

    fn write(&mut self, reads: &[Read]) -> rusqlite::Result<()> {
        self.writing(|tx| Self::write_reads(tx, reads))
    }

    fn write_reads(tx: &rusqlite::Transaction<'_>, reads: &[Read]) -> rusqlite::Result<()> {
        if reads.iter().any(|r| matches!(r, Read::Parsed { .. })) {
            Self::drop_postings(tx)?;
        }
        let parsed: Vec<String> = reads
            .iter()
            .filter_map(|r| match r {
                Read::Parsed { path, .. } => Some(path.to_string_lossy().into_owned()),
                _ => None,
            })
            .collect();
        Self::delete_files(tx, &parsed)?;
        for read in reads {
            match read {
                Read::Same => {}
                Read::Touched { path, mtime } => {
                    tx.execute(
                        "UPDATE files SET mtime = ?1 WHERE path = ?2",
                        params![*mtime as i64, path.to_string_lossy()],
                    )?;
                }
                Read::Parsed {
                    path,
                    size,
                    mtime,
                    hash,
                    docs,
                    error,
                    warnings,
                } => {
                    let key = path.to_string_lossy();
                    let warnings = serde_json::to_string(warnings)
                        .map_err(|e| rusqlite::Error::ToSqlConversionFailure(e.into()))?;
                    tx.execute(
                        "INSERT INTO files (path, size, mtime, hash, error, warnings)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                        params![
                            key,
                            *size as i64,
                            *mtime as i64,
                            *hash as i64,
                            error,
                            warnings
                        ],
                    )?;
                    let mut insert = tx.prepare_cached(
                        "INSERT INTO docs (path, entry, label, title, date, level, chars,
                         content_hash)
                         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
                    )?;
                    let mut data = tx.prepare_cached(
                        "INSERT INTO doc_data (id, shingles, origin) VALUES (?1, ?2, ?3)",
                    )?;
                    for s in docs {
                        let d = &s.doc;
                        let date = d.date.map(|(y, m, dd)| {
                            i64::from(y) * 10_000 + i64::from(m) * 100 + i64::from(dd)
                        });
                        insert.execute(params![
                            key,
                            d.reference.index.map(|n| n as i64),
                            d.label,
                            d.title,
                            date,
                            level_code(d.level),
                            d.chars as i64,
                            d.content_hash as i64,
                        ])?;
                        let id = tx.last_insert_rowid();
                        data.execute(params![id, shingle_bytes(&d.shingles), s.origin])?;
                        text::store(tx, id, &s.text)?;
                    }
                }
            }
        }
        Ok(())
    }

    fn remove(&mut self, gone: &[&PathBuf]) -> rusqlite::Result<()> {
        let gone: Vec<String> = gone
            .iter()
            .map(|p| p.to_string_lossy().into_owned())
            .collect();
        self.writing(|tx| {
            if !gone.is_empty() {
                Self::drop_postings(tx)?;
            }
            Self::delete_files(tx, &gone)
        })
    }

    /// The catalog of the corpus the index holds, in corpus order (files sorted by path): the
    /// documents' facts and copies, as saved with the inverted lists; no shingle is read
    /// unless no lists are saved for the files indexed now (the whole corpus is read then).
    pub fn catalog(&self) -> Result<Catalog, CorpusError> {
        match self.saved_catalog().map_err(|e| self.err(e))? {
            Some(catalog) => Ok(catalog),
            None => Ok(self.read_corpus()?.catalog),
        }
    }

    /// The corpus the index holds, ready for ranking.
    pub fn corpus(&self) -> Result<Corpus, CorpusError> {
        match self.saved_catalog().map_err(|e| self.err(e))? {
            Some(catalog) => self.load(catalog),
            None => self.read_corpus(),
        }
    }

    /// The corpus of `catalog` (read from this index) ready for ranking: its documents'
    /// shingles read and the inverted lists built.
    pub fn load(&self, mut catalog: Catalog) -> Result<Corpus, CorpusError> {
        let at: HashMap<(String, Option<i64>), usize> = catalog
            .docs
            .iter()
            .enumerate()
            .map(|(i, d)| (doc_key(&d.reference), i))
            .collect();
        let mut read = || -> rusqlite::Result<usize> {
            let mut stmt = self.conn.prepare(
                "SELECT d.path, d.entry, s.shingles FROM docs d JOIN doc_data s ON s.id = d.id",
            )?;
            let rows = stmt.query_map([], |r| {
                Ok(((r.get(0)?, r.get(1)?), r.get::<_, Vec<u8>>(2)?))
            })?;
            let mut filled = 0;
            for row in rows {
                let (key, blob) = row?;
                if let Some(&i) = at.get(&key) {
                    catalog.docs[i].shingles = shingles_from(&blob);
                    filled += 1;
                }
            }
            Ok(filled)
        };
        let filled = read().map_err(|e| self.err(e))?;
        if filled != catalog.docs.len() {
            return Err(self.err("the index changed while it was read: open it again"));
        }
        Ok(Corpus::with_postings(catalog))
    }

    /// The files of the index, sorted by path, without their documents.
    fn read_files(conn: &Connection) -> rusqlite::Result<Vec<FileEntry>> {
        let mut files: Vec<FileEntry> = conn
            .prepare("SELECT path, size, mtime, hash, error, warnings FROM files")?
            .query_map([], |r| {
                let warnings: String = r.get(5)?;
                Ok(FileEntry {
                    path: PathBuf::from(r.get::<_, String>(0)?),
                    size: r.get::<_, i64>(1)? as u64,
                    mtime: r.get::<_, i64>(2)? as u128,
                    hash: r.get::<_, i64>(3)? as u64,
                    docs: Vec::new(),
                    error: r.get(4)?,
                    warnings: serde_json::from_str(&warnings).map_err(|e| {
                        rusqlite::Error::FromSqlConversionFailure(
                            5,
                            rusqlite::types::Type::Text,
                            e.into(),
                        )
                    })?,
                })
            })?
            .collect::<Result<_, _>>()?;
        files.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(files)
    }

    /// Reads the documents `select` gives (path, entry, label, title, date, level, chars,
    /// content hash, then what `extra` takes from column 8 on) into their files, in entry
    /// order; returns what `extra` gave for each file's documents.
    fn read_docs<T>(
        conn: &Connection,
        files: &mut [FileEntry],
        select: &str,
        extra: impl Fn(&rusqlite::Row<'_>) -> rusqlite::Result<(Vec<u64>, T)>,
    ) -> rusqlite::Result<Vec<Vec<T>>> {
        let at: HashMap<PathBuf, usize> = files
            .iter()
            .enumerate()
            .map(|(i, f)| (f.path.clone(), i))
            .collect();
        let mut out: Vec<Vec<T>> = files.iter().map(|_| Vec::new()).collect();
        let mut stmt = conn.prepare(select)?;
        let docs = stmt.query_map([], |r| {
            let path = PathBuf::from(r.get::<_, String>(0)?);
            let date = r
                .get::<_, Option<i64>>(4)?
                .map(|d| ((d / 10_000) as u16, (d / 100 % 100) as u8, (d % 100) as u8));
            let (shingles, more) = extra(r)?;
            let doc = IndexedDoc {
                reference: DocumentRef {
                    path: path.clone(),
                    index: r.get::<_, Option<i64>>(1)?.map(|n| n as usize),
                },
                label: r.get(2)?,
                title: r.get(3)?,
                date,
                level: level_from(r.get(5)?),
                chars: r.get::<_, i64>(6)? as usize,
                content_hash: r.get::<_, i64>(7)? as u64,
                shingles,
            };
            Ok((path, doc, more))
        })?;
        for row in docs {
            let (path, doc, more) = row?;
            if let Some(&i) = at.get(&path) {
                files[i].docs.push(doc);
                out[i].push(more);
            }
        }
        Ok(out)
    }

    /// The whole corpus read from the documents' shingles, copies found afresh.
    fn read_corpus(&self) -> Result<Corpus, CorpusError> {
        let read = || -> rusqlite::Result<Vec<FileEntry>> {
            let tx = self.conn.unchecked_transaction()?;
            let mut files = Self::read_files(&tx)?;
            Self::read_docs(
                &tx,
                &mut files,
                "SELECT d.path, d.entry, d.label, d.title, d.date, d.level, d.chars,
                 d.content_hash, s.shingles
                 FROM docs d JOIN doc_data s ON s.id = d.id ORDER BY d.path, d.entry",
                |r| Ok((shingles_from(&r.get::<_, Vec<u8>>(8)?), ())),
            )?;
            Ok(files)
        };
        Ok(Corpus::from_files(read().map_err(|e| self.err(e))?))
    }

    /// The catalog from the documents' facts and the copies saved with the inverted lists;
    /// `None` when no lists are saved for the files indexed now.
    fn saved_catalog(&self) -> rusqlite::Result<Option<Catalog>> {
        // One snapshot: a writer committing in between would leave facts and copies apart.
        let tx = self.conn.unchecked_transaction()?;
        if !Self::lists_saved(&tx)? {
            return Ok(None);
        }
        let mut files = Self::read_files(&tx)?;
        let stand_in = Self::read_docs(
            &tx,
            &mut files,
            "SELECT d.path, d.entry, d.label, d.title, d.date, d.level, d.chars,
             d.content_hash, d.id, p.representative, p.copy
             FROM docs d LEFT JOIN postings_docs p ON p.id = d.id ORDER BY d.path, d.entry",
            |r| {
                let stand_in: (i64, Option<i64>, Option<i64>) = (r.get(8)?, r.get(9)?, r.get(10)?);
                Ok((Vec::new(), stand_in))
            },
        )?;
        let mut docs = Vec::new();
        let mut duplicates: Vec<Vec<super::DocumentRefLabel>> = Vec::new();
        let mut slot: HashMap<i64, usize> = HashMap::new();
        let mut copies = Vec::new();
        for (file, stand_in) in files.iter().zip(&stand_in) {
            for (d, &(id, representative, copy)) in file.docs.iter().zip(stand_in) {
                let Some(representative) = representative else {
                    return Ok(None);
                };
                if representative == id {
                    slot.insert(id, docs.len());
                    docs.push(d.clone());
                    duplicates.push(Vec::new());
                } else {
                    let label = super::DocumentRefLabel {
                        reference: d.reference.clone(),
                        label: d.label.clone(),
                    };
                    copies.push((representative, copy.unwrap_or(0), label));
                }
            }
        }
        copies.sort_by_key(|&(representative, copy, _)| (representative, copy));
        for (representative, _, label) in copies {
            let Some(&i) = slot.get(&representative) else {
                return Ok(None);
            };
            duplicates[i].push(label);
        }
        Ok(Some(Catalog {
            files,
            docs,
            duplicates,
            skipped: Vec::new(),
        }))
    }

    /// The normalised text of a document and its offset map, by reference.
    pub fn text(&self, reference: &DocumentRef) -> Result<Option<(String, Vec<u8>)>, CorpusError> {
        self.conn
            .query_row(
                "SELECT b.body, s.origin FROM docs d JOIN doc_body b ON b.id = d.id
                 JOIN doc_data s ON s.id = d.id
                 WHERE d.path = ?1 AND d.entry IS ?2",
                params![
                    reference.path.to_string_lossy(),
                    reference.index.map(|n| n as i64)
                ],
                |r| Ok((r.get(0)?, r.get(1)?)),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    pub(super) fn connection(&self) -> &Connection {
        &self.conn
    }

    /// The saved result of document `doc` in run `run`, if any.
    pub fn result(&self, run: &str, doc: &str) -> Result<Option<Vec<u8>>, CorpusError> {
        self.conn
            .query_row(
                "SELECT rows FROM results WHERE run = ?1 AND doc = ?2",
                [run, doc],
                |r| r.get(0),
            )
            .optional()
            .map_err(|e| self.err(e))
    }

    /// Saves the results of some documents of run `run` in one transaction.
    pub fn save_results(
        &mut self,
        run: &str,
        rows: &[(String, Vec<u8>)],
    ) -> Result<(), CorpusError> {
        self.writing(|tx| {
            let mut stmt = tx.prepare_cached(
                "INSERT OR REPLACE INTO results (run, doc, rows) VALUES (?1, ?2, ?3)",
            )?;
            for (doc, bytes) in rows {
                stmt.execute(params![run, doc, bytes])?;
            }
            Ok(())
        })
        .map_err(|e| fail(&self.path, e))
    }

    /// Forgets the results of runs other than `run` (a changed corpus or changed options).
    pub fn keep_results_of(&mut self, run: &str) -> Result<(), CorpusError> {
        self.writing(|tx| tx.execute("DELETE FROM results WHERE run <> ?1", [run]))
            .map(drop)
            .map_err(|e| self.err(e))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn origin_runs_map_back() {
        let origin: Vec<u32> = vec![0, 1, 2, 5, 6, 6, 6, 7, 20, 21];
        let runs = origin_runs(&origin);
        for (n, &o) in origin.iter().enumerate() {
            assert_eq!(original_at(&runs, n), o as usize, "at {n}");
        }
        assert!(runs.len() < origin.len() * 8);
    }

    fn write(dir: &Path, name: &str, text: &str) {
        std::fs::write(dir.join(name), text).unwrap();
    }

    const A: &str = "甘肃省人民政府办公厅关于印发甘肃省新一代人工智能发展实施方案的通知\n各市、自治州人民政府：\n加快推进新一代人工智能产业发展，培育智能经济新动能，建设智能社会。到2020年，人工智能总体技术和应用水平明显提升。";
    const B: &str = "武威市人民政府办公室关于印发武威市新一代人工智能发展实施方案的通知\n各县区人民政府：\n加快推进新一代人工智能产业发展，培育智能经济新动能。立足武威实际，发展特色农业智能应用。";

    #[test]
    fn reads_only_what_changed_and_drops_what_is_gone() {
        let corpus = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        write(corpus.path(), "a.txt", A);
        write(corpus.path(), "b.txt", B);
        let mut store = Store::open(&data.path().join("i.sqlite")).unwrap();
        let roots = [corpus.path().to_owned()];
        let (first, update) = store.update(&roots, &Progress::default()).unwrap();
        assert_eq!(first.docs.len(), 2);
        assert_eq!(
            update,
            Update {
                read: 2,
                unchanged: 0,
                removed: 0
            }
        );
        let (_, update) = store.update(&roots, &Progress::default()).unwrap();
        assert_eq!(
            update,
            Update {
                read: 0,
                unchanged: 2,
                removed: 0
            }
        );
        std::fs::remove_file(corpus.path().join("b.txt")).unwrap();
        write(corpus.path(), "c.txt", B);
        let (third, update) = store.update(&roots, &Progress::default()).unwrap();
        assert_eq!(
            update,
            Update {
                read: 1,
                unchanged: 1,
                removed: 1
            }
        );
        let labels: Vec<&str> = third.docs.iter().map(|d| d.label.as_str()).collect();
        assert_eq!(labels, ["a.txt", "c.txt"]);
        assert_eq!(first.docs[0].content_hash, third.docs[0].content_hash);
        // Nothing was written among the documents.
        let names: Vec<_> = std::fs::read_dir(corpus.path())
            .unwrap()
            .flatten()
            .collect();
        assert_eq!(names.len(), 2);
    }

    #[test]
    fn a_reader_sees_the_last_committed_index_while_another_writes() {
        let corpus = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        write(corpus.path(), "a.txt", A);
        write(corpus.path(), "b.txt", B);
        let path = data.path().join("i.sqlite");
        let mut writer = Store::open(&path).unwrap();
        writer
            .update(&[corpus.path().to_owned()], &Progress::default())
            .unwrap();
        let tx = writer.conn.transaction().unwrap();
        tx.execute("DELETE FROM docs", []).unwrap();
        let reader = Store::open(&path).unwrap();
        assert_eq!(reader.catalog().unwrap().docs.len(), 2);
        assert_eq!(reader.corpus().unwrap().docs.len(), 2);
        drop(tx);
        assert_eq!(writer.catalog().unwrap().docs.len(), 2, "rolled back");
    }

    #[test]
    fn a_cancelled_update_keeps_the_previous_index() {
        let corpus = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        write(corpus.path(), "a.txt", A);
        let path = data.path().join("i.sqlite");
        let roots = [corpus.path().to_owned()];
        Store::open(&path)
            .unwrap()
            .update(&roots, &Progress::default())
            .unwrap();
        write(corpus.path(), "b.txt", B);
        let cancel = Progress::default();
        cancel.cancel.store(true, Ordering::Relaxed);
        let mut store = Store::open(&path).unwrap();
        assert!(matches!(
            store.update(&roots, &cancel),
            Err(CorpusError::Cancelled)
        ));
        assert_eq!(store.catalog().unwrap().docs.len(), 1);
    }

    #[test]
    fn default_path_is_in_the_data_folder_keyed_by_the_corpus() {
        let corpus = tempfile::tempdir().unwrap();
        let data = tempfile::tempdir().unwrap();
        let a = default_path_in(data.path(), &[corpus.path().to_owned()]).unwrap();
        let b = default_path_in(data.path(), &[corpus.path().join(".")]).unwrap();
        assert_eq!(a, b);
        assert!(a.starts_with(data.path()));
        let other = tempfile::tempdir().unwrap();
        assert_ne!(
            a,
            default_path_in(data.path(), &[other.path().to_owned()]).unwrap()
        );
    }
}
