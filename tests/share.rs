//! Share links: every fixture report survives a link, old links keep opening, crafted links only ever give errors.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use common::{
    coverage_py_fixture_paths, coverage_py_report, coverage_py_report_at, file_bytes, files_under,
    fixture_path, fixture_text, hand_over_whole, WholeHandOver, Xorshift,
};
use std::collections::BTreeSet;
use std::io::Read;
use std::rc::Rc;

use covscope::core::analysis::table::{SortOrder, TableColumn, TableView, Thresholds};
use covscope::core::formats::parse_coverage_py_json;
use covscope::core::model::{
    ArcEnd, BranchArc, Counts, CoverageCounts, CoverageFigure, CoverageFormat, CoverageReport,
    FileCoverage, LineNumber, Percent, Precision, Region, RegionKind, ReportFacts,
};
use covscope::core::share::{
    decode_share_fragment, decode_share_payload, decode_view_fragment, describe_share_size,
    encode_share_fragment, encode_share_payload, encode_view_fragment, fits_in_share_link,
    fragment_from_payload, payload_from_fragment, report_from_snapshot,
    report_from_worker_snapshot, snapshot_of, EncodedShare, ReportSnapshot, SharedPayload,
    ViewState, MAX_COUNT_VALUE, MAX_TEXT_BYTES, SHARE_LINK_LIMIT_BYTES,
};
use covscope::core::text::ParseOutcome;

/// The largest fragments the two real fixture reports may encode to: the sizes measured
/// when format v1 was written plus about 10%. A change that makes links bigger fails here.
/// Measured: toolz 4,057 bytes (from 150,946 bytes of JSON), boltons 23,234 bytes (from
/// 833,000), with the full view of [`full_view`].
const TOOLZ_FRAGMENT_BOUND_BYTES: usize = 4_500;
const BOLTONS_FRAGMENT_BOUND_BYTES: usize = 25_600;

fn decoded<T>(outcome: ParseOutcome<T>, what: &str) -> T {
    match outcome.value {
        Some(value) => value,
        None => panic!("{what} should decode, got {:?}", outcome.diagnostics),
    }
}

fn decode_error<T: std::fmt::Debug>(outcome: ParseOutcome<T>) -> String {
    assert!(
        outcome.value.is_none(),
        "expected an error, got {:?}",
        outcome.value
    );
    outcome
        .first_error()
        .expect("a failed decode has an error message")
        .to_string()
}

fn share(view: &ViewState, reports: &[(&str, &CoverageReport)]) -> EncodedShare {
    encode_share_fragment(view, reports).expect("the data can be shared")
}

fn full_view() -> ViewState {
    ViewState {
        selected_report: Some("coverage.json".to_string()),
        selected_document: Some("PLAN.md".to_string()),
        table: TableView {
            sort: SortOrder {
                column: TableColumn::Coverage,
                descending: true,
            },
            filter: "pkg/".to_string(),
            hide_covered: true,
            thresholds: Thresholds {
                low: 60.0,
                high: 90.5,
            },
        },
        selected_file: Some("pkg/a.py".to_string()),
        comparison: Some(("01-coverage.json".to_string(), "coverage.json".to_string())),
        current_view: Some("compare".to_string()),
        open_folders: Rc::new(BTreeSet::from(["pkg".to_string(), "pkg/sub".to_string()])),
        selected_line: Some(120),
    }
}

/// The view the committed v1 vectors record: written before links carried open folders
/// and a chosen line, so those two are at their defaults (and old links still decode).
fn v1_vector_view() -> ViewState {
    ViewState {
        open_folders: Default::default(),
        selected_line: None,
        ..full_view()
    }
}

fn counts(values: [u64; 8]) -> Counts {
    Counts::CoveragePy(coverage_py_counts(values))
}

fn coverage_py_counts(values: [u64; 8]) -> CoverageCounts {
    let [statements, executed, missing, excluded, branches, executed_branches, missing_branches, partial_branches] =
        values;
    CoverageCounts {
        statements,
        executed,
        missing,
        excluded,
        branches,
        executed_branches,
        missing_branches,
        partial_branches,
    }
}

fn figure(percent: f64, display: &str) -> CoverageFigure {
    CoverageFigure {
        percent: Percent::new(percent),
        display: display.to_string(),
    }
}

/// The report inside the committed v1 vector, written out field by field.
fn vector_report() -> CoverageReport {
    CoverageReport {
        facts: ReportFacts {
            format: CoverageFormat::CoveragePy,
            format_version: (Some(3)).map(|version: u64| version.to_string()),
            tool_version: Some("7.17.3".to_string()),
            timestamp: Some("2026-11-20T23:55:24.395189".to_string()),
            has_branches: true,
            has_contexts: false,
            has_regions: true,
            precision: Precision(2),
        },
        files: vec![
            FileCoverage {
                counts: counts([10, 8, 2, 1, 4, 3, 1, 1]),
                coverage: figure(100.0 * 11.0 / 14.0, "78.57"),
                executed_lines: vec![1, 2, 3, 5, 6, 7, 9, 10],
                missing_lines: vec![4, 8],
                excluded_lines: vec![12],
                has_line_lists: true,
                executed_branch_arcs: vec![
                    BranchArc { from: 2, to: 3 },
                    BranchArc { from: 5, to: 6 },
                    BranchArc { from: 5, to: -1 },
                ],
                missing_branch_arcs: vec![BranchArc { from: 6, to: 8 }],
                regions: vec![
                    Region {
                        kind: RegionKind::Function,
                        name: "helper".to_string(),
                        start_line: Some(2),
                        counts: counts([3, 3, 0, 0, 2, 2, 0, 0]),
                        end_line: None,
                        coverage: figure(100.0, "100"),
                        stated_figures: Vec::new(),
                        hits: None,
                    },
                    Region {
                        kind: RegionKind::Function,
                        name: "Widget.draw".to_string(),
                        start_line: Some(6),
                        counts: counts([4, 2, 2, 0, 2, 1, 1, 1]),
                        end_line: None,
                        coverage: figure(50.0, "50.00"),
                        stated_figures: Vec::new(),
                        hits: None,
                    },
                    Region {
                        kind: RegionKind::Function,
                        name: String::new(),
                        start_line: None,
                        counts: counts([3, 3, 0, 1, 0, 0, 0, 0]),
                        end_line: None,
                        coverage: figure(100.0, "100"),
                        stated_figures: Vec::new(),
                        hits: None,
                    },
                    Region {
                        kind: RegionKind::Class,
                        name: "Widget".to_string(),
                        start_line: Some(5),
                        counts: counts([5, 3, 2, 0, 2, 1, 1, 1]),
                        end_line: None,
                        coverage: figure(100.0 * 4.0 / 7.0, "57.14"),
                        stated_figures: Vec::new(),
                        hits: None,
                    },
                ],
                ..FileCoverage::empty("pkg/a.py".to_string())
            },
            FileCoverage {
                counts: counts([0, 0, 0, 0, 0, 0, 0, 0]),
                coverage: figure(100.0, "100"),
                executed_lines: Vec::new(),
                missing_lines: Vec::new(),
                excluded_lines: Vec::new(),
                has_line_lists: false,
                executed_branch_arcs: Vec::new(),
                missing_branch_arcs: Vec::new(),
                regions: Vec::new(),
                ..FileCoverage::empty("pkg/ünïcode\tand tab.py".to_string())
            },
        ],
        totals: counts([10, 8, 2, 1, 4, 3, 1, 1]),
        // Not the counts' formula, so the vector also holds a stored percentage.
        total_coverage: figure(78.5714285714286, "78.57"),
        stated_total_figures: Vec::new(),
    }
}

