//! The capture form: one text field per entry field that applies to the
//! kind, checked as you type. Pure state; `views::form` draws it.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent};
use ratatui_textarea::{CursorMove, TextArea};

use super::draft::Draft;
use crate::model::{Entry, EntryId, Kind, Money, PromiseStatus, parse_date, parse_time};

/// A field of the form, in the order shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum FieldId {
    Title,
    Expected,
    Delivered,
    Due,
    Status,
    Fixes,
    Date,
    Time,
    Customer,
    Tags,
    Details,
    Revenue,
    CustomerValue,
    CostSaved,
    HoursSaved,
    Reach,
    AdoptedBy,
    Bullet,
}

impl FieldId {
    pub const ORDER: [FieldId; 18] = [
        FieldId::Title,
        FieldId::Expected,
        FieldId::Delivered,
        FieldId::Due,
        FieldId::Status,
        FieldId::Fixes,
        FieldId::Date,
        FieldId::Time,
        FieldId::Customer,
        FieldId::Tags,
        FieldId::Details,
        FieldId::Revenue,
        FieldId::CustomerValue,
        FieldId::CostSaved,
        FieldId::HoursSaved,
        FieldId::Reach,
        FieldId::AdoptedBy,
        FieldId::Bullet,
    ];

    pub fn label(self) -> &'static str {
        match self {
            FieldId::Title => "Title",
            FieldId::Expected => "Expected",
            FieldId::Delivered => "Delivered",
            FieldId::Due => "Due",
            FieldId::Status => "Status",
            FieldId::Fixes => "Fixes",
            FieldId::Date => "Date",
            FieldId::Time => "Time",
            FieldId::Customer => "Customer",
            FieldId::Tags => "Tags",
            FieldId::Details => "Details",
            FieldId::Revenue => "Revenue",
            FieldId::CustomerValue => "Customer value",
            FieldId::CostSaved => "Cost saved",
            FieldId::HoursSaved => "Hours saved",
            FieldId::Reach => "Reach",
            FieldId::AdoptedBy => "Adopted by",
            FieldId::Bullet => "Resume bullet",
        }
    }

    /// The name used in drafts (the file's key).
    pub fn key(self) -> &'static str {
        match self {
            FieldId::Title => "title",
            FieldId::Expected => "expected",
            FieldId::Delivered => "delivered",
            FieldId::Due => "due",
            FieldId::Status => "status",
            FieldId::Fixes => "fixes",
            FieldId::Date => "date",
            FieldId::Time => "time",
            FieldId::Customer => "customer",
            FieldId::Tags => "tags",
            FieldId::Details => "details",
            FieldId::Revenue => "revenue",
            FieldId::CustomerValue => "customer_value",
            FieldId::CostSaved => "cost_saved",
            FieldId::HoursSaved => "hours_saved",
            FieldId::Reach => "reach",
            FieldId::AdoptedBy => "adopted_by",
            FieldId::Bullet => "bullet",
        }
    }

    pub fn placeholder(self) -> &'static str {
        match self {
            FieldId::Title => "what happened, in a line",
            FieldId::Expected => "what the customer expected, e.g. 3 days",
            FieldId::Delivered => "what you delivered, e.g. 4 hours",
            FieldId::Due => "YYYY-MM-DD, today, fri…",
            FieldId::Date => "YYYY-MM-DD, today, yesterday, mon…",
            FieldId::Time => "HH:MM",
            FieldId::Customer => "who it was for",
            FieldId::Tags => "comma separated",
            FieldId::Details => "more, on several lines (Ctrl-E: $EDITOR)",
            FieldId::Revenue => "money touched: + won, - lost",
            FieldId::CustomerValue => "what the customer is worth",
            FieldId::CostSaved => "money saved",
            FieldId::HoursSaved => "customer waiting time cut, in hours",
            FieldId::Reach => "how many people it reaches",
            FieldId::AdoptedBy => "who took it up, comma separated",
            FieldId::Bullet => "your own resume line (optional)",
            FieldId::Status | FieldId::Fixes => "",
        }
    }

    pub fn applies_to(self, kind: Kind) -> bool {
        match self {
            FieldId::Expected | FieldId::Delivered => kind == Kind::Exceeded,
            FieldId::Due | FieldId::Status => kind == Kind::Promise,
            FieldId::Fixes => kind == Kind::Fix,
            _ => true,
        }
    }

    /// Fields edited as text (the others are pickers).
    pub fn is_text(self) -> bool {
        !matches!(self, FieldId::Status | FieldId::Fixes)
    }

    pub fn is_multiline(self) -> bool {
        self == FieldId::Details
    }

    fn parse_key(key: &str) -> Option<FieldId> {
        FieldId::ORDER.into_iter().find(|f| f.key() == key)
    }
}

