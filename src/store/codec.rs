//! Entry ⇄ `[[entry]]` table. Reading is strict about the types of known
//! keys and ignores unknown ones (they stay in the file); writing touches only
//! the keys whose values changed, so comments and formatting elsewhere survive.

use chrono::{NaiveDate, NaiveTime};
use toml_edit::{Array, Item, Table, Value};

use crate::model::{Entry, EntryId, Kind, Money, PromiseStatus, parse_time};

/// Why a table could not be read, with the byte span to point at.
pub struct FieldError {
    pub span: Option<std::ops::Range<usize>>,
    pub message: String,
}

type Read<T> = Result<T, FieldError>;

fn error(item: Option<&Item>, table: &Table, message: String) -> FieldError {
    let span = item.and_then(Item::span).or_else(|| table.span());
    FieldError { span, message }
}

/// Reads one `[[entry]]` table of the file for `date`.
pub fn read_entry(table: &Table, date: NaiveDate) -> Read<Entry> {
    let id_item = table.get("id");
    let id = match id_item {
        None => {
            let suggestion = EntryId::generate(date, &mut fastrand::Rng::new());
            return Err(error(
                None,
                table,
                format!("this entry has no id; add a line such as id = \"{suggestion}\""),
            ));
        }
        Some(item) => {
            let text = string(table, "id", item)?;
            text.parse::<EntryId>()
                .map_err(|e| error(Some(item), table, e.to_string()))?
        }
    };
    let kind = match table.get("kind") {
        None => return Err(error(None, table, format!("entry {id} has no kind"))),
        Some(item) => {
            let text = string(table, "kind", item)?;
            text.parse::<Kind>()
                .map_err(|e| error(Some(item), table, e.to_string()))?
        }
    };
    let title = match table.get("title") {
        None => return Err(error(None, table, format!("entry {id} has no title"))),
        Some(item) => string(table, "title", item)?,
    };
    let mut entry = Entry::new(id, date, kind, title);
    entry.status = None;
    entry.time = opt(table, "time", read_time)?;
    entry.customer = opt(table, "customer", string)?;
    entry.tags = opt(table, "tags", strings)?.unwrap_or_default();
    entry.details = opt(table, "details", string)?;
    entry.revenue = opt(table, "revenue", money)?;
    entry.customer_value = opt(table, "customer_value", money)?;
    entry.cost_saved = opt(table, "cost_saved", money)?;
    entry.hours_saved = opt(table, "hours_saved", hours)?;
    entry.reach = opt(table, "reach", count)?;
    entry.adopted_by = opt(table, "adopted_by", strings)?.unwrap_or_default();
    entry.bullet = opt(table, "bullet", string)?;
    // Kind-specific keys on another kind are left alone, like unknown keys,
    // so changing `kind` by hand does not make the whole day unreadable.
    match kind {
        Kind::Fix => {
            entry.fixes = opt(table, "fixes", ids)?.unwrap_or_default();
        }
        Kind::Exceeded => {
            entry.expected = opt(table, "expected", string)?;
            entry.delivered = opt(table, "delivered", string)?;
        }
        Kind::Promise => {
            entry.due = opt(table, "due", read_date)?;
            entry.status = Some(opt(table, "status", status)?.unwrap_or_default());
            entry.closed = opt(table, "closed", read_date)?;
        }
        Kind::Screwup | Kind::Met | Kind::Note => {}
    }
    if entry.title.trim().is_empty() {
        return Err(error(
            table.get("title"),
            table,
            format!("entry {} has an empty title", entry.id),
        ));
    }
    Ok(entry)
}

fn opt<T>(table: &Table, key: &str, read: fn(&Table, &str, &Item) -> Read<T>) -> Read<Option<T>> {
    table
        .get(key)
        .map(|item| read(table, key, item))
        .transpose()
}

fn type_error(table: &Table, key: &str, item: &Item, expected: &str) -> FieldError {
    error(
        Some(item),
        table,
        format!("'{key}' should be {expected}, not {}", item.type_name()),
    )
}

fn string(table: &Table, key: &str, item: &Item) -> Read<String> {
    item.as_str()
        .map(str::to_string)
        .ok_or_else(|| type_error(table, key, item, "a string"))
}

fn strings(table: &Table, key: &str, item: &Item) -> Read<Vec<String>> {
    if let Some(text) = item.as_str() {
        return Ok(vec![text.to_string()]);
    }
    let array = item
        .as_array()
        .ok_or_else(|| type_error(table, key, item, "a list of strings"))?;
    // Sized exactly: collecting through `Result` starts at room for four,
    // which for a tag or two wasted most of each list, 100k times over.
    let mut strings = Vec::with_capacity(array.len());
    for value in array.iter() {
        let text = value.as_str().ok_or_else(|| FieldError {
            span: value.span().or_else(|| item.span()),
            message: format!(
                "'{key}' should hold only strings, not {}",
                value.type_name()
            ),
        })?;
        strings.push(text.to_string());
    }
    Ok(strings)
}

