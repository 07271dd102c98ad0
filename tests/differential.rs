//! Differential categories: the per-line rule as a table from genhtml's source, the toolz
//! 1.1.0 to 1.2.0 change against genhtml's own categories of the same runs and diff,
//! and a hand-made case that reaches every category.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use common::{coverage_py_report, fixture_bytes, patch_fixture};
use std::collections::BTreeMap;

use covscope::core::analysis::differential::{
    categorize_line, compute_differential_coverage, CategoryCounts, DifferentialCategory,
    LineChange, LineState, DIFFERENTIAL_CATEGORIES,
};
use covscope::core::model::FileChange;

use DifferentialCategory::{Cbc, Dcb, Dub, Ecb, Eub, Gbc, Gic, Gnc, Lbc, Ubc, Uic, Unc};
use LineState::{NotCode, NotRun, Ran};

/// genhtml's `_categorizeLineCov`, row by row: an inserted line by its current count,
/// a deleted one by its baseline count, an equal one by `_categorize` (both sides), or
/// as included (current only) or excluded (baseline only) code.
#[test]
fn each_line_gets_genhtmls_category() {
    let table: [(
        LineChange,
        LineState,
        LineState,
        Option<DifferentialCategory>,
    ); 19] = [
        (LineChange::Added, NotCode, Ran, Some(Gnc)),
        (LineChange::Added, NotCode, NotRun, Some(Unc)),
        (LineChange::Added, NotCode, NotCode, None),
        // An added line has no baseline: whatever is passed is not looked at.
        (LineChange::Added, Ran, NotRun, Some(Unc)),
        (LineChange::Added, NotRun, Ran, Some(Gnc)),
        (LineChange::Deleted, Ran, NotCode, Some(Dcb)),
        (LineChange::Deleted, NotRun, NotCode, Some(Dub)),
        (LineChange::Deleted, NotCode, NotCode, None),
        (LineChange::Deleted, Ran, Ran, Some(Dcb)),
        (LineChange::Unchanged, NotRun, NotRun, Some(Ubc)),
        (LineChange::Unchanged, NotRun, Ran, Some(Gbc)),
        (LineChange::Unchanged, Ran, NotRun, Some(Lbc)),
        (LineChange::Unchanged, Ran, Ran, Some(Cbc)),
        (LineChange::Unchanged, NotCode, NotRun, Some(Uic)),
        (LineChange::Unchanged, NotCode, Ran, Some(Gic)),
        (LineChange::Unchanged, NotRun, NotCode, Some(Eub)),
        (LineChange::Unchanged, Ran, NotCode, Some(Ecb)),
        (LineChange::Unchanged, NotCode, NotCode, None),
        (LineChange::Deleted, NotRun, Ran, Some(Dub)),
    ];
    for (change, baseline, current, expected) in table {
        assert_eq!(
            categorize_line(change, baseline, current),
            expected,
            "{change:?} {baseline:?} => {current:?}"
        );
    }
}

/// genhtml's names, titles and priority order (`@tlaPriorityOrder`, `%tlaToTitle`).
#[test]
fn the_categories_keep_genhtmls_names_and_order() {
    let names: Vec<&str> = DIFFERENTIAL_CATEGORIES
        .iter()
        .map(|entry| entry.1)
        .collect();
    assert_eq!(
        names,
        ["UNC", "LBC", "UIC", "UBC", "GBC", "GIC", "GNC", "CBC", "EUB", "ECB", "DUB", "DCB"]
    );
    for (category, name, title, _) in DIFFERENTIAL_CATEGORIES {
        assert_eq!(category.abbreviation(), name);
        assert_eq!(category.title(), title);
    }
    assert_eq!(Unc.title(), "Uncovered New Code (+ => 0)");
    assert_eq!(Dcb.meaning(), "Previously tested code has been deleted");
    assert!(!Dub.is_in_current() && Ecb.is_in_current());
}

/// The line categories genhtml (lcov 2.5.0-beta, `--baseline-file` the older release's
/// run as lcov, `--diff-file` the release diff, the 1.2.0 run's lcov) handed its
/// criteria script, per file and for the top level.
fn genhtml_categories(relative: &str) -> BTreeMap<String, BTreeMap<String, u64>> {
    let text = String::from_utf8(fixture_bytes(relative)).expect("text");
    let mut levels = BTreeMap::new();
    for line in text.lines() {
        let mut fields = line.splitn(3, '\t');
        let (Some(name), Some(kind), Some(json)) = (fields.next(), fields.next(), fields.next())
        else {
            panic!("a criteria line: {line}");
        };
        if kind != "file" && kind != "top" {
            continue;
        }
        let value: serde_json::Value = serde_json::from_str(json).expect("JSON");
        let counts: BTreeMap<String, u64> = value["line"]
            .as_object()
            .expect("line counts")
            .iter()
            .filter(|(key, _)| key.len() == 3 && key.chars().all(|c| c.is_ascii_uppercase()))
            .map(|(key, count)| (key.clone(), count.as_u64().expect("count")))
            .collect();
        levels.insert(name.to_string(), counts);
    }
    levels
}

