//! Rendered snapshots of the viewer (wgpu; headless on lavapipe: `apt-get install -y
//! mesa-vulkan-drivers libvulkan1`). Images live in tests/snapshots/; regenerate them with
//! `UPDATE_SNAPSHOTS=1 cargo test --test ui_snapshots` and look at them before committing.

use crate::support;

use std::time::Duration;

use egui_kittest::kittest::Queryable as _;
use egui_kittest::{Harness, SnapshotOptions};
use policy_lineage::app::examples::Example;
use policy_lineage::app::i18n::Lang;
use policy_lineage::app::{App, Command, Message, ThemeChoice};

const LOAD_TIMEOUT: Duration = Duration::from_secs(120);

fn harness(lang: Lang, theme: ThemeChoice) -> Harness<'static, App> {
    let state = support::state(lang, theme);
    let mut app = App::new(state, None);
    assert!(
        app.wait_until_loaded(LOAD_TIMEOUT),
        "the example did not load"
    );
    let mut harness = support::build(support::builder().wgpu(), app);
    harness.run_steps(12);
    harness
}

/// The status bar shows how long the comparison took: fix it so the images do not depend on
/// the machine's speed.
fn fix_timing(harness: &mut Harness<'static, App>) {
    if let Some(current) = &mut harness.state_mut().current {
        current.elapsed = Duration::from_millis(20);
    }
}

/// Anti-aliasing differs a little between GPU drivers; text layout must not.
fn options() -> SnapshotOptions {
    SnapshotOptions::new().threshold(2.0).max_failed_pixels(800)
}

#[test]
fn main_window() {
    let mut harness = harness(Lang::En, ThemeChoice::Light);
    fix_timing(&mut harness);
    harness.remove_cursor();
    harness.run_steps(2);
    harness.snapshot_options("main_window", &options());
}

#[test]
fn main_window_chinese_dark() {
    let mut harness = harness(Lang::Zh, ThemeChoice::Dark);
    // A section in the middle, selected from the outline.
    let label = {
        let app = harness.state();
        let Some(model) = app.model() else { panic!() };
        let sections = model.child.sections();
        let s = &sections[sections.len() / 3];
        format!("{}{}", s.label, s.title)
    };
    harness.get_by_label(&label).click();
    harness.run_steps(12);
    fix_timing(&mut harness);
    harness.remove_cursor();
    harness.run_steps(2);
    harness.snapshot_options("main_window_zh_dark", &options());
}

#[test]
fn picker_for_the_scraped_collection() {
    let mut harness = harness(Lang::Zh, ThemeChoice::Light);
    harness
        .state_mut()
        .push(Command::OpenExample(Example::ScrapedPick));
    harness.step();
    assert!(harness.state_mut().wait_until_loaded(LOAD_TIMEOUT));
    harness.run_steps(6);
    assert!(harness.state().picker.is_some());
    fix_timing(&mut harness);
    harness.remove_cursor();
    harness.run_steps(2);
    harness.snapshot_options("picker", &options());
}

#[test]
fn find_and_error_banner() {
    let mut harness = harness(Lang::En, ThemeChoice::Light);
    harness.state_mut().push(Command::OpenFind);
    harness.run_steps(2);
    let field = harness.get_by_role_and_label(egui::accesskit::Role::TextInput, "Find");
    field.type_text("人工智能产业");
    harness.run_steps(12);
    let dir = tempfile::tempdir().expect("temp dir");
    let bad = dir.path().join("scan.pdf.txt");
    std::fs::write(&bad, [0x25, 0x50, 0x44, 0x46, 0x00, 0x01, 0x02, 0x03]).expect("write");
    harness.state_mut().push(Command::Open(
        policy_lineage::app::model::Side::Parent,
        policy_lineage::app::task::DocSource::File(policy_lineage::DocumentRef::whole(bad)),
    ));
    harness.step();
    assert!(harness.state_mut().wait_until_loaded(LOAD_TIMEOUT));
    harness.run_steps(12);
    // The temp dir's name changes every run: keep the banner text stable for the image.
    if let Some(banner) = &mut harness.state_mut().banner {
        banner.message = Message::Text(
            banner
                .text(Lang::En)
                .replace(&dir.path().display().to_string(), "/tmp"),
        );
    }
    fix_timing(&mut harness);
    harness.remove_cursor();
    harness.run_steps(2);
    harness.snapshot_options("find_and_error", &options());
}
