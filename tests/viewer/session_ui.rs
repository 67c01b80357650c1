//! Review sessions in the viewer, driven through egui_kittest: a note survives saving and
//! reopening, a manual unlink changes the summary, presentation mode steps through the
//! changed sections with the keyboard.

use crate::support;

use std::time::Duration;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use policy_lineage::app::i18n::Lang;
use policy_lineage::app::session_panel::ReviewCommand;
use policy_lineage::app::{App, BannerKind, Command, ThemeChoice};
use policy_lineage::review::session::Verdict;

fn harness(recovery: &std::path::Path) -> Harness<'static, App> {
    launch(recovery, false)
}

/// `offer`: as a real launch does, offer a recovery file found at start-up.
fn launch(recovery: &std::path::Path, offer: bool) -> Harness<'static, App> {
    let state = support::state(Lang::En, ThemeChoice::Light);
    let mut app = App::new(state, None);
    // Autosave goes to the test's folder, never the user's.
    app.review.recovery = Some(recovery.to_path_buf());
    app.review.offer_at_start = offer;
    assert!(app.wait_until_loaded(Duration::from_secs(120)));
    let mut harness = support::build(support::builder(), app);
    harness.run_steps(8);
    harness
}

/// The first parent section `child` is linked to now.
fn first_link(h: &Harness<'static, App>, child: usize) -> policy_lineage::compare::SectionLink {
    h.state()
        .model()
        .unwrap()
        .section_match(child)
        .unwrap()
        .parents[0]
        .clone()
}

/// Runs frames, then waits for the background tasks a command started (opening a session,
/// re-classifying) and shows their results.
fn settle(harness: &mut Harness<'static, App>) {
    harness.run_steps(2);
    assert!(
        harness
            .state_mut()
            .wait_until_loaded(Duration::from_secs(120))
    );
    harness.run_steps(2);
}

