//! Planning and verification documents (GSD-style markdown): kinds, frontmatter, gaps.
