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
use policy_lineage::report::palette::{Rgb, delta_e};

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

/// A pixel of a rendered image as an opaque colour.
fn pixel(image: &image::RgbaImage, x: f32, y: f32) -> Rgb {
    let p = image.get_pixel(x.round() as u32, y.round() as u32);
    Rgb(p[0], p[1], p[2])
}

/// The fill of the legend swatch before the status bar's label `name`: the commonest colour
/// in the 30 px left of the label, other than the bar's own background.
fn swatch_fill(harness: &Harness<'static, App>, image: &image::RgbaImage, name: &str) -> Rgb {
    let label = harness
        .query_all_by_label(name)
        .max_by(|a, b| a.rect().center().y.total_cmp(&b.rect().center().y))
        .unwrap_or_else(|| panic!("no label {name}"))
        .rect();
    let y = label.center().y;
    let bar = pixel(image, label.left() - 1.0, y);
    let mut counts: Vec<(Rgb, usize)> = Vec::new();
    for dx in 1..30 {
        let c = pixel(image, label.left() - dx as f32, y);
        if delta_e(c, bar) < 2.0 {
            continue;
        }
        match counts.iter_mut().find(|(seen, _)| delta_e(*seen, c) < 1.0) {
            Some((_, n)) => *n += 1,
            None => counts.push((c, 1)),
        }
    }
    counts
        .into_iter()
        .max_by_key(|&(_, n)| n)
        .map(|(c, _)| c)
        .unwrap_or_else(|| panic!("no swatch before {name}"))
}

#[test]
fn the_legend_tells_inherited_from_parent_reused() {
    for (lang, theme, inherited, reused) in [
        (Lang::En, ThemeChoice::Light, "Inherited", "Parent reused"),
        (Lang::Zh, ThemeChoice::Dark, "继承", "上级被继承"),
    ] {
        let mut harness = harness(lang, theme);
        harness.remove_cursor();
        harness.run_steps(2);
        let image = harness.render().expect("render");
        let (a, b) = (
            swatch_fill(&harness, &image, inherited),
            swatch_fill(&harness, &image, reused),
        );
        let apart = delta_e(a, b);
        assert!(
            apart >= 8.0,
            "{inherited} {a:?} and {reused} {b:?}: ΔE {apart}"
        );
    }
}

#[test]
fn the_current_find_hit_is_not_drawn_in_the_adapted_colour() {
    let mut harness = harness(Lang::En, ThemeChoice::Light);
    harness.remove_cursor();
    harness.state_mut().push(Command::OpenFind);
    harness.run_steps(2);
    harness
        .get_by_role_and_label(egui::accesskit::Role::TextInput, "Find")
        .type_text("人工智能");
    // Past the flash of the jump to the first hit.
    harness.run_steps(12);
    let scroll = harness.state().view.scroll_offset;
    let first = harness.render().expect("render");
    harness.state_mut().push(Command::FindNext);
    harness.run_steps(12);
    assert_eq!(
        harness.state().view.scroll_offset,
        scroll,
        "the second hit is on screen: nothing scrolls"
    );
    assert_eq!(harness.state().find.current, Some(1));
    let second = harness.render().expect("render");
    // What changed is the current hit moving from the first hit to the second: its fill and
    // its ring, in neither the adapted colour nor its background.
    let adapted = Rgb(0xE6, 0x9F, 0x00);
    let (mut changed, mut orange) = (0, 0);
    for (a, b) in first.pixels().zip(second.pixels()) {
        if a == b {
            continue;
        }
        changed += 1;
        for p in [a, b] {
            if delta_e(Rgb(p[0], p[1], p[2]), adapted) < 12.0 {
                orange += 1;
            }
        }
    }
    assert!(changed > 100, "{changed} pixels changed");
    assert!(
        orange < 10,
        "{orange} of {changed} changed pixels are adapted orange"
    );
}
