//! The folder tree of a report: folders with the summed figures of every file below them,
//! in the format's own terms, and the rows a tree view shows for what is expanded.
//!
//! A folder's counts are the sum of its files' counts (`Counts: Add`), and its figure is
//! the format's own rule applied to that sum (coverage.py's display rule for coverage.py,
//! Istanbul's truncation for Istanbul...), exactly as a filtered total in the table.
//! Paths that all start with the same folders (absolute paths such as
//! `/home/dev/express/lib/view.js`) have that common prefix collapsed into the root.
use std::cmp::Ordering;
use std::collections::{BTreeSet, HashMap};
use std::rc::Rc;

use super::table::{column_value, CellValue, SortOrder, TableColumn, Thresholds};
use crate::core::model::{Counts, CoverageFigure, CoverageReport};

/// One folder or file of the tree.
#[derive(Clone, Debug, PartialEq)]
pub struct TreeNode {
    pub kind: TreeNodeKind,
    /// The last segment of the path: a folder's or a file's own name.
    pub name: String,
    /// The path up to and including this node, spelled as the report spells its paths
    /// (a file's is exactly the report's path); the page hook `data-path`.
    pub path: String,
    pub parent: Option<u32>,
    /// 0 for the root's children.
    pub depth: u16,
    /// Folders first, then files, each in path order.
    pub children: Vec<u32>,
    pub counts: Counts,
    pub coverage: CoverageFigure,
    /// How many files lie below (1 for a file).
    pub file_count: u32,
}

/// Whether a node is a folder or a file of the report.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TreeNodeKind {
    Folder,
    /// The file's index in `CoverageReport::files`.
    File {
        file_index: u32,
    },
}

/// The whole tree; node 0 is the root (the collapsed common prefix, or nothing).
#[derive(Clone, Debug)]
pub struct FolderTree {
    pub nodes: Vec<TreeNode>,
    /// The folders every path starts with, collapsed into the root (`/home/dev/express`),
    /// empty when the paths share none.
    pub common_prefix: String,
    /// Each node's path in lower case, by node index, made once: the filter matches
    /// against these instead of lowercasing 68,042 paths on every keystroke.
    pub lowercase_paths: Vec<String>,
    /// How many folders lie below the root, counted once (the tree view's caption).
    pub folder_count: usize,
    /// Each folder below the root by its path: the open folders are found from their
    /// paths without looking at every node.
    pub folder_nodes: HashMap<String, u32>,
}

impl PartialEq for FolderTree {
    /// The same tree is equal at once: the views hold it in an `Rc`, whose `==` compares
    /// the values, and comparing 68,042 nodes with themselves took about 50 ms of every
    /// click and keystroke in the tree of a 50,000-file report (BENCHMARKS.md, "Code views").
    fn eq(&self, other: &Self) -> bool {
        std::ptr::eq(self, other)
            || (self.nodes == other.nodes && self.common_prefix == other.common_prefix)
    }
}

/// The open folders of a tree view, by path, sorted; shared, so copies cost nothing.
pub type OpenFolders = Rc<BTreeSet<String>>;

/// What the person chose for the tree view.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct TreeView {
    /// The paths of the expanded folders, shared: with every folder of a 50,000-file
    /// report open they are 18,000 paths, and the views, the address and each render
    /// would otherwise copy and compare them on every click and keystroke (an `Rc` of an
    /// `Eq` value compares by pointer first).
    pub expanded: OpenFolders,
    pub sort: Option<SortOrder>,
    /// Keeps files whose path contains this text (case-insensitive) and the folders on
    /// the way to them, which then show expanded.
    pub filter: String,
    /// Keeps only folders (and files) below the low colour band.
    pub only_below_low: bool,
}

/// One row the tree view shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct TreeRow {
    pub node: u32,
    pub depth: u16,
    pub is_expanded: bool,
}

/// The folders every path of a report starts with (`/home/dev/express`), which the tree
/// collapses into its root and the table leaves out of the paths it shows; relative paths
/// keep their top folder (`toolz/`), which is part of what they say.
pub fn shared_absolute_prefix(report: &CoverageReport) -> String {
    let prefix_length = common_folder_count(report.files.iter().map(|file| file.path.as_str()));
    report
        .files
        .first()
        .map(|file| prefix_text(&file.path, prefix_length))
        .unwrap_or_default()
}

