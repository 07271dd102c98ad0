//! Reads LCOV tracefiles (lcov 1.x and 2.x syntax) into the model, counting as lcov's own
//! `lcov --summary` and `genhtml` count.
//!
//! Refs: the tracefile format in lcov's `geninfo(1)` manual ("TRACEFILE FORMAT") and lcov
//! 2.x `lib/lcovutil.pm` (`TraceFile::_read_info`, `CountData::append`,
//! `FunctionMap::define_function`, `FunctionMap::numFunc`, `BranchLocation::totals`).
//!
//! What lcov's tools do, and so what this parser does:
//! - Counts come from the records themselves (`DA`, `FN`/`FNDA`/`FNL`/`FNA`, `BRDA`); the
//!   summary lines `LF`/`LH`, `FNF`/`FNH`, `BRF`/`BRH` are ignored by lcov's reader
//!   (`/^(FN|BR|L|MC)[HF]/`), so they only raise a warning here when they disagree
//!   (llvm-cov's `LF` counts lines per function, so it exceeds its own `DA` lines).
//! - A line counts once per file; hits of a line listed twice are summed.
//! - A function is a name: two names at one line are two functions (llvm-cov writes one per
//!   instantiation, lcov 2.2+ writes them as `FNA` aliases of one `FNL`), and one name
//!   defined at two lines is one function at the first line with the hits of both (c8
//!   writes such duplicates; lcov reports them as inconsistent and keeps one).
//! - A branch is one `BRDA` outcome; `-` (never evaluated) counts as not taken; a `U`
//!   (unreachable) outcome is left out, as lcov excludes it.
//! - A file without any `DA` line is left out, as lcov's reader drops it.
//! - The same `SF` in several records (one per test, or shards concatenated) is one file:
//!   line hits, function hits and branch counts are summed, the rule of `lcov -a`.
//!   (lcov 2.x reading one tracefile that repeats an `SF` keeps the repeated record's
//!   branch blocks apart instead, counting each twice; `lcov -a` over separate tracefiles
//!   and lcov 1.x merge them, and so does Covscope.)
//! - lcov 2.x refuses files whose functions and lines disagree (a function not entered
//!   whose first line ran: every Python `def` line) unless told to ignore it, and then
//!   rewrites the data; Covscope shows the records as written.
use std::collections::{HashMap, HashSet};
use std::ops::Add;

use super::line_records::{
    implausible_number_message, leading_count, parse_count, quoted_line,
    read_lines_reporting_progress, skipped_text, sort_stably, GatheredWarning, NumberProblem,
    SkippedUnit, TextLine, TextLines,
};
use crate::core::model::{
    hand_files_to_sink, BranchOutcome, Counts, CoverageFormat, CoverageReport, FileCoverage,
    LineNumber, Metric, MetricCounts, Region, RegionKind, ReportFacts, ReportFileSink, Tally,
};
use crate::core::text::{
    counted, readable_symbol, readable_symbols, Diagnostic, Noun, ParseOutcome,
};

/// Parses the bytes of an LCOV tracefile, calling `on_progress` with the bytes read so
/// far about every MiB and last with `bytes.len()`.
pub fn parse_lcov(
    bytes: &[u8],
    on_progress: &mut dyn FnMut(usize),
) -> ParseOutcome<CoverageReport> {
    read_lines_reporting_progress(bytes, on_progress, read_whole)
}

/// Parses like [`parse_lcov`], but converts each file as soon as its record ends and hands
/// it to `sink`, and gives back the report without its files (its facts, totals and
/// diagnostics): the caller passes the files on while the rest of the tracefile is still
/// being read.
///
/// A file's figures depend on the whole report (a file without functions counts 0 of 0
/// functions when another file has some), so the files are converted with the report's
/// facts as its tags suggest them ([`facts_suggested_by_tags`]). A tracefile whose `SF:`
/// lines name a file twice ([`names_a_file_twice`]) is read whole from the start. When the
/// records read say otherwise, or a file is named by a second record after all (whose
/// hits are summed into a file already passed on), the tracefile is read again whole and
/// its files are handed to the sink again from the first (see
/// [`ReportFileSink::begin`]), so the files and the diagnostics are always those of
/// [`parse_lcov`].
pub fn parse_lcov_streaming_files(
    bytes: &[u8],
    on_progress: &mut dyn FnMut(usize),
    sink: &mut dyn ReportFileSink,
) -> ParseOutcome<CoverageReport> {
    read_lines_reporting_progress(bytes, on_progress, |text, lines| {
        if names_a_file_twice(text) {
            return hand_over_whole(read_whole(text, lines), sink);
        }
        let mut streamed = StreamedFiles::new(sink, facts_suggested_by_tags(text));
        let read = match read_tracefile(text, lines, &mut streamed) {
            Ok(read) => read,
            Err(refusal) => return ParseOutcome::failure(refusal),
        };
        if let Some(shell) = streamed.report_shell(&read) {
            return shell;
        }
        // The bar already passed the records once; it waits at the end meanwhile.
        let mut no_progress = |_| {};
        let quiet_lines = TextLines::new(text, 0, &mut no_progress);
        hand_over_whole(read_whole(text, quiet_lines), streamed.sink)
    })
}

/// The whole-report parse of the text.
fn read_whole(text: &str, lines: TextLines<'_, '_>) -> ParseOutcome<CoverageReport> {
    match read_tracefile(text, lines, &mut KeptWhole) {
        Ok(read) => build_report(read.files, read.warnings),
        Err(refusal) => ParseOutcome::failure(refusal),
    }
}

/// A report parsed whole, its files handed to the sink one by one.
fn hand_over_whole(
    whole: ParseOutcome<CoverageReport>,
    sink: &mut dyn ReportFileSink,
) -> ParseOutcome<CoverageReport> {
    ParseOutcome {
        value: whole.value.map(|report| hand_files_to_sink(report, sink)),
        diagnostics: whole.diagnostics,
    }
}

/// Whether two `SF:` lines of the text name the same file, as tracefiles concatenated
/// from shards, or written with one section per test, do: lcov sums such records into
/// one file, which a file-by-file reading would already have passed on, and reading the
/// part before the repeat twice made a tracefile of two 50 MB shards 35 to 40% slower to
/// parse (natively). The lines are compared as written, which is quick (18 ms natively for
/// 100 MB and 37,652 files) and only decides the road: a repeat these lines do not show
/// (a path written once with a trailing space) is still found by the reading itself.
fn names_a_file_twice(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut paths_seen = HashSet::new();
    let first_line = bytes.starts_with(b"SF:").then_some(0);
    let later_lines = memchr::memmem::find_iter(bytes, b"\nSF:").map(|newline| newline + 1);
    for line_start in first_line.into_iter().chain(later_lines) {
        let path_and_rest = bytes.get(line_start + 3..).unwrap_or(&[]);
        let path_end = memchr::memchr(b'\n', path_and_rest).unwrap_or(path_and_rest.len());
        if !paths_seen.insert(path_and_rest.get(..path_end).unwrap_or(&[])) {
            return true;
        }
    }
    false
}

