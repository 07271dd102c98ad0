//! The files shown before the user drops any: real coverage.py output from toolz and real
//! planning documents from a coverage push.

/// Name and bytes of each embedded demo report; the first is selected. They are the toolz
/// series: the suite run over a third, two thirds and all of its test files.
pub const DEMO_REPORTS: [(&str, &[u8]); 3] = [
    (
        "toolz-demo-full-run.json",
        include_bytes!("demo/toolz-coverage.json"),
    ),
    (
        "toolz-demo-first-third.json",
        include_bytes!("demo/toolz-first-third-coverage.json"),
    ),
    (
        "toolz-demo-two-thirds.json",
        include_bytes!("demo/toolz-two-thirds-coverage.json"),
    ),
];

/// Path (as if dropped as a `.planning` folder) and bytes of each demo document.
pub const DEMO_DOCUMENTS: [(&str, &[u8]); 5] = [
    (
        ".planning/phases/12-tier-1-coverage-push/12-tier-1-coverage-push-VERIFICATION.md",
        include_bytes!("demo/planning/12-tier-1-coverage-push-VERIFICATION.md"),
    ),
    (
        ".planning/phases/12-tier-1-coverage-push/12-tier-1-coverage-push-01-PLAN.md",
        include_bytes!("demo/planning/12-tier-1-coverage-push-01-PLAN.md"),
    ),
    (
        ".planning/phases/12-tier-1-coverage-push/12-tier-1-coverage-push-GAP-03-PLAN.md",
        include_bytes!("demo/planning/12-tier-1-coverage-push-GAP-03-PLAN.md"),
    ),
    (
        ".planning/phases/19-gap-closure/19-09-PLAN.md",
        include_bytes!("demo/planning/19-09-PLAN.md"),
    ),
    (
        ".planning/phases/19-gap-closure/19-GAP-CLOSURE-REPORT.md",
        include_bytes!("demo/planning/19-GAP-CLOSURE-REPORT.md"),
    ),
];
