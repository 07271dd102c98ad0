//! The parsing worker's warm-up reports, one per format the registry names a sample for:
//! each must read cleanly as its own format, or the warm-up would stop early (or warm
//! another parser) and leave part of the parser cold without anyone noticing.
use covscope::core::input::{
    parse_arriving_in_chunks, parse_report_streaming_files, recognise_coverage_content,
    warm_up_formats, warm_up_report_text, warm_up_samples, DroppedContent, Recognised, WarmUpScope,
    FORMAT_SIGNATURES,
};
use covscope::core::model::{
    Counts, CoverageCounts, CoverageFormat, FileCoverage, Metric, MetricCounts, Tally,
};
use covscope::core::text::ParseOutcome;

/// The smallest report the worker reads as it arrives (the registry's head and tail
/// bytes): a sample of a format read so must be at least this long to warm that road.
const SMALLEST_REPORT_READ_AS_IT_ARRIVES: usize = 64 * 1024 + 4 * 1024;

/// What one file of a format's sample counts, written out from the sample's design (20
/// lines, 16 run; line 3 holds a second statement, never run; 4 functions, 3 called; 3
/// branch points of 2 ways, 3 ways taken).
struct ExpectedPerFile {
    format: CoverageFormat,
    counts: Counts,
    /// Whether the format's large reports are read as they arrive, so its sample must be
    /// large enough to take that road.
    read_as_it_arrives: bool,
}

fn expected_per_file() -> Vec<ExpectedPerFile> {
    vec![
        ExpectedPerFile {
            format: CoverageFormat::CoveragePy,
            counts: Counts::CoveragePy(CoverageCounts {
                statements: 50,
                executed: 40,
                missing: 10,
                excluded: 0,
                branches: 10,
                executed_branches: 6,
                missing_branches: 4,
                partial_branches: 2,
            }),
            read_as_it_arrives: true,
        },
        ExpectedPerFile {
            format: CoverageFormat::Istanbul,
            counts: Counts::Metrics(
                MetricCounts::default()
                    .with(Metric::Statements, Tally::new(16, 21))
                    .with(Metric::Branches, Tally::new(3, 6))
                    .with(Metric::Functions, Tally::new(3, 4))
                    .with(Metric::Lines, Tally::new(16, 20)),
            ),
            read_as_it_arrives: true,
        },
        ExpectedPerFile {
            format: CoverageFormat::Cobertura,
            counts: Counts::Metrics(
                MetricCounts::default()
                    .with(Metric::Lines, Tally::new(16, 20))
                    .with(Metric::Branches, Tally::new(3, 6)),
            ),
            read_as_it_arrives: false,
        },
        ExpectedPerFile {
            format: CoverageFormat::Lcov,
            counts: Counts::Metrics(
                MetricCounts::default()
                    .with(Metric::Lines, Tally::new(16, 20))
                    .with(Metric::Functions, Tally::new(3, 4))
                    .with(Metric::Branches, Tally::new(3, 6)),
            ),
            read_as_it_arrives: false,
        },
    ]
}

/// Reads a sample on one road and checks what matters: no diagnostic, the format, the
/// file count and every file's counts.
fn check_road(
    road: &str,
    expected: &ExpectedPerFile,
    file_count: usize,
    read: impl FnOnce(&mut Vec<FileCoverage>) -> ParseOutcome<DroppedContent>,
) {
    let place = format!("{:?} sample of {file_count} files, {road}", expected.format);
    let mut kept = Vec::new();
    let outcome = read(&mut kept);
    assert_eq!(outcome.diagnostics, Vec::new(), "{place}");
    let Some(DroppedContent::Coverage(report)) = outcome.value else {
        panic!("{place}: not read as a coverage report");
    };
    assert_eq!(report.facts.format, expected.format, "{place}");
    assert_eq!(kept.len(), file_count, "{place}");
    for file in &kept {
        assert_eq!(file.counts, expected.counts, "{place}: {}", file.path);
    }
}