/// A screw-up a fix may link to.
#[derive(Debug, Clone, PartialEq)]
pub struct LinkChoice {
    pub id: EntryId,
    pub date: NaiveDate,
    pub title: String,
    pub linked: bool,
}

#[derive(Debug, Clone)]
pub struct Form {
    pub kind: Kind,
    /// The entry being edited, as it was; `None` for a new entry.
    pub original: Option<Entry>,
    texts: BTreeMap<FieldId, TextArea<'static>>,
    pub status: PromiseStatus,
    pub links: Vec<LinkChoice>,
    pub link_cursor: usize,
    pub focus: FieldId,
    errors: BTreeMap<FieldId, String>,
    initial: Snapshot,
    /// Changed since the last draft was written.
    pub draft_stale: bool,
    today: NaiveDate,
}

type Snapshot = (BTreeMap<FieldId, String>, PromiseStatus, Vec<EntryId>);

impl Form {
    /// An empty form for a new entry of `kind` dated `date`.
    pub fn new(kind: Kind, today: NaiveDate, date: NaiveDate, candidates: Vec<LinkChoice>) -> Form {
        let mut form = Form::blank(kind, today, None, candidates);
        form.set_text(FieldId::Date, &date.format("%Y-%m-%d").to_string());
        form.initial = form.snapshot();
        form
    }

    /// The form filled with `entry`, for editing.
    pub fn edit(entry: &Entry, today: NaiveDate, mut candidates: Vec<LinkChoice>) -> Form {
        for id in &entry.fixes {
            match candidates.iter_mut().find(|c| &c.id == id) {
                Some(choice) => choice.linked = true,
                None => candidates.insert(
                    0,
                    LinkChoice {
                        id: id.clone(),
                        date: id.date(),
                        title: String::new(),
                        linked: true,
                    },
                ),
            }
        }
        let mut form = Form::blank(entry.kind, today, Some(entry.clone()), candidates);
        let money = |m: Option<Money>| m.map(Money::plain).unwrap_or_default();
        let text = |t: &Option<String>| t.clone().unwrap_or_default();
        let values = [
            (FieldId::Title, entry.title.clone()),
            (FieldId::Expected, text(&entry.expected)),
            (FieldId::Delivered, text(&entry.delivered)),
            (
                FieldId::Due,
                entry
                    .due
                    .map(|d| d.format("%Y-%m-%d").to_string())
                    .unwrap_or_default(),
            ),
            (FieldId::Date, entry.date.format("%Y-%m-%d").to_string()),
            (
                FieldId::Time,
                entry
                    .time
                    .map(|t| t.format("%H:%M").to_string())
                    .unwrap_or_default(),
            ),
            (FieldId::Customer, text(&entry.customer)),
            (FieldId::Tags, entry.tags.join(", ")),
            (FieldId::Details, text(&entry.details)),
            (FieldId::Revenue, money(entry.revenue)),
            (FieldId::CustomerValue, money(entry.customer_value)),
            (FieldId::CostSaved, money(entry.cost_saved)),
            (
                FieldId::HoursSaved,
                entry.hours_saved.map(|h| h.to_string()).unwrap_or_default(),
            ),
            (
                FieldId::Reach,
                entry.reach.map(|r| r.to_string()).unwrap_or_default(),
            ),
            (FieldId::AdoptedBy, entry.adopted_by.join(", ")),
            (FieldId::Bullet, text(&entry.bullet)),
        ];
        for (field, value) in values {
            form.set_text(field, &value);
        }
        form.status = entry.promise_status().unwrap_or_default();
        form.initial = form.snapshot();
        form
    }

