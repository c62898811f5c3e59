//! Resume bullets for a period, best first.
//!
//! The impact score ranks entries by money first (positive revenue plus cost
//! saved), then customer hours saved, then reach, then how many adopted the
//! work; ties go to the newer entry. Reliability bullets summing up the
//! period's promises and screw-ups come before them, because reliability is
//! what a reputation rests on.

use chrono::{Duration, Months, NaiveDate};
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use serde_json::Value;

use super::phrase;
use super::totals::{major_units, percent};
use super::weekly::iso_date;
use crate::model::{Currency, Entry, EntryId, Kind, Money, PromiseStatus, Week, WeekStart};

/// A reliability bullet needs this many promises decided (or screw-ups
/// made) in the period, and at least half of them kept (or closed), so
/// "Kept 1 of 1" or "Kept 2 of 9" never reach a resume.
const MIN_SAMPLE: u32 = 3;

/// The days bullets are drawn from, both ends included.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Period {
    pub since: NaiveDate,
    pub until: NaiveDate,
}

impl Period {
    /// The twelve months up to and including `today`.
    pub fn last_12_months(today: NaiveDate) -> Period {
        let since = today
            .checked_sub_months(Months::new(12))
            .map_or(today, |d| d + Duration::days(1));
        Period {
            since,
            until: today,
        }
    }

    /// January 1 to December 31 of `year`; `None` outside years 1 to 9999.
    pub fn year(year: i32) -> Option<Period> {
        if !(1..=9999).contains(&year) {
            return None;
        }
        Some(Period {
            since: NaiveDate::from_ymd_opt(year, 1, 1)?,
            until: NaiveDate::from_ymd_opt(year, 12, 31)?,
        })
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        date >= self.since && date <= self.until
    }
}

/// Where a bullet's words came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Source {
    /// The entry's own `bullet`, used as is.
    Written,
    /// Composed from the entry's kind, title and numbers.
    Composed,
    /// Summed up from the period's promises or screw-ups.
    Aggregate,
}

/// What a bullet is ranked by, compared field by field in this order.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct Impact {
    /// Positive revenue plus positive cost saved.
    pub money: Money,
    pub hundredths_of_hours: i64,
    pub reach: u64,
    pub adopters: usize,
}

impl Impact {
    pub fn of(entry: &Entry) -> Impact {
        let positive =
            |money: Option<Money>| money.filter(|m| m.cents() > 0).unwrap_or(Money::ZERO);
        Impact {
            money: positive(entry.revenue) + positive(entry.cost_saved),
            hundredths_of_hours: entry.hours_saved.map_or(0, |h| (h * 100.0).round() as i64),
            reach: entry.reach.unwrap_or(0),
            adopters: entry.adopted_by.len(),
        }
    }

    /// True when the entry has something to show for it.
    fn is_outcome(self) -> bool {
        self != Impact::default()
    }
}

/// One line of a resume.
#[derive(Debug, Clone, PartialEq)]
pub struct Bullet {
    /// Exactly as composed or written; sanitised only when printed.
    pub text: String,
    pub source: Source,
    /// The entry it came from; `None` for aggregate bullets.
    pub entry: Option<EntryId>,
    pub date: Option<NaiveDate>,
    pub impact: Impact,
}

impl Serialize for Bullet {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Bullet", 5)?;
        s.serialize_field("text", &self.text)?;
        s.serialize_field("source", &self.source)?;
        s.serialize_field("entry", &self.entry.as_ref().map(EntryId::as_str))?;
        s.serialize_field("date", &self.date.map(iso_date))?;
        s.serialize_field("impact", &ImpactJson(self.impact))?;
        s.end()
    }
}

struct ImpactJson(Impact);

impl Serialize for ImpactJson {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        struct Major(Money);
        impl Serialize for Major {
            fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
                major_units(&self.0, serializer)
            }
        }
        let mut s = serializer.serialize_struct("Impact", 4)?;
        s.serialize_field("money", &Major(self.0.money))?;
        s.serialize_field("hours_saved", &(self.0.hundredths_of_hours as f64 / 100.0))?;
        s.serialize_field("reach", &self.0.reach)?;
        s.serialize_field("adopted_by", &self.0.adopters)?;
        s.end()
    }
}

