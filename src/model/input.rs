//! The one way in for an entry. The command line's flags, the TUI form,
//! `edit` and saved drafts all speak in field texts; this module turns them
//! into an [`Entry`] (or applies them onto one), with the same rules and the
//! same messages everywhere.
//!
//! Adding a field: a member of [`Entry`] (with `to_json`), a row in
//! [`FIELDS`] with its parse function, and the key in `store/codec.rs`.

use std::collections::BTreeMap;

use chrono::NaiveDate;

use super::date::{DATE_FORMS, in_calendar, parse_date, parse_due, parse_time};
use super::money::grouped_by_thousands;
use super::{Entry, EntryId, Kind, ModelError, Money, MoneyProblem, PromiseStatus};

/// A field a person fills in. The order is the order fields are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    Title,
    Expected,
    Delivered,
    Due,
    Status,
    Fixes,
    Date,
    Time,
    Customer,
    Tags,
    Details,
    Revenue,
    CustomerValue,
    CostSaved,
    HoursSaved,
    Reach,
    AdoptedBy,
    Bullet,
}

/// How a field is typed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// One line of text.
    Line,
    /// Several lines.
    Text,
    /// Several values: repeated flags, or comma separated in the form.
    List,
    /// Chosen, not typed (status, fixes): the form shows a picker.
    Pick,
}

/// Everything the CLI, the form and the help say about a field.
pub struct FieldSpec {
    pub field: Field,
    /// The file key, also the draft's key.
    pub key: &'static str,
    /// The command-line flag, without `--`; `None` for the title (positional) and status.
    pub flag: Option<&'static str>,
    pub label: &'static str,
    /// What it takes, in a few words: the flag's help and the form's placeholder.
    pub help: &'static str,
    /// The one kind it belongs to; `None` for every kind.
    pub only: Option<Kind>,
    pub shape: Shape,
    /// Sets the field on `entry` from its values (none when blank); `Err` is
    /// the whole message, naming the field.
    apply: fn(&mut Entry, &[String], NaiveDate) -> Result<(), String>,
}

