//! Summary facts: the one-liner, timing, key files and decisions of a finished plan.
//!
//! Refs: get-shit-done templates (summary.md: `phase, plan, subsystem, tags, requires,
//! provides, affects, tech-stack{added, patterns}, key-files{created, modified},
//! key-decisions, duration, completed`; body title, bold one-liner, `**Duration:**`).
use super::body::find_labelled_value;
use super::frontmatter::{Frontmatter, FrontmatterValue};
use super::markdown::first_paragraph_after_title;
use serde::{Deserialize, Serialize};

/// What a plan summary reports.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct SummaryFacts {
    /// The bold line (or first paragraph) under the title.
    pub one_liner: Option<String>,
    pub duration: Option<String>,
    pub completed: Option<String>,
    pub key_files: KeyFiles,
    /// `key-decisions`, one text per decision.
    pub decisions: Vec<String>,
    pub subsystem: Option<String>,
    pub tags: Vec<String>,
    /// `tech-stack` groups in order, e.g. `("added", ["serde"])`; a flat list has an empty
    /// group name.
    pub tech_stack: Vec<(String, Vec<String>)>,
}

/// `key-files`, split by what happened to each file.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyFiles {
    pub created: Vec<String>,
    pub modified: Vec<String>,
    /// Files under any other heading, or a flat list with no heading.
    pub other: Vec<String>,
}

/// Reads summary facts from the frontmatter and body (`body_lines`: the lines outside code;
/// `flattened`: the body without tags).
pub(crate) fn summary_facts(
    frontmatter: Option<&Frontmatter>,
    body_lines: &[&str],
    flattened: &str,
) -> SummaryFacts {
    let field = |keys: &[&str]| frontmatter.and_then(|frontmatter| frontmatter.get_any(keys));
    let text_field = |keys: &[&str]| {
        field(keys)
            .map(FrontmatterValue::display_text)
            .map(|text| text.trim().to_string())
            .filter(|text| !text.is_empty())
    };
    SummaryFacts {
        one_liner: first_paragraph_after_title(flattened),
        duration: text_field(&["duration"])
            .or_else(|| find_labelled_value(body_lines, &["Duration"], true)),
        completed: text_field(&["completed"])
            .or_else(|| find_labelled_value(body_lines, &["Completed"], true)),
        key_files: field(&["key-files", "key_files"])
            .map(read_key_files)
            .unwrap_or_default(),
        decisions: field(&["key-decisions", "key_decisions"])
            .map(FrontmatterValue::text_items)
            .unwrap_or_default(),
        subsystem: text_field(&["subsystem"]),
        tags: field(&["tags"]).map(tag_items).unwrap_or_default(),
        tech_stack: field(&["tech-stack", "tech_stack"])
            .map(read_tech_stack)
            .unwrap_or_default(),
    }
}

fn read_key_files(value: &FrontmatterValue) -> KeyFiles {
    let mut key_files = KeyFiles::default();
    match value {
        FrontmatterValue::Map(entries) => {
            for entry in entries {
                let files = entry.value.text_items();
                match entry.key.as_str() {
                    "created" | "added" | "new" => key_files.created.extend(files),
                    "modified" | "changed" | "updated" => key_files.modified.extend(files),
                    _ => key_files.other.extend(files),
                }
            }
        }
        other => key_files.other = other.text_items(),
    }
    key_files
}

/// Tags as a list, or a comma-separated scalar (`tags: a, b`).
fn tag_items(value: &FrontmatterValue) -> Vec<String> {
    match value {
        FrontmatterValue::Text(text) => text
            .trim_matches(['[', ']'])
            .split(',')
            .map(|tag| tag.trim().to_string())
            .filter(|tag| !tag.is_empty())
            .collect(),
        other => other.text_items(),
    }
}

fn read_tech_stack(value: &FrontmatterValue) -> Vec<(String, Vec<String>)> {
    match value {
        FrontmatterValue::Map(entries) => entries
            .iter()
            .map(|entry| (entry.key.clone(), entry.value.text_items()))
            .collect(),
        other if !other.is_empty() => vec![(String::new(), other.text_items())],
        _ => Vec::new(),
    }
}
