//! The core's modules form layers, and a lower layer never imports a higher one.
//!
//! The order is written once, as data: shared vocabulary and text, then the parsers, then
//! the input router, then the analyses, then sharing. A module may import only modules of
//! a lower layer, so two parsers never import each other and a parser never reaches for
//! an analysis.
// Native tests: they read the source tree from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
use std::path::{Path, PathBuf};

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

fn rust_files_under(directory: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(directory).expect("core directory is readable") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            rust_files_under(&path, found);
        } else if path.extension().is_some_and(|extension| extension == "rs") {
            found.push(path);
        }
    }
}

/// The core modules a source file names through `crate::core::<module>`, outside comments.
fn core_modules_named(source: &str) -> Vec<String> {
    let mut named = Vec::new();
    for line in source.lines() {
        let code = line.trim_start();
        if code.starts_with("//") {
            continue;
        }
        let mut rest = code;
        while let Some(start) = rest.find("crate::core::") {
            rest = &rest[start + "crate::core::".len()..];
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
    let core = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core");
    let mut offenders = Vec::new();
    let mut checked_files = 0;
    for entry in std::fs::read_dir(&core).expect("src/core is readable") {
        let path = entry.expect("directory entry").path();
        if !path.is_dir() {
            continue;
        }
        let module = path
            .file_name()
            .and_then(|name| name.to_str())
            .expect("module folder name is UTF-8")
            .to_string();
        let mut files = Vec::new();
        rust_files_under(&path, &mut files);
        for file in files {
            let source = std::fs::read_to_string(&file).expect("source is UTF-8");
            checked_files += 1;
            for violation in layer_violations(&module, &source) {
                offenders.push(format!("{}: {violation}", file.display()));
            }
        }
    }
    assert!(checked_files >= 20, "the core's files were found");
    assert_eq!(offenders, Vec::<String>::new());
}

#[test]
fn every_core_folder_has_a_layer() {
    let core = Path::new(env!("CARGO_MANIFEST_DIR")).join("src/core");
    for entry in std::fs::read_dir(&core).expect("src/core is readable") {
        let path = entry.expect("directory entry").path();
        if path.is_dir() {
            let module = path
                .file_name()
                .and_then(|name| name.to_str())
                .unwrap_or("");
            assert!(layer_of(module).is_some(), "src/core/{module} has a layer");
        }
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
    for (importer, line, expected) in cases {
        assert_eq!(
            layer_violations(importer, line).len(),
            expected,
            "{importer}: {line}"
        );
    }
}
