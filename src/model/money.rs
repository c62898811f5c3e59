//! Money as integer minor units (cents), so sums are exact.

use std::fmt;

use super::ModelError;

/// An amount in minor units of the journal's currency (two decimal places).
#[derive(
    Debug,
    Clone,
    Copy,
    PartialEq,
    Eq,
    PartialOrd,
    Ord,
    Hash,
    Default,
    serde::Serialize,
    serde::Deserialize,
)]
#[serde(transparent)]
pub struct Money(pub i64);

/// The largest amount accepted, in major units: keeps every sum of a decade of
/// entries far from overflow and every amount exact as a TOML float.
const MAX_MAJOR: i64 = 1_000_000_000_000;

/// Why a typed amount was refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum MoneyProblem {
    NotANumber,
    /// A comma that does not separate groups of three digits.
    Comma,
    /// More than two decimal places.
    Decimals,
    /// Over 10¹², cents included.
    TooLarge,
}

impl MoneyProblem {
    pub fn as_str(self) -> &'static str {
        match self {
            MoneyProblem::NotANumber => "expected a number such as 1200 or -1200.50",
            MoneyProblem::Comma => {
                "a comma only separates thousands, as in 1,200; write cents after a point"
            }
            MoneyProblem::Decimals => "at most 2 decimal places",
            MoneyProblem::TooLarge => "too large: at most 1,000,000,000,000",
        }
    }
}

/// `1,200` or `12,000,000`: one to three digits, then groups of exactly three.
pub(crate) fn grouped_by_thousands(text: &str) -> bool {
    let mut groups = text.split(',');
    let first = groups.next().unwrap_or("");
    let all_digits = |g: &str| g.chars().all(|c| c.is_ascii_digit());
    (1..=3).contains(&first.len())
        && all_digits(first)
        && groups.all(|g| g.len() == 3 && all_digits(g))
}

impl Money {
    pub const ZERO: Money = Money(0);

    pub fn cents(self) -> i64 {
        self.0
    }

    pub fn from_major(major: i64) -> Result<Money, ModelError> {
        if major.abs() > MAX_MAJOR {
            return Err(ModelError::Money(major.to_string(), "too large"));
        }
        Ok(Money(major * 100))
    }

    /// Parses what a person types: `1200`, `-1200`, `1,200.50`, `1_200`, `$1200`.
    pub fn parse(input: &str) -> Result<Money, ModelError> {
        Money::parse_typed(input).map_err(|why| ModelError::Money(input.to_string(), why.as_str()))
    }

    /// As [`Money::parse`], saying which rule the text broke. A comma only
    /// separates thousands (`1,200`, `12,000.50`); any other comma (`1,5`)
    /// is refused rather than guessed at.
    pub fn parse_typed(input: &str) -> Result<Money, MoneyProblem> {
        let trimmed = input.trim();
        let (negative, rest) = match trimmed.strip_prefix('-') {
            Some(rest) => (true, rest),
            None => (false, trimmed.strip_prefix('+').unwrap_or(trimmed)),
        };
        let rest = rest.strip_prefix('$').unwrap_or(rest);
        let (whole, frac) = rest.split_once('.').unwrap_or((rest, ""));
        if frac.contains(',') || (whole.contains(',') && !grouped_by_thousands(whole)) {
            return Err(MoneyProblem::Comma);
        }
        let whole: String = whole.chars().filter(|c| *c != ',' && *c != '_').collect();
        let digits = |t: &str| t.chars().all(|c| c.is_ascii_digit());
        if (whole.is_empty() && frac.is_empty()) || !digits(&whole) || !digits(frac) {
            return Err(MoneyProblem::NotANumber);
        }
        if frac.len() > 2 {
            return Err(MoneyProblem::Decimals);
        }
        let whole = whole.trim_start_matches('0');
        if whole.len() > 13 {
            return Err(MoneyProblem::TooLarge);
        }
        let whole: i64 = if whole.is_empty() {
            0
        } else {
            whole.parse().map_err(|_| MoneyProblem::TooLarge)?
        };
        let frac_cents: i64 = match frac.len() {
            0 => 0,
            1 => frac.parse::<i64>().map_err(|_| MoneyProblem::NotANumber)? * 10,
            _ => frac.parse().map_err(|_| MoneyProblem::NotANumber)?,
        };
        let cents = whole * 100 + frac_cents;
        // The limit includes the cents: 1000000000000.01 is over it.
        if cents > MAX_MAJOR * 100 {
            return Err(MoneyProblem::TooLarge);
        }
        Ok(Money(if negative { -cents } else { cents }))
    }

