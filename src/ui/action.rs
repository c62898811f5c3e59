//! What the user means (`Command`, named in `assets/keys.toml`), everything
//! else that can happen to the app (`Action`), and what the app asks the
//! outside world to do (`Effect`). The app only ever sees and returns these.

use std::path::PathBuf;

use chrono::NaiveDate;
use crossterm::event::{KeyEvent, MouseEvent};
use serde::Deserialize;

use super::app::TextKey;
use super::draft::Draft;
use crate::model::{Entry, EntryId, Kind, Week};
use crate::report::render::{Renditions, Setup};
use crate::store::Loaded;

/// A user's intent, bound to keys per screen. The snake_case names are the
/// ones used in `keys.toml` and the config's `[keys]` table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Command {
    MoveDown,
    MoveUp,
    PageDown,
    PageUp,
    First,
    Last,
    New,
    QuickAdd,
    OpenForm,
    NextReminder,
    Edit,
    Delete,
    Undo,
    PrevWeek,
    NextWeek,
    ThisWeek,
    Search,
    Report,
    Bullets,
    Stats,
    Customers,
    Open,
    Help,
    Back,
    Quit,
    Suspend,
    PickScrewup,
    PickFix,
    PickExceeded,
    PickMet,
    PickPromise,
    PickNote,
    Save,
    NextField,
    PrevField,
    ExternalEditor,
    Toggle,
    Accept,
    Export,
    Yes,
    No,
}

impl Command {
    pub const ALL: [Command; 41] = [
        Command::MoveDown,
        Command::MoveUp,
        Command::PageDown,
        Command::PageUp,
        Command::First,
        Command::Last,
        Command::New,
        Command::QuickAdd,
        Command::OpenForm,
        Command::NextReminder,
        Command::Edit,
        Command::Delete,
        Command::Undo,
        Command::PrevWeek,
        Command::NextWeek,
        Command::ThisWeek,
        Command::Search,
        Command::Report,
        Command::Bullets,
        Command::Stats,
        Command::Customers,
        Command::Open,
        Command::Help,
        Command::Back,
        Command::Quit,
        Command::Suspend,
        Command::PickScrewup,
        Command::PickFix,
        Command::PickExceeded,
        Command::PickMet,
        Command::PickPromise,
        Command::PickNote,
        Command::Save,
        Command::NextField,
        Command::PrevField,
        Command::ExternalEditor,
        Command::Toggle,
        Command::Accept,
        Command::Export,
        Command::Yes,
        Command::No,
    ];

    /// Short words for the footer.
    pub fn hint(self) -> &'static str {
        match self {
            Command::MoveDown => "down",
            Command::MoveUp => "up",
            Command::PageDown => "page down",
            Command::PageUp => "page up",
            Command::First => "top",
            Command::Last => "bottom",
            Command::New => "new",
            Command::QuickAdd => "quick add",
            Command::OpenForm => "full form",
            Command::NextReminder => "reminders",
            Command::Edit => "edit",
            Command::Delete => "delete",
            Command::Undo => "undo",
            Command::PrevWeek => "prev week",
            Command::NextWeek => "next week",
            Command::ThisWeek => "this week",
            Command::Search => "search",
            Command::Report => "report",
            Command::Bullets => "bullets",
            Command::Stats => "stats",
            Command::Customers => "customers",
            Command::Open => "open",
            Command::Help => "help",
            Command::Back => "back",
            Command::Quit => "quit",
            Command::Suspend => "suspend",
            Command::PickScrewup => "screw-up",
            Command::PickFix => "fix",
            Command::PickExceeded => "exceeded",
            Command::PickMet => "met",
            Command::PickPromise => "promise",
            Command::PickNote => "note",
            Command::Save => "save",
            Command::NextField => "next field",
            Command::PrevField => "prev field",
            Command::ExternalEditor => "$EDITOR",
            Command::Toggle => "toggle",
            Command::Accept => "keep filter",
            Command::Export => "export",
            Command::Yes => "yes",
            Command::No => "no",
        }
    }

    /// One line for the help screen.
    pub fn describe(self) -> &'static str {
        match self {
            Command::MoveDown => "move down",
            Command::MoveUp => "move up",
            Command::PageDown => "move a page down",
            Command::PageUp => "move a page up",
            Command::First => "go to the first line",
            Command::Last => "go to the last line",
            Command::New => "new entry: pick a kind, then fill in the form",
            Command::QuickAdd => {
                "quick add: one line such as  s Sent the invoice twice @Acme -1200"
            }
            Command::OpenForm => "open the full form with what the line says so far",
            Command::NextReminder => "go to the next overdue promise or open screw-up",
            Command::Edit => "edit the selected entry",
            Command::Delete => "delete the selected entry (asks first)",
            Command::Undo => {
                "undo the last change (add, edit, status, delete); again for the one before"
            }
            Command::PrevWeek => "previous week",
            Command::NextWeek => "next week",
            Command::ThisWeek => "this week",
            Command::Search => "search all entries as you type",
            Command::Report => "the week's report",
            Command::Bullets => "resume bullets for the last 12 months",
            Command::Stats => "stats for the last 12 weeks",
            Command::Customers => "customers: what each is worth and what you did for them",
            Command::Open => "list the selected customer's entries (Esc clears)",
            Command::Help => "all keys",
            Command::Back => "back / cancel",
            Command::Quit => "quit",
            Command::Suspend => "suspend to the shell (fg to come back)",
            Command::PickScrewup => "new screw-up",
            Command::PickFix => "new fix",
            Command::PickExceeded => "new exceeded expectation",
            Command::PickMet => "new met expectation",
            Command::PickPromise => "new promise",
            Command::PickNote => "new note",
            Command::Save => "save the entry",
            Command::NextField => "next field",
            Command::PrevField => "previous field",
            Command::ExternalEditor => "edit the details in $VISUAL / $EDITOR",
            Command::Toggle => "cycle a promise's status (open, kept, missed) or toggle a link",
            Command::Accept => "keep the filter and go back to the list",
            Command::Export => "write it to the export dir",
            Command::Yes => "yes",
            Command::No => "no",
        }
    }
}

