//! Reads one entry of coverage.py's `files` in its plain form, the line and arc lists by
//! hand (`json_plain`), into the same `JsonFile` serde would read.
//!
//! coverage.py writes every entry so: a path without escapes, an object of the keys
//! `JsonFile` declares and a few it does not (`contexts`), plain integer lists. The
//! summary, `functions`, `classes` and any other key's value are read by serde_json from
//! where they start, as the whole reading would read them. An entry this reading does not
//! take whole (an escape in a key, a repeated field, a list that is `null` or holds
//! anything but plain integers in range, a syntax error) is read by serde_json from its
//! start instead, so its value and its messages stay serde's.
use super::{JsonFile, JsonList, ListElement};
use crate::core::formats::json_as_it_arrives::ReceivedWindow;
use crate::core::formats::json_plain::PlainPart;
use crate::core::model::{ArcEnd, BranchArc, LineNumber};

/// The fields of a file entry the plain reading tells apart, as `JsonFile` declares them.
#[derive(Clone, Copy)]
enum FileField {
    Summary,
    ExecutedLines,
    MissingLines,
    ExcludedLines,
    ExecutedBranches,
    MissingBranches,
    Functions,
    Classes,
}

/// Each field's key, as `JsonFile` names it; the value of any other key is skipped, as
/// serde skips it.
const FILE_FIELDS: [(&str, FileField); 8] = [
    ("summary", FileField::Summary),
    ("executed_lines", FileField::ExecutedLines),
    ("missing_lines", FileField::MissingLines),
    ("excluded_lines", FileField::ExcludedLines),
    ("executed_branches", FileField::ExecutedBranches),
    ("missing_branches", FileField::MissingBranches),
    ("functions", FileField::Functions),
    ("classes", FileField::Classes),
];

/// The next entry of `files` at `at` (after the `,` before it unless it is the first):
/// its path and file, and the offset after it; `None` with the offset after the `}` when
/// `files` ends instead.
pub(super) fn read_plain_file_entry(
    window: &ReceivedWindow<'_>,
    at: usize,
    first: bool,
) -> PlainPart<Option<(String, JsonFile)>> {
    window.plain_object_entry(at, first, |path, value_at| {
        read_plain_file(window, value_at).map(|file| (path.to_string(), file))
    })
}

/// A file entry's object at `at`.
fn read_plain_file(window: &ReceivedWindow<'_>, at: usize) -> PlainPart<JsonFile> {
    let mut file = JsonFile {
        summary: None,
        executed_lines: None,
        missing_lines: None,
        excluded_lines: None,
        executed_branches: None,
        missing_branches: None,
        functions: None,
        classes: None,
    };
    window
        .plain_struct(at, &FILE_FIELDS.map(|(name, _)| name), |index, value_at| {
            read_field(window, value_at, FILE_FIELDS[index].1, &mut file)
        })
        .map(|()| file)
}

/// Reads one field's value at `at` into `file`.
fn read_field(
    window: &ReceivedWindow<'_>,
    at: usize,
    field: FileField,
    file: &mut JsonFile,
) -> PlainPart<()> {
    match field {
        FileField::Summary => window.serde_value(at).map(|summary| file.summary = summary),
        FileField::ExecutedLines => {
            plain_lines(window, at).map(|lines| file.executed_lines = Some(lines))
        }
        FileField::MissingLines => {
            plain_lines(window, at).map(|lines| file.missing_lines = Some(lines))
        }
        FileField::ExcludedLines => {
            plain_lines(window, at).map(|lines| file.excluded_lines = Some(lines))
        }
        FileField::ExecutedBranches => {
            plain_arcs(window, at).map(|arcs| file.executed_branches = Some(arcs))
        }
        FileField::MissingBranches => {
            plain_arcs(window, at).map(|arcs| file.missing_branches = Some(arcs))
        }
        FileField::Functions => window
            .serde_value(at)
            .map(|regions| file.functions = regions),
        FileField::Classes => window.serde_value(at).map(|regions| file.classes = regions),
    }
}

/// A list of line numbers, each within a [`LineNumber`] as `JsonLineNumber` demands.
fn plain_lines(window: &ReceivedWindow<'_>, at: usize) -> PlainPart<JsonList<LineNumber>> {
    LineNumber::with_buffer(|buffer| {
        window
            .plain_list(at, buffer, |window, at| {
                window.plain_integer(at).and_then(|number, after| {
                    match LineNumber::try_from(number) {
                        Ok(line) => PlainPart::Read(line, after),
                        Err(_) => PlainPart::NotPlain,
                    }
                })
            })
            .map(|()| JsonList(buffer.to_vec()))
    })
}

/// A list of arcs, each end within an [`ArcEnd`] as `JsonArcEnd` demands.
fn plain_arcs(window: &ReceivedWindow<'_>, at: usize) -> PlainPart<JsonList<BranchArc>> {
    BranchArc::with_buffer(|buffer| {
        window
            .plain_list(at, buffer, |window, at| {
                window.plain_integer_pair(at).and_then(|[from, to], after| {
                    match (ArcEnd::try_from(from), ArcEnd::try_from(to)) {
                        (Ok(from), Ok(to)) => PlainPart::Read(BranchArc { from, to }, after),
                        _ => PlainPart::NotPlain,
                    }
                })
            })
            .map(|()| JsonList(buffer.to_vec()))
    })
}
