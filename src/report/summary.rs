//! The top of a weekly report: what money moved against last week, how wins
//! compare with screw-ups over the trend, and what needs the reader's
//! attention. Public so other documents (a review) can show the same lines.

use chrono::NaiveDate;
use serde::Serialize;

use super::fixed::fixes_by_screwup;
use super::totals::{Totals, major_units};
use super::weekly::TrendPoint;
use crate::model::{Entry, Kind, Money, PromiseStatus};

/// One money line: this week, last week and the change between them.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize)]
pub struct MoneyMove {
    #[serde(serialize_with = "major_units")]
    pub this_week: Money,
    #[serde(serialize_with = "major_units")]
    pub last_week: Money,
    /// `this_week - last_week` (negative when it fell).
    #[serde(serialize_with = "major_units")]
    pub change: Money,
}

impl MoneyMove {
    pub fn new(this_week: Money, last_week: Money) -> MoneyMove {
        MoneyMove {
            this_week,
            last_week,
            change: Money(this_week.cents().saturating_sub(last_week.cents())),
        }
    }
}

/// How this week's wins less screw-ups compare with the weeks before it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Direction {
    Better,
    Steady,
    Worse,
    /// No earlier week with an entry to compare with.
    FirstWeek,
}

/// Why an entry needs attention.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Concern {
    /// A screw-up no fix written by the week's end names.
    OpenScrewup,
    /// A promise still open after its due date.
    OverduePromise,
}

/// An entry from any week up to this one that still needs doing.
#[derive(Debug, Clone, PartialEq)]
pub struct Attention {
    pub concern: Concern,
    pub entry: Entry,
    /// Days since the screw-up, or days past the due date, at the week's end.
    pub days: i64,
}

/// The summary at the top of a weekly report.
#[derive(Debug, Clone, PartialEq)]
pub struct Summary {
    pub won: MoneyMove,
    pub protected: MoneyMove,
    pub lost: MoneyMove,
    pub wins: u32,
    pub screwups: u32,
    pub direction: Direction,
    /// How many earlier weeks `direction` compares with, and their average
    /// wins and screw-ups a week (in tenths, to print `1.5`).
    pub earlier_weeks: usize,
    pub earlier_wins_tenths: u32,
    pub earlier_screwups_tenths: u32,
    /// Overdue promises, then open screw-ups, each newest first.
    pub attention: Vec<Attention>,
    /// The day `attention` is judged on.
    pub as_of: NaiveDate,
}

impl Summary {
    /// `totals` and `last_week` are this and last week's totals; `trend`
    /// ends with this week; `journal` holds at least every screw-up, fix and
    /// promise up to `as_of` (later entries are ignored): the week's last
    /// day, or today while the week is still running.
    pub fn build(
        as_of: NaiveDate,
        totals: &Totals,
        last_week: &Totals,
        trend: &[TrendPoint],
        journal: &[Entry],
    ) -> Summary {
        let earlier = &trend[..trend.len().saturating_sub(1)];
        let n = earlier.len() as u32;
        let tenths = |f: fn(&TrendPoint) -> u32| {
            (earlier.iter().map(f).sum::<u32>() * 10)
                .checked_div(n)
                .unwrap_or(0)
        };
        let earlier_wins_tenths = tenths(|p| p.wins);
        let earlier_screwups_tenths = tenths(|p| p.screwups);
        let net_tenths = |wins: u32, screwups: u32| i64::from(wins) - i64::from(screwups);
        let direction = if earlier.is_empty() {
            Direction::FirstWeek
        } else {
            let now = net_tenths(totals.wins(), totals.screwups) * 10;
            let before = net_tenths(earlier_wins_tenths, earlier_screwups_tenths);
            match now.cmp(&before) {
                std::cmp::Ordering::Greater => Direction::Better,
                std::cmp::Ordering::Equal => Direction::Steady,
                std::cmp::Ordering::Less => Direction::Worse,
            }
        };
        Summary {
            won: MoneyMove::new(totals.revenue_won, last_week.revenue_won),
            protected: MoneyMove::new(totals.revenue_protected, last_week.revenue_protected),
            lost: MoneyMove::new(totals.revenue_lost, last_week.revenue_lost),
            wins: totals.wins(),
            screwups: totals.screwups,
            direction,
            earlier_weeks: earlier.len(),
            earlier_wins_tenths,
            earlier_screwups_tenths,
            attention: needs_attention(journal, as_of),
            as_of,
        }
    }
}

