//! The main screen: header with the week's numbers, the list of entries
//! grouped by day (or search results), and the selected entry in full.

use std::collections::HashSet;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span, Text};
use ratatui::widgets::{Block, List, ListItem, ListState, Paragraph, StatefulWidget, Widget, Wrap};

use super::theme;
use crate::model::{Entry, EntryId, Kind, Money, PromiseStatus, QuickEntry};
use crate::report::Totals;
use crate::sanitize;
use crate::ui::action::Command;
use crate::ui::app::{App, Mode, QuickLine};
use crate::ui::keymap::Screen;
use crate::ui::layout::{self, Row};
use crate::ui::search::{Hit, Part};

pub fn header(app: &App, area: Rect, buf: &mut Buffer) {
    let week = app.week;
    let [top, counts] = area.layout(&Layout::vertical([
        Constraint::Length(1),
        Constraint::Length(1),
    ]));
    buf.set_style(top, theme::HEADER);
    let totals = Totals::of(app.journal().week());
    let (won, lost) = (totals.revenue_won, totals.revenue_lost);
    let money = |m: Money| m.display(&app.settings.currency);
    let left = Line::from(vec![
        Span::styled(
            format!(" {} ", week.label()),
            theme::HEADER.add_modifier(ratatui::style::Modifier::BOLD),
        ),
        Span::styled(
            format!(
                "{} – {}",
                week.start().format("%a %-d %b"),
                week.end().format("%a %-d %b %Y")
            ),
            theme::HEADER,
        ),
    ]);
    let right = Line::from(format!("won {}  lost {} ", money(won), money(lost))).right_aligned();
    left.render(top, buf);
    if top.width > 60 {
        right.style(theme::HEADER).render(top, buf);
    }
    let mut spans = vec![Span::raw(" ")];
    for kind in Kind::ALL {
        let n = app
            .journal()
            .week()
            .iter()
            .filter(|e| e.kind == kind)
            .count();
        spans.push(Span::styled(theme::marker(kind), theme::kind(kind)));
        spans.push(Span::raw(format!(" {n} {}  ", plural(kind, n))));
    }
    if top.width <= 60 {
        spans.push(Span::raw(format!(
            "won {} lost {}",
            money(won),
            money(lost)
        )));
    }
    Line::from(spans).render(counts, buf);
}

fn plural(kind: Kind, n: usize) -> &'static str {
    match (kind, n == 1) {
        (Kind::Screwup, true) => "screw-up",
        (Kind::Screwup, false) => "screw-ups",
        (Kind::Fix, true) => "fix",
        (Kind::Fix, false) => "fixes",
        (Kind::Promise, true) => "promise",
        (Kind::Promise, false) => "promises",
        (Kind::Note, true) => "note",
        (Kind::Note, false) => "notes",
        (kind, _) => kind.label(),
    }
}

pub fn body(app: &App, area: Rect, buf: &mut Buffer) {
    let parts = layout::body(app, area);
    if let (Some(bar), Some(search)) = (parts.search_bar, &app.search) {
        let title = if !app.journal().is_loaded() {
            " Search (this week; the rest is loading…) "
        } else {
            " Search all entries "
        };
        let border = if app.mode == Mode::Search {
            theme::FOCUS
        } else {
            theme::DIM
        };
        let block = Block::bordered().title(title).border_style(border);
        let inner = block.inner(bar);
        block.render(bar, buf);
        if app.mode == Mode::Search {
            search.query.render(inner, buf);
        } else {
            Line::from(sanitize::line(&search.text())).render(inner, buf);
        }
    }
    if let (Some(bar), Some(line)) = (parts.quick_bar, &app.quick) {
        quick_bar(app, line, bar, buf);
    }
    match app.hits() {
        Some(hits) => results(app, hits, parts.list, buf),
        None => list(app, parts.list, buf),
    }
    if let Some(detail_area) = parts.detail {
        detail(app, detail_area, buf);
    }
}

