//! The state of a screw-up, fix or promise without its words: what decides
//! whether it still needs attention, read for every such entry of a journal.

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::{Entry, EntryId, Kind, PromiseStatus};

/// What says whether a screw-up, fix or promise is still open: its place,
/// its kind, status and links, no words and no money (a promise's due day
/// is read from the whole entry, for the few still open). Encoded, its dates are
/// day numbers: decoding one costs nothing, where chrono's own form is a
/// string parsed on every read.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Outline {
    pub id: EntryId,
    #[serde(with = "day_number")]
    pub date: NaiveDate,
    pub kind: Kind,
    pub status: Option<PromiseStatus>,
    #[serde(with = "maybe_day_number")]
    pub closed: Option<NaiveDate>,
    pub fixes: Vec<EntryId>,
}

mod day_number {
    use chrono::{Datelike, NaiveDate};
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(date: &NaiveDate, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_i32(date.num_days_from_ce())
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<NaiveDate, D::Error> {
        let days = i32::deserialize(d)?;
        NaiveDate::from_num_days_from_ce_opt(days).ok_or_else(|| D::Error::custom("no such day"))
    }
}

mod maybe_day_number {
    use chrono::{Datelike, NaiveDate};
    use serde::{Deserialize, Deserializer, Serializer, de::Error};

    pub fn serialize<S: Serializer>(date: &Option<NaiveDate>, s: S) -> Result<S::Ok, S::Error> {
        match date {
            Some(date) => s.serialize_some(&date.num_days_from_ce()),
            None => s.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(d: D) -> Result<Option<NaiveDate>, D::Error> {
        match Option::<i32>::deserialize(d)? {
            Some(days) => NaiveDate::from_num_days_from_ce_opt(days)
                .map(Some)
                .ok_or_else(|| D::Error::custom("no such day")),
            None => Ok(None),
        }
    }
}

/// What the rules for "fixed" and "still open" read, alike in a whole entry
/// and in its outline: one rule, whichever the caller holds.
pub trait Linked {
    fn id(&self) -> &EntryId;
    fn date(&self) -> NaiveDate;
    fn kind(&self) -> Kind;
    /// The screw-ups this entry fixes.
    fn fixes(&self) -> &[EntryId];
    fn status(&self) -> Option<PromiseStatus>;
    fn closed(&self) -> Option<NaiveDate>;
}

impl Linked for Entry {
    fn id(&self) -> &EntryId {
        &self.id
    }
    fn date(&self) -> NaiveDate {
        self.date
    }
    fn kind(&self) -> Kind {
        self.kind
    }
    fn fixes(&self) -> &[EntryId] {
        &self.fixes
    }
    fn status(&self) -> Option<PromiseStatus> {
        self.status
    }
    fn closed(&self) -> Option<NaiveDate> {
        self.closed
    }
}

impl Linked for Outline {
    fn id(&self) -> &EntryId {
        &self.id
    }
    fn date(&self) -> NaiveDate {
        self.date
    }
    fn kind(&self) -> Kind {
        self.kind
    }
    fn fixes(&self) -> &[EntryId] {
        &self.fixes
    }
    fn status(&self) -> Option<PromiseStatus> {
        self.status
    }
    fn closed(&self) -> Option<NaiveDate> {
        self.closed
    }
}

impl Outline {
    /// Whether an entry of this kind has an outline.
    pub fn kept(kind: Kind) -> bool {
        matches!(kind, Kind::Screwup | Kind::Fix | Kind::Promise)
    }

    /// The outline of `entry`, whatever its kind.
    pub fn of(entry: &Entry) -> Outline {
        Outline {
            id: entry.id.clone(),
            date: entry.date,
            kind: entry.kind,
            status: entry.status,
            closed: entry.closed,
            fixes: entry.fixes.clone(),
        }
    }
}
