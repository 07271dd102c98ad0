//! Fuzzes the Cobertura XML parser: any bytes give a report or an error, never a panic, and a
//! report that loads keeps the model's promises and has every figure computable.
#![no_main]

#[path = "common/coverage_report_checks.rs"]
mod coverage_report_checks;

use covscope::core::formats::parse_cobertura_xml;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    coverage_report_checks::check_parser(parse_cobertura_xml, data);
});
