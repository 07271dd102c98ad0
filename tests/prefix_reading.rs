//! The parsing worker's reading while a file's bytes still arrive, `ReportPrefixReading`,
//! gives exactly what the whole streaming parse (`parse_report_streaming_files`) gives, for
//! every fixture fed in chunks of every size (1 byte, a few bytes, 64 KiB, the whole file):
//! the same files handed over after the sink's last `begin` (what the page keeps), with the
//! same facts, the same report shell and the same diagnostics. Truncated and corrupted
//! files never panic and give the whole parse's diagnostics; well-formed coverage.py and
//! Istanbul reports hand files over before their last byte is in.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use std::path::PathBuf;

use common::{file_bytes, files_under, fixture_path};
use covscope::core::input::{parse_report_streaming_files, DroppedContent, ReportPrefixReading};
use covscope::core::model::{FileCoverage, ReportFacts, ReportFileSink};
use covscope::core::text::ParseOutcome;

/// The chunk sizes the received bytes grow by: one byte, a few, the page's 64 KiB, all.
const CHUNK_SIZES: [usize; 4] = [1, 7, 64 * 1024, usize::MAX];

/// The fixture folders whose files are fed to both readings: every report format, and
/// the broken inputs.
const FIXTURE_FOLDERS: [&str; 5] = [
    "coverage",
    "generated",
    "malformed",
    "bad-input",
    "variants",
];

/// What a sink was told, in order.
#[derive(Debug, PartialEq)]
enum SinkCall {
    Begin {
        facts: ReportFacts,
        file_count: Option<usize>,
    },
    File(Box<FileCoverage>),
}

/// Records every call, and how much of the file had arrived at each file's.
#[derive(Default)]
struct RecordingSink {
    calls: Vec<SinkCall>,
    /// For each file call, the bytes received when it was made.
    received_at_file: Vec<usize>,
    received: usize,
}

impl ReportFileSink for RecordingSink {
    fn begin(&mut self, facts: &ReportFacts, file_count: Option<usize>) {
        self.calls.push(SinkCall::Begin {
            facts: facts.clone(),
            file_count,
        });
    }

    fn add_file(&mut self, file: FileCoverage) {
        self.calls.push(SinkCall::File(Box::new(file)));
        self.received_at_file.push(self.received);
    }
}

impl RecordingSink {
    /// The calls from the last `begin` on: what the page keeps after its start-overs.
    fn kept_calls(&self) -> &[SinkCall] {
        let last_begin = self
            .calls
            .iter()
            .rposition(|call| matches!(call, SinkCall::Begin { .. }))
            .unwrap_or(0);
        &self.calls[last_begin..]
    }
}

/// The whole streaming parse of `bytes`: its outcome and the sink's calls.
fn whole(bytes: &[u8]) -> (ParseOutcome<DroppedContent>, RecordingSink) {
    let mut sink = RecordingSink::default();
    let outcome = parse_report_streaming_files(bytes, &mut |_| {}, &mut sink);
    (outcome, sink)
}

/// The prefix reading of `bytes` received `chunk` bytes at a time, each chunk read as far
/// as it goes before the next comes (as the worker does between messages).
fn prefix_read(
    bytes: &[u8],
    chunk: usize,
) -> (ParseOutcome<DroppedContent>, RecordingSink, ReadingTrace) {
    let mut sink = RecordingSink::default();
    let mut reading = ReportPrefixReading::default();
    let mut received = 0;
    let mut trace = ReadingTrace::default();
    while received < bytes.len() {
        received = received.saturating_add(chunk).min(bytes.len());
        sink.received = received;
        loop {
            let progress = reading.read_received(&bytes[..received], bytes.len(), &mut sink);
            assert!(
                progress.read_bytes >= trace.read_bytes && progress.read_bytes <= received,
                "the bytes read only grow and never pass the bytes received"
            );
            trace.read_bytes = progress.read_bytes;
            if !progress.more_to_read {
                break;
            }
        }
    }
    trace.read_whole = reading.reads_whole();
    let mut last_progress = 0;
    let outcome = reading.finish(bytes, &mut |done| last_progress = done, &mut sink);
    assert_eq!(
        last_progress,
        bytes.len(),
        "the last progress is the whole file"
    );
    (outcome, sink, trace)
}

/// How the prefix reading went before the last byte's `finish`.
#[derive(Default)]
struct ReadingTrace {
    read_bytes: usize,
    read_whole: bool,
}

