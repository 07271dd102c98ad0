//! The folder tree: every folder's figures equal what the tool itself prints for the files
//! below it, and the tree view shows the rows that are expanded, filtered and sorted.
// Native tests: they read fixtures from disk, which a browser cannot.
#![cfg(not(target_arch = "wasm32"))]
mod common;

use common::{coverage_py_report, fixture_text, generated_file, generated_report};
use std::collections::BTreeSet;
use std::rc::Rc;

use covscope::core::analysis::table::{SortOrder, TableColumn, Thresholds};
use covscope::core::analysis::tree::{
    all_folder_paths, build_folder_tree, open_folder_flags, shared_absolute_prefix,
    sorted_child_order, sorted_children, tree_rows, visible_tree_rows, FolderTree, TreeNodeKind,
    TreeView,
};
use covscope::core::model::{CoverageCounts, CoverageReport, Precision};

/// A folder's TOTAL row as `coverage report --include=<folder>/*` printed it:
/// (folder, statements, missing, branches, partial, cover).
fn folder_totals_printed_by_coverage_py(relative: &str) -> Vec<(String, String)> {
    let text = fixture_text(&format!("coverage/{relative}"));
    let mut totals = Vec::new();
    let mut folder = None;
    for line in text.lines() {
        if let Some(include) = line.strip_prefix("## ") {
            folder = include.strip_suffix("/*").map(str::to_string);
        } else if let (Some(name), Some(rest)) = (&folder, line.strip_prefix("TOTAL")) {
            let fields: Vec<&str> = rest.split_whitespace().collect();
            totals.push((name.clone(), fields.join(" ")));
        }
    }
    totals
}

fn folder_row(tree: &FolderTree, path: &str) -> String {
    let node = tree
        .nodes
        .iter()
        .find(|node| node.path == path && node.kind == TreeNodeKind::Folder)
        .unwrap_or_else(|| panic!("the tree has the folder {path}"));
    let counts = node.counts.coverage_py().expect("coverage.py counts");
    format!(
        "{} {} {} {} {}%",
        counts.statements,
        counts.missing,
        counts.branches,
        counts.partial_branches,
        node.coverage.display
    )
}

#[test]
fn folder_totals_equal_coverage_report_of_the_folder() {
    let report = coverage_py_report("coverage/toolz/series/01-coverage.json");
    let tree = build_folder_tree(&report);
    let expected = folder_totals_printed_by_coverage_py("toolz/series/01-folder-reports.txt");
    assert_eq!(expected.len(), 3, "the fixture holds three folders");
    for (folder, printed) in expected {
        assert_eq!(folder_row(&tree, &folder), printed, "{folder}");
    }
    assert_eq!(
        tree.common_prefix, "",
        "relative paths keep their top folder"
    );
    assert_eq!(tree.nodes[0].file_count, 14);
}

/// The rows shown for a view, as "depth:name" texts.
fn shown(tree: &FolderTree, report: &CoverageReport, view: &TreeView) -> Vec<String> {
    visible_tree_rows(tree, report, view, Thresholds::default())
        .iter()
        .map(|row| format!("{}:{}", row.depth, tree.nodes[row.node as usize].name))
        .collect()
}

#[test]
fn the_view_shows_what_is_expanded_filtered_and_sorted() {
    let report = coverage_py_report("coverage/toolz/series/01-coverage.json");
    let tree = build_folder_tree(&report);
    let collapsed = TreeView::default();
    assert_eq!(shown(&tree, &report, &collapsed), ["0:toolz"]);
    let top_open = TreeView {
        expanded: Rc::new(BTreeSet::from(["toolz".to_string()])),
        ..TreeView::default()
    };
    assert_eq!(
        shown(&tree, &report, &top_open),
        [
            "0:toolz",
            "1:curried",
            "1:sandbox",
            "1:__init__.py",
            "1:_signatures.py",
            "1:compatibility.py",
            "1:dicttoolz.py",
            "1:functoolz.py",
            "1:itertoolz.py",
            "1:recipes.py",
            "1:utils.py"
        ]
    );
    let lowest_first = TreeView {
        expanded: Rc::new(all_folder_paths(&tree)),
        sort: Some(SortOrder {
            column: TableColumn::Coverage,
            descending: false,
        }),
        ..TreeView::default()
    };
    // Folders before files in every folder; within each, lowest coverage first (the
    // percentages of 01-folder-reports.txt), ties by path.
    assert_eq!(
        shown(&tree, &report, &lowest_first),
        [
            "0:toolz",
            "1:curried",
            "2:__init__.py",
            "2:exceptions.py",
            "2:operator.py",
            "1:sandbox",
            "2:__init__.py",
            "2:core.py",
            "2:parallel.py",
            "1:itertoolz.py",
            "1:utils.py",
            "1:dicttoolz.py",
            "1:functoolz.py",
            "1:recipes.py",
            "1:_signatures.py",
            "1:__init__.py",
            "1:compatibility.py"
        ]
    );
    let filtered = TreeView {
        filter: "SANDBOX/p".to_string(),
        ..TreeView::default()
    };
    assert_eq!(
        shown(&tree, &report, &filtered),
        ["0:toolz", "1:sandbox", "2:parallel.py"]
    );
    let low_only = TreeView {
        expanded: Rc::new(all_folder_paths(&tree)),
        only_below_low: true,
        ..TreeView::default()
    };
    assert_eq!(
        shown(&tree, &report, &low_only),
        [
            "0:toolz",
            "1:dicttoolz.py",
            "1:functoolz.py",
            "1:itertoolz.py",
            "1:recipes.py",
            "1:utils.py"
        ]
    );
}

