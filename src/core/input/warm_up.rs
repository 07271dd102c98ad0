//! A small made-up coverage.py report that exercises the whole parser, for warming it up.
//!
//! The browser first runs WebAssembly through a quick compiler and optimises a function
//! only once it has run for a while, so a parsing worker parses this report while it waits
//! for a file: the real report then meets optimised code.

/// A coverage.py 7.x JSON report of `file_count` files shaped like real ones, consistent
/// in every count: 50 statements each (40 run), 10 branches (6 taken, 2 lines partial),
/// and contexts for every run line, which are most of a large real report's bytes.
pub fn warm_up_report_text(file_count: usize) -> String {
    let executed: Vec<String> = (1..=40).map(|line| (line * 2).to_string()).collect();
    let missing: Vec<String> = (1..=10).map(|line| (line * 2 + 1).to_string()).collect();
    let mut text = String::from(
        r#"{"meta": {"format": 3, "version": "7.6.1", "timestamp": "2026-01-01T00:00:00.000000", "branch_coverage": true, "show_contexts": true}, "files": {"#,
    );
    for file in 0..file_count {
        if file > 0 {
            text.push_str(", ");
        }
        let contexts: Vec<String> = (1..=40)
            .map(|line| {
                format!(
                    r#""{}": ["", "tests/test_module_{file}.py::test_case_{line}|run"]"#,
                    line * 2
                )
            })
            .collect();
        text.push_str(&format!(
            r#""src/package_{package}/module_{file}.py": {{"executed_lines": [{executed}], "summary": {{"covered_lines": 40, "num_statements": 50, "percent_covered": 76.66666666666667, "percent_covered_display": "77", "missing_lines": 10, "excluded_lines": 0, "num_branches": 10, "num_partial_branches": 2, "covered_branches": 6, "missing_branches": 4}}, "missing_lines": [{missing}], "excluded_lines": [], "contexts": {{{contexts}}}, "executed_branches": [[2, 4], [4, 6], [6, 8], [8, 10], [14, 16], [16, 18]], "missing_branches": [[14, 40], [16, 40], [19, 20], [19, -1]]}}"#,
            package = file % 17,
            executed = executed.join(", "),
            missing = missing.join(", "),
            contexts = contexts.join(", "),
        ));
    }
    let files = file_count as u64;
    text.push_str(&format!(
        r#"}}, "totals": {{"covered_lines": {covered}, "num_statements": {statements}, "percent_covered": {percent}, "percent_covered_display": "{display}", "missing_lines": {missing_count}, "excluded_lines": 0, "num_branches": {branches}, "num_partial_branches": {partial}, "covered_branches": {covered_branches}, "missing_branches": {missing_branches}}}}}"#,
        covered = 40 * files,
        statements = 50 * files,
        percent = if files == 0 { "100.0" } else { "76.66666666666667" },
        display = if files == 0 { "100" } else { "77" },
        missing_count = 10 * files,
        branches = 10 * files,
        partial = 2 * files,
        covered_branches = 6 * files,
        missing_branches = 4 * files,
    ));
    text
}
