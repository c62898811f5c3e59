//! The journal directory: a `Journal` is a root path and the git setting;
//! what it does is split by job:
//! - [`layout`]: where each day's file lives and which files there are;
//! - [`read`]: loading days, weeks or everything (index cache + parallel parse);
//! - [`outlines`]: the state of every screw-up, fix and promise, from a cache;
//! - [`write`]: every change, as a locked read-modify-write of day files;
//! - [`check`]: what `check` looks at beyond parsing (strays, exposure).

mod changes;
mod check;
mod layout;
mod moving;
mod outlines;
mod read;
mod write;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

pub use check::{Stray, Verified};
pub use layout::DaysStamp;
pub use outlines::{OUTLINES_FILE, Outlines};
pub use read::{Loaded, Scan};
pub use write::{DeletedEntry, Saved};

/// A journal rooted at a directory. Cheap to create: nothing is read until asked.
#[derive(Debug, Clone)]
pub struct Journal {
    root: PathBuf,
    /// With `git = true`, each save is committed (see `with_git`).
    git: bool,
}

impl Journal {
    pub fn new(root: impl Into<PathBuf>) -> Journal {
        Journal {
            root: root.into(),
            git: false,
        }
    }

    /// With `on`, every save also commits the day files it changed, with a
    /// message naming the change. A failed commit never fails the save: the
    /// reason comes back in [`Saved::warning`].
    pub fn with_git(mut self, on: bool) -> Journal {
        self.git = on;
        self
    }

    /// Commits `dates`' files when git is on; called with the lock held so
    /// saves from other processes cannot interleave with the commit. Says
    /// why when git would not commit.
    pub(super) fn commit(
        &self,
        dates: &[NaiveDate],
        message: impl FnOnce() -> String,
    ) -> Option<String> {
        if !self.git {
            return None;
        }
        let paths: Vec<PathBuf> = dates.iter().map(|d| self.day_path(*d)).collect();
        super::git::commit_save(&self.root, &paths, &message())
    }

    pub fn root(&self) -> &Path {
        &self.root
    }
}

#[cfg(test)]
mod tests;
