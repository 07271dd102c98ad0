//! Share-link fragments: the versioned text after `#` that carries a view and, when small, the data.
//!
//! Format v1:
//!
//! ```text
//! fragment = "v1." base64url-without-padding( u32 LE CRC-32 of payload, raw deflate(payload) )
//! payload  = record*; record = varint tag, varint body length, body
//!   tag 1: the view (view_state.rs), exactly once
//!   tag 2: one report: text name, then its snapshot (snapshot.rs)
//!   tag 3: one diff: text name, then the diff in its versioned section (patch_record.rs)
//!   tag 4: the patch view: varint version (1), optional text selected diff name,
//!          optional text baseline report name (each optional text: 0, or 1 and the text)
//!   any other tag: skipped with a warning, so a later version can add records to v1
//! ```
//!
//! A view-only fragment (for the address bar) is the same with no report records. The
//! fragment never reaches a server: browsers do not send it. Raw deflate has no checksum
//! of its own, and a changed character could otherwise decode into plausible wrong
//! figures, hence the CRC-32 (the zlib/PNG polynomial) over the uncompressed payload.
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use miniz_oxide::inflate::TINFLStatus;

use super::limits::{
    MAX_DECOMPRESSED_BYTES, MAX_FRAGMENT_BYTES, MAX_REPORTS_PER_LINK, SHARE_LINK_LIMIT_BYTES,
};
use super::patch_record::{read_patch, write_patch};
use super::snapshot::{read_report, write_report};
use super::view_state::{read_view, write_view, ViewState};
use super::wire::{
    quote_for_message, write_text, write_varint, ByteReader, DecodeBudget, TextRule, WireProblem,
};
use crate::core::model::{CoverageReport, Patch};
use crate::core::text::{Diagnostic, ParseOutcome};

/// The format version this Covscope writes, and the newest it reads.
pub const SHARE_FORMAT_VERSION: u32 = 1;

/// A fragment ready to go after `#`, with its length for the size check.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct EncodedShare {
    /// The fragment without the `#`, e.g. `v1.AbC…`; ASCII only.
    pub fragment: String,
    /// The fragment's length in bytes (it is ASCII, so also in characters).
    pub byte_length: usize,
}

/// What a share link carries: the view, and the reports it shows (none for a view-only
/// fragment, whose data the app must already have).
#[derive(Clone, Debug, PartialEq)]
pub struct SharedPayload {
    pub view: ViewState,
    /// Report names (unique) with their reports, in the order they were shared.
    pub reports: Vec<(String, CoverageReport)>,
    /// Diff names (unique) with their diffs, and which diff and baseline the patch view
    /// shows; empty for links made before diffs could be shared.
    pub patches: SharedPatches,
}

/// The diffs a link carries and what the patch view shows of them.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct SharedPatches {
    pub patches: Vec<(String, Patch)>,
    /// The diff the patch view shows, by name.
    pub selected: Option<String>,
    /// The baseline report of the differential categories, by name.
    pub baseline: Option<String>,
}

/// The diffs to put in a link, borrowed from the app's state.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PatchesToShare<'a> {
    pub patches: Vec<(&'a str, &'a Patch)>,
    pub selected: Option<&'a str>,
    pub baseline: Option<&'a str>,
}

/// Whether a decode builds the reports or only steps over them (the address-bar view).
#[derive(Clone, Copy, PartialEq, Eq)]
enum ReportHandling {
    Read,
    Skip,
}

const RECORD_VIEW: u64 = 1;
const RECORD_REPORT: u64 = 2;
const RECORD_PATCH: u64 = 3;
const RECORD_PATCH_VIEW: u64 = 4;
/// The layout of the patch view record this Covscope writes and reads.
const PATCH_VIEW_VERSION: u64 = 1;

