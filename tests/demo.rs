//! The demo served beside the app: its list and its files, and a demo that arrives after the
//! person loaded their own files. (The single-file page's copy is read by the browser;
//! `share.spec.ts` opens that page from disk and sees the demo.)
// Native tests: they read the demo folder from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use common::{
    check_golden_file, file_bytes, finished, fixture_bytes, hand_over_whole, report_names,
    repository_path,
};
use std::collections::BTreeMap;

use covscope::app::state::{Action, AppState, LoadAction, LoadOrigin};
use covscope::core::analysis::read_document::{for_the_page, PageContent};
use covscope::core::input::{parse_dropped_file, DroppedContent};
use covscope::core::model::CoverageReport;
use covscope::core::share::{
    page_content_from_prepared_text, prepared_document_text, prepared_report_text,
    report_from_prepared_text,
};
use covscope::core::text::ParseOutcome;

/// What one listed demo file must be: its name, where it is served, and what it holds
/// (a report's file count or a document's title).
struct ExpectedDemoFile {
    name: &'static str,
    path: &'static str,
    holds: Holds,
}

enum Holds {
    Report {
        files: usize,
    },
    /// The first top-level heading; plans have none outside their code blocks.
    Document {
        title: Option<&'static str>,
    },
}

fn check(
    entry_name: &str,
    entry_path: &str,
    entry_prepared: Option<&str>,
    expected: &ExpectedDemoFile,
) {
    assert_eq!(entry_name, expected.name);
    assert_eq!(entry_path, expected.path);
    // Every file ships prepared: the demo needs no parsing worker, so a file the person
    // drops at once never waits behind the demo's.
    let expected_prepared = format!("prepared/{}.txt", expected.path);
    assert_eq!(
        entry_prepared,
        Some(expected_prepared.as_str()),
        "{entry_path}"
    );
    let outcome = parse_dropped_file(
        entry_name,
        &file_bytes(&repository_path("demo").join(entry_path)),
    );
    assert!(outcome.first_error().is_none(), "{entry_path}: {outcome:?}");
    match (outcome.value, &expected.holds) {
        (Some(DroppedContent::Coverage(report)), Holds::Report { files }) => {
            assert_eq!(report.files.len(), *files, "{entry_path}");
        }
        (Some(DroppedContent::Document(document)), Holds::Document { title }) => {
            assert_eq!(document.title.as_deref(), *title, "{entry_path}");
        }
        _ => panic!("{entry_path}: not the kind of file expected"),
    }
}

#[test]
fn the_demo_list_names_every_served_file_in_order_and_each_reads_cleanly() {
    let expected = [
        ExpectedDemoFile {
            name: "toolz-demo-full-run.json",
            path: "toolz-coverage.json",
            holds: Holds::Report { files: 14 },
        },
        ExpectedDemoFile {
            name: "toolz-demo-first-third.json",
            path: "toolz-first-third-coverage.json",
            holds: Holds::Report { files: 14 },
        },
        ExpectedDemoFile {
            name: "toolz-demo-two-thirds.json",
            path: "toolz-two-thirds-coverage.json",
            holds: Holds::Report { files: 14 },
        },
        // A JavaScript run (c8 on express) and a Rust run (cargo-llvm-cov on semver), each
        // the fixture's lcov.info unchanged: 7 files in each (report.txt of each folder).
        ExpectedDemoFile {
            name: "express-demo-c8.lcov.info",
            path: "express-c8-lcov.info",
            holds: Holds::Report { files: 7 },
        },
        ExpectedDemoFile {
            name: "semver-demo-llvm-cov.lcov.info",
            path: "semver-llvm-cov-lcov.info",
            holds: Holds::Report { files: 7 },
        },
        ExpectedDemoFile {
            name: ".planning/phases/01-toolz-coverage-push/01-VERIFICATION.md",
            path: "planning/01-VERIFICATION.md",
            holds: Holds::Document {
                title: Some("Phase 1: toolz coverage push - Verification Report"),
            },
        },
        ExpectedDemoFile {
            name: ".planning/phases/01-toolz-coverage-push/01-01-PLAN.md",
            path: "planning/01-01-PLAN.md",
            holds: Holds::Document {
                title: Some("Phase 1 Plan 1: toolz coverage push"),
            },
        },
        ExpectedDemoFile {
            name: ".planning/phases/01-toolz-coverage-push/01-01-SUMMARY.md",
            path: "planning/01-01-SUMMARY.md",
            holds: Holds::Document {
                title: Some("Phase 1 Plan 1: toolz coverage push Summary"),
            },
        },
    ];
    let entries = demo_list();
    assert_eq!(entries.len(), expected.len());
    for (entry, expected) in entries.iter().zip(&expected) {
        let text = |key: &str| entry[key].as_str().expect("text").to_string();
        check(
            &text("name"),
            &text("path"),
            entry["prepared"].as_str(),
            expected,
        );
    }
}

