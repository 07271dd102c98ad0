//! Helpers the format tests share: reading fixtures, a parse outcome's first message, and
//! the files of a malformed-fixture folder.
use std::path::{Path, PathBuf};

use covscope::core::text::ParseOutcome;

/// A path under `tests/fixtures/`.
pub fn fixture_path(relative: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures")
        .join(relative)
}

/// The bytes of a file under `tests/fixtures/`.
pub fn read_fixture(relative: &str) -> Vec<u8> {
    std::fs::read(fixture_path(relative)).unwrap_or_else(|error| panic!("{relative}: {error}"))
}

/// The message a person sees first: the error when the file is refused, else the first
/// warning, else nothing.
pub fn first_message<T>(outcome: &ParseOutcome<T>) -> String {
    outcome
        .first_error()
        .map(str::to_string)
        .or_else(|| outcome.warning_messages().into_iter().next())
        .unwrap_or_default()
}

/// The fixture files of a folder under `tests/fixtures/`, sorted, without its generator,
/// to check that a table of expected messages lists every one.
pub fn fixture_files_in(folder: &str) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(fixture_path(folder))
        .unwrap_or_else(|error| panic!("{folder}: {error}"))
        .map(|entry| {
            entry
                .expect("a folder entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .filter(|name| name != "generate.py")
        .collect();
    names.sort();
    names
}
