//! The reducer: loading, errors that never cost loaded data, selection, per-report views.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use common::{fixture_bytes, loaded, report_names};
use std::collections::BTreeMap;

use covscope::app::state::{
    Action, AppState, LoadAction, LoadOrigin, MainView, ReportAction, TableAction, ViewAction,
};
use covscope::core::analysis::read_document::for_the_page;
use covscope::core::analysis::table::{SortOrder, TableColumn};
use covscope::core::input::parse_dropped_file;

fn load(state: AppState, name: &str, bytes: &[u8]) -> AppState {
    loaded(state, name, bytes, LoadOrigin::Person)
}

fn with_demo() -> AppState {
    let bytes = fixture_bytes("coverage/toolz/coverage.json");
    loaded(
        AppState::with_saved_views(BTreeMap::new()),
        "demo.json",
        &bytes,
        LoadOrigin::Demo,
    )
}

/// The names in the report list, the selected name, and the error files, in order.
fn check(state: &AppState, names: &[&str], selected: Option<&str>, error_files: &[&str]) {
    assert_eq!(report_names(state), names);
    assert_eq!(
        state.selected_report().map(|report| report.name.as_str()),
        selected
    );
    let actual_errors: Vec<&str> = state
        .loading
        .errors
        .iter()
        .map(|error| error.file_name.as_str())
        .collect();
    assert_eq!(actual_errors, error_files);
}

#[test]
fn the_demo_shows_until_the_first_real_report_replaces_it() {
    let state = with_demo();
    assert!(state.is_showing_demo());
    check(&state, &["demo.json"], Some("demo.json"), &[]);
    let state = load(
        state,
        "coverage.json",
        &fixture_bytes("coverage/boltons/coverage.json"),
    );
    assert!(!state.is_showing_demo());
    check(&state, &["coverage.json"], Some("coverage.json"), &[]);
    assert_eq!(state.loading.files_in_flight, 0);
}

#[test]
fn a_bad_file_adds_an_error_and_keeps_everything_loaded_before() {
    let state = load(
        with_demo(),
        "good.json",
        &fixture_bytes("coverage/toolz/coverage.json"),
    );
    let state = load(state, "broken.json", b"{\"meta\": ");
    check(&state, &["good.json"], Some("good.json"), &["broken.json"]);
    assert_eq!(
        state.loading.errors[0].message,
        "the file is not valid JSON: EOF while parsing a value (line 1, column 9)"
    );
    let error_id = state.loading.errors[0].id;
    let state = state.apply(Action::Load(LoadAction::DismissError { id: error_id }));
    check(&state, &["good.json"], Some("good.json"), &[]);
}

#[test]
fn a_bad_first_file_keeps_the_demo() {
    let state = load(with_demo(), "notes.bin", b"\x00\x01\x02");
    check(&state, &["demo.json"], Some("demo.json"), &["notes.bin"]);
}

#[test]
fn repeated_names_are_numbered_and_the_newest_is_selected() {
    let bytes = fixture_bytes("coverage/toolz/coverage.json");
    let state = load(with_demo(), "coverage.json", &bytes);
    let state = load(state, "coverage.json", &bytes);
    let state = load(state, "other.json", &bytes);
    check(
        &state,
        &["coverage.json", "coverage.json (2)", "other.json"],
        Some("other.json"),
        &[],
    );
    let state = state.apply(Action::Report(ReportAction::SelectNext));
    check(
        &state,
        &["coverage.json", "coverage.json (2)", "other.json"],
        Some("coverage.json"),
        &[],
    );
    let state = state.apply(Action::Report(ReportAction::SelectPrevious));
    check(
        &state,
        &["coverage.json", "coverage.json (2)", "other.json"],
        Some("other.json"),
        &[],
    );
    let first_id = state.reports.items[0].id;
    let state = state.apply(Action::Report(ReportAction::Select { id: first_id }));
    check(
        &state,
        &["coverage.json", "coverage.json (2)", "other.json"],
        Some("coverage.json"),
        &[],
    );
    let state = state.apply(Action::Report(ReportAction::Remove { id: first_id }));
    check(
        &state,
        &["coverage.json (2)", "other.json"],
        Some("coverage.json (2)"),
        &[],
    );
}

