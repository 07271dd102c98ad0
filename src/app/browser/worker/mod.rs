//! Parses coverage reports and reads markdown planning documents in a Web Worker that
//! runs the parser's own WebAssembly (`src/parse_worker.rs`, built beside the page's): the
//! page's side here, the worker's side in `inside.rs`, the messages in `messages.rs`.
//!
//! The page holds no coverage format's parser and no markdown, YAML or claims reader:
//! every report reaches it through a worker, and so does every document, read for the
//! page (claims extracted, body rendered) and posted in `core::share`'s document form.
//! The page starts a spare worker ahead of time ([`prepare_spare_worker`]) and sends it
//! `Prepare`; the worker (`static/parse-worker.js`) loads the parser's module and, for a
//! worker that waits for large files, warms the parser up on a small made-up report, so the
//! browser has compiled its hot code fully before a real file arrives. A load then sends
//! `Parse` with the `File`: the worker script reads the whole file itself, in order, and
//! a large coverage.py or Istanbul report is parsed as it arrives, only a window of it held
//! (`core::input::ArrivingFile`); the worker posts the report back in the compact snapshot
//! layout of `core::share`, in pieces, and the page's thread only decodes the snapshots.
//! A worker that parsed a large file is then stopped, once the page is idle after showing
//! what it handed over ([`AnsweredWorker`]), which gives its memory back; one that parsed a
//! small file is kept for the next (a folder of small reports, the demo), since starting a
//! worker costs more than such a parse.
//!
//! The single-file app, opened from disk, has no files beside it: it carries the worker's
//! script (with the parser's glue inside) and the parser's WebAssembly as base64 text in
//! two elements the browser never runs, and a classic worker starts from a `blob:`
//! address.
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
use super::tasks::when_idle;
use crate::core::analysis::read_document::PageContent;
use crate::core::input::{keeps_worker_after, DroppedContent, WarmUpScope};
use crate::core::share::{
    document_from_hand_over_bytes, patch_from_hand_over_bytes, HandOverAssembly,
};
use crate::core::text::{Diagnostic, ParseOutcome};

/// The worker script, published next to `index.html` (Trunk's `copy-file`).
const PARSE_WORKER_SCRIPT: &str = "parse-worker.js";

/// The ids of the elements in which the single-file app carries the worker's script (with
/// the parser's glue inside) and the parser's WebAssembly (base64); see
/// `scripts/single-file.mjs`.
const EMBEDDED_WORKER_SCRIPT_ELEMENT_ID: &str = "covscope-parse-worker-script";
const EMBEDDED_WORKER_WASM_ELEMENT_ID: &str = "covscope-parse-worker-wasm";

/// How much of the file the worker script asks the browser for at once. Small enough that
/// a report read as it arrives is parsed soon after its first bytes and the window stays
/// small, large enough that reading costs few calls.
const READ_SLICE_BYTES: u64 = 4 * 1024 * 1024;

/// How long a page that is never idle (or a hidden tab) keeps a worker that has answered
/// (see [`AnsweredWorker::stop_when_page_idle`]), and waits before preparing the next
/// (see [`prepare_spare_worker_when_page_idle`]).
const ANSWERED_WORKER_STOP_FALLBACK_MILLISECONDS: u32 = 1_000;

/// How a parse handed to a worker ended.
pub enum WorkerParse {
    /// The worker parsed the file (or found it unusable); `worker_memory_bytes` is the
    /// size of the worker's WebAssembly memory at the end, its peak. A report comes with
    /// its table's row index as the worker made it, in the byte form of `core::share`'s
    /// table index hand-over (empty for anything else), decoded by the caller in a task
    /// of its own.
    Finished {
        outcome: ParseOutcome<PageContent>,
        table_index: Vec<u8>,
        worker_memory_bytes: Option<u64>,
        answered_worker: AnsweredWorker,
    },
    /// The person cancelled the load; nothing is to be reported.
    Cancelled,
    /// No worker could be started here (an old browser, the script or the parser's
    /// WebAssembly missing); the caller says so, naming the file.
    Unavailable,
}

/// A worker that has answered and is not kept for the next file, stopped when this is
/// dropped.
///
/// Stopping a worker that parsed a large file gives its WebAssembly memory back, and the
/// browser takes its time over that (the worker's stopping task took 56 and 166 ms after
/// a 100 MB lcov file and a 200,000-file report, traced on a busy machine), during which
/// the page's own WebAssembly memory cannot grow: a growth of the page's memory waited 43
/// and 155 ms, off the CPU, in the task after the last piece (BENCHMARKS.md, "Growing the
/// page's memory"; a frame's layout waited the same way). So the caller keeps this until
/// the page has taken the answer in and is idle, and drops it then.
pub struct AnsweredWorker {
    worker: Option<web_sys::Worker>,
}

