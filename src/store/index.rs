//! A cache of parsed day files, so reading the whole journal costs a `stat`
//! per file instead of a parse. It is never the source of truth:
//!
//! - a record is used only while its file's size, modification and change
//!   times and inode are exactly those recorded (see [`Stamp`]);
//! - files modified in the last few seconds are not recorded at all, since a
//!   second change within the same clock tick would keep the same mtime;
//! - files with problems are never recorded, so they are always re-read and
//!   reported;
//! - a cache written by another version, or that cannot be decoded, is
//!   ignored and rebuilt. Deleting it is always safe;
//! - every record carries a checksum (xxh3) of its path, stamp and bytes,
//!   checked when the bytes are used: a damaged record is treated as absent
//!   and the file parsed again;
//! - saves never read it: a change reads the day file under the lock.

use std::collections::HashMap;
use std::fs::{File, Metadata};
use std::io::Read;
use std::ops::Range;
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
const FORMAT: &str = concat!("jobjournal-index-6-", env!("CARGO_PKG_VERSION"));

/// What identifies one version of a file's contents, without reading it.
///
/// Size and modification time can both be set back by tools that copy
/// times (`touch -d`, `rsync -t`); the inode's change time cannot, and every
/// write moves it, as the atomic rename of a save changes the inode number.
/// Together they catch a change a content hash would, at the cost of a
/// `stat`, where hashing would read every file of the journal.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    size: u64,
    mtime_ns: i128,
    ctime_ns: i128,
    inode: u64,
}

impl Stamp {
    pub fn of(meta: &Metadata) -> Option<Stamp> {
        let mtime = meta.modified().ok()?;
        let mtime_ns = match mtime.duration_since(UNIX_EPOCH) {
            Ok(after) => after.as_nanos() as i128,
            Err(before) => -(before.duration().as_nanos() as i128),
        };
        #[cfg(unix)]
        let (ctime_ns, inode) = {
            use std::os::unix::fs::MetadataExt;
            (
                i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()),
                meta.ino(),
            )
        };
        #[cfg(not(unix))]
        let (ctime_ns, inode) = (0, 0);
        Some(Stamp {
            size: meta.len(),
            mtime_ns,
            ctime_ns,
            inode,
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

/// Where a record's bytes are: in the cache file as it was read (no copy is
/// made of a cache tens of megabytes long), or encoded just now.
enum Bytes {
    InEntries(Range<usize>),
    InTexts(Range<usize>),
    Owned(Vec<u8>),
}

struct Record {
    stamp: Stamp,
    /// The file's entries, postcard-encoded; decoded only when wanted.
    entries: Bytes,
    entries_sum: u64,
    /// The entries' [`Entry::search_text`], one after another, so a search
    /// decodes only the files that can match. Read only by searches.
    text: Option<(Bytes, u64)>,
}

/// The checksum of one record's bytes, tied to its path and stamp so a
/// record cannot pass for another file's or another version's.
fn checksum(key: &str, stamp: Stamp, bytes: &[u8]) -> u64 {
    let mut hasher = xxhash_rust::xxh3::Xxh3::new();
    hasher.update(key.as_bytes());
    hasher.update(&stamp.size.to_le_bytes());
    hasher.update(&stamp.mtime_ns.to_le_bytes());
    hasher.update(&stamp.ctime_ns.to_le_bytes());
    hasher.update(&stamp.inode.to_le_bytes());
    hasher.update(bytes);
    hasher.digest()
}

/// The cache file holds two sections: the entries, then the search texts,
/// after an 8-byte little-endian length of the first. Loading the whole
/// journal reads the first only; the texts would add a third to its memory.
#[derive(Serialize, Deserialize)]
struct Section<'a> {
    format: &'a str,
    #[serde(borrow)]
    records: Vec<StoredRecord<'a>>,
}

#[derive(Serialize, Deserialize)]
struct StoredRecord<'a> {
    key: &'a str,
    stamp: Stamp,
    #[serde(borrow, with = "serde_bytes")]
    bytes: &'a [u8],
    /// [`checksum`] of key, stamp and bytes.
    sum: u64,
}

/// The cached version of one file; its bytes are believed only if their
/// checksum holds.
#[derive(Clone, Copy)]
pub struct Cached<'a> {
    key: &'a str,
    stamp: Stamp,
    entries: (&'a [u8], u64),
    text: Option<(&'a [u8], u64)>,
}

impl Cached<'_> {
    /// False when no entry of the file contains `needle` (lower-case) in
    /// its search text; true may still be a near miss across two fields,
    /// and is the answer whenever the text was not read.
    pub fn may_mention(&self, needle: &str) -> bool {
        self.text
            .filter(|(text, sum)| checksum(self.key, self.stamp, text) == *sum)
            .and_then(|(text, _)| std::str::from_utf8(text).ok())
            .is_none_or(|text| text.contains(needle))
    }

    /// The cached entries, or `None` when they are damaged (parse the file).
    pub fn entries(&self) -> Option<Vec<Entry>> {
        let (bytes, sum) = self.entries;
        if checksum(self.key, self.stamp, bytes) != sum {
            return None;
        }
        postcard::from_bytes(bytes).ok()
    }
}

/// A file just parsed, encoded and ready to go into the index.
pub struct NewRecord {
    key: String,
    record: Record,
}

/// The cache in memory: records by path relative to the journal root.
#[derive(Default)]
pub struct Index {
    /// The cache file's two sections as read; records point into them.
    entries_section: Vec<u8>,
    texts_section: Vec<u8>,
    /// The cache file, at its texts section, while they are not read: a
    /// save that must keep them reads them from the version it loaded.
    unread_texts: Option<File>,
    records: HashMap<String, Record>,
    changed: bool,
    /// Whether files parsed during the scan get records; a default index is
    /// a stand-in that keeps none.
    recording: bool,
}

/// Where `part`, a slice of `whole`, starts and ends in it.
fn span(whole: &[u8], part: &[u8]) -> Range<usize> {
    let start = part.as_ptr() as usize - whole.as_ptr() as usize;
    start..start + part.len()
}

impl Index {
    /// Reads the cache, with the search texts when `texts`; an absent,
    /// unreadable or foreign cache is empty.
    pub fn load(root: &Path, texts: bool) -> Index {
        let path = root.join(INDEX_FILE);
        // Only a regular file is read: a FIFO there must not hang every command.
        let Ok(Ok((mut file, _))) = super::open::open_regular(&path, u64::MAX) else {
            return Index {
                recording: true,
                ..Index::default()
            };
        };
        let Ok(entries_section) = read_entries_section(&mut file) else {
            return Index::rebuilt();
        };
        let records = match postcard::from_bytes::<Section>(&entries_section) {
            Ok(section) if section.format == FORMAT => section
                .records
                .into_iter()
                .map(|stored| {
                    let record = Record {
                        stamp: stored.stamp,
                        entries: Bytes::InEntries(span(&entries_section, stored.bytes)),
                        entries_sum: stored.sum,
                        text: None,
                    };
                    (stored.key.to_string(), record)
                })
                .collect(),
            _ => return Index::rebuilt(),
        };
        let mut index = Index {
            entries_section,
            records,
            recording: true,
            ..Index::default()
        };
        if texts {
            index.read_texts(file);
        } else {
            index.unread_texts = Some(file);
        }
        index
    }

