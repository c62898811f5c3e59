//! Counts and money over a set of entries: a report's `totals`, each row of
//! `stats`, each point of a trend.

use std::collections::HashMap;

use serde::{Serialize, Serializer};

use crate::model::{Entry, Kind, Money, PromiseStatus};

/// What some entries add up to. Money is summed in cents; it is written to
/// JSON in major units (`5000`, `2500.75`).
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Totals {
    pub screwups: u32,
    pub fixes: u32,
    pub exceeded: u32,
    pub met: u32,
    pub notes: u32,
    pub promises_kept: u32,
    pub promises_missed: u32,
    pub promises_open: u32,
    /// Positive revenue on exceeded, met, promise and note entries.
    #[serde(serialize_with = "major_units")]
    pub revenue_won: Money,
    /// Positive revenue on fixes: money kept from being lost, not won.
    #[serde(serialize_with = "major_units")]
    pub revenue_protected: Money,
    /// Money lost, as a positive amount: negative revenue on any entry, and
    /// any revenue on a screw-up (see [`RevenueKind::of`]).
    #[serde(serialize_with = "major_units")]
    pub revenue_lost: Money,
    /// Each customer's value counted once (the largest written for them),
    /// so five entries about Acme do not make Acme five times as valuable.
    /// Entries without a customer each count.
    #[serde(serialize_with = "major_units")]
    pub customer_value: Money,
    #[serde(serialize_with = "major_units")]
    pub cost_saved: Money,
    pub hours_saved: f64,
    pub reach: u64,
}

impl Totals {
    pub fn of<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> Totals {
        let mut totals = Totals::default();
        let mut hundredths_of_hours: i64 = 0;
        let mut customers: HashMap<String, Money> = HashMap::new();
        let mut anonymous_value = Money::ZERO;
        for entry in entries {
            match entry.kind {
                Kind::Screwup => totals.screwups += 1,
                Kind::Fix => totals.fixes += 1,
                Kind::Exceeded => totals.exceeded += 1,
                Kind::Met => totals.met += 1,
                Kind::Note => totals.notes += 1,
                Kind::Promise => match entry.promise_status().unwrap_or_default() {
                    PromiseStatus::Kept => totals.promises_kept += 1,
                    PromiseStatus::Missed => totals.promises_missed += 1,
                    PromiseStatus::Open => totals.promises_open += 1,
                },
            }
            if let Some((kind, amount)) = RevenueKind::of(entry) {
                match kind {
                    RevenueKind::Won => totals.revenue_won += amount,
                    RevenueKind::Protected => totals.revenue_protected += amount,
                    RevenueKind::Lost => totals.revenue_lost += amount,
                }
            }
            if let Some(value) = entry.customer_value {
                match customer_key(entry) {
                    Some(key) => {
                        let seen = customers.entry(key).or_insert(value);
                        *seen = (*seen).max(value);
                    }
                    None => anonymous_value += value,
                }
            }
            if let Some(saved) = entry.cost_saved {
                totals.cost_saved += saved;
            }
            if let Some(hours) = entry.hours_saved {
                // Hours are floats in the file; summing them in hundredths
                // keeps 0.1 + 0.2 from printing as 0.30000000000000004.
                hundredths_of_hours =
                    hundredths_of_hours.saturating_add((hours * 100.0).round() as i64);
            }
            if let Some(reach) = entry.reach {
                totals.reach = totals.reach.saturating_add(reach);
            }
        }
        totals.customer_value = customers.into_values().sum::<Money>() + anonymous_value;
        totals.hours_saved = hundredths_of_hours as f64 / 100.0;
        totals
    }

    /// Exceeded + met + promises kept.
    pub fn wins(&self) -> u32 {
        self.exceeded + self.met + self.promises_kept
    }

    /// Promises kept out of those decided (kept or missed), as a whole
    /// percentage rounded down so that 199 of 200 never shows as 100%.
    /// `None` when no promise was decided.
    pub fn kept_rate(&self) -> Option<u32> {
        percent(
            self.promises_kept,
            self.promises_kept + self.promises_missed,
        )
    }
}

/// Which of the three money lines an entry's revenue belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum RevenueKind {
    Won,
    Protected,
    Lost,
}

impl RevenueKind {
    /// The line `entry`'s revenue counts on and its size (never negative).
    /// A screw-up's revenue is always a loss: input refuses a positive one,
    /// and one written by hand (or before that rule) is read as the amount
    /// lost rather than counted as money won. `None` without revenue.
    pub fn of(entry: &Entry) -> Option<(RevenueKind, Money)> {
        let revenue = entry.revenue?;
        let size = Money(revenue.cents().saturating_abs());
        let kind = match entry.kind {
            Kind::Screwup => RevenueKind::Lost,
            _ if revenue.cents() < 0 => RevenueKind::Lost,
            Kind::Fix => RevenueKind::Protected,
            _ => RevenueKind::Won,
        };
        (size != Money::ZERO).then_some((kind, size))
    }
}

