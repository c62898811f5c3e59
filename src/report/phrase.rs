//! Turning one entry into a resume line: a past-tense verb first, the
//! quantified outcome, the customer. English is guessed at, not parsed; an
//! entry's own `bullet` is the way out when the guess reads badly.

use crate::model::{Currency, Entry, Kind, Money, group_thousands};

use super::totals::hours_text;

/// Past tenses that do not end in "-ed", for titles that already lead with one.
const IRREGULAR: &[&str] = &[
    "became",
    "began",
    "bought",
    "brought",
    "built",
    "caught",
    "chose",
    "cut",
    "dealt",
    "did",
    "drew",
    "drove",
    "fed",
    "found",
    "gave",
    "got",
    "grew",
    "had",
    "held",
    "hit",
    "kept",
    "knew",
    "laid",
    "led",
    "left",
    "lent",
    "made",
    "met",
    "oversaw",
    "overcame",
    "paid",
    "put",
    "ran",
    "rebuilt",
    "redid",
    "rewrote",
    "sent",
    "set",
    "shut",
    "sold",
    "sped",
    "spent",
    "split",
    "spoke",
    "stood",
    "taught",
    "told",
    "took",
    "thought",
    "undertook",
    "understood",
    "upheld",
    "won",
    "wrote",
];

/// Words ending in "-ed" that are not past tenses.
const NOT_PAST: &[&str] = &[
    "bed", "red", "shed", "wed", "sled", "embed", "hundred", "need", "speed", "feed", "seed",
    "exceed", "proceed", "succeed", "breed", "weed", "bleed", "deed", "heed", "indeed",
];

/// True when `title` already starts with a past-tense verb ("Added …", "Sent …").
fn leads_with_past_tense(title: &str) -> bool {
    let Some(word) = title.split_whitespace().next() else {
        return false;
    };
    let word = word
        .trim_matches(|c: char| !c.is_alphabetic())
        .to_lowercase();
    if IRREGULAR.contains(&word.as_str()) {
        return true;
    }
    word.len() >= 4 && word.ends_with("ed") && !NOT_PAST.contains(&word.as_str())
}

/// The verb put before a title that does not start with one, by kind and outcome.
fn verb(entry: &Entry) -> &'static str {
    let positive = |money: Option<Money>| money.is_some_and(|m| m.cents() > 0);
    match entry.kind {
        Kind::Fix if !entry.adopted_by.is_empty() => "Introduced",
        Kind::Fix if entry.hours_saved.is_some_and(|h| h > 0.0) && !positive(entry.cost_saved) => {
            "Streamlined"
        }
        Kind::Fix => "Fixed",
        Kind::Exceeded => "Exceeded expectations on",
        Kind::Met => "Delivered",
        Kind::Promise => "Kept a commitment to",
        Kind::Note if !entry.adopted_by.is_empty() => "Started",
        Kind::Note | Kind::Screwup => "Completed",
    }
}

/// The resume line for `entry`, composed from its fields.
pub fn compose(entry: &Entry, currency: &Currency) -> String {
    let title = without_pronoun(entry.title.trim().trim_end_matches('.'));
    let title = title.as_str();
    let mut line = if leads_with_past_tense(title) {
        title.to_string()
    } else {
        format!(
            "{} {}",
            verb(entry),
            lower_first(title, entry.customer.as_deref())
        )
    };
    if let (Some(expected), Some(delivered)) = (&entry.expected, &entry.delivered) {
        line.push_str(&format!(
            " ({} vs. {} expected)",
            delivered.trim(),
            expected.trim()
        ));
    }
    if let Some(customer) = entry
        .customer
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        && !mentions(title, customer)
    {
        line.push_str(&format!(" for {customer}"));
        if let Some(value) = entry.customer_value.filter(|v| v.cents() > 0) {
            line.push_str(&format!(" (a {} account)", value.display(currency)));
        }
    }
    let outcomes = outcomes(entry, currency);
    if !outcomes.is_empty() {
        line.push_str(", ");
        line.push_str(&join_and(&outcomes));
    }
    if !entry.adopted_by.is_empty() {
        let who: Vec<String> = entry
            .adopted_by
            .iter()
            .map(|w| w.trim().to_string())
            .collect();
        line.push_str(&format!("; adopted by {}", join_and(&who)));
    }
    line
}

