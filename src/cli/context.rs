use std::path::Path;

use chrono::NaiveDate;

use super::CliError;
use crate::config::Config;
use crate::model::Week;
use crate::store::Journal;

/// Pins "today" for scripts and tests (`YYYY-MM-DD`); the local date otherwise.
pub const TODAY_ENV: &str = "JOBJOURNAL_TODAY";

/// What every command needs: the settings, the journal, and today's date.
pub struct Context {
    pub config: Config,
    pub journal: Journal,
    pub today: NaiveDate,
}

impl Context {
    pub fn load(journal_flag: Option<&Path>) -> Result<Context, CliError> {
        let config = Config::load()?;
        let journal = Journal::new(config.journal_dir(journal_flag)?).with_git(config.git);
        if let Some(warning) = journal.exposure_warning() {
            eprintln!("warning: {warning}");
        }
        Ok(Context {
            config,
            journal,
            today: today()?,
        })
    }

    pub fn parse_week(&self, text: &str) -> Result<Week, CliError> {
        Week::parse(text, self.today, self.config.week_start).map_err(CliError::usage)
    }

    pub fn parse_date(&self, text: &str) -> Result<NaiveDate, CliError> {
        crate::model::parse_date(text, self.today)
            .and_then(|date| crate::model::within_calendar(date, text))
            .map_err(CliError::usage)
    }
}

fn today() -> Result<NaiveDate, CliError> {
    match std::env::var(TODAY_ENV) {
        // Strictly YYYY-MM-DD within the years every date keeps (no words).
        Ok(text) if !text.is_empty() => NaiveDate::parse_from_str(&text, "%Y-%m-%d")
            .ok()
            .filter(|d| text.len() == 10 && crate::model::in_calendar(*d))
            .ok_or_else(|| {
                CliError::Usage(format!(
                    "{TODAY_ENV}={} is not a date from 0001-01-01 to 9999-12-31 (YYYY-MM-DD)",
                    crate::sanitize::line(&text)
                ))
            }),
        _ => Ok(chrono::Local::now().date_naive()),
    }
}
