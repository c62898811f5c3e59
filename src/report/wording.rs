//! The short phrases a weekly report prints next to an entry and in its
//! summary: "won $5,000", "saved 2 days 3 hours", "up $400 on last week".
//! Kept apart from the templates so every format says the same thing.

use super::summary::{Attention, Concern, Direction, MoneyMove, Summary};
use super::totals::{RevenueKind, hours_text};
use crate::model::{Currency, Entry, Kind, Money};

/// The numbers an entry carries, as phrases in a fixed order: customer
/// (when the title does not name it), money, savings, reach, adoption.
pub fn facts(entry: &Entry, currency: &Currency) -> Vec<String> {
    let mut facts = Vec::new();
    if let Some(customer) = entry.customer.as_deref().map(str::trim)
        && !customer.is_empty()
        && !names_customer(&entry.title, customer)
    {
        facts.push(format!("for {customer}"));
    }
    if let Some((kind, amount)) = RevenueKind::of(entry) {
        let verb = match kind {
            RevenueKind::Won => "won",
            RevenueKind::Protected => "protected",
            RevenueKind::Lost => "lost",
        };
        facts.push(format!("{verb} {}", amount.display(currency)));
    }
    if let Some(saved) = entry.cost_saved.filter(|m| *m != Money::ZERO) {
        facts.push(format!("saved {}", saved.display(currency)));
    }
    if let Some(hours) = entry.hours_saved.filter(|h| *h > 0.0) {
        facts.push(format!("cut waiting by {}", humane_hours(hours)));
    }
    if let Some(reach) = entry.reach.filter(|r| *r > 0) {
        let who = if reach == 1 { "person" } else { "people" };
        facts.push(format!(
            "reached {} {who}",
            crate::model::group_thousands(reach)
        ));
    }
    // What the customer is worth matters where the relationship was at stake.
    if matches!(entry.kind, Kind::Screwup | Kind::Fix)
        && let Some(value) = entry.customer_value.filter(|m| *m != Money::ZERO)
    {
        facts.push(format!("customer worth {}", value.display(currency)));
    }
    if !entry.adopted_by.is_empty() {
        facts.push(format!("adopted by {}", and_list(&entry.adopted_by)));
    }
    facts
}

/// True when the title already says who the customer is: it contains the
/// customer's name, or its first word when that is distinctive ("Birch" of
/// "Birch Ltd").
pub fn names_customer(title: &str, customer: &str) -> bool {
    let title = title.to_lowercase();
    let customer = customer.to_lowercase();
    if title.contains(&customer) {
        return true;
    }
    let first = customer.split_whitespace().next().unwrap_or_default();
    first.chars().count() >= 3
        && title
            .split(|c: char| !c.is_alphanumeric())
            .any(|word| word == first)
}

/// `45 minutes`, `6 hours`, `1.5 hours`, `3 days 2 hours`.
pub fn humane_hours(hours: f64) -> String {
    if hours < 1.0 {
        let minutes = (hours * 60.0).round().max(1.0);
        return plural(minutes as u64, "minute");
    }
    if hours < 24.0 {
        let text = hours_text(hours);
        return if text == "1" {
            "1 hour".into()
        } else {
            format!("{text} hours")
        };
    }
    let whole = hours.round() as u64;
    let (days, rest) = (whole / 24, whole % 24);
    if rest == 0 {
        plural(days, "day")
    } else {
        format!("{} {}", plural(days, "day"), plural(rest, "hour"))
    }
}

fn plural(n: u64, word: &str) -> String {
    counted(n, word, None)
}

/// `1 screw-up`, `2 screw-ups`, `1,200 wins`; `many` for a plural not made
/// with -s (`entries`).
pub fn counted(n: u64, one: &str, many: Option<&str>) -> String {
    let number = crate::model::group_thousands(n);
    match (n, many) {
        (1, _) => format!("{number} {one}"),
        (_, Some(many)) => format!("{number} {many}"),
        (_, None) => format!("{number} {one}s"),
    }
}

/// How long an item has been open or late, as a bullet says a span (the
/// exact count is in the JSON's `days`; "open 25,522 days" reads as noise).
fn how_long(days: i64) -> String {
    super::phrase::span_of_days(days.max(0) as u64)
}