/// Builds the tree of a report.
pub fn build_folder_tree(report: &CoverageReport) -> FolderTree {
    let separators = |character: char| character == '/' || character == '\\';
    let split: Vec<Vec<&str>> = report
        .files
        .iter()
        .map(|file| file.path.split(separators).collect())
        .collect();
    let prefix_length = common_folder_count(report.files.iter().map(|file| file.path.as_str()));
    let common_prefix = report
        .files
        .first()
        .map(|file| prefix_text(&file.path, prefix_length))
        .unwrap_or_default();
    let mut nodes = vec![TreeNode {
        kind: TreeNodeKind::Folder,
        name: common_prefix.clone(),
        path: common_prefix.clone(),
        parent: None,
        depth: 0,
        children: Vec::new(),
        counts: report.totals,
        coverage: report.total_coverage.clone(),
        file_count: u32::try_from(report.files.len()).unwrap_or(u32::MAX),
    }];
    let mut folder_index: HashMap<String, u32> = HashMap::new();
    for (file_index, (file, segments)) in report.files.iter().zip(&split).enumerate() {
        let mut parent = 0u32;
        let folder_segments = segments.len().saturating_sub(1);
        let folders = segments
            .iter()
            .enumerate()
            .take(folder_segments)
            .skip(prefix_length);
        for (depth, segment) in folders {
            let path = prefix_text(&file.path, depth + 1);
            parent = match folder_index.get(&path) {
                Some(&known) => known,
                None => {
                    let index = node_number(nodes.len());
                    nodes.push(TreeNode {
                        kind: TreeNodeKind::Folder,
                        name: segment.to_string(),
                        path: path.clone(),
                        parent: Some(parent),
                        depth: depth_number(depth - prefix_length),
                        children: Vec::new(),
                        counts: Counts::default(),
                        coverage: CoverageFigure::default(),
                        file_count: 0,
                    });
                    nodes[parent as usize].children.push(index);
                    folder_index.insert(path, index);
                    index
                }
            };
        }
        let index = node_number(nodes.len());
        nodes.push(TreeNode {
            kind: TreeNodeKind::File {
                file_index: node_number(file_index),
            },
            name: segments.last().copied().unwrap_or("").to_string(),
            path: file.path.clone(),
            parent: Some(parent),
            depth: depth_number(folder_segments.saturating_sub(prefix_length)),
            children: Vec::new(),
            counts: file.counts,
            coverage: file.coverage.clone(),
            file_count: 1,
        });
        nodes[parent as usize].children.push(index);
    }
    sum_folders(&mut nodes, report);
    for node in 0..nodes.len() {
        let mut children = std::mem::take(&mut nodes[node].children);
        sort_indices_by(&mut children, &|left, right| {
            let (left, right) = (&nodes[left as usize], &nodes[right as usize]);
            is_file(left)
                .cmp(&is_file(right))
                .then_with(|| left.path.cmp(&right.path))
        });
        nodes[node].children = children;
    }
    let lowercase_paths = nodes.iter().map(|node| node.path.to_lowercase()).collect();
    let folder_count = nodes.iter().skip(1).filter(|node| !is_file(node)).count();
    FolderTree {
        nodes,
        common_prefix,
        lowercase_paths,
        folder_count,
        folder_nodes: folder_index,
    }
}

