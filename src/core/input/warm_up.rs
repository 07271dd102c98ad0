//! Small made-up reports, one per format read at scale, that exercise each parser whole,
//! for warming it up.
//!
//! The browser first runs WebAssembly through a quick compiler and optimises a function
//! only once it has run for a while, so a parsing worker parses these reports while it
//! waits for a file: the real report then meets optimised code, whatever its format. Each
//! format's functions are its own (a coverage.py report warms nothing of the Istanbul,
//! lcov or Cobertura parsers), so each format read at scale has a sample; the registry
//! (`core::input::registry`) names it beside the format's parser.

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

/// The lines of one made-up JavaScript module, shared by the Istanbul, lcov and Cobertura
/// samples so the three describe the same test run: 20 lines of code, each with one
/// statement (line 3 has a second, never run), lines 17 to 20 never run.
const SAMPLE_MODULE_LINES: u32 = 20;

/// The last line of the sample module that runs.
const SAMPLE_MODULE_LAST_RUN_LINE: u32 = 16;

/// How often a line of the sample module ran: 1 to 5 times for the lines that run.
fn sample_line_hits(line: u32) -> u32 {
    if line <= SAMPLE_MODULE_LAST_RUN_LINE {
        line % 5 + 1
    } else {
        0
    }
}

/// One function of the sample module: where it is declared, its name as the JavaScript
/// tools write it, and how often it was called.
struct SampleFunction {
    line: u32,
    name: &'static str,
    calls: u32,
}

/// The sample module's four functions, one never called and one anonymous.
const SAMPLE_FUNCTIONS: [SampleFunction; 4] = [
    SampleFunction {
        line: 2,
        name: "parsePrice",
        calls: 3,
    },
    SampleFunction {
        line: 6,
        name: "formatTotal",
        calls: 1,
    },
    SampleFunction {
        line: 10,
        name: "(anonymous_2)",
        calls: 2,
    },
    SampleFunction {
        line: 17,
        name: "refund",
        calls: 0,
    },
];

/// One branch point of the sample module: its line, Istanbul's kind, and how often each
/// of its two ways was taken.
struct SampleBranch {
    line: u32,
    kind: &'static str,
    taken: [u32; 2],
}

/// The sample module's branch points: an `if` whose `else` is Babel's empty location,
/// a `||` both of whose sides ran, and a conditional on a line never run.
const SAMPLE_BRANCHES: [SampleBranch; 3] = [
    SampleBranch {
        line: 4,
        kind: "if",
        taken: [2, 0],
    },
    SampleBranch {
        line: 8,
        kind: "binary-expr",
        taken: [1, 1],
    },
    SampleBranch {
        line: 18,
        kind: "cond-expr",
        taken: [0, 0],
    },
];

/// The sample module's path in the made-up project of `file` (17 packages, as the
/// coverage.py sample has).
fn sample_module_path(file: usize) -> String {
    format!("src/package_{}/module_{file}.js", file % 17)
}

/// The folder every sample module's path is relative to.
const SAMPLE_PROJECT_ROOT: &str = "/home/dev/project";

/// Istanbul's `{"start": {...}, "end": {...}}` for columns `start` to `end` of `line`.
fn istanbul_location(line: u32, start: u32, end: u32) -> String {
    format!(
        r#"{{"start": {{"line": {line}, "column": {start}}}, "end": {{"line": {line}, "column": {end}}}}}"#
    )
}

