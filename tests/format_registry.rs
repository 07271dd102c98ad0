//! The input registry recognises every real fixture's format from its content alone.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use common::fixture_bytes;

use covscope::core::input::{recognise_coverage_content, Recognised, FORMAT_SIGNATURES};
use covscope::core::model::CoverageFormat;

/// What a fixture must be recognised as: a format, or a sentence for files Covscope
/// recognises but does not read.
enum Expected {
    Format(CoverageFormat),
    Message(&'static str),
}

/// The fixture files under `tests/fixtures/coverage/` and what each is; the names do not
/// matter to the registry (several are called `coverage.json`).
const FIXTURES: &[(&str, Expected)] = &[
    ("toolz/coverage.json", Expected::Format(CoverageFormat::CoveragePy)),
    ("toolz/coverage.xml", Expected::Format(CoverageFormat::Cobertura)),
    ("toolz/coverage.lcov", Expected::Format(CoverageFormat::Lcov)),
    ("boltons/coverage.json", Expected::Format(CoverageFormat::CoveragePy)),
    ("boltons/coverage.xml", Expected::Format(CoverageFormat::Cobertura)),
    ("boltons/coverage.lcov", Expected::Format(CoverageFormat::Lcov)),
    ("c8-express/coverage-final.json", Expected::Format(CoverageFormat::Istanbul)),
    ("c8-express/coverage-summary.json", Expected::Format(CoverageFormat::IstanbulSummary)),
    ("c8-express/lcov.info", Expected::Format(CoverageFormat::Lcov)),
    ("c8-express/cobertura-coverage.xml", Expected::Format(CoverageFormat::Cobertura)),
    ("c8-express/clover.xml", Expected::Format(CoverageFormat::Clover)),
    ("c8-commander/coverage-final.json", Expected::Format(CoverageFormat::Istanbul)),
    ("c8-commander/clover.xml", Expected::Format(CoverageFormat::Clover)),
    ("jest-commander/coverage-final.json", Expected::Format(CoverageFormat::Istanbul)),
    ("jest-commander/coverage-summary.json", Expected::Format(CoverageFormat::IstanbulSummary)),
    ("jest-commander/lcov.info", Expected::Format(CoverageFormat::Lcov)),
    ("jest-commander/cobertura-coverage.xml", Expected::Format(CoverageFormat::Cobertura)),
    ("jest-commander/clover.xml", Expected::Format(CoverageFormat::Clover)),
    ("jest-v8-commander/coverage-final.json", Expected::Format(CoverageFormat::Istanbul)),
    ("istanbul-oddities/nyc/coverage-final.json", Expected::Format(CoverageFormat::Istanbul)),
    ("istanbul-oddities/nyc/coverage-summary.json", Expected::Format(CoverageFormat::IstanbulSummary)),
    ("istanbul-oddities/c8/coverage-final.json", Expected::Format(CoverageFormat::Istanbul)),
    ("istanbul-oddities/c8-single-folder/coverage-final.json", Expected::Format(CoverageFormat::Istanbul)),
    ("istanbul-oddities/c8-nothing/coverage-summary.json", Expected::Format(CoverageFormat::IstanbulSummary)),
    ("gocover-toml/cover.out", Expected::Format(CoverageFormat::Go)),
    ("jacoco-commons-cli/jacoco.xml", Expected::Format(CoverageFormat::Jacoco)),
    ("llvmcov-semver/coverage.json", Expected::Format(CoverageFormat::LlvmCov)),
    ("llvmcov-semver/coverage-summary.json", Expected::Format(CoverageFormat::LlvmCov)),
    ("llvmcov-semver/lcov.info", Expected::Format(CoverageFormat::Lcov)),
    ("llvmcov-semver/cobertura.xml", Expected::Format(CoverageFormat::Cobertura)),
    ("llvmcov-cpp-shapes/llvm-14/coverage.json", Expected::Format(CoverageFormat::LlvmCov)),
    ("llvmcov-cpp-shapes/llvm-14/coverage-summary.json", Expected::Format(CoverageFormat::LlvmCov)),
    ("llvmcov-cpp-shapes/llvm-14/lcov.info", Expected::Format(CoverageFormat::Lcov)),
    ("llvmcov-cpp-shapes/llvm-19/coverage.json", Expected::Format(CoverageFormat::LlvmCov)),
    ("llvmcov-cpp-shapes/llvm-19/coverage-summary.json", Expected::Format(CoverageFormat::LlvmCov)),
    ("llvmcov-cpp-shapes/llvm-19/lcov.info", Expected::Format(CoverageFormat::Lcov)),
    (
        "llvmcov-semver/codecov.json",
        Expected::Message("this looks like Codecov's JSON upload format, which Covscope does not read; drop the report the coverage tool wrote instead (lcov, Cobertura or llvm-cov JSON)"),
    ),
    ("tarpaulin-semver/tarpaulin-report.json", Expected::Format(CoverageFormat::Tarpaulin)),
    ("tarpaulin-semver/lcov.info", Expected::Format(CoverageFormat::Lcov)),
    ("tarpaulin-semver/cobertura.xml", Expected::Format(CoverageFormat::Cobertura)),
    (
        "jacoco-commons-cli/html/index.html",
        Expected::Message("this looks like an HTML page (a report's web view, such as htmlcov's index.html); drop the report file itself (coverage.json, lcov.info, an XML report...)"),
    ),
];

/// The format a recognised file is, or the message for one that is not read.
fn recognised_as(bytes: &[u8]) -> Result<CoverageFormat, String> {
    match recognise_coverage_content(bytes) {
        Recognised::Format { format, .. } => Ok(format),
        Recognised::Unread { message } => {
            // A format without its parser yet says which format it is; report that
            // format, so this table stays right as parsers arrive.
            match FORMAT_SIGNATURES.iter().find(|signature| {
                message.contains(&format!(
                    " {}, which Covscope does not read yet",
                    signature.format.profile().name
                ))
            }) {
                Some(signature) => Ok(signature.format),
                None => Err(message),
            }
        }
        Recognised::Unclaimed => Err("unclaimed".to_string()),
    }
}

fn check(relative: &str, expected: &Expected) {
    let bytes = fixture_bytes(&format!("coverage/{relative}"));
    let found = recognised_as(&bytes);
    match expected {
        Expected::Format(format) => assert_eq!(found, Ok(*format), "{relative}"),
        Expected::Message(message) => assert_eq!(found, Err(message.to_string()), "{relative}"),
    }
}

#[test]
fn every_fixture_is_recognised_from_its_content() {
    for (relative, expected) in FIXTURES {
        check(relative, expected);
    }
}

/// Small made-up starts that test each signature's edge: what must and must not claim.
#[test]
fn signatures_claim_only_their_own_content() {
    let cases: &[(&str, Result<CoverageFormat, &str>)] = &[
        ("{\"files\": {}, \"totals\": {}}", Ok(CoverageFormat::CoveragePy)),
        ("  \n{ \"meta\" : {\"format\": 3}}", Ok(CoverageFormat::CoveragePy)),
        ("{\"files\": [{\"path\": [\"a\"], \"traces\": []}]}", Ok(CoverageFormat::Tarpaulin)),
        ("{\"data\": [], \"type\": \"llvm.coverage.json.export\", \"version\": \"2.0.1\"}", Ok(CoverageFormat::LlvmCov)),
        ("mode: atomic\na.go:1.1,2.2 1 0\n", Ok(CoverageFormat::Go)),
        ("SF:a.c\nDA:1,1\nend_of_record\n", Ok(CoverageFormat::Lcov)),
        ("<?xml version=\"1.0\"?>\n<!-- made by hand -->\n<coverage line-rate=\"1\"></coverage>", Ok(CoverageFormat::Cobertura)),
        ("<report name=\"x\"><sessioninfo id=\"a\"/></report>", Ok(CoverageFormat::Jacoco)),
        ("<coverage generated=\"1\" clover=\"3.2.0\"><project/></coverage>", Ok(CoverageFormat::Clover)),
        ("<?xml version=\"1.0\"?><svg></svg>", Err("this is XML whose root element is <svg>, which is none of the XML coverage formats Covscope reads (Cobertura's <coverage line-rate=…>, Clover's <coverage><project>, JaCoCo's <report>)")),
        ("<!DOCTYPE html><html></html>", Err("this looks like an HTML page (a report's web view, such as htmlcov's index.html); drop the report file itself (coverage.json, lcov.info, an XML report...)")),
        ("{\"/src/a.js\": {\"branches\": {\"covered\": 1, \"pct\": 50, \"total\": 2}, \"statements\": {}}, \"total\": {}}", Ok(CoverageFormat::IstanbulSummary)),
        ("{\"/src/a.js\": {\"path\": \"/src/a.js\", \"statementMap\": {}}}", Ok(CoverageFormat::Istanbul)),
        ("{\"name\": \"x\"}", Err("unclaimed")),
        ("[1, 2]", Err("unclaimed")),
        ("hello", Err("unclaimed")),
    ];
    for (content, expected) in cases {
        let found = recognised_as(content.as_bytes());
        assert_eq!(found, expected.map_err(str::to_string), "{content}");
    }
}
