//! jobjournal: a terminal job journal kept in plain TOML files.
//!
//! Dependencies point one way: model ← store ← report ← {cli, ui}.

pub mod cli;
pub mod config;
pub mod import;
pub mod model;
pub mod report;
pub mod sanitize;
pub mod store;
pub mod synth;
pub mod ui;
