//! The weekly report: a summary, then one week's entries sorted into the
//! sections a boss reads, with totals and an up-to-8-week trend. Pure, and
//! judged as of the week's last day: "today" plays no part.

use std::collections::{HashMap, HashSet};

use chrono::NaiveDate;
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use serde_json::{Value, json};

use super::fixed::fixes_by_screwup;
use super::summary::{Summary, still_open};
use super::totals::Totals;
use crate::model::{Currency, Entry, EntryId, Kind, Linked, PromiseStatus, Week};

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

/// Another entry named by a fix link, when it could be found.
#[derive(Debug, Clone, PartialEq)]
pub struct Link {
    pub id: EntryId,
    pub entry: Option<Entry>,
}

/// A fix and the screw-ups it fixed.
#[derive(Debug, Clone, PartialEq)]
pub struct FixLine {
    pub entry: Entry,
    pub fixed: Vec<Link>,
}

/// A screw-up of the week fixed by a fix written in another week.
#[derive(Debug, Clone, PartialEq)]
pub struct ScrewupLine {
    pub entry: Entry,
    pub fixed_by: Vec<Link>,
}

/// The week's promises not shown elsewhere: kept ones are wins and overdue
/// ones need attention.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Promises {
    pub missed: Vec<Entry>,
    /// Still open and not yet overdue, due soonest first; undated last.
    pub open: Vec<Entry>,
}

/// The week's entries as the report shows them, each in one place only:
/// open screw-ups and overdue promises are in the summary's attention list,
/// a screw-up fixed by one of the week's fixes is shown under that fix.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Sections {
    /// Exceeded, met and kept promises, in the order they happened.
    pub wins: Vec<Entry>,
    pub fixes: Vec<FixLine>,
    pub screwups: Vec<ScrewupLine>,
    pub promises: Promises,
    pub notes: Vec<Entry>,
}

/// A week's report. Its JSON (see [`WeeklyReport::to_json`]) is a stable
/// interface: `week`, `start`, `end`, `author`, `summary`, `entries`,
/// `totals`, `trend`.
#[derive(Debug, Clone, PartialEq)]
pub struct WeeklyReport {
    pub week: Week,
    pub author: Author,
    /// The week's entries by date, in the order written within a day.
    pub entries: Vec<Entry>,
    pub totals: Totals,
    pub summary: Summary,
    /// Up to [`TREND_WEEKS`] weeks, oldest first, ending with this one and
    /// starting with the first that has an entry.
    pub trend: Vec<TrendPoint>,
    pub sections: Sections,
    pub currency: Currency,
}

impl WeeklyReport {
    /// The days a report of `week` reads in full: the trend's first day to
    /// the week's last. Before that it needs only what was still open (see
    /// [`WeeklyReport::needs_from_before`]). Later days are left out so an
    /// old week's report says what was true at the end of that week.
    pub fn window(week: Week) -> (NaiveDate, NaiveDate) {
        let first = week.trailing(TREND_WEEKS).first().copied().unwrap_or(week);
        (first.start(), week.end())
    }

    /// Of `earlier` (outlines or whole entries, of any week: those in or
    /// after the window of `week` are passed over), the ids the report of
    /// `week` still needs: screw-ups no earlier fix had named, promises
    /// still open the day before the window, and earlier fixes of screw-ups
    /// not among `earlier`. Everything else there was settled before the
    /// window and can change nothing in the report. (The store passes
    /// outlines, not entries: a 70-year journal has 48,000 of them; the TUI
    /// passes the entries it holds.)
    pub fn needs_from_before<T: Linked>(week: Week, earlier: &[T]) -> HashSet<EntryId> {
        let (start, _) = Self::window(week);
        let Some(before) = start.pred_opt() else {
            return HashSet::new();
        };
        let earlier = || earlier.iter().filter(|o| o.date() <= before);
        let fixed = fixes_by_screwup(earlier(), before);
        let screwups: HashSet<&EntryId> = earlier()
            .filter(|o| o.kind() == Kind::Screwup)
            .map(|o| o.id())
            .collect();
        earlier()
            .filter(|o| match o.kind() {
                Kind::Screwup => !fixed.contains_key(o.id()),
                Kind::Promise => still_open(o.status().unwrap_or_default(), o.closed(), before),
                Kind::Fix => o.fixes().iter().any(|id| !screwups.contains(id)),
                _ => false,
            })
            .map(|o| o.id().clone())
            .collect()
    }

