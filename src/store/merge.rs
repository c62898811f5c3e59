//! Three-way merge of one day file, entry by entry and by id: what git's
//! merge driver runs. Two devices appending to the same day both touch the
//! end of the file, which a line merge calls a conflict; by id they are
//! simply two new entries.

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use toml_edit::{ArrayOfTables, DocumentMut, Item, Table};

use super::Problem;
use super::dayfile::DayFile;

/// The merged file, and the ids both sides changed differently. Those
/// entries are written between conflict markers; the rest merged cleanly.
#[derive(Debug)]
pub struct Merged {
    pub text: String,
    pub conflicts: Vec<String>,
}

/// Why a side could not be merged by id (it is not a readable day file);
/// the caller falls back to a line merge, so nothing is worse than plain git.
#[derive(Debug)]
pub struct Unmergeable(pub Problem);

/// Merges `theirs` into `ours` given their common `base`. Ours is the
/// document edited, so its comments and layout are kept; entries added on
/// either side are kept, deletions are honoured, an entry changed on one
/// side takes that side's table.
pub fn merge_day(
    date: NaiveDate,
    base: &str,
    ours: &str,
    theirs: &str,
) -> Result<Merged, Unmergeable> {
    let (base_text, ours_text, theirs_text) = (base, ours, theirs);
    let base = read_side("base", date, base)?;
    let mut result = read_side("ours", date, ours)?;
    let theirs = read_side("theirs", date, theirs)?;

    let base_tables = by_id(&base);
    let their_tables = by_id(&theirs);
    let mut conflicts = Vec::new();

    // Decide each entry ours has, in ours' order; collect removals so the
    // indexes stay valid while walking.
    let ours_ids: Vec<String> = ids(&result);
    let mut removed = Vec::new();
    for id in &ours_ids {
        let Some(index) = index_of(&result, id) else {
            continue;
        };
        let slot = result
            .tables_mut()
            .get_mut(index)
            .expect("index_of found it");
        let mine = text_of(slot);
        match (base_tables.get(id), their_tables.get(id)) {
            (_, Some(t)) if text_of(t) == mine => {}
            // Added here only.
            (None, None) => {}
            // Added on both sides, differently: ids are random, so rare.
            (None, Some(t)) => {
                both_changed(slot, t)?;
                conflicts.push(id.clone());
            }
            (Some(b), None) => {
                if text_of(b) == mine {
                    removed.push(id.clone());
                } else {
                    mark(
                        slot,
                        "<<<<<<< ours (edited)\n",
                        "\n=======\n>>>>>>> theirs (deleted)",
                    )?;
                    conflicts.push(id.clone());
                }
            }
            (Some(b), Some(t)) => {
                let base_text = text_of(b);
                if base_text == mine {
                    take_theirs(slot, t);
                } else if base_text != text_of(t) {
                    both_changed(slot, t)?;
                    conflicts.push(id.clone());
                }
            }
        }
    }
    for id in removed {
        if let Some(index) = index_of(&result, &id) {
            result.tables_mut().remove(index);
        }
    }

    // Entries only theirs has: new ones are appended in their order;
    // ones ours deleted stay deleted unless theirs changed them.
    for t in theirs.tables().into_iter().flat_map(|tables| tables.iter()) {
        let Some(id) = id_of(t) else { continue };
        if ours_ids.iter().any(|o| o == id) {
            continue;
        }
        match base_tables.get(id) {
            None => append(&mut result, t.clone()),
            Some(b) if text_of(b) == text_of(t) => {}
            Some(_) => {
                let mut table = t.clone();
                fresh_decor(&mut table);
                mark(
                    &mut table,
                    "<<<<<<< ours (deleted)\n=======\n",
                    "\n>>>>>>> theirs (edited)",
                )?;
                append(&mut result, table);
                conflicts.push(id.to_string());
            }
        }
    }

    let mut text = result.render();
    keep_their_closing_comments(&mut text, base_text, ours_text, theirs_text);
    Ok(Merged { text, conflicts })
}

