//! Strict frontmatter reading with serde-saphyr, under budgets that keep hostile YAML cheap.
use std::cell::RefCell;
use std::collections::HashMap;
use std::fmt;

use serde::de::{DeserializeSeed, Deserializer, MapAccess, SeqAccess, Visitor};

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

/// Parses frontmatter text as one YAML document.
///
/// Alias expansion, nesting, node count and scalar bytes are all capped, so an alias bomb
/// ("billion laughs") fails fast with a message instead of expanding.
pub(crate) fn read_strict_yaml(text: &str) -> Result<StrictReading, StrictFailure> {
    let options = serde_saphyr::options! {
        with_snippet: false,
        strict_booleans: true,
        duplicate_keys: serde_saphyr::DuplicateKeyPolicy::LastWins,
        merge_keys: serde_saphyr::MergeKeyPolicy::AsOrdinary,
        non_finite_float_policy: serde_saphyr::NonFiniteFloatPolicy::AsString,
        budget: serde_saphyr::budget! {
            max_events: 500_000,
            max_aliases: 1_000,
            max_anchors: 1_000,
            max_depth: 32,
            max_documents: 1,
            max_nodes: 200_000,
            max_total_scalar_bytes: 4 * 1024 * 1024,
        },
        alias_limits: serde_saphyr::alias_limits! {
            max_total_replayed_events: 10_000,
            max_replay_stack_depth: 16,
            max_alias_expansions_per_anchor: 200,
        },
    };
    match serde_saphyr::from_str_with_options::<NodeHolder>(text, options) {
        Ok(holder) => Ok(StrictReading {
            root: holder.root,
            duplicate_keys: holder.duplicates,
        }),
        Err(error) => Err(StrictFailure {
            message: strip_location(&error.to_string()),
            line: error.location().map(|location| location.line()),
        }),
    }
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

/// The root value plus the duplicate keys found while building it.
struct NodeHolder {
    root: YamlNode,
    duplicates: Vec<DuplicateKey>,
}

impl<'de> serde::Deserialize<'de> for NodeHolder {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let duplicates = RefCell::new(Vec::new());
        let root = NodeSeed {
            duplicates: &duplicates,
            path: String::new(),
        }
        .deserialize(deserializer)?;
        Ok(NodeHolder {
            root,
            duplicates: duplicates.into_inner(),
        })
    }
}

/// Reads any YAML node, remembering where it is so duplicate keys can be named.
struct NodeSeed<'a> {
    duplicates: &'a RefCell<Vec<DuplicateKey>>,
    path: String,
}

