//! Highlights drawn over the text: the hovered span and its source in the parent (joined by a
//! line through the gutter), the flash after a jump, find hits, the spans of the selected
//! substitution, and a wavy underline under the child text each check points at.

use std::ops::Range;

use egui::{Color32, Rect, Shape, Stroke, pos2};

use super::text::range_rects;
use super::{FLASH_SECONDS, Layers, Placed};
use crate::app::App;
use crate::app::model::{Model, Side};
use crate::app::palette::Palette;
use crate::compare::Span;

#[allow(clippy::too_many_arguments)]
pub(super) fn paint(
    ui: &egui::Ui,
    app: &App,
    model: &Model,
    palette: &Palette,
    placed: &[Placed],
    hovered_span: Option<usize>,
    origin: egui::Pos2,
    layers: &mut Layers,
) {
    let cols = app.geometry.cols;
    let over = &mut layers.over;
    let now = ui.input(|i| i.time);
    let mut flash_alpha = 0.0f32;
    if let Some(flash) = &app.view.flash {
        let age = now - flash.since;
        if age < FLASH_SECONDS {
            let fade = 1.0 - (age / FLASH_SECONDS) as f32;
            let pulse = 0.75 + 0.25 * ((age * 9.0).cos() as f32);
            flash_alpha = (fade * pulse).clamp(0.0, 1.0);
            ui.ctx().request_repaint();
        }
    }
    let hovered_src_range = hovered_span
        .and_then(|s| model.span(s))
        .map(|s| s.range.clone());
    let hovered_parent_range = hovered_span
        .and_then(|s| model.span(s))
        .and_then(|s| s.parent.clone());
    // The selected substitution's spans, as child (or parent) text ranges.
    let substitution_ranges = |range_of: fn(&Span) -> Option<Range<usize>>| {
        app.view
            .substitution
            .and_then(|(i, _)| model.comparison.substitutions.get(i))
            .map(|sub| {
                sub.spans
                    .iter()
                    .filter_map(|&s| model.span(s).and_then(range_of))
                    .collect::<Vec<_>>()
            })
            .unwrap_or_default()
    };
    let substitution_spans = substitution_ranges(|s| Some(s.range.clone()));
    let substitution_parent = substitution_ranges(|s| s.parent.clone());
    let mut hovered_parent_rect: Option<Rect> = None;
    let mut hovered_child_rect: Option<Rect> = None;
    for pl in placed {
        let sm = model.side(pl.side);
        let Some(para) = sm.paras.get(pl.para) else {
            continue;
        };
        let to_display = |r: &Range<usize>| para.display_index(r.start)..para.display_index(r.end);
        let overlaps = |r: &Range<usize>| r.start < para.range.end && r.end > para.range.start;
        let add = |r: &Range<usize>, color: Color32, list: &mut Vec<Shape>| {
            if overlaps(r) {
                for rect in range_rects(&pl.galley, pl.pos, to_display(r)) {
                    list.push(Shape::rect_filled(rect.expand(1.0), 2.0, color));
                }
            }
        };
        let outline = |r: &Range<usize>, expand: f32, stroke: Stroke, list: &mut Vec<Shape>| {
            if overlaps(r) {
                for rect in range_rects(&pl.galley, pl.pos, to_display(r)) {
                    list.push(Shape::rect_stroke(
                        rect.expand(expand),
                        2.0,
                        stroke,
                        egui::StrokeKind::Outside,
                    ));
                }
            }
        };
        match pl.side {
            Side::Child => {
                if let Some(r) = &hovered_src_range {
                    add(r, palette.hover, over);
                    if overlaps(r) {
                        hovered_child_rect = range_rects(&pl.galley, pl.pos, to_display(r))
                            .first()
                            .copied()
                            .or(hovered_child_rect);
                    }
                }
                for r in &substitution_spans {
                    outline(r, 1.5, Stroke::new(2.0, palette.adapted), over);
                }
                let warn = ui.visuals().error_fg_color;
                for (k, check) in model.checks.iter().enumerate() {
                    if overlaps(&check.range) {
                        let width = if app.view.check == Some(k) { 2.0 } else { 1.2 };
                        for rect in range_rects(&pl.galley, pl.pos, to_display(&check.range)) {
                            over.push(wavy_underline(rect, Stroke::new(width, warn)));
                        }
                    }
                }
            }
            Side::Parent => {
                if let Some(r) = &hovered_parent_range {
                    add(r, palette.hover, over);
                    outline(r, 1.0, Stroke::new(1.5, palette.inherited), over);
                    if overlaps(r) {
                        hovered_parent_rect = range_rects(&pl.galley, pl.pos, to_display(r))
                            .first()
                            .copied()
                            .or(hovered_parent_rect);
                    }
                }
                for r in &substitution_parent {
                    outline(r, 1.5, Stroke::new(2.0, palette.adapted), over);
                }
            }
        }
        if flash_alpha > 0.0
            && let Some(flash) = &app.view.flash
            && flash.side == pl.side
        {
            // Over the text: the runs' own backgrounds would hide anything painted below.
            add(
                &flash.range,
                palette.flash.gamma_multiply(flash_alpha),
                over,
            );
        }
        if let Some(sel) = app.view.selection.filter(|s| s.side == pl.side) {
            let range = sel.range();
            if overlaps(&range) {
                let color = ui.visuals().selection.bg_fill.gamma_multiply(0.45);
                for rect in range_rects(&pl.galley, pl.pos, to_display(&range)) {
                    over.push(Shape::rect_filled(rect, 0.0, color));
                }
            }
        }
        for (k, hit) in app.find.hits_in(pl.side, para.range.clone()) {
            let color = if Some(k) == app.find.current {
                palette.find_current
            } else {
                palette.find_hit
            };
            for rect in range_rects(&pl.galley, pl.pos, to_display(&hit)) {
                over.push(Shape::rect_filled(rect.expand(1.0), 2.0, color));
                if Some(k) == app.find.current {
                    over.push(Shape::rect_stroke(
                        rect.expand(1.5),
                        2.0,
                        Stroke::new(2.0, palette.find_outline),
                        egui::StrokeKind::Outside,
                    ));
                }
            }
        }
    }
    // A line through the gutter from the hovered child text to its source, when both show.
    if let (Some(p), Some(c)) = (hovered_parent_rect, hovered_child_rect) {
        let a = pos2(origin.x + cols.gutter.min, p.center().y);
        let b = pos2(origin.x + cols.gutter.max, c.center().y);
        over.push(Shape::line_segment(
            [p.right_center(), a],
            Stroke::new(1.0, palette.inherited),
        ));
        over.push(Shape::line_segment(
            [a, b],
            Stroke::new(1.5, palette.inherited),
        ));
        over.push(Shape::line_segment(
            [b, c.left_center()],
            Stroke::new(1.0, palette.inherited),
        ));
    }
}

/// A wavy line under `rect`, as spelling checkers mark words.
fn wavy_underline(rect: Rect, stroke: Stroke) -> Shape {
    const STEP: f32 = 2.0;
    const AMPLITUDE: f32 = 1.5;
    let y = rect.bottom() + AMPLITUDE;
    let steps = (rect.width() / STEP).ceil().max(1.0) as usize;
    let points = (0..=steps)
        .map(|k| {
            let dy = if k % 2 == 0 { -AMPLITUDE } else { AMPLITUDE };
            pos2((rect.left() + k as f32 * STEP).min(rect.right()), y + dy)
        })
        .collect();
    Shape::line(points, stroke)
}
