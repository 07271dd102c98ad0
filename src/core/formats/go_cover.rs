//! Reads Go's cover profile (`go test -coverprofile`) into the model: statements per file
//! weighed as `go tool cover` weighs them, and lines and never-run spans derived from the
//! blocks.
//!
//! Refs: golang.org/x/tools `cover/profile.go` (`ParseProfilesFromReader`, `parseLine`),
//! which `go tool cover` uses; Go `cmd/cover/func.go` (`funcOutput`, `percent`) and
//! `testing/cover.go` (`coverReport`, "coverage: x% of statements").
//!
//! The format: a first line `mode: set|count|atomic`, then one block per line,
//! `<import path of file>:<start line>.<start column>,<end line>.<end column> <statements> <count>`.
//! What Covscope makes of it:
//! - Statements are the metric: a file's tally is the statements of all its blocks, covered
//!   when the block's count is above 0; the total is the sum of the files, which is what
//!   `go test` prints ("coverage: 91.6% of statements") and what `go tool cover -func`
//!   prints as its total whenever every block lies inside a function.
//! - Blocks listed more than once (one per test binary with `-coverpkg`, or profiles
//!   concatenated) are merged as `go tool cover` merges them: a block with the same start
//!   and end is one block, its counts summed (OR-ed in `set` mode). Go merges only
//!   neighbours after sorting by start, so the rare identical blocks it leaves apart when
//!   another block shares their start are merged here as well. Blocks are kept out of
//!   order as written and sorted; a block with 0 statements counts nothing.
//! - There are no function names in a profile (`go tool cover -func` reads the sources to
//!   find them), so no function regions are made: a function's extent cannot be told from
//!   its blocks alone.
//! - Lines: a line is part of every block (with statements) whose span reaches it; it ran
//!   when any of those blocks ran, and is missing when none did. A line that is partly
//!   covered (a block that ran and one that never ran on the same line, such as
//!   `if err != nil { return err }`) is marked as run, and the never-run block's span, with
//!   its columns, is in the file's uncovered spans, as `go tool cover -html` paints it.
//!   In `count` and `atomic` mode a line's hits are the largest count of its blocks.
//! - Paths stay import paths (`github.com/BurntSushi/toml/lex.go`), as the profile writes
//!   them: Covscope never guesses where the module lives on disk.
use std::cmp::Reverse;
use std::collections::{BinaryHeap, HashMap};

use super::line_records::{
    implausible_number_message, parse_count, quoted_line, read_lines_reporting_progress,
    skipped_text, sort_stably, GatheredWarning, NumberProblem, SkippedUnit, TextLine, TextLines,
};
use crate::core::model::{
    Counts, CoverageFormat, CoverageReport, FileCoverage, LineNumber, Metric, MetricCounts,
    ReportFacts, SourcePosition, SourceSpan, Tally, UncoveredKind, UncoveredSpan,
};
use crate::core::text::{counted, Diagnostic, Noun, ParseOutcome};

/// Parses the bytes of a Go cover profile, calling `on_progress` with the bytes read so far
/// about every MiB and last with `bytes.len()`.
pub fn parse_go_cover(
    bytes: &[u8],
    on_progress: &mut dyn FnMut(usize),
) -> ParseOutcome<CoverageReport> {
    let line_budget = LINES_PER_INPUT_BYTE
        .saturating_mul(bytes.len())
        .max(SMALLEST_LINE_BUDGET);
    read_lines_reporting_progress(bytes, on_progress, |_text, lines| {
        read_profile(lines, line_budget)
    })
}

/// How many source lines the blocks of a profile may reach in all, per byte of profile,
/// and at the least. A block line of about 60 bytes rarely spans more than a few dozen
/// lines (a function returning a long literal table is the exception), so this is far
/// above any real profile while keeping a crafted one (`1.1,999999999.1`) from making
/// Covscope list a billion lines.
const LINES_PER_INPUT_BYTE: usize = 64;
const SMALLEST_LINE_BUDGET: usize = 200_000;

/// How a profile's counts are to be read and merged.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum CoverMode {
    /// Counts are 0 or 1 (did the block run); merged by OR.
    Set,
    /// Counts are how often a block ran; merged by summing.
    Count,
}

