//! The desktop viewer: the parent (left) and the child (right) side by side, matched sections
//! level with each other, every child character coloured by where it came from.
//!
//! Each panel is a module that draws itself and emits [`Command`]s during the frame; the
//! commands are applied after the frame (as in egui's demo app), so no panel changes state
//! another panel is still reading.

pub mod corpus_view;
pub mod examples;
pub mod files;
pub mod find;
pub mod fonts;
pub mod gutter;
pub mod i18n;
pub mod model;
pub mod outline_panel;
pub mod overview;
pub mod palette;
pub mod panes;
pub mod session_panel;
pub mod summary;
pub mod task;
pub mod toolbar;

use std::ops::Range;
use std::sync::Arc;
use std::time::Duration;

use crate::document::{Document, DocumentRef};

use self::examples::Example;
use self::i18n::Lang;
use self::model::{Model, Side};
use self::palette::Palette;
use self::task::{DocSource, Outcome, Picker, Request, Task};

/// The id eframe stores settings under.
pub const APP_ID: &str = "policy-lineage";

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

/// What the panels ask for during a frame; applied after it.
#[derive(Debug, Clone)]
pub enum Command {
    OpenDialog(Side),
    Open(Side, DocSource),
    OpenPair(DocSource, DocSource),
    OpenExample(Example),
    PickEntry(usize),
    ClosePicker,
    Swap,
    /// A child section: both panes go to its row.
    SelectSection(usize),
    /// A parent section: both panes go to its row.
    SelectParentSection(usize),
    /// Scroll the parent to where a child span came from, and flash it.
    JumpToSpanSource(usize),
    /// Scroll to a child range and flash it.
    JumpToChild(Range<usize>),
    NextAdded,
    PrevAdded,
    NextChanged,
    PrevChanged,
    OpenFind,
    CloseFind,
    FindNext,
    FindPrev,
    SetLanguage(Lang),
    SetTheme(ThemeChoice),
    ToggleDropped,
    ToggleOutline,
    ToggleSummary,
    ZoomIn,
    ZoomOut,
    ZoomReset,
    /// Scroll the panes to a content offset (the overview strip).
    ScrollTo(f32),
    Back,
    DismissBanner,
    ClearRecent,
    SelectSubstitution(usize),
    /// Scroll the panes by a number of viewport heights (Page Up/Down).
    ScrollPages(f32),
    ScrollToTop,
    ScrollToEnd,
    /// The native file dialog could not be shown.
    DialogUnavailable,
    /// Sessions, corrections, notes, export, presentation (`session_panel`).
    Review(session_panel::ReviewCommand),
    Quit,
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
}

/// A message across the top of the window (what failed and why).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Banner {
    pub kind: BannerKind,
    pub text: String,
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
}