fn ids(table: &Table, key: &str, item: &Item) -> Read<Vec<EntryId>> {
    strings(table, key, item)?
        .into_iter()
        .map(|text| {
            text.parse()
                .map_err(|e: crate::model::ModelError| error(Some(item), table, e.to_string()))
        })
        .collect()
}

fn money(table: &Table, key: &str, item: &Item) -> Read<Money> {
    let result = if let Some(int) = item.as_integer() {
        Money::from_major(int)
    } else if let Some(float) = item.as_float() {
        Money::from_float(float)
    } else {
        return Err(type_error(table, key, item, "a number"));
    };
    result.map_err(|e| error(Some(item), table, format!("'{key}': {e}")))
}

fn hours(table: &Table, key: &str, item: &Item) -> Read<f64> {
    let value = item
        .as_float()
        .or_else(|| item.as_integer().map(|i| i as f64))
        .ok_or_else(|| type_error(table, key, item, "a number of hours"))?;
    if value.is_finite() && (0.0..=1e9).contains(&value) {
        Ok(value)
    } else {
        Err(error(
            Some(item),
            table,
            format!("'{key}' should be a number of hours from 0, not {value}"),
        ))
    }
}

fn count(table: &Table, key: &str, item: &Item) -> Read<u64> {
    let value = item
        .as_integer()
        .ok_or_else(|| type_error(table, key, item, "a whole number"))?;
    u64::try_from(value)
        .map_err(|_| error(Some(item), table, format!("'{key}' should not be negative")))
}

fn read_time(table: &Table, key: &str, item: &Item) -> Read<NaiveTime> {
    if let Some(datetime) = item.as_datetime()
        && datetime.date.is_none()
        && let Some(time) = datetime.time
    {
        return NaiveTime::from_hms_opt(
            time.hour.into(),
            time.minute.into(),
            time.second.unwrap_or(0).into(),
        )
        .ok_or_else(|| error(Some(item), table, format!("'{key}' is not a valid time")));
    }
    if let Some(text) = item.as_str() {
        return parse_time(text).map_err(|e| error(Some(item), table, e.to_string()));
    }
    Err(type_error(table, key, item, "a time such as 09:14:00"))
}

fn read_date(table: &Table, key: &str, item: &Item) -> Read<NaiveDate> {
    if let Some(datetime) = item.as_datetime()
        && datetime.time.is_none()
        && let Some(date) = datetime.date
    {
        return NaiveDate::from_ymd_opt(date.year.into(), date.month.into(), date.day.into())
            .ok_or_else(|| error(Some(item), table, format!("'{key}' is not a valid date")));
    }
    if let Some(text) = item.as_str() {
        return NaiveDate::parse_from_str(text.trim(), "%Y-%m-%d").map_err(|_| {
            error(
                Some(item),
                table,
                format!("'{key}' should be a date such as 2026-11-20"),
            )
        });
    }
    Err(type_error(table, key, item, "a date such as 2026-11-20"))
}

fn status(table: &Table, key: &str, item: &Item) -> Read<PromiseStatus> {
    string(table, key, item)?
        .parse()
        .map_err(|e: crate::model::ModelError| error(Some(item), table, e.to_string()))
}

/// The TOML values of an entry's fields, in the order a new table is written; `None` where absent.
pub fn field_values(entry: &Entry) -> Vec<(&'static str, Option<Value>)> {
    let text = |value: &Option<String>| value.as_ref().map(|s| Value::from(s.as_str()));
    let list = |values: &[String]| {
        (!values.is_empty())
            .then(|| Value::Array(values.iter().map(String::as_str).collect::<Array>()))
    };
    let money = |value: Option<Money>| value.map(money_value);
    vec![
        ("id", Some(Value::from(entry.id.as_str()))),
        ("kind", Some(Value::from(entry.kind.as_str()))),
        ("title", Some(Value::from(entry.title.as_str()))),
        ("time", entry.time.map(time_value)),
        ("customer", text(&entry.customer)),
        ("tags", list(&entry.tags)),
        ("details", text(&entry.details)),
        ("revenue", money(entry.revenue)),
        ("customer_value", money(entry.customer_value)),
        ("cost_saved", money(entry.cost_saved)),
        ("hours_saved", entry.hours_saved.map(hours_value)),
        (
            "reach",
            entry
                .reach
                .map(|n| Value::from(i64::try_from(n).unwrap_or(i64::MAX))),
        ),
        ("adopted_by", list(&entry.adopted_by)),
        (
            "fixes",
            (!entry.fixes.is_empty())
                .then(|| Value::Array(entry.fixes.iter().map(EntryId::as_str).collect())),
        ),
        ("expected", text(&entry.expected)),
        ("delivered", text(&entry.delivered)),
        ("due", entry.due.map(date_value)),
        (
            "status",
            entry.promise_status().map(|s| Value::from(s.as_str())),
        ),
        ("closed", entry.closed.map(date_value)),
        ("bullet", text(&entry.bullet)),
    ]
}

