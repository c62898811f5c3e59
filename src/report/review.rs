//! The review-season document: a quarter, a half, a year or any range, with
//! totals against the period before, the best accomplishments (from the
//! bullets composer), impact per customer, reliability over the period,
//! adoption credits and the stories. Pure: entries come in, data comes out;
//! nothing depends on today, so a past period's review never changes.

use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;

use chrono::{Datelike, Duration, Months, NaiveDate};
use serde::Serialize;
use serde_json::{Value, json};

use super::ReportError;
use super::bullets::Bullet;
use super::bullets::{Bullets, Period};
use super::customers::{CustomerLine, customer_key, customers, money_lines};
use super::fixed::fixes_by_screwup;
use super::render::{Format, write_json};
use super::stories::{Story, in_stories, stories};
use super::templates::{Templates, context_with_list};
use super::totals::Totals;
use super::weekly::{Author, iso_date};
use crate::model::{Currency, Entry, EntryId, Kind, Money, PromiseStatus};

/// How many accomplishments the review lists.
pub const ACCOMPLISHMENTS: usize = 10;

/// A named span of days: `2026-Q4`, `2026-H2`, `2026`, or `since – until`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReviewPeriod {
    pub label: String,
    pub since: NaiveDate,
    pub until: NaiveDate,
    shape: Shape,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Shape {
    Quarter(i32, u32),
    Half(i32, u32),
    Year(i32),
    Range,
}

impl ReviewPeriod {
    /// `2026-Q4` (case-insensitive).
    pub fn quarter(text: &str) -> Option<ReviewPeriod> {
        let (year, n) = split(text, 'Q')?;
        (1..=4)
            .contains(&n)
            .then(|| Self::of(Shape::Quarter(year, n)))?
    }

    /// `2026-H2` (case-insensitive).
    pub fn half(text: &str) -> Option<ReviewPeriod> {
        let (year, n) = split(text, 'H')?;
        (1..=2)
            .contains(&n)
            .then(|| Self::of(Shape::Half(year, n)))?
    }

    pub fn year(year: i32) -> Option<ReviewPeriod> {
        Self::of(Shape::Year(year))
    }

    /// Any range of days, both ends included.
    pub fn range(since: NaiveDate, until: NaiveDate) -> Option<ReviewPeriod> {
        (since <= until).then(|| ReviewPeriod {
            label: format!("{} to {}", iso_date(since), iso_date(until)),
            since,
            until,
            shape: Shape::Range,
        })
    }

    /// The quarter that holds `day`.
    pub fn quarter_of(day: NaiveDate) -> Option<ReviewPeriod> {
        Self::of(Shape::Quarter(day.year(), day.month0() / 3 + 1))
    }

    fn of(shape: Shape) -> Option<ReviewPeriod> {
        let (year, first_month, months, label) = match shape {
            Shape::Quarter(y, q) => (y, (q - 1) * 3 + 1, 3, format!("{y}-Q{q}")),
            Shape::Half(y, h) => (y, (h - 1) * 6 + 1, 6, format!("{y}-H{h}")),
            Shape::Year(y) => (y, 1, 12, format!("{y}")),
            Shape::Range => return None,
        };
        if !(1..=9999).contains(&year) {
            return None;
        }
        let since = NaiveDate::from_ymd_opt(year, first_month, 1)?;
        let until = since.checked_add_months(Months::new(months))? - Duration::days(1);
        Some(ReviewPeriod {
            label,
            since,
            until,
            shape,
        })
    }

    /// The period just before: the previous quarter, half or year, or as
    /// many days just before a range. `None` before the year 1.
    pub fn previous(&self) -> Option<ReviewPeriod> {
        match self.shape {
            Shape::Quarter(y, 1) => Self::of(Shape::Quarter(y - 1, 4)),
            Shape::Quarter(y, q) => Self::of(Shape::Quarter(y, q - 1)),
            Shape::Half(y, 1) => Self::of(Shape::Half(y - 1, 2)),
            Shape::Half(y, h) => Self::of(Shape::Half(y, h - 1)),
            Shape::Year(y) => Self::of(Shape::Year(y - 1)),
            Shape::Range => {
                let days = (self.until - self.since).num_days();
                let until = self.since.pred_opt()?;
                let since = until.checked_sub_signed(Duration::days(days))?;
                Self::range(since, until)
            }
        }
    }

