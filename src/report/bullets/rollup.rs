//! Entries whose titles say the same thing ("Turned around the Acme quote
//! the same day", "… the Birch quote the same day") become one bullet with
//! the count and the summed outcomes, so a resume never repeats a line.

use crate::model::{Entry, Money};
use crate::report::phrase::{RollUp, join_and, opening_of};

const ARTICLES: &[&str] = &["the", "a", "an", "our", "my"];

/// What a title says, without its customer, articles, case or punctuation.
pub fn key(entry: &Entry) -> String {
    let title = without_customer(&opening_of(entry), entry.customer.as_deref());
    title
        .split_whitespace()
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .trim_end_matches("'s")
                .to_lowercase()
        })
        .filter(|w| !w.is_empty() && !ARTICLES.contains(&w.as_str()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// `title` with the customer's name taken out: "Trained Acme Corp's new
/// staff" → "Trained the new staff"; "Call Kestrel Air back" → "Call back".
fn without_customer(title: &str, customer: Option<&str>) -> String {
    let Some(customer) = customer.map(str::trim).filter(|c| !c.is_empty()) else {
        return title.to_string();
    };
    let lower = title.to_lowercase();
    let name = customer.to_lowercase();
    let first = name.split_whitespace().next().unwrap_or("").to_string();
    let (at, len) = match lower.find(&name) {
        Some(at) => (at, name.len()),
        None if first.len() >= 3 => match lower
            .split(' ')
            .scan(0, |pos, w| {
                let start = *pos;
                *pos += w.len() + 1;
                Some((start, w))
            })
            .find(|(_, w)| w.trim_end_matches("'s").trim_end_matches('\'') == first)
        {
            Some((at, _)) => (at, first.len()),
            None => return title.to_string(),
        },
        None => return title.to_string(),
    };
    if !title.is_char_boundary(at) || !title.is_char_boundary(at + len) {
        return title.to_string();
    }
    let mut before = title[..at].trim_end();
    // "the quote for Birch Ltd same day" → "the quote same day".
    for preposition in [" for", " to", " at", " with"] {
        if let Some(stripped) = before.strip_suffix(preposition) {
            before = stripped;
        }
    }
    let mut after = &title[at + len..];
    let possessive = after.starts_with("'s") || after.starts_with('\'');
    if possessive {
        after = after.trim_start_matches("'s").trim_start_matches('\'');
    }
    let before_lower = before.to_lowercase();
    let needs_the = possessive
        && !ARTICLES
            .iter()
            .any(|a| before_lower.ends_with(&format!(" {a}")) || before_lower == *a);
    let joined = if needs_the {
        format!("{before} the {}", after.trim_start())
    } else {
        format!("{before} {}", after.trim_start())
    };
    let mut words: Vec<&str> = joined.split_whitespace().collect();
    // "… for" or "… to" left hanging where the name was.
    while words
        .last()
        .is_some_and(|w| ["for", "to", "at", "with"].contains(&w.to_lowercase().as_str()))
    {
        words.pop();
    }
    words.join(" ")
}

/// "Closed the Birch Ltd renewal as agreed" for 2 → "Closed 2 renewals as
/// agreed", or with `how_many` the names, "Closed the Birch Ltd and Dunmore
/// Dental renewals as agreed": when the name stands between "the" and the
/// thing, the thing is counted. `None` when the words are not of that shape.
fn counted_plural(opening: &str, customer: Option<&str>, how_many: &str) -> Option<String> {
    let customer = customer?.trim();
    let words: Vec<&str> = opening.split_whitespace().collect();
    let name: Vec<&str> = customer.split_whitespace().collect();
    let at = (1..words.len()).find(|&i| {
        words[i - 1].eq_ignore_ascii_case("the")
            && words.len() >= i + name.len()
            && words[i..i + name.len()]
                .iter()
                .zip(&name)
                .all(|(w, n)| w.eq_ignore_ascii_case(n))
    })?;
    let thing_start = at + name.len();
    const STOP: &[&str] = &[
        "the",
        "a",
        "an",
        "as",
        "on",
        "in",
        "for",
        "to",
        "with",
        "by",
        "at",
        "same",
        "early",
        "before",
        "after",
        "ahead",
        "within",
        "overnight",
    ];
    let thing_end = (thing_start..words.len())
        .find(|&i| STOP.contains(&words[i].to_lowercase().as_str()) || words[i].ends_with(','))
        .unwrap_or(words.len());
    if thing_end == thing_start {
        return None;
    }
    let mut out: Vec<String> = words[..at - 1].iter().map(|w| w.to_string()).collect();
    out.push(how_many.to_string());
    out.extend(
        words[thing_start..thing_end - 1]
            .iter()
            .map(|w| w.to_string()),
    );
    out.push(plural(words[thing_end - 1]));
    out.extend(words[thing_end..].iter().map(|w| w.to_string()));
    Some(out.join(" "))
}

/// The most names a counted bullet spells out ("the Birch Ltd and Dunmore
/// Dental renewals"); past it, or when one customer has several entries, the
/// bullet counts ("5 renewals"): a recruiter reads names as proof, a list
/// as noise.
const MAX_NAMED_ACCOUNTS: usize = 3;
const MAX_NAMES_CHARS: usize = 50;

/// "the Birch Ltd and Dunmore Dental", best first, as each was written;
/// `None` when the names would not say how many entries there are or would
/// be too long.
fn named_accounts(group: &[&Entry], accounts: usize) -> Option<String> {
    // As many accounts as entries: each entry names its own customer.
    if accounts != group.len() || accounts > MAX_NAMED_ACCOUNTS {
        return None;
    }
    let names: Vec<&str> = group
        .iter()
        .filter_map(|e| e.customer.as_deref())
        .map(str::trim)
        .collect();
    let joined = join_and(&names);
    (joined.chars().count() <= MAX_NAMES_CHARS).then(|| format!("the {joined}"))
}

/// "quote" → "quotes", "pass" → "passes", "delivery" → "deliveries".
fn plural(noun: &str) -> String {
    let lower = noun.to_lowercase();
    if lower.ends_with('s') && !lower.ends_with("ss") {
        noun.to_string()
    } else if ["s", "x", "ch", "sh"].iter().any(|e| lower.ends_with(e)) {
        format!("{noun}es")
    } else if lower.ends_with('y')
        && !lower.ends_with("ay")
        && !lower.ends_with("ey")
        && !lower.ends_with("oy")
    {
        format!("{}ies", &noun[..noun.len() - 1])
    } else {
        format!("{noun}s")
    }
}

/// One entry standing for `group` (best first): the best one's words without
/// a customer when they name several, and every number summed.
pub fn merge(group: &[&Entry]) -> (Entry, RollUp) {
    let best = group[0];
    let mut customers: Vec<String> = group
        .iter()
        .filter_map(|e| e.customer.as_deref())
        .map(|c| c.trim().to_lowercase())
        .filter(|c| !c.is_empty())
        .collect();
    customers.sort();
    customers.dedup();
    let mut merged = best.clone();
    let mut counted = false;
    if customers.len() >= 2 {
        let opening = opening_of(best);
        let how_many =
            named_accounts(group, customers.len()).unwrap_or_else(|| group.len().to_string());
        merged.title = match counted_plural(&opening, best.customer.as_deref(), &how_many) {
            Some(plural) => {
                counted = true;
                plural
            }
            None => without_customer(&opening, best.customer.as_deref()),
        };
        merged.customer = None;
    }
    merged.customer_value = None;
    let sum = |field: fn(&Entry) -> Option<Money>| {
        let total: Money = group
            .iter()
            .filter_map(|e| field(e))
            .filter(|m| m.cents() > 0)
            .sum();
        (total.cents() > 0).then_some(total)
    };
    merged.revenue = sum(|e| e.revenue);
    merged.cost_saved = sum(|e| e.cost_saved);
    let hours: f64 = group
        .iter()
        .filter_map(|e| e.hours_saved)
        .filter(|h| *h > 0.0)
        .sum();
    merged.hours_saved = (hours > 0.0).then_some(hours);
    let reach: u64 = group.iter().filter_map(|e| e.reach).sum();
    merged.reach = (reach > 0).then_some(reach);
    let mut adopters: Vec<String> = Vec::new();
    for who in group.iter().flat_map(|e| &e.adopted_by) {
        if !adopters.iter().any(|a| a.eq_ignore_ascii_case(who.trim())) {
            adopters.push(who.trim().to_string());
        }
    }
    merged.adopted_by = adopters;
    let same = |f: fn(&Entry) -> &Option<String>| group.iter().all(|e| f(e) == f(best));
    if !(same(|e| &e.expected) && same(|e| &e.delivered)) {
        merged.expected = None;
        merged.delivered = None;
    }
    let rollup = RollUp {
        count: group.len(),
        accounts: customers.len(),
        counted,
    };
    (merged, rollup)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_customer_is_taken_out() {
        let c = |t: &str, c: &str| without_customer(t, Some(c));
        assert_eq!(
            c(
                "Turned around the Acme Corp quote the same day",
                "Acme Corp"
            ),
            "Turned around the quote the same day"
        );
        assert_eq!(
            c(
                "Trained Juniper Hotels's new staff in half the time",
                "Juniper Hotels"
            ),
            "Trained the new staff in half the time"
        );
        assert_eq!(
            c("Call Kestrel back about the renewal", "Kestrel Air"),
            "Call back about the renewal"
        );
        assert_eq!(
            c("Closed the renewal for Birch Ltd", "Birch Ltd"),
            "Closed the renewal"
        );
        assert_eq!(
            c(
                "turned around the quote for Birch Ltd same day",
                "Birch Ltd"
            ),
            "turned around the quote same day"
        );
    }

    #[test]
    fn the_thing_is_counted_when_the_name_stood_before_it() {
        let p = |t: &str, c: &str, n| counted_plural(t, Some(c), n);
        assert_eq!(
            p("closed the Birch Ltd renewal as agreed", "Birch Ltd", "2").as_deref(),
            Some("closed 2 renewals as agreed")
        );
        assert_eq!(
            p(
                "Delivered the Acme Corp quarterly review a week early",
                "Acme Corp",
                "3"
            )
            .as_deref(),
            Some("Delivered 3 quarterly reviews a week early")
        );
        assert_eq!(
            p("Solved Acme Corp's login problem", "Acme Corp", "2"),
            None
        );
    }

    #[test]
    fn a_few_accounts_are_named_and_more_are_counted() {
        let entry = |customer: &str| {
            let id: crate::model::EntryId = "2026-09-03-k7q2".parse().expect("id");
            let mut e = Entry::new(
                id.clone(),
                id.date(),
                crate::model::Kind::Met,
                format!("Closed the {customer} renewal as agreed"),
            );
            e.customer = Some(format!(" {customer} "));
            e
        };
        let title = |names: &[&str]| {
            let entries: Vec<Entry> = names.iter().map(|n| entry(n)).collect();
            merge(&entries.iter().collect::<Vec<_>>()).0.title
        };
        assert_eq!(
            title(&["Birch Ltd", "Dunmore Dental"]),
            "closed the Birch Ltd and Dunmore Dental renewals as agreed"
        );
        assert_eq!(
            title(&["Birch Ltd", "Dunmore Dental", "Acme"]),
            "closed the Birch Ltd, Dunmore Dental and Acme renewals as agreed"
        );
        assert_eq!(
            title(&["Birch", "Dunmore", "Acme", "Kestrel"]),
            "closed 4 renewals as agreed"
        );
        // Two entries for Birch: names alone would hide the third renewal.
        assert_eq!(
            title(&["Birch Ltd", "Dunmore Dental", "birch ltd"]),
            "closed 3 renewals as agreed"
        );
        assert_eq!(
            title(&["Northgate Hospital Trust", "Pinecrest Foods Wholesale Ltd"]),
            "closed 2 renewals as agreed",
            "names longer than a reader takes in at once are counted"
        );
    }
}