fn nonzero(counts: &CategoryCounts) -> BTreeMap<String, u64> {
    counts
        .iter()
        .filter(|(_, count)| *count > 0)
        .map(|(category, count)| (category.abbreviation().to_string(), count))
        .collect()
}

/// One real comparison: genhtml's categories, the baseline run, the diffs of the same
/// change that must all give them, and the files genhtml leaves out (it lists only files
/// of the current data) with what Covscope gives them.
struct GenhtmlComparison {
    categories: &'static str,
    baseline: &'static str,
    diffs: &'static [&'static str],
    left_out_by_genhtml: &'static [(&'static str, &'static [(&'static str, u64)])],
}

const GENHTML_COMPARISONS: [GenhtmlComparison; 2] = [
    // Top level: UNC 17, GBC 7, GNC 35, CBC 1,188, DCB 2.
    GenhtmlComparison {
        categories: "toolz-1.1.0-to-1.2.0.genhtml-categories.tsv",
        baseline: "baseline-1.1.0/coverage.json",
        diffs: &[
            "toolz-1.1.0-to-1.2.0.git.diff",
            "toolz-1.1.0-to-1.2.0.no-prefix.diff",
            "toolz-1.1.0-to-1.2.0.diff-u.diff",
            "toolz-1.1.0-to-1.2.0.crlf.diff",
        ],
        left_out_by_genhtml: &[],
    },
    // Top level: UNC 17, GBC 46, GNC 60, CBC 1,124, DCB 27. The series (genhtml reads
    // no series) gives the squashed diff's categories. `toolz/_version.py`, measured in
    // 1.0.0 and deleted since, is four deleted covered lines here and absent there.
    GenhtmlComparison {
        categories: "toolz-1.0.0-to-1.2.0.genhtml-categories.tsv",
        baseline: "baseline-1.0.0/coverage.json",
        diffs: &[
            "toolz-1.0.0-to-1.2.0.git.diff",
            "toolz-1.0.0-to-1.2.0.no-prefix.diff",
            "toolz-1.0.0-to-1.2.0.format-patch.patch",
        ],
        left_out_by_genhtml: &[("toolz/_version.py", &[("DCB", 4)])],
    },
];

/// Every file genhtml lists has its categories, and the totals are genhtml's plus the
/// files it leaves out. The reports are coverage.py's JSON of the same runs genhtml read
/// as lcov (the same statements and hits).
#[test]
fn the_toolz_releases_equal_genhtmls_categories() {
    let current = coverage_py_report("coverage/toolz/coverage.json");
    for comparison in GENHTML_COMPARISONS {
        let mut expected = genhtml_categories(&format!("patch/toolz/{}", comparison.categories));
        assert_eq!(expected.len(), 15, "14 files and the top level");
        let mut top = expected.remove("top").expect("top level");
        for (path, counts) in comparison.left_out_by_genhtml {
            let counts: BTreeMap<String, u64> = counts
                .iter()
                .map(|(name, count)| (name.to_string(), *count))
                .collect();
            for (name, count) in &counts {
                *top.entry(name.clone()).or_default() += count;
            }
            expected.insert(path.to_string(), counts);
        }
        expected.insert("top".to_string(), top);
        let baseline = coverage_py_report(&format!("patch/toolz/{}", comparison.baseline));
        for diff in comparison.diffs {
            let differential = compute_differential_coverage(
                &baseline,
                &patch_fixture(&format!("patch/toolz/{diff}")),
                &current,
            );
            assert!(differential.uncertain.is_empty(), "{diff}");
            let mut actual: BTreeMap<String, BTreeMap<String, u64>> = differential
                .files
                .iter()
                .map(|file| (file.path.clone(), nonzero(&file.counts)))
                .collect();
            actual.insert("top".to_string(), nonzero(&differential.totals));
            assert_eq!(actual, expected, "{diff}");
            let left_out: Vec<&str> = differential
                .files
                .iter()
                .filter(|file| !file.in_current)
                .map(|file| file.path.as_str())
                .collect();
            let expected_left_out: Vec<&str> = comparison
                .left_out_by_genhtml
                .iter()
                .map(|(path, _)| *path)
                .collect();
            assert_eq!(left_out, expected_left_out, "{diff}");
        }
    }
}

