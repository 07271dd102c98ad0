//! The one list of coverage formats Covscope reads: how each is recognised from a file's
//! content, and which parser reads it.
//!
//! A file's name never decides its format (`coverage.json` is written by coverage.py,
//! llvm-cov and tarpaulin alike): the registry looks at the first and last bytes, tries
//! each signature in order, and hands the bytes to the first format that claims them.
//! Content that no signature claims is described as well as possible ("an HTML page",
//! "XML whose root is <x>"), so the person learns what they dropped.
//!
//! A unified diff is not a coverage format but is recognised here too, by the same look
//! at the content, after every coverage format (so no report is ever taken for a diff).
use crate::core::formats::{
    parse_clover_xml, parse_cobertura_xml, parse_cobertura_xml_streaming_files,
    parse_coverage_py_json_reporting_progress, parse_coverage_py_json_streaming_files,
    parse_go_cover, parse_istanbul, parse_istanbul_streaming_files, parse_istanbul_summary,
    parse_jacoco_xml, parse_lcov, parse_lcov_streaming_files, parse_llvm_cov_json,
    parse_tarpaulin_json, parse_unified_diff_reporting_progress,
};
use crate::core::input::warm_up::{
    warm_up_cobertura_text, warm_up_istanbul_text, warm_up_lcov_text, warm_up_report_text,
};
use crate::core::model::{CoverageFormat, CoverageReport, Patch, ReportFileSink};
use crate::core::text::ParseOutcome;

/// A parser's entry point: the bytes, and a callback told how many bytes were read.
pub type CoverageParser =
    fn(bytes: &[u8], on_progress: &mut dyn FnMut(usize)) -> ParseOutcome<CoverageReport>;

/// A parser that hands each file to a sink as soon as it is read, and gives back the
/// report without its files; the files and diagnostics are those of the format's
/// [`CoverageParser`].
pub type StreamingCoverageParser = fn(
    bytes: &[u8],
    on_progress: &mut dyn FnMut(usize),
    sink: &mut dyn ReportFileSink,
) -> ParseOutcome<CoverageReport>;

/// The diff parser's entry point, shaped like a coverage parser's.
pub type PatchParser = fn(bytes: &[u8], on_progress: &mut dyn FnMut(usize)) -> ParseOutcome<Patch>;

/// How many bytes from the start, and from the end, the signatures look at.
pub(super) const HEAD_BYTES: usize = 64 * 1024;
pub(super) const TAIL_BYTES: usize = 4 * 1024;

/// What the first bytes of a file are, as far as recognising a format needs.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ContentSniff<'bytes> {
    /// The first bytes as text (cut at a character boundary; empty when not UTF-8).
    pub head: &'bytes str,
    /// The last bytes as text (empty when not UTF-8 at the cut).
    pub tail: &'bytes str,
    pub shape: ContentShape<'bytes>,
}

/// The outline of a file's start: a JSON object's first key, an XML root, a first line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ContentShape<'bytes> {
    /// A JSON object: its first key as written (escapes left in), and the first character
    /// of that key's value (`{`, `[`, `"`, a digit...).
    JsonObject {
        first_key: &'bytes str,
        first_value_start: char,
    },
    /// JSON that is not an object, or an object whose first key could not be read.
    OtherJson,
    /// An XML document: the root element's name and the text of its start tag, and the
    /// name the DOCTYPE gives, if any.
    Xml {
        root: &'bytes str,
        root_tag: &'bytes str,
        doctype: Option<&'bytes str>,
    },
    /// An HTML page (a report's web view rather than the report).
    Html,
    /// Line-oriented text: its first non-blank line.
    Lines { first_line: &'bytes str },
    /// Nothing to go on: empty, binary, or not UTF-8.
    Unknown,
}

