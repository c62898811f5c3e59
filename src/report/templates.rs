//! The report templates: built into the binary from `assets/templates`, each
//! replaceable by a file of the same name in `<config dir>/templates/`.
//! Reading those files is the one thing here that touches the disk.
//!
//! Every value a template prints goes through [`crate::sanitize`] (one line)
//! and, in `.html` templates, HTML escaping, in `.md` templates Markdown
//! escaping, so entry text can neither drive the terminal nor inject markup
//! or formatting; JSON output never comes from a template.

use std::collections::BTreeMap;
use std::fmt::Debug;
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;

use minijinja::value::{Enumerator, Object, ObjectRepr};
use minijinja::{
    AutoEscape, Environment, Error, ErrorKind, HtmlEscape, Output, State, UndefinedBehavior, Value,
};
use serde::Serialize;

use super::ReportError;
use super::totals::hours_text;
use crate::model::{Currency, Money};
use crate::sanitize;

/// Every built-in template, by the name a user's override must have.
pub const BUILT_IN: [(&str, &str); 10] = [
    (
        "report.md",
        include_str!("../../assets/templates/report.md"),
    ),
    (
        "report.txt",
        include_str!("../../assets/templates/report.txt"),
    ),
    (
        "report.html",
        include_str!("../../assets/templates/report.html"),
    ),
    (
        "bullets.md",
        include_str!("../../assets/templates/bullets.md"),
    ),
    (
        "bullets.txt",
        include_str!("../../assets/templates/bullets.txt"),
    ),
    (
        "stories.md",
        include_str!("../../assets/templates/stories.md"),
    ),
    (
        "stories.txt",
        include_str!("../../assets/templates/stories.txt"),
    ),
    (
        "review.md",
        include_str!("../../assets/templates/review.md"),
    ),
    (
        "review.txt",
        include_str!("../../assets/templates/review.txt"),
    ),
    (
        "review.html",
        include_str!("../../assets/templates/review.html"),
    ),
];

/// Where templates come from: the built-in ones, overridden by any file of
/// the same name in `user_dir`.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Templates {
    user_dir: Option<PathBuf>,
}

impl Templates {
    /// Only the templates built into the binary.
    pub fn built_in() -> Templates {
        Templates { user_dir: None }
    }

    /// Built-in templates, overridden by files in `<config_dir>/templates/`.
    pub fn for_config_dir(config_dir: Option<&Path>) -> Templates {
        Templates {
            user_dir: config_dir.map(|dir| dir.join("templates")),
        }
    }

    /// The user's file that overrides `name`, when there is one.
    pub fn user_file(&self, name: &str) -> Option<PathBuf> {
        let path = self.user_dir.as_ref()?.join(name);
        (is_plain_name(name) && path.is_file()).then_some(path)
    }

    /// Renders template `name` with `context`; money is shown in `currency`.
    pub fn render(
        &self,
        name: &str,
        context: &serde_json::Value,
        currency: &Currency,
    ) -> Result<String, ReportError> {
        let mut out = Vec::new();
        self.render_to(name, Value::from_serialize(context), currency, &mut out)?;
        // Every piece written is a whole `str`, sanitised as it came.
        String::from_utf8(out).map_err(|err| ReportError::Write(io::Error::other(err)))
    }

    /// Renders template `name` with `context` into `out` piece by piece, so
    /// a long document is never held whole. A failed write is
    /// [`ReportError::Write`]; what was written before an error stays written.
    pub fn render_to(
        &self,
        name: &str,
        context: Value,
        currency: &Currency,
        out: &mut dyn Write,
    ) -> Result<(), ReportError> {
        let env = self.environment(currency);
        let template = env
            .get_template(name)
            .map_err(|err| self.error(name, &err))?;
        let mut safe = SafeWriter { out, failed: None };
        match template.render_captured_to(context, &mut safe) {
            Ok(_) => Ok(()),
            Err(err) => match safe.failed.take() {
                Some(io) => Err(ReportError::Write(io)),
                None => Err(self.error(name, &err)),
            },
        }
    }

