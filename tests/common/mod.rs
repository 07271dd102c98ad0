//! Helpers the format tests share: reading fixtures, and checking a folder of malformed
//! inputs against a table of the messages each must give.
// Each test binary compiles this module and uses only part of it.
#![allow(dead_code)]
use std::path::{Path, PathBuf};

use covscope::core::model::CoverageReport;
use covscope::core::text::ParseOutcome;

/// A coverage parser's entry point, as the input registry calls it.
pub type Parser = fn(&[u8], &mut dyn FnMut(usize)) -> ParseOutcome<CoverageReport>;

pub fn fixture_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(relative)
}

pub fn fixture_bytes(relative: &str) -> Vec<u8> {
    let path = fixture_path(relative);
    std::fs::read(&path).unwrap_or_else(|error| panic!("{path:?}: {error}"))
}

pub fn fixture_text(relative: &str) -> String {
    String::from_utf8(fixture_bytes(relative)).expect("the fixture is UTF-8")
}

/// Whether an input loads, and its first message: the error when it is refused, else its
/// first warning (empty when it loads cleanly).
pub fn first_message(parser: Parser, bytes: &[u8]) -> (bool, String) {
    let outcome = parser(bytes, &mut |_| {});
    let message = outcome
        .diagnostics
        .first()
        .map(|diagnostic| diagnostic.message.clone())
        .unwrap_or_default();
    (outcome.value.is_some(), message)
}

/// Every `.json` file of a folder under `tests/fixtures/` has a row in `expected`, in name
/// order, and gives the row's outcome and message.
pub fn check_malformed_folder(folder: &str, parser: Parser, expected: &[(&str, bool, &str)]) {
    let directory = fixture_path(folder);
    let mut names: Vec<String> = std::fs::read_dir(&directory)
        .unwrap_or_else(|error| panic!("{directory:?}: {error}"))
        .map(|entry| {
            entry
                .expect("a directory entry")
                .file_name()
                .to_string_lossy()
                .to_string()
        })
        .filter(|name| name.ends_with(".json"))
        .collect();
    names.sort();
    let listed: Vec<&str> = expected.iter().map(|(name, _, _)| *name).collect();
    assert_eq!(names, listed, "{folder}: one row per file");
    for (name, loads, message) in expected {
        let bytes = fixture_bytes(&format!("{folder}/{name}"));
        assert_eq!(
            first_message(parser, &bytes),
            (*loads, message.to_string()),
            "{folder}/{name}"
        );
    }
}
