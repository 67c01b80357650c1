//! Loading and comparing off the UI thread. The UI sends a [`Request`]; a worker thread reads
//! the files, splits, parses and compares, builds the view model, and sends back an
//! [`Outcome`]. The UI polls the channel once per frame and shows a spinner meanwhile, so the
//! window never freezes. A newer request supersedes an older one: its result is dropped.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;
use std::sync::mpsc::{Receiver, Sender, TryRecvError, channel};
use std::time::{Duration, Instant};

use crate::compare::{Comparison, compare};
use crate::document::decode::SourceFile;
use crate::document::error::LoadError;
use crate::document::source::read_source;
use crate::document::split::split_entries;
use crate::document::{Document, DocumentRef};

use super::model::{Model, Side};

/// Where a document comes from.
#[derive(Debug, Clone)]
pub enum DocSource {
    /// Already loaded (kept when only the other side changes).
    Loaded(Arc<Document>),
    /// A file on disk, whole or `#N`.
    File(DocumentRef),
    /// Text bundled into the binary (the examples), with the name it is shown under.
    Bundled {
        name: &'static str,
        text: &'static str,
        index: Option<usize>,
    },
    /// A source already read (after the user picked an entry of a multi-document file).
    Source {
        source: Arc<SourceFile>,
        index: Option<usize>,
    },
}

impl DocSource {
    /// The reference to remember in the recent-files list (files on disk only).
    pub fn file_reference(&self) -> Option<DocumentRef> {
        match self {
            DocSource::File(r) => Some(r.clone()),
            DocSource::Source { source, index } if source.path.is_absolute() => Some(DocumentRef {
                path: source.path.clone(),
                index: *index,
            }),
            _ => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct Request {
    pub parent: DocSource,
    pub child: DocSource,
}

/// An entry of a multi-document file, for the picker.
#[derive(Debug, Clone)]
pub struct PickerEntry {
    pub title: String,
    pub date: Option<String>,
    pub has_text: bool,
    pub chars: usize,
}

/// The user must choose which document of a file to open.
#[derive(Debug, Clone)]
pub struct Picker {
    pub side: Side,
    pub source: Arc<SourceFile>,
    pub entries: Vec<PickerEntry>,
    /// The request to complete once the user chose (the other side stays as it was).
    pub other: DocSource,
}

#[derive(Debug)]
pub struct Loaded {
    pub parent: Arc<Document>,
    pub child: Arc<Document>,
    pub parent_source: DocSource,
    pub child_source: DocSource,
    pub comparison: Arc<Comparison>,
    pub model: Arc<Model>,
    pub elapsed: Duration,
}

#[derive(Debug)]
pub enum Outcome {
    Ready(Box<Loaded>),
    /// A file has several documents: show the picker.
    Pick(Box<Picker>),
    /// Loading failed; the message names the file and says why.
    Failed {
        side: Option<Side>,
        message: String,
    },
}

/// The worker and its channel.
pub struct Task {
    sender: Sender<(u64, Request)>,
    results: Receiver<(u64, Outcome)>,
    /// Id of the newest request; results of older ones are ignored.
    latest: u64,
    /// When the newest request was sent, while it is pending.
    pub pending_since: Option<Instant>,
}

impl Task {
    /// Starts the worker thread. `on_done` is called after each result is sent (the app passes
    /// a closure that requests a repaint).
    pub fn spawn(on_done: Arc<dyn Fn() + Send + Sync>) -> Self {
        let (sender, requests) = channel::<(u64, Request)>();
        let (result_sender, results) = channel();
        let spawned = std::thread::Builder::new()
            .name("policy-lineage-compare".into())
            .spawn(move || {
                while let Ok(mut job) = requests.recv() {
                    // Only the newest queued request matters.
                    while let Ok(newer) = requests.try_recv() {
                        job = newer;
                    }
                    let (id, request) = job;
                    let outcome = run(request);
                    if result_sender.send((id, outcome)).is_err() {
                        break;
                    }
                    on_done();
                }
            });
        // Without a thread the closure (and the receiving end of `sender`) is gone, so every
        // request fails at `send` and the window says so instead of waiting forever.
        drop(spawned);
        Self {
            sender,
            results,
            latest: 0,
            pending_since: None,
        }
    }

    pub fn is_busy(&self) -> bool {
        self.pending_since.is_some()
    }

    /// Queues a request; a result still to come for an older one will be dropped.
    pub fn send(&mut self, request: Request) -> Result<(), String> {
        self.latest += 1;
        match self.sender.send((self.latest, request)) {
            Ok(()) => {
                self.pending_since = Some(Instant::now());
                Ok(())
            }
            Err(_) => Err("the comparison worker is not running".to_owned()),
        }
    }

    /// The newest result, if it has arrived.
    pub fn poll(&mut self) -> Option<Outcome> {
        loop {
            match self.results.try_recv() {
                Ok((id, outcome)) if id == self.latest => {
                    self.pending_since = None;
                    return Some(outcome);
                }
                Ok(_) => continue,
                Err(TryRecvError::Empty) => return None,
                Err(TryRecvError::Disconnected) => {
                    if self.pending_since.take().is_some() {
                        return Some(Outcome::Failed {
                            side: None,
                            message: "the comparison worker stopped".to_owned(),
                        });
                    }
                    return None;
                }
            }
        }
    }

    /// Blocks until the newest request's result arrives (tests and the frame-time example).
    pub fn wait(&mut self, timeout: Duration) -> Option<Outcome> {
        let deadline = Instant::now() + timeout;
        while self.pending_since.is_some() {
            let left = deadline.saturating_duration_since(Instant::now());
            if left.is_zero() {
                return None;
            }
            match self.results.recv_timeout(left) {
                Ok((id, outcome)) if id == self.latest => {
                    self.pending_since = None;
                    return Some(outcome);
                }
                Ok(_) => continue,
                Err(_) => return self.poll(),
            }
        }
        None
    }
}

fn run(request: Request) -> Outcome {
    let started = Instant::now();
    let Request { parent, child } = request;
    let parent_doc = match open(&parent) {
        Ok(doc) => doc,
        Err(Opened::Pick(source, entries)) => {
            return Outcome::Pick(Box::new(Picker {
                side: Side::Parent,
                source,
                entries,
                other: child,
            }));
        }
        Err(Opened::Failed(message)) => {
            return Outcome::Failed {
                side: Some(Side::Parent),
                message,
            };
        }
    };
    let child_doc = match open(&child) {
        Ok(doc) => doc,
        Err(Opened::Pick(source, entries)) => {
            return Outcome::Pick(Box::new(Picker {
                side: Side::Child,
                source,
                entries,
                other: DocSource::Loaded(parent_doc),
            }));
        }
        Err(Opened::Failed(message)) => {
            return Outcome::Failed {
                side: Some(Side::Child),
                message,
            };
        }
    };
    // The engine is ours to call but not ours to trust with user input: a panic in it must
    // become a message, not a dead worker.
    let compared = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        let comparison = Arc::new(compare(&parent_doc, &child_doc));
        let model = Arc::new(Model::build(
            Arc::clone(&parent_doc),
            Arc::clone(&child_doc),
            Arc::clone(&comparison),
        ));
        (comparison, model)
    }));
    let Ok((comparison, model)) = compared else {
        return Outcome::Failed {
            side: None,
            message: format!(
                "comparing {} with {} failed inside the engine",
                child_doc.label(),
                parent_doc.label()
            ),
        };
    };
    super::fonts::prepare_fallback_for(
        &parent_doc.chars()[clamp(&parent_doc.range, parent_doc.chars().len())],
    );
    super::fonts::prepare_fallback_for(
        &child_doc.chars()[clamp(&child_doc.range, child_doc.chars().len())],
    );
    Outcome::Ready(Box::new(Loaded {
        parent_source: DocSource::Loaded(Arc::clone(&parent_doc)).keep(parent),
        child_source: DocSource::Loaded(Arc::clone(&child_doc)).keep(child),
        parent: parent_doc,
        child: child_doc,
        comparison,
        model,
        elapsed: started.elapsed(),
    }))
}

