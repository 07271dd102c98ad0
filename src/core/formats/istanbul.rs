//! Reads Istanbul's `coverage-final.json` (the FileCoverage map that nyc, c8, Jest and
//! Vitest write) into the model, counting statements, branches, functions and lines by
//! istanbul-lib-coverage's own rules.
//!
//! Refs: istanbul-lib-coverage 3.2 `lib/file-coverage.js` (`getLineCoverage`,
//! `computeSimpleTotals`, `computeBranchTotals`, `toSummary`) and `lib/coverage-map.js`
//! (`loadMap`: files keyed by the map's keys); istanbul-reports 3.2 `lib/json/index.js`
//! (the writer) and `lib/html/annotator.js` (which stretches of code it marks as never
//! run). The serde types below mirror that output and stay private to this file.
//!
//! Counting, as istanbul-lib-coverage does it:
//! - statements: every key of `s`, covered when its count is not 0;
//! - functions: every key of `f`, likewise;
//! - branches: every element of every array in `b` (one per location; V8's whole-module
//!   branch and an `if` without `else` included), covered when not 0;
//! - lines: derived, not written: each statement of `s` gives its start line the largest
//!   count of the statements starting there; a line is covered when that is not 0.
//!
//! Nothing is ever "skipped": istanbul-lib-coverage 3 writes `skipped: 0` whatever the
//! data says, and counts an entry marked `skip: true` (written by Istanbul 0.x) like any
//! other; Covscope does the same and says so.
mod as_it_arrives;
mod plain_file_entry;

use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;
use std::marker::PhantomData;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use super::istanbul_json::{
    count_of, push_gathered_notes, quote, read_json, read_report, BorrowedText, ExpectedFormat,
    GatheredNote, ObjectKind, ObjectOnly, Progress, LARGEST_PLAUSIBLE_COUNT,
};
use super::json_diagnostics::JsonLineNumber;
use crate::core::model::{
    hand_files_to_sink, BranchOutcome, Counts, CoverageFormat, CoverageReport, FileCoverage,
    LineNumber, Metric, MetricCounts, PercentRule, Region, RegionKind, ReportFacts, ReportFileSink,
    SourcePosition, SourceSpan, Tally, UncoveredKind, UncoveredSpan,
};
use crate::core::text::{Diagnostic, ParseOutcome, WordHash};

pub use as_it_arrives::IstanbulReadingAsItArrives;

/// The format as messages about a file that is not one name it.
const FORMAT: ExpectedFormat = ExpectedFormat {
    name: "an Istanbul coverage-final.json",
    top_level: "an object keyed by file path",
};

/// The maps of a file entry whose children are addressed by key in messages.
const KEYED_MAPS: &[&str] = &["statementMap", "fnMap", "branchMap", "s", "f", "b"];

/// Parses the bytes of a `coverage-final.json`, calling `on_progress` about every MiB
/// (at the first file key past each MiB mark) and last with `bytes.len()`.
///
/// Errors name the problem and where it is: line and column for syntax, the key path for
/// a wrong value (`["/src/a.js"].s["3"]`), the file and key for an implausible count.
/// Each file entry is converted as soon as it is read, so the raw entries of only one
/// file are in memory at a time.
pub fn parse_istanbul(
    bytes: &[u8],
    on_progress: &mut dyn FnMut(usize),
) -> ParseOutcome<CoverageReport> {
    read_report(bytes, on_progress, |text, progress| {
        let seed = FileMapSeed {
            progress: Some(progress),
            streamed: None,
        };
        match read_json(text, seed, KEYED_MAPS, &FORMAT) {
            Ok(reading) => finish_report(reading),
            Err(message) => ParseOutcome::failure(message),
        }
    })
}

