//! jobjournal: a terminal job journal kept in plain TOML files.
//!
//! Dependencies point one way: model ← store ← report ← {cli, ui}.

pub mod cli;
pub mod config;
pub mod editor;
pub mod import;
pub mod model;
pub mod output;
pub mod report;
pub mod sanitize;
pub mod store;
/// Synthetic journals for benchmarks, examples and tests; not part of the API.
#[doc(hidden)]
pub mod synth;
pub mod ui;