/// Every field, in the order fields are written.
pub const FIELDS: [FieldSpec; 18] = [
    FieldSpec {
        field: Field::Title,
        key: "title",
        flag: None,
        label: "Title",
        help: "what happened, in one line",
        only: None,
        shape: Shape::Line,
        apply: apply_title,
    },
    FieldSpec {
        field: Field::Expected,
        key: "expected",
        flag: Some("expected"),
        label: "Expected",
        help: "what the customer expected, e.g. 3 days",
        only: Some(Kind::Exceeded),
        shape: Shape::Line,
        apply: apply_expected,
    },
    FieldSpec {
        field: Field::Delivered,
        key: "delivered",
        flag: Some("delivered"),
        label: "Delivered",
        help: "what you delivered, e.g. 4 hours",
        only: Some(Kind::Exceeded),
        shape: Shape::Line,
        apply: apply_delivered,
    },
    FieldSpec {
        field: Field::Due,
        key: "due",
        flag: Some("due"),
        label: "Due",
        help: "when it is due: YYYY-MM-DD, tomorrow, fri, next fri, in 3 days",
        only: Some(Kind::Promise),
        shape: Shape::Line,
        apply: apply_due,
    },
    FieldSpec {
        field: Field::Status,
        key: "status",
        flag: None,
        label: "Status",
        help: "open, kept or missed",
        only: Some(Kind::Promise),
        shape: Shape::Pick,
        apply: apply_status,
    },
    FieldSpec {
        field: Field::Fixes,
        key: "fixes",
        flag: Some("fixes"),
        label: "Fixes",
        help: "id of a screw-up this fixes, e.g. 2026-11-18-k7q2",
        only: Some(Kind::Fix),
        shape: Shape::Pick,
        apply: apply_fixes,
    },
    FieldSpec {
        field: Field::Date,
        key: "date",
        flag: Some("date"),
        label: "Date",
        help: "YYYY-MM-DD, today, yesterday, mon, last fri (default: today)",
        only: None,
        shape: Shape::Line,
        apply: apply_date,
    },
    FieldSpec {
        field: Field::Time,
        key: "time",
        flag: Some("time"),
        label: "Time",
        help: "HH:MM, local time",
        only: None,
        shape: Shape::Line,
        apply: apply_time,
    },
    FieldSpec {
        field: Field::Customer,
        key: "customer",
        flag: Some("customer"),
        label: "Customer",
        help: "who it was for, e.g. Acme Corp",
        only: None,
        shape: Shape::Line,
        apply: apply_customer,
    },
    FieldSpec {
        field: Field::Tags,
        key: "tags",
        flag: Some("tag"),
        label: "Tags",
        help: "a tag, e.g. billing",
        only: None,
        shape: Shape::List,
        apply: apply_tags,
    },
    FieldSpec {
        field: Field::Details,
        key: "details",
        flag: Some("details"),
        label: "Details",
        help: "more, on several lines",
        only: None,
        shape: Shape::Text,
        apply: apply_details,
    },
    FieldSpec {
        field: Field::Revenue,
        key: "revenue",
        flag: Some("revenue"),
        label: "Revenue",
        help: "money touched: + won or protected, - lost, e.g. 1,200 or -1200",
        only: None,
        shape: Shape::Line,
        apply: apply_revenue,
    },
    FieldSpec {
        field: Field::CustomerValue,
        key: "customer_value",
        flag: Some("customer-value"),
        label: "Customer value",
        help: "what the customer is worth in total, e.g. 120,000",
        only: None,
        shape: Shape::Line,
        apply: apply_customer_value,
    },
    FieldSpec {
        field: Field::CostSaved,
        key: "cost_saved",
        flag: Some("cost-saved"),
        label: "Cost saved",
        help: "money saved (less rework, fewer returns), e.g. 1500",
        only: None,
        shape: Shape::Line,
        apply: apply_cost_saved,
    },
    FieldSpec {
        field: Field::HoursSaved,
        key: "hours_saved",
        flag: Some("hours-saved"),
        label: "Hours saved",
        help: "customer waiting time cut, in hours, e.g. 2.5",
        only: None,
        shape: Shape::Line,
        apply: apply_hours_saved,
    },
    FieldSpec {
        field: Field::Reach,
        key: "reach",
        flag: Some("reach"),
        label: "Reach",
        help: "how many customers or people it reaches, e.g. 40",
        only: None,
        shape: Shape::Line,
        apply: apply_reach,
    },
    FieldSpec {
        field: Field::AdoptedBy,
        key: "adopted_by",
        flag: Some("adopted-by"),
        label: "Adopted by",
        help: "who took up what you started, e.g. billing team",
        only: None,
        shape: Shape::List,
        apply: apply_adopted_by,
    },
    FieldSpec {
        field: Field::Bullet,
        key: "bullet",
        flag: Some("bullet"),
        label: "Resume bullet",
        help: "a resume line of your own, used as is",
        only: None,
        shape: Shape::Line,
        apply: apply_bullet,
    },
];

impl Field {
    pub fn spec(self) -> &'static FieldSpec {
        &FIELDS[self as usize]
    }

    pub fn key(self) -> &'static str {
        self.spec().key
    }

    pub fn label(self) -> &'static str {
        self.spec().label
    }

    pub fn help(self) -> &'static str {
        self.spec().help
    }

    pub fn from_key(key: &str) -> Option<Field> {
        FIELDS.iter().find(|s| s.key == key).map(|s| s.field)
    }

    pub fn applies_to(self, kind: Kind) -> bool {
        self.spec().only.is_none_or(|only| only == kind)
    }

    pub fn is_text(self) -> bool {
        self.spec().shape != Shape::Pick
    }

    pub fn is_multiline(self) -> bool {
        self.spec().shape == Shape::Text
    }

    /// The fields of `kind` in the order a form shows them: the title, the
    /// kind's own fields, then, for kinds that carry an outcome, the money
    /// and outcome fields, so what makes a bullet is typed early.
    pub fn order(kind: Kind) -> Vec<Field> {
        use Field::*;
        const OUTCOME: [Field; 6] = [
            Revenue,
            CustomerValue,
            CostSaved,
            HoursSaved,
            Reach,
            AdoptedBy,
        ];
        let own = FIELDS
            .iter()
            .filter(|s| s.only == Some(kind))
            .map(|s| s.field);
        let general = [Date, Time, Customer, Tags, Details];
        let mut order = vec![Title];
        order.extend(own);
        if kind.carries_outcome() {
            order.extend(OUTCOME);
            order.extend(general);
        } else {
            order.extend(general);
            order.extend(OUTCOME);
        }
        order.push(Bullet);
        order
    }
}

