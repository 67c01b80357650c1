//! File dialogs: one service shows every dialog of the viewer, on the main thread (macOS
//! requires it there; elsewhere it is modal anyway), when a [`Command::Ask`] is applied. The
//! answer comes back as the command that uses the chosen path. Tests put a service of their
//! own in place of the native one.

use std::path::PathBuf;
use std::time::{Duration, Instant};

use super::i18n::Texts;
use super::model::Side;
use super::session_panel::ExportKind;
use super::task::SessionJob;

/// What to ask the user for.
#[derive(Debug, Clone)]
pub enum Dialog {
    /// A document to open as the parent or the child.
    OpenDocument(Side),
    OpenSession,
    /// Where to save the session: starting in `folder` with the file name `name`.
    SaveSession {
        folder: Option<PathBuf>,
        name: String,
    },
    Export {
        kind: ExportKind,
        folder: Option<PathBuf>,
        name: String,
    },
    /// A folder to index as a corpus.
    CorpusFolder,
    /// The files to trace the child against (several at once).
    TraceSources,
    /// A document of a session that moved; the session is opened again once it is found.
    Locate {
        job: Box<SessionJob>,
        side: Side,
        name: String,
        /// Why it is missing, shown if the user does not locate it.
        missing: String,
    },
}

impl Dialog {
    /// The dialog's title: what it opens or saves, in the menu's words.
    pub fn title(&self, t: &Texts) -> &'static str {
        let title = match self {
            Dialog::OpenDocument(Side::Parent) => t.open_parent,
            Dialog::OpenDocument(Side::Child) => t.open_child,
            Dialog::OpenSession => t.dialog_open_session,
            Dialog::SaveSession { .. } => t.dialog_save_session,
            Dialog::Export { kind, .. } => match kind {
                ExportKind::Html => t.export_html,
                ExportKind::Csv => t.export_csv,
                ExportKind::Json => t.export_json,
                ExportKind::Docx => t.export_docx,
                ExportKind::Xlsx => t.export_xlsx,
            },
            Dialog::CorpusFolder => t.dialog_corpus_folder,
            Dialog::TraceSources => t.trace.dialog,
            Dialog::Locate {
                side: Side::Parent, ..
            } => t.locate_parent,
            Dialog::Locate {
                side: Side::Child, ..
            } => t.locate_child,
        };
        title.trim_end_matches('…')
    }
}

/// What the user answered.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Answer {
    Chosen(PathBuf),
    /// The files chosen where several may be (tracing's sources).
    ChosenMany(Vec<PathBuf>),
    Cancelled,
    /// No dialog could be shown (no portal, no zenity, no GTK).
    Unavailable,
}

pub trait FileDialogs {
    fn ask(&mut self, dialog: &Dialog, t: &Texts) -> Answer;
}

/// A dialog that "closes" faster than this without a file never showed.
const NEVER_SHOWN: Duration = Duration::from_millis(200);

/// The platform's dialogs (rfd).
pub struct NativeDialogs;

impl FileDialogs for NativeDialogs {
    fn ask(&mut self, dialog: &Dialog, t: &Texts) -> Answer {
        let started = Instant::now();
        let title = dialog.title(t);
        let chosen = match dialog {
            Dialog::OpenDocument(_) => documents(t).set_title(title).pick_file(),
            Dialog::OpenSession => rfd::FileDialog::new()
                .set_title(title)
                .add_filter(t.session_filter, &["ron"])
                .pick_file(),
            Dialog::SaveSession { folder, name } => start_in(rfd::FileDialog::new(), folder)
                .set_title(title)
                .add_filter(t.session_filter, &["ron"])
                .set_file_name(name)
                .save_file(),
            Dialog::Export { kind, folder, name } => start_in(rfd::FileDialog::new(), folder)
                .set_title(title)
                .add_filter(kind.extension(), &[kind.extension()])
                .set_file_name(name)
                .save_file(),
            Dialog::CorpusFolder => rfd::FileDialog::new().set_title(title).pick_folder(),
            Dialog::TraceSources => {
                let chosen = documents(t).set_title(title).pick_files();
                return match chosen {
                    Some(paths) if !paths.is_empty() => Answer::ChosenMany(paths),
                    _ if started.elapsed() < NEVER_SHOWN => Answer::Unavailable,
                    _ => Answer::Cancelled,
                };
            }
            Dialog::Locate { name, .. } => documents(t)
                .set_title(title)
                .set_file_name(name)
                .pick_file(),
        };
        match chosen {
            Some(path) => Answer::Chosen(path),
            None if started.elapsed() < NEVER_SHOWN => Answer::Unavailable,
            None => Answer::Cancelled,
        }
    }
}

fn documents(t: &Texts) -> rfd::FileDialog {
    rfd::FileDialog::new()
        .add_filter(t.text_filter, &["txt", "text", "md"])
        .add_filter(t.document_filter, &["html", "htm", "docx", "pdf"])
        .add_filter(t.all_files, &["*"])
}

fn start_in(dialog: rfd::FileDialog, folder: &Option<PathBuf>) -> rfd::FileDialog {
    match folder {
        Some(folder) => dialog.set_directory(folder),
        None => dialog,
    }
}
