//! Reads coverage.py's JSON report (`coverage json`, every format from 5.0 on) into the model.
//!
//! Refs: coverage.py `coverage/jsonreport.py` (JsonReporter.report, report_one_file,
//! _convert_branch_arcs) and `coverage/results.py` (Numbers, display_covered), 7.17.
//! The serde types below mirror that output and stay private to this file; features are
//! detected by which keys are present, never by `meta.format` alone.
mod as_it_arrives;
mod plain_file_entry;

use std::borrow::Cow;
use std::cell::RefCell;
use std::collections::{HashMap, HashSet};
use std::fmt;
use std::marker::PhantomData;

use serde::de::{
    self, DeserializeOwned, DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor,
};
use serde::Deserialize;

use super::json_diagnostics::JsonLineNumber;
use crate::core::model::{
    hand_files_to_sink, ArcEnd, BranchArc, Counts, CoverageCounts, CoverageFigure, CoverageFormat,
    CoverageReport, FileCoverage, LineNumber, Percent, Precision, Region, RegionKind, ReportFacts,
    ReportFileSink,
};
use crate::core::text::{decode_utf8_text, Diagnostic, ParseOutcome, WordHash};

pub use as_it_arrives::CoveragePyReadingAsItArrives;

/// Parses the bytes of a coverage.py JSON report.
///
/// Errors name the problem and where it is (line and column for syntax, the key path for
/// a wrong type, the keys found for JSON that is some other tool's output).
pub fn parse_coverage_py_json(bytes: &[u8]) -> ParseOutcome<CoverageReport> {
    parse_coverage_py_json_reporting_progress(bytes, &mut |_| {})
}

/// Parses like `parse_coverage_py_json`, calling `on_progress` with the number of bytes
/// read so far: about every MiB (at the first file entry past each MiB mark, so one file
/// with huge contexts is one step), always increasing, and last with `bytes.len()`.
pub fn parse_coverage_py_json_reporting_progress(
    bytes: &[u8],
    on_progress: &mut dyn FnMut(usize),
) -> ParseOutcome<CoverageReport> {
    read_text_reporting_progress(bytes, on_progress, parse_text)
}

/// Parses like `parse_coverage_py_json_reporting_progress`, but hands each file to `sink`
/// as soon as it is read and converted, and gives back the report without its files (its
/// facts, totals and diagnostics): the caller passes the files on while the rest of the
/// report is still being read.
///
/// A file whose figures need the report's display precision (a summary without
/// `percent_covered_display`, as coverage.py before 6.0 writes) waits, with every file
/// after it, until the precision is known at the end of the report. A report that lists a
/// path twice, or that the quick reading refuses, is read again whole and its files are
/// handed to the sink again from the first (see [`ReportFileSink::begin`]), so the files
/// and the diagnostics are always those of [`parse_coverage_py_json`].
pub fn parse_coverage_py_json_streaming_files(
    bytes: &[u8],
    on_progress: &mut dyn FnMut(usize),
    sink: &mut dyn ReportFileSink,
) -> ParseOutcome<CoverageReport> {
    read_text_reporting_progress(bytes, on_progress, |text, progress| {
        stream_text(text, progress, sink)
    })
}

/// Decodes the input as UTF-8 and reads it with `read`, which reports progress as it goes;
/// the last report is the input's length. The whole-report and the file-by-file parse
/// differ only in `read`.
fn read_text_reporting_progress<Value>(
    bytes: &[u8],
    on_progress: &mut dyn FnMut(usize),
    read: impl FnOnce(&str, &mut Progress<'_>) -> ParseOutcome<Value>,
) -> ParseOutcome<Value> {
    let mut progress = Progress {
        input_start: bytes.as_ptr() as usize,
        input_length: bytes.len(),
        next_report_at: PROGRESS_STEP,
        on_progress,
    };
    let outcome = match decode_utf8_text(bytes) {
        Ok(text) => read(text, &mut progress),
        Err(problem) => ParseOutcome::failure(problem.describe()),
    };
    release_list_buffers();
    (progress.on_progress)(bytes.len());
    outcome
}

/// How many bytes pass between two progress reports, at the least.
const PROGRESS_STEP: usize = 1 << 20;

/// The largest count Covscope believes. A real report stays far below (10^15 statements
/// would be a billion files of a million lines); anything above is damage or a crafted
/// file, and refusing it keeps every sum of counts far from overflowing.
const LARGEST_PLAUSIBLE_COUNT: u64 = 1_000_000_000_000_000;

/// Tells the caller how far the parse got, from the file keys borrowed out of the input.
struct Progress<'callback> {
    input_start: usize,
    input_length: usize,
    next_report_at: usize,
    on_progress: &'callback mut dyn FnMut(usize),
}

impl Progress<'_> {
    /// Reports the offset of a file key that points into the input, once per step.
    fn at_key(&mut self, key: &str) {
        let Some(offset) = (key.as_ptr() as usize).checked_sub(self.input_start) else {
            return;
        };
        if offset >= self.next_report_at && offset <= self.input_length {
            (self.on_progress)(offset);
            self.next_report_at = offset + PROGRESS_STEP;
        }
    }
}

/// Reads well-formed reports quickly with plain serde_json; only when that fails is the
/// text read again with key-path tracking, which is several times slower, to say where.
fn parse_text(text: &str, progress: &mut Progress<'_>) -> ParseOutcome<CoverageReport> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    // serde_json's default recursion limit (128) stays on: deeply nested hostile input gets
    // an error instead of exhausting the stack.
    let quick = ReportSeed {
        progress,
        streamed_files: None,
    }
    .deserialize(&mut deserializer);
    match quick {
        Ok(report) if deserializer.end().is_ok() => report_outcome(report, text),
        _ => parse_text_naming_key_paths(text),
    }
}

