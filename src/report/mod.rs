//! Weekly reports, resume bullets and stats. Building them is pure (entries
//! and "today" come in, data comes out); `load` picks the days to read and
//! `templates` reads user templates; nothing else here touches the disk.
//!
//! For the TUI: `load::weekly` → `WeeklyReport::build` → `render::weekly`;
//! `load::bullets` → `Bullets::build`; `load::stats` → `Stats::build`.

mod bullets;
mod chart;
mod customers;
mod error;
mod fixed;
pub mod load;
mod phrase;
pub mod render;
mod review;
mod stats;
mod stories;
pub mod summary;
mod templates;
#[cfg(test)]
mod test_entries;
mod totals;
mod weekly;
mod wording;

pub use bullets::{Bullet, Bullets, Impact, NoBullet, Period, Source, no_bullet, preview};
pub use chart::{Bar, Group, Sparklines, TrendChart, sparkline};
pub use customers::{CustomerLine, customer_key, customers, money_lines};
pub use error::ReportError;
pub use fixed::{fixed_ids, fixes_by_screwup};
pub use phrase::{MAX_CHARS as BULLET_MAX_CHARS, is_lead_verb, money_text as resume_money};
pub use render::Format;
pub use review::{
    ACCOMPLISHMENTS, Adoption, Change, Reliability, Review, ReviewPeriod, window as review_window,
};
pub use stats::{Stats, WeekStats};
pub use stories::{Step, Story, StoryImpact, StoryKind, in_stories, stories, write_stories};
pub use summary::{Attention, Concern, Direction, MoneyMove, Summary, needs_attention};
pub use templates::{BUILT_IN, Templates};
pub use totals::{RevenueKind, Totals, hours_text};
pub use weekly::{
    Author, FixLine, Link, Promises, ScrewupLine, Sections, TREND_WEEKS, TrendPoint, WeeklyReport,
};
