//! The parsing worker's messages, both ways, as enums. Each is turned into the plain
//! object `postMessage` carries, and back, here and nowhere else; the worker script
//! (`static/parse-worker.js`) reads `ToWorker` objects and writes the two `FromWorker`
//! kinds that need no module (`crashed`, `out-of-memory`), with the same kinds and fields.
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::input::WarmUpScope;
use crate::core::share::ReportSnapshot;
use crate::core::text::{Diagnostic, Severity};

/// A message from the page to a parsing worker.
pub enum ToWorker {
    /// Load the parser's WebAssembly, and warm up the parsers `warm_up` names. A hosted
    /// worker fetches `covscope-parse-worker_bg.wasm` beside its script; the single-file
    /// app has no files beside it and sends the module's bytes as base64 text
    /// (`wasm_base64`), which the worker decodes off the page's thread.
    Prepare {
        warm_up: WarmUpScope,
        wasm_base64: Option<JsValue>,
    },
    /// Warm up the parsers named now (a worker kept from small files, about to wait for a
    /// large one).
    WarmUp(WarmUpScope),
    /// Parse `file`: the worker reads it, in order, in slices of `slice_bytes`.
    Parse {
        file: web_sys::File,
        file_name: String,
        slice_bytes: u64,
    },
}

/// A message from a parsing worker to the page.
pub enum FromWorker {
    /// Bytes read plus bytes parsed, of twice the file's size.
    Progress { done: u64, total: u64 },
    /// Up to 250 files of the report, decoded as it arrives, so no single task on the page
    /// decodes a whole 50,000-file report; with how many files the whole report has (or,
    /// for a report read file by file, the worker's estimate from the bytes read so far,
    /// once it has one), so the page makes room for them once.
    /// Pieces come while the worker still reads the report: a `Failed` after them means
    /// they are no report.
    Piece {
        snapshot: ReportSnapshot,
        report_files: Option<u64>,
    },
    /// The pieces so far are void: the report is read again whole and its files come again
    /// from the first (a path listed twice).
    StartOver,
    /// The last piece (with the totals), the table's row index in the byte form of
    /// `core::share`'s table index hand-over (empty when none was made), the parse's
    /// diagnostics, and the size of the worker's WebAssembly memory at the end, its peak.
    Report {
        snapshot: ReportSnapshot,
        table_index: Vec<u8>,
        diagnostics: Vec<Diagnostic>,
        memory_bytes: u64,
    },
    /// The file was a diff: its model in the byte form of `core::share`'s patch record,
    /// the parse's diagnostics, and the worker's memory at the end, as for a report.
    Patch {
        bytes: Vec<u8>,
        diagnostics: Vec<Diagnostic>,
        memory_bytes: u64,
    },
    /// The file was a markdown planning document: read for the page (facts, claims, body
    /// rendered) in the byte form of `core::share`'s document hand-over, the reading's
    /// warnings, and the worker's memory at the end, as for a report.
    Document {
        bytes: Vec<u8>,
        diagnostics: Vec<Diagnostic>,
        memory_bytes: u64,
    },
    /// The file could not be read or parsed; the diagnostics say why.
    Failed { diagnostics: Vec<Diagnostic> },
    /// The module stopped for want of memory while taking the file (posted by the script).
    OutOfMemory,
    /// The script could not load the module, or the module trapped (posted by the script,
    /// or made by the page from an error event; an empty message means the script itself
    /// failed to load).
    Crashed { message: String },
}

/// The `kind` of each message, as the script writes and reads it.
mod kind {
    pub const PREPARE: &str = "prepare";
    pub const WARM_UP: &str = "warm-up";
    pub const PARSE: &str = "parse";
    pub const PROGRESS: &str = "progress";
    pub const PIECE: &str = "piece";
    pub const START_OVER: &str = "start-over";
    pub const REPORT: &str = "report";
    pub const PATCH: &str = "patch";
    pub const DOCUMENT: &str = "document";
    pub const FAILED: &str = "failed";
    pub const OUT_OF_MEMORY: &str = "out-of-memory";
    pub const CRASHED: &str = "crashed";
}

/// A message as `postMessage` takes it: the object, and the buffers that move with it.
pub struct Posted {
    pub message: js_sys::Object,
    pub transfer: js_sys::Array,
}

impl ToWorker {
    /// Posts the message; an error means the worker cannot take messages.
    pub fn post_to(self, worker: &web_sys::Worker) -> Result<(), JsValue> {
        let posted = self.encode();
        worker.post_message_with_transfer(&posted.message, &posted.transfer)
    }

