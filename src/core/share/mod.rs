//! Share links: the view and (when small) the data, encoded into a URL fragment.
//!
//! `fragment.rs` is the entry point (`v1.` + base64url of checksummed raw deflate),
//! `view_state.rs` the view a link restores, `snapshot.rs` the compact byte form of a
//! report, `document_hand_over.rs` the byte form of a read planning document,
//! `table_index_hand_over.rs` the byte form of the table's row index the parsing worker
//! hands over with a report, `wire.rs` the varints and checked text both are made of, and `limits.rs` the
//! link size limit and the caps every decode is held to; `site_manifest.rs` reads the
//! manifest of a published site (`covscope.json`), `prepared_report.rs` keeps a report
//! parsed ahead of time (the demo's) as a fragment's text, and `prepared_document.rs` a
//! planning document read ahead of time the same way. Everything here is pure: no
//! browser crate, no panics on any input.
mod document_hand_over;
mod fragment;
mod hand_over;
mod limits;
mod patch_record;
mod prepared_document;
mod prepared_report;
mod site_manifest;
mod snapshot;
mod snapshot_metrics;
mod table_index_hand_over;
mod view_state;
mod wire;

pub use document_hand_over::{document_from_hand_over_bytes, document_hand_over_bytes};
pub use fragment::{
    decode_share_fragment, decode_share_payload, decode_view_fragment, describe_share_size,
    encode_share_fragment, encode_share_fragment_with_patches, encode_share_payload,
    encode_share_payload_with_patches, encode_view_fragment, fits_in_share_link,
    fragment_from_payload, payload_from_fragment, EncodedShare, PatchesToShare, SharedPatches,
    SharedPayload, SHARE_FORMAT_VERSION,
};
pub use hand_over::{
    estimated_report_file_count, HandOverAssembly, StreamedHandOver, StreamedPiece,
    HAND_OVER_ENTRIES_PER_PIECE, HAND_OVER_FILES_PER_PIECE,
};
pub use limits::{
    MAX_COUNT_VALUE, MAX_DECODED_ENTRIES, MAX_DECOMPRESSED_BYTES, MAX_FILES_PER_REPORT,
    MAX_FRAGMENT_BYTES, MAX_REGIONS_PER_FILE, MAX_REPORTS_PER_LINK, MAX_TEXT_BYTES,
    SHARE_LINK_LIMIT_BYTES,
};
pub use patch_record::{patch_from_hand_over_bytes, patch_hand_over_bytes, PATCH_SECTION_VERSION};
pub use prepared_document::{
    page_content_from_prepared_text, prepared_document_text, PREPARED_DOCUMENT_PREFIX,
};
pub use prepared_report::{prepared_report_text, report_from_prepared_text};
pub use site_manifest::{
    parse_site_manifest, resolve_site_url, url_file_name, SiteDocument, SiteEntryProblem, SiteFile,
    SiteManifest, SiteReport, SiteRun, SITE_MANIFEST_FILE_NAME,
};
pub use snapshot::{
    report_from_snapshot, report_from_worker_snapshot, snapshot_of, ReportSnapshot,
};
pub use table_index_hand_over::{
    table_index_from_hand_over_bytes, table_index_from_hand_over_or_built,
    table_index_hand_over_bytes,
};
pub use view_state::ViewState;
