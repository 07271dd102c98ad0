//! Combines several reports of one project (unit and integration runs, shards) into one,
//! as `coverage combine` and `lcov --add-tracefile` do.
//!
//! Only line-level data can be combined: a line, arc or branch that ran in any report ran
//! in the combination, and hit counts add up. Figures that cannot be rebuilt from what the
//! reports list (an Istanbul statement count, a JaCoCo instruction count, llvm-cov's
//! regions) are left out with a warning rather than guessed; a format whose single figure
//! is one of those cannot be combined at all, and says what to use instead.
//!
//! Refs: coverage.py `coverage/data.py` (`combine_parallel_data`: the union of lines and
//! arcs), `coverage/results.py` (`Analysis`: statements, missing, `missing_branch_arcs`,
//! `n_partial_branches`, the missing arcs of lines that ran); lcov `bin/lcov` (`--add-tracefile`: hits summed per line,
//! function and branch).
use std::collections::{BTreeMap, BTreeSet};

use crate::core::model::{
    BranchArc, BranchOutcome, Counts, CoverageCounts, CoverageFigure, CoverageFormat,
    CoverageReport, FileCoverage, Headline, LineNumber, Metric, MetricCounts, Precision, Region,
    RegionKind, ReportFacts, Tally,
};
use crate::core::text::{Diagnostic, ParseOutcome};

/// The metrics a combination can rebuild from line data: lines from the line lists,
/// branches from listed outcomes, functions from regions with hit counts.
const REBUILDABLE_METRICS: [Metric; 3] = [Metric::Lines, Metric::Branches, Metric::Functions];

/// Combines reports of one format into one report.
///
/// Fails with a message when the reports are of different formats, when there are fewer
/// than two, when a file lacks line lists, or when the format's single figure cannot be
/// rebuilt from line data.
pub fn combine_reports(reports: &[&CoverageReport]) -> ParseOutcome<CoverageReport> {
    let Some(first) = reports.first() else {
        return ParseOutcome::failure("there is no report to combine");
    };
    if reports.len() < 2 {
        return ParseOutcome::failure("combining needs at least two reports");
    }
    let format = first.facts.format;
    if let Some(other) = reports.iter().find(|report| report.facts.format != format) {
        return ParseOutcome::failure(format!(
            "only reports of one format can be combined: one is {}, another {}",
            format.profile().name,
            other.facts.format.profile().name
        ));
    }
    if format == CoverageFormat::CoveragePy {
        combine_coverage_py(reports)
    } else {
        combine_line_data(reports, format)
    }
}

/// The facts of a combination: the newest timestamp, a version only when all agree.
fn combined_facts(reports: &[&CoverageReport], format: CoverageFormat) -> ReportFacts {
    let agreed = |pick: fn(&ReportFacts) -> &Option<String>| {
        let first = pick(&reports[0].facts);
        reports
            .iter()
            .all(|report| pick(&report.facts) == first)
            .then(|| first.clone())
            .flatten()
    };
    ReportFacts {
        format,
        format_version: agreed(|facts| &facts.format_version),
        tool_version: agreed(|facts| &facts.tool_version),
        timestamp: reports
            .iter()
            .filter_map(|report| report.facts.timestamp.clone())
            .max(),
        has_branches: reports.iter().all(|report| report.facts.has_branches),
        has_contexts: false,
        has_regions: false,
        precision: Precision(
            reports
                .iter()
                .map(|report| report.facts.precision.0)
                .max()
                .unwrap_or(0),
        ),
    }
}

/// Each path's files, in the order paths first appear.
fn files_by_path<'report>(
    reports: &[&'report CoverageReport],
) -> Vec<(&'report str, Vec<&'report FileCoverage>)> {
    let mut order: Vec<&str> = Vec::new();
    let mut by_path: BTreeMap<&str, Vec<&FileCoverage>> = BTreeMap::new();
    for report in reports {
        for file in &report.files {
            let entry = by_path.entry(file.path.as_str()).or_default();
            if entry.is_empty() {
                order.push(file.path.as_str());
            }
            entry.push(file);
        }
    }
    order
        .into_iter()
        .map(|path| (path, by_path.remove(path).unwrap_or_default()))
        .collect()
}

fn missing_line_lists(path: &str) -> String {
    format!(
        "the file \"{path}\" has no line lists in one of the reports, so which lines ran cannot be combined"
    )
}

