//! A saved web page's article body, from any text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use policy_lineage::document::formats::html::extract_text;

fuzz_target!(|data: &[u8]| {
    extract_text(&String::from_utf8_lossy(data));
});
