//! The site manifest (`covscope.json`): each fixture manifest against the files, problems
//! and warnings written out beside it, and URL resolution against a browser's answers.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use common::{fixture_bytes, fixture_text};
use covscope::core::share::{parse_site_manifest, resolve_site_url};
use covscope::core::text::Severity;

/// Reads `site-manifest/<case>.json` and compares what it yields, one line per file to
/// load, problem, warning or failure, with `site-manifest/<case>.expected.txt`.
fn check(case: &str) {
    let (outcome, problems) =
        parse_site_manifest(&fixture_bytes(&format!("site-manifest/{case}.json")));
    let mut lines = Vec::new();
    if let Some(manifest) = &outcome.value {
        for file in manifest.files_to_load() {
            lines.push(format!("load {} as {}", file.url, file.load_name));
        }
    }
    for problem in &problems {
        lines.push(format!("problem {}: {}", problem.entry, problem.message));
    }
    for diagnostic in &outcome.diagnostics {
        let kind = match (diagnostic.severity, outcome.value.is_some()) {
            (Severity::Warning, _) => "warning",
            (Severity::Error, true) => "error",
            (Severity::Error, false) => "failure",
        };
        lines.push(format!("{kind} {}", diagnostic.message));
    }
    let expected = fixture_text(&format!("site-manifest/{case}.expected.txt"));
    assert_eq!(
        lines.join("\n"),
        expected.trim_end(),
        "site-manifest/{case}.json"
    );
}

#[test]
fn the_shape_in_the_issue_loads() {
    check("issue-shape");
}

#[test]
fn names_default_to_file_names_and_history_loads_first() {
    check("defaults-and-history");
}

#[test]
fn broken_entries_are_named_and_the_rest_loads() {
    check("broken-entries");
}

#[test]
fn an_empty_manifest_is_warned_about() {
    check("empty");
}

#[test]
fn a_manifest_that_is_not_an_object_fails() {
    check("not-an-object");
}

#[test]
fn a_truncated_manifest_fails_with_its_position() {
    check("truncated");
}

#[test]
fn urls_resolve_as_a_browser_resolves_them() {
    let cases = fixture_text("site-manifest/url-resolution.tsv");
    let mut checked = 0;
    for line in cases.lines().filter(|line| !line.trim().is_empty()) {
        let fields: Vec<&str> = line.split('\t').collect();
        let [base, relative, expected] = fields[..] else {
            panic!("url-resolution.tsv: a line without three fields: {line}");
        };
        assert_eq!(
            resolve_site_url(base, relative),
            expected,
            "{relative} against {base}"
        );
        checked += 1;
    }
    assert!(checked >= 8, "only {checked} resolution cases were read");
}
