//! The two panes: the parent on the left, the child on the right, one scroll area for both so
//! they always scroll together, rows keeping matched sections level.
//!
//! Virtualised: every paragraph has a height (estimated from glyph widths until it is first
//! laid out, then measured), rows and paragraphs have prefix-summed offsets, and each frame
//! lays out only the paragraphs inside the viewport, one [`LayoutJob`] per paragraph.

use std::collections::HashMap;
use std::sync::Arc;

use egui::text::{CCursor, LayoutJob, TextFormat};
use egui::{
    Align2, Color32, FontId, Galley, Pos2, Rangef, Rect, Sense, Shape, Stroke, Vec2, pos2, vec2,
};

use super::i18n::Lang;
use super::model::{Model, Para, RowKind, Side};
use super::palette::{Mark, Palette};
use super::{App, Command, ScrollTarget};
use crate::compare::SpanClass;

/// Padding above and below each row's text.
pub const ROW_PAD: f32 = 6.0;
/// Space between paragraphs of a row.
pub const PARA_GAP: f32 = 8.0;
/// Height of the "moved from …" badge line above a moved section.
pub const BADGE_H: f32 = 22.0;
/// Height of a folded (hidden) dropped row.
pub const FOLD_H: f32 = 9.0;
/// Width of the gutter between the panes.
pub const GUTTER_W: f32 = 56.0;
/// Horizontal padding inside a pane cell.
pub const CELL_PAD: f32 = 10.0;
/// Body text size (points; the zoom factor scales it).
pub const BODY_SIZE: f32 = 16.0;
/// Line height relative to the font size: Chinese text reads better with air between lines.
pub const LINE_SPACING: f32 = 1.6;
/// How long a flash lasts (seconds).
pub const FLASH_SECONDS: f64 = 1.6;
/// Width of the overview strip.
pub const OVERVIEW_W: f32 = 20.0;

#[derive(Debug, Clone, Copy, PartialEq)]
struct GeomKey {
    model: usize,
    width: u32,
    pixels_per_point: u32,
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
    dirty: bool,
    /// Bumped whenever offsets change (the overview caches on it).
    pub generation: u64,
    char_widths: HashMap<(char, u32), f32>,
    /// The overview strip's colours: (generation, height in buckets, per bucket and side).
    pub overview_cache: Option<(u64, usize, Vec<[Mark; 2]>)>,
}

impl Geometry {
    pub fn is_ready_for(&self, model: &Arc<Model>) -> bool {
        self.key
            .is_some_and(|k| k.model == Arc::as_ptr(model) as usize)
    }

    pub fn row_top(&self, row: usize) -> Option<f32> {
        self.row_y.get(row).copied()
    }

    pub fn row_height(&self, row: usize) -> Option<f32> {
        self.row_h.get(row).copied()
    }

