//! Exporting the 对照表 through the File menu: the file dialog's answer starts a background
//! task, the window says where the file went (or why it could not be written), and the file
//! reads back as a Word table or an Excel workbook.

use crate::support;

use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Duration;

use egui_kittest::Harness;
use egui_kittest::kittest::Queryable as _;
use policy_lineage::DocumentRef;
use policy_lineage::app::dialogs::{Answer, Dialog, FileDialogs};
use policy_lineage::app::i18n::{Lang, Texts};
use policy_lineage::app::{App, BannerKind, ThemeChoice};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";

/// A file dialog that answers every export with one path.
struct SaveAs(PathBuf);

impl FileDialogs for SaveAs {
    fn ask(&mut self, dialog: &Dialog, _: &Texts) -> Answer {
        match dialog {
            Dialog::Export { .. } => Answer::Chosen(self.0.clone()),
            _ => Answer::Cancelled,
        }
    }
}

fn launch(dir: &Path, save_as: PathBuf) -> Harness<'static, App> {
    let corpus = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/corpus");
    let (parent, child) = (dir.join("gansu.txt"), dir.join("wuwei.txt"));
    std::fs::copy(corpus.join("gansu-2018-ai-plan.txt"), &parent).unwrap();
    std::fs::copy(corpus.join("wuwei-2018-ai-plan.txt"), &child).unwrap();
    let mut app = App::new(
        support::state(Lang::En, ThemeChoice::Light),
        Some((DocumentRef::whole(parent), DocumentRef::whole(child))),
    );
    assert!(app.wait_until_loaded(Duration::from_secs(120)));
    app.dialogs = Box::new(SaveAs(save_as));
    let mut h = support::build(support::builder(), app);
    h.run_steps(4);
    h
}

/// Chooses a File menu entry, then lets the export task finish and its result show.
fn export(h: &mut Harness<'static, App>, entry: &str) {
    h.get_by_label("File").click();
    h.run_steps(2);
    h.get_by_label(entry).click();
    h.run_steps(2);
    assert!(h.state_mut().wait_until_loaded(Duration::from_secs(120)));
    h.run_steps(2);
}

fn entry(file: &Path, name: &str) -> String {
    let mut archive = zip::ZipArchive::new(std::fs::File::open(file).unwrap()).unwrap();
    let mut text = String::new();
    archive
        .by_name(name)
        .unwrap_or_else(|_| panic!("{name} in {}", file.display()))
        .read_to_string(&mut text)
        .unwrap();
    text
}

#[test]
fn exporting_the_word_table_writes_it_and_says_where() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("对照表.docx");
    let mut h = launch(dir.path(), out.clone());
    export(&mut h, "Export comparison table (Word)…");

    let banner = h.state().banner.clone().expect("the export is confirmed");
    assert_eq!(banner.kind, BannerKind::Done);
    assert!(
        banner.text(Lang::En).contains(&out.display().to_string()),
        "{banner:?}"
    );
    h.get_by_label_contains("Exported to");

    let xml = entry(&out, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let rows: Vec<String> = doc
        .descendants()
        .filter(|n| n.has_tag_name((W, "tr")))
        .map(|r| {
            r.descendants()
                .filter(|n| n.has_tag_name((W, "t")))
                .filter_map(|n| n.text())
                .collect()
        })
        .collect();
    assert!(rows[0].starts_with("序号"), "{:?}", rows[0]);
    assert!(rows.len() > 5, "{rows:?}");
    assert!(rows.iter().any(|r| r.contains("删除")), "{rows:?}");
}

#[test]
fn exporting_the_excel_table_writes_a_workbook() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("对照表.xlsx");
    let mut h = launch(dir.path(), out.clone());
    export(&mut h, "Export comparison table (Excel)…");

    assert_eq!(
        h.state().banner.as_ref().map(|b| b.kind.clone()),
        Some(BannerKind::Done)
    );
    let workbook = entry(&out, "xl/workbook.xml");
    assert!(
        workbook.contains("全文替换") && workbook.contains("章节数据"),
        "{workbook}"
    );
    assert!(entry(&out, "xl/sharedStrings.xml").contains("序号"));
}

