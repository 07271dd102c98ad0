//! The functions and classes index: every region row shows the report's own figures for
//! that region, and the view filters and sorts them.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use common::{coverage_py_report, fixture_bytes};

use covscope::core::analysis::regions::{region_columns, region_rows, RegionColumn, RegionView};
use covscope::core::analysis::table::TableColumn;
use covscope::core::model::RegionKind;

/// Every function and class of coverage.py's JSON (its own `summary` of each region,
/// read here with a plain JSON reader) appears once in the index with those figures.
#[test]
fn every_region_row_shows_coverage_py_own_figures() {
    let relative = "toolz/coverage.json";
    let report = coverage_py_report(&format!("coverage/{relative}"));
    let json: serde_json::Value =
        serde_json::from_slice(&fixture_bytes(&format!("coverage/{relative}"))).expect("JSON");
    let mut expected = Vec::new();
    for (path, file) in json["files"].as_object().expect("files") {
        for (kind_key, kind) in [("functions", "function"), ("classes", "class")] {
            for (name, region) in file[kind_key].as_object().expect("regions") {
                if name.is_empty() {
                    continue;
                }
                let summary = &region["summary"];
                expected.push(format!(
                    "{path} {name} {kind} {} {} {}",
                    summary["num_statements"],
                    summary["missing_lines"],
                    summary["percent_covered_display"]
                        .as_str()
                        .expect("display")
                ));
            }
        }
    }
    expected.sort();
    let mut found: Vec<String> = region_rows(&report, None, &RegionView::default())
        .iter()
        .map(|row| {
            let file = &report.files[row.file_index as usize];
            let region = &file.regions[row.region_index as usize];
            let counts = region.counts.coverage_py().expect("coverage.py counts");
            let kind = match region.kind {
                RegionKind::Function => "function",
                RegionKind::Class => "class",
            };
            format!(
                "{} {} {kind} {} {} {}",
                file.path, region.name, counts.statements, counts.missing, region.coverage.display
            )
        })
        .collect();
    found.sort();
    // PROVENANCE.md counts 196 regions, among them each of the 14 files' two "" regions.
    assert_eq!(found.len(), 196 - 2 * 14);
    assert_eq!(found, expected);
}

#[test]
fn the_index_filters_and_sorts() {
    let report = coverage_py_report("coverage/toolz/coverage.json");
    let names = |view: &RegionView| -> Vec<String> {
        region_rows(&report, None, view)
            .iter()
            .map(|row| {
                report.files[row.file_index as usize].regions[row.region_index as usize]
                    .name
                    .clone()
            })
            .collect()
    };
    let curry_classes = RegionView {
        filter: "CURRY".to_string(),
        kind: Some(RegionKind::Class),
        ..RegionView::default()
    };
    assert_eq!(names(&curry_classes), ["curry"]);
    let worst_first = RegionView {
        sort: RegionColumn::Figure(TableColumn::Coverage),
        only_gaps: true,
        kind: Some(RegionKind::Function),
        ..RegionView::default()
    };
    // The functions of coverage.json below 100%, lowest first (ties by file and line).
    assert_eq!(
        names(&worst_first)[..4],
        [
            "Compose._get_annotate",
            "Compose._get_annotate.annotate",
            "Compose._combined_annotations.annotations_of",
            "Compose._combined_annotations"
        ]
    );
    assert_eq!(names(&worst_first).len(), 10);
    assert_eq!(
        region_columns(&report)
            .iter()
            .map(|column| column.key())
            .collect::<Vec<_>>(),
        [
            "name",
            "file",
            "line",
            "kind",
            "statements",
            "missing",
            "branches",
            "partial",
            "coverage"
        ]
    );
}
