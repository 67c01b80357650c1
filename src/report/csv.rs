//! The section table as CSV (RFC 4180), one row per child section, for spreadsheets. A UTF-8
//! byte-order mark leads the file: without it, spreadsheet programs on Chinese Windows read
//! UTF-8 as GBK and garble every heading.

use crate::Document;
use crate::compare::Comparison;
use crate::review::corrections::Correction;
use crate::review::session::Note;

fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_owned()
    }
}

fn compact(text: &str) -> String {
    text.chars()
        .filter(|&c| !crate::document::normalize::is_space(c))
        .collect()
}

pub const HEADER: &str = "section,depth,child_heading,child_start,child_end,parent_headings,similarities,inherited,adapted,added,moved,manual,verdict,note";

pub fn render(
    parent: &Document,
    child: &Document,
    comparison: &Comparison,
    notes: &[Note],
    corrections: &[Correction],
) -> String {
    let mut out = String::from("\u{feff}");
    out.push_str(HEADER);
    out.push_str("\r\n");
    for m in &comparison.sections {
        let Some(section) = child.outline.sections.get(m.section) else {
            continue;
        };
        let links: Vec<_> = m
            .parents
            .iter()
            .filter_map(|l| Some((parent.outline.sections.get(l.section)?, l.similarity)))
            .collect();
        let headings = links
            .iter()
            .map(|(s, _)| compact(&parent.slice(s.heading.clone())))
            .collect::<Vec<_>>()
            .join(" | ");
        let similarities = links
            .iter()
            .map(|(_, sim)| format!("{sim:.2}"))
            .collect::<Vec<_>>()
            .join(" | ");
        let note = notes.iter().find(|n| n.section.index == m.section);
        let row = [
            m.section.to_string(),
            section.depth.to_string(),
            compact(&child.slice(section.heading.clone())),
            section.heading.start.to_string(),
            section.heading.end.to_string(),
            headings,
            similarities,
            format!("{:.4}", m.inherited),
            format!("{:.4}", m.adapted),
            format!("{:.4}", m.added),
            m.moved.to_string(),
            crate::review::corrections::is_manual(corrections, m.section).to_string(),
            note.and_then(|n| n.verdict)
                .map_or(String::new(), |v| v.name().to_owned()),
            note.map_or(String::new(), |n| n.text.clone()),
        ];
        out.push_str(&row.iter().map(|f| field(f)).collect::<Vec<_>>().join(","));
        out.push_str("\r\n");
    }
    out
}
