//! `split FILE`: the documents a file holds.

use std::io::Write;

use super::terminal::{TITLE_CHARS, clean};
use std::path::Path;

use crate::document::source::read_source;
use crate::document::split::split_entries;

pub(super) fn split(file: &Path, json: bool, stdout: &mut dyn Write) -> anyhow::Result<()> {
    let source = read_source(file)?;
    super::print_reader_warnings([&source]);
    let entries = split_entries(&source);
    if json {
        let list: Vec<serde_json::Value> = entries
            .iter()
            .enumerate()
            .map(|(i, e)| {
                serde_json::json!({
                    "index": i + 1,
                    "title": e.title,
                    "date": e.date,
                    "chars": e.range.len(),
                    "start": e.range.start,
                    "end": e.range.end,
                    "encoding": source.encoding,
                    "has_text": e.has_text,
                })
            })
            .collect();
        writeln!(stdout, "{}", serde_json::to_string_pretty(&list)?)?;
    } else {
        for (i, e) in entries.iter().enumerate() {
            let mark = if e.has_text { "" } else { "  [no text]" };
            writeln!(
                stdout,
                "{:>3}  {}  {}  {} chars  {}{}",
                i + 1,
                clean(&e.title, TITLE_CHARS),
                clean(e.date.as_deref().unwrap_or("-"), TITLE_CHARS),
                e.range.len(),
                source.encoding,
                mark
            )?;
        }
    }
    Ok(())
}
