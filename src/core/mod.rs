//! The pure core: everything that turns bytes into figures, with no browser crate in reach.
//!
//! Nothing below this module may import yew, web-sys, gloo or wasm-bindgen; the test
//! `tests/core_purity.rs` enforces it so the core stays testable natively and can run
//! unchanged inside a Web Worker.
pub mod analysis;
pub mod document;
pub mod model;
pub mod parse;
pub mod share;
