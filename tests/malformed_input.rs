//! Malformed and hostile inputs: each gives one specific message saying what is wrong and
//! where (the app puts the file name in front), or loads when it is valid but odd; none
//! panics, overflows the stack (tests run on the default 2 MB thread stack) or takes long.
//!
//! The committed files come from `tests/fixtures/malformed/generate.py`; inputs too big to
//! commit (10^5-deep nesting, 50 MB lines, 20,000 absurd counts) are built here.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use common::{fixture_bytes, fixture_path};

use covscope::core::document::{body_segments, render_markdown_safe};
use covscope::core::input::{parse_dropped_file, DroppedContent};
use covscope::core::text::{ParseOutcome, Severity};

/// Every committed fixture and the start of the first message it must give: the error when
/// the file is refused, else the first warning; an empty text means it loads cleanly.
const EXPECTED: &[(&str, &str)] = &[
    ("binary-gzip.json", "the file is binary, not text (a NUL byte at offset 3)"),
    ("binary-no-nul.json", "the file is not valid UTF-8 (bad byte at offset 0, line 1)"),
    ("bom-then-garbage.json", "the file is not valid JSON: expected value (line 1, column 10)"),
    ("bom-twice.json", "the file is not valid JSON: expected value: a second, invisible byte-order mark (U+FEFF) is in the way (line 1, column 1)"),
    ("branch-beyond-i64.json", "files[\"x.py\"].executed_branches[0][1] has the wrong type: invalid value: integer `9223372036854775808`, expected i64 (line 1, column 674)"),
    ("count-above-1e15.json", "files[\"x.py\"].summary.num_statements is 1000000000000001, more than any real report holds (Covscope accepts at most 10^15); the file is damaged or made up"),
    ("count-beyond-u64.json", "files[\"x.py\"].summary.num_statements has the wrong type: invalid type: floating point `1.8446744073709552e+19`, expected u64 (line 1, column 246)"),
    ("count-negative.json", "files[\"x.py\"].summary.num_statements has the wrong type: invalid value: integer `-3`, expected u64 (line 1, column 228)"),
    ("count-u64-max-in-totals.json", "totals.missing_lines is 18446744073709551615, more than any real report holds (Covscope accepts at most 10^15); the file is damaged or made up"),
    ("duplicate-file-keys.json", "1 file is listed more than once (\"x.py\"); the last entry was used"),
    ("duplicate-summary-key.json", "the object at files[\"x.py\"].summary has the key \"covered_lines\" twice (line 1, column 223)"),
    ("duplicate-top-level-files.json", "the top level has the key \"files\" twice (line 1, column 803)"),
    ("empty.json", "the file is empty"),
    ("empty.md", "the file is empty"),
    ("infinity-percent.json", "the file is not valid JSON: expected value: `Infinity` is not allowed in JSON (Python's json module writes it, coverage.py never does) (line 1, column 249)"),
    ("invalid-utf8-in-path.json", "the file is not valid UTF-8 (bad byte at offset 143, line 1)"),
    ("invalid-utf8-overlong.md", "the file is not valid UTF-8 (bad byte at offset 25, line 4)"),
    ("line-beyond-u32.json", "files[\"x.py\"].executed_lines[1] has the wrong type: invalid value: integer `4294967296`, expected a line number below 2^32 (line 1, column 183)"),
    ("branch-beyond-i32.json", "files[\"x.py\"].executed_branches[0][1] has the wrong type: invalid value: integer `-2147483649`, expected an arc end from -2^31 to 2^31 - 1 (line 1, column 667)"),
    ("line-beyond-u64.json", "files[\"x.py\"].executed_lines[1] has the wrong type: invalid type: floating point `1e+20`, expected u64 (line 1, column 192)"),
    ("line-with-leading-zero.json", "the file is not valid JSON: invalid number (line 1, column 174)"),
    ("line-with-exponent.json", "files[\"x.py\"].executed_lines[1] has the wrong type: invalid type: floating point `2.0`, expected u64 (line 1, column 175)"),
    ("line-list-trailing-comma.json", "the file is not valid JSON: trailing comma (line 1, column 175)"),
    ("arc-end-minus-zero.json", "files[\"x.py\"].executed_branches[0][1] has the wrong type: invalid type: floating point `-0.0`, expected i64 (line 1, column 657)"),
    ("arc-with-three-ends.json", "the file is not valid JSON: trailing characters (line 1, column 659)"),
    ("repeated-file-field.json", "the object at files[\"x.py\"] has the key \"executed_lines\" twice (line 1, column 192)"),
    ("control-character-in-path.json", "the file is not valid JSON: control character (\\u0000-\\u001F) found while parsing a string (line 1, column 144)"),
    ("markdown-carriage-returns-only.md", ""),
    ("markdown-control-bytes.md", ""),
    ("markdown-deep-blockquote-and-lists.md", ""),
    ("markdown-unclosed-tags.md", ""),
    ("nan-percent.json", "the file is not valid JSON: expected value: `NaN` is not allowed in JSON (Python's json module writes it, coverage.py never does) (line 1, column 249)"),
    ("negative-infinity-percent.json", "the file is not valid JSON: invalid number: `-Infinity` is not allowed in JSON (Python's json module writes it, coverage.py never does) (line 1, column 250)"),
    ("nul-after-8k.json", "the file is not valid JSON: trailing characters (line 1, column 9796)"),
    ("percent-1e400.json", "the file is not valid JSON: number out of range (line 1, column 253)"),
    ("truncated-at-1.json", "the file is not valid JSON: EOF while parsing an object (line 1, column 1)"),
    ("truncated-at-10.json", "the file is not valid JSON: EOF while parsing an object (line 1, column 10)"),
    ("truncated-at-1000.json", "the file is not valid JSON: EOF while parsing a string (line 1, column 1000)"),
    ("truncated-at-120.json", "the file is not valid JSON: EOF while parsing a string (line 1, column 120)"),
    ("truncated-at-2.json", "the file is not valid JSON: EOF while parsing a string (line 1, column 2)"),
    ("truncated-at-200.json", "the file is not valid JSON: EOF while parsing a value (line 1, column 200)"),
    ("truncated-at-2500.json", "the file is not valid JSON: EOF while parsing a string (line 1, column 2500)"),
    ("truncated-at-40.json", "the file is not valid JSON: EOF while parsing a string (line 1, column 40)"),
    ("truncated-at-400.json", "the file is not valid JSON: EOF while parsing a string (line 1, column 400)"),
    ("truncated-at-6000.json", "the file is not valid JSON: EOF while parsing a string (line 1, column 6000)"),
    ("truncated-at-700.json", "the file is not valid JSON: EOF while parsing a string (line 1, column 700)"),
    ("truncated-at-9.json", "the file is not valid JSON: EOF while parsing a value (line 1, column 9)"),
    ("utf16be-bom.json", "the file is UTF-16 encoded (big-endian); save it as UTF-8"),
    ("utf16be-bom.md", "the file is UTF-16 encoded (big-endian); save it as UTF-8"),
    ("utf16le-bom.json", "the file is UTF-16 encoded (little-endian); save it as UTF-8"),
    ("utf16le-bom.md", "the file is UTF-16 encoded (little-endian); save it as UTF-8"),
    ("whitespace-only.json", "the file is empty"),
    ("whitespace-only.md", "the file is empty"),
    ("wrong-type-file-classes.json", "files[\"x.py\"].classes has the wrong type: invalid type: string \"none\", expected an object keyed by name (line 1, column 631)"),
    ("wrong-type-file-entry.json", "files[\"y.py\"] has the wrong type: invalid type: string \"not an object\", expected an object (a file entry) (line 1, column 653)"),
    ("wrong-type-file-excluded_lines.json", "files[\"x.py\"].excluded_lines[0] has the wrong type: invalid value: integer `-1`, expected u64 (line 1, column 385)"),
    ("wrong-type-file-executed_branches.json", "files[\"x.py\"].executed_branches[0] has the wrong type: invalid length 1, expected a tuple of size 2 (line 1, column 654)"),
    ("wrong-type-file-executed_lines.json", "files[\"x.py\"].executed_lines has the wrong type: invalid type: string \"1,2\", expected a sequence (line 1, column 173)"),
    ("wrong-type-file-functions.json", "files[\"x.py\"].functions has the wrong type: invalid type: sequence, expected an object keyed by name (line 1, column 399)"),
    ("wrong-type-file-line-is-float.json", "files[\"x.py\"].executed_lines[1] has the wrong type: invalid type: floating point `2.5`, expected u64 (line 1, column 175)"),
    ("wrong-type-file-missing_branches.json", "files[\"x.py\"].missing_branches[0][0] has the wrong type: invalid type: string \"1\", expected i64 (line 1, column 654)"),
    ("wrong-type-file-missing_lines.json", "files[\"x.py\"].missing_lines has the wrong type: invalid type: map, expected a sequence (line 1, column 359)"),
    ("wrong-type-file-summary.json", "files[\"x.py\"].summary has the wrong type: invalid type: integer `3`, expected an object (a summary) (line 1, column 188)"),
    ("wrong-type-function-start-line.json", "files[\"x.py\"].functions[\"f\"].start_line has the wrong type: invalid type: string \"1\", expected u64 (line 1, column 612)"),
    ("wrong-type-function-summary.json", "files[\"x.py\"].functions[\"f\"].summary.num_statements has the wrong type: invalid type: string \"3\", expected u64 (line 1, column 482)"),
    ("wrong-type-meta-branch_coverage.json", "meta.branch_coverage has the wrong type: invalid type: string \"yes\", expected a boolean (line 1, column 104)"),
    ("wrong-type-meta-format.json", "meta.format has the wrong type: invalid type: string \"3\", expected u64 (line 1, column 23)"),
    ("wrong-type-meta-show_contexts.json", "meta.show_contexts has the wrong type: invalid type: integer `1`, expected a boolean (line 1, column 124)"),
    ("wrong-type-meta-timestamp.json", "meta.timestamp has the wrong type: invalid type: sequence, expected a string (line 1, column 57)"),
    ("wrong-type-meta-version.json", "meta.version has the wrong type: invalid type: integer `7`, expected a string (line 1, column 35)"),
    ("wrong-type-meta.json", "meta has the wrong type: it is a list, where an object belongs (line 1, column 13)"),
    ("wrong-type-summary-covered_branches.json", "files[\"x.py\"].summary.covered_branches has the wrong type: invalid type: sequence, expected u64 (line 1, column 361)"),
    ("wrong-type-summary-covered_lines.json", "files[\"x.py\"].summary.covered_lines has the wrong type: invalid type: string \"2\", expected u64 (line 1, column 208)"),
    ("wrong-type-summary-excluded_lines.json", "files[\"x.py\"].summary.excluded_lines has the wrong type: invalid type: floating point `0.5`, expected u64 (line 1, column 341)"),
    ("wrong-type-summary-missing_branches.json", "files[\"x.py\"].summary.missing_branches has the wrong type: invalid type: boolean `false`, expected u64 (line 1, column 366)"),
    ("wrong-type-summary-missing_lines.json", "files[\"x.py\"].summary.missing_lines has the wrong type: invalid type: sequence, expected u64 (line 1, column 317)"),
    ("wrong-type-summary-num_branches.json", "files[\"x.py\"].summary.num_branches has the wrong type: invalid type: map, expected u64 (line 1, column 357)"),
    ("wrong-type-summary-num_partial_branches.json", "files[\"x.py\"].summary.num_partial_branches has the wrong type: invalid type: string \"0\", expected u64 (line 1, column 368)"),
    ("wrong-type-summary-num_statements.json", "files[\"x.py\"].summary.num_statements has the wrong type: invalid type: boolean `true`, expected u64 (line 1, column 230)"),
    ("wrong-type-summary-percent_covered.json", "files[\"x.py\"].summary.percent_covered has the wrong type: invalid type: string \"66.7\", expected f64 (line 1, column 254)"),
    ("wrong-type-summary-percent_covered_display.json", "files[\"x.py\"].summary.percent_covered_display has the wrong type: invalid type: integer `67`, expected a string (line 1, column 296)"),
    ("wrong-type-totals-covered_lines.json", "totals.covered_lines has the wrong type: invalid type: map, expected u64 (line 1, column 659)"),
    ("wrong-type-totals-missing_lines.json", "totals.missing_lines has the wrong type: invalid value: integer `-3`, expected u64 (line 1, column 773)"),
    ("wrong-type-totals-num_statements.json", "totals.num_statements has the wrong type: invalid type: string \"3\", expected u64 (line 1, column 683)"),
    ("wrong-type-totals-percent_covered.json", "totals.percent_covered has the wrong type: invalid type: sequence, expected f64 (line 1, column 702)"),
    ("yaml-alias-bomb-deep.md", "the frontmatter is not valid YAML (line 6: its aliases repeat 11116 YAML items, more than the 10000 Covscope expands (an alias bomb?)); it was read line by line instead, so nested values may be approximate"),
    ("yaml-alias-self-reference.md", "the frontmatter is not valid YAML (line 2: an alias refers to the value that contains it); it was read line by line instead, so nested values may be approximate"),
    ("yaml-nested-block-100.md", "the frontmatter is not valid YAML (line 34: it nests deeper than 32 levels, more than Covscope reads); it was read line by line instead, so nested values may be approximate"),
    ("yaml-nested-flow-200.md", "the frontmatter is not valid YAML (line 3: it nests deeper than 32 levels, more than Covscope reads); it was read line by line instead, so nested values may be approximate"),
    ("yaml-tabs-and-garbage.md", "the frontmatter is not valid YAML (line 3: unclosed bracket '{'); it was read line by line instead, so nested values may be approximate"),
    ("yaml-unclosed-frontmatter.md", "the frontmatter opened on line 1 is never closed with `---`; the whole file is read as frontmatter"),
];

