//! What `check` looks at: every file parsed afresh, files that are not day
//! files, and whether others can read the journal.

use std::fs;
use std::path::PathBuf;
use std::sync::Mutex;

use chrono::NaiveDate;

use super::Journal;
use super::layout::{day_file_date, read_dir};
use super::read::Scan;
use crate::model::{Entry, EntryId};
use crate::store::index::Index;
use crate::store::save;
use crate::store::{Problem, StoreError};

/// Every entry's id and day, oldest day first, and every file's problems.
#[derive(Debug, Default)]
pub struct Verified {
    /// How many day files were read.
    pub files: usize,
    pub ids: Vec<(EntryId, NaiveDate)>,
    pub problems: Vec<Problem>,
}

/// A file in the journal that is not a day file the app can use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stray {
    /// A temp file left by a save that did not finish.
    Leftover(PathBuf),
    /// A sync tool's or editor's copy of a day file, e.g. `*.sync-conflict-*`.
    ConflictCopy(PathBuf),
}

impl Stray {
    /// The stray as a problem to report, saying what to do about it.
    pub fn problem(&self) -> Problem {
        match self {
            Stray::Leftover(path) => Problem::whole_file(
                path,
                "a temp file left by an interrupted save; the next save removes it",
            ),
            Stray::ConflictCopy(path) => Problem::whole_file(
                path,
                "a sync conflict copy; move any entries it has that the day file lacks into the day file, then delete it",
            ),
        }
    }
}

impl Journal {
    /// Parses every file, trusting no cache and writing none, and keeps
    /// only what `check` needs: each entry's id and day, and the problems.
    pub fn verify_all(&self) -> Result<Verified, StoreError> {
        let ids = Mutex::new(Vec::new());
        let note_id = |entry: &Entry| {
            let mut ids = ids.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            ids.push((entry.id.clone(), entry.date));
            false
        };
        let scan = Scan {
            keep: &note_id,
            needle: None,
        };
        let files = self.day_files()?;
        let file_count = files.len();
        let loaded = self.load_files(files, &scan, &mut Index::default())?;
        let mut ids = ids
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        ids.sort_by_key(|(_, date)| *date);
        Ok(Verified {
            files: file_count,
            ids,
            problems: loaded.problems,
        })
    }

    /// Files that are neither day files nor expected: leftovers and conflict copies.
    pub fn strays(&self) -> Result<Vec<Stray>, StoreError> {
        let mut strays = Vec::new();
        for (_, year_dir) in self.year_dirs()? {
            for entry in read_dir(&year_dir)? {
                let path = entry.path();
                let name = entry.file_name().to_string_lossy().into_owned();
                if save::is_temp_file(&name) {
                    strays.push(Stray::Leftover(path));
                } else if day_file_date(&path).is_none() && is_conflict_copy(&name) {
                    strays.push(Stray::ConflictCopy(path));
                }
            }
        }
        Ok(strays)
    }

    /// A warning when others can read the journal (its dir is group- or
    /// world-accessible), with the command that fixes it.
    pub fn exposure_warning(&self) -> Option<String> {
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let mode = fs::metadata(&self.root).ok()?.permissions().mode() & 0o777;
            (mode & 0o077 != 0).then(|| {
                format!(
                    "the journal {} can be read by other users (mode {mode:03o}); run: chmod -R go-rwx {}",
                    crate::sanitize::line(&self.root.display().to_string()),
                    crate::sanitize::line(&self.root.display().to_string()),
                )
            })
        }
        #[cfg(not(unix))]
        None
    }
}

pub(super) fn is_conflict_copy(name: &str) -> bool {
    name.contains(".sync-conflict-")
        || name.contains("conflicted copy")
        || name.contains("(Conflict")
        || name.ends_with(".orig")
}
