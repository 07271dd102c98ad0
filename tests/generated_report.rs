//! The generator's committed small report loads with the figures written out below.
//!
//! `tests/fixtures/generated/small-contexts-regions.json.gz` is the gzipped output of
//! `python3 scripts/gen_coverage.py --files 20 --seed 43 --contexts --contexts-per-line 1
//! --regions --precision 2`; `bash scripts/bench.sh` checks that the generator still
//! writes exactly these bytes before it benchmarks anything. The expected rows were
//! computed from the JSON by a separate Python transcription of coverage.py's
//! `format_lines`, not by Covscope.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use common::{file_bytes, repository_path};

use covscope::core::analysis::missing_lines::format_missing_lines;
use covscope::core::formats::parse_coverage_py_json;
use covscope::core::model::{Counts, CoverageCounts, CoverageFormat};

/// Path, coverage text, statements, missing, branches, partial, missing-lines text and
/// the number of regions (functions plus classes, the "" entries included).
type ExpectedRow = (
    &'static str,
    &'static str,
    u64,
    u64,
    u64,
    u64,
    &'static str,
    usize,
);

/// A row as the table shows it: the same fields, with the missing lines as formatted text.
type ShownRow<'a> = (&'a str, &'a str, u64, u64, u64, u64, String, usize);

/// Every row of the generated report, in the report's (sorted) order.
const EXPECTED_FILE_ROWS: &[ExpectedRow] = &[
("apps/audit/src/audit/loader/server/server.py", "90.91", 9, 0, 2, 1, "4->6", 3),
    ("apps/inventory/src/inventory/views/parser/handlers.py", "70.97", 23, 4, 8, 3, "4, 13->15, 16->19, 23->27, 24-26", 3),
    ("apps/ledger/src/ledger/forms/parser.py", "100.00", 68, 0, 18, 0, "", 8),
    ("apps/search/src/search/queries/errors.py", "71.43", 5, 1, 2, 1, "5", 2),
    ("libs/audit/src/audit/render.py", "50.00", 72, 32, 32, 8, "1-17, 20->21, 23->27, 33->40, 36->37, 43-46, 52->53, 54->66, 59-61, 70-85, 94->95, 96->97, 100-102", 8),
    ("libs/auth/src/auth/client.py", "100.00", 13, 0, 6, 0, "", 4),
    ("libs/billing/src/billing/jobs/handlers/tasks.py", "100.00", 0, 0, 0, 0, "", 2),
    ("libs/export/src/export/handlers/store/models.py", "47.22", 54, 25, 18, 3, "2-7, 23-42, 51, 59-61, 70->exit", 7),
    ("libs/export/src/export/models/queries/client.py", "100.00", 6, 0, 4, 0, "", 2),
    ("libs/identity/src/identity/handlers.py", "50.00", 18, 9, 0, 0, "1-12", 5),
    ("libs/metrics/src/metrics/events/utils.py", "71.43", 10, 2, 4, 0, "19-20", 3),
    ("libs/pricing/src/pricing/config/views.py", "100.00", 8, 0, 2, 0, "", 2),
    ("platform/ingest/src/ingest/queries/render/jobs.py", "100.00", 3, 0, 0, 0, "", 2),
    ("platform/ledger/src/ledger/config/models/errors.py", "71.03", 119, 30, 26, 2, "2, 31, 51-73, 88-94, 95->97, 100->101, 111, 136-142, 148", 10),
    ("platform/search/src/search/config/store.py", "96.00", 21, 0, 4, 1, "29->30", 5),
    ("services/auth/src/auth/service.py", "78.26", 55, 8, 14, 7, "5-9, 27->36, 31->exit, 39->40, 41, 49, 55-57, 63->71, 75->76", 5),
    ("services/billing/src/billing/models/jobs/tasks.py", "62.30", 47, 12, 14, 1, "25-32, 37->39, 42-45, 54-56", 4),
    ("services/export/src/export/tasks/utils.py", "0.00", 16, 16, 8, 0, "1-22", 3),
    ("services/ingest/src/ingest/loader/serializers.py", "76.74", 62, 12, 24, 4, "4->5, 5->19, 12-16, 24-28, 49-53, 76->77, 77->78, 88", 7),
    ("tools/notify/src/notify/config.py", "51.25", 64, 29, 16, 4, "5->6, 8-23, 27, 32-44, 51->54, 65->66, 69-79", 5),
];

/// coverage.py's TOTAL line for the generated report.
const EXPECTED_TOTALS: CoverageCounts = CoverageCounts {
    statements: 673,
    executed: 493,
    missing: 180,
    excluded: 8,
    branches: 202,
    executed_branches: 103,
    missing_branches: 99,
    partial_branches: 35,
};

fn check(
    relative: &str,
    expected_rows: &[ExpectedRow],
    expected_totals: CoverageCounts,
    total_display: &str,
) {
    let outcome = parse_coverage_py_json(&file_bytes(&repository_path(relative)));
    assert_eq!(
        outcome.warning_messages(),
        Vec::<String>::new(),
        "{relative}: warnings"
    );
    let report = outcome.value.expect("the generated report loads");
    assert_eq!(
        (report.facts.format, report.facts.format_version.as_deref()),
        (CoverageFormat::CoveragePy, Some("3"))
    );
    assert_eq!(report.facts.tool_version.as_deref(), Some("7.17.3"));
    assert_eq!(
        report.facts.timestamp.as_deref(),
        Some("2026-01-01T00:00:43.000000")
    );
    assert!(report.facts.has_branches, "branches");
    assert!(report.facts.has_contexts, "contexts");
    assert!(report.facts.has_regions, "regions");
    assert_eq!(report.facts.precision.0, 2, "precision");
    let rows: Vec<ShownRow> = report
        .files
        .iter()
        .map(|file| {
            let counts = file.counts.coverage_py().expect("coverage.py counts");
            (
                file.path.as_str(),
                file.coverage.display.as_str(),
                counts.statements,
                counts.missing,
                counts.branches,
                counts.partial_branches,
                format_missing_lines(file),
                file.regions.len(),
            )
        })
        .collect();
    let expected: Vec<ShownRow> = expected_rows
        .iter()
        .map(|row| {
            (
                row.0,
                row.1,
                row.2,
                row.3,
                row.4,
                row.5,
                row.6.to_string(),
                row.7,
            )
        })
        .collect();
    assert_eq!(rows, expected, "{relative}: rows");
    assert_eq!(
        report.totals,
        Counts::CoveragePy(expected_totals),
        "{relative}: totals"
    );
    assert_eq!(
        report.total_coverage.display, total_display,
        "{relative}: total"
    );
}

#[test]
fn generated_report_with_contexts_and_regions_loads_with_its_figures() {
    check(
        "tests/fixtures/generated/small-contexts-regions.json.gz",
        EXPECTED_FILE_ROWS,
        EXPECTED_TOTALS,
        "68.11",
    );
}
