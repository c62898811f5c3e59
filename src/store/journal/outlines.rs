//! The state of every screw-up, fix and promise over a stretch of years,
//! without reading each day file: what a report needs to find everything
//! still open, whichever week it was written in.
//!
//! The outlines live in their own cache, [`OUTLINES_FILE`], under the
//! index's rules (see `store::index`): a file's record is used only while
//! its stamp is exactly the recorded one and its checksum holds; files
//! changed in the last seconds or with problems are not recorded; a cache
//! from another build, damaged or cut short is ignored; saves never read
//! it; deleting it is always safe. Its records hold each such entry's
//! outline and the entry itself encoded, decoded only for the entries a
//! caller asks for: reading it costs a `stat` per day file and decoding the
//! outlines (10.5 MB at 100k entries), not a parse of every file.

use std::collections::{HashMap, HashSet};
use std::fs;
use std::io::{self, BufWriter};
use std::ops::Range;
use std::path::Path;
use std::time::SystemTime;

use chrono::NaiveDate;
use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use super::Journal;
use super::read::parse_bytes;
use crate::model::{Entry, Outline};
use crate::store::index::{
    Stamp, StoredRecord, cache_temp, checksum, encoding_failed, put_in_place, read_records, span,
};
use crate::store::open::{Contents, open_regular, read_regular};
use crate::store::{Problem, StoreError};

/// The cache file, at the journal's root.
pub const OUTLINES_FILE: &str = ".jobjournal.outlines";

/// Which build wrote the cache; any other ignores it.
const FORMAT: &str = concat!("jobjournal-outlines-2-", env!("CARGO_PKG_VERSION"));

/// One entry as a record holds it: its outline, and the entry itself
/// encoded (postcard), borrowed from the cache as read.
#[derive(Serialize, Deserialize)]
struct Brief<'a> {
    outline: Outline,
    #[serde(borrow, with = "serde_bytes")]
    entry: &'a [u8],
}

/// Where an outline's whole entry is: in the cache as read, or just encoded.
#[derive(Debug)]
enum Whole {
    Cached(Range<usize>),
    Made(Vec<u8>),
}

/// The outlines of a stretch of days, and what could not be read there.
#[derive(Debug, Default)]
pub struct Outlines {
    /// By day; within a day in the order written.
    pub outlines: Vec<Outline>,
    pub problems: Vec<Problem>,
    /// Each outline's whole entry, in the same order.
    wholes: Vec<Whole>,
    cache: Vec<u8>,
}

impl Outlines {
    /// The whole entry the `i`th outline outlines.
    pub fn entry(&self, i: usize) -> Option<Entry> {
        let bytes = match self.wholes.get(i)? {
            Whole::Cached(range) => self.cache.get(range.clone())?,
            Whole::Made(bytes) => bytes,
        };
        postcard::from_bytes(bytes).ok()
    }
}

/// One day file's outlines, and its record when it was parsed now and may
/// be recorded.
struct FileOutlines {
    briefs: Vec<(Outline, Whole)>,
    /// The cache had a record under this file's name (current or not).
    recorded: bool,
    problems: Vec<Problem>,
    record: Option<(String, Stamp, Vec<u8>)>,
}

impl Journal {
    /// The outline of every screw-up, fix and promise in the day files from
    /// `start` to `end`: from the cache where it holds a file's exact
    /// version, else parsed (and recorded for next time).
    pub fn outlines(&self, start: NaiveDate, end: NaiveDate) -> Result<Outlines, StoreError> {
        if end < start {
            return Ok(Outlines::default());
        }
        let files = self.day_files_between(start, end)?;
        let cache = read_cache(&self.root).unwrap_or_default();
        let records: HashMap<&str, StoredRecord> = read_records(&cache, FORMAT)
            .unwrap_or_default()
            .into_iter()
            .map(|r| (r.key, r))
            .collect();
        let now = SystemTime::now();
        let per_file: Vec<Result<FileOutlines, StoreError>> = files
            .par_iter()
            .map(|(date, path)| self.file_outlines(*date, path, &records, &cache, now))
            .collect();
        let mut outlines = Outlines::default();
        let mut made = Vec::new();
        let mut recorded = 0;
        for file in per_file {
            let file = file?;
            recorded += usize::from(file.recorded);
            for (outline, whole) in file.briefs {
                outlines.outlines.push(outline);
                outlines.wholes.push(whole);
            }
            outlines.problems.extend(file.problems);
            made.extend(file.record);
        }
        let in_range = |key: &str| {
            super::layout::day_file_date(Path::new(key)).is_some_and(|d| (start..=end).contains(&d))
        };
        // A record of this range no file matched is a file gone since.
        let any_gone = records.keys().filter(|key| in_range(key)).count() > recorded;
        let listed: HashSet<String> = match any_gone {
            true => files.iter().map(|(_, p)| self.index_key(p)).collect(),
            false => HashSet::new(),
        };
        let gone = |key: &str| any_gone && !listed.contains(key) && in_range(key);
        if !made.is_empty() || any_gone {
            let remade: HashSet<&str> = made.iter().map(|(key, _, _)| key.as_str()).collect();
            let kept = records
                .values()
                .filter(|r| !gone(r.key) && !remade.contains(r.key));
            // Failing to save is harmless: the next read parses again.
            let _ = save_cache(&self.root, kept, &made);
        }
        drop(records);
        outlines.cache = cache;
        self.hide_half_moved_outlines(&mut outlines);
        Ok(outlines)
    }