/// Level 9 (miniz's "best compression"): links are made once, on a click, from at most a
/// few hundred kilobytes, so the slower search costs milliseconds and every byte saved
/// keeps more reports under [`SHARE_LINK_LIMIT_BYTES`]. Level 10 was measured to make the
/// fixture links no smaller.
const DEFLATE_LEVEL: u8 = 9;

/// The CRC-32 table for the reflected polynomial 0xEDB88320 (zlib, PNG, gzip).
const CRC32_TABLE: [u32; 256] = build_crc32_table();

/// Encodes a view and reports into a link fragment; the app checks the size with
/// [`fits_in_share_link`] and offers the standalone file when it is too big.
///
/// Fails (with a sentence for the person) only for data a link cannot carry: duplicate
/// report names, names or paths with control characters, more than the caps allow. The
/// output is decoded once before it is returned, so every link this gives opens.
pub fn encode_share_fragment(
    view: &ViewState,
    reports: &[(&str, &CoverageReport)],
) -> Result<EncodedShare, String> {
    encode_share_fragment_with_patches(view, reports, &PatchesToShare::default())
}

/// Encodes like [`encode_share_fragment`], with diffs and the patch view as well.
pub fn encode_share_fragment_with_patches(
    view: &ViewState,
    reports: &[(&str, &CoverageReport)],
    patches: &PatchesToShare,
) -> Result<EncodedShare, String> {
    let payload = encode_share_payload_with_patches(view, reports, patches)?;
    let fragment = fragment_from_payload(&payload);
    Ok(EncodedShare {
        byte_length: fragment.len(),
        fragment,
    })
}

/// Decodes a fragment (with or without its leading `#`) into the view and the reports.
///
/// Never panics and returns quickly on any input: an unusable fragment gives `value:
/// None` and one error worded for the person who opened the link. This is the entry
/// point for a fuzz target.
pub fn decode_share_fragment(fragment: &str) -> ParseOutcome<SharedPayload> {
    match payload_from_fragment(fragment) {
        Ok(payload) => decode_share_payload(&payload),
        Err(message) => ParseOutcome::failure(message),
    }
}

/// Encodes only the view, for the address bar. Names that a link cannot carry (control
/// characters, over the length cap) and non-finite thresholds are left out, and an
/// over-long filter is shortened, so the result always decodes.
pub fn encode_view_fragment(view: &ViewState) -> String {
    let mut payload = Vec::new();
    write_record(&mut payload, RECORD_VIEW, &write_view(view));
    fragment_from_payload(&payload)
}

/// Decodes the view of any fragment; reports a share link carries are skipped unread.
pub fn decode_view_fragment(fragment: &str) -> ParseOutcome<ViewState> {
    let payload = match payload_from_fragment(fragment) {
        Ok(payload) => payload,
        Err(message) => return ParseOutcome::failure(message),
    };
    match decode_payload(&payload, ReportHandling::Skip) {
        Ok((shared, warnings)) => ParseOutcome::success(shared.view, warnings),
        Err(problem) => ParseOutcome::failure(problem.decoding_message()),
    }
}

/// True when the fragment is short enough to share as a link ([`SHARE_LINK_LIMIT_BYTES`]).
pub fn fits_in_share_link(encoded: &EncodedShare) -> bool {
    encoded.byte_length <= SHARE_LINK_LIMIT_BYTES
}

/// One sentence about the link's size for the share dialog, saying what to do when it is
/// too big.
pub fn describe_share_size(encoded: &EncodedShare) -> String {
    let size = kilobytes(encoded.byte_length);
    let limit = kilobytes(SHARE_LINK_LIMIT_BYTES);
    if fits_in_share_link(encoded) {
        format!("the link is {size}, within the {limit} that chats and browsers pass on whole")
    } else {
        format!(
            "the data would make a {size} link, more than the {limit} that chats and browsers pass on whole; share the standalone file instead"
        )
    }
}

