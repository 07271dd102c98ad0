//! Strict frontmatter reading: granit-parser's YAML events built into a tree, under budgets
//! that keep hostile YAML cheap.
//!
//! Refs: YAML 1.2.2, section 10.3 (the core schema: which plain scalars are null, booleans,
//! integers and floats); granit-parser's `Event` stream (the parser serde-saphyr runs on),
//! and serde-saphyr's untyped reading, whose results and messages this keeps.
use std::borrow::Cow;
use std::collections::HashMap;

use granit_parser::{Event, Parser, ScalarStyle, Span, Tag};

use super::frontmatter::{FrontmatterEntry, FrontmatterValue};

/// A YAML value as read, before it becomes a `FrontmatterValue`.
#[derive(Clone, Debug, PartialEq)]
pub(crate) enum YamlNode {
    Empty,
    /// A string scalar.
    Text(String),
    /// A number or boolean, rendered as text; its original spelling is lost.
    Typed(String),
    List(Vec<YamlNode>),
    Map(Vec<(String, YamlNode)>),
}

/// A key that appeared twice in one mapping; the later value was kept.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct DuplicateKey {
    /// The bare key, e.g. `status`.
    pub key: String,
    /// Where it sits, e.g. `gaps[0].status`.
    pub path: String,
}

/// The result of a successful strict read.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct StrictReading {
    pub root: YamlNode,
    pub duplicate_keys: Vec<DuplicateKey>,
}

/// Why the YAML parser rejected the block, with the block-relative line when known.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct StrictFailure {
    pub message: String,
    pub line: Option<u64>,
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

/// Parses frontmatter text as one YAML document.
///
/// Alias expansion, nesting, node count and scalar bytes are all capped, so an alias bomb
/// ("billion laughs") fails fast with a message instead of expanding.
pub(crate) fn read_strict_yaml(text: &str) -> Result<StrictReading, StrictFailure> {
    let mut builder = TreeBuilder::default();
    for next in Parser::new_from_str(text) {
        let (event, span) = next.map_err(|error| StrictFailure {
            message: error.info(),
            line: Some(error.marker().line() as u64),
        })?;
        builder
            .take_event(event, span)
            .map_err(|message| StrictFailure {
                message,
                line: Some(span.start.line() as u64),
            })?;
    }
    Ok(StrictReading {
        root: builder.root.unwrap_or(YamlNode::Empty),
        duplicate_keys: builder.duplicates,
    })
}

impl YamlNode {
    /// Converts to the public value type; numbers and booleans become plain text.
    pub(crate) fn into_value(self) -> FrontmatterValue {
        match self {
            YamlNode::Empty => FrontmatterValue::Empty,
            YamlNode::Text(text) | YamlNode::Typed(text) => FrontmatterValue::Text(text),
            YamlNode::List(items) => {
                FrontmatterValue::List(items.into_iter().map(YamlNode::into_value).collect())
            }
            YamlNode::Map(pairs) => FrontmatterValue::Map(
                pairs
                    .into_iter()
                    .map(|(key, node)| FrontmatterEntry {
                        key,
                        value: node.into_value(),
                    })
                    .collect(),
            ),
        }
    }
}

/// Turns the event stream into one `YamlNode`, expanding aliases and counting budgets.
#[derive(Default)]
struct TreeBuilder {
    /// The lists and maps still open, innermost last.
    open: Vec<OpenCollection>,
    root: Option<YamlNode>,
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
    node: YamlNode,
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
    List(Vec<YamlNode>),
    Map {
        pairs: Vec<(String, YamlNode)>,
        positions: HashMap<String, usize>,
        /// The key read, waiting for its value.
        pending_key: Option<String>,
    },
}