    pub fn contains(&self, day: NaiveDate) -> bool {
        day >= self.since && day <= self.until
    }

    fn json(&self) -> Value {
        json!({"label": self.label, "since": iso_date(self.since), "until": iso_date(self.until)})
    }
}

fn split(text: &str, letter: char) -> Option<(i32, u32)> {
    let upper = text.trim().to_ascii_uppercase();
    let (year, n) = upper.split_once(&format!("-{letter}"))?;
    if year.len() != 4 || n.len() != 1 {
        return None;
    }
    Some((year.parse().ok()?, n.parse().ok()?))
}

/// The days a review of `period` reads: the period before it, the period,
/// and the six days after that the bullets composer looks at.
pub fn window(period: &ReviewPeriod) -> (NaiveDate, NaiveDate) {
    let start = period.previous().map_or(period.since, |p| p.since);
    let (_, end) = Bullets::window(Period {
        since: period.since,
        until: period.until,
    });
    (start, end)
}

/// One row of the totals table: this period, the one before, the change.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Change {
    pub label: &'static str,
    /// `count`, `money` (major units) or `hours`.
    pub unit: &'static str,
    #[serde(serialize_with = "number")]
    pub current: f64,
    #[serde(serialize_with = "number")]
    pub previous: f64,
    #[serde(serialize_with = "number")]
    pub change: f64,
}

struct Number(f64);

impl Serialize for Number {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        number(&self.0, serializer)
    }
}

/// Whole numbers as JSON integers (`1200`), others as they are (`1200.5`),
/// as money is written everywhere else.
fn number<S: serde::Serializer>(value: &f64, serializer: S) -> Result<S::Ok, S::Error> {
    if value.fract() == 0.0 && value.abs() < 9e15 {
        serializer.serialize_i64(*value as i64)
    } else {
        serializer.serialize_f64(*value)
    }
}

/// Promises and screw-ups for a stretch of the period.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Reliability {
    pub label: String,
    /// Promises due in the stretch (or made in it, when they have no due day).
    pub promises: u32,
    pub kept: u32,
    /// Kept with `closed <= due`.
    pub kept_on_time: u32,
    /// Kept, but closed before the journal recorded the day.
    pub kept_undated: u32,
    pub missed: u32,
    pub open: u32,
    pub screwups: u32,
    /// Screw-ups a fix dated by the period's end names.
    pub fixed: u32,
    /// The median of days from a screw-up to its first fix.
    pub median_days_to_fix: Option<f64>,
}

/// Someone who took up your work, and what.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Adoption {
    pub who: String,
    pub entries: Vec<Value>,
}

/// The review. Its JSON ([`Review::to_json`]) is a stable interface.
#[derive(Debug, Clone)]
pub struct Review {
    pub period: ReviewPeriod,
    pub previous: Option<ReviewPeriod>,
    pub author: Author,
    pub currency: Currency,
    pub totals: Totals,
    pub changes: Vec<Change>,
    pub accomplishments: Bullets,
    pub customers: Vec<CustomerLine>,
    pub reliability: Reliability,
    /// Months for a period up to half a year, quarters beyond.
    pub reliability_trend: Vec<Reliability>,
    pub adoption: Vec<Adoption>,
    /// Shared with the template that reads them one at a time.
    pub stories: Arc<Vec<Story>>,
}

/// The review's JSON, borrowed from the [`Review`]: serialised straight to
/// the output, or to a [`Value`] without `stories` for the templates, which
/// read the stories lazily (as one value they took over 100 MB at 100k).
#[derive(Serialize)]
struct ReviewJson<'a> {
    period: Value,
    previous: Option<Value>,
    author: &'a Author,
    currency: &'a str,
    totals: &'a Totals,
    money: Value,
    changes: &'a [Change],
    accomplishments: &'a [Bullet],
    customers: &'a [CustomerLine],
    reliability: &'a Reliability,
    reliability_trend: &'a [Reliability],
    adoption: &'a [Adoption],
    #[serde(skip_serializing_if = "Option::is_none")]
    stories: Option<&'a [Story]>,
}