#[test]
fn table_views_are_kept_per_report_name() {
    let bytes = fixture_bytes("coverage/toolz/coverage.json");
    let state = load(with_demo(), "a.json", &bytes);
    let state = state
        .apply(Action::Table(TableAction::SortBy {
            column: TableColumn::Coverage,
        }))
        .apply(Action::Table(TableAction::SetFilter {
            text: "curried".to_string(),
        }));
    let state = load(state, "b.json", &bytes);
    assert_eq!(state.selected_table_view().filter, "");
    let a_id = state.reports.items[0].id;
    let state = state.apply(Action::Report(ReportAction::Select { id: a_id }));
    let view = state.selected_table_view();
    assert_eq!(view.filter, "curried");
    assert_eq!(
        view.sort,
        SortOrder {
            column: TableColumn::Coverage,
            descending: false
        }
    );
    assert_eq!(state.tables.views.len(), 1, "only a.json was changed");
}

/// (filter, hide covered) before following a link to `path` → (filter, hide covered)
/// after, with the row active and the table shown.
#[test]
fn following_a_link_to_a_file_keeps_the_view_unless_it_hides_the_file() {
    let bytes = fixture_bytes("coverage/toolz/coverage.json");
    type LinkCase<'a> = ((&'a str, bool), &'a str, (&'a str, bool));
    let cases: [LinkCase; 5] = [
        // Shown already: the view stays; the row is found among the others.
        (("", false), "toolz/functoolz.py", ("", false)),
        (("TOOLZ.py", true), "toolz/functoolz.py", ("TOOLZ.py", true)),
        // Filtered out: the filter goes, hiding stays (the file has gaps).
        (("curried", true), "toolz/functoolz.py", ("", true)),
        // A fully covered file under "hide 100%": only the hiding goes.
        (
            ("curried", true),
            "toolz/curried/__init__.py",
            ("curried", false),
        ),
        // A path the report does not hold: nothing to undo.
        (("curried", true), "toolz/nowhere.py", ("curried", true)),
    ];
    for ((filter, hide), path, (expected_filter, expected_hide)) in cases {
        let state = load(with_demo(), "a.json", &bytes)
            .apply(Action::Table(TableAction::SetFilter {
                text: filter.to_string(),
            }))
            .apply(Action::Table(TableAction::SetHideCovered { hide }))
            .apply(Action::View(ViewAction::Show {
                view: MainView::Documents,
            }));
        let report_id = state.reports.items[0].id;
        let state = state.apply(Action::ShowFileInTable {
            report_id,
            path: path.to_string(),
        });
        let view = state.selected_table_view();
        assert_eq!(
            (view.filter.as_str(), view.hide_covered),
            (expected_filter, expected_hide),
            "{filter:?} {hide} {path}"
        );
        assert_eq!(state.view.main, MainView::Table);
        assert_eq!(state.tables.active_path.as_deref(), Some(path));
    }
}

/// The sort after each `s` press, starting from the default view.
fn check_sort_shortcut(relative: &str, expected: &[(TableColumn, bool)]) {
    let mut state = load(
        AppState::with_saved_views(BTreeMap::new()),
        "r.json",
        &fixture_bytes(relative),
    );
    // Start from the path column, ascending, whatever the default is.
    state = state.apply(Action::Table(TableAction::SortBy {
        column: TableColumn::Path,
    }));
    if state.selected_table_view().sort.descending {
        state = state.apply(Action::Table(TableAction::ReverseSort));
    }
    let mut actual = Vec::new();
    for _ in expected {
        state = state.apply(Action::Table(TableAction::SortByNextColumn));
        let sort = state.selected_table_view().sort;
        actual.push((sort.column, sort.descending));
    }
    assert_eq!(actual, expected, "{relative}");
}

#[test]
fn the_s_shortcut_steps_through_the_columns_in_their_usual_direction() {
    check_sort_shortcut(
        "coverage/toolz/coverage.json",
        &[
            (TableColumn::Statements, true),
            (TableColumn::Missing, true),
            (TableColumn::Branches, true),
            (TableColumn::Partial, true),
            (TableColumn::Coverage, false),
            (TableColumn::Path, false),
        ],
    );
    // Without branch data the branch columns are skipped.
    check_sort_shortcut(
        "coverage/toolz/coverage-nobranch.json",
        &[
            (TableColumn::Statements, true),
            (TableColumn::Missing, true),
            (TableColumn::Coverage, false),
            (TableColumn::Path, false),
        ],
    );
}

#[test]
fn reverse_sort_flips_only_the_direction() {
    let state = load(
        AppState::with_saved_views(BTreeMap::new()),
        "r.json",
        &fixture_bytes("coverage/toolz/coverage.json"),
    )
    .apply(Action::Table(TableAction::SortBy {
        column: TableColumn::Missing,
    }));
    let before = state.selected_table_view().sort;
    let after = state
        .apply(Action::Table(TableAction::ReverseSort))
        .selected_table_view()
        .sort;
    assert_eq!(
        after,
        SortOrder {
            column: TableColumn::Missing,
            descending: !before.descending
        }
    );
}

