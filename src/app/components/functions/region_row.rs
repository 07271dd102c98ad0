//! One function, method or class of the index: its name (leading to its first line), file,
//! line, kind, calls where counted, and its own figures drawn as the table draws them.
use yew::prelude::*;

use super::region_table::RegionColumnDescription;
use crate::app::components::table::{row_cells, shown_path, RowFigures};
use crate::core::analysis::regions::{RegionColumn, RegionRow as RegionRowData};
use crate::core::analysis::table::Thresholds;
use crate::core::model::{CoverageReport, RegionKind};

/// Drawn by a function, not a component: it keeps no state, and a component costs the
/// bundle more (only the rows in view are drawn).
pub fn region_row(
    report: &CoverageReport,
    row: RegionRowData,
    columns: &[RegionColumnDescription],
    thresholds: Thresholds,
    path_prefix: &str,
    on_open: &Callback<(String, Option<u64>)>,
) -> Html {
    let file = &report.files[row.file_index as usize];
    let region = &file.regions[row.region_index as usize];
    let open = {
        let (on_open, path, line) = (
            on_open.clone(),
            file.path.clone(),
            region.start_line.map(u64::from),
        );
        Callback::from(move |_: MouseEvent| on_open.emit((path.clone(), line)))
    };
    let cells = columns.iter().map(|column| match column.column {
        RegionColumn::Name => html! {
            <th scope="row" data-col="name" class="col-name" title={region.name.clone()}>
                <button type="button" class="link-button" data-testid="open-source" onclick={open.clone()}>
                    { &region.name }
                </button>
            </th>
        },
        RegionColumn::File => html! {
            <td data-col="file" class="col-file" title={file.path.clone()}>{ shown_path(&file.path, path_prefix) }</td>
        },
        RegionColumn::Line => html! {
            <td data-col="line" class="col-line number">
                { region.start_line.map(|line| line.to_string()).unwrap_or_default() }
            </td>
        },
        RegionColumn::Kind => html! {
            <td data-col="kind" class="col-kind">
                { match region.kind { RegionKind::Function => "function", RegionKind::Class => "class" } }
            </td>
        },
        RegionColumn::Hits => html! {
            <td data-col="hits" class="col-hits number">
                { region.hits.map(|hits| hits.to_string()).unwrap_or_default() }
            </td>
        },
        RegionColumn::Figure(_) => match &column.figure {
            Some(description) => row_cells(
                std::slice::from_ref(description),
                &RowFigures {
                    name: &region.name,
                    name_title: None,
                    facts: &report.facts,
                    counts: &region.counts,
                    figure: &region.coverage,
                    stated: &region.stated_figures,
                    thresholds,
                    percent_note: None,
                    line_list: None,
                    opens_source: false,
                },
            ),
            None => Html::default(),
        },
    });
    let level = thresholds.clamped().level_of(region.coverage.percent);
    html! {
        <tr key={format!("{}:{}", row.file_index, row.region_index)} data-testid="region-row" data-name={region.name.clone()} data-path={file.path.clone()}
            class={classes!("file-row", format!("level-{}", level.key()))}>
            { for cells }
        </tr>
    }
}
