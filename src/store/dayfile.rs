//! One day of the journal as a `toml_edit` document: parsed once with spans
//! (for `file:line:col` problems) and edited in place by entry id.

use std::path::Path;

use chrono::NaiveDate;
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table};

use super::Problem;
use super::codec::{self, FieldError};
use crate::model::{Entry, EntryId};

/// A day file that parsed: its entries, and the document to edit.
#[derive(Debug, Clone)]
pub struct DayFile {
    date: NaiveDate,
    doc: DocumentMut,
}

/// What reading one day file found. Entries that could not be read are
/// reported in `problems`; a file with any problem is never written.
#[derive(Debug)]
pub struct ParsedDay {
    pub entries: Vec<Entry>,
    pub problems: Vec<Problem>,
    /// `None` when the file has problems: it must not be written.
    pub file: Option<DayFile>,
}

const CONFLICT_MARKERS: [&str; 3] = ["<<<<<<< ", "=======", ">>>>>>> "];

impl DayFile {
    /// A day with no file yet.
    pub fn empty(date: NaiveDate) -> DayFile {
        DayFile {
            date,
            doc: DocumentMut::new(),
        }
    }

    /// Parses `text`, the contents of `path`, which holds the entries of `date`.
    pub fn parse(path: &Path, date: NaiveDate, text: &str) -> ParsedDay {
        let broken = |problem: Problem| ParsedDay {
            entries: Vec::new(),
            problems: vec![problem],
            file: None,
        };
        if text.is_empty() {
            return broken(Problem::whole_file(
                path,
                "the file is empty (0 bytes); restore it from a backup, or delete it if the day really has no entries",
            ));
        }
        if let Some(offset) = conflict_marker(text) {
            return broken(Problem::at(
                path,
                text,
                offset,
                "unresolved merge conflict markers: the lines between <<<<<<< and ======= are one side's, those between ======= and >>>>>>> the other's; keep one version of an entry both sides changed (and every entry only one side has), delete the marker lines, then run `jobjournal check`",
            ));
        }
        let parsed = match toml_edit::Document::parse(text) {
            Ok(parsed) => parsed,
            Err(err) => {
                let offset = err.span().map_or(0, |span| span.start);
                return broken(Problem::at(
                    path,
                    text,
                    offset,
                    err.message().trim_end().to_string(),
                ));
            }
        };
        let mut entries = Vec::new();
        let mut problems = Vec::new();
        match parsed.as_table().get("entry") {
            None => {}
            Some(Item::ArrayOfTables(tables)) => {
                for table in tables.iter() {
                    match codec::read_entry(table, date) {
                        Ok(entry) => entries.push(entry),
                        Err(FieldError { span, message }) => problems.push(Problem::at(
                            path,
                            text,
                            span.map_or(0, |s| s.start),
                            message,
                        )),
                    }
                }
            }
            Some(item) => {
                let offset = item.span().map_or(0, |s| s.start);
                problems.push(Problem::at(
                    path,
                    text,
                    offset,
                    "'entry' should be written as [[entry]] tables",
                ));
            }
        }
        let mut seen = std::collections::HashSet::new();
        for entry in &entries {
            if !seen.insert(entry.id.clone()) {
                problems.push(Problem::whole_file(
                    path,
                    format!("the id {} is used twice in this file", entry.id),
                ));
            }
        }
        let file = problems.is_empty().then(|| DayFile {
            date,
            doc: parsed.into_mut(),
        });
        ParsedDay {
            entries,
            problems,
            file,
        }
    }

    /// Reads the text of one `[[entry]]` table as the user left it in
    /// `$EDITOR`: exactly one entry, every known key well typed.
    pub fn parse_edited(
        path: &Path,
        date: NaiveDate,
        text: &str,
    ) -> Result<(Entry, Table), Problem> {
        let parsed = DayFile::parse(path, date, text);
        if let Some(problem) = parsed.problems.into_iter().next() {
            return Err(problem);
        }
        let file = parsed
            .file
            .ok_or_else(|| Problem::whole_file(path, "unreadable"))?;
        let tables: Vec<Table> = file
            .tables()
            .map(|t| t.iter().cloned().collect())
            .unwrap_or_default();
        match (tables.as_slice(), parsed.entries.as_slice()) {
            ([table], [entry]) => Ok((entry.clone(), table.clone())),
            _ => Err(Problem::whole_file(
                path,
                format!(
                    "expected exactly one [[entry]] table, found {}",
                    tables.len()
                ),
            )),
        }
    }

