//! The review's windows over the panes (the note editor, the notes list), the start-up offer
//! to recover unsaved work, and presentation mode's keys.

use super::ReviewCommand;
use crate::app::i18n::Lang;
use crate::app::palette::Palette;
use crate::app::{App, Command};
use crate::review::session::Verdict;

/// Presentation mode's keys: → / Space / Page Down to the next changed section, ← / Page Up
/// back, Escape to leave.
pub fn presentation_keys(ctx: &egui::Context, commands: &mut Vec<Command>) {
    use egui::{Key, Modifiers};
    for (key, command) in [
        (Key::ArrowRight, Command::NextChanged),
        (Key::Space, Command::NextChanged),
        (Key::ArrowLeft, Command::PrevChanged),
        (
            Key::Escape,
            Command::Review(ReviewCommand::TogglePresentation),
        ),
    ] {
        if ctx.input_mut(|i| i.consume_key(Modifiers::NONE, key)) {
            commands.push(command);
        }
    }
}

/// Presentation mode's step counter over the documents: the changed section shown of all of
/// them (`3 / 27`), and how to leave.
pub fn presentation_steps(ctx: &egui::Context, app: &App, lang: Lang) {
    let Some((at, of)) = app.presentation_step() else {
        return;
    };
    egui::Area::new(egui::Id::unique("presentation-steps"))
        .anchor(egui::Align2::RIGHT_BOTTOM, egui::vec2(-36.0, -36.0))
        .interactable(false)
        .show(ctx, |ui| {
            egui::Frame::popup(ui.style()).show(ui, |ui| {
                ui.horizontal(|ui| {
                    ui.strong(format!("{at} / {of}"));
                    ui.weak(lang.texts().esc_leaves);
                });
            });
        });
}

/// Closing the window with unsaved review work asks first: save, discard or stay.
pub fn quit_guard(ctx: &egui::Context, app: &App, lang: Lang, commands: &mut Vec<Command>) {
    if ctx.input(|i| i.viewport().close_requested()) && app.review.dirty && !app.review.leaving {
        ctx.send_viewport_cmd(egui::ViewportCommand::CancelClose);
        commands.push(Command::Review(ReviewCommand::AskQuit));
    }
    if !app.review.asking_quit {
        return;
    }
    let t = lang.texts();
    let modal = egui::Modal::new(egui::Id::unique("unsaved-review")).show(ctx, |ui| {
        ui.set_max_width(380.0);
        ui.heading(t.unsaved_title);
        ui.label(t.unsaved_question);
        ui.add_space(8.0);
        ui.horizontal(|ui| {
            for (label, answer) in [
                (t.save, Some(true)),
                (t.discard, Some(false)),
                (t.cancel, None),
            ] {
                if ui.button(label).clicked() {
                    commands.push(Command::Review(ReviewCommand::Quit(answer)));
                }
            }
        });
    });
    if modal.should_close() {
        commands.push(Command::Review(ReviewCommand::Quit(None)));
    }
}

/// The notes list and the note editor, as windows over the panes.
pub fn show_windows(ui: &mut egui::Ui, app: &App, lang: Lang, commands: &mut Vec<Command>) {
    let t = lang.texts();
    let ctx = ui.ctx().clone();
    if let (Some(section), Some(model)) = (app.review.editing, app.model()) {
        let mut draft = app.review.draft.clone();
        let mut open = true;
        egui::Window::new(t.note_title)
            .open(&mut open)
            .collapsible(false)
            .constrain_to(app.window_area)
            .show(&ctx, |ui| {
                ui.strong(model.child.section_caption(section));
                ui.horizontal(|ui| {
                    for v in Verdict::ALL {
                        ui.radio_value(&mut draft.verdict, Some(v), lang.verdict_name(v));
                    }
                    ui.radio_value(&mut draft.verdict, None, "—");
                });
                ui.add(egui::TextEdit::multiline(&mut draft.text).desired_rows(4));
                ui.horizontal(|ui| {
                    if ui.button(t.ok).clicked() {
                        commands.push(Command::Review(ReviewCommand::SetNote {
                            section,
                            verdict: draft.verdict,
                            text: draft.text.clone(),
                        }));
                    }
                    if ui.button(t.cancel).clicked() {
                        commands.push(Command::Review(ReviewCommand::EditNote(None)));
                    }
                });
            });
        if !open {
            commands.push(Command::Review(ReviewCommand::EditNote(None)));
        } else if draft != app.review.draft {
            commands.push(Command::Review(ReviewCommand::Draft(draft)));
        }
    }
    if app.review.show_notes
        && let Some(model) = app.model()
    {
        let mut open = true;
        egui::Window::new(t.notes_window)
            .open(&mut open)
            .default_width(320.0)
            .constrain_to(app.window_area)
            .show(&ctx, |ui| {
                let notes = app.review.session.as_ref().map_or(&[][..], |s| &s.notes);
                if notes.is_empty() {
                    ui.weak(t.notes_empty);
                }
                for note in notes {
                    let verdict = note.verdict.map_or("", |v| lang.verdict_name(v));
                    let label = format!(
                        "{}  {verdict}\n{}",
                        model.child.section_caption(note.section.index),
                        note.text
                    );
                    if ui.selectable_label(false, label).clicked() {
                        commands.push(Command::SelectSection(note.section.index));
                    }
                }
            });
        if !open {
            commands.push(Command::Review(ReviewCommand::ToggleNotes));
        }
    }
}

/// The banner offering the unsaved work a crash left behind.
pub fn recovery_offer(ui: &mut egui::Ui, app: &App, lang: Lang, commands: &mut Vec<Command>) {
    let Some(time) = app.review.offer else {
        return;
    };
    let t = lang.texts();
    let palette = Palette::for_dark_mode(ui.visuals().dark_mode);
    egui::Panel::top("recovery-offer")
        .frame(
            egui::Frame::new()
                .fill(palette.info_bg)
                .inner_margin(egui::Margin::symmetric(10, 6)),
        )
        .show(ui, |ui| {
            ui.horizontal(|ui| {
                ui.label(egui::RichText::new("◉").color(palette.text).strong());
                ui.label(
                    egui::RichText::new(lang.unsaved_review_from(&local_minute(time)))
                        .color(palette.text),
                );
                if ui.button(t.recover).clicked() {
                    commands.push(Command::Review(ReviewCommand::Recover));
                }
                if ui.button(t.discard).clicked() {
                    commands.push(Command::Review(ReviewCommand::DiscardRecovery));
                }
            });
        });
}

/// `2026-11-22 19:40`, in the user's time zone: when they last worked on it.
fn local_minute(time: std::time::SystemTime) -> String {
    chrono::DateTime::<chrono::Local>::from(time)
        .format("%Y-%m-%d %H:%M")
        .to_string()
}
