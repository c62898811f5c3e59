use std::path::PathBuf;

use thiserror::Error;

use crate::sanitize;

/// Why a report could not be rendered.
#[derive(Debug, Error)]
pub enum ReportError {
    /// A template failed to parse or render; `file` is the user's file or
    /// `built-in template NAME`, so the user knows which one to open.
    #[error("{}{}: {}", sanitize::line(file), line.map(|n| format!(":{n}")).unwrap_or_default(), sanitize::line(message))]
    Template {
        file: String,
        line: Option<usize>,
        message: String,
    },
    #[error("cannot read template {}: {source}", sanitize::line(&path.display().to_string()))]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    /// Writing the rendered text failed (a full disk, a closed pipe).
    #[error("cannot write the output: {0}")]
    Write(std::io::Error),
    #[error("{what} cannot be written as {format} (expected one of: {accepted})")]
    Unsupported {
        what: &'static str,
        format: &'static str,
        accepted: &'static str,
    },
}
