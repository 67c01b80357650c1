//! The summary's Checks list: a check is listed with its kind and text, and clicking it
//! brings the child pane to the text it points at.

use crate::support;

use std::time::Duration;

use egui_kittest::kittest::Queryable as _;
use policy_lineage::DocumentRef;
use policy_lineage::app::i18n::Lang;
use policy_lineage::app::{App, ThemeChoice};

/// A province's plan and a city's copy that keeps a neighbour's name (张掖) far down, below
/// a long opening of its own.
fn pair(dir: &std::path::Path) -> (DocumentRef, DocumentRef) {
    let body = "一、总体要求\n全省要加快人工智能发展，推进{}人工智能产业集聚，各地应当加强组织领导，形成工作合力。\n";
    let parent = format!("甘肃省人工智能发展方案\n{}", body.replace("{}", "甘肃"));
    let opening: String = (1..=80)
        .map(|n| format!("本市第{n}项重点工作持续推进，确保任务按期完成。\n"))
        .collect();
    let child = format!(
        "武威市人工智能发展方案\n{opening}{}",
        body.replace("{}", "张掖").replace("全省", "全市")
    );
    let (p, c) = (dir.join("gansu.txt"), dir.join("wuwei.txt"));
    std::fs::write(&p, parent).unwrap();
    std::fs::write(&c, child).unwrap();
    (DocumentRef::whole(p), DocumentRef::whole(c))
}

#[test]
fn clicking_a_check_goes_to_its_text_in_the_child() {
    let dir = tempfile::tempdir().unwrap();
    let mut app = App::new(
        support::state(Lang::En, ThemeChoice::Light),
        Some(pair(dir.path())),
    );
    assert!(app.wait_until_loaded(Duration::from_secs(120)));
    let mut h = support::build(support::builder(), app);
    h.run_steps(8);
    let check = {
        let model = h.state().model().unwrap();
        let k = model
            .checks
            .iter()
            .position(|c| c.text == "张掖")
            .unwrap_or_else(|| panic!("{:#?}", model.checks));
        (k, model.checks[k].range.clone())
    };
    assert_eq!(h.state().view.scroll_offset, 0.0);
    assert!(h.state().view.check.is_none());

    h.get_by_label("Checks");
    h.get_by_label("张掖 → 武威市").click();
    h.run_steps(6);
    let view = &h.state().view;
    assert_eq!(view.check, Some(check.0));
    let flash = view.flash.as_ref().expect("the check's text flashes");
    assert_eq!(flash.range, check.1);
    assert!(
        view.scroll_offset > 200.0,
        "the child pane scrolled to the check: {}",
        view.scroll_offset
    );
}
