//! The parsing worker's WebAssembly entry points: the functions `static/parse-worker.js`
//! calls, each handing over to `app::browser::worker`. A binary of its own, so that the
//! input registry, every format's parser and the planning-document reader (markdown, YAML,
//! claims extraction) live here and not in the page's binary.
use wasm_bindgen::prelude::*;

use covscope::app::browser::worker as parsing;
use covscope::core::input::{warm_up_formats, WarmUpScope};
use covscope::core::model::CoverageFormat;

/// Nothing to start: the worker script calls the exports below.
fn main() {}

/// The keys (`CoverageFormat::key`) of the formats with a warm-up sample, in the
/// registry's order: the worker script warms them up one at a time.
#[wasm_bindgen]
pub fn warm_up_format_keys() -> Vec<String> {
    warm_up_formats()
        .map(|format| format.key().to_string())
        .collect()
}

/// Runs one format's parser (`CoverageFormat::key`) once on a small made-up report, so a
/// real one meets optimised code; a key the registry does not know warms nothing.
#[wasm_bindgen]
pub fn warm_up_parse_worker(format_key: String) {
    let scope =
        CoverageFormat::from_key(&format_key).map_or(WarmUpScope::Nothing, WarmUpScope::Format);
    parsing::warm_up_parse_worker(scope);
}

/// Gets ready for a file about to arrive in chunks, in order; `read_as_it_arrives` is false
/// when the file is read again whole. False when it cannot.
#[wasm_bindgen]
pub fn start_receiving_file(
    file: web_sys::File,
    file_name: String,
    read_as_it_arrives: bool,
) -> bool {
    parsing::start_receiving_file(file, file_name, read_as_it_arrives)
}

/// Takes the file's next chunk (and parses what it can of a report read as it arrives);
/// true while more chunks are welcome.
#[wasm_bindgen]
pub fn receive_file_chunk(offset: f64, chunk: js_sys::Uint8Array) -> bool {
    parsing::receive_file_chunk(offset, chunk)
}

/// Ends the file's reading: the browser could not read a slice of it.
#[wasm_bindgen]
pub fn fail_receiving_file() {
    parsing::fail_receiving_file();
}

/// Parses the received file and posts the answer to the page; false when the file must be
/// read again whole first.
#[wasm_bindgen]
pub fn parse_received_file() -> bool {
    parsing::parse_received_file()
}