impl<'de> DeserializeSeed<'de> for NodeSeed<'_> {
    type Value = YamlNode;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<YamlNode, D::Error> {
        deserializer.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for NodeSeed<'_> {
    type Value = YamlNode;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("any YAML value")
    }

    fn visit_unit<E>(self) -> Result<YamlNode, E> {
        Ok(YamlNode::Empty)
    }

    fn visit_none<E>(self) -> Result<YamlNode, E> {
        Ok(YamlNode::Empty)
    }

    fn visit_some<D: Deserializer<'de>>(self, deserializer: D) -> Result<YamlNode, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_newtype_struct<D: Deserializer<'de>>(
        self,
        deserializer: D,
    ) -> Result<YamlNode, D::Error> {
        deserializer.deserialize_any(self)
    }

    fn visit_bool<E>(self, value: bool) -> Result<YamlNode, E> {
        Ok(YamlNode::Typed(value.to_string()))
    }

    fn visit_i64<E>(self, value: i64) -> Result<YamlNode, E> {
        Ok(YamlNode::Typed(value.to_string()))
    }

    fn visit_i128<E>(self, value: i128) -> Result<YamlNode, E> {
        Ok(YamlNode::Typed(value.to_string()))
    }

    fn visit_u64<E>(self, value: u64) -> Result<YamlNode, E> {
        Ok(YamlNode::Typed(value.to_string()))
    }

    fn visit_u128<E>(self, value: u128) -> Result<YamlNode, E> {
        Ok(YamlNode::Typed(value.to_string()))
    }

    fn visit_f64<E>(self, value: f64) -> Result<YamlNode, E> {
        Ok(YamlNode::Typed(value.to_string()))
    }

    fn visit_char<E>(self, value: char) -> Result<YamlNode, E> {
        Ok(YamlNode::Text(value.to_string()))
    }

    fn visit_str<E>(self, value: &str) -> Result<YamlNode, E> {
        Ok(YamlNode::Text(value.to_string()))
    }

    fn visit_string<E>(self, value: String) -> Result<YamlNode, E> {
        Ok(YamlNode::Text(value))
    }

    fn visit_bytes<E>(self, value: &[u8]) -> Result<YamlNode, E> {
        Ok(YamlNode::Text(String::from_utf8_lossy(value).into_owned()))
    }

    fn visit_seq<A: SeqAccess<'de>>(self, mut sequence: A) -> Result<YamlNode, A::Error> {
        let mut items = Vec::new();
        loop {
            let seed = NodeSeed {
                duplicates: self.duplicates,
                path: format!("{}[{}]", self.path, items.len()),
            };
            match sequence.next_element_seed(seed)? {
                Some(item) => items.push(item),
                None => break,
            }
        }
        Ok(YamlNode::List(items))
    }

    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<YamlNode, A::Error> {
        let mut pairs: Vec<(String, YamlNode)> = Vec::new();
        let mut positions: HashMap<String, usize> = HashMap::new();
        while let Some(key) = map.next_key_seed(KeySeed)? {
            let child_path = if self.path.is_empty() {
                key.clone()
            } else {
                format!("{}.{key}", self.path)
            };
            let value = map.next_value_seed(NodeSeed {
                duplicates: self.duplicates,
                path: child_path.clone(),
            })?;
            match positions.get(&key).and_then(|&index| pairs.get_mut(index)) {
                Some(pair) => {
                    // The last value wins but keeps the first position, so a fact panel
                    // keeps the author's order.
                    pair.1 = value;
                    self.duplicates.borrow_mut().push(DuplicateKey {
                        key,
                        path: child_path,
                    });
                }
                None => {
                    positions.insert(key.clone(), pairs.len());
                    pairs.push((key, value));
                }
            }
        }
        Ok(YamlNode::Map(pairs))
    }
}

/// Reads a mapping key as text; a list or map used as a key is rejected.
struct KeySeed;

impl<'de> DeserializeSeed<'de> for KeySeed {
    type Value = String;

    fn deserialize<D: Deserializer<'de>>(self, deserializer: D) -> Result<String, D::Error> {
        deserializer.deserialize_any(KeyVisitor)
    }
}

struct KeyVisitor;

impl Visitor<'_> for KeyVisitor {
    type Value = String;

    fn expecting(&self, formatter: &mut fmt::Formatter<'_>) -> fmt::Result {
        formatter.write_str("a plain key")
    }

    fn visit_unit<E>(self) -> Result<String, E> {
        Ok("null".to_string())
    }

    fn visit_bool<E>(self, value: bool) -> Result<String, E> {
        Ok(value.to_string())
    }

    fn visit_i64<E>(self, value: i64) -> Result<String, E> {
        Ok(value.to_string())
    }

    fn visit_u64<E>(self, value: u64) -> Result<String, E> {
        Ok(value.to_string())
    }

    fn visit_f64<E>(self, value: f64) -> Result<String, E> {
        Ok(value.to_string())
    }

    fn visit_str<E>(self, value: &str) -> Result<String, E> {
        Ok(value.to_string())
    }

    fn visit_string<E>(self, value: String) -> Result<String, E> {
        Ok(value)
    }
}

/// serde-saphyr appends ` at line L, column C` (and alias sites); the caller reports the
/// file line itself, so only the description is kept.
fn strip_location(message: &str) -> String {
    let cut = message.find(" at line ").unwrap_or(message.len());
    message.get(..cut).unwrap_or(message).trim().to_string()
}