    pub fn date(&self) -> NaiveDate {
        self.date
    }

    pub(super) fn tables(&self) -> Option<&ArrayOfTables> {
        self.doc.get("entry").and_then(Item::as_array_of_tables)
    }

    pub(super) fn tables_mut(&mut self) -> &mut ArrayOfTables {
        let item = self
            .doc
            .entry("entry")
            .or_insert_with(|| Item::ArrayOfTables(ArrayOfTables::new()));
        // `parse` refused any other shape, and `empty` starts with none.
        if !item.is_array_of_tables() {
            *item = Item::ArrayOfTables(ArrayOfTables::new());
        }
        item.as_array_of_tables_mut()
            .expect("just made an array of tables")
    }

    /// The entries as the document holds them now.
    pub fn entries(&self) -> Vec<Entry> {
        self.tables()
            .map(|tables| {
                tables
                    .iter()
                    .filter_map(|t| codec::read_entry(t, self.date).ok())
                    .collect()
            })
            .unwrap_or_default()
    }

    /// The ids in the document, read without decoding whole entries.
    pub fn ids(&self) -> Vec<EntryId> {
        self.tables()
            .map(|tables| {
                tables
                    .iter()
                    .filter_map(|t| t.get("id").and_then(Item::as_str)?.parse().ok())
                    .collect()
            })
            .unwrap_or_default()
    }

    fn position(&self, id: &EntryId) -> Option<usize> {
        self.tables()?
            .iter()
            .position(|t| t.get("id").and_then(Item::as_str) == Some(id.as_str()))
    }

    pub fn get(&self, id: &EntryId) -> Option<Entry> {
        let index = self.position(id)?;
        codec::read_entry(self.tables()?.get(index)?, self.date).ok()
    }

    /// Appends `entry` as a new `[[entry]]` table.
    pub fn append(&mut self, entry: &Entry) {
        let table = codec::new_table(entry);
        self.insert_table(usize::MAX, table);
    }

    /// Puts a table back at `index` (or at the end), as undoing a delete does.
    pub fn insert_table(&mut self, index: usize, table: Table) {
        let tables = self.tables_mut();
        if index >= tables.len() {
            tables.push(table);
            return;
        }
        // ArrayOfTables has no insert: rebuild it with the table in place.
        let mut rebuilt = ArrayOfTables::new();
        let old = std::mem::take(tables);
        for (i, existing) in old.into_iter().enumerate() {
            if i == index {
                rebuilt.push(table.clone());
            }
            rebuilt.push(existing);
        }
        *tables = rebuilt;
    }

    /// Rewrites the entry with `new.id` to hold `new`, touching only changed keys.
    pub fn update(&mut self, new: &Entry) -> bool {
        let Some(index) = self.position(&new.id) else {
            return false;
        };
        let date = self.date;
        let tables = self.tables_mut();
        let Some(table) = tables.get_mut(index) else {
            return false;
        };
        let Ok(old) = codec::read_entry(table, date) else {
            return false;
        };
        codec::update_table(table, &old, new);
        true
    }

    /// Replaces the whole table of `id` (as `edit` in `$EDITOR` does, where the
    /// user's text is authoritative, comments included).
    pub fn replace_table(&mut self, id: &EntryId, table: Table) -> bool {
        let Some(index) = self.position(id) else {
            return false;
        };
        match self.tables_mut().get_mut(index) {
            Some(slot) => {
                // Tables render in document-position order; take the old slot's.
                let mut table = table;
                table.set_position(slot.position());
                *slot = table;
                true
            }
            None => false,
        }
    }

    /// Removes the entry, returning its table (comments included) and index.
    pub fn remove(&mut self, id: &EntryId) -> Option<(usize, Table)> {
        let index = self.position(id)?;
        let tables = self.tables_mut();
        let table = tables.get(index)?.clone();
        tables.remove(index);
        Some((index, table))
    }

