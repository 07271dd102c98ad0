//! Reads `llvm-cov export` JSON (`cargo llvm-cov --json`, export format 2.x and 3.x, full or
//! `-summary-only`) into the model, in llvm-cov's own terms: regions, functions, lines and
//! branches with the figures of `llvm-cov report`.
//!
//! Refs: LLVM `llvm/tools/llvm-cov/CoverageExporterJson.cpp` (the format, 2.0.1 to 3.1.0),
//! `CoverageSummaryInfo.{h,cpp}` and `CoverageReport.cpp` (what the report table counts and
//! prints), `llvm/lib/ProfileData/Coverage/CoverageMapping.cpp` (line coverage, segments,
//! instantiation groups). The serde types below mirror that output and stay private here.
//!
//! What comes from where:
//! - The table's figures are each file's `summary` and the export's `totals`, as llvm-cov
//!   wrote them. The table shows de-duplicated functions (`functions`), never
//!   `instantiations`, and no MC/DC column unless asked, so neither becomes a metric here.
//! - Per-line data (run and missed lines with hit counts) is derived from the file's
//!   `segments` the way llvm-cov's line coverage does, which is exactly what its lcov export
//!   writes as `DA` records. It cannot always agree with the summary's `lines`: llvm-cov adds
//!   up lines per function, so a line shared by a function and a closure or lambda inside it
//!   counts once in the derived list and once per function in the summary (semver's
//!   display.rs: 119 derived lines, 121 in the summary). The summary stays the figure shown.
//! - Functions become regions, one per instantiation group (the functions llvm-cov's table
//!   counts), with the group's regions and lines merged as llvm-cov merges them (the best
//!   instantiation's count of each) and its hits summed. Their lines come from segments built
//!   from the function's own regions, as `llvm-cov report -show-functions` counts them.
//!   Branch counts per function are not given: LLVM 20 and later fold constant branch sides
//!   without marking them in the JSON, so they cannot be told exactly.
//! - Branches become `branch_outcomes`: true (0) and false (1) per branch point, with spans.
//!   A branch inside a macro is placed on the line where the macro is used, as llvm-cov's
//!   lcov export places it. The same branch listed once per instantiation is merged, hits
//!   summed (lcov's merge rule, llvm-cov's `-unify-instances`); the summary's branch figure
//!   instead takes each function's best instantiation, so the two can differ.
mod line_coverage;

use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use self::line_coverage::{
    build_segments, CountedRegion, LineTally, LineWalker, MappedLines,
    RegionKind as LlvmRegionKind, Segment,
};
use super::json_diagnostics::{
    quote, read_json_document, GatheredWarnings, InputProgress, InputText, PlausibleCount,
};
use crate::core::model::{
    BranchOutcome, Counts, CoverageFigure, CoverageFormat, CoverageReport, FileCoverage,
    LineNumber, Metric, MetricCounts, MetricFigure, Percent, Region, RegionKind, ReportFacts,
    SourcePosition, SourceSpan, Tally,
};
use crate::core::text::{decode_utf8_text, nouns, readable_symbol, Diagnostic, ParseOutcome};

/// Parses the bytes of an `llvm-cov export` JSON file, calling `on_progress` about every MiB
/// (at file names and function names, so one huge file is one step) and last with the length.
pub fn parse_llvm_cov_json(
    bytes: &[u8],
    on_progress: &mut dyn FnMut(usize),
) -> ParseOutcome<CoverageReport> {
    let progress = InputProgress::new(bytes, on_progress);
    let outcome = match decode_utf8_text(bytes) {
        Ok(text) => parse_text(text, bytes.len(), &progress),
        Err(problem) => ParseOutcome::failure(problem.describe()),
    };
    progress.finish();
    outcome
}

/// The type every llvm-cov export names itself with.
const EXPORT_TYPE: &str = "llvm.coverage.json.export";

/// The export format versions Covscope knows, by their major number.
const KNOWN_MAJOR_VERSIONS: [&str; 2] = ["2", "3"];

/// LLVM keeps line numbers in 32 bits, as the model does.
const LARGEST_LINE_NUMBER: LineNumber = LineNumber::MAX;

/// How many lines the parser lists at most, whatever the input: a million, plus sixteen
/// per byte of input. Real exports list one line per few hundred bytes; a segment that
/// wraps over a billion lines cannot make the parser list them.
fn listed_line_budget(input_length: usize) -> u64 {
    (1u64 << 20).saturating_add((input_length as u64).saturating_mul(16))
}

fn parse_text(
    text: &str,
    input_length: usize,
    progress: &InputProgress<'_>,
) -> ParseOutcome<CoverageReport> {
    let read = read_json_document(text, || ExportSeed {
        progress,
        listed_line_budget: listed_line_budget(input_length),
    });
    match read {
        Ok(export) => convert_export(export),
        Err(message) => ParseOutcome::failure(message),
    }
}

/// A tally as llvm-cov writes it in a summary.
#[derive(Deserialize)]
struct JsonTally {
    count: PlausibleCount,
    covered: PlausibleCount,
    notcovered: Option<PlausibleCount>,
    percent: Option<f64>,
}

/// A file's or an export's `summary`/`totals`. `instantiations` and `mcdc` are read so a
/// wrong value is still named, but the report table shows neither.
#[derive(Deserialize)]
struct JsonSummary {
    lines: Option<JsonTally>,
    functions: Option<JsonTally>,
    regions: Option<JsonTally>,
    branches: Option<JsonTally>,
    #[serde(rename = "instantiations")]
    _instantiations: Option<JsonTally>,
    #[serde(rename = "mcdc")]
    _mcdc: Option<JsonTally>,
}

/// `cargo_llvm_cov`, the block cargo-llvm-cov adds (0.5.23 and later).
#[derive(Deserialize)]
struct JsonCargoLlvmCov {
    version: Option<String>,
}

/// One metric of the report table and where it is in a summary.
struct SummaryMetric {
    metric: Metric,
    key: &'static str,
    tally_of: fn(&JsonSummary) -> Option<&JsonTally>,
}

