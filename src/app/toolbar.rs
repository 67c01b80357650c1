//! The menu bar, the toolbar (navigation, find, swap, language), the error banner and the
//! status bar with the legend.

use egui::{Color32, RichText};

use super::examples::Example;
use super::i18n::Lang;
use super::model::Side;
use super::palette::{Mark, Palette};
use super::task::DocSource;
use super::{App, Banner, BannerKind, Command, ThemeChoice};

pub fn show(
    ui: &mut egui::Ui,
    app: &App,
    lang: Lang,
    palette: &Palette,
    commands: &mut Vec<Command>,
) {
    let t = lang.texts();
    egui::Panel::top("menu_bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(t.file, |ui| {
                if ui.button(t.open_parent).clicked() {
                    commands.push(Command::OpenDialog(Side::Parent));
                }
                if ui.button(t.open_child).clicked() {
                    commands.push(Command::OpenDialog(Side::Child));
                }
                super::corpus_view::menu_entry(ui, lang);
                ui.separator();
                ui.menu_button(t.recent, |ui| {
                    if app.state.recent.is_empty() {
                        ui.weak(t.recent_empty);
                    }
                    for reference in &app.state.recent {
                        ui.horizontal(|ui| {
                            ui.label(reference.display());
                            if ui.small_button(t.as_parent).clicked() {
                                commands.push(Command::Open(
                                    Side::Parent,
                                    DocSource::File(reference.clone()),
                                ));
                                ui.close();
                            }
                            if ui.small_button(t.as_child).clicked() {
                                commands.push(Command::Open(
                                    Side::Child,
                                    DocSource::File(reference.clone()),
                                ));
                                ui.close();
                            }
                        });
                    }
                    if !app.state.recent.is_empty() {
                        ui.separator();
                        if ui.button(t.clear_recent).clicked() {
                            commands.push(Command::ClearRecent);
                        }
                    }
                });
                ui.separator();
                // Sessions and export.
                super::session_panel::file_menu(ui, app, lang, commands);
                ui.separator();
                if ui.button(t.swap).clicked() {
                    commands.push(Command::Swap);
                }
                ui.separator();
                if ui.button(t.quit).clicked() {
                    commands.push(Command::Quit);
                }
            });
            ui.menu_button(t.examples, |ui| {
                for example in Example::ALL {
                    if ui.button(example.label(t)).clicked() {
                        commands.push(Command::OpenExample(example));
                    }
                }
            });
            ui.menu_button(t.view, |ui| {
                let mut outline = app.state.show_outline;
                if ui.checkbox(&mut outline, t.show_outline).changed() {
                    commands.push(Command::ToggleOutline);
                }
                let mut summary = app.state.show_summary;
                if ui.checkbox(&mut summary, t.show_summary).changed() {
                    commands.push(Command::ToggleSummary);
                }
                let mut dropped = app.state.show_dropped;
                if ui.checkbox(&mut dropped, t.show_dropped).changed() {
                    commands.push(Command::ToggleDropped);
                }
                ui.separator();
                for (label, command) in [
                    (t.prev_added, Command::PrevAdded),
                    (t.next_added, Command::NextAdded),
                    (t.prev_changed, Command::PrevChanged),
                    (t.next_changed, Command::NextChanged),
                ] {
                    if ui
                        .add_enabled(app.current.is_some(), egui::Button::new(label))
                        .clicked()
                    {
                        commands.push(command);
                    }
                }
                ui.separator();
                for (choice, label) in [
                    (ThemeChoice::System, t.theme_system),
                    (ThemeChoice::Light, t.theme_light),
                    (ThemeChoice::Dark, t.theme_dark),
                ] {
                    if ui.radio(app.state.theme == choice, label).clicked() {
                        commands.push(Command::SetTheme(choice));
                    }
                }
                ui.separator();
                if ui.button(format!("{}  (Ctrl +)", t.zoom_in)).clicked() {
                    commands.push(Command::ZoomIn);
                }
                if ui.button(format!("{}  (Ctrl −)", t.zoom_out)).clicked() {
                    commands.push(Command::ZoomOut);
                }
                if ui.button(format!("{}  (Ctrl 0)", t.zoom_reset)).clicked() {
                    commands.push(Command::ZoomReset);
                }
            });
        });
    });

    egui::Panel::top("toolbar").show(ui, |ui| {
        ui.add_space(2.0);
        ui.horizontal_wrapped(|ui| {
            let has = app.current.is_some();
            let nav = |ui: &mut egui::Ui,
                       label: &str,
                       hint: &str,
                       command: Command,
                       commands: &mut Vec<Command>| {
                if ui
                    .add_enabled(has, egui::Button::new(label))
                    .on_hover_text(hint)
                    .clicked()
                {
                    commands.push(command);
                }
            };
            nav(
                ui,
                t.prev_added,
                t.prev_added_hint,
                Command::PrevAdded,
                commands,
            );
            nav(
                ui,
                t.next_added,
                t.next_added_hint,
                Command::NextAdded,
                commands,
            );
            ui.separator();
            nav(
                ui,
                t.prev_changed_short,
                t.prev_changed_hint,
                Command::PrevChanged,
                commands,
            );
            nav(
                ui,
                t.next_changed_short,
                t.next_changed_hint,
                Command::NextChanged,
                commands,
            );
            ui.separator();
            if ui
                .add_enabled(!app.view.history.is_empty(), egui::Button::new(t.back))
                .on_hover_text(t.back_hint)
                .clicked()
            {
                commands.push(Command::Back);
            }
            if ui
                .selectable_label(app.find.open, t.find.to_owned())
                .on_hover_text(format!("{} (Ctrl+F)", t.find_hint))
                .clicked()
            {
                commands.push(if app.find.open {
                    Command::CloseFind
                } else {
                    Command::OpenFind
                });
            }
            ui.separator();
            if ui
                .add_enabled(has, egui::Button::new(t.swap))
                .on_hover_text(t.swap_hint)
                .clicked()
            {
                commands.push(Command::Swap);
            }
            let mut dropped = app.state.show_dropped;
            if ui
                .checkbox(&mut dropped, t.show_dropped_short)
                .on_hover_text(t.show_dropped)
                .changed()
            {
                commands.push(Command::ToggleDropped);
            }
            // The file, zoom, theme and language buttons sit at the right end of the line
            // when they fit there (their width is remembered from the last frame), else they
            // wrap onto a line of their own instead of overlapping the buttons on the left.
            let width_id = egui::Id::unique("toolbar_right_width");
            let right_width = ui.data(|d| d.get_temp::<f32>(width_id)).unwrap_or(0.0);
            // (In a wrapping layout `available_width` is the whole line; measure what is left.)
            let free =
                ui.max_rect().max.x - ui.cursor().min.x - right_width - ui.spacing().item_spacing.x;
            if right_width > 0.0 && free > 0.0 {
                ui.add_space(free);
            } else if right_width > 0.0 {
                ui.end_row();
            }
            let group = ui.horizontal(|ui| {
                if ui.button(t.open_parent).clicked() {
                    commands.push(Command::OpenDialog(Side::Parent));
                }
                if ui.button(t.open_child).clicked() {
                    commands.push(Command::OpenDialog(Side::Child));
                }
                ui.separator();
                if ui
                    .button("－")
                    .on_hover_text(format!("{} (Ctrl −)", t.zoom_out))
                    .clicked()
                {
                    commands.push(Command::ZoomOut);
                }
                let zoom = ui.ctx().zoom_factor();
                if ui
                    .button(format!("{:.0}%", zoom * 100.0))
                    .on_hover_text(t.zoom_reset)
                    .clicked()
                {
                    commands.push(Command::ZoomReset);
                }
                if ui
                    .button("＋")
                    .on_hover_text(format!("{} (Ctrl +)", t.zoom_in))
                    .clicked()
                {
                    commands.push(Command::ZoomIn);
                }
                let dark = ui.visuals().dark_mode;
                let (label, next) = if dark {
                    (t.theme_light, ThemeChoice::Light)
                } else {
                    (t.theme_dark, ThemeChoice::Dark)
                };
                if ui.button(label).clicked() {
                    commands.push(Command::SetTheme(next));
                }
                if ui
                    .button(RichText::new(lang.switch_label()).strong())
                    .on_hover_text(t.language_hint)
                    .clicked()
                {
                    commands.push(Command::SetLanguage(lang.other()));
                }
            });
            let width = group.response.rect.width();
            ui.data_mut(|d| d.insert_temp(width_id, width));
        });
        ui.add_space(2.0);
        let _ = palette;
    });
}

