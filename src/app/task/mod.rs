//! The one background runner. Everything slow (reading and comparing documents, opening a
//! review session, re-classifying after a correction, indexing and analysing a corpus,
//! writing a report) runs
//! as a named [`Kind`] of task on a thread of its own; the window shows a spinner with the
//! task's name and a cancel button, and never freezes. A task returns an [`Outcome`], which
//! the app applies after the frame like any other command. A newer task of a kind supersedes
//! an older one: the older one is told to stop and its result is dropped.

pub mod corpus;
pub mod export;
pub mod open;
pub mod review;
pub mod trace;

use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::time::{Duration, Instant};

pub use self::corpus::{Analysis, CorpusSource, ExactShares, Searched};
pub use self::export::{ExportJob, Exported};
pub use self::open::{DocSource, Loaded, Picker, PickerEntry, Reason, Request};
pub use self::review::{OpenedSession, Reclassified, SessionJob};
pub use self::trace::{Basis, Traced};
use super::i18n::Texts;
use super::model::Side;
use crate::corpus::{Corpus, CorpusError, Progress};

/// What a task is for; at most one task of each kind runs at a time.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Kind {
    /// Reading and comparing a pair of documents.
    Compare,
    /// Opening a review session (reading its documents and comparing them).
    OpenSession,
    /// Applying the review's corrections to the automatic comparison.
    Reclassify,
    /// Reading the files of a corpus.
    IndexCorpus,
    /// Putting the texts an indexing read into the corpus's full-text index.
    FillFullText,
    /// Ranking the sources of every corpus document and the similarity matrix.
    AnalyseCorpus,
    /// Comparing the corpus' derived-from links in full.
    ExactShares,
    /// Looking for a phrase in the corpus's index.
    SearchCorpus,
    /// Writing a report or 对照表.
    Export,
    /// Tracing a document through many sources.
    Trace,
}

impl Kind {
    /// The task's name, shown beside its spinner.
    pub fn name(self, t: &Texts) -> &'static str {
        match self {
            Kind::Compare => t.comparing,
            Kind::OpenSession => t.task_opening_session,
            Kind::Reclassify => t.task_reclassifying,
            Kind::IndexCorpus => t.task_indexing,
            Kind::FillFullText => t.corpus.task_full_text,
            Kind::AnalyseCorpus => t.task_analysing,
            Kind::ExactShares => t.task_exact,
            Kind::SearchCorpus => t.corpus.task_search,
            Kind::Export => t.task_exporting,
            Kind::Trace => t.trace.task,
        }
    }
}

/// A finished task's result.
#[derive(Debug)]
pub enum Outcome {
    Ready(Box<Loaded>),
    /// A file has several documents: show the picker.
    Pick(Box<Picker>),
    /// Loading failed; each message names a file and says why.
    Failed {
        reasons: Vec<Reason>,
    },
    SessionOpened(Box<OpenedSession>),
    /// A document of the session moved: the user is asked where it is, then the session is
    /// opened again.
    SessionNeedsDocument {
        job: Box<SessionJob>,
        side: Side,
        /// The file name the session knew the document by.
        name: String,
        /// Why it is missing, shown if the user does not locate it.
        missing: String,
    },
    SessionFailed(String),
    Reclassified(Box<Reclassified>),
    CorpusIndexed(Result<Box<Corpus>, CorpusError>),
    /// The full-text index is complete, or why it is not.
    FullTextFilled(Result<(), CorpusError>),
    CorpusAnalysed(Box<Analysis>),
    ExactShares(Box<ExactShares>),
    CorpusSearched(Box<Searched>),
    Exported(Box<Exported>),
    /// Writing a report failed; the message names the file and says why.
    ExportFailed(String),
    Traced(Box<Traced>),
    /// Tracing failed; the message says why.
    TraceFailed(String),
}

