//! jrnl's two forms: the plain-text journal file it writes
//! (`[2026-10-01 02:30:00 PM] Title`, the body on the lines below until the
//! next header; `jrnl "Title. Body"` puts the first sentence on the header
//! line) and its `jrnl --export json` output. Both give an entry the same
//! id, so importing the export after the file adds nothing.
//!
//! Tags (`@word`, `#word`) become tags; the first tag that names a kind
//! chooses it (see [`kind_of_tag`]) and is not kept as a tag. A run of
//! tags at the end of the title or body is dropped from the text, since
//! the tags now live in their own field; tags mid-sentence stay.

use chrono::{NaiveDate, NaiveDateTime, NaiveTime};
use serde::Deserialize;

use crate::model::{Entry, EntryId, Kind};

/// One jrnl entry as read, with the line it starts on.
#[derive(Debug, Clone, PartialEq)]
pub struct JrnlEntry {
    pub line: usize,
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    pub title: String,
    pub body: String,
    /// As written, with their `@` or `#`.
    pub tags: Vec<String>,
}

/// Why the input is not a jrnl journal, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ParseError {
    pub line: usize,
    pub message: String,
}

/// The header date formats jrnl writes: its default `%F %r` (12-hour with
/// seconds), the older `%Y-%m-%d %H:%M`, and their near relatives.
const HEADER_FORMATS: [&str; 5] = [
    "%Y-%m-%d %I:%M:%S %p",
    "%Y-%m-%d %I:%M %p",
    "%Y-%m-%d %H:%M:%S",
    "%Y-%m-%d %H:%M",
    "%Y-%m-%d %H:%M:%S%.f",
];

/// Reads either form: JSON when the text starts with `{`, else plain text.
pub fn parse(text: &str) -> Result<Vec<JrnlEntry>, ParseError> {
    let text = text.strip_prefix('\u{feff}').unwrap_or(text);
    if text.trim_start().starts_with('{') {
        parse_json(text)
    } else {
        parse_text(text)
    }
}

/// The plain-text journal: a header line per entry, the body below it.
pub fn parse_text(text: &str) -> Result<Vec<JrnlEntry>, ParseError> {
    let mut entries: Vec<JrnlEntry> = Vec::new();
    let mut body: Vec<&str> = Vec::new();
    let finish = |entries: &mut Vec<JrnlEntry>, body: &mut Vec<&str>| {
        if let Some(last) = entries.last_mut() {
            let rest = body.join("\n");
            let joined = match (last.body.is_empty(), rest.trim().is_empty()) {
                (_, true) => last.body.clone(),
                (true, false) => rest,
                (false, false) => format!("{}\n{rest}", last.body),
            };
            last.body = joined.trim().to_string();
            last.tags = tags_in(&format!("{}\n{}", last.title, last.body));
        }
        body.clear();
    };
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        match header(line) {
            Some(Ok((when, rest))) => {
                finish(&mut entries, &mut body);
                // As jrnl reads its file: the header line's text is the
                // title (a trailing `*` marks a starred entry), the lines
                // below are the body.
                let title = rest.trim();
                let title = title.strip_suffix('*').map_or(title, str::trim_end);
                if title.is_empty() {
                    return Err(ParseError {
                        line: number,
                        message: "the entry has no title".into(),
                    });
                }
                entries.push(JrnlEntry {
                    line: number,
                    date: when.date(),
                    time: Some(when.time()),
                    title: title.to_string(),
                    body: String::new(),
                    tags: Vec::new(),
                });
            }
            Some(Err(message)) => {
                return Err(ParseError {
                    line: number,
                    message,
                });
            }
            None if entries.is_empty() && !line.trim().is_empty() => {
                return Err(ParseError {
                    line: number,
                    message: "expected a jrnl entry header such as [2026-10-01 14:30] Title".into(),
                });
            }
            None => body.push(line),
        }
    }
    // jrnl splits the first sentence off only when the entry's text has no
    // newline at all: the last entry of a file without a final newline.
    if !text.ends_with('\n')
        && body.iter().all(|l| l.trim().is_empty())
        && let Some(last) = entries.last_mut()
        && let Some(end) = sentence_end(&last.title)
    {
        last.body = last.title[end..].trim().to_string();
        last.title = last.title[..end].trim().to_string();
    }
    finish(&mut entries, &mut body);
    Ok(entries)
}

