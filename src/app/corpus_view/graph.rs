//! The lineage graph, laid out to stay readable with many documents: one column per level
//! (national, province, city, county, each document at least one right of the one it
//! derives from) and one row per document, each family's documents under their source. Every
//! arrow runs from a child's left edge along its own row to a trunk in the gap right of its
//! parent's column and up to the parent, so no line passes under a document; the share
//! inherited sits on it just before the child. Documents that only share wording are joined
//! by a dashed line without direction, routed right of all columns. The graph scrolls;
//! Ctrl+wheel zooms. Click a node for its sources, an arrow's share for the pair, a dashed
//! line's mark for the trace of one of the two against the corpus.

use std::collections::HashMap;

use egui::{Pos2, Rect, Sense, Shape, Stroke, pos2, vec2};

use super::{CorpusCommand, GraphView, label_text, open_pair, share_text};
use crate::app::Command;
use crate::app::i18n::Lang;
use crate::app::task::Analysis;
use crate::corpus::Corpus;

/// Characters of a title on a node.
const NODE_CHARS: usize = 12;
/// Row pitch, node height, the gap between columns and the room right of them (points at
/// zoom 1).
const ROW: f32 = 26.0;
const NODE_H: f32 = 20.0;
const GUTTER: f32 = 58.0;
const LANE: f32 = 7.0;
const LANES: usize = 6;
const MARGIN: f32 = 8.0;

/// Where everything goes at zoom 1, relative to the canvas' top left.
struct Layout {
    nodes: Vec<Rect>,
    /// Right edge of each (used) column.
    column_right: Vec<f32>,
    column: Vec<usize>,
    /// x of the dashed lines' first lane.
    lanes_x: f32,
    size: egui::Vec2,
}

/// Rows in family order: each root followed by its descendants (depth first), linked
/// families first, then the documents without links; each by column, level and date.
fn rows(corpus: &Corpus, links: &[(usize, usize, f64)], column: &[usize]) -> Vec<usize> {
    let n = corpus.docs.len();
    let mut parent = vec![None; n];
    let mut children: Vec<Vec<usize>> = vec![Vec::new(); n];
    for &(c, p, _) in links {
        if c < n && p < n && parent[c].is_none() {
            parent[c] = Some(p);
            children[p].push(c);
        }
    }
    let key = |&i: &usize| {
        let d = &corpus.docs[i];
        (
            column[i],
            std::cmp::Reverse(d.level),
            d.date,
            d.title.clone(),
        )
    };
    for list in &mut children {
        list.sort_by_key(key);
    }
    let mut roots: Vec<usize> = (0..n).filter(|&i| parent[i].is_none()).collect();
    roots.sort_by_key(|&i| (children[i].is_empty(), key(&i)));
    let mut seen = vec![false; n];
    let mut out = Vec::with_capacity(n);
    // Documents on a cycle (which the ranking should not produce) have no root: they follow.
    for start in roots.into_iter().chain(0..n) {
        let mut stack = vec![start];
        while let Some(i) = stack.pop() {
            if std::mem::replace(&mut seen[i], true) {
                continue;
            }
            out.push(i);
            stack.extend(children[i].iter().rev());
        }
    }
    out
}

fn layout(analysis: &Analysis, widths: &[f32], shared: bool) -> Layout {
    let corpus = &*analysis.corpus;
    let n = corpus.docs.len();
    // Columns no document uses are left out.
    let mut used: Vec<usize> = analysis.column.clone();
    used.sort_unstable();
    used.dedup();
    let column: Vec<usize> = analysis
        .column
        .iter()
        .map(|c| used.binary_search(c).unwrap_or(0))
        .collect();
    let mut width = vec![0.0f32; used.len()];
    for i in 0..n {
        width[column[i]] = width[column[i]].max(widths[i]);
    }
    let mut left = Vec::with_capacity(used.len());
    let mut x = MARGIN;
    for w in &width {
        left.push(x);
        x += w + GUTTER;
    }
    let column_right: Vec<f32> = left.iter().zip(&width).map(|(l, w)| l + w).collect();
    let lanes_x = x - GUTTER + 16.0;
    let mut nodes = vec![Rect::NOTHING; n];
    let order = rows(corpus, &analysis.links, &column);
    for (row, &i) in order.iter().enumerate() {
        nodes[i] = Rect::from_min_size(
            pos2(left[column[i]], MARGIN + row as f32 * ROW),
            vec2(widths[i], NODE_H),
        );
    }
    let right = if shared {
        lanes_x + LANE * LANES as f32 + MARGIN
    } else {
        x - GUTTER + MARGIN
    };
    Layout {
        nodes,
        column_right,
        column,
        lanes_x,
        size: vec2(right, MARGIN * 2.0 + n as f32 * ROW),
    }
}

