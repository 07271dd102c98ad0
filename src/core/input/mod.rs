//! The input router: what a dropped file is, whether it may be read, and which parser reads it.
//!
//! This is the only place that lists the formats Covscope reads (and diffs, which it
//! reads beside them). It sits above the
//! parsers (`core::formats`, `core::document`) and below every analysis.
mod arriving_file;
mod dropped_file;
mod file_limits;
mod registry;
mod source_files;
mod warm_up;

pub use arriving_file::{parse_arriving_in_chunks, Arrival, ArrivedFile, ArrivingFile};
pub use dropped_file::{
    parse_dropped_document, parse_dropped_file, parse_dropped_file_reporting_progress,
    parse_report_reporting_progress, parse_report_streaming_files, DroppedContent,
};
pub use file_limits::{
    describe_byte_size, is_markdown_name, keeps_worker_after, refuse_oversized_file,
    MAX_COVERAGE_FILE_BYTES, MAX_DOCUMENT_FILE_BYTES, REUSED_WORKER_MAX_FILE_BYTES,
};
pub use registry::{
    recognise_coverage_content, sniff_content, warm_up_formats, warm_up_samples, ContentShape,
    ContentSniff, CoverageParser, FormatSignature, PatchParser, PatchSignature, Recognised,
    StreamingCoverageParser, WarmUpSample, WarmUpScope, FORMAT_SIGNATURES, PATCH_SIGNATURE,
};
pub use source_files::{
    is_read_from_folder, is_skipped_folder, lies_in_skipped_folder, source_language_of,
    SourceBudget, SourceLanguage, MAX_SOURCE_FILE_BYTES, MAX_SOURCE_TOTAL_BYTES, SKIPPED_FOLDERS,
};
pub use warm_up::{
    warm_up_cobertura_text, warm_up_istanbul_text, warm_up_lcov_text, warm_up_report_text,
};
