//! Istanbul's own printed output for a fixture run, read as data: the `text` reporter's
//! table (`report.txt`), the `text-summary` totals (`text-summary.txt`) and the per-file
//! counts of `coverage-summary.json`. Tests of every format Istanbul writes compare with it.
#![allow(dead_code)] // Each test file uses the part it needs.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

/// One file row of Istanbul's text table, exactly as printed.
#[derive(Clone, Debug, PartialEq)]
pub struct IstanbulRow {
    /// The folder label and file name joined (`commander.js/lib/command.js`), which the
    /// report's absolute paths end with.
    pub path_suffix: String,
    pub statements_pct: String,
    pub branches_pct: String,
    pub functions_pct: String,
    pub lines_pct: String,
    pub uncovered: String,
}

/// One metric of `text-summary.txt`: `Lines : 99.46% ( 1299/1306 )`.
#[derive(Clone, Debug, PartialEq)]
pub struct SummaryFigure {
    pub pct: String,
    pub covered: u64,
    pub total: u64,
}

/// covered/total per metric for one file of `coverage-summary.json`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SummaryCounts {
    pub lines: (u64, u64),
    pub statements: (u64, u64),
    pub branches: (u64, u64),
    pub functions: (u64, u64),
}

pub fn fixture_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/coverage")
        .join(relative)
}

pub fn read_fixture(relative: &str) -> Vec<u8> {
    let path = fixture_path(relative);
    std::fs::read(&path).unwrap_or_else(|error| panic!("{path:?}: {error}"))
}

pub fn read_text(relative: &str) -> String {
    String::from_utf8(read_fixture(relative)).expect("fixture text is UTF-8")
}

/// The file rows of Istanbul's `report.txt` (folder rows are one space in, files two).
pub fn read_istanbul_table(relative: &str) -> Vec<IstanbulRow> {
    let text = read_text(relative);
    let mut folder = String::new();
    let mut rows = Vec::new();
    for line in text.lines() {
        let cells: Vec<&str> = line.split(" | ").collect();
        if cells.len() != 6 || cells[0].starts_with("File") || cells[0].starts_with("All files") {
            continue;
        }
        let name = cells[0];
        let depth = name.len() - name.trim_start().len();
        let name = name.trim();
        if depth == 1 {
            folder = name.to_string();
            continue;
        }
        rows.push(IstanbulRow {
            path_suffix: format!("{folder}/{name}"),
            statements_pct: cells[1].trim().to_string(),
            branches_pct: cells[2].trim().to_string(),
            functions_pct: cells[3].trim().to_string(),
            lines_pct: cells[4].trim().to_string(),
            uncovered: cells[5].trim().to_string(),
        });
    }
    assert!(!rows.is_empty(), "{relative}: no file rows");
    rows
}

/// `text-summary.txt`'s four totals, keyed `Statements`, `Branches`, `Functions`, `Lines`.
pub fn read_text_summary(relative: &str) -> BTreeMap<String, SummaryFigure> {
    let text = read_text(relative);
    let mut figures = BTreeMap::new();
    for line in text.lines() {
        let Some((name, rest)) = line.split_once(':') else {
            continue;
        };
        let Some((pct, counts)) = rest.trim().split_once("% (") else {
            continue;
        };
        let counts = counts.trim().trim_end_matches(')').trim();
        let (covered, total) = counts.split_once('/').expect("covered/total");
        figures.insert(
            name.trim().to_string(),
            SummaryFigure {
                pct: pct.trim().to_string(),
                covered: covered.trim().parse().expect("covered"),
                total: total.trim().parse().expect("total"),
            },
        );
    }
    assert_eq!(figures.len(), 4, "{relative}: four totals");
    figures
}

/// `coverage-summary.json`'s per-file counts, keyed by the file's path as Istanbul wrote it.
pub fn read_summary_counts(relative: &str) -> BTreeMap<String, SummaryCounts> {
    let value: serde_json::Value =
        serde_json::from_slice(&read_fixture(relative)).expect("summary is JSON");
    let object = value.as_object().expect("an object");
    let pair = |entry: &serde_json::Value, metric: &str| {
        let metric = &entry[metric];
        (
            metric["covered"].as_u64().expect("covered"),
            metric["total"].as_u64().expect("total"),
        )
    };
    object
        .iter()
        .filter(|(key, _)| key.as_str() != "total")
        .map(|(key, entry)| {
            (
                key.clone(),
                SummaryCounts {
                    lines: pair(entry, "lines"),
                    statements: pair(entry, "statements"),
                    branches: pair(entry, "branches"),
                    functions: pair(entry, "functions"),
                },
            )
        })
        .collect()
}

/// The row of a file whose path ends with the row's folder and name.
pub fn row_for<'rows>(rows: &'rows [IstanbulRow], path: &str) -> &'rows IstanbulRow {
    rows.iter()
        .find(|row| path.ends_with(&format!("/{}", row.path_suffix)))
        .unwrap_or_else(|| panic!("no report.txt row for {path}"))
}
