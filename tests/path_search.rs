//! The table filter's search over distinct folders and file names finds exactly the files
//! whose lowercased path contains the filter, as the plain per-path check
//! (`path_matches_filter`) does: for texts inside a folder, inside a name and across the
//! cut between them, with either separator, Unicode lowercasing, files at the top and
//! repeated folders and names, on hand-made paths (expected files written out), the
//! fixture reports and a generated one.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use common::{fixture_reports, report_of_paths, Xorshift};

use covscope::core::analysis::path_search::PathSegments;
use covscope::core::analysis::table::{path_matches_filter, TableRowIndex};
use covscope::core::model::CoverageReport;

/// Paths with the shapes the cut must handle; their numbers are the expected files below.
const PATHS: [&str; 12] = [
    "services/billing/src/billing/models.py",
    "services/billing/src/billing/models/views.py",
    "libs/search/src/search/models.py",
    "setup.py",
    "C:\\work\\Billing\\Models.cs",
    "src\\mixed/sep\\name.py",
    "src/Straße/Ölfeld.py",
    "src/İstanbul/MAP.py",
    "SRC/ΑΒΓ/δ.py",
    "a/b/",
    "models.py/models.py",
    "libs/search/src/search/models.py",
];

/// A filter as typed and the files (by number in `PATHS`) whose paths contain it.
struct FilterCase {
    filter: &'static str,
    files: &'static [usize],
}

const CASES: [FilterCase; 23] = [
    // Empty (or only spaces): every file.
    FilterCase {
        filter: "",
        files: &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    },
    FilterCase {
        filter: "   ",
        files: &[0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11],
    },
    // Inside a folder, in any case.
    FilterCase {
        filter: "/billing/",
        files: &[0, 1],
    },
    FilterCase {
        filter: "BILLING",
        files: &[0, 1, 4],
    },
    // Inside a name only, and in a folder of the same text.
    FilterCase {
        filter: "views",
        files: &[1],
    },
    FilterCase {
        filter: "models",
        files: &[0, 1, 2, 4, 10, 11],
    },
    // Across the cut: the folder ends with the part up to the last separator, the name
    // starts with the rest.
    FilterCase {
        filter: "billing/models.py",
        files: &[0],
    },
    FilterCase {
        filter: "/models.py",
        files: &[0, 2, 10, 11],
    },
    FilterCase {
        filter: "models/views",
        files: &[1],
    },
    FilterCase {
        filter: "src/search/models.py",
        files: &[2, 11],
    },
    FilterCase {
        filter: "\\models.cs",
        files: &[4],
    },
    FilterCase {
        filter: "sep\\name",
        files: &[5],
    },
    FilterCase {
        filter: "mixed/sep",
        files: &[5],
    },
    // A separator at the end: only inside folders.
    FilterCase {
        filter: "src/",
        files: &[0, 1, 2, 6, 7, 8, 11],
    },
    FilterCase {
        filter: "b/",
        files: &[9],
    },
    // A file at the top, and a whole path.
    FilterCase {
        filter: "setup.py",
        files: &[3],
    },
    FilterCase {
        filter: "services/billing/src/billing/models/views.py",
        files: &[1],
    },
    // Unicode lowercasing: `ß` stays, `İ` becomes `i` and a combining dot, Greek capitals
    // their small letters.
    FilterCase {
        filter: "straße/ölfeld",
        files: &[6],
    },
    FilterCase {
        filter: "i\u{307}stanbul/map",
        files: &[7],
    },
    FilterCase {
        filter: "αβγ/δ.py",
        files: &[8],
    },
    // Text found nowhere, and texts that would only match by running from one folder or
    // name into the next where they are stored one after another.
    FilterCase {
        filter: "billing/x",
        files: &[],
    },
    FilterCase {
        filter: "views.pysetup",
        files: &[],
    },
    FilterCase {
        filter: "billing/services",
        files: &[],
    },
];

/// The files whose paths contain `filter`, by the index's search.
fn files_found(index: &TableRowIndex, filter: &str) -> Vec<usize> {
    let needle = filter.trim().to_lowercase();
    index
        .files_whose_path_contains(&needle)
        .iter()
        .enumerate()
        .filter_map(|(file, &found)| found.then_some(file))
        .collect()
}

