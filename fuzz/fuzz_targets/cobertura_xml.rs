//! Fuzzes the Cobertura XML parser: any bytes give a report or an error, never a panic, and
//! every figure of a report that loads can be computed (see `shared/loaded_report.rs`);
//! such a report keeps the promises of `shared/xml_report_invariants.rs`.
#![no_main]

#[path = "shared/loaded_report.rs"]
mod loaded_report;
#[path = "shared/xml_report_invariants.rs"]
mod xml_report_invariants;

use covscope::core::formats::parse_cobertura_xml;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    if let Some(report) = loaded_report::parse_and_compute_figures(data, parse_cobertura_xml) {
        xml_report_invariants::check(&report);
    }
});
