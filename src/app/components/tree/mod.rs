//! The folder tree of the selected report: folders with their summed figures, opened and
//! closed by mouse and keyboard, and the treemap of the same tree.
mod folder_tree_table;
mod tree_page;
mod tree_row;
mod treemap_view;

pub use folder_tree_table::{FolderTreeTable, FolderTreeTableProps};
pub use tree_page::TreePage;
pub use tree_row::TreeRow;
pub use treemap_view::TreemapView;
