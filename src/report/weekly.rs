//! The weekly report: one week's entries sorted into the sections a boss
//! reads, with totals and an 8-week trend. Pure: entries and "today" come in.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use serde_json::Value;

use super::totals::Totals;
use crate::model::{Currency, Entry, EntryId, Kind, PromiseStatus, Week};

/// How many weeks the trend covers, the report's own week last.
pub const TREND_WEEKS: usize = 8;

/// Who wrote the report (config `name` and `role`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Author {
    pub name: String,
    pub role: String,
}

/// One week of the trend.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendPoint {
    #[serde(serialize_with = "week_label")]
    pub week: Week,
    pub screwups: u32,
    pub fixes: u32,
    /// Exceeded + met + promises kept.
    pub wins: u32,
}

/// Another entry named by a fix link, with its title when it could be found.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub id: EntryId,
    pub title: Option<String>,
    pub date: Option<NaiveDate>,
}

/// A fix and the screw-ups it fixed.
#[derive(Debug, Clone, PartialEq)]
pub struct FixLine {
    pub entry: Entry,
    pub fixed: Vec<Link>,
}

/// A screw-up and the fixes that fixed it (empty: still open).
#[derive(Debug, Clone, PartialEq)]
pub struct ScrewupLine {
    pub entry: Entry,
    pub fixed_by: Vec<Link>,
}

/// The week's promises by where they stand.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Promises {
    pub kept: Vec<Entry>,
    pub missed: Vec<Entry>,
    /// Due soonest first; those without a due date last.
    pub open: Vec<Entry>,
}

/// The week's entries as the report shows them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sections {
    /// Exceeded, met and kept promises, in the order they happened.
    pub highlights: Vec<Entry>,
    pub fixes: Vec<FixLine>,
    pub screwups: Vec<ScrewupLine>,
    pub promises: Promises,
    pub notes: Vec<Entry>,
}

/// A week's report. Its JSON (see [`WeeklyReport::to_json`]) is a stable
/// interface: `week`, `start`, `end`, `author`, `entries`, `totals`, `trend`.
#[derive(Debug, Clone, PartialEq)]
pub struct WeeklyReport {
    pub week: Week,
    pub author: Author,
    /// The week's entries by date, in the order written within a day.
    pub entries: Vec<Entry>,
    pub totals: Totals,
    /// [`TREND_WEEKS`] weeks, oldest first, ending with this one.
    pub trend: Vec<TrendPoint>,
    pub sections: Sections,
    pub currency: Currency,
    /// The day the report was made, for marking open promises overdue.
    pub today: NaiveDate,
}

impl WeeklyReport {
    /// The days a report of `week` reads: the trend's first day to the
    /// week's last. Later days are left out so an old week's report says
    /// what was true at the end of that week.
    pub fn window(week: Week) -> (NaiveDate, NaiveDate) {
        let first = week.trailing(TREND_WEEKS).first().copied().unwrap_or(week);
        (first.start(), week.end())
    }

    /// Builds the report of `week` from `entries`, which should hold at
    /// least the days of [`WeeklyReport::window`] (more are ignored, except
    /// that any entry may lend its title to a fix link).
    pub fn build(
        week: Week,
        entries: &[Entry],
        author: Author,
        currency: Currency,
        today: NaiveDate,
    ) -> WeeklyReport {
        let (first_day, last_day) = WeeklyReport::window(week);
        let mut in_week: Vec<Entry> = entries
            .iter()
            .filter(|e| week.contains(e.date))
            .cloned()
            .collect();
        // Stable: entries of one day keep the order they were written in.
        in_week.sort_by_key(|e| e.date);
        let trend = week
            .trailing(TREND_WEEKS)
            .into_iter()
            .map(|w| {
                let totals = Totals::of(entries.iter().filter(|e| w.contains(e.date)));
                TrendPoint {
                    week: w,
                    screwups: totals.screwups,
                    fixes: totals.fixes,
                    wins: totals.wins(),
                }
            })
            .collect();
        let visible: Vec<&Entry> = entries
            .iter()
            .filter(|e| e.date >= first_day && e.date <= last_day)
            .collect();
        let sections = Sections::of(&in_week, entries, &visible);
        WeeklyReport {
            week,
            author,
            totals: Totals::of(&in_week),
            entries: in_week,
            trend,
            sections,
            currency,
            today,
        }
    }