/// The parsing worker hands reports over as snapshots, with caps as wide as the parser's:
/// a 5,200-byte path and a control character, which a share link refuses, arrive whole.
#[test]
fn the_worker_hand_over_carries_what_a_link_refuses() {
    let report = coverage_py_report("share/worker-hand-over-long-path.json");
    assert_eq!(report.files.len(), 2);
    assert_eq!(report.files[0].path.len(), 5_211);
    assert_eq!(report.files[1].path, "src/tab\u{1}control.py");
    let snapshot = snapshot_of(&report);
    let handed_over = decoded(
        report_from_worker_snapshot(&snapshot),
        "the worker hand-over",
    );
    assert!(
        handed_over == report,
        "the hand-over keeps the report whole"
    );
    assert_eq!(
        decode_error(report_from_snapshot(&snapshot)),
        "the link cannot be opened: the length of a file path is 5211, more than the 4096 Covscope accepts (file 1)"
    );
}

/// Hands a report over in pieces and puts it back together, as the worker and the page do
/// (each piece's message carries the report's file count, and the page makes room for
/// that many files before it adds the piece).
fn hand_over(report: &CoverageReport) -> (usize, CoverageReport) {
    let handed = handed_over_whole(report);
    (
        handed.file_pieces.len(),
        decoded(handed.assembled(), "the handed-over report"),
    )
}

/// Hands a report over, the page expecting `expected(piece_number)` files before each piece.
fn hand_over_expecting(
    report: &CoverageReport,
    expected: impl Fn(usize) -> usize,
) -> (usize, CoverageReport) {
    let handed = handed_over_whole(report);
    (
        handed.file_pieces.len(),
        decoded(
            handed.assembled_expecting(|piece_number| Some(expected(piece_number))),
            "the handed-over report",
        ),
    )
}

/// Hands a report parsed whole over as the worker does; each piece's message carries the
/// report's file count.
fn handed_over_whole(report: &CoverageReport) -> WholeHandOver {
    let handed = hand_over_whole(report.clone());
    for report_file_count in &handed.report_file_counts {
        assert_eq!(*report_file_count, Some(report.files.len()));
    }
    handed
}

/// 600 files, so three pieces.
fn six_hundred_toolz_files() -> CoverageReport {
    let toolz = coverage_py_report("coverage/toolz/coverage.json");
    let mut large = toolz.clone();
    large.files = (0..600)
        .map(|index| {
            let mut file = toolz.files[index % toolz.files.len()].clone();
            file.path = format!("pkg{:04}/{}", index, file.path);
            file
        })
        .collect();
    large
}

/// A file count the page is told before each piece, by the piece's number (from 0).
struct PieceCount {
    name: &'static str,
    expected: fn(usize) -> usize,
}

/// The page makes room for the report's files once, from the count the pieces carry, so
/// the files end in a list with no unused room (grown piece by piece, 600 files had room
/// for 1,000); a count that is wrong (none, too few, too many, changing) only changes the
/// room, never the report.
#[test]
fn the_page_makes_room_for_the_handed_over_files_once() {
    let large = six_hundred_toolz_files();
    let (_, back) = hand_over(&large);
    assert!(back == large);
    assert_eq!(back.files.capacity(), 600, "no unused room");
    let counts = [
        PieceCount {
            name: "no count",
            expected: |_| 0,
        },
        PieceCount {
            name: "too few",
            expected: |_| 100,
        },
        PieceCount {
            name: "too many",
            expected: |_| 5_000,
        },
        PieceCount {
            name: "more with each piece",
            expected: |piece| 250 * (piece + 1),
        },
        PieceCount {
            name: "far too many to have",
            expected: |_| usize::MAX,
        },
    ];
    for PieceCount { name, expected } in counts {
        let (piece_count, back) = hand_over_expecting(&large, expected);
        assert_eq!(piece_count, 3, "{name}");
        assert!(back == large, "{name}: all 600 files come back, in order");
    }
}

#[test]
fn every_fixture_report_survives_the_hand_over_in_pieces() {
    for path in coverage_py_fixture_paths() {
        let report = coverage_py_report_at(&path);
        let (_, back) = hand_over(&report);
        assert!(back == report, "{} is handed over whole", path.display());
    }
}

/// 600 files of toolz's report under new names: pieces of 250 files, 250 and 100, in
/// order; an empty report is one last piece and nothing else.
#[test]
fn large_reports_are_handed_over_in_pieces_of_250_files() {
    let large = six_hundred_toolz_files();
    let (piece_count, back) = hand_over(&large);
    assert_eq!(piece_count, 3);
    assert!(back == large, "all 600 files come back, in order");
    let mut empty = large;
    empty.files.clear();
    let (piece_count, back) = hand_over(&empty);
    assert_eq!(piece_count, 0);
    assert!(back == empty);
}

#[test]
fn every_fixture_report_round_trips_through_a_snapshot() {
    let paths = coverage_py_fixture_paths();
    assert!(
        paths.len() >= 12,
        "the toolz and boltons fixtures are found"
    );
    for path in paths {
        let report = coverage_py_report_at(&path);
        let snapshot = snapshot_of(&report);
        let back = decoded(report_from_snapshot(&snapshot), &path.display().to_string());
        assert!(back == report, "{} round-trips", path.display());
    }
}