/// Parses a committed fixture, by its own name, and compares the first message.
fn check(file_name: &str, expected_message_fragment: &str) {
    let bytes = fixture_bytes(&format!("malformed/{file_name}"));
    check_bytes(file_name, &bytes, expected_message_fragment);
}

/// The comparison behind `check`, also used for inputs built in memory.
fn check_bytes(file_name: &str, bytes: &[u8], expected_message_fragment: &str) {
    let outcome = parse_dropped_file(file_name, bytes);
    let has_error = outcome
        .diagnostics
        .iter()
        .any(|diagnostic| diagnostic.severity == Severity::Error);
    // The parser's promise: no value exactly when there is an error to show.
    assert_eq!(outcome.value.is_none(), has_error, "{file_name}");
    let first = outcome
        .first_error()
        .map(str::to_string)
        .or_else(|| outcome.warning_messages().into_iter().next());
    match first {
        Some(message) => assert!(
            !expected_message_fragment.is_empty() && message.contains(expected_message_fragment),
            "{file_name}: got {message:?}, expected {expected_message_fragment:?}"
        ),
        None => assert!(
            expected_message_fragment.is_empty(),
            "{file_name}: loaded without a message, expected {expected_message_fragment:?}"
        ),
    }
}

#[test]
fn every_committed_fixture_gives_its_message() {
    for (file_name, expected) in EXPECTED {
        check(file_name, expected);
    }
}

