//! `demo`: the TUI on a throwaway copy of the sample journal in
//! `assets/demo/`, shifted by whole weeks so its newest week is this week and
//! the twelve before it are full too.

use std::path::Path;
use std::process::ExitCode;

use chrono::{Datelike, Duration, NaiveDate, Weekday};

use super::{CliError, Context};
use crate::config::Config;
use crate::model::{Entry, WeekStart};
use crate::store::{DayFile, Journal};

const SAMPLE: &str = include_str!("../../assets/demo/journal.toml");

/// The Monday of the sample's newest week.
fn sample_newest_monday() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 11, 16).expect("a valid date")
}

pub fn run(context: Context) -> Result<ExitCode, CliError> {
    let dir = tempfile::Builder::new()
        .prefix("jobjournal-demo-")
        .tempdir()
        .map_err(|e| CliError::Runtime(format!("cannot create a temporary directory: {e}")))?;
    let journal = Journal::new(dir.path().join("journal"));
    // A fresh journal in a temporary directory, without git: no warning.
    let _ = journal.add_with_ids(&sample_entries(context.today, context.config.week_start))?;
    let config = demo_config(context.config);
    let state = dir.path().join("state");
    let result = super::finish_tui(crate::ui::run_with_drafts_in(
        journal,
        config,
        context.today,
        Some(state),
    ));
    drop(dir); // the throwaway copy goes with it
    result
}

/// The user's settings, with a sample author when they have not named one.
fn demo_config(mut config: Config) -> Config {
    if config.name.is_empty() {
        config.name = "Sam Rivera".into();
        config.role = "Customer success lead".into();
    }
    config.git = false;
    config
}

/// The sample's entries moved by whole weeks (weekdays kept) so the newest
/// sample week is the one containing `today`.
pub fn sample_entries(today: NaiveDate, week_start: WeekStart) -> Vec<Entry> {
    let parsed = DayFile::parse(
        Path::new("assets/demo/journal.toml"),
        sample_newest_monday(),
        SAMPLE,
    );
    debug_assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    // The Monday inside the configured week, so a Sunday-start week holds
    // the sample's whole newest Monday-to-Friday.
    let week = crate::model::Week::containing(today, week_start);
    let this_monday = week
        .days()
        .find(|d| d.weekday() == Weekday::Mon)
        .unwrap_or(week.start());
    let shift = Duration::weeks((this_monday - sample_newest_monday()).num_weeks());
    parsed
        .entries
        .into_iter()
        .map(|mut entry| {
            // Each sample entry's day is the date in its id.
            let date = entry.id.date() + shift;
            entry.date = date;
            entry.id = entry.id.moved_to(date);
            entry.fixes = entry
                .fixes
                .iter()
                .map(|id| id.moved_to(id.date() + shift))
                .collect();
            entry.due = entry.due.map(|due| due + shift);
            entry.closed = entry.closed.map(|closed| closed + shift);
            entry
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use std::collections::HashSet;

    use super::*;
    use crate::model::{Kind, Week};

    #[test]
    fn the_sample_fills_this_week_and_the_twelve_before() {
        let today = NaiveDate::from_ymd_opt(2027, 3, 10).unwrap();
        let entries = sample_entries(today, WeekStart::Monday);
        let this = Week::containing(today, WeekStart::Monday);
        for week in this.trailing(13) {
            assert!(
                entries.iter().any(|e| week.contains(e.date)),
                "{week} is empty"
            );
        }
        assert!(entries.iter().all(|e| e.date <= this.end()));
        assert!(entries.iter().all(|e| e.id.date() == e.date));
        let screwups: HashSet<_> = entries
            .iter()
            .filter(|e| e.kind == Kind::Screwup)
            .map(|e| &e.id)
            .collect();
        for fix in entries.iter().filter(|e| e.kind == Kind::Fix) {
            assert!(
                fix.fixes.iter().all(|id| screwups.contains(id)),
                "{} links nowhere",
                fix.id
            );
        }
        for kind in Kind::ALL {
            assert!(
                entries.iter().any(|e| e.kind == kind),
                "no {kind} in the sample"
            );
        }
    }

    #[test]
    fn the_sample_parses_without_problems() {
        let parsed = DayFile::parse(Path::new("journal.toml"), sample_newest_monday(), SAMPLE);
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
    }
}