#[test]
fn sort_shortcuts_without_a_report_change_nothing() {
    let state = AppState::with_saved_views(BTreeMap::new());
    let after = state
        .clone()
        .apply(Action::Table(TableAction::SortByNextColumn))
        .apply(Action::Table(TableAction::ReverseSort));
    assert_eq!(after, state);
}

#[test]
fn the_theme_cycles_and_is_set_and_unknown_keys_mean_the_system() {
    use covscope::app::state::ThemeChoice;
    let state = AppState::with_saved_views(BTreeMap::new());
    assert_eq!(state.view.theme, ThemeChoice::System);
    let cycled: Vec<&str> = std::iter::successors(Some(state.clone()), |state| {
        Some(state.clone().apply(Action::View(ViewAction::CycleTheme)))
    })
    .take(4)
    .map(|state| state.view.theme.key())
    .collect();
    assert_eq!(cycled, ["system", "light", "dark", "system"]);
    let dark = state.clone().apply(Action::View(ViewAction::SetTheme {
        theme: ThemeChoice::Dark,
    }));
    assert_eq!(dark.view.theme, ThemeChoice::Dark);
    let remembered = AppState::with_saved_views(BTreeMap::new()).with_theme(ThemeChoice::Light);
    assert_eq!(remembered.view.theme, ThemeChoice::Light);
    for (key, expected) in [
        ("system", ThemeChoice::System),
        ("light", ThemeChoice::Light),
        ("dark", ThemeChoice::Dark),
        ("Dark", ThemeChoice::System),
        ("", ThemeChoice::System),
        ("<script>", ThemeChoice::System),
    ] {
        assert_eq!(ThemeChoice::from_key(key), expected, "{key:?}");
    }
}

#[test]
fn activating_a_row_makes_it_the_highlighted_file_of_the_view() {
    let bytes = fixture_bytes("coverage/toolz/coverage.json");
    let state =
        load(with_demo(), "a.json", &bytes).apply(Action::Table(TableAction::ActivateRow {
            path: "toolz/utils.py".to_string(),
        }));
    assert_eq!(state.tables.active_path.as_deref(), Some("toolz/utils.py"));
    assert_eq!(
        state.view_state().selected_file.as_deref(),
        Some("toolz/utils.py")
    );
    let state = state.apply(Action::Table(TableAction::ActivateRow {
        path: "toolz/dicttoolz.py".to_string(),
    }));
    assert_eq!(
        state.tables.active_path.as_deref(),
        Some("toolz/dicttoolz.py")
    );
}

/// Progress per file adds up while loads run, vanishes when they end, and a cancel keeps
/// every report loaded before.
#[test]
fn load_progress_adds_up_and_a_cancel_keeps_what_was_loaded() {
    use covscope::app::state::LoadProgress;
    let progress = |file_name: &str, done_bytes: u64, total_bytes: u64| {
        Action::Load(LoadAction::Progress {
            file_name: file_name.to_string(),
            progress: LoadProgress {
                done_bytes,
                total_bytes,
            },
        })
    };
    let state = load(
        with_demo(),
        "good.json",
        &fixture_bytes("coverage/toolz/coverage.json"),
    );
    assert_eq!(state.loading.overall_progress(), None);
    let state = state
        .apply(Action::Load(LoadAction::Start {
            file_count: 2,
            origin: LoadOrigin::Person,
        }))
        .apply(progress("big.json", 10, 200))
        .apply(progress("huge.json", 30, 400))
        .apply(progress("big.json", 50, 200));
    assert_eq!(state.loading.files_in_flight, 2);
    assert_eq!(
        state.loading.overall_progress(),
        Some(LoadProgress {
            done_bytes: 80,
            total_bytes: 600
        })
    );
    let cancelled = state.clone().apply(Action::Load(LoadAction::Cancel));
    assert_eq!(cancelled.loading.files_in_flight, 0);
    assert_eq!(cancelled.loading.overall_progress(), None);
    check(&cancelled, &["good.json"], Some("good.json"), &[]);
    // A progress message that arrives after the cancel does not bring the bar back.
    let late = cancelled.apply(progress("big.json", 60, 200));
    assert_eq!(late.loading.overall_progress(), None);

    let finished = state.apply(Action::Load(LoadAction::Finish {
        file_name: "big.json".to_string(),
        outcome: for_the_page(parse_dropped_file(
            "big.json",
            &fixture_bytes("coverage/boltons/coverage.json"),
        )),
        table_index: None,
        origin: LoadOrigin::Person,
    }));
    assert_eq!(finished.loading.files_in_flight, 1);
    assert_eq!(
        finished.loading.overall_progress(),
        Some(LoadProgress {
            done_bytes: 30,
            total_bytes: 400
        })
    );
    check(&finished, &["good.json", "big.json"], Some("big.json"), &[]);
}