/// Parses like [`parse_istanbul`], but hands each file to `sink` as soon as it is read
/// and converted, and gives back the report without its files (facts, totals and
/// diagnostics): the caller passes the files on while the rest is still being read.
///
/// A report that lists a path twice (the path keeps its first place and takes its last
/// entry, which a file already passed on cannot get) is read again whole and its files are
/// handed to the sink again from the first (see [`ReportFileSink::begin`]), so the files
/// and the diagnostics are always those of [`parse_istanbul`].
pub fn parse_istanbul_streaming_files(
    bytes: &[u8],
    on_progress: &mut dyn FnMut(usize),
    sink: &mut dyn ReportFileSink,
) -> ParseOutcome<CoverageReport> {
    sink.begin(&facts_before_files(), None);
    let mut repeated_path = false;
    let streamed = read_report(bytes, on_progress, |text, progress| {
        let seed = FileMapSeed {
            progress: Some(progress),
            streamed: Some(&mut *sink),
        };
        match read_json(text, seed, KEYED_MAPS, &FORMAT) {
            Ok(reading) if reading.repeated_path => {
                repeated_path = true;
                ParseOutcome::failure("a path is listed twice")
            }
            Ok(reading) => finish_report(reading),
            Err(message) => ParseOutcome::failure(message),
        }
    });
    if !repeated_path {
        return streamed;
    }
    // The bar already passed the files once; it waits at the end meanwhile.
    let whole = parse_istanbul(bytes, &mut |_| {});
    ParseOutcome {
        value: whole.value.map(|report| hand_files_to_sink(report, sink)),
        diagnostics: whole.diagnostics,
    }
}

/// The report's facts as far as they are known before its files; the files' own figures
/// depend on nothing more (the format and its percent rule).
fn facts_before_files() -> ReportFacts {
    let mut facts = ReportFacts::of_format(CoverageFormat::Istanbul);
    // Istanbul always counts branches and functions, even when a file has none.
    facts.has_branches = true;
    facts
}

/// One entry of the top-level map: istanbul-lib-coverage's FileCoverage data. `all`,
/// `hash`, `contentHash`, `inputSourceMap` and `bT` (branch truthiness, which no text
/// report prints) are not declared, so serde skips them.
#[derive(Deserialize)]
struct RawFileCoverage<'a> {
    #[serde(borrow)]
    path: Option<BorrowedText<'a>>,
    #[serde(rename = "statementMap", borrow)]
    statement_map: Option<IndexedMap<'a, RawLocation>>,
    #[serde(rename = "fnMap", borrow)]
    function_map: Option<IndexedMap<'a, RawFunction<'a>>>,
    #[serde(rename = "branchMap", borrow)]
    branch_map: Option<IndexedMap<'a, RawBranch<'a>>>,
    #[serde(borrow)]
    s: Option<IndexedMap<'a, u64>>,
    #[serde(borrow)]
    f: Option<IndexedMap<'a, u64>>,
    #[serde(borrow)]
    b: Option<IndexedMap<'a, Vec<u64>>>,
    /// istanbul-lib-instrument's schema hash: the nearest thing the format has to a version.
    #[serde(rename = "_coverageSchema", borrow)]
    coverage_schema: Option<BorrowedText<'a>>,
}

impl ObjectKind for RawFileCoverage<'_> {
    const DESCRIPTION: &'static str = "an Istanbul file coverage object";
}

/// A stretch of source: `{"start": {"line", "column"}, "end": {...}}`. Babel's `if`
/// without `else` writes its second location as `{"start": {}, "end": {}}`.
#[derive(Deserialize, Default, Clone, Copy)]
#[serde(default, expecting = "a location object with \"start\" and \"end\"")]
struct RawLocation {
    start: RawPosition,
    end: RawPosition,
    /// Istanbul 0.x's mark of code under `/* istanbul ignore */`.
    skip: Option<bool>,
}

#[derive(Deserialize, Default, Clone, Copy)]
#[serde(default, expecting = "a position object with \"line\" and \"column\"")]
struct RawPosition {
    #[serde(deserialize_with = "optional_line")]
    line: Option<LineNumber>,
    column: Option<Column>,
}

/// A column: UTF-16 units from the start of the line, 0-based.
///
/// V8's producers write -1 for a block that begins on the newline ending the line before
/// (v8-to-istanbul subtracts the line's start offset from the block's): 128 of them in
/// the c8 run on express. Such a block begins at the line's start, column 0.
#[derive(Clone, Copy)]
struct Column(u32);

impl<'de> Deserialize<'de> for Column {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        // Refused inside the visitor, so serde_json places the error at the number.
        deserializer.deserialize_i64(ColumnVisitor)
    }
}

struct ColumnVisitor;

impl Visitor<'_> for ColumnVisitor {
    type Value = Column;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a column below 2^32")
    }

    fn visit_i64<E: de::Error>(self, written: i64) -> Result<Column, E> {
        match u32::try_from(written.max(0)) {
            Ok(column) => Ok(Column(column)),
            Err(_) => Err(E::invalid_value(de::Unexpected::Signed(written), &self)),
        }
    }

    fn visit_u64<E: de::Error>(self, written: u64) -> Result<Column, E> {
        match u32::try_from(written) {
            Ok(column) => Ok(Column(column)),
            Err(_) => Err(E::invalid_value(de::Unexpected::Unsigned(written), &self)),
        }
    }
}