/// Comments after a side's last entry belong to the document, not to an
/// entry, so the entry-by-entry merge above keeps only ours. Lines theirs
/// added there (in neither base nor ours) go at the end: every comment is
/// kept, and a comment both sides have is not repeated.
fn keep_their_closing_comments(text: &mut String, base: &str, ours: &str, theirs: &str) {
    let closing = theirs
        .parse::<DocumentMut>()
        .ok()
        .and_then(|doc| doc.trailing().as_str().map(str::to_string))
        .unwrap_or_default();
    let known = |side: &str, line: &str| side.lines().any(|l| l.trim_end() == line);
    let added: Vec<&str> = closing
        .lines()
        .map(str::trim_end)
        .filter(|line| !line.trim().is_empty())
        .filter(|line| !known(base, line) && !known(ours, line))
        .collect();
    if added.is_empty() {
        return;
    }
    if !text.is_empty() && !text.ends_with('\n') {
        text.push('\n');
    }
    for line in added {
        text.push_str(line);
        text.push('\n');
    }
}

fn read_side(side: &str, date: NaiveDate, text: &str) -> Result<DayFile, Unmergeable> {
    // Git hands an empty base when both sides created the file.
    if text.trim().is_empty() {
        return Ok(DayFile::empty(date));
    }
    let parsed = DayFile::parse(Path::new(side), date, text);
    match parsed.file {
        // Merging by id would drop every other key of, say, a config file.
        Some(file) if !file.has_only_entries() => Err(unmergeable(
            "it holds more than [[entry]] tables; not a day file",
        )),
        Some(file) => Ok(file),
        None => Err(Unmergeable(
            parsed
                .problems
                .into_iter()
                .next()
                .unwrap_or_else(|| Problem::whole_file(Path::new(side), "unreadable")),
        )),
    }
}

fn id_of(table: &Table) -> Option<&str> {
    table.get("id").and_then(Item::as_str)
}

fn ids(file: &DayFile) -> Vec<String> {
    file.tables()
        .map(|tables| {
            tables
                .iter()
                .filter_map(id_of)
                .map(str::to_string)
                .collect()
        })
        .unwrap_or_default()
}

fn by_id(file: &DayFile) -> HashMap<String, Table> {
    file.tables()
        .map(|tables| {
            tables
                .iter()
                .filter_map(|t| Some((id_of(t)?.to_string(), t.clone())))
                .collect()
        })
        .unwrap_or_default()
}

fn index_of(file: &DayFile, id: &str) -> Option<usize> {
    file.tables()?.iter().position(|t| id_of(t) == Some(id))
}

/// The table as it would stand alone, blank lines around it ignored: two
/// sides agree on an entry when this text is the same, comments included.
fn text_of(table: &Table) -> String {
    let mut table = table.clone();
    table.set_position(None);
    let mut tables = ArrayOfTables::new();
    tables.push(table);
    let mut doc = DocumentMut::new();
    doc.insert("entry", Item::ArrayOfTables(tables));
    doc.to_string().trim().to_string()
}

/// Whether only blank lines (or nothing) come before the table's header.
fn blank_prefix(table: &Table) -> bool {
    table
        .decor()
        .prefix()
        .and_then(|p| p.as_str())
        .is_none_or(|p| p.trim().is_empty())
}

/// Only blank lines before a table: let it render as an appended one does.
fn fresh_decor(table: &mut Table) {
    if blank_prefix(table) {
        table.decor_mut().clear();
    }
}

fn append(file: &mut DayFile, mut table: Table) {
    fresh_decor(&mut table);
    // Theirs' document positions mean nothing in ours; no position renders
    // the table after the one before it, i.e. at the end.
    table.set_position(None);
    file.tables_mut().push(table);
}

fn take_theirs(slot: &mut Table, theirs: &Table) {
    let mut table = theirs.clone();
    if blank_prefix(&table) {
        *table.decor_mut() = slot.decor().clone();
    }
    table.set_position(slot.position());
    *slot = table;
}

