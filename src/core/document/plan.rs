//! Plan facts: frontmatter (wave, dependencies, must-haves) and the body's XML-ish tasks.
//!
//! Refs: get-shit-done templates (phase-prompt.md/PLAN: `phase, plan, type, wave,
//! depends_on, files_modified, autonomous, requirements, gap_closure, must_haves{truths,
//! artifacts[{path, provides, min_lines, contains, exports}], key_links[{from, to, via,
//! pattern}]}`; body `<tasks><task type="..."><name> <files> <action> <verify> <done>`).
use super::body::{node_text, TagNode};
use super::frontmatter::{Frontmatter, FrontmatterValue};
use crate::core::text::Diagnostic;
use serde::{Deserialize, Serialize};

/// What a plan says it will do and how success is checked.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanFacts {
    /// The wave as written (`1`, `"2"`).
    pub wave: Option<String>,
    pub depends_on: Vec<String>,
    pub gap_closure: bool,
    /// The frontmatter `type` (`execute`, `tdd`).
    pub plan_type: Option<String>,
    pub autonomous: Option<bool>,
    /// Paths; empty when the field is missing or is a bare count (see the warnings).
    pub files_modified: Vec<String>,
    pub requirements: Vec<String>,
    pub must_haves: MustHaves,
    pub tasks: Vec<PlanTask>,
    pub objective: Option<String>,
    pub verification: Option<String>,
    pub success_criteria: Option<String>,
}

/// The plan's `must_haves`: truths to observe, artifacts to exist, links to be wired.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct MustHaves {
    pub truths: Vec<String>,
    pub artifacts: Vec<Artifact>,
    pub key_links: Vec<KeyLink>,
}

/// A file the plan must produce.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Artifact {
    pub path: String,
    pub provides: Option<String>,
    pub min_lines: Option<u64>,
    /// Text the file must contain; one item per pattern.
    pub contains: Vec<String>,
    pub exports: Vec<String>,
}

/// A connection that must exist between two files.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct KeyLink {
    pub from: String,
    pub to: String,
    pub via: Option<String>,
    pub pattern: Option<String>,
}

/// One `<task>` block of the plan body.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct PlanTask {
    /// The `type` attribute (`auto`, `checkpoint:human-verify`, ...).
    pub task_type: Option<String>,
    pub name: Option<String>,
    /// The `<files>` entries, split on commas and lines.
    pub files: Vec<String>,
    pub action: Option<String>,
    pub verify: Option<String>,
    pub done: Option<String>,
    /// False when the author never wrote `</task>`.
    pub closed: bool,
    /// Other child blocks (`<what-built>`, `<how-to-verify>`, ...) as tag and text.
    pub other_parts: Vec<(String, String)>,
}

/// Reads plan facts from the frontmatter and the body (with its tag tree `roots`); odd
/// shapes become warnings.
pub(crate) fn plan_facts(
    frontmatter: Option<&Frontmatter>,
    body: &str,
    roots: &[TagNode],
    body_first_line: usize,
    warnings: &mut Vec<Diagnostic>,
) -> PlanFacts {
    let field = |key: &str| frontmatter.and_then(|frontmatter| frontmatter.get(key));
    let text_field = |key: &str| {
        field(key)
            .map(FrontmatterValue::display_text)
            .map(|text| text.trim().to_string())
            .filter(|text| !text.is_empty())
    };
    let files_modified = match field("files_modified") {
        Some(FrontmatterValue::Text(text)) if text.trim().parse::<u64>().is_ok() => {
            warnings.push(Diagnostic::warning(format!(
                "files_modified is a count ({}), not a list of paths",
                text.trim()
            )));
            Vec::new()
        }
        Some(value) => value.text_items(),
        None => Vec::new(),
    };
    let tasks = collect_tasks(body, roots, body_first_line, warnings);
    PlanFacts {
        wave: text_field("wave"),
        depends_on: field("depends_on").map(list_items).unwrap_or_default(),
        gap_closure: text_field("gap_closure").is_some_and(|text| is_true(&text)),
        plan_type: text_field("type"),
        autonomous: text_field("autonomous").and_then(|text| parse_bool(&text)),
        files_modified,
        requirements: field("requirements").map(list_items).unwrap_or_default(),
        must_haves: field("must_haves").map(read_must_haves).unwrap_or_default(),
        tasks,
        objective: section_text(body, roots, "objective"),
        verification: section_text(body, roots, "verification"),
        success_criteria: section_text(body, roots, "success_criteria"),
    }
}