    /// A form as a draft left it; what differs from the entry (or an empty
    /// form) counts as changed, so leaving asks first.
    pub fn from_draft(
        draft: &Draft,
        today: NaiveDate,
        original: Option<Entry>,
        candidates: Vec<LinkChoice>,
    ) -> Form {
        // Start from what the form would show, so fields the draft lacks keep their defaults.
        let mut form = match &original {
            Some(entry) => Form::edit(entry, today, candidates),
            None => Form::new(draft.kind, today, today, candidates),
        };
        form.kind = draft.kind;
        for link in &mut form.links {
            link.linked = false;
        }
        for id in draft.links.iter().filter_map(|l| l.parse::<EntryId>().ok()) {
            match form.links.iter_mut().find(|c| c.id == id) {
                Some(choice) => choice.linked = true,
                None => form.links.insert(
                    0,
                    LinkChoice {
                        date: id.date(),
                        id,
                        title: String::new(),
                        linked: true,
                    },
                ),
            }
        }
        for (key, value) in &draft.fields {
            if key == "status" {
                form.status = value.parse().unwrap_or_default();
            } else if let Some(field) = FieldId::parse_key(key) {
                form.set_text(field, value);
            }
        }
        for field in FieldId::ORDER {
            form.check(field);
        }
        form.errors.remove(&FieldId::Title);
        form
    }

    fn blank(
        kind: Kind,
        today: NaiveDate,
        original: Option<Entry>,
        links: Vec<LinkChoice>,
    ) -> Form {
        let texts = FieldId::ORDER
            .into_iter()
            .filter(|f| f.is_text())
            .map(|f| (f, new_textarea(f, "")))
            .collect();
        Form {
            kind,
            original,
            texts,
            status: PromiseStatus::Open,
            links,
            link_cursor: 0,
            focus: FieldId::Title,
            errors: BTreeMap::new(),
            initial: (BTreeMap::new(), PromiseStatus::Open, Vec::new()),
            draft_stale: false,
            today,
        }
    }

    fn set_text(&mut self, field: FieldId, value: &str) {
        self.texts.insert(field, new_textarea(field, value));
    }

    /// The fields shown for this kind, in order.
    pub fn fields(&self) -> Vec<FieldId> {
        FieldId::ORDER
            .into_iter()
            .filter(|f| f.applies_to(self.kind))
            .collect()
    }

    pub fn text(&self, field: FieldId) -> String {
        self.texts
            .get(&field)
            .map(|t| t.lines().join("\n"))
            .unwrap_or_default()
    }

