//! One document column of trace mode: its paragraphs in a scroll area of their own (the two
//! documents are different texts, so they do not scroll together), each paragraph one layout
//! job from the panes' text rendering, runs styled by the caller; the passage of interest
//! outlined, and what the pointer is on.

use std::ops::Range;
use std::sync::Arc;

use egui::text::TextFormat;
use egui::{Galley, Pos2, Rect, Sense, Stroke, StrokeKind};

use crate::app::model::Para;
use crate::app::palette::Palette;
use crate::app::panes::CELL_PAD;
use crate::app::panes::text::{char_under, range_rects, styled_job};

/// A paragraph's runs of display characters, each with the caller's key.
pub type Runs<K> = Vec<(Range<usize>, K)>;

/// Space between paragraphs.
const PARA_GAP: f32 = 6.0;

/// What the column shows beyond its text.
pub struct Marks {
    /// Source characters outlined (the passage clicked, or its source).
    pub outline: Option<Range<usize>>,
    pub outline_color: egui::Color32,
    /// Drawn over the outlined characters (translucent).
    pub fill: egui::Color32,
    /// A source character to bring into view this frame.
    pub scroll_to: Option<usize>,
    /// The text zoom.
    pub zoom: f32,
}

/// What the pointer did in the column.
#[derive(Default)]
pub struct Pointer {
    /// The source character under the pointer, with the paragraph's response for a tooltip.
    pub hovered: Option<(usize, egui::Response)>,
    pub clicked: Option<usize>,
    /// Where the outlined characters stand on screen, when in view.
    pub outlined: Option<Rect>,
}

/// Draws `paras` with `runs` into a vertical scroll area filling `ui`.
pub fn show<K: Copy>(
    ui: &mut egui::Ui,
    id: &str,
    paras: &[Para],
    runs: &[Runs<K>],
    style: &dyn Fn(K) -> TextFormat,
    palette: &Palette,
    marks: &Marks,
) -> Pointer {
    let mut pointer = Pointer::default();
    egui::ScrollArea::vertical()
        .id_salt(id)
        .auto_shrink([false, false])
        .show(ui, |ui| {
            let width = (ui.available_width() - 2.0 * CELL_PAD).max(40.0);
            for (p, para) in paras.iter().enumerate() {
                let formats = runs
                    .get(p)
                    .into_iter()
                    .flatten()
                    .map(|(range, key)| (range.clone(), style(*key)));
                let job = styled_job(para, palette, width, marks.zoom, formats);
                let galley = ui.fonts_mut(|f| f.layout_job(job));
                let size = galley.size() + egui::vec2(2.0 * CELL_PAD, PARA_GAP);
                let (rect, response) = ui.allocate_exact_size(size, Sense::click());
                let pos = rect.min + egui::vec2(CELL_PAD, 0.0);
                if let Some(src) = marks.scroll_to.filter(|s| para.range.contains(s)) {
                    let at = para.display_index(src);
                    let target = range_rects(&galley, pos, at..at + 1)
                        .first()
                        .copied()
                        .unwrap_or(rect);
                    ui.scroll_to_rect(target, Some(egui::Align::Center));
                }
                if ui.is_rect_visible(rect)
                    && let Some(at) = paint(ui, para, &galley, pos, palette, marks)
                {
                    let seen = at.intersect(ui.clip_rect());
                    if seen.is_positive() {
                        pointer.outlined = Some(pointer.outlined.map_or(seen, |r| r.union(seen)));
                    }
                }
                let under = response
                    .hover_pos()
                    .and_then(|at| char_under(&galley, pos, at))
                    .and_then(|d| para.origin.get(d).map(|&o| o as usize));
                if let Some(src) = under {
                    if response.clicked() {
                        pointer.clicked = Some(src);
                    }
                    pointer.hovered = Some((src, response));
                }
            }
        });
    pointer
}

/// Paints a paragraph and the outline over it; returns the outline's extent there.
fn paint(
    ui: &egui::Ui,
    para: &Para,
    galley: &Arc<Galley>,
    pos: Pos2,
    palette: &Palette,
    marks: &Marks,
) -> Option<Rect> {
    let painter = ui.painter();
    painter.galley(pos, Arc::clone(galley), palette.text);
    let outline = marks.outline.as_ref()?;
    if outline.end <= para.range.start || outline.start >= para.range.end {
        return None;
    }
    let shown = para.display_index(outline.start)..para.display_index(outline.end);
    let rects = range_rects(galley, pos, shown);
    for &r in &rects {
        painter.rect_filled(r, 2.0, marks.fill);
        painter.rect_stroke(
            r.expand(1.0),
            2.0,
            Stroke::new(2.0, marks.outline_color),
            StrokeKind::Outside,
        );
    }
    rects.into_iter().reduce(|a, b| a.union(b))
}
