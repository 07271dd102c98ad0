//! Malformed and hostile XML coverage reports: each gives one exact message saying what
//! is wrong and where (the element, line and column; the app puts the file name in front),
//! or loads with the warning shown. Nothing is ever fetched: a DOCTYPE naming a DTD is read
//! as text, and a file declaring entities (the billion-laughs bomb, an external entity) is
//! refused before any element is read.
//!
//! The committed files come from `tests/fixtures/malformed/generate_xml.py`.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
use std::path::Path;

use covscope::core::formats::{parse_clover_xml, parse_cobertura_xml, parse_jacoco_xml};
use covscope::core::model::CoverageReport;
use covscope::core::text::ParseOutcome;

type Parser = fn(&[u8], &mut dyn FnMut(usize)) -> ParseOutcome<CoverageReport>;

/// Each folder's parser: every file in it is given to that format's parser directly, so a
/// wrong root is the parser's message, not the registry's.
const PARSERS: [(&str, Parser); 3] = [
    ("cobertura", parse_cobertura_xml),
    ("clover", parse_clover_xml),
    ("jacoco", parse_jacoco_xml),
];

/// Every committed fixture and the message it must give: the error when the file is
/// refused, else its first warning; an empty text means it loads cleanly.
const EXPECTED: &[(&str, &str, &str)] = &[
    ("cobertura", "billion-laughs.xml", "the file's DOCTYPE declares 10 entities (\"lol\", \"lol1\", \"lol2\", …); Covscope never expands entities a file declares (entities nested in each other are the \"billion laughs\" attack), and no coverage tool writes them, so the file is refused (line 2, column 1)"),
    ("cobertura", "branch-without-condition.xml", "the report's totals count 1 of 2 branches covered, but its files add up to 0 of 0; the report's own totals are shown (some writers, Istanbul among them, count branches that start on a line without a statement, which no <line> carries)"),
    ("cobertura", "class-without-filename.xml", "<class> at line 9, column 5: the attribute filename is missing"),
    ("cobertura", "clover-root.xml", "<project> at line 3, column 3: this <coverage> holds a Clover <project>, so the file is Clover XML, not Cobertura"),
    ("cobertura", "condition-covered-above-total.xml", "<line> at line 13, column 7: condition-coverage=\"150% (3/2)\" is not of the form \"50% (1/2)\" with at most as many taken as there are"),
    ("cobertura", "condition-garbled.xml", "<line> at line 13, column 7: condition-coverage=\"half\" is not of the form \"50% (1/2)\" with at most as many taken as there are"),
    ("cobertura", "external-entity.xml", "the file's DOCTYPE declares the external entity \"xxe\" (SYSTEM \"file:///etc/passwd\"); Covscope never fetches or expands entities, and no coverage tool writes them, so the file is refused (line 2, column 1)"),
    ("cobertura", "hits-above-1e15.xml", "<line> at line 13, column 7: hits=\"1000000000000001\" is more than any real report holds (Covscope accepts at most 10^15); the file is damaged or made up"),
    ("cobertura", "hits-beyond-u64.xml", "<line> at line 13, column 7: hits=\"18446744073709551616\" is not a whole number"),
    ("cobertura", "hits-negative.xml", "<line> at line 13, column 7: hits=\"-1\" is not a whole number"),
    ("cobertura", "line-number-beyond-u32.xml", "<line> at line 13, column 7: number=\"4294967296\" is beyond the largest line number Covscope holds (4294967295)"),
    ("cobertura", "line-number-zero.xml", "<line> at line 13, column 7: number=\"0\": lines are numbered from 1"),
    ("cobertura", "line-rate-above-one.xml", "<coverage> at line 2, column 1: line-rate=\"1.5\" is not a rate between 0 and 1"),
    ("cobertura", "lines-covered-above-valid.xml", "<coverage> at line 2, column 1: lines-covered=\"9\" is more than lines-valid=\"3\""),
    ("cobertura", "mismatched-end-tag.xml", "</line> closes an element here, but the open one is <lines> (line 15, column 6)"),
    ("cobertura", "no-packages.xml", "<coverage> at line 2, column 1: the report has no <packages> element, so it lists no files (every Cobertura writer writes one, even when empty)"),
    ("cobertura", "second-root.xml", "there is a second root element after the first one closed; an XML report has exactly one (line 21, column 1)"),
    ("cobertura", "several-sources.xml", "the report names 2 source folders (\"src\", \"lib\") and does not say which one holds each file, so paths are shown as the report spells them"),
    ("cobertura", "truncated-between-tags.xml", "the file ends inside <lines> (opened on line 318): it was cut off (line 459, column 1)"),
    ("cobertura", "truncated-in-a-tag.xml", "the file ends in the middle of a tag inside <lines> (tag not closed: `>` not found before end of input): it was cut off (line 458, column 7)"),
    ("cobertura", "undeclared-entity.xml", "<class> at line 9, column 5: the attribute filename uses the entity &xxe;, which is not one of XML's five (&lt; &gt; &amp; &apos; &quot;); Covscope expands no other entity"),
    ("cobertura", "utf16.xml", "the file is UTF-16 encoded (little-endian); save it as UTF-8"),
    ("cobertura", "valid-with-dtd.xml", ""),
    ("cobertura", "wrong-root.xml", "<report> at line 1, column 125: the root element is <report>, not <coverage>, so this is not a Cobertura report"),
    ("clover", "billion-laughs.xml", "the file's DOCTYPE declares 10 entities (\"lol\", \"lol1\", \"lol2\", …); Covscope never expands entities a file declares (entities nested in each other are the \"billion laughs\" attack), and no coverage tool writes them, so the file is refused (line 2, column 1)"),
    ("clover", "cobertura-root.xml", "<packages> at line 6, column 2: this <coverage> holds Cobertura's <packages>, so the file is Cobertura XML, not Clover"),
    ("clover", "count-beyond-u64.xml", "<line> at line 8, column 7: count=\"99999999999999999999\" is not a whole number"),
    ("clover", "external-entity.xml", "the file's DOCTYPE declares the external entity \"xxe\" (SYSTEM \"file:///etc/passwd\"); Covscope never fetches or expands entities, and no coverage tool writes them, so the file is refused (line 2, column 1)"),
    ("clover", "file-without-metrics.xml", "<file> at line 5, column 5: the file has no <metrics> element, so its statements, conditionals and methods are unknown"),
    ("clover", "metrics-covered-above-total.xml", "<metrics> at line 6, column 7: coveredstatements=\"5\" is more than statements=\"3\""),
    ("clover", "metrics-disagree-with-files.xml", "the project's <metrics> disagree with the sum of its files (statements 3 of 3 covered, the files 2 of 3); the project's own figures are shown"),
    ("clover", "metrics-total-without-covered.xml", "<metrics> at line 6, column 7: methods is given without coveredmethods"),
    ("clover", "no-project.xml", "<coverage> at line 2, column 1: the report has no <project> element, so it lists no files (every Clover writer writes one)"),
    ("clover", "truecount-above-1e15.xml", "<line> at line 8, column 7: truecount=\"1000000000000001\" is more than any real report holds (Covscope accepts at most 10^15); the file is damaged or made up"),
    ("clover", "truncated.xml", "the file ends in the middle of a tag inside <file> (tag not closed: `>` not found before end of input): it was cut off (line 94, column 9)"),
    ("clover", "wrong-root.xml", "<report> at line 1, column 125: the root element is <report>, not <coverage>, so this is not a Clover report"),
    ("jacoco", "billion-laughs.xml", "the file's DOCTYPE declares 10 entities (\"lol\", \"lol1\", \"lol2\", …); Covscope never expands entities a file declares (entities nested in each other are the \"billion laughs\" attack), and no coverage tool writes them, so the file is refused (line 1, column 56)"),
    ("jacoco", "counter-above-1e15.xml", "<counter> at line 1, column 330: covered=\"1000000000000001\" is more than any real report holds (Covscope accepts at most 10^15); the file is damaged or made up"),
    ("jacoco", "counter-beyond-u64.xml", "<counter> at line 1, column 330: covered=\"18446744073709551616\" is not a whole number"),
    ("jacoco", "counter-twice.xml", "<counter> at line 1, column 906: a second INSTRUCTION counter for the same element"),
    ("jacoco", "counters-disagree-with-files.xml", "the report's own counters disagree with the sum of its source files (INSTRUCTION 4 of 6 covered, the files 4 of 4); the report's counters are shown"),
    ("jacoco", "external-entity.xml", "the file's DOCTYPE declares the external entity \"xxe\" (SYSTEM \"file:///etc/passwd\"); Covscope never fetches or expands entities, and no coverage tool writes them, so the file is refused (line 1, column 56)"),
    ("jacoco", "external-parameter-entity.xml", "the file's DOCTYPE declares the external entity \"remote\" (SYSTEM \"http://attacker.invalid/evil.dtd\"); Covscope never fetches or expands entities, and no coverage tool writes them, so the file is refused (line 1, column 56)"),
    ("jacoco", "groups-inner-anonymous-no-source.xml", "the report's own counters disagree with the sum of its source files (BRANCH 0 of 0 covered, the files 1 of 2); the report's counters are shown"),
    ("jacoco", "line-number-beyond-u32.xml", "<line> at line 1, column 812: nr=\"4294967296\" is beyond the largest line number Covscope holds (4294967295)"),
    ("jacoco", "line-number-zero.xml", "<line> at line 1, column 812: nr=\"0\": lines are numbered from 1"),
    ("jacoco", "truncated.xml", "the file ends in the middle of a tag inside <method> (attribute value not closed: `\"` not found before end of input): it was cut off (line 1, column 59984)"),
    ("jacoco", "valid-with-dtd.xml", ""),
    ("jacoco", "wrong-root.xml", "<coverage> at line 2, column 1: the root element is <coverage>, not <report>, so this is not a JaCoCo report"),
];