/// A list field's items; a comma-separated scalar (`depends_on: "12-01, 12-02"`) is split.
fn list_items(value: &FrontmatterValue) -> Vec<String> {
    match value {
        FrontmatterValue::Text(text) => text
            .split(',')
            .map(|item| item.trim().trim_matches(['"', '\'']).to_string())
            .filter(|item| !item.is_empty() && item != "[]")
            .collect(),
        other => other.text_items(),
    }
}

fn is_true(text: &str) -> bool {
    parse_bool(text) == Some(true)
}

fn parse_bool(text: &str) -> Option<bool> {
    match text.trim().to_ascii_lowercase().as_str() {
        "true" | "yes" | "y" | "on" => Some(true),
        "false" | "no" | "n" | "off" => Some(false),
        _ => None,
    }
}

/// Reads `must_haves`, which is usually a map but sometimes a flat list mixing truths,
/// artifacts (`{path: ...}`) and links (`{from: ..., to: ...}`).
fn read_must_haves(value: &FrontmatterValue) -> MustHaves {
    let mut must_haves = MustHaves::default();
    match value {
        FrontmatterValue::Map(_) => {
            if let Some(truths) = value.get("truths") {
                must_haves.truths = truths.text_items();
            }
            if let Some(artifacts) = value.get("artifacts") {
                must_haves.artifacts = items_of(artifacts)
                    .into_iter()
                    .filter_map(read_artifact)
                    .collect();
            }
            if let Some(links) = value.get_any(&["key_links", "key-links"]) {
                must_haves.key_links = items_of(links)
                    .into_iter()
                    .filter_map(read_key_link)
                    .collect();
            }
        }
        FrontmatterValue::List(items) => {
            for item in items {
                match item {
                    FrontmatterValue::Map(_)
                        if item.get("truths").is_some() || item.get("artifacts").is_some() =>
                    {
                        let nested = read_must_haves(item);
                        must_haves.truths.extend(nested.truths);
                        must_haves.artifacts.extend(nested.artifacts);
                        must_haves.key_links.extend(nested.key_links);
                    }
                    FrontmatterValue::Map(_)
                        if item.get("from").is_some() || item.get("to").is_some() =>
                    {
                        must_haves.key_links.extend(read_key_link(item));
                    }
                    FrontmatterValue::Map(_) if item.get("path").is_some() => {
                        must_haves.artifacts.extend(read_artifact(item));
                    }
                    other if !other.is_empty() => must_haves.truths.push(other.display_text()),
                    _ => {}
                }
            }
        }
        FrontmatterValue::Text(text) if !text.trim().is_empty() => {
            must_haves.truths.push(text.trim().to_string());
        }
        _ => {}
    }
    must_haves
}

fn items_of(value: &FrontmatterValue) -> Vec<&FrontmatterValue> {
    match value {
        FrontmatterValue::List(items) => items.iter().collect(),
        FrontmatterValue::Empty => Vec::new(),
        other => vec![other],
    }
}

fn read_artifact(item: &FrontmatterValue) -> Option<Artifact> {
    match item {
        FrontmatterValue::Text(path) if !path.trim().is_empty() => Some(Artifact {
            path: path.trim().to_string(),
            ..Artifact::default()
        }),
        FrontmatterValue::Map(_) => {
            let text_of = |key: &str| {
                item.get(key)
                    .map(FrontmatterValue::display_text)
                    .map(|text| text.trim().to_string())
                    .filter(|text| !text.is_empty())
            };
            Some(Artifact {
                path: text_of("path").unwrap_or_default(),
                provides: text_of("provides"),
                min_lines: text_of("min_lines").and_then(|text| leading_number(&text)),
                contains: item
                    .get("contains")
                    .map(FrontmatterValue::text_items)
                    .unwrap_or_default(),
                exports: item.get("exports").map(list_items).unwrap_or_default(),
            })
        }
        _ => None,
    }
}

