//! `list` and `show`: reading entries back, as text or stable JSON.

use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};

use super::add::{parse_id_or_short, parse_kind};
use super::{CliError, Context, print};
use crate::model::search::Query;
use crate::model::{Entry, Kind, PromiseStatus};
use crate::store::{Loaded, Scan};

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum Format {
    Text,
    Json,
    /// RFC 4180, one row per entry (see `csv_export`).
    Csv,
}

#[derive(Debug, Args)]
pub struct ListArgs {
    /// this, last, 2026-W47 or a date in the week (default: this).
    #[arg(long, conflicts_with_all = ["since", "until"])]
    pub week: Option<String>,
    /// First day (YYYY-MM-DD, today, yesterday, a weekday name).
    #[arg(long)]
    pub since: Option<String>,
    /// Last day, inclusive.
    #[arg(long)]
    pub until: Option<String>,
    /// Only this kind; repeat for more.
    #[arg(long = "kind", value_parser = parse_kind)]
    pub kinds: Vec<Kind>,
    /// Only entries with this tag.
    #[arg(long)]
    pub tag: Option<String>,
    /// Only entries whose customer contains this (case-insensitive): `acme` finds "Acme Corp".
    #[arg(long)]
    pub customer: Option<String>,
    /// Only entries where every word appears, in any order and case, in the
    /// title, customer, tags, details, expected, delivered, bullet or adopted-by;
    /// best match first (title and customer, then whole words), then newest.
    #[arg(long)]
    pub search: Option<String>,
    /// Open promises overdue or due within --within days, oldest due first.
    #[arg(long, conflicts_with_all = ["week", "since", "until"])]
    pub due: bool,
    /// With --due: how many days ahead to look (default 7).
    #[arg(long, requires = "due", value_name = "DAYS")]
    pub within: Option<u32>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

#[derive(Debug, Args)]
pub struct ShowArgs {
    /// The entry's id, or the four characters after the date when unique.
    #[arg(value_parser = parse_id_or_short)]
    pub id: String,
    #[arg(long, value_enum, default_value = "text")]
    pub format: Format,
}

pub fn run(context: &Context, args: ListArgs) -> Result<ExitCode, CliError> {
    let filter = Filter::new(&args);
    let (range, mut loaded) = if args.due {
        load_due(context, &args, &filter)?
    } else {
        load(context, &args, &filter)?
    };
    warn_problems(&loaded);
    // A search lists best match first, as the TUI's `/` does; `--due`
    // keeps its oldest-due-first order.
    let ranked = !filter.query.is_empty() && !args.due;
    if ranked {
        loaded.entries = filter.query.rank(std::mem::take(&mut loaded.entries));
    }
    let entries = &loaded.entries;
    match args.format {
        Format::Json => print_json(entries)?,
        Format::Text => print_text(context, &range, entries, ranked),
        Format::Csv => super::csv_export::print(entries)?,
    }
    Ok(ExitCode::SUCCESS)
}

/// The entries as one pretty JSON array, each entry's JSON made as it is
/// written: building them all first took 320 MB for the 100k entries of a
/// whole-journal export.
fn print_json(entries: &[Entry]) -> Result<(), CliError> {
    use serde::Serializer;
    use std::io::Write;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut json = serde_json::Serializer::pretty(&mut out);
    json.collect_seq(entries.iter().map(Entry::to_json))
        .map_err(std::io::Error::from)
        .and_then(|()| writeln!(out))
        .and_then(|()| out.flush())
        .or_else(|err| match err.kind() {
            // The reader has gone (`| head`): nothing more to say.
            std::io::ErrorKind::BrokenPipe => Ok(()),
            _ => Err(CliError::Runtime(format!("cannot write to stdout: {err}"))),
        })
}

/// What was asked for, for the heading and the empty message.
enum Range {
    Week(crate::model::Week),
    Days(Option<NaiveDate>, Option<NaiveDate>),
    /// Open promises due on or before this day.
    DueBy(NaiveDate),
}

/// Open promises of the whole journal due by today + `--within` days
/// (overdue ones included), oldest due first.
fn load_due(
    context: &Context,
    args: &ListArgs,
    filter: &Filter,
) -> Result<(Range, Loaded), CliError> {
    let days = args.within.unwrap_or(7);
    let by = context
        .today
        .checked_add_days(chrono::Days::new(u64::from(days)))
        .ok_or_else(|| CliError::Usage(format!("--within {days} goes past the last date")))?;
    let due_by = |entry: &Entry| {
        entry.promise_status() == Some(PromiseStatus::Open) && entry.due.is_some_and(|d| d <= by)
    };
    let mut loaded = context.journal.scan(&Scan {
        keep: &|entry| due_by(entry) && filter.matches(entry),
        needle: filter.search.clone(),
    })?;
    loaded.entries.sort_by_key(|e| (e.due, e.date));
    Ok((Range::DueBy(by), loaded))
}

/// The entries asked for, filtered.
fn load(context: &Context, args: &ListArgs, filter: &Filter) -> Result<(Range, Loaded), CliError> {
    let journal = &context.journal;
    if args.since.is_some() || args.until.is_some() {
        let since = args
            .since
            .as_deref()
            .map(|d| context.parse_date(d))
            .transpose()?;
        let until = args
            .until
            .as_deref()
            .map(|d| context.parse_date(d))
            .transpose()?;
        if let (Some(s), Some(u)) = (since, until)
            && u < s
        {
            return Err(CliError::Usage(format!(
                "--until {u} is before --since {s}"
            )));
        }
        let mut loaded = journal.load_range(
            since.unwrap_or(NaiveDate::MIN),
            until.unwrap_or(NaiveDate::MAX),
        )?;
        loaded.entries.retain(|e| filter.matches(e));
        return Ok((Range::Days(since, until), loaded));
    }
    if args.week.is_none() && args.search.is_some() {
        // Only matches are kept in memory while the whole journal streams by.
        return Ok((
            Range::Days(None, None),
            journal.scan(&Scan {
                keep: &|entry| filter.matches(entry),
                needle: filter.search.clone(),
            })?,
        ));
    }
    let week = context.parse_week(args.week.as_deref().unwrap_or("this"))?;
    let mut loaded = journal.load_days(week.days())?;
    loaded.entries.retain(|e| filter.matches(e));
    Ok((Range::Week(week), loaded))
}

/// The filters of `list`, with the texts compared case-insensitively
/// lower-cased once rather than for every entry.
struct Filter<'a> {
    args: &'a ListArgs,
    customer: Option<String>,
    /// `--search`: every word must appear.
    query: Query,
    /// The longest word: a file that lacks it holds no match, so the
    /// store can skip it unread.
    search: Option<String>,
}

