use std::fmt;
use std::str::FromStr;

use serde::{Deserialize, Serialize};

use super::ModelError;

/// What an entry records. The string forms are the ones written to disk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    Screwup,
    Fix,
    Exceeded,
    Met,
    Promise,
    Note,
}

impl Kind {
    pub const ALL: [Kind; 6] = [
        Kind::Screwup,
        Kind::Fix,
        Kind::Exceeded,
        Kind::Met,
        Kind::Promise,
        Kind::Note,
    ];

    /// The word stored in the file and accepted on the command line.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Screwup => "screwup",
            Kind::Fix => "fix",
            Kind::Exceeded => "exceeded",
            Kind::Met => "met",
            Kind::Promise => "promise",
            Kind::Note => "note",
        }
    }

    /// The word shown to people.
    /// Whether entries of this kind usually carry money or another outcome
    /// (so the form asks for it right after the title).
    pub fn carries_outcome(self) -> bool {
        !matches!(self, Kind::Promise | Kind::Note)
    }

    pub fn label(self) -> &'static str {
        match self {
            Kind::Screwup => "screw-up",
            Kind::Fix => "fix",
            Kind::Exceeded => "exceeded",
            Kind::Met => "met",
            Kind::Promise => "promise",
            Kind::Note => "note",
        }
    }
}

impl fmt::Display for Kind {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for Kind {
    type Err = ModelError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        let lower = s.trim().to_ascii_lowercase();
        match lower.as_str() {
            "screwup" | "screw-up" => Ok(Kind::Screwup),
            "fix" => Ok(Kind::Fix),
            "exceeded" => Ok(Kind::Exceeded),
            "met" => Ok(Kind::Met),
            "promise" => Ok(Kind::Promise),
            "note" => Ok(Kind::Note),
            _ => Err(ModelError::UnknownKind(s.to_string())),
        }
    }
}

/// Where a promise stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum PromiseStatus {
    #[default]
    Open,
    Kept,
    Missed,
}

impl PromiseStatus {
    pub fn as_str(self) -> &'static str {
        match self {
            PromiseStatus::Open => "open",
            PromiseStatus::Kept => "kept",
            PromiseStatus::Missed => "missed",
        }
    }
}

impl fmt::Display for PromiseStatus {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

impl FromStr for PromiseStatus {
    type Err = ModelError;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        match s.trim().to_ascii_lowercase().as_str() {
            "open" => Ok(PromiseStatus::Open),
            "kept" => Ok(PromiseStatus::Kept),
            "missed" => Ok(PromiseStatus::Missed),
            _ => Err(ModelError::UnknownStatus(s.to_string())),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds_round_trip_through_their_file_names() {
        for kind in Kind::ALL {
            assert_eq!(kind.as_str().parse::<Kind>(), Ok(kind));
        }
        assert_eq!("Screw-up".parse::<Kind>(), Ok(Kind::Screwup));
        assert!(matches!(
            "win".parse::<Kind>(),
            Err(ModelError::UnknownKind(_))
        ));
    }

    #[test]
    fn statuses_parse() {
        assert_eq!("kept".parse::<PromiseStatus>(), Ok(PromiseStatus::Kept));
        assert!("done".parse::<PromiseStatus>().is_err());
    }
}