fn read_key_link(item: &FrontmatterValue) -> Option<KeyLink> {
    let text_of = |key: &str| {
        item.get(key)
            .map(FrontmatterValue::display_text)
            .map(|text| text.trim().to_string())
            .filter(|text| !text.is_empty())
    };
    match item {
        FrontmatterValue::Map(_) => Some(KeyLink {
            from: text_of("from").unwrap_or_default(),
            to: text_of("to").unwrap_or_default(),
            via: text_of("via"),
            pattern: text_of("pattern"),
        }),
        _ => None,
    }
}

/// `500`, `500+`, `~500 lines` all give 500.
fn leading_number(text: &str) -> Option<u64> {
    let digits: String = text
        .trim_start_matches(|character: char| !character.is_ascii_digit())
        .chars()
        .take_while(char::is_ascii_digit)
        .collect();
    digits.parse().ok()
}

/// Every `<task>` in document order, with a warning for each one never closed.
fn collect_tasks(
    body: &str,
    roots: &[TagNode],
    body_first_line: usize,
    warnings: &mut Vec<Diagnostic>,
) -> Vec<PlanTask> {
    let mut task_nodes = Vec::new();
    gather_nodes(roots, "task", &mut task_nodes);
    task_nodes
        .into_iter()
        .enumerate()
        .map(|(index, node)| {
            let mut task = PlanTask {
                task_type: node
                    .attributes
                    .iter()
                    .find(|(name, _)| name == "type")
                    .map(|(_, value)| value.clone()),
                closed: node.closed,
                ..PlanTask::default()
            };
            for child in &node.children {
                let text = node_text(body, child);
                let slot = match child.tag.as_str() {
                    "name" => &mut task.name,
                    "action" => &mut task.action,
                    "verify" => &mut task.verify,
                    "done" => &mut task.done,
                    "files" => {
                        task.files = text
                            .split([',', '\n'])
                            .map(|file| file.trim().trim_start_matches("- ").trim().to_string())
                            .filter(|file| !file.is_empty())
                            .collect();
                        continue;
                    }
                    _ => {
                        task.other_parts.push((child.tag.clone(), text));
                        continue;
                    }
                };
                *slot = Some(text).filter(|text| !text.is_empty());
            }
            if !node.closed {
                let line = node.line + body_first_line - 1;
                let name = task
                    .name
                    .as_deref()
                    .map(|name| format!(" (\u{201c}{name}\u{201d})"))
                    .unwrap_or_default();
                warnings.push(Diagnostic::warning(format!(
                    "task {}{name} opened on line {line} is never closed with </task>; it is \
                     taken to end where the next section starts",
                    index + 1
                )));
            }
            task
        })
        .collect()
}

fn gather_nodes<'a>(nodes: &'a [TagNode], tag: &str, found: &mut Vec<&'a TagNode>) {
    for node in nodes {
        if node.tag == tag {
            found.push(node);
        } else {
            gather_nodes(&node.children, tag, found);
        }
    }
}

/// The text of the first section with this tag that is not inside a task.
fn section_text(body: &str, roots: &[TagNode], tag: &str) -> Option<String> {
    fn find<'a>(nodes: &'a [TagNode], tag: &str) -> Option<&'a TagNode> {
        nodes.iter().find_map(|node| {
            if node.tag == tag {
                Some(node)
            } else if node.tag == "task" {
                None
            } else {
                find(&node.children, tag)
            }
        })
    }
    find(roots, tag)
        .map(|node| node_text(body, node))
        .filter(|text| !text.is_empty())
}