#[test]
fn every_fixture_report_round_trips_through_a_share_fragment() {
    for path in coverage_py_fixture_paths() {
        let report = coverage_py_report_at(&path);
        let name = path
            .file_name()
            .expect("a file name")
            .to_string_lossy()
            .to_string();
        let mut view = full_view();
        view.selected_report = Some(name.clone());
        view.selected_file = report.files.first().map(|file| file.path.clone());
        let encoded = share(&view, &[(&name, &report)]);
        assert!(encoded.fragment.starts_with("v1."));
        assert_eq!(encoded.byte_length, encoded.fragment.len());
        let outcome = decode_share_fragment(&format!("#{}", encoded.fragment));
        assert_eq!(outcome.diagnostics, Vec::new(), "{}", path.display());
        let payload = decoded(outcome, &path.display().to_string());
        assert_eq!(payload.view, view, "{}: the view", path.display());
        assert_eq!(payload.reports.len(), 1);
        assert_eq!(payload.reports[0].0, name);
        assert!(
            payload.reports[0].1 == report,
            "{} round-trips",
            path.display()
        );
    }
}

#[test]
fn the_variant_fixtures_round_trip_too() {
    let mut checked = 0;
    for path in files_under(&fixture_path("variants")) {
        let Some(report) = parse_coverage_py_json(&file_bytes(&path)).value else {
            continue;
        };
        let encoded = share(&ViewState::default(), &[("variant", &report)]);
        let payload = decoded(decode_share_fragment(&encoded.fragment), "variant");
        assert!(payload.reports[0].1 == report, "{}", path.display());
        checked += 1;
    }
    assert!(checked >= 10, "the variants load");
}

#[test]
fn fixture_link_sizes_stay_under_their_recorded_bounds() {
    let mut sizes = Vec::new();
    for (fixture, bound) in [
        ("toolz/coverage.json", TOOLZ_FRAGMENT_BOUND_BYTES),
        ("boltons/coverage.json", BOLTONS_FRAGMENT_BOUND_BYTES),
    ] {
        let report = coverage_py_report(&format!("coverage/{fixture}"));
        let encoded = share(&full_view(), &[("coverage.json", &report)]);
        let json_size = std::fs::metadata(fixture_path(&format!("coverage/{fixture}")))
            .expect("fixture")
            .len();
        println!(
            "{fixture}: {json_size} bytes of JSON -> {} byte fragment ({}; fits: {})",
            encoded.byte_length,
            describe_share_size(&encoded),
            fits_in_share_link(&encoded)
        );
        sizes.push((fixture, encoded.byte_length, bound));
    }
    for (fixture, size, bound) in sizes {
        assert!(
            size <= bound,
            "{fixture}: the fragment grew to {size} bytes, over its bound of {bound}"
        );
    }
}

#[test]
fn the_size_limit_decides_between_link_and_standalone_file() {
    let fitting = EncodedShare {
        fragment: String::new(),
        byte_length: SHARE_LINK_LIMIT_BYTES,
    };
    let oversized = EncodedShare {
        fragment: String::new(),
        byte_length: SHARE_LINK_LIMIT_BYTES + 1,
    };
    assert!(fits_in_share_link(&fitting));
    assert!(!fits_in_share_link(&oversized));
    assert_eq!(
        describe_share_size(&oversized),
        "the data would make a 32.1 KB link, more than the 32 KB that chats and browsers pass on whole; share the standalone file instead"
    );
    assert_eq!(
        describe_share_size(&EncodedShare {
            fragment: String::new(),
            byte_length: 5_432,
        }),
        "the link is 5.5 KB, within the 32 KB that chats and browsers pass on whole"
    );
}

#[test]
fn a_comparison_link_carries_several_reports_in_order() {
    let first = coverage_py_report("coverage/toolz/series/01-coverage.json");
    let second = coverage_py_report("coverage/toolz/series/02-coverage.json");
    let mut view = full_view();
    view.comparison = Some((
        "01-coverage.json".to_string(),
        "02-coverage.json".to_string(),
    ));
    view.selected_report = Some("02-coverage.json".to_string());
    let encoded = share(
        &view,
        &[("01-coverage.json", &first), ("02-coverage.json", &second)],
    );
    let payload = decoded(decode_share_fragment(&encoded.fragment), "comparison");
    assert_eq!(payload.view, view);
    let names: Vec<&str> = payload
        .reports
        .iter()
        .map(|(name, _)| name.as_str())
        .collect();
    assert_eq!(names, ["01-coverage.json", "02-coverage.json"]);
    assert!(payload.reports[0].1 == first && payload.reports[1].1 == second);
}

#[test]
fn the_committed_v1_vector_decodes_to_the_recorded_values() {
    let fragment = fixture_text("share/v1-report-and-view.txt");
    let outcome = decode_share_fragment(&fragment);
    assert_eq!(outcome.diagnostics, Vec::new());
    let payload = decoded(outcome, "the v1 vector");
    assert_eq!(payload.view, v1_vector_view());
    assert_eq!(payload.reports.len(), 1);
    assert_eq!(payload.reports[0].0, "coverage.json");
    assert_eq!(payload.reports[0].1, vector_report());
}

#[test]
fn the_committed_v1_view_vector_decodes_to_the_recorded_view() {
    let fragment = fixture_text("share/v1-view-only.txt");
    let view = decoded(decode_view_fragment(&fragment), "the v1 view vector");
    assert_eq!(view, v1_vector_view());
    let payload = decoded(decode_share_fragment(&fragment), "the v1 view vector");
    assert_eq!(payload.reports, Vec::new());
}

/// While v1 is the format written, today's encoder must produce the vector's payload byte
/// for byte (compression may differ between miniz versions, the payload may not). When a
/// v2 is introduced, this test goes and the decoding tests above stay.
#[test]
fn todays_encoder_writes_the_v1_vector_payload_exactly() {
    let fragment = fixture_text("share/v1-report-and-view.txt");
    let committed = payload_from_fragment(&fragment).expect("the vector unwraps");
    let today = encode_share_payload(&v1_vector_view(), &[("coverage.json", &vector_report())])
        .expect("the vector data can be shared");
    assert_eq!(committed, today);
}

/// The parsers deliver line lists strictly increasing, and the writer writes them as they
/// come; a hand-built list out of order or with repeats is written as its sorted list
/// without repeats, byte for byte, and comes back that way.
#[test]
fn unsorted_line_lists_are_written_as_their_sorted_lists() {
    let sorted = vector_report();
    let mut unsorted = sorted.clone();
    for file in &mut unsorted.files {
        for lines in [
            &mut file.executed_lines,
            &mut file.missing_lines,
            &mut file.excluded_lines,
        ] {
            lines.reverse();
            if let Some(&first) = lines.first() {
                lines.push(first);
            }
        }
    }
    assert_ne!(unsorted, sorted, "the test made some list out of order");
    assert_eq!(
        snapshot_of(&unsorted).as_bytes(),
        snapshot_of(&sorted).as_bytes()
    );
    let back = decoded(
        report_from_snapshot(&snapshot_of(&unsorted)),
        "unsorted lists",
    );
    assert_eq!(back, sorted);
}

