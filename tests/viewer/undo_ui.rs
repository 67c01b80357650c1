//! Undo and redo of review work through the real app: Ctrl+Z takes a link back and the
//! document view is as the aligner made it again, Ctrl+Shift+Z and Ctrl+Y do it again, the
//! Edit menu names the step, and notes added and edited are undone one step at a time, with
//! the unsaved state following the saved one.

use crate::support;

use std::time::Duration;

use egui::Modifiers;
use egui::accesskit::Role;
use egui_kittest::Harness;
use egui_kittest::kittest::{NodeT as _, Queryable as _};
use policy_lineage::app::i18n::Lang;
use policy_lineage::app::session_panel::ReviewCommand;
use policy_lineage::app::{App, Command, ThemeChoice};
use policy_lineage::compare::{SectionMatch, Span};
use policy_lineage::review::session::Verdict;

fn harness(recovery: &std::path::Path) -> Harness<'static, App> {
    let mut app = App::new(support::state(Lang::En, ThemeChoice::Light), None);
    app.review.recovery = Some(recovery.to_path_buf());
    assert!(app.wait_until_loaded(Duration::from_secs(120)));
    let mut h = support::build(support::builder(), app);
    h.run_steps(8);
    h
}

/// Runs frames and waits for the re-classification a step started.
fn settle(h: &mut Harness<'static, App>) {
    h.run_steps(2);
    assert!(h.state_mut().wait_until_loaded(Duration::from_secs(120)));
    h.run_steps(2);
}

fn review(h: &mut Harness<'static, App>, command: ReviewCommand) {
    h.state_mut().push(Command::Review(command));
    settle(h);
}

/// Presses `key` with `modifiers`, as the keyboard sends it, and waits for what it started.
fn keys(h: &mut Harness<'static, App>, modifiers: Modifiers, key: egui::Key) {
    h.key_press_modifiers(modifiers, key);
    settle(h);
}

/// The child's spans and section matches as the view shows them.
fn view(h: &Harness<'static, App>) -> (Vec<Span>, Vec<SectionMatch>) {
    let model = h.state().model().expect("no comparison");
    (
        model.comparison.spans.clone(),
        model.comparison.sections.clone(),
    )
}

/// The Edit menu's entry starting with `prefix`, opened and closed again.
fn edit_entry(h: &mut Harness<'static, App>, prefix: &str) -> (String, bool) {
    h.get_by_label("Edit").click();
    h.run_steps(2);
    let entry = h
        .query_all_by_role(Role::Button)
        .map(|n| n.accesskit_node())
        .find(|n| n.label().is_some_and(|l| l.starts_with(prefix)))
        .map(|n| (n.label().unwrap_or_default(), !n.is_disabled()))
        .expect("no such entry in the Edit menu");
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    entry
}

#[test]
fn ctrl_z_takes_a_link_back_and_ctrl_shift_z_does_it_again() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&dir.path().join("recovery.ron"));
    assert_eq!(
        edit_entry(&mut h, "Undo"),
        ("Undo  (Ctrl+Z)".to_owned(), false)
    );
    let automatic = view(&h);
    // A child section with a match, and a parent section it does not draw on.
    let (child, parent) = {
        let model = h.state().model().unwrap();
        let m = model
            .comparison
            .sections
            .iter()
            .find(|m| !m.parents.is_empty())
            .unwrap();
        let parent = (0..model.parent.sections().len())
            .rev()
            .find(|p| m.parents.iter().all(|l| l.section != *p))
            .unwrap();
        (m.section, parent)
    };
    review(&mut h, ReviewCommand::Link { child, parent });
    let linked = view(&h);
    assert_ne!(linked, automatic, "the link changed nothing");
    assert!(h.state().review.dirty);
    assert_eq!(
        edit_entry(&mut h, "Undo"),
        ("Undo link  (Ctrl+Z)".to_owned(), true)
    );

    keys(&mut h, Modifiers::COMMAND, egui::Key::Z);
    let session = h.state().review.session.as_ref().unwrap();
    assert!(session.corrections.is_empty(), "{:?}", session.corrections);
    assert!(view(&h) == automatic, "the view is not the aligner's again");
    assert!(!h.state().review.dirty, "nothing is unsaved any more");
    assert_eq!(
        edit_entry(&mut h, "Redo"),
        ("Redo link  (Ctrl+Shift+Z)".to_owned(), true)
    );
    assert!(!edit_entry(&mut h, "Undo").1);

    keys(&mut h, Modifiers::COMMAND | Modifiers::SHIFT, egui::Key::Z);
    assert_eq!(
        h.state().review.session.as_ref().unwrap().corrections.len(),
        1
    );
    assert!(view(&h) == linked, "redo did not bring the link back");
    assert!(h.state().review.dirty);

    // Ctrl+Y redoes too.
    keys(&mut h, Modifiers::COMMAND, egui::Key::Z);
    keys(&mut h, Modifiers::COMMAND, egui::Key::Y);
    assert!(view(&h) == linked);
}

