use std::fmt;

use chrono::{Datelike, Days, IsoWeek, NaiveDate, Weekday};

use super::ModelError;
use super::date::{FIRST_DAY, LAST_DAY, within_calendar, year_out_of_range};

/// Which day a week starts on (config `week_start`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum WeekStart {
    #[default]
    Monday,
    Sunday,
}

impl WeekStart {
    pub fn parse(text: &str) -> Result<WeekStart, ModelError> {
        match text.trim().to_ascii_lowercase().as_str() {
            "monday" | "mon" => Ok(WeekStart::Monday),
            "sunday" | "sun" => Ok(WeekStart::Sunday),
            other => Err(ModelError::Invalid(format!(
                "invalid week_start '{other}' (expected \"monday\" or \"sunday\")"
            ))),
        }
    }

    fn first_day(self) -> Weekday {
        match self {
            WeekStart::Monday => Weekday::Mon,
            WeekStart::Sunday => Weekday::Sun,
        }
    }
}

/// Seven days starting on the configured first day. Its name is the ISO week
/// of its Monday, so a Sunday-start week is named after the ISO week it mostly
/// overlaps.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Week {
    start: NaiveDate,
}

impl Week {
    /// The week holding `date`; a date beyond the years 0001–9999 (which
    /// input never lets in) gives the first or last week.
    pub fn containing(date: NaiveDate, week_start: WeekStart) -> Week {
        let date = date.clamp(FIRST_DAY, LAST_DAY);
        let offset = date.weekday().days_since(week_start.first_day());
        Week {
            start: step(date, -i64::from(offset)),
        }
    }

    /// Accepts `this`, `last`, `next`, `2026-W47` and any date.
    pub fn parse(text: &str, today: NaiveDate, week_start: WeekStart) -> Result<Week, ModelError> {
        let trimmed = text.trim();
        let lower = trimmed.to_ascii_lowercase();
        let this = Week::containing(today, week_start);
        match lower.as_str() {
            "this" | "current" => return Ok(this),
            "last" | "previous" => return Ok(this.prev()),
            "next" => return Ok(this.next()),
            _ => {}
        }
        if let Some((year, week)) = lower.split_once("-w") {
            let year: i32 = year
                .parse()
                .map_err(|_| ModelError::Week(text.to_string()))?;
            let week: u32 = week
                .parse()
                .map_err(|_| ModelError::Week(text.to_string()))?;
            if !(FIRST_DAY.year()..=LAST_DAY.year()).contains(&year) {
                return Err(ModelError::Year(crate::sanitize::line(text.trim())));
            }
            let monday = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)
                .ok_or_else(|| ModelError::Week(text.to_string()))?;
            return Ok(Week::containing(monday, week_start).named_after(monday, week_start));
        }
        let date = NaiveDate::parse_from_str(trimmed, "%Y-%m-%d").map_err(|_| {
            if year_out_of_range(trimmed) {
                ModelError::Year(crate::sanitize::line(text.trim()))
            } else {
                ModelError::Week(text.to_string())
            }
        })?;
        within_calendar(date, text).map(|date| Week::containing(date, week_start))
    }

    /// For Sunday-start weeks the Sunday before a Monday belongs to the
    /// Monday's week, so `2026-W47` means Sun 15 – Sat 21 Nov.
    fn named_after(self, monday: NaiveDate, week_start: WeekStart) -> Week {
        match week_start {
            WeekStart::Monday => self,
            WeekStart::Sunday => Week {
                start: step(monday, -1),
            },
        }
    }

    pub fn start(self) -> NaiveDate {
        self.start
    }

    pub fn end(self) -> NaiveDate {
        step(self.start, 6)
    }

    pub fn days(self) -> impl DoubleEndedIterator<Item = NaiveDate> {
        (0..7).map(move |i| step(self.start, i))
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        date >= self.start && date <= self.end()
    }

    /// The week before; the first week (it holds 0001-01-01) has none, and
    /// stays where it is.
    pub fn prev(self) -> Week {
        if self.start <= FIRST_DAY {
            return self;
        }
        Week {
            start: step(self.start, -7),
        }
    }

    /// The week after; the last week (it holds 9999-12-31) has none, and
    /// stays where it is, so `]` held down at the end cannot overflow.
    pub fn next(self) -> Week {
        if self.end() >= LAST_DAY {
            return self;
        }
        Week {
            start: step(self.start, 7),
        }
    }

    /// This week and the `count - 1` before it, oldest first; fewer near
    /// the first week, which has none before it.
    pub fn trailing(self, count: usize) -> Vec<Week> {
        let mut weeks: Vec<Week> =
            std::iter::successors(Some(self), |w| Some(w.prev()).filter(|p| p != w))
                .take(count)
                .collect();
        weeks.reverse();
        weeks
    }

    fn iso(self) -> IsoWeek {
        // The Monday inside the week names it, whichever day it starts on.
        let monday = self
            .days()
            .find(|d| d.weekday() == Weekday::Mon)
            .unwrap_or(self.start);
        monday.iso_week()
    }

    /// `2026-W47`.
    pub fn label(self) -> String {
        let iso = self.iso();
        format!("{}-W{:02}", iso.year(), iso.week())
    }
}

