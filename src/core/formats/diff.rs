//! Reads a unified diff (`git diff`, `git format-patch`, `git log -p`, `diff -u`, a pull
//! request's `.patch` or `.diff`) into the model's `Patch`.
//!
//! Refs: git `Documentation/diff-format.txt` and `diff-generate-patch.txt` (extended
//! headers, quoted paths, combined diffs), git `apply.c` (`parse_git_diff_header`,
//! `find_name`, `parse_fragment`), GNU diffutils manual "Detailed Unified Format" (hunk
//! ranges, omitted counts, `\ No newline at end of file`).
//!
//! Written here rather than taken from a crate: the Rust diff parsers checked (`patch`,
//! `unidiff`, `gitpatch`, `diffy`) either panic on git's renames and on
//! `\ No newline at end of file` (patch-rs issues 23, 24 and 33), stop at the first
//! problem instead of naming it and going on, read one file only, or bring a regex
//! engine and an encoding library into the WebAssembly for a format that is read line
//! by line. This parser is one pass over the bytes, keeps no line text, and never
//! panics; each problem becomes a warning that names the diff's line.
use crate::core::model::{
    FileChange, FilePatch, Hunk, HunkLineKind, HunkLineRun, Patch, PatchCommit, PathPrefixes,
    SkippedDiffSection,
};
use crate::core::text::{Diagnostic, ParseOutcome, TextProblem};

/// Parses the bytes of a unified diff.
pub fn parse_unified_diff(bytes: &[u8]) -> ParseOutcome<Patch> {
    parse_unified_diff_reporting_progress(bytes, &mut |_| {})
}

/// Parses like [`parse_unified_diff`], calling `on_progress` with the bytes read so far:
/// about every MiB, and last with `bytes.len()`.
pub fn parse_unified_diff_reporting_progress(
    bytes: &[u8],
    on_progress: &mut dyn FnMut(usize),
) -> ParseOutcome<Patch> {
    let outcome = match refuse_non_text(bytes) {
        Some(problem) => ParseOutcome::failure(format!("{}, so it is not a diff", problem)),
        None => DiffParser::default().parse(bytes, on_progress),
    };
    on_progress(bytes.len());
    outcome
}

/// How many bytes pass between two progress reports, at the least.
const PROGRESS_STEP: usize = 1 << 20;

/// The largest line number believed in a hunk header. No source file has a trillion
/// lines; a larger number is damage, and refusing it keeps every sum far from overflow.
const LARGEST_PLAUSIBLE_LINE_NUMBER: u64 = 1_000_000_000_000;

/// How far the first bytes are checked for NUL, as `decode_utf8_text` does.
const BINARY_SNIFF_BYTES: usize = 8192;

/// The problems that make bytes unusable as a diff at all. Invalid UTF-8 is not one of
/// them: a diff of a Latin-1 file is a good diff, and only paths are ever decoded.
fn refuse_non_text(bytes: &[u8]) -> Option<String> {
    let problem = if bytes.iter().all(u8::is_ascii_whitespace) {
        TextProblem::Empty
    } else if bytes.starts_with(&[0xFF, 0xFE]) {
        TextProblem::Utf16 { big_endian: false }
    } else if bytes.starts_with(&[0xFE, 0xFF]) {
        TextProblem::Utf16 { big_endian: true }
    } else {
        let sniffed = &bytes[..bytes.len().min(BINARY_SNIFF_BYTES)];
        let offset = sniffed.iter().position(|&byte| byte == 0)?;
        TextProblem::Binary { offset }
    };
    Some(problem.describe())
}

/// The lines of a diff, without their line break (`\n`, or `\r\n` as Windows writes it).
struct DiffLines<'bytes> {
    bytes: &'bytes [u8],
    position: usize,
    /// The 1-based number of the line last returned.
    number: usize,
}

impl<'bytes> DiffLines<'bytes> {
    fn new(bytes: &'bytes [u8]) -> Self {
        let without_bom = bytes.strip_prefix(&[0xEF, 0xBB, 0xBF]).unwrap_or(bytes);
        DiffLines {
            bytes: without_bom,
            position: 0,
            number: 0,
        }
    }

    fn line_at(&self, start: usize) -> Option<(&'bytes [u8], usize)> {
        let rest = self.bytes.get(start..)?;
        if rest.is_empty() {
            return None;
        }
        let (line, next) = match memchr::memchr(b'\n', rest) {
            Some(end) => (&rest[..end], start + end + 1),
            None => (rest, self.bytes.len()),
        };
        Some((line.strip_suffix(b"\r").unwrap_or(line), next))
    }

    fn next_line(&mut self) -> Option<&'bytes [u8]> {
        let (line, next) = self.line_at(self.position)?;
        self.position = next;
        self.number += 1;
        Some(line)
    }

    fn peek(&self) -> Option<&'bytes [u8]> {
        self.line_at(self.position).map(|(line, _)| line)
    }
}

/// Warnings that may repeat, each reported once with a count and its first place.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum WarningKind {
    HunkEndsEarly,
    HunkRunsLong,
    UnreadableHunkHeader,
    ImplausibleLineNumber,
    HunkWithoutFile,
    LineOutsideHunk,
    CombinedDiff,
    PathNotUtf8,
    UnreadablePath,
    NoNewlineMarkerAlone,
    OnlyIn,
}