impl Review {
    /// Builds the review of `period` from `entries`, which should hold the
    /// days of [`window`]; entries outside it are ignored. They are taken,
    /// so that those no story needs are freed before the stories are built:
    /// a review of decades holds the whole journal.
    pub fn build(
        period: ReviewPeriod,
        mut entries: Vec<Entry>,
        author: Author,
        currency: Currency,
    ) -> Review {
        let previous = period.previous();
        let mut review = {
            let in_period: Vec<&Entry> =
                entries.iter().filter(|e| period.contains(e.date)).collect();
            let before: Vec<&Entry> = previous.as_ref().map_or_else(Vec::new, |p| {
                entries.iter().filter(|e| p.contains(e.date)).collect()
            });
            let upto: Vec<&Entry> = entries.iter().filter(|e| e.date <= period.until).collect();
            let bullets_period = Period {
                since: period.since,
                until: period.until,
            };
            let accomplishments =
                Bullets::build(&entries, bullets_period, &currency).limit(ACCOMPLISHMENTS);
            let ledger = Ledger::of(&in_period, &upto);
            let reliability = ledger.reliability(&period.label, &period);
            let reliability_trend = stretches(&period)
                .into_iter()
                .map(|stretch| ledger.reliability(&stretch.label, &stretch))
                .collect();
            Review {
                changes: changes(&in_period, &before),
                totals: Totals::of(in_period.iter().copied()),
                accomplishments,
                customers: customers(in_period.iter().copied()),
                reliability,
                reliability_trend,
                adoption: adoption(&in_period),
                stories: Arc::default(),
                period: period.clone(),
                previous,
                author,
                currency,
            }
        };
        entries.retain(|e| period.contains(e.date) && in_stories(e));
        entries.shrink_to_fit();
        review.stories = Arc::new(stories(&entries, Some(period.until), &review.currency));
        review
    }

    /// `{"period", "previous", "author", "totals", "money", "changes",
    /// "accomplishments", "customers", "reliability", "reliability_trend",
    /// "adoption", "stories"}`; money in major units.
    pub fn to_json(&self) -> Value {
        serde_json::to_value(self.json(true)).unwrap_or(Value::Null)
    }

    fn json(&self, with_stories: bool) -> ReviewJson<'_> {
        let find = |label: &str| {
            self.changes
                .iter()
                .find(|c| c.label == label)
                .map_or(0.0, |c| c.current)
        };
        let n = |label: &str| serde_json::to_value(Number(find(label))).unwrap_or(Value::Null);
        ReviewJson {
            period: self.period.json(),
            previous: self.previous.as_ref().map(ReviewPeriod::json),
            author: &self.author,
            currency: self.currency.code(),
            totals: &self.totals,
            money: json!({
                "won": n("Revenue won"),
                "protected": n("Revenue protected"),
                "lost": n("Revenue lost"),
            }),
            changes: &self.changes,
            accomplishments: &self.accomplishments.bullets,
            customers: &self.customers,
            reliability: &self.reliability,
            reliability_trend: &self.reliability_trend,
            adoption: &self.adoption,
            stories: with_stories.then_some(self.stories.as_slice()),
        }
    }

    /// The review in `format`: JSON straight from the data, the others
    /// through `review.md`, `review.txt` or `review.html`, whose context is
    /// the JSON (so a user's template sees exactly the documented keys).
    pub fn render(&self, format: Format, templates: &Templates) -> Result<String, ReportError> {
        let mut out = Vec::new();
        self.write(format, templates, &mut out)?;
        String::from_utf8(out).map_err(|err| ReportError::Write(std::io::Error::other(err)))
    }

    /// [`Review::render`] into `out` as it is made, the stories one at a
    /// time, so a review of decades is never held whole.
    pub fn write(
        &self,
        format: Format,
        templates: &Templates,
        out: &mut dyn Write,
    ) -> Result<(), ReportError> {
        if format == Format::Json {
            return write_json(&self.json(true), out);
        }
        let json = serde_json::to_value(self.json(false)).unwrap_or(Value::Null);
        let context = context_with_list(&json, "stories", Arc::clone(&self.stories));
        let name = format!("review.{}", format.extension());
        templates.render_to(&name, context, &self.currency, out)
    }
}

