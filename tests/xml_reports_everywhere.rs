//! Every real Cobertura, Clover and JaCoCo fixture works everywhere a coverage.py report
//! does: it survives the worker's snapshot and a share link unchanged, its table sorts by
//! every column, and two Cobertura runs of a project combine as lcov's merge does.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::build_table;
use covscope::core::analysis::combine::combine_reports;
use covscope::core::analysis::table::{table_columns, SortOrder, TableView, Thresholds};
use covscope::core::input::{parse_dropped_file, DroppedContent};
use covscope::core::model::{CoverageFormat, CoverageReport, Metric};
use covscope::core::share::{
    decode_share_fragment, encode_share_fragment, report_from_snapshot,
    report_from_worker_snapshot, snapshot_of, ViewState,
};

/// Every XML fixture and its format.
const FIXTURES: [(&str, CoverageFormat); 13] = [
    ("toolz/coverage.xml", CoverageFormat::Cobertura),
    ("boltons/coverage.xml", CoverageFormat::Cobertura),
    (
        "c8-express/cobertura-coverage.xml",
        CoverageFormat::Cobertura,
    ),
    (
        "c8-commander/cobertura-coverage.xml",
        CoverageFormat::Cobertura,
    ),
    (
        "jest-commander/cobertura-coverage.xml",
        CoverageFormat::Cobertura,
    ),
    (
        "jest-v8-commander/cobertura-coverage.xml",
        CoverageFormat::Cobertura,
    ),
    ("llvmcov-semver/cobertura.xml", CoverageFormat::Cobertura),
    ("tarpaulin-semver/cobertura.xml", CoverageFormat::Cobertura),
    ("c8-express/clover.xml", CoverageFormat::Clover),
    ("c8-commander/clover.xml", CoverageFormat::Clover),
    ("jest-commander/clover.xml", CoverageFormat::Clover),
    ("jest-v8-commander/clover.xml", CoverageFormat::Clover),
    ("jacoco-commons-cli/jacoco.xml", CoverageFormat::Jacoco),
];

fn load(relative: &str) -> CoverageReport {
    let outcome = parse_dropped_file(
        relative,
        &common::fixture_bytes(&format!("coverage/{relative}")),
    );
    match outcome.value {
        Some(DroppedContent::Coverage(report)) => *report,
        _ => panic!("{relative}: {:?}", outcome.diagnostics),
    }
}

#[test]
fn every_xml_fixture_round_trips_through_snapshots_and_share_links() {
    for (relative, format) in FIXTURES {
        let report = load(relative);
        assert_eq!(report.facts.format, format, "{relative}");
        let snapshot = snapshot_of(&report);
        let back = report_from_snapshot(&snapshot);
        assert!(
            back.value.as_ref() == Some(&report),
            "{relative}: {:?}",
            back.diagnostics
        );
        let from_worker = report_from_worker_snapshot(&snapshot);
        assert!(
            from_worker.value.as_ref() == Some(&report),
            "{relative}: worker"
        );
        let view = ViewState {
            selected_report: Some(relative.to_string()),
            selected_file: report.files.first().map(|file| file.path.clone()),
            ..ViewState::default()
        };
        let encoded = encode_share_fragment(&view, &[(relative, &report)]).expect("shareable");
        let decoded = decode_share_fragment(&format!("#{}", encoded.fragment));
        let payload = decoded.value.expect("the link opens");
        assert_eq!(payload.view, view, "{relative}");
        assert!(payload.reports[0].1 == report, "{relative}: through a link");
    }
}

#[test]
fn every_column_sorts_both_ways() {
    for (relative, _) in FIXTURES {
        let report = load(relative);
        for column in table_columns(&report) {
            for descending in [false, true] {
                let view = TableView {
                    sort: SortOrder { column, descending },
                    filter: String::new(),
                    hide_covered: false,
                    thresholds: Thresholds {
                        low: 50.0,
                        high: 90.0,
                    },
                };
                let table = build_table(&report, &view);
                assert_eq!(
                    table.rows.len(),
                    report.files.len(),
                    "{relative} {column:?}"
                );
            }
        }
    }
}

/// Two Cobertura runs of one project combine like `lcov -a`: a line ran if it ran in
/// either, hits summed. The c8 run of express, combined with itself, doubles every hit and
/// keeps every count.
#[test]
fn cobertura_runs_combine_line_by_line() {
    let report = load("c8-express/cobertura-coverage.xml");
    let outcome = combine_reports(&[&report, &report]);
    let combined = outcome.value.expect("combinable");
    for (file, merged) in report.files.iter().zip(&combined.files) {
        assert_eq!(merged.executed_lines, file.executed_lines, "{}", file.path);
        let doubled: Vec<u64> = file
            .executed_line_hits
            .iter()
            .map(|hits| hits * 2)
            .collect();
        assert_eq!(merged.executed_line_hits, doubled, "{}", file.path);
        assert_eq!(
            merged.counts.tally(Metric::Lines),
            file.counts.tally(Metric::Lines),
            "{}",
            file.path
        );
    }
}
