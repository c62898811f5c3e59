//! Every change to the journal: under the journal lock, re-read the day
//! file, change it, and save it atomically.

use chrono::NaiveDate;
use toml_edit::Table;

use super::Journal;
use crate::model::{Entry, EntryId, Kind, ModelError};
use crate::store::dayfile::DayFile;
use crate::store::git::{Change, commit_message};
use crate::store::save::{self, JournalLock, atomic_write, create_private_dir};
use crate::store::{Problem, StoreError};

/// What `delete` removed, with enough to put it back exactly (undo).
#[derive(Debug, Clone)]
pub struct DeletedEntry {
    pub entry: Entry,
    index: usize,
    table: Table,
}

impl Journal {
    pub(in crate::store) fn lock(&self) -> Result<JournalLock, StoreError> {
        JournalLock::acquire(&self.root).map_err(StoreError::io(self.root.join(save::LOCK_FILE)))
    }

    /// Re-reads `date` from disk, applies `change`, and saves it atomically.
    /// The caller holds the lock, so what is changed is what is on disk now.
    fn edit_day<T>(
        &self,
        date: NaiveDate,
        change: impl FnOnce(&mut DayFile) -> Result<T, StoreError>,
    ) -> Result<T, StoreError> {
        let path = self.day_path(date);
        let mut file = match self.read_day(date)? {
            None => DayFile::empty(date),
            Some(parsed) => match parsed.file {
                Some(file) => file,
                None => {
                    return Err(StoreError::Broken(
                        parsed
                            .problems
                            .into_iter()
                            .next()
                            .unwrap_or_else(|| Problem::whole_file(&path, "unreadable")),
                    ));
                }
            },
        };
        let result = change(&mut file)?;
        let dir = path.parent().unwrap_or(&self.root);
        create_private_dir(dir).map_err(StoreError::io(dir))?;
        // A save killed half-way leaves its temp file in this directory; we
        // hold the lock, so no save in progress can own one now.
        save::remove_leftovers(dir).map_err(StoreError::io(dir))?;
        atomic_write(&path, file.render().as_bytes()).map_err(StoreError::io(&path))?;
        Ok(result)
    }

    /// Refuses a `fixes` link to anything but a screw-up in the journal.
    /// Called with the lock held, so the target cannot change meanwhile.
    fn check_links(&self, entry: &Entry) -> Result<(), StoreError> {
        for id in &entry.fixes {
            let target = self.find(id).map_err(|err| match err {
                StoreError::NotFound(_) => StoreError::Link(format!("no entry {id}")),
                other => other,
            })?;
            if target.kind != Kind::Screwup {
                return Err(StoreError::Link(format!(
                    "{id} is not a screw-up (it is a {})",
                    target.kind.as_str()
                )));
            }
        }
        Ok(())
    }

    /// Appends `entry` to its day with a fresh id, returning the saved entry.
    pub fn add(&self, mut entry: Entry) -> Result<Entry, StoreError> {
        entry.validate()?;
        let _lock = self.lock()?;
        self.check_links(&entry)?;
        let saved = self.edit_day(entry.date, |file| {
            let taken = file.ids();
            let mut rng = fastrand::Rng::new();
            entry.id = std::iter::repeat_with(|| EntryId::generate(entry.date, &mut rng))
                .find(|id| !taken.contains(id))
                .expect("an unbounded iterator yields");
            file.append(&entry);
            Ok(entry)
        })?;
        self.commit(&[saved.date], || commit_message(Change::Add, &saved, None));
        Ok(saved)
    }

    /// Adds entries that already have ids (an import), one save per day.
    /// Refuses, before writing anything, an id the journal already has.
    pub fn add_with_ids(&self, entries: &[Entry]) -> Result<(), StoreError> {
        let mut days: std::collections::BTreeMap<NaiveDate, Vec<&Entry>> = Default::default();
        for entry in entries {
            entry.validate()?;
            days.entry(entry.date).or_default().push(entry);
        }
        let _lock = self.lock()?;
        for (date, day) in days {
            self.edit_day(date, |file| {
                if let Some(taken) = day.iter().find(|e| file.get(&e.id).is_some()) {
                    return Err(ModelError::Invalid(format!(
                        "{} is already in the journal",
                        taken.id
                    ))
                    .into());
                }
                for entry in day {
                    file.append(entry);
                }
                Ok(())
            })?;
        }
        Ok(())
    }

