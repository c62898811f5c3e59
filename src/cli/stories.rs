//! `stories`: interview stories from the journal, as Markdown or stable JSON.

use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::customers::Range;
use super::{CliError, Context};
use crate::report::{Templates, stories, stories_json};

#[derive(Debug, Args)]
pub struct StoriesArgs {
    /// First day (default: the journal's first).
    #[arg(long)]
    pub since: Option<String>,
    /// Last day, inclusive (default: the journal's last).
    #[arg(long)]
    pub until: Option<String>,
    #[arg(long, value_enum, default_value = "md")]
    pub format: StoriesFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum StoriesFormat {
    Md,
    Text,
    Json,
}

pub fn run(context: &Context, args: StoriesArgs) -> Result<ExitCode, CliError> {
    let range = Range::parse(context, args.since.as_deref(), args.until.as_deref())?;
    let loaded = range.load(context)?;
    let currency = &context.config.currency;
    let stories = stories(&loaded.entries, range.until, currency);
    // The stories own what they show: the journal's entries (50 MB at 100k)
    // need not be held while they are rendered.
    drop(loaded);
    let json = stories_json(&stories);
    let text = match args.format {
        StoriesFormat::Json => {
            let mut text = serde_json::to_string_pretty(&json)
                .map_err(|e| CliError::Runtime(e.to_string()))?;
            text.push('\n');
            text
        }
        StoriesFormat::Md | StoriesFormat::Text => {
            let name = if args.format == StoriesFormat::Md {
                "stories.md"
            } else {
                "stories.txt"
            };
            Templates::for_config_dir(context.config.config_dir.as_deref())
                .render(name, &json, currency)
                .map_err(|e| CliError::Runtime(e.to_string()))?
        }
    };
    super::generate::write_stdout(text.as_bytes())
}