/// The message banner: what failed and why.
pub fn show_banner(
    ui: &mut egui::Ui,
    banner: &Banner,
    lang: Lang,
    palette: &Palette,
    commands: &mut Vec<Command>,
) {
    let (bg, fg, icon) = match banner.kind {
        BannerKind::Error => (palette.error_bg, palette.error_text, "！"),
        BannerKind::Info => (palette.info_bg, palette.text, "◉"),
    };
    egui::Panel::top("banner")
        .frame(
            egui::Frame::new()
                .fill(bg)
                .inner_margin(egui::Margin::symmetric(10, 6)),
        )
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(RichText::new(icon).color(fg).strong());
                ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                    if ui
                        .button(RichText::new("×").color(fg))
                        .on_hover_text(lang.texts().close)
                        .clicked()
                    {
                        commands.push(Command::DismissBanner);
                    }
                    ui.with_layout(egui::Layout::left_to_right(egui::Align::Center), |ui| {
                        ui.add(egui::Label::new(RichText::new(&banner.text).color(fg)).wrap());
                    });
                });
            });
        });
}

/// The status bar: the legend, and what is loaded.
pub fn show_status(ui: &mut egui::Ui, app: &App, lang: Lang, palette: &Palette) {
    let t = lang.texts();
    egui::Panel::bottom("status").show(ui, |ui| {
        ui.horizontal(|ui| {
            legend(ui, palette, t);
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if app.is_busy() {
                    ui.spinner();
                    ui.label(t.comparing);
                } else if let Some(c) = &app.current {
                    ui.weak(lang.status(
                        c.parent.content_chars(),
                        c.child.content_chars(),
                        c.elapsed.as_millis(),
                    ));
                }
            });
        });
    });
}