/// The application.
pub struct App {
    pub state: State,
    task: Task,
    pub current: Option<Current>,
    pub view: ViewState,
    pub geometry: panes::Geometry,
    pub find: find::FindState,
    pub picker: Option<(Box<Picker>, Option<usize>)>,
    pub banner: Option<Banner>,
    pub summary: summary::SummaryState,
    dialogs: files::Dialogs,
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
    /// The review session of the current comparison.
    pub review: session_panel::Review,
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
            task: Task::spawn(on_done),
            current: None,
            view: ViewState::default(),
            geometry: panes::Geometry::default(),
            find: find::FindState::default(),
            picker: None,
            banner: None,
            summary: summary::SummaryState::default(),
            dialogs: files::Dialogs::default(),
            initial: Some(request),
            fonts_installed: false,
            theme_applied: None,
            repaint,
            commands: Vec::new(),
            title_pending: false,
            pane_rects: [egui::Rect::NOTHING; 2],
            review: session_panel::Review::new(crate::review::session::recovery_path()),
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
        app
    }

    pub fn lang(&self) -> Lang {
        self.state.language.unwrap_or_else(Lang::from_system)
    }

    pub fn is_busy(&self) -> bool {
        self.task.is_busy() || self.initial.is_some()
    }

    /// Sends the first request now instead of on the first frame, and waits for it (tests, the
    /// frame-time example). Returns false on timeout.
    pub fn wait_until_loaded(&mut self, timeout: Duration) -> bool {
        if let Some(request) = self.initial.take() {
            self.send(request);
        }
        match self.task.wait(timeout) {
            Some(outcome) => {
                self.apply_outcome(outcome);
                true
            }
            None => !self.task.is_busy(),
        }
    }

    /// Queues a command as if a panel had emitted it (tests drive the app this way too).
    pub fn push(&mut self, command: Command) {
        self.commands.push(command);
    }

    pub fn model(&self) -> Option<&Arc<Model>> {
        self.current.as_ref().map(|c| &c.model)
    }

    fn send(&mut self, request: Request) {
        if let Err(message) = self.task.send(request) {
            self.banner = Some(Banner {
                kind: BannerKind::Error,
                text: message,
            });
        }
    }

    fn apply_outcome(&mut self, outcome: Outcome) {
        let lang = self.lang();
        match outcome {
            Outcome::Ready(loaded) => {
                for source in [&loaded.parent_source, &loaded.child_source] {
                    if let Some(reference) = source.file_reference() {
                        self.remember(reference);
                    }
                }
                let same_child = self
                    .current
                    .as_ref()
                    .is_some_and(|c| Arc::ptr_eq(&c.child, &loaded.child));
                self.current = Some(Current {
                    parent: loaded.parent,
                    child: loaded.child,
                    parent_source: loaded.parent_source,
                    child_source: loaded.child_source,
                    model: loaded.model,
                    elapsed: loaded.elapsed,
                });
                self.geometry = panes::Geometry::default();
                self.review.reset();
                let keep_selection = if same_child {
                    self.view.selected_section
                } else {
                    None
                };
                self.view = ViewState {
                    selected_section: keep_selection,
                    scroll_request: Some(match keep_selection {
                        Some(s) => self.section_target(s),
                        None => ScrollTarget::Offset(0.0),
                    }),
                    ..ViewState::default()
                };
                self.find.invalidate();
                self.title_pending = true;
                if self
                    .banner
                    .as_ref()
                    .is_some_and(|b| b.kind == BannerKind::Info)
                {
                    self.banner = None;
                }
                if let Some(c) = &self.current
                    && c.model.comparison.timed_out
                {
                    self.banner = Some(Banner {
                        kind: BannerKind::Info,
                        text: lang.texts().timed_out.to_owned(),
                    });
                }
            }
            Outcome::Pick(picker) => {
                let first = picker.entries.iter().position(|e| e.has_text);
                self.picker = Some((picker, first));
            }
            Outcome::Failed { message, .. } => {
                let t = lang.texts();
                let keep = if self.current.is_some() {
                    format!(" {}", t.previous_stays)
                } else {
                    String::new()
                };
                self.banner = Some(Banner {
                    kind: BannerKind::Error,
                    text: format!("{}: {message}.{keep}", t.could_not_open),
                });
            }
        }
    }

    fn remember(&mut self, reference: DocumentRef) {
        self.state.recent.retain(|r| r != &reference);
        self.state.recent.insert(0, reference);
        self.state.recent.truncate(RECENT_MAX);
    }

    fn section_target(&self, section: usize) -> ScrollTarget {
        let row = self
            .model()
            .and_then(|m| m.child.section_row.get(section).copied())
            .unwrap_or(0);
        ScrollTarget::Row(row)
    }

    /// The current document of a side, described so it can be reopened.
    fn source_of(&self, side: Side) -> Option<DocSource> {
        let c = self.current.as_ref()?;
        Some(DocSource::Loaded(Arc::clone(match side {
            Side::Parent => &c.parent,
            Side::Child => &c.child,
        })))
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
        if let Some(outcome) = self.task.poll() {
            self.apply_outcome(outcome);
        }
        for command in self.dialogs.poll() {
            self.commands.push(command);
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
        files::handle_dropped_files(&ctx, self.pane_rects, &mut self.commands);

        let mut commands = std::mem::take(&mut self.commands);
        toolbar::show(ui, self, lang, &palette, &mut commands);
        if self.find.open {
            find::show_bar(ui, self, lang, &mut commands);
        }
        if let Some(banner) = &self.banner {
            toolbar::show_banner(ui, banner, lang, &palette, &mut commands);
        }
        self.recovery_offer(ui, lang, &mut commands);
        toolbar::show_status(ui, self, lang, &palette);
        // Presentation mode hides the side panels and steps with the arrow keys.
        if self.review.presenting {
            session_panel::presentation_keys(&ctx, &mut commands);
        }
        if self.state.show_outline && !self.review.presenting {
            outline_panel::show(ui, self, lang, &palette, &mut commands);
        }
        if self.state.show_summary && !self.review.presenting {
            summary::show(ui, self, lang, &palette, &mut commands);
        }
        egui::CentralPanel::default()
            .frame(
                egui::Frame::central_panel(ui.style()).inner_margin(egui::Margin::symmetric(6, 4)),
            )
            .show(ui, |ui| {
                panes::show(ui, self, lang, &palette, &mut commands);
            });
        files::show_picker(ui, self, lang, &mut commands);
        files::show_drop_hint(ui, self, lang, &palette);
        session_panel::show_windows(ui, self, lang, &mut commands);
        corpus_view::show(ui, lang, &mut commands);

        for command in commands {
            self.apply(&ctx, command);
        }
    }

    fn shortcuts(&mut self, ctx: &egui::Context) {
        use egui::{Key, KeyboardShortcut, Modifiers};
        let shortcut = |m: Modifiers, k: Key| KeyboardShortcut::new(m, k);
        let pairs = [
            (shortcut(Modifiers::COMMAND, Key::F), Command::OpenFind),
            (shortcut(Modifiers::SHIFT, Key::F3), Command::FindPrev),
            (shortcut(Modifiers::NONE, Key::F3), Command::FindNext),
            (
                shortcut(Modifiers::COMMAND, Key::ArrowDown),
                Command::NextAdded,
            ),
            (
                shortcut(Modifiers::COMMAND, Key::ArrowUp),
                Command::PrevAdded,
            ),
            (
                shortcut(Modifiers::ALT, Key::ArrowDown),
                Command::NextChanged,
            ),
            (shortcut(Modifiers::ALT, Key::ArrowUp), Command::PrevChanged),
            (shortcut(Modifiers::ALT, Key::ArrowLeft), Command::Back),
            (
                shortcut(Modifiers::COMMAND | Modifiers::SHIFT, Key::O),
                Command::OpenDialog(Side::Parent),
            ),
            (
                shortcut(Modifiers::COMMAND, Key::O),
                Command::OpenDialog(Side::Child),
            ),
        ];
        // Paging keys move the panes unless a text field has the keyboard.
        let typing = ctx.egui_wants_keyboard_input();
        let paging = [
            (
                shortcut(Modifiers::NONE, Key::PageDown),
                Command::ScrollPages(0.85),
            ),
            (
                shortcut(Modifiers::NONE, Key::PageUp),
                Command::ScrollPages(-0.85),
            ),
            (
                shortcut(Modifiers::COMMAND, Key::Home),
                Command::ScrollToTop,
            ),
            (shortcut(Modifiers::COMMAND, Key::End), Command::ScrollToEnd),
        ];
        let pairs: Vec<(KeyboardShortcut, Command)> = if typing {
            pairs.into_iter().collect()
        } else {
            pairs.into_iter().chain(paging).collect()
        };
        for (keys, command) in pairs {
            if ctx.input_mut(|i| i.consume_shortcut(&keys)) {
                self.commands.push(command);
            }
        }
        if self.find.open && ctx.input_mut(|i| i.consume_key(Modifiers::NONE, Key::Escape)) {
            self.commands.push(Command::CloseFind);
        }
    }

    /// Applies one command.
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        match command {
            Command::OpenDialog(side) => self.dialogs.open(side, self.lang()),
            Command::Open(side, source) => {
                let other = self.source_of(side.other()).unwrap_or_else(|| {
                    let (parent, child) = Example::GansuWuwei.sources();
                    match side {
                        Side::Parent => child,
                        Side::Child => parent,
                    }
                });
                let request = match side {
                    Side::Parent => Request {
                        parent: source,
                        child: other,
                    },
                    Side::Child => Request {
                        parent: other,
                        child: source,
                    },
                };
                self.send(request);
            }
            Command::OpenPair(parent, child) => self.send(Request { parent, child }),
            Command::OpenExample(example) => {
                let (parent, child) = example.sources();
                let child = match example {
                    Example::ScrapedPick => self.source_of(Side::Child).unwrap_or(child),
                    _ => child,
                };
                self.send(Request { parent, child });
            }
            Command::PickEntry(index) => {
                if let Some((picker, _)) = self.picker.take() {
                    let chosen = DocSource::Source {
                        source: Arc::clone(&picker.source),
                        index: Some(index + 1),
                    };
                    let request = match picker.side {
                        Side::Parent => Request {
                            parent: chosen,
                            child: picker.other.clone(),
                        },
                        Side::Child => Request {
                            parent: picker.other.clone(),
                            child: chosen,
                        },
                    };
                    self.send(request);
                }
            }
            Command::ClosePicker => self.picker = None,
            Command::Swap => {
                if let Some(c) = &self.current {
                    let request = Request {
                        parent: DocSource::Loaded(Arc::clone(&c.child)),
                        child: DocSource::Loaded(Arc::clone(&c.parent)),
                    };
                    self.send(request);
                }
            }
            Command::SelectSection(section) => {
                self.view.selected_section = Some(section);
                self.view.selected_parent_section =
                    self.model().and_then(|m| m.best_parent(section));
                self.jump(self.section_target(section));
            }
            Command::SelectParentSection(section) => {
                let Some(model) = self.model() else { return };
                let row = model.parent.section_row.get(section).copied().unwrap_or(0);
                let child = model.rows.get(row).and_then(|r| r.child_section());
                self.view.selected_parent_section = Some(section);
                self.view.selected_section = child;
                self.jump(ScrollTarget::Row(row));
            }
            Command::JumpToSpanSource(span) => {
                let Some(model) = self.model() else { return };
                let Some(range) = model.span(span).and_then(|s| s.parent.clone()) else {
                    return;
                };
                let section = model.parent.section_at(range.start);
                self.view.selected_parent_section = section;
                self.flash(ctx, Side::Parent, range.clone());
                self.jump(ScrollTarget::Char {
                    side: Side::Parent,
                    src: range.start,
                    align: 0.35,
                });
            }
            Command::JumpToChild(range) => {
                self.flash(ctx, Side::Child, range.clone());
                self.jump(ScrollTarget::Char {
                    side: Side::Child,
                    src: range.start,
                    align: 0.35,
                });
            }
            Command::NextAdded | Command::PrevAdded => {
                let forward = matches!(command, Command::NextAdded);
                if let Some(i) = self.next_added(forward)
                    && let Some(range) = self.model().and_then(|m| m.added_passages.get(i).cloned())
                {
                    self.apply(ctx, Command::JumpToChild(range));
                    self.view.current_added = Some((i, f32::NAN));
                }
            }
            Command::NextChanged | Command::PrevChanged => {
                let forward = matches!(command, Command::NextChanged);
                if let Some(section) = self.next_changed(forward) {
                    self.apply(ctx, Command::SelectSection(section));
                    self.view.current_changed = Some((section, f32::NAN));
                }
            }
            Command::OpenFind => self.find.open_bar(),
            Command::CloseFind => self.find.close_bar(),
            Command::FindNext | Command::FindPrev => {
                if !self.find.open {
                    self.find.open_bar();
                }
                let forward = matches!(command, Command::FindNext);
                if let Some(model) = self.model().cloned()
                    && let Some(hit) = self.find.step(&model, forward)
                {
                    self.flash(ctx, hit.side, hit.range.clone());
                    self.jump(ScrollTarget::Char {
                        side: hit.side,
                        src: hit.range.start,
                        align: 0.35,
                    });
                }
            }
            Command::SetLanguage(lang) => {
                self.state.language = Some(lang);
                self.title_pending = true;
            }
            Command::SetTheme(theme) => self.state.theme = theme,
            Command::ToggleDropped => self.state.show_dropped = !self.state.show_dropped,
            Command::ToggleOutline => self.state.show_outline = !self.state.show_outline,
            Command::ToggleSummary => self.state.show_summary = !self.state.show_summary,
            Command::ZoomIn => egui::gui_zoom::zoom_in(ctx),
            Command::ZoomOut => egui::gui_zoom::zoom_out(ctx),
            Command::ZoomReset => ctx.set_zoom_factor(1.0),
            Command::ScrollTo(offset) => {
                self.view.scroll_request = Some(ScrollTarget::Offset(offset));
            }
            Command::Back => {
                if let Some(offset) = self.view.history.pop() {
                    self.view.scroll_request = Some(ScrollTarget::Offset(offset));
                }
            }
            Command::DismissBanner => self.banner = None,
            Command::ClearRecent => self.state.recent.clear(),
            Command::SelectSubstitution(index) => {
                let Some(model) = self.model().cloned() else {
                    return;
                };
                let Some(sub) = model.comparison.substitutions.get(index) else {
                    return;
                };
                let next = match self.view.substitution {
                    Some((i, k)) if i == index => (k + 1) % sub.spans.len().max(1),
                    _ => 0,
                };
                self.view.substitution = Some((index, next));
                if let Some(span) = sub.spans.get(next).and_then(|&s| model.span(s)) {
                    let range = span.range.clone();
                    self.flash(ctx, Side::Child, range.clone());
                    self.jump(ScrollTarget::Char {
                        side: Side::Child,
                        src: range.start,
                        align: 0.35,
                    });
                }
            }
            Command::ScrollPages(pages) => {
                let offset = self.view.scroll_offset + pages * self.view.viewport_height.max(100.0);
                self.view.scroll_request = Some(ScrollTarget::Offset(offset.max(0.0)));
            }
            Command::ScrollToTop => self.jump(ScrollTarget::Offset(0.0)),
            Command::ScrollToEnd => self.jump(ScrollTarget::Offset(self.geometry.total)),
            Command::DialogUnavailable => files::dialog_unavailable(self, self.lang()),
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::Review(command) => self.apply_review(ctx, command),
        }
    }

    fn flash(&mut self, ctx: &egui::Context, side: Side, range: Range<usize>) {
        self.view.flash = Some(Flash {
            side,
            range,
            since: ctx.input(|i| i.time),
        });
        ctx.request_repaint();
    }

    /// Scrolls to a target, remembering where we were.
    fn jump(&mut self, target: ScrollTarget) {
        let here = self.view.scroll_offset;
        if self.view.history.last() != Some(&here) {
            self.view.history.push(here);
            if self.view.history.len() > 100 {
                self.view.history.remove(0);
            }
        }
        self.view.scroll_request = Some(target);
    }

    /// The next (or previous) added passage from the current position: after the one last
    /// jumped to while the view has not been scrolled since, else after the top of the view.
    pub fn next_added(&self, forward: bool) -> Option<usize> {
        let model = self.model()?;
        let passages = &model.added_passages;
        if passages.is_empty() {
            return None;
        }
        let at = match self.view.current_added {
            Some((i, offset)) if (offset - self.view.scroll_offset).abs() < 1.0 => Some(i),
            _ => None,
        };
        match at {
            Some(i) if forward => (i + 1 < passages.len()).then_some(i + 1),
            Some(i) => i.checked_sub(1),
            None => {
                let top = self.view.scroll_offset + 2.0;
                let y = |r: &Range<usize>| {
                    self.geometry
                        .char_y(model, Side::Child, r.start)
                        .unwrap_or(0.0)
                };
                if forward {
                    passages.iter().position(|r| y(r) >= top)
                } else {
                    passages.iter().rposition(|r| y(r) < top - 2.0)
                }
            }
        }
    }

    /// The next (or previous) changed child section from the current position.
    pub fn next_changed(&self, forward: bool) -> Option<usize> {
        let model = self.model()?;
        let changed = &model.changed_sections;
        let at = match self.view.current_changed {
            Some((s, offset)) if (offset - self.view.scroll_offset).abs() < 1.0 => {
                changed.iter().position(|&c| c == s)
            }
            _ => None,
        };
        match at {
            Some(i) if forward => changed.get(i + 1).copied(),
            Some(i) => i.checked_sub(1).and_then(|i| changed.get(i).copied()),
            None => {
                let top = self.view.scroll_offset + 2.0;
                let y = |s: usize| {
                    let row = model.child.section_row.get(s).copied().unwrap_or(0);
                    self.geometry.row_top(row).unwrap_or(0.0)
                };
                if forward {
                    changed.iter().copied().find(|&s| y(s) > top)
                } else {
                    changed.iter().copied().rev().find(|&s| y(s) < top - 2.0)
                }
            }
        }
    }

    /// Called by the panes after they scrolled to a pending target, so that "next" steps on
    /// from the passage or section just shown.
    pub(crate) fn settle_navigation(&mut self, offset: f32) {
        if let Some((_, o)) = &mut self.view.current_added
            && o.is_nan()
        {
            *o = offset;
        }
        if let Some((_, o)) = &mut self.view.current_changed
            && o.is_nan()
        {
            *o = offset;
        }
    }
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
    ctx.options_mut(|o| o.zoom_with_keyboard = true);
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
