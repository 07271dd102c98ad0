//! The uncovered-lines column, as each format's own text report lists it: coverage.py's
//! "Missing" column of `coverage report -m` (line ranges plus partial-branch arcs),
//! Istanbul's "Uncovered Line #s" of its text reporter, ranges over the measured lines for
//! formats that list every measured line (lcov, Go), and every other format's uncovered
//! lines.
//!
//! Refs: coverage.py `coverage/results.py` (`format_lines`, `_line_ranges`) and
//! `coverage/misc.py` (`nice_pair`); istanbul-reports 3.2 `lib/text/index.js`
//! (`nodeMissing`, `fill`) and istanbul-lib-coverage 3.2 `lib/file-coverage.js`
//! (`getLineCoverage`, `getBranchCoverageByLine`).
use crate::core::model::{
    ArcEnd, BranchArc, BranchOutcome, CoverageFormat, FileCoverage, LineNumber, Metric, PercentRule,
};

/// A file's uncovered lines as its format's text report lists them.
///
/// coverage.py's rule is [`format_missing_lines`], Istanbul's
/// [`format_istanbul_uncovered_lines`]. Cobertura, Clover and JaCoCo list every measured
/// line, so coverage.py's rule applies to them (with no arcs): a range runs on while no
/// listed line in between ran, as coverage.py and Istanbul print it (`1279-1287`, where
/// 1280 to 1283 are not code). A format whose tool prints no such list gets runs of
/// consecutive missing lines, `12-15, 20`, which reads the same way.
pub fn format_uncovered_lines(format: CoverageFormat, file: &FileCoverage) -> String {
    match format {
        CoverageFormat::CoveragePy
        | CoverageFormat::Cobertura
        | CoverageFormat::Clover
        | CoverageFormat::Jacoco => format_missing_lines(file),
        CoverageFormat::Lcov | CoverageFormat::Go => format_missing_line_ranges(file),
        CoverageFormat::Istanbul | CoverageFormat::IstanbulSummary => {
            format_istanbul_uncovered_lines(file)
        }
        _ => format_line_runs(&file.missing_lines, ", "),
    }
}

/// Runs of consecutive line numbers from a sorted list, `12-15`, joined by `separator`.
pub fn format_line_runs(lines: &[LineNumber], separator: &str) -> String {
    let mut runs: Vec<String> = Vec::new();
    let mut index = 0;
    while let Some(&start) = lines.get(index) {
        let mut end = start;
        index += 1;
        while let Some(&next) = lines.get(index) {
            if end.checked_add(1) != Some(next) {
                break;
            }
            end = next;
            index += 1;
        }
        runs.push(if start == end {
            start.to_string()
        } else {
            format!("{start}-{end}")
        });
    }
    runs.join(separator)
}

/// Ranges of missing lines over the measured lines (those that ran and those that did
/// not), formed as coverage.py's "Missing" and Istanbul's "Uncovered Line #s" form them: a
/// range runs on until a measured line that ran, so lines that are no code (blank lines,
/// comments) do not split it, `1279-1287` when 1280 to 1283 hold no code. lcov's and Go's
/// tools print no such list; this is the one their readers know from those tools.
pub fn format_missing_line_ranges(file: &FileCoverage) -> String {
    let mut measured: Vec<LineNumber> = file
        .executed_lines
        .iter()
        .chain(&file.missing_lines)
        .copied()
        .collect();
    measured.sort_unstable();
    measured.dedup();
    format_lines(&measured, &file.missing_lines, &[])
}

/// Formats a file's missing lines and missing branch arcs exactly as coverage.py does,
/// e.g. `11, 74->exit, 597-598, 607-610`.
///
/// coverage.py coalesces missing lines into a range as long as no *executed statement*
/// lies between them. The JSON report lists no statements, so they are rebuilt as the
/// executed lines that are not excluded, plus the missing lines.
pub fn format_missing_lines(file: &FileCoverage) -> String {
    let statements = rebuild_statements(file);
    format_lines(&statements, &file.missing_lines, &file.missing_branch_arcs)
}

