//! Fuzzes the dropped-file dispatcher: the first byte picks the file name (JSON, markdown,
//! XML, lcov, no extension...) and the rest is the content; never a panic.
#![no_main]

use covscope::core::input::parse_dropped_file;
use libfuzzer_sys::fuzz_target;

/// Names that reach every branch of the dispatcher, folders and odd case included.
const FILE_NAMES: [&str; 10] = [
    "coverage.json",
    "x.json",
    "x.md",
    ".planning/phases/05-x/05-01-PLAN.md",
    "05-VERIFICATION.MARKDOWN",
    "coverage.xml",
    "lcov.info",
    "x.lcov",
    "index.html",
    "no-extension",
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, content)) = data.split_first() else {
        return;
    };
    let file_name = FILE_NAMES[usize::from(selector) % FILE_NAMES.len()];
    let _ = parse_dropped_file(file_name, content);
});