fn combine_coverage_py(reports: &[&CoverageReport]) -> ParseOutcome<CoverageReport> {
    let facts = combined_facts(reports, CoverageFormat::CoveragePy);
    let precision = facts.precision;
    let mut warnings = Vec::new();
    if reports
        .iter()
        .any(|report| report.facts.precision != facts.precision)
    {
        warnings.push(Diagnostic::warning(format!(
            "the reports display different precisions; the combination uses {} decimals",
            facts.precision.0
        )));
    }
    if reports.iter().any(|report| report.facts.has_regions) {
        warnings.push(Diagnostic::warning(
            "functions and classes are not combined: their line lists are not kept, so their figures cannot be rebuilt",
        ));
    }
    let mut changed_sources = Vec::new();
    let mut files = Vec::new();
    for (path, parts) in files_by_path(reports) {
        if parts.iter().any(|file| !file.has_line_lists) {
            return ParseOutcome::failure(missing_line_lists(path));
        }
        let combined =
            combine_coverage_py_file(path, &parts, facts.precision, &mut changed_sources);
        files.push(combined);
    }
    if let Some(first) = changed_sources.first() {
        warnings.push(Diagnostic::warning(format!(
            "{} {} different statements in different reports (first: \"{first}\"), so the source changed between the runs; their statements were joined",
            changed_sources.len(),
            if changed_sources.len() == 1 { "file has" } else { "files have" }
        )));
    }
    let totals: CoverageCounts = files
        .iter()
        .filter_map(|file| file.counts.coverage_py())
        .sum();
    let percent = totals.percent_covered();
    let report = CoverageReport {
        facts,
        files,
        totals: Counts::CoveragePy(totals),
        total_coverage: CoverageFigure {
            percent,
            display: percent.display(precision),
        },
        stated_total_figures: Vec::new(),
    };
    ParseOutcome::success(report, warnings)
}

/// One file's combination in coverage.py's terms: statements are the executed lines that
/// are not excluded plus the missing ones; a statement that ran anywhere ran; an arc that
/// ran anywhere ran; the branch total is the file's own (coverage.py counts arcs from
/// `# pragma: no branch` lines in it that no list shows).
fn combine_coverage_py_file(
    path: &str,
    parts: &[&FileCoverage],
    precision: Precision,
    changed_sources: &mut Vec<String>,
) -> FileCoverage {
    let mut statements: BTreeSet<LineNumber> = BTreeSet::new();
    let mut executed: BTreeSet<LineNumber> = BTreeSet::new();
    let mut excluded: BTreeSet<LineNumber> = BTreeSet::new();
    let mut executed_arcs: BTreeSet<BranchArc> = BTreeSet::new();
    let mut all_arcs: BTreeSet<BranchArc> = BTreeSet::new();
    let mut first_statements: Option<BTreeSet<LineNumber>> = None;
    let mut branch_total = 0u64;
    for file in parts {
        let own_excluded: BTreeSet<LineNumber> = file.excluded_lines.iter().copied().collect();
        let own_statements: BTreeSet<LineNumber> = file
            .executed_lines
            .iter()
            .copied()
            .filter(|line| !own_excluded.contains(line))
            .chain(file.missing_lines.iter().copied())
            .collect();
        match &first_statements {
            None => first_statements = Some(own_statements.clone()),
            Some(first) if *first != own_statements => {
                if !changed_sources.iter().any(|known| known == path) {
                    changed_sources.push(path.to_string());
                }
            }
            Some(_) => {}
        }
        statements.extend(own_statements);
        executed.extend(file.executed_lines.iter().copied());
        excluded.extend(own_excluded);
        executed_arcs.extend(file.executed_branch_arcs.iter().copied());
        all_arcs.extend(file.executed_branch_arcs.iter().copied());
        all_arcs.extend(file.missing_branch_arcs.iter().copied());
        let own_branches = file
            .counts
            .coverage_py()
            .map_or(0, |counts| counts.branches);
        branch_total = branch_total.max(own_branches);
    }
    let missing: Vec<LineNumber> = statements
        .iter()
        .copied()
        .filter(|line| !executed.contains(line))
        .collect();
    let missing_arcs: Vec<BranchArc> = all_arcs
        .iter()
        .copied()
        .filter(|arc| !executed_arcs.contains(arc))
        .collect();
    // coverage.py's `n_partial_branches` counts missing arcs, not lines: every missing arc
    // whose line ran (an arc from a missing line is part of a missing statement).
    let missing_set: BTreeSet<LineNumber> = missing.iter().copied().collect();
    let partial_arcs = missing_arcs
        .iter()
        .filter(|arc| arc.from >= 0 && !missing_set.contains(&arc.from.unsigned_abs()))
        .count();
    let missing_branches = missing_arcs.len() as u64;
    let counts = CoverageCounts {
        statements: statements.len() as u64,
        executed: (statements.len() - missing.len()) as u64,
        missing: missing.len() as u64,
        excluded: excluded.len() as u64,
        branches: branch_total,
        executed_branches: branch_total.saturating_sub(missing_branches),
        missing_branches,
        partial_branches: partial_arcs as u64,
    };
    let percent = counts.percent_covered();
    FileCoverage {
        counts: Counts::CoveragePy(counts),
        coverage: CoverageFigure {
            percent,
            display: percent.display(precision),
        },
        executed_lines: executed.into_iter().collect(),
        missing_lines: missing,
        excluded_lines: excluded.into_iter().collect(),
        has_line_lists: true,
        executed_branch_arcs: executed_arcs.into_iter().collect(),
        missing_branch_arcs: missing_arcs,
        ..FileCoverage::empty(path.to_string())
    }
}

