//! `s`: screw-ups, fixes and wins per week over 12 weeks, and the money trend.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::{Color, Style};
use ratatui::symbols::Marker;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Axis, Bar, BarChart, BarGroup, Block, Chart, Dataset, GraphType, Widget};

use super::theme;
use crate::model::{Kind, Money};
use crate::report::WeekStats;
use crate::ui::app::{App, STATS_WEEKS};

const WEEKS: usize = STATS_WEEKS;

pub fn render(app: &App, area: Rect, buf: &mut Buffer) {
    let weeks = app.week_stats();
    let [chart, legend, money] = area.layout(&Layout::vertical([
        Constraint::Fill(3),
        Constraint::Length(1),
        Constraint::Fill(2),
    ]));
    let bar_width = if chart.width >= 12 * 3 * 2 + 11 * 2 + 2 {
        2
    } else {
        1
    };
    let groups: Vec<BarGroup> = weeks
        .iter()
        .map(|w| {
            let label = w.week.label();
            let short = label
                .split_once('-')
                .map_or(label.as_str(), |(_, week)| week)
                .to_string();
            let bar = |value: u32, kind: Kind| {
                Bar::new(u64::from(value))
                    .style(theme::kind(kind))
                    .value_style(theme::kind(kind).reversed())
            };
            BarGroup::with_label(
                short,
                [
                    bar(w.totals.screwups, Kind::Screwup),
                    bar(w.totals.fixes, Kind::Fix),
                    bar(w.totals.wins(), Kind::Exceeded),
                ],
            )
        })
        .collect();
    let title = if app.journal().is_loaded() {
        format!(" Last {WEEKS} weeks to {} ", app.week.label())
    } else {
        format!(" Last {WEEKS} weeks to {} (loading…) ", app.week.label())
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
        Span::styled(
            "■ wins (exceeded, met, promises kept)",
            theme::kind(Kind::Exceeded),
        ),
    ])
    .render(legend, buf);

    money_chart(app, weeks, money, buf);
}

/// Revenue won and lost per week as lines, in major units.
fn money_chart(app: &App, weeks: &[WeekStats], area: Rect, buf: &mut Buffer) {
    let currency = &app.settings.currency;
    // Lost money is drawn below zero.
    let won_of = |w: &WeekStats| w.totals.revenue_won;
    let lost_of = |w: &WeekStats| Money(-w.totals.revenue_lost.cents());
    let won_total: Money = weeks.iter().map(won_of).sum();
    let lost_total: Money = weeks.iter().map(lost_of).sum();
    let major = |m: Money| m.cents() as f64 / 100.0;
    let won: Vec<(f64, f64)> = weeks
        .iter()
        .enumerate()
        .map(|(i, w)| (i as f64, major(won_of(w))))
        .collect();
    let lost: Vec<(f64, f64)> = weeks
        .iter()
        .enumerate()
        .map(|(i, w)| (i as f64, major(lost_of(w))))
        .collect();
    let top = weeks
        .iter()
        .map(won_of)
        .max()
        .unwrap_or_default()
        .max(Money(100));
    let bottom = weeks
        .iter()
        .map(lost_of)
        .min()
        .unwrap_or_default()
        .min(Money::ZERO);
    let first = weeks.first().map(|w| w.week.label()).unwrap_or_default();
    let last = weeks.last().map(|w| w.week.label()).unwrap_or_default();
    let title = format!(
        " Money: won {}, lost {} in {WEEKS} weeks ",
        won_total.display(currency),
        Money(-lost_total.cents()).display(currency)
    );
    Chart::new(vec![
        Dataset::default()
            .name("won")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(Style::new().fg(Color::Green))
            .data(&won),
        Dataset::default()
            .name("lost")
            .marker(Marker::Braille)
            .graph_type(GraphType::Line)
            .style(Style::new().fg(Color::Red))
            .data(&lost),
    ])
    .block(Block::bordered().title(title))
    .x_axis(
        Axis::default()
            .bounds([0.0, (WEEKS - 1) as f64])
            .labels([Line::from(first), Line::from(last)])
            .style(theme::DIM),
    )
    .y_axis(
        Axis::default()
            .bounds([major(bottom), major(top)])
            .labels([
                Line::from(bottom.display(currency)),
                Line::from(top.display(currency)),
            ])
            .style(theme::DIM),
    )
    .render(area, buf);
}