/// The views keep one children's order per sort and reuse it while the filter and the open
/// folders change: for every column of coverage.py's table, both ways and unsorted, the
/// kept order is each folder's own sort, and the rows cut from it (with a filter, with
/// every folder open, with the low band only) are the rows a fresh sort gives.
#[test]
fn a_kept_order_gives_the_rows_of_a_fresh_sort() {
    let report = coverage_py_report("coverage/boltons/coverage.json");
    let tree = build_folder_tree(&report);
    let columns = TableColumn::ALL;
    let sorts = std::iter::once(None).chain(columns.iter().flat_map(|&column| {
        [false, true].map(|descending| Some(SortOrder { column, descending }))
    }));
    let every_folder = Rc::new(all_folder_paths(&tree));
    let views = |sort| {
        [
            TreeView {
                sort,
                ..TreeView::default()
            },
            TreeView {
                sort,
                expanded: every_folder.clone(),
                ..TreeView::default()
            },
            TreeView {
                sort,
                filter: "Util".to_string(),
                ..TreeView::default()
            },
            TreeView {
                sort,
                expanded: every_folder.clone(),
                only_below_low: true,
                ..TreeView::default()
            },
        ]
    };
    for sort in sorts {
        let order = sorted_child_order(&tree, &report, sort);
        for node in 0..tree.nodes.len() as u32 {
            assert_eq!(
                order.children_of(&tree, node),
                sorted_children(&tree, &report, node, sort).as_slice(),
                "{sort:?}, node {node}"
            );
        }
        for view in views(sort) {
            assert_eq!(
                tree_rows(&tree, &order, &view, Thresholds::default()),
                visible_tree_rows(&tree, &report, &view, Thresholds::default()),
                "{view:?}"
            );
        }
    }
}

/// A treemap of the whole toolz report starts inside `toolz/` (the root holds nothing
/// else), and one of a folder with several children starts at that folder.
#[test]
fn the_treemap_starts_below_folders_of_one_folder() {
    use covscope::core::analysis::treemap::treemap_drawn_root;
    let report = coverage_py_report("coverage/toolz/coverage.json");
    let tree = build_folder_tree(&report);
    let drawn = |folder: u32| {
        tree.nodes[treemap_drawn_root(&tree, folder) as usize]
            .path
            .clone()
    };
    assert_eq!(drawn(0), "toolz");
    let curried = tree
        .nodes
        .iter()
        .position(|node| node.path == "toolz/curried")
        .expect("the folder") as u32;
    assert_eq!(drawn(curried), "toolz/curried");
}