/// One `DA` record: a line and how often it ran.
#[derive(Clone, Copy)]
struct LineRecord {
    line: LineNumber,
    hits: u64,
}

/// One function name of a file, with every record about it summed.
#[derive(Clone, Copy)]
struct FunctionRecord<'text> {
    name: &'text str,
    start_line: LineNumber,
    end_line: Option<LineNumber>,
    hits: u64,
}

/// One `BRDA` outcome as written: `branch` is lcov 1.x's number or lcov 2.x's expression
/// (coverage.py writes `jump to line 12`).
#[derive(Clone, Copy)]
struct BranchRecord<'text> {
    line: LineNumber,
    block: u32,
    branch: BranchId<'text>,
    taken: Option<u64>,
    /// The order the outcome was first read in, to number expression outcomes.
    order: usize,
}

/// A `BRDA` outcome's name within its block: lcov 1.x numbers outcomes, lcov 2.x may
/// write an expression instead.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
enum BranchId<'text> {
    Number(u32),
    Expression(&'text str),
}

/// What a record's summary lines state, kept to compare with the counted records.
#[derive(Clone, Copy, Default)]
struct StatedSummary {
    lines_found: Option<u64>,
    lines_hit: Option<u64>,
    functions_found: Option<u64>,
    functions_hit: Option<u64>,
    branches_found: Option<u64>,
    branches_hit: Option<u64>,
}

/// Everything read about one source file, over every record that names it.
struct FileRecords<'text> {
    path: &'text str,
    /// How many `SF` records named the file.
    records: usize,
    lines: Vec<LineRecord>,
    functions: Vec<FunctionRecord<'text>>,
    function_by_name: HashMap<&'text str, usize>,
    branches: Vec<BranchRecord<'text>>,
    /// The summary lines of its first record.
    stated: StatedSummary,
}

impl<'text> FileRecords<'text> {
    /// A file named by a record, nothing read about it yet.
    fn new(path: &'text str) -> Self {
        FileRecords {
            path,
            records: 0,
            lines: Vec::new(),
            functions: Vec::new(),
            function_by_name: HashMap::new(),
            branches: Vec::new(),
            stated: StatedSummary::default(),
        }
    }
}

/// An `FNDA` waiting for the end of its record, where its name is looked up (lcov expects
/// the `FN` first; looking up at the end also accepts the reverse order).
struct PendingFunctionHits<'text> {
    name: &'text str,
    hits: u64,
    tracefile_line: usize,
}

/// The record being read, between an `SF` and its `end_of_record`.
struct OpenRecord<'text> {
    file: usize,
    sf_line: usize,
    /// `FNL` index to the function's start and end line (indices are per record).
    function_locations: HashMap<u64, (LineNumber, Option<LineNumber>)>,
    pending_hits: Vec<PendingFunctionHits<'text>>,
    stated: StatedSummary,
}

/// Warnings gathered over the whole tracefile, each reported once.
#[derive(Default)]
struct TracefileWarnings {
    unreadable_records: GatheredWarning,
    unknown_records: GatheredWarning,
    records_outside_a_file: GatheredWarning,
    unclosed_records: GatheredWarning,
    empty_paths: GatheredWarning,
    functions_without_definition: GatheredWarning,
    functions_defined_twice: GatheredWarning,
    files_without_lines: GatheredWarning,
    line_summaries_disagree: GatheredWarning,
    function_summaries_disagree: GatheredWarning,
    functions_sharing_a_line: GatheredWarning,
    branch_summaries_disagree: GatheredWarning,
    mcdc_records: GatheredWarning,
    last_line_cut: bool,
}

/// The kinds of lines a tracefile holds, told apart by the tag before the first `:`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum RecordKind {
    Blank,
    EndOfRecord,
    SourceFile,
    TestName,
    Version,
    Line,
    Function,
    FunctionHits,
    FunctionLocation,
    FunctionAlias,
    Branch,
    LinesFound,
    LinesHit,
    FunctionsFound,
    FunctionsHit,
    BranchesFound,
    BranchesHit,
    McDc,
    Unknown,
}

/// Every record tag and its kind (`KF` is lcov's other spelling of `SF`; `MCF`/`MCH` are
/// the MC/DC summary lines). `end_of_record` has no `:` and is told apart on its own.
const RECORD_TAGS: [(&[u8], RecordKind); 19] = [
    (b"DA", RecordKind::Line),
    (b"BRDA", RecordKind::Branch),
    (b"FN", RecordKind::Function),
    (b"FNDA", RecordKind::FunctionHits),
    (b"FNL", RecordKind::FunctionLocation),
    (b"FNA", RecordKind::FunctionAlias),
    (b"SF", RecordKind::SourceFile),
    (b"KF", RecordKind::SourceFile),
    (b"TN", RecordKind::TestName),
    (b"VER", RecordKind::Version),
    (b"LF", RecordKind::LinesFound),
    (b"LH", RecordKind::LinesHit),
    (b"FNF", RecordKind::FunctionsFound),
    (b"FNH", RecordKind::FunctionsHit),
    (b"BRF", RecordKind::BranchesFound),
    (b"BRH", RecordKind::BranchesHit),
    (b"MCDC", RecordKind::McDc),
    (b"MCF", RecordKind::McDc),
    (b"MCH", RecordKind::McDc),
];

/// A tag of at most seven bytes as one number (its bytes and its length), so telling a
/// line's kind is a few integer comparisons rather than string comparisons per line.
const fn tag_key(tag: &[u8]) -> Option<u64> {
    if tag.len() > 7 {
        return None;
    }
    let mut key = (tag.len() as u64) << 56;
    let mut index = 0;
    while index < tag.len() {
        key |= (tag[index] as u64) << (8 * index);
        index += 1;
    }
    Some(key)
}

/// [`RECORD_TAGS`] by key.
const RECORD_TAG_KEYS: [(Option<u64>, RecordKind); RECORD_TAGS.len()] = {
    let mut keys = [(None, RecordKind::Unknown); RECORD_TAGS.len()];
    let mut index = 0;
    while index < RECORD_TAGS.len() {
        keys[index] = (tag_key(RECORD_TAGS[index].0), RECORD_TAGS[index].1);
        index += 1;
    }
    keys
};

