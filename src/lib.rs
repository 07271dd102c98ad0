//! Covscope: a pure core (model, parse, analysis) and a Yew front end (app).
pub mod app;
pub mod core;
