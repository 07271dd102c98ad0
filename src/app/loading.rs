//! Loads picked and dropped files: refuses oversized ones, parses large coverage reports
//! in a worker (one at a time, with progress), small files on the page, and stops on
//! cancel.
use yew::UseReducerDispatcher;

use crate::app::browser::{self, OffThreadParse, PickedFile};
use crate::app::state::{Action, AppState, LoadAction, LoadOrigin, LoadProgress};
use crate::core::input::{parse_dropped_file, parses_off_main_thread, refuse_oversized_file};
use crate::core::text::ParseOutcome;

/// Starts loading the files; each ends in exactly one `FinishLoadingFile`, unless the
/// person cancels.
pub fn load_files(files: Vec<PickedFile>, dispatcher: UseReducerDispatcher<AppState>) {
    dispatcher.dispatch(Action::Load(LoadAction::Start {
        file_count: files.len(),
        origin: LoadOrigin::Person,
    }));
    let mut for_worker = Vec::new();
    for picked in files {
        let size = file_size(&picked);
        if let Some(refusal) = refuse_oversized_file(&picked.relative_path, size) {
            dispatcher.dispatch(Action::Load(LoadAction::Finish {
                file_name: picked.relative_path,
                outcome: ParseOutcome::failure(refusal),
                origin: LoadOrigin::Person,
            }));
        } else if parses_off_main_thread(&picked.relative_path, size) {
            for_worker.push(picked);
        } else {
            let dispatcher = dispatcher.clone();
            wasm_bindgen_futures::spawn_local(load_on_page(picked, dispatcher));
        }
    }
    if !for_worker.is_empty() {
        wasm_bindgen_futures::spawn_local(load_in_worker_one_by_one(for_worker, dispatcher));
    }
}

/// Stops the loads under way: running workers end at once, queued files are skipped.
pub fn cancel_loading(dispatcher: &UseReducerDispatcher<AppState>) {
    browser::cancel_off_main_thread_parses();
    dispatcher.dispatch(Action::Load(LoadAction::Cancel));
}

/// Large reports are parsed one after another, so at most one file's bytes are held by
/// a worker at any time, whatever the size of the drop.
async fn load_in_worker_one_by_one(
    files: Vec<PickedFile>,
    dispatcher: UseReducerDispatcher<AppState>,
) {
    let generation = browser::cancel_generation();
    for picked in files {
        if browser::cancel_generation() != generation {
            return;
        }
        let file_name = picked.relative_path.clone();
        let size = file_size(&picked);
        let started = browser::now_milliseconds();
        let on_progress = {
            let dispatcher = dispatcher.clone();
            let file_name = file_name.clone();
            move |done_bytes, total_bytes| {
                dispatcher.dispatch(Action::Load(LoadAction::Progress {
                    file_name: file_name.clone(),
                    progress: LoadProgress {
                        done_bytes,
                        total_bytes,
                    },
                }))
            }
        };
        match browser::parse_off_main_thread(&picked, on_progress).await {
            OffThreadParse::Finished {
                outcome,
                worker_memory_bytes,
            } => {
                // The report was decoded in the task that received it; rendering it waits
                // for the next one.
                browser::yield_to_page().await;
                dispatcher.dispatch(Action::Load(LoadAction::Finish {
                    file_name: file_name.clone(),
                    outcome,
                    origin: LoadOrigin::Person,
                }));
                browser::record_load_timing(&file_name, started, size, worker_memory_bytes);
            }
            OffThreadParse::Cancelled => return,
            OffThreadParse::Unavailable => load_on_page(picked, dispatcher.clone()).await,
        }
    }
    // Each worker parses one file; the next drop finds a fresh one ready.
    browser::prepare_spare_parse_worker();
}

async fn load_on_page(picked: PickedFile, dispatcher: UseReducerDispatcher<AppState>) {
    let file_name = picked.relative_path.clone();
    let size = file_size(&picked);
    let started = browser::now_milliseconds();
    let outcome = match browser::read_file_bytes(&picked).await {
        Ok(bytes) => parse_dropped_file(&file_name, &bytes),
        Err(message) => ParseOutcome::failure(message),
    };
    dispatcher.dispatch(Action::Load(LoadAction::Finish {
        file_name: file_name.clone(),
        outcome,
        origin: LoadOrigin::Person,
    }));
    browser::record_load_timing(&file_name, started, size, None);
}

fn file_size(picked: &PickedFile) -> u64 {
    browser::file_size_bytes(&picked.file)
}
