use std::fmt;

use chrono::{Datelike, Duration, IsoWeek, NaiveDate, Weekday};

use super::ModelError;

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
    pub fn containing(date: NaiveDate, week_start: WeekStart) -> Week {
        let offset = date.weekday().days_since(week_start.first_day());
        Week {
            start: date - Duration::days(i64::from(offset)),
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
            let monday = NaiveDate::from_isoywd_opt(year, week, Weekday::Mon)
                .ok_or_else(|| ModelError::Week(text.to_string()))?;
            return Ok(Week::containing(monday, week_start).named_after(monday, week_start));
        }
        NaiveDate::parse_from_str(trimmed, "%Y-%m-%d")
            .map(|date| Week::containing(date, week_start))
            .map_err(|_| ModelError::Week(text.to_string()))
    }

    /// For Sunday-start weeks the Sunday before a Monday belongs to the
    /// Monday's week, so `2026-W47` means Sun 15 – Sat 21 Nov.
    fn named_after(self, monday: NaiveDate, week_start: WeekStart) -> Week {
        match week_start {
            WeekStart::Monday => self,
            WeekStart::Sunday => Week {
                start: monday - Duration::days(1),
            },
        }
    }

    pub fn start(self) -> NaiveDate {
        self.start
    }

    pub fn end(self) -> NaiveDate {
        self.start + Duration::days(6)
    }

    pub fn days(self) -> impl DoubleEndedIterator<Item = NaiveDate> {
        (0..7).map(move |i| self.start + Duration::days(i))
    }

    pub fn contains(self, date: NaiveDate) -> bool {
        date >= self.start && date <= self.end()
    }

    pub fn prev(self) -> Week {
        Week {
            start: self.start - Duration::days(7),
        }
    }

    pub fn next(self) -> Week {
        Week {
            start: self.start + Duration::days(7),
        }
    }

    /// This week and the `count - 1` before it, oldest first.
    pub fn trailing(self, count: usize) -> Vec<Week> {
        let mut weeks: Vec<Week> = std::iter::successors(Some(self), |w| Some(w.prev()))
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
    fn trailing_weeks_are_oldest_first() {
        let week = Week::containing(day(2026, 11, 18), WeekStart::Monday);
        let weeks = week.trailing(8);
        assert_eq!(weeks.len(), 8);
        assert_eq!(weeks[7], week);
        assert_eq!(weeks[0].label(), "2026-W40");
    }
}