/// One line: (current number, baseline number, category).
type Line = (Option<u64>, Option<u64>, DifferentialCategory);

/// What one file of the hand-made change must give.
struct ExpectedFile {
    path: &'static str,
    baseline_path: Option<&'static str>,
    change: Option<FileChange>,
    in_current: bool,
    lines: &'static [Line],
}

/// One hand-made change that reaches every category: a file edited in place, one
/// deleted, one renamed, one added, one untouched, one no longer measured and one newly
/// measured. Each line: (current number, baseline number, category).
#[test]
fn a_hand_made_change_reaches_every_category() {
    let expected: [ExpectedFile; 7] = [
        ExpectedFile {
            path: "src/app.py",
            baseline_path: Some("src/app.py"),
            change: Some(FileChange::Modified),
            in_current: true,
            lines: &[
                (Some(1), Some(1), Cbc),
                (Some(2), Some(2), Ubc),
                (Some(3), Some(3), Lbc),
                (Some(4), None, Gnc),
                (Some(5), None, Unc),
                (Some(6), Some(5), Gbc),
                (Some(7), Some(6), Ecb),
                (Some(8), Some(7), Eub),
                (Some(9), None, Gic),
                (Some(10), None, Uic),
                (None, Some(4), Dcb),
            ],
        },
        ExpectedFile {
            path: "src/moved.py",
            baseline_path: Some("src/old.py"),
            change: Some(FileChange::Renamed),
            in_current: true,
            lines: &[(Some(1), Some(1), Cbc), (Some(2), Some(2), Gbc)],
        },
        ExpectedFile {
            path: "src/fresh.py",
            baseline_path: None,
            change: Some(FileChange::Added),
            in_current: true,
            lines: &[(Some(1), None, Gnc), (Some(2), None, Unc)],
        },
        ExpectedFile {
            path: "src/untouched.py",
            baseline_path: Some("src/untouched.py"),
            change: None,
            in_current: true,
            lines: &[(Some(1), Some(1), Lbc)],
        },
        ExpectedFile {
            path: "src/newly.py",
            baseline_path: None,
            change: None,
            in_current: true,
            lines: &[(Some(1), None, Uic), (Some(2), None, Gic)],
        },
        ExpectedFile {
            path: "src/gone.py",
            baseline_path: Some("src/gone.py"),
            change: Some(FileChange::Deleted),
            in_current: false,
            lines: &[(None, Some(1), Dcb), (None, Some(2), Dub)],
        },
        ExpectedFile {
            path: "src/dropped.py",
            baseline_path: Some("src/dropped.py"),
            change: None,
            in_current: false,
            lines: &[(Some(1), Some(1), Ecb)],
        },
    ];
    let differential = compute_differential_coverage(
        &coverage_py_report("patch/differential-case/baseline.json"),
        &patch_fixture("patch/differential-case/change.diff"),
        &coverage_py_report("patch/differential-case/current.json"),
    );
    assert!(differential.uncertain.is_empty());
    assert_eq!(differential.files.len(), expected.len());
    for (file, expected) in differential.files.iter().zip(expected) {
        let ExpectedFile {
            path,
            baseline_path,
            change,
            in_current,
            lines,
        } = expected;
        assert_eq!(file.path, path);
        assert_eq!(file.baseline_path.as_deref(), baseline_path, "{path}");
        assert_eq!(file.change, change, "{path}");
        assert_eq!(file.in_current, in_current, "{path}");
        let actual: Vec<Line> = file
            .lines
            .iter()
            .map(|line| (line.current_line, line.baseline_line, line.category))
            .collect();
        assert_eq!(actual, lines, "{path}");
    }
    let totals: Vec<(&str, u64)> = differential
        .totals
        .iter()
        .map(|(category, count)| (category.abbreviation(), count))
        .collect();
    assert_eq!(
        totals,
        [
            ("UNC", 2),
            ("LBC", 2),
            ("UIC", 2),
            ("UBC", 1),
            ("GBC", 2),
            ("GIC", 2),
            ("GNC", 2),
            ("CBC", 2),
            ("EUB", 1),
            ("ECB", 2),
            ("DUB", 1),
            ("DCB", 2),
        ]
    );
}
