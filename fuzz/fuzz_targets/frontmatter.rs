//! Fuzzes frontmatter (the YAML reader and its line-by-line fallback): any text between
//! `---` lines, read as a planning document whose claims are then extracted; never a panic.
#![no_main]

use covscope::core::analysis::claims::extract_claims;
use covscope::core::document::parse_document;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let Some((&selector, yaml)) = data.split_first() else {
        return;
    };
    // Both a closed block and one left open reach the reader; the kinds that read
    // frontmatter facts (plan, summary, verification) all get their turn.
    let file_name = [
        "05-01-PLAN.md",
        "05-01-SUMMARY.md",
        "05-VERIFICATION.md",
        "notes.md",
    ][usize::from(selector) % 4];
    let mut bytes = b"---\n".to_vec();
    bytes.extend_from_slice(yaml);
    if selector & 0x80 == 0 {
        bytes.extend_from_slice(b"\n---\n# Title\n\nBody.\n");
    }
    let outcome = parse_document(file_name, &bytes);
    if let Some(document) = outcome.value {
        if let Some(frontmatter) = &document.frontmatter {
            let _ = frontmatter.fact_rows();
        }
        let _ = extract_claims(&document);
    }
});
