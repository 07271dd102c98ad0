//! Reads cargo-tarpaulin's JSON report (`--out Json`, `tarpaulin-report.json`) into the model,
//! in tarpaulin's own terms: covered of coverable lines per file and in total.
//!
//! Refs: cargo-tarpaulin `src/report/json.rs` (the report: `files` with `path` components,
//! `content`, `traces`, `covered`, `coverable`; `coverage`, `covered`, `coverable`),
//! `src/traces.rs` (`Trace`, `CoverageStat`, `amount_covered`, `amount_coverable`) and
//! `src/report/mod.rs` (the printed summary), 0.31 to 0.37. The serde types below mirror that
//! output and stay private here.
//!
//! What comes from where:
//! - Each file's figures are its stated `covered` and `coverable`, the total's the report's
//!   own; tarpaulin prints them as `covered/coverable` and `xx.xx% coverage`. A trace counts 1
//!   for a line (covered when hit), 2 for a branch and 2 per condition (covered per side seen),
//!   so "lines" is tarpaulin's word for all of them together.
//! - `Line` traces give the run lines with their hits and the missed lines; `Branch` and
//!   `Condition` traces give per-line branch counts (sides seen of sides).
//! - Files with nothing coverable stay, as tarpaulin's JSON keeps them (its printed summary
//!   leaves them out).
//! - `content` is the source text; it becomes the file's embedded source unless empty.
use std::collections::{BTreeMap, HashMap};
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, IgnoredAny, MapAccess, SeqAccess, Visitor};
use serde::Deserialize;

use super::json_diagnostics::{
    quote, read_json_document, GatheredWarnings, InputProgress, InputText, JsonLineNumber,
    PlausibleCount,
};
use crate::core::model::{
    Counts, CoverageFigure, CoverageFormat, CoverageReport, FileCoverage, LineBranches, LineNumber,
    Metric, MetricCounts, MetricFigure, Percent, ReportFacts, Tally,
};
use crate::core::text::{decode_utf8_text, Diagnostic, ParseOutcome};

/// Parses the bytes of a tarpaulin JSON report, calling `on_progress` about every MiB (at
/// each file's path, so one file with a huge source text is one step) and last with the
/// length.
pub fn parse_tarpaulin_json(
    bytes: &[u8],
    on_progress: &mut dyn FnMut(usize),
) -> ParseOutcome<CoverageReport> {
    let progress = InputProgress::new(bytes, on_progress);
    let outcome = match decode_utf8_text(bytes) {
        Ok(text) => match read_json_document(text, || ReportSeed {
            progress: &progress,
        }) {
            Ok(report) => convert_report(report),
            Err(message) => ParseOutcome::failure(message),
        },
        Err(problem) => ParseOutcome::failure(problem.describe()),
    };
    progress.finish();
    outcome
}

/// The report as read: files in order, and the report's own totals.
struct ReadReport<'de> {
    files: Vec<(usize, JsonFile<'de>)>,
    coverage: Option<f64>,
    covered: Option<u64>,
    coverable: Option<u64>,
}

/// One entry of `files`. `address` and `length` of each trace are machine details tarpaulin
/// keeps for itself; serde skips them.
#[derive(Deserialize)]
struct JsonFile<'input> {
    #[serde(borrow)]
    path: Vec<InputText<'input>>,
    #[serde(borrow)]
    content: Option<InputText<'input>>,
    traces: Vec<JsonTrace>,
    covered: Option<PlausibleCount>,
    coverable: Option<PlausibleCount>,
}

#[derive(Deserialize)]
struct JsonTrace {
    line: JsonLineNumber,
    stats: JsonStat,
}

/// `CoverageStat`, written as serde writes an enum: `{"Line": 3}`,
/// `{"Branch": {"been_true": true, "been_false": false}}`, `{"Condition": [...]}`.
#[derive(Deserialize)]
enum JsonStat {
    Line(PlausibleCount),
    Branch(JsonLogicState),
    Condition(Vec<JsonLogicState>),
}

#[derive(Clone, Copy, Deserialize)]
struct JsonLogicState {
    been_true: bool,
    been_false: bool,
}

/// The top level: `{"files": [...], "coverage": 92.1, "covered": 600, "coverable": 651}`.
struct ReportSeed<'a, 'callback> {
    progress: &'a InputProgress<'callback>,
}

