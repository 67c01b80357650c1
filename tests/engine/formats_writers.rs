//! Small writers for the test files no converter here makes: OFD packages and PDFs laid out
//! like printed 公文 (running headers, page numbers, a two-column page), from plain text.

use std::io::Write;

/// One paragraph per line of `text`, blank lines dropped.
fn paragraphs(text: &str) -> Vec<&str> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty())
        .collect()
}

/// Full-width characters take one em, the others half.
fn em(c: char) -> f64 {
    if c as u32 >= 0x2E80 { 1.0 } else { 0.5 }
}

/// Lines of a paragraph set `width` ems wide, the first indented by `indent` ems.
fn wrap(paragraph: &str, width: f64, indent: f64) -> Vec<(f64, String)> {
    let mut lines = Vec::new();
    let (mut line, mut used, mut start) = (String::new(), indent, indent);
    for c in paragraph.chars() {
        if used + em(c) > width + 1e-9 {
            lines.push((start, std::mem::take(&mut line)));
            (used, start) = (0.0, 0.0);
        }
        line.push(c);
        used += em(c);
    }
    lines.push((start, line));
    lines
}

fn escape(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

/// An OFD package (GB/T 33190): A4 pages of 22 lines of 28 characters, 16 pt, paragraphs
/// indented two characters, as a 公文 is printed. Objects are written in reverse order and
/// every third line one object per character on slightly uneven baselines, so reading order
/// and lines must come from positions.
pub fn ofd(text: &str, title: &str, date: &str) -> Vec<u8> {
    const SIZE: f64 = 5.5;
    const LEFT: f64 = 27.0;
    const TOP: f64 = 37.0;
    const LINE: f64 = 10.0;
    const PER_PAGE: usize = 22;
    let mut lines = Vec::new();
    for p in paragraphs(text) {
        lines.extend(wrap(p, 28.0, 2.0));
    }
    let pages: Vec<&[(f64, String)]> = lines.chunks(PER_PAGE).collect();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default();
    let mut put = |name: &str, body: String| {
        zip.start_file(name, options).unwrap();
        zip.write_all(body.as_bytes()).unwrap();
    };
    put(
        "OFD.xml",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<ofd:OFD xmlns:ofd="http://www.ofdspec.org/2016" Version="1.0" DocType="OFD"><ofd:DocBody><ofd:DocInfo><ofd:DocID>0c5a</ofd:DocID><ofd:Title>{}</ofd:Title><ofd:CreationDate>{date}</ofd:CreationDate></ofd:DocInfo><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot></ofd:DocBody></ofd:OFD>"#,
            escape(title)
        ),
    );
    let page_list: String = (0..pages.len())
        .map(|k| {
            format!(
                r#"<ofd:Page ID="{}" BaseLoc="Pages/Page_{k}/Content.xml"/>"#,
                k + 10
            )
        })
        .collect();
    put(
        "Doc_0/Document.xml",
        format!(
            r#"<?xml version="1.0" encoding="UTF-8"?>
<ofd:Document xmlns:ofd="http://www.ofdspec.org/2016"><ofd:CommonData><ofd:MaxUnitID>9999</ofd:MaxUnitID><ofd:PageArea><ofd:PhysicalBox>0 0 210 297</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages>{page_list}</ofd:Pages></ofd:Document>"#
        ),
    );
    for (k, page) in pages.iter().enumerate() {
        let mut objects = Vec::new();
        for (row, (indent, line)) in page.iter().enumerate() {
            let y = TOP + row as f64 * LINE;
            let x = LEFT + indent * SIZE;
            let object = |id: usize, x: f64, y: f64, text: &str| {
                let deltas: Vec<String> =
                    text.chars().map(|c| format!("{}", em(c) * SIZE)).collect();
                let deltas = deltas[..deltas.len().saturating_sub(1)].join(" ");
                format!(
                    r#"<ofd:TextObject ID="{}" Boundary="{x} {} 160 {SIZE}" Font="3" Size="{SIZE}"><ofd:TextCode X="0" Y="{SIZE}" DeltaX="{deltas}">{}</ofd:TextCode></ofd:TextObject>"#,
                    id + 100,
                    y - SIZE,
                    escape(text)
                )
            };
            if row % 3 == 2 {
                // Baselines a little uneven, as converters place single characters.
                let mut at = x;
                for (i, c) in line.chars().enumerate() {
                    let jitter = [0.0, 0.4, -0.3][i % 3];
                    objects.push(object(objects.len(), at, y + jitter, &c.to_string()));
                    at += em(c) * SIZE;
                }
            } else {
                objects.push(object(objects.len(), x, y, line));
            }
        }
        objects.reverse();
        put(
            &format!("Doc_0/Pages/Page_{k}/Content.xml"),
            format!(
                r#"<?xml version="1.0" encoding="UTF-8"?>
<ofd:Page xmlns:ofd="http://www.ofdspec.org/2016"><ofd:Content><ofd:Layer ID="2">{}</ofd:Layer></ofd:Content></ofd:Page>"#,
                objects.concat()
            ),
        );
    }
    zip.finish().unwrap().into_inner()
}

