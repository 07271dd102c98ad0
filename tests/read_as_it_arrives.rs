//! The parsing worker's reading of a file as its bytes arrive, `ArrivingFile`,
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
use covscope::core::input::{
    parse_report_streaming_files, Arrival, ArrivedFile, ArrivingFile, DroppedContent,
};
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

/// `bytes` received `chunk` bytes at a time, as the parsing worker takes them: read as
/// they arrive when the file allows, and again whole (into the same sink) when that
/// reading stops or the file was gathered whole.
fn read_as_it_arrives(
    bytes: &[u8],
    chunk: usize,
) -> (ParseOutcome<DroppedContent>, RecordingSink, ReadingTrace) {
    let mut sink = RecordingSink::default();
    let mut arriving = ArrivingFile::new(bytes.len(), true);
    let mut trace = ReadingTrace::default();
    let mut received = 0;
    while received < bytes.len() {
        let length = chunk.min(bytes.len() - received);
        sink.received = received + length;
        let arrival = arriving.receive(
            received,
            length,
            |room| room.copy_from_slice(&bytes[received..received + length]),
            &mut sink,
        );
        received += length;
        assert_ne!(arrival, Arrival::OutOfPlace, "a chunk in order was refused");
        if arrival == Arrival::ReadAgainWhole {
            break;
        }
        assert!(
            arriving.read_bytes() >= trace.read_bytes && arriving.read_bytes() <= received,
            "the bytes read only grow and never pass the bytes received"
        );
        trace.read_bytes = arriving.read_bytes();
    }
    let mut last_progress = 0;
    let outcome = match arriving.finish(&mut |done| last_progress = done, &mut sink) {
        ArrivedFile::Report(outcome) => {
            assert_eq!(
                last_progress,
                bytes.len(),
                "the last progress is the whole file"
            );
            outcome
        }
        ArrivedFile::Whole(whole) => {
            trace.read_whole = true;
            assert_eq!(whole, bytes, "the file gathered whole is the file");
            parse_report_streaming_files(&whole, &mut |_| {}, &mut sink)
        }
        ArrivedFile::ReadAgainWhole => {
            trace.read_whole = true;
            parse_report_streaming_files(bytes, &mut |_| {}, &mut sink)
        }
        ArrivedFile::Incomplete => panic!("every byte came in its place"),
    };
    (outcome, sink, trace)
}

/// How the reading as the bytes arrived went.
#[derive(Default)]
struct ReadingTrace {
    read_bytes: usize,
    /// The file was parsed whole at the end (gathered whole, or read again).
    read_whole: bool,
}

#[test]
fn a_chunk_out_of_place_is_refused() {
    let bytes = file_bytes(&fixture_path("coverage/toolz/coverage.json"));
    for (offset, length) in [(1, 10), (0, bytes.len() + 1), (usize::MAX, 2)] {
        let mut arriving = ArrivingFile::new(bytes.len(), true);
        let arrival = arriving.receive(offset, length, |_| {}, &mut RecordingSink::default());
        assert_eq!(
            arrival,
            Arrival::OutOfPlace,
            "a chunk at {offset} of {length}"
        );
        assert!(
            matches!(
                arriving.finish(&mut |_| {}, &mut RecordingSink::default()),
                ArrivedFile::Incomplete
            ),
            "a file with a chunk out of place is incomplete"
        );
    }
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

/// Asserts that the reading as it arrives of `bytes` in chunks of every size gives the whole
/// parse's answer; gives the traces for the caller's own checks.
fn assert_same_as_whole(name: &str, bytes: &[u8]) -> Vec<(usize, RecordingSink, ReadingTrace)> {
    let (whole_outcome, whole_sink) = whole(bytes);
    CHUNK_SIZES
        .iter()
        .map(|&chunk| {
            let (outcome, sink, trace) = read_as_it_arrives(bytes, chunk);
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

/// How much whitespace goes into a small report so that it is read as it arrives (only a
/// file larger than the head and tail kept aside is, 68 KiB) and its entries arrive after
/// the head, a chunk at a time.
const PADDING_BYTES: usize = 68 * 1024;

/// Where the whitespace goes: after the opening of coverage.py's `files`, or of the first
/// Istanbul file's `statementMap` (the registry knows an Istanbul report by that key in
/// its head, and every Istanbul fixture is written compactly).
const PADDED_AFTER: [&[u8]; 2] = [b"\"files\": {", b"\"statementMap\":{"];

#[test]
fn small_reports_padded_to_be_read_as_they_arrive_give_the_whole_parse() {
    // The small fixtures are where the odd entries are: escapes, numbers serde_json reads
    // otherwise, repeated fields, nulls, wrong types. Each must give what the whole parse
    // gives when its entries are read as they arrive, cut by every chunk size.
    let mut read_as_it_arrived = 0;
    for (path, bytes) in fixture_inputs() {
        let name = path.to_string_lossy().to_string();
        if bytes.len() > 64 * 1024 {
            continue;
        }
        let Some(padded_at) = PADDED_AFTER.iter().find_map(|opening| {
            bytes
                .windows(opening.len())
                .position(|window| window == *opening)
                .map(|found| found + opening.len())
        }) else {
            continue;
        };
        let mut padded = bytes[..padded_at].to_vec();
        padded.extend(std::iter::repeat_n(b' ', PADDING_BYTES));
        padded.extend_from_slice(&bytes[padded_at..]);
        let traces = assert_same_as_whole(&format!("{name}, padded"), &padded);
        // A file the registry does not take for a report read as it arrives (a second
        // byte-order mark) is gathered whole; the others are read as they arrive.
        if traces.iter().any(|(_, _, trace)| trace.read_bytes > 0) {
            read_as_it_arrived += 1;
        }
    }
    assert!(
        read_as_it_arrived > 80,
        "the small coverage.py and Istanbul fixtures were read as they arrived ({read_as_it_arrived})"
    );
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
            assert!(
                !trace.read_whole,
                "{name}: the reading as it arrived gave up"
            );
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
                let (outcome, _, _) = read_as_it_arrives(&corrupted, 64 * 1024);
                assert_eq!(outcome.diagnostics, whole_outcome.diagnostics, "{label}");
                assert_eq!(outcome.value, whole_outcome.value, "{label}");
            }
        }
    }
}
