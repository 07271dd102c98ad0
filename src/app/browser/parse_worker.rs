//! Parses large coverage reports in a Web Worker that runs Covscope's own WebAssembly.
//!
//! The page starts a spare worker ahead of time ([`prepare_spare_parse_worker`]) and sends
//! it a `prepare` message: the compiled module the page is itself running and the address
//! of the wasm-bindgen glue that loaded it. The worker (`static/parse-worker.js`) loads the
//! same module and runs [`warm_up_parse_worker`] on a small made-up report, so the browser
//! has compiled the parser's hot code fully before a real file arrives. A drop then sends
//! a `parse` message with the `File` and a split point: the worker script reads the first
//! half while the page reads the second ([`send_part_of_file`], `chunk` messages), each
//! slice going into the memory made by [`start_receiving_file`] through
//! [`receive_file_chunk`]; then [`parse_received_file`] parses and posts the report back
//! in the compact snapshot layout of `core::share`. No second binary is built, so the
//! bundle does not grow, and the page's thread only decodes the snapshots. Each worker
//! parses one file and is then stopped, which gives its memory back; a new spare is
//! prepared for the next drop.
//!
//! Messages to the worker: `prepare` (`glueAddress`, `module`), `parse` (`file`,
//! `fileName`, `splitAt`, `sliceBytes`), `chunk` (`offset`, `buffer`) and `chunk-failed`.
//! Messages from the worker are plain objects with a `kind`:
//! `progress` (`done`, `total`: bytes read plus bytes parsed, of twice the file size),
//! `piece` (`snapshot`: up to a thousand files of the report, decoded as it arrives, so
//! no single task on the page decodes a whole 50,000-file report), `report` (`snapshot`:
//! the last piece, with the totals; `diagnostics`; `memoryBytes`: the worker's wasm memory),
//! `failed` (`diagnostics`), and, from the script itself, `crashed` (`message`) when the
//! module could not be loaded or trapped.
use std::cell::RefCell;
use std::rc::Rc;

use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use super::PickedFile;
use crate::core::input::{
    parse_dropped_file_reporting_progress, warm_up_report_text, DroppedContent,
};
use crate::core::share::{hand_over_pieces, HandOverAssembly, ReportSnapshot};
use crate::core::text::{Diagnostic, ParseOutcome, Severity};

/// The worker script, published next to `index.html` (Trunk's `copy-file`).
const PARSE_WORKER_SCRIPT: &str = "parse-worker.js";

/// How much of its part of the file the page reads at once before posting it to the
/// worker; the `parse` message tells the worker script to read its own part in slices of
/// the same size. Small enough
/// that few slices wait at a time, so the file is held about once (in the worker's
/// memory), large enough that reading costs few calls.
const READ_SLICE_BYTES: u64 = 8 * 1024 * 1024;

/// The least time between two progress messages from the worker. Every message makes the
/// page render the progress bar, and on a two-core machine the page's thread competes with
/// the worker's: a message per MiB of a 100 MB report cost the parse a third of its speed.
const PROGRESS_MESSAGE_INTERVAL_MILLISECONDS: f64 = 50.0;

/// How many files the warm-up report has: enough that every hot function of the parser
/// and the hand-over runs often enough to be optimised, small enough to take a few
/// milliseconds.
const WARM_UP_FILE_COUNT: usize = 300;

/// How a parse handed to a worker ended.
pub enum OffThreadParse {
    /// The worker parsed the file (or found it unusable); `worker_memory_bytes` is the
    /// size of the worker's WebAssembly memory at the end, its peak.
    Finished {
        outcome: ParseOutcome<DroppedContent>,
        worker_memory_bytes: Option<u64>,
    },
    /// The person cancelled the load; nothing is to be reported.
    Cancelled,
    /// No worker could be started here (the single-file app from `file://`, an old
    /// browser); the caller parses on the page's thread instead.
    Unavailable,
}

