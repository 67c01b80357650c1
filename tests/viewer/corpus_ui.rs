//! The corpus window: derived-from links open the pair side by side.

use crate::support;

use std::time::Duration;

use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use policy_lineage::DocumentRef;
use policy_lineage::app::i18n::Lang;
use policy_lineage::app::{App, ThemeChoice, task};
use policy_lineage::corpus::{Corpus, IndexedDoc, Progress};

#[test]
fn a_link_opens_the_pair() {
    let dir = tempfile::tempdir().unwrap();
    let corpus_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    std::fs::copy(
        corpus_dir.join("gansu-2018-ai-plan.txt"),
        dir.path().join("parent-copy.txt"),
    )
    .unwrap();
    std::fs::copy(
        corpus_dir.join("wuwei-2018-ai-plan.txt"),
        dir.path().join("child-copy.txt"),
    )
    .unwrap();
    let corpus = Corpus::build(&[dir.path().to_owned()], None, &Progress::default()).unwrap();

    let state = support::state(Lang::En, ThemeChoice::Light);
    let mut app = App::new(state, None);
    assert!(app.wait_until_loaded(Duration::from_secs(120)));
    let mut harness = support::build(support::builder(), app);
    harness.run_steps(4);
    // The File menu offers the window.
    harness.get_by_label("File").click();
    harness.run_steps(2);
    assert!(harness.query_by_label("Corpus…").is_some());
    harness.key_press(egui::Key::Escape);

    show_corpus(&mut harness, corpus);
    opens_pair(
        &mut harness,
        "child-copy.txt → parent-copy.txt",
        "parent-copy.txt",
        "child-copy.txt",
    );
}

/// Shows `corpus` in the window and waits for its analysis in the background.
fn show_corpus(harness: &mut Harness<'static, App>, corpus: Corpus) {
    harness.state_mut().show_corpus(corpus);
    assert!(
        harness
            .state_mut()
            .wait_until_loaded(Duration::from_secs(120))
    );
    harness.run_steps(4);
}

/// Clicks the link labelled `link` and checks that it opened `parent` beside `child`.
fn opens_pair(harness: &mut Harness<'static, App>, link: &str, parent: &str, child: &str) {
    harness.get_by_label_contains(link).click();
    harness.run_steps(2);
    assert!(
        harness
            .state_mut()
            .wait_until_loaded(Duration::from_secs(120))
    );
    let current = harness.state().current.as_ref().expect("a pair is open");
    assert_eq!(current.parent.label(), parent);
    assert_eq!(current.child.label(), child);
}

#[test]
fn the_graph_shows_gansu_to_wuwei_and_its_arrow_opens_the_pair() {
    let corpus_dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let corpus = Corpus::build(&[corpus_dir], None, &Progress::default()).unwrap();

    let state = support::state(Lang::En, ThemeChoice::Light);
    let mut app = App::new(state, None);
    assert!(app.wait_until_loaded(Duration::from_secs(120)));
    let mut harness = support::build(support::builder().with_size(vec2(1480.0, 1000.0)), app);
    harness.run_steps(4);
    show_corpus(&mut harness, corpus);
    // Clicking a node selects it and lists its sources, Gansu's plan as the parent.
    harness
        .get_by_label_contains("wuwei-2018-ai-plan.txt · 武威市新一代")
        .click();
    harness.run_steps(3);
    assert!(
        harness
            .query_by_label_contains("parent: gansu-2018-ai-plan.txt")
            .is_some()
    );
    // The arrow's label is a widget named after the link (child derives from parent).
    opens_pair(
        &mut harness,
        "wuwei-2018-ai-plan.txt derives from gansu-2018-ai-plan.txt",
        "gansu-2018-ai-plan.txt",
        "wuwei-2018-ai-plan.txt",
    );
}

#[test]
fn columns_follow_levels_and_put_children_right_of_parents() {
    let doc = |title: &str, text: &str| {
        let chars: Vec<char> = text.chars().collect();
        IndexedDoc::new(
            DocumentRef::whole(format!("{title}.txt")),
            format!("{title}.txt"),
            title.to_owned(),
            None,
            &chars,
        )
    };
    let corpus = Corpus::from_docs(vec![
        doc("国务院关于印发规划的通知", "一"),
        doc("甘肃省人民政府关于印发规划的通知", "二"),
        doc("武威市人民政府关于印发方案的通知", "三"),
        doc("未署名的文件", "四"),
        doc("古浪县人民政府关于印发计划的通知", "五"),
    ]);
    // 1 ← 2 ← 3 (unknown level under a city); 4 (a county) alone.
    let links = [(1, 0, 0.5), (2, 1, 0.5), (3, 2, 0.5)];
    assert_eq!(task::corpus::columns(&corpus, &links), vec![0, 1, 2, 3, 3]);
    // A city derived straight from the national plan keeps its level's column.
    assert_eq!(task::corpus::columns(&corpus, &[(2, 0, 0.5)])[2], 2);
    // A cycle does not hang.
    assert_eq!(
        task::corpus::columns(&corpus, &[(0, 1, 0.5), (1, 0, 0.5)]).len(),
        5
    );
}