/// The uncompressed payload of a share link, checked by decoding it once.
pub fn encode_share_payload(
    view: &ViewState,
    reports: &[(&str, &CoverageReport)],
) -> Result<Vec<u8>, String> {
    encode_share_payload_with_patches(view, reports, &PatchesToShare::default())
}

/// The uncompressed payload with diffs and the patch view, checked by decoding it once.
pub fn encode_share_payload_with_patches(
    view: &ViewState,
    reports: &[(&str, &CoverageReport)],
    patches: &PatchesToShare,
) -> Result<Vec<u8>, String> {
    if patches.patches.len() > MAX_REPORTS_PER_LINK {
        return Err(format!(
            "this cannot be shared as a link: a link carries at most {MAX_REPORTS_PER_LINK} diffs, and {} are loaded",
            patches.patches.len()
        ));
    }
    if reports.len() > MAX_REPORTS_PER_LINK {
        return Err(format!(
            "this cannot be shared as a link: a link carries at most {MAX_REPORTS_PER_LINK} reports, and {} are loaded",
            reports.len()
        ));
    }
    let mut payload = Vec::new();
    write_record(&mut payload, RECORD_VIEW, &write_view(view));
    for (name, report) in reports {
        let mut body = Vec::new();
        write_text(&mut body, name);
        write_report(&mut body, report);
        write_record(&mut payload, RECORD_REPORT, &body);
    }
    for (name, patch) in &patches.patches {
        let mut body = Vec::new();
        write_text(&mut body, name);
        write_patch(&mut body, patch);
        write_record(&mut payload, RECORD_PATCH, &body);
    }
    if patches.selected.is_some() || patches.baseline.is_some() {
        let mut body = Vec::new();
        write_varint(&mut body, PATCH_VIEW_VERSION);
        for name in [patches.selected, patches.baseline] {
            match name {
                Some(name) => {
                    body.push(1);
                    write_text(&mut body, name);
                }
                None => body.push(0),
            }
        }
        write_record(&mut payload, RECORD_PATCH_VIEW, &body);
    }
    decode_payload(&payload, ReportHandling::Read).map_err(|problem| problem.encoding_message())?;
    Ok(payload)
}

/// Decodes an uncompressed payload; with [`fragment_from_payload`] this lets tests and
/// fuzzers reach the record decoder with arbitrary bytes past the checksum.
pub fn decode_share_payload(payload: &[u8]) -> ParseOutcome<SharedPayload> {
    match decode_payload(payload, ReportHandling::Read) {
        Ok((shared, warnings)) => ParseOutcome::success(shared, warnings),
        Err(problem) => ParseOutcome::failure(problem.decoding_message()),
    }
}

/// Wraps payload bytes as a current-version fragment: checksum, deflate, base64url.
pub fn fragment_from_payload(payload: &[u8]) -> String {
    let compressed = miniz_oxide::deflate::compress_to_vec(payload, DEFLATE_LEVEL);
    let mut framed = Vec::with_capacity(compressed.len() + 4);
    framed.extend_from_slice(&crc32(payload).to_le_bytes());
    framed.extend_from_slice(&compressed);
    format!(
        "v{SHARE_FORMAT_VERSION}.{}",
        URL_SAFE_NO_PAD.encode(&framed)
    )
}

