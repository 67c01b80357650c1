//! The 对照表 in Word and Excel, read back: the files are unzipped and their XML parsed, and
//! the rows of Wuwei's plan against Gansu's checked.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
const S: &str = "http://schemas.openxmlformats.org/spreadsheetml/2006/main";
const KINDS: [&str; 5] = ["照搬", "本地化", "修改", "新增", "删除"];

fn corpus(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/corpus")
        .join(name)
}

fn run(args: &[&Path]) -> Output {
    let out = Command::new(env!("CARGO_BIN_EXE_policy-lineage"))
        .args(args)
        .output()
        .expect("the binary runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

fn p(s: &str) -> &Path {
    Path::new(s)
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

/// One table row of the Word file: each cell's paragraphs' text, and its runs.
struct WordRow<'a> {
    node: roxmltree::Node<'a, 'a>,
}

impl<'a> WordRow<'a> {
    fn cells(&self) -> Vec<roxmltree::Node<'a, 'a>> {
        self.node
            .children()
            .filter(|n| n.has_tag_name((W, "tc")))
            .collect()
    }

    fn text(&self, cell: usize) -> String {
        self.cells()[cell]
            .descendants()
            .filter(|n| n.has_tag_name((W, "t")))
            .filter_map(|n| n.text())
            .collect()
    }

    /// Whether some run of the cell has the run property `property` (strike, u, shd).
    fn has_run(&self, cell: usize, property: &str) -> bool {
        self.cells()[cell]
            .descendants()
            .filter(|n| n.has_tag_name((W, "rPr")))
            .any(|r| r.children().any(|c| c.has_tag_name((W, property))))
    }
}

fn word_rows<'a>(doc: &'a roxmltree::Document<'a>) -> Vec<WordRow<'a>> {
    let table = doc
        .descendants()
        .find(|n| n.has_tag_name((W, "tbl")))
        .expect("a table");
    table
        .children()
        .filter(|n| n.has_tag_name((W, "tr")))
        .map(|node| WordRow { node })
        .collect()
}

fn pair() -> (tempfile::TempDir, PathBuf, PathBuf) {
    let dir = tempfile::tempdir().unwrap();
    let parent = dir.path().join("gansu.txt");
    let child = dir.path().join("wuwei.txt");
    std::fs::copy(corpus("gansu-2018-ai-plan.txt"), &parent).unwrap();
    std::fs::copy(corpus("wuwei-2018-ai-plan.txt"), &child).unwrap();
    (dir, parent, child)
}

/// The rows of the table sheet below its header, each cell's text (shared strings and rich
/// strings resolved) and whether a cell holds a struck-through or underlined run.
struct SheetRow {
    cells: Vec<String>,
    struck: bool,
    underlined: bool,
}

fn shared_strings(file: &Path) -> Vec<(String, bool, bool)> {
    let xml = entry(file, "xl/sharedStrings.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    doc.root_element()
        .children()
        .filter(|n| n.has_tag_name((S, "si")))
        .map(|si| {
            let text = si
                .descendants()
                .filter(|n| n.has_tag_name((S, "t")))
                .filter_map(|n| n.text())
                .collect();
            let has = |tag: &str| si.descendants().any(|n| n.has_tag_name((S, tag)));
            (text, has("strike"), has("u"))
        })
        .collect()
}

fn sheet_rows(file: &Path, sheet: usize) -> Vec<SheetRow> {
    let strings = shared_strings(file);
    let xml = entry(file, &format!("xl/worksheets/sheet{sheet}.xml"));
    let doc = roxmltree::Document::parse(&xml).unwrap();
    doc.descendants()
        .filter(|n| n.has_tag_name((S, "row")))
        .map(|row| {
            let mut out = SheetRow {
                cells: Vec::new(),
                struck: false,
                underlined: false,
            };
            for c in row.children().filter(|n| n.has_tag_name((S, "c"))) {
                let value = c
                    .children()
                    .find(|n| n.has_tag_name((S, "v")))
                    .and_then(|v| v.text())
                    .unwrap_or("");
                let text = if c.attribute("t") == Some("s") {
                    let (text, strike, u) = &strings[value.parse::<usize>().unwrap()];
                    out.struck |= strike;
                    out.underlined |= u;
                    text.clone()
                } else {
                    value.to_owned()
                };
                out.cells.push(text);
            }
            out
        })
        .collect()
}

#[test]
fn the_word_and_excel_tables_of_wuwei_against_gansu() {
    let (dir, parent, child) = pair();
    let (docx, xlsx) = (dir.path().join("t.docx"), dir.path().join("t.xlsx"));
    run(&[
        p("compare"),
        &parent,
        &child,
        p("--docx"),
        &docx,
        p("--xlsx"),
        &xlsx,
    ]);

    let xml = entry(&docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let page = doc
        .descendants()
        .find(|n| n.has_tag_name((W, "pgSz")))
        .unwrap();
    assert_eq!(page.attribute((W, "orient")), Some("landscape"));
    assert!(page.attribute((W, "w")).unwrap().parse::<u32>().unwrap() > 16_000);
    let title: String = doc
        .descendants()
        .find(|n| n.has_tag_name((W, "p")))
        .unwrap()
        .descendants()
        .filter_map(|n| n.text())
        .collect();
    assert!(
        title.contains("武威市") && title.contains("甘肃省"),
        "{title}"
    );
    assert!(xml.contains("生成日期："));

    let rows = word_rows(&doc);
    assert!(
        rows[0]
            .node
            .descendants()
            .any(|n| n.has_tag_name((W, "tblHeader"))),
        "the header row repeats"
    );
    assert_eq!(rows[0].text(1), "上级文件章节");
    // The note row: the document-wide substitutions, with counts, in one cell.
    let note = rows[1].text(0);
    assert_eq!(rows[1].cells().len(), 1);
    assert!(note.starts_with("全文“省”改为“市”（19处）"), "{note}");
    assert!(note.contains("“甘肃省”改为“武威市”（2处）"), "{note}");
    assert!(note.contains("个章节未列出"), "{note}");

    let body = &rows[2..];
    for (n, row) in body.iter().enumerate() {
        assert_eq!(row.text(0), (n + 1).to_string());
        assert!(KINDS.contains(&row.text(3).as_str()), "{}", row.text(3));
    }
    let of_kind =
        |kind: &str| -> Vec<&WordRow> { body.iter().filter(|r| r.text(3) == kind).collect() };
    assert!(
        of_kind("照搬").is_empty(),
        "unchanged sections are left out"
    );
    assert!(of_kind("本地化").is_empty(), "merely localised ones too");
    let dropped = of_kind("删除");
    assert!(!dropped.is_empty());
    for row in &dropped {
        assert_eq!(row.text(2), "", "a dropped section has no child text");
        assert!(row.has_run(1, "strike"));
    }
    assert!(dropped.iter().any(|r| r.text(1).contains("军民融合")));
    let added = of_kind("新增");
    assert!(!added.is_empty());
    for row in &added {
        assert_eq!(row.text(1), "", "an added section has no parent text");
        assert!(row.has_run(2, "u") && row.has_run(2, "shd"));
    }
    let modified = of_kind("修改");
    assert!(modified.iter().any(|r| r.has_run(1, "strike")));
    assert!(modified.iter().any(|r| r.has_run(2, "u")));
    let fonts = entry(&docx, "word/fontTable.xml");
    assert!(fonts.contains("w:name=\"仿宋\"><w:altName w:val=\"FangSong\""));
    assert!(entry(&docx, "word/styles.xml").contains("w:eastAsia=\"仿宋\""));

    // The workbook: the same rows, the substitutions and the figures as numbers.
    let workbook = entry(&xlsx, "xl/workbook.xml");
    for sheet in ["对照表", "全文替换", "章节数据", "审阅提示", "指标对照"] {
        assert!(workbook.contains(&format!("name=\"{sheet}\"")), "{sheet}");
    }
    let table = sheet_rows(&xlsx, 1);
    let header = table
        .iter()
        .position(|r| r.cells.first().is_some_and(|c| c == "序号"))
        .unwrap();
    assert!(table[header - 1].cells[0].starts_with("全文“省”改为“市”"));
    let sheet_body = &table[header + 1..];
    assert_eq!(sheet_body.len(), body.len());
    for (row, word) in sheet_body.iter().zip(body) {
        assert_eq!(row.cells[3], word.text(3));
        assert_eq!(row.cells[2].replace('\n', ""), word.text(2));
    }
    assert!(sheet_body.iter().any(|r| r.struck) && sheet_body.iter().any(|r| r.underlined));
    let sheet1 = entry(&xlsx, "xl/worksheets/sheet1.xml");
    assert!(sheet1.contains("state=\"frozen\"") && sheet1.contains("customWidth=\"1\""));

    let substitutions = sheet_rows(&xlsx, 2);
    assert_eq!(substitutions[1].cells, ["省", "市", "19"]);
    assert!(
        substitutions
            .iter()
            .any(|r| r.cells == ["甘肃省", "武威市", "2"])
    );
    let figures = sheet_rows(&xlsx, 3);
    assert!(figures.len() > body.len(), "every section, shown or not");
    let inherited: f64 = figures[1].cells[5].parse().expect("a number");
    assert!((0.0..=1.0).contains(&inherited));
    assert!(entry(&xlsx, "xl/worksheets/sheet3.xml").contains("state=\"frozen\""));
}

#[test]
fn all_sections_lists_the_unchanged_ones_too() {
    let (dir, parent, child) = pair();
    let (short, all) = (dir.path().join("short.docx"), dir.path().join("all.docx"));
    run(&[p("compare"), &parent, &child, p("--docx"), &short]);
    run(&[
        p("compare"),
        &parent,
        &child,
        p("--docx"),
        &all,
        p("--all-sections"),
    ]);
    let count = |file: &Path, kind: &str| {
        let xml = entry(file, "word/document.xml");
        let doc = roxmltree::Document::parse(&xml).unwrap();
        word_rows(&doc)
            .iter()
            .skip(1)
            .filter(|r| r.cells().len() == 5 && r.text(3) == kind)
            .count()
    };
    assert!(count(&all, "照搬") + count(&all, "本地化") > 0);
    assert_eq!(count(&all, "修改"), count(&short, "修改"));
    assert_eq!(count(&all, "删除"), count(&short, "删除"));
}

#[test]
fn a_session_verdict_and_note_are_in_the_explanation_column() {
    let (dir, parent, child) = pair();
    let json = run(&[p("compare"), &parent, &child, p("--json")]);
    let json: serde_json::Value = serde_json::from_slice(&json.stdout).unwrap();
    let sections = json["sections"].as_array().unwrap();
    let (index, section) = sections
        .iter()
        .enumerate()
        .find(|(_, s)| s["parents"].as_array().unwrap().is_empty())
        .expect("a section Wuwei wrote itself");
    let heading = section["child"]["heading"].as_str().unwrap();
    let session = dir.path().join("review.ron");
    let doc = |path: &Path| format!("(path: {:?}, index: None, hash: \"\")", path);
    std::fs::write(
        &session,
        format!(
            "(version: 2, parent: {}, child: {}, notes: [(section: (index: {index}, heading: {heading:?}), verdict: Some(Original), text: \"本地自拟，可保留\")])",
            doc(&parent),
            doc(&child)
        ),
    )
    .unwrap();
    let (docx, xlsx) = (dir.path().join("r.docx"), dir.path().join("r.xlsx"));
    run(&[
        p("report"),
        &session,
        p("--docx"),
        &docx,
        p("--xlsx"),
        &xlsx,
    ]);

    let xml = entry(&docx, "word/document.xml");
    let doc = roxmltree::Document::parse(&xml).unwrap();
    let rows = word_rows(&doc);
    let row = rows
        .iter()
        .find(|r| r.cells().len() == 5 && r.text(2).starts_with(heading))
        .expect("the noted section's row");
    assert!(row.text(4).contains("结论：原创"), "{}", row.text(4));
    assert!(row.text(4).contains("本地自拟，可保留"));
    let sheet = sheet_rows(&xlsx, 1);
    assert!(
        sheet
            .iter()
            .any(|r| r.cells.len() == 5 && r.cells[4].contains("结论：原创\n本地自拟，可保留"))
    );
}

#[test]
fn a_table_over_an_input_or_over_the_other_table_is_refused() {
    let (dir, parent, child) = pair();
    let before = std::fs::read(&child).unwrap();
    for flag in ["--docx", "--xlsx"] {
        let out = Command::new(env!("CARGO_BIN_EXE_policy-lineage"))
            .args([p("compare"), &parent, &child, p(flag), &child])
            .output()
            .unwrap();
        assert_eq!(out.status.code(), Some(2));
        assert!(String::from_utf8_lossy(&out.stderr).contains("is also an input"));
    }
    assert_eq!(std::fs::read(&child).unwrap(), before);
    let same = dir.path().join("table");
    let out = Command::new(env!("CARGO_BIN_EXE_policy-lineage"))
        .args([
            p("compare"),
            &parent,
            &child,
            p("--docx"),
            &same,
            p("--xlsx"),
            &same,
        ])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("named by two outputs"));
    assert!(!same.exists());
}
