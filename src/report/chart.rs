//! The trend drawn two ways: bar geometry for the HTML report's inline SVG,
//! and one-line sparklines for Markdown and text. Computed here rather than
//! in templates so the arithmetic is tested once.

use serde::Serialize;

use super::weekly::TrendPoint;

/// The three series of the trend, in the order they are drawn, with the
/// words shown for them.
pub const SERIES: [(&str, &str); 3] = [
    ("screwups", "screw-ups"),
    ("fixes", "fixes"),
    ("wins", "wins"),
];

const WIDTH: u32 = 640;
const HEIGHT: u32 = 220;
const TOP: u32 = 20;
const PLOT: u32 = 160;
const BAR: u32 = 16;
const GAP: u32 = 2;

/// Everything an SVG needs: a `viewBox` of `width` × `height`, one group
/// per week with a bar per series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TrendChart {
    pub width: u32,
    pub height: u32,
    /// The largest value, which a full-height bar stands for.
    pub max: u32,
    /// Where the week labels sit.
    pub baseline: u32,
    pub groups: Vec<Group>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Group {
    pub week: String,
    /// The centre of the group, for its label.
    pub center: u32,
    pub bars: Vec<Bar>,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Bar {
    /// `screwups`, `fixes` or `wins` (also the CSS class).
    pub series: &'static str,
    /// `screw-ups`, `fixes` or `wins`.
    pub label: &'static str,
    pub value: u32,
    pub x: u32,
    pub y: u32,
    pub width: u32,
    pub height: u32,
}

impl TrendChart {
    pub fn new(trend: &[TrendPoint]) -> TrendChart {
        let max = trend.iter().flat_map(values).max().unwrap_or(0);
        let slot = WIDTH / u32::try_from(trend.len().max(1)).unwrap_or(1);
        let group_width = BAR * 3 + GAP * 2;
        let groups = trend
            .iter()
            .zip(0u32..)
            .map(|(point, i)| {
                let left = i * slot + slot.saturating_sub(group_width) / 2;
                let bars = SERIES
                    .iter()
                    .zip(values(point))
                    .zip(0u32..)
                    .map(|((&(series, label), value), j)| {
                        // At least 1px so a zero still shows where the bar would be.
                        let height = if max == 0 {
                            1
                        } else {
                            (value * PLOT).div_ceil(max).max(1)
                        };
                        Bar {
                            series,
                            label,
                            value,
                            x: left + j * (BAR + GAP),
                            y: TOP + PLOT - height,
                            width: BAR,
                            height,
                        }
                    })
                    .collect();
                Group {
                    week: point.week.label(),
                    center: i * slot + slot / 2,
                    bars,
                }
            })
            .collect();
        TrendChart {
            width: WIDTH,
            height: HEIGHT,
            max,
            baseline: TOP + PLOT + 24,
            groups,
        }
    }
}

fn values(point: &TrendPoint) -> [u32; 3] {
    [point.screwups, point.fixes, point.wins]
}

/// One series as block characters, `▁` for zero and `█` for its largest value.
pub fn sparkline(values: &[u32]) -> String {
    sparkline_scaled(values, values.iter().copied().max().unwrap_or(0))
}

/// One series as block characters on a scale where `█` stands for `max`,
/// so several series drawn with one `max` can be compared by eye.
pub fn sparkline_scaled(values: &[u32], max: u32) -> String {
    const LEVELS: [char; 8] = ['▁', '▂', '▃', '▄', '▅', '▆', '▇', '█'];
    values
        .iter()
        .map(|&v| {
            if v == 0 || max == 0 {
                LEVELS[0]
            } else {
                // Rounded to 1..=7, so any non-zero value stands above zero.
                let level = (v.min(max) as usize * 7 + max as usize / 2) / max as usize;
                LEVELS[level.clamp(1, 7)]
            }
        })
        .collect()
}

/// The sparklines of the three series, keyed by series name, all on one
/// scale: `█` is `max`, the largest value of any series.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Sparklines {
    pub screwups: String,
    pub fixes: String,
    pub wins: String,
    pub max: u32,
}

impl Sparklines {
    pub fn new(trend: &[TrendPoint]) -> Sparklines {
        let max = trend.iter().flat_map(values).max().unwrap_or(0);
        let series = |f: fn(&TrendPoint) -> u32| {
            sparkline_scaled(&trend.iter().map(f).collect::<Vec<_>>(), max)
        };
        Sparklines {
            max,
            screwups: series(|p| p.screwups),
            fixes: series(|p| p.fixes),
            wins: series(|p| p.wins),
        }
    }
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::model::{Week, WeekStart};

    fn trend(values: &[(u32, u32, u32)]) -> Vec<TrendPoint> {
        let last = Week::containing(
            NaiveDate::from_ymd_opt(2026, 11, 18).expect("date"),
            WeekStart::Monday,
        );
        last.trailing(values.len())
            .into_iter()
            .zip(values)
            .map(|(week, &(screwups, fixes, wins))| TrendPoint {
                week,
                screwups,
                fixes,
                wins,
            })
            .collect()
    }

    #[test]
    fn sparklines_scale_to_the_largest_value() {
        assert_eq!(sparkline(&[4, 3, 2, 1, 0]), "█▆▅▃▁");
        assert_eq!(sparkline(&[100, 1]), "█▂");
        assert_eq!(sparkline(&[0, 0]), "▁▁");
        assert_eq!(sparkline(&[]), "");
    }

    #[test]
    fn sparklines_share_one_scale() {
        let lines = Sparklines::new(&trend(&[(2, 0, 8), (0, 0, 4)]));
        assert_eq!(lines.max, 8);
        // Two screw-ups against eight wins is a low bar, not a crisis.
        assert_eq!(lines.screwups, "▃▁");
        assert_eq!(lines.wins, "█▅");
    }

    #[test]
    fn bars_stand_on_one_baseline_and_the_largest_is_full_height() {
        let chart = TrendChart::new(&trend(&[(4, 1, 0), (2, 2, 1)]));
        assert_eq!(chart.max, 4);
        assert_eq!(chart.groups.len(), 2);
        let first = &chart.groups[0].bars;
        assert_eq!(first[0].height, PLOT);
        assert_eq!(first[1].height, 40);
        assert_eq!(first[2].height, 1);
        for bar in chart.groups.iter().flat_map(|g| &g.bars) {
            assert_eq!(bar.y + bar.height, TOP + PLOT);
            assert!(bar.x + bar.width <= chart.width);
        }
        assert_eq!(chart.groups[1].week, "2026-W47");
    }
}