/// One line of text placed on a PDF page (points, y upwards).
struct Placed {
    x: f64,
    y: f64,
    text: String,
}

/// How [`pdf`] lays out its pages.
pub struct PdfLayout {
    /// Every character passes through this before it is written (radical forms, say).
    pub map: fn(char) -> char,
    /// The page (counted from 0) set in two columns, drawn row by row across both.
    pub two_column_page: Option<usize>,
    /// Running header text at the top of every page after the first.
    pub header: Option<String>,
    pub font: PdfFont,
}

/// How the text is coded in the PDF's font.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum PdfFont {
    /// Identity-H codes with a ToUnicode map (what most writers do).
    Unicode,
    /// GBK codes under the predefined `GBK-EUC-H` CMap of Adobe-GB1, without a ToUnicode map
    /// (older Chinese typesetting systems).
    GbkEucH,
    /// Adobe-GB1 CIDs under Identity-H, without a ToUnicode map.
    IdentityGb1,
    /// Identity-H codes of no known collection and no map to Unicode: text no reader can
    /// recover.
    IdentityWithoutMap,
    /// Like `Unicode` on odd pages, like `IdentityWithoutMap` on even ones.
    UnmappedEvenPages,
}

/// A PDF of A4 pages, 12 pt text, each paragraph's first line indented, a page number
/// `— N —` under every page. The font maps codes to Unicode one to one (Identity-H and a
/// ToUnicode map), the way typesetting systems embed CJK fonts; no glyphs are embedded.
pub fn pdf(text: &str, layout: &PdfLayout) -> Vec<u8> {
    const SIZE: f64 = 12.0;
    const LEFT: f64 = 72.0;
    const TOP: f64 = 770.0;
    const LEADING: f64 = 20.0;
    const ROWS: usize = 34;
    let mut lines: Vec<(f64, String)> = Vec::new();
    for p in paragraphs(text) {
        lines.extend(wrap(p, 37.0, 2.0));
    }
    let mut pages: Vec<Vec<Placed>> = Vec::new();
    let mut rest = &lines[..];
    while !rest.is_empty() {
        let k = pages.len();
        let mut page = Vec::new();
        if layout.two_column_page == Some(k) {
            // Re-wrap this page's paragraphs into two columns of 17 characters (twice the
            // lines, so the page takes fewer).
            let take = rest.len().min(ROWS / 2 - 3);
            let mut column_lines = Vec::new();
            let mut paragraph = String::new();
            for (i, (indent, line)) in rest[..take].iter().enumerate() {
                if *indent > 0.0 && !paragraph.is_empty() {
                    column_lines.extend(wrap(&std::mem::take(&mut paragraph), 17.0, 2.0));
                }
                paragraph.push_str(line);
                if i + 1 == take {
                    column_lines.extend(wrap(&paragraph, 17.0, 2.0));
                }
            }
            let half = column_lines.len().div_ceil(2);
            let (left, right) = column_lines.split_at(half);
            for row in 0..half {
                let y = TOP - row as f64 * LEADING;
                for (column, x0) in [(left, LEFT), (right, LEFT + 18.0 * SIZE + 10.0)] {
                    if let Some((indent, line)) = column.get(row) {
                        page.push(Placed {
                            x: x0 + indent * SIZE,
                            y,
                            text: line.clone(),
                        });
                    }
                }
            }
            rest = &rest[take..];
        } else {
            let take = rest.len().min(ROWS);
            for (row, (indent, line)) in rest[..take].iter().enumerate() {
                page.push(Placed {
                    x: LEFT + indent * SIZE,
                    y: TOP - row as f64 * LEADING,
                    text: line.clone(),
                });
            }
            rest = &rest[take..];
        }
        if let Some(header) = layout.header.as_ref().filter(|_| k > 0) {
            page.insert(
                0,
                Placed {
                    x: 200.0,
                    y: 805.0,
                    text: header.clone(),
                },
            );
        }
        page.push(Placed {
            x: 280.0,
            y: 40.0,
            text: format!("— {} —", k + 1),
        });
        pages.push(page);
    }
    write_pdf(&pages, layout.map, layout.font)
}

