//! Reports as text: JSON straight from the data, every other format through
//! a template whose context is the JSON plus ready-made sections.

use std::io::Write;

use chrono::NaiveDate;
use serde::Serialize;
use serde_json::{Value, json};

use super::ReportError;
use super::bullets::Bullets;
use super::chart::{Sparklines, TrendChart};
use super::templates::Templates;
use super::weekly::{Author, Link, WeeklyReport, iso_date};
use super::wording;
use crate::model::{Currency, Entry, Kind, Money, Week, group_thousands};

/// An output format of `report` and `bullets`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Text,
    Html,
    Json,
}

impl Format {
    /// The extension of the template (and of an exported file).
    pub fn extension(self) -> &'static str {
        match self {
            Format::Markdown => "md",
            Format::Text => "txt",
            Format::Html => "html",
            Format::Json => "json",
        }
    }
}

/// Who a weekly report is by and how it is written: the same for every
/// week, from the config (CLI) or the TUI's settings.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Setup {
    pub author: Author,
    pub currency: Currency,
    pub templates: Templates,
}

/// The weekly report of `week` in `format`: the one way the CLI and the TUI
/// build and render it. `entries` as [`WeeklyReport::build`] needs them.
pub fn week(
    week: Week,
    entries: &[Entry],
    today: NaiveDate,
    setup: &Setup,
    format: Format,
) -> Result<String, ReportError> {
    let report = build(week, entries, today, setup);
    weekly(&report, format, &setup.templates)
}

/// A document rendered for a file (or stdout), as `report` and the TUI's
/// export write it, and for the TUI's screen, which draws the trend as bars.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Renditions {
    pub file: String,
    pub screen: String,
}

/// The weekly report of `week` as Markdown for a file and for the screen,
/// from one build: report templates see `screen`, true only for the screen,
/// so the built-in one leaves out the sparkline line the bars replace.
pub fn week_markdown(
    week: Week,
    entries: &[Entry],
    today: NaiveDate,
    setup: &Setup,
) -> Result<Renditions, ReportError> {
    let report = build(week, entries, today, setup);
    Ok(Renditions {
        file: weekly(&report, Format::Markdown, &setup.templates)?,
        screen: rendered(&report, Format::Markdown, &setup.templates, true)?,
    })
}

fn build(week: Week, entries: &[Entry], today: NaiveDate, setup: &Setup) -> WeeklyReport {
    WeeklyReport::build(
        week,
        entries,
        setup.author.clone(),
        setup.currency.clone(),
        today,
    )
}

/// How many items of "Needs attention" Markdown, text and HTML list.
const ATTENTION_SHOWN: usize = 10;

/// The weekly report in `format`.
pub fn weekly(
    report: &WeeklyReport,
    format: Format,
    templates: &Templates,
) -> Result<String, ReportError> {
    rendered(report, format, templates, false)
}

/// The weekly report in `format`, for the TUI's screen or not.
fn rendered(
    report: &WeeklyReport,
    format: Format,
    templates: &Templates,
    screen: bool,
) -> Result<String, ReportError> {
    if format == Format::Json {
        return Ok(pretty(&report.to_json()));
    }
    let name = format!("report.{}", format.extension());
    let mut context = weekly_context(report);
    context["screen"] = json!(screen);
    templates.render(&name, &context, &report.currency)
}

/// Resume bullets in `format` (Markdown, text or JSON).
pub fn bullets(
    bullets: &Bullets,
    format: Format,
    templates: &Templates,
    currency: &Currency,
) -> Result<String, ReportError> {
    match format {
        Format::Json => Ok(pretty(&bullets.to_json())),
        Format::Markdown | Format::Text => {
            let name = format!("bullets.{}", format.extension());
            templates.render(&name, &bullets.to_json(), currency)
        }
        Format::Html => Err(ReportError::Unsupported {
            what: "bullets",
            format: "html",
            accepted: "md, text, json",
        }),
    }
}

fn pretty(value: &Value) -> String {
    let mut text = serde_json::to_string_pretty(value).unwrap_or_default();
    text.push('\n');
    text
}

/// `value` as indented JSON and a newline, written as it is serialised
/// rather than built as a [`Value`] first (the same text as [`pretty`]).
pub fn write_json(value: &impl Serialize, out: &mut dyn Write) -> Result<(), ReportError> {
    serde_json::to_writer_pretty(&mut *out, value)
        .map_err(std::io::Error::from)
        .and_then(|()| out.write_all(b"\n"))
        .map_err(ReportError::Write)
}