impl Filter<'_> {
    fn new(args: &ListArgs) -> Filter<'_> {
        let query = Query::new(args.search.as_deref().unwrap_or_default());
        Filter {
            args,
            customer: args.customer.as_deref().map(str::to_lowercase),
            search: query.longest_word().map(str::to_string),
            query,
        }
    }

    fn matches(&self, entry: &Entry) -> bool {
        let args = self.args;
        if !args.kinds.is_empty() && !args.kinds.contains(&entry.kind) {
            return false;
        }
        if let Some(tag) = &args.tag
            && !entry.tags.iter().any(|t| t.eq_ignore_ascii_case(tag))
        {
            return false;
        }
        if let Some(customer) = &self.customer
            && entry
                .customer
                .as_deref()
                .is_none_or(|c| !c.to_lowercase().contains(customer.as_str()))
        {
            return false;
        }
        self.query.is_empty() || self.query.score_entry(entry).is_some()
    }
}

fn print_text(context: &Context, range: &Range, entries: &[Entry], ranked: bool) {
    let heading = match range {
        Range::Week(week) => format!(
            "{}  {} – {}",
            week.label(),
            week.start().format("%a %-d %b"),
            week.end().format("%a %-d %b %Y")
        ),
        Range::Days(Some(s), Some(u)) => format!("{s} – {u}"),
        Range::Days(Some(s), None) => format!("since {s}"),
        Range::Days(None, Some(u)) => format!("until {u}"),
        Range::Days(None, None) => "whole journal".to_string(),
        Range::DueBy(by) => format!("open promises due by {}", by.format("%a %Y-%m-%d")),
    };
    println!("{heading}");
    if entries.is_empty() {
        println!("  no entries");
        return;
    }
    if matches!(range, Range::DueBy(_)) {
        // Ordered by due date, so each line says when, not which day it was made.
        for entry in entries {
            let due = entry.due.unwrap_or(context.today);
            let late = (context.today - due).num_days();
            let when = match late {
                0 => "due today".to_string(),
                1 => "1 day overdue".to_string(),
                n if n > 0 => format!("{n} days overdue"),
                _ => format!("due {}", due.format("%a %Y-%m-%d")),
            };
            println!(
                "  {when:<18} {}",
                print::entry_line(entry, &context.config.currency)
            );
        }
        return;
    }
    if ranked {
        // Best match first, so each line says its day.
        for entry in entries {
            println!(
                "  {}  {}",
                entry.date.format("%a %Y-%m-%d"),
                print::entry_line(entry, &context.config.currency)
            );
        }
        return;
    }
    let mut day = None;
    for entry in entries {
        if day != Some(entry.date) {
            day = Some(entry.date);
            println!("\n{}", entry.date.format("%a %Y-%m-%d"));
        }
        println!("  {}", print::entry_line(entry, &context.config.currency));
    }
}

pub fn show(context: &Context, args: ShowArgs) -> Result<ExitCode, CliError> {
    let id = context.journal.resolve_id(&args.id)?;
    let entry = context.journal.find(&id)?;
    match args.format {
        Format::Json => {
            println!(
                "{}",
                serde_json::to_string_pretty(&entry.to_json())
                    .map_err(|e| CliError::Runtime(e.to_string()))?
            );
        }
        Format::Text => {
            let fixed: Vec<(String, Option<String>)> = entry
                .fixes
                .iter()
                .map(|id| {
                    (
                        id.to_string(),
                        context.journal.find(id).ok().map(|e| e.title),
                    )
                })
                .collect();
            let text = print::entry_full(&entry, &context.config.currency, &fixed);
            // What fixed a screw-up goes with its fields, before the details.
            let (fields, details) = match text.split_once("\n\n") {
                Some((fields, details)) => (fields.to_string(), format!("\n{details}")),
                None => (text.trim_end().to_string(), String::new()),
            };
            println!("{fields}");
            if entry.kind == Kind::Screwup {
                let fixes = super::change::fixes_of(context, &entry.id)?;
                if fixes.is_empty() {
                    println!("{:<15} nothing yet", "fixed by");
                }
                for fix in fixes {
                    println!(
                        "{:<15} {}  {}",
                        "fixed by",
                        fix.id,
                        crate::sanitize::line(&fix.title)
                    );
                }
            }
            print!("{details}");
        }
        Format::Csv => super::csv_export::print(std::slice::from_ref(&entry))?,
    }
    Ok(ExitCode::SUCCESS)
}

/// Files that could not be read are named on stderr; the rest still prints.
pub fn warn_problems(loaded: &Loaded) {
    for problem in &loaded.problems {
        eprintln!("warning: {problem}");
    }
    if !loaded.problems.is_empty() {
        eprintln!("warning: entries in the files above were skipped; run `jobjournal check`");
    }
}
