//! Strict frontmatter reading: granit-parser's YAML events built into frontmatter values,
//! every scalar with its spelling and line, under budgets that keep hostile YAML cheap.
//!
//! Refs: YAML 1.2.2, section 10.3 (the core schema: which plain scalars are null);
//! granit-parser's `Event` stream and `Span` markers (1-based lines).
use std::borrow::Cow;
use std::collections::HashMap;

use granit_parser::{Event, Parser, ScalarStyle, Span, Tag};

use super::{FrontmatterEntry, FrontmatterValue, Scalar};

/// A key that appeared twice in one mapping; the later value was kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct DuplicateKey {
    /// Where it sits, e.g. `gaps[0].status`.
    pub path: String,
    /// The 1-based file line of the later occurrence.
    pub line: usize,
}

/// The result of a successful strict read.
#[derive(Clone, Debug, PartialEq)]
pub(super) struct StrictReading {
    pub root: FrontmatterValue,
    pub duplicate_keys: Vec<DuplicateKey>,
}

/// Why the YAML parser rejected the block, with the file line when known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(super) struct StrictFailure {
    pub message: String,
    pub line: Option<usize>,
}

/// Parser events read before giving up, counting the events an alias replays.
const MAX_EVENTS: usize = 500_000;
/// Aliases (`*name`) allowed in one block.
const MAX_ALIASES: usize = 1_000;
/// Anchors (`&name`) allowed in one block.
const MAX_ANCHORS: usize = 1_000;
/// Lists and maps nested inside each other, the root counting as one.
const MAX_DEPTH: usize = 32;
/// Values (scalars, lists, maps) in the finished tree, replayed ones included.
const MAX_NODES: usize = 200_000;
/// Bytes of scalar text in the finished tree, replayed ones included.
const MAX_TOTAL_SCALAR_BYTES: usize = 4 * 1024 * 1024;
/// Events all aliases together may replay: the billion-laughs guard.
const MAX_TOTAL_REPLAYED_EVENTS: usize = 10_000;
/// Times one anchor may be replayed.
const MAX_ALIAS_EXPANSIONS_PER_ANCHOR: usize = 200;

/// Parses frontmatter text as one YAML document whose first line is file line `first_line`.
///
/// Alias expansion, nesting, node count and scalar bytes are all capped, so an alias bomb
/// ("billion laughs") fails fast with a message instead of expanding.
pub(super) fn read_strict_yaml(
    text: &str,
    first_line: usize,
) -> Result<StrictReading, StrictFailure> {
    let file_line = |block_line: usize| block_line + first_line.saturating_sub(1);
    let mut builder = TreeBuilder::default();
    for next in Parser::new_from_str(text) {
        let (event, span) = next.map_err(|error| StrictFailure {
            message: error.info(),
            line: Some(file_line(error.marker().line())),
        })?;
        let line = file_line(span.start.line());
        builder
            .take_event(event, span, line)
            .map_err(|message| StrictFailure {
                message,
                line: Some(line),
            })?;
    }
    Ok(StrictReading {
        root: builder.root.unwrap_or(FrontmatterValue::Empty),
        duplicate_keys: builder.duplicates,
    })
}

/// Turns the event stream into one value, expanding aliases and counting budgets.
#[derive(Default)]
struct TreeBuilder {
    /// The lists and maps still open, innermost last.
    open: Vec<OpenCollection>,
    root: Option<FrontmatterValue>,
    documents: usize,
    duplicates: Vec<DuplicateKey>,
    /// Finished anchored values by anchor id, with the events replaying one costs.
    anchors: HashMap<usize, AnchoredValue>,
    /// Events seen so far, each alias counting the events of what it replays.
    events: usize,
    aliases: usize,
    nodes: usize,
    scalar_bytes: usize,
    replayed_events: usize,
}

struct AnchoredValue {
    node: FrontmatterValue,
    event_count: usize,
    expansions: usize,
}

struct OpenCollection {
    anchor: usize,
    /// `events` when this collection started, to size it for replays.
    first_event: usize,
    /// Where it sits, e.g. `gaps[0]`, for naming duplicate keys.
    path: String,
    body: OpenBody,
}

enum OpenBody {
    List(Vec<FrontmatterValue>),
    Map {
        entries: Vec<FrontmatterEntry>,
        positions: HashMap<String, usize>,
        /// The key read and its line, waiting for its value.
        pending_key: Option<(String, usize)>,
    },
}