#[test]
fn every_fixture_in_the_folder_is_in_the_table() {
    // Each format's own malformed files live in a folder of their own, with their test.
    let mut on_disk: Vec<String> = std::fs::read_dir(fixture_path("malformed"))
        .expect("fixture folder")
        .map(|entry| entry.expect("entry"))
        .filter(|entry| !entry.path().is_dir())
        .map(|entry| entry.file_name().to_string_lossy().into_owned())
        // Generators: generate.py for these, generate_xml.py for the XML formats' folders.
        .filter(|name| !(name.starts_with("generate") && name.ends_with(".py")))
        .collect();
    on_disk.sort();
    let mut listed: Vec<String> = EXPECTED.iter().map(|(name, _)| name.to_string()).collect();
    listed.sort();
    assert_eq!(on_disk, listed);
    assert!(listed.len() >= 50, "{} fixtures", listed.len());
}

#[test]
fn json_nested_100_000_deep_stops_at_the_recursion_limit() {
    let mut array = "[".repeat(100_000);
    array.push_str(&"]".repeat(100_000));
    check_bytes(
        "deep-array.json",
        array.as_bytes(),
        "the file could not be read as JSON: recursion limit exceeded (line 1, column 128)",
    );
    // Inside a key coverage.py does not write, the nesting is skipped without recursion,
    // so a report around it still loads.
    let inside_a_report = format!(
        "{{\"files\": {{\"x.py\": {{\"summary\": {{\"num_statements\": 1, \"missing_lines\": 0}}, \"executed_lines\": [1], \"missing_lines\": [], \"extra\": {}{}}}}}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    check_bytes(
        "deep-unknown-key.json",
        inside_a_report.as_bytes(),
        "there is no \"meta\" block",
    );
    let inside_a_summary = format!(
        "{{\"files\": {{\"x.py\": {{\"summary\": {{\"num_statements\": {}1{}}}}}}}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    check_bytes(
        "deep-summary.json",
        inside_a_summary.as_bytes(),
        "the file could not be read as JSON: recursion limit exceeded (line 1, column 174)",
    );
}

