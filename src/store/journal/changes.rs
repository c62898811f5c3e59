//! Applying one editor's changes to an entry that may have changed on disk
//! since the editor read it: a three-way merge by field.

use serde_json::{Map, Value};

use crate::model::{Entry, EntryId};
use crate::store::StoreError;

/// `current` with every field that `new` changed from `base`. A field
/// changed both here and on disk (to something else) is a conflict: the
/// result is an error naming the fields, and nothing is merged.
///
/// Fields are compared through the entry's serde form, so a field added to
/// `Entry` takes part without being listed here.
pub(super) fn apply(base: &Entry, new: &Entry, current: &Entry) -> Result<Entry, StoreError> {
    let (base, new, current) = (fields(base), fields(new), fields(current));
    let mut merged = Map::new();
    let mut conflicts = Vec::new();
    let keys = current
        .keys()
        .chain(new.keys().filter(|k| !current.contains_key(*k)));
    for key in keys {
        let [b, n, c] = [&base, &new, &current].map(|m| m.get(key).unwrap_or(&Value::Null));
        let value = if n == b {
            c
        } else if c == b || c == n {
            n
        } else {
            conflicts.push(key.replace('_', " "));
            c
        };
        merged.insert(key.clone(), value.clone());
    }
    if !conflicts.is_empty() {
        let id: EntryId = serde_json::from_value(merged["id"].clone()).map_err(bug)?;
        return Err(StoreError::Changed {
            id,
            fields: conflicts,
        });
    }
    serde_json::from_value(Value::Object(merged)).map_err(bug)
}

fn fields(entry: &Entry) -> Map<String, Value> {
    match serde_json::to_value(entry) {
        Ok(Value::Object(map)) => map,
        _ => Map::new(),
    }
}

/// An entry always survives its own serde round trip; if not, say so.
fn bug(err: serde_json::Error) -> StoreError {
    StoreError::Io {
        path: Default::default(),
        source: std::io::Error::other(format!("could not merge the entry's fields: {err}")),
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::model::{Kind, PromiseStatus};

    fn promise() -> Entry {
        let date = NaiveDate::from_ymd_opt(2026, 11, 18).unwrap();
        let mut entry = Entry::new(
            "2026-11-18-k7q2".parse().unwrap(),
            date,
            Kind::Promise,
            "Send the contract",
        );
        entry.due = Some(date);
        entry.status = Some(PromiseStatus::Open);
        entry
    }

    #[test]
    fn changes_on_other_fields_are_kept_on_both_sides() {
        let base = promise();
        let mut mine = base.clone();
        mine.title = "Send the signed contract".into();
        let mut theirs = base.clone();
        theirs.status = Some(PromiseStatus::Kept);
        theirs.tags = vec!["legal".into()];
        let merged = apply(&base, &mine, &theirs).unwrap();
        assert_eq!(merged.title, "Send the signed contract");
        assert_eq!(merged.status, Some(PromiseStatus::Kept));
        assert_eq!(merged.tags, ["legal"]);
        // The same change on both sides is no conflict.
        assert_eq!(apply(&base, &mine, &mine).unwrap(), mine);
    }

    #[test]
    fn the_same_field_changed_on_disk_is_refused() {
        let base = promise();
        let mut mine = base.clone();
        mine.title = "Mine".into();
        mine.customer_value = Some(crate::model::Money::parse("100").unwrap());
        let mut theirs = base.clone();
        theirs.title = "Theirs".into();
        theirs.customer_value = Some(crate::model::Money::parse("200").unwrap());
        let err = apply(&base, &mine, &theirs).unwrap_err().to_string();
        assert!(err.contains("title, customer value"), "{err}");
    }
}
