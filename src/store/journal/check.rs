//! What `check` looks at: every file parsed afresh, files that are not day
//! files, and whether others can read the journal.

use std::fs;
use std::path::PathBuf;
use std::sync::Mutex;

use chrono::{Datelike, NaiveDate};

use super::Journal;
use super::layout::{day_file_date, looks_like_day_file, read_dir};
use super::read::Scan;
use crate::model::{Entry, EntryId};
use crate::store::index::{Index, is_abandoned};
use crate::store::save;
use crate::store::{Problem, StoreError};

/// Every entry's id and day, oldest day first, and every file's problems.
#[derive(Debug, Default)]
pub struct Verified {
    /// How many day files were read.
    pub files: usize,
    pub ids: Vec<(EntryId, NaiveDate)>,
    /// Each fix's links: the fix, its day, and the id it says it fixes.
    pub links: Vec<(EntryId, NaiveDate, EntryId)>,
    pub problems: Vec<Problem>,
}

/// A file in the journal that is not a day file the app can use.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Stray {
    /// A temp file left by a save that did not finish.
    Leftover(PathBuf),
    /// A sync tool's or editor's copy of a day file, e.g. `*.sync-conflict-*`.
    ConflictCopy(PathBuf),
    /// A day file outside its year's folder; where it belongs.
    Misplaced { path: PathBuf, belongs: PathBuf },
    /// A name shaped like a day file's that is no date (`2026-02-30.toml`).
    NotADate(PathBuf),
    /// A directory or other non-file with a temp file's name: left alone.
    NotAFile(PathBuf),
}

impl Stray {
    /// The stray as a problem to report, saying what to do about it.
    pub fn problem(&self) -> Problem {
        match self {
            Stray::Leftover(path) => Problem::whole_file(
                path,
                "a temp file left by an interrupted save; `jobjournal check --fix` (or the next save into this year) removes it",
            ),
            Stray::ConflictCopy(path) => Problem::whole_file(
                path,
                "a sync conflict copy; move any entries it has that the day file lacks into the day file, then delete it",
            ),
            Stray::Misplaced { path, belongs } => Problem::whole_file(
                path,
                format!(
                    "a day file outside its year's folder, so it is not read; move it to {}",
                    belongs.display()
                ),
            ),
            Stray::NotADate(path) => Problem::whole_file(
                path,
                "named like a day file but not a real date, so it is not read; rename it to the day its entries belong to",
            ),
            Stray::NotAFile(path) => Problem::whole_file(
                path,
                "named like a save's temp file but not a file; jobjournal leaves it alone: remove or rename it",
            ),
        }
    }
}

impl Journal {
    /// Parses every file, trusting no cache and writing none, and keeps
    /// only what `check` needs: each entry's id and day, and the problems.
    pub fn verify_all(&self) -> Result<Verified, StoreError> {
        let ids = Mutex::new(Vec::new());
        let links = Mutex::new(Vec::new());
        let note_id = |entry: &Entry| {
            let mut ids = ids.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
            ids.push((entry.id.clone(), entry.date));
            if !entry.fixes.is_empty() {
                let mut links = links
                    .lock()
                    .unwrap_or_else(|poisoned| poisoned.into_inner());
                for target in &entry.fixes {
                    links.push((entry.id.clone(), entry.date, target.clone()));
                }
            }
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
        // A half-done move's old copy is not a second entry.
        if let Some(moving) = self.pending_move() {
            let stale = ids
                .iter()
                .any(|(id, date)| *id == moving.id && *date == moving.from)
                && moving.from != moving.to
                && ids
                    .iter()
                    .any(|(id, date)| *id == moving.id && *date == moving.to);
            if stale {
                ids.retain(|(id, date)| !(*id == moving.id && *date == moving.from));
            }
        }
        ids.sort_by_key(|(_, date)| *date);
        let mut links = links
            .into_inner()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        links.sort();
        Ok(Verified {
            files: file_count,
            ids,
            links,
            problems: loaded.problems,
        })
    }

    /// Files that are not day files the app reads: leftovers, conflict
    /// copies, day files in the wrong place, names that are no date.
    pub fn strays(&self) -> Result<Vec<Stray>, StoreError> {
        let mut strays = Vec::new();
        let misplaced = |path: PathBuf| match day_file_date(&path) {
            Some(date) => Stray::Misplaced {
                belongs: self.day_path(date),
                path,
            },
            None => Stray::NotADate(path),
        };
        let temp = |entry: &std::fs::DirEntry| match entry.file_type().is_ok_and(|t| t.is_file()) {
            true => Stray::Leftover(entry.path()),
            false => Stray::NotAFile(entry.path()),
        };
        // The root holds temp files too: of the move marker and the caches.
        // A cache is written without the lock, so only one its writer has
        // abandoned is a leftover; a younger one may be another window's.
        for entry in read_dir(&self.root)? {
            let name = entry.file_name().to_string_lossy().into_owned();
            if save::is_temp_file(&name) {
                if is_abandoned(&entry, std::time::SystemTime::now()) {
                    strays.push(temp(&entry));
                }
            } else if looks_like_day_file(&name) {
                strays.push(misplaced(entry.path()));
            }
        }
        for (year, year_dir) in self.year_dirs()? {
            for entry in read_dir(&year_dir)? {
                let path = entry.path();
                let name = entry.file_name().to_string_lossy().into_owned();
                if save::is_temp_file(&name) {
                    strays.push(temp(&entry));
                } else if looks_like_day_file(&name) {
                    if day_file_date(&path).is_none_or(|d| d.year() != year) {
                        strays.push(misplaced(path));
                    }
                } else if is_conflict_copy(&name) {
                    strays.push(Stray::ConflictCopy(path));
                }
            }
        }
        Ok(strays)
    }

    /// Removes temp files left by saves that were killed, under the lock so
    /// no running save loses its own. Returns what was removed.
    pub fn remove_leftovers(&self) -> Result<Vec<PathBuf>, StoreError> {
        if !self.root.exists() {
            return Ok(Vec::new());
        }
        let _lock = self.lock()?;
        let mut removed = Vec::new();
        for entry in read_dir(&self.root)? {
            let name = entry.file_name().to_string_lossy().into_owned();
            let is_file = entry.file_type().is_ok_and(|t| t.is_file());
            if save::is_temp_file(&name)
                && is_file
                && is_abandoned(&entry, std::time::SystemTime::now())
            {
                std::fs::remove_file(entry.path()).map_err(StoreError::io(entry.path()))?;
                removed.push(entry.path());
            }
        }
        for (_, dir) in self.year_dirs()? {
            removed.extend(save::remove_leftovers(&dir).map_err(StoreError::io(&dir))?);
        }
        Ok(removed)
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
