//! Reads what Istanbul's text and text-summary reporters printed (`report.txt`,
//! `text-summary.txt`) and checks a parsed report against every row of it: the ground
//! truth of the Istanbul fixtures, never recomputed by the code under test.
//!
//! The table: a dashed rule, `File | % Stmts | % Branch | % Funcs | % Lines | Uncovered
//! Line #s`, a rule, one row per node indented one space per level (`All files`, then
//! each folder, then its files; no folder rows when all files share one folder), a rule.
//! Paths in the table are relative to the files' common folder (its name first when a
//! file lies directly in it), so a file row is matched to the report's absolute path by
//! suffix: `express/lib` + `response.js` is the report's `/home/dev/express/lib/response.js`.
use covscope::core::analysis::missing_lines::format_uncovered_lines;
use covscope::core::model::{Counts, CoverageReport, Metric, MetricCounts, Tally};
use covscope::core::text::ParseOutcome;

/// An Istanbul parser's entry point.
pub type Parser = fn(&[u8], &mut dyn FnMut(usize)) -> ParseOutcome<CoverageReport>;

/// What a malformed file must give: its one error, or the warnings of a file that loads.
pub type MalformedExpectation = (&'static str, Result<&'static [&'static str], &'static str>);

/// Parses every file of a malformed table from `tests/fixtures/malformed/<folder>/` and
/// checks its exact message, or its exact warnings when it loads.
pub fn check_malformed(folder: &str, parse: Parser, cases: &[MalformedExpectation]) {
    for (name, expected) in cases {
        let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/malformed")
            .join(folder)
            .join(name);
        let bytes = std::fs::read(&path).unwrap_or_else(|_| panic!("{name} exists"));
        let outcome = parse(&bytes, &mut |_| {});
        match expected {
            Err(message) => {
                assert!(outcome.value.is_none(), "{name} is refused");
                assert_eq!(outcome.first_error(), Some(*message), "{name}");
            }
            Ok(warnings) => {
                assert!(
                    outcome.value.is_some(),
                    "{name} loads: {:?}",
                    outcome.diagnostics
                );
                assert_eq!(outcome.warning_messages(), *warnings, "{name}");
            }
        }
    }
}

/// The four metrics in the table's column order.
pub const TABLE_METRICS: [Metric; 4] = [
    Metric::Statements,
    Metric::Branches,
    Metric::Functions,
    Metric::Lines,
];

/// One row of the text reporter's table.
#[derive(Debug)]
pub struct TableRow {
    /// How deep the row is indented: 0 for `All files`.
    pub depth: usize,
    pub name: String,
    /// The four percentages as printed, in [`TABLE_METRICS`]' order.
    pub percents: [String; 4],
    /// The "Uncovered Line #s" cell without its padding.
    pub uncovered: String,
}

/// The whole table, with the width of its last column (the reporter cuts longer lists).
pub struct TextTable {
    pub rows: Vec<TableRow>,
    pub uncovered_width: usize,
}

/// One line of the text-summary: `Statements   : 99.74% ( 2769/2776 )`.
#[derive(Debug, PartialEq)]
pub struct SummaryLine {
    pub metric: Metric,
    pub percent: String,
    pub tally: Tally,
}

pub fn fixture_text(relative: &str) -> String {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/coverage")
        .join(relative);
    std::fs::read_to_string(&path).unwrap_or_else(|_| panic!("{} exists", path.display()))
}

pub fn read_text_table(text: &str) -> TextTable {
    let lines: Vec<&str> = text.lines().filter(|line| !line.is_empty()).collect();
    let rule = lines[0];
    assert!(
        rule.starts_with('-'),
        "the table starts with a rule: {rule}"
    );
    // The rule's segments are joined by "-|-" and end with one more "-".
    let uncovered_width = rule.rsplit("-|-").next().expect("segments").len() - 1;
    let mut rows = Vec::new();
    for line in &lines[3..] {
        if line.starts_with('-') {
            break;
        }
        let cells: Vec<&str> = line.split(" | ").collect();
        assert_eq!(cells.len(), 6, "six cells in {line:?}");
        let name_cell = cells[0];
        let name = name_cell.trim_start();
        rows.push(TableRow {
            depth: name_cell.len() - name.len(),
            name: name.trim_end().to_string(),
            percents: [1, 2, 3, 4].map(|index| cells[index].trim().to_string()),
            uncovered: cells[5].trim_end().to_string(),
        });
    }
    TextTable {
        rows,
        uncovered_width,
    }
}

pub fn read_text_summary(text: &str) -> Vec<SummaryLine> {
    let names = [
        ("Statements", Metric::Statements),
        ("Branches", Metric::Branches),
        ("Functions", Metric::Functions),
        ("Lines", Metric::Lines),
    ];
    text.lines()
        .filter_map(|line| {
            let (name, rest) = line.split_once(':')?;
            let metric = names
                .iter()
                .find(|(word, _)| name.trim() == *word)
                .map(|(_, metric)| *metric)?;
            let (percent, counts) = rest.trim().split_once("% ( ")?;
            let (covered, total) = counts.trim_end_matches(" )").split_once('/')?;
            Some(SummaryLine {
                metric,
                percent: percent.to_string(),
                tally: Tally::new(covered.parse().ok()?, total.parse().ok()?),
            })
        })
        .collect()
}

/// What the text reporter's `fill()` prints for a text in a column of `width`: the text,
/// or `...` and its last `width - 3` characters when it is wider.
pub fn fitted_to_column(text: &str, width: usize) -> String {
    if text.len() <= width {
        return text.to_string();
    }
    format!("...{}", &text[text.len() - (width - 3)..])
}

/// A file row's path relative to the common folder, and the folder rows above it.
pub struct FileRow<'table> {
    pub relative_path: String,
    pub folder: Option<&'table TableRow>,
    pub row: &'table TableRow,
}