/// Every fixture file that is not a markdown document, with its bytes.
fn fixture_inputs() -> Vec<(PathBuf, Vec<u8>)> {
    FIXTURE_FOLDERS
        .iter()
        .flat_map(|folder| files_under(&fixture_path(folder)))
        .filter(|path| path.extension().is_none_or(|extension| extension != "md"))
        .map(|path| {
            let bytes = file_bytes(&path);
            (path, bytes)
        })
        .collect()
}

/// Asserts that the prefix reading of `bytes` in chunks of every size gives the whole
/// parse's answer; gives the traces for the caller's own checks.
fn assert_same_as_whole(name: &str, bytes: &[u8]) -> Vec<(usize, RecordingSink, ReadingTrace)> {
    let (whole_outcome, whole_sink) = whole(bytes);
    CHUNK_SIZES
        .iter()
        .map(|&chunk| {
            let (outcome, sink, trace) = prefix_read(bytes, chunk);
            assert_eq!(
                outcome.diagnostics, whole_outcome.diagnostics,
                "{name} in chunks of {chunk}: diagnostics"
            );
            assert_eq!(
                outcome.value, whole_outcome.value,
                "{name} in chunks of {chunk}: the report's shell"
            );
            if whole_outcome.value.is_some() {
                assert!(
                    sink.kept_calls() == whole_sink.kept_calls(),
                    "{name} in chunks of {chunk}: the files handed over differ"
                );
            }
            (chunk, sink, trace)
        })
        .collect()
}

#[test]
fn every_fixture_read_as_it_arrives_gives_the_whole_parse() {
    let inputs = fixture_inputs();
    assert!(inputs.len() > 40, "the fixtures were found");
    for (path, bytes) in &inputs {
        assert_same_as_whole(&path.to_string_lossy(), bytes);
    }
}

#[test]
fn well_formed_json_reports_hand_files_over_before_their_last_byte() {
    let mut read_early = 0;
    for (path, bytes) in fixture_inputs() {
        let name = path.to_string_lossy().to_string();
        let is_streamed_format = (name.contains("/coverage/")
            && ["boltons", "toolz", "istanbul", "jest-commander", "c8-"]
                .iter()
                .any(|folder| name.contains(folder)))
            && name.ends_with(".json")
            && !name.contains("summary");
        if !is_streamed_format || bytes.len() < 256 * 1024 {
            continue;
        }
        for (chunk, sink, trace) in assert_same_as_whole(&name, &bytes) {
            if chunk != 64 * 1024 {
                continue;
            }
            assert!(!trace.read_whole, "{name}: the prefix reading gave up");
            assert!(trace.read_bytes > 0, "{name}: nothing was read early");
            assert!(
                sink.received_at_file.first() < Some(&bytes.len()),
                "{name}: the first file came only with the last byte"
            );
            let begins = sink
                .calls
                .iter()
                .filter(|call| matches!(call, SinkCall::Begin { .. }))
                .count();
            assert_eq!(begins, 1, "{name}: the files began once");
            read_early += 1;
        }
    }
    assert!(
        read_early >= 3,
        "large coverage.py and Istanbul fixtures were read early"
    );
}

#[test]
fn truncated_and_corrupted_reports_give_the_whole_parse_diagnostics() {
    for (path, bytes) in fixture_inputs() {
        let name = path.to_string_lossy().to_string();
        // The small and middling JSON reports (both formats among them): the large ones take
        // long in a debug build and frame nothing the others do not.
        if !name.ends_with(".json") || bytes.len() < 16 || bytes.len() > 300 * 1024 {
            continue;
        }
        // Cut at a few places, and one byte changed at a few places to each of the bytes
        // that matter to the framing (quotes, escapes, brackets, punctuation, non-UTF-8).
        let places = [bytes.len() / 7, bytes.len() / 2, bytes.len() - 3];
        for &place in &places {
            assert_same_as_whole(&format!("{name} cut at {place}"), &bytes[..place]);
            for replacement in [b'"', b'\\', b'{', b'}', b',', b':', b']', 0xFF] {
                let mut corrupted = bytes.clone();
                corrupted[place] = replacement;
                let label = format!("{name} with {replacement:#x} at {place}");
                let (whole_outcome, _) = whole(&corrupted);
                let (outcome, _, _) = prefix_read(&corrupted, 64 * 1024);
                assert_eq!(outcome.diagnostics, whole_outcome.diagnostics, "{label}");
                assert_eq!(outcome.value, whole_outcome.value, "{label}");
            }
        }
    }
}
