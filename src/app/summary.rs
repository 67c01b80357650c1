//! The summary panel: what the child is made of (a stacked bar), how much of the parent it
//! reused, a sortable table of its sections, the table of systematic substitutions and the
//! reviewer checks. Clicking a row goes there.

use egui::{Rect, RichText, Sense, pos2, vec2};
use egui_extras::{Column, TableBuilder};

use super::i18n::Lang;
use super::palette::Palette;
use super::{App, Command};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum SortKey {
    /// Reading order.
    #[default]
    Order,
    Inherited,
    Adapted,
    Added,
    Similarity,
}

#[derive(Debug, Clone, Default)]
pub struct SummaryState {
    pub sort: SortKey,
    pub descending: bool,
}

/// Child sections in the table's order.
fn sorted_sections(app: &App) -> Vec<usize> {
    let Some(model) = app.model() else {
        return Vec::new();
    };
    let mut rows: Vec<usize> = (0..model.child.sections().len()).collect();
    let key = |i: usize| -> f64 {
        let m = model.section_match(i);
        match app.summary.sort {
            SortKey::Order => i as f64,
            SortKey::Inherited => m.map_or(0.0, |m| m.inherited),
            SortKey::Adapted => m.map_or(0.0, |m| m.adapted),
            SortKey::Added => m.map_or(0.0, |m| m.added),
            SortKey::Similarity => m
                .and_then(|m| m.parents.first())
                .map_or(0.0, |l| l.similarity),
        }
    };
    rows.sort_by(|&a, &b| key(a).total_cmp(&key(b)).then(a.cmp(&b)));
    if app.summary.descending {
        rows.reverse();
    }
    rows
}

/// The narrowest the panel gets when room is short, and its width at first.
pub const MIN_WIDTH: f32 = 240.0;
pub const USUAL_WIDTH: f32 = 400.0;

/// The panel, at most `max_width` wide.
pub fn show(
    ui: &mut egui::Ui,
    app: &App,
    lang: Lang,
    palette: &Palette,
    max_width: f32,
    commands: &mut Vec<Command>,
) {
    let t = lang.texts();
    egui::Panel::right("summary_panel")
        .resizable(true)
        .default_size(USUAL_WIDTH)
        .size_range(
            if max_width.is_finite() {
                MIN_WIDTH
            } else {
                260.0
            }..=max_width.clamp(MIN_WIDTH, 640.0),
        )
        .show(ui, |ui| {
            ui.add_space(4.0);
            ui.heading(t.summary);
            let Some(model) = app.model().cloned() else {
                return;
            };
            let s = model.comparison.summary;
            ui.label(RichText::new(t.composition).strong());
            stacked_bar(
                ui,
                &[
                    (s.inherited, palette.inherited, t.inherited),
                    (s.adapted, palette.adapted, t.adapted),
                    (s.added, palette.added, t.added),
                ],
            );
            ui.horizontal_wrapped(|ui| {
                for (share, color, name) in [
                    (s.inherited, palette.inherited, t.inherited),
                    (s.adapted, palette.adapted, t.adapted),
                    (s.added, palette.added, t.added),
                ] {
                    ui.label(RichText::new("■").color(color));
                    ui.label(format!("{name} {:.1}%", share * 100.0));
                }
            });
            ui.add_space(4.0);
            ui.label(RichText::new(t.parent_reused).strong());
            stacked_bar(ui, &[(s.parent_reused, palette.inherited, t.reused)]);
            ui.horizontal(|ui| {
                ui.label(format!("{:.1}%", s.parent_reused * 100.0));
                ui.weak("·");
                ui.weak(lang.dropped_sections(model.comparison.dropped.len()));
            });
            if model.comparison.timed_out {
                ui.colored_label(ui.visuals().warn_fg_color, t.timed_out);
            }
            if model.comparison.sections.is_empty() {
                ui.weak(t.engine_placeholder);
            }
            ui.separator();

            let available = ui.available_height();
            let subs_height = (available * 0.3).clamp(90.0, 260.0);
            let checks_height = if model.checks.is_empty() {
                0.0
            } else {
                (available * 0.25).clamp(70.0, 220.0) + 30.0
            };
            ui.label(RichText::new(t.sections).strong());
            sections_table(
                ui,
                app,
                lang,
                (available - subs_height - checks_height - 60.0).max(120.0),
                commands,
            );
            ui.separator();
            ui.label(RichText::new(t.substitutions).strong());
            // With checks below, the substitutions leave them room.
            let subs_max = (!model.checks.is_empty()).then_some((subs_height - 30.0).max(60.0));
            substitutions_table(ui, app, lang, palette, subs_max, commands);
            if !model.checks.is_empty() {
                ui.separator();
                ui.label(RichText::new(t.checks).strong());
                checks_table(ui, app, lang, palette, commands);
            }
        });
}