impl AnsweredWorker {
    /// A worker kept as the spare, or none at all: nothing to stop.
    fn none() -> AnsweredWorker {
        AnsweredWorker { worker: None }
    }

    /// Stops the worker once the page is idle, after rendering and laying out what the
    /// worker handed over (the table's rows render again a frame after the report, once
    /// their space is measured; stopped after the first paint, the worker still held up
    /// that second frame's layout), or after [`ANSWERED_WORKER_STOP_FALLBACK_MILLISECONDS`]
    /// at the latest, so a hidden tab does not hold the worker's memory.
    pub fn stop_when_page_idle(self) {
        when_idle(
            move || drop(self),
            ANSWERED_WORKER_STOP_FALLBACK_MILLISECONDS,
        );
    }
}

impl Drop for AnsweredWorker {
    fn drop(&mut self) {
        if let Some(worker) = self.worker.take() {
            worker.terminate();
        }
    }
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
    /// Which parsers it has warmed up (or been asked to).
    warmed_up: WarmUpScope,
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
    /// The `blob:` address of the single-file app's worker script, made once.
    static EMBEDDED_WORKER_ADDRESS: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Makes sure a worker is waiting with the parser loaded, so the next file is parsed at
/// once, with the parsers `warm_up` names run once (so a large file meets optimised code).
/// A spare worker that has warmed up less is asked to warm up now.
pub fn prepare_spare_worker(warm_up: WarmUpScope) {
    let spare_ready = PAGE_WORKERS.with(|workers| {
        let mut workers = workers.borrow_mut();
        let spare = workers.spare.as_mut()?;
        if !covers(spare.warmed_up, warm_up)
            && ToWorker::WarmUp(warm_up).post_to(&spare.worker).is_ok()
        {
            spare.warmed_up = warm_up;
        }
        Some(())
    });
    if spare_ready.is_some() {
        return;
    }
    if let Some(worker) = start_prepared_worker(warm_up) {
        keep_as_spare(worker, warm_up);
    }
}

/// Prepares the spare worker (see [`prepare_spare_worker`]) once the page is idle, after
/// it has rendered and laid out the report just loaded, or after
/// [`ANSWERED_WORKER_STOP_FALLBACK_MILLISECONDS`] at the latest. A worker started at once
/// compiles the parser's WebAssembly and runs its warm-up on the machine's other cores
/// while the page renders the report: on two cores the last frames of a 200,000-file
/// load were held up by it (BENCHMARKS.md, "The page's last frames after a load").
///
/// A parse under way by then skips it: its worker is parsing the next file (the spare
/// slot is empty only because that worker took it), and the end of that parse prepares
/// the spare again. Preparing one anyway started a fresh worker for every file of a
/// batch of small documents, each compiling the parser while the last was still in use.
pub fn prepare_spare_worker_when_page_idle(warm_up: WarmUpScope) {
    when_idle(
        move || {
            let parsing = PAGE_WORKERS.with(|workers| !workers.borrow().running.is_empty());
            if !parsing {
                prepare_spare_worker(warm_up);
            }
        },
        ANSWERED_WORKER_STOP_FALLBACK_MILLISECONDS,
    );
}

/// Whether a worker warmed up for `done` needs no more for `wanted`.
fn covers(done: WarmUpScope, wanted: WarmUpScope) -> bool {
    match (done, wanted) {
        (_, WarmUpScope::Nothing) | (WarmUpScope::EveryFormat, _) => true,
        (WarmUpScope::Format(done), WarmUpScope::Format(wanted)) => done == wanted,
        _ => false,
    }
}

/// Keeps a worker waiting for the next file, noting a failure of its script meanwhile.
fn keep_as_spare(worker: web_sys::Worker, warmed_up: WarmUpScope) {
    let failed = Rc::new(Cell::new(false));
    let on_error = {
        let failed = Rc::clone(&failed);
        Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
            event.prevent_default();
            failed.set(true);
        })
    };
    worker.set_onmessage(None);
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    PAGE_WORKERS.with(|workers| {
        workers.borrow_mut().spare = Some(SpareWorker {
            worker,
            warmed_up,
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
/// `files_wait`, asked once the worker has answered, says whether other files wait for a
/// worker: a worker that read a large file is then kept for them (see below).
pub async fn parse_in_worker(
    picked: &PickedFile,
    on_progress: impl Fn(u64, u64) + 'static,
    files_wait: impl FnOnce() -> bool,
) -> WorkerParse {
    let Some((worker, was_warmed_up)) = take_spare_worker().or_else(|| {
        start_prepared_worker(WarmUpScope::Nothing).map(|worker| (worker, WarmUpScope::Nothing))
    }) else {
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
                FromWorker::Piece {
                    snapshot,
                    report_files,
                } => {
                    let mut assembly = assembly.borrow_mut();
                    if let Some(report_files) = report_files {
                        assembly.expect_files(usize::try_from(report_files).unwrap_or(usize::MAX));
                    }
                    assembly.add_piece(&snapshot);
                }
                // The files come again from the first: the ones so far are dropped.
                FromWorker::StartOver => *assembly.borrow_mut() = HandOverAssembly::default(),
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

    let size = file_size_bytes(&picked.file);
    // The worker reads the whole file itself, in order, and parses a large report as it
    // arrives; the page's thread is left to decode the pieces (BENCHMARKS.md, "Reading
    // in order into a window").
    let request = ToWorker::Parse {
        file: picked.file.clone(),
        file_name: picked.relative_path.clone(),
        slice_bytes: READ_SLICE_BYTES,
    };
    if request.post_to(&worker).is_err() {
        worker.terminate();
        return WorkerParse::Unavailable;
    }
    let result = ending.clone();
    PAGE_WORKERS.with(|workers| {
        workers.borrow_mut().running.push(RunningParse {
            worker: worker.clone(),
            ending,
        })
    });

    let _ = wasm_bindgen_futures::JsFuture::from(ended).await;
    PAGE_WORKERS.with(|workers| {
        workers.borrow_mut().running.retain(|parse| {
            AsRef::<JsValue>::as_ref(&parse.worker) != AsRef::<JsValue>::as_ref(&worker)
        })
    });
    let ending = result.take();
    // A worker that answered is kept for the next file, unless a spare is already
    // waiting: after a small file always, after a large one only while other files wait
    // for their turn (the next of a batch then meets a worker with its parser compiled and
    // warm instead of a fresh one; the memory the worker grew to is used again, and given
    // back after the batch's last file). Any other worker is stopped.
    let answered = matches!(
        ending,
        Some(Ending::Message(
            FromWorker::Report { .. } | FromWorker::Document { .. } | FromWorker::Failed { .. }
        ))
    );
    let spare_waiting = PAGE_WORKERS.with(|workers| workers.borrow().spare.is_some());
    let keep = answered && !spare_waiting && (keeps_worker_after(size) || files_wait());
    let answered_worker = if keep {
        keep_as_spare(worker, was_warmed_up);
        AnsweredWorker::none()
    } else if answered {
        // It has posted its last message; it is stopped once the page has shown the answer
        // (see `AnsweredWorker`), and nobody listens to it meanwhile.
        worker.set_onmessage(None);
        worker.set_onerror(None);
        AnsweredWorker {
            worker: Some(worker),
        }
    } else {
        worker.terminate();
        AnsweredWorker::none()
    };
    // The closures must live until the worker no longer calls them; dropping them here,
    // after its handlers are replaced or it is stopped, is that point.
    drop((on_message, on_error));
    let assembly = Rc::try_unwrap(assembly)
        .map(RefCell::into_inner)
        .unwrap_or_default();
    match ending {
        Some(Ending::Message(message)) => outcome_of_message(message, assembly, answered_worker),
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
fn take_spare_worker() -> Option<(web_sys::Worker, WarmUpScope)> {
    let spare = PAGE_WORKERS.with(|workers| workers.borrow_mut().spare.take())?;
    if spare.failed.get() {
        spare.worker.terminate();
        return None;
    }
    Some((spare.worker, spare.warmed_up))
}

/// Turns the worker's last message, and the pieces before it, into the outcome the
/// reducer takes.
fn outcome_of_message(
    message: FromWorker,
    assembly: HandOverAssembly,
    answered_worker: AnsweredWorker,
) -> WorkerParse {
    let failure = |message: String, answered_worker: AnsweredWorker| WorkerParse::Finished {
        outcome: ParseOutcome::failure(message),
        table_index: Vec::new(),
        worker_memory_bytes: None,
        answered_worker,
    };
    match message {
        FromWorker::Report {
            snapshot,
            table_index,
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
                table_index,
                worker_memory_bytes: (memory_bytes > 0).then_some(memory_bytes),
                answered_worker,
            }
        }
        FromWorker::Patch {
            bytes,
            diagnostics,
            memory_bytes,
        } => finished_from_bytes(
            patch_from_hand_over_bytes(&bytes).map(|patch| DroppedContent::Patch(Box::new(patch))),
            diagnostics,
            memory_bytes,
            answered_worker,
        ),
        FromWorker::Document {
            bytes,
            diagnostics,
            memory_bytes,
        } => finished_from_bytes(
            document_from_hand_over_bytes(&bytes)
                .map(|document| DroppedContent::Document(Box::new(document))),
            diagnostics,
            memory_bytes,
            answered_worker,
        ),
        // Pieces may have come before the failure (the worker hands files over while it
        // reads): they are dropped with the assembly, never shown as a half report.
        FromWorker::Failed { diagnostics } => WorkerParse::Finished {
            outcome: ParseOutcome {
                value: None,
                diagnostics,
            },
            table_index: Vec::new(),
            worker_memory_bytes: None,
            answered_worker,
        },
        FromWorker::OutOfMemory => failure(
            "there is not enough memory to read the file".to_string(),
            answered_worker,
        ),
        // An error event without a message is how a worker script that failed to load
        // shows up; the page can still parse the file itself.
        FromWorker::Crashed { message } if message.is_empty() => WorkerParse::Unavailable,
        FromWorker::Crashed { message } => failure(
            format!("the parser stopped unexpectedly ({message}); what was loaded before is kept"),
            answered_worker,
        ),
        // Progress and pieces never end a parse (see `parse_in_worker`).
        FromWorker::Progress { .. } | FromWorker::Piece { .. } | FromWorker::StartOver => {
            WorkerParse::Unavailable
        }
    }
}

/// Starts a worker and sends it what it needs to load the parser (and warm up the parsers
/// `warm_up` names); it then waits for a `Parse` message (which it may receive before it
/// is ready).
fn start_prepared_worker(warm_up: WarmUpScope) -> Option<web_sys::Worker> {
    let document = gloo::utils::document();
    let embedded_wasm = document
        .get_element_by_id(EMBEDDED_WORKER_WASM_ELEMENT_ID)
        .and_then(|element| js_sys::Reflect::get(&element, &JsValue::from_str("textContent")).ok());
    // Chromium starts no module worker from a `blob:` address of a `file://` page, so the
    // single-file app's script is a classic one (`scripts/single-file.mjs`).
    let (address, worker_type) = match embedded_wasm {
        Some(_) => (embedded_worker_address()?, web_sys::WorkerType::Classic),
        None => {
            let base = document.base_uri().ok().flatten()?;
            let address = web_sys::Url::new_with_base(PARSE_WORKER_SCRIPT, &base)
                .ok()?
                .href();
            (address, web_sys::WorkerType::Module)
        }
    };
    let options = web_sys::WorkerOptions::new();
    options.set_type(worker_type);
    let worker = web_sys::Worker::new_with_options(&address, &options).ok()?;
    let request = ToWorker::Prepare {
        warm_up,
        wasm_base64: embedded_wasm,
    };
    if request.post_to(&worker).is_err() {
        worker.terminate();
        return None;
    }
    Some(worker)
}

/// The `blob:` address of the worker script the single-file app carries, made on first use.
fn embedded_worker_address() -> Option<String> {
    if let Some(address) = EMBEDDED_WORKER_ADDRESS.with(|address| address.borrow().clone()) {
        return Some(address);
    }
    let script = gloo::utils::document()
        .get_element_by_id(EMBEDDED_WORKER_SCRIPT_ELEMENT_ID)?
        .text_content()?;
    let options = web_sys::BlobPropertyBag::new();
    options.set_type("text/javascript");
    let parts = js_sys::Array::of1(&JsValue::from_str(&script));
    let blob = web_sys::Blob::new_with_str_sequence_and_options(&parts, &options).ok()?;
    let address = web_sys::Url::create_object_url_with_blob(&blob).ok()?;
    EMBEDDED_WORKER_ADDRESS.with(|stored| *stored.borrow_mut() = Some(address.clone()));
    Some(address)
}

/// A parse that ended in bytes the page decodes (a diff's or a document's hand-over form):
/// the decoded content, or the parse's diagnostics with the reason the bytes could not be
/// decoded.
fn finished_from_bytes(
    decoded: Result<PageContent, String>,
    mut diagnostics: Vec<Diagnostic>,
    memory_bytes: u64,
    answered_worker: AnsweredWorker,
) -> WorkerParse {
    let value = match decoded {
        Ok(content) => Some(content),
        Err(problem) => {
            diagnostics.push(Diagnostic::error(problem));
            None
        }
    };
    WorkerParse::Finished {
        outcome: ParseOutcome { value, diagnostics },
        table_index: Vec::new(),
        worker_memory_bytes: (memory_bytes > 0).then_some(memory_bytes),
        answered_worker,
    }
}
