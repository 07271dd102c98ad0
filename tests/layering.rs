//! The core's modules form layers, and a lower layer never imports a higher one; the
//! app's modules import only the modules below them that they are allowed to.
//!
//! Both orders are written once, as data. The core: shared vocabulary and text, then the
//! parsers, then the input router, then the analyses, then sharing. A module may import
//! only modules of a lower layer, so two parsers never import each other and a parser
//! never reaches for an analysis. The app: the state and the browser glue (which never
//! import each other), then derived data and the loading road, then effects, then
//! components, which reach the browser only through effects and the loading road.
// Native tests: they read the source tree from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use common::{repository_path, rust_files_under};

/// One module of the core and its layer; lower numbers are lower layers.
struct CoreLayer {
    module: &'static str,
    layer: u8,
    /// What the module must never do, as ARCHITECTURE.md states it.
    invariant: &'static str,
}

const CORE_LAYERS: [CoreLayer; 7] = [
    CoreLayer {
        module: "text",
        layer: 0,
        invariant: "imports no other core module",
    },
    CoreLayer {
        module: "model",
        layer: 1,
        invariant: "knows no file format and no parser",
    },
    CoreLayer {
        module: "formats",
        layer: 2,
        invariant: "never decides which format a file is, and never imports documents",
    },
    CoreLayer {
        module: "document",
        layer: 2,
        invariant: "never imports a coverage format or an analysis",
    },
    CoreLayer {
        module: "input",
        layer: 3,
        invariant: "the only place that lists the formats; derives no figures",
    },
    CoreLayer {
        module: "analysis",
        layer: 4,
        invariant: "never parses bytes itself",
    },
    CoreLayer {
        module: "share",
        layer: 5,
        invariant: "only encodes and decodes what the layers below produce",
    },
];

fn layer_of(module: &str) -> Option<&'static CoreLayer> {
    CORE_LAYERS.iter().find(|layer| layer.module == module)
}

/// One module of the app, the app modules it may import, and what it must never do.
struct AppModule {
    module: &'static str,
    may_import: &'static [&'static str],
    /// What the module must never do, as ARCHITECTURE.md states it.
    invariant: &'static str,
}

const APP_MODULES: [AppModule; 6] = [
    AppModule {
        module: "state",
        may_import: &[],
        invariant: "never touches the browser: the reducer is pure and tested natively",
    },
    AppModule {
        module: "browser",
        may_import: &[],
        invariant: "knows no state and no component",
    },
    AppModule {
        module: "derived",
        may_import: &["state"],
        invariant:
            "derives with the pure core only, never touching the browser or changing the state",
    },
    AppModule {
        module: "loading",
        may_import: &["state", "browser"],
        invariant: "changes the state only through the load actions it dispatches",
    },
    AppModule {
        module: "effects",
        may_import: &["state", "browser", "derived", "loading"],
        invariant: "changes the state only through the dispatcher",
    },
    AppModule {
        module: "components",
        may_import: &["state", "derived", "loading", "effects"],
        invariant: "never calls the browser itself, only through effects and the loading road",
    },
];

fn app_module(module: &str) -> Option<&'static AppModule> {
    APP_MODULES.iter().find(|app| app.module == module)
}

/// Every import of `source` (a file of app module `importer`) that the app's order
/// forbids.
fn app_violations(importer: &str, source: &str) -> Vec<String> {
    let Some(own) = app_module(importer) else {
        return vec![format!(
            "`{importer}` is not in APP_MODULES; give it a place"
        )];
    };
    modules_named(source, "crate::app::")
        .into_iter()
        .filter(|module| module != importer && !own.may_import.contains(&module.as_str()))
        .map(|module| match app_module(&module) {
            None => format!("`{importer}` names `{module}`, which has no place"),
            Some(_) => format!(
                "`{importer}` imports `{module}`; `{importer}` {}",
                own.invariant
            ),
        })
        .collect()
}

/// The module folders right under a source folder.
fn module_folders(relative: &str) -> Vec<String> {
    let mut modules: Vec<String> = std::fs::read_dir(repository_path(relative))
        .unwrap_or_else(|_| panic!("{relative} is readable"))
        .map(|entry| entry.expect("directory entry").path())
        .filter(|path| path.is_dir())
        .map(|path| {
            path.file_name()
                .and_then(|name| name.to_str())
                .expect("module folder name is UTF-8")
                .to_string()
        })
        .collect();
    modules.sort();
    modules
}

/// Checks every file of every module folder under `relative`; how many files were
/// checked, and every violation found.
fn check_module_folders(
    relative: &str,
    violations: fn(&str, &str) -> Vec<String>,
) -> (usize, Vec<String>) {
    let mut checked_files = 0;
    let mut offenders = Vec::new();
    for module in module_folders(relative) {
        for file in rust_files_under(&format!("{relative}/{module}")) {
            let source = std::fs::read_to_string(&file).expect("source is UTF-8");
            checked_files += 1;
            for violation in violations(&module, &source) {
                offenders.push(format!("{}: {violation}", file.display()));
            }
        }
    }
    (checked_files, offenders)
}