fn both_changed(slot: &mut Table, theirs: &Table) -> Result<(), Unmergeable> {
    let bottom = format!("\n=======\n{}\n>>>>>>> theirs", text_of(theirs));
    mark(slot, "<<<<<<< ours\n", &bottom)
}

/// Puts `top` just before the table's header and `bottom` after its last
/// line, so the markers enclose this one entry and nothing else.
fn mark(table: &mut Table, top: &str, bottom: &str) -> Result<(), Unmergeable> {
    // No prefix yet means the default: a blank line before the header.
    let prefix = match table.decor().prefix() {
        Some(prefix) => prefix.as_str().unwrap_or("").to_string(),
        None => "\n".to_string(),
    };
    // Keep the blank line that separates entries outside the markers.
    let (blank, comments) = prefix.split_at(prefix.len() - prefix.trim_start().len());
    table
        .decor_mut()
        .set_prefix(format!("{blank}{top}{comments}"));
    let Some((_, last)) = table.iter_mut().last() else {
        return Err(unmergeable("an entry has no keys"));
    };
    let Some(value) = last.as_value_mut() else {
        return Err(unmergeable("an entry ends in a nested table"));
    };
    let suffix = value
        .decor()
        .suffix()
        .and_then(|s| s.as_str())
        .unwrap_or("")
        .to_string();
    value.decor_mut().set_suffix(format!("{suffix}{bottom}"));
    Ok(())
}