/// The metrics of the report table, in its order.
const SUMMARY_METRICS: [SummaryMetric; 4] = [
    SummaryMetric {
        metric: Metric::Regions,
        key: "regions",
        tally_of: |summary| summary.regions.as_ref(),
    },
    SummaryMetric {
        metric: Metric::Functions,
        key: "functions",
        tally_of: |summary| summary.functions.as_ref(),
    },
    SummaryMetric {
        metric: Metric::Lines,
        key: "lines",
        tally_of: |summary| summary.lines.as_ref(),
    },
    SummaryMetric {
        metric: Metric::Branches,
        key: "branches",
        tally_of: |summary| summary.branches.as_ref(),
    },
];

/// Metrics every version of the export has; branches came with LLVM 12.
const REQUIRED_METRICS: [Metric; 3] = [Metric::Regions, Metric::Functions, Metric::Lines];

/// Everything read from the document, before it becomes the model.
struct ReadExport<'de> {
    type_name: Option<String>,
    version: Option<String>,
    cargo_llvm_cov_version: Option<String>,
    export_count: usize,
    files: Vec<ReadFile>,
    functions: Vec<ReadFunction<'de>>,
    totals: Vec<(String, JsonSummary)>,
}

/// One entry of `files`.
struct ReadFile {
    /// `data[0].files[3]`, for messages.
    place: String,
    filename: Option<String>,
    summary: Option<JsonSummary>,
    lines: FileLines,
    branches: Vec<BranchRecord>,
}

/// The per-line data derived from a file's segments.
enum FileLines {
    /// A `-summary-only` export: no segments.
    Absent,
    Listed(LineLists),
    /// The segments could not be walked; the file keeps its figures, not its lines.
    Dropped(LineProblem),
}

#[derive(Debug, Default)]
struct LineLists {
    executed: Vec<LineNumber>,
    hits: Vec<u64>,
    missing: Vec<LineNumber>,
}

#[derive(Clone, Copy, Debug)]
enum LineProblem {
    OutOfOrder { segment: usize },
    TooManyLines,
}

/// One branch point: its span, its true and false counts, and for a branch inside a macro
/// the place where the macro is used.
#[derive(Clone, Copy, Debug)]
struct BranchRecord {
    span: SourceSpan,
    true_count: u64,
    false_count: u64,
    expansion_site: Option<SourceSpan>,
}

/// One entry of `functions`, reduced to what an instantiation group needs.
struct ReadFunction<'de> {
    name: InputText<'de>,
    count: u64,
    /// The file the function is defined in (its main view file).
    main_file: InputText<'de>,
    /// Where its first region in that file starts: the key of its instantiation group.
    start: (LineNumber, u64),
    end_line: LineNumber,
    regions: Tally,
    lines: LineTally,
}

// ----- Reading -----------------------------------------------------------------------------

/// The top level: `{"data": [...], "type": "llvm.coverage.json.export", "version": "..."}`.
struct ExportSeed<'a, 'callback> {
    progress: &'a InputProgress<'callback>,
    listed_line_budget: u64,
}

impl<'de> DeserializeSeed<'de> for ExportSeed<'_, '_> {
    type Value = ReadExport<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

/// The keys llvm-cov and cargo-llvm-cov write at the top level; any other is skipped.
#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum TopLevelKey {
    Data,
    Type,
    Version,
    CargoLlvmCov,
    #[serde(other)]
    Other,
}

impl<'de> Visitor<'de> for ExportSeed<'_, '_> {
    type Value = ReadExport<'de>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("an llvm-cov export object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut reading = Reading {
            progress: self.progress,
            remaining_listed_lines: self.listed_line_budget,
            files: Vec::new(),
            functions: Vec::new(),
            totals: Vec::new(),
            export_count: 0,
        };
        let mut seen_data = false;
        let mut type_name = None;
        let mut version = None;
        let mut cargo_llvm_cov: Option<Option<JsonCargoLlvmCov>> = None;
        while let Some(key) = access.next_key::<TopLevelKey>()? {
            match key {
                TopLevelKey::Data if seen_data => return Err(de::Error::duplicate_field("data")),
                TopLevelKey::Data => {
                    seen_data = true;
                    access.next_value_seed(DataSeed {
                        reading: &mut reading,
                    })?;
                }
                TopLevelKey::Type if type_name.is_some() => {
                    return Err(de::Error::duplicate_field("type"))
                }
                TopLevelKey::Type => type_name = Some(access.next_value::<String>()?),
                TopLevelKey::Version if version.is_some() => {
                    return Err(de::Error::duplicate_field("version"))
                }
                TopLevelKey::Version => version = Some(access.next_value::<String>()?),
                TopLevelKey::CargoLlvmCov if cargo_llvm_cov.is_some() => {
                    return Err(de::Error::duplicate_field("cargo_llvm_cov"))
                }
                TopLevelKey::CargoLlvmCov => cargo_llvm_cov = Some(access.next_value()?),
                TopLevelKey::Other => {
                    access.next_value::<IgnoredAny>()?;
                }
            }
        }
        if !seen_data {
            return Err(de::Error::missing_field("data"));
        }
        Ok(ReadExport {
            type_name,
            version,
            cargo_llvm_cov_version: cargo_llvm_cov.flatten().and_then(|block| block.version),
            export_count: reading.export_count,
            files: reading.files,
            functions: reading.functions,
            totals: reading.totals,
        })
    }
}

/// What the seeds below fill in as they read.
struct Reading<'de, 'a, 'callback> {
    progress: &'a InputProgress<'callback>,
    remaining_listed_lines: u64,
    files: Vec<ReadFile>,
    functions: Vec<ReadFunction<'de>>,
    totals: Vec<(String, JsonSummary)>,
    export_count: usize,
}

/// `data`: the list of exports (llvm-cov always writes one).
struct DataSeed<'r, 'de, 'a, 'callback> {
    reading: &'r mut Reading<'de, 'a, 'callback>,
}

