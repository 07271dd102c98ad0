//! The demo shown before the user loads anything: which files it has and how to read them.
//!
//! The files are real coverage.py output from toolz (the suite run over a third, two thirds
//! and all of its test files) and real planning documents from a coverage push. They are
//! not compiled into the app: they are served next to it from `demo/`, listed in
//! `demo/files.json` (which the service worker also reads, to keep them for offline use),
//! and the single-file app carries them inside its page.
use serde::Deserialize;

/// The folder the demo is served from, relative to the page.
pub const DEMO_FOLDER: &str = "./demo/";

/// The list of demo files, inside `DEMO_FOLDER`.
pub const DEMO_MANIFEST_FILE: &str = "files.json";

/// The id of the element in which the single-file app carries the demo files: a
/// `<script type="application/json">`, which the browser never runs.
pub const EMBEDDED_DEMO_ELEMENT_ID: &str = "covscope-demo-data";

/// One demo file as `demo/files.json` lists it.
#[derive(Clone, Debug, PartialEq, Eq, Deserialize)]
pub struct DemoManifestEntry {
    /// The name it is loaded under, as if dropped (a path for documents, so phases group).
    pub name: String,
    /// Where it is served, relative to `DEMO_FOLDER`.
    pub path: String,
}

/// A demo file ready to parse.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DemoFile {
    pub name: String,
    pub bytes: Vec<u8>,
}

/// Reads `demo/files.json`; the files keep its order (the first report is selected).
pub fn read_demo_manifest(bytes: &[u8]) -> Result<Vec<DemoManifestEntry>, String> {
    #[derive(Deserialize)]
    struct Manifest {
        files: Vec<DemoManifestEntry>,
    }
    serde_json::from_slice::<Manifest>(bytes)
        .map(|manifest| manifest.files)
        .map_err(|error| format!("the demo list is not valid: {error}"))
}

/// Reads the demo files a single-file page carries: `{"files":[{"name":…,"text":…}]}`.
pub fn read_embedded_demo(text: &str) -> Result<Vec<DemoFile>, String> {
    #[derive(Deserialize)]
    struct Embedded {
        files: Vec<EmbeddedFile>,
    }
    #[derive(Deserialize)]
    struct EmbeddedFile {
        name: String,
        text: String,
    }
    serde_json::from_str::<Embedded>(text)
        .map(|embedded| {
            embedded
                .files
                .into_iter()
                .map(|file| DemoFile {
                    name: file.name,
                    bytes: file.text.into_bytes(),
                })
                .collect()
        })
        .map_err(|error| format!("the embedded demo is not valid: {error}"))
}
