//! The report and bullets screens: the rendered Markdown laid out by
//! [`text`](super::text), its trend drawn as a `Table` with a bar per
//! series on one scale, and the parts that reach into the window drawn
//! whole into a buffer that the window is cut from, so the table scrolls
//! like text. The app lays the text out once per text and width
//! ([`lay_out`]) and asks [`max_scroll`] where the end is, so it and the
//! screen count the same wrapped lines: scrolling stops at the end and one
//! key up moves one line.

use std::borrow::Cow;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Cell, Row, Table, Widget};

use super::text::{Part, document};
use super::theme;
use crate::sanitize;
use crate::ui::app::App;
use crate::ui::layout;

pub fn report(app: &App, area: Rect, buf: &mut Buffer) {
    let title = format!(" Report {} ", app.week.label());
    scrolled(app, &title, area, buf);
}

pub fn bullets(app: &App, area: Rect, buf: &mut Buffer) {
    scrolled(app, " Resume bullets, last 12 months ", area, buf);
}

/// How far the report or bullets screen scrolls at the app's terminal
/// size: until the last line is at the bottom of the view, counting lines
/// as the screen wraps them.
pub fn max_scroll(app: &App) -> u16 {
    let inner = inner(app);
    last_top(&shown(app, inner.width), inner.height)
}

/// The width the report or bullets text is laid out to at the app's
/// terminal size.
pub fn text_width(app: &App) -> u16 {
    inner(app).width
}

/// `markdown` as the screen lays it out `width` cells wide.
pub fn lay_out(markdown: &str, width: u16) -> Vec<Part> {
    document(markdown, usize::from(width.max(1)))
}

/// The view's room inside its border at the app's terminal size.
fn inner(app: &App) -> Rect {
    let screen = Rect::new(0, 0, app.size.0, app.size.1);
    Block::bordered().inner(layout::areas(app, screen).body)
}

/// The first line shown when the last line is at the bottom.
fn last_top(shown: &Shown, height: u16) -> u16 {
    let total = shown.parts().map(part_height).sum::<usize>();
    u16::try_from(total.saturating_sub(usize::from(height))).unwrap_or(u16::MAX)
}

/// What the screen shows: a notice while the journal is still read, then
/// the text (as the app laid it out when it can).
struct Shown<'a> {
    notice: Option<Part>,
    body: Cow<'a, [Part]>,
}

impl Shown<'_> {
    fn parts(&self) -> impl Iterator<Item = &Part> {
        self.notice.iter().chain(self.body.iter())
    }
}

/// What the screen shows, laid out `width` cells wide.
fn shown(app: &App, width: u16) -> Shown<'_> {
    let body = match app.view_text() {
        Some(Ok(markdown)) => app
            .laid_out(width)
            .map_or_else(|| Cow::Owned(lay_out(markdown, width)), Cow::Borrowed),
        Some(Err(err)) => Cow::Owned(vec![Part::Line(Line::styled(
            sanitize::line(err),
            theme::ERROR,
        ))]),
        None => Cow::Owned(vec![Part::Line(Line::styled("Rendering…", theme::DIM))]),
    };
    let notice = (!app.journal().is_loaded()).then(|| {
        Part::Line(Line::styled(
            "(still reading the whole journal; older weeks will fill in)",
            theme::DIM,
        ))
    });
    Shown { notice, body }
}

fn part_height(part: &Part) -> usize {
    match part {
        Part::Line(_) => 1,
        Part::Table(rows) => Trend::new(rows).height(),
    }
}