/// A field and what is wrong with it, in words that name the field.
pub type FieldProblem = (Field, String);

/// An entry as typed: the kind and each field's text. Fields not set are
/// left as they are on the entry this applies onto (a new entry: empty,
/// dated today).
#[derive(Debug, Clone, PartialEq)]
pub struct EntryInput {
    pub kind: Kind,
    values: BTreeMap<Field, Vec<String>>,
    /// What was typed into a box, exactly, so a draft keeps it as typed.
    typed: BTreeMap<Field, String>,
}

impl EntryInput {
    pub fn new(kind: Kind) -> EntryInput {
        EntryInput {
            kind,
            values: BTreeMap::new(),
            typed: BTreeMap::new(),
        }
    }

    /// Sets a field to what was typed into one box: a list field's text
    /// is split at commas.
    pub fn set(&mut self, field: Field, text: &str) {
        let values = if field.spec().shape == Shape::List {
            text.split(',').map(|v| v.trim().to_string()).collect()
        } else {
            vec![text.to_string()]
        };
        self.values.insert(field, values);
        self.typed.insert(field, text.to_string());
    }

    /// Adds one value to a field, as is (a repeated flag).
    pub fn push(&mut self, field: Field, value: &str) {
        self.typed.remove(&field);
        self.values
            .entry(field)
            .or_default()
            .push(value.to_string());
    }

    /// The field as one box shows it: as typed, else its values joined by ", ".
    pub fn text(&self, field: Field) -> String {
        if let Some(text) = self.typed.get(&field) {
            return text.clone();
        }
        self.values
            .get(&field)
            .map(|v| v.join(", "))
            .unwrap_or_default()
    }

    /// The texts of `entry`'s fields, as a form shows them to edit.
    pub fn from_entry(entry: &Entry) -> EntryInput {
        let mut input = EntryInput::new(entry.kind);
        let day = |d: NaiveDate| d.format("%Y-%m-%d").to_string();
        let one = |t: &Option<String>| t.clone().into_iter().collect::<Vec<_>>();
        let money = |m: Option<Money>| m.map(Money::plain).into_iter().collect::<Vec<_>>();
        for spec in &FIELDS {
            let values: Vec<String> = match spec.field {
                Field::Title => vec![entry.title.clone()],
                Field::Expected => one(&entry.expected),
                Field::Delivered => one(&entry.delivered),
                Field::Due => entry.due.map(day).into_iter().collect(),
                Field::Status => entry
                    .promise_status()
                    .map(|s| s.as_str().to_string())
                    .into_iter()
                    .collect(),
                Field::Fixes => entry.fixes.iter().map(ToString::to_string).collect(),
                Field::Date => vec![day(entry.date)],
                Field::Time => entry
                    .time
                    .map(|t| t.format("%H:%M").to_string())
                    .into_iter()
                    .collect(),
                Field::Customer => one(&entry.customer),
                Field::Tags => entry.tags.clone(),
                Field::Details => one(&entry.details),
                Field::Revenue => money(entry.revenue),
                Field::CustomerValue => money(entry.customer_value),
                Field::CostSaved => money(entry.cost_saved),
                Field::HoursSaved => entry
                    .hours_saved
                    .map(|h| h.to_string())
                    .into_iter()
                    .collect(),
                Field::Reach => entry.reach.map(|r| r.to_string()).into_iter().collect(),
                Field::AdoptedBy => entry.adopted_by.clone(),
                Field::Bullet => one(&entry.bullet),
            };
            input.values.insert(spec.field, values);
        }
        input
    }

    /// A new entry: dated by the Date field (else `today`), with a
    /// placeholder id the store replaces when it saves.
    pub fn to_new_entry(&self, today: NaiveDate) -> Result<Entry, Vec<FieldProblem>> {
        let date = match self.values.get(&Field::Date) {
            Some(values) => parse_one(values, |t| parse_date(t, today).map_err(|e| e.to_string()))
                .ok()
                .flatten()
                .unwrap_or(today),
            None => today,
        };
        let mut entry = Entry::new(EntryId::placeholder(date), date, self.kind, "");
        self.apply_to(&mut entry, today)?;
        Ok(entry)
    }

