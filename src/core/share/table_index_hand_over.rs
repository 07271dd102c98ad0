//! The byte form in which the parsing worker hands the table's row index to the page with
//! the report's last piece, so the page decodes a few flat lists instead of lowercasing
//! and sorting every path itself (on a 200,000-file report, its longest task).
//!
//! The layout puts the lowercased path text first (each distinct folder, then each
//! distinct file name, `core::analysis::path_search`), so the page keeps the received
//! buffer as that text without copying it: the text's `t` bytes, the `s` segment ends,
//! each of the `n` files' folder segment, then its name segment, the `n` file indices in
//! path order, `n` bytes of 0 or 1 (whether each file is fully covered), the 256 byte
//! counts, then a trailer of `n`, `s`, the folder count, `t` and the tag
//! `TABLE_INDEX_TAG`; every number a little-endian `u32`. Decoding checks every length and
//! every link between the lists, and returns an error (never a panic) for damaged bytes;
//! the page then builds the index itself.
use crate::core::analysis::path_search::PathSegments;
use crate::core::analysis::table::TableRowIndex;
use crate::core::model::CoverageReport;

/// The first four bytes, naming the layout and its version: bytes of anything else (or of
/// an earlier or later layout) are refused whole.
const TABLE_INDEX_TAG: [u8; 4] = *b"cti2";

/// The numbers of the trailer: the file count, the segment count, the folder count and
/// the text's length, then the tag.
const TRAILER_NUMBERS_BYTES: usize = 4 * 4 + 4;

/// Bytes after the lists: the 256 byte counts, then the trailer.
const TRAILER_BYTES: usize = 256 * 4 + TRAILER_NUMBERS_BYTES;

/// Bytes per file in the lists: its folder, its name, its place in the path order (each a
/// `u32`) and its completeness (one byte).
const BYTES_PER_FILE: usize = 4 + 4 + 4 + 1;

/// The index as bytes for the page.
pub fn table_index_hand_over_bytes(index: &TableRowIndex) -> Vec<u8> {
    let parts = index.parts();
    let segments = parts.path_segments.parts();
    let file_count = parts.path_order.len();
    let mut bytes = Vec::with_capacity(
        segments.text.len() + segments.ends.len() * 4 + file_count * BYTES_PER_FILE + TRAILER_BYTES,
    );
    bytes.extend_from_slice(segments.text.as_bytes());
    for &end in segments.ends {
        push_u32(&mut bytes, end);
    }
    for &folder in segments.file_folders {
        bytes.extend_from_slice(&folder.to_le_bytes());
    }
    for &name in segments.file_names {
        bytes.extend_from_slice(&name.to_le_bytes());
    }
    for &file_index in parts.path_order {
        bytes.extend_from_slice(&file_index.to_le_bytes());
    }
    bytes.extend(parts.is_complete.iter().map(|&complete| u8::from(complete)));
    for &count in segments.byte_counts {
        bytes.extend_from_slice(&count.to_le_bytes());
    }
    push_u32(&mut bytes, file_count);
    push_u32(&mut bytes, segments.ends.len());
    push_u32(&mut bytes, segments.folder_count);
    push_u32(&mut bytes, segments.text.len());
    bytes.extend_from_slice(&TABLE_INDEX_TAG);
    bytes
}

/// The index of `report` back from its bytes; an error (never a panic) for bytes that are
/// not one, or not one of a report with this many files. The bytes become the index's
/// path text, so the largest part is never copied.
pub fn table_index_from_hand_over_bytes(
    bytes: Vec<u8>,
    report: &CoverageReport,
) -> Result<TableRowIndex, String> {
    decode(bytes, report.files.len()).map_err(|problem| {
        format!("Covscope's parsing worker handed over a table index the page could not read ({problem}); this is a bug")
    })
}

/// The index the page uses for a report the worker handed over: the handed-over one, or,
/// when its bytes cannot be read, the one built from the report, as for a report from any
/// other road.
pub fn table_index_from_hand_over_or_built(
    bytes: Vec<u8>,
    report: &CoverageReport,
) -> TableRowIndex {
    table_index_from_hand_over_bytes(bytes, report).unwrap_or_else(|_| TableRowIndex::build(report))
}

