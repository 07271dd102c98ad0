//! What a source view marks on each line of a file: run, missed, partly run or excluded,
//! how often it ran, and which of its branches never went where, in plain sentences.
//!
//! The marks come from the report alone; a source file that does not fit them (a mark
//! beyond its last line, a run line that is blank) is flagged by [`source_fit`] as
//! possibly stale rather than marked wrongly.
//!
//! Refs: coverage.py `coverage/results.py` (`Analysis.missing_branch_arcs`: the partial
//! lines), `coverage/html.py` (line classes run/mis/par/exc); lcov `BRDA` (`-` = never
//! evaluated).
use std::collections::{BTreeMap, BTreeSet};

use crate::core::model::{FileCoverage, LineNumber, RegionKind};

/// How a line is marked.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum LineStatus {
    Run,
    Miss,
    /// Ran, but some of its branches never went one of their ways.
    Partial,
    Excluded,
    /// Not measured (blank lines, comments, declarations).
    None,
}

/// One measured (or excluded) line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct LineMark {
    pub line: u64,
    pub status: LineStatus,
    /// How often the line ran, where the format counts it.
    pub hits: Option<u64>,
    /// One sentence per branch of this line that never went one of its ways.
    pub branch_notes: Vec<String>,
}

/// The marks of a file, by line.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineMarks {
    marks: BTreeMap<u64, LineMark>,
}

impl LineStatus {
    /// The `data-status` hook value.
    pub fn key(self) -> &'static str {
        match self {
            LineStatus::Run => "run",
            LineStatus::Miss => "miss",
            LineStatus::Partial => "partial",
            LineStatus::Excluded => "excluded",
            LineStatus::None => "none",
        }
    }

    /// Whether the line is something a reader looks for: a miss or a partial line.
    pub fn is_gap(self) -> bool {
        matches!(self, LineStatus::Miss | LineStatus::Partial)
    }
}

impl LineMarks {
    pub fn get(&self, line: u64) -> Option<&LineMark> {
        self.marks.get(&line)
    }

    /// The status of a line, `None` when the report says nothing about it.
    pub fn status(&self, line: u64) -> LineStatus {
        self.marks
            .get(&line)
            .map_or(LineStatus::None, |mark| mark.status)
    }

    pub fn iter(&self) -> impl Iterator<Item = &LineMark> {
        self.marks.values()
    }

    /// The highest line any mark is on.
    pub fn last_marked_line(&self) -> Option<u64> {
        self.marks.keys().next_back().copied()
    }

    /// The next gap (miss or partial) after `line`, for the "next miss" key.
    pub fn next_gap_after(&self, line: u64) -> Option<u64> {
        self.marks
            .range(line.saturating_add(1)..)
            .find(|(_, mark)| mark.status.is_gap())
            .map(|(&line, _)| line)
    }

    /// The previous gap before `line`, for the "previous miss" key.
    pub fn previous_gap_before(&self, line: u64) -> Option<u64> {
        self.marks
            .range(..line)
            .rev()
            .find(|(_, mark)| mark.status.is_gap())
            .map(|(&line, _)| line)
    }

    /// The gap a "next miss" (`forward`) or "previous miss" key leads to from the chosen
    /// line: from the top of the file when none is chosen, from its end going back.
    pub fn gap_from(&self, chosen: Option<u64>, forward: bool) -> Option<u64> {
        if forward {
            self.next_gap_after(chosen.unwrap_or(0))
        } else {
            self.previous_gap_before(chosen.unwrap_or(u64::MAX))
        }
    }

    /// Every gap line in order, for the minimap beside the scrollbar.
    pub fn gap_lines(&self) -> Vec<(u64, LineStatus)> {
        self.marks
            .values()
            .filter(|mark| mark.status.is_gap())
            .map(|mark| (mark.line, mark.status))
            .collect()
    }
}

