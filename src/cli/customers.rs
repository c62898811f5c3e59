//! `customers`: one line per customer, as a text table or stable JSON.

use std::process::ExitCode;

use chrono::NaiveDate;
use clap::{Args, ValueEnum};
use serde_json::json;

use super::list::warn_problems;
use super::{CliError, Context};
use crate::model::{Currency, Entry};
use crate::report::{CustomerLine, customers};
use crate::sanitize;
use crate::store::Loaded;

#[derive(Debug, Args)]
pub struct CustomersArgs {
    /// First day (default: the journal's first).
    #[arg(long)]
    pub since: Option<String>,
    /// Last day, inclusive (default: the journal's last).
    #[arg(long)]
    pub until: Option<String>,
    #[arg(long, value_enum, default_value = "text")]
    pub format: CustomersFormat,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub enum CustomersFormat {
    Text,
    Json,
}

/// `--since`/`--until` as days; either may be open.
pub struct Range {
    pub since: Option<NaiveDate>,
    pub until: Option<NaiveDate>,
}

impl Range {
    pub fn parse(
        context: &Context,
        since: Option<&str>,
        until: Option<&str>,
    ) -> Result<Range, CliError> {
        let since = since.map(|d| context.parse_date(d)).transpose()?;
        let until = until.map(|d| context.parse_date(d)).transpose()?;
        if let (Some(s), Some(u)) = (since, until)
            && u < s
        {
            return Err(CliError::Usage(format!(
                "--until {u} is before --since {s}"
            )));
        }
        Ok(Range { since, until })
    }

    /// The range's entries, with any unreadable file named on stderr.
    pub fn load(&self, context: &Context) -> Result<Loaded, CliError> {
        let loaded = context.journal.load_range(
            self.since.unwrap_or(NaiveDate::MIN),
            self.until.unwrap_or(NaiveDate::MAX),
        )?;
        warn_problems(&loaded);
        Ok(loaded)
    }

    fn json(&self) -> serde_json::Value {
        let day = |d: Option<NaiveDate>| d.map(|d| d.to_string());
        json!({"since": day(self.since), "until": day(self.until)})
    }
}

pub fn run(context: &Context, args: CustomersArgs) -> Result<ExitCode, CliError> {
    let range = Range::parse(context, args.since.as_deref(), args.until.as_deref())?;
    let loaded = range.load(context)?;
    let lines = customers(&loaded.entries);
    let text = match args.format {
        CustomersFormat::Json => {
            let mut value = range.json();
            value["customers"] = json!(lines);
            let mut text = serde_json::to_string_pretty(&value)
                .map_err(|e| CliError::Runtime(e.to_string()))?;
            text.push('\n');
            text
        }
        CustomersFormat::Text => table(&lines, &context.config.currency, &loaded.entries),
    };
    super::generate::write_stdout(text.as_bytes())
}

/// A table with aligned columns; names made safe for the terminal.
pub fn table(lines: &[CustomerLine], currency: &Currency, entries: &[Entry]) -> String {
    if lines.is_empty() {
        let why = if entries.is_empty() {
            "no entries"
        } else {
            "no entry names a customer"
        };
        return format!("No customers: {why} in this range.\n");
    }
    let header = [
        "Customer",
        "Entries",
        "Screw-ups",
        "Fixes",
        "Wins",
        "Won",
        "Protected",
        "Lost",
        "Value",
        "Last contact",
    ];
    let mut rows: Vec<[String; 10]> = vec![header.map(String::from)];
    for line in lines {
        rows.push([
            sanitize::line(&line.name),
            line.entries.to_string(),
            line.screwups.to_string(),
            line.fixes.to_string(),
            line.wins.to_string(),
            line.revenue_won.display(currency),
            line.revenue_protected.display(currency),
            line.revenue_lost.display(currency),
            line.customer_value.display(currency),
            line.last_contact.to_string(),
        ]);
    }
    let widths: Vec<usize> = (0..10)
        .map(|col| {
            rows.iter()
                .map(|r| r[col].chars().count())
                .max()
                .unwrap_or(0)
        })
        .collect();
    let mut out = String::new();
    for row in &rows {
        let cells: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(col, cell)| {
                let pad = widths[col] - cell.chars().count();
                // Names and dates read left to right; numbers line up on the right.
                if col == 0 || col == 9 {
                    format!("{cell}{}", " ".repeat(pad))
                } else {
                    format!("{}{cell}", " ".repeat(pad))
                }
            })
            .collect();
        out.push_str(cells.join("  ").trim_end());
        out.push('\n');
    }
    out
}
