//! Every format's report survives the share layout and the worker hand-over unchanged.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use common::{file_bytes, files_under, fixture_path, hand_over_whole};
use covscope::core::input::{parse_dropped_file, DroppedContent};
use covscope::core::model::CoverageFormat;
use covscope::core::share::{report_from_worker_snapshot, snapshot_of};

/// Every real fixture that loads as a report of a format other than coverage.py's (whose
/// own layout `tests/share.rs` covers).
#[test]
fn every_other_formats_fixture_round_trips() {
    let mut checked = Vec::new();
    for path in files_under(&fixture_path("coverage")) {
        let name = path.to_string_lossy().into_owned();
        if name.ends_with(".md") || name.ends_with(".txt") || name.ends_with(".html") {
            continue;
        }
        let Some(DroppedContent::Coverage(report)) =
            parse_dropped_file(&name, &file_bytes(&path)).value
        else {
            continue;
        };
        if report.facts.format == CoverageFormat::CoveragePy {
            continue;
        }
        let decoded = report_from_worker_snapshot(&snapshot_of(&report));
        assert_eq!(decoded.diagnostics, vec![], "{name}");
        assert_eq!(
            decoded.value.as_ref(),
            Some(report.as_ref()),
            "{name}: snapshot"
        );
        assert_eq!(
            hand_over_whole((*report).clone())
                .assembled()
                .value
                .as_ref(),
            Some(report.as_ref()),
            "{name}: hand-over"
        );
        checked.push(report.facts.format);
    }
    assert!(
        checked.contains(&CoverageFormat::Istanbul)
            && checked.contains(&CoverageFormat::IstanbulSummary),
        "the Istanbul fixtures were checked: {checked:?}"
    );
}