impl WarningKind {
    /// What went wrong, as the start of a sentence.
    fn description(self) -> &'static str {
        match self {
            WarningKind::HunkEndsEarly => {
                "a hunk has fewer lines than its header states (a truncated or hand-edited diff); the lines it has are read"
            }
            WarningKind::HunkRunsLong => {
                "a hunk has more lines than its header states (a hand-edited diff); the extra lines are read as part of it"
            }
            WarningKind::UnreadableHunkHeader => {
                "a hunk header could not be read; its lines are left out"
            }
            WarningKind::ImplausibleLineNumber => {
                "a hunk header states a line number above a trillion; the hunk is left out"
            }
            WarningKind::HunkWithoutFile => {
                "a hunk comes before any file header, so it belongs to no file; it is left out"
            }
            WarningKind::LineOutsideHunk => {
                "a line that looks like a changed line stands outside any hunk; it is left out"
            }
            WarningKind::CombinedDiff => {
                "a combined diff of a merge (`diff --cc`) is not supported; only two-sided diffs are read, so the file is left out"
            }
            WarningKind::PathNotUtf8 => {
                "a path is not valid UTF-8; its bad bytes are shown as \u{FFFD}"
            }
            WarningKind::UnreadablePath => {
                "a file header names no path that could be read; the file is left out"
            }
            WarningKind::NoNewlineMarkerAlone => {
                "a `\\ No newline at end of file` line follows no hunk line; it is left out"
            }
            WarningKind::OnlyIn => {
                "`diff -r` names a file that exists on one side only, without its lines (`diff -N` would include them); it is left out"
            }
        }
    }
}

#[derive(Default)]
struct WarningTally {
    /// Per kind, in the order first seen: how often, and the first place with a detail.
    seen: Vec<(WarningKind, usize, usize, String)>,
}

impl WarningTally {
    fn add(&mut self, kind: WarningKind, diff_line: usize, detail: impl FnOnce() -> String) {
        match self.seen.iter_mut().find(|(seen, ..)| *seen == kind) {
            Some((_, count, ..)) => *count += 1,
            None => self.seen.push((kind, 1, diff_line, detail())),
        }
    }

    fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.seen
            .into_iter()
            .map(|(kind, count, diff_line, detail)| {
                let place = if count == 1 {
                    format!("line {diff_line}")
                } else {
                    format!("{count} times, first at line {diff_line}")
                };
                let detail = if detail.is_empty() {
                    String::new()
                } else {
                    format!(": {detail}")
                };
                Diagnostic::warning(format!("{} ({place}{detail})", kind.description()))
            })
            .collect()
    }
}

/// A hunk being read: what the header promised and what is still to come.
struct OpenHunk {
    hunk: Hunk,
    remaining_old: u64,
    remaining_new: u64,
    /// The header as written, for messages.
    header_text: String,
    /// The kind of the last body line, for `\ No newline at end of file`.
    last_kind: Option<HunkLineKind>,
    /// Lines read beyond the stated counts.
    extra_lines: u64,
    first_extra_line: usize,
    /// A hunk that is read only to be skipped (its header was unusable, or it belongs
    /// to no file): its lines are consumed and nothing is filed or counted.
    discarded: bool,
}

/// A file being read: its header facts, and the hunks so far.
struct OpenFile {
    file: FilePatch,
    /// The two paths as the `diff --git` line writes them, prefixes included.
    git_line_paths: Option<(String, String)>,
    /// The `---` and `+++` paths as written (`None` for `/dev/null`).
    minus_path: Option<Option<String>>,
    plus_path: Option<Option<String>>,
    /// Exact paths from `rename from`/`copy from` and `rename to`/`copy to`.
    exact_from: Option<String>,
    exact_to: Option<String>,
    /// Still reading git's extended header lines.
    in_git_header: bool,
    /// Inside the data lines of a `GIT binary patch`.
    in_binary_data: bool,
}

/// What the parser is doing with the lines it meets.
enum Mode {
    /// Between files: preamble, mail headers, commit messages, `Only in` lines.
    Outside,
    /// Inside one file's header or between its hunks.
    File(Box<OpenFile>),
    /// Skipping a section that is not read (a combined diff), until the next file.
    Skipping,
}

struct DiffParser {
    patch: Patch,
    mode: Mode,
    open_hunk: Option<OpenHunk>,
    warnings: WarningTally,
    /// The current mail's headers are being read (from `From <id>` to the first blank line).
    in_mail_headers: bool,
    last_header_was_subject: bool,
}

impl Default for DiffParser {
    fn default() -> Self {
        DiffParser {
            patch: Patch::default(),
            mode: Mode::Outside,
            open_hunk: None,
            warnings: WarningTally::default(),
            in_mail_headers: false,
            last_header_was_subject: false,
        }
    }
}