/// A line number, or nothing; a number beyond [`LineNumber`] is refused as a column beyond
/// 2^32 is (see [`JsonLineNumber`]), never cut to fit.
fn optional_line<'de, D: Deserializer<'de>>(
    deserializer: D,
) -> Result<Option<LineNumber>, D::Error> {
    Ok(Option::<JsonLineNumber>::deserialize(deserializer)?.map(|JsonLineNumber(line)| line))
}

/// An entry of `fnMap`.
#[derive(Deserialize)]
#[serde(expecting = "a function entry with \"name\", \"decl\" and \"loc\"")]
struct RawFunction<'a> {
    #[serde(borrow)]
    name: Option<BorrowedText<'a>>,
    /// Where the name is (a one-column stretch for Babel's methods).
    decl: Option<RawLocation>,
    /// The whole function.
    loc: Option<RawLocation>,
    #[serde(default, deserialize_with = "optional_line")]
    line: Option<LineNumber>,
    skip: Option<bool>,
}

/// An entry of `branchMap`.
#[derive(Deserialize)]
#[serde(expecting = "a branch entry with \"loc\", \"type\" and \"locations\"")]
struct RawBranch<'a> {
    loc: Option<RawLocation>,
    #[serde(rename = "type", borrow)]
    kind: Option<BorrowedText<'a>>,
    #[serde(default)]
    locations: Vec<RawLocation>,
    #[serde(default, deserialize_with = "optional_line")]
    line: Option<LineNumber>,
    skip: Option<bool>,
}

/// The key of an entry in one of Istanbul's maps: every writer numbers them `"0"`, `"1"`...
/// in order, which is kept as a number; anything else is kept as written.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
enum EntryKey<'a> {
    Index(u32),
    Name(Cow<'a, str>),
}

impl EntryKey<'_> {
    /// The number a key is when written the way JavaScript writes numbers (`"7"`, never
    /// `"07"`), so `"07"` and `"7"` stay the different keys they are in JavaScript.
    fn canonical_index(text: &str) -> Option<u32> {
        let canonical = text == "0" || (!text.starts_with('0') && !text.is_empty());
        if canonical && text.bytes().all(|byte| byte.is_ascii_digit()) {
            text.parse().ok()
        } else {
            None
        }
    }
}

impl fmt::Display for EntryKey<'_> {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        match self {
            EntryKey::Index(index) => write!(formatter, "[\"{index}\"]"),
            EntryKey::Name(name) => write!(formatter, "[{}]", quote(name)),
        }
    }
}

impl<'de: 'a, 'a> Deserialize<'de> for EntryKey<'a> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let BorrowedText(text) = BorrowedText::deserialize(deserializer)?;
        Ok(match EntryKey::canonical_index(&text) {
            Some(index) => EntryKey::Index(index),
            None => EntryKey::Name(text),
        })
    }
}

/// One of Istanbul's objects keyed by entry (`statementMap`, `s`...), in the file's order.
struct IndexedMap<'a, V> {
    entries: Vec<(EntryKey<'a>, V)>,
}

impl<'de: 'a, 'a, V: Deserialize<'de>> Deserialize<'de> for IndexedMap<'a, V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(IndexedMapVisitor {
            entries: PhantomData,
        })
    }
}

struct IndexedMapVisitor<'a, V> {
    entries: PhantomData<(EntryKey<'a>, V)>,
}

impl<'de: 'a, 'a, V: Deserialize<'de>> Visitor<'de> for IndexedMapVisitor<'a, V> {
    type Value = IndexedMap<'a, V>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("an object keyed by entry number")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut entries = Vec::with_capacity(access.size_hint().unwrap_or(0).min(4096));
        while let Some(key) = access.next_key::<EntryKey<'a>>()? {
            entries.push((key, access.next_value::<V>()?));
        }
        Ok(IndexedMap { entries })
    }
}

impl<'a, V> IndexedMap<'a, V> {
    /// Whether the keys are `"0"`, `"1"`... in order, as every Istanbul writer makes them,
    /// so an entry is found by its number without hashing.
    fn is_sequential(&self) -> bool {
        self.entries
            .iter()
            .enumerate()
            .all(|(position, (key, _))| matches!(key, EntryKey::Index(index) if *index as usize == position))
    }