/// Adds every file's counts into each folder above it (children always come after their
/// parents, so one backwards pass sums the whole tree), then gives each folder its figure
/// by the format's rule.
fn sum_folders(nodes: &mut [TreeNode], report: &CoverageReport) {
    let mut sums: Vec<Option<Counts>> = vec![None; nodes.len()];
    let mut file_counts = vec![0u32; nodes.len()];
    for index in (1..nodes.len()).rev() {
        let own = match nodes[index].kind {
            TreeNodeKind::File { .. } => Some(nodes[index].counts),
            TreeNodeKind::Folder => sums[index],
        };
        let files_below = match nodes[index].kind {
            TreeNodeKind::File { .. } => 1,
            TreeNodeKind::Folder => file_counts[index],
        };
        if let (Some(parent), Some(own)) = (nodes[index].parent, own) {
            let parent = parent as usize;
            sums[parent] = Some(match sums[parent] {
                Some(sum) => sum + own,
                None => own,
            });
            file_counts[parent] = file_counts[parent].saturating_add(files_below);
        }
    }
    for index in 1..nodes.len() {
        if nodes[index].kind == TreeNodeKind::Folder {
            let counts = sums[index].unwrap_or_default();
            nodes[index].coverage = report.facts.headline_figure(&counts);
            nodes[index].counts = counts;
            nodes[index].file_count = file_counts[index];
        }
    }
}

fn is_file(node: &TreeNode) -> bool {
    matches!(node.kind, TreeNodeKind::File { .. })
}

/// How many leading folders every path shares (never a file name itself).
///
/// The paths are compared as bytes with the shared part found so far, never split: the
/// table asks this of every report it shows, and on a 200,000-file report splitting each
/// path into segments (even without collecting them) cost the page a long task. The
/// separators are ASCII, so no byte of a longer character is ever taken for one.
fn common_folder_count<'path>(mut paths: impl Iterator<Item = &'path str>) -> usize {
    let Some(first) = paths.next() else {
        return 0;
    };
    let first = first.as_bytes();
    let is_separator = |byte: &u8| *byte == b'/' || *byte == b'\\';
    // The bytes of the folders every path seen so far starts with, their last separator
    // included: at first every folder of the first path.
    let after_last_separator = |bytes: &[u8]| {
        bytes
            .iter()
            .rposition(is_separator)
            .map_or(0, |position| position + 1)
    };
    let mut shared_end = after_last_separator(first);
    for path in paths {
        if shared_end == 0 {
            break;
        }
        let path = path.as_bytes();
        // Most paths share every folder found so far, byte for byte: one comparison of
        // the whole prefix settles them (a 200,000-file report's table waited for the
        // byte-by-byte walk below on every path).
        if path.starts_with(&first[..shared_end]) {
            continue;
        }
        let same = first[..shared_end]
            .iter()
            .zip(path)
            // Either separator separates, as when the paths are split at both.
            .take_while(|(left, right)| {
                left == right || (is_separator(left) && is_separator(right))
            })
            .count();
        if same < shared_end {
            // A folder is shared only up to the last separator both paths have in place.
            shared_end = after_last_separator(&first[..same]);
        }
    }
    let count = first[..shared_end]
        .iter()
        .filter(|byte| is_separator(byte))
        .count();
    // A report of relative paths keeps its top folder as a node, so "toolz/" shows as a
    // folder with its figures; only absolute paths (a leading separator) or shared
    // folders above a single top folder are collapsed.
    let starts_absolute = first.first().is_some_and(is_separator);
    if starts_absolute {
        count
    } else {
        count.saturating_sub(1)
    }
}

fn prefix_text(path: &str, segments: usize) -> String {
    if segments == 0 {
        return String::new();
    }
    let mut seen = 0;
    for (index, character) in path.char_indices() {
        if character == '/' || character == '\\' {
            seen += 1;
            if seen == segments {
                return path[..index].to_string();
            }
        }
    }
    path.to_string()
}

fn node_number(index: usize) -> u32 {
    u32::try_from(index).unwrap_or(u32::MAX)
}

fn depth_number(depth: usize) -> u16 {
    u16::try_from(depth).unwrap_or(u16::MAX)
}

/// Every folder's children in the order of one sort, laid out once for a tree and a sort:
/// sorting the 68,042 nodes of a 50,000-file report again took about 16 ms of every click
/// on a header and every filter keystroke (BENCHMARKS.md, "Code views"), so the views keep
/// one of these per sort instead.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChildOrder {
    /// Unsorted: the order the tree was built in (folders first, each by path), read from
    /// the tree itself.
    TreeOrder,
    /// Node `n`'s children are `children[starts[n]..starts[n + 1]]`.
    Sorted {
        starts: Vec<u32>,
        children: Vec<u32>,
    },
}

