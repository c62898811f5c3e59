//! Dates and times as people type them. One parser for the command line and
//! the form, so `--due fri` and a Due field holding `fri` mean the same day.
//!
//! A small table of words rather than a general natural-language parser: the
//! crates that exist (e.g. `interim`) read a bare weekday always forwards and
//! `next friday` by dialect, and accept forms such as `04/01/18` whose order
//! is a guess. Here every accepted form is listed and has one meaning.

use chrono::{Datelike, Days, NaiveDate, NaiveTime, Weekday};

use super::ModelError;

/// The years a date may have: what a four-digit `YYYY` can say, so every day
/// lands in a `YYYY/` folder the journal reads.
pub const YEARS: std::ops::RangeInclusive<i32> = 1..=9999;

/// Which way a bare weekday points.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Toward {
    /// The most recent such day, today included: when something happened.
    Past,
    /// The next such day, today included: when something is due.
    Future,
}

/// What [`parse_date_toward`] accepts, for messages and help.
pub const DATE_FORMS: &str = "YYYY-MM-DD, today, yesterday, tomorrow, a weekday, last <weekday>, next <weekday> or in N days";

/// A date for something that happened (`--date`, `--since`, `--until`): a bare
/// weekday is the most recent one, today included.
pub fn parse_date(input: &str, today: NaiveDate) -> Result<NaiveDate, ModelError> {
    parse_date_toward(input, today, Toward::Past)
}

/// A date something is due: a bare weekday is the next one, today included.
pub fn parse_due(input: &str, today: NaiveDate) -> Result<NaiveDate, ModelError> {
    parse_date_toward(input, today, Toward::Future)
}

/// `2026-11-18`, `today`, `yesterday`, `tomorrow`, `fri`/`friday`,
/// `last fri` (before today), `next fri` (after today), `in 3 days`.
/// Words are case-insensitive; years are bounded to [`YEARS`].
pub fn parse_date_toward(
    input: &str,
    today: NaiveDate,
    toward: Toward,
) -> Result<NaiveDate, ModelError> {
    let bad = || ModelError::Date(crate::sanitize::line(input));
    let text = input.trim().to_ascii_lowercase();
    let words: Vec<&str> = text.split_whitespace().collect();
    let date = match words.as_slice() {
        ["today"] => Some(today),
        ["yesterday"] => today.checked_sub_days(Days::new(1)),
        ["tomorrow"] => today.checked_add_days(Days::new(1)),
        ["last", day] => weekday(day).and_then(|w| step(today, w, Toward::Past, false)),
        ["next", day] => weekday(day).and_then(|w| step(today, w, Toward::Future, false)),
        ["in", n, "day" | "days"] => n
            .parse::<u32>()
            .ok()
            .and_then(|n| today.checked_add_days(Days::new(n.into()))),
        [word] => match weekday(word) {
            Some(w) => step(today, w, toward, true),
            None => Some(iso_date(word).ok_or_else(bad)?),
        },
        _ => None,
    };
    match date {
        Some(date) if YEARS.contains(&date.year()) => Ok(date),
        Some(_) => Err(ModelError::Year(crate::sanitize::line(input))),
        None => Err(bad()),
    }
}

/// Exactly `YYYY-MM-DD` with a four-digit year: chrono's `%Y` alone also
/// takes `+10000` and `-0001`, which no day folder can hold.
fn iso_date(text: &str) -> Option<NaiveDate> {
    let bytes = text.as_bytes();
    let shape = bytes.len() == 10
        && bytes[4] == b'-'
        && bytes[7] == b'-'
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| i == 4 || i == 7 || b.is_ascii_digit());
    shape
        .then(|| NaiveDate::parse_from_str(text, "%Y-%m-%d").ok())
        .flatten()
}

/// `mon`, `monday`, `tue`, `tues`, … as chrono reads them.
fn weekday(word: &str) -> Option<Weekday> {
    word.parse().ok()
}

