//! `review`: the review-season document for a quarter, a half, a year or
//! any range, printed or written to a file.

use std::io::{self, Write};
use std::path::Path;
use std::process::ExitCode;

use clap::{ArgGroup, Args, ValueEnum};

use super::list::warn_problems;
use super::{CliError, Context};
use crate::report::{Author, Format, ReportError, Review, ReviewPeriod, Templates, review_window};
use crate::sanitize;

#[derive(Debug, Args)]
#[command(group(ArgGroup::new("period").args(["quarter", "half", "year", "since"])))]
pub struct ReviewArgs {
    /// A quarter: 2026-Q4.
    #[arg(long)]
    pub quarter: Option<String>,
    /// A half year: 2026-H2.
    #[arg(long)]
    pub half: Option<String>,
    /// A calendar year: 2026.
    #[arg(long)]
    pub year: Option<i32>,
    /// First day of a range (to --until, or to today without it).
    #[arg(long)]
    pub since: Option<String>,
    /// Last day of a range, inclusive (with --since).
    #[arg(long, requires = "since")]
    pub until: Option<String>,
    /// Default: from the extension of the -o file (.md, .txt, .html, .json), else md.
    #[arg(long, value_enum)]
    pub format: Option<ReviewFormat>,
    /// Write the review to FILE (atomically, mode 0600) instead of stdout.
    #[arg(short = 'o', long = "output", value_name = "FILE")]
    pub output: Option<std::path::PathBuf>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum ReviewFormat {
    Md,
    Text,
    Html,
    Json,
}

pub fn run(context: &Context, args: ReviewArgs) -> Result<ExitCode, CliError> {
    let period = period(context, &args)?;
    let format = match args.format.or_else(|| {
        let extension = args.output.as_deref()?.extension()?.to_str()?;
        match extension.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(ReviewFormat::Md),
            "txt" | "text" => Some(ReviewFormat::Text),
            "html" | "htm" => Some(ReviewFormat::Html),
            "json" => Some(ReviewFormat::Json),
            _ => None,
        }
    }) {
        None | Some(ReviewFormat::Md) => Format::Markdown,
        Some(ReviewFormat::Text) => Format::Text,
        Some(ReviewFormat::Html) => Format::Html,
        Some(ReviewFormat::Json) => Format::Json,
    };
    let (start, end) = review_window(&period);
    let loaded = context.journal.load_range(start, end)?;
    warn_problems(&loaded);
    let config = &context.config;
    let author = Author {
        name: config.name.clone(),
        role: config.role.clone(),
    };
    // The review owns what it shows and frees the entries (50 MB for 100k)
    // before it is rendered.
    let review = Review::build(period, loaded.entries, author, config.currency.clone());
    let templates = Templates::for_config_dir(config.config_dir.as_deref());
    emit(args.output.as_deref(), |out| {
        review.write(format, &templates, out)
    })
}

/// Writes a document as `write` makes it, to stdout or to `output` (`-`
/// is stdout; only nothing or a regular file is replaced, atomically):
/// never held whole, so a review of decades costs no more memory than its
/// data. A reader that went away (`| head`) is not an error.
pub(super) fn emit(
    output: Option<&Path>,
    mut write: impl FnMut(&mut dyn Write) -> Result<(), ReportError>,
) -> Result<ExitCode, CliError> {
    // A template's error passes through the writer as an I/O error; it is
    // kept here to be told as it is.
    let mut failed = None;
    let written = crate::output::write_from(output.unwrap_or(Path::new("-")), &mut |out| {
        write(out).map_err(|err| match err {
            ReportError::Write(err) => err,
            err => {
                let kept = io::Error::other(err.to_string());
                failed = Some(err);
                kept
            }
        })
    });
    match (failed, written) {
        (Some(err), _) => Err(CliError::Runtime(err.to_string())),
        (None, Err(err)) => Err(CliError::Runtime(err.to_string())),
        (None, Ok(())) => Ok(ExitCode::SUCCESS),
    }
}

/// The period asked for; the quarter holding today when none is.
fn period(context: &Context, args: &ReviewArgs) -> Result<ReviewPeriod, CliError> {
    if let Some(text) = &args.quarter {
        return ReviewPeriod::quarter(text).ok_or_else(|| {
            CliError::Usage(format!(
                "--quarter {}: expected a quarter such as 2026-Q4",
                sanitize::line(text)
            ))
        });
    }
    if let Some(text) = &args.half {
        return ReviewPeriod::half(text).ok_or_else(|| {
            CliError::Usage(format!(
                "--half {}: expected a half year such as 2026-H2",
                sanitize::line(text)
            ))
        });
    }
    if let Some(year) = args.year {
        return ReviewPeriod::year(year)
            .ok_or_else(|| CliError::Usage(format!("--year {year} is not a year from 1 to 9999")));
    }
    if let Some(since) = &args.since {
        let since = context.parse_date(since)?;
        return match &args.until {
            Some(until) => {
                let until = context.parse_date(until)?;
                ReviewPeriod::range(since, until).ok_or_else(|| {
                    CliError::Usage(format!("--until {until} is before --since {since}"))
                })
            }
            // "Since the first of October" means up to today, as for
            // `bullets`, `customers` and `stories`.
            None => ReviewPeriod::range(since, context.today).ok_or_else(|| {
                CliError::Usage(format!(
                    "--since {since} is after today ({}); give --until too",
                    context.today
                ))
            }),
        };
    }
    ReviewPeriod::quarter_of(context.today)
        .ok_or_else(|| CliError::Usage("today is outside the years 1 to 9999".into()))
}
