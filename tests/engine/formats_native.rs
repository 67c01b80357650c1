//! Government files as they come: the Wuwei plan as Word 97-2003 `.doc` (saved by
//! LibreOffice), the same bytes named `.wps`, an OFD package, a `.docx` whose headings are
//! numbered by Word, a PDF with running headers, page numbers and a two-column page, and a
//! PDF whose text uses radical characters. Each reads back to the text of the plan and maps
//! onto Gansu's sections exactly as the hand-checked gold file says.

use std::io::Write;
use std::path::{Path, PathBuf};

use policy_lineage::compare::compare;
use policy_lineage::{Document, LoadError};
use unicode_normalization::UnicodeNormalization;

use super::formats_writers::{PdfFont, PdfLayout, ofd, pdf};

fn manifest(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join(rel)
}

fn open(path: &Path) -> Document {
    Document::open(path.to_str().unwrap()).unwrap_or_else(|e| panic!("{e}"))
}

pub fn wuwei_text() -> String {
    std::fs::read_to_string(manifest("tests/corpus/wuwei-2018-ai-plan.txt")).unwrap()
}

/// NFKC, white space removed: what must survive any file format.
fn key(text: &str) -> String {
    text.nfkc().filter(|c| !c.is_whitespace()).collect()
}

fn strings(value: &serde_json::Value) -> Vec<String> {
    value
        .as_array()
        .unwrap()
        .iter()
        .map(|v| key(v.as_str().unwrap()))
        .collect()
}

/// The child's sections map onto Gansu's as `tests/gold/wuwei-gansu-sections.json` says, and
/// the dropped sections are the gold ones.
pub fn assert_gold_mapping(child: &Document) {
    let gansu = open(&manifest("tests/corpus/gansu-2018-ai-plan.txt"));
    let gold: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(manifest("tests/gold/wuwei-gansu-sections.json")).unwrap(),
    )
    .unwrap();
    let comparison = compare(&gansu, child);
    let heading =
        |doc: &Document, i: usize| key(&doc.slice(doc.outline.sections[i].heading.clone()));
    let found: Vec<(String, Vec<String>)> = comparison
        .sections
        .iter()
        .map(|m| {
            (
                heading(child, m.section),
                m.parents
                    .iter()
                    .map(|l| heading(&gansu, l.section))
                    .collect(),
            )
        })
        .collect();
    let want = gold["sections"].as_array().unwrap();
    assert_eq!(
        found.len(),
        want.len(),
        "{}: sections {found:?}",
        child.label()
    );
    for ((child_heading, parents), want) in found.iter().zip(want) {
        let want_child = key(want["child"].as_str().unwrap());
        assert!(
            child_heading.starts_with(&want_child),
            "{}: {child_heading} vs {want_child}",
            child.label()
        );
        let want_parents = strings(&want["parents"]);
        assert_eq!(
            parents.len(),
            want_parents.len(),
            "{}: {child_heading}: {parents:?} vs {want_parents:?}",
            child.label()
        );
        for p in &want_parents {
            assert!(
                parents.iter().any(|f| f.starts_with(p)),
                "{}: {child_heading}: {parents:?} vs {want_parents:?}",
                child.label()
            );
        }
    }
    let dropped: Vec<String> = comparison
        .dropped
        .iter()
        .map(|&i| heading(&gansu, i))
        .collect();
    let want_dropped = strings(&gold["dropped"]);
    assert_eq!(
        dropped.len(),
        want_dropped.len(),
        "{}: dropped {dropped:?}",
        child.label()
    );
    for (d, w) in dropped.iter().zip(&want_dropped) {
        assert!(
            d.starts_with(w),
            "{}: dropped {dropped:?} vs {want_dropped:?}",
            child.label()
        );
    }
}

/// The file's paragraphs are the plan's: lines wrapped on the page (within a page and across
/// pages) are joined again, and no paragraph runs into the next.
fn assert_same_paragraphs(doc: &Document) {
    let lines =
        |text: &str| -> Vec<String> { text.lines().map(key).filter(|l| !l.is_empty()).collect() };
    let got = lines(&doc.slice(0..doc.chars().len()));
    let want = lines(&wuwei_text());
    if let Some(at) = (0..got.len().max(want.len())).find(|&i| got.get(i) != want.get(i)) {
        panic!(
            "{}: paragraph {at} differs:\n got  {:?}\n want {:?}",
            doc.label(),
            got.get(at),
            want.get(at)
        );
    }
}

/// The file's text is the plan's text, character for character (white space aside).
fn assert_same_text(doc: &Document) {
    let got = key(&doc.slice(0..doc.chars().len()));
    let want = key(&wuwei_text());
    if got != want {
        let at = got
            .chars()
            .zip(want.chars())
            .take_while(|(a, b)| a == b)
            .count();
        let show = |s: &str| {
            s.chars()
                .skip(at.saturating_sub(20))
                .take(60)
                .collect::<String>()
        };
        panic!(
            "{}: text differs at {at}:\n got  {}\n want {}",
            doc.label(),
            show(&got),
            show(&want)
        );
    }
}