/// A worker prepared ahead of time. Until a file is handed to it nobody listens to it, so
/// an error (its script missing, say) is noted here, or it would go unseen and the file
/// would wait for an answer that never comes.
struct SpareWorker {
    worker: web_sys::Worker,
    failed: Rc<std::cell::Cell<bool>>,
    _on_error: Closure<dyn Fn(web_sys::Event)>,
}

/// A running worker, kept so that a cancel can stop it and settle its promise.
struct RunningParse {
    worker: web_sys::Worker,
    settle: js_sys::Function,
}

thread_local! {
    /// A worker started and prepared ahead of time, waiting for the next large file.
    static SPARE_WORKER: RefCell<Option<SpareWorker>> = const { RefCell::new(None) };
    static RUNNING_PARSES: RefCell<Vec<RunningParse>> = const { RefCell::new(Vec::new()) };
    /// Bumped by every cancel, so queued files that have not started yet are skipped.
    static CANCEL_GENERATION: RefCell<u64> = const { RefCell::new(0) };
    /// In the worker: the file being received, chunk by chunk.
    static RECEIVED_FILE: RefCell<Option<ReceivedFile>> = const { RefCell::new(None) };
    /// In the worker: when the last progress message was posted.
    static LAST_PROGRESS_MESSAGE: std::cell::Cell<f64> = const { std::cell::Cell::new(f64::NEG_INFINITY) };
}

/// A file arriving in the worker in chunks: the first half read by the worker itself, the
/// second by the page at the same time (reading a file costs the thread that receives the
/// bytes, so two threads read it in about half the time).
struct ReceivedFile {
    file_name: String,
    /// As long as the file, filled in as chunks arrive.
    bytes: Vec<u8>,
    received_bytes: u64,
    /// A chunk did not fit where it claimed to belong.
    out_of_place: bool,
}

#[wasm_bindgen]
extern "C" {
    /// `performance.measure(name, options)`, in the form that carries a `detail` object;
    /// web-sys only offers it behind its unstable-API flag.
    #[wasm_bindgen(js_namespace = performance, js_name = measure, catch)]
    fn performance_measure_with_options(name: &str, options: &JsValue) -> Result<JsValue, JsValue>;

    /// `performance.now()`, available in pages and workers alike.
    #[wasm_bindgen(js_namespace = performance, js_name = now)]
    fn performance_now() -> f64;
}

/// Whether this code runs in a page (as opposed to a worker), where the app is mounted.
pub fn is_running_in_page() -> bool {
    js_sys::global().dyn_into::<web_sys::Window>().is_ok()
}

/// The current cancel generation; a queued load compares it with the one it started in.
pub fn cancel_generation() -> u64 {
    CANCEL_GENERATION.with(|generation| *generation.borrow())
}

/// Stops every running worker parse and marks queued ones as cancelled.
pub fn cancel_off_main_thread_parses() {
    CANCEL_GENERATION.with(|generation| *generation.borrow_mut() += 1);
    let running = RUNNING_PARSES.with(|running| std::mem::take(&mut *running.borrow_mut()));
    for parse in running {
        parse.worker.terminate();
        let _ = parse
            .settle
            .call1(&JsValue::NULL, &message_of_kind("cancelled"));
    }
}

/// Lets the page handle what is waiting (input, painting) before the caller goes on, so
/// decoding a handed-over report and rendering it are two tasks, not one long one.
pub async fn yield_to_page() {
    gloo::timers::future::TimeoutFuture::new(0).await;
}

/// Milliseconds on the page's clock, for [`record_load_timing`].
pub fn now_milliseconds() -> f64 {
    performance_now()
}

/// Records a finished load as a `covscope:load` performance measure, so the benchmark
/// (and anyone with the browser's performance panel) can see how long it took and how
/// much memory the worker needed, without the app printing anything.
pub fn record_load_timing(
    file_name: &str,
    start_milliseconds: f64,
    size_bytes: u64,
    worker_memory_bytes: Option<u64>,
) {
    let detail = js_sys::Object::new();
    set_property(&detail, "fileName", &JsValue::from_str(file_name));
    set_property(&detail, "bytes", &JsValue::from_f64(size_bytes as f64));
    set_property(
        &detail,
        "workerMemoryBytes",
        &worker_memory_bytes.map_or(JsValue::NULL, |bytes| JsValue::from_f64(bytes as f64)),
    );
    let options = js_sys::Object::new();
    set_property(&options, "start", &JsValue::from_f64(start_milliseconds));
    set_property(&options, "end", &JsValue::from_f64(performance_now()));
    set_property(&options, "detail", &detail);
    // A browser without measure options loses only the measurement.
    let _ = performance_measure_with_options("covscope:load", &options);
}

