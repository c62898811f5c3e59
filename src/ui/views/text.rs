//! The report and bullets screens: the rendered Markdown drawn, not
//! printed: styled headings, list items wrapped with a hanging indent, the
//! trend table drawn as bars on one scale, money coloured, Markdown escapes
//! undone, and scrolling that stops once the last line is in view.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Color, Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget};

use super::theme;
use crate::sanitize;
use crate::ui::app::App;

pub fn report(app: &App, area: Rect, buf: &mut Buffer) {
    let title = format!(" Report {} ", app.week.label());
    scrolled(app, &title, area, buf);
}

pub fn bullets(app: &App, area: Rect, buf: &mut Buffer) {
    scrolled(app, " Resume bullets, last 12 months ", area, buf);
}

fn scrolled(app: &App, title: &str, area: Rect, buf: &mut Buffer) {
    let block = Block::bordered().title(title.to_string());
    let inner = block.inner(area);
    let width = usize::from(inner.width.max(1));
    let mut lines = match app.view_text() {
        Some(Ok(markdown)) => styled(markdown, width),
        Some(Err(err)) => vec![Line::styled(sanitize::line(err), theme::ERROR)],
        None => vec![Line::styled("Rendering…", theme::DIM)],
    };
    if !app.journal().is_loaded() {
        lines.insert(
            0,
            Line::styled(
                "(still reading the whole journal; older weeks will fill in)",
                theme::DIM,
            ),
        );
    }
    // Stop once the last line is in view: no scrolling into blank space.
    let last_top = lines.len().saturating_sub(usize::from(inner.height));
    let top = usize::from(app.scroll).min(last_top);
    Paragraph::new(lines)
        .scroll((u16::try_from(top).unwrap_or(u16::MAX), 0))
        .block(block)
        .render(area, buf);
}