/// A line's kind and the text after its tag. The `DA` lines that make up most of a file
/// are told by their first three bytes; the rest by the table above.
fn classify_record(text: &str) -> (RecordKind, &str) {
    let bytes = text.as_bytes();
    if let [b'D', b'A', b':', ..] = bytes {
        return (RecordKind::Line, text.get(3..).unwrap_or(""));
    }
    match bytes.first() {
        None | Some(b'#') => return (RecordKind::Blank, ""),
        _ => {}
    }
    let Some(colon) = memchr::memchr(b':', bytes) else {
        // lcov reads any line that starts with `end_of_record` as one.
        let kind = if bytes.starts_with(b"end_of_record") {
            RecordKind::EndOfRecord
        } else {
            RecordKind::Unknown
        };
        return (kind, "");
    };
    let kind = match tag_key(bytes.get(..colon).unwrap_or(&[])) {
        Some(key) => RECORD_TAG_KEYS
            .iter()
            .find(|(known, _)| *known == Some(key))
            .map_or(RecordKind::Unknown, |&(_, kind)| kind),
        None => RecordKind::Unknown,
    };
    (kind, text.get(colon + 1..).unwrap_or(""))
}

/// What went wrong with one record, for the unreadable-records warning.
enum RecordProblem {
    /// A field is not what the record needs; the text says which and why.
    Unreadable(String),
    /// A number is beyond belief: the whole file is refused.
    Implausible { field: &'static str, value: String },
}

/// A field's number, with which field it was for the messages.
fn count_field(field: &str, name: &'static str) -> Result<u64, RecordProblem> {
    parse_count(field).map_err(|problem| match problem {
        NumberProblem::NotANumber => {
            RecordProblem::Unreadable(format!("the {name} is not a whole number"))
        }
        NumberProblem::Implausible => RecordProblem::Implausible {
            field: name,
            value: field.to_string(),
        },
    })
}

/// A line number read as a count, refused when it is 0 or beyond what the model holds: the
/// record is unreadable (skipped with a warning), never cut to fit.
fn line_number(line: u64, name: &'static str) -> Result<LineNumber, RecordProblem> {
    if line == 0 {
        return Err(RecordProblem::Unreadable("there is no line 0".to_string()));
    }
    fitting_line(line, name)
}

/// A line number the model holds; 0 passes (lcov takes an end line as written).
fn fitting_line(line: u64, name: &'static str) -> Result<LineNumber, RecordProblem> {
    LineNumber::try_from(line).map_err(|_| {
        RecordProblem::Unreadable(format!(
            "the {name} {line} is beyond the largest Covscope holds ({})",
            LineNumber::MAX
        ))
    })
}

/// What reading a whole tracefile gathers: every file's records and the warnings.
struct TracefileRead<'text> {
    files: Vec<FileRecords<'text>>,
    warnings: TracefileWarnings,
}

/// Reads every line of the tracefile, telling `closed_files` each time a record ends; the
/// error is why the tracefile is refused (no `SF` record at all, a number beyond belief).
fn read_tracefile<'text>(
    text: &'text str,
    mut lines: TextLines<'text, '_>,
    closed_files: &mut dyn ClosedFiles<'text>,
) -> Result<TracefileRead<'text>, String> {
    let mut files: Vec<FileRecords> = Vec::new();
    let mut file_by_path: HashMap<&str, usize> = HashMap::new();
    let mut warnings = TracefileWarnings::default();
    let mut open: Option<OpenRecord> = None;
    let mut skipping_record = false;
    let mut saw_source_file = false;
    let mut last_line: Option<TextLine> = None;
    let mut record_order = 0usize;

    for line in lines.by_ref() {
        last_line = Some(line);
        let text = line.text;
        let (kind, value) = classify_record(text);
        match kind {
            RecordKind::Blank => continue,
            RecordKind::EndOfRecord => {
                match open.take() {
                    Some(record) => close_record(record, &mut files, &mut warnings, closed_files),
                    None if skipping_record => {}
                    None => warnings
                        .records_outside_a_file
                        .note(|| describe_place(line)),
                }
                skipping_record = false;
                continue;
            }
            RecordKind::SourceFile => {
                saw_source_file = true;
                if let Some(record) = open.take() {
                    warnings.unclosed_records.note(|| {
                        format!(
                            "line {}: `SF:` without an end_of_record before it",
                            line.number
                        )
                    });
                    close_record(record, &mut files, &mut warnings, closed_files);
                }
                let path = value.trim_start();
                if path.is_empty() {
                    warnings.empty_paths.note(|| describe_place(line));
                    skipping_record = true;
                    continue;
                }
                skipping_record = false;
                let next_file = files.len();
                let file = *file_by_path.entry(path).or_insert(next_file);
                if file == next_file {
                    files.push(FileRecords::new(path));
                } else if !closed_files.goes_on_when_named_again() {
                    break;
                }
                open = Some(OpenRecord {
                    file,
                    sf_line: line.number,
                    function_locations: HashMap::new(),
                    pending_hits: Vec::new(),
                    stated: StatedSummary::default(),
                });
                continue;
            }
            // The test name and the source version apply to no figure Covscope shows.
            RecordKind::TestName | RecordKind::Version => continue,
            _ => {}
        }
        let Some(record) = open.as_mut() else {
            if !skipping_record {
                warnings
                    .records_outside_a_file
                    .note(|| describe_place(line));
            }
            continue;
        };
        // `files[record.file]` exists: it was pushed when the record was opened.
        let Some(file) = files.get_mut(record.file) else {
            continue;
        };
        let result = match kind {
            RecordKind::Line => read_line_record(value, file),
            RecordKind::Function => read_function_record(value, file, &mut warnings),
            RecordKind::FunctionHits => read_function_hits(value, line.number, record),
            RecordKind::FunctionLocation => read_function_location(value, record),
            RecordKind::FunctionAlias => {
                read_function_alias(value, line.number, record, file, &mut warnings)
            }
            RecordKind::Branch => read_branch_record(value, file, &mut record_order),
            RecordKind::LinesFound => read_stated(value, &mut record.stated.lines_found),
            RecordKind::LinesHit => read_stated(value, &mut record.stated.lines_hit),
            RecordKind::FunctionsFound => read_stated(value, &mut record.stated.functions_found),
            RecordKind::FunctionsHit => read_stated(value, &mut record.stated.functions_hit),
            RecordKind::BranchesFound => read_stated(value, &mut record.stated.branches_found),
            RecordKind::BranchesHit => read_stated(value, &mut record.stated.branches_hit),
            RecordKind::McDc => {
                warnings.mcdc_records.note(|| describe_place(line));
                Ok(())
            }
            _ => {
                warnings.unknown_records.note(|| describe_place(line));
                Ok(())
            }
        };
        match result {
            Ok(()) => {}
            Err(RecordProblem::Unreadable(what)) => warnings
                .unreadable_records
                .note(|| format!("{}: {what}", describe_place(line))),
            Err(RecordProblem::Implausible { field, value }) => {
                return Err(implausible_number_message(line, field, &value))
            }
        }
    }
    if let Some(record) = open.take() {
        let sf_line = record.sf_line;
        warnings.unclosed_records.note(|| {
            format!("the record that starts at line {sf_line} has no end_of_record: the file may be cut short")
        });
        close_record(record, &mut files, &mut warnings, closed_files);
    }
    if lines.ends_without_newline() && warnings.unreadable_records.count() > 0 {
        warnings.last_line_cut = true;
    }
    if !saw_source_file {
        return Err(describe_not_a_tracefile(text, last_line));
    }
    Ok(TracefileRead { files, warnings })
}

