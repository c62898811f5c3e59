use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};
use serde_json::{Map, Value, json};

use super::{EntryId, Kind, ModelError, Money, PromiseStatus};

/// One thing worth remembering about a working day. `date` is the day file
/// the entry lives in; every other field maps to a key of its `[[entry]]` table.
/// Serde here is for the store's index cache only; the stable JSON is [`Entry::to_json`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub id: EntryId,
    pub date: NaiveDate,
    pub kind: Kind,
    pub title: String,
    pub time: Option<NaiveTime>,
    pub customer: Option<String>,
    pub tags: Vec<String>,
    pub details: Option<String>,
    pub revenue: Option<Money>,
    pub customer_value: Option<Money>,
    pub cost_saved: Option<Money>,
    pub hours_saved: Option<f64>,
    pub reach: Option<u64>,
    pub adopted_by: Vec<String>,
    pub fixes: Vec<EntryId>,
    pub expected: Option<String>,
    pub delivered: Option<String>,
    pub due: Option<NaiveDate>,
    pub status: Option<PromiseStatus>,
    /// The day a promise was marked kept or missed; absent on promises
    /// closed before this was recorded, and on open ones.
    pub closed: Option<NaiveDate>,
    pub bullet: Option<String>,
}

impl Entry {
    pub fn new(id: EntryId, date: NaiveDate, kind: Kind, title: impl Into<String>) -> Entry {
        Entry {
            id,
            date,
            kind,
            title: title.into(),
            time: None,
            customer: None,
            tags: Vec::new(),
            details: None,
            revenue: None,
            customer_value: None,
            cost_saved: None,
            hours_saved: None,
            reach: None,
            adopted_by: Vec::new(),
            fixes: Vec::new(),
            expected: None,
            delivered: None,
            due: None,
            status: if kind == Kind::Promise {
                Some(PromiseStatus::Open)
            } else {
                None
            },
            closed: None,
            bullet: None,
        }
    }

    /// A promise's status, `open` when not written down.
    pub fn promise_status(&self) -> Option<PromiseStatus> {
        (self.kind == Kind::Promise).then(|| self.status.unwrap_or_default())
    }

    /// Sets a promise's status, recording the day it was closed: `today`
    /// for kept or missed, nothing once it is open again. An unchanged
    /// status keeps the day it was first closed.
    pub fn set_status(&mut self, status: PromiseStatus, today: NaiveDate) {
        if self.promise_status() == Some(status) {
            return;
        }
        self.status = Some(status);
        self.closed = (status != PromiseStatus::Open).then_some(today);
    }

    /// Whether a promise was closed kept on or before its due day. A promise
    /// closed before `closed` was recorded is never "on time".
    pub fn kept_on_time(&self) -> bool {
        self.promise_status() == Some(PromiseStatus::Kept)
            && matches!((self.closed, self.due), (Some(closed), Some(due)) if closed <= due)
    }

    /// Every field a text search looks at, lower-cased, as the search
    /// scores it ([`crate::model::search::SearchText`]): a search matches an
    /// entry only when this contains each of its words, so a cache of it
    /// can skip an entry that lacks one.
    pub fn search_text(&self) -> String {
        crate::model::search::SearchText::of(self).into_text()
    }

    /// Checks what does not depend on other entries: a title, numbers in
    /// range, and kind-specific fields only on their kind.
    pub fn validate(&self) -> Result<(), ModelError> {
        let invalid = |msg: String| Err(ModelError::Invalid(msg));
        if self.title.trim().is_empty() {
            return invalid("the title is empty".into());
        }
        if let Some(hours) = self.hours_saved
            && !(hours.is_finite() && (0.0..=1e9).contains(&hours))
        {
            return invalid(format!("hours_saved {hours} is not a number of hours"));
        }
        let only = |present: bool, field: &'static str, kind: Kind| {
            if present && self.kind != kind {
                Err(ModelError::WrongKind {
                    field,
                    kind,
                    actual: self.kind,
                })
            } else {
                Ok(())
            }
        };
        only(!self.fixes.is_empty(), "fixes", Kind::Fix)?;
        only(self.expected.is_some(), "expected", Kind::Exceeded)?;
        only(self.delivered.is_some(), "delivered", Kind::Exceeded)?;
        only(self.due.is_some(), "due", Kind::Promise)?;
        only(self.status.is_some(), "status", Kind::Promise)?;
        only(self.closed.is_some(), "closed", Kind::Promise)?;
        Ok(())
    }

    /// The stable JSON object of `list --format json` and reports: every
    /// field present, money in major units, text exactly as written.
    pub fn to_json(&self) -> Value {
        let mut map = Map::new();
        map.insert("id".into(), json!(self.id.as_str()));
        map.insert(
            "date".into(),
            json!(self.date.format("%Y-%m-%d").to_string()),
        );
        map.insert("kind".into(), json!(self.kind.as_str()));
        map.insert("title".into(), json!(self.title));
        if let Some(time) = self.time {
            map.insert("time".into(), json!(time.format("%H:%M:%S").to_string()));
        }
        insert_text(&mut map, "customer", &self.customer);
        insert_list(&mut map, "tags", &self.tags);
        insert_text(&mut map, "details", &self.details);
        insert_money(&mut map, "revenue", self.revenue);
        insert_money(&mut map, "customer_value", self.customer_value);
        insert_money(&mut map, "cost_saved", self.cost_saved);
        if let Some(hours) = self.hours_saved {
            map.insert("hours_saved".into(), json!(hours));
        }
        if let Some(reach) = self.reach {
            map.insert("reach".into(), json!(reach));
        }
        insert_list(&mut map, "adopted_by", &self.adopted_by);
        if !self.fixes.is_empty() {
            let ids: Vec<&str> = self.fixes.iter().map(EntryId::as_str).collect();
            map.insert("fixes".into(), json!(ids));
        }
        insert_text(&mut map, "expected", &self.expected);
        insert_text(&mut map, "delivered", &self.delivered);
        if let Some(due) = self.due {
            map.insert("due".into(), json!(due.format("%Y-%m-%d").to_string()));
        }
        if let Some(status) = self.promise_status() {
            map.insert("status".into(), json!(status.as_str()));
        }
        if let Some(closed) = self.closed {
            map.insert(
                "closed".into(),
                json!(closed.format("%Y-%m-%d").to_string()),
            );
        }
        insert_text(&mut map, "bullet", &self.bullet);
        Value::Object(map)
    }
}

