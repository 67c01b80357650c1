//! Trace mode: the open document traced through many sources at once ([`crate::trace`]).
//! The document stands on the right, each passage tinted in the hue of its nearest source
//! ([`hues`]); the legend ([`legend`]) lists the sources with their shares, each with a
//! switch that traces again without it; clicking a passage shows its source on the left at
//! the passage's place, with the other sources that hold it. Tracing runs on the background
//! runner (`task::trace`); the mode's state changes only by [`TraceCommand`].

mod column;
mod hues;
mod legend;

use std::ops::Range;
use std::path::PathBuf;
use std::sync::Arc;

use egui::{Rect, pos2, vec2};

use self::column::{Marks, Runs};
use super::i18n::Lang;
use super::model::{Para, display_paragraphs};
use super::palette::Palette;
use super::panes::facts_line::facts_line;
use super::task::{Basis, Kind, Outcome, Traced};
use super::{App, Command, Message};
use crate::Document;
use crate::trace::Trace;

/// What trace mode shows; empty when the normal comparison is shown.
#[derive(Default)]
pub struct TraceView {
    pub traced: Option<Traced>,
    /// The sources switched off, as the user left the switches (a run without them may be
    /// under way).
    pub off: Vec<bool>,
    /// The passage clicked (index into the trace's spans).
    pub selected: Option<usize>,
    /// The passage under the pointer.
    pub hovered: Option<usize>,
    /// The source on the left.
    pub shown: Option<Shown>,
    /// Where the highlighted range of the source shown stood on screen last frame.
    pub source_outline: Option<Rect>,
    doc: Layout<Option<usize>>,
    source: Option<(usize, Layout<bool>)>,
    /// A character of the source shown to bring into view.
    scroll: Option<usize>,
}

/// The source on the left: index into the sources given, and the range highlighted there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Shown {
    pub source: usize,
    pub range: Option<Range<usize>>,
}

/// A document's paragraphs with each run's key: on the right the span shown, on the left
/// whether the traced document took that text.
struct Layout<K> {
    paras: Vec<Para>,
    runs: Vec<Runs<K>>,
}

impl<K> Default for Layout<K> {
    fn default() -> Self {
        Self {
            paras: Vec::new(),
            runs: Vec::new(),
        }
    }
}

impl<K: Copy + PartialEq> Layout<K> {
    /// The paragraphs of `doc`, each display character keyed by `key` of its source character.
    fn new(doc: &Document, key: impl Fn(usize) -> K) -> Self {
        let paras = display_paragraphs(doc);
        let runs = paras
            .iter()
            .map(|para| {
                let mut runs: Runs<K> = Vec::new();
                for (i, &o) in para.origin.iter().enumerate() {
                    let k = key(o as usize);
                    match runs.last_mut() {
                        Some((range, last)) if *last == k => range.end = i + 1,
                        _ => runs.push((i..i + 1, k)),
                    }
                }
                runs
            })
            .collect();
        Self { paras, runs }
    }
}

#[derive(Debug, Clone, PartialEq)]
pub enum TraceCommand {
    /// Trace the child against these files and folders.
    Files(Vec<PathBuf>),
    /// Add these files and folders to the sources of the trace shown, and trace again.
    Add(Vec<PathBuf>),
    /// Trace a document of the corpus window's corpus against that corpus.
    Corpus(usize),
    /// Switch a source (index into the sources given) off or on again; traces again.
    Toggle(usize),
    /// A passage of the traced document clicked: its nearest source is shown there.
    SelectSpan(usize),
    /// Show a source on the left, at a range of it.
    ShowSource {
        source: usize,
        range: Option<Range<usize>>,
    },
    /// Back to the comparison of two documents.
    Leave,
}

impl TraceView {
    pub fn is_open(&self) -> bool {
        self.traced.is_some()
    }

    pub fn trace(&self) -> Option<&Trace> {
        self.traced.as_ref().map(|t| &*t.trace)
    }

    /// The span covering source character `src` of the traced document.
    pub fn span_at(&self, src: usize) -> Option<usize> {
        let spans = &self.trace()?.spans;
        let i = spans.partition_point(|s| s.range.end <= src);
        spans.get(i).filter(|s| s.range.contains(&src)).map(|_| i)
    }