fn unmergeable(message: &str) -> Unmergeable {
    Unmergeable(Problem::whole_file(Path::new("merge"), message))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn date() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 18).unwrap()
    }

    fn entry(id: &str, title: &str) -> String {
        format!("[[entry]]\nid = \"2026-11-18-{id}\"\nkind = \"note\"\ntitle = \"{title}\"\n")
    }

    fn file(entries: &[String]) -> String {
        entries.join("\n")
    }

    fn merge(base: &str, ours: &str, theirs: &str) -> Merged {
        merge_day(date(), base, ours, theirs).unwrap()
    }

    #[test]
    fn entries_added_on_both_sides_are_all_kept() {
        let base = file(&[entry("aaaa", "first")]);
        let ours = file(&[entry("aaaa", "first"), entry("bbbb", "ours")]);
        let theirs = file(&[entry("aaaa", "first"), entry("cccc", "theirs")]);
        let merged = merge(&base, &ours, &theirs);
        assert!(merged.conflicts.is_empty());
        assert_eq!(
            merged.text,
            file(&[
                entry("aaaa", "first"),
                entry("bbbb", "ours"),
                entry("cccc", "theirs")
            ])
        );
    }

    #[test]
    fn both_sides_creating_the_day_is_no_conflict() {
        let merged = merge("", &entry("bbbb", "ours"), &entry("cccc", "theirs"));
        assert!(merged.conflicts.is_empty());
        assert_eq!(
            merged.text,
            file(&[entry("bbbb", "ours"), entry("cccc", "theirs")])
        );
    }

    #[test]
    fn one_sided_edits_and_deletes_are_taken() {
        let base = file(&[entry("aaaa", "a"), entry("bbbb", "b"), entry("cccc", "c")]);
        // Ours edits a and deletes c; theirs edits b.
        let ours = file(&[entry("aaaa", "a edited"), entry("bbbb", "b")]);
        let theirs = file(&[
            entry("aaaa", "a"),
            entry("bbbb", "b edited"),
            entry("cccc", "c"),
        ]);
        let merged = merge(&base, &ours, &theirs);
        assert!(merged.conflicts.is_empty());
        assert_eq!(
            merged.text,
            file(&[entry("aaaa", "a edited"), entry("bbbb", "b edited")])
        );
        // The other way round gives the same entries.
        let merged = merge(&base, &theirs, &ours);
        assert_eq!(
            merged.text,
            file(&[entry("aaaa", "a edited"), entry("bbbb", "b edited")])
        );
    }

    #[test]
    fn ours_comments_and_unknown_keys_are_kept() {
        let base = format!("# My Tuesday\n\n{}", entry("aaaa", "a"));
        let ours = format!(
            "# My Tuesday\n\n{}mood = \"fine\"   # mine\n",
            entry("aaaa", "a")
        );
        let theirs = format!("{base}\n{}", entry("cccc", "c"));
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.text, format!("{ours}\n{}", entry("cccc", "c")));
    }

    #[test]
    fn the_same_entry_changed_on_both_sides_is_a_conflict_around_it_alone() {
        let base = file(&[entry("aaaa", "a"), entry("bbbb", "b")]);
        let ours = file(&[entry("aaaa", "a"), entry("bbbb", "b by ours")]);
        let theirs = file(&[entry("aaaa", "a"), entry("bbbb", "b by theirs")]);
        let merged = merge(&base, &ours, &theirs);
        assert_eq!(merged.conflicts, vec!["2026-11-18-bbbb".to_string()]);
        let expected = format!(
            "{}\n<<<<<<< ours\n{}=======\n{}>>>>>>> theirs\n",
            entry("aaaa", "a"),
            entry("bbbb", "b by ours"),
            entry("bbbb", "b by theirs"),
        );
        assert_eq!(merged.text, expected);
        // The app sees the markers and refuses to write the file.
        let parsed = DayFile::parse(Path::new("d.toml"), date(), &merged.text);
        assert!(parsed.file.is_none());
        assert!(parsed.problems[0].message.contains("conflict"));
    }

    #[test]
    fn the_same_change_on_both_sides_merges() {
        let base = entry("aaaa", "a");
        let both = entry("aaaa", "a fixed");
        let merged = merge(&base, &both, &both);
        assert!(merged.conflicts.is_empty());
        assert_eq!(merged.text, both);
    }

    #[test]
    fn edit_against_delete_is_a_conflict_either_way() {
        let base = file(&[entry("aaaa", "a"), entry("bbbb", "b")]);
        let edited = file(&[entry("aaaa", "a"), entry("bbbb", "b edited")]);
        let deleted = entry("aaaa", "a");
        let merged = merge(&base, &edited, &deleted);
        assert_eq!(merged.conflicts.len(), 1);
        assert_eq!(
            merged.text,
            format!(
                "{}\n<<<<<<< ours (edited)\n{}=======\n>>>>>>> theirs (deleted)\n",
                entry("aaaa", "a"),
                entry("bbbb", "b edited")
            )
        );
        let merged = merge(&base, &deleted, &edited);
        assert_eq!(merged.conflicts.len(), 1);
        assert_eq!(
            merged.text,
            format!(
                "{}\n<<<<<<< ours (deleted)\n=======\n{}>>>>>>> theirs (edited)\n",
                entry("aaaa", "a"),
                entry("bbbb", "b edited")
            )
        );
    }

    #[test]
    fn a_side_that_is_not_a_day_file_is_left_to_a_line_merge() {
        let config = "name = \"Ada\"\ngit = true\n";
        let changed = "name = \"Ada Lovelace\"\ngit = true\n";
        assert!(merge_day(date(), config, config, changed).is_err());
        let base = entry("aaaa", "a");
        assert!(merge_day(date(), &base, "[[entry]\nbroken", &base).is_err());
        let marked = format!("<<<<<<< HEAD\n{base}=======\n>>>>>>> x\n");
        assert!(merge_day(date(), &base, &base, &marked).is_err());
    }

    #[test]
    fn a_comment_after_the_other_sides_last_entry_is_kept() {
        let base = file(&[entry("aaaa", "first")]);
        let ours = format!(
            "{}# ours: call back Monday\n",
            file(&[entry("aaaa", "first"), entry("bbbb", "ours")])
        );
        let theirs = format!(
            "{}# theirs: follow up Friday\n",
            file(&[entry("aaaa", "first"), entry("cccc", "theirs")])
        );
        for (a, b) in [(&ours, &theirs), (&theirs, &ours)] {
            let merged = merge(&base, a, b);
            assert!(merged.conflicts.is_empty());
            for comment in ["# ours: call back Monday", "# theirs: follow up Friday"] {
                assert_eq!(merged.text.matches(comment).count(), 1, "{}", merged.text);
            }
            assert!(merged.text.ends_with('\n'));
        }
        // A comment both sides kept, or one side removed, is not repeated.
        let shared = format!("{}# shared\n", file(&[entry("aaaa", "first")]));
        let merged = merge(&shared, &shared, &file(&[entry("aaaa", "first")]));
        assert_eq!(
            merged.text.matches("# shared").count(),
            1,
            "{}",
            merged.text
        );
    }

    mod properties {
        use super::*;
        use proptest::prelude::*;
        use std::collections::BTreeMap;

        /// What one side does to a base entry.
        #[derive(Debug, Clone, Copy)]
        enum Op {
            Keep,
            Edit,
            Delete,
        }

        fn op() -> impl Strategy<Value = Op> {
            prop_oneof![Just(Op::Keep), Just(Op::Edit), Just(Op::Delete)]
        }

        fn id(n: usize) -> String {
            format!("{n:04}")
        }

        fn side(entries: &BTreeMap<String, String>, order: &[String]) -> String {
            order
                .iter()
                .filter_map(|id| entries.get(id).map(|t| entry(id, t)))
                .collect::<Vec<_>>()
                .join("\n")
        }

        fn titles(text: &str) -> BTreeMap<String, String> {
            let parsed = DayFile::parse(Path::new("merged.toml"), date(), text);
            assert!(parsed.problems.is_empty(), "{:?}\n{text}", parsed.problems);
            parsed
                .entries
                .into_iter()
                .map(|e| (e.id.as_str()[11..].to_string(), e.title))
                .collect()
        }

        proptest! {
            /// Any mix of adds, and edits and deletes of different entries,
            /// merges with no conflict into exactly the expected entries, and
            /// the same entries whichever side is ours.
            #[test]
            fn changes_to_different_entries_always_merge(
                ops in proptest::collection::vec((op(), op(), any::<bool>()), 0..8),
                ours_added in 0usize..3,
                theirs_added in 0usize..3,
            ) {
                let base: BTreeMap<String, String> =
                    (0..ops.len()).map(|n| (id(n), format!("base {n}"))).collect();
                let order: Vec<String> = base.keys().cloned().collect();
                let (mut ours, mut theirs, mut expected) =
                    (base.clone(), base.clone(), base.clone());
                for (n, (a, b, ours_acts)) in ops.iter().enumerate() {
                    // Only one side may touch an entry, else it is a conflict.
                    let (acting, op) = if *ours_acts { (&mut ours, a) } else { (&mut theirs, b) };
                    match op {
                        Op::Keep => {}
                        Op::Edit => {
                            let title = format!("edited {n}");
                            acting.insert(id(n), title.clone());
                            expected.insert(id(n), title);
                        }
                        Op::Delete => {
                            acting.remove(&id(n));
                            expected.remove(&id(n));
                        }
                    }
                }
                let mut ours_order = order.clone();
                let mut theirs_order = order.clone();
                for n in 0..ours_added {
                    let new = id(100 + n);
                    ours.insert(new.clone(), format!("ours new {n}"));
                    expected.insert(new.clone(), format!("ours new {n}"));
                    ours_order.push(new);
                }
                for n in 0..theirs_added {
                    let new = id(200 + n);
                    theirs.insert(new.clone(), format!("theirs new {n}"));
                    expected.insert(new.clone(), format!("theirs new {n}"));
                    theirs_order.push(new);
                }
                let base_text = side(&base, &order);
                let ours_text = side(&ours, &ours_order);
                let theirs_text = side(&theirs, &theirs_order);
                let merged = merge(&base_text, &ours_text, &theirs_text);
                prop_assert!(merged.conflicts.is_empty());
                prop_assert!(merged.text.ends_with('\n'));
                prop_assert_eq!(titles(&merged.text), expected.clone());
                let swapped = merge(&base_text, &theirs_text, &ours_text);
                prop_assert_eq!(titles(&swapped.text), expected);
                // Merging is deterministic.
                prop_assert_eq!(merge(&base_text, &ours_text, &theirs_text).text, merged.text);
            }
        }
    }
}