    pub fn textarea(&self, field: FieldId) -> Option<&TextArea<'static>> {
        self.texts.get(&field)
    }

    pub fn error(&self, field: FieldId) -> Option<&str> {
        self.errors.get(&field).map(String::as_str)
    }

    fn snapshot(&self) -> Snapshot {
        let texts = self
            .texts
            .iter()
            .map(|(f, t)| (*f, t.lines().join("\n")))
            .collect();
        (texts, self.status, self.linked_ids())
    }

    pub fn is_changed(&self) -> bool {
        self.snapshot() != self.initial
    }

    fn linked_ids(&self) -> Vec<EntryId> {
        self.links
            .iter()
            .filter(|l| l.linked)
            .map(|l| l.id.clone())
            .collect()
    }

    pub fn next_field(&mut self) {
        self.move_focus(1);
    }

    pub fn prev_field(&mut self) {
        self.move_focus(-1);
    }

    fn move_focus(&mut self, step: isize) {
        let fields = self.fields();
        let at = fields.iter().position(|f| *f == self.focus).unwrap_or(0) as isize;
        let len = fields.len() as isize;
        self.focus = fields[((at + step).rem_euclid(len)) as usize];
    }

    /// A key typed into the focused field.
    pub fn input(&mut self, key: KeyEvent) {
        match self.focus {
            FieldId::Status => match key.code {
                KeyCode::Left | KeyCode::Char('h') => self.cycle_status(-1),
                KeyCode::Right | KeyCode::Char('l') | KeyCode::Char(' ') => self.cycle_status(1),
                KeyCode::Char('o') => self.set_status(PromiseStatus::Open),
                KeyCode::Char('k') => self.set_status(PromiseStatus::Kept),
                KeyCode::Char('m') => self.set_status(PromiseStatus::Missed),
                KeyCode::Enter => self.next_field(),
                _ => {}
            },
            FieldId::Fixes => match key.code {
                KeyCode::Down | KeyCode::Char('j') => {
                    self.link_cursor =
                        (self.link_cursor + 1).min(self.links.len().saturating_sub(1));
                }
                KeyCode::Up | KeyCode::Char('k') => {
                    self.link_cursor = self.link_cursor.saturating_sub(1)
                }
                KeyCode::Char(' ') | KeyCode::Char('x') => self.toggle(),
                KeyCode::Enter => self.next_field(),
                _ => {}
            },
            field => {
                if key.code == KeyCode::Enter && !field.is_multiline() {
                    self.next_field();
                    return;
                }
                if let Some(textarea) = self.texts.get_mut(&field)
                    && textarea.input(key)
                {
                    self.draft_stale = true;
                    self.check(field);
                }
            }
        }
    }

    /// Space on a picker: link/unlink a screw-up or cycle the status.
    pub fn toggle(&mut self) {
        match self.focus {
            FieldId::Status => self.cycle_status(1),
            FieldId::Fixes => {
                if let Some(link) = self.links.get_mut(self.link_cursor) {
                    link.linked = !link.linked;
                    self.draft_stale = true;
                }
            }
            _ => {}
        }
    }

    fn cycle_status(&mut self, step: isize) {
        const ALL: [PromiseStatus; 3] = [
            PromiseStatus::Open,
            PromiseStatus::Kept,
            PromiseStatus::Missed,
        ];
        let at = ALL.iter().position(|s| *s == self.status).unwrap_or(0) as isize;
        self.set_status(ALL[(at + step).rem_euclid(3) as usize]);
    }

    fn set_status(&mut self, status: PromiseStatus) {
        self.status = status;
        self.draft_stale = true;
    }

    /// Replaces the details (back from `$EDITOR`).
    pub fn set_details(&mut self, text: &str) {
        let text = text.strip_suffix('\n').unwrap_or(text);
        self.set_text(FieldId::Details, text);
        if let Some(textarea) = self.texts.get_mut(&FieldId::Details) {
            textarea.move_cursor(CursorMove::Bottom);
            textarea.move_cursor(CursorMove::End);
        }
        self.draft_stale = true;
    }

    /// Checks one field as typed; the message shows beside it.
    fn check(&mut self, field: FieldId) {
        let text = self.text(field);
        let value = text.trim();
        let problem = match field {
            FieldId::Title if value.is_empty() => Some("a title is needed".to_string()),
            FieldId::Date if value.is_empty() => Some("a date is needed".to_string()),
            FieldId::Date | FieldId::Due if !value.is_empty() => parse_date(value, self.today)
                .err()
                .map(|_| "expected YYYY-MM-DD, today, yesterday or a weekday".into()),
            FieldId::Time if !value.is_empty() => {
                parse_time(value).err().map(|_| "expected HH:MM".into())
            }
            FieldId::Revenue | FieldId::CustomerValue | FieldId::CostSaved if !value.is_empty() => {
                Money::parse(value)
                    .err()
                    .map(|err| money_message(&err.to_string()))
            }
            FieldId::HoursSaved if !value.is_empty() => match value.parse::<f64>() {
                Ok(h) if h.is_finite() && (0.0..=1e9).contains(&h) => None,
                _ => Some("expected a number of hours such as 2 or 1.5".into()),
            },
            FieldId::Reach if !value.is_empty() => value
                .replace([',', '_'], "")
                .parse::<u64>()
                .err()
                .map(|_| "expected a whole number such as 40".into()),
            _ => None,
        };
        match problem {
            Some(message) => self.errors.insert(field, message),
            None => self.errors.remove(&field),
        };
    }

    /// The entry the form describes, or the first field in error (focused).
    pub fn to_entry(&mut self) -> Result<Entry, String> {
        for field in self.fields() {
            self.check(field);
        }
        if let Some(field) = self
            .fields()
            .into_iter()
            .find(|f| self.errors.contains_key(f))
        {
            self.focus = field;
            let message = self.errors.get(&field).cloned().unwrap_or_default();
            return Err(format!("{}: {message}", field.label()));
        }
        let applies = |f: FieldId| f.applies_to(self.kind);
        let text = |f: FieldId| {
            let value = self.text(f);
            let value = if f.is_multiline() {
                value.trim_end().to_string()
            } else {
                value.trim().to_string()
            };
            (applies(f) && !value.is_empty()).then_some(value)
        };
        let list = |f: FieldId| -> Vec<String> {
            text(f)
                .map(|v| {
                    v.split(',')
                        .map(str::trim)
                        .filter(|s| !s.is_empty())
                        .map(String::from)
                        .collect()
                })
                .unwrap_or_default()
        };
        let money = |f: FieldId| text(f).and_then(|v| Money::parse(&v).ok());
        let date = text(FieldId::Date)
            .and_then(|v| parse_date(&v, self.today).ok())
            .unwrap_or(self.today);
        let mut entry = match &self.original {
            Some(original) => original.clone(),
            None => {
                let placeholder = format!("{}-0000", date.format("%Y-%m-%d"));
                let id = placeholder
                    .parse()
                    .map_err(|e: crate::model::ModelError| e.to_string())?;
                Entry::new(id, date, self.kind, "")
            }
        };
        entry.kind = self.kind;
        entry.date = date;
        entry.title = text(FieldId::Title).unwrap_or_default();
        entry.time = text(FieldId::Time).and_then(|v| parse_time(&v).ok());
        entry.customer = text(FieldId::Customer);
        entry.tags = list(FieldId::Tags);
        entry.details = text(FieldId::Details);
        entry.revenue = money(FieldId::Revenue);
        entry.customer_value = money(FieldId::CustomerValue);
        entry.cost_saved = money(FieldId::CostSaved);
        entry.hours_saved = text(FieldId::HoursSaved).and_then(|v| v.parse().ok());
        entry.reach = text(FieldId::Reach).and_then(|v| v.replace([',', '_'], "").parse().ok());
        entry.adopted_by = list(FieldId::AdoptedBy);
        entry.bullet = text(FieldId::Bullet);
        entry.expected = text(FieldId::Expected);
        entry.delivered = text(FieldId::Delivered);
        entry.due = text(FieldId::Due).and_then(|v| parse_date(&v, self.today).ok());
        if applies(FieldId::Status) {
            entry.set_status(self.status, self.today);
        } else {
            entry.status = None;
            entry.closed = None;
        }
        entry.fixes = if applies(FieldId::Fixes) {
            self.linked_ids()
        } else {
            Vec::new()
        };
        entry.validate().map_err(|e| e.to_string())?;
        Ok(entry)
    }

    pub fn to_draft(&self) -> Draft {
        let mut fields: BTreeMap<String, String> = self
            .texts
            .iter()
            .filter(|(f, _)| f.applies_to(self.kind))
            .map(|(f, t)| (f.key().to_string(), t.lines().join("\n")))
            .collect();
        if self.kind == Kind::Promise {
            fields.insert("status".into(), self.status.as_str().into());
        }
        Draft {
            kind: self.kind,
            editing: self.original.as_ref().map(|e| e.id.to_string()),
            fields,
            links: self.linked_ids().iter().map(ToString::to_string).collect(),
        }
    }

    /// A one-line title for the form's border.
    pub fn heading(&self) -> String {
        match &self.original {
            Some(entry) => format!("Edit {} {}", self.kind.label(), entry.id),
            None => format!("New {}", self.kind.label()),
        }
    }
}

