//! The desktop viewer: the parent (left) and the child (right) side by side, matched sections
//! level with each other, every child character coloured by where it came from.
//!
//! Each panel is a module that draws itself and emits [`Command`]s during the frame; the
//! commands are applied after the frame (as in egui's demo app, [`command`]), so no panel
//! changes state another panel is still reading. Slow work runs on the background runner
//! ([`task`]) and comes back as a command too; file dialogs are one service ([`dialogs`]).

mod command;
pub mod corpus_view;
pub mod dialogs;
pub mod examples;
pub mod files;
pub mod find;
pub mod fonts;
pub mod i18n;
pub mod model;
mod navigation;
mod outcomes;
pub mod outline_panel;
pub mod palette;
pub mod panes;
pub mod session_panel;
mod status;
pub mod summary;
pub mod task;
pub mod toolbar;
pub mod trace_view;

use std::ops::Range;
use std::sync::Arc;
use std::time::Duration;

use crate::document::{Document, DocumentRef};

pub use self::command::Command;
use self::examples::Example;
use self::i18n::Lang;
use self::model::{Model, Side};
use self::palette::Palette;
use self::panes::selection::Selection;
pub use self::status::Message;
use self::task::{DocSource, Kind, Picker, Request, Runner};

/// The id eframe stores settings under.
const APP_ID: &str = "policy-lineage";

/// How many files the recent list keeps.
const RECENT_MAX: usize = 10;

/// Settings kept between runs. Small on purpose; every field has a default, so an old or
/// damaged settings file loads as far as it can.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
#[serde(default)]
pub struct State {
    /// `None`: follow the system locale.
    pub language: Option<Lang>,
    pub theme: ThemeChoice,
    pub recent: Vec<DocumentRef>,
    pub show_outline: bool,
    pub show_summary: bool,
    pub show_dropped: bool,
    /// How much larger than normal the documents' text is drawn (panels and toolbar keep
    /// their size).
    pub text_zoom: f32,
    /// The corpus last opened in the corpus window, reopened when the window opens.
    pub corpus: Option<task::CorpusSource>,
}

