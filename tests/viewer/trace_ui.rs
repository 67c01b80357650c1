//! Trace mode through the real app: Wuwei's plan traced against Gansu's, the scraped listing's
//! entries and Changchun's opinions from the File menu; the legend lists the sources with
//! their shares, clicking a passage shows its nearest source on the left at that range, a
//! source switched off is traced without, and the way back leads to the comparison. Also from
//! three files dropped at once, and from the corpus window against its corpus.

use crate::support;

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;

use egui_kittest::kittest::Queryable as _;
use egui_kittest::{Harness, SnapshotOptions};
use policy_lineage::DocumentRef;
use policy_lineage::app::corpus_view::CorpusCommand;
use policy_lineage::app::dialogs::{Answer, Dialog, FileDialogs};
use policy_lineage::app::examples::Example;
use policy_lineage::app::i18n::{Lang, Texts};
use policy_lineage::app::trace_view::{Shown, TraceCommand};
use policy_lineage::app::{App, Command, ThemeChoice};
use policy_lineage::corpus::{Corpus, Progress};

const LOAD_TIMEOUT: Duration = Duration::from_secs(180);
const GANSU: &str = "甘肃省新一代人工智能发展实施方案";

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(name)
}

/// A file dialog that answers the sources dialog with several files.
struct Sources(Vec<PathBuf>);

impl FileDialogs for Sources {
    fn ask(&mut self, dialog: &Dialog, _: &Texts) -> Answer {
        match dialog {
            Dialog::TraceSources => Answer::ChosenMany(self.0.clone()),
            _ => Answer::Cancelled,
        }
    }
}

/// Gansu's plan, four entries of the scraped listing (not its copy of Gansu's plan, which
/// would stand in for Gansu's once that is switched off) and Changchun's opinions.
fn sources() -> Vec<PathBuf> {
    let listing = corpus("provincial-policies-2018-scraped.txt");
    let mut out = vec![corpus("gansu-2018-ai-plan.txt")];
    out.extend([4, 5, 8, 9].map(|n| PathBuf::from(format!("{}#{n}", listing.display()))));
    out.push(corpus("changchun-2021-ai-opinions.txt"));
    out
}

/// Gansu's plan beside Wuwei's, then the trace chosen from the File menu.
fn traced(lang: Lang, builder: egui_kittest::HarnessBuilder<App>) -> Harness<'static, App> {
    let mut app = App::new(
        support::state(lang, ThemeChoice::Light),
        Some((
            DocumentRef::whole(corpus("gansu-2018-ai-plan.txt")),
            DocumentRef::whole(corpus("wuwei-2018-ai-plan.txt")),
        )),
    );
    assert!(app.wait_until_loaded(LOAD_TIMEOUT));
    app.dialogs = Box::new(Sources(sources()));
    let mut h = support::build(builder, app);
    h.run_steps(4);
    let t = lang.texts();
    h.get_by_label(t.file).click();
    h.run_steps(2);
    h.get_by_label(t.trace.menu).click();
    h.run_steps(2);
    settle(&mut h);
    assert!(h.state().trace.is_open(), "no trace shown");
    h
}

fn settle(h: &mut Harness<'static, App>) {
    assert!(h.state_mut().wait_until_loaded(LOAD_TIMEOUT));
    h.run_steps(6);
}

/// The input index of the source titled `title`.
fn input_titled(h: &Harness<'static, App>, title: &str) -> usize {
    let Some(traced) = &h.state().trace.traced else {
        panic!("no trace")
    };
    let Some(i) = traced.basis.sources.iter().position(|d| d.title == title) else {
        panic!("{title} is not a source");
    };
    i
}