impl<'de> DeserializeSeed<'de> for DataSeed<'_, 'de, '_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for DataSeed<'_, 'de, '_, '_> {
    type Value = ();

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a list of exports")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<(), A::Error> {
        loop {
            let export = self.reading.export_count;
            let seed = ExportObjectSeed {
                reading: &mut *self.reading,
                export,
            };
            if access.next_element_seed(seed)?.is_none() {
                return Ok(());
            }
            self.reading.export_count += 1;
        }
    }
}

/// One export: `{"files": [...], "functions": [...], "totals": {...}}`.
struct ExportObjectSeed<'r, 'de, 'a, 'callback> {
    reading: &'r mut Reading<'de, 'a, 'callback>,
    export: usize,
}

#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum ExportKey {
    Files,
    Functions,
    Totals,
    #[serde(other)]
    Other,
}

impl<'de> DeserializeSeed<'de> for ExportObjectSeed<'_, 'de, '_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ExportObjectSeed<'_, 'de, '_, '_> {
    type Value = ();

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("an export object with files, functions and totals")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<(), A::Error> {
        let mut seen_files = false;
        let mut seen_functions = false;
        let mut totals: Option<JsonSummary> = None;
        while let Some(key) = access.next_key::<ExportKey>()? {
            match key {
                ExportKey::Files if seen_files => return Err(de::Error::duplicate_field("files")),
                ExportKey::Files => {
                    seen_files = true;
                    access.next_value_seed(FilesSeed {
                        reading: &mut *self.reading,
                        export: self.export,
                    })?;
                }
                ExportKey::Functions if seen_functions => {
                    return Err(de::Error::duplicate_field("functions"))
                }
                ExportKey::Functions => {
                    seen_functions = true;
                    access.next_value_seed(FunctionsSeed {
                        reading: &mut *self.reading,
                    })?;
                }
                ExportKey::Totals if totals.is_some() => {
                    return Err(de::Error::duplicate_field("totals"))
                }
                ExportKey::Totals => {
                    totals = Some(access.next_value()?);
                }
                ExportKey::Other => {
                    access.next_value::<IgnoredAny>()?;
                }
            }
        }
        if !seen_files {
            return Err(de::Error::missing_field("files"));
        }
        let Some(totals) = totals else {
            return Err(de::Error::missing_field("totals"));
        };
        self.reading
            .totals
            .push((format!("data[{}].totals", self.export), totals));
        Ok(())
    }
}

/// `files`: each file is read and its segments walked as they stream past.
struct FilesSeed<'r, 'de, 'a, 'callback> {
    reading: &'r mut Reading<'de, 'a, 'callback>,
    export: usize,
}

impl<'de> DeserializeSeed<'de> for FilesSeed<'_, 'de, '_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for FilesSeed<'_, 'de, '_, '_> {
    type Value = ();

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a list of files")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<(), A::Error> {
        let mut index = 0usize;
        loop {
            let seed = FileSeed {
                reading: &mut *self.reading,
                place: format!("data[{}].files[{index}]", self.export),
            };
            match access.next_element_seed(seed)? {
                Some(file) => self.reading.files.push(file),
                None => return Ok(()),
            }
            index += 1;
        }
    }
}

struct FileSeed<'r, 'de, 'a, 'callback> {
    reading: &'r mut Reading<'de, 'a, 'callback>,
    place: String,
}

#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum FileKey {
    Filename,
    Summary,
    Segments,
    Branches,
    Expansions,
    #[serde(other)]
    Other,
}

impl<'de> DeserializeSeed<'de> for FileSeed<'_, 'de, '_, '_> {
    type Value = ReadFile;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<ReadFile, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for FileSeed<'_, 'de, '_, '_> {
    type Value = ReadFile;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a file object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<ReadFile, A::Error> {
        let mut file = ReadFile {
            place: self.place,
            filename: None,
            summary: None,
            lines: FileLines::Absent,
            branches: Vec::new(),
        };
        let mut seen_segments = false;
        let mut seen_branches = false;
        let mut seen_expansions = false;
        while let Some(key) = access.next_key::<FileKey>()? {
            match key {
                FileKey::Filename if file.filename.is_some() => {
                    return Err(de::Error::duplicate_field("filename"))
                }
                FileKey::Filename => {
                    let name: InputText = access.next_value()?;
                    self.reading.progress.at_text(&name.0);
                    file.filename = Some(name.0.into_owned());
                }
                FileKey::Summary if file.summary.is_some() => {
                    return Err(de::Error::duplicate_field("summary"))
                }
                FileKey::Summary => {
                    file.summary = Some(access.next_value()?);
                }
                FileKey::Segments if seen_segments => {
                    return Err(de::Error::duplicate_field("segments"))
                }
                FileKey::Segments => {
                    seen_segments = true;
                    file.lines = access.next_value_seed(SegmentsSeed {
                        remaining_listed_lines: &mut self.reading.remaining_listed_lines,
                    })?;
                }
                FileKey::Branches if seen_branches => {
                    return Err(de::Error::duplicate_field("branches"))
                }
                FileKey::Branches => {
                    seen_branches = true;
                    access.next_value_seed(BranchesSeed {
                        into: &mut file.branches,
                        expansion_site: None,
                    })?;
                }
                FileKey::Expansions if seen_expansions => {
                    return Err(de::Error::duplicate_field("expansions"))
                }
                FileKey::Expansions => {
                    seen_expansions = true;
                    access.next_value_seed(ExpansionsSeed {
                        into: &mut file.branches,
                    })?;
                }
                FileKey::Other => {
                    access.next_value::<IgnoredAny>()?;
                }
            }
        }
        if file.filename.is_none() {
            return Err(de::Error::missing_field("filename"));
        }
        if file.summary.is_none() {
            return Err(de::Error::missing_field("summary"));
        }
        Ok(file)
    }
}

/// `segments`: walked one by one into the file's line lists, never kept.
struct SegmentsSeed<'r> {
    remaining_listed_lines: &'r mut u64,
}

