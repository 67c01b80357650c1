//! The pane header: each document's facts (its 发文字号, issuer, date) under its title.

use crate::support;

use std::time::Duration;

use egui_kittest::kittest::Queryable as _;
use policy_lineage::app::i18n::Lang;
use policy_lineage::app::{App, ThemeChoice};

#[test]
fn the_header_shows_each_documents_number() {
    let mut app = App::new(support::state(Lang::Zh, ThemeChoice::Light), None);
    assert!(
        app.wait_until_loaded(Duration::from_secs(120)),
        "the example did not load"
    );
    let mut harness = support::build(support::builder(), app);
    harness.run_steps(12);
    // Wuwei's notice carries its number; Gansu's copy has none, so its line has the file alone.
    let lines: Vec<String> = harness
        .query_all_by_label_contains("-2018-ai-plan.txt")
        .filter_map(|n| n.value())
        .collect();
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("wuwei-2018-ai-plan.txt · 武政办发〔2018〕250号")),
        "{lines:?}"
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("gansu-2018-ai-plan.txt")),
        "{lines:?}"
    );
}