fn describe_place(line: TextLine<'_>) -> String {
    format!("line {}: {}", line.number, quoted_line(line.text))
}

fn describe_not_a_tracefile(text: &str, last_line: Option<TextLine<'_>>) -> String {
    let first = text
        .lines()
        .map(str::trim)
        .find(|line| !line.is_empty())
        .unwrap_or("");
    let line_count = last_line.map_or(0, |line| line.number);
    format!(
        "no `SF:` (source file) record in {}, so this is not an LCOV tracefile; it starts with {}",
        counted(line_count, Noun::new("line", "lines")),
        quoted_line(first)
    )
}

/// `DA:<line>,<hits>[,<checksum>]`.
fn read_line_record(value: &str, file: &mut FileRecords<'_>) -> Result<(), RecordProblem> {
    if let Some(record) = quick_line_record(value.as_bytes()) {
        file.lines.push(record);
        return Ok(());
    }
    let (line_field, rest) = split_at_comma(value)
        .ok_or_else(|| RecordProblem::Unreadable("it has no hit count".to_string()))?;
    let hits_field = split_at_comma(rest).map_or(rest, |(hits, _checksum)| hits);
    let line = count_field(line_field, "line number")?;
    let hits = count_field(hits_field, "hit count")?;
    let line = line_number(line, "line number")?;
    file.lines.push(LineRecord { line, hits });
    Ok(())
}

/// A well-formed `DA` record read in one pass over its bytes; anything else (an odd field,
/// line 0, a number out of range) is left to the careful reading above, which names it.
fn quick_line_record(bytes: &[u8]) -> Option<LineRecord> {
    let (line, rest) = leading_count(bytes)?;
    let (hits, rest) = leading_count(rest.strip_prefix(b",")?)?;
    let line = LineNumber::try_from(line).ok()?;
    match rest.first() {
        None | Some(b',') if line > 0 => Some(LineRecord { line, hits }),
        _ => None,
    }
}

/// The text before and after the first comma (`memchr`: `str::split_once` compares the
/// character it found once more, which shows on a 100 MB file).
fn split_at_comma(text: &str) -> Option<(&str, &str)> {
    let comma = memchr::memchr(b',', text.as_bytes())?;
    Some((text.get(..comma)?, text.get(comma + 1..)?))
}

/// The text before and after the last comma.
fn split_at_last_comma(text: &str) -> Option<(&str, &str)> {
    let comma = memchr::memrchr(b',', text.as_bytes())?;
    Some((text.get(..comma)?, text.get(comma + 1..)?))
}

/// `FN:<line>,<name>` (lcov 1.x) or `FN:<line>,<end line>,<name>` (lcov 2.x, coverage.py),
/// read as lcov's `^FN:(\d+),((\d+),)?(.+)$` reads it.
fn read_function_record<'text>(
    value: &'text str,
    file: &mut FileRecords<'text>,
    warnings: &mut TracefileWarnings,
) -> Result<(), RecordProblem> {
    let (line_field, rest) = split_at_comma(value)
        .ok_or_else(|| RecordProblem::Unreadable("it has no function name".to_string()))?;
    let start_line = count_field(line_field, "function line")?;
    let (end_line, name) = match split_at_comma(rest) {
        Some((end_field, name))
            if !name.is_empty()
                && !end_field.is_empty()
                && end_field.bytes().all(|b| b.is_ascii_digit()) =>
        {
            (Some(count_field(end_field, "function end line")?), name)
        }
        _ => (None, rest),
    };
    if name.is_empty() {
        return Err(RecordProblem::Unreadable(
            "it has no function name".to_string(),
        ));
    }
    let start_line = line_number(start_line, "function line")?;
    let end_line = end_line
        .map(|end_line| fitting_line(end_line, "function end line"))
        .transpose()?;
    define_function(file, name, start_line, end_line, warnings);
    Ok(())
}

/// Records a function name, merging a name seen before as lcov's `define_function` does:
/// the earliest start line and the latest end line are kept.
fn define_function<'text>(
    file: &mut FileRecords<'text>,
    name: &'text str,
    start_line: LineNumber,
    end_line: Option<LineNumber>,
    warnings: &mut TracefileWarnings,
) -> usize {
    if let Some(&index) = file.function_by_name.get(name) {
        if let Some(function) = file.functions.get_mut(index) {
            if function.start_line != start_line {
                let (path, first) = (file.path, function.start_line);
                warnings.functions_defined_twice.note(|| {
                    let name = quoted_function_name(name);
                    format!("{name} in {path} at lines {first} and {start_line}")
                });
                function.start_line = function.start_line.min(start_line);
            }
            function.end_line = function.end_line.max(end_line);
        }
        return index;
    }
    file.functions.push(FunctionRecord {
        name,
        start_line,
        end_line,
        hits: 0,
    });
    file.function_by_name.insert(name, file.functions.len() - 1);
    file.functions.len() - 1
}

/// A function's name as a warning quotes it: as the functions index shows it (a Rust
/// symbol demangled), with the name as the tracefile writes it beside a demangled one, so
/// the record can still be found in the file, `` `semver::display::digits` (mangled:
/// `_RNvNtCs…6digits`) ``. Only the name of a warning's first example is demangled.
fn quoted_function_name(name: &str) -> String {
    let readable = readable_symbol(name);
    if readable == name {
        format!("`{name}`")
    } else {
        format!("`{readable}` (mangled: `{name}`)")
    }
}

