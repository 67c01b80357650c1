//! The commands panels emit during a frame, and how the app applies them after it.

use std::ops::Range;
use std::sync::Arc;

use super::corpus_view::CorpusCommand;
use super::dialogs::{Answer, Dialog};
use super::examples::Example;
use super::i18n::Lang;
use super::model::Side;
use super::panes::selection::{self, Selection};
use super::session_panel::ReviewCommand;
use super::task::{DocSource, Kind, Outcome, Request};
use super::trace_view::TraceCommand;
use super::{App, Banner, BannerKind, Flash, Message, ScrollTarget, SidePanel, ThemeChoice};

/// The documents' text zoom goes from half to three times the normal size.
const MIN_ZOOM: f32 = 0.5;
const MAX_ZOOM: f32 = 3.0;

/// What the panels ask for during a frame; applied after it.
#[derive(Debug)]
pub enum Command {
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
    /// Scales the documents' text by a factor (Ctrl + wheel over the panes).
    ZoomBy(f32),
    /// Scroll the panes to a content offset (the overview strip).
    ScrollTo(f32),
    Back,
    DismissBanner,
    ClearRecent,
    SelectSubstitution(usize),
    /// Goes to a check of the summary's list in the child.
    SelectCheck(usize),
    /// Scroll the panes by a number of viewport heights (Page Up/Down).
    ScrollPages(f32),
    ScrollToTop,
    ScrollToEnd,
    /// Sort the summary's section table by a column.
    SortSections(super::summary::SortKey),
    /// Keep this side panel when the window has room for one only.
    PreferPanel(SidePanel),
    /// What is typed in the link-to-parent list's search field.
    LinkFilter(String),
    /// Text selected in one pane (or the selection cleared).
    Select(Option<Selection>),
    /// Selects the whole document of the pane last selected in (the child by default).
    SelectAll,
    /// Copies the selected text; with its source: document, section and parent passage.
    Copy {
        with_source: bool,
    },
    /// Shows a file dialog; the answer is applied at once.
    Ask(Dialog),
    /// Indexes a corpus in the background (updating its saved index) and shows it.
    IndexCorpus(super::task::CorpusSource),
    Corpus(CorpusCommand),
    /// A background task finished.
    Finished(Box<Outcome>),
    CancelTask(Kind),
    /// Sessions, corrections, notes, export, presentation (`session_panel`).
    Review(ReviewCommand),
    /// Trace mode (`trace_view`).
    Trace(TraceCommand),
    Quit,
}

impl App {
    /// Applies one command.
    pub fn apply(&mut self, ctx: &egui::Context, command: Command) {
        match command {
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
            Command::ZoomIn => self.zoom_text(((self.state.text_zoom * 10.0).round() + 1.0) / 10.0),
            Command::ZoomOut => {
                self.zoom_text(((self.state.text_zoom * 10.0).round() - 1.0) / 10.0);
            }
            Command::ZoomReset => self.zoom_text(1.0),
            Command::ZoomBy(factor) => self.zoom_text(self.state.text_zoom * factor),
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
            Command::SelectCheck(index) => {
                let Some(range) = self
                    .model()
                    .and_then(|m| m.checks.get(index))
                    .map(|c| c.range.clone())
                else {
                    return;
                };
                self.view.check = Some(index);
                self.flash(ctx, Side::Child, range.clone());
                self.jump(ScrollTarget::Char {
                    side: Side::Child,
                    src: range.start,
                    align: 0.35,
                });
            }
            Command::ScrollPages(pages) => {
                let offset = self.view.scroll_offset + pages * self.view.viewport_height.max(100.0);
                self.view.scroll_request = Some(ScrollTarget::Offset(offset.max(0.0)));
            }
            Command::ScrollToTop => self.jump(ScrollTarget::Offset(0.0)),
            Command::ScrollToEnd => self.jump(ScrollTarget::Offset(self.geometry.total)),
            Command::Quit => ctx.send_viewport_cmd(egui::ViewportCommand::Close),
            Command::Review(command) => self.apply_review(ctx, command),
            Command::Trace(command) => self.apply_trace(command),
            Command::SortSections(key) => self.summary.sort_by(key),
            Command::PreferPanel(panel) => self.view.prefer_panel = Some(panel),
            Command::LinkFilter(filter) => self.view.link_filter = filter,
            Command::Select(selection) => self.view.selection = selection,
            Command::SelectAll => {
                let side = self.view.selection.as_ref().map_or(Side::Child, |s| s.side);
                self.view.selection = self.model().map(|m| selection::whole(m, side));
            }
            Command::Copy { with_source } => {
                if let (Some(model), Some(sel)) = (self.model(), &self.view.selection) {
                    let text = if with_source {
                        selection::with_source(model, sel, self.lang())
                    } else {
                        selection::text(model, sel)
                    };
                    if !text.is_empty() {
                        ctx.copy_text(text);
                    }
                }
            }
            Command::Ask(dialog) => {
                let answer = self.dialogs.ask(&dialog, self.lang().texts());
                self.answered(ctx, dialog, answer);
            }
            Command::IndexCorpus(source) => self.index_corpus(source),
            Command::Corpus(command) => self.apply_corpus(ctx, command),
            Command::Finished(outcome) => self.apply_outcome(*outcome),
            Command::CancelTask(kind) => self.runner.cancel(kind),
        }
    }