/// Markdown to styled lines `width` cells wide: `#` headings, `-` items
/// (nested ones too) with a hanging indent, the trend table as bars,
/// `**bold**`, money.
pub fn styled(markdown: &str, width: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let mut table: Vec<Vec<String>> = Vec::new();
    for raw in markdown.lines() {
        let line = sanitize::line(raw);
        if let Some(row) = table_row(&line) {
            table.push(row);
            continue;
        }
        if !table.is_empty() {
            out.extend(trend_bars(&std::mem::take(&mut table), width));
        }
        if let Some(heading) = line.strip_prefix("# ") {
            out.push(Line::styled(
                unescape(heading),
                theme::HEADING.add_modifier(Modifier::UNDERLINED),
            ));
        } else if let Some(heading) = line
            .strip_prefix("## ")
            .or_else(|| line.strip_prefix("### "))
        {
            out.push(Line::styled(unescape(heading), theme::HEADING));
        } else if let Some((depth, item)) = list_item(&line) {
            let marker = if depth == 0 { "  • " } else { "      ◦ " };
            let prefix = vec![Span::styled(marker, theme::DIM)];
            out.extend(wrap(prefix, inline(item), marker.chars().count(), width));
        } else {
            out.extend(wrap(Vec::new(), inline(&line), 0, width));
        }
    }
    if !table.is_empty() {
        out.extend(trend_bars(&table, width));
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
/// rule comes back as an empty row and is skipped when drawing.
fn table_row(line: &str) -> Option<Vec<String>> {
    let inner = line.trim().strip_prefix('|')?.strip_suffix('|')?;
    if inner.chars().all(|c| matches!(c, '-' | ':' | '|' | ' ')) {
        return Some(Vec::new());
    }
    Some(inner.split('|').map(|c| unescape(c.trim())).collect())
}

/// A table whose columns after the first are counts (the trend), as one
/// row per week with a bar per column, all on one scale; any other table
/// as aligned columns.
fn trend_bars(rows: &[Vec<String>], width: usize) -> Vec<Line<'static>> {
    let rows: Vec<&Vec<String>> = rows.iter().filter(|r| !r.is_empty()).collect();
    let Some((header, body)) = rows.split_first() else {
        return Vec::new();
    };
    let counts: Vec<Vec<u32>> = body
        .iter()
        .map(|r| r.iter().skip(1).filter_map(|c| c.parse().ok()).collect())
        .collect();
    let columns = header.len().saturating_sub(1);
    let numeric = columns > 0 && counts.iter().all(|c| c.len() == columns);
    let label_width = rows.iter().map(|r| r[0].chars().count()).max().unwrap_or(0);
    if !numeric {
        return rows
            .iter()
            .map(|r| Line::from(format!("  {}", r.join("  "))))
            .collect();
    }
    let max = counts.iter().flatten().copied().max().unwrap_or(0).max(1);
    // Each column: a bar up to `bar` cells, a space, the count (2 digits).
    let cell = (width.saturating_sub(label_width + 2) / columns).max(4);
    let bar = cell.saturating_sub(4).max(1);
    const SERIES: [Color; 3] = [Color::Red, Color::Blue, Color::Green];
    let mut lines = Vec::new();
    let mut head = vec![Span::raw(format!("  {:<label_width$}", header[0]))];
    for (i, name) in header.iter().skip(1).enumerate() {
        let style = Style::new().fg(SERIES[i % 3]).add_modifier(Modifier::BOLD);
        let name: String = name.chars().take(cell - 1).collect();
        head.push(Span::styled(format!(" {name:<w$}", w = cell - 1), style));
    }
    lines.push(Line::from(head));
    for (row, values) in body.iter().zip(&counts) {
        let mut spans = vec![Span::styled(
            format!("  {:<label_width$}", row[0]),
            theme::DIM,
        )];
        for (i, &value) in values.iter().enumerate() {
            let filled = (value as usize * bar).div_ceil(max as usize);
            spans.push(Span::raw(" "));
            spans.push(Span::styled(
                "█".repeat(filled),
                Style::new().fg(SERIES[i % 3]),
            ));
            spans.push(Span::raw(format!(
                "{}{value:>2}",
                " ".repeat(bar - filled + 1)
            )));
        }
        lines.push(Line::from(spans));
    }
    lines.push(Line::styled(
        format!("  one scale for every column: a full bar is {max}"),
        theme::DIM,
    ));
    lines
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
            let fits = used + word.trim_end().chars().count() <= width;
            if !fits && has_text {
                lines.push(Line::from(std::mem::take(&mut current)));
                current.push(Span::raw(" ".repeat(indent)));
                used = indent;
            }
            let mut rest = word.to_string();
            // A word wider than the line is cut.
            while used + rest.trim_end().chars().count() > width && rest.chars().count() > 1 {
                let room = width.saturating_sub(used).max(1);
                let head: String = rest.chars().take(room).collect();
                rest = rest.chars().skip(room).collect();
                current.push(Span::styled(head, style));
                lines.push(Line::from(std::mem::take(&mut current)));
                current.push(Span::raw(" ".repeat(indent)));
                used = indent;
            }
            used += rest.chars().count();
            current.push(Span::styled(rest, style));
            has_text = true;
        }
    }
    lines.push(Line::from(current));
    lines
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

    fn texts(lines: &[Line]) -> Vec<String> {
        lines.iter().map(ToString::to_string).collect()
    }

    #[test]
    fn markdown_gets_styles() {
        let lines = styled(
            "# Title\n## Totals\n- Revenue won: $5,000 and -$1,200\n**bold** \\*text\\*",
            80,
        );
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
        let lines = styled(
            "- **Fix:** Added a duplicate-invoice check before sending\n  - for screw-up: Sent Acme the invoice twice",
            30,
        );
        assert_eq!(
            texts(&lines),
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
    fn the_trend_table_is_drawn_as_bars_on_one_scale() {
        let table = "| Week | Screw-ups | Fixes | Wins |\n|---|--:|--:|--:|\n| 2026-W46 | 2 | 0 | 8 |\n| 2026-W47 | 1 | 1 | 4 |";
        let lines = styled(table, 52);
        let text = texts(&lines);
        assert_eq!(text.len(), 4, "{text:?}");
        assert!(text[0].starts_with("  Week     Screw-ups"), "{text:?}");
        // Ten cells stand for 8: two screw-ups are three cells, not a full bar.
        assert_eq!(
            text[1],
            "  2026-W46 ███         2             0 ██████████  8"
        );
        assert_eq!(text[3], "  one scale for every column: a full bar is 8");
    }
}
