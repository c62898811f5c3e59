//! Drawing: one widget per screen, all reading `&App`. Every piece of entry
//! text goes through `sanitize` before it reaches the buffer.

mod customers;
mod form;
mod help;
pub(crate) mod report;
mod stats;
pub(crate) mod text;
mod week;

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Flex, Layout, Rect};

use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Clear, Paragraph, Widget, Wrap};

use super::action::Command;
use super::app::{App, Level, Mode, Question};
use super::keymap::Screen;
use super::layout;
use super::theme;
use crate::sanitize;

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let problems = self.problems();
        let layout::Areas {
            header,
            reminders,
            banner,
            body,
            message,
            footer,
        } = layout::areas(self, area);
        week::header(self, header, buf);
        if layout::shows_reminders(self) {
            week::reminder_line(self, reminders.width).render(reminders, buf);
        }
        if let Some(first) = problems.first() {
            let more = match problems.len() {
                1 => String::new(),
                n => format!(" (+{} more; run `jobjournal check`)", n - 1),
            };
            Line::styled(format!("⚠ cannot read {first}{more}"), theme::WARN).render(banner, buf);
        }
        match self.mode {
            Mode::Week | Mode::Search | Mode::Picker | Mode::Quick => week::body(self, body, buf),
            Mode::Form => form::render(self, body, buf),
            Mode::Report => report::report(self, body, buf),
            Mode::Bullets => report::bullets(self, body, buf),
            Mode::Stats => stats::render(self, body, buf),
            Mode::Customers => customers::render(self, body, buf),
            Mode::Help => help::render(self, body, buf),
        }
        if self.mode == Mode::Picker {
            form::picker(self, body, buf);
        }
        if let Some((level, text)) = &self.message {
            let style = if *level == Level::Error {
                theme::ERROR
            } else {
                theme::INFO
            };
            Line::styled(sanitize::line(text), style).render(message, buf);
        }
        if let Some(question) = &self.question {
            ask(self, question, body, buf);
        }
        footer_hints(self, footer.width).render(footer, buf);
    }
}

/// The footer: the most useful keys of the screen in force, from the keymap.
fn footer_hints(app: &App, width: u16) -> Line<'static> {
    let screen = app.screen();
    let commands: &[Command] = match (screen, app.mode) {
        (Screen::Confirm, _) => &[Command::Yes, Command::No],
        (Screen::Main, _) if app.filtering => &[
            Command::Back,
            Command::Edit,
            Command::Delete,
            Command::Search,
            Command::Help,
            Command::Quit,
        ],
        // Dropped from the right when narrow, so the least needed go last;
        // the most used (new, search, report, bullets, stats) fit at 80.
        (Screen::Main, _) => &[
            Command::New,
            Command::Search,
            Command::Report,
            Command::Bullets,
            Command::Stats,
            Command::QuickAdd,
            Command::Customers,
            Command::Edit,
            Command::Delete,
            Command::Undo,
            Command::PrevWeek,
            Command::NextWeek,
            Command::Help,
            Command::Quit,
        ],
        (Screen::Picker, _) => &[Command::Back],
        (Screen::Quick, _) => &[Command::Save, Command::OpenForm, Command::Back],
        (Screen::Form, _) => &[
            Command::Save,
            Command::NextField,
            Command::PrevField,
            Command::ExternalEditor,
            Command::Back,
        ],
        (Screen::Search, _) => &[
            Command::Accept,
            Command::MoveDown,
            Command::MoveUp,
            Command::Back,
        ],
        // What view_command does on each: the bullets cover the last 12
        // months whatever the week; the stats do not scroll or export.
        (Screen::View, Mode::Report) => &[
            Command::Export,
            Command::MoveDown,
            Command::MoveUp,
            Command::PrevWeek,
            Command::NextWeek,
            Command::Bullets,
            Command::Stats,
            Command::Help,
            Command::Back,
        ],
        (Screen::View, Mode::Bullets) => &[
            Command::Export,
            Command::MoveDown,
            Command::MoveUp,
            Command::Report,
            Command::Stats,
            Command::Help,
            Command::Back,
        ],
        (Screen::View, Mode::Stats) => &[
            Command::PrevWeek,
            Command::NextWeek,
            Command::ThisWeek,
            Command::Report,
            Command::Bullets,
            Command::Help,
            Command::Back,
        ],
        (Screen::View, Mode::Customers) => &[
            Command::Open,
            Command::MoveDown,
            Command::MoveUp,
            Command::Help,
            Command::Back,
        ],
        (Screen::View, _) => &[
            Command::MoveDown,
            Command::MoveUp,
            Command::Report,
            Command::Bullets,
            Command::Stats,
            Command::Back,
        ],
    };
    let mut hints = app.keymap.hints(screen, commands);
    if screen == Screen::Form {
        // Enter is the form's own key, not the keymap's (see App::form_input).
        let multiline = app.form.as_ref().is_some_and(|f| f.focus.is_multiline());
        let does = if multiline { "new line" } else { "save" };
        hints.insert(0, ("Enter".to_string(), does));
    }
    // Too narrow: the last two (help, quit) always show; the others are
    // taken in order while they fit, so a short one may follow a long one
    // that did not.
    // A hint, the space in it and the two before the next; the first has
    // none before it, hence the 2 columns of slack.
    let len = |(k, w): &(String, &str)| k.chars().count() + w.len() + 3;
    let split = hints.len().saturating_sub(2);
    let mut room = (usize::from(width) + 2).saturating_sub(hints[split..].iter().map(len).sum());
    let mut kept = Vec::new();
    for hint in &hints[..split] {
        if len(hint) <= room {
            room -= len(hint);
            kept.push(hint.clone());
        }
    }
    kept.extend(hints[split..].iter().cloned());
    hints_line(kept)
}