/// `FNDA:<hits>,<name>`, looked up when the record ends.
fn read_function_hits<'text>(
    value: &'text str,
    tracefile_line: usize,
    record: &mut OpenRecord<'text>,
) -> Result<(), RecordProblem> {
    let (hits_field, name) = split_at_comma(value)
        .ok_or_else(|| RecordProblem::Unreadable("it has no function name".to_string()))?;
    if name.is_empty() {
        return Err(RecordProblem::Unreadable(
            "it has no function name".to_string(),
        ));
    }
    let hits = count_field(hits_field, "function hit count")?;
    record.pending_hits.push(PendingFunctionHits {
        name,
        hits,
        tracefile_line,
    });
    Ok(())
}

/// `FNL:<index>,<line>[,<end line>]` (lcov 2.2+).
fn read_function_location(value: &str, record: &mut OpenRecord<'_>) -> Result<(), RecordProblem> {
    let mut fields = value.splitn(3, ',');
    let index = count_field(fields.next().unwrap_or(""), "function index")?;
    let start_line = count_field(fields.next().unwrap_or(""), "function line")?;
    let end_line = match fields.next() {
        Some(field) => Some(count_field(field, "function end line")?),
        None => None,
    };
    let start_line = line_number(start_line, "function line")?;
    let end_line = end_line
        .map(|end_line| fitting_line(end_line, "function end line"))
        .transpose()?;
    record
        .function_locations
        .insert(index, (start_line, end_line));
    Ok(())
}

/// `FNA:<index>,<hits>,<name>` (lcov 2.2+): one name of the function at `FNL` `index`.
fn read_function_alias<'text>(
    value: &'text str,
    tracefile_line: usize,
    record: &mut OpenRecord<'text>,
    file: &mut FileRecords<'text>,
    warnings: &mut TracefileWarnings,
) -> Result<(), RecordProblem> {
    let mut fields = value.splitn(3, ',');
    let index = count_field(fields.next().unwrap_or(""), "function index")?;
    let hits = count_field(fields.next().unwrap_or(""), "function hit count")?;
    let name = fields.next().unwrap_or("");
    if name.is_empty() {
        return Err(RecordProblem::Unreadable(
            "it has no function name".to_string(),
        ));
    }
    let Some(&(start_line, end_line)) = record.function_locations.get(&index) else {
        warnings.functions_without_definition.note(|| {
            format!("line {tracefile_line}: `FNA` names index {index}, which no `FNL` of its record defines")
        });
        return Ok(());
    };
    let function = define_function(file, name, start_line, end_line, warnings);
    if let Some(function) = file.functions.get_mut(function) {
        function.hits = function.hits.saturating_add(hits);
    }
    Ok(())
}

/// `BRDA:<line>,[e|f][U]<block>,<branch>,<taken>`: `taken` is a number or `-`, `branch` a
/// number (lcov 1.x) or an expression that may hold commas (lcov 2.x).
fn read_branch_record<'text>(
    value: &'text str,
    file: &mut FileRecords<'text>,
    order: &mut usize,
) -> Result<(), RecordProblem> {
    if let Some(record) = quick_branch_record(value.as_bytes(), *order) {
        file.branches.push(record);
        *order += 1;
        return Ok(());
    }
    let (line_field, rest) = split_at_comma(value)
        .ok_or_else(|| RecordProblem::Unreadable("it has too few fields".to_string()))?;
    let (block_field, rest) = split_at_comma(rest)
        .ok_or_else(|| RecordProblem::Unreadable("it has too few fields".to_string()))?;
    let (branch, taken_field) = split_at_last_comma(rest)
        .ok_or_else(|| RecordProblem::Unreadable("it has too few fields".to_string()))?;
    let line = line_number(count_field(line_field, "line number")?, "line number")?;
    // An exception (`e`) or fall-through (`f`) branch counts like any other; an
    // unreachable one (`U`) is excluded, as lcov's reader excludes it by default.
    let block_field = block_field.strip_prefix(['e', 'f']).unwrap_or(block_field);
    let (unreachable, block_field) = match block_field.strip_prefix('U') {
        Some(rest) => (true, rest),
        None => (false, block_field),
    };
    let block = count_field(block_field, "block number")?;
    let block = u32::try_from(block)
        .map_err(|_| RecordProblem::Unreadable("the block number is too large".to_string()))?;
    if branch.is_empty() {
        return Err(RecordProblem::Unreadable(
            "it has no branch number".to_string(),
        ));
    }
    let taken = match taken_field {
        "-" => None,
        field => Some(count_field(field, "taken count")?),
    };
    if unreachable {
        return Ok(());
    }
    let branch = match branch.parse::<u32>() {
        Ok(number) if branch.bytes().all(|byte| byte.is_ascii_digit()) => BranchId::Number(number),
        _ => BranchId::Expression(branch),
    };
    file.branches.push(BranchRecord {
        line,
        block,
        branch,
        taken,
        order: *order,
    });
    *order += 1;
    Ok(())
}

/// A `BRDA` record of four numbers (`<line>,<block>,<branch>,<taken>`, `taken` a number
/// or `-`), as most tracefiles write every branch, read in one pass over its bytes;
/// anything else (an `e`, `f` or `U` block, an expression, line 0, a number out of range)
/// is left to the careful reading above, which names what is wrong.
fn quick_branch_record(bytes: &[u8], order: usize) -> Option<BranchRecord<'static>> {
    let (line, rest) = leading_count(bytes)?;
    let (block, rest) = leading_count(rest.strip_prefix(b",")?)?;
    let (branch, rest) = leading_count(rest.strip_prefix(b",")?)?;
    let taken = match rest.strip_prefix(b",")? {
        b"-" => None,
        field => match leading_count(field)? {
            (taken, []) => Some(taken),
            _ => return None,
        },
    };
    Some(BranchRecord {
        line: LineNumber::try_from(line).ok().filter(|&line| line > 0)?,
        block: u32::try_from(block).ok()?,
        branch: BranchId::Number(u32::try_from(branch).ok()?),
        taken,
        order,
    })
}

/// `LF:`, `LH:`, `FNF:`, `FNH:`, `BRF:` and `BRH:`: kept only to compare.
fn read_stated(value: &str, slot: &mut Option<u64>) -> Result<(), RecordProblem> {
    *slot = Some(count_field(value, "summary count")?);
    Ok(())
}

