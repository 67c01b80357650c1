//! The outline panel: the child's section tree, each section with a small bar of what it is
//! made of (inherited, adapted, added). Click a section and both panes go there; as the
//! documents scroll, the outline marks the section in view and keeps it in sight.

use egui::{Rect, RichText, Sense, pos2, vec2};

use super::i18n::Lang;
use super::model::Model;
use super::palette::Palette;
use super::{App, Command};

const BAR_W: f32 = 44.0;
const BAR_H: f32 = 8.0;
/// Radius of the note / manual-correction marks.
const MARK_R: f32 = 3.5;
/// The narrowest the panel gets, and its width at first.
pub const MIN_WIDTH: f32 = 200.0;
pub const USUAL_WIDTH: f32 = 290.0;

/// The section the outline marks: the one selected while its heading is in view, else the
/// child's section at the top of the panes.
pub fn current_section(app: &App, model: &Model) -> Option<usize> {
    let view = &app.view;
    let (top, bottom) = (
        view.scroll_offset,
        view.scroll_offset + view.viewport_height,
    );
    let in_view = |section: usize| {
        model
            .child
            .section_row
            .get(section)
            .and_then(|&row| app.geometry.row_top(row))
            .is_some_and(|y| y >= top - 1.0 && y < bottom)
    };
    if let Some(section) = view.selected_section.filter(|&s| in_view(s)) {
        return Some(section);
    }
    let row = app.geometry.row_at(top + 4.0);
    model
        .rows
        .get(..=row)?
        .iter()
        .rev()
        .find_map(|r| r.child_section())
}

