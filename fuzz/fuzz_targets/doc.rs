//! The Word 97-2003 (.doc, .wps) reader on any bytes: text or a reason, never a panic.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use policy_lineage::document::formats::doc::extract_text;

fuzz_target!(|data: &[u8]| {
    if let Err(e) = extract_text(Path::new("f.doc"), data) {
        assert!(e.to_string().starts_with("f.doc"), "{e}");
    }
});
