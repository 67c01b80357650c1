//! The 对照表 as a Word file: A4 landscape, a title naming both documents and the date, the
//! table with its header row repeated on every page, then the checks and the targets.
//!
//! Written as WordprocessingML directly (the zip crate packs it): docx-rs, the Rust writer,
//! cannot mark a repeated header row (`w:tblHeader`) nor give a font its alternate names
//! (`w:altName`), which Word and WPS need to find 仿宋 and 宋体 under their other names.

use std::io::Write as _;

use crate::checks::{Check, targets};
use crate::report::palette::{ClassColours, Rgb};
use crate::report::table::{Cell, Mark, Table};

/// Page: A4 landscape, 2 cm margins (twentieths of a point).
const PAGE_WIDTH: u32 = 16_838;
const PAGE_HEIGHT: u32 = 11_906;
const MARGIN: u32 = 1_134;
/// 序号 | 上级 | 下级 | 类型 | 说明, summing to the text width.
const COLUMNS: [u32; 5] = [700, 5_000, 5_000, 900, 2_970];

/// Body text font: 仿宋 (FangSong), as official documents are set; headings 黑体, the title
/// 宋体. Latin text in Times New Roman.
const BODY_FONT: &str = "仿宋";
const TITLE_FONT: &str = "宋体";
const HEADING_FONT: &str = "黑体";

pub struct Meta<'a> {
    pub parent_label: &'a str,
    pub child_label: &'a str,
    /// `2026年12月1日`.
    pub date: &'a str,
}

fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            // XML 1.0 has no place for other control characters.
            '\t' => out.push(' '),
            c if (c as u32) < 0x20 => {}
            c => out.push(c),
        }
    }
    out
}

/// A run of text with the marks of `mark`.
fn run(out: &mut String, text: &str, mark: Mark, colours: &Colours) {
    if text.is_empty() {
        return;
    }
    out.push_str("<w:r><w:rPr>");
    match mark {
        Mark::Plain => {}
        Mark::Heading => out.push_str(&format!(
            "<w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"{HEADING_FONT}\"/><w:b/>"
        )),
        Mark::Added | Mark::Adapted => {
            let fill = if mark == Mark::Added {
                &colours.added
            } else {
                &colours.adapted
            };
            out.push_str(&format!("<w:u w:val=\"single\"/><w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{fill}\"/>"));
        }
        Mark::Removed => {
            out.push_str(&format!("<w:strike/><w:color w:val=\"{}\"/>", colours.removed));
        }
    }
    out.push_str(&format!(
        "</w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r>",
        escape(text)
    ));
}

/// Shading and text colours (hex RGB) of the marks: the viewer's light theme.
struct Colours {
    added: String,
    adapted: String,
    removed: String,
}

impl Colours {
    fn light() -> Self {
        let c = ClassColours::for_dark_mode(false);
        let hex = |rgb: Rgb| format!("{:02X}{:02X}{:02X}", rgb.0, rgb.1, rgb.2);
        Self {
            added: hex(c.added_bg),
            adapted: hex(c.adapted_bg),
            removed: hex(c.dropped_text),
        }
    }
}

/// Paragraphs of a cell: one per line of its text, marks kept across pieces.
fn cell_paragraphs(out: &mut String, cell: Option<&Cell>, colours: &Colours) {
    out.push_str("<w:p>");
    if let Some(cell) = cell {
        for piece in &cell.pieces {
            let mut lines = piece.text.split('\n');
            if let Some(first) = lines.next() {
                run(out, first, piece.mark, colours);
            }
            for line in lines {
                out.push_str("</w:p><w:p>");
                run(out, line, piece.mark, colours);
            }
        }
    }
    out.push_str("</w:p>");
}

fn plain_paragraphs(out: &mut String, text: &str, mark: Mark, colours: &Colours) {
    for line in text.split('\n') {
        out.push_str("<w:p>");
        run(out, line, mark, colours);
        out.push_str("</w:p>");
    }
}

