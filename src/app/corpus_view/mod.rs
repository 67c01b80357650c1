//! Corpus window (File → Corpus…): index a folder in the background (progress, cancel), then
//! study it in three tabs: the lineage graph ([`graph`]: a column per issuing level, a row per
//! document, arrows from child to parent labelled with the share inherited) with the list of
//! the same links and the sources of a selected document; the similarity heat map of all
//! pairs ([`heat_map`], related documents together); and phrase search ([`search`], through
//! the corpus's index). Clicking an arrow, a link, a source, a cell or a hit opens that pair
//! side by side, and the window moves aside for it (the toolbar brings it back as it was).
//! The ranking, the matrix and the exact shares of the links come from background tasks; the
//! shingle estimate (marked ≈) is shown until the exact share is known. The corpus last
//! opened is remembered and reopened (through its saved index) when the window opens. The
//! window's state is part of the app's ([`CorpusView`]) and changes only by
//! [`CorpusCommand`].

mod graph;
mod heat_map;
mod search;

use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::Ordering;

use super::i18n::Lang;
use super::task::{Analysis, CorpusSource, Kind, Outcome};
use super::trace_view::TraceCommand;
use super::{App, Command, Message};
use crate::corpus::sources::Relation;
use crate::corpus::{Corpus, CorpusError};

pub use self::search::SearchView;

/// What the window shows.
#[derive(Default)]
pub struct CorpusView {
    pub open: bool,
    /// Moved aside for the pair it opened: not drawn until brought back (tab, selection,
    /// zoom and scrolling stay as they were).
    pub aside: bool,
    pub analysis: Option<Analysis>,
    /// Exact inherited shares of the links, by (child, parent), once compared.
    pub exact: HashMap<(usize, usize), f64>,
    pub graph: GraphView,
    pub tab: CorpusTab,
    /// Why the last indexing gave no corpus.
    pub error: Option<CorpusProblem>,
    /// Where the corpus shown was indexed from (search reads its index); none for a corpus
    /// shown from memory.
    pub source: Option<CorpusSource>,
    /// The corpus being indexed.
    indexing: Option<CorpusSource>,
    pub search: SearchView,
}

/// Why there is no corpus to show.
#[derive(Debug, Clone, PartialEq)]
pub enum CorpusProblem {
    /// The remembered corpus's folders or files that are gone.
    Missing(Vec<PathBuf>),
    /// Indexing failed (the index's reason).
    Failed(String),
}

