//! Saved web pages, Word documents and PDFs: real-looking files made from the Wuwei plan
//! (`tests/data/formats/`, converted once with LibreOffice; qpdf and msoffcrypto-tool made the
//! encrypted copies) open like the text file and compare with Gansu alike.

use std::path::PathBuf;

use policy_lineage::compare::compare;
use policy_lineage::{Document, LoadError};

fn data(name: &str) -> String {
    format!("{}/tests/data/formats/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn corpus(name: &str) -> String {
    format!("{}/tests/corpus/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn reused(parent: &Document, child: &Document) -> f64 {
    let s = compare(parent, child).summary;
    s.inherited + s.adapted
}

#[test]
fn every_format_compares_like_the_text_file() {
    let gansu = Document::open(&corpus("gansu-2018-ai-plan.txt")).unwrap();
    let txt = Document::open(&corpus("wuwei-2018-ai-plan.txt")).unwrap();
    let base = compare(&gansu, &txt).summary;
    for name in [
        "wuwei-2018-ai-plan.html",
        "wuwei-2018-ai-plan.docx",
        "wuwei-2018-ai-plan.pdf",
    ] {
        let doc = Document::open(&data(name)).unwrap_or_else(|e| panic!("{name}: {e}"));
        let text = doc.slice(doc.range.clone());
        assert!(text.contains("武威市新一代人工智能发展实施方案"), "{name}");
        for chrome in ["政务公开", "网站标识码", "统计代码", "打印本页", "var "] {
            assert!(!text.contains(chrome), "{name} kept page chrome {chrome:?}");
        }
        let content = doc.content_chars() as f64;
        let ratio = content / txt.content_chars() as f64;
        assert!((0.97..1.03).contains(&ratio), "{name}: {ratio}");
        let s = compare(&gansu, &doc).summary;
        assert!(
            (s.inherited - base.inherited).abs() < 0.03,
            "{name}: inherited {} vs {} for the text file",
            s.inherited,
            base.inherited
        );
        assert!((reused(&gansu, &doc) - (base.inherited + base.adapted)).abs() < 0.03);
        assert_eq!(
            doc.outline.date.is_some(),
            txt.outline.date.is_some(),
            "{name}"
        );
    }
}

#[test]
fn html_title_and_sections_survive() {
    let html = Document::open(&data("wuwei-2018-ai-plan.html")).unwrap();
    let txt = Document::open(&corpus("wuwei-2018-ai-plan.txt")).unwrap();
    assert_eq!(html.title, txt.title);
    assert_eq!(html.outline.sections.len(), txt.outline.sections.len());
}

fn open_err(path: &str) -> LoadError {
    match Document::open(path) {
        Ok(_) => panic!("{path} opened"),
        Err(e) => e,
    }
}

#[test]
fn unreadable_files_say_why_and_name_the_file() {
    let e = open_err(&data("scanned.pdf"));
    assert!(matches!(e, LoadError::ScannedPdf { .. }), "{e}");
    assert!(e.to_string().contains("scanned.pdf") && e.to_string().contains("no text layer"));

    for name in ["encrypted.pdf", "encrypted.docx"] {
        let e = open_err(&data(name));
        assert!(matches!(e, LoadError::Encrypted { .. }), "{name}: {e}");
        assert!(e.to_string().contains(name) && e.to_string().contains("password"));
    }

    let dir = tempfile::tempdir().unwrap();
    let bytes = std::fs::read(data("wuwei-2018-ai-plan.docx")).unwrap();
    let truncated: PathBuf = dir.path().join("truncated.docx");
    std::fs::write(&truncated, &bytes[..bytes.len() / 2]).unwrap();
    let e = open_err(truncated.to_str().unwrap());
    assert!(matches!(e, LoadError::CorruptArchive { .. }), "{e}");
    assert!(e.to_string().contains("truncated.docx"));

    let pdf = std::fs::read(data("wuwei-2018-ai-plan.pdf")).unwrap();
    let cut = dir.path().join("cut.pdf");
    std::fs::write(&cut, &pdf[..pdf.len() / 3]).unwrap();
    // A PDF cut short is damaged, not a scan (more in `pdf_damage.rs`).
    let e = open_err(cut.to_str().unwrap());
    assert!(matches!(e, LoadError::CorruptFile { .. }), "{e}");
}

#[test]
fn command_line_compares_a_docx_child() {
    let out = std::process::Command::new(env!("CARGO_BIN_EXE_policy-lineage"))
        .args([
            "compare",
            &corpus("gansu-2018-ai-plan.txt"),
            &data("wuwei-2018-ai-plan.docx"),
            "--json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let bad = std::process::Command::new(env!("CARGO_BIN_EXE_policy-lineage"))
        .args([
            "compare",
            &corpus("gansu-2018-ai-plan.txt"),
            &data("scanned.pdf"),
        ])
        .output()
        .unwrap();
    assert_eq!(bad.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("no text layer"));
}

#[test]
fn damaged_files_never_panic() {
    for name in [
        "wuwei-2018-ai-plan.html",
        "wuwei-2018-ai-plan.docx",
        "wuwei-2018-ai-plan.pdf",
        "encrypted.docx",
    ] {
        let original = std::fs::read(data(name)).unwrap();
        let path = PathBuf::from(name);
        let mut seed = 0x2545f4914f6cdd1du64;
        for round in 0..40 {
            let mut bytes = original.clone();
            for _ in 0..(1 + round % 8) {
                seed ^= seed << 13;
                seed ^= seed >> 7;
                seed ^= seed << 17;
                let at = (seed % bytes.len() as u64) as usize;
                bytes[at] = (seed >> 32) as u8;
            }
            if round % 5 == 0 {
                bytes.truncate(bytes.len() * (round + 1) / 41);
            }
            // Either text or a reason; never a panic.
            let _ = policy_lineage::document::formats::read_bytes(&path, &bytes);
        }
    }
}