    /// Starts a background task; a task that cannot start says so in the banner.
    pub(super) fn start(
        &mut self,
        kind: Kind,
        job: impl FnOnce(&super::task::Control) -> Outcome + Send + 'static,
    ) {
        if let Err(message) = self.runner.start(kind, job) {
            self.report_error(Message::Text(message));
        }
    }

    pub(super) fn send(&mut self, request: Request) {
        let lang = self.lang();
        self.start(Kind::Compare, move |_| {
            super::task::open::run(request, lang)
        });
    }

    /// What a dialog's answer does.
    fn answered(&mut self, ctx: &egui::Context, dialog: Dialog, answer: Answer) {
        let path = match answer {
            Answer::Chosen(path) => path,
            Answer::ChosenMany(paths) => {
                self.apply_trace(TraceCommand::Files(paths));
                return;
            }
            Answer::Cancelled => {
                if let Dialog::Locate { missing, .. } = dialog {
                    self.report_error(Message::Text(missing));
                }
                return;
            }
            Answer::Unavailable => {
                self.banner = Some(Banner {
                    kind: BannerKind::Info,
                    message: Message::DialogUnavailable,
                });
                return;
            }
        };
        let command = match dialog {
            Dialog::OpenDocument(side) => {
                Command::Open(side, DocSource::File(crate::DocumentRef::whole(path)))
            }
            Dialog::OpenSession => Command::Review(ReviewCommand::OpenSession(path)),
            Dialog::SaveSession { .. } => Command::Review(ReviewCommand::SaveSession(path)),
            Dialog::Export { kind, .. } => Command::Review(ReviewCommand::Export(kind, path)),
            Dialog::CorpusFolder => Command::IndexCorpus(super::task::CorpusSource::folder(path)),
            Dialog::TraceSources => Command::Trace(TraceCommand::Files(vec![path])),
            Dialog::Locate { mut job, side, .. } => {
                job.located[side.index()] = Some(path);
                Command::Review(ReviewCommand::Reopen(job))
            }
        };
        self.apply(ctx, command);
    }

    pub(super) fn flash(&mut self, ctx: &egui::Context, side: Side, range: Range<usize>) {
        self.view.flash = Some(Flash {
            side,
            range,
            since: ctx.input(|i| i.time),
        });
        ctx.request_repaint();
    }

    /// Sets the documents' text zoom, keeping the section at the top of the view there.
    pub(super) fn zoom_text(&mut self, zoom: f32) {
        let zoom = zoom.clamp(MIN_ZOOM, MAX_ZOOM);
        if (zoom - self.state.text_zoom).abs() < 1e-3 {
            return;
        }
        self.state.text_zoom = zoom;
        self.keep_view();
    }

    /// After the text changed size, the row at the top of the view stays there.
    pub(super) fn keep_view(&mut self) {
        if self.current.is_some() && self.view.scroll_request.is_none() {
            let row = self.geometry.row_at(self.view.scroll_offset + 4.0);
            self.view.scroll_request = Some(ScrollTarget::Row(row));
        }
    }

    /// Scrolls to a target, remembering where we were.
    pub(super) fn jump(&mut self, target: ScrollTarget) {
        // Text inside a folded dropped section is unfolded to be shown.
        if let ScrollTarget::Char { side, src, .. } = &target
            && !self.state.show_dropped
            && let Some(model) = self.model()
        {
            let sm = model.side(*side);
            let row = sm.para_at(*src).and_then(|p| sm.para_row.get(p).copied());
            if row
                .and_then(|r| model.rows.get(r))
                .is_some_and(|r| r.is_dropped())
            {
                self.state.show_dropped = true;
            }
        }
        let here = self.view.scroll_offset;
        if self.view.history.last() != Some(&here) {
            self.view.history.push(here);
            if self.view.history.len() > 100 {
                self.view.history.remove(0);
            }
        }
        self.view.scroll_request = Some(target);
    }
}
