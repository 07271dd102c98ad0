//! Start-up: everything the page starts with goes down the loading road, in order: a
//! standalone file's embedded data, the link's fragment, `?src=` addresses, or else a
//! published site's manifest (`covscope.json`), or else the demo; a `?source=` base
//! address is noted for the source view. Then the address may follow the view.
use yew::prelude::*;

use crate::app::browser::address::{location_fragment, source_addresses, source_base_address};
use crate::app::browser::demo::{demo_files, DemoFile};
use crate::app::browser::service_worker::register_service_worker;
use crate::app::browser::standalone::embedded_share_data;
use crate::app::browser::tasks::after_next_paint;
use crate::app::loading::{self, Incoming, LoadBatch};
use crate::app::state::{Action, LoadOrigin, SourceAction};
use crate::core::share::ViewState;

/// Runs start-up once, when the app mounts.
#[hook]
pub fn use_start_up(dispatch: &Callback<Action>) {
    let dispatch = dispatch.clone();
    use_effect_with((), move |_| start_up(dispatch));
}

fn start_up(dispatch: Callback<Action>) {
    if let Some(address) = source_base_address() {
        dispatch.emit(SourceAction::SetBaseAddress { address }.into());
    }
    let fragment = Some(location_fragment()).filter(|fragment| !fragment.is_empty());
    let shared =
        loading::take_in_shared_data(embedded_share_data().into_iter().chain(fragment), &dispatch);
    let sources = source_addresses();
    let has_sources = !sources.is_empty();
    if has_sources {
        // A `?src=` report is parsed in the parsing worker: it starts loading the parser
        // now, while the file is still on its way.
        loading::prepare_for_reports();
        let items = sources.into_iter().map(Incoming::Address).collect();
        loading::load_soon(
            LoadBatch {
                origin: LoadOrigin::Person,
                items,
            },
            &dispatch,
        );
    }
    if shared.brought_reports || has_sources {
        finish_start_up(&dispatch, shared.view_without_reports);
        return;
    }
    // The demo is served beside the app (or carried by the single-file page) and arrives
    // later; a view from the address applies once it is there, since it names its reports.
    wasm_bindgen_futures::spawn_local(async move {
        // A published site opens on its own data instead of the demo.
        if loading::load_published_site(&dispatch).await {
            finish_start_up(&dispatch, shared.view_without_reports);
            return;
        }
        // Without the demo the page starts empty, which is still a working start. Its
        // reports come prepared, so the first view waits for no parsing worker.
        let files = demo_files().await.unwrap_or_default();
        let items = files
            .into_iter()
            .map(|file| match file {
                DemoFile::File(picked) => Incoming::File(picked),
                DemoFile::Prepared { name, text } => Incoming::Prepared {
                    file_name: name,
                    text,
                },
            })
            .collect();
        loading::load(
            LoadBatch {
                origin: LoadOrigin::Demo,
                items,
            },
            dispatch.clone(),
        )
        .await;
        finish_start_up(&dispatch, shared.view_without_reports);
    });
}

/// Applies the view the address carried, then lets the address follow the view.
fn finish_start_up(dispatch: &Callback<Action>, pending_view: Option<ViewState>) {
    if let Some(view) = pending_view {
        dispatch.emit(Action::ApplyViewState { view });
    }
    dispatch.emit(Action::FinishStartup);
    // Large files loaded from now on are parsed by a worker that is already warm, and the
    // service worker keeps the app for offline use. Both start once the first view is
    // painted, so their downloads (the parser; the whole app again, for the service
    // worker's cache) do not delay that view.
    after_next_paint(|| {
        loading::prepare_for_large_files();
        register_service_worker();
    });
}
