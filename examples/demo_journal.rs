//! Writes the sample journal of `assets/demo/` (unshifted: its newest week
//! is 2026-W47) into a journal directory, for the README's examples.
//!
//! `cargo run --example demo_journal -- DIR`

use std::path::Path;

use chrono::NaiveDate;
use jobjournal::store::{DayFile, Journal};

fn main() {
    let Some(dir) = std::env::args().nth(1) else {
        eprintln!("usage: demo_journal DIR");
        std::process::exit(2);
    };
    let text = include_str!("../assets/demo/journal.toml");
    let monday = NaiveDate::from_ymd_opt(2026, 11, 16).expect("a date");
    let parsed = DayFile::parse(Path::new("assets/demo/journal.toml"), monday, text);
    let entries: Vec<_> = parsed
        .entries
        .into_iter()
        .map(|mut entry| {
            // Each sample entry's day is the date in its id.
            entry.date = entry.id.date();
            entry
        })
        .collect();
    if let Err(err) = Journal::new(dir).add_with_ids(&entries) {
        eprintln!("demo_journal: {err}");
        std::process::exit(1);
    }
}
