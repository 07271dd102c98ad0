//! Fuzzes share-link decoding: any text as a fragment gives a value or an error, never a
//! panic, and whatever decodes re-encodes without failing. The same bytes also go straight
//! to the payload decoder (past the checksum and deflate, which random text rarely passes),
//! and every diff a payload carries has its patch coverage computed against the reports it
//! carries, so a crafted diff record cannot make the patch view panic or hang.
#![no_main]

use covscope::core::analysis::patch::compute_patch_coverage;
use covscope::core::share::{
    decode_share_fragment, decode_share_payload, decode_view_fragment, encode_view_fragment,
};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    // Both the raw bytes and a well-formed prefix reach the inner decoder past base64.
    for fragment in [text.to_string(), format!("v1.{text}")] {
        let outcome = decode_share_fragment(&fragment);
        if let Some(payload) = outcome.value {
            let _ = encode_view_fragment(&payload.view);
        }
        let _ = decode_view_fragment(&fragment);
    }
    if let Some(payload) = decode_share_payload(data).value {
        for (_, patch) in &payload.patches.patches {
            for (_, report) in &payload.reports {
                let coverage = compute_patch_coverage(patch, report);
                assert!(coverage.totals.measured() <= coverage.added_lines);
            }
        }
    }
});
