//! The whole state of the TUI and `update`, which turns an `Action` into new
//! state plus `Effect`s for the runner. No I/O, no clock, no drawing: tested
//! by feeding actions and looking at state and effects.

mod capture;
mod history;
mod journal_copy;
mod mouse;
mod quick;
mod reminders;
mod views;

use std::cell::OnceCell;
use std::collections::HashSet;

use chrono::NaiveDate;
use crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use super::action::{Action, Command, Effect, Trashed};
use super::draft::Draft;
use super::form::Form;
use super::keymap::{KeyMap, Screen};
use super::search::{Hit, Search};
use super::views::text::Part;
use crate::config::Config;
use crate::model::{Currency, Entry, EntryId, Kind, Week, WeekStart};
use crate::report::render::Renditions;
use crate::report::{CustomerLine, Stats, Templates, WeekStats};
use crate::store::{Loaded, Problem};
pub use history::Step;
pub use journal_copy::JournalCopy;
pub use quick::QuickLine;
pub use reminders::Reminders;

/// How many weeks the stats view shows, the shown one last.
pub const STATS_WEEKS: usize = 12;

/// The parts of the config the screens use.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub name: String,
    pub role: String,
    pub currency: Currency,
    pub week_start: WeekStart,
    /// Report templates: built in, overridden from the config dir.
    pub templates: Templates,
}

impl From<&Config> for Settings {
    fn from(config: &Config) -> Self {
        Settings {
            name: config.name.clone(),
            role: config.role.clone(),
            currency: config.currency.clone(),
            week_start: config.week_start,
            templates: Templates::for_config_dir(config.config_dir.as_deref()),
        }
    }
}

/// Which screen has the keyboard.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Mode {
    Week,
    Picker,
    Quick,
    Form,
    Search,
    Report,
    Bullets,
    Stats,
    Customers,
    Help,
}

/// What a rendered report or bullets text was made from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct TextKey {
    pub mode: Mode,
    pub week: Week,
    version: u64,
}

/// A yes/no question over the current screen.
#[derive(Debug, Clone)]
pub enum Question {
    /// `fixed_by`: titles of the fixes that point to it, named in the question.
    Delete {
        id: EntryId,
        title: String,
        fixed_by: Vec<String>,
    },
    Discard,
    Draft(Draft),
    /// An export would replace `path`.
    Overwrite {
        path: std::path::PathBuf,
        file_name: String,
        text: String,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Info,
    Error,
}

pub struct App {
    pub settings: Settings,
    pub keymap: KeyMap,
    pub today: NaiveDate,
    pub mode: Mode,
    pub week: Week,
    /// The shown week, the whole journal once read, their problems;
    /// changed only through `update`, like the rest.
    journal: JournalCopy,
    /// Index into `visible()`.
    pub selected: usize,
    pub form: Option<Form>,
    /// The quick-add line while it is open.
    pub quick: Option<QuickLine>,
    pub question: Option<Question>,
    pub search: Option<Search>,
    /// The search is kept as a filter on the list after Enter.
    pub filtering: bool,
    /// How to take back each change made since the app opened, newest last.
    pub history: Vec<Step>,
    /// The change in flight is an undo, so it leaves no step of its own.
    undoing: bool,
    pub message: Option<(Level, String)>,
    /// Scroll offset of the report, bullets and help screens.
    pub scroll: u16,
    /// Where Esc on the help screen goes back to.
    pub help_return: Mode,
    /// An entry to select once its week has loaded.
    pending_select: Option<EntryId>,
    /// A draft of an edit to open once the whole journal is read.
    pending_draft: Option<Draft>,
    /// Bumped whenever entries in memory change, so rendered text goes stale.
    version: u64,
    /// Overdue promises and open screw-ups, worked out once per version.
    reminders: OnceCell<Reminders>,
    /// The stats view's weeks, worked out once per version and week: drawn
    /// on every frame of that view.
    stats: OnceCell<Vec<WeekStats>>,
    /// The customers view's lines, worked out once per version.
    customers: OnceCell<Vec<CustomerLine>>,
    /// Index into `customer_lines()` on the customers view.
    pub customer_selected: usize,
    /// The report or bullets as rendered for `TextKey` (for the screen and
    /// for `x`), or why not.
    rendered: Option<(TextKey, Result<Renditions, String>)>,
    /// `rendered`'s screen text laid out for the terminal's width, made when
    /// the text arrives or the terminal is resized, so neither a scroll key
    /// nor a draw lays out the whole document again.
    laid_out: Option<(u16, Vec<Part>)>,
    /// The text last asked for with `Effect::Render`, so it is asked once.
    text_asked: Option<TextKey>,
    /// The terminal's (width, height), as last reported.
    pub size: (u16, u16),
}

impl App {
    pub fn new(settings: Settings, keymap: KeyMap, today: NaiveDate) -> App {
        let week = Week::containing(today, settings.week_start);
        App {
            settings,
            keymap,
            today,
            mode: Mode::Week,
            week,
            journal: JournalCopy::default(),
            selected: 0,
            form: None,
            quick: None,
            question: None,
            search: None,
            filtering: false,
            history: Vec::new(),
            undoing: false,
            message: None,
            scroll: 0,
            help_return: Mode::Week,
            pending_select: None,
            pending_draft: None,
            version: 0,
            reminders: OnceCell::new(),
            stats: OnceCell::new(),
            customers: OnceCell::new(),
            customer_selected: 0,
            rendered: None,
            laid_out: None,
            text_asked: None,
            size: (80, 24),
        }
    }

