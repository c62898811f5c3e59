//! Reports as text: JSON straight from the data, every other format through
//! a template whose context is the JSON plus ready-made sections.

use serde_json::{Value, json};

use super::ReportError;
use super::bullets::Bullets;
use super::chart::{Sparklines, TrendChart};
use super::templates::Templates;
use super::weekly::{Link, WeeklyReport, iso_date};
use crate::model::{Entry, Kind};

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

/// The weekly report in `format`.
pub fn weekly(
    report: &WeeklyReport,
    format: Format,
    templates: &Templates,
) -> Result<String, ReportError> {
    if format == Format::Json {
        return Ok(pretty(&report.to_json()));
    }
    let name = format!("report.{}", format.extension());
    templates.render(&name, &weekly_context(report), &report.currency)
}

/// Resume bullets in `format` (Markdown, text or JSON).
pub fn bullets(
    bullets: &Bullets,
    format: Format,
    templates: &Templates,
    currency: &crate::model::Currency,
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

/// What report templates see: the report's JSON (`week`, `start`, `end`,
/// `author`, `entries`, `totals`, `trend`) plus `currency`, `sections`,
/// `chart` and `sparklines`. Documented in docs/reports.md.
pub fn weekly_context(report: &WeeklyReport) -> Value {
    let sections = &report.sections;
    let with = |entry: &Entry, key: &str, value: Value| {
        let mut object = entry.to_json();
        if let Some(map) = object.as_object_mut() {
            map.insert(key.to_string(), value);
        }
        object
    };
    let plain = |entries: &[Entry]| entries.iter().map(Entry::to_json).collect::<Vec<_>>();
    let links = |links: &[Link]| {
        links
            .iter()
            .map(|l| json!({"id": l.id.as_str(), "title": l.title, "date": l.date.map(iso_date)}))
            .collect::<Vec<_>>()
    };
    let highlight_label = |entry: &Entry| match entry.kind {
        Kind::Exceeded => "Exceeded",
        Kind::Met => "Met",
        _ => "Promise kept",
    };
    let mut context = report.to_json();
    let extra = json!({
        "currency": report.currency.code(),
        "sections": {
            "highlights": sections.highlights.iter().map(|e| with(e, "label", json!(highlight_label(e)))).collect::<Vec<_>>(),
            "fixes": sections.fixes.iter().map(|f| with(&f.entry, "fixed", json!(links(&f.fixed)))).collect::<Vec<_>>(),
            "screwups": sections.screwups.iter().map(|s| with(&s.entry, "fixed_by", json!(links(&s.fixed_by)))).collect::<Vec<_>>(),
            "promises": {
                "kept": plain(&sections.promises.kept),
                "missed": plain(&sections.promises.missed),
                "open": sections.promises.open.iter()
                    .map(|e| with(e, "overdue", json!(e.due.is_some_and(|due| due < report.today))))
                    .collect::<Vec<_>>(),
            },
            "notes": plain(&sections.notes),
        },
        "chart": TrendChart::new(&report.trend),
        "sparklines": Sparklines::new(&report.trend),
    });
    if let (Some(map), Value::Object(extra)) = (context.as_object_mut(), extra) {
        map.extend(extra);
    }
    context
}