    fn encode(self) -> Posted {
        match self {
            ToWorker::Prepare {
                warm_up,
                wasm_base64,
            } => {
                let wasm_base64 = wasm_base64.unwrap_or(JsValue::NULL);
                Posted::of_kind(kind::PREPARE)
                    .with("warmUp", &warm_up_value(warm_up))
                    .with("wasmBase64", &wasm_base64)
            }
            ToWorker::WarmUp(scope) => {
                Posted::of_kind(kind::WARM_UP).with("warmUp", &warm_up_value(scope))
            }
            ToWorker::Parse {
                file,
                file_name,
                slice_bytes,
            } => Posted::of_kind(kind::PARSE)
                .with("file", &file)
                .with("fileName", &JsValue::from_str(&file_name))
                .with("sliceBytes", &number(slice_bytes)),
        }
    }
}

/// A warm-up scope as the worker script reads it: `false` for nothing, `true` for every
/// format, or one format's key (`CoverageFormat::key`).
fn warm_up_value(scope: WarmUpScope) -> JsValue {
    match scope {
        WarmUpScope::Nothing => JsValue::FALSE,
        WarmUpScope::EveryFormat => JsValue::TRUE,
        WarmUpScope::Format(format) => JsValue::from_str(format.key()),
    }
}

impl FromWorker {
    /// Posts the message from inside the worker. A message the browser cannot copy to the
    /// page (out of memory, say) would leave the page waiting for an answer that never
    /// comes, its bar still: the load then ends with a failure saying so, which the page
    /// takes as the parse's end (a message after it is ignored).
    pub fn post_from(self, scope: &web_sys::DedicatedWorkerGlobalScope) {
        let ends_the_load_already = matches!(
            self,
            FromWorker::Failed { .. } | FromWorker::OutOfMemory | FromWorker::Crashed { .. }
        );
        let posted = self.encode();
        let Err(refusal) = scope.post_message_with_transfer(&posted.message, &posted.transfer)
        else {
            return;
        };
        if ends_the_load_already {
            // A worker whose page has gone has no one to tell.
            return;
        }
        let reason = refusal
            .dyn_ref::<js_sys::Error>()
            .map(|error| String::from(error.message()))
            .or_else(|| refusal.as_string())
            .unwrap_or_else(|| "no reason given".to_string());
        FromWorker::Failed {
            diagnostics: vec![Diagnostic::error(format!(
                "Covscope's parsing worker could not hand the file over to the page \
                 (the browser said: {reason}); drop the file again"
            ))],
        }
        .post_from(scope);
    }

    /// Reads a message the worker posted; anything unrecognised is a crash, since only a
    /// broken worker sends it.
    pub fn decode(message: &JsValue) -> FromWorker {
        let text = |name: &str| property(message, name).as_string().unwrap_or_default();
        match text("kind").as_str() {
            kind::PROGRESS => FromWorker::Progress {
                done: number_property(message, "done"),
                total: number_property(message, "total"),
            },
            kind::PIECE => FromWorker::Piece {
                snapshot: snapshot_property(message),
                report_files: property(message, "reportFiles")
                    .is_truthy()
                    .then(|| number_property(message, "reportFiles")),
            },
            kind::START_OVER => FromWorker::StartOver,
            kind::REPORT => FromWorker::Report {
                snapshot: snapshot_property(message),
                table_index: bytes_property(message, "tableIndex"),
                diagnostics: diagnostics_property(message),
                memory_bytes: number_property(message, "memoryBytes"),
            },
            kind::PATCH => FromWorker::Patch {
                bytes: bytes_property(message, "patch"),
                diagnostics: diagnostics_property(message),
                memory_bytes: number_property(message, "memoryBytes"),
            },
            kind::DOCUMENT => FromWorker::Document {
                bytes: bytes_property(message, "document"),
                diagnostics: diagnostics_property(message),
                memory_bytes: number_property(message, "memoryBytes"),
            },
            kind::FAILED => FromWorker::Failed {
                diagnostics: diagnostics_property(message),
            },
            kind::OUT_OF_MEMORY => FromWorker::OutOfMemory,
            kind::CRASHED => FromWorker::Crashed {
                message: text("message"),
            },
            other => FromWorker::Crashed {
                message: format!("the parsing worker sent an unknown message ({other:?})"),
            },
        }
    }

