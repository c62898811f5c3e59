//! The journal's vocabulary as plain data: entries, kinds, money, ids and
//! weeks, with their validation. No I/O and no clock: "today" is passed in.

mod date;
mod entry;
mod error;
mod id;
mod kind;
mod money;
mod quick;
mod week;

pub use date::{parse_date, parse_time};
pub use entry::Entry;
pub use error::ModelError;
pub use id::EntryId;
pub use kind::{Kind, PromiseStatus};
pub use money::{Currency, Money, group_thousands};
pub use quick::{QuickEntry, parse_quick};
pub use week::{Week, WeekStart};
