//! The lineage graph: documents in layers by derived-from depth (parents above children), an
//! arrow from each child to its parent labelled with the share inherited, and a dashed line,
//! without direction, between documents that only share wording. Pan by dragging, zoom with
//! the scroll wheel; click a node for its sources, an arrow's label for the pair, a dashed
//! line's mark for the trace of one of the two against the corpus.

use std::collections::HashMap;

use egui::{Pos2, Rect, Sense, Stroke, pos2, vec2};

use super::{CorpusCommand, GraphView, open_pair, share_text, short_title};
use crate::app::Command;
use crate::app::i18n::Lang;
use crate::app::task::Analysis;
use crate::corpus::Corpus;

/// Horizontal distance between node centres and vertical distance between layers (points).
const NODE_DX: f32 = 150.0;
const LAYER_DY: f32 = 80.0;

/// The layered graph; pan, zoom and selection come back as commands.
pub(super) fn show(
    ui: &mut egui::Ui,
    lang: Lang,
    analysis: &Analysis,
    exact: &HashMap<(usize, usize), f64>,
    view: GraphView,
    commands: &mut Vec<Command>,
) {
    let corpus = &*analysis.corpus;
    let (links, depth) = (&analysis.links, &analysis.depth);
    let mut g = view;
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
            g.selected = if g.selected == Some(i) { None } else { Some(i) };
        }
        r.on_hover_text(label);
    }
    let focus = hovered.or(g.selected);
    let accent = visuals.selection.bg_fill;
    let dim = visuals.weak_text_color();
    // Shares wording: dashed, under the arrows, lit only around the document in focus.
    for &(a, b, share) in &analysis.shared {
        let lit = focus.is_some_and(|f| f == a || f == b);
        let color = if lit {
            accent
        } else {
            dim.gamma_multiply(0.45)
        };
        let (from, to) = (node_rects[a].center(), node_rects[b].center());
        let dash = (6.0 * zoom).clamp(2.0, 12.0);
        painter.extend(egui::Shape::dashed_line(
            &[from, to],
            Stroke::new(if lit { 2.0 } else { 1.0 }, color),
            dash,
            dash * 0.8,
        ));
        let mark =
            Rect::from_center_size(from + (to - from) * 0.5, vec2(12.0, 12.0) * zoom.max(0.6));
        if !canvas.intersects(mark) {
            continue;
        }
        let r = ui.interact(
            mark.intersect(canvas),
            id.with(("shared", a, b)),
            Sense::click(),
        );
        let name = lang.shares_wording_with(&corpus.docs[a].label, &corpus.docs[b].label, share);
        r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Button, true, &name));
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
    // Arrows: child (lower) → parent (upper).
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
    }
    if g.selected != view.selected {
        commands.push(Command::Corpus(CorpusCommand::Select(g.selected)));
    }
    if g.pan != view.pan || g.zoom != view.zoom {
        commands.push(Command::Corpus(CorpusCommand::View {
            pan: g.pan,
            zoom: g.zoom,
        }));
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
