//! Where everything in the panes goes: column positions, and the heights and offsets of rows
//! and paragraphs. Every paragraph has a height (estimated from glyph widths until it is first
//! laid out, then measured); rows and paragraphs have prefix-summed offsets, so the panes lay
//! out only what is in view.

use std::collections::HashMap;
use std::sync::Arc;

use egui::Rangef;

use super::super::model::{Model, Para, RowKind, Side};
use super::super::palette::Mark;
use super::text::{line_height, para_font};

/// Padding above and below each row's text.
pub const ROW_PAD: f32 = 6.0;
/// Space between paragraphs of a row.
const PARA_GAP: f32 = 8.0;
/// Height of the "moved from …" badge line above a moved section.
pub const BADGE_H: f32 = 22.0;
/// Height of a folded (hidden) dropped row.
const FOLD_H: f32 = 9.0;
/// Width of the gutter between the panes.
pub const GUTTER_W: f32 = 56.0;
/// Horizontal padding inside a pane cell.
pub const CELL_PAD: f32 = 10.0;
/// Width of the overview strip.
pub const OVERVIEW_W: f32 = 20.0;

#[derive(Debug, Clone, Copy, PartialEq)]
struct GeomKey {
    model: usize,
    width: u32,
    pixels_per_point: u32,
    /// The text zoom, in hundredths.
    zoom: u32,
    show_dropped: bool,
}

/// Column positions, relative to the content's left edge.
#[derive(Debug, Clone, Copy)]
pub struct Columns {
    pub left: Rangef,
    pub gutter: Rangef,
    pub right: Rangef,
}

impl Default for Columns {
    fn default() -> Self {
        Self {
            left: Rangef::new(0.0, 0.0),
            gutter: Rangef::new(0.0, 0.0),
            right: Rangef::new(0.0, 0.0),
        }
    }
}

impl Columns {
    pub fn for_width(width: f32) -> Self {
        let pane = ((width - GUTTER_W) / 2.0).max(40.0);
        Self {
            left: Rangef::new(0.0, pane),
            gutter: Rangef::new(pane, pane + GUTTER_W),
            right: Rangef::new(pane + GUTTER_W, pane * 2.0 + GUTTER_W),
        }
    }

    pub fn of(&self, side: Side) -> Rangef {
        match side {
            Side::Parent => self.left,
            Side::Child => self.right,
        }
    }

    /// The width text wraps at in a pane.
    pub fn text_width(&self) -> f32 {
        (self.left.span() - 2.0 * CELL_PAD).max(20.0)
    }
}

/// Heights and offsets of rows and paragraphs.
#[derive(Default)]
pub struct Geometry {
    key: Option<GeomKey>,
    pub cols: Columns,
    /// Paragraph heights per side (galley heights).
    heights: [Vec<f32>; 2],
    measured: [Vec<bool>; 2],
    /// Paragraph tops relative to their row's top.
    offsets: [Vec<f32>; 2],
    /// For each side's paragraph, its row.
    para_row: [Vec<usize>; 2],
    row_y: Vec<f32>,
    row_h: Vec<f32>,
    /// Whether each row is folded away.
    folded: Vec<bool>,
    pub total: f32,
    pub(super) dirty: bool,
    /// Bumped whenever offsets change (the overview caches on it).
    pub generation: u64,
    char_widths: HashMap<(char, u32), f32>,
    /// The overview strip's colours: (generation, height in buckets, per bucket and side).
    pub overview_cache: Option<(u64, usize, Vec<[Mark; 2]>)>,
}

impl Geometry {
    /// Whether the geometry was made for `model` at text zoom `zoom`, with dropped sections
    /// shown or folded as now.
    pub fn is_ready_for(&self, model: &Arc<Model>, zoom: f32, show_dropped: bool) -> bool {
        self.key.is_some_and(|k| {
            k.model == Arc::as_ptr(model) as usize
                && k.zoom == zoom_key(zoom)
                && k.show_dropped == show_dropped
        })
    }

    /// The text zoom the geometry was made for.
    pub fn zoom(&self) -> f32 {
        self.key.map_or(1.0, |k| k.zoom as f32 / 100.0)
    }

    pub fn row_top(&self, row: usize) -> Option<f32> {
        self.row_y.get(row).copied()
    }

    pub fn row_height(&self, row: usize) -> Option<f32> {
        self.row_h.get(row).copied()
    }

    pub fn is_folded(&self, row: usize) -> bool {
        self.folded.get(row).copied().unwrap_or(false)
    }

    /// The row at content offset `y`.
    pub fn row_at(&self, y: f32) -> usize {
        self.row_y
            .partition_point(|&top| top <= y)
            .saturating_sub(1)
    }

    /// A paragraph's top, in content coordinates.
    pub fn para_top(&self, side: Side, para: usize) -> Option<f32> {
        let s = side.index();
        let row = *self.para_row[s].get(para)?;
        Some(self.row_y.get(row)? + self.offsets[s].get(para)?)
    }

    /// A paragraph's top relative to its row's top.
    pub fn para_offset(&self, side: Side, para: usize) -> Option<f32> {
        self.offsets[side.index()].get(para).copied()
    }

    pub fn para_height(&self, side: Side, para: usize) -> Option<f32> {
        self.heights[side.index()].get(para).copied()
    }

