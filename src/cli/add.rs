//! `add`: one new entry from flags.

use std::process::ExitCode;

use clap::Args;

use super::{CliError, Context};
use crate::model::{Entry, EntryId, Kind, ModelError, Money, parse_time};
use crate::store::StoreError;

#[derive(Debug, Args)]
pub struct AddArgs {
    /// screwup, fix, exceeded, met, promise or note.
    #[arg(value_parser = parse_kind)]
    pub kind: Kind,
    /// One line saying what happened.
    pub title: String,
    #[arg(long)]
    pub customer: Option<String>,
    /// A tag; repeat for more.
    #[arg(long = "tag", value_name = "TAG")]
    pub tags: Vec<String>,
    #[arg(long)]
    pub details: Option<String>,
    /// YYYY-MM-DD, today, yesterday or a weekday name (default: today).
    #[arg(long)]
    pub date: Option<String>,
    /// HH:MM, local time.
    #[arg(long)]
    pub time: Option<String>,
    /// Money this affected: positive won or protected, negative lost.
    #[arg(long, value_parser = parse_money, allow_hyphen_values = true)]
    pub revenue: Option<Money>,
    /// What the customer is worth in total.
    #[arg(long, value_parser = parse_money, allow_hyphen_values = true)]
    pub customer_value: Option<Money>,
    /// Money saved (less rework, fewer returns).
    #[arg(long, value_parser = parse_money, allow_hyphen_values = true)]
    pub cost_saved: Option<Money>,
    /// Customer waiting time cut, in hours.
    #[arg(long)]
    pub hours_saved: Option<f64>,
    /// How many customers or people it reaches.
    #[arg(long)]
    pub reach: Option<u64>,
    /// Who took up what you started; repeat for more.
    #[arg(long = "adopted-by", value_name = "WHO")]
    pub adopted_by: Vec<String>,
    /// Id of a screw-up this fixes; repeat for more (fix only).
    #[arg(long = "fixes", value_name = "ID", value_parser = parse_id)]
    pub fixes: Vec<EntryId>,
    /// What was expected (exceeded only).
    #[arg(long)]
    pub expected: Option<String>,
    /// What was delivered (exceeded only).
    #[arg(long)]
    pub delivered: Option<String>,
    /// When the promise is due (promise only).
    #[arg(long)]
    pub due: Option<String>,
    /// A resume bullet of your own, used as is.
    #[arg(long)]
    pub bullet: Option<String>,
}

pub fn parse_kind(text: &str) -> Result<Kind, String> {
    text.parse()
        .map_err(|e: crate::model::ModelError| e.to_string())
}

pub fn parse_money(text: &str) -> Result<Money, String> {
    Money::parse(text).map_err(|e| e.to_string())
}

pub fn parse_id(text: &str) -> Result<EntryId, String> {
    text.parse()
        .map_err(|e: crate::model::ModelError| e.to_string())
}

pub fn run(context: &Context, args: AddArgs) -> Result<ExitCode, CliError> {
    let entry = entry_from_args(context, args)?;
    let saved = context.journal.add(entry).map_err(|err| match err {
        StoreError::Link(why) => CliError::Runtime(format!("--fixes: {why}")),
        other => other.into(),
    })?;
    println!("{}", saved.id);
    Ok(ExitCode::SUCCESS)
}

/// Builds the entry the flags describe, refusing what cannot be right.
fn entry_from_args(context: &Context, args: AddArgs) -> Result<Entry, CliError> {
    let title = args.title.trim().to_string();
    if title.is_empty() {
        return Err(CliError::Usage("the title is empty".into()));
    }
    if title.contains('\n') {
        return Err(CliError::Usage(
            "the title must be one line; put the rest in --details".into(),
        ));
    }
    let date = match &args.date {
        Some(text) => context.parse_date(text)?,
        None => context.today,
    };
    // The id is a placeholder: the store assigns a fresh one under its lock.
    let id = EntryId::generate(date, &mut fastrand::Rng::new());
    let mut entry = Entry::new(id, date, args.kind, title);
    entry.time = args.time.as_deref().map(parse_time).transpose()?;
    entry.customer = non_empty(args.customer);
    entry.tags = args
        .tags
        .into_iter()
        .filter(|t| !t.trim().is_empty())
        .collect();
    entry.details = non_empty(args.details);
    entry.revenue = args.revenue;
    entry.customer_value = args.customer_value;
    entry.cost_saved = args.cost_saved;
    if let Some(hours) = args.hours_saved
        && !(hours.is_finite() && hours >= 0.0)
    {
        return Err(CliError::Usage(format!(
            "--hours-saved {hours}: expected a number of hours from 0"
        )));
    }
    entry.hours_saved = args.hours_saved;
    entry.reach = args.reach;
    entry.adopted_by = args
        .adopted_by
        .into_iter()
        .filter(|t| !t.trim().is_empty())
        .collect();
    entry.fixes = args.fixes;
    entry.expected = non_empty(args.expected);
    entry.delivered = non_empty(args.delivered);
    entry.due = args
        .due
        .as_deref()
        .map(|d| context.parse_date(d))
        .transpose()?;
    entry.bullet = non_empty(args.bullet);
    entry.validate().map_err(|e| match e {
        // Speaks of the flag, not the file key.
        ModelError::WrongKind {
            field,
            kind,
            actual,
        } => CliError::Usage(format!(
            "--{field} only applies to a {kind} entry, not a {actual}"
        )),
        other => CliError::Usage(other.to_string()),
    })?;
    Ok(entry)
}

fn non_empty(text: Option<String>) -> Option<String> {
    text.filter(|t| !t.trim().is_empty())
}
