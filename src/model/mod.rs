//! The journal's vocabulary as plain data: entries, kinds, money, ids and
//! weeks, with their validation. No I/O and no clock: "today" is passed in.

mod date;
mod entry;
mod error;
mod id;
mod input;
mod kind;
mod money;
mod order;
mod outline;
mod quick;
pub mod search;
mod week;

pub use date::{
    DATE_FORMS, FIRST_DAY, LAST_DAY, Toward, in_calendar, parse_date, parse_date_toward, parse_due,
    parse_time, within_calendar,
};
pub use entry::Entry;
pub use error::ModelError;
pub use id::EntryId;
pub use input::{EntryInput, FIELDS, Field, FieldProblem, FieldSpec, Shape, check_entry};
pub use kind::{Kind, PromiseStatus};
pub use money::{Currency, Money, MoneyProblem, group_thousands};
pub use order::permute;
pub use outline::{Linked, Outline};
pub use quick::{QuickEntry, parse_quick};
pub use week::{Week, WeekStart};