/// `⚑ overdue: Send Birch the contract (due Fri 20 Nov) +1 · 3 open screw-ups · ! go`
pub fn reminder_line(app: &App, width: u16) -> Line<'static> {
    let reminders = app.reminders();
    let go = match app.keymap.keys(Screen::Main, Command::NextReminder).first() {
        Some(key) => format!(" · {key} go"),
        None => String::new(),
    };
    let screwups = match reminders.open_screwups.len() {
        0 => String::new(),
        1 => "1 open screw-up".to_string(),
        n => format!("{n} open screw-ups"),
    };
    let mut tail = String::new();
    let head = match reminders.overdue.first() {
        Some(first) => {
            let more = reminders.overdue.len() - 1;
            let due = first
                .due
                .map(|d| d.format("%a %-d %b").to_string())
                .unwrap_or_default();
            tail.push_str(&format!(" (due {due})"));
            if more > 0 {
                tail.push_str(&format!(" +{more}"));
            }
            if !screwups.is_empty() {
                tail.push_str(&format!(" · {screwups}"));
            }
            tail.push_str(&go);
            Some(sanitize::line(&first.title))
        }
        None => None,
    };
    let text = match head {
        Some(title) => {
            let lead = " ⚑ overdue: ";
            let room = usize::from(width)
                .saturating_sub(lead.chars().count() + tail.chars().count())
                .max(8);
            format!("{lead}{}{tail}", super::ellipsize(&title, room))
        }
        None => format!(" ⚑ {screwups}{go}"),
    };
    Line::styled(text, theme::OPEN)
}

/// The quick-add line, with what it would save (or why not) under it.
fn quick_bar(app: &App, line: &QuickLine, area: Rect, buf: &mut Buffer) {
    let preview = match app.quick_preview() {
        None => Line::styled(
            " kind first: s f x m p n · @customer #tag +won -lost due:fri 3d>24h ",
            theme::DIM,
        ),
        Some(Ok(quick)) => Line::styled(
            format!(" {} ", sanitize::line(&quick_summary(app, &quick))),
            theme::INFO,
        ),
        Some(Err(why)) => Line::styled(format!(" {} ", sanitize::line(&why)), theme::ERROR),
    };
    let block = Block::bordered()
        .title(" Quick add ")
        .title_bottom(preview)
        .border_style(theme::FOCUS);
    let inner = block.inner(area);
    block.render(area, buf);
    line.input.render(inner, buf);
}

/// `screw-up · Acme · -$1,200 · #billing`: what Enter would save.
fn quick_summary(app: &App, quick: &QuickEntry) -> String {
    let mut parts = vec![quick.kind().label().to_string()];
    parts.extend(quick.customer.clone());
    parts.extend(quick.tags.iter().map(|t| format!("#{t}")));
    parts.extend(quick.revenue.map(|m| m.display(&app.settings.currency)));
    parts.extend(quick.due.map(|d| format!("due {}", d.format("%a %-d %b"))));
    if let (Some(expected), Some(delivered)) = (&quick.expected, &quick.delivered) {
        parts.push(format!("expected {expected}, delivered {delivered}"));
    }
    parts.join(" · ")
}

fn key(app: &App, command: Command) -> String {
    app.keymap
        .keys(Screen::Main, command)
        .first()
        .map_or_else(|| "?".into(), ToString::to_string)
}