impl<'de> DeserializeSeed<'de> for SegmentsSeed<'_> {
    type Value = FileLines;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<FileLines, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for SegmentsSeed<'_> {
    type Value = FileLines;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a list of segments")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<FileLines, A::Error> {
        let mut walker = LineWalker::default();
        let mut sink = ListingSink {
            lists: LineLists::default(),
            remaining: *self.remaining_listed_lines,
            exhausted: false,
        };
        let mut out_of_order = None;
        while let Some(segment) = access.next_element_seed(SegmentSeed)? {
            if out_of_order.is_none() {
                if let Err(problem) = walker.push(segment, &mut sink) {
                    out_of_order = Some(problem.index);
                }
            }
        }
        if let Some(segment) = out_of_order {
            return Ok(FileLines::Dropped(LineProblem::OutOfOrder { segment }));
        }
        walker.finish(&mut sink);
        if sink.exhausted {
            return Ok(FileLines::Dropped(LineProblem::TooManyLines));
        }
        *self.remaining_listed_lines = sink.remaining;
        Ok(FileLines::Listed(sink.lists))
    }
}

/// Lists mapped lines as run (with hits) or missed, within the line budget.
struct ListingSink {
    lists: LineLists,
    remaining: u64,
    exhausted: bool,
}

impl MappedLines for ListingSink {
    fn mapped(&mut self, first: LineNumber, last: LineNumber, count: u64) {
        let lines = u64::from(last.saturating_sub(first)).saturating_add(1);
        if self.exhausted || lines > self.remaining {
            self.exhausted = true;
            return;
        }
        self.remaining -= lines;
        for line in first..=last {
            if count > 0 {
                self.lists.executed.push(line);
                self.lists.hits.push(count);
            } else {
                self.lists.missing.push(line);
            }
        }
    }
}

/// Reads the next element of a fixed-layout array, naming its position when it is missing.
fn required_element<'de, A, T>(
    access: &mut A,
    position: usize,
    expecting: &dyn de::Expected,
) -> Result<T, A::Error>
where
    A: SeqAccess<'de>,
    T: Deserialize<'de>,
{
    access
        .next_element()?
        .ok_or_else(|| de::Error::invalid_length(position, expecting))
}

/// Skips what later versions may add at the end of a fixed-layout array.
fn skip_rest<'de, A: SeqAccess<'de>>(access: &mut A) -> Result<(), A::Error> {
    while access.next_element::<IgnoredAny>()?.is_some() {}
    Ok(())
}

/// A line number as the model holds it; LLVM's own limit is the model's, so nothing real is
/// refused and nothing is cut to fit.
fn check_line_number<E: de::Error>(line: u64) -> Result<LineNumber, E> {
    LineNumber::try_from(line).map_err(|_| {
        E::custom(format!(
            "has line {line}, beyond the largest line number llvm-cov writes ({LARGEST_LINE_NUMBER})"
        ))
    })
}

/// One segment: `[line, column, count, hasCount, isRegionEntry, isGapRegion]` (export 2.0.0
/// had no `isGapRegion`).
struct SegmentSeed;

impl<'de> DeserializeSeed<'de> for SegmentSeed {
    type Value = Segment;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Segment, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for SegmentSeed {
    type Value = Segment;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a segment [line, column, count, hasCount, isRegionEntry, isGapRegion]")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<Segment, A::Error> {
        let line = check_line_number(required_element(&mut access, 0, &self)?)?;
        let column = required_element(&mut access, 1, &self)?;
        let count = required_element(&mut access, 2, &self)?;
        let has_count = required_element(&mut access, 3, &self)?;
        let is_region_entry = required_element(&mut access, 4, &self)?;
        let is_gap_region = access.next_element::<bool>()?.unwrap_or(false);
        skip_rest(&mut access)?;
        Ok(Segment {
            line,
            column,
            count,
            has_count,
            is_region_entry,
            is_gap_region,
        })
    }
}

/// A `branches` list: `[lineStart, columnStart, lineEnd, columnEnd, trueCount, falseCount,
/// fileId, expandedFileId, kind]` each.
struct BranchesSeed<'r> {
    into: &'r mut Vec<BranchRecord>,
    expansion_site: Option<SourceSpan>,
}

impl<'de> DeserializeSeed<'de> for BranchesSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for BranchesSeed<'_> {
    type Value = ();

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a list of branches")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<(), A::Error> {
        while let Some((span, true_count, false_count)) = access.next_element_seed(BranchSeed)? {
            self.into.push(BranchRecord {
                span,
                true_count,
                false_count,
                expansion_site: self.expansion_site,
            });
        }
        Ok(())
    }
}

struct BranchSeed;

impl<'de> DeserializeSeed<'de> for BranchSeed {
    type Value = (SourceSpan, u64, u64);

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for BranchSeed {
    type Value = (SourceSpan, u64, u64);

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str(
            "a branch [lineStart, columnStart, lineEnd, columnEnd, trueCount, falseCount, ...]",
        )
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let span = read_span(&mut access, &self)?;
        let true_count = required_element(&mut access, 4, &self)?;
        let false_count = required_element(&mut access, 5, &self)?;
        skip_rest(&mut access)?;
        Ok((span, true_count, false_count))
    }
}

/// The first four numbers of a region or branch: where it starts and ends.
fn read_span<'de, A: SeqAccess<'de>>(
    access: &mut A,
    expecting: &dyn de::Expected,
) -> Result<SourceSpan, A::Error> {
    let start_line = check_line_number(required_element(access, 0, expecting)?)?;
    let start_column: u64 = required_element(access, 1, expecting)?;
    let end_line = check_line_number(required_element(access, 2, expecting)?)?;
    let end_column: u64 = required_element(access, 3, expecting)?;
    Ok(SourceSpan {
        start: SourcePosition {
            line: start_line,
            column: Some(u32::try_from(start_column).unwrap_or(u32::MAX)),
        },
        end: SourcePosition {
            line: end_line,
            column: Some(u32::try_from(end_column).unwrap_or(u32::MAX)),
        },
    })
}

