//! The per-file counts of Istanbul's `coverage-summary.json` (its json-summary reporter),
//! read with serde_json alone: the ground truth for the counts of the other formats
//! Istanbul writes for the same run (Cobertura, Clover), whose text table prints only
//! percentages.
use std::collections::BTreeMap;

/// (covered, total) per metric for one file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct SummaryCounts {
    pub lines: (u64, u64),
    pub statements: (u64, u64),
    pub branches: (u64, u64),
    pub functions: (u64, u64),
}

/// The counts keyed by the file's path as Istanbul wrote it (absolute for these runs).
pub fn read_summary_counts(json: &[u8]) -> BTreeMap<String, SummaryCounts> {
    let value: serde_json::Value = serde_json::from_slice(json).expect("summary is JSON");
    let object = value.as_object().expect("an object");
    let pair = |entry: &serde_json::Value, metric: &str| {
        let metric = &entry[metric];
        (
            metric["covered"].as_u64().expect("covered"),
            metric["total"].as_u64().expect("total"),
        )
    };
    object
        .iter()
        .filter(|(key, _)| key.as_str() != "total")
        .map(|(key, entry)| {
            (
                key.clone(),
                SummaryCounts {
                    lines: pair(entry, "lines"),
                    statements: pair(entry, "statements"),
                    branches: pair(entry, "branches"),
                    functions: pair(entry, "functions"),
                },
            )
        })
        .collect()
}