/// A period's bullets, best first. JSON: `{"since","until","bullets":[…]}`.
#[derive(Debug, Clone, PartialEq)]
pub struct Bullets {
    pub period: Period,
    pub bullets: Vec<Bullet>,
}

impl Serialize for Bullets {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Bullets", 3)?;
        s.serialize_field("since", &iso_date(self.period.since))?;
        s.serialize_field("until", &iso_date(self.period.until))?;
        s.serialize_field("bullets", &self.bullets)?;
        s.end()
    }
}

impl Bullets {
    /// The days to load for `period`: six more at the end, so a screw-up on
    /// the period's last day can be seen closed later that same week.
    pub fn window(period: Period) -> (NaiveDate, NaiveDate) {
        (period.since, period.until + Duration::days(6))
    }

    /// The bullets of `period` from `entries` (which may reach past it; only
    /// fixes outside the period are looked at).
    pub fn build(
        entries: &[Entry],
        period: Period,
        week_start: WeekStart,
        currency: &Currency,
    ) -> Bullets {
        let in_period: Vec<&Entry> = entries.iter().filter(|e| period.contains(e.date)).collect();
        let mut ranked: Vec<Bullet> = in_period
            .iter()
            .filter_map(|entry| entry_bullet(entry, currency, false))
            .collect();
        let mut bullets = aggregates(&in_period, entries, week_start);
        if bullets.is_empty() && ranked.is_empty() {
            // Nothing with an outcome: a plain record of the work beats an empty page.
            ranked = in_period
                .iter()
                .filter_map(|entry| entry_bullet(entry, currency, true))
                .collect();
        }
        ranked.sort_by(|a, b| {
            b.impact
                .cmp(&a.impact)
                .then(b.date.cmp(&a.date))
                .then(a.entry.cmp(&b.entry))
        });
        bullets.extend(ranked);
        Bullets { period, bullets }
    }

    /// Keeps the best `limit` bullets.
    pub fn limit(mut self, limit: usize) -> Bullets {
        self.bullets.truncate(limit);
        self
    }

    pub fn to_json(&self) -> Value {
        serde_json::to_value(self).unwrap_or(Value::Null)
    }
}

/// The bullet for one entry: its own words, else composed when it has an
/// outcome (or when `without_outcome` allows it). Screw-ups, and promises
/// not kept, make none unless the user wrote one.
fn entry_bullet(entry: &Entry, currency: &Currency, without_outcome: bool) -> Option<Bullet> {
    let impact = Impact::of(entry);
    let make = |text: String, source: Source| Bullet {
        text,
        source,
        entry: Some(entry.id.clone()),
        date: Some(entry.date),
        impact,
    };
    if let Some(own) = entry
        .bullet
        .as_deref()
        .map(str::trim)
        .filter(|b| !b.is_empty())
    {
        return Some(make(own.to_string(), Source::Written));
    }
    let eligible = match entry.kind {
        Kind::Screwup => false,
        Kind::Promise => entry.promise_status() == Some(PromiseStatus::Kept),
        Kind::Fix | Kind::Exceeded | Kind::Met | Kind::Note => true,
    };
    let beat_expectation = entry.expected.is_some() && entry.delivered.is_some();
    let has_outcome = impact.is_outcome() || beat_expectation;
    (eligible && (has_outcome || without_outcome))
        .then(|| make(phrase::compose(entry, currency), Source::Composed))
}

