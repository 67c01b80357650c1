//! The rows in view: their decorations (the selected row, folded dropped rows, hatched empty
//! slots with a caption saying why, the "moved from" badge) and the placement of their
//! paragraphs, laid out this frame.

use std::sync::Arc;

use egui::{Align2, Color32, FontId, Pos2, Rangef, Rect, Shape, Stroke, pos2, vec2};

use super::geometry::{BADGE_H, CELL_PAD, ROW_PAD, shift};
use super::text::{BODY_SIZE, para_job};
use super::{Layers, Placed};
use crate::app::App;
use crate::app::i18n::Lang;
use crate::app::model::{Model, Row, RowKind, Side};
use crate::app::palette::Palette;

/// Paints the decorations of the rows in view and lays out their paragraphs; records the
/// measured heights in the geometry.
#[allow(clippy::too_many_arguments)]
pub(super) fn paint(
    ui: &egui::Ui,
    app: &mut App,
    model: &Arc<Model>,
    lang: Lang,
    palette: &Palette,
    origin: egui::Pos2,
    viewport: Rect,
    selected_row: Option<usize>,
    layers: &mut Layers,
) -> Vec<Placed> {
    let geometry = &app.geometry;
    let cols = geometry.cols;
    let x = |r: Rangef| shift(r, origin.x);
    let text_width = cols.text_width();
    let first = geometry.row_at(viewport.min.y);
    let last = geometry
        .row_at(viewport.max.y)
        .min(model.rows.len().saturating_sub(1));
    let mut placed: Vec<Placed> = Vec::new();
    let mut measured: Vec<(Side, usize, f32)> = Vec::new();
    let clip = ui.clip_rect();

    for r in first..=last {
        let Some(row) = model.rows.get(r) else { break };
        let (Some(top), Some(h)) = (geometry.row_top(r), geometry.row_height(r)) else {
            break;
        };
        if h <= 0.0 {
            continue;
        }
        let y = Rangef::new(origin.y + top, origin.y + top + h);
        let left_rect = Rect::from_x_y_ranges(x(cols.left), y);
        let right_rect = Rect::from_x_y_ranges(x(cols.right), y);
        if geometry.is_folded(r) {
            let line_y = y.center();
            layers.under.push(Shape::Vec(Shape::dashed_line(
                &[
                    pos2(left_rect.min.x + CELL_PAD, line_y),
                    pos2(left_rect.max.x - CELL_PAD, line_y),
                ],
                Stroke::new(1.5, palette.dropped),
                6.0,
                4.0,
            )));
            continue;
        }
        if Some(r) == selected_row {
            layers.under.push(Shape::rect_filled(
                Rect::from_x_y_ranges(x(Rangef::new(cols.left.min, cols.right.max)), y),
                0.0,
                palette.selection,
            ));
            layers.over.push(Shape::rect_filled(
                Rect::from_x_y_ranges(Rangef::new(origin.x, origin.x + 3.0), y),
                0.0,
                palette.moved,
            ));
        }
        decorate(
            ui, model, lang, palette, row, left_rect, right_rect, y, layers,
        );
        for (side, paras, rect) in [
            (Side::Parent, row.left.clone(), left_rect),
            (Side::Child, row.right.clone(), right_rect),
        ] {
            let sm = model.side(side);
            for p in paras {
                let (Some(offset), Some(h)) =
                    (geometry.para_offset(side, p), geometry.para_height(side, p))
                else {
                    continue;
                };
                let top = y.min + offset;
                if top > clip.max.y {
                    break;
                }
                if top + h < clip.min.y {
                    continue;
                }
                let Some(para) = sm.paras.get(p) else {
                    continue;
                };
                let galley = ui.fonts_mut(|f| {
                    f.layout_job(para_job(
                        para,
                        palette,
                        text_width,
                        geometry.zoom(),
                        row.is_dropped(),
                    ))
                });
                measured.push((side, p, galley.size().y));
                let pos = pos2(rect.min.x + CELL_PAD, top);
                placed.push(Placed {
                    side,
                    para: p,
                    pos,
                    galley,
                });
            }
        }
    }
    for (side, p, h) in measured {
        app.geometry.measured(side, p, h);
    }
    placed
}