    /// An empty index that replaces the saved one.
    pub fn rebuilt() -> Index {
        Index {
            changed: true,
            recording: true,
            ..Index::default()
        }
    }

    /// Whether a file parsed now should be encoded for the cache.
    pub fn is_recording(&self) -> bool {
        self.recording
    }

    /// Reads the texts section that follows the entries section in `file`
    /// and gives each record the text of its exact version, if there is one.
    fn read_texts(&mut self, mut file: File) {
        let mut texts = Vec::new();
        if file.read_to_end(&mut texts).is_err() {
            return;
        }
        if let Ok(section) = postcard::from_bytes::<Section>(&texts)
            && section.format == FORMAT
        {
            for stored in section.records {
                if let Some(record) = self.records.get_mut(stored.key)
                    && record.stamp == stored.stamp
                {
                    record.text = Some((Bytes::InTexts(span(&texts, stored.bytes)), stored.sum));
                }
            }
        }
        self.texts_section = texts;
    }

    fn bytes<'a>(&'a self, bytes: &'a Bytes) -> &'a [u8] {
        match bytes {
            Bytes::InEntries(range) => &self.entries_section[range.clone()],
            Bytes::InTexts(range) => &self.texts_section[range.clone()],
            Bytes::Owned(bytes) => bytes,
        }
    }