/// The entries of `demo/files.json`.
fn demo_list() -> Vec<serde_json::Value> {
    let list: serde_json::Value =
        serde_json::from_slice(&file_bytes(&repository_path("demo/files.json")))
            .expect("valid JSON");
    list["files"].as_array().expect("a files array").clone()
}

/// The report as the parsing worker hands it to the page: what the demo showed when its
/// reports were parsed in the worker.
fn as_handed_over(report: &CoverageReport) -> CoverageReport {
    hand_over_whole(report.clone())
        .assembled()
        .value
        .expect("the hand-over reads back")
}

/// The demo's reports and documents ship prepared (`demo/prepared/`, the `prepared` of
/// each entry), so the page shows them without the parsing worker. Each must be what the
/// real parser gives for its input today; `COVSCOPE_REGENERATE=1 cargo test --test demo`
/// writes them anew. Read back as the page reads them, each is what the worker handed
/// over before.
#[test]
fn each_prepared_demo_file_is_what_the_parser_gives_for_its_input_today() {
    let (mut reports, mut documents) = (0, 0);
    for entry in demo_list() {
        let (Some(prepared), Some(name), Some(path)) = (
            entry["prepared"].as_str(),
            entry["name"].as_str(),
            entry["path"].as_str(),
        ) else {
            continue;
        };
        let outcome = for_the_page(parse_dropped_file(
            name,
            &file_bytes(&repository_path("demo").join(path)),
        ));
        assert!(outcome.first_error().is_none(), "{path}: {outcome:?}");
        let warnings = outcome.warning_messages();
        let (text, handed_over) = match outcome.value {
            Some(DroppedContent::Coverage(report)) => {
                reports += 1;
                // Contexts are read from the report's own file when shown, which a
                // prepared report is not; a demo report with contexts would need its file
                // loaded as before.
                assert!(!report.facts.has_contexts, "{path} has contexts");
                let text =
                    prepared_report_text(name, &report, &warnings).expect("a link can carry it");
                let handed_over = DroppedContent::Coverage(Box::new(as_handed_over(&report)));
                (text, handed_over)
            }
            Some(DroppedContent::Document(document)) => {
                documents += 1;
                let text =
                    prepared_document_text(name, &document, &warnings).expect("one-line warnings");
                (text, DroppedContent::Document(document))
            }
            _ => panic!("{path}: neither a report nor a document"),
        };
        check_golden_file(&repository_path("demo").join(prepared), &text);
        let read_back: ParseOutcome<PageContent> = page_content_from_prepared_text(name, &text);
        assert_eq!(read_back.warning_messages(), warnings, "{prepared}");
        assert!(
            read_back.first_error().is_none(),
            "{prepared}: {read_back:?}"
        );
        assert_eq!(read_back.value, Some(handed_over), "{prepared}");
    }
    assert_eq!((reports, documents), (5, 3));
}

