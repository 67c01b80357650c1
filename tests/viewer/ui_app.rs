//! The viewer driven through egui_kittest: the real `App` struct, its real panels, clicked
//! by label like a user would. No GPU needed (no snapshots here; see ui_snapshots.rs).

use crate::support;

use std::sync::Arc;
use std::time::Duration;

use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use policy_lineage::DocumentRef;
use policy_lineage::app::i18n::Lang;
use policy_lineage::app::model::Side;
use policy_lineage::app::task::DocSource;
use policy_lineage::app::{App, BannerKind, Command, ThemeChoice};

const LOAD_TIMEOUT: Duration = Duration::from_secs(120);

/// The app with the bundled example loaded, in a harness the size of a laptop screen.
fn harness(lang: Lang) -> Harness<'static, App> {
    let state = support::state(lang, ThemeChoice::Light);
    let mut app = App::new(state, None);
    assert!(
        app.wait_until_loaded(LOAD_TIMEOUT),
        "the example did not load"
    );
    let mut harness = support::build(support::builder(), app);
    settle(&mut harness);
    harness
}

/// Whether some node's label contains `text` (a label and its text run both match).
fn shows(harness: &Harness<'static, App>, text: &str) -> bool {
    harness.query_all_by_label_contains(text).next().is_some()
}

/// Runs frames until nothing animates (flashes last under two seconds).
fn settle(harness: &mut Harness<'static, App>) {
    harness.run_steps(12);
}

#[test]
fn opens_the_bundled_example_with_both_titles() {
    let harness = harness(Lang::Zh);
    assert!(shows(
        &harness,
        "上级文件 · 甘肃省新一代人工智能发展实施方案"
    ));
    assert!(shows(
        &harness,
        "下级文件 · 武威市新一代人工智能发展实施方案"
    ));
    harness.get_by_label_contains("gansu-2018-ai-plan.txt · ");
    harness.get_by_label_contains("wuwei-2018-ai-plan.txt · ");
    let app = harness.state();
    let Some(model) = app.model() else {
        panic!("no comparison loaded");
    };
    assert!(model.parent.doc.title.contains("甘肃"));
    assert!(model.child.doc.title.contains("武威"));
    // Every paragraph of both documents is in exactly one row.
    let left: usize = model.rows.iter().map(|r| r.left.len()).sum();
    let right: usize = model.rows.iter().map(|r| r.right.len()).sum();
    assert_eq!(left, model.parent.paras.len());
    assert_eq!(right, model.child.paras.len());
}

#[test]
fn clicking_a_section_in_the_outline_brings_both_panes_there() {
    let mut harness = harness(Lang::Zh);
    let (section, label, row) = {
        let app = harness.state();
        let Some(model) = app.model() else {
            panic!("no comparison loaded");
        };
        let sections = model.child.sections();
        assert!(sections.len() > 4, "the outline found too few sections");
        // A section in the middle, so the scroll offset is not clamped at either end.
        let i = sections.len() / 2;
        let s = &sections[i];
        (
            i,
            format!("{}{}", s.label, s.title),
            model.child.section_row[i],
        )
    };
    harness.get_by_label(&label).click();
    settle(&mut harness);
    let app = harness.state();
    assert_eq!(app.view.selected_section, Some(section));
    let Some(top) = app.geometry.row_top(row) else {
        panic!("no geometry for row {row}");
    };
    let max = (app.geometry.total - app.view.viewport_height).max(0.0);
    let expected = (top - 4.0).clamp(0.0, max);
    assert!(
        (app.view.scroll_offset - expected).abs() < 2.0,
        "scrolled to {} instead of {expected} (row {row})",
        app.view.scroll_offset
    );
    assert!(app.view.scroll_offset > 0.0);
    // Both panes share the row: the parent section paired with it (if any) is in view too.
    if let Some(model) = app.model()
        && let Some(r) = model.rows.get(row)
        && let Some(parent_section) = r.parent_section()
    {
        assert_eq!(model.parent.section_row[parent_section], row);
    }
}