pub(crate) fn hints_line(hints: Vec<(String, &'static str)>) -> Line<'static> {
    let mut spans = Vec::new();
    for (key, what) in hints {
        if !spans.is_empty() {
            spans.push(Span::raw("  "));
        }
        spans.push(Span::styled(sanitize::line(&key), theme::KEY));
        spans.push(Span::styled(format!(" {what}"), theme::DIM));
    }
    Line::from(spans)
}

fn ask(app: &App, question: &Question, area: Rect, buf: &mut Buffer) {
    let text = match question {
        Question::Delete {
            title, fixed_by, ..
        } if !fixed_by.is_empty() => {
            let fixes: Vec<String> = fixed_by
                .iter()
                .map(|t| format!("\"{}\"", sanitize::line(t)))
                .collect();
            format!(
                "Delete \"{}\"? It is fixed by {}, which will point to nothing.",
                sanitize::line(title),
                fixes.join(", ")
            )
        }
        Question::Delete { title, .. } => format!("Delete \"{}\"?", sanitize::line(title)),
        Question::Discard => "Leave the form and lose your changes?".to_string(),
        Question::Overwrite { path, .. } => format!(
            "{} exists. Overwrite it?",
            sanitize::line(&path.display().to_string())
        ),
        Question::Draft(draft) => {
            let title = draft
                .fields
                .get("title")
                .map(|t| sanitize::line(t))
                .unwrap_or_default();
            let what = if draft.editing.is_some() {
                "edit"
            } else {
                "new entry"
            };
            format!(
                "An unsaved {what} ({}) from last time: \"{title}\". Open it?",
                draft.kind.label()
            )
        }
    };
    let keys = hints_line(
        app.keymap
            .hints(Screen::Confirm, &[Command::Yes, Command::No]),
    );
    let chars = u16::try_from(text.chars().count()).unwrap_or(u16::MAX);
    let width = chars
        .saturating_add(4)
        .max(30)
        .min(area.width.saturating_sub(4));
    // Word wrapping may need a line more than the characters alone.
    let text_lines = chars.div_ceil(width.saturating_sub(2).max(1)) + 1;
    let popup = centered(area, width, text_lines.min(4) + 4);
    Clear.render(popup, buf);
    Paragraph::new(vec![Line::from(text), Line::default(), keys.centered()])
        .wrap(Wrap { trim: true })
        .block(
            Block::bordered()
                .title(" Question ")
                .border_style(theme::FOCUS),
        )
        .render(popup, buf);
}

/// `text` cut to `width` characters, ending in `…` when cut.
pub(crate) fn ellipsize(text: &str, width: usize) -> String {
    if text.chars().count() <= width {
        return text.to_string();
    }
    let mut cut: String = text.chars().take(width.saturating_sub(1)).collect();
    if width > 0 {
        cut.push('…');
    }
    cut
}

pub(crate) fn centered(area: Rect, width: u16, height: u16) -> Rect {
    let [row] = area.layout(
        &Layout::vertical([Constraint::Length(height.min(area.height))]).flex(Flex::Center),
    );
    let [popup] = row.layout(
        &Layout::horizontal([Constraint::Length(width.min(area.width))]).flex(Flex::Center),
    );
    popup
}

#[cfg(test)]
mod tests;