impl ChildOrder {
    /// A node's children in this order (none for a file or a node the tree lacks).
    pub fn children_of<'a>(&'a self, tree: &'a FolderTree, node: u32) -> &'a [u32] {
        let node = node as usize;
        match self {
            ChildOrder::TreeOrder => tree.nodes.get(node).map_or(&[], |node| &node.children),
            ChildOrder::Sorted { starts, children } => {
                match (starts.get(node), starts.get(node + 1)) {
                    (Some(&start), Some(&end)) => &children[start as usize..end as usize],
                    _ => &[],
                }
            }
        }
    }
}

/// Every folder's children in the view's order for `sort` (`sorted_children` of each).
pub fn sorted_child_order(
    tree: &FolderTree,
    report: &CoverageReport,
    sort: Option<SortOrder>,
) -> ChildOrder {
    if sort.is_none() {
        return ChildOrder::TreeOrder;
    }
    let mut starts = Vec::with_capacity(tree.nodes.len() + 1);
    let mut children = Vec::with_capacity(tree.nodes.len());
    for (index, node) in tree.nodes.iter().enumerate() {
        starts.push(node_number(children.len()));
        if !node.children.is_empty() {
            children.extend(sorted_children(tree, report, node_number(index), sort));
        }
    }
    starts.push(node_number(children.len()));
    ChildOrder::Sorted { starts, children }
}

/// The rows a tree view shows, in order: each expanded folder's children under it,
/// sorted within their folder (folders first); with a filter, only matching files and
/// the folders that lead to them, all open.
pub fn visible_tree_rows(
    tree: &FolderTree,
    report: &CoverageReport,
    view: &TreeView,
    thresholds: Thresholds,
) -> Vec<TreeRow> {
    let order = sorted_child_order(tree, report, view.sort);
    tree_rows(tree, &order, view, thresholds)
}

/// `visible_tree_rows` from the children's order for the view's sort
/// (`sorted_child_order`), which the views keep between inputs.
pub fn tree_rows(
    tree: &FolderTree,
    order: &ChildOrder,
    view: &TreeView,
    thresholds: Thresholds,
) -> Vec<TreeRow> {
    let open = open_folder_flags(tree, &view.expanded);
    tree_rows_with_open_flags(tree, order, view, &open, thresholds)
}

/// Which nodes are open folders, by node index, from the open folders' paths: made once
/// per tree and set of open folders, so a sort or a keystroke does not look up 18,000
/// paths again (the tree of a 50,000-file report with every folder open). A path that is
/// no folder of this tree (kept from another report) opens nothing.
pub fn open_folder_flags(tree: &FolderTree, expanded: &OpenFolders) -> Vec<bool> {
    let mut open = vec![false; tree.nodes.len()];
    for path in expanded.iter() {
        if let Some(&node) = tree.folder_nodes.get(path) {
            open[node as usize] = true;
        }
    }
    open
}

/// `tree_rows` with the open folders as flags by node index (`open_folder_flags` of the
/// view's `expanded`), which the views keep between inputs.
pub fn tree_rows_with_open_flags(
    tree: &FolderTree,
    order: &ChildOrder,
    view: &TreeView,
    open: &[bool],
    thresholds: Thresholds,
) -> Vec<TreeRow> {
    let needle = view.filter.trim().to_lowercase();
    let thresholds = thresholds.clamped();
    // Which nodes the filter keeps; worked out only when there is a filter (a click on a
    // folder of an unfiltered tree visits only the rows it shows).
    let mut kept: Option<Vec<bool>> = None;
    if !needle.is_empty() || view.only_below_low {
        let mut keep = vec![true; tree.nodes.len()];
        // One searcher for the needle, not one built for each of the 68,042 paths.
        let finder = memchr::memmem::Finder::new(needle.as_bytes());
        // A file is kept when it matches; a folder when any node below it is kept (or,
        // for the low band, when it is itself low).
        for index in (1..tree.nodes.len()).rev() {
            let node = &tree.nodes[index];
            let matches_filter = needle.is_empty()
                || finder
                    .find(tree.lowercase_paths[index].as_bytes())
                    .is_some();
            let is_low = !view.only_below_low || node.coverage.percent.value() < thresholds.low;
            keep[index] = match node.kind {
                TreeNodeKind::File { .. } => matches_filter && is_low,
                TreeNodeKind::Folder => {
                    node.children.iter().any(|&child| keep[child as usize])
                        || (needle.is_empty() && is_low && view.only_below_low)
                }
            };
        }
        kept = Some(keep);
    }
    let is_kept = |index: u32| kept.as_ref().is_none_or(|keep| keep[index as usize]);
    let filtering = !needle.is_empty();
    let mut rows = Vec::new();
    let mut stack: Vec<u32> = order.children_of(tree, 0).iter().rev().copied().collect();
    while let Some(index) = stack.pop() {
        if !is_kept(index) {
            continue;
        }
        let node = &tree.nodes[index as usize];
        let is_folder = node.kind == TreeNodeKind::Folder;
        let is_open = open.get(index as usize).copied().unwrap_or(false);
        let is_expanded = is_folder && (filtering || is_open);
        rows.push(TreeRow {
            node: index,
            depth: node.depth,
            is_expanded,
        });
        if is_expanded {
            stack.extend(order.children_of(tree, index).iter().rev().copied());
        }
    }
    rows
}

