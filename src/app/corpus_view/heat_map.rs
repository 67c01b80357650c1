//! The similarity heat map of all pairs: row i covered by column j, documents in the
//! engine's seriated order (related ones together), each row and column labelled (the full
//! title on hover), a colour key above. Only the visible cells are drawn; hover a cell for
//! both documents and both shares at the pointer, click it to open the pair.

use egui::epaint::TextShape;
use egui::{Align2, Color32, FontId, Pos2, Rect, Sense, Stroke, vec2};

use super::{label_text, open_pair};
use crate::app::Command;
use crate::app::i18n::Lang;
use crate::app::task::Analysis;

/// Characters of a title on a row or column label.
const LABEL_CHARS: usize = 9;
/// The widest a row label (or the tallest a column label) is drawn, in points.
const LABEL_MAX: f32 = 130.0;

/// Viridis at five stops: a perceptually even scale that colour-blind readers see too.
const SCALE: [[u8; 3]; 5] = [
    [68, 1, 84],
    [59, 82, 139],
    [33, 145, 140],
    [94, 201, 98],
    [253, 231, 37],
];

/// The colour of a share (0 to 1).
pub(super) fn share_color(v: f64) -> Color32 {
    let x = v.clamp(0.0, 1.0) as f32 * (SCALE.len() - 1) as f32;
    let k = (x.floor() as usize).min(SCALE.len() - 2);
    let f = x - k as f32;
    let mix = |a: u8, b: u8| (a as f32 + (b as f32 - a as f32) * f).round() as u8;
    let (a, b) = (SCALE[k], SCALE[k + 1]);
    Color32::from_rgb(mix(a[0], b[0]), mix(a[1], b[1]), mix(a[2], b[2]))
}

/// The colour key: the scale from 0% to 100% with ticks, and what it measures.
fn key(ui: &mut egui::Ui, lang: Lang) {
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(vec2(220.0, 26.0), Sense::hover());
        let painter = ui.painter_at(rect);
        let bar = Rect::from_min_size(rect.min, vec2(rect.width(), 12.0));
        let steps = 44;
        for s in 0..steps {
            let x0 = bar.min.x + bar.width() * s as f32 / steps as f32;
            let x1 = bar.min.x + bar.width() * (s + 1) as f32 / steps as f32;
            let r = Rect::from_x_y_ranges(x0..=x1 + 0.5, bar.y_range());
            painter.rect_filled(r, 0.0, share_color((s as f64 + 0.5) / steps as f64));
        }
        let text = ui.visuals().text_color();
        for tick in 0..=4 {
            let x = bar.min.x + bar.width() * tick as f32 / 4.0;
            painter.line_segment(
                [Pos2::new(x, bar.max.y), Pos2::new(x, bar.max.y + 3.0)],
                Stroke::new(1.0, text),
            );
            let align = match tick {
                0 => Align2::LEFT_TOP,
                4 => Align2::RIGHT_TOP,
                _ => Align2::CENTER_TOP,
            };
            painter.text(
                Pos2::new(x, bar.max.y + 2.0),
                align,
                format!("{}%", tick * 25),
                FontId::proportional(10.0),
                text,
            );
        }
        ui.weak(lang.texts().corpus.key_caption);
    });
}