/// Everything the app reacts to.
#[derive(Debug)]
pub enum Action {
    /// A key press, looked up in the keymap by the app (forms need the raw key).
    Key(KeyEvent),
    /// A wheel turn or a click (the runner passes on no other mouse events).
    Mouse(MouseEvent),
    /// A command without a key, for tests and internal use.
    Command(Command),
    /// The terminal's size, at start and on every resize: scrolling stops
    /// where the last line shows.
    Resize {
        width: u16,
        height: u16,
    },
    /// Periodic wake-up: autosaves drafts and checks the shown week's files.
    Tick,
    /// The files of `week` changed on disk since it was read or last checked
    /// (the CLI, a git pull, a sync tool).
    WeekChanged(Week),
    /// The days of `week` as read from disk.
    WeekLoaded {
        week: Week,
        loaded: Loaded,
    },
    /// The whole journal, read in the background.
    JournalLoaded(Loaded),
    Added(Entry),
    /// An update from `base` to `asked` landed; `saved` is the entry as it
    /// is now on disk (with what others saved meanwhile).
    Updated {
        base: Box<Entry>,
        asked: Box<Entry>,
        saved: Entry,
    },
    /// `entry` is gone from the journal; `trashed` stands for what it takes
    /// to put it back exactly, which `Effects` keeps.
    Deleted {
        entry: Box<Entry>,
        trashed: Trashed,
    },
    Restored(Entry),
    Exported(PathBuf),
    /// An export would replace an existing file: ask first.
    ExportWouldOverwrite {
        path: PathBuf,
        file_name: String,
        text: String,
    },
    /// The details field came back from `$EDITOR`.
    ExternallyEdited(String),
    /// An unsaved form from a previous run.
    DraftFound(Draft),
    /// The report or bullets text asked for with `Effect::Render`, or why
    /// it could not be rendered.
    Rendered {
        key: TextKey,
        text: Result<Renditions, String>,
    },
    /// Something the outside world could not do; shown, never fatal.
    Failed(String),
    /// A save landed but something after it did not (git refused the
    /// commit): shown as the store words it.
    Warned(String),
}

/// What the app asks the runner to do.
#[derive(Debug, Clone)]
pub enum Effect {
    LoadWeek(Week),
    /// Looks whether `week`'s files changed since it was read or last
    /// checked; answers `Action::WeekChanged` only when they did.
    CheckWeek(Week),
    Add(Entry),
    /// Saves the fields changed from `base` (the entry as the app had it
    /// when the change began) to `entry`, leaving the rest as on disk.
    Update {
        base: Box<Entry>,
        entry: Entry,
    },
    Delete(EntryId),
    /// Puts back the entry deleted as `Trashed`, where it was in its file.
    Restore(Trashed),
    /// Writes `text` to `file_name` in the export dir; an existing file
    /// is replaced only with `overwrite` (else the app is asked).
    Export {
        file_name: String,
        text: String,
        overwrite: bool,
    },
    EditExternally(String),
    /// Renders the report or bullets screen's text (templates may be files).
    Render(Box<TextOrder>),
    SaveDraft(Draft),
    ClearDraft,
    Suspend,
    Quit,
}

/// Stands for a deleted entry as its file held it (comments and unknown
/// keys too), kept by `Effects` so the delete can be undone. The app holds
/// only this token: the store's types stay with the store.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Trashed(u64);

impl Trashed {
    /// Made by `Effects` for each delete (and by tests).
    pub(in crate::ui) fn new(serial: u64) -> Trashed {
        Trashed(serial)
    }
}

/// A report or bullets text to render, with all it is made from.
#[derive(Debug, Clone)]
pub struct TextOrder {
    pub key: TextKey,
    /// The entries the report or bullets read, as `report::load` picks
    /// them from the journal.
    pub entries: Vec<Entry>,
    pub today: NaiveDate,
    pub setup: Setup,
}

/// The kind a picker key chooses.
pub fn picked_kind(command: Command) -> Option<Kind> {
    Some(match command {
        Command::PickScrewup => Kind::Screwup,
        Command::PickFix => Kind::Fix,
        Command::PickExceeded => Kind::Exceeded,
        Command::PickMet => Kind::Met,
        Command::PickPromise => Kind::Promise,
        Command::PickNote => Kind::Note,
        _ => return None,
    })
}
