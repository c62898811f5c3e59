//! Resume bullets for a period, best first.
//!
//! The impact score ranks entries by money first (positive revenue plus cost
//! saved), then customer hours saved, then reach, then how many adopted the
//! work; ties go to the newer entry. Reliability bullets summing up the
//! period's promises and screw-ups come before them, because reliability is
//! what a reputation rests on.

use std::collections::HashMap;
use std::collections::hash_map::Entry as Slot;

use chrono::{Duration, Months, NaiveDate};
use serde::ser::SerializeStruct;
use serde::{Serialize, Serializer};
use serde_json::Value;

use super::fixed::fixes_by_screwup;
use super::phrase;
use super::totals::major_units;
use super::weekly::iso_date;
use crate::model::{Currency, Entry, EntryId, Kind, Money, PromiseStatus};

mod rollup;

/// A reliability bullet needs this many promises decided (or screw-ups
/// made) in the period, and at least half of them kept (or closed), so
/// "Kept 1 of 1" or "Kept 2 of 9" never reach a resume.
const MIN_SAMPLE: usize = 3;

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
    /// The entry it came from, the best one of a roll-up; `None` for
    /// aggregate bullets.
    pub entry: Option<EntryId>,
    /// Every entry it came from: a roll-up's entries, or the promises or
    /// screw-ups an aggregate bullet counts.
    pub entries: Vec<EntryId>,
    pub date: Option<NaiveDate>,
    pub impact: Impact,
}

impl Serialize for Bullet {
    fn serialize<S: Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        let mut s = serializer.serialize_struct("Bullet", 6)?;
        s.serialize_field("text", &self.text)?;
        s.serialize_field("source", &self.source)?;
        s.serialize_field("entry", &self.entry.as_ref().map(EntryId::as_str))?;
        let ids: Vec<&str> = self.entries.iter().map(EntryId::as_str).collect();
        s.serialize_field("entries", &ids)?;
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

/// The days after a period whose fixes still count for its screw-ups.
const FIX_WINDOW_DAYS: i64 = 14;

impl Bullets {
    /// The days to load for `period`: two weeks more at the end, so a
    /// screw-up late in the period can be seen fixed after it.
    pub fn window(period: Period) -> (NaiveDate, NaiveDate) {
        (period.since, period.until + Duration::days(FIX_WINDOW_DAYS))
    }

