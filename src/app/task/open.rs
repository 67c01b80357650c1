//! Opening a pair of documents: read the files, split, parse and compare, and build the view
//! model, all off the UI thread.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::Outcome;
use crate::app::model::{Model, Side};
use crate::compare::{Comparison, compare};
use crate::document::decode::SourceFile;
use crate::document::error::LoadError;
use crate::document::source::read_source;
use crate::document::split::split_entries;
use crate::document::{Document, DocumentRef};

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

/// Reads, parses and compares both documents of `request`.
pub(crate) fn run(request: Request) -> Outcome {
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
    crate::app::fonts::prepare_fallback_for(
        &parent_doc.chars()[clamp(&parent_doc.range, parent_doc.chars().len())],
    );
    crate::app::fonts::prepare_fallback_for(
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