    /// The stable JSON object: money in major units, entries as in
    /// `list --format json`, the trend oldest first.
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

impl Serialize for WeeklyReport {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let entries: Vec<Value> = self.entries.iter().map(Entry::to_json).collect();
        let mut s = serializer.serialize_struct("WeeklyReport", 7)?;
        s.serialize_field("week", &self.week.label())?;
        s.serialize_field("start", &iso_date(self.week.start()))?;
        s.serialize_field("end", &iso_date(self.week.end()))?;
        s.serialize_field("author", &self.author)?;
        s.serialize_field("entries", &entries)?;
        s.serialize_field("totals", &self.totals)?;
        s.serialize_field("trend", &self.trend)?;
        s.end()
    }
}

impl Sections {
    /// `week` are the week's entries; `all` may lend titles to links to
    /// older screw-ups; only fixes in `visible` (up to the week's end) count
    /// as fixing a screw-up.
    fn of(week: &[Entry], all: &[Entry], visible: &[&Entry]) -> Sections {
        let by_id: HashMap<&EntryId, &Entry> = all.iter().map(|e| (&e.id, e)).collect();
        let link = |id: &EntryId| {
            let found = by_id.get(id);
            Link {
                id: id.clone(),
                title: found.map(|e| e.title.clone()),
                date: found.map(|e| e.date),
            }
        };
        let mut sections = Sections::default();
        for entry in week {
            match (entry.kind, entry.promise_status()) {
                (Kind::Exceeded | Kind::Met, _) => sections.highlights.push(entry.clone()),
                (Kind::Fix, _) => sections.fixes.push(FixLine {
                    entry: entry.clone(),
                    fixed: entry.fixes.iter().map(link).collect(),
                }),
                (Kind::Screwup, _) => {
                    let fixed_by = visible
                        .iter()
                        .filter(|fix| fix.kind == Kind::Fix && fix.fixes.contains(&entry.id))
                        .map(|fix| link(&fix.id))
                        .collect();
                    sections.screwups.push(ScrewupLine {
                        entry: entry.clone(),
                        fixed_by,
                    });
                }
                (Kind::Promise, Some(PromiseStatus::Kept)) => {
                    sections.highlights.push(entry.clone());
                    sections.promises.kept.push(entry.clone());
                }
                (Kind::Promise, Some(PromiseStatus::Missed)) => {
                    sections.promises.missed.push(entry.clone())
                }
                (Kind::Promise, _) => sections.promises.open.push(entry.clone()),
                (Kind::Note, _) => sections.notes.push(entry.clone()),
            }
        }
        // Due soon first; no due date sorts last (None > Some after the map).
        sections
            .promises
            .open
            .sort_by_key(|e| (e.due.is_none(), e.due));
        sections
    }
}

pub fn iso_date(date: NaiveDate) -> String {
    date.format("%Y-%m-%d").to_string()
}