/// Ends a record: its `FNDA` hits go to the functions of the file, and the file keeps the
/// summary of its first record.
fn close_record<'text>(
    record: OpenRecord<'text>,
    files: &mut [FileRecords<'text>],
    warnings: &mut TracefileWarnings,
    closed_files: &mut dyn ClosedFiles<'text>,
) {
    let Some(file) = files.get_mut(record.file) else {
        return;
    };
    for pending in record.pending_hits {
        match file.function_by_name.get(pending.name) {
            Some(&index) => {
                if let Some(function) = file.functions.get_mut(index) {
                    function.hits = function.hits.saturating_add(pending.hits);
                }
            }
            None => {
                let (path, name, at) = (file.path, pending.name, pending.tracefile_line);
                warnings.functions_without_definition.note(|| {
                    let name = quoted_function_name(name);
                    format!("line {at}: `FNDA` for {name}, which no `FN` of {path} defines")
                });
            }
        }
    }
    if file.records == 0 {
        file.stated = record.stated;
    }
    file.records += 1;
    closed_files.record_closed(file, warnings);
}

/// The counted figures of one file, before they become the model's.
struct CountedFile {
    lines: Tally,
    /// One per function name, as lcov's summary counts.
    functions: Tally,
    /// One per start line, as lcov 2.x writes `FNF`/`FNH` (a line's aliases together).
    function_locations: Tally,
    branches: Tally,
}

fn build_report(
    files: Vec<FileRecords>,
    mut warnings: TracefileWarnings,
) -> ParseOutcome<CoverageReport> {
    let facts = files
        .iter()
        .map(RecordKindsPresent::of_file)
        .fold(RecordKindsPresent::default(), RecordKindsPresent::with)
        .report_facts();
    let mut converted = Vec::with_capacity(files.len());
    for file in files {
        converted.extend(convert_file_with_lines(file, &facts, &mut warnings));
    }
    let totals = converted.iter().map(|file| file.counts).reduce(Add::add);
    report_outcome(facts, converted, totals, &warnings)
}

/// The report of `files`, or the failure of a tracefile with no `DA` record at all (no
/// `totals`, as no file was kept).
fn report_outcome(
    facts: ReportFacts,
    files: Vec<FileCoverage>,
    totals: Option<Counts>,
    warnings: &TracefileWarnings,
) -> ParseOutcome<CoverageReport> {
    let Some(totals) = totals else {
        return ParseOutcome::failure(
            "no record of the tracefile has a `DA:` (line) record, so there is nothing to show; lcov itself finds no valid records in such a file",
        );
    };
    let total_coverage = facts.headline_figure(&totals);
    let report = CoverageReport {
        facts,
        files,
        totals,
        total_coverage,
        stated_total_figures: Vec::new(),
    };
    ParseOutcome::success(report, describe_warnings(warnings))
}

/// Which kinds of records a report's files hold: a report with functions counts them in
/// every file (0 of 0 where a file has none), and likewise branches.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
struct RecordKindsPresent {
    functions: bool,
    branches: bool,
}

impl RecordKindsPresent {
    fn of_file(file: &FileRecords<'_>) -> Self {
        RecordKindsPresent {
            functions: !file.functions.is_empty(),
            branches: !file.branches.is_empty(),
        }
    }

    fn with(self, other: RecordKindsPresent) -> Self {
        RecordKindsPresent {
            functions: self.functions || other.functions,
            branches: self.branches || other.branches,
        }
    }

    fn report_facts(self) -> ReportFacts {
        ReportFacts {
            has_branches: self.branches,
            has_regions: self.functions,
            ..ReportFacts::of_format(CoverageFormat::Lcov)
        }
    }
}

/// The kinds of records a tracefile's tags suggest, before any record is read: a line
/// that starts with `FN:` or `FNA:` suggests functions, one with `BRDA:` branches. The
/// records decide (a record may be unreadable, a branch unreachable); this only lets the
/// files be converted as they are read, and is checked against the records at the end.
fn facts_suggested_by_tags(text: &str) -> RecordKindsPresent {
    let has_line_starting_with = |tag: &str| {
        text.starts_with(tag)
            || memchr::memmem::find(text.as_bytes(), format!("\n{tag}").as_bytes()).is_some()
    };
    RecordKindsPresent {
        functions: has_line_starting_with("FN:") || has_line_starting_with("FNA:"),
        branches: has_line_starting_with("BRDA:"),
    }
}

/// What the reading of a tracefile does with a file each time one of its records ends.
trait ClosedFiles<'text> {
    /// A record of `file` ended; its function hits are counted in.
    fn record_closed(&mut self, file: &mut FileRecords<'text>, warnings: &mut TracefileWarnings);

    /// Whether reading goes on when a record names a file an earlier record named.
    fn goes_on_when_named_again(&mut self) -> bool;
}

/// The whole-report parse keeps every file's records until the end, where the report's
/// facts are known.
struct KeptWhole;

impl<'text> ClosedFiles<'text> for KeptWhole {
    fn record_closed(&mut self, _file: &mut FileRecords<'text>, _warnings: &mut TracefileWarnings) {
    }

    fn goes_on_when_named_again(&mut self) -> bool {
        true
    }
}

/// The file-by-file parse converts each file when its record ends, with the facts its
/// tags suggest, and hands it to the sink; it stops at a file named again, whose first
/// record is already passed on.
struct StreamedFiles<'sink> {
    sink: &'sink mut dyn ReportFileSink,
    suggested: RecordKindsPresent,
    facts: ReportFacts,
    /// The kinds the records read so far hold.
    present: RecordKindsPresent,
    totals: Option<Counts>,
    named_again: bool,
}

impl<'sink> StreamedFiles<'sink> {
    fn new(sink: &'sink mut dyn ReportFileSink, suggested: RecordKindsPresent) -> Self {
        let facts = suggested.report_facts();
        sink.begin(&facts, None);
        StreamedFiles {
            sink,
            suggested,
            facts,
            present: RecordKindsPresent::default(),
            totals: None,
            named_again: false,
        }
    }

    /// The report without its files once the whole tracefile is `read`, or `None` when it
    /// must be read again whole: a file was named again, or the records hold other kinds
    /// than the tags suggested, so the files passed on were converted with the wrong facts.
    fn report_shell(&self, read: &TracefileRead<'_>) -> Option<ParseOutcome<CoverageReport>> {
        if self.named_again || self.present != self.suggested {
            return None;
        }
        Some(report_outcome(
            self.facts.clone(),
            Vec::new(),
            self.totals,
            &read.warnings,
        ))
    }
}

impl<'text> ClosedFiles<'text> for StreamedFiles<'_> {
    fn record_closed(&mut self, file: &mut FileRecords<'text>, warnings: &mut TracefileWarnings) {
        // The file's place stays, emptied, so a second record naming it is noticed.
        let file = std::mem::replace(file, FileRecords::new(file.path));
        self.present = self.present.with(RecordKindsPresent::of_file(&file));
        if let Some(converted) = convert_file_with_lines(file, &self.facts, warnings) {
            self.totals = Some(match self.totals {
                Some(totals) => totals + converted.counts,
                None => converted.counts,
            });
            self.sink.add_file(converted);
        }
    }

    fn goes_on_when_named_again(&mut self) -> bool {
        self.named_again = true;
        false
    }
}

