//! Patch coverage against diff-cover: the real toolz release diffs against the toolz 1.2.0
//! report, every figure compared with diff-cover's own JSON report of the same diff and
//! run; hand-made diffs (renames, deletions, binary stubs, CRLF, `\ No newline`, no
//! prefixes, ambiguous paths) with each line's status written out; diff-cover's rounding
//! against a table of Python's own results; the markdown and CSV exports.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use common::{coverage_py_report, fixture_bytes, patch_fixture};
use std::collections::BTreeMap;

use covscope::core::analysis::patch::{
    compute_patch_coverage, diff_cover_file_figure, diff_cover_total_figure, patch_coverage_to_csv,
    patch_coverage_to_markdown, ranges_text, PatchCoverage, PatchLineCounts, PatchLineStatus,
    ReportFileMatch,
};
use serde::Deserialize;

/// diff-cover's `--json-report` (11.0.4), as it writes it.
#[derive(Deserialize)]
struct DiffCoverReport {
    src_stats: BTreeMap<String, DiffCoverFile>,
    total_num_lines: u64,
    total_num_violations: u64,
    total_percent_covered: u64,
    num_changed_lines: u64,
}

#[derive(Deserialize)]
struct DiffCoverFile {
    percent_covered: f64,
    violation_lines: Vec<u64>,
    covered_lines: Vec<u64>,
}

fn diff_cover_report(relative: &str) -> DiffCoverReport {
    serde_json::from_slice(&fixture_bytes(relative)).expect("diff-cover's JSON")
}

/// Every figure of `coverage` against diff-cover's report: totals, the changed-line
/// count, and per measured file its percent (the same float), missed and covered lines.
fn check_against_diff_cover(name: &str, coverage: &PatchCoverage, expected: &DiffCoverReport) {
    assert_eq!(
        coverage.totals.measured(),
        expected.total_num_lines,
        "{name}: total lines"
    );
    assert_eq!(
        coverage.totals.missed, expected.total_num_violations,
        "{name}: missing"
    );
    assert_eq!(
        coverage.total_figure.display,
        expected.total_percent_covered.to_string(),
        "{name}: total percent"
    );
    assert_eq!(
        coverage.added_lines, expected.num_changed_lines,
        "{name}: changed lines"
    );
    let measured: BTreeMap<&str, _> = coverage
        .files
        .iter()
        .filter_map(|file| {
            file.figure
                .as_ref()
                .map(|figure| (file.path.as_str(), (file, figure)))
        })
        .collect();
    assert_eq!(
        measured.keys().copied().collect::<Vec<_>>(),
        expected
            .src_stats
            .keys()
            .map(String::as_str)
            .collect::<Vec<_>>(),
        "{name}: files with measured lines"
    );
    for (path, stats) in &expected.src_stats {
        let (file, figure) = measured[path.as_str()];
        assert_eq!(
            figure.percent.value(),
            stats.percent_covered,
            "{name}: {path} percent"
        );
        let lines_with = |status: PatchLineStatus| -> Vec<u64> {
            file.lines
                .iter()
                .filter(|line| line.status == status)
                .map(|line| line.line)
                .collect()
        };
        assert_eq!(
            lines_with(PatchLineStatus::Missed),
            stats.violation_lines,
            "{name}: {path} missed"
        );
        assert_eq!(
            lines_with(PatchLineStatus::Covered),
            stats.covered_lines,
            "{name}: {path} covered"
        );
    }
}