/// The quick reading of [`parse_text`], with the files converted and handed to the sink
/// as they are read; whatever it cannot give file by file is read again whole.
fn stream_text(
    text: &str,
    progress: &mut Progress<'_>,
    sink: &mut dyn ReportFileSink,
) -> ParseOutcome<CoverageReport> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let mut conversion = FileConversion::new(None);
    let quick = ReportSeed {
        progress: &mut *progress,
        streamed_files: Some(StreamedFiles {
            conversion: &mut conversion,
            sink: &mut *sink,
        }),
    }
    .deserialize(&mut deserializer);
    let read_whole = match quick {
        Ok(report) if deserializer.end().is_ok() && !conversion.repeated_path => match report {
            JsonReport {
                meta,
                files: Some(_),
                totals,
            } => return conversion.finish(sink, meta, totals, Vec::new()),
            _ => return ParseOutcome::failure(describe_foreign_json(text)),
        },
        // A path listed twice keeps its first place and its last entry, and its first
        // entry may already have been passed on: the report is read again whole.
        // The bar already passed the files once; it waits at the end of them meanwhile.
        Ok(_) if conversion.repeated_path => parse_text(
            text,
            &mut Progress {
                input_start: 0,
                input_length: 0,
                next_report_at: usize::MAX,
                on_progress: &mut |_| {},
            },
        ),
        _ => parse_text_naming_key_paths(text),
    };
    ParseOutcome {
        value: read_whole
            .value
            .map(|report| hand_files_to_sink(report, sink)),
        diagnostics: read_whole.diagnostics,
    }
}

/// The careful reading behind every failure message: serde_path_to_error records the key
/// path of a wrong value.
fn parse_text_naming_key_paths(text: &str) -> ParseOutcome<CoverageReport> {
    let mut deserializer = serde_json::Deserializer::from_str(text);
    let typed: Result<JsonReport, _> = serde_path_to_error::deserialize(&mut deserializer);
    if typed.is_ok() {
        if let Err(trailing) = deserializer.end() {
            return ParseOutcome::failure(format!(
                "the file is not valid JSON: {} (line {}, column {})",
                strip_position(&trailing.to_string()),
                trailing.line(),
                trailing.column()
            ));
        }
    }
    match typed {
        Ok(report) => report_outcome(report, text),
        Err(error) => describe_typed_error(text, error),
    }
}

fn report_outcome(report: JsonReport, text: &str) -> ParseOutcome<CoverageReport> {
    match report {
        JsonReport {
            meta,
            files: Some(files),
            totals,
        } => convert_report(meta, files, totals),
        _ => ParseOutcome::failure(describe_foreign_json(text)),
    }
}

/// The top level of `coverage json` output.
#[derive(Deserialize)]
struct JsonReport {
    meta: Option<JsonMeta>,
    files: Option<JsonFiles>,
    totals: Option<JsonSummary>,
}

#[derive(Deserialize)]
struct JsonMeta {
    format: Option<u64>,
    version: Option<String>,
    timestamp: Option<String>,
    branch_coverage: Option<bool>,
    show_contexts: Option<bool>,
}

/// The `files` object, each entry boxed: the list of entries grows by doubling while it is
/// read, and a box is 8 bytes where an entry is some 400, so the unused half of the list
/// costs little; each box is freed as its file is converted. Unboxed, the list of a
/// 100 MB report (8,744 files) took 6.9 MB at the parse's peak (BENCHMARKS.md, "Memory").
type JsonFiles = OrderedMap<Box<JsonFile>>;

/// One entry of `files`; `contexts` is deliberately not declared, so serde skips it.
#[derive(Deserialize)]
struct JsonFile {
    summary: Option<JsonSummary>,
    executed_lines: Option<JsonList<LineNumber>>,
    missing_lines: Option<JsonList<LineNumber>>,
    excluded_lines: Option<JsonList<LineNumber>>,
    executed_branches: Option<JsonList<BranchArc>>,
    missing_branches: Option<JsonList<BranchArc>>,
    functions: Option<OrderedMap<JsonRegion>>,
    classes: Option<OrderedMap<JsonRegion>>,
}

/// A list of line numbers or arcs, read element by element as a `Vec` is (the same
/// messages for a wrong value) into a buffer kept from list to list, then copied once at
/// its exact length. Read straight into a `Vec`, each list grew by doubling and was then
/// given back its unused room (2.6 MB of the 14 MB that a 100 MB report's files held,
/// BENCHMARKS.md, "Memory"): the growing alone was 7% of a 20,000-file report's parse
/// (BENCHMARKS.md, "Less allocation in the JSON parsers").
struct JsonList<T>(Vec<T>);

/// What a [`JsonList`] holds: the model's value, read as the JSON writes it, and the
/// buffer its lists are read into.
trait ListElement: Copy + 'static {
    /// The element as the JSON writes it, with its own messages for a wrong value.
    type Written: DeserializeOwned;

    fn from_written(written: Self::Written) -> Self;

    /// Runs `read` with the buffer that lists of this element are read into.
    fn with_buffer<Read>(read: impl FnOnce(&mut Vec<Self>) -> Read) -> Read;
}

thread_local! {
    /// The buffers lists are read into, one per element type; nothing read into them
    /// reads another list, so a buffer is never borrowed twice.
    static LINE_BUFFER: RefCell<Vec<LineNumber>> = const { RefCell::new(Vec::new()) };
    static ARC_BUFFER: RefCell<Vec<BranchArc>> = const { RefCell::new(Vec::new()) };
}

impl ListElement for LineNumber {
    type Written = JsonLineNumber;

    fn from_written(JsonLineNumber(line): JsonLineNumber) -> Self {
        line
    }

    fn with_buffer<Read>(read: impl FnOnce(&mut Vec<Self>) -> Read) -> Read {
        LINE_BUFFER.with_borrow_mut(read)
    }
}

impl ListElement for BranchArc {
    type Written = (JsonArcEnd, JsonArcEnd);

    fn from_written((JsonArcEnd(from), JsonArcEnd(to)): (JsonArcEnd, JsonArcEnd)) -> Self {
        BranchArc { from, to }
    }

    fn with_buffer<Read>(read: impl FnOnce(&mut Vec<Self>) -> Read) -> Read {
        ARC_BUFFER.with_borrow_mut(read)
    }
}

/// Gives the list buffers' room back once a report is read: it is as large as the
/// longest list, and the parsing worker lives on after the parse.
fn release_list_buffers() {
    LINE_BUFFER.with_borrow_mut(|buffer| *buffer = Vec::new());
    ARC_BUFFER.with_borrow_mut(|buffer| *buffer = Vec::new());
}

impl<'de, T: ListElement> Deserialize<'de> for JsonList<T> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(JsonListVisitor(PhantomData))
    }
}

struct JsonListVisitor<T>(PhantomData<T>);