#[derive(Deserialize)]
#[serde(field_identifier, rename_all = "snake_case")]
enum TopLevelKey {
    Files,
    Coverage,
    Covered,
    Coverable,
    #[serde(other)]
    Other,
}

impl<'de> DeserializeSeed<'de> for ReportSeed<'_, '_> {
    type Value = ReadReport<'de>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for ReportSeed<'_, '_> {
    type Value = ReadReport<'de>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a tarpaulin report object")
    }

    fn visit_map<A: MapAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut files = None;
        let mut coverage: Option<Option<f64>> = None;
        let mut covered: Option<Option<u64>> = None;
        let mut coverable: Option<Option<u64>> = None;
        while let Some(key) = access.next_key::<TopLevelKey>()? {
            match key {
                TopLevelKey::Files if files.is_some() => {
                    return Err(de::Error::duplicate_field("files"))
                }
                TopLevelKey::Files => {
                    files = Some(access.next_value_seed(FilesSeed {
                        progress: self.progress,
                    })?);
                }
                TopLevelKey::Coverage if coverage.is_some() => {
                    return Err(de::Error::duplicate_field("coverage"))
                }
                // tarpaulin writes `null` for 0 of 0 (its percentage is NaN).
                TopLevelKey::Coverage => coverage = Some(access.next_value()?),
                TopLevelKey::Covered if covered.is_some() => {
                    return Err(de::Error::duplicate_field("covered"))
                }
                TopLevelKey::Covered => {
                    covered = Some(
                        access
                            .next_value::<Option<PlausibleCount>>()?
                            .map(|count| count.0),
                    )
                }
                TopLevelKey::Coverable if coverable.is_some() => {
                    return Err(de::Error::duplicate_field("coverable"))
                }
                TopLevelKey::Coverable => {
                    coverable = Some(
                        access
                            .next_value::<Option<PlausibleCount>>()?
                            .map(|count| count.0),
                    )
                }
                TopLevelKey::Other => {
                    access.next_value::<IgnoredAny>()?;
                }
            }
        }
        let Some(files) = files else {
            return Err(de::Error::missing_field("files"));
        };
        Ok(ReadReport {
            files,
            coverage: coverage.flatten(),
            covered: covered.flatten(),
            coverable: coverable.flatten(),
        })
    }
}

/// `files`, read one by one so progress can be told at each path.
struct FilesSeed<'a, 'callback> {
    progress: &'a InputProgress<'callback>,
}

impl<'de> DeserializeSeed<'de> for FilesSeed<'_, '_> {
    type Value = Vec<(usize, JsonFile<'de>)>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_seq(self)
    }
}

impl<'de> Visitor<'de> for FilesSeed<'_, '_> {
    type Value = Vec<(usize, JsonFile<'de>)>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a list of files")
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut files = Vec::new();
        while let Some(file) = access.next_element::<JsonFile<'de>>()? {
            if let Some(last) = file.path.last() {
                self.progress.at_text(&last.0);
            }
            files.push((files.len(), file));
        }
        Ok(files)
    }
}

