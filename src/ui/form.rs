//! The capture form: one text box per entry field that applies to the
//! kind, checked as you type. The fields, their order, their rules and their
//! messages come from [`crate::model::input`], so the form and `add` agree.
//! Pure state; `views::form` draws it.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui_textarea::{CursorMove, TextArea};

use super::draft::Draft;
pub use crate::model::Field as FieldId;
use crate::model::{
    Currency, Entry, EntryId, EntryInput, FIELDS, FieldProblem, Kind, PromiseStatus,
};
use crate::report::NoBullet;

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

/// What the line under the fields says about the resume bullet.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum BulletPreview {
    /// The fields do not make an entry yet.
    Incomplete,
    /// The bullet the entry makes: the Resume bullet field as written, or
    /// the composed line.
    Bullet(String),
    /// The entry makes none; why, and what would change that.
    NoBullet(&'static str),
}

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
        let input = EntryInput::from_entry(entry);
        for field in FIELDS.iter().map(|s| s.field).filter(|f| f.is_text()) {
            form.set_text(field, &input.text(field));
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
            } else if let Some(field) = FieldId::from_key(key).filter(|f| f.is_text()) {
                form.set_text(field, value);
            }
        }
        for field in form.fields() {
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
        let texts = FIELDS
            .iter()
            .map(|s| s.field)
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
        FieldId::order(self.kind)
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

    /// The field Alt and `key`'s letter jumps to in this form, if it shows
    /// one with that letter.
    pub fn jump_target(&self, key: KeyEvent) -> Option<FieldId> {
        let KeyCode::Char(c) = key.code else {
            return None;
        };
        if !key.modifiers.contains(KeyModifiers::ALT)
            || key.modifiers.contains(KeyModifiers::CONTROL)
        {
            return None;
        }
        let c = c.to_ascii_lowercase();
        self.fields().into_iter().find(|f| jump_letter(*f) == c)
    }

    /// Moves the focus to the field `key` jumps to; false when it jumps nowhere.
    pub fn jump(&mut self, key: KeyEvent) -> bool {
        match self.jump_target(key) {
            Some(field) => {
                self.focus = field;
                true
            }
            None => false,
        }
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
        match self.to_input().problem(field, self.today) {
            Some(message) => self.errors.insert(field, message),
            None => self.errors.remove(&field),
        };
    }

    /// What the form holds, as the field texts `add` would get.
    fn to_input(&self) -> EntryInput {
        let mut input = EntryInput::new(self.kind);
        for field in self.fields() {
            match field {
                FieldId::Status => input.set(field, self.status.as_str()),
                FieldId::Fixes => {
                    input.set(field, "");
                    for id in self.linked_ids() {
                        input.push(field, id.as_str());
                    }
                }
                _ => input.set(field, &self.text(field)),
            }
        }
        input
    }

    /// The entry the form's text makes, without touching the form.
    fn built(&self) -> Result<Entry, Vec<FieldProblem>> {
        let input = self.to_input();
        match &self.original {
            Some(original) => {
                let mut entry = original.clone();
                input.apply_to(&mut entry, self.today).map(|()| entry)
            }
            None => input.to_new_entry(self.today),
        }
    }

    /// The resume bullet the entry would make, composed from this one entry
    /// (cheap enough for every keystroke).
    pub fn bullet_preview(&self, currency: &Currency) -> BulletPreview {
        let Ok(entry) = self.built() else {
            return BulletPreview::Incomplete;
        };
        match crate::report::preview(&entry, currency) {
            Some(bullet) => BulletPreview::Bullet(bullet),
            None => BulletPreview::NoBullet(no_bullet_reason(&entry)),
        }
    }

    /// The entry the form describes, or the first field in error (focused)
    /// and its message.
    pub fn to_entry(&mut self) -> Result<Entry, String> {
        let problems = match self.built() {
            Ok(entry) => return Ok(entry),
            Err(problems) => problems,
        };
        self.errors = problems.iter().cloned().collect();
        let (field, message) = self
            .fields()
            .into_iter()
            .find_map(|f| problems.iter().find(|(p, _)| *p == f).cloned())
            .unwrap_or_else(|| problems[0].clone());
        self.focus = field;
        Err(message)
    }

    /// The draft: the same field texts, keyed as the file keys them; the
    /// linked screw-ups apart, since the picker's choices are not text.
    pub fn to_draft(&self) -> Draft {
        let input = self.to_input();
        let fields = self
            .fields()
            .into_iter()
            .filter(|f| *f != FieldId::Fixes)
            .map(|f| (f.key().to_string(), input.text(f)))
            .collect();
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

/// The letter that, with Alt, jumps to `field`; the form shows it beside
/// the label. A letter is used once per kind (Due and Delivered, Expected
/// and Fixes never share a form). Alt-B/F/D/N/P/U stay the text keys they
/// are (word moves, delete word, paragraph, undo); Alt-H and Alt-V, which
/// only repeat Ctrl-W and PgUp there, give way to Hours saved and Customer value.
pub fn jump_letter(field: FieldId) -> char {
    match field {
        FieldId::Title => 't',
        FieldId::Expected => 'x',
        FieldId::Delivered => 'e',
        FieldId::Due => 'e',
        FieldId::Status => 's',
        FieldId::Fixes => 'x',
        FieldId::Date => 'a',
        FieldId::Time => 'm',
        FieldId::Customer => 'c',
        FieldId::Tags => 'g',
        FieldId::Details => 'i',
        FieldId::Revenue => 'r',
        FieldId::CustomerValue => 'v',
        FieldId::CostSaved => 'o',
        FieldId::HoursSaved => 'h',
        FieldId::Reach => 'k',
        FieldId::AdoptedBy => 'y',
        FieldId::Bullet => 'l',
    }
}

/// Why an entry makes no bullet of its own, in the words of the form's
/// fields; `report::no_bullet` decides, by the rule `report::preview` follows.
fn no_bullet_reason(entry: &Entry) -> &'static str {
    match crate::report::no_bullet(entry) {
        Some(NoBullet::Screwup) => {
            "No resume bullet: a screw-up only counts in the reliability bullet"
        }
        Some(NoBullet::PromiseMissed) => "No resume bullet: a missed promise makes none",
        Some(NoBullet::PromiseOpen) => "No resume bullet until the promise is kept",
        Some(NoBullet::OnlyUndoes) => {
            "No resume bullet: undoing a screw-up counts in the reliability bullet; \
             add cost saved, hours saved, reach or adopted by"
        }
        Some(NoBullet::NoOutcome) if entry.kind == Kind::Exceeded => {
            "No resume bullet yet: add expected and delivered, revenue, cost saved, \
             hours saved, reach or adopted by"
        }
        Some(NoBullet::NoOutcome) | None => {
            "No resume bullet yet: add revenue, cost saved, hours saved, reach or adopted by"
        }
    }
}

/// The field's help, greyed in the empty box.
fn placeholder(field: FieldId) -> String {
    match field {
        FieldId::Details => format!("{} (Ctrl-E: $EDITOR)", field.help()),
        FieldId::Tags | FieldId::AdoptedBy => format!("{}; comma separated", field.help()),
        _ => field.help().to_string(),
    }
}

fn new_textarea(field: FieldId, value: &str) -> TextArea<'static> {
    let lines: Vec<String> = if field.is_multiline() {
        value.split('\n').map(String::from).collect()
    } else {
        vec![value.replace('\n', " ")]
    };
    let mut textarea = TextArea::new(lines);
    textarea.set_placeholder_text(placeholder(field));
    textarea.set_cursor_line_style(ratatui::style::Style::default());
    textarea.move_cursor(CursorMove::Bottom);
    textarea.move_cursor(CursorMove::End);
    textarea
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Money;
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
    fn each_jump_key_lands_on_its_field_for_each_kind() {
        for kind in Kind::ALL {
            let mut form = Form::new(kind, today(), today(), Vec::new());
            let fields = form.fields();
            let mut letters: Vec<char> = fields.iter().map(|f| jump_letter(*f)).collect();
            letters.sort_unstable();
            letters.dedup();
            assert_eq!(letters.len(), fields.len(), "{kind:?}: one letter each");
            // From the last field back to the first, so every jump moves.
            for field in fields.iter().rev() {
                let key = KeyEvent::new(KeyCode::Char(jump_letter(*field)), KeyModifiers::ALT);
                assert!(form.jump(key), "{kind:?} {field:?}");
                assert_eq!(form.focus, *field, "{kind:?}");
            }
        }
        // Without Alt the letter is text; a letter no field shows jumps nowhere.
        let mut form = Form::new(Kind::Note, today(), today(), Vec::new());
        assert!(!form.jump(KeyEvent::new(KeyCode::Char('r'), KeyModifiers::NONE)));
        assert!(!form.jump(KeyEvent::new(KeyCode::Char('e'), KeyModifiers::ALT)));
        assert!(form.jump(KeyEvent::new(
            KeyCode::Char('R'),
            KeyModifiers::ALT | KeyModifiers::SHIFT
        )));
        assert_eq!(form.focus, FieldId::Revenue);
    }

    /// The help's jump-key rows name each field with the letter it has.
    #[test]
    fn the_help_lists_every_jump_key_as_the_form_has_it() {
        let (_, rows) = crate::ui::guide::SECTIONS
            .iter()
            .find(|(heading, _)| heading.starts_with("Form: jump"))
            .expect("a section of jump keys");
        let mut listed = Vec::new();
        for (keys, names) in rows.iter() {
            let names = names.split(" (").next().unwrap();
            let keys: Vec<&str> = keys.split_whitespace().collect();
            let names: Vec<&str> = names.split(", ").collect();
            assert_eq!(keys.len(), names.len(), "{keys:?} {names:?}");
            for (key, name) in keys.iter().zip(names) {
                let field = FIELDS
                    .iter()
                    .map(|s| s.field)
                    .find(|f| f.label().eq_ignore_ascii_case(name))
                    .unwrap_or_else(|| panic!("no field {name:?}"));
                assert_eq!(*key, format!("Alt-{}", jump_letter(field)), "{name}");
                listed.push(field);
            }
        }
        for spec in &FIELDS {
            assert!(listed.contains(&spec.field), "{:?} is listed", spec.field);
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
                .contains("revenue is an amount of money")
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
        // A bare weekday for Due is the next one; for Date the last one.
        assert_eq!(entry.due, NaiveDate::from_ymd_opt(2026, 11, 20));
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
        focus(&mut form, FieldId::Tags);
        type_text(&mut form, "billing,ops");
        assert!(form.draft_stale);
        let draft = form.to_draft();
        assert_eq!(draft.fields["tags"], "billing,ops", "kept as typed");
        let back = Form::from_draft(&draft, today(), None, Vec::new());
        assert_eq!(back.text(FieldId::Title), "Half typed");
        assert_eq!(back.text(FieldId::Expected), "3 days");
        assert_eq!(back.text(FieldId::Tags), "billing,ops");
        assert!(back.is_changed());
    }

    #[test]
    fn the_bullet_preview_follows_what_is_typed() {
        let usd = Currency::default();
        let mut form = Form::new(Kind::Exceeded, today(), today(), Vec::new());
        assert_eq!(form.bullet_preview(&usd), BulletPreview::Incomplete);
        type_text(&mut form, "shipped the holiday samples overnight");
        let BulletPreview::NoBullet(why) = form.bullet_preview(&usd) else {
            panic!("no outcome yet: {:?}", form.bullet_preview(&usd));
        };
        assert!(why.contains("revenue"), "{why}");
        focus(&mut form, FieldId::Revenue);
        type_text(&mut form, "9600");
        let expected = crate::report::preview(&form.to_entry().unwrap(), &usd).unwrap();
        assert!(expected.contains("$9,600"), "{expected}");
        assert_eq!(form.bullet_preview(&usd), BulletPreview::Bullet(expected));
        type_text(&mut form, "x");
        assert_eq!(
            form.bullet_preview(&usd),
            BulletPreview::Incomplete,
            "a field in error makes no entry"
        );
    }

    #[test]
    fn a_written_bullet_is_previewed_as_is() {
        let mut form = Form::new(Kind::Screwup, today(), today(), Vec::new());
        type_text(&mut form, "Sent Acme the invoice twice");
        let usd = Currency::default();
        let BulletPreview::NoBullet(why) = form.bullet_preview(&usd) else {
            panic!("a screw-up makes no bullet");
        };
        assert!(why.contains("reliability"), "{why}");
        focus(&mut form, FieldId::Bullet);
        type_text(&mut form, "cut billing errors to zero, my way");
        assert_eq!(
            form.bullet_preview(&usd),
            BulletPreview::Bullet("cut billing errors to zero, my way".into())
        );
    }

    #[test]
    fn the_preview_says_why_there_is_no_bullet() {
        let usd = Currency::default();
        let mut promise = Form::new(Kind::Promise, today(), today(), Vec::new());
        type_text(&mut promise, "Send Birch the contract");
        focus(&mut promise, FieldId::Due);
        type_text(&mut promise, "fri");
        assert_eq!(
            promise.bullet_preview(&usd),
            BulletPreview::NoBullet("No resume bullet until the promise is kept")
        );
        let screwup: EntryId = "2026-11-17-k7q2".parse().unwrap();
        let choice = LinkChoice {
            id: screwup.clone(),
            date: screwup.date(),
            title: "oops".into(),
            linked: false,
        };
        let mut fix = Form::new(Kind::Fix, today(), today(), vec![choice]);
        type_text(&mut fix, "Reissued the invoice");
        focus(&mut fix, FieldId::Fixes);
        fix.toggle();
        let BulletPreview::NoBullet(why) = fix.bullet_preview(&usd) else {
            panic!("a fix that only undoes a screw-up makes none");
        };
        assert!(why.contains("undoing a screw-up"), "{why}");
        focus(&mut fix, FieldId::HoursSaved);
        type_text(&mut fix, "3");
        assert!(matches!(fix.bullet_preview(&usd), BulletPreview::Bullet(_)));
    }
}