fn cell_start(out: &mut String, width: u32, span: usize, fill: Option<&str>) {
    out.push_str(&format!(
        "<w:tc><w:tcPr><w:tcW w:w=\"{width}\" w:type=\"dxa\"/>"
    ));
    if span > 1 {
        out.push_str(&format!("<w:gridSpan w:val=\"{span}\"/>"));
    }
    if let Some(fill) = fill {
        out.push_str(&format!(
            "<w:shd w:val=\"clear\" w:color=\"auto\" w:fill=\"{fill}\"/>"
        ));
    }
    out.push_str("</w:tcPr>");
}

/// A table with a repeated header row; `widths` in twips.
fn table_start(out: &mut String, widths: &[u32], header: &[&str]) {
    out.push_str("<w:tbl><w:tblPr><w:tblW w:w=\"5000\" w:type=\"pct\"/><w:tblBorders>");
    for side in ["top", "left", "bottom", "right", "insideH", "insideV"] {
        out.push_str(&format!(
            "<w:{side} w:val=\"single\" w:sz=\"4\" w:space=\"0\" w:color=\"808080\"/>"
        ));
    }
    out.push_str("</w:tblBorders><w:tblLayout w:type=\"fixed\"/><w:tblCellMar><w:left w:w=\"80\" w:type=\"dxa\"/><w:right w:w=\"80\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr><w:tblGrid>");
    for w in widths {
        out.push_str(&format!("<w:gridCol w:w=\"{w}\"/>"));
    }
    out.push_str("</w:tblGrid><w:tr><w:trPr><w:tblHeader/><w:cantSplit/></w:trPr>");
    for (w, h) in widths.iter().zip(header) {
        cell_start(out, *w, 1, Some("D9D9D9"));
        out.push_str(&format!("<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:rFonts w:eastAsia=\"{HEADING_FONT}\"/><w:b/></w:rPr><w:t>{}</w:t></w:r></w:p></w:tc>",
            escape(h)));
    }
    out.push_str("</w:tr>");
}

fn heading(out: &mut String, text: &str) {
    out.push_str(&format!("<w:p><w:pPr><w:spacing w:before=\"240\" w:after=\"120\"/></w:pPr><w:r><w:rPr><w:rFonts w:eastAsia=\"{HEADING_FONT}\"/><w:b/><w:sz w:val=\"28\"/></w:rPr><w:t>{}</w:t></w:r></w:p>",
        escape(text)));
}

