//! The corpus run: index a corpus, relate every document to it and write the result as
//! research tables (Parquet and CSV), with a codebook and a manifest for reproduction.
//!
//! Per-document results are saved in the corpus index as they are computed, under a key of
//! the corpus's content and the run's options: a run interrupted (Ctrl+C, a kill, a crash)
//! and started again with the same inputs recomputes only the documents it had not finished.

pub mod cluster;
mod parquet;
pub mod relate;
pub mod table;
mod table_files;
mod tables;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use indicatif::{ProgressBar, ProgressStyle};
use rayon::prelude::*;
use sha2::{Digest, Sha256};

use super::sources::Options as Ranking;
use super::store::{Store, Update};
use super::{Catalog, CorpusError, Progress};
use relate::DocResult;
use tables::DocKey;

/// Documents related and saved per transaction.
const BATCH: usize = 32;

#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    #[error("{path}: {detail}")]
    Write { path: PathBuf, detail: String },
    /// The tables and codebook, written together; the error names the file.
    #[error("cannot write the tables: {0}")]
    Tables(std::io::Error),
}

#[derive(Debug, Clone)]
pub struct RunOptions {
    /// The folder the tables go to (created if needed).
    pub out: PathBuf,
    /// The index file; by default the corpus's index in the user's data folder.
    pub index: Option<PathBuf>,
    pub ranking: Ranking,
    /// Draw progress bars on standard error (when it is a terminal).
    pub progress: bool,
}

