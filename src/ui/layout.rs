//! Where each part of the screen goes. Worked out here once, so the views
//! draw from it and a mouse click is mapped back to the row drawn under it
//! with the very same numbers.

use chrono::NaiveDate;
use ratatui::layout::{Constraint, Layout, Rect};

use super::app::{App, Mode};
use crate::model::Entry;

/// From this width the list and the details sit side by side.
pub const SIDE_BY_SIDE: u16 = 100;

/// The screen's bands, top to bottom.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    pub reminders: Rect,
    pub banner: Rect,
    pub body: Rect,
    pub message: Rect,
    pub footer: Rect,
}

/// Whether the reminder line shows (only over the list).
pub fn shows_reminders(app: &App) -> bool {
    matches!(
        app.mode,
        Mode::Week | Mode::Search | Mode::Picker | Mode::Quick
    ) && !app.reminders().is_empty()
}

pub fn areas(app: &App, area: Rect) -> Areas {
    let [header, reminders, banner, body, message, footer] = area.layout(&Layout::vertical([
        Constraint::Length(2),
        Constraint::Length(u16::from(shows_reminders(app))),
        Constraint::Length(u16::from(!app.problems().is_empty())),
        Constraint::Fill(1),
        Constraint::Length(u16::from(app.message.is_some())),
        Constraint::Length(1),
    ]));
    Areas {
        header,
        reminders,
        banner,
        body,
        message,
        footer,
    }
}

/// The parts of the list screen's body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Body {
    pub search_bar: Option<Rect>,
    pub quick_bar: Option<Rect>,
    pub list: Rect,
    /// None when there is nothing to detail: the list gets it all.
    pub detail: Option<Rect>,
}

pub fn body(app: &App, area: Rect) -> Body {
    let split_bar = |area: Rect| {
        let [bar, rest] = area.layout(&Layout::vertical([
            Constraint::Length(3),
            Constraint::Fill(1),
        ]));
        (Some(bar), rest)
    };
    let searching = app.search.is_some() && (app.mode == Mode::Search || app.filtering);
    let (search_bar, area) = if searching {
        split_bar(area)
    } else {
        (None, area)
    };
    let (quick_bar, area) = if app.quick.is_some() && app.mode == Mode::Quick {
        split_bar(area)
    } else {
        (None, area)
    };
    if app.visible().is_empty() && app.hits().is_none() {
        return Body {
            search_bar,
            quick_bar,
            list: area,
            detail: None,
        };
    }
    let [list, detail] = if area.width >= SIDE_BY_SIDE {
        area.layout(&Layout::horizontal([
            Constraint::Percentage(45),
            Constraint::Percentage(55),
        ]))
    } else {
        area.layout(&Layout::vertical([
            Constraint::Percentage(55),
            Constraint::Percentage(45),
        ]))
    };
    Body {
        search_bar,
        quick_bar,
        list,
        detail: Some(detail),
    }
}

/// One line of the week list: a day's heading or an entry (its index in
/// the week's entries).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Row {
    Day(NaiveDate),
    Entry(usize),
}

/// The week list's lines: each day's heading, then its entries.
pub fn week_rows(entries: &[Entry]) -> Vec<Row> {
    let mut rows = Vec::with_capacity(entries.len() + 7);
    let mut day = None;
    for (index, entry) in entries.iter().enumerate() {
        if day != Some(entry.date) {
            day = Some(entry.date);
            rows.push(Row::Day(entry.date));
        }
        rows.push(Row::Entry(index));
    }
    rows
}

/// The first line shown of a one-line-per-row list `height` lines high:
/// the top, unless the selected line would be below the bottom, then just
/// enough to show it last (what ratatui's `List` does from offset 0).
pub fn list_offset(selected_row: Option<usize>, height: usize) -> usize {
    selected_row.map_or(0, |row| (row + 1).saturating_sub(height))
}

/// The list's area inside its border, and the line of it at `column`,
/// `row` (0 the first), when that is inside.
fn list_line(app: &App, area: Rect, column: u16, row: u16) -> Option<(Rect, usize)> {
    let list = body(app, areas(app, area).body).list;
    let inner = Rect {
        x: list.x + 1,
        y: list.y + 1,
        width: list.width.saturating_sub(2),
        height: list.height.saturating_sub(2),
    };
    inner
        .contains(ratatui::layout::Position::new(column, row))
        .then(|| (inner, usize::from(row - inner.y)))
}

/// The entry (index into the week's entries) drawn at the terminal's
/// `column`, `row`, when the week list is what the screen shows.
pub fn entry_at(app: &App, area: Rect, column: u16, row: u16) -> Option<usize> {
    if app.mode != Mode::Week || app.question.is_some() || app.hits().is_some() {
        return None;
    }
    let (inner, line) = list_line(app, area, column, row)?;
    let rows = week_rows(app.journal().week());
    let selected_row = rows.iter().position(|r| *r == Row::Entry(app.selected));
    let offset = list_offset(selected_row, usize::from(inner.height));
    match rows.get(offset + line)? {
        Row::Entry(index) => Some(*index),
        Row::Day(_) => None,
    }
}

