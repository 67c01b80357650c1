//! Review sessions in the viewer: save and open `.ron` sessions, manual link / unlink of a
//! child section, notes and verdicts with a notes list, report export, and presentation mode.
//! Everything is driven by [`ReviewCommand`]s, applied after the frame like every other
//! command, so tests drive it the same way a user does. Opening a session, re-classifying
//! after a correction and writing a report run on the background runner; the menus are in [`menus`], the windows
//! and the recovery banner in [`windows`].

mod menus;
mod undo;
mod windows;

use std::path::{Path, PathBuf};
use std::sync::Arc;

pub use self::menus::{edit_menu, file_menu, marks, section_menu};
pub use self::undo::Action;
pub use self::windows::{
    presentation_keys, presentation_steps, quit_guard, recovery_offer, show_windows,
};
use super::dialogs::Dialog;
use super::i18n::Lang;
use super::task::{self, DocSource, ExportJob, Exported, Kind, OpenedSession, Outcome, SessionJob};
use super::{App, Banner, BannerKind, Command, Current, Message, ScrollTarget};
use crate::compare::Comparison;
use crate::review::corrections::{self, Correction, CorrectionKind, SectionRef};
use crate::review::session::{Note, Session, Verdict};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    Html,
    Csv,
    Json,
    /// The 对照表.
    Docx,
    Xlsx,
}

impl ExportKind {
    pub fn extension(self) -> &'static str {
        match self {
            ExportKind::Html => "html",
            ExportKind::Csv => "csv",
            ExportKind::Json => "json",
            ExportKind::Docx => "docx",
            ExportKind::Xlsx => "xlsx",
        }
    }
}

#[derive(Debug, Clone)]
pub enum ReviewCommand {
    SaveSession(PathBuf),
    OpenSession(PathBuf),
    /// Opens a session again once the user located a document that moved.
    Reopen(Box<SessionJob>),
    Export(ExportKind, PathBuf),
    /// Asks where to save (unless the session has a file already), what to open, where to
    /// export; the answer comes back as one of the commands above.
    SaveDialog,
    OpenDialog,
    ExportDialog(ExportKind),
    Link {
        child: usize,
        parent: usize,
    },
    Unlink {
        child: usize,
        parent: usize,
    },
    /// Drops a child section's corrections: the aligner's match again.
    RestoreAutomatic(usize),
    /// Takes back the last correction or note change, or does it again.
    Undo,
    Redo,
    /// Sets (or, with empty text and no verdict, removes) a child section's note.
    SetNote {
        section: usize,
        verdict: Option<Verdict>,
        text: String,
    },
    /// Opens the note editor on a child section, or closes it.
    EditNote(Option<usize>),
    /// The note being typed changed.
    Draft(Draft),
    ToggleNotes,
    TogglePresentation,
    /// The window is closing with unsaved work: ask what to do with it.
    AskQuit,
    /// The answer: quit after saving (`Some(true)`), quit discarding (`Some(false)`), or stay.
    Quit(Option<bool>),
    /// Opens the autosaved unsaved work.
    Recover,
    /// Deletes the autosaved unsaved work (the start-up offer's Discard).
    DiscardRecovery,
}

/// The note being typed: verdict and text.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Draft {
    pub verdict: Option<Verdict>,
    pub text: String,
}

/// The review of the current comparison.
#[derive(Debug, Default)]
pub struct Review {
    /// Where unsaved work is autosaved (`recovery::recovery_path`; tests use a temporary one).
    pub recovery: Option<PathBuf>,
    /// Corrections, notes and view, once the user made any or opened a session.
    pub session: Option<Session>,
    /// The aligner's comparison, before corrections.
    automatic: Option<Arc<Comparison>>,
    /// Where the session was last saved or opened from.
    pub path: Option<PathBuf>,
    /// Changes since the last save.
    pub dirty: bool,
    /// The corrections and notes as last saved or opened; `None` when they are unsaved
    /// whatever they hold (recovered work, a session whose documents moved).
    clean: Option<undo::Work>,
    /// What can be undone and redone.
    pub history: undo::History,
    pub presenting: bool,
    /// The unsaved-work question is shown.
    pub asking_quit: bool,
    /// The user chose to quit: the window may close.
    leaving: bool,
    pub show_notes: bool,
    /// The child section whose note is being edited, and the note as typed so far.
    pub editing: Option<usize>,
    pub draft: Draft,
    /// Whether to offer the recovery file, if there is one, on the first frame (set for a
    /// real launch by `App::from_storage`; tests set it themselves).
    pub offer_at_start: bool,
    /// The start-up offer being shown: when the unsaved work was autosaved.
    pub offer: Option<std::time::SystemTime>,
}