    /// The cached `key`, if the cache holds this exact version of it.
    pub fn get<'a>(&'a self, key: &'a str, stamp: Stamp) -> Option<Cached<'a>> {
        let record = self.records.get(key).filter(|r| r.stamp == stamp)?;
        Some(Cached {
            key,
            stamp,
            entries: (self.bytes(&record.entries), record.entries_sum),
            text: record
                .text
                .as_ref()
                .map(|(text, sum)| (self.bytes(text), *sum)),
        })
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
        let text = entries
            .iter()
            .map(Entry::search_text)
            .collect::<Vec<_>>()
            .join("\n");
        let entries = postcard::to_stdvec(entries).ok()?;
        let entries_sum = checksum(&key, stamp, &entries);
        let text_sum = checksum(&key, stamp, text.as_bytes());
        Some(NewRecord {
            key,
            record: Record {
                stamp,
                entries: Bytes::Owned(entries),
                entries_sum,
                text: Some((Bytes::Owned(text.into_bytes()), text_sum)),
            },
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
    pub fn save(mut self, root: &Path) {
        if !self.changed {
            return;
        }
        let path = root.join(INDEX_FILE);
        // Unchanged records keep their texts: read them now if the scan did not.
        if let Some(file) = self.unread_texts.take() {
            self.read_texts(file);
        }
        let section = |text: bool, out: Vec<u8>| {
            let records = self
                .records
                .iter()
                .filter_map(|(key, record)| {
                    let (bytes, sum) = if text {
                        let (bytes, sum) = record.text.as_ref()?;
                        (bytes, *sum)
                    } else {
                        (&record.entries, record.entries_sum)
                    };
                    Some(StoredRecord {
                        key,
                        stamp: record.stamp,
                        bytes: self.bytes(bytes),
                        sum,
                    })
                })
                .collect();
            postcard::to_extend(
                &Section {
                    format: FORMAT,
                    records,
                },
                out,
            )
        };
        // Both sections are encoded into one buffer, the length patched in.
        let Ok(mut bytes) = section(false, vec![0; 8]) else {
            return;
        };
        let entries_len = (bytes.len() - 8) as u64;
        bytes[..8].copy_from_slice(&entries_len.to_le_bytes());
        if let Ok(bytes) = section(true, bytes) {
            let _ = atomic_write(&path, &bytes);
        }
    }
}

/// The entries section, leaving `file` at the start of the texts section.
fn read_entries_section(file: &mut File) -> std::io::Result<Vec<u8>> {
    let mut len = [0u8; 8];
    file.read_exact(&mut len)?;
    let len = u64::from_le_bytes(len);
    let mut section = Vec::new();
    file.take(len).read_to_end(&mut section)?;
    if section.len() as u64 != len {
        return Err(std::io::ErrorKind::UnexpectedEof.into());
    }
    Ok(section)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntryId, Kind};

    fn entry(id: &str, title: &str) -> Entry {
        let id: EntryId = id.parse().unwrap();
        Entry::new(id.clone(), id.date(), Kind::Note, title)
    }

    fn stamp(size: u64) -> Stamp {
        Stamp {
            size,
            mtime_ns: 1_000_000_000,
            ctime_ns: 1_000_000_000,
            inode: 7,
        }
    }

    #[test]
    fn texts_survive_a_save_by_a_scan_that_did_not_read_them() {
        let dir = tempfile::tempdir().unwrap();
        let now = SystemTime::now();
        let mut index = Index::load(dir.path(), false);
        let first = [entry("2026-11-18-aaaa", "Invoice sent TWICE")];
        index.insert(Index::prepare("a".into(), stamp(1), &first, now).unwrap());
        index.save(dir.path());

        // A whole-journal load reads the entries only, then records a new file.
        let mut index = Index::load(dir.path(), false);
        assert!(index.get("a", stamp(1)).unwrap().text.is_none());
        let second = [entry("2026-11-19-bbbb", "Quote turned around")];
        index.insert(Index::prepare("b".into(), stamp(2), &second, now).unwrap());
        index.save(dir.path());

        let index = Index::load(dir.path(), true);
        let a = index.get("a", stamp(1)).unwrap();
        assert!(a.may_mention("twice"), "texts are lower-case");
        assert!(!a.may_mention("quote"));
        assert_eq!(a.entries().unwrap(), first);
        let b = index.get("b", stamp(2)).unwrap();
        assert!(b.may_mention("quote") && !b.may_mention("invoice"));
        assert!(
            index.get("a", stamp(3)).is_none(),
            "another version is a miss"
        );
    }

    #[test]
    fn a_cache_cut_short_or_foreign_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        let mut index = Index::load(dir.path(), true);
        let day = [entry("2026-11-18-aaaa", "kept")];
        index.insert(Index::prepare("a".into(), stamp(1), &day, SystemTime::now()).unwrap());
        index.save(dir.path());
        let path = dir.path().join(INDEX_FILE);
        let bytes = std::fs::read(&path).unwrap();
        for cut in [0, 4, 8, 20, bytes.len() - 1] {
            std::fs::write(&path, &bytes[..cut]).unwrap();
            let index = Index::load(dir.path(), true);
            // Cut in the texts, the entries still serve; anywhere else, nothing does.
            let cached = index.get("a", stamp(1));
            assert_eq!(cached.is_some(), cut == bytes.len() - 1, "cut at {cut}");
            if let Some(cached) = cached {
                assert_eq!(cached.entries().unwrap(), day);
                assert!(cached.may_mention("anything"), "no text: decode and see");
            }
        }
        std::fs::write(&path, b"\xff\xff\xff\xff\xff\xff\xff\xffjunk").unwrap();
        assert!(Index::load(dir.path(), true).get("a", stamp(1)).is_none());
    }
}