/// A figure's display text is stored as a number when it is a plain decimal with the
/// report's precision and as text otherwise; either way it comes back as it was.
#[test]
fn every_display_text_comes_back_as_it_was() {
    // (report precision, display text, stored as a number)
    let cases = [
        (2, "78.57", true),
        (2, "0.05", true),
        (2, "100.00", true),
        (0, "0", true),
        (0, "100", true),
        (1, "1844674407370955161.5", true),
        (2, "078.57", false),
        (2, "78.5", false),
        (2, "78.570", false),
        (0, "78.", false),
        (2, ".05", false),
        (2, "n/a", false),
        (2, "", false),
        (2, ".", false),
        (1, "1.2.3", false),
        (2, "+7.50", false),
        (1, "1844674407370955161.6", false),
        (2, "99999999999999999999.99", false),
    ];
    for (precision, display, is_number) in cases {
        let mut report = vector_report();
        report.facts.precision = Precision(precision);
        report.files[0].coverage.display = display.to_string();
        let snapshot = snapshot_of(&report);
        let back = decoded(report_from_snapshot(&snapshot), display);
        assert_eq!(back, report, "{display:?} at precision {precision}");
        let mut as_text = report.clone();
        as_text.files[0].coverage.display = "n/a".to_string();
        // "n/a" is stored as its length and three bytes; a number here takes fewer bytes
        // than its text would.
        let is_stored_shorter = snapshot.as_bytes().len() + "n/a".len()
            < snapshot_of(&as_text).as_bytes().len() + display.len();
        assert_eq!(
            is_stored_shorter, is_number,
            "{display:?} at precision {precision} stored as a number"
        );
    }
}

/// Other tools can read links: after "v1." comes base64url of a standard CRC-32 (as zlib
/// computes it) and a raw deflate stream, both checked here with flate2.
#[test]
fn the_framing_is_standard_base64url_crc32_and_raw_deflate() {
    use base64::Engine;
    let fragment = fixture_text("share/v1-report-and-view.txt");
    let encoded = fragment.trim().strip_prefix("v1.").expect("the version");
    let framed = base64::engine::general_purpose::URL_SAFE_NO_PAD
        .decode(encoded)
        .expect("base64url without padding");
    let mut payload = Vec::new();
    flate2::read::DeflateDecoder::new(&framed[4..])
        .read_to_end(&mut payload)
        .expect("raw deflate");
    let mut checksum = flate2::Crc::new();
    checksum.update(&payload);
    assert_eq!(framed[..4], checksum.sum().to_le_bytes());
    assert_eq!(payload, payload_from_fragment(&fragment).expect("unwraps"));
}

#[test]
fn view_fragments_round_trip_and_stay_short() {
    let default_fragment = encode_view_fragment(&ViewState::default());
    assert!(default_fragment.len() < 20, "{default_fragment}");
    assert_eq!(
        decoded(decode_view_fragment(&default_fragment), "default"),
        ViewState::default()
    );
    let fragment = encode_view_fragment(&full_view());
    assert!(fragment.len() < 200, "{fragment}");
    assert_eq!(
        decoded(decode_view_fragment(&fragment), "full"),
        full_view()
    );
    // The view of a share link can be read without decoding its reports.
    let report = vector_report();
    let encoded = share(&full_view(), &[("coverage.json", &report)]);
    assert_eq!(
        decoded(decode_view_fragment(&encoded.fragment), "share"),
        full_view()
    );
}

