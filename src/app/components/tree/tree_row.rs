//! One row of the folder tree: a folder with its summed figures (`tree-node`, with
//! `aria-expanded`) or a file with its own (`tree-file`, with its `open-source` control),
//! the cells those of the coverage table's columns.
use crate::core::text::{counted, nouns};
use std::rc::Rc;

use yew::prelude::*;

use crate::app::components::table::{row_cells, CellShape, ColumnDescription, RowFigures};
use crate::app::state::SharedReport;
use crate::core::analysis::table::{build_table_row, Thresholds};
use crate::core::analysis::tree::{FolderTree, TreeNodeKind, TreeRow as TreeRowData};

/// How far each level of the tree is indented, in pixels.
const INDENT_PER_LEVEL_PX: u32 = 16;

#[derive(Properties, PartialEq)]
pub struct TreeRowProps {
    pub report: SharedReport,
    pub tree: Rc<FolderTree>,
    pub row: TreeRowData,
    /// The row's position among the shown rows, counted from 0.
    pub position: usize,
    pub thresholds: Thresholds,
    pub columns: Rc<[ColumnDescription]>,
    pub is_active: bool,
}

#[function_component]
pub fn TreeRow(props: &TreeRowProps) -> Html {
    let node = &props.tree.nodes[props.row.node as usize];
    let file_index = match node.kind {
        TreeNodeKind::File { file_index } => Some(file_index),
        TreeNodeKind::Folder => None,
    };
    // A file's uncovered-lines text, formatted once while the row stays in view.
    let file_row = use_memo(
        (props.report.clone(), file_index, props.thresholds),
        |(report, file_index, thresholds)| {
            file_index.map(|index| build_table_row(&report.0, index, *thresholds))
        },
    );
    let report = &props.report.0;
    let stated = file_index.map_or(&[][..], |index| {
        report.files[index as usize].stated_figures.as_slice()
    });
    let figures = RowFigures {
        name: &node.name,
        name_title: Some(&node.path),
        facts: &report.facts,
        counts: &node.counts,
        figure: &node.coverage,
        stated,
        thresholds: props.thresholds,
        percent_note: file_row
            .as_ref()
            .as_ref()
            .filter(|row| row.has_no_statements)
            .map(|_| "no statements"),
        line_list: file_row
            .as_ref()
            .as_ref()
            .map(|row| row.missing_lines_text.as_str()),
        // The tree draws its own name cell, with its own control.
        opens_source: false,
    };
    let value_columns: Vec<ColumnDescription> = props
        .columns
        .iter()
        .filter(|column| column.shape != CellShape::Name)
        .copied()
        .collect();
    let level = props.thresholds.clamped().level_of(node.coverage.percent);
    let indent = (u32::from(props.row.depth) * INDENT_PER_LEVEL_PX).to_string();
    let is_folder = file_index.is_none();
    let name_cell = if is_folder {
        html! {
            <th scope="row" data-col="path" class="col-path tree-name" title={node.path.clone()}>
                <svg class="tree-indent" width={indent} height="1" aria-hidden="true" focusable="false" />
                <span class="tree-toggle" aria-hidden="true">{ if props.row.is_expanded { "▾" } else { "▸" } }</span>
                <span class="tree-folder-name">{ format!("{}/", node.name) }</span>
                <span class="tree-file-count">{ format!(" {}", counted(node.file_count, nouns::FILE)) }</span>
            </th>
        }
    } else {
        html! {
            <th scope="row" data-col="path" class="col-path tree-name" title={node.path.clone()}>
                <svg class="tree-indent" width={indent} height="1" aria-hidden="true" focusable="false" />
                <button type="button" class="link-button" data-testid="open-source" tabindex="-1"
                    aria-label={format!("Open the source of {}", node.path)}>
                    { &node.name }
                </button>
            </th>
        }
    };
    let row_index = (props.position + 2).to_string();
    let level_number = (u32::from(props.row.depth) + 1).to_string();
    html! {
        <tr data-testid={if is_folder { "tree-node" } else { "tree-file" }} data-tree-row="true"
            data-path={node.path.clone()}
            aria-expanded={is_folder.then(|| props.row.is_expanded.to_string())}
            aria-level={level_number} aria-rowindex={row_index}
            aria-selected={props.is_active.then_some("true")}
            tabindex={props.is_active.then_some("0")}
            class={classes!("file-row", "tree-row", format!("level-{}", level.key()), props.is_active.then_some("active"))}>
            { name_cell }
            { row_cells(&value_columns, &figures) }
        </tr>
    }
}