/// Paints shares (each clamped to 0..=1) left to right from `min`, one colour each, as
/// segments of a bar of `size`; shared by the summary bar and the outline's section bars.
pub(super) fn paint_shares(
    painter: &egui::Painter,
    min: egui::Pos2,
    size: egui::Vec2,
    shares: impl IntoIterator<Item = (f64, egui::Color32)>,
) {
    let mut x = min.x;
    for (share, color) in shares {
        let w = size.x * share.clamp(0.0, 1.0) as f32;
        if w > 0.0 {
            painter.rect_filled(
                Rect::from_min_size(pos2(x, min.y), vec2(w, size.y)),
                0.0,
                color,
            );
        }
        x += w;
    }
}

/// A horizontal bar of shares that add up to at most 1.
fn stacked_bar(ui: &mut egui::Ui, parts: &[(f64, egui::Color32, &str)]) {
    let width = ui.available_width().min(360.0);
    let (rect, response) = ui.allocate_exact_size(vec2(width, 16.0), Sense::hover());
    let painter = ui.painter();
    painter.rect_filled(rect, 3.0, ui.visuals().extreme_bg_color);
    paint_shares(
        painter,
        rect.min,
        vec2(width, rect.height()),
        parts.iter().map(|&(share, color, _)| (share, color)),
    );
    let tip: Vec<String> = parts
        .iter()
        .map(|(share, _, name)| format!("{name} {:.1}%", share * 100.0))
        .collect();
    response.on_hover_text(tip.join(" · "));
}

fn sort_header(
    ui: &mut egui::Ui,
    app: &App,
    key: super::summary::SortKey,
    name: &str,
    commands: &mut Vec<SortKey>,
) {
    let arrow = if app.summary.sort == key {
        if app.summary.descending {
            " ▼"
        } else {
            " ▲"
        }
    } else {
        ""
    };
    // The arrow stays beside the name: the column widens rather than wrapping it below.
    let label = RichText::new(format!("{name}{arrow}")).strong();
    if ui
        .add(
            egui::Button::new(label)
                .frame(false)
                .wrap_mode(egui::TextWrapMode::Extend),
        )
        .clicked()
    {
        commands.push(key);
    }
}

fn sections_table(
    ui: &mut egui::Ui,
    app: &App,
    lang: Lang,
    height: f32,
    commands: &mut Vec<Command>,
) {
    let t = lang.texts();
    let Some(model) = app.model().cloned() else {
        return;
    };
    let rows = sorted_sections(app);
    let mut sort_clicks: Vec<SortKey> = Vec::new();
    let row_h = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    let selected = app.view.selected_section;
    ui.push_id("sections_table", |ui| {
        TableBuilder::new(ui)
            .striped(true)
            .resizable(true)
            .sense(Sense::click())
            .max_scroll_height(height)
            .min_scrolled_height(height.min(120.0))
            .column(Column::initial(130.0).at_least(60.0).clip(true))
            .column(Column::auto().at_least(36.0))
            .column(Column::auto().at_least(36.0))
            .column(Column::auto().at_least(36.0))
            .column(Column::initial(96.0).at_least(40.0).clip(true))
            .column(Column::remainder().at_least(64.0))
            .header(row_h + 2.0, |mut header| {
                header.col(|ui| {
                    sort_header(ui, app, SortKey::Order, t.col_section, &mut sort_clicks)
                });
                header.col(|ui| {
                    sort_header(ui, app, SortKey::Inherited, t.inherited, &mut sort_clicks)
                });
                header
                    .col(|ui| sort_header(ui, app, SortKey::Adapted, t.adapted, &mut sort_clicks));
                header.col(|ui| sort_header(ui, app, SortKey::Added, t.added, &mut sort_clicks));
                header.col(|ui| {
                    ui.strong(t.col_parent);
                });
                header.col(|ui| {
                    sort_header(
                        ui,
                        app,
                        SortKey::Similarity,
                        t.col_similarity,
                        &mut sort_clicks,
                    )
                });
            })
            .body(|body| {
                body.rows(row_h, rows.len(), |mut row| {
                    let Some(&i) = rows.get(row.index()) else {
                        return;
                    };
                    row.set_selected(selected == Some(i));
                    let m = model.section_match(i);
                    let pct = |v: Option<f64>| {
                        v.map_or_else(|| "–".to_owned(), |v| format!("{:.0}%", v * 100.0))
                    };
                    row.col(|ui| {
                        ui.add(
                            egui::Label::new(model.child.section_caption(i))
                                .truncate()
                                .selectable(false),
                        );
                    });
                    row.col(|ui| {
                        ui.add(egui::Label::new(pct(m.map(|m| m.inherited))).selectable(false));
                    });
                    row.col(|ui| {
                        ui.add(egui::Label::new(pct(m.map(|m| m.adapted))).selectable(false));
                    });
                    row.col(|ui| {
                        ui.add(egui::Label::new(pct(m.map(|m| m.added))).selectable(false));
                    });
                    let link = m.and_then(|m| m.parents.first());
                    row.col(|ui| {
                        let text = match (link, model.moved_from(i)) {
                            (Some(l), moved) => {
                                let mut s = model
                                    .parent
                                    .section_path
                                    .get(l.section)
                                    .cloned()
                                    .unwrap_or_default();
                                if moved.is_some() {
                                    s = format!("⇦ {s}");
                                }
                                s
                            }
                            (None, _) => "＋".to_owned(),
                        };
                        ui.add(egui::Label::new(text).truncate().selectable(false));
                    });
                    row.col(|ui| {
                        ui.add(egui::Label::new(pct(link.map(|l| l.similarity))).selectable(false));
                    });
                    if row.response().clicked() {
                        commands.push(Command::SelectSection(i));
                    }
                });
            });
    });
    commands.extend(sort_clicks.into_iter().map(Command::SortSections));
}

