//! Review sessions in the viewer, driven through egui_kittest: a note survives saving and
//! reopening, a manual unlink changes the summary, presentation mode steps through the
//! changed sections with the keyboard.

use std::time::Duration;

use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use policy_lineage::app::i18n::Lang;
use policy_lineage::app::session_panel::ReviewCommand;
use policy_lineage::app::{App, Command, State, ThemeChoice, setup_context};
use policy_lineage::session::Verdict;

fn harness(recovery: &std::path::Path) -> Harness<'static, App> {
    let state = State {
        language: Some(Lang::En),
        theme: ThemeChoice::Light,
        ..State::default()
    };
    let mut app = App::new(state, None);
    // Autosave goes to the test's folder, never the user's.
    app.review.recovery = Some(recovery.to_path_buf());
    assert!(app.wait_until_loaded(Duration::from_secs(120)));
    let mut harness = Harness::builder()
        .with_size(vec2(1480.0, 920.0))
        .with_max_steps(40)
        .with_context_setup(setup_context)
        .build_ui_state(|ui, app: &mut App| app.show(ui), app);
    harness.run_steps(8);
    harness
}

fn review(harness: &mut Harness<'static, App>, command: ReviewCommand) {
    harness.state_mut().push(Command::Review(command));
    harness.run_steps(4);
}

#[test]
fn saving_and_reopening_a_session_keeps_a_note() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery.ron");
    let path = dir.path().join("review.ron");
    let mut h = harness(&recovery);
    review(
        &mut h,
        ReviewCommand::SetNote {
            section: 3,
            verdict: Some(Verdict::Adapted),
            text: "targets moved from 2020 to 2022".into(),
        },
    );
    assert!(h.state().review.dirty);
    assert!(recovery.exists(), "unsaved work was not autosaved");
    review(&mut h, ReviewCommand::SaveSession(path.clone()));
    assert!(!h.state().review.dirty);
    assert!(!recovery.exists(), "the recovery file outlived the save");
    assert!(h.state().banner.is_none(), "{:?}", h.state().banner);

    // A fresh window opens the session: the note is back, and the notes list shows it.
    let mut h = harness(&recovery);
    review(&mut h, ReviewCommand::OpenSession(path));
    assert!(h.state().banner.is_none(), "{:?}", h.state().banner);
    let note = h
        .state()
        .review
        .session
        .as_ref()
        .and_then(|s| s.note(3))
        .cloned()
        .expect("the note is lost");
    assert_eq!(note.verdict, Some(Verdict::Adapted));
    review(&mut h, ReviewCommand::ToggleNotes);
    assert!(
        h.query_all_by_label_contains("targets moved from 2020 to 2022")
            .next()
            .is_some()
    );
}

#[test]
fn a_damaged_session_changes_nothing_and_says_why() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad.ron");
    std::fs::write(&path, "(version: 2, parent: (path: \"x\"").unwrap();
    let mut h = harness(&dir.path().join("recovery.ron"));
    let before = h.state().model().map(|m| m.comparison.summary);
    review(&mut h, ReviewCommand::OpenSession(path));
    let banner = h.state().banner.clone().expect("no error shown");
    assert!(
        banner.text.contains("not a valid session file"),
        "{}",
        banner.text
    );
    assert_eq!(h.state().model().map(|m| m.comparison.summary), before);
}

#[test]
fn a_manual_unlink_changes_the_summary() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&dir.path().join("recovery.ron"));
    let (before, child, parent) = {
        let model = h.state().model().unwrap();
        let m = model
            .comparison
            .sections
            .iter()
            .find(|m| !m.parents.is_empty() && m.inherited > 0.5)
            .unwrap();
        (model.comparison.summary, m.section, m.parents[0].section)
    };
    review(&mut h, ReviewCommand::Unlink { child, parent });
    let model = h.state().model().unwrap();
    assert!(model.comparison.summary.added > before.added);
    assert!(model.comparison.summary.inherited < before.inherited);
    assert!(
        model
            .section_match(child)
            .is_some_and(|m| m.parents.iter().all(|l| l.section != parent))
    );
    let session = h.state().review.session.as_ref().unwrap();
    assert!(policy_lineage::corrections::is_manual(
        &session.corrections,
        child
    ));
    // The summary panel shows the new share.
    let shown = format!("{:.1}%", model.comparison.summary.added * 100.0);
    assert!(
        h.query_all_by_label_contains(&shown).next().is_some(),
        "summary does not show {shown}"
    );
}

#[test]
fn presentation_mode_steps_to_the_next_changed_section() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&dir.path().join("recovery.ron"));
    review(&mut h, ReviewCommand::TogglePresentation);
    assert!(h.state().review.presenting);
    let changed = h.state().model().unwrap().changed_sections.clone();
    assert!(changed.len() >= 2);
    h.key_press(egui::Key::ArrowRight);
    h.run_steps(6);
    let first = h.state().view.current_changed.map(|(s, _)| s);
    assert_eq!(first, Some(changed[0]));
    h.key_press(egui::Key::ArrowRight);
    h.run_steps(6);
    assert_eq!(
        h.state().view.current_changed.map(|(s, _)| s),
        Some(changed[1])
    );
    h.key_press(egui::Key::Escape);
    h.run_steps(4);
    assert!(!h.state().review.presenting);
}

#[test]
fn the_note_editor_saves_a_note_and_verdict() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&dir.path().join("recovery.ron"));
    review(&mut h, ReviewCommand::EditNote(Some(2)));
    h.get_by_label("original").click();
    h.run_steps(2);
    h.get_by_role(egui::accesskit::Role::MultilineTextInput)
        .focus();
    h.run_steps(1);
    h.get_by_role(egui::accesskit::Role::MultilineTextInput)
        .type_text("written locally");
    h.run_steps(2);
    h.get_by_label("OK").click();
    h.run_steps(4);
    let session = h.state().review.session.as_ref().expect("no session");
    let note = session.note(2).expect("no note");
    assert_eq!(note.verdict, Some(Verdict::Original));
    assert_eq!(note.text, "written locally");
    assert!(h.state().review.editing.is_none());
}
