//! The measures a report offers for a claim's subject. This is the only place the claims
//! checker reads the coverage model: what a subject resolves to (a file, a function or
//! class, the file named like a class, the total) and, for each, the figures tried in
//! order: the report's headline, then coverage.py's own (`COVERAGE_PY_MEASURES`), or each
//! covered-of-total tally another format counts (lines, statements, branches...).
use super::subject::is_camel_case;
use super::{ClaimSubject, Measure};
use crate::core::analysis::path_match::{match_path_by_suffix, PathMatch};
use crate::core::model::{
    Counts, CoverageCounts, CoverageFigure, CoverageReport, Metric, Percent, PercentRule,
    Precision, Tally,
};

/// How a coverage.py figure is read from its counts.
type ReadCounts = fn(&CoverageCounts) -> Percent;

/// One figure of a subject: which measure, and its value.
pub(super) type Reading = (Measure, f64);

/// coverage.py's figures after its headline `percent_covered`, tried in this order; the
/// first that agrees with a claim at the claim's own decimals is the one that matched.
const COVERAGE_PY_MEASURES: &[(Measure, ReadCounts)] = &[
    // `percent_statements_covered`: statements only, branches ignored.
    (
        Measure::StatementsOnly,
        CoverageCounts::percent_statements_covered,
    ),
    // (statements − missing) / statements, which differs only in counts that do not add up.
    (Measure::CoveredOverStatements, |counts| {
        let covered = counts.statements.saturating_sub(counts.missing);
        Percent::new(100.0 * covered as f64 / counts.statements.max(1) as f64)
    }),
];

/// Every figure of a subject, in the order tried: the headline (coverage.py's
/// `percent_covered`, another tool's own headline), then coverage.py's own or the lines
/// and statements another format counts. The second list holds the figures a plain
/// "coverage" does not mean (branches, functions...): one agreeing makes a claim unknown.
fn readings(
    counts: &Counts,
    figure: &CoverageFigure,
    rule: PercentRule,
) -> (Vec<Reading>, Vec<Reading>) {
    // Another tool's headline is read as it prints it, as its tallies are (`printed`).
    let headline = match counts {
        Counts::CoveragePy(_) => figure.percent.value(),
        Counts::Metrics(_) => figure.display.parse().unwrap_or(figure.percent.value()),
    };
    let mut readings = vec![(Measure::PercentCovered, headline)];
    let mut others = Vec::new();
    match counts {
        Counts::CoveragePy(counts) => readings.extend(
            COVERAGE_PY_MEASURES
                .iter()
                .map(|(measure, read)| (*measure, read(counts).value())),
        ),
        Counts::Metrics(metrics) => {
            for (metric, tally) in metrics.iter().filter(|(_, tally)| tally.total > 0) {
                let reading = (Measure::Tally(metric.key()), printed(rule, tally));
                match metric {
                    Metric::Lines | Metric::Statements => readings.push(reading),
                    _ => others.push(reading),
                }
            }
        }
    }
    if let Some(branches) = counts
        .tally(Metric::Branches)
        .filter(|tally| tally.total > 0)
    {
        if counts.coverage_py().is_some() {
            others.push((
                Measure::Tally(Metric::Branches.key()),
                printed(rule, branches),
            ));
        }
    }
    (readings, others)
}

/// The count a "covered/total" claim is compared with: coverage.py's statements (covered
/// as total minus missing, and as the executed count it states), or another format's lines,
/// else its statements.
fn counted(counts: &Counts) -> (Tally, u64) {
    match counts {
        Counts::CoveragePy(counts) => (
            Tally::new(
                counts.statements.saturating_sub(counts.missing),
                counts.statements,
            ),
            counts.executed,
        ),
        Counts::Metrics(_) => {
            let tally = [Metric::Lines, Metric::Statements]
                .into_iter()
                .find_map(|metric| counts.tally(metric))
                .unwrap_or_default();
            (tally, tally.covered)
        }
    }
}

/// A tally's percent as its tool prints it (Istanbul cuts 96.875 to 96.87), so a claim
/// copied from the tool's table agrees; the exact value when the text is not a number.
fn printed(rule: PercentRule, tally: Tally) -> f64 {
    let exact = 100.0 * tally.covered as f64 / tally.total.max(1) as f64;
    rule.display(tally).parse().unwrap_or(exact)
}

