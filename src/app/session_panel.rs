//! Review sessions in the viewer: save and open `.ron` sessions, manual link /
//! unlink of a child section, notes and verdicts with a notes list, report export, and
//! presentation mode. Everything is driven by [`ReviewCommand`]s, applied after the frame like
//! every other command, so tests drive it the same way a user does.

use std::path::{Path, PathBuf};
use std::sync::Arc;

use super::i18n::Lang;
use super::model::Model;
use super::{App, Banner, BannerKind, Command};
use crate::compare::Comparison;
use crate::report::export;
use crate::report::html::Extras;
use crate::review::corrections;
use crate::review::session::{Correction, CorrectionKind, Note, SectionRef, Session, Verdict};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ExportKind {
    Html,
    Csv,
    Json,
}

impl ExportKind {
    fn extension(self) -> &'static str {
        match self {
            ExportKind::Html => "html",
            ExportKind::Csv => "csv",
            ExportKind::Json => "json",
        }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum ReviewCommand {
    SaveSession(PathBuf),
    OpenSession(PathBuf),
    Export(ExportKind, PathBuf),
    /// Native dialogs; their answer comes back as one of the commands above.
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
    /// Sets (or, with empty text and no verdict, removes) a child section's note.
    SetNote {
        section: usize,
        verdict: Option<Verdict>,
        text: String,
    },
    /// Opens the note editor on a child section, or closes it.
    EditNote(Option<usize>),
    ToggleNotes,
    TogglePresentation,
    /// Opens the autosaved unsaved work.
    Recover,
    /// Deletes the autosaved unsaved work (the start-up offer's Discard).
    DiscardRecovery,
}

/// The review of the current comparison.
#[derive(Debug, Default)]
pub struct Review {
    /// Where unsaved work is autosaved (`session::recovery_path`; tests use a temporary one).
    pub recovery: Option<PathBuf>,
    /// Corrections, notes and view, once the user made any or opened a session.
    pub session: Option<Session>,
    /// The aligner's comparison, before corrections.
    automatic: Option<Arc<Comparison>>,
    /// Where the session was last saved or opened from.
    pub path: Option<PathBuf>,
    /// Changes since the last save.
    pub dirty: bool,
    pub presenting: bool,
    /// Zoom before presentation mode, restored after it.
    zoom_before: Option<f32>,
    pub show_notes: bool,
    /// The child section whose note is being edited (the draft lives in egui's memory).
    pub editing: Option<usize>,
    /// Whether to offer the recovery file, if there is one, on the first frame (set for a
    /// real launch by `App::from_storage`; tests set it themselves).
    pub offer_at_start: bool,
    /// The start-up offer being shown: when the unsaved work was autosaved.
    pub offer: Option<String>,
}

fn tr(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

impl Review {
    pub fn new(recovery: Option<PathBuf>) -> Self {
        Self {
            recovery,
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
            zoom_before: self.zoom_before,
            ..Self::default()
        };
    }
}

impl App {
    fn error(&mut self, text: String) {
        self.banner = Some(Banner {
            kind: BannerKind::Error,
            text,
        });
    }

    /// The session, made on first use from the current documents.
    fn session_mut(&mut self) -> Option<&mut Session> {
        let current = self.current.as_ref()?;
        if self.review.session.is_none() {
            self.review.session = Some(Session::new(&current.parent, &current.child));
        }
        self.review.session.as_mut()
    }

    /// Applies the session's corrections to the aligner's comparison and rebuilds the view.
    fn recompute(&mut self) {
        let Some(current) = self.current.as_mut() else {
            return;
        };
        let automatic = self
            .review
            .automatic
            .get_or_insert_with(|| Arc::clone(&current.model.comparison))
            .clone();
        let list: &[Correction] = self
            .review
            .session
            .as_ref()
            .map_or(&[], |s| s.corrections.as_slice());
        let comparison = corrections::apply(&current.parent, &current.child, &automatic, list);
        current.model = Arc::new(Model::build(
            Arc::clone(&current.parent),
            Arc::clone(&current.child),
            Arc::new(comparison),
        ));
    }

    /// Unsaved work goes to the recovery file at once (atomically), so a crash loses nothing.
    fn changed(&mut self) {
        self.review.dirty = true;
        if let (Some(session), Some(path)) = (&self.review.session, &self.review.recovery) {
            let _ = path.parent().map(std::fs::create_dir_all);
            let _ = session.save(path);
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
        let correction = Correction {
            kind,
            child: SectionRef::of(&current.child, child),
            parent: SectionRef::of(&current.parent, parent),
        };
        if let Some(session) = self.session_mut() {
            session.corrections.push(correction);
        }
        self.recompute();
        self.changed();
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
            Ok(()) => {
                self.review.path = Some(path.to_owned());
                self.review.dirty = false;
                if let Some(recovery) = &self.review.recovery {
                    let _ = std::fs::remove_file(recovery);
                }
            }
            Err(e) => self.error(e.to_string()),
        }
    }

    fn open_session(&mut self, ctx: &egui::Context, path: &Path) {
        // Loaded and resolved in full before anything changes: a bad file leaves all as it was.
        let mut relocated = false;
        let resolved = Session::load(path).and_then(|mut session| {
            let parent =
                self.open_or_locate(&mut session.parent, "parent", path, &mut relocated)?;
            let child = self.open_or_locate(&mut session.child, "child", path, &mut relocated)?;
            Ok(session.resolve_with(parent, child))
        });
        let resolved = match resolved {
            Ok(r) => r,
            Err(e) => return self.error(e.to_string()),
        };
        let parent = Arc::new(resolved.parent);
        let child = Arc::new(resolved.child);
        let automatic = Arc::new(crate::compare::compare(&parent, &child));
        let model = Arc::new(Model::build(
            Arc::clone(&parent),
            Arc::clone(&child),
            Arc::new(resolved.comparison),
        ));
        self.current = Some(super::Current {
            parent_source: super::task::DocSource::Loaded(Arc::clone(&parent)),
            child_source: super::task::DocSource::Loaded(Arc::clone(&child)),
            parent,
            child,
            model,
            elapsed: std::time::Duration::ZERO,
        });
        self.geometry = super::panes::Geometry::default();
        self.view = super::ViewState {
            scroll_request: Some(super::ScrollTarget::Offset(resolved.session.view.scroll)),
            ..super::ViewState::default()
        };
        self.find.invalidate();
        self.title_pending = true;
        match resolved.session.view.language.as_deref() {
            Some("zh") => self.state.language = Some(Lang::Zh),
            Some("en") => self.state.language = Some(Lang::En),
            _ => {}
        }
        ctx.set_zoom_factor(resolved.session.view.zoom.clamp(0.5, 3.0));
        self.state.show_dropped = resolved.session.view.folded.is_empty();
        self.review = Review {
            recovery: self.review.recovery.take(),
            offer: self.review.offer.take(),
            session: Some(resolved.session),
            automatic: Some(automatic),
            path: Some(path.to_owned()),
            ..Review::default()
        };
        // Documents the user located: the session should be saved with their new paths.
        self.review.dirty = relocated;
        self.banner = (!resolved.warnings.is_empty()).then(|| Banner {
            kind: BannerKind::Info,
            text: resolved.warnings.join("; "),
        });
    }

    /// Opens a session document; one that moved is asked for with a file dialog.
    fn open_or_locate(
        &self,
        doc: &mut crate::review::session::SessionDoc,
        side: &'static str,
        session_path: &Path,
        relocated: &mut bool,
    ) -> Result<crate::Document, crate::review::session::SessionError> {
        let found = open_document(doc, side, session_path);
        if !matches!(
            found,
            Err(crate::review::session::SessionError::Missing { .. })
        ) {
            return found;
        }
        let title = match (self.lang(), side) {
            (Lang::Zh, "parent") => "找不到上级文件，请指出其位置",
            (Lang::Zh, _) => "找不到下级文件，请指出其位置",
            (Lang::En, "parent") => "Locate the parent document (it moved)",
            (Lang::En, _) => "Locate the child document (it moved)",
        };
        let name = doc
            .path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        match rfd::FileDialog::new()
            .set_title(title)
            .set_file_name(name)
            .pick_file()
        {
            Some(path) => {
                doc.path = path;
                *relocated = true;
                open_document(doc, side, session_path)
            }
            None => found,
        }
    }

    fn export(&mut self, kind: ExportKind, path: &Path) {
        let Some(current) = self.current.as_ref() else {
            return;
        };
        let (notes, list): (&[Note], &[Correction]) =
            self.review.session.as_ref().map_or((&[], &[]), |s| {
                (s.notes.as_slice(), s.corrections.as_slice())
            });
        let extras = Extras {
            notes,
            corrections: list,
            unattached: &[],
        };
        let (p, c, cmp) = (&current.parent, &current.child, &current.model.comparison);
        let result = match kind {
            ExportKind::Html => export::write_html(path, p, c, cmp, extras),
            ExportKind::Csv => export::write_csv(path, p, c, cmp, extras),
            ExportKind::Json => export::write_json(path, p, c, cmp),
        };
        if let Err(e) = result {
            self.error(format!("{e:#}"));
        }
    }

    /// A native save/open dialog; run on the UI thread (it is modal on every platform we
    /// support, and the window repaints once it closes).
    fn dialog(&mut self, save: Option<&str>) -> Option<PathBuf> {
        let dialog = rfd::FileDialog::new();
        match save {
            Some(ext) => dialog
                .add_filter(ext, &[ext])
                .set_file_name(format!("review.{ext}"))
                .save_file(),
            None => dialog.add_filter("Session", &["ron"]).pick_file(),
        }
    }

    pub fn apply_review(&mut self, ctx: &egui::Context, command: ReviewCommand) {
        match command {
            ReviewCommand::SaveSession(path) => self.save_session(&path, ctx.zoom_factor()),
            ReviewCommand::OpenSession(path) => self.open_session(ctx, &path),
            ReviewCommand::Export(kind, path) => self.export(kind, &path),
            ReviewCommand::SaveDialog => {
                let path = self
                    .review
                    .path
                    .clone()
                    .or_else(|| self.dialog(Some("ron")));
                if let Some(path) = path {
                    self.save_session(&path, ctx.zoom_factor());
                }
            }
            ReviewCommand::OpenDialog => {
                if let Some(path) = self.dialog(None) {
                    self.open_session(ctx, &path);
                }
            }
            ReviewCommand::ExportDialog(kind) => {
                if let Some(path) = self.dialog(Some(kind.extension())) {
                    self.export(kind, &path);
                }
            }
            ReviewCommand::Link { child, parent } => {
                self.correct(CorrectionKind::Link, child, parent);
            }
            ReviewCommand::Unlink { child, parent } => {
                self.correct(CorrectionKind::Unlink, child, parent);
            }
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
                let Some(session) = self.session_mut() else {
                    return;
                };
                session.notes.retain(|n| n.section.index != section);
                if verdict.is_some() || !text.trim().is_empty() {
                    session.notes.push(Note {
                        section: reference,
                        verdict,
                        text,
                    });
                    session.notes.sort_by_key(|n| n.section.index);
                }
                self.review.editing = None;
                ctx.data_mut(|d| d.remove_temp::<Draft>(draft_id()));
                self.changed();
            }
            ReviewCommand::EditNote(section) => {
                ctx.data_mut(|d| d.remove_temp::<Draft>(draft_id()));
                self.review.editing = section;
            }
            ReviewCommand::DiscardRecovery => {
                self.review.offer = None;
                if let Some(path) = &self.review.recovery {
                    let _ = std::fs::remove_file(path);
                }
            }
            ReviewCommand::Recover => {
                self.review.offer = None;
                if let Some(path) = self.review.recovery.clone() {
                    self.open_session(ctx, &path);
                    // Recovered work is unsaved work: Save asks where to put it.
                    self.review.path = None;
                    self.review.dirty = true;
                }
            }
            ReviewCommand::ToggleNotes => self.review.show_notes = !self.review.show_notes,
            ReviewCommand::TogglePresentation => {
                self.review.presenting = !self.review.presenting;
                if self.review.presenting {
                    self.review.zoom_before = Some(ctx.zoom_factor());
                    ctx.set_zoom_factor(ctx.zoom_factor() * 1.5);
                } else {
                    ctx.set_zoom_factor(self.review.zoom_before.take().unwrap_or(1.0));
                }
            }
        }
    }
}

impl App {
    /// On the first frame of a launch, a recovery file left by a crash is offered in a
    /// banner (not a modal: the example opens beneath it as usual).
    pub fn recovery_offer(&mut self, ui: &mut egui::Ui, lang: Lang, commands: &mut Vec<Command>) {
        if self.review.offer_at_start {
            self.review.offer_at_start = false;
            self.review.offer = self
                .review
                .recovery
                .as_ref()
                .and_then(|p| std::fs::metadata(p).ok())
                .filter(|m| m.is_file())
                .map(|m| m.modified().map(utc_minute).unwrap_or_default());
        }
        let Some(time) = &self.review.offer else {
            return;
        };
        let palette = super::palette::Palette::for_dark_mode(ui.visuals().dark_mode);
        egui::Panel::top("recovery-offer")
            .frame(
                egui::Frame::new()
                    .fill(palette.info_bg)
                    .inner_margin(egui::Margin::symmetric(10, 6)),
            )
            .show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.label(egui::RichText::new("◉").color(palette.text).strong());
                    ui.label(
                        egui::RichText::new(match lang {
                            Lang::Zh => format!("有 {time} 未保存的审阅 —"),
                            Lang::En => format!("Unsaved review from {time} —"),
                        })
                        .color(palette.text),
                    );
                    if ui.button(tr(lang, "恢复", "Recover")).clicked() {
                        commands.push(Command::Review(ReviewCommand::Recover));
                    }
                    if ui.button(tr(lang, "丢弃", "Discard")).clicked() {
                        commands.push(Command::Review(ReviewCommand::DiscardRecovery));
                    }
                });
            });
    }
}

