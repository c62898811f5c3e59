//! Interview stories: "tell me about a time you made a mistake", answered
//! from what really happened. Each screw-up with the fixes that point to it
//! becomes Situation, Task, Action, Result; so does each exceeded entry
//! with what was expected and what was delivered.
//!
//! Titles are never pasted into the middle of a sentence (their capitals
//! and punctuation are the user's): each stands as its own sentence or
//! list item, and the sentences around them are built from the numbers.

use std::collections::HashMap;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Value, json};

use super::customers::money_lines;
use super::totals::{hours_text, major_units};
use super::weekly::iso_date;
use crate::model::{Currency, Entry, EntryId, Kind, Money};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum StoryKind {
    /// A screw-up and its fixes.
    Mistake,
    /// An expectation exceeded.
    Exceeded,
}

/// One step of the Action: an entry's title and day.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Step {
    pub id: String,
    pub date: String,
    pub title: String,
}

/// The numbers behind a story's Result.
#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct StoryImpact {
    #[serde(serialize_with = "major_units")]
    pub revenue_lost: Money,
    #[serde(serialize_with = "major_units")]
    pub revenue_protected: Money,
    #[serde(serialize_with = "major_units")]
    pub revenue_won: Money,
    #[serde(serialize_with = "major_units")]
    pub cost_saved: Money,
    pub hours_saved: f64,
    pub reach: u64,
    pub adopted_by: Vec<String>,
    /// Days from the screw-up to its first fix (mistakes only).
    pub days_to_fix: Option<i64>,
}

/// One story, ready to tell. `situation` and `result` are whole sentences.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Story {
    pub kind: StoryKind,
    #[serde(serialize_with = "date")]
    pub date: NaiveDate,
    pub customer: Option<String>,
    pub heading: String,
    pub situation: Vec<String>,
    pub task: String,
    pub action: Vec<Step>,
    pub result: Vec<String>,
    pub impact: StoryImpact,
}

fn date<S: serde::Serializer>(day: &NaiveDate, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&iso_date(*day))
}

/// The stories of `entries`: mistakes, then exceeded; each best first (most money protected, won or
/// saved, then hours, reach and adoption, then the newest). Fixes dated
/// after `until` are left out, so a past period tells what was true then.
pub fn stories(entries: &[Entry], until: Option<NaiveDate>, currency: &Currency) -> Vec<Story> {
    let mut fixes_of: HashMap<&EntryId, Vec<&Entry>> = HashMap::new();
    for fix in entries
        .iter()
        .filter(|e| e.kind == Kind::Fix && until.is_none_or(|u| e.date <= u))
    {
        for id in &fix.fixes {
            fixes_of.entry(id).or_default().push(fix);
        }
    }
    let mut stories: Vec<Story> = entries
        .iter()
        .filter_map(|entry| match entry.kind {
            Kind::Screwup => {
                let mut fixes = fixes_of.get(&entry.id)?.clone();
                fixes.sort_by_key(|f| (f.date, f.id.clone()));
                Some(mistake(entry, &fixes, currency))
            }
            Kind::Exceeded if entry.expected.is_some() && entry.delivered.is_some() => {
                Some(exceeded(entry, currency))
            }
            _ => None,
        })
        .collect();
    // Mistakes first: they answer the question interviewers ask most.
    stories.sort_by(|a, b| {
        (a.kind != StoryKind::Mistake)
            .cmp(&(b.kind != StoryKind::Mistake))
            .then(
                rank(b)
                    .partial_cmp(&rank(a))
                    .unwrap_or(std::cmp::Ordering::Equal),
            )
            .then(b.date.cmp(&a.date))
            .then(a.heading.cmp(&b.heading))
    });
    stories
}

fn rank(story: &Story) -> (Money, f64, u64, usize) {
    let i = &story.impact;
    (
        i.revenue_protected + i.revenue_won + i.cost_saved,
        i.hours_saved,
        i.reach,
        i.adopted_by.len(),
    )
}

