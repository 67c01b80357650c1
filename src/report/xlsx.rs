//! The 对照表 as an Excel workbook (rust_xlsxwriter): the table, then sheets for the
//! substitutions, the per-section figures (as numbers), the checks and the targets. Every
//! sheet has its header row frozen and set column widths.
//!
//! Excel shades whole cells only, so inside a cell added child text is underlined in the added
//! colour (adapted text in the adapted colour) and removed parent text struck through.

use rust_xlsxwriter::{
    Color, Format, FormatAlign, FormatBorder, FormatUnderline, Workbook, Worksheet, XlsxError,
};

use crate::checks::{Check, targets};
use crate::report::palette::{ClassColours, Rgb};
use crate::report::table::{Cell, Mark, Table};

/// Text colours of the marks (hex RGB), the viewer's class colours: Excel shades whole cells
/// only.
struct Colours {
    added: u32,
    adapted: u32,
    removed: u32,
}

impl Colours {
    fn light() -> Self {
        let c = ClassColours::for_dark_mode(false);
        let hex = |rgb: Rgb| (u32::from(rgb.0) << 16) | (u32::from(rgb.1) << 8) | u32::from(rgb.2);
        Self {
            added: hex(c.added),
            adapted: hex(c.adapted),
            removed: hex(c.dropped_text),
        }
    }
}

const FONT: &str = "仿宋";

fn base() -> Format {
    Format::new().set_font_name(FONT).set_font_size(10.5)
}

fn wrapped() -> Format {
    base()
        .set_text_wrap()
        .set_align(FormatAlign::Top)
        .set_border(FormatBorder::Thin)
}

fn header_format() -> Format {
    base()
        .set_bold()
        .set_font_name("黑体")
        .set_background_color(Color::RGB(0xD9D9D9))
        .set_border(FormatBorder::Thin)
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
}

fn write_header(sheet: &mut Worksheet, row: u32, titles: &[&str]) -> Result<(), XlsxError> {
    let format = header_format();
    for (col, title) in titles.iter().enumerate() {
        sheet.write_string_with_format(row, col as u16, *title, &format)?;
    }
    Ok(())
}

/// A cell's marked text as a rich string (plain text when nothing is marked).
fn write_cell(
    sheet: &mut Worksheet,
    row: u32,
    col: u16,
    cell: Option<&Cell>,
    colours: &Colours,
) -> Result<(), XlsxError> {
    let format = wrapped();
    let Some(cell) = cell else {
        sheet.write_blank(row, col, &format)?;
        return Ok(());
    };
    let marks: Vec<Format> = cell
        .pieces
        .iter()
        .map(|p| match p.mark {
            Mark::Plain => base(),
            Mark::Heading => base().set_bold(),
            Mark::Added => base()
                .set_underline(FormatUnderline::Single)
                .set_font_color(Color::RGB(colours.added)),
            Mark::Adapted => base()
                .set_underline(FormatUnderline::Single)
                .set_font_color(Color::RGB(colours.adapted)),
            Mark::Removed => base()
                .set_font_strikethrough()
                .set_font_color(Color::RGB(colours.removed)),
        })
        .collect();
    let segments: Vec<(&Format, &str)> = marks
        .iter()
        .zip(&cell.pieces)
        .filter(|(_, p)| !p.text.is_empty())
        .map(|(f, p)| (f, p.text.as_str()))
        .collect();
    match segments.as_slice() {
        [] => {
            sheet.write_blank(row, col, &format)?;
        }
        [(_, text)] if cell.pieces.iter().all(|p| p.mark == Mark::Plain) => {
            sheet.write_string_with_format(row, col, *text, &format)?;
        }
        _ => {
            sheet.write_rich_string_with_format(row, col, &segments, &format)?;
        }
    }
    Ok(())
}

fn table_sheet(
    workbook: &mut Workbook,
    table: &Table,
    colours: &Colours,
    subtitle: &str,
) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name("对照表")?;
    sheet.set_landscape();
    sheet.set_paper_size(9);
    for (col, width) in [6.0, 60.0, 60.0, 9.0, 32.0].into_iter().enumerate() {
        sheet.set_column_width(col as u16, width)?;
    }
    let title = format!(
        "《{}》与《{}》对照表",
        table.child_title, table.parent_title
    );
    sheet.merge_range(0, 0, 0, 4, &title, &base().set_bold().set_font_size(14))?;
    sheet.merge_range(1, 0, 1, 4, subtitle, &base())?;
    let mut row = 2;
    let note = table.substitution_note();
    if !note.is_empty() {
        sheet.merge_range(
            row,
            0,
            row,
            4,
            &note,
            &wrapped().set_background_color(Color::RGB(0xF2F2F2)),
        )?;
        sheet.set_row_height(row, 15.0 * (1 + note.chars().count() / 120) as f64)?;
        row += 1;
    }
    write_header(
        sheet,
        row,
        &["序号", "上级文件章节", "下级文件章节", "类型", "说明"],
    )?;
    sheet.set_freeze_panes(row + 1, 0)?;
    sheet.set_repeat_rows(row, row)?;
    let centred = wrapped().set_align(FormatAlign::Center);
    for (n, r) in table.shown_rows().enumerate() {
        row += 1;
        sheet.write_number_with_format(row, 0, (n + 1) as f64, &centred)?;
        write_cell(sheet, row, 1, r.parent.as_ref(), colours)?;
        write_cell(sheet, row, 2, r.child.as_ref(), colours)?;
        sheet.write_string_with_format(row, 3, r.kind.label(), &centred)?;
        sheet.write_string_with_format(row, 4, &r.note, &wrapped())?;
    }
    Ok(())
}

