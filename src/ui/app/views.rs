//! The read-only screens: report, bullets, stats and help.

use super::{App, Mode};
use crate::ui::action::{Command, Effect};
use crate::ui::reports;

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
            Command::MoveDown => self.scroll = self.scroll.saturating_add(1),
            Command::MoveUp => self.scroll = self.scroll.saturating_sub(1),
            Command::PageDown => self.scroll = self.scroll.saturating_add(10),
            Command::PageUp => self.scroll = self.scroll.saturating_sub(10),
            Command::PrevWeek if self.mode != Mode::Help => {
                return self.go_to_week(self.week.prev());
            }
            Command::NextWeek if self.mode != Mode::Help => {
                return self.go_to_week(self.week.next());
            }
            Command::ThisWeek if self.mode != Mode::Help => {
                let this = crate::model::Week::containing(self.today, self.settings.week_start);
                return self.go_to_week(this);
            }
            Command::Export => return self.export(),
            Command::Report | Command::Bullets | Command::Stats | Command::Help => {
                return self.open_view(command);
            }
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

    fn export(&mut self) -> Vec<Effect> {
        match self.mode {
            Mode::Report => vec![Effect::Export {
                file_name: format!("report-{}.md", self.week.label()),
                text: self.report_markdown(),
            }],
            Mode::Bullets => vec![Effect::Export {
                file_name: format!("bullets-{}.md", self.today.format("%Y-%m-%d")),
                text: self.bullets_markdown(),
            }],
            _ => {
                self.info("Only the report and the bullets export".into());
                Vec::new()
            }
        }
    }

    /// The shown week's report as Markdown.
    pub fn report_markdown(&self) -> String {
        reports::weekly(self.known(), self.week, &self.settings)
    }

    /// Resume bullets for the 12 months up to today, as Markdown.
    pub fn bullets_markdown(&self) -> String {
        reports::bullets(self.known(), self.today, &self.settings)
    }
}
