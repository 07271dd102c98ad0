//! The view a link restores (report, document, file and line, comparison, table settings,
//! open folders) and its wire form.
//!
//! On the wire a view is a list of fields, each `tag, byte length, body`, and a field equal
//! to its default is left out. A decoder skips tags it does not know, so a later Covscope
//! can add view settings without a new format version and older versions still open its
//! links (minus the new settings, with a warning).
use std::rc::Rc;

use serde::{Deserialize, Serialize};

use super::limits::MAX_TEXT_BYTES;
use super::wire::{
    check_text, is_acceptable_text, metric_code, metric_of_code, write_f64, write_text,
    write_varint, ByteReader, TextRule, WireProblem,
};
use crate::core::analysis::table::{MetricPart, SortOrder, TableColumn, TableView, Thresholds};
use crate::core::analysis::tree::OpenFolders;
use crate::core::text::Diagnostic;

/// What is on screen, as the address remembers it, so that reloading, back/forward and
/// shared links show the same thing.
///
/// Names refer to loaded reports and documents by the name shown in their lists; whether
/// they exist is for the app to check once the data is there.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(default)]
pub struct ViewState {
    /// The report shown, by its name in the report list.
    pub selected_report: Option<String>,
    /// The planning document shown, by its name in the document list.
    pub selected_document: Option<String>,
    /// Sort, filter, hide-covered and thresholds of the coverage table.
    pub table: TableView,
    /// The file opened in the report, by its path exactly as the report spells it.
    pub selected_file: Option<String>,
    /// Two report names compared with each other: (baseline, compared).
    pub comparison: Option<(String, String)>,
    /// Which screen is shown, e.g. "table", "docs" or "compare"; plain text, so a new
    /// screen needs no new format version.
    pub current_view: Option<String>,
    /// The folders open in the folder tree, by path, sorted (shared with the tree view).
    pub open_folders: OpenFolders,
    /// The line chosen in the source view of `selected_file` (a `#L120` link).
    pub selected_line: Option<u64>,
}

const FIELD_SELECTED_REPORT: u64 = 1;
const FIELD_SELECTED_DOCUMENT: u64 = 2;
const FIELD_SORT: u64 = 3;
const FIELD_FILTER: u64 = 4;
const FIELD_HIDE_COVERED: u64 = 5;
const FIELD_THRESHOLDS: u64 = 6;
const FIELD_SELECTED_FILE: u64 = 7;
const FIELD_COMPARISON: u64 = 8;
const FIELD_CURRENT_VIEW: u64 = 9;
/// Added after format v1 shipped: older versions skip them with a warning.
const FIELD_OPEN_FOLDERS: u64 = 10;
const FIELD_SELECTED_LINE: u64 = 11;
/// One past the highest known tag, for the "seen" bookkeeping.
const FIELD_TAG_END: usize = 12;
/// How many open folders a link may name; a tree with every folder open has thousands.
const MAX_OPEN_FOLDERS: u64 = 20_000;

