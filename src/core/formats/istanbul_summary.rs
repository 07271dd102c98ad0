//! Reads Istanbul's `coverage-summary.json` (the json-summary reporter of nyc, c8, Jest
//! and Vitest) into the model: the four counts and percentages per file and in total, and
//! no lines at all.
//!
//! Refs: istanbul-reports 3.2 `lib/json-summary/index.js` (the writer: `"total"` first,
//! then one entry per file keyed by its path) and istanbul-lib-coverage 3.2
//! `lib/coverage-summary.js` (`blankSummary`, whose `pct` is the string `"Unknown"` until
//! a file is merged in) and `lib/percent.js`. The serde types below mirror that output and
//! stay private to this file.
//!
//! `branchesTrue` (branch truthiness, counted only with `reportLogic`, printed by no text
//! report) is not read.
use std::borrow::Cow;
use std::collections::HashMap;
use std::fmt;

use serde::de::{self, DeserializeSeed, Deserializer, MapAccess, Visitor};
use serde::Deserialize;

use super::istanbul_json::{
    count_of, push_gathered_notes, quote, read_json, read_report, BorrowedText, ExpectedFormat,
    GatheredNote, ObjectKind, ObjectOnly, Progress, LARGEST_PLAUSIBLE_COUNT,
};
use crate::core::model::{
    javascript_number_text, Counts, CoverageFigure, CoverageFormat, CoverageReport, FileCoverage,
    Metric, MetricCounts, MetricFigure, Percent, PercentRule, ReportFacts, Tally,
};
use crate::core::text::{Diagnostic, ParseOutcome};

/// The format as messages about a file that is not one name it.
const FORMAT: ExpectedFormat = ExpectedFormat {
    name: "an Istanbul coverage-summary.json",
    top_level: "an object with \"total\" and one summary per file path",
};

/// The key of the totals entry.
const TOTAL_KEY: &str = "total";

/// The text `pct` holds when nothing was ever counted.
const UNKNOWN_PERCENT: &str = "Unknown";

/// Parses the bytes of a `coverage-summary.json`, calling `on_progress` about every MiB
/// (at the first entry key past each MiB mark) and last with `bytes.len()`.
pub fn parse_istanbul_summary(
    bytes: &[u8],
    on_progress: &mut dyn FnMut(usize),
) -> ParseOutcome<CoverageReport> {
    read_report(bytes, on_progress, |text, progress| {
        match read_json(text, SummaryMapSeed::new(Some(progress)), &[], &FORMAT) {
            Ok(entries) => convert_report(entries),
            Err(message) => ParseOutcome::failure(message),
        }
    })
}

/// A CoverageSummary as the json-summary reporter writes it.
#[derive(Deserialize)]
struct RawSummary {
    lines: Option<ObjectOnly<RawMetric>>,
    statements: Option<ObjectOnly<RawMetric>>,
    functions: Option<ObjectOnly<RawMetric>>,
    branches: Option<ObjectOnly<RawMetric>>,
}

/// One metric of a summary: `{"total", "covered", "skipped", "pct"}`.
#[derive(Deserialize)]
struct RawMetric {
    total: u64,
    covered: u64,
    #[serde(default)]
    skipped: u64,
    pct: Option<RawPercent>,
}

impl ObjectKind for RawSummary {
    const DESCRIPTION: &'static str =
        "an Istanbul coverage summary (\"lines\", \"statements\", \"functions\", \"branches\")";
}

impl ObjectKind for RawMetric {
    const DESCRIPTION: &'static str =
        "a metric object with \"total\", \"covered\", \"skipped\" and \"pct\"";
}

/// `pct`: a number, or `"Unknown"` for a summary nothing was merged into.
enum RawPercent {
    Number(f64),
    Unknown,
}

impl<'de> Deserialize<'de> for RawPercent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        deserializer.deserialize_any(RawPercentVisitor)
    }
}

struct RawPercentVisitor;

impl Visitor<'_> for RawPercentVisitor {
    type Value = RawPercent;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("a percentage or the string \"Unknown\"")
    }

    fn visit_f64<E: de::Error>(self, value: f64) -> Result<RawPercent, E> {
        Ok(RawPercent::Number(value))
    }

    fn visit_u64<E: de::Error>(self, value: u64) -> Result<RawPercent, E> {
        Ok(RawPercent::Number(value as f64))
    }

    fn visit_i64<E: de::Error>(self, value: i64) -> Result<RawPercent, E> {
        Ok(RawPercent::Number(value as f64))
    }

    fn visit_str<E: de::Error>(self, text: &str) -> Result<RawPercent, E> {
        if text == UNKNOWN_PERCENT {
            Ok(RawPercent::Unknown)
        } else {
            Err(E::invalid_value(de::Unexpected::Str(text), &self))
        }
    }
}

