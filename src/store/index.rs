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
//! - saves never read it: a change reads the day file under the lock;
//! - it is written as a scan parses files, into a temp file renamed over it
//!   when complete, and each section ends with a marker: a cache cut short
//!   anywhere is ignored, the texts section alone if only it is cut.

use std::collections::HashMap;
use std::fs::{File, Metadata};
use std::io::{self, BufWriter, Read, Seek, SeekFrom, Write};
use std::ops::Range;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use tempfile::NamedTempFile;

use super::save::{TEMP_SUFFIX, sync_dir};
use crate::model::Entry;

/// The cache file, at the journal's root.
pub const INDEX_FILE: &str = ".jobjournal.index";

/// Files changed more recently than this are left out of the cache.
const SETTLE: Duration = Duration::from_secs(3);

/// Which build wrote the cache; any other build ignores it, so a change in
/// `Entry`'s shape can never decode into wrong entries.
const FORMAT: &str = concat!("jobjournal-index-8-", env!("CARGO_PKG_VERSION"));

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
    pub(super) fn settled(self, now: SystemTime) -> bool {
        let now_ns = now
            .duration_since(UNIX_EPOCH)
            .map_or(0, |d| d.as_nanos() as i128);
        self.mtime_ns < now_ns - SETTLE.as_nanos() as i128
    }
}

/// One cached file, as loaded: where its bytes are in the sections read
/// (no copy is made of a cache tens of megabytes long).
struct Record {
    stamp: Stamp,
    /// The file's entries, postcard-encoded, in the entries section;
    /// decoded only when wanted.
    entries: Range<usize>,
    entries_sum: u64,
    /// The entries' [`Entry::search_text`], one after another, in the texts
    /// section, so a search decodes only the files that can match. Read
    /// only by searches.
    text: Option<(Range<usize>, u64)>,
    /// The text lacks the needle given to [`Index::answer_for`].
    lacks: bool,
}

/// The checksum of one record's bytes, tied to its path and stamp so a
/// record cannot pass for another file's or another version's.
pub(super) fn checksum(key: &str, stamp: Stamp, bytes: &[u8]) -> u64 {
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
///
/// Each section is the [`FORMAT`] string, then `Some(record)` after
/// `Some(record)`, then `None`, all postcard-encoded. Records are written
/// one by one as a scan parses files, so a first scan never holds the
/// whole cache in memory; the closing `None` tells a complete section from
/// one cut short at a record's end. Should a key occur twice, the later
/// record stands.
#[derive(Serialize, Deserialize)]
pub(super) struct StoredRecord<'a> {
    pub key: &'a str,
    pub stamp: Stamp,
    #[serde(borrow, with = "serde_bytes")]
    pub bytes: &'a [u8],
    /// [`checksum`] of key, stamp and bytes.
    pub sum: u64,
}

/// The records of one section, or `None` when it is foreign, damaged or
/// incomplete: all of it is believed, or none.
fn read_section(section: &[u8]) -> Option<Vec<StoredRecord<'_>>> {
    read_records(section, FORMAT)
}

/// [`read_section`] for any cache laid out the same way, written as `format`.
pub(super) fn read_records<'a>(section: &'a [u8], format: &str) -> Option<Vec<StoredRecord<'a>>> {
    let (written, mut rest) = postcard::take_from_bytes::<&str>(section).ok()?;
    if written != format {
        return None;
    }
    let mut records = Vec::new();
    loop {
        match postcard::take_from_bytes::<Option<StoredRecord>>(rest).ok()? {
            (Some(record), after) => {
                records.push(record);
                rest = after;
            }
            (None, after) => return after.is_empty().then_some(records),
        }
    }
}