/// `expansions`: for each macro use, where it is (`source_region`) and the branches inside
/// it, nested expansions included; the macro's own regions are not needed.
struct ExpansionsSeed<'r> {
    into: &'r mut Vec<BranchRecord>,
}

impl<'de> DeserializeSeed<'de> for ExpansionsSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for ExpansionsSeed<'_> {
    type Value = ();

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a list of expansions")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<(), A::Error> {
        while access
            .next_element_seed(ExpansionSeed {
                into: &mut *self.into,
            })?
            .is_some()
        {}
        Ok(())
    }
}

struct ExpansionSeed<'r> {
    into: &'r mut Vec<BranchRecord>,
}

#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum ExpansionKey {
    SourceRegion,
    Branches,
    #[serde(other)]
    Other,
}

impl<'de> DeserializeSeed<'de> for ExpansionSeed<'_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ExpansionSeed<'_> {
    type Value = ();

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("an expansion object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<(), A::Error> {
        // The branches may come before the place they belong to, so they are read aside.
        let mut site: Option<SourceSpan> = None;
        let mut branches: Option<Vec<BranchRecord>> = None;
        while let Some(key) = access.next_key::<ExpansionKey>()? {
            match key {
                ExpansionKey::SourceRegion if site.is_some() => {
                    return Err(de::Error::duplicate_field("source_region"))
                }
                ExpansionKey::SourceRegion => site = Some(access.next_value_seed(SpanSeed)?),
                ExpansionKey::Branches if branches.is_some() => {
                    return Err(de::Error::duplicate_field("branches"))
                }
                ExpansionKey::Branches => {
                    let mut read = Vec::new();
                    access.next_value_seed(BranchesSeed {
                        into: &mut read,
                        expansion_site: None,
                    })?;
                    branches = Some(read);
                }
                ExpansionKey::Other => {
                    access.next_value::<IgnoredAny>()?;
                }
            }
        }
        let Some(site) = site else {
            return Err(de::Error::missing_field("source_region"));
        };
        self.into.extend(
            branches
                .unwrap_or_default()
                .into_iter()
                .map(|branch| BranchRecord {
                    expansion_site: Some(site),
                    ..branch
                }),
        );
        Ok(())
    }
}

/// A region read only for its span.
struct SpanSeed;

impl<'de> DeserializeSeed<'de> for SpanSeed {
    type Value = SourceSpan;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<SourceSpan, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for SpanSeed {
    type Value = SourceSpan;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a region [lineStart, columnStart, lineEnd, columnEnd, ...]")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<SourceSpan, A::Error> {
        let span = read_span(&mut access, &self)?;
        skip_rest(&mut access)?;
        Ok(span)
    }
}

/// `functions`: each function is reduced as soon as it is read; its regions are not kept.
struct FunctionsSeed<'r, 'de, 'a, 'callback> {
    reading: &'r mut Reading<'de, 'a, 'callback>,
}

impl<'de> DeserializeSeed<'de> for FunctionsSeed<'_, 'de, '_, '_> {
    type Value = ();

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<(), D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for FunctionsSeed<'_, 'de, '_, '_> {
    type Value = ();

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a list of functions")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<(), A::Error> {
        while let Some(function) = access.next_element::<JsonFunction<'de>>()? {
            self.reading.progress.at_text(&function.name.0);
            if let Some(reduced) = reduce_function(function) {
                self.reading.functions.push(reduced);
            }
        }
        Ok(())
    }
}

/// One entry of `functions` (its `branches` and `mcdc_records` are skipped).
#[derive(Deserialize)]
struct JsonFunction<'input> {
    #[serde(borrow)]
    name: InputText<'input>,
    count: u64,
    regions: Vec<JsonRegion>,
    #[serde(borrow)]
    filenames: Vec<InputText<'input>>,
}

/// `[lineStart, columnStart, lineEnd, columnEnd, count, fileId, expandedFileId, kind]`.
struct JsonRegion {
    span: SourceSpan,
    count: u64,
    file_id: u64,
    expanded_file_id: u64,
    kind: u64,
}

impl<'de> Deserialize<'de> for JsonRegion {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_seq(JsonRegionVisitor)
    }
}

struct JsonRegionVisitor;

impl<'de> Visitor<'de> for JsonRegionVisitor {
    type Value = JsonRegion;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str(
            "a region [lineStart, columnStart, lineEnd, columnEnd, count, fileId, expandedFileId, kind]",
        )
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<JsonRegion, A::Error> {
        let span = read_span(&mut access, &self)?;
        let count = required_element(&mut access, 4, &self)?;
        let file_id = required_element(&mut access, 5, &self)?;
        let expanded_file_id = required_element(&mut access, 6, &self)?;
        let kind = required_element(&mut access, 7, &self)?;
        skip_rest(&mut access)?;
        Ok(JsonRegion {
            span,
            count,
            file_id,
            expanded_file_id,
            kind,
        })
    }
}

