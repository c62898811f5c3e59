//! The report and bullets screens: Markdown drawn with styles (headings,
//! bullets, bold, money), scrollable.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, Paragraph, Widget, Wrap};

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
    let mut lines = match app.view_text() {
        Some(Ok(markdown)) => styled(markdown),
        Some(Err(err)) => vec![Line::styled(sanitize::line(err), theme::ERROR)],
        None => vec![Line::styled("Rendering…", theme::DIM)],
    };
    if app.all.is_none() {
        lines.insert(
            0,
            Line::styled(
                "(still reading the whole journal; older weeks will fill in)",
                theme::DIM,
            ),
        );
    }
    Paragraph::new(lines)
        .wrap(Wrap { trim: false })
        .scroll((app.scroll, 0))
        .block(Block::bordered().title(title.to_string()))
        .render(area, buf);
}

/// Markdown to styled lines: `#` headings, `-` bullets, `**bold**`, money.
pub fn styled(markdown: &str) -> Vec<Line<'static>> {
    markdown
        .lines()
        .map(|raw| {
            let line = sanitize::line(raw);
            if let Some(heading) = line.strip_prefix("# ") {
                Line::styled(
                    heading.to_string(),
                    theme::HEADING.add_modifier(ratatui::style::Modifier::UNDERLINED),
                )
            } else if let Some(heading) = line
                .strip_prefix("## ")
                .or_else(|| line.strip_prefix("### "))
            {
                Line::styled(heading.to_string(), theme::HEADING)
            } else if let Some(item) = line.strip_prefix("- ").or_else(|| line.strip_prefix("* ")) {
                let mut spans = vec![Span::styled("  • ", theme::DIM)];
                spans.extend(inline(item));
                Line::from(spans)
            } else {
                Line::from(inline(&line))
            }
        })
        .collect()
}

/// `**bold**` runs and money amounts within a line.
fn inline(text: &str) -> Vec<Span<'static>> {
    let mut spans = Vec::new();
    for (i, part) in text.split("**").enumerate() {
        let base = if i % 2 == 1 {
            theme::TITLE
        } else {
            Style::default()
        };
        spans.extend(money_spans(part, base));
    }
    spans
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

    #[test]
    fn markdown_gets_styles() {
        let lines = styled("# Title\n## Totals\n- Revenue won: $5,000 and -$1,200\n**bold** text");
        assert_eq!(lines[0].to_string(), "Title");
        assert_eq!(
            lines[0].style,
            theme::HEADING.add_modifier(ratatui::style::Modifier::UNDERLINED)
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
    }
}
