use std::fmt;
use std::str::FromStr;

use chrono::NaiveDate;

use super::ModelError;

const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";

/// `2026-11-18-k7q2`: the day an entry was first written plus 4 random
/// characters. The date part tells the store which file to open.
#[derive(
    Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, serde::Serialize, serde::Deserialize,
)]
#[serde(transparent)]
pub struct EntryId(String);

impl EntryId {
    /// A fresh id for `date`; the caller retries while it collides.
    pub fn generate(date: NaiveDate, rng: &mut fastrand::Rng) -> EntryId {
        let suffix: String = (0..4)
            .map(|_| ALPHABET[rng.usize(..ALPHABET.len())] as char)
            .collect();
        EntryId(format!("{}-{suffix}", date.format("%Y-%m-%d")))
    }

    /// The id of an entry not saved yet; the store gives it a fresh one
    /// under its lock.
    pub fn placeholder(date: NaiveDate) -> EntryId {
        EntryId(format!("{}-0000", date.format("%Y-%m-%d")))
    }

    /// The same random part under another date (the demo journal's shift).
    pub fn moved_to(&self, date: NaiveDate) -> EntryId {
        EntryId(format!("{}{}", date.format("%Y-%m-%d"), &self.0[10..]))
    }

    /// Whether `text` has the form of a short id: the four characters
    /// after the date (`k7q2`), which stand for the whole id when unique.
    pub fn is_short(text: &str) -> bool {
        text.len() == 4 && text.bytes().all(|b| ALPHABET.contains(&b))
    }

    /// The four characters after the date.
    pub fn short(&self) -> &str {
        &self.0[11..]
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The day in the id, which is where the entry was first filed.
    pub fn date(&self) -> NaiveDate {
        // Validated on construction, so the prefix always parses.
        NaiveDate::parse_from_str(&self.0[..10], "%Y-%m-%d").unwrap_or_default()
    }
}

impl FromStr for EntryId {
    type Err = ModelError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let bad = || ModelError::Id(s.to_string());
        let s_trim = s.trim();
        if s_trim.len() != 15 || !s_trim.is_ascii() {
            return Err(bad());
        }
        let (date, rest) = s_trim.split_at(10);
        NaiveDate::parse_from_str(date, "%Y-%m-%d").map_err(|_| bad())?;
        let suffix = rest.strip_prefix('-').ok_or_else(bad)?;
        if !suffix.bytes().all(|b| ALPHABET.contains(&b)) {
            return Err(bad());
        }
        Ok(EntryId(s_trim.to_string()))
    }
}

impl fmt::Display for EntryId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn generated_ids_parse_back() {
        let mut rng = fastrand::Rng::with_seed(1);
        let date = NaiveDate::from_ymd_opt(2026, 11, 18).unwrap();
        let id = EntryId::generate(date, &mut rng);
        assert_eq!(id.as_str().parse::<EntryId>(), Ok(id.clone()));
        assert_eq!(id.date(), date);
        assert!(id.as_str().starts_with("2026-11-18-"));
    }

    #[test]
    fn rejects_malformed_ids() {
        for bad in [
            "2026-11-18-K7Q2",
            "2026-11-18-k7q",
            "2026-13-18-k7q2",
            "k7q2",
            "2026-11-18_k7q2",
        ] {
            assert!(bad.parse::<EntryId>().is_err(), "{bad}");
        }
    }
}
