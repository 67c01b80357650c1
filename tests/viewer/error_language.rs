//! Why a document could not be opened, in the interface's language: in Chinese mode the
//! reasons are Chinese, and a banner raised before a language switch follows the switch.

use crate::support;

use std::time::Duration;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use policy_lineage::DocumentRef;
use policy_lineage::app::i18n::Lang;
use policy_lineage::app::model::Side;
use policy_lineage::app::task::DocSource;
use policy_lineage::app::{App, BannerKind, Command, ThemeChoice};

fn harness(lang: Lang) -> Harness<'static, App> {
    let mut app = App::new(support::state(lang, ThemeChoice::Light), None);
    assert!(app.wait_until_loaded(Duration::from_secs(120)));
    let mut h = support::build(support::builder(), app);
    h.run_steps(6);
    h
}

fn open_parent(h: &mut Harness<'static, App>, path: std::path::PathBuf) {
    h.state_mut().push(Command::Open(
        Side::Parent,
        DocSource::File(DocumentRef::whole(path)),
    ));
    h.run_steps(2);
    assert!(h.state_mut().wait_until_loaded(Duration::from_secs(120)));
    h.run_steps(3);
}

/// The banner as the window words it now, and whether it is drawn so.
fn shown(h: &Harness<'static, App>) -> String {
    let app = h.state();
    let banner = app.banner.as_ref().expect("no banner");
    assert_eq!(banner.kind, BannerKind::Error);
    let text = banner.text(app.lang());
    let first = text.lines().next().unwrap_or_default();
    assert!(
        h.query_all_by_label_contains(first).next().is_some(),
        "the banner does not show {first:?}"
    );
    text
}

#[test]
fn reasons_are_chinese_in_chinese_mode_and_follow_a_language_switch() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Lang::Zh);

    open_parent(&mut h, dir.path().join("缺失.txt"));
    let text = shown(&h);
    assert!(
        text.contains("无法打开") && text.contains("找不到文件"),
        "{text}"
    );
    assert!(text.contains("仍显示原来的比对"), "{text}");
    assert!(!text.contains("not found"), "{text}");

    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, "").unwrap();
    open_parent(&mut h, empty.clone());
    let text = shown(&h);
    assert!(
        text.contains("empty.txt") && text.contains("文件是空的"),
        "{text}"
    );

    // The banner raised in Chinese is worded in English after the switch, and back.
    h.state_mut().push(Command::SetLanguage(Lang::En));
    h.run_steps(3);
    let text = shown(&h);
    assert!(
        text.contains("Could not open") && text.contains("file is empty"),
        "{text}"
    );
    assert!(text.contains("previous comparison stays"), "{text}");
    h.state_mut().push(Command::SetLanguage(Lang::Zh));
    h.run_steps(3);
    assert!(shown(&h).contains("文件是空的"));

    // A folder, and a damaged PDF.
    open_parent(&mut h, dir.path().to_path_buf());
    assert!(shown(&h).contains("是文件夹"), "{}", shown(&h));
    let pdf = dir.path().join("cut.pdf");
    std::fs::write(
        &pdf,
        b"%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n",
    )
    .unwrap();
    open_parent(&mut h, pdf);
    let text = shown(&h);
    assert!(text.contains("cut.pdf") && text.contains("损坏"), "{text}");
}

#[test]
fn a_placeholder_pane_says_why_in_the_language_it_was_opened_in() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = harness(Lang::Zh);
    h.state_mut().push(Command::OpenPair(
        DocSource::File(DocumentRef::whole(dir.path().join("缺失.txt"))),
        DocSource::File(DocumentRef::whole(
            std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("assets/wuwei-2018-ai-plan.txt"),
        )),
    ));
    h.run_steps(2);
    assert!(h.state_mut().wait_until_loaded(Duration::from_secs(120)));
    h.run_steps(3);
    let parent: String = h
        .state()
        .current
        .as_ref()
        .unwrap()
        .parent
        .chars()
        .iter()
        .collect();
    assert!(parent.contains("找不到文件"), "{parent}");
}