fn mistake(screwup: &Entry, fixes: &[&Entry], currency: &Currency) -> Story {
    let customer = customer(screwup).or_else(|| fixes.iter().find_map(|f| customer(f)));
    let mut impact = impact_of(fixes.iter().copied());
    impact.revenue_lost = money_lines(screwup).2;
    impact.days_to_fix = fixes.first().map(|f| (f.date - screwup.date).num_days());
    let mut situation = vec![sentence(&screwup.title)];
    if let Some(details) = screwup.details.as_deref().filter(|d| !d.trim().is_empty()) {
        situation.push(sentence(details));
    }
    if impact.revenue_lost > Money::ZERO {
        situation.push(format!(
            "It put {} of revenue at risk.",
            impact.revenue_lost.display(currency)
        ));
    }
    let task = match &customer {
        Some(name) => format!("Put it right for {name} and make sure it could not happen again."),
        None => "Put it right and make sure it could not happen again.".to_string(),
    };
    let mut result = money_results(&impact, currency);
    if let Some(days) = impact.days_to_fix {
        result.push(match days {
            ..=0 => "Fixed the same day.".to_string(),
            1 => "Fixed the next day.".to_string(),
            n => format!("Fixed {n} days after it happened."),
        });
    }
    Story {
        kind: StoryKind::Mistake,
        date: screwup.date,
        heading: heading("A mistake", customer.as_deref(), screwup.date),
        customer,
        situation,
        task,
        action: fixes.iter().map(|f| step(f)).collect(),
        result,
        impact,
    }
}

fn exceeded(entry: &Entry, currency: &Currency) -> Story {
    let customer = customer(entry);
    let impact = impact_of([entry]);
    let expected = entry.expected.as_deref().unwrap_or_default();
    let delivered = entry.delivered.as_deref().unwrap_or_default();
    let task = match &customer {
        Some(name) => format!("Meet what {name} expected."),
        None => "Meet what was expected.".to_string(),
    };
    // Labelled fields keep the user's words as written: they are fragments.
    let mut result = vec![format!("Delivered: {}", delivered.trim())];
    result.extend(money_results(&impact, currency));
    Story {
        kind: StoryKind::Exceeded,
        date: entry.date,
        heading: heading(
            "Going beyond what was expected",
            customer.as_deref(),
            entry.date,
        ),
        customer,
        situation: vec![format!("Expected: {}", expected.trim())],
        task,
        action: vec![step(entry)],
        result,
        impact,
    }
}

/// The Result lines the numbers support, each a whole sentence.
fn money_results(impact: &StoryImpact, currency: &Currency) -> Vec<String> {
    let mut lines = Vec::new();
    if impact.revenue_protected > Money::ZERO {
        lines.push(format!(
            "Protected {} of revenue.",
            impact.revenue_protected.display(currency)
        ));
    }
    if impact.revenue_won > Money::ZERO {
        lines.push(format!(
            "Won {} of revenue.",
            impact.revenue_won.display(currency)
        ));
    }
    if impact.cost_saved > Money::ZERO {
        lines.push(format!(
            "Saved {} in costs.",
            impact.cost_saved.display(currency)
        ));
    }
    if impact.hours_saved > 0.0 {
        let hours = hours_text(impact.hours_saved);
        let unit = if hours == "1" { "hour" } else { "hours" };
        lines.push(format!("Cut {hours} {unit} of customer waiting."));
    }
    if impact.reach > 0 {
        let unit = if impact.reach == 1 {
            "person"
        } else {
            "people"
        };
        lines.push(format!("Reached {} {unit}.", impact.reach));
    }
    if !impact.adopted_by.is_empty() {
        lines.push(format!(
            "Adopted by others: {}.",
            impact.adopted_by.join(", ")
        ));
    }
    lines
}

fn impact_of<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> StoryImpact {
    let mut impact = StoryImpact::default();
    let mut hundredths: i64 = 0;
    for entry in entries {
        let (won, protected, _) = money_lines(entry);
        impact.revenue_won += won;
        impact.revenue_protected += protected;
        if let Some(saved) = entry.cost_saved.filter(|m| m.cents() > 0) {
            impact.cost_saved += saved;
        }
        hundredths += entry.hours_saved.map_or(0, |h| (h * 100.0).round() as i64);
        impact.reach = impact.reach.saturating_add(entry.reach.unwrap_or(0));
        for who in &entry.adopted_by {
            let who = who.trim();
            if !who.is_empty()
                && !impact
                    .adopted_by
                    .iter()
                    .any(|seen| seen.eq_ignore_ascii_case(who))
            {
                impact.adopted_by.push(who.to_string());
            }
        }
    }
    impact.hours_saved = hundredths as f64 / 100.0;
    impact
}

fn customer(entry: &Entry) -> Option<String> {
    entry
        .customer
        .as_deref()
        .map(str::trim)
        .filter(|c| !c.is_empty())
        .map(String::from)
}

fn step(entry: &Entry) -> Step {
    Step {
        id: entry.id.to_string(),
        date: iso_date(entry.date),
        title: sentence(&entry.title),
    }
}

