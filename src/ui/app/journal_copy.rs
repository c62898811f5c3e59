//! The app's copy of the journal: the shown week's entries as last read,
//! the whole journal once the background load is done, the problems found
//! in their files, and which screw-ups a fix names. Saves the app hears
//! about are merged into both, so the screen never waits for a re-read.
//! No I/O: the week to show is the app's, passed in.

use std::cell::OnceCell;
use std::collections::HashSet;

use chrono::NaiveDate;

use crate::model::{Entry, EntryId, Week};
use crate::store::{Loaded, Problem};

#[derive(Debug, Default)]
pub struct JournalCopy {
    /// The shown week's entries, by day, in file order within a day.
    week: Vec<Entry>,
    /// The whole journal once the background load is done.
    all: Option<Vec<Entry>>,
    week_problems: Vec<Problem>,
    all_problems: Vec<Problem>,
    /// Ids of screw-ups some known fix names, worked out once per change:
    /// every frame asks, and the journal can hold a hundred thousand entries.
    fixed: OnceCell<HashSet<EntryId>>,
}

impl JournalCopy {
    /// The shown week's entries, by day, in file order within a day.
    pub fn week(&self) -> &[Entry] {
        &self.week
    }

    /// Whether the whole journal has been read.
    pub fn is_loaded(&self) -> bool {
        self.all.is_some()
    }

    /// The whole journal when loaded, else the shown week.
    pub fn known(&self) -> &[Entry] {
        self.all.as_deref().unwrap_or(&self.week)
    }

    /// Problems to warn about: every file's once the journal is loaded.
    pub fn problems(&self) -> &[Problem] {
        if self.all.is_some() {
            &self.all_problems
        } else {
            &self.week_problems
        }
    }

    /// Ids of screw-ups some known fix names.
    pub fn fixed_ids(&self) -> &HashSet<EntryId> {
        self.fixed
            .get_or_init(|| crate::report::fixed_ids(self.known()))
    }

    /// Shows `week` from what is in memory, until its fresh read lands.
    /// True when what is known changed (before the journal is loaded the
    /// week is all that is known, and it starts empty).
    pub fn show_week(&mut self, week: Week) -> bool {
        self.week = match &self.all {
            Some(all) => sorted(
                all.iter()
                    .filter(|e| week.contains(e.date))
                    .cloned()
                    .collect(),
            ),
            None => Vec::new(),
        };
        let changed = self.all.is_none();
        if changed {
            self.fixed = OnceCell::new();
        }
        changed
    }

    /// Takes `week`'s days as just read. True when they differ from memory:
    /// most reads find what memory already holds, and redoing the whole
    /// journal's worth of work for them made each week change slow.
    pub fn week_loaded(&mut self, week: Week, loaded: Loaded) -> bool {
        let fresh = sorted(loaded.entries);
        if fresh == self.week && loaded.problems == self.week_problems {
            return false;
        }
        self.fixed = OnceCell::new();
        self.week = fresh;
        self.week_problems = loaded.problems;
        if let Some(all) = &mut self.all {
            all.retain(|e| !week.contains(e.date));
            all.extend(self.week.iter().cloned());
            let week_problems = &self.week_problems;
            self.all_problems
                .retain(|p| !week_problems.contains(p) && !in_week(p, week));
            self.all_problems.extend(week_problems.iter().cloned());
        }
        true
    }

    /// Takes the whole journal as read in the background. The shown week
    /// was read more recently (and maybe changed since): it wins.
    pub fn journal_loaded(&mut self, week: Week, loaded: Loaded) {
        self.fixed = OnceCell::new();
        let mut all = loaded.entries;
        all.retain(|e| !week.contains(e.date));
        all.extend(self.week.iter().cloned());
        self.all = Some(all);
        self.all_problems = loaded
            .problems
            .into_iter()
            .filter(|p| !in_week(p, week))
            .collect();
        self.all_problems.extend(self.week_problems.iter().cloned());
    }