/// "winning $5,000 in revenue", "saving $4,000", …: the numbers, as participles.
fn outcomes(entry: &Entry, currency: &Currency) -> Vec<String> {
    let mut parts = Vec::new();
    if let Some(revenue) = entry.revenue.filter(|m| m.cents() > 0) {
        let verb = if entry.kind == Kind::Fix {
            "protecting"
        } else {
            "winning"
        };
        parts.push(format!("{verb} {} in revenue", revenue.display(currency)));
    }
    if let Some(saved) = entry.cost_saved.filter(|m| m.cents() > 0) {
        parts.push(format!("saving {}", saved.display(currency)));
    }
    if let Some(hours) = entry.hours_saved.filter(|h| *h > 0.0) {
        let unit = if hours == 1.0 { "hour" } else { "hours" };
        parts.push(format!(
            "cutting customer waiting time by {} {unit}",
            hours_text(hours)
        ));
    }
    if let Some(reach) = entry.reach.filter(|r| *r > 0) {
        let unit = if reach == 1 { "person" } else { "people" };
        parts.push(format!("reaching {} {unit}", group_thousands(reach)));
    }
    parts
}

/// "I sent Birch the contract" → "Sent Birch the contract": a resume line
/// leaves the pronoun out.
fn without_pronoun(title: &str) -> String {
    let rest = ["I ", "We ", "we "]
        .iter()
        .find_map(|p| title.strip_prefix(p));
    match rest.map(str::trim_start) {
        Some(rest) if !rest.is_empty() => {
            let mut chars = rest.chars();
            chars
                .next()
                .map_or_else(String::new, |c| c.to_uppercase().chain(chars).collect())
        }
        _ => title.to_string(),
    }
}

/// "a", "a and b", "a, b and c".
fn join_and(parts: &[String]) -> String {
    match parts {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} and {last}", init.join(", ")),
    }
}

/// "Quote for Birch" → "quote for Birch", but "CRM setup", "Q4 forecast",
/// "Acme renewal" (when Acme is the customer) and "I" keep their capitals.
fn lower_first(title: &str, customer: Option<&str>) -> String {
    let first = title.split_whitespace().next().unwrap_or("");
    let rest_lower = first
        .chars()
        .skip(1)
        .all(|c| c.is_alphabetic() && !c.is_uppercase());
    let names_customer = customer.is_some_and(|c| {
        c.split_whitespace()
            .next()
            .is_some_and(|w| w.eq_ignore_ascii_case(first))
    });
    if first.chars().count() < 2 || !rest_lower || names_customer {
        return title.to_string();
    }
    let mut chars = title.chars();
    match chars.next() {
        Some(c) => c.to_lowercase().chain(chars).collect(),
        None => String::new(),
    }
}

