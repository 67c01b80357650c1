//! The viewer's rough edges, driven through egui_kittest: the substitutions it lists, zoom and
//! presentation mode, errors, quitting with unsaved work, windows and undo.

use crate::support;

use std::time::Duration;

use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use policy_lineage::DocumentRef;
use policy_lineage::app::corpus_view::CorpusCommand;
use policy_lineage::app::dialogs::{Answer, Dialog, FileDialogs};
use policy_lineage::app::i18n::Lang;
use policy_lineage::app::i18n::Texts;
use policy_lineage::app::model::Side;
use policy_lineage::app::session_panel::ReviewCommand;
use policy_lineage::app::task::DocSource;
use policy_lineage::app::{App, Banner, BannerKind, Command, Message, ThemeChoice};
use policy_lineage::review::session::Verdict;

const LOAD_TIMEOUT: Duration = Duration::from_secs(120);

fn harness_sized(size: egui::Vec2) -> Harness<'static, App> {
    let state = support::state(Lang::En, ThemeChoice::Light);
    let mut app = App::new(state, None);
    assert!(
        app.wait_until_loaded(LOAD_TIMEOUT),
        "the example did not load"
    );
    let mut harness = support::build(support::builder().with_size(size), app);
    harness.run_steps(12);
    harness
}

fn harness() -> Harness<'static, App> {
    harness_sized(vec2(1480.0, 920.0))
}

#[test]
fn the_summary_lists_localisations_not_punctuation_or_renumbering() {
    let mut h = harness();
    let listed: Vec<(String, String)> = {
        let model = h.state().model().expect("a comparison");
        model
            .comparison
            .substitutions
            .iter()
            .map(|s| (s.parent.clone(), s.child.clone()))
            .collect()
    };
    let has = |p: &str, c: &str| listed.iter().any(|(a, b)| a == p && b == c);
    assert!(has("省", "市") && has("甘肃省", "武威市") && has("省科技厅", "市科技局"));
    for (parent, child) in [
        ("12.", "10."),
        ("6.", "5."),
        ("、", ","),
        ("2018年8月1日", "关于印发"),
    ] {
        assert!(!has(parent, child), "{parent} → {child} in {listed:?}");
    }
    // The first row of the table goes to a 省 → 市 in the child.
    h.state_mut().push(Command::SelectSubstitution(0));
    h.run_steps(4);
    let app = h.state();
    let flash = app.view.flash.as_ref().expect("the substitution flashes");
    assert_eq!(flash.side, Side::Child);
    let text: String = app.model().expect("a comparison").child.doc.chars()[flash.range.clone()]
        .iter()
        .collect();
    assert_eq!(text, "市");
}

/// What the app writes besides its banner, as a terminal would see it.
#[derive(Clone, Default)]
struct Echo(std::sync::Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Echo {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }
    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl Echo {
    fn text(&self) -> String {
        String::from_utf8_lossy(&self.0.lock().unwrap()).into_owned()
    }
}

fn corpus(name: &str) -> DocumentRef {
    DocumentRef::whole(
        std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/corpus")
            .join(name),
    )
}

fn opened(pair: (DocumentRef, DocumentRef), echo: &Echo) -> Harness<'static, App> {
    let mut app = App::new(support::state(Lang::En, ThemeChoice::Light), Some(pair));
    app.error_echo = Some(Box::new(echo.clone()));
    assert!(app.wait_until_loaded(LOAD_TIMEOUT));
    let mut harness = support::build(support::builder(), app);
    harness.run_steps(6);
    harness
}

fn banner(h: &Harness<'static, App>) -> Option<(BannerKind, String)> {
    h.state()
        .banner
        .as_ref()
        .map(|b| (b.kind.clone(), b.text(Lang::En)))
}

