//! The corpus window as a daily tool, on a copy of the real corpus indexed into a file of the
//! test's own: it remembers the last corpus and reopens it through its saved index, says so
//! when the folder is gone, moves aside for the pair it opens and comes back as it was, and
//! finds a phrase whatever its width forms, opening the document at the hit.

use crate::support;

use std::path::Path;
use std::time::Duration;

use egui::accesskit::Role;
use egui::{Rect, vec2};
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use policy_lineage::app::corpus_view::{CorpusCommand, CorpusTab};
use policy_lineage::app::i18n::Lang;
use policy_lineage::app::model::Side;
use policy_lineage::app::task::CorpusSource;
use policy_lineage::app::{App, Command, State, ThemeChoice};
use policy_lineage::corpus::search::search;
use policy_lineage::corpus::store::Store;

const TIMEOUT: Duration = Duration::from_secs(300);

/// tests/corpus copied into a temporary folder, with its index file beside it (not in the
/// user's data folder).
fn corpus_copy() -> (tempfile::TempDir, CorpusSource) {
    let dir = tempfile::tempdir().unwrap();
    let folder = dir.path().join("corpus");
    std::fs::create_dir(&folder).unwrap();
    let real = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    for entry in std::fs::read_dir(real).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, folder.join(path.file_name().unwrap())).unwrap();
    }
    let source = CorpusSource {
        roots: vec![folder],
        index: Some(dir.path().join("index.sqlite")),
    };
    (dir, source)
}

fn harness(state: State, size: egui::Vec2) -> Harness<'static, App> {
    let mut app = App::new(state, None);
    assert!(app.wait_until_loaded(TIMEOUT));
    let mut h = support::build(support::builder().with_size(size), app);
    h.run_steps(4);
    h
}

/// Lets the frame's commands start their tasks, waits for them all, and draws the result.
fn settle(h: &mut Harness<'static, App>) {
    h.run_steps(2);
    assert!(h.state_mut().wait_until_loaded(TIMEOUT));
    h.run_steps(4);
}

/// A harness in English with the copied corpus indexed and shown in the window.
fn indexed(size: egui::Vec2) -> (Harness<'static, App>, tempfile::TempDir, CorpusSource) {
    let (dir, source) = corpus_copy();
    let mut h = harness(support::state(Lang::En, ThemeChoice::Light), size);
    h.state_mut().push(Command::IndexCorpus(source.clone()));
    settle(&mut h);
    assert!(h.state().corpus.analysis.is_some(), "the corpus is shown");
    (h, dir, source)
}

fn click_at(h: &mut Harness<'static, App>, pos: egui::Pos2) {
    h.hover_at(pos);
    h.step();
    for pressed in [true, false] {
        h.event(egui::Event::PointerButton {
            pos,
            button: egui::PointerButton::Primary,
            pressed,
            modifiers: egui::Modifiers::NONE,
        });
    }
}

#[test]
fn a_new_start_reopens_the_last_corpus_and_names_a_folder_that_is_gone() {
    let (h, dir, source) = indexed(vec2(1480.0, 920.0));
    let saved = h.state().state.clone();
    assert_eq!(
        saved.corpus.as_ref(),
        Some(&source),
        "the corpus is remembered"
    );
    let docs = h
        .state()
        .corpus
        .analysis
        .as_ref()
        .unwrap()
        .corpus
        .docs
        .len();
    assert!(docs >= 10, "{docs} documents");
    drop(h);
    // The settings as saved and read back at the next start.
    let text = ron::to_string(&saved).unwrap();
    let restored: State = ron::from_str(&text).unwrap();
    assert_eq!(restored, saved);

    let mut h = harness(restored, vec2(1480.0, 920.0));
    assert!(h.state().corpus.analysis.is_none());
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label("Corpus…").click();
    settle(&mut h);
    let app = h.state();
    let analysis = app
        .corpus
        .analysis
        .as_ref()
        .expect("reopened without asking");
    assert_eq!(analysis.corpus.docs.len(), docs);
    assert_eq!(app.corpus.source.as_ref(), Some(&source));
    assert!(h.query_by_label(&Lang::En.documents(docs)).is_some());
    // Refresh reads the corpus again, keeping what was typed in the search field.
    h.state_mut()
        .push(Command::Corpus(CorpusCommand::Query("人工智能".to_owned())));
    h.get_by_label(Lang::En.texts().corpus.refresh).click();
    settle(&mut h);
    let app = h.state();
    assert_eq!(app.corpus.search.query, "人工智能");
    assert!(app.corpus.analysis.is_some());
    // In Chinese the window counts its documents in Chinese.
    h.state_mut().push(Command::SetLanguage(Lang::Zh));
    h.run_steps(3);
    assert!(h.query_by_label(&Lang::Zh.documents(docs)).is_some());
    assert!(h.query_by_label(&Lang::En.documents(docs)).is_none());
    assert!(h.query_by_label(Lang::Zh.texts().corpus.refresh).is_some());
    drop(h);

    // The folder moved away: the window says so, in Chinese too, and offers the folder
    // button.
    let gone = CorpusSource {
        roots: vec![dir.path().join("moved-away")],
        index: source.index.clone(),
    };
    let state = State {
        corpus: Some(gone.clone()),
        ..support::state(Lang::Zh, ThemeChoice::Light)
    };
    let mut h = harness(state, vec2(1480.0, 920.0));
    h.state_mut().push(Command::Corpus(CorpusCommand::Open));
    settle(&mut h);
    assert!(h.state().corpus.analysis.is_none());
    let message = Lang::Zh.corpus_missing(&gone.roots);
    assert!(message.contains("已不存在") && message.contains("moved-away"));
    assert!(h.query_by_label(&message).is_some(), "{message} not shown");
    assert!(h.query_by_label("打开文件夹…").is_some());
    // Still remembered: the folder may come back (a drive plugged in again).
    assert_eq!(h.state().state.corpus.as_ref(), Some(&gone));
}

