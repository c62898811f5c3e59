//! What the report, bullets and stats screens show, computed from entries.
//! Pure functions; the screens style the Markdown they return.

use chrono::{Duration, NaiveDate};

use super::app::{App, Mode, Settings, TextKey};
use crate::model::{Entry, Kind, Money, PromiseStatus, Week};

/// Renders the report or bullets the screen shown needs, if not done yet.
/// Called before every draw; rendering may read user templates, so it is
/// kept out of `App::update` and the views.
pub fn refresh(app: &mut App) {
    if let Some(key) = app.text_wanted() {
        let text = render(app, key);
        app.set_text(key, text);
    }
}

fn render(app: &App, key: TextKey) -> Result<String, String> {
    match key.mode {
        Mode::Report => Ok(weekly(app.known(), key.week, &app.settings)),
        Mode::Bullets => Ok(bullets(app.known(), app.today, &app.settings)),
        _ => Err("nothing to render here".into()),
    }
}

/// Counts and money of one week, for the stats screen and the trend.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct WeekCounts {
    pub week: Week,
    pub screwups: u64,
    pub fixes: u64,
    pub wins: u64,
    pub won: Money,
    pub lost: Money,
}

/// The `count` weeks up to `week`, oldest first.
pub fn trend(entries: &[Entry], week: Week, count: usize) -> Vec<WeekCounts> {
    week.trailing(count)
        .into_iter()
        .map(|week| {
            let of_week: Vec<&Entry> = entries.iter().filter(|e| week.contains(e.date)).collect();
            let count = |f: &dyn Fn(&Entry) -> bool| of_week.iter().filter(|e| f(e)).count() as u64;
            let (won, lost) = won_lost(of_week.iter().copied());
            WeekCounts {
                week,
                screwups: count(&|e| e.kind == Kind::Screwup),
                fixes: count(&|e| e.kind == Kind::Fix),
                wins: count(&|e| {
                    e.kind.is_win() || e.promise_status() == Some(PromiseStatus::Kept)
                }),
                won,
                lost,
            }
        })
        .collect()
}

/// Revenue won (positive) and lost (negative) over `entries`.
pub fn won_lost<'a>(entries: impl IntoIterator<Item = &'a Entry>) -> (Money, Money) {
    let mut won = Money::ZERO;
    let mut lost = Money::ZERO;
    for revenue in entries.into_iter().filter_map(|e| e.revenue) {
        if revenue.cents() >= 0 {
            won += revenue;
        } else {
            lost += revenue;
        }
    }
    (won, lost)
}