/// Writes the view's wire form, leaving out default fields and any field that could not be
/// read back: names with control characters or over the length cap, non-finite
/// thresholds. The filter is cut to the length cap at a character boundary.
pub(crate) fn write_view(view: &ViewState) -> Vec<u8> {
    // Destructuring (rather than field access) makes a new field a compile error here,
    // so nobody adds view state that silently never reaches the link.
    let ViewState {
        selected_report,
        selected_document,
        table,
        selected_file,
        comparison,
        current_view,
        open_folders,
        selected_line,
    } = view;
    let TableView {
        sort,
        filter,
        hide_covered,
        thresholds,
    } = table;
    let defaults = TableView::default();
    let mut out = Vec::new();
    write_label(&mut out, FIELD_SELECTED_REPORT, selected_report);
    write_label(&mut out, FIELD_SELECTED_DOCUMENT, selected_document);
    if *sort != defaults.sort {
        let mut body = Vec::new();
        write_varint(&mut body, column_code(sort.column));
        body.push(u8::from(sort.descending));
        write_field(&mut out, FIELD_SORT, &body);
    }
    let filter = cut_at_char_boundary(filter, MAX_TEXT_BYTES);
    if !filter.is_empty() {
        write_field(&mut out, FIELD_FILTER, filter.as_bytes());
    }
    if *hide_covered {
        write_field(&mut out, FIELD_HIDE_COVERED, &[1]);
    }
    let finite_or = |value: f64, fallback: f64| {
        if value.is_finite() {
            value
        } else {
            fallback
        }
    };
    let low = finite_or(thresholds.low, defaults.thresholds.low);
    let high = finite_or(thresholds.high, defaults.thresholds.high);
    // Bitwise comparison keeps -0.0 apart from 0.0, so what is written reads back exactly.
    if low.to_bits() != defaults.thresholds.low.to_bits()
        || high.to_bits() != defaults.thresholds.high.to_bits()
    {
        let mut body = Vec::new();
        write_f64(&mut body, low);
        write_f64(&mut body, high);
        write_field(&mut out, FIELD_THRESHOLDS, &body);
    }
    write_label(&mut out, FIELD_SELECTED_FILE, selected_file);
    if let Some((baseline, compared)) = comparison {
        if is_acceptable_text(baseline, TextRule::Label)
            && is_acceptable_text(compared, TextRule::Label)
        {
            let mut body = Vec::new();
            write_text(&mut body, baseline);
            write_text(&mut body, compared);
            write_field(&mut out, FIELD_COMPARISON, &body);
        }
    }
    write_label(&mut out, FIELD_CURRENT_VIEW, current_view);
    let readable_folders: Vec<&String> = open_folders
        .iter()
        .filter(|folder| is_acceptable_text(folder, TextRule::Label))
        .take(MAX_OPEN_FOLDERS as usize)
        .collect();
    if !readable_folders.is_empty() {
        let mut body = Vec::new();
        write_varint(&mut body, readable_folders.len() as u64);
        for folder in readable_folders {
            write_text(&mut body, folder);
        }
        write_field(&mut out, FIELD_OPEN_FOLDERS, &body);
    }
    if let Some(line) = selected_line {
        let mut body = Vec::new();
        write_varint(&mut body, *line);
        write_field(&mut out, FIELD_SELECTED_LINE, &body);
    }
    out
}

/// Reads a view's wire form; unknown fields are skipped with one warning.
pub(crate) fn read_view(bytes: &[u8]) -> Result<(ViewState, Vec<Diagnostic>), WireProblem> {
    let mut reader = ByteReader::new(bytes);
    let mut view = ViewState::default();
    let mut warnings = Vec::new();
    let mut seen = [false; FIELD_TAG_END];
    let mut skipped_unknown = false;
    while !reader.is_at_end() {
        let tag = reader.read_varint("a view setting's kind")?;
        let length = reader.read_varint("a view setting's length")?;
        let body = reader.read_slice(
            usize::try_from(length).unwrap_or(usize::MAX),
            "a view setting",
        )?;
        let Some(seen_slot) = usize::try_from(tag)
            .ok()
            .and_then(|index| seen.get_mut(index))
            .filter(|_| tag != 0)
        else {
            skipped_unknown = true;
            continue;
        };
        if *seen_slot {
            return Err(WireProblem::damaged(format!(
                "the view gives {} twice",
                field_description(tag)
            )));
        }
        *seen_slot = true;
        read_field(tag, body, &mut view, &mut warnings)?;
    }
    if skipped_unknown {
        warnings.push(Diagnostic::warning(
            "this link was made by a newer Covscope: some of its view settings are unknown to this version and were left out",
        ));
    }
    Ok((view, warnings))
}

fn read_field(
    tag: u64,
    body: &[u8],
    view: &mut ViewState,
    warnings: &mut Vec<Diagnostic>,
) -> Result<(), WireProblem> {
    let what = field_description(tag);
    let mut reader = ByteReader::new(body);
    match tag {
        FIELD_SELECTED_REPORT => view.selected_report = Some(body_text(body, what)?),
        FIELD_SELECTED_DOCUMENT => view.selected_document = Some(body_text(body, what)?),
        FIELD_SELECTED_FILE => view.selected_file = Some(body_text(body, what)?),
        FIELD_CURRENT_VIEW => view.current_view = Some(body_text(body, what)?),
        FIELD_FILTER => {
            let text = std::str::from_utf8(body)
                .map_err(|_| WireProblem::damaged(format!("{what} is not valid UTF-8 text")))?;
            check_text(text, what, TextRule::FreeText)?;
            view.table.filter = text.to_string();
        }
        FIELD_SORT => {
            let code = reader.read_varint(what)?;
            let descending = reader.read_bool(what)?;
            reader.expect_end(what)?;
            match column_of_code(code) {
                Some(column) => view.table.sort = SortOrder { column, descending },
                None => warnings.push(Diagnostic::warning(
                    "this link sorts the table by a column this version of Covscope does not have; it is sorted by file instead",
                )),
            }
        }
        FIELD_HIDE_COVERED => {
            view.table.hide_covered = reader.read_bool(what)?;
            reader.expect_end(what)?;
        }
        FIELD_THRESHOLDS => {
            let low = reader.read_finite_f64("the low coverage threshold")?;
            let high = reader.read_finite_f64("the high coverage threshold")?;
            reader.expect_end(what)?;
            view.table.thresholds = Thresholds { low, high };
        }
        FIELD_COMPARISON => {
            let baseline = reader.read_text("the first compared report's name", TextRule::Label)?;
            let compared =
                reader.read_text("the second compared report's name", TextRule::Label)?;
            reader.expect_end(what)?;
            view.comparison = Some((baseline, compared));
        }
        FIELD_OPEN_FOLDERS => {
            let count = reader.read_length(what, MAX_OPEN_FOLDERS)?;
            for _ in 0..count {
                let folder = reader.read_text("an open folder's path", TextRule::Label)?;
                Rc::make_mut(&mut view.open_folders).insert(folder);
            }
            reader.expect_end(what)?;
        }
        FIELD_SELECTED_LINE => {
            view.selected_line = Some(reader.read_varint(what)?);
            reader.expect_end(what)?;
        }
        _ => {}
    }
    Ok(())
}