/// One format: the test that recognises its content and the parser that reads it.
pub struct FormatSignature {
    pub format: CoverageFormat,
    pub recognises: fn(&ContentSniff) -> bool,
    /// `None` while Covscope recognises the format but does not read it yet.
    pub parser: Option<CoverageParser>,
    /// The same parser reading file by file, for the formats that have one: a single
    /// object of files read one entry at a time (the whole report is read first otherwise).
    pub streaming_parser: Option<StreamingCoverageParser>,
    /// A small made-up report that warms the parser up in the parsing worker before a
    /// real file comes, for the formats people read at scale; `None` leaves the parser
    /// cold until its first file.
    pub warm_up: Option<WarmUpSample>,
}

/// A made-up report of a format (`core::input::warm_up`) and how many files of it warm
/// the parser up: enough that its hot functions run often enough to be optimised (about
/// 300 KB of each), few enough to take milliseconds.
#[derive(Clone, Copy)]
pub struct WarmUpSample {
    pub text: fn(file_count: usize) -> String,
    pub file_count: usize,
}

/// Which parsers a parsing worker warms up before its first file.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum WarmUpScope {
    /// None: the worker parses small files at once (the demo's, a `?src=` file).
    Nothing,
    /// Every format with a sample: a worker waiting for whatever the person drops next.
    /// In a browser this takes a few hundred milliseconds, most of it compiling each
    /// parser's code, which a file dropped meanwhile waits for.
    EveryFormat,
    /// Only this format's parser: a worker for the next file of a batch, which most likely
    /// has the format of the file before it, and which would otherwise wait for every
    /// format's warm-up.
    Format(CoverageFormat),
}

/// The samples a worker parses for `scope`, in the registry's order; a format without
/// a sample warms nothing.
pub fn warm_up_samples(scope: WarmUpScope) -> impl Iterator<Item = WarmUpSample> {
    FORMAT_SIGNATURES
        .iter()
        .filter(move |signature| match scope {
            WarmUpScope::Nothing => false,
            WarmUpScope::EveryFormat => true,
            WarmUpScope::Format(format) => signature.format == format,
        })
        .filter_map(|signature| signature.warm_up)
}

/// The formats with a warm-up sample, in the registry's order: what a worker warming up
/// every format runs, one format at a time, so a file asked for meanwhile waits for one
/// format's warm-up at most.
pub fn warm_up_formats() -> impl Iterator<Item = CoverageFormat> {
    FORMAT_SIGNATURES
        .iter()
        .filter(|signature| signature.warm_up.is_some())
        .map(|signature| signature.format)
}

/// Formats Covscope recognises so it can say what a file is, but does not read.
struct ForeignFormat {
    description: &'static str,
    recognises: fn(&ContentSniff) -> bool,
}