/// `2026-11-22 11:40 UTC`.
fn utc_minute(time: std::time::SystemTime) -> String {
    let secs = time
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_secs()) as i64;
    let (days, rest) = (secs.div_euclid(86_400), secs.rem_euclid(86_400));
    // Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    format!(
        "{year:04}-{month:02}-{day:02} {:02}:{:02} UTC",
        rest / 3600,
        rest % 3600 / 60
    )
}

/// A session document from disk, or, for a session made on a bundled example, the copy
/// inside the program.
fn open_document(
    doc: &crate::review::session::SessionDoc,
    side: &'static str,
    session_path: &Path,
) -> Result<crate::Document, crate::review::session::SessionError> {
    let found = Session::open_document(doc, side, Some(session_path));
    if !matches!(
        found,
        Err(crate::review::session::SessionError::Missing { .. })
    ) {
        return found;
    }
    use super::examples::*;
    let bundled = [
        (GANSU_NAME, GANSU),
        (WUWEI_NAME, WUWEI),
        (SCRAPED_NAME, SCRAPED),
        (ZHONGSHAN_NAME, ZHONGSHAN),
    ]
    .into_iter()
    .find(|(name, _)| doc.path.as_os_str() == *name);
    match bundled {
        Some((name, text)) => Ok(crate::Document::from_source(
            Arc::new(crate::document::decode::SourceFile::from_text(name, text)),
            doc.index,
        )?),
        None => found,
    }
}