/// Where the first sentence of `text` ends: after `.`, `!` or `?` (and any
/// closing quote or bracket) followed by a space.
fn sentence_end(text: &str) -> Option<usize> {
    let mut chars = text.char_indices().peekable();
    while let Some((_, c)) = chars.next() {
        if !matches!(c, '.' | '!' | '?' | '…') {
            continue;
        }
        while let Some((_, next)) = chars.peek() {
            if matches!(next, '\'' | '"' | '’' | '”' | ']' | ')') {
                chars.next();
            } else {
                break;
            }
        }
        if let Some(&(at, next)) = chars.peek()
            && next.is_whitespace()
        {
            return Some(at);
        }
    }
    None
}

/// `Some(Ok(..))` for a header line, `Some(Err(..))` for one that looks
/// like a header but whose date is not one, `None` for a body line.
fn header(line: &str) -> Option<Result<(NaiveDateTime, &str), String>> {
    let rest = line.strip_prefix('[')?;
    let looks_like_date = rest.len() >= 10
        && rest.as_bytes()[..4].iter().all(u8::is_ascii_digit)
        && rest.as_bytes()[4] == b'-';
    if !looks_like_date {
        return None;
    }
    let Some((stamp, after)) = rest.split_once(']') else {
        return Some(Err("the entry header has no closing ]".into()));
    };
    let parsed = HEADER_FORMATS
        .iter()
        .find_map(|format| NaiveDateTime::parse_from_str(stamp.trim(), format).ok())
        .or_else(|| {
            NaiveDate::parse_from_str(stamp.trim(), "%Y-%m-%d")
                .ok()
                .and_then(|d| d.and_hms_opt(0, 0, 0))
        });
    Some(match parsed {
        Some(when) => Ok((when, after)),
        None => Err(format!(
            "[{}] is not a date and time jrnl writes (such as 2026-10-01 14:30)",
            crate::sanitize::line(stamp)
        )),
    })
}

/// Every `@tag` or `#tag` in `text`, in order, each once.
fn tags_in(text: &str) -> Vec<String> {
    let mut tags: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        let Some(tag) = as_tag(word) else { continue };
        if !tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
            tags.push(tag);
        }
    }
    tags
}

/// `@Acme,` → `@acme`: as jrnl finds tags, a tag symbol and a run of
/// word characters or `-+*#/`, lower-cased.
fn as_tag(word: &str) -> Option<String> {
    let mut chars = word.chars();
    let symbol = chars.next().filter(|c| matches!(c, '@' | '#'))?;
    let name: String = chars
        .take_while(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '+' | '*' | '#' | '/'))
        .collect();
    (!name.is_empty()).then(|| format!("{symbol}{}", name.to_lowercase()))
}

/// The kind a tag names, case-insensitively: `@screwup` (`@screw-up`,
/// `@mistake`), `@fix`, `@win` (`@exceeded`), `@met`, `@promise`, `@note`.
pub fn kind_of_tag(tag: &str) -> Option<Kind> {
    let name = tag.trim_start_matches(['@', '#']).to_lowercase();
    match name.as_str() {
        "screwup" | "screw-up" | "mistake" => Some(Kind::Screwup),
        "fix" | "fixed" => Some(Kind::Fix),
        "win" | "exceeded" => Some(Kind::Exceeded),
        "met" => Some(Kind::Met),
        "promise" => Some(Kind::Promise),
        "note" => Some(Kind::Note),
        _ => None,
    }
}

/// `Sent it twice @screwup @acme` → `Sent it twice`: a run of tags at the
/// end says what the text is about, not part of it.
fn without_trailing_tags(text: &str) -> String {
    let mut words: Vec<&str> = text.split(' ').collect();
    while let Some(last) = words.last() {
        if last.is_empty()
            || as_tag(last).is_some_and(|t| t.chars().count() == last.chars().count())
        {
            words.pop();
        } else {
            break;
        }
    }
    words.join(" ").trim().to_string()
}

#[derive(Deserialize)]
struct Export {
    entries: Vec<ExportEntry>,
}

#[derive(Deserialize)]
struct ExportEntry {
    title: String,
    #[serde(default)]
    body: String,
    date: String,
    #[serde(default)]
    time: Option<String>,
    #[serde(default)]
    tags: Vec<String>,
}