fn write_pdf(pages: &[Vec<Placed>], map: fn(char) -> char, font: PdfFont) -> Vec<u8> {
    let n = pages.len();
    // Objects: 1 catalog, 2 page tree, 3 font F1, 4 its CID font, 5 its ToUnicode, 6 font F2
    // (no map), then page and content per page.
    let mut objects: Vec<Vec<u8>> = Vec::new();
    let kids: String = (0..n).map(|k| format!("{} 0 R ", 7 + 2 * k)).collect();
    objects.push(b"<< /Type /Catalog /Pages 2 0 R >>".to_vec());
    objects.push(format!("<< /Type /Pages /Kids [{kids}] /Count {n} >>").into_bytes());
    objects.push(match font {
        PdfFont::Unicode | PdfFont::UnmappedEvenPages => b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [4 0 R] /ToUnicode 5 0 R >>".to_vec(),
        PdfFont::GbkEucH => b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /GBK-EUC-H /DescendantFonts [4 0 R] >>".to_vec(),
        PdfFont::IdentityWithoutMap | PdfFont::IdentityGb1 => b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [4 0 R] >>".to_vec(),
    });
    let ordering = if matches!(font, PdfFont::GbkEucH | PdfFont::IdentityGb1) {
        "GB1"
    } else {
        "Identity"
    };
    objects.push(format!("<< /Type /Font /Subtype /CIDFontType2 /BaseFont /SimSun /CIDSystemInfo << /Registry (Adobe) /Ordering ({ordering}) /Supplement 2 >> /DW 1000 >>").into_bytes());
    let cids = adobe_gb1_cids();
    let mut cmap = String::from(
        "/CIDInit /ProcSet findresource begin 12 dict begin begincmap /CMapName /Identity-UCS def 1 begincodespacerange <0000> <FFFF> endcodespacerange\n",
    );
    for block in (0..256).collect::<Vec<u32>>().chunks(100) {
        cmap.push_str(&format!("{} beginbfrange\n", block.len()));
        for hi in block {
            cmap.push_str(&format!("<{hi:02X}00> <{hi:02X}FF> <{hi:02X}00>\n"));
        }
        cmap.push_str("endbfrange\n");
    }
    cmap.push_str("endcmap CMapName currentdict /CMap defineresource pop end end");
    objects.push(stream(cmap.as_bytes()));
    objects.push(b"<< /Type /Font /Subtype /Type0 /BaseFont /SimSun /Encoding /Identity-H /DescendantFonts [4 0 R] >>".to_vec());
    for (k, page) in pages.iter().enumerate() {
        objects.push(format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Resources << /Font << /F1 3 0 R /F2 6 0 R >> >> /Contents {} 0 R >>", 8 + 2 * k).into_bytes());
        let name = if font == PdfFont::UnmappedEvenPages && k % 2 == 1 {
            "F2"
        } else {
            "F1"
        };
        let mut content = String::new();
        for placed in page {
            let text: String = placed.text.chars().map(map).collect();
            let hex: String = if font == PdfFont::GbkEucH {
                let (bytes, _, _) = encoding_rs::GBK.encode(&text);
                bytes.iter().map(|b| format!("{b:02X}")).collect()
            } else if font == PdfFont::IdentityGb1 {
                text.chars().map(|c| format!("{:04X}", cids[&c])).collect()
            } else {
                text.encode_utf16().map(|u| format!("{u:04X}")).collect()
            };
            content.push_str(&format!(
                "BT /{name} 12 Tf 1 0 0 1 {:.2} {:.2} Tm <{hex}> Tj ET\n",
                placed.x, placed.y
            ));
        }
        objects.push(stream(content.as_bytes()));
    }
    let mut out = b"%PDF-1.4\n%\xE2\xE3\xCF\xD3\n".to_vec();
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
    out
}

/// Unicode → the first Adobe-GB1 CID standing for it, from the reader's own table (the
/// collection's published CID order; the test only needs some valid CID per character).
fn adobe_gb1_cids() -> std::collections::HashMap<char, u16> {
    let table = include_bytes!("../../src/document/formats/data/adobe-gb1-ucs2.bin");
    let mut cids = std::collections::HashMap::new();
    for (cid, pair) in table.chunks(2).enumerate().rev() {
        if let Some(c) = char::from_u32(u16::from_le_bytes([pair[0], pair[1]]) as u32) {
            cids.insert(c, cid as u16);
        }
    }
    cids
}

/// A stream object, uncompressed.
fn stream(data: &[u8]) -> Vec<u8> {
    let mut out = format!("<< /Length {} >>\nstream\n", data.len()).into_bytes();
    out.extend(data);
    out.extend(b"\nendstream");
    out
}
