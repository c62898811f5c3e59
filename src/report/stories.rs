//! Interview stories: "tell me about a time you made a mistake", answered
//! from what really happened. Each screw-up with the fixes that point to it
//! becomes Situation, Task, Action, Result; so does each exceeded entry
//! with what was expected and what was delivered.
//!
//! Titles are never pasted into the middle of a sentence (their capitals
//! and punctuation are the user's): each stands as its own sentence or
//! list item, and the sentences around them are built from the numbers.

use std::collections::HashMap;
use std::io::Write;
use std::sync::Arc;

use chrono::NaiveDate;
use serde::Serialize;

use super::ReportError;
use super::customers::money_lines;
use super::render::{Format, write_json};
use super::templates::{Templates, context_with_list};
use super::totals::{hours_text, major_units};
use super::weekly::iso_date;
use crate::model::permute;
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
pub fn stories<'a>(
    entries: impl IntoIterator<Item = &'a Entry, IntoIter: Clone>,
    until: Option<NaiveDate>,
    currency: &Currency,
) -> Vec<Story> {
    let entries = entries.into_iter();
    let mut fixes_of: HashMap<&EntryId, Vec<&Entry>> = HashMap::new();
    for fix in entries
        .clone()
        .filter(|e| e.kind == Kind::Fix && until.is_none_or(|u| e.date <= u))
    {
        for id in &fix.fixes {
            fixes_of.entry(id).or_default().push(fix);
        }
    }
    let mut stories: Vec<Story> = entries
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
    // Positions are sorted, not the stories: a stable sort's scratch space
    // for 26,000 stories of some 300 bytes was 8 MB at the peak.
    let mut order: Vec<usize> = (0..stories.len()).collect();
    order.sort_by(|&a, &b| {
        let (a, b) = (&stories[a], &stories[b]);
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
    permute(&mut stories, order);
    stories
}

/// Whether `entry` can be part of a story: a screw-up, a fix or an
/// exceeded entry. A caller that holds a whole journal can free the rest
/// before the stories are built.
pub fn in_stories(entry: &Entry) -> bool {
    matches!(entry.kind, Kind::Screwup | Kind::Fix | Kind::Exceeded)
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
#[derive(Serialize)]
struct StoriesJson<'a> {
    stories: &'a [Story],
}

/// The stories in `format` (Markdown, text or JSON) into `out`, one story
/// at a time: at 100k entries the stories are some 26,000, and as one JSON
/// value or one document they took twice the memory of the journal itself.
/// Markdown and text come from `stories.md` and `stories.txt`, whose context
/// is the JSON.
pub fn write_stories(
    stories: Arc<Vec<Story>>,
    format: Format,
    templates: &Templates,
    currency: &Currency,
    out: &mut dyn Write,
) -> Result<(), ReportError> {
    match format {
        Format::Json => write_json(&StoriesJson { stories: &stories }, out),
        Format::Markdown | Format::Text => {
            let name = format!("stories.{}", format.extension());
            let context = context_with_list(&serde_json::json!({}), "stories", stories);
            templates.render_to(&name, context, currency, out)
        }
        Format::Html => Err(ReportError::Unsupported {
            what: "stories",
            format: "html",
            accepted: "md, text, json",
        }),
    }
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

    /// The journal with text that every format must escape or keep.
    fn awkward_journal() -> Vec<Entry> {
        let mut entries = journal();
        entries[0].details = Some("two lines:\n*bold* <b>html</b> \u{1b}[31m red".into());
        entries[1].title = "# fixed | it_ with `code`".into();
        let mut second = entry("2026-10-07-gggg", Kind::Screwup, "1. a <script> mistake");
        second.customer = Some("Zed & Co".into());
        let mut fix = entry("2026-10-07-hhhh", Kind::Fix, "same-day fix");
        fix.fixes = vec![second.id.clone()];
        entries.extend([second, fix]);
        entries
    }

    /// The text of `format` as it was made before the stories were
    /// streamed: one JSON value for all, rendered whole.
    fn rendered_whole(stories: &[Story], format: Format, templates: &Templates) -> String {
        let json = serde_json::json!({ "stories": stories });
        match format {
            Format::Json => serde_json::to_string_pretty(&json).expect("json") + "\n",
            _ => {
                let name = format!("stories.{}", format.extension());
                templates
                    .render(&name, &json, &Currency::default())
                    .expect("renders")
            }
        }
    }

    fn streamed(stories: &[Story], format: Format, templates: &Templates) -> String {
        let mut out = Vec::new();
        let stories = Arc::new(stories.to_vec());
        write_stories(stories, format, templates, &Currency::default(), &mut out).expect("writes");
        String::from_utf8(out).expect("utf-8")
    }

    #[test]
    fn streamed_stories_are_the_whole_document_in_every_format() {
        let templates = Templates::built_in();
        let all = stories(&awkward_journal(), None, &Currency::default());
        assert_eq!(all.len(), 3);
        for format in [Format::Markdown, Format::Text, Format::Json] {
            for told in [&all[..], &all[..1], &[]] {
                assert_eq!(
                    streamed(told, format, &templates),
                    rendered_whole(told, format, &templates),
                    "{format:?} of {} stories",
                    told.len()
                );
            }
        }
        assert!(matches!(
            write_stories(
                Arc::new(all),
                Format::Html,
                &templates,
                &Currency::default(),
                &mut Vec::new()
            ),
            Err(ReportError::Unsupported { .. })
        ));
    }

    /// A situation of several lines reads as one indented block in text,
    /// every word kept: a line at column 0 broke the story's layout.
    #[test]
    fn a_situation_of_several_lines_stays_in_its_column() {
        let all = stories(&awkward_journal(), None, &Currency::default());
        let text = streamed(&all, Format::Text, &Templates::built_in());
        let situation = text
            .lines()
            .skip_while(|l| !l.starts_with("  Situation: "))
            .take(2)
            .collect::<Vec<_>>();
        assert!(situation[0].ends_with("Two lines:"), "{text}");
        assert!(
            situation[1].starts_with(&format!("{}*bold*", " ".repeat(13))),
            "{text}"
        );
    }

    #[test]
    fn a_user_template_sees_the_stories_as_a_list() {
        let dir = tempfile::tempdir().expect("tempdir");
        std::fs::create_dir(dir.path().join("templates")).expect("mkdir");
        std::fs::write(
            dir.path().join("templates/stories.md"),
            "{{ stories | length }} {% if stories %}some{% endif %} \
             {{ stories[0].heading }} / {{ stories[-1].impact.days_to_fix }} / \
             {{ stories[1].kind }}\n\
             {% for s in stories | reverse %}{{ loop.index }}/{{ loop.length }} \
             {{ s.action | map(attribute='date') | join(',') }}{% if loop.last %}.{% endif %}\n{% endfor %}\
             {{ stories | map(attribute='customer') | select | join(';') }}\u{7}\n",
        )
        .expect("write");
        let templates = Templates::for_config_dir(Some(dir.path()));
        let all = stories(&awkward_journal(), None, &Currency::default());
        let text = streamed(&all, Format::Markdown, &templates);
        assert_eq!(text, rendered_whole(&all, Format::Markdown, &templates));
        assert!(
            text.starts_with("3 some A mistake with Acme Corp"),
            "{text}"
        );
        // A control character in the template itself is escaped as well.
        assert!(text.ends_with("Acme Corp;Zed & Co\\u{7}\n"), "{text}");
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
        let json = serde_json::to_value(StoriesJson { stories: &stories }).expect("json");
        assert_eq!(json["stories"][1]["kind"], "exceeded");
        assert_eq!(json["stories"][0]["impact"]["revenue_protected"], 1200);
        assert_eq!(json["stories"][0]["impact"]["days_to_fix"], 2);
    }
}
