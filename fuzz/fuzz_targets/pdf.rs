//! The PDF reader on any bytes: text or a reason, never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use policy_lineage::document::formats::pdf::extract_text;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = extract_text(Path::new("f.pdf"), data) {
        assert!(e.to_string().starts_with("f.pdf"), "{e}");
    }
});