    /// Whether the amount is within the limit every stored amount keeps.
    pub fn within_limit(self) -> bool {
        self.0.unsigned_abs() <= (MAX_MAJOR * 100) as u64
    }

    /// From a TOML float, rounded to the cent.
    pub fn from_float(value: f64) -> Result<Money, ModelError> {
        if !value.is_finite() {
            return Err(ModelError::Money(value.to_string(), "not a finite number"));
        }
        if (value * 100.0).round().abs() > (MAX_MAJOR * 100) as f64 {
            return Err(ModelError::Money(value.to_string(), "too large"));
        }
        Ok(Money((value * 100.0).round() as i64))
    }

    /// True when the amount has no cents, so it can be written as a TOML integer.
    pub fn is_whole(self) -> bool {
        self.0.rem_euclid(100) == 0
    }

    pub fn whole_major(self) -> i64 {
        self.0 / 100
    }

    /// Major units as a float, for JSON and TOML output only (never summed).
    pub fn as_major_f64(self) -> f64 {
        // Formatting through a decimal string keeps 1200.55 from becoming 1200.5499999.
        self.plain().parse().unwrap_or(0.0)
    }

    /// `-1200.5` style: no separators, no symbol, cents only when present.
    pub fn plain(self) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        if abs.is_multiple_of(100) {
            format!("{sign}{}", abs / 100)
        } else {
            format!("{sign}{}.{:02}", abs / 100, abs % 100)
        }
    }

    /// `-$1,200` style, with the currency's symbol and thousands separators.
    pub fn display(self, currency: &Currency) -> String {
        let sign = if self.0 < 0 { "-" } else { "" };
        let abs = self.0.unsigned_abs();
        let whole = group_thousands(abs / 100);
        let cents = if abs.is_multiple_of(100) {
            String::new()
        } else {
            format!(".{:02}", abs % 100)
        };
        match currency.symbol() {
            Some(symbol) => format!("{sign}{symbol}{whole}{cents}"),
            None => format!("{sign}{whole}{cents} {}", currency.code()),
        }
    }
}

impl std::ops::Add for Money {
    type Output = Money;
    fn add(self, rhs: Money) -> Money {
        Money(self.0.saturating_add(rhs.0))
    }
}

impl std::ops::AddAssign for Money {
    fn add_assign(&mut self, rhs: Money) {
        *self = *self + rhs;
    }
}

impl std::iter::Sum for Money {
    fn sum<I: Iterator<Item = Money>>(iter: I) -> Money {
        iter.fold(Money::ZERO, |a, b| a + b)
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.plain())
    }
}