/// `part` of `whole` in whole percent, rounded down; `None` for an empty whole.
pub fn percent(part: u32, whole: u32) -> Option<u32> {
    (whole > 0).then(|| (u64::from(part) * 100 / u64::from(whole)) as u32)
}

fn customer_key(entry: &Entry) -> Option<String> {
    let name = entry.customer.as_deref()?.trim();
    (!name.is_empty()).then(|| name.to_lowercase())
}

/// Money as a JSON number in major units: an integer when it has no cents.
pub fn major_units<S: Serializer>(money: &Money, serializer: S) -> Result<S::Ok, S::Error> {
    if money.is_whole() {
        serializer.serialize_i64(money.whole_major())
    } else {
        serializer.serialize_f64(money.as_major_f64())
    }
}

/// `6`, `1.5`, `0.25`: hours without trailing zeros.
pub fn hours_text(hours: f64) -> String {
    let text = format!("{hours:.2}");
    text.trim_end_matches('0').trim_end_matches('.').to_string()
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    fn entry(id: &str, kind: Kind) -> Entry {
        crate::report::test_entries::entry(id, kind, "t")
    }

    #[test]
    fn money_is_summed_in_cents_and_split_by_sign() {
        let mut a = entry("2026-11-16-aaaa", Kind::Met);
        a.revenue = Some(Money(250_075));
        let mut b = entry("2026-11-16-bbbb", Kind::Screwup);
        b.revenue = Some(Money(-35_050));
        let mut c = entry("2026-11-16-cccc", Kind::Fix);
        c.revenue = Some(Money(10));
        c.cost_saved = Some(Money(20));
        let totals = Totals::of([&a, &b, &c]);
        assert_eq!(totals.revenue_won, Money(250_075));
        assert_eq!(totals.revenue_protected, Money(10));
        assert_eq!(totals.revenue_lost, Money(35_050));
        let json = serde_json::to_value(&totals).expect("serialises");
        assert_eq!(json["revenue_won"], json!(2500.75));
        assert_eq!(json["revenue_protected"], json!(0.1));
        assert_eq!(json["revenue_lost"], json!(350.5));
        assert_eq!(json["cost_saved"], json!(0.2));
        assert_eq!(json["screwups"], json!(1));
    }

    #[test]
    fn a_screwup_never_wins_money() {
        let mut typed_positive = entry("2026-11-16-aaaa", Kind::Screwup);
        typed_positive.revenue = Some(Money(50_000));
        let mut lost_on_a_win = entry("2026-11-16-bbbb", Kind::Exceeded);
        lost_on_a_win.revenue = Some(Money(-10_000));
        let totals = Totals::of([&typed_positive, &lost_on_a_win]);
        assert_eq!(totals.revenue_won, Money::ZERO);
        assert_eq!(totals.revenue_lost, Money(60_000));
    }

    #[test]
    fn a_customer_is_valued_once() {
        let mut a = entry("2026-11-16-aaaa", Kind::Met);
        a.customer = Some("Acme Corp".into());
        a.customer_value = Some(Money(100_000));
        let mut b = entry("2026-11-16-bbbb", Kind::Screwup);
        b.customer = Some("acme corp ".into());
        b.customer_value = Some(Money(120_000));
        let mut c = entry("2026-11-16-cccc", Kind::Note);
        c.customer_value = Some(Money(5_000));
        assert_eq!(Totals::of([&a, &b, &c]).customer_value, Money(125_000));
    }

    #[test]
    fn hours_add_up_without_float_noise() {
        let mut a = entry("2026-11-16-aaaa", Kind::Fix);
        a.hours_saved = Some(0.1);
        let mut b = entry("2026-11-16-bbbb", Kind::Fix);
        b.hours_saved = Some(0.2);
        let totals = Totals::of([&a, &b]);
        assert_eq!(totals.hours_saved, 0.3);
        assert_eq!(hours_text(totals.hours_saved), "0.3");
        assert_eq!(hours_text(6.0), "6");
    }

    #[test]
    fn promises_and_wins() {
        let mut kept = entry("2026-11-16-aaaa", Kind::Promise);
        kept.status = Some(PromiseStatus::Kept);
        let mut missed = entry("2026-11-16-bbbb", Kind::Promise);
        missed.status = Some(PromiseStatus::Missed);
        let mut unwritten = entry("2026-11-16-cccc", Kind::Promise);
        unwritten.status = None;
        let met = entry("2026-11-16-dddd", Kind::Met);
        let totals = Totals::of([&kept, &missed, &unwritten, &met]);
        assert_eq!(
            (
                totals.promises_kept,
                totals.promises_missed,
                totals.promises_open
            ),
            (1, 1, 1)
        );
        assert_eq!(totals.wins(), 2);
        assert_eq!(totals.kept_rate(), Some(50));
        assert_eq!(Totals::default().kept_rate(), None);
        assert_eq!(percent(199, 200), Some(99));
    }
}