/// The core modules a source file names through `crate::core::<module>`, outside comments.
fn core_modules_named(source: &str) -> Vec<String> {
    modules_named(source, "crate::core::")
}

/// The modules a source file names through `<prefix><module>`, outside comments.
fn modules_named(source: &str, prefix: &str) -> Vec<String> {
    let mut named = Vec::new();
    for line in source.lines() {
        let code = line.trim_start();
        if code.starts_with("//") {
            continue;
        }
        let mut rest = code;
        while let Some(start) = rest.find(prefix) {
            rest = &rest[start + prefix.len()..];
            let module: String = rest
                .chars()
                .take_while(|character| character.is_ascii_alphanumeric() || *character == '_')
                .collect();
            if !module.is_empty() && !named.contains(&module) {
                named.push(module);
            }
        }
    }
    named
}

/// Every import of `source` (a file of module `importer`) that breaks the layer order.
fn layer_violations(importer: &str, source: &str) -> Vec<String> {
    let Some(own) = layer_of(importer) else {
        return vec![format!(
            "`{importer}` is not in CORE_LAYERS; give it a layer"
        )];
    };
    core_modules_named(source)
        .into_iter()
        .filter(|module| module != importer)
        .filter_map(|module| match layer_of(&module) {
            None => Some(format!("`{importer}` names `{module}`, which has no layer")),
            Some(imported) if imported.layer >= own.layer => Some(format!(
                "`{importer}` (layer {}) imports `{module}` (layer {}); `{importer}` {}",
                own.layer, imported.layer, own.invariant
            )),
            Some(_) => None,
        })
        .collect()
}

#[test]
fn no_core_module_imports_its_own_layer_or_a_higher_one() {
    let (checked_files, offenders) = check_module_folders("src/core", layer_violations);
    assert!(checked_files >= 20, "the core's files were found");
    assert_eq!(offenders, Vec::<String>::new());
}

#[test]
fn every_core_folder_has_a_layer() {
    for module in module_folders("src/core") {
        assert!(layer_of(&module).is_some(), "src/core/{module} has a layer");
    }
}

/// The check itself: each case is a module, a line of its source, and how many
/// violations the line must give.
#[test]
fn the_layering_check_catches_what_it_should() {
    let cases = [
        ("text", "use crate::core::model::CoverageReport;", 1),
        ("formats", "use crate::core::document::parse_document;", 1),
        (
            "document",
            "use crate::core::formats::parse_coverage_py_json;",
            1,
        ),
        ("document", "use crate::core::analysis::path_match;", 1),
        ("formats", "use crate::core::input::parse_dropped_file;", 1),
        ("analysis", "use crate::core::share::ViewState;", 1),
        (
            "input",
            "use crate::core::formats::parse_coverage_py_json;",
            0,
        ),
        ("share", "use crate::core::analysis::table::TableView;", 0),
        ("analysis", "// crate::core::share in a comment", 0),
        (
            "analysis",
            "let x = crate::core::model::Percent::new(1.0);",
            0,
        ),
        ("model", "use crate::core::mystery::Thing;", 1),
    ];
    check_cases(layer_violations, &cases);
}

#[test]
fn no_app_module_imports_what_the_apps_order_forbids() {
    let (checked_files, offenders) = check_module_folders("src/app", app_violations);
    assert!(checked_files >= 40, "the app's files were found");
    assert_eq!(offenders, Vec::<String>::new());
}

#[test]
fn every_app_folder_has_a_place() {
    for module in module_folders("src/app") {
        assert!(
            app_module(&module).is_some(),
            "src/app/{module} has a place"
        );
    }
}

/// The app's check itself: each case is a module, a line of its source, and how many
/// violations the line must give.
#[test]
fn the_app_order_check_catches_what_it_should() {
    let cases = [
        (
            "components",
            "use crate::app::browser::files::PickedFile;",
            1,
        ),
        (
            "components",
            "use crate::app::effects::row_window::use_row_window;",
            0,
        ),
        (
            "components",
            "use crate::app::loading::{take_drop, DroppedItems};",
            0,
        ),
        (
            "state",
            "use crate::app::browser::storage::load_table_views;",
            1,
        ),
        ("browser", "use crate::app::state::AppState;", 1),
        ("derived", "use crate::app::browser::tasks::run_soon;", 1),
        (
            "loading",
            "use crate::app::effects::share::open_share_panel;",
            1,
        ),
        ("effects", "use crate::app::components::App;", 1),
        ("effects", "use crate::app::loading::{self, Incoming};", 0),
        ("components", "// crate::app::browser in a comment", 0),
        ("state", "use crate::app::mystery::Thing;", 1),
        ("mystery", "use crate::app::state::Action;", 1),
    ];
    check_cases(app_violations, &cases);
}

/// Each case is a module, a line of its source, and how many violations the line must
/// give.
fn check_cases(violations: fn(&str, &str) -> Vec<String>, cases: &[(&str, &str, usize)]) {
    for (importer, line, expected) in cases {
        assert_eq!(
            violations(importer, line).len(),
            *expected,
            "{importer}: {line}"
        );
    }
}
