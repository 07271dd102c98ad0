//! Parses large coverage reports in a Web Worker that runs Covscope's own WebAssembly:
//! the page's side here, the worker's side in `inside.rs`, the messages in `messages.rs`.
//!
//! The page starts a spare worker ahead of time ([`prepare_spare_worker`]) and sends it
//! `Prepare`: the compiled module the page is itself running and the address of the
//! wasm-bindgen glue that loaded it. The worker (`static/parse-worker.js`) loads the same
//! module and warms the parser up on a small made-up report, so the browser has compiled
//! its hot code fully before a real file arrives. A load then sends `Parse` with the
//! `File` and a split point: the worker script reads the first half while the page reads
//! the second ([`send_part_of_file`], `Chunk` messages), each slice going straight into
//! the worker's memory; then the worker parses and posts the report back in the compact
//! snapshot layout of `core::share`, in pieces. No second binary is built, so the bundle
//! does not grow, and the page's thread only decodes the snapshots. Each worker parses
//! one file and is then stopped, which gives its memory back; a new spare is prepared for
//! the next load.
mod inside;
mod messages;

use std::cell::{Cell, RefCell};
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

pub use inside::{
    fail_receiving_file, parse_received_file, receive_file_chunk, start_receiving_file,
    warm_up_parse_worker,
};
use messages::{FromWorker, ToWorker};

use super::files::{file_size_bytes, PickedFile};
use crate::core::input::DroppedContent;
use crate::core::share::{patch_from_hand_over_bytes, HandOverAssembly};
use crate::core::text::{Diagnostic, ParseOutcome};

/// The worker script, published next to `index.html` (Trunk's `copy-file`).
const PARSE_WORKER_SCRIPT: &str = "parse-worker.js";

/// How much of its part of the file the page reads at once before posting it to the
/// worker; the `Parse` message tells the worker script to read its own part in slices of
/// the same size. Small enough that few slices wait at a time, so the file is held about
/// once (in the worker's memory), large enough that reading costs few calls.
const READ_SLICE_BYTES: u64 = 8 * 1024 * 1024;

/// How a parse handed to a worker ended.
pub enum WorkerParse {
    /// The worker parsed the file (or found it unusable); `worker_memory_bytes` is the
    /// size of the worker's WebAssembly memory at the end, its peak.
    Finished {
        outcome: ParseOutcome<DroppedContent>,
        worker_memory_bytes: Option<u64>,
    },
    /// The person cancelled the load; nothing is to be reported.
    Cancelled,
    /// No worker could be started here (the single-file app from `file://`, an old
    /// browser, the script missing); the caller parses on the page's thread instead.
    Unavailable,
}

/// The page's workers: a spare one prepared ahead of time, and those parsing now.
#[derive(Default)]
struct PageWorkers {
    spare: Option<SpareWorker>,
    running: Vec<RunningParse>,
}

/// A worker prepared ahead of time. Until a file is handed to it nobody listens to it, so
/// an error (its script missing, say) is noted here, or it would go unseen and the file
/// would wait for an answer that never comes.
struct SpareWorker {
    worker: web_sys::Worker,
    failed: Rc<Cell<bool>>,
    _on_error: Closure<dyn Fn(web_sys::Event)>,
}

/// A running worker, kept so that a cancel can stop it and settle its parse.
struct RunningParse {
    worker: web_sys::Worker,
    ending: ParseEnding,
}

/// How a running parse ends: the first ending wins (a message after a cancel is ignored).
#[derive(Clone)]
struct ParseEnding {
    ended: Rc<RefCell<Option<Ending>>>,
    /// Resolves the promise the parse waits on.
    wake: js_sys::Function,
}

enum Ending {
    Message(FromWorker),
    Cancelled,
}

thread_local! {
    static PAGE_WORKERS: RefCell<PageWorkers> = RefCell::new(PageWorkers::default());
}

/// Whether this code runs in a page (as opposed to a worker), where the app is mounted.
pub fn is_running_in_page() -> bool {
    js_sys::global().dyn_into::<web_sys::Window>().is_ok()
}

/// Starts a worker and has it load and warm up the parser, unless one is already waiting,
/// so that the next large file is parsed at once and at full speed. Does nothing where no
/// worker can run (the single-file app opened from disk).
pub fn prepare_spare_worker() {
    if PAGE_WORKERS.with(|workers| workers.borrow().spare.is_some()) {
        return;
    }
    let Some(worker) = start_prepared_worker() else {
        return;
    };
    let failed = Rc::new(Cell::new(false));
    let on_error = {
        let failed = Rc::clone(&failed);
        Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
            event.prevent_default();
            failed.set(true);
        })
    };
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    PAGE_WORKERS.with(|workers| {
        workers.borrow_mut().spare = Some(SpareWorker {
            worker,
            failed,
            _on_error: on_error,
        })
    });
}