/// One thing a subject resolved to, with its figures.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Measured {
    /// The report's path of the file.
    pub path: Option<String>,
    /// The dotted name of the function or class.
    pub region: Option<String>,
    /// The figures in the order tried; the first is the headline shown in verdicts.
    pub readings: Vec<Reading>,
    /// Figures of other things (branches, functions...) that a plain claim may have read.
    pub others: Vec<Reading>,
    /// The report's own text for the headline, at its own precision.
    pub display: String,
    /// Covered and total statements (or lines), and the executed count the report states.
    pub covered: u64,
    pub executed: u64,
    pub statements: u64,
}

/// What a subject resolved to: every candidate, and why a disagreement would still not be
/// a sure mismatch (several candidates, or one the report cannot measure).
#[derive(Clone, Debug, PartialEq)]
pub(super) struct Resolution {
    pub candidates: Vec<Measured>,
    pub unsure: Option<String>,
}

impl Measured {
    pub fn headline(&self) -> f64 {
        self.readings.first().map_or(0.0, |(_, value)| *value)
    }

    fn of(
        report: &CoverageReport,
        counts: &Counts,
        figure: &CoverageFigure,
        path: Option<&str>,
        region: Option<&str>,
    ) -> Measured {
        let (tally, executed) = counted(counts);
        let rule = report.facts.format.profile().percent_rule;
        let (readings, others) = readings(counts, figure, rule);
        Measured {
            path: path.map(str::to_string),
            region: region.map(str::to_string),
            readings,
            others,
            display: figure.display.clone(),
            covered: tally.covered,
            executed,
            statements: tally.total,
        }
    }
}

/// Resolves a subject in a report: `Err` says why nothing could be measured.
pub(super) fn resolve(
    subject: &ClaimSubject,
    subject_text: &str,
    report: &CoverageReport,
) -> Result<Resolution, String> {
    match subject {
        ClaimSubject::File(written) => {
            let index = file_index(written, report)?;
            Ok(sure(vec![file_measured(report, index)]))
        }
        ClaimSubject::Total => {
            if report.files.is_empty() && counted(&report.totals).0.total == 0 {
                return Err(
                    "the report measured no files, so it has no total to compare".to_string(),
                );
            }
            Ok(sure(vec![Measured::of(
                report,
                &report.totals,
                &report.total_coverage,
                None,
                None,
            )]))
        }
        ClaimSubject::Module(name) => {
            let files = files_named(report, |stem| stem.eq_ignore_ascii_case(name));
            candidates(
                files
                    .into_iter()
                    .map(|index| file_measured(report, index))
                    .collect(),
                subject_text,
                "files",
            )
        }
        ClaimSubject::Region { name, file } => resolve_region(name, file.as_deref(), report),
        ClaimSubject::Patch => Err(
            "a patch coverage figure is about the lines a diff adds, not this report's total: it is checked against a loaded diff"
                .to_string(),
        ),
    }
}

fn sure(candidates: Vec<Measured>) -> Resolution {
    Resolution {
        candidates,
        unsure: None,
    }
}

/// Candidates that may be several; none is an error.
fn candidates(found: Vec<Measured>, name: &str, things: &str) -> Result<Resolution, String> {
    match found.len() {
        0 => Err(format!("no file is named “{name}” in this report")),
        1 => Ok(sure(found)),
        count => Ok(Resolution {
            unsure: Some(format!(
                "“{name}” names {count} {things} in this report; the checker does not guess"
            )),
            candidates: found,
        }),
    }
}