fn clamp(range: &Range<usize>, len: usize) -> Range<usize> {
    range.start.min(len)..range.end.min(len)
}

impl DocSource {
    /// Keeps the original description of where a document came from (for swap and recent
    /// files), unless it was only an already loaded document.
    fn keep(self, original: DocSource) -> DocSource {
        match original {
            DocSource::Loaded(_) => self,
            other => other,
        }
    }
}

enum Opened {
    Pick(Arc<SourceFile>, Vec<PickerEntry>),
    Failed(String),
}

fn open(source: &DocSource) -> Result<Arc<Document>, Opened> {
    let (file, index) = match source {
        DocSource::Loaded(doc) => return Ok(Arc::clone(doc)),
        DocSource::File(reference) => {
            let file = read_source(&reference.path).map_err(|e| Opened::Failed(e.to_string()))?;
            (Arc::new(file), reference.index)
        }
        DocSource::Bundled { name, text, index } => (
            Arc::new(SourceFile::from_text(PathBuf::from(*name), *text)),
            *index,
        ),
        DocSource::Source { source, index } => (Arc::clone(source), *index),
    };
    let opened = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| {
        Document::from_source(Arc::clone(&file), index)
    }));
    match opened {
        Ok(Ok(doc)) => Ok(Arc::new(doc)),
        Ok(Err(LoadError::SeveralDocuments { .. })) => {
            let entries =
                std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| split_entries(&file)))
                    .unwrap_or_default()
                    .into_iter()
                    .map(|e| PickerEntry {
                        chars: e.range.len(),
                        title: e.title,
                        date: e.date,
                        has_text: e.has_text,
                    })
                    .collect();
            Err(Opened::Pick(file, entries))
        }
        Ok(Err(err)) => Err(Opened::Failed(err.to_string())),
        Err(_) => Err(Opened::Failed(format!(
            "{}: the document could not be parsed",
            file.path.display()
        ))),
    }
}