/// Rows written per table, in table order.
pub type TableRows = Vec<(&'static str, usize)>;

/// What a run did.
#[derive(Debug, Clone)]
pub struct RunSummary {
    pub index: PathBuf,
    pub update: Update,
    pub documents: usize,
    /// Documents whose result came from an earlier, interrupted run.
    pub resumed: usize,
    pub rows: TableRows,
    /// Time spent bringing the index up to date, relating the documents, writing the tables.
    pub indexing: Duration,
    pub relating: Duration,
    pub writing: Duration,
    /// Time spent waiting, after the tables, for the full-text index (filled meanwhile).
    pub full_text: Duration,
    /// What the writer noticed about replaced files (a hard link broken, an owner changed).
    pub notes: Vec<String>,
    /// What the readers noticed about the files' text, per file.
    pub warnings: Vec<(PathBuf, String)>,
}

fn bar(show: bool, len: usize, what: &str) -> ProgressBar {
    if !show {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    if let Ok(style) = ProgressStyle::with_template(
        "{msg:>10} [{bar:40}] {pos}/{len} ({per_sec}, about {eta} left)",
    ) {
        bar.set_style(style.progress_chars("=> "));
    }
    bar.set_message(what.to_owned());
    bar
}

/// Draws `progress` as a bar until `finished` says so.
fn follow(show: bool, what: &str, progress: &Progress, finished: impl Fn() -> bool) {
    let b = bar(show, 0, what);
    while !finished() {
        b.set_length(progress.total.load(Ordering::Relaxed) as u64);
        b.set_position(progress.done.load(Ordering::Relaxed) as u64);
        std::thread::sleep(Duration::from_millis(100));
    }
    b.finish_and_clear();
}

/// The run's key: the tool version, the options and every document's content, so results
/// saved by an earlier run are reused only for the same corpus and the same question.
fn run_key(corpus: &Catalog, ranking: &Ranking) -> String {
    let mut h = Sha256::new();
    h.update(env!("CARGO_PKG_VERSION"));
    h.update(format!("{ranking:?}"));
    for f in &corpus.files {
        for d in &f.docs {
            h.update(d.reference.display());
            h.update(d.content_hash.to_le_bytes());
        }
    }
    hex(&h.finalize())
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

/// Every document of the corpus in corpus order (copies included), with what the run does
/// with it: relate corpus document `Some(i)`, or record a copy of corpus document `i`.
fn work_list(corpus: &Catalog) -> Vec<(DocKey, super::IndexedDoc, Result<usize, usize>)> {
    let mut kept_at = std::collections::HashMap::new();
    for (i, d) in corpus.docs.iter().enumerate() {
        kept_at.insert(d.reference.display(), Ok(i));
        for copy in &corpus.duplicates[i] {
            kept_at.insert(copy.reference.display(), Err(i));
        }
    }
    corpus
        .files
        .iter()
        .flat_map(|f| &f.docs)
        .filter_map(|d| {
            let reference = d.reference.display();
            let what = *kept_at.get(&reference)?;
            Some((
                DocKey {
                    reference,
                    path: d.reference.path.display().to_string(),
                    entry: d.reference.index,
                },
                d.clone(),
                what,
            ))
        })
        .collect()
}

/// The result of document `reference` saved for run `key`, if a readable one is saved.
fn saved_result(store: &Store, key: &str, reference: &str) -> Result<Option<DocResult>, RunError> {
    Ok(store
        .result(key, reference)?
        .and_then(|bytes| serde_json::from_slice(&bytes).ok()))
}

fn write_error(path: &Path, e: impl std::fmt::Display) -> RunError {
    RunError::Write {
        path: path.to_owned(),
        detail: e.to_string(),
    }
}

/// Runs the corpus run on the folders and files `inputs`.
pub fn run(inputs: &[PathBuf], options: &RunOptions) -> Result<RunSummary, RunError> {
    let started = Instant::now();
    let mut store = Store::open_for(inputs, options.index.as_deref())?;
    // The texts go into the full-text index on a connection of their own from the start:
    // that index is built on one thread, and it follows the update as the texts are stored,
    // then goes on while the documents are related and the tables written, which keep the
    // other cores.
    let mut texts = store.open_beside()?;
    let filling = Progress::default();
    let storing = AtomicBool::new(true);
    let (done, filled, full_text) = std::thread::scope(|s| {
        let filler = s.spawn(|| texts.index_text(&filling, &storing));
        let done = update_and_relate(&mut store, inputs, options, &storing, started);
        if done.is_err() {
            filling.cancel.store(true, Ordering::Relaxed);
        }
        let waiting = Instant::now();
        follow(options.progress, "full text", &filling, || {
            filler.is_finished()
        });
        let filled = filler
            .join()
            .unwrap_or_else(|panic| std::panic::resume_unwind(panic));
        (done, filled, waiting.elapsed())
    });
    let (catalog, update, indexing, written) = done?;
    filled?;
    let mut summary = RunSummary {
        index: store.path().to_owned(),
        update,
        documents: written.documents,
        resumed: written.resumed,
        rows: written.rows,
        indexing,
        relating: written.relating,
        writing: written.writing,
        full_text,
        notes: written.notes,
        warnings: catalog
            .warnings()
            .map(|(p, w)| (p.to_owned(), w.to_owned()))
            .collect(),
    };
    let notes = write_manifest(inputs, &catalog, options, &summary)?;
    summary.notes.extend(notes);
    Ok(summary)
}

/// Brings the index up to date (saying when it stops storing texts) and relates the
/// documents and writes their tables; returns the catalog, what the update did, the time
/// since `started` when it was done, and what was written.
fn update_and_relate(
    store: &mut Store,
    inputs: &[PathBuf],
    options: &RunOptions,
    storing: &AtomicBool,
    started: Instant,
) -> Result<(Catalog, Update, Duration, Written), RunError> {
    let progress = Progress::default();
    let indexed = AtomicBool::new(false);
    let updated = std::thread::scope(|s| {
        s.spawn(|| {
            follow(options.progress, "indexing", &progress, || {
                indexed.load(Ordering::Relaxed)
            })
        });
        let updated = store.update_leaving_text(inputs, &progress);
        indexed.store(true, Ordering::Relaxed);
        updated
    });
    storing.store(false, Ordering::Release);
    let (catalog, update) = updated?;
    let indexing = started.elapsed();
    let written = relate_and_write(store, &catalog, options)?;
    Ok((catalog, update, indexing, written))
}

/// What relating the documents and writing their tables did.
struct Written {
    documents: usize,
    resumed: usize,
    rows: TableRows,
    relating: Duration,
    writing: Duration,
    notes: Vec<String>,
}

/// Relates every document of `catalog` not related yet (saving each result in the index as
/// it comes) and writes the tables of them all.
fn relate_and_write(
    store: &mut Store,
    catalog: &Catalog,
    options: &RunOptions,
) -> Result<Written, RunError> {
    let started = Instant::now();
    let key = run_key(catalog, &options.ranking);
    store.keep_results_of(&key)?;
    let work = work_list(catalog);
    let b = bar(options.progress, work.len(), "relating");
    // Only each document's facts are held while relating; the results are saved in the index
    // and read back one at a time into the tables.
    let mut facts: Vec<Option<relate::Facts>> = Vec::with_capacity(work.len());
    let mut resumed = 0;
    for (k, _, _) in &work {
        let saved = saved_result(store, &key, &k.reference)?.map(|r| r.facts);
        resumed += usize::from(saved.is_some());
        facts.push(saved);
    }
    b.inc(resumed as u64);
    let todo: Vec<usize> = (0..work.len()).filter(|&i| facts[i].is_none()).collect();
    // Shingles and inverted lists are read only when some document is left to relate.
    if !todo.is_empty() {
        let corpus = store.load(catalog.clone())?;
        let opened = relate::Opened::default();
        // The documents are related on all cores and their results saved here as they come,
        // so no core waits for a batch to be written.
        let (send, receive) =
            std::sync::mpsc::sync_channel::<(usize, Vec<u8>, relate::Facts)>(8 * BATCH);
        let relate_all = || {
            todo.par_iter().try_for_each_with(send, |send, &w| {
                let (_, indexed, what) = &work[w];
                let r = match *what {
                    Ok(i) => relate::relate(&corpus, i, &opened, &options.ranking),
                    Err(kept) => relate::relate_copy(indexed, &corpus.docs[kept]),
                };
                b.inc(1);
                let bytes = serde_json::to_vec(&r).unwrap_or_default();
                // A closed channel: saving failed, and relating stops.
                send.send((w, bytes, r.facts)).map_err(drop)
            })
        };
        let pool = yielding_pool();
        std::thread::scope(|s| -> Result<(), RunError> {
            s.spawn(|| match &pool {
                Some(pool) => pool.install(relate_all),
                None => relate_all(),
            });
            let mut rows = Vec::with_capacity(BATCH);
            let mut save = |rows: &mut Vec<(usize, Vec<u8>, relate::Facts)>| {
                let saved: Vec<(String, Vec<u8>)> = rows
                    .iter_mut()
                    .map(|(w, bytes, _)| (work[*w].0.reference.clone(), std::mem::take(bytes)))
                    .collect();
                store.save_results(&key, &saved)?;
                for (w, _, f) in rows.drain(..) {
                    facts[w] = Some(f);
                }
                Ok::<(), RunError>(())
            };
            for row in receive {
                rows.push(row);
                if rows.len() == BATCH {
                    save(&mut rows)?;
                }
            }
            save(&mut rows)
        })?;
    }
    b.finish_and_clear();
    let work: Vec<(DocKey, relate::Facts)> = work
        .into_iter()
        .zip(facts)
        .filter_map(|((k, _, _), f)| Some((k, f?)))
        .collect();
    let relating = started.elapsed();
    let documents = work.len();
    let ids = tables::Ids::new(work.iter().map(|(k, f)| (k, f)));
    let results = work.into_iter().map(|(k, _)| {
        let r = saved_result(store, &key, &k.reference)?.ok_or_else(|| {
            RunError::Corpus(CorpusError::IndexFile {
                path: store.path().to_owned(),
                detail: format!(
                    "the result of {} left the index while the run wrote its tables: run again",
                    k.reference
                ),
            })
        })?;
        Ok((k, r))
    });
    let (rows, notes) = write_tables(&options.out, ids, results)?;
    Ok(Written {
        documents,
        resumed,
        rows,
        relating,
        writing: started.elapsed() - relating,
        notes,
    })
}

/// Threads for relating that yield their core to the full-text index's filler: it fills on
/// one thread and is the run's longest task, so it should never wait for a core while the
/// documents' relating can share the other; once it is done they have every core. `None` when
/// the threads cannot be started (relating then takes the shared pool).
fn yielding_pool() -> Option<rayon::ThreadPool> {
    rayon::ThreadPoolBuilder::new()
        .thread_name(|i| format!("relate-{i}"))
        .start_handler(|_| lower_priority())
        .build()
        .ok()
}

#[cfg(target_os = "linux")]
#[allow(unsafe_code)] // setpriority has no safe wrapper in std
fn lower_priority() {
    // SAFETY: setpriority with this thread's id changes this thread's nice value alone (on
    // Linux a thread id names one thread); a failure leaves it as it was.
    unsafe {
        libc::setpriority(libc::PRIO_PROCESS, libc::gettid() as libc::id_t, 10);
    }
}

#[cfg(not(target_os = "linux"))]
fn lower_priority() {}

/// Writes the tables of the documents `docs` (in id order, as `ids` numbers them) and the
/// codebook, all of them or (on an error) none; returns the rows of each table and what the
/// writer noticed about replaced files.
fn write_tables(
    out: &Path,
    ids: tables::Ids,
    docs: impl Iterator<Item = Result<(DocKey, DocResult), RunError>>,
) -> Result<(TableRows, Vec<String>), RunError> {
    std::fs::create_dir_all(out).map_err(|e| write_error(out, e))?;
    let mut tables = tables::Tables::create(ids, out)?;
    for doc in docs {
        let (key, r) = doc?;
        tables.add(key, r)?;
    }
    let mut batch = crate::review::atomic::Batch::default();
    let rows = tables.finish(&mut batch)?;
    let notes = batch.commit().map_err(RunError::Tables)?;
    Ok((rows, notes))
}

fn write_manifest(
    inputs: &[PathBuf],
    corpus: &Catalog,
    options: &RunOptions,
    summary: &RunSummary,
) -> Result<Vec<String>, RunError> {
    let files: Vec<serde_json::Value> = corpus
        .files
        .par_iter()
        .map(|f| {
            let sha = std::fs::read(&f.path)
                .map(|bytes| hex(&Sha256::digest(&bytes)))
                .ok();
            serde_json::json!({
                "path": f.path.display().to_string(),
                "bytes": f.size,
                "sha256": sha,
                "documents": f.docs.len(),
                "error": f.error,
                "warnings": f.warnings,
            })
        })
        .collect();
    let manifest = serde_json::json!({
        "tool": "policy-lineage",
        "version": env!("CARGO_PKG_VERSION"),
        "command": std::env::args().collect::<Vec<_>>(),
        "inputs": inputs.iter().map(|p| p.display().to_string()).collect::<Vec<_>>(),
        "index": summary.index.display().to_string(),
        "parameters": {
            "method": "shingle ranking, top sources compared in full",
            "shingle_chars": super::index::K,
            "shingle_sample": super::index::SAMPLE,
            "min_share": options.ranking.min_share,
            "compare_top": options.ranking.compare_top,
            "candidates": options.ranking.limit,
            "near_copy": super::NEAR_COPY,
        },
        "finished": chrono::Utc::now().to_rfc3339_opts(chrono::SecondsFormat::Secs, true),
        "seconds": {
            "indexing": summary.indexing.as_secs_f64(),
            "relating": summary.relating.as_secs_f64(),
            "writing_tables": summary.writing.as_secs_f64(),
            "full_text_index": summary.full_text.as_secs_f64(),
        },
        "documents": summary.documents,
        "resumed_documents": summary.resumed,
        "files_read": summary.update.read,
        "files_unchanged": summary.update.unchanged,
        "tables": summary.rows.iter().map(|(n, r)| serde_json::json!({"name": n, "rows": r})).collect::<Vec<_>>(),
        "files": files,
    });
    let path = options.out.join("manifest.json");
    let text = serde_json::to_string_pretty(&manifest).map_err(|e| write_error(&path, e))?;
    crate::review::atomic::write(&path, text.as_bytes()).map_err(|e| write_error(&path, e))
}