    /// The entries with a repeated key resolved as JavaScript's `JSON.parse` does (the last
    /// value, at the first key's place), and how many repeats there were.
    fn deduplicated(self) -> (Vec<(EntryKey<'a>, V)>, usize) {
        if self.is_sequential() {
            return (self.entries, 0);
        }
        let mut positions: HashMap<EntryKey<'a>, usize> = HashMap::new();
        let mut kept: Vec<(EntryKey<'a>, V)> = Vec::with_capacity(self.entries.len());
        let mut repeats = 0;
        for (key, value) in self.entries {
            match positions.get(&key) {
                Some(&position) => {
                    kept[position].1 = value;
                    repeats += 1;
                }
                None => {
                    positions.insert(key.clone(), kept.len());
                    kept.push((key, value));
                }
            }
        }
        (kept, repeats)
    }
}

/// Finds the entry of a map for a key of another (`statementMap` for a key of `s`); the
/// last of repeated keys wins, as in JavaScript.
struct Lookup<'m, 'a, V> {
    entries: &'m [(EntryKey<'a>, V)],
    by_key: Option<HashMap<&'m EntryKey<'a>, usize>>,
}

impl<'m, 'a, V> Lookup<'m, 'a, V> {
    fn new(map: &'m IndexedMap<'a, V>) -> Self {
        let by_key = (!map.is_sequential()).then(|| {
            map.entries
                .iter()
                .enumerate()
                .map(|(position, (key, _))| (key, position))
                .collect()
        });
        Lookup {
            entries: &map.entries,
            by_key,
        }
    }

    fn get(&self, key: &EntryKey<'a>) -> Option<&'m V> {
        let position = match (&self.by_key, key) {
            (Some(by_key), key) => *by_key.get(key)?,
            (None, EntryKey::Index(index)) => *index as usize,
            (None, EntryKey::Name(_)) => return None,
        };
        self.entries.get(position).map(|(_, value)| value)
    }
}

/// Reads the top-level map, converting each file entry as soon as it is read so the raw
/// entries of only one file are in memory at a time; with `streamed`, each converted file
/// goes on to that sink at once instead of into the reading's list.
struct FileMapSeed<'p, 'callback, 'sink> {
    progress: Option<&'p mut Progress<'callback>>,
    streamed: Option<&'sink mut dyn ReportFileSink>,
}

/// Everything read so far. The sink of streamed files is handed to each call rather than
/// held, so a reading can outlive one pass over the text: the reading as it arrives
/// (`istanbul/as_it_arrives.rs`) keeps it between the parts of a file that arrive.
#[derive(Default)]
struct Reading {
    /// The files, unless they are streamed.
    files: Vec<FileCoverage>,
    /// Whether the files go to a sink instead.
    streamed: bool,
    /// What the totals and facts need of the streamed files.
    tally: FileTally,
    positions: HashMap<String, usize, WordHash>,
    repeated_file_keys: Vec<String>,
    notes: Notes,
    coverage_schema: Option<String>,
    /// The first implausible value; once set, the rest is read but not converted.
    refusal: Option<String>,
    /// A path was listed twice while streaming: the report must be read again whole. The
    /// rest is read but not converted.
    repeated_path: bool,
}

/// What the report's totals and facts need of its files, gathered one file at a time.
#[derive(Default)]
struct FileTally {
    count: usize,
    has_regions: bool,
    /// The sum of the files' counts, as `Counts`' sum makes it (`None` before any file).
    totals: Option<Counts>,
}

impl FileTally {
    fn add(&mut self, file: &FileCoverage) {
        self.count += 1;
        self.has_regions |= !file.regions.is_empty();
        self.totals = Some(match self.totals {
            Some(totals) => totals + file.counts,
            None => file.counts,
        });
    }
}

impl<'de> DeserializeSeed<'de> for FileMapSeed<'_, '_, '_> {
    type Value = Reading;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Reading, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FileMapSeed<'_, '_, '_> {
    type Value = Reading;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("an Istanbul coverage map: an object keyed by file path")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut access: A) -> Result<Reading, A::Error> {
        let mut reading = Reading {
            streamed: self.streamed.is_some(),
            ..Reading::default()
        };
        while let Some(BorrowedText(path)) = access.next_key::<BorrowedText<'de>>()? {
            if let (Some(progress), Cow::Borrowed(borrowed)) = (self.progress.as_deref_mut(), &path)
            {
                progress.at_key(borrowed);
            }
            let ObjectOnly(raw) = access.next_value::<ObjectOnly<RawFileCoverage<'de>>>()?;
            reading.take_entry(path, raw, self.streamed.as_deref_mut());
        }
        Ok(reading)
    }
}

