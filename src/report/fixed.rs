//! Which screw-ups are fixed: the one rule every screen and report uses.
//! A screw-up is fixed once a `fix` entry names it in `fixes`; "as of" a day
//! only fixes written on or before that day count, so an old week's report
//! says what was true at the end of that week.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;

use crate::model::{Entry, EntryId, Kind, Linked};

/// Each fixed screw-up's id and the fixes that name it (in the order given),
/// counting only fixes dated on or before `as_of`. Whole entries or their
/// outlines: the report reads a journal's older years as outlines, and must
/// judge them by this same rule.
pub fn fixes_by_screwup<'a, T: Linked + 'a>(
    entries: impl IntoIterator<Item = &'a T>,
    as_of: NaiveDate,
) -> HashMap<&'a EntryId, Vec<&'a T>> {
    let mut fixed: HashMap<&EntryId, Vec<&T>> = HashMap::new();
    for fix in entries {
        if fix.kind() == Kind::Fix && fix.date() <= as_of {
            for id in fix.fixes() {
                fixed.entry(id).or_default().push(fix);
            }
        }
    }
    fixed
}

/// Ids of the screw-ups any of `entries` fixes, whenever it was written.
pub fn fixed_ids<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> HashSet<EntryId> {
    fixes_by_screwup(entries, NaiveDate::MAX)
        .into_keys()
        .cloned()
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::test_entries::{day, entry};

    #[test]
    fn only_fixes_written_by_the_day_count() {
        let screwup = entry("2026-11-16-aaaa", Kind::Screwup, "Late");
        let mut early = entry("2026-11-17-bbbb", Kind::Fix, "Alarm");
        early.fixes = vec![screwup.id.clone()];
        let mut late = entry("2026-11-25-cccc", Kind::Fix, "Calendar");
        late.fixes = vec![screwup.id.clone()];
        let entries = [screwup.clone(), late, early];
        let by_week_end = fixes_by_screwup(&entries, day(2026, 11, 22));
        let titles: Vec<&str> = by_week_end[&screwup.id]
            .iter()
            .map(|e| e.title.as_str())
            .collect();
        assert_eq!(titles, ["Alarm"]);
        assert!(fixes_by_screwup(&entries, day(2026, 11, 16)).is_empty());
        assert_eq!(fixed_ids(&entries), HashSet::from([screwup.id.clone()]));
    }
}
