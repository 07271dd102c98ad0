//! The compact byte form of a report of any format other than coverage.py's, and its
//! validated decoding; `snapshot.rs` writes coverage.py reports in their own layout and
//! hands every other report here.
//!
//! The layout (source kind 1 of share format v1; a link holding it opens in this and later
//! versions, and an older Covscope refuses it by its kind with a clear message):
//!
//! ```text
//! report   = u8 kind (1), u8 format code, u8 flags, [text format version],
//!            [text tool version], [text timestamp], varint file count, file*,
//!            tallies, figure, stated
//! file     = shared path, u8 flags, lines executed, [varint hit per executed line],
//!            lines missing, lines excluded, tallies, figure, stated, outcomes,
//!            line branches, uncovered, varint region count, region*, [source text]
//! region   = u8 flags, shared name, [varint start line], [varint end line - start],
//!            tallies, figure, stated, [varint hits]
//! tallies  = u8 mask of the metrics present (bit = slot in METRIC_CODES), then per
//!            metric varint covered, signed (total - covered)
//! figure   = f64 percent, text display
//! stated   = varint count, then per figure u8 metric code and figure
//! outcomes = varint count, then per outcome signed (line - previous line), varint
//!            block, varint branch, varint (taken + 1, or 0 when never evaluated),
//!            u8 has span, [span]
//! branches = varint count, then per line signed (line - previous line), varint covered,
//!            varint total
//! uncovered= varint count, then per stretch u8 kind, span
//! span     = varint start line, varint (start column + 1, or 0), varint (end line -
//!            start line), varint (end column + 1, or 0)
//! ```
//!
//! Metric codes are `wire.rs`'s. `lines` is the run-length form of `snapshot.rs`. Codes are part of the format: a code
//! never changes meaning, new formats and metrics take new codes.
use std::collections::HashSet;

use super::snapshot::{capacity_for, check_flags, fitting_line, read_lines, write_lines};
use super::wire::{
    metric_code, metric_of_code, quote_for_message, write_count, write_f64, write_signed_varint,
    write_text, write_text_after, write_varint, ByteReader, DecodeBudget, TextRule, WireProblem,
    METRIC_CODES,
};
use crate::core::model::{
    BranchOutcome, Counts, CoverageFigure, CoverageFormat, CoverageReport, FileCoverage,
    LineBranches, Metric, MetricCounts, MetricFigure, Percent, Precision, Region, RegionKind,
    ReportFacts, SourcePosition, SourceSpan, Tally, UncoveredKind, UncoveredSpan,
};

/// The source kind byte of this layout (coverage.py's is 0).
pub(super) const SOURCE_KIND_METRICS: u8 = 1;

/// The format codes of this layout.
const FORMAT_CODES: [(CoverageFormat, u8); 9] = [
    (CoverageFormat::Istanbul, 1),
    (CoverageFormat::IstanbulSummary, 2),
    (CoverageFormat::Lcov, 3),
    (CoverageFormat::Cobertura, 4),
    (CoverageFormat::Clover, 5),
    (CoverageFormat::Jacoco, 6),
    (CoverageFormat::Go, 7),
    (CoverageFormat::LlvmCov, 8),
    (CoverageFormat::Tarpaulin, 9),
];

const UNCOVERED_KIND_CODES: [(UncoveredKind, u8); 3] = [
    (UncoveredKind::Statement, 0),
    (UncoveredKind::Function, 1),
    (UncoveredKind::Branch, 2),
];

const FACT_HAS_BRANCHES: u8 = 1;
const FACT_HAS_CONTEXTS: u8 = 1 << 1;
const FACT_HAS_REGIONS: u8 = 1 << 2;
const FACT_HAS_FORMAT_VERSION: u8 = 1 << 3;
const FACT_HAS_TOOL_VERSION: u8 = 1 << 4;
const FACT_HAS_TIMESTAMP: u8 = 1 << 5;
const FACT_KNOWN_FLAGS: u8 = (1 << 6) - 1;