    /// Builds the report of `week` from `entries`, which should hold the
    /// days of [`WeeklyReport::window`] and every earlier entry
    /// [`WeeklyReport::needs_from_before`] names. Entries after the week's end are ignored,
    /// except that any entry may lend its title to a fix link. Everything is
    /// judged as of the week's last day, or `today` while the week is still
    /// running (a promise due on Saturday is not overdue on Friday), so a
    /// past week's report never changes with today.
    pub fn build(
        week: Week,
        entries: &[Entry],
        author: Author,
        currency: Currency,
        today: NaiveDate,
    ) -> WeeklyReport {
        let last_day = week.end();
        let judged_on = last_day.min(today);
        let known: Vec<Entry> = entries
            .iter()
            .filter(|e| e.date <= last_day)
            .map(|e| as_of(e, judged_on))
            .collect();
        let mut in_week: Vec<Entry> = known
            .iter()
            .filter(|e| week.contains(e.date))
            .cloned()
            .collect();
        // Stable: entries of one day keep the order they were written in.
        in_week.sort_by_key(|e| e.date);
        let totals = Totals::of(&in_week);
        let last_week = Totals::of(known.iter().filter(|e| week.prev().contains(e.date)));
        let trend = trend(week, &known);
        let summary = Summary::build(judged_on, &totals, &last_week, &trend, &known);
        let sections = Sections::of(&in_week, entries, &known, &summary);
        WeeklyReport {
            week,
            author,
            totals,
            summary,
            entries: in_week,
            trend,
            sections,
            currency,
        }
    }

    /// The stable JSON object: money in major units, entries as in
    /// `list --format json`, the trend oldest first.
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// `entry` as it stood at the end of `day`: a promise closed later was
/// still open then. (A promise closed before `closed` was recorded keeps
/// its status: there is no telling when it changed.)
fn as_of(entry: &Entry, day: NaiveDate) -> Entry {
    let mut entry = entry.clone();
    if entry.kind == Kind::Promise && entry.closed.is_some_and(|closed| closed > day) {
        entry.status = Some(PromiseStatus::Open);
        entry.closed = None;
    }
    entry
}

/// The trend's weeks up to `week`, from the first with an entry.
fn trend(week: Week, known: &[Entry]) -> Vec<TrendPoint> {
    let weeks = week.trailing(TREND_WEEKS);
    let first = weeks
        .iter()
        .position(|w| known.iter().any(|e| w.contains(e.date)))
        .unwrap_or(weeks.len() - 1);
    weeks[first..]
        .iter()
        .map(|&w| {
            let totals = Totals::of(known.iter().filter(|e| w.contains(e.date)));
            TrendPoint {
                week: w,
                screwups: totals.screwups,
                fixes: totals.fixes,
                wins: totals.wins(),
            }
        })
        .collect()
}

impl Serialize for WeeklyReport {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        Shown {
            report: self,
            attention: usize::MAX,
        }
        .serialize(serializer)
    }
}

impl WeeklyReport {
    /// [`WeeklyReport::to_json`] with only the first `attention` items of
    /// `summary.needs_attention`: what a document shows, for templates,
    /// without encoding thousands of items none of them prints.
    pub fn to_json_showing(&self, attention: usize) -> Value {
        serde_json::to_value(Shown {
            report: self,
            attention,
        })
        .unwrap_or(Value::Null)
    }
}

/// The report as its JSON, with the attention list cut to `attention`.
struct Shown<'a> {
    report: &'a WeeklyReport,
    attention: usize,
}

impl Serialize for Shown<'_> {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let this = self.report;
        let entries: Vec<Value> = this.entries.iter().map(Entry::to_json).collect();
        let mut s = serializer.serialize_struct("WeeklyReport", 8)?;
        s.serialize_field("week", &this.week.label())?;
        s.serialize_field("start", &iso_date(this.week.start()))?;
        s.serialize_field("end", &iso_date(this.week.end()))?;
        s.serialize_field("author", &this.author)?;
        s.serialize_field("summary", &summary_json(&this.summary, self.attention))?;
        s.serialize_field("entries", &entries)?;
        s.serialize_field("totals", &this.totals)?;
        s.serialize_field("trend", &this.trend)?;
        s.end()
    }
}

/// The summary in the report's JSON: money in major units, each attention
/// item with its entry as in `list --format json` (the first `shown`).
fn summary_json(summary: &Summary, shown: usize) -> Value {
    let attention: Vec<Value> = summary
        .attention
        .iter()
        .take(shown)
        .map(|a| {
            json!({
                "concern": a.concern,
                "days": a.days,
                "entry": a.entry.to_json(),
            })
        })
        .collect();
    json!({
        "revenue_won": summary.won,
        "revenue_protected": summary.protected,
        "revenue_lost": summary.lost,
        "wins": summary.wins,
        "screwups": summary.screwups,
        "direction": summary.direction,
        "needs_attention": attention,
        "as_of": iso_date(summary.as_of),
    })
}

