//! Where each day's file lives, and listing the journal's years and days.

use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{Datelike, NaiveDate};

use super::Journal;
use crate::store::StoreError;
use crate::store::index::Stamp;

/// How some days' files look on disk: each one's [`Stamp`] (the index's:
/// size, modified and changed times, inode), or that it is not there. Two
/// equal stamps of the same days mean nothing was written in between (by
/// the CLI, a git pull, a sync tool that keeps modified times).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct DaysStamp(Vec<Option<Stamp>>);

impl Journal {
    /// The stamp of `days`' files, to compare with a later one.
    pub fn stamp_days(&self, days: impl IntoIterator<Item = NaiveDate>) -> DaysStamp {
        let stamp = |path: PathBuf| Stamp::of(&fs::metadata(path).ok()?);
        DaysStamp(days.into_iter().map(|d| stamp(self.day_path(d))).collect())
    }

    pub fn day_path(&self, date: NaiveDate) -> PathBuf {
        self.root
            .join(date.format("%Y").to_string())
            .join(format!("{}.toml", date.format("%Y-%m-%d")))
    }

    /// Every day file in the journal, oldest first.
    pub fn day_files(&self) -> Result<Vec<(NaiveDate, PathBuf)>, StoreError> {
        self.day_files_between(NaiveDate::MIN, NaiveDate::MAX)
    }

    /// The day files from `start` to `end`, listing only the years between.
    pub(super) fn day_files_between(
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
                // A day file counts only in its own year's folder (`check`
                // names one anywhere else), so what is listed can be edited.
                if let Some(date) = day_file_date(&path)
                    && date.year() == year
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

    /// The year folders, oldest first. A symlink to a directory counts as
    /// one (the rule every command follows, as `day_path` does).
    pub(super) fn year_dirs(&self) -> Result<Vec<(i32, PathBuf)>, StoreError> {
        let mut dirs = Vec::new();
        for entry in read_dir(&self.root)? {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.len() == 4
                && let Ok(year) = name.parse::<i32>()
                && fs::metadata(entry.path()).is_ok_and(|m| m.is_dir())
            {
                dirs.push((year, entry.path()));
            }
        }
        dirs.sort();
        Ok(dirs)
    }
}

pub(super) fn read_dir(dir: &Path) -> Result<Vec<fs::DirEntry>, StoreError> {
    match fs::read_dir(dir) {
        Ok(entries) => entries
            .collect::<Result<Vec<_>, _>>()
            .map_err(StoreError::io(dir)),
        Err(err) if err.kind() == io::ErrorKind::NotFound => Ok(Vec::new()),
        Err(err) => Err(StoreError::io(dir)(err)),
    }
}

/// True for a name shaped like a day file's, `NNNN-NN-NN.toml`, whether or
/// not it is a real date.
pub(super) fn looks_like_day_file(name: &str) -> bool {
    name.strip_suffix(".toml").is_some_and(|stem| {
        stem.len() == 10
            && stem.bytes().enumerate().all(|(i, b)| match i {
                4 | 7 => b == b'-',
                _ => b.is_ascii_digit(),
            })
    })
}

/// `…/2026/2026-11-18.toml` → 2026-11-18, when the name is exactly a day file's.
pub(super) fn day_file_date(path: &Path) -> Option<NaiveDate> {
    let name = path.file_name()?.to_str()?;
    let stem = name.strip_suffix(".toml")?;
    // By hand, not `parse_from_str`: listing a 70-year journal parses
    // 18,000 names, and chrono's format parser spent milliseconds on them.
    let b = stem.as_bytes();
    let digits = |range: std::ops::Range<usize>| -> Option<u32> {
        b.get(range)?.iter().try_fold(0u32, |n, c| {
            c.is_ascii_digit().then(|| n * 10 + u32::from(c - b'0'))
        })
    };
    if b.len() != 10 || b[4] != b'-' || b[7] != b'-' {
        return None;
    }
    let year = i32::try_from(digits(0..4)?).ok()?;
    NaiveDate::from_ymd_opt(year, digits(5..7)?, digits(8..10)?)
}