#[test]
fn yaml_nested_100_000_deep_stops_at_the_depth_budget() {
    let flow = format!("---\nx: {}\n---\n# Body\n", "[".repeat(100_000));
    check_bytes(
        "deep-flow.md",
        flow.as_bytes(),
        "the frontmatter is not valid YAML (line 2: recursion limit exceeded)",
    );
    let block: String = (0..100_000).map(|_| "- ").collect();
    let block = format!("---\nx:\n  {block}deep\n---\n# Body\n");
    check_bytes(
        "deep-block.md",
        block.as_bytes(),
        "the frontmatter is not valid YAML (line 3: it nests deeper than 32 levels, more than Covscope reads",
    );
}

#[test]
fn markdown_nested_100_000_deep_loads_and_renders() {
    for (name, body) in [
        ("deep-quotes.md", format!("{} deep\n", ">".repeat(100_000))),
        ("deep-brackets.md", format!("{}x\n", "[".repeat(100_000))),
        ("deep-emphasis.md", format!("{}x\n", "*_".repeat(50_000))),
        ("deep-tags.md", "<task>\n".repeat(100_000)),
    ] {
        check_bytes(name, body.as_bytes(), "");
        let html = render_markdown_safe(&body);
        assert!(html.len() >= body.len() / 4, "{name}");
        assert!(!body_segments(&body).is_empty(), "{name}");
    }
}