    /// The source given as `input`'s place in the trace's list (if it explains anything).
    pub fn traced_index(&self, input: usize) -> Option<usize> {
        self.trace()?.sources.iter().position(|s| s.input == input)
    }

    /// The nearest source of a span, as an index into the sources given.
    fn input_of(&self, span: usize) -> Option<usize> {
        let trace = self.trace()?;
        let k = trace.spans.get(span)?.source?;
        trace.sources.get(k).map(|s| s.input)
    }

    fn install(&mut self, traced: Traced) {
        let keep = self
            .shown
            .clone()
            .filter(|s| !traced.off.get(s.source).copied().unwrap_or(true));
        self.off = traced.off.clone();
        let doc = Arc::clone(&traced.basis.doc);
        self.traced = Some(traced);
        self.doc = Layout::new(&doc, |src| self.span_at(src));
        self.source = None;
        self.selected = None;
        self.hovered = None;
        self.shown = keep.map(|s| Shown { range: None, ..s }).or_else(|| {
            let top = self.trace()?.sources.first()?.input;
            Some(Shown {
                source: top,
                range: None,
            })
        });
        self.scroll = None;
    }

    /// The source ranges the traced document took from source `input`.
    fn used_ranges(&self, input: usize) -> Vec<Range<usize>> {
        let (Some(trace), Some(k)) = (self.trace(), self.traced_index(input)) else {
            return Vec::new();
        };
        let mut ranges: Vec<Range<usize>> = trace
            .spans
            .iter()
            .flat_map(|s| {
                let nearest = s.source_range.clone().filter(|_| s.source == Some(k));
                let held = s
                    .also
                    .iter()
                    .filter(|h| h.source == k)
                    .map(|h| h.range.clone());
                nearest.into_iter().chain(held)
            })
            .collect();
        ranges.sort_by_key(|r| r.start);
        ranges
    }

    /// The left column's layout for the source shown, made when the source changes.
    fn source_layout(&mut self, basis: &Basis) -> Option<&Layout<bool>> {
        let input = self.shown.as_ref()?.source;
        if self.source.as_ref().is_none_or(|(k, _)| *k != input) {
            let doc = basis.sources.get(input)?;
            let used = self.used_ranges(input);
            let layout = Layout::new(doc, |src| {
                let i = used.partition_point(|r| r.end <= src);
                used.get(i).is_some_and(|r| r.contains(&src))
            });
            self.source = Some((input, layout));
        }
        self.source.as_ref().map(|(_, l)| l)
    }
}

impl App {
    pub(super) fn apply_trace(&mut self, command: TraceCommand) {
        let view = &mut self.trace;
        match command {
            TraceCommand::Files(paths) => {
                let Some(doc) = self.current.as_ref().map(|c| Arc::clone(&c.child)) else {
                    return;
                };
                self.start(Kind::Trace, move |control| {
                    super::task::trace::from_files(doc, paths, control)
                });
            }
            TraceCommand::Add(paths) => {
                let Some(traced) = &view.traced else { return };
                let (basis, off) = (Arc::clone(&traced.basis), view.off.clone());
                self.start(Kind::Trace, move |control| {
                    super::task::trace::adding(&basis, off, paths, control)
                });
            }
            TraceCommand::Corpus(index) => {
                let Some(corpus) = self.corpus.analysis.as_ref().map(|a| Arc::clone(&a.corpus))
                else {
                    return;
                };
                // Out of the way of the trace, as for a pair it opens; the toolbar brings it back.
                self.corpus.aside = true;
                self.start(Kind::Trace, move |control| {
                    super::task::trace::from_corpus(corpus, index, control)
                });
            }
            TraceCommand::Toggle(input) => {
                let Some(traced) = &view.traced else { return };
                let basis = Arc::clone(&traced.basis);
                let mut off = view.off.clone();
                off.resize(basis.sources.len(), false);
                let Some(slot) = off.get_mut(input) else {
                    return;
                };
                *slot = !*slot;
                // The last source on stays on: a trace needs one.
                if off.iter().all(|&o| o) {
                    return;
                }
                view.off = off.clone();
                self.start(Kind::Trace, move |control| {
                    super::task::trace::run(basis, off, control)
                });
            }
            TraceCommand::SelectSpan(span) => {
                view.selected = Some(span);
                let range = view
                    .trace()
                    .and_then(|t| t.spans.get(span))
                    .and_then(|s| s.source_range.clone());
                if let (Some(source), Some(range)) = (view.input_of(span), range) {
                    view.scroll = Some(range.start);
                    view.shown = Some(Shown {
                        source,
                        range: Some(range),
                    });
                }
            }
            TraceCommand::ShowSource { source, range } => {
                let start = range
                    .as_ref()
                    .map(|r| r.start)
                    .or_else(|| view.used_ranges(source).first().map(|r| r.start));
                view.scroll = start;
                view.shown = Some(Shown { source, range });
            }
            TraceCommand::Leave => self.trace = TraceView::default(),
        }
    }

