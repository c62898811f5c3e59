//! The journal directory: a `Journal` is a root path and the git setting;
//! what it does is split by job:
//! - [`layout`]: where each day's file lives and which files there are;
//! - [`read`]: loading days, weeks or everything (index cache + parallel parse);
//! - [`write`]: every change, as a locked read-modify-write of day files;
//! - [`check`]: what `check` looks at beyond parsing (strays, exposure).

mod changes;
mod check;
mod layout;
mod moving;
mod read;
mod write;

use std::path::{Path, PathBuf};

use chrono::NaiveDate;

use super::git::SaveCommits;

pub use check::{Stray, Verified};
pub use read::{Loaded, Scan};
pub use write::DeletedEntry;

/// A journal rooted at a directory. Cheap to create: nothing is read until asked.
#[derive(Debug, Clone)]
pub struct Journal {
    root: PathBuf,
    /// With `git = true`, each save is committed (see `with_git`).
    commits: Option<SaveCommits>,
}

impl Journal {
    pub fn new(root: impl Into<PathBuf>) -> Journal {
        Journal {
            root: root.into(),
            commits: None,
        }
    }

    /// With `on`, every save also commits the day files it changed, with a
    /// message naming the change. A failed commit never fails the save: the
    /// reason is kept for `take_warnings`.
    pub fn with_git(mut self, on: bool) -> Journal {
        self.commits = on.then(SaveCommits::default);
        self
    }

    /// Warnings from saves since the last call (e.g. a commit git refused),
    /// for the CLI to print or the TUI to show.
    pub fn take_warnings(&self) -> Vec<String> {
        self.commits
            .as_ref()
            .map(SaveCommits::take_warnings)
            .unwrap_or_default()
    }

    /// Commits `dates`' files when git is on; called with the lock held so
    /// saves from other processes cannot interleave with the commit.
    pub(super) fn commit(&self, dates: &[NaiveDate], message: impl FnOnce() -> String) {
        if let Some(commits) = &self.commits {
            let paths: Vec<PathBuf> = dates.iter().map(|d| self.day_path(*d)).collect();
            commits.commit(&self.root, &paths, &message());
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }
}

#[cfg(test)]
mod tests;
