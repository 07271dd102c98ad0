//! The treemap of the folder tree: one rectangle per folder and file, its area the number
//! of statements (or lines), its colour the coverage band; a folder opens its inside, a
//! file its source. The geometry is the core's (`core::analysis::treemap`).
use std::rc::Rc;

use yew::prelude::*;

use crate::app::state::SharedReport;
use crate::core::analysis::table::Thresholds;
use crate::core::analysis::tree::{FolderTree, TreeNodeKind};
use crate::core::analysis::treemap::{treemap_drawn_root, treemap_layout, TreemapRect};

/// The drawing's size in its own units; the stylesheet scales it to the view's width.
const TREEMAP_WIDTH: f64 = 960.0;
const TREEMAP_HEIGHT: f64 = 420.0;
/// Folders and their children: two levels at once.
const TREEMAP_LEVELS: u8 = 2;
/// Rectangles smaller than this on either side are not drawn (a large report has
/// thousands too small to see or click).
const SMALLEST_DRAWN_SIDE: f64 = 2.0;
/// A rectangle gets a label only when there is room for one.
const LABEL_MINIMUM_WIDTH: f64 = 48.0;
const LABEL_MINIMUM_HEIGHT: f64 = 16.0;

#[derive(Properties, PartialEq)]
pub struct TreemapViewProps {
    pub report: SharedReport,
    pub tree: Rc<FolderTree>,
    pub thresholds: Thresholds,
    /// The folder whose inside is shown; `None` for the whole report.
    pub folder: Option<String>,
    pub on_folder: Callback<Option<String>>,
    pub on_open_file: Callback<String>,
}

#[function_component]
pub fn TreemapView(props: &TreemapViewProps) -> Html {
    let root = props
        .folder
        .as_ref()
        .and_then(|path| props.tree.nodes.iter().position(|node| &node.path == path))
        .map_or(0, |index| u32::try_from(index).unwrap_or(0));
    let rects = use_memo(
        (props.report.clone(), props.tree.clone(), root),
        |(report, tree, root)| {
            treemap_layout(
                tree,
                &report.0.facts,
                treemap_drawn_root(tree, *root),
                TREEMAP_WIDTH,
                TREEMAP_HEIGHT,
                TREEMAP_LEVELS,
            )
        },
    );
    let tree = &props.tree;
    let up = props.folder.as_ref().map(|_| {
        let parent = tree.nodes[root as usize]
            .parent
            .filter(|&parent| parent != 0)
            .map(|parent| tree.nodes[parent as usize].path.clone());
        let on_folder = props.on_folder.clone();
        html! {
            <button type="button" class="button secondary" data-testid="treemap-up"
                onclick={Callback::from(move |_: MouseEvent| on_folder.emit(parent.clone()))}>
                { "↑ Up" }
            </button>
        }
    });
    let cells = rects
        .iter()
        .filter(|rect| rect.width >= SMALLEST_DRAWN_SIDE && rect.height >= SMALLEST_DRAWN_SIDE)
        .map(|rect| treemap_cell(props, rect));
    let shown = props
        .folder
        .clone()
        .unwrap_or_else(|| "the whole report".to_string());
    html! {
        <figure class="treemap-figure">
            <figcaption class="table-caption">
                { up }
                { format!(" Treemap of {shown}: area is size, colour is the coverage band.") }
            </figcaption>
            <svg class="treemap" data-testid="treemap" role="group" aria-label="Treemap"
                viewBox={format!("0 0 {TREEMAP_WIDTH} {TREEMAP_HEIGHT}")} preserveAspectRatio="none">
                { for cells }
            </svg>
        </figure>
    }
}

fn treemap_cell(props: &TreemapViewProps, rect: &TreemapRect) -> Html {
    let node = &props.tree.nodes[rect.node as usize];
    let is_folder = node.kind == TreeNodeKind::Folder;
    // A folder on the last level drawn shows no inside: it is coloured as a whole.
    let is_closed_folder = is_folder && rect.level + 1 >= TREEMAP_LEVELS;
    let level = props.thresholds.clamped().level_of(node.coverage.percent);
    let path = node.path.clone();
    let follow: Callback<()> = if is_folder {
        let on_folder = props.on_folder.clone();
        Callback::from(move |()| on_folder.emit(Some(path.clone())))
    } else {
        let on_open_file = props.on_open_file.clone();
        Callback::from(move |()| on_open_file.emit(path.clone()))
    };
    let onclick = {
        let follow = follow.clone();
        Callback::from(move |event: MouseEvent| {
            // A file inside a folder's rectangle is its own target, not the folder's.
            event.stop_propagation();
            follow.emit(());
        })
    };
    let onkeydown = Callback::from(move |event: KeyboardEvent| {
        if event.key() == "Enter" || event.key() == " " {
            event.prevent_default();
            follow.emit(());
        }
    });
    let label = (rect.width >= LABEL_MINIMUM_WIDTH && rect.height >= LABEL_MINIMUM_HEIGHT).then(|| {
        html! {
            <text x={format!("{:.1}", rect.x + 3.0)} y={format!("{:.1}", rect.y + 12.0)} class="treemap-label">
                { &node.name }
            </text>
        }
    });
    let title = format!("{}: {}%", node.path, node.coverage.display);
    html! {
        <g data-testid="treemap-cell" data-path={node.path.clone()} role="button" tabindex="0"
            aria-label={title.clone()}
            class={classes!("treemap-cell", format!("level-{}", level.key()), if is_folder { "treemap-folder" } else { "treemap-file" }, is_closed_folder.then_some("treemap-closed"))}
            {onclick} {onkeydown}>
            <title>{ title }</title>
            <rect x={format!("{:.1}", rect.x)} y={format!("{:.1}", rect.y)}
                width={format!("{:.1}", rect.width)} height={format!("{:.1}", rect.height)} />
            { label }
        </g>
    }
}