fn review(harness: &mut Harness<'static, App>, command: ReviewCommand) {
    harness.state_mut().push(Command::Review(command));
    settle(harness);
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
    let saved = h.state().banner.clone().expect("the save is confirmed");
    assert_eq!(saved.kind, BannerKind::Done);
    assert!(saved.text(Lang::En).starts_with("Saved to"));

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
        banner.text(Lang::En).contains("not a valid session file"),
        "{}",
        banner.text(Lang::En)
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
    assert!(policy_lineage::review::corrections::is_manual(
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
    // The verdicts are named as the classes are: inherited / adapted / added.
    for name in ["Inherited", "Adapted", "Added"] {
        h.get_by_role_and_label(egui::accesskit::Role::RadioButton, name);
    }
    h.get_by_role_and_label(egui::accesskit::Role::RadioButton, "Added")
        .click();
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

#[test]
fn a_recovery_file_found_at_start_is_offered_and_recovered() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery.ron");
    {
        // Unsaved work, then the window goes away without saving (a crash or a kill).
        let mut h = harness(&recovery);
        review(
            &mut h,
            ReviewCommand::SetNote {
                section: 4,
                verdict: Some(Verdict::Copied),
                text: "left unsaved".into(),
            },
        );
        assert!(recovery.exists());
    }
    // Without a recovery file nothing is offered, and the File menu's entry is there but
    // disabled, so the entries below it stay where they are.
    let empty = dir.path().join("none.ron");
    let mut h = launch(&empty, true);
    assert!(h.query_by_label_contains("Unsaved review from").is_none());
    assert_eq!(recover_entry(&mut h), Some(false));

    let mut h = launch(&recovery, true);
    assert_eq!(recover_entry(&mut h), Some(true));
    // When the work was left, in local time as the user's clock shows it.
    let left = std::fs::metadata(&recovery).unwrap().modified().unwrap();
    let local = chrono::DateTime::<chrono::Local>::from(left).format("%Y-%m-%d %H:%M");
    let offer = format!("Unsaved review from {local} —");
    assert!(h.query_by_label(&offer).is_some(), "{offer} not shown");
    assert!(h.state().review.session.is_none());
    h.get_by_label("Recover").click();
    settle(&mut h);
    assert!(h.query_by_label_contains("Unsaved review from").is_none());
    let note = h
        .state()
        .review
        .session
        .as_ref()
        .and_then(|s| s.note(4))
        .cloned()
        .expect("the note was not recovered");
    assert_eq!(note.text, "left unsaved");
    assert!(h.state().review.dirty, "recovered work counts as unsaved");

    // Discard deletes the file: the next launch offers nothing.
    drop(h);
    let mut h = launch(&recovery, true);
    h.get_by_label("Discard").click();
    h.run_steps(4);
    assert!(!recovery.exists());
    assert!(h.query_by_label_contains("Unsaved review from").is_none());
}

/// Whether the File menu lists "Recover unsaved review", and enabled; the menu closed again.
fn recover_entry(h: &mut Harness<'static, App>) -> Option<bool> {
    use egui_kittest::kittest::NodeT as _;
    h.get_by_label("File").click();
    h.run_steps(2);
    let entry = h
        .query_all_by_role(egui::accesskit::Role::Button)
        .map(|n| n.accesskit_node())
        .find(|n| n.label().is_some_and(|l| l == "Recover unsaved review"))
        .map(|n| !n.is_disabled());
    h.key_press(egui::Key::Escape);
    h.run_steps(2);
    entry
}

/// A point on a section's row in one pane, on screen (the row scrolled into view first).
fn row_point(h: &Harness<'static, App>, child_side: bool, row: usize) -> egui::Pos2 {
    let app = h.state();
    let pane = app.pane_rects[usize::from(child_side)];
    let top = app.geometry.row_top(row).unwrap();
    let height = app.geometry.row_height(row).unwrap();
    // The panes' header is 46 points tall, then a 2-point gap.
    let y = pane.min.y + 48.0 + top - app.view.scroll_offset + (height / 2.0).min(10.0);
    egui::pos2(pane.center().x, y)
}

fn pointer(h: &mut Harness<'static, App>, pos: egui::Pos2, button: egui::PointerButton) {
    h.hover_at(pos);
    h.run_steps(1);
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
        h.run_steps(1);
    }
    h.run_steps(2);
}

/// A child section shown beside its parent section, with another parent section's row just
/// below it: (child section, its row, the other parent section, its row).
fn pair_with_neighbour(h: &Harness<'static, App>) -> (usize, usize, usize, usize) {
    use policy_lineage::app::model::RowKind;
    let model = h.state().model().unwrap();
    let rows = &model.rows;
    (0..rows.len() - 1)
        .find_map(|r| match (rows[r].kind, rows[r + 1].kind) {
            (
                RowKind::Pair { child, parent },
                RowKind::Pair { parent: other, .. } | RowKind::ParentOnly { parent: other, .. },
            ) if other != parent && r > 2 => Some((child, r, other, r + 1)),
            _ => None,
        })
        .expect("no pair row with a neighbour")
}

#[test]
fn the_panes_context_menu_unlinks_and_links_a_child_section() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&dir.path().join("recovery.ron"));
    let (child, row, other, _) = pair_with_neighbour(&h);
    h.state_mut().push(Command::SelectSection(child));
    h.run_steps(6);
    let source = first_link(&h, child).section;
    let at = row_point(&h, true, row);
    pointer(&mut h, at, egui::PointerButton::Secondary);
    let caption = h.state().model().unwrap().parent.section_caption(source);
    h.get_by_label(&format!("Unlink from {caption}")).click();
    settle(&mut h);
    let model = h.state().model().unwrap();
    assert!(
        model
            .section_match(child)
            .unwrap()
            .parents
            .iter()
            .all(|l| l.section != source),
        "not unlinked"
    );
    assert_eq!(
        policy_lineage::app::session_panel::marks(h.state(), child),
        (false, true)
    );

    // Link it again, to another section, through the searchable list.
    let row = h.state().model().unwrap().child.section_row[child];
    let at = row_point(&h, true, row);
    pointer(&mut h, at, egui::PointerButton::Secondary);
    h.get_by_label("Link to parent section…").click();
    h.run_steps(2);
    let caption = h.state().model().unwrap().parent.section_caption(other);
    h.get_by_role(egui::accesskit::Role::TextInput).focus();
    h.run_steps(1);
    let title = h.state().model().unwrap().parent.sections()[other]
        .title
        .clone();
    h.get_by_role(egui::accesskit::Role::TextInput)
        .type_text(&title);
    h.run_steps(2);
    h.get_by_label(&caption).click();
    settle(&mut h);
    let link = first_link(&h, child);
    assert_eq!(link.section, other);
    assert!(
        link.similarity < 1.0,
        "a manual link keeps its measured similarity"
    );
}