/// The cached version of one file; its bytes are believed only if their
/// checksum holds.
#[derive(Clone, Copy)]
pub struct Cached<'a> {
    key: &'a str,
    stamp: Stamp,
    entries: (&'a [u8], u64),
    text: Option<(&'a [u8], u64)>,
    /// The needle answered for up front, and whether the text lacks it.
    answered: Option<(&'a str, bool)>,
}

impl Cached<'_> {
    /// False when no entry of the file contains `needle` (lower-case) in
    /// its search text; true may still be a near miss across two fields,
    /// and is the answer whenever the text was not read.
    pub fn may_mention(&self, needle: &str) -> bool {
        if let Some((answered, lacks)) = self.answered
            && answered == needle
        {
            return !lacks;
        }
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
    stamp: Stamp,
    entries: Vec<u8>,
    entries_sum: u64,
    text: Vec<u8>,
    text_sum: u64,
}

/// The cache file being written: the entries section straight into a temp
/// file beside the cache, the texts section into a second, unnamed one,
/// appended when the first is done. Only the write buffers are in memory.
struct Writer {
    file: BufWriter<NamedTempFile>,
    texts: BufWriter<File>,
}

pub(super) fn encoding_failed(err: postcard::Error) -> io::Error {
    io::Error::other(err)
}

/// How long a cache temp file may go unwritten before it counts as left by
/// a process that ended while writing it: a scan writes to its own several
/// times a second.
const ABANDONED: Duration = Duration::from_secs(60);

/// Whether the temp file at `entry` has gone unwritten for [`ABANDONED`],
/// so no process is writing it any more.
pub(super) fn is_abandoned(entry: &std::fs::DirEntry, now: SystemTime) -> bool {
    entry
        .metadata()
        .and_then(|meta| meta.modified())
        .is_ok_and(|m| now.duration_since(m).is_ok_and(|age| age > ABANDONED))
}

/// Removes cache temp files no process is writing any more: a TUI closed
/// during its first load leaves one nearly as large as the cache. Removing
/// one still in use is harmless: that process's cache is then not saved.
fn remove_abandoned(root: &Path, cache: &str, now: SystemTime) {
    let Ok(dir) = std::fs::read_dir(root) else {
        return;
    };
    let prefix = format!(".{cache}.");
    for entry in dir.flatten() {
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if !(name.starts_with(&prefix) && name.ends_with(TEMP_SUFFIX)) {
            continue;
        }
        // Not followed: a symlink or directory of that name is the user's.
        let is_file = entry.file_type().is_ok_and(|t| t.is_file());
        if is_file && is_abandoned(&entry, now) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

impl Writer {
    fn create(root: &Path) -> io::Result<Writer> {
        let mut file = BufWriter::new(cache_temp(root, INDEX_FILE)?);
        // The entries section's length, patched in by `finish`.
        file.write_all(&[0; 8])?;
        postcard::to_io(FORMAT, &mut file).map_err(encoding_failed)?;
        let mut texts = BufWriter::new(tempfile::tempfile_in(root)?);
        postcard::to_io(FORMAT, &mut texts).map_err(encoding_failed)?;
        Ok(Writer { file, texts })
    }

    fn write(
        &mut self,
        key: &str,
        stamp: Stamp,
        (bytes, sum): (&[u8], u64),
        text: Option<(&[u8], u64)>,
    ) -> io::Result<()> {
        let record = |bytes, sum| {
            Some(StoredRecord {
                key,
                stamp,
                bytes,
                sum,
            })
        };
        postcard::to_io(&record(bytes, sum), &mut self.file).map_err(encoding_failed)?;
        if let Some((bytes, sum)) = text {
            postcard::to_io(&record(bytes, sum), &mut self.texts).map_err(encoding_failed)?;
        }
        Ok(())
    }

    /// Closes both sections and puts the cache in place atomically.
    fn finish(self, path: &Path) -> io::Result<()> {
        let Writer { mut file, texts } = self;
        let end = None::<StoredRecord>;
        postcard::to_io(&end, &mut file).map_err(encoding_failed)?;
        let entries_len = file.stream_position()? - 8;
        file.seek(SeekFrom::Start(0))?;
        file.write_all(&entries_len.to_le_bytes())?;
        file.seek(SeekFrom::End(0))?;
        let mut texts = postcard::to_io(&end, texts)
            .map_err(encoding_failed)?
            .into_inner()
            .map_err(io::IntoInnerError::into_error)?;
        texts.seek(SeekFrom::Start(0))?;
        io::copy(&mut texts, &mut file)?;
        let temp = file.into_inner().map_err(io::IntoInnerError::into_error)?;
        put_in_place(temp, path)
    }
}

/// A temp file for a new version of the cache `name`, after removing any a
/// killed process left. Named like a save's temp file, so one left by a
/// killed process is recognised and removed; tempfile makes it mode 0600.
pub(super) fn cache_temp(root: &Path, name: &str) -> io::Result<NamedTempFile> {
    remove_abandoned(root, name, SystemTime::now());
    tempfile::Builder::new()
        .prefix(&format!(".{name}."))
        .suffix(TEMP_SUFFIX)
        .tempfile_in(root)
}

/// Renames a complete cache over the old one, durably.
pub(super) fn put_in_place(temp: NamedTempFile, path: &Path) -> io::Result<()> {
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|err| err.error)?;
    if let Some(dir) = path.parent() {
        sync_dir(dir)?;
    }
    Ok(())
}

/// The cache in memory: records by path relative to the journal root.
#[derive(Default)]
pub struct Index {
    /// Where the cache is written; `None` for a stand-in that keeps no
    /// records of the files parsed during its scan.
    root: Option<PathBuf>,
    /// The cache file's two sections as read; records point into them.
    entries_section: Vec<u8>,
    texts_section: Vec<u8>,
    /// The cache file as loaded: a save that must keep the texts reads
    /// them from this version when the scan did not, or let them go.
    loaded_file: Option<File>,
    /// Where the texts section starts in that file.
    texts_at: u64,
    /// The needle [`Index::answer_for`] settled.
    needle: Option<String>,
    /// Records of the cache as loaded that are still to be carried over.
    records: HashMap<String, Record>,
    /// Where records of files parsed now go, opened by the first of them.
    writer: Option<Writer>,
    /// A write failed: nothing is saved this time.
    failed: bool,
    changed: bool,
}

/// Where `part`, a slice of `whole`, starts and ends in it.
pub(super) fn span(whole: &[u8], part: &[u8]) -> Range<usize> {
    let start = part.as_ptr() as usize - whole.as_ptr() as usize;
    start..start + part.len()
}

impl Index {
    /// Reads the cache, with the search texts when `texts`; an absent,
    /// unreadable or foreign cache is empty.
    pub fn load(root: &Path, texts: bool) -> Index {
        let path = root.join(INDEX_FILE);
        let empty = |changed| Index {
            root: Some(root.to_path_buf()),
            changed,
            ..Index::default()
        };
        // Only a regular file is read: a FIFO there must not hang every command.
        let Ok(Ok((mut file, _))) = super::open::open_regular(&path, u64::MAX) else {
            return empty(false);
        };
        let Ok(entries_section) = read_entries_section(&mut file) else {
            return empty(true);
        };
        let Some(stored) = read_section(&entries_section) else {
            return empty(true);
        };
        let records = stored
            .into_iter()
            .map(|stored| {
                let record = Record {
                    stamp: stored.stamp,
                    entries: span(&entries_section, stored.bytes),
                    entries_sum: stored.sum,
                    text: None,
                    lacks: false,
                };
                (stored.key.to_string(), record)
            })
            .collect();
        let mut index = Index {
            texts_at: 8 + entries_section.len() as u64,
            entries_section,
            records,
            loaded_file: Some(file),
            ..empty(false)
        };
        if texts {
            index.read_texts();
        }
        index
    }

    /// Settles now, for every record, whether its text may mention `needle`,
    /// then lets the texts go: a search that keeps nearly every entry (`e`)
    /// would otherwise hold the texts beside its matches (11 MB at 100k).
    /// A save that must keep them reads them again from the cache as loaded.
    pub fn answer_for(&mut self, needle: &str) {
        for (key, record) in &mut self.records {
            let text = record.text.take();
            record.lacks = text.is_some_and(|(range, sum)| {
                let text = &self.texts_section[range];
                checksum(key, record.stamp, text) == sum
                    && std::str::from_utf8(text).is_ok_and(|text| !text.contains(needle))
            });
        }
        self.texts_section = Vec::new();
        self.needle = Some(needle.to_string());
    }

    /// Whether a file parsed now should be encoded for the cache.
    pub fn is_recording(&self) -> bool {
        self.root.is_some() && !self.failed
    }

    /// Reads the texts section of the cache file as loaded and gives each
    /// record the text of its exact version, if there is one.
    fn read_texts(&mut self) {
        let Some(file) = &mut self.loaded_file else {
            return;
        };
        let mut texts = Vec::new();
        let read = file
            .seek(SeekFrom::Start(self.texts_at))
            .and_then(|_| file.read_to_end(&mut texts));
        if read.is_err() {
            return;
        }
        for stored in read_section(&texts).unwrap_or_default() {
            if let Some(record) = self.records.get_mut(stored.key)
                && record.stamp == stored.stamp
            {
                record.text = Some((span(&texts, stored.bytes), stored.sum));
            }
        }
        self.texts_section = texts;
    }

    /// The cached `key`, if the cache holds this exact version of it.
    pub fn get<'a>(&'a self, key: &'a str, stamp: Stamp) -> Option<Cached<'a>> {
        let record = self.records.get(key).filter(|r| r.stamp == stamp)?;
        Some(Cached {
            key,
            stamp,
            entries: (
                &self.entries_section[record.entries.clone()],
                record.entries_sum,
            ),
            text: record
                .text
                .as_ref()
                .map(|(text, sum)| (&self.texts_section[text.clone()], *sum)),
            answered: self.needle.as_deref().map(|n| (n, record.lacks)),
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
            .join("\n")
            .into_bytes();
        let entries = postcard::to_stdvec(entries).ok()?;
        Some(NewRecord {
            entries_sum: checksum(&key, stamp, &entries),
            text_sum: checksum(&key, stamp, &text),
            key,
            stamp,
            entries,
            text,
        })
    }

    /// Writes `new` to the cache being built (opened now if this is the
    /// first); it replaces the loaded record of its file.
    pub fn insert(&mut self, new: NewRecord) {
        let Some(root) = self.root.as_deref().filter(|_| !self.failed) else {
            return;
        };
        self.changed = true;
        self.records.remove(&new.key);
        let writer = match &mut self.writer {
            Some(writer) => Ok(writer),
            None => Writer::create(root).map(|w| self.writer.insert(w)),
        };
        let written = writer.and_then(|w| {
            w.write(
                &new.key,
                new.stamp,
                (&new.entries, new.entries_sum),
                Some((&new.text, new.text_sum)),
            )
        });
        if written.is_err() {
            // The temp file goes with the writer; the old cache stays.
            self.writer = None;
            self.failed = true;
        }
    }

    /// Drops records of files that are gone (after a scan of every file).
    pub fn retain_only(&mut self, present: &std::collections::HashSet<String>) {
        let before = self.records.len();
        self.records.retain(|key, _| present.contains(key));
        self.changed |= self.records.len() != before;
    }

    /// Puts the cache in place if anything changed: the records written
    /// during the scan and the loaded ones still current. Failing to is
    /// harmless: the next scan parses what it could not reuse.
    pub fn save(mut self) {
        let Some(root) = self.root.take().filter(|_| self.changed && !self.failed) else {
            return;
        };
        // Unchanged records keep their texts: read them now if the scan
        // did not, or let them go.
        if self.texts_section.is_empty() {
            self.read_texts();
        }
        let _ = self.write_rest(&root);
    }

    fn write_rest(&mut self, root: &Path) -> io::Result<()> {
        let mut writer = match self.writer.take() {
            Some(writer) => writer,
            None => Writer::create(root)?,
        };
        for (key, record) in &self.records {
            let entries = &self.entries_section[record.entries.clone()];
            let text = record
                .text
                .as_ref()
                .map(|(text, sum)| (&self.texts_section[text.clone()], *sum));
            writer.write(key, record.stamp, (entries, record.entries_sum), text)?;
        }
        writer.finish(&root.join(INDEX_FILE))
    }
}

/// The entries section, leaving `file` at the start of the texts section.
fn read_entries_section(file: &mut File) -> std::io::Result<Vec<u8>> {
    let mut len = [0u8; 8];
    file.read_exact(&mut len)?;
    let len = u64::from_le_bytes(len);
    // The room it needs up front: growing by doubling left 34 MB for a
    // 20 MB section at 100k. A damaged length asks no more than the file has.
    let room = len.min(file.metadata()?.len());
    let mut section = Vec::with_capacity(usize::try_from(room).unwrap_or(0));
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
        index.save();

        // A whole-journal load reads the entries only, then records a new file.
        let mut index = Index::load(dir.path(), false);
        assert!(index.get("a", stamp(1)).unwrap().text.is_none());
        let second = [entry("2026-11-19-bbbb", "Quote turned around")];
        index.insert(Index::prepare("b".into(), stamp(2), &second, now).unwrap());
        index.save();

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

    /// The files of `dir`, by name.
    fn names(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        names
    }

    #[test]
    fn records_go_to_disk_as_they_come_and_read_back_equal() {
        let dir = tempfile::tempdir().unwrap();
        let now = SystemTime::now();
        let days: Vec<(String, Vec<Entry>)> = (0..300)
            .map(|n| {
                let id = format!("2026-01-01-{n:04}");
                let title = format!("Entry number {n} about INVOICE {}", n * 7);
                (format!("2026/day-{n}.toml"), vec![entry(&id, &title)])
            })
            .collect();
        let mut index = Index::load(dir.path(), false);
        for (n, (key, entries)) in days.iter().enumerate() {
            let stamp = stamp(n as u64);
            index.insert(Index::prepare(key.clone(), stamp, entries, now).unwrap());
        }
        // Before the save, the records are in a temp file beside the cache,
        // not held by the index.
        let temps: Vec<String> = names(dir.path());
        assert_eq!(temps.len(), 1, "{temps:?}");
        assert!(crate::store::save::is_temp_file(&temps[0]), "{temps:?}");
        let written = std::fs::metadata(dir.path().join(&temps[0])).unwrap().len();
        assert!(written > 300 * 30, "only {written} bytes written so far");
        assert!(index.records.is_empty());
        index.save();
        assert_eq!(names(dir.path()), [INDEX_FILE], "the temp file is gone");
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            let meta = std::fs::metadata(dir.path().join(INDEX_FILE)).unwrap();
            assert_eq!(meta.permissions().mode() & 0o777, 0o600);
        }

        // Read back, then carried over by a save that adds one more file.
        for round in 0..2 {
            let mut index = Index::load(dir.path(), true);
            for (n, (key, entries)) in days.iter().enumerate() {
                let cached = index.get(key, stamp(n as u64)).unwrap();
                assert_eq!(&cached.entries().unwrap(), entries, "round {round}");
                assert!(cached.may_mention(&format!("invoice {}", n * 7)));
                assert!(!cached.may_mention("quote"));
            }
            let extra = [entry("2026-02-01-aaaa", "Quote")];
            index.insert(Index::prepare("extra".into(), stamp(9999), &extra, now).unwrap());
            index.save();
            let index = Index::load(dir.path(), true);
            assert!(
                index
                    .get("extra", stamp(9999))
                    .unwrap()
                    .may_mention("quote")
            );
        }
    }

    #[test]
    fn a_search_answers_its_needle_up_front_and_lets_the_texts_go() {
        let dir = tempfile::tempdir().unwrap();
        let now = SystemTime::now();
        let mut index = Index::load(dir.path(), false);
        let invoice = [entry("2026-11-18-aaaa", "Invoice sent")];
        let quote = [entry("2026-11-19-bbbb", "Quote turned around")];
        index.insert(Index::prepare("a".into(), stamp(1), &invoice, now).unwrap());
        index.insert(Index::prepare("b".into(), stamp(2), &quote, now).unwrap());
        index.save();

        let mut index = Index::load(dir.path(), true);
        index.answer_for("quote");
        assert_eq!(index.texts_section.capacity(), 0, "the texts are let go");
        let (a, b) = (
            index.get("a", stamp(1)).unwrap(),
            index.get("b", stamp(2)).unwrap(),
        );
        assert!(!a.may_mention("quote") && b.may_mention("quote"));
        assert!(
            a.may_mention("invoice"),
            "another needle: unknown, so maybe"
        );
        // A save after the search keeps every file's text.
        let extra = [entry("2026-11-20-cccc", "Call back")];
        index.insert(Index::prepare("c".into(), stamp(3), &extra, now).unwrap());
        index.save();
        let index = Index::load(dir.path(), true);
        let a = index.get("a", stamp(1)).unwrap();
        assert!(a.may_mention("invoice") && !a.may_mention("quote"));
        assert!(!index.get("b", stamp(2)).unwrap().may_mention("invoice"));
        assert!(index.get("c", stamp(3)).unwrap().may_mention("call"));
    }

    #[test]
    fn temp_files_of_a_killed_writer_are_removed_by_the_next() {
        let dir = tempfile::tempdir().unwrap();
        let old = dir
            .path()
            .join(format!(".{INDEX_FILE}.dead0001{TEMP_SUFFIX}"));
        let busy = dir
            .path()
            .join(format!(".{INDEX_FILE}.busy0002{TEMP_SUFFIX}"));
        let users = dir.path().join(format!(".{INDEX_FILE}.mine{TEMP_SUFFIX}"));
        for path in [&old, &busy] {
            std::fs::write(path, b"half a cache").unwrap();
        }
        std::fs::create_dir(&users).unwrap();
        let long_ago = SystemTime::now() - ABANDONED * 2;
        for path in [&old, &users] {
            File::open(path).unwrap().set_modified(long_ago).unwrap();
        }
        let mut index = Index::load(dir.path(), false);
        let day = [entry("2026-11-18-aaaa", "kept")];
        index.insert(Index::prepare("a".into(), stamp(1), &day, SystemTime::now()).unwrap());
        index.save();
        assert!(!old.exists(), "abandoned temp file kept");
        assert!(busy.exists(), "a temp file still being written was removed");
        assert!(users.is_dir(), "a directory is not a temp file");
    }

    #[test]
    fn a_cache_cut_anywhere_is_never_believed_in_part() {
        let dir = tempfile::tempdir().unwrap();
        let now = SystemTime::now();
        let mut index = Index::load(dir.path(), true);
        let days = [
            [entry("2026-11-18-aaaa", "Invoice sent")],
            [entry("2026-11-19-bbbb", "Quote turned around")],
        ];
        for (n, day) in days.iter().enumerate() {
            index.insert(Index::prepare(format!("{n}"), stamp(n as u64), day, now).unwrap());
        }
        index.save();
        let path = dir.path().join(INDEX_FILE);
        let bytes = std::fs::read(&path).unwrap();
        let entries_end = 8 + u64::from_le_bytes(bytes[..8].try_into().unwrap()) as usize;
        for cut in 0..bytes.len() {
            std::fs::write(&path, &bytes[..cut]).unwrap();
            let index = Index::load(dir.path(), true);
            for (n, day) in days.iter().enumerate() {
                let key = format!("{n}");
                let cached = index.get(&key, stamp(n as u64));
                // Cut in the entries section, nothing serves; cut in the
                // texts, even between two records, the entries serve alone.
                assert_eq!(cached.is_some(), cut >= entries_end, "cut at {cut}");
                if let Some(cached) = cached {
                    assert_eq!(cached.entries().unwrap(), day);
                    assert!(cached.text.is_none(), "texts cut at {cut} were read");
                }
            }
        }
    }

    #[test]
    fn a_cache_cut_short_or_foreign_is_empty() {
        let dir = tempfile::tempdir().unwrap();
        let mut index = Index::load(dir.path(), true);
        let day = [entry("2026-11-18-aaaa", "kept")];
        index.insert(Index::prepare("a".into(), stamp(1), &day, SystemTime::now()).unwrap());
        index.save();
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
