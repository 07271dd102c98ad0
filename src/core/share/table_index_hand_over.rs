//! The byte form in which the parsing worker hands the table's row index to the page with
//! the report's last piece, so the page decodes a few flat lists instead of lowercasing
//! and sorting every path itself (on a 200,000-file report, its longest task).
//!
//! The layout puts the lowercased path text first, so the page keeps the received buffer
//! as that text without copying it: the text's `t` bytes, the `n` path ends, the `n` file
//! indices in path order, `n` bytes of 0 or 1 (whether each file is fully covered), the
//! 256 byte counts, then a trailer of `n`, `t` and the tag `TABLE_INDEX_TAG`; every number
//! a little-endian `u32`. Decoding checks every length and every link between the lists,
//! and returns an error (never a panic) for damaged bytes; the page then builds the index
//! itself.
use crate::core::analysis::table::TableRowIndex;
use crate::core::model::CoverageReport;

/// The first four bytes, naming the layout and its version: bytes of anything else (or of
/// a later layout) are refused whole.
const TABLE_INDEX_TAG: [u8; 4] = *b"cti1";

/// Bytes after the lists: the 256 byte counts, the file count, the text's length and the
/// tag.
const TRAILER_BYTES: usize = 256 * 4 + 4 + 4 + 4;

/// The index as bytes for the page.
pub fn table_index_hand_over_bytes(index: &TableRowIndex) -> Vec<u8> {
    let parts = index.parts();
    let file_count = parts.path_order.len();
    let mut bytes =
        Vec::with_capacity(parts.lowercase_paths.len() + file_count * (4 + 4 + 1) + TRAILER_BYTES);
    bytes.extend_from_slice(parts.lowercase_paths.as_bytes());
    for &end in parts.lowercase_path_ends {
        push_u32(&mut bytes, end);
    }
    for &file_index in parts.path_order {
        bytes.extend_from_slice(&file_index.to_le_bytes());
    }
    bytes.extend(parts.is_complete.iter().map(|&complete| u8::from(complete)));
    for &count in parts.byte_counts {
        bytes.extend_from_slice(&count.to_le_bytes());
    }
    push_u32(&mut bytes, file_count);
    push_u32(&mut bytes, parts.lowercase_paths.len());
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
    let Some(trailer_start) = bytes.len().checked_sub(4 + 4 + 4) else {
        return Err("it ends early".to_string());
    };
    let mut trailer = Reader {
        bytes: &bytes[trailer_start..],
    };
    let file_count = trailer.read_u32()? as usize;
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
        .checked_mul(4 + 4 + 1)
        .and_then(|lists| lists.checked_add(TRAILER_BYTES))
        .and_then(|rest| rest.checked_add(text_length));
    if expected_length != Some(bytes.len()) {
        return Err("its length does not fit its counts".to_string());
    }
    let mut reader = Reader {
        bytes: &bytes[text_length..],
    };
    let lowercase_path_ends = reader
        .take(file_count * 4)?
        .chunks_exact(4)
        .map(|word| u32_of(word) as usize)
        .collect();
    let path_order = reader
        .take(file_count * 4)?
        .chunks_exact(4)
        .map(u32_of)
        .collect();
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
    let lowercase_paths =
        String::from_utf8(bytes).map_err(|_| "its path text is not UTF-8".to_string())?;
    TableRowIndex::from_parts(
        lowercase_paths,
        lowercase_path_ends,
        path_order,
        is_complete,
        byte_counts,
    )
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