impl<'de, T: ListElement> Visitor<'de> for JsonListVisitor<T> {
    type Value = JsonList<T>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        // serde's words for a `Vec`, so a wrong value is described as before.
        formatter.write_str("a sequence")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<JsonList<T>, A::Error> {
        T::with_buffer(|buffer| {
            buffer.clear();
            while let Some(written) = access.next_element::<T::Written>()? {
                buffer.push(T::from_written(written));
            }
            Ok(JsonList(buffer.to_vec()))
        })
    }
}

#[derive(Deserialize)]
struct JsonRegion {
    summary: Option<JsonSummary>,
    start_line: Option<JsonLineNumber>,
}

/// One end of an arc as coverage.py writes it, read as an `i64` first like a line number
/// ([`JsonLineNumber`]), so a wrong type is described as before and a number beyond
/// [`ArcEnd`] is refused with its value, never cut to fit.
#[derive(Clone, Copy)]
struct JsonArcEnd(ArcEnd);

impl<'de> Deserialize<'de> for JsonArcEnd {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let end = i64::deserialize(deserializer)?;
        ArcEnd::try_from(end).map(JsonArcEnd).map_err(|_| {
            de::Error::invalid_value(
                de::Unexpected::Signed(end),
                &"an arc end from -2^31 to 2^31 - 1",
            )
        })
    }
}

/// coverage.py's per-file and total summary. Here `missing_branches` is a count, unlike the
/// list of pairs with the same name on a file entry.
#[derive(Deserialize, Default)]
struct JsonSummary {
    covered_lines: Option<u64>,
    num_statements: Option<u64>,
    percent_covered: Option<f64>,
    percent_covered_display: Option<String>,
    missing_lines: Option<u64>,
    excluded_lines: Option<u64>,
    num_branches: Option<u64>,
    num_partial_branches: Option<u64>,
    covered_branches: Option<u64>,
    missing_branches: Option<u64>,
}

/// A JSON object read into a vector, keeping the report's order and noticing repeated keys.
struct OrderedMap<V> {
    entries: Vec<(String, V)>,
    repeated_keys: Vec<String>,
}

impl<'de, V: Deserialize<'de>> Deserialize<'de> for OrderedMap<V> {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_map(OrderedMapVisitor {
            progress: None,
            values: PhantomData,
        })
    }
}

/// How many entries an [`OrderedMap`] looks through for a repeated key before it keeps a
/// table of where each key is: a file's functions and classes are mostly fewer, and a
/// table for each of them was 2% of the parse of a report with regions (BENCHMARKS.md,
/// "Less allocation in the JSON parsers").
const ENTRIES_SCANNED_FOR_REPEATS: usize = 16;

/// Reads an `OrderedMap`, reporting progress at each key when asked to.
struct OrderedMapVisitor<'a, 'callback, V> {
    progress: Option<&'a mut Progress<'callback>>,
    values: PhantomData<V>,
}

impl<'de, V: Deserialize<'de>> Visitor<'de> for OrderedMapVisitor<'_, '_, V> {
    type Value = OrderedMap<V>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("an object keyed by name")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut entries: Vec<(String, V)> = Vec::new();
        // Where each key is, once there are too many entries to look through: keyed by the
        // keys as read, borrowed from the input unless they have escapes.
        let mut positions: HashMap<Cow<'de, str>, usize, WordHash> = HashMap::default();
        let mut repeated_keys = Vec::new();
        while let Some(key) = access.next_key_seed(KeySeed {
            progress: self.progress.as_deref_mut(),
        })? {
            let value = access.next_value::<V>()?;
            let position = if positions.is_empty() && entries.len() < ENTRIES_SCANNED_FOR_REPEATS {
                entries
                    .iter()
                    .position(|(earlier, _)| earlier.as_str() == key.as_ref())
            } else {
                if positions.is_empty() {
                    positions.extend(
                        entries
                            .iter()
                            .enumerate()
                            .map(|(index, (earlier, _))| (Cow::Owned(earlier.clone()), index)),
                    );
                }
                positions.get(key.as_ref()).copied()
            };
            match position {
                // JSON's usual rule (and Python's json module): the last value wins.
                Some(index) => {
                    entries[index].1 = value;
                    repeated_keys.push(key.into_owned());
                }
                None => {
                    entries.push((key.to_string(), value));
                    if !positions.is_empty() {
                        positions.insert(key, entries.len() - 1);
                    }
                }
            }
        }
        Ok(OrderedMap {
            entries,
            repeated_keys,
        })
    }
}

/// Reads a map key, borrowed from the input when it has no escapes, telling the progress
/// where it was (keys with escapes are copied, and then give no position).
struct KeySeed<'a, 'callback> {
    progress: Option<&'a mut Progress<'callback>>,
}

impl<'de> DeserializeSeed<'de> for KeySeed<'_, '_> {
    type Value = Cow<'de, str>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_str(self)
    }
}

impl<'de> Visitor<'de> for KeySeed<'_, '_> {
    type Value = Cow<'de, str>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a string key")
    }

    fn visit_borrowed_str<E: de::Error>(self, key: &'de str) -> Result<Self::Value, E> {
        if let Some(progress) = self.progress {
            progress.at_key(key);
        }
        Ok(Cow::Borrowed(key))
    }

    fn visit_str<E: de::Error>(self, key: &str) -> Result<Self::Value, E> {
        Ok(Cow::Owned(key.to_string()))
    }

    fn visit_string<E: de::Error>(self, key: String) -> Result<Self::Value, E> {
        Ok(Cow::Owned(key))
    }
}

/// Reads the top level like the derived `JsonReport`, but with progress on `files`.
///
/// Anything the derived reading would reject (a repeated top-level key, an array at the top)
/// is rejected here too, so the careful second reading gives the same message as before.
///
/// With `streamed_files`, each file goes to that conversion as soon as it is read, and the
/// `files` read back is an empty map that only says the key was there.
struct ReportSeed<'a, 'callback> {
    progress: &'a mut Progress<'callback>,
    streamed_files: Option<StreamedFiles<'a>>,
}

/// Where the files go when they are streamed: the conversion and the sink it hands them to.
struct StreamedFiles<'a> {
    conversion: &'a mut FileConversion,
    sink: &'a mut dyn ReportFileSink,
}

