//! Each format's percent rule prints a tally exactly as its tool printed it.
//!
//! Every expected text below was copied from a tool's own printed output on the real
//! fixtures in `../shared/fixtures/coverage/` (the file named beside each case), never
//! computed by Covscope.
use covscope::core::model::{
    CoverageFormat, EmptyTotal, Metric, PercentRule, Precision, Tally, FORMAT_PROFILES,
};

/// One tally and the text its tool printed for it.
struct PrintedPercent {
    rule: PercentRule,
    covered: u64,
    total: u64,
    printed: &'static str,
    /// Where the tool printed it.
    source: &'static str,
}

fn check(case: &PrintedPercent) {
    assert_eq!(
        case.rule.display(Tally::new(case.covered, case.total)),
        case.printed,
        "{}/{} by {:?} ({})",
        case.covered,
        case.total,
        case.rule,
        case.source
    );
}

const LLVM_COV: PercentRule = PercentRule::RoundedFraction {
    decimals: 2,
    when_empty: EmptyTotal::Text("-"),
};
const GO: PercentRule = PercentRule::Rounded {
    decimals: 1,
    when_empty: EmptyTotal::Zero,
};
const GENHTML: PercentRule = PercentRule::GenhtmlClamped { decimals: 1 };
const TARPAULIN: PercentRule = PercentRule::RoundedFraction {
    decimals: 2,
    when_empty: EmptyTotal::Text("-"),
};
/// Cobertura's: the stated rates' percentages, two decimals at most (see format.rs).
const COBERTURA: PercentRule = PercentRule::RoundedTrimmed {
    decimals: 2,
    when_empty: EmptyTotal::Text("-"),
};