    /// The keymap section in force.
    pub fn screen(&self) -> Screen {
        if self.question.is_some() {
            return Screen::Confirm;
        }
        match self.mode {
            Mode::Week => Screen::Main,
            Mode::Picker => Screen::Picker,
            Mode::Quick => Screen::Quick,
            Mode::Form => Screen::Form,
            Mode::Search => Screen::Search,
            Mode::Report | Mode::Bullets | Mode::Stats | Mode::Customers | Mode::Help => {
                Screen::View
            }
        }
    }

    /// The app's copy of the journal, to read.
    pub fn journal(&self) -> &JournalCopy {
        &self.journal
    }

    /// Entries the app knows: the whole journal when loaded, else the week.
    pub fn known(&self) -> &[Entry] {
        self.journal.known()
    }

    /// The entries listed on the left: search hits when searching or
    /// filtering, else the week.
    pub fn visible(&self) -> Vec<&Entry> {
        match (&self.search, self.mode, self.filtering) {
            (Some(search), Mode::Search, _) | (Some(search), _, true) => {
                search.hits.iter().map(|h| &h.entry).collect()
            }
            _ => self.journal.week().iter().collect(),
        }
    }

    pub fn hits(&self) -> Option<&[Hit]> {
        let search = self.search.as_ref()?;
        (self.mode == Mode::Search || self.filtering).then_some(search.hits.as_slice())
    }

    pub fn selected_entry(&self) -> Option<&Entry> {
        self.visible().get(self.selected).copied()
    }

    /// Problems to warn about: every file's once the journal is loaded.
    pub fn problems(&self) -> &[Problem] {
        self.journal.problems()
    }

    /// Ids of screw-ups some known fix names.
    pub fn fixed_ids(&self) -> &HashSet<EntryId> {
        self.journal.fixed_ids()
    }

    pub fn is_open_screwup(&self, entry: &Entry) -> bool {
        entry.kind == Kind::Screwup && !self.fixed_ids().contains(&entry.id)
    }

    /// Entries in memory changed: what was worked out from them is stale.
    fn entries_changed(&mut self) {
        self.version += 1;
        self.reminders = OnceCell::new();
        self.stats = OnceCell::new();
        self.customers = OnceCell::new();
    }

    /// One line per customer of every entry the app knows, as the
    /// `customers` command sorts them.
    pub fn customer_lines(&self) -> &[CustomerLine] {
        self.customers
            .get_or_init(|| crate::report::customers(self.known()))
    }

    /// The [`STATS_WEEKS`] weeks ending with the shown one, as the stats
    /// view draws them.
    pub fn week_stats(&self) -> &[WeekStats] {
        self.stats
            .get_or_init(|| Stats::build(self.week, STATS_WEEKS, self.known()).weeks)
    }

    /// Overdue promises and open screw-ups of every week the app knows.
    pub fn reminders(&self) -> &Reminders {
        self.reminders
            .get_or_init(|| Reminders::of(self.known(), self.today))
    }

    /// What `id` is called, when known.
    pub fn title_of(&self, id: &EntryId) -> Option<&str> {
        self.known()
            .iter()
            .chain(self.journal.week())
            .find(|e| &e.id == id)
            .map(|e| e.title.as_str())
    }

