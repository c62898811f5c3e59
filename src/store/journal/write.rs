//! Every change to the journal: under the journal lock, re-read the day
//! file, change it, and save it atomically.

use std::path::PathBuf;

use chrono::NaiveDate;
use toml_edit::Table;

use super::moving::Move;
use super::{Journal, changes};
use crate::model::{Entry, EntryId, Kind, ModelError};
use crate::store::dayfile::DayFile;
use crate::store::git::{Change, commit_message};
use crate::store::index::Index;
use crate::store::open::{Contents, read_regular};
use crate::store::save::{self, JournalLock, create_private_dir};
use crate::store::{Problem, StoreError};

/// A save that landed, and what went wrong after (the commit git refused
/// with `git = true`). The save stands either way; the caller shows the
/// warning as it is, once.
#[derive(Debug, Clone)]
#[must_use = "a save may carry a warning to show"]
pub struct Saved<T> {
    pub value: T,
    /// "saved, but not committed to git: …", in the store's one wording.
    pub warning: Option<String>,
}

impl<T> Saved<T> {
    fn with(value: T, warning: Option<String>) -> Saved<T> {
        Saved { value, warning }
    }
}

/// What `delete` removed, with enough to put it back exactly (undo).
#[derive(Debug, Clone)]
pub struct DeletedEntry {
    pub entry: Entry,
    index: usize,
    table: Table,
}

impl Journal {
    /// Takes the journal lock and finishes a move a crash left half done,
    /// so every change starts from a journal with each entry once.
    pub(in crate::store) fn lock(&self) -> Result<JournalLock, StoreError> {
        let lock = JournalLock::acquire(&self.root)
            .map_err(StoreError::io(self.root.join(save::LOCK_FILE)))?;
        self.finish_move()?;
        Ok(lock)
    }

    /// Moves `entry` from `from` to its date as one operation (see
    /// [`super::moving`]): marker, new copy, old copy removed, marker
    /// removed. If removing the old copy fails, the new one is taken back.
    fn move_entry(&self, from: NaiveDate, entry: &Entry) -> Result<(), StoreError> {
        let moving = Move {
            id: entry.id.clone(),
            from,
            to: entry.date,
        };
        self.mark_move(&moving)?;
        let landed = self.edit_day(entry.date, |file| {
            // A copy from an earlier failed attempt is replaced, never doubled.
            if !file.update(entry) {
                file.append(entry);
            }
            Ok(())
        });
        if let Err(err) = landed {
            self.unmark_move()?;
            return Err(err);
        }
        let removed = self.edit_day(from, |file| {
            file.remove(&entry.id)
                .map(|_| ())
                .ok_or_else(|| StoreError::NotFound(entry.id.clone()))
        });
        if let Err(err) = removed {
            // Take the new copy back; if even that fails, the marker keeps
            // the entry shown once and the next save finishes the move.
            let undone = self.edit_day(entry.date, |file| {
                file.remove(&entry.id);
                Ok(())
            });
            if undone.is_ok() {
                self.unmark_move()?;
            }
            return Err(err);
        }
        self.unmark_move()
    }

