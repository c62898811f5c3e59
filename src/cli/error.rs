use std::process::ExitCode;

use thiserror::Error;

use crate::config::ConfigError;
use crate::model::ModelError;
use crate::store::StoreError;

/// A failed command: `Usage` for bad arguments (exit 2), `Runtime` for
/// everything the journal itself refused or could not do (exit 1).
#[derive(Debug, Error)]
pub enum CliError {
    #[error("{0}")]
    Usage(String),
    #[error("{0}")]
    Runtime(String),
}

impl CliError {
    pub fn exit_code(&self) -> ExitCode {
        match self {
            CliError::Usage(_) => ExitCode::from(2),
            CliError::Runtime(_) => ExitCode::from(1),
        }
    }

    /// Arguments the user typed that do not make sense.
    pub fn usage(err: impl std::fmt::Display) -> CliError {
        CliError::Usage(err.to_string())
    }
}

impl From<StoreError> for CliError {
    fn from(err: StoreError) -> CliError {
        match err {
            // The user must say which entry: a usage error.
            StoreError::AmbiguousId { .. } => CliError::Usage(err.to_string()),
            _ => CliError::Runtime(err.to_string()),
        }
    }
}

impl From<ConfigError> for CliError {
    fn from(err: ConfigError) -> CliError {
        CliError::Runtime(format!("config: {err}"))
    }
}

impl From<ModelError> for CliError {
    fn from(err: ModelError) -> CliError {
        CliError::Usage(err.to_string())
    }
}
