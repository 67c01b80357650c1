//! The menu bar, and the toolbar in one row: navigation, find, swap, the dropped-sections
//! switch, then at the right end the open buttons, zoom, theme and language. What does not
//! fit the window's width goes into a "more" menu at the end of the row, least needed first.

use egui::RichText;

use super::dialogs::Dialog;
use super::examples::Example;
use super::i18n::{Lang, Texts};
use super::model::Side;
use super::task::DocSource;
use super::{App, Command, ThemeChoice};

/// The menu bar.
pub fn menu_bar(ui: &mut egui::Ui, app: &App, lang: Lang, commands: &mut Vec<Command>) {
    let t = lang.texts();
    egui::Panel::top("menu_bar").show(ui, |ui| {
        egui::MenuBar::new().ui(ui, |ui| {
            ui.menu_button(t.file, |ui| {
                if ui.button(t.open_parent).clicked() {
                    commands.push(Command::Ask(Dialog::OpenDocument(Side::Parent)));
                }
                if ui.button(t.open_child).clicked() {
                    commands.push(Command::Ask(Dialog::OpenDocument(Side::Child)));
                }
                if ui.button(t.corpus_menu).clicked() {
                    commands.push(Command::Corpus(super::corpus_view::CorpusCommand::Open));
                }
                if ui
                    .add_enabled(app.current.is_some(), egui::Button::new(t.trace.menu))
                    .on_hover_text(t.trace.menu_hint)
                    .clicked()
                {
                    commands.push(Command::Ask(Dialog::TraceSources));
                }
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
            ui.menu_button(t.edit, |ui| {
                super::session_panel::edit_menu(ui, app, lang, commands);
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
                    let comparing = app.current.is_some() && !app.trace.is_open();
                    if ui
                        .add_enabled(comparing, egui::Button::new(label))
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
}

/// A toolbar item.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
enum Tool {
    /// Brings back the corpus window moved aside for a comparison (shown only then).
    Corpus,
    PrevAdded,
    NextAdded,
    PrevChanged,
    NextChanged,
    Back,
    Find,
    Swap,
    Dropped,
    OpenParent,
    OpenChild,
    Zoom,
    Theme,
    Language,
}

/// Left to right; a separator follows the tools marked `true`.
const LEFT: [(Tool, bool); 9] = [
    (Tool::Corpus, true),
    (Tool::PrevAdded, false),
    (Tool::NextAdded, true),
    (Tool::PrevChanged, false),
    (Tool::NextChanged, true),
    (Tool::Back, false),
    (Tool::Find, true),
    (Tool::Swap, false),
    (Tool::Dropped, false),
];
/// At the right end of the row.
const RIGHT: [(Tool, bool); 5] = [
    (Tool::OpenParent, false),
    (Tool::OpenChild, true),
    (Tool::Zoom, false),
    (Tool::Theme, false),
    (Tool::Language, false),
];

/// The order tools go into the "more" menu when the row is too narrow.
const OVERFLOW_ORDER: [Tool; 13] = [
    Tool::Theme,
    Tool::OpenParent,
    Tool::OpenChild,
    Tool::Dropped,
    Tool::Swap,
    Tool::Zoom,
    Tool::Back,
    Tool::PrevChanged,
    Tool::NextChanged,
    Tool::PrevAdded,
    Tool::Find,
    Tool::NextAdded,
    Tool::Language,
];

/// The toolbar. Each tool's width is remembered from the frame it was last shown, so the
/// row knows what fits before drawing it.
pub fn show(ui: &mut egui::Ui, app: &App, lang: Lang, commands: &mut Vec<Command>) {
    let t = lang.texts();
    egui::Panel::top("toolbar").show(ui, |ui| {
        ui.add_space(2.0);
        let width_id = egui::Id::unique("toolbar_widths");
        let mut widths: std::collections::HashMap<Tool, f32> =
            ui.data(|d| d.get_temp(width_id)).unwrap_or_default();
        let spacing = ui.spacing().item_spacing.x;
        let separator = spacing * 2.0 + 1.0;
        let more_width = 36.0;
        let available = ui.available_width();
        let corpus_aside = app.corpus.open && app.corpus.aside;
        let shown = |tool: Tool| tool != Tool::Corpus || corpus_aside;
        let needed = |hidden: &[Tool]| -> f32 {
            LEFT.iter()
                .chain(RIGHT.iter())
                .filter(|(tool, _)| !hidden.contains(tool) && shown(*tool))
                .map(|(tool, sep)| {
                    widths.get(tool).copied().unwrap_or(0.0)
                        + spacing
                        + if *sep { separator } else { 0.0 }
                })
                .sum::<f32>()
                + if hidden.is_empty() { 0.0 } else { more_width }
        };
        let mut hidden: Vec<Tool> = Vec::new();
        for tool in OVERFLOW_ORDER {
            if needed(&hidden) <= available {
                break;
            }
            hidden.push(tool);
        }
        ui.horizontal(|ui| {
            for (tool, sep) in LEFT {
                if !hidden.contains(&tool) && shown(tool) {
                    let r = show_tool(ui, app, lang, tool, commands);
                    widths.insert(tool, r.rect.width());
                    if sep {
                        ui.separator();
                    }
                }
            }
            ui.with_layout(egui::Layout::right_to_left(egui::Align::Center), |ui| {
                if !hidden.is_empty() {
                    ui.menu_button(RichText::new("⋯").strong(), |ui| {
                        for tool in LEFT.iter().chain(RIGHT.iter()).map(|(t, _)| *t) {
                            if hidden.contains(&tool) {
                                show_tool(ui, app, lang, tool, commands);
                            }
                        }
                    })
                    .response
                    .on_hover_text(t.more);
                }
                for (tool, sep) in RIGHT.iter().rev() {
                    if !hidden.contains(tool) {
                        if *sep {
                            ui.separator();
                        }
                        let r = show_tool(ui, app, lang, *tool, commands);
                        widths.insert(*tool, r.rect.width());
                    }
                }
            });
        });
        ui.data_mut(|d| d.insert_temp(width_id, widths));
        ui.add_space(2.0);
    });
}

/// One tool, in the row or in the "more" menu.
fn show_tool(
    ui: &mut egui::Ui,
    app: &App,
    lang: Lang,
    tool: Tool,
    commands: &mut Vec<Command>,
) -> egui::Response {
    let t = lang.texts();
    // The tools of the two-document comparison do not apply to a trace.
    let has = app.current.is_some() && !app.trace.is_open();
    let mut button = |ui: &mut egui::Ui, enabled: bool, label: &str, hint: &str, command| {
        let r = ui
            .add_enabled(enabled, egui::Button::new(label))
            .on_hover_text(hint);
        if r.clicked() {
            commands.push(command);
        }
        r
    };
    match tool {
        Tool::Corpus => {
            let r = ui
                .add(egui::Button::selectable(
                    true,
                    RichText::new(t.corpus.back_to_corpus).strong(),
                ))
                .on_hover_text(t.corpus.back_to_corpus_hint);
            if r.clicked() {
                commands.push(Command::Corpus(super::corpus_view::CorpusCommand::Open));
            }
            r
        }
        Tool::PrevAdded => button(ui, has, t.prev_added, t.prev_added_hint, Command::PrevAdded),
        Tool::NextAdded => button(ui, has, t.next_added, t.next_added_hint, Command::NextAdded),
        Tool::PrevChanged => button(
            ui,
            has,
            t.prev_changed_short,
            t.prev_changed_hint,
            Command::PrevChanged,
        ),
        Tool::NextChanged => button(
            ui,
            has,
            t.next_changed_short,
            t.next_changed_hint,
            Command::NextChanged,
        ),
        Tool::Back => button(
            ui,
            !app.view.history.is_empty(),
            t.back,
            t.back_hint,
            Command::Back,
        ),
        Tool::Find => {
            let r = ui
                .add_enabled(
                    has,
                    egui::Button::selectable(app.find.open, t.find.to_owned()),
                )
                .on_hover_text(format!("{} (Ctrl+F)", t.find_hint));
            if r.clicked() {
                commands.push(if app.find.open {
                    Command::CloseFind
                } else {
                    Command::OpenFind
                });
            }
            r
        }
        Tool::Swap => button(ui, has, t.swap, t.swap_hint, Command::Swap),
        Tool::Dropped => {
            let mut dropped = app.state.show_dropped;
            let r = ui
                .add_enabled(has, egui::Checkbox::new(&mut dropped, t.show_dropped_short))
                .on_hover_text(t.show_dropped);
            if r.changed() {
                commands.push(Command::ToggleDropped);
            }
            r
        }
        Tool::OpenParent => button(
            ui,
            true,
            t.open_parent,
            t.open_parent,
            Command::Ask(Dialog::OpenDocument(Side::Parent)),
        ),
        Tool::OpenChild => button(
            ui,
            true,
            t.open_child,
            t.open_child,
            Command::Ask(Dialog::OpenDocument(Side::Child)),
        ),
        Tool::Zoom => zoom(ui, t, app.state.text_zoom, commands),
        Tool::Theme => {
            let (label, next) = if ui.visuals().dark_mode {
                (t.theme_light, ThemeChoice::Light)
            } else {
                (t.theme_dark, ThemeChoice::Dark)
            };
            button(ui, true, label, label, Command::SetTheme(next))
        }
        Tool::Language => {
            let r = ui
                .button(RichText::new(lang.switch_label()).strong())
                .on_hover_text(t.language_hint);
            if r.clicked() {
                commands.push(Command::SetLanguage(lang.other()));
            }
            r
        }
    }
}

/// Zoom the documents' text out, the text zoom (click: actual size), zoom in; left to right
/// also in the right-to-left end of the row.
fn zoom(ui: &mut egui::Ui, t: &Texts, zoom: f32, commands: &mut Vec<Command>) -> egui::Response {
    ui.horizontal(|ui| {
        let mut buttons = [
            ("－".to_owned(), format!("{} (Ctrl −)", t.zoom_out), 0),
            (format!("{:.0}%", zoom * 100.0), t.zoom_reset.to_owned(), 1),
            ("＋".to_owned(), format!("{} (Ctrl +)", t.zoom_in), 2),
        ];
        if ui.layout().main_dir() == egui::Direction::RightToLeft {
            buttons.reverse();
        }
        for (label, hint, which) in buttons {
            if ui.button(label).on_hover_text(hint).clicked() {
                commands.push(match which {
                    0 => Command::ZoomOut,
                    1 => Command::ZoomReset,
                    _ => Command::ZoomIn,
                });
            }
        }
    })
    .response
}