    fn environment(&self, currency: &Currency) -> Environment<'static> {
        let mut env = Environment::new();
        // Printing a misspelt name is an error with a line number, not a blank.
        env.set_undefined_behavior(UndefinedBehavior::SemiStrict);
        env.set_trim_blocks(true);
        env.set_lstrip_blocks(true);
        env.set_keep_trailing_newline(true);
        env.set_formatter(format_value);
        env.set_auto_escape_callback(|name| {
            if name.ends_with(".md") {
                AutoEscape::Custom(MARKDOWN)
            } else {
                minijinja::default_auto_escape_callback(name)
            }
        });
        let user_dir = self.user_dir.clone();
        env.set_loader(move |name| load(user_dir.as_deref(), name));
        let currency = currency.clone();
        env.add_filter("money", move |value: Value| money(&value, &currency));
        env.add_filter("hours", hours);
        env.add_filter("count", count);
        env.add_filter("multiline", multiline);
        env
    }

    /// The error as a user can act on it: the file and line, what went
    /// wrong, and the expression it happened in (`{{ e.revnue | money }}`
    /// names both the variable and the filter).
    fn error(&self, requested: &str, err: &Error) -> ReportError {
        let name = err.name().unwrap_or(requested);
        let file = match self.user_file(name) {
            Some(path) => path.display().to_string(),
            None => format!("built-in template {name}"),
        };
        let mut message = match err.detail() {
            Some(detail) => format!("{}: {detail}", err.kind()),
            None => err.kind().to_string(),
        };
        let source = load(self.user_dir.as_deref(), name).ok().flatten();
        if let (Some(source), Some(range)) = (source, err.range())
            && let Some(expression) = enclosing_tag(&source, range)
        {
            message.push_str(&format!(" in `{expression}`"));
        }
        ReportError::Template {
            file,
            line: err.line(),
            message,
        }
    }
}

/// The template context of `json` (an object) with `key` added as a list
/// read item by item: each item becomes a template value only when the
/// template reaches it, so tens of thousands of stories are never all
/// template values at once.
pub fn context_with_list<T>(json: &serde_json::Value, key: &str, items: Arc<Vec<T>>) -> Value
where
    T: Serialize + Debug + Send + Sync + 'static,
{
    let mut map: BTreeMap<String, Value> = json
        .as_object()
        .into_iter()
        .flatten()
        .map(|(k, v)| (k.clone(), Value::from_serialize(v)))
        .collect();
    map.insert(key.to_string(), Value::from_object(LazyList(items)));
    Value::from_iter(map)
}

/// A sequence whose items are serialised when read.
#[derive(Debug)]
struct LazyList<T>(Arc<Vec<T>>);

impl<T> Object for LazyList<T>
where
    T: Serialize + Debug + Send + Sync + 'static,
{
    fn repr(self: &Arc<Self>) -> ObjectRepr {
        ObjectRepr::Seq
    }

    fn get_value(self: &Arc<Self>, key: &Value) -> Option<Value> {
        self.0.get(key.as_usize()?).map(Value::from_serialize)
    }

    fn enumerate(self: &Arc<Self>) -> Enumerator {
        Enumerator::Seq(self.0.len())
    }
}

/// Passes rendered text on with a last pass for control characters written
/// into a template itself, and keeps the first write error, which the
/// template engine reports only as "I/O error during rendering".
struct SafeWriter<'a> {
    out: &'a mut dyn Write,
    failed: Option<io::Error>,
}

impl Write for SafeWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        // The engine writes whole `str`s, so a piece never splits a character.
        let text = std::str::from_utf8(buf).map_err(io::Error::other)?;
        let written = if sanitize::is_clean(text, sanitize::Lines::Keep) {
            self.out.write_all(buf)
        } else {
            self.out.write_all(sanitize::block(text).as_bytes())
        };
        match written {
            Ok(()) => Ok(buf.len()),
            Err(err) => {
                let kept = io::Error::new(err.kind(), err.to_string());
                self.failed.get_or_insert(err);
                Err(kept)
            }
        }
    }

    fn flush(&mut self) -> io::Result<()> {
        self.out.flush()
    }
}

