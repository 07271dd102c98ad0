//! What sort of planning document a file is: from its name first, its frontmatter second.
//!
//! Refs: get-shit-done templates (verification-report.md, phase-prompt.md/PLAN, summary.md,
//! state.md, roadmap.md, UAT.md, context.md, research.md) and their file-naming rules.
use super::frontmatter::Frontmatter;
use serde::{Deserialize, Serialize};

/// The kinds of GSD document the viewer tells apart.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum DocumentKind {
    /// `{phase}-{plan}-PLAN.md`: must-haves and XML-ish tasks.
    Plan,
    /// `{phase}-VERIFICATION.md`: status, score, gaps, truths table.
    Verification,
    /// `{phase}-{plan}-SUMMARY.md`: what a plan delivered.
    Summary,
    /// `STATE.md`: the project's current position.
    State,
    /// `ROADMAP.md`: the list of phases.
    Roadmap,
    /// `{phase}-UAT.md`: user acceptance testing.
    Uat,
    /// `{phase}-CONTEXT.md`: decisions gathered before planning.
    Context,
    /// `{phase}-RESEARCH.md`: research notes before planning.
    Research,
    /// Any other markdown: free-form reports such as `19-GAP-CLOSURE-REPORT.md`.
    Other,
}

impl DocumentKind {
    /// The stable key used by the page (`data-kind`); context and research count as "other".
    pub fn key(self) -> &'static str {
        match self {
            DocumentKind::Plan => "plan",
            DocumentKind::Verification => "verification",
            DocumentKind::Summary => "summary",
            DocumentKind::State => "state",
            DocumentKind::Roadmap => "roadmap",
            DocumentKind::Uat => "uat",
            DocumentKind::Context | DocumentKind::Research | DocumentKind::Other => "other",
        }
    }

    /// A short human label for lists and headings.
    pub fn label(self) -> &'static str {
        match self {
            DocumentKind::Plan => "Plan",
            DocumentKind::Verification => "Verification",
            DocumentKind::Summary => "Summary",
            DocumentKind::State => "State",
            DocumentKind::Roadmap => "Roadmap",
            DocumentKind::Uat => "UAT",
            DocumentKind::Context => "Context",
            DocumentKind::Research => "Research",
            DocumentKind::Other => "Report",
        }
    }

    /// The kind a GSD file name announces, e.g. `12-01-PLAN.md` or `ROADMAP.md`.
    ///
    /// GSD writes these suffixes in capitals; lower-case names are left to the frontmatter
    /// check so an ordinary `migration-plan.md` is not taken for a plan.
    /// A version or copy mark after the kind (`ROADMAP_V2.md`, `ROADMAP-v7.0-backup.md`,
    /// `STATE.old.md`) is left out first: those files are still roadmaps and states.
    pub fn from_file_name(file_name: &str) -> Option<DocumentKind> {
        let stem = without_variant_marks(markdown_stem(file_name));
        let named = |word: &str| {
            stem == word
                || stem
                    .strip_suffix(word)
                    .is_some_and(|before| before.ends_with(['-', '_', '.']))
        };
        [
            ("PLAN", DocumentKind::Plan),
            ("VERIFICATION", DocumentKind::Verification),
            ("SUMMARY", DocumentKind::Summary),
            ("UAT", DocumentKind::Uat),
            ("CONTEXT", DocumentKind::Context),
            ("RESEARCH", DocumentKind::Research),
            ("ROADMAP", DocumentKind::Roadmap),
            ("STATE", DocumentKind::State),
        ]
        .into_iter()
        .find(|(word, _)| named(word))
        .map(|(_, kind)| kind)
    }

    /// The kind a frontmatter's keys point to, for files whose name says nothing.
    ///
    /// `score` with `verified` marks a verification; `must_haves`, `wave` or `depends_on` a
    /// plan; `subsystem`, `tech-stack` or `provides` a summary; `gsd_state_version` a state.
    pub fn from_frontmatter(frontmatter: &Frontmatter) -> Option<DocumentKind> {
        let has = |key: &str| frontmatter.has_key(key);
        if has("score") && has("verified") {
            Some(DocumentKind::Verification)
        } else if has("must_haves") || has("wave") || has("depends_on") {
            Some(DocumentKind::Plan)
        } else if has("subsystem") || has("tech-stack") || has("tech_stack") || has("provides") {
            Some(DocumentKind::Summary)
        } else if has("gsd_state_version") {
            Some(DocumentKind::State)
        } else {
            None
        }
    }
}

/// Words that mark a copy or version of a document rather than its kind.
const VARIANT_WORDS: &[&str] = &[
    "backup", "bak", "old", "copy", "draft", "orig", "original", "archive", "archived", "prev",
    "previous", "new", "final", "wip", "tmp",
];

/// The stem without trailing version and copy marks: `ROADMAP-v7.0-backup` gives `ROADMAP`.
fn without_variant_marks(stem: &str) -> &str {
    let mut stem = stem;
    while let Some(cut) = stem.rfind(['-', '_', '.']) {
        let word = &stem[cut + 1..];
        let version = word
            .strip_prefix(['v', 'V'])
            .unwrap_or(word)
            .bytes()
            .all(|byte| byte.is_ascii_digit());
        let variant = VARIANT_WORDS
            .iter()
            .any(|mark| word.eq_ignore_ascii_case(mark));
        if word.is_empty() || !(version || variant) {
            break;
        }
        stem = &stem[..cut];
    }
    stem
}

/// The file name without a `.md`, `.markdown`, `.mdx` or `.txt` extension (any case).
pub(crate) fn markdown_stem(file_name: &str) -> &str {
    for extension in [".md", ".markdown", ".mdx", ".txt"] {
        let cut = file_name.len().saturating_sub(extension.len());
        let has_extension = file_name
            .get(cut..)
            .is_some_and(|tail| tail.eq_ignore_ascii_case(extension));
        if has_extension {
            return file_name.get(..cut).unwrap_or(file_name);
        }
    }
    file_name
}