    fn encode(self) -> Posted {
        match self {
            FromWorker::Progress { done, total } => Posted::of_kind(kind::PROGRESS)
                .with("done", &number(done))
                .with("total", &number(total)),
            FromWorker::Piece {
                snapshot,
                report_files,
            } => {
                // Copied out of the module's memory, which is freed at once.
                let bytes = js_sys::Uint8Array::from(snapshot.into_bytes().as_slice());
                let piece = Posted::of_kind(kind::PIECE).moving_bytes("snapshot", &bytes);
                match report_files {
                    Some(report_files) => piece.with("reportFiles", &number(report_files)),
                    None => piece,
                }
            }
            FromWorker::StartOver => Posted::of_kind(kind::START_OVER),
            FromWorker::Report {
                snapshot,
                table_index,
                diagnostics,
                memory_bytes,
            } => {
                let bytes = js_sys::Uint8Array::from(snapshot.into_bytes().as_slice());
                let table_index = js_sys::Uint8Array::from(table_index.as_slice());
                Posted::of_kind(kind::REPORT)
                    .moving_bytes("snapshot", &bytes)
                    .moving_bytes("tableIndex", &table_index)
                    .with("diagnostics", &diagnostics_to_js(&diagnostics))
                    .with("memoryBytes", &number(memory_bytes))
            }
            FromWorker::Patch {
                bytes,
                diagnostics,
                memory_bytes,
            } => {
                let bytes = js_sys::Uint8Array::from(bytes.as_slice());
                Posted::of_kind(kind::PATCH)
                    .moving_bytes("patch", &bytes)
                    .with("diagnostics", &diagnostics_to_js(&diagnostics))
                    .with("memoryBytes", &number(memory_bytes))
            }
            FromWorker::Document {
                bytes,
                diagnostics,
                memory_bytes,
            } => {
                let bytes = js_sys::Uint8Array::from(bytes.as_slice());
                Posted::of_kind(kind::DOCUMENT)
                    .moving_bytes("document", &bytes)
                    .with("diagnostics", &diagnostics_to_js(&diagnostics))
                    .with("memoryBytes", &number(memory_bytes))
            }
            FromWorker::Failed { diagnostics } => {
                Posted::of_kind(kind::FAILED).with("diagnostics", &diagnostics_to_js(&diagnostics))
            }
            FromWorker::OutOfMemory => Posted::of_kind(kind::OUT_OF_MEMORY),
            FromWorker::Crashed { message } => {
                Posted::of_kind(kind::CRASHED).with("message", &JsValue::from_str(&message))
            }
        }
    }
}

impl Posted {
    fn of_kind(kind: &str) -> Posted {
        Posted {
            message: js_sys::Object::new(),
            transfer: js_sys::Array::new(),
        }
        .with("kind", &JsValue::from_str(kind))
    }

    fn with(self, name: &str, value: &JsValue) -> Posted {
        // Setting a plain property on a fresh object cannot fail.
        let _ = js_sys::Reflect::set(&self.message, &JsValue::from_str(name), value);
        self
    }

    /// Bytes whose buffer moves to the other side instead of being copied.
    fn moving_bytes(self, name: &str, bytes: &js_sys::Uint8Array) -> Posted {
        self.transfer.push(&bytes.buffer());
        self.with(name, bytes)
    }
}

fn number(value: u64) -> JsValue {
    JsValue::from_f64(value as f64)
}

fn property(message: &JsValue, name: &str) -> JsValue {
    js_sys::Reflect::get(message, &JsValue::from_str(name)).unwrap_or(JsValue::UNDEFINED)
}

fn number_property(message: &JsValue, name: &str) -> u64 {
    property(message, name)
        .as_f64()
        .filter(|value| value.is_finite() && *value >= 0.0)
        .map_or(0, |value| value as u64)
}

fn snapshot_property(message: &JsValue) -> ReportSnapshot {
    ReportSnapshot::from_bytes(bytes_property(message, "snapshot"))
}

/// Bytes the message carries under `name`, copied into the module's memory (one copy of
/// the whole buffer); none when the property is missing or not bytes.
fn bytes_property(message: &JsValue, name: &str) -> Vec<u8> {
    property(message, name)
        .dyn_into::<js_sys::Uint8Array>()
        .map(|array| array.to_vec())
        .unwrap_or_default()
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

fn diagnostics_property(message: &JsValue) -> Vec<Diagnostic> {
    let Ok(list) = property(message, "diagnostics").dyn_into::<js_sys::Array>() else {
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