/// Joins tarpaulin's path components (`Path::components` of the absolute path) back into
/// the path it printed: a root component (`/`, or `\` after a Windows prefix such as `C:`)
/// takes no separator after it; other components are joined with the path's own separator,
/// `\` when the root is a Windows one and `/` otherwise.
fn join_path_components(components: &[InputText<'_>]) -> String {
    let is_root = |component: &str| component == "/" || component == "\\";
    let separator = if components.iter().any(|component| component.0 == "\\") {
        '\\'
    } else {
        '/'
    };
    let mut path = String::new();
    for component in components {
        let component = component.0.as_ref();
        if !path.is_empty() && !path.ends_with(['/', '\\']) && !is_root(component) {
            path.push(separator);
        }
        path.push_str(component);
    }
    path
}

/// What one file's traces add up to, in tarpaulin's `amount_covered`/`amount_coverable`
/// terms, and its lines and branches.
#[derive(Default)]
struct TraceSummary {
    covered: u64,
    coverable: u64,
    /// Hits per line of `Line` traces; traces on the same line add up, as tarpaulin's own
    /// `dedup` adds them.
    line_hits: BTreeMap<LineNumber, u64>,
    /// Sides seen and sides there are, per line of `Branch` and `Condition` traces.
    branches: BTreeMap<LineNumber, (u32, u32)>,
}

fn summarise_traces(traces: &[JsonTrace]) -> TraceSummary {
    let mut summary = TraceSummary::default();
    for trace in traces {
        let states: &[JsonLogicState] = match &trace.stats {
            JsonStat::Line(PlausibleCount(hits)) => {
                summary.coverable = summary.coverable.saturating_add(1);
                if *hits > 0 {
                    summary.covered = summary.covered.saturating_add(1);
                }
                let total = summary.line_hits.entry(trace.line.0).or_insert(0);
                *total = total.saturating_add(*hits);
                continue;
            }
            JsonStat::Branch(state) => std::slice::from_ref(state),
            JsonStat::Condition(states) => states,
        };
        let seen = states
            .iter()
            .map(|state| u32::from(state.been_true) + u32::from(state.been_false))
            .fold(0u32, u32::saturating_add);
        let sides = u32::try_from(states.len())
            .unwrap_or(u32::MAX)
            .saturating_mul(2);
        summary.covered = summary.covered.saturating_add(u64::from(seen));
        summary.coverable = summary.coverable.saturating_add(u64::from(sides));
        let line = summary.branches.entry(trace.line.0).or_insert((0, 0));
        line.0 = line.0.saturating_add(seen);
        line.1 = line.1.saturating_add(sides);
    }
    summary
}

/// Warnings gathered per file and reported once each.
#[derive(Default)]
struct RepeatedWarnings {
    count_mismatches: GatheredWarnings,
    missing_counts: GatheredWarnings,
}

fn convert_report(report: ReadReport<'_>) -> ParseOutcome<CoverageReport> {
    let mut warnings = Vec::new();
    let mut repeated = RepeatedWarnings::default();
    let mut files: Vec<FileCoverage> = Vec::with_capacity(report.files.len());
    let mut index_of_path: HashMap<String, usize> = HashMap::new();
    let mut repeated_paths: Vec<String> = Vec::new();
    let mut has_branches = false;
    for (index, file) in report.files {
        let path = join_path_components(&file.path);
        let place = format!("files[{index}] ({})", quote(&path));
        let summary = summarise_traces(&file.traces);
        has_branches |= !summary.branches.is_empty();
        let tally = match (file.covered, file.coverable) {
            (Some(PlausibleCount(covered)), Some(PlausibleCount(coverable))) => {
                if (covered, coverable) != (summary.covered, summary.coverable) {
                    repeated.count_mismatches.push(format!(
                        "{place}: {covered}/{coverable} stated, {}/{} in its traces",
                        summary.covered, summary.coverable
                    ));
                }
                Tally::new(covered, coverable)
            }
            _ => {
                repeated.missing_counts.push(place);
                Tally::new(summary.covered, summary.coverable)
            }
        };
        let converted = FileCoverage {
            counts: Counts::Metrics(MetricCounts::default().with(Metric::Lines, tally)),
            executed_lines: summary
                .line_hits
                .iter()
                .filter(|(_, &hits)| hits > 0)
                .map(|(&line, _)| line)
                .collect(),
            executed_line_hits: summary
                .line_hits
                .values()
                .copied()
                .filter(|&hits| hits > 0)
                .collect(),
            missing_lines: summary
                .line_hits
                .iter()
                .filter(|(_, &hits)| hits == 0)
                .map(|(&line, _)| line)
                .collect(),
            has_line_lists: true,
            line_branches: summary
                .branches
                .iter()
                .map(|(&line, &(covered, total))| LineBranches {
                    line,
                    covered,
                    total,
                })
                .collect(),
            embedded_source: file
                .content
                .filter(|content| !content.0.is_empty())
                .map(|content| content.0.into_owned()),
            ..FileCoverage::empty(path)
        };
        match index_of_path.get(&converted.path) {
            Some(&earlier) => {
                repeated_paths.push(converted.path.clone());
                let first =
                    std::mem::replace(&mut files[earlier], FileCoverage::empty(String::new()));
                files[earlier] = merge_repeated_file(first, converted);
            }
            None => {
                index_of_path.insert(converted.path.clone(), files.len());
                files.push(converted);
            }
        }
    }
    if let Some(first) = repeated_paths.first() {
        warnings.push(Diagnostic::warning(format!(
            "{} file {} listed more than once (first: {}); their counts were added and their lines merged, hits summed, as tarpaulin merges runs",
            repeated_paths.len(),
            if repeated_paths.len() == 1 { "is" } else { "are" },
            quote(first)
        )));
    }
    if let Some(sentence) = repeated.count_mismatches.sentence(
        "a file's covered/coverable disagrees with its traces",
        "; the stated counts are shown",
    ) {
        warnings.push(Diagnostic::warning(sentence));
    }
    if let Some(sentence) = repeated.missing_counts.sentence(
        "a file has no \"covered\" or \"coverable\"",
        "; they were counted from its traces as tarpaulin counts them",
    ) {
        warnings.push(Diagnostic::warning(sentence));
    }

    let facts = ReportFacts {
        has_branches,
        ..ReportFacts::of_format(CoverageFormat::Tarpaulin)
    };
    let rule = facts.percent_rule();
    let summed: Tally = files
        .iter()
        .filter_map(|file| file.counts.tally(Metric::Lines))
        .sum();
    let totals = match (report.covered, report.coverable) {
        (Some(covered), Some(coverable)) => {
            let stated = Tally::new(covered, coverable);
            if stated != summed {
                warnings.push(Diagnostic::warning(format!(
                    "the report says {covered}/{coverable} lines covered but its files add up to {}/{}; the report's own total is shown",
                    summed.covered, summed.total
                )));
            }
            stated
        }
        _ => {
            warnings.push(Diagnostic::warning(
                "there is no \"covered\" or \"coverable\" total; the files were added up",
            ));
            summed
        }
    };
    let mut stated_total_figures = Vec::new();
    if let Some(percent) = report.coverage.filter(|percent| percent.is_finite()) {
        if totals.total > 0 {
            let computed = totals.covered as f64 / totals.total as f64 * 100.0;
            if (percent - computed).abs() > 1e-9 {
                warnings.push(Diagnostic::warning(format!(
                    "\"coverage\" is {percent} but {} of {} is {computed}; the report's own percentage is shown",
                    totals.covered, totals.total
                )));
            }
            stated_total_figures.push(MetricFigure {
                metric: Metric::Lines,
                figure: CoverageFigure {
                    percent: Percent::new(percent),
                    display: format!("{percent:.2}"),
                },
            });
        }
    }
    let total_coverage = stated_total_figures
        .first()
        .map(|stated| stated.figure.clone())
        .unwrap_or_else(|| rule.figure(totals));
    for file in &mut files {
        file.coverage = facts.headline_figure(&file.counts);
    }
    ParseOutcome::success(
        CoverageReport {
            facts,
            files,
            totals: Counts::Metrics(MetricCounts::default().with(Metric::Lines, totals)),
            total_coverage,
            stated_total_figures,
        },
        warnings,
    )
}

/// The same file listed twice: counts added, line hits summed, branch counts added.
fn merge_repeated_file(earlier: FileCoverage, later: FileCoverage) -> FileCoverage {
    let mut hits: BTreeMap<LineNumber, u64> = BTreeMap::new();
    for file in [&earlier, &later] {
        for (&line, &count) in file.executed_lines.iter().zip(&file.executed_line_hits) {
            let total = hits.entry(line).or_insert(0);
            *total = total.saturating_add(count);
        }
        for &line in &file.missing_lines {
            hits.entry(line).or_insert(0);
        }
    }
    let mut branches: BTreeMap<LineNumber, (u32, u32)> = BTreeMap::new();
    for branch in earlier.line_branches.iter().chain(&later.line_branches) {
        let line = branches.entry(branch.line).or_insert((0, 0));
        line.0 = line.0.saturating_add(branch.covered);
        line.1 = line.1.saturating_add(branch.total);
    }
    FileCoverage {
        path: earlier.path,
        counts: earlier.counts + later.counts,
        executed_lines: hits
            .iter()
            .filter(|(_, &count)| count > 0)
            .map(|(&line, _)| line)
            .collect(),
        executed_line_hits: hits.values().copied().filter(|&count| count > 0).collect(),
        missing_lines: hits
            .iter()
            .filter(|(_, &count)| count == 0)
            .map(|(&line, _)| line)
            .collect(),
        has_line_lists: true,
        line_branches: branches
            .into_iter()
            .map(|(line, (covered, total))| LineBranches {
                line,
                covered,
                total,
            })
            .collect(),
        embedded_source: earlier.embedded_source.or(later.embedded_source),
        ..FileCoverage::empty(String::new())
    }
}