/// The weekly report for `week` as Markdown.
pub fn weekly(entries: &[Entry], week: Week, settings: &Settings) -> String {
    let money = |m: Money| m.display(&settings.currency);
    let of_week: Vec<&Entry> = entries.iter().filter(|e| week.contains(e.date)).collect();
    let title_of = |id: &crate::model::EntryId| {
        entries
            .iter()
            .find(|e| &e.id == id)
            .map_or_else(|| id.to_string(), |e| e.title.clone())
    };
    let mut out = format!(
        "# Weekly report {} ({} – {})\n",
        week.label(),
        week.start().format("%a %-d %b"),
        week.end().format("%a %-d %b %Y")
    );
    let author: Vec<&str> = [settings.name.as_str(), settings.role.as_str()]
        .into_iter()
        .filter(|s| !s.is_empty())
        .collect();
    if !author.is_empty() {
        out.push_str(&format!("{}\n", author.join(", ")));
    }
    let section = |out: &mut String, heading: &str, lines: Vec<String>| {
        if !lines.is_empty() {
            out.push_str(&format!("\n## {heading}\n\n"));
            for line in lines {
                out.push_str(&format!("- {line}\n"));
            }
        }
    };
    let customer = |e: &Entry| {
        e.customer
            .as_ref()
            .map(|c| format!(" ({c})"))
            .unwrap_or_default()
    };
    let highlights = of_week
        .iter()
        .filter(|e| e.kind.is_win() || e.promise_status() == Some(PromiseStatus::Kept))
        .map(|e| match (&e.expected, &e.delivered) {
            (Some(x), Some(d)) => format!(
                "**{}**{}: expected {x}, delivered {d}",
                e.title,
                customer(e)
            ),
            _ if e.kind == Kind::Promise => format!("**{}**{}: promise kept", e.title, customer(e)),
            _ => format!("**{}**{}", e.title, customer(e)),
        })
        .collect();
    section(&mut out, "Highlights", highlights);
    let fixes = of_week
        .iter()
        .filter(|e| e.kind == Kind::Fix)
        .map(|e| {
            let fixed: Vec<String> = e
                .fixes
                .iter()
                .map(|id| format!("\"{}\"", title_of(id)))
                .collect();
            if fixed.is_empty() {
                e.title.clone()
            } else {
                format!("{}: fixes {}", e.title, fixed.join(", "))
            }
        })
        .collect();
    section(&mut out, "Fixes", fixes);
    let screwups = of_week
        .iter()
        .filter(|e| e.kind == Kind::Screwup)
        .map(|e| {
            let by: Vec<String> = entries
                .iter()
                .filter(|f| f.fixes.contains(&e.id))
                .map(|f| format!("\"{}\"", f.title))
                .collect();
            if by.is_empty() {
                format!("{}{}: **still open**", e.title, customer(e))
            } else {
                format!("{}{}: fixed by {}", e.title, customer(e), by.join(", "))
            }
        })
        .collect();
    section(&mut out, "Screw-ups", screwups);
    let promises = of_week
        .iter()
        .filter(|e| e.kind == Kind::Promise)
        .map(|e| {
            let due = e
                .due
                .map(|d| format!(", due {}", d.format("%Y-%m-%d")))
                .unwrap_or_default();
            format!(
                "{}: {}{due}",
                e.title,
                e.promise_status().unwrap_or_default()
            )
        })
        .collect();
    section(&mut out, "Promises", promises);
    let (won, lost) = won_lost(of_week.iter().copied());
    let sum = |f: fn(&Entry) -> Option<Money>| of_week.iter().filter_map(|e| f(e)).sum::<Money>();
    let hours: f64 = of_week
        .iter()
        .filter_map(|e| e.hours_saved)
        .fold(0.0, |a, b| a + b);
    let reach: u64 = of_week.iter().filter_map(|e| e.reach).sum();
    section(
        &mut out,
        "Totals",
        vec![
            format!("Revenue won: {}", money(won)),
            format!("Revenue lost: {}", money(lost)),
            format!(
                "Customer value touched: {}",
                money(sum(|e| e.customer_value))
            ),
            format!("Cost saved: {}", money(sum(|e| e.cost_saved))),
            format!("Hours saved: {hours}"),
            format!("Reach: {reach}"),
        ],
    );
    out.push_str("\n## Trend (8 weeks)\n\n");
    for counts in trend(entries, week, 8) {
        out.push_str(&format!(
            "- {}: {} screw-ups, {} fixes, {} wins\n",
            counts.week.label(),
            counts.screwups,
            counts.fixes,
            counts.wins
        ));
    }
    out
}

/// Resume bullets for the 12 months up to `today`, biggest money first.
pub fn bullets(entries: &[Entry], today: NaiveDate, settings: &Settings) -> String {
    let since = today - Duration::days(365);
    let money = |m: Money| m.display(&settings.currency);
    let mut ranked: Vec<(i64, String)> = entries
        .iter()
        .filter(|e| e.date > since && e.date <= today)
        .filter_map(|e| {
            let impact =
                e.revenue.map_or(0, |m| m.cents().max(0)) + e.cost_saved.map_or(0, Money::cents);
            let mut outcome = Vec::new();
            if let Some(revenue) = e.revenue.filter(|m| m.cents() > 0) {
                outcome.push(format!("{} revenue", money(revenue)));
            }
            if let Some(saved) = e.cost_saved.filter(|m| m.cents() > 0) {
                outcome.push(format!("{} saved", money(saved)));
            }
            if let Some(hours) = e.hours_saved.filter(|h| *h > 0.0) {
                outcome.push(format!("{hours} hours of waiting cut"));
            }
            if let Some(reach) = e.reach.filter(|r| *r > 0) {
                outcome.push(format!("reaching {reach}"));
            }
            if !e.adopted_by.is_empty() {
                outcome.push(format!("adopted by {}", e.adopted_by.join(", ")));
            }
            let line = match (&e.bullet, outcome.is_empty()) {
                (Some(bullet), _) => bullet.clone(),
                (None, true) => return None,
                (None, false) => {
                    let customer = e
                        .customer
                        .as_ref()
                        .map(|c| format!(" for {c}"))
                        .unwrap_or_default();
                    format!("{}{customer}: {}", e.title, outcome.join(", "))
                }
            };
            Some((impact, line))
        })
        .collect();
    ranked.sort_by_key(|r| std::cmp::Reverse(r.0));
    let mut out = format!(
        "# Resume bullets, {} to {}\n\n",
        since.format("%Y-%m-%d"),
        today.format("%Y-%m-%d")
    );
    if ranked.is_empty() {
        out.push_str("No entries with an outcome yet: add revenue, cost saved, hours saved, reach or adoption to an entry.\n");
    }
    for (_, line) in ranked {
        out.push_str(&format!("- {line}\n"));
    }
    out
}