/// Starts a worker and has it load and warm up the parser, unless one is already waiting,
/// so that the next large file is parsed at once and at full speed. Does nothing where no
/// worker can run (the single-file app opened from disk).
pub fn prepare_spare_parse_worker() {
    let has_spare = SPARE_WORKER.with(|spare| spare.borrow().is_some());
    if has_spare {
        return;
    }
    let Some(worker) = start_prepared_worker() else {
        return;
    };
    let failed = Rc::new(std::cell::Cell::new(false));
    let on_error = {
        let failed = Rc::clone(&failed);
        Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
            event.prevent_default();
            failed.set(true);
        })
    };
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    SPARE_WORKER.with(|spare| {
        *spare.borrow_mut() = Some(SpareWorker {
            worker,
            failed,
            _on_error: on_error,
        })
    });
}

/// Parses a picked file in a worker, calling `on_progress(done, total)` as it goes.
pub async fn parse_off_main_thread(
    picked: &PickedFile,
    on_progress: impl Fn(u64, u64) + 'static,
) -> OffThreadParse {
    // A spare that failed is dropped, and a new worker tried: it reports its own failure
    // (and the page then parses the file itself) now that someone listens.
    let spare = SPARE_WORKER
        .with(|spare| spare.borrow_mut().take())
        .and_then(|spare| {
            if spare.failed.get() {
                spare.worker.terminate();
                None
            } else {
                Some(spare.worker)
            }
        });
    let Some(worker) = spare.or_else(start_prepared_worker) else {
        return OffThreadParse::Unavailable;
    };
    let mut settle_slot: Option<js_sys::Function> = None;
    let settled = js_sys::Promise::new(&mut |resolve, _reject| settle_slot = Some(resolve));
    let Some(settle) = settle_slot else {
        worker.terminate();
        return OffThreadParse::Unavailable;
    };

    let assembly = Rc::new(RefCell::new(HandOverAssembly::default()));
    let on_message = {
        let settle = settle.clone();
        let assembly = Rc::clone(&assembly);
        Closure::<dyn Fn(web_sys::MessageEvent)>::new(move |event: web_sys::MessageEvent| {
            let message = event.data();
            match kind_of(&message).as_str() {
                "progress" => on_progress(
                    number_property(&message, "done"),
                    number_property(&message, "total"),
                ),
                "piece" => assembly.borrow_mut().add_piece(&snapshot_in(&message)),
                _ => {
                    let _ = settle.call1(&JsValue::NULL, &message);
                }
            }
        })
    };
    let on_error = {
        let settle = settle.clone();
        Closure::<dyn Fn(web_sys::Event)>::new(move |event: web_sys::Event| {
            // The script failed to load (a plain `Event`, no message) or threw outside its
            // own handler (an `ErrorEvent` with one).
            event.prevent_default();
            let detail = js_sys::Reflect::get(&event, &JsValue::from_str("message"))
                .ok()
                .and_then(|message| message.as_string())
                .unwrap_or_default();
            let crashed = message_of_kind("crashed");
            set_property(&crashed, "message", &JsValue::from_str(&detail));
            let _ = settle.call1(&JsValue::NULL, &crashed);
        })
    };
    worker.set_onmessage(Some(on_message.as_ref().unchecked_ref()));
    worker.set_onerror(Some(on_error.as_ref().unchecked_ref()));

    // The worker reads the first half of the file, the page the second, at the same time.
    let size = super::file_size_bytes(&picked.file);
    let split_at = size / 2;
    let request = message_of_kind("parse");
    set_property(&request, "file", &picked.file);
    set_property(
        &request,
        "fileName",
        &JsValue::from_str(&picked.relative_path),
    );
    set_property(&request, "splitAt", &JsValue::from_f64(split_at as f64));
    set_property(
        &request,
        "sliceBytes",
        &JsValue::from_f64(READ_SLICE_BYTES as f64),
    );
    if worker.post_message(&request).is_err() {
        worker.terminate();
        return OffThreadParse::Unavailable;
    }
    let reading_stopped = Rc::new(std::cell::Cell::new(false));
    wasm_bindgen_futures::spawn_local(send_part_of_file(
        worker.clone(),
        picked.file.clone(),
        split_at,
        size,
        Rc::clone(&reading_stopped),
    ));
    RUNNING_PARSES.with(|running| {
        running.borrow_mut().push(RunningParse {
            worker: worker.clone(),
            settle: settle.clone(),
        })
    });

    let message = wasm_bindgen_futures::JsFuture::from(settled)
        .await
        .unwrap_or(JsValue::NULL);
    reading_stopped.set(true);
    worker.terminate();
    RUNNING_PARSES.with(|running| {
        running.borrow_mut().retain(|parse| {
            AsRef::<JsValue>::as_ref(&parse.worker) != AsRef::<JsValue>::as_ref(&worker)
        })
    });
    // The closures must live until the worker is gone; dropping them here is that point.
    drop(on_message);
    drop(on_error);
    let assembly = Rc::try_unwrap(assembly)
        .map(RefCell::into_inner)
        .unwrap_or_default();
    outcome_of_message(&message, assembly)
}