/// Each real diff and the diff-cover report its figures must equal. diff-cover reads
/// only `diff --git` output with `a/` and `b/` prefixes: the `--no-prefix` and `diff -u`
/// dialects of the same change ("Could not parse source path", "Hunk has no source
/// file") are held to the report of the same change as `git diff` writes it. For the
/// two-commit series, diff-cover joins each commit's line numbers without moving them
/// (74 lines, see below); Covscope applies the commits in order and must equal the
/// squashed diff's report.
///
/// The report is coverage.py's `coverage.json` of the toolz 1.2.0 run; diff-cover read
/// `coverage.xml` of the same run (the same 1,247 statements, the same 17 missed).
/// When the Cobertura parser lands, these checks should read `coverage.xml` too.
const TOOLZ_COMPARISONS: [(&str, &str); 6] = [
    // The same diff with CRLF line ends, and diff-cover's own (identical) report of it.
    (
        "toolz-1.1.0-to-1.2.0.crlf.diff",
        "toolz-1.1.0-to-1.2.0.crlf.diff-cover.json",
    ),
    (
        "toolz-1.1.0-to-1.2.0.git.diff",
        "toolz-1.1.0-to-1.2.0.git.diff-cover.json",
    ),
    (
        "toolz-1.1.0-to-1.2.0.no-prefix.diff",
        "toolz-1.1.0-to-1.2.0.git.diff-cover.json",
    ),
    (
        "toolz-1.1.0-to-1.2.0.diff-u.diff",
        "toolz-1.1.0-to-1.2.0.git.diff-cover.json",
    ),
    (
        "toolz-1.0.0-to-1.2.0.git.diff",
        "toolz-1.0.0-to-1.2.0.git.diff-cover.json",
    ),
    (
        "toolz-1.0.0-to-1.2.0.format-patch.patch",
        "toolz-1.0.0-to-1.2.0.git.diff-cover.json",
    ),
];

#[test]
fn the_toolz_release_diffs_equal_diff_covers_figures() {
    let current = coverage_py_report("coverage/toolz/coverage.json");
    for (diff, expected) in TOOLZ_COMPARISONS {
        let coverage =
            compute_patch_coverage(&patch_fixture(&format!("patch/toolz/{diff}")), &current);
        check_against_diff_cover(
            diff,
            &coverage,
            &diff_cover_report(&format!("patch/toolz/{expected}")),
        );
    }
}

/// diff-cover on the series itself: its per-commit line numbers, joined unmoved, give
/// 74 measured lines and 877 changed lines where the squashed diff has 77 and 887.
/// Pinned so the difference stays known and explained.
#[test]
fn diff_cover_on_a_series_joins_unmoved_line_numbers() {
    let series = diff_cover_report("patch/toolz/toolz-1.0.0-to-1.2.0.format-patch.diff-cover.json");
    assert_eq!(
        (
            series.total_num_lines,
            series.total_num_violations,
            series.num_changed_lines
        ),
        (74, 17, 877)
    );
    let squashed = diff_cover_report("patch/toolz/toolz-1.0.0-to-1.2.0.git.diff-cover.json");
    assert_eq!(
        (
            squashed.total_num_lines,
            squashed.total_num_violations,
            squashed.num_changed_lines
        ),
        (77, 17, 887)
    );
}

/// The file lines of diff-cover's markdown (`- toolz/functoolz&#46;py (64.6%): Missing
/// lines 11,597-598,…`) are rebuilt from Covscope's figures and ranges, character for
/// character.
#[test]
fn the_missing_lines_read_as_diff_cover_prints_them() {
    let current = coverage_py_report("coverage/toolz/coverage.json");
    for (diff, markdown) in [
        (
            "toolz-1.1.0-to-1.2.0.git.diff",
            "toolz-1.1.0-to-1.2.0.git.diff-cover.md",
        ),
        (
            "toolz-1.0.0-to-1.2.0.git.diff",
            "toolz-1.0.0-to-1.2.0.git.diff-cover.md",
        ),
    ] {
        let coverage =
            compute_patch_coverage(&patch_fixture(&format!("patch/toolz/{diff}")), &current);
        let expected =
            String::from_utf8(fixture_bytes(&format!("patch/toolz/{markdown}"))).expect("text");
        let expected_lines: Vec<&str> = expected
            .lines()
            .filter(|line| line.starts_with("- ") && !line.starts_with("- **"))
            .collect();
        let mut files: Vec<_> = coverage
            .files
            .iter()
            .filter(|file| file.figure.is_some())
            .collect();
        files.sort_by(|left, right| left.path.cmp(&right.path));
        let rebuilt: Vec<String> = files
            .iter()
            .map(|file| {
                let path = file.path.replace('.', "&#46;");
                let figure = file.figure.as_ref().expect("measured");
                if file.counts.missed > 0 {
                    format!(
                        "- {path} ({}%): Missing lines {}",
                        figure.display,
                        ranges_text(&file.missed_ranges)
                    )
                } else {
                    format!("- {path} ({}%)", figure.display)
                }
            })
            .collect();
        assert_eq!(rebuilt, expected_lines, "{diff}");
    }
}

