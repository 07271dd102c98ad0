//! The byte form in which a read planning document goes from the parsing worker to the
//! page: postcard's compact encoding of `ReadDocument` (fields in order, no names), so the
//! page's WebAssembly carries only postcard's sequence decoding, no JSON map visiting and
//! no hand-written wire of every document type.
use crate::core::analysis::read_document::ReadDocument;

/// The document as bytes for the page.
pub fn document_hand_over_bytes(document: &ReadDocument) -> Vec<u8> {
    // Encoding owned strings, numbers and enums into a growing vector cannot fail.
    postcard::to_allocvec(document).unwrap_or_default()
}

/// The document back from its bytes; an error (never a panic) for bytes that are not one.
pub fn document_from_hand_over_bytes(bytes: &[u8]) -> Result<ReadDocument, String> {
    postcard::from_bytes(bytes).map_err(|problem| {
        format!("Covscope's parsing worker handed over a document the page could not read ({problem}); this is a bug")
    })
}
