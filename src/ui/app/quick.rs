//! Quick add: one line, parsed by `model::parse_quick`, saved on Enter or
//! opened in the full form on request.

use crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::TextArea;

use super::{App, Level, Mode};
use crate::model::{Entry, EntryId, QuickEntry, parse_quick};
use crate::ui::action::{Command, Effect};
use crate::ui::draft::Draft;
use crate::ui::form::Form;

/// The one-line capture: what has been typed so far.
#[derive(Debug, Clone)]
pub struct QuickLine {
    pub input: TextArea<'static>,
}

impl QuickLine {
    fn new() -> QuickLine {
        let mut input = TextArea::default();
        input.set_placeholder_text("s Sent the invoice twice @Acme -1200 #billing");
        input.set_cursor_line_style(ratatui::style::Style::default());
        QuickLine { input }
    }

    pub fn text(&self) -> String {
        self.input.lines().join(" ")
    }
}

impl App {
    pub(super) fn open_quick(&mut self) {
        self.message = None;
        self.quick = Some(QuickLine::new());
        self.mode = Mode::Quick;
    }

    /// What the line says so far, for the live preview under it.
    pub fn quick_preview(&self) -> Option<Result<QuickEntry, String>> {
        let text = self.quick.as_ref()?.text();
        if text.trim().is_empty() {
            return None;
        }
        Some(parse_quick(&text, self.today).map_err(|e| e.to_string()))
    }

    pub(super) fn quick_command(&mut self, command: Command) -> Vec<Effect> {
        let Some(line) = &self.quick else {
            self.mode = Mode::Week;
            return Vec::new();
        };
        let text = line.text();
        match command {
            Command::Save => match parse_quick(&text, self.today).map_err(|e| e.to_string()) {
                Ok(quick) => match self.quick_entry(&quick) {
                    // The line stays until the save lands, so a failed save loses nothing.
                    Ok(entry) => return vec![Effect::Add(entry)],
                    Err(message) => self.refuse(message),
                },
                Err(message) => self.refuse(message),
            },
            Command::OpenForm => match parse_quick(&text, self.today) {
                Ok(quick) => self.open_prefilled_form(&quick),
                Err(err) => self.refuse(err.to_string()),
            },
            Command::Back => self.close_quick(),
            _ => {}
        }
        Vec::new()
    }

    pub(super) fn quick_input(&mut self, key: KeyEvent) -> Vec<Effect> {
        // One line: a newline never gets in (Enter is bound to save).
        if key.code == KeyCode::Enter {
            return Vec::new();
        }
        if let Some(line) = &mut self.quick {
            line.input.input(super::shell_editing(key));
        }
        Vec::new()
    }

    pub(super) fn close_quick(&mut self) {
        self.quick = None;
        if self.mode == Mode::Quick {
            self.mode = Mode::Week;
        }
    }

    fn refuse(&mut self, message: String) {
        self.message = Some((Level::Error, format!("Cannot save yet: {message}")));
    }

    /// The new entry a parsed line describes, dated today.
    fn quick_entry(&self, quick: &QuickEntry) -> Result<Entry, String> {
        // The store gives the real id; the date part says which file.
        let placeholder: EntryId = format!("{}-0000", self.today.format("%Y-%m-%d"))
            .parse()
            .map_err(|e: crate::model::ModelError| e.to_string())?;
        let mut entry = Entry::new(placeholder, self.today, quick.kind(), quick.title.clone());
        entry.customer = quick.customer.clone();
        entry.tags = quick.tags.clone();
        entry.revenue = quick.revenue;
        entry.due = quick.due;
        entry.expected = quick.expected.clone();
        entry.delivered = quick.delivered.clone();
        entry.validate().map_err(|e| e.to_string())?;
        Ok(entry)
    }

    /// The full form of the line's kind, filled with what the line says.
    fn open_prefilled_form(&mut self, quick: &QuickEntry) {
        let mut fields: std::collections::BTreeMap<String, String> = quick
            .field_texts()
            .into_iter()
            .map(|(key, value)| (key.to_string(), value))
            .collect();
        fields.insert("date".into(), self.today.format("%Y-%m-%d").to_string());
        let draft = Draft {
            kind: quick.kind(),
            editing: None,
            fields,
            links: Vec::new(),
        };
        let candidates = self.link_candidates(None);
        self.form = Some(Form::from_draft(&draft, self.today, None, candidates));
        self.quick = None;
        self.mode = Mode::Form;
    }
}