/// diff-cover's per-file figure is Python's `round(100 - missed / measured * 100, 1)`
/// (`100` when nothing is missed), its total `int(covered / measured * 100)`. Expected
/// texts computed by Python 3.11 itself, ties (the exact binary values ending in 5, as
/// 93.75) included.
#[test]
fn diff_covers_rounding_is_pythons() {
    const FILE_FIGURES: [(u64, u64, &str); 38] = [
        (1, 3, "66.7"),
        (2, 3, "33.3"),
        (1, 6, "83.3"),
        (1, 7, "85.7"),
        (3, 7, "57.1"),
        (17, 48, "64.6"),
        (17, 55, "69.1"),
        (1, 8, "87.5"),
        (3, 8, "62.5"),
        (1, 16, "93.8"),
        (1, 40, "97.5"),
        (1, 80, "98.8"),
        (7, 80, "91.2"),
        (1, 200, "99.5"),
        (1, 400, "99.8"),
        (3, 400, "99.2"),
        (399, 400, "0.2"),
        (1, 1000, "99.9"),
        (1, 2000, "100.0"),
        (0, 5, "100"),
        (5, 5, "0.0"),
        (29, 100, "71.0"),
        (1, 9, "88.9"),
        (4, 9, "55.6"),
        (2, 11, "81.8"),
        (3, 16, "81.2"),
        (5, 16, "68.8"),
        (7, 16, "56.2"),
        (9, 16, "43.8"),
        (11, 16, "31.2"),
        (13, 16, "18.8"),
        (15, 16, "6.2"),
        (2, 32, "93.8"),
        (6, 32, "81.2"),
        (10, 32, "68.8"),
        (14, 32, "56.2"),
        (18, 32, "43.8"),
        (22, 32, "31.2"),
    ];
    for (missed, measured, expected) in FILE_FIGURES {
        let counts = PatchLineCounts {
            covered: measured - missed,
            missed,
            ..PatchLineCounts::default()
        };
        let figure = diff_cover_file_figure(counts).expect("measured");
        assert_eq!(figure.display, expected, "{missed} missed of {measured}");
    }
    assert_eq!(diff_cover_file_figure(PatchLineCounts::default()), None);
    const TOTALS: [(u64, u64, &str); 14] = [
        (29, 100, "28"),
        (35, 52, "67"),
        (60, 77, "77"),
        (1, 3, "33"),
        (2, 3, "66"),
        (57, 100, "56"),
        (58, 100, "57"),
        (0, 7, "0"),
        (7, 7, "100"),
        (14, 100, "14"),
        (28, 100, "28"),
        (56, 100, "56"),
        (99, 100, "99"),
        (1, 1000, "0"),
    ];
    for (covered, measured, expected) in TOTALS {
        let counts = PatchLineCounts {
            covered,
            missed: measured - covered,
            ..PatchLineCounts::default()
        };
        assert_eq!(
            diff_cover_total_figure(counts).display,
            expected,
            "{covered} of {measured}"
        );
    }
    assert_eq!(
        diff_cover_total_figure(PatchLineCounts::default()).display,
        "100"
    );
}

use PatchLineStatus::{Covered, Missed, NotCode, Uncertain};