/// The note being typed: verdict and text.
type Draft = (Option<Verdict>, String);

fn draft_id() -> egui::Id {
    egui::Id::unique("policy-lineage-note-draft")
}

/// Presentation mode's keys: → / Space / Page Down to the next changed section, ← / Page Up
/// back, Escape to leave.
pub fn presentation_keys(ctx: &egui::Context, commands: &mut Vec<Command>) {
    use egui::{Key, Modifiers};
    for (key, command) in [
        (Key::ArrowRight, Command::NextChanged),
        (Key::Space, Command::NextChanged),
        (Key::ArrowLeft, Command::PrevChanged),
        (
            Key::Escape,
            Command::Review(ReviewCommand::TogglePresentation),
        ),
    ] {
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, key)) {
            commands.push(command);
        }
    }
}

/// The File menu's session and export entries.
pub fn file_menu(ui: &mut egui::Ui, app: &App, lang: Lang, commands: &mut Vec<Command>) {
    let has = app.current.is_some();
    let mut item = |ui: &mut egui::Ui, label: &str, enabled: bool, command: ReviewCommand| {
        if ui.add_enabled(enabled, egui::Button::new(label)).clicked() {
            commands.push(Command::Review(command));
            ui.close();
        }
    };
    item(
        ui,
        tr(lang, "打开审阅会话…", "Open session…"),
        true,
        ReviewCommand::OpenDialog,
    );
    let save = if app.review.dirty {
        tr(lang, "保存审阅会话 *", "Save session *")
    } else {
        tr(lang, "保存审阅会话", "Save session")
    };
    item(ui, save, has, ReviewCommand::SaveDialog);
    if app.review.recovery.as_ref().is_some_and(|p| p.exists()) {
        item(
            ui,
            tr(lang, "恢复未保存的审阅", "Recover unsaved review"),
            true,
            ReviewCommand::Recover,
        );
    }
    item(
        ui,
        tr(lang, "导出 HTML 报告…", "Export HTML report…"),
        has,
        ReviewCommand::ExportDialog(ExportKind::Html),
    );
    item(
        ui,
        tr(lang, "导出章节表 CSV…", "Export section table (CSV)…"),
        has,
        ReviewCommand::ExportDialog(ExportKind::Csv),
    );
    item(
        ui,
        tr(lang, "导出 JSON…", "Export JSON…"),
        has,
        ReviewCommand::ExportDialog(ExportKind::Json),
    );
    item(
        ui,
        tr(lang, "审阅意见列表", "Notes list"),
        has,
        ReviewCommand::ToggleNotes,
    );
    item(
        ui,
        tr(
            lang,
            "演示模式 (Esc 退出)",
            "Presentation mode (Esc leaves)",
        ),
        has,
        ReviewCommand::TogglePresentation,
    );
}

