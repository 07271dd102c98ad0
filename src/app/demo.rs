//! The reports shown before the user drops any: real coverage.py output from toolz.

/// Name and bytes of each embedded demo report, oldest first; the first is selected.
pub const DEMO_REPORTS: [(&str, &[u8]); 2] = [
    (
        "toolz-demo-full-run.json",
        include_bytes!("demo/toolz-coverage.json"),
    ),
    (
        "toolz-demo-first-third.json",
        include_bytes!("demo/toolz-first-third-coverage.json"),
    ),
];