    /// Merges a saved entry into the week and the whole journal. One kept
    /// on its day is replaced where it stands, as the store rewrites it in
    /// place (put last, it jumped to the end of its day until the re-read
    /// put it back); one that moved leaves its old place and is listed in
    /// `week` when its new date falls there.
    pub fn merge(&mut self, week: Week, entry: Entry) {
        self.fixed = OnceCell::new();
        let in_place = |entries: &mut Vec<Entry>| match entries
            .iter_mut()
            .find(|e| e.id == entry.id && e.date == entry.date)
        {
            Some(slot) => {
                *slot = entry.clone();
                true
            }
            None => false,
        };
        let kept_in_week = in_place(&mut self.week);
        let kept_in_all = self.all.as_mut().is_none_or(in_place);
        if kept_in_week && kept_in_all {
            return;
        }
        self.remove(&entry.id);
        self.show_in_week(week, &entry);
        if let Some(all) = &mut self.all {
            all.push(entry);
        }
    }

    /// Lists `entry` in `week` when it falls there and is not listed yet.
    /// True when what is known changed.
    pub fn show_in_week(&mut self, week: Week, entry: &Entry) -> bool {
        if !week.contains(entry.date) || self.week.iter().any(|e| e.id == entry.id) {
            return false;
        }
        self.week.push(entry.clone());
        self.week = sorted(std::mem::take(&mut self.week));
        let changed = self.all.is_none();
        if changed {
            self.fixed = OnceCell::new();
        }
        changed
    }

    /// Drops a deleted entry from the week and the whole journal.
    pub fn remove(&mut self, id: &EntryId) {
        self.fixed = OnceCell::new();
        self.week.retain(|e| &e.id != id);
        if let Some(all) = &mut self.all {
            all.retain(|e| &e.id != id);
        }
    }
}

/// Entries by day, keeping file order within a day.
fn sorted(mut entries: Vec<Entry>) -> Vec<Entry> {
    entries.sort_by_key(|e| e.date);
    entries
}

