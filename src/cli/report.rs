//! `report`, `bullets` and `stats`: load the days each needs, build it with
//! `crate::report`, and print it or write it to a file.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::list::warn_problems;
use super::{CliError, Context};
use crate::report::{self, Author, Bullets, Format, Period, Stats, Templates, WeeklyReport};

#[derive(Debug, Args)]
pub struct ReportArgs {
    /// this, last, 2026-W47 or a date in the week.
    #[arg(long, default_value = "this")]
    pub week: String,
    /// Default: from the extension of the -o file (.md, .txt, .html, .json), else md.
    #[arg(long, value_enum)]
    pub format: Option<ReportFormat>,
    /// Write the report to FILE (atomically, mode 0600) instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReportFormat {
    Md,
    Text,
    Html,
    Json,
}

#[derive(Debug, Args)]
pub struct BulletsArgs {
    /// First day (default: twelve months before --until).
    #[arg(long, conflicts_with = "year")]
    pub since: Option<String>,
    /// Last day, inclusive (default: today).
    #[arg(long, conflicts_with = "year")]
    pub until: Option<String>,
    /// A calendar year, instead of --since/--until.
    #[arg(long)]
    pub year: Option<i32>,
    /// At most this many bullets, best first.
    #[arg(long)]
    pub limit: Option<usize>,
    #[arg(long, value_enum, default_value = "md")]
    pub format: BulletsFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum BulletsFormat {
    Md,
    Text,
    Json,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// How many weeks, ending with this one.
    #[arg(long, default_value_t = 12, value_parser = clap::value_parser!(u16).range(1..=520))]
    pub weeks: u16,
}

pub fn report(context: &Context, args: ReportArgs) -> Result<ExitCode, CliError> {
    let week = context.parse_week(&args.week)?;
    let loaded = report::load::weekly(&context.journal, week)?;
    warn_problems(&loaded);
    let config = &context.config;
    let author = Author {
        name: config.name.clone(),
        role: config.role.clone(),
    };
    let weekly = WeeklyReport::build(
        week,
        &loaded.entries,
        author,
        config.currency.clone(),
        context.today,
    );
    let format = match args
        .format
        .or_else(|| args.output.as_deref().and_then(format_of))
    {
        None | Some(ReportFormat::Md) => Format::Markdown,
        Some(ReportFormat::Text) => Format::Text,
        Some(ReportFormat::Html) => Format::Html,
        Some(ReportFormat::Json) => Format::Json,
    };
    let text = report::render::weekly(&weekly, format, &templates(context))
        .map_err(|e| CliError::Runtime(e.to_string()))?;
    match &args.output {
        Some(path) => write_file(path, &text),
        None => write_stdout(&text),
    }
}

pub fn bullets(context: &Context, args: BulletsArgs) -> Result<ExitCode, CliError> {
    let period = period(context, &args)?;
    let loaded = report::load::bullets(&context.journal, period)?;
    warn_problems(&loaded);
    let config = &context.config;
    let mut bullets = Bullets::build(&loaded.entries, period, config.week_start, &config.currency);
    if let Some(limit) = args.limit {
        bullets = bullets.limit(limit);
    }
    let format = match args.format {
        BulletsFormat::Md => Format::Markdown,
        BulletsFormat::Text => Format::Text,
        BulletsFormat::Json => Format::Json,
    };
    if bullets.bullets.is_empty() && format != Format::Json {
        // An empty list is the right output, but say why on stderr.
        eprintln!(
            "jobjournal: nothing to make a bullet of from {} to {}",
            period.since, period.until
        );
    }
    let text = report::render::bullets(&bullets, format, &templates(context), &config.currency)
        .map_err(|e| CliError::Runtime(e.to_string()))?;
    write_stdout(&text)
}

pub fn stats(context: &Context, args: StatsArgs) -> Result<ExitCode, CliError> {
    let this_week = context.parse_week("this")?;
    let count = usize::from(args.weeks);
    let loaded = report::load::stats(&context.journal, this_week, count)?;
    warn_problems(&loaded);
    let stats = Stats::build(this_week, count, &loaded.entries);
    write_stdout(&stats.table(&context.config.currency))
}

/// `--year`, or `--since`/`--until` with the twelve months before `--until`
/// (today by default) filling in what is missing.
fn period(context: &Context, args: &BulletsArgs) -> Result<Period, CliError> {
    if let Some(year) = args.year {
        return Period::year(year)
            .ok_or_else(|| CliError::Usage(format!("--year {year} is not a year from 1 to 9999")));
    }
    let until = match &args.until {
        Some(text) => context.parse_date(text)?,
        None => context.today,
    };
    let since = match &args.since {
        Some(text) => context.parse_date(text)?,
        None => Period::last_12_months(until).since,
    };
    if until < since {
        return Err(CliError::Usage(format!(
            "--until {until} is before --since {since}"
        )));
    }
    Ok(Period { since, until })
}

/// `week.html` → html: `report -o week.html` should not write Markdown
/// into a file a browser will open.
fn format_of(path: &Path) -> Option<ReportFormat> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "md" | "markdown" => Some(ReportFormat::Md),
        "txt" | "text" => Some(ReportFormat::Text),
        "html" | "htm" => Some(ReportFormat::Html),
        "json" => Some(ReportFormat::Json),
        _ => None,
    }
}

fn templates(context: &Context) -> Templates {
    Templates::for_config_dir(context.config.config_dir.as_deref())
}

fn write_file(path: &Path, text: &str) -> Result<ExitCode, CliError> {
    crate::output::write(path, text.as_bytes())
        .map_err(|err| CliError::Runtime(err.to_string()))?;
    Ok(ExitCode::SUCCESS)
}

/// Prints `text`; a reader that went away (`| head`) is not an error.
fn write_stdout(text: &str) -> Result<ExitCode, CliError> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(err) if err.kind() != io::ErrorKind::BrokenPipe => {
            Err(CliError::Runtime(format!("cannot write to stdout: {err}")))
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}