/// What llvm-cov's report takes from one function record: the file it is defined in (the
/// first of its files no expansion leads into), where its first region there starts, how
/// many code regions ran (in every file, as `sumRegions` counts them) and its lines (from
/// segments built out of its regions in its own file).
fn reduce_function(function: JsonFunction<'_>) -> Option<ReadFunction<'_>> {
    let JsonFunction {
        name,
        count,
        regions,
        filenames,
    } = function;
    let main_file_id = (0..filenames.len() as u64).find(|&file_id| {
        !regions.iter().any(|region| {
            LlvmRegionKind::from_number(region.kind) == Some(LlvmRegionKind::Expansion)
                && region.expanded_file_id == file_id
        })
    })?;
    let main_file = filenames
        .into_iter()
        .nth(usize::try_from(main_file_id).ok()?)?;
    let in_main_file = || {
        regions
            .iter()
            .filter(|region| region.file_id == main_file_id)
    };
    let first = in_main_file().next()?;
    let start = (
        first.span.start.line,
        u64::from(first.span.start.column.unwrap_or(0)),
    );
    let end_line = in_main_file()
        .map(|region| region.span.end.line)
        .max()
        .unwrap_or(start.0);
    let code_regions = regions
        .iter()
        .filter(|region| LlvmRegionKind::from_number(region.kind) == Some(LlvmRegionKind::Code));
    let region_tally = Tally::new(
        code_regions
            .clone()
            .filter(|region| region.count != 0)
            .count() as u64,
        code_regions.count() as u64,
    );
    let counted: Vec<CountedRegion> = in_main_file()
        .filter_map(|region| {
            Some(CountedRegion {
                start: position_of(region.span.start),
                end: position_of(region.span.end),
                count: region.count,
                kind: LlvmRegionKind::from_number(region.kind)?,
            })
        })
        .collect();
    let mut lines = LineTally::default();
    let mut walker = LineWalker::default();
    for segment in build_segments(counted) {
        // Built segments are sorted; an error here would be a bug, and the lines then
        // stay as counted so far.
        if walker.push(segment, &mut lines).is_err() {
            break;
        }
    }
    walker.finish(&mut lines);
    Some(ReadFunction {
        name,
        count,
        main_file,
        start,
        end_line,
        regions: region_tally,
        lines,
    })
}

fn position_of(position: SourcePosition) -> (LineNumber, u64) {
    (position.line, u64::from(position.column.unwrap_or(0)))
}

// ----- Converting --------------------------------------------------------------------------

/// Warnings gathered per place and reported once each.
#[derive(Default)]
struct RepeatedWarnings {
    percent_mismatches: GatheredWarnings,
    count_mismatches: GatheredWarnings,
    over_covered: GatheredWarnings,
    unordered_segments: GatheredWarnings,
    too_many_lines: GatheredWarnings,
}

fn convert_export(export: ReadExport<'_>) -> ParseOutcome<CoverageReport> {
    let mut warnings = Vec::new();
    match export.type_name.as_deref() {
        Some(EXPORT_TYPE) => {}
        Some(other) => {
            return ParseOutcome::failure(format!(
                "the file is JSON with \"data\" but its \"type\" is {}, not {}; it is not an llvm-cov export",
                quote(other),
                quote(EXPORT_TYPE)
            ))
        }
        None => {
            return ParseOutcome::failure(format!(
                "the file is JSON with \"data\" but no \"type\"; an llvm-cov export names itself {}",
                quote(EXPORT_TYPE)
            ))
        }
    }
    if export.export_count == 0 {
        return ParseOutcome::failure(
            "\"data\" is an empty list; an llvm-cov export always holds one export with its files and totals",
        );
    }
    if export.export_count > 1 {
        warnings.push(Diagnostic::warning(format!(
            "the file holds {} exports (llvm-cov writes one); their files and totals were added together",
            export.export_count
        )));
    }
    match export.version.as_deref() {
        None => warnings.push(Diagnostic::warning(
            "there is no \"version\"; the export was read as format 3.x",
        )),
        Some(version) => {
            let major = version.split('.').next().unwrap_or("");
            if !KNOWN_MAJOR_VERSIONS.contains(&major) {
                warnings.push(Diagnostic::warning(format!(
                    "export format version {} is not one Covscope knows (2.x, 3.x); it was read as 3.x",
                    quote(version)
                )));
            }
        }
    }
    let mut repeated = RepeatedWarnings::default();

    let mut files: Vec<FileCoverage> = Vec::with_capacity(export.files.len());
    let mut index_of_path: HashMap<String, usize> = HashMap::with_capacity(export.files.len());
    let mut repeated_paths: Vec<String> = Vec::new();
    for read in export.files {
        let converted = match convert_file(read, &mut repeated) {
            Ok(converted) => converted,
            Err(message) => return ParseOutcome::failure(message),
        };
        match index_of_path.get(&converted.path) {
            Some(&index) => {
                repeated_paths.push(converted.path.clone());
                let earlier =
                    std::mem::replace(&mut files[index], FileCoverage::empty(String::new()));
                files[index] = merge_repeated_file(earlier, converted);
            }
            None => {
                index_of_path.insert(converted.path.clone(), files.len());
                files.push(converted);
            }
        }
    }
    if let Some(first) = repeated_paths.first() {
        warnings.push(Diagnostic::warning(format!(
            "{} file {} listed more than once (first: {}); their figures were added and their lines merged, hits summed",
            repeated_paths.len(),
            if repeated_paths.len() == 1 { "is" } else { "are" },
            quote(first)
        )));
    }
    let has_regions = attach_functions(&mut files, &index_of_path, export.functions);

    let mut totals = MetricCounts::default();
    let mut stated_total_figures = Vec::new();
    let export_totals_count = export.totals.len();
    for (place, summary) in &export.totals {
        match summary_counts(summary, place, &mut repeated) {
            Ok((counts, stated)) => {
                totals = totals + counts;
                if export_totals_count == 1 {
                    stated_total_figures = stated;
                }
            }
            Err(message) => return ParseOutcome::failure(message),
        }
    }
    let summed: MetricCounts = files.iter().map(|file| file.counts.as_metrics()).sum();
    for SummaryMetric { metric, .. } in SUMMARY_METRICS {
        let (stated, added) = (totals.get(metric), summed.get(metric));
        if let (Some(stated), Some(added)) = (stated, added) {
            if stated != added {
                warnings.push(Diagnostic::warning(format!(
                    "the totals say {} of {} {} but the files add up to {} of {}; the totals are shown as written",
                    stated.covered,
                    stated.total,
                    metric.key(),
                    added.covered,
                    added.total
                )));
            }
        }
    }
    push_repeated_warnings(&mut warnings, &repeated);

    let facts = ReportFacts {
        format_version: export.version,
        tool_version: export
            .cargo_llvm_cov_version
            .map(|version| format!("cargo-llvm-cov {version}")),
        has_branches: totals.get(Metric::Branches).is_some(),
        has_regions,
        ..ReportFacts::of_format(CoverageFormat::LlvmCov)
    };
    let totals = Counts::Metrics(totals);
    let total_coverage = headline(&facts, &totals, &stated_total_figures);
    for file in &mut files {
        file.coverage = headline(&facts, &file.counts, &file.stated_figures);
        for region in &mut file.regions {
            region.coverage = facts.headline_figure(&region.counts);
        }
    }
    ParseOutcome::success(
        CoverageReport {
            facts,
            files,
            totals,
            total_coverage,
            stated_total_figures,
        },
        warnings,
    )
}

/// The headline (lines) figure: the stated one when there is one, else llvm-cov's rule.
fn headline(facts: &ReportFacts, counts: &Counts, stated: &[MetricFigure]) -> CoverageFigure {
    facts
        .metric_figure(counts, stated, Metric::Lines)
        .unwrap_or_else(|| facts.headline_figure(counts))
}

fn convert_file(read: ReadFile, repeated: &mut RepeatedWarnings) -> Result<FileCoverage, String> {
    let ReadFile {
        place,
        filename,
        summary,
        lines,
        branches,
    } = read;
    let path = filename.unwrap_or_default();
    let place = format!("{place} ({})", quote(&path));
    let Some(summary) = summary else {
        return Err(format!("{place} has no \"summary\""));
    };
    let (counts, stated_figures) = summary_counts(&summary, &format!("{place}.summary"), repeated)?;
    let mut file = FileCoverage {
        counts: Counts::Metrics(counts),
        stated_figures,
        branch_outcomes: branch_outcomes(branches),
        ..FileCoverage::empty(path)
    };
    match lines {
        FileLines::Absent => {}
        FileLines::Listed(lists) => {
            file.executed_lines = lists.executed;
            file.executed_line_hits = lists.hits;
            file.missing_lines = lists.missing;
            file.has_line_lists = true;
        }
        FileLines::Dropped(LineProblem::OutOfOrder { segment }) => repeated
            .unordered_segments
            .push(format!("{place}.segments[{segment}]")),
        FileLines::Dropped(LineProblem::TooManyLines) => repeated.too_many_lines.push(place),
    }
    Ok(file)
}

/// A summary's tallies and the percentages it states, checked against each other.
fn summary_counts(
    summary: &JsonSummary,
    place: &str,
    repeated: &mut RepeatedWarnings,
) -> Result<(MetricCounts, Vec<MetricFigure>), String> {
    let rule = CoverageFormat::LlvmCov.profile().percent_rule;
    let mut counts = MetricCounts::default();
    let mut stated = Vec::new();
    for SummaryMetric {
        metric,
        key,
        tally_of,
    } in SUMMARY_METRICS
    {
        let Some(json) = tally_of(summary) else {
            if REQUIRED_METRICS.contains(&metric) {
                return Err(format!(
                    "{place} has no \"{key}\", which every llvm-cov summary has"
                ));
            }
            continue;
        };
        let tally = Tally::new(json.covered.0, json.count.0);
        counts.set(metric, tally);
        if tally.covered > tally.total {
            repeated.over_covered.push(format!(
                "{place}.{key}: {} covered of {}",
                tally.covered, tally.total
            ));
        }
        if let Some(PlausibleCount(notcovered)) = json.notcovered {
            if notcovered != tally.missed() {
                repeated.count_mismatches.push(format!(
                    "{place}.{key}: notcovered is {notcovered} but {} of {} are covered",
                    tally.covered, tally.total
                ));
            }
        }
        // llvm-cov writes 0 for a metric with nothing to count and prints "-" in its table;
        // only a real percentage is kept as stated.
        if let Some(percent) = json.percent.filter(|_| tally.total > 0) {
            let computed = tally.covered as f64 / tally.total as f64 * 100.0;
            if (percent - computed).abs() > 1e-9 {
                repeated.percent_mismatches.push(format!(
                    "{place}.{key}: percent is {percent} but {} of {} is {computed}",
                    tally.covered, tally.total
                ));
            }
            stated.push(MetricFigure {
                metric,
                figure: CoverageFigure {
                    percent: Percent::new(percent),
                    display: if percent.is_finite() {
                        format!("{percent:.2}")
                    } else {
                        rule.display(tally)
                    },
                },
            });
        }
    }
    Ok((counts, stated))
}

/// Branch points become true (0) and false (1) outcomes, sorted by line; the same branch
/// listed once per instantiation is merged with its hits summed. A branch point neither of
/// whose outcomes ran never ran at all, which llvm-cov's lcov export writes as `-`.
fn branch_outcomes(branches: Vec<BranchRecord>) -> Vec<BranchOutcome> {
    // Keyed by the line it is shown on, then where it is used and where it is.
    let mut merged: BTreeMap<(LineNumber, SourceSpan, Option<SourceSpan>), (u64, u64)> =
        BTreeMap::new();
    for branch in branches {
        let line = branch
            .expansion_site
            .map_or(branch.span.start.line, |site| site.start.line);
        let counts = merged
            .entry((line, branch.span, branch.expansion_site))
            .or_insert((0, 0));
        counts.0 = counts.0.saturating_add(branch.true_count);
        counts.1 = counts.1.saturating_add(branch.false_count);
    }
    let mut outcomes = Vec::with_capacity(merged.len() * 2);
    let mut block = 0u32;
    let mut previous_line = None;
    for ((line, span, site), (true_count, false_count)) in merged {
        if previous_line != Some(line) {
            block = 0;
            previous_line = Some(line);
        }
        let never_ran = true_count == 0 && false_count == 0;
        for (branch, count) in [(0, true_count), (1, false_count)] {
            outcomes.push(BranchOutcome {
                line,
                block,
                branch,
                taken: (!never_ran).then_some(count),
                // Inside a macro, the macro's use is what the file shows.
                span: Some(site.unwrap_or(span)),
            });
        }
        block = block.saturating_add(1);
    }
    outcomes
}

/// One instantiation group while its functions are gathered.
struct GroupSoFar<'de> {
    names: Vec<InputText<'de>>,
    hits: u64,
    end_line: LineNumber,
    regions: Option<Tally>,
    lines: Option<LineTally>,
}