impl Review {
    pub fn new(recovery: Option<PathBuf>) -> Self {
        Self {
            recovery,
            clean: Some(undo::Work::default()),
            ..Self::default()
        }
    }

    /// Forgets the review when a different pair is opened.
    pub fn reset(&mut self) {
        *self = Self {
            recovery: self.recovery.take(),
            offer: self.offer.take(),
            offer_at_start: self.offer_at_start,
            presenting: self.presenting,
            clean: Some(undo::Work::default()),
            ..Self::default()
        };
    }
}

impl App {
    /// What replacing a file changed about it (a hard link broken, an owner changed), said
    /// in the window; nothing when there is nothing to say.
    fn written(&mut self, notes: &[String]) {
        if !notes.is_empty() {
            self.banner = Some(Banner {
                kind: BannerKind::Info,
                message: Message::Text(notes.join("\n")),
            });
        }
    }

    /// The session, made on first use from the current documents.
    fn session_mut(&mut self) -> Option<&mut Session> {
        let current = self.current.as_ref()?;
        if self.review.session.is_none() {
            self.review.session = Some(Session::new(&current.parent, &current.child));
        }
        self.review.session.as_mut()
    }

    /// Applies the session's corrections to the aligner's comparison afresh, in the
    /// background; the view changes when it is done.
    fn reclassify(&mut self) {
        let Some(current) = self.current.as_ref() else {
            return;
        };
        let automatic = Arc::clone(
            self.review
                .automatic
                .get_or_insert_with(|| Arc::clone(&current.model.comparison)),
        );
        let list: Vec<Correction> = self
            .review
            .session
            .as_ref()
            .map_or_else(Vec::new, |s| s.corrections.clone());
        let (parent, child) = (Arc::clone(&current.parent), Arc::clone(&current.child));
        self.start(Kind::Reclassify, move |_| {
            super::task::review::reclassify(parent, child, automatic, list)
        });
    }

    /// Unsaved work goes to the recovery file at once (atomically), so a crash loses nothing;
    /// when that fails, the window says so. Work back as it was saved (undone) is not unsaved
    /// work: its recovery file goes.
    fn changed(&mut self) {
        self.review.dirty = self.review.clean.as_ref() != Some(&self.review.work());
        if !self.review.dirty {
            self.forget_recovery();
            return;
        }
        let (Some(session), Some(path)) = (&self.review.session, &self.review.recovery) else {
            return;
        };
        let saved = path
            .parent()
            .map_or(Ok(()), std::fs::create_dir_all)
            .map_err(|e| format!("{}: {e}", path.display()))
            .and_then(|()| session.save(path).map_err(|e| e.to_string()));
        match saved {
            Ok(notes) => self.written(&notes),
            Err(reason) => self.report_error(Message::AutosaveFailed(reason)),
        }
    }

    fn correct(&mut self, kind: CorrectionKind, child: usize, parent: usize) {
        let Some(current) = self.current.as_ref() else {
            return;
        };
        if child >= current.child.outline.sections.len()
            || parent >= current.parent.outline.sections.len()
        {
            return;
        }
        // Linking what is linked, or unlinking what is not, changes nothing: nothing recorded.
        let linked = current
            .model
            .section_match(child)
            .is_some_and(|m| m.parents.iter().any(|p| p.section == parent));
        if linked == (kind == CorrectionKind::Link) {
            return;
        }
        let correction = Correction {
            kind,
            child: SectionRef::of(&current.child, child),
            parent: SectionRef::of(&current.parent, parent),
        };
        let before = self.review.work();
        if let Some(session) = self.session_mut() {
            session.corrections.push(correction);
        }
        self.reclassify();
        let action = match kind {
            CorrectionKind::Link => Action::Link,
            CorrectionKind::Unlink => Action::Unlink,
        };
        self.record(action, before);
    }