impl Reading {
    /// Converts the next file entry and adds it (to `sink` when the files are streamed).
    fn take_entry(
        &mut self,
        path: Cow<'_, str>,
        raw: RawFileCoverage<'_>,
        sink: Option<&mut (dyn ReportFileSink + '_)>,
    ) {
        if self.refusal.is_some() || self.repeated_path {
            return;
        }
        if self.coverage_schema.is_none() {
            self.coverage_schema = raw
                .coverage_schema
                .as_ref()
                .map(|schema| schema.0.to_string());
        }
        match convert_file(path.into_owned(), raw, &mut self.notes) {
            Ok(mut file) => {
                file.coverage = facts_before_files().headline_figure(&file.counts);
                self.insert(file, sink);
            }
            Err(message) => self.refusal = Some(message),
        }
    }

    /// Adds a file; a path listed twice keeps its first place and its last entry, as
    /// `JSON.parse` and so Istanbul's reporters do (when streaming, the report is then read
    /// again whole).
    fn insert(&mut self, file: FileCoverage, sink: Option<&mut (dyn ReportFileSink + '_)>) {
        match (self.positions.get(&file.path), sink) {
            (Some(_), Some(_)) => self.repeated_path = true,
            (Some(&position), None) => {
                self.repeated_file_keys.push(file.path.clone());
                self.files[position] = file;
            }
            (None, streamed) => {
                self.positions
                    .insert(file.path.clone(), self.positions.len());
                match streamed {
                    Some(sink) => {
                        self.tally.add(&file);
                        sink.add_file(file);
                    }
                    None => self.files.push(file),
                }
            }
        }
    }
}

/// Oddities gathered over all files and reported once each, with a count and an example.
#[derive(Default)]
struct Notes {
    path_differs_from_key: Vec<String>,
    counts_without_entry: Vec<String>,
    entries_without_line: Vec<String>,
    repeated_entry_keys: Vec<String>,
    skip_marks: usize,
}

fn finish_report(reading: Reading) -> ParseOutcome<CoverageReport> {
    if let Some(refusal) = reading.refusal {
        return ParseOutcome::failure(refusal);
    }
    let tally = if reading.streamed {
        reading.tally
    } else {
        let mut tally = FileTally::default();
        for file in &reading.files {
            tally.add(file);
        }
        tally
    };
    let mut warnings = Vec::new();
    if tally.count == 0 {
        warnings.push(Diagnostic::warning(
            "the report lists no files (was every file excluded?)",
        ));
    }
    if let Some(first) = reading.repeated_file_keys.first() {
        warnings.push(Diagnostic::warning(format!(
            "{} listed more than once (first: {}); the last entry was used, as Istanbul does",
            count_of(reading.repeated_file_keys.len(), "file is", "files are"),
            quote(first)
        )));
    }
    push_notes(&mut warnings, &reading.notes);
    let mut facts = facts_before_files();
    facts.format_version = reading.coverage_schema;
    facts.has_regions = tally.has_regions;
    // coverage-final.json has no totals of its own; Istanbul's reporters add up the files.
    let totals = tally.totals.unwrap_or_default();
    let total_coverage = facts.headline_figure(&totals);
    ParseOutcome::success(
        CoverageReport {
            facts,
            files: reading.files,
            totals,
            total_coverage,
            stated_total_figures: Vec::new(),
        },
        warnings,
    )
}

fn push_notes(warnings: &mut Vec<Diagnostic>, notes: &Notes) {
    push_gathered_notes(
        warnings,
        &[
            GatheredNote {
                places: &notes.path_differs_from_key,
                singular: "file entry has a \"path\" different from its key",
                plural: "file entries have a \"path\" different from their key",
                consequence: "; the key is used, as Istanbul does",
            },
            GatheredNote {
                places: &notes.counts_without_entry,
                singular: "count has no entry in statementMap, fnMap or branchMap",
                plural: "counts have no entry in statementMap, fnMap or branchMap",
                consequence:
                    "; they are counted, as Istanbul counts them, but cannot be placed in the source",
            },
            GatheredNote {
                places: &notes.entries_without_line,
                singular: "statement or branch has no start line",
                plural: "statements or branches have no start line",
                consequence: "; they are counted but give no line",
            },
            GatheredNote {
                places: &notes.repeated_entry_keys,
                singular: "map of a file repeats an entry key",
                plural: "maps of files repeat an entry key",
                consequence: "; the last value was used, as JavaScript does",
            },
        ],
    );
    if notes.skip_marks > 0 {
        warnings.push(Diagnostic::warning(format!(
            "{} marked \"skip\" (Istanbul 0.x's /* istanbul ignore */); istanbul-lib-coverage 3 counts them like any other, and so does Covscope",
            count_of(notes.skip_marks, "entry is", "entries are")
        )));
    }
}

/// Converts one file entry, counting as istanbul-lib-coverage's `toSummary` does.
fn convert_file(
    path: String,
    raw: RawFileCoverage<'_>,
    notes: &mut Notes,
) -> Result<FileCoverage, String> {
    let (
        Some(statement_map),
        Some(function_map),
        Some(branch_map),
        Some(statement_hits),
        Some(function_hits),
        Some(branch_hits),
    ) = (
        raw.statement_map,
        raw.function_map,
        raw.branch_map,
        raw.s,
        raw.f,
        raw.b,
    )
    else {
        return Err(format!(
            "{} is not an Istanbul file coverage object: it lacks one of \"statementMap\", \"fnMap\", \"branchMap\", \"s\", \"f\" and \"b\", which Istanbul requires",
            quote(&path)
        ));
    };
    if let Some(BorrowedText(written)) = &raw.path {
        if written.as_ref() != path {
            notes.path_differs_from_key.push(quote(&path));
        }
    }
    let place = FilePlace { path: &path };
    let mut file = FileCoverage::empty(path.clone());
    let statements = read_statements(&place, &statement_map, statement_hits, notes, &mut file)?;
    let functions = read_functions(&place, &function_map, function_hits, notes, &mut file)?;
    let branches = read_branches(&place, &branch_map, branch_hits, notes, &mut file)?;
    let line_count = file.executed_lines.len() + file.missing_lines.len();
    let lines = Tally::new(file.executed_lines.len() as u64, line_count as u64);
    file.counts = Counts::Metrics(
        MetricCounts::default()
            .with(Metric::Statements, statements)
            .with(Metric::Branches, branches)
            .with(Metric::Functions, functions)
            .with(Metric::Lines, lines),
    );
    file.has_line_lists = true;
    file.uncovered_spans.sort_by_key(|uncovered| uncovered.span);
    Ok(file)
}

/// Names a file and an entry in messages as the key paths of JSON errors do:
/// `["/src/a.js"].s["3"]`.
struct FilePlace<'p> {
    path: &'p str,
}

impl FilePlace<'_> {
    fn entry(&self, map: &str, key: &EntryKey<'_>) -> String {
        format!("[{}].{map}{key}", quote(self.path))
    }