/// Groups functions into instantiation groups (same file, same start) and attaches each
/// group to its file as a region; functions of files the export leaves out (cargo-llvm-cov
/// drops tests/) are passed over. Returns whether any file got a region.
fn attach_functions(
    files: &mut [FileCoverage],
    index_of_path: &HashMap<String, usize>,
    functions: Vec<ReadFunction<'_>>,
) -> bool {
    let mut groups: BTreeMap<(usize, (LineNumber, u64)), GroupSoFar<'_>> = BTreeMap::new();
    for function in functions {
        let Some(&file_index) = index_of_path.get(function.main_file.0.as_ref()) else {
            continue;
        };
        let group = groups
            .entry((file_index, function.start))
            .or_insert_with(|| GroupSoFar {
                names: Vec::new(),
                hits: 0,
                end_line: function.end_line,
                regions: None,
                lines: None,
            });
        group.hits = group.hits.saturating_add(function.count);
        group.end_line = group.end_line.max(function.end_line);
        // llvm-cov's group summary: the first instantiation's figures, each raised to the
        // largest any other instantiation has.
        group.regions = Some(match group.regions {
            None => function.regions,
            Some(so_far) => Tally::new(
                so_far.covered.max(function.regions.covered),
                so_far.total.max(function.regions.total),
            ),
        });
        group.lines = Some(match group.lines {
            None => function.lines,
            Some(so_far) => LineTally {
                mapped: so_far.mapped.max(function.lines.mapped),
                executed: so_far.executed.max(function.lines.executed),
            },
        });
        group.names.push(function.name);
    }
    let has_regions = !groups.is_empty();
    for ((file_index, (start_line, _)), group) in groups {
        let Some(file) = files.get_mut(file_index) else {
            continue;
        };
        let lines = group.lines.unwrap_or_default();
        let counts = MetricCounts::default()
            .with(Metric::Regions, group.regions.unwrap_or_default())
            .with(Metric::Lines, Tally::new(lines.executed, lines.mapped));
        file.regions.push(Region {
            kind: RegionKind::Function,
            name: group_name(&group.names),
            start_line: Some(start_line),
            end_line: Some(group.end_line),
            counts: Counts::Metrics(counts),
            coverage: CoverageFigure::default(),
            stated_figures: Vec::new(),
            hits: Some(group.hits),
        });
    }
    has_regions
}

