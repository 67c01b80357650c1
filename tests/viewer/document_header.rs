//! The pane header: each document's facts (its 发文字号, issuer, date) under its title, and what
//! the reader noticed about the file, there and in the banner.

use crate::formats_writers::{PdfFont, PdfLayout, pdf};
use crate::support;

use std::path::{Path, PathBuf};
use std::time::Duration;

use egui::vec2;
use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use policy_lineage::DocumentRef;
use policy_lineage::app::i18n::Lang;
use policy_lineage::app::task::DocSource;
use policy_lineage::app::{App, BannerKind, Command, ThemeChoice};

const LOAD_TIMEOUT: Duration = Duration::from_secs(120);

const WUWEI_FACTS: &str = "武政办发〔2018〕250号 · 武威市人民政府办公室 · 2018年12月20日";
const GANSU_FACTS: &str = "甘肃省人民政府办公厅 · 2018年8月1日";

fn repo(path: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(path)
}

fn harness_sized(lang: Lang, size: egui::Vec2) -> Harness<'static, App> {
    let mut app = App::new(support::state(lang, ThemeChoice::Light), None);
    assert!(
        app.wait_until_loaded(LOAD_TIMEOUT),
        "the example did not load"
    );
    let mut harness = support::build(support::builder().with_size(size), app);
    harness.run_steps(12);
    harness
}

/// Opens `parent` beside `child` and waits for the comparison.
fn open_pair(harness: &mut Harness<'static, App>, parent: PathBuf, child: PathBuf) {
    harness.state_mut().push(Command::OpenPair(
        DocSource::File(DocumentRef::whole(parent)),
        DocSource::File(DocumentRef::whole(child)),
    ));
    harness.step();
    assert!(harness.state_mut().wait_until_loaded(LOAD_TIMEOUT));
    harness.run_steps(12);
}

/// The full text of the header line that starts with the file name `file`.
fn facts_line(harness: &Harness<'static, App>, file: &str) -> String {
    let lines: Vec<String> = harness
        .query_all_by_label_contains(file)
        .filter_map(|n| n.value())
        .filter(|l| l.starts_with(file))
        .collect();
    assert_eq!(lines.len(), 1, "{lines:?}");
    lines[0].clone()
}

#[test]
fn the_header_shows_each_documents_number_issuer_and_date() {
    let harness = harness_sized(Lang::Zh, vec2(1480.0, 920.0));
    // Wuwei's number is read from its frame, the issuer and date from its signature.
    assert_eq!(
        facts_line(&harness, "wuwei-2018-ai-plan.txt"),
        format!("wuwei-2018-ai-plan.txt · {WUWEI_FACTS}")
    );
    // Gansu's copy carries no number of its own (甘政办发〔2018〕151号 is cited by Wuwei).
    assert_eq!(
        facts_line(&harness, "gansu-2018-ai-plan.txt"),
        format!("gansu-2018-ai-plan.txt · {GANSU_FACTS}")
    );
    assert!(harness.state().banner.is_none());
}

#[test]
fn the_same_facts_come_from_the_word_and_pdf_files() {
    let mut harness = harness_sized(Lang::Zh, vec2(1480.0, 920.0));
    for child in [
        "wuwei-2018-ai-plan.docx",
        "wuwei-2018-ai-plan.doc",
        "wuwei-2018-ai-plan.pdf",
    ] {
        open_pair(
            &mut harness,
            repo("tests/corpus/gansu-2018-ai-plan.txt"),
            repo(&format!("tests/data/formats/{child}")),
        );
        assert_eq!(
            facts_line(&harness, child),
            format!("{child} · {WUWEI_FACTS}")
        );
    }
}

#[test]
fn a_reader_warning_shows_in_the_header_and_in_the_banner() {
    let text = std::fs::read_to_string(repo("tests/corpus/wuwei-2018-ai-plan.txt")).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let mixed = dir.path().join("mixed.pdf");
    let layout = PdfLayout {
        map: |c| c,
        two_column_page: None,
        header: None,
        font: PdfFont::UnmappedEvenPages,
    };
    std::fs::write(&mixed, pdf(&text, &layout)).unwrap();
    // A small window: the warning comes before the facts, which are cut short.
    let mut harness = harness_sized(Lang::En, vec2(1024.0, 700.0));
    open_pair(
        &mut harness,
        repo("tests/corpus/gansu-2018-ai-plan.txt"),
        mixed,
    );
    let line = facts_line(&harness, "mixed.pdf");
    assert!(line.starts_with("mixed.pdf · Reader warning 1"), "{line}");
    let Some(banner) = &harness.state().banner else {
        panic!("no banner for the reader's warning");
    };
    assert_eq!(banner.kind, BannerKind::Info);
    assert!(
        banner
            .text(Lang::En)
            .starts_with("Reader warning: mixed.pdf: ")
            && banner.text(Lang::En).contains("could not be read"),
        "{}",
        banner.text(Lang::En)
    );
    // The header line stays inside its pane, beside the other document's.
    let rect = |file: &str| {
        harness
            .query_all_by_label_contains(file)
            .find(|n| n.value().is_some_and(|v| v.starts_with(file)))
            .map(|n| n.rect())
            .unwrap()
    };
    let (parent, child) = (rect("gansu-2018-ai-plan.txt"), rect("mixed.pdf"));
    assert!(parent.max.x <= child.min.x, "{parent:?} {child:?}");
    assert!(child.max.x <= 1024.0, "{child:?}");
    // Opening a pair without warnings clears the banner.
    open_pair(
        &mut harness,
        repo("tests/corpus/gansu-2018-ai-plan.txt"),
        repo("tests/corpus/wuwei-2018-ai-plan.txt"),
    );
    assert!(harness.state().banner.is_none());
}