#[test]
fn word_97_doc_and_its_wps_twin_read_like_the_text() {
    for name in ["wuwei-2018-ai-plan.doc", "wuwei-2018-ai-plan.wps"] {
        let doc = open(&manifest(&format!("tests/data/formats/{name}")));
        assert_eq!(doc.source.encoding, "Word 97-2003", "{name}");
        assert_same_text(&doc);
        assert_gold_mapping(&doc);
    }
}

#[test]
fn ofd_pages_read_in_order_with_their_metadata() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wuwei.ofd");
    std::fs::write(
        &path,
        ofd(
            &wuwei_text(),
            "武威市新一代人工智能发展实施方案",
            "2018-12-20",
        ),
    )
    .unwrap();
    let doc = open(&path);
    assert_eq!(doc.source.encoding, "OFD");
    assert_eq!(
        doc.source.meta.title.as_deref(),
        Some("武威市新一代人工智能发展实施方案")
    );
    assert_eq!(doc.source.meta.date.as_deref(), Some("2018-12-20"));
    assert_same_text(&doc);
    assert_same_paragraphs(&doc);
    assert_gold_mapping(&doc);
}

fn unchanged(c: char) -> char {
    c
}

#[test]
fn pdf_furniture_goes_and_two_columns_read_in_order() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("wuwei.pdf");
    let layout = PdfLayout {
        map: unchanged,
        two_column_page: Some(1),
        header: Some("武威市人民政府办公室文件".into()),
        font: PdfFont::Unicode,
    };
    std::fs::write(&path, pdf(&wuwei_text(), &layout)).unwrap();
    let doc = open(&path);
    let text = doc.slice(0..doc.chars().len());
    assert!(
        !text.contains('—') && !text.contains("人民政府办公室文件"),
        "{text}"
    );
    assert!(doc.source.meta.warnings.is_empty());
    assert_same_text(&doc);
    assert_gold_mapping(&doc);
}

/// Radical forms a PDF extractor emits for ordinary characters of the plan.
fn radical(c: char) -> char {
    match c {
        '一' => '\u{2F00}',
        '人' => '\u{2F08}',
        '大' => '\u{2F24}',
        '工' => '\u{2F2F}',
        '用' => '\u{2F64}',
        '长' => '\u{2ED3}',
        '门' => '\u{2ED4}',
        '民' => '\u{2EA0}',
        _ => c,
    }
}

#[test]
fn pdf_radicals_fold_to_ordinary_characters() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("radicals.pdf");
    let layout = PdfLayout {
        map: radical,
        two_column_page: None,
        header: None,
        font: PdfFont::Unicode,
    };
    let bytes = pdf(&wuwei_text(), &layout);
    std::fs::write(&path, &bytes).unwrap();
    let doc = open(&path);
    assert_same_text(&doc);
    assert_gold_mapping(&doc);
}

#[test]
fn adobe_gb1_fonts_are_read_and_unmapped_ones_reported() {
    let dir = tempfile::tempdir().unwrap();
    let text = wuwei_text();
    let layout = |font| PdfLayout {
        map: unchanged,
        two_column_page: None,
        header: None,
        font,
    };
    let gbk = dir.path().join("gbk.pdf");
    std::fs::write(&gbk, pdf(&text, &layout(PdfFont::GbkEucH))).unwrap();
    let doc = open(&gbk);
    assert_same_text(&doc);
    let cids = dir.path().join("cids.pdf");
    std::fs::write(&cids, pdf(&text, &layout(PdfFont::IdentityGb1))).unwrap();
    let doc = open(&cids);
    assert_same_text(&doc);
    assert!(
        doc.source.meta.warnings.is_empty(),
        "{:?}",
        doc.source.meta.warnings
    );

    let unmapped = dir.path().join("unmapped.pdf");
    std::fs::write(&unmapped, pdf(&text, &layout(PdfFont::IdentityWithoutMap))).unwrap();
    let e = Document::open(unmapped.to_str().unwrap()).unwrap_err();
    assert!(matches!(e, LoadError::UnreadableText { .. }), "{e}");
    assert!(
        e.to_string().contains("unmapped.pdf") && e.to_string().contains("100%"),
        "{e}"
    );

    // Every other page unmapped: the text that can be read opens, with the share unreadable.
    let mixed = dir.path().join("mixed.pdf");
    std::fs::write(&mixed, pdf(&text, &layout(PdfFont::UnmappedEvenPages))).unwrap();
    let doc = open(&mixed);
    let warning = doc.source.meta.warnings.join(" ");
    assert!(
        warning.contains("could not be read") && warning.contains('%'),
        "{warning}"
    );
}

