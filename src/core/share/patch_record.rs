//! The byte form of a parsed diff, as share links and the parsing worker carry it.
//!
//! A diff travels as Covscope's model of it, not as its text: files, hunks and runs of
//! line kinds (no line text, which no view shows), so a diff of hundreds of added lines
//! costs tens of bytes before deflate. Section 1 of the layout:
//!
//! ```text
//! patch  = varint section version (1), varint file count, file*, varint commit count,
//!          commit*, varint skipped count, skipped*
//! file   = optional-text old path, optional-text new path, optional prefixes (text old,
//!          text new), u8 change, optional u8 similarity, optional-text old mode,
//!          optional-text new mode, bool binary, varint commit index, varint diff line,
//!          varint hunk count, hunk*
//! hunk   = varint old start, old count, new start, new count, text section, u8 flags
//!          (1: old side ends without newline, 2: new side), varint diff line,
//!          varint run count, (u8 kind, varint length)*
//! commit = text id, text subject, varint diff line
//! skipped = varint diff line, optional-text path, text reason
//! ```
//!
//! Every line a run declares counts against the decode budget, so a link cannot declare
//! billions of lines in a few bytes and make the page count them.
use super::wire::{
    write_text, write_varint, ByteReader, DecodeBudget, DecodeLimits, TextRule, WireProblem,
};
use crate::core::model::{
    FileChange, FilePatch, Hunk, HunkLineKind, HunkLineRun, Patch, PatchCommit, PathPrefixes,
    SkippedDiffSection,
};

/// The layout version this Covscope writes and the only one it reads.
pub const PATCH_SECTION_VERSION: u64 = 1;

/// The file changes by their byte on the wire.
const FILE_CHANGE_CODES: [(FileChange, u8); 5] = [
    (FileChange::Modified, 0),
    (FileChange::Added, 1),
    (FileChange::Deleted, 2),
    (FileChange::Renamed, 3),
    (FileChange::Copied, 4),
];

/// The hunk line kinds by their byte on the wire.
const LINE_KIND_CODES: [(HunkLineKind, u8); 3] = [
    (HunkLineKind::Context, 0),
    (HunkLineKind::Added, 1),
    (HunkLineKind::Removed, 2),
];

const OLD_ENDS_WITHOUT_NEWLINE: u8 = 1;
const NEW_ENDS_WITHOUT_NEWLINE: u8 = 2;

/// Writes a patch in the layout above.
pub(crate) fn write_patch(out: &mut Vec<u8>, patch: &Patch) {
    write_varint(out, PATCH_SECTION_VERSION);
    write_varint(out, patch.files.len() as u64);
    for file in &patch.files {
        write_file(out, file);
    }
    write_varint(out, patch.commits.len() as u64);
    for commit in &patch.commits {
        write_text(out, &commit.id);
        write_text(out, &commit.subject);
        write_varint(out, commit.diff_line as u64);
    }
    write_varint(out, patch.skipped.len() as u64);
    for skipped in &patch.skipped {
        write_varint(out, skipped.diff_line as u64);
        write_optional_text(out, skipped.path.as_deref());
        write_text(out, &skipped.reason);
    }
}

fn write_file(out: &mut Vec<u8>, file: &FilePatch) {
    write_optional_text(out, file.old_path.as_deref());
    write_optional_text(out, file.new_path.as_deref());
    match &file.prefixes {
        Some(prefixes) => {
            out.push(1);
            write_text(out, &prefixes.old);
            write_text(out, &prefixes.new);
        }
        None => out.push(0),
    }
    out.push(change_code(file.change));
    match file.similarity {
        Some(similarity) => out.extend_from_slice(&[1, similarity]),
        None => out.push(0),
    }
    write_optional_text(out, file.old_mode.as_deref());
    write_optional_text(out, file.new_mode.as_deref());
    out.push(u8::from(file.is_binary));
    write_varint(out, file.commit_index as u64);
    write_varint(out, file.diff_line as u64);
    write_varint(out, file.hunks.len() as u64);
    for hunk in &file.hunks {
        for number in [
            hunk.old_start,
            hunk.old_count,
            hunk.new_start,
            hunk.new_count,
        ] {
            write_varint(out, number);
        }
        write_text(out, &hunk.section);
        let mut flags = 0;
        if hunk.old_ends_without_newline {
            flags |= OLD_ENDS_WITHOUT_NEWLINE;
        }
        if hunk.new_ends_without_newline {
            flags |= NEW_ENDS_WITHOUT_NEWLINE;
        }
        out.push(flags);
        write_varint(out, hunk.diff_line as u64);
        write_varint(out, hunk.runs.len() as u64);
        for run in &hunk.runs {
            out.push(line_kind_code(run.kind));
            write_varint(out, run.length);
        }
    }
}