#[test]
fn view_state_serializes_with_serde_for_local_storage() {
    let json = serde_json::to_string(&full_view()).expect("serializes");
    let back: ViewState = serde_json::from_str(&json).expect("deserializes");
    assert_eq!(back, full_view());
    let partial: ViewState =
        serde_json::from_str(r#"{"selected_file":"a.py"}"#).expect("missing fields default");
    assert_eq!(partial.selected_file.as_deref(), Some("a.py"));
    assert_eq!(partial.table, TableView::default());
}

#[test]
fn versions_and_non_links_get_clear_errors() {
    assert_eq!(
        decode_error(decode_share_fragment("v9.AAAA")),
        "this link was made by a newer Covscope (format v9); this version reads format v1 links, so open it in the newer Covscope or ask for the standalone file"
    );
    assert!(
        decode_error(decode_share_fragment("#v123456789012345678901234.AA"))
            .starts_with("this link was made by a newer Covscope (format v123456789012)")
    );
    assert_eq!(
        decode_error(decode_share_fragment("v0.AAAA")),
        "this link says it uses format v0, which no Covscope has written; it was altered or made by another tool"
    );
    let not_a_link = "this is not a Covscope link: what follows the '#' should start with a format version such as \"v1.\"";
    for fragment in ["section-2", "v.AAAA", "vx.AAAA", "1.AAAA", "v1"] {
        assert_eq!(
            decode_error(decode_share_fragment(fragment)),
            not_a_link,
            "{fragment}"
        );
    }
    assert_eq!(
        decode_error(decode_share_fragment("#")),
        "the link holds no Covscope view or data: nothing follows the '#'"
    );
}

#[test]
fn damaged_and_cut_links_say_what_happened() {
    let report = vector_report();
    let fragment = share(&full_view(), &[("coverage.json", &report)]).fragment;
    assert_eq!(
        decode_error(decode_share_fragment(&format!("{fragment}<b>"))),
        format!(
            "the link is damaged: character {} is '<', which cannot appear in a Covscope link (only letters, digits, '-' and '_' follow the version)",
            fragment.len() + 1
        )
    );
    let with_space = format!("{} {}", &fragment[..10], &fragment[10..]);
    assert_eq!(
        decode_error(decode_share_fragment(&with_space)),
        "the link is damaged: character 11 is U+0020, which cannot appear in a Covscope link (only letters, digits, '-' and '_' follow the version)"
    );
    let cut = &fragment[..fragment.len() / 2];
    let message = decode_error(decode_share_fragment(cut));
    assert!(
        message.starts_with("the link's data is incomplete: ")
            && message.ends_with("it was probably cut off when it was copied or sent"),
        "{message}"
    );
    // Changing one character either breaks the compressed data or the checksum.
    let mut altered: Vec<char> = fragment.chars().collect();
    let middle = altered.len() / 2;
    altered[middle] = if altered[middle] == 'A' { 'B' } else { 'A' };
    let altered: String = altered.into_iter().collect();
    let message = decode_error(decode_share_fragment(&altered));
    assert!(
        message == "the link is damaged: the data does not decompress"
            || message == "the link is damaged: its data fails the integrity check, so a character was changed or lost on the way"
            || message.starts_with("the link's data is incomplete"),
        "{message}"
    );
}

#[test]
fn a_zip_bomb_link_is_refused_after_a_bounded_unpack() {
    let bomb = vec![0u8; 80 * 1024 * 1024];
    let fragment = fragment_from_payload(&bomb);
    assert!(fragment.len() < 200_000, "deflate packs zeros tightly");
    assert_eq!(
        decode_error(decode_share_fragment(&fragment)),
        "the link cannot be opened: its data unpacks to more than 64 MiB, more than Covscope accepts from a link"
    );
}

#[test]
fn names_and_paths_with_control_characters_are_refused() {
    let mut report = vector_report();
    report.files[0].path = "pkg/a\u{1b}[31m.py".to_string();
    assert_eq!(
        encode_share_fragment(&ViewState::default(), &[("r", &report)]),
        Err("this cannot be shared as a link: a file path \"pkg/a\\u{1b}[31m.py\" contains the control character U+001B; names and paths may contain no control character other than tab (report 1 \"r\", file 1)".to_string())
    );
    // A crafted payload with such a path is refused by the decoder the same way.
    let payload =
        encode_share_payload(&ViewState::default(), &[("r", &vector_report())]).expect("shareable");
    let crafted = replace_text(&payload, b"pkg/a.py", b"pkg/a\n.py");
    let message = decode_error(decode_share_fragment(&fragment_from_payload(&crafted)));
    assert!(
        message.starts_with("the link cannot be opened: a file path \"pkg/a\\n.py\" contains the control character U+000A"),
        "{message}"
    );
    assert_eq!(
        encode_share_fragment(&ViewState::default(), &[("a\u{7}", &vector_report())]),
        Err("this cannot be shared as a link: a report name \"a\\u{7}\" contains the control character U+0007; names and paths may contain no control character other than tab (report 1)".to_string())
    );
}

/// Replaces the first text equal to `from` (shorter than 128 bytes, so its length prefix
/// is one byte) in a payload's records with `to`, keeping every length right.
fn replace_text(payload: &[u8], from: &[u8], to: &[u8]) -> Vec<u8> {
    let mut records = records_of(payload);
    let (_, body) = records
        .iter_mut()
        .find(|(_, body)| body.windows(from.len()).any(|window| window == from))
        .expect("the text occurs");
    let position = body
        .windows(from.len())
        .position(|window| window == from)
        .expect("the text occurs");
    assert_eq!(
        usize::from(body[position - 1]),
        from.len(),
        "a length prefix"
    );
    let mut changed = body[..position - 1].to_vec();
    changed.push(to.len() as u8);
    changed.extend_from_slice(to);
    changed.extend_from_slice(&body[position + from.len()..]);
    *body = changed;
    payload_of(&records)
}

/// A payload's records as (kind, body).
fn records_of(payload: &[u8]) -> Vec<(u64, Vec<u8>)> {
    let mut records = Vec::new();
    let mut position = 0;
    while position < payload.len() {
        let (tag, after_tag) = read_varint(payload, position);
        let (length, body_start) = read_varint(payload, after_tag);
        position = body_start + length as usize;
        records.push((tag, payload[body_start..position].to_vec()));
    }
    records
}

fn payload_of(records: &[(u64, Vec<u8>)]) -> Vec<u8> {
    let mut payload = Vec::new();
    for (tag, body) in records {
        write_varint(&mut payload, *tag);
        write_varint(&mut payload, body.len() as u64);
        payload.extend_from_slice(body);
    }
    payload
}

fn read_varint(bytes: &[u8], mut position: usize) -> (u64, usize) {
    let mut value = 0u64;
    let mut shift = 0;
    loop {
        let byte = bytes[position];
        position += 1;
        value |= u64::from(byte & 0x7f) << shift;
        shift += 7;
        if byte & 0x80 == 0 {
            return (value, position);
        }
    }
}

fn write_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push(((value & 0x7f) as u8) | 0x80);
        value >>= 7;
    }
    out.push(value as u8);
}

#[test]
fn the_view_fragment_leaves_out_what_a_link_cannot_carry() {
    let mut view = full_view();
    view.selected_file = Some("bad\u{0}path".to_string());
    view.selected_document = Some("x".repeat(MAX_TEXT_BYTES + 1));
    view.table.thresholds = Thresholds {
        low: f64::NAN,
        high: 75.0,
    };
    view.table.filter = "é".repeat(MAX_TEXT_BYTES);
    let back = decoded(
        decode_view_fragment(&encode_view_fragment(&view)),
        "sanitized view",
    );
    assert_eq!(back.selected_file, None);
    assert_eq!(back.selected_document, None);
    assert_eq!(
        back.table.thresholds,
        Thresholds {
            low: 50.0,
            high: 75.0
        }
    );
    assert_eq!(back.table.filter, "é".repeat(MAX_TEXT_BYTES / 2));
    assert_eq!(back.selected_report, view.selected_report);
    assert_eq!(back.comparison, view.comparison);
}

#[test]
fn duplicate_report_names_and_files_are_refused() {
    let report = vector_report();
    assert_eq!(
        encode_share_fragment(
            &ViewState::default(),
            &[("same", &report), ("same", &report)]
        ),
        Err("this cannot be shared as a link: it carries two reports named \"same\"".to_string())
    );
    let mut repeated = vector_report();
    repeated.files[1].path = repeated.files[0].path.clone();
    let message = decode_error(report_from_snapshot(&snapshot_of(&repeated)));
    assert_eq!(
        message,
        "the link cannot be opened: the report lists the file \"pkg/a.py\" twice"
    );
}

