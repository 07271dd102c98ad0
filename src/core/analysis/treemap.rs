//! The treemap of a folder tree: rectangles whose area is a node's size (statements, lines
//! or the format's headline items) laid out by the squarified algorithm, so the view only
//! draws what the core computed.
//!
//! Refs: Bruls, Huizing and van Wijk, "Squarified Treemaps" (2000): rows are filled along
//! the shorter side while adding a rectangle does not worsen the row's worst aspect ratio.
use super::tree::{sort_indices_by, FolderTree, TreeNodeKind};
use crate::core::model::{Counts, Headline, Metric, ReportFacts};

/// A rectangle in view units (the caller's width and height).
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct TreemapRect {
    pub node: u32,
    pub x: f64,
    pub y: f64,
    pub width: f64,
    pub height: f64,
    /// 0 for the shown folder's children, 1 for their children.
    pub level: u8,
}

/// The size a node takes in the treemap: coverage.py's statements, else the total of the
/// format's headline metric (lines, statements, instructions).
pub fn treemap_size(facts: &ReportFacts, counts: &Counts) -> u64 {
    match (counts.coverage_py(), facts.format.profile().headline) {
        (Some(counts), _) => counts.statements,
        (None, Headline::Metric(metric)) => counts.tally(metric).map_or(0, |tally| tally.total),
        (None, Headline::CoveragePyCombined) => counts
            .tally(Metric::Statements)
            .map_or(0, |tally| tally.total),
    }
}

/// The folder a treemap of `folder` really draws: a folder holding nothing but one other
/// folder (the report root over `toolz/`, `src/` over `main/`) would fill the whole area
/// with one rectangle, so the drawing starts at the first folder with more than one child.
pub fn treemap_drawn_root(tree: &FolderTree, folder: u32) -> u32 {
    let mut current = folder;
    while let Some(node) = tree.nodes.get(current as usize) {
        match node.children.as_slice() {
            [only] if tree.nodes[*only as usize].kind == TreeNodeKind::Folder => current = *only,
            _ => break,
        }
    }
    current
}

/// Lays out the children of `root` (and, inside each folder big enough, its children)
/// in a `width` x `height` area. Nodes of size 0 take no area and are left out.
pub fn treemap_layout(
    tree: &FolderTree,
    facts: &ReportFacts,
    root: u32,
    width: f64,
    height: f64,
    levels: u8,
) -> Vec<TreemapRect> {
    let mut rects = Vec::new();
    lay_out_children(
        tree,
        facts,
        root,
        Area {
            x: 0.0,
            y: 0.0,
            width,
            height,
        },
        0,
        levels.max(1),
        &mut rects,
    );
    rects
}

#[derive(Clone, Copy, Debug)]
struct Area {
    x: f64,
    y: f64,
    width: f64,
    height: f64,
}

/// A folder's inner area leaves this much room for its label and border.
const FOLDER_INSET: f64 = 2.0;
const FOLDER_LABEL_HEIGHT: f64 = 14.0;