#[test]
fn next_added_moves_to_the_next_added_passage() {
    let mut harness = harness(Lang::En);
    let passages = harness
        .state()
        .model()
        .map(|m| m.added_passages.clone())
        .unwrap_or_default();
    assert!(!passages.is_empty(), "the example has added text");
    let mut last_offset = -1.0;
    for (k, passage) in passages.iter().enumerate().take(3) {
        harness.get_by_label("Next added ▶").click();
        settle(&mut harness);
        let app = harness.state();
        assert_eq!(app.view.current_added.map(|(i, _)| i), Some(k));
        let Some(flash) = &app.view.flash else {
            panic!("no flash after next added");
        };
        assert_eq!(flash.side, Side::Child);
        assert_eq!(&flash.range, passage);
        let Some(model) = app.model() else { panic!() };
        let Some(y) = app.geometry.char_y(model, Side::Child, passage.start) else {
            panic!("passage {k} has no position");
        };
        assert!(
            y >= app.view.scroll_offset - 1.0
                && y <= app.view.scroll_offset + app.view.viewport_height,
            "passage {k} at {y} is outside the view {}..{}",
            app.view.scroll_offset,
            app.view.scroll_offset + app.view.viewport_height
        );
        assert!(
            app.view.scroll_offset >= last_offset,
            "next added went backwards"
        );
        last_offset = app.view.scroll_offset;
    }
    if passages.len() > 1 {
        harness.get_by_label("◀ Previous added").click();
        settle(&mut harness);
        let expected = passages.len().min(3) - 2;
        assert_eq!(
            harness.state().view.current_added.map(|(i, _)| i),
            Some(expected)
        );
    }
}

#[test]
fn the_language_switch_changes_the_labels() {
    let mut harness = harness(Lang::Zh);
    harness.get_by_label("下一处新增 ▶");
    assert!(harness.query_by_label("Next added ▶").is_none());
    harness.get_by_label("English").click();
    settle(&mut harness);
    harness.get_by_label("Next added ▶");
    harness.get_by_label("Summary");
    assert!(harness.query_by_label("下一处新增 ▶").is_none());
    assert_eq!(harness.state().state.language, Some(Lang::En));
    harness.get_by_label("中文").click();
    settle(&mut harness);
    harness.get_by_label("下一处新增 ▶");
    harness.get_by_label("统计");
}

#[test]
fn a_bad_file_shows_an_error_and_keeps_the_previous_comparison() {
    let mut harness = harness(Lang::En);
    let before = harness.state().model().cloned();
    let Some(before) = before else {
        panic!("no comparison loaded");
    };
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("not-a-policy.txt");
    std::fs::write(
        &bad,
        [
            0x7f, 0x45, 0x4c, 0x46, 0x02, 0x01, 0x00, 0x00, 0xff, 0xfe, 0x00, 0x01,
        ],
    )
    .expect("write");
    harness.state_mut().push(Command::Open(
        Side::Child,
        DocSource::File(DocumentRef::whole(bad)),
    ));
    harness.step(); // applies the command: the request goes to the worker
    assert!(harness.state_mut().wait_until_loaded(LOAD_TIMEOUT));
    settle(&mut harness);
    let app = harness.state();
    let Some(banner) = &app.banner else {
        panic!("no error shown");
    };
    assert_eq!(banner.kind, BannerKind::Error);
    assert!(
        banner.text(Lang::En).contains("not-a-policy.txt"),
        "{}",
        banner.text(Lang::En)
    );
    assert!(
        banner.text(Lang::En).contains("binary"),
        "{}",
        banner.text(Lang::En)
    );
    let Some(after) = app.model() else {
        panic!("the previous comparison is gone");
    };
    assert!(Arc::ptr_eq(&before, after), "the comparison changed");
    assert!(shows(&harness, "Could not open"));
    assert!(shows(&harness, "Child · 武威市新一代人工智能发展实施方案"));
    // A missing file too.
    harness.state_mut().push(Command::Open(
        Side::Parent,
        DocSource::File(DocumentRef::whole(dir.path().join("missing.txt"))),
    ));
    harness.step();
    assert!(harness.state_mut().wait_until_loaded(LOAD_TIMEOUT));
    settle(&mut harness);
    let text = harness
        .state()
        .banner
        .as_ref()
        .map(|b| b.text(Lang::En))
        .unwrap_or_default();
    assert!(text.contains("not found"), "{text}");
    assert!(
        harness
            .state()
            .model()
            .is_some_and(|m| Arc::ptr_eq(&before, m))
    );
}

#[test]
fn the_scraped_collection_opens_with_a_picker() {
    let mut harness = harness(Lang::En);
    harness.state_mut().push(Command::OpenExample(
        policy_lineage::app::examples::Example::ScrapedPick,
    ));
    harness.step();
    assert!(harness.state_mut().wait_until_loaded(LOAD_TIMEOUT));
    settle(&mut harness);
    let entries = {
        let app = harness.state();
        let Some((picker, _)) = &app.picker else {
            panic!("no picker for a file with several documents");
        };
        assert_eq!(picker.side, Side::Parent);
        picker.entries.clone()
    };
    assert!(entries.len() > 2);
    harness.get_by_label("Choose a document from the file");
    // Pick Gansu's plan (entry 2) by its title.
    let gansu = &entries[policy_lineage::app::examples::SCRAPED_GANSU_INDEX - 1];
    assert!(gansu.title.contains("甘肃"), "{}", gansu.title);
    harness.get_by_label(&gansu.title).click();
    settle(&mut harness);
    harness.get_by_label("Open").click();
    harness.step();
    assert!(harness.state_mut().wait_until_loaded(LOAD_TIMEOUT));
    settle(&mut harness);
    let app = harness.state();
    assert!(app.picker.is_none());
    let Some(model) = app.model() else { panic!() };
    assert_eq!(
        model.parent.doc.index,
        Some(policy_lineage::app::examples::SCRAPED_GANSU_INDEX)
    );
    assert!(model.child.doc.title.contains("武威"));
}