/// "Kept 47 of 50 commitments on time (94%)" and "Closed 14 of 16 service
/// failures within the week they happened", when the period supports them.
fn aggregates(in_period: &[&Entry], all: &[Entry], week_start: WeekStart) -> Vec<Bullet> {
    let aggregate = |text: String| Bullet {
        text,
        source: Source::Aggregate,
        entry: None,
        date: None,
        impact: Impact::default(),
    };
    let mut bullets = Vec::new();

    let decided: Vec<&&Entry> = in_period
        .iter()
        .filter(|e| {
            matches!(
                e.promise_status(),
                Some(PromiseStatus::Kept | PromiseStatus::Missed)
            )
        })
        .collect();
    let kept = decided
        .iter()
        .filter(|e| e.promise_status() == Some(PromiseStatus::Kept))
        .count() as u32;
    let total = decided.len() as u32;
    if total >= MIN_SAMPLE && kept * 2 >= total {
        let whose = if decided
            .iter()
            .all(|e| e.customer.as_deref().is_some_and(|c| !c.trim().is_empty()))
        {
            "customer commitments"
        } else {
            "commitments"
        };
        let rate = percent(kept, total).unwrap_or(0);
        bullets.push(aggregate(format!(
            "Kept {kept} of {total} {whose} on time ({rate}%)"
        )));
    }

    let screwups: Vec<&&Entry> = in_period
        .iter()
        .filter(|e| e.kind == Kind::Screwup)
        .collect();
    let closed = screwups
        .iter()
        .filter(|s| closed_within_week(s, all, week_start))
        .count() as u32;
    let total = screwups.len() as u32;
    if total >= MIN_SAMPLE && closed * 2 >= total {
        bullets.push(aggregate(format!(
            "Closed {closed} of {total} service failures within the week they happened"
        )));
    }
    bullets
}