fn document_xml(table: &Table, checks: &[Check], meta: &Meta, colours: &Colours) -> String {
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:document xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:body>",
    );
    out.push_str(&format!("<w:p><w:pPr><w:spacing w:after=\"120\"/><w:jc w:val=\"center\"/></w:pPr><w:r><w:rPr><w:rFonts w:eastAsia=\"{TITLE_FONT}\"/><w:b/><w:sz w:val=\"36\"/></w:rPr><w:t>{}</w:t></w:r></w:p>",
        escape(&format!(
            "《{}》与《{}》对照表",
            table.child_title, table.parent_title
        ))));
    out.push_str(&format!("<w:p><w:pPr><w:spacing w:after=\"240\"/><w:jc w:val=\"center\"/></w:pPr><w:r><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
        escape(&format!(
            "上级文件：{}（{}）　下级文件：{}（{}）　生成日期：{}",
            table.parent_title, meta.parent_label, table.child_title, meta.child_label, meta.date
        ))));
    let width: u32 = COLUMNS.iter().sum();
    table_start(
        &mut out,
        &COLUMNS,
        &["序号", "上级文件章节", "下级文件章节", "类型", "说明"],
    );
    let note = table.substitution_note();
    if !note.is_empty() {
        out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
        cell_start(&mut out, width, 5, Some("F2F2F2"));
        plain_paragraphs(&mut out, &note, Mark::Plain, colours);
        out.push_str("</w:tc></w:tr>");
    }
    for (n, row) in table.shown_rows().enumerate() {
        out.push_str("<w:tr>");
        cell_start(&mut out, COLUMNS[0], 1, None);
        out.push_str(&format!(
            "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:t>{}</w:t></w:r></w:p></w:tc>",
            n + 1
        ));
        cell_start(&mut out, COLUMNS[1], 1, None);
        cell_paragraphs(&mut out, row.parent.as_ref(), colours);
        out.push_str("</w:tc>");
        cell_start(&mut out, COLUMNS[2], 1, None);
        cell_paragraphs(&mut out, row.child.as_ref(), colours);
        out.push_str("</w:tc>");
        cell_start(&mut out, COLUMNS[3], 1, None);
        out.push_str(&format!(
            "<w:p><w:pPr><w:jc w:val=\"center\"/></w:pPr><w:r><w:t>{}</w:t></w:r></w:p></w:tc>",
            row.kind.label()
        ));
        cell_start(&mut out, COLUMNS[4], 1, None);
        plain_paragraphs(&mut out, &row.note, Mark::Plain, colours);
        out.push_str("</w:tc></w:tr>");
    }
    out.push_str("</w:tbl>");
    out.push_str(&format!("<w:p><w:r><w:rPr><w:sz w:val=\"18\"/></w:rPr><w:t xml:space=\"preserve\">{}</w:t></w:r></w:p>",
        escape("说明：下级文件中新增的文字加下划线并着色（改写的文字另色），上级文件中被替换或删去的文字加删除线。")));

    if !checks.is_empty() {
        heading(&mut out, "审阅提示");
        let widths = [700, 1_300, 3_600, 3_000, 2_000, 3_970];
        table_start(
            &mut out,
            &widths,
            &["序号", "类别", "下级原文", "上级原文", "建议", "说明"],
        );
        for (n, check) in checks.iter().enumerate() {
            let cells = [
                (n + 1).to_string(),
                check.kind.label_zh().to_owned(),
                check.text.clone(),
                check.parent_text.clone().unwrap_or_default(),
                check.expected.clone().unwrap_or_default(),
                check.note.clone(),
            ];
            out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            for (w, text) in widths.iter().zip(&cells) {
                cell_start(&mut out, *w, 1, None);
                plain_paragraphs(&mut out, text, Mark::Plain, colours);
                out.push_str("</w:tc>");
            }
            out.push_str("</w:tr>");
        }
        out.push_str("</w:tbl>");
    }
    let targets = targets(checks);
    if !targets.is_empty() {
        heading(&mut out, "指标对照（上级 → 下级）");
        let widths = [700, 3_000, 3_000, 7_870];
        table_start(&mut out, &widths, &["序号", "上级", "下级", "说明"]);
        for (n, t) in targets.iter().enumerate() {
            let cells = [
                (n + 1).to_string(),
                t.parent.to_owned(),
                t.child.to_owned(),
                t.check.note.clone(),
            ];
            out.push_str("<w:tr><w:trPr><w:cantSplit/></w:trPr>");
            for (w, text) in widths.iter().zip(&cells) {
                cell_start(&mut out, *w, 1, None);
                plain_paragraphs(&mut out, text, Mark::Plain, colours);
                out.push_str("</w:tc>");
            }
            out.push_str("</w:tr>");
        }
        out.push_str("</w:tbl>");
    }
    out.push_str(&format!("<w:p/><w:sectPr><w:pgSz w:w=\"{PAGE_WIDTH}\" w:h=\"{PAGE_HEIGHT}\" w:orient=\"landscape\"/><w:pgMar w:top=\"{MARGIN}\" w:right=\"{MARGIN}\" w:bottom=\"{MARGIN}\" w:left=\"{MARGIN}\" w:header=\"567\" w:footer=\"567\" w:gutter=\"0\"/></w:sectPr></w:body></w:document>"));
    out
}

fn styles_xml() -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:styles xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\"><w:docDefaults><w:rPrDefault><w:rPr><w:rFonts w:ascii=\"Times New Roman\" w:hAnsi=\"Times New Roman\" w:eastAsia=\"{BODY_FONT}\" w:cs=\"Times New Roman\" w:hint=\"eastAsia\"/><w:sz w:val=\"21\"/><w:szCs w:val=\"21\"/><w:lang w:val=\"en-US\" w:eastAsia=\"zh-CN\"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after=\"0\" w:line=\"300\" w:lineRule=\"auto\"/></w:pPr></w:pPrDefault></w:docDefaults><w:style w:type=\"paragraph\" w:default=\"1\" w:styleId=\"Normal\"><w:name w:val=\"Normal\"/><w:qFormat/></w:style><w:style w:type=\"table\" w:default=\"1\" w:styleId=\"TableNormal\"><w:name w:val=\"Normal Table\"/><w:tblPr><w:tblInd w:w=\"0\" w:type=\"dxa\"/><w:tblCellMar><w:top w:w=\"0\" w:type=\"dxa\"/><w:left w:w=\"108\" w:type=\"dxa\"/><w:bottom w:w=\"0\" w:type=\"dxa\"/><w:right w:w=\"108\" w:type=\"dxa\"/></w:tblCellMar></w:tblPr></w:style></w:styles>"
    )
}

