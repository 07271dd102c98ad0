//! Total coverage over the loaded reports as a chart, and each file's history as sparklines.
use crate::core::text::{counted, nouns};
use yew::prelude::*;

use crate::app::state::SharedReport;
use crate::core::analysis::trend::{
    file_sparklines, sparkline_geometry, svg_points, total_trend, trend_chart_geometry,
};
use crate::core::model::Precision;

#[derive(Properties, PartialEq)]
pub struct TrendViewProps {
    /// Every loaded report with its name, in load order.
    pub reports: Vec<(String, SharedReport)>,
}

const CHART_WIDTH: f64 = 640.0;
const CHART_HEIGHT: f64 = 240.0;
const SPARK_WIDTH: f64 = 120.0;
const SPARK_HEIGHT: f64 = 24.0;

#[function_component]
pub fn TrendView(props: &TrendViewProps) -> Html {
    let trend = use_memo(props.reports.clone(), |reports| {
        let plain: Vec<(&str, &crate::core::model::CoverageReport)> = reports
            .iter()
            .map(|(name, report)| (name.as_str(), &*report.0))
            .collect();
        (total_trend(&plain), file_sparklines(&plain))
    });
    let (points, sparklines) = &*trend;
    if points.len() < 2 {
        return html! {
            <section class="empty-state">
                <h2>{ "Load more reports to see a trend" }</h2>
                <p>{ "The trend shows total coverage across two or more coverage.json snapshots, ordered by their timestamps." }</p>
            </section>
        };
    }
    let geometry = trend_chart_geometry(points, CHART_WIDTH, CHART_HEIGHT);
    html! {
        <section class="trend-view" aria-label="Trend">
            <figure class="trend-figure">
                <svg class="trend-chart" data-testid="trend-chart" role="img"
                    viewBox={format!("-110 -24 {} {}", CHART_WIDTH + 220.0, CHART_HEIGHT + 60.0)}
                    aria-label={format!("Total coverage over {}", counted(points.len(), nouns::REPORT))}>
                    { for geometry.y_ticks.iter().map(|(y, label)| html! {
                        <g class="tick">
                            <line x1="0" x2={CHART_WIDTH.to_string()} y1={y.to_string()} y2={y.to_string()} />
                            <text x="-8" y={(y + 4.0).to_string()} text-anchor="end">{ label }</text>
                        </g>
                    }) }
                    <polyline class="trend-line" points={geometry.svg_points()} />
                    { for geometry.points.iter().zip(points.iter()).map(|((x, y), point)| {
                        let description = format!("{}: {}%{}", point.name, point.display,
                            point.timestamp.as_deref().map(|time| format!(" at {time}")).unwrap_or_default());
                        html! {
                            <g class="trend-point" data-testid="trend-point" tabindex="0"
                                data-name={point.name.clone()} data-value={point.display.clone()}
                                aria-label={description.clone()}>
                                <title>{ description }</title>
                                <circle cx={x.to_string()} cy={y.to_string()} r="5" />
                                <text class="point-label" x={x.to_string()} y={(y - 10.0).to_string()} text-anchor="middle">
                                    { format!("{}%", point.display) }
                                </text>
                            </g>
                        }
                    }) }
                    { for geometry.x_labels.iter().map(|(x, label)| html! {
                        <text class="x-label" x={x.to_string()} y={(CHART_HEIGHT + 24.0).to_string()} text-anchor="middle">{ label }</text>
                    }) }
                </svg>
                <figcaption>{ "Total coverage of each loaded report, oldest first. Focus or hover a point for its name and time." }</figcaption>
            </figure>
            <table class="coverage-table sparkline-table" data-testid="sparkline-table">
                <thead><tr>
                    { for ["File", "History", "Latest"].map(|heading| html! { <th scope="col">{ heading }</th> }) }
                </tr></thead>
                <tbody>
                    { for sparklines.iter().map(|sparkline| {
                        let line = sparkline_geometry(&sparkline.percents, SPARK_WIDTH, SPARK_HEIGHT);
                        let latest = sparkline.percents.iter().rev().flatten().next()
                            .map(|percent| format!("{}%", percent.display(Precision(0)))).unwrap_or_else(|| "—".to_string());
                        html! {
                            <tr data-testid="sparkline-row" data-path={sparkline.path.clone()}>
                                <th scope="row" class="col-path">{ &sparkline.path }</th>
                                <td>
                                    <svg class="sparkline" width={SPARK_WIDTH.to_string()} height={SPARK_HEIGHT.to_string()}
                                        viewBox={format!("0 0 {SPARK_WIDTH} {SPARK_HEIGHT}")} aria-hidden="true">
                                        <polyline points={svg_points(line.into_iter().flatten())} />
                                    </svg>
                                </td>
                                <td class="number">{ latest }</td>
                            </tr>
                        }
                    }) }
                </tbody>
            </table>
        </section>
    }
}