/// The whole `{{ … }}` or `{% … %}` tag around `range` (a filter's error
/// points at the filter's name alone), or just the range's text.
fn enclosing_tag(source: &str, range: std::ops::Range<usize>) -> Option<String> {
    let inner = source.get(range.clone())?;
    let before = source.get(..range.start)?;
    let after = source.get(range.end..)?;
    let open = before.rfind(['{'])?;
    let close = after.find('}');
    let whole = match close {
        Some(close) if !before[open..].contains('}') => source
            .get(open + 1..range.end + close)?
            .trim_matches(['{', '%', '-', ' ', '}']),
        _ => inner,
    };
    Some(whole.trim().to_string())
}

/// Template names are file names: no directories, nothing hidden.
fn is_plain_name(name: &str) -> bool {
    !name.is_empty() && !name.starts_with('.') && !name.contains(['/', '\\'])
}

fn load(user_dir: Option<&Path>, name: &str) -> Result<Option<String>, Error> {
    if !is_plain_name(name) {
        return Ok(None);
    }
    if let Some(dir) = user_dir {
        let path = dir.join(name);
        match std::fs::read_to_string(&path) {
            Ok(text) => return Ok(Some(text)),
            Err(err) if err.kind() == io::ErrorKind::NotFound => {}
            Err(err) => {
                let read = ReportError::Read { path, source: err };
                return Err(Error::new(ErrorKind::InvalidOperation, read.to_string()));
            }
        }
    }
    Ok(BUILT_IN
        .iter()
        .find(|(built_in, _)| *built_in == name)
        .map(|(_, text)| (*text).to_string()))
}

/// The auto-escape mode of `.md` templates.
const MARKDOWN: &str = "markdown";

/// Prints values: strings made safe for a terminal (one line), then
/// escaped as the template's auto-escaping asks (HTML for `.html`,
/// Markdown for `.md`).
fn format_value(out: &mut Output, state: &State, value: &Value) -> Result<(), Error> {
    if state.auto_escape() == AutoEscape::Custom(MARKDOWN) {
        let text = if value.is_safe() || value.is_undefined() || value.is_none() {
            value.to_string()
        } else {
            markdown_escape(&sanitize::line(&value.to_string()))
        };
        return out.write_str(&text).map_err(Error::from);
    }
    match value.as_str() {
        Some(text) if !value.is_safe() => {
            minijinja::escape_formatter(out, state, &Value::from(sanitize::line(text)))
        }
        _ => minijinja::escape_formatter(out, state, value),
    }
}

/// Text that Markdown shows as written: inline markup characters are
/// backslash-escaped everywhere, and a leading `#`, `-`, `+`, `>` or `1.`
/// cannot start a heading, list or quote.
pub fn markdown_escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len() + 8);
    for c in text.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '|' | '~'
        ) {
            out.push('\\');
        }
        out.push(c);
    }
    let starts_block = out.starts_with(['#', '-', '+', '='])
        || out
            .find(|c: char| !c.is_ascii_digit())
            .is_some_and(|i| i > 0 && out[i..].starts_with(['.', ')']));
    if starts_block {
        match out.find(|c: char| !c.is_ascii_digit()) {
            Some(i) if i > 0 => out.insert(i, '\\'),
            _ => out.insert(0, '\\'),
        }
    }
    out
}

/// `{{ totals.revenue_won | money }}` → `$8,301.15`. Amounts come from
/// the report's own sums, so none is refused for its size.
fn money(value: &Value, currency: &Currency) -> Result<String, Error> {
    let cents = match value.as_i64() {
        Some(major) => major.saturating_mul(100),
        None => {
            let major = f64::try_from(value.clone())
                .ok()
                .filter(|f| f.is_finite())
                .ok_or_else(|| {
                    Error::new(
                        ErrorKind::InvalidOperation,
                        format!("filter money expects a number, got {}", described(value)),
                    )
                })?;
            // `as` saturates; the sums this formats are far inside i64 anyway.
            (major * 100.0).round() as i64
        }
    };
    Ok(Money(cents).display(currency))
}