/// What a row shows besides its text: a hatched slot on the side that has nothing, with a
/// caption saying why, and the badge of a moved section.
#[allow(clippy::too_many_arguments)]
fn decorate(
    ui: &egui::Ui,
    model: &Model,
    lang: Lang,
    palette: &Palette,
    row: &Row,
    left_rect: Rect,
    right_rect: Rect,
    y: Rangef,
    layers: &mut Layers,
) {
    let t = lang.texts();
    let weak = ui.visuals().weak_text_color();
    let small = FontId::proportional(BODY_SIZE - 3.0);
    match row.kind {
        RowKind::ParentOnly { dropped, parent } => {
            if dropped {
                layers.under.push(Shape::rect_filled(
                    left_rect.shrink2(vec2(2.0, 1.0)),
                    3.0,
                    palette.dropped_row_bg,
                ));
            }
            let slot = right_rect.shrink2(vec2(CELL_PAD, 4.0));
            layers.under.push(hatched(
                slot,
                palette.empty_slot,
                palette.dropped.gamma_multiply(0.35),
            ));
            let text = if dropped {
                t.dropped_slot.to_owned()
            } else if let Some(link) = model.links.iter().find(|l| l.parent_section == parent) {
                let to = model
                    .child
                    .section_path
                    .get(link.child_section)
                    .cloned()
                    .unwrap_or_default();
                lang.moved_to(&to)
            } else {
                let users: Vec<String> = model
                    .children_drawing_on(parent)
                    .into_iter()
                    .filter_map(|c| model.child.section_path.get(c).cloned())
                    .collect();
                if users.is_empty() {
                    t.partly_reused.to_owned()
                } else {
                    lang.drawn_on_by(&users.join("、"))
                }
            };
            layers
                .over
                .push(slot_caption(ui, slot, &text, &small, weak));
        }
        RowKind::Added { .. } => {
            let slot = left_rect.shrink2(vec2(CELL_PAD, 4.0));
            layers.under.push(hatched(
                slot,
                palette.empty_slot,
                palette.added.gamma_multiply(0.3),
            ));
            layers
                .over
                .push(slot_caption(ui, slot, t.no_counterpart, &small, weak));
        }
        RowKind::Moved { child, .. } => {
            let slot = left_rect.shrink2(vec2(CELL_PAD, 4.0));
            layers.under.push(hatched(
                slot,
                palette.empty_slot,
                palette.moved.gamma_multiply(0.3),
            ));
            if let Some(from) = model.moved_from(child) {
                let text = format!("⇦ {}", lang.moved_from(from));
                let badge = Rect::from_min_size(
                    pos2(right_rect.min.x + CELL_PAD, y.min + ROW_PAD),
                    vec2(right_rect.width() - 2.0 * CELL_PAD, BADGE_H - 4.0),
                );
                let galley = ui.fonts_mut(|f| f.layout_no_wrap(text, small.clone(), palette.moved));
                layers.under.push(Shape::rect_filled(
                    Rect::from_min_size(badge.min, galley.size() + vec2(10.0, 2.0)),
                    4.0,
                    palette.moved.gamma_multiply(0.16),
                ));
                layers.over.push(Shape::galley(
                    badge.min + vec2(5.0, 1.0),
                    galley,
                    palette.moved,
                ));
            }
        }
        _ => {}
    }
}

/// A filled slot with diagonal hatching: "nothing here on this side".
fn hatched(rect: Rect, fill: Color32, line: Color32) -> Shape {
    let mut shapes = vec![Shape::rect_filled(rect, 4.0, fill)];
    let step = 14.0;
    let mut x = rect.min.x - rect.height();
    while x < rect.max.x {
        let a = pos2(x, rect.max.y);
        let b = pos2(x + rect.height(), rect.min.y);
        // Clip the segment to the rect.
        let (a, b) = clip_segment(a, b, rect);
        if (b - a).length() > 1.0 {
            shapes.push(Shape::line_segment([a, b], Stroke::new(1.0, line)));
        }
        x += step;
    }
    Shape::Vec(shapes)
}

fn clip_segment(a: Pos2, b: Pos2, rect: Rect) -> (Pos2, Pos2) {
    // The segment goes up-right at 45°: clip by x then by y.
    let d = b - a;
    let mut t0: f32 = 0.0;
    let mut t1: f32 = 1.0;
    for (p, dp, lo, hi) in [
        (a.x, d.x, rect.min.x, rect.max.x),
        (a.y, d.y, rect.min.y, rect.max.y),
    ] {
        if dp.abs() < f32::EPSILON {
            continue;
        }
        let (mut ta, mut tb) = ((lo - p) / dp, (hi - p) / dp);
        if ta > tb {
            std::mem::swap(&mut ta, &mut tb);
        }
        t0 = t0.max(ta);
        t1 = t1.min(tb);
    }
    if t0 >= t1 {
        return (a, a);
    }
    (a + d * t0, a + d * t1)
}

/// A small caption centred at the top of an empty slot.
fn slot_caption(ui: &egui::Ui, slot: Rect, text: &str, font: &FontId, color: Color32) -> Shape {
    let galley = ui.fonts_mut(|f| {
        f.layout(
            text.to_owned(),
            font.clone(),
            color,
            (slot.width() - 16.0).max(20.0),
        )
    });
    let size = galley.size();
    let pos = Align2::CENTER_TOP
        .anchor_size(pos2(slot.center().x, slot.min.y + 8.0), size)
        .min;
    let bg = Rect::from_min_size(pos, size).expand2(vec2(6.0, 2.0));
    let fill = ui.visuals().panel_fill;
    Shape::Vec(vec![
        Shape::rect_filled(bg, 4.0, fill),
        Shape::galley(pos, galley, color),
    ])
}
