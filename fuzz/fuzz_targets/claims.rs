//! Fuzzes the claims reader and checker: any text as a markdown body and as a whole
//! document, its claims found and checked against a real report; never a panic, every span
//! inside the text on character boundaries, every context at most 200 characters.
#![no_main]

use std::sync::OnceLock;

use covscope::core::analysis::claims::{check_claim, check_document, extract_claims_from_text};
use covscope::core::document::parse_document;
use covscope::core::formats::parse_coverage_py_json;
use covscope::core::model::CoverageReport;
use libfuzzer_sys::fuzz_target;

/// A real coverage.py report with regions and two decimals, read once.
fn report() -> &'static CoverageReport {
    static REPORT: OnceLock<CoverageReport> = OnceLock::new();
    REPORT.get_or_init(|| {
        let bytes = include_bytes!("../../tests/fixtures/coverage/toolz/coverage-precision2.json");
        parse_coverage_py_json(bytes).value.expect("the fixture loads")
    })
}

fuzz_target!(|data: &[u8]| {
    let Some((&selector, rest)) = data.split_first() else {
        return;
    };
    let Ok(text) = std::str::from_utf8(rest) else {
        return;
    };
    for claim in extract_claims_from_text(text) {
        let (start, end) = claim.span;
        assert!(start <= end && end <= text.len());
        assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        assert!(claim.context.chars().count() <= 200);
        let _ = check_claim(&claim, report());
    }
    // The first byte names the document and the report, so the run rule is exercised too.
    let names = ["20-VERIFICATION.md", "20-01-PLAN.md", "20-01-SUMMARY.md", "NOTES.md"];
    let report_names = ["coverage.json", "toolz/coverage_final.json", "run-a/coverage.json"];
    if let Some(document) = parse_document(names[usize::from(selector) % 4], rest).value {
        let name = report_names[usize::from(selector / 4) % 3];
        let reports = [(0, name, report()), (1, "run-b/coverage.json", report())];
        let _ = check_document(&document, &reports, Some(0), (selector & 0x80 != 0).then_some(1));
    }
});