fn list(app: &App, area: Rect, buf: &mut Buffer) {
    let block = Block::bordered().title(format!(" {} ", app.week.label()));
    if app.journal().week().is_empty() {
        let first_run =
            app.journal().is_loaded() && app.known().is_empty() && app.problems().is_empty();
        let lines = if first_run {
            vec![
                Line::styled("Welcome to jobjournal!", theme::TITLE),
                Line::default(),
                Line::from(
                    "Each working day, note what went wrong, what you fixed, where you beat what was expected and what you promised. Friday's report and your resume write themselves.",
                ),
                Line::default(),
                Line::from(vec![
                    Span::raw("Press "),
                    Span::styled(key(app, Command::New), theme::KEY),
                    Span::raw(" for your first entry, "),
                    Span::styled(key(app, Command::Help), theme::KEY),
                    Span::raw(" for every key."),
                ]),
            ]
        } else {
            vec![
                Line::from(format!("Nothing in {} yet.", app.week.label())),
                Line::default(),
                Line::from(vec![
                    Span::styled(key(app, Command::New), theme::KEY),
                    Span::raw(" adds an entry, "),
                    Span::styled(key(app, Command::PrevWeek), theme::KEY),
                    Span::raw(" "),
                    Span::styled(key(app, Command::NextWeek), theme::KEY),
                    Span::raw(" change week."),
                ]),
            ]
        };
        Paragraph::new(lines)
            .wrap(Wrap { trim: true })
            .block(block)
            .render(area, buf);
        return;
    }
    let fixed = app.fixed_ids();
    let rows = layout::week_rows(app.journal().week());
    let selected_row = rows.iter().position(|r| *r == Row::Entry(app.selected));
    let items: Vec<ListItem> = rows
        .iter()
        .map(|row| match *row {
            Row::Day(date) => {
                let mut spans = vec![Span::styled(
                    date.format("%a %-d %b").to_string(),
                    theme::DAY,
                )];
                if date == app.today {
                    spans.push(Span::styled(" · today", theme::DIM));
                }
                ListItem::new(Line::from(spans))
            }
            Row::Entry(index) => ListItem::new(entry_line(
                app,
                fixed,
                &app.journal().week()[index],
                &[],
                usize::from(area.width.saturating_sub(2)),
            )),
        })
        .collect();
    // The same first line a click is mapped with.
    let offset = layout::list_offset(selected_row, usize::from(area.height.saturating_sub(2)));
    let mut state = ListState::default()
        .with_selected(selected_row)
        .with_offset(offset);
    StatefulWidget::render(
        List::new(items)
            .block(block)
            .highlight_style(theme::SELECTED),
        area,
        buf,
        &mut state,
    );
}

/// `  ✗ title  open` for the list, in `width` columns: the title gives way
/// (ending in `…`) so the status word always shows whole.
fn entry_line<'a>(
    app: &App,
    fixed: &HashSet<EntryId>,
    entry: &Entry,
    matched: &[usize],
    width: usize,
) -> Line<'a> {
    let mut status = None;
    if entry.kind == Kind::Screwup && !fixed.contains(&entry.id) {
        status = Some(Span::styled("  open", theme::OPEN));
    }
    if let Some(word) = entry.promise_status() {
        let style = match word {
            PromiseStatus::Open if entry.due.is_some_and(|d| d < app.today) => theme::OPEN,
            PromiseStatus::Missed => theme::OPEN,
            _ => theme::DIM,
        };
        status = Some(Span::styled(format!("  {word}"), style));
    }
    let status_width = status.as_ref().map_or(0, |s| s.content.chars().count());
    // " ✗ " before the title.
    let room = width.saturating_sub(3 + status_width).max(1);
    let title = super::ellipsize(&sanitize::line(&entry.title), room);
    let mut spans = vec![
        Span::raw(" "),
        Span::styled(theme::marker(entry.kind), theme::kind(entry.kind)),
        Span::raw(" "),
    ];
    spans.extend(highlighted(&title, matched, Style::default()));
    spans.extend(status);
    Line::from(spans)
}

/// `text` with the chars at `matched` highlighted, each char made safe.
fn highlighted<'a>(text: &str, matched: &[usize], base: Style) -> Vec<Span<'a>> {
    let mut spans: Vec<Span> = Vec::new();
    let mut run = String::new();
    let mut run_hit = false;
    for (i, c) in text.chars().enumerate() {
        let hit = matched.binary_search(&i).is_ok();
        if hit != run_hit && !run.is_empty() {
            spans.push(Span::styled(
                std::mem::take(&mut run),
                if run_hit { theme::MATCH } else { base },
            ));
        }
        run_hit = hit;
        run.push_str(&sanitize::line(c.encode_utf8(&mut [0; 4])));
    }
    if !run.is_empty() {
        spans.push(Span::styled(run, if run_hit { theme::MATCH } else { base }));
    }
    spans
}