impl<'de> DeserializeSeed<'de> for ReportSeed<'_, '_> {
    type Value = JsonReport;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<JsonReport, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ReportSeed<'_, '_> {
    type Value = JsonReport;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a coverage.py report object")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut access: A) -> Result<JsonReport, A::Error> {
        let mut meta: Option<Option<JsonMeta>> = None;
        let mut files: Option<Option<JsonFiles>> = None;
        let mut totals: Option<Option<JsonSummary>> = None;
        while let Some(key) = access.next_key::<TopLevelKey>()? {
            match key {
                TopLevelKey::Meta if meta.is_some() => {
                    return Err(de::Error::duplicate_field("meta"))
                }
                TopLevelKey::Meta => meta = Some(access.next_value()?),
                TopLevelKey::Files if files.is_some() => {
                    return Err(de::Error::duplicate_field("files"))
                }
                TopLevelKey::Files => {
                    // The one `files` key takes the streamed files (a second is refused above).
                    let mut streamed = self.streamed_files.take();
                    if let Some(streamed) = &mut streamed {
                        // Totals written before the files settle the precision now.
                        streamed
                            .conversion
                            .settle_precision(totals.as_ref().and_then(Option::as_ref));
                    }
                    files = Some(access.next_value_seed(OptionalFilesSeed {
                        progress: &mut *self.progress,
                        streamed,
                    })?)
                }
                TopLevelKey::Totals if totals.is_some() => {
                    return Err(de::Error::duplicate_field("totals"))
                }
                TopLevelKey::Totals => totals = Some(access.next_value()?),
                TopLevelKey::Other => {
                    access.next_value::<de::IgnoredAny>()?;
                }
            }
        }
        Ok(JsonReport {
            meta: meta.flatten(),
            files: files.flatten(),
            totals: totals.flatten(),
        })
    }
}

/// The top-level keys coverage.py writes; any other is skipped without being copied.
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "lowercase")]
enum TopLevelKey {
    Meta,
    Files,
    Totals,
    #[serde(other)]
    Other,
}

/// `files` as an optional value (`null` reads as absent, like the derived reading).
struct OptionalFilesSeed<'a, 'callback, 'files> {
    progress: &'a mut Progress<'callback>,
    /// Where each file goes as soon as it is read, when the files are streamed.
    streamed: Option<StreamedFiles<'files>>,
}

impl<'de> DeserializeSeed<'de> for OptionalFilesSeed<'_, '_, '_> {
    type Value = Option<JsonFiles>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_option(self)
    }
}

impl<'de> Visitor<'de> for OptionalFilesSeed<'_, '_, '_> {
    type Value = Option<JsonFiles>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("an object keyed by file path, or null")
    }

    fn visit_none<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_unit<E: de::Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        match self.streamed {
            Some(streamed) => deserializer
                .deserialize_map(StreamedFilesVisitor {
                    progress: self.progress,
                    streamed,
                })
                .map(Some),
            None => deserializer
                .deserialize_map(OrderedMapVisitor {
                    progress: Some(self.progress),
                    values: PhantomData,
                })
                .map(Some),
        }
    }
}

/// Reads `files` one entry at a time into a [`FileConversion`], which converts each and
/// hands it on; what it gives back is an empty map.
struct StreamedFilesVisitor<'a, 'callback, 'files> {
    progress: &'a mut Progress<'callback>,
    streamed: StreamedFiles<'files>,
}

impl<'de> Visitor<'de> for StreamedFilesVisitor<'_, '_, '_> {
    type Value = JsonFiles;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("an object keyed by name")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let StreamedFiles { conversion, sink } = self.streamed;
        // The paths as read, borrowed from the input unless they have escapes.
        let mut paths: HashSet<Cow<'de, str>, WordHash> = HashSet::default();
        while let Some(path) = access.next_key_seed(KeySeed {
            progress: Some(&mut *self.progress),
        })? {
            let file = access.next_value::<JsonFile>()?;
            if conversion.repeated_path {
                continue;
            }
            let owned_path = path.to_string();
            if !paths.insert(path) {
                conversion.repeated_path = true;
                continue;
            }
            conversion.add(sink, owned_path, file);
        }
        Ok(OrderedMap {
            entries: Vec::new(),
            repeated_keys: Vec::new(),
        })
    }
}

/// Warnings that are gathered per file and reported once, with a count and an example.
#[derive(Default)]
struct RepeatedWarnings {
    files_without_line_lists: Vec<String>,
    percent_mismatches: Vec<String>,
    count_mismatches: Vec<String>,
}

fn convert_report(
    meta: Option<JsonMeta>,
    files: JsonFiles,
    totals: Option<JsonSummary>,
) -> ParseOutcome<CoverageReport> {
    let precision = infer_precision(totals.as_ref(), &files);
    let mut converted_files = Vec::with_capacity(files.entries.len());
    let mut conversion = FileConversion::new(Some(precision));
    for (path, file) in files.entries {
        conversion.add(&mut converted_files, path, *file);
    }
    let outcome = conversion.finish(&mut converted_files, meta, totals, files.repeated_keys);
    ParseOutcome {
        value: outcome.value.map(|shell| CoverageReport {
            files: converted_files,
            ..shell
        }),
        diagnostics: outcome.diagnostics,
    }
}

/// Converts the file entries one at a time, in the report's order, handing each to a sink,
/// and gathers what the rest of the report needs from them (the display precision, whether
/// there are branches and regions, the sum of the counts, the repeated warnings): the one
/// conversion behind the whole-report parse and the streaming one.
///
/// The sink is handed to each call rather than held, so a conversion can outlive one
/// reading of the text: the reading as it arrives (`coverage_py/as_it_arrives.rs`) keeps it
/// between the parts of a file that arrive.
struct FileConversion {
    /// The report's display precision, once it is certain: from the start when the report
    /// was read whole, when the files begin if the totals came first and show it.
    settled_precision: Option<Precision>,
    /// The precision of the first file summary's display text, the report's precision when
    /// the totals show none ([`infer_precision`]).
    first_file_precision: Option<Precision>,
    /// Files that wait for the precision, in order: the first file whose figures need it
    /// while it is not certain, and every file after it.
    waiting: Vec<(String, JsonFile)>,
    began: bool,
    repeated: RepeatedWarnings,
    summed: CoverageCounts,
    summaries_have_branches: bool,
    has_regions: bool,
    /// The first file that could not be converted; once set, the rest is read but not
    /// converted.
    refusal: Option<String>,
    /// A path was listed twice while streaming: the report must be read again whole.
    repeated_path: bool,
    /// The paths streamed so far, to notice one listed twice.
    streamed_paths: HashSet<String, WordHash>,
}

