//! A compact, self-contained byte form of one coverage report, and its validated decoding.
//!
//! The layout (part of share format v1; changing it means a new format version):
//!
//! ```text
//! report  = facts, varint file count, file*, totals
//! facts   = u8 source kind (0: coverage.py JSON), u8 flags, u8 precision,
//!           [varint format version], [text tool version], [text timestamp]
//! file    = shared path, u8 flags, lines executed, lines missing, lines excluded,
//!           arcs executed, arcs missing, counts, figure, varint region count, region*
//! region  = u8 flags, shared name, [signed start line - previous start line], counts, figure
//! totals  = u8 flags, counts, figure
//! lines   = varint count, then runs of consecutive lines: (first line, or the gap after
//!           the previous run minus two; varint lines in the run minus one)
//! arcs    = varint count, then per arc: signed (from - previous from), signed (to - from)
//! counts  = eight signed differences from what the data already read predicts: statements,
//!           missing, executed, excluded, branches, missing branches, executed branches,
//!           partial branches
//! figure  = [f64 percent, unless the flags say it is coverage.py's formula of the counts],
//!           display: varint in 10^-precision units if the flags say it is a plain decimal
//!           with the report's precision, else text
//! shared  = varint bytes shared with the previous path (region name) in the report (file),
//!           then text of the rest
//! ```
//!
//! "Previous" means the item just before in the same list; the first compares with "" and
//! start line 0, as does a region after one without a start line.
//!
//! Numbers are varints, signed ones zigzag-mapped, text is length-prefixed UTF-8 (see
//! `wire.rs`). Predictions make the usual data a run of zero bytes, which deflate then
//! shrinks to almost nothing.
use std::collections::HashSet;

use super::snapshot_metrics::{read_metric_report, write_metric_report, SOURCE_KIND_METRICS};
use super::wire::{
    quote_for_message, write_count, write_f64, write_signed_varint, write_text, write_text_after,
    write_varint, ByteReader, DecodeBudget, DecodeLimits, TextRule, VarintBlockWriter, WireProblem,
};
use crate::core::model::{
    ArcEnd, BranchArc, Counts, CoverageCounts, CoverageFigure, CoverageFormat, CoverageReport,
    FileCoverage, LineNumber, Percent, Precision, Region, RegionKind, ReportFacts,
};
use crate::core::text::ParseOutcome;

/// One report in the compact byte layout described at the top of this file.
///
/// The bytes are not checked when a snapshot is made from them; [`report_from_snapshot`]
/// checks everything.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ReportSnapshot {
    bytes: Vec<u8>,
}

const SOURCE_KIND_COVERAGE_PY_JSON: u8 = 0;

const FACT_HAS_BRANCHES: u8 = 1;
const FACT_HAS_CONTEXTS: u8 = 1 << 1;
const FACT_HAS_REGIONS: u8 = 1 << 2;
const FACT_HAS_FORMAT_VERSION: u8 = 1 << 3;
const FACT_HAS_TOOL_VERSION: u8 = 1 << 4;
const FACT_HAS_TIMESTAMP: u8 = 1 << 5;
const FACT_KNOWN_FLAGS: u8 = (1 << 6) - 1;

/// Shared by files, regions and totals: the percent is coverage.py's formula of the counts.
const FIGURE_PERCENT_IS_DERIVED: u8 = 1 << 1;
/// Shared by files, regions and totals: the display text is a plain decimal with the
/// report's precision ("78.57" at precision 2), stored as the integer 7857.
const FIGURE_DISPLAY_IS_DECIMAL: u8 = 1 << 3;
const FIGURE_FLAGS: u8 = FIGURE_PERCENT_IS_DERIVED | FIGURE_DISPLAY_IS_DECIMAL;

const FILE_HAS_LINE_LISTS: u8 = 1;
const FILE_KNOWN_FLAGS: u8 = FILE_HAS_LINE_LISTS | FIGURE_FLAGS;

const REGION_IS_CLASS: u8 = 1;
const REGION_HAS_START_LINE: u8 = 1 << 2;
const REGION_KNOWN_FLAGS: u8 = REGION_IS_CLASS | REGION_HAS_START_LINE | FIGURE_FLAGS;

const TOTALS_KNOWN_FLAGS: u8 = FIGURE_FLAGS;

/// The counts a file's or region's data predicts, so the stored counts are differences.
#[derive(Default)]
struct PredictedCounts {
    statements: u64,
    missing: u64,
    excluded: u64,
    branches: u64,
    missing_branches: u64,
    partial_branches: u64,
}

