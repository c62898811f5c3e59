//! The read-only screens: report, bullets, stats, customers and help.

use std::collections::HashSet;

use super::{App, Level, Mode, TextKey};
use crate::model::EntryId;
use crate::report::render::{Renditions, Setup};
use crate::report::{Author, Bullets, Period, WeeklyReport};
use crate::ui::action::{Command, Effect, TextOrder};
use crate::ui::keymap::Screen;
use crate::ui::search::Search;
use crate::ui::views::text::Part;

impl App {
    pub(super) fn open_view(&mut self, command: Command) -> Vec<Effect> {
        let mode = match command {
            Command::Report => Mode::Report,
            Command::Bullets => Mode::Bullets,
            Command::Stats => Mode::Stats,
            Command::Help => {
                if self.mode != Mode::Help {
                    self.help_return = self.mode;
                }
                Mode::Help
            }
            _ => return Vec::new(),
        };
        if mode != self.mode {
            self.scroll = 0;
        }
        self.mode = mode;
        Vec::new()
    }

    pub(super) fn view_command(&mut self, command: Command) -> Vec<Effect> {
        match command {
            Command::MoveDown => self.scroll = self.scroll.saturating_add(1).min(self.max_scroll()),
            Command::MoveUp => self.scroll = self.scroll.saturating_sub(1),
            Command::PageDown => {
                self.scroll = self.scroll.saturating_add(10).min(self.max_scroll())
            }
            Command::PageUp => self.scroll = self.scroll.saturating_sub(10),
            Command::First => self.scroll = 0,
            Command::Last => self.scroll = self.max_scroll(),
            Command::PrevWeek if self.changes_week() => {
                return self.go_to_week(self.week.prev());
            }
            Command::NextWeek if self.changes_week() => {
                return self.go_to_week(self.week.next());
            }
            Command::ThisWeek if self.changes_week() => {
                let this = crate::model::Week::containing(self.today, self.settings.week_start);
                return self.go_to_week(this);
            }
            Command::Export => return self.export(),
            Command::Report | Command::Bullets | Command::Stats | Command::Help => {
                return self.open_view(command);
            }
            Command::Customers => self.open_customers(),
            Command::Back => {
                self.mode = if self.mode == Mode::Help {
                    self.help_return
                } else {
                    Mode::Week
                };
                self.scroll = 0;
            }
            _ => {}
        }
        Vec::new()
    }

    pub(super) fn open_customers(&mut self) {
        if self.mode != Mode::Customers {
            self.customer_selected = 0;
        }
        self.mode = Mode::Customers;
    }

    /// The customers view moves a selection, not a scroll, and Enter lists
    /// the selected customer's entries through the search filter, so Esc
    /// on the list clears it as it clears any search.
    pub(super) fn customers_command(&mut self, command: Command) -> Vec<Effect> {
        let last = self.customer_lines().len().saturating_sub(1);
        let at = self.customer_selected;
        match command {
            Command::MoveDown => self.customer_selected = (at + 1).min(last),
            Command::MoveUp => self.customer_selected = at.saturating_sub(1),
            Command::PageDown => self.customer_selected = (at + 10).min(last),
            Command::PageUp => self.customer_selected = at.saturating_sub(10),
            Command::First => self.customer_selected = 0,
            Command::Last => self.customer_selected = last,
            Command::Open => {
                let Some(line) = self.customer_lines().get(at) else {
                    return Vec::new();
                };
                self.search = Some(Search::for_customer(&line.name));
                self.filtering = true;
                self.mode = Mode::Week;
                self.selected = 0;
                self.rerun_search();
            }
            Command::Report | Command::Bullets | Command::Stats | Command::Help => {
                return self.open_view(command);
            }
            Command::Back => self.mode = Mode::Week,
            _ => {}
        }
        Vec::new()
    }

    /// The report and the stats are of a week; the bullets cover the last
    /// 12 months whatever the week, and the help has none.
    fn changes_week(&self) -> bool {
        matches!(self.mode, Mode::Report | Mode::Stats)
    }

    fn export(&mut self) -> Vec<Effect> {
        let file_name = match self.mode {
            Mode::Report => format!("report-{}.md", self.week.label()),
            Mode::Bullets => format!("bullets-{}.md", self.today.format("%Y-%m-%d")),
            _ => {
                self.info("Only the report and the bullets export".into());
                return Vec::new();
            }
        };
        match self.rendered_now() {
            // The file's text: the screen's leaves out what it draws itself.
            Some(Ok(text)) => vec![Effect::Export {
                file_name,
                text: text.file.clone(),
                overwrite: false,
            }],
            Some(Err(err)) => {
                self.message = Some((Level::Error, format!("Nothing to export: {err}")));
                Vec::new()
            }
            None => {
                self.info("Still rendering; try again".into());
                Vec::new()
            }
        }
    }