/// A file's coverage, or `None` with a warning for a file without any `DA` line, which
/// lcov's reader drops.
fn convert_file_with_lines(
    file: FileRecords<'_>,
    facts: &ReportFacts,
    warnings: &mut TracefileWarnings,
) -> Option<FileCoverage> {
    if file.lines.is_empty() {
        let path = file.path;
        warnings.files_without_lines.note(|| format!("`{path}`"));
        return None;
    }
    Some(convert_file(file, facts, warnings))
}

fn convert_file(
    mut file: FileRecords<'_>,
    facts: &ReportFacts,
    warnings: &mut TracefileWarnings,
) -> FileCoverage {
    let lines = merge_lines(std::mem::take(&mut file.lines));
    let branch_outcomes = merge_branches(std::mem::take(&mut file.branches));
    let counted = CountedFile {
        lines: Tally::new(
            lines.iter().filter(|record| record.hits > 0).count() as u64,
            lines.len() as u64,
        ),
        functions: Tally::new(
            file.functions
                .iter()
                .filter(|function| function.hits > 0)
                .count() as u64,
            file.functions.len() as u64,
        ),
        function_locations: count_function_locations(&file.functions),
        branches: Tally::new(
            branch_outcomes
                .iter()
                .filter(|outcome| outcome.taken.is_some_and(|taken| taken > 0))
                .count() as u64,
            branch_outcomes.len() as u64,
        ),
    };
    if file.records == 1 {
        compare_summaries(&file, &counted, warnings);
    }
    let mut metrics = MetricCounts::default().with(Metric::Lines, counted.lines);
    if facts.has_regions {
        metrics.set(Metric::Functions, counted.functions);
    }
    if facts.has_branches {
        metrics.set(Metric::Branches, counted.branches);
    }
    let counts = Counts::Metrics(metrics);
    let regions = function_regions(&file.functions, &lines, facts);
    let mut executed_lines = Vec::new();
    let mut executed_line_hits = Vec::new();
    let mut missing_lines = Vec::new();
    for record in &lines {
        if record.hits > 0 {
            executed_lines.push(record.line);
            executed_line_hits.push(record.hits);
        } else {
            missing_lines.push(record.line);
        }
    }
    FileCoverage {
        coverage: facts.headline_figure(&counts),
        counts,
        executed_lines,
        executed_line_hits,
        missing_lines,
        has_line_lists: true,
        branch_outcomes,
        regions,
        ..FileCoverage::empty(file.path.to_string())
    }
}