/// The index's search agrees with the plain per-path check for every file and filter.
fn check_against_plain(name: &str, report: &CoverageReport, filters: &[String]) {
    let index = TableRowIndex::build(report);
    for filter in filters {
        let needle = filter.trim().to_lowercase();
        let found = index.files_whose_path_contains(&needle);
        for (file_index, file) in report.files.iter().enumerate() {
            assert_eq!(
                found[file_index],
                path_matches_filter(&file.path, filter),
                "{name}: {filter:?} in {:?}",
                file.path
            );
        }
    }
}

/// Filters taken from a report's own paths: every path whole, and pieces of some starting
/// and ending anywhere (so across every kind of cut), in upper case too.
fn filters_from_paths(report: &CoverageReport, seed: u64) -> Vec<String> {
    let mut draws = Xorshift(seed);
    let mut filters = vec![String::new(), "/".to_string(), ".".to_string()];
    for file in report.files.iter().take(200) {
        let characters: Vec<char> = file.path.chars().collect();
        filters.push(file.path.clone());
        for _ in 0..3 {
            let start = (draws.next() % characters.len().max(1) as u64) as usize;
            let length = 1 + (draws.next() % 12) as usize;
            let end = (start + length).min(characters.len());
            let piece: String = characters[start..end].iter().collect();
            filters.push(piece.to_uppercase());
            filters.push(piece);
        }
    }
    filters
}

#[test]
fn the_search_finds_the_files_written_out() {
    let report = report_of_paths(&PATHS);
    let index = TableRowIndex::build(&report);
    for case in &CASES {
        assert_eq!(
            files_found(&index, case.filter),
            case.files,
            "filter {:?}",
            case.filter
        );
    }
    let filters: Vec<String> = CASES.iter().map(|case| case.filter.to_string()).collect();
    check_against_plain("the hand-made paths", &report, &filters);
}

#[test]
fn folders_and_names_are_stored_once() {
    let report = report_of_paths(&PATHS);
    let segments = PathSegments::of_paths(report.files.iter().map(|file| file.path.as_str()));
    let parts = segments.parts();
    // Eleven distinct folders (files 2 and 11 share theirs; `setup.py` has the empty one)
    // and nine distinct names (`models.py` four times; `a/b/` has the empty one).
    assert_eq!(parts.folder_count, 11);
    assert_eq!(parts.ends.len(), 11 + 9);
    assert_eq!(parts.file_folders[2], parts.file_folders[11]);
    assert_eq!(parts.file_names[0], parts.file_names[10]);
    for (file_index, path) in PATHS.iter().enumerate() {
        assert_eq!(
            segments.lowercase_path(file_index as u32),
            path.to_lowercase(),
            "file {file_index}"
        );
    }
}

#[test]
fn every_fixture_report_is_searched_as_the_plain_check_does() {
    let reports = fixture_reports();
    for (name, report) in &reports {
        let filters = filters_from_paths(report, 0x00f1_17e5);
        check_against_plain(name, report, &filters);
    }
    let report_count = reports.len();
    assert!(
        report_count >= 20,
        "the fixtures hold at least 20 reports, found {report_count}"
    );
}

#[test]
fn a_generated_monorepo_is_searched_as_the_plain_check_does() {
    // 3,000 files in folders that repeat, names that repeat, some at the top.
    let mut draws = Xorshift(0x5eed_0019);
    let areas = ["services", "libs", "Apps"];
    let packages = ["billing", "search", "auth", "ingest"];
    let modules = ["models", "views", "api", "Models"];
    let paths: Vec<String> = (0..3_000)
        .map(|number| {
            let mut parts = Vec::new();
            if number % 50 != 0 {
                let package = packages[(draws.next() % 4) as usize];
                parts.extend([areas[(draws.next() % 3) as usize], package, "src", package]);
                for _ in 0..draws.next() % 3 {
                    parts.push(modules[(draws.next() % 4) as usize]);
                }
            }
            let name = format!("{}_{}.py", modules[(draws.next() % 4) as usize], number % 7);
            let mut path = parts.join("/");
            if !path.is_empty() {
                path.push('/');
            }
            path.push_str(&name);
            path
        })
        .collect();
    let borrowed: Vec<&str> = paths.iter().map(String::as_str).collect();
    let report = report_of_paths(&borrowed);
    let mut filters = filters_from_paths(&report, 0x0b11_1196);
    filters.extend(
        [
            "/billing/",
            "/search/",
            "models/",
            "/models_3",
            "src/auth/api_",
            "s/api",
        ]
        .map(String::from),
    );
    check_against_plain("the generated monorepo", &report, &filters);
}