impl FileConversion {
    fn new(precision: Option<Precision>) -> Self {
        FileConversion {
            settled_precision: precision,
            first_file_precision: None,
            waiting: Vec::new(),
            began: false,
            repeated: RepeatedWarnings::default(),
            summed: CoverageCounts::default(),
            summaries_have_branches: false,
            has_regions: false,
            refusal: None,
            repeated_path: false,
            streamed_paths: HashSet::default(),
        }
    }

    /// Takes the next entry of a report read file by file: once a path comes twice, the
    /// report must be read again whole, and the entries after it are not converted.
    fn add_streamed(&mut self, sink: &mut dyn ReportFileSink, path: String, file: JsonFile) {
        if self.repeated_path {
            return;
        }
        if self.streamed_paths.contains(&path) {
            self.repeated_path = true;
            return;
        }
        self.streamed_paths.insert(path.clone());
        self.add(sink, path, file);
    }

    /// The totals read before the files decide the precision, when they show a figure.
    fn settle_precision(&mut self, totals: Option<&JsonSummary>) {
        if let Some(display) = totals.and_then(|summary| summary.percent_covered_display.as_deref())
        {
            self.settled_precision = Some(Precision::of_display_text(display));
        }
    }

    /// Takes the next file entry: converted and handed on at once unless it (or a file
    /// before it) waits for the precision.
    fn add(&mut self, sink: &mut dyn ReportFileSink, path: String, file: JsonFile) {
        if self.refusal.is_some() {
            return;
        }
        if let Some(summary) = &file.summary {
            self.summaries_have_branches |= summary.num_branches.is_some();
            if self.first_file_precision.is_none() {
                self.first_file_precision = summary
                    .percent_covered_display
                    .as_deref()
                    .map(Precision::of_display_text);
            }
        }
        self.has_regions |= file.functions.is_some() || file.classes.is_some();
        let waits = !self.waiting.is_empty()
            || (self.settled_precision.is_none() && needs_precision(&file));
        if waits {
            self.waiting.push((path, file));
            return;
        }
        // The file's figures do not depend on the precision when it is not settled.
        let precision = self.settled_precision.unwrap_or_default();
        self.convert(sink, path, file, precision);
    }

    fn convert(
        &mut self,
        sink: &mut dyn ReportFileSink,
        path: String,
        file: JsonFile,
        precision: Precision,
    ) {
        match convert_file(path, file, precision, &mut self.repeated) {
            Ok(converted) => {
                if let Some(counts) = converted.counts.coverage_py() {
                    self.summed = self.summed + *counts;
                }
                if !self.began {
                    self.began = true;
                    let mut facts = ReportFacts::of_format(CoverageFormat::CoveragePy);
                    facts.precision = self
                        .settled_precision
                        .or(self.first_file_precision)
                        .unwrap_or_default();
                    sink.begin(&facts, None);
                }
                sink.add_file(converted);
            }
            Err(message) => self.refusal = Some(message),
        }
    }

    /// Converts the files that waited, then makes the rest of the report: its facts,
    /// totals and warnings (the files are with the sink).
    fn finish(
        mut self,
        sink: &mut dyn ReportFileSink,
        meta: Option<JsonMeta>,
        totals: Option<JsonSummary>,
        repeated_keys: Vec<String>,
    ) -> ParseOutcome<CoverageReport> {
        let precision = totals
            .as_ref()
            .and_then(|summary| summary.percent_covered_display.as_deref())
            .map(Precision::of_display_text)
            .or(self.first_file_precision)
            .unwrap_or_default();
        for (path, file) in std::mem::take(&mut self.waiting) {
            if self.refusal.is_some() {
                break;
            }
            self.convert(sink, path, file, precision);
        }
        if let Some(refusal) = self.refusal {
            return ParseOutcome::failure(refusal);
        }
        if !self.began {
            let mut facts = ReportFacts::of_format(CoverageFormat::CoveragePy);
            facts.precision = precision;
            sink.begin(&facts, None);
        }
        let mut warnings = Vec::new();
        if meta.is_none() {
            warnings.push(Diagnostic::warning(
                "there is no \"meta\" block, so the coverage.py version, timestamp and options are unknown (hand-written or trimmed report?)",
            ));
        }
        if !repeated_keys.is_empty() {
            warnings.push(Diagnostic::warning(format!(
                "{} file {} listed more than once ({}); the last entry was used",
                repeated_keys.len(),
                if repeated_keys.len() == 1 {
                    "is"
                } else {
                    "are"
                },
                quote_list(&repeated_keys, 3)
            )));
        }
        let meta = meta.unwrap_or(JsonMeta {
            format: None,
            version: None,
            timestamp: None,
            branch_coverage: None,
            show_contexts: None,
        });
        let has_branches = meta.branch_coverage.unwrap_or(self.summaries_have_branches);
        let mut repeated = self.repeated;
        let summed = self.summed;
        let (totals_counts, total_coverage) = match totals {
            Some(summary) => {
                match convert_summary(
                    summary,
                    &SummaryLocation::Totals,
                    precision,
                    &mut repeated.percent_mismatches,
                    &mut repeated.count_mismatches,
                ) {
                    Ok(converted) => converted,
                    Err(message) => return ParseOutcome::failure(message),
                }
            }
            None => {
                warnings.push(Diagnostic::warning(
                    "there is no \"totals\" block; the totals were added up from the files",
                ));
                let percent = summed.percent_covered();
                let figure = CoverageFigure {
                    percent,
                    display: percent.display(precision),
                };
                (summed, figure)
            }
        };
        push_repeated_warnings(&mut warnings, repeated);
        if totals_counts.statements != summed.statements || totals_counts.missing != summed.missing
        {
            warnings.push(Diagnostic::warning(format!(
                "the \"totals\" block says {} statements and {} missing, but the files add up to {} and {}",
                totals_counts.statements, totals_counts.missing, summed.statements, summed.missing
            )));
        }
        let report = CoverageReport {
            facts: ReportFacts {
                format: CoverageFormat::CoveragePy,
                format_version: meta.format.map(|version| version.to_string()),
                tool_version: meta.version,
                timestamp: meta.timestamp,
                has_branches,
                has_contexts: meta.show_contexts.unwrap_or(false),
                has_regions: self.has_regions,
                precision,
            },
            files: Vec::new(),
            totals: Counts::CoveragePy(totals_counts),
            total_coverage,
            stated_total_figures: Vec::new(),
        };
        ParseOutcome::success(report, warnings)
    }
}

