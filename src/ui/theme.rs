//! Colours and symbols, in one place.

use ratatui::style::{Color, Modifier, Style};

use crate::model::Kind;

pub fn marker(kind: Kind) -> &'static str {
    match kind {
        Kind::Screwup => "✗",
        Kind::Fix => "✓",
        Kind::Exceeded => "▲",
        Kind::Met => "●",
        Kind::Promise => "◆",
        Kind::Note => "•",
    }
}

pub fn kind(kind: Kind) -> Style {
    Style::new().fg(match kind {
        Kind::Screwup => Color::Red,
        Kind::Fix => Color::Green,
        Kind::Exceeded => Color::Magenta,
        Kind::Met => Color::Cyan,
        Kind::Promise => Color::Blue,
        Kind::Note => Color::Gray,
    })
}

pub const HEADER: Style = Style::new().fg(Color::Black).bg(Color::Cyan);
pub const TITLE: Style = Style::new().add_modifier(Modifier::BOLD);
pub const LABEL: Style = Style::new().fg(Color::DarkGray);
pub const DIM: Style = Style::new().fg(Color::DarkGray);
pub const DAY: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
pub const SELECTED: Style = Style::new().add_modifier(Modifier::REVERSED);
pub const KEY: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
pub const MATCH: Style = Style::new()
    .fg(Color::Yellow)
    .add_modifier(Modifier::BOLD.union(Modifier::UNDERLINED));
pub const WARN: Style = Style::new().fg(Color::Black).bg(Color::Yellow);
pub const ERROR: Style = Style::new().fg(Color::Red).add_modifier(Modifier::BOLD);
pub const INFO: Style = Style::new().fg(Color::Green);
pub const OPEN: Style = Style::new().fg(Color::Red).add_modifier(Modifier::BOLD);
pub const MONEY_UP: Style = Style::new().fg(Color::Green);
pub const MONEY_DOWN: Style = Style::new().fg(Color::Red);
pub const HEADING: Style = Style::new().fg(Color::Cyan).add_modifier(Modifier::BOLD);
pub const FOCUS: Style = Style::new().fg(Color::Yellow).add_modifier(Modifier::BOLD);
