//! Rendered Markdown laid out for the report and bullets screens: styled
//! headings, list items wrapped with a hanging indent, money coloured,
//! Markdown escapes undone, and tables handed over whole so the screen can
//! draw them as widgets (see `report`).

use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::theme;
use crate::sanitize;

/// One piece of a drawn document: a line of text, or a table (the trend),
/// drawn as a widget by the report screen.
#[derive(Debug, Clone, PartialEq)]
pub enum Part {
    Line(Line<'static>),
    /// The header row first; the Markdown `|---|` rule is left out.
    Table(Vec<Vec<String>>),
}

/// Markdown laid out `width` cells wide: `#` headings, `-` items (nested
/// ones too) with a hanging indent, `**bold**`, money, and each table as
/// one [`Part::Table`].
pub fn document(markdown: &str, width: usize) -> Vec<Part> {
    let mut out = Vec::new();
    let mut table: Vec<Vec<String>> = Vec::new();
    let lines = |lines: Vec<Line<'static>>| lines.into_iter().map(Part::Line);
    for raw in markdown.lines() {
        let line = sanitize::line(raw);
        if let Some(row) = table_row(&line) {
            if !row.is_empty() {
                table.push(row);
            }
            continue;
        }
        if !table.is_empty() {
            out.push(Part::Table(std::mem::take(&mut table)));
        }
        if let Some(heading) = line.strip_prefix("# ") {
            out.push(Part::Line(Line::styled(
                unescape(heading),
                theme::HEADING.add_modifier(Modifier::UNDERLINED),
            )));
        } else if let Some(heading) = line
            .strip_prefix("## ")
            .or_else(|| line.strip_prefix("### "))
        {
            out.push(Part::Line(Line::styled(unescape(heading), theme::HEADING)));
        } else if let Some((depth, item)) = list_item(&line) {
            let marker = if depth == 0 { "  • " } else { "      ◦ " };
            let prefix = vec![Span::styled(marker, theme::DIM)];
            out.extend(lines(wrap(
                prefix,
                inline(item),
                marker.chars().count(),
                width,
            )));
        } else {
            out.extend(lines(wrap(Vec::new(), inline(&line), 0, width)));
        }
    }
    if !table.is_empty() {
        out.push(Part::Table(table));
    }
    out
}

/// `- item` or `  - nested item`: its depth and text.
fn list_item(line: &str) -> Option<(usize, &str)> {
    let trimmed = line.trim_start();
    let depth = (line.len() - trimmed.len()) / 2;
    let item = trimmed
        .strip_prefix("- ")
        .or_else(|| trimmed.strip_prefix("* "))?;
    Some((depth, item))
}

/// The cells of a `| a | b |` row; `None` for other lines. The `|---|`
/// rule comes back as an empty row.
fn table_row(line: &str) -> Option<Vec<String>> {
    let inner = line.trim().strip_prefix('|')?.strip_suffix('|')?;
    if inner.chars().all(|c| matches!(c, '-' | ':' | '|' | ' ')) {
        return Some(Vec::new());
    }
    Some(inner.split('|').map(|c| unescape(c.trim())).collect())
}

/// Greedy word wrap of `spans` after `prefix`; continuation lines start
/// with `indent` spaces so they hang under the text, not the marker.
fn wrap(
    prefix: Vec<Span<'static>>,
    spans: Vec<Span<'static>>,
    indent: usize,
    width: usize,
) -> Vec<Line<'static>> {
    let width = width.max(indent + 8);
    let mut lines = Vec::new();
    let mut current = prefix;
    let mut used: usize = current.iter().map(Span::width).sum();
    let mut has_text = false;
    for span in spans {
        let style = span.style;
        for word in span.content.split_inclusive(' ') {
            let fits = used + word.trim_end().width() <= width;
            if !fits && has_text {
                lines.push(Line::from(std::mem::take(&mut current)));
                current.push(Span::raw(" ".repeat(indent)));
                used = indent;
            }
            let mut rest = word.to_string();
            // A word wider than the line is cut.
            while used + rest.trim_end().width() > width && rest.chars().count() > 1 {
                let room = width.saturating_sub(used).max(1);
                let cut = cut_at(&rest, room);
                let head = rest[..cut].to_string();
                rest = rest[cut..].to_string();
                current.push(Span::styled(head, style));
                lines.push(Line::from(std::mem::take(&mut current)));
                current.push(Span::raw(" ".repeat(indent)));
                used = indent;
            }
            used += rest.width();
            current.push(Span::styled(rest, style));
            has_text = true;
        }
    }
    lines.push(Line::from(current));
    lines
}

/// The byte offset where `text` fills `cells` cells: at least one character,
/// so a cut always moves on.
fn cut_at(text: &str, cells: usize) -> usize {
    let mut used = 0;
    for (at, c) in text.char_indices() {
        let width = c.width().unwrap_or(0);
        if at > 0 && used + width > cells {
            return at;
        }
        used += width;
    }
    text.len()
}