#[test]
fn find_ignores_full_and_half_width() {
    let mut harness = harness(Lang::En);
    harness.key_press_modifiers(egui::Modifiers::COMMAND, egui::Key::F);
    settle(&mut harness);
    assert!(harness.state().find.open);
    // Gansu writes （一） in full width, Wuwei (一) in half width: one query finds both.
    let field = harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "Find");
    assert!(field.is_focused(), "Ctrl+F focuses the find field");
    field.type_text("(一)");
    settle(&mut harness);
    let app = harness.state();
    let parent_hits = app.find.count(Side::Parent);
    let child_hits = app.find.count(Side::Child);
    assert!(
        parent_hits > 0 && child_hits > 0,
        "{parent_hits} {child_hits}"
    );
    let Some(model) = app.model() else { panic!() };
    for hit in &app.find.hits {
        let text = model.side(hit.side).doc.slice(hit.range.clone());
        let expected = match hit.side {
            Side::Parent => "（一）",
            Side::Child => "(一)",
        };
        assert_eq!(text, expected);
    }
    assert_eq!(app.find.current, Some(0));
}

/// The screen rectangle of the first node whose label contains `text`.
fn rect_of(harness: &Harness<'static, App>, text: &str) -> egui::Rect {
    let Some(node) = harness.query_all_by_label_contains(text).next() else {
        panic!("nothing labelled {text:?}");
    };
    node.rect()
}

#[test]
fn clicking_child_text_shows_its_source_in_the_parent() {
    let mut harness = harness(Lang::En);
    // Hover down the child column until the pointer is on text that came from the parent.
    let header = rect_of(&harness, "Child · ");
    let mut found = None;
    let mut y = header.max.y + 30.0;
    while y < 880.0 && found.is_none() {
        for dx in [20.0, 60.0, 120.0, 200.0] {
            let pos = egui::pos2(header.min.x + dx, y);
            harness.hover_at(pos);
            harness.step();
            let app = harness.state();
            if let Some(i) = app.view.hovered_span
                && let Some(span) = app.model().and_then(|m| m.span(i))
                && span.parent.is_some()
            {
                found = Some((pos, span.parent.clone()));
                break;
            }
        }
        y += 23.0;
    }
    let Some((pos, Some(source))) = found else {
        panic!("no inherited text under the pointer in the child column");
    };
    harness.hover_at(pos);
    harness.step();
    // Press and release in one frame, as a click.
    for pressed in [true, false] {
        harness.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
    harness.step();
    let app = harness.state();
    let Some(flash) = &app.view.flash else {
        panic!("no flash after clicking child text");
    };
    assert_eq!(flash.side, Side::Parent);
    assert_eq!(flash.range, source);
    harness.run_steps(4);
    let app = harness.state();
    let Some(model) = app.model() else { panic!() };
    let Some(y) = app.geometry.char_y(model, Side::Parent, source.start) else {
        panic!("the source has no position");
    };
    assert!(
        y >= app.view.scroll_offset - 1.0 && y <= app.view.scroll_offset + app.view.viewport_height,
        "the parent source at {y} is not in view"
    );
}

/// A file dropped on the window, as the platform layer would hand it over.
#[derive(Debug)]
struct DroppedPath(std::path::PathBuf);

impl egui::DroppedFile for DroppedPath {
    fn path(&self) -> &std::path::Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn a_file_dropped_on_the_parent_pane_opens_as_the_parent_and_is_remembered() {
    let mut harness = harness(Lang::En);
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("assets/changchun-2021-ai-opinions.txt");
    let parent_header = rect_of(&harness, "Parent · ");
    harness.hover_at(parent_header.center() + vec2(0.0, 200.0));
    harness.step();
    harness
        .input_mut()
        .dropped_files
        .push(Arc::new(DroppedPath(path.clone())));
    harness.step();
    assert!(harness.state_mut().wait_until_loaded(LOAD_TIMEOUT));
    settle(&mut harness);
    let app = harness.state();
    let Some(model) = app.model() else { panic!() };
    assert_eq!(model.parent.doc.label(), "changchun-2021-ai-opinions.txt");
    assert_eq!(model.child.doc.label(), "wuwei-2018-ai-plan.txt");
    assert_eq!(app.state.recent.first().map(|r| r.path.clone()), Some(path));
}
