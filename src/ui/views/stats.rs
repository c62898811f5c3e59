//! `s`: screw-ups, fixes and wins per week over 12 weeks, and the money trend.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Bar, BarChart, BarGroup, Block, Sparkline, Widget};

use super::theme;
use crate::model::{Kind, Money};
use crate::ui::app::App;
use crate::ui::reports::trend;

const WEEKS: usize = 12;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let weeks = trend(app.known(), app.week, WEEKS);
    let [chart, legend, money] = area.layout(&Layout::vertical([
        Constraint::Fill(3),
        Constraint::Length(1),
        Constraint::Fill(2),
    ]));
    let bar_width = if chart.width >= 12 * 3 * 2 + 11 * 2 + 2 { 2 } else { 1 };
    let groups: Vec<BarGroup> = weeks
        .iter()
        .map(|w| {
            let label = w.week.label();
            let short = label.split_once('-').map_or(label.as_str(), |(_, week)| week).to_string();
            let bar = |value: u64, kind: Kind| Bar::new(value).style(theme::kind(kind)).value_style(theme::kind(kind).reversed());
            BarGroup::with_label(
                short,
                [bar(w.screwups, Kind::Screwup), bar(w.fixes, Kind::Fix), bar(w.wins, Kind::Exceeded)],
            )
        })
        .collect();
    let title = match app.all {
        Some(_) => format!(" Last {WEEKS} weeks to {} ", app.week.label()),
        None => format!(" Last {WEEKS} weeks to {} (loading…) ", app.week.label()),
    };
    BarChart::grouped(groups)
        .bar_width(bar_width)
        .bar_gap(0)
        .group_gap(2)
        .block(Block::bordered().title(title))
        .render(chart, buf);
    Line::from(vec![
        Span::styled(" ■ screw-ups  ", theme::kind(Kind::Screwup)),
        Span::styled("■ fixes  ", theme::kind(Kind::Fix)),
        Span::styled("■ wins (exceeded, met, promises kept)", theme::kind(Kind::Exceeded)),
    ])
    .render(legend, buf);

    let currency = &app.settings.currency;
    let won: Money = weeks.iter().map(|w| w.won).sum();
    let lost: Money = weeks.iter().map(|w| w.lost).sum();
    let [won_area, lost_area] = money.layout(&Layout::vertical([Constraint::Fill(1), Constraint::Fill(1)]));
    Sparkline::default()
        .data(weeks.iter().map(|w| w.won.cents().max(0) as u64).collect::<Vec<_>>())
        .style(Style::new().fg(Color::Green))
        .block(Block::bordered().title(format!(" Revenue won per week: {} in {WEEKS} weeks ", won.display(currency))))
        .render(won_area, buf);
    Sparkline::default()
        .data(weeks.iter().map(|w| w.lost.cents().unsigned_abs()).collect::<Vec<_>>())
        .style(Style::new().fg(Color::Red))
        .block(Block::bordered().title(format!(" Revenue lost per week: {} in {WEEKS} weeks ", lost.display(currency))))
        .render(lost_area, buf);
}