/// `a`, `a and b`, `a, b and c`.
pub fn and_list(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// `up $400 on last week`, `down $1,200 on last week`, `same as last week`,
/// `none last week`.
pub fn change(line: &MoneyMove, currency: &Currency) -> String {
    let size = Money(line.change.cents().saturating_abs());
    match line.change.cents() {
        0 => "same as last week".into(),
        _ if line.last_week == Money::ZERO => "none last week".into(),
        c if c > 0 => format!("up {} on last week", size.display(currency)),
        _ => format!("down {} on last week", size.display(currency)),
    }
}

/// `3 wins, 1 screw-up`.
pub fn balance(summary: &Summary) -> String {
    let screwups = if summary.screwups == 1 {
        "1 screw-up".to_string()
    } else {
        format!("{} screw-ups", summary.screwups)
    };
    format!("{}, {screwups}", plural(u64::from(summary.wins), "win"))
}

/// `better than the 7 weeks before (2.1 wins, 1.4 screw-ups a week)`.
pub fn direction(summary: &Summary) -> String {
    let weeks = if summary.earlier_weeks == 1 {
        "the week before".to_string()
    } else {
        format!("the {} weeks before", summary.earlier_weeks)
    };
    let word = match summary.direction {
        // The journal may go back years beyond the trend: say what is true.
        Direction::FirstWeek => {
            return format!(
                "nothing in the {} weeks before to compare with",
                super::weekly::TREND_WEEKS - 1
            );
        }
        Direction::Better => "better than",
        Direction::Steady => "level with",
        Direction::Worse => "worse than",
    };
    format!(
        "{word} {weeks} ({}, {} a week)",
        per_week(summary.earlier_wins_tenths, "win"),
        per_week(summary.earlier_screwups_tenths, "screw-up")
    )
}

/// An average in tenths with its noun: `1 screw-up`, `1.4 screw-ups`, `0 wins`.
fn per_week(tenths_of: u32, noun: &str) -> String {
    let amount = tenths(tenths_of);
    if tenths_of == 10 {
        format!("{amount} {noun}")
    } else {
        format!("{amount} {noun}s")
    }
}

fn tenths(n: u32) -> String {
    if n.is_multiple_of(10) {
        (n / 10).to_string()
    } else {
        format!("{}.{}", n / 10, n % 10)
    }
}

/// `Open screw-up` / `Overdue promise`, and how long: `5 days open`,
/// `due 2026-11-20, 2 days late`.
pub fn concern(attention: &Attention) -> (&'static str, String) {
    match attention.concern {
        Concern::OpenScrewup => (
            "Open screw-up",
            match attention.days {
                0 => format!("{}, today", attention.entry.date.format("%Y-%m-%d")),
                days => format!(
                    "{}, open {}",
                    attention.entry.date.format("%Y-%m-%d"),
                    how_long(days)
                ),
            },
        ),
        Concern::OverduePromise => (
            "Overdue promise",
            format!(
                "due {}, {} late",
                attention
                    .entry
                    .due
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
                how_long(attention.days)
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::test_entries::entry;

    #[test]
    fn an_average_of_exactly_one_is_singular() {
        assert_eq!(per_week(10, "screw-up"), "1 screw-up");
        assert_eq!(per_week(14, "screw-up"), "1.4 screw-ups");
        assert_eq!(per_week(0, "win"), "0 wins");
    }

    #[test]
    fn an_entry_carries_its_numbers() {
        let mut e = entry("2026-11-18-aaaa", Kind::Fix, "Invoice check for Acme");
        e.customer = Some("Acme Corp".into());
        e.revenue = Some(Money(120_000));
        e.cost_saved = Some(Money(1_400_000));
        e.hours_saved = Some(74.0);
        e.reach = Some(1200);
        e.customer_value = Some(Money(12_000_000));
        e.adopted_by = vec!["billing".into(), "support".into(), "sales".into()];
        assert_eq!(
            facts(&e, &Currency::default()),
            [
                "protected $1,200",
                "saved $14,000",
                "cut waiting by 3 days 2 hours",
                "reached 1,200 people",
                "customer worth $120,000",
                "adopted by billing, support and sales",
            ]
        );
        e.title = "Invoice check".into();
        assert_eq!(facts(&e, &Currency::default())[0], "for Acme Corp");
    }

    #[test]
    fn spans_read_as_people_say_them() {
        let spans: Vec<String> = [0, 1, 13, 14, 38, 62, 63, 90, 364, 729, 730, 25_522]
            .into_iter()
            .map(how_long)
            .collect();
        assert_eq!(
            spans,
            [
                "0 days",
                "1 day",
                "13 days",
                "2 weeks",
                "5 weeks",
                "8 weeks",
                "2 months",
                "2 months",
                "11 months",
                "23 months",
                "2 years",
                "69 years"
            ]
        );
    }

    #[test]
    fn hours_read_as_people_say_them() {
        assert_eq!(humane_hours(0.5), "30 minutes");
        assert_eq!(humane_hours(1.0), "1 hour");
        assert_eq!(humane_hours(1.5), "1.5 hours");
        assert_eq!(humane_hours(48.0), "2 days");
        assert_eq!(humane_hours(25.0), "1 day 1 hour");
    }

    #[test]
    fn the_title_may_name_the_customer() {
        assert!(names_customer("Send Birch the contract", "Birch Ltd"));
        assert!(names_customer(
            "Call with northgate hospital",
            "Northgate Hospital"
        ));
        assert!(!names_customer("Sent the invoice twice", "Acme Corp"));
        assert!(!names_customer("Quote for Al", "Al Co"));
    }
}