/// Unwraps a fragment to its payload bytes: version, base64url, inflate (bounded by
/// [`MAX_DECOMPRESSED_BYTES`]), checksum. The error is the sentence to show.
pub fn payload_from_fragment(fragment: &str) -> Result<Vec<u8>, String> {
    let trimmed = fragment.trim_matches(|character: char| character.is_ascii_whitespace());
    let trimmed = trimmed.strip_prefix('#').unwrap_or(trimmed);
    if trimmed.is_empty() {
        return Err("the link holds no Covscope view or data: nothing follows the '#'".to_string());
    }
    if trimmed.len() > MAX_FRAGMENT_BYTES {
        return Err(WireProblem::refused(format!(
            "it is {} bytes long, more than the {MAX_FRAGMENT_BYTES} Covscope reads",
            trimmed.len()
        ))
        .decoding_message());
    }
    let (version_text, encoded) = split_version(trimmed)?;
    check_version(version_text)?;
    let encoded = encoded.trim_end_matches('=');
    if let Some(problem) = first_foreign_character(encoded, version_text.len() + 1) {
        return Err(problem.decoding_message());
    }
    let framed = URL_SAFE_NO_PAD
        .decode(encoded)
        .map_err(|error| describe_base64_error(error).decoding_message())?;
    let Some((checksum_bytes, compressed)) = framed.split_first_chunk::<4>() else {
        return Err(WireProblem::incomplete("it is too short to hold any data").decoding_message());
    };
    let payload =
        miniz_oxide::inflate::decompress_to_vec_with_limit(compressed, MAX_DECOMPRESSED_BYTES)
            .map_err(|error| describe_inflate_error(error.status).decoding_message())?;
    if crc32(&payload) != u32::from_le_bytes(*checksum_bytes) {
        return Err(WireProblem::damaged(
            "its data fails the integrity check, so a character was changed or lost on the way",
        )
        .decoding_message());
    }
    Ok(payload)
}

fn decode_payload(
    payload: &[u8],
    handling: ReportHandling,
) -> Result<(SharedPayload, Vec<Diagnostic>), WireProblem> {
    let mut reader = ByteReader::new(payload);
    let mut budget = DecodeBudget::new();
    let mut view: Option<ViewState> = None;
    let mut reports: Vec<(String, CoverageReport)> = Vec::new();
    let mut patches = SharedPatches::default();
    let mut patch_view_seen = false;
    let mut report_count: usize = 0;
    let mut warnings = Vec::new();
    let mut skipped_unknown = false;
    while !reader.is_at_end() {
        let tag = reader.read_varint("a record's kind")?;
        let length = reader.read_varint("a record's length")?;
        let body = reader.read_slice(usize::try_from(length).unwrap_or(usize::MAX), "a record")?;
        match tag {
            RECORD_VIEW => {
                if view.is_some() {
                    return Err(WireProblem::damaged("it holds two views"));
                }
                let (decoded, view_warnings) = read_view(body)?;
                view = Some(decoded);
                warnings.extend(view_warnings);
            }
            RECORD_REPORT => {
                report_count += 1;
                if report_count > MAX_REPORTS_PER_LINK {
                    return Err(WireProblem::refused(format!(
                        "it carries more than {MAX_REPORTS_PER_LINK} reports"
                    )));
                }
                if handling == ReportHandling::Read {
                    let named = read_named_report(body, report_count, &mut budget)?;
                    if reports.iter().any(|(name, _)| *name == named.0) {
                        return Err(WireProblem::refused(format!(
                            "it carries two reports named {}",
                            quote_for_message(&named.0)
                        )));
                    }
                    reports.push(named);
                }
            }
            RECORD_PATCH => {
                if patches.patches.len() >= MAX_REPORTS_PER_LINK {
                    return Err(WireProblem::refused(format!(
                        "it carries more than {MAX_REPORTS_PER_LINK} diffs"
                    )));
                }
                let number = patches.patches.len() + 1;
                if handling == ReportHandling::Read {
                    let named = read_named_patch(body, number, &mut budget)?;
                    if patches.patches.iter().any(|(name, _)| *name == named.0) {
                        return Err(WireProblem::refused(format!(
                            "it carries two diffs named {}",
                            quote_for_message(&named.0)
                        )));
                    }
                    patches.patches.push(named);
                }
            }
            RECORD_PATCH_VIEW => {
                if patch_view_seen {
                    return Err(WireProblem::damaged("it holds two patch views"));
                }
                patch_view_seen = true;
                let (selected, baseline) = read_patch_view(body)?;
                patches.selected = selected;
                patches.baseline = baseline;
            }
            _ => skipped_unknown = true,
        }
    }
    let Some(view) = view else {
        return Err(WireProblem::damaged(
            "it holds no view settings, which every Covscope link has",
        ));
    };
    if skipped_unknown {
        warnings.push(Diagnostic::warning(
            "this link was made by a newer Covscope: it carries data this version does not understand, which was left out",
        ));
    }
    if let Some(selected) = &view.selected_report {
        if !reports.is_empty() && !reports.iter().any(|(name, _)| name == selected) {
            warnings.push(Diagnostic::warning(format!(
                "the link shows the report {}, which it does not carry",
                quote_for_message(selected)
            )));
        }
    }
    Ok((
        SharedPayload {
            view,
            reports,
            patches,
        },
        warnings,
    ))
}

