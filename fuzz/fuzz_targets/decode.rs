//! Bytes to text: any bytes decode to text whose characters are the text's, or are refused.
#![no_main]

use std::path::Path;

use libfuzzer_sys::fuzz_target;
use policy_lineage::document::decode::decode_bytes;

fuzz_target!(|data: &[u8]| {
    if let Ok(source) = decode_bytes(Path::new("f.txt"), data) {
        assert_eq!(source.chars.len(), source.text.chars().count());
    }
});