#[test]
fn an_export_that_cannot_be_written_says_why_once() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("missing-folder").join("对照表.docx");
    let mut h = launch(dir.path(), out.clone());
    export(&mut h, "Export comparison table (Word)…");

    let banner = h.state().banner.clone().expect("the failure is shown");
    assert_eq!(banner.kind, BannerKind::Error);
    assert!(
        banner.text(Lang::En).contains("missing-folder"),
        "{banner:?}"
    );
    assert!(!out.exists());
    // Shown once, and still there a few frames on.
    h.run_steps(4);
    assert_eq!(h.query_all_by_label_contains("missing-folder").count(), 1);
}

/// A file dialog that keeps what it was asked and chooses nothing.
struct Asked(std::sync::Arc<std::sync::Mutex<Vec<Dialog>>>);

impl FileDialogs for Asked {
    fn ask(&mut self, dialog: &Dialog, _: &Texts) -> Answer {
        self.0.lock().unwrap().push(dialog.clone());
        Answer::Cancelled
    }
}

#[test]
fn dialogs_say_what_they_open_and_saving_starts_in_the_documents_folder_named_after_their_places() {
    let dir = tempfile::tempdir().unwrap();
    let mut h = launch(dir.path(), dir.path().join("unused"));
    let asked = std::sync::Arc::default();
    h.state_mut().dialogs = Box::new(Asked(std::sync::Arc::clone(&asked)));
    // The menu's entry, not the toolbar's button of the same name: the one below the menu.
    let choose = |h: &mut Harness<'static, App>, menu: &str, entry: &str| {
        let x = h.get_by_label(menu).rect().center().x;
        h.get_by_label(menu).click();
        h.run_steps(2);
        h.query_all_by_label(entry)
            .min_by(|a, b| {
                (a.rect().left() - x)
                    .abs()
                    .total_cmp(&(b.rect().left() - x).abs())
            })
            .unwrap_or_else(|| panic!("no {entry} in {menu}"))
            .click();
        h.run_steps(2);
    };
    choose(&mut h, "File", Lang::En.texts().open_parent);
    choose(&mut h, "File", Lang::En.texts().open_child);
    choose(&mut h, "File", Lang::En.texts().save_session);
    choose(&mut h, "File", Lang::En.texts().export_html);
    h.state_mut()
        .push(policy_lineage::app::Command::SetLanguage(Lang::Zh));
    h.run_steps(2);
    let zh = Lang::Zh.texts();
    choose(&mut h, zh.file, zh.export_html);
    let asked = asked.lock().unwrap();
    // Each dialog says what it opens or saves.
    let titles: Vec<&str> = asked
        .iter()
        .zip([Lang::En, Lang::En, Lang::En, Lang::En, Lang::Zh])
        .map(|(dialog, lang)| dialog.title(lang.texts()))
        .collect();
    assert_eq!(
        titles,
        [
            "Open parent",
            "Open child",
            "Save the review session",
            "Export HTML report",
            "导出 HTML 报告"
        ]
    );
    let folder = Some(dir.path().to_path_buf());
    let names: Vec<&str> = asked[2..]
        .iter()
        .map(|dialog| match dialog {
            Dialog::SaveSession { folder: f, name }
            | Dialog::Export {
                folder: f, name, ..
            } => {
                assert_eq!(f, &folder, "{dialog:?}");
                name.as_str()
            }
            other => panic!("asked {other:?}"),
        })
        .collect();
    assert_eq!(
        names,
        [
            "武威-甘肃-comparison.ron",
            "武威-甘肃-comparison.html",
            "武威-甘肃-对照.html"
        ]
    );
}
