//! What the pointer does in the panes: hovering text shows where it came from, clicking a
//! child span brings the parent there, clicking parent text selects its section. Dragging over
//! text selects it (a double click selects a phrase); right-click for Copy, Copy with source
//! and a child section's note and link / unlink menu. Dragging a child section out of the
//! child pane onto a parent section links them; a drag off the text scrolls.

use egui::{Pos2, Rangef};

use super::geometry::shift;
use super::selection::{self, Selection};
use super::text::char_under;
use super::{Placed, tooltips};
use crate::app::i18n::Lang;
use crate::app::model::{Model, Side};
use crate::app::palette::Palette;
use crate::app::session_panel::{ReviewCommand, section_menu};
use crate::app::{App, Command};

/// The placed paragraph and display char under the pointer, if it is on a glyph.
pub(super) fn hovered(placed: &[Placed], pointer: Option<Pos2>) -> Option<(usize, usize)> {
    let pointer = pointer?;
    placed.iter().enumerate().find_map(|(i, pl)| {
        if pl.rect().contains(pointer) {
            char_under(&pl.galley, pl.pos, pointer).map(|c| (i, c))
        } else {
            None
        }
    })
}

/// The child span under the pointer.
pub(super) fn hovered_span(
    model: &Model,
    placed: &[Placed],
    hovered: Option<(usize, usize)>,
) -> Option<usize> {
    let (i, c) = hovered?;
    let pl = placed.get(i).filter(|pl| pl.side == Side::Child)?;
    let src = *model.child.paras.get(pl.para)?.origin.get(c)?;
    model.span_at(src as usize)
}

#[allow(clippy::too_many_arguments)]
pub(super) fn interact(
    ui: &mut egui::Ui,
    app: &App,
    model: &Model,
    lang: Lang,
    palette: &Palette,
    response: &egui::Response,
    placed: &[Placed],
    hovered: Option<(usize, usize)>,
    hovered_span: Option<usize>,
    origin: Pos2,
    commands: &mut Vec<Command>,
) {
    if let Some(span_index) = hovered_span
        && let Some(span) = model.span(span_index)
    {
        ui.ctx().set_cursor_icon(if span.parent.is_some() {
            egui::CursorIcon::PointingHand
        } else {
            egui::CursorIcon::Default
        });
        let response = response.clone().on_hover_ui_at_pointer(|ui| {
            tooltips::span_tooltip(ui, model, span_index, lang, palette);
        });
        if response.clicked() && !response.double_clicked() && span.parent.is_some() {
            commands.push(Command::JumpToSpanSource(span_index));
        }
    } else if let Some((i, c)) = hovered
        && let Some(pl) = placed.get(i)
        && pl.side == Side::Parent
        && let Some(para) = model.parent.paras.get(pl.para)
    {
        let response = response.clone().on_hover_ui_at_pointer(|ui| {
            tooltips::parent_tooltip(ui, model, para, c, lang, palette);
        });
        if response.clicked()
            && !response.double_clicked()
            && let Some(section) = para.section
        {
            commands.push(Command::SelectParentSection(section));
        }
    }

    let cols = app.geometry.cols;
    let geometry = &app.geometry;
    let x = |r: Rangef| shift(r, origin.x);
    let side_at = |pos: Pos2| -> Option<Side> {
        if x(cols.right).contains(pos.x) {
            Some(Side::Child)
        } else if x(cols.left).contains(pos.x) {
            Some(Side::Parent)
        } else {
            None
        }
    };
    let section_under = |pos: Pos2| -> Option<(Side, usize)> {
        let row = model.rows.get(geometry.row_at(pos.y - origin.y))?;
        match side_at(pos)? {
            Side::Child => row.child_section().map(|s| (Side::Child, s)),
            Side::Parent => row.parent_section().map(|s| (Side::Parent, s)),
        }
    };
    // The text position under a point, if the point is on a paragraph of that side.
    let text_at = |pos: Pos2| -> Option<(Side, usize)> {
        let side = side_at(pos)?;
        let pl = placed.iter().find(|pl| {
            pl.side == side
                && pl.rect().y_range().contains(pos.y)
                && x(cols.of(side)).contains(pos.x)
        })?;
        Some((side, position(model, pl, pos)))
    };
    let targets = Targets {
        section_under: &section_under,
        text_at: &text_at,
        nearest: &|side: Side, pos: Pos2| nearest(model, placed, side, pos),
        child_column: x(cols.right),
    };
    clicks(ui, app, model, response, &targets, commands);
    context_menu(ui, app, lang, response, &targets, commands);
    drag(ui, app, model, lang, response, &targets, commands);
}

/// What the pointer code asks about points of the content.
struct Targets<'a> {
    /// The section under a point.
    section_under: &'a dyn Fn(Pos2) -> Option<(Side, usize)>,
    /// The text position under a point on a paragraph.
    text_at: &'a dyn Fn(Pos2) -> Option<(Side, usize)>,
    /// The text position of a side nearest to a point (anywhere, for extending a selection).
    nearest: &'a dyn Fn(Side, Pos2) -> Option<usize>,
    child_column: Rangef,
}

