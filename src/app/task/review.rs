//! Review work off the UI thread: opening a session (reading both documents, applying the
//! corrections, comparing afresh) and re-classifying after a link or unlink.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::Outcome;
use crate::Document;
use crate::app::examples::{GANSU, GANSU_NAME, SCRAPED, SCRAPED_NAME, WUWEI, WUWEI_NAME};
use crate::app::examples::{ZHONGSHAN, ZHONGSHAN_NAME};
use crate::app::model::{Model, Side};
use crate::compare::{Comparison, compare};
use crate::document::decode::SourceFile;
use crate::review::corrections;
use crate::review::corrections::Correction;
use crate::review::session::{Session, SessionDoc, SessionError};

/// A session to open, with the documents the user located because they moved.
#[derive(Debug, Clone)]
pub struct SessionJob {
    pub path: PathBuf,
    /// Per side, where the user found a document that was missing.
    pub located: [Option<PathBuf>; 2],
    /// The session is the autosaved unsaved work: once open, it still counts as unsaved.
    pub recovered: bool,
}

impl SessionJob {
    pub fn new(path: PathBuf, recovered: bool) -> Self {
        Self {
            path,
            located: [None, None],
            recovered,
        }
    }
}

/// An opened session, ready to show.
#[derive(Debug)]
pub struct OpenedSession {
    pub job: SessionJob,
    pub session: Session,
    pub parent: Arc<Document>,
    pub child: Arc<Document>,
    /// The aligner's comparison, before corrections.
    pub automatic: Arc<Comparison>,
    /// The comparison with the corrections applied, as shown.
    pub model: Arc<Model>,
    pub warnings: Vec<String>,
}

/// The view after the corrections were applied afresh to the automatic comparison.
#[derive(Debug)]
pub struct Reclassified {
    pub parent: Arc<Document>,
    pub child: Arc<Document>,
    pub model: Arc<Model>,
}

/// Loads and resolves a session in full; nothing on screen changes until it is applied, so a
/// bad file leaves all as it was.
pub fn open_session(job: SessionJob) -> Outcome {
    let mut session = match Session::load(&job.path) {
        Ok(s) => s,
        Err(e) => return Outcome::SessionFailed(e.to_string()),
    };
    let mut opened = Vec::with_capacity(2);
    for (side, doc) in [
        (Side::Parent, &mut session.parent),
        (Side::Child, &mut session.child),
    ] {
        let located = job.located[side.index()].clone();
        if let Some(path) = &located {
            doc.path = path.clone();
        }
        match open_document(doc, side, &job.path) {
            Ok(d) => opened.push(d),
            Err(missing @ SessionError::Missing { .. }) if located.is_none() => {
                let name = doc
                    .path
                    .file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or_default();
                return Outcome::SessionNeedsDocument {
                    job: Box::new(job),
                    side,
                    name,
                    missing: missing.to_string(),
                };
            }
            Err(e) => return Outcome::SessionFailed(e.to_string()),
        }
    }
    let (Some(child), Some(parent)) = (opened.pop(), opened.pop()) else {
        return Outcome::SessionFailed(format!("{}: no documents", job.path.display()));
    };
    let resolved = session.resolve_with(parent, child);
    let parent = Arc::new(resolved.parent);
    let child = Arc::new(resolved.child);
    let automatic = Arc::new(compare(&parent, &child));
    let model = Arc::new(Model::build(
        Arc::clone(&parent),
        Arc::clone(&child),
        Arc::new(resolved.comparison),
    ));
    Outcome::SessionOpened(Box::new(OpenedSession {
        job,
        session: resolved.session,
        parent,
        child,
        automatic,
        model,
        warnings: resolved.warnings,
    }))
}

/// Applies `list` to the automatic comparison and rebuilds the view.
pub fn reclassify(
    parent: Arc<Document>,
    child: Arc<Document>,
    automatic: Arc<Comparison>,
    list: Vec<Correction>,
) -> Outcome {
    let comparison = corrections::apply(&parent, &child, &automatic, &list);
    let model = Arc::new(Model::build(
        Arc::clone(&parent),
        Arc::clone(&child),
        Arc::new(comparison),
    ));
    Outcome::Reclassified(Box::new(Reclassified {
        parent,
        child,
        model,
    }))
}

/// A session document from disk, or, for a session made on a bundled example, the copy
/// inside the program.
fn open_document(
    doc: &SessionDoc,
    side: Side,
    session_path: &Path,
) -> Result<Document, SessionError> {
    let name = match side {
        Side::Parent => "parent",
        Side::Child => "child",
    };
    let found = Session::open_document(doc, name, Some(session_path));
    if !matches!(found, Err(SessionError::Missing { .. })) {
        return found;
    }
    let bundled = [
        (GANSU_NAME, GANSU),
        (WUWEI_NAME, WUWEI),
        (SCRAPED_NAME, SCRAPED),
        (ZHONGSHAN_NAME, ZHONGSHAN),
    ]
    .into_iter()
    .find(|(name, _)| doc.path.as_os_str() == *name);
    match bundled {
        Some((name, text)) => Ok(Document::from_source(
            Arc::new(SourceFile::from_text(name, text)),
            doc.index,
        )?),
        None => found,
    }
}
