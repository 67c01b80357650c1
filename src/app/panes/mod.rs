//! The two panes: the parent on the left, the child on the right, one scroll area for both so
//! they always scroll together, rows keeping matched sections level.
//!
//! Virtualised ([`geometry`]): each frame lays out only the paragraphs inside the viewport, one
//! layout job per paragraph ([`text`]). Drawing goes in layers: row decorations and paragraph
//! placement ([`rows`]), the gutter between the panes ([`gutter`]), highlights over the text
//! ([`overlays`]), then what the pointer does ([`pointer`], [`tooltips`]). The overview strip
//! beside the scroll bar is [`overview`].

pub mod facts_line;
pub mod geometry;
mod gutter;
mod overlays;
mod overview;
mod pointer;
mod rows;
pub mod selection;
pub mod text;
mod tooltips;

use std::sync::Arc;

use egui::text::CCursor;
use egui::{Galley, Pos2, Rect, Sense, Shape, pos2, vec2};

pub use self::geometry::{CELL_PAD, Columns, Geometry, OVERVIEW_W, shift};
use self::text::{BODY_SIZE, para_job};
use super::dialogs::Dialog;
use super::i18n::Lang;
use super::model::{Model, Side};
use super::palette::Palette;
use super::{App, Command, ScrollTarget};

/// Characters of body text a pane keeps per line at the least.
const MIN_CHARS: f32 = 20.0;

/// The narrowest the panes get beside the side panels: two columns of [`MIN_CHARS`] body
/// characters, the gutter, the overview strip and the margins around them.
pub const MIN_WIDTH: f32 =
    2.0 * (MIN_CHARS * BODY_SIZE + 2.0 * CELL_PAD) + geometry::GUTTER_W + OVERVIEW_W + 32.0;

/// How long a flash lasts (seconds).
pub const FLASH_SECONDS: f64 = 1.6;

/// A paragraph laid out this frame.
struct Placed {
    side: Side,
    para: usize,
    pos: Pos2,
    galley: Arc<Galley>,
}

impl Placed {
    fn rect(&self) -> Rect {
        Rect::from_min_size(self.pos, self.galley.size())
    }
}

/// Shapes painted below the text and above it.
#[derive(Default)]
struct Layers {
    under: Vec<Shape>,
    over: Vec<Shape>,
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
                        commands.push(Command::Ask(Dialog::OpenDocument(Side::Parent)));
                    }
                    if ui.button(t.open_child).clicked() {
                        commands.push(Command::Ask(Dialog::OpenDocument(Side::Child)));
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
    let parent_facts = facts_line::facts_line(&current.parent, t);
    let child_facts = facts_line::facts_line(&current.child, t);

    // Header: the two titles over their panes, each document's facts under its title.
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
    for (side, title, facts) in [
        (Side::Parent, parent_title, parent_facts),
        (Side::Child, child_title, child_facts),
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
        header_ui
            .add(egui::Label::new(egui::RichText::new(facts.line).weak().small()).truncate())
            .on_hover_text(facts.detail);
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
        && app
            .geometry
            .is_ready_for(&model, app.text_zoom(), app.state.show_dropped)
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
    // Ctrl + wheel (or a pinch) over the documents zooms their text.
    let zoom = ui.input(|i| i.zoom_delta());
    if (zoom - 1.0).abs() > 1e-3 && ui.rect_contains_pointer(scroll_rect) {
        commands.push(Command::ZoomBy(zoom));
    }
    app.view.scroll_offset = output.state.clamped_offset().y;
    app.view.viewport_height = output.inner_rect.height();
    if offset_request.is_some() {
        app.settle_navigation(output.state.clamped_offset().y);
    }

    overview::show(ui, overview_rect, app, &model, palette, commands);
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
            let zoom = app.geometry.zoom();
            let galley =
                ui.fonts_mut(|f| f.layout_job(para_job(para, palette, width, zoom, false)));
            app.geometry.measured(*side, p, galley.size().y);
            if app.geometry.dirty {
                app.geometry.relayout(model, app.state.show_dropped);
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

/// The content of the scroll area: the rows in view, the gutter, highlights, and what the
/// pointer does there.
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
    let width = ui.available_width();
    let show_dropped = app.state.show_dropped;
    app.geometry
        .ensure(ui, model, width, app.text_zoom(), show_dropped);
    let origin = ui.max_rect().min;
    let content = Rect::from_min_size(
        origin,
        vec2(width, app.geometry.total.max(viewport.height())),
    );
    let response = ui.allocate_rect(content, Sense::click_and_drag());
    let painter = ui.painter().clone();
    let under_text = painter.add(Shape::Noop);
    let mut layers = Layers::default();
    let selected_row = app
        .view
        .selected_section
        .and_then(|s| model.child.section_row.get(s).copied());

    let placed = rows::paint(
        ui,
        app,
        model,
        lang,
        palette,
        origin,
        viewport,
        selected_row,
        &mut layers,
    );
    gutter::paint(
        &mut layers,
        model,
        &app.geometry,
        origin,
        viewport,
        palette,
        selected_row,
    );
    gutter::note_marks(ui, app, model, origin, viewport, palette);
    let hovered = pointer::hovered(&placed, response.hover_pos());
    let hovered_span = pointer::hovered_span(model, &placed, hovered);
    app.view.hovered_span = hovered_span;
    overlays::paint(
        ui,
        app,
        model,
        palette,
        &placed,
        hovered_span,
        origin,
        &mut layers,
    );

    painter.set(under_text, Shape::Vec(layers.under));
    for pl in &placed {
        painter.galley(pl.pos, Arc::clone(&pl.galley), palette.text);
    }
    painter.extend(layers.over);

    pointer::interact(
        ui,
        app,
        model,
        lang,
        palette,
        &response,
        &placed,
        hovered,
        hovered_span,
        origin,
        commands,
    );
}
