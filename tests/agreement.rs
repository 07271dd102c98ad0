//! Two reports of one run (two formats, or two tools), file by file: where they agree and
//! which known cause explains where they differ. Expected values are read off the
//! fixtures' own files and PROVENANCE.md tables (line and branch records counted in the
//! lcov, Cobertura and JSON text), never recomputed by the code under test.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use covscope::core::analysis::agreement::{
    compare_same_run, default_agreement_pair, reason_text, FileAgreement, KNOWN_CAUSES,
};
use covscope::core::input::{parse_dropped_file, DroppedContent};
use covscope::core::model::CoverageReport;

/// One file's expected row: the end of its path, its verdict, its causes, and sentences
/// its reason text contains.
struct ExpectedFile {
    path_end: &'static str,
    verdict: &'static str,
    causes: &'static [&'static str],
    says: &'static [&'static str],
}

/// A pair of fixtures and what the comparison finds: how many files agree, differ and are
/// in one report only, and the rows that are not a plain agreement (every other file must
/// agree with no cause and no note).
struct ExpectedPair {
    left: &'static str,
    right: &'static str,
    agree: usize,
    differ: usize,
    only_one: usize,
    exceptions: &'static [ExpectedFile],
}

const fn row(
    path_end: &'static str,
    verdict: &'static str,
    causes: &'static [&'static str],
    says: &'static [&'static str],
) -> ExpectedFile {
    ExpectedFile {
        path_end,
        verdict,
        causes,
        says,
    }
}

const V8: &[&str] = &["v8-every-line"];
const LLVM: &[&str] = &["llvm-cov-table-lines"];
const COBERTURA: &[&str] = &["cobertura-drops-branches"];
const EXCLUDED: &[&str] = &["coverage-py-excluded"];
const EMPTY: &[&str] = &["nothing-to-measure"];
const RUNS: &[&str] = &["different-runs"];

/// toolz's JSON lists excluded lines in two files (`excluded_lines` in coverage.json);
/// its lcov and Cobertura list none.
const TOOLZ_EXCLUDED: &[ExpectedFile] = &[
    row(
        "toolz/dicttoolz.py",
        "yes",
        EXCLUDED,
        &["1 excluded line listed only in L"],
    ),
    row(
        "toolz/functoolz.py",
        "yes",
        EXCLUDED,
        &["17 excluded lines listed only in L"],
    ),
];

/// tarpaulin's JSON lists six files with nothing coverable that its lcov and Cobertura
/// leave out (tarpaulin-semver/PROVENANCE.md).
const TARPAULIN_EMPTY: &[ExpectedFile] = &[
    row("benches/parse.rs", "only-one", EMPTY, &["only in L"]),
    row("build.rs", "only-one", EMPTY, &["only in L"]),
    row("fuzz/parse_version.rs", "only-one", EMPTY, &["only in L"]),
    row(
        "fuzz/parse_version_req.rs",
        "only-one",
        EMPTY,
        &["only in L"],
    ),
    row("fuzz/sort_version.rs", "only-one", EMPTY, &["only in L"]),
    row("src/serde.rs", "only-one", EMPTY, &["only in L"]),
];

