//! Any bytes as a bank or rubric file: the loader reports problems, never panics.
#![no_main]

use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let _ = viva::bank::Bank::from_texts(&[("fuzz.ron", &text)]);
});