/// Every format, in the order they are tried. Signatures look at distinct features, so
/// the order matters only where one format's content could look like another's: the
/// more specific comes first.
pub const FORMAT_SIGNATURES: [FormatSignature; 10] = [
    FormatSignature {
        format: CoverageFormat::LlvmCov,
        recognises: is_llvm_cov_export,
        parser: Some(parse_llvm_cov_json),
        streaming_parser: None,
        warm_up: None,
    },
    FormatSignature {
        format: CoverageFormat::Tarpaulin,
        recognises: is_tarpaulin_json,
        parser: Some(parse_tarpaulin_json),
        streaming_parser: None,
        warm_up: None,
    },
    FormatSignature {
        format: CoverageFormat::CoveragePy,
        recognises: is_coverage_py_json,
        parser: Some(parse_coverage_py_json_reporting_progress),
        streaming_parser: Some(parse_coverage_py_json_streaming_files),
        warm_up: Some(WarmUpSample {
            text: warm_up_report_text,
            file_count: 300,
        }),
    },
    FormatSignature {
        format: CoverageFormat::IstanbulSummary,
        recognises: is_istanbul_summary,
        parser: Some(parse_istanbul_summary),
        streaming_parser: None,
        warm_up: None,
    },
    FormatSignature {
        format: CoverageFormat::Istanbul,
        recognises: is_istanbul_final,
        parser: Some(parse_istanbul),
        streaming_parser: Some(parse_istanbul_streaming_files),
        warm_up: Some(WarmUpSample {
            text: warm_up_istanbul_text,
            file_count: 100,
        }),
    },
    FormatSignature {
        format: CoverageFormat::Clover,
        recognises: is_clover_xml,
        parser: Some(parse_clover_xml),
        streaming_parser: None,
        warm_up: None,
    },
    FormatSignature {
        format: CoverageFormat::Cobertura,
        recognises: is_cobertura_xml,
        parser: Some(parse_cobertura_xml),
        streaming_parser: Some(parse_cobertura_xml_streaming_files),
        warm_up: Some(WarmUpSample {
            text: warm_up_cobertura_text,
            file_count: 200,
        }),
    },
    FormatSignature {
        format: CoverageFormat::Jacoco,
        recognises: is_jacoco_xml,
        parser: Some(parse_jacoco_xml),
        streaming_parser: None,
        warm_up: None,
    },
    FormatSignature {
        format: CoverageFormat::Go,
        recognises: is_go_cover_profile,
        parser: Some(parse_go_cover),
        streaming_parser: None,
        warm_up: None,
    },
    FormatSignature {
        format: CoverageFormat::Lcov,
        recognises: is_lcov_tracefile,
        parser: Some(parse_lcov),
        streaming_parser: Some(parse_lcov_streaming_files),
        warm_up: Some(WarmUpSample {
            text: warm_up_lcov_text,
            file_count: 600,
        }),
    },
];

/// A diff's signature and parser: tried after every coverage format.
pub struct PatchSignature {
    pub recognises: fn(&ContentSniff) -> bool,
    pub parser: PatchParser,
}

pub const PATCH_SIGNATURE: PatchSignature = PatchSignature {
    recognises: is_unified_diff,
    parser: parse_unified_diff_reporting_progress,
};

const FOREIGN_FORMATS: [ForeignFormat; 3] = [
    ForeignFormat {
        description: "Codecov's JSON upload format, which Covscope does not read; drop the report the coverage tool wrote instead (lcov, Cobertura or llvm-cov JSON)",
        recognises: is_codecov_json,
    },
    ForeignFormat {
        description: "coverage.py's data file (.coverage, an SQLite database); run `coverage json` and drop the coverage.json it writes",
        recognises: is_sqlite_database,
    },
    ForeignFormat {
        description: "an HTML page (a report's web view, such as htmlcov's index.html); drop the report file itself (coverage.json, lcov.info, an XML report...)",
        recognises: is_html,
    },
];

/// What the registry decided a file is.
pub enum Recognised {
    /// A format with a parser.
    Format {
        format: CoverageFormat,
        parser: CoverageParser,
        streaming_parser: Option<StreamingCoverageParser>,
    },
    /// A unified diff (`git diff`, `git format-patch`, `diff -u`).
    Patch { parser: PatchParser },
    /// A known format Covscope does not read (yet); the sentence says which.
    Unread { message: String },
    /// Nothing claimed it. JSON-looking or unknown text goes to coverage.py's parser,
    /// whose messages name a JSON syntax error's line and column or the keys found.
    Unclaimed,
}

/// Looks at a file's content and says which format it is.
pub fn recognise_coverage_content(bytes: &[u8]) -> Recognised {
    let sniff = sniff_content(bytes);
    for signature in &FORMAT_SIGNATURES {
        if (signature.recognises)(&sniff) {
            return match signature.parser {
                Some(parser) => Recognised::Format {
                    format: signature.format,
                    parser,
                    streaming_parser: signature.streaming_parser,
                },
                None => Recognised::Unread {
                    message: format!(
                        "this looks like {} {}, which Covscope does not read yet",
                        article_for(signature.format.profile().name),
                        signature.format.profile().name
                    ),
                },
            };
        }
    }
    if (PATCH_SIGNATURE.recognises)(&sniff) {
        return Recognised::Patch {
            parser: PATCH_SIGNATURE.parser,
        };
    }
    if let Some(foreign) = FOREIGN_FORMATS
        .iter()
        .find(|foreign| (foreign.recognises)(&sniff))
    {
        return Recognised::Unread {
            message: format!("this looks like {}", foreign.description),
        };
    }
    if let ContentShape::Xml { root, .. } = sniff.shape {
        return Recognised::Unread {
            message: format!(
                "this is XML whose root element is <{root}>, which is none of the XML coverage formats Covscope reads (Cobertura's <coverage line-rate=…>, Clover's <coverage><project>, JaCoCo's <report>)"
            ),
        };
    }
    Recognised::Unclaimed
}

