//! The journal directory: where each day's file lives, loading days, weeks or
//! everything, and the locked read-modify-write behind every change.

use std::collections::HashSet;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use chrono::{Datelike, NaiveDate};
use rayon::prelude::*;
use toml_edit::Table;

use super::dayfile::{DayFile, ParsedDay};
use super::git::{Change, SaveCommits, commit_message};
use super::index::{Index, NewRecord, Stamp};
use super::save::{self, JournalLock, atomic_write, create_private_dir};
use super::{Problem, StoreError};
use crate::model::{Entry, EntryId, Kind, ModelError};

/// A journal rooted at a directory. Cheap to create: nothing is read until asked.
#[derive(Debug, Clone)]
pub struct Journal {
    root: PathBuf,
    /// With `git = true`, each save is committed (see `with_git`).
    commits: Option<SaveCommits>,
}

/// Entries read from some days, and what could not be read.
#[derive(Debug, Default)]
pub struct Loaded {
    pub entries: Vec<Entry>,
    pub problems: Vec<Problem>,
}

impl Loaded {
    fn push(&mut self, parsed: ParsedDay) {
        self.entries.extend(parsed.entries);
        self.problems.extend(parsed.problems);
    }
}

/// What `delete` removed, with enough to put it back exactly (undo).
/// What a whole-journal read keeps.
pub struct Scan<'a> {
    /// Entries to keep.
    pub keep: &'a (dyn Fn(&Entry) -> bool + Sync),
    /// A lower-case text every kept entry's [`Entry::search_text`] contains:
    /// cached files whose text lacks it are skipped without being decoded.
    pub needle: Option<String>,
}

impl Scan<'static> {
    pub fn all() -> Scan<'static> {
        Scan {
            keep: &|_| true,
            needle: None,
        }
    }
}

/// Every entry's id and day, oldest day first, and every file's problems.
#[derive(Debug, Default)]
pub struct Verified {
    /// How many day files were read.
    pub files: usize,
    pub ids: Vec<(EntryId, NaiveDate)>,
    pub problems: Vec<Problem>,
}

