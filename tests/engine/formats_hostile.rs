//! Hostile and damaged files: archives and PDFs that decompress past the limits are refused
//! with a message (not cut, not allowed to exhaust memory), malformed web pages cost linear
//! work, and every reader turns cut or flipped bytes into a clear error, never a panic.

use std::io::Write;
use std::path::Path;

use policy_lineage::LoadError;
use policy_lineage::document::formats::{html, read_bytes};
use proptest::prelude::*;

use super::formats_native::wuwei_text;
use super::formats_writers::{PdfFont, PdfLayout, ofd, pdf};

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    for (name, body) in entries {
        zip.start_file(*name, options).unwrap();
        zip.write_all(body).unwrap();
    }
    zip.finish().unwrap().into_inner()
}

fn too_large(path: &str, bytes: &[u8]) -> String {
    match read_bytes(Path::new(path), bytes) {
        Err(e @ LoadError::ContentTooLarge { .. }) => e.to_string(),
        other => panic!("{path}: expected a size refusal, got {other:?}"),
    }
}

#[test]
fn archives_past_the_limits_are_refused_with_a_message() {
    // 70 MB of XML in a few kilobytes of archive.
    let mut xml = b"<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>".to_vec();
    xml.resize(70 << 20, b'a');
    let bomb = zip_of(&[("word/document.xml", &xml)]);
    assert!(bomb.len() < 1 << 20);
    let message = too_large("bomb.docx", &bomb);
    assert!(
        message.contains("bomb.docx") && message.contains("word/document.xml"),
        "{message}"
    );

    // 40 MB of text in well-formed XML under the XML limit: the text limit refuses it.
    let text = "文".repeat(14 << 20);
    let xml = format!(
        "<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"
    );
    let message = too_large(
        "long.docx",
        &zip_of(&[("word/document.xml", xml.as_bytes())]),
    );
    assert!(message.contains("extracted text"), "{message}");

    // An OFD page past the entry limit.
    let root = r#"<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016"><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"#;
    let document = r#"<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Pages><ofd:Page ID="1" BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>"#;
    let mut page = b"<ofd:Page xmlns:ofd=\"http://www.ofdspec.org/2016\">".to_vec();
    page.resize(70 << 20, b' ');
    let package = zip_of(&[
        ("OFD.xml", root.as_bytes()),
        ("Doc_0/Document.xml", document.as_bytes()),
        ("Doc_0/Pages/Page_0/Content.xml", &page),
    ]);
    let message = too_large("big.ofd", &package);
    assert!(message.contains("Content.xml"), "{message}");
}

#[test]
fn pages_sharing_one_huge_stream_are_refused() {
    // 100 pages that all draw one content stream of 60 MB (it compresses to ~60 KB).
    let mut content = vec![b' '; 60 << 20];
    content.extend(b"BT /F1 12 Tf 72 700 Td (x) Tj ET");
    let mut deflated = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::fast());
    deflated.write_all(&content).unwrap();
    let deflated = deflated.finish().unwrap();
    let pages = 100;
    let mut objects: Vec<Vec<u8>> = vec![
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        format!(
            "<< /Type /Pages /Kids [{}] /Count {pages} >>",
            (0..pages)
                .map(|k| format!("{} 0 R ", 5 + k))
                .collect::<String>()
        )
        .into_bytes(),
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>".to_vec(),
    ];
    let mut shared = format!(
        "<< /Length {} /Filter /FlateDecode >>\nstream\n",
        deflated.len()
    )
    .into_bytes();
    shared.extend(&deflated);
    shared.extend(b"\nendstream");
    objects.push(shared);
    for _ in 0..pages {
        objects.push(b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R >> >> /Contents 4 0 R >>".to_vec());
    }
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (i, body) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend(format!("{} 0 obj\n", i + 1).as_bytes());
        out.extend(body);
        out.extend(b"\nendobj\n");
    }
    let xref = out.len();
    out.extend(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for o in offsets {
        out.extend(format!("{o:010} 00000 n \n").as_bytes());
    }
    out.extend(
        format!(
            "trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n",
            objects.len() + 1
        )
        .as_bytes(),
    );
    assert!(out.len() < 1 << 20);
    let message = too_large("shared.pdf", &out);
    assert!(
        message.contains("shared.pdf") && message.contains("page contents"),
        "{message}"
    );
}

/// Pages a quadratic scanner needs tens of seconds for (800,000 stray `<` took 42 s, 200,000
/// empty scripts 19 s); an HTML5 tokenizer and tree builder read each character once, so at
/// this size only a linear extractor finishes within the test run.
#[test]
fn malformed_pages_cost_linear_work() {
    let stray = format!(
        "<html><body><p>正文开始一二三四五六{}</p><p>正文结束一二三四五六</p></body></html>",
        "< ".repeat(800_000)
    );
    assert!(stray.len() > 1_600_000);
    let text = html::extract_text(&stray);
    assert!(
        text.starts_with("正文开始一二三四五六< < <") && text.ends_with("正文结束一二三四五六\n")
    );

    let scripts = format!(
        "<body>{}<p>正文内容一二三四五六七八九十</p></body>",
        "<script></script>".repeat(200_000)
    );
    assert_eq!(
        html::extract_text(&scripts),
        "正文内容一二三四五六七八九十\n"
    );

    let unclosed = format!(
        "<body><p>标题一二三四五六七八九十{}",
        "<div class=content>段".repeat(100_000)
    );
    assert!(html::extract_text(&unclosed).contains("标题一二三四五六七八九十"));

    // Through the file reader too (encoding detection, then extraction).
    let source = read_bytes(Path::new("stray.html"), stray.as_bytes()).unwrap();
    assert!(source.text.contains("正文结束"));
}

fn samples() -> Vec<(&'static str, Vec<u8>)> {
    let data = |name: &str| {
        std::fs::read(format!(
            "{}/tests/data/formats/{name}",
            env!("CARGO_MANIFEST_DIR")
        ))
        .unwrap()
    };
    let text = wuwei_text();
    let short: String = text.chars().take(1500).collect();
    let layout = PdfLayout {
        map: |c| c,
        two_column_page: Some(1),
        header: Some("页眉".into()),
        font: PdfFont::Unicode,
    };
    vec![
        ("a.doc", data("wuwei-2018-ai-plan.doc")),
        ("a.docx", data("wuwei-2018-ai-plan.docx")),
        ("a.html", data("wuwei-2018-ai-plan.html")),
        ("a.ofd", ofd(&short, "标题", "2018-12-20")),
        ("a.pdf", pdf(&short, &layout)),
        ("b.pdf", data("wuwei-2018-ai-plan.pdf")),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(48))]

    /// Cut anywhere and with bytes flipped anywhere, every format gives text or a reason that
    /// names the file.
    #[test]
    fn cut_or_flipped_files_give_text_or_a_reason(
        which in 0usize..6,
        cut in 0.0f64..1.0,
        flips in proptest::collection::vec((0.0f64..1.0, any::<u8>()), 0..8),
    ) {
        let (name, mut bytes) = samples().swap_remove(which);
        for (at, byte) in flips {
            let i = ((bytes.len() - 1) as f64 * at) as usize;
            bytes[i] = byte;
        }
        if cut < 0.5 {
            bytes.truncate((bytes.len() as f64 * cut * 2.0) as usize);
        }
        match read_bytes(Path::new(name), &bytes) {
            Ok(source) => prop_assert!(!source.text.trim().is_empty()),
            Err(e) => prop_assert!(e.to_string().starts_with(name), "{}", e),
        }
    }
}
