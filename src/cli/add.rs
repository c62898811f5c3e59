//! `add`: one new entry from flags. The flags are texts handed to
//! [`EntryInput`], which parses and checks them as the form does.

use std::process::ExitCode;

use clap::Args;

use super::{CliError, Context};
use crate::model::{EntryId, EntryInput, Field, FieldProblem, Kind};
use crate::store::StoreError;

#[derive(Debug, Args)]
pub struct AddArgs {
    /// screwup, fix, exceeded, met, promise or note.
    #[arg(value_parser = parse_kind)]
    pub kind: Kind,
    #[arg(help = Field::Title.help())]
    pub title: String,
    #[arg(long, help = Field::Customer.help())]
    pub customer: Option<String>,
    #[arg(long = "tag", value_name = "TAG", help = repeatable(Field::Tags))]
    pub tags: Vec<String>,
    #[arg(long, help = Field::Details.help())]
    pub details: Option<String>,
    #[arg(long, help = Field::Date.help())]
    pub date: Option<String>,
    #[arg(long, help = Field::Time.help())]
    pub time: Option<String>,
    // Numbers take any value, so `-1200` is an amount and `-3` gets a
    // message about reach rather than "unexpected argument".
    #[arg(long, allow_hyphen_values = true, value_name = "AMOUNT", help = Field::Revenue.help())]
    pub revenue: Option<String>,
    #[arg(long, allow_hyphen_values = true, value_name = "AMOUNT", help = Field::CustomerValue.help())]
    pub customer_value: Option<String>,
    #[arg(long, allow_hyphen_values = true, value_name = "AMOUNT", help = Field::CostSaved.help())]
    pub cost_saved: Option<String>,
    #[arg(long, allow_hyphen_values = true, value_name = "HOURS", help = Field::HoursSaved.help())]
    pub hours_saved: Option<String>,
    #[arg(long, allow_hyphen_values = true, value_name = "N", help = Field::Reach.help())]
    pub reach: Option<String>,
    #[arg(long = "adopted-by", value_name = "WHO", help = repeatable(Field::AdoptedBy))]
    pub adopted_by: Vec<String>,
    #[arg(long = "fixes", value_name = "ID", help = kind_only(Field::Fixes, true))]
    pub fixes: Vec<String>,
    #[arg(long, help = kind_only(Field::Expected, false))]
    pub expected: Option<String>,
    #[arg(long, help = kind_only(Field::Delivered, false))]
    pub delivered: Option<String>,
    #[arg(long, help = kind_only(Field::Due, false))]
    pub due: Option<String>,
    #[arg(long, help = Field::Bullet.help())]
    pub bullet: Option<String>,
    /// Print only the new entry's id, not the resume bullet it makes.
    #[arg(long, short)]
    pub quiet: bool,
}

fn repeatable(field: Field) -> String {
    format!("{}; repeat for more", field.help())
}

fn kind_only(field: Field, repeats: bool) -> String {
    let kind = field.spec().only.map_or("", Kind::as_str);
    let repeat = if repeats { "; repeat for more" } else { "" };
    format!("{}{repeat} ({kind} only)", field.help())
}

pub fn parse_kind(text: &str) -> Result<Kind, String> {
    text.parse()
        .map_err(|e: crate::model::ModelError| e.to_string())
}

pub fn parse_id(text: &str) -> Result<EntryId, String> {
    text.parse()
        .map_err(|e: crate::model::ModelError| e.to_string())
}

/// A whole id or a short one (`k7q2`); the journal resolves it once known.
pub fn parse_id_or_short(text: &str) -> Result<String, String> {
    if EntryId::is_short(text) {
        return Ok(text.to_string());
    }
    parse_id(text).map(|id| id.to_string())
}

pub fn run(context: &Context, mut args: AddArgs) -> Result<ExitCode, CliError> {
    let quiet = args.quiet;
    for fix in &mut args.fixes {
        if EntryId::is_short(fix) {
            *fix = context
                .journal
                .resolve_id(fix)
                .map_err(|err| match CliError::from(err) {
                    CliError::Usage(why) => CliError::Usage(format!("--fixes: {why}")),
                    CliError::Runtime(why) => CliError::Runtime(format!("--fixes: {why}")),
                })?
                .to_string();
        }
    }
    let entry = input_from_args(args)
        .to_new_entry(context.today)
        .map_err(|problems| usage(&problems))?;
    let added = context.journal.add(entry).map_err(|err| match err {
        StoreError::Link(why) => CliError::Runtime(format!("--fixes: {why}")),
        other => other.into(),
    })?;
    let saved = &added.value;
    // The id stays alone on the first line, for scripts that read it.
    println!("{}", saved.id);
    if !quiet && let Some(bullet) = crate::report::preview(saved, &context.config.currency) {
        println!("bullet: {}", crate::sanitize::line(&bullet));
    }
    super::warn(added.warning);
    Ok(ExitCode::SUCCESS)
}

/// The flags as the field texts a form would hold.
fn input_from_args(args: AddArgs) -> EntryInput {
    let mut input = EntryInput::new(args.kind);
    input.set(Field::Title, &args.title);
    let single = [
        (Field::Customer, args.customer),
        (Field::Details, args.details),
        (Field::Date, args.date),
        (Field::Time, args.time),
        (Field::Revenue, args.revenue),
        (Field::CustomerValue, args.customer_value),
        (Field::CostSaved, args.cost_saved),
        (Field::HoursSaved, args.hours_saved),
        (Field::Reach, args.reach),
        (Field::Expected, args.expected),
        (Field::Delivered, args.delivered),
        (Field::Due, args.due),
        (Field::Bullet, args.bullet),
    ];
    for (field, value) in single {
        if let Some(text) = value {
            input.set(field, &text);
        }
    }
    let lists = [
        (Field::Tags, args.tags),
        (Field::AdoptedBy, args.adopted_by),
        (Field::Fixes, args.fixes),
    ];
    for (field, values) in lists {
        for value in values {
            input.push(field, &value);
        }
    }
    input
}

/// The first problem, as one line naming the flag it came from.
fn usage(problems: &[FieldProblem]) -> CliError {
    match problems.first() {
        Some((field, message)) => match field.spec().flag {
            Some(flag) => CliError::Usage(format!("--{flag}: {message}")),
            None => CliError::Usage(message.clone()),
        },
        None => CliError::Usage("the entry could not be read".into()),
    }
}
