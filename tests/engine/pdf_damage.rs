//! A PDF cut short or overwritten is called damaged, never a scan: a real PDF (LibreOffice's
//! export of Wuwei's plan, three pages) cut anywhere, its page contents overwritten, its
//! cross-reference table lost. A well-formed PDF without text is still a scan.

use std::path::Path;

use policy_lineage::LoadError;
use policy_lineage::document::formats::read_bytes;

fn real() -> Vec<u8> {
    std::fs::read(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/formats/wuwei-2018-ai-plan.pdf"),
    )
    .unwrap()
}

fn damaged(bytes: &[u8]) -> String {
    match read_bytes(Path::new("cut.pdf"), bytes) {
        Err(e @ LoadError::CorruptFile { .. }) => {
            let message = e.to_string();
            assert!(
                message.starts_with("cut.pdf: ") && message.contains("damaged"),
                "{message}"
            );
            assert!(
                !message.contains("scan") && !message.contains("OCR"),
                "{message}"
            );
            message
        }
        Err(e) => panic!("expected a damaged file, got: {e}"),
        Ok(source) => panic!(
            "expected a damaged file, got {} characters",
            source.chars.len()
        ),
    }
}

fn find(bytes: &[u8], from: usize, needle: &[u8]) -> Option<usize> {
    bytes[from..]
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|at| from + at)
}

/// Overwrites the first bytes of the content stream of each page in `pages` (1-based).
fn overwrite_contents(pdf: &mut [u8], pages: &[usize]) {
    let mut contents = Vec::new();
    let mut at = 0;
    while let Some(found) = find(pdf, at, b"/Contents ") {
        let id: String = pdf[found + 10..]
            .iter()
            .take_while(|b| b.is_ascii_digit())
            .map(|&b| b as char)
            .collect();
        contents.push(id);
        at = found + 1;
    }
    assert_eq!(contents.len(), 3, "three pages");
    for &page in pages {
        let object = find(pdf, 0, format!("\n{} 0 obj", contents[page - 1]).as_bytes()).unwrap();
        let data = find(pdf, object, b"stream\n").unwrap() + 7;
        pdf[data..data + 32].fill(b'#');
    }
}

#[test]
fn a_pdf_cut_anywhere_before_its_pages_is_damaged() {
    let pdf = real();
    for k in 1..20 {
        let message = damaged(&pdf[..pdf.len() * k / 20]);
        assert!(message.contains("cut short"), "{message}");
    }
}

#[test]
fn a_pdf_whose_page_contents_are_overwritten_is_damaged() {
    let mut pdf = real();
    overwrite_contents(&mut pdf, &[1, 2, 3]);
    let message = damaged(&pdf);
    assert!(
        message.contains("3 of 3 page(s) cannot be read"),
        "{message}"
    );
}

#[test]
fn a_pdf_with_one_page_lost_gives_the_rest_and_says_so() {
    let mut pdf = real();
    overwrite_contents(&mut pdf, &[2]);
    let source = read_bytes(Path::new("cut.pdf"), &pdf).unwrap();
    let whole = read_bytes(Path::new("whole.pdf"), &real()).unwrap();
    assert!(whole.meta.warnings.is_empty(), "{:?}", whole.meta.warnings);
    assert!(source.text.contains("武威市"));
    assert!(source.chars.len() < whole.chars.len() * 3 / 4);
    assert_eq!(source.meta.warnings.len(), 1, "{:?}", source.meta.warnings);
    assert!(
        source.meta.warnings[0].contains("damaged")
            && source.meta.warnings[0].contains("1 of 3 page(s) cannot be read"),
        "{:?}",
        source.meta.warnings
    );
}

#[test]
fn a_pdf_without_its_cross_reference_table_is_read_and_called_damaged() {
    let pdf = real();
    let xref = pdf.windows(5).rposition(|w| w == b"xref\n").unwrap();
    let source = read_bytes(Path::new("cut.pdf"), &pdf[..xref]).unwrap();
    let whole = read_bytes(Path::new("whole.pdf"), &pdf).unwrap();
    assert_eq!(source.text, whole.text);
    assert!(
        source
            .meta
            .warnings
            .iter()
            .any(|w| w.contains("damaged") && w.contains("cross-reference")),
        "{:?}",
        source.meta.warnings
    );
}

#[test]
fn a_well_formed_pdf_without_text_is_still_a_scan() {
    let scan =
        std::fs::read(Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/formats/scanned.pdf"))
            .unwrap();
    let e = read_bytes(Path::new("scanned.pdf"), &scan).unwrap_err();
    assert!(matches!(e, LoadError::ScannedPdf { pages: 1, .. }), "{e}");
}