#[test]
fn unknown_records_and_view_fields_are_skipped_with_a_warning() {
    let payload = encode_share_payload(&full_view(), &[("coverage.json", &vector_report())])
        .expect("shareable");
    // A view field of kind 60 put first in the view, and a record of kind 40 appended.
    let mut records = records_of(&payload);
    assert_eq!(records[0].0, 1, "the view record comes first");
    records[0].1.splice(0..0, [60, 1, 9]);
    records.push((40, vec![1, 2, 3]));
    let with_view_field = payload_of(&records);
    let outcome = decode_share_payload(&with_view_field);
    assert_eq!(
        outcome.warning_messages(),
        [
            "this link was made by a newer Covscope: some of its view settings are unknown to this version and were left out",
            "this link was made by a newer Covscope: it carries data this version does not understand, which was left out",
        ]
    );
    let payload = decoded(outcome, "extended payload");
    assert_eq!(payload.view, full_view());
    assert_eq!(payload.reports[0].1, vector_report());
}

#[test]
fn a_view_naming_a_report_the_link_lacks_gets_a_warning() {
    let mut view = full_view();
    view.selected_report = Some("elsewhere.json".to_string());
    let encoded = share(&view, &[("coverage.json", &vector_report())]);
    assert_eq!(
        decode_share_fragment(&encoded.fragment).warning_messages(),
        ["the link shows the report \"elsewhere.json\", which it does not carry"]
    );
}

#[test]
fn crafted_snapshots_with_inconsistent_data_give_errors() {
    let good = snapshot_of(&vector_report()).into_bytes();
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (
            [good.as_slice(), &[0]].concat(),
            "the link is damaged: the report has 1 unexpected bytes at its end",
        ),
        (
            good[..good.len() - 3].to_vec(),
            "the link's data is incomplete: it ends in the middle of the coverage percentage of the report's totals; it was probably cut off when it was copied or sent",
        ),
        (
            with_byte(&good, 0, 7),
            "the link cannot be opened: it holds a report of a kind this version of Covscope does not know (kind 7); it was probably made by a newer Covscope",
        ),
        (
            with_byte(&good, 1, 0xff),
            "the link is damaged: the report's facts has flags this version of Covscope does not know (0xff)",
        ),
        (
            with_byte(&good, 2, 11),
            "the link is damaged: the report's precision is 11 decimals, more than the 10 Covscope displays",
        ),
    ];
    for (bytes, expected) in cases {
        assert_eq!(
            decode_error(report_from_snapshot(&ReportSnapshot::from_bytes(bytes))),
            expected
        );
    }
    // Lists whose runs hold more lines than declared, a count over the cap, a NaN percent.
    let mut runs = snapshot_prefix_with_one_file();
    runs.extend_from_slice(&[2, 5, 4]); // 2 executed lines, a run of 5
    assert_eq!(
        decode_error(report_from_snapshot(&ReportSnapshot::from_bytes(runs))),
        "the link is damaged: the executed lines hold more lines than their count of 2 says (file 1 \"a.py\")"
    );
    // The wire counts lines in 64 bits; a line or arc end the model's 32 bits cannot hold is
    // damage. 2^32 and 2^31 (zigzag 2^32) as varints: 0x80 0x80 0x80 0x80 0x10.
    let beyond_32_bits = [0x80, 0x80, 0x80, 0x80, 0x10];
    let mut line_past_the_model = snapshot_prefix_with_one_file();
    line_past_the_model.push(1); // 1 executed line, starting at 2^32
    line_past_the_model.extend_from_slice(&beyond_32_bits);
    line_past_the_model.push(0);
    assert_eq!(
        decode_error(report_from_snapshot(&ReportSnapshot::from_bytes(
            line_past_the_model
        ))),
        "the link is damaged: the executed lines run past the largest line number (file 1 \"a.py\")"
    );
    let mut arc_past_the_model = snapshot_prefix_with_one_file();
    arc_past_the_model.extend_from_slice(&[0, 0, 0, 1]); // no lines, 1 executed arc
    arc_past_the_model.extend_from_slice(&beyond_32_bits); // from 2^31
    arc_past_the_model.push(0); // to the same line
    assert_eq!(
        decode_error(report_from_snapshot(&ReportSnapshot::from_bytes(
            arc_past_the_model
        ))),
        "the link is damaged: the executed branches hold an arc from 2147483648 to 2147483648, past the largest line number (file 1 \"a.py\")"
    );
    let mut too_many = vector_report();
    if let Counts::CoveragePy(counts) = &mut too_many.files[0].counts {
        counts.statements = MAX_COUNT_VALUE + 1;
    }
    assert_eq!(
        decode_error(report_from_snapshot(&snapshot_of(&too_many))),
        "the link cannot be opened: the statement count of the file is 1099511627777, more than any real report has (1099511627776 at most) (file 1 \"pkg/a.py\")"
    );
    let mut not_a_number = vector_report();
    not_a_number.total_coverage.percent = Percent::new(f64::NAN);
    assert_eq!(
        decode_error(report_from_snapshot(&snapshot_of(&not_a_number))),
        "the link is damaged: the coverage percentage of the report's totals is not a finite number"
    );
}

fn with_byte(bytes: &[u8], index: usize, value: u8) -> Vec<u8> {
    let mut changed = bytes.to_vec();
    changed[index] = value;
    changed
}

/// A snapshot's bytes up to the first file's line lists: facts, one file named "a.py".
fn snapshot_prefix_with_one_file() -> Vec<u8> {
    let mut bytes = vec![0, 0, 0]; // coverage.py JSON, no flags, precision 0
    bytes.push(1); // one file
    bytes.push(0); // sharing nothing with a previous path
    bytes.push(4);
    bytes.extend_from_slice(b"a.py");
    bytes
}

#[test]
fn huge_declared_lengths_fail_fast() {
    let view_record = encode_share_payload(&ViewState::default(), &[]).expect("empty");
    let report_record = |lines: u64, run: u64| {
        // Report "r", coverage.py JSON, one file "a", one run of executed lines from 1.
        let mut body = vec![1, b'r', 0, 0, 0, 1, 0, 1, b'a'];
        write_varint(&mut body, lines);
        body.push(1);
        write_varint(&mut body, run);
        let mut record = vec![2];
        write_varint(&mut record, body.len() as u64);
        record.extend_from_slice(&body);
        [view_record.clone(), record].concat()
    };
    let cases: Vec<(Vec<u8>, &str)> = vec![
        (
            [view_record.clone(), vec![2, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x01]].concat(),
            "the link's data is incomplete: it ends in the middle of a record; it was probably cut off when it was copied or sent",
        ),
        (
            [view_record.clone(), vec![2; 1], vec![0xff; 12]].concat(),
            "the link is damaged: a record's length is a number too large for 64 bits",
        ),
        (
            // 99,999 files declared in three bytes.
            [view_record.clone(), vec![2, 9, 1, b'r', 0, 0, 0, 0x9f, 0x8d, 0x06, 0]].concat(),
            "the link's data is incomplete: it ends in the middle of the length of a file path (report 1 \"r\", file 1); it was probably cut off when it was copied or sent",
        ),
        (
            // Nearly four million lines in one run: within the budget, built, then the data stops.
            report_record(3_999_000, 3_998_999),
            "the link's data is incomplete: it ends in the middle of the number of the missing lines (report 1 \"r\", file 1 \"a\"); it was probably cut off when it was copied or sent",
        ),
        (
            report_record(4_000_000, 3_999_999),
            "the link cannot be opened: it describes more than 4000000 lines, branches, regions and files in all, more than Covscope accepts from a link (report 1 \"r\", file 1 \"a\")",
        ),
        (
            report_record(3, 7),
            "the link is damaged: the executed lines hold more lines than their count of 3 says (report 1 \"r\", file 1 \"a\")",
        ),
    ];
    for (payload, expected) in cases {
        let outcome = decode_share_fragment(&fragment_from_payload(&payload));
        assert_eq!(decode_error(outcome), expected);
    }
}