impl SummaryState {
    /// A click on a column's header: sort by it, or reverse the order if it sorts already.
    pub fn sort_by(&mut self, key: SortKey) {
        if self.sort == key {
            self.descending = !self.descending;
        } else {
            self.sort = key;
            self.descending = key != SortKey::Order;
        }
    }
}

fn substitutions_table(
    ui: &mut egui::Ui,
    app: &App,
    lang: Lang,
    palette: &Palette,
    max_height: Option<f32>,
    commands: &mut Vec<Command>,
) {
    let t = lang.texts();
    let Some(model) = app.model() else {
        return;
    };
    let subs = &model.comparison.substitutions;
    if subs.is_empty() {
        ui.weak(t.none);
        return;
    }
    let row_h = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    let selected = app.view.substitution.map(|(i, _)| i);
    ui.push_id("substitutions_table", |ui| {
        let mut table = TableBuilder::new(ui)
            .striped(true)
            .sense(Sense::click())
            .auto_shrink([false, true]);
        if let Some(height) = max_height {
            table = table.max_scroll_height(height);
        }
        table
            .column(Column::initial(120.0).at_least(40.0).clip(true))
            .column(Column::initial(120.0).at_least(40.0).clip(true))
            .column(Column::remainder().at_least(40.0))
            .header(row_h + 2.0, |mut header| {
                header.col(|ui| {
                    ui.strong(t.parent);
                });
                header.col(|ui| {
                    ui.strong(t.child);
                });
                header.col(|ui| {
                    ui.strong("#");
                });
            })
            .body(|body| {
                body.rows(row_h, subs.len(), |mut row| {
                    let Some(sub) = subs.get(row.index()) else {
                        return;
                    };
                    row.set_selected(selected == Some(row.index()));
                    row.col(|ui| {
                        ui.add(
                            egui::Label::new(
                                RichText::new(&sub.parent)
                                    .background_color(palette.replaced_bg)
                                    .color(palette.text),
                            )
                            .selectable(false),
                        );
                    });
                    row.col(|ui| {
                        ui.add(
                            egui::Label::new(
                                RichText::new(format!("→ {}", sub.child))
                                    .background_color(palette.adapted_bg)
                                    .color(palette.text),
                            )
                            .selectable(false),
                        );
                    });
                    row.col(|ui| {
                        ui.add(egui::Label::new(lang.times(sub.count)).selectable(false));
                    });
                    if row.response().clicked() {
                        commands.push(Command::SelectSubstitution(row.index()));
                    }
                });
            });
    });
}

/// The checks: kind and the child's text (what it should say, when known); the note on
/// hover. Clicking a row goes to the text in the child.
fn checks_table(
    ui: &mut egui::Ui,
    app: &App,
    lang: Lang,
    palette: &Palette,
    commands: &mut Vec<Command>,
) {
    let Some(model) = app.model() else {
        return;
    };
    let checks = &model.checks;
    let row_h = ui.text_style_height(&egui::TextStyle::Body) + 4.0;
    ui.push_id("checks_table", |ui| {
        TableBuilder::new(ui)
            .striped(true)
            .sense(Sense::click())
            .auto_shrink([false, true])
            .column(Column::initial(80.0).at_least(40.0).clip(true))
            .column(Column::remainder().at_least(60.0).clip(true))
            .body(|body| {
                body.rows(row_h, checks.len(), |mut row| {
                    let Some(check) = checks.get(row.index()) else {
                        return;
                    };
                    row.set_selected(app.view.check == Some(row.index()));
                    row.col(|ui| {
                        let kind = match lang {
                            Lang::Zh => check.kind.label_zh(),
                            Lang::En => check.kind.name(),
                        };
                        ui.add(
                            egui::Label::new(RichText::new(kind).color(palette.added))
                                .selectable(false),
                        );
                    });
                    row.col(|ui| {
                        let text = match &check.expected {
                            Some(expected) => format!("{} → {expected}", check.text),
                            None => check.text.clone(),
                        };
                        ui.add(egui::Label::new(text).selectable(false));
                    });
                    let response = row.response();
                    if response.clicked() {
                        commands.push(Command::SelectCheck(row.index()));
                    }
                    response.on_hover_text(&check.note);
                });
            });
    });
}
