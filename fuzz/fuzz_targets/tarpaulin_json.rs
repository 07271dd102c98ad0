//! Fuzzes the tarpaulin JSON parser: any bytes give a report or an error, never a panic;
//! progress only grows and ends at the length; a report that loads has consistent line
//! lists and every figure, sum and uncovered-lines text can be computed.
#![no_main]

use covscope::core::analysis::missing_lines::format_uncovered_lines;
use covscope::core::formats::parse_tarpaulin_json;
use covscope::core::model::Metric;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let mut last_offset = 0;
    let outcome = parse_tarpaulin_json(data, &mut |offset| {
        assert!(offset >= last_offset && offset <= data.len());
        last_offset = offset;
    });
    assert_eq!(last_offset, data.len());
    let Some(report) = outcome.value else {
        assert!(outcome.first_error().is_some());
        return;
    };
    let facts = &report.facts;
    let _ = facts.metric_figure(&report.totals, &report.stated_total_figures, Metric::Lines);
    for file in &report.files {
        assert_eq!(file.executed_lines.len(), file.executed_line_hits.len());
        assert!(file.executed_lines.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(file.missing_lines.windows(2).all(|pair| pair[0] < pair[1]));
        assert!(file.line_branches.windows(2).all(|pair| pair[0].line < pair[1].line));
        let _ = facts.metric_figure(&file.counts, &file.stated_figures, Metric::Lines);
        let _ = format_uncovered_lines(facts.format, file);
    }
    let _: covscope::core::model::Counts = report.files.iter().map(|file| &file.counts).sum();
});