/// The nearest `weekday` from `today` going `toward`; today itself counts
/// only when `today_counts`.
fn step(
    today: NaiveDate,
    weekday: Weekday,
    toward: Toward,
    today_counts: bool,
) -> Option<NaiveDate> {
    let now = today.weekday().num_days_from_monday();
    let then = weekday.num_days_from_monday();
    let mut days = match toward {
        Toward::Past => (now + 7 - then) % 7,
        Toward::Future => (then + 7 - now) % 7,
    };
    if days == 0 && !today_counts {
        days = 7;
    }
    match toward {
        Toward::Past => today.checked_sub_days(Days::new(days.into())),
        Toward::Future => today.checked_add_days(Days::new(days.into())),
    }
}

/// `09:14` or `09:14:30`.
pub fn parse_time(input: &str) -> Result<NaiveTime, ModelError> {
    let text = input.trim();
    NaiveTime::parse_from_str(text, "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M"))
        .map_err(|_| ModelError::Time(crate::sanitize::line(input)))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    /// Wednesday 18 November 2026.
    fn wednesday() -> NaiveDate {
        day(2026, 11, 18)
    }

    #[test]
    fn words_for_days() {
        let today = wednesday();
        let table = [
            ("today", Toward::Past, day(2026, 11, 18)),
            ("Yesterday", Toward::Past, day(2026, 11, 17)),
            ("tomorrow", Toward::Past, day(2026, 11, 19)),
            ("mon", Toward::Past, day(2026, 11, 16)),
            ("mon", Toward::Future, day(2026, 11, 23)),
            ("Wednesday", Toward::Past, today),
            ("wed", Toward::Future, today),
            ("thu", Toward::Past, day(2026, 11, 12)),
            ("fri", Toward::Future, day(2026, 11, 20)),
            ("last wed", Toward::Future, day(2026, 11, 11)),
            ("last friday", Toward::Future, day(2026, 11, 13)),
            ("next wed", Toward::Past, day(2026, 11, 25)),
            ("next  fri", Toward::Past, day(2026, 11, 20)),
            ("in 0 days", Toward::Past, today),
            ("in 1 day", Toward::Past, day(2026, 11, 19)),
            ("in 14 days", Toward::Past, day(2026, 12, 2)),
            ("2024-02-29", Toward::Future, day(2024, 2, 29)),
            (" 0001-01-01 ", Toward::Past, day(1, 1, 1)),
            ("9999-12-31", Toward::Past, day(9999, 12, 31)),
        ];
        for (text, toward, expected) in table {
            assert_eq!(
                parse_date_toward(text, today, toward),
                Ok(expected),
                "{text} {toward:?}"
            );
        }
    }

    #[test]
    fn a_bare_weekday_for_due_is_never_in_the_past() {
        let sunday = day(2026, 11, 22);
        assert_eq!(parse_due("fri", sunday), Ok(day(2026, 11, 27)));
        assert_eq!(parse_date("fri", sunday), Ok(day(2026, 11, 20)));
    }

    #[test]
    fn refused_forms() {
        for text in [
            "someday",
            "2026-02-30",
            "2026-1-5",
            "+10000-01-01",
            "-0001-01-01",
            "+65536-01-01",
            "0000-01-01",
            "20261118",
            "in -3 days",
            "in three days",
            "last",
            "next month",
            "",
        ] {
            assert!(parse_date(text, wednesday()).is_err(), "{text} accepted");
        }
    }

    #[test]
    fn relative_dates_stay_within_the_years() {
        let last_day = day(9999, 12, 31);
        let err = parse_date("tomorrow", last_day).unwrap_err();
        assert!(err.to_string().contains("0001 to 9999"), "{err}");
        assert!(parse_due("in 4000000000 days", last_day).is_err());
        assert!(parse_date("yesterday", day(1, 1, 1)).is_err());
        assert_eq!(parse_date("today", last_day), Ok(last_day));
    }

    #[test]
    fn bad_input_is_echoed_without_escape_sequences() {
        let err = parse_date("\u{1b}[31mfri", wednesday())
            .unwrap_err()
            .to_string();
        assert!(!err.contains('\u{1b}'), "{err}");
        let err = parse_time("\u{1b}[2J").unwrap_err().to_string();
        assert!(!err.contains('\u{1b}'), "{err}");
    }

    #[test]
    fn times() {
        assert_eq!(
            parse_time("09:14"),
            Ok(NaiveTime::from_hms_opt(9, 14, 0).unwrap())
        );
        assert!(parse_time("25:00").is_err());
    }
}