#[test]
fn a_document_that_fails_leaves_the_other_shown_and_every_failure_is_reported() {
    let dir = tempfile::tempdir().unwrap();
    let missing = DocumentRef::whole(dir.path().join("missing-parent.txt"));
    let echo = Echo::default();
    let mut h = opened((missing, corpus("wuwei-2018-ai-plan.txt")), &echo);
    let (kind, text) = banner(&h).expect("the failure is shown");
    assert_eq!(kind, BannerKind::Error);
    assert!(text.contains("missing-parent.txt"), "{text}");
    let child = &h
        .state()
        .current
        .as_ref()
        .expect("the child is shown")
        .child;
    assert!(child.title.contains("武威"), "{}", child.title);
    assert_eq!(
        echo.text().matches("missing-parent.txt").count(),
        1,
        "{}",
        echo.text()
    );
    // The parent's pane says what could not be opened.
    let parent: String = h
        .state()
        .current
        .as_ref()
        .unwrap()
        .parent
        .chars()
        .iter()
        .collect();
    assert!(parent.contains("missing-parent.txt"), "{parent}");

    // Both documents missing: both are named, once each, on the screen and the terminal.
    let echo = Echo::default();
    let both = (
        DocumentRef::whole(dir.path().join("first.txt")),
        DocumentRef::whole(dir.path().join("second.txt")),
    );
    let h2 = opened(both, &echo);
    let (_, text) = banner(&h2).expect("the failures are shown");
    assert!(
        text.contains("first.txt") && text.contains("second.txt"),
        "{text}"
    );
    let lines: Vec<String> = echo.text().lines().map(str::to_owned).collect();
    assert_eq!(lines.len(), 2, "{lines:?}");
    assert!(lines[0].contains("first.txt") && lines[1].contains("second.txt"));

    // The next pair that opens clears the banner.
    h.state_mut().push(Command::OpenPair(
        DocSource::File(corpus("gansu-2018-ai-plan.txt")),
        DocSource::File(corpus("wuwei-2018-ai-plan.txt")),
    ));
    h.run_steps(2);
    assert!(h.state_mut().wait_until_loaded(LOAD_TIMEOUT));
    h.run_steps(2);
    assert_eq!(banner(&h), None);
    assert!(
        h.state()
            .current
            .as_ref()
            .unwrap()
            .parent
            .title
            .contains("甘肃")
    );
}

#[test]
fn a_failed_parent_keeps_the_comparison_on_screen() {
    let dir = tempfile::tempdir().unwrap();
    let echo = Echo::default();
    let mut h = opened(
        (
            corpus("gansu-2018-ai-plan.txt"),
            corpus("wuwei-2018-ai-plan.txt"),
        ),
        &echo,
    );
    let model = std::sync::Arc::clone(h.state().model().unwrap());
    h.state_mut().push(Command::Open(
        Side::Parent,
        DocSource::File(DocumentRef::whole(dir.path())),
    ));
    h.run_steps(2);
    assert!(h.state_mut().wait_until_loaded(LOAD_TIMEOUT));
    h.run_steps(2);
    assert!(std::sync::Arc::ptr_eq(h.state().model().unwrap(), &model));
    let (kind, text) = banner(&h).expect("the failure is shown");
    assert_eq!(kind, BannerKind::Error);
    assert!(text.contains("previous comparison stays"), "{text}");
    assert_eq!(echo.text().lines().count(), 1, "{}", echo.text());
}

/// Asks the window to close, as the title bar's × does, and returns what the app told the
/// window in that frame and the next.
fn close_window(h: &mut Harness<'static, App>) -> Vec<egui::ViewportCommand> {
    h.input_mut()
        .viewports
        .entry(egui::ViewportId::ROOT)
        .or_default()
        .events
        .push(egui::ViewportEvent::Close);
    h.step();
    let mut sent = viewport_commands(h);
    h.step();
    sent.extend(viewport_commands(h));
    // A new window shows from its second frame.
    h.run_steps(2);
    sent
}

fn viewport_commands(h: &Harness<'static, App>) -> Vec<egui::ViewportCommand> {
    h.output()
        .viewport_output
        .get(&egui::ViewportId::ROOT)
        .map(|v| v.commands.clone())
        .unwrap_or_default()
}

/// A file dialog that saves sessions to one path.
struct SaveTo(std::path::PathBuf);

impl FileDialogs for SaveTo {
    fn ask(&mut self, dialog: &Dialog, _: &Texts) -> Answer {
        match dialog {
            Dialog::SaveSession { .. } => Answer::Chosen(self.0.clone()),
            _ => Answer::Cancelled,
        }
    }
}

