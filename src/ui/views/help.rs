//! `?`: every binding in force, screen by screen, read from the keymap.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::theme;
use crate::ui::app::App;
use crate::ui::guide;
use crate::ui::keymap::Screen;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let mut lines = Vec::new();
    for screen in Screen::ALL {
        if !lines.is_empty() {
            lines.push(Line::default());
        }
        lines.push(Line::styled(screen.title(), theme::HEADING));
        for (command, keys) in app.keymap.bindings(screen) {
            let keys: Vec<String> = keys.iter().map(ToString::to_string).collect();
            lines.push(Line::from(vec![
                Span::styled(format!("  {:<20}", keys.join(", ")), theme::KEY),
                Span::raw(command.describe()),
            ]));
        }
    }
    for (heading, rows) in guide::SECTIONS {
        lines.push(Line::default());
        lines.push(Line::styled(heading, theme::HEADING));
        for (typed, meaning) in rows {
            lines.push(Line::from(vec![
                Span::styled(format!("  {typed:<24}"), theme::KEY),
                Span::raw(*meaning),
            ]));
        }
    }
    lines.push(Line::default());
    lines.push(Line::styled(
        "Rebind any key in the [keys] table of config.toml.",
        theme::DIM,
    ));
    Paragraph::new(lines)
        .scroll((app.scroll, 0))
        .block(Block::bordered().title(" Keys "))
        .render(area, buf);
}