/// Makes room for a file of `size` bytes that the worker script is about to hand over in
/// chunks ([`receive_file_chunk`]); false (after posting the failure) when it cannot.
/// Exported to `static/parse-worker.js`.
///
/// The room is taken zeroed from fresh memory, which the allocator knows to be zero
/// already: reserving and then filling it with zeros wrote 100 MB for nothing and cost a
/// 100 MB load 160 ms. Running out of memory here stops the module; the worker script
/// reports that as not enough memory.
#[wasm_bindgen]
pub fn start_receiving_file(file: web_sys::File, file_name: String) -> bool {
    let scope = worker_scope();
    let size = super::file_size_bytes(&file);
    let Ok(capacity) = usize::try_from(size) else {
        post_failure(
            &scope,
            &[Diagnostic::error(
                "the file is larger than this browser can hold in memory",
            )],
        );
        return false;
    };
    let bytes = vec![0u8; capacity];
    RECEIVED_FILE.with(|received| {
        *received.borrow_mut() = Some(ReceivedFile {
            file_name,
            bytes,
            received_bytes: 0,
            out_of_place: false,
        })
    });
    LAST_PROGRESS_MESSAGE.with(|last| last.set(f64::NEG_INFINITY));
    true
}

/// Copies one chunk of the file, read by the worker or by the page, to its place.
/// Exported to `static/parse-worker.js`.
#[wasm_bindgen]
pub fn receive_file_chunk(offset: f64, chunk: js_sys::Uint8Array) {
    let progress = RECEIVED_FILE.with(|received| {
        let mut received = received.borrow_mut();
        let file = received.as_mut()?;
        let length = chunk.length() as usize;
        let start = (offset.is_finite() && offset >= 0.0).then_some(offset as usize);
        match start.and_then(|start| Some(start..start.checked_add(length)?)) {
            Some(range) if range.end <= file.bytes.len() => {
                chunk.copy_to(&mut file.bytes[range]);
                file.received_bytes += length as u64;
            }
            // The file grew since its size was taken, or a chunk came twice.
            _ => file.out_of_place = true,
        }
        Some((file.received_bytes, file.bytes.len() as u64))
    });
    if let Some((received_bytes, size)) = progress {
        post_progress(received_bytes, size.saturating_mul(2));
    }
}

