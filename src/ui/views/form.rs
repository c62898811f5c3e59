//! The capture form and the kind picker.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget};

use super::{centered, ellipsize, hints_line, theme};
use crate::model::{Kind, PromiseStatus};
use crate::sanitize;
use crate::ui::action::Command;
use crate::ui::app::App;
use crate::ui::form::{BulletPreview, FieldId, Form, jump_letter};
use crate::ui::keymap::Screen;

const LABEL_WIDTH: u16 = 15;
/// The jump key before each label: `Alt-r `.
const KEY_WIDTH: u16 = 6;
/// The label column: marker, jump key, label, a space.
const LABEL_COLUMN: u16 = KEY_WIDTH + LABEL_WIDTH + 1;
/// Rows the bullet preview may wrap to; a 160-character bullet fits in
/// three at 80 columns, longer written ones end in `…`.
const PREVIEW_LINES: usize = 3;
/// Field rows kept before the preview is given any room.
const MIN_FIELD_ROWS: u16 = 4;

pub fn picker(app: &App, area: Rect, buf: &mut Buffer) {
    let picks = [
        (Command::PickScrewup, Kind::Screwup, "something went wrong"),
        (Command::PickFix, Kind::Fix, "removed a cause of screw-ups"),
        (
            Command::PickExceeded,
            Kind::Exceeded,
            "beat what was expected",
        ),
        (Command::PickMet, Kind::Met, "delivered as promised"),
        (
            Command::PickPromise,
            Kind::Promise,
            "a commitment with a due date",
        ),
        (Command::PickNote, Kind::Note, "anything else"),
    ];
    let mut lines: Vec<Line> = picks
        .iter()
        .filter_map(|(command, kind, what)| {
            let key = app
                .keymap
                .keys(Screen::Picker, *command)
                .first()?
                .to_string();
            Some(Line::from(vec![
                Span::styled(format!(" {key:>3}  "), theme::KEY),
                Span::styled(
                    format!("{} {:<10}", theme::marker(*kind), kind.label()),
                    theme::kind(*kind),
                ),
                Span::styled(format!(" {what}"), theme::DIM),
            ]))
        })
        .collect();
    lines.push(Line::default());
    lines.push(hints_line(app.keymap.hints(Screen::Picker, &[Command::Back])).centered());
    let popup = centered(area, 54, lines.len() as u16 + 2);
    Clear.render(popup, buf);
    Paragraph::new(lines)
        .block(
            Block::bordered()
                .title(" New entry: what kind? ")
                .border_style(theme::FOCUS),
        )
        .render(popup, buf);
}

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let Some(form) = &app.form else {
        return;
    };
    let block = Block::bordered()
        .title(Line::from(vec![
            Span::raw(" "),
            Span::styled(theme::marker(form.kind), theme::kind(form.kind)),
            Span::styled(format!(" {} ", form.heading()), theme::TITLE),
        ]))
        .border_style(theme::FOCUS);
    let inner = block.inner(area);
    block.render(area, buf);
    let inner = bullet_preview(app, form, inner, buf);

    // Lay the fields out in rows, then scroll so the focused one shows.
    let rows: Vec<(FieldId, u16)> = form
        .fields()
        .into_iter()
        .map(|f| (f, field_height(form, f)))
        .collect();
    let focus_top: u16 = rows
        .iter()
        .take_while(|(f, _)| *f != form.focus)
        .map(|(_, h)| h)
        .sum();
    let focus_height = rows
        .iter()
        .find(|(f, _)| *f == form.focus)
        .map_or(1, |(_, h)| *h);
    let offset = (focus_top + focus_height)
        .saturating_sub(inner.height)
        .min(focus_top);
    let mut y: i32 = -i32::from(offset);
    for (field, height) in rows {
        let top = y;
        y += i32::from(height);
        if top < 0 || top as u16 >= inner.height {
            continue;
        }
        let visible = height.min(inner.height - top as u16);
        let rect = Rect {
            x: inner.x,
            y: inner.y + top as u16,
            width: inner.width,
            height: visible,
        };
        draw_field(form, field, rect, buf);
    }
}

/// Draws the resume bullet the entry would make under the fields, after a
/// blank row (at the foot of `area` when they scroll), when the fields keep
/// room; returns the rows left for them.
fn bullet_preview(app: &App, form: &Form, area: Rect, buf: &mut Buffer) -> Rect {
    let text_width = area.width.saturating_sub(LABEL_COLUMN) as usize;
    let (text, style) = match form.bullet_preview(&app.settings.currency) {
        BulletPreview::Bullet(bullet) => (sanitize::line(&bullet), theme::TITLE),
        BulletPreview::NoBullet(why) => (why.to_string(), theme::DIM),
        BulletPreview::Incomplete => (
            "The resume bullet this entry makes shows here as you type".to_string(),
            theme::DIM,
        ),
    };
    let lines = wrap(&text, text_width, PREVIEW_LINES);
    let rows = lines.len() as u16 + 1;
    if text_width < 10 || area.height < rows + MIN_FIELD_ROWS {
        return area;
    }
    let fields_height: u16 = form.fields().iter().map(|f| field_height(form, *f)).sum();
    let fields = Rect {
        height: area.height - rows,
        ..area
    };
    let preview = Rect {
        y: area.y + fields_height.min(fields.height) + 1,
        height: rows - 1,
        ..area
    };
    let [label, value] = preview.layout(&Layout::horizontal([
        Constraint::Length(LABEL_COLUMN),
        Constraint::Fill(1),
    ]));
    Line::styled(
        format!("{:>width$} ", "Makes", width = (LABEL_COLUMN - 1) as usize),
        theme::LABEL,
    )
    .render(label, buf);
    let lines: Vec<Line> = lines.into_iter().map(|l| Line::styled(l, style)).collect();
    Paragraph::new(lines).render(value, buf);
    fields
}

