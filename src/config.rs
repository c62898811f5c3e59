//! The user's settings (`config.toml`) and where things live on disk.
//!
//! The journal dir is chosen by, first match wins: `--journal DIR`,
//! `JOBJOURNAL_DIR`, `journal_dir` in the config, the platform data dir.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

use directories::ProjectDirs;
use serde::Deserialize;
use thiserror::Error;

use crate::model::{Currency, WeekStart};
use crate::store::Problem;

pub const JOURNAL_ENV: &str = "JOBJOURNAL_DIR";
pub const CONFIG_ENV: &str = "JOBJOURNAL_CONFIG";
/// Overrides where drafts are kept (the platform state dir otherwise).
pub const STATE_ENV: &str = "JOBJOURNAL_STATE_DIR";

#[derive(Debug, Error)]
pub enum ConfigError {
    #[error("{0}")]
    Parse(Problem),
    #[error("cannot read config {}: {source}", crate::sanitize::line(&path.display().to_string()))]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("no home directory found; set {JOURNAL_ENV} to choose where the journal lives")]
    NoHome,
}

/// `config.toml` as written by the user; every key optional.
#[derive(Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
struct ConfigFile {
    name: Option<String>,
    role: Option<String>,
    employer: Option<String>,
    currency: Option<String>,
    week_start: Option<String>,
    export_dir: Option<PathBuf>,
    journal_dir: Option<PathBuf>,
    #[serde(default)]
    git: bool,
    #[serde(default)]
    keys: BTreeMap<String, toml::Value>,
}

/// Settings in force, with defaults filled in.
#[derive(Debug, Clone, Default)]
pub struct Config {
    pub name: String,
    pub role: String,
    /// Who the user works for: the `name` of `bullets --format jsonresume`.
    pub employer: String,
    pub currency: Currency,
    pub week_start: WeekStart,
    /// Where exported reports go; the current directory when unset.
    pub export_dir: Option<PathBuf>,
    pub journal_dir: Option<PathBuf>,
    pub git: bool,
    /// `[keys]` overrides, read by the TUI's keymap.
    pub keys: BTreeMap<String, toml::Value>,
    /// The config file's directory (for user templates).
    pub config_dir: Option<PathBuf>,
}

impl Config {
    /// Reads the config file named by `JOBJOURNAL_CONFIG` or the platform's;
    /// a missing file means defaults.
    pub fn load() -> Result<Config, ConfigError> {
        let path = config_path()?;
        Config::load_from(&path)
    }

    pub fn load_from(path: &Path) -> Result<Config, ConfigError> {
        let text = match std::fs::read_to_string(path) {
            Ok(text) => text,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => String::new(),
            Err(source) => {
                return Err(ConfigError::Read {
                    path: path.to_path_buf(),
                    source,
                });
            }
        };
        let mut config = Config::parse(path, &text)?;
        config.config_dir = path.parent().map(Path::to_path_buf);
        Ok(config)
    }

    /// Parses config text; errors point at `path:line:col`.
    pub fn parse(path: &Path, text: &str) -> Result<Config, ConfigError> {
        let at = |offset: usize, message: String| {
            ConfigError::Parse(Problem::at(path, text, offset, message))
        };
        let file: ConfigFile = toml::from_str(text).map_err(|err| {
            let offset = err.span().map_or(0, |s| s.start);
            at(offset, err.message().trim_end().to_string())
        })?;
        let locate = |key: &str| {
            text.find(&format!("{key} "))
                .or_else(|| text.find(key))
                .unwrap_or(0)
        };
        let currency = match &file.currency {
            Some(code) => Currency::new(code).map_err(|e| at(locate("currency"), e.to_string()))?,
            None => Currency::default(),
        };
        let week_start = match &file.week_start {
            Some(text) => {
                WeekStart::parse(text).map_err(|e| at(locate("week_start"), e.to_string()))?
            }
            None => WeekStart::Monday,
        };
        Ok(Config {
            name: file.name.unwrap_or_default(),
            role: file.role.unwrap_or_default(),
            employer: file.employer.unwrap_or_default(),
            currency,
            week_start,
            export_dir: file.export_dir.map(expand_home),
            journal_dir: file.journal_dir.map(expand_home),
            git: file.git,
            keys: file.keys,
            config_dir: None,
        })
    }

    /// The journal dir by precedence: flag, env, config, platform data dir.
    pub fn journal_dir(&self, flag: Option<&Path>) -> Result<PathBuf, ConfigError> {
        if let Some(dir) = flag {
            return Ok(dir.to_path_buf());
        }
        if let Some(dir) = std::env::var_os(JOURNAL_ENV).filter(|v| !v.is_empty()) {
            return Ok(PathBuf::from(dir));
        }
        if let Some(dir) = &self.journal_dir {
            return Ok(dir.clone());
        }
        Ok(project_dirs()?.data_dir().join("journal"))
    }

    /// Where exports go: `export_dir`, else the current directory.
    pub fn export_dir(&self) -> PathBuf {
        self.export_dir
            .clone()
            .unwrap_or_else(|| PathBuf::from("."))
    }
}

fn project_dirs() -> Result<ProjectDirs, ConfigError> {
    ProjectDirs::from("", "", "jobjournal").ok_or(ConfigError::NoHome)
}

/// `JOBJOURNAL_CONFIG`, else `<platform config dir>/config.toml`.
pub fn config_path() -> Result<PathBuf, ConfigError> {
    if let Some(path) = std::env::var_os(CONFIG_ENV).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(path));
    }
    Ok(project_dirs()?.config_dir().join("config.toml"))
}

/// Where drafts of unsaved forms are kept.
pub fn state_dir() -> Result<PathBuf, ConfigError> {
    if let Some(dir) = std::env::var_os(STATE_ENV).filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(dir));
    }
    let dirs = project_dirs()?;
    Ok(dirs
        .state_dir()
        .unwrap_or_else(|| dirs.data_local_dir())
        .to_path_buf())
}

fn expand_home(path: PathBuf) -> PathBuf {
    match (path.strip_prefix("~"), directories::BaseDirs::new()) {
        (Ok(rest), Some(base)) => base.home_dir().join(rest),
        _ => path,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Result<Config, ConfigError> {
        Config::parse(Path::new("config.toml"), text)
    }

    #[test]
    fn defaults_and_values() {
        let config = parse("").unwrap();
        assert_eq!(config.currency.code(), "USD");
        assert_eq!(config.week_start, WeekStart::Monday);
        let config = parse("name = \"Ada\"\nrole = \"Account manager\"\ncurrency = \"eur\"\nweek_start = \"sunday\"\ngit = true\n[keys]\nquit = \"Q\"\n").unwrap();
        assert_eq!(config.name, "Ada");
        assert_eq!(config.currency.code(), "EUR");
        assert_eq!(config.week_start, WeekStart::Sunday);
        assert!(config.git);
        assert!(config.keys.contains_key("quit"));
    }

    #[test]
    fn mistakes_point_at_the_line() {
        let err = parse("name = \"Ada\"\ncurency = \"EUR\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("config.toml:2:1: "), "{err}");
        assert!(err.contains("curency"), "{err}");
        let err = parse("name = \"Ada\"\nweek_start = \"friday\"\n")
            .unwrap_err()
            .to_string();
        assert!(err.starts_with("config.toml:2:"), "{err}");
        let err = parse("name = \"Ada").unwrap_err().to_string();
        assert!(err.starts_with("config.toml:1:"), "{err}");
    }
}
