//! The demo served beside the app: its list and its files, and a demo that arrives after the
//! person loaded their own files. (The single-file page's copy is read by the browser;
//! `share.spec.ts` opens that page from disk and sees the demo.)
// Native tests: they read the demo folder from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use common::{file_bytes, finished, fixture_bytes, report_names, repository_path};
use std::collections::BTreeMap;

use covscope::app::state::{Action, AppState, LoadAction, LoadOrigin};
use covscope::core::input::{parse_dropped_file, DroppedContent};

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

fn check(entry_name: &str, entry_path: &str, expected: &ExpectedDemoFile) {
    assert_eq!(entry_name, expected.name);
    assert_eq!(entry_path, expected.path);
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
    let list: serde_json::Value =
        serde_json::from_slice(&file_bytes(&repository_path("demo/files.json")))
            .expect("valid JSON");
    let entries = list["files"].as_array().expect("a files array");
    assert_eq!(entries.len(), expected.len());
    for (entry, expected) in entries.iter().zip(&expected) {
        let text = |key: &str| entry[key].as_str().expect("text").to_string();
        check(&text("name"), &text("path"), expected);
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