/// Whether a file entry's figures depend on the report's display precision: a summary
/// (its own or a function's or class's) without a display text gets one written at it.
fn needs_precision(file: &JsonFile) -> bool {
    let lacks_display = |summary: Option<&JsonSummary>| {
        summary.is_none_or(|summary| summary.percent_covered_display.is_none())
    };
    lacks_display(file.summary.as_ref())
        || [&file.functions, &file.classes]
            .into_iter()
            .flatten()
            .flat_map(|map| map.entries.iter())
            .any(|(_, region)| lacks_display(region.summary.as_ref()))
}

fn convert_file(
    path: String,
    file: JsonFile,
    precision: Precision,
    repeated: &mut RepeatedWarnings,
) -> Result<FileCoverage, String> {
    let Some(summary) = file.summary else {
        return Err(format!(
            "files[{}] has no \"summary\", which every coverage.py report has",
            quote(&path)
        ));
    };
    let states_excluded_lines = summary.excluded_lines.is_some();
    let (mut counts, coverage) = convert_summary(
        summary,
        &SummaryLocation::File { path: &path },
        precision,
        &mut repeated.percent_mismatches,
        &mut repeated.count_mismatches,
    )?;
    let has_line_lists = file.executed_lines.is_some() && file.missing_lines.is_some();
    if !has_line_lists {
        repeated.files_without_line_lists.push(path.clone());
    }
    if !states_excluded_lines {
        if let Some(excluded) = &file.excluded_lines {
            counts.excluded = excluded.0.len() as u64;
        }
    }
    let region_count = [&file.functions, &file.classes]
        .into_iter()
        .flatten()
        .map(|map| map.entries.len())
        .sum();
    let mut regions = Vec::with_capacity(region_count);
    for (kind, map) in [
        (RegionKind::Function, file.functions),
        (RegionKind::Class, file.classes),
    ] {
        for (name, region) in map.map(|map| map.entries).unwrap_or_default() {
            let summary = region.summary.unwrap_or_default();
            let (region_counts, region_coverage) = convert_summary(
                summary,
                &SummaryLocation::Region {
                    path: &path,
                    kind,
                    name: &name,
                },
                precision,
                &mut Vec::new(),
                &mut Vec::new(),
            )?;
            regions.push(Region {
                kind,
                name,
                start_line: region.start_line.map(|JsonLineNumber(line)| line),
                end_line: None,
                counts: Counts::CoveragePy(region_counts),
                coverage: region_coverage,
                stated_figures: Vec::new(),
                hits: None,
            });
        }
    }
    let arcs =
        |arcs: Option<JsonList<BranchArc>>| arcs.map(|JsonList(arcs)| arcs).unwrap_or_default();
    Ok(FileCoverage {
        counts: Counts::CoveragePy(counts),
        coverage,
        executed_lines: sorted(file.executed_lines),
        missing_lines: sorted(file.missing_lines),
        excluded_lines: sorted(file.excluded_lines),
        has_line_lists,
        executed_branch_arcs: arcs(file.executed_branches),
        missing_branch_arcs: arcs(file.missing_branches),
        regions,
        ..FileCoverage::empty(path)
    })
}

/// Where a summary is in the report, as messages name it: `totals`,
/// `files["a.py"].summary`, `files["a.py"].functions["f"].summary`. Written out only when
/// a message needs it: formatted for every file and region whether or not anything was
/// wrong, the locations (each path quoted as JSON) took 3% of the parse's instructions
/// for a report of 20,000 files and 11% for one of 5,000 files with functions and classes
/// (BENCHMARKS.md, "Less work per byte").
enum SummaryLocation<'a> {
    Totals,
    File {
        path: &'a str,
    },
    Region {
        path: &'a str,
        kind: RegionKind,
        name: &'a str,
    },
}

impl fmt::Display for SummaryLocation<'_> {
    fn fmt(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        match self {
            SummaryLocation::Totals => formatter.write_str("totals"),
            SummaryLocation::File { path } => write!(formatter, "files[{}].summary", quote(path)),
            SummaryLocation::Region { path, kind, name } => {
                let regions = match kind {
                    RegionKind::Function => "functions",
                    RegionKind::Class => "classes",
                };
                write!(
                    formatter,
                    "files[{}].{regions}[{}].summary",
                    quote(path),
                    quote(name)
                )
            }
        }
    }
}

/// Turns a summary into counts and a coverage figure, filling fields older coverage.py
/// versions did not write with coverage.py's own formulas. The summary is taken whole so
/// its display text becomes the figure's without a copy.
fn convert_summary(
    summary: JsonSummary,
    location: &SummaryLocation<'_>,
    precision: Precision,
    percent_mismatches: &mut Vec<String>,
    count_mismatches: &mut Vec<String>,
) -> Result<(CoverageCounts, CoverageFigure), String> {
    check_plausible_counts(&summary, location)?;
    let Some(statements) = summary.num_statements else {
        return Err(format!(
            "{location} has no \"num_statements\", which every coverage.py summary has"
        ));
    };
    let missing = match (summary.missing_lines, summary.covered_lines) {
        (Some(missing), _) => missing,
        (None, Some(covered)) => statements.saturating_sub(covered),
        (None, None) => {
            return Err(format!(
                "{location} has neither \"missing_lines\" nor \"covered_lines\""
            ))
        }
    };
    let executed = summary
        .covered_lines
        .unwrap_or(statements.saturating_sub(missing));
    if executed + missing != statements {
        count_mismatches.push(format!(
            "{location}: {executed} covered + {missing} missing != {statements} statements"
        ));
    }
    let branches = summary.num_branches.unwrap_or(0);
    let missing_branches = match (summary.missing_branches, summary.covered_branches) {
        (Some(missing_branches), _) => missing_branches,
        (None, Some(covered)) => branches.saturating_sub(covered),
        (None, None) => 0,
    };
    let executed_branches = summary
        .covered_branches
        .unwrap_or(branches.saturating_sub(missing_branches));
    let counts = CoverageCounts {
        statements,
        executed,
        missing,
        excluded: summary.excluded_lines.unwrap_or(0),
        branches,
        executed_branches,
        missing_branches,
        partial_branches: summary.num_partial_branches.unwrap_or(0),
    };
    let computed = counts.percent_covered();
    let percent = match summary.percent_covered {
        Some(stated) => {
            if (stated - computed.value()).abs() > 1e-9 {
                percent_mismatches.push(format!(
                    "{location}: percent_covered is {stated} but the counts give {}",
                    computed.value()
                ));
            }
            Percent::new(stated)
        }
        None => computed,
    };
    let display = summary
        .percent_covered_display
        .unwrap_or_else(|| percent.display(precision));
    Ok((counts, CoverageFigure { percent, display }))
}