fn insert_text(map: &mut Map<String, Value>, key: &str, value: &Option<String>) {
    if let Some(text) = value {
        map.insert(key.into(), json!(text));
    }
}

fn insert_list(map: &mut Map<String, Value>, key: &str, values: &[String]) {
    if !values.is_empty() {
        map.insert(key.into(), json!(values));
    }
}

fn insert_money(map: &mut Map<String, Value>, key: &str, value: Option<Money>) {
    if let Some(money) = value {
        let number = if money.is_whole() {
            json!(money.whole_major())
        } else {
            json!(money.as_major_f64())
        };
        map.insert(key.into(), number);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn entry(kind: Kind) -> Entry {
        let id: EntryId = "2026-11-18-k7q2".parse().unwrap();
        Entry::new(id.clone(), id.date(), kind, "Sent Acme the invoice twice")
    }

    #[test]
    fn kind_specific_fields_stay_on_their_kind() {
        let mut note = entry(Kind::Note);
        assert!(note.validate().is_ok());
        note.due = NaiveDate::from_ymd_opt(2026, 11, 20);
        assert!(
            note.validate()
                .unwrap_err()
                .to_string()
                .contains("'due' only applies to a promise")
        );
        let mut promise = entry(Kind::Promise);
        promise.due = NaiveDate::from_ymd_opt(2026, 11, 20);
        assert!(promise.validate().is_ok());
    }

    #[test]
    fn empty_titles_are_refused() {
        let mut e = entry(Kind::Met);
        e.title = "  ".into();
        assert!(e.validate().is_err());
    }

    #[test]
    fn json_has_money_in_major_units_and_only_present_fields() {
        let mut e = entry(Kind::Screwup);
        e.revenue = Some(Money(-120_000));
        e.cost_saved = Some(Money(1_050));
        let json = e.to_json();
        assert_eq!(json["revenue"], json!(-1200));
        assert_eq!(json["cost_saved"], json!(10.5));
        assert_eq!(json["date"], json!("2026-11-18"));
        assert!(json.get("customer").is_none());
        assert!(json.get("status").is_none());
        assert_eq!(entry(Kind::Promise).to_json()["status"], json!("open"));
    }

    #[test]
    fn closing_a_promise_records_the_day_and_reopening_clears_it() {
        let day = |d| NaiveDate::from_ymd_opt(2026, 11, d).unwrap();
        let mut promise = entry(Kind::Promise);
        promise.due = Some(day(20));
        promise.set_status(PromiseStatus::Kept, day(19));
        assert_eq!(promise.closed, Some(day(19)));
        assert!(promise.kept_on_time());
        assert_eq!(promise.to_json()["closed"], json!("2026-11-19"));
        promise.set_status(PromiseStatus::Kept, day(23));
        assert_eq!(
            promise.closed,
            Some(day(19)),
            "marking kept again keeps the day"
        );
        promise.set_status(PromiseStatus::Open, day(23));
        assert_eq!(promise.closed, None);
        promise.set_status(PromiseStatus::Missed, day(23));
        assert_eq!(promise.closed, Some(day(23)));
        assert!(!promise.kept_on_time());
    }

    #[test]
    fn a_kept_promise_without_a_closed_day_is_not_on_time() {
        let mut promise = entry(Kind::Promise);
        promise.due = NaiveDate::from_ymd_opt(2026, 11, 20);
        promise.status = Some(PromiseStatus::Kept);
        assert!(!promise.kept_on_time());
        let mut late = promise.clone();
        late.closed = NaiveDate::from_ymd_opt(2026, 11, 21);
        assert!(!late.kept_on_time());
    }

    #[test]
    fn closed_only_applies_to_a_promise() {
        let mut note = entry(Kind::Note);
        note.closed = NaiveDate::from_ymd_opt(2026, 11, 20);
        assert!(
            note.validate()
                .unwrap_err()
                .to_string()
                .contains("'closed'")
        );
    }
}