fn money_message(error: &str) -> String {
    // "invalid amount 'x': expected …" → "expected …": the field shows the text already.
    error
        .split_once("': ")
        .map_or(error, |(_, why)| why)
        .to_string()
}

fn new_textarea(field: FieldId, value: &str) -> TextArea<'static> {
    let lines: Vec<String> = if field.is_multiline() {
        value.split('\n').map(String::from).collect()
    } else {
        vec![value.replace('\n', " ")]
    };
    let mut textarea = TextArea::new(lines);
    textarea.set_placeholder_text(field.placeholder());
    textarea.set_cursor_line_style(ratatui::style::Style::default());
    textarea.move_cursor(CursorMove::Bottom);
    textarea.move_cursor(CursorMove::End);
    textarea
}

#[cfg(test)]
mod tests {
    use super::*;
    use crossterm::event::KeyModifiers;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 18).unwrap()
    }

    fn type_text(form: &mut Form, text: &str) {
        for c in text.chars() {
            form.input(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        }
    }

    fn focus(form: &mut Form, field: FieldId) {
        while form.focus != field {
            form.next_field();
        }
    }

    #[test]
    fn fields_follow_the_kind() {
        let form = Form::new(Kind::Note, today(), today(), Vec::new());
        assert!(!form.fields().contains(&FieldId::Expected));
        assert!(!form.fields().contains(&FieldId::Fixes));
        assert!(!form.fields().contains(&FieldId::Due));
        let form = Form::new(Kind::Promise, today(), today(), Vec::new());
        assert!(form.fields().contains(&FieldId::Due));
        assert!(form.fields().contains(&FieldId::Status));
        assert_eq!(form.focus, FieldId::Title);
    }

    #[test]
    fn money_is_checked_as_you_type() {
        let mut form = Form::new(Kind::Exceeded, today(), today(), Vec::new());
        type_text(&mut form, "Quote same day");
        focus(&mut form, FieldId::Revenue);
        type_text(&mut form, "12x");
        assert!(
            form.error(FieldId::Revenue)
                .unwrap()
                .contains("expected a number")
        );
        assert!(form.to_entry().is_err());
        assert_eq!(form.focus, FieldId::Revenue);
        form.input(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
        type_text(&mut form, "00");
        assert_eq!(form.error(FieldId::Revenue), None);
        let entry = form.to_entry().unwrap();
        assert_eq!(entry.revenue, Some(Money(120_000)));
        assert_eq!(entry.title, "Quote same day");
        assert_eq!(entry.date, today());
    }

    #[test]
    fn an_empty_title_cannot_be_saved() {
        let mut form = Form::new(Kind::Note, today(), today(), Vec::new());
        assert!(!form.is_changed());
        let err = form.to_entry().unwrap_err();
        assert!(err.contains("title"), "{err}");
    }

    #[test]
    fn dates_accept_words_and_promises_keep_status() {
        let mut form = Form::new(Kind::Promise, today(), today(), Vec::new());
        type_text(&mut form, "Send Birch the contract");
        focus(&mut form, FieldId::Due);
        type_text(&mut form, "fri");
        focus(&mut form, FieldId::Status);
        form.toggle();
        focus(&mut form, FieldId::Date);
        for _ in 0..10 {
            form.input(KeyEvent::new(KeyCode::Backspace, KeyModifiers::NONE));
        }
        type_text(&mut form, "mon");
        let entry = form.to_entry().unwrap();
        assert_eq!(entry.date, NaiveDate::from_ymd_opt(2026, 11, 16).unwrap());
        assert_eq!(entry.due, NaiveDate::from_ymd_opt(2026, 11, 13));
        assert_eq!(entry.status, Some(PromiseStatus::Kept));
        assert_eq!(
            entry.closed,
            Some(today()),
            "kept in the form records the day"
        );
    }

    #[test]
    fn editing_round_trips_and_links_fixes() {
        let screwup: EntryId = "2026-11-17-k7q2".parse().unwrap();
        let choice = LinkChoice {
            id: screwup.clone(),
            date: screwup.date(),
            title: "oops".into(),
            linked: false,
        };
        let mut form = Form::new(Kind::Fix, today(), today(), vec![choice.clone()]);
        type_text(&mut form, "Added a check");
        focus(&mut form, FieldId::Fixes);
        form.toggle();
        let mut entry = form.to_entry().unwrap();
        assert_eq!(entry.fixes, vec![screwup.clone()]);
        entry.id = "2026-11-18-p3xa".parse().unwrap();
        entry.tags = vec!["billing".into(), "ops".into()];
        let mut edit = Form::edit(&entry, today(), vec![choice]);
        assert!(!edit.is_changed());
        assert_eq!(edit.text(FieldId::Tags), "billing, ops");
        assert_eq!(edit.to_entry().unwrap(), entry);
    }

    #[test]
    fn drafts_restore_what_was_typed() {
        let mut form = Form::new(Kind::Exceeded, today(), today(), Vec::new());
        type_text(&mut form, "Half typed");
        focus(&mut form, FieldId::Expected);
        type_text(&mut form, "3 days");
        assert!(form.draft_stale);
        let draft = form.to_draft();
        let back = Form::from_draft(&draft, today(), None, Vec::new());
        assert_eq!(back.text(FieldId::Title), "Half typed");
        assert_eq!(back.text(FieldId::Expected), "3 days");
        assert!(back.is_changed());
    }
}