/// Every promise overdue and every screw-up still open at the end of `day`,
/// whichever week of `journal` it was written in: overdue promises first,
/// most recently due first, then screw-ups, newest first.
pub fn needs_attention(journal: &[Entry], day: NaiveDate) -> Vec<Attention> {
    let known: Vec<&Entry> = journal.iter().filter(|e| e.date <= day).collect();
    let fixed = fixes_by_screwup(known.iter().copied(), day);
    let mut screwups: Vec<Attention> = known
        .iter()
        .filter(|e| e.kind == Kind::Screwup && !fixed.contains_key(&e.id))
        .map(|e| Attention {
            concern: Concern::OpenScrewup,
            entry: (*e).clone(),
            days: (day - e.date).num_days(),
        })
        .collect();
    // Newest first: when a long list is cut, this week's stay in view.
    screwups.sort_by(|a, b| (b.entry.date, &b.entry.id).cmp(&(a.entry.date, &a.entry.id)));
    let mut promises: Vec<Attention> = known
        .iter()
        .filter(|e| open_on(e, day))
        .filter_map(|e| {
            let due = e.due.filter(|due| *due < day)?;
            Some(Attention {
                concern: Concern::OverduePromise,
                entry: (*e).clone(),
                days: (day - due).num_days(),
            })
        })
        .collect();
    // Most recently due first: reaching back years, the oldest would fill
    // the ten a document lists with the same items every week, and this
    // week's new ones would hide in "…and N more".
    promises.sort_by(|a, b| (a.days, &b.entry.id).cmp(&(b.days, &a.entry.id)));
    // Promises first: a customer is waiting on each.
    promises.extend(screwups);
    promises
}

/// A promise still open at the end of `day`: open now, or closed later.
pub fn open_on(entry: &Entry, day: NaiveDate) -> bool {
    entry
        .promise_status()
        .is_some_and(|status| still_open(status, entry.closed, day))
}

/// Whether a promise with `status`, closed on `closed`, was open at the end
/// of `day`. (Kept or missed before `closed` was recorded: closed for good.)
pub fn still_open(status: PromiseStatus, closed: Option<NaiveDate>, day: NaiveDate) -> bool {
    match status {
        PromiseStatus::Open => true,
        _ => closed.is_some_and(|closed| closed > day),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Week, WeekStart};
    use crate::report::test_entries::{day, entry};

    fn w47() -> Week {
        Week::containing(day(2026, 11, 18), WeekStart::Monday)
    }

    #[test]
    fn attention_reaches_back_to_any_week_and_stops_at_the_week_end() {
        let old = entry("2026-03-02-aaaa", Kind::Screwup, "Old and open");
        let fixed = entry("2026-11-17-bbbb", Kind::Screwup, "Fixed in time");
        let mut fix = entry("2026-11-18-cccc", Kind::Fix, "The fix");
        fix.fixes = vec![fixed.id.clone()];
        let fixed_late = entry("2026-11-19-dddd", Kind::Screwup, "Fixed next week");
        let mut late_fix = entry("2026-11-24-eeee", Kind::Fix, "Late fix");
        late_fix.fixes = vec![fixed_late.id.clone()];
        let mut overdue = entry("2026-10-01-ffff", Kind::Promise, "Overdue");
        overdue.due = Some(day(2026, 11, 20));
        let mut due_sunday = entry("2026-11-16-gggg", Kind::Promise, "Due on the last day");
        due_sunday.due = Some(day(2026, 11, 22));
        let after = entry("2026-11-23-hhhh", Kind::Screwup, "After the week");
        let journal = [
            old, fixed, fix, fixed_late, late_fix, overdue, due_sunday, after,
        ];
        let attention = needs_attention(&journal, w47().end());
        let seen: Vec<(Concern, &str, i64)> = attention
            .iter()
            .map(|a| (a.concern, a.entry.title.as_str(), a.days))
            .collect();
        assert_eq!(
            seen,
            [
                (Concern::OverduePromise, "Overdue", 2),
                (Concern::OpenScrewup, "Fixed next week", 3),
                (Concern::OpenScrewup, "Old and open", 265),
            ]
        );
    }

    #[test]
    fn direction_compares_with_the_average_of_earlier_weeks() {
        let weeks = w47().trailing(3);
        let point = |i: usize, wins, screwups| TrendPoint {
            week: weeks[i],
            screwups,
            fixes: 0,
            wins,
        };
        let mut this = Totals {
            met: 2,
            screwups: 1,
            ..Totals::default()
        };
        let trend = [point(0, 1, 2), point(1, 2, 1), point(2, 2, 1)];
        let summary = Summary::build(w47().end(), &this, &Totals::default(), &trend, &[]);
        assert_eq!(summary.direction, Direction::Better);
        assert_eq!(
            (summary.earlier_wins_tenths, summary.earlier_screwups_tenths),
            (15, 15)
        );
        this.screwups = 3;
        let summary = Summary::build(w47().end(), &this, &Totals::default(), &trend, &[]);
        assert_eq!(summary.direction, Direction::Worse);
        let summary = Summary::build(w47().end(), &this, &Totals::default(), &trend[2..], &[]);
        assert_eq!(summary.direction, Direction::FirstWeek);
    }

    #[test]
    fn money_moves_against_last_week() {
        let this = Totals {
            revenue_won: Money(500_000),
            ..Totals::default()
        };
        let last = Totals {
            revenue_won: Money(800_000),
            revenue_lost: Money(10_000),
            ..Totals::default()
        };
        let summary = Summary::build(w47().end(), &this, &last, &[], &[]);
        assert_eq!(summary.won.change, Money(-300_000));
        assert_eq!(summary.lost.change, Money(-10_000));
        assert_eq!(summary.protected, MoneyMove::default());
    }
}