    fn file_outlines(
        &self,
        date: NaiveDate,
        path: &Path,
        records: &HashMap<&str, StoredRecord>,
        cache: &[u8],
        now: SystemTime,
    ) -> Result<FileOutlines, StoreError> {
        let key = self.index_key(path);
        let recorded = records.get(key.as_str());
        // One stat per unchanged file.
        let stamp = fs::metadata(path).ok().as_ref().and_then(Stamp::of);
        if let Some(stamp) = stamp
            && let Some(record) = recorded.filter(|r| r.stamp == stamp)
            && checksum(&key, stamp, record.bytes) == record.sum
            && let Ok(briefs) = postcard::from_bytes::<Vec<Brief>>(record.bytes)
        {
            let briefs = briefs
                .into_iter()
                .map(|b| (b.outline, Whole::Cached(span(cache, b.entry))))
                .collect();
            return Ok(FileOutlines {
                briefs,
                recorded: true,
                problems: Vec::new(),
                record: None,
            });
        }
        let day = match read_regular(path).map_err(StoreError::io(path))? {
            Contents::Bytes(bytes) => parse_bytes(path, date, &bytes),
            Contents::Missing => {
                return Ok(FileOutlines {
                    briefs: Vec::new(),
                    recorded: recorded.is_some(),
                    problems: Vec::new(),
                    record: None,
                });
            }
            Contents::Refused(why) => {
                return Ok(FileOutlines {
                    briefs: Vec::new(),
                    recorded: recorded.is_some(),
                    problems: vec![Problem::whole_file(path, why)],
                    record: None,
                });
            }
        };
        let mut briefs = Vec::new();
        for entry in day.entries.iter().filter(|e| Outline::kept(e.kind)) {
            // Never fails for an entry; empty bytes would only make
            // `Outlines::entry` answer `None`, and the caller read the day.
            let bytes = postcard::to_stdvec(entry).unwrap_or_default();
            briefs.push((Outline::of(entry), bytes));
        }
        // Recorded only if the file did not change while it was read.
        let unchanged = || fs::metadata(path).ok().as_ref().and_then(Stamp::of) == stamp;
        let record = match stamp {
            Some(stamp) if stamp.settled(now) && day.problems.is_empty() && unchanged() => {
                let stored: Vec<Brief> = briefs
                    .iter()
                    .map(|(outline, entry)| Brief {
                        outline: outline.clone(),
                        entry,
                    })
                    .collect();
                postcard::to_stdvec(&stored)
                    .ok()
                    .map(|bytes| (key, stamp, bytes))
            }
            _ => None,
        };
        Ok(FileOutlines {
            recorded: recorded.is_some(),
            briefs: briefs
                .into_iter()
                .map(|(outline, bytes)| (outline, Whole::Made(bytes)))
                .collect(),
            problems: day.problems,
            record,
        })
    }

    /// A move cut short leaves the entry in two days: the old day's copy is
    /// not the entry once the new day has it (as every read does).
    fn hide_half_moved_outlines(&self, outlines: &mut Outlines) {
        let stale =
            |o: &Outline, moving: &super::moving::Move| o.id == moving.id && o.date == moving.from;
        if let Some(moving) = self.pending_move()
            && moving.from != moving.to
            && outlines.outlines.iter().any(|o| stale(o, &moving))
            && self.landed(&moving)
        {
            let mut wholes = std::mem::take(&mut outlines.wholes).into_iter();
            let mut kept = Vec::new();
            outlines.outlines.retain(|o| {
                let whole = wholes.next();
                let keep = !stale(o, &moving);
                if keep {
                    kept.extend(whole);
                }
                keep
            });
            outlines.wholes = kept;
        }
    }
}

/// The cache's bytes, or `None` when there is none or it is not a regular
/// file. Not held to a day file's size limit: at a million entries it is
/// larger than any day file may be.
fn read_cache(root: &Path) -> Option<Vec<u8>> {
    let Ok(Ok((mut file, len))) = open_regular(&root.join(OUTLINES_FILE), u64::MAX) else {
        return None;
    };
    let mut bytes = Vec::with_capacity(usize::try_from(len).ok()?);
    io::Read::read_to_end(&mut file, &mut bytes).ok()?;
    Some(bytes)
}

/// Writes the cache: the records still current, then the ones just made,
/// into a temp file renamed over the old cache.
fn save_cache<'a>(
    root: &Path,
    kept: impl Iterator<Item = &'a StoredRecord<'a>>,
    made: &[(String, Stamp, Vec<u8>)],
) -> io::Result<()> {
    let mut file = BufWriter::new(cache_temp(root, OUTLINES_FILE)?);
    postcard::to_io(FORMAT, &mut file).map_err(encoding_failed)?;
    for record in kept {
        postcard::to_io(&Some(record), &mut file).map_err(encoding_failed)?;
    }
    for (key, stamp, bytes) in made {
        let record = StoredRecord {
            key,
            stamp: *stamp,
            bytes,
            sum: checksum(key, *stamp, bytes),
        };
        postcard::to_io(&Some(record), &mut file).map_err(encoding_failed)?;
    }
    postcard::to_io(&None::<StoredRecord>, &mut file).map_err(encoding_failed)?;
    let temp = file.into_inner().map_err(io::IntoInnerError::into_error)?;
    put_in_place(temp, &root.join(OUTLINES_FILE))
}
