//! The table filter's search: which files' lowercased paths contain a text, looked for in
//! each distinct folder and each distinct file name once instead of in every path.
//!
//! A report's paths repeat their folders: 200,000 files may live in 46,000 folders and
//! share a few hundred file names, so the distinct parts are a fraction of the paths'
//! bytes (BENCHMARKS.md, "The filter on 200,000 files"). Each lowercased path is cut after
//! its last separator (`/` or `\`) into a folder, which keeps that separator, and a file
//! name without one. A text is in a path when it is in the folder, in the name, or runs
//! across the cut; since the name holds no separator, a text can run across only when it
//! has a separator, only cut after its last one, with the folder ending in the part up to
//! it and the name starting with the rest.
use std::collections::HashMap;

use crate::core::text::WordHash;

/// Every distinct folder and file name of a report's lowercased paths, and which two
/// make up each file's path.
#[derive(Clone, Debug, PartialEq)]
pub struct PathSegments {
    /// The distinct folders, then the distinct names, one after another; `ends[s]` is
    /// where segment `s` ends. Segments below `folder_count` are folders.
    text: String,
    ends: Vec<usize>,
    folder_count: usize,
    /// Each file's folder segment and name segment.
    file_folders: Vec<u32>,
    file_names: Vec<u32>,
    /// How often each byte occurs in `text`: a needle is looked for at the places its
    /// rarest byte occurs, which in real paths is seldom (a `/` is everywhere, a `q`
    /// hardly anywhere).
    byte_counts: Box<[u32; 256]>,
}

/// The flat lists of [`PathSegments`], borrowed: what the index's byte form writes out.
#[derive(Clone, Copy, Debug)]
pub struct PathSegmentsParts<'segments> {
    pub text: &'segments str,
    pub ends: &'segments [usize],
    pub folder_count: usize,
    pub file_folders: &'segments [u32],
    pub file_names: &'segments [u32],
    pub byte_counts: &'segments [u32; 256],
}

/// Gathers [`PathSegments`] path by path, in the report's order.
#[derive(Clone, Debug, Default)]
pub struct PathSegmentsBuilder {
    folders: DistinctTexts,
    names: DistinctTexts,
    file_folders: Vec<u32>,
    file_names: Vec<u32>,
    /// The path being lowercased, reused from path to path.
    lowercase: String,
}

/// Each distinct text once, in the order first seen, with its number.
#[derive(Clone, Debug, Default)]
struct DistinctTexts {
    text: String,
    ends: Vec<usize>,
    numbers: HashMap<String, u32, WordHash>,
}

/// Which files' paths contain one needle, worked out per distinct segment.
#[derive(Clone, Debug)]
pub struct PathMatches<'segments> {
    segments: &'segments PathSegments,
    /// The needle is empty: every path contains it.
    everything: bool,
    /// Per segment: the needle lies inside it.
    inside: Vec<bool>,
    /// Per segment: a folder ends with the needle up to its last separator, or a name
    /// starts with the rest. Empty when the needle has no separator (nothing runs across).
    across: Vec<bool>,
}

impl DistinctTexts {
    /// The number of `text`, given a new one when it is first seen.
    fn number_of(&mut self, text: &str) -> u32 {
        if let Some(&number) = self.numbers.get(text) {
            return number;
        }
        let number = u32::try_from(self.ends.len()).unwrap_or(u32::MAX);
        self.text.push_str(text);
        self.ends.push(self.text.len());
        self.numbers.insert(text.to_string(), number);
        number
    }
}

impl PathSegmentsBuilder {
    /// Room for `file_count` paths, so the per-file lists grow once.
    pub fn with_capacity(file_count: usize) -> PathSegmentsBuilder {
        PathSegmentsBuilder {
            file_folders: Vec::with_capacity(file_count),
            file_names: Vec::with_capacity(file_count),
            ..PathSegmentsBuilder::default()
        }
    }

    /// Adds the next path (paths must come in the report's order), lowercased as the
    /// filter compares it: most paths are ASCII, lowercased byte by byte; any other by
    /// Unicode's rules.
    pub fn add_path(&mut self, path: &str) {
        self.lowercase.clear();
        if path.is_ascii() {
            self.lowercase.push_str(path);
            self.lowercase.make_ascii_lowercase();
        } else {
            self.lowercase.push_str(&path.to_lowercase());
        }
        // No character lowercases to a separator, so the cut is where it was.
        let cut = self
            .lowercase
            .rfind(['/', '\\'])
            .map_or(0, |separator| separator + 1);
        let (folder, name) = self.lowercase.split_at(cut);
        let folder = self.folders.number_of(folder);
        let name = self.names.number_of(name);
        self.file_folders.push(folder);
        self.file_names.push(name);
    }

    /// The segments of every path added: the folders' text, then the names'.
    pub fn finish(self) -> PathSegments {
        let folder_count = self.folders.ends.len();
        let folder_text_length = self.folders.text.len();
        let mut text = self.folders.text;
        text.push_str(&self.names.text);
        let mut ends = self.folders.ends;
        ends.extend(self.names.ends.iter().map(|end| end + folder_text_length));
        let name_offset = u32::try_from(folder_count).unwrap_or(u32::MAX);
        let file_names = self
            .file_names
            .into_iter()
            .map(|name| name.saturating_add(name_offset))
            .collect();
        let byte_counts = count_each_byte(&text);
        PathSegments {
            text,
            ends,
            folder_count,
            file_folders: self.file_folders,
            file_names,
            byte_counts,
        }
    }
}