/// What a line outside any hunk starts, when it starts something.
enum Header<'line> {
    GitFile(&'line [u8]),
    CombinedFile(&'line [u8]),
    Commit(&'line [u8]),
}

fn classify_header(line: &[u8]) -> Option<Header<'_>> {
    if let Some(rest) = line.strip_prefix(b"diff --git ") {
        return Some(Header::GitFile(rest));
    }
    for prefix in [&b"diff --cc "[..], b"diff --combined "] {
        if let Some(rest) = line.strip_prefix(prefix) {
            return Some(Header::CombinedFile(rest));
        }
    }
    // `git format-patch` starts each mail with `From <id> Mon Sep 17 00:00:00 2001`;
    // `git log -p` starts each commit with `commit <id>`.
    for prefix in [&b"From "[..], b"commit "] {
        if let Some(rest) = line.strip_prefix(prefix) {
            let id_length = rest
                .iter()
                .take_while(|byte| byte.is_ascii_hexdigit())
                .count();
            let id_ends = rest
                .get(id_length)
                .is_none_or(|&byte| byte == b' ' || byte == b'\t');
            if (id_length == 40 || id_length == 64) && id_ends {
                return Some(Header::Commit(&rest[..id_length]));
            }
        }
    }
    None
}

impl DiffParser {
    fn parse(mut self, bytes: &[u8], on_progress: &mut dyn FnMut(usize)) -> ParseOutcome<Patch> {
        let mut lines = DiffLines::new(bytes);
        let mut next_progress = PROGRESS_STEP;
        while let Some(line) = lines.next_line() {
            if lines.position >= next_progress {
                on_progress(lines.position);
                next_progress = lines.position.saturating_add(PROGRESS_STEP);
            }
            let number = lines.number;
            let next = lines.peek();
            self.read_line(line, number, next);
        }
        self.finish_file(lines.number.saturating_add(1), true);
        self.finish()
    }

    fn finish(self) -> ParseOutcome<Patch> {
        let mut diagnostics = self.warnings.into_diagnostics();
        if self.patch.files.is_empty() {
            let message = match self.patch.skipped.first() {
                Some(skipped) => format!(
                    "the diff holds no two-sided file diff that Covscope reads: {} (first at line {}); make a plain diff, e.g. `git diff <first parent> <merge commit>`",
                    skipped.reason, skipped.diff_line
                ),
                None => "no file changes found: the text has no `diff --git` line and no `---`/`+++` pair of file headers, so it is not a unified diff".to_string(),
            };
            diagnostics.insert(0, Diagnostic::error(message));
            return ParseOutcome {
                value: None,
                diagnostics,
            };
        }
        ParseOutcome {
            value: Some(self.patch),
            diagnostics,
        }
    }

    fn read_line(&mut self, line: &[u8], number: usize, next: Option<&[u8]>) {
        if self.open_hunk.is_some() && self.read_hunk_line(line, number, next) {
            return;
        }
        self.read_structure_line(line, number, next);
    }

    /// Reads a line while a hunk is open; returns false when the hunk has ended and the
    /// line belongs to what follows.
    fn read_hunk_line(&mut self, line: &[u8], number: usize, next: Option<&[u8]>) -> bool {
        let Some(open) = self.open_hunk.as_mut() else {
            return false;
        };
        let counts_left = open.remaining_old > 0 || open.remaining_new > 0;
        let first = line.first().copied();
        if first == Some(b'\\') {
            match open.last_kind {
                Some(HunkLineKind::Removed) => open.hunk.old_ends_without_newline = true,
                Some(HunkLineKind::Added) => open.hunk.new_ends_without_newline = true,
                Some(HunkLineKind::Context) => {
                    open.hunk.old_ends_without_newline = true;
                    open.hunk.new_ends_without_newline = true;
                }
                None => self
                    .warnings
                    .add(WarningKind::NoNewlineMarkerAlone, number, String::new),
            }
            return true;
        }
        let kind = if counts_left {
            match first {
                Some(b' ') | None => Some(HunkLineKind::Context),
                Some(b'+') => Some(HunkLineKind::Added),
                Some(b'-') => Some(HunkLineKind::Removed),
                _ => None,
            }
        } else {
            // Past the stated counts, only a line that cannot start anything else is
            // read as part of the hunk: not a blank line, not a mail's `-- ` signature,
            // not a `---`/`+++` pair of file headers.
            let starts_file_headers =
                line.starts_with(b"--- ") && next.is_some_and(|next| next.starts_with(b"+++ "));
            match first {
                Some(b' ') => Some(HunkLineKind::Context),
                Some(b'+') if !line.starts_with(b"+++ ") => Some(HunkLineKind::Added),
                Some(b'-') if line != b"-- " && line != b"--" && !starts_file_headers => {
                    Some(HunkLineKind::Removed)
                }
                _ => None,
            }
        };
        let Some(kind) = kind else {
            let open = self.open_hunk.take();
            if let Some(open) = open {
                self.close_hunk(open, number, false);
            }
            return false;
        };
        if counts_left {
            match kind {
                HunkLineKind::Context => {
                    open.remaining_old = open.remaining_old.saturating_sub(1);
                    open.remaining_new = open.remaining_new.saturating_sub(1);
                }
                HunkLineKind::Added => open.remaining_new = open.remaining_new.saturating_sub(1),
                HunkLineKind::Removed => open.remaining_old = open.remaining_old.saturating_sub(1),
            }
        } else {
            if open.extra_lines == 0 {
                open.first_extra_line = number;
            }
            open.extra_lines += 1;
        }
        push_run(&mut open.hunk.runs, kind);
        open.last_kind = Some(kind);
        true
    }

    /// Ends a hunk: warns when its body disagrees with its header, and files it.
    fn close_hunk(&mut self, open: OpenHunk, ended_at: usize, at_end_of_diff: bool) {
        if open.discarded {
            return;
        }
        if open.remaining_old > 0 || open.remaining_new > 0 {
            let (old_read, new_read) = open.hunk.body_counts();
            let header = open.header_text.clone();
            let hunk_line = open.hunk.diff_line;
            let ending = if at_end_of_diff {
                "the diff ends".to_string()
            } else {
                format!("line {ended_at} ends it")
            };
            self.warnings.add(WarningKind::HunkEndsEarly, hunk_line, || {
                format!(
                    "`{header}` states {} old and {} new lines, but {ending} after {old_read} and {new_read}",
                    open.hunk.old_count, open.hunk.new_count
                )
            });
        }
        if open.extra_lines > 0 {
            let header = open.header_text.clone();
            let (extra, first_extra) = (open.extra_lines, open.first_extra_line);
            self.warnings
                .add(WarningKind::HunkRunsLong, open.hunk.diff_line, || {
                    format!(
                        "`{header}` is followed by {extra} more lines from line {first_extra} on"
                    )
                });
        }
        if let Mode::File(file) = &mut self.mode {
            file.file.hunks.push(open.hunk);
        }
    }

    /// Reads a line that is not inside a hunk: headers, hunk starts, and everything else.
    fn read_structure_line(&mut self, line: &[u8], number: usize, next: Option<&[u8]>) {
        if let Some(header) = classify_header(line) {
            self.finish_file(number, false);
            match header {
                Header::GitFile(paths) => self.start_git_file(paths, number),
                Header::CombinedFile(path) => {
                    let path = self.decode_path_text(path, number);
                    self.warnings.add(WarningKind::CombinedDiff, number, || {
                        format!("`diff --cc {path}`")
                    });
                    self.patch.skipped.push(SkippedDiffSection {
                        diff_line: number,
                        path: Some(path),
                        reason: "a combined diff of a merge commit (`diff --cc`), which Covscope does not read".to_string(),
                    });
                    self.mode = Mode::Skipping;
                }
                Header::Commit(id) => {
                    self.patch.commits.push(PatchCommit {
                        id: String::from_utf8_lossy(id).into_owned(),
                        subject: String::new(),
                        diff_line: number,
                    });
                    self.in_mail_headers = true;
                    self.last_header_was_subject = false;
                    self.mode = Mode::Outside;
                }
            }
            return;
        }
        if matches!(self.mode, Mode::Skipping) {
            return;
        }
        if self.in_mail_headers {
            self.read_mail_header(line);
        }
        if let Mode::File(file) = &mut self.mode {
            if file.in_binary_data {
                if is_binary_data_line(line) {
                    return;
                }
                file.in_binary_data = false;
            }
            if file.in_git_header && read_git_extended_header(file, line) {
                return;
            }
            file.in_git_header = false;
        }
        if line.starts_with(b"--- ") && next.is_some_and(|next| next.starts_with(b"+++ ")) {
            self.read_minus_line(line, number);
            return;
        }
        if let Some(plus) = line.strip_prefix(b"+++ ") {
            if let Mode::File(file) = &mut self.mode {
                if file.plus_path.is_none() && file.minus_path.is_some() {
                    let path = self.decode_header_path(plus, number);
                    if let Mode::File(file) = &mut self.mode {
                        file.plus_path = Some(path);
                    }
                    return;
                }
            }
        }
        if line.starts_with(b"@@@") {
            // A combined diff's hunk outside a `diff --cc` section: nothing to read.
            self.warnings.add(WarningKind::CombinedDiff, number, || {
                String::from_utf8_lossy(line).into_owned()
            });
            return;
        }
        if line.starts_with(b"@@ ") || line == b"@@" {
            self.start_hunk(line, number);
            return;
        }
        if let Some(rest) = line.strip_prefix(b"Binary files ") {
            self.read_binary_files_line(rest, number);
            return;
        }
        if line == b"GIT binary patch" {
            if let Mode::File(file) = &mut self.mode {
                file.file.is_binary = true;
                file.in_binary_data = true;
            }
            return;
        }
        if line.starts_with(b"Only in ") {
            self.warnings.add(WarningKind::OnlyIn, number, || {
                format!("`{}`", String::from_utf8_lossy(line))
            });
            return;
        }
        if matches!(line.first(), Some(b'+' | b'-'))
            && matches!(&self.mode, Mode::File(file) if !file.file.hunks.is_empty())
            && !line.starts_with(b"---")
            && !line.starts_with(b"+++")
            && line != b"-- "
            && line != b"--"
        {
            self.warnings.add(WarningKind::LineOutsideHunk, number, || {
                String::from_utf8_lossy(&line[..line.len().min(60)]).into_owned()
            });
        }
    }

    fn read_mail_header(&mut self, line: &[u8]) {
        if line.is_empty() {
            self.in_mail_headers = false;
            return;
        }
        let Some(commit) = self.patch.commits.last_mut() else {
            return;
        };
        if let Some(subject) = line.strip_prefix(b"Subject: ") {
            let subject = String::from_utf8_lossy(subject);
            commit.subject = strip_patch_tag(subject.trim()).to_string();
            self.last_header_was_subject = true;
        } else if self.last_header_was_subject && line.first() == Some(&b' ') {
            // A folded `Subject:` goes on in lines that start with white space.
            commit.subject.push(' ');
            commit
                .subject
                .push_str(String::from_utf8_lossy(line).trim());
        } else {
            self.last_header_was_subject = false;
        }
    }

    fn start_git_file(&mut self, paths: &[u8], number: usize) {
        let git_line_paths = self.split_git_line_paths(paths, number);
        let mut file = new_open_file(number, self.commit_index());
        file.git_line_paths = git_line_paths;
        file.in_git_header = true;
        self.mode = Mode::File(Box::new(file));
    }

    fn commit_index(&self) -> usize {
        self.patch.commits.len().saturating_sub(1)
    }

    /// A `---` line followed by `+++`: the old path, starting a file unless a git header
    /// already did.
    fn read_minus_line(&mut self, line: &[u8], number: usize) {
        let path = self.decode_header_path(&line[4..], number);
        let continues_git_file = matches!(
            &self.mode,
            Mode::File(file) if file.git_line_paths.is_some()
                && file.minus_path.is_none()
                && file.file.hunks.is_empty()
                && !file.file.is_binary
        );
        if !continues_git_file {
            self.finish_file(number, false);
            self.mode = Mode::File(Box::new(new_open_file(number, self.commit_index())));
        }
        if let Mode::File(file) = &mut self.mode {
            file.minus_path = Some(path);
        }
    }

    fn read_binary_files_line(&mut self, rest: &[u8], number: usize) {
        // `Binary files a/x and b/x differ`, inside a git file or alone (`diff -r`).
        if let Mode::File(file) = &mut self.mode {
            if file.git_line_paths.is_some() && file.file.hunks.is_empty() {
                file.file.is_binary = true;
                file.in_git_header = false;
                return;
            }
        }
        let text = String::from_utf8_lossy(rest);
        let text = text.strip_suffix(" differ").unwrap_or(&text);
        let Some((old, new)) = text.split_once(" and ") else {
            self.warnings.add(WarningKind::UnreadablePath, number, || {
                format!("`Binary files {text}`")
            });
            return;
        };
        self.finish_file(number, false);
        let mut file = new_open_file(number, self.commit_index());
        file.file.is_binary = true;
        file.minus_path = Some(not_dev_null(old.to_string()));
        file.plus_path = Some(not_dev_null(new.to_string()));
        self.mode = Mode::File(Box::new(file));
        self.finish_file(number, false);
    }

    fn start_hunk(&mut self, line: &[u8], number: usize) {
        let header_text = String::from_utf8_lossy(line).trim_end().to_string();
        let Some(header) = parse_hunk_header(line) else {
            self.warnings
                .add(WarningKind::UnreadableHunkHeader, number, || {
                    format!("`{header_text}`")
                });
            self.skip_hunk_body(number, u64::MAX, u64::MAX);
            return;
        };
        if [
            header.old_start,
            header.old_count,
            header.new_start,
            header.new_count,
        ]
        .iter()
        .any(|&value| value > LARGEST_PLAUSIBLE_LINE_NUMBER)
        {
            self.warnings
                .add(WarningKind::ImplausibleLineNumber, number, || {
                    format!("`{header_text}`")
                });
            self.skip_hunk_body(number, u64::MAX, u64::MAX);
            return;
        }
        let Mode::File(file) = &mut self.mode else {
            self.warnings.add(WarningKind::HunkWithoutFile, number, || {
                format!("`{header_text}`")
            });
            self.patch.skipped.push(SkippedDiffSection {
                diff_line: number,
                path: None,
                reason: "a hunk before any file header".to_string(),
            });
            self.skip_hunk_body(number, header.old_count, header.new_count);
            return;
        };
        file.in_git_header = false;
        self.open_hunk = Some(OpenHunk {
            hunk: Hunk {
                old_start: header.old_start,
                old_count: header.old_count,
                new_start: header.new_start,
                new_count: header.new_count,
                section: header.section,
                runs: Vec::new(),
                old_ends_without_newline: false,
                new_ends_without_newline: false,
                diff_line: number,
            },
            remaining_old: header.old_count,
            remaining_new: header.new_count,
            header_text,
            last_kind: None,
            extra_lines: 0,
            first_extra_line: 0,
            discarded: false,
        });
    }

    /// Consumes the body of a hunk that is not read, so its lines are not mistaken for
    /// anything else: by its counts, or (for an unreadable header) while lines look
    /// like hunk lines.
    fn skip_hunk_body(&mut self, number: usize, old_count: u64, new_count: u64) {
        self.open_hunk = Some(OpenHunk {
            hunk: Hunk {
                old_start: 0,
                old_count,
                new_start: 0,
                new_count,
                section: String::new(),
                runs: Vec::new(),
                old_ends_without_newline: false,
                new_ends_without_newline: false,
                diff_line: number,
            },
            remaining_old: old_count,
            remaining_new: new_count,
            header_text: String::new(),
            last_kind: None,
            extra_lines: 0,
            first_extra_line: 0,
            discarded: true,
        });
    }

    /// Closes the open hunk and the open file, filing the file in the patch.
    fn finish_file(&mut self, number: usize, at_end_of_diff: bool) {
        if let Some(open) = self.open_hunk.take() {
            self.close_hunk(open, number, at_end_of_diff);
        }
        let mode = std::mem::replace(&mut self.mode, Mode::Outside);
        let Mode::File(open) = mode else {
            return;
        };
        let diff_line = open.file.diff_line;
        match resolve_paths(*open) {
            Ok(file) => self.patch.files.push(file),
            Err(written) => self
                .warnings
                .add(WarningKind::UnreadablePath, diff_line, || written),
        }
    }

    /// The two paths of `diff --git <old> <new>`, with their prefixes, as git's
    /// `git_header_name` splits them: quoted names end at their quote; two unquoted names
    /// of the same path split where both halves name it.
    fn split_git_line_paths(&mut self, text: &[u8], number: usize) -> Option<(String, String)> {
        let (old, rest) = if text.first() == Some(&b'"') {
            let (name, length) = unquote_c_style(text)?;
            (name, text.get(length..)?.strip_prefix(b" ")?)
        } else if let Some(quote) = find_short(text, b" \"") {
            (text[..quote].to_vec(), &text[quote + 1..])
        } else {
            let (old, new) = split_unquoted_pair(text)?;
            return Some((self.path_text(old, number), self.path_text(new, number)));
        };
        let new = if rest.first() == Some(&b'"') {
            unquote_c_style(rest)?.0
        } else {
            rest.to_vec()
        };
        Some((self.path_text(&old, number), self.path_text(&new, number)))
    }

    /// A path from a `---`/`+++` line: quoted or not, up to a tab (the timestamp `diff -u`
    /// writes, or the tab git puts after a name with spaces); `None` for `/dev/null`.
    fn decode_header_path(&mut self, text: &[u8], number: usize) -> Option<String> {
        let name = if text.first() == Some(&b'"') {
            match unquote_c_style(text) {
                Some((name, _)) => name,
                None => text.to_vec(),
            }
        } else {
            let end = memchr::memchr(b'\t', text).unwrap_or(text.len());
            text[..end].to_vec()
        };
        not_dev_null(self.path_text(&name, number))
    }

    fn decode_path_text(&mut self, text: &[u8], number: usize) -> String {
        if text.first() == Some(&b'"') {
            if let Some((name, _)) = unquote_c_style(text) {
                return self.path_text(&name, number);
            }
        }
        self.path_text(text, number)
    }

    fn path_text(&mut self, bytes: &[u8], number: usize) -> String {
        match std::str::from_utf8(bytes) {
            Ok(text) => text.to_string(),
            Err(_) => {
                let lossy = String::from_utf8_lossy(bytes).into_owned();
                let shown = lossy.clone();
                self.warnings
                    .add(WarningKind::PathNotUtf8, number, || format!("`{shown}`"));
                lossy
            }
        }
    }
}

fn new_open_file(diff_line: usize, commit_index: usize) -> OpenFile {
    OpenFile {
        file: FilePatch {
            old_path: None,
            new_path: None,
            prefixes: None,
            change: FileChange::Modified,
            similarity: None,
            old_mode: None,
            new_mode: None,
            is_binary: false,
            hunks: Vec::new(),
            commit_index,
            diff_line,
        },
        git_line_paths: None,
        minus_path: None,
        plus_path: None,
        exact_from: None,
        exact_to: None,
        in_git_header: false,
        in_binary_data: false,
    }
}

/// Adds one line of `kind` to a hunk's runs.
fn push_run(runs: &mut Vec<HunkLineRun>, kind: HunkLineKind) {
    match runs.last_mut() {
        Some(run) if run.kind == kind => run.length = run.length.saturating_add(1),
        _ => runs.push(HunkLineRun::new(kind, 1)),
    }
}

/// git's extended header lines, as data: the line's start and what it sets.
const GIT_EXTENDED_HEADERS: [(&str, GitHeaderField); 13] = [
    ("old mode ", GitHeaderField::OldMode),
    ("new mode ", GitHeaderField::NewMode),
    ("deleted file mode ", GitHeaderField::DeletedFileMode),
    ("new file mode ", GitHeaderField::NewFileMode),
    ("copy from ", GitHeaderField::CopyFrom),
    ("copy to ", GitHeaderField::CopyTo),
    ("rename from ", GitHeaderField::RenameFrom),
    ("rename to ", GitHeaderField::RenameTo),
    // git before 1.5 wrote `rename old`/`rename new`.
    ("rename old ", GitHeaderField::RenameFrom),
    ("rename new ", GitHeaderField::RenameTo),
    ("similarity index ", GitHeaderField::Similarity),
    ("dissimilarity index ", GitHeaderField::Ignored),
    ("index ", GitHeaderField::Index),
];

#[derive(Clone, Copy)]
enum GitHeaderField {
    OldMode,
    NewMode,
    DeletedFileMode,
    NewFileMode,
    CopyFrom,
    CopyTo,
    RenameFrom,
    RenameTo,
    Similarity,
    Index,
    Ignored,
}

/// Reads one of git's extended header lines into the file; false when the line is none.
fn read_git_extended_header(open: &mut OpenFile, line: &[u8]) -> bool {
    let Some((field, value)) = GIT_EXTENDED_HEADERS.iter().find_map(|(start, field)| {
        line.strip_prefix(start.as_bytes())
            .map(|value| (*field, value))
    }) else {
        return false;
    };
    let text = || String::from_utf8_lossy(value).trim().to_string();
    let path = || match value.first() {
        Some(b'"') => unquote_c_style(value)
            .map(|(name, _)| String::from_utf8_lossy(&name).into_owned())
            .unwrap_or_else(|| String::from_utf8_lossy(value).into_owned()),
        _ => String::from_utf8_lossy(value).into_owned(),
    };
    let file = &mut open.file;
    match field {
        GitHeaderField::OldMode => file.old_mode = Some(text()),
        GitHeaderField::NewMode => file.new_mode = Some(text()),
        GitHeaderField::DeletedFileMode => {
            file.old_mode = Some(text());
            file.change = FileChange::Deleted;
        }
        GitHeaderField::NewFileMode => {
            file.new_mode = Some(text());
            file.change = FileChange::Added;
        }
        GitHeaderField::CopyFrom => {
            open.exact_from = Some(path());
            file.change = FileChange::Copied;
        }
        GitHeaderField::CopyTo => {
            open.exact_to = Some(path());
            file.change = FileChange::Copied;
        }
        GitHeaderField::RenameFrom => {
            open.exact_from = Some(path());
            file.change = FileChange::Renamed;
        }
        GitHeaderField::RenameTo => {
            open.exact_to = Some(path());
            file.change = FileChange::Renamed;
        }
        GitHeaderField::Similarity => {
            file.similarity = text()
                .strip_suffix('%')
                .and_then(|digits| digits.parse::<u8>().ok())
                .filter(|percent| *percent <= 100);
        }
        // `index <old>..<new> <mode>`: the mode of an unchanged-mode file.
        GitHeaderField::Index => {
            let text = text();
            if let Some(mode) = text.split_whitespace().nth(1) {
                if file.old_mode.is_none() && file.new_mode.is_none() {
                    file.old_mode = Some(mode.to_string());
                    file.new_mode = Some(mode.to_string());
                }
            }
        }
        GitHeaderField::Ignored => {}
    }
    true
}

/// Whether a line belongs to a `GIT binary patch`: `literal N`, `delta N`, a blank line,
/// or base85 data, whose first character (a length, `A`–`Z`, `a`–`z`) is a letter and
/// which never holds a space.
fn is_binary_data_line(line: &[u8]) -> bool {
    if line.is_empty() || line.starts_with(b"literal ") || line.starts_with(b"delta ") {
        return true;
    }
    line.first().is_some_and(u8::is_ascii_alphabetic) && !line.contains(&b' ')
}

/// The facts of a hunk header.
struct HunkHeader {
    old_start: u64,
    old_count: u64,
    new_start: u64,
    new_count: u64,
    section: String,
}

/// `@@ -a[,b] +c[,d] @@ section`; an omitted count is 1 (GNU diff, git).
fn parse_hunk_header(line: &[u8]) -> Option<HunkHeader> {
    let rest = line.strip_prefix(b"@@ -")?;
    let (old_start, old_count, rest) = parse_range(rest)?;
    let rest = rest.strip_prefix(b" +")?;
    let (new_start, new_count, rest) = parse_range(rest)?;
    let rest = rest.strip_prefix(b" @@")?;
    let section = String::from_utf8_lossy(rest).trim().to_string();
    Some(HunkHeader {
        old_start,
        old_count,
        new_start,
        new_count,
        section,
    })
}

fn parse_range(text: &[u8]) -> Option<(u64, u64, &[u8])> {
    let (start, rest) = parse_number(text)?;
    match rest.strip_prefix(b",") {
        Some(after_comma) => {
            let (count, rest) = parse_number(after_comma)?;
            Some((start, count, rest))
        }
        None => Some((start, 1, rest)),
    }
}

fn parse_number(text: &[u8]) -> Option<(u64, &[u8])> {
    let digits = text.iter().take_while(|byte| byte.is_ascii_digit()).count();
    if digits == 0 {
        return None;
    }
    let mut value: u64 = 0;
    for &digit in &text[..digits] {
        value = value
            .checked_mul(10)?
            .checked_add(u64::from(digit - b'0'))?;
    }
    Some((value, &text[digits..]))
}

/// A C-style quoted name as git writes it (`"a/t\303\244st \"x\".py"`): the bytes it
/// stands for and how many bytes of `text` it took, quotes included; `None` when the
/// quote never closes.
fn unquote_c_style(text: &[u8]) -> Option<(Vec<u8>, usize)> {
    const ESCAPES: [(u8, u8); 10] = [
        (b'a', 0x07),
        (b'b', 0x08),
        (b't', b'\t'),
        (b'n', b'\n'),
        (b'v', 0x0B),
        (b'f', 0x0C),
        (b'r', b'\r'),
        (b'"', b'"'),
        (b'\\', b'\\'),
        (b'\'', b'\''),
    ];
    let body = text.strip_prefix(b"\"")?;
    let mut name = Vec::with_capacity(body.len());
    let mut index = 0;
    while let Some(&byte) = body.get(index) {
        match byte {
            b'"' => return Some((name, index + 2)),
            b'\\' => {
                let escaped = *body.get(index + 1)?;
                if let Some((_, value)) = ESCAPES.iter().find(|(letter, _)| *letter == escaped) {
                    name.push(*value);
                    index += 2;
                } else if (b'0'..=b'3').contains(&escaped) {
                    let digits = body.get(index + 1..index + 4)?;
                    if !digits.iter().all(|digit| (b'0'..=b'7').contains(digit)) {
                        return None;
                    }
                    let value = digits
                        .iter()
                        .fold(0u8, |value, digit| value * 8 + (digit - b'0'));
                    name.push(value);
                    index += 4;
                } else {
                    return None;
                }
            }
            _ => {
                name.push(byte);
                index += 1;
            }
        }
    }
    None
}

/// Splits `a/x b/x` (or `x x`, or `i/x w/x`) where both halves name the same path; for
/// two different names (a rename without its header lines), at ` b/` when that is
/// unambiguous, else at the first space.
fn split_unquoted_pair(text: &[u8]) -> Option<(&[u8], &[u8])> {
    let middle = text.len() / 2;
    if text.len() % 2 == 1 && text.get(middle) == Some(&b' ') {
        let (old, new) = (&text[..middle], &text[middle + 1..]);
        if old == new || strip_first_segment(old) == strip_first_segment(new) {
            return Some((old, new));
        }
    }
    if let Some(first) = find_short(text, b" b/") {
        let unique = find_short(&text[first + 1..], b" b/").is_none();
        if unique {
            return Some((&text[..first], &text[first + 1..]));
        }
    }
    let space = memchr::memchr(b' ', text)?;
    Some((&text[..space], &text[space + 1..]))
}

/// Where a needle of a few bytes first occurs: a plain scan, which for needles this short
/// is as fast as a searcher and adds nothing to the WebAssembly.
fn find_short(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    haystack
        .windows(needle.len())
        .position(|window| window == needle)
}

fn strip_first_segment(path: &[u8]) -> Option<&[u8]> {
    let slash = memchr::memchr(b'/', path)?;
    Some(&path[slash + 1..])
}

fn not_dev_null(path: String) -> Option<String> {
    (path != "/dev/null").then_some(path)
}

/// `[PATCH 2/3] Subject` → `Subject`.
fn strip_patch_tag(subject: &str) -> &str {
    match subject
        .strip_prefix('[')
        .and_then(|rest| rest.split_once(']'))
    {
        Some((tag, rest)) if tag.to_ascii_uppercase().contains("PATCH") => rest.trim_start(),
        _ => subject,
    }
}

/// Settles a file's paths from what its headers said, and its kind of change.
///
/// Exact names come first (`rename from`/`copy to` carry no prefix), then the `---` and
/// `+++` names, then the `diff --git` line's. A prefix is removed only when the diff
/// shows it: the two names differ in their first folder and agree after it (`a/x` and
/// `b/x`, git's `i/x` and `w/x`, `diff -ru old/x new/x`), or an exact name shows what
/// stands before it. Returns the names as written when no path can be read.
fn resolve_paths(open: OpenFile) -> Result<FilePatch, String> {
    let OpenFile {
        mut file,
        git_line_paths,
        minus_path,
        plus_path,
        exact_from,
        exact_to,
        ..
    } = open;
    let (git_old, git_new) = match git_line_paths {
        Some((old, new)) => (Some(old), Some(new)),
        None => (None, None),
    };
    // The names with prefixes, one per side; `None` inside for `/dev/null`.
    let written_old = minus_path.clone().unwrap_or_else(|| git_old.clone());
    let written_new = plus_path.clone().unwrap_or_else(|| git_new.clone());
    // The pair that shows the prefixes: both sides named, from `---`/`+++` when both are
    // real paths, else from the `diff --git` line.
    let pair = match (&written_old, &written_new) {
        (Some(old), Some(new)) => Some((old.clone(), new.clone())),
        _ => git_old.clone().zip(git_new.clone()),
    };
    let prefixes = pair.as_ref().and_then(|(old, new)| {
        prefixes_shown_by_exact_names(old, new, exact_from.as_deref(), exact_to.as_deref())
            .or_else(|| prefixes_shown_by_pair(old, new))
    });
    let strip = |path: Option<String>, prefix: Option<&str>| {
        path.map(
            |path| match prefix.and_then(|prefix| path.strip_prefix(prefix)) {
                Some(stripped) if !stripped.is_empty() => stripped.to_string(),
                _ => path,
            },
        )
    };
    let old_path = exact_from.clone().or_else(|| {
        strip(
            written_old.clone(),
            prefixes.as_ref().map(|prefixes| prefixes.old.as_str()),
        )
    });
    let new_path = exact_to.clone().or_else(|| {
        strip(
            written_new.clone(),
            prefixes.as_ref().map(|prefixes| prefixes.new.as_str()),
        )
    });
    // `/dev/null` on one side makes a new or deleted file even without git's mode lines.
    let old_is_dev_null = minus_path.as_ref().is_some_and(Option::is_none);
    let new_is_dev_null = plus_path.as_ref().is_some_and(Option::is_none);
    if file.change == FileChange::Modified {
        // `diff -N` writes a missing file as an empty one with the epoch's timestamp; its
        // one hunk then starts at `-0,0` or `+0,0`.
        let only_hunk = match file.hunks.as_slice() {
            [only] if git_old.is_none() => Some(only),
            _ => None,
        };
        let old_is_empty = only_hunk.is_some_and(|hunk| hunk.old_start == 0 && hunk.old_count == 0);
        let new_is_empty = only_hunk.is_some_and(|hunk| hunk.new_start == 0 && hunk.new_count == 0);
        if (old_is_dev_null || old_is_empty) && !new_is_dev_null {
            file.change = FileChange::Added;
        } else if (new_is_dev_null || new_is_empty) && !old_is_dev_null {
            file.change = FileChange::Deleted;
        }
    }
    let (old_path, new_path) = match file.change {
        FileChange::Added => (None, new_path.or(old_path)),
        FileChange::Deleted => (old_path.or(new_path), None),
        _ => (old_path, new_path),
    };
    if old_path.is_none() && new_path.is_none() {
        let written = [minus_path.flatten(), plus_path.flatten(), git_old, git_new]
            .into_iter()
            .flatten()
            .collect::<Vec<_>>()
            .join(" ");
        return Err(if written.is_empty() {
            "a file header without paths".to_string()
        } else {
            format!("`{written}`")
        });
    }
    file.old_path = old_path;
    file.new_path = new_path;
    file.prefixes = prefixes;
    Ok(file)
}

/// `a/old.py` with `rename from old.py`: the prefix is what stands before the exact name.
fn prefixes_shown_by_exact_names(
    old: &str,
    new: &str,
    exact_from: Option<&str>,
    exact_to: Option<&str>,
) -> Option<PathPrefixes> {
    let old_prefix = old.strip_suffix(exact_from?)?;
    let new_prefix = new.strip_suffix(exact_to?)?;
    let is_prefix = |prefix: &str| prefix.is_empty() || prefix.ends_with('/');
    if !is_prefix(old_prefix) || !is_prefix(new_prefix) {
        return None;
    }
    (!old_prefix.is_empty() || !new_prefix.is_empty()).then(|| PathPrefixes {
        old: old_prefix.to_string(),
        new: new_prefix.to_string(),
    })
}

/// `a/x` and `b/x`: different first folders, the same path after them.
fn prefixes_shown_by_pair(old: &str, new: &str) -> Option<PathPrefixes> {
    let (old_first, old_rest) = old.split_once('/')?;
    let (new_first, new_rest) = new.split_once('/')?;
    (old_first != new_first && old_rest == new_rest && !old_rest.is_empty()).then(|| PathPrefixes {
        old: format!("{old_first}/"),
        new: format!("{new_first}/"),
    })
}