    /// How far a screen scrolls: until its last line is at the bottom of
    /// the screen. The report and bullets count lines as their screen
    /// wraps them, so the end is exactly where the screen stops.
    pub(super) fn max_scroll(&self) -> u16 {
        let lines = match self.mode {
            Mode::Help => {
                Screen::ALL
                    .iter()
                    .map(|s| self.keymap.bindings(*s).count() + 2)
                    .sum::<usize>()
                    + crate::ui::guide::line_count()
                    + 1
            }
            Mode::Report | Mode::Bullets => return crate::ui::views::report::max_scroll(self),
            _ => 0,
        };
        // The header (2), the footer (1) and the view's border (2).
        let shown = usize::from(self.size.1.saturating_sub(5)).max(1);
        u16::try_from(lines.saturating_sub(shown)).unwrap_or(u16::MAX)
    }

    /// What the report or bullets screen needs rendered, unless it is
    /// already: the entries `report::load` would read for it, from those
    /// the app holds.
    pub(crate) fn text_order(&self) -> Option<TextOrder> {
        let key = self.text_key()?;
        if self.rendered.as_ref().is_some_and(|(k, _)| *k == key) {
            return None;
        }
        let known = self.known();
        let entries = match key.mode {
            Mode::Report => {
                let week = key.week;
                let (start, end) = WeeklyReport::window(week);
                // The same rule the loader applies to outlines, read from
                // the entries held: no outline is made on a key's path.
                let still_open = WeeklyReport::needs_from_before(week, known);
                // A fix of the week shows the title of the screw-up it names.
                let named: HashSet<&EntryId> = known
                    .iter()
                    .filter(|e| week.contains(e.date))
                    .flat_map(|e| &e.fixes)
                    .collect();
                let mut entries: Vec<_> = known
                    .iter()
                    .filter(|e| {
                        (start..=end).contains(&e.date)
                            || still_open.contains(&e.id)
                            || named.contains(&e.id)
                    })
                    .cloned()
                    .collect();
                // By date, as the loader gives them: an entry saved in this
                // session sits at the end of `known`, and a screw-up's fixes
                // are listed in the order given.
                entries.sort_by_key(|e| e.date);
                entries
            }
            _ => {
                let (start, end) = Bullets::window(Period::last_12_months(self.today));
                known
                    .iter()
                    .filter(|e| (start..=end).contains(&e.date))
                    .cloned()
                    .collect()
            }
        };
        let settings = &self.settings;
        Some(TextOrder {
            key,
            entries,
            today: self.today,
            setup: Setup {
                author: Author {
                    name: settings.name.clone(),
                    role: settings.role.clone(),
                },
                currency: settings.currency.clone(),
                templates: settings.templates.clone(),
            },
        })
    }

    /// Asks for the shown report or bullets once whenever it is missing or
    /// stale (another week, or entries changed): called after every
    /// action, so no draw ever renders.
    pub(super) fn ask_for_text(&mut self, effects: &mut Vec<Effect>) {
        let key = self.text_key();
        if key.is_none() || key == self.text_asked {
            return;
        }
        if let Some(order) = self.text_order() {
            self.text_asked = Some(order.key);
            effects.push(Effect::Render(Box::new(order)));
        }
    }

    /// Keeps rendered text while it is still what the screen needs.
    pub(super) fn text_rendered(&mut self, key: TextKey, text: Result<Renditions, String>) {
        if self.text_key() == Some(key) {
            self.rendered = Some((key, text));
            self.lay_out_text();
            // A shorter text (an entry gone) ends higher up: no dead keys.
            self.scroll = self.scroll.min(self.max_scroll());
        }
    }

    /// Lays the rendered screen text out for the terminal's width: once per
    /// text and size, here in `update`, so the view stays a plain reading
    /// of the app.
    pub(super) fn lay_out_text(&mut self) {
        self.laid_out = match &self.rendered {
            Some((_, Ok(text))) => {
                let width = crate::ui::views::report::text_width(self);
                Some((
                    width,
                    crate::ui::views::report::lay_out(&text.screen, width),
                ))
            }
            _ => None,
        };
    }

    /// The shown text as laid out `width` cells wide, when it is up to date
    /// and was laid out at that width.
    pub(crate) fn laid_out(&self, width: u16) -> Option<&[Part]> {
        self.view_text()?.ok()?;
        self.laid_out
            .as_ref()
            .filter(|(w, _)| *w == width)
            .map(|(_, parts)| parts.as_slice())
    }

    /// The text the report or bullets screen shows, or why there is none,
    /// when it is up to date.
    pub fn view_text(&self) -> Option<Result<&str, &str>> {
        self.rendered_now().map(|text| match text {
            Ok(text) => Ok(text.screen.as_str()),
            Err(err) => Err(err.as_str()),
        })
    }

    /// The rendering of the screen shown, when it is up to date.
    fn rendered_now(&self) -> Option<&Result<Renditions, String>> {
        let key = self.text_key()?;
        self.rendered
            .as_ref()
            .filter(|(k, _)| *k == key)
            .map(|(_, text)| text)
    }

    fn text_key(&self) -> Option<TextKey> {
        matches!(self.mode, Mode::Report | Mode::Bullets).then_some(TextKey {
            mode: self.mode,
            week: self.week,
            version: self.version,
        })
    }
}