#[test]
fn the_legend_lists_the_sources_with_their_shares() {
    let h = traced(Lang::En, support::builder());
    let app = h.state();
    let Some(trace) = app.trace.trace() else {
        panic!()
    };
    let Some(traced) = &app.trace.traced else {
        panic!()
    };
    assert!(trace.sources.len() >= 3, "{:?}", trace.sources.len());
    let first = &traced.basis.sources[trace.sources[0].input];
    assert_eq!(first.title, GANSU);
    assert!(trace.sources[0].cited);
    assert!(trace.sources[0].share > 0.5, "{}", trace.sources[0].share);
    for source in &trace.sources {
        let shares = format!(
            "share {:.1}% · distinctive {:.1}%",
            source.share * 100.0,
            source.distinctive_share * 100.0
        );
        assert!(
            h.query_all_by_label_contains(&shares).next().is_some(),
            "the legend has no line {shares:?}"
        );
    }
    h.get_by_label_contains("province · 2018-08-01 · cited · share");
    h.get_by_label_contains(&format!("Traced · {}", "武威市新一代人工智能发展实施方案"));
    h.get_by_label_contains(&format!("Source · {GANSU}"));
}

/// Hovers down the traced document's column until a passage with a source is under the pointer.
fn passage_under_pointer(h: &mut Harness<'static, App>, lang: Lang) -> (egui::Pos2, usize) {
    let header = h
        .query_all_by_label_contains(&format!("{} · ", lang.texts().trace.traced))
        .next()
        .map(|n| n.rect())
        .expect("the traced document's header");
    let mut y = header.max.y + 160.0;
    while y < 880.0 {
        for dx in [30.0, 90.0, 160.0] {
            let pos = egui::pos2(header.min.x + dx, y);
            h.hover_at(pos);
            h.step();
            let view = &h.state().trace;
            if let Some(span) = view.hovered
                && view
                    .trace()
                    .and_then(|t| t.spans.get(span))
                    .is_some_and(|s| s.source_range.is_some())
            {
                return (pos, span);
            }
        }
        y += 23.0;
    }
    panic!("no traced passage under the pointer");
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
    h.run_steps(4);
}

#[test]
fn clicking_a_passage_shows_its_nearest_source_at_that_range() {
    let mut h = traced(Lang::En, support::builder());
    let (pos, span) = passage_under_pointer(&mut h, Lang::En);
    click_at(&mut h, pos);
    let view = &h.state().trace;
    let Some(trace) = view.trace() else { panic!() };
    let s = &trace.spans[span];
    let nearest = trace.sources[s.source.unwrap_or_default()].input;
    assert_eq!(view.selected, Some(span));
    assert_eq!(
        view.shown,
        Some(Shown {
            source: nearest,
            range: s.source_range.clone(),
        })
    );
    // The range is in view in the left column.
    let Some(outline) = view.source_outline else {
        panic!("the source range is not on screen");
    };
    let left = h.state().pane_rects[0];
    assert!(left.intersects(outline), "{outline:?} outside {left:?}");
}

#[test]
fn another_source_holding_a_passage_shows_it_at_its_range() {
    let mut h = traced(Lang::En, support::builder());
    let (span, holder, title) = {
        let Some(traced) = &h.state().trace.traced else {
            panic!()
        };
        let trace = &traced.trace;
        let Some((i, s)) = trace
            .spans
            .iter()
            .enumerate()
            .find(|(_, s)| s.source.is_some() && !s.also.is_empty())
        else {
            panic!("no passage held by two sources");
        };
        let holder = s.also[0].clone();
        let input = trace.sources[holder.source].input;
        let title = traced.basis.sources[input].title.clone();
        (i, (input, holder.range), title)
    };
    h.state_mut()
        .push(Command::Trace(TraceCommand::SelectSpan(span)));
    h.run_steps(4);
    h.get_by_label("Also in:");
    let short: String = title.chars().take(14).collect();
    h.query_all_by_label_contains(&short)
        .find(|n| n.rect().min.x < h.state().pane_rects[0].max.x)
        .expect("the other source is listed above the source column")
        .click();
    h.run_steps(6);
    let view = &h.state().trace;
    assert_eq!(
        view.shown,
        Some(Shown {
            source: holder.0,
            range: Some(holder.1),
        })
    );
    assert!(
        view.source_outline.is_some(),
        "the holder's range is not on screen"
    );
}