const PRINTED: &[PrintedPercent] = &[
    PrintedPercent {
        rule: PercentRule::IstanbulTruncated,
        covered: 2769,
        total: 2776,
        printed: "99.74",
        source: "c8-express/text-summary.txt, statements",
    },
    PrintedPercent {
        rule: PercentRule::IstanbulTruncated,
        covered: 422,
        total: 437,
        printed: "96.56",
        source: "c8-express/text-summary.txt, branches",
    },
    PrintedPercent {
        rule: PercentRule::IstanbulTruncated,
        covered: 94,
        total: 94,
        printed: "100",
        source: "c8-express/text-summary.txt, functions",
    },
    PrintedPercent {
        rule: PercentRule::IstanbulTruncated,
        covered: 187,
        total: 200,
        printed: "93.5",
        source: "c8-express/report.txt, response.js branches",
    },
    PrintedPercent {
        rule: PercentRule::IstanbulTruncated,
        covered: 1043,
        total: 1050,
        printed: "99.33",
        source: "c8-express/report.txt, response.js lines (99.333..., truncated)",
    },
    PrintedPercent {
        rule: PercentRule::IstanbulTruncated,
        covered: 0,
        total: 0,
        printed: "100",
        source: "c8-express/report.txt, index.js functions (none)",
    },
    PrintedPercent {
        rule: LLVM_COV,
        covered: 137,
        total: 192,
        printed: "71.35",
        source: "llvmcov-semver/report.txt, display.rs regions",
    },
    PrintedPercent {
        rule: LLVM_COV,
        covered: 9,
        total: 12,
        printed: "75.00",
        source: "llvmcov-semver/report.txt, display.rs functions",
    },
    PrintedPercent {
        rule: LLVM_COV,
        covered: 1261,
        total: 1403,
        printed: "89.88",
        source: "llvmcov-semver/report.txt, TOTAL regions",
    },
    PrintedPercent {
        rule: LLVM_COV,
        covered: 0,
        total: 0,
        printed: "-",
        source: "llvmcov-semver/report.txt, branches (none)",
    },
    PrintedPercent {
        rule: LLVM_COV,
        covered: 23,
        total: 160,
        printed: "14.37",
        source: "llvmcov-cpp-shapes/llvm-14/report.txt, table.cpp regions, functions and lines (23 / 160 * 100 is 14.374999999999998)",
    },
    PrintedPercent {
        rule: TARPAULIN,
        covered: 600,
        total: 651,
        printed: "92.17",
        source: "tarpaulin-semver/summary.txt",
    },
    PrintedPercent {
        rule: COBERTURA,
        covered: 600,
        total: 651,
        printed: "92.17",
        source: "tarpaulin-semver/summary.txt (its Cobertura states line-rate 0.9216589861751152)",
    },
    PrintedPercent {
        rule: COBERTURA,
        covered: 187,
        total: 200,
        printed: "93.5",
        source: "c8-express/report.txt, response.js branches (its Cobertura states 0.935)",
    },
    PrintedPercent {
        rule: COBERTURA,
        covered: 94,
        total: 94,
        printed: "100",
        source: "c8-express/report.txt, functions (Istanbul's Cobertura states rates of 1)",
    },
    PrintedPercent {
        rule: COBERTURA,
        covered: 0,
        total: 0,
        printed: "-",
        source: "llvmcov-semver/report.txt, branches (none)",
    },
    PrintedPercent {
        rule: PercentRule::WholeFloor,
        covered: 4995,
        total: 5170,
        printed: "96",
        source: "jacoco-commons-cli/html/index.html, instructions",
    },
    PrintedPercent {
        rule: PercentRule::WholeFloor,
        covered: 676,
        total: 716,
        printed: "94",
        source: "jacoco-commons-cli/html/index.html, branches",
    },
    PrintedPercent {
        rule: GO,
        covered: 0,
        total: 0,
        printed: "0.0",
        source: "go tool cover -func: a function without statements",
    },
    PrintedPercent {
        rule: GENHTML,
        covered: 1230,
        total: 1247,
        printed: "98.6",
        source: "toolz/coverage.lcov: lcov --summary (1.16 and 2.5) and genhtml 2.5, lines",
    },
    PrintedPercent {
        rule: GENHTML,
        covered: 94,
        total: 94,
        printed: "100.0",
        source: "c8-express/lcov.info: lcov --summary, functions",
    },
    PrintedPercent {
        rule: GENHTML,
        covered: 0,
        total: 0,
        printed: "-",
        source: "llvmcov-semver/lcov.info: genhtml 2.5, branches (none)",
    },
    PrintedPercent {
        rule: GENHTML,
        covered: 1999,
        total: 2000,
        printed: "99.9",
        source: "lcov --summary (1.16 and 2.5) on a tracefile of 2000 lines, 1999 hit: 99.95 is never shown as 100.0",
    },
    PrintedPercent {
        rule: GENHTML,
        covered: 1,
        total: 3000,
        printed: "0.1",
        source: "lcov --summary (1.16 and 2.5) on a tracefile of 3000 lines, 1 hit: 0.03 is never shown as 0.0",
    },
    PrintedPercent {
        rule: GENHTML,
        covered: 1,
        total: 400,
        printed: "0.2",
        source: "lcov --summary (1.16 and 2.5) on a tracefile of 400 lines, 1 hit: printf rounds the exact 0.25 half to even",
    },
    PrintedPercent {
        rule: GENHTML,
        covered: 3,
        total: 400,
        printed: "0.8",
        source: "lcov --summary (1.16 and 2.5) on a tracefile of 400 lines, 3 hit: printf rounds the exact 0.75 half to even",
    },
    PrintedPercent {
        rule: GO,
        covered: 1592,
        total: 1738,
        printed: "91.6",
        source: "gocover-toml/func.txt, total (go tool cover -func)",
    },
    PrintedPercent {
        rule: GO,
        covered: 14,
        total: 17,
        printed: "82.4",
        source: "go tool cover -func on gocover-toml's type_toml.go blocks, total",
    },
    PrintedPercent {
        rule: PercentRule::CoveragePy {
            precision: Precision(0),
        },
        covered: 199,
        total: 200,
        printed: "99",
        source: "coverage.py's display rule: never 100 unless complete",
    },
];

#[test]
fn every_rule_prints_what_its_tool_printed() {
    for case in PRINTED {
        check(case);
    }
}

