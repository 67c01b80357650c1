//! Corpus window (File → Corpus…): index a folder in the background (progress, cancel), then
//! show the lineage graph (documents as nodes in layers by derived-from depth, parents above
//! children, arrows from child to parent labelled with the share inherited), a list of the
//! same links, the sources of a selected document and the similarity heat map of all pairs.
//! Clicking an arrow, a link, a source or a cell opens that pair side by side. The exact
//! inherited shares of the links come from the aligner in the background (cached); the
//! shingle estimate (marked ≈) is shown meanwhile. The state lives in egui's memory, so the
//! app needs only two one-line hooks.

use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;

use egui::{Color32, Pos2, Rect, Sense, Stroke, Vec2, pos2, vec2};

use super::Command;
use super::i18n::Lang;
use super::task::DocSource;
use crate::corpus::matrix::{Matrix, matrix};
use crate::corpus::sources::{Candidate, Options, Relation, rank};
use crate::corpus::{Corpus, CorpusError, Progress};

/// Links whose exact share is computed in the background, at most.
const MAX_EXACT: usize = 200;
/// Horizontal distance between node centres and vertical distance between layers (points).
const NODE_DX: f32 = 150.0;
const LAYER_DY: f32 = 80.0;
/// Characters of a title shown on a node.
const SHORT_TITLE: usize = 10;

/// A running build: its thread and its progress.
type Building = (JoinHandle<Result<Corpus, CorpusError>>, Arc<Progress>);

/// Exact inherited shares, by (child, parent), filled in by a background thread.
#[derive(Default)]
struct Exact {
    shares: Mutex<HashMap<(usize, usize), f64>>,
    cancel: AtomicBool,
    done: AtomicBool,
}

struct Graph {
    pan: Vec2,
    zoom: f32,
    selected: Option<usize>,
    /// The ranked sources of `selected`.
    sources: Vec<Candidate>,
}

impl Default for Graph {
    fn default() -> Self {
        Self {
            pan: Vec2::ZERO,
            zoom: 1.0,
            selected: None,
            sources: Vec::new(),
        }
    }
}

#[derive(Default)]
struct State {
    open: bool,
    building: Option<Building>,
    corpus: Option<Corpus>,
    matrix: Option<Matrix>,
    /// (child, parent, estimated share of the child found in the parent)
    links: Vec<(usize, usize, f64)>,
    /// Layer (derived-from depth) of every document.
    depth: Vec<usize>,
    exact: Arc<Exact>,
    graph: Graph,
    message: Option<String>,
}

type Shared = Arc<Mutex<State>>;

fn state(ctx: &egui::Context) -> Shared {
    ctx.data_mut(|d| {
        d.get_temp_mut_or_default::<Shared>(egui::Id::unique("corpus_view"))
            .clone()
    })
}

fn tr(lang: Lang, zh: &'static str, en: &'static str) -> &'static str {
    match lang {
        Lang::Zh => zh,
        Lang::En => en,
    }
}

/// The File-menu entry.
pub fn menu_entry(ui: &mut egui::Ui, lang: Lang) {
    if ui.button(tr(lang, "语料库…", "Corpus…")).clicked() {
        let shared = state(ui.ctx());
        if let Ok(mut s) = shared.lock() {
            s.open = true;
        }
    }
}

/// Shows `corpus` in the window (opening it): for a corpus indexed elsewhere, and for tests.
pub fn set_corpus(ctx: &egui::Context, corpus: Corpus) {
    let shared = state(ctx);
    if let Ok(mut s) = shared.lock() {
        s.open = true;
        finish(&mut s, corpus, ctx);
    }
}

fn start(s: &mut State) {
    // The folder dialog blocks; it runs on the indexing thread, before the build.
    let progress = Arc::new(Progress::default());
    let shared = progress.clone();
    let handle = std::thread::spawn(move || {
        let Some(folder) = rfd::FileDialog::new().pick_folder() else {
            return Err(CorpusError::Cancelled);
        };
        Corpus::open_indexed(&[folder], None, &shared)
    });
    s.building = Some((handle, progress));
    s.message = None;
}

