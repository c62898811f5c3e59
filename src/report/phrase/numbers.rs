//! Numbers as a resume shows them: money rounded ($3,100, $48K, $1.2M),
//! hours in days or weeks once they are long, asks as "a 3-day ask".

use crate::model::{Currency, Money, group_thousands};

/// `$3,100` (no cents), `$48K` for whole thousands from ten thousand,
/// `$120K` from a hundred thousand, `$1.2M` from a million.
pub fn money(amount: Money, currency: &Currency) -> String {
    let dollars = (amount.cents().unsigned_abs() + 50) / 100;
    let sign = if amount.cents() < 0 { "-" } else { "" };
    // One style from $10,000 up, so a list never says "$34K" beside
    // "$39,500": thousands with at most one decimal under 100K, whole
    // thousands to a million, millions above.
    let tenths_of_k = (dollars + 50) / 100;
    let number = if dollars >= 999_500 {
        let tenths = (dollars + 50_000) / 100_000;
        if tenths.is_multiple_of(10) {
            format!("{}M", group_thousands(tenths / 10))
        } else {
            format!("{}.{}M", tenths / 10, tenths % 10)
        }
    } else if dollars >= 99_950 {
        format!("{}K", (dollars + 500) / 1_000)
    } else if dollars >= 10_000 {
        match tenths_of_k % 10 {
            0 => format!("{}K", tenths_of_k / 10),
            tenth => format!("{}.{tenth}K", tenths_of_k / 10),
        }
    } else {
        group_thousands(dollars)
    };
    match currency.symbol() {
        Some(symbol) => format!("{sign}{symbol}{number}"),
        None => format!("{sign}{number} {}", currency.code()),
    }
}

/// 36 → "36 hours", 264 → "11 days", 400 → "2 weeks"; under an hour in minutes.
pub fn duration(hours: f64) -> String {
    let plural = |n: u64, unit: &str| {
        if n == 1 {
            format!("1 {unit}")
        } else {
            format!("{} {unit}s", group_thousands(n))
        }
    };
    if hours < 1.0 {
        return plural(((hours * 60.0).round() as u64).max(1), "minute");
    }
    if hours < 48.0 {
        let rounded = (hours * 2.0).round() / 2.0;
        return if rounded.fract() == 0.0 {
            plural(rounded as u64, "hour")
        } else {
            format!("{rounded} hours")
        };
    }
    span_of_days((hours / 24.0).round() as u64)
}

/// A span of days as people say it: days for two weeks, then weeks up to
/// eight, then months and years, rounded down so a span is never said
/// longer than it was ("5 weeks" for 38 days). What a bullet's hours and a
/// report's "open 3 weeks" both read.
pub fn span_of_days(days: u64) -> String {
    let plural = |n: u64, unit: &str| {
        if n == 1 {
            format!("1 {unit}")
        } else {
            format!("{} {unit}s", group_thousands(n))
        }
    };
    match days {
        0..14 => plural(days, "day"),
        14..63 => plural(days / 7, "week"),
        63..730 => plural(days * 12 / 365, "month"),
        _ => plural(days / 365, "year"),
    }
}

/// "3 days" → (3, "day"); "a week" → (1, "week"); "24h" → (24, "hour").
pub fn parse_span(text: &str) -> Option<(u64, &'static str)> {
    let text = text.trim().to_lowercase();
    let (number, unit) = match text.split_once(' ') {
        Some((n, u)) => (n.to_string(), u.trim().to_string()),
        None => {
            let split = text.find(|c: char| !c.is_ascii_digit())?;
            (text[..split].to_string(), text[split..].to_string())
        }
    };
    let n = match number.as_str() {
        "a" | "an" | "one" => 1,
        "two" => 2,
        "three" => 3,
        "four" => 4,
        "five" => 5,
        n => n.parse().ok()?,
    };
    let unit = match unit.trim_end_matches('s') {
        "minute" | "min" | "m" => "minute",
        "hour" | "hr" | "h" => "hour",
        "day" | "d" | "business day" | "working day" => "day",
        "week" | "w" | "wk" => "week",
        "month" => "month",
        _ => return None,
    };
    (n > 0).then_some((n, unit))
}

/// (3, "day") → "3 days" or "3-day" (as an adjective).
pub fn span_text((n, unit): (u64, &str), adjective: bool) -> String {
    match (adjective, n) {
        (true, _) => format!("{n}-{unit}"),
        (false, 1) => format!("1 {unit}"),
        (false, _) => format!("{n} {unit}s"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn money_is_rounded_for_a_resume() {
        let usd = Currency::default();
        let m = |cents: i64| money(Money(cents), &usd);
        assert_eq!(m(310_075), "$3,101");
        assert_eq!(m(310_000), "$3,100");
        assert_eq!(m(4_800_000), "$48K");
        assert_eq!(m(2_060_000), "$20.6K");
        assert_eq!(m(3_950_000), "$39.5K");
        assert_eq!(m(3_400_000), "$34K");
        assert_eq!(m(999_999), "$10K");
        assert_eq!(m(9_999_900), "$100K");
        assert_eq!(m(99_960_000), "$1M");
        assert_eq!(m(12_049_900), "$120K");
        assert_eq!(m(120_000_000), "$1.2M");
        assert_eq!(m(300_000_000), "$3M");
        assert_eq!(m(64_000), "$640");
        let sek = Currency::new("SEK").expect("code");
        assert_eq!(money(Money(4_800_000), &sek), "48K SEK");
    }

    #[test]
    fn hours_read_as_days_and_weeks_when_long() {
        assert_eq!(duration(1.0), "1 hour");
        assert_eq!(duration(4.0), "4 hours");
        assert_eq!(duration(1.5), "1.5 hours");
        // Never said longer than it was, and on the report's ladder.
        assert_eq!(duration(20.0 * 24.0), "2 weeks");
        assert_eq!(duration(90.0 * 24.0), "2 months");
        assert_eq!(duration(800.0 * 24.0), "2 years");
        assert_eq!(duration(0.5), "30 minutes");
        assert_eq!(duration(47.0), "47 hours");
        assert_eq!(duration(48.0), "2 days");
        assert_eq!(duration(264.0), "11 days");
        assert_eq!(duration(24.0 * 14.0), "2 weeks");
    }

    #[test]
    fn spans() {
        assert_eq!(parse_span("3 days"), Some((3, "day")));
        assert_eq!(parse_span("a week"), Some((1, "week")));
        assert_eq!(parse_span("24h"), Some((24, "hour")));
        assert_eq!(parse_span("Friday"), None);
        assert_eq!(span_text((3, "day"), true), "3-day");
        assert_eq!(span_text((24, "hour"), false), "24 hours");
    }
}