#[test]
fn a_cell_opens_its_pair_with_the_window_aside_and_one_click_brings_it_back() {
    let (mut h, _dir, _source) = indexed(vec2(1480.0, 920.0));
    h.get_by_label(Lang::En.texts().corpus.tab_heat_map).click();
    h.run_steps(3);
    let cells_label = Lang::En.texts().corpus.heat_cells;
    let cells = h.get_by_label(cells_label).rect();
    let n = h.state().corpus.analysis.as_ref().unwrap().order.len() as f32;
    let cell = cells.width() / n;
    click_at(&mut h, cells.min + vec2(1.5 * cell, 0.5 * cell));
    settle(&mut h);
    let app = h.state();
    assert!(app.current.is_some());
    assert!(
        app.corpus.open && app.corpus.aside,
        "the window moved aside"
    );
    // Nothing of the window is left over the documents: only the toolbar's control.
    assert!(h.query_by_label(cells_label).is_none());
    assert!(h.query_by_label(Lang::En.texts().corpus_title).is_none());
    let back = h
        .get_by_label(Lang::En.texts().corpus.back_to_corpus)
        .rect();
    for pane in app.pane_rects {
        assert!(pane.width() > 200.0, "pane {pane:?}");
        assert!(!pane.intersects(back), "{back:?} over {pane:?}");
    }
    h.get_by_label(Lang::En.texts().corpus.back_to_corpus)
        .click();
    h.run_steps(4);
    let app = h.state();
    assert!(app.corpus.open && !app.corpus.aside);
    assert_eq!(app.corpus.tab, CorpusTab::HeatMap);
    let again = h.get_by_label(cells_label).rect();
    assert!(close(again, cells), "{again:?} was {cells:?}");
    assert!(
        h.query_by_label(Lang::En.texts().corpus.back_to_corpus)
            .is_none()
    );
}

fn close(a: Rect, b: Rect) -> bool {
    (a.min - b.min).length() < 1.0 && (a.max - b.max).length() < 1.0
}

#[test]
fn a_phrase_in_full_width_finds_the_half_width_text_and_opens_it_at_the_hit() {
    let (mut h, _dir, _source) = indexed(vec2(1480.0, 920.0));
    let t = &Lang::En.texts().corpus;
    h.get_by_label(t.tab_search).click();
    h.run_steps(3);
    // 长春's opinions write half-width commas and a space inside the phrase.
    let phrase = "新应用、新进展、新成效，提高社会公众";
    // The field has the keyboard as its tab opens.
    let field = h.get_by_role_and_label(Role::TextInput, t.search_field);
    assert!(field.is_focused());
    field.type_text(phrase);
    h.run_steps(2);
    h.key_press(egui::Key::Enter);
    settle(&mut h);
    assert!(
        h.query_by_label(&format!("“{phrase}”: 1 hit in 1 document"))
            .is_some()
    );
    h.get_by_label_contains("changchun-2021-ai-opinions.txt 积极宣传")
        .click();
    settle(&mut h);
    h.run_steps(4);
    let app = h.state();
    let current = app.current.as_ref().expect("the document opened");
    assert_eq!(current.child.label(), "changchun-2021-ai-opinions.txt");
    let flash = app.view.flash.as_ref().expect("the hit is highlighted");
    let text = current.child.slice(flash.range.clone());
    assert_eq!(text, "新应用、 新进展、新成效,提高社会公众");
    // Scrolled to the hit, which Find keeps marked.
    assert!(
        app.view.scroll_offset > 1000.0,
        "{}",
        app.view.scroll_offset
    );
    assert!(app.find.open && app.find.query == phrase);
    assert!(app.find.hits.iter().any(|hit| hit.range == flash.range));
    assert!(app.corpus.aside);
    // Brought back, the window stays clear of the find bar the hit opened.
    h.get_by_label(t.back_to_corpus).click();
    h.run_steps(4);
    let find = h
        .get_by_role_and_label(Role::TextInput, Lang::En.texts().find)
        .rect();
    let window = h.get_by_label(Lang::En.texts().corpus_title).rect();
    assert!(window.min.y >= find.max.y, "{window:?} over {find:?}");
}