/// The search hit (index into the results) drawn at the terminal's
/// `column`, `row`, when search results are what the screen shows.
pub fn hit_at(app: &App, area: Rect, column: u16, row: u16) -> Option<usize> {
    let hits = app.hits()?;
    if app.question.is_some() || hits.is_empty() {
        return None;
    }
    let (inner, mut top) = list_line(app, area, column, row)?;
    let heights: Vec<usize> = hits.iter().map(|h| h.rows()).collect();
    let selected = app.selected.min(hits.len() - 1);
    for (index, height) in
        heights
            .iter()
            .enumerate()
            .skip(items_offset(&heights, selected, usize::from(inner.height)))
    {
        if top < *height {
            return Some(index);
        }
        top -= height;
    }
    None
}

/// The first item shown of a list of items `heights` rows high in `height`
/// rows: the top, unless the selected item would not fit, then the first
/// from which it does (what ratatui's `List` does from offset 0).
pub fn items_offset(heights: &[usize], selected: usize, height: usize) -> usize {
    let mut first = 0;
    let mut used: usize = heights[..=selected].iter().sum();
    while used > height && first < selected {
        used -= heights[first];
        first += 1;
    }
    first
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Kind;
    use crate::ui::app::tests::{app_with, entry, sample};

    #[test]
    fn rows_head_each_day_once() {
        let entries = vec![
            entry("2026-11-16-aaaa", Kind::Note, "one"),
            entry("2026-11-16-bbbb", Kind::Note, "two"),
            entry("2026-11-18-cccc", Kind::Note, "three"),
        ];
        let rows = week_rows(&entries);
        assert_eq!(
            rows,
            vec![
                Row::Day(entries[0].date),
                Row::Entry(0),
                Row::Entry(1),
                Row::Day(entries[2].date),
                Row::Entry(2),
            ]
        );
    }

    #[test]
    fn the_list_scrolls_only_to_keep_the_selection_in_view() {
        assert_eq!(list_offset(None, 5), 0);
        assert_eq!(list_offset(Some(4), 5), 0);
        assert_eq!(list_offset(Some(5), 5), 1);
        assert_eq!(list_offset(Some(11), 5), 7);
    }

    #[test]
    fn items_of_two_rows_scroll_as_the_list_draws_them() {
        assert_eq!(items_offset(&[1, 2, 1], 2, 4), 0);
        assert_eq!(items_offset(&[1, 2, 1, 2], 3, 4), 2);
        assert_eq!(items_offset(&[2, 2, 2], 2, 4), 1);
        assert_eq!(items_offset(&[2, 2, 2], 0, 4), 0);
    }

    #[test]
    fn a_click_maps_to_the_hit_drawn_there() {
        let mut app = app_with(sample());
        crate::ui::app::tests::press(&mut app, "/");
        crate::ui::app::tests::type_text(&mut app, "billing");
        let hits = app.hits().unwrap();
        // Each hit shows where the word was found under its title: two rows.
        assert_eq!(hits.iter().map(|h| h.rows()).collect::<Vec<_>>(), [2, 2]);
        let area = Rect::new(0, 0, 80, 24);
        // Header 2, reminder line 1, the search box 3, the list's border 1.
        let top = 7;
        assert_eq!(hit_at(&app, area, 5, top), Some(0));
        assert_eq!(hit_at(&app, area, 5, top + 1), Some(0), "its excerpt");
        assert_eq!(hit_at(&app, area, 5, top + 2), Some(1));
        assert_eq!(hit_at(&app, area, 5, top + 3), Some(1));
        assert_eq!(hit_at(&app, area, 5, top + 4), None, "below the last");
        assert_eq!(hit_at(&app, area, 5, top - 1), None, "the border");
        assert_eq!(entry_at(&app, area, 5, top), None, "not a week row");
    }

    #[test]
    fn a_click_maps_to_the_entry_drawn_there() {
        let app = app_with(sample());
        // 80x24: header 2, reminder line 1, then the list's border; rows
        // are Mon, its entry, Tue, its entry, Wed, …
        let area = Rect::new(0, 0, 80, 24);
        assert!(shows_reminders(&app));
        let top = 4;
        assert_eq!(entry_at(&app, area, 5, top), None, "Monday's heading");
        assert_eq!(entry_at(&app, area, 5, top + 1), Some(0));
        assert_eq!(entry_at(&app, area, 5, top + 3), Some(1));
        assert_eq!(entry_at(&app, area, 5, top + 5), Some(2));
        assert_eq!(entry_at(&app, area, 0, top + 5), None, "on the border");
        assert_eq!(entry_at(&app, area, 5, 0), None, "the header");
    }
}