/// The rules above are the ones the formats table gives those formats.
#[test]
fn the_checked_rules_are_the_formats_own() {
    for (format, rule) in [
        (CoverageFormat::LlvmCov, LLVM_COV),
        (CoverageFormat::Go, GO),
        (CoverageFormat::Tarpaulin, TARPAULIN),
    ] {
        assert_eq!(format.profile().percent_rule, rule, "{format:?}");
    }
}

/// llvm-cov and tarpaulin divide first and multiply by 100 after; the other order gives a
/// different double for some tallies, and a different text where that double lands on a
/// rounding boundary: 23 of 160 is printed 14.37 by llvm-cov (see `PRINTED`), while
/// `100 * 23 / 160` is exactly 14.375, which rounds half to even to 14.38.
#[test]
fn dividing_first_rounds_as_llvm_cov_does() {
    let tally = Tally::new(23, 160);
    let hundred_times_first = PercentRule::Rounded {
        decimals: 2,
        when_empty: EmptyTotal::Text("-"),
    };
    assert_eq!(LLVM_COV.display(tally), "14.37");
    assert_eq!(hundred_times_first.display(tally), "14.38");
}

/// Istanbul's text reporter prints 0 in every column of a file or folder without lines
/// and 100 for one metric with nothing to cover in a file that has lines, from nyc's
/// `istanbul-oddities/nyc/report.txt`: `empty.js | 0 | 0 | 0 | 0` (its json-summary says
/// 0 of 0 and 100 for each) and `util.js | 75 | 100 | 50 | 100` (0 of 0 branches).
#[test]
fn istanbul_prints_0_for_a_node_without_lines() {
    let rule = PercentRule::IstanbulTruncated;
    let empty = rule
        .empty_node_figure(Some(Tally::new(0, 0)))
        .expect("a node without lines has a figure of its own");
    assert_eq!(empty.display, "0");
    assert_eq!(empty.percent.value(), 0.0);
    assert_eq!(rule.empty_node_figure(Some(Tally::new(1, 1))), None);
    assert_eq!(rule.display(Tally::new(0, 0)), "100");
    // Counts without a lines tally (a function's region) are not a node without lines.
    assert_eq!(rule.empty_node_figure(None), None);
    for other in [LLVM_COV, GO, PercentRule::WholeFloor] {
        assert_eq!(other.empty_node_figure(Some(Tally::new(0, 0))), None);
    }
}

/// lcov's genhtml rounds to one decimal but never shows 0 or 100 unless exact, like
/// coverage.py; cases from its `rate` function's three branches.
#[test]
fn genhtml_never_shows_0_or_100_unless_exact() {
    let rule = PercentRule::GenhtmlClamped { decimals: 1 };
    for (covered, total, printed) in [
        (1, 3, "33.3"),
        (9999, 10000, "99.9"),
        (1, 10000, "0.1"),
        (0, 7, "0.0"),
        (7, 7, "100.0"),
        (0, 0, "-"),
    ] {
        assert_eq!(
            rule.display(Tally::new(covered, total)),
            printed,
            "{covered}/{total}"
        );
    }
}

/// The formats table: every format has exactly one row, keys are the page hooks'
/// values, and every headline metric is one the format counts.
#[test]
fn the_formats_table_is_whole() {
    let keys: Vec<&str> = FORMAT_PROFILES.iter().map(|profile| profile.key).collect();
    assert_eq!(
        keys,
        [
            "coverage-py",
            "istanbul",
            "istanbul-summary",
            "lcov",
            "cobertura",
            "clover",
            "jacoco",
            "go",
            "llvm-cov",
            "tarpaulin"
        ]
    );
    for format in CoverageFormat::all() {
        let profile = format.profile();
        assert_eq!(profile.format, format);
        assert_eq!(CoverageFormat::from_key(profile.key), Some(format));
        if let covscope::core::model::Headline::Metric(metric) = profile.headline {
            assert!(
                profile
                    .metrics
                    .iter()
                    .any(|heading| heading.metric == metric),
                "{}: the headline {metric:?} is one of its metrics",
                profile.key
            );
        }
    }
    assert_eq!(Metric::from_key("lines"), Some(Metric::Lines));
}
