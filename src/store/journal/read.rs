//! Reading the journal: one day, a range, or everything, reusing the index
//! cache for unchanged files and parsing the rest in parallel.

use std::collections::HashSet;
use std::fs;
use std::path::{Path, PathBuf};

use chrono::NaiveDate;
use rayon::prelude::*;

use super::{Journal, Stray};
use crate::model::{Entry, EntryId};
use crate::store::dayfile::{DayFile, ParsedDay};
use crate::store::index::{Index, NewRecord, Stamp};
use crate::store::open::{Contents, read_regular};
use crate::store::{Problem, StoreError};

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

impl Journal {
    /// Reads one day; `None` when it has no file.
    pub fn read_day(&self, date: NaiveDate) -> Result<Option<ParsedDay>, StoreError> {
        let path = self.day_path(date);
        match read_regular(&path).map_err(StoreError::io(&path))? {
            Contents::Missing => Ok(None),
            contents => Ok(Some(parse_contents(&path, date, contents))),
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
        self.hide_half_moved(&mut loaded);
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
        let mut index = Index::load(&self.root, scan.needle.is_some());
        if let Some(needle) = &scan.needle {
            index.answer_for(needle);
        }
        self.scan_files(scan, index)
    }

    fn scan_files(&self, scan: &Scan, mut index: Index) -> Result<Loaded, StoreError> {
        let files = self.day_files()?;
        let present: HashSet<String> = files.iter().map(|(_, path)| self.index_key(path)).collect();
        let loaded = self.load_files(files, scan, &mut index)?;
        index.retain_only(&present);
        index.save();
        Ok(loaded)
    }

    pub(super) fn index_key(&self, path: &Path) -> String {
        path.strip_prefix(&self.root)
            .unwrap_or(path)
            .to_string_lossy()
            .into_owned()
    }

    /// Reads `files` in parallel, reusing what the index holds for files
    /// that have not changed and recording the ones it had to parse.
    pub(super) fn load_files(
        &self,
        files: Vec<(NaiveDate, PathBuf)>,
        scan: &Scan,
        index: &mut Index,
    ) -> Result<Loaded, StoreError> {
        // Files go by in slices, so each slice's entries move into the
        // result, and its records into the cache file, before the next is
        // read: collecting every file's entries first and then joining them
        // held the journal twice at the peak, and holding every record until
        // the save held the cache as well.
        const SLICE: usize = 512;
        let now = std::time::SystemTime::now();
        let mut loaded = Loaded::default();
        let mut files_done = 0;
        for slice in files.chunks(SLICE) {
            let parsed: Vec<Result<(Loaded, Option<NewRecord>), StoreError>> = slice
                .par_iter()
                .map(|(date, path)| self.load_file(*date, path, scan, index, now))
                .collect();
            files_done += slice.len();
            let kept: usize = parsed
                .iter()
                .map(|day| day.as_ref().map_or(0, |(day, _)| day.entries.len()))
                .sum();
            reserve_for_the_rest(&mut loaded.entries, kept, files_done, files.len());
            for day in parsed {
                let (day, record) = day?;
                loaded.entries.extend(day.entries);
                loaded.problems.extend(day.problems);
                if let Some(record) = record {
                    index.insert(record);
                }
            }
        }
        self.hide_half_moved(&mut loaded);
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
        let contents = read_regular(path).map_err(StoreError::io(path))?;
        let day = parse_contents(path, date, contents);
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

    /// The id `text` names: a whole id as it is, or a short id (the four
    /// characters after the date) when exactly one entry has it. Only ids
    /// are looked at; no entry is kept.
    pub fn resolve_id(&self, text: &str) -> Result<EntryId, StoreError> {
        if let Ok(id) = text.parse::<EntryId>() {
            return Ok(id);
        }
        if !EntryId::is_short(text) {
            return Err(crate::model::ModelError::Id(text.to_string()).into());
        }
        let found = std::sync::Mutex::new(Vec::new());
        let note = |entry: &Entry| {
            if entry.id.short() == text {
                let mut found = found.lock().unwrap_or_else(|p| p.into_inner());
                found.push(entry.id.clone());
            }
            false
        };
        self.scan(&Scan {
            keep: &note,
            needle: None,
        })?;
        let mut found = found.into_inner().unwrap_or_else(|p| p.into_inner());
        found.sort();
        found.dedup();
        match found.len() {
            0 => Err(StoreError::NoShortId(text.to_string())),
            1 => Ok(found.remove(0)),
            _ => Err(StoreError::AmbiguousId {
                short: text.to_string(),
                candidates: found,
            }),
        }
    }

    /// Finds an entry by id: in the file its id names, else anywhere (it may
    /// have been moved to another day).
    pub fn find(&self, id: &EntryId) -> Result<Entry, StoreError> {
        self.find_with(id, |journal| Ok(journal.load_all()?.entries))
    }

    /// [`Journal::find`] that reads every day file itself rather than the
    /// index cache when the entry is not in the day its id names.
    pub(super) fn find_on_disk(&self, id: &EntryId) -> Result<Entry, StoreError> {
        self.find_with(id, |journal| {
            let keep = |e: &Entry| &e.id == id;
            let scan = Scan {
                keep: &keep,
                needle: None,
            };
            let files = journal.day_files()?;
            Ok(journal
                .load_files(files, &scan, &mut Index::default())?
                .entries)
        })
    }

    /// Why `id` is not found when a day file outside its folder holds it
    /// (such files are not read, so the entry cannot be changed there).
    fn misplaced_holding(&self, id: &EntryId) -> StoreError {
        let strays = self.strays().unwrap_or_default();
        for stray in strays {
            if let Stray::Misplaced { path, .. } = &stray
                && let Ok(Contents::Bytes(bytes)) = read_regular(path)
                && String::from_utf8_lossy(&bytes).contains(id.as_str())
            {
                return StoreError::Broken(stray.problem());
            }
        }
        StoreError::NotFound(id.clone())
    }

    fn find_with(
        &self,
        id: &EntryId,
        everything: impl FnOnce(&Journal) -> Result<Vec<Entry>, StoreError>,
    ) -> Result<Entry, StoreError> {
        let mut unreadable = None;
        // A half-done move: the new day's copy is the entry.
        if let Some(moving) = self.pending_move().filter(|m| &m.id == id)
            && let Some(parsed) = self.read_day(moving.to)?
            && let Some(entry) = parsed.entries.into_iter().find(|e| &e.id == id)
        {
            return Ok(entry);
        }
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
        everything(self)?
            .into_iter()
            .find(|e| &e.id == id)
            .ok_or_else(|| match unreadable {
                Some(problem) => StoreError::Broken(problem),
                None => self.misplaced_holding(id),
            })
    }
}

/// Makes room for `more` entries in `entries`, guessing from the files read
/// so far how many all `total` files hold (and 2% more), rather than
/// doubling: at 100k entries doubling left a vector of 131,072 entries
/// (63 MB) where 100,000 needed 48 MB.
pub(super) fn reserve_for_the_rest(
    entries: &mut Vec<Entry>,
    more: usize,
    files_done: usize,
    total: usize,
) {
    let needed = entries.len() + more;
    if needed <= entries.capacity() || files_done == 0 {
        return;
    }
    let per_file = needed as f64 / files_done as f64;
    let guess = (per_file * total as f64 * 1.02).ceil() as usize;
    // Journals fill up over the years, so a guess from the oldest files
    // falls short: growing by a quarter at least bounds the reallocations.
    let room = guess
        .max(needed)
        .max(entries.capacity() + entries.capacity() / 4);
    entries.reserve_exact(room - entries.len());
}

/// A day file's contents parsed; a file that was not read (not a regular
/// file, too large, gone since it was listed) is one problem.
fn parse_contents(path: &Path, date: NaiveDate, contents: Contents) -> ParsedDay {
    let why = match contents {
        Contents::Bytes(bytes) => return parse_bytes(path, date, &bytes),
        Contents::Refused(why) => why,
        Contents::Missing => "the file was removed while it was read".to_string(),
    };
    ParsedDay {
        entries: Vec::new(),
        problems: vec![Problem::whole_file(path, why)],
        file: None,
    }
}

pub(super) fn parse_bytes(path: &Path, date: NaiveDate, bytes: &[u8]) -> ParsedDay {
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