/// Reads a patch written by [`write_patch`], within the reader's caps and the budget.
pub(crate) fn read_patch(
    reader: &mut ByteReader,
    budget: &mut DecodeBudget,
) -> Result<Patch, WireProblem> {
    let version = reader.read_varint("the diff's layout version")?;
    if version != PATCH_SECTION_VERSION {
        return Err(WireProblem::refused(format!(
            "its diff is in layout {version}, which this Covscope does not read (it reads layout {PATCH_SECTION_VERSION})"
        )));
    }
    let limits = reader.limits();
    let file_count = reader.read_length("the diff's file count", limits.max_files_per_report)?;
    let mut files = Vec::new();
    for number in 1..=file_count {
        budget.take(1)?;
        files.push(
            read_file(reader, budget)
                .map_err(|problem| problem.located(format!("file {number}")))?,
        );
    }
    let commit_count =
        reader.read_length("the diff's commit count", limits.max_files_per_report)?;
    let mut commits = Vec::new();
    for _ in 0..commit_count {
        budget.take(1)?;
        commits.push(PatchCommit {
            id: reader.read_text("a commit id", TextRule::Label)?,
            subject: reader.read_text("a commit subject", TextRule::FreeText)?,
            diff_line: read_usize(reader, "a commit's line in the diff")?,
        });
    }
    let skipped_count =
        reader.read_length("the diff's skipped sections", limits.max_files_per_report)?;
    let mut skipped = Vec::new();
    for _ in 0..skipped_count {
        budget.take(1)?;
        skipped.push(SkippedDiffSection {
            diff_line: read_usize(reader, "a skipped section's line")?,
            path: read_optional_text(reader, "a skipped section's path")?,
            reason: reader.read_text("why a section was skipped", TextRule::FreeText)?,
        });
    }
    Ok(Patch {
        files,
        commits,
        skipped,
    })
}

fn read_file(reader: &mut ByteReader, budget: &mut DecodeBudget) -> Result<FilePatch, WireProblem> {
    let old_path = read_optional_text(reader, "the old path")?;
    let new_path = read_optional_text(reader, "the new path")?;
    let prefixes = if reader.read_bool("whether the paths had prefixes")? {
        Some(PathPrefixes {
            old: reader.read_text("the old path's prefix", TextRule::Label)?,
            new: reader.read_text("the new path's prefix", TextRule::Label)?,
        })
    } else {
        None
    };
    let change_byte = reader.read_u8("the kind of change")?;
    let change = FILE_CHANGE_CODES
        .iter()
        .find(|(_, code)| *code == change_byte)
        .map(|(change, _)| *change)
        .ok_or_else(|| {
            WireProblem::damaged(format!(
                "the kind of change is {change_byte}, not a known one"
            ))
        })?;
    let similarity = if reader.read_bool("whether a similarity is given")? {
        Some(reader.read_u8("the similarity")?)
    } else {
        None
    };
    let old_mode = read_optional_text(reader, "the old mode")?;
    let new_mode = read_optional_text(reader, "the new mode")?;
    let is_binary = reader.read_bool("whether the file is binary")?;
    let commit_index = read_usize(reader, "the file's commit")?;
    let diff_line = read_usize(reader, "the file's line in the diff")?;
    let hunk_count = reader.read_length("the hunk count", reader.limits().max_regions_per_file)?;
    let mut hunks = Vec::new();
    for number in 1..=hunk_count {
        budget.take(1)?;
        hunks.push(
            read_hunk(reader, budget)
                .map_err(|problem| problem.located(format!("hunk {number}")))?,
        );
    }
    Ok(FilePatch {
        old_path,
        new_path,
        prefixes,
        change,
        similarity,
        old_mode,
        new_mode,
        is_binary,
        hunks,
        commit_index,
        diff_line,
    })
}