    /// Fixes that name `id`.
    pub fn fixes_of(&self, id: &EntryId) -> Vec<&Entry> {
        self.known()
            .iter()
            .filter(|e| e.fixes.contains(id))
            .collect()
    }

    /// The one way the app changes: `action` in, new state and the
    /// effects to run out.
    pub fn update(&mut self, action: Action) -> Vec<Effect> {
        let mut effects = self.react(action);
        self.ask_for_text(&mut effects);
        effects
    }

    fn react(&mut self, action: Action) -> Vec<Effect> {
        match action {
            Action::Key(key) => {
                // A message stays until the next key, so it is read, then gone.
                self.message = None;
                let command = self.keymap.command(self.screen(), key);
                match (self.mode, self.question.is_some(), command) {
                    (Mode::Form, false, None | Some(Command::Toggle)) => self.form_input(key),
                    (Mode::Search, false, None) => self.search_input(key),
                    (Mode::Quick, false, None) => self.quick_input(key),
                    (_, _, Some(command)) => self.command(command),
                    _ => Vec::new(),
                }
            }
            Action::Mouse(event) => self.mouse(event),
            Action::Command(command) => self.command(command),
            Action::Resize { width, height } => {
                self.size = (width, height);
                self.lay_out_text();
                self.scroll = self.scroll.min(self.max_scroll());
                Vec::new()
            }
            Action::Tick => self.tick(),
            Action::WeekChanged(week) if week == self.week => vec![Effect::LoadWeek(week)],
            Action::WeekChanged(_) => Vec::new(),
            Action::WeekLoaded { week, loaded } => {
                self.week_loaded(week, loaded);
                Vec::new()
            }
            Action::JournalLoaded(loaded) => {
                self.journal_loaded(loaded);
                match self.pending_draft.take() {
                    Some(draft) => self.open_draft(&draft),
                    None => Vec::new(),
                }
            }
            Action::Added(entry) => self.added(entry),
            Action::Updated { base, asked, saved } => self.updated(base, asked, saved),
            Action::Deleted { entry, trashed } => self.deleted(*entry, trashed),
            Action::Restored(entry) => {
                self.info(format!("Restored \"{}\"", entry.title));
                self.undoing = false;
                self.insert(entry.clone());
                self.select_or_visit(&entry)
            }
            Action::Exported(path) => {
                self.info(format!("Wrote {}", path.display()));
                Vec::new()
            }
            Action::ExportWouldOverwrite {
                path,
                file_name,
                text,
            } => {
                self.question = Some(Question::Overwrite {
                    path,
                    file_name,
                    text,
                });
                Vec::new()
            }
            Action::ExternallyEdited(text) => {
                if let Some(form) = &mut self.form {
                    form.set_details(&text);
                }
                Vec::new()
            }
            Action::DraftFound(draft) => {
                self.question = Some(Question::Draft(draft));
                Vec::new()
            }
            Action::Rendered { key, text } => {
                self.text_rendered(key, text);
                Vec::new()
            }
            Action::Warned(message) => {
                self.message = Some((Level::Error, message));
                Vec::new()
            }
            Action::Failed(message) => {
                // A failed undo leaves nothing to skip.
                self.undoing = false;
                self.message = Some((Level::Error, message));
                Vec::new()
            }
        }
    }

    fn command(&mut self, command: Command) -> Vec<Effect> {
        if let Some(question) = self.question.clone() {
            return self.answer(question, command);
        }
        if command == Command::Quit {
            return self.quit();
        }
        if command == Command::Suspend {
            return vec![Effect::Suspend];
        }
        match self.mode {
            Mode::Week => self.week_command(command),
            Mode::Picker => self.picker_command(command),
            Mode::Quick => self.quick_command(command),
            Mode::Form => self.form_command(command),
            Mode::Search => self.search_command(command),
            Mode::Report | Mode::Bullets | Mode::Stats | Mode::Help => self.view_command(command),
            Mode::Customers => self.customers_command(command),
        }
    }

    /// Everything to do before the process ends: keep an open form as a draft.
    pub fn shutdown(&self) -> Vec<Effect> {
        match &self.form {
            Some(form) => vec![draft_effect(form)],
            None => Vec::new(),
        }
    }

    /// The runner stops once it has run these, `Effect::Quit` last.
    fn quit(&mut self) -> Vec<Effect> {
        let mut effects = self.shutdown();
        effects.push(Effect::Quit);
        effects
    }