pub(super) fn show(
    ui: &mut egui::Ui,
    lang: Lang,
    analysis: &Analysis,
    commands: &mut Vec<Command>,
) {
    let corpus = &*analysis.corpus;
    let m = &analysis.matrix;
    let n = m.share.len();
    if n == 0 || analysis.order.len() != n {
        return;
    }
    let t = &lang.texts().corpus;
    ui.strong(lang.texts().similarity_heading);
    ui.weak(t.heat_hint);
    key(ui, lang);
    let order = &analysis.order;
    let cell = (480.0 / n as f32).clamp(12.0, 26.0);
    let font = FontId::proportional((cell * 0.75).clamp(9.0, 12.0));
    let visuals = ui.visuals().clone();
    let labels: Vec<_> = order
        .iter()
        .map(|&d| {
            ui.painter().layout_no_wrap(
                label_text(corpus, d, LABEL_CHARS),
                font.clone(),
                visuals.text_color(),
            )
        })
        .collect();
    let widest = labels
        .iter()
        .map(|g| g.size().x)
        .fold(0.0, f32::max)
        .min(LABEL_MAX);
    let margin = widest + 6.0;
    // Row labels stay at the left and column labels at the top while the cells scroll under
    // them, as a spreadsheet freezes its first row and column.
    let content = cell * n as f32;
    let avail = ui.available_size();
    let size = vec2(
        (margin + content).min(avail.x).max(margin + 4.0 * cell),
        (margin + content).min(avail.y).max(margin + 4.0 * cell),
    );
    let (view, _) = ui.allocate_exact_size(size, Sense::hover());
    let cells_view = Rect::from_min_max(view.min + vec2(margin, margin), view.max);
    let mut cells_ui = ui.new_child(egui::UiBuilder::new().max_rect(cells_view));
    let output = egui::ScrollArea::both()
        .id_salt("corpus_heat_map")
        .auto_shrink([false, false])
        .show(&mut cells_ui, |ui| {
            let (cells, _) = ui.allocate_exact_size(vec2(content, content), Sense::hover());
            let response = ui.interact(cells, ui.scope_id().with("heat_cells"), Sense::click());
            response
                .widget_info(|| egui::WidgetInfo::labeled(egui::Role::Image, true, t.heat_cells));
            let painter = ui.painter_at(cells);
            let clip = ui.clip_rect().intersect(cells);
            let at = |pos: Pos2| {
                let x = ((pos.x - cells.min.x) / cell).floor();
                let y = ((pos.y - cells.min.y) / cell).floor();
                (x >= 0.0 && y >= 0.0 && (x as usize) < n && (y as usize) < n)
                    .then_some((y as usize, x as usize))
            };
            let hovered = response.hover_pos().and_then(at);
            let cell_rect = |row: usize, col: usize| {
                Rect::from_min_size(
                    cells.min + vec2(col as f32 * cell, row as f32 * cell),
                    vec2(cell - 1.0, cell - 1.0),
                )
            };
            for row in visible(clip.min.y, clip.max.y, cells.min.y, cell, n) {
                for col in visible(clip.min.x, clip.max.x, cells.min.x, cell, n) {
                    let (i, j) = (order[row], order[col]);
                    let mut color = if i == j {
                        visuals.faint_bg_color
                    } else {
                        share_color(m.share[i][j])
                    };
                    if hovered.is_some_and(|(hr, hc)| (hr == row) != (hc == col)) {
                        color = color.gamma_multiply(0.75);
                    }
                    painter.rect_filled(cell_rect(row, col), 0.0, color);
                }
            }
            if let Some((row, col)) = hovered {
                painter.rect_stroke(
                    cell_rect(row, col),
                    0.0,
                    Stroke::new(1.5, visuals.strong_text_color()),
                    egui::StrokeKind::Outside,
                );
                let (i, j) = (order[row], order[col]);
                if i != j {
                    let (a, b) = (&corpus.docs[i], &corpus.docs[j]);
                    let text = lang.heat_cell(
                        (&a.label, &a.title),
                        (&b.label, &b.title),
                        (m.share[i][j], m.share[j][i]),
                    );
                    response.clone().on_hover_ui_at_pointer(|ui| {
                        ui.set_max_width(420.0);
                        ui.label(text);
                    });
                }
            }
            if response.clicked()
                && let Some((row, col)) = response.interact_pointer_pos().and_then(at)
                && row != col
            {
                let (i, j) = (order[row], order[col]);
                // A derivation link decides which is the parent; otherwise the row is the
                // child, covered by the column.
                let column_derives = analysis.links.iter().any(|&(c, p, _)| c == j && p == i);
                if column_derives {
                    open_pair(corpus, i, j, commands);
                } else {
                    open_pair(corpus, j, i, commands);
                }
            }
            (cells.min, hovered)
        });
    let (origin, hovered) = output.inner;
    let strong = visuals.strong_text_color();
    let painter = ui.painter_at(view);
    // Row labels on the left, column labels above, read upwards; each where its row or
    // column is now, clipped to its strip.
    let row_strip =
        Rect::from_x_y_ranges(view.min.x..=cells_view.min.x - 4.0, cells_view.y_range());
    for row in visible(row_strip.min.y, row_strip.max.y, origin.y, cell, n) {
        let d = order[row];
        let r = Rect::from_min_max(
            Pos2::new(row_strip.min.x, origin.y + row as f32 * cell),
            Pos2::new(row_strip.max.x, origin.y + (row + 1) as f32 * cell),
        );
        let lit = hovered.is_some_and(|(hr, _)| hr == row);
        let galley = labels[row].clone();
        let pos = Pos2::new(
            r.max.x - galley.size().x.min(widest),
            r.center().y - galley.size().y / 2.0,
        );
        painter.with_clip_rect(r.intersect(row_strip)).galley(
            pos,
            galley,
            if lit { strong } else { visuals.text_color() },
        );
        label_widget(ui, r.intersect(row_strip), ("heat_row", d), corpus, d);
    }
    let column_strip =
        Rect::from_x_y_ranges(cells_view.x_range(), view.min.y..=cells_view.min.y - 4.0);
    for col in visible(column_strip.min.x, column_strip.max.x, origin.x, cell, n) {
        let d = order[col];
        let r = Rect::from_min_max(
            Pos2::new(origin.x + col as f32 * cell, column_strip.min.y),
            Pos2::new(origin.x + (col + 1) as f32 * cell, column_strip.max.y),
        );
        let lit = hovered.is_some_and(|(_, hc)| hc == col);
        let galley = labels[col].clone();
        let h = galley.size().y;
        let pos = Pos2::new(r.center().x - h / 2.0, r.max.y);
        let color = if lit { strong } else { visuals.text_color() };
        painter
            .with_clip_rect(r.intersect(column_strip))
            .add(TextShape::new(pos, galley, color).with_angle(-std::f32::consts::FRAC_PI_2));
        label_widget(ui, r.intersect(column_strip), ("heat_column", d), corpus, d);
    }
}

/// The rows (or columns) of `cell` points from `base` that show between `lo` and `hi`.
fn visible(lo: f32, hi: f32, base: f32, cell: f32, n: usize) -> std::ops::Range<usize> {
    let a = (((lo - base) / cell).floor().max(0.0)) as usize;
    let b = ((((hi - base) / cell).ceil()).max(0.0) as usize).min(n);
    a.min(b)..b
}

/// A row or column label: hover for the document's file and full title.
fn label_widget(
    ui: &egui::Ui,
    rect: Rect,
    salt: (&str, usize),
    corpus: &crate::corpus::Corpus,
    d: usize,
) {
    let doc = &corpus.docs[d];
    let name = format!("{} — {}", doc.label, doc.title);
    let r = ui.interact(rect, ui.scope_id().with(salt), Sense::hover());
    r.widget_info(|| egui::WidgetInfo::labeled(egui::Role::Label, true, &name));
    r.on_hover_text(name);
}
