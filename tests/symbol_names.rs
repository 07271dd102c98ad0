//! Function names read as people read them in every format that can carry mangled Rust
//! symbols: cargo-llvm-cov's lcov shows the names its own Cobertura prints, two symbols that
//! read alike stay two functions with what tells them apart, and names that are not Rust
//! symbols are left as written.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use common::{fixture_bytes, fixture_text};
use covscope::core::input::{parse_dropped_file, DroppedContent};
use covscope::core::model::{CoverageFormat, CoverageReport, Metric, Tally};
use covscope::core::text::{readable_symbol, readable_symbols};

/// A report among the fixtures, which must load in the given format.
fn load(relative: &str, format: CoverageFormat) -> CoverageReport {
    let outcome = parse_dropped_file(relative, &fixture_bytes(relative));
    match outcome.value {
        Some(DroppedContent::Coverage(report)) => {
            assert_eq!(report.facts.format, format, "{relative}");
            *report
        }
        _ => panic!("{relative} did not load: {:?}", outcome.diagnostics),
    }
}

/// One function as the index shows it: the file's path from the project folder, its first
/// line and its name.
#[derive(Debug, PartialEq, Eq, PartialOrd, Ord)]
struct ShownFunction {
    path: String,
    line: u32,
    name: String,
}

/// Every function of a report, with paths from `project_folder`, sorted.
fn shown_functions(report: &CoverageReport, project_folder: &str) -> Vec<ShownFunction> {
    let mut shown: Vec<ShownFunction> = report
        .files
        .iter()
        .flat_map(|file| {
            file.regions.iter().map(|region| ShownFunction {
                path: file
                    .path
                    .strip_prefix(project_folder)
                    .unwrap_or(&file.path)
                    .to_string(),
                line: region.start_line.expect("a function's line"),
                name: region.name.clone(),
            })
        })
        .collect();
    shown.sort();
    shown
}

/// The expected names of a golden file: `path<TAB>line<TAB>name`, `#` lines are its notes.
fn expected_functions(relative: &str) -> Vec<ShownFunction> {
    let mut expected: Vec<ShownFunction> = fixture_text(relative)
        .lines()
        .filter(|line| !line.starts_with('#') && !line.is_empty())
        .map(|line| {
            let mut fields = line.splitn(3, '\t');
            let (Some(path), Some(number), Some(name)) =
                (fields.next(), fields.next(), fields.next())
            else {
                panic!("{relative}: `{line}` is not path, line and name");
            };
            ShownFunction {
                path: path.to_string(),
                line: number.parse().expect("a line number"),
                name: name.to_string(),
            }
        })
        .collect();
    expected.sort();
    expected
}

/// cargo-llvm-cov's lcov names every function by its v0 symbol, once per test binary that
/// holds it. Each of the 175 `FN` records is shown with the name cargo-llvm-cov's Cobertura
/// of the same run prints, and the 170 that exist in two binaries keep their crate
/// disambiguator, so none is merged into another and the function figures stay lcov's.
#[test]
fn cargo_llvm_cov_lcov_shows_demangled_names() {
    let report = load("coverage/llvmcov-semver/lcov.info", CoverageFormat::Lcov);
    let shown = shown_functions(&report, "/home/dev/semver/");
    let expected = expected_functions("symbols/llvmcov-semver-lcov-functions.txt");
    assert_eq!(shown.len(), 175, "one function per FN record");
    for (shown, expected) in shown.iter().zip(&expected) {
        assert_eq!(shown, expected);
    }
    assert_eq!(shown, expected);
    // lcov --summary's function count (one per name) is unchanged by the names shown.
    let functions = report
        .files
        .iter()
        .filter_map(|file| file.counts.tally(Metric::Functions))
        .fold(Tally::new(0, 0), |sum, tally| {
            Tally::new(sum.covered + tally.covered, sum.total + tally.total)
        });
    assert_eq!(functions.total, 175);
}

/// The formats whose producers write readable names keep them exactly: cargo-llvm-cov's
/// Cobertura (demangled by cargo-llvm-cov) and tarpaulin's lcov.
#[test]
fn names_already_readable_are_kept() {
    let cobertura = load(
        "coverage/llvmcov-semver/cobertura.xml",
        CoverageFormat::Cobertura,
    );
    let names: Vec<&str> = cobertura
        .files
        .iter()
        .flat_map(|file| &file.regions)
        .map(|region| region.name.as_str())
        .collect();
    assert!(names.contains(&"semver::eval::matches_req"));
    assert!(names.iter().all(|name| !name.contains('[')));
    let tarpaulin = load("coverage/tarpaulin-semver/lcov.info", CoverageFormat::Lcov);
    let display = tarpaulin
        .files
        .iter()
        .find(|file| file.path.ends_with("src/display.rs"))
        .expect("display.rs");
    let names: Vec<&str> = display
        .regions
        .iter()
        .map(|region| region.name.as_str())
        .collect();
    assert!(names.contains(&"<impl Display for Version>::fmt"));
    assert!(names.contains(&"digits"));
}

/// One symbol: what it is, as written, and as shown. The legacy names are
/// `rustfilt`'s output for them (it strips the hash too).
struct SymbolCase {
    what: &'static str,
    written: &'static str,
    shown: &'static str,
}

const SYMBOL_CASES: &[SymbolCase] = &[
    SymbolCase {
        what: "a legacy symbol loses its hash",
        written: "_ZN6semver7version7Version5parse17h1a2b3c4d5e6f7a8bE",
        shown: "semver::version::Version::parse",
    },
    SymbolCase {
        what: "a v0 symbol loses its crate disambiguator",
        written: "_RNvNtCsgtpyCEExMXn_6semver7display6digits",
        shown: "semver::display::digits",
    },
    SymbolCase {
        what: "a C function stays as written",
        written: "main",
        shown: "main",
    },
    SymbolCase {
        what: "a C++ symbol stays as written (no C++ demangler in the worker)",
        written: "_ZN3foo3barEv",
        shown: "_ZN3foo3barEv",
    },
    SymbolCase {
        what: "a JavaScript name stays as written",
        written: "(anonymous_3)",
        shown: "(anonymous_3)",
    },
];

#[test]
fn one_symbol_is_shown_demangled_or_as_written() {
    for case in SYMBOL_CASES {
        assert_eq!(readable_symbol(case.written), case.shown, "{}", case.what);
    }
}

/// Two legacy symbols of one function from two builds differ only by their hash, which
/// each keeps; a third, different function and a repeated plain name are left alone.
#[test]
fn symbols_that_read_alike_keep_what_tells_them_apart() {
    let written = [
        "_ZN6semver7version7Version5parse17h1a2b3c4d5e6f7a8bE",
        "_ZN6semver7version7Version5parse17h0000000000000001E",
        "_ZN6semver5parse6digits17h1a2b3c4d5e6f7a8bE",
        "helper",
        "helper",
    ];
    assert_eq!(
        readable_symbols(&written),
        [
            "semver::version::Version::parse [h1a2b3c4d5e6f7a8b]",
            "semver::version::Version::parse [h0000000000000001]",
            "semver::parse::digits",
            "helper",
            "helper",
        ]
    );
}