#[test]
fn the_full_text_index_fills_beside_the_shown_corpus() {
    let (mut h, _dir, source) = indexed(vec2(1480.0, 920.0));
    // The corpus was shown from its update; the fill ran after it as a task of its own, and
    // `indexed` waited for every task.
    let index = source.index.as_deref().unwrap();
    let store = Store::open(index).unwrap();
    assert_eq!(store.text_waiting().unwrap(), 0);
    // Refreshed with a new file: its text waits, then goes in, and search finds it throughout.
    std::fs::write(source.roots[0].join("new.txt"), "建设智慧农业示范基地。").unwrap();
    h.state_mut().push(Command::Corpus(CorpusCommand::Refresh));
    settle(&mut h);
    assert_eq!(store.text_waiting().unwrap(), 0);
    let found = search(&store, "智慧农业示范基地").unwrap();
    assert_eq!(found.len(), 1);
    assert_eq!(found[0].label, "new.txt");
}

/// Searches the shown corpus for `phrase` and clicks the hit whose name starts with `label`;
/// returns the side the document opened on and the text highlighted there.
fn open_hit(h: &mut Harness<'static, App>, phrase: &str, label: &str) -> (Side, String) {
    h.state_mut()
        .push(Command::Corpus(CorpusCommand::Query(phrase.to_owned())));
    h.state_mut().push(Command::Corpus(CorpusCommand::Search));
    settle(h);
    let name = format!("{label} ");
    h.get_by(|n| n.role() == Role::Link && n.label().is_some_and(|l| l.starts_with(&name)))
        .click();
    settle(h);
    let app = h.state();
    let flash = app.view.flash.as_ref().expect("the hit is highlighted");
    let current = app.current.as_ref().unwrap();
    let doc = match flash.side {
        Side::Parent => &current.parent,
        Side::Child => &current.child,
    };
    assert_eq!(doc.label(), label);
    (flash.side, doc.slice(flash.range.clone()))
}

#[test]
fn a_hit_opens_a_source_as_the_parent_and_an_entry_of_a_listing_at_its_place() {
    let (mut h, _dir, _source) = indexed(vec2(1480.0, 920.0));
    h.state_mut()
        .push(Command::Corpus(CorpusCommand::Tab(CorpusTab::Search)));
    h.run_steps(2);
    // Gansu's plan derives from nothing in the corpus: it opens as the parent of Wuwei's.
    let (side, text) = open_hit(&mut h, "规划建设人工智能产业园区", "gansu-2018-ai-plan.txt");
    assert_eq!(
        (side, text.as_str()),
        (Side::Parent, "规划建设人工智能产业园区")
    );
    let current = h.state().current.as_ref().unwrap();
    assert_eq!(current.child.label(), "wuwei-2018-ai-plan.txt");
    // Back to the corpus, a hit inside one entry of the scraped listing.
    h.get_by_label(Lang::En.texts().corpus.back_to_corpus)
        .click();
    h.run_steps(2);
    let phrase = "推动四川省人工智能产业达到并保持国内领先水平";
    let (_, text) = open_hit(&mut h, phrase, "provincial-policies-2018-scraped.txt#5");
    assert_eq!(text, phrase);
    // Phrases shorter than the index's trigrams are found too.
    for (short, holder) in [("中山", "zhongshan-2019"), ("津", "provincial-policies")] {
        h.state_mut()
            .push(Command::Corpus(CorpusCommand::Query(short.to_owned())));
        h.state_mut().push(Command::Corpus(CorpusCommand::Search));
        settle(&mut h);
        let app = h.state();
        let searched = app.corpus.search.result.as_ref().unwrap();
        let found = searched.found.as_ref().unwrap();
        assert!(found.iter().any(|f| f.label.starts_with(holder)), "{short}");
        assert!(found.iter().all(|f| !f.hits.is_empty()));
    }
}
