//! A cache of parsed day files, so reading the whole journal costs a `stat`
//! per file instead of a parse. It is never the source of truth:
//!
//! - a record is used only while its file's size and modification time are
//!   exactly those recorded;
//! - files modified in the last few seconds are not recorded at all, since a
//!   second change within the same clock tick would keep the same mtime;
//! - files with problems are never recorded, so they are always re-read and
//!   reported;
//! - a cache written by another version, or that cannot be decoded, is
//!   ignored and rebuilt. Deleting it is always safe.

use std::collections::HashMap;
use std::fs::Metadata;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::save::atomic_write;
use crate::model::Entry;

/// The cache file, at the journal's root.
pub const INDEX_FILE: &str = ".jobjournal.index";

/// Files changed more recently than this are left out of the cache.
const SETTLE: Duration = Duration::from_secs(3);

/// Which build wrote the cache; any other build ignores it, so a change in
/// `Entry`'s shape can never decode into wrong entries.
const FORMAT: &str = concat!("jobjournal-index-1-", env!("CARGO_PKG_VERSION"));

/// What identifies one version of a file's contents.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    size: u64,
    mtime_ns: i128,
}

impl Stamp {
    pub fn of(meta: &Metadata) -> Option<Stamp> {
        let mtime = meta.modified().ok()?;
        let mtime_ns = match mtime.duration_since(UNIX_EPOCH) {
            Ok(after) => after.as_nanos() as i128,
            Err(before) => -(before.duration().as_nanos() as i128),
        };
        Some(Stamp {
            size: meta.len(),
            mtime_ns,
        })
    }

    /// True when the file has not changed for a while, so its stamp is trustworthy.
    fn settled(self, now: SystemTime) -> bool {
        let now_ns = now
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as i128);
        self.mtime_ns < now_ns - SETTLE.as_nanos() as i128
    }
}

#[derive(Serialize, Deserialize)]
struct Record {
    stamp: Stamp,
    /// The file's entries, encoded; decoded only when the file is wanted.
    #[serde(with = "serde_bytes")]
    entries: Vec<u8>,
}

#[derive(Serialize, Deserialize)]
struct IndexFile {
    format: String,
    records: HashMap<String, Record>,
}

/// A file just parsed, encoded and ready to go into the index.
pub struct NewRecord {
    key: String,
    record: Record,
}

/// The cache in memory: records by path relative to the journal root.
#[derive(Default)]
pub struct Index {
    records: HashMap<String, Record>,
    changed: bool,
}

impl Index {
    /// Reads the cache; an absent, unreadable or foreign one is empty.
    pub fn load(root: &Path) -> Index {
        let Ok(bytes) = std::fs::read(root.join(INDEX_FILE)) else {
            return Index::default();
        };
        match postcard::from_bytes::<IndexFile>(&bytes) {
            Ok(file) if file.format == FORMAT => Index {
                records: file.records,
                changed: false,
            },
            _ => Index {
                records: HashMap::new(),
                changed: true,
            },
        }
    }

    /// An empty index that replaces the saved one, for scans that trust no cache.
    pub fn rebuilt() -> Index {
        Index {
            records: HashMap::new(),
            changed: true,
        }
    }

    /// The entries of `key` if the cache holds this exact version of it.
    pub fn get(&self, key: &str, stamp: Stamp) -> Option<Vec<Entry>> {
        let record = self.records.get(key).filter(|r| r.stamp == stamp)?;
        postcard::from_bytes(&record.entries).ok()
    }

    /// An encoded record for a file read just now, if it may be cached.
    pub fn prepare(
        key: String,
        stamp: Stamp,
        entries: &[Entry],
        now: SystemTime,
    ) -> Option<NewRecord> {
        if !stamp.settled(now) {
            return None;
        }
        let entries = postcard::to_stdvec(entries).ok()?;
        Some(NewRecord {
            key,
            record: Record { stamp, entries },
        })
    }

    pub fn insert(&mut self, new: NewRecord) {
        self.records.insert(new.key, new.record);
        self.changed = true;
    }

    /// Drops records of files that are gone (after a scan of every file).
    pub fn retain_only(&mut self, present: &std::collections::HashSet<String>) {
        let before = self.records.len();
        self.records.retain(|key, _| present.contains(key));
        self.changed |= self.records.len() != before;
    }

    /// Writes the cache back if anything changed. Failing to is harmless:
    /// the next scan parses what it could not reuse.
    pub fn save(self, root: &Path) {
        if !self.changed {
            return;
        }
        let file = IndexFile {
            format: FORMAT.to_string(),
            records: self.records,
        };
        if let Ok(bytes) = postcard::to_stdvec(&file) {
            let _ = atomic_write(&root.join(INDEX_FILE), &bytes);
        }
    }
}
