//! The outline parser on any text: sections and paragraphs inside the range it was given.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policy_lineage::document::outline::parse_outline;

fuzz_target!(|data: &[u8]| {
    let chars: Vec<char> = String::from_utf8_lossy(data).chars().collect();
    // The first two characters' values pick a range, so that ranges not starting at 0 are tried.
    let start = chars.first().map_or(0, |&c| c as usize % (chars.len() + 1));
    let end = chars.get(1).map_or(chars.len(), |&c| {
        start + c as usize % (chars.len() - start + 1)
    });
    let outline = parse_outline(&chars, start..end);
    for section in &outline.sections {
        assert!(section.heading.start >= start && section.heading.end <= end);
    }
    for paragraph in &outline.paragraphs {
        assert!(paragraph.range.start >= start && paragraph.range.end <= end);
    }
});
