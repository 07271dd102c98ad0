//! Writes a comparison out as text: a GitHub-flavoured markdown table and RFC 4180 CSV.
use super::compare::{
    totals_for_rows, Comparison, DeltaRow, DeltaStatus, DeltaTotals, FileFigures,
};

/// The columns of the CSV export, in order.
pub const CSV_COLUMNS: [&str; 13] = [
    "path",
    "status",
    "coverage_before",
    "coverage_after",
    "coverage_delta_pp",
    "statements_before",
    "statements_after",
    "missing_before",
    "missing_after",
    "branches_before",
    "branches_after",
    "partial_before",
    "partial_after",
];

/// The comparison as a markdown table in the "Before | After | Change" shape coverage
/// reports use, e.g. `| `toolz/utils.py` | 29% | 86% | +57 pp |`.
///
/// `rows` are the rows to write, in order (usually [`build_delta_table`]'s output); the
/// last row is the **Total**: the reports' own totals when every row is written, else the
/// sums of the written rows, labelled with how many files they are. Percentages are each
/// report's own display text; a new file shows "—" before and "new" as its change, a
/// removed one "—" after and "removed". Paths and names are code spans, so `__init__`
/// and `*` stay literal, with `|` escaped as GFM tables require. When only one report
/// measured branches a note under the table says so, since the two percentages then
/// measure different things.
///
/// [`build_delta_table`]: super::compare::build_delta_table
pub fn comparison_to_markdown(
    comparison: &Comparison,
    rows: &[DeltaRow],
    before_name: &str,
    after_name: &str,
) -> String {
    let mut lines = vec![
        format!(
            "Coverage change from {} to {}.",
            code_span(before_name),
            code_span(after_name)
        ),
        String::new(),
        "| File | Before | After | Change |".to_string(),
        "| --- | ---: | ---: | ---: |".to_string(),
    ];
    for row in rows {
        lines.push(markdown_row(
            &code_span(&row.path),
            row.before.as_ref(),
            row.after.as_ref(),
            &change_text(row.status, row.coverage_delta.as_ref().map(|d| &d.display)),
        ));
    }
    let totals = totals_for_rows(comparison, rows);
    let total_label = if totals.is_subset {
        format!(
            "**Total ({} of {} files)**",
            totals.file_count,
            comparison.rows.len()
        )
    } else {
        "**Total**".to_string()
    };
    lines.push(markdown_row(
        &total_label,
        totals.before.as_ref(),
        totals.after.as_ref(),
        &change_text(
            totals.status,
            totals.coverage_delta.as_ref().map(|d| &d.display),
        ),
    ));
    if comparison.has_branches_before != comparison.has_branches_after {
        let (measured, unmeasured) = if comparison.has_branches_after {
            (after_name, before_name)
        } else {
            (before_name, after_name)
        };
        lines.push(String::new());
        lines.push(format!(
            "Branch coverage was measured in {} but not in {}, so only its percentages include branches.",
            code_span(measured),
            code_span(unmeasured)
        ));
    }
    let mut text = lines.join("\n");
    text.push('\n');
    text
}

/// The comparison as CSV (RFC 4180: CRLF line ends, fields with a comma, quote or line
/// break quoted, quotes doubled), one line per row in [`CSV_COLUMNS`] order, then a
/// `TOTAL` line (coverage.py's own word for it) computed as in
/// [`comparison_to_markdown`].
///
/// Percentages are the reports' own display text and the delta is its signed display
/// ("+11.10"), so the file says exactly what the table shows; cells of a report the file
/// is not in are empty.
pub fn comparison_to_csv(comparison: &Comparison, rows: &[DeltaRow]) -> String {
    let mut text = String::new();
    push_csv_line(
        &mut text,
        CSV_COLUMNS.iter().map(|column| column.to_string()),
    );
    for row in rows {
        push_csv_line(
            &mut text,
            csv_fields(
                &row.path,
                row.status,
                row.before.as_ref(),
                row.after.as_ref(),
                row.coverage_delta
                    .as_ref()
                    .map(|delta| delta.display.as_str()),
            ),
        );
    }
    let totals: DeltaTotals = totals_for_rows(comparison, rows);
    push_csv_line(
        &mut text,
        csv_fields(
            "TOTAL",
            totals.status,
            totals.before.as_ref(),
            totals.after.as_ref(),
            totals
                .coverage_delta
                .as_ref()
                .map(|delta| delta.display.as_str()),
        ),
    );
    text
}