/// The panel, at most `max_width` wide; returns the width it took.
pub fn show(
    ui: &mut egui::Ui,
    app: &App,
    lang: Lang,
    palette: &Palette,
    max_width: f32,
    commands: &mut Vec<Command>,
) -> f32 {
    let t = lang.texts();
    egui::Panel::left("outline_panel")
        .resizable(true)
        .default_size(USUAL_WIDTH)
        .size_range(MIN_WIDTH..=max_width.clamp(MIN_WIDTH, 520.0))
        .show(ui, |ui| {
            ui.add_space(4.0);
            ui.heading(t.outline);
            let Some(model) = app.model() else {
                return;
            };
            ui.add(egui::Label::new(RichText::new(&model.child.doc.title).weak()).wrap());
            ui.separator();
            let sections = model.child.sections();
            if sections.is_empty() {
                ui.weak(t.no_sections);
                return;
            }
            egui::ScrollArea::vertical()
                .id_salt("outline_scroll")
                .auto_shrink([false, false])
                .show(ui, |ui| {
                    let current = current_section(app, model);
                    // Scrolled to the section when the documents bring another one into view.
                    let shown_id = ui.scope_id().with("current_section");
                    let follow =
                        ui.data(|d| d.get_temp::<Option<usize>>(shown_id)) != Some(current);
                    ui.data_mut(|d| d.insert_temp(shown_id, current));
                    for (i, section) in sections.iter().enumerate() {
                        let selected = current == Some(i);
                        let m = model.section_match(i);
                        let moved = model.moved_from(i).is_some();
                        let own = m.is_some_and(|m| m.parents.is_empty());
                        // The reviewer's note, manual correction.
                        let (noted, manual) = super::session_panel::marks(app, i);
                        let mut text = String::new();
                        if !section.label.is_empty() {
                            text.push_str(&section.label);
                        }
                        text.push_str(&section.title);
                        let indent = 12.0 * section.depth as f32;
                        let width = ui.available_width();
                        let height = ui.text_style_height(&egui::TextStyle::Body) + 6.0;
                        let (rect, response) =
                            ui.allocate_exact_size(vec2(width, height), Sense::click());
                        response.widget_info(|| {
                            egui::WidgetInfo::selected(egui::Role::TreeItem, true, selected, &text)
                        });
                        if ui.is_rect_visible(rect) {
                            let visuals = ui.style().interact_selectable(&response, selected);
                            if selected || response.hovered() {
                                ui.painter().rect_filled(rect, 3.0, visuals.bg_fill);
                            }
                            // The bar: inherited | adapted | added, by share of the section's text.
                            let bar = Rect::from_min_size(
                                pos2(rect.max.x - BAR_W - 4.0, rect.center().y - BAR_H / 2.0),
                                vec2(BAR_W, BAR_H),
                            );
                            ui.painter()
                                .rect_filled(bar, 2.0, ui.visuals().extreme_bg_color);
                            if let Some(m) = m {
                                super::summary::paint_shares(
                                    ui.painter(),
                                    bar.min,
                                    vec2(BAR_W, BAR_H),
                                    [
                                        (m.inherited, palette.inherited),
                                        (m.adapted, palette.adapted),
                                        (m.added, palette.added),
                                    ],
                                );
                            }
                            let mut marker = String::new();
                            if moved {
                                marker.push_str("⇦ ");
                            } else if own {
                                marker.push('＋');
                            }
                            let mut marks_left = bar.min.x - 6.0;
                            for (on, filled) in [(manual, false), (noted, true)] {
                                if !on {
                                    continue;
                                }
                                let c = pos2(marks_left - MARK_R, rect.center().y);
                                if filled {
                                    ui.painter().circle_filled(c, MARK_R, palette.moved);
                                } else {
                                    ui.painter().rect_stroke(
                                        Rect::from_center_size(c, vec2(MARK_R, MARK_R) * 2.0),
                                        1.0,
                                        egui::Stroke::new(1.5, palette.moved),
                                        egui::StrokeKind::Inside,
                                    );
                                }
                                marks_left -= 2.0 * MARK_R + 4.0;
                            }
                            let text_rect = Rect::from_min_max(
                                pos2(rect.min.x + 4.0 + indent, rect.min.y),
                                pos2(marks_left, rect.max.y),
                            );
                            let color = if section.depth == 0 {
                                ui.visuals().strong_text_color()
                            } else {
                                visuals.text_color()
                            };
                            let font = egui::TextStyle::Body.resolve(ui.style());
                            let mut job = egui::text::LayoutJob::default();
                            if !marker.is_empty() {
                                job.append(
                                    &marker,
                                    0.0,
                                    egui::TextFormat::simple(
                                        font.clone(),
                                        if moved { palette.moved } else { palette.added },
                                    ),
                                );
                            }
                            job.append(&text, 0.0, egui::TextFormat::simple(font, color));
                            job.wrap = egui::text::TextWrapping::truncate_at_width(
                                text_rect.width().max(10.0),
                            );
                            let galley = ui.fonts_mut(|f| f.layout_job(job));
                            let pos =
                                pos2(text_rect.min.x, rect.center().y - galley.size().y / 2.0);
                            ui.painter().galley(pos, galley, color);
                        }
                        let response = response.on_hover_ui(|ui| {
                            ui.strong(model.child.section_caption(i));
                            if let Some(m) = m {
                                ui.label(format!(
                                    "{} {:.0}% · {} {:.0}% · {} {:.0}%",
                                    t.inherited,
                                    m.inherited * 100.0,
                                    t.adapted,
                                    m.adapted * 100.0,
                                    t.added,
                                    m.added * 100.0
                                ));
                                if let Some(link) = m.parents.first() {
                                    ui.label(format!(
                                        "{}: {} ({:.0}%)",
                                        t.col_parent,
                                        model.parent.section_caption(link.section),
                                        link.similarity * 100.0
                                    ));
                                }
                            }
                            if noted {
                                ui.colored_label(palette.moved, lang.texts().has_note);
                            }
                            if manual {
                                ui.colored_label(palette.moved, lang.texts().manual_correction);
                            }
                            if let Some(from) = model.moved_from(i) {
                                ui.colored_label(palette.moved, lang.moved_from(from));
                            } else if own {
                                ui.colored_label(palette.added, t.no_counterpart);
                            }
                        });
                        if response.clicked() {
                            commands.push(Command::SelectSection(i));
                        }
                        // Note, link and unlink.
                        response.context_menu(|ui| {
                            super::session_panel::section_menu(ui, app, lang, i, commands);
                        });
                        if selected && (follow || app.view.scroll_request.is_some()) {
                            response.scroll_to_me(None);
                        }
                    }
                });
        })
        .response
        .rect
        .width()
}