/// Whether a child section carries a note, and whether its matching was corrected by hand
/// (the outline's marks).
pub fn marks(app: &App, section: usize) -> (bool, bool) {
    app.review.session.as_ref().map_or((false, false), |s| {
        (
            s.note(section).is_some(),
            corrections::is_manual(&s.corrections, section),
        )
    })
}

/// The context menu of a child section (outline and child pane): note, unlink its sources,
/// link it to a parent section picked from a searchable list.
pub fn section_menu(
    ui: &mut egui::Ui,
    app: &App,
    lang: Lang,
    section: usize,
    commands: &mut Vec<Command>,
) {
    let Some(model) = app.model() else {
        return;
    };
    if ui
        .button(tr(lang, "审阅意见…", "Note and verdict…"))
        .clicked()
    {
        commands.push(Command::Review(ReviewCommand::EditNote(Some(section))));
        ui.close();
    }
    if let Some(m) = model.section_match(section) {
        for link in &m.parents {
            let label = format!(
                "{} {}",
                tr(lang, "取消对应：", "Unlink from"),
                model.parent.section_caption(link.section)
            );
            if ui.button(label).clicked() {
                commands.push(Command::Review(ReviewCommand::Unlink {
                    child: section,
                    parent: link.section,
                }));
                ui.close();
            }
        }
    }
    ui.menu_button(
        tr(lang, "对应到上级章节…", "Link to parent section…"),
        |ui| link_list(ui, model, lang, section, commands),
    );
}