    /// Applies the fields that were set onto `entry` (which takes this
    /// input's kind); fields of other kinds are cleared. Every problem is
    /// returned, in field order, and `entry` is then not to be used.
    pub fn apply_to(&self, entry: &mut Entry, today: NaiveDate) -> Result<(), Vec<FieldProblem>> {
        let mut problems = Vec::new();
        entry.kind = self.kind;
        for spec in &FIELDS {
            let values = self.values.get(&spec.field);
            let blank = values.is_none_or(|v| v.iter().all(|t| t.trim().is_empty()));
            if !spec.field.applies_to(self.kind) {
                if !blank {
                    problems.push((spec.field, wrong_kind(spec, self.kind)));
                }
                clear(entry, spec.field);
                continue;
            }
            if let Some(values) = values
                && let Err(message) = (spec.apply)(entry, values, today)
            {
                problems.push((spec.field, message));
            }
        }
        if self.kind != Kind::Promise {
            entry.closed = None;
        }
        // Rules that need more than one field.
        if problems.iter().all(|(f, _)| *f != Field::Revenue)
            && let Err(message) = check_revenue(entry)
        {
            problems.push((Field::Revenue, message));
        }
        if problems.is_empty() {
            Ok(())
        } else {
            Err(problems)
        }
    }

    /// What is wrong with one field as typed, for the form to show beside it.
    pub fn problem(&self, field: Field, today: NaiveDate) -> Option<String> {
        let mut scratch = EntryInput::new(self.kind);
        if let Some(values) = self.values.get(&field) {
            scratch.values.insert(field, values.clone());
        }
        let mut entry = Entry::new(EntryId::placeholder(today), today, self.kind, "-");
        match scratch.apply_to(&mut entry, today) {
            Ok(()) => None,
            Err(problems) => problems
                .into_iter()
                .find(|(f, _)| *f == field)
                .map(|(_, m)| m),
        }
    }
}

/// Checks an entry that did not come through [`EntryInput`] (a table edited
/// by hand in `edit`) against the same rules: a one-line title, years,
/// amounts, the screw-up sign, and kind-specific fields on their kind.
pub fn check_entry(entry: &Entry) -> Result<(), FieldProblem> {
    entry.validate().map_err(|e| match e {
        ModelError::WrongKind { field, .. } => (
            Field::from_key(field).unwrap_or(Field::Title),
            e.to_string(),
        ),
        other => (Field::Title, other.to_string()),
    })?;
    title_rule(&entry.title).map_err(|m| (Field::Title, m))?;
    for (field, date) in [
        (Field::Date, Some(entry.date)),
        (Field::Due, entry.due),
        (Field::Status, entry.closed),
    ] {
        if let Some(date) = date
            && !in_calendar(date)
        {
            let name = if field == Field::Status {
                "closed"
            } else {
                field.key()
            };
            return Err((
                field,
                format!("{name} {date} is out of range: years run from 0001 to 9999"),
            ));
        }
    }
    for (field, money) in [
        (Field::Revenue, entry.revenue),
        (Field::CustomerValue, entry.customer_value),
        (Field::CostSaved, entry.cost_saved),
    ] {
        if money.is_some_and(|m| !m.within_limit()) {
            return Err((field, money_message(field, MoneyProblem::TooLarge)));
        }
    }
    check_revenue(entry).map_err(|m| (Field::Revenue, m))
}

/// Revenue on a screw-up is money lost, so it is written negative.
fn check_revenue(entry: &Entry) -> Result<(), String> {
    match entry.revenue {
        Some(money) if entry.kind == Kind::Screwup && money.cents() > 0 => Err(format!(
            "revenue on a screw-up is money lost: write -{}",
            money.plain()
        )),
        _ => Ok(()),
    }
}

fn wrong_kind(spec: &FieldSpec, kind: Kind) -> String {
    let only = spec.only.map_or("", Kind::as_str);
    format!(
        "{} only applies to a {only} entry, not a {}",
        spec.label.to_lowercase(),
        kind.as_str()
    )
}

fn clear(entry: &mut Entry, field: Field) {
    match field {
        Field::Expected => entry.expected = None,
        Field::Delivered => entry.delivered = None,
        Field::Due => entry.due = None,
        Field::Status => {
            entry.status = None;
            entry.closed = None;
        }
        Field::Fixes => entry.fixes.clear(),
        // Fields for every kind always apply.
        _ => {}
    }
}

