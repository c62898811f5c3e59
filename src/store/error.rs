use std::io;
use std::path::PathBuf;

use thiserror::Error;

use super::Problem;
use crate::model::{EntryId, ModelError};
use crate::sanitize;

#[derive(Debug, Error)]
pub enum StoreError {
    #[error("{}: {source}", sanitize::line(&path.display().to_string()))]
    Io { path: PathBuf, source: io::Error },
    #[error("{0}\nThe file was not changed. Fix it by hand, then run `jobjournal check`.")]
    Broken(Problem),
    #[error("no entry with id {0}")]
    NotFound(EntryId),
    /// A short id no entry has.
    #[error("no entry with id {0}")]
    NoShortId(String),
    /// A short id more than one entry has.
    #[error(
        "{short} is the short id of {}; give the whole id",
        candidates.iter().map(EntryId::as_str).collect::<Vec<_>>().join(", ")
    )]
    AmbiguousId {
        short: String,
        candidates: Vec<EntryId>,
    },
    #[error("{0}")]
    Invalid(#[from] ModelError),
    /// A link between entries that does not hold (a fix of a non-screw-up).
    #[error("{0}")]
    Link(String),
    /// A save of several days failed part-way, and these days could not be
    /// put back as they were: they keep what was saved before `cause`.
    #[error(
        "{cause}\nThese files could not be put back and keep what was saved before that: {}",
        kept.iter().map(|p| sanitize::line(&p.display().to_string())).collect::<Vec<_>>().join(", ")
    )]
    PartlyKept {
        kept: Vec<PathBuf>,
        cause: Box<StoreError>,
    },
    /// Fields this editor changed were also changed on disk since it read them.
    #[error(
        "{id}: {} changed in the journal while it was open here; open it again to make your change",
        fields.join(", ")
    )]
    Changed { id: EntryId, fields: Vec<String> },
}

impl StoreError {
    pub fn io(path: impl Into<PathBuf>) -> impl FnOnce(io::Error) -> StoreError {
        let path = path.into();
        move |source| StoreError::Io { path, source }
    }
}