/// Refuses counts no real report has, naming the key, so no sum can come near overflowing.
fn check_plausible_counts(
    summary: &JsonSummary,
    location: &SummaryLocation<'_>,
) -> Result<(), String> {
    let counts = [
        ("covered_lines", summary.covered_lines),
        ("num_statements", summary.num_statements),
        ("missing_lines", summary.missing_lines),
        ("excluded_lines", summary.excluded_lines),
        ("num_branches", summary.num_branches),
        ("num_partial_branches", summary.num_partial_branches),
        ("covered_branches", summary.covered_branches),
        ("missing_branches", summary.missing_branches),
    ];
    for (key, value) in counts {
        if let Some(value) = value.filter(|&value| value > LARGEST_PLAUSIBLE_COUNT) {
            return Err(format!(
                "{location}.{key} is {value}, more than any real report holds (Covscope accepts at most 10^15); the file is damaged or made up"
            ));
        }
    }
    Ok(())
}

fn push_repeated_warnings(warnings: &mut Vec<Diagnostic>, repeated: RepeatedWarnings) {
    if !repeated.files_without_line_lists.is_empty() {
        warnings.push(Diagnostic::warning(format!(
            "{} {} no line lists (\"executed_lines\"/\"missing_lines\"), e.g. {}; the missing-lines column stays empty (hand-written or trimmed report?)",
            repeated.files_without_line_lists.len(),
            if repeated.files_without_line_lists.len() == 1 { "file has" } else { "files have" },
            quote(&repeated.files_without_line_lists[0])
        )));
    }
    for (list, what) in [
        (
            &repeated.percent_mismatches,
            "percent_covered disagrees with the counts",
        ),
        (
            &repeated.count_mismatches,
            "covered and missing lines do not add up to the statements",
        ),
    ] {
        if let Some(first) = list.first() {
            let places = if list.len() == 1 { "place" } else { "places" };
            warnings.push(Diagnostic::warning(format!(
                "{what} in {} {places} (first: {first}); the report's own figures are shown",
                list.len()
            )));
        }
    }
}

/// The report's display precision, read off its display strings (coverage.py does not
/// write the setting itself); reports without display strings are coverage.py < 6.0,
/// whose default precision is 0.
fn infer_precision(totals: Option<&JsonSummary>, files: &JsonFiles) -> Precision {
    let from_totals = totals.and_then(|summary| summary.percent_covered_display.as_deref());
    let from_files = || {
        files.entries.iter().find_map(|(_, file)| {
            file.summary
                .as_ref()
                .and_then(|summary| summary.percent_covered_display.as_deref())
        })
    };
    from_totals
        .or_else(from_files)
        .map(Precision::of_display_text)
        .unwrap_or_default()
}

fn sorted(lines: Option<JsonList<LineNumber>>) -> Vec<LineNumber> {
    let mut lines = lines.map(|JsonList(lines)| lines).unwrap_or_default();
    lines.sort_unstable();
    lines.dedup();
    lines
}

/// Explains a typed-parse failure: bad syntax, or a coverage.py report with a wrong value,
/// or JSON that is some other tool's output.
fn describe_typed_error(
    text: &str,
    error: serde_path_to_error::Error<serde_json::Error>,
) -> ParseOutcome<CoverageReport> {
    let inner = error.inner();
    if inner.is_syntax() || inner.is_eof() {
        return ParseOutcome::failure(format!(
            "the file is not valid JSON: {} (line {}, column {})",
            describe_syntax_error(text, inner),
            inner.line(),
            inner.column()
        ));
    }
    if !looks_like_coverage_py(text) {
        return ParseOutcome::failure(describe_foreign_json(text));
    }
    let problem = strip_position(&inner.to_string());
    if let Some(key) = problem
        .strip_prefix("duplicate field `")
        .and_then(|rest| rest.strip_suffix('`'))
    {
        let path = format_key_path(error.path());
        let owner = if path == "the top level" {
            path
        } else {
            format!("the object at {path}")
        };
        return ParseOutcome::failure(format!(
            "{owner} has the key \"{key}\" twice (line {}, column {})",
            inner.line(),
            inner.column()
        ));
    }
    if let Some(parent) = list_in_place_of_object(error.path()) {
        return ParseOutcome::failure(format!(
            "{parent} has the wrong type: it is a list, where an object belongs (line {}, column {})",
            inner.line(),
            inner.column()
        ));
    }
    ParseOutcome::failure(format!(
        "{} has the wrong type: {} (line {}, column {})",
        format_key_path(error.path()),
        name_private_types(&problem),
        inner.line(),
        inner.column()
    ))
}

/// serde_json's words for a syntax error, plus what the usual suspects really are: Python's
/// `json` module writes `NaN` and `Infinity`, which JSON does not allow, and a second
/// byte-order mark is invisible in most editors.
fn describe_syntax_error(text: &str, error: &serde_json::Error) -> String {
    let words = strip_position(&error.to_string());
    let line_start = text
        .split_inclusive('\n')
        .take(error.line().saturating_sub(1))
        .map(str::len)
        .sum::<usize>();
    // serde_json counts columns in bytes, from 1.
    let offset = line_start + error.column().saturating_sub(1);
    let from = |offset: usize| text.get(offset..).unwrap_or("");
    for literal in ["NaN", "-Infinity", "Infinity"] {
        if from(offset).starts_with(literal)
            || (literal.starts_with('-') && from(offset.saturating_sub(1)).starts_with(literal))
        {
            return format!(
                "{words}: `{literal}` is not allowed in JSON (Python's json module writes it, coverage.py never does)"
            );
        }
    }
    if from(offset).starts_with('\u{feff}') {
        return format!("{words}: a second, invisible byte-order mark (U+FEFF) is in the way");
    }
    words
}