#[test]
fn a_50_mb_single_line_json_report_loads_and_a_cut_one_names_the_column() {
    // Real reports put huge `contexts` in each file; they are skipped without being kept.
    let contexts = "\"test_a|run\", ".repeat(50 * 1024 * 1024 / 14);
    let report = format!(
        "{{\"files\": {{\"x.py\": {{\"summary\": {{\"num_statements\": 1, \"missing_lines\": 0}}, \"executed_lines\": [1], \"missing_lines\": [], \"contexts\": {{\"1\": [{contexts}\"end\"]}}}}}}, \"totals\": {{\"num_statements\": 1, \"missing_lines\": 0}}}}"
    );
    assert!(report.len() > 50 * 1024 * 1024);
    let outcome = parse_dropped_file("huge.json", report.as_bytes());
    match outcome.value {
        Some(DroppedContent::Coverage(coverage)) => assert_eq!(coverage.files.len(), 1),
        other => panic!("expected a report, got {other:?}"),
    }
    let cut = &report[..report.len() - 40];
    check_bytes(
        "huge-cut.json",
        cut.as_bytes(),
        &format!(
            "the file is not valid JSON: EOF while parsing a string (line 1, column {})",
            cut.len()
        ),
    );
}

#[test]
fn a_50_mb_single_line_markdown_file_loads_and_renders() {
    let line = "plain words and `code` and *emphasis* ".repeat(50 * 1024 * 1024 / 38);
    check_bytes("huge.md", line.as_bytes(), "");
    assert!(render_markdown_safe(&line).len() > line.len());
}

#[test]
fn counts_that_would_overflow_a_sum_are_added_saturating() {
    // Each count is within the 10^15 limit, but 20,000 of them pass u64::MAX.
    let files: Vec<String> = (0..20_000)
        .map(|index| {
            format!(
                "\"f{index}.py\": {{\"summary\": {{\"num_statements\": 1000000000000000, \"missing_lines\": 0, \"covered_lines\": 1000000000000000}}, \"executed_lines\": [], \"missing_lines\": []}}"
            )
        })
        .collect();
    let report = format!(
        "{{\"meta\": {{\"format\": 3}}, \"files\": {{{}}}, \"totals\": {{\"num_statements\": 1, \"missing_lines\": 0}}}}",
        files.join(", ")
    );
    let outcome: ParseOutcome<DroppedContent> = parse_dropped_file("sum.json", report.as_bytes());
    assert!(outcome.value.is_some());
    assert_eq!(
        outcome.warning_messages(),
        vec!["the \"totals\" block says 1 statements and 0 missing, but the files add up to 18446744073709551615 and 0".to_string()]
    );
}