/// Reads the outline of a file's start and end.
pub fn sniff_content(bytes: &[u8]) -> ContentSniff<'_> {
    let without_bom = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
    let head = utf8_prefix(&without_bom[..without_bom.len().min(HEAD_BYTES)]);
    let tail_start = without_bom.len().saturating_sub(TAIL_BYTES);
    let tail = utf8_suffix(&without_bom[tail_start..]);
    ContentSniff {
        head,
        tail,
        shape: outline(head, bytes),
    }
}

fn outline<'bytes>(head: &'bytes str, bytes: &[u8]) -> ContentShape<'bytes> {
    let trimmed = head.trim_start();
    if trimmed.is_empty() {
        return ContentShape::Unknown;
    }
    if bytes.starts_with(b"SQLite format 3\0") {
        return ContentShape::Unknown;
    }
    if let Some(object) = trimmed.strip_prefix('{') {
        return match first_json_key(object) {
            Some((first_key, first_value_start)) => ContentShape::JsonObject {
                first_key,
                first_value_start,
            },
            None => ContentShape::OtherJson,
        };
    }
    if trimmed.starts_with('[') {
        return ContentShape::OtherJson;
    }
    if trimmed.starts_with('<') {
        return xml_outline(trimmed);
    }
    let first_line = trimmed.lines().next().unwrap_or("").trim_end();
    ContentShape::Lines { first_line }
}

/// The first key of a JSON object (the text after `{`) and the first character of its
/// value, read without allocating; `None` when the start is not a well-formed key.
fn first_json_key(object: &str) -> Option<(&str, char)> {
    let after_brace = object.trim_start();
    let key_text = after_brace.strip_prefix('"')?;
    let mut escaped = false;
    let mut key_end = None;
    for (index, character) in key_text.char_indices() {
        match character {
            _ if escaped => escaped = false,
            '\\' => escaped = true,
            '"' => {
                key_end = Some(index);
                break;
            }
            _ => {}
        }
    }
    let key_end = key_end?;
    let after_key = key_text[key_end + 1..].trim_start().strip_prefix(':')?;
    let value_start = after_key.trim_start().chars().next()?;
    Some((&key_text[..key_end], value_start))
}

/// The root element of an XML document, skipping the declaration, comments,
/// processing instructions and the DOCTYPE (whose name is kept).
fn xml_outline(text: &str) -> ContentShape<'_> {
    let mut rest = text;
    let mut doctype = None;
    loop {
        rest = rest.trim_start();
        if let Some(after) = rest.strip_prefix("<?") {
            let Some(end) = after.find("?>") else {
                return ContentShape::Unknown;
            };
            rest = &after[end + 2..];
        } else if let Some(after) = rest.strip_prefix("<!--") {
            let Some(end) = after.find("-->") else {
                return ContentShape::Unknown;
            };
            rest = &after[end + 3..];
        } else if let Some(after) = rest
            .strip_prefix("<!DOCTYPE")
            .or_else(|| rest.strip_prefix("<!doctype"))
        {
            let name = after
                .trim_start()
                .split(|character: char| {
                    character.is_whitespace() || character == '>' || character == '['
                })
                .next()
                .unwrap_or("");
            if name.eq_ignore_ascii_case("html") {
                return ContentShape::Html;
            }
            doctype = Some(name);
            let Some(end) = after.find('>') else {
                return ContentShape::Unknown;
            };
            rest = &after[end + 1..];
        } else if let Some(after) = rest.strip_prefix('<') {
            let root_end = after
                .find(|character: char| {
                    character.is_whitespace() || character == '>' || character == '/'
                })
                .unwrap_or(after.len());
            let root = &after[..root_end];
            if root.eq_ignore_ascii_case("html") {
                return ContentShape::Html;
            }
            let tag_end = after.find('>').unwrap_or(after.len());
            return ContentShape::Xml {
                root,
                root_tag: &after[..tag_end],
                doctype,
            };
        } else {
            return ContentShape::Unknown;
        }
    }
}