    pub(super) fn trace_outcome(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::Traced(traced) => self.trace.install(*traced),
            Outcome::TraceFailed(message) => {
                // The switches go back to what the trace shown was run with.
                if let Some(traced) = &self.trace.traced {
                    self.trace.off = traced.off.clone();
                }
                self.report_error(Message::TraceFailed(message));
            }
            _ => {}
        }
    }
}

/// The central area in trace mode: the source shown, the traced document, the legend.
pub fn show(
    ui: &mut egui::Ui,
    app: &mut App,
    lang: Lang,
    palette: &Palette,
    commands: &mut Vec<Command>,
) {
    let Some(traced) = &app.trace.traced else {
        return;
    };
    let (basis, trace) = (Arc::clone(&traced.basis), Arc::clone(&traced.trace));
    let t = lang.texts();
    let full = ui.available_rect_before_wrap();
    let legend_w = (full.width() * 0.26).clamp(220.0, 340.0);
    let legend_rect = Rect::from_min_max(pos2(full.max.x - legend_w, full.min.y), full.max);
    let half = (full.width() - legend_w - 16.0) / 2.0;
    let left = Rect::from_min_size(full.min, vec2(half, full.height()));
    let right = Rect::from_min_size(
        pos2(left.max.x + 8.0, full.min.y),
        vec2(half, full.height()),
    );
    app.pane_rects = [left, right];
    let busy = app.runner.is_running(Kind::Trace);
    let mut legend_ui = ui.new_child(egui::UiBuilder::new().max_rect(legend_rect));
    legend::show(
        &mut legend_ui,
        app,
        &basis,
        &trace,
        lang,
        palette,
        busy,
        commands,
    );

    // Right: the traced document.
    let mut right_ui = column_ui(ui, right);
    let facts = facts_line(&basis.doc, t);
    header(
        &mut right_ui,
        &format!("{} · {}", t.trace.traced, basis.doc.title),
        &facts.line,
        &facts.detail,
        None,
    );
    let style = |span: Option<usize>| {
        let s = span.and_then(|i| trace.spans.get(i));
        match s {
            Some(s) => hues::passage_format(palette, s, span.and_then(|i| app.trace.input_of(i))),
            None => egui::text::TextFormat {
                color: palette.text,
                ..Default::default()
            },
        }
    };
    let selected = app.trace.selected.and_then(|i| trace.spans.get(i));
    let marks = Marks {
        outline: selected.map(|s| s.range.clone()),
        outline_color: palette.text,
        fill: egui::Color32::TRANSPARENT,
        scroll_to: None,
        zoom: app.text_zoom(),
    };
    let pointer = column::show(
        &mut right_ui,
        "trace_document",
        &app.trace.doc.paras,
        &app.trace.doc.runs,
        &style,
        palette,
        &marks,
    );
    let hovered = pointer
        .hovered
        .and_then(|(src, response)| Some((app.trace.span_at(src)?, response)));
    if let Some((span, response)) = &hovered
        && let Some(s) = trace.spans.get(*span)
        && let (Some(input), Some(evidence)) = (app.trace.input_of(*span), s.evidence)
        && let Some(source) = basis.sources.get(input)
    {
        response.clone().on_hover_text_at_pointer(
            lang.traced_from(&source.title, lang.evidence_name(evidence)),
        );
    }
    app.trace.hovered = hovered.map(|(span, _)| span);
    if let Some(span) = pointer.clicked.and_then(|src| app.trace.span_at(src)) {
        commands.push(Command::Trace(TraceCommand::SelectSpan(span)));
    }

    // Left: the source shown.
    let mut left_ui = column_ui(ui, left);
    let Some(shown) = app.trace.shown.clone() else {
        ui.advance_cursor_after_rect(full);
        return;
    };
    let Some(source) = basis.sources.get(shown.source) else {
        ui.advance_cursor_after_rect(full);
        return;
    };
    let facts = facts_line(source, t);
    header(
        &mut left_ui,
        &format!("{} · {}", t.trace.source, source.title),
        &facts.line,
        &facts.detail,
        Some(hues::hue(shown.source)),
    );
    holders(&mut left_ui, app, &basis, &shown, lang, commands);
    let scroll_to = app.trace.scroll.take();
    let zoom = app.text_zoom();
    if let Some(layout) = app.trace.source_layout(&basis) {
        let used_bg = hues::shared_bg(palette, shown.source);
        let style = |used: bool| egui::text::TextFormat {
            color: palette.text,
            background: if used {
                used_bg
            } else {
                egui::Color32::TRANSPARENT
            },
            ..Default::default()
        };
        let marks = Marks {
            outline: shown.range.clone(),
            outline_color: hues::hue(shown.source),
            fill: palette.flash,
            scroll_to,
            zoom,
        };
        let pointer = column::show(
            &mut left_ui,
            "trace_source",
            &layout.paras,
            &layout.runs,
            &style,
            palette,
            &marks,
        );
        app.trace.source_outline = pointer.outlined;
    }
    ui.advance_cursor_after_rect(full);
}