/// The modes `go test -covermode` writes, and how each is read.
const COVER_MODES: [(&str, CoverMode); 3] = [
    ("set", CoverMode::Set),
    ("count", CoverMode::Count),
    ("atomic", CoverMode::Count),
];

/// One block line: a span of a file, its statements and how often it ran.
#[derive(Clone, Copy, Debug)]
struct Block {
    start_line: u64,
    start_column: u64,
    end_line: u64,
    end_column: u64,
    statements: u64,
    count: u64,
    /// Where in the profile it was read, for messages.
    profile_line: usize,
}

/// Warnings gathered over the whole profile, each reported once.
#[derive(Default)]
struct ProfileWarnings {
    unreadable_lines: GatheredWarning,
    mode_changes: GatheredWarning,
    impossible_spans: GatheredWarning,
    last_line_cut: bool,
}

/// What is wrong with one block line.
enum BlockProblem {
    Unreadable(String),
    Implausible { field: &'static str, value: String },
}

fn read_profile(mut lines: TextLines<'_, '_>, line_budget: usize) -> ParseOutcome<CoverageReport> {
    let mut warnings = ProfileWarnings::default();
    let mut mode_line: Option<(&str, CoverMode)> = None;
    let mut blocks_by_file: Vec<(&str, Vec<Block>)> = Vec::new();
    let mut file_index: HashMap<&str, usize> = HashMap::new();
    let mut unknown_mode = None;
    let mut last_file: Option<(&str, usize)> = None;

    for line in lines.by_ref() {
        let text = line.text;
        if text.is_empty() {
            continue;
        }
        if let Some(mode) = text.strip_prefix("mode:") {
            let mode = mode.trim();
            match mode_line {
                None => {
                    let read_as = match COVER_MODES.iter().find(|(name, _)| *name == mode) {
                        Some(&(_, read_as)) => read_as,
                        None => {
                            unknown_mode = Some(mode);
                            CoverMode::Count
                        }
                    };
                    mode_line = Some((mode, read_as));
                }
                // Profiles concatenated with `cat` repeat the mode line; Go's own reader
                // would stop there, Covscope reads on.
                Some((first, _)) if first != mode => warnings
                    .mode_changes
                    .note(|| format!("line {}: `mode: {mode}` after `mode: {first}`", line.number)),
                Some(_) => {}
            }
            continue;
        }
        if mode_line.is_none() {
            return ParseOutcome::failure(format!(
                "line {}: a Go cover profile starts with `mode: set`, `mode: count` or `mode: atomic`, but this file starts with {}",
                line.number,
                quoted_line(text)
            ));
        }
        match read_block(line) {
            Ok((path, block)) => {
                // Go writes a file's blocks together, so the file of the line before is
                // nearly always this one's: compared before any hashing.
                let index = match last_file {
                    Some((last_path, index)) if last_path == path => index,
                    _ => *file_index.entry(path).or_insert_with(|| {
                        blocks_by_file.push((path, Vec::new()));
                        blocks_by_file.len() - 1
                    }),
                };
                last_file = Some((path, index));
                if let Some((_, blocks)) = blocks_by_file.get_mut(index) {
                    blocks.push(block);
                }
            }
            Err(BlockProblem::Unreadable(what)) => warnings
                .unreadable_lines
                .note(|| format!("line {}: {}: {what}", line.number, quoted_line(text))),
            Err(BlockProblem::Implausible { field, value }) => {
                return ParseOutcome::failure(implausible_number_message(line, field, &value))
            }
        }
    }
    if lines.ends_without_newline() && warnings.unreadable_lines.count() > 0 {
        warnings.last_line_cut = true;
    }
    let Some((mode, read_as)) = mode_line else {
        return ParseOutcome::failure("the file has no lines, so it is not a Go cover profile");
    };
    if blocks_by_file.is_empty() {
        return ParseOutcome::failure(format!(
            "the profile has its `mode: {mode}` line but no blocks: the tests measured no code (go test writes this for packages without test files)"
        ));
    }
    build_report(blocks_by_file, read_as, unknown_mode, warnings, line_budget)
}

/// Reads `<file>:<line>.<column>,<line>.<column> <statements> <count>` from its end, as Go's
/// `parseLine` does, so a file name may itself hold `:` or `.`.
fn read_block(line: TextLine<'_>) -> Result<(&str, Block), BlockProblem> {
    let text = line.text;
    let (rest, count) = split_last(text, b' ', "count")?;
    let (rest, statements) = split_last(rest, b' ', "number of statements")?;
    let (rest, end_column) = split_last(rest, b'.', "end column")?;
    let (rest, end_line) = split_last(rest, b',', "end line")?;
    let (rest, start_column) = split_last(rest, b'.', "start column")?;
    let (path, start_line) = split_last(rest, b':', "start line")?;
    if path.is_empty() {
        return Err(BlockProblem::Unreadable("it has no file name".to_string()));
    }
    Ok((
        path,
        Block {
            start_line,
            start_column,
            end_line,
            end_column,
            statements,
            count,
            profile_line: line.number,
        },
    ))
}

/// The text before the last `separator` and the number after it.
fn split_last<'text>(
    text: &'text str,
    separator: u8,
    field: &'static str,
) -> Result<(&'text str, u64), BlockProblem> {
    let at = memchr::memrchr(separator, text.as_bytes())
        .ok_or_else(|| BlockProblem::Unreadable(format!("the {field} is missing")))?;
    let (before, number) = (
        text.get(..at).unwrap_or(""),
        text.get(at + 1..).unwrap_or(""),
    );
    let value = parse_count(number).map_err(|problem| match problem {
        NumberProblem::NotANumber => {
            BlockProblem::Unreadable(format!("the {field} is not a whole number"))
        }
        NumberProblem::Implausible => BlockProblem::Implausible {
            field,
            value: number.to_string(),
        },
    })?;
    Ok((before, value))
}