fn utf8_prefix(bytes: &[u8]) -> &str {
    match std::str::from_utf8(bytes) {
        Ok(text) => text,
        Err(error) => std::str::from_utf8(&bytes[..error.valid_up_to()]).unwrap_or(""),
    }
}

fn utf8_suffix(bytes: &[u8]) -> &str {
    // A cut inside a character leaves at most three continuation bytes at the start.
    for skip in 0..4.min(bytes.len() + 1) {
        if let Ok(text) = std::str::from_utf8(&bytes[skip..]) {
            return text;
        }
    }
    ""
}

fn article_for(name: &str) -> &'static str {
    match name.chars().next() {
        Some('I' | 'L' | 'l') => "an",
        _ => "a",
    }
}

fn json_first_key<'bytes>(sniff: &ContentSniff<'bytes>) -> Option<(&'bytes str, char)> {
    match sniff.shape {
        ContentShape::JsonObject {
            first_key,
            first_value_start,
        } => Some((first_key, first_value_start)),
        _ => None,
    }
}

/// `llvm-cov export`: `{"data": [...], "type": "llvm.coverage.json.export", ...}`; the
/// type usually comes after the data, so the end of the file is searched too.
fn is_llvm_cov_export(sniff: &ContentSniff) -> bool {
    json_first_key(sniff).is_some()
        && (sniff.head.contains("\"llvm.coverage.json.export\"")
            || sniff.tail.contains("\"llvm.coverage.json.export\""))
}

/// tarpaulin: `{"files": [{"path": [...], "content": ..., "traces": [...]}], ...}`.
fn is_tarpaulin_json(sniff: &ContentSniff) -> bool {
    matches!(json_first_key(sniff), Some(("files", '['))) && sniff.head.contains("\"traces\"")
}

/// coverage.py: `{"meta": {...}, "files": {...}, "totals": {...}}`; hand-written reports
/// may start with `files` or `totals`.
fn is_coverage_py_json(sniff: &ContentSniff) -> bool {
    matches!(
        json_first_key(sniff),
        Some(("meta" | "files" | "totals", '{'))
    )
}

/// Istanbul's json-summary: `{"total": {"lines": {"total", "covered", "skipped", "pct"}...`.
/// The reporter writes `total` first; a copy re-serialised with sorted keys starts with a
/// file path, so any first key does when the metric objects follow.
fn is_istanbul_summary(sniff: &ContentSniff) -> bool {
    let first_key_fits = match json_first_key(sniff) {
        Some(("total", '{')) => true,
        Some((_, '{')) => sniff.head.contains("\"statements\""),
        _ => false,
    };
    first_key_fits && sniff.head.contains("\"pct\"") && sniff.head.contains("\"covered\"")
}

/// Istanbul's coverage-final.json: an object keyed by path whose values carry
/// `statementMap`, `fnMap` and `branchMap`.
fn is_istanbul_final(sniff: &ContentSniff) -> bool {
    matches!(json_first_key(sniff), Some((_, '{'))) && sniff.head.contains("\"statementMap\"")
}

fn xml_root<'sniff>(
    sniff: &'sniff ContentSniff,
) -> Option<(&'sniff str, &'sniff str, Option<&'sniff str>)> {
    match sniff.shape {
        ContentShape::Xml {
            root,
            root_tag,
            doctype,
        } => Some((root, root_tag, doctype)),
        _ => None,
    }
}