impl TreeBuilder {
    fn take_event(&mut self, event: Event<'_>, _span: Span, line: usize) -> Result<(), String> {
        self.events += 1;
        if self.events > MAX_EVENTS {
            return Err(format!(
                "it has more than {MAX_EVENTS} YAML items, more than Covscope reads"
            ));
        }
        let (node, anchor, first_event) = match event {
            Event::DocumentStart(..) => {
                self.documents += 1;
                if self.documents > 1 {
                    return Err("it holds more than one YAML document".to_string());
                }
                return Ok(());
            }
            Event::Scalar(value, style, anchor, tag) => {
                self.count_node()?;
                self.scalar_bytes += value.len();
                if self.scalar_bytes > MAX_TOTAL_SCALAR_BYTES {
                    return Err(format!(
                        "its values hold more than {MAX_TOTAL_SCALAR_BYTES} bytes, more than Covscope reads"
                    ));
                }
                (
                    resolve_scalar(value, style, tag, line),
                    anchor,
                    self.events - 1,
                )
            }
            Event::SequenceStart(_, anchor, _) | Event::MappingStart(_, anchor, _) => {
                self.count_node()?;
                if self.open.len() >= MAX_DEPTH {
                    return Err(format!(
                        "it nests deeper than {MAX_DEPTH} levels, more than Covscope reads"
                    ));
                }
                let path = self.child_path();
                let body = if matches!(event, Event::SequenceStart(..)) {
                    OpenBody::List(Vec::new())
                } else {
                    OpenBody::Map {
                        entries: Vec::new(),
                        positions: HashMap::new(),
                        pending_key: None,
                    }
                };
                self.open.push(OpenCollection {
                    anchor,
                    first_event: self.events - 1,
                    path,
                    body,
                });
                return Ok(());
            }
            Event::SequenceEnd | Event::MappingEnd => {
                let Some(finished) = self.open.pop() else {
                    return Err("a list or map ended that never started".to_string());
                };
                let node = match finished.body {
                    OpenBody::List(items) => FrontmatterValue::List(items),
                    OpenBody::Map { entries, .. } => FrontmatterValue::Map(entries),
                };
                (node, finished.anchor, finished.first_event)
            }
            Event::Alias(anchor) => {
                let node = self.replay(anchor)?;
                (node, 0, self.events)
            }
            Event::UnresolvedAlias(name) => {
                return Err(format!("unknown anchor `{name}`"));
            }
            // Stream and document ends, and anchor and comment metadata (not asked for).
            _ => return Ok(()),
        };
        if anchor > 0 {
            if self.anchors.len() >= MAX_ANCHORS {
                return Err(format!(
                    "it has more than {MAX_ANCHORS} anchors, more than Covscope reads"
                ));
            }
            self.anchors.insert(
                anchor,
                AnchoredValue {
                    node: node.clone(),
                    event_count: self.events - first_event,
                    expansions: 0,
                },
            );
        }
        self.place(node, line)
    }

    fn count_node(&mut self) -> Result<(), String> {
        self.nodes += 1;
        if self.nodes > MAX_NODES {
            return Err(format!(
                "it has more than {MAX_NODES} values, more than Covscope reads"
            ));
        }
        Ok(())
    }

    /// A copy of an anchored value, charged to the replay budgets.
    fn replay(&mut self, anchor: usize) -> Result<FrontmatterValue, String> {
        self.aliases += 1;
        if self.aliases > MAX_ALIASES {
            return Err(format!(
                "it has more than {MAX_ALIASES} aliases, more than Covscope expands"
            ));
        }
        let Some(anchored) = self.anchors.get_mut(&anchor) else {
            // The parser rejects unknown names, so this is an alias inside its own anchor.
            return Err("an alias refers to the value that contains it".to_string());
        };
        anchored.expansions += 1;
        if anchored.expansions > MAX_ALIAS_EXPANSIONS_PER_ANCHOR {
            return Err(format!(
                "one anchor is repeated by aliases more than \
                 {MAX_ALIAS_EXPANSIONS_PER_ANCHOR} times, more than Covscope expands"
            ));
        }
        self.replayed_events += anchored.event_count;
        if self.replayed_events > MAX_TOTAL_REPLAYED_EVENTS {
            return Err(format!(
                "its aliases repeat {} YAML items, more than the \
                 {MAX_TOTAL_REPLAYED_EVENTS} Covscope expands (an alias bomb?)",
                self.replayed_events
            ));
        }
        // Replayed values count as if written out, so a replay cannot dodge the budgets.
        let (nodes, scalar_bytes) = measure(&anchored.node);
        let node = anchored.node.clone();
        // The alias event itself was counted; its replay stands in for it.
        self.events += anchored.event_count.saturating_sub(1);
        self.nodes += nodes;
        self.scalar_bytes += scalar_bytes;
        if self.events > MAX_EVENTS
            || self.nodes > MAX_NODES
            || self.scalar_bytes > MAX_TOTAL_SCALAR_BYTES
        {
            return Err("an alias repeats more than Covscope reads".to_string());
        }
        Ok(node)
    }

