//! The pure core: everything that turns bytes into figures, with no browser crate in reach.
//!
//! Nothing below this module may import yew, web-sys, gloo or wasm-bindgen; the test
//! `tests/core_purity.rs` enforces it so the core stays testable natively and can run
//! unchanged inside a Web Worker.
//!
//! The modules form layers, lowest first; a module imports only from layers below its
//! own (`tests/layering.rs` enforces it, ARCHITECTURE.md explains each):
//! `text` and `model` (shared vocabulary and text), `formats` and `document` (parsers,
//! which never import each other), `input` (the router), `analysis`, `share`.
pub mod analysis;
pub mod document;
pub mod formats;
pub mod input;
pub mod model;
pub mod share;
pub mod text;