const FILE_HAS_LINE_LISTS: u8 = 1;
const FILE_HAS_HITS: u8 = 1 << 1;
const FILE_HAS_SOURCE: u8 = 1 << 2;
const FILE_KNOWN_FLAGS: u8 = (1 << 3) - 1;

const REGION_IS_CLASS: u8 = 1;
const REGION_HAS_START_LINE: u8 = 1 << 1;
const REGION_HAS_END_LINE: u8 = 1 << 2;
const REGION_HAS_HITS: u8 = 1 << 3;
const REGION_KNOWN_FLAGS: u8 = (1 << 4) - 1;

pub(super) fn write_metric_report(out: &mut Vec<u8>, report: &CoverageReport) {
    let CoverageReport {
        facts,
        files,
        totals,
        total_coverage,
        stated_total_figures,
    } = report;
    out.push(SOURCE_KIND_METRICS);
    write_facts(out, facts);
    write_varint(out, files.len() as u64);
    let mut previous_path = "";
    for file in files {
        write_file(out, file, previous_path);
        previous_path = &file.path;
    }
    write_tallies(out, &totals.as_metrics());
    write_figure(out, total_coverage);
    write_stated(out, stated_total_figures);
}

/// Reads the rest of a report whose kind byte said this layout.
pub(super) fn read_metric_report(
    reader: &mut ByteReader,
    budget: &mut DecodeBudget,
) -> Result<CoverageReport, WireProblem> {
    let facts = read_facts(reader)?;
    let file_count =
        reader.read_length("the number of files", reader.limits().max_files_per_report)?;
    budget.take(file_count)?;
    let mut files = Vec::with_capacity(capacity_for(file_count, reader));
    for index in 0..file_count {
        let previous_path = files
            .last()
            .map_or("", |file: &FileCoverage| file.path.as_str());
        let file = read_file(reader, budget, index, previous_path)?;
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
    let owner = "the report's totals";
    let totals = read_tallies(reader, owner)?;
    let total_coverage = read_figure(reader, owner)?;
    let stated_total_figures = read_stated(reader, owner)?;
    Ok(CoverageReport {
        facts,
        files,
        totals: Counts::Metrics(totals),
        total_coverage,
        stated_total_figures,
    })
}

fn write_facts(out: &mut Vec<u8>, facts: &ReportFacts) {
    let ReportFacts {
        format,
        format_version,
        tool_version,
        timestamp,
        has_branches,
        has_contexts,
        has_regions,
        // Only coverage.py reports have a display precision.
        precision: _,
    } = facts;
    let format_code = FORMAT_CODES
        .iter()
        .find(|(candidate, _)| candidate == format)
        .map_or(0, |(_, code)| *code);
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
    out.push(format_code);
    out.push(flags);
    for text in [format_version, tool_version, timestamp]
        .into_iter()
        .flatten()
    {
        write_text(out, text);
    }
}

fn read_facts(reader: &mut ByteReader) -> Result<ReportFacts, WireProblem> {
    let code = reader.read_u8("the report's format")?;
    let format = FORMAT_CODES
        .iter()
        .find(|(_, candidate)| *candidate == code)
        .map(|(format, _)| *format)
        .ok_or_else(|| {
            WireProblem::refused(format!(
                "it holds a report of a format this version of Covscope does not know (format {code}); it was probably made by a newer Covscope"
            ))
        })?;
    let flags = reader.read_u8("the report's facts")?;
    check_flags(flags, FACT_KNOWN_FLAGS, "the report's facts")?;
    let mut optional_text = |flag: u8, what: &str| {
        if flags & flag != 0 {
            reader.read_text(what, TextRule::Label).map(Some)
        } else {
            Ok(None)
        }
    };
    let format_version = optional_text(FACT_HAS_FORMAT_VERSION, "the report's format version")?;
    let tool_version = optional_text(FACT_HAS_TOOL_VERSION, "the tool's version")?;
    let timestamp = optional_text(FACT_HAS_TIMESTAMP, "the report's timestamp")?;
    Ok(ReportFacts {
        format,
        format_version,
        tool_version,
        timestamp,
        has_branches: flags & FACT_HAS_BRANCHES != 0,
        has_contexts: flags & FACT_HAS_CONTEXTS != 0,
        has_regions: flags & FACT_HAS_REGIONS != 0,
        precision: Precision::default(),
    })
}

fn write_file(out: &mut Vec<u8>, file: &FileCoverage, previous_path: &str) {
    // Destructuring makes a new field a compile error here, so nothing the model gains is
    // silently left out of links.
    let FileCoverage {
        path,
        counts,
        coverage,
        stated_figures,
        executed_lines,
        missing_lines,
        excluded_lines,
        executed_line_hits,
        has_line_lists,
        // coverage.py's arcs: this layout is never used for coverage.py reports.
        executed_branch_arcs: _,
        missing_branch_arcs: _,
        branch_outcomes,
        line_branches,
        uncovered_spans,
        regions,
        embedded_source,
    } = file;
    write_text_after(out, path, previous_path);
    let has_hits = !executed_line_hits.is_empty()
        && executed_line_hits.len() == executed_lines.len()
        && executed_lines.windows(2).all(|pair| pair[0] < pair[1]);
    let mut flags = 0;
    for (is_set, flag) in [
        (*has_line_lists, FILE_HAS_LINE_LISTS),
        (has_hits, FILE_HAS_HITS),
        (embedded_source.is_some(), FILE_HAS_SOURCE),
    ] {
        if is_set {
            flags |= flag;
        }
    }
    out.push(flags);
    write_lines(out, executed_lines);
    if has_hits {
        for &hits in executed_line_hits {
            write_varint(out, hits);
        }
    }
    write_lines(out, missing_lines);
    write_lines(out, excluded_lines);
    write_tallies(out, &counts.as_metrics());
    write_figure(out, coverage);
    write_stated(out, stated_figures);
    write_varint(out, branch_outcomes.len() as u64);
    // Line differences are taken in 64 bits, as the wire has always stored them.
    let mut previous_line = 0u64;
    for outcome in branch_outcomes {
        let line = u64::from(outcome.line);
        write_signed_varint(out, line.wrapping_sub(previous_line) as i64);
        write_varint(out, u64::from(outcome.block));
        write_varint(out, u64::from(outcome.branch));
        write_varint(
            out,
            outcome.taken.map_or(0, |taken| taken.saturating_add(1)),
        );
        match &outcome.span {
            Some(span) => {
                out.push(1);
                write_span(out, span);
            }
            None => out.push(0),
        }
        previous_line = line;
    }
    write_varint(out, line_branches.len() as u64);
    let mut previous_line = 0u64;
    for branches in line_branches {
        let line = u64::from(branches.line);
        write_signed_varint(out, line.wrapping_sub(previous_line) as i64);
        write_varint(out, u64::from(branches.covered));
        write_varint(out, u64::from(branches.total));
        previous_line = line;
    }
    write_varint(out, uncovered_spans.len() as u64);
    for uncovered in uncovered_spans {
        let code = UNCOVERED_KIND_CODES
            .iter()
            .find(|(kind, _)| *kind == uncovered.kind)
            .map_or(0, |(_, code)| *code);
        out.push(code);
        write_span(out, &uncovered.span);
    }
    write_varint(out, regions.len() as u64);
    let mut previous_name = "";
    for region in regions {
        write_region(out, region, previous_name);
        previous_name = &region.name;
    }
    if let Some(source) = embedded_source {
        write_varint(out, source.len() as u64);
        out.extend_from_slice(source.as_bytes());
    }
}

fn read_file(
    reader: &mut ByteReader,
    budget: &mut DecodeBudget,
    index: u64,
    previous_path: &str,
) -> Result<FileCoverage, WireProblem> {
    let number = index.saturating_add(1);
    let path = reader
        .read_text_after(previous_path, "a file path", TextRule::Label)
        .map_err(|problem| problem.located(format!("file {number}")))?;
    let located = |problem: WireProblem| {
        problem.located(format!("file {number} {}", quote_for_message(&path)))
    };
    read_file_body(reader, budget)
        .map(|file| FileCoverage {
            path: path.clone(),
            ..file
        })
        .map_err(located)
}

fn read_file_body(
    reader: &mut ByteReader,
    budget: &mut DecodeBudget,
) -> Result<FileCoverage, WireProblem> {
    let flags = reader.read_u8("the file's flags")?;
    check_flags(flags, FILE_KNOWN_FLAGS, "the file")?;
    let executed_lines = read_lines(reader, budget, "the executed lines")?;
    let mut executed_line_hits = Vec::new();
    if flags & FILE_HAS_HITS != 0 {
        executed_line_hits.reserve(capacity_for(executed_lines.len() as u64, reader));
        for _ in 0..executed_lines.len() {
            executed_line_hits.push(reader.read_varint("a line's hit count")?);
        }
    }
    let missing_lines = read_lines(reader, budget, "the missing lines")?;
    let excluded_lines = read_lines(reader, budget, "the excluded lines")?;
    let counts = read_tallies(reader, "the file")?;
    let coverage = read_figure(reader, "the file")?;
    let stated_figures = read_stated(reader, "the file")?;
    let maximum = reader.limits().max_entries;
    let outcome_count = reader.read_length("the number of branch outcomes", maximum)?;
    budget.take(outcome_count)?;
    let mut branch_outcomes = Vec::with_capacity(capacity_for(outcome_count, reader));
    let mut previous_line = 0u64;
    for _ in 0..outcome_count {
        let what = "a branch outcome";
        let line = previous_line.wrapping_add(reader.read_signed_varint(what)? as u64);
        previous_line = line;
        let line = fitting_line(line, what)?;
        let block = read_u32(reader, what)?;
        let branch = read_u32(reader, what)?;
        let taken = reader.read_varint(what)?.checked_sub(1);
        let span = if reader.read_bool(what)? {
            Some(read_span(reader)?)
        } else {
            None
        };
        branch_outcomes.push(BranchOutcome {
            line,
            block,
            branch,
            taken,
            span,
        });
    }
    let line_count = reader.read_length("the number of lines with branches", maximum)?;
    budget.take(line_count)?;
    let mut line_branches = Vec::with_capacity(capacity_for(line_count, reader));
    let mut previous_line = 0u64;
    for _ in 0..line_count {
        let what = "a line's branch counts";
        let line = previous_line.wrapping_add(reader.read_signed_varint(what)? as u64);
        previous_line = line;
        let line = fitting_line(line, what)?;
        let covered = read_u32(reader, what)?;
        let total = read_u32(reader, what)?;
        line_branches.push(LineBranches {
            line,
            covered,
            total,
        });
    }
    let span_count = reader.read_length("the number of uncovered stretches", maximum)?;
    budget.take(span_count)?;
    let mut uncovered_spans = Vec::with_capacity(capacity_for(span_count, reader));
    for _ in 0..span_count {
        let code = reader.read_u8("an uncovered stretch")?;
        let kind = UNCOVERED_KIND_CODES
            .iter()
            .find(|(_, candidate)| *candidate == code)
            .map(|(kind, _)| *kind)
            .ok_or_else(|| {
                WireProblem::damaged(format!("an uncovered stretch has the unknown kind {code}"))
            })?;
        uncovered_spans.push(UncoveredSpan {
            kind,
            span: read_span(reader)?,
        });
    }
    let region_count = reader.read_length(
        "the number of regions",
        reader.limits().max_regions_per_file,
    )?;
    budget.take(region_count)?;
    let mut regions = Vec::with_capacity(capacity_for(region_count, reader));
    for region_index in 0..region_count {
        let previous_name = regions
            .last()
            .map_or("", |region: &Region| region.name.as_str());
        let region = read_region(reader, previous_name).map_err(|problem| {
            problem.located(format!("region {}", region_index.saturating_add(1)))
        })?;
        regions.push(region);
    }
    let embedded_source = if flags & FILE_HAS_SOURCE != 0 {
        let length = reader.read_varint("the length of the file's source")?;
        let length = usize::try_from(length).map_err(|_| {
            WireProblem::refused("the file's source is longer than Covscope accepts")
        })?;
        let bytes = reader.read_slice(length, "the file's source")?;
        let text = std::str::from_utf8(bytes)
            .map_err(|_| WireProblem::damaged("the file's source is not valid UTF-8 text"))?;
        Some(text.to_string())
    } else {
        None
    };
    Ok(FileCoverage {
        counts: Counts::Metrics(counts),
        coverage,
        stated_figures,
        executed_lines,
        missing_lines,
        excluded_lines,
        executed_line_hits,
        has_line_lists: flags & FILE_HAS_LINE_LISTS != 0,
        branch_outcomes,
        line_branches,
        uncovered_spans,
        regions,
        embedded_source,
        ..FileCoverage::empty(String::new())
    })
}

fn write_region(out: &mut Vec<u8>, region: &Region, previous_name: &str) {
    let Region {
        kind,
        name,
        start_line,
        end_line,
        counts,
        coverage,
        stated_figures,
        hits,
    } = region;
    let mut flags = match kind {
        RegionKind::Function => 0,
        RegionKind::Class => REGION_IS_CLASS,
    };
    // An end line is stored relative to the start, so it needs one.
    let end_line = end_line.filter(|_| start_line.is_some());
    for (is_set, flag) in [
        (start_line.is_some(), REGION_HAS_START_LINE),
        (end_line.is_some(), REGION_HAS_END_LINE),
        (hits.is_some(), REGION_HAS_HITS),
    ] {
        if is_set {
            flags |= flag;
        }
    }
    out.push(flags);
    write_text_after(out, name, previous_name);
    if let Some(start_line) = start_line {
        write_varint(out, u64::from(*start_line));
        if let Some(end_line) = end_line {
            write_varint(out, u64::from(end_line.saturating_sub(*start_line)));
        }
    }
    write_tallies(out, &counts.as_metrics());
    write_figure(out, coverage);
    write_stated(out, stated_figures);
    if let Some(hits) = hits {
        write_varint(out, *hits);
    }
}

fn read_region(reader: &mut ByteReader, previous_name: &str) -> Result<Region, WireProblem> {
    let flags = reader.read_u8("a region's flags")?;
    check_flags(flags, REGION_KNOWN_FLAGS, "a region")?;
    let name = reader.read_text_after(previous_name, "a region name", TextRule::Label)?;
    let start_line = if flags & REGION_HAS_START_LINE != 0 {
        let what = "a region's start line";
        Some(fitting_line(reader.read_varint(what)?, what)?)
    } else {
        None
    };
    let end_line = match start_line {
        Some(start) if flags & REGION_HAS_END_LINE != 0 => {
            let what = "a region's end line";
            let end = u64::from(start).saturating_add(reader.read_varint(what)?);
            Some(fitting_line(end, what)?)
        }
        _ => None,
    };
    let counts = read_tallies(reader, "the region")?;
    let coverage = read_figure(reader, "the region")?;
    let stated_figures = read_stated(reader, "the region")?;
    let hits = if flags & REGION_HAS_HITS != 0 {
        Some(reader.read_varint("a region's hit count")?)
    } else {
        None
    };
    Ok(Region {
        kind: if flags & REGION_IS_CLASS != 0 {
            RegionKind::Class
        } else {
            RegionKind::Function
        },
        name,
        start_line,
        end_line,
        counts: Counts::Metrics(counts),
        coverage,
        stated_figures,
        hits,
    })
}

fn write_tallies(out: &mut Vec<u8>, counts: &MetricCounts) {
    let mut mask = 0u8;
    for (metric, _) in counts.iter() {
        mask |= 1 << metric_code(metric);
    }
    out.push(mask);
    for (metric, code) in METRIC_CODES {
        if let Some(tally) = counts.get(metric).filter(|_| mask & (1 << code) != 0) {
            // Each count is a difference from what is known: covered from 0, total from
            // covered (the reader's `read_count`).
            write_count(out, tally.covered, 0);
            write_count(out, tally.total, tally.covered);
        }
    }
}

fn read_tallies(reader: &mut ByteReader, owner: &str) -> Result<MetricCounts, WireProblem> {
    let mask = reader.described(
        || format!("the metrics of {owner}"),
        |reader, what| reader.read_u8(what),
    )?;
    let mut counts = MetricCounts::default();
    for (metric, code) in METRIC_CODES {
        if mask & (1 << code) == 0 {
            continue;
        }
        let covered = reader.described(
            || format!("the covered {} of {owner}", metric.key()),
            |reader, what| reader.read_count(0, what),
        )?;
        let total = reader.described(
            || format!("the total {} of {owner}", metric.key()),
            |reader, what| reader.read_count(covered, what),
        )?;
        counts.set(metric, Tally::new(covered, total));
    }
    Ok(counts)
}

fn write_figure(out: &mut Vec<u8>, figure: &CoverageFigure) {
    write_f64(out, figure.percent.value());
    write_text(out, &figure.display);
}

fn read_figure(reader: &mut ByteReader, owner: &str) -> Result<CoverageFigure, WireProblem> {
    let percent = reader.described(
        || format!("the coverage percentage of {owner}"),
        |reader, what| reader.read_finite_f64(what),
    )?;
    let display = reader.described(
        || format!("the coverage shown for {owner}"),
        |reader, what| reader.read_text(what, TextRule::Label),
    )?;
    Ok(CoverageFigure {
        percent: Percent::new(percent),
        display,
    })
}

fn write_stated(out: &mut Vec<u8>, stated: &[MetricFigure]) {
    write_varint(out, stated.len() as u64);
    for figure in stated {
        out.push(metric_code(figure.metric));
        write_figure(out, &figure.figure);
    }
}

fn read_stated(reader: &mut ByteReader, owner: &str) -> Result<Vec<MetricFigure>, WireProblem> {
    let count = reader.described(
        || format!("the number of stated figures of {owner}"),
        |reader, what| reader.read_length(what, Metric::ALL.len() as u64),
    )?;
    let mut stated = Vec::with_capacity(capacity_for(count, reader));
    for _ in 0..count {
        let code = reader.read_u8("a stated figure's metric")?;
        let metric = metric_of_code(code).ok_or_else(|| {
            WireProblem::damaged(format!(
                "{owner} states a figure of the unknown metric {code}"
            ))
        })?;
        stated.push(MetricFigure {
            metric,
            figure: read_figure(reader, owner)?,
        });
    }
    Ok(stated)
}

fn write_span(out: &mut Vec<u8>, span: &SourceSpan) {
    let column = |column: Option<u32>| column.map_or(0, |column| u64::from(column) + 1);
    write_varint(out, u64::from(span.start.line));
    write_varint(out, column(span.start.column));
    write_varint(
        out,
        u64::from(span.end.line.saturating_sub(span.start.line)),
    );
    write_varint(out, column(span.end.column));
}

fn read_span(reader: &mut ByteReader) -> Result<SourceSpan, WireProblem> {
    let what = "a source stretch";
    let start_line = reader.read_varint(what)?;
    let start_column = read_column(reader, what)?;
    let end_line = fitting_line(start_line.saturating_add(reader.read_varint(what)?), what)?;
    let start_line = fitting_line(start_line, what)?;
    let end_column = read_column(reader, what)?;
    Ok(SourceSpan {
        start: SourcePosition {
            line: start_line,
            column: start_column,
        },
        end: SourcePosition {
            line: end_line,
            column: end_column,
        },
    })
}

/// A column stored plus one, with 0 for none.
fn read_column(reader: &mut ByteReader, what: &str) -> Result<Option<u32>, WireProblem> {
    match reader.read_varint(what)? {
        0 => Ok(None),
        stored => u32::try_from(stored - 1)
            .map(Some)
            .map_err(|_| WireProblem::damaged(format!("{what} has a column past 2^32"))),
    }
}

fn read_u32(reader: &mut ByteReader, what: &str) -> Result<u32, WireProblem> {
    let value = reader.read_varint(what)?;
    u32::try_from(value)
        .map_err(|_| WireProblem::damaged(format!("{what} holds {value}, more than 2^32")))
}
