//! The overview strip beside the scroll bar: the whole comparison at a glance, the parent on
//! the left half and the child on the right half in their class colours, the visible part
//! framed, find hits ticked. Click or drag to go there (like WinMerge's location pane).

use std::sync::Arc;

use egui::{Rect, Sense, Shape, Stroke, pos2};

use crate::app::model::{Model, Side};
use crate::app::palette::{Mark, Palette};
use crate::app::{App, Command};

const MARKS: [Mark; 7] = [
    Mark::Plain,
    Mark::Inherited,
    Mark::Adapted,
    Mark::Added,
    Mark::Reused,
    Mark::Replaced,
    Mark::Dropped,
];

fn mark_index(mark: Mark) -> usize {
    MARKS.iter().position(|&m| m == mark).unwrap_or(0)
}

/// The dominant mark of each bucket (one bucket per point of strip height), per side.
fn buckets(model: &Model, app: &App, n: usize) -> Vec<[Mark; 2]> {
    let geometry = &app.geometry;
    let total = geometry.total.max(1.0);
    let mut weights = vec![[[0.0f32; 7]; 2]; n];
    for side in [Side::Parent, Side::Child] {
        let s = side.index();
        for (p, para) in model.side(side).paras.iter().enumerate() {
            let (Some(top), Some(h)) = (geometry.para_top(side, p), geometry.para_height(side, p))
            else {
                continue;
            };
            let row = model.side(side).para_row.get(p).copied().unwrap_or(0);
            let folded = geometry.is_folded(row);
            let len = para.char_count().max(1) as f32;
            for run in &para.runs {
                let (y0, y1) = if folded {
                    let y = geometry.row_top(row).unwrap_or(top);
                    (y, y + 1.0)
                } else {
                    (
                        top + h * run.range.start as f32 / len,
                        top + h * run.range.end as f32 / len,
                    )
                };
                let b0 = ((y0 / total) * n as f32).floor().max(0.0) as usize;
                let b1 = (((y1 / total) * n as f32).ceil() as usize).clamp(b0 + 1, n);
                let w = run.range.len() as f32 / (b1 - b0).max(1) as f32;
                for bucket in weights.iter_mut().take(b1).skip(b0) {
                    bucket[s][mark_index(run.mark)] += w;
                }
            }
        }
    }
    weights
        .into_iter()
        .map(|w| [dominant(&w[0]), dominant(&w[1])])
        .collect()
}

/// Changes are shown when they make a quarter of the bucket's marked text, so a few adapted
/// characters in a long inherited passage still read as inherited, but an added sentence
/// shows.
fn dominant(w: &[f32; 7]) -> Mark {
    let marked: f32 = w[1..].iter().sum();
    if marked <= 0.0 {
        return Mark::Plain;
    }
    for mark in [Mark::Added, Mark::Adapted, Mark::Replaced, Mark::Dropped] {
        if w[mark_index(mark)] >= marked * 0.25 {
            return mark;
        }
    }
    let best = (1..7).max_by(|&a, &b| w[a].total_cmp(&w[b])).unwrap_or(0);
    if w[0] > marked * 3.0 {
        return Mark::Plain;
    }
    MARKS[best]
}

pub(super) fn show(
    ui: &mut egui::Ui,
    rect: Rect,
    app: &mut App,
    model: &Arc<Model>,
    palette: &Palette,
    commands: &mut Vec<Command>,
) {
    let n = rect.height().max(1.0) as usize;
    let generation = app.geometry.generation;
    let fresh =
        matches!(&app.geometry.overview_cache, Some((g, h, _)) if *g == generation && *h == n);
    if !fresh {
        let b = buckets(model, app, n);
        app.geometry.overview_cache = Some((generation, n, b));
    }
    let Some((_, _, buckets)) = &app.geometry.overview_cache else {
        return;
    };
    let painter = ui.painter_at(rect);
    painter.rect_filled(rect, 2.0, ui.visuals().extreme_bg_color);
    let half = rect.width() / 2.0;
    for s in 0..2 {
        let x0 = rect.min.x + half * s as f32 + 1.0;
        let x1 = x0 + half - 2.0;
        let mut start = 0usize;
        while start < buckets.len() {
            let mark = buckets[start][s];
            let mut end = start + 1;
            while end < buckets.len() && buckets[end][s] == mark {
                end += 1;
            }
            if mark != Mark::Plain {
                let y0 = rect.min.y + start as f32 * rect.height() / n as f32;
                let y1 = rect.min.y + end as f32 * rect.height() / n as f32;
                painter.rect_filled(
                    Rect::from_min_max(pos2(x0, y0), pos2(x1, y1)),
                    0.0,
                    palette.solid(mark).gamma_multiply(0.85),
                );
            }
            start = end;
        }
    }

    let total = app.geometry.total.max(1.0);
    let to_y = |content_y: f32| rect.min.y + (content_y / total).clamp(0.0, 1.0) * rect.height();
    // Find hits.
    for (side, range) in app.find.all_hits() {
        if let Some(y) = app.geometry.char_y(model, side, range.start) {
            let y = to_y(y);
            let x = rect.min.x + half * side.index() as f32;
            painter.line_segment(
                [pos2(x, y), pos2(x + half, y)],
                Stroke::new(2.0, palette.find_outline),
            );
        }
    }
    // The visible part.
    let top = to_y(app.view.scroll_offset);
    let bottom = to_y(app.view.scroll_offset + app.view.viewport_height);
    let frame = Rect::from_min_max(
        pos2(rect.min.x, top),
        pos2(rect.max.x, bottom.max(top + 4.0)),
    );
    painter.add(Shape::rect_filled(
        frame,
        2.0,
        ui.visuals().text_color().gamma_multiply(0.12),
    ));
    painter.add(Shape::rect_stroke(
        frame,
        2.0,
        Stroke::new(1.5, ui.visuals().text_color().gamma_multiply(0.7)),
        egui::StrokeKind::Inside,
    ));

    let response = ui.interact(
        rect,
        ui.scope_id().with("overview"),
        Sense::click_and_drag(),
    );
    if (response.clicked() || response.dragged())
        && let Some(pointer) = response.interact_pointer_pos()
    {
        let frac = ((pointer.y - rect.min.y) / rect.height()).clamp(0.0, 1.0);
        let offset = frac * total - app.view.viewport_height / 2.0;
        commands.push(Command::ScrollTo(offset.max(0.0)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn small_changes_in_long_inherited_text_read_as_inherited() {
        let mut w = [0.0; 7];
        w[mark_index(Mark::Inherited)] = 90.0;
        w[mark_index(Mark::Adapted)] = 4.0;
        assert_eq!(dominant(&w), Mark::Inherited);
        w[mark_index(Mark::Added)] = 40.0;
        assert_eq!(dominant(&w), Mark::Added);
        assert_eq!(dominant(&[5.0, 0.0, 0.0, 0.0, 0.0, 0.0, 0.0]), Mark::Plain);
    }
}