#[test]
fn quitting_with_unsaved_review_work_asks_first() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness();
    h.state_mut().review.recovery = Some(dir.path().join("recovery.ron"));
    h.state_mut().dialogs = Box::new(SaveTo(dir.path().join("review.ron")));

    // Nothing unsaved: the window closes.
    let sent = close_window(&mut h);
    assert!(
        !sent.contains(&egui::ViewportCommand::CancelClose),
        "{sent:?}"
    );

    h.state_mut().push(Command::Review(ReviewCommand::SetNote {
        section: 2,
        verdict: Some(Verdict::Copied),
        text: "word for word".into(),
    }));
    h.run_steps(2);
    assert!(h.state().review.dirty);

    // Cancel: the window stays, the work too.
    let sent = close_window(&mut h);
    assert!(
        sent.contains(&egui::ViewportCommand::CancelClose),
        "{sent:?}"
    );
    h.get_by_label("Unsaved review work");
    h.get_by_label("Cancel").click();
    h.run_steps(2);
    assert!(h.query_by_label("Unsaved review work").is_none());
    assert!(h.state().review.dirty);

    // Save: the session is written, confirmed, and the window closes.
    close_window(&mut h);
    h.get_by_label("Save").click();
    h.step();
    let sent = viewport_commands(&h);
    assert!(sent.contains(&egui::ViewportCommand::Close), "{sent:?}");
    assert!(!h.state().review.dirty);
    assert!(dir.path().join("review.ron").exists());
    let banner = h.state().banner.clone().expect("the save is confirmed");
    assert_eq!(banner.kind, BannerKind::Done);
    assert!(
        banner.text(Lang::En).contains("review.ron"),
        "{}",
        banner.text(Lang::En)
    );
    // A confirmation goes away by itself.
    h.run_steps(2);
    std::thread::sleep(Duration::from_millis(10));
    let until = std::time::Instant::now() + Duration::from_secs(20);
    while h.state().banner.is_some() && std::time::Instant::now() < until {
        h.step();
    }
    assert!(h.state().banner.is_none());
}

#[test]
fn discarding_unsaved_review_work_closes_the_window() {
    let dir = tempfile::tempdir().unwrap();
    let recovery = dir.path().join("recovery.ron");
    let mut h = harness();
    h.state_mut().review.recovery = Some(recovery.clone());
    h.state_mut().push(Command::Review(ReviewCommand::SetNote {
        section: 2,
        verdict: None,
        text: "check the figures".into(),
    }));
    h.run_steps(2);
    assert!(recovery.exists());
    h.state_mut().push(Command::Quit);
    h.step();
    close_window(&mut h);
    h.get_by_label("Discard").click();
    h.step();
    assert!(viewport_commands(&h).contains(&egui::ViewportCommand::Close));
    assert!(!recovery.exists(), "discarded work is offered again");
    // The close that follows is not asked about again.
    let sent = close_window(&mut h);
    assert!(
        !sent.contains(&egui::ViewportCommand::CancelClose),
        "{sent:?}"
    );
}

/// The bottom of the menu bar, on screen.
fn menu_bottom(h: &Harness<'static, App>) -> f32 {
    h.get_by_label("File").rect().max.y
}

#[test]
fn windows_stay_below_the_menu_bar_find_bar_and_banner_and_each_can_be_closed() {
    let mut h = harness();
    h.state_mut().push(Command::OpenFind);
    h.state_mut().banner = Some(Banner {
        kind: BannerKind::Info,
        message: Message::Text("A banner across the window".to_owned()),
    });
    h.run_steps(3);
    let find = h
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Find")
        .rect();
    let banner = h.get_by_label("A banner across the window").rect();
    assert!(find.min.y >= menu_bottom(&h) && banner.min.y >= find.max.y);
    let below = banner.max.y;
    let windows: [(Command, &str); 3] = [
        (Command::Corpus(CorpusCommand::Open), "Corpus"),
        (Command::Review(ReviewCommand::ToggleNotes), "Notes"),
        (Command::Review(ReviewCommand::EditNote(Some(2))), "Note"),
    ];
    for (open, title) in windows {
        h.state_mut().push(open);
        h.run_steps(4);
        let top = h.get_by_label(title).rect();
        assert!(top.min.y >= below, "{title} at {top:?}, banner to {below}");
        // Dragged up against the top of the screen, it stops below the banner.
        let from = egui::pos2(top.center().x, top.min.y + 8.0);
        h.hover_at(from);
        h.step();
        h.drag_at(from);
        h.step();
        for y in [from.y - 40.0, 20.0, 2.0] {
            h.hover_at(egui::pos2(from.x, y));
            h.step();
        }
        h.drop_at(egui::pos2(from.x, 2.0));
        h.run_steps(3);
        let moved = h.get_by_label(title).rect();
        assert!(
            moved.min.y >= below && moved.min.y < top.min.y,
            "{title} dragged from {top:?} to {moved:?}, banner to {below}"
        );
        h.get_by_label("Close window").click();
        h.run_steps(3);
        assert!(h.query_by_label(title).is_none(), "{title} still open");
    }
    let app = h.state();
    assert!(!app.corpus.open && !app.review.show_notes && app.review.editing.is_none());
}

fn key(h: &mut Harness<'static, App>, modifiers: egui::Modifiers, key: egui::Key) {
    for pressed in [true, false] {
        h.event(egui::Event::Key {
            key,
            pressed,
            modifiers,
            repeat: false,
            physical_key: None,
        });
    }
    h.run_steps(3);
}