fn read_hunk(reader: &mut ByteReader, budget: &mut DecodeBudget) -> Result<Hunk, WireProblem> {
    let old_start = reader.read_varint("the old start")?;
    let old_count = reader.read_varint("the old count")?;
    let new_start = reader.read_varint("the new start")?;
    let new_count = reader.read_varint("the new count")?;
    let section = reader.read_text("the hunk's section", TextRule::FreeText)?;
    let flags = reader.read_u8("the hunk's end flags")?;
    if flags & !(OLD_ENDS_WITHOUT_NEWLINE | NEW_ENDS_WITHOUT_NEWLINE) != 0 {
        return Err(WireProblem::damaged(format!(
            "the hunk's end flags are {flags}, not a known combination"
        )));
    }
    let diff_line = read_usize(reader, "the hunk's line in the diff")?;
    let run_count = reader.read_length("the run count", reader.limits().max_entries)?;
    let mut runs = Vec::new();
    for _ in 0..run_count {
        let kind_byte = reader.read_u8("a line kind")?;
        let kind = LINE_KIND_CODES
            .iter()
            .find(|(_, code)| *code == kind_byte)
            .map(|(kind, _)| *kind)
            .ok_or_else(|| {
                WireProblem::damaged(format!("a line kind is {kind_byte}, not a known one"))
            })?;
        let length = reader.read_varint("a run's length")?;
        // Each line of a run is counted and looked up by the analyses, so each costs one
        // entry of the budget, like a line number of a report.
        budget.take(length.max(1))?;
        runs.push(HunkLineRun::new(kind, length));
    }
    Ok(Hunk {
        old_start,
        old_count,
        new_start,
        new_count,
        section,
        runs,
        old_ends_without_newline: flags & OLD_ENDS_WITHOUT_NEWLINE != 0,
        new_ends_without_newline: flags & NEW_ENDS_WITHOUT_NEWLINE != 0,
        diff_line,
    })
}

fn write_optional_text(out: &mut Vec<u8>, text: Option<&str>) {
    match text {
        Some(text) => {
            out.push(1);
            write_text(out, text);
        }
        None => out.push(0),
    }
}

fn read_optional_text(reader: &mut ByteReader, what: &str) -> Result<Option<String>, WireProblem> {
    if reader.read_bool(&format!("whether {what} is given"))? {
        Ok(Some(reader.read_text(what, TextRule::Label)?))
    } else {
        Ok(None)
    }
}

fn read_usize(reader: &mut ByteReader, what: &str) -> Result<usize, WireProblem> {
    let value = reader.read_varint(what)?;
    usize::try_from(value)
        .map_err(|_| WireProblem::damaged(format!("{what} is {value}, too large for this machine")))
}

fn change_code(change: FileChange) -> u8 {
    FILE_CHANGE_CODES
        .iter()
        .find(|(known, _)| *known == change)
        .map_or(0, |(_, code)| *code)
}

fn line_kind_code(kind: HunkLineKind) -> u8 {
    LINE_KIND_CODES
        .iter()
        .find(|(known, _)| *known == kind)
        .map_or(0, |(_, code)| *code)
}

/// A parsed diff as the parsing worker hands it to the page.
pub fn patch_hand_over_bytes(patch: &Patch) -> Vec<u8> {
    let mut out = Vec::new();
    write_patch(&mut out, patch);
    out
}

/// The diff the parsing worker handed over, held only to the worker's wide caps: it was
/// just parsed from a file the person chose.
pub fn patch_from_hand_over_bytes(bytes: &[u8]) -> Result<Patch, String> {
    let limits = DecodeLimits::WORKER_HAND_OVER;
    let mut reader = ByteReader::with_limits(bytes, limits);
    let mut budget = DecodeBudget::with_limits(limits);
    read_patch(&mut reader, &mut budget)
        .and_then(|patch| reader.expect_end("the diff").map(|()| patch))
        .map_err(|problem| {
            format!(
                "Covscope's parsing worker handed over a diff the page could not read ({}); this is a bug",
                problem.decoding_message()
            )
        })
}