fn build_report(
    mut blocks_by_file: Vec<(&str, Vec<Block>)>,
    mode: CoverMode,
    unknown_mode: Option<&str>,
    mut warnings: ProfileWarnings,
    line_budget: usize,
) -> ParseOutcome<CoverageReport> {
    // `go tool cover` lists files in name order (ParseProfiles sorts them).
    let mut file_order: Vec<(&str, usize)> = blocks_by_file
        .iter()
        .enumerate()
        .map(|(index, (path, _))| (*path, index))
        .collect();
    sort_stably(&mut file_order, &|left, right| left.0.cmp(right.0));
    let facts = ReportFacts::of_format(CoverageFormat::Go);
    let mut lines_left = line_budget;
    let mut files = Vec::with_capacity(blocks_by_file.len());
    for (path, index) in file_order {
        let Some((_, blocks)) = blocks_by_file.get_mut(index) else {
            continue;
        };
        let blocks = std::mem::take(blocks);
        let blocks = match merge_blocks(blocks, mode) {
            Ok(blocks) => blocks,
            Err(message) => return ParseOutcome::failure(format!("{path}: {message}")),
        };
        match convert_file(path, &blocks, mode, &facts, &mut lines_left, &mut warnings) {
            Ok(file) => files.push(file),
            Err(FileProblem::TooManyLines) => {
                return ParseOutcome::failure(format!(
                    "the blocks reach more than {line_budget} source lines in all (by {path}), far more than a profile of this size describes; the file is damaged or made up"
                ))
            }
            Err(FileProblem::LineBeyondModel(line)) => {
                return ParseOutcome::failure(format!(
                    "{path}: a block reaches line {line}, beyond the largest line number Covscope holds ({}); the file is damaged or made up",
                    LineNumber::MAX
                ))
            }
        }
    }
    let totals: Counts = files.iter().map(|file| &file.counts).sum();
    let total_coverage = facts.headline_figure(&totals);
    let mut diagnostics = Vec::new();
    if let Some(mode) = unknown_mode {
        diagnostics.push(Diagnostic::warning(format!(
            "the mode is `{mode}`, which go test does not write (it writes set, count or atomic); the counts are read as counts"
        )));
    }
    diagnostics.extend(
        describe_warnings(&warnings)
            .into_iter()
            .map(Diagnostic::warning),
    );
    let report = CoverageReport {
        facts,
        files,
        totals,
        total_coverage,
        stated_total_figures: Vec::new(),
    };
    ParseOutcome::success(report, diagnostics)
}