/// A field whose whole body is one label.
fn body_text(body: &[u8], what: &str) -> Result<String, WireProblem> {
    let text = std::str::from_utf8(body)
        .map_err(|_| WireProblem::damaged(format!("{what} is not valid UTF-8 text")))?;
    check_text(text, what, TextRule::Label)?;
    Ok(text.to_string())
}

/// Writes a name field, unless the name could not be read back (see [`write_view`]).
fn write_label(out: &mut Vec<u8>, tag: u64, label: &Option<String>) {
    if let Some(label) = label.as_deref() {
        if is_acceptable_text(label, TextRule::Label) {
            write_field(out, tag, label.as_bytes());
        }
    }
}

fn write_field(out: &mut Vec<u8>, tag: u64, body: &[u8]) {
    write_varint(out, tag);
    write_varint(out, body.len() as u64);
    out.extend_from_slice(body);
}

fn field_description(tag: u64) -> &'static str {
    match tag {
        FIELD_SELECTED_REPORT => "the selected report's name",
        FIELD_SELECTED_DOCUMENT => "the selected document's name",
        FIELD_SORT => "the table's sort order",
        FIELD_FILTER => "the table's filter",
        FIELD_HIDE_COVERED => "the hide-covered setting",
        FIELD_THRESHOLDS => "the coverage thresholds",
        FIELD_SELECTED_FILE => "the selected file's path",
        FIELD_COMPARISON => "the compared reports",
        FIELD_CURRENT_VIEW => "the screen shown",
        FIELD_OPEN_FOLDERS => "the open folders",
        FIELD_SELECTED_LINE => "the chosen source line",
        _ => "a view setting",
    }
}

/// The column codes of format v1; they are part of the format and never change meaning.
/// A metric column of a format other than coverage.py's is 8 + 3 x its metric code + its
/// part (0 covered, 1 total, 2 percent).
fn column_code(column: TableColumn) -> u64 {
    match column {
        TableColumn::Metric { metric, part } => {
            let part_code = match part {
                MetricPart::Covered => 0,
                MetricPart::Total => 1,
                MetricPart::Percent => 2,
            };
            8 + 3 * u64::from(metric_code(metric)) + part_code
        }
        TableColumn::Path => 0,
        TableColumn::Statements => 1,
        TableColumn::Missing => 2,
        TableColumn::Excluded => 3,
        TableColumn::Branches => 4,
        TableColumn::Partial => 5,
        TableColumn::Coverage => 6,
        TableColumn::MissingLines => 7,
    }
}

fn column_of_code(code: u64) -> Option<TableColumn> {
    if let Some(column) = TableColumn::ALL
        .into_iter()
        .find(|column| column_code(*column) == code)
    {
        return Some(column);
    }
    let metric_part = code.checked_sub(8)?;
    let metric = metric_of_code(u8::try_from(metric_part / 3).ok()?)?;
    let part = match metric_part % 3 {
        0 => MetricPart::Covered,
        1 => MetricPart::Total,
        _ => MetricPart::Percent,
    };
    Some(TableColumn::Metric { metric, part })
}

/// The longest prefix of `text` of at most `limit` bytes that ends on a character boundary.
fn cut_at_char_boundary(text: &str, limit: usize) -> &str {
    if text.len() <= limit {
        return text;
    }
    let mut end = limit;
    while end > 0 && !text.is_char_boundary(end) {
        end -= 1;
    }
    text.get(..end).unwrap_or("")
}