impl ReportSnapshot {
    /// Wraps bytes that claim to be a snapshot, e.g. taken from a link.
    pub fn from_bytes(bytes: Vec<u8>) -> ReportSnapshot {
        ReportSnapshot { bytes }
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    pub fn into_bytes(self) -> Vec<u8> {
        self.bytes
    }
}

/// Writes a report in the compact layout.
///
/// Everything the table shows is kept exactly, including percentages to the last bit.
/// Line lists are stored sorted and without repeats, which is how the parser delivers
/// them; a hand-built report with unsorted lists comes back sorted.
pub fn snapshot_of(report: &CoverageReport) -> ReportSnapshot {
    let mut bytes = Vec::new();
    write_report(&mut bytes, report);
    ReportSnapshot { bytes }
}

/// Reads a snapshot back into a report, checking every length, count and name, so a
/// crafted snapshot gives an error and never a panic.
pub fn report_from_snapshot(snapshot: &ReportSnapshot) -> ParseOutcome<CoverageReport> {
    report_from_snapshot_within(snapshot, DecodeLimits::SHARE_LINK)
}

/// Reads back a snapshot that Covscope's own parsing worker just wrote.
///
/// The worker parses a dropped file off the main thread and hands the report over in
/// this compact form; the caps are as wide as the parser's, so whatever the parser
/// accepted arrives whole (long paths and control characters included).
pub fn report_from_worker_snapshot(snapshot: &ReportSnapshot) -> ParseOutcome<CoverageReport> {
    report_from_snapshot_within(snapshot, DecodeLimits::WORKER_HAND_OVER)
}

fn report_from_snapshot_within(
    snapshot: &ReportSnapshot,
    limits: DecodeLimits,
) -> ParseOutcome<CoverageReport> {
    let mut reader = ByteReader::with_limits(&snapshot.bytes, limits);
    let mut budget = DecodeBudget::with_limits(limits);
    let result = read_report(&mut reader, &mut budget)
        .and_then(|report| reader.expect_end("the report").map(|()| report));
    match result {
        Ok(report) => ParseOutcome::success(report, Vec::new()),
        Err(problem) => ParseOutcome::failure(problem.decoding_message()),
    }
}

pub(crate) fn write_report(out: &mut Vec<u8>, report: &CoverageReport) {
    if report.facts.format != CoverageFormat::CoveragePy {
        write_metric_report(out, report);
        return;
    }
    let CoverageReport {
        facts,
        files,
        totals,
        total_coverage,
        // coverage.py states no per-metric figures; its layout has no place for them.
        stated_total_figures: _,
    } = report;
    let totals = coverage_py_counts_of(totals);
    out.push(SOURCE_KIND_COVERAGE_PY_JSON);
    write_facts(out, facts);
    write_varint(out, files.len() as u64);
    let mut previous_path = "";
    for file in files {
        write_file(out, file, previous_path, facts.precision);
        previous_path = &file.path;
    }
    let predicted = predicted_totals(files);
    write_counted_figure(out, 0, &totals, total_coverage, &predicted, facts.precision);
}

/// coverage.py's counts of a coverage.py report's file, region or totals. Only a
/// hand-built report can hold other counts there; its layout can store nothing else, so
/// they are written as zeros.
fn coverage_py_counts_of(counts: &Counts) -> CoverageCounts {
    counts.coverage_py().copied().unwrap_or_default()
}

pub(crate) fn read_report(
    reader: &mut ByteReader,
    budget: &mut DecodeBudget,
) -> Result<CoverageReport, WireProblem> {
    let kind = reader.read_u8("the report's format")?;
    if kind == SOURCE_KIND_METRICS {
        return read_metric_report(reader, budget);
    }
    if kind != SOURCE_KIND_COVERAGE_PY_JSON {
        return Err(WireProblem::refused(format!(
            "it holds a report of a kind this version of Covscope does not know (kind {kind}); it was probably made by a newer Covscope"
        )));
    }
    let facts = read_facts(reader)?;
    let file_count =
        reader.read_length("the number of files", reader.limits().max_files_per_report)?;
    budget.take(file_count)?;
    let mut files = Vec::with_capacity(capacity_for(file_count, reader));
    for index in 0..file_count {
        let previous_path = files
            .last()
            .map_or("", |file: &FileCoverage| file.path.as_str());
        let file = read_file(reader, budget, index, previous_path, facts.precision)?;
        files.push(file);
    }
    let mut seen_paths = HashSet::with_capacity(files.len());
    for file in &files {
        if !seen_paths.insert(file.path.as_str()) {
            return Err(WireProblem::refused(format!(
                "the report lists the file {} twice",
                quote_for_message(&file.path)
            )));
        }
    }
    let predicted = predicted_totals(&files);
    let (_, totals, total_coverage) = read_counted_figure(
        reader,
        TOTALS_KNOWN_FLAGS,
        &predicted,
        facts.precision,
        "the report's totals",
    )?;
    Ok(CoverageReport {
        facts,
        files,
        totals: Counts::CoveragePy(totals),
        total_coverage,
        stated_total_figures: Vec::new(),
    })
}

fn write_facts(out: &mut Vec<u8>, facts: &ReportFacts) {
    let ReportFacts {
        format: _,
        format_version,
        tool_version,
        timestamp,
        has_branches,
        has_contexts,
        has_regions,
        precision,
    } = facts;
    // coverage.py's `meta.format` is a whole number; the layout stores it as one.
    let format_version: Option<u64> = format_version
        .as_deref()
        .and_then(|version| version.parse().ok());
    let mut flags = 0u8;
    for (is_set, flag) in [
        (*has_branches, FACT_HAS_BRANCHES),
        (*has_contexts, FACT_HAS_CONTEXTS),
        (*has_regions, FACT_HAS_REGIONS),
        (format_version.is_some(), FACT_HAS_FORMAT_VERSION),
        (tool_version.is_some(), FACT_HAS_TOOL_VERSION),
        (timestamp.is_some(), FACT_HAS_TIMESTAMP),
    ] {
        if is_set {
            flags |= flag;
        }
    }
    out.push(flags);
    out.push(precision.0);
    if let Some(format_version) = format_version {
        write_varint(out, format_version);
    }
    if let Some(tool_version) = tool_version {
        write_text(out, tool_version);
    }
    if let Some(timestamp) = timestamp {
        write_text(out, timestamp);
    }
}

fn read_facts(reader: &mut ByteReader) -> Result<ReportFacts, WireProblem> {
    let flags = reader.read_u8("the report's facts")?;
    check_flags(flags, FACT_KNOWN_FLAGS, "the report's facts")?;
    let precision = reader.read_u8("the report's precision")?;
    if precision > Precision::MAXIMUM {
        return Err(WireProblem::damaged(format!(
            "the report's precision is {precision} decimals, more than the {} Covscope displays",
            Precision::MAXIMUM
        )));
    }
    let format_version = if flags & FACT_HAS_FORMAT_VERSION != 0 {
        Some(reader.read_varint("the report's format version")?)
    } else {
        None
    };
    let tool_version = if flags & FACT_HAS_TOOL_VERSION != 0 {
        Some(reader.read_text("the coverage.py version", TextRule::Label)?)
    } else {
        None
    };
    let timestamp = if flags & FACT_HAS_TIMESTAMP != 0 {
        Some(reader.read_text("the report's timestamp", TextRule::Label)?)
    } else {
        None
    };
    Ok(ReportFacts {
        format: CoverageFormat::CoveragePy,
        format_version: format_version.map(|version| version.to_string()),
        tool_version,
        timestamp,
        has_branches: flags & FACT_HAS_BRANCHES != 0,
        has_contexts: flags & FACT_HAS_CONTEXTS != 0,
        has_regions: flags & FACT_HAS_REGIONS != 0,
        precision: Precision(precision),
    })
}

fn write_file(out: &mut Vec<u8>, file: &FileCoverage, previous_path: &str, precision: Precision) {
    // Only what coverage.py reports have is written: hits, outcomes, per-line branch
    // counts, spans, stated figures and embedded sources belong to other formats' layout.
    let FileCoverage {
        path,
        counts,
        coverage,
        executed_lines,
        missing_lines,
        excluded_lines,
        has_line_lists,
        executed_branch_arcs,
        missing_branch_arcs,
        regions,
        ..
    } = file;
    let counts = &coverage_py_counts_of(counts);
    write_text_after(out, path, previous_path);
    let flags = if *has_line_lists {
        FILE_HAS_LINE_LISTS
    } else {
        0
    };
    let executed_count = write_lines(out, executed_lines);
    let missing_count = write_lines(out, missing_lines);
    let excluded_count = write_lines(out, excluded_lines);
    write_arcs(out, executed_branch_arcs);
    write_arcs(out, missing_branch_arcs);
    let predicted = predicted_file_counts(
        executed_count,
        missing_count,
        excluded_count,
        executed_branch_arcs.len() as u64,
        missing_branch_arcs.len() as u64,
    );
    write_counted_figure(out, flags, counts, coverage, &predicted, precision);
    write_varint(out, regions.len() as u64);
    let mut previous = (0, "");
    for region in regions {
        write_region(out, region, previous, precision);
        previous = (region.start_line.unwrap_or(0), region.name.as_str());
    }
}

fn read_file(
    reader: &mut ByteReader,
    budget: &mut DecodeBudget,
    index: u64,
    previous_path: &str,
    precision: Precision,
) -> Result<FileCoverage, WireProblem> {
    let number = index.saturating_add(1);
    let path = reader
        .read_text_after(previous_path, "a file path", TextRule::Label)
        .map_err(|problem| problem.located(format!("file {number}")))?;
    // Built only when something fails: a valid report has thousands of files.
    let located = |problem: WireProblem| {
        problem.located(format!("file {number} {}", quote_for_message(&path)))
    };
    let executed_lines = read_lines(reader, budget, "the executed lines").map_err(located)?;
    let missing_lines = read_lines(reader, budget, "the missing lines").map_err(located)?;
    let excluded_lines = read_lines(reader, budget, "the excluded lines").map_err(located)?;
    let executed_branch_arcs =
        read_arcs(reader, budget, "the executed branches").map_err(located)?;
    let missing_branch_arcs = read_arcs(reader, budget, "the missing branches").map_err(located)?;
    let predicted = predicted_file_counts(
        executed_lines.len() as u64,
        missing_lines.len() as u64,
        excluded_lines.len() as u64,
        executed_branch_arcs.len() as u64,
        missing_branch_arcs.len() as u64,
    );
    let (flags, counts, coverage) =
        read_counted_figure(reader, FILE_KNOWN_FLAGS, &predicted, precision, "the file")
            .map_err(located)?;
    let region_count = reader
        .read_length(
            "the number of regions",
            reader.limits().max_regions_per_file,
        )
        .map_err(located)?;
    budget.take(region_count).map_err(located)?;
    let mut regions = Vec::with_capacity(capacity_for(region_count, reader));
    for region_index in 0..region_count {
        let previous = regions.last().map_or((0, ""), |region: &Region| {
            (region.start_line.unwrap_or(0), region.name.as_str())
        });
        let region = read_region(reader, previous, precision).map_err(|problem| {
            located(problem.located(format!("region {}", region_index.saturating_add(1))))
        })?;
        regions.push(region);
    }
    Ok(FileCoverage {
        counts: Counts::CoveragePy(counts),
        coverage,
        executed_lines,
        missing_lines,
        excluded_lines,
        has_line_lists: flags & FILE_HAS_LINE_LISTS != 0,
        executed_branch_arcs,
        missing_branch_arcs,
        regions,
        ..FileCoverage::empty(path)
    })
}

/// Writes a region; `previous` is the start line (0 when none) and name of the region
/// before it in the file, which its own are stored relative to.
fn write_region(
    out: &mut Vec<u8>,
    region: &Region,
    previous: (LineNumber, &str),
    precision: Precision,
) {
    let Region {
        kind,
        name,
        start_line,
        counts,
        coverage,
        ..
    } = region;
    let counts = &coverage_py_counts_of(counts);
    let mut flags = match kind {
        RegionKind::Function => 0,
        RegionKind::Class => REGION_IS_CLASS,
    };
    if start_line.is_some() {
        flags |= REGION_HAS_START_LINE;
    }
    // A region's flags come before its name and start line (the reader needs them to know
    // whether a start line follows), so it writes its own flags byte here.
    let figure_form = figure_form(counts, coverage, precision);
    out.push(flags | figure_form.flags);
    let (previous_start, previous_name) = previous;
    write_text_after(out, name, previous_name);
    if let Some(start_line) = start_line {
        // The difference is taken in 64 bits, as the wire has always stored it.
        let difference = u64::from(*start_line).wrapping_sub(u64::from(previous_start));
        write_signed_varint(out, difference as i64);
    }
    write_counts(out, counts, &PredictedCounts::default());
    write_figure(out, coverage, &figure_form);
}

fn read_region(
    reader: &mut ByteReader,
    previous: (LineNumber, &str),
    precision: Precision,
) -> Result<Region, WireProblem> {
    let (previous_start, previous_name) = previous;
    let flags = reader.read_u8("a region's flags")?;
    check_flags(flags, REGION_KNOWN_FLAGS, "a region")?;
    let name = reader.read_text_after(previous_name, "a region name", TextRule::Label)?;
    let start_line = if flags & REGION_HAS_START_LINE != 0 {
        let what = "a region's start line";
        let difference = reader.read_signed_varint(what)?;
        let start = u64::from(previous_start).wrapping_add(difference as u64);
        Some(fitting_line(start, what)?)
    } else {
        None
    };
    let counts = read_counts(reader, &PredictedCounts::default(), "the region")?;
    let coverage = read_figure(reader, flags, &counts, precision, "the region")?;
    Ok(Region {
        kind: if flags & REGION_IS_CLASS != 0 {
            RegionKind::Class
        } else {
            RegionKind::Function
        },
        name,
        start_line,
        end_line: None,
        counts: Counts::CoveragePy(counts),
        coverage,
        stated_figures: Vec::new(),
        hits: None,
    })
}

/// Writes a flags byte (with the derived-percent flag added), counts and figure.
fn write_counted_figure(
    out: &mut Vec<u8>,
    flags: u8,
    counts: &CoverageCounts,
    coverage: &CoverageFigure,
    predicted: &PredictedCounts,
    precision: Precision,
) {
    let figure_form = figure_form(counts, coverage, precision);
    out.push(flags | figure_form.flags);
    write_counts(out, counts, predicted);
    write_figure(out, coverage, &figure_form);
}

fn read_counted_figure(
    reader: &mut ByteReader,
    known_flags: u8,
    predicted: &PredictedCounts,
    precision: Precision,
    owner: &str,
) -> Result<(u8, CoverageCounts, CoverageFigure), WireProblem> {
    let flags = reader.described(
        || format!("the flags of {owner}"),
        |reader, what| reader.read_u8(what),
    )?;
    check_flags(flags, known_flags, owner)?;
    let counts = read_counts(reader, predicted, owner)?;
    let figure = read_figure(reader, flags, &counts, precision, owner)?;
    Ok((flags, counts, figure))
}

fn write_counts(out: &mut Vec<u8>, counts: &CoverageCounts, predicted: &PredictedCounts) {
    let CoverageCounts {
        statements,
        executed,
        missing,
        excluded,
        branches,
        executed_branches,
        missing_branches,
        partial_branches,
    } = *counts;
    write_count(out, statements, predicted.statements);
    write_count(out, missing, predicted.missing);
    write_count(out, executed, statements.wrapping_sub(missing));
    write_count(out, excluded, predicted.excluded);
    write_count(out, branches, predicted.branches);
    write_count(out, missing_branches, predicted.missing_branches);
    write_count(
        out,
        executed_branches,
        branches.wrapping_sub(missing_branches),
    );
    write_count(out, partial_branches, predicted.partial_branches);
}

fn read_counts(
    reader: &mut ByteReader,
    predicted: &PredictedCounts,
    owner: &str,
) -> Result<CoverageCounts, WireProblem> {
    let mut read = |expected: u64, name: &str| {
        reader.described(
            || format!("the {name} count of {owner}"),
            |reader, what| reader.read_count(expected, what),
        )
    };
    let statements = read(predicted.statements, "statement")?;
    let missing = read(predicted.missing, "missing-line")?;
    let executed = read(statements.wrapping_sub(missing), "executed-line")?;
    let excluded = read(predicted.excluded, "excluded-line")?;
    let branches = read(predicted.branches, "branch")?;
    let missing_branches = read(predicted.missing_branches, "missing-branch")?;
    let executed_branches = read(branches.wrapping_sub(missing_branches), "executed-branch")?;
    let partial_branches = read(predicted.partial_branches, "partial-branch")?;
    Ok(CoverageCounts {
        statements,
        executed,
        missing,
        excluded,
        branches,
        executed_branches,
        missing_branches,
        partial_branches,
    })
}

fn write_figure(out: &mut Vec<u8>, coverage: &CoverageFigure, form: &FigureForm) {
    if form.flags & FIGURE_PERCENT_IS_DERIVED == 0 {
        write_f64(out, coverage.percent.value());
    }
    match form.display_units {
        Some(units) => write_varint(out, units),
        None => write_text(out, &coverage.display),
    }
}

fn read_figure(
    reader: &mut ByteReader,
    flags: u8,
    counts: &CoverageCounts,
    precision: Precision,
    owner: &str,
) -> Result<CoverageFigure, WireProblem> {
    let percent = if flags & FIGURE_PERCENT_IS_DERIVED != 0 {
        coverage_py_percent(counts)
    } else {
        reader.described(
            || format!("the coverage percentage of {owner}"),
            |reader, what| reader.read_finite_f64(what),
        )?
    };
    let display = if flags & FIGURE_DISPLAY_IS_DECIMAL != 0 {
        let units = reader.described(
            || format!("the coverage shown for {owner}"),
            |reader, what| reader.read_varint(what),
        )?;
        decimal_text(units, precision)
    } else {
        reader.described(
            || format!("the coverage shown for {owner}"),
            |reader, what| reader.read_text(what, TextRule::Label),
        )?
    };
    Ok(CoverageFigure {
        percent: Percent::new(percent),
        display,
    })
}

/// How a figure is written: the figure flags that apply (a derived percent, a display text
/// that is a decimal) and the decimal's units, worked out once for the flags and the
/// writing both.
struct FigureForm {
    flags: u8,
    display_units: Option<u64>,
}

fn figure_form(
    counts: &CoverageCounts,
    coverage: &CoverageFigure,
    precision: Precision,
) -> FigureForm {
    let mut flags = 0;
    if coverage.percent.value().to_bits() == coverage_py_percent(counts).to_bits() {
        flags |= FIGURE_PERCENT_IS_DERIVED;
    }
    let display_units = decimal_units(&coverage.display, precision);
    if display_units.is_some() {
        flags |= FIGURE_DISPLAY_IS_DECIMAL;
    }
    FigureForm {
        flags,
        display_units,
    }
}

/// The display text as an integer number of 10^-precision units, when [`decimal_text`]
/// gives exactly this text back ("78.57" is 7857 at precision 2; "078.57", "78.5" and
/// "n/a" are stored as text). Every figure of a handed-over report is checked here, so
/// the digits are read and the text made again without a string on the heap.
fn decimal_units(display: &str, precision: Precision) -> Option<u64> {
    if precision.0 > Precision::MAXIMUM || display.len() > 24 {
        return None;
    }
    // The digits without the point, as one number; a number past 64 bits is text.
    let mut units: u64 = 0;
    let mut digit_count = 0;
    for byte in display.bytes().filter(|byte| *byte != b'.') {
        if !byte.is_ascii_digit() {
            return None;
        }
        units = units.checked_mul(10)?.checked_add(u64::from(byte - b'0'))?;
        digit_count += 1;
    }
    if digit_count == 0 {
        return None;
    }
    let mut buffer = [0; DECIMAL_TEXT_BYTES];
    (decimal_bytes(units, precision, &mut buffer) == display.as_bytes()).then_some(units)
}

/// Formats units of 10^-precision as a decimal with exactly `precision` decimals; part
/// of the format, so it is written out here rather than borrowed from the display rule.
/// Every figure of a handed-over report is made here, so the digits are written straight
/// into a string of the right size instead of through the formatting machinery.
fn decimal_text(units: u64, precision: Precision) -> String {
    let mut buffer = [0; DECIMAL_TEXT_BYTES];
    let digits = decimal_bytes(units, precision, &mut buffer);
    let mut text = String::with_capacity(digits.len());
    text.extend(digits.iter().map(|digit| char::from(*digit)));
    text
}

/// The most bytes [`decimal_bytes`] writes: a u64 has at most 20 digits, the decimals may
/// ask for leading zeros beyond them and one digit before the point, and the point.
const DECIMAL_TEXT_BYTES: usize = 20 + Precision::MAXIMUM as usize + 2;

/// Writes the text of [`decimal_text`] (ASCII digits and at most one point) at the end
/// of `buffer`, from the last digit backwards, and gives the part written.
fn decimal_bytes(units: u64, precision: Precision, buffer: &mut [u8; DECIMAL_TEXT_BYTES]) -> &[u8] {
    let decimals = usize::from(precision.0.min(Precision::MAXIMUM));
    let mut start = buffer.len();
    let mut rest = units;
    let mut digits_written = 0;
    // At least one digit before the point: "0.05", never ".05".
    while digits_written <= decimals || rest != 0 {
        if decimals > 0 && digits_written == decimals {
            start -= 1;
            buffer[start] = b'.';
        }
        start -= 1;
        buffer[start] = b'0' + (rest % 10) as u8;
        rest /= 10;
        digits_written += 1;
    }
    &buffer[start..]
}

/// coverage.py's `pc_covered`, copied here rather than borrowed from the model because
/// it is part of the link format: links made today must decode to the same bits even if
/// the model's formula is ever changed.
fn coverage_py_percent(counts: &CoverageCounts) -> f64 {
    if counts.statements == 0 {
        return 100.0;
    }
    let numerator = counts.executed.saturating_add(counts.executed_branches);
    let denominator = counts.statements.saturating_add(counts.branches);
    100.0 * numerator as f64 / denominator as f64
}

/// A line number read in 64 bits, as the wire stores it; one the model cannot hold is
/// damage, never cut to fit.
pub(super) fn fitting_line(value: u64, what: &str) -> Result<LineNumber, WireProblem> {
    LineNumber::try_from(value).map_err(|_| {
        WireProblem::damaged(format!("{what} is {value}, past the largest line number"))
    })
}

/// Writes a line list as runs, sorted and without repeats; returns how many lines it
/// wrote. The parsers deliver the lists strictly increasing, so a list is written as it
/// comes, and only one that turns out not to be (a hand-built report) is written again,
/// sorted.
pub(super) fn write_lines(out: &mut Vec<u8>, lines: &[LineNumber]) -> u64 {
    let start = out.len();
    if write_increasing_lines(out, lines).is_ok() {
        return lines.len() as u64;
    }
    out.truncate(start);
    let mut sorted = lines.to_vec();
    sorted.sort_unstable();
    sorted.dedup();
    // A sorted list without repeats is strictly increasing, so this writes it whole.
    let _ = write_increasing_lines(out, &sorted);
    sorted.len() as u64
}

/// A line list that is not strictly increasing, found while writing it.
struct NotIncreasing;

/// Writes a strictly increasing list as its count and runs, in one pass; stops at the
/// first line not above the one before it.
fn write_increasing_lines(out: &mut Vec<u8>, lines: &[LineNumber]) -> Result<(), NotIncreasing> {
    let mut writer = VarintBlockWriter::new(out);
    writer.write_varint(lines.len() as u64);
    let Some((&first, rest)) = lines.split_first() else {
        return Ok(());
    };
    let mut run = LineRun {
        start: first,
        end: first,
    };
    let mut previous_end: Option<LineNumber> = None;
    for &line in rest {
        if line <= run.end {
            return Err(NotIncreasing);
        }
        // `line` is above the run's end, so the difference cannot overflow.
        if line - run.end == 1 {
            run.end = line;
            continue;
        }
        run.write(&mut writer, previous_end);
        previous_end = Some(run.end);
        run = LineRun {
            start: line,
            end: line,
        };
    }
    run.write(&mut writer, previous_end);
    Ok(())
}

/// Consecutive lines `start..=end` of a list, written as two numbers.
struct LineRun {
    start: LineNumber,
    end: LineNumber,
}

impl LineRun {
    /// Writes the run's first line (or its gap after the run before, `previous_end`) and
    /// its length minus one. Always inlined, so the writer's block stays in registers
    /// through a list's runs instead of being passed to a call for each run.
    #[inline(always)]
    fn write(&self, writer: &mut VarintBlockWriter, previous_end: Option<LineNumber>) {
        match previous_end {
            None => writer.write_varint(u64::from(self.start)),
            // Runs are maximal, so the next one starts at least two after the last end.
            Some(previous) => writer.write_varint(u64::from(self.start - previous - 2)),
        }
        writer.write_varint(u64::from(self.end - self.start));
    }
}

pub(super) fn read_lines(
    reader: &mut ByteReader,
    budget: &mut DecodeBudget,
    what: &str,
) -> Result<Vec<LineNumber>, WireProblem> {
    let maximum = reader.limits().max_entries;
    let count = reader.described(
        || format!("the number of {what}"),
        |reader, described| reader.read_length(described, maximum),
    )?;
    budget.take(count)?;
    let mut lines = Vec::with_capacity(capacity_for(count, reader));
    let mut previous_end: Option<u64> = None;
    let mut left = count;
    let past_the_end = || WireProblem::damaged(format!("{what} run past the largest line number"));
    while left > 0 {
        let start = match previous_end {
            None => reader.read_varint(what)?,
            Some(previous) => {
                let gap = reader.read_varint(what)?;
                previous
                    .checked_add(2)
                    .and_then(|next| next.checked_add(gap))
                    .ok_or_else(past_the_end)?
            }
        };
        let extra = reader.read_varint(what)?;
        if extra >= left {
            return Err(WireProblem::damaged(format!(
                "{what} hold more lines than their count of {count} says"
            )));
        }
        let end = start.checked_add(extra).ok_or_else(past_the_end)?;
        // The wire counts in 64 bits; a run past the model's largest line is damage.
        let (Ok(first), Ok(last)) = (LineNumber::try_from(start), LineNumber::try_from(end)) else {
            return Err(past_the_end());
        };
        lines.extend(first..=last);
        left -= extra + 1;
        previous_end = Some(end);
    }
    Ok(lines)
}

fn write_arcs(out: &mut Vec<u8>, arcs: &[BranchArc]) {
    // Written straight into the output: a file's arc lists are short (17 arcs on
    // average in the 20,000-file report), and a block writer's setup and copy cost more
    // than it saved on them (BENCHMARKS.md, "The hand-over's writing").
    write_varint(out, arcs.len() as u64);
    // Differences are taken in 64 bits, as the wire has always stored them.
    let mut previous_from: i64 = 0;
    for arc in arcs {
        let (from, to) = (i64::from(arc.from), i64::from(arc.to));
        write_signed_varint(out, from.wrapping_sub(previous_from));
        write_signed_varint(out, to.wrapping_sub(from));
        previous_from = from;
    }
}

fn read_arcs(
    reader: &mut ByteReader,
    budget: &mut DecodeBudget,
    what: &str,
) -> Result<Vec<BranchArc>, WireProblem> {
    let maximum = reader.limits().max_entries;
    let count = reader.described(
        || format!("the number of {what}"),
        |reader, described| reader.read_length(described, maximum),
    )?;
    budget.take(count)?;
    let mut arcs = Vec::with_capacity(capacity_for(count, reader));
    let mut previous_from: i64 = 0;
    for _ in 0..count {
        let from = previous_from.wrapping_add(reader.read_signed_varint(what)?);
        let to = from.wrapping_add(reader.read_signed_varint(what)?);
        let (Ok(from_end), Ok(to_end)) = (ArcEnd::try_from(from), ArcEnd::try_from(to)) else {
            return Err(WireProblem::damaged(format!(
                "{what} hold an arc from {from} to {to}, past the largest line number"
            )));
        };
        arcs.push(BranchArc {
            from: from_end,
            to: to_end,
        });
        previous_from = from;
    }
    Ok(arcs)
}

fn predicted_file_counts(
    executed_lines: u64,
    missing_lines: u64,
    excluded_lines: u64,
    executed_arcs: u64,
    missing_arcs: u64,
) -> PredictedCounts {
    PredictedCounts {
        statements: executed_lines.saturating_add(missing_lines),
        missing: missing_lines,
        excluded: excluded_lines,
        branches: executed_arcs.saturating_add(missing_arcs),
        missing_branches: missing_arcs,
        partial_branches: 0,
    }
}

/// The files' counts added up (saturating, so crafted counts cannot overflow): reports
/// whose totals are the sum of their files store the totals as zeros.
fn predicted_totals(files: &[FileCoverage]) -> PredictedCounts {
    files.iter().fold(PredictedCounts::default(), |sum, file| {
        let counts = coverage_py_counts_of(&file.counts);
        PredictedCounts {
            statements: sum.statements.saturating_add(counts.statements),
            missing: sum.missing.saturating_add(counts.missing),
            excluded: sum.excluded.saturating_add(counts.excluded),
            branches: sum.branches.saturating_add(counts.branches),
            missing_branches: sum.missing_branches.saturating_add(counts.missing_branches),
            partial_branches: sum.partial_branches.saturating_add(counts.partial_branches),
        }
    })
}

pub(super) fn check_flags(flags: u8, known: u8, owner: &str) -> Result<(), WireProblem> {
    if flags & !known != 0 {
        return Err(WireProblem::damaged(format!(
            "{owner} has flags this version of Covscope does not know ({flags:#04x})"
        )));
    }
    Ok(())
}

/// A starting capacity that a declared length cannot inflate beyond what the remaining
/// bytes could plausibly hold, so a lying length does not allocate up front.
pub(super) fn capacity_for(declared: u64, reader: &ByteReader) -> usize {
    usize::try_from(declared)
        .unwrap_or(usize::MAX)
        .min(reader.remaining_len())
        .min(1 << 16)
}
