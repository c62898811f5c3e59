//! `c`: one row per customer, as the `customers` command lists them. Columns
//! that do not fit are dropped, least needed first; the name and the money
//! always stay.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Rect};
use ratatui::text::Line;
use ratatui::widgets::{Block, Cell, Row, StatefulWidget, Table, TableState, Widget};

use super::theme;
use crate::model::Currency;
use crate::report::CustomerLine;
use crate::sanitize;
use crate::ui::app::App;

/// A column: its heading, whether it is right-aligned, and its cell text.
struct Column {
    heading: &'static str,
    numeric: bool,
    cell: fn(&CustomerLine, &Currency) -> String,
}

/// Every column, in the order shown.
const COLUMNS: [Column; 10] = [
    Column {
        heading: "Customer",
        numeric: false,
        cell: |l, _| sanitize::line(&l.name),
    },
    Column {
        heading: "Entries",
        numeric: true,
        cell: |l, _| l.entries.to_string(),
    },
    Column {
        heading: "Screw-ups",
        numeric: true,
        cell: |l, _| l.screwups.to_string(),
    },
    Column {
        heading: "Fixes",
        numeric: true,
        cell: |l, _| l.fixes.to_string(),
    },
    Column {
        heading: "Wins",
        numeric: true,
        cell: |l, _| l.wins.to_string(),
    },
    Column {
        heading: "Won",
        numeric: true,
        cell: |l, c| l.revenue_won.display(c),
    },
    Column {
        heading: "Protected",
        numeric: true,
        cell: |l, c| l.revenue_protected.display(c),
    },
    Column {
        heading: "Lost",
        numeric: true,
        cell: |l, c| l.revenue_lost.display(c),
    },
    Column {
        heading: "Value",
        numeric: true,
        cell: |l, c| l.customer_value.display(c),
    },
    Column {
        heading: "Last contact",
        numeric: false,
        cell: |l, _| l.last_contact.format("%Y-%m-%d").to_string(),
    },
];

/// Indices into `COLUMNS`, most needed first: the name and the money are
/// never dropped (the name is cut instead).
const PRIORITY: [usize; 10] = [0, 8, 5, 6, 7, 9, 1, 2, 3, 4];
const ALWAYS: usize = 5;
/// The name gets at least this many columns before anything optional.
const NAME_MIN: usize = 12;
const GAP: usize = 1;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let lines = app.customer_lines();
    let currency = &app.settings.currency;
    let cells: Vec<Vec<String>> = lines
        .iter()
        .map(|l| COLUMNS.iter().map(|c| (c.cell)(l, currency)).collect())
        .collect();
    let width = |i: usize| {
        cells
            .iter()
            .map(|row| row[i].chars().count())
            .chain([COLUMNS[i].heading.chars().count()])
            .max()
            .unwrap_or(0)
    };
    let widths: Vec<usize> = (0..COLUMNS.len()).map(width).collect();
    // The border and the selection marker.
    let shown = fitting(&widths, usize::from(area.width.saturating_sub(4)));

    let title = match (app.journal().is_loaded(), lines.len()) {
        (false, _) => " Customers (loading…) ".to_string(),
        (true, 1) => " 1 customer ".to_string(),
        (true, n) => format!(" {n} customers "),
    };
    let block = Block::bordered().title(title);
    if lines.is_empty() {
        let hint = if app.journal().is_loaded() {
            "No entry names a customer yet."
        } else {
            "Reading the journal…"
        };
        let inner = block.inner(area);
        block.render(area, buf);
        Line::styled(hint, theme::DIM).render(inner, buf);
        return;
    }
    let align = |i: usize, text: String| {
        let line = Line::from(text);
        if COLUMNS[i].numeric {
            line.right_aligned()
        } else {
            line
        }
    };
    let header = Row::new(
        shown
            .iter()
            .map(|&i| Cell::from(align(i, COLUMNS[i].heading.to_string()))),
    )
    .style(theme::TITLE);
    let rows = cells
        .into_iter()
        .map(|row| Row::new(shown.iter().map(|&i| Cell::from(align(i, row[i].clone())))));
    let constraints = shown.iter().map(|&i| {
        if i == 0 {
            Constraint::Fill(1)
        } else {
            Constraint::Length(u16::try_from(widths[i]).unwrap_or(u16::MAX))
        }
    });
    let table = Table::new(rows, constraints)
        .header(header)
        .column_spacing(u16::try_from(GAP).unwrap_or(1))
        .row_highlight_style(theme::SELECTED)
        // The marker shows the selection where colours do not.
        .highlight_symbol("▸ ")
        .block(block);
    let mut state = TableState::default().with_selected(Some(app.customer_selected));
    StatefulWidget::render(table, area, buf, &mut state);
}

/// The columns to show, in `COLUMNS` order: the ones always kept, then
/// the rest in `PRIORITY` order while they fit with the name at `NAME_MIN`.
fn fitting(widths: &[usize], room: usize) -> Vec<usize> {
    let name = widths[0].min(NAME_MIN);
    let mut used = name;
    let mut shown = vec![0];
    for (n, &i) in PRIORITY.iter().enumerate().skip(1) {
        let need = widths[i] + GAP;
        if n >= ALWAYS && used + need > room {
            // Later ones are needed less, even when narrower.
            break;
        }
        used += need;
        shown.push(i);
    }
    shown.sort_unstable();
    shown
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn narrow_widths_drop_counts_before_money() {
        // Name, then entries, screw-ups, fixes, wins, won, protected, lost, value, last.
        let widths = [20, 7, 9, 5, 4, 7, 9, 6, 8, 12];
        assert_eq!(fitting(&widths, 200), (0..10).collect::<Vec<_>>());
        assert_eq!(
            fitting(&widths, 12 + 8 + 7 + 9 + 6 + 4),
            vec![0, 5, 6, 7, 8]
        );
        assert_eq!(fitting(&widths, 0), vec![0, 5, 6, 7, 8]);
        assert_eq!(
            fitting(&widths, 12 + 8 + 7 + 9 + 6 + 4 + 13 + 8),
            vec![0, 1, 5, 6, 7, 8, 9]
        );
        // Fixes (6) would fit after screw-ups (10) do not: it stays out too.
        assert_eq!(
            fitting(&widths, 12 + 8 + 7 + 9 + 6 + 4 + 13 + 8 + 7),
            vec![0, 1, 5, 6, 7, 8, 9]
        );
    }
}