/// Sorts a file's blocks by position and merges blocks with the same span, as
/// `ParseProfilesFromReader` does; two copies of a span with different statement counts
/// are refused, as Go refuses them.
fn merge_blocks(mut blocks: Vec<Block>, mode: CoverMode) -> Result<Vec<Block>, String> {
    let span = |block: &Block| {
        (
            block.start_line,
            block.start_column,
            block.end_line,
            block.end_column,
        )
    };
    sort_stably(&mut blocks, &|left, right| span(left).cmp(&span(right)));
    let mut merged: Vec<Block> = Vec::with_capacity(blocks.len());
    for block in blocks {
        match merged.last_mut() {
            Some(last)
                if (
                    last.start_line,
                    last.start_column,
                    last.end_line,
                    last.end_column,
                ) == (
                    block.start_line,
                    block.start_column,
                    block.end_line,
                    block.end_column,
                ) =>
            {
                if last.statements != block.statements {
                    return Err(format!(
                        "the block {}.{},{}.{} has {} at line {} of the profile but {} at line {}; go tool cover refuses such a profile (inconsistent NumStmt)",
                        block.start_line,
                        block.start_column,
                        block.end_line,
                        block.end_column,
                        counted(last.statements, Noun::new("statement", "statements")),
                        last.profile_line,
                        block.statements,
                        block.profile_line
                    ));
                }
                last.count = match mode {
                    CoverMode::Set => last.count | block.count,
                    CoverMode::Count => last.count.saturating_add(block.count),
                };
            }
            _ => merged.push(block),
        }
    }
    Ok(merged)
}

/// Why a file's blocks cannot become lines.
enum FileProblem {
    /// Its lines would go past what is left of the budget.
    TooManyLines,
    /// A block reaches a line the model cannot hold (past [`LineNumber::MAX`]).
    LineBeyondModel(u64),
}

/// One file's statements, lines and never-run spans.
fn convert_file(
    path: &str,
    blocks: &[Block],
    mode: CoverMode,
    facts: &ReportFacts,
    lines_left: &mut usize,
    warnings: &mut ProfileWarnings,
) -> Result<FileCoverage, FileProblem> {
    let statements = blocks.iter().fold(Tally::default(), |tally, block| {
        tally
            + Tally::new(
                if block.count > 0 { block.statements } else { 0 },
                block.statements,
            )
    });
    let counts = Counts::Metrics(MetricCounts::default().with(Metric::Statements, statements));
    let segments = line_segments(blocks, path, warnings);
    let line_count = segments.iter().fold(0u64, |sum, segment| {
        sum.saturating_add(segment.last_line - segment.first_line + 1)
    });
    let line_count = usize::try_from(line_count).unwrap_or(usize::MAX);
    *lines_left = lines_left
        .checked_sub(line_count)
        .ok_or(FileProblem::TooManyLines)?;
    let mut executed_lines = Vec::new();
    let mut executed_line_hits = Vec::new();
    let mut missing_lines = Vec::new();
    for segment in &segments {
        let first = model_line(segment.first_line)?;
        let last = model_line(segment.last_line)?;
        for line in first..=last {
            if segment.count > 0 {
                executed_lines.push(line);
                if mode == CoverMode::Count {
                    executed_line_hits.push(segment.count);
                }
            } else {
                missing_lines.push(line);
            }
        }
    }
    let uncovered_spans = blocks
        .iter()
        .filter(|block| block.count == 0)
        .map(|block| {
            Ok(UncoveredSpan {
                kind: UncoveredKind::Statement,
                span: SourceSpan {
                    start: go_position(block.start_line, block.start_column)?,
                    end: go_position(block.end_line, block.end_column)?,
                },
            })
        })
        .collect::<Result<_, FileProblem>>()?;
    Ok(FileCoverage {
        coverage: facts.headline_figure(&counts),
        counts,
        executed_lines,
        executed_line_hits,
        missing_lines,
        has_line_lists: true,
        uncovered_spans,
        ..FileCoverage::empty(path.to_string())
    })
}