/// Colour swatches with names; hover for what each means.
pub fn legend(ui: &mut egui::Ui, palette: &Palette, t: &super::i18n::Texts) {
    let items = [
        (Mark::Inherited, t.inherited, t.inherited_hint),
        (Mark::Adapted, t.adapted, t.adapted_hint),
        (Mark::Added, t.added, t.added_hint),
        (Mark::Reused, t.reused, t.reused_hint),
        (Mark::Dropped, t.dropped, t.dropped_hint),
    ];
    for (mark, name, hint) in items {
        swatch_label(ui, palette.background(mark), palette.solid(mark), name).on_hover_text(hint);
    }
    swatch_label(
        ui,
        Color32::TRANSPARENT,
        palette.moved,
        &format!("⇦ {}", t.moved),
    )
    .on_hover_text(t.moved_hint);
}

fn swatch_label(ui: &mut egui::Ui, fill: Color32, edge: Color32, name: &str) -> egui::Response {
    ui.horizontal(|ui| {
        let (rect, _) = ui.allocate_exact_size(egui::vec2(14.0, 14.0), egui::Sense::hover());
        let fill = if fill == Color32::TRANSPARENT {
            ui.visuals().extreme_bg_color
        } else {
            fill
        };
        ui.painter().rect(
            rect,
            2.0,
            fill,
            egui::Stroke::new(1.5, edge),
            egui::StrokeKind::Inside,
        );
        ui.label(name);
    })
    .response
    .interact(egui::Sense::hover())
}