fn week_label<S: Serializer>(week: &Week, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&week.label())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::model::{Money, WeekStart};
    use crate::report::test_entries::{day, entry};

    fn w47() -> Week {
        Week::containing(day(2026, 11, 18), WeekStart::Monday)
    }

    #[test]
    fn window_is_the_trend_weeks_up_to_the_end_of_the_week() {
        assert_eq!(
            WeeklyReport::window(w47()),
            (day(2026, 9, 28), day(2026, 11, 22))
        );
    }

    #[test]
    fn json_has_the_stable_shape() {
        let mut won = entry("2026-11-17-aaaa", Kind::Exceeded, "Quote");
        won.revenue = Some(Money(500_000));
        let old = entry("2026-10-01-bbbb", Kind::Screwup, "Old");
        let report = WeeklyReport::build(
            w47(),
            &[old, won],
            Author {
                name: "Ada".into(),
                role: "AM".into(),
            },
            Currency::default(),
            day(2026, 11, 22),
        );
        let json = report.to_json();
        let keys: Vec<&str> = json
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "week", "start", "end", "author", "entries", "totals", "trend"
            ]
        );
        assert_eq!(json["week"], json!("2026-W47"));
        assert_eq!(json["start"], json!("2026-11-16"));
        assert_eq!(json["end"], json!("2026-11-22"));
        assert_eq!(json["author"], json!({"name": "Ada", "role": "AM"}));
        assert_eq!(json["entries"].as_array().map(Vec::len), Some(1));
        assert_eq!(json["totals"]["revenue_won"], json!(5000));
        let trend = json["trend"].as_array().expect("trend");
        assert_eq!(trend.len(), 8);
        assert_eq!(
            trend[0],
            json!({"week": "2026-W40", "screwups": 1, "fixes": 0, "wins": 0})
        );
        assert_eq!(
            trend[7],
            json!({"week": "2026-W47", "screwups": 0, "fixes": 0, "wins": 1})
        );
    }

    #[test]
    fn screwups_know_their_fixes_and_fixes_their_screwups() {
        let mut fix = entry("2026-11-19-ffff", Kind::Fix, "Alerts");
        fix.fixes = vec![
            "2026-11-10-ssss".parse().expect("id"),
            "2026-11-16-tttt".parse().expect("id"),
        ];
        let before = entry("2026-11-10-ssss", Kind::Screwup, "Forgot the call");
        let this_week = entry("2026-11-16-tttt", Kind::Screwup, "Late again");
        let open = entry("2026-11-17-uuuu", Kind::Screwup, "Wrong adapter");
        let mut later_fix = entry("2026-11-24-vvvv", Kind::Fix, "Labelled bins");
        later_fix.fixes = vec![open.id.clone()];
        let entries = [before, this_week, open, fix, later_fix];
        let report = WeeklyReport::build(
            w47(),
            &entries,
            Author::default(),
            Currency::default(),
            day(2026, 11, 22),
        );
        let fixes = &report.sections.fixes[0];
        let titles: Vec<Option<&str>> = fixes.fixed.iter().map(|l| l.title.as_deref()).collect();
        assert_eq!(titles, [Some("Forgot the call"), Some("Late again")]);
        let screwups = &report.sections.screwups;
        assert_eq!(screwups[0].fixed_by[0].title.as_deref(), Some("Alerts"));
        // Fixed only after the week ended: still open in this week's report.
        assert!(screwups[1].fixed_by.is_empty());
    }

    #[test]
    fn open_promises_due_soonest_first() {
        let mut late = entry("2026-11-16-aaaa", Kind::Promise, "Later");
        late.due = Some(day(2026, 11, 30));
        let undated = entry("2026-11-16-bbbb", Kind::Promise, "Whenever");
        let mut soon = entry("2026-11-17-cccc", Kind::Promise, "Soon");
        soon.due = Some(day(2026, 11, 20));
        let report = WeeklyReport::build(
            w47(),
            &[late, undated, soon],
            Author::default(),
            Currency::default(),
            day(2026, 11, 22),
        );
        let titles: Vec<&str> = report
            .sections
            .promises
            .open
            .iter()
            .map(|e| e.title.as_str())
            .collect();
        assert_eq!(titles, ["Soon", "Later", "Whenever"]);
    }

    #[test]
    fn kept_promises_are_highlights_too() {
        let mut kept = entry("2026-11-16-aaaa", Kind::Promise, "Sent it");
        kept.status = Some(PromiseStatus::Kept);
        let met = entry("2026-11-18-bbbb", Kind::Met, "On time");
        let note = entry("2026-11-18-cccc", Kind::Note, "Noted");
        let report = WeeklyReport::build(
            w47(),
            &[kept, met, note],
            Author::default(),
            Currency::default(),
            day(2026, 11, 22),
        );
        assert_eq!(report.sections.highlights.len(), 2);
        assert_eq!(report.sections.promises.kept.len(), 1);
        assert_eq!(report.sections.notes.len(), 1);
        assert_eq!(report.trend[7].wins, 2);
    }
}
