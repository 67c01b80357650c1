//! The similarity heat map of all pairs: row i covered by column j, only the visible cells
//! drawn; hover a cell for the two documents, click it to open the pair.

use egui::{Color32, Pos2, Rect, Sense, Stroke, vec2};

use super::{open_pair, short_title};
use crate::app::Command;
use crate::corpus::Corpus;
use crate::corpus::matrix::Matrix;

pub(super) fn show(ui: &mut egui::Ui, corpus: &Corpus, m: &Matrix, commands: &mut Vec<Command>) {
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