/// Checks a format's sample of `file_count` files on both of the worker's roads.
fn check(expected: &ExpectedPerFile, text: &str, file_count: usize) {
    match recognise_coverage_content(text.as_bytes()) {
        Recognised::Format { format, .. } => assert_eq!(format, expected.format),
        _ => panic!("the {:?} sample is not recognised", expected.format),
    }
    check_road("read whole", expected, file_count, |kept| {
        parse_report_streaming_files(text.as_bytes(), &mut |_| {}, kept)
    });
    check_road("read as it arrives", expected, file_count, |kept| {
        parse_arriving_in_chunks(text.as_bytes(), 16 * 1024, kept)
    });
}

#[test]
fn every_warm_up_sample_reads_as_its_format_without_a_single_diagnostic() {
    let expectations = expected_per_file();
    let mut checked = Vec::new();
    for signature in &FORMAT_SIGNATURES {
        let Some(sample) = signature.warm_up else {
            continue;
        };
        let expected = expectations
            .iter()
            .find(|expected| expected.format == signature.format)
            .unwrap_or_else(|| panic!("no expectation for the {:?} sample", signature.format));
        let text = (sample.text)(sample.file_count);
        check(expected, &text, sample.file_count);
        check(expected, &(sample.text)(1), 1);
        if expected.read_as_it_arrives {
            assert!(
                text.len() >= SMALLEST_REPORT_READ_AS_IT_ARRIVES,
                "the {:?} sample ({} bytes) is too small to be read as it arrives",
                signature.format,
                text.len()
            );
        }
        checked.push(signature.format);
    }
    assert_eq!(
        checked,
        expectations
            .iter()
            .map(|expected| expected.format)
            .collect::<Vec<_>>(),
        "the registry's samples, in its order"
    );
}

/// coverage.py's sample with no file still reads, with coverage.py's display for nothing
/// measured.
#[test]
fn the_coverage_py_sample_of_no_file_reads_as_an_empty_report() {
    let text = warm_up_report_text(0);
    let outcome = parse_report_streaming_files(text.as_bytes(), &mut |_| {}, &mut Vec::new());
    assert_eq!(outcome.diagnostics, Vec::new());
    let Some(DroppedContent::Coverage(report)) = outcome.value else {
        panic!("not read as a coverage report");
    };
    assert_eq!(report.totals, Counts::CoveragePy(CoverageCounts::default()));
    assert_eq!(report.total_coverage.display, "100");
}

/// The formats of the samples a worker parses for `scope`, told from each sample's text.
fn sample_formats(scope: WarmUpScope) -> Vec<CoverageFormat> {
    warm_up_samples(scope)
        .map(
            |sample| match recognise_coverage_content((sample.text)(1).as_bytes()) {
                Recognised::Format { format, .. } => format,
                _ => panic!("a sample is not recognised"),
            },
        )
        .collect()
}

/// A worker warms up every sample's parser, one format's (the next file of a batch), or
/// none.
#[test]
fn a_warm_up_scope_names_the_samples_the_worker_parses() {
    let cases = [
        (
            WarmUpScope::EveryFormat,
            vec![
                CoverageFormat::CoveragePy,
                CoverageFormat::Istanbul,
                CoverageFormat::Cobertura,
                CoverageFormat::Lcov,
            ],
        ),
        (
            WarmUpScope::Format(CoverageFormat::Lcov),
            vec![CoverageFormat::Lcov],
        ),
        (
            WarmUpScope::Format(CoverageFormat::CoveragePy),
            vec![CoverageFormat::CoveragePy],
        ),
        // A format without a sample warms nothing.
        (WarmUpScope::Format(CoverageFormat::Clover), vec![]),
        (WarmUpScope::Nothing, vec![]),
    ];
    for (scope, expected) in cases {
        assert_eq!(sample_formats(scope), expected, "{scope:?}");
    }
}

/// The worker script warms every format up one at a time, by the registry's list of
/// formats with a sample: the same formats, in the same order, as the samples it names.
#[test]
fn the_formats_warmed_one_at_a_time_are_those_with_a_sample() {
    assert_eq!(
        warm_up_formats().collect::<Vec<_>>(),
        sample_formats(WarmUpScope::EveryFormat)
    );
}