/// coverage.py's `format_lines(statements, lines, arcs)` on sorted, deduplicated inputs.
pub fn format_lines(statements: &[LineNumber], lines: &[LineNumber], arcs: &[BranchArc]) -> String {
    // Line numbers and arc ends are widened to one key, so they sort together by value as
    // Python sorts them.
    let mut items: Vec<(i64, String)> = line_ranges(statements, lines)
        .into_iter()
        .map(|(start, end)| {
            let text = if start == end {
                start.to_string()
            } else {
                format!("{start}-{end}")
            };
            (i64::from(start), text)
        })
        .collect();
    let mut sorted_arcs = arcs.to_vec();
    sorted_arcs.sort_unstable();
    for arc in sorted_arcs {
        let is_missing = |end: ArcEnd| {
            LineNumber::try_from(end).is_ok_and(|line| lines.binary_search(&line).is_ok())
        };
        let from_is_missing = is_missing(arc.from);
        let to_is_missing = is_missing(arc.to);
        if from_is_missing || to_is_missing {
            continue;
        }
        let destination = if arc.to > 0 {
            arc.to.to_string()
        } else {
            "exit".to_string()
        };
        items.push((i64::from(arc.from), format!("{}->{destination}", arc.from)));
    }
    // Python sorts the (line, text) tuples: by line, then by the text itself.
    items.sort();
    items
        .into_iter()
        .map(|(_, text)| text)
        .collect::<Vec<_>>()
        .join(", ")
}

/// Istanbul's "Uncovered Line #s" exactly as its text reporter builds it, e.g.
/// `827-828,831-832,1044`, before the reporter cuts it to its column.
///
/// - When the file's lines are all covered (its % Lines prints as 100), the list is of
///   the lines whose branches were not all taken (`getBranchCoverageByLine`), each
///   branch at its branch point's line; otherwise it is of the lines with 0 hits.
/// - A range runs on while no covered line (or fully taken branch line) comes between,
///   however far apart its lines are: lines that hold no statement do not break it, so
///   `1279-1287` may span blank lines. Ranges are joined by `,` with no space.
/// - A file without lines (0 of 0) lists nothing.
///
/// The text reporter then fits the list into its column: a list wider than the column
/// becomes `...` and its last (width - 3) characters. The width depends on the terminal
/// (nyc and c8 use its width, or 100 columns when the output is not a terminal; Jest
/// never cuts), which the report does not record, so Covscope keeps the whole list.
pub fn format_istanbul_uncovered_lines(file: &FileCoverage) -> String {
    let lines = file.counts.tally(Metric::Lines).unwrap_or_default();
    let all_lines_covered =
        lines.total > 0 && PercentRule::IstanbulTruncated.display(lines) == "100";
    let ranges = if all_lines_covered {
        let (branch_lines, partly_taken_lines) = branch_lines(&file.branch_outcomes);
        line_ranges(&branch_lines, &partly_taken_lines)
    } else {
        let mut measured_lines: Vec<LineNumber> = file
            .executed_lines
            .iter()
            .chain(&file.missing_lines)
            .copied()
            .collect();
        measured_lines.sort_unstable();
        measured_lines.dedup();
        line_ranges(&measured_lines, &file.missing_lines)
    };
    ranges
        .into_iter()
        .map(|(start, end)| {
            if start == end {
                start.to_string()
            } else {
                format!("{start}-{end}")
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

/// The lines that have branches, and those of them where some outcome was never taken,
/// from outcomes sorted by line.
fn branch_lines(outcomes: &[BranchOutcome]) -> (Vec<LineNumber>, Vec<LineNumber>) {
    let mut lines: Vec<LineNumber> = Vec::new();
    let mut partly_taken: Vec<LineNumber> = Vec::new();
    for outcome in outcomes {
        if lines.last() != Some(&outcome.line) {
            lines.push(outcome.line);
        }
        let taken = outcome.taken.is_some_and(|taken| taken > 0);
        if !taken && partly_taken.last() != Some(&outcome.line) {
            partly_taken.push(outcome.line);
        }
    }
    (lines, partly_taken)
}

fn rebuild_statements(file: &FileCoverage) -> Vec<LineNumber> {
    let mut statements: Vec<LineNumber> = file
        .executed_lines
        .iter()
        .copied()
        .filter(|line| file.excluded_lines.binary_search(line).is_err())
        .chain(file.missing_lines.iter().copied())
        .collect();
    statements.sort_unstable();
    statements.dedup();
    statements
}

/// coverage.py's `_line_ranges`: walks the statements, extending a range while each
/// statement is also in `lines`.
fn line_ranges(statements: &[LineNumber], lines: &[LineNumber]) -> Vec<(LineNumber, LineNumber)> {
    let mut pairs = Vec::new();
    let mut current: Option<(LineNumber, LineNumber)> = None;
    let mut line_index = 0;
    for &statement in statements {
        if line_index >= lines.len() {
            break;
        }
        if statement == lines[line_index] {
            line_index += 1;
            current = Some(match current {
                Some((start, _)) => (start, statement),
                None => (statement, statement),
            });
        } else if let Some(range) = current.take() {
            pairs.push(range);
        }
    }
    if let Some(range) = current {
        pairs.push(range);
    }
    pairs
}