impl Default for State {
    fn default() -> Self {
        Self {
            language: None,
            // Documents read best dark on light, and projectors show light themes better.
            theme: ThemeChoice::Light,
            recent: Vec::new(),
            show_outline: true,
            show_summary: true,
            show_dropped: true,
            text_zoom: 1.0,
            corpus: None,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
pub enum ThemeChoice {
    System,
    Light,
    Dark,
}

impl ThemeChoice {
    fn preference(self) -> egui::ThemePreference {
        match self {
            ThemeChoice::System => egui::ThemePreference::System,
            ThemeChoice::Light => egui::ThemePreference::Light,
            ThemeChoice::Dark => egui::ThemePreference::Dark,
        }
    }
}

/// Where the panes should scroll on the next frame.
#[derive(Debug, Clone, PartialEq)]
pub enum ScrollTarget {
    /// A row at the top.
    Row(usize),
    /// A character of one side, placed `align` of the way down the viewport.
    Char { side: Side, src: usize, align: f32 },
    /// A content offset.
    Offset(f32),
}

/// Text to flash for a moment after a jump.
#[derive(Debug, Clone, PartialEq)]
pub struct Flash {
    pub side: Side,
    pub range: Range<usize>,
    /// `egui` time when the flash started.
    pub since: f64,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BannerKind {
    Error,
    Info,
    /// A confirmation (saved, exported): goes away by itself after a few seconds.
    Done,
}

/// A message across the top of the window (what failed and why), worded when drawn, so it
/// follows a change of language.
#[derive(Debug, Clone)]
pub struct Banner {
    pub kind: BannerKind,
    pub message: Message,
}

impl Banner {
    pub fn text(&self, lang: Lang) -> String {
        lang.message(&self.message)
    }
}

/// The current comparison.
pub struct Current {
    pub parent: Arc<Document>,
    pub child: Arc<Document>,
    pub parent_source: DocSource,
    pub child_source: DocSource,
    pub model: Arc<Model>,
    pub elapsed: Duration,
}

/// State of the view that is not persisted: selection, scrolling, flashes, navigation.
#[derive(Debug, Default)]
pub struct ViewState {
    pub selected_section: Option<usize>,
    pub selected_parent_section: Option<usize>,
    /// The panes' scroll offset at the end of the last frame.
    pub scroll_offset: f32,
    pub viewport_height: f32,
    pub scroll_request: Option<ScrollTarget>,
    pub flash: Option<Flash>,
    pub hovered_span: Option<usize>,
    /// Offsets to go back to.
    pub history: Vec<f32>,
    /// The added passage last jumped to, with the offset it was shown at.
    pub current_added: Option<(usize, f32)>,
    /// The changed section last jumped to, with the offset.
    pub current_changed: Option<(usize, f32)>,
    /// A substitution whose spans are highlighted, and which of them was shown last.
    pub substitution: Option<(usize, usize)>,
    /// The check last gone to from the summary's list.
    pub check: Option<usize>,
    /// Text selected in a pane.
    pub selection: Option<Selection>,
    /// What is typed in the link-to-parent list's search field.
    pub link_filter: String,
    /// The side panel to keep when the window has room for one only.
    pub prefer_panel: Option<SidePanel>,
}

/// The application.
pub struct App {
    pub state: State,
    runner: Runner,
    pub current: Option<Current>,
    pub view: ViewState,
    pub geometry: panes::Geometry,
    pub find: find::FindState,
    pub picker: Option<(Box<Picker>, Option<usize>)>,
    pub banner: Option<Banner>,
    pub summary: summary::SummaryState,
    /// Shows the file dialogs (tests put their own in).
    pub dialogs: Box<dyn dialogs::FileDialogs>,
    /// The corpus window.
    pub corpus: corpus_view::CorpusView,
    /// The first request, sent when the first frame runs (so the window shows at once).
    initial: Option<Request>,
    fonts_installed: bool,
    theme_applied: Option<ThemeChoice>,
    repaint: Arc<std::sync::Mutex<Option<egui::Context>>>,
    commands: Vec<Command>,
    /// The window title should name the new pair.
    title_pending: bool,
    /// The panes' screen rectangles in the last frame (for dropping files onto one).
    pub pane_rects: [egui::Rect; 2],
    /// Where windows may go: below the menu bar, toolbar, find bar and banners.
    pub window_area: egui::Rect,
    /// The review session of the current comparison.
    pub review: session_panel::Review,
    /// Where errors are written besides the banner: stderr when started from a terminal.
    pub error_echo: Option<Box<dyn std::io::Write>>,
    /// Trace mode, when a trace is shown.
    pub trace: trace_view::TraceView,
}

impl App {
    /// A new app with persisted settings (or defaults) that opens `initial` (parent, child),
    /// or the bundled example.
    pub fn new(state: State, initial: Option<(DocumentRef, DocumentRef)>) -> Self {
        let repaint: Arc<std::sync::Mutex<Option<egui::Context>>> = Arc::default();
        let on_done = {
            let repaint = Arc::clone(&repaint);
            Arc::new(move || {
                if let Ok(ctx) = repaint.lock()
                    && let Some(ctx) = ctx.as_ref()
                {
                    ctx.request_repaint();
                }
            })
        };
        let request = match initial {
            Some((parent, child)) => Request {
                parent: DocSource::File(parent),
                child: DocSource::File(child),
            },
            None => {
                let (parent, child) = Example::GansuWuwei.sources();
                Request { parent, child }
            }
        };
        Self {
            state,
            runner: Runner::new(on_done),
            current: None,
            view: ViewState::default(),
            geometry: panes::Geometry::default(),
            find: find::FindState::default(),
            picker: None,
            banner: None,
            summary: summary::SummaryState::default(),
            dialogs: Box::new(dialogs::NativeDialogs),
            corpus: corpus_view::CorpusView::default(),
            initial: Some(request),
            fonts_installed: false,
            theme_applied: None,
            repaint,
            commands: Vec::new(),
            title_pending: false,
            pane_rects: [egui::Rect::NOTHING; 2],
            window_area: egui::Rect::EVERYTHING,
            review: session_panel::Review::new(crate::review::recovery::recovery_path()),
            error_echo: None,
            trace: trace_view::TraceView::default(),
        }
    }

    /// Restores settings from eframe's storage.
    pub fn from_storage(
        storage: Option<&dyn eframe::Storage>,
        initial: Option<(DocumentRef, DocumentRef)>,
    ) -> Self {
        let state = storage
            .and_then(|s| eframe::get_value::<State>(s, eframe::APP_KEY))
            .unwrap_or_default();
        let mut app = Self::new(state, initial);
        app.review.offer_at_start = true; // A crash's unsaved review
        if std::io::IsTerminal::is_terminal(&std::io::stderr()) {
            app.error_echo = Some(Box::new(std::io::stderr()));
        }
        app
    }

    pub fn lang(&self) -> Lang {
        self.state.language.unwrap_or_else(Lang::from_system)
    }

    /// Whether a comparison is being made (opening documents or a session, re-classifying).
    pub fn is_busy(&self) -> bool {
        self.initial.is_some()
            || [Kind::Compare, Kind::OpenSession, Kind::Reclassify]
                .into_iter()
                .any(|k| self.runner.is_running(k))
    }

    /// Sends the first request now instead of on the first frame, and waits until every
    /// background task has finished, applying their results (tests, the frame-time example).
    /// Returns false on timeout.
    pub fn wait_until_loaded(&mut self, timeout: Duration) -> bool {
        if let Some(request) = self.initial.take() {
            self.send(request);
        }
        let deadline = std::time::Instant::now() + timeout;
        while self.runner.is_busy() {
            let left = deadline.saturating_duration_since(std::time::Instant::now());
            if left.is_zero() {
                return false;
            }
            for outcome in self.runner.wait(left) {
                self.apply_outcome(outcome);
            }
        }
        true
    }

    /// Queues a command as if a panel had emitted it (tests drive the app this way too).
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    /// The documents' text zoom this frame: presentation mode draws it larger.
    pub fn text_zoom(&self) -> f32 {
        let presenting = if self.review.presenting { 1.5 } else { 1.0 };
        self.state.text_zoom * presenting
    }

    pub fn model(&self) -> Option<&Arc<Model>> {
        self.current.as_ref().map(|c| &c.model)
    }

    /// Draws the whole window into `ui` and applies what the panels asked for.
    pub fn show(&mut self, ui: &mut egui::Ui) {
        let ctx = ui.ctx().clone();
        if !self.fonts_installed {
            setup_context(&ctx);
            self.fonts_installed = true;
        }
        if self.theme_applied != Some(self.state.theme) {
            ctx.set_theme(self.state.theme.preference());
            self.theme_applied = Some(self.state.theme);
        }
        if let Ok(mut slot) = self.repaint.lock()
            && slot.is_none()
        {
            *slot = Some(ctx.clone());
        }
        if let Some(request) = self.initial.take() {
            self.send(request);
        }
        for outcome in self.runner.poll() {
            self.commands.push(Command::Finished(Box::new(outcome)));
        }

        let lang = self.lang();
        if self.title_pending
            && let Some(c) = &self.current
        {
            ctx.send_viewport_cmd(egui::ViewportCommand::Title(format!(
                "{} ← {} · {}",
                c.child.title,
                c.parent.title,
                lang.texts().app_title
            )));
            self.title_pending = false;
        }
        let palette = Palette::for_dark_mode(ui.visuals().dark_mode);
        self.shortcuts(&ctx);
        files::handle_dropped_files(
            &ctx,
            self.pane_rects,
            self.trace.is_open(),
            &mut self.commands,
        );

        let mut commands = std::mem::take(&mut self.commands);
        // Presentation mode shows the documents alone, full screen.
        if !self.review.presenting {
            toolbar::menu_bar(ui, self, lang, &mut commands);
            toolbar::show(ui, self, lang, &mut commands);
        }
        if self.find.open {
            find::show_bar(ui, self, lang, &mut commands);
        }
        if let Some(banner) = &self.banner {
            status::show_banner(ui, banner, lang, &palette, &mut commands);
        }
        self.check_recovery();
        session_panel::recovery_offer(ui, self, lang, &mut commands);
        // Windows keep clear of everything across the top, the find bar and banners too.
        self.window_area = ui.available_rect_before_wrap();
        status::show_status(ui, self, lang, &palette, &mut commands);
        // Presentation mode hides the side panels and steps with the arrow keys.
        if self.review.presenting {
            session_panel::presentation_keys(&ctx, &mut commands);
            session_panel::presentation_steps(&ctx, self, lang);
        }
        // Trace mode's legend takes the place of the side panels.
        let panels = !self.review.presenting && !self.trace.is_open();
        let room = side_panels(
            ctx.content_rect().width(),
            self.state.show_outline && panels,
            self.state.show_summary && panels,
            self.view.prefer_panel,
        );
        // With room for both at their usual sizes the panels are free; else each is held to
        // what the documents leave.
        let roomy = room.room >= outline_panel::USUAL_WIDTH + summary::USUAL_WIDTH;
        let mut left = room.room;
        if room.outline {
            let max = if roomy {
                f32::INFINITY
            } else if room.summary {
                left - summary::MIN_WIDTH
            } else {
                left
            };
            left -= outline_panel::show(ui, self, lang, &palette, max, &mut commands);
        }
        if room.summary {
            let max = if roomy { f32::INFINITY } else { left };
            summary::show(ui, self, lang, &palette, max, &mut commands);
        }
        for (panel, collapsed) in [
            (SidePanel::Summary, room.summary_collapsed),
            (SidePanel::Outline, room.outline_collapsed),
        ] {
            if collapsed {
                side_tab(ui, panel, lang, &mut commands);
            }
        }
        egui::CentralPanel::default()
            .frame(
                egui::Frame::central_panel(ui.style()).inner_margin(egui::Margin::symmetric(6, 4)),
            )
            .show(ui, |ui| {
                if self.trace.is_open() {
                    trace_view::show(ui, self, lang, &palette, &mut commands);
                } else {
                    panes::show(ui, self, lang, &palette, &mut commands);
                }
            });
        files::show_picker(ui, self, lang, &mut commands);
        files::show_drop_hint(ui, self, lang, &palette);
        session_panel::show_windows(ui, self, lang, &mut commands);
        session_panel::quit_guard(&ctx, self, lang, &mut commands);
        corpus_view::show(ui, self, lang, &mut commands);

        for command in commands {
            self.apply(&ctx, command);
        }
    }
}

/// The width of the tab a folded side panel leaves.
const TAB_W: f32 = 26.0;

/// A side panel.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SidePanel {
    Outline,
    Summary,
}

/// The side panels shown this frame and the width they may share; `*_collapsed` when wanted
/// but folded away to leave the documents room.
#[derive(Debug, Clone, Copy, PartialEq)]
struct SideRoom {
    room: f32,
    outline: bool,
    summary: bool,
    outline_collapsed: bool,
    summary_collapsed: bool,
}

/// The documents keep at least ~20 characters per line: the side panels get what is left of
/// the window's width, down to their smallest sizes; one that does not fit folds away to a
/// tab at the window's edge (the one the user asked for last is kept).
fn side_panels(
    width: f32,
    want_outline: bool,
    want_summary: bool,
    prefer: Option<SidePanel>,
) -> SideRoom {
    let (outline_min, summary_min) = (outline_panel::MIN_WIDTH, summary::MIN_WIDTH);
    // A panel that folds away leaves its tab.
    let tabs = if want_outline && want_summary {
        TAB_W
    } else {
        0.0
    };
    let room = (width - panes::MIN_WIDTH).max(0.0);
    let room = if want_outline && want_summary && room < outline_min + summary_min {
        (room - tabs).max(0.0)
    } else {
        room
    };
    let both = want_outline && want_summary && room >= outline_min + summary_min;
    let (outline, summary) = if both {
        (true, true)
    } else {
        let outline = want_outline && room >= outline_min;
        // A summary the user asked for opens in the room there is, down to the outline's width.
        let summary = want_summary
            && (room >= summary_min || (prefer == Some(SidePanel::Summary) && room >= outline_min));
        match (outline, summary) {
            (true, true) if prefer == Some(SidePanel::Summary) => (false, true),
            (true, true) => (true, false),
            other => other,
        }
    };
    SideRoom {
        room,
        outline,
        summary,
        outline_collapsed: want_outline && !outline,
        summary_collapsed: want_summary && !summary,
    }
}

/// The tab a folded side panel leaves at the window's edge: click to show it.
fn side_tab(ui: &mut egui::Ui, panel: SidePanel, lang: Lang, commands: &mut Vec<Command>) {
    let t = lang.texts();
    let (panel_ui, arrow, name) = match panel {
        SidePanel::Outline => (egui::Panel::left("outline_tab"), "▶", t.outline),
        SidePanel::Summary => (egui::Panel::right("summary_tab"), "◀", t.summary),
    };
    let label = format!("{arrow} {name}");
    panel_ui.resizable(false).exact_size(TAB_W).show(ui, |ui| {
        let tab = ui.add(egui::Button::new(arrow).frame(false));
        tab.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
        if tab.on_hover_text(&label).clicked() {
            commands.push(Command::PreferPanel(panel));
        }
    });
}

impl eframe::App for App {
    fn ui(&mut self, ui: &mut egui::Ui, _frame: &mut eframe::Frame) {
        self.show(ui);
    }

    fn save(&mut self, storage: &mut dyn eframe::Storage) {
        eframe::set_value(storage, eframe::APP_KEY, &self.state);
    }
}

/// Fonts and style; call once per context (the app does so on its first frame when not yet
/// done; tests call it from the harness' context setup).
pub fn setup_context(ctx: &egui::Context) {
    fonts::install(ctx);
    ctx.all_styles_mut(|style| {
        style.spacing.button_padding = egui::vec2(6.0, 3.0);
        style.spacing.item_spacing = egui::vec2(6.0, 4.0);
        style.interaction.tooltip_delay = 0.25;
    });
    // Ctrl +/- zoom the documents' text, not the whole interface.
    ctx.options_mut(|o| o.zoom_with_keyboard = false);
}

/// Opens the window: `initial` is (parent, child); `None` opens the bundled example.
pub fn run(initial: Option<(DocumentRef, DocumentRef)>) -> anyhow::Result<()> {
    let options = eframe::NativeOptions {
        viewport: egui::ViewportBuilder::default()
            .with_title("政策溯源对照 · Policy Lineage")
            .with_app_id(APP_ID)
            .with_inner_size([1480.0, 920.0])
            .with_min_inner_size([720.0, 420.0])
            .with_drag_and_drop(true),
        // The bundled font covers the documents; fonts/mod.rs adds a safe system fallback.
        system_font_fallback: false,
        persist_window: true,
        ..Default::default()
    };
    eframe::run_native(
        APP_ID,
        options,
        Box::new(move |cc| {
            setup_context(&cc.egui_ctx);
            let mut app = App::from_storage(cc.storage, initial);
            app.fonts_installed = true;
            Ok(Box::new(app))
        }),
    )
    .map_err(|e| anyhow::anyhow!("could not open the window: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn side_panels_fold_away_before_the_documents_get_narrow() {
        let wide = side_panels(1480.0, true, true, None);
        assert!(wide.outline && wide.summary);
        let laptop = side_panels(1024.0, true, true, None);
        assert!(laptop.outline && !laptop.summary && laptop.summary_collapsed);
        let summary = side_panels(1024.0, true, true, Some(SidePanel::Summary));
        assert!(!summary.outline && summary.summary && summary.outline_collapsed);
        let narrow = side_panels(800.0, true, true, None);
        assert!(!narrow.outline && !narrow.summary);
        let hidden = side_panels(1480.0, false, true, None);
        assert!(!hidden.outline && !hidden.outline_collapsed && hidden.summary);
    }

    #[test]
    fn settings_survive_a_round_trip_and_old_files_load() {
        let state = State {
            language: Some(Lang::Zh),
            recent: vec![DocumentRef {
                path: "/data/scraped.txt".into(),
                index: Some(4),
            }],
            show_dropped: false,
            ..State::default()
        };
        let Ok(text) = ron::to_string(&state) else {
            panic!("serialize");
        };
        assert_eq!(ron::from_str::<State>(&text).ok(), Some(state));
        // A file from an older version with fewer fields, or with fields since removed.
        let old: Option<State> = ron::from_str("(language: Some(En), retired_field: 3)").ok();
        assert!(old.is_none() || old.as_ref().is_some_and(|s| s.language == Some(Lang::En)));
        let partial: Option<State> = ron::from_str("(language: Some(En))").ok();
        assert_eq!(
            partial,
            Some(State {
                language: Some(Lang::En),
                ..State::default()
            })
        );
    }
}