    pub fn row_count(&self) -> usize {
        self.row_y.len()
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
    fn ensure(&mut self, ui: &egui::Ui, model: &Arc<Model>, width: f32, show_dropped: bool) {
        let key = GeomKey {
            model: Arc::as_ptr(model) as usize,
            width: width.round() as u32,
            pixels_per_point: (ui.ctx().pixels_per_point() * 100.0).round() as u32,
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
                        heights.push(self.estimate(fonts, para, text_width));
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
    ) -> f32 {
        let font = para_font(para);
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

    fn relayout(&mut self, model: &Model, show_dropped: bool) {
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
    fn measured(&mut self, side: Side, para: usize, height: f32) {
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

pub fn para_font(para: &Para) -> FontId {
    if para.heading && para.depth == 0 {
        FontId::proportional(BODY_SIZE + 2.0)
    } else {
        FontId::proportional(BODY_SIZE)
    }
}

fn line_height(font: &FontId) -> f32 {
    (font.size * LINE_SPACING).round()
}

/// The layout job of one paragraph: its runs with their colours.
pub fn para_job(para: &Para, palette: &Palette, width: f32, folded_grey: bool) -> LayoutJob {
    let font = para_font(para);
    let mut job = LayoutJob {
        wrap: egui::text::TextWrapping::wrap_at_width(width),
        break_on_newline: false,
        ..Default::default()
    };
    let mut byte_at = 0usize;
    let mut char_at = 0usize;
    for run in &para.runs {
        let start_byte = nth_char_byte(&para.text, run.range.start, byte_at, char_at);
        let end_byte = nth_char_byte(&para.text, run.range.end, start_byte, run.range.start);
        byte_at = end_byte;
        char_at = run.range.end;
        let Some(text) = para.text.get(start_byte..end_byte) else {
            continue;
        };
        let mark = if folded_grey { Mark::Dropped } else { run.mark };
        let color = if para.heading && mark != Mark::Dropped {
            palette.heading_text
        } else {
            palette.foreground(mark)
        };
        job.append(
            text,
            0.0,
            TextFormat {
                font_id: font.clone(),
                color,
                background: palette.background(mark),
                line_height: Some(line_height(&font)),
                ..Default::default()
            },
        );
    }
    if job.sections.is_empty() {
        job.append(
            &para.text,
            0.0,
            TextFormat {
                font_id: font.clone(),
                color: palette.text,
                line_height: Some(line_height(&font)),
                ..Default::default()
            },
        );
    }
    job
}

/// Byte offset of char `target` in `text`, scanning from a known (byte, char) position.
fn nth_char_byte(text: &str, target: usize, from_byte: usize, from_char: usize) -> usize {
    if target <= from_char {
        return from_byte;
    }
    text.get(from_byte..)
        .and_then(|rest| rest.char_indices().nth(target - from_char))
        .map_or(text.len(), |(b, _)| from_byte + b)
}

/// Screen rectangles covering display chars `range` of a galley placed at `pos`.
pub fn range_rects(galley: &Galley, pos: Pos2, range: std::ops::Range<usize>) -> Vec<Rect> {
    let mut rects = Vec::new();
    let mut start = 0usize;
    for row in &galley.rows {
        let n = row.char_count_excluding_newline().0;
        let row_range = start..start + n;
        let a = range.start.max(row_range.start);
        let b = range.end.min(row_range.end);
        if a < b {
            let x0 = row.pos.x + row.x_offset(egui::text::CharIndex(a - start));
            let x1 = row.pos.x + row.x_offset(egui::text::CharIndex(b - start));
            rects.push(Rect::from_min_max(
                pos + vec2(x0, row.min_y()),
                pos + vec2(x1, row.max_y()),
            ));
        }
        start += row.char_count_including_newline().0;
        if start >= range.end {
            break;
        }
    }
    rects
}

/// The display char under `pointer` in a galley placed at `pos`, if the pointer is on a glyph.
pub fn char_under(galley: &Galley, pos: Pos2, pointer: Pos2) -> Option<usize> {
    let local = pointer - pos;
    let mut start = 0usize;
    for row in &galley.rows {
        if local.y >= row.min_y() && local.y < row.max_y() {
            for (i, glyph) in row.glyphs.iter().enumerate() {
                let r = glyph.logical_rect().translate(row.pos.to_vec2());
                if local.x >= r.min.x && local.x < r.max.x {
                    return Some(start + i);
                }
            }
            return None;
        }
        start += row.char_count_including_newline().0;
    }
    None
}

/// A paragraph laid out this frame.
struct Placed {
    side: Side,
    para: usize,
    pos: Pos2,
    galley: Arc<Galley>,
}

pub fn show(
    ui: &mut egui::Ui,
    app: &mut App,
    lang: Lang,
    palette: &Palette,
    commands: &mut Vec<Command>,
) {
    let t = lang.texts();
    let Some(current) = &app.current else {
        ui.vertical_centered(|ui| {
            ui.add_space(ui.available_height() / 3.0);
            if app.is_busy() {
                ui.spinner();
                ui.label(t.comparing);
            } else {
                ui.label(egui::RichText::new(t.empty_hint).size(BODY_SIZE + 2.0));
                ui.add_space(8.0);
                ui.horizontal(|ui| {
                    ui.add_space((ui.available_width() - 420.0).max(0.0) / 2.0);
                    if ui.button(t.open_parent).clicked() {
                        commands.push(Command::OpenDialog(Side::Parent));
                    }
                    if ui.button(t.open_child).clicked() {
                        commands.push(Command::OpenDialog(Side::Child));
                    }
                    if ui.button(t.example_gansu_wuwei).clicked() {
                        commands.push(Command::OpenExample(super::examples::Example::GansuWuwei));
                    }
                });
            }
        });
        return;
    };
    let model = Arc::clone(&current.model);
    let parent_title = format!("{} · {}", t.parent, current.parent.title);
    let child_title = format!("{} · {}", t.child, current.child.title);
    let parent_label = current.parent.label();
    let child_label = current.child.label();

    // Header: the two titles over their panes.
    let full = ui.available_rect_before_wrap();
    let header_h = 46.0;
    let header = Rect::from_min_size(full.min, vec2(full.width(), header_h));
    let body = Rect::from_min_max(pos2(full.min.x, header.max.y + 2.0), full.max);
    let scroll_rect = Rect::from_min_max(body.min, pos2(body.max.x - OVERVIEW_W - 4.0, body.max.y));
    let overview_rect = Rect::from_min_max(pos2(body.max.x - OVERVIEW_W, body.min.y), body.max);
    let cols = Columns::for_width(scroll_rect.width());
    app.pane_rects = [
        Rect::from_x_y_ranges(shift(cols.left, scroll_rect.min.x), full.y_range()),
        Rect::from_x_y_ranges(shift(cols.right, scroll_rect.min.x), full.y_range()),
    ];
    for (side, title, label) in [
        (Side::Parent, parent_title, parent_label),
        (Side::Child, child_title, child_label),
    ] {
        let x = shift(cols.of(side), scroll_rect.min.x);
        let rect = Rect::from_x_y_ranges(x, header.y_range()).shrink2(vec2(CELL_PAD, 2.0));
        let mut header_ui = ui.new_child(
            egui::UiBuilder::new()
                .max_rect(rect)
                .layout(egui::Layout::top_down(egui::Align::Min)),
        );
        header_ui.add(
            egui::Label::new(egui::RichText::new(title).strong().size(BODY_SIZE + 1.0)).truncate(),
        );
        header_ui.add(egui::Label::new(egui::RichText::new(label).weak().small()).truncate());
    }
    let spinner_rect = Rect::from_center_size(
        pos2(cols.gutter.center() + scroll_rect.min.x, header.center().y),
        vec2(20.0, 20.0),
    );
    if app.is_busy() {
        ui.put(spinner_rect, egui::Spinner::new());
    }

    // Resolve a pending jump with the geometry we have.
    let mut offset_request = None;
    if let Some(target) = app.view.scroll_request.clone()
        && app.geometry.is_ready_for(&model)
    {
        let viewport_h = if app.view.viewport_height > 0.0 {
            app.view.viewport_height
        } else {
            scroll_rect.height()
        };
        let offset = resolve_target(ui, app, &model, palette, &target, viewport_h);
        let max = (app.geometry.total - viewport_h).max(0.0);
        offset_request = Some(offset.clamp(0.0, max));
        app.view.scroll_request = None;
    }

    let mut scroll_ui = ui.new_child(egui::UiBuilder::new().max_rect(scroll_rect));
    let mut area = egui::ScrollArea::vertical()
        .id_salt("lineage_panes")
        .auto_shrink([false, false])
        .content_margin(0.0)
        .animated(false);
    if let Some(offset) = offset_request {
        area = area.vertical_scroll_offset(offset);
    }
    let output = area.show_viewport(&mut scroll_ui, |ui, viewport| {
        paint_content(ui, app, &model, lang, palette, viewport, commands);
    });
    app.view.scroll_offset = output.state.clamped_offset().y;
    app.view.viewport_height = output.inner_rect.height();
    if offset_request.is_some() {
        app.settle_navigation(output.state.clamped_offset().y);
    }

    super::overview::show(ui, overview_rect, app, &model, palette, commands);
    ui.advance_cursor_after_rect(full);
}

/// The content offset that shows a target.
fn resolve_target(
    ui: &egui::Ui,
    app: &mut App,
    model: &Arc<Model>,
    palette: &Palette,
    target: &ScrollTarget,
    viewport_h: f32,
) -> f32 {
    match target {
        ScrollTarget::Offset(y) => *y,
        ScrollTarget::Row(row) => app.geometry.row_top(*row).unwrap_or(0.0) - 4.0,
        ScrollTarget::Char { side, src, align } => {
            let sm = model.side(*side);
            let Some(p) = sm.para_at(*src) else {
                return app.view.scroll_offset;
            };
            let Some(para) = sm.paras.get(p) else {
                return app.view.scroll_offset;
            };
            // Lay the paragraph out now for the exact line.
            let width = app.geometry.cols.text_width();
            let galley = ui.fonts_mut(|f| f.layout_job(para_job(para, palette, width, false)));
            app.geometry.measured(*side, p, galley.size().y);
            if app.geometry.dirty {
                app.geometry.relayout(model, app.state.show_dropped);
            }
            let row = sm.para_row.get(p).copied().unwrap_or(0);
            if app.geometry.is_folded(row) {
                app.state.show_dropped = true;
            }
            let top = app.geometry.para_top(*side, p).unwrap_or(0.0);
            let within = galley
                .pos_from_cursor(CCursor::new(para.display_index(*src)))
                .min
                .y;
            top + within - viewport_h * align
        }
    }
}

#[allow(clippy::too_many_arguments)]
fn paint_content(
    ui: &mut egui::Ui,
    app: &mut App,
    model: &Arc<Model>,
    lang: Lang,
    palette: &Palette,
    viewport: Rect,
    commands: &mut Vec<Command>,
) {
    let t = lang.texts();
    let width = ui.available_width();
    let show_dropped = app.state.show_dropped;
    app.geometry.ensure(ui, model, width, show_dropped);
    let origin = ui.max_rect().min;
    let content = Rect::from_min_size(
        origin,
        vec2(width, app.geometry.total.max(viewport.height())),
    );
    let response = ui.allocate_rect(content, Sense::click_and_drag());
    let painter = ui.painter().clone();
    let under_text = painter.add(Shape::Noop);
    let mut under: Vec<Shape> = Vec::new();
    let mut over: Vec<Shape> = Vec::new();

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
    let selected_row = app
        .view
        .selected_section
        .and_then(|s| model.child.section_row.get(s).copied());
    let weak = ui.visuals().weak_text_color();
    let small = FontId::proportional(BODY_SIZE - 3.0);
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
            under.push(Shape::Vec(Shape::dashed_line(
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
            under.push(Shape::rect_filled(
                Rect::from_x_y_ranges(x(Rangef::new(cols.left.min, cols.right.max)), y),
                0.0,
                palette.selection,
            ));
            over.push(Shape::rect_filled(
                Rect::from_x_y_ranges(Rangef::new(origin.x, origin.x + 3.0), y),
                0.0,
                palette.moved,
            ));
        }
        match row.kind {
            RowKind::ParentOnly { dropped, parent } => {
                if dropped {
                    under.push(Shape::rect_filled(
                        left_rect.shrink2(vec2(2.0, 1.0)),
                        3.0,
                        palette.dropped_row_bg,
                    ));
                }
                let slot = right_rect.shrink2(vec2(CELL_PAD, 4.0));
                under.push(hatched(
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
                over.push(slot_caption(ui, slot, &text, &small, weak));
            }
            RowKind::Added { .. } => {
                let slot = left_rect.shrink2(vec2(CELL_PAD, 4.0));
                under.push(hatched(
                    slot,
                    palette.empty_slot,
                    palette.added.gamma_multiply(0.3),
                ));
                over.push(slot_caption(ui, slot, t.no_counterpart, &small, weak));
            }
            RowKind::Moved { child, .. } => {
                let slot = left_rect.shrink2(vec2(CELL_PAD, 4.0));
                under.push(hatched(
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
                    let galley =
                        ui.fonts_mut(|f| f.layout_no_wrap(text, small.clone(), palette.moved));
                    under.push(Shape::rect_filled(
                        Rect::from_min_size(badge.min, galley.size() + vec2(10.0, 2.0)),
                        4.0,
                        palette.moved.gamma_multiply(0.16),
                    ));
                    over.push(Shape::galley(
                        badge.min + vec2(5.0, 1.0),
                        galley,
                        palette.moved,
                    ));
                }
            }
            _ => {}
        }
        for (side, paras, rect) in [
            (Side::Parent, row.left.clone(), left_rect),
            (Side::Child, row.right.clone(), right_rect),
        ] {
            let s = side.index();
            let sm = model.side(side);
            for p in paras {
                let (Some(offset), Some(h)) =
                    (geometry.offsets[s].get(p), geometry.heights[s].get(p))
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
                    f.layout_job(para_job(para, palette, text_width, row.is_dropped()))
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

    // Gutter: bands between matched rows and curves for moved sections.
    super::gutter::paint(
        &mut under,
        &mut over,
        model,
        &app.geometry,
        origin,
        viewport,
        palette,
        selected_row,
    );

    // Hover: which child span (or parent text) is under the pointer.
    let pointer = response.hover_pos();
    let mut hovered: Option<(usize, usize)> = None; // (placed index, display char)
    if let Some(pointer) = pointer {
        for (i, pl) in placed.iter().enumerate() {
            let rect = Rect::from_min_size(pl.pos, pl.galley.size());
            if rect.contains(pointer)
                && let Some(c) = char_under(&pl.galley, pl.pos, pointer)
            {
                hovered = Some((i, c));
                break;
            }
        }
    }
    let mut hovered_span = None;
    if let Some((i, c)) = hovered
        && let Some(pl) = placed.get(i)
        && pl.side == Side::Child
        && let Some(para) = model.child.paras.get(pl.para)
        && let Some(&src) = para.origin.get(c)
    {
        hovered_span = model.span_at(src as usize);
    }
    app.view.hovered_span = hovered_span;

    // Overlays under the text: hovered span and its source, flash, find hits, substitution.
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
    let substitution_ranges =
        |range_of: fn(&crate::compare::Span) -> Option<std::ops::Range<usize>>| {
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
    for pl in &placed {
        let sm = model.side(pl.side);
        let Some(para) = sm.paras.get(pl.para) else {
            continue;
        };
        let to_display =
            |r: &std::ops::Range<usize>| para.display_index(r.start)..para.display_index(r.end);
        let overlaps =
            |r: &std::ops::Range<usize>| r.start < para.range.end && r.end > para.range.start;
        let add = |r: &std::ops::Range<usize>, color: Color32, list: &mut Vec<Shape>| {
            if overlaps(r) {
                for rect in range_rects(&pl.galley, pl.pos, to_display(r)) {
                    list.push(Shape::rect_filled(rect.expand(1.0), 2.0, color));
                }
            }
        };
        let outline =
            |r: &std::ops::Range<usize>, expand: f32, stroke: Stroke, list: &mut Vec<Shape>| {
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
                    add(r, palette.hover, &mut over);
                    if overlaps(r) {
                        hovered_child_rect = range_rects(&pl.galley, pl.pos, to_display(r))
                            .first()
                            .copied()
                            .or(hovered_child_rect);
                    }
                }
                for r in &substitution_spans {
                    outline(r, 1.5, Stroke::new(2.0, palette.adapted), &mut over);
                }
            }
            Side::Parent => {
                if let Some(r) = &hovered_parent_range {
                    add(r, palette.hover, &mut over);
                    outline(r, 1.0, Stroke::new(1.5, palette.inherited), &mut over);
                    if overlaps(r) {
                        hovered_parent_rect = range_rects(&pl.galley, pl.pos, to_display(r))
                            .first()
                            .copied()
                            .or(hovered_parent_rect);
                    }
                }
                for r in &substitution_parent {
                    outline(r, 1.5, Stroke::new(2.0, palette.adapted), &mut over);
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
                &mut over,
            );
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
                        Stroke::new(1.5, palette.adapted),
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

    painter.set(under_text, Shape::Vec(under));
    for pl in &placed {
        let fallback = palette.text;
        painter.galley(pl.pos, Arc::clone(&pl.galley), fallback);
    }
    painter.extend(over);

    // Tooltip and click for the hovered child span.
    if let Some(span_index) = hovered_span
        && let Some(span) = model.span(span_index)
    {
        ui.ctx().set_cursor_icon(if span.parent.is_some() {
            egui::CursorIcon::PointingHand
        } else {
            egui::CursorIcon::Default
        });
        let response = response
            .clone()
            .on_hover_ui_at_pointer(|ui| span_tooltip(ui, model, span_index, lang, palette));
        if response.clicked() && span.parent.is_some() {
            commands.push(Command::JumpToSpanSource(span_index));
        }
    } else if let Some((i, c)) = hovered
        && let Some(pl) = placed.get(i)
        && pl.side == Side::Parent
        && let Some(para) = model.parent.paras.get(pl.para)
    {
        // Parent text: what became of it.
        let mark = para
            .runs
            .iter()
            .find(|r| r.range.contains(&c))
            .map_or(Mark::Plain, |r| r.mark);
        let (name, hint) = match mark {
            Mark::Reused => (t.reused, t.reused_hint),
            Mark::Replaced => (t.replaced, t.adapted_hint),
            Mark::Dropped => (t.dropped, t.dropped_hint),
            _ => ("", t.not_taken_over),
        };
        let caption = para.section.map(|s| model.parent.section_caption(s));
        let response = response.clone().on_hover_ui_at_pointer(|ui| {
            ui.set_max_width(360.0);
            if !name.is_empty() {
                ui.horizontal(|ui| {
                    let (rect, _) = ui.allocate_exact_size(Vec2::splat(12.0), Sense::hover());
                    ui.painter().rect_filled(rect, 2.0, palette.solid(mark));
                    ui.strong(name);
                });
            }
            ui.label(hint);
            if let Some(caption) = &caption {
                ui.weak(caption);
            }
        });
        if response.clicked()
            && let Some(section) = para.section
        {
            commands.push(Command::SelectParentSection(section));
        }
    }

    // Right-click a child section to link / unlink it; drag it onto a parent section.
    let geometry = &app.geometry;
    let section_under = |pos: Pos2| -> Option<(Side, usize)> {
        let row = model.rows.get(geometry.row_at(pos.y - origin.y))?;
        if x(geometry.cols.right).contains(pos.x) {
            row.child_section().map(|s| (Side::Child, s))
        } else if x(geometry.cols.left).contains(pos.x) {
            row.parent_section().map(|s| (Side::Parent, s))
        } else {
            None
        }
    };
    super::session_panel::pane_interaction(ui, app, lang, &response, &section_under, commands);
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

/// Where a child span came from, or that it has no source.
fn span_tooltip(
    ui: &mut egui::Ui,
    model: &Model,
    span_index: usize,
    lang: Lang,
    palette: &Palette,
) {
    let t = lang.texts();
    let Some(span) = model.span(span_index) else {
        return;
    };
    ui.set_max_width(460.0);
    let mark = Mark::from(span.class);
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(Vec2::splat(12.0), Sense::hover());
        ui.painter().rect_filled(rect, 2.0, palette.solid(mark));
        ui.strong(lang.class_name(span.class));
    });
    match (&span.parent, span.class) {
        (Some(parent), class) => {
            let location = model
                .parent
                .section_at(parent.start)
                .map(|s| model.parent.section_caption(s))
                .unwrap_or_else(|| t.front_matter.to_owned());
            if class == SpanClass::Adapted {
                let from = excerpt(&model.parent.doc.slice(parent.clone()), 60);
                let to = excerpt(&model.child.doc.slice(span.range.clone()), 60);
                ui.label(
                    egui::RichText::new(lang.replaced(&from, &to))
                        .size(BODY_SIZE + 2.0)
                        .strong(),
                );
            }
            ui.label(lang.from_parent(&location));
            let text = excerpt(&model.parent.doc.slice(parent.clone()), 240);
            egui::Frame::new()
                .fill(palette.reused_bg)
                .inner_margin(6.0)
                .corner_radius(4.0)
                .show(ui, |ui| {
                    ui.label(egui::RichText::new(text).color(palette.text));
                });
            ui.weak(t.click_to_jump);
        }
        (None, _) => {
            ui.label(t.no_source);
        }
    }
}

/// Text shortened to `max` characters, white space collapsed.
pub fn excerpt(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut n = 0;
    let mut last_space = false;
    for c in text.chars() {
        let c = if c == '\n' || c == '\r' || c == '\t' {
            ' '
        } else {
            c
        };
        if c == ' ' {
            if last_space {
                continue;
            }
            last_space = true;
        } else {
            last_space = false;
        }
        if n >= max {
            out.push('…');
            break;
        }
        out.push(c);
        n += 1;
    }
    out.trim().to_owned()
}
