//! The unified-diff parser on hand-made diffs of every shape (each with its expected files,
//! lines and warnings written out), on the real toolz release diffs, on malformed diffs
//! (each with its exact message), and the registry's routing of a diff.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use common::{diff_fixture, fixture_bytes, fixture_path};

use covscope::core::analysis::patch_lines::net_file_changes;
use covscope::core::formats::parse_unified_diff;
use covscope::core::input::{
    parse_dropped_file, recognise_coverage_content, DroppedContent, Recognised,
};
use covscope::core::model::{FileChange, HunkLineKind, Patch};

/// What one file of a diff must be.
struct ExpectedFile {
    change: FileChange,
    old: Option<&'static str>,
    new: Option<&'static str>,
    binary: bool,
    similarity: Option<u8>,
    /// New-side numbers of the added lines.
    added: &'static [u64],
    /// Old-side numbers of the removed lines.
    removed: &'static [u64],
    commit: usize,
}

const fn file(
    change: FileChange,
    old: Option<&'static str>,
    new: Option<&'static str>,
    added: &'static [u64],
    removed: &'static [u64],
) -> ExpectedFile {
    ExpectedFile {
        change,
        old,
        new,
        binary: false,
        similarity: None,
        added,
        removed,
        commit: 0,
    }
}

const fn binary(mut expected: ExpectedFile) -> ExpectedFile {
    expected.binary = true;
    expected
}

const fn similar(mut expected: ExpectedFile, percent: u8) -> ExpectedFile {
    expected.similarity = Some(percent);
    expected
}

const fn in_commit(mut expected: ExpectedFile, commit: usize) -> ExpectedFile {
    expected.commit = commit;
    expected
}

use FileChange::{Added, Copied, Deleted, Modified, Renamed};

struct Case {
    fixture: &'static str,
    files: &'static [ExpectedFile],
    warnings: &'static [&'static str],
}

const RENAME_WITH_CHANGES: &[ExpectedFile] = &[similar(
    file(
        Renamed,
        Some("src/old_name.py"),
        Some("src/new_name.py"),
        &[3, 4],
        &[3],
    ),
    85,
)];