#[test]
fn the_keyboard_help_opens_and_closes() {
    let state = AppState::with_saved_views(BTreeMap::new());
    assert!(!state.view.keyboard_help_open);
    let open = state.apply(Action::View(ViewAction::OpenKeyboardHelp));
    assert!(open.view.keyboard_help_open);
    assert!(
        !open
            .apply(Action::View(ViewAction::CloseKeyboardHelp))
            .view
            .keyboard_help_open
    );
}

/// Ticked reports combine through the reducer into a new, selected report named as a
/// combination, with coverage.py's combined figure (`toolz/shards/combined-report.txt`:
/// TOTAL 98%); reports of two formats are refused with a load error, and nothing loaded is
/// lost either way.
#[test]
fn ticked_reports_combine_into_a_new_report() {
    use covscope::app::state::CombineAction;
    let state = AppState::with_saved_views(BTreeMap::new());
    let state = load(
        state,
        "shard-a.json",
        &fixture_bytes("coverage/toolz/shards/shard-a.json"),
    );
    let state = load(
        state,
        "shard-b.json",
        &fixture_bytes("coverage/toolz/shards/shard-b.json"),
    );
    let state = load(
        state,
        "shard-a.lcov",
        &fixture_bytes("coverage/toolz/shards/shard-a.lcov"),
    );
    let ids: Vec<u64> = state.reports.items.iter().map(|report| report.id).collect();
    let toggle =
        |state: AppState, id: u64| state.apply(Action::Combine(CombineAction::Toggle { id }));
    let mixed = toggle(toggle(state.clone(), ids[0]), ids[2]);
    let mixed = mixed.apply(Action::Combine(CombineAction::Combine));
    check(
        &mixed,
        &["shard-a.json", "shard-b.json", "shard-a.lcov"],
        Some("shard-a.lcov"),
        &["combined: shard-a.json + shard-a.lcov"],
    );
    assert_eq!(
        mixed.loading.errors[0].message,
        "only reports of one format can be combined: one is coverage.py JSON, another LCOV tracefile"
    );
    let state = toggle(toggle(state, ids[0]), ids[1]);
    assert_eq!(state.combining.chosen, [ids[0], ids[1]]);
    let state = state.apply(Action::Combine(CombineAction::Combine));
    check(
        &state,
        &[
            "shard-a.json",
            "shard-b.json",
            "shard-a.lcov",
            "combined: shard-a.json + shard-b.json",
        ],
        Some("combined: shard-a.json + shard-b.json"),
        &[],
    );
    let combined = state.selected_report().expect("selected");
    assert_eq!(combined.report.0.total_coverage.display, "98");
    assert!(state.combining.chosen.is_empty(), "the ticks are cleared");
}

/// The agreement view sets side by side the two reports most likely to be one run in two
/// formats, until the person picks a pair; a pair with a removed report falls back.
#[test]
fn the_agreement_pair_is_the_likeliest_until_one_is_chosen() {
    use covscope::app::state::AgreementAction;
    let state = AppState::with_saved_views(BTreeMap::new());
    let state = load(
        state,
        "01.json",
        &fixture_bytes("coverage/toolz/series/01-coverage.json"),
    );
    let state = load(
        state,
        "lcov.info",
        &fixture_bytes("coverage/llvmcov-semver/lcov.info"),
    );
    let state = load(
        state,
        "coverage.lcov",
        &fixture_bytes("coverage/toolz/coverage.lcov"),
    );
    let names = |state: &AppState| {
        state
            .agreement_reports()
            .map(|(left, right)| (left.name.clone(), right.name.clone()))
    };
    assert_eq!(
        names(&state),
        Some(("01.json".to_string(), "coverage.lcov".to_string()))
    );
    let ids: Vec<u64> = state.reports.items.iter().map(|report| report.id).collect();
    let chosen = state.apply(Action::Agreement(AgreementAction::SetPair {
        left: ids[2],
        right: ids[1],
    }));
    assert_eq!(
        names(&chosen),
        Some(("coverage.lcov".to_string(), "lcov.info".to_string()))
    );
    let removed = chosen.apply(Action::Report(ReportAction::Remove { id: ids[1] }));
    assert_eq!(
        names(&removed),
        Some(("01.json".to_string(), "coverage.lcov".to_string()))
    );
}