/// A function or class, and for a CamelCase name also the file named like it
/// (`FooBarService` for `foo_bar_service.py`): either may be meant.
fn resolve_region(
    name: &str,
    file: Option<&str>,
    report: &CoverageReport,
) -> Result<Resolution, String> {
    let files: Vec<usize> = match file {
        Some(written) => vec![file_index(written, report)?],
        None => (0..report.files.len()).collect(),
    };
    let mut found = regions_named(report, &files, name, true);
    if found.is_empty() {
        found = regions_named(report, &files, name, false);
    }
    let has_regions = report.files.iter().any(|file| !file.regions.is_empty());
    let class_file = if file.is_none() && is_camel_case(name) {
        let letters = |text: &str| -> String {
            text.chars()
                .filter(char::is_ascii_alphanumeric)
                .collect::<String>()
                .to_ascii_lowercase()
        };
        let wanted = letters(name);
        files_named(report, |stem| letters(stem) == wanted)
    } else {
        Vec::new()
    };
    let region_count = found.len();
    found.extend(class_file.iter().map(|&index| file_measured(report, index)));
    if found.is_empty() {
        return Err(if has_regions {
            format!("no function or class named “{name}” in this report")
        } else {
            "this report has no function or class regions (coverage.py 7.6+ JSON has them)"
                .to_string()
        });
    }
    let unsure = if region_count > 1 {
        Some(format!("“{name}” names {region_count} functions or classes in this report; the checker does not guess"))
    } else if !has_regions && !class_file.is_empty() {
        Some(format!("the report has no class regions, so “{name}” itself cannot be measured, only the file named like it"))
    } else if class_file.len() > 1 {
        Some(format!(
            "“{name}” is named like {} files in this report",
            class_file.len()
        ))
    } else {
        None
    };
    Ok(Resolution {
        candidates: found,
        unsure,
    })
}

/// The regions of `files` named `name` exactly, or (not `exact`) ending in `.name`.
fn regions_named(
    report: &CoverageReport,
    files: &[usize],
    name: &str,
    exact: bool,
) -> Vec<Measured> {
    let dotted = format!(".{name}");
    let mut found = Vec::new();
    for &index in files {
        let file = &report.files[index];
        for region in &file.regions {
            let named = if exact {
                region.name == name
            } else {
                region.name.ends_with(&dotted)
            };
            if !region.name.is_empty() && named {
                found.push(Measured::of(
                    report,
                    &region.counts,
                    &region.coverage,
                    Some(&file.path),
                    Some(&region.name),
                ));
            }
        }
    }
    found
}

fn file_measured(report: &CoverageReport, index: usize) -> Measured {
    let file = &report.files[index];
    Measured::of(report, &file.counts, &file.coverage, Some(&file.path), None)
}

/// The files whose name without its extension satisfies `matches`.
fn files_named(report: &CoverageReport, matches: impl Fn(&str) -> bool) -> Vec<usize> {
    (0..report.files.len())
        .filter(|&index| {
            let path = &report.files[index].path;
            let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
            let stem = name.split_once('.').map_or(name, |(stem, _)| stem);
            stem != "__init__" && matches(stem)
        })
        .collect()
}

fn file_index(written: &str, report: &CoverageReport) -> Result<usize, String> {
    match match_path_by_suffix(written, report) {
        PathMatch::Unique(index) => Ok(index),
        PathMatch::Ambiguous(indices) => {
            let paths: Vec<&str> = indices
                .iter()
                .take(5)
                .map(|&index| report.files[index].path.as_str())
                .collect();
            let more = if indices.len() > paths.len() {
                ", …"
            } else {
                ""
            };
            Err(format!(
                "“{written}” matches {} files in this report ({}{more}); the checker does not guess",
                indices.len(),
                paths.join(", ")
            ))
        }
        PathMatch::NotFound => Err(format!("no file matching “{written}” in this report")),
    }
}

/// The most decimals a figure is compared at.
pub(super) const MAX_DECIMALS: u8 = Precision::MAXIMUM;

/// A figure as the report's tool displays it with `decimals` (coverage.py's
/// `display_covered`: "100" and "0" only ever for exactly 100 and 0).
pub(super) fn shown(value: f64, decimals: u8) -> String {
    Percent::new(value).display(Precision(decimals.min(MAX_DECIMALS)))
}

/// How many decimals a displayed figure has.
pub(super) fn decimals_of(text: &str) -> u8 {
    Precision::of_display_text(text).0
}

/// When the report was measured, as it states it.
pub(super) fn report_timestamp(report: &CoverageReport) -> Option<&str> {
    report.facts.timestamp.as_deref()
}

/// Whether a path written in a document is one of the report's files.
pub(super) fn report_has_file(report: &CoverageReport, written: &str) -> bool {
    !matches!(match_path_by_suffix(written, report), PathMatch::NotFound)
}
