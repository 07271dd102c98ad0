//! Diffs in share links and in the parsing worker's hand-over: every fixture diff
//! survives both, old links open with no diff, crafted diffs only ever give errors.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use common::{coverage_py_report, files_under, fixture_path, fixture_text};

use covscope::core::formats::parse_unified_diff;
use covscope::core::model::{
    CoverageReport, FileChange, FilePatch, Hunk, HunkLineKind, HunkLineRun, Patch,
};
use covscope::core::share::{
    decode_share_fragment, decode_view_fragment, encode_share_fragment_with_patches,
    fits_in_share_link, patch_from_hand_over_bytes, patch_hand_over_bytes, PatchesToShare,
    ViewState, SHARE_LINK_LIMIT_BYTES,
};

/// The largest fragment the toolz report with its 1.0.0 → 1.2.0 release diff may encode to:
/// measured 6,537 bytes when diffs joined the links (3,983 without the diff, whose text is
/// 137,415 bytes), plus about 10%. A change that makes diff records bigger fails here.
const TOOLZ_WITH_RELEASE_DIFF_BOUND_BYTES: usize = 7_200;

/// Every diff among the fixtures that parses, by its path under `tests/fixtures`.
fn fixture_diffs() -> Vec<(String, Patch)> {
    let mut diffs = Vec::new();
    for folder in ["patch", "malformed/diff"] {
        for path in files_under(&fixture_path(folder)) {
            let name = path.to_string_lossy().to_string();
            if !(name.ends_with(".diff") || name.ends_with(".patch")) {
                continue;
            }
            let bytes = std::fs::read(&path).expect("fixture readable");
            if let Some(patch) = parse_unified_diff(&bytes).value {
                diffs.push((name, patch));
            }
        }
    }
    assert!(diffs.len() >= 25, "found {} diffs", diffs.len());
    diffs
}

fn toolz_report() -> CoverageReport {
    coverage_py_report("coverage/toolz/coverage.json")
}

/// Shares `patch` with the toolz report and reads it back: (diff, selected, baseline).
fn through_a_link(
    patch: &Patch,
    selected: Option<&str>,
    baseline: Option<&str>,
) -> (Patch, Option<String>, Option<String>, usize) {
    let report = toolz_report();
    let encoded = encode_share_fragment_with_patches(
        &ViewState::default(),
        &[("coverage.json", &report)],
        &PatchesToShare {
            patches: vec![("change.diff", patch)],
            selected,
            baseline,
        },
    )
    .expect("the diff can be shared");
    let outcome = decode_share_fragment(&encoded.fragment);
    assert_eq!(outcome.diagnostics, Vec::new());
    let mut payload = outcome.value.expect("the link opens");
    assert_eq!(payload.reports.len(), 1);
    assert_eq!(payload.patches.patches.len(), 1);
    let (name, patch) = payload.patches.patches.remove(0);
    assert_eq!(name, "change.diff");
    (
        patch,
        payload.patches.selected,
        payload.patches.baseline,
        encoded.byte_length,
    )
}

#[test]
fn every_fixture_diff_round_trips_through_a_link_and_the_worker_hand_over() {
    for (name, patch) in fixture_diffs() {
        let (back, ..) = through_a_link(&patch, None, None);
        assert!(back == patch, "{name} through a link");
        let handed = patch_from_hand_over_bytes(&patch_hand_over_bytes(&patch));
        assert_eq!(handed.as_ref(), Ok(&patch), "{name} through the worker");
    }
}

#[test]
fn the_patch_view_travels_with_the_diff_and_the_size_stays_bounded() {
    let patch = parse_unified_diff(
        &std::fs::read(fixture_path("patch/toolz/toolz-1.0.0-to-1.2.0.git.diff")).expect("fixture"),
    )
    .value
    .expect("parses");
    let (_, selected, baseline, size) =
        through_a_link(&patch, Some("change.diff"), Some("coverage.json"));
    assert_eq!(selected.as_deref(), Some("change.diff"));
    assert_eq!(baseline.as_deref(), Some("coverage.json"));
    let report = toolz_report();
    let without_diff = encode_share_fragment_with_patches(
        &ViewState::default(),
        &[("coverage.json", &report)],
        &PatchesToShare::default(),
    )
    .expect("shared")
    .byte_length;
    assert!(
        size <= TOOLZ_WITH_RELEASE_DIFF_BOUND_BYTES,
        "the link is {size} bytes, {without_diff} without the diff"
    );
    assert!(size <= SHARE_LINK_LIMIT_BYTES);
}

