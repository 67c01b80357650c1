//! Splitting a file into its documents: entries in order, inside the file, each openable or
//! refused.
#![no_main]

use std::sync::Arc;

use libfuzzer_sys::fuzz_target;
use policy_lineage::Document;
use policy_lineage::document::decode::SourceFile;
use policy_lineage::document::split::split_entries;

fuzz_target!(|data: &[u8]| {
    let source = SourceFile::from_text("f.txt", String::from_utf8_lossy(data));
    let entries = split_entries(&source);
    let mut last = 0;
    for entry in &entries {
        assert!(entry.range.start >= last && entry.range.end <= source.chars.len());
        last = entry.range.end;
    }
    let source = Arc::new(source);
    for index in 1..=entries.len().min(3) {
        let which = (entries.len() > 1).then_some(index);
        if let Ok(doc) = Document::from_source(source.clone(), which) {
            assert!(doc.range.end <= source.chars.len());
        }
    }
});