#[test]
fn dragging_a_child_section_onto_a_parent_section_links_them() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&dir.path().join("recovery.ron"));
    let (child, row, other, other_row) = pair_with_neighbour(&h);
    h.state_mut().push(Command::SelectSection(child));
    h.run_steps(6);
    let from = row_point(&h, true, row);
    let to = row_point(&h, false, other_row);
    h.hover_at(from);
    h.run_steps(1);
    h.drag_at(from);
    h.run_steps(1);
    for i in 1..=6 {
        h.hover_at(from + (to - from) * (i as f32 / 6.0));
        h.run_steps(1);
    }
    h.drop_at(to);
    settle(&mut h);
    let session = h
        .state()
        .review
        .session
        .as_ref()
        .expect("no correction made");
    assert!(
        session
            .corrections
            .iter()
            .any(|c| c.child.index == child && c.parent.index == other)
    );
    let link = first_link(&h, child);
    assert_eq!(link.section, other);
    assert!((0.0..1.0).contains(&link.similarity));
}

#[test]
fn dragging_off_the_text_still_scrolls() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&dir.path().join("recovery.ron"));
    let (parent, child) = (h.state().pane_rects[0], h.state().pane_rects[1]);
    // Low in the gutter between the panes (a drag on text selects it); drag it up.
    let from = egui::pos2((parent.max.x + child.min.x) / 2.0, parent.max.y - 60.0);
    let before = h.state().view.scroll_offset;
    h.hover_at(from);
    h.run_steps(1);
    h.drag_at(from);
    h.run_steps(1);
    for i in 1..=6 {
        h.hover_at(from - egui::vec2(0.0, 40.0 * i as f32));
        h.run_steps(1);
    }
    h.drop_at(from - egui::vec2(0.0, 240.0));
    h.run_steps(3);
    let moved = h.state().view.scroll_offset - before;
    assert!((200.0..=280.0).contains(&moved), "scrolled by {moved}");
    assert!(
        h.state().review.session.is_none(),
        "a scroll made a correction"
    );
}

#[test]
fn relinking_a_section_to_the_parent_it_has_records_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&dir.path().join("recovery.ron"));
    let (child, _, other, _) = pair_with_neighbour(&h);
    let parent = first_link(&h, child).section;
    review(&mut h, ReviewCommand::Link { child, parent });
    let corrections = |h: &Harness<'static, App>| {
        h.state()
            .review
            .session
            .as_ref()
            .map_or(0, |s| s.corrections.len())
    };
    assert_eq!(corrections(&h), 0, "the link was there already");
    assert!(!h.state().review.dirty, "nothing to save");
    // Unlinking what is not linked records nothing either; a real change is recorded once.
    if first_link(&h, child).section != other
        && !h
            .state()
            .model()
            .unwrap()
            .section_match(child)
            .unwrap()
            .parents
            .iter()
            .any(|l| l.section == other)
    {
        review(
            &mut h,
            ReviewCommand::Unlink {
                child,
                parent: other,
            },
        );
        assert_eq!(corrections(&h), 0);
    }
    review(&mut h, ReviewCommand::Unlink { child, parent });
    assert_eq!(corrections(&h), 1);
    review(&mut h, ReviewCommand::Unlink { child, parent });
    assert_eq!(corrections(&h), 1, "unlinked already");
}

#[test]
fn restoring_the_automatic_match_drops_a_sections_corrections() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(&dir.path().join("recovery.ron"));
    let (child, row, _, _) = pair_with_neighbour(&h);
    let automatic = first_link(&h, child);
    review(
        &mut h,
        ReviewCommand::Unlink {
            child,
            parent: automatic.section,
        },
    );
    assert_eq!(
        policy_lineage::app::session_panel::marks(h.state(), child),
        (false, true)
    );
    // The section's context menu offers the aligner's match again, once corrected.
    let at = row_point(&h, true, row);
    pointer(&mut h, at, egui::PointerButton::Secondary);
    h.get_by_label("Restore automatic match").click();
    settle(&mut h);
    assert_eq!(
        policy_lineage::app::session_panel::marks(h.state(), child),
        (false, false)
    );
    assert_eq!(first_link(&h, child).section, automatic.section);
    let at = row_point(&h, true, row);
    pointer(&mut h, at, egui::PointerButton::Secondary);
    assert!(h.query_by_label("Restore automatic match").is_none());
}