/// What each period adds up to, side by side.
fn changes(current: &[&Entry], previous: &[&Entry]) -> Vec<Change> {
    let sum = |entries: &[&Entry]| {
        let totals = Totals::of(entries.iter().copied());
        let (mut won, mut protected, mut lost) = (Money::ZERO, Money::ZERO, Money::ZERO);
        for entry in entries {
            let (w, p, l) = money_lines(entry);
            won += w;
            protected += p;
            lost += l;
        }
        let major = |m: Money| m.as_major_f64();
        [
            ("Screw-ups", "count", f64::from(totals.screwups)),
            ("Fixes", "count", f64::from(totals.fixes)),
            ("Exceeded", "count", f64::from(totals.exceeded)),
            ("Met", "count", f64::from(totals.met)),
            ("Promises kept", "count", f64::from(totals.promises_kept)),
            (
                "Promises missed",
                "count",
                f64::from(totals.promises_missed),
            ),
            ("Revenue won", "money", major(won)),
            ("Revenue protected", "money", major(protected)),
            ("Revenue lost", "money", major(lost)),
            ("Cost saved", "money", major(totals.cost_saved)),
            ("Hours saved", "hours", totals.hours_saved),
            ("Reach", "count", totals.reach as f64),
        ]
    };
    sum(current)
        .into_iter()
        .zip(sum(previous))
        .map(|((label, unit, current), (_, _, previous))| Change {
            label,
            unit,
            current,
            previous,
            // Rounded to cents so 0.1 + 0.2 shows as 0.3.
            change: ((current - previous) * 100.0).round() / 100.0,
        })
        .collect()
}

/// The period's months (up to half a year) or quarters.
fn stretches(period: &ReviewPeriod) -> Vec<ReviewPeriod> {
    let monthly = (period.until - period.since).num_days() <= 184;
    let mut out = Vec::new();
    let mut day = period.since;
    while day <= period.until {
        let stretch = if monthly {
            let first = day.with_day(1).unwrap_or(day);
            let end = first
                .checked_add_months(Months::new(1))
                .map_or(period.until, |d| d - Duration::days(1));
            ReviewPeriod {
                label: first.format("%Y-%m").to_string(),
                since: day,
                until: end.min(period.until),
                shape: Shape::Range,
            }
        } else {
            match ReviewPeriod::quarter_of(day) {
                Some(q) => ReviewPeriod {
                    since: day,
                    until: q.until.min(period.until),
                    ..q
                },
                None => break,
            }
        };
        match stretch.until.succ_opt() {
            Some(next) => day = next,
            None => {
                out.push(stretch);
                break;
            }
        }
        out.push(stretch);
    }
    out
}

/// What the reliability lines count, read from the entries once for the
/// period and every stretch of its trend (a review of decades has hundreds
/// of stretches): promises by the day they fall due (or were made, with no
/// due day) and screw-ups by their day, each sorted so a stretch takes its
/// slice by binary search.
struct Ledger {
    promises: Vec<DatedPromise>,
    /// A screw-up's day and the day of its first fix, from fixes dated by
    /// the period's end.
    screwups: Vec<(NaiveDate, Option<NaiveDate>)>,
}

struct DatedPromise {
    falls_on: NaiveDate,
    status: PromiseStatus,
    closed: Option<NaiveDate>,
    due: Option<NaiveDate>,
}