/// The row at the top of the panes.
fn top_row(h: &Harness<'static, App>) -> usize {
    let app = h.state();
    app.geometry.row_at(app.view.scroll_offset + 4.0)
}

#[test]
fn zoom_enlarges_the_documents_text_only_and_keeps_the_section_in_view() {
    let mut h = harness();
    h.state_mut().push(Command::SelectSection(12));
    h.run_steps(4);
    let row = top_row(&h);
    assert!(row > 0);
    let (total, file_menu) = (h.state().geometry.total, h.get_by_label("File").rect());

    key(&mut h, egui::Modifiers::COMMAND, egui::Key::Plus);
    key(&mut h, egui::Modifiers::COMMAND, egui::Key::Equals);
    let app = h.state();
    assert!(
        (app.state.text_zoom - 1.2).abs() < 1e-3,
        "{}",
        app.state.text_zoom
    );
    assert_eq!(h.ctx.zoom_factor(), 1.0, "the interface was zoomed");
    assert!(
        app.geometry.total > total * 1.1,
        "{} → {}",
        total,
        app.geometry.total
    );
    assert_eq!(h.get_by_label("File").rect(), file_menu);
    h.get_by_label("120%");
    assert_eq!(top_row(&h), row, "the section moved out of view");

    // Ctrl + wheel over the documents.
    let pane = h.state().pane_rects[1].center();
    h.hover_at(pane);
    h.step();
    h.event(egui::Event::MouseWheel {
        unit: egui::MouseWheelUnit::Line,
        delta: vec2(0.0, 3.0),
        phase: egui::TouchPhase::Move,
        source: egui::MouseWheelSource::Unknown,
        modifiers: egui::Modifiers::COMMAND,
    });
    // The view settles once the zoom does.
    h.run_steps(8);
    assert!(
        h.state().state.text_zoom > 1.25,
        "{}",
        h.state().state.text_zoom
    );
    assert_eq!(top_row(&h), row);

    key(&mut h, egui::Modifiers::COMMAND, egui::Key::Num0);
    assert_eq!(h.state().state.text_zoom, 1.0);
    key(&mut h, egui::Modifiers::COMMAND, egui::Key::Minus);
    assert!((h.state().state.text_zoom - 0.9).abs() < 1e-3);
    assert_eq!(top_row(&h), row);
}

#[test]
fn presentation_mode_is_full_screen_with_a_step_counter_and_stays_on_the_section() {
    let mut h = harness();
    h.state_mut().push(Command::SelectSection(12));
    h.run_steps(4);
    let row = top_row(&h);
    h.state_mut()
        .push(Command::Review(ReviewCommand::TogglePresentation));
    h.step();
    assert!(viewport_commands(&h).contains(&egui::ViewportCommand::Fullscreen(true)));
    h.run_steps(6);
    assert!(h.query_by_label("File").is_none(), "the menu bar shows");
    assert!(
        h.query_by_label("Open parent…").is_none(),
        "the toolbar shows"
    );
    assert_eq!(top_row(&h), row, "the section moved out of view");
    let changed = h.state().model().unwrap().changed_sections.len();
    let (at, of) = h.state().presentation_step().unwrap();
    assert_eq!(of, changed);
    h.get_by_label(&format!("{at} / {of}"));
    h.get_by_label("Esc leaves");

    key(&mut h, egui::Modifiers::NONE, egui::Key::ArrowRight);
    h.run_steps(3);
    let (next, _) = h.state().presentation_step().unwrap();
    assert!(next > at, "{at} → {next}");
    h.get_by_label(&format!("{next} / {of}"));

    key(&mut h, egui::Modifiers::NONE, egui::Key::Escape);
    assert!(!h.state().review.presenting);
    h.get_by_label("File");
}

#[test]
fn a_note_is_marked_beside_its_section_and_shown_on_hover() {
    let mut h = harness();
    assert!(h.query_by_label("Note").is_none());
    h.state_mut().push(Command::Review(ReviewCommand::SetNote {
        section: 1,
        verdict: Some(Verdict::Adapted),
        text: "targets moved to 2022".into(),
    }));
    h.state_mut().push(Command::SelectSection(1));
    h.run_steps(4);
    let mark = h.get_by_label("Note").rect();
    let gutter = h.state().pane_rects;
    assert!(
        mark.min.x >= gutter[0].max.x && mark.max.x <= gutter[1].min.x,
        "{mark:?}"
    );
    h.hover_at(mark.center());
    h.run_steps(4);
    h.get_by_label_contains("targets moved to 2022");
}