/// `**bold**` runs, Markdown backslash escapes undone, and money amounts.
fn inline(text: &str) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut run = String::new();
    let mut bold = false;
    let mut chars = text.chars().peekable();
    let flush = |run: &mut String, bold: bool, spans: &mut Vec<Span<'static>>| {
        let base = if bold { theme::TITLE } else { Style::default() };
        spans.extend(money_spans(&std::mem::take(run), base));
    };
    while let Some(c) = chars.next() {
        match c {
            '\\' if chars.peek().is_some_and(char::is_ascii_punctuation) => {
                run.extend(chars.next());
            }
            '*' if chars.peek() == Some(&'*') => {
                chars.next();
                flush(&mut run, bold, &mut spans);
                bold = !bold;
            }
            _ => run.push(c),
        }
    }
    flush(&mut run, bold, &mut spans);
    spans.retain(|s| !s.content.is_empty());
    spans
}

/// Text with Markdown backslash escapes undone.
fn unescape(text: &str) -> String {
    inline(text).iter().map(|s| s.content.as_ref()).collect()
}

/// Colours amounts like `$5,000` and `-$1,200` (a currency sign followed by digits).
fn money_spans(text: &str, base: Style) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    let mut rest = text;
    while let Some(start) = rest.find(['$', '€', '£', '¥', '₹', '₩']) {
        let sign = rest[start..].chars().next().map_or(1, char::len_utf8);
        let digits = rest[start + sign..]
            .find(|c: char| !(c.is_ascii_digit() || c == ',' || c == '.'))
            .unwrap_or(rest.len() - start - sign);
        if digits == 0 {
            spans.push(Span::styled(rest[..start + sign].to_string(), base));
            rest = &rest[start + sign..];
            continue;
        }
        let negative = rest[..start].ends_with('-');
        let begin = if negative { start - 1 } else { start };
        let end = start + sign + digits;
        spans.push(Span::styled(rest[..begin].to_string(), base));
        let style = if negative {
            theme::MONEY_DOWN
        } else {
            theme::MONEY_UP
        };
        spans.push(Span::styled(
            rest[begin..end].to_string(),
            base.patch(style),
        ));
        rest = &rest[end..];
    }
    if !rest.is_empty() {
        spans.push(Span::styled(rest.to_string(), base));
    }
    spans
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The document's lines; a table stands as `[table of N rows]`.
    fn lines(parts: &[Part]) -> Vec<Line<'static>> {
        parts
            .iter()
            .map(|part| match part {
                Part::Line(line) => line.clone(),
                Part::Table(rows) => Line::from(format!("[table of {} rows]", rows.len())),
            })
            .collect()
    }

    fn texts(parts: &[Part]) -> Vec<String> {
        lines(parts).iter().map(ToString::to_string).collect()
    }

    #[test]
    fn markdown_gets_styles() {
        let lines = lines(&document(
            "# Title\n## Totals\n- Revenue won: $5,000 and -$1,200\n**bold** \\*text\\*",
            80,
        ));
        assert_eq!(lines[0].to_string(), "Title");
        assert_eq!(
            lines[0].style,
            theme::HEADING.add_modifier(Modifier::UNDERLINED)
        );
        assert_eq!(lines[2].to_string(), "  • Revenue won: $5,000 and -$1,200");
        let money: Vec<&Span> = lines[2]
            .spans
            .iter()
            .filter(|s| s.style == theme::MONEY_UP || s.style == theme::MONEY_DOWN)
            .collect();
        assert_eq!(money.len(), 2);
        assert_eq!(money[0].content, "$5,000");
        assert_eq!(money[1].content, "-$1,200");
        assert_eq!(lines[3].spans[0].style, theme::TITLE);
        assert_eq!(lines[3].to_string(), "bold *text*");
    }

    #[test]
    fn list_items_wrap_with_a_hanging_indent() {
        let parts = document(
            "- **Fix:** Added a duplicate-invoice check before sending\n  - for screw-up: Sent Acme the invoice twice",
            30,
        );
        assert_eq!(
            texts(&parts),
            [
                "  • Fix: Added a ",
                "    duplicate-invoice check ",
                "    before sending",
                "      ◦ for screw-up: Sent ",
                "        Acme the invoice twice",
            ]
        );
    }

    #[test]
    fn a_table_is_one_part_without_its_rule() {
        let table = "Before\n| Week | Wins |\n|---|--:|\n| 2026-W46 | 8 |\n| W\\_47 | 4 |\nAfter";
        let parts = document(table, 52);
        assert_eq!(texts(&parts), ["Before", "[table of 3 rows]", "After"]);
        assert_eq!(
            parts[1],
            Part::Table(vec![
                vec!["Week".into(), "Wins".into()],
                vec!["2026-W46".into(), "8".into()],
                vec!["W_47".into(), "4".into()],
            ])
        );
    }

    #[test]
    fn wide_characters_wrap_by_the_cells_they_take() {
        // Each of these takes two cells: ten of them fill a 20-cell line.
        let parts = document("- 東京の顧客に 請求書を二重に送った 件の対応を完了", 24);
        // Trailing spaces may hang past the edge, as with narrow text.
        let shown = texts(&parts);
        assert!(
            shown.iter().all(|t| t.trim_end().width() <= 24),
            "{shown:?}"
        );
        assert_eq!(
            texts(&parts),
            [
                "  • 東京の顧客に ",
                "    請求書を二重に送った ",
                "    件の対応を完了",
            ]
        );
        // A word wider than the line is cut where the cells run out.
        let parts = document("一二三四五六七八九十一二三四五", 12);
        assert_eq!(texts(&parts), ["一二三四五六", "七八九十一二", "三四五"]);
    }
}
