//! Files dropped onto a pane, and the picker for files that hold several documents (the
//! dialogs are in `dialogs`).

use std::path::PathBuf;

use egui::{Color32, RichText};

use super::i18n::Lang;
use super::model::Side;
use super::palette::Palette;
use super::task::DocSource;
use super::trace_view::TraceCommand;
use super::{App, Command};
use crate::document::DocumentRef;

/// Files dropped on the window open on the side of the pane they were dropped on (the child
/// when dropped elsewhere). Two files dropped at once open as parent and child; three or more
/// are sources to trace the child against. In trace mode dropped files are added to the
/// trace's sources.
pub fn handle_dropped_files(
    ctx: &egui::Context,
    panes: [egui::Rect; 2],
    tracing: bool,
    commands: &mut Vec<Command>,
) {
    let (dropped, pointer) = ctx.input(|i| (i.raw.dropped_files.clone(), i.pointer.latest_pos()));
    let paths: Vec<PathBuf> = dropped
        .iter()
        .map(|f| f.path().to_path_buf())
        .filter(|p| !p.as_os_str().is_empty())
        .collect();
    match paths.as_slice() {
        [] => {}
        _ if tracing => commands.push(Command::Trace(TraceCommand::Add(paths))),
        [_, _, _, ..] => commands.push(Command::Trace(TraceCommand::Files(paths))),
        [path] => {
            let side = drop_side(panes, pointer);
            commands.push(Command::Open(
                side,
                DocSource::File(DocumentRef::whole(path.clone())),
            ));
        }
        [parent, child] => commands.push(Command::OpenPair(
            DocSource::File(DocumentRef::whole(parent.clone())),
            DocSource::File(DocumentRef::whole(child.clone())),
        )),
    }
}

fn drop_side(panes: [egui::Rect; 2], pointer: Option<egui::Pos2>) -> Side {
    match pointer {
        Some(p) if panes[0].contains(p) => Side::Parent,
        Some(p) if panes[1].contains(p) => Side::Child,
        Some(p) if panes[0].is_positive() && p.x < panes[0].max.x => Side::Parent,
        _ => Side::Child,
    }
}

/// While files are dragged over the window, shade the pane they would open in.
pub fn show_drop_hint(ui: &egui::Ui, app: &App, lang: Lang, palette: &Palette) {
    let ctx = ui.ctx();
    let (hovering, pointer) =
        ctx.input(|i| (!i.raw.hovered_files.is_empty(), i.pointer.latest_pos()));
    if !hovering {
        return;
    }
    let t = lang.texts();
    let side = drop_side(app.pane_rects, pointer);
    let rect = app.pane_rects[side.index()];
    if !rect.is_positive() {
        return;
    }
    let painter = ctx.layer_painter(egui::LayerId::new(
        egui::Order::Foreground,
        egui::Id::unique("drop_hint"),
    ));
    painter.rect_filled(rect, 6.0, palette.moved.gamma_multiply(0.18));
    painter.rect_stroke(
        rect.shrink(2.0),
        6.0,
        egui::Stroke::new(2.0, palette.moved),
        egui::StrokeKind::Inside,
    );
    painter.text(
        rect.center(),
        egui::Align2::CENTER_CENTER,
        match side {
            _ if app.trace.is_open() => t.trace.drop_add,
            Side::Parent => t.drop_as_parent,
            Side::Child => t.drop_as_child,
        },
        egui::FontId::proportional(22.0),
        palette.text,
    );
}

/// The picker for a file with several documents: titles, dates, and a mark on entries that
/// have no text (a title and a linked file only), which cannot be opened.
pub fn show_picker(ui: &egui::Ui, app: &mut App, lang: Lang, commands: &mut Vec<Command>) {
    let t = lang.texts();
    let Some((picker, chosen)) = &mut app.picker else {
        return;
    };
    let modal = egui::Modal::new(egui::Id::unique("document_picker")).show(ui.ctx(), |ui| {
        ui.set_width(640.0_f32.min(ui.ctx().content_rect().width() - 80.0));
        ui.heading(t.picker_title);
        ui.label(lang.picker_intro(
            &picker.source.file_name(),
            picker.entries.len(),
            picker.side == Side::Parent,
        ));
        ui.separator();
        let max_h = (ui.ctx().content_rect().height() - 240.0).max(160.0);
        egui::ScrollArea::vertical()
            .max_height(max_h)
            .auto_shrink([false, true])
            .show(ui, |ui| {
                for (i, entry) in picker.entries.iter().enumerate() {
                    ui.horizontal(|ui| {
                        ui.label(RichText::new(format!("#{}", i + 1)).monospace().weak());
                        let selected = *chosen == Some(i);
                        let text = if entry.title.is_empty() {
                            "—".to_owned()
                        } else {
                            entry.title.clone()
                        };
                        let label = ui.add_enabled(
                            entry.has_text,
                            egui::Button::selectable(selected, text).truncate(),
                        );
                        if label.clicked() {
                            *chosen = Some(i);
                        }
                        if label.double_clicked() {
                            commands.push(Command::PickEntry(i));
                        }
                        if let Some(date) = &entry.date {
                            ui.weak(date);
                        }
                        if entry.has_text {
                            ui.weak(lang.chars(entry.chars));
                        } else {
                            ui.label(
                                RichText::new(format!("！{}", t.no_text))
                                    .color(Color32::from_rgb(0xD5, 0x5E, 0x00)),
                            );
                        }
                    });
                }
            });
        ui.separator();
        ui.horizontal(|ui| {
            let can_open =
                chosen.is_some_and(|i| picker.entries.get(i).is_some_and(|e| e.has_text));
            if ui
                .add_enabled(can_open, egui::Button::new(t.open))
                .clicked()
                && let Some(i) = *chosen
            {
                commands.push(Command::PickEntry(i));
            }
            if ui.button(t.cancel).clicked() {
                commands.push(Command::ClosePicker);
            }
        });
    });
    if modal.should_close() {
        commands.push(Command::ClosePicker);
    }
}
