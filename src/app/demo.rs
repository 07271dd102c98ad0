//! The demo shown before the user loads anything: which files it has and how to read them.
//!
//! The files are real coverage.py output from toolz (the suite run over a third, two thirds
//! and all of its test files) and a plan, a summary and a verification written about those
//! runs, so every claims verdict shows (see `tests/fixtures/claims/demo.txt`). They are
//! not compiled into the app: they are served next to it from `demo/`, listed in
//! `demo/files.json` (which the service worker also reads, to keep them for offline use),
//! and the single-file app carries them inside its page. The browser's own JSON reader
//! reads both lists (in `browser.rs`): serde code for them would cost the wasm 11 KB.
/// The folder the demo is served from, relative to the page.
pub const DEMO_FOLDER: &str = "./demo/";

/// The list of demo files, inside `DEMO_FOLDER`: `{"files":[{"name":…,"path":…}]}`, in the
/// order they load (the first report is selected). `name` is what the file is loaded as
/// (a path for documents, so phases group), `path` where it is served.
pub const DEMO_MANIFEST_FILE: &str = "files.json";

/// The id of the element in which the single-file app carries the demo files: a
/// `<script type="application/json">` (which the browser never runs) holding
/// `{"files":[{"name":…,"text":…}]}`.
pub const EMBEDDED_DEMO_ELEMENT_ID: &str = "covscope-demo-data";

/// A demo file ready to parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoFile {
    pub name: String,
    pub bytes: Vec<u8>,
}