fn substitutions_sheet(workbook: &mut Workbook, table: &Table) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name("全文替换")?;
    for (col, width) in [24.0, 24.0, 10.0].into_iter().enumerate() {
        sheet.set_column_width(col as u16, width)?;
    }
    write_header(sheet, 0, &["上级用语", "下级用语", "次数"])?;
    sheet.set_freeze_panes(1, 0)?;
    for (k, s) in table.substitutions.iter().enumerate() {
        let row = k as u32 + 1;
        sheet.write_string_with_format(row, 0, &s.parent, &base())?;
        sheet.write_string_with_format(row, 1, &s.child, &base())?;
        sheet.write_number_with_format(row, 2, s.count as f64, &base())?;
    }
    Ok(())
}

fn figures_sheet(workbook: &mut Workbook, table: &Table) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name("章节数据")?;
    let widths = [
        6.0, 36.0, 36.0, 9.0, 10.0, 10.0, 10.0, 10.0, 10.0, 10.0, 8.0,
    ];
    for (col, width) in widths.into_iter().enumerate() {
        sheet.set_column_width(col as u16, width)?;
    }
    write_header(
        sheet,
        0,
        &[
            "序号",
            "下级章节",
            "上级章节",
            "类型",
            "相似度",
            "继承",
            "改写",
            "新增",
            "下级字数",
            "上级字数",
            "列入对照表",
        ],
    )?;
    sheet.set_freeze_panes(1, 0)?;
    let percent = base().set_num_format("0.0%");
    let ratio = base().set_num_format("0.00");
    for (k, (r, shown)) in table.rows.iter().zip(&table.shown).enumerate() {
        let row = k as u32 + 1;
        sheet.write_number_with_format(row, 0, (k + 1) as f64, &base())?;
        let heading = |c: &Option<Cell>| c.as_ref().map_or(String::new(), |c| c.heading.clone());
        sheet.write_string_with_format(row, 1, heading(&r.child), &base())?;
        sheet.write_string_with_format(row, 2, heading(&r.parent), &base())?;
        sheet.write_string_with_format(row, 3, r.kind.label(), &base())?;
        if let Some(similarity) = r.similarity {
            sheet.write_number_with_format(row, 4, similarity, &ratio)?;
        }
        if r.child.is_some() {
            sheet.write_number_with_format(row, 5, r.inherited, &percent)?;
            sheet.write_number_with_format(row, 6, r.adapted, &percent)?;
            sheet.write_number_with_format(row, 7, r.added, &percent)?;
        }
        sheet.write_number_with_format(row, 8, r.child_chars as f64, &base())?;
        sheet.write_number_with_format(row, 9, r.parent_chars as f64, &base())?;
        sheet.write_string_with_format(row, 10, if *shown { "是" } else { "否" }, &base())?;
    }
    Ok(())
}

fn checks_sheets(workbook: &mut Workbook, checks: &[Check]) -> Result<(), XlsxError> {
    let sheet = workbook.add_worksheet();
    sheet.set_name("审阅提示")?;
    for (col, width) in [6.0, 10.0, 24.0, 24.0, 16.0, 48.0, 10.0]
        .into_iter()
        .enumerate()
    {
        sheet.set_column_width(col as u16, width)?;
    }
    write_header(
        sheet,
        0,
        &[
            "序号",
            "类别",
            "下级原文",
            "上级原文",
            "建议",
            "说明",
            "位置",
        ],
    )?;
    sheet.set_freeze_panes(1, 0)?;
    for (k, c) in checks.iter().enumerate() {
        let row = k as u32 + 1;
        sheet.write_number_with_format(row, 0, (k + 1) as f64, &base())?;
        sheet.write_string_with_format(row, 1, c.kind.label_zh(), &base())?;
        sheet.write_string_with_format(row, 2, &c.text, &base())?;
        sheet.write_string_with_format(row, 3, c.parent_text.as_deref().unwrap_or(""), &base())?;
        sheet.write_string_with_format(row, 4, c.expected.as_deref().unwrap_or(""), &base())?;
        sheet.write_string_with_format(row, 5, &c.note, &base())?;
        sheet.write_number_with_format(row, 6, c.range.start as f64, &base())?;
    }

    let sheet = workbook.add_worksheet();
    sheet.set_name("指标对照")?;
    for (col, width) in [6.0, 20.0, 20.0, 48.0].into_iter().enumerate() {
        sheet.set_column_width(col as u16, width)?;
    }
    write_header(sheet, 0, &["序号", "上级", "下级", "说明"])?;
    sheet.set_freeze_panes(1, 0)?;
    for (k, t) in targets(checks).iter().enumerate() {
        let row = k as u32 + 1;
        sheet.write_number_with_format(row, 0, (k + 1) as f64, &base())?;
        sheet.write_string_with_format(row, 1, t.parent, &base())?;
        sheet.write_string_with_format(row, 2, t.child, &base())?;
        sheet.write_string_with_format(row, 3, &t.check.note, &base())?;
    }
    Ok(())
}

/// The workbook's bytes. `subtitle` names both documents and the date.
pub fn render(table: &Table, checks: &[Check], subtitle: &str) -> Result<Vec<u8>, XlsxError> {
    let mut workbook = Workbook::new();
    table_sheet(&mut workbook, table, &Colours::light(), subtitle)?;
    substitutions_sheet(&mut workbook, table)?;
    figures_sheet(&mut workbook, table)?;
    checks_sheets(&mut workbook, checks)?;
    workbook.save_to_buffer()
}