/// True when a fix written in the screw-up's week, on or after its day, names it.
fn closed_within_week(screwup: &Entry, all: &[Entry], week_start: WeekStart) -> bool {
    let week = Week::containing(screwup.date, week_start);
    all.iter().any(|fix| {
        fix.kind == Kind::Fix
            && fix.fixes.contains(&screwup.id)
            && week.contains(fix.date)
            && fix.date >= screwup.date
    })
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::report::test_entries::{day, entry};

    fn november() -> Period {
        Period {
            since: day(2026, 11, 1),
            until: day(2026, 11, 30),
        }
    }

    fn build(entries: &[Entry]) -> Vec<String> {
        Bullets::build(entries, november(), WeekStart::Monday, &Currency::default())
            .bullets
            .into_iter()
            .map(|b| b.text)
            .collect()
    }

    #[test]
    fn money_outranks_hours_which_outrank_reach_and_adoption() {
        let mut adopted = entry("2026-11-02-aaaa", Kind::Fix, "Shared the checklist");
        adopted.adopted_by = vec!["a".into(), "b".into(), "c".into()];
        let mut reach = entry("2026-11-03-bbbb", Kind::Note, "Trained the new starters");
        reach.reach = Some(500);
        let mut hours = entry("2026-11-04-cccc", Kind::Fix, "Sped up returns");
        hours.hours_saved = Some(200.0);
        let mut small_money = entry("2026-11-05-dddd", Kind::Met, "Closed a small deal");
        small_money.revenue = Some(Money(1));
        let mut big_money = entry("2026-11-06-eeee", Kind::Exceeded, "Won the Gable renewal");
        big_money.revenue = Some(Money(1_000_000));
        big_money.cost_saved = Some(Money(50));
        let texts = build(&[adopted, reach, hours, small_money, big_money]);
        let leads: Vec<&str> = texts
            .iter()
            .map(|t| t.split(',').next().unwrap_or(""))
            .collect();
        assert_eq!(
            leads,
            [
                "Won the Gable renewal",
                "Closed a small deal",
                "Sped up returns",
                "Trained the new starters",
                "Shared the checklist; adopted by a"
            ]
        );
    }

    #[test]
    fn own_bullets_win_and_screwups_alone_make_none() {
        let mut written = entry("2026-11-02-aaaa", Kind::Fix, "Dedup check");
        written.bullet = Some("Eliminated duplicate invoices for 300 accounts".into());
        written.cost_saved = Some(Money(100));
        let mut screwup = entry("2026-11-03-bbbb", Kind::Screwup, "Lost a file");
        screwup.revenue = Some(Money(900_000));
        let bullets = Bullets::build(
            &[written, screwup],
            november(),
            WeekStart::Monday,
            &Currency::default(),
        );
        assert_eq!(bullets.bullets.len(), 1);
        assert_eq!(
            bullets.bullets[0].text,
            "Eliminated duplicate invoices for 300 accounts"
        );
        assert_eq!(bullets.bullets[0].source, Source::Written);
    }

    #[test]
    fn entries_without_outcome_only_when_nothing_else_exists() {
        let plain = entry("2026-11-02-aaaa", Kind::Met, "Weekly numbers on time");
        let screwup = entry("2026-11-03-bbbb", Kind::Screwup, "Lost a file");
        assert_eq!(
            build(&[plain.clone(), screwup]),
            ["Delivered weekly numbers on time"]
        );
        let mut won = entry("2026-11-04-cccc", Kind::Met, "Renewed Acme");
        won.revenue = Some(Money(100));
        assert_eq!(
            build(&[plain, won]),
            ["Renewed Acme, winning $1 in revenue"]
        );
    }

    #[test]
    fn reliability_bullets_when_the_period_supports_them() {
        let mut entries = Vec::new();
        for (i, status) in ["kept", "kept", "kept", "missed"].iter().enumerate() {
            let mut p = entry(&format!("2026-11-1{i}-p00{i}"), Kind::Promise, "Call back");
            p.status = Some(status.parse().expect("status"));
            p.customer = Some("Acme".into());
            entries.push(p);
        }
        // Screw-ups fixed in the same week (Mon 9 → Wed 11, Thu 5 → Fri 6),
        // a week later (Tue 17 → Mon 23), and Sun 22 → Mon 23, which is the
        // next ISO week but the same Sunday-start week.
        let pairs = [
            ("2026-11-09-s001", "2026-11-11-f001"),
            ("2026-11-17-s002", "2026-11-23-f002"),
            ("2026-11-22-s003", "2026-11-23-f003"),
            ("2026-11-05-s004", "2026-11-06-f004"),
        ];
        for (id, fixed_on) in pairs {
            entries.push(entry(id, Kind::Screwup, "Oops"));
            let mut fix = entry(fixed_on, Kind::Fix, "Fixed it");
            fix.fixes = vec![id.parse().expect("id")];
            entries.push(fix);
        }
        let texts = build(&entries);
        assert_eq!(texts[0], "Kept 3 of 4 customer commitments on time (75%)");
        assert_eq!(
            texts[1],
            "Closed 2 of 4 service failures within the week they happened"
        );
        let sunday = Bullets::build(
            &entries,
            november(),
            WeekStart::Sunday,
            &Currency::default(),
        );
        assert_eq!(
            sunday.bullets[1].text,
            "Closed 3 of 4 service failures within the week they happened"
        );
        // Too few to say anything.
        let few = Bullets::build(
            &entries[..2],
            november(),
            WeekStart::Monday,
            &Currency::default(),
        );
        assert!(few.bullets.iter().all(|b| b.source != Source::Aggregate));
    }

    #[test]
    fn json_shape() {
        let mut won = entry("2026-11-04-cccc", Kind::Met, "Renewed Acme");
        won.revenue = Some(Money(120_050));
        let bullets = Bullets::build(&[won], november(), WeekStart::Monday, &Currency::default());
        assert_eq!(
            bullets.to_json(),
            json!({"since": "2026-11-01", "until": "2026-11-30", "bullets": [{
                "text": "Renewed Acme, winning $1,200.50 in revenue",
                "source": "composed",
                "entry": "2026-11-04-cccc",
                "date": "2026-11-04",
                "impact": {"money": 1200.5, "hours_saved": 0.0, "reach": 0, "adopted_by": 0}
            }]})
        );
    }

    #[test]
    fn periods() {
        assert_eq!(
            Period::last_12_months(day(2026, 11, 18)),
            Period {
                since: day(2025, 11, 19),
                until: day(2026, 11, 18)
            }
        );
        assert_eq!(
            Period::year(2026),
            Some(Period {
                since: day(2026, 1, 1),
                until: day(2026, 12, 31)
            })
        );
        assert_eq!(Period::year(0), None);
    }
}