/// Derived-from depth of every document: 0 for one with no parent, else its parent's + 1.
pub fn layers(n: usize, links: &[(usize, usize, f64)]) -> Vec<usize> {
    let mut parent = vec![None; n];
    for &(child, p, _) in links {
        parent[child] = Some(p);
    }
    (0..n)
        .map(|i| {
            let mut depth = 0;
            let mut at = i;
            // Bounded walk: a cycle (which the ranking should not produce) stops at n steps.
            while let Some(p) = parent[at] {
                if depth >= n {
                    break;
                }
                depth += 1;
                at = p;
            }
            depth
        })
        .collect()
}

fn finish(s: &mut State, corpus: Corpus, ctx: &egui::Context) {
    let options = Options {
        compare_top: 0,
        ..Options::default()
    };
    s.links = (0..corpus.docs.len())
        .filter_map(|i| {
            let best = rank(&corpus, &corpus.docs[i], &options)
                .into_iter()
                .find(|c| c.relation == Relation::Parent)?;
            Some((i, best.doc, best.covered))
        })
        .collect();
    s.depth = layers(corpus.docs.len(), &s.links);
    s.matrix = Some(matrix(&corpus));
    s.message = Some(format!("{} documents", corpus.docs.len()));
    s.graph = Graph::default();
    s.exact.cancel.store(true, Ordering::Relaxed);
    s.exact = Arc::new(Exact::default());
    spawn_exact(
        &s.exact,
        &corpus,
        s.links
            .iter()
            .take(MAX_EXACT)
            .map(|&(c, p, _)| (c, p))
            .collect(),
        ctx.clone(),
    );
    s.corpus = Some(corpus);
}

/// Compares the linked pairs in full on a background thread, one at a time.
fn spawn_exact(
    exact: &Arc<Exact>,
    corpus: &Corpus,
    pairs: Vec<(usize, usize)>,
    ctx: egui::Context,
) {
    let exact = exact.clone();
    let refs: Vec<_> = pairs
        .into_iter()
        .map(|(c, p)| {
            (
                (c, p),
                corpus.docs[c].reference.clone(),
                corpus.docs[p].reference.clone(),
            )
        })
        .collect();
    std::thread::spawn(move || {
        for (key, child, parent) in refs {
            if exact.cancel.load(Ordering::Relaxed) {
                return;
            }
            let (Ok(child), Ok(parent)) = (
                crate::Document::open_ref(&child),
                crate::Document::open_ref(&parent),
            ) else {
                continue;
            };
            let share = crate::compare::compare(&parent, &child).summary.inherited;
            if let Ok(mut m) = exact.shares.lock() {
                m.insert(key, share);
            }
            ctx.request_repaint();
        }
        exact.done.store(true, Ordering::Relaxed);
        ctx.request_repaint();
    });
}

fn open_pair(corpus: &Corpus, parent: usize, child: usize, commands: &mut Vec<Command>) {
    commands.push(Command::OpenPair(
        DocSource::File(corpus.docs[parent].reference.clone()),
        DocSource::File(corpus.docs[child].reference.clone()),
    ));
}