impl CorpusProblem {
    fn text(&self, lang: Lang) -> String {
        match self {
            CorpusProblem::Missing(paths) => lang.corpus_missing(paths),
            CorpusProblem::Failed(detail) => lang.corpus_failed(detail),
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub struct GraphView {
    pub zoom: f32,
    pub selected: Option<usize>,
}

impl Default for GraphView {
    fn default() -> Self {
        Self {
            zoom: 1.0,
            selected: None,
        }
    }
}

/// The window's tabs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CorpusTab {
    #[default]
    Graph,
    HeatMap,
    Search,
}

#[derive(Debug, Clone, PartialEq)]
pub enum CorpusCommand {
    /// Opens the window (bringing it back if aside), reopening the remembered corpus.
    Open,
    Close,
    /// Moves the window aside for the pair it opened.
    Aside,
    /// Zoom of the graph.
    Zoom(f32),
    Tab(CorpusTab),
    /// A document of the graph selected (its sources are listed), or none.
    Select(Option<usize>),
    /// Indexes the corpus shown again (only new and changed files are read).
    Refresh,
    /// What is typed in the search field.
    Query(String),
    /// Searches the corpus for what is typed.
    Search,
    /// Opens the document of a search result at one of its hits (indices into the results).
    OpenHit {
        found: usize,
        hit: usize,
    },
    /// The document a hit was opened in has loaded (or failed to): go to the hit.
    SettleHit,
    /// The search field took the keyboard focus it is given when its tab opens.
    SearchFocused,
}

impl App {
    /// Shows `corpus` in the window (opening it) and analyses it in the background: for a
    /// corpus indexed elsewhere, and for tests.
    pub fn show_corpus(&mut self, corpus: Corpus) {
        let view = &mut self.corpus;
        view.open = true;
        view.error = None;
        view.source = None;
        view.search = SearchView::default();
        let corpus = std::sync::Arc::new(corpus);
        self.start(Kind::AnalyseCorpus, move |control| {
            super::task::corpus::analyse(corpus, control)
        });
    }

    /// Indexes `source` in the background (its saved index is updated, unchanged files are
    /// not read again) and shows it; a source whose folders are gone is named as such.
    pub(super) fn index_corpus(&mut self, source: CorpusSource) {
        let view = &mut self.corpus;
        view.open = true;
        view.aside = false;
        let missing = source.missing();
        if !missing.is_empty() {
            view.error = Some(CorpusProblem::Missing(missing));
            return;
        }
        view.error = None;
        view.indexing = Some(source.clone());
        // An update and a fill on other connections would take the write lock in turns.
        self.runner.cancel(Kind::FillFullText);
        self.start(Kind::IndexCorpus, move |control| {
            super::task::corpus::index(&source, control)
        });
    }

    pub(super) fn apply_corpus(&mut self, ctx: &egui::Context, command: CorpusCommand) {
        let view = &mut self.corpus;
        match command {
            CorpusCommand::Open => {
                view.open = true;
                view.aside = false;
                let busy = [Kind::IndexCorpus, Kind::AnalyseCorpus]
                    .into_iter()
                    .any(|k| self.runner.is_running(k));
                if view.analysis.is_none()
                    && !busy
                    && let Some(source) = self.state.corpus.clone()
                {
                    self.index_corpus(source);
                }
            }
            CorpusCommand::Close => {
                view.open = false;
                view.aside = false;
            }
            CorpusCommand::Aside => view.aside = true,
            CorpusCommand::Zoom(zoom) => view.graph.zoom = zoom,
            CorpusCommand::Tab(tab) => {
                view.search.focus_pending = tab == CorpusTab::Search && view.tab != tab;
                view.tab = tab;
            }
            CorpusCommand::Select(selected) => view.graph.selected = selected,
            CorpusCommand::Refresh => {
                if let Some(source) = view.source.clone() {
                    self.index_corpus(source);
                }
            }
            CorpusCommand::Query(query) => view.search.query = query,
            CorpusCommand::Search => self.search_corpus(),
            CorpusCommand::OpenHit { found, hit } => self.open_hit(found, hit),
            CorpusCommand::SettleHit => self.settle_hit(ctx),
            CorpusCommand::SearchFocused => view.search.focus_pending = false,
        }
    }

    /// The corpus tasks' results.
    pub(super) fn corpus_outcome(&mut self, outcome: Outcome) {
        match outcome {
            Outcome::CorpusIndexed(Ok(corpus)) => {
                let source = self.corpus.indexing.take();
                // Refreshed, the corpus keeps what was typed in its search field.
                let same = source.is_some() && source == self.corpus.source;
                let query = std::mem::take(&mut self.corpus.search.query);
                self.show_corpus(*corpus);
                if same {
                    self.corpus.search.query = query;
                }
                if let Some(source) = source.clone() {
                    self.state.corpus = Some(source.clone());
                    self.start(Kind::FillFullText, move |control| {
                        super::task::corpus::fill_full_text(&source, control)
                    });
                }
                self.corpus.source = source;
            }
            Outcome::CorpusIndexed(Err(e)) => {
                self.corpus.indexing = None;
                self.corpus.error = Some(CorpusProblem::Failed(e.to_string()));
            }
            Outcome::CorpusSearched(searched) => self.corpus.search.result = Some(*searched),
            Outcome::FullTextFilled(Ok(()))
            | Outcome::FullTextFilled(Err(CorpusError::Cancelled)) => {}
            Outcome::FullTextFilled(Err(e)) => self.report_error(Message::Text(e.to_string())),
            Outcome::CorpusAnalysed(analysis) => {
                let corpus = std::sync::Arc::clone(&analysis.corpus);
                let pairs: Vec<(usize, usize)> = analysis
                    .links
                    .iter()
                    .take(super::task::corpus::MAX_EXACT)
                    .map(|&(c, p, _)| (c, p))
                    .collect();
                self.corpus.analysis = Some(*analysis);
                self.corpus.exact.clear();
                self.corpus.graph = GraphView::default();
                self.start(Kind::ExactShares, move |control| {
                    super::task::corpus::exact(corpus, pairs, control)
                });
            }
            Outcome::ExactShares(exact) => {
                let current = self.corpus.analysis.as_ref().map(|a| &a.corpus);
                if let (Some(a), Some(b)) = (current, &exact.corpus)
                    && std::sync::Arc::ptr_eq(a, b)
                {
                    self.corpus.exact = exact.shares;
                }
            }
            _ => {}
        }
    }
}

/// Opens a pair side by side, the window moving aside for it.
fn open_pair(corpus: &Corpus, parent: usize, child: usize, commands: &mut Vec<Command>) {
    commands.push(Command::Corpus(CorpusCommand::Aside));
    commands.push(Command::OpenPair(
        super::task::DocSource::File(corpus.docs[parent].reference.clone()),
        super::task::DocSource::File(corpus.docs[child].reference.clone()),
    ));
}

/// A document's short label: its title without the notice around it (…关于印发《X》的通知
/// gives X) cut to `max` characters with an ellipsis, or the file label.
fn label_text(corpus: &Corpus, i: usize, max: usize) -> String {
    let doc = &corpus.docs[i];
    let mut title = doc.title.trim();
    if let Some((_, issued)) = title.split_once("关于印发") {
        title = issued;
    }
    let title = title
        .trim_end_matches("的通知")
        .trim_matches(|c| c == '《' || c == '》');
    if title.is_empty() {
        return doc.label.clone();
    }
    let mut short: String = title.chars().take(max).collect();
    if title.chars().count() > max {
        short.pop();
        short.push('…');
    }
    short
}

/// The label of a link's share: exact when known, else the estimate marked ≈.
fn share_text(exact: &HashMap<(usize, usize), f64>, link: (usize, usize, f64)) -> String {
    match exact.get(&(link.0, link.1)) {
        Some(v) => format!("{:.0}%", v * 100.0),
        None => format!("≈{:.0}%", link.2 * 100.0),
    }
}

/// The window, when open.
pub fn show(ui: &mut egui::Ui, app: &App, lang: Lang, commands: &mut Vec<Command>) {
    let view = &app.corpus;
    if view.search.pending.is_some() && !app.is_busy() {
        commands.push(Command::Corpus(CorpusCommand::SettleHit));
    }
    if !view.open || view.aside {
        return;
    }
    let t = lang.texts();
    let ctx = ui.ctx().clone();
    let mut open = true;
    egui::Window::new(t.corpus_title)
        .open(&mut open)
        .id(egui::Id::unique("corpus_window"))
        .default_width(960.0)
        .default_height((app.window_area.height() - 40.0).clamp(420.0, 900.0))
        .constrain_to(app.window_area)
        .show(&ctx, |ui| {
            let indexing = app
                .runner
                .running()
                .iter()
                .find(|r| matches!(r.kind, Kind::IndexCorpus | Kind::AnalyseCorpus));
            if let Some(task) = indexing {
                let progress = &task.control.progress;
                let total = progress.total.load(Ordering::Relaxed);
                let done = progress.done.load(Ordering::Relaxed);
                ui.label(task.kind.name(t));
                ui.add(egui::ProgressBar::new(done as f32 / total.max(1) as f32).show_percentage());
                if ui.button(t.cancel).clicked() {
                    commands.push(Command::CancelTask(task.kind));
                }
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
                return;
            }
            ui.horizontal(|ui| {
                if ui.button(t.open_folder).clicked() {
                    commands.push(Command::Ask(super::dialogs::Dialog::CorpusFolder));
                }
                if let Some(source) = &view.source {
                    if ui
                        .button(t.corpus.refresh)
                        .on_hover_text(t.corpus.refresh_hint)
                        .clicked()
                    {
                        commands.push(Command::Corpus(CorpusCommand::Refresh));
                    }
                    ui.weak(lang.corpus_folders(&source.roots));
                }
            });
            if let Some(e) = &view.error {
                ui.colored_label(ui.visuals().warn_fg_color, e.text(lang));
            }
            let Some(analysis) = &view.analysis else {
                return;
            };
            let corpus = &*analysis.corpus;
            ui.label(lang.documents(corpus.docs.len()));
            ui.horizontal(|ui| {
                for (tab, name) in [
                    (CorpusTab::Graph, t.corpus.tab_graph),
                    (CorpusTab::HeatMap, t.corpus.tab_heat_map),
                    (CorpusTab::Search, t.corpus.tab_search),
                ] {
                    if ui.selectable_label(view.tab == tab, name).clicked() {
                        commands.push(Command::Corpus(CorpusCommand::Tab(tab)));
                    }
                }
            });
            ui.separator();
            match view.tab {
                CorpusTab::Graph => graph_tab(ui, app, lang, analysis, commands),
                CorpusTab::HeatMap => heat_map::show(ui, lang, analysis, commands),
                CorpusTab::Search => search::show(ui, app, lang, commands),
            }
        });
    if !open {
        commands.push(Command::Corpus(CorpusCommand::Close));
    }
}

/// The lineage graph with the list of its links and the selected document's sources.
fn graph_tab(
    ui: &mut egui::Ui,
    app: &App,
    lang: Lang,
    analysis: &Analysis,
    commands: &mut Vec<Command>,
) {
    let t = lang.texts();
    let view = &app.corpus;
    let corpus = &*analysis.corpus;
    ui.horizontal(|ui| {
        ui.strong(t.lineage_heading);
        if app.runner.is_running(Kind::ExactShares) {
            ui.spinner();
            ui.weak(t.estimated_comparing);
        }
        if ui.small_button(t.reset_view).clicked() {
            commands.push(Command::Corpus(CorpusCommand::Zoom(1.0)));
        }
    });
    ui.weak(t.corpus.graph_hint);
    let below = if view.graph.selected.is_some() {
        260.0
    } else {
        160.0
    };
    let max_height = (ui.available_height() - below).max(180.0);
    graph::show(
        ui,
        lang,
        analysis,
        &view.exact,
        view.graph,
        max_height,
        commands,
    );
    if let Some(sel) = view.graph.selected {
        sources_list(ui, lang, analysis, sel, commands);
    }
    egui::CollapsingHeader::new(t.links_list)
        .default_open(true)
        .show(ui, |ui| {
            egui::ScrollArea::vertical()
                .id_salt("corpus_links")
                .max_height(110.0)
                .show(ui, |ui| {
                    for &link in &analysis.links {
                        let (child, parent, _) = link;
                        let text = format!(
                            "{} → {}   {}",
                            corpus.docs[child].label,
                            corpus.docs[parent].label,
                            share_text(&view.exact, link)
                        );
                        if ui.link(text).clicked() {
                            open_pair(corpus, parent, child, commands);
                        }
                    }
                });
        });
}

/// The ranked sources of the selected document, each opening the pair.
fn sources_list(
    ui: &mut egui::Ui,
    lang: Lang,
    analysis: &Analysis,
    sel: usize,
    commands: &mut Vec<Command>,
) {
    let t = lang.texts();
    let corpus = &*analysis.corpus;
    let sources = analysis.sources.get(sel).map_or(&[][..], Vec::as_slice);
    ui.horizontal(|ui| {
        ui.strong(format!("{} {}", t.sources_of, corpus.docs[sel].label));
        if ui.button(t.trace.corpus_button).clicked() {
            commands.push(Command::Trace(TraceCommand::Corpus(sel)));
        }
    });
    if sources.is_empty() {
        ui.weak(t.none);
    }
    egui::ScrollArea::vertical()
        .id_salt("corpus_sources")
        .max_height(90.0)
        .show(ui, |ui| {
            for c in sources {
                let relation = match c.relation {
                    Relation::Parent => t.relation_parent,
                    Relation::Child => t.relation_child,
                    Relation::Duplicate => t.relation_duplicate,
                    Relation::SharesWording => t.relation_shares_wording,
                };
                let text = format!(
                    "{relation}: {}  {}  ≈{:.0}%",
                    corpus.docs[c.doc].label,
                    label_text(corpus, c.doc, 16),
                    c.covered * 100.0
                );
                if ui.link(text).clicked() {
                    match c.relation {
                        Relation::Child => open_pair(corpus, sel, c.doc, commands),
                        _ => open_pair(corpus, c.doc, sel, commands),
                    }
                }
            }
        });
}