    /// The content y-range of one side's paragraphs in a row.
    pub fn side_extent(&self, model: &Model, side: Side, row: usize) -> Option<Rangef> {
        let r = model.rows.get(row)?;
        let paras = match side {
            Side::Parent => r.left.clone(),
            Side::Child => r.right.clone(),
        };
        if paras.is_empty() || self.is_folded(row) {
            return None;
        }
        let top = self.para_top(side, paras.start)?;
        let last = paras.end - 1;
        let bottom = self.para_top(side, last)? + self.para_height(side, last)?;
        Some(Rangef::new(top, bottom))
    }

    /// Approximate content y of a source character (by its share of the paragraph).
    pub fn char_y(&self, model: &Model, side: Side, src: usize) -> Option<f32> {
        let sm = model.side(side);
        let p = sm.para_at(src)?;
        let para = sm.paras.get(p)?;
        let top = self.para_top(side, p)?;
        let h = self.para_height(side, p)?;
        let frac = para.display_index(src) as f32 / para.char_count().max(1) as f32;
        Some(top + h * frac)
    }

    /// Rebuilds estimates when the model, width or zoom changed.
    pub(super) fn ensure(
        &mut self,
        ui: &egui::Ui,
        model: &Arc<Model>,
        width: f32,
        zoom: f32,
        show_dropped: bool,
    ) {
        let key = GeomKey {
            model: Arc::as_ptr(model) as usize,
            width: width.round() as u32,
            pixels_per_point: (ui.ctx().pixels_per_point() * 100.0).round() as u32,
            zoom: zoom_key(zoom),
            show_dropped,
        };
        if self.key == Some(key) {
            if self.dirty {
                self.relayout(model, show_dropped);
            }
            return;
        }
        let same_text = self.key.is_some_and(|k| {
            k.model == key.model
                && k.width == key.width
                && k.pixels_per_point == key.pixels_per_point
                && k.zoom == key.zoom
        });
        self.key = Some(key);
        self.cols = Columns::for_width(width);
        if !same_text {
            let text_width = self.cols.text_width();
            for side in [Side::Parent, Side::Child] {
                let s = side.index();
                let paras = &model.side(side).paras;
                let mut heights = Vec::with_capacity(paras.len());
                ui.fonts_mut(|fonts| {
                    for para in paras {
                        heights.push(self.estimate(fonts, para, text_width, zoom));
                    }
                });
                self.heights[s] = heights;
                self.measured[s] = vec![false; paras.len()];
                self.para_row[s] = model.side(side).para_row.clone();
            }
        }
        self.relayout(model, show_dropped);
    }

    /// Height of a paragraph from the widths of its glyphs, wrapped greedily.
    fn estimate(
        &mut self,
        fonts: &mut egui::epaint::text::FontsView<'_>,
        para: &Para,
        width: f32,
        zoom: f32,
    ) -> f32 {
        let font = para_font(para, zoom);
        let size_key = (font.size * 10.0) as u32;
        let mut lines = 1usize;
        let mut x = 0.0f32;
        for c in para.text.chars() {
            let w = *self
                .char_widths
                .entry((c, size_key))
                .or_insert_with(|| fonts.glyph_width(&font, c));
            if x + w > width && x > 0.0 {
                lines += 1;
                x = 0.0;
            }
            x += w;
        }
        lines as f32 * line_height(&font)
    }

    pub(super) fn relayout(&mut self, model: &Model, show_dropped: bool) {
        let rows = &model.rows;
        self.row_y.clear();
        self.row_h.clear();
        self.folded.clear();
        let mut y = 0.0;
        for s in 0..2 {
            let n = self.heights[s].len();
            self.offsets[s].resize(n, 0.0);
        }
        for row in rows {
            let folded = row.is_dropped() && !show_dropped;
            let left = side_height(
                &self.heights[0],
                &mut self.offsets[0],
                row.left.clone(),
                false,
            );
            let right = side_height(
                &self.heights[1],
                &mut self.offsets[1],
                row.right.clone(),
                matches!(row.kind, RowKind::Moved { .. }),
            );
            let empty = row.left.is_empty() && row.right.is_empty();
            let h = if folded {
                FOLD_H
            } else if empty {
                0.0
            } else {
                left.max(right)
            };
            self.row_y.push(y);
            self.row_h.push(h);
            self.folded.push(folded);
            y += h;
        }
        self.total = y;
        self.dirty = false;
        self.generation += 1;
    }

    /// Records a laid-out paragraph's real height.
    pub(super) fn measured(&mut self, side: Side, para: usize, height: f32) {
        let s = side.index();
        if let Some(m) = self.measured[s].get_mut(para) {
            *m = true;
        }
        if let Some(h) = self.heights[s].get_mut(para)
            && (*h - height).abs() > 0.5
        {
            *h = height;
            self.dirty = true;
        }
    }
}

/// A range moved right by `dx`.
fn zoom_key(zoom: f32) -> u32 {
    (zoom * 100.0).round() as u32
}

pub fn shift(r: Rangef, dx: f32) -> Rangef {
    Rangef::new(r.min + dx, r.max + dx)
}

/// Lays out one side of a row: sets its paragraphs' offsets and returns its height.
fn side_height(
    heights: &[f32],
    offsets: &mut [f32],
    paras: std::ops::Range<usize>,
    badge: bool,
) -> f32 {
    let mut h = ROW_PAD + if badge { BADGE_H } else { 0.0 };
    for (n, p) in paras.enumerate() {
        if n > 0 {
            h += PARA_GAP;
        }
        if let Some(slot) = offsets.get_mut(p) {
            *slot = h;
        }
        h += heights.get(p).copied().unwrap_or(0.0);
    }
    h + ROW_PAD
}