/// True when `title` names the customer, in full or by its first word
/// ("Send Birch the contract" names "Birch Ltd").
fn mentions(title: &str, customer: &str) -> bool {
    if title.to_lowercase().contains(&customer.to_lowercase()) {
        return true;
    }
    let Some(first) = customer
        .split_whitespace()
        .next()
        .filter(|w| w.chars().count() >= 3)
    else {
        return false;
    };
    title.split_whitespace().any(|word| {
        word.trim_matches(|c: char| !c.is_alphanumeric())
            .eq_ignore_ascii_case(first)
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PromiseStatus;

    fn entry(kind: Kind, title: &str) -> Entry {
        crate::report::test_entries::entry("2026-11-17-aaaa", kind, title)
    }

    #[test]
    fn past_tense_leads_are_recognised() {
        for yes in [
            "Added a check",
            "Sent Birch the contract",
            "Rewrote the checklist",
            "Won the Gable renewal",
            "Cut returns",
        ] {
            assert!(leads_with_past_tense(yes), "{yes}");
        }
        for no in [
            "Quote for Birch",
            "Send Birch the contract",
            "Speed up returns",
            "Red invoices",
            "Bed",
            "",
        ] {
            assert!(!leads_with_past_tense(no), "{no}");
        }
    }

    #[test]
    fn a_title_without_a_verb_gets_one_by_kind_and_outcome() {
        let mut exceeded = entry(Kind::Exceeded, "Quote for Birch Ltd turned around same day");
        exceeded.expected = Some("3 days".into());
        exceeded.delivered = Some("4 hours".into());
        exceeded.customer = Some("Birch Ltd".into());
        exceeded.revenue = Some(Money(500_000));
        exceeded.hours_saved = Some(68.0);
        assert_eq!(
            compose(&exceeded, &Currency::default()),
            "Exceeded expectations on quote for Birch Ltd turned around same day (4 hours vs. 3 days expected), \
             winning $5,000 in revenue and cutting customer waiting time by 68 hours"
        );
        let mut promise = entry(Kind::Promise, "Send Birch the revised contract.");
        promise.status = Some(PromiseStatus::Kept);
        promise.customer = Some("Birch Ltd".into());
        assert_eq!(
            compose(&promise, &Currency::default()),
            "Kept a commitment to send Birch the revised contract"
        );
        let mut fix = entry(Kind::Fix, "Calendar alerts before customer calls");
        fix.hours_saved = Some(1.0);
        assert_eq!(
            compose(&fix, &Currency::default()),
            "Streamlined calendar alerts before customer calls, cutting customer waiting time by 1 hour"
        );
        fix.adopted_by = vec!["sales".into(), "support".into(), "billing".into()];
        assert!(compose(&fix, &Currency::default()).starts_with("Introduced calendar"));
        assert!(
            compose(&fix, &Currency::default())
                .ends_with("; adopted by sales, support and billing")
        );
    }

    #[test]
    fn a_past_tense_title_leads_and_the_customer_is_named_once() {
        let mut fix = entry(Kind::Fix, "Added a duplicate-invoice check");
        fix.customer = Some("Acme Corp".into());
        fix.customer_value = Some(Money(12_000_000));
        fix.cost_saved = Some(Money(400_050));
        fix.reach = Some(1_200);
        assert_eq!(
            compose(&fix, &Currency::default()),
            "Added a duplicate-invoice check for Acme Corp (a $120,000 account), saving $4,000.50 and reaching 1,200 people"
        );
        let mut met = entry(Kind::Met, "Acme renewal signed on the agreed date");
        met.customer = Some("Acme Corp".into());
        assert_eq!(
            compose(&met, &Currency::default()),
            "Delivered Acme renewal signed on the agreed date"
        );
        met.customer = Some("Cedar & Sons".into());
        assert_eq!(
            compose(&met, &Currency::default()),
            "Delivered acme renewal signed on the agreed date for Cedar & Sons"
        );
        assert_eq!(
            compose(&entry(Kind::Note, "CRM training"), &Currency::default()),
            "Completed CRM training"
        );
        assert_eq!(
            compose(&entry(Kind::Met, "Q4 forecast"), &Currency::default()),
            "Delivered Q4 forecast"
        );
    }

    #[test]
    fn no_bullet_starts_with_a_pronoun() {
        let mut kept = entry(Kind::Promise, "I sent Birch the contract");
        kept.status = Some(PromiseStatus::Kept);
        assert_eq!(
            compose(&kept, &Currency::default()),
            "Sent Birch the contract"
        );
        let met = entry(Kind::Met, "We met the launch date");
        assert_eq!(compose(&met, &Currency::default()), "Met the launch date");
        assert_eq!(
            compose(&entry(Kind::Note, "I"), &Currency::default()),
            "Completed I"
        );
        assert_eq!(
            compose(&entry(Kind::Note, "Ideas list"), &Currency::default()),
            "Completed ideas list"
        );
    }
}
