//! Dates and times as people type them. One parser for the command line and
//! the form, so `--due fri` and a Due field holding `fri` mean the same day.
//!
//! A small table of words rather than a general natural-language parser: the
//! crates that exist (e.g. `interim`) read a bare weekday always forwards and
//! `next friday` by dialect, and accept forms such as `04/01/18` whose order
//! is a guess. Here every accepted form is listed and has one meaning.

use chrono::{Datelike, Days, NaiveDate, NaiveTime, Weekday};

use super::ModelError;

/// The first and last days the journal knows: years 0001–9999, what a
/// four-digit `YYYY` can say, so every day lands in a `YYYY/` folder it reads.
pub const FIRST_DAY: NaiveDate = NaiveDate::from_ymd_opt(1, 1, 1).expect("a real date");
pub const LAST_DAY: NaiveDate = NaiveDate::from_ymd_opt(9999, 12, 31).expect("a real date");

/// Whether `date` lies in the years 0001–9999.
pub fn in_calendar(date: NaiveDate) -> bool {
    (FIRST_DAY..=LAST_DAY).contains(&date)
}

/// `date`, when it lies in the years 0001–9999; otherwise the error that
/// names `text` as the user typed it.
pub fn within_calendar(date: NaiveDate, text: &str) -> Result<NaiveDate, ModelError> {
    if in_calendar(date) {
        Ok(date)
    } else {
        Err(ModelError::Year(crate::sanitize::line(text.trim())))
    }
}

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
/// Words are case-insensitive; years are bounded to 0001–9999.
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
            None if year_out_of_range(word) => {
                return Err(ModelError::Year(crate::sanitize::line(input)));
            }
            None => Some(iso_date(word).ok_or_else(bad)?),
        },
        _ => None,
    };
    match date {
        Some(date) => within_calendar(date, input),
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

/// `+10000-01-01`, `-0001-01-01`, `0000-06-01`: a date in the right shape
/// whose year is outside 0001–9999, which deserves "out of range" rather
/// than "invalid".
pub(super) fn year_out_of_range(text: &str) -> bool {
    let negative = text.starts_with('-');
    let rest = text.strip_prefix(['+', '-']).unwrap_or(text);
    let Some((year, month_day)) = rest.split_once('-') else {
        return false;
    };
    let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    let shaped = year.len() >= 4
        && digits(year)
        && month_day.len() == 5
        && month_day.is_ascii()
        && month_day.as_bytes()[2] == b'-'
        && digits(&month_day[..2])
        && digits(&month_day[3..]);
    shaped
        && (negative
            || year
                .parse::<u64>()
                .map_or(true, |y| !(1..=9999).contains(&y)))
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
    fn years_outside_the_range_say_so() {
        for text in [
            "+10000-01-01",
            "-0001-01-01",
            "+65536-01-01",
            "10000-01-01",
            "0000-06-01",
        ] {
            let err = parse_date(text, wednesday()).unwrap_err().to_string();
            assert!(err.contains("years run from 0001 to 9999"), "{text}: {err}");
        }
        for text in ["2026-1-05", "12-01", "-", "abc-01-01", "2026-01-011"] {
            let err = parse_date(text, wednesday()).unwrap_err().to_string();
            assert!(err.starts_with("invalid date"), "{text}: {err}");
        }
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