#[test]
fn switching_a_source_off_traces_again_without_it() {
    let mut h = traced(Lang::En, support::builder());
    let gansu = input_titled(&h, GANSU);
    h.get_by_label(GANSU).click();
    h.step();
    settle(&mut h);
    let view = &h.state().trace;
    let Some(traced) = &view.traced else { panic!() };
    assert!(traced.off[gansu]);
    let trace = &traced.trace;
    assert!(!trace.sources.is_empty());
    assert!(trace.sources.iter().all(|s| s.input != gansu));
    let named: Vec<usize> = trace
        .spans
        .iter()
        .filter_map(|s| s.source)
        .map(|k| trace.sources[k].input)
        .collect();
    assert!(!named.contains(&gansu));
    // Still listed, switched off, and no share line for it.
    assert!(
        h.query_all_by_label_contains("province · 2018-08-01 · cited")
            .next()
            .is_none()
    );
    h.get_by_label(GANSU).click();
    h.step();
    settle(&mut h);
    let Some(trace) = h.state().trace.trace() else {
        panic!()
    };
    assert_eq!(
        h.state()
            .trace
            .traced
            .as_ref()
            .map(|t| t.basis.sources[trace.sources[0].input].title.as_str()),
        Some(GANSU)
    );
}

#[test]
fn back_leads_to_the_comparison() {
    let mut h = traced(Lang::Zh, support::builder());
    h.get_by_label(Lang::Zh.texts().trace.back).click();
    h.run_steps(4);
    assert!(!h.state().trace.is_open());
    assert!(h.state().model().is_some());
    h.get_by_label_contains("上级文件 · ");
}

#[test]
fn documents_opened_while_tracing_are_shown() {
    let mut h = traced(Lang::En, support::builder());
    h.state_mut()
        .push(Command::OpenExample(Example::GansuWuwei));
    h.step();
    settle(&mut h);
    assert!(!h.state().trace.is_open());
    h.get_by_label_contains("Parent · ");
}

/// A file dropped on the window, as the platform layer would hand it over.
#[derive(Debug)]
struct Dropped(PathBuf);

impl egui::DroppedFile for Dropped {
    fn path(&self) -> &Path {
        &self.0
    }

    fn bytes(&self) -> Result<Vec<u8>, String> {
        std::fs::read(&self.0).map_err(|e| e.to_string())
    }
}

#[test]
fn three_files_dropped_are_traced_against() {
    let mut app = App::new(support::state(Lang::En, ThemeChoice::Light), None);
    assert!(app.wait_until_loaded(LOAD_TIMEOUT));
    let mut h = support::build(support::builder(), app);
    h.run_steps(4);
    let files = [
        "gansu-2018-ai-plan.txt",
        "provincial-policies-2018-scraped.txt",
        "changchun-2021-ai-opinions.txt",
    ];
    for path in files.map(corpus) {
        h.input_mut().dropped_files.push(Arc::new(Dropped(path)));
    }
    h.step();
    settle(&mut h);
    let Some(traced) = &h.state().trace.traced else {
        panic!("dropping three files started no trace")
    };
    assert_eq!(traced.basis.doc.title, "武威市新一代人工智能发展实施方案");
    assert!(traced.basis.sources.iter().any(|d| d.title == GANSU));
}

#[test]
fn trace_mode_snapshot() {
    let mut h = traced(Lang::Zh, support::builder().wgpu());
    let (pos, _) = passage_under_pointer(&mut h, Lang::Zh);
    click_at(&mut h, pos);
    // The status bar says how long the comparison took: fixed, so the image does not depend
    // on the machine's speed.
    if let Some(current) = &mut h.state_mut().current {
        current.elapsed = Duration::from_millis(20);
    }
    h.remove_cursor();
    h.run_steps(4);
    h.snapshot_options(
        "trace_mode",
        &SnapshotOptions::new().threshold(2.0).max_failed_pixels(800),
    );
}