    /// The path a value about to be placed in the innermost open collection will have.
    fn child_path(&self) -> String {
        match self.open.last() {
            None => String::new(),
            Some(parent) => match &parent.body {
                OpenBody::List(items) => format!("{}[{}]", parent.path, items.len()),
                OpenBody::Map { pending_key, .. } => match (pending_key, parent.path.is_empty()) {
                    (Some((key, _)), true) => key.clone(),
                    (Some((key, _)), false) => format!("{}.{key}", parent.path),
                    // A collection in key position; `place` rejects it.
                    (None, _) => parent.path.clone(),
                },
            },
        }
    }

    /// Puts a finished value into its parent: a list item, a map key or value, or the root.
    fn place(&mut self, node: FrontmatterValue, line: usize) -> Result<(), String> {
        let Some(parent) = self.open.last_mut() else {
            self.root = Some(node);
            return Ok(());
        };
        let parent_path = &parent.path;
        match &mut parent.body {
            OpenBody::List(items) => items.push(node),
            OpenBody::Map {
                entries,
                positions,
                pending_key,
            } => match pending_key.take() {
                None => *pending_key = Some((key_text(node)?, line)),
                Some((key, key_line)) => {
                    match positions
                        .get(&key)
                        .and_then(|&index| entries.get_mut(index))
                    {
                        Some(entry) => {
                            // The last value wins but keeps the first position, so a fact
                            // panel keeps the author's order.
                            entry.value = node;
                            let path = if parent_path.is_empty() {
                                key
                            } else {
                                format!("{parent_path}.{key}")
                            };
                            self.duplicates.push(DuplicateKey {
                                path,
                                line: key_line,
                            });
                        }
                        None => {
                            positions.insert(key.clone(), entries.len());
                            entries.push(FrontmatterEntry {
                                key,
                                line: key_line,
                                value: node,
                            });
                        }
                    }
                }
            },
        }
        Ok(())
    }
}

/// A mapping key as text; a list or map used as a key is rejected.
fn key_text(node: FrontmatterValue) -> Result<String, String> {
    match node {
        FrontmatterValue::Empty => Ok("null".to_string()),
        FrontmatterValue::Text(scalar) => Ok(scalar.text),
        FrontmatterValue::List(_) => {
            Err("invalid type: sequence, expected a plain key".to_string())
        }
        FrontmatterValue::Map(_) => Err("invalid type: map, expected a plain key".to_string()),
    }
}

/// How many values and scalar bytes a subtree holds.
fn measure(node: &FrontmatterValue) -> (usize, usize) {
    match node {
        FrontmatterValue::Empty => (1, 0),
        FrontmatterValue::Text(text) => (1, text.len()),
        FrontmatterValue::List(items) => items.iter().fold((1, 0), |(nodes, bytes), item| {
            let (item_nodes, item_bytes) = measure(item);
            (nodes + item_nodes, bytes + item_bytes)
        }),
        FrontmatterValue::Map(entries) => entries.iter().fold((1, 0), |(nodes, bytes), entry| {
            let (value_nodes, value_bytes) = measure(&entry.value);
            (
                nodes + 1 + value_nodes,
                bytes + entry.key.len() + value_bytes,
            )
        }),
    }
}

/// A scalar as written, or nothing for a null: quoted text and explicit `!!str` stay text,
/// a plain `~`, `null` or empty scalar (or an explicit `!!null`) is empty. Numbers and
/// booleans keep the author's spelling (`08`, `1.50`, `True`): GSD ids are text.
fn resolve_scalar(
    value: Cow<'_, str>,
    style: ScalarStyle,
    tag: Option<Cow<'_, Tag>>,
    line: usize,
) -> FrontmatterValue {
    let core_tag = tag.as_deref().and_then(|tag| tag.core_suffix());
    let plain_without_tag = matches!(style, ScalarStyle::Plain) && tag.is_none();
    let trimmed = value.trim_matches([' ', '\t', '\r', '\n']);
    let null_spelling =
        trimmed.is_empty() || trimmed == "~" || trimmed.eq_ignore_ascii_case("null");
    if core_tag == Some("null") || (plain_without_tag && null_spelling) {
        return FrontmatterValue::Empty;
    }
    FrontmatterValue::Text(Scalar::new(value.into_owned(), line))
}
