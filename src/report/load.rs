//! What each report reads from the journal: exactly the days it needs,
//! never the whole journal. The rest of `report` never touches the store.

use std::collections::HashSet;

use crate::model::{Entry, EntryId, Week};
use crate::store::{Journal, Loaded, StoreError};

use super::bullets::{Bullets, Period};
use super::stats::Stats;
use super::weekly::WeeklyReport;

/// The entries [`WeeklyReport::build`] needs for `week`: the trend's eight
/// weeks, the screw-ups, fixes and promises of the year before them (open
/// ones need attention), plus any screw-up a fix of the week names (read
/// from the day its id names, so its title can be shown). Only those days
/// are read, so a report costs the same in a week-old and a decade-old journal.
pub fn weekly(journal: &Journal, week: Week) -> Result<Loaded, StoreError> {
    let (start, end) = WeeklyReport::window(week);
    let mut loaded = journal.load_range(start, end)?;
    let mut earlier = match start.pred_opt() {
        Some(before) => journal.load_range(WeeklyReport::attention_start(week), before)?,
        None => Loaded::default(),
    };
    earlier.entries.retain(|e| WeeklyReport::needs(week, e));
    loaded.entries.extend(earlier.entries);
    // A broken older file may hide an open screw-up: warn about it too.
    for problem in earlier.problems {
        if !loaded.problems.contains(&problem) {
            loaded.problems.push(problem);
        }
    }
    let known: HashSet<EntryId> = loaded.entries.iter().map(|e| e.id.clone()).collect();
    let mut missing: Vec<EntryId> = loaded
        .entries
        .iter()
        .filter(|e| week.contains(e.date))
        .flat_map(|e| e.fixes.iter())
        .filter(|id| !known.contains(*id))
        .cloned()
        .collect();
    missing.sort();
    missing.dedup();
    for id in missing {
        // A link to a day that is gone or broken is shown by id; not an error.
        if let Some(day) = journal.read_day(id.date())? {
            let found: Vec<Entry> = day.entries.into_iter().filter(|e| e.id == id).collect();
            loaded.entries.extend(found);
        }
    }
    Ok(loaded)
}

/// The entries [`Bullets::build`] needs for `period`.
pub fn bullets(journal: &Journal, period: Period) -> Result<Loaded, StoreError> {
    let (start, end) = Bullets::window(period);
    journal.load_range(start, end)
}

/// The entries [`Stats::build`] needs for `count` weeks ending with `last`.
pub fn stats(journal: &Journal, last: Week, count: usize) -> Result<Loaded, StoreError> {
    let (start, end) = Stats::window(last, count);
    journal.load_range(start, end)
}
