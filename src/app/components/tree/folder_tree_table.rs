//! The folder tree as a virtual tree grid: only the rows in view exist, folders open and
//! close with a click or the arrow keys, and a file opens its source.
use std::rc::Rc;

use yew::prelude::*;

use super::TreeRow;
use crate::app::components::table::{header_rows, table_columns, windowed_rows};
use crate::app::derived::use_tree_child_order;
use crate::app::effects::row_window::{use_row_window, ActiveRow, RowWindowSetup};
use crate::app::state::{Action, CodeAction, SharedReport};
use crate::core::analysis::table::Thresholds;
use crate::core::analysis::table_window::WindowSettings;
use crate::core::analysis::tree::{
    open_folder_flags, tree_rows_with_open_flags, FolderTree, TreeNodeKind, TreeRow as TreeRowData,
    TreeView,
};

/// The tree's window: rows as tall as the table's (30 pixels), the same overscan, and
/// trees of up to 100 rows rendered whole.
const TREE_ROWS: RowWindowSetup = RowWindowSetup {
    settings: WindowSettings {
        row_height_px: 30,
        overscan_rows: 6,
        render_all_up_to: 100,
    },
    row_selector: "[data-tree-row]",
    active_row_selector: "[data-tree-row][aria-selected=\"true\"]",
    row_key_attribute: "data-path",
};

#[derive(Properties, PartialEq)]
pub struct FolderTreeTableProps {
    pub report: SharedReport,
    pub tree: Rc<FolderTree>,
    pub view: TreeView,
    pub active_path: Option<String>,
    pub thresholds: Thresholds,
    pub dispatch: Callback<Action>,
}

/// What a key does to the active row of the tree.
enum TreeKeyMove {
    Step(isize),
    Open,
    Close,
    Follow,
}

#[function_component]
pub fn FolderTreeTable(props: &FolderTreeTableProps) -> Html {
    // The rows are cut from the children's order for the sort, kept between inputs: a
    // header click or a keystroke does not sort the tree again.
    let order = use_tree_child_order(props.tree.clone(), props.report.clone(), props.view.sort);
    // The open folders as flags by node, kept until a folder opens or closes: a header
    // click or a keystroke does not look up every open folder's path again.
    let open = use_memo(
        (props.tree.clone(), props.view.expanded.clone()),
        |(tree, expanded)| open_folder_flags(tree, expanded),
    );
    let rows = use_memo(
        (
            props.tree.clone(),
            order,
            props.view.clone(),
            open,
            props.thresholds,
        ),
        |(tree, order, view, open, thresholds)| {
            tree_rows_with_open_flags(tree, order, view, open, *thresholds)
        },
    );
    let columns = use_memo(props.report.clone(), |report| table_columns(&report.0));
    let tree = &props.tree;
    let position_of = |path: &str| {
        rows.iter()
            .position(|row| tree.nodes[row.node as usize].path == path)
    };
    let active = props.active_path.as_ref().map(|path| ActiveRow {
        key: path.clone(),
        position: position_of(path),
    });
    let rows_window = Rc::new(use_row_window(TREE_ROWS, rows.len(), active));
    let window = rows_window.window;

    let onclick = {
        let (dispatch, rows_window, tree) =
            (props.dispatch.clone(), rows_window.clone(), tree.clone());
        let expanded = props.view.expanded.clone();
        Callback::from(move |event: MouseEvent| {
            let Some(path) = rows_window.row_key_of(&event) else {
                return;
            };
            dispatch.emit(CodeAction::ActivateTreeRow { path: path.clone() }.into());
            let Some(node) = tree.nodes.iter().find(|node| node.path == path) else {
                return;
            };
            match node.kind {
                TreeNodeKind::Folder => dispatch.emit(
                    CodeAction::SetFolderOpen {
                        open: !expanded.contains(&path),
                        path,
                    }
                    .into(),
                ),
                TreeNodeKind::File { .. } => dispatch.emit(Action::OpenSource { path, line: None }),
            }
        })
    };
    let onkeydown = {
        let (dispatch, rows_window, tree, rows) = (
            props.dispatch.clone(),
            rows_window.clone(),
            tree.clone(),
            rows.clone(),
        );
        Callback::from(move |event: KeyboardEvent| {
            let key_move = match event.key().as_str() {
                "ArrowDown" => TreeKeyMove::Step(1),
                "ArrowUp" => TreeKeyMove::Step(-1),
                "ArrowRight" => TreeKeyMove::Open,
                "ArrowLeft" => TreeKeyMove::Close,
                "Enter" => TreeKeyMove::Follow,
                _ => return,
            };
            let Some(path) = rows_window.row_key_of(&event) else {
                return;
            };
            event.prevent_default();
            if let Some(action) = key_action(&tree, &rows, &path, key_move) {
                dispatch.emit(action);
            }
        })
    };

    let headers = {
        let dispatch = props.dispatch.clone();
        header_rows(
            &columns,
            props.view.sort,
            "tree-sort-",
            &Callback::from(move |column| dispatch.emit(CodeAction::SortTreeBy { column }.into())),
        )
    };
    let active_path = props.active_path.as_deref();
    let shown_rows = rows[window.start..window.end]
        .iter()
        .enumerate()
        .map(|(offset, row)| {
            let node = &tree.nodes[row.node as usize];
            html! {
                <TreeRow key={row.node} report={props.report.clone()} tree={tree.clone()} row={*row}
                    position={window.start + offset} thresholds={props.thresholds}
                    columns={(*columns).clone()} is_active={active_path == Some(node.path.as_str())} />
            }
        });
    let column_count = columns.len().to_string();
    html! {
        <div class="coverage-table-area">
            <p class="table-caption" id="tree-caption">{ caption(tree, &rows) }</p>
            <div class="table-scroll" ref={rows_window.area.clone()} onscroll={rows_window.onscroll.clone()}>
                <table class="coverage-table tree-table" role="treegrid" data-testid="folder-tree"
                    aria-describedby="tree-caption" aria-rowcount={(rows.len() + 1).to_string()}>
                    <thead ref={rows_window.header.clone()}>{ headers }</thead>
                    <tbody {onclick} {onkeydown}>
                        { windowed_rows(window, &column_count, shown_rows.collect(), rows.len(), "No folders or files match.") }
                    </tbody>
                </table>
            </div>
        </div>
    }
}

