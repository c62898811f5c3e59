//! Impact per customer: what each customer is worth and what was done for
//! them. Names are grouped trimmed and case-insensitively, so "Acme Corp"
//! and "acme corp " are one customer, shown as most recently written.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;

use super::totals::{RevenueKind, major_units};
use super::weekly::iso_date;
use crate::model::{Entry, Kind, Money, PromiseStatus};

/// One customer's line.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct CustomerLine {
    pub name: String,
    pub entries: u32,
    pub screwups: u32,
    pub fixes: u32,
    /// Exceeded + met + promises kept.
    pub wins: u32,
    /// Positive revenue on anything but a fix.
    #[serde(serialize_with = "major_units")]
    pub revenue_won: Money,
    /// Revenue on a fix: kept from being lost.
    #[serde(serialize_with = "major_units")]
    pub revenue_protected: Money,
    /// The size of negative revenue (a positive amount).
    #[serde(serialize_with = "major_units")]
    pub revenue_lost: Money,
    /// The largest value written for the customer.
    #[serde(serialize_with = "major_units")]
    pub customer_value: Money,
    #[serde(serialize_with = "date")]
    pub last_contact: NaiveDate,
}

fn date<S: serde::Serializer>(day: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&iso_date(*day))
}

/// Money split the three ways totals are: won, protected (a fix's revenue)
/// and lost (as a positive amount), by the one rule [`RevenueKind::of`].
pub fn money_lines(entry: &Entry) -> (Money, Money, Money) {
    match RevenueKind::of(entry) {
        Some((RevenueKind::Won, size)) => (size, Money::ZERO, Money::ZERO),
        Some((RevenueKind::Protected, size)) => (Money::ZERO, size, Money::ZERO),
        Some((RevenueKind::Lost, size)) => (Money::ZERO, Money::ZERO, size),
        None => (Money::ZERO, Money::ZERO, Money::ZERO),
    }
}

/// The key customers are grouped by; `None` for no customer.
pub fn customer_key(name: &str) -> Option<String> {
    let name = name.trim();
    (!name.is_empty()).then(|| name.to_lowercase())
}

/// One line per customer of `entries`, most valuable first (then most
/// revenue won and protected, then by name). Entries without a customer
/// are left out.
pub fn customers<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> Vec<CustomerLine> {
    let mut lines: HashMap<String, CustomerLine> = HashMap::new();
    for entry in entries {
        let Some(name) = entry.customer.as_deref() else {
            continue;
        };
        let Some(key) = customer_key(name) else {
            continue;
        };
        let line = lines.entry(key).or_insert_with(|| CustomerLine {
            name: name.trim().to_string(),
            entries: 0,
            screwups: 0,
            fixes: 0,
            wins: 0,
            revenue_won: Money::ZERO,
            revenue_protected: Money::ZERO,
            revenue_lost: Money::ZERO,
            customer_value: Money::ZERO,
            last_contact: entry.date,
        });
        line.entries += 1;
        match entry.kind {
            Kind::Screwup => line.screwups += 1,
            Kind::Fix => line.fixes += 1,
            Kind::Exceeded | Kind::Met => line.wins += 1,
            Kind::Promise if entry.promise_status() == Some(PromiseStatus::Kept) => line.wins += 1,
            Kind::Promise | Kind::Note => {}
        }
        let (won, protected, lost) = money_lines(entry);
        line.revenue_won += won;
        line.revenue_protected += protected;
        line.revenue_lost += lost;
        if let Some(value) = entry.customer_value {
            line.customer_value = line.customer_value.max(value);
        }
        // The latest spelling names the customer; ties keep the first seen.
        if entry.date > line.last_contact {
            line.last_contact = entry.date;
            line.name = name.trim().to_string();
        }
    }
    let mut lines: Vec<CustomerLine> = lines.into_values().collect();
    lines.sort_by(|a, b| {
        b.customer_value
            .cmp(&a.customer_value)
            .then((b.revenue_won + b.revenue_protected).cmp(&(a.revenue_won + a.revenue_protected)))
            .then(a.name.to_lowercase().cmp(&b.name.to_lowercase()))
    });
    lines
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::test_entries::entry;

    fn with(id: &str, kind: Kind, customer: &str, revenue: i64) -> Entry {
        let mut e = entry(id, kind, "t");
        e.customer = Some(customer.into());
        e.revenue = (revenue != 0).then_some(Money(revenue * 100));
        e
    }

    #[test]
    fn names_group_trimmed_and_case_insensitively_with_money_split_three_ways() {
        let mut big = with("2026-10-01-aaaa", Kind::Screwup, "Acme Corp", -1200);
        big.customer_value = Some(Money(5_000_000));
        let entries = vec![
            big,
            with("2026-10-03-bbbb", Kind::Fix, " acme corp ", 1200),
            with("2026-10-05-cccc", Kind::Exceeded, "ACME corp", 300),
            with("2026-10-02-dddd", Kind::Met, "Globex", 0),
            entry("2026-10-02-eeee", Kind::Note, "no customer"),
        ];
        let lines = customers(&entries);
        assert_eq!(lines.len(), 2);
        let acme = &lines[0];
        assert_eq!(acme.name, "ACME corp");
        assert_eq!(
            (acme.entries, acme.screwups, acme.fixes, acme.wins),
            (3, 1, 1, 1)
        );
        assert_eq!(acme.revenue_won, Money(30_000));
        assert_eq!(acme.revenue_protected, Money(120_000));
        assert_eq!(acme.revenue_lost, Money(120_000));
        assert_eq!(acme.customer_value, Money(5_000_000));
        assert_eq!(acme.last_contact.to_string(), "2026-10-05");
        let json = serde_json::to_value(acme).expect("json");
        assert_eq!(json["revenue_protected"], serde_json::json!(1200));
        assert_eq!(json["last_contact"], serde_json::json!("2026-10-05"));
        assert_eq!(lines[1].name, "Globex");
        assert_eq!(lines[1].wins, 1);
    }
}
