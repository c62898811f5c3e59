//! Moving an entry to another day as one operation. A move writes two day
//! files; a marker, `<journal>/.jobjournal.moving`, written first and
//! removed last, says which copy is the real one while both exist:
//!
//! - marker, no copy on the new day yet: the old day holds the entry;
//! - marker, a copy on each day: the new day's is the entry; readers hide
//!   the old day's, and the next save (under the lock) removes it;
//! - marker, only the new day holds it: the move landed; the next save
//!   removes the marker.
//!
//! So a crash or a full disk at any step shows the entry once, and nothing
//! is lost.

use std::fs;
use std::io;

use chrono::NaiveDate;

use super::Journal;
use crate::model::{Entry, EntryId};
use crate::store::save::atomic_write;
use crate::store::{Loaded, StoreError};

pub(super) const MOVING_FILE: &str = ".jobjournal.moving";

/// One move in progress.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(super) struct Move {
    pub id: EntryId,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

impl Journal {
    /// The move in progress, if a marker is there (and readable).
    pub(super) fn pending_move(&self) -> Option<Move> {
        let text = fs::read_to_string(self.root.join(MOVING_FILE)).ok()?;
        let mut words = text.split_whitespace();
        let id = words.next()?.parse().ok()?;
        let from = words.next()?.parse().ok()?;
        let to = words.next()?.parse().ok()?;
        Some(Move { id, from, to })
    }

    pub(super) fn mark_move(&self, moving: &Move) -> Result<(), StoreError> {
        let path = self.root.join(MOVING_FILE);
        let text = format!("{} {} {}\n", moving.id, moving.from, moving.to);
        atomic_write(&path, text.as_bytes()).map_err(StoreError::io(path))
    }

    pub(super) fn unmark_move(&self) -> Result<(), StoreError> {
        let path = self.root.join(MOVING_FILE);
        match fs::remove_file(&path) {
            Err(err) if err.kind() != io::ErrorKind::NotFound => Err(StoreError::io(path)(err)),
            _ => Ok(()),
        }
    }

    /// Whether the new day of `moving` holds its entry (the move's copy landed).
    pub(super) fn landed(&self, moving: &Move) -> bool {
        self.read_day(moving.to)
            .ok()
            .flatten()
            .is_some_and(|day| day.entries.iter().any(|e| e.id == moving.id))
    }

    /// Finishes a move a crash or a failed save left half done. Called with
    /// the lock held, before any change.
    pub(super) fn finish_move(&self) -> Result<(), StoreError> {
        let Some(moving) = self.pending_move() else {
            return Ok(());
        };
        if moving.from != moving.to && self.landed(&moving) {
            self.edit_day(moving.from, |file| {
                file.remove(&moving.id);
                Ok(())
            })?;
        }
        self.unmark_move()
    }

    /// Hides the old day's copy of an entry whose move is half done.
    pub(super) fn hide_half_moved(&self, loaded: &mut Loaded) {
        if let Some(moving) = self.pending_move()
            && self.is_stale_copy(&moving, &loaded.entries)
        {
            loaded
                .entries
                .retain(|e| !(e.id == moving.id && e.date == moving.from));
        }
    }

    /// True when `entries` hold the old day's copy and the new day has its own.
    pub(super) fn is_stale_copy(&self, moving: &Move, entries: &[Entry]) -> bool {
        moving.from != moving.to
            && entries
                .iter()
                .any(|e| e.id == moving.id && e.date == moving.from)
            && self.landed(moving)
    }
}