/// A group's name: its functions' name when they share one, else the first function's name
/// and how many more instantiations there are.
///
/// llvm-cov writes names mangled for Rust and C++ (C's are plain) and prints them that way
/// unless given a demangler. Rust's (v0 `_R…` and legacy `_ZN…E`) are demangled with
/// rustc's own demangler (`text::readable_symbol`, which lcov's and Cobertura's names share),
/// without the crate hash, so the copies of one function in several test binaries (which
/// differ only by that hash) read as one name; C++ names stay as written (see
/// `text::symbols`).
fn group_name(names: &[InputText<'_>]) -> String {
    let mut readable = names.iter().map(|name| readable_symbol(&name.0));
    let Some(first) = readable.next() else {
        return String::new();
    };
    let differing = readable.filter(|name| *name != first).count();
    if differing == 0 {
        return first;
    }
    let more = names.len() - 1;
    format!(
        "{first} (+{} more {})",
        more,
        nouns::INSTANTIATION.for_count(more)
    )
}

/// Two entries for the same file (from two exports): figures added, lines merged with hits
/// summed, branches and regions kept from both.
fn merge_repeated_file(earlier: FileCoverage, later: FileCoverage) -> FileCoverage {
    let mut hits: BTreeMap<LineNumber, u64> = BTreeMap::new();
    let mut missing: Vec<LineNumber> = Vec::new();
    for file in [&earlier, &later] {
        for (&line, &count) in file.executed_lines.iter().zip(&file.executed_line_hits) {
            let total = hits.entry(line).or_insert(0);
            *total = total.saturating_add(count);
        }
        missing.extend(&file.missing_lines);
    }
    missing.sort_unstable();
    missing.dedup();
    missing.retain(|line| !hits.contains_key(line));
    let mut branch_outcomes = earlier.branch_outcomes;
    branch_outcomes.extend(later.branch_outcomes);
    branch_outcomes.sort_by_key(|outcome| outcome.line);
    let mut regions = earlier.regions;
    regions.extend(later.regions);
    FileCoverage {
        path: earlier.path,
        counts: earlier.counts + later.counts,
        executed_lines: hits.keys().copied().collect(),
        executed_line_hits: hits.values().copied().collect(),
        missing_lines: missing,
        has_line_lists: earlier.has_line_lists && later.has_line_lists,
        branch_outcomes,
        regions,
        ..FileCoverage::empty(String::new())
    }
}

fn push_repeated_warnings(warnings: &mut Vec<Diagnostic>, repeated: &RepeatedWarnings) {
    let sentences = [
        repeated.over_covered.sentence(
            "more are covered than there are",
            "; the counts are shown as written",
        ),
        repeated.count_mismatches.sentence(
            "\"notcovered\" disagrees with \"count\" and \"covered\"",
            "; count and covered are shown",
        ),
        repeated.percent_mismatches.sentence(
            "a stated percent disagrees with its counts",
            "; the report's own percentages are shown",
        ),
        repeated.unordered_segments.sentence(
            "segments are out of order (llvm-cov sorts them by line and column)",
            "; those files' line lists are left out, their figures are the report's",
        ),
        repeated.too_many_lines.sentence(
            "segments span more lines than Covscope lists for a file of this size",
            "; those files' line lists are left out, their figures are the report's",
        ),
    ];
    warnings.extend(sentences.into_iter().flatten().map(Diagnostic::warning));
}
