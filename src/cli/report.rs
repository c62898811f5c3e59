//! `report`, `bullets` and `stats`: load the days each needs, build it with
//! `crate::report`, and print it or write it to a file.

use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, ValueEnum};

use super::list::warn_problems;
use super::{CliError, Context};
use crate::report::{self, Author, Bullets, Format, Period, Stats, Templates};
use crate::sanitize;

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
    /// A JSON Resume fragment: `{"work":[{"name","position","highlights"}]}`.
    Jsonresume,
}

#[derive(Debug, Args)]
pub struct StatsArgs {
    /// How many weeks, ending with this one.
    #[arg(long, default_value_t = 12, value_parser = clap::value_parser!(u16).range(1..=520))]
    pub weeks: u16,
}

pub fn report(context: &Context, args: ReportArgs) -> Result<ExitCode, CliError> {
    // Settled before reading anything, so a bad -o changes and costs nothing.
    let format = report_format(args.format, args.output.as_deref())?;
    let week = context.parse_week(&args.week)?;
    let loaded = report::load::weekly(&context.journal, week)?;
    warn_problems(&loaded);
    let config = &context.config;
    let setup = report::render::Setup {
        author: Author {
            name: config.name.clone(),
            role: config.role.clone(),
        },
        currency: config.currency.clone(),
        templates: templates(context),
    };
    let text = report::render::week(week, &loaded.entries, context.today, &setup, format)
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
    let mut bullets = Bullets::build(&loaded.entries, period, &config.currency);
    if let Some(limit) = args.limit {
        bullets = bullets.limit(limit);
    }
    let format = match args.format {
        BulletsFormat::Md => Format::Markdown,
        BulletsFormat::Text => Format::Text,
        BulletsFormat::Json | BulletsFormat::Jsonresume => Format::Json,
    };
    if args.format == BulletsFormat::Jsonresume {
        // `name` is the employer (config `employer`), `position` the config `role`.
        let fragment = bullets.to_jsonresume(&config.employer, &config.role);
        let text = serde_json::to_string_pretty(&fragment)
            .map_err(|e| CliError::Runtime(e.to_string()))?;
        return write_stdout(&format!("{text}\n"));
    }
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

/// The format `--format` names, else the one the `-o` file's extension
/// names, else Markdown. A file whose extension is no report format
/// (`r.pdf`), or names another format than `--format`, is refused: the
/// report would not be what the file's name says.
fn report_format(flag: Option<ReportFormat>, output: Option<&Path>) -> Result<Format, CliError> {
    const FORMATS: &str = "md, text, html or json (files: .md, .txt, .html, .json)";
    let from_extension = match output.and_then(|p| p.extension()) {
        None => None,
        Some(extension) => {
            let extension = extension.to_string_lossy().to_ascii_lowercase();
            let format = match extension.as_str() {
                "md" | "markdown" => ReportFormat::Md,
                "txt" | "text" => ReportFormat::Text,
                "html" | "htm" => ReportFormat::Html,
                "json" => ReportFormat::Json,
                _ => {
                    return Err(CliError::Usage(format!(
                        "a report cannot be written as .{}: the formats are {FORMATS}",
                        sanitize::line(&extension)
                    )));
                }
            };
            Some(format)
        }
    };
    let chosen = match (flag, from_extension) {
        (Some(flag), Some(ext)) if flag != ext => {
            return Err(CliError::Usage(format!(
                "--format {} does not match the file name {}: the formats are {FORMATS}",
                flag.name(),
                sanitize::line(&output.map(|p| p.display().to_string()).unwrap_or_default())
            )));
        }
        (Some(format), _) | (None, Some(format)) => format,
        (None, None) => ReportFormat::Md,
    };
    Ok(match chosen {
        ReportFormat::Md => Format::Markdown,
        ReportFormat::Text => Format::Text,
        ReportFormat::Html => Format::Html,
        ReportFormat::Json => Format::Json,
    })
}

impl ReportFormat {
    fn name(self) -> &'static str {
        match self {
            ReportFormat::Md => "md",
            ReportFormat::Text => "text",
            ReportFormat::Html => "html",
            ReportFormat::Json => "json",
        }
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
