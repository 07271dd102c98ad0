//! The header facts of the selected report: its format, tool, time, options, file count, and
//! for formats other than coverage.py the rule their percentages are printed with.
use yew::prelude::*;

use crate::app::state::SharedReport;
use crate::core::model::CoverageFormat;

#[derive(Properties, PartialEq)]
pub struct ReportFactsProps {
    pub name: String,
    pub report: SharedReport,
    pub warnings: Vec<String>,
}

#[function_component]
pub fn ReportFacts(props: &ReportFactsProps) -> Html {
    let report = &props.report.0;
    let facts = &report.facts;
    let profile = facts.format.profile();
    let format = match (&facts.format_version, facts.format) {
        // Istanbul's format version is a schema hash: its start is enough to tell two apart.
        (Some(version), _) if version.len() > 12 => {
            format!(
                "{}, format {}…",
                profile.name,
                &version[..version.floor_char_boundary(8)]
            )
        }
        (Some(version), _) => format!("{}, format {version}", profile.name),
        (None, CoverageFormat::CoveragePy) => "coverage.py JSON (no format key)".to_string(),
        (None, _) => profile.name.to_string(),
    };
    let written = facts
        .timestamp
        .as_deref()
        .map(readable_timestamp)
        .unwrap_or_else(|| "unknown".to_string());
    let yes_no = |flag: bool| if flag { "on" } else { "off" };
    let fact = |label: &'static str, test_id: &'static str, value: String| {
        html! {
            <div class="fact"><dt>{ label }</dt><dd data-testid={test_id}>{ value }</dd></div>
        }
    };
    html! {
        <section class="report-facts" data-testid="report-facts" aria-label="Report facts">
            <h2 class="report-title">
                { &props.name }
                <span class="total-badge">{ format!("{}%", report.total_coverage.display) }</span>
            </h2>
            if facts.format == CoverageFormat::CoveragePy {
                <dl class="facts">
                    { fact("coverage.py", "fact-version", facts.tool_version.clone().unwrap_or_else(|| "unknown".to_string())) }
                    { fact("Written", "fact-timestamp", written) }
                    { fact("Branch coverage", "fact-branch", yes_no(facts.has_branches).to_string()) }
                    { fact("Contexts", "fact-contexts", yes_no(facts.has_contexts).to_string()) }
                    { fact("Files", "fact-file-count", report.files.len().to_string()) }
                    { fact("Format", "fact-format", format) }
                </dl>
            } else {
                <dl class="facts">
                    { fact("Format", "fact-format", format) }
                    { fact("Written by", "fact-version", match &facts.tool_version {
                        Some(version) => version.clone(),
                        None => profile.written_by.to_string(),
                    }) }
                    { fact("Written", "fact-timestamp", written) }
                    { fact("Files", "fact-file-count", report.files.len().to_string()) }
                    { fact("Percentages", "fact-rule", profile.percent_rule_text.to_string()) }
                </dl>
            }
            if !props.warnings.is_empty() {
                <ul class="report-warnings">
                    { for props.warnings.iter().map(|warning| html! {
                        <li data-testid="report-warning">{ "⚠ " }{ warning }</li>
                    }) }
                </ul>
            }
        </section>
    }
}

/// "2026-11-20T23:55:24.395189" reads better as "2026-11-20 23:55:24"; anything that is
/// not in that shape is shown as written.
fn readable_timestamp(timestamp: &str) -> String {
    match timestamp.split_once('T') {
        Some((date, time)) if date.len() == 10 => {
            let time = time.split('.').next().unwrap_or(time);
            format!("{date} {time}")
        }
        _ => timestamp.to_string(),
    }
}