const PAIRS: &[ExpectedPair] = &[
    ExpectedPair {
        left: "toolz/coverage.json",
        right: "toolz/coverage.lcov",
        agree: 14,
        differ: 0,
        only_one: 0,
        exceptions: TOOLZ_EXCLUDED,
    },
    ExpectedPair {
        left: "toolz/coverage.json",
        right: "toolz/coverage.xml",
        agree: 14,
        differ: 0,
        only_one: 0,
        exceptions: TOOLZ_EXCLUDED,
    },
    ExpectedPair {
        left: "toolz/coverage.xml",
        right: "toolz/coverage.lcov",
        agree: 14,
        differ: 0,
        only_one: 0,
        exceptions: &[],
    },
    ExpectedPair {
        left: "boltons/coverage.json",
        right: "boltons/coverage.lcov",
        agree: 30,
        differ: 0,
        only_one: 0,
        exceptions: &[
            row("boltons/cacheutils.py", "yes", EXCLUDED, &["2 excluded lines listed only in L"]),
            row("boltons/dictutils.py", "yes", EXCLUDED, &["1 excluded line listed only in L"]),
            row("boltons/funcutils.py", "yes", EXCLUDED, &["5 excluded lines listed only in L"]),
            row("boltons/setutils.py", "yes", EXCLUDED, &["1 excluded line listed only in L"]),
            row("boltons/socketutils.py", "yes", EXCLUDED, &["1 excluded line listed only in L"]),
            row("boltons/typeutils.py", "yes", EXCLUDED, &["2 excluded lines listed only in L"]),
        ],
    },
    // Jest's two providers on one commander run: every DA line of the babel lcov is in the
    // V8 lcov, which adds the rest of each file's physical lines (FORMATS.md section 2).
    ExpectedPair {
        left: "jest-commander/coverage-final.json",
        right: "jest-v8-commander/coverage-final.json",
        agree: 0,
        differ: 7,
        only_one: 0,
        exceptions: &[
            row("index.js", "no", V8, &["8 lines measured only in R", "lines counted: 16 of 16 in L, 24 of 24 in R"]),
            row("lib/argument.js", "no", V8, &["104 lines measured only in R", "lines counted: 46 of 46 in L, 150 of 150 in R"]),
            row("lib/command.js", "no", V8, &["1903 lines measured only in R", "lines counted: 867 of 874 in L, 2760 of 2777 in R"]),
            row("lib/error.js", "no", V8, &["28 lines measured only in R", "lines counted: 11 of 11 in L, 39 of 39 in R"]),
            row("lib/help.js", "no", V8, &["542 lines measured only in R", "lines counted: 205 of 205 in L, 747 of 747 in R"]),
            row("lib/option.js", "no", V8, &["273 lines measured only in R", "lines counted: 107 of 107 in L, 380 of 380 in R"]),
            row("lib/suggestSimilar.js", "no", V8, &["54 lines measured only in R", "lines counted: 47 of 47 in L, 101 of 101 in R"]),
        ],
    },
    // The same babel run in lcov and Cobertura: BRDA records against the sums of
    // condition-coverage, counted in the two files.
    ExpectedPair {
        left: "jest-commander/lcov.info",
        right: "jest-commander/cobertura-coverage.xml",
        agree: 4,
        differ: 3,
        only_one: 0,
        exceptions: &[
            row("lib/command.js", "no", COBERTURA, &["branches counted: 607 of 633 in L, 520 of 544 in R"]),
            row("lib/help.js", "no", COBERTURA, &["branches counted: 130 of 130 in L, 115 of 115 in R"]),
            row("lib/option.js", "no", COBERTURA, &["branches counted: 59 of 59 in L, 57 of 57 in R"]),
        ],
    },
    // c8's statements are its lines, so its formats agree (c8-express/PROVENANCE.md).
    ExpectedPair {
        left: "c8-express/lcov.info",
        right: "c8-express/coverage-final.json",
        agree: 7,
        differ: 0,
        only_one: 0,
        exceptions: &[],
    },
    // llvmcov-semver/PROVENANCE.md's table: text/JSON lines against lcov DA records.
    ExpectedPair {
        left: "llvmcov-semver/coverage.json",
        right: "llvmcov-semver/lcov.info",
        agree: 4,
        differ: 3,
        only_one: 0,
        exceptions: &[
            row("src/display.rs", "no", LLVM, &["lines counted: 97 of 121 in L, 95 of 119 in R"]),
            row("src/impls.rs", "no", LLVM, &["lines counted: 67 of 88 in L, 63 of 83 in R"]),
            row("src/parse.rs", "no", LLVM, &["lines counted: 266 of 268 in L, 265 of 267 in R"]),
        ],
    },
    ExpectedPair {
        left: "llvmcov-semver/cobertura.xml",
        right: "llvmcov-semver/lcov.info",
        agree: 7,
        differ: 0,
        only_one: 0,
        exceptions: &[],
    },
    ExpectedPair {
        left: "tarpaulin-semver/tarpaulin-report.json",
        right: "tarpaulin-semver/lcov.info",
        agree: 7,
        differ: 0,
        only_one: 6,
        exceptions: TARPAULIN_EMPTY,
    },
    ExpectedPair {
        left: "tarpaulin-semver/tarpaulin-report.json",
        right: "tarpaulin-semver/cobertura.xml",
        agree: 7,
        differ: 0,
        only_one: 6,
        exceptions: TARPAULIN_EMPTY,
    },
    // Two runs of one suite, not one run twice (toolz/series: 23:55:33 and 23:55:42): the
    // six files whose executed_lines differ between the two JSON files.
    ExpectedPair {
        left: "toolz/series/01-coverage.json",
        right: "toolz/series/02-coverage.json",
        agree: 8,
        differ: 6,
        only_one: 0,
        exceptions: &[
            row("toolz/__init__.py", "no", RUNS, &["ran only in R"]),
            row("toolz/_signatures.py", "no", RUNS, &["ran only in R"]),
            row("toolz/dicttoolz.py", "no", RUNS, &["ran only in R"]),
            row("toolz/functoolz.py", "no", RUNS, &["ran only in R"]),
            row("toolz/itertoolz.py", "no", RUNS, &["ran only in R"]),
            row("toolz/utils.py", "no", RUNS, &["ran only in R"]),
        ],
    },
    // A file name that ends three toolz paths is never paired with one of them.
    ExpectedPair {
        left: "../agreement/bare-paths.lcov",
        right: "toolz/coverage.lcov",
        agree: 1,
        differ: 0,
        only_one: 14,
        exceptions: &[
            row("__init__.py", "only-one", &[], &["it could be any of 3 files of R (toolz/__init__.py, toolz/curried/__init__.py, toolz/sandbox/__init__.py), so it is not paired"]),
            row("utils.py", "yes", &[], &["paired by the end of the path: toolz/utils.py in R"]),
            row("toolz/__init__.py", "only-one", &[], &["in R; __init__.py in L could be this file or another, so it is not paired"]),
            row("toolz/curried/__init__.py", "only-one", &[], &["in R; __init__.py in L could be this file or another, so it is not paired"]),
            row("toolz/sandbox/__init__.py", "only-one", &[], &["in R; __init__.py in L could be this file or another, so it is not paired"]),
            row("toolz/_signatures.py", "only-one", &[], &["only in R"]),
            row("toolz/compatibility.py", "only-one", &[], &["only in R"]),
            row("toolz/curried/exceptions.py", "only-one", &[], &["only in R"]),
            row("toolz/curried/operator.py", "only-one", &[], &["only in R"]),
            row("toolz/dicttoolz.py", "only-one", &[], &["only in R"]),
            row("toolz/functoolz.py", "only-one", &[], &["only in R"]),
            row("toolz/itertoolz.py", "only-one", &[], &["only in R"]),
            row("toolz/recipes.py", "only-one", &[], &["only in R"]),
            row("toolz/sandbox/core.py", "only-one", &[], &["only in R"]),
            row("toolz/sandbox/parallel.py", "only-one", &[], &["only in R"]),
        ],
    },
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

fn ends_with_path(file: &FileAgreement, path_end: &str) -> bool {
    file.path == path_end || file.path.ends_with(&format!("/{path_end}"))
}

fn check(expected: &ExpectedPair) {
    let label = format!("{} vs {}", expected.left, expected.right);
    let agreement = compare_same_run(&load(expected.left), &load(expected.right));
    assert_eq!(
        agreement.verdict_counts(),
        (expected.agree, expected.differ, expected.only_one),
        "{label}: agree, differ, only one"
    );
    for file in &agreement.files {
        let reason = reason_text(file, ("L", "R"));
        // The most specific row: `toolz/__init__.py` before `__init__.py`.
        let matching = expected
            .exceptions
            .iter()
            .filter(|row| ends_with_path(file, row.path_end))
            .max_by_key(|row| row.path_end.len());
        let Some(row) = matching else {
            assert_eq!(
                (file.verdict.key(), file.causes.as_slice()),
                ("yes", &[][..]),
                "{label}: {}",
                file.path
            );
            assert!(
                reason.ends_with("same lines measured and run, same counts"),
                "{label}: {} says \"{reason}\"",
                file.path
            );
            continue;
        };
        assert_eq!(file.verdict.key(), row.verdict, "{label}: {}", file.path);
        assert_eq!(file.causes, row.causes, "{label}: {}", file.path);
        for sentence in row.says {
            assert!(
                reason.contains(sentence),
                "{label}: {} says \"{reason}\", not \"{sentence}\"",
                file.path
            );
        }
    }
    for row in expected.exceptions {
        assert!(
            agreement
                .files
                .iter()
                .any(|file| ends_with_path(file, row.path_end)),
            "{label}: no row for {}",
            row.path_end
        );
    }
}

#[test]
fn each_run_in_two_formats_agrees_or_says_why_not() {
    for expected in PAIRS {
        check(expected);
    }
}

/// Every known cause is found in some fixture pair above.
#[test]
fn every_known_cause_is_exercised() {
    for cause in &KNOWN_CAUSES {
        assert!(
            PAIRS
                .iter()
                .flat_map(|pair| pair.exceptions)
                .any(|row| row.causes.contains(&cause.key)),
            "{} is never expected",
            cause.key
        );
    }
}

/// Among a run's reports, the default pair is the two sharing the most file names, in two
/// different formats before the same format.
#[test]
fn the_default_pair_is_the_same_run_in_two_formats() {
    let toolz_json = load("toolz/coverage.json");
    let toolz_shard = load("toolz/shards/shard-a.json");
    let toolz_lcov = load("toolz/coverage.lcov");
    let semver = load("llvmcov-semver/lcov.info");
    let reports = [
        (1, &semver),
        (2, &toolz_json),
        (3, &toolz_shard),
        (4, &toolz_lcov),
    ];
    assert_eq!(default_agreement_pair(&reports), Some((2, 4)));
    assert_eq!(default_agreement_pair(&reports[..1]), None);
}