/// `jrnl --export json`: `{"tags": {…}, "entries": [{"title", "body",
/// "date", "time", "tags", "starred"}]}`. Errors name the line of the
/// entry's `title` key where that can be found.
pub fn parse_json(text: &str) -> Result<Vec<JrnlEntry>, ParseError> {
    let export: Export = serde_json::from_str(text).map_err(|err| ParseError {
        line: err.line(),
        message: format!("not jrnl's JSON export: {err}"),
    })?;
    let title_lines: Vec<usize> = text
        .lines()
        .enumerate()
        .filter(|(_, l)| l.contains("\"title\":"))
        .map(|(i, _)| i + 1)
        .collect();
    export
        .entries
        .into_iter()
        .enumerate()
        .map(|(index, e)| {
            let line = title_lines.get(index).copied().unwrap_or(1);
            let bad = |message: String| ParseError { line, message };
            let date = NaiveDate::parse_from_str(&e.date, "%Y-%m-%d")
                .map_err(|_| bad(format!("date {:?} is not YYYY-MM-DD", e.date)))?;
            let time = match e.time.as_deref().filter(|t| !t.is_empty()) {
                Some(t) => Some(
                    NaiveTime::parse_from_str(t, "%H:%M")
                        .or_else(|_| NaiveTime::parse_from_str(t, "%H:%M:%S"))
                        .map_err(|_| bad(format!("time {t:?} is not HH:MM")))?,
                ),
                None => None,
            };
            if e.title.trim().is_empty() {
                return Err(bad("the entry has no title".into()));
            }
            let mut tags = e.tags;
            for tag in tags_in(&format!("{}\n{}", e.title, e.body)) {
                if !tags.iter().any(|t| t.eq_ignore_ascii_case(&tag)) {
                    tags.push(tag);
                }
            }
            Ok(JrnlEntry {
                line,
                date,
                time,
                title: e.title.trim().to_string(),
                body: e.body.trim().to_string(),
                tags,
            })
        })
        .collect()
}

impl JrnlEntry {
    /// The journal entry this becomes: the kind its first kind tag names,
    /// else `default`; the other tags without their symbol; the body as
    /// details; and the id [`JrnlEntry::id`] gives for `attempt` 0.
    pub fn to_entry(&self, default: Kind, attempt: u32) -> Result<Entry, ParseError> {
        let kind = self
            .tags
            .iter()
            .find_map(|t| kind_of_tag(t))
            .unwrap_or(default);
        let mut title = without_trailing_tags(&self.title);
        if title.is_empty() {
            title = self.title.trim().to_string();
        }
        if title.contains('\n') {
            title = title.replace('\n', " ");
        }
        let mut entry = Entry::new(self.id(attempt), self.date, kind, title);
        entry.time = self.time;
        let body = without_trailing_tags(&self.body);
        entry.details = (!body.is_empty()).then_some(body);
        entry.tags = self
            .tags
            .iter()
            .filter(|t| kind_of_tag(t).is_none())
            .map(|t| t.trim_start_matches(['@', '#']).to_string())
            .collect();
        entry.validate().map_err(|err| ParseError {
            line: self.line,
            message: err.to_string(),
        })?;
        Ok(entry)
    }

