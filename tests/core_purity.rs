//! The pure core must never reach for a browser crate, so it runs natively and in workers.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::rust_files_under;
const BROWSER_CRATES: [&str; 6] = [
    "yew",
    "web_sys",
    "gloo",
    "wasm_bindgen",
    "js_sys",
    "wasm_bindgen_futures",
];

/// Returns the lines of a source file that mention a browser crate or the app module.
fn forbidden_references(source: &str) -> Vec<String> {
    source
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .filter(|line| {
            BROWSER_CRATES.iter().any(|name| {
                line.contains(&format!("{name}::"))
                    || line.contains(&format!("extern crate {name}"))
            }) || line.contains("crate::app")
        })
        .map(str::to_string)
        .collect()
}

#[test]
fn the_core_imports_no_browser_crate() {
    let files = rust_files_under("src/core");
    assert!(files.len() >= 5, "the core has its modules");
    let offenders: Vec<String> = files
        .iter()
        .flat_map(|path| {
            let source = std::fs::read_to_string(path).expect("source is UTF-8");
            forbidden_references(&source)
                .into_iter()
                .map(move |line| format!("{}: {}", path.display(), line.trim()))
        })
        .collect();
    assert_eq!(offenders, Vec::<String>::new());
}

#[test]
fn the_purity_check_catches_each_browser_crate() {
    for name in BROWSER_CRATES {
        let source = format!("use {name}::prelude::*;\n");
        assert_eq!(forbidden_references(&source).len(), 1, "{name} is caught");
    }
    assert_eq!(forbidden_references("use crate::app::browser;\n").len(), 1);
    assert_eq!(
        forbidden_references("// yew:: in a comment\nlet x = 1;\n").len(),
        0
    );
}