#[test]
fn notes_are_undone_a_step_at_a_time_and_undo_after_saving_is_unsaved_work() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery.ron");
    let mut h = harness(&recovery);
    let note = |h: &Harness<'static, App>| {
        h.state()
            .review
            .session
            .as_ref()
            .and_then(|s| s.note(2))
            .map(|n| (n.verdict, n.text.clone()))
    };
    review(
        &mut h,
        ReviewCommand::SetNote {
            section: 2,
            verdict: Some(Verdict::Copied),
            text: "first".into(),
        },
    );
    review(
        &mut h,
        ReviewCommand::SetNote {
            section: 2,
            verdict: Some(Verdict::Adapted),
            text: "second".into(),
        },
    );
    assert_eq!(edit_entry(&mut h, "Undo").0, "Undo note edit  (Ctrl+Z)");
    review(&mut h, ReviewCommand::SaveSession(dir.path().join("r.ron")));
    assert!(!h.state().review.dirty);

    keys(&mut h, Modifiers::COMMAND, egui::Key::Z);
    assert_eq!(note(&h), Some((Some(Verdict::Copied), "first".to_owned())));
    assert!(h.state().review.dirty, "undo after saving is unsaved work");
    assert!(recovery.exists(), "the undone state was not autosaved");
    assert_eq!(edit_entry(&mut h, "Undo").0, "Undo new note  (Ctrl+Z)");

    keys(&mut h, Modifiers::COMMAND, egui::Key::Z);
    assert_eq!(note(&h), None);
    assert!(h.state().review.dirty);

    // Redo twice: back where it was saved, so nothing is unsaved and nothing to recover.
    keys(&mut h, Modifiers::COMMAND, egui::Key::Y);
    keys(&mut h, Modifiers::COMMAND, egui::Key::Y);
    assert_eq!(
        note(&h),
        Some((Some(Verdict::Adapted), "second".to_owned()))
    );
    assert!(!h.state().review.dirty);
    assert!(!recovery.exists());

    // Deleting the note is a step of its own; a new step leaves nothing to redo.
    review(
        &mut h,
        ReviewCommand::SetNote {
            section: 2,
            verdict: None,
            text: String::new(),
        },
    );
    assert_eq!(note(&h), None);
    assert_eq!(edit_entry(&mut h, "Undo").0, "Undo note deletion  (Ctrl+Z)");
    assert!(!edit_entry(&mut h, "Redo").1);
}

#[test]
fn ctrl_z_in_the_note_editor_is_the_text_fields_own() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&dir.path().join("recovery.ron"));
    review(
        &mut h,
        ReviewCommand::SetNote {
            section: 2,
            verdict: None,
            text: "kept".into(),
        },
    );
    review(&mut h, ReviewCommand::EditNote(Some(3)));
    h.get_by_role(Role::MultilineTextInput).focus();
    h.run_steps(1);
    h.get_by_role(Role::MultilineTextInput).type_text("typed");
    h.run_steps(2);
    keys(&mut h, Modifiers::COMMAND, egui::Key::Z);
    let session = h.state().review.session.as_ref().unwrap();
    assert!(
        session.note(2).is_some(),
        "Ctrl+Z in a text field undid a note"
    );
}