impl Ledger {
    /// `in_period`: the period's entries; `upto`: every entry to its end.
    fn of(in_period: &[&Entry], upto: &[&Entry]) -> Ledger {
        let mut promises: Vec<DatedPromise> = in_period
            .iter()
            .filter(|e| e.kind == Kind::Promise)
            .map(|p| DatedPromise {
                falls_on: p.due.unwrap_or(p.date),
                status: p.promise_status().unwrap_or_default(),
                closed: p.closed,
                due: p.due,
            })
            .collect();
        promises.sort_by_key(|p| p.falls_on);
        // The first fix by any stretch's end is the first fix of all when
        // it falls by that end, and none otherwise.
        let fixes = fixes_by_screwup(upto.iter().copied(), NaiveDate::MAX);
        let first_fix = |id: &EntryId| fixes.get(id)?.iter().map(|fix| fix.date).min();
        let mut screwups: Vec<(NaiveDate, Option<NaiveDate>)> = in_period
            .iter()
            .filter(|e| e.kind == Kind::Screwup)
            .map(|s| (s.date, first_fix(&s.id)))
            .collect();
        screwups.sort_unstable();
        Ledger { promises, screwups }
    }

    /// Promises due in `stretch` and screw-ups made in it; fixes count when
    /// dated by the end of `stretch`.
    fn reliability(&self, label: &str, stretch: &ReviewPeriod) -> Reliability {
        let mut r = Reliability {
            label: label.to_string(),
            ..Reliability::default()
        };
        let from = self
            .promises
            .partition_point(|p| p.falls_on < stretch.since);
        let to = self
            .promises
            .partition_point(|p| p.falls_on <= stretch.until);
        for promise in &self.promises[from..to.max(from)] {
            r.promises += 1;
            match promise.status {
                PromiseStatus::Kept => {
                    r.kept += 1;
                    match (promise.closed, promise.due) {
                        (Some(closed), Some(due)) if closed <= due => r.kept_on_time += 1,
                        (None, _) => r.kept_undated += 1,
                        _ => {}
                    }
                }
                PromiseStatus::Missed => r.missed += 1,
                PromiseStatus::Open => r.open += 1,
            }
        }
        let from = self
            .screwups
            .partition_point(|(day, _)| *day < stretch.since);
        let to = self
            .screwups
            .partition_point(|(day, _)| *day <= stretch.until);
        let mut days: Vec<i64> = Vec::new();
        for (day, first_fix) in &self.screwups[from..to.max(from)] {
            r.screwups += 1;
            if let Some(fixed) = first_fix.filter(|fixed| *fixed <= stretch.until) {
                r.fixed += 1;
                days.push((fixed - *day).num_days().max(0));
            }
        }
        days.sort_unstable();
        r.median_days_to_fix = match days.len() {
            0 => None,
            n if n % 2 == 1 => Some(days[n / 2] as f64),
            n => Some((days[n / 2 - 1] + days[n / 2]) as f64 / 2.0),
        };
        r
    }
}