/// Go counts columns from 1 in bytes; the model counts from 0. An end column stays
/// exclusive, as Go's block end is.
fn go_position(line: u64, column: u64) -> Result<SourcePosition, FileProblem> {
    Ok(SourcePosition {
        line: model_line(line)?,
        column: Some(u32::try_from(column.saturating_sub(1)).unwrap_or(u32::MAX)),
    })
}

/// A block's line as the model holds it. Blocks are read in 64 bits so that the line budget
/// speaks first about spans no source has; a line past the model's is refused, not cut.
fn model_line(line: u64) -> Result<LineNumber, FileProblem> {
    LineNumber::try_from(line).map_err(|_| FileProblem::LineBeyondModel(line))
}

/// A run of lines whose largest block count is the same.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct LineSegment {
    first_line: u64,
    last_line: u64,
    count: u64,
}

/// The lines the blocks with statements reach, as runs with the largest count of the
/// blocks over each line, in order: a sweep over the blocks sorted by start, keeping the
/// blocks that reach the current line in a heap by count, so the work grows with the
/// number of blocks and not with the lines they span.
fn line_segments(blocks: &[Block], path: &str, warnings: &mut ProfileWarnings) -> Vec<LineSegment> {
    let mut spans: Vec<(u64, u64, u64)> = Vec::with_capacity(blocks.len());
    for block in blocks.iter().filter(|block| block.statements > 0) {
        if block.end_line < block.start_line || block.start_line == 0 {
            warnings.impossible_spans.note(|| {
                format!(
                    "{path}:{}.{},{}.{} (line {} of the profile)",
                    block.start_line,
                    block.start_column,
                    block.end_line,
                    block.end_column,
                    block.profile_line
                )
            });
            continue;
        }
        spans.push((block.start_line, block.end_line, block.count));
    }
    sort_stably(&mut spans, &|left, right| left.cmp(right));
    let mut segments: Vec<LineSegment> = Vec::new();
    // Blocks over the current line: the largest count first, and the one ending first
    // among equal counts.
    let mut active: BinaryHeap<(u64, Reverse<u64>)> = BinaryHeap::new();
    let mut next = 0;
    let mut line = 0u64;
    loop {
        if active.is_empty() {
            match spans.get(next) {
                Some(&(start, _, _)) => line = line.max(start),
                None => break,
            }
        }
        while let Some(&(start, end, count)) = spans.get(next) {
            if start > line {
                break;
            }
            active.push((count, Reverse(end)));
            next += 1;
        }
        while active.peek().is_some_and(|&(_, Reverse(end))| end < line) {
            active.pop();
        }
        let Some(&(count, Reverse(end))) = active.peek() else {
            continue;
        };
        let next_start = spans.get(next).map_or(u64::MAX, |&(start, _, _)| start);
        let last_line = end.min(next_start.saturating_sub(1));
        match segments.last_mut() {
            Some(previous)
                if previous.count == count && previous.last_line.checked_add(1) == Some(line) =>
            {
                previous.last_line = last_line;
            }
            _ => segments.push(LineSegment {
                first_line: line,
                last_line,
                count,
            }),
        }
        match last_line.checked_add(1) {
            Some(following) => line = following,
            None => break,
        }
    }
    segments
}

fn describe_warnings(warnings: &ProfileWarnings) -> Vec<String> {
    let texts = [
        warnings.unreadable_lines.describe(|count| {
            let unit = SkippedUnit {
                noun: Noun::new("line", "lines"),
                read_as: " as blocks",
            };
            skipped_text(count, unit, warnings.last_line_cut)
        }),
        warnings.mode_changes.describe(|count| {
            format!(
                "{} a different mode (profiles of different modes were joined); every count is read by the first mode line's rule",
                counted(count, Noun::new("mode line names", "mode lines name"))
            )
        }),
        warnings.impossible_spans.describe(|count| {
            format!(
                "{} at line 0 or {} before {}; {} statements are counted, but no lines are marked for {}",
                counted(count, Noun::new("block starts", "blocks start")),
                if count == 1 { "ends" } else { "end" },
                if count == 1 { "it starts" } else { "they start" },
                if count == 1 { "its" } else { "their" },
                if count == 1 { "it" } else { "them" }
            )
        }),
    ];
    texts.into_iter().flatten().collect()
}