/// `date` moved by `days`, saturating at chrono's own calendar ends: weeks
/// stay within 0001–9999 give or take six days, far from those ends, so this
/// never saturates in practice; it only makes an overflow impossible.
fn step(date: NaiveDate, days: i64) -> NaiveDate {
    let moved = match u64::try_from(days) {
        Ok(forward) => date.checked_add_days(Days::new(forward)),
        Err(_) => date.checked_sub_days(Days::new(days.unsigned_abs())),
    };
    moved.unwrap_or(if days < 0 {
        NaiveDate::MIN
    } else {
        NaiveDate::MAX
    })
}

impl fmt::Display for Week {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.label())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn iso_weeks() {
        let today = day(2026, 11, 18);
        let week = Week::parse("this", today, WeekStart::Monday).unwrap();
        assert_eq!(week.start(), day(2026, 11, 16));
        assert_eq!(week.end(), day(2026, 11, 22));
        assert_eq!(week.label(), "2026-W47");
        assert_eq!(
            Week::parse("last", today, WeekStart::Monday)
                .unwrap()
                .label(),
            "2026-W46"
        );
        assert_eq!(
            Week::parse("2026-W47", today, WeekStart::Monday).unwrap(),
            week
        );
        assert_eq!(
            Week::parse("2026-11-22", today, WeekStart::Monday).unwrap(),
            week
        );
    }

    #[test]
    fn week_53_and_the_year_boundary() {
        let today = day(2026, 11, 18);
        let w53 = Week::parse("2026-W53", today, WeekStart::Monday).unwrap();
        assert_eq!(w53.start(), day(2026, 12, 28));
        assert_eq!(w53.end(), day(2027, 1, 3));
        assert_eq!(
            Week::parse("2027-01-02", today, WeekStart::Monday)
                .unwrap()
                .label(),
            "2026-W53"
        );
        assert_eq!(w53.next().label(), "2027-W01");
        assert!(Week::parse("2027-W53", today, WeekStart::Monday).is_err());
        assert!(Week::parse("2026-W00", today, WeekStart::Monday).is_err());
        // 2025-12-29 is a Monday in ISO week 2026-W01.
        assert_eq!(
            Week::parse("2025-12-31", today, WeekStart::Monday)
                .unwrap()
                .label(),
            "2026-W01"
        );
    }

    #[test]
    fn sunday_start_weeks() {
        let today = day(2026, 11, 18);
        let week = Week::parse("this", today, WeekStart::Sunday).unwrap();
        assert_eq!(week.start(), day(2026, 11, 15));
        assert_eq!(week.end(), day(2026, 11, 21));
        assert_eq!(week.label(), "2026-W47");
        let sunday = Week::parse("2026-11-22", today, WeekStart::Sunday).unwrap();
        assert_eq!(sunday.start(), day(2026, 11, 22));
        assert_eq!(sunday.label(), "2026-W48");
        assert_eq!(
            Week::parse("2026-W47", today, WeekStart::Sunday).unwrap(),
            week
        );
    }

    #[test]
    fn bad_week_names() {
        let today = day(2026, 11, 18);
        for bad in ["lastweek", "2026-W", "W47", "2026-13-01", ""] {
            assert!(Week::parse(bad, today, WeekStart::Monday).is_err(), "{bad}");
        }
    }

    #[test]
    fn weeks_outside_the_years_0001_to_9999_are_refused() {
        let today = day(2026, 11, 18);
        for bad in [
            "+262142-12-31",
            "-262143-01-01",
            "0000-06-01",
            "10000-01-01",
            "10000-W01",
            "0000-W10",
            "-0001-W01",
        ] {
            let err = Week::parse(bad, today, WeekStart::Monday).unwrap_err();
            assert!(err.to_string().contains("0001"), "{bad}: {err}");
        }
        for good in ["0001-01-01", "9999-12-31", "0001-W01", "9999-W52"] {
            assert!(
                Week::parse(good, today, WeekStart::Sunday).is_ok(),
                "{good}"
            );
        }
    }

    #[test]
    fn stepping_stops_at_the_first_and_last_weeks() {
        for start in [WeekStart::Monday, WeekStart::Sunday] {
            let last = Week::containing(LAST_DAY, start);
            assert_eq!(last.next(), last);
            assert!(last.days().any(|d| d == LAST_DAY));
            let first = Week::containing(FIRST_DAY, start);
            assert_eq!(first.prev(), first);
            assert_eq!(first.trailing(3), [first]);
            // Far past the ends of chrono's own calendar: no overflow.
            for date in [NaiveDate::MAX, NaiveDate::MIN] {
                let week = Week::containing(date, start);
                assert_eq!(week.days().count(), 7);
                let _ = (week.end(), week.next(), week.prev(), week.label());
            }
            let mut week = Week::containing(day(9999, 12, 1), start);
            for _ in 0..1000 {
                week = week.next();
            }
            assert_eq!(week, last);
        }
    }

    #[test]
    fn trailing_weeks_are_oldest_first() {
        let week = Week::containing(day(2026, 11, 18), WeekStart::Monday);
        let weeks = week.trailing(8);
        assert_eq!(weeks.len(), 8);
        assert_eq!(weeks[7], week);
        assert_eq!(weeks[0].label(), "2026-W40");
    }
}