#[test]
fn links_made_before_diffs_open_with_none() {
    let payload = decode_share_fragment(&fixture_text("share/v1-report-and-view.txt"))
        .value
        .expect("the v1 vector opens");
    assert_eq!(payload.reports.len(), 1);
    assert!(payload.patches.patches.is_empty());
    assert_eq!(payload.patches.selected, None);
    assert_eq!(payload.patches.baseline, None);
}

#[test]
fn the_address_bar_view_skips_the_diffs_it_carries() {
    let patch = one_hunk_patch(3);
    let report = toolz_report();
    let encoded = encode_share_fragment_with_patches(
        &ViewState {
            current_view: Some("patch".to_string()),
            ..ViewState::default()
        },
        &[("coverage.json", &report)],
        &PatchesToShare {
            patches: vec![("change.diff", &patch)],
            selected: Some("change.diff"),
            baseline: None,
        },
    )
    .expect("shared");
    assert!(fits_in_share_link(&encoded));
    let view = decode_view_fragment(&encoded.fragment);
    assert_eq!(view.diagnostics, Vec::new());
    assert_eq!(
        view.value.and_then(|view| view.current_view).as_deref(),
        Some("patch")
    );
}

/// A crafted diff that declares a trillion added lines in a few bytes is refused by the
/// decode budget, so the page never counts them; the worker (whose input the person
/// chose) carries it.
#[test]
fn a_run_of_a_trillion_lines_is_refused_from_a_link() {
    let patch = one_hunk_patch(1 << 40);
    let report = toolz_report();
    let problem = encode_share_fragment_with_patches(
        &ViewState::default(),
        &[("coverage.json", &report)],
        &PatchesToShare {
            patches: vec![("huge.diff", &patch)],
            selected: None,
            baseline: None,
        },
    )
    .expect_err("refused");
    assert!(
        problem.contains("more than 4000000 lines"),
        "message: {problem}"
    );
    let handed = patch_from_hand_over_bytes(&patch_hand_over_bytes(&patch));
    assert_eq!(handed, Ok(patch));
}

#[test]
fn two_diffs_with_one_name_and_damaged_diff_records_are_refused() {
    let patch = one_hunk_patch(2);
    let report = toolz_report();
    let problem = encode_share_fragment_with_patches(
        &ViewState::default(),
        &[("coverage.json", &report)],
        &PatchesToShare {
            patches: vec![("same.diff", &patch), ("same.diff", &patch)],
            selected: None,
            baseline: None,
        },
    )
    .expect_err("refused");
    assert_eq!(
        problem,
        "this cannot be shared as a link: it carries two diffs named \"same.diff\""
    );
    // Every cut of a hand-over is an error, never a panic or a wrong diff.
    let bytes = patch_hand_over_bytes(&patch);
    for length in 0..bytes.len() {
        assert!(patch_from_hand_over_bytes(&bytes[..length]).is_err());
    }
    let mut unknown_version = bytes.clone();
    unknown_version[0] = 2;
    let message = patch_from_hand_over_bytes(&unknown_version).expect_err("refused");
    assert!(message.contains("layout 2"), "message: {message}");
}

fn one_hunk_patch(added: u64) -> Patch {
    Patch {
        files: vec![FilePatch {
            old_path: Some("toolz/functoolz.py".to_string()),
            new_path: Some("toolz/functoolz.py".to_string()),
            prefixes: None,
            change: FileChange::Modified,
            similarity: None,
            old_mode: None,
            new_mode: None,
            is_binary: false,
            hunks: vec![Hunk {
                old_start: 10,
                old_count: 1,
                new_start: 10,
                new_count: added.saturating_add(1),
                section: "def curry".to_string(),
                runs: vec![
                    HunkLineRun::new(HunkLineKind::Context, 1),
                    HunkLineRun::new(HunkLineKind::Added, added),
                ],
                old_ends_without_newline: false,
                new_ends_without_newline: true,
                diff_line: 3,
            }],
            commit_index: 0,
            diff_line: 1,
        }],
        commits: Vec::new(),
        skipped: Vec::new(),
    }
}