/// The parent sections to link a child section to, filtered by what the user types.
fn link_list(
    ui: &mut egui::Ui,
    model: &Model,
    lang: Lang,
    section: usize,
    commands: &mut Vec<Command>,
) {
    let id = egui::Id::unique("policy-lineage-link-filter");
    let mut filter: String = ui.data_mut(|d| d.get_temp(id).unwrap_or_default());
    ui.add(
        egui::TextEdit::singleline(&mut filter)
            .hint_text(tr(lang, "搜索上级章节", "Search parent sections"))
            .desired_width(280.0),
    );
    let needle = filter.trim().to_lowercase();
    egui::ScrollArea::vertical()
        .max_height(360.0)
        .show(ui, |ui| {
            for p in 0..model.parent.sections().len() {
                let caption = model.parent.section_caption(p);
                if !needle.is_empty() && !caption.to_lowercase().contains(&needle) {
                    continue;
                }
                if ui.button(caption).clicked() {
                    commands.push(Command::Review(ReviewCommand::Link {
                        child: section,
                        parent: p,
                    }));
                    filter.clear();
                    ui.close();
                }
            }
        });
    ui.data_mut(|d| d.insert_temp(id, filter));
}

/// What the panes hand the review: the section under a point of the content, if any.
pub type SectionUnder<'a> = dyn Fn(egui::Pos2) -> Option<(super::model::Side, usize)> + 'a;