/// The one value of a single-value field; `None` when blank.
fn parse_one<T>(
    values: &[String],
    parse: impl FnOnce(&str) -> Result<T, String>,
) -> Result<Option<T>, String> {
    let text = values.join(" ");
    let text = text.trim();
    if text.is_empty() {
        Ok(None)
    } else {
        parse(text).map(Some)
    }
}

/// One line, trimmed; `None` when blank.
fn line_value(values: &[String]) -> Option<String> {
    let text = values.join(" ");
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// Several lines: the end trimmed, the first line's indent kept.
fn text_value(values: &[String]) -> Option<String> {
    let text = values.join("\n");
    (!text.trim().is_empty()).then(|| text.trim_end().to_string())
}

fn list_value(values: &[String]) -> Vec<String> {
    values
        .iter()
        .map(|v| v.trim())
        .filter(|v| !v.is_empty())
        .map(String::from)
        .collect()
}

fn title_rule(title: &str) -> Result<(), String> {
    if title.trim().is_empty() {
        Err("a title is needed".into())
    } else if title.contains(['\n', '\r']) {
        Err("the title is one line; put the rest in the details".into())
    } else {
        Ok(())
    }
}

fn apply_title(entry: &mut Entry, values: &[String], _: NaiveDate) -> Result<(), String> {
    let title = values.join(" ");
    let title = title.trim();
    title_rule(title)?;
    entry.title = title.to_string();
    Ok(())
}

fn apply_expected(entry: &mut Entry, values: &[String], _: NaiveDate) -> Result<(), String> {
    entry.expected = line_value(values);
    Ok(())
}

fn apply_delivered(entry: &mut Entry, values: &[String], _: NaiveDate) -> Result<(), String> {
    entry.delivered = line_value(values);
    Ok(())
}

fn date_message(field: Field, error: ModelError) -> String {
    match error {
        ModelError::Year(text) => {
            format!(
                "{} '{text}' is out of range: years run from 0001 to 9999",
                field.key()
            )
        }
        ModelError::Date(text) => format!("{} takes {DATE_FORMS}, not '{text}'", field.key()),
        other => other.to_string(),
    }
}

fn apply_due(entry: &mut Entry, values: &[String], today: NaiveDate) -> Result<(), String> {
    entry.due = parse_one(values, |t| {
        parse_due(t, today).map_err(|e| date_message(Field::Due, e))
    })?;
    Ok(())
}

fn apply_date(entry: &mut Entry, values: &[String], today: NaiveDate) -> Result<(), String> {
    let date = parse_one(values, |t| {
        parse_date(t, today).map_err(|e| date_message(Field::Date, e))
    })?;
    entry.date = date.ok_or("a date is needed")?;
    Ok(())
}

fn apply_status(entry: &mut Entry, values: &[String], today: NaiveDate) -> Result<(), String> {
    let status = parse_one(values, |t| {
        t.parse::<PromiseStatus>().map_err(|e| e.to_string())
    })?;
    entry.set_status(status.unwrap_or_default(), today);
    Ok(())
}

fn apply_fixes(entry: &mut Entry, values: &[String], _: NaiveDate) -> Result<(), String> {
    entry.fixes = list_value(values)
        .iter()
        .map(|text| {
            text.parse::<EntryId>().map_err(|_| {
                format!(
                    "fixes takes the id of a screw-up, e.g. 2026-11-18-k7q2, not '{}'",
                    crate::sanitize::line(text)
                )
            })
        })
        .collect::<Result<_, _>>()?;
    Ok(())
}

fn apply_time(entry: &mut Entry, values: &[String], _: NaiveDate) -> Result<(), String> {
    entry.time = parse_one(values, |t| {
        parse_time(t).map_err(|_| {
            format!(
                "time is a time of day, HH:MM, e.g. 09:14, not '{}'",
                crate::sanitize::line(t)
            )
        })
    })?;
    Ok(())
}

fn apply_customer(entry: &mut Entry, values: &[String], _: NaiveDate) -> Result<(), String> {
    entry.customer = line_value(values);
    Ok(())
}

fn apply_tags(entry: &mut Entry, values: &[String], _: NaiveDate) -> Result<(), String> {
    entry.tags = list_value(values);
    Ok(())
}

fn apply_details(entry: &mut Entry, values: &[String], _: NaiveDate) -> Result<(), String> {
    entry.details = text_value(values);
    Ok(())
}

fn money_message(field: Field, problem: MoneyProblem) -> String {
    let name = field.label().to_lowercase();
    match problem {
        MoneyProblem::NotANumber => {
            format!("{name} is an amount of money, e.g. 1,200.50")
        }
        MoneyProblem::Comma => format!(
            "{name} takes a comma only between thousands (1,200 or 12,000.50); write cents after a point"
        ),
        MoneyProblem::Decimals => format!("{name} has at most 2 decimal places"),
        MoneyProblem::TooLarge => format!("{name} is at most 1,000,000,000,000"),
    }
}

fn money_value(field: Field, values: &[String]) -> Result<Option<Money>, String> {
    parse_one(values, |t| {
        Money::parse_typed(t).map_err(|p| {
            format!(
                "{}, not '{}'",
                money_message(field, p),
                crate::sanitize::line(t)
            )
        })
    })
}

fn apply_revenue(entry: &mut Entry, values: &[String], _: NaiveDate) -> Result<(), String> {
    entry.revenue = money_value(Field::Revenue, values)?;
    Ok(())
}

fn apply_customer_value(entry: &mut Entry, values: &[String], _: NaiveDate) -> Result<(), String> {
    entry.customer_value = money_value(Field::CustomerValue, values)?;
    Ok(())
}

fn apply_cost_saved(entry: &mut Entry, values: &[String], _: NaiveDate) -> Result<(), String> {
    entry.cost_saved = money_value(Field::CostSaved, values)?;
    Ok(())
}

/// Digits with at most one point, nothing else: no exponent, no `inf`.
fn apply_hours_saved(entry: &mut Entry, values: &[String], _: NaiveDate) -> Result<(), String> {
    entry.hours_saved = parse_one(values, |t| {
        let plain = t.split_once('.').map_or((t, ""), |p| p);
        let digits = |s: &str| s.chars().all(|c| c.is_ascii_digit());
        let hours =
            (!(plain.0.is_empty() && plain.1.is_empty()) && digits(plain.0) && digits(plain.1))
                .then(|| t.parse::<f64>().ok())
                .flatten()
                .filter(|h| (0.0..=1e9).contains(h));
        hours.ok_or_else(|| {
            format!(
                "hours saved is a number of hours, e.g. 2.5, not '{}'",
                crate::sanitize::line(t)
            )
        })
    })?;
    Ok(())
}

/// A whole number, with thousands commas allowed (`1,000`).
fn apply_reach(entry: &mut Entry, values: &[String], _: NaiveDate) -> Result<(), String> {
    entry.reach = parse_one(values, |t| {
        let grouped = !t.contains(',') || grouped_by_thousands(t);
        let digits: String = t.chars().filter(|c| *c != ',').collect();
        grouped
            .then(|| digits.parse::<u64>().ok())
            .flatten()
            .filter(|n| i64::try_from(*n).is_ok() && !digits.starts_with('+'))
            .ok_or_else(|| {
                format!(
                    "reach is a whole number of people, e.g. 40, not '{}'",
                    crate::sanitize::line(t)
                )
            })
    })?;
    Ok(())
}

fn apply_adopted_by(entry: &mut Entry, values: &[String], _: NaiveDate) -> Result<(), String> {
    entry.adopted_by = list_value(values);
    Ok(())
}

fn apply_bullet(entry: &mut Entry, values: &[String], _: NaiveDate) -> Result<(), String> {
    entry.bullet = line_value(values);
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 11, 18).unwrap()
    }

    fn input(kind: Kind, fields: &[(Field, &str)]) -> EntryInput {
        let mut input = EntryInput::new(kind);
        input.set(Field::Title, "Sent Acme the invoice twice");
        for (field, text) in fields {
            input.set(*field, text);
        }
        input
    }

    fn problem(kind: Kind, field: Field, text: &str) -> String {
        let problems = input(kind, &[(field, text)])
            .to_new_entry(today())
            .unwrap_err();
        assert_eq!(problems.len(), 1, "{problems:?}");
        assert_eq!(problems[0].0, field);
        problems[0].1.clone()
    }

    #[test]
    fn the_table_is_in_field_order() {
        for (i, spec) in FIELDS.iter().enumerate() {
            assert_eq!(spec.field as usize, i, "{}", spec.key);
            assert_eq!(Field::from_key(spec.key), Some(spec.field));
        }
    }

    #[test]
    fn every_field_round_trips_through_its_text() {
        let mut input = input(
            Kind::Fix,
            &[
                (Field::Date, "2026-11-17"),
                (Field::Time, "09:14"),
                (Field::Customer, " Acme Corp "),
                (Field::Tags, "billing, ops"),
                (Field::Details, "line one\nline two"),
                (Field::Revenue, "1,200"),
                (Field::CustomerValue, "120000"),
                (Field::CostSaved, "1500.50"),
                (Field::HoursSaved, "2.5"),
                (Field::Reach, "1,000"),
                (Field::AdoptedBy, "billing team"),
                (Field::Bullet, "Built a check"),
            ],
        );
        input.push(Field::Fixes, "2026-11-17-k7q2");
        let entry = input.to_new_entry(today()).unwrap();
        assert_eq!(entry.date, NaiveDate::from_ymd_opt(2026, 11, 17).unwrap());
        assert_eq!(entry.id.date(), entry.date);
        assert_eq!(entry.customer.as_deref(), Some("Acme Corp"));
        assert_eq!(entry.tags, ["billing", "ops"]);
        assert_eq!(entry.revenue, Some(Money(120_000)));
        assert_eq!(entry.cost_saved, Some(Money(150_050)));
        assert_eq!(entry.hours_saved, Some(2.5));
        assert_eq!(entry.reach, Some(1000));
        assert_eq!(entry.fixes.len(), 1);
        let back = EntryInput::from_entry(&entry);
        let mut again = entry.clone();
        back.apply_to(&mut again, today()).unwrap();
        assert_eq!(again, entry);
    }

    #[test]
    fn values_name_their_field_and_what_it_takes() {
        use Field::*;
        let cases = [
            (
                Reach,
                "1.5",
                "reach is a whole number of people, e.g. 40, not '1.5'",
            ),
            (
                Reach,
                "-3",
                "reach is a whole number of people, e.g. 40, not '-3'",
            ),
            (
                Reach,
                "1,00",
                "reach is a whole number of people, e.g. 40, not '1,00'",
            ),
            (
                HoursSaved,
                "2h",
                "hours saved is a number of hours, e.g. 2.5, not '2h'",
            ),
            (
                HoursSaved,
                "inf",
                "hours saved is a number of hours, e.g. 2.5, not 'inf'",
            ),
            (
                HoursSaved,
                "1e3",
                "hours saved is a number of hours, e.g. 2.5, not '1e3'",
            ),
            (
                CostSaved,
                "12x",
                "cost saved is an amount of money, e.g. 1,200.50, not '12x'",
            ),
            (
                Time,
                "25:00",
                "time is a time of day, HH:MM, e.g. 09:14, not '25:00'",
            ),
        ];
        for (field, text, message) in cases {
            assert_eq!(problem(Kind::Note, field, text), message);
        }
        assert!(
            problem(Kind::Note, Revenue, "1,5")
                .starts_with("revenue takes a comma only between thousands")
        );
        assert!(problem(Kind::Note, Date, "someday").starts_with("date takes YYYY-MM-DD, today"));
    }

    #[test]
    fn limits_at_input() {
        assert_eq!(
            problem(Kind::Note, Field::Revenue, "1000000000000.01"),
            "revenue is at most 1,000,000,000,000, not '1000000000000.01'"
        );
        assert!(
            input(Kind::Note, &[(Field::Revenue, "1000000000000")])
                .to_new_entry(today())
                .is_ok()
        );
        for text in [
            "+10000-01-01",
            "-0001-01-01",
            "+65536-01-01",
            "10000-01-01",
            "0000-01-01",
        ] {
            let range = format!("'{text}' is out of range: years run from 0001 to 9999");
            assert_eq!(
                problem(Kind::Promise, Field::Due, text),
                format!("due {range}")
            );
            assert_eq!(
                problem(Kind::Note, Field::Date, text),
                format!("date {range}")
            );
        }
        let end = NaiveDate::from_ymd_opt(9999, 12, 31).unwrap();
        let mut late = EntryInput::new(Kind::Promise);
        late.set(Field::Title, "x");
        late.set(Field::Due, "tomorrow");
        let problems = late.to_new_entry(end).unwrap_err();
        assert_eq!(
            problems[0].1,
            "due 'tomorrow' is out of range: years run from 0001 to 9999"
        );
    }

    #[test]
    fn revenue_on_a_screwup_is_money_lost() {
        assert_eq!(
            problem(Kind::Screwup, Field::Revenue, "1,200"),
            "revenue on a screw-up is money lost: write -1200"
        );
        let ok = input(Kind::Screwup, &[(Field::Revenue, "-1200")]).to_new_entry(today());
        assert_eq!(ok.unwrap().revenue, Some(Money(-120_000)));
        let mut entry = ok_entry(Kind::Screwup);
        entry.revenue = Some(Money(50));
        assert_eq!(
            check_entry(&entry).unwrap_err().1,
            "revenue on a screw-up is money lost: write -0.50"
        );
    }

    fn ok_entry(kind: Kind) -> Entry {
        input(kind, &[]).to_new_entry(today()).unwrap()
    }

    #[test]
    fn a_box_keeps_its_text_as_typed() {
        let mut input = EntryInput::new(Kind::Note);
        input.set(Field::Tags, " billing,ops, ");
        assert_eq!(input.text(Field::Tags), " billing,ops, ");
        input.set(Field::Title, "x");
        assert_eq!(
            input.to_new_entry(today()).unwrap().tags,
            ["billing", "ops"]
        );
        let mut flags = EntryInput::new(Kind::Note);
        flags.push(Field::Tags, "a,b");
        flags.push(Field::Tags, "c");
        assert_eq!(flags.text(Field::Tags), "a,b, c");
        flags.set(Field::Title, "x");
        assert_eq!(flags.to_new_entry(today()).unwrap().tags, ["a,b", "c"]);
    }

    #[test]
    fn titles_are_one_line_and_not_blank() {
        assert_eq!(problem(Kind::Note, Field::Title, "  "), "a title is needed");
        assert_eq!(
            problem(Kind::Note, Field::Title, "one\ntwo"),
            "the title is one line; put the rest in the details"
        );
    }

    #[test]
    fn fields_of_another_kind_are_refused_when_given() {
        assert_eq!(
            problem(Kind::Note, Field::Due, "fri"),
            "due only applies to a promise entry, not a note"
        );
        // Blank ones (a form's hidden boxes) are not an error.
        assert!(
            input(Kind::Note, &[(Field::Due, "")])
                .to_new_entry(today())
                .is_ok()
        );
    }

    #[test]
    fn a_bare_weekday_is_due_ahead_and_happened_behind() {
        let sunday = NaiveDate::from_ymd_opt(2026, 11, 22).unwrap();
        let promise = input(Kind::Promise, &[(Field::Due, "fri"), (Field::Date, "fri")])
            .to_new_entry(sunday)
            .unwrap();
        assert_eq!(promise.due, NaiveDate::from_ymd_opt(2026, 11, 27));
        assert_eq!(promise.date, NaiveDate::from_ymd_opt(2026, 11, 20).unwrap());
    }

    #[test]
    fn status_records_the_day_it_closed() {
        let promise = input(Kind::Promise, &[(Field::Status, "kept")])
            .to_new_entry(today())
            .unwrap();
        assert_eq!(promise.closed, Some(today()));
    }

    #[test]
    fn hand_edited_entries_meet_the_same_limits() {
        let mut entry = ok_entry(Kind::Promise);
        entry.due = NaiveDate::from_ymd_opt(10000, 1, 1);
        assert_eq!(check_entry(&entry).unwrap_err().0, Field::Due);
        let mut entry = ok_entry(Kind::Note);
        entry.cost_saved = Some(Money(100_000_000_000_001));
        assert_eq!(check_entry(&entry).unwrap_err().0, Field::CostSaved);
        let mut entry = ok_entry(Kind::Note);
        entry.title = "two\nlines".into();
        assert_eq!(check_entry(&entry).unwrap_err().0, Field::Title);
    }

    #[test]
    fn outcome_fields_follow_the_title_for_kinds_with_outcomes() {
        let fix = Field::order(Kind::Fix);
        assert_eq!(&fix[..3], &[Field::Title, Field::Fixes, Field::Revenue]);
        let note = Field::order(Kind::Note);
        assert_eq!(&note[..2], &[Field::Title, Field::Date]);
        for kind in Kind::ALL {
            let order = Field::order(kind);
            let expected: Vec<Field> = FIELDS
                .iter()
                .map(|s| s.field)
                .filter(|f| f.applies_to(kind))
                .collect();
            assert_eq!(order.len(), expected.len(), "{kind:?}");
            assert!(expected.iter().all(|f| order.contains(f)), "{kind:?}");
        }
    }
}
