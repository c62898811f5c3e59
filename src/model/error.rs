use thiserror::Error;

use super::Kind;

/// Why a value offered by a user (flag, form field or hand-edited file) was refused.
#[derive(Debug, Clone, PartialEq, Eq, Error)]
pub enum ModelError {
    #[error("unknown kind '{0}' (expected one of: screwup, fix, exceeded, met, promise, note)")]
    UnknownKind(String),
    #[error("unknown promise status '{0}' (expected one of: open, kept, missed)")]
    UnknownStatus(String),
    #[error("invalid amount '{0}': {1}")]
    Money(String, &'static str),
    /// Holds the input already made safe to print.
    #[error(
        "invalid date '{0}' (expected YYYY-MM-DD, today, yesterday, tomorrow, a weekday, last <weekday>, next <weekday> or in N days)"
    )]
    Date(String),
    #[error("date '{0}' is out of range: years run from 0001 to 9999")]
    Year(String),
    #[error("invalid time '{0}' (expected HH:MM or HH:MM:SS)")]
    Time(String),
    #[error(
        "invalid week '{0}' (expected this, last, YYYY-Www such as 2026-W47, or a date YYYY-MM-DD)"
    )]
    Week(String),
    #[error("invalid id '{0}' (expected YYYY-MM-DD-xxxx with 4 characters of a-z and 0-9)")]
    Id(String),
    /// A field only one kind of entry has, on an entry of another kind.
    #[error("'{field}' only applies to a {kind} entry, not a {actual}")]
    WrongKind {
        field: &'static str,
        kind: Kind,
        actual: Kind,
    },
    #[error("{0}")]
    Invalid(String),
}