    fn save_session(&mut self, path: &Path, zoom: f32) {
        let scroll = self.view.scroll_offset;
        let language = self.state.language.map(|l| match l {
            Lang::Zh => "zh".to_owned(),
            Lang::En => "en".to_owned(),
        });
        let folded = match (&self.current, self.state.show_dropped) {
            (Some(c), false) => c.model.comparison.dropped.clone(),
            _ => Vec::new(),
        };
        let Some(session) = self.session_mut() else {
            return;
        };
        session.view.folded = folded;
        session.view.zoom = zoom;
        session.view.scroll = scroll;
        session.view.language = language;
        match session.save(path) {
            Ok(notes) => {
                self.banner = Some(Banner {
                    kind: BannerKind::Done,
                    message: Message::Saved {
                        path: path.to_owned(),
                        notes,
                    },
                });
                self.review.path = Some(path.to_owned());
                self.review.dirty = false;
                self.review.clean = Some(self.review.work());
                self.forget_recovery();
            }
            Err(e) => self.report_error(Message::Text(e.to_string())),
        }
    }

    /// Deletes the recovery file, once there is no unsaved work to recover.
    fn forget_recovery(&mut self) {
        if let Some(recovery) = &self.review.recovery
            && recovery.exists()
            && let Err(e) = std::fs::remove_file(recovery)
        {
            self.report_error(Message::Text(format!("{}: {e}", recovery.display())));
        }
    }

    fn open_session(&mut self, job: SessionJob) {
        self.start(Kind::OpenSession, move |_| {
            super::task::review::open_session(job)
        });
    }