/// The draws the property tests need from the shared deterministic generator.
impl Xorshift {
    fn below(&mut self, limit: u64) -> u64 {
        if limit == 0 {
            0
        } else {
            self.next() % limit
        }
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }

    fn label(&mut self) -> String {
        const PIECES: [&str; 14] = [
            "a", "Z", "0", "/", ".", "_", " ", "\t", "é", "中", "🦀", "<b>", "\"", "'",
        ];
        let length = self.below(12);
        (0..length)
            .map(|_| PIECES[self.below(PIECES.len() as u64) as usize])
            .collect()
    }

    fn free_text(&mut self) -> String {
        let mut text = self.label();
        if self.chance(20) {
            text.push('\n');
            text.push('\u{7}');
        }
        text
    }

    fn finite_f64(&mut self) -> f64 {
        match self.below(4) {
            0 => self.below(101) as f64,
            1 => self.below(1_000_000) as f64 / 7.0,
            2 => -0.0,
            _ => loop {
                let value = f64::from_bits(self.next());
                if value.is_finite() {
                    break value;
                }
            },
        }
    }

    fn count(&mut self) -> u64 {
        match self.below(10) {
            0 => MAX_COUNT_VALUE,
            1..=3 => 0,
            _ => self.below(5_000),
        }
    }

    fn counts(&mut self) -> CoverageCounts {
        coverage_py_counts([
            self.count(),
            self.count(),
            self.count(),
            self.count(),
            self.count(),
            self.count(),
            self.count(),
            self.count(),
        ])
    }

    fn figure(&mut self, counts: &CoverageCounts) -> CoverageFigure {
        let percent = if self.chance(70) {
            counts.percent_covered()
        } else {
            Percent::new(self.finite_f64())
        };
        CoverageFigure {
            display: if self.chance(80) {
                percent.display(Precision(self.below(3) as u8))
            } else {
                self.label()
            },
            percent,
        }
    }

    fn lines(&mut self) -> Vec<LineNumber> {
        // The high 32 bits of a random number make a random line number.
        let mut lines: Vec<LineNumber> = (0..self.below(30))
            .map(|_| match self.below(20) {
                0 => LineNumber::MAX - (self.below(3) as LineNumber),
                1 => (self.next() >> 32) as LineNumber,
                _ => self.below(300) as LineNumber,
            })
            .collect();
        lines.sort_unstable();
        lines.dedup();
        lines
    }

    fn arcs(&mut self) -> Vec<BranchArc> {
        (0..self.below(8))
            .map(|_| {
                let mut endpoint = || match self.below(12) {
                    0 => ArcEnd::MIN,
                    1 => ArcEnd::MAX,
                    2 => (self.next() >> 32) as ArcEnd,
                    _ => self.below(400) as ArcEnd - 100,
                };
                BranchArc {
                    from: endpoint(),
                    to: endpoint(),
                }
            })
            .collect()
    }

    fn view(&mut self) -> ViewState {
        let optional = |generator: &mut Xorshift| {
            if generator.chance(60) {
                Some(generator.label())
            } else {
                None
            }
        };
        let selected_report = optional(self);
        let selected_document = optional(self);
        let selected_file = optional(self);
        let current_view = optional(self);
        let open_folders = Rc::new((0..self.below(3)).map(|_| self.label()).collect());
        let selected_line = self.chance(50).then(|| self.below(100_000));
        ViewState {
            selected_report,
            selected_document,
            table: TableView {
                sort: SortOrder {
                    column: TableColumn::ALL[self.below(8) as usize],
                    descending: self.chance(50),
                },
                filter: self.free_text(),
                hide_covered: self.chance(50),
                thresholds: Thresholds {
                    low: self.finite_f64(),
                    high: self.finite_f64(),
                },
            },
            selected_file,
            comparison: if self.chance(30) {
                Some((self.label(), self.label()))
            } else {
                None
            },
            current_view,
            open_folders,
            selected_line,
        }
    }

    fn report(&mut self) -> CoverageReport {
        let files: Vec<FileCoverage> = (0..self.below(5))
            .map(|index| {
                let counts = self.counts();
                let regions = (0..self.below(4))
                    .map(|_| {
                        let counts = self.counts();
                        Region {
                            kind: if self.chance(50) {
                                RegionKind::Class
                            } else {
                                RegionKind::Function
                            },
                            name: self.label(),
                            start_line: if self.chance(80) {
                                Some(if self.chance(10) {
                                    (self.next() >> 32) as LineNumber
                                } else {
                                    self.below(500) as LineNumber
                                })
                            } else {
                                None
                            },
                            end_line: None,
                            coverage: self.figure(&counts),
                            counts: Counts::CoveragePy(counts),
                            stated_figures: Vec::new(),
                            hits: None,
                        }
                    })
                    .collect();
                let path = format!("{}{index}", self.label());
                FileCoverage {
                    coverage: self.figure(&counts),
                    counts: Counts::CoveragePy(counts),
                    executed_lines: self.lines(),
                    missing_lines: self.lines(),
                    excluded_lines: self.lines(),
                    has_line_lists: self.chance(80),
                    executed_branch_arcs: self.arcs(),
                    missing_branch_arcs: self.arcs(),
                    regions,
                    ..FileCoverage::empty(path)
                }
            })
            .collect();
        let totals = self.counts();
        let optional_text = |generator: &mut Xorshift| {
            if generator.chance(70) {
                Some(generator.label())
            } else {
                None
            }
        };
        let tool_version = optional_text(self);
        let timestamp = optional_text(self);
        CoverageReport {
            facts: ReportFacts {
                format: CoverageFormat::CoveragePy,
                format_version: (if self.chance(50) {
                    Some(self.below(5))
                } else if self.chance(10) {
                    Some(u64::MAX)
                } else {
                    None
                })
                .map(|version: u64| version.to_string()),
                tool_version,
                timestamp,
                has_branches: self.chance(50),
                has_contexts: self.chance(50),
                has_regions: self.chance(50),
                precision: Precision(self.below(11) as u8),
            },
            files,
            total_coverage: self.figure(&totals),
            totals: Counts::CoveragePy(totals),
            stated_total_figures: Vec::new(),
        }
    }
}