fn scrolled(app: &App, title: &str, area: Rect, buf: &mut Buffer) {
    let block = Block::bordered().title(title.to_string());
    let inner = block.inner(area);
    block.render(area, buf);
    let shown = shown(app, inner.width);
    let top = app.scroll.min(last_top(&shown, inner.height));
    // Only the parts that reach into the window are drawn, each whole (a
    // trend cut by the window would lay its bars out for the smaller room),
    // on a page that starts with the first of them: a draw costs the
    // window, not the lines above it.
    let top = usize::from(top);
    let bottom = top + usize::from(inner.height);
    let mut drawn = Vec::new();
    let mut y = 0usize;
    for part in shown.parts() {
        if y >= bottom {
            break;
        }
        let height = part_height(part);
        if y + height > top {
            drawn.push((y, height, part));
        }
        y += height;
    }
    let page_top = drawn.first().map_or(top, |(y, _, _)| *y);
    let page_height = y.max(bottom) - page_top;
    let mut page = Buffer::empty(Rect::new(
        0,
        0,
        inner.width,
        u16::try_from(page_height).unwrap_or(u16::MAX),
    ));
    for (y, height, part) in drawn {
        let Ok(row) = u16::try_from(y - page_top) else {
            break;
        };
        match part {
            Part::Line(line) => {
                page.set_line(0, row, line, inner.width);
            }
            Part::Table(rows) => {
                let room = u16::try_from(height)
                    .unwrap_or(u16::MAX)
                    .min(page.area.height - row);
                Trend::new(rows).render(Rect::new(0, row, inner.width, room), &mut page);
            }
        }
    }
    for dy in 0..inner.height {
        let from = top - page_top + usize::from(dy);
        let Ok(from) = u16::try_from(from) else { break };
        if from >= page.area.height {
            break;
        }
        for dx in 0..inner.width {
            buf[(inner.x + dx, inner.y + dy)] = page[(dx, from)].clone();
        }
    }
}

/// The colours of a trend's series, in column order (screw-ups, fixes, wins).
const SERIES: [Color; 3] = [Color::Red, Color::Blue, Color::Green];

/// A Markdown table as a widget. When every column after the first holds
/// counts (the trend), each count gets a bar, every column on the one scale
/// that a line under the table states; any other table is drawn as text.
struct Trend<'a> {
    header: &'a [String],
    body: &'a [Vec<String>],
    /// Each body row's counts, when every column after the first is one.
    counts: Option<Vec<Vec<u32>>>,
}

