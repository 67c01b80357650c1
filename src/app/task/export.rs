//! Writing a report off the UI thread: the Word and Excel tables of a long comparison take
//! long enough to freeze the window, so every export runs as a task.

use std::path::PathBuf;
use std::sync::Arc;

use super::Outcome;
use crate::Document;
use crate::app::session_panel::ExportKind;
use crate::compare::Comparison;
use crate::report::export;
use crate::report::html::Extras;
use crate::review::corrections::Correction;
use crate::review::session::Note;

/// A report to write, with everything it is made of.
pub struct ExportJob {
    pub kind: ExportKind,
    pub path: PathBuf,
    pub parent: Arc<Document>,
    pub child: Arc<Document>,
    pub comparison: Arc<Comparison>,
    pub notes: Vec<Note>,
    pub corrections: Vec<Correction>,
}

/// A report written.
#[derive(Debug)]
pub struct Exported {
    pub path: PathBuf,
    /// What replacing the file changed about it (a hard link broken, an owner changed).
    pub notes: Vec<String>,
}

/// Writes the report, atomically: a failed export leaves no partial file. Cancelling drops
/// the result; a write under way still completes, so the file is whole or untouched.
pub fn run(job: ExportJob) -> Outcome {
    let extras = Extras {
        notes: &job.notes,
        corrections: &job.corrections,
        unattached: &[],
    };
    let (path, p, c, cmp) = (&job.path, &job.parent, &job.child, &job.comparison);
    let result = match job.kind {
        ExportKind::Html => export::write_html(path, p, c, cmp, extras),
        ExportKind::Csv => export::write_csv(path, p, c, cmp, extras),
        ExportKind::Json => export::write_json(path, p, c, cmp),
        ExportKind::Docx => export::write_docx(path, p, c, cmp, extras, false),
        ExportKind::Xlsx => export::write_xlsx(path, p, c, cmp, extras, false),
    };
    match result {
        Ok(notes) => Outcome::Exported(Box::new(Exported {
            path: job.path,
            notes,
        })),
        Err(e) => Outcome::ExportFailed(format!("{e:#}")),
    }
}