    /// The bullets of `period` from `entries` (which may reach past it; only
    /// fixes outside the period are looked at).
    pub fn build(entries: &[Entry], period: Period, currency: &Currency) -> Bullets {
        let in_period: Vec<&Entry> = entries.iter().filter(|e| period.contains(e.date)).collect();
        let mut ranked = entry_bullets(&in_period, currency, false);
        let mut bullets = aggregates(&in_period, entries);
        if bullets.is_empty() && ranked.is_empty() {
            // Nothing with an outcome: a plain record of the work beats an empty page.
            ranked = entry_bullets(&in_period, currency, true);
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

    /// A JSON Resume fragment: `{"work":[{"name","position","highlights"}]}`,
    /// `name` (the employer) and `position` left out when not known.
    pub fn to_jsonresume(&self, employer: &str, position: &str) -> Value {
        let mut work = serde_json::Map::new();
        if !employer.trim().is_empty() {
            work.insert("name".into(), Value::from(employer.trim()));
        }
        if !position.trim().is_empty() {
            work.insert("position".into(), Value::from(position.trim()));
        }
        let highlights: Vec<Value> = self
            .bullets
            .iter()
            .map(|b| Value::from(b.text.as_str()))
            .collect();
        work.insert("highlights".into(), Value::Array(highlights));
        serde_json::json!({ "work": [Value::Object(work)] })
    }
}

/// The bullet `entry` would make on its own (no roll-up, no ranking): its
/// own `bullet` when written, else the composed line when it has an outcome.
/// `None` for a screw-up, a promise not kept, a fix that only undoes a
/// screw-up, and an entry with nothing to show. For the entry form and `add`.
pub fn preview(entry: &Entry, currency: &Currency) -> Option<String> {
    if let Some(own) = own_bullet(entry) {
        return Some(own.to_string());
    }
    eligible(entry, false).then(|| phrase::compose(entry, currency))
}

fn own_bullet(entry: &Entry) -> Option<&str> {
    entry
        .bullet
        .as_deref()
        .map(str::trim)
        .filter(|b| !b.is_empty())
}

/// True when the entry makes a composed bullet: not a screw-up, a promise
/// only when kept, a fix only when it leaves something lasting (cost saved,
/// hours, reach or adoption) rather than only undoing a screw-up, and an
/// outcome unless `without_outcome` allows none.
fn eligible(entry: &Entry, without_outcome: bool) -> bool {
    makes_bullet(entry, without_outcome).is_ok()
}

/// Why an entry makes no bullet of its own (see [`no_bullet`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum NoBullet {
    /// A screw-up counts only in the reliability bullet.
    Screwup,
    /// A promise makes one once it is kept.
    PromiseOpen,
    PromiseMissed,
    /// A fix that only undoes a screw-up counts in the reliability bullet.
    OnlyUndoes,
    /// Nothing to show: no money, hours, reach, adoption (or, for an
    /// exceeded entry, expected and delivered).
    NoOutcome,
}

/// Why `entry` makes no bullet on its own, by the same rule [`preview`]
/// follows; `None` when it makes one.
pub fn no_bullet(entry: &Entry) -> Option<NoBullet> {
    if own_bullet(entry).is_some() {
        return None;
    }
    makes_bullet(entry, false).err()
}

fn makes_bullet(entry: &Entry, without_outcome: bool) -> Result<(), NoBullet> {
    match entry.kind {
        Kind::Screwup => return Err(NoBullet::Screwup),
        Kind::Promise => match entry.promise_status() {
            Some(PromiseStatus::Kept) => {}
            Some(PromiseStatus::Missed) => return Err(NoBullet::PromiseMissed),
            _ => return Err(NoBullet::PromiseOpen),
        },
        Kind::Fix => {
            let lasting = entry.cost_saved.is_some_and(|m| m.cents() > 0)
                || entry.hours_saved.is_some_and(|h| h > 0.0)
                || entry.reach.is_some_and(|r| r > 0)
                || !entry.adopted_by.is_empty();
            if !lasting && !entry.fixes.is_empty() {
                return Err(NoBullet::OnlyUndoes);
            }
        }
        Kind::Exceeded | Kind::Met | Kind::Note => {}
    }
    let beat_expectation = entry.expected.is_some() && entry.delivered.is_some();
    if Impact::of(entry).is_outcome() || beat_expectation || without_outcome {
        Ok(())
    } else {
        Err(NoBullet::NoOutcome)
    }
}

/// Each entry's bullet, entries whose titles say the same thing rolled up
/// into one with the count and the summed outcomes.
fn entry_bullets(entries: &[&Entry], currency: &Currency, without_outcome: bool) -> Vec<Bullet> {
    let mut bullets = Vec::new();
    // Each group holds its entries' places in `entries`, groups in the
    // order their first entry came; the map finds a key's group without
    // walking them all (a decade holds tens of thousands).
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut group_of: HashMap<String, usize> = HashMap::new();
    for (at, entry) in entries.iter().enumerate() {
        if let Some(own) = own_bullet(entry) {
            bullets.push(Bullet {
                text: own.to_string(),
                source: Source::Written,
                entry: Some(entry.id.clone()),
                entries: vec![entry.id.clone()],
                date: Some(entry.date),
                impact: Impact::of(entry),
            });
            continue;
        }
        if !eligible(entry, without_outcome) {
            continue;
        }
        match group_of.entry(rollup::key(entry)) {
            Slot::Occupied(group) => groups[*group.get()].push(at),
            Slot::Vacant(slot) => {
                slot.insert(groups.len());
                groups.push(vec![at]);
            }
        }
    }
    let bullet_of =
        |places: &[usize]| group_bullet(places.iter().map(|at| entries[*at]).collect(), currency);
    // A bullet that rolls up with an earlier twin takes the twin's place at
    // the end, as if removed and pushed: `None` marks the place it left.
    let mut composed: Vec<Option<(Bullet, Vec<usize>)>> = Vec::new();
    let mut bullet_at: HashMap<String, usize> = HashMap::new();
    for mut places in groups {
        let mut bullet = bullet_of(&places);
        // Titles cut to fit a line can end up alike: those roll up too, and
        // again while the merged text has a live twin, so no two are alike.
        while let Some((_, twin)) = bullet_at
            .get(&bullet.text)
            .and_then(|at| composed[*at].take())
        {
            places.extend(twin);
            places.sort_unstable();
            bullet = bullet_of(&places);
        }
        bullet_at.insert(bullet.text.clone(), composed.len());
        composed.push(Some((bullet, places)));
    }
    bullets.extend(composed.into_iter().flatten().map(|(bullet, _)| bullet));
    bullets
}

/// The bullet for entries that say the same thing (often just one).
fn group_bullet(mut group: Vec<&Entry>, currency: &Currency) -> Bullet {
    group.sort_by(|a, b| Impact::of(b).cmp(&Impact::of(a)).then(b.date.cmp(&a.date)));
    let best = group[0];
    let (text, impact) = if group.len() == 1 {
        (phrase::compose(best, currency), Impact::of(best))
    } else {
        let (merged, count) = rollup::merge(&group);
        (
            phrase::compose_rolled(&merged, currency, Some(count)),
            Impact::of(&merged),
        )
    };
    Bullet {
        text,
        source: Source::Composed,
        entry: Some(best.id.clone()),
        entries: group.iter().map(|e| e.id.clone()).collect(),
        date: group.iter().map(|e| e.date).max(),
        impact,
    }
}

/// `part` of `whole` in percent, rounded to nearest (2 of 3 is 67%).
fn rounded_percent(part: usize, whole: usize) -> usize {
    if whole == 0 {
        0
    } else {
        (part * 200 + whole) / (whole * 2)
    }
}

/// The reliability bullets, when the period supports them: promises kept
/// (on time only when closed on or before the due day) and screw-ups fixed
/// within a few days of happening.
fn aggregates(in_period: &[&Entry], all: &[Entry]) -> Vec<Bullet> {
    let aggregate = |text: String, counted: Vec<&Entry>| Bullet {
        text,
        source: Source::Aggregate,
        entry: None,
        entries: counted.iter().map(|e| e.id.clone()).collect(),
        date: None,
        impact: Impact::default(),
    };
    let mut bullets = Vec::new();

    let decided: Vec<&Entry> = in_period
        .iter()
        .copied()
        .filter(|e| {
            matches!(
                e.promise_status(),
                Some(PromiseStatus::Kept | PromiseStatus::Missed)
            )
        })
        .collect();
    let kept: Vec<&&Entry> = decided
        .iter()
        .filter(|e| e.promise_status() == Some(PromiseStatus::Kept))
        .collect();
    // On time only with a recorded `closed` on or before `due`.
    let on_time = kept.iter().filter(|e| e.kept_on_time()).count();
    let total = decided.len();
    if total >= MIN_SAMPLE && kept.len() * 2 >= total {
        let whose = if decided
            .iter()
            .all(|e| e.customer.as_deref().is_some_and(|c| !c.trim().is_empty()))
        {
            "customer commitments"
        } else {
            "commitments"
        };
        let (n, rate) = (kept.len(), rounded_percent(kept.len(), total));
        let text = if on_time == n {
            format!("Kept {n} of {total} {whose} on time ({rate}%)")
        } else if on_time == 0 {
            format!("Kept {n} of {total} {whose} ({rate}%)")
        } else {
            format!("Kept {n} of {total} {whose} ({rate}%), {on_time} of them on time")
        };
        bullets.push(aggregate(text, decided.clone()));
    }

    let screwups: Vec<&Entry> = in_period
        .iter()
        .copied()
        .filter(|e| e.kind == Kind::Screwup)
        .collect();
    // One pass over the fixes, not one per screw-up: a decade holds
    // thousands of each.
    let fixes = fixes_by_screwup(all, NaiveDate::MAX);
    let days: Vec<Option<i64>> = screwups
        .iter()
        .map(|s| days_to_fix(s, fixes.get(&s.id).map_or(&[][..], Vec::as_slice)))
        .collect();
    let total = screwups.len();
    // The shortest of these spans that holds every fix made within a week.
    let within = [0, 1, 2, 3, 5, 7]
        .into_iter()
        .find(|n| days.iter().flatten().filter(|d| **d <= 7).all(|d| d <= n))
        .unwrap_or(7);
    let fixed = days.iter().flatten().filter(|d| **d <= within).count();
    if total >= MIN_SAMPLE && fixed >= MIN_SAMPLE && fixed * 2 >= total {
        let how_fast = match within {
            0 => "the same day".to_string(),
            1 => "within a day".to_string(),
            n => format!("within {n} days"),
        };
        let text = if fixed == total {
            format!("Fixed all {total} service failures {how_fast}")
        } else {
            let rate = rounded_percent(fixed, total);
            format!("Fixed {fixed} of {total} service failures {how_fast} ({rate}%)")
        };
        bullets.push(aggregate(text, screwups));
    }
    bullets
}

/// Days from a screw-up to the first of `fixes` (those that name it) on or
/// after its day.
fn days_to_fix(screwup: &Entry, fixes: &[&Entry]) -> Option<i64> {
    fixes
        .iter()
        .map(|fix| (fix.date - screwup.date).num_days())
        .filter(|d| *d >= 0)
        .min()
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

    fn built(entries: &[Entry]) -> Bullets {
        Bullets::build(entries, november(), &Currency::default())
    }

    fn build(entries: &[Entry]) -> Vec<String> {
        built(entries).bullets.into_iter().map(|b| b.text).collect()
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
        small_money.revenue = Some(Money(100));
        let mut big_money = entry("2026-11-06-eeee", Kind::Exceeded, "Won the Gable renewal");
        big_money.revenue = Some(Money(1_000_000));
        big_money.cost_saved = Some(Money(5_000));
        assert_eq!(
            build(&[adopted, reach, hours, small_money, big_money]),
            [
                "Won the Gable renewal, worth $10K and saving $50",
                "Closed a small deal, worth $1",
                "Sped up returns, cutting customer wait times by 8 days",
                "Trained the new starters, reaching 500 people",
                "Shared the checklist, adopted by a, b and c"
            ]
        );
    }

    #[test]
    fn no_bullet_names_the_reason_exactly_when_preview_makes_none() {
        let currency = Currency::default();
        let mut kept = entry("2026-11-02-aaaa", Kind::Promise, "Sent the contract");
        kept.set_status(PromiseStatus::Kept, kept.date);
        let mut kept_with_money = kept.clone();
        kept_with_money.revenue = Some(Money(500_000));
        let mut missed = kept.clone();
        missed.set_status(PromiseStatus::Missed, kept.date);
        let mut undo = entry("2026-11-02-bbbb", Kind::Fix, "Resent the invoice");
        undo.fixes = vec!["2026-11-01-cccc".parse().unwrap()];
        let mut lasting = undo.clone();
        lasting.reach = Some(40);
        let mut beat = entry("2026-11-02-dddd", Kind::Exceeded, "Quote same day");
        beat.expected = Some("3 days".into());
        beat.delivered = Some("4 hours".into());
        let cases = [
            (
                entry("2026-11-02-eeee", Kind::Screwup, "Lost a file"),
                Some(NoBullet::Screwup),
            ),
            (
                entry("2026-11-02-ffff", Kind::Promise, "Call back"),
                Some(NoBullet::PromiseOpen),
            ),
            (missed, Some(NoBullet::PromiseMissed)),
            (kept, Some(NoBullet::NoOutcome)),
            (kept_with_money, None),
            (undo, Some(NoBullet::OnlyUndoes)),
            (lasting, None),
            (
                entry("2026-11-02-gggg", Kind::Met, "Monthly report"),
                Some(NoBullet::NoOutcome),
            ),
            (beat, None),
        ];
        for (case, reason) in cases {
            assert_eq!(no_bullet(&case), reason, "{}", case.title);
            assert_eq!(
                preview(&case, &currency).is_none(),
                reason.is_some(),
                "{}",
                case.title
            );
        }
    }

    #[test]
    fn own_bullets_win_and_screwups_alone_make_none() {
        let mut written = entry("2026-11-02-aaaa", Kind::Fix, "Dedup check");
        written.bullet = Some("Eliminated duplicate invoices for 300 accounts".into());
        written.cost_saved = Some(Money(100));
        let mut screwup = entry("2026-11-03-bbbb", Kind::Screwup, "Lost a file");
        screwup.revenue = Some(Money(900_000));
        let bullets = built(&[written.clone(), screwup]);
        assert_eq!(bullets.bullets.len(), 1);
        assert_eq!(
            bullets.bullets[0].text,
            "Eliminated duplicate invoices for 300 accounts"
        );
        assert_eq!(bullets.bullets[0].source, Source::Written);
        assert_eq!(
            preview(&written, &Currency::default()).as_deref(),
            Some("Eliminated duplicate invoices for 300 accounts")
        );
    }

    #[test]
    fn a_fix_that_only_undoes_a_screwup_is_no_bullet_of_its_own() {
        let screwup = entry(
            "2026-11-02-aaaa",
            Kind::Screwup,
            "Issued Northgate a wrong credit note",
        );
        let mut undo = entry(
            "2026-11-02-bbbb",
            Kind::Fix,
            "Credit note reissued same day, apologised",
        );
        undo.fixes = vec![screwup.id.clone()];
        undo.revenue = Some(Money(64_000));
        let mut lasting = undo.clone();
        lasting.title = "Added a second check on credit notes".into();
        lasting.cost_saved = Some(Money(120_000));
        let currency = Currency::default();
        assert_eq!(preview(&undo, &currency), None);
        assert_eq!(
            preview(&lasting, &currency).as_deref(),
            Some(
                "Added a second check on credit notes, saving $1,200 and protecting $640 in revenue"
            )
        );
        assert!(build(&[screwup.clone(), undo.clone()]).is_empty());
        let mut plain = undo;
        plain.fixes.clear();
        plain.revenue = None;
        assert_eq!(
            build(&[screwup, plain]),
            ["Reissued the credit note same day, apologised"]
        );
    }

    #[test]
    fn entries_saying_the_same_thing_roll_up_into_one() {
        let mut entries = Vec::new();
        for (i, (customer, saved)) in [("Acme Corp", 500_000), ("Birch Ltd", 1_560_000)]
            .into_iter()
            .enumerate()
        {
            let mut e = entry(
                &format!("2026-11-0{}-r00{i}", i + 2),
                Kind::Fix,
                &format!("Moved {customer}'s invoices to the new template"),
            );
            e.customer = Some(customer.into());
            e.cost_saved = Some(Money(saved));
            entries.push(e);
        }
        let bullets = built(&entries);
        assert_eq!(bullets.bullets.len(), 1);
        let b = &bullets.bullets[0];
        assert_eq!(
            b.text,
            "Moved the invoices to the new template at 2 accounts, saving $20.6K in total"
        );
        assert_eq!(b.entries.len(), 2);
        assert_eq!(
            b.entry.as_ref().map(EntryId::as_str),
            Some("2026-11-03-r001")
        );
    }

    #[test]
    fn the_same_work_logged_again_says_how_often() {
        let times = |n: usize| {
            let entries: Vec<Entry> = (0..n)
                .map(|i| {
                    let mut e = entry(
                        &format!("2026-11-{:02}-c{i:03}", i + 2),
                        Kind::Met,
                        "Ran the monthly close",
                    );
                    e.cost_saved = Some(Money(10_000));
                    e
                })
                .collect();
            build(&entries)
        };
        assert_eq!(
            times(2),
            ["Ran the monthly close twice, saving $200 in total"]
        );
        assert_eq!(
            times(12),
            ["Ran the monthly close 12 times, saving $1,200 in total"]
        );
    }

    #[test]
    fn reliability_counts_days_to_the_first_fix_and_never_guesses_on_time() {
        let mut entries = Vec::new();
        for (i, status) in ["kept", "kept", "missed"].iter().enumerate() {
            let mut p = entry(&format!("2026-11-1{i}-p00{i}"), Kind::Promise, "Call back");
            p.status = Some(status.parse().expect("status"));
            p.due = Some(day(2026, 11, 20));
            p.customer = Some("Acme".into());
            entries.push(p);
        }
        // Fri 6 → Mon 9 is 3 days, though the week changed; Tue 17 → Tue 24 is 7.
        let pairs = [
            ("2026-11-06-s001", "2026-11-09-f001"),
            ("2026-11-10-s002", "2026-11-10-f002"),
            ("2026-11-11-s003", "2026-11-12-f003"),
            ("2026-11-17-s004", "2026-11-24-f004"),
        ];
        for (id, fixed_on) in pairs {
            entries.push(entry(id, Kind::Screwup, "Oops"));
            let mut fix = entry(fixed_on, Kind::Fix, "Fixed it");
            fix.fixes = vec![id.parse().expect("id")];
            entries.push(fix);
        }
        let texts = build(&entries);
        // Kept, but with no day recorded for closing: never "on time".
        assert_eq!(texts[0], "Kept 2 of 3 customer commitments (67%)");
        let mut closed = entries.clone();
        closed[0].closed = Some(day(2026, 11, 20));
        assert_eq!(
            build(&closed)[0],
            "Kept 2 of 3 customer commitments (67%), 1 of them on time"
        );
        closed[1].closed = Some(day(2026, 11, 19));
        assert_eq!(
            build(&closed)[0],
            "Kept 2 of 3 customer commitments on time (67%)"
        );
        closed[1].closed = Some(day(2026, 11, 21));
        assert_eq!(
            build(&closed)[0],
            "Kept 2 of 3 customer commitments (67%), 1 of them on time"
        );
        assert_eq!(texts[1], "Fixed all 4 service failures within 7 days");
        entries.pop();
        assert_eq!(
            build(&entries)[1],
            "Fixed 3 of 4 service failures within 3 days (75%)"
        );
        // Too few to say anything.
        assert!(
            built(&entries[..2])
                .bullets
                .iter()
                .all(|b| b.source != Source::Aggregate)
        );
        assert_eq!(rounded_percent(2, 3), 67);
        assert_eq!(rounded_percent(1, 3), 33);
    }

    #[test]
    fn json_shape() {
        let mut won = entry("2026-11-04-cccc", Kind::Met, "Renewed Acme");
        won.revenue = Some(Money(120_050));
        let bullets = built(&[won]);
        assert_eq!(
            bullets.to_json(),
            json!({"since": "2026-11-01", "until": "2026-11-30", "bullets": [{
                "text": "Renewed Acme, worth $1,201",
                "source": "composed",
                "entry": "2026-11-04-cccc",
                "entries": ["2026-11-04-cccc"],
                "date": "2026-11-04",
                "impact": {"money": 1200.5, "hours_saved": 0.0, "reach": 0, "adopted_by": 0}
            }]})
        );
        assert_eq!(
            bullets.to_jsonresume("Harbor Supply", "Account manager"),
            json!({"work": [{"name": "Harbor Supply", "position": "Account manager",
                "highlights": ["Renewed Acme, worth $1,201"]}]})
        );
        assert_eq!(
            bullets.to_jsonresume("", ""),
            json!({"work": [{"highlights": ["Renewed Acme, worth $1,201"]}]})
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