/// Clover: root `<coverage generated=… clover=…>` holding a `<project>`.
fn is_clover_xml(sniff: &ContentSniff) -> bool {
    xml_root(sniff).is_some_and(|(root, tag, _)| {
        root == "coverage"
            && (tag.contains("clover=") || tag.contains("generated="))
            && !tag.contains("line-rate=")
    })
}

/// Cobertura: root `<coverage line-rate=… branch-rate=…>`.
fn is_cobertura_xml(sniff: &ContentSniff) -> bool {
    xml_root(sniff).is_some_and(|(root, tag, doctype)| {
        root == "coverage" && (tag.contains("line-rate=") || doctype == Some("coverage"))
    })
}

/// JaCoCo: `<!DOCTYPE report PUBLIC "-//JACOCO//DTD Report 1.1//EN" …><report name=…>`.
fn is_jacoco_xml(sniff: &ContentSniff) -> bool {
    xml_root(sniff).is_some_and(|(root, _, _)| root == "report")
        && (sniff.head.contains("JACOCO")
            || sniff.head.contains("<sessioninfo")
            || sniff.head.contains("<package"))
}

/// Go: the first line is `mode: set`, `mode: count` or `mode: atomic`.
fn is_go_cover_profile(sniff: &ContentSniff) -> bool {
    matches!(sniff.shape, ContentShape::Lines { first_line } if first_line.starts_with("mode:"))
}

/// LCOV: records such as `TN:`, `SF:`, `DA:`, ending each file with `end_of_record`.
fn is_lcov_tracefile(sniff: &ContentSniff) -> bool {
    const FIRST_RECORDS: [&str; 4] = ["TN:", "SF:", "VER:", "#"];
    matches!(sniff.shape, ContentShape::Lines { first_line } if FIRST_RECORDS.iter().any(|record| first_line.starts_with(record)))
        && (sniff.head.contains("\nSF:") || sniff.head.starts_with("SF:"))
}

/// A unified diff: a line that starts a git file diff (`diff --git`, or `diff --cc` of a
/// merge), a `---`/`+++` pair of file headers followed by a hunk header, or a
/// `git format-patch` mail's first line (whose diff may start past the bytes looked at).
fn is_unified_diff(sniff: &ContentSniff) -> bool {
    const GIT_FILE_STARTS: [&str; 3] = ["diff --git ", "diff --cc ", "diff --combined "];
    const MAIL_FIRST_LINE_END: &str = " Mon Sep 17 00:00:00 2001";
    let mut lines = sniff.head.lines();
    if let Some(first) = sniff.head.lines().next() {
        if let Some(id) = first
            .strip_prefix("From ")
            .and_then(|rest| rest.strip_suffix(MAIL_FIRST_LINE_END))
        {
            if id.len() == 40 && id.bytes().all(|byte| byte.is_ascii_hexdigit()) {
                return true;
            }
        }
    }
    let mut previous: [&str; 2] = ["", ""];
    for line in lines.by_ref() {
        if GIT_FILE_STARTS.iter().any(|start| line.starts_with(start)) {
            return true;
        }
        if line.starts_with("@@ -")
            && previous[1].starts_with("+++ ")
            && previous[0].starts_with("--- ")
        {
            return true;
        }
        previous = [previous[1], line];
    }
    false
}

/// Codecov's upload JSON: `{"coverage": {"path": {"line": hits or "covered/total"}}}`.
fn is_codecov_json(sniff: &ContentSniff) -> bool {
    matches!(json_first_key(sniff), Some(("coverage", '{')))
}

fn is_sqlite_database(sniff: &ContentSniff) -> bool {
    sniff.head.starts_with("SQLite format 3")
}

fn is_html(sniff: &ContentSniff) -> bool {
    matches!(sniff.shape, ContentShape::Html)
}
