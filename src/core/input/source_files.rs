//! Decides, from a file's path and size alone, whether a file handed over is a source
//! file to show beside a report, which language it is written in, and whether it fits
//! the limits; and which folders of a dropped project are never read.
//!
//! Source files are kept as text for the source view and never parsed as reports. A
//! dropped project folder would otherwise bring its dependencies and build output too, so
//! the folders that hold them are skipped, and a limit per file and in total bounds the
//! memory the sources take (both stated in the README).

/// The largest source file kept. A 10,000-line file is about 400 KB; anything over 2 MB is
/// generated or minified code no one reads line by line.
pub const MAX_SOURCE_FILE_BYTES: u64 = 2_000_000;

/// The most source text kept from one load, all files together: a large monorepo's
/// sources, without letting a dropped home folder fill the tab's memory.
pub const MAX_SOURCE_TOTAL_BYTES: u64 = 64_000_000;

/// Folders a dropped project folder is never read in: dependencies, virtual environments,
/// build output, caches and version control.
pub const SKIPPED_FOLDERS: [&str; 17] = [
    "node_modules",
    ".git",
    ".hg",
    ".svn",
    "target",
    "venv",
    ".venv",
    "__pycache__",
    ".tox",
    ".nox",
    ".mypy_cache",
    ".pytest_cache",
    "dist",
    "build",
    "htmlcov",
    ".next",
    "site-packages",
];

/// A language the source view knows; the highlighter takes its key.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum SourceLanguage {
    Python,
    JavaScript,
    TypeScript,
    Rust,
    Go,
    Java,
    Kotlin,
    C,
    Cpp,
    CSharp,
    Ruby,
    Php,
    Scala,
    Swift,
}

/// Each source file ending and its language.
const SOURCE_ENDINGS: [(&str, SourceLanguage); 30] = [
    (".py", SourceLanguage::Python),
    (".pyi", SourceLanguage::Python),
    (".pyx", SourceLanguage::Python),
    (".js", SourceLanguage::JavaScript),
    (".mjs", SourceLanguage::JavaScript),
    (".cjs", SourceLanguage::JavaScript),
    (".jsx", SourceLanguage::JavaScript),
    (".ts", SourceLanguage::TypeScript),
    (".mts", SourceLanguage::TypeScript),
    (".cts", SourceLanguage::TypeScript),
    (".tsx", SourceLanguage::TypeScript),
    (".vue", SourceLanguage::JavaScript),
    (".svelte", SourceLanguage::JavaScript),
    (".rs", SourceLanguage::Rust),
    (".go", SourceLanguage::Go),
    (".java", SourceLanguage::Java),
    (".kt", SourceLanguage::Kotlin),
    (".kts", SourceLanguage::Kotlin),
    (".c", SourceLanguage::C),
    (".h", SourceLanguage::C),
    (".cc", SourceLanguage::Cpp),
    (".cpp", SourceLanguage::Cpp),
    (".cxx", SourceLanguage::Cpp),
    (".hpp", SourceLanguage::Cpp),
    (".hh", SourceLanguage::Cpp),
    (".cs", SourceLanguage::CSharp),
    (".rb", SourceLanguage::Ruby),
    (".php", SourceLanguage::Php),
    (".scala", SourceLanguage::Scala),
    (".swift", SourceLanguage::Swift),
];

impl SourceLanguage {
    /// The name the highlighter knows the language by (a file extension it recognises).
    pub fn key(self) -> &'static str {
        match self {
            SourceLanguage::Python => "py",
            SourceLanguage::JavaScript => "js",
            SourceLanguage::TypeScript => "ts",
            SourceLanguage::Rust => "rs",
            SourceLanguage::Go => "go",
            SourceLanguage::Java => "java",
            SourceLanguage::Kotlin => "kt",
            SourceLanguage::C => "c",
            SourceLanguage::Cpp => "cpp",
            SourceLanguage::CSharp => "cs",
            SourceLanguage::Ruby => "rb",
            SourceLanguage::Php => "php",
            SourceLanguage::Scala => "scala",
            SourceLanguage::Swift => "swift",
        }
    }
}

/// The language of a source path by its ending (in any case), or `None` when the path is
/// not a source file Covscope shows.
pub fn source_language_of(path: &str) -> Option<SourceLanguage> {
    let lowercase = path.to_lowercase();
    SOURCE_ENDINGS
        .iter()
        .find(|(ending, _)| lowercase.ends_with(ending))
        .map(|&(_, language)| language)
}

/// The endings of the reports and documents taken from a dropped or picked folder; other
/// files there are taken only when they are source files.
const FOLDER_REPORT_ENDINGS: [&str; 3] = [".json", ".md", ".markdown"];

/// Whether a file found in a dropped or picked folder is read at all: coverage reports,
/// planning documents and source files, so a project folder's other files (licences,
/// images, lock files) do not flood the page with errors.
pub fn is_read_from_folder(path: &str) -> bool {
    let lowercase = path.to_lowercase();
    FOLDER_REPORT_ENDINGS
        .iter()
        .any(|ending| lowercase.ends_with(ending))
        || source_language_of(path).is_some()
}

/// Whether a folder of a dropped project is skipped, by its name.
pub fn is_skipped_folder(name: &str) -> bool {
    SKIPPED_FOLDERS.contains(&name)
}

/// Whether any folder on a path (not the file's own name) is one that is skipped: a
/// folder chosen with the folder picker arrives as a flat list of such paths.
pub fn lies_in_skipped_folder(path: &str) -> bool {
    let segments: Vec<&str> = path.split(['/', '\\']).collect();
    segments
        .iter()
        .take(segments.len().saturating_sub(1))
        .any(|segment| is_skipped_folder(segment))
}

/// The running total of the source text one load keeps, and the check of each file
/// against the limits.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct SourceBudget {
    pub used_bytes: u64,
}

impl SourceBudget {
    /// Takes a file of `size_bytes` into the budget, or says why it is not kept.
    pub fn admit(&mut self, size_bytes: u64) -> Result<(), String> {
        use super::file_limits::describe_byte_size;
        if size_bytes > MAX_SOURCE_FILE_BYTES {
            return Err(format!(
                "the source file is {}, more than the {} Covscope keeps for one source file; it was not read",
                describe_byte_size(size_bytes),
                describe_byte_size(MAX_SOURCE_FILE_BYTES)
            ));
        }
        let total = self.used_bytes.saturating_add(size_bytes);
        if total > MAX_SOURCE_TOTAL_BYTES {
            return Err(format!(
                "the sources of this load reached the {} Covscope keeps in all; this file was not read",
                describe_byte_size(MAX_SOURCE_TOTAL_BYTES)
            ));
        }
        self.used_bytes = total;
        Ok(())
    }
}
