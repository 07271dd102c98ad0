//! The sizes a share link may have and the caps every decoded link is held to.
//!
//! Each cap is far above anything a real coverage report needs, and low enough that a
//! crafted link fails quickly with a message instead of exhausting memory or time.

/// The longest fragment (the part after `#`, in bytes) that "Share" puts in a link.
///
/// Browsers accept far more: Chromium's hard limit is 2 MiB (`kMaxURLChars`), Firefox and
/// Safari take even longer URLs. What breaks first is everything around the browser:
/// Chromium's address bar only displays the first 32 KiB of a URL (`kMaxURLDisplayChars`),
/// so a longer link cannot be seen or checked whole there, and Slack truncates messages
/// longer than 40,000 characters. 32,000 bytes stays under both with 768 bytes left for
/// the site's own address. Tighter tools remain (Microsoft Teams rejects messages over
/// about 28 KB including their markup, Discord takes 2,000 characters, Android's address
/// bar shows 8,192), so the app offers the standalone file next to every link.
pub const SHARE_LINK_LIMIT_BYTES: usize = 32_000;

/// The longest fragment the decoder reads at all; a link this long is not a browser URL,
/// but the same text may arrive from a pasted file, so it is capped rather than refused.
pub const MAX_FRAGMENT_BYTES: usize = 8 * 1024 * 1024;

/// How many bytes a link's data may unpack to; the bound that makes a "zip bomb" link
/// stop with an error after at most this much memory.
pub const MAX_DECOMPRESSED_BYTES: usize = 64 * 1024 * 1024;

/// The longest text (name, path, label, filter) a link may carry, in UTF-8 bytes; Linux's
/// `PATH_MAX` is 4096, and no report name or region name comes near it.
pub const MAX_TEXT_BYTES: usize = 4096;

/// How many reports one link may carry; a comparison needs two, a series a handful.
pub const MAX_REPORTS_PER_LINK: usize = 64;

/// How many files one shared report may list.
pub const MAX_FILES_PER_REPORT: u64 = 100_000;

/// How many functions and classes one shared file may list.
pub const MAX_REGIONS_PER_FILE: u64 = 100_000;

/// How many line numbers, branch arcs, regions and files one link may describe in total.
///
/// Line runs are stored as "from, how many", so a few bytes could otherwise declare
/// billions of lines; this cap bounds the memory a link can make the decoder allocate
/// (about 64 MB at worst) while being ten times larger than what fits under
/// [`MAX_DECOMPRESSED_BYTES`] for a real report.
pub const MAX_DECODED_ENTRIES: u64 = 4_000_000;

/// The largest count (statements, branches, ...) a shared report may state: 2^40, about
/// a trillion. Real counts are millions at most, and the cap keeps every sum the table
/// makes of up to [`MAX_FILES_PER_REPORT`] files far from overflowing.
pub const MAX_COUNT_VALUE: u64 = 1 << 40;