/// A hand-made diff against the hand-made report in `coverage-cases/coverage.json`:
/// per changed file, every added line's status.
struct CoverageCase {
    diff: &'static str,
    files: &'static [(&'static str, &'static [(u64, PatchLineStatus)])],
    /// covered, missed, not code, uncertain; and the total's text.
    totals: (u64, u64, u64, u64, &'static str),
}

const RENAMED: &[(&str, &[(u64, PatchLineStatus)])] =
    &[("src/new_name.py", &[(3, Covered), (4, Missed)])];

const COVERAGE_CASES: &[CoverageCase] = &[
    // A renamed file is looked up by its new path.
    CoverageCase {
        diff: "cases/rename-with-changes.diff",
        files: RENAMED,
        totals: (1, 1, 0, 0, "50"),
    },
    CoverageCase {
        diff: "cases/crlf.diff",
        files: RENAMED,
        totals: (1, 1, 0, 0, "50"),
    },
    // A new file's blank last line is not code; a deleted file adds nothing.
    CoverageCase {
        diff: "cases/new-and-deleted.diff",
        files: &[
            ("pkg/added.py", &[(1, Covered), (2, Missed), (3, NotCode)]),
            ("pkg/removed.py", &[]),
            ("pkg/empty.py", &[]),
        ],
        totals: (1, 1, 1, 0, "50"),
    },
    // `\ No newline at end of file` is not a line: the added lines are 3 and 4.
    CoverageCase {
        diff: "cases/no-newline.diff",
        files: &[("conf/settings.py", &[(3, Covered), (4, Missed)])],
        totals: (1, 1, 0, 0, "50"),
    },
    CoverageCase {
        diff: "cases/no-prefix.diff",
        files: &[
            ("src/app/main.py", &[(11, Covered)]),
            ("src/app/new.py", &[(1, NotCode)]),
            ("a/x.py", &[(1, NotCode)]),
        ],
        totals: (1, 0, 2, 0, "100"),
    },
    CoverageCase {
        diff: "cases/binary-stubs.diff",
        files: &[
            ("img/logo.png", &[]),
            ("data/blob.bin", &[]),
            ("src/after.py", &[(2, Covered)]),
        ],
        totals: (1, 0, 0, 0, "100"),
    },
    // `util.py` ends two report paths: never guessed, its line is uncertain.
    CoverageCase {
        diff: "coverage-cases/ambiguous-path.diff",
        files: &[("util.py", &[(2, Uncertain)]), ("=cmd.py", &[(1, NotCode)])],
        totals: (0, 0, 1, 1, "100"),
    },
];

#[test]
fn hand_made_diffs_give_each_line_its_status() {
    let report = coverage_py_report("patch/coverage-cases/coverage.json");
    for case in COVERAGE_CASES {
        let coverage =
            compute_patch_coverage(&patch_fixture(&format!("patch/{}", case.diff)), &report);
        let actual: Vec<(&str, Vec<(u64, PatchLineStatus)>)> = coverage
            .files
            .iter()
            .map(|file| {
                (
                    file.path.as_str(),
                    file.lines
                        .iter()
                        .map(|line| (line.line, line.status))
                        .collect(),
                )
            })
            .collect();
        let expected: Vec<(&str, Vec<(u64, PatchLineStatus)>)> = case
            .files
            .iter()
            .map(|(path, lines)| (*path, lines.to_vec()))
            .collect();
        assert_eq!(actual, expected, "{}", case.diff);
        let totals = coverage.totals;
        assert_eq!(
            (
                totals.covered,
                totals.missed,
                totals.not_code,
                totals.uncertain,
                coverage.total_figure.display.as_str()
            ),
            case.totals,
            "{}: totals",
            case.diff
        );
    }
}

#[test]
fn an_ambiguous_file_names_its_candidates() {
    let report = coverage_py_report("patch/coverage-cases/coverage.json");
    let coverage = compute_patch_coverage(
        &patch_fixture("patch/coverage-cases/ambiguous-path.diff"),
        &report,
    );
    assert_eq!(
        coverage.files[0].report_file,
        ReportFileMatch::Ambiguous {
            report_paths: vec!["one/util.py".to_string(), "two/util.py".to_string()]
        }
    );
    let markdown = patch_coverage_to_markdown(&coverage, "ambiguous-path.diff", "coverage.json");
    assert!(markdown.contains("- `util.py`: 1 added lines not counted, since 2 report files end with this path (`one/util.py`, `two/util.py`)."), "{markdown}");
    // A path that starts like a formula is guarded in the CSV.
    let csv = patch_coverage_to_csv(&coverage);
    assert!(csv.contains("\r\n\"'=cmd.py\",added,"), "{csv}");
}

/// The exports of the 1.1.0 to 1.2.0 diff, written out whole.
#[test]
fn the_exports_read_as_written_out() {
    let current = coverage_py_report("coverage/toolz/coverage.json");
    let coverage = compute_patch_coverage(
        &patch_fixture("patch/toolz/toolz-1.1.0-to-1.2.0.git.diff"),
        &current,
    );
    let markdown =
        patch_coverage_to_markdown(&coverage, "toolz-1.1.0-to-1.2.0.git.diff", "coverage.json");
    assert_eq!(
        markdown,
        "Patch coverage of `toolz-1.1.0-to-1.2.0.git.diff` against `coverage.json`: **67%** (35 of 52 added lines that are code ran; 17 missed).

| File | Covered | Missed | Coverage | Missed lines |
| --- | ---: | ---: | ---: | --- |
| `toolz/functoolz.py` | 31 | 17 | 64.6% | 11,597-598,607-610,631-634,637,640-643,649 |
| `toolz/itertoolz.py` | 4 | 0 | 100% |  |
| **Total** | 35 | 17 | 67% | |

223 of the 275 added lines are not code the report measures (comments, blank lines, files it does not cover), as diff-cover counts them.
"
    );
    let csv = patch_coverage_to_csv(&coverage);
    assert_eq!(
        csv,
        "path,change,report_path,covered,missed,not_code,uncertain,coverage,missed_lines,note\r
PKG-INFO,modified,,0,0,2,0,,,not in the report\r
pyproject.toml,modified,,0,0,8,0,,,not in the report\r
toolz.egg-info/PKG-INFO,modified,,0,0,2,0,,,not in the report\r
toolz/_signatures.py,modified,toolz/_signatures.py,0,0,3,0,,,\r
toolz/functoolz.py,modified,toolz/functoolz.py,31,17,45,0,64.6,\"11,597-598,607-610,631-634,637,640-643,649\",\r
toolz/itertoolz.py,modified,toolz/itertoolz.py,4,0,2,0,100,,\r
toolz/tests/test_dicttoolz.py,modified,,0,0,30,0,,,not in the report\r
toolz/tests/test_functoolz.py,modified,,0,0,127,0,,,not in the report\r
toolz/tests/test_itertoolz.py,modified,,0,0,4,0,,,not in the report\r
TOTAL,,,35,17,223,0,67,,\r
"
    );
}

/// A 10,000-file diff against a 50,000-file report, for patch coverage and differential
/// categories: every figure whole (each pass is linear; speed is the benchmark's).
/// Every report file has lines 1-2 missed and 3-10 run; the diff puts four lines above
/// the first line of every fifth file.
#[test]
fn a_large_diff_against_a_large_report_is_counted_whole() {
    use covscope::core::analysis::differential::compute_differential_coverage;
    use covscope::core::model::{CoverageCounts, Precision};
    let files = (0..50_000)
        .map(|index| {
            common::generated_file(
                format!("pkg{}/mod{index}.py", index / 100),
                CoverageCounts {
                    statements: 10,
                    missing: 2,
                    ..CoverageCounts::default()
                },
                Precision(0),
            )
        })
        .collect();
    let report = common::generated_report(files, Precision(0), false);
    let mut diff = String::new();
    for index in (0..50_000).step_by(5) {
        let path = format!("pkg{}/mod{index}.py", index / 100);
        diff.push_str(&format!(
            "diff --git a/{path} b/{path}\n--- a/{path}\n+++ b/{path}\n@@ -0,0 +1,4 @@\n+a\n+b\n+c\n+d\n"
        ));
    }
    let patch = covscope::core::formats::parse_unified_diff(diff.as_bytes())
        .value
        .expect("the diff parses");
    let coverage = compute_patch_coverage(&patch, &report);
    // Lines 1 and 2 of each changed file are missed, 3 and 4 run.
    assert_eq!(
        (
            coverage.totals.covered,
            coverage.totals.missed,
            coverage.totals.not_code
        ),
        (20_000, 20_000, 0)
    );
    assert_eq!(coverage.total_figure.display, "50");
    // The same report as baseline and current: in a changed file, 1-2 are UNC, 3-4 GNC,
    // old lines 1-2 (missed) now 5-6 (run) GBC, old 3-6 now 7-10 CBC, old 7-10 now 11-14
    // (not measured) ECB; an untouched file has 2 UBC and 8 CBC.
    let differential = compute_differential_coverage(&report, &patch, &report);
    let totals: Vec<(&str, u64)> = differential
        .totals
        .iter()
        .filter(|(_, count)| *count > 0)
        .map(|(category, count)| (category.abbreviation(), count))
        .collect();
    assert_eq!(
        totals,
        [
            ("UNC", 20_000),
            ("UBC", 80_000),
            ("GBC", 20_000),
            ("GNC", 20_000),
            ("CBC", 360_000),
            ("ECB", 40_000),
        ]
    );
}