/// What a running task can see: whether it should stop, and where to report progress.
#[derive(Debug, Default)]
pub struct Control {
    pub progress: Progress,
}

impl Control {
    pub fn cancelled(&self) -> bool {
        self.progress.cancelled()
    }
}

/// A task in flight.
pub struct Running {
    pub kind: Kind,
    id: u64,
    pub since: Instant,
    pub control: Arc<Control>,
}

/// The runner: starts tasks, collects their results.
pub struct Runner {
    sender: Sender<(u64, Outcome)>,
    results: Receiver<(u64, Outcome)>,
    next_id: u64,
    running: Vec<Running>,
    on_done: Arc<dyn Fn() + Send + Sync>,
}

impl Runner {
    /// `on_done` is called after each result is sent (the app passes a closure that requests a
    /// repaint).
    pub fn new(on_done: Arc<dyn Fn() + Send + Sync>) -> Self {
        let (sender, results) = channel();
        Self {
            sender,
            results,
            next_id: 0,
            running: Vec::new(),
            on_done,
        }
    }

    /// Starts `job` as a task of `kind`, superseding one of that kind still running.
    pub fn start(
        &mut self,
        kind: Kind,
        job: impl FnOnce(&Control) -> Outcome + Send + 'static,
    ) -> Result<(), String> {
        self.cancel(kind);
        self.next_id += 1;
        let id = self.next_id;
        let control = Arc::new(Control::default());
        let (sender, on_done, shared) = (
            self.sender.clone(),
            Arc::clone(&self.on_done),
            Arc::clone(&control),
        );
        std::thread::Builder::new()
            .name(format!("policy-lineage-{kind:?}").to_lowercase())
            .spawn(move || {
                // The engine is ours to call but not ours to trust with user input: a panic
                // in it must become a message, not a task that never ends.
                let outcome =
                    std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job(&shared)))
                        .unwrap_or_else(|_| Outcome::Failed {
                            reasons: vec![Reason::TaskFailed],
                        });
                if sender.send((id, outcome)).is_ok() {
                    on_done();
                }
            })
            .map_err(|e| format!("cannot start a background task: {e}"))?;
        self.running.push(Running {
            kind,
            id,
            since: Instant::now(),
            control,
        });
        Ok(())
    }

    /// Tells a running task of `kind` to stop; its result, if one still comes, is dropped.
    pub fn cancel(&mut self, kind: Kind) {
        self.running.retain(|r| {
            if r.kind == kind {
                r.control.progress.cancel.store(true, Ordering::Relaxed);
            }
            r.kind != kind
        });
    }

    pub fn running(&self) -> &[Running] {
        &self.running
    }

    pub fn is_running(&self, kind: Kind) -> bool {
        self.running.iter().any(|r| r.kind == kind)
    }

    pub fn is_busy(&self) -> bool {
        !self.running.is_empty()
    }

    /// Results that have arrived, of tasks not superseded or cancelled.
    pub fn poll(&mut self) -> Vec<Outcome> {
        let mut out = Vec::new();
        loop {
            match self.results.try_recv() {
                Ok(result) => out.extend(self.accept(result)),
                Err(TryRecvError::Empty | TryRecvError::Disconnected) => return out,
            }
        }
    }

    /// Blocks until a result arrives or `timeout` passes (tests and the frame-time example).
    pub fn wait(&mut self, timeout: Duration) -> Vec<Outcome> {
        let deadline = Instant::now() + timeout;
        while self.is_busy() {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                break;
            }
            if let Ok(result) = self.results.recv_timeout(left)
                && let Some(outcome) = self.accept(result)
            {
                let mut out = vec![outcome];
                out.extend(self.poll());
                return out;
            }
        }
        Vec::new()
    }

    fn accept(&mut self, (id, outcome): (u64, Outcome)) -> Option<Outcome> {
        let at = self.running.iter().position(|r| r.id == id)?;
        self.running.remove(at);
        Some(outcome)
    }
}