fn read_named_report(
    body: &[u8],
    number: usize,
    budget: &mut DecodeBudget,
) -> Result<(String, CoverageReport), WireProblem> {
    let mut reader = ByteReader::new(body);
    let name = reader
        .read_text("a report name", TextRule::Label)
        .map_err(|problem| problem.located(format!("report {number}")))?;
    let location = format!("report {number} {}", quote_for_message(&name));
    let report = read_report(&mut reader, budget)
        .and_then(|report| reader.expect_end("the report").map(|()| report))
        .map_err(|problem| problem.located(location.as_str()))?;
    Ok((name, report))
}

fn read_named_patch(
    body: &[u8],
    number: usize,
    budget: &mut DecodeBudget,
) -> Result<(String, Patch), WireProblem> {
    let mut reader = ByteReader::new(body);
    let name = reader
        .read_text("a diff name", TextRule::Label)
        .map_err(|problem| problem.located(format!("diff {number}")))?;
    let location = format!("diff {number} {}", quote_for_message(&name));
    let patch = read_patch(&mut reader, budget)
        .and_then(|patch| reader.expect_end("the diff").map(|()| patch))
        .map_err(|problem| problem.located(location.as_str()))?;
    Ok((name, patch))
}

/// Reads the patch view record: the selected diff and the baseline report, by name.
fn read_patch_view(body: &[u8]) -> Result<(Option<String>, Option<String>), WireProblem> {
    let mut reader = ByteReader::new(body);
    let version = reader.read_varint("the patch view's layout version")?;
    if version != PATCH_VIEW_VERSION {
        return Err(WireProblem::refused(format!(
            "its patch view is in layout {version}, which this Covscope does not read"
        )));
    }
    let mut names = [None, None];
    for (slot, what) in names
        .iter_mut()
        .zip(["the diff shown", "the baseline report"])
    {
        if reader.read_bool(&format!("whether {what} is named"))? {
            *slot = Some(reader.read_text(what, TextRule::Label)?);
        }
    }
    reader.expect_end("the patch view")?;
    let [selected, baseline] = names;
    Ok((selected, baseline))
}

fn write_record(out: &mut Vec<u8>, tag: u64, body: &[u8]) {
    super::wire::write_varint(out, tag);
    super::wire::write_varint(out, body.len() as u64);
    out.extend_from_slice(body);
}

/// Splits `v1.rest` into `v1` and `rest`.
fn split_version(fragment: &str) -> Result<(&str, &str), String> {
    let not_a_link = || {
        "this is not a Covscope link: what follows the '#' should start with a format version such as \"v1.\"".to_string()
    };
    let (version_text, encoded) = fragment.split_once('.').ok_or_else(not_a_link)?;
    let digits = version_text.strip_prefix('v').ok_or_else(not_a_link)?;
    if digits.is_empty() || !digits.bytes().all(|byte| byte.is_ascii_digit()) {
        return Err(not_a_link());
    }
    Ok((version_text, encoded))
}