fn parser_for(folder: &str) -> Parser {
    PARSERS
        .iter()
        .find(|(name, _)| *name == folder)
        .map(|(_, parser)| *parser)
        .expect("a parser per folder")
}

fn check(folder: &str, file: &str, expected: &str) {
    let path = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/fixtures/malformed")
        .join(folder)
        .join(file);
    let bytes = std::fs::read(&path).expect("fixture exists");
    let mut last = 0;
    let outcome = parser_for(folder)(&bytes, &mut |offset| {
        assert!(
            offset >= last && offset <= bytes.len(),
            "{folder}/{file}: progress"
        );
        last = offset;
    });
    assert_eq!(
        last,
        bytes.len(),
        "{folder}/{file}: progress ends at the length"
    );
    let error = outcome.first_error().map(str::to_string);
    // The parser's promise: no value exactly when there is an error to show.
    assert_eq!(outcome.value.is_none(), error.is_some(), "{folder}/{file}");
    let first = error.or_else(|| outcome.warning_messages().into_iter().next());
    assert_eq!(first.as_deref().unwrap_or(""), expected, "{folder}/{file}");
}

#[test]
fn every_malformed_xml_fixture_gives_its_message() {
    for (folder, file, expected) in EXPECTED {
        check(folder, file, expected);
    }
}

