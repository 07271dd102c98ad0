//! Decides, from a file's name and size alone, whether Covscope reads it and where.
//!
//! Both questions are answered before a single byte is read, so a 1 GB file picked by
//! mistake costs nothing: it is refused with its size, and the page keeps what it had.

/// The largest coverage report read. Monorepo reports with contexts reach a few hundred
/// megabytes; a whole report has to sit in the parser's memory once, so this bounds the
/// memory one load can take.
pub const MAX_COVERAGE_FILE_BYTES: u64 = 500_000_000;

/// The largest markdown document read. Real planning documents are kilobytes; a larger
/// "document" is almost certainly a mistake (a log, a dump) and would be parsed on the
/// page's own thread.
pub const MAX_DOCUMENT_FILE_BYTES: u64 = 16_000_000;

/// A worker that parsed a file smaller than this parses the next file too: its memory grew
/// by little, and starting and compiling a fresh worker for each of a folder's small
/// reports costs more than the parses. After a larger file the worker is stopped, which
/// gives its memory back, unless more files wait for it (`app::browser::worker` decides
/// that, asked by the loading road).
pub const REUSED_WORKER_MAX_FILE_BYTES: u64 = 1024 * 1024;

/// The sentence to show when a file is too large to read, or `None` when it may be read.
pub fn refuse_oversized_file(file_name: &str, size_bytes: u64) -> Option<String> {
    let (limit, what) = if is_markdown_name(file_name) {
        (MAX_DOCUMENT_FILE_BYTES, "markdown documents")
    } else {
        (MAX_COVERAGE_FILE_BYTES, "coverage reports")
    };
    (size_bytes > limit).then(|| {
        format!(
            "the file is {}, more than the {} Covscope reads for {what}; nothing was read",
            describe_byte_size(size_bytes),
            describe_byte_size(limit)
        )
    })
}

/// Whether the worker that parsed a file of this size is kept for the next file.
pub fn keeps_worker_after(size_bytes: u64) -> bool {
    size_bytes < REUSED_WORKER_MAX_FILE_BYTES
}

/// A byte count as people read it: `812 bytes`, `3.4 KB`, `151.2 MB`, `1.0 GB`
/// (decimal units, as file managers and browsers show file sizes).
pub fn describe_byte_size(size_bytes: u64) -> String {
    const UNITS: [(u64, &str); 3] = [(1_000_000_000, "GB"), (1_000_000, "MB"), (1_000, "KB")];
    for (unit, name) in UNITS {
        if size_bytes >= unit {
            // Tenths, rounded half up, computed in integers so no float rounding shows.
            let tenths = (u128::from(size_bytes) * 10 + u128::from(unit) / 2) / u128::from(unit);
            return format!("{}.{} {name}", tenths / 10, tenths % 10);
        }
    }
    if size_bytes == 1 {
        "1 byte".to_string()
    } else {
        format!("{size_bytes} bytes")
    }
}

/// Whether a file is read as a markdown document (by its extension, in any case).
pub fn is_markdown_name(file_name: &str) -> bool {
    let lowercase_name = file_name.to_lowercase();
    lowercase_name.ends_with(".md") || lowercase_name.ends_with(".markdown")
}
