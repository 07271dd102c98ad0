//! The folder tree view: its controls, the tree, and the treemap when it is shown.
use std::rc::Rc;

use yew::prelude::*;

use super::{FolderTreeTable, TreemapView};
use crate::app::components::shell::{empty_state, search_box, toggle};
use crate::app::state::{Action, CodeAction, CodeSettings, SharedReport};
use crate::core::analysis::table::Thresholds;
use crate::core::analysis::tree::{all_folder_paths, FolderTree};

#[derive(Properties, PartialEq)]
pub struct TreePageProps {
    /// The selected report and its tree, when a report is loaded.
    pub shown: Option<(SharedReport, Rc<FolderTree>)>,
    pub code: CodeSettings,
    pub thresholds: Thresholds,
    pub dispatch: Callback<Action>,
}

#[function_component]
pub fn TreePage(props: &TreePageProps) -> Html {
    let Some((report, tree)) = &props.shown else {
        return empty_state(
            "No coverage report loaded",
            "Drop a coverage report to see its folders with their totals.",
        );
    };
    let dispatch = &props.dispatch;
    let code = &props.code;
    let on_filter = dispatch.reform(|text| CodeAction::SetTreeFilter { text }.into());
    let on_only_low = dispatch.reform(|only| CodeAction::SetOnlyBelowLow { only }.into());
    let on_treemap = dispatch.reform(|show| CodeAction::ShowTreemap { show }.into());
    let expand_all = {
        let (dispatch, tree) = (dispatch.clone(), tree.clone());
        Callback::from(move |_: MouseEvent| {
            dispatch.emit(
                CodeAction::OpenFolders {
                    paths: all_folder_paths(&tree),
                }
                .into(),
            )
        })
    };
    let collapse_all = dispatch.reform(|_: MouseEvent| CodeAction::CloseAllFolders.into());
    html! {
        <section class="tree-page" aria-label="Folder tree">
            <div class="table-controls">
                { search_box("Filter files by path", "tree-filter", "Filter by path…", &code.tree.filter, &on_filter) }
                { toggle("Only folders below the low band", "only-low", code.tree.only_below_low, &on_only_low) }
                { toggle("Treemap", "show-treemap", code.show_treemap, &on_treemap) }
                <button type="button" class="button secondary" data-testid="expand-all" onclick={expand_all}>{ "Open all" }</button>
                <button type="button" class="button secondary" data-testid="collapse-all" onclick={collapse_all}>{ "Close all" }</button>
            </div>
            if !tree.common_prefix.is_empty() {
                <p class="table-caption">{ format!("Paths under {}", tree.common_prefix) }</p>
            }
            if code.show_treemap {
                <TreemapView report={report.clone()} tree={tree.clone()} thresholds={props.thresholds}
                    folder={code.treemap_folder.clone()}
                    on_folder={dispatch.reform(|path: Option<String>| CodeAction::ShowTreemapFolder { path }.into())}
                    on_open_file={dispatch.reform(|path| Action::OpenSource { path, line: None })} />
            }
            <FolderTreeTable report={report.clone()} tree={tree.clone()} view={code.tree.clone()}
                active_path={code.tree_active.clone()} thresholds={props.thresholds}
                dispatch={dispatch.clone()} />
        </section>
    }
}