/// The side-by-side view's review hooks: right-click a child section for its note and
/// link / unlink menu; drag a child section onto a parent section in the other pane to link
/// them. `response` is the panes' content (it senses clicks and drags).
pub fn pane_interaction(
    ui: &mut egui::Ui,
    app: &App,
    lang: Lang,
    response: &egui::Response,
    section_under: &SectionUnder<'_>,
    commands: &mut Vec<Command>,
) {
    use super::model::Side;
    let Some(model) = app.model() else {
        return;
    };
    let menu_id = egui::Id::unique("policy-lineage-pane-section-menu");
    if response.secondary_clicked() {
        let target = response
            .interact_pointer_pos()
            .and_then(section_under)
            .and_then(|(side, s)| (side == Side::Child).then_some(s));
        ui.data_mut(|d| d.insert_temp(menu_id, target));
    }
    if let Some(section) = ui.data(|d| d.get_temp::<Option<usize>>(menu_id)).flatten() {
        response.context_menu(|ui| section_menu(ui, app, lang, section, commands));
    }

    // Drag a child section to a parent section.
    let drag_id = egui::Id::unique("policy-lineage-pane-section-drag");
    if response.drag_started() {
        let from = ui
            .input(|i| i.pointer.press_origin())
            .and_then(section_under)
            .and_then(|(side, s)| (side == Side::Child).then_some(s));
        ui.data_mut(|d| d.insert_temp(drag_id, from));
    }
    let Some(child) = ui.data(|d| d.get_temp::<Option<usize>>(drag_id)).flatten() else {
        // A drag that did not start on a child section scrolls, as it did before.
        if response.dragged() {
            ui.scroll_with_delta_animation(
                egui::vec2(0.0, response.drag_delta().y),
                egui::style::ScrollAnimation::none(),
            );
        }
        return;
    };
    let pointer = ui.input(|i| i.pointer.latest_pos());
    let target = pointer
        .and_then(section_under)
        .and_then(|(side, s)| (side == Side::Parent).then_some(s));
    if response.drag_stopped() {
        ui.data_mut(|d| d.remove_temp::<Option<usize>>(drag_id));
        if let Some(parent) = target {
            commands.push(Command::Review(ReviewCommand::Link { child, parent }));
        }
        return;
    }
    if !response.dragged() {
        ui.data_mut(|d| d.remove_temp::<Option<usize>>(drag_id));
        return;
    }
    if let (Some(origin), Some(pointer)) = (ui.input(|i| i.pointer.press_origin()), pointer) {
        let painter = ui.ctx().layer_painter(egui::LayerId::new(
            egui::Order::Tooltip,
            drag_id.with("arrow"),
        ));
        let color = ui.visuals().selection.stroke.color;
        painter.arrow(origin, pointer - origin, egui::Stroke::new(2.0, color));
        let text = match target {
            Some(p) => format!(
                "{} → {}",
                model.child.section_caption(child),
                model.parent.section_caption(p)
            ),
            None => format!(
                "{} → {}",
                model.child.section_caption(child),
                tr(lang, "拖到上级章节", "drop on a parent section")
            ),
        };
        painter.text(
            pointer + egui::vec2(14.0, 14.0),
            egui::Align2::LEFT_TOP,
            text,
            egui::FontId::proportional(13.0),
            ui.visuals().strong_text_color(),
        );
        ui.ctx().set_cursor_icon(egui::CursorIcon::Grabbing);
    }
}