/// The table's file rows: a row is a folder when the next row is indented deeper.
pub fn file_rows(table: &TextTable) -> Vec<FileRow<'_>> {
    let mut files = Vec::new();
    let mut folder: Option<&TableRow> = None;
    for (index, row) in table.rows.iter().enumerate().skip(1) {
        let is_folder = table
            .rows
            .get(index + 1)
            .is_some_and(|next| next.depth > row.depth);
        if is_folder {
            folder = Some(row);
            continue;
        }
        let relative_path = match folder.filter(|folder| folder.depth < row.depth) {
            Some(folder) => format!("{}/{}", folder.name, row.name),
            None => row.name.clone(),
        };
        files.push(FileRow {
            relative_path,
            folder: folder.filter(|folder| folder.depth < row.depth),
            row,
        });
    }
    files
}

/// The index of the report file whose path ends with `/<relative path>`; exactly one must.
pub fn file_index_by_suffix(report: &CoverageReport, relative_path: &str) -> usize {
    let suffix = format!("/{relative_path}");
    let matches: Vec<usize> = report
        .files
        .iter()
        .enumerate()
        .filter(|(_, file)| file.path.ends_with(&suffix))
        .map(|(index, _)| index)
        .collect();
    assert_eq!(
        matches.len(),
        1,
        "exactly one report file ends with {suffix}"
    );
    matches[0]
}

/// The four percentages Covscope shows for some counts, as the table hooks print them.
pub fn shown_percents(
    report: &CoverageReport,
    counts: &Counts,
    stated: &[covscope::core::model::MetricFigure],
) -> [String; 4] {
    TABLE_METRICS.map(|metric| {
        report
            .facts
            .metric_figure(counts, stated, metric)
            .map(|figure| figure.display)
            .unwrap_or_else(|| format!("no {metric:?}"))
    })
}

/// What was compared, for the tests to assert they looked at everything.
#[derive(Debug, Default, PartialEq)]
pub struct Compared {
    pub file_rows: usize,
    pub folder_rows: usize,
    pub uncovered_cells: usize,
}

/// Checks every row of `report.txt` in `folder` against the report: each file row's four
/// percentages (and, when `with_uncovered_lines`, its uncovered lines as the column cut
/// them), each folder row against the sum of its files, and `All files` and the
/// text-summary against the report's totals.
pub fn check_against_text_report(
    report: &CoverageReport,
    folder: &str,
    with_uncovered_lines: bool,
) -> Compared {
    let table = read_text_table(&fixture_text(&format!("{folder}/report.txt")));
    let mut compared = Compared::default();
    let files = file_rows(&table);
    assert_eq!(
        files.len(),
        report.files.len(),
        "{folder}: one table row per report file"
    );
    let mut folder_sums: Vec<(&TableRow, MetricCounts)> = Vec::new();
    for file_row in &files {
        let index = file_index_by_suffix(report, &file_row.relative_path);
        let file = &report.files[index];
        assert_eq!(
            shown_percents(report, &file.counts, &file.stated_figures),
            file_row.row.percents,
            "{folder}: {} (% Stmts, % Branch, % Funcs, % Lines)",
            file.path
        );
        if with_uncovered_lines {
            let uncovered = format_uncovered_lines(report.facts.format, file);
            assert_eq!(
                fitted_to_column(&uncovered, table.uncovered_width),
                file_row.row.uncovered,
                "{folder}: {} uncovered lines (whole list: {uncovered})",
                file.path
            );
            compared.uncovered_cells += 1;
        }
        if let Some(folder_row) = file_row.folder {
            match folder_sums
                .iter_mut()
                .find(|(row, _)| std::ptr::eq(*row, folder_row))
            {
                Some((_, sum)) => *sum = *sum + file.counts.as_metrics(),
                None => folder_sums.push((folder_row, file.counts.as_metrics())),
            }
        }
        compared.file_rows += 1;
    }
    for (folder_row, sum) in &folder_sums {
        assert_eq!(
            shown_percents(report, &Counts::Metrics(*sum), &[]),
            folder_row.percents,
            "{folder}: folder row {}",
            folder_row.name
        );
        compared.folder_rows += 1;
    }
    let all_files = &table.rows[0];
    assert_eq!(all_files.name, "All files");
    assert_eq!(
        shown_percents(report, &report.totals, &report.stated_total_figures),
        all_files.percents,
        "{folder}: All files"
    );
    let summary = read_text_summary(&fixture_text(&format!("{folder}/text-summary.txt")));
    assert_eq!(summary.len(), 4, "{folder}: four text-summary lines");
    let shown_totals = shown_percents(report, &report.totals, &report.stated_total_figures);
    let has_lines = report
        .totals
        .tally(Metric::Lines)
        .is_some_and(|lines| lines.total > 0);
    for line in &summary {
        assert_eq!(
            report.totals.tally(line.metric),
            Some(line.tally),
            "{folder}: text-summary {:?} counts",
            line.metric
        );
        // With no lines at all the text-summary prints the summary's own pct ("Unknown"
        // or 100) where the table prints 0; Covscope shows the table's figure, and the
        // tests of such reports check the stated figure separately.
        if has_lines {
            let column = TABLE_METRICS
                .iter()
                .position(|metric| *metric == line.metric)
                .expect("a table metric");
            assert_eq!(
                shown_totals[column], line.percent,
                "{folder}: text-summary {:?} percent",
                line.metric
            );
        }
    }
    compared
}