/// The entries of the top-level object in the file's order, with progress at each key.
struct SummaryMapSeed<'p, 'callback> {
    progress: Option<&'p mut Progress<'callback>>,
}

impl<'p, 'callback> SummaryMapSeed<'p, 'callback> {
    fn new(progress: Option<&'p mut Progress<'callback>>) -> Self {
        SummaryMapSeed { progress }
    }
}

impl<'de> DeserializeSeed<'de> for SummaryMapSeed<'_, '_> {
    type Value = Vec<(String, RawSummary)>;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<Self::Value, D::Error> {
        deserializer.deserialize_map(self)
    }
}

impl<'de> Visitor<'de> for SummaryMapSeed<'_, '_> {
    type Value = Vec<(String, RawSummary)>;

    fn expecting(&self, formatter: &mut fmt::Formatter) -> fmt::Result {
        formatter.write_str("an object with \"total\" and one summary per file path")
    }

    fn visit_map<A: MapAccess<'de>>(mut self, mut access: A) -> Result<Self::Value, A::Error> {
        let mut entries = Vec::new();
        while let Some(BorrowedText(key)) = access.next_key::<BorrowedText<'de>>()? {
            if let (Some(progress), Cow::Borrowed(borrowed)) = (self.progress.as_deref_mut(), &key)
            {
                progress.at_key(borrowed);
            }
            let ObjectOnly(summary) = access.next_value::<ObjectOnly<RawSummary>>()?;
            entries.push((key.into_owned(), summary));
        }
        Ok(entries)
    }
}

/// The four metrics in the order the text reporter prints them, with their keys.
const METRICS: [(Metric, &str); 4] = [
    (Metric::Statements, "statements"),
    (Metric::Branches, "branches"),
    (Metric::Functions, "functions"),
    (Metric::Lines, "lines"),
];

/// One converted entry: counts and the percentages it states.
struct SummaryFigures {
    counts: MetricCounts,
    stated: Vec<MetricFigure>,
}

/// Oddities gathered over all entries and reported once each, with a count and an example.
#[derive(Default)]
struct Notes {
    covered_above_total: Vec<String>,
    percent_mismatches: Vec<String>,
    skipped: Vec<String>,
}

fn convert_report(entries: Vec<(String, RawSummary)>) -> ParseOutcome<CoverageReport> {
    let mut facts = ReportFacts::of_format(CoverageFormat::IstanbulSummary);
    // Istanbul always counts branches (a file without any has 0 of 0).
    facts.has_branches = true;
    let mut notes = Notes::default();
    let mut warnings = Vec::new();
    let mut files: Vec<FileCoverage> = Vec::new();
    let mut positions: HashMap<String, usize> = HashMap::new();
    let mut repeated_keys: Vec<String> = Vec::new();
    let mut total: Option<SummaryFigures> = None;
    for (key, summary) in entries {
        let figures = match convert_summary(&key, &summary, &mut notes) {
            Ok(figures) => figures,
            Err(message) => return ParseOutcome::failure(message),
        };
        if key == TOTAL_KEY {
            if total.is_some() {
                repeated_keys.push(key);
            }
            total = Some(figures);
            continue;
        }
        let mut file = FileCoverage::empty(key.clone());
        file.counts = Counts::Metrics(figures.counts);
        file.coverage = facts
            .metric_figure(&file.counts, &figures.stated, Metric::Lines)
            .unwrap_or_default();
        file.stated_figures = figures.stated;
        // The json-summary reporter writes figures only, never lines.
        file.has_line_lists = false;
        match positions.get(&key) {
            Some(&position) => {
                files[position] = file;
                repeated_keys.push(key);
            }
            None => {
                positions.insert(key, files.len());
                files.push(file);
            }
        }
    }
    if let Some(first) = repeated_keys.first() {
        warnings.push(Diagnostic::warning(format!(
            "{} listed more than once (first: {}); the last entry was used, as JSON.parse does",
            count_of(repeated_keys.len(), "entry is", "entries are"),
            quote(first)
        )));
    }
    let summed: MetricCounts = files.iter().map(|file| file.counts.as_metrics()).sum();
    let total = match total {
        Some(total) => {
            if let Some(difference) = describe_difference(&total.counts, &summed) {
                warnings.push(Diagnostic::warning(format!(
                    "the \"total\" entry disagrees with the sum of the files ({difference}); the report's own total is shown"
                )));
            }
            total
        }
        None => {
            warnings.push(Diagnostic::warning(
                "there is no \"total\" entry; the totals were added up from the files",
            ));
            SummaryFigures {
                counts: summed,
                stated: Vec::new(),
            }
        }
    };
    push_notes(&mut warnings, &notes);
    let totals = Counts::Metrics(total.counts);
    let total_coverage = facts
        .metric_figure(&totals, &total.stated, Metric::Lines)
        .unwrap_or_default();
    ParseOutcome::success(
        CoverageReport {
            facts,
            files,
            totals,
            total_coverage,
            stated_total_figures: total.stated,
        },
        warnings,
    )
}