/// The fonts with the names Word (Windows, macOS) and WPS know them by.
fn font_table_xml() -> String {
    let font = |name: &str, alt: &str, family: &str, pitch: &str, charset: &str| {
        format!(
            "<w:font w:name=\"{name}\"><w:altName w:val=\"{alt}\"/><w:charset w:val=\"{charset}\"/><w:family w:val=\"{family}\"/><w:pitch w:val=\"{pitch}\"/></w:font>"
        )
    };
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<w:fonts xmlns:w=\"http://schemas.openxmlformats.org/wordprocessingml/2006/main\">{}{}{}{}{}</w:fonts>",
        font(BODY_FONT, "FangSong", "modern", "fixed", "86"),
        font("仿宋_GB2312", "FangSong_GB2312", "modern", "fixed", "86"),
        font(TITLE_FONT, "SimSun", "auto", "variable", "86"),
        font(HEADING_FONT, "SimHei", "modern", "fixed", "86"),
        font("Times New Roman", "Times", "roman", "variable", "00"),
    )
}

const CONTENT_TYPES: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"><Default Extension=\"rels\" ContentType=\"application/vnd.openxmlformats-package.relationships+xml\"/><Default Extension=\"xml\" ContentType=\"application/xml\"/><Override PartName=\"/word/document.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml\"/><Override PartName=\"/word/styles.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.styles+xml\"/><Override PartName=\"/word/fontTable.xml\" ContentType=\"application/vnd.openxmlformats-officedocument.wordprocessingml.fontTable+xml\"/><Override PartName=\"/docProps/core.xml\" ContentType=\"application/vnd.openxmlformats-package.core-properties+xml\"/></Types>";

const ROOT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument\" Target=\"word/document.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/package/2006/relationships/metadata/core-properties\" Target=\"docProps/core.xml\"/></Relationships>";

const DOCUMENT_RELS: &str = "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<Relationships xmlns=\"http://schemas.openxmlformats.org/package/2006/relationships\"><Relationship Id=\"rId1\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles\" Target=\"styles.xml\"/><Relationship Id=\"rId2\" Type=\"http://schemas.openxmlformats.org/officeDocument/2006/relationships/fontTable\" Target=\"fontTable.xml\"/></Relationships>";

fn core_xml(title: &str) -> String {
    format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\" standalone=\"yes\"?>\n<cp:coreProperties xmlns:cp=\"http://schemas.openxmlformats.org/package/2006/metadata/core-properties\" xmlns:dc=\"http://purl.org/dc/elements/1.1/\"><dc:title>{}</dc:title><dc:creator>policy-lineage</dc:creator></cp:coreProperties>",
        escape(title)
    )
}

/// The Word file's bytes.
pub fn render(table: &Table, checks: &[Check], meta: &Meta) -> zip::result::ZipResult<Vec<u8>> {
    let colours = &Colours::light();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    let title = format!(
        "《{}》与《{}》对照表",
        table.child_title, table.parent_title
    );
    let parts: [(&str, String); 6] = [
        ("[Content_Types].xml", CONTENT_TYPES.to_owned()),
        ("_rels/.rels", ROOT_RELS.to_owned()),
        ("word/_rels/document.xml.rels", DOCUMENT_RELS.to_owned()),
        (
            "word/document.xml",
            document_xml(table, checks, meta, colours),
        ),
        ("word/styles.xml", styles_xml()),
        ("word/fontTable.xml", font_table_xml()),
    ];
    for (name, xml) in parts {
        zip.start_file(name, options)?;
        zip.write_all(xml.as_bytes())?;
    }
    zip.start_file("docProps/core.xml", options)?;
    zip.write_all(core_xml(&title).as_bytes())?;
    Ok(zip.finish()?.into_inner())
}