/// Accepts the versions this Covscope reads and explains the others.
fn check_version(version_text: &str) -> Result<(), String> {
    let digits = version_text.get(1..).unwrap_or("");
    let shown: String = digits.chars().take(12).collect();
    match digits.parse::<u32>() {
        Ok(version) if version == SHARE_FORMAT_VERSION => Ok(()),
        Ok(0) => Err(format!(
            "this link says it uses format v{shown}, which no Covscope has written; it was altered or made by another tool"
        )),
        // Every version above the current one, including numbers too large to parse.
        _ => Err(format!(
            "this link was made by a newer Covscope (format v{shown}); this version reads format v{SHARE_FORMAT_VERSION} links, so open it in the newer Covscope or ask for the standalone file"
        )),
    }
}

/// Names the first character that base64url does not use, with its position in the
/// whole fragment (counting from 1), e.g. markup or a space a chat tool added.
fn first_foreign_character(encoded: &str, prefix_length: usize) -> Option<WireProblem> {
    let (index, character) = encoded.chars().enumerate().find(|(_, character)| {
        !(character.is_ascii_alphanumeric() || *character == '-' || *character == '_')
    })?;
    let position = index.saturating_add(prefix_length).saturating_add(1);
    let shown = if character.is_control() || character.is_whitespace() {
        format!("U+{:04X}", u32::from(character))
    } else {
        format!("'{character}'")
    };
    Some(WireProblem::damaged(format!(
        "character {position} is {shown}, which cannot appear in a Covscope link (only letters, digits, '-' and '_' follow the version)"
    )))
}

/// Explains a base64 failure once every character is known to be base64url: only the
/// length or the last character can then be wrong, both signs of a cut-off link.
fn describe_base64_error(error: base64::DecodeError) -> WireProblem {
    match error {
        base64::DecodeError::InvalidLength(_) | base64::DecodeError::InvalidLastSymbol(_, _) => {
            WireProblem::incomplete("its last characters do not form whole bytes")
        }
        base64::DecodeError::InvalidByte(_, _) | base64::DecodeError::InvalidPadding => {
            WireProblem::damaged("its characters do not form valid base64url")
        }
    }
}

fn describe_inflate_error(status: TINFLStatus) -> WireProblem {
    match status {
        TINFLStatus::HasMoreOutput => WireProblem::refused(format!(
            "its data unpacks to more than {} MiB, more than Covscope accepts from a link",
            MAX_DECOMPRESSED_BYTES / (1024 * 1024)
        )),
        TINFLStatus::FailedCannotMakeProgress | TINFLStatus::NeedsMoreInput => {
            WireProblem::incomplete("its compressed data stops before its end")
        }
        _ => WireProblem::damaged("the data does not decompress"),
    }
}

/// "12.3 KB" in decimal kilobytes, the unit people compare chat and URL limits in,
/// rounded up so that a link one byte over the limit never reads as equal to it.
fn kilobytes(bytes: usize) -> String {
    let tenths = bytes.div_ceil(100);
    if tenths % 10 == 0 {
        format!("{} KB", tenths / 10)
    } else {
        format!("{}.{} KB", tenths / 10, tenths % 10)
    }
}

const fn build_crc32_table() -> [u32; 256] {
    let mut table = [0u32; 256];
    let mut index = 0;
    while index < 256 {
        let mut value = index as u32;
        let mut bit = 0;
        while bit < 8 {
            value = if value & 1 == 1 {
                (value >> 1) ^ 0xEDB8_8320
            } else {
                value >> 1
            };
            bit += 1;
        }
        table[index] = value;
        index += 1;
    }
    table
}

/// The standard CRC-32, the same number `zlib.crc32` gives, so other tools can check links.
fn crc32(bytes: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in bytes {
        let index = ((crc ^ u32::from(byte)) & 0xff) as usize;
        crc = CRC32_TABLE[index] ^ (crc >> 8);
    }
    !crc
}