/// The plan as a `.docx` whose heading labels (一、 （一） 1.) are Word's automatic numbering,
/// not text: one list, its third level restarting only under a new 一、 (as the plan counts
/// its tasks on across （一） and （二）).
fn numbered_docx(text: &str) -> Vec<u8> {
    const W: &str = "http://schemas.openxmlformats.org/wordprocessingml/2006/main";
    let escape = |s: &str| s.replace('&', "&amp;").replace('<', "&lt;");
    let mut body = String::new();
    for line in text.lines().filter(|l| !l.trim().is_empty()) {
        let chars: Vec<char> = line.chars().collect();
        let numeral = |c: char| "一二三四五六七八九十".contains(c);
        let n = chars.iter().take_while(|&&c| numeral(c)).count();
        let paren = if chars.first().is_some_and(|&c| c == '(' || c == '（') {
            let k = chars[1..].iter().take_while(|&&c| numeral(c)).count();
            (k > 0 && matches!(chars.get(1 + k), Some(')' | '）'))).then_some(k + 2)
        } else {
            None
        };
        let d = chars.iter().take_while(|c| c.is_ascii_digit()).count();
        let (level, skip) = if n > 0 && chars.get(n) == Some(&'、') {
            (Some(0), n + 1)
        } else if let Some(len) = paren {
            (Some(1), len)
        } else if d > 0
            && chars.get(d) == Some(&'.')
            && !chars.get(d + 1).is_some_and(char::is_ascii_digit)
        {
            (Some(2), d + 1)
        } else {
            (None, 0)
        };
        let rest: String = chars[skip..].iter().collect();
        let numbering = level.map_or(String::new(), |l| {
            format!(
                r#"<w:pPr><w:numPr><w:ilvl w:val="{l}"/><w:numId w:val="1"/></w:numPr></w:pPr>"#
            )
        });
        body.push_str(&format!(
            r#"<w:p>{numbering}<w:r><w:t xml:space="preserve">{}</w:t></w:r></w:p>"#,
            escape(&rest)
        ));
    }
    let numbering = format!(
        r#"<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0">
<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="%1、"/><w:suff w:val="nothing"/></w:lvl>
<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="chineseCounting"/><w:lvlText w:val="（%2）"/><w:suff w:val="nothing"/></w:lvl>
<w:lvl w:ilvl="2"><w:start w:val="1"/><w:lvlRestart w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%3."/><w:suff w:val="nothing"/></w:lvl>
</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>"#
    );
    let document = format!(
        r#"<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>"#
    );
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, xml) in [
        ("word/document.xml", document),
        ("word/numbering.xml", numbering),
    ] {
        zip.start_file(name, options).unwrap();
        zip.write_all(xml.as_bytes()).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

#[test]
fn docx_automatic_numbering_gives_headings_their_labels() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("numbered.docx");
    std::fs::write(&path, numbered_docx(&wuwei_text())).unwrap();
    let doc = open(&path);
    let text = doc.slice(0..doc.chars().len());
    assert!(
        text.contains("\n一、总体要求\n（一）指导思想。\n"),
        "{}",
        &text[..600]
    );
    assert_same_text(&doc);
    assert_gold_mapping(&doc);
    let labels: Vec<&str> = doc
        .outline
        .sections
        .iter()
        .map(|s| s.label.as_str())
        .filter(|l| !l.is_empty())
        .collect();
    for label in ["一、", "二、", "（一）", "（二）", "1.", "4."] {
        assert!(labels.contains(&label), "{label} not among {labels:?}");
    }
}

#[test]
fn files_no_reader_can_read_say_so_and_name_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let write = |name: &str, bytes: &[u8]| {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        p
    };
    let doc = std::fs::read(manifest("tests/data/formats/wuwei-2018-ai-plan.doc")).unwrap();
    let cases = [
        (write("works.wps", &works_file()), "Microsoft Works"),
        (
            write("cut.doc", &doc[..doc.len() / 3]),
            "the file is damaged (truncated",
        ),
        (
            write("old.wps", b"\x01\xfe\x00\x00 Works 2.0 document"),
            "not a Word 97-2003 file",
        ),
        (
            write("page.ofd", b"PK\x03\x04 not really"),
            "corrupt or truncated archive",
        ),
    ];
    for (path, says) in cases {
        let e = Document::open(path.to_str().unwrap()).unwrap_err();
        let name = path.file_name().unwrap().to_str().unwrap();
        assert!(
            e.to_string().contains(says) && e.to_string().contains(name),
            "{e}"
        );
    }
}

/// An OLE compound file as Microsoft Works writes one: a `CONTENTS` stream, no Word document.
fn works_file() -> Vec<u8> {
    let mut file = cfb::CompoundFile::create(std::io::Cursor::new(Vec::new())).unwrap();
    file.create_stream("CONTENTS")
        .unwrap()
        .write_all(b"CHNKWKS 0000")
        .unwrap();
    file.flush().unwrap();
    file.into_inner().into_inner()
}