/// The squarified layout of the paper's own example (a 6 x 4 area, sizes 6, 6, 4, 3, 2, 2,
/// 1), built as a tree of one folder with files of those sizes: its first two rows are
/// the ones the paper draws, and every rectangle has exactly its share of the area.
#[test]
fn the_treemap_squarifies_as_the_paper_does() {
    use covscope::core::analysis::treemap::{treemap_layout, treemap_size};
    use covscope::core::model::{Counts, CoverageCounts, FileCoverage};
    let mut report = coverage_py_report("coverage/toolz/series/01-coverage.json");
    report.files = [6u64, 6, 4, 3, 2, 2, 1]
        .iter()
        .enumerate()
        .map(|(index, &statements)| FileCoverage {
            counts: Counts::CoveragePy(CoverageCounts {
                statements,
                executed: statements,
                ..CoverageCounts::default()
            }),
            ..FileCoverage::empty(format!("pkg/file{index}.py"))
        })
        .collect();
    let tree = build_folder_tree(&report);
    let folder = tree
        .nodes
        .iter()
        .position(|node| node.path == "pkg")
        .expect("the folder") as u32;
    let rects = treemap_layout(&tree, &report.facts, folder, 6.0, 4.0, 1);
    let rounded = |value: f64| (value * 1000.0).round() / 1000.0;
    let shapes: Vec<(String, [f64; 4])> = rects
        .iter()
        .map(|rect| {
            (
                tree.nodes[rect.node as usize].name.clone(),
                [rect.x, rect.y, rect.width, rect.height].map(rounded),
            )
        })
        .collect();
    assert_eq!(shapes[0], ("file0.py".to_string(), [0.0, 0.0, 3.0, 2.0]));
    assert_eq!(shapes[1], ("file1.py".to_string(), [0.0, 2.0, 3.0, 2.0]));
    assert_eq!(
        shapes[2],
        ("file2.py".to_string(), [3.0, 0.0, 1.714, 2.333])
    );
    assert_eq!(
        shapes[3],
        ("file3.py".to_string(), [4.714, 0.0, 1.286, 2.333])
    );
    assert_eq!(rects.len(), 7);
    for rect in &rects {
        let node = &tree.nodes[rect.node as usize];
        let share = treemap_size(&report.facts, &node.counts) as f64 / 24.0;
        assert!(
            (rect.width * rect.height / 24.0 - share).abs() < 1e-9,
            "{}",
            node.name
        );
        assert!(rect.x >= 0.0 && rect.y >= 0.0);
        assert!(rect.x + rect.width <= 6.0 + 1e-9 && rect.y + rect.height <= 4.0 + 1e-9);
    }
}

/// A report of these paths, each with the same made-up counts.
fn report_of_paths(paths: &[&str]) -> CoverageReport {
    let counts = CoverageCounts {
        statements: 10,
        executed: 7,
        missing: 3,
        ..CoverageCounts::default()
    };
    let files = paths
        .iter()
        .map(|path| generated_file(path.to_string(), counts, Precision(0)))
        .collect();
    generated_report(files, Precision(0), false)
}

/// The folders every path shares, which the table leaves out and the tree collapses into
/// its root: all of them for absolute paths, all but the top one for relative paths, never
/// a file name, and a folder only when whole (`/srv/app` and `/srv/application` share
/// `/srv`, not `/srv/app`).
#[test]
fn the_shared_beginning_of_paths_is_whole_folders() {
    let cases: [(&[&str], &str); 11] = [
        (&[], ""),
        (
            &["/home/dev/express/lib/router.js"],
            "/home/dev/express/lib",
        ),
        (
            &[
                "/home/dev/express/lib/router.js",
                "/home/dev/express/index.js",
            ],
            "/home/dev/express",
        ),
        (&["/srv/app/a.py", "/srv/application/b.py"], "/srv"),
        (&["toolz/itertoolz.py", "toolz/curried/exceptions.py"], ""),
        (&["repo/src/pkg/a.py", "repo/src/pkg/b.py"], "repo/src"),
        (&["C:\\work\\src\\a.py", "C:\\work\\src\\b.py"], "C:\\work"),
        (&["/a.py", "/b.py"], ""),
        // Either separator separates folders, mixed in one report too.
        (&["/srv/app/a.py", "/srv\\app\\b.py"], "/srv/app"),
        // A path that ends where another's folder does shares only its own folders.
        (&["/srv/app/x/a.py", "/srv/app"], "/srv"),
        (&["/srv/ü/é/a.py", "/srv/ü/è/b.py"], "/srv/ü"),
    ];
    for (paths, expected) in cases {
        let report = report_of_paths(paths);
        assert_eq!(shared_absolute_prefix(&report), expected, "paths {paths:?}");
        assert_eq!(
            build_folder_tree(&report).common_prefix,
            expected,
            "tree of {paths:?}"
        );
    }
}

/// The open folders are found by their paths: a path that is a file, or no folder of this
/// tree (kept from another report), opens nothing.
#[test]
fn only_folders_of_the_tree_are_opened_by_their_paths() {
    let report = coverage_py_report("coverage/toolz/series/01-coverage.json");
    let tree = build_folder_tree(&report);
    let expanded: BTreeSet<String> = ["toolz/curried", "no/such/folder", "toolz/itertoolz.py"]
        .into_iter()
        .map(String::from)
        .collect();
    let open = open_folder_flags(&tree, &Rc::new(expanded));
    let opened: Vec<&str> = tree
        .nodes
        .iter()
        .zip(&open)
        .filter(|(_, is_open)| **is_open)
        .map(|(node, _)| node.path.as_str())
        .collect();
    assert_eq!(opened, ["toolz/curried"]);
}