    fn tick(&mut self) -> Vec<Effect> {
        let mut effects = match &mut self.form {
            Some(form) if form.draft_stale => {
                form.draft_stale = false;
                vec![draft_effect(form)]
            }
            _ => Vec::new(),
        };
        effects.push(Effect::CheckWeek(self.week));
        effects
    }

    fn answer(&mut self, question: Question, command: Command) -> Vec<Effect> {
        match command {
            Command::Yes => {
                self.question = None;
                match question {
                    Question::Delete { id, .. } => vec![Effect::Delete(id)],
                    Question::Discard => self.close_form(),
                    Question::Draft(draft) => self.open_draft(&draft),
                    Question::Overwrite {
                        file_name, text, ..
                    } => vec![Effect::Export {
                        file_name,
                        text,
                        overwrite: true,
                    }],
                }
            }
            Command::No | Command::Back => {
                self.question = None;
                match question {
                    Question::Draft(_) => vec![Effect::ClearDraft],
                    _ => Vec::new(),
                }
            }
            Command::Quit => {
                self.question = None;
                self.quit()
            }
            _ => Vec::new(),
        }
    }

    fn week_command(&mut self, command: Command) -> Vec<Effect> {
        let len = self.visible().len();
        match command {
            Command::MoveDown => self.selected = (self.selected + 1).min(len.saturating_sub(1)),
            Command::MoveUp => self.selected = self.selected.saturating_sub(1),
            Command::PageDown => self.selected = (self.selected + 10).min(len.saturating_sub(1)),
            Command::PageUp => self.selected = self.selected.saturating_sub(10),
            Command::First => self.selected = 0,
            Command::Last => self.selected = len.saturating_sub(1),
            Command::New => {
                self.message = None;
                self.mode = Mode::Picker;
            }
            Command::QuickAdd => self.open_quick(),
            Command::NextReminder => return self.next_reminder(),
            Command::Toggle => return self.cycle_promise(),
            Command::Edit => return self.edit_selected(),
            Command::Delete => {
                if let Some(entry) = self.selected_entry() {
                    let fixed_by = self
                        .fixes_of(&entry.id)
                        .iter()
                        .map(|f| f.title.clone())
                        .collect();
                    self.question = Some(Question::Delete {
                        id: entry.id.clone(),
                        title: entry.title.clone(),
                        fixed_by,
                    });
                }
            }
            Command::Undo => return self.undo(),
            Command::PrevWeek => return self.go_to_week(self.week.prev()),
            Command::NextWeek => return self.go_to_week(self.week.next()),
            Command::ThisWeek => {
                return self.go_to_week(Week::containing(self.today, self.settings.week_start));
            }
            Command::Search => {
                self.search.get_or_insert_with(Search::default);
                self.filtering = false;
                self.mode = Mode::Search;
                self.selected = 0;
                self.rerun_search();
            }
            Command::Back if self.filtering => {
                self.filtering = false;
                self.search = None;
                self.selected = 0;
            }
            Command::Back => self.message = None,
            Command::Report | Command::Bullets | Command::Stats | Command::Help => {
                return self.open_view(command);
            }
            Command::Customers => self.open_customers(),
            _ => {}
        }
        Vec::new()
    }

    fn search_command(&mut self, command: Command) -> Vec<Effect> {
        let len = self.visible().len();
        match command {
            Command::MoveDown => self.selected = (self.selected + 1).min(len.saturating_sub(1)),
            Command::MoveUp => self.selected = self.selected.saturating_sub(1),
            Command::Accept => {
                self.filtering = self
                    .search
                    .as_ref()
                    .is_some_and(|s| !s.text().trim().is_empty());
                if !self.filtering {
                    self.search = None;
                }
                self.mode = Mode::Week;
            }
            Command::Back => {
                self.search = None;
                self.filtering = false;
                self.mode = Mode::Week;
                self.selected = 0;
            }
            _ => {}
        }
        Vec::new()
    }

    fn search_input(&mut self, key: KeyEvent) -> Vec<Effect> {
        if let Some(search) = &mut self.search
            && search.query.input(shell_editing(key))
        {
            self.selected = 0;
            self.rerun_search();
        }
        Vec::new()
    }

    fn rerun_search(&mut self) {
        let entries = self.journal.known();
        if let Some(search) = &mut self.search {
            search.run(entries, self.version);
        }
        let len = self.visible().len();
        self.selected = self.selected.min(len.saturating_sub(1));
    }