/// The text position (between original characters) at `pos` in a placed paragraph.
fn position(model: &Model, pl: &Placed, pos: Pos2) -> usize {
    let Some(para) = model.side(pl.side).paras.get(pl.para) else {
        return 0;
    };
    let cursor = pl.galley.cursor_from_pos(pos - pl.pos);
    para.origin
        .get(cursor.index.0)
        .map_or(para.range.end, |&o| o as usize)
}

/// The text position of `side` nearest to `pos` among the paragraphs in view.
fn nearest(model: &Model, placed: &[Placed], side: Side, pos: Pos2) -> Option<usize> {
    let mut best: Option<(f32, usize)> = None;
    for pl in placed.iter().filter(|pl| pl.side == side) {
        let rect = pl.rect();
        let para = model.side(side).paras.get(pl.para)?;
        let (distance, at) = if pos.y < rect.min.y {
            (rect.min.y - pos.y, para.range.start)
        } else if pos.y > rect.max.y {
            (pos.y - rect.max.y, para.range.end)
        } else {
            (0.0, position(model, pl, pos))
        };
        if best.is_none_or(|(d, _)| distance < d) {
            best = Some((distance, at));
        }
    }
    best.map(|(_, at)| at)
}

/// A click that may become a double click: when, where, the text under it and the view's
/// offset before it.
#[derive(Debug, Clone, Copy)]
struct FirstClick {
    time: f64,
    pos: Pos2,
    side: Side,
    src: usize,
    offset: f32,
}

/// A click clears the selection; a double click selects the phrase under the pointer (where
/// the first click was, if it jumped the view elsewhere).
fn clicks(
    ui: &egui::Ui,
    app: &App,
    model: &Model,
    response: &egui::Response,
    targets: &Targets<'_>,
    commands: &mut Vec<Command>,
) {
    if !response.clicked() {
        return;
    }
    let click_id = egui::Id::unique("policy-lineage-pane-click");
    let now = ui.input(|i| i.time);
    let (delay, near) = ui.ctx().options(|o| {
        (
            o.input_options.max_double_click_delay,
            o.input_options.max_click_dist,
        )
    });
    let pos = response.interact_pointer_pos();
    let first: Option<FirstClick> = ui.data(|d| d.get_temp(click_id));
    let double =
        first.filter(|f| now - f.time < delay && pos.is_some_and(|p| p.distance(f.pos) < near));
    if let Some(first) = double {
        // The first click may have jumped the view: the phrase is where it was.
        commands.push(Command::Select(Some(selection::phrase_at(
            model, first.side, first.src,
        ))));
        if (first.offset - app.view.scroll_offset).abs() > 0.5 {
            commands.push(Command::ScrollTo(first.offset));
        }
        ui.data_mut(|d| d.remove::<FirstClick>(click_id));
        return;
    }
    let at = pos.and_then(|p| (targets.text_at)(p).map(|(side, src)| (p, side, src)));
    ui.data_mut(|d| match at {
        Some((pos, side, src)) => {
            let click = FirstClick {
                time: now,
                pos,
                side,
                src,
                offset: app.view.scroll_offset,
            };
            d.insert_temp(click_id, click);
        }
        None => d.remove::<FirstClick>(click_id),
    });
    if app.view.selection.is_some() {
        commands.push(Command::Select(None));
    }
}

/// Right-click: Copy and Copy with source (the phrase under the pointer is selected first
/// when the click is outside the selection), then a child section's note and link menu.
fn context_menu(
    ui: &mut egui::Ui,
    app: &App,
    lang: Lang,
    response: &egui::Response,
    targets: &Targets<'_>,
    commands: &mut Vec<Command>,
) {
    let t = lang.texts();
    let menu_id = egui::Id::unique("policy-lineage-pane-menu");
    if response.secondary_clicked()
        && let Some(pos) = response.interact_pointer_pos()
    {
        let section =
            (targets.section_under)(pos).and_then(|(side, s)| (side == Side::Child).then_some(s));
        ui.data_mut(|d| d.insert_temp(menu_id, section));
        let inside = (targets.text_at)(pos).is_some_and(|(side, src)| {
            app.view
                .selection
                .is_some_and(|sel| sel.side == side && sel.range().contains(&src))
        });
        if !inside && let (Some((side, src)), Some(model)) = ((targets.text_at)(pos), app.model()) {
            commands.push(Command::Select(Some(selection::phrase_at(
                model, side, src,
            ))));
        }
        commands.push(Command::LinkFilter(String::new()));
    }
    let section: Option<usize> = ui.data(|d| d.get_temp(menu_id)).flatten();
    let has_selection = app.view.selection.is_some_and(|s| !s.range().is_empty());
    response.context_menu(|ui| {
        if ui
            .add_enabled(
                has_selection,
                egui::Button::new(t.copy).shortcut_text("Ctrl+C"),
            )
            .clicked()
        {
            commands.push(Command::Copy { with_source: false });
            ui.close();
        }
        if ui
            .add_enabled(has_selection, egui::Button::new(t.copy_with_source))
            .clicked()
        {
            commands.push(Command::Copy { with_source: true });
            ui.close();
        }
        if ui
            .add(egui::Button::new(t.select_all).shortcut_text("Ctrl+A"))
            .clicked()
        {
            commands.push(Command::SelectAll);
            ui.close();
        }
        if let Some(section) = section {
            ui.separator();
            section_menu(ui, app, lang, section, commands);
        }
    });
}