/// A folder's children in the view's order: folders before files, each by the sorted
/// column (ties by path), or by path when nothing is sorted.
pub fn sorted_children(
    tree: &FolderTree,
    report: &CoverageReport,
    node: u32,
    sort: Option<SortOrder>,
) -> Vec<u32> {
    let mut children = tree.nodes[node as usize].children.clone();
    let Some(sort) = sort else {
        return children;
    };
    if sort.column == TableColumn::Path {
        if sort.descending {
            sort_indices_by(&mut children, &|left, right| {
                let (left, right) = (&tree.nodes[left as usize], &tree.nodes[right as usize]);
                is_file(left)
                    .cmp(&is_file(right))
                    .then_with(|| right.path.cmp(&left.path))
            });
        }
        return children;
    }
    let key = |child: u32| -> f64 {
        let node = &tree.nodes[child as usize];
        match column_value(
            &report.facts,
            &node.counts,
            &node.coverage,
            &[],
            sort.column,
        ) {
            CellValue::Count(count) => count as f64,
            CellValue::Figure(figure) => figure.percent.value(),
            CellValue::Text(_) | CellValue::Absent => 0.0,
        }
    };
    // Each child's figure is worked out once, not in every comparison: positions into
    // `children` are sorted, then mapped back (the same stable order as sorting `children`).
    let keys: Vec<f64> = children.iter().map(|&child| key(child)).collect();
    let mut positions: Vec<u32> = (0..children.len() as u32).collect();
    sort_indices_by(&mut positions, &|left, right| {
        let (left, right) = (left as usize, right as usize);
        let left_node = &tree.nodes[children[left] as usize];
        let right_node = &tree.nodes[children[right] as usize];
        let by_value = keys[left].total_cmp(&keys[right]);
        let by_value = if sort.descending {
            by_value.reverse()
        } else {
            by_value
        };
        is_file(left_node)
            .cmp(&is_file(right_node))
            .then(by_value)
            .then_with(|| left_node.path.cmp(&right_node.path))
    });
    positions
        .into_iter()
        .map(|position| children[position as usize])
        .collect()
}

/// Sorts indices (stably) by a comparison of what they stand for. Every sort of the tree,
/// the treemap and the functions index goes through this one function, so the page's
/// WebAssembly carries one copy of the sorting code for them instead of one per ordering
/// (each `sort_by` closure is compiled into a sort of its own, about 2 KB).
pub(crate) fn sort_indices_by(indices: &mut [u32], compare: &dyn Fn(u32, u32) -> Ordering) {
    indices.sort_by(|&left, &right| compare(left, right));
}

/// Every folder's path, for "expand all".
pub fn all_folder_paths(tree: &FolderTree) -> BTreeSet<String> {
    tree.nodes
        .iter()
        .skip(1)
        .filter(|node| node.kind == TreeNodeKind::Folder)
        .map(|node| node.path.clone())
        .collect()
}