fn results(app: &App, hits: &[Hit], area: Rect, buf: &mut Buffer) {
    let total = app.search.as_ref().map_or(hits.len(), |s| s.total);
    let title = if total > hits.len() {
        format!(" {total} found, best {} shown ", hits.len())
    } else {
        format!(" {total} found ")
    };
    let block = Block::bordered().title(title);
    if hits.is_empty() {
        let text = if app
            .search
            .as_ref()
            .is_some_and(|s| s.text().trim().is_empty())
        {
            "Type to search every entry."
        } else {
            "No entry matches."
        };
        Paragraph::new(text).block(block).render(area, buf);
        return;
    }
    let fixed = app.fixed_ids();
    let items: Vec<ListItem> = hits
        .iter()
        .map(|hit| {
            let title = hit
                .piece(Part::Title)
                .map(|p| p.matched.as_slice())
                .unwrap_or(&[]);
            let mut first = vec![Span::styled(
                hit.entry.date.format("%Y-%m-%d").to_string(),
                theme::DAY,
            )];
            // The date and its space take 10 columns, the border 2.
            let width = usize::from(area.width.saturating_sub(12));
            first.extend(entry_line(app, fixed, &hit.entry, title, width).spans);
            let mut lines = vec![Line::from(first)];
            if let Some(piece) = hit.excerpt() {
                let (text, matched) = excerpt(&piece.text, &piece.matched, 50);
                let mut spans = vec![Span::styled(
                    format!("             {}: ", piece.part.label()),
                    theme::DIM,
                )];
                spans.extend(highlighted(&text, &matched, theme::DIM));
                lines.push(Line::from(spans));
            }
            ListItem::new(Text::from(lines))
        })
        .collect();
    let mut state = ListState::default().with_selected(Some(app.selected.min(hits.len() - 1)));
    StatefulWidget::render(
        List::new(items)
            .block(block)
            .highlight_style(theme::SELECTED),
        area,
        buf,
        &mut state,
    );
}

/// Up to `width` chars of `text` around its first match, positions shifted.
fn excerpt(text: &str, matched: &[usize], width: usize) -> (String, Vec<usize>) {
    let first = matched.first().copied().unwrap_or(0);
    let start = first.saturating_sub(10);
    let chars: Vec<char> = text.chars().skip(start).take(width).collect();
    let mut out: String = chars.into_iter().collect();
    let mut shifted: Vec<usize> = matched
        .iter()
        .filter(|i| **i >= start && **i < start + width)
        .map(|i| i - start)
        .collect();
    if start > 0 {
        out.insert(0, '…');
        shifted.iter_mut().for_each(|i| *i += 1);
    }
    (out, shifted)
}

fn detail(app: &App, area: Rect, buf: &mut Buffer) {
    let block = Block::bordered().title(" Entry ");
    let Some(entry) = app.selected_entry() else {
        block.render(area, buf);
        return;
    };
    Paragraph::new(detail_lines(app, entry))
        .wrap(Wrap { trim: false })
        .block(block)
        .render(area, buf);
}

