//! Coverage over time across several reports: the total trend, per-file sparklines, and
//! the chart geometry the UI draws.
use std::collections::HashMap;

use super::compare::{chronological_order, normalized_path};
use crate::core::model::{CoverageReport, Percent};

/// One report's total coverage, a point of the trend chart.
#[derive(Clone, Debug, PartialEq)]
pub struct TrendPoint {
    /// The name the report was loaded under, e.g. its file name.
    pub name: String,
    pub timestamp: Option<String>,
    pub percent: Percent,
    /// The report's own `percent_covered_display` for its totals.
    pub display: String,
}

/// One file's coverage in each report, oldest first; `None` where the file is absent.
#[derive(Clone, Debug, PartialEq)]
pub struct FileSparkline {
    /// The path as the newest report containing the file spells it.
    pub path: String,
    pub percents: Vec<Option<Percent>>,
}

/// Where to draw the trend chart, in the coordinates of a `width` x `height` plot area
/// with the origin at the top left (SVG's convention); axis labels go outside it.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct ChartGeometry {
    /// One (x, y) per trend point, in the points' order.
    pub points: Vec<(f64, f64)>,
    /// Horizontal grid lines: (y, label) for 0%, 25%, 50%, 75% and 100%.
    pub y_ticks: Vec<(f64, String)>,
    /// (x, label) under each point: the report's name.
    pub x_labels: Vec<(f64, String)>,
}

impl ChartGeometry {
    /// The points as an SVG `points` attribute, e.g. "0.00,120.00 150.00,40.50".
    pub fn svg_points(&self) -> String {
        svg_points(self.points.iter().copied())
    }
}

/// The total coverage of each report, oldest first.
///
/// The order is the same as for the default comparison pair: by timestamp string, then by
/// load order, with undated reports before dated ones (see
/// [`chronological_order`]).
pub fn total_trend(reports: &[(&str, &CoverageReport)]) -> Vec<TrendPoint> {
    report_order(reports)
        .into_iter()
        .filter_map(|index| reports.get(index))
        .map(|(name, report)| TrendPoint {
            name: (*name).to_string(),
            timestamp: report.facts.timestamp.clone(),
            percent: report.total_coverage.percent,
            display: report.total_coverage.display.clone(),
        })
        .collect()
}

/// Each file's coverage across the reports, in the order of [`total_trend`], sorted by
/// path.
///
/// Files are matched by their path with `\` read as `/`, so a Windows report and a POSIX
/// one share a line. Should one report list two spellings of the same file, the first in
/// that report's order is used.
pub fn file_sparklines(reports: &[(&str, &CoverageReport)]) -> Vec<FileSparkline> {
    let order = report_order(reports);
    let report_count = order.len();
    let mut sparklines: Vec<FileSparkline> = Vec::new();
    let mut index_by_key: HashMap<String, usize> = HashMap::new();
    for (position, report_index) in order.into_iter().enumerate() {
        let Some((_, report)) = reports.get(report_index) else {
            continue;
        };
        for file in &report.files {
            let key = normalized_path(&file.path);
            let line_index = *index_by_key.entry(key).or_insert_with(|| {
                sparklines.push(FileSparkline {
                    path: file.path.clone(),
                    percents: vec![None; report_count],
                });
                sparklines.len() - 1
            });
            let sparkline = &mut sparklines[line_index];
            if sparkline.percents[position].is_none() {
                sparkline.percents[position] = Some(file.coverage.percent);
                // Later reports are newer, so their spelling wins.
                sparkline.path = file.path.clone();
            }
        }
    }
    sparklines.sort_by(|left, right| left.path.cmp(&right.path));
    sparklines
}

/// Lays the trend out in a `width` x `height` plot area.
///
/// The y axis is linear with 0% at the bottom (y = height) and 100% at the top (y = 0),
/// so a chart never exaggerates a small change by zooming in. Points are spaced evenly
/// along x in their order, first at x = 0 and last at x = width (a single point sits in
/// the middle): snapshots are taken at irregular times and some have no timestamp, and
/// even spacing keeps every point and label readable. Percentages outside 0..=100 are
/// drawn at the nearest edge, and a size that is negative or not finite counts as 0.
pub fn trend_chart_geometry(points: &[TrendPoint], width: f64, height: f64) -> ChartGeometry {
    let width = usable_size(width);
    let height = usable_size(height);
    let xs = evenly_spaced(points.len(), width);
    ChartGeometry {
        points: points
            .iter()
            .zip(&xs)
            .map(|(point, &x)| (x, percent_to_y(point.percent, height)))
            .collect(),
        y_ticks: [0u8, 25, 50, 75, 100]
            .into_iter()
            .map(|tick| {
                (
                    percent_to_y(Percent::new(f64::from(tick)), height),
                    format!("{tick}%"),
                )
            })
            .collect(),
        x_labels: points
            .iter()
            .zip(&xs)
            .map(|(point, &x)| (x, point.name.clone()))
            .collect(),
    }
}

/// Lays one sparkline out in a `width` x `height` box, with the same axes as
/// [`trend_chart_geometry`]; a report without the file gives `None` (a gap in the line).
pub fn sparkline_geometry(
    percents: &[Option<Percent>],
    width: f64,
    height: f64,
) -> Vec<Option<(f64, f64)>> {
    let width = usable_size(width);
    let height = usable_size(height);
    let xs = evenly_spaced(percents.len(), width);
    percents
        .iter()
        .zip(xs)
        .map(|(percent, x)| percent.map(|percent| (x, percent_to_y(percent, height))))
        .collect()
}

/// Formats points as an SVG `points` attribute with two decimals.
pub fn svg_points(points: impl IntoIterator<Item = (f64, f64)>) -> String {
    points
        .into_iter()
        .map(|(x, y)| format!("{x:.2},{y:.2}"))
        .collect::<Vec<_>>()
        .join(" ")
}

fn report_order(reports: &[(&str, &CoverageReport)]) -> Vec<usize> {
    let timestamps: Vec<Option<&str>> = reports
        .iter()
        .map(|(_, report)| report.facts.timestamp.as_deref())
        .collect();
    chronological_order(&timestamps)
}

fn usable_size(size: f64) -> f64 {
    if size.is_finite() && size > 0.0 {
        size
    } else {
        0.0
    }
}

fn evenly_spaced(count: usize, width: f64) -> Vec<f64> {
    match count {
        0 => Vec::new(),
        1 => vec![width / 2.0],
        _ => {
            let step = width / (count - 1) as f64;
            (0..count).map(|index| index as f64 * step).collect()
        }
    }
}

/// 0% maps to `height` (the bottom), 100% to 0 (the top); NaN counts as 0%.
fn percent_to_y(percent: Percent, height: f64) -> f64 {
    let value = percent.value();
    let clamped = if value.is_nan() {
        0.0
    } else {
        value.clamp(0.0, 100.0)
    };
    height - clamped / 100.0 * height
}