const CASES: &[Case] = &[
    Case {
        fixture: "rename-with-changes.diff",
        files: RENAME_WITH_CHANGES,
        warnings: &[],
    },
    Case {
        // The same diff with Windows line ends reads the same.
        fixture: "crlf.diff",
        files: RENAME_WITH_CHANGES,
        warnings: &[],
    },
    Case {
        fixture: "rename-pure.diff",
        files: &[similar(
            file(Renamed, Some("docs/guide.md"), Some("guide/index.md"), &[], &[]),
            100,
        )],
        warnings: &[],
    },
    Case {
        fixture: "copy.diff",
        files: &[similar(
            file(Copied, Some("lib/base.py"), Some("lib/copy.py"), &[2], &[2]),
            90,
        )],
        warnings: &[],
    },
    Case {
        fixture: "new-and-deleted.diff",
        files: &[
            file(Added, None, Some("pkg/added.py"), &[1, 2, 3], &[]),
            file(Deleted, Some("pkg/removed.py"), None, &[], &[1, 2]),
            file(Added, None, Some("pkg/empty.py"), &[], &[]),
        ],
        warnings: &[],
    },
    Case {
        fixture: "mode-change.diff",
        files: &[file(
            Modified,
            Some("scripts/run.sh"),
            Some("scripts/run.sh"),
            &[],
            &[],
        )],
        warnings: &[],
    },
    Case {
        fixture: "binary-stubs.diff",
        files: &[
            binary(file(
                Modified,
                Some("img/logo.png"),
                Some("img/logo.png"),
                &[],
                &[],
            )),
            binary(file(Added, None, Some("data/blob.bin"), &[], &[])),
            file(
                Modified,
                Some("src/after.py"),
                Some("src/after.py"),
                &[2],
                &[],
            ),
        ],
        warnings: &[],
    },
    Case {
        // The marker after `-LEVEL = 1` is the old side's, the last one the new side's;
        // neither is a line.
        fixture: "no-newline.diff",
        files: &[file(
            Modified,
            Some("conf/settings.py"),
            Some("conf/settings.py"),
            &[3, 4],
            &[3],
        )],
        warnings: &[],
    },
    Case {
        fixture: "no-prefix.diff",
        files: &[
            file(
                Modified,
                Some("src/app/main.py"),
                Some("src/app/main.py"),
                &[11],
                &[],
            ),
            file(Added, None, Some("src/app/new.py"), &[1], &[]),
            // `--no-prefix` of a file in a folder named `a`: both sides say `a/`, so
            // nothing is a prefix.
            file(Modified, Some("a/x.py"), Some("a/x.py"), &[1], &[1]),
        ],
        warnings: &[],
    },
    Case {
        fixture: "quoted-paths.diff",
        files: &[
            file(
                Modified,
                Some("src/täst file.py"),
                Some("src/täst file.py"),
                &[2],
                &[],
            ),
            file(
                Modified,
                Some("with space/x.py"),
                Some("with space/x.py"),
                &[2],
                &[],
            ),
            similar(
                file(Renamed, Some("tab\there.py"), Some("quote\"d.py"), &[], &[]),
                99,
            ),
        ],
        warnings: &[],
    },
    Case {
        fixture: "omitted-counts.diff",
        files: &[file(
            Modified,
            Some("one.py"),
            Some("one.py"),
            &[1, 6],
            &[1, 9],
        )],
        warnings: &[],
    },
    Case {
        fixture: "combined.diff",
        files: &[file(
            Modified,
            Some("src/plain.py"),
            Some("src/plain.py"),
            &[2],
            &[],
        )],
        warnings: &["a combined diff of a merge (`diff --cc`) is not supported; only two-sided diffs are read, so the file is left out (line 1: `diff --cc src/merged.py`)"],
    },
    Case {
        fixture: "plain-diff-ru.diff",
        files: &[
            file(Modified, Some("src/kept.c"), Some("src/kept.c"), &[4], &[]),
            // `diff -N` writes the missing old file with the epoch's date and `-0,0`.
            file(Added, None, Some("src/new.c"), &[1, 2], &[]),
            binary(file(Modified, Some("img.png"), Some("img.png"), &[], &[])),
        ],
        warnings: &["`diff -r` names a file that exists on one side only, without its lines (`diff -N` would include them); it is left out (line 15: `Only in project-1.1/doc: notes.txt`)"],
    },
    Case {
        fixture: "mnemonic-prefix.diff",
        files: &[file(
            Modified,
            Some("lib/core.rs"),
            Some("lib/core.rs"),
            &[8],
            &[],
        )],
        warnings: &[],
    },
    Case {
        fixture: "git-log-p.diff",
        files: &[
            file(Modified, Some("m.py"), Some("m.py"), &[2], &[]),
            in_commit(file(Modified, Some("m.py"), Some("m.py"), &[1], &[]), 1),
        ],
        warnings: &[],
    },
    Case {
        fixture: "svn-index.diff",
        files: &[file(
            Modified,
            Some("trunk/src/util.c"),
            Some("trunk/src/util.c"),
            &[21],
            &[],
        )],
        warnings: &[],
    },
    Case {
        fixture: "format-patch-series.patch",
        files: &[
            file(Modified, Some("lib/a.py"), Some("lib/a.py"), &[2, 3], &[2]),
            in_commit(
                similar(file(Renamed, Some("lib/a.py"), Some("lib/b.py"), &[1, 6], &[2]), 70),
                1,
            ),
        ],
        warnings: &[],
    },
];

fn removed_lines(hunks: &[covscope::core::model::Hunk]) -> Vec<u64> {
    hunks
        .iter()
        .flat_map(|hunk| hunk.numbered_lines())
        .filter(|line| line.kind == HunkLineKind::Removed)
        .map(|line| line.old_line)
        .collect()
}

fn check(case: &Case) {
    let (patch, warnings) = diff_fixture(&format!("patch/cases/{}", case.fixture));
    assert_eq!(warnings, case.warnings, "{}: warnings", case.fixture);
    assert_eq!(
        patch.files.len(),
        case.files.len(),
        "{}: file count",
        case.fixture
    );
    for (index, (actual, expected)) in patch.files.iter().zip(case.files).enumerate() {
        let place = format!("{} file {index}", case.fixture);
        assert_eq!(actual.change, expected.change, "{place}: change");
        assert_eq!(
            actual.old_path.as_deref(),
            expected.old,
            "{place}: old path"
        );
        assert_eq!(
            actual.new_path.as_deref(),
            expected.new,
            "{place}: new path"
        );
        assert_eq!(actual.is_binary, expected.binary, "{place}: binary");
        assert_eq!(
            actual.similarity, expected.similarity,
            "{place}: similarity"
        );
        assert_eq!(actual.commit_index, expected.commit, "{place}: commit");
        let added: Vec<u64> = actual
            .hunks
            .iter()
            .flat_map(|hunk| hunk.added_lines())
            .collect();
        assert_eq!(added, expected.added, "{place}: added lines");
        assert_eq!(
            removed_lines(&actual.hunks),
            expected.removed,
            "{place}: removed lines"
        );
    }
}