/// Fixes of one screw-up stand together, where the first of them was
/// written, so the screw-up is named once and the next says "the same".
fn group_fixes(fixes: &mut [FixLine]) {
    let mut first_of: HashMap<&EntryId, usize> = HashMap::new();
    for (i, fix) in fixes.iter().enumerate() {
        if let Some(id) = fix.entry.fixes.first() {
            first_of.entry(id).or_insert(i);
        }
    }
    let group: Vec<usize> = fixes
        .iter()
        .enumerate()
        .map(|(i, fix)| {
            let first = fix.entry.fixes.first().and_then(|id| first_of.get(id));
            first.copied().unwrap_or(i)
        })
        .collect();
    let mut order: Vec<usize> = (0..fixes.len()).collect();
    order.sort_by_key(|&i| (group[i], i));
    crate::model::permute(fixes, order);
}

impl Sections {
    /// `week` are the week's entries; `all` may lend titles to links;
    /// `known` (up to the week's end) decides what is fixed.
    fn of(week: &[Entry], all: &[Entry], known: &[Entry], summary: &Summary) -> Sections {
        let by_id: HashMap<&EntryId, &Entry> = all.iter().map(|e| (&e.id, e)).collect();
        let link = |id: &EntryId| Link {
            id: id.clone(),
            entry: by_id.get(id).map(|e| (*e).clone()),
        };
        // `known` ends with the week, so every fix in it counts.
        let fixed = fixes_by_screwup(known, NaiveDate::MAX);
        let attention: HashSet<&EntryId> = summary.attention.iter().map(|a| &a.entry.id).collect();
        let shown_under_a_fix: HashSet<&EntryId> = week
            .iter()
            .filter(|e| e.kind == Kind::Fix)
            .flat_map(|e| e.fixes.iter())
            .collect();
        let mut sections = Sections::default();
        for entry in week {
            if attention.contains(&entry.id) {
                continue;
            }
            match (entry.kind, entry.promise_status()) {
                (Kind::Exceeded | Kind::Met, _) | (Kind::Promise, Some(PromiseStatus::Kept)) => {
                    sections.wins.push(entry.clone())
                }
                (Kind::Fix, _) => sections.fixes.push(FixLine {
                    entry: entry.clone(),
                    fixed: entry.fixes.iter().map(link).collect(),
                }),
                (Kind::Screwup, _) if shown_under_a_fix.contains(&entry.id) => {}
                (Kind::Screwup, _) => sections.screwups.push(ScrewupLine {
                    entry: entry.clone(),
                    fixed_by: fixed
                        .get(&entry.id)
                        .map(|fixes| fixes.iter().map(|f| link(&f.id)).collect())
                        .unwrap_or_default(),
                }),
                (Kind::Promise, Some(PromiseStatus::Missed)) => {
                    sections.promises.missed.push(entry.clone())
                }
                (Kind::Promise, _) => sections.promises.open.push(entry.clone()),
                (Kind::Note, _) => sections.notes.push(entry.clone()),
            }
        }
        // Due soon first; no due date sorts last.
        sections
            .promises
            .open
            .sort_by_key(|e| (e.due.is_none(), e.due));
        group_fixes(&mut sections.fixes);
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
    use crate::report::summary::Concern;
    use crate::report::test_entries::{day, entry};

    fn w47() -> Week {
        Week::containing(day(2026, 11, 18), WeekStart::Monday)
    }

    fn build(entries: &[Entry]) -> WeeklyReport {
        WeeklyReport::build(
            w47(),
            entries,
            Author::default(),
            Currency::default(),
            NaiveDate::MAX,
        )
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
            day(2026, 11, 25),
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
                "week", "start", "end", "author", "summary", "entries", "totals", "trend"
            ]
        );
        assert_eq!(json["week"], json!("2026-W47"));
        assert_eq!(json["start"], json!("2026-11-16"));
        assert_eq!(json["end"], json!("2026-11-22"));
        assert_eq!(json["author"], json!({"name": "Ada", "role": "AM"}));
        assert_eq!(json["entries"].as_array().map(Vec::len), Some(1));
        assert_eq!(json["totals"]["revenue_won"], json!(5000));
        assert_eq!(
            json["summary"]["revenue_won"],
            json!({"this_week": 5000, "last_week": 0, "change": 5000})
        );
        assert_eq!(json["summary"]["direction"], json!("better"));
        assert_eq!(
            json["summary"]["needs_attention"][0]["concern"],
            json!("open_screwup")
        );
        assert_eq!(json["summary"]["needs_attention"][0]["days"], json!(52));
        // The trend starts at the first week with an entry (W40).
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
    fn the_trend_starts_at_the_first_week_with_an_entry() {
        let report = build(&[
            entry("2026-11-10-aaaa", Kind::Note, "First"),
            entry("2026-11-18-bbbb", Kind::Met, "Second"),
        ]);
        let weeks: Vec<String> = report.trend.iter().map(|p| p.week.label()).collect();
        assert_eq!(weeks, ["2026-W46", "2026-W47"]);
        assert_eq!(build(&[]).trend.len(), 1);
    }

