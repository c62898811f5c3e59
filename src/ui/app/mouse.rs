//! The mouse: the wheel scrolls what the keys scroll, a click on an entry
//! in the week list or in search results selects it. Everything else stays
//! on the keyboard.

use crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
use ratatui::layout::Rect;

use super::{App, Mode};
use crate::ui::action::{Command, Effect};
use crate::ui::layout;

/// Lines a text screen moves per wheel step, as most terminals scroll.
const WHEEL_LINES: usize = 3;

impl App {
    pub(super) fn mouse(&mut self, event: MouseEvent) -> Vec<Effect> {
        if self.question.is_some() {
            return Vec::new();
        }
        let command = match event.kind {
            MouseEventKind::ScrollDown => Command::MoveDown,
            MouseEventKind::ScrollUp => Command::MoveUp,
            MouseEventKind::Down(MouseButton::Left) => {
                // Mapped with the screen as drawn, so before anything changes.
                let area = Rect::new(0, 0, self.size.0, self.size.1);
                let (column, row) = (event.column, event.row);
                if let Some(index) = layout::entry_at(self, area, column, row)
                    .or_else(|| layout::hit_at(self, area, column, row))
                {
                    self.message = None;
                    self.selected = index;
                }
                return Vec::new();
            }
            _ => return Vec::new(),
        };
        match self.mode {
            Mode::Week => self.week_command(command),
            Mode::Search => self.search_command(command),
            Mode::Report | Mode::Bullets | Mode::Stats | Mode::Help => {
                for _ in 0..WHEEL_LINES {
                    self.view_command(command);
                }
                Vec::new()
            }
            // The wheel moves the selection a row at a time, as j/k do.
            Mode::Customers => self.customers_command(command),
            Mode::Picker | Mode::Quick | Mode::Form => Vec::new(),
        }
    }
}