/// Functions counted once per start line, hit when any name at that line was entered.
fn count_function_locations(functions: &[FunctionRecord<'_>]) -> Tally {
    let mut locations: Vec<(LineNumber, bool)> = functions
        .iter()
        .map(|function| (function.start_line, function.hits > 0))
        .collect();
    sort_stably(&mut locations, &|left, right| left.0.cmp(&right.0));
    let mut tally = Tally::default();
    for group in locations.chunk_by(|left, right| left.0 == right.0) {
        tally = tally + Tally::new(u64::from(group.iter().any(|&(_, hit)| hit)), 1);
    }
    tally
}

/// Sorts the `DA` records by line and sums the hits of a line listed more than once.
fn merge_lines(mut lines: Vec<LineRecord>) -> Vec<LineRecord> {
    sort_stably(&mut lines, &|left, right| left.line.cmp(&right.line));
    let mut merged: Vec<LineRecord> = Vec::with_capacity(lines.len());
    for record in lines {
        match merged.last_mut() {
            Some(last) if last.line == record.line => {
                last.hits = last.hits.saturating_add(record.hits)
            }
            _ => merged.push(record),
        }
    }
    merged
}

/// Merges outcomes written more than once (the same line, block and branch) by summing
/// what was taken (`-` stays `-` only when every copy says `-`), and numbers them: a
/// numeric branch keeps its number, an expression branch gets its place among its block's
/// outcomes in the order they were first read, as lcov 2.x numbers them.
fn merge_branches(mut branches: Vec<BranchRecord<'_>>) -> Vec<BranchOutcome> {
    sort_stably(&mut branches, &|left, right| {
        (left.line, left.block, left.branch).cmp(&(right.line, right.block, right.branch))
    });
    let mut merged: Vec<BranchRecord> = Vec::with_capacity(branches.len());
    for record in branches {
        match merged.last_mut() {
            Some(last)
                if (last.line, last.block, last.branch)
                    == (record.line, record.block, record.branch) =>
            {
                last.taken = match (last.taken, record.taken) {
                    (Some(left), Some(right)) => Some(left.saturating_add(right)),
                    (left, right) => left.or(right),
                };
                last.order = last.order.min(record.order);
            }
            _ => merged.push(record),
        }
    }
    let mut outcomes = Vec::with_capacity(merged.len());
    for group in
        merged.chunk_by_mut(|left, right| (left.line, left.block) == (right.line, right.block))
    {
        let all_numbered = group
            .iter()
            .all(|record| matches!(record.branch, BranchId::Number(_)));
        if !all_numbered {
            sort_stably(group, &|left, right| left.order.cmp(&right.order));
        }
        for (place, record) in group.iter().enumerate() {
            let branch = match record.branch {
                BranchId::Number(number) if all_numbered => number,
                _ => u32::try_from(place).unwrap_or(u32::MAX),
            };
            outcomes.push(BranchOutcome {
                line: record.line,
                block: record.block,
                branch,
                taken: record.taken,
                span: None,
            });
        }
    }
    // Each group's outcomes are numbered in order, and the groups follow the sort above.
    outcomes
}

/// One region per function name, by start line. A function whose end line is written
/// (lcov 2.x, coverage.py) also counts the `DA` lines from its start to its end.
fn function_regions(
    functions: &[FunctionRecord<'_>],
    lines: &[LineRecord],
    facts: &ReportFacts,
) -> Vec<Region> {
    let mut functions = functions.to_vec();
    sort_stably(&mut functions, &|left, right| {
        left.start_line.cmp(&right.start_line)
    });
    // cargo-llvm-cov and grcov write Rust functions as mangled symbols; they are shown
    // demangled, and two symbols that read alike keep what tells them apart (lcov counts
    // them as two functions, and so do the figures).
    let symbols: Vec<&str> = functions.iter().map(|function| function.name).collect();
    let names = readable_symbols(&symbols);
    functions
        .iter()
        .zip(names)
        .map(|(function, name)| {
            let mut metrics = MetricCounts::default().with(
                Metric::Functions,
                Tally::new(u64::from(function.hits > 0), 1),
            );
            let mut headline = metrics.get(Metric::Functions).unwrap_or_default();
            if let Some(end_line) = function.end_line {
                let first = lines.partition_point(|record| record.line < function.start_line);
                let after = lines.partition_point(|record| record.line <= end_line);
                let inside = lines.get(first..after.max(first)).unwrap_or(&[]);
                let tally = Tally::new(
                    inside.iter().filter(|record| record.hits > 0).count() as u64,
                    inside.len() as u64,
                );
                metrics.set(Metric::Lines, tally);
                headline = tally;
            }
            Region {
                kind: RegionKind::Function,
                name,
                start_line: Some(function.start_line),
                end_line: function.end_line,
                counts: Counts::Metrics(metrics),
                coverage: facts.percent_rule().figure(headline),
                stated_figures: Vec::new(),
                hits: Some(function.hits),
            }
        })
        .collect()
}

/// Notes where a record's summary lines disagree with its counted records.
fn compare_summaries(
    file: &FileRecords<'_>,
    counted: &CountedFile,
    warnings: &mut TracefileWarnings,
) {
    let stated = file.stated;
    let path = file.path;
    let agrees = |found: Option<u64>, hit: Option<u64>, tally: Tally| {
        found.is_none_or(|found| found == tally.total) && hit.is_none_or(|hit| hit == tally.covered)
    };
    let note = |warning: &mut GatheredWarning,
                found: (&str, Option<u64>),
                hit: (&str, Option<u64>),
                record: &str,
                tally: Tally| {
        let stated_text = [found, hit]
            .into_iter()
            .filter_map(|(tag, value)| value.map(|value| format!("{tag}:{value}")))
            .collect::<Vec<_>>()
            .join(" ");
        warning.note(|| {
            format!(
                "`{path}` says {stated_text}, its {record} records give {} of {}",
                tally.covered, tally.total
            )
        });
    };
    if !agrees(stated.lines_found, stated.lines_hit, counted.lines) {
        note(
            &mut warnings.line_summaries_disagree,
            ("LF", stated.lines_found),
            ("LH", stated.lines_hit),
            "DA",
            counted.lines,
        );
    }
    if !agrees(stated.branches_found, stated.branches_hit, counted.branches) {
        note(
            &mut warnings.branch_summaries_disagree,
            ("BRF", stated.branches_found),
            ("BRH", stated.branches_hit),
            "BRDA",
            counted.branches,
        );
    }
    let functions_stated = (stated.functions_found, stated.functions_hit);
    if !agrees(functions_stated.0, functions_stated.1, counted.functions) {
        // lcov 2.x (and llvm-cov) write FNF/FNH once per start line: such a file names
        // several functions at one line, which is not a disagreement but worth saying.
        let warning = if agrees(
            functions_stated.0,
            functions_stated.1,
            counted.function_locations,
        ) {
            &mut warnings.functions_sharing_a_line
        } else {
            &mut warnings.function_summaries_disagree
        };
        note(
            warning,
            ("FNF", stated.functions_found),
            ("FNH", stated.functions_hit),
            "function",
            counted.functions,
        );
    }
}

fn describe_warnings(warnings: &TracefileWarnings) -> Vec<Diagnostic> {
    let files_are = |count: usize| {
        if count == 1 {
            "1 file's".to_string()
        } else {
            format!("{count} files'")
        }
    };
    let texts = [
        warnings.unreadable_records.describe(|count| {
            let unit = SkippedUnit {
                noun: Noun::new("record", "records"),
                read_as: "",
            };
            skipped_text(count, unit, warnings.last_line_cut)
        }),
        warnings.unclosed_records.describe(|count| {
            format!(
                "{} no end_of_record; {} kept as read",
                counted(count, Noun::new("record has", "records have")),
                if count == 1 { "its data is" } else { "their data are" }
            )
        }),
        warnings.empty_paths.describe(|count| {
            format!("{} an empty path and {} skipped", counted(count, Noun::new("record has", "records have")), if count == 1 { "was" } else { "were" })
        }),
        warnings.records_outside_a_file.describe(|count| {
            format!("{} outside any `SF:` record {} ignored", counted(count, Noun::new("line", "lines")), if count == 1 { "was" } else { "were" })
        }),
        warnings.unknown_records.describe(|count| {
            format!("{} of a kind LCOV does not define {} skipped", counted(count, Noun::new("record", "records")), if count == 1 { "was" } else { "were" })
        }),
        warnings.mcdc_records.describe(|count| {
            format!("{} (MC/DC conditions, lcov 2.3+) {} not shown: Covscope shows lines, functions and branches", counted(count, Noun::new("MCDC record", "MCDC records")), if count == 1 { "is" } else { "are" })
        }),
        warnings.files_without_lines.describe(|count| {
            format!("{} no `DA:` line records and {} left out, as lcov leaves such files out of its figures", counted(count, Noun::new("file has", "files have")), if count == 1 { "is" } else { "are" })
        }),
        warnings.functions_defined_twice.describe(|count| {
            format!("{} defined at two different lines of one file; lcov counts such a name as one function, at its first line, and so does Covscope", counted(count, Noun::new("function name is", "function names are")))
        }),
        warnings.functions_without_definition.describe(|count| {
            format!("{} a function that is not defined in its file, so {} not counted, as lcov does not count {}", counted(count, Noun::new("hit record names", "hit records name")), if count == 1 { "it is" } else { "they are" }, if count == 1 { "it" } else { "them" })
        }),
        warnings.line_summaries_disagree.describe(|count| {
            format!("{} LF/LH summary disagrees with the DA records; the figures count the DA records, as lcov --summary and genhtml do", files_are(count))
        }),
        warnings.function_summaries_disagree.describe(|count| {
            format!("{} FNF/FNH summary disagrees with the function records; the figures count one function per name, as lcov --summary and genhtml do", files_are(count))
        }),
        warnings.functions_sharing_a_line.describe(|count| {
            format!("{} several function names at one line (one per template or generic instantiation, or per test binary) and an FNF/FNH summary that counts each line once; the figures count every name, as lcov --summary and genhtml do", counted(count, Noun::new("file has", "files have")))
        }),
        warnings.branch_summaries_disagree.describe(|count| {
            format!("{} BRF/BRH summary disagrees with the BRDA records; the figures count the BRDA records, as lcov --summary and genhtml do", files_are(count))
        }),
    ];
    texts
        .into_iter()
        .flatten()
        .map(Diagnostic::warning)
        .collect()
}
