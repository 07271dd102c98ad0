//! coverage.py's display rule: never "0" or "100" unless exact, Python's half-even rounding.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
use covscope::core::model::{CoverageCounts, Percent, Precision};

fn check(value: f64, precision: u8, expected: &str) {
    assert_eq!(
        Percent::new(value).display(Precision(precision)),
        expected,
        "{value} at precision {precision}"
    );
}

#[test]
fn exact_ends_show_as_0_and_100() {
    check(0.0, 0, "0");
    check(100.0, 0, "100");
    check(0.0, 2, "0.00");
    check(100.0, 2, "100.00");
}

#[test]
fn values_near_the_ends_never_round_to_them() {
    check(0.4, 0, "1");
    check(0.0001, 0, "1");
    check(99.6, 0, "99");
    check(99.5, 0, "99");
    check(99.99999, 0, "99");
    check(0.001, 2, "0.01");
    check(99.999, 2, "99.99");
    check(99.995, 2, "99.99");
}

#[test]
fn ties_round_half_to_even_like_python_round() {
    check(50.5, 0, "50");
    check(51.5, 0, "52");
    check(2.5, 0, "2");
    check(0.125, 2, "0.12");
    check(0.375, 2, "0.38");
}

#[test]
fn binary_values_round_by_their_exact_value() {
    // 2.675 is stored as 2.67499999999999982236431605997495353221893310546875.
    check(2.675, 2, "2.67");
    // 1.005 is stored just below 1.005.
    check(1.005, 2, "1.00");
    check(66.66666666666667, 0, "67");
    check(66.66666666666667, 2, "66.67");
    check(98.08946877912395, 2, "98.09");
    check(12.5, 0, "12");
    check(13.5, 0, "14");
}

#[test]
fn counts_add_up_and_compute_coverage_py_percentages() {
    let file_a = CoverageCounts {
        statements: 10,
        executed: 8,
        missing: 2,
        excluded: 1,
        branches: 4,
        executed_branches: 3,
        missing_branches: 1,
        partial_branches: 1,
    };
    let file_b = CoverageCounts {
        statements: 0,
        ..CoverageCounts::default()
    };
    let total: CoverageCounts = [file_a, file_b, file_a].iter().sum();
    assert_eq!(
        total,
        CoverageCounts {
            statements: 20,
            executed: 16,
            missing: 4,
            excluded: 2,
            branches: 8,
            executed_branches: 6,
            missing_branches: 2,
            partial_branches: 2,
        }
    );
    assert_eq!(total.percent_covered().display(Precision(2)), "78.57");
    assert_eq!(
        total.percent_statements_covered().display(Precision(0)),
        "80"
    );
    assert_eq!(file_b.percent_covered().display(Precision(0)), "100");
}