fn detail_lines<'a>(app: &App, entry: &Entry) -> Vec<Line<'a>> {
    let money = |m: Money| {
        let style = if m.cents() < 0 {
            theme::MONEY_DOWN
        } else {
            theme::MONEY_UP
        };
        Span::styled(m.display(&app.settings.currency), style)
    };
    let field = |label: &str, value: Vec<Span<'a>>| {
        let mut spans = vec![Span::styled(format!("{label:<15}"), theme::LABEL)];
        spans.extend(value);
        Line::from(spans)
    };
    let text = |t: &str| vec![Span::raw(sanitize::line(t))];
    let mut when = entry.date.format("%a %-d %b %Y").to_string();
    if let Some(time) = entry.time {
        when.push_str(&time.format(" %H:%M").to_string());
    }
    let mut lines = vec![
        Line::from(vec![
            Span::styled(
                format!("{} {}", theme::marker(entry.kind), entry.kind.label()),
                theme::kind(entry.kind),
            ),
            Span::styled(format!(" · {when}"), theme::DIM),
        ]),
        Line::styled(sanitize::line(&entry.title), theme::TITLE),
    ];
    if app.is_open_screwup(entry) {
        lines.push(Line::styled("⚠ open: no fix yet", theme::OPEN));
    }
    if let Some(customer) = &entry.customer {
        lines.push(field("Customer", text(customer)));
    }
    if !entry.tags.is_empty() {
        lines.push(field("Tags", text(&entry.tags.join(", "))));
    }
    if entry.expected.is_some() || entry.delivered.is_some() {
        let expected = entry
            .expected
            .as_deref()
            .map_or_else(|| "?".to_string(), sanitize::line);
        let delivered = entry
            .delivered
            .as_deref()
            .map_or_else(|| "?".to_string(), sanitize::line);
        lines.push(field(
            "Expected",
            vec![
                Span::raw(expected),
                Span::styled(" → ", theme::DIM),
                Span::styled(delivered, theme::MONEY_UP),
            ],
        ));
    }
    for id in &entry.fixes {
        let title = app
            .title_of(id)
            .map_or_else(|| id.to_string(), sanitize::line);
        lines.push(field(
            "Fixes",
            vec![
                Span::styled("✗ ", theme::kind(Kind::Screwup)),
                Span::raw(title),
            ],
        ));
    }
    if entry.kind == Kind::Screwup {
        for fix in app.fixes_of(&entry.id) {
            lines.push(field(
                "Fixed by",
                vec![
                    Span::styled("✓ ", theme::kind(Kind::Fix)),
                    Span::raw(sanitize::line(&fix.title)),
                ],
            ));
        }
    }
    if let Some(status) = entry.promise_status() {
        let mut spans = Vec::new();
        if let Some(due) = entry.due {
            spans.push(Span::raw(format!("{} · ", due.format("%a %-d %b %Y"))));
        }
        let overdue = status == PromiseStatus::Open && entry.due.is_some_and(|d| d < app.today);
        let style = match status {
            PromiseStatus::Kept => theme::MONEY_UP,
            PromiseStatus::Missed => theme::OPEN,
            PromiseStatus::Open if overdue => theme::OPEN,
            PromiseStatus::Open => Style::default(),
        };
        spans.push(Span::styled(
            if overdue {
                "open, overdue".to_string()
            } else {
                status.to_string()
            },
            style,
        ));
        lines.push(field("Due", spans));
    }
    for (label, value) in [
        ("Revenue", entry.revenue),
        ("Customer value", entry.customer_value),
        ("Cost saved", entry.cost_saved),
    ] {
        if let Some(value) = value {
            lines.push(field(label, vec![money(value)]));
        }
    }
    if let Some(hours) = entry.hours_saved {
        lines.push(field("Hours saved", vec![Span::raw(hours.to_string())]));
    }
    if let Some(reach) = entry.reach {
        lines.push(field("Reach", vec![Span::raw(reach.to_string())]));
    }
    if !entry.adopted_by.is_empty() {
        lines.push(field("Adopted by", text(&entry.adopted_by.join(", "))));
    }
    if let Some(bullet) = &entry.bullet {
        lines.push(field("Resume bullet", text(bullet)));
    }
    if let Some(details) = &entry.details {
        lines.push(Line::default());
        lines.extend(
            sanitize::block(details)
                .lines()
                .map(|l| Line::from(l.to_string())),
        );
    }
    lines.push(Line::default());
    lines.push(Line::styled(entry.id.to_string(), theme::DIM));
    lines
}