    /// Re-reads `date` from disk, applies `change`, and saves it atomically.
    /// The caller holds the lock, so what is changed is what is on disk now.
    pub(super) fn edit_day<T>(
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
        write_day(&path, file.render().as_bytes()).map_err(StoreError::io(&path))?;
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
    pub fn add(&self, mut entry: Entry) -> Result<Saved<Entry>, StoreError> {
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
        let warning = self.commit(&[saved.date], || commit_message(Change::Add, &saved, None));
        Ok(Saved::with(saved, warning))
    }

    /// Adds entries that already have ids (an import), one save per day,
    /// then one commit for them all when git is on. Refuses, before
    /// writing anything, an id the journal already has, a broken day, or a
    /// fix link to anything but a screw-up here or in the import.
    pub fn add_with_ids(&self, entries: &[Entry]) -> Result<Saved<()>, StoreError> {
        let mut days: std::collections::BTreeMap<NaiveDate, Vec<&Entry>> = Default::default();
        for entry in entries {
            entry.validate()?;
            days.entry(entry.date).or_default().push(entry);
        }
        let _lock = self.lock()?;
        // Every day is checked first: a clash found on the tenth day once
        // left the first nine imported. What each day holds now is kept, to
        // take the import back should a later day fail to save (a full
        // disk): whole or not at all.
        let mut before: Vec<(PathBuf, Option<Vec<u8>>)> = Vec::new();
        for date in days.keys() {
            if let Some(parsed) = self.read_day(*date)?
                && parsed.file.is_none()
            {
                return Err(StoreError::Broken(
                    parsed.problems.into_iter().next().unwrap_or_else(|| {
                        Problem::whole_file(&self.day_path(*date), "unreadable")
                    }),
                ));
            }
            let path = self.day_path(*date);
            let bytes = match read_regular(&path).map_err(StoreError::io(&path))? {
                Contents::Bytes(bytes) => Some(bytes),
                _ => None,
            };
            before.push((path, bytes));
        }
        self.refuse_taken_ids(entries)?;
        let imported: std::collections::HashMap<&EntryId, Kind> =
            entries.iter().map(|e| (&e.id, e.kind)).collect();
        for entry in entries {
            let mut elsewhere = Vec::new();
            for id in &entry.fixes {
                match imported.get(id) {
                    Some(Kind::Screwup) => {}
                    Some(kind) => {
                        return Err(StoreError::Link(format!(
                            "{id} is not a screw-up (it is a {})",
                            kind.as_str()
                        )));
                    }
                    None => elsewhere.push(id.clone()),
                }
            }
            if !elsewhere.is_empty() {
                let mut probe = entry.clone();
                probe.fixes = elsewhere;
                self.check_links(&probe)?;
            }
        }
        // Days are counted as touched before their save: a save can fail
        // after its rename (syncing the folder), with the new file in place.
        for (touched, (date, day)) in days.iter().enumerate() {
            let saved = self.edit_day(*date, |file| {
                for entry in day {
                    file.append(entry);
                }
                Ok(())
            });
            if let Err(err) = saved {
                before.truncate(touched + 1);
                return Err(take_back(before, err));
            }
        }
        let dates: Vec<NaiveDate> = days.keys().copied().collect();
        let warning = self.commit(&dates, || {
            let n = entries.len();
            format!("import: {n} {}", if n == 1 { "entry" } else { "entries" })
        });
        Ok(Saved::with((), warning))
    }

    /// Refuses an id given twice, or one the journal has on any day: an
    /// entry keeps its id when it moves, so its id's day may not hold it.
    /// Read from the day files, not the cache, as every save does; while a
    /// day file cannot be read, it may hold one, so that refuses too.
    fn refuse_taken_ids(&self, entries: &[Entry]) -> Result<(), StoreError> {
        let mut wanted = std::collections::HashSet::new();
        if let Some(twice) = entries.iter().find(|e| !wanted.insert(&e.id)) {
            return Err(ModelError::Invalid(format!("{} is given twice", twice.id)).into());
        }
        let keep = |e: &Entry| wanted.contains(&e.id);
        let scan = super::read::Scan {
            keep: &keep,
            needle: None,
        };
        let held = self.load_files(self.day_files()?, &scan, &mut Index::default())?;
        // A file that cannot be read may hold one of the ids.
        if let Some(problem) = held.problems.into_iter().next() {
            return Err(StoreError::Broken(problem));
        }
        match held.entries.first() {
            Some(taken) => Err(ModelError::Invalid(format!(
                "{} is already in the journal (on {})",
                taken.id, taken.date
            ))
            .into()),
            None => Ok(()),
        }
    }

    /// Saves `entry` over the entry with its id, moving it if its date
    /// changed. Whatever changed on disk since `entry` was read is
    /// overwritten: an editor that kept what it read calls [`Journal::update_from`].
    pub fn update(&self, entry: &Entry) -> Result<Saved<Entry>, StoreError> {
        entry.validate()?;
        let _lock = self.lock()?;
        let current = self.find_on_disk(&entry.id)?;
        self.save_over(&current, entry.clone())
    }

    /// Saves the changes an editor made from `base` (the entry as it read
    /// it) to `new`, onto the entry as it is on disk now: fields this editor
    /// left alone keep whatever another save wrote meanwhile, and a field
    /// changed both here and there refuses the save ([`StoreError::Changed`]).
    pub fn update_from(&self, base: &Entry, new: &Entry) -> Result<Saved<Entry>, StoreError> {
        new.validate()?;
        let _lock = self.lock()?;
        let current = self.find_on_disk(&base.id)?;
        let merged = changes::apply(base, new, &current)?;
        merged.validate()?;
        self.save_over(&current, merged)
    }

    /// Reads the entry under the lock, lets `change` alter it, and saves it,
    /// so no other save can land between the read and the write.
    pub fn modify(
        &self,
        id: &EntryId,
        change: impl FnOnce(&mut Entry) -> Result<(), ModelError>,
    ) -> Result<Saved<Entry>, StoreError> {
        let _lock = self.lock()?;
        let current = self.find_on_disk(id)?;
        let mut entry = current.clone();
        change(&mut entry)?;
        entry.validate()?;
        self.save_over(&current, entry)
    }

    /// Writes `entry` over `current` (as read under the lock held by the
    /// caller), moving it when its date changed.
    fn save_over(&self, current: &Entry, entry: Entry) -> Result<Saved<Entry>, StoreError> {
        self.check_links(&entry)?;
        if current.date == entry.date {
            self.edit_day(entry.date, |file| {
                file.update(&entry)
                    .then_some(())
                    .ok_or_else(|| StoreError::NotFound(entry.id.clone()))
            })?;
        } else {
            self.move_entry(current.date, &entry)?;
        }
        let warning = self.commit(&[entry.date, current.date], || {
            commit_message(Change::Edit, &entry, Some(current))
        });
        Ok(Saved::with(entry, warning))
    }

    /// The entry's table exactly as written in its file, for `$EDITOR`.
    pub fn entry_text(&self, id: &EntryId) -> Result<(Entry, String), StoreError> {
        let entry = self.find_on_disk(id)?;
        let text = self
            .read_day(entry.date)?
            .and_then(|parsed| parsed.file)
            .and_then(|file| file.table_text(id))
            .ok_or_else(|| StoreError::NotFound(id.clone()))?;
        Ok((entry, text))
    }

    /// Saves a table edited as text (in `$EDITOR`) from `base`, the entry and
    /// table text it was made from. If the table on disk is still `base`'s,
    /// the user's text replaces it whole, comments included; if it changed
    /// meanwhile, only the fields the user changed are applied, as
    /// [`Journal::update_from`] does.
    pub fn update_table(
        &self,
        base: &Entry,
        base_text: &str,
        edited: &Entry,
        table: Table,
    ) -> Result<Saved<Entry>, StoreError> {
        edited.validate()?;
        let _lock = self.lock()?;
        let current = self.find_on_disk(&base.id)?;
        let on_disk = self
            .read_day(current.date)?
            .and_then(|parsed| parsed.file?.table_text(&base.id));
        if current.date != base.date || on_disk.as_deref() != Some(base_text) {
            let merged = changes::apply(base, edited, &current)?;
            merged.validate()?;
            return self.save_over(&current, merged);
        }
        let id = &base.id;
        let after = self.edit_day(current.date, |file| {
            file.replace_table(id, table)
                .then_some(())
                .ok_or_else(|| StoreError::NotFound(id.clone()))?;
            let after = file
                .get(id)
                .ok_or_else(|| StoreError::NotFound(id.clone()))?;
            self.check_links(&after)?;
            Ok(after)
        })?;
        let warning = self.commit(&[current.date], || {
            commit_message(Change::Edit, &after, Some(&current))
        });
        Ok(Saved::with(after, warning))
    }

    /// Removes an entry, returning what `restore` needs to put it back.
    pub fn delete(&self, id: &EntryId) -> Result<Saved<DeletedEntry>, StoreError> {
        let _lock = self.lock()?;
        let entry = self.find_on_disk(id)?;
        let (index, table) = self.edit_day(entry.date, |file| {
            file.remove(id)
                .ok_or_else(|| StoreError::NotFound(id.clone()))
        })?;
        let warning = self.commit(&[entry.date], || {
            commit_message(Change::Delete, &entry, None)
        });
        let deleted = DeletedEntry {
            entry,
            index,
            table,
        };
        Ok(Saved::with(deleted, warning))
    }

    /// Puts a deleted entry back where it was, comments included.
    pub fn restore(&self, deleted: &DeletedEntry) -> Result<Saved<()>, StoreError> {
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
        let warning = self.commit(&[deleted.entry.date], || {
            commit_message(Change::Restore, &deleted.entry, None)
        });
        Ok(Saved::with((), warning))
    }
}

/// Puts back the days an import touched before `failed` stopped it: new
/// files first (removing them makes room), then the old bytes of the rest.
/// Should that fail too, the error names the days that keep imported entries.
fn take_back(mut touched: Vec<(PathBuf, Option<Vec<u8>>)>, failed: StoreError) -> StoreError {
    touched.sort_by_key(|(_, before)| before.is_some());
    let mut kept = Vec::new();
    for (path, before) in touched {
        let undone = match &before {
            None => match std::fs::remove_file(&path) {
                // The failed save never put it there.
                Err(err) if err.kind() == std::io::ErrorKind::NotFound => Ok(()),
                done => done,
            },
            // Untouched when the failed save never reached it.
            Some(bytes) if std::fs::read(&path).is_ok_and(|now| now == *bytes) => Ok(()),
            Some(bytes) => write_day(&path, bytes),
        };
        if undone.is_err() {
            kept.push(path);
        }
    }
    match kept.is_empty() {
        true => failed,
        false => StoreError::PartlyKept {
            kept,
            cause: Box::new(failed),
        },
    }
}

/// The atomic write of a day file; tests make chosen writes fail.
#[cfg(not(test))]
fn write_day(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    crate::store::atomic_write(path, bytes)
}

#[cfg(test)]
thread_local! {
    /// Day-file writes to let through before one fails (with "disk full").
    pub(super) static FAIL_AFTER: std::cell::Cell<Option<usize>> = const { std::cell::Cell::new(None) };
    /// The step of that write that fails.
    pub(super) static FAIL_AT: std::cell::Cell<crate::store::SaveStep> =
        const { std::cell::Cell::new(crate::store::SaveStep::Write) };
}

#[cfg(test)]
fn write_day(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    let fail = FAIL_AFTER.with(|left| match left.get() {
        Some(0) => {
            left.set(None);
            true
        }
        Some(n) => {
            left.set(Some(n - 1));
            false
        }
        None => false,
    });
    let at = FAIL_AT.with(std::cell::Cell::get);
    crate::store::atomic_write_with(path, bytes, &mut |step| {
        if fail && step == at {
            Err(std::io::Error::other("No space left on device (injected)"))
        } else {
            Ok(())
        }
    })
}