/// An Istanbul object's entries keyed by number as every writer numbers them (`"0": ...,
/// "1": ...`), each value written by `value`.
fn istanbul_entries<Item>(
    items: impl IntoIterator<Item = Item>,
    value: impl Fn(Item) -> String,
) -> String {
    items
        .into_iter()
        .enumerate()
        .map(|(index, item)| format!(r#""{index}": {}"#, value(item)))
        .collect::<Vec<_>>()
        .join(", ")
}

/// Jest's `coverage-final.json` (istanbul-lib-coverage's file coverage objects, keyed by
/// absolute path) of `file_count` copies of the sample module: per file 21 statements
/// (16 run), 20 lines (16 run), 4 functions (3 called) and 6 branch outcomes (3 taken).
pub fn warm_up_istanbul_text(file_count: usize) -> String {
    let mut text = String::from("{");
    for file in 0..file_count {
        if file > 0 {
            text.push_str(",\n");
        }
        let path = format!("{SAMPLE_PROJECT_ROOT}/{}", sample_module_path(file));
        // Statements: one per line, then line 3's second, never run.
        let statement_spans = (1..=SAMPLE_MODULE_LINES)
            .map(|line| (line, 2, 40))
            .chain([(3, 42, 60)]);
        let statement_map = istanbul_entries(statement_spans.clone(), |(line, start, end)| {
            istanbul_location(line, start, end)
        });
        let statement_hits = istanbul_entries(statement_spans, |(line, start, _)| {
            // Line 3's second statement (column 42) never ran.
            let hits = if start == 2 {
                sample_line_hits(line)
            } else {
                0
            };
            hits.to_string()
        });
        let function_map = istanbul_entries(&SAMPLE_FUNCTIONS, |function| {
            format!(
                r#"{{"name": "{name}", "decl": {decl}, "loc": {loc}, "line": {line}}}"#,
                name = function.name,
                decl = istanbul_location(function.line, 9, 19),
                loc = istanbul_location(function.line, 0, 80),
                line = function.line,
            )
        });
        let function_hits =
            istanbul_entries(&SAMPLE_FUNCTIONS, |function| function.calls.to_string());
        let branch_map = istanbul_entries(&SAMPLE_BRANCHES, |branch| {
            let second_way = if branch.kind == "if" {
                // Babel writes an `if` without `else` with an empty second location.
                r#"{"start": {}, "end": {}}"#.to_string()
            } else {
                istanbul_location(branch.line, 30, 50)
            };
            format!(
                r#"{{"loc": {loc}, "type": "{kind}", "locations": [{first}, {second_way}], "line": {line}}}"#,
                loc = istanbul_location(branch.line, 4, 50),
                kind = branch.kind,
                first = istanbul_location(branch.line, 4, 28),
                line = branch.line,
            )
        });
        let branch_hits = istanbul_entries(&SAMPLE_BRANCHES, |branch| {
            format!("[{}, {}]", branch.taken[0], branch.taken[1])
        });
        text.push_str(&format!(
            r#""{path}": {{"path": "{path}", "statementMap": {{{statement_map}}}, "fnMap": {{{function_map}}}, "branchMap": {{{branch_map}}}, "s": {{{statement_hits}}}, "f": {{{function_hits}}}, "b": {{{branch_hits}}}, "inputSourceMap": null, "_coverageSchema": "1a1c01bbd47fc00a2c39e90264f33305004495a9", "hash": "{file:040x}"}}"#,
        ));
    }
    text.push('}');
    text
}

/// istanbul-reports' `lcovonly` tracefile of `file_count` copies of the sample module:
/// per file 20 lines (16 run), 4 functions (3 called), 6 branch outcomes (3 taken).
pub fn warm_up_lcov_text(file_count: usize) -> String {
    let mut text = String::new();
    for file in 0..file_count {
        text.push_str(&format!("TN:\nSF:{}\n", sample_module_path(file)));
        for function in &SAMPLE_FUNCTIONS {
            text.push_str(&format!("FN:{},{}\n", function.line, function.name));
        }
        for function in &SAMPLE_FUNCTIONS {
            text.push_str(&format!("FNDA:{},{}\n", function.calls, function.name));
        }
        let called = SAMPLE_FUNCTIONS
            .iter()
            .filter(|function| function.calls > 0);
        text.push_str(&format!(
            "FNF:{}\nFNH:{}\n",
            SAMPLE_FUNCTIONS.len(),
            called.count()
        ));
        for line in 1..=SAMPLE_MODULE_LINES {
            text.push_str(&format!("DA:{line},{}\n", sample_line_hits(line)));
        }
        text.push_str(&format!(
            "LF:{SAMPLE_MODULE_LINES}\nLH:{SAMPLE_MODULE_LAST_RUN_LINE}\n"
        ));
        let mut outcomes = 0;
        let mut taken_outcomes = 0;
        for (block, branch) in SAMPLE_BRANCHES.iter().enumerate() {
            for (way, taken) in branch.taken.iter().enumerate() {
                // A branch on a line never run is written `-`, as lcov does.
                let written = if sample_line_hits(branch.line) == 0 {
                    "-".to_string()
                } else {
                    taken.to_string()
                };
                text.push_str(&format!("BRDA:{},{block},{way},{written}\n", branch.line));
                outcomes += 1;
                taken_outcomes += usize::from(*taken > 0);
            }
        }
        text.push_str(&format!(
            "BRF:{outcomes}\nBRH:{taken_outcomes}\nend_of_record\n"
        ));
    }
    text
}

/// istanbul-reports' `cobertura` XML of `file_count` copies of the sample module, a
/// package per folder: per file 20 lines (16 run) and 6 conditions (3 taken), every rate
/// counted from the lines.
pub fn warm_up_cobertura_text(file_count: usize) -> String {
    let files = file_count as u64;
    let lines = u64::from(SAMPLE_MODULE_LINES);
    let run_lines = u64::from(SAMPLE_MODULE_LAST_RUN_LINE);
    let conditions: u64 = 2 * SAMPLE_BRANCHES.len() as u64;
    let taken_conditions: u64 = SAMPLE_BRANCHES
        .iter()
        .flat_map(|branch| branch.taken)
        .filter(|&taken| taken > 0)
        .count() as u64;
    let rate = |covered: u64, total: u64| {
        if total == 0 {
            "1".to_string()
        } else {
            format!("{:.4}", covered as f64 / total as f64)
        }
    };
    let file_line_rate = rate(run_lines, lines);
    let file_branch_rate = rate(taken_conditions, conditions);
    let mut text = format!(
        "<?xml version=\"1.0\" ?>\n<coverage lines-valid=\"{}\" lines-covered=\"{}\" line-rate=\"{}\" branches-valid=\"{}\" branches-covered=\"{}\" branch-rate=\"{}\" timestamp=\"1796412142037\" complexity=\"0\" version=\"0.1\">\n<sources>\n<source>{SAMPLE_PROJECT_ROOT}</source>\n</sources>\n<packages>\n",
        lines * files,
        run_lines * files,
        rate(run_lines * files, lines * files),
        conditions * files,
        taken_conditions * files,
        rate(taken_conditions * files, conditions * files),
    );
    // The package of each file is its folder; every file of the sample has the same
    // figures, so a package's rates are a file's.
    let package_count = file_count.min(17);
    for package in 0..package_count {
        text.push_str(&format!(
            "<package name=\"src.package_{package}\" line-rate=\"{file_line_rate}\" branch-rate=\"{file_branch_rate}\">\n<classes>\n"
        ));
        for file in (package..file_count).step_by(17) {
            let path = sample_module_path(file);
            text.push_str(&format!(
                "<class name=\"module_{file}.js\" filename=\"{path}\" line-rate=\"{file_line_rate}\" branch-rate=\"{file_branch_rate}\">\n<methods>\n"
            ));
            for function in &SAMPLE_FUNCTIONS {
                text.push_str(&format!(
                    "<method name=\"{name}\" hits=\"{calls}\" signature=\"()V\">\n<lines>\n<line number=\"{line}\" hits=\"{calls}\"/>\n</lines>\n</method>\n",
                    name = function.name,
                    calls = function.calls,
                    line = function.line,
                ));
            }
            text.push_str("</methods>\n<lines>\n");
            for line in 1..=SAMPLE_MODULE_LINES {
                let hits = sample_line_hits(line);
                match SAMPLE_BRANCHES.iter().find(|branch| branch.line == line) {
                    Some(branch) => {
                        let taken = branch.taken.iter().filter(|&&taken| taken > 0).count();
                        text.push_str(&format!(
                            "<line number=\"{line}\" hits=\"{hits}\" branch=\"true\" condition-coverage=\"{}% ({taken}/2)\"/>\n",
                            taken * 50
                        ));
                    }
                    None => text.push_str(&format!(
                        "<line number=\"{line}\" hits=\"{hits}\" branch=\"false\"/>\n"
                    )),
                }
            }
            text.push_str("</lines>\n</class>\n");
        }
        text.push_str("</classes>\n</package>\n");
    }
    text.push_str("</packages>\n</coverage>\n");
    text
}
