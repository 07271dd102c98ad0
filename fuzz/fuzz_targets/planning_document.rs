//! Fuzzes the planning-document reader: the first byte picks the document kind by file
//! name, the rest is the file; the document and its claims are read, never a panic.
#![no_main]

use covscope::core::analysis::claims::{extract_claims, extract_goal_claims};
use covscope::core::document::parse_document;
use libfuzzer_sys::fuzz_target;

const FILE_NAMES: [&str; 8] = [
    "05-02-PLAN.md",
    "05-02-SUMMARY.md",
    "05-VERIFICATION.md",
    "05-UAT.md",
    "05-CONTEXT.md",
    "ROADMAP.md",
    ".planning/phases/225.1-x/225.1-GAP-03-PLAN.md",
    "notes.md",
];

fuzz_target!(|data: &[u8]| {
    let Some((&selector, content)) = data.split_first() else {
        return;
    };
    let file_name = FILE_NAMES[usize::from(selector) % FILE_NAMES.len()];
    let outcome = parse_document(file_name, content);
    if let Some(document) = outcome.value {
        let _ = extract_claims(&document);
        let _ = extract_goal_claims(&document);
    }
});