    fn go_to_week(&mut self, week: Week) -> Vec<Effect> {
        if week == self.week {
            return Vec::new();
        }
        self.week = week;
        self.stats = OnceCell::new();
        self.selected = 0;
        self.scroll = 0;
        // Show what is already in memory at once; the fresh read replaces it.
        if self.journal.show_week(week) {
            self.entries_changed();
        }
        vec![Effect::LoadWeek(week)]
    }

    fn week_loaded(&mut self, week: Week, loaded: Loaded) {
        if week != self.week {
            return;
        }
        let keep = self.selected_entry().map(|e| e.id.clone());
        let changed = self.journal.week_loaded(week, loaded);
        if changed {
            self.entries_changed();
        }
        let target = self.pending_select.take().or(keep);
        self.select_id(target.as_ref());
        if changed {
            self.rerun_search();
        }
    }

    fn journal_loaded(&mut self, loaded: Loaded) {
        self.entries_changed();
        self.journal.journal_loaded(self.week, loaded);
        self.rerun_search();
    }

    fn select_id(&mut self, id: Option<&EntryId>) {
        let len = self.visible().len();
        self.selected = match id.and_then(|id| self.visible().iter().position(|e| &e.id == id)) {
            Some(index) => index,
            None => self.selected.min(len.saturating_sub(1)),
        };
    }

    /// Adds a saved entry to what is in memory (see [`JournalCopy::merge`]).
    fn insert(&mut self, entry: Entry) {
        self.entries_changed();
        self.journal.merge(self.week, entry);
        self.rerun_search();
    }

    /// Lists `entry` when it falls in the shown week and is not listed yet.
    fn show_in_week(&mut self, entry: &Entry) {
        if self.journal.show_in_week(self.week, entry) {
            self.entries_changed();
        }
    }

    fn forget(&mut self, id: &EntryId) {
        self.entries_changed();
        self.journal.remove(id);
    }

    /// Selects `entry`, moving to its week first when it is elsewhere.
    fn select_or_visit(&mut self, entry: &Entry) -> Vec<Effect> {
        if self.filtering {
            self.filtering = false;
            self.search = None;
        }
        if self.week.contains(entry.date) {
            self.select_id(Some(&entry.id));
            return Vec::new();
        }
        self.pending_select = Some(entry.id.clone());
        let effects = self.go_to_week(Week::containing(entry.date, self.settings.week_start));
        // Before the journal is read the new week starts empty: the saved
        // entry shows at once, not only when the week's read lands.
        self.show_in_week(entry);
        self.select_id(Some(&entry.id));
        effects
    }

    fn deleted(&mut self, entry: Entry, trashed: Trashed) -> Vec<Effect> {
        let hint = if self.undoing {
            String::new()
        } else {
            self.undo_hint()
        };
        self.info(format!("Deleted \"{}\"{hint}", entry.title));
        self.forget(&entry.id);
        self.remember(Step::Deleted {
            id: entry.id,
            trashed,
        });
        self.rerun_search();
        let len = self.visible().len();
        self.selected = self.selected.min(len.saturating_sub(1));
        Vec::new()
    }

    fn info(&mut self, message: String) {
        self.message = Some((Level::Info, message));
    }
}

/// Text keys as in a shell: `Ctrl-U` clears to the start of the line (the
/// text input's own `Ctrl-U` is undo, which moves to `Alt-U`). What was
/// cleared can be put back with `Ctrl-Y`.
pub(crate) fn shell_editing(key: KeyEvent) -> KeyEvent {
    let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
    let alt = key.modifiers.contains(KeyModifiers::ALT);
    match key.code {
        KeyCode::Char('u' | 'U') if ctrl && !alt => {
            KeyEvent::new(KeyCode::Char('j'), KeyModifiers::CONTROL)
        }
        KeyCode::Char('u' | 'U') if alt && !ctrl => {
            KeyEvent::new(KeyCode::Char('u'), KeyModifiers::CONTROL)
        }
        _ => key,
    }
}

/// Keeps what the form holds, or no draft at all when it is as it was
/// opened (typed, then deleted again).
fn draft_effect(form: &Form) -> Effect {
    if form.is_changed() {
        Effect::SaveDraft(form.to_draft())
    } else {
        Effect::ClearDraft
    }
}

#[cfg(test)]
mod asking_tests;
#[cfg(test)]
pub(crate) mod tests;