    /// The table of `id` as it stands in the file, for `$EDITOR`.
    pub fn table_text(&self, id: &EntryId) -> Option<String> {
        let index = self.position(id)?;
        let table = self.tables()?.get(index)?.clone();
        let mut doc = DocumentMut::new();
        let mut tables = ArrayOfTables::new();
        tables.push(table);
        doc.insert("entry", Item::ArrayOfTables(tables));
        Some(doc.to_string())
    }

    /// True when the document holds nothing but `[[entry]]` tables (and
    /// comments): a day file, not some other TOML file.
    pub(super) fn has_only_entries(&self) -> bool {
        self.doc.iter().all(|(key, _)| key == "entry")
    }

    pub fn is_empty(&self) -> bool {
        self.tables().is_none_or(|t| t.is_empty())
    }

    /// The file's new contents: the document with a trailing newline.
    pub fn render(&self) -> String {
        let mut text = self.doc.to_string();
        if !text.ends_with('\n') {
            text.push('\n');
        }
        text
    }
}

pub(super) fn conflict_marker(text: &str) -> Option<usize> {
    let mut offset = 0;
    for line in text.split_inclusive('\n') {
        let bare = line.trim_end_matches(['\n', '\r']);
        if CONFLICT_MARKERS
            .iter()
            .any(|m| bare.starts_with(m) || bare == m.trim_end())
        {
            return Some(offset);
        }
        offset += line.len();
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, Money, PromiseStatus};

    const HAND_EDITED: &str = r#"# My Tuesday. Comments stay.

[[entry]]
id = "2026-11-18-k7q2"   # the invoice mess
kind = "screwup"
title = "Sent Acme the October invoice twice"
time = 09:14:00
revenue = -1_200          # what it nearly cost
mood = "embarrassed"      # not a field the app knows

# A fix for it:
[[entry]]
id = "2026-11-18-p3xa"
kind = "fix"
title = "Added a duplicate-invoice check"
fixes = ["2026-11-18-k7q2"]
"#;

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 18).unwrap()
    }

    fn parse(text: &str) -> ParsedDay {
        DayFile::parse(Path::new("2026-11-18.toml"), date(), text)
    }

    #[test]
    fn reads_every_field() {
        let parsed = parse(HAND_EDITED);
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let [screwup, fix] = parsed.entries.as_slice() else {
            panic!("two entries")
        };
        assert_eq!(screwup.kind, Kind::Screwup);
        assert_eq!(screwup.revenue, Some(Money(-120_000)));
        assert_eq!(screwup.time.unwrap().to_string(), "09:14:00");
        assert_eq!(fix.fixes, vec![screwup.id.clone()]);
    }

    /// A known limit of toml_edit, documented in the README: a table's
    /// dotted keys written apart come back grouped, a moved one with the
    /// spacing around its dots of the first. No word is lost or changed.
    #[test]
    fn dotted_keys_written_apart_are_grouped_when_saved() {
        let text = "[[entry]]\nid = \"2026-11-18-aaaa\"\nkind = \"note\"\nmeta.mood = \"fine\"\ntitle = \"x\"\nmeta . energy = 3 # low\n";
        let parsed = parse(text);
        assert!(parsed.problems.is_empty(), "{:?}", parsed.problems);
        let rendered = parsed.file.unwrap().render();
        assert_eq!(
            rendered,
            "[[entry]]\nid = \"2026-11-18-aaaa\"\nkind = \"note\"\nmeta.mood = \"fine\"\nmeta. energy = 3 # low\ntitle = \"x\"\n"
        );
        // The moved key took the spacing of the first `meta.`: the words
        // are all there, in the same lines.
        let words = |line: &str| line.replace(" .", ".").replace(". ", ".");
        let mut before: Vec<String> = text.lines().map(words).collect();
        let mut after: Vec<String> = rendered.lines().map(words).collect();
        before.sort_unstable();
        after.sort_unstable();
        assert_eq!(before, after);
    }

    #[test]
    fn untouched_bytes_survive_an_update() {
        let mut file = parse(HAND_EDITED).file.unwrap();
        let mut fix = file.entries()[1].clone();
        fix.title = "Added a duplicate-invoice check before sending".into();
        fix.customer = Some("Acme Corp".into());
        assert!(file.update(&fix));
        let text = file.render();
        let expected = HAND_EDITED.replace(
            "title = \"Added a duplicate-invoice check\"\nfixes = [\"2026-11-18-k7q2\"]\n",
            "title = \"Added a duplicate-invoice check before sending\"\nfixes = [\"2026-11-18-k7q2\"]\ncustomer = \"Acme Corp\"\n",
        );
        assert_eq!(text, expected);
    }

    #[test]
    fn a_changed_value_keeps_its_comment() {
        let mut file = parse(HAND_EDITED).file.unwrap();
        let mut screwup = file.entries()[0].clone();
        screwup.revenue = Some(Money(-150_000));
        file.update(&screwup);
        assert!(
            file.render()
                .contains("revenue = -1500          # what it nearly cost\n"),
            "{}",
            file.render()
        );
        assert!(file.render().contains("mood = \"embarrassed\""));
    }

    #[test]
    fn append_and_remove_leave_other_entries_alone() {
        let mut file = parse(HAND_EDITED).file.unwrap();
        let id: EntryId = "2026-11-18-z81t".parse().unwrap();
        let mut promise = Entry::new(id.clone(), date(), Kind::Promise, "Send Birch the contract");
        promise.due = NaiveDate::from_ymd_opt(2026, 11, 20);
        file.append(&promise);
        let text = file.render();
        assert!(text.starts_with(HAND_EDITED), "{text}");
        assert!(text.ends_with(
            "\n[[entry]]\nid = \"2026-11-18-z81t\"\nkind = \"promise\"\ntitle = \"Send Birch the contract\"\ndue = 2026-11-20\nstatus = \"open\"\n"
        ), "{text}");
        let reparsed = parse(&text);
        assert_eq!(
            reparsed.entries[2].promise_status(),
            Some(PromiseStatus::Open)
        );
        let mut file = reparsed.file.unwrap();
        file.remove(&id).unwrap();
        assert_eq!(file.render(), HAND_EDITED);
    }

    #[test]
    fn undo_puts_a_table_back_where_it_was() {
        let mut file = parse(HAND_EDITED).file.unwrap();
        let id: EntryId = "2026-11-18-k7q2".parse().unwrap();
        let (index, table) = file.remove(&id).unwrap();
        file.insert_table(index, table);
        assert_eq!(file.ids()[0], id);
        assert!(file.render().contains("# the invoice mess"));
    }

    #[test]
    fn a_replaced_table_stays_in_its_place() {
        let mut file = parse(HAND_EDITED).file.unwrap();
        let id: EntryId = "2026-11-18-k7q2".parse().unwrap();
        let edited = file.table_text(&id).unwrap().replace("twice", "two times");
        let (_, table) = DayFile::parse_edited(Path::new("edit.toml"), date(), &edited).unwrap();
        assert!(file.replace_table(&id, table));
        assert_eq!(file.render(), HAND_EDITED.replace("twice", "two times"));
    }

    #[test]
    fn syntax_errors_point_at_line_and_column() {
        let parsed = parse("[[entry]]\nid = \"2026-11-18-k7q2\"\ntitle = \"unterminated\n");
        assert!(parsed.file.is_none());
        let problem = &parsed.problems[0];
        assert_eq!((problem.line, problem.column), (3, 22), "{problem}");
    }

    #[test]
    fn bad_fields_point_at_the_value() {
        let text = HAND_EDITED.replace("kind = \"fix\"", "kind = \"fxi\"");
        let parsed = parse(&text);
        assert_eq!(parsed.entries.len(), 1);
        assert!(parsed.file.is_none());
        let problem = &parsed.problems[0];
        assert_eq!(problem.line, 14);
        assert_eq!(problem.column, 8);
        assert!(problem.message.contains("unknown kind 'fxi'"));
    }

    #[test]
    fn empty_files_and_conflicts_are_problems() {
        assert!(parse("").problems[0].message.contains("empty"));
        let conflicted = "[[entry]]\n<<<<<<< HEAD\nid = 1\n=======\nid = 2\n>>>>>>> other\n";
        let problem = &parse(conflicted).problems[0];
        assert_eq!(problem.line, 2);
        assert!(problem.message.contains("conflict"));
    }

    #[test]
    fn missing_ids_get_a_suggestion() {
        let parsed = parse("[[entry]]\nkind = \"note\"\ntitle = \"hand written\"\n");
        assert!(
            parsed.problems[0]
                .message
                .contains("add a line such as id = \"2026-11-18-")
        );
    }
}