#[test]
fn five_thousand_random_views_round_trip() {
    let mut generator = Xorshift(0x5eed_0001);
    for round in 0..5_000 {
        let view = generator.view();
        let fragment = encode_view_fragment(&view);
        let outcome = decode_view_fragment(&fragment);
        assert_eq!(outcome.diagnostics, Vec::new(), "round {round}");
        let back = decoded(outcome, "random view");
        // Thresholds compare by bits, so -0.0 and 0.0 are told apart.
        assert_eq!(
            (
                back.table.thresholds.low.to_bits(),
                back.table.thresholds.high.to_bits()
            ),
            (
                view.table.thresholds.low.to_bits(),
                view.table.thresholds.high.to_bits()
            ),
            "round {round}"
        );
        assert_eq!(back, view, "round {round}");
    }
}

#[test]
fn five_thousand_random_small_reports_round_trip() {
    let mut generator = Xorshift(0x5eed_0002);
    for round in 0..5_000 {
        let view = generator.view();
        let report = generator.report();
        let snapshot_back = decoded(report_from_snapshot(&snapshot_of(&report)), "snapshot");
        assert!(snapshot_back == report, "round {round}: {report:?}");
        let name = format!("{}.json", generator.label());
        let encoded = share(&view, &[(&name, &report)]);
        let SharedPayload {
            view: view_back,
            reports,
            ..
        } = decoded(decode_share_fragment(&encoded.fragment), "random report");
        assert_eq!(view_back, view, "round {round}");
        assert_eq!(reports.len(), 1);
        assert_eq!(reports[0].0, name);
        assert!(reports[0].1 == report, "round {round}: {report:?}");
    }
}

/// Ways to spoil a fragment or payload, each picked by the generator.
fn spoiled_fragment(generator: &mut Xorshift, fragment: &str, payload: &[u8]) -> String {
    const BASE64: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    match generator.below(7) {
        // Characters swapped for other base64 characters.
        0 => {
            let mut bytes = fragment.as_bytes().to_vec();
            for _ in 0..=generator.below(3) {
                let index = 3 + generator.below(bytes.len() as u64 - 3) as usize;
                bytes[index] = BASE64[generator.below(64) as usize];
            }
            String::from_utf8(bytes).expect("ASCII")
        }
        // Cut off anywhere.
        1 => fragment[..generator.below(fragment.len() as u64) as usize].to_string(),
        // Random base64 after a valid version.
        2 => {
            let length = generator.below(400);
            let body: String = (0..length)
                .map(|_| char::from(BASE64[generator.below(64) as usize]))
                .collect();
            format!("v1.{body}")
        }
        // Valid deflate and checksum around random bytes.
        3 => {
            let garbage: Vec<u8> = (0..generator.below(300))
                .map(|_| generator.next() as u8)
                .collect();
            fragment_from_payload(&garbage)
        }
        // The real payload with bytes flipped, inserted or removed, behind a valid checksum,
        // so the mutation reaches the record and snapshot decoders.
        4 => {
            let mut mutated = payload.to_vec();
            for _ in 0..=generator.below(4) {
                let index = generator.below(mutated.len() as u64) as usize;
                match generator.below(4) {
                    0 => mutated[index] ^= 1 << generator.below(8),
                    1 => mutated[index] = generator.next() as u8,
                    2 => mutated.insert(index, generator.next() as u8),
                    _ => {
                        mutated.remove(index);
                    }
                }
                if mutated.is_empty() {
                    break;
                }
            }
            fragment_from_payload(&mutated)
        }
        // The real payload with a huge number spliced in somewhere.
        5 => {
            let mut mutated = payload.to_vec();
            let index = generator.below(mutated.len() as u64) as usize;
            let mut huge = Vec::new();
            write_varint(&mut huge, u64::MAX - generator.below(1 << 20));
            mutated.splice(index..index + 1, huge);
            fragment_from_payload(&mutated)
        }
        // Arbitrary characters, including markup and non-ASCII.
        _ => {
            let text: String = (0..generator.below(60))
                .map(|_| char::from_u32(generator.below(0x3000) as u32).unwrap_or('\u{fffd}'))
                .collect();
            if generator.chance(50) {
                format!("v1.{text}")
            } else {
                text
            }
        }
    }
}

#[test]
fn twenty_thousand_crafted_fragments_never_panic() {
    let mut generator = Xorshift(0x5eed_0003);
    let report = vector_report();
    let payload =
        encode_share_payload(&full_view(), &[("coverage.json", &report)]).expect("shareable");
    let fragment = fragment_from_payload(&payload);
    let mut errors = 0;
    for _ in 0..20_000 {
        let spoiled = spoiled_fragment(&mut generator, &fragment, &payload);
        let outcome = decode_share_fragment(&spoiled);
        let _ = decode_view_fragment(&spoiled);
        match outcome.value {
            None => {
                errors += 1;
                let message = outcome.first_error().expect("an error message");
                assert!(!message.is_empty());
            }
            Some(decoded) => {
                // Whatever decodes re-encodes, so the app can always put it back in a link.
                let names: Vec<(&str, &CoverageReport)> = decoded
                    .reports
                    .iter()
                    .map(|(name, report)| (name.as_str(), report))
                    .collect();
                assert!(encode_share_fragment(&decoded.view, &names).is_ok());
            }
        }
    }
    println!("{errors} of 20000 crafted fragments gave errors");
    assert!(errors > 15_000, "most crafted fragments are refused");
}

#[test]
fn mutated_snapshots_never_panic() {
    let mut generator = Xorshift(0x5eed_0004);
    let good = snapshot_of(&vector_report()).into_bytes();
    for _ in 0..5_000 {
        let mut bytes = good.clone();
        for _ in 0..=generator.below(3) {
            let index = generator.below(bytes.len() as u64) as usize;
            bytes[index] = generator.next() as u8;
        }
        let _ = report_from_snapshot(&ReportSnapshot::from_bytes(bytes));
    }
}