impl PathSegments {
    /// The segments of these paths, in this order.
    pub fn of_paths<'path>(paths: impl ExactSizeIterator<Item = &'path str>) -> PathSegments {
        let mut builder = PathSegmentsBuilder::with_capacity(paths.len());
        for path in paths {
            builder.add_path(path);
        }
        builder.finish()
    }

    pub fn file_count(&self) -> usize {
        self.file_folders.len()
    }

    /// The flat lists, for the index's byte form (`core::share`).
    pub fn parts(&self) -> PathSegmentsParts<'_> {
        PathSegmentsParts {
            text: &self.text,
            ends: &self.ends,
            folder_count: self.folder_count,
            file_folders: &self.file_folders,
            file_names: &self.file_names,
            byte_counts: &self.byte_counts,
        }
    }

    /// The segments from their flat lists, as they come out of the byte form: an error
    /// (never a panic) for lists that do not fit together, so no later lookup can fall
    /// outside them.
    pub fn from_parts(
        text: String,
        ends: Vec<usize>,
        folder_count: usize,
        file_folders: Vec<u32>,
        file_names: Vec<u32>,
        byte_counts: Box<[u32; 256]>,
    ) -> Result<PathSegments, String> {
        let mut start = 0;
        for &end in &ends {
            if end < start || !text.is_char_boundary(end) {
                return Err("a path segment ends outside the path text".to_string());
            }
            start = end;
        }
        if start != text.len() {
            return Err("the path text does not end with the last segment".to_string());
        }
        if folder_count > ends.len() || file_folders.len() != file_names.len() {
            return Err("the path segments do not fit together".to_string());
        }
        let names = folder_count..ends.len();
        if file_folders
            .iter()
            .any(|&folder| folder as usize >= folder_count)
            || file_names
                .iter()
                .any(|&name| !names.contains(&(name as usize)))
        {
            return Err("a file names a segment that is not there".to_string());
        }
        Ok(PathSegments {
            text,
            ends,
            folder_count,
            file_folders,
            file_names,
            byte_counts,
        })
    }

    /// The lowercased path of one file, as the filter compares it.
    pub fn lowercase_path(&self, file_index: u32) -> String {
        let index = file_index as usize;
        let folder = self.segment(self.file_folders[index] as usize);
        let name = self.segment(self.file_names[index] as usize);
        [folder, name].concat()
    }

    /// Which files' lowercased paths contain `needle` (already lowercased).
    pub fn matches(&self, needle: &str) -> PathMatches<'_> {
        if needle.is_empty() {
            return PathMatches {
                segments: self,
                everything: true,
                inside: Vec::new(),
                across: Vec::new(),
            };
        }
        let inside = self.segments_containing(needle.as_bytes());
        let across = match needle.rfind(['/', '\\']) {
            // The part up to the last separator ends a folder, the rest starts a name.
            Some(separator) if separator + 1 < needle.len() => {
                let (head, tail) = needle.split_at(separator + 1);
                (0..self.ends.len())
                    .map(|segment| {
                        let text = self.segment(segment);
                        if segment < self.folder_count {
                            text.ends_with(head)
                        } else {
                            text.starts_with(tail)
                        }
                    })
                    .collect()
            }
            _ => Vec::new(),
        };
        PathMatches {
            segments: self,
            everything: false,
            inside,
            across,
        }
    }

    fn segment(&self, segment: usize) -> &str {
        let start = match segment {
            0 => 0,
            _ => self.ends[segment - 1],
        };
        &self.text[start..self.ends[segment]]
    }

    /// Which segments contain `needle`, one flag per segment. The segments are searched
    /// as the one text they are stored in: the places where the needle's rarest byte
    /// occurs are found with `memchr` (several bytes per step), and only there is the
    /// needle compared. A match that runs from one segment into the next is no match.
    fn segments_containing(&self, needle: &[u8]) -> Vec<bool> {
        let segment_count = self.ends.len();
        let mut matched = vec![false; segment_count];
        let Some((anchor_offset, &anchor)) = needle
            .iter()
            .enumerate()
            .min_by_key(|(_, &byte)| self.byte_counts[usize::from(byte)])
        else {
            return matched;
        };
        let text = self.text.as_bytes();
        // The segment that holds the current position; positions only increase.
        let mut segment = 0;
        for anchor_position in memchr::memchr_iter(anchor, text) {
            let Some(start) = anchor_position.checked_sub(anchor_offset) else {
                continue;
            };
            let end = start + needle.len();
            if end > text.len() || text[start..end] != *needle {
                continue;
            }
            while segment < segment_count && self.ends[segment] <= start {
                segment += 1;
            }
            if segment < segment_count && end <= self.ends[segment] {
                matched[segment] = true;
            }
        }
        matched
    }
}

impl PathMatches<'_> {
    /// Whether file `file_index`'s path contains the needle: inside its folder, inside
    /// its name, or across the cut.
    pub fn contains(&self, file_index: u32) -> bool {
        if self.everything {
            return true;
        }
        let index = file_index as usize;
        let folder = self.segments.file_folders[index] as usize;
        let name = self.segments.file_names[index] as usize;
        self.inside[folder]
            || self.inside[name]
            || (!self.across.is_empty() && self.across[folder] && self.across[name])
    }
}

/// How often each byte occurs in the text, counted in one pass, so the search can anchor
/// on the needle's rarest byte.
fn count_each_byte(text: &str) -> Box<[u32; 256]> {
    let mut byte_counts = Box::new([0u32; 256]);
    for &byte in text.as_bytes() {
        let count = &mut byte_counts[usize::from(byte)];
        *count = count.saturating_add(1);
    }
    byte_counts
}