impl TreeBuilder {
    fn take_event(&mut self, event: Event<'_>, _span: Span) -> Result<(), String> {
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
                (resolve_scalar(value, style, tag), anchor, self.events - 1)
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
                        pairs: Vec::new(),
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
                    OpenBody::List(items) => YamlNode::List(items),
                    OpenBody::Map { pairs, .. } => YamlNode::Map(pairs),
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
        self.place(node)
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
    fn replay(&mut self, anchor: usize) -> Result<YamlNode, String> {
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
                    (Some(key), true) => key.clone(),
                    (Some(key), false) => format!("{}.{key}", parent.path),
                    // A collection in key position; `place` rejects it.
                    (None, _) => parent.path.clone(),
                },
            },
        }
    }

    /// Puts a finished value into its parent: a list item, a map key or value, or the root.
    fn place(&mut self, node: YamlNode) -> Result<(), String> {
        let Some(parent) = self.open.last_mut() else {
            self.root = Some(node);
            return Ok(());
        };
        let parent_path = &parent.path;
        match &mut parent.body {
            OpenBody::List(items) => items.push(node),
            OpenBody::Map {
                pairs,
                positions,
                pending_key,
            } => match pending_key.take() {
                None => *pending_key = Some(key_text(node)?),
                Some(key) => match positions.get(&key).and_then(|&index| pairs.get_mut(index)) {
                    Some(pair) => {
                        // The last value wins but keeps the first position, so a fact
                        // panel keeps the author's order.
                        pair.1 = node;
                        let path = if parent_path.is_empty() {
                            key.clone()
                        } else {
                            format!("{parent_path}.{key}")
                        };
                        self.duplicates.push(DuplicateKey { key, path });
                    }
                    None => {
                        positions.insert(key.clone(), pairs.len());
                        pairs.push((key, node));
                    }
                },
            },
        }
        Ok(())
    }
}

/// A mapping key as text; a list or map used as a key is rejected.
fn key_text(node: YamlNode) -> Result<String, String> {
    match node {
        YamlNode::Empty => Ok("null".to_string()),
        YamlNode::Text(text) | YamlNode::Typed(text) => Ok(text),
        YamlNode::List(_) => Err("invalid type: sequence, expected a plain key".to_string()),
        YamlNode::Map(_) => Err("invalid type: map, expected a plain key".to_string()),
    }
}

/// How many values and scalar bytes a subtree holds.
fn measure(node: &YamlNode) -> (usize, usize) {
    match node {
        YamlNode::Empty => (1, 0),
        YamlNode::Text(text) | YamlNode::Typed(text) => (1, text.len()),
        YamlNode::List(items) => items.iter().fold((1, 0), |(nodes, bytes), item| {
            let (item_nodes, item_bytes) = measure(item);
            (nodes + item_nodes, bytes + item_bytes)
        }),
        YamlNode::Map(pairs) => pairs.iter().fold((1, 0), |(nodes, bytes), (key, value)| {
            let (value_nodes, value_bytes) = measure(value);
            (nodes + 1 + value_nodes, bytes + key.len() + value_bytes)
        }),
    }
}

/// Resolves a scalar by the YAML 1.2 core schema: quoted text stays text, a plain scalar
/// may be null, a boolean, an integer or a float. Non-finite floats (`.inf`, `.nan`) stay
/// text in their canonical spelling.
fn resolve_scalar(value: Cow<'_, str>, style: ScalarStyle, tag: Option<Cow<'_, Tag>>) -> YamlNode {
    let core_tag = tag.as_deref().and_then(|tag| tag.core_suffix());
    let is_plain = matches!(style, ScalarStyle::Plain);
    match core_tag {
        Some("str") => return YamlNode::Text(value.into_owned()),
        Some("null") => return YamlNode::Empty,
        Some("bool" | "int" | "float") => {}
        _ if !is_plain || tag.as_deref().is_some_and(is_non_specific_tag) => {
            return YamlNode::Text(value.into_owned())
        }
        _ => {
            let trimmed = value.trim_matches([' ', '\t', '\r', '\n']);
            if trimmed.is_empty() || trimmed == "~" || trimmed.eq_ignore_ascii_case("null") {
                return YamlNode::Empty;
            }
        }
    }
    let trimmed = value.trim_matches([' ', '\t', '\r', '\n']);
    if trimmed.eq_ignore_ascii_case("true") {
        return YamlNode::Typed("true".to_string());
    }
    if trimmed.eq_ignore_ascii_case("false") {
        return YamlNode::Typed("false".to_string());
    }
    if let Some(integer) = parse_integer(trimmed) {
        return YamlNode::Typed(integer);
    }
    if let Some(float) = parse_float(trimmed) {
        return float;
    }
    YamlNode::Text(value.into_owned())
}

