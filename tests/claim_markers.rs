//! Inline claim badges: markers go after each figure and come back out as badges.
#![cfg(not(target_arch = "wasm32"))]

use covscope::core::analysis::claim_markers::{
    insert_claim_markers, replace_claim_markers, strip_claim_markers,
};
use covscope::core::document::render_markdown_safe;

fn check(body: &str, figure_ends: &[(usize, usize)], expected_html: &str) {
    let marked = insert_claim_markers(body, figure_ends);
    let html = replace_claim_markers(&render_markdown_safe(&marked), |index| {
        format!("<b-{index}>")
    });
    assert_eq!(html, expected_html);
}

#[test]
fn badges_follow_their_figures_in_prose_lists_and_tables() {
    check(
        "models.py is at 97.39% now.\n",
        &[(0, 22)],
        "<p>models.py is at 97.39%<b-0> now.</p>\n",
    );
    check(
        "- a.py 50%\n- b.py 60%\n",
        &[(1, 21), (0, 10)],
        "<ul>\n<li>a.py 50%<b-0></li>\n<li>b.py 60%<b-1></li>\n</ul>\n",
    );
    check(
        "| File | Cover |\n|---|---|\n| a.py | 97% |\n",
        &[(0, 39)],
        "<table><thead><tr><th>File</th><th>Cover</th></tr></thead><tbody>\n<tr><td>a.py</td><td>97%<b-0></td></tr>\n</tbody></table>\n",
    );
}

#[test]
fn bad_offsets_are_skipped_and_stray_markers_dropped() {
    check("café 50%\n", &[(0, 4), (1, 99)], "<p>café 50%</p>\n");
    assert_eq!(strip_claim_markers("a\u{E000}12\u{E001}b\u{E000}x"), "abx");
    assert_eq!(
        replace_claim_markers("no markers", |_| "!".to_string()),
        "no markers"
    );
}
