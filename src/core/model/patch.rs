//! A change to a set of files, as a unified diff describes it: files, hunks and the kind of
//! each diff line, independent of the tool that wrote the diff.
//!
//! The model keeps line numbers and line kinds, never the text of the lines: patch coverage
//! and differential categories need only which lines were added, removed or kept, and a
//! 50 MB diff then costs a few megabytes once parsed.

/// How a file changed.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum FileChange {
    /// The file existed before and after (its content, its mode, or both changed).
    Modified,
    /// A new file (`new file mode`, or `--- /dev/null`).
    Added,
    /// A deleted file (`deleted file mode`, or `+++ /dev/null`).
    Deleted,
    /// Moved from `old_path` to `new_path` (`rename from`/`rename to`).
    Renamed,
    /// Copied from `old_path` to `new_path` (`copy from`/`copy to`).
    Copied,
}

/// What one line inside a hunk is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum HunkLineKind {
    /// A line on both sides (` `).
    Context,
    /// A line only on the new side (`+`).
    Added,
    /// A line only on the old side (`-`).
    Removed,
}

/// Consecutive hunk lines of one kind; a hunk is a list of these runs.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub struct HunkLineRun {
    pub kind: HunkLineKind,
    pub length: u64,
}

/// One hunk (`@@ -old_start,old_count +new_start,new_count @@ section`).
///
/// The counts are the ones the header states; the runs are what the body holds. They
/// agree in a well-formed diff; when they do not, the parser has said so and the runs
/// are what every analysis uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Hunk {
    pub old_start: u64,
    pub old_count: u64,
    pub new_start: u64,
    pub new_count: u64,
    /// The text after the closing `@@` (git's function context), trimmed.
    pub section: String,
    pub runs: Vec<HunkLineRun>,
    /// `\ No newline at end of file` after the last old-side line.
    pub old_ends_without_newline: bool,
    /// `\ No newline at end of file` after the last new-side line.
    pub new_ends_without_newline: bool,
    /// The 1-based line of the diff where the hunk header is, for messages.
    pub diff_line: usize,
}

/// The path prefixes a diff puts before every path (`a/` and `b/`, git's mnemonic `i/`
/// and `w/`, or the two folder names of `diff -ru old new`), removed from the paths.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PathPrefixes {
    pub old: String,
    pub new: String,
}

/// One file of a diff.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FilePatch {
    /// The path before the change, without the diff's prefix; `None` for a new file.
    pub old_path: Option<String>,
    /// The path after the change, without the diff's prefix; `None` for a deleted file.
    pub new_path: Option<String>,
    /// The prefixes removed from the paths as written, when there were any.
    pub prefixes: Option<PathPrefixes>,
    pub change: FileChange,
    /// git's `similarity index` of a rename or copy, in percent.
    pub similarity: Option<u8>,
    /// The file modes git states (`old mode`/`new mode`, `new file mode`,
    /// `deleted file mode`), as written (`100644`).
    pub old_mode: Option<String>,
    pub new_mode: Option<String>,
    /// A binary file: `Binary files … differ` or a `GIT binary patch`; it has no hunks.
    pub is_binary: bool,
    pub hunks: Vec<Hunk>,
    /// Which commit of a series (`git format-patch` output, `git log -p`) this belongs
    /// to, counted from 0; 0 for a plain diff.
    pub commit_index: usize,
    /// The 1-based line of the diff where the file's header starts, for messages.
    pub diff_line: usize,
}

/// One commit of a series, for the person to recognise it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PatchCommit {
    /// The commit id as written (`From <id> Mon Sep 17 00:00:00 2001`, `commit <id>`).
    pub id: String,
    /// The `Subject:` of a mail, without `[PATCH n/m]`; empty when the diff has none.
    pub subject: String,
    pub diff_line: usize,
}

/// A part of the diff the parser recognised but does not read, kept so nothing is lost
/// silently: combined diffs of merges (`diff --cc`), hunks with no file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct SkippedDiffSection {
    pub diff_line: usize,
    /// The path the section is about, when it names one.
    pub path: Option<String>,
    pub reason: String,
}

/// A whole diff: the files in the order the diff lists them (a file changed by several
/// commits of a series appears once per commit).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Patch {
    pub files: Vec<FilePatch>,
    /// The commits of a series; empty for a plain diff.
    pub commits: Vec<PatchCommit>,
    pub skipped: Vec<SkippedDiffSection>,
}