/// Ends a file's reading with the failure the person sees: the browser could not read it.
/// Exported to `static/parse-worker.js`.
#[wasm_bindgen]
pub fn fail_receiving_file() {
    RECEIVED_FILE.with(|received| received.borrow_mut().take());
    post_failure(
        &worker_scope(),
        &[Diagnostic::error(FILE_UNREADABLE_MESSAGE)],
    );
}

/// Parses the file whose chunks have all been received and posts the answer: the report
/// in pieces, or the diagnostics. Exported to `static/parse-worker.js`.
#[wasm_bindgen]
pub fn parse_received_file() {
    let scope = worker_scope();
    let Some(ReceivedFile {
        file_name,
        bytes,
        received_bytes,
        out_of_place,
    }) = RECEIVED_FILE.with(|received| received.borrow_mut().take())
    else {
        post_failure(
            &scope,
            &[Diagnostic::error(
                "Covscope's parsing worker was asked to parse before it had a file; this is a bug",
            )],
        );
        return;
    };
    let size = bytes.len() as u64;
    if out_of_place || received_bytes != size {
        post_failure(
            &scope,
            &[Diagnostic::error(
                "the file changed while it was being read; drop it again",
            )],
        );
        return;
    }
    let total = size.saturating_mul(2);
    // Parsing reports how far it has read; the bar's second half follows it.
    let outcome = parse_dropped_file_reporting_progress(&file_name, &bytes, &mut |consumed| {
        post_progress(size.saturating_add(consumed as u64), total)
    });
    post_progress(total, total);
    drop(bytes);
    match outcome.value {
        Some(DroppedContent::Coverage(report)) => {
            // Each piece is posted as soon as it is made, so the page decodes one while the
            // next is being made; the last one (totals, no files) goes with the answer.
            let mut pieces = hand_over_pieces(*report).peekable();
            let mut last = Vec::new();
            while let Some(piece) = pieces.next() {
                if pieces.peek().is_none() {
                    last = piece.into_bytes();
                    break;
                }
                let snapshot = js_sys::Uint8Array::from(piece.as_bytes());
                let message = message_of_kind("piece");
                set_property(&message, "snapshot", &snapshot);
                let _ = scope
                    .post_message_with_transfer(&message, &js_sys::Array::of1(&snapshot.buffer()));
            }
            let snapshot = js_sys::Uint8Array::from(last.as_slice());
            let answer = message_of_kind("report");
            set_property(&answer, "snapshot", &snapshot);
            set_property(
                &answer,
                "diagnostics",
                &diagnostics_to_js(&outcome.diagnostics),
            );
            set_property(
                &answer,
                "memoryBytes",
                &JsValue::from_f64(wasm_memory_bytes() as f64),
            );
            let transfer = js_sys::Array::of1(&snapshot.buffer());
            let _ = scope.post_message_with_transfer(&answer, &transfer);
        }
        Some(DroppedContent::Patch(patch)) => post_failure(
            &scope,
            &[Diagnostic::error(format!(
                "this is {}; Covscope reads it, but its patch coverage view is not there yet",
                patch.describe()
            ))],
        ),
        Some(DroppedContent::Document(_)) => post_failure(
            &scope,
            &[Diagnostic::error(
                "Covscope's parsing worker only reads coverage reports; this is a bug",
            )],
        ),
        None => post_failure(&scope, &outcome.diagnostics),
    }
}

/// Runs the parser and the hand-over once on a small made-up report with contexts, in a
/// worker waiting for a file: the browser compiles WebAssembly quickly first and optimises
/// a function only once it has run for a while, and a 100 MB report was parsed 25% slower
/// by code that had not run before. Exported to `static/parse-worker.js`.
#[wasm_bindgen]
pub fn warm_up_parse_worker() {
    let sample = warm_up_report_text(WARM_UP_FILE_COUNT);
    let outcome =
        parse_dropped_file_reporting_progress("warm-up.json", sample.as_bytes(), &mut |_| {});
    if let Some(DroppedContent::Coverage(report)) = outcome.value {
        let mut assembly = HandOverAssembly::default();
        for piece in hand_over_pieces(*report) {
            assembly.add_piece(&piece);
        }
    }
}

