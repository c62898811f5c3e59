use chrono::{Datelike, Duration, NaiveDate, NaiveTime, Weekday};

use super::ModelError;

/// A date as people type it: `2026-11-18`, `today`, `yesterday`, or a
/// weekday name (`mon`, `monday`) meaning the most recent such day, today included.
pub fn parse_date(input: &str, today: NaiveDate) -> Result<NaiveDate, ModelError> {
    let text = input.trim().to_ascii_lowercase();
    match text.as_str() {
        "today" => return Ok(today),
        "yesterday" => return Ok(today - Duration::days(1)),
        _ => {}
    }
    if let Ok(weekday) = text.parse::<Weekday>() {
        let back =
            (today.weekday().num_days_from_monday() + 7 - weekday.num_days_from_monday()) % 7;
        return Ok(today - Duration::days(i64::from(back)));
    }
    NaiveDate::parse_from_str(&text, "%Y-%m-%d").map_err(|_| ModelError::Date(input.to_string()))
}

/// `09:14` or `09:14:30`.
pub fn parse_time(input: &str) -> Result<NaiveTime, ModelError> {
    let text = input.trim();
    NaiveTime::parse_from_str(text, "%H:%M:%S")
        .or_else(|_| NaiveTime::parse_from_str(text, "%H:%M"))
        .map_err(|_| ModelError::Time(input.to_string()))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(y: i32, m: u32, d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(y, m, d).unwrap()
    }

    #[test]
    fn relative_dates() {
        let wednesday = day(2026, 11, 18);
        assert_eq!(parse_date("today", wednesday), Ok(wednesday));
        assert_eq!(parse_date("yesterday", wednesday), Ok(day(2026, 11, 17)));
        assert_eq!(parse_date("mon", wednesday), Ok(day(2026, 11, 16)));
        assert_eq!(parse_date("Wednesday", wednesday), Ok(wednesday));
        assert_eq!(parse_date("thu", wednesday), Ok(day(2026, 11, 12)));
        assert_eq!(parse_date("2024-02-29", wednesday), Ok(day(2024, 2, 29)));
        assert!(parse_date("2026-02-30", wednesday).is_err());
        assert!(parse_date("someday", wednesday).is_err());
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