/// A prepared document read under another name, damaged, or followed by a line that is
/// no warning is refused with one error naming the file; a prepared report's text still
/// reads as a report through the same door.
#[test]
fn a_prepared_document_under_another_name_or_damaged_is_refused() {
    let entries = demo_list();
    let entry = entries
        .iter()
        .find(|entry| {
            entry["name"]
                .as_str()
                .is_some_and(|name| name.ends_with("VERIFICATION.md"))
        })
        .expect("the verification document");
    let name = entry["name"].as_str().expect("a name");
    let text = String::from_utf8(file_bytes(
        &repository_path("demo").join(entry["prepared"].as_str().expect("prepared")),
    ))
    .expect("UTF-8 text");
    let first_line = text.lines().next().unwrap_or("");
    // One character of the encoded data changed (a `v1.` fragment's checksum catches it).
    let damaged = {
        let mut characters: Vec<char> = first_line.chars().collect();
        let last = characters.len() - 1;
        characters[last] = if characters[last] == 'A' { 'B' } else { 'A' };
        characters.into_iter().collect::<String>()
    };
    let cases = [
        (
            "other.md",
            text.clone(),
            "the prepared document other.md is not usable: it holds the document named .planning/phases/01-toolz-coverage-push/01-VERIFICATION.md",
        ),
        (
            name,
            format!("{damaged}\n"),
            "the prepared document .planning/phases/01-toolz-coverage-push/01-VERIFICATION.md is not usable: ",
        ),
        (
            name,
            format!("{first_line}\nextra line\n"),
            "the prepared document .planning/phases/01-toolz-coverage-push/01-VERIFICATION.md is not usable: a line after the document is not a warning",
        ),
    ];
    for (name, text, expected_start) in cases {
        let outcome = page_content_from_prepared_text(name, &text);
        assert!(outcome.value.is_none(), "{name}");
        let error = outcome.first_error().expect("an error");
        assert!(error.starts_with(expected_start), "{name}: {error}");
    }
    let report_entry = &entries[0];
    let report_name = report_entry["name"].as_str().expect("a name");
    let report_text = String::from_utf8(file_bytes(
        &repository_path("demo").join(report_entry["prepared"].as_str().expect("prepared")),
    ))
    .expect("UTF-8 text");
    let read = page_content_from_prepared_text(report_name, &report_text);
    assert!(
        matches!(read.value, Some(DroppedContent::Coverage(_))),
        "{report_name}"
    );
}

/// A prepared report read under another name, or text that is none, is refused with one
/// error naming the file, never shown under a wrong name (the demo shows nothing for it).
#[test]
fn a_prepared_report_under_another_name_or_damaged_is_refused() {
    let entry = &demo_list()[0];
    let prepared = entry["prepared"].as_str().expect("prepared");
    let text =
        String::from_utf8(file_bytes(&repository_path("demo").join(prepared))).expect("UTF-8 text");
    let cases = [
        (
            "other.json",
            text.as_str(),
            "the prepared report other.json is not usable: it does not hold exactly one report named other.json",
        ),
        (
            "toolz-demo-full-run.json",
            "not a prepared report",
            "the prepared report toolz-demo-full-run.json is not usable: ",
        ),
        (
            "toolz-demo-full-run.json",
            &format!("{}\nextra line\n", text.lines().next().unwrap_or("")),
            "the prepared report toolz-demo-full-run.json is not usable: a line after the report is not a warning",
        ),
    ];
    for (name, text, expected_start) in cases {
        let outcome: ParseOutcome<DroppedContent> = report_from_prepared_text(name, text);
        assert!(outcome.value.is_none(), "{name}");
        let error = outcome.first_error().expect("an error");
        assert!(error.starts_with(expected_start), "{name}: {error}");
    }
}

#[test]
fn a_demo_arriving_after_the_persons_own_report_is_not_added() {
    let own = fixture_bytes("coverage/toolz/coverage.json");
    let demo = file_bytes(&repository_path("demo/toolz-coverage.json"));
    let add_demo =
        |state: AppState| finished(state, "toolz-demo-full-run.json", &demo, LoadOrigin::Demo);
    let loading =
        AppState::with_saved_views(BTreeMap::new()).apply(Action::Load(LoadAction::Start {
            file_count: 1,
            origin: LoadOrigin::Person,
        }));
    // While the person's file is still being read, the demo stays out.
    let while_loading = add_demo(loading);
    assert!(while_loading.reports.items.is_empty());
    let loaded = finished(while_loading, "coverage.json", &own, LoadOrigin::Person);
    let after = add_demo(loaded);
    assert_eq!(report_names(&after), ["coverage.json"]);
    assert!(!after.is_showing_demo());
}