fn lay_out_children(
    tree: &FolderTree,
    facts: &ReportFacts,
    parent: u32,
    area: Area,
    level: u8,
    levels: u8,
    rects: &mut Vec<TreemapRect>,
) {
    let Some(parent_node) = tree.nodes.get(parent as usize) else {
        return;
    };
    let items: Vec<(u32, f64)> = parent_node
        .children
        .iter()
        .map(|&child| {
            let size = treemap_size(facts, &tree.nodes[child as usize].counts);
            (child, size as f64)
        })
        .filter(|(_, size)| *size > 0.0)
        .collect();
    // Largest first, ties by node order, as the algorithm expects.
    let mut order: Vec<u32> = (0..u32::try_from(items.len()).unwrap_or(u32::MAX)).collect();
    sort_indices_by(&mut order, &|left, right| {
        let (left, right) = (items[left as usize], items[right as usize]);
        right.1.total_cmp(&left.1).then(left.0.cmp(&right.0))
    });
    let items: Vec<(u32, f64)> = order.iter().map(|&index| items[index as usize]).collect();
    let placed = squarify(&items, area);
    for (node, rect) in placed {
        rects.push(TreemapRect {
            node,
            x: rect.x,
            y: rect.y,
            width: rect.width,
            height: rect.height,
            level,
        });
        let is_folder = tree.nodes[node as usize].kind == TreeNodeKind::Folder;
        let inner = Area {
            x: rect.x + FOLDER_INSET,
            y: rect.y + FOLDER_LABEL_HEIGHT,
            width: rect.width - 2.0 * FOLDER_INSET,
            height: rect.height - FOLDER_LABEL_HEIGHT - FOLDER_INSET,
        };
        if is_folder && level + 1 < levels && inner.width > 8.0 && inner.height > 8.0 {
            lay_out_children(tree, facts, node, inner, level + 1, levels, rects);
        }
    }
}

/// Places items (sorted by size, largest first) into the area by rows along its shorter
/// side, each row as long as adding one more item does not worsen its worst aspect ratio.
fn squarify(items: &[(u32, f64)], area: Area) -> Vec<(u32, Area)> {
    let total: f64 = items.iter().map(|(_, size)| size).sum();
    if total <= 0.0 || area.width <= 0.0 || area.height <= 0.0 {
        return Vec::new();
    }
    // Sizes scaled to areas of the rectangle.
    let scale = area.width * area.height / total;
    let scaled: Vec<(u32, f64)> = items
        .iter()
        .map(|&(node, size)| (node, size * scale))
        .collect();
    let mut placed = Vec::with_capacity(items.len());
    let mut free = area;
    let mut start = 0;
    while start < scaled.len() {
        let side = free.width.min(free.height);
        let mut end = start + 1;
        while end < scaled.len()
            && worst_ratio(&scaled[start..=end], side) <= worst_ratio(&scaled[start..end], side)
        {
            end += 1;
        }
        let row = &scaled[start..end];
        let row_area: f64 = row.iter().map(|(_, area)| area).sum();
        if free.width >= free.height {
            // A column along the left edge.
            let column_width = if free.height > 0.0 {
                row_area / free.height
            } else {
                0.0
            };
            let mut y = free.y;
            for &(node, item_area) in row {
                let height = if column_width > 0.0 {
                    item_area / column_width
                } else {
                    0.0
                };
                placed.push((
                    node,
                    Area {
                        x: free.x,
                        y,
                        width: column_width,
                        height,
                    },
                ));
                y += height;
            }
            free.x += column_width;
            free.width -= column_width;
        } else {
            // A row along the top edge.
            let row_height = if free.width > 0.0 {
                row_area / free.width
            } else {
                0.0
            };
            let mut x = free.x;
            for &(node, item_area) in row {
                let width = if row_height > 0.0 {
                    item_area / row_height
                } else {
                    0.0
                };
                placed.push((
                    node,
                    Area {
                        x,
                        y: free.y,
                        width,
                        height: row_height,
                    },
                ));
                x += width;
            }
            free.y += row_height;
            free.height -= row_height;
        }
        start = end;
    }
    placed
}

/// The worst aspect ratio (long side over short side) of a row of areas laid along a
/// side of the given length.
fn worst_ratio(row: &[(u32, f64)], side: f64) -> f64 {
    let sum: f64 = row.iter().map(|(_, area)| area).sum();
    let largest = row.iter().map(|(_, area)| *area).fold(0.0, f64::max);
    let smallest = row
        .iter()
        .map(|(_, area)| *area)
        .fold(f64::INFINITY, f64::min);
    if sum <= 0.0 || smallest <= 0.0 || side <= 0.0 {
        return f64::INFINITY;
    }
    let side_squared = side * side;
    let sum_squared = sum * sum;
    (side_squared * largest / sum_squared).max(sum_squared / (side_squared * smallest))
}