fn money_value(money: Money) -> Value {
    if money.is_whole() {
        Value::from(money.whole_major())
    } else {
        Value::from(money.as_major_f64())
    }
}

fn hours_value(hours: f64) -> Value {
    if hours.fract() == 0.0 && hours.abs() < 1e15 {
        Value::from(hours as i64)
    } else {
        Value::from(hours)
    }
}

fn time_value(time: NaiveTime) -> Value {
    use chrono::Timelike;
    Value::from(toml_edit::Datetime {
        date: None,
        time: Some(toml_edit::Time {
            hour: time.hour() as u8,
            minute: time.minute() as u8,
            second: Some(time.second() as u8),
            nanosecond: None,
        }),
        offset: None,
    })
}

fn date_value(date: NaiveDate) -> Value {
    use chrono::Datelike;
    Value::from(toml_edit::Datetime {
        date: Some(toml_edit::Date {
            year: date.year() as u16,
            month: date.month() as u8,
            day: date.day() as u8,
        }),
        time: None,
        offset: None,
    })
}

/// A new table for `entry`, keys in the order of [`field_values`].
pub fn new_table(entry: &Entry) -> Table {
    let mut table = Table::new();
    for (key, value) in field_values(entry) {
        if let Some(value) = value {
            table.insert(key, Item::Value(value));
        }
    }
    table
}

/// Makes `table` hold `new`, given that it held `old`: only changed keys are
/// rewritten (keeping their comments), absent ones removed, new ones appended.
pub fn update_table(table: &mut Table, old: &Entry, new: &Entry) {
    let old_values = field_values(old);
    for ((key, old_value), (_, new_value)) in old_values.into_iter().zip(field_values(new)) {
        let unchanged = match (&old_value, &new_value) {
            (Some(a), Some(b)) => a.to_string() == b.to_string(),
            (None, None) => true,
            _ => false,
        };
        if unchanged {
            continue;
        }
        match new_value {
            None => {
                table.remove(key);
            }
            Some(mut value) => match table.get_mut(key).and_then(Item::as_value_mut) {
                Some(existing) => {
                    *value.decor_mut() = existing.decor().clone();
                    *existing = value;
                }
                None => {
                    table.insert(key, Item::Value(value));
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::PromiseStatus;

    #[test]
    fn closed_is_read_and_written_right_after_status() {
        let date = NaiveDate::from_ymd_opt(2026, 11, 17).unwrap();
        let text = "id = \"2026-11-17-z81t\"\nkind = \"promise\"\ntitle = \"Send Birch the contract\"\n\
                    due = 2026-11-20\nstatus = \"kept\"\nclosed = 2026-11-19\n";
        let doc: toml_edit::DocumentMut = text.parse().unwrap();
        let Ok(entry) = read_entry(doc.as_table(), date) else {
            panic!("reads")
        };
        assert_eq!(entry.status, Some(PromiseStatus::Kept));
        assert_eq!(entry.closed, NaiveDate::from_ymd_opt(2026, 11, 19));
        let written = new_table(&entry).to_string();
        assert!(
            written.contains("status = \"kept\"\nclosed = 2026-11-19\n"),
            "{written}"
        );
        let mut reopened = entry.clone();
        reopened.set_status(PromiseStatus::Open, date);
        let mut table = doc.as_table().clone();
        update_table(&mut table, &entry, &reopened);
        assert!(table.get("closed").is_none(), "{table}");
    }

    #[test]
    fn lists_take_the_room_they_need_and_no_more() {
        // The TUI holds every entry: spare room in each list adds up.
        let date = NaiveDate::from_ymd_opt(2026, 11, 17).unwrap();
        let text = "id = \"2026-11-17-z81t\"\nkind = \"fix\"\ntitle = \"Fixed it\"\n\
                    tags = [\"billing\"]\nadopted_by = [\"ops\", \"sales\"]\n\
                    fixes = [\"2026-11-16-aaaa\"]\n";
        let doc: toml_edit::DocumentMut = text.parse().unwrap();
        let Ok(entry) = read_entry(doc.as_table(), date) else {
            panic!("reads")
        };
        assert_eq!((entry.tags.len(), entry.tags.capacity()), (1, 1));
        assert_eq!(
            (entry.adopted_by.len(), entry.adopted_by.capacity()),
            (2, 2)
        );
        assert_eq!((entry.fixes.len(), entry.fixes.capacity()), (1, 1));
    }
}