    fn check_plausible(&self, map: &str, key: &EntryKey<'_>, count: u64) -> Result<(), String> {
        if count > LARGEST_PLAUSIBLE_COUNT {
            return Err(format!(
                "{} is {count}, more than any real run counts (Covscope accepts at most 10^15); the file is damaged or made up",
                self.entry(map, key)
            ));
        }
        Ok(())
    }
}

/// Counts `s` and derives the lines from the statements' start lines.
fn read_statements(
    place: &FilePlace<'_>,
    statement_map: &IndexedMap<'_, RawLocation>,
    statement_hits: IndexedMap<'_, u64>,
    notes: &mut Notes,
    file: &mut FileCoverage,
) -> Result<Tally, String> {
    let (locations, statement_hits) = pair_up(place, "s", statement_map, statement_hits, notes);
    let mut tally = Tally::default();
    // (line, count) of every statement with a start line; folded below into the largest
    // count per line, `getLineCoverage`'s rule.
    let mut line_counts: Vec<(LineNumber, u64)> = Vec::with_capacity(statement_hits.len());
    for (key, hits) in &statement_hits {
        place.check_plausible("s", key, *hits)?;
        tally.total += 1;
        tally.covered += u64::from(*hits > 0);
        let location = locations.get(key);
        match location.and_then(|location| location.start.line) {
            Some(line) => line_counts.push((line, *hits)),
            None if location.is_none() => notes.counts_without_entry.push(place.entry("s", key)),
            None => notes
                .entries_without_line
                .push(place.entry("statementMap", key)),
        }
        if *hits == 0 {
            if let Some(span) = location.and_then(span_of) {
                file.uncovered_spans.push(UncoveredSpan {
                    kind: UncoveredKind::Statement,
                    span,
                });
            }
        }
    }
    // By line alone: the fold keeps the largest count of a line whatever their order, and
    // statements mostly come in line order, which the sort then finds at once; by line
    // and count it took 2.4% of a 10 MB report's parse, by line 0.2%.
    line_counts.sort_unstable_by_key(|&(line, _)| line);
    let mut line_hits: Vec<(LineNumber, u64)> = Vec::with_capacity(line_counts.len());
    for (line, hits) in line_counts {
        match line_hits.last_mut() {
            Some((last_line, last_hits)) if *last_line == line => {
                *last_hits = (*last_hits).max(hits);
            }
            _ => line_hits.push((line, hits)),
        }
    }
    // Each list is given its exact length before it is filled: grown by doubling, these
    // lists, the regions and the branch outcomes took 1.2% of a 10 MB report's parse.
    let executed_count = line_hits.iter().filter(|&&(_, hits)| hits > 0).count();
    file.executed_lines.reserve_exact(executed_count);
    file.executed_line_hits.reserve_exact(executed_count);
    file.missing_lines
        .reserve_exact(line_hits.len() - executed_count);
    for (line, hits) in line_hits {
        if hits > 0 {
            file.executed_lines.push(line);
            file.executed_line_hits.push(hits);
        } else {
            file.missing_lines.push(line);
        }
    }
    Ok(tally)
}

