//! Entries as text for people: every piece of entry text passes through the
//! sanitiser, so a hostile title cannot act on the terminal.

use std::fmt::Write;

use crate::model::{Currency, Entry, Kind};
use crate::sanitize;

/// `2026-11-18-k7q2  screw-up  Sent Acme the invoice twice · Acme Corp · -$1,200`
pub fn entry_line(entry: &Entry, currency: &Currency) -> String {
    let mut line = format!(
        "{}  {:<8}  {}",
        entry.id,
        entry.kind.label(),
        sanitize::line(&entry.title)
    );
    let mut extras = Vec::new();
    if let Some(customer) = &entry.customer {
        extras.push(sanitize::line(customer));
    }
    if let Some(revenue) = entry.revenue {
        extras.push(revenue.display(currency));
    }
    if entry.kind == Kind::Promise {
        let status = entry.promise_status().unwrap_or_default();
        match entry.due {
            Some(due) => extras.push(format!("due {due}, {status}")),
            None => extras.push(status.to_string()),
        }
    }
    for extra in extras {
        let _ = write!(line, " · {extra}");
    }
    line
}

/// Every field, one per line, for `show`.
pub fn entry_full(
    entry: &Entry,
    currency: &Currency,
    fixed_titles: &[(String, Option<String>)],
) -> String {
    let mut out = String::new();
    let mut field = |name: &str, value: String| {
        let _ = writeln!(out, "{name:<15} {value}");
    };
    field("id", entry.id.to_string());
    field("date", entry.date.format("%Y-%m-%d (%a)").to_string());
    field("kind", entry.kind.label().to_string());
    field("title", sanitize::line(&entry.title));
    if let Some(time) = entry.time {
        field("time", time.format("%H:%M").to_string());
    }
    if let Some(customer) = &entry.customer {
        field("customer", sanitize::line(customer));
    }
    if !entry.tags.is_empty() {
        field("tags", sanitize::line(&entry.tags.join(", ")));
    }
    for (name, money) in [
        ("revenue", entry.revenue),
        ("customer value", entry.customer_value),
        ("cost saved", entry.cost_saved),
    ] {
        if let Some(money) = money {
            field(name, money.display(currency));
        }
    }
    if let Some(hours) = entry.hours_saved {
        field("hours saved", format!("{hours}"));
    }
    if let Some(reach) = entry.reach {
        field("reach", reach.to_string());
    }
    if !entry.adopted_by.is_empty() {
        field("adopted by", sanitize::line(&entry.adopted_by.join(", ")));
    }
    for (id, title) in fixed_titles {
        let title = title
            .as_deref()
            .map_or_else(|| "(not in the journal)".to_string(), sanitize::line);
        field("fixes", format!("{id}  {title}"));
    }
    if let Some(expected) = &entry.expected {
        field("expected", sanitize::line(expected));
    }
    if let Some(delivered) = &entry.delivered {
        field("delivered", sanitize::line(delivered));
    }
    if let Some(due) = entry.due {
        field("due", due.format("%Y-%m-%d (%a)").to_string());
    }
    if let Some(status) = entry.promise_status() {
        field("status", status.to_string());
    }
    if let Some(bullet) = &entry.bullet {
        field("bullet", sanitize::line(bullet));
    }
    if let Some(details) = &entry.details {
        let _ = write!(out, "\n{}\n", sanitize::block(details).trim_end());
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{EntryId, Money};

    #[test]
    fn lines_are_sanitised_and_carry_money() {
        let id: EntryId = "2026-11-18-k7q2".parse().unwrap();
        let mut entry = Entry::new(id.clone(), id.date(), Kind::Screwup, "Sent \u{1b}[2Jtwice");
        entry.revenue = Some(Money(-120_000));
        entry.customer = Some("Acme".into());
        assert_eq!(
            entry_line(&entry, &Currency::default()),
            "2026-11-18-k7q2  screw-up  Sent \\u{1b}[2Jtwice · Acme · -$1,200"
        );
    }
}