#[test]
fn the_corpus_window_traces_the_selected_document_against_the_corpus() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let corpus = Corpus::build(&[dir], None, &Progress::default()).unwrap();
    let wuwei = corpus
        .docs
        .iter()
        .position(|d| d.label == "wuwei-2018-ai-plan.txt")
        .expect("Wuwei's plan is in the corpus");
    let mut app = App::new(support::state(Lang::En, ThemeChoice::Light), None);
    assert!(app.wait_until_loaded(LOAD_TIMEOUT));
    let mut h = support::build(support::builder(), app);
    h.run_steps(4);
    h.state_mut().show_corpus(corpus);
    settle(&mut h);
    h.state_mut()
        .push(Command::Corpus(CorpusCommand::Select(Some(wuwei))));
    h.run_steps(4);
    h.get_by_label(Lang::En.texts().trace.corpus_button).click();
    h.step();
    settle(&mut h);
    let app = h.state();
    assert!(
        app.corpus.open && app.corpus.aside,
        "the corpus window moves aside for the trace"
    );
    let corpus_t = &Lang::En.texts().corpus;
    assert!(h.query_by_label(Lang::En.texts().corpus_title).is_none());
    let Some(traced) = &app.trace.traced else {
        panic!("no trace")
    };
    assert_eq!(traced.basis.doc.title, "武威市新一代人工智能发展实施方案");
    assert!(
        traced.basis.stock.is_some(),
        "the corpus counts stock wording"
    );
    let first = &traced.basis.sources[traced.trace.sources[0].input];
    assert_eq!(first.title, GANSU);
    h.get_by_label_contains(&format!("Source · {GANSU}"));
    // The toolbar brings the window back as it was, over the trace.
    h.get_by_label(corpus_t.back_to_corpus).click();
    h.run_steps(4);
    let app = h.state();
    assert!(app.corpus.open && !app.corpus.aside && app.trace.is_open());
    assert_eq!(app.corpus.graph.selected, Some(wuwei));
    assert!(h.query_by_label(Lang::En.texts().corpus_title).is_some());
    assert!(h.query_by_label(corpus_t.back_to_corpus).is_none());
}

#[test]
fn a_dashed_shares_wording_link_in_the_graph_opens_the_trace() {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let corpus = Corpus::build(&[dir], None, &Progress::default()).unwrap();
    let mut app = App::new(support::state(Lang::En, ThemeChoice::Light), None);
    assert!(app.wait_until_loaded(LOAD_TIMEOUT));
    let mut h = support::build(
        support::builder().with_size(egui::vec2(1480.0, 1000.0)),
        app,
    );
    h.run_steps(4);
    h.state_mut().show_corpus(corpus);
    settle(&mut h);
    // Gansu's and Sichuan's plans share wording: a link without direction, not an arrow.
    assert!(
        h.query_by_label_contains("derives from provincial-policies-2018-scraped.txt#5")
            .is_none()
    );
    h.get_by_label_contains(
        "gansu-2018-ai-plan.txt shares wording with provincial-policies-2018-scraped.txt#5",
    )
    .click();
    h.step();
    settle(&mut h);
    let Some(traced) = &h.state().trace.traced else {
        panic!("no trace")
    };
    assert_eq!(traced.basis.doc.title, GANSU);
}

#[test]
fn the_comparisons_tools_are_disabled_while_tracing() {
    use egui_kittest::kittest::NodeT as _;
    let mut h = traced(Lang::En, support::builder());
    let t = Lang::En.texts();
    let enabled = |h: &Harness<'static, App>, label: &str| {
        !h.get_by_role_and_label(egui::accesskit::Role::Button, label)
            .accesskit_node()
            .is_disabled()
    };
    for label in [t.next_added, t.prev_added, t.swap, t.find] {
        assert!(!enabled(&h, label), "{label} is enabled while tracing");
    }
    assert!(enabled(&h, t.open_parent));
    h.get_by_label(t.trace.back).click();
    h.run_steps(4);
    for label in [t.next_added, t.swap, t.find] {
        assert!(enabled(&h, label), "{label} stays disabled after tracing");
    }
}