/// Stops every running worker parse; each ends as cancelled.
pub fn stop_all_parses() {
    let running = PAGE_WORKERS.with(|workers| std::mem::take(&mut workers.borrow_mut().running));
    for parse in running {
        parse.worker.terminate();
        parse.ending.end(Ending::Cancelled);
    }
}

/// Parses a file in a worker, calling `on_progress(done, total)` as it goes.
pub async fn parse_in_worker(
    picked: &PickedFile,
    on_progress: impl Fn(u64, u64) + 'static,
) -> WorkerParse {
    let Some(worker) = take_spare_worker().or_else(start_prepared_worker) else {
        return WorkerParse::Unavailable;
    };
    let Some((ending, ended)) = ParseEnding::new() else {
        worker.terminate();
        return WorkerParse::Unavailable;
    };
    let assembly = Rc::new(RefCell::new(HandOverAssembly::default()));
    let on_message = {
        let (ending, assembly) = (ending.clone(), Rc::clone(&assembly));
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            match FromWorker::decode(&event.data()) {
                FromWorker::Progress { done, total } => on_progress(done, total),
                FromWorker::Piece { snapshot } => assembly.borrow_mut().add_piece(&snapshot),
                last => ending.end(Ending::Message(last)),
            }
        })
    };
    let on_error = {
        let ending = ending.clone();
        Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
            // The script failed to load (a plain `Event`, no message) or threw outside its
            // own handler (an `ErrorEvent` with one).
            event.prevent_default();
            let message = js_sys::Reflect::get(&event, &JsValue::from_str("message"))
                .ok()
                .and_then(|message| message.as_string())
                .unwrap_or_default();
            ending.end(Ending::Message(FromWorker::Crashed { message }));
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));

    // The worker reads the first half of the file, the page the second, at the same time.
    let size = file_size_bytes(&picked.file);
    let split_at = size / 2;
    let request = ToWorker::Parse {
        file: picked.file.clone(),
        file_name: picked.relative_path.clone(),
        split_at,
        slice_bytes: READ_SLICE_BYTES,
    };
    if request.post_to(&worker).is_err() {
        worker.terminate();
        return WorkerParse::Unavailable;
    }
    let reading_stopped = Rc::new(Cell::new(false));
    wasm_bindgen_futures::spawn_local(send_part_of_file(
        worker.clone(),
        picked.file.clone(),
        split_at..size,
        Rc::clone(&reading_stopped),
    ));
    let result = ending.clone();
    PAGE_WORKERS.with(|workers| {
        workers.borrow_mut().running.push(RunningParse {
            worker: worker.clone(),
            ending,
        })
    });

    let _ = wasm_bindgen_futures::JsFuture::from(ended).await;
    reading_stopped.set(true);
    worker.terminate();
    PAGE_WORKERS.with(|workers| {
        workers.borrow_mut().running.retain(|parse| {
            AsRef::<JsValue>::as_ref(&parse.worker) != AsRef::<JsValue>::as_ref(&worker)
        })
    });
    // The closures must live until the worker is gone; dropping them here is that point.
    drop((on_message, on_error));
    let assembly = Rc::try_unwrap(assembly)
        .map(RefCell::into_inner)
        .unwrap_or_default();
    match result.take() {
        Some(Ending::Message(message)) => outcome_of_message(message, assembly),
        Some(Ending::Cancelled) => WorkerParse::Cancelled,
        // The promise resolves only once an ending is set.
        None => WorkerParse::Unavailable,
    }
}

impl ParseEnding {
    /// A parse not ended yet, and the promise that resolves when it ends.
    fn new() -> Option<(ParseEnding, js_sys::Promise)> {
        let mut wake = None;
        let promise = js_sys::Promise::new(&mut |resolve, _reject| wake = Some(resolve));
        let ending = ParseEnding {
            ended: Rc::new(RefCell::new(None)),
            wake: wake?,
        };
        Some((ending, promise))
    }

    fn end(&self, ending: Ending) {
        let mut ended = self.ended.borrow_mut();
        if ended.is_none() {
            *ended = Some(ending);
            drop(ended);
            let _ = self.wake.call0(&JsValue::NULL);
        }
    }

    fn take(&self) -> Option<Ending> {
        self.ended.borrow_mut().take()
    }
}

/// The spare worker, unless there is none or its script failed: then a new worker is
/// tried, which reports its own failure (and the page parses the file itself) now that
/// someone listens.
fn take_spare_worker() -> Option<web_sys::Worker> {
    let spare = PAGE_WORKERS.with(|workers| workers.borrow_mut().spare.take())?;
    if spare.failed.get() {
        spare.worker.terminate();
        return None;
    }
    Some(spare.worker)
}