/// Counts `f` and turns each function into a region named as `fnMap` writes it.
fn read_functions(
    place: &FilePlace<'_>,
    function_map: &IndexedMap<'_, RawFunction<'_>>,
    function_hits: IndexedMap<'_, u64>,
    notes: &mut Notes,
    file: &mut FileCoverage,
) -> Result<Tally, String> {
    let (functions, function_hits) = pair_up(place, "f", function_map, function_hits, notes);
    let mut tally = Tally::default();
    file.regions.reserve_exact(function_hits.len());
    for (key, hits) in &function_hits {
        place.check_plausible("f", key, *hits)?;
        tally.total += 1;
        tally.covered += u64::from(*hits > 0);
        let Some(function) = functions.get(key) else {
            notes.counts_without_entry.push(place.entry("f", key));
            continue;
        };
        let region_tally = Tally::new(u64::from(*hits > 0), 1);
        file.regions.push(Region {
            kind: RegionKind::Function,
            name: match &function.name {
                Some(BorrowedText(name)) => name.to_string(),
                None => format!("(function {key} without a name)"),
            },
            start_line: [function.decl, function.loc]
                .iter()
                .flatten()
                .find_map(|location| location.start.line)
                .or(function.line),
            end_line: [function.loc, function.decl]
                .iter()
                .flatten()
                .find_map(|location| location.end.line),
            counts: Counts::Metrics(MetricCounts::default().with(Metric::Functions, region_tally)),
            coverage: PercentRule::IstanbulTruncated.figure(region_tally),
            stated_figures: Vec::new(),
            hits: Some(*hits),
        });
        if *hits == 0 {
            // The HTML report marks the declaration (the name), or the whole function when
            // an old instrumenter wrote no `decl`.
            if let Some(span) = function.decl.or(function.loc).as_ref().and_then(span_of) {
                file.uncovered_spans.push(UncoveredSpan {
                    kind: UncoveredKind::Function,
                    span,
                });
            }
        }
    }
    Ok(tally)
}