#[test]
fn every_hand_made_diff_reads_as_written_out() {
    for case in CASES {
        check(case);
    }
}

#[test]
fn the_fixture_folder_has_no_case_without_expectations() {
    let mut names: Vec<String> = std::fs::read_dir(fixture_path("patch/cases"))
        .expect("cases folder")
        .map(|entry| {
            entry
                .expect("entry")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    names.sort();
    let mut listed: Vec<String> = CASES.iter().map(|case| case.fixture.to_string()).collect();
    listed.sort();
    assert_eq!(names, listed);
}

#[test]
fn the_details_of_headers_are_kept() {
    let (patch, _) = diff_fixture("patch/cases/no-newline.diff");
    let hunk = &patch.files[0].hunks[0];
    assert!(hunk.old_ends_without_newline && hunk.new_ends_without_newline);
    let (patch, _) = diff_fixture("patch/cases/mode-change.diff");
    assert_eq!(patch.files[0].old_mode.as_deref(), Some("100644"));
    assert_eq!(patch.files[0].new_mode.as_deref(), Some("100755"));
    let (patch, _) = diff_fixture("patch/cases/new-and-deleted.diff");
    assert_eq!(patch.files[1].old_mode.as_deref(), Some("100755"));
    let (patch, _) = diff_fixture("patch/cases/rename-with-changes.diff");
    let prefixes = patch.files[0].prefixes.as_ref().expect("a/ and b/");
    assert_eq!((prefixes.old.as_str(), prefixes.new.as_str()), ("a/", "b/"));
    assert_eq!(patch.files[0].hunks[0].section, "def f():");
    let (patch, _) = diff_fixture("patch/cases/mnemonic-prefix.diff");
    let prefixes = patch.files[0].prefixes.as_ref().expect("i/ and w/");
    assert_eq!((prefixes.old.as_str(), prefixes.new.as_str()), ("i/", "w/"));
    let (patch, _) = diff_fixture("patch/cases/no-prefix.diff");
    assert!(patch.files.iter().all(|file| file.prefixes.is_none()));
    let (patch, _) = diff_fixture("patch/cases/format-patch-series.patch");
    let subjects: Vec<&str> = patch
        .commits
        .iter()
        .map(|commit| commit.subject.as_str())
        .collect();
    assert_eq!(
        subjects,
        [
            "Add a helper and fold the subject",
            "Move the file and change it again"
        ]
    );
    assert_eq!(
        patch.commits[1].id,
        "1123456789abcdef0123456789abcdef01234567"
    );
    let (patch, _) = diff_fixture("patch/cases/combined.diff");
    assert_eq!(patch.skipped.len(), 1);
    assert_eq!(patch.skipped[0].path.as_deref(), Some("src/merged.py"));
    assert_eq!(patch.skipped[0].diff_line, 1);
}

/// A series' net lines: the lines each commit added, moved by every later commit (and
/// dropped when a later commit removes them), in the last version's numbers.
#[test]
fn a_series_is_applied_commit_by_commit() {
    let (patch, _) = diff_fixture("patch/cases/format-patch-series.patch");
    let changes = net_file_changes(&patch);
    assert_eq!(changes.len(), 1);
    let change = &changes[0];
    assert_eq!(change.change, Renamed);
    assert_eq!(change.old_path.as_deref(), Some("lib/a.py"));
    assert_eq!(change.new_path.as_deref(), Some("lib/b.py"));
    // Commit 1 added lines 2 (`TWO`) and 3 (`helper`); commit 2 removed `TWO`, moved
    // `helper` to 3 (one added above, one removed above) and added lines 1 and 6.
    assert_eq!(change.added_lines, [1, 3, 6]);
    // Old lines of lib/a.py: `one` to 2, `two` removed by commit 1, `three` to 4,
    // `four` to 5, and a line 5 past both hunks moves by one per commit, to 7.
    assert_eq!(
        change.map_old_lines(&patch, &[1, 2, 3, 4, 5]),
        [Some(2), None, Some(4), Some(5), Some(7)]
    );
    let (patch, _) = diff_fixture("patch/cases/git-log-p.diff");
    let changes = net_file_changes(&patch);
    assert_eq!(changes.len(), 1);
    assert_eq!(changes[0].added_lines, [1, 3]);
}

/// The real release diffs: file and line counts equal `git diff --stat`'s
/// (`9 files changed, 275 insertions(+), 6 deletions(-)` and `29 files changed, 887
/// insertions(+), 2282 deletions(-)`), whatever the diff's dialect.
#[test]
fn the_toolz_release_diffs_read_with_gits_own_counts() {
    let expectations = [
        ("toolz-1.1.0-to-1.2.0.git.diff", 9, 0, (275, 6)),
        ("toolz-1.1.0-to-1.2.0.no-prefix.diff", 9, 0, (275, 6)),
        ("toolz-1.1.0-to-1.2.0.diff-u.diff", 9, 0, (275, 6)),
        ("toolz-1.1.0-to-1.2.0.crlf.diff", 9, 0, (275, 6)),
        ("toolz-1.0.0-to-1.2.0.no-prefix.diff", 29, 0, (887, 2282)),
        ("toolz-1.0.0-to-1.2.0.git.diff", 29, 0, (887, 2282)),
        // The two commits' own counts: 27 + 9 files, (612 + 275, 2278 + 6) lines.
        (
            "toolz-1.0.0-to-1.2.0.format-patch.patch",
            37,
            2,
            (889, 2284),
        ),
    ];
    for (name, files, commits, counts) in expectations {
        let (patch, warnings) = diff_fixture(&format!("patch/toolz/{name}"));
        assert_eq!(warnings, Vec::<String>::new(), "{name}");
        assert_eq!(patch.files.len(), files, "{name}: files");
        assert_eq!(patch.commits.len(), commits, "{name}: commits");
        assert_eq!(patch.added_and_removed(), counts, "{name}: lines");
    }
    // Applied in order, the series changes the same 29 files as the squashed diff.
    let (series, _) = diff_fixture("patch/toolz/toolz-1.0.0-to-1.2.0.format-patch.patch");
    let (squashed, _) = diff_fixture("patch/toolz/toolz-1.0.0-to-1.2.0.git.diff");
    let paths = |patch: &Patch| {
        let mut paths: Vec<(Option<String>, Option<String>, FileChange)> = net_file_changes(patch)
            .into_iter()
            .map(|change| (change.old_path, change.new_path, change.change))
            .collect();
        paths.sort_by(|left, right| format!("{left:?}").cmp(&format!("{right:?}")));
        paths
    };
    assert_eq!(paths(&series), paths(&squashed));
}

/// Malformed diffs: each gives its message, naming the line; a diff that is damaged but
/// readable keeps everything it has.
#[test]
fn malformed_diffs_say_what_is_wrong_and_where() {
    // (fixture, files read, error or warnings)
    let cases: [(&str, usize, &[&str]); 11] = [
        ("truncated-hunk.diff", 1, &["a hunk has fewer lines than its header states (a truncated or hand-edited diff); the lines it has are read (line 5: `@@ -1,5 +1,6 @@` states 5 old and 6 new lines, but the diff ends after 2 and 3)"]),
        ("wrong-counts-short.diff", 1, &["a hunk has fewer lines than its header states (a truncated or hand-edited diff); the lines it has are read (line 5: `@@ -1,4 +1,4 @@` states 4 old and 4 new lines, but line 8 ends it after 2 and 2)"]),
        ("wrong-counts-long.diff", 1, &["a hunk has more lines than its header states (a hand-edited diff); the extra lines are read as part of it (line 5: `@@ -1,2 +1,2 @@` is followed by 2 more lines from line 9 on)"]),
        ("hunk-without-file.diff", 1, &["a hunk comes before any file header, so it belongs to no file; it is left out (line 1: `@@ -1,2 +1,2 @@`)"]),
        ("unreadable-hunk-header.diff", 1, &["a hunk header could not be read; its lines are left out (line 5: `@@ -x,2 +1,2 @@`)"]),
        ("implausible-line-number.diff", 1, &["a hunk header states a line number above a trillion; the hunk is left out (line 5: `@@ -1,1 +99999999999999,1 @@`)"]),
        ("latin1-path.diff", 1, &["a path is not valid UTF-8; its bad bytes are shown as \u{FFFD} (2 times, first at line 1: `a/caf\u{FFFD}.py`)"]),
        ("only-combined.diff", 0, &[
            "the diff holds no two-sided file diff that Covscope reads: a combined diff of a merge commit (`diff --cc`), which Covscope does not read (first at line 1); make a plain diff, e.g. `git diff <first parent> <merge commit>`",
            "a combined diff of a merge (`diff --cc`) is not supported; only two-sided diffs are read, so the file is left out (line 1: `diff --cc m.py`)",
        ]),
        ("not-a-diff.txt", 0, &["no file changes found: the text has no `diff --git` line and no `---`/`+++` pair of file headers, so it is not a unified diff"]),
        ("binary-garbage.bin", 0, &["the file is binary, not text (a NUL byte at offset 3), so it is not a diff"]),
        ("empty.diff", 0, &["the file is empty, so it is not a diff"]),
    ];
    for (fixture, files, messages) in cases {
        let outcome = parse_unified_diff(&fixture_bytes(&format!("malformed/diff/{fixture}")));
        let actual: Vec<String> = outcome
            .diagnostics
            .iter()
            .map(|diagnostic| diagnostic.message.clone())
            .collect();
        assert_eq!(actual, messages, "{fixture}");
        assert_eq!(
            outcome.value.as_ref().map_or(0, |patch| patch.files.len()),
            files,
            "{fixture}: files read"
        );
    }
    let utf16 = parse_unified_diff(&[0xFF, 0xFE, b'd', 0, b'i', 0]);
    assert_eq!(
        utf16.first_error(),
        Some("the file is UTF-16 encoded (little-endian); save it as UTF-8, so it is not a diff")
    );
}

/// A damaged hunk keeps what it has: the truncated hunk's added lines are all there.
#[test]
fn a_truncated_hunk_keeps_its_lines() {
    let outcome = parse_unified_diff(&fixture_bytes("malformed/diff/truncated-hunk.diff"));
    let patch = outcome.value.expect("read");
    let added: Vec<u64> = patch.files[0].hunks[0].added_lines().collect();
    assert_eq!(added, [2, 3]);
    let outcome = parse_unified_diff(&fixture_bytes("malformed/diff/wrong-counts-long.diff"));
    let added: Vec<u64> = outcome.value.expect("read").files[0].hunks[0]
        .added_lines()
        .collect();
    assert_eq!(added, [2, 3, 4]);
}

/// A 50 MB diff (10,000 files of 100 added lines and a 10 MB line) reads whole, one
/// pass; its size is the point, not its time (speed belongs to the benchmark).
#[test]
fn a_fifty_megabyte_diff_reads_whole() {
    let mut text = String::with_capacity(52 << 20);
    for file in 0..10_000 {
        text.push_str(&format!(
            "diff --git a/src/f{file}.py b/src/f{file}.py\nindex 1..2 100644\n--- a/src/f{file}.py\n+++ b/src/f{file}.py\n@@ -1,2 +1,102 @@\n a\n"
        ));
        for line in 0..100 {
            text.push_str(&format!("+value_{line} = {line} # {}\n", "x".repeat(3_900)));
        }
        text.push_str(" b\n");
    }
    text.push_str(
        "diff --git a/long.txt b/long.txt\n--- a/long.txt\n+++ b/long.txt\n@@ -0,0 +1 @@\n+",
    );
    text.push_str(&"y".repeat(10 << 20));
    text.push('\n');
    assert!(text.len() > 50_000_000);
    let mut progress_calls = 0;
    let outcome = covscope::core::formats::parse_unified_diff_reporting_progress(
        text.as_bytes(),
        &mut |_| progress_calls += 1,
    );
    let patch = outcome.value.expect("read");
    assert_eq!(outcome.diagnostics, []);
    assert_eq!(patch.files.len(), 10_001);
    assert_eq!(patch.added_and_removed(), (1_000_001, 0));
    assert!(
        progress_calls >= 47,
        "progress about every MiB: {progress_calls}"
    );
}

/// The registry recognises every diff from its content (whatever its name) after every
/// coverage format, and `parse_dropped_file` hands it over as a patch.
#[test]
fn a_dropped_diff_is_recognised_and_read() {
    let diffs = [
        "patch/toolz/toolz-1.1.0-to-1.2.0.git.diff",
        "patch/toolz/toolz-1.1.0-to-1.2.0.diff-u.diff",
        "patch/toolz/toolz-1.0.0-to-1.2.0.format-patch.patch",
        "patch/cases/svn-index.diff",
        "patch/cases/combined.diff",
        "patch/cases/crlf.diff",
        "patch/cases/omitted-counts.diff",
    ];
    for relative in diffs {
        let bytes = fixture_bytes(relative);
        assert!(
            matches!(recognise_coverage_content(&bytes), Recognised::Patch { .. }),
            "{relative} is recognised as a diff"
        );
        let outcome = parse_dropped_file("changes.txt", &bytes);
        assert!(
            matches!(outcome.value, Some(DroppedContent::Patch(_))),
            "{relative} is read as a patch"
        );
    }
    // No coverage fixture is taken for a diff.
    for report in [
        "coverage/toolz/coverage.json",
        "coverage/toolz/coverage.xml",
        "coverage/toolz/coverage.lcov",
        "coverage/gocover-toml/cover.out",
    ] {
        assert!(
            !matches!(
                recognise_coverage_content(&fixture_bytes(report)),
                Recognised::Patch { .. }
            ),
            "{report}"
        );
    }
}

/// A path and the lines added to it.
type AddedLines = (&'static str, &'static [u64]);

/// The added lines diff-cover 11.0.4 itself finds in each hand-made diff
/// (`GitDiffReporter()._parse_diff_str(text)`, see `tests/fixtures/patch/PROVENANCE.md`),
/// per new path, for every diff it reads and Covscope reads the same way.
///
/// Where the two differ, on purpose: diff-cover refuses `--no-prefix`, mnemonic
/// prefixes, plain `diff -u` and svn diffs ("Could not parse source path", "Hunk has no
/// source file"); it reads a `diff --cc` merge's `++` lines as added lines 3 and 4
/// (Covscope does not read combined diffs and says so); and it keeps each commit of a
/// series unmoved (`lib/a.py` 2, 3 and `lib/b.py` 1, 6 for the series, `m.py` 1 and 2 for
/// `git log -p`), where Covscope applies the commits in order (`lib/b.py` 1, 3, 6; `m.py`
/// 1, 3, asserted in `a_series_is_applied_commit_by_commit`).
#[test]
fn hand_made_diffs_add_the_lines_diff_cover_finds() {
    let diff_cover: [(&str, &[AddedLines]); 10] = [
        (
            "binary-stubs.diff",
            &[
                ("img/logo.png", &[]),
                ("data/blob.bin", &[]),
                ("src/after.py", &[2]),
            ],
        ),
        ("copy.diff", &[("lib/copy.py", &[2])]),
        ("crlf.diff", &[("src/new_name.py", &[3, 4])]),
        ("mode-change.diff", &[("scripts/run.sh", &[])]),
        // diff-cover also lists the deleted `pkg/removed.py` with no lines; a deleted file
        // has no new path here.
        (
            "new-and-deleted.diff",
            &[("pkg/added.py", &[1, 2, 3]), ("pkg/empty.py", &[])],
        ),
        ("no-newline.diff", &[("conf/settings.py", &[3, 4])]),
        (
            "quoted-paths.diff",
            &[
                ("src/täst file.py", &[2]),
                ("with space/x.py", &[2]),
                ("quote\"d.py", &[]),
            ],
        ),
        ("rename-pure.diff", &[("guide/index.md", &[])]),
        ("rename-with-changes.diff", &[("src/new_name.py", &[3, 4])]),
        // Without the `diff --cc` file, which only diff-cover reads.
        ("combined.diff", &[("src/plain.py", &[2])]),
    ];
    for (fixture, expected) in diff_cover {
        let (patch, _) = diff_fixture(&format!("patch/cases/{fixture}"));
        let actual: Vec<(String, Vec<u64>)> = net_file_changes(&patch)
            .into_iter()
            .filter_map(|change| change.new_path.map(|path| (path, change.added_lines)))
            .collect();
        let expected: Vec<(String, Vec<u64>)> = expected
            .iter()
            .map(|(path, lines)| (path.to_string(), lines.to_vec()))
            .collect();
        assert_eq!(actual, expected, "{fixture}");
    }
}
