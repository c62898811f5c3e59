//! What each report reads from the journal: exactly the days it needs,
//! never the whole journal. The rest of `report` never touches the store.

use std::collections::HashSet;

use chrono::NaiveDate;

use crate::model::{Entry, EntryId, Week};
use crate::store::{Journal, Loaded, StoreError};

use super::bullets::{Bullets, Period};
use super::stats::Stats;
use super::weekly::WeeklyReport;

/// The entries [`WeeklyReport::build`] needs for `week`: the trend's eight
/// weeks, every earlier entry still open then, from any week back (found
/// from outlines, so only their days are read whole), plus any screw-up a
/// fix of the week names (read from the day its id names, so its title can
/// be shown). Beyond its own weeks a report costs a `stat` per day file and
/// decoding their outlines, not a parse of the whole journal.
pub fn weekly(journal: &Journal, week: Week) -> Result<Loaded, StoreError> {
    let (start, end) = WeeklyReport::window(week);
    let mut loaded = journal.load_range(start, end)?;
    if let Some(before) = start.pred_opt() {
        let earlier = still_open(journal, week, before)?;
        loaded.entries.extend(earlier.entries);
        // A broken older file may hide an open screw-up: warn about it too.
        for problem in earlier.problems {
            if !loaded.problems.contains(&problem) {
                loaded.problems.push(problem);
            }
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
    // A link to a day that is gone or broken is shown by id; not an error.
    let mut moved = Vec::new();
    for id in missing {
        let day = journal.load_days([id.date()])?;
        match day.entries.into_iter().find(|e| e.id == id) {
            Some(entry) => loaded.entries.push(entry),
            None => moved.push(id),
        }
    }
    if !moved.is_empty() {
        loaded.entries.extend(moved_entries(journal, &moved)?);
    }
    // By date, as a whole-journal read gives them: a screw-up's fixes are
    // listed in the order given, earliest first. (Stable: within a day,
    // the order loaded, the window's entries in file order first.)
    loaded.entries.sort_by_key(|e| e.date);
    Ok(loaded)
}

/// The entries of `ids` no longer on the day their id names (an entry keeps
/// its id when it moves), found by their outlines, which say where every
/// screw-up is: a fix still shows the title of the screw-up it names.
fn moved_entries(journal: &Journal, ids: &[EntryId]) -> Result<Vec<Entry>, StoreError> {
    let outlines = journal.outlines(NaiveDate::MIN, NaiveDate::MAX)?;
    let mut found = Vec::new();
    for (i, outline) in outlines.outlines.iter().enumerate() {
        if ids.contains(&outline.id) {
            match outlines.entry(i) {
                Some(entry) => found.push(entry),
                None => found.extend(
                    journal
                        .load_days([outline.date])?
                        .entries
                        .into_iter()
                        .filter(|e| e.id == outline.id),
                ),
            }
        }
    }
    Ok(found)
}

/// The entries up to `before` that the report of `week` still needs, whole.
fn still_open(journal: &Journal, week: Week, before: NaiveDate) -> Result<Loaded, StoreError> {
    let outlines = journal.outlines(NaiveDate::MIN, before)?;
    let wanted = WeeklyReport::needs_from_before(week, &outlines.outlines);
    let mut loaded = Loaded::default();
    let mut unread = Vec::new();
    for (i, outline) in outlines.outlines.iter().enumerate() {
        if wanted.contains(&outline.id) {
            match outlines.entry(i) {
                Some(entry) => loaded.entries.push(entry),
                None => unread.push(outline.date),
            }
        }
    }
    // An entry the cache could not give back is read from its day.
    unread.dedup();
    let reread = journal.load_days(unread)?;
    loaded.entries.extend(
        reread
            .entries
            .into_iter()
            .filter(|e| e.date <= before && wanted.contains(&e.id)),
    );
    loaded.problems = reread.problems;
    loaded.problems.extend(outlines.problems);
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
