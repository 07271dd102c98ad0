//! A quick hash for tables keyed by a report's own texts (paths, names), eight bytes a step.
//!
//! The texts come from the report being read, so there is no adversary to resist and no
//! need for SipHash's cost: SipHash took 1.6% of a 200,000-file coverage.py parse's
//! instructions for the set of paths alone (BENCHMARKS.md, "Less allocation in the JSON
//! parsers").
use std::hash::{BuildHasherDefault, Hasher};

/// How a `HashMap` or `HashSet` keyed by report texts builds its [`WordHasher`].
pub type WordHash = BuildHasherDefault<WordHasher>;

/// Folds the bytes into one word, eight at a time.
#[derive(Clone, Copy, Debug, Default)]
pub struct WordHasher {
    state: u64,
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        for chunk in bytes.chunks(8) {
            let mut word = [0u8; 8];
            word[..chunk.len()].copy_from_slice(chunk);
            // A rotate, a xor and an odd multiplier spread every input bit over the state.
            self.state = (self.state.rotate_left(5) ^ u64::from_le_bytes(word))
                .wrapping_mul(0x9E37_79B9_7F4A_7C15);
        }
    }

    fn finish(&self) -> u64 {
        self.state
    }
}