impl<'a> Trend<'a> {
    fn new(rows: &'a [Vec<String>]) -> Trend<'a> {
        let (header, body) = match rows.split_first() {
            Some((header, body)) => (header.as_slice(), body),
            None => (&[][..], &[][..]),
        };
        let columns = header.len().saturating_sub(1);
        let counts: Vec<Vec<u32>> = body
            .iter()
            .map(|r| r.iter().skip(1).filter_map(|c| c.parse().ok()).collect())
            .collect();
        let numeric = columns > 0 && counts.iter().all(|c| c.len() == columns);
        Trend {
            header,
            body,
            counts: numeric.then_some(counts),
        }
    }

    /// The header, a row per body row, and the scale's line for a trend.
    fn height(&self) -> usize {
        if self.header.is_empty() {
            return 0;
        }
        1 + self.body.len() + usize::from(self.counts.is_some())
    }

    /// The largest count, which a full bar stands for (at least 1).
    fn max(&self) -> u32 {
        self.counts
            .iter()
            .flatten()
            .flatten()
            .copied()
            .max()
            .unwrap_or(0)
            .max(1)
    }
}

impl Widget for Trend<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        if self.header.is_empty() || area.width < 3 {
            return;
        }
        // Indented like the list items around it.
        let area = Rect {
            x: area.x + 2,
            width: area.width - 2,
            ..area
        };
        let label_width = std::iter::once(self.header)
            .chain(self.body.iter().map(Vec::as_slice))
            .filter_map(|r| r.first())
            .map(|c| c.chars().count())
            .max()
            .unwrap_or(0);
        let columns = self.header.len() - 1;
        let Some(counts) = &self.counts else {
            let rows = self.body.iter().map(|r| Row::new(r.clone()));
            let widths = (0..self.header.len()).map(|i| {
                let width = std::iter::once(self.header)
                    .chain(self.body.iter().map(Vec::as_slice))
                    .filter_map(|r| r.get(i))
                    .map(|c| c.chars().count())
                    .max()
                    .unwrap_or(0);
                Constraint::Length(u16::try_from(width).unwrap_or(u16::MAX))
            });
            Table::new(rows, widths)
                .header(Row::new(self.header.to_vec()).style(theme::TITLE))
                .column_spacing(2)
                .render(area, buf);
            return;
        };
        let max = self.max();
        let digits = max.to_string().len();
        // Each series' cell: a bar, a space and the count; bars longer
        // than twenty cells only make a wide terminal harder to read.
        let cell = (usize::from(area.width).saturating_sub(label_width + columns) / columns)
            .clamp(digits + 2, 20 + digits + 1);
        let bar = cell - digits - 1;
        let header = Row::new(self.header.iter().enumerate().map(|(i, name)| {
            let style = match i {
                0 => theme::TITLE,
                _ => Style::new()
                    .fg(SERIES[(i - 1) % SERIES.len()])
                    .add_modifier(Modifier::BOLD),
            };
            Cell::from(Span::styled(name.clone(), style))
        }));
        let rows = self.body.iter().zip(counts).map(|(row, values)| {
            let week = Cell::from(Span::styled(row[0].clone(), theme::DIM));
            let bars = values.iter().enumerate().map(|(i, &value)| {
                let filled = (value as usize * bar).div_ceil(max as usize);
                Cell::from(Line::from(vec![
                    Span::styled(
                        "█".repeat(filled),
                        Style::new().fg(SERIES[i % SERIES.len()]),
                    ),
                    Span::raw(format!("{:w$}{value:>digits$}", "", w = bar - filled + 1)),
                ]))
            });
            Row::new(std::iter::once(week).chain(bars))
        });
        let widths = std::iter::once(label_width)
            .chain(std::iter::repeat_n(cell, columns))
            .map(|w| Constraint::Length(u16::try_from(w).unwrap_or(u16::MAX)));
        let table_area = Rect {
            height: area.height.saturating_sub(1),
            ..area
        };
        Table::new(rows, widths)
            .header(header)
            .column_spacing(1)
            .render(table_area, buf);
        let scale = format!("One scale for every column: a full bar is {max}.");
        if let Some(y) = (area.height > 0).then(|| area.bottom() - 1) {
            buf.set_line(area.x, y, &Line::styled(scale, theme::DIM), area.width);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(table: &[&[&str]]) -> Vec<Vec<String>> {
        table
            .iter()
            .map(|r| r.iter().map(|c| c.to_string()).collect())
            .collect()
    }

    fn drawn(rows: &[Vec<String>], width: u16) -> Vec<String> {
        let trend = Trend::new(rows);
        let height = u16::try_from(trend.height()).unwrap();
        let area = Rect::new(0, 0, width, height);
        let mut buf = Buffer::empty(area);
        trend.render(area, &mut buf);
        (0..height)
            .map(|y| {
                let line: String = (0..width).map(|x| buf[(x, y)].symbol()).collect();
                line.trim_end().to_string()
            })
            .collect()
    }

    #[test]
    fn the_trend_is_a_table_of_bars_on_one_scale() {
        let table = rows(&[
            &["Week", "Screw-ups", "Fixes", "Wins"],
            &["2026-W46", "2", "0", "8"],
            &["2026-W47", "1", "1", "4"],
        ]);
        let lines = drawn(&table, 52);
        // Eleven cells stand for 8: two screw-ups are three, not a full bar.
        assert_eq!(
            lines,
            [
                "  Week     Screw-ups     Fixes         Wins",
                "  2026-W46 ███         2             0 ███████████ 8",
                "  2026-W47 ██          1 ██          1 ██████      4",
                "  One scale for every column: a full bar is 8.",
            ]
        );
        let mut buf = Buffer::empty(Rect::new(0, 0, 52, 4));
        Trend::new(&table).render(buf.area, &mut buf);
        assert_eq!(buf[(11, 1)].fg, Color::Red, "screw-ups are red");
        assert_eq!(buf[(39, 1)].fg, Color::Green, "wins are green");
        assert!(buf[(2, 0)].modifier.contains(Modifier::BOLD), "header");
    }

    #[test]
    fn other_tables_are_drawn_as_text() {
        let table = rows(&[&["Name", "Role"], &["Ada", "Account manager"]]);
        assert_eq!(
            drawn(&table, 40),
            ["  Name  Role", "  Ada   Account manager"]
        );
    }
}