/// Who adopted what, most entries first; names grouped case-insensitively.
fn adoption(in_period: &[&Entry]) -> Vec<Adoption> {
    let mut by_who: HashMap<String, Adoption> = HashMap::new();
    for entry in in_period {
        for who in &entry.adopted_by {
            let Some(key) = customer_key(who) else {
                continue;
            };
            let credit = by_who.entry(key).or_insert_with(|| Adoption {
                who: who.trim().to_string(),
                entries: Vec::new(),
            });
            credit.entries.push(json!({
                "id": entry.id.as_str(),
                "date": iso_date(entry.date),
                "title": entry.title,
            }));
        }
    }
    let mut credits: Vec<Adoption> = by_who.into_values().collect();
    credits.sort_by(|a, b| {
        b.entries
            .len()
            .cmp(&a.entries.len())
            .then(a.who.to_lowercase().cmp(&b.who.to_lowercase()))
    });
    credits
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::test_entries::{day, entry};

    #[test]
    fn periods_parse_and_know_the_one_before() {
        let q = ReviewPeriod::quarter("2026-q1").expect("quarter");
        assert_eq!((q.since, q.until), (day(2026, 1, 1), day(2026, 3, 31)));
        let before = q.previous().expect("previous");
        assert_eq!(before.label, "2025-Q4");
        assert_eq!(before.until, day(2025, 12, 31));
        let h = ReviewPeriod::half("2026-H2").expect("half");
        assert_eq!((h.since, h.until), (day(2026, 7, 1), day(2026, 12, 31)));
        assert_eq!(h.previous().expect("previous").label, "2026-H1");
        assert_eq!(
            ReviewPeriod::year(2026)
                .expect("year")
                .previous()
                .expect("p")
                .label,
            "2025"
        );
        let range = ReviewPeriod::range(day(2026, 3, 10), day(2026, 3, 19)).expect("range");
        let before = range.previous().expect("previous");
        assert_eq!(
            (before.since, before.until),
            (day(2026, 2, 28), day(2026, 3, 9))
        );
        for bad in ["2026-Q5", "2026-Q0", "26-Q1", "2026Q1", "2026-H3", ""] {
            assert!(
                ReviewPeriod::quarter(bad).is_none() && ReviewPeriod::half(bad).is_none(),
                "{bad}"
            );
        }
        assert!(ReviewPeriod::year(0).is_none());
        assert!(ReviewPeriod::range(day(2026, 3, 2), day(2026, 3, 1)).is_none());
        assert!(
            ReviewPeriod::quarter("0001-Q1")
                .expect("q")
                .previous()
                .is_none()
        );
    }

    #[test]
    fn reliability_moves_month_by_month_and_counts_fixes_by_the_stretch_end() {
        let period = ReviewPeriod::quarter("2026-Q4").expect("quarter");
        let s1 = entry("2026-10-05-aaaa", Kind::Screwup, "a");
        let s2 = entry("2026-10-20-bbbb", Kind::Screwup, "b");
        let s3 = entry("2026-11-02-cccc", Kind::Screwup, "c");
        let mut f1 = entry("2026-10-06-dddd", Kind::Fix, "fixes a");
        f1.fixes = vec![s1.id.clone()];
        let mut f2 = entry("2026-11-03-eeee", Kind::Fix, "fixes b late");
        f2.fixes = vec![s2.id.clone()];
        let mut p1 = entry("2026-10-01-ffff", Kind::Promise, "kept");
        p1.status = Some(PromiseStatus::Kept);
        p1.due = Some(day(2026, 10, 9));
        let mut p2 = entry("2026-10-01-gggg", Kind::Promise, "missed");
        p2.status = Some(PromiseStatus::Missed);
        p2.due = Some(day(2026, 11, 9));
        let mut p3 = entry("2026-10-02-hhhh", Kind::Promise, "kept on time");
        p3.status = Some(PromiseStatus::Kept);
        p3.due = Some(day(2026, 10, 9));
        p3.closed = Some(day(2026, 10, 9));
        let mut p4 = entry("2026-10-02-iiii", Kind::Promise, "kept late");
        p4.status = Some(PromiseStatus::Kept);
        p4.due = Some(day(2026, 10, 9));
        p4.closed = Some(day(2026, 10, 10));
        let entries = vec![s1, s2, s3, f1, f2, p1, p2, p3, p4];
        let review = Review::build(period, entries, Author::default(), Currency::default());
        let r = &review.reliability;
        assert_eq!((r.screwups, r.fixed), (3, 2));
        // 1 day and 14 days.
        assert_eq!(r.median_days_to_fix, Some(7.5));
        assert_eq!(
            (r.promises, r.kept, r.kept_on_time, r.kept_undated, r.missed),
            (4, 3, 1, 1, 1)
        );
        let labels: Vec<&str> = review
            .reliability_trend
            .iter()
            .map(|t| t.label.as_str())
            .collect();
        assert_eq!(labels, ["2026-10", "2026-11", "2026-12"]);
        let october = &review.reliability_trend[0];
        // b's fix came in November: open at the end of October.
        assert_eq!(
            (october.screwups, october.fixed, october.promises),
            (2, 1, 3)
        );
        assert_eq!(review.reliability_trend[1].missed, 1);
        let year = ReviewPeriod::year(2026).expect("year");
        let labels: Vec<String> = stretches(&year).into_iter().map(|s| s.label).collect();
        assert_eq!(labels, ["2026-Q1", "2026-Q2", "2026-Q3", "2026-Q4"]);
    }

    #[test]
    fn the_streamed_review_is_the_whole_document_in_every_format() {
        let period = ReviewPeriod::quarter("2026-Q4").expect("quarter");
        let mut screwup = entry(
            "2026-10-05-aaaa",
            Kind::Screwup,
            "*sent* the <b>wrong</b> file",
        );
        screwup.customer = Some("Acme | Co".into());
        screwup.details = Some("first line\nsecond \u{1b}[31m line".into());
        screwup.revenue = Some(Money(-50_000));
        let mut fix = entry("2026-10-06-bbbb", Kind::Fix, "# checked every file");
        fix.fixes = vec![screwup.id.clone()];
        fix.adopted_by = vec!["Support".into()];
        fix.hours_saved = Some(1.5);
        let mut beyond = entry("2026-11-02-cccc", Kind::Exceeded, "early");
        beyond.expected = Some("Friday".into());
        beyond.delivered = Some("Tuesday".into());
        let mut old = entry("2026-09-30-dddd", Kind::Met, "last quarter");
        old.revenue = Some(Money(30_000));
        let author = Author {
            name: "Sam".into(),
            role: "Lead".into(),
        };
        let review = Review::build(
            period,
            vec![screwup, fix, beyond, old],
            author,
            Currency::default(),
        );
        assert_eq!(review.stories.len(), 2);
        let templates = Templates::built_in();
        let json = review.to_json();
        for format in [Format::Markdown, Format::Text, Format::Html, Format::Json] {
            let whole = match format {
                Format::Json => serde_json::to_string_pretty(&json).expect("json") + "\n",
                _ => {
                    let name = format!("review.{}", format.extension());
                    templates
                        .render(&name, &json, &review.currency)
                        .expect("renders")
                }
            };
            let streamed = review.render(format, &templates).expect("renders");
            assert_eq!(streamed, whole, "{format:?}");
        }
        // The documented keys, in their order.
        let keys: Vec<&str> = json
            .as_object()
            .expect("object")
            .keys()
            .map(String::as_str)
            .collect();
        assert_eq!(
            keys,
            [
                "period",
                "previous",
                "author",
                "currency",
                "totals",
                "money",
                "changes",
                "accomplishments",
                "customers",
                "reliability",
                "reliability_trend",
                "adoption",
                "stories"
            ]
        );
    }

    #[test]
    fn totals_change_against_the_period_before_and_money_splits_three_ways() {
        let period = ReviewPeriod::quarter("2026-Q4").expect("quarter");
        let mut won = entry("2026-10-05-aaaa", Kind::Met, "won");
        won.revenue = Some(Money(100_000));
        let mut protected = entry("2026-10-06-bbbb", Kind::Fix, "protected");
        protected.revenue = Some(Money(50_000));
        protected.adopted_by = vec!["Support".into()];
        let mut old = entry("2026-09-30-cccc", Kind::Met, "last quarter");
        old.revenue = Some(Money(30_000));
        let review = Review::build(
            period,
            vec![won, protected, old],
            Author::default(),
            Currency::default(),
        );
        let json = review.to_json();
        assert_eq!(
            json["money"],
            json!({"won": 1000, "protected": 500, "lost": 0})
        );
        let row = |label: &str| {
            review
                .changes
                .iter()
                .find(|c| c.label == label)
                .cloned()
                .expect("row")
        };
        let won = row("Revenue won");
        assert_eq!(
            (won.current, won.previous, won.change),
            (1000.0, 300.0, 700.0)
        );
        assert_eq!(row("Met").change, 0.0);
        assert_eq!(json["adoption"][0]["who"], "Support");
        assert_eq!(json["changes"][6]["change"], json!(700));
        assert_eq!(json["previous"]["label"], "2026-Q3");
    }
}