    /// Saves `entry` over the entry with its id, moving it if its date changed.
    pub fn update(&self, entry: &Entry) -> Result<Entry, StoreError> {
        entry.validate()?;
        let _lock = self.lock()?;
        let current = self.find(&entry.id)?;
        self.check_links(entry)?;
        if current.date == entry.date {
            self.edit_day(entry.date, |file| {
                file.update(entry)
                    .then_some(())
                    .ok_or_else(|| StoreError::NotFound(entry.id.clone()))
            })?;
        } else {
            // Write the new copy first: a crash in between leaves a duplicate, never a loss.
            self.edit_day(entry.date, |file| {
                file.append(entry);
                Ok(())
            })?;
            self.edit_day(current.date, |file| {
                file.remove(&entry.id)
                    .map(|_| ())
                    .ok_or_else(|| StoreError::NotFound(entry.id.clone()))
            })?;
        }
        self.commit(&[entry.date, current.date], || {
            commit_message(Change::Edit, entry, Some(&current))
        });
        Ok(entry.clone())
    }

    /// Reads the entry, lets `change` alter it, and saves it.
    pub fn modify(
        &self,
        id: &EntryId,
        change: impl FnOnce(&mut Entry) -> Result<(), ModelError>,
    ) -> Result<Entry, StoreError> {
        let mut entry = self.find(id)?;
        change(&mut entry)?;
        self.update(&entry)
    }

    /// The entry's table exactly as written in its file, for `$EDITOR`.
    pub fn entry_text(&self, id: &EntryId) -> Result<(Entry, String), StoreError> {
        let entry = self.find(id)?;
        let text = self
            .read_day(entry.date)?
            .and_then(|parsed| parsed.file)
            .and_then(|file| file.table_text(id))
            .ok_or_else(|| StoreError::NotFound(id.clone()))?;
        Ok((entry, text))
    }

    /// Replaces the entry's whole table with `table` (already validated by the caller).
    pub fn replace_table(
        &self,
        id: &EntryId,
        date: NaiveDate,
        table: Table,
    ) -> Result<(), StoreError> {
        let _lock = self.lock()?;
        let before = self.read_day(date)?.and_then(|p| p.file?.get(id));
        let after = self.edit_day(date, |file| {
            file.replace_table(id, table)
                .then_some(())
                .ok_or_else(|| StoreError::NotFound(id.clone()))?;
            let after = file.get(id);
            if let Some(after) = &after {
                self.check_links(after)?;
            }
            Ok(after)
        })?;
        if let Some(after) = after {
            self.commit(&[date], || {
                commit_message(Change::Edit, &after, before.as_ref())
            });
        }
        Ok(())
    }

    /// Removes an entry, returning what `restore` needs to put it back.
    pub fn delete(&self, id: &EntryId) -> Result<DeletedEntry, StoreError> {
        let _lock = self.lock()?;
        let entry = self.find(id)?;
        let (index, table) = self.edit_day(entry.date, |file| {
            file.remove(id)
                .ok_or_else(|| StoreError::NotFound(id.clone()))
        })?;
        self.commit(&[entry.date], || {
            commit_message(Change::Delete, &entry, None)
        });
        Ok(DeletedEntry {
            entry,
            index,
            table,
        })
    }

    /// Puts a deleted entry back where it was, comments included.
    pub fn restore(&self, deleted: &DeletedEntry) -> Result<(), StoreError> {
        let _lock = self.lock()?;
        self.edit_day(deleted.entry.date, |file| {
            if file.get(&deleted.entry.id).is_some() {
                return Err(ModelError::Invalid(format!(
                    "{} is already in the journal",
                    deleted.entry.id
                ))
                .into());
            }
            file.insert_table(deleted.index, deleted.table.clone());
            Ok(())
        })?;
        self.commit(&[deleted.entry.date], || {
            commit_message(Change::Restore, &deleted.entry, None)
        });
        Ok(())
    }
}