/// The action a key press on the row at `path` asks for: the arrows move between rows,
/// Right opens a closed folder (or moves into an open one), Left closes an open folder
/// (or moves to the folder above), Enter opens a folder or a file's source.
fn key_action(
    tree: &FolderTree,
    rows: &[TreeRowData],
    path: &str,
    key_move: TreeKeyMove,
) -> Option<Action> {
    let position = rows
        .iter()
        .position(|row| tree.nodes[row.node as usize].path == path)?;
    let row = rows[position];
    let node = &tree.nodes[row.node as usize];
    let is_folder = node.kind == TreeNodeKind::Folder;
    let activate = |index: usize| -> Option<Action> {
        let path = tree.nodes[rows.get(index)?.node as usize].path.clone();
        Some(CodeAction::ActivateTreeRow { path }.into())
    };
    match key_move {
        TreeKeyMove::Step(step) => {
            let target = position.checked_add_signed(step)?;
            activate(target)
        }
        TreeKeyMove::Open if is_folder && !row.is_expanded => Some(
            CodeAction::SetFolderOpen {
                path: node.path.clone(),
                open: true,
            }
            .into(),
        ),
        TreeKeyMove::Open if is_folder => activate(position + 1),
        TreeKeyMove::Close if is_folder && row.is_expanded => Some(
            CodeAction::SetFolderOpen {
                path: node.path.clone(),
                open: false,
            }
            .into(),
        ),
        TreeKeyMove::Close => {
            let parent = node.parent.filter(|&parent| parent != 0)?;
            let parent_path = tree.nodes[parent as usize].path.clone();
            Some(CodeAction::ActivateTreeRow { path: parent_path }.into())
        }
        TreeKeyMove::Follow if is_folder => Some(
            CodeAction::SetFolderOpen {
                path: node.path.clone(),
                open: !row.is_expanded,
            }
            .into(),
        ),
        TreeKeyMove::Follow => Some(Action::OpenSource {
            path: node.path.clone(),
            line: None,
        }),
        TreeKeyMove::Open => None,
    }
}

fn caption(tree: &FolderTree, rows: &[TreeRowData]) -> String {
    let folders = tree.folder_count;
    let files = tree.nodes.first().map_or(0, |root| root.file_count);
    format!(
        "{folders} folders, {files} files; {} rows shown",
        rows.len()
    )
}
