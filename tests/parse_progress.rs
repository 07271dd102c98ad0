//! Progress while parsing: offsets of file keys about every MiB, increasing, ending at the
//! input's length, the same for the coverage parser and the dropped-file dispatcher.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use common::fixture_bytes;

use covscope::core::formats::{parse_coverage_py_json, parse_coverage_py_json_reporting_progress};
use covscope::core::input::parse_dropped_file_reporting_progress;

/// The offsets reported for a fixture, by both entry points, against the expected list.
///
/// The expected offsets were found with a one-off python3 script: the byte offset of the
/// first file key (just past its opening quote) at or after each MiB step, then the length.
fn check(relative: &str, expected_offsets: &[usize]) {
    let bytes = fixture_bytes(relative);
    let mut reported = Vec::new();
    let outcome =
        parse_coverage_py_json_reporting_progress(&bytes, &mut |offset| reported.push(offset));
    assert_eq!(reported, expected_offsets, "{relative}");
    assert_eq!(outcome, parse_coverage_py_json(&bytes), "{relative}");
    let mut dropped = Vec::new();
    let _ = parse_dropped_file_reporting_progress("coverage.json", &bytes, &mut |offset| {
        dropped.push(offset)
    });
    assert_eq!(dropped, expected_offsets, "{relative} dropped");
}

#[test]
fn progress_follows_the_file_keys_and_ends_at_the_length() {
    // 17,312,544 bytes, 14 files: one of them carries 15 MB of contexts, so the steps are
    // uneven.
    check(
        "coverage/toolz/coverage-contexts.json.gz",
        &[15_854_734, 17_232_081, 17_312_544],
    );
    // Under one MiB: only the end.
    check("coverage/boltons/coverage.json", &[833_000]);
    // A failure still ends at the length.
    check("bad-input/truncated.json", &[22]);
    check("bad-input/empty.json", &[0]);
}

#[test]
fn markdown_and_unsupported_files_report_only_their_length() {
    for (name, bytes) in [
        ("notes.md", &b"# Title\n"[..]),
        ("coverage.xml", &b"<coverage/>"[..]),
    ] {
        let mut reported = Vec::new();
        let _ =
            parse_dropped_file_reporting_progress(name, bytes, &mut |offset| reported.push(offset));
        assert_eq!(reported, vec![bytes.len()], "{name}");
    }
}