/// Turns the worker's last message, and the pieces before it, into the outcome the
/// reducer takes.
fn outcome_of_message(message: FromWorker, assembly: HandOverAssembly) -> WorkerParse {
    let failure = |message: String| WorkerParse::Finished {
        outcome: ParseOutcome::failure(message),
        worker_memory_bytes: None,
    };
    match message {
        FromWorker::Report {
            snapshot,
            mut diagnostics,
            memory_bytes,
        } => {
            let decoded = assembly.finish(&snapshot);
            diagnostics.extend(decoded.diagnostics);
            WorkerParse::Finished {
                outcome: ParseOutcome {
                    value: decoded
                        .value
                        .map(|report| DroppedContent::Coverage(Box::new(report))),
                    diagnostics,
                },
                worker_memory_bytes: (memory_bytes > 0).then_some(memory_bytes),
            }
        }
        FromWorker::Patch {
            bytes,
            mut diagnostics,
            memory_bytes,
        } => {
            let value = match patch_from_hand_over_bytes(&bytes) {
                Ok(patch) => Some(DroppedContent::Patch(Box::new(patch))),
                Err(problem) => {
                    diagnostics.push(Diagnostic::error(problem));
                    None
                }
            };
            WorkerParse::Finished {
                outcome: ParseOutcome { value, diagnostics },
                worker_memory_bytes: (memory_bytes > 0).then_some(memory_bytes),
            }
        }
        FromWorker::Failed { diagnostics } => WorkerParse::Finished {
            outcome: ParseOutcome {
                value: None,
                diagnostics,
            },
            worker_memory_bytes: None,
        },
        FromWorker::OutOfMemory => {
            failure("there is not enough memory to read the file".to_string())
        }
        // An error event without a message is how a worker script that failed to load
        // shows up; the page can still parse the file itself.
        FromWorker::Crashed { message } if message.is_empty() => WorkerParse::Unavailable,
        FromWorker::Crashed { message } => failure(format!(
            "the parser stopped unexpectedly ({message}); what was loaded before is kept"
        )),
        // Progress and pieces never end a parse (see `parse_in_worker`).
        FromWorker::Progress { .. } | FromWorker::Piece { .. } => WorkerParse::Unavailable,
    }
}

/// Starts a worker and sends it what it needs to load and warm up the parser; it then
/// waits for a `Parse` message (which it may receive before it is ready).
fn start_prepared_worker() -> Option<web_sys::Worker> {
    let glue_address = glue_script_address()?;
    let base = gloo::utils::document().base_uri().ok().flatten()?;
    let address = web_sys::Url::new_with_base(PARSE_WORKER_SCRIPT, &base)
        .ok()?
        .href();
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let worker = web_sys::Worker::new_with_options(&address, &options).ok()?;
    let request = ToWorker::Prepare {
        glue_address,
        module: wasm_bindgen::module(),
    };
    if request.post_to(&worker).is_err() {
        worker.terminate();
        return None;
    }
    Some(worker)
}

/// The address of the wasm-bindgen glue module the page was started from. Trunk lists
/// it as a `modulepreload` link; the single-file app inlines it and has none.
fn glue_script_address() -> Option<String> {
    let link = gloo::utils::document()
        .query_selector("link[rel=\"modulepreload\"][href$=\".js\"]")
        .ok()
        .flatten()?
        .dyn_into::<web_sys::HtmlLinkElement>()
        .ok()?;
    let address = link.href();
    (address.starts_with("http://") || address.starts_with("https://")).then_some(address)
}

/// Reads `part` of the file on the page, slice by slice, and posts each slice to the
/// worker (moved, not copied), until done or `stopped`. A read that fails is posted as
/// `ChunkFailed`, and the worker reports it as the load's failure.
async fn send_part_of_file(
    worker: web_sys::Worker,
    file: web_sys::File,
    part: std::ops::Range<u64>,
    stopped: Rc<Cell<bool>>,
) {
    let mut offset = part.start;
    while offset < part.end && !stopped.get() {
        let slice_end = (offset + READ_SLICE_BYTES).min(part.end);
        let read = match file.slice_with_f64_and_f64(offset as f64, slice_end as f64) {
            Ok(slice) => wasm_bindgen_futures::JsFuture::from(slice.array_buffer())
                .await
                .ok(),
            Err(_) => None,
        };
        if stopped.get() {
            return;
        }
        let message = match read {
            Some(buffer) => ToWorker::Chunk {
                offset,
                buffer: buffer.unchecked_into(),
            },
            None => ToWorker::ChunkFailed,
        };
        let failed = matches!(message, ToWorker::ChunkFailed);
        let _ = message.post_to(&worker);
        if failed {
            return;
        }
        offset = slice_end;
    }
}