#[derive(Debug, Clone)]
pub struct DeletedEntry {
    pub entry: Entry,
    index: usize,
    table: Table,
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
    fn commit(&self, dates: &[NaiveDate], message: impl FnOnce() -> String) {
        if let Some(commits) = &self.commits {
            let paths: Vec<PathBuf> = dates.iter().map(|d| self.day_path(*d)).collect();
            commits.commit(&self.root, &paths, &message());
        }
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn day_path(&self, date: NaiveDate) -> PathBuf {
        self.root
            .join(date.format("%Y").to_string())
            .join(format!("{}.toml", date.format("%Y-%m-%d")))
    }

    /// Reads one day; `None` when it has no file.
    pub fn read_day(&self, date: NaiveDate) -> Result<Option<ParsedDay>, StoreError> {
        let path = self.day_path(date);
        match fs::read(&path) {
            Ok(bytes) => Ok(Some(parse_bytes(&path, date, &bytes))),
            Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(None),
            Err(err) => Err(StoreError::io(path)(err)),
        }
    }

    /// Loads the given days, in order.
    pub fn load_days(
        &self,
        dates: impl IntoIterator<Item = NaiveDate>,
    ) -> Result<Loaded, StoreError> {
        let mut loaded = Loaded::default();
        for date in dates {
            if let Some(parsed) = self.read_day(date)? {
                loaded.push(parsed);
            }
        }
        Ok(loaded)
    }

    /// Loads every day from `start` to `end` inclusive.
    pub fn load_range(&self, start: NaiveDate, end: NaiveDate) -> Result<Loaded, StoreError> {
        if end < start {
            return Ok(Loaded::default());
        }
        // A few weeks are quicker to probe by name than to list directories.
        if (end - start).num_days() <= 93 {
            return self.load_days(start.iter_days().take_while(|d| *d <= end));
        }
        // A range (a year of bullets) parses its few hundred files: decoding
        // the whole journal's index to read one year cost more than that.
        let files = self.day_files_between(start, end)?;
        self.load_files(files, &Scan::all(), &mut Index::default())
    }

    /// Loads the whole journal, parsing files in parallel.
    pub fn load_all(&self) -> Result<Loaded, StoreError> {
        self.scan(&Scan::all())
    }

    /// Reads the whole journal in parallel, keeping only the entries `scan`
    /// accepts, so a search holds its matches in memory, not everything.
    pub fn scan(&self, scan: &Scan) -> Result<Loaded, StoreError> {
        self.scan_files(scan, Index::load(&self.root, scan.needle.is_some()))
    }

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

    fn scan_files(&self, scan: &Scan, mut index: Index) -> Result<Loaded, StoreError> {
        let files = self.day_files()?;
        let present: HashSet<String> = files.iter().map(|(_, path)| self.index_key(path)).collect();
        let loaded = self.load_files(files, scan, &mut index)?;
        index.retain_only(&present);
        index.save(&self.root);
        Ok(loaded)
    }

    fn index_key(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .to_string_lossy()
            .into_owned()
    }

    /// Reads `files` in parallel, reusing what the index holds for files
    /// that have not changed and recording the ones it had to parse.
    fn load_files(
        &self,
        files: Vec<(NaiveDate, PathBuf)>,
        scan: &Scan,
        index: &mut Index,
    ) -> Result<Loaded, StoreError> {
        // Files go by in slices, so each slice's entries move into the
        // result before the next is read: collecting every file's entries
        // first and then joining them held the journal twice at the peak.
        const SLICE: usize = 512;
        let now = std::time::SystemTime::now();
        let mut loaded = Loaded::default();
        let mut records = Vec::new();
        for slice in files.chunks(SLICE) {
            let parsed: Vec<Result<(Loaded, Option<NewRecord>), StoreError>> = slice
                .par_iter()
                .map(|(date, path)| self.load_file(*date, path, scan, index, now))
                .collect();
            for day in parsed {
                let (day, record) = day?;
                loaded.entries.extend(day.entries);
                loaded.problems.extend(day.problems);
                records.extend(record);
            }
        }
        for record in records {
            index.insert(record);
        }
        Ok(loaded)
    }

    /// One file's kept entries, from the index if it holds this version of
    /// the file, else parsed, with a record for the index when it may have one.
    fn load_file(
        &self,
        date: NaiveDate,
        path: &Path,
        scan: &Scan,
        index: &Index,
        now: std::time::SystemTime,
    ) -> Result<(Loaded, Option<NewRecord>), StoreError> {
        let key = self.index_key(path);
        // One stat per unchanged file.
        let stamp = fs::metadata(path).ok().as_ref().and_then(Stamp::of);
        let cached = stamp.and_then(|s| index.get(&key, s));
        if let Some(cached) = cached
            && scan
                .needle
                .as_deref()
                .is_some_and(|n| !cached.may_mention(n))
        {
            return Ok((Loaded::default(), None));
        }
        if let Some(entries) = cached.and_then(|c| c.entries()) {
            let entries = entries.into_iter().filter(|e| (scan.keep)(e)).collect();
            return Ok((
                Loaded {
                    entries,
                    problems: Vec::new(),
                },
                None,
            ));
        }
        // The document is dropped as soon as its entries are out: holding
        // every parsed document at once costs gigabytes at 100k entries.
        let bytes = fs::read(path).map_err(StoreError::io(path))?;
        let day = parse_bytes(path, date, &bytes);
        // Recorded only if the file did not change while it was read, so a
        // record's bytes always belong to its stamp.
        let unchanged = || fs::metadata(path).ok().as_ref().and_then(Stamp::of) == stamp;
        let record = match stamp {
            Some(stamp) if index.is_recording() && day.problems.is_empty() && unchanged() => {
                Index::prepare(key, stamp, &day.entries, now)
            }
            _ => None,
        };
        let entries = day.entries.into_iter().filter(|e| (scan.keep)(e)).collect();
        Ok((
            Loaded {
                entries,
                problems: day.problems,
            },
            record,
        ))
    }

    /// Every day file in the journal, oldest first.
    pub fn day_files(&self) -> Result<Vec<(NaiveDate, PathBuf)>, StoreError> {
        self.day_files_between(NaiveDate::MIN, NaiveDate::MAX)
    }

    /// The day files from `start` to `end`, listing only the years between.
    fn day_files_between(
        &self,
        start: NaiveDate,
        end: NaiveDate,
    ) -> Result<Vec<(NaiveDate, PathBuf)>, StoreError> {
        let mut files = Vec::new();
        for (year, year_dir) in self.year_dirs()? {
            if year < start.year() || year > end.year() {
                continue;
            }
            for entry in read_dir(&year_dir)? {
                let path = entry.path();
                if let Some(date) = day_file_date(&path)
                    && date >= start
                    && date <= end
                {
                    files.push((date, path));
                }
            }
        }
        files.sort();
        Ok(files)
    }

    fn year_dirs(&self) -> Result<Vec<(i32, PathBuf)>, StoreError> {
        let mut dirs = Vec::new();
        for entry in read_dir(&self.root)? {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.len() == 4
                && let Ok(year) = name.parse::<i32>()
                && entry.file_type().is_ok_and(|t| t.is_dir())
            {
                dirs.push((year, entry.path()));
            }
        }
        dirs.sort();
        Ok(dirs)
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

    /// Finds an entry by id: in the file its id names, else anywhere (it may
    /// have been moved to another day).
    pub fn find(&self, id: &EntryId) -> Result<Entry, StoreError> {
        let mut unreadable = None;
        if let Some(parsed) = self.read_day(id.date())? {
            if let Some(entry) = parsed.entries.into_iter().find(|e| &e.id == id) {
                return Ok(entry);
            }
            // An entry in a file with conflict markers or a syntax error is
            // there but unreadable: say so rather than "no entry".
            if parsed.file.is_none() {
                unreadable = parsed.problems.into_iter().next();
            }
        }
        self.load_all()?
            .entries
            .into_iter()
            .find(|e| &e.id == id)
            .ok_or_else(|| match unreadable {
                Some(problem) => StoreError::Broken(problem),
                None => StoreError::NotFound(id.clone()),
            })
    }

    /// Removes temp files left by saves that did not finish.
    pub fn clean_leftovers(&self) -> Result<Vec<PathBuf>, StoreError> {
        if !self.root.exists() {
            return Ok(Vec::new());
        }
        let _lock = self.lock()?;
        let mut removed = Vec::new();
        for (_, dir) in self.year_dirs()? {
            removed.extend(save::remove_leftovers(&dir).map_err(StoreError::io(&dir))?);
        }
        Ok(removed)
    }

    pub(super) fn lock(&self) -> Result<JournalLock, StoreError> {
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

    /// Checks that every id in a fix's `fixes` names a screw-up in the journal.
    pub fn check_links(&self, entry: &Entry) -> Result<(), StoreError> {
        for id in &entry.fixes {
            let target = self.find(id).map_err(|err| match err {
                StoreError::NotFound(_) => {
                    ModelError::Invalid(format!("--fixes {id}: no entry has that id")).into()
                }
                other => other,
            })?;
            if target.kind != Kind::Screwup {
                return Err(ModelError::Invalid(format!(
                    "--fixes {id}: that entry is a {}, not a screwup",
                    target.kind.as_str()
                ))
                .into());
            }
        }
        Ok(())
    }

    /// Appends `entry` to its day with a fresh id, returning the saved entry.
    pub fn add(&self, mut entry: Entry) -> Result<Entry, StoreError> {
        entry.validate()?;
        let _lock = self.lock()?;
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
            Ok(file.get(id))
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

fn parse_bytes(path: &Path, date: NaiveDate, bytes: &[u8]) -> ParsedDay {
    match std::str::from_utf8(bytes) {
        Ok(text) => DayFile::parse(path, date, text),
        Err(err) => {
            let text = String::from_utf8_lossy(&bytes[..err.valid_up_to()]);
            let problem = Problem::at(path, &text, text.len(), "the file is not valid UTF-8 text");
            ParsedDay {
                entries: Vec::new(),
                problems: vec![problem],
                file: None,
            }
        }
    }
}

fn read_dir(dir: &Path) -> Result<Vec<fs::DirEntry>, StoreError> {
    match fs::read_dir(dir) {
        Ok(entries) => entries
            .collect::<Result<Vec<_>, _>>()
            .map_err(StoreError::io(dir)),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(err) => Err(StoreError::io(dir)(err)),
    }
}

/// `…/2026/2026-11-18.toml` → 2026-11-18, when the name is exactly a day file's.
fn day_file_date(path: &Path) -> Option<NaiveDate> {
    let name = path.file_name()?.to_str()?;
    let stem = name.strip_suffix(".toml")?;
    if stem.len() != 10 {
        return None;
    }
    NaiveDate::parse_from_str(stem, "%Y-%m-%d").ok()
}

fn is_conflict_copy(name: &str) -> bool {
    name.contains(".sync-conflict-")
        || name.contains("conflicted copy")
        || name.contains("(Conflict")
        || name.ends_with(".orig")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, d).unwrap()
    }

    fn new_entry(date: NaiveDate, kind: Kind, title: &str) -> Entry {
        Entry::new(
            EntryId::generate(date, &mut fastrand::Rng::new()),
            date,
            kind,
            title,
        )
    }

    #[test]
    fn add_find_update_delete_restore() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path().join("journal"));
        let saved = journal
            .add(new_entry(day(18), Kind::Screwup, "Sent the invoice twice"))
            .unwrap();
        assert_eq!(
            journal.find(&saved.id).unwrap().title,
            "Sent the invoice twice"
        );

        let mut moved = saved.clone();
        moved.date = day(19);
        moved.title = "Sent Acme the invoice twice".into();
        journal.update(&moved).unwrap();
        assert!(journal.load_days([day(18)]).unwrap().entries.is_empty());
        assert_eq!(journal.find(&saved.id).unwrap().date, day(19));

        let deleted = journal.delete(&saved.id).unwrap();
        assert!(matches!(
            journal.find(&saved.id),
            Err(StoreError::NotFound(_))
        ));
        journal.restore(&deleted).unwrap();
        assert_eq!(
            journal.find(&saved.id).unwrap().title,
            "Sent Acme the invoice twice"
        );
    }

    #[test]
    fn broken_days_are_never_written() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path());
        let path = journal.day_path(day(18));
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, "[[entry]\nbroken").unwrap();
        let err = journal
            .add(new_entry(day(18), Kind::Note, "x"))
            .unwrap_err();
        assert!(matches!(err, StoreError::Broken(_)));
        assert_eq!(fs::read_to_string(&path).unwrap(), "[[entry]\nbroken");
        journal
            .add(new_entry(day(19), Kind::Note, "other days still work"))
            .unwrap();
        let loaded = journal.load_all().unwrap();
        assert_eq!(loaded.entries.len(), 1);
        assert_eq!(loaded.problems.len(), 1);
    }

    #[test]
    fn links_must_name_screwups() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path());
        let note = journal
            .add(new_entry(day(18), Kind::Note, "a note"))
            .unwrap();
        let screwup = journal
            .add(new_entry(day(18), Kind::Screwup, "oops"))
            .unwrap();
        let mut fix = new_entry(day(18), Kind::Fix, "the fix");
        fix.fixes = vec![screwup.id.clone()];
        journal.check_links(&fix).unwrap();
        fix.fixes = vec![note.id.clone()];
        assert!(
            journal
                .check_links(&fix)
                .unwrap_err()
                .to_string()
                .contains("not a screwup")
        );
    }

    #[test]
    fn ranges_and_strays() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path());
        journal.add(new_entry(day(2), Kind::Met, "early")).unwrap();
        journal
            .add(new_entry(
                NaiveDate::from_ymd_opt(2025, 6, 1).unwrap(),
                Kind::Met,
                "last year",
            ))
            .unwrap();
        let far = journal
            .load_range(
                NaiveDate::from_ymd_opt(2025, 1, 1).unwrap(),
                NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
            )
            .unwrap();
        assert_eq!(far.entries.len(), 2);
        assert_eq!(journal.load_range(day(1), day(7)).unwrap().entries.len(), 1);
        let year = dir.path().join("2026");
        fs::write(year.join("2026-11-02.sync-conflict-20261102-abc.toml"), "").unwrap();
        fs::write(year.join(".2026-11-02.toml.1234abcd.jjtmp"), "").unwrap();
        assert_eq!(journal.strays().unwrap().len(), 2);
        assert_eq!(journal.clean_leftovers().unwrap().len(), 1);
        assert_eq!(journal.strays().unwrap().len(), 1);
    }

    fn age(path: &Path, seconds: u64) {
        let file = fs::File::options().write(true).open(path).unwrap();
        file.set_modified(std::time::SystemTime::now() - std::time::Duration::from_secs(seconds))
            .unwrap();
    }

    #[test]
    fn the_index_is_reused_only_while_files_are_unchanged() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path());
        let kept = journal
            .add(new_entry(day(2), Kind::Met, "kept as is"))
            .unwrap();
        let edited = journal
            .add(new_entry(day(3), Kind::Met, "before the edit"))
            .unwrap();
        let index = dir.path().join(super::super::INDEX_FILE);
        let titles = || -> Vec<String> {
            let loaded = journal.load_all().unwrap();
            loaded.entries.into_iter().map(|e| e.title).collect()
        };

        // Fresh files are not recorded: their mtime could repeat.
        journal.load_all().unwrap();
        assert!(!index.exists());

        age(&journal.day_path(day(2)), 60);
        age(&journal.day_path(day(3)), 60);
        journal.load_all().unwrap();
        assert!(index.exists());

        // A hand edit of the same size, with the mtime set back to an old
        // moment of its own, is still seen: the stamp differs.
        let path = journal.day_path(day(3));
        let text = fs::read_to_string(&path)
            .unwrap()
            .replace("before the edit", "after  the edit");
        fs::write(&path, text).unwrap();
        age(&path, 30);
        assert_eq!(titles(), ["kept as is", "after  the edit"]);
        assert_eq!(journal.find(&edited.id).unwrap().title, "after  the edit");

        // Even with the size and the very modification time put back, as
        // `touch -d` or `rsync -t` would, the change time gives it away.
        let recorded = fs::metadata(&path).unwrap().modified().unwrap();
        let text = fs::read_to_string(&path)
            .unwrap()
            .replace("after  the edit", "after, the edit");
        fs::write(&path, text).unwrap();
        let file = fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(recorded).unwrap();
        drop(file);
        assert_eq!(titles(), ["kept as is", "after, the edit"]);

        // A damaged cache is ignored and rebuilt; a deleted one is not missed.
        fs::write(&index, b"garbage").unwrap();
        assert_eq!(journal.load_all().unwrap().entries.len(), 2);
        fs::remove_file(&index).unwrap();
        assert_eq!(journal.load_all().unwrap().entries[0].id, kept.id);

        // A removed day drops out of the cache.
        fs::remove_file(journal.day_path(day(2))).unwrap();
        assert_eq!(journal.load_all().unwrap().entries.len(), 1);
    }

    #[test]
    fn a_search_through_the_index_finds_what_a_full_parse_finds() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path());
        let mut invoice = new_entry(day(2), Kind::Screwup, "Sent the INVOICE twice");
        invoice.customer = Some("Straße & Söhne".into());
        journal.add(invoice).unwrap();
        let mut quote = new_entry(day(3), Kind::Met, "Quote turned around");
        quote.details = Some("Birch wanted it\nby Friday".into());
        quote.tags = vec!["Sales".into()];
        journal.add(quote).unwrap();
        journal
            .add(new_entry(day(3), Kind::Note, "Standup"))
            .unwrap();
        age(&journal.day_path(day(2)), 60);
        age(&journal.day_path(day(3)), 60);
        journal.load_all().unwrap();
        // A file changed since it was cached is parsed, whatever its text.
        journal
            .add(new_entry(day(4), Kind::Note, "invoice run"))
            .unwrap();

        for needle in [
            "invoice", "straße", "sales", "friday", "it\nby", "stand", "zebra",
        ] {
            let keep = |e: &Entry| e.search_text().contains(needle);
            let ids = |needle: Option<String>| -> Vec<EntryId> {
                let scan = Scan {
                    keep: &keep,
                    needle,
                };
                journal
                    .scan(&scan)
                    .unwrap()
                    .entries
                    .into_iter()
                    .map(|e| e.id)
                    .collect()
            };
            assert_eq!(ids(Some(needle.to_string())), ids(None), "{needle:?}");
        }
        let found = |needle: &str| {
            let keep = |e: &Entry| e.search_text().contains(needle);
            let scan = Scan {
                keep: &keep,
                needle: Some(needle.to_string()),
            };
            journal.scan(&scan).unwrap().entries.len()
        };
        assert_eq!(found("invoice"), 2);
        assert_eq!(found("friday"), 1);
        assert_eq!(found("zebra"), 0);
    }

    #[test]
    fn broken_files_are_never_cached() {
        let dir = tempfile::tempdir().unwrap();
        let journal = Journal::new(dir.path());
        let path = journal.day_path(day(2));
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(&path, "[[entry]]\nkind = 3\n").unwrap();
        age(&path, 60);
        for _ in 0..2 {
            assert_eq!(journal.load_all().unwrap().problems.len(), 1);
        }
    }
}