/// `1234567` → `1,234,567`.
pub fn group_thousands(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

/// The journal's currency, an ISO 4217 code from the config (default USD).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Currency(String);

impl Default for Currency {
    fn default() -> Self {
        Currency("USD".to_string())
    }
}

impl Currency {
    pub fn new(code: &str) -> Result<Currency, ModelError> {
        let code = code.trim().to_ascii_uppercase();
        if code.len() == 3 && code.chars().all(|c| c.is_ascii_alphabetic()) {
            Ok(Currency(code))
        } else {
            Err(ModelError::Invalid(format!(
                "invalid currency '{code}' (expected a 3-letter code such as USD or EUR)"
            )))
        }
    }

    pub fn code(&self) -> &str {
        &self.0
    }

    pub fn symbol(&self) -> Option<&'static str> {
        Some(match self.0.as_str() {
            "USD" | "CAD" | "AUD" | "NZD" | "SGD" | "HKD" | "MXN" => "$",
            "EUR" => "€",
            "GBP" => "£",
            "JPY" | "CNY" => "¥",
            "INR" => "₹",
            "KRW" => "₩",
            "CHF" => "CHF ",
            _ => return None,
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_what_people_type() {
        assert_eq!(Money::parse("1200"), Ok(Money(120_000)));
        assert_eq!(Money::parse("-1,200.5"), Ok(Money(-120_050)));
        assert_eq!(Money::parse("$0.07"), Ok(Money(7)));
        assert_eq!(Money::parse("1_000"), Ok(Money(100_000)));
        assert!(Money::parse("12.345").is_err());
        assert!(Money::parse("ten").is_err());
        assert!(Money::parse("").is_err());
        assert!(Money::parse("-").is_err());
        assert!(Money::parse("99999999999999999999").is_err());
    }

    #[test]
    fn commas_only_separate_thousands() {
        assert_eq!(Money::parse_typed("1,200"), Ok(Money(120_000)));
        assert_eq!(Money::parse_typed("12,000.50"), Ok(Money(1_200_050)));
        assert_eq!(Money::parse_typed("-1,234,567"), Ok(Money(-123_456_700)));
        for text in [
            "1,5", "1,50", "12,00", "1,2000", ",100", "1,", "1.5,0", "1,,200", "1200,00",
        ] {
            assert_eq!(Money::parse_typed(text), Err(MoneyProblem::Comma), "{text}");
        }
    }

    #[test]
    fn the_limit_includes_the_cents() {
        assert_eq!(
            Money::parse_typed("1000000000000"),
            Ok(Money(100_000_000_000_000))
        );
        assert_eq!(
            Money::parse_typed("-1,000,000,000,000.00"),
            Ok(Money(-100_000_000_000_000))
        );
        assert_eq!(
            Money::parse_typed("1000000000000.01"),
            Err(MoneyProblem::TooLarge)
        );
        assert_eq!(
            Money::parse_typed("-1000000000000.01"),
            Err(MoneyProblem::TooLarge)
        );
        assert_eq!(Money::parse_typed("00001200"), Ok(Money(120_000)));
        assert!(Money::from_float(1_000_000_000_000.01).is_err());
        assert!(Money::from_float(1_000_000_000_000.0).is_ok());
        assert!(!Money(100_000_000_000_001).within_limit());
    }

    #[test]
    fn floats_round_to_the_cent() {
        assert_eq!(Money::from_float(1200.55), Ok(Money(120_055)));
        assert_eq!(Money::from_float(-0.1 - 0.2), Ok(Money(-30)));
        assert!(Money::from_float(f64::NAN).is_err());
        assert!(Money::from_float(1e300).is_err());
    }

    #[test]
    fn displays_with_symbol_and_separators() {
        let usd = Currency::default();
        assert_eq!(Money(500_000).display(&usd), "$5,000");
        assert_eq!(Money(-120_000).display(&usd), "-$1,200");
        assert_eq!(Money(123_456_789).display(&usd), "$1,234,567.89");
        let sek = Currency::new("sek").unwrap();
        assert_eq!(Money(100).display(&sek), "1 SEK");
        assert_eq!(Money(-5).plain(), "-0.05");
        assert_eq!(Money(120_055).as_major_f64(), 1200.55);
    }

    #[test]
    fn sums_are_exact() {
        let total: Money = std::iter::repeat_n(Money(10), 1000).sum();
        assert_eq!(total, Money(10_000));
    }
}
