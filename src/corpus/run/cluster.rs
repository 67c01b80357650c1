//! The corpus run cut into steps a cluster (the Spark job in `spark/`) runs on its executors,
//! each a filter of JSON lines: the files are listed, indexed file by file, planned (copies
//! found, the work listed) from the whole corpus's index entries, related document by
//! document from shingle counts joined across the cluster, and written as the same tables.
//! Every step calls the functions the single-machine run calls, so both give the same rows.

use std::collections::{HashMap, HashSet};
use std::io::{BufRead, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::relate::{DocResult, Opened, relate_copy, relate_ranked};
use super::tables::{self, DocKey};
use super::{RunError, RunOptions, RunSummary, work_list, write_manifest, write_tables};
use crate::corpus::holders::stock_mask;
use crate::corpus::sources::{Options, Sharing, rank_shared};
use crate::corpus::store::Update;
use crate::corpus::{Corpus, CorpusError, FileEntry, IndexedDoc};

#[derive(Debug, thiserror::Error)]
pub enum StepError {
    #[error("line {line} of the input: {detail}")]
    Line { line: usize, detail: String },
    #[error("reading the input: {0}")]
    Read(std::io::Error),
    #[error("writing the output: {0}")]
    Write(std::io::Error),
    #[error(transparent)]
    Corpus(#[from] CorpusError),
    #[error(transparent)]
    Run(#[from] RunError),
    #[error("no result for {0}")]
    Missing(String),
}

/// One file to index.
#[derive(Debug, Serialize, Deserialize)]
pub struct FileTask {
    pub path: PathBuf,
}

/// A document of the corpus as the plan lists it: its position in the corpus, its index entry
/// without shingles (what a candidate's ranking needs) and its sampled shingles (what the
/// cluster joins on).
#[derive(Debug, Serialize, Deserialize)]
pub struct PlannedDoc {
    pub doc: usize,
    pub profile: IndexedDoc,
    pub shingles: Vec<u64>,
}

/// One document of the run, in output order: a corpus document to relate, or a copy of one.
#[derive(Debug, Serialize, Deserialize)]
pub struct PlannedWork {
    pub work: usize,
    pub reference: String,
    /// Its index entry, without shingles.
    pub profile: IndexedDoc,
    /// The corpus position of the document (to relate) or of the copy kept (for a copy).
    pub doc: usize,
    pub copy: bool,
}

#[derive(Debug, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PlanLine {
    Doc(PlannedDoc),
    Work(PlannedWork),
    Thresholds(Thresholds),
}

/// The corpus-wide rules the cluster's shingle join applies, as the local run does.
#[derive(Debug, Serialize, Deserialize)]
pub struct Thresholds {
    /// How many other documents must hold a shingle for it to be stock wording.
    pub stock_others: usize,
    /// The share of one of two documents the other must hold for the link to be derivation.
    pub derived_min: f64,
    /// Shingles held by more documents than this are left out of the pairs' counts.
    pub ubiquitous: usize,
}

/// A corpus document sharing shingles with the one related, with the count.
#[derive(Debug, Serialize, Deserialize)]
pub struct Peer {
    pub doc: usize,
    pub shared: u32,
    /// Of the shared shingles, those outside stock wording.
    #[serde(default)]
    pub distinctive: u32,
    /// A third document shares more with each of the two than they share with each other
    /// ([`crate::corpus::sources::explained`]); needed only for links of at least
    /// [`Thresholds::derived_min`].
    #[serde(default)]
    pub explained: bool,
    /// Its sampled shingles.
    pub shingles: usize,
    pub profile: IndexedDoc,
}

/// What an executor needs to relate one document: the work item and either its peers (with
/// the shared counts) and its own shingle count, or (for a copy) the kept copy's profile.
#[derive(Debug, Serialize, Deserialize)]
pub struct RelateTask {
    pub work: usize,
    pub doc: usize,
    pub profile: IndexedDoc,
    #[serde(default)]
    pub shingles: usize,
    #[serde(default)]
    pub peers: Vec<Peer>,
    #[serde(default)]
    pub copy_of: Option<IndexedDoc>,
    /// The document's sampled shingles that are stock wording in the corpus (held by at
    /// least [`Thresholds::stock_others`] other documents).
    #[serde(default)]
    pub stock: Vec<u64>,
}

/// One document's result.
#[derive(Debug, Serialize, Deserialize)]
pub struct RelateOutput {
    pub work: usize,
    pub result: DocResult,
}

fn lines<T: for<'de> Deserialize<'de>>(
    input: impl BufRead,
) -> impl Iterator<Item = Result<T, StepError>> {
    input
        .lines()
        .enumerate()
        .filter(|(_, l)| l.as_ref().map_or(true, |l| !l.trim().is_empty()))
        .map(|(n, l)| {
            let l = l.map_err(StepError::Read)?;
            serde_json::from_str(&l).map_err(|e| StepError::Line {
                line: n + 1,
                detail: e.to_string(),
            })
        })
}

fn emit(out: &mut dyn Write, value: &impl Serialize) -> Result<(), StepError> {
    serde_json::to_writer(&mut *out, value).map_err(|e| StepError::Write(e.into()))?;
    out.write_all(b"\n").map_err(StepError::Write)
}

/// The files of the corpus made of `inputs`, as the single-machine run walks them.
pub fn list_files(inputs: &[PathBuf], out: &mut dyn Write) -> Result<(), StepError> {
    let roots = crate::corpus::store::canonical_roots(inputs)?;
    for path in crate::corpus::walk::collect_files(&roots)?.files {
        emit(out, &FileTask { path })?;
    }
    Ok(())
}

/// Indexes each file named on `input`: one [`FileEntry`] line per file.
pub fn index_files(input: impl BufRead, out: &mut dyn Write) -> Result<(), StepError> {
    for task in lines::<FileTask>(input) {
        emit(out, &crate::corpus::index_file(&task?.path, None))?;
    }
    Ok(())
}

/// The corpus from its files' index entries, in the order the index keeps them.
fn corpus_of(input: impl BufRead) -> Result<Corpus, StepError> {
    let mut files = lines::<FileEntry>(input).collect::<Result<Vec<_>, _>>()?;
    files.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(Corpus::from_files(files))
}

fn profile(doc: &IndexedDoc) -> IndexedDoc {
    IndexedDoc {
        shingles: Vec::new(),
        ..doc.clone()
    }
}

/// The plan from the files' index entries (`index_files` lines): every corpus document with
/// its shingles, then the work list.
pub fn plan(input: impl BufRead, out: &mut dyn Write) -> Result<(), StepError> {
    let corpus = corpus_of(input)?;
    let thresholds = Thresholds {
        stock_others: crate::corpus::stock::threshold(corpus.docs.len()),
        derived_min: crate::corpus::sources::DERIVED_MIN,
        ubiquitous: crate::corpus::stock::UBIQUITOUS,
    };
    emit(out, &PlanLine::Thresholds(thresholds))?;
    for (doc, d) in corpus.docs.iter().enumerate() {
        let line = PlanLine::Doc(PlannedDoc {
            doc,
            profile: profile(d),
            shingles: d.shingles.clone(),
        });
        emit(out, &line)?;
    }
    for (work, (key, indexed, what)) in work_list(&corpus).into_iter().enumerate() {
        let (doc, copy) = match what {
            Ok(i) => (i, false),
            Err(kept) => (kept, true),
        };
        let line = PlanLine::Work(PlannedWork {
            work,
            reference: key.reference,
            profile: profile(&indexed),
            doc,
            copy,
        });
        emit(out, &line)?;
    }
    Ok(())
}

/// Relates one document from its task.
pub fn relate_task(task: &RelateTask, opened: &Opened, options: &Options) -> DocResult {
    if let Some(kept) = &task.copy_of {
        return relate_copy(&task.profile, kept);
    }
    let sharing = task.peers.iter().map(|p| Sharing {
        doc: p.doc,
        indexed: &p.profile,
        shingles: p.shingles,
        shared: p.shared,
        distinctive: p.distinctive,
        explained: p.explained,
    });
    let ranked = rank_shared(
        &task.profile,
        task.shingles,
        Some(task.doc),
        sharing,
        |_| Vec::new(),
        options,
    );
    let by_doc: HashMap<usize, &IndexedDoc> =
        task.peers.iter().map(|p| (p.doc, &p.profile)).collect();
    let stock: HashSet<u64> = task.stock.iter().copied().collect();
    relate_ranked(
        &task.profile,
        task.doc,
        &ranked,
        |c| by_doc.get(&c).copied(),
        |doc| stock_mask(&doc.normalized.chars, |h| stock.contains(&h)),
        opened,
        options,
    )
}

/// Relates each document of `input` ([`RelateTask`] lines): one [`RelateOutput`] line each.
pub fn relate_tasks(
    input: impl BufRead,
    options: &Options,
    out: &mut dyn Write,
) -> Result<(), StepError> {
    let opened = Opened::default();
    for task in lines::<RelateTask>(input) {
        let task = task?;
        let result = relate_task(&task, &opened, options);
        emit(
            out,
            &RelateOutput {
                work: task.work,
                result,
            },
        )?;
    }
    Ok(())
}

/// Writes the tables, codebook and manifest of a run from the files' index entries (`files`,
/// as `index_files` wrote them) and every document's result (`results`).
pub fn write_run(
    inputs: &[PathBuf],
    files: impl BufRead,
    results: impl BufRead,
    options: &RunOptions,
    seconds: (f64, f64),
) -> Result<RunSummary, StepError> {
    let started = std::time::Instant::now();
    let corpus = corpus_of(files)?;
    let mut by_work: HashMap<usize, DocResult> = HashMap::new();
    for r in lines::<RelateOutput>(results) {
        let r = r?;
        by_work.insert(r.work, r.result);
    }
    let docs: Vec<(DocKey, DocResult)> = work_list(&corpus)
        .into_iter()
        .enumerate()
        .map(|(w, (key, _, _))| match by_work.remove(&w) {
            Some(r) => Ok((key, r)),
            None => Err(StepError::Missing(key.reference)),
        })
        .collect::<Result<_, _>>()?;
    let documents = docs.len();
    let ids = tables::Ids::new(docs.iter().map(|(k, r)| (k, &r.facts)));
    let (rows, mut notes) = write_tables(&options.out, ids, docs.into_iter().map(Ok))?;
    let mut summary = RunSummary {
        index: Path::new("").to_owned(),
        update: Update {
            read: corpus.files.len(),
            ..Update::default()
        },
        documents,
        resumed: 0,
        rows,
        indexing: Duration::from_secs_f64(seconds.0),
        relating: Duration::from_secs_f64(seconds.1),
        writing: Duration::ZERO,
        full_text: Duration::ZERO,
        notes: Vec::new(),
        warnings: corpus
            .warnings()
            .map(|(p, w)| (p.to_owned(), w.to_owned()))
            .collect(),
    };
    summary.writing = started.elapsed();
    notes.extend(write_manifest(inputs, &corpus, options, &summary)?);
    summary.notes = notes;
    summary.writing = started.elapsed();
    Ok(summary)
}