    /// The results of the review's background tasks.
    pub(super) fn review_outcome(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::SessionOpened(opened) => self.session_opened(*opened),
            Outcome::SessionNeedsDocument {
                job,
                side,
                name,
                missing,
            } => self.commands.push(Command::Ask(Dialog::Locate {
                job,
                side,
                name,
                missing,
            })),
            Outcome::SessionFailed(message) | Outcome::ExportFailed(message) => {
                self.report_error(Message::Text(message));
            }
            Outcome::Exported(exported) => self.exported(*exported),
            Outcome::Reclassified(done) => {
                if let Some(current) = self.current.as_mut()
                    && Arc::ptr_eq(&current.parent, &done.parent)
                    && Arc::ptr_eq(&current.child, &done.child)
                {
                    current.model = done.model;
                }
            }
            _ => {}
        }
    }

    fn session_opened(&mut self, opened: OpenedSession) {
        let OpenedSession {
            job,
            session,
            parent,
            child,
            automatic,
            model,
            warnings,
        } = opened;
        self.install(Current {
            parent_source: DocSource::Loaded(Arc::clone(&parent)),
            child_source: DocSource::Loaded(Arc::clone(&child)),
            parent,
            child,
            model,
            elapsed: std::time::Duration::ZERO,
        });
        self.view.scroll_request = Some(ScrollTarget::Offset(session.view.scroll));
        match session.view.language.as_deref() {
            Some("zh") => self.state.language = Some(Lang::Zh),
            Some("en") => self.state.language = Some(Lang::En),
            _ => {}
        }
        self.state.text_zoom = session.view.zoom.clamp(0.5, 3.0);
        self.state.show_dropped = session.view.folded.is_empty();
        let relocated = job.located.iter().any(Option::is_some);
        let clean = (!relocated && !job.recovered).then(|| undo::Work {
            corrections: session.corrections.clone(),
            notes: session.notes.clone(),
        });
        self.review = Review {
            recovery: self.review.recovery.take(),
            offer: self.review.offer.take(),
            session: Some(session),
            automatic: Some(automatic),
            // Recovered work is unsaved work: Save asks where to put it.
            path: (!job.recovered).then_some(job.path),
            // Documents the user located: the session should be saved with their new paths.
            dirty: relocated || job.recovered,
            clean,
            ..Review::default()
        };
        self.banner = (!warnings.is_empty()).then(|| Banner {
            kind: BannerKind::Info,
            message: Message::Text(warnings.join("; ")),
        });
    }

    /// Writes a report of the current comparison in the background.
    fn export(&mut self, kind: ExportKind, path: PathBuf) {
        let Some(current) = self.current.as_ref() else {
            return;
        };
        let (notes, corrections) = self
            .review
            .session
            .as_ref()
            .map_or_else(Default::default, |s| {
                (s.notes.clone(), s.corrections.clone())
            });
        let job = ExportJob {
            kind,
            path,
            parent: Arc::clone(&current.parent),
            child: Arc::clone(&current.child),
            comparison: Arc::clone(&current.model.comparison),
            notes,
            corrections,
        };
        self.start(Kind::Export, move |_| task::export::run(job));
    }

    /// Says where the report went, with what replacing the file changed about it.
    fn exported(&mut self, exported: Exported) {
        self.banner = Some(Banner {
            kind: BannerKind::Done,
            message: Message::Exported {
                path: exported.path,
                notes: exported.notes,
            },
        });
    }

    /// Where saving and exporting start: the child document's folder, and a name made of the
    /// two documents' places (`武威-甘肃-对照.html`).
    fn save_target(&self, extension: &str) -> (Option<PathBuf>, String) {
        let Some(current) = &self.current else {
            return (None, format!("review.{extension}"));
        };
        let folder = [&current.child_source, &current.parent_source]
            .into_iter()
            .filter_map(DocSource::file_reference)
            .find_map(|r| r.path.parent().map(Path::to_path_buf));
        let name = format!(
            "{}-{}-{}.{extension}",
            place(&current.child.title),
            place(&current.parent.title),
            self.lang().texts().comparison_file
        );
        (folder, name)
    }

    pub fn apply_review(&mut self, ctx: &egui::Context, command: ReviewCommand) {
        match command {
            ReviewCommand::SaveSession(path) => self.save_session(&path, self.state.text_zoom),
            ReviewCommand::OpenSession(path) => self.open_session(SessionJob::new(path, false)),
            ReviewCommand::Reopen(job) => self.open_session(*job),
            ReviewCommand::Export(kind, path) => self.export(kind, path),
            ReviewCommand::SaveDialog => match self.review.path.clone() {
                Some(path) => self.save_session(&path, self.state.text_zoom),
                None => {
                    let (folder, name) = self.save_target("ron");
                    self.apply(ctx, Command::Ask(Dialog::SaveSession { folder, name }));
                }
            },
            ReviewCommand::OpenDialog => self.apply(ctx, Command::Ask(Dialog::OpenSession)),
            ReviewCommand::ExportDialog(kind) => {
                let (folder, name) = self.save_target(kind.extension());
                self.apply(ctx, Command::Ask(Dialog::Export { kind, folder, name }));
            }
            ReviewCommand::Link { child, parent } => {
                self.correct(CorrectionKind::Link, child, parent);
            }
            ReviewCommand::Unlink { child, parent } => {
                self.correct(CorrectionKind::Unlink, child, parent);
            }
            ReviewCommand::RestoreAutomatic(child) => {
                let before = self.review.work();
                let restored = self
                    .review
                    .session
                    .as_mut()
                    .is_some_and(|s| corrections::restore_automatic(&mut s.corrections, child));
                if restored {
                    self.reclassify();
                    self.record(Action::RestoreAutomatic, before);
                }
            }
            ReviewCommand::Undo => self.undo(),
            ReviewCommand::Redo => self.redo(),
            ReviewCommand::SetNote {
                section,
                verdict,
                text,
            } => {
                let Some(reference) = self
                    .current
                    .as_ref()
                    .filter(|c| section < c.child.outline.sections.len())
                    .map(|c| SectionRef::of(&c.child, section))
                else {
                    return;
                };
                let before = self.review.work();
                let Some(session) = self.session_mut() else {
                    return;
                };
                let had = session.note(section).is_some();
                session.notes.retain(|n| n.section.index != section);
                let keep = verdict.is_some() || !text.trim().is_empty();
                if keep {
                    session.notes.push(Note {
                        section: reference,
                        verdict,
                        text,
                    });
                    session.notes.sort_by_key(|n| n.section.index);
                }
                self.review.editing = None;
                let action = match (had, keep) {
                    (false, _) => Action::AddNote,
                    (true, true) => Action::EditNote,
                    (true, false) => Action::DeleteNote,
                };
                self.record(action, before);
            }
            ReviewCommand::EditNote(section) => {
                let saved = section.and_then(|s| {
                    self.review
                        .session
                        .as_ref()
                        .and_then(|session| session.note(s))
                });
                self.review.draft = Draft {
                    verdict: saved.and_then(|n| n.verdict),
                    text: saved.map_or_else(String::new, |n| n.text.clone()),
                };
                self.review.editing = section;
            }
            ReviewCommand::Draft(draft) => self.review.draft = draft,
            ReviewCommand::DiscardRecovery => {
                self.review.offer = None;
                if let Some(path) = &self.review.recovery
                    && let Err(e) = std::fs::remove_file(path)
                {
                    self.report_error(Message::Text(format!("{}: {e}", path.display())));
                }
            }
            ReviewCommand::Recover => {
                self.review.offer = None;
                if let Some(path) = self.review.recovery.clone() {
                    self.open_session(SessionJob::new(path, true));
                }
            }
            ReviewCommand::AskQuit => self.review.asking_quit = true,
            ReviewCommand::Quit(answer) => {
                self.review.asking_quit = false;
                match answer {
                    Some(true) => self.apply_review(ctx, ReviewCommand::SaveDialog),
                    Some(false) => {
                        if self.review.recovery.as_ref().is_some_and(|p| p.exists()) {
                            self.apply_review(ctx, ReviewCommand::DiscardRecovery);
                        }
                    }
                    None => return,
                }
                // Saving may have been cancelled in its dialog, or failed.
                if !self.review.dirty || answer == Some(false) {
                    self.review.leaving = true;
                    ctx.send_viewport_cmd(egui::ViewportCommand::Close);
                }
            }
            ReviewCommand::ToggleNotes => self.review.show_notes = !self.review.show_notes,
            ReviewCommand::TogglePresentation => {
                self.review.presenting = !self.review.presenting;
                ctx.send_viewport_cmd(egui::ViewportCommand::Fullscreen(self.review.presenting));
                // The text grows or shrinks back: stay on the section in view.
                self.keep_view();
            }
        }
    }

    /// On the first frame of a launch, a recovery file left by a crash is offered in a banner
    /// (not a modal: the example opens beneath it as usual).
    pub(super) fn check_recovery(&mut self) {
        if self.review.offer_at_start {
            self.review.offer_at_start = false;
            self.review.offer = self
                .review
                .recovery
                .as_ref()
                .and_then(|p| std::fs::metadata(p).ok())
                .filter(|m| m.is_file())
                .map(|m| m.modified().unwrap_or(std::time::SystemTime::UNIX_EPOCH));
        }
    }
}

/// The place a document is from, for file names: the title up to its first 省, 市, 县, 区,
/// 州 or 盟 (`武威市新一代…` → `武威`), else its first characters.
fn place(title: &str) -> String {
    let chars: Vec<char> = title.trim().chars().collect();
    let end = chars
        .iter()
        .take(8)
        .position(|c| "省市县区州盟".contains(*c))
        .filter(|&i| i > 0)
        .unwrap_or(chars.len().min(6));
    let name: String = chars[..end]
        .iter()
        .filter(|c| !"\\/:*?\"<>|".contains(**c))
        .collect();
    if name.is_empty() {
        "document".to_owned()
    } else {
        name
    }
}

#[cfg(test)]
mod tests {
    use super::place;

    #[test]
    fn file_names_use_the_documents_places() {
        assert_eq!(place("武威市新一代人工智能发展实施方案"), "武威");
        assert_eq!(place("甘肃省新一代人工智能发展实施方案"), "甘肃");
        assert_eq!(place("关于印发某某方案的通知"), "关于印发某某");
        assert_eq!(place(""), "document");
    }
}