/// What a drag in the panes does, decided when it starts.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Drag {
    /// Started on text: selects. A drag from a child section that leaves the child pane
    /// becomes a link drag.
    Select {
        side: Side,
        anchor: usize,
        child_section: Option<usize>,
    },
    /// Links a child section to the parent section it is dropped on.
    Link { child: usize },
    /// Started off the text: scrolls.
    Scroll,
}

fn drag(
    ui: &mut egui::Ui,
    app: &App,
    model: &Model,
    lang: Lang,
    response: &egui::Response,
    targets: &Targets<'_>,
    commands: &mut Vec<Command>,
) {
    let drag_id = egui::Id::unique("policy-lineage-pane-drag");
    if response.drag_started()
        && let Some(origin) = ui.input(|i| i.pointer.press_origin())
    {
        let mode = match (targets.text_at)(origin) {
            Some((side, anchor)) => Drag::Select {
                side,
                anchor,
                child_section: (targets.section_under)(origin)
                    .and_then(|(s, section)| (s == Side::Child).then_some(section)),
            },
            None => Drag::Scroll,
        };
        ui.data_mut(|d| d.insert_temp(drag_id, mode));
    }
    let Some(mode) = ui.data(|d| d.get_temp::<Drag>(drag_id)) else {
        return;
    };
    if !response.dragged() && !response.drag_stopped() {
        ui.data_mut(|d| d.remove::<Drag>(drag_id));
        return;
    }
    let pointer = ui.input(|i| i.pointer.latest_pos());
    match mode {
        Drag::Scroll => {
            ui.scroll_with_delta_animation(
                egui::vec2(0.0, response.drag_delta().y),
                egui::style::ScrollAnimation::none(),
            );
        }
        Drag::Select {
            side: Side::Child,
            child_section: Some(child),
            ..
        } if pointer.is_some_and(|p| p.x < targets.child_column.min) => {
            ui.data_mut(|d| d.insert_temp(drag_id, Drag::Link { child }));
            if app.view.selection.is_some() {
                commands.push(Command::Select(None));
            }
        }
        Drag::Select { side, anchor, .. } => {
            if let Some(head) = pointer.and_then(|p| (targets.nearest)(side, p))
                && app.view.selection != Some(Selection { side, anchor, head })
            {
                commands.push(Command::Select(Some(Selection { side, anchor, head })));
            }
        }
        Drag::Link { child } => {
            let target = pointer
                .and_then(targets.section_under)
                .and_then(|(side, s)| (side == Side::Parent).then_some(s));
            if response.drag_stopped() {
                if let Some(parent) = target {
                    commands.push(Command::Review(ReviewCommand::Link { child, parent }));
                }
            } else if let Some(pointer) = pointer {
                link_arrow(ui, model, lang, child, target, pointer);
            }
        }
    }
    if response.drag_stopped() {
        ui.data_mut(|d| d.remove::<Drag>(drag_id));
    }
}

/// The arrow from where a link drag started to the pointer, naming the two sections.
fn link_arrow(
    ui: &egui::Ui,
    model: &Model,
    lang: Lang,
    child: usize,
    target: Option<usize>,
    pointer: Pos2,
) {
    let Some(origin) = ui.input(|i| i.pointer.press_origin()) else {
        return;
    };
    let painter = ui.ctx().layer_painter(egui::LayerId::new(
        egui::Order::Tooltip,
        egui::Id::unique("policy-lineage-link-arrow"),
    ));
    let color = ui.visuals().selection.stroke.color;
    painter.arrow(origin, pointer - origin, egui::Stroke::new(2.0, color));
    let target = match target {
        Some(p) => model.parent.section_caption(p),
        None => lang.texts().drop_on_parent_section.to_owned(),
    };
    painter.text(
        pointer + egui::vec2(14.0, 14.0),
        egui::Align2::LEFT_TOP,
        format!("{} → {target}", model.child.section_caption(child)),
        egui::FontId::proportional(13.0),
        ui.visuals().strong_text_color(),
    );
    ui.ctx().set_cursor_icon(egui::CursorIcon::Grabbing);
}
