//! The review's menu entries: the File menu's session and export items, the Edit menu's undo
//! and redo, and the context menu
//! of a child section (note, unlink, link to a parent section picked from a searchable list).

use egui::PopupCloseBehavior;
use egui::containers::menu::{MenuConfig, SubMenuButton};

use super::{ExportKind, ReviewCommand};
use crate::app::i18n::Lang;
use crate::app::model::Model;
use crate::app::{App, Command};
use crate::review::corrections;

/// The File menu's session and export entries.
pub fn file_menu(ui: &mut egui::Ui, app: &App, lang: Lang, commands: &mut Vec<Command>) {
    let t = lang.texts();
    let has = app.current.is_some();
    let mut item = |ui: &mut egui::Ui, label: &str, enabled: bool, command: ReviewCommand| {
        if ui.add_enabled(enabled, egui::Button::new(label)).clicked() {
            commands.push(Command::Review(command));
            ui.close();
        }
    };
    item(ui, t.open_session, true, ReviewCommand::OpenDialog);
    let save = if app.review.dirty {
        t.save_session_dirty
    } else {
        t.save_session
    };
    item(ui, save, has, ReviewCommand::SaveDialog);
    // Always listed, so the items below it never move under the pointer.
    let recoverable = app.review.recovery.as_ref().is_some_and(|p| p.exists());
    item(ui, t.recover_unsaved, recoverable, ReviewCommand::Recover);
    item(
        ui,
        t.export_html,
        has,
        ReviewCommand::ExportDialog(ExportKind::Html),
    );
    item(
        ui,
        t.export_csv,
        has,
        ReviewCommand::ExportDialog(ExportKind::Csv),
    );
    item(
        ui,
        t.export_json,
        has,
        ReviewCommand::ExportDialog(ExportKind::Json),
    );
    item(
        ui,
        t.export_docx,
        has,
        ReviewCommand::ExportDialog(ExportKind::Docx),
    );
    item(
        ui,
        t.export_xlsx,
        has,
        ReviewCommand::ExportDialog(ExportKind::Xlsx),
    );
    item(ui, t.notes_list, has, ReviewCommand::ToggleNotes);
    item(ui, t.presentation, has, ReviewCommand::TogglePresentation);
}

/// The Edit menu: Undo and Redo, each naming the step, disabled when there is none.
pub fn edit_menu(ui: &mut egui::Ui, app: &App, lang: Lang, commands: &mut Vec<Command>) {
    let history = &app.review.history;
    for (redo, step, keys, command) in [
        (false, history.next_undo(), "Ctrl+Z", ReviewCommand::Undo),
        (
            true,
            history.next_redo(),
            "Ctrl+Shift+Z",
            ReviewCommand::Redo,
        ),
    ] {
        let label = format!("{}  ({keys})", lang.undo_label(redo, step));
        if ui
            .add_enabled(step.is_some(), egui::Button::new(label))
            .clicked()
        {
            commands.push(Command::Review(command));
            ui.close();
        }
    }
}

/// Whether a child section carries a note, and whether its matching was corrected by hand
/// (the outline's marks).
pub fn marks(app: &App, section: usize) -> (bool, bool) {
    app.review.session.as_ref().map_or((false, false), |s| {
        (
            s.note(section).is_some(),
            corrections::is_manual(&s.corrections, section),
        )
    })
}

/// The context menu of a child section (outline and child pane): note, unlink its sources,
/// restore the aligner's match once corrected, link it to a parent section picked from a
/// searchable list.
pub fn section_menu(
    ui: &mut egui::Ui,
    app: &App,
    lang: Lang,
    section: usize,
    commands: &mut Vec<Command>,
) {
    let t = lang.texts();
    let Some(model) = app.model() else {
        return;
    };
    if ui.button(t.note_and_verdict).clicked() {
        commands.push(Command::Review(ReviewCommand::EditNote(Some(section))));
        ui.close();
    }
    if let Some(m) = model.section_match(section) {
        for link in &m.parents {
            let label = format!(
                "{} {}",
                t.unlink_from,
                model.parent.section_caption(link.section)
            );
            if ui.button(label).clicked() {
                commands.push(Command::Review(ReviewCommand::Unlink {
                    child: section,
                    parent: link.section,
                }));
                ui.close();
            }
        }
    }
    if marks(app, section).1 && ui.button(t.restore_automatic).clicked() {
        commands.push(Command::Review(ReviewCommand::RestoreAutomatic(section)));
        ui.close();
    }
    // Clicks and keys inside the list (the search field) keep it open.
    SubMenuButton::new(t.link_to_parent)
        .config(MenuConfig::new().close_behavior(PopupCloseBehavior::CloseOnClickOutside))
        .ui(ui, |ui| link_list(ui, app, model, lang, section, commands));
}

/// The parent sections to link a child section to, filtered by what the user types.
fn link_list(
    ui: &mut egui::Ui,
    app: &App,
    model: &Model,
    lang: Lang,
    section: usize,
    commands: &mut Vec<Command>,
) {
    let mut filter = app.view.link_filter.clone();
    let field = ui.add(
        egui::TextEdit::singleline(&mut filter)
            .hint_text(lang.texts().search_parent_sections)
            .desired_width(280.0),
    );
    // The field has the keyboard while the list is open, so typing filters at once (unless
    // the keyboard moved on to an entry of the list).
    let focus_here = ui
        .ctx()
        .memory(|m| m.focused())
        .and_then(|id| ui.ctx().read_response(id))
        .is_some_and(|r| r.layer_id == ui.layer_id());
    if !focus_here {
        field.request_focus();
    }
    if filter != app.view.link_filter {
        commands.push(Command::LinkFilter(filter.clone()));
    }
    let needle = filter.trim().to_lowercase();
    egui::ScrollArea::vertical()
        .max_height(360.0)
        .show(ui, |ui| {
            for p in 0..model.parent.sections().len() {
                let caption = model.parent.section_caption(p);
                if !needle.is_empty() && !caption.to_lowercase().contains(&needle) {
                    continue;
                }
                if ui.button(caption).clicked() {
                    commands.push(Command::Review(ReviewCommand::Link {
                        child: section,
                        parent: p,
                    }));
                    commands.push(Command::LinkFilter(String::new()));
                    ui.close();
                }
            }
        });
}
