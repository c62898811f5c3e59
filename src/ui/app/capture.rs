//! The kind picker, the form and drafts: how entries are added and edited.

use crossterm::event::{KeyCode, KeyEvent};

use super::{App, Level, Mode, Question, Step};
use crate::model::{Entry, EntryId, Kind, Week};
use crate::ui::action::{Command, Effect, picked_kind};
use crate::ui::draft::Draft;
use crate::ui::form::{FieldId, Form, LinkChoice};

impl App {
    pub(super) fn picker_command(&mut self, command: Command) -> Vec<Effect> {
        if let Some(kind) = picked_kind(command) {
            // New entries land on today whatever week is shown: the date
            // field is right there to change.
            self.form = Some(Form::new(
                kind,
                self.today,
                self.today,
                self.link_candidates(None),
            ));
            self.mode = Mode::Form;
        } else if command == Command::Back {
            self.mode = Mode::Week;
        }
        Vec::new()
    }

    pub(super) fn edit_selected(&mut self) -> Vec<Effect> {
        let Some(entry) = self.selected_entry().cloned() else {
            return Vec::new();
        };
        self.message = None;
        self.form = Some(Form::edit(
            &entry,
            self.today,
            self.link_candidates(Some(&entry.id)),
        ));
        self.mode = Mode::Form;
        Vec::new()
    }

    /// This and last week's screw-ups that no fix names yet (other than
    /// `editing`), plus any older ones `editing` already fixes.
    pub(super) fn link_candidates(&self, editing: Option<&EntryId>) -> Vec<LinkChoice> {
        let this = Week::containing(self.today, self.settings.week_start);
        let from = this.prev().start();
        let linked: Vec<&EntryId> = self
            .known()
            .iter()
            .filter(|e| Some(&e.id) == editing)
            .flat_map(|e| e.fixes.iter())
            .collect();
        let fixed =
            crate::report::fixed_ids(self.known().iter().filter(|e| Some(&e.id) != editing));
        let mut choices: Vec<LinkChoice> = self
            .known()
            .iter()
            .filter(|e| e.kind == Kind::Screwup)
            .filter(|e| {
                let recent = e.date >= from && e.date <= this.end() && !fixed.contains(&e.id);
                recent || linked.contains(&&e.id)
            })
            .map(|e| LinkChoice {
                id: e.id.clone(),
                date: e.date,
                title: e.title.clone(),
                linked: false,
            })
            .collect();
        choices.sort_by_key(|c| std::cmp::Reverse(c.date));
        choices
    }

    pub(super) fn form_command(&mut self, command: Command) -> Vec<Effect> {
        let Some(form) = &mut self.form else {
            self.mode = Mode::Week;
            return Vec::new();
        };
        match command {
            Command::NextField => form.next_field(),
            Command::PrevField => form.prev_field(),
            Command::Save => match form.to_entry() {
                Ok(entry) => {
                    return vec![match &form.original {
                        // Only what this form changed is saved: a `done` or
                        // another window's save made meanwhile stays.
                        Some(base) => Effect::Update {
                            base: Box::new(base.clone()),
                            entry,
                        },
                        None => Effect::Add(entry),
                    }];
                }
                Err(message) => {
                    self.message = Some((Level::Error, format!("Cannot save yet: {message}")))
                }
            },
            Command::ExternalEditor if form.focus == FieldId::Details => {
                return vec![Effect::EditExternally(form.text(FieldId::Details))];
            }
            Command::ExternalEditor => {
                self.message = Some((Level::Info, "$EDITOR opens from the Details field".into()));
            }
            Command::Back if form.is_changed() => self.question = Some(Question::Discard),
            Command::Back => return self.close_form(),
            _ => {}
        }
        Vec::new()
    }

    pub(super) fn form_input(&mut self, key: KeyEvent) -> Vec<Effect> {
        let Some(form) = &mut self.form else {
            return Vec::new();
        };
        // Alt and a field's letter (shown beside its label) goes straight to it.
        if form.jump(key) {
            return Vec::new();
        }
        // Enter saves from any one-line field: it used to move to the next
        // field, and text typed after it landed in the wrong one.
        if key.code == KeyCode::Enter && key.modifiers.is_empty() && !form.focus.is_multiline() {
            return self.form_command(Command::Save);
        }
        form.input(super::shell_editing(key));
        Vec::new()
    }

    pub(super) fn close_form(&mut self) -> Vec<Effect> {
        self.form = None;
        self.mode = Mode::Week;
        vec![Effect::ClearDraft]
    }

    pub(super) fn open_draft(&mut self, draft: &Draft) -> Vec<Effect> {
        let editing: Option<EntryId> = draft.editing.as_deref().and_then(|id| id.parse().ok());
        let original = editing
            .as_ref()
            .and_then(|id| self.known().iter().find(|e| &e.id == id).cloned());
        if editing.is_some() && original.is_none() && !self.journal.is_loaded() {
            // The entry may be in an older week: wait for the whole journal.
            self.pending_draft = Some(draft.clone());
            self.info("Opening the draft once the journal is read…".into());
            return Vec::new();
        }
        if editing.is_some() && original.is_none() {
            self.info(
                "The entry this draft edited is not in view; saving adds it as a new entry".into(),
            );
        }
        let candidates = self.link_candidates(editing.as_ref());
        self.form = Some(Form::from_draft(draft, self.today, original, candidates));
        self.mode = Mode::Form;
        Vec::new()
    }

    pub(super) fn added(&mut self, entry: Entry) -> Vec<Effect> {
        self.info(format!(
            "Saved \"{}\" to {}{}",
            entry.title,
            entry.date.format("%a %-d %b"),
            self.undo_hint()
        ));
        self.remember(Step::Added {
            id: entry.id.clone(),
        });
        self.finish_save(entry)
    }

    /// `entry` (as saved) landed as the change from `base` to `asked`.
    pub(super) fn updated(
        &mut self,
        base: Box<Entry>,
        asked: Box<Entry>,
        entry: Entry,
    ) -> Vec<Effect> {
        let hint = if self.undoing {
            " (undone)".to_string()
        } else {
            self.undo_hint()
        };
        self.info(format!("Saved \"{}\"{hint}", entry.title));
        self.remember(Step::Updated {
            before: base,
            after: asked,
        });
        self.finish_save(entry)
    }

    fn finish_save(&mut self, entry: Entry) -> Vec<Effect> {
        let mut effects = if self.form.is_some() {
            self.close_form()
        } else {
            Vec::new()
        };
        self.close_quick();
        self.insert(entry.clone());
        effects.extend(self.select_or_visit(&entry));
        effects
    }
}
