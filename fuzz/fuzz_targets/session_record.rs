//! Any bytes as a session record: the loader reports a damaged file, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = viva::storage::parse_record(std::path::Path::new("fuzz.ron"), &text);
});