/// The notes list and the note editor, as windows over the panes.
pub fn show_windows(ui: &mut egui::Ui, app: &App, lang: Lang, commands: &mut Vec<Command>) {
    let ctx = ui.ctx().clone();
    if let (Some(section), Some(model)) = (app.review.editing, app.model()) {
        let saved = app.review.session.as_ref().and_then(|s| s.note(section));
        let mut draft: Draft = ctx.data_mut(|d| {
            d.get_temp(draft_id()).unwrap_or_else(|| {
                (
                    saved.and_then(|n| n.verdict),
                    saved.map_or_else(String::new, |n| n.text.clone()),
                )
            })
        });
        egui::Window::new(tr(lang, "审阅意见", "Note"))
            .collapsible(false)
            .show(&ctx, |ui| {
                ui.strong(model.child.section_caption(section));
                ui.horizontal(|ui| {
                    for v in Verdict::ALL {
                        let label = match (lang, v) {
                            (Lang::Zh, Verdict::Copied) => "照搬",
                            (Lang::Zh, Verdict::Adapted) => "改编",
                            (Lang::Zh, Verdict::Original) => "原创",
                            (Lang::En, v) => v.name(),
                        };
                        ui.radio_value(&mut draft.0, Some(v), label);
                    }
                    ui.radio_value(&mut draft.0, None, "—");
                });
                ui.add(egui::TextEdit::multiline(&mut draft.1).desired_rows(4));
                ui.horizontal(|ui| {
                    if ui.button(tr(lang, "确定", "OK")).clicked() {
                        commands.push(Command::Review(ReviewCommand::SetNote {
                            section,
                            verdict: draft.0,
                            text: draft.1.clone(),
                        }));
                    }
                    if ui.button(tr(lang, "取消", "Cancel")).clicked() {
                        commands.push(Command::Review(ReviewCommand::EditNote(None)));
                    }
                });
            });
        ctx.data_mut(|d| d.insert_temp(draft_id(), draft));
    }
    if app.review.show_notes
        && let Some(model) = app.model()
    {
        egui::Window::new(tr(lang, "审阅意见列表", "Notes"))
            .default_width(320.0)
            .show(&ctx, |ui| {
                let notes = app.review.session.as_ref().map_or(&[][..], |s| &s.notes);
                if notes.is_empty() {
                    ui.weak(tr(
                        lang,
                        "暂无。右键点击大纲或下级文本中的章节添加。",
                        "None yet. Right-click a section in the outline or the child pane to add one.",
                    ));
                }
                for note in notes {
                    let verdict = note.verdict.map_or("", |v| v.name());
                    let label = format!(
                        "{}  {verdict}\n{}",
                        model.child.section_caption(note.section.index),
                        note.text
                    );
                    if ui.selectable_label(false, label).clicked() {
                        commands.push(Command::SelectSection(note.section.index));
                    }
                }
            });
    }
}
