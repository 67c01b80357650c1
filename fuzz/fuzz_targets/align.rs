//! The aligner on two documents cut from the input at its first form feed (or its middle):
//! spans in order, inside the child, pointing inside the parent, shares adding up.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policy_lineage::Document;
use policy_lineage::compare::compare;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let (parent, child) = text
        .split_once('\u{c}')
        .unwrap_or_else(|| text.split_at(text.floor_char_boundary(text.len() / 2)));
    let (Ok(parent), Ok(child)) = (
        Document::from_text("p.txt", parent),
        Document::from_text("c.txt", child),
    ) else {
        return;
    };
    let comparison = compare(&parent, &child);
    let mut last = child.range.start;
    for span in &comparison.spans {
        assert!(span.range.start >= last && span.range.start < span.range.end);
        assert!(span.range.end <= child.chars().len());
        last = span.range.end;
        if let Some(source) = &span.parent {
            assert!(source.end <= parent.chars().len());
        }
    }
    let s = &comparison.summary;
    assert!((s.inherited + s.adapted + s.added - 1.0).abs() < 1e-6 || child.content_chars() == 0);
});