/// Counts `b`, one branch per element, and lists every outcome at its branch's line.
fn read_branches(
    place: &FilePlace<'_>,
    branch_map: &IndexedMap<'_, RawBranch<'_>>,
    branch_hits: IndexedMap<'_, Vec<u64>>,
    notes: &mut Notes,
    file: &mut FileCoverage,
) -> Result<Tally, String> {
    let (branches, branch_hits) = pair_up(place, "b", branch_map, branch_hits, notes);
    let mut tally = Tally::default();
    // Room for every outcome counted; a branch without an entry or a line adds none.
    file.branch_outcomes
        .reserve_exact(branch_hits.iter().map(|(_, counts)| counts.len()).sum());
    for (position, (key, counts)) in branch_hits.iter().enumerate() {
        for &taken in counts {
            place.check_plausible("b", key, taken)?;
            tally.total += 1;
            tally.covered += u64::from(taken > 0);
        }
        let Some(branch) = branches.get(key) else {
            notes.counts_without_entry.push(place.entry("b", key));
            continue;
        };
        // `getBranchCoverageByLine` places a branch at `map.line || map.loc.start.line`.
        let line = branch
            .line
            .filter(|&line| line != 0)
            .or_else(|| branch.loc.and_then(|location| location.start.line));
        let Some(line) = line else {
            notes
                .entries_without_line
                .push(place.entry("branchMap", key));
            continue;
        };
        let block = match key {
            EntryKey::Index(index) => *index,
            EntryKey::Name(_) => u32::try_from(position).unwrap_or(u32::MAX),
        };
        for (index, &taken) in counts.iter().enumerate() {
            file.branch_outcomes.push(BranchOutcome {
                line,
                block,
                branch: u32::try_from(index).unwrap_or(u32::MAX),
                taken: Some(taken),
                span: branch.locations.get(index).and_then(span_of),
            });
        }
        push_untaken_branch_spans(branch, counts, file);
    }
    file.branch_outcomes
        .sort_by_key(|outcome| (outcome.line, outcome.block, outcome.branch));
    Ok(tally)
}

/// Marks the paths never taken as the HTML report does: only when the branch point ran
/// (some path was taken) or has a single path, so code that never ran at all is marked
/// by its statements rather than by every path; an `if`'s missing `else` (a location
/// without positions) is marked on the `if`'s own path.
fn push_untaken_branch_spans(branch: &RawBranch<'_>, counts: &[u64], file: &mut FileCoverage) {
    let any_taken = counts.iter().any(|&taken| taken > 0);
    if !any_taken && counts.len() != 1 {
        return;
    }
    let is_if = branch
        .kind
        .as_ref()
        .is_some_and(|BorrowedText(kind)| kind == "if");
    for (index, &taken) in counts.iter().enumerate() {
        if taken > 0 {
            continue;
        }
        let own = branch.locations.get(index).and_then(span_of);
        let span = match (own, is_if, index.checked_sub(1)) {
            (Some(span), _, _) => Some(span),
            (None, true, Some(previous)) => branch.locations.get(previous).and_then(span_of),
            (None, _, _) => None,
        };
        if let Some(span) = span {
            file.uncovered_spans.push(UncoveredSpan {
                kind: UncoveredKind::Branch,
                span,
            });
        }
    }
}

/// Entries that Istanbul 0.x could mark as under `/* istanbul ignore */`.
trait SkipMark {
    fn is_marked_skip(&self) -> bool;
}

impl SkipMark for RawLocation {
    fn is_marked_skip(&self) -> bool {
        self.skip == Some(true)
    }
}

impl SkipMark for RawFunction<'_> {
    fn is_marked_skip(&self) -> bool {
        self.skip == Some(true)
    }
}

impl SkipMark for RawBranch<'_> {
    fn is_marked_skip(&self) -> bool {
        self.skip == Some(true)
    }
}

/// Pairs one of a file's maps (`statementMap`, `fnMap`, `branchMap`) with its counts
/// (`s`, `f`, `b`, named by `counts_name`): the lookup of map entries, and the counts with
/// repeated keys resolved; skip marks and repeats are noted.
fn pair_up<'m, 'a, Entry: SkipMark, Count>(
    place: &FilePlace<'_>,
    counts_name: &str,
    map: &'m IndexedMap<'a, Entry>,
    counts: IndexedMap<'a, Count>,
    notes: &mut Notes,
) -> (Lookup<'m, 'a, Entry>, Vec<(EntryKey<'a>, Count)>) {
    notes.skip_marks += map
        .entries
        .iter()
        .filter(|(_, entry)| entry.is_marked_skip())
        .count();
    let (counts, repeats) = counts.deduplicated();
    if repeats > 0 {
        notes
            .repeated_entry_keys
            .push(format!("[{}].{counts_name}", quote(place.path)));
    }
    (Lookup::new(map), counts)
}

/// A location with both ends' lines, as a span; `None` for Babel's empty `else` location.
fn span_of(location: &RawLocation) -> Option<SourceSpan> {
    Some(SourceSpan {
        start: SourcePosition {
            line: location.start.line?,
            column: location.start.column.map(|Column(column)| column),
        },
        end: SourcePosition {
            line: location.end.line?,
            column: location.end.column.map(|Column(column)| column),
        },
    })
}