/// serde's messages name the private structs above; the user is told what they stand for.
fn name_private_types(problem: &str) -> String {
    problem
        .replace(
            "expected struct JsonFile",
            "expected an object (a file entry)",
        )
        .replace(
            "expected struct JsonSummary",
            "expected an object (a summary)",
        )
        .replace(
            "expected struct JsonMeta",
            "expected an object (the meta block)",
        )
        .replace(
            "expected struct JsonRegion",
            "expected an object (a function or class entry)",
        )
}

/// serde reads a list where an object belongs as the object's fields in order, so the error
/// names `meta[0]`; this gives `meta`, the path of the list itself, in that case.
fn list_in_place_of_object(path: &serde_path_to_error::Path) -> Option<String> {
    let segments: Vec<&serde_path_to_error::Segment> = path.iter().collect();
    let list_fields = [
        "executed_lines",
        "missing_lines",
        "excluded_lines",
        "executed_branches",
        "missing_branches",
    ];
    match segments.as_slice() {
        [.., serde_path_to_error::Segment::Map { key }, serde_path_to_error::Segment::Seq { .. }]
            if !list_fields.contains(&key.as_str()) =>
        {
            let formatted = format_key_path(path);
            formatted
                .rfind('[')
                .map(|index| formatted[..index].to_string())
        }
        _ => None,
    }
}

/// True when the JSON has a top-level `files` object, coverage.py's defining key.
fn looks_like_coverage_py(text: &str) -> bool {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(serde_json::Value::Object(map)) => {
            map.get("files").is_some_and(|files| files.is_object())
        }
        _ => false,
    }
}

/// Says what a valid JSON document that is not a coverage.py report seems to be.
fn describe_foreign_json(text: &str) -> String {
    let value: serde_json::Value = match serde_json::from_str(text) {
        Ok(value) => value,
        Err(error) => {
            return format!(
                "the file could not be read as JSON: {} (line {}, column {})",
                strip_position(&error.to_string()),
                error.line(),
                error.column()
            )
        }
    };
    let object = match &value {
        serde_json::Value::Object(object) => object,
        other => {
            return format!(
                "the file is JSON but not a coverage.py report: the top level is {}, not an object with \"meta\", \"files\" and \"totals\"",
                json_kind(other)
            )
        }
    };
    if let Some(files) = object.get("files") {
        return format!(
            "the file is JSON but not a coverage.py report: \"files\" is {}, not an object keyed by file path",
            json_kind(files)
        );
    }
    let keys: Vec<String> = object.keys().cloned().collect();
    let found = if keys.is_empty() {
        "it is an empty object".to_string()
    } else {
        format!("found keys {}", quote_list(&keys, 8))
    };
    let guess = guess_foreign_kind(object);
    format!(
        "the file is JSON but not a coverage.py report: there is no \"files\" object ({found}){guess}"
    )
}

fn guess_foreign_kind(object: &serde_json::Map<String, serde_json::Value>) -> String {
    let child_has = |key: &str| {
        object.values().any(|child| {
            child
                .as_object()
                .is_some_and(|child| child.contains_key(key))
        })
    };
    if object.contains_key("total") && child_has("statements") && child_has("lines") {
        return "; it looks like an Istanbul coverage-summary.json, which Covscope does not read yet".to_string();
    }
    if child_has("statementMap") {
        return "; it looks like an Istanbul coverage-final.json, which Covscope does not read yet"
            .to_string();
    }
    let metric_words = ["coverage", "percent", "pct", "metric", "summary", "total"];
    let mentions_metrics = object.keys().any(|key| {
        let key = key.to_ascii_lowercase();
        metric_words.iter().any(|word| key.contains(word))
    });
    if mentions_metrics {
        return "; it looks like a metrics summary that mentions coverage, not the output of `coverage json`".to_string();
    }
    String::new()
}

fn json_kind(value: &serde_json::Value) -> &'static str {
    match value {
        serde_json::Value::Null => "null",
        serde_json::Value::Bool(_) => "a boolean",
        serde_json::Value::Number(_) => "a number",
        serde_json::Value::String(_) => "a string",
        serde_json::Value::Array(_) => "an array",
        serde_json::Value::Object(_) => "an object",
    }
}

/// Formats a serde path as `files["a.py"].summary.num_statements`.
fn format_key_path(path: &serde_path_to_error::Path) -> String {
    let mut formatted = String::new();
    for segment in path.iter() {
        match segment {
            serde_path_to_error::Segment::Seq { index } => {
                formatted.push_str(&format!("[{index}]"));
            }
            serde_path_to_error::Segment::Map { key } => {
                if formatted == "files"
                    || formatted.ends_with(".functions")
                    || formatted.ends_with(".classes")
                {
                    formatted.push_str(&format!("[{}]", quote(key)));
                } else {
                    if !formatted.is_empty() {
                        formatted.push('.');
                    }
                    formatted.push_str(key);
                }
            }
            serde_path_to_error::Segment::Enum { variant } => {
                formatted.push_str(&format!("::{variant}"));
            }
            serde_path_to_error::Segment::Unknown => formatted.push_str(".?"),
        }
    }
    if formatted.is_empty() {
        "the top level".to_string()
    } else {
        formatted
    }
}

/// serde_json appends " at line L column C" to its messages; the position is given
/// separately, in words, so it is removed here.
fn strip_position(message: &str) -> String {
    match message.rfind(" at line ") {
        Some(index) => message[..index].to_string(),
        None => message.to_string(),
    }
}

fn quote(text: &str) -> String {
    serde_json::to_string(text).unwrap_or_else(|_| format!("\"{text}\""))
}

fn quote_list(items: &[String], limit: usize) -> String {
    let mut shown: Vec<String> = items.iter().take(limit).map(|item| quote(item)).collect();
    if items.len() > limit {
        shown.push(format!("and {} more", items.len() - limit));
    }
    shown.join(", ")
}