/// The dedicated worker this code runs in.
fn worker_scope() -> web_sys::DedicatedWorkerGlobalScope {
    js_sys::global().unchecked_into()
}

/// Posts how far the load is, at most one message per interval unless it is done.
fn post_progress(done: u64, total: u64) {
    let now = performance_now();
    let too_soon = LAST_PROGRESS_MESSAGE
        .with(|last| now - last.get() < PROGRESS_MESSAGE_INTERVAL_MILLISECONDS);
    if done < total && too_soon {
        return;
    }
    LAST_PROGRESS_MESSAGE.with(|last| last.set(now));
    let progress = message_of_kind("progress");
    set_property(&progress, "done", &JsValue::from_f64(done as f64));
    set_property(&progress, "total", &JsValue::from_f64(total as f64));
    let _ = worker_scope().post_message(&progress);
}

fn post_failure(scope: &web_sys::DedicatedWorkerGlobalScope, diagnostics: &[Diagnostic]) {
    let answer = message_of_kind("failed");
    set_property(&answer, "diagnostics", &diagnostics_to_js(diagnostics));
    let _ = scope.post_message(&answer);
}

/// Turns the worker's last message, and the pieces before it, into the outcome the
/// reducer takes.
fn outcome_of_message(message: &JsValue, assembly: HandOverAssembly) -> OffThreadParse {
    match kind_of(message).as_str() {
        "report" => {
            let decoded = assembly.finish(&snapshot_in(message));
            let mut diagnostics = diagnostics_from_js(message);
            diagnostics.extend(decoded.diagnostics);
            let memory = number_property(message, "memoryBytes");
            OffThreadParse::Finished {
                outcome: ParseOutcome {
                    value: decoded
                        .value
                        .map(|report| DroppedContent::Coverage(Box::new(report))),
                    diagnostics,
                },
                worker_memory_bytes: (memory > 0).then_some(memory),
            }
        }
        "failed" => OffThreadParse::Finished {
            outcome: ParseOutcome {
                value: None,
                diagnostics: diagnostics_from_js(message),
            },
            worker_memory_bytes: None,
        },
        "cancelled" => OffThreadParse::Cancelled,
        "crashed" => {
            let detail = js_sys::Reflect::get(message, &JsValue::from_str("message"))
                .ok()
                .and_then(|value| value.as_string())
                .unwrap_or_default();
            if detail.is_empty() {
                // An error event without a message is how a worker script that failed to
                // load shows up; the page can still parse the file itself.
                OffThreadParse::Unavailable
            } else {
                OffThreadParse::Finished {
                    outcome: ParseOutcome::failure(format!(
                        "the parser stopped unexpectedly ({detail}); what was loaded before is kept"
                    )),
                    worker_memory_bytes: None,
                }
            }
        }
        _ => OffThreadParse::Unavailable,
    }
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

/// Reads `start..end` of the file on the page, slice by slice, and posts each slice to
/// the worker (moved, not copied), until done or `stopped`. A read that fails is posted as
/// `chunk-failed`, and the worker reports it as the load's failure.
async fn send_part_of_file(
    worker: web_sys::Worker,
    file: web_sys::File,
    start: u64,
    end: u64,
    stopped: Rc<std::cell::Cell<bool>>,
) {
    let mut offset = start;
    while offset < end && !stopped.get() {
        let slice_end = (offset + READ_SLICE_BYTES).min(end);
        let read = match file.slice_with_f64_and_f64(offset as f64, slice_end as f64) {
            Ok(slice) => wasm_bindgen_futures::JsFuture::from(slice.array_buffer())
                .await
                .ok(),
            Err(_) => None,
        };
        if stopped.get() {
            return;
        }
        let Some(buffer) = read else {
            let _ = worker.post_message(&message_of_kind("chunk-failed"));
            return;
        };
        let chunk = message_of_kind("chunk");
        set_property(&chunk, "offset", &JsValue::from_f64(offset as f64));
        set_property(&chunk, "buffer", &buffer);
        let _ = worker.post_message_with_transfer(&chunk, &js_sys::Array::of1(&buffer));
        offset = slice_end;
    }
}

/// What a person sees when the browser could not read a dropped file.
const FILE_UNREADABLE_MESSAGE: &str =
    "the browser could not read the file (was it moved or deleted?)";

/// Starts a worker and sends it what it needs to load and warm up the parser; it then
/// waits for a `parse` message (which it may receive before it is ready).
fn start_prepared_worker() -> Option<web_sys::Worker> {
    let glue_address = glue_script_address()?;
    let base = gloo::utils::document().base_uri().ok().flatten()?;
    let address = web_sys::Url::new_with_base(PARSE_WORKER_SCRIPT, &base)
        .ok()?
        .href();
    let options = web_sys::WorkerOptions::new();
    options.set_type(web_sys::WorkerType::Module);
    let worker = web_sys::Worker::new_with_options(&address, &options).ok()?;
    let request = message_of_kind("prepare");
    set_property(&request, "glueAddress", &JsValue::from_str(&glue_address));
    set_property(&request, "module", &wasm_bindgen::module());
    if worker.post_message(&request).is_err() {
        worker.terminate();
        return None;
    }
    Some(worker)
}

fn wasm_memory_bytes() -> u64 {
    wasm_bindgen::memory()
        .dyn_into::<js_sys::WebAssembly::Memory>()
        .map(|memory| {
            memory
                .buffer()
                .dyn_into::<js_sys::ArrayBuffer>()
                .map_or(0, |buffer| u64::from(buffer.byte_length()))
        })
        .unwrap_or(0)
}

fn snapshot_in(message: &JsValue) -> ReportSnapshot {
    let bytes = js_sys::Reflect::get(message, &JsValue::from_str("snapshot"))
        .ok()
        .and_then(|value| value.dyn_into::<js_sys::Uint8Array>().ok())
        .map(|array| array.to_vec())
        .unwrap_or_default();
    ReportSnapshot::from_bytes(bytes)
}

fn message_of_kind(kind: &str) -> js_sys::Object {
    let message = js_sys::Object::new();
    set_property(&message, "kind", &JsValue::from_str(kind));
    message
}

fn kind_of(message: &JsValue) -> String {
    js_sys::Reflect::get(message, &JsValue::from_str("kind"))
        .ok()
        .and_then(|kind| kind.as_string())
        .unwrap_or_default()
}

fn number_property(message: &JsValue, name: &str) -> u64 {
    js_sys::Reflect::get(message, &JsValue::from_str(name))
        .ok()
        .and_then(|value| value.as_f64())
        .filter(|value| value.is_finite() && *value >= 0.0)
        .map_or(0, |value| value as u64)
}

fn set_property(target: &js_sys::Object, name: &str, value: &JsValue) {
    // Setting a plain property on a fresh object cannot fail.
    let _ = js_sys::Reflect::set(target, &JsValue::from_str(name), value);
}

/// Diagnostics as `[[isError, message], ...]`.
fn diagnostics_to_js(diagnostics: &[Diagnostic]) -> js_sys::Array {
    diagnostics
        .iter()
        .map(|diagnostic| {
            js_sys::Array::of2(
                &JsValue::from_bool(diagnostic.severity == Severity::Error),
                &JsValue::from_str(&diagnostic.message),
            )
        })
        .collect()
}

fn diagnostics_from_js(message: &JsValue) -> Vec<Diagnostic> {
    let Some(list) = js_sys::Reflect::get(message, &JsValue::from_str("diagnostics"))
        .ok()
        .and_then(|value| value.dyn_into::<js_sys::Array>().ok())
    else {
        return vec![Diagnostic::error(
            "Covscope's parsing worker answered without a result",
        )];
    };
    list.iter()
        .filter_map(|entry| {
            let entry: js_sys::Array = entry.dyn_into().ok()?;
            let message = entry.get(1).as_string()?;
            Some(if entry.get(0).as_bool() == Some(true) {
                Diagnostic::error(message)
            } else {
                Diagnostic::warning(message)
            })
        })
        .collect()
}