fn decode(mut bytes: Vec<u8>, expected_file_count: usize) -> Result<TableRowIndex, String> {
    let Some(trailer_start) = bytes.len().checked_sub(TRAILER_NUMBERS_BYTES) else {
        return Err("it ends early".to_string());
    };
    let mut trailer = Reader {
        bytes: &bytes[trailer_start..],
    };
    let file_count = trailer.read_u32()? as usize;
    let segment_count = trailer.read_u32()? as usize;
    let folder_count = trailer.read_u32()? as usize;
    let text_length = trailer.read_u32()? as usize;
    if trailer.take(TABLE_INDEX_TAG.len())? != TABLE_INDEX_TAG {
        return Err("it does not end with the table index's tag".to_string());
    }
    if file_count != expected_file_count {
        return Err(format!(
            "it names {file_count} files, the report has {expected_file_count}"
        ));
    }
    // The lengths are checked against what is there before anything is allocated.
    let expected_length = file_count
        .checked_mul(BYTES_PER_FILE)
        .and_then(|files| segment_count.checked_mul(4)?.checked_add(files))
        .and_then(|lists| lists.checked_add(TRAILER_BYTES))
        .and_then(|rest| rest.checked_add(text_length));
    if expected_length != Some(bytes.len()) {
        return Err("its length does not fit its counts".to_string());
    }
    let mut reader = Reader {
        bytes: &bytes[text_length..],
    };
    let segment_ends = reader
        .take(segment_count * 4)?
        .chunks_exact(4)
        .map(|word| u32_of(word) as usize)
        .collect();
    let file_folders = read_u32_list(&mut reader, file_count)?;
    let file_names = read_u32_list(&mut reader, file_count)?;
    let path_order = read_u32_list(&mut reader, file_count)?;
    let completeness = reader.take(file_count)?;
    if completeness.iter().any(|&flag| flag > 1) {
        return Err("a file's completeness is neither 0 nor 1".to_string());
    }
    let is_complete = completeness.iter().map(|&flag| flag == 1).collect();
    let mut byte_counts = Box::new([0u32; 256]);
    for (slot, word) in byte_counts
        .iter_mut()
        .zip(reader.take(256 * 4)?.chunks_exact(4))
    {
        *slot = u32_of(word);
    }
    // What is left of the buffer is the path text.
    bytes.truncate(text_length);
    let text = String::from_utf8(bytes).map_err(|_| "its path text is not UTF-8".to_string())?;
    let path_segments = PathSegments::from_parts(
        text,
        segment_ends,
        folder_count,
        file_folders,
        file_names,
        byte_counts,
    )?;
    TableRowIndex::from_parts(path_segments, path_order, is_complete)
}

/// `count` little-endian `u32`s.
fn read_u32_list(reader: &mut Reader<'_>, count: usize) -> Result<Vec<u32>, String> {
    Ok(reader
        .take(count * 4)?
        .chunks_exact(4)
        .map(u32_of)
        .collect())
}

/// Reads the byte form front to back; running out of bytes is an error.
struct Reader<'bytes> {
    bytes: &'bytes [u8],
}

impl<'bytes> Reader<'bytes> {
    fn take(&mut self, length: usize) -> Result<&'bytes [u8], String> {
        if length > self.bytes.len() {
            return Err("it ends early".to_string());
        }
        let (taken, rest) = self.bytes.split_at(length);
        self.bytes = rest;
        Ok(taken)
    }

    fn read_u32(&mut self) -> Result<u32, String> {
        self.take(4).map(u32_of)
    }
}

/// A little-endian `u32` from four bytes (the callers always slice four; anything else
/// reads as 0 rather than panicking).
fn u32_of(word: &[u8]) -> u32 {
    <[u8; 4]>::try_from(word).map_or(0, u32::from_le_bytes)
}

/// Writes a length or position as a `u32`: the page's WebAssembly addresses at most 4 GiB,
/// so every one fits; one that did not would be written as `u32::MAX`, which the page's
/// checks refuse.
fn push_u32(bytes: &mut Vec<u8>, value: usize) {
    let value = u32::try_from(value).unwrap_or(u32::MAX);
    bytes.extend_from_slice(&value.to_le_bytes());
}
