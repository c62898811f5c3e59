//! `stories`: interview stories from the journal, as Markdown or stable JSON.

use std::process::ExitCode;
use std::sync::Arc;

use clap::{Args, ValueEnum};

use super::customers::Range;
use super::review::emit;
use super::{CliError, Context};
use crate::report::{Format, Templates, in_stories, stories, write_stories};

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
    let mut loaded = range.load(context)?;
    // Only screw-ups, fixes and exceeded entries make stories: the rest is
    // freed first (with the vector's unused tail), and the stories are built
    // in what it leaves.
    loaded.entries.retain(in_stories);
    loaded.entries.shrink_to_fit();
    let currency = &context.config.currency;
    let stories = Arc::new(stories(&loaded.entries, range.until, currency));
    // The stories own what they show: the journal's entries (50 MB at 100k)
    // need not be held while they are rendered.
    drop(loaded);
    let format = match args.format {
        StoriesFormat::Md => Format::Markdown,
        StoriesFormat::Text => Format::Text,
        StoriesFormat::Json => Format::Json,
    };
    let templates = Templates::for_config_dir(context.config.config_dir.as_deref());
    emit(None, |out| {
        write_stories(Arc::clone(&stories), format, &templates, currency, out)
    })
}
