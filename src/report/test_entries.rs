//! Entries for the report modules' unit tests, built from an id alone.

use chrono::NaiveDate;

use crate::model::{Entry, EntryId, Kind};

pub fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).expect("test date")
}

/// An entry filed on the day its id names.
pub fn entry(id: &str, kind: Kind, title: &str) -> Entry {
    let id: EntryId = id.parse().expect("test id");
    Entry::new(id.clone(), id.date(), kind, title)
}
