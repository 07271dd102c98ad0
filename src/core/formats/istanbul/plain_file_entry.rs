//! Reads one entry of Istanbul's `coverage-final.json` in its plain form, the statements'
//! map and counts by hand (`json_plain`), into the same `RawFileCoverage` serde would read.
//!
//! Every Istanbul writer writes a file entry so: a path without escapes, `statementMap`
//! entries of a `start` and an `end` of a `line` and a `column` each, `s` and `f` of
//! plain counts, all keyed `"0"`, `"1"`... The functions' and branches' maps, `b`,
//! `path`, `_coverageSchema` and any other key's value are read by serde_json from where
//! they start. An entry this reading does not take whole (an escape in a key, a repeated
//! field, a location with `skip` or another key, a `null`, a number serde_json would read
//! otherwise) is read by serde_json from its start instead, so its value and its messages
//! stay serde's.
use std::borrow::Cow;

use super::{Column, EntryKey, IndexedMap, RawFileCoverage, RawLocation, RawPosition};
use crate::core::formats::json_as_it_arrives::ReceivedWindow;
use crate::core::formats::json_plain::PlainPart;
use crate::core::model::LineNumber;

/// The fields of a file entry the plain reading tells apart, as `RawFileCoverage`
/// declares them.
#[derive(Clone, Copy)]
enum FileField {
    Path,
    StatementMap,
    FunctionMap,
    BranchMap,
    StatementCounts,
    FunctionCounts,
    BranchCounts,
    CoverageSchema,
}

/// Each field's key, as `RawFileCoverage` names it; the value of any other key is skipped,
/// as serde skips it.
const FILE_FIELDS: [(&str, FileField); 8] = [
    ("path", FileField::Path),
    ("statementMap", FileField::StatementMap),
    ("fnMap", FileField::FunctionMap),
    ("branchMap", FileField::BranchMap),
    ("s", FileField::StatementCounts),
    ("f", FileField::FunctionCounts),
    ("b", FileField::BranchCounts),
    ("_coverageSchema", FileField::CoverageSchema),
];

/// The next entry of the report's object at `at` (after the `,` before it unless it is
/// the first): its key and file, and the offset after it; `None` with the offset after the
/// `}` when the object ends instead.
pub(super) fn read_plain_file_entry<'text>(
    window: &ReceivedWindow<'text>,
    at: usize,
    first: bool,
) -> PlainPart<Option<(Cow<'text, str>, RawFileCoverage<'text>)>> {
    window.plain_object_entry(at, first, |key, value_at| {
        read_plain_file(window, value_at).map(|file| (Cow::Borrowed(key), file))
    })
}

/// A file entry's object at `at`.
fn read_plain_file<'text>(
    window: &ReceivedWindow<'text>,
    at: usize,
) -> PlainPart<RawFileCoverage<'text>> {
    let mut file = RawFileCoverage {
        path: None,
        statement_map: None,
        function_map: None,
        branch_map: None,
        s: None,
        f: None,
        b: None,
        coverage_schema: None,
    };
    window
        .plain_struct(at, &FILE_FIELDS.map(|(name, _)| name), |index, value_at| {
            read_field(window, value_at, FILE_FIELDS[index].1, &mut file)
        })
        .map(|()| file)
}

/// Reads one field's value at `at` into `file`.
fn read_field<'text>(
    window: &ReceivedWindow<'text>,
    at: usize,
    field: FileField,
    file: &mut RawFileCoverage<'text>,
) -> PlainPart<()> {
    match field {
        FileField::Path => window.serde_value(at).map(|path| file.path = path),
        FileField::StatementMap => plain_indexed_map(window, at, plain_location)
            .map(|locations| file.statement_map = Some(locations)),
        FileField::FunctionMap => window.serde_value(at).map(|map| file.function_map = map),
        FileField::BranchMap => window.serde_value(at).map(|map| file.branch_map = map),
        FileField::StatementCounts => {
            plain_indexed_map(window, at, plain_count).map(|counts| file.s = Some(counts))
        }
        FileField::FunctionCounts => {
            plain_indexed_map(window, at, plain_count).map(|counts| file.f = Some(counts))
        }
        FileField::BranchCounts => window.serde_value(at).map(|counts| file.b = counts),
        FileField::CoverageSchema => window
            .serde_value(at)
            .map(|schema| file.coverage_schema = schema),
    }
}

/// One of Istanbul's maps keyed by entry at `at`, each value read by `value`.
fn plain_indexed_map<'text, V>(
    window: &ReceivedWindow<'text>,
    at: usize,
    value: fn(&ReceivedWindow<'text>, usize) -> PlainPart<V>,
) -> PlainPart<IndexedMap<'text, V>> {
    let mut entries = Vec::new();
    window
        .plain_object(at, |key, value_at| {
            let key = match EntryKey::canonical_index(key) {
                Some(index) => EntryKey::Index(index),
                None => EntryKey::Name(Cow::Borrowed(key)),
            };
            value(window, value_at).map(|value| entries.push((key, value)))
        })
        .map(|()| IndexedMap { entries })
}

/// A count, as serde reads a `u64`: a plain integer not below 0.
fn plain_count(window: &ReceivedWindow<'_>, at: usize) -> PlainPart<u64> {
    window
        .plain_integer(at)
        .and_then(|count, after| match u64::try_from(count) {
            Ok(count) => PlainPart::Read(count, after),
            Err(_) => PlainPart::NotPlain,
        })
}

/// A location of `start` and `end` only, each at most once; a missing one is the default
/// position, as `RawLocation`'s `#[serde(default)]` makes it.
fn plain_location(window: &ReceivedWindow<'_>, at: usize) -> PlainPart<RawLocation> {
    let mut location = RawLocation::default();
    let mut ends_read = [false; 2];
    window
        .plain_object(at, |key, value_at| {
            let (index, end) = match key {
                "start" => (0, &mut location.start),
                "end" => (1, &mut location.end),
                // `skip`, and keys serde would skip, are left to it.
                _ => return PlainPart::NotPlain,
            };
            if std::mem::replace(&mut ends_read[index], true) {
                return PlainPart::NotPlain;
            }
            plain_position(window, value_at).map(|position| *end = position)
        })
        .map(|()| location)
}

/// A position of `line` and `column` only, each a plain integer at most once; a missing
/// one is `None`, as `RawPosition`'s `#[serde(default)]` makes it.
fn plain_position(window: &ReceivedWindow<'_>, at: usize) -> PlainPart<RawPosition> {
    let mut position = RawPosition::default();
    window
        .plain_object(at, |key, value_at| {
            let number = window.plain_integer(value_at);
            match key {
                "line" if position.line.is_none() => number.and_then(|line, after| {
                    // `JsonLineNumber`: a `u64` below 2^32.
                    match LineNumber::try_from(line) {
                        Ok(line) => {
                            position.line = Some(line);
                            PlainPart::Read((), after)
                        }
                        Err(_) => PlainPart::NotPlain,
                    }
                }),
                "column" if position.column.is_none() => number.and_then(|column, after| {
                    // `ColumnVisitor`: a negative column is 0, one past 2^32 refused.
                    match u32::try_from(column.max(0)) {
                        Ok(column) => {
                            position.column = Some(Column(column));
                            PlainPart::Read((), after)
                        }
                        Err(_) => PlainPart::NotPlain,
                    }
                }),
                _ => PlainPart::NotPlain,
            }
        })
        .map(|()| position)
}
