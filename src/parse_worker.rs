//! The parsing worker's WebAssembly entry points: the functions `static/parse-worker.js`
//! calls, each handing over to `app::browser::worker`. A binary of its own, so that the
//! input registry, every format's parser and the planning-document reader (markdown, YAML,
//! claims extraction) live here and not in the page's binary.
use wasm_bindgen::prelude::*;

use covscope::app::browser::worker as parsing;

/// Nothing to start: the worker script calls the exports below.
fn main() {}

/// Runs the parser once on a small made-up report, so a real one meets optimised code.
#[wasm_bindgen]
pub fn warm_up_parse_worker() {
    parsing::warm_up_parse_worker();
}

/// Makes room for a file about to arrive in chunks; false when it cannot.
#[wasm_bindgen]
pub fn start_receiving_file(file: web_sys::File, file_name: String) -> bool {
    parsing::start_receiving_file(file, file_name)
}

/// Copies one chunk of the file to its place.
#[wasm_bindgen]
pub fn receive_file_chunk(offset: f64, chunk: js_sys::Uint8Array) {
    parsing::receive_file_chunk(offset, chunk);
}

/// Parses what has arrived of the file from its start, a few MiB at the most; true when a
/// next call would read more now.
#[wasm_bindgen]
pub fn read_received_part() -> bool {
    parsing::read_received_part()
}

/// Ends the file's reading: the browser could not read a slice of it.
#[wasm_bindgen]
pub fn fail_receiving_file() {
    parsing::fail_receiving_file();
}

/// Parses the received file and posts the answer to the page.
#[wasm_bindgen]
pub fn parse_received_file() {
    parsing::parse_received_file();
}