    #[test]
    fn each_entry_is_shown_in_one_place() {
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
        let mut kept = entry("2026-11-16-kkkk", Kind::Promise, "Sent it");
        kept.status = Some(PromiseStatus::Kept);
        let report = build(&[before, this_week, open, fix, later_fix, kept]);
        let fixes = &report.sections.fixes[0];
        let titles: Vec<Option<&str>> = fixes
            .fixed
            .iter()
            .map(|l| l.entry.as_ref().map(|e| e.title.as_str()))
            .collect();
        assert_eq!(titles, [Some("Forgot the call"), Some("Late again")]);
        // "Late again" is under its fix; "Wrong adapter" was fixed only
        // after the week ended, so it needs attention, not a section line.
        assert!(report.sections.screwups.is_empty());
        let attention: Vec<&str> = report
            .summary
            .attention
            .iter()
            .map(|a| a.entry.title.as_str())
            .collect();
        assert_eq!(attention, ["Wrong adapter"]);
        // A kept promise is a win, and only that.
        assert_eq!(report.sections.wins.len(), 1);
        assert_eq!(report.sections.promises, Promises::default());
    }

    #[test]
    fn a_screwup_fixed_in_another_week_names_its_fix() {
        let screwup = entry("2026-11-20-ssss", Kind::Screwup, "Wrong labels");
        let mut fix = entry("2026-11-22-ffff", Kind::Fix, "Label check");
        fix.fixes = vec![screwup.id.clone()];
        let report = WeeklyReport::build(
            w47().next(),
            &[screwup.clone(), fix.clone()],
            Author::default(),
            Currency::default(),
            NaiveDate::MAX,
        );
        assert!(report.sections.screwups.is_empty());
        let report = build(&[screwup]);
        assert_eq!(report.summary.attention.len(), 1);
    }

    #[test]
    fn a_promise_closed_after_the_week_was_open_in_it() {
        let mut kept_late = entry("2026-11-16-aaaa", Kind::Promise, "Kept late");
        kept_late.due = Some(day(2026, 11, 18));
        kept_late.status = Some(PromiseStatus::Kept);
        kept_late.closed = Some(day(2026, 11, 25));
        let mut kept_in_time = entry("2026-11-16-bbbb", Kind::Promise, "Kept in time");
        kept_in_time.status = Some(PromiseStatus::Kept);
        kept_in_time.closed = Some(day(2026, 11, 20));
        let report = build(&[kept_late, kept_in_time]);
        let wins: Vec<&str> = report
            .sections
            .wins
            .iter()
            .map(|e| e.title.as_str())
            .collect();
        assert_eq!(wins, ["Kept in time"]);
        assert_eq!(report.summary.attention[0].entry.title, "Kept late");
        assert_eq!(report.summary.attention[0].concern, Concern::OverduePromise);
        assert_eq!(
            (report.totals.promises_kept, report.totals.promises_open),
            (1, 1)
        );
    }

    #[test]
    fn a_running_week_is_judged_as_of_today() {
        let mut due_saturday = entry("2026-11-16-aaaa", Kind::Promise, "Due Saturday");
        due_saturday.due = Some(day(2026, 11, 21));
        let entries = [due_saturday];
        let friday = WeeklyReport::build(
            w47(),
            &entries,
            Author::default(),
            Currency::default(),
            day(2026, 11, 20),
        );
        assert!(friday.summary.attention.is_empty());
        assert_eq!(friday.sections.promises.open.len(), 1);
        assert_eq!(friday.summary.as_of, day(2026, 11, 20));
        let later = build(&entries);
        assert_eq!(later.summary.attention[0].days, 1);
        assert_eq!(later.summary.as_of, day(2026, 11, 22));
    }

    #[test]
    fn open_promises_due_soonest_first_and_overdue_ones_need_attention() {
        let mut late = entry("2026-11-16-aaaa", Kind::Promise, "Later");
        late.due = Some(day(2026, 11, 30));
        let undated = entry("2026-11-16-bbbb", Kind::Promise, "Whenever");
        let mut soon = entry("2026-11-17-cccc", Kind::Promise, "Soon");
        soon.due = Some(day(2026, 11, 22));
        let mut overdue = entry("2026-11-17-dddd", Kind::Promise, "Overdue");
        overdue.due = Some(day(2026, 11, 21));
        let report = build(&[late, undated, soon, overdue]);
        let titles: Vec<&str> = report
            .sections
            .promises
            .open
            .iter()
            .map(|e| e.title.as_str())
            .collect();
        assert_eq!(titles, ["Soon", "Later", "Whenever"]);
        assert_eq!(report.summary.attention[0].entry.title, "Overdue");
    }
}