#[test]
fn a_near_copy_among_the_sources_is_named_as_a_duplicate() {
    let mut app = App::new(
        support::state(Lang::Zh, ThemeChoice::Light),
        Some((
            DocumentRef::whole(corpus("gansu-2018-ai-plan.txt")),
            DocumentRef::whole(corpus("wuwei-2018-ai-plan.txt")),
        )),
    );
    assert!(app.wait_until_loaded(LOAD_TIMEOUT));
    // The listing's copy of Gansu's plan beside the plan itself.
    let listing = corpus("provincial-policies-2018-scraped.txt");
    app.dialogs = Box::new(Sources(vec![
        corpus("gansu-2018-ai-plan.txt"),
        PathBuf::from(format!("{}#2", listing.display())),
        corpus("changchun-2021-ai-opinions.txt"),
    ]));
    let mut h = support::build(support::builder(), app);
    h.run_steps(4);
    let t = Lang::Zh.texts();
    h.get_by_label(t.file).click();
    h.run_steps(2);
    h.get_by_label(t.trace.menu).click();
    h.run_steps(2);
    settle(&mut h);
    let Some(traced) = &h.state().trace.traced else {
        panic!("no trace")
    };
    assert_eq!(traced.trace.duplicates, vec![(1, 0)]);
    h.get_by_label_contains("与gansu-2018-ai-plan.txt重复");
    // Not among the sources that explain nothing.
    assert!(
        h.query_all_by_label_contains(t.trace.unused)
            .next()
            .is_none(),
        "the copy is listed as explaining nothing"
    );
}

/// Keeps every worker of the engine's thread pool waiting until dropped, so that a trace
/// started meanwhile is still running when the test acts on it.
struct HeldPool(std::sync::Arc<std::sync::Barrier>);

impl HeldPool {
    fn hold() -> Self {
        let workers = rayon::current_num_threads();
        let release = std::sync::Arc::new(std::sync::Barrier::new(workers + 1));
        let (started, waiting) = std::sync::mpsc::channel();
        for _ in 0..workers {
            let (release, started) = (std::sync::Arc::clone(&release), started.clone());
            rayon::spawn(move || {
                started.send(()).ok();
                release.wait();
            });
        }
        for _ in 0..workers {
            waiting
                .recv_timeout(LOAD_TIMEOUT)
                .expect("a worker of the pool");
        }
        Self(release)
    }
}

impl Drop for HeldPool {
    fn drop(&mut self) {
        self.0.wait();
    }
}

#[test]
fn cancelling_a_running_trace_keeps_the_comparison() {
    let mut app = App::new(
        support::state(Lang::En, ThemeChoice::Light),
        Some((
            DocumentRef::whole(corpus("gansu-2018-ai-plan.txt")),
            DocumentRef::whole(corpus("wuwei-2018-ai-plan.txt")),
        )),
    );
    assert!(app.wait_until_loaded(LOAD_TIMEOUT));
    app.dialogs = Box::new(Sources(sources()));
    let mut h = support::build(support::builder(), app);
    h.run_steps(4);
    let t = Lang::En.texts();
    let held = HeldPool::hold();
    h.get_by_label(t.file).click();
    h.run_steps(2);
    h.get_by_label(t.trace.menu).click();
    h.run_steps(2);
    // The trace is running: named in the status bar with its cancel button.
    h.get_by_label(t.trace.task);
    h.get_by_label("×").click();
    h.run_steps(2);
    assert!(
        h.query_by_label(t.trace.task).is_none(),
        "the trace runs on"
    );
    drop(held);
    // Once the engine could have finished, nothing of the cancelled trace arrives.
    for _ in 0..20 {
        std::thread::sleep(Duration::from_millis(50));
        h.run_steps(1);
    }
    let app = h.state();
    assert!(!app.trace.is_open(), "the cancelled trace was shown");
    assert!(app.trace.traced.is_none());
    assert!(app.banner.is_none(), "{:?}", app.banner);
    assert!(app.model().is_some(), "the comparison is gone");
    h.get_by_label_contains("Parent · ");
}