/// Every fixture in the three folders is in the table, so none is forgotten.
#[test]
fn the_table_lists_every_fixture() {
    for (folder, _) in PARSERS {
        let directory = Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("tests/fixtures/malformed")
            .join(folder);
        for entry in std::fs::read_dir(&directory).expect("folder") {
            let name = entry
                .expect("entry")
                .file_name()
                .into_string()
                .expect("name");
            assert!(
                EXPECTED
                    .iter()
                    .any(|(f, file, _)| *f == folder && *file == name),
                "{folder}/{name} has no expected message"
            );
        }
    }
}

/// A report of more than a MiB reports progress about every MiB, always increasing, and ends
/// with its length, for each format.
#[test]
fn large_reports_report_progress_as_they_go() {
    let line = "<line number=\"1\" hits=\"1\"/>";
    let cobertura = format!(
        "<coverage line-rate=\"1\"><packages><package name=\"p\"><classes><class name=\"a\" filename=\"a.py\"><lines>{}</lines></class></classes></package></packages></coverage>",
        line.repeat(45_000)
    );
    let clover_line = "<line num=\"1\" count=\"1\" type=\"stmt\"/>";
    let clover = format!(
        "<coverage clover=\"3.2.0\"><project><file path=\"a.js\"><metrics statements=\"1\" coveredstatements=\"1\"/>{}</file></project></coverage>",
        clover_line.repeat(45_000)
    );
    let jacoco_line = "<line nr=\"1\" mi=\"0\" ci=\"2\" mb=\"0\" cb=\"0\"/>";
    let jacoco = format!(
        "<report name=\"r\"><package name=\"p\"><sourcefile name=\"A.java\">{}<counter type=\"INSTRUCTION\" missed=\"0\" covered=\"2\"/></sourcefile></package></report>",
        jacoco_line.repeat(45_000)
    );
    for (folder, text) in [
        ("cobertura", &cobertura),
        ("clover", &clover),
        ("jacoco", &jacoco),
    ] {
        assert!(text.len() > 1 << 20, "{folder}: more than a MiB");
        let mut reports = Vec::new();
        let outcome = parser_for(folder)(text.as_bytes(), &mut |offset| reports.push(offset));
        assert!(
            outcome.value.is_some(),
            "{folder}: {:?}",
            outcome.diagnostics
        );
        assert!(reports.len() >= 2, "{folder}: {reports:?}");
        assert!(
            reports.windows(2).all(|pair| pair[0] <= pair[1]),
            "{folder}"
        );
        assert_eq!(reports.last(), Some(&text.len()), "{folder}");
        let report = outcome.value.expect("report");
        assert_eq!(report.files.len(), 1, "{folder}");
    }
}