/// The non-specific tag `!`, which makes a plain scalar text.
fn is_non_specific_tag(tag: &Tag) -> bool {
    tag.handle().is_empty() && tag.suffix() == "!"
}

/// A core-schema integer (`12`, `-3`, `+0x1F`, `0o17`, `0b101`, `1_000`) in decimal, or
/// `None`. Decimal integers may not start with a zero (`07` is not an integer in YAML 1.2),
/// and the value must fit 64 bits.
fn parse_integer(text: &str) -> Option<String> {
    let (negative, unsigned) = match text.strip_prefix('-') {
        Some(rest) => (true, rest),
        None => (false, text.strip_prefix('+').unwrap_or(text)),
    };
    let prefixed = |lower: &str, upper: &str| {
        unsigned
            .strip_prefix(lower)
            .or_else(|| unsigned.strip_prefix(upper))
    };
    let (radix, digits) = if let Some(digits) = prefixed("0x", "0X") {
        (16, digits)
    } else if let Some(digits) = prefixed("0o", "0O") {
        (8, digits)
    } else if let Some(digits) = prefixed("0b", "0B") {
        (2, digits)
    } else {
        if unsigned.starts_with('0') && unsigned != "0" {
            return None;
        }
        (10, unsigned)
    };
    let bytes = digits.as_bytes();
    let mut magnitude: u128 = 0;
    for (index, &byte) in bytes.iter().enumerate() {
        if byte == b'_' {
            // An underscore only between two digits.
            let between_digits = index > 0
                && bytes[index - 1] != b'_'
                && bytes.get(index + 1).is_some_and(|&next| next != b'_');
            if !between_digits {
                return None;
            }
            continue;
        }
        let digit = char::from(byte).to_digit(radix)?;
        magnitude = magnitude
            .checked_mul(u128::from(radix))?
            .checked_add(u128::from(digit))?;
    }
    if bytes.is_empty() {
        return None;
    }
    if negative {
        let value = i64::try_from(-i128::try_from(magnitude).ok()?).ok()?;
        Some(value.to_string())
    } else {
        Some(u64::try_from(magnitude).ok()?.to_string())
    }
}

/// A core-schema float as a typed value, a non-finite one as its canonical text, or `None`.
fn parse_float(text: &str) -> Option<YamlNode> {
    let canonical_non_finite = |value: f64| {
        let spelling = if value.is_nan() {
            ".nan"
        } else if value.is_sign_negative() {
            "-.inf"
        } else {
            ".inf"
        };
        YamlNode::Text(spelling.to_string())
    };
    match text.to_ascii_lowercase().as_str() {
        ".nan" | "+.nan" | "-.nan" => return Some(canonical_non_finite(f64::NAN)),
        ".inf" | "+.inf" => return Some(canonical_non_finite(f64::INFINITY)),
        "-.inf" => return Some(canonical_non_finite(f64::NEG_INFINITY)),
        _ => {}
    }
    // Rust also reads `inf`, `nan` and `infinity`, which YAML keeps as text: only
    // numeral-shaped scalars are numbers.
    let unsigned = text.strip_prefix(['+', '-']).unwrap_or(text);
    if !unsigned
        .as_bytes()
        .first()
        .is_some_and(|first| first.is_ascii_digit() || *first == b'.')
    {
        return None;
    }
    let value = text.parse::<f64>().ok()?;
    if value.is_finite() {
        Some(YamlNode::Typed(value.to_string()))
    } else {
        Some(canonical_non_finite(value))
    }
}