fn in_week(problem: &Problem, week: Week) -> bool {
    let stem = problem
        .path
        .file_stem()
        .and_then(|s| s.to_str())
        .unwrap_or("");
    NaiveDate::parse_from_str(stem, "%Y-%m-%d").is_ok_and(|d| week.contains(d))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, WeekStart};
    use crate::ui::app::tests::{day, entry, sample};

    fn this_week() -> Week {
        Week::containing(day(18), WeekStart::Monday)
    }

    fn loaded(entries: Vec<Entry>, problems: Vec<Problem>) -> Loaded {
        Loaded { entries, problems }
    }

    /// A copy of `sample()` with its week (2026-W47) shown and the whole
    /// journal loaded.
    fn copy() -> JournalCopy {
        let week = this_week();
        let mut copy = JournalCopy::default();
        let in_week = sample()
            .into_iter()
            .filter(|e| week.contains(e.date))
            .collect();
        copy.week_loaded(week, loaded(in_week, Vec::new()));
        copy.journal_loaded(week, loaded(sample(), Vec::new()));
        copy
    }

    fn titles(entries: &[Entry]) -> Vec<&str> {
        entries.iter().map(|e| e.title.as_str()).collect()
    }

    fn find<'a>(entries: &'a [Entry], title: &str) -> Option<&'a Entry> {
        entries.iter().find(|e| e.title == title)
    }

    fn problem(file: &str, message: &str) -> Problem {
        Problem::whole_file(std::path::Path::new(file), message)
    }

    #[test]
    fn an_edited_entry_is_merged_where_it_stands_in_both() {
        let mut copy = copy();
        let before = titles(copy.week())
            .iter()
            .map(|t| t.to_string())
            .collect::<Vec<_>>();
        let mut edited = find(copy.week(), "Quote for Birch Ltd turned around same day")
            .unwrap()
            .clone();
        edited.title = "Quote for Birch turned around in four hours".into();
        copy.merge(this_week(), edited.clone());
        let at = before
            .iter()
            .position(|t| t == "Quote for Birch Ltd turned around same day")
            .unwrap();
        assert_eq!(copy.week()[at], edited, "same place in its day");
        assert_eq!(copy.week().len(), before.len());
        assert_eq!(find(copy.known(), &edited.title), Some(&edited));
        assert_eq!(copy.known().len(), sample().len());
    }

    #[test]
    fn an_entry_moved_to_another_week_leaves_this_one() {
        let mut copy = copy();
        let mut moved = find(copy.week(), "Monthly close on time").unwrap().clone();
        moved.date = day(25);
        copy.merge(this_week(), moved.clone());
        assert_eq!(find(copy.week(), "Monthly close on time"), None);
        let known: Vec<&Entry> = copy.known().iter().filter(|e| e.id == moved.id).collect();
        assert_eq!(known, [&moved], "once, on its new day");
        // Shown next: it is there from memory before the read lands.
        copy.show_week(this_week().next());
        assert_eq!(titles(copy.week()), ["Monthly close on time"]);
    }

    #[test]
    fn a_moved_entry_shows_in_its_new_week_before_the_journal_is_read() {
        let week = this_week();
        let mut copy = JournalCopy::default();
        let mut note = entry("2026-11-25-n0t3", Kind::Note, "Next week");
        assert!(
            copy.show_week(week.next()),
            "the week was all that was known"
        );
        assert!(copy.show_in_week(week.next(), &note));
        assert!(!copy.show_in_week(week.next(), &note), "listed once");
        assert_eq!(titles(copy.known()), ["Next week"]);
        note.date = day(18);
        assert!(!copy.show_in_week(week.next(), &note), "not its week");
    }

    #[test]
    fn a_deleted_entry_leaves_both() {
        let mut copy = copy();
        let gone = find(copy.week(), "Team lunch with the new hire")
            .unwrap()
            .id
            .clone();
        copy.remove(&gone);
        assert!(copy.week().iter().all(|e| e.id != gone));
        assert!(copy.known().iter().all(|e| e.id != gone));
        assert_eq!(copy.known().len(), sample().len() - 1);
    }

    #[test]
    fn the_fixed_set_follows_a_fix_saved_and_deleted() {
        let mut copy = copy();
        let standup = find(copy.week(), "Missed the standup").unwrap().id.clone();
        assert!(!copy.fixed_ids().contains(&standup));
        let mut fix = entry("2026-11-19-fx01", Kind::Fix, "Set two alarms");
        fix.fixes = vec![standup.clone()];
        copy.merge(this_week(), fix.clone());
        assert!(copy.fixed_ids().contains(&standup), "the new fix counts");
        copy.remove(&fix.id);
        assert!(
            !copy.fixed_ids().contains(&standup),
            "open again without it"
        );
        // An edit that drops the link opens it too.
        copy.merge(this_week(), fix.clone());
        fix.fixes.clear();
        copy.merge(this_week(), fix);
        assert!(!copy.fixed_ids().contains(&standup));
    }

    #[test]
    fn problems_are_replaced_on_reload() {
        let week = this_week();
        let mut copy = JournalCopy::default();
        let broken = problem("2026/2026-11-18.toml", "broken");
        let elsewhere = problem("2026/2026-10-01.toml", "broken too");
        copy.week_loaded(week, loaded(Vec::new(), vec![broken.clone()]));
        assert_eq!(copy.problems(), std::slice::from_ref(&broken));
        // The background load read the week too: its problem is not doubled.
        copy.journal_loaded(
            week,
            loaded(Vec::new(), vec![broken.clone(), elsewhere.clone()]),
        );
        assert_eq!(copy.problems().len(), 2, "{:?}", copy.problems());
        // The file was fixed: a re-read of the week drops its problem only.
        assert!(copy.week_loaded(week, loaded(Vec::new(), Vec::new())));
        assert_eq!(copy.problems(), [elsewhere]);
        assert!(
            !copy.week_loaded(week, loaded(Vec::new(), Vec::new())),
            "the same read again changes nothing"
        );
    }

    #[test]
    fn a_week_read_replaces_that_week_in_the_whole_journal() {
        let mut copy = copy();
        let week = this_week();
        let fresh = vec![entry("2026-11-20-fr3s", Kind::Met, "Written by the CLI")];
        assert!(copy.week_loaded(week, loaded(fresh.clone(), Vec::new())));
        assert_eq!(copy.week(), fresh.as_slice());
        let in_week: Vec<&Entry> = copy
            .known()
            .iter()
            .filter(|e| week.contains(e.date))
            .collect();
        assert_eq!(in_week, [&fresh[0]]);
        assert!(find(copy.known(), "Forgot the October report").is_some());
    }
}