/// The graph; zoom and selection come back as commands.
pub(super) fn show(
    ui: &mut egui::Ui,
    lang: Lang,
    analysis: &Analysis,
    exact: &HashMap<(usize, usize), f64>,
    view: GraphView,
    max_height: f32,
    commands: &mut Vec<Command>,
) {
    let corpus = &*analysis.corpus;
    let links = &analysis.links;
    let mut g = view;
    let n = corpus.docs.len();
    let zoom = g.zoom;
    let visuals = ui.visuals().clone();
    let font = egui::FontId::proportional((12.0 * zoom).clamp(5.0, 40.0));
    let galleys: Vec<_> = (0..n)
        .map(|i| {
            ui.painter().layout_no_wrap(
                label_text(corpus, i, NODE_CHARS),
                font.clone(),
                visuals.text_color(),
            )
        })
        .collect();
    let widths: Vec<f32> = galleys.iter().map(|g| g.size().x / zoom + 12.0).collect();
    let lay = layout(analysis, &widths, !analysis.shared.is_empty());
    egui::ScrollArea::both()
        .id_salt("lineage_graph")
        .max_height(max_height)
        .auto_shrink([false, true])
        .show(ui, |ui| {
            let size = lay.size * zoom;
            let size = vec2(size.x.max(ui.available_width()), size.y);
            let (canvas, bg) = ui.allocate_exact_size(size, Sense::click());
            bg.widget_info(|| {
                egui::WidgetInfo::labeled(
                    egui::Role::Canvas,
                    true,
                    lang.texts().corpus.graph_canvas,
                )
            });
            let painter = ui.painter_at(canvas);
            painter.rect_filled(canvas, 4.0, visuals.extreme_bg_color);
            if bg.hovered() {
                let factor = ui.input(|i| i.zoom_delta());
                if factor != 1.0 {
                    g.zoom = (g.zoom * factor).clamp(0.3, 3.0);
                }
            }
            let at = |p: Pos2| canvas.min + p.to_vec2() * zoom;
            let nodes: Vec<Rect> = lay
                .nodes
                .iter()
                .map(|r| Rect::from_min_max(at(r.min), at(r.max)))
                .collect();
            let id = ui.scope_id().with("lineage_graph");
            let mut hovered = None;
            let node_responses: Vec<egui::Response> = nodes
                .iter()
                .enumerate()
                .map(|(i, rect)| {
                    let r = ui.interact(*rect, id.with(("node", i)), Sense::click());
                    let label = format!("{} · {}", corpus.docs[i].label, corpus.docs[i].title);
                    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &label));
                    if r.hovered() {
                        hovered = Some(i);
                    }
                    if r.clicked() {
                        g.selected = if g.selected == Some(i) { None } else { Some(i) };
                    }
                    r
                })
                .collect();
            let focus = hovered.or(g.selected);
            let accent = visuals.selection.bg_fill;
            let dim = visuals.weak_text_color();
            // Shares wording: dashed, right of every column, lit only around the focus; when
            // there are many, only the focus' are drawn.
            let crowded = analysis.shared.len() > 2 * LANES;
            for (k, &(a, b, share)) in analysis.shared.iter().enumerate() {
                let lit = focus.is_some_and(|f| f == a || f == b);
                if crowded && !lit {
                    continue;
                }
                let color = if lit {
                    accent
                } else {
                    dim.gamma_multiply(0.45)
                };
                let x = canvas.min.x + (lay.lanes_x + LANE * (k % LANES) as f32) * zoom;
                let (pa, pb) = (nodes[a].right_center(), nodes[b].right_center());
                let dash = (5.0 * zoom).clamp(2.0, 12.0);
                painter.extend(Shape::dashed_line(
                    &[pa, pos2(x, pa.y), pos2(x, pb.y), pb],
                    Stroke::new(if lit { 2.0 } else { 1.0 }, color),
                    dash,
                    dash * 0.8,
                ));
                let mark = Rect::from_center_size(
                    pos2(x, (pa.y + pb.y) / 2.0),
                    vec2(12.0, 12.0) * zoom.max(0.6),
                );
                let r = ui.interact(mark, id.with(("shared", a, b)), Sense::click());
                let name =
                    lang.shares_wording_with(&corpus.docs[a].label, &corpus.docs[b].label, share);
                r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
                painter.circle_filled(mark.center(), mark.width() / 4.0, visuals.extreme_bg_color);
                painter.circle_stroke(
                    mark.center(),
                    mark.width() / 4.0,
                    Stroke::new(1.0, if r.hovered() { accent } else { color }),
                );
                if r.clicked() {
                    let traced = if focus == Some(b) { b } else { a };
                    commands.push(Command::Trace(
                        crate::app::trace_view::TraceCommand::Corpus(traced),
                    ));
                }
                r.on_hover_text(format!(
                    "{}\n{}\n{name}",
                    corpus.docs[a].title, corpus.docs[b].title
                ))
                .on_hover_cursor(egui::CursorIcon::PointingHand);
            }
            // Arrows: from the child's left edge along its row, up the trunk right of the
            // parent's column, into the parent's right edge.
            for &link in links.iter() {
                let (child, parent, _) = link;
                let lit = focus.is_some_and(|f| f == child || f == parent);
                let color = if lit {
                    accent
                } else if focus.is_some() {
                    dim.gamma_multiply(0.5)
                } else {
                    visuals.text_color().gamma_multiply(0.7)
                };
                let trunk = canvas.min.x + (lay.column_right[lay.column[parent]] + 6.0) * zoom;
                let (from, to) = (nodes[child].left_center(), nodes[parent].right_center());
                let stroke = Stroke::new(if lit { 2.5 } else { 1.3 }, color);
                painter.add(Shape::line(
                    vec![from, pos2(trunk, from.y), pos2(trunk, to.y)],
                    stroke,
                ));
                painter.arrow(pos2(trunk, to.y), to - pos2(trunk, to.y), stroke);
                let text = share_text(exact, link);
                let galley = painter.layout_no_wrap(text, font.clone(), color);
                let rect = Rect::from_min_size(
                    pos2(
                        from.x - galley.size().x - 8.0,
                        from.y - galley.size().y / 2.0 - 1.0,
                    ),
                    galley.size() + vec2(6.0, 2.0),
                );
                let r = ui.interact(rect, id.with(("link", child, parent)), Sense::click());
                let name = lang.derives_from(
                    &corpus.docs[child].label,
                    &corpus.docs[parent].label,
                    &share_text(exact, link),
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
            // Nodes last, over the lines' ends.
            for (i, response) in node_responses.into_iter().enumerate() {
                let r = nodes[i];
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
                    r.left_center() + vec2(6.0 * zoom, -galleys[i].size().y / 2.0),
                    galleys[i].clone(),
                    visuals.text_color(),
                );
                let doc = &corpus.docs[i];
                response.on_hover_text(format!("{}\n{}", doc.title, doc.label));
            }
            if bg.clicked() && hovered.is_none() {
                g.selected = None;
            }
        });
    if g.selected != view.selected {
        commands.push(Command::Corpus(CorpusCommand::Select(g.selected)));
    }
    if g.zoom != view.zoom {
        commands.push(Command::Corpus(CorpusCommand::Zoom(g.zoom)));
    }
}