    /// A stable id from the source: the day, then four characters from an
    /// FNV-1a hash of the date, time, title and body (and `attempt`, tried
    /// upwards when an id is taken by a different entry). The same source
    /// gives the same id on every import, so nothing is added twice.
    pub fn id(&self, attempt: u32) -> EntryId {
        const ALPHABET: &[u8] = b"abcdefghijklmnopqrstuvwxyz0123456789";
        let time = self.time.map(|t| t.format("%H:%M").to_string());
        let source = format!(
            "{}\u{0}{}\u{0}{}\u{0}{}\u{0}{attempt}",
            self.date,
            time.unwrap_or_default(),
            self.title.trim(),
            self.body.trim()
        );
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in source.bytes() {
            hash ^= u64::from(byte);
            hash = hash.wrapping_mul(0x0100_0000_01b3);
        }
        let suffix: String = (0..4)
            .map(|i| ALPHABET[((hash >> (i * 12)) % 36) as usize] as char)
            .collect();
        format!("{}-{suffix}", self.date.format("%Y-%m-%d"))
            .parse()
            .expect("a date and four characters of the id alphabet")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "[2026-10-01 02:30:00 PM] Sent Acme the invoice twice.\n\
                        They caught it before paying. @screwup @acme\n\
                        \n\
                        [2026-11-28 09:00] Added a check @fix\n\
                        It runs before sending.\n\
                        \n\
                        [2026-11-29 10:04:02 PM] Multi line entry. Same line *\n\
                        first body line\n\
                        \n\
                        second paragraph with @Acme mid-sentence\n";

    #[test]
    fn plain_text_entries_split_into_title_body_and_tags() {
        let entries = parse(TEXT).expect("parses");
        assert_eq!(entries.len(), 3);
        let first = &entries[0];
        assert_eq!(first.line, 1);
        assert_eq!(first.date.to_string(), "2026-10-01");
        assert_eq!(
            first.time.map(|t| t.to_string()).as_deref(),
            Some("14:30:00")
        );
        assert_eq!(first.title, "Sent Acme the invoice twice.");
        assert_eq!(first.body, "They caught it before paying. @screwup @acme");
        assert_eq!(first.tags, ["@screwup", "@acme"]);
        assert_eq!(entries[1].title, "Added a check @fix");
        assert_eq!(entries[1].body, "It runs before sending.");
        assert_eq!(entries[2].line, 7);
        assert_eq!(entries[2].title, "Multi line entry. Same line");
        assert_eq!(
            entries[2].body,
            "first body line\n\nsecond paragraph with @Acme mid-sentence"
        );
    }

    #[test]
    fn tags_choose_the_kind_and_trailing_tags_leave_the_text() {
        let entries = parse(TEXT).expect("parses");
        let screwup = entries[0].to_entry(Kind::Note, 0).expect("entry");
        assert_eq!(screwup.kind, Kind::Screwup);
        assert_eq!(screwup.tags, ["acme"]);
        assert_eq!(
            screwup.details.as_deref(),
            Some("They caught it before paying.")
        );
        assert_eq!(
            entries[1].to_entry(Kind::Note, 0).expect("e").kind,
            Kind::Fix
        );
        let plain = entries[2].to_entry(Kind::Met, 0).expect("entry");
        assert_eq!(plain.kind, Kind::Met);
        assert!(
            plain
                .details
                .as_deref()
                .is_some_and(|d| d.contains("@Acme mid-sentence"))
        );
        for (tag, kind) in [
            ("@win", Kind::Exceeded),
            ("#Screw-up", Kind::Screwup),
            ("@promise", Kind::Promise),
            ("@met", Kind::Met),
            ("@note", Kind::Note),
        ] {
            assert_eq!(kind_of_tag(tag), Some(kind), "{tag}");
        }
        assert_eq!(kind_of_tag("@acme"), None);
        assert_eq!(as_tag("@Acme,"), Some("@acme".into()));
    }

    #[test]
    fn ids_are_stable_and_differ_by_content() {
        let a = parse(TEXT).expect("parses");
        let b = parse(TEXT).expect("parses");
        assert_eq!(a[0].id(0), b[0].id(0));
        assert!(a[0].id(0).as_str().starts_with("2026-10-01-"));
        assert_ne!(a[0].id(0), a[0].id(1));
        assert_ne!(a[1].id(0), a[2].id(0));
    }

    #[test]
    fn bad_input_names_its_line() {
        let err = parse("some text before any entry\n").unwrap_err();
        assert_eq!(err.line, 1);
        let err =
            parse("[2026-10-01 14:30] Fine\nbody\n[2026-13-45 14:30] Bad date\n").unwrap_err();
        assert_eq!(err.line, 3);
        assert!(err.message.contains("2026-13-45"), "{}", err.message);
        let err =
            parse("{\n  \"entries\": [\n    {\"title\": \"x\", \"date\": \"someday\"}\n  ]\n}")
                .unwrap_err();
        assert_eq!(err.line, 3);
        let err = parse("{\"entries\": [}").unwrap_err();
        assert_eq!(err.line, 1);
        assert_eq!(parse("").expect("empty"), []);
        // A body line that only starts like a date is body text.
        let entries = parse("[2026-10-01 14:30] Title\n[see notes] later\n").expect("parses");
        assert_eq!(entries[0].body, "[see notes] later");
        // With no newline at all, jrnl splits off the first sentence.
        let entries = parse("[2026-10-01 14:30] Title here. Body here").expect("parses");
        assert_eq!(
            (entries[0].title.as_str(), entries[0].body.as_str()),
            ("Title here.", "Body here")
        );
    }

    #[test]
    fn json_export_reads_like_the_text() {
        let json = r#"{"tags": {"@fix": 1}, "entries": [
          {"title": "Added a duplicate check @fix", "body": "", "date": "2026-11-28",
           "time": "09:00", "tags": ["@fix"], "starred": false}]}"#;
        let entries = parse(json).expect("parses");
        let entry = entries[0].to_entry(Kind::Note, 0).expect("entry");
        assert_eq!(entry.kind, Kind::Fix);
        assert_eq!(entry.title, "Added a duplicate check");
        assert_eq!(
            entry.time.map(|t| t.to_string()).as_deref(),
            Some("09:00:00")
        );
        assert!(entry.tags.is_empty());
    }
}