/// `text` word-wrapped to `width` characters in at most `max` lines.
fn wrap(text: &str, width: usize, max: usize) -> Vec<String> {
    let mut lines: Vec<String> = Vec::new();
    let mut current = String::new();
    for word in text.split_whitespace() {
        let needed = current.chars().count() + usize::from(!current.is_empty());
        if !current.is_empty() && needed + word.chars().count() > width {
            lines.push(std::mem::take(&mut current));
        }
        if !current.is_empty() {
            current.push(' ');
        }
        current.push_str(word);
    }
    if !current.is_empty() {
        lines.push(current);
    }
    let cut = lines.len() > max;
    lines.truncate(max);
    // A word wider than the line is cut; text that goes on ends in `…`.
    for line in &mut lines {
        *line = ellipsize(line, width);
    }
    if cut && let Some(last) = lines.last_mut() {
        *last = ellipsize(&format!("{last}…"), width);
    }
    lines
}

/// Rows a field takes: one, more for details and links, plus one for its message.
fn field_height(form: &Form, field: FieldId) -> u16 {
    let body = match field {
        FieldId::Details => {
            let lines = form.text(field).lines().count() as u16;
            if form.focus == field {
                lines.clamp(3, 8)
            } else {
                lines.clamp(1, 3)
            }
        }
        FieldId::Fixes => (form.links.len() as u16).clamp(1, 6),
        _ => 1,
    };
    body + u16::from(form.error(field).is_some())
}

fn draw_field(form: &Form, field: FieldId, area: Rect, buf: &mut Buffer) {
    let focused = form.focus == field;
    let [label, value] = area.layout(&Layout::horizontal([
        Constraint::Length(LABEL_COLUMN),
        Constraint::Fill(1),
    ]));
    let label_style = if focused { theme::FOCUS } else { theme::LABEL };
    let marker = if focused { "›" } else { " " };
    Line::from(vec![
        Span::styled(marker, label_style),
        Span::styled(
            format!("Alt-{:<w$}", jump_letter(field), w = KEY_WIDTH as usize - 4),
            if focused { theme::FOCUS } else { theme::DIM },
        ),
        Span::styled(
            format!(
                "{:>width$} ",
                field.label(),
                width = LABEL_WIDTH as usize - 1
            ),
            label_style,
        ),
    ])
    .render(label, buf);
    let error = form.error(field);
    let (value, message) = if error.is_some() && value.height > 1 {
        let [v, m] = value.layout(&Layout::vertical([
            Constraint::Fill(1),
            Constraint::Length(1),
        ]));
        (v, Some(m))
    } else {
        (value, None)
    };
    match field {
        FieldId::Status => status(form, focused, value, buf),
        FieldId::Fixes => links(form, focused, value, buf),
        _ => match form.textarea(field) {
            Some(textarea) if focused => textarea.render(value, buf),
            _ => {
                let text = form.text(field);
                let lines: Vec<Line> = text
                    .lines()
                    .map(|l| Line::from(sanitize::line(l)))
                    .collect();
                Paragraph::new(lines).render(value, buf);
            }
        },
    }
    if let (Some(error), Some(message)) = (error, message) {
        Line::styled(format!("↳ {}", sanitize::line(error)), theme::ERROR).render(message, buf);
    }
}

fn status(form: &Form, focused: bool, area: Rect, buf: &mut Buffer) {
    let mut spans = Vec::new();
    for status in [
        PromiseStatus::Open,
        PromiseStatus::Kept,
        PromiseStatus::Missed,
    ] {
        let style = if status == form.status {
            theme::SELECTED
        } else {
            theme::DIM
        };
        spans.push(Span::styled(format!(" {status} "), style));
        spans.push(Span::raw(" "));
    }
    if focused {
        spans.push(Span::styled("  Space / ← → to change", theme::DIM));
    }
    Line::from(spans).render(area, buf);
}

fn links(form: &Form, focused: bool, area: Rect, buf: &mut Buffer) {
    if form.links.is_empty() {
        Line::styled("no open screw-ups this week or last", theme::DIM).render(area, buf);
        return;
    }
    let height = area.height as usize;
    let skip = (form.link_cursor + 1).saturating_sub(height);
    let lines: Vec<Line> = form
        .links
        .iter()
        .enumerate()
        .skip(skip)
        .take(height)
        .map(|(i, link)| {
            let check = if link.linked { "[x]" } else { "[ ]" };
            let title = if link.title.is_empty() {
                link.id.to_string()
            } else {
                sanitize::line(&link.title)
            };
            let line = Line::from(vec![
                Span::raw(format!("{check} ")),
                Span::styled(link.date.format("%a %-d %b  ").to_string(), theme::DIM),
                Span::raw(title),
            ]);
            if focused && i == form.link_cursor {
                line.style(theme::SELECTED)
            } else {
                line
            }
        })
        .collect();
    Paragraph::new(lines).render(area, buf);
}

#[cfg(test)]
mod tests {
    use super::wrap;

    #[test]
    fn wrap_breaks_at_words_and_marks_what_is_cut() {
        assert_eq!(
            wrap("Cut the queue in half", 10, 3),
            ["Cut the", "queue in", "half"]
        );
        assert_eq!(
            wrap("one two three four five six", 9, 2),
            ["one two", "three…"]
        );
        assert_eq!(wrap("abcdefghijkl", 5, 3), ["abcd…"]);
        assert_eq!(wrap("", 5, 3), Vec::<String>::new());
    }
}
