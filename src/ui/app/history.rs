//! Undo for every change made since the app opened: an add, an edit, a
//! status change or a delete, several steps back. Each saved change leaves
//! the step that takes it back; `u` runs the newest through the store.

use super::App;
use crate::model::{Entry, EntryId};
use crate::ui::action::{Effect, Trashed};

/// How to take one change back.
#[derive(Debug, Clone)]
pub enum Step {
    /// An entry was added: delete it.
    Added { id: EntryId },
    /// An entry was changed (edit or status) from `before` to `after`: put
    /// back the fields that change touched, and only those, so what another
    /// window saved since stays.
    Updated {
        before: Box<Entry>,
        after: Box<Entry>,
    },
    /// An entry was deleted: put it back where it was in its file.
    Deleted { id: EntryId, trashed: Trashed },
}

/// At most this many steps are kept; older ones fall off.
const DEPTH: usize = 100;

impl App {
    /// Remembers how to take back a change that has just been saved, unless
    /// the change was itself an undo.
    pub(super) fn remember(&mut self, step: Step) {
        if self.undoing {
            self.undoing = false;
            return;
        }
        if self.history.len() == DEPTH {
            self.history.remove(0);
        }
        self.history.push(step);
    }

    pub(super) fn undo(&mut self) -> Vec<Effect> {
        let Some(step) = self.history.pop() else {
            self.info("Nothing to undo".into());
            return Vec::new();
        };
        self.undoing = true;
        match step {
            Step::Added { id } => vec![Effect::Delete(id)],
            Step::Updated { before, after } => vec![Effect::Update {
                base: after,
                entry: *before,
            }],
            Step::Deleted { trashed, .. } => vec![Effect::Restore(trashed)],
        }
    }

    /// What `u` would take back, for the message after a change.
    pub(super) fn undo_hint(&self) -> String {
        let key = self
            .keymap
            .keys(
                crate::ui::keymap::Screen::Main,
                crate::ui::action::Command::Undo,
            )
            .first()
            .map(|k| k.to_string());
        key.map(|k| format!(" ({k} undoes)")).unwrap_or_default()
    }
}
