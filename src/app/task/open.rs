//! Opening a pair of documents: read the files, split, parse and compare, and build the view
//! model, all off the UI thread.

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

use super::Outcome;
use crate::app::i18n::Lang;
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

/// Why a document could not be opened, kept as it is so that the window words it in the
/// language shown.
#[derive(Debug, Clone)]
pub enum Reason {
    Load(Arc<LoadError>),
    /// The reader failed on the file.
    Unparsable(PathBuf),
    /// The engine failed comparing the child with the parent (their names).
    EngineFailed {
        child: String,
        parent: String,
    },
    /// The background task ended without an answer.
    TaskFailed,
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
    /// The side that could not be opened and why; a placeholder stands in its place.
    pub failed: Option<(Side, Reason)>,
}

/// Reads, parses and compares both documents of `request`. Both are read, so every failure is
/// reported; a document that opened is compared with a placeholder standing for the other,
/// which says why in `lang`.
pub(crate) fn run(request: Request, lang: Lang) -> Outcome {
    let started = Instant::now();
    let Request { parent, child } = request;
    let mut reasons = Vec::new();
    let parent_doc = match open(&parent) {
        Ok(doc) => Some(doc),
        Err(Opened::Pick(source, entries)) => {
            return Outcome::Pick(Box::new(Picker {
                side: Side::Parent,
                source,
                entries,
                other: child,
            }));
        }
        Err(Opened::Failed(reason)) => {
            reasons.push(reason);
            None
        }
    };
    let child_doc = match open(&child) {
        Ok(doc) => Some(doc),
        Err(Opened::Pick(source, entries)) => {
            return Outcome::Pick(Box::new(Picker {
                side: Side::Child,
                source,
                entries,
                other: parent_doc.map_or(parent, DocSource::Loaded),
            }));
        }
        Err(Opened::Failed(reason)) => {
            reasons.push(reason);
            None
        }
    };
    let last = reasons.pop();
    let pair = match (parent_doc, child_doc, &last) {
        (Some(p), Some(c), _) => Some((p, c, None)),
        (Some(p), None, Some(r)) => {
            placeholder(&child, &lang.reason(r)).map(|c| (p, c, Some((Side::Child, r.clone()))))
        }
        (None, Some(c), Some(r)) => {
            placeholder(&parent, &lang.reason(r)).map(|p| (p, c, Some((Side::Parent, r.clone()))))
        }
        _ => None,
    };
    let Some((parent_doc, child_doc, failed)) = pair else {
        reasons.extend(last);
        return Outcome::Failed { reasons };
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
            reasons: vec![Reason::EngineFailed {
                child: child_doc.label(),
                parent: parent_doc.label(),
            }],
        };
    };
    crate::app::fonts::prepare_fallback_for(
        &parent_doc.chars()[clamp(&parent_doc.range, parent_doc.chars().len())],
    );
    crate::app::fonts::prepare_fallback_for(
        &child_doc.chars()[clamp(&child_doc.range, child_doc.chars().len())],
    );
    let keep = |doc: &Arc<Document>, original: DocSource, side: Side| {
        let loaded = DocSource::Loaded(Arc::clone(doc));
        if failed.as_ref().is_some_and(|(s, _)| *s == side) {
            loaded
        } else {
            loaded.keep(original)
        }
    };
    Outcome::Ready(Box::new(Loaded {
        parent_source: keep(&parent_doc, parent, Side::Parent),
        child_source: keep(&child_doc, child, Side::Child),
        parent: parent_doc,
        child: child_doc,
        comparison,
        model,
        elapsed: started.elapsed(),
        failed,
    }))
}

/// What a pane shows for a document that could not be opened: its name over the reason.
fn placeholder(source: &DocSource, message: &str) -> Option<Arc<Document>> {
    let name = match source {
        DocSource::File(reference) => reference.display(),
        DocSource::Bundled { name, .. } => (*name).to_owned(),
        DocSource::Source { source, .. } => source.path.display().to_string(),
        DocSource::Loaded(doc) => doc.label(),
    };
    Document::from_text(&name, &format!("{name}\n\n{message}"))
        .ok()
        .map(Arc::new)
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
    Failed(Reason),
}

fn open(source: &DocSource) -> Result<Arc<Document>, Opened> {
    let (file, index) = match source {
        DocSource::Loaded(doc) => return Ok(Arc::clone(doc)),
        DocSource::File(reference) => {
            let file = read_source(&reference.path)
                .map_err(|e| Opened::Failed(Reason::Load(Arc::new(e))))?;
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
        Ok(Err(err)) => Err(Opened::Failed(Reason::Load(Arc::new(err)))),
        Err(_) => Err(Opened::Failed(Reason::Unparsable(file.path.clone()))),
    }
}