impl HunkLineRun {
    pub fn new(kind: HunkLineKind, length: u64) -> HunkLineRun {
        HunkLineRun { kind, length }
    }
}

impl Hunk {
    /// How many old-side and new-side lines the body holds (context counts on both).
    pub fn body_counts(&self) -> (u64, u64) {
        self.runs
            .iter()
            .fold((0u64, 0u64), |(old, new), run| match run.kind {
                HunkLineKind::Context => (
                    old.saturating_add(run.length),
                    new.saturating_add(run.length),
                ),
                HunkLineKind::Added => (old, new.saturating_add(run.length)),
                HunkLineKind::Removed => (old.saturating_add(run.length), new),
            })
    }

    /// The old-side and new-side numbers of the hunk's first line.
    ///
    /// A side with lines starts at its stated start. A side without any (`-5,0`: nothing
    /// old, the new lines come after old line 5) has its "next" line right after the
    /// start; `-0,0` (an empty or missing file) has line 1 next.
    pub fn first_lines(&self) -> (u64, u64) {
        let first = |start: u64, count: u64| {
            if count == 0 {
                start.saturating_add(1)
            } else {
                start.max(1)
            }
        };
        (
            first(self.old_start, self.old_count),
            first(self.new_start, self.new_count),
        )
    }

    /// The new-side line numbers of the added lines, ascending.
    pub fn added_lines(&self) -> impl Iterator<Item = u64> + '_ {
        self.numbered_lines()
            .filter_map(|line| (line.kind == HunkLineKind::Added).then_some(line.new_line))
    }

    /// Every line of the body with its old-side and new-side numbers: for an added line
    /// `old_line` is the old line it comes before, for a removed line `new_line` is the
    /// new line it comes before.
    pub fn numbered_lines(&self) -> impl Iterator<Item = NumberedHunkLine> + '_ {
        let (mut old_line, mut new_line) = self.first_lines();
        self.runs.iter().flat_map(move |run| {
            let start_old = old_line;
            let start_new = new_line;
            let (old_step, new_step) = match run.kind {
                HunkLineKind::Context => (1, 1),
                HunkLineKind::Added => (0, 1),
                HunkLineKind::Removed => (1, 0),
            };
            old_line = old_line.saturating_add(old_step * run.length);
            new_line = new_line.saturating_add(new_step * run.length);
            let kind = run.kind;
            (0..run.length).map(move |offset| NumberedHunkLine {
                kind,
                old_line: start_old.saturating_add(old_step * offset),
                new_line: start_new.saturating_add(new_step * offset),
            })
        })
    }
}

/// One line of a hunk with its numbers on both sides (see [`Hunk::numbered_lines`]).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct NumberedHunkLine {
    pub kind: HunkLineKind,
    pub old_line: u64,
    pub new_line: u64,
}

impl FilePatch {
    /// The path a person knows the file by: the new one, or the old one of a deleted file.
    pub fn display_path(&self) -> &str {
        self.new_path
            .as_deref()
            .or(self.old_path.as_deref())
            .unwrap_or("")
    }

    /// How many lines the file's hunks add and remove.
    pub fn added_and_removed(&self) -> (u64, u64) {
        self.hunks.iter().flat_map(|hunk| hunk.runs.iter()).fold(
            (0u64, 0u64),
            |(added, removed), run| match run.kind {
                HunkLineKind::Added => (added.saturating_add(run.length), removed),
                HunkLineKind::Removed => (added, removed.saturating_add(run.length)),
                HunkLineKind::Context => (added, removed),
            },
        )
    }
}

impl Patch {
    /// How many lines the whole diff adds and removes.
    pub fn added_and_removed(&self) -> (u64, u64) {
        self.files.iter().map(FilePatch::added_and_removed).fold(
            (0u64, 0u64),
            |(added, removed), (file_added, file_removed)| {
                (
                    added.saturating_add(file_added),
                    removed.saturating_add(file_removed),
                )
            },
        )
    }

    /// A short description for messages: `a diff of 9 files (+275 −6 lines)`, with the
    /// commit count of a series.
    pub fn describe(&self) -> String {
        let (added, removed) = self.added_and_removed();
        let files = match self.files.len() {
            1 => "1 file".to_string(),
            count => format!("{count} files"),
        };
        let commits = match self.commits.len() {
            0 | 1 => String::new(),
            count => format!(" in {count} commits"),
        };
        format!("a diff of {files}{commits} (+{added} \u{2212}{removed} lines)")
    }
}