/// The marks of one file of a report.
pub fn line_marks(file: &FileCoverage) -> LineMarks {
    let mut marks: BTreeMap<u64, LineMark> = BTreeMap::new();
    let mut put = |line: u64, status: LineStatus, hits: Option<u64>| {
        marks.insert(
            line,
            LineMark {
                line,
                status,
                hits,
                branch_notes: Vec::new(),
            },
        );
    };
    // The marks are per file and keyed as the source view counts lines, in 64 bits.
    let excluded: BTreeSet<u64> = file.excluded_lines.iter().copied().map(u64::from).collect();
    for (position, &line) in file.executed_lines.iter().enumerate() {
        let line = u64::from(line);
        if !excluded.contains(&line) {
            put(
                line,
                LineStatus::Run,
                file.executed_line_hits.get(position).copied(),
            );
        }
    }
    let counts_hits = !file.executed_line_hits.is_empty();
    for &line in &file.missing_lines {
        put(u64::from(line), LineStatus::Miss, counts_hits.then_some(0));
    }
    for &line in &excluded {
        put(line, LineStatus::Excluded, None);
    }
    for (line, note) in branch_notes(file) {
        if let Some(mark) = marks.get_mut(&line) {
            if mark.status == LineStatus::Run {
                mark.status = LineStatus::Partial;
            }
            if !mark.branch_notes.contains(&note) {
                mark.branch_notes.push(note);
            }
        }
    }
    LineMarks { marks }
}

/// Sentences for the branches that never went one of their ways, by line.
fn branch_notes(file: &FileCoverage) -> Vec<(u64, String)> {
    let mut notes = Vec::new();
    for arc in &file.missing_branch_arcs {
        let Ok(from) = u64::try_from(arc.from) else {
            continue;
        };
        let sentence = if arc.to > 0 {
            format!("line {from} never jumped to line {}", arc.to)
        } else {
            let start = arc.to.unsigned_abs();
            match code_named_at(file, start) {
                Some((RegionKind::Class, name)) => {
                    format!("line {from} never left the body of class {name}")
                }
                Some((RegionKind::Function, name)) => {
                    format!("line {from} never returned from {name}")
                }
                None => format!("line {from} never left the code that starts at line {start}"),
            }
        };
        notes.push((from, sentence));
    }
    for outcome in &file.branch_outcomes {
        let sentence = match outcome.taken {
            None => format!(
                "condition {} on line {} was never evaluated",
                outcome.block + 1,
                outcome.line
            ),
            Some(0) => format!(
                "branch {} of condition {} on line {} was never taken",
                outcome.branch + 1,
                outcome.block + 1,
                outcome.line
            ),
            Some(_) => continue,
        };
        notes.push((u64::from(outcome.line), sentence));
    }
    for line in &file.line_branches {
        if line.covered < line.total {
            notes.push((
                u64::from(line.line),
                format!(
                    "{} of the {} branches on line {} were taken",
                    line.covered, line.total, line.line
                ),
            ));
        }
    }
    notes
}

/// The function or class that starts at a line, by the report's regions.
fn code_named_at(file: &FileCoverage, start_line: LineNumber) -> Option<(RegionKind, String)> {
    file.regions
        .iter()
        .filter(|region| region.start_line == Some(start_line) && !region.name.is_empty())
        // A method is listed under its class too; the innermost (longest) name is it.
        .max_by_key(|region| (region.kind == RegionKind::Function, region.name.len()))
        .map(|region| (region.kind, region.name.clone()))
}

/// Why a source text may not be the one the report measured.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SourceMisfit {
    /// The report marks a line past the end of the text.
    MarkBeyondEnd { line: u64, line_count: u64 },
    /// The report says a blank line ran or was missed.
    MarkOnBlankLine { line: u64 },
}

impl SourceMisfit {
    pub fn describe(&self) -> String {
        match self {
            SourceMisfit::MarkBeyondEnd { line, line_count } => format!(
                "the report marks line {line}, but this source has only {line_count} lines; it may not be the version that was measured"
            ),
            SourceMisfit::MarkOnBlankLine { line } => format!(
                "the report says blank line {line} ran or was missed; this source may not be the version that was measured"
            ),
        }
    }
}

/// Checks a source text against a file's marks: the first misfit found, if any.
///
/// Formats that count every physical line (V8-based Istanbul reports) mark blank lines as
/// run, so blank lines are only held against formats that measure statements.
pub fn source_fit(marks: &LineMarks, source: &str, marks_every_line: bool) -> Option<SourceMisfit> {
    let lines: Vec<&str> = source.lines().collect();
    let line_count = lines.len() as u64;
    if let Some(last) = marks.last_marked_line() {
        if last > line_count {
            return Some(SourceMisfit::MarkBeyondEnd {
                line: last,
                line_count,
            });
        }
    }
    if marks_every_line {
        return None;
    }
    marks
        .iter()
        .filter(|mark| matches!(mark.status, LineStatus::Run | LineStatus::Miss))
        .find(|mark| {
            usize::try_from(mark.line.saturating_sub(1))
                .ok()
                .and_then(|index| lines.get(index))
                .is_some_and(|text| text.trim().is_empty())
        })
        .map(|mark| SourceMisfit::MarkOnBlankLine { line: mark.line })
}
