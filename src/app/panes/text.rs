//! Paragraph text as the panes draw it: one layout job per paragraph with its class colours,
//! and the screen rectangles and characters of laid-out galleys.

use std::ops::Range;

use egui::text::{LayoutJob, TextFormat};
use egui::{FontId, Galley, Pos2, Rect, vec2};

use super::super::model::Para;
use super::super::palette::{Mark, Palette};

/// Body text size (points; the text zoom scales it).
pub const BODY_SIZE: f32 = 16.0;
/// Line height relative to the font size: Chinese text reads better with air between lines.
const LINE_SPACING: f32 = 1.6;

/// A paragraph's font at text zoom `zoom`.
pub fn para_font(para: &Para, zoom: f32) -> FontId {
    let size = if para.heading && para.depth == 0 {
        BODY_SIZE + 2.0
    } else {
        BODY_SIZE
    };
    FontId::proportional((size * zoom).round())
}

pub(super) fn line_height(font: &FontId) -> f32 {
    (font.size * LINE_SPACING).round()
}

/// The layout job of one paragraph: its runs with their colours.
pub fn para_job(
    para: &Para,
    palette: &Palette,
    width: f32,
    zoom: f32,
    folded_grey: bool,
) -> LayoutJob {
    let formats = para.runs.iter().map(|run| {
        let mark = if folded_grey { Mark::Dropped } else { run.mark };
        let color = if para.heading && mark != Mark::Dropped {
            palette.heading_text
        } else {
            palette.foreground(mark)
        };
        let format = TextFormat {
            color,
            background: palette.background(mark),
            ..Default::default()
        };
        (run.range.clone(), format)
    });
    styled_job(para, palette, width, zoom, formats)
}

/// The layout job of one paragraph at text zoom `zoom` from display-character runs, each with
/// its format (the font and line height are the paragraph's; trace mode styles its runs this
/// way).
pub fn styled_job(
    para: &Para,
    palette: &Palette,
    width: f32,
    zoom: f32,
    runs: impl IntoIterator<Item = (Range<usize>, TextFormat)>,
) -> LayoutJob {
    let font = para_font(para, zoom);
    let mut job = LayoutJob {
        wrap: egui::text::TextWrapping::wrap_at_width(width),
        break_on_newline: false,
        ..Default::default()
    };
    let mut byte_at = 0usize;
    let mut char_at = 0usize;
    for (range, format) in runs {
        let start_byte = nth_char_byte(&para.text, range.start, byte_at, char_at);
        let end_byte = nth_char_byte(&para.text, range.end, start_byte, range.start);
        byte_at = end_byte;
        char_at = range.end;
        let Some(text) = para.text.get(start_byte..end_byte) else {
            continue;
        };
        job.append(
            text,
            0.0,
            TextFormat {
                font_id: font.clone(),
                line_height: Some(line_height(&font)),
                ..format
            },
        );
    }
    if job.sections.is_empty() {
        job.append(
            &para.text,
            0.0,
            TextFormat {
                font_id: font.clone(),
                color: palette.text,
                line_height: Some(line_height(&font)),
                ..Default::default()
            },
        );
    }
    job
}

/// Byte offset of char `target` in `text`, scanning from a known (byte, char) position.
fn nth_char_byte(text: &str, target: usize, from_byte: usize, from_char: usize) -> usize {
    if target <= from_char {
        return from_byte;
    }
    text.get(from_byte..)
        .and_then(|rest| rest.char_indices().nth(target - from_char))
        .map_or(text.len(), |(b, _)| from_byte + b)
}

/// Screen rectangles covering display chars `range` of a galley placed at `pos`.
pub fn range_rects(galley: &Galley, pos: Pos2, range: Range<usize>) -> Vec<Rect> {
    let mut rects = Vec::new();
    let mut start = 0usize;
    for row in &galley.rows {
        let n = row.char_count_excluding_newline().0;
        let row_range = start..start + n;
        let a = range.start.max(row_range.start);
        let b = range.end.min(row_range.end);
        if a < b {
            let x0 = row.pos.x + row.x_offset(egui::text::CharIndex(a - start));
            let x1 = row.pos.x + row.x_offset(egui::text::CharIndex(b - start));
            rects.push(Rect::from_min_max(
                pos + vec2(x0, row.min_y()),
                pos + vec2(x1, row.max_y()),
            ));
        }
        start += row.char_count_including_newline().0;
        if start >= range.end {
            break;
        }
    }
    rects
}

/// The display char under `pointer` in a galley placed at `pos`, if the pointer is on a glyph.
pub fn char_under(galley: &Galley, pos: Pos2, pointer: Pos2) -> Option<usize> {
    let local = pointer - pos;
    let mut start = 0usize;
    for row in &galley.rows {
        if local.y >= row.min_y() && local.y < row.max_y() {
            for (i, glyph) in row.glyphs.iter().enumerate() {
                let r = glyph.logical_rect().translate(row.pos.to_vec2());
                if local.x >= r.min.x && local.x < r.max.x {
                    return Some(start + i);
                }
            }
            return None;
        }
        start += row.char_count_including_newline().0;
    }
    None
}

/// Text shortened to `max` characters, white space collapsed.
pub fn excerpt(text: &str, max: usize) -> String {
    let mut out = String::new();
    let mut n = 0;
    let mut last_space = false;
    for c in text.chars() {
        let c = if c == '\n' || c == '\r' || c == '\t' {
            ' '
        } else {
            c
        };
        if c == ' ' {
            if last_space {
                continue;
            }
            last_space = true;
        } else {
            last_space = false;
        }
        if n >= max {
            out.push('…');
            break;
        }
        out.push(c);
        n += 1;
    }
    out.trim().to_owned()
}