/// Reads one summary; every metric must be there, as istanbul-lib-coverage's
/// `assertValidSummary` demands.
fn convert_summary(
    key: &str,
    summary: &RawSummary,
    notes: &mut Notes,
) -> Result<SummaryFigures, String> {
    let place = quote(key);
    let metrics = METRICS.map(|(metric, name)| {
        let raw = match metric {
            Metric::Statements => &summary.statements,
            Metric::Branches => &summary.branches,
            Metric::Functions => &summary.functions,
            _ => &summary.lines,
        };
        (metric, name, raw.as_ref().map(|ObjectOnly(raw)| raw))
    });
    let missing: Vec<String> = metrics
        .iter()
        .filter(|(_, _, raw)| raw.is_none())
        .map(|(_, name, _)| format!("\"{name}\""))
        .collect();
    if !missing.is_empty() {
        return Err(format!(
            "[{place}] has no {}, which every Istanbul summary has",
            missing.join(" and ")
        ));
    }
    let mut counts = MetricCounts::default();
    let mut stated = Vec::new();
    for (metric, name, raw) in metrics {
        let Some(raw) = raw else {
            continue;
        };
        for (field, value) in [
            ("total", raw.total),
            ("covered", raw.covered),
            ("skipped", raw.skipped),
        ] {
            if value > LARGEST_PLAUSIBLE_COUNT {
                return Err(format!(
                    "[{place}].{name}.{field} is {value}, more than any real report holds (Covscope accepts at most 10^15); the file is damaged or made up"
                ));
            }
        }
        let tally = Tally::new(raw.covered, raw.total);
        if raw.covered > raw.total {
            notes.covered_above_total.push(format!(
                "[{place}].{name}: {} of {}",
                raw.covered, raw.total
            ));
        }
        if raw.skipped > 0 {
            notes
                .skipped
                .push(format!("[{place}].{name}: {} skipped", raw.skipped));
        }
        counts.set(metric, tally);
        let computed = PercentRule::IstanbulTruncated.figure(tally);
        let figure = match raw.pct {
            Some(RawPercent::Number(value)) => CoverageFigure {
                percent: Percent::new(value),
                display: javascript_number_text(value),
            },
            Some(RawPercent::Unknown) => CoverageFigure {
                percent: computed.percent,
                display: UNKNOWN_PERCENT.to_string(),
            },
            None => continue,
        };
        // "Unknown" is what a summary with nothing counted says; with counts it is wrong.
        let agrees = figure.display == computed.display
            || (figure.display == UNKNOWN_PERCENT && raw.total == 0);
        if !agrees {
            notes.percent_mismatches.push(format!(
                "[{place}].{name}.pct is {} but {} of {} gives {}",
                figure.display, raw.covered, raw.total, computed.display
            ));
        }
        stated.push(MetricFigure { metric, figure });
    }
    Ok(SummaryFigures { counts, stated })
}

/// Says how two sets of counts differ, metric by metric, or `None` when they agree.
fn describe_difference(total: &MetricCounts, summed: &MetricCounts) -> Option<String> {
    let differences: Vec<String> = METRICS
        .iter()
        .filter_map(|&(metric, name)| {
            let (stated, added) = (total.get(metric)?, summed.get(metric).unwrap_or_default());
            (stated != added).then(|| {
                format!(
                    "{name} {} of {} against {} of {}",
                    stated.covered, stated.total, added.covered, added.total
                )
            })
        })
        .collect();
    (!differences.is_empty()).then(|| differences.join(", "))
}

fn push_notes(warnings: &mut Vec<Diagnostic>, notes: &Notes) {
    const SHOWN_AS_WRITTEN: &str = "; the report's own figures are shown";
    push_gathered_notes(
        warnings,
        &[
            GatheredNote {
                places: &notes.covered_above_total,
                singular: "count has more covered than in total",
                plural: "counts have more covered than in total",
                consequence: SHOWN_AS_WRITTEN,
            },
            GatheredNote {
                places: &notes.percent_mismatches,
                singular: "percentage disagrees with its counts by Istanbul's rule",
                plural: "percentages disagree with their counts by Istanbul's rule",
                consequence: SHOWN_AS_WRITTEN,
            },
            GatheredNote {
                places: &notes.skipped,
                singular: "metric counts skipped items (Istanbul 0.x counted them as covered)",
                plural: "metrics count skipped items (Istanbul 0.x counted them as covered)",
                consequence: SHOWN_AS_WRITTEN,
            },
        ],
    );
}