fn combine_line_data(
    reports: &[&CoverageReport],
    format: CoverageFormat,
) -> ParseOutcome<CoverageReport> {
    let profile = format.profile();
    if let Headline::Metric(headline) = profile.headline {
        if !REBUILDABLE_METRICS.contains(&headline) {
            return ParseOutcome::failure(format!(
                "{} reports cannot be combined here: the {} they count cannot be rebuilt from the lines they list; combine the runs with the tool itself{}",
                profile.name,
                headline.key(),
                if format == CoverageFormat::Jacoco {
                    " (jacoco:merge of the .exec files, then one report)"
                } else {
                    ""
                }
            ));
        }
    }
    let facts = combined_facts(reports, format);
    let mut warnings = Vec::new();
    let dropped: BTreeSet<Metric> = reports
        .iter()
        .flat_map(|report| {
            report
                .totals
                .as_metrics()
                .iter()
                .map(|(metric, _)| metric)
                .collect::<Vec<_>>()
        })
        .filter(|metric| !REBUILDABLE_METRICS.contains(metric))
        .collect();
    if !dropped.is_empty() {
        let names: Vec<&str> = dropped.iter().map(|metric| metric.key()).collect();
        warnings.push(Diagnostic::warning(format!(
            "{} cannot be rebuilt from the lines the reports list, so the combination leaves {} out",
            names.join(", "),
            if names.len() == 1 { "it" } else { "them" }
        )));
    }
    let per_line_branches_only = reports
        .iter()
        .flat_map(|report| &report.files)
        .any(|file| !file.line_branches.is_empty() && file.branch_outcomes.is_empty());
    if per_line_branches_only {
        warnings.push(Diagnostic::warning(
            "the reports give only how many branches of a line ran, not which, so branches are left out of the combination",
        ));
    }
    let counts_functions = reports
        .iter()
        .all(|report| report.totals.tally(Metric::Functions).is_some());
    let counts_branches = !per_line_branches_only
        && reports
            .iter()
            .all(|report| report.totals.tally(Metric::Branches).is_some());
    let mut files = Vec::new();
    for (path, parts) in files_by_path(reports) {
        if parts.iter().any(|file| !file.has_line_lists) {
            return ParseOutcome::failure(missing_line_lists(path));
        }
        files.push(combine_line_data_file(
            path,
            &parts,
            &facts,
            counts_functions,
            counts_branches,
        ));
    }
    let totals: Counts = files.iter().map(|file| &file.counts).sum();
    let total_coverage = facts.headline_figure(&totals);
    let report = CoverageReport {
        facts: ReportFacts {
            has_branches: counts_branches && facts.has_branches,
            has_regions: counts_functions,
            ..facts
        },
        files,
        totals,
        total_coverage,
        stated_total_figures: Vec::new(),
    };
    ParseOutcome::success(report, warnings)
}

