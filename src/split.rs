//! Finding the documents in a file: most files hold one, a scraped listing holds many (each
//! twice, with page-template junk between them), a saved web page has site chrome on top.

use std::ops::Range;

use crate::load::SourceFile;

/// One document found in a file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Entry {
    /// The document's characters in the file, chrome excluded.
    pub range: Range<usize>,
    pub title: String,
    pub date: Option<String>,
    /// False for an entry that is only a title and a file name (a linked PDF).
    pub has_text: bool,
}

/// Splits a file into its documents, in order, duplicates and template junk dropped.
pub fn split_entries(source: &SourceFile) -> Vec<Entry> {
    vec![Entry {
        range: 0..source.chars.len(),
        title: source.file_name(),
        date: None,
        has_text: true,
    }]
}