/// `A mistake with Acme Corp, 1 October 2026`.
fn heading(what: &str, customer: Option<&str>, day: NaiveDate) -> String {
    let day = day.format("%-d %B %Y");
    match customer {
        Some(name) => format!("{what} with {name}, {day}"),
        None => format!("{what}, {day}"),
    }
}

/// The user's text as a sentence of its own: trimmed, a capital first
/// letter, and a full stop unless it already ends a sentence.
fn sentence(text: &str) -> String {
    let text = text.trim();
    let mut chars = text.chars();
    let mut out: String = match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => return String::new(),
    };
    if !out.ends_with(['.', '!', '?', '…']) {
        out.push('.');
    }
    out
}

/// `{"stories": […]}`: the stable JSON of `stories --format json`.
pub fn stories_json(stories: &[Story]) -> Value {
    json!({ "stories": stories })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::test_entries::{day, entry};

    fn journal() -> Vec<Entry> {
        let mut screwup = entry(
            "2026-10-01-aaaa",
            Kind::Screwup,
            "sent Acme the invoice twice",
        );
        screwup.customer = Some("Acme Corp".into());
        screwup.revenue = Some(Money(-120_000));
        let mut fix = entry(
            "2026-10-03-bbbb",
            Kind::Fix,
            "Added a duplicate-invoice check",
        );
        fix.fixes = vec![screwup.id.clone()];
        fix.revenue = Some(Money(120_000));
        fix.hours_saved = Some(6.0);
        fix.adopted_by = vec!["billing team".into()];
        let mut later = entry("2026-12-01-cccc", Kind::Fix, "Wrote it into the runbook!");
        later.fixes = vec![screwup.id.clone()];
        later.adopted_by = vec!["Billing Team".into(), "support".into()];
        let unfixed = entry("2026-10-04-dddd", Kind::Screwup, "Late to a call");
        let mut beyond = entry(
            "2026-10-05-eeee",
            Kind::Exceeded,
            "Shipped the report early",
        );
        beyond.expected = Some("the report by Friday".into());
        beyond.delivered = Some("it on Tuesday, with charts".into());
        let plain_win = entry("2026-10-06-ffff", Kind::Exceeded, "No expectation written");
        vec![screwup, fix, later, unfixed, beyond, plain_win]
    }

    #[test]
    fn a_fixed_screwup_tells_situation_task_action_result() {
        let stories = stories(&journal(), Some(day(2026, 10, 31)), &Currency::default());
        assert_eq!(
            stories.len(),
            2,
            "unfixed screw-ups and bare wins are no story"
        );
        let story = &stories[0];
        assert_eq!(story.kind, StoryKind::Mistake);
        assert_eq!(story.heading, "A mistake with Acme Corp, 1 October 2026");
        assert_eq!(
            story.situation,
            [
                "Sent Acme the invoice twice.",
                "It put $1,200 of revenue at risk."
            ]
        );
        assert_eq!(
            story.task,
            "Put it right for Acme Corp and make sure it could not happen again."
        );
        // The fix after --until is not part of a story told for October.
        assert_eq!(story.action.len(), 1);
        assert_eq!(story.action[0].title, "Added a duplicate-invoice check.");
        assert_eq!(
            story.result,
            [
                "Protected $1,200 of revenue.",
                "Cut 6 hours of customer waiting.",
                "Adopted by others: billing team.",
                "Fixed 2 days after it happened.",
            ]
        );
    }

    #[test]
    fn later_fixes_count_when_the_period_reaches_them() {
        let stories = stories(&journal(), None, &Currency::default());
        let story = &stories[0];
        assert_eq!(story.action.len(), 2);
        assert_eq!(story.action[1].title, "Wrote it into the runbook!");
        assert_eq!(story.impact.adopted_by, ["billing team", "support"]);
    }

    #[test]
    fn an_exceeded_expectation_is_a_story() {
        let stories = stories(&journal(), None, &Currency::default());
        let story = &stories[1];
        assert_eq!(story.kind, StoryKind::Exceeded);
        assert_eq!(story.situation, ["Expected: the report by Friday"]);
        assert_eq!(story.result, ["Delivered: it on Tuesday, with charts"]);
        let json = stories_json(&stories);
        assert_eq!(json["stories"][1]["kind"], "exceeded");
        assert_eq!(json["stories"][0]["impact"]["revenue_protected"], 1200);
        assert_eq!(json["stories"][0]["impact"]["days_to_fix"], 2);
    }
}