/// A value as an error message shows it: `undefined`, `none`, `"ten"`.
fn described(value: &Value) -> String {
    if value.is_undefined() {
        "undefined (no such variable or field)".into()
    } else {
        format!("{} {value:?}", value.kind())
    }
}

/// `{{ totals.hours_saved | hours }}` → `74` or `1.5`.
fn hours(value: f64) -> String {
    hours_text(value)
}

/// `{{ attention_count | count }}`: `5901` → `5,901`; with a noun, the
/// noun agrees: `{{ n | count("screw-up") }}` → `1 screw-up`, `2 screw-ups`,
/// and `{{ n | count("entry", "entries") }}` for a plural not made with -s.
fn count(value: u64, noun: Option<String>, plural: Option<String>) -> String {
    match noun {
        None => crate::model::group_thousands(value),
        Some(noun) => super::wording::counted(value, &noun, plural.as_deref()),
    }
}

/// `{{ entry.details | multiline }}`: keeps the newlines of multi-line text
/// (everything else still made safe, and HTML-escaped in `.html`).
fn multiline(state: &State, text: String) -> Value {
    let clean = sanitize::block(&text);
    match state.auto_escape() {
        AutoEscape::Html => Value::from_safe_string(HtmlEscape(&clean).to_string()),
        AutoEscape::Custom(MARKDOWN) => Value::from_safe_string(
            clean
                .lines()
                .map(markdown_escape)
                .collect::<Vec<_>>()
                .join("\n"),
        ),
        _ => Value::from_safe_string(clean),
    }
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;

    #[test]
    fn built_in_names_are_all_loadable() {
        for (name, _) in BUILT_IN {
            assert!(load(None, name).expect("loads").is_some(), "{name}");
        }
        assert_eq!(load(None, "../report.md").expect("no error"), None);
    }

    #[test]
    fn count_groups_thousands_and_makes_its_noun_agree() {
        let env = Templates::default().environment(&Currency::default());
        let render = |source: &str, n: u64| {
            env.render_str(source, minijinja::context! { n => n })
                .expect("renders")
        };
        assert_eq!(render("{{ n | count }}", 5901), "5,901");
        assert_eq!(render("{{ n | count(\"win\") }}", 1), "1 win");
        assert_eq!(render("{{ n | count(\"win\") }}", 0), "0 wins");
        assert_eq!(render("{{ n | count(\"win\") }}", 1200), "1,200 wins");
        assert_eq!(
            render("{{ n | count(\"entry\", \"entries\") }}", 2),
            "2 entries"
        );
        assert_eq!(
            render("{{ n | count(\"entry\", \"entries\") }}", 1),
            "1 entry"
        );
    }

    #[test]
    fn filters_format_money_and_hours() {
        let currency = Currency::default();
        assert_eq!(
            money(&Value::from(5000), &currency).expect("money"),
            "$5,000"
        );
        assert_eq!(
            money(&Value::from(-1200.5), &currency).expect("money"),
            "-$1,200.50"
        );
        assert!(money(&Value::from("ten"), &currency).is_err());
        assert!(money(&Value::from(f64::NAN), &currency).is_err());
        assert_eq!(
            money(&Value::from(5_000_000_000_000_i64), &currency).expect("money"),
            "$5,000,000,000,000"
        );
        assert_eq!(hours(1.5), "1.5");
    }

    #[test]
    fn printed_text_is_made_safe_for_terminal_and_html() {
        let dir = tempfile::tempdir().expect("tempdir");
        let templates_dir = dir.path().join("templates");
        std::fs::create_dir(&templates_dir).expect("mkdir");
        std::fs::write(
            templates_dir.join("report.md"),
            "{{ t }}|{{ d | multiline }}",
        )
        .expect("write");
        std::fs::write(
            templates_dir.join("report.html"),
            "{{ t }}|{{ d | multiline }}",
        )
        .expect("write");
        let templates = Templates::for_config_dir(Some(dir.path()));
        let context = json!({"t": "<b>\u{1b}[31m\nx", "d": "a\n<i>\u{7}"});
        let md = templates
            .render("report.md", &context, &Currency::default())
            .expect("md");
        assert_eq!(md, "\\<b\\>\\\\u{1b}\\[31m\\\\u{a}x|a\n\\<i\\>\\\\u{7}");
        let html = templates
            .render("report.html", &context, &Currency::default())
            .expect("html");
        assert_eq!(html, "&lt;b&gt;\\u{1b}[31m\\u{a}x|a\n&lt;i&gt;\\u{7}");
    }

    #[test]
    fn user_templates_can_include_their_own_files() {
        let dir = tempfile::tempdir().expect("tempdir");
        let templates_dir = dir.path().join("templates");
        std::fs::create_dir(&templates_dir).expect("mkdir");
        std::fs::write(
            templates_dir.join("report.md"),
            "{% include \"header.md\" %}body\n",
        )
        .expect("write");
        std::fs::write(templates_dir.join("header.md"), "# {{ week }}\n").expect("write");
        let templates = Templates::for_config_dir(Some(dir.path()));
        let text = templates.render(
            "report.md",
            &json!({"week": "2026-W47"}),
            &Currency::default(),
        );
        assert_eq!(text.expect("renders"), "# 2026-W47\nbody\n");
    }

    #[test]
    fn a_broken_user_template_names_its_file_and_line() {
        let dir = tempfile::tempdir().expect("tempdir");
        let templates_dir = dir.path().join("templates");
        std::fs::create_dir(&templates_dir).expect("mkdir");
        std::fs::write(
            templates_dir.join("report.md"),
            "# {{ week }}\n\n{% for x in %}\n",
        )
        .expect("write");
        let templates = Templates::for_config_dir(Some(dir.path()));
        let err = templates
            .render(
                "report.md",
                &json!({"week": "2026-W47"}),
                &Currency::default(),
            )
            .unwrap_err();
        let message = err.to_string();
        let expected_file = templates_dir.join("report.md").display().to_string();
        assert!(
            message.starts_with(&format!("{expected_file}:3: syntax error")),
            "{message}"
        );
        // A misspelt variable is an error too, not a silent blank.
        std::fs::write(templates_dir.join("report.md"), "{{ week }}\n{{ weak }}\n").expect("write");
        let message = templates
            .render("report.md", &json!({"week": "W"}), &Currency::default())
            .unwrap_err()
            .to_string();
        assert!(
            message.starts_with(&format!("{expected_file}:2: undefined value")),
            "{message}"
        );
        assert!(message.ends_with("in `weak`"), "{message}");
        // A filter given the wrong value names the filter, the value and the expression.
        std::fs::write(
            templates_dir.join("report.md"),
            "\n{{ week.revnue | money }}\n",
        )
        .expect("write");
        let message = templates
            .render("report.md", &json!({"week": {}}), &Currency::default())
            .unwrap_err()
            .to_string();
        assert_eq!(
            message,
            format!(
                "{expected_file}:2: invalid operation: filter money expects a number, \
                 got undefined (no such variable or field) in `week.revnue | money`"
            )
        );
    }

    #[test]
    fn markdown_is_escaped_in_md_templates() {
        assert_eq!(
            markdown_escape("<script>x</script>"),
            "\\<script\\>x\\</script\\>"
        );
        assert_eq!(markdown_escape("a *b* _c_ | d"), "a \\*b\\* \\_c\\_ \\| d");
        assert_eq!(markdown_escape("# not a heading"), "\\# not a heading");
        assert_eq!(markdown_escape("2026. year"), "2026\\. year");
        assert_eq!(
            markdown_escape("Quote for Birch, $5,000"),
            "Quote for Birch, $5,000"
        );
    }
}
