//! What to look at this morning: promises past their due date and
//! screw-ups nothing fixes yet, from every week the app knows. One key
//! visits them in turn; `Space` on a promise cycles its status.

use chrono::NaiveDate;

use super::App;
use crate::model::{Entry, PromiseStatus};
use crate::report::{Attention, Concern, needs_attention};
use crate::ui::action::Effect;

/// The entries the reminder line names, in the order the jump key visits them.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Reminders {
    /// Open promises due before today, oldest due first.
    pub overdue: Vec<Entry>,
    /// Screw-ups no fix names, newest first.
    pub open_screwups: Vec<Entry>,
}

impl Reminders {
    /// By the weekly report's rule ([`needs_attention`]) as of `today`.
    pub fn of(entries: &[Entry], today: NaiveDate) -> Reminders {
        let (overdue, open_screwups): (Vec<Attention>, Vec<Attention>) =
            needs_attention(entries, today)
                .into_iter()
                .partition(|a| a.concern == Concern::OverduePromise);
        let entries = |items: Vec<Attention>| items.into_iter().map(|a| a.entry).collect();
        Reminders {
            overdue: entries(overdue),
            open_screwups: entries(open_screwups),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.overdue.is_empty() && self.open_screwups.is_empty()
    }

    fn all(&self) -> impl Iterator<Item = &Entry> {
        self.overdue.iter().chain(&self.open_screwups)
    }
}

impl App {
    /// Selects the reminder after the selected entry (the first one when
    /// the selection is not a reminder), going to its week.
    pub(super) fn next_reminder(&mut self) -> Vec<Effect> {
        let reminders = self.reminders();
        let current = self.selected_entry().map(|e| e.id.clone());
        let at = reminders
            .all()
            .position(|e| Some(&e.id) == current.as_ref());
        let next = match at {
            Some(i) => reminders
                .all()
                .nth(i + 1)
                .or_else(|| reminders.all().next()),
            None => reminders.all().next(),
        };
        match next.cloned() {
            Some(entry) => self.select_or_visit(&entry),
            None => {
                self.info("Nothing overdue and no open screw-ups".into());
                Vec::new()
            }
        }
    }

    /// `Space` on a promise: open → kept → missed → open, saved at once.
    pub(super) fn cycle_promise(&mut self) -> Vec<Effect> {
        let Some(entry) = self.selected_entry() else {
            return Vec::new();
        };
        let Some(status) = entry.promise_status() else {
            self.info("Space cycles a promise's status: open, kept, missed".into());
            return Vec::new();
        };
        let mut changed = entry.clone();
        let next = match status {
            PromiseStatus::Open => PromiseStatus::Kept,
            PromiseStatus::Kept => PromiseStatus::Missed,
            PromiseStatus::Missed => PromiseStatus::Open,
        };
        // Records `closed` (today) when it is kept or missed, none when open.
        changed.set_status(next, self.today);
        vec![Effect::Update {
            base: Box::new(entry.clone()),
            entry: changed,
        }]
    }
}