/// Text as a markdown code span that survives inside a GFM table cell.
///
/// The fence is one backtick longer than the longest run inside, padded with a space
/// when the text starts or ends with a backtick or would lose its own edge spaces; `|`
/// is escaped because GFM splits cells before it parses code spans; control characters
/// (a line break would end the table row) become spaces. A `\` directly before a `|`
/// cannot be kept literal inside a code span and reads as escaping it.
pub fn code_span(text: &str) -> String {
    if text.is_empty() {
        return String::new();
    }
    let cleaned: String = text
        .chars()
        .map(|character| {
            if character.is_control() {
                ' '
            } else {
                character
            }
        })
        .collect();
    let escaped = cleaned.replace('|', "\\|");
    let mut longest_run = 0;
    let mut run = 0;
    for character in escaped.chars() {
        if character == '`' {
            run += 1;
            longest_run = longest_run.max(run);
        } else {
            run = 0;
        }
    }
    let fence = "`".repeat(longest_run + 1);
    let needs_padding = escaped.starts_with('`')
        || escaped.ends_with('`')
        || (escaped.starts_with(' ') && escaped.ends_with(' ') && !escaped.trim().is_empty());
    let padding = if needs_padding { " " } else { "" };
    format!("{fence}{padding}{escaped}{padding}{fence}")
}

/// One CSV field, quoted only when RFC 4180 requires it, and never read as a formula.
///
/// Spreadsheets run a cell that starts with `=`, `+`, `-`, `@`, a tab or a carriage return
/// as a formula, and file paths and display strings come from the dropped reports. Such a
/// cell gets OWASP's treatment: a leading `'` and quotes. A plain decimal number (the
/// signed deltas Covscope writes, like `-3.5` or `+20`) is not a formula and stays as is.
pub fn csv_field(text: &str) -> String {
    let formula_start = text.starts_with(['=', '+', '-', '@', '\t', '\r']);
    if formula_start && !is_plain_decimal_number(text) {
        format!("\"'{}\"", text.replace('"', "\"\""))
    } else if text.contains([',', '"', '\r', '\n']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

fn markdown_row(
    label: &str,
    before: Option<&FileFigures>,
    after: Option<&FileFigures>,
    change: &str,
) -> String {
    format!(
        "| {label} | {} | {} | {change} |",
        percent_cell(before),
        percent_cell(after)
    )
}

fn percent_cell(figures: Option<&FileFigures>) -> String {
    match figures {
        Some(figures) => format!("{}%", figures.coverage.display),
        None => "—".to_string(),
    }
}

fn change_text(status: DeltaStatus, delta_display: Option<&String>) -> String {
    match (status, delta_display) {
        (DeltaStatus::NewFile, _) => "new".to_string(),
        (DeltaStatus::Removed, _) => "removed".to_string(),
        (_, Some(display)) => format!("{display} pp"),
        (_, None) => "—".to_string(),
    }
}

fn csv_fields(
    path: &str,
    status: DeltaStatus,
    before: Option<&FileFigures>,
    after: Option<&FileFigures>,
    delta_display: Option<&str>,
) -> Vec<String> {
    let display = |figures: Option<&FileFigures>| {
        figures.map_or(String::new(), |figures| figures.coverage.display.clone())
    };
    let count = |figures: Option<&FileFigures>, pick: fn(&FileFigures) -> u64| {
        figures.map_or(String::new(), |figures| pick(figures).to_string())
    };
    vec![
        path.to_string(),
        status.key().to_string(),
        display(before),
        display(after),
        delta_display.unwrap_or_default().to_string(),
        count(before, |figures| figures.compared.measured),
        count(after, |figures| figures.compared.measured),
        count(before, |figures| figures.compared.missing),
        count(after, |figures| figures.compared.missing),
        count(before, |figures| figures.compared.branches),
        count(after, |figures| figures.compared.branches),
        count(before, |figures| figures.compared.partial),
        count(after, |figures| figures.compared.partial),
    ]
}

fn push_csv_line(text: &mut String, fields: impl IntoIterator<Item = String>) {
    let line: Vec<String> = fields.into_iter().map(|field| csv_field(&field)).collect();
    text.push_str(&line.join(","));
    text.push_str("\r\n");
}

/// `+20`, `-3.5`, `0.25`: an optional sign, digits, and at most one point between digits.
fn is_plain_decimal_number(text: &str) -> bool {
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    let mut parts = unsigned.splitn(2, '.');
    let whole = parts.next().unwrap_or("");
    let all_digits =
        |part: &str| !part.is_empty() && part.bytes().all(|byte| byte.is_ascii_digit());
    all_digits(whole) && parts.next().is_none_or(all_digits)
}
