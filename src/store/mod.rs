//! The only code that touches journal files: one TOML file per day, edited in
//! place so the user's comments, spacing and unknown keys survive, and saved
//! under a lock with an atomic rename so a crash never tears a file.

mod codec;
mod dayfile;
mod error;
mod git;
mod index;
mod journal;
mod merge;
mod open;
mod problem;
pub mod repo;
mod save;

pub use dayfile::{DayFile, ParsedDay};
pub use error::StoreError;
pub use git::{Git, GitError};
pub use index::INDEX_FILE;
pub use journal::{
    DaysStamp, DeletedEntry, Journal, Loaded, OUTLINES_FILE, Outlines, Saved, Scan, Stray, Verified,
};
pub use merge::{Merged, Unmergeable, merge_day};
pub use problem::Problem;
pub use save::{
    SaveStep, TEMP_SUFFIX, atomic_write, atomic_write_from, atomic_write_with, create_private_dir,
};
