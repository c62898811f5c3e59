//! Counts and money per week: the `stats` table and the data behind the
//! TUI's stats screen.

use chrono::NaiveDate;

use super::totals::Totals;
use crate::model::{Currency, Entry, Week};

/// One week's totals.
#[derive(Debug, Clone, PartialEq)]
pub struct WeekStats {
    pub week: Week,
    pub totals: Totals,
}

/// Several weeks, oldest first, and their sum.
#[derive(Debug, Clone, PartialEq)]
pub struct Stats {
    pub weeks: Vec<WeekStats>,
    pub total: Totals,
}

impl Stats {
    /// The days `count` weeks ending with `last` cover.
    pub fn window(last: Week, count: usize) -> (NaiveDate, NaiveDate) {
        let first = last.trailing(count.max(1)).first().copied().unwrap_or(last);
        (first.start(), last.end())
    }

    /// `count` weeks ending with `last`, from entries covering at least [`Stats::window`].
    pub fn build(last: Week, count: usize, entries: &[Entry]) -> Stats {
        let weeks: Vec<WeekStats> = last
            .trailing(count.max(1))
            .into_iter()
            .map(|week| WeekStats {
                week,
                totals: Totals::of(entries.iter().filter(|e| week.contains(e.date))),
            })
            .collect();
        let (first, end) = Stats::window(last, count);
        let total = Totals::of(entries.iter().filter(|e| e.date >= first && e.date <= end));
        Stats { weeks, total }
    }

    /// A plain-text table, one row per week and a total, right-aligned.
    pub fn table(&self, currency: &Currency) -> String {
        const HEADERS: [&str; 11] = [
            "Week",
            "Screw-ups",
            "Fixes",
            "Exceeded",
            "Met",
            "Promises",
            "Notes",
            "Won",
            "Protected",
            "Lost",
            "Kept",
        ];
        let row = |label: String, t: &Totals| -> [String; 11] {
            [
                label,
                t.screwups.to_string(),
                t.fixes.to_string(),
                t.exceeded.to_string(),
                t.met.to_string(),
                format!(
                    "{}/{}/{}",
                    t.promises_kept, t.promises_missed, t.promises_open
                ),
                t.notes.to_string(),
                t.revenue_won.display(currency),
                t.revenue_protected.display(currency),
                t.revenue_lost.display(currency),
                t.kept_rate()
                    .map_or_else(|| "-".to_string(), |rate| format!("{rate}%")),
            ]
        };
        let mut rows: Vec<[String; 11]> = vec![HEADERS.map(str::to_string)];
        rows.extend(self.weeks.iter().map(|w| row(w.week.label(), &w.totals)));
        rows.push(row("Total".to_string(), &self.total));
        let widths: Vec<usize> = (0..HEADERS.len())
            .map(|i| rows.iter().map(|r| r[i].chars().count()).max().unwrap_or(0))
            .collect();
        let mut out = String::new();
        for (n, cells) in rows.iter().enumerate() {
            if n == rows.len() - 1 {
                let rule: usize = widths.iter().sum::<usize>() + widths.len() - 1;
                out.push_str(&"-".repeat(rule));
                out.push('\n');
            }
            let line: Vec<String> = cells
                .iter()
                .zip(&widths)
                .enumerate()
                .map(|(i, (cell, width))| {
                    if i == 0 {
                        format!("{cell:<width$}")
                    } else {
                        format!("{cell:>width$}")
                    }
                })
                .collect();
            out.push_str(line.join(" ").trim_end());
            out.push('\n');
        }
        out.push_str("Promises: kept/missed/open. Kept: promises kept of those kept or missed.\n");
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Kind, Money, PromiseStatus, WeekStart};

    fn entry(id: &str, kind: Kind) -> Entry {
        crate::report::test_entries::entry(id, kind, "t")
    }

    #[test]
    fn one_row_per_week_and_a_total() {
        let last = Week::containing(
            NaiveDate::from_ymd_opt(2026, 11, 18).expect("date"),
            WeekStart::Monday,
        );
        let mut won = entry("2026-11-17-aaaa", Kind::Met);
        won.revenue = Some(Money(12_345_678));
        let mut lost = entry("2026-11-10-bbbb", Kind::Screwup);
        lost.revenue = Some(Money(-50_000));
        let mut kept = entry("2026-11-10-cccc", Kind::Promise);
        kept.status = Some(PromiseStatus::Kept);
        let too_old = entry("2026-11-01-dddd", Kind::Screwup);
        let stats = Stats::build(last, 2, &[too_old, lost, kept, won]);
        assert_eq!(stats.weeks.len(), 2);
        assert_eq!(stats.total.screwups, 1);
        assert_eq!(
            stats.table(&Currency::default()),
            "\
Week     Screw-ups Fixes Exceeded Met Promises Notes         Won Protected Lost Kept
2026-W46         1     0        0   0    1/0/0     0          $0        $0 $500 100%
2026-W47         0     0        0   1    0/0/0     0 $123,456.78        $0   $0    -
------------------------------------------------------------------------------------
Total            1     0        0   1    1/0/0     0 $123,456.78        $0 $500 100%
Promises: kept/missed/open. Kept: promises kept of those kept or missed.
"
        );
    }
}