/// One file's combination by lcov's rule: every line any report lists, its hits summed;
/// branch outcomes matched by line, block and branch with their counts summed (never
/// evaluated plus a count is that count); functions matched by name and line, hits summed.
fn combine_line_data_file(
    path: &str,
    parts: &[&FileCoverage],
    facts: &ReportFacts,
    counts_functions: bool,
    counts_branches: bool,
) -> FileCoverage {
    let mut hits_by_line: BTreeMap<LineNumber, u64> = BTreeMap::new();
    let mut excluded: BTreeSet<LineNumber> = BTreeSet::new();
    let mut outcomes: BTreeMap<(LineNumber, u32, u32), BranchOutcome> = BTreeMap::new();
    let mut functions: BTreeMap<(Option<LineNumber>, String), Region> = BTreeMap::new();
    let mut embedded_source = None;
    for file in parts {
        for (position, &line) in file.executed_lines.iter().enumerate() {
            // A format that does not count hits says only that the line ran: once.
            let hits = file
                .executed_line_hits
                .get(position)
                .copied()
                .unwrap_or(1)
                .max(1);
            let entry = hits_by_line.entry(line).or_insert(0);
            *entry = entry.saturating_add(hits);
        }
        for &line in &file.missing_lines {
            hits_by_line.entry(line).or_insert(0);
        }
        excluded.extend(file.excluded_lines.iter().copied());
        for outcome in &file.branch_outcomes {
            let key = (outcome.line, outcome.block, outcome.branch);
            match outcomes.get_mut(&key) {
                Some(known) => {
                    known.taken = match (known.taken, outcome.taken) {
                        (Some(left), Some(right)) => Some(left.saturating_add(right)),
                        (left, right) => left.or(right),
                    };
                }
                None => {
                    outcomes.insert(key, outcome.clone());
                }
            }
        }
        for region in file
            .regions
            .iter()
            .filter(|region| region.kind == RegionKind::Function)
        {
            let key = (region.start_line, region.name.clone());
            match functions.get_mut(&key) {
                Some(known) => {
                    known.hits = match (known.hits, region.hits) {
                        (Some(left), Some(right)) => Some(left.saturating_add(right)),
                        (left, right) => left.or(right),
                    };
                }
                None => {
                    functions.insert(key, region.clone());
                }
            }
        }
        if embedded_source.is_none() {
            embedded_source = file.embedded_source.clone();
        }
    }
    let mut executed_lines = Vec::new();
    let mut executed_line_hits = Vec::new();
    let mut missing_lines = Vec::new();
    for (&line, &hits) in &hits_by_line {
        if hits > 0 {
            executed_lines.push(line);
            executed_line_hits.push(hits);
        } else {
            missing_lines.push(line);
        }
    }
    let mut metrics = MetricCounts::default().with(
        Metric::Lines,
        Tally::new(executed_lines.len() as u64, hits_by_line.len() as u64),
    );
    let branch_outcomes: Vec<BranchOutcome> = if counts_branches {
        outcomes.into_values().collect()
    } else {
        Vec::new()
    };
    if counts_branches {
        let taken = branch_outcomes
            .iter()
            .filter(|outcome| outcome.taken.is_some_and(|taken| taken > 0))
            .count();
        metrics.set(
            Metric::Branches,
            Tally::new(taken as u64, branch_outcomes.len() as u64),
        );
    }
    let rule = facts.percent_rule();
    let regions: Vec<Region> = if counts_functions {
        functions
            .into_values()
            .map(|region| {
                let entered = u64::from(region.hits.is_some_and(|hits| hits > 0));
                let counts =
                    MetricCounts::default().with(Metric::Functions, Tally::new(entered, 1));
                Region {
                    coverage: rule.figure(Tally::new(entered, 1)),
                    counts: Counts::Metrics(counts),
                    stated_figures: Vec::new(),
                    ..region
                }
            })
            .collect()
    } else {
        Vec::new()
    };
    if counts_functions {
        let entered = regions
            .iter()
            .filter(|region| region.hits.is_some_and(|hits| hits > 0))
            .count();
        metrics.set(
            Metric::Functions,
            Tally::new(entered as u64, regions.len() as u64),
        );
    }
    let counts = Counts::Metrics(metrics);
    FileCoverage {
        coverage: facts.headline_figure(&counts),
        counts,
        executed_lines,
        executed_line_hits,
        missing_lines,
        excluded_lines: excluded.into_iter().collect(),
        has_line_lists: true,
        branch_outcomes,
        regions,
        embedded_source,
        ..FileCoverage::empty(path.to_string())
    }
}
