//! The viewer's rough edges, driven through egui_kittest: the substitutions it lists, zoom and
//! presentation mode, errors, quitting with unsaved work, windows and undo.

use crate::support;

use std::time::Duration;

use egui::vec2;
use egui_kittest::Harness;
use policy_lineage::app::i18n::Lang;
use policy_lineage::app::model::Side;
use policy_lineage::app::{App, Command, ThemeChoice};

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
