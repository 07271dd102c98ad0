//! Which files a dropped or picked folder yields: reports of every format by their
//! endings or their tools' usual names, diffs, planning documents and source files; never
//! a project's other files, nor anything inside dependency, build or tooling folders.
use covscope::core::input::{is_read_from_folder, lies_in_skipped_folder};

/// One path and whether the folder walk takes it.
fn check(path: &str, taken: bool) {
    let actual = is_read_from_folder(path) && !lies_in_skipped_folder(path);
    assert_eq!(actual, taken, "{path}");
}

#[test]
fn reports_diffs_documents_and_sources_are_taken_and_nothing_else() {
    let cases: &[(&str, bool)] = &[
        ("project/coverage.json", true),
        ("project/.planning/phases/01-x/01-VERIFICATION.md", true),
        ("project/coverage/lcov.info", true),
        ("project/coverage/app.lcov", true),
        ("project/coverage.xml", true),
        ("project/build/reports/Coverage.XML", false),
        ("project/coverage/cobertura-coverage.xml", true),
        ("project/coverage/clover.xml", true),
        ("project/target/site/jacoco/jacoco.xml", false),
        ("project/reports/jacoco.xml", true),
        ("project/coverage.out", true),
        ("project/changes/release.diff", true),
        ("project/0001-fix.patch", true),
        ("project/pom.xml", false),
        ("project/a.out", false),
        ("project/LICENSE", false),
        ("project/logo.png", false),
        ("project/src/main.py", true),
        ("project/node_modules/pkg/coverage.json", false),
        ("project/.git/ORIG_HEAD.patch", false),
    ];
    for (path, taken) in cases {
        check(path, *taken);
    }
}