fn column_ui(ui: &mut egui::Ui, rect: Rect) -> egui::Ui {
    ui.new_child(
        egui::UiBuilder::new()
            .max_rect(rect)
            .layout(egui::Layout::top_down(egui::Align::Min)),
    )
}

/// A column's title and facts line, with the source's swatch.
fn header(ui: &mut egui::Ui, title: &str, line: &str, detail: &str, swatch: Option<egui::Color32>) {
    ui.horizontal(|ui| {
        if let Some(color) = swatch {
            legend::swatch(ui, color);
        }
        ui.add(egui::Label::new(egui::RichText::new(title).strong().size(17.0)).truncate());
    });
    ui.add(egui::Label::new(egui::RichText::new(line).weak().small()).truncate())
        .on_hover_text(detail);
}

/// The sources holding the passage clicked: its nearest first, then the others; the one
/// shown is selected, the others show it at their range when clicked.
fn holders(
    ui: &mut egui::Ui,
    app: &App,
    basis: &Basis,
    shown: &Shown,
    lang: Lang,
    commands: &mut Vec<Command>,
) {
    let t = lang.texts().trace;
    let view = &app.trace;
    let Some((trace, span)) = view
        .trace()
        .and_then(|tr| Some((tr, tr.spans.get(view.selected?)?)))
    else {
        ui.weak(t.pick_hint);
        return;
    };
    let nearest = span.source.zip(span.source_range.clone());
    let others = span.also.iter().map(|h| (h.source, h.range.clone()));
    ui.horizontal_wrapped(|ui| {
        for (n, (k, range)) in nearest.into_iter().chain(others).enumerate() {
            let Some(input) = trace.sources.get(k).map(|s| s.input) else {
                continue;
            };
            let Some(doc) = basis.sources.get(input) else {
                continue;
            };
            if n == 1 {
                ui.weak(t.also_in);
            }
            legend::swatch(ui, hues::hue(input));
            let on = shown.source == input;
            if ui
                .selectable_label(on, legend::short(&doc.title, 14))
                .clicked()
                && !on
            {
                commands.push(Command::Trace(TraceCommand::ShowSource {
                    source: input,
                    range: Some(range),
                }));
            }
        }
    });
}