/// What report templates see: the report's JSON (`week`, `start`, `end`,
/// `author`, `summary`, `entries`, `totals`, `trend`) plus `currency`,
/// `empty`, `headline`, `attention`, `sections`, `other_totals`, `chart`,
/// `sparklines` and `scale` (and `screen`, which [`rendered`] adds). Every entry shown carries `label`, `title`,
/// `facts` (its numbers as phrases) and `details`. Documented in
/// docs/reports.md.
pub fn weekly_context(report: &WeeklyReport) -> Value {
    let currency = &report.currency;
    let summary = &report.summary;
    let sections = &report.sections;
    let shown = |entry: &Entry, label: &str| {
        json!({
            "id": entry.id.as_str(),
            "date": iso_date(entry.date),
            "label": label,
            "title": entry.title,
            "facts": wording::facts(entry, currency),
            "details": entry.details,
            "expected": entry.expected,
            "delivered": entry.delivered,
            "due": entry.due.map(iso_date),
        })
    };
    let link = |link: &Link, label: &str| match &link.entry {
        Some(entry) => shown(entry, label),
        None => json!({"id": link.id.as_str(), "label": label, "title": null, "facts": []}),
    };
    let win_label = |entry: &Entry| match entry.kind {
        Kind::Exceeded => "Exceeded",
        Kind::Met => "Met",
        _ => "Promise kept",
    };
    let money: Vec<Value> = [
        ("Won", &summary.won),
        ("Protected", &summary.protected),
        ("Lost", &summary.lost),
    ]
    .into_iter()
    // A line at zero this week reads as bad news ("$0, down $900"): the
    // summary says what money moved; the JSON keeps every number.
    .filter(|(_, line)| line.this_week != Money::ZERO)
    .map(|(label, line)| {
        json!({
            "label": label,
            "amount": line.this_week.display(currency),
            "change": wording::change(line, currency),
        })
    })
    .collect();
    // The documents a person reads list the first few; the JSON has them all.
    let attention_more = summary.attention.len().saturating_sub(ATTENTION_SHOWN);
    let attention: Vec<Value> = summary
        .attention
        .iter()
        .take(ATTENTION_SHOWN)
        .map(|a| {
            let (label, when) = wording::concern(a);
            let mut item = shown(&a.entry, label);
            item["when"] = json!(when);
            item
        })
        .collect();
    let totals = &report.totals;
    let mut other_totals = Vec::new();
    let mut add = |label: &str, value: String, present: bool| {
        if present {
            other_totals.push(json!({"label": label, "value": value}));
        }
    };
    add(
        "Customer value touched",
        totals.customer_value.display(currency),
        totals.customer_value != Money::ZERO,
    );
    add(
        "Cost saved",
        totals.cost_saved.display(currency),
        totals.cost_saved != Money::ZERO,
    );
    add(
        "Customer waiting cut by",
        wording::humane_hours(totals.hours_saved),
        totals.hours_saved > 0.0,
    );
    add(
        "Reach",
        format!("{} people", group_thousands(totals.reach)),
        totals.reach > 0,
    );
    let decided = totals.promises_kept + totals.promises_missed + totals.promises_open;
    add(
        "Promises made this week",
        format!(
            "{} kept, {} missed, {} open",
            totals.promises_kept, totals.promises_missed, totals.promises_open
        ),
        decided > 0,
    );
    let chart = TrendChart::new(&report.trend);
    // The screw-ups the fix line just above named: "the same screw-up" is
    // said only right under it, never of one named further up.
    let mut named_just_above: Vec<&crate::model::EntryId> = Vec::new();
    let mut context = report.to_json_showing(ATTENTION_SHOWN);
    let extra = json!({
        "currency": currency.code(),
        "empty": report.entries.is_empty(),
        // While the week runs, what needs attention is as of today.
        "as_of": (summary.as_of < report.week.end()).then(|| iso_date(summary.as_of)),
        "headline": {
            "money": money,
            "balance": wording::balance(summary),
            "direction": wording::direction(summary),
        },
        "attention": attention,
        "attention_count": summary.attention.len(),
        "attention_more": attention_more,
        "sections": {
            "wins": sections.wins.iter().map(|e| shown(e, win_label(e))).collect::<Vec<_>>(),
            "fixes": sections.fixes.iter().map(|f| {
                let mut item = shown(&f.entry, "Fix");
                item["fixed"] = f.fixed.iter().map(|l| {
                    let mut linked = link(l, "Screw-up");
                    linked["again"] = json!(l.entry.is_some() && named_just_above.contains(&&l.id));
                    // The fix line already says who the customer is.
                    if let (Some(facts), Some(customer)) = (linked["facts"].as_array_mut(), &f.entry.customer) {
                        let said = json!(format!("for {}", customer.trim()));
                        facts.retain(|fact| *fact != said);
                    }
                    linked
                }).collect();
                named_just_above = f.fixed.iter().map(|l| &l.id).collect();
                item
            }).collect::<Vec<_>>(),
            "screwups": sections.screwups.iter().map(|s| {
                let mut item = shown(&s.entry, "Screw-up");
                item["fixed_by"] = s.fixed_by.iter().map(|l| link(l, "Fix")).collect();
                item
            }).collect::<Vec<_>>(),
            "promises": {
                "missed": sections.promises.missed.iter().map(|e| shown(e, "Missed")).collect::<Vec<_>>(),
                "open": sections.promises.open.iter().map(|e| shown(e, "Open")).collect::<Vec<_>>(),
            },
            "notes": sections.notes.iter().map(|e| shown(e, "Note")).collect::<Vec<_>>(),
        },
        "other_totals": other_totals,
        "scale": chart.max,
        "chart": chart,
        "sparklines": Sparklines::new(&report.trend),
    });
    if let (Some(map), Value::Object(extra)) = (context.as_object_mut(), extra) {
        map.extend(extra);
    }
    context
}
