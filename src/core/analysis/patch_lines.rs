//! What a whole patch does to each file: the lines it adds once every commit of a series is
//! applied, and where each old line ends up (or that it was removed).
//!
//! A plain diff changes each file once. A `git format-patch` series or `git log -p` output
//! changes a file once per commit, each commit numbered against the file as the commit
//! before left it; the lines an early commit added move with every later commit and may
//! be removed by one. Applying the commits in order gives the lines added by the series
//! as a whole, numbered in the last version: the version a coverage report of the
//! series' result measured. (diff-cover joins the per-commit line numbers of a series
//! without moving them; Covscope moves them, so its figures for a series are those of
//! the squashed diff, see `tests/patch_coverage.rs`.)
use std::collections::HashMap;

use crate::core::model::{FileChange, FilePatch, HunkLineKind, Patch};

/// One file's net change across a whole patch.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NetFileChange {
    /// The path before the patch (`None` for a file the patch creates).
    pub old_path: Option<String>,
    /// The path after the patch (`None` for a file the patch deletes).
    pub new_path: Option<String>,
    pub change: FileChange,
    /// Whether any of the file's diffs is a binary one (no lines are known then).
    pub is_binary: bool,
    /// The added lines, numbered in the file after the patch, ascending.
    pub added_lines: Vec<u64>,
    /// The file diffs that changed the file, in order, as indices into `Patch::files`.
    pub steps: Vec<usize>,
}

/// The net change of every file the patch touches, in the order each first appears.
///
/// Files a series creates and later deletes again are left out: the patch as a whole
/// does not change them.
pub fn net_file_changes(patch: &Patch) -> Vec<NetFileChange> {
    let mut changes: Vec<NetFileChange> = Vec::new();
    // Which change holds the file now known by each path.
    let mut by_current_path: HashMap<String, usize> = HashMap::new();
    for (step, file) in patch.files.iter().enumerate() {
        let existing = file
            .old_path
            .as_ref()
            .and_then(|old| by_current_path.get(old).copied());
        let index = match (existing, file.change) {
            (Some(source), FileChange::Copied) => {
                // A copy starts from the source as it is now; the source stays.
                let mut copy = changes[source].clone();
                copy.change = FileChange::Copied;
                changes.push(copy);
                changes.len() - 1
            }
            (Some(index), _) => index,
            (None, _) => {
                changes.push(NetFileChange {
                    old_path: match file.change {
                        FileChange::Added => None,
                        _ => file.old_path.clone(),
                    },
                    new_path: file.old_path.clone(),
                    change: file.change,
                    is_binary: false,
                    added_lines: Vec::new(),
                    steps: Vec::new(),
                });
                changes.len() - 1
            }
        };
        let change = &mut changes[index];
        let moved = map_lines_forward(file, &change.added_lines);
        let mut added: Vec<u64> = moved.into_iter().flatten().collect();
        added.extend(file.hunks.iter().flat_map(|hunk| hunk.added_lines()));
        added.sort_unstable();
        added.dedup();
        change.added_lines = added;
        change.is_binary |= file.is_binary;
        change.steps.push(step);
        if file.change != FileChange::Copied {
            if let Some(old) = &change.new_path {
                if by_current_path.get(old) == Some(&index) {
                    by_current_path.remove(old);
                }
            }
        }
        change.new_path = file.new_path.clone();
        if let Some(new) = &file.new_path {
            by_current_path.insert(new.clone(), index);
        } else {
            change.added_lines.clear();
        }
    }
    changes.retain_mut(|change| {
        change.change = match (&change.old_path, &change.new_path) {
            (None, None) => return false,
            (None, Some(_)) => FileChange::Added,
            (Some(_), None) => FileChange::Deleted,
            (Some(old), Some(new)) if old == new => FileChange::Modified,
            (Some(_), Some(_)) if change.change == FileChange::Copied => FileChange::Copied,
            (Some(_), Some(_)) => FileChange::Renamed,
        };
        true
    });
    changes
}

impl NetFileChange {
    /// Where each of `old_lines` (ascending, numbered before the patch) is after it:
    /// `Some(line)`, or `None` when the patch removed it. Lines of a file the patch
    /// does not touch keep their numbers.
    pub fn map_old_lines(&self, patch: &Patch, old_lines: &[u64]) -> Vec<Option<u64>> {
        let mut mapped: Vec<Option<u64>> = old_lines.iter().map(|&line| Some(line)).collect();
        for &step in &self.steps {
            let Some(file) = patch.files.get(step) else {
                continue;
            };
            // Each step moves the lines still present; the order never changes.
            let present: Vec<u64> = mapped.iter().flatten().copied().collect();
            let mut moved = map_lines_forward(file, &present).into_iter();
            for slot in mapped.iter_mut().filter(|slot| slot.is_some()) {
                *slot = moved.next().flatten();
            }
        }
        mapped
    }
}

/// Where each of `lines` (ascending, numbered in the file before `file`'s diff) is after
/// it: `None` for a removed line. One pass over the hunks and the lines together.
///
/// Hunks are taken in the order of their old-side start, as every diff tool writes them;
/// a line between hunks moves by what the hunks before it added and removed.
pub fn map_lines_forward(file: &FilePatch, lines: &[u64]) -> Vec<Option<u64>> {
    let mut result = Vec::with_capacity(lines.len());
    let mut hunks: Vec<&crate::core::model::Hunk> = file.hunks.iter().collect();
    if !hunks
        .windows(2)
        .all(|pair| pair[0].old_start <= pair[1].old_start)
    {
        hunks.sort_by_key(|hunk| hunk.old_start);
    }
    // new = old + shift, for old lines after every hunk passed so far.
    let mut shift: i128 = 0;
    let mut remaining = lines.iter().copied().peekable();
    for hunk in hunks {
        let (old_first, new_first) = hunk.first_lines();
        let (old_body, new_body) = hunk.body_counts();
        let old_end = old_first.saturating_add(old_body);
        while let Some(&line) = remaining.peek() {
            if line >= old_first {
                break;
            }
            result.push(shifted(line, shift));
            remaining.next();
        }
        // Lines inside the hunk's old range: walked with the hunk's own numbering.
        let mut body = hunk
            .numbered_lines()
            .filter(|numbered| numbered.kind != HunkLineKind::Added)
            .peekable();
        while let Some(&line) = remaining.peek() {
            if line >= old_end {
                break;
            }
            while body.peek().is_some_and(|numbered| numbered.old_line < line) {
                body.next();
            }
            result.push(match body.peek() {
                Some(numbered) if numbered.old_line == line => {
                    (numbered.kind == HunkLineKind::Context).then_some(numbered.new_line)
                }
                _ => None,
            });
            remaining.next();
        }
        shift = i128::from(new_first) + i128::from(new_body)
            - (i128::from(old_first) + i128::from(old_body));
    }
    result.extend(remaining.map(|line| shifted(line, shift)));
    result
}

fn shifted(line: u64, shift: i128) -> Option<u64> {
    u64::try_from(i128::from(line) + shift)
        .ok()
        .filter(|&line| line > 0)
}