/// A node's text: the title cut to a few characters, or the file label.
fn short_title(corpus: &Corpus, i: usize) -> String {
    let doc = &corpus.docs[i];
    let title = doc.title.trim();
    if title.is_empty() {
        return doc.label.clone();
    }
    let mut short: String = title.chars().take(SHORT_TITLE).collect();
    if title.chars().count() > SHORT_TITLE {
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
pub fn show(ui: &mut egui::Ui, lang: Lang, commands: &mut Vec<Command>) {
    let ctx = ui.ctx().clone();
    let shared = state(&ctx);
    let Ok(mut guard) = shared.lock() else {
        return;
    };
    let s = &mut *guard;
    if !s.open {
        return;
    }
    if s.building.as_ref().is_some_and(|(h, _)| h.is_finished())
        && let Some((handle, _)) = s.building.take()
    {
        match handle.join() {
            Ok(Ok(corpus)) => finish(s, corpus, &ctx),
            Ok(Err(e)) => s.message = Some(e.to_string()),
            Err(_) => s.message = Some("indexing failed".into()),
        }
    }
    let mut open = s.open;
    egui::Window::new(tr(lang, "语料库", "Corpus"))
        .open(&mut open)
        .default_width(760.0)
        .default_height(760.0)
        .show(&ctx, |ui| {
            if let Some((_, progress)) = &s.building {
                let total = progress.total.load(Ordering::Relaxed);
                let done = progress.done.load(Ordering::Relaxed);
                ui.add(egui::ProgressBar::new(done as f32 / total.max(1) as f32).show_percentage());
                if ui.button(tr(lang, "取消", "Cancel")).clicked() {
                    progress.cancel.store(true, Ordering::Relaxed);
                }
                ctx.request_repaint_after(std::time::Duration::from_millis(100));
                return;
            }
            if ui.button(tr(lang, "打开文件夹…", "Open folder…")).clicked() {
                start(s);
            }
            if let Some(m) = &s.message {
                ui.label(m);
            }
            let Some(corpus) = &s.corpus else {
                return;
            };
            let exact = s.exact.shares.lock().map(|m| m.clone()).unwrap_or_default();
            ui.separator();
            ui.horizontal(|ui| {
                ui.strong(tr(
                    lang,
                    "谱系图（子 → 父，继承比例）",
                    "Lineage (child → parent, share inherited)",
                ));
                if !s.exact.done.load(Ordering::Relaxed) {
                    ui.spinner();
                    ui.weak(tr(
                        lang,
                        "≈ 为估计值，正在精确比对…",
                        "≈ estimated; comparing…",
                    ));
                }
                if ui
                    .small_button(tr(lang, "复位视图", "Reset view"))
                    .clicked()
                {
                    s.graph.pan = Vec2::ZERO;
                    s.graph.zoom = 1.0;
                }
            });
            graph(
                ui,
                corpus,
                &mut s.graph,
                &s.links,
                &s.depth,
                &exact,
                commands,
            );
            if let Some(sel) = s.graph.selected {
                sources_list(ui, lang, corpus, sel, &s.graph.sources, commands);
            }
            egui::CollapsingHeader::new(tr(lang, "链接列表", "Links as a list"))
                .default_open(true)
                .show(ui, |ui| {
                    egui::ScrollArea::vertical()
                        .id_salt("corpus_links")
                        .max_height(110.0)
                        .show(ui, |ui| {
                            for &link in &s.links {
                                let (child, parent, _) = link;
                                let text = format!(
                                    "{} → {}   {}",
                                    corpus.docs[child].label,
                                    corpus.docs[parent].label,
                                    share_text(&exact, link)
                                );
                                if ui.link(text).clicked() {
                                    open_pair(corpus, parent, child, commands);
                                }
                            }
                        });
                });
            if let Some(m) = &s.matrix {
                ui.separator();
                ui.strong(tr(
                    lang,
                    "相似度矩阵（行被列覆盖）",
                    "Similarity (row covered by column)",
                ));
                heat_map(ui, corpus, m, commands);
            }
        });
    s.open = open;
}

/// The layered graph: pan by dragging, zoom with the scroll wheel.
fn graph(
    ui: &mut egui::Ui,
    corpus: &Corpus,
    g: &mut Graph,
    links: &[(usize, usize, f64)],
    depth: &[usize],
    exact: &HashMap<(usize, usize), f64>,
    commands: &mut Vec<Command>,
) {
    let n = corpus.docs.len();
    let width = ui.available_width().max(200.0);
    let (layout, bottom) = layout(corpus, links, depth, width);
    let height = (bottom + 60.0).clamp(160.0, 460.0);
    let (canvas, bg) = ui.allocate_exact_size(vec2(width, height), Sense::click_and_drag());
    let visuals = ui.visuals().clone();
    let painter = ui.painter_at(canvas);
    painter.rect_filled(canvas, 4.0, visuals.extreme_bg_color);
    if bg.dragged() {
        g.pan += bg.drag_delta();
    }
    if bg.hovered() {
        let (scroll, zoom) = ui.input(|i| (i.smooth_scroll_delta.y, i.zoom_delta()));
        let factor = zoom * (scroll / 400.0).exp();
        if factor != 1.0 {
            let old = g.zoom;
            let new = (old * factor).clamp(0.2, 4.0);
            // Zoom about the pointer.
            if let Some(p) = bg.hover_pos() {
                let origin = canvas.center_top() + vec2(0.0, 40.0);
                let rel = p - origin - g.pan;
                g.pan -= rel * (new / old - 1.0);
            }
            g.zoom = new;
        }
    }
    let zoom = g.zoom;
    let origin = canvas.center_top() + vec2(0.0, 40.0) + g.pan;
    let mut pos = vec![Pos2::ZERO; n];
    for (i, p) in layout.iter().enumerate() {
        pos[i] = origin + p.to_vec2() * zoom;
    }
    let font = egui::FontId::proportional((12.0 * zoom).clamp(6.0, 40.0));
    let galleys: Vec<_> = (0..n)
        .map(|i| painter.layout_no_wrap(short_title(corpus, i), font.clone(), visuals.text_color()))
        .collect();
    let node_rects: Vec<Rect> = (0..n)
        .map(|i| Rect::from_center_size(pos[i], galleys[i].size() + vec2(12.0, 8.0) * zoom))
        .collect();
    // Interaction: nodes first, arrow labels after (they win where they overlap).
    let id = ui.scope_id().with("lineage_graph");
    let mut hovered = None;
    for (i, rect) in node_rects.iter().enumerate() {
        if !canvas.intersects(*rect) {
            continue;
        }
        let r = ui.interact(rect.intersect(canvas), id.with(("node", i)), Sense::click());
        let label = format!("{} · {}", corpus.docs[i].label, corpus.docs[i].title);
        r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
        if r.hovered() {
            hovered = Some(i);
        }
        if r.clicked() {
            if g.selected == Some(i) {
                g.selected = None;
                g.sources.clear();
            } else {
                g.selected = Some(i);
                let options = Options {
                    compare_top: 0,
                    ..Options::default()
                };
                g.sources = rank(corpus, &corpus.docs[i], &options);
            }
        }
        r.on_hover_text(label);
    }
    let focus = hovered.or(g.selected);
    let accent = visuals.selection.bg_fill;
    let dim = visuals.weak_text_color();
    // Arrows: child (lower) → parent (upper).
    for &link in links {
        let (child, parent, _) = link;
        let lit = focus.is_some_and(|f| f == child || f == parent);
        let color = if lit {
            accent
        } else if focus.is_some() {
            dim.gamma_multiply(0.5)
        } else {
            visuals.text_color().gamma_multiply(0.7)
        };
        let from = node_rects[child].center_top();
        let to = node_rects[parent].center_bottom();
        let from = if from.y > to.y {
            from
        } else {
            node_rects[child].center()
        };
        let to = if from.y > to.y {
            to
        } else {
            node_rects[parent].center()
        };
        let stroke = Stroke::new(if lit { 2.5 } else { 1.3 }, color);
        painter.arrow(from, to - from, stroke);
        // The label, clickable.
        let text = share_text(exact, link);
        let galley = painter.layout_no_wrap(text, font.clone(), color);
        let mid = from + (to - from) * 0.5;
        let rect = Rect::from_center_size(mid, galley.size() + vec2(6.0, 2.0));
        if !canvas.intersects(rect) {
            continue;
        }
        let r = ui.interact(
            rect.intersect(canvas),
            id.with(("link", child, parent)),
            Sense::click(),
        );
        let name = format!(
            "{} derives from {} ({})",
            corpus.docs[child].label,
            corpus.docs[parent].label,
            share_text(exact, link)
        );
        r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
        let fill = if r.hovered() {
            visuals.widgets.hovered.bg_fill
        } else {
            visuals.extreme_bg_color
        };
        painter.rect_filled(rect, 3.0, fill);
        painter.galley(rect.min + vec2(3.0, 1.0), galley, color);
        if r.clicked() {
            open_pair(corpus, parent, child, commands);
        }
        r.on_hover_text(format!(
            "{}\n→ {}\n{}",
            corpus.docs[child].title,
            corpus.docs[parent].title,
            share_text(exact, link)
        ))
        .on_hover_cursor(egui::CursorIcon::PointingHand);
    }
    // Nodes on top of the arrows.
    for i in 0..n {
        let r = node_rects[i];
        if !canvas.intersects(r) {
            continue;
        }
        let selected = g.selected == Some(i);
        let (fill, stroke) = if selected || hovered == Some(i) {
            (visuals.selection.bg_fill, visuals.selection.stroke)
        } else {
            (
                visuals.widgets.inactive.bg_fill,
                visuals.widgets.inactive.bg_stroke,
            )
        };
        painter.rect(r, 4.0 * zoom, fill, stroke, egui::StrokeKind::Inside);
        painter.galley(
            r.center() - galleys[i].size() / 2.0,
            galleys[i].clone(),
            visuals.text_color(),
        );
    }
    if bg.clicked() && hovered.is_none() {
        g.selected = None;
        g.sources.clear();
    }
}

/// Node centres at zoom 1, relative to the top centre of the graph, and the lowest y. Linked
/// documents sit in layers by derived-from depth (parents above children; a layer ordered by
/// issuing level, then date); documents with no link go in compact rows below. Rows wider
/// than `width` wrap.
fn layout(
    corpus: &Corpus,
    links: &[(usize, usize, f64)],
    depth: &[usize],
    width: f32,
) -> (Vec<Pos2>, f32) {
    let n = corpus.docs.len();
    let mut linked = vec![false; n];
    for &(c, p, _) in links {
        linked[c] = true;
        linked[p] = true;
    }
    let mut rows: Vec<Vec<usize>> = Vec::new();
    let mut alone = Vec::new();
    for (i, &is_linked) in linked.iter().enumerate() {
        if !is_linked {
            alone.push(i);
            continue;
        }
        let d = depth.get(i).copied().unwrap_or(0);
        if rows.len() <= d {
            rows.resize(d + 1, Vec::new());
        }
        rows[d].push(i);
    }
    let per_line = ((width / NODE_DX) as usize).max(1);
    let mut pos = vec![Pos2::ZERO; n];
    let mut y = 0.0;
    let mut place = |row: &[usize], dy: f32, y: &mut f32| {
        for line in row.chunks(per_line) {
            let count = line.len() as f32;
            for (k, &i) in line.iter().enumerate() {
                pos[i] = pos2((k as f32 - (count - 1.0) / 2.0) * NODE_DX, *y);
            }
            *y += dy;
        }
    };
    let order = |row: &mut Vec<usize>| {
        row.sort_by_key(|&i| (std::cmp::Reverse(corpus.docs[i].level), corpus.docs[i].date));
    };
    for mut row in rows.into_iter().filter(|r| !r.is_empty()) {
        order(&mut row);
        place(&row, LAYER_DY, &mut y);
    }
    if !alone.is_empty() {
        order(&mut alone);
        if y > 0.0 {
            y += 10.0;
        }
        place(&alone, 36.0, &mut y);
    }
    (pos, y)
}

/// The ranked sources of the selected document, each opening the pair.
fn sources_list(
    ui: &mut egui::Ui,
    lang: Lang,
    corpus: &Corpus,
    sel: usize,
    sources: &[Candidate],
    commands: &mut Vec<Command>,
) {
    ui.strong(format!(
        "{} {}",
        tr(lang, "来源：", "Sources of"),
        corpus.docs[sel].label
    ));
    if sources.is_empty() {
        ui.weak(tr(lang, "（无）", "(none)"));
    }
    egui::ScrollArea::vertical()
        .id_salt("corpus_sources")
        .max_height(90.0)
        .show(ui, |ui| {
            for c in sources {
                let relation = match c.relation {
                    Relation::Parent => tr(lang, "父", "parent"),
                    Relation::Child => tr(lang, "子", "child"),
                    Relation::Duplicate => tr(lang, "副本", "duplicate"),
                };
                let text = format!(
                    "{relation}: {}  {}  ≈{:.0}%",
                    corpus.docs[c.doc].label,
                    short_title(corpus, c.doc),
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

fn heat_map(ui: &mut egui::Ui, corpus: &Corpus, m: &Matrix, commands: &mut Vec<Command>) {
    let n = m.share.len();
    if n == 0 {
        return;
    }
    let cell = (360.0 / n as f32).clamp(6.0, 24.0);
    egui::ScrollArea::both()
        .id_salt("corpus_heat_map")
        .max_height(380.0)
        .show(ui, |ui| {
            let (rect, response) =
                ui.allocate_exact_size(vec2(cell * n as f32, cell * n as f32), Sense::click());
            let painter = ui.painter_at(rect);
            // Only the visible cells are drawn.
            let clip = ui.clip_rect().intersect(rect);
            let range = |lo: f32, hi: f32, base: f32| {
                let a = (((lo - base) / cell).floor().max(0.0)) as usize;
                let b = ((((hi - base) / cell).ceil()).max(0.0) as usize).min(n);
                a..b
            };
            let hover = response.hover_pos();
            let at = |pos: Pos2| {
                let j = ((pos.x - rect.min.x) / cell) as usize;
                let i = ((pos.y - rect.min.y) / cell) as usize;
                (pos.x >= rect.min.x && pos.y >= rect.min.y && i < n && j < n).then_some((i, j))
            };
            let hovered = hover.and_then(at);
            for i in range(clip.min.y, clip.max.y, rect.min.y) {
                for j in range(clip.min.x, clip.max.x, rect.min.x) {
                    let v = m.share[i][j];
                    let r = Rect::from_min_size(
                        rect.min + vec2(j as f32 * cell, i as f32 * cell),
                        vec2(cell - 1.0, cell - 1.0),
                    );
                    let level = (v.clamp(0.0, 1.0) * 255.0) as u8;
                    let mut color = Color32::from_rgb(level, 80, 255 - level);
                    if hovered.is_some_and(|(hi, hj)| (hi == i) != (hj == j)) {
                        color = color.gamma_multiply(0.7);
                    }
                    painter.rect_filled(r, 0.0, color);
                }
            }
            if let Some((i, j)) = hovered {
                let r = Rect::from_min_size(
                    rect.min + vec2(j as f32 * cell, i as f32 * cell),
                    vec2(cell - 1.0, cell - 1.0),
                );
                painter.rect_stroke(
                    r,
                    0.0,
                    Stroke::new(1.5, Color32::WHITE),
                    egui::StrokeKind::Outside,
                );
                response.clone().on_hover_text(format!(
                    "{} ({})\n⊂ {} ({})\n{:.0}%",
                    corpus.docs[i].label,
                    short_title(corpus, i),
                    corpus.docs[j].label,
                    short_title(corpus, j),
                    m.share[i][j] * 100.0
                ));
            }
            if response.clicked()
                && let Some((i, j)) = response.interact_pointer_pos().and_then(at)
                && i != j
            {
                // Row i is the child, column j the document covering it.
                open_pair(corpus, j, i, commands);
            }
        });
}
