//! A coverage percentage and the one rule for displaying it, coverage.py's `display_covered`.

/// How many decimals a report displays: coverage.py's `[report] precision` setting.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Precision(pub u8);

/// A percentage between 0 and 100 as coverage.py computes it (a binary float).
#[derive(Clone, Copy, Debug, Default, PartialEq, PartialOrd)]
pub struct Percent(f64);

/// A percentage together with the text shown for it.
///
/// The text is the report's own `percent_covered_display` when the report carries one, so
/// what Covscope shows is what coverage.py printed; otherwise it comes from
/// [`Percent::display`].
#[derive(Clone, Debug, Default, PartialEq)]
pub struct CoverageFigure {
    pub percent: Percent,
    pub display: String,
}

impl Precision {
    /// The largest precision coverage.py output has been seen with is 2; anything up to 10
    /// displays correctly with the exact rounding below.
    pub const MAXIMUM: u8 = 10;

    /// Infers the precision from a display string such as "98.09" (2) or "98" (0).
    pub fn of_display_text(text: &str) -> Precision {
        match text.split_once('.') {
            Some((_, decimals)) => {
                Precision(decimals.len().min(usize::from(Precision::MAXIMUM)) as u8)
            }
            None => Precision(0),
        }
    }
}

impl Percent {
    pub fn new(value: f64) -> Percent {
        Percent(value)
    }

    pub fn value(self) -> f64 {
        self.0
    }

    /// True when the value is exactly 100, the only case coverage.py displays as "100".
    pub fn is_complete(self) -> bool {
        self.0 == 100.0
    }

    /// coverage.py's `display_covered`: a value strictly between 0 and 10^-p shows as
    /// 10^-p, one strictly between 100-10^-p and 100 shows as 100-10^-p, so "0" and "100"
    /// only ever mean exactly 0 and 100; everything else is Python's `round(value, p)`,
    /// which rounds the exact binary value half to even.
    pub fn display(self, precision: Precision) -> String {
        let decimals = u32::from(precision.0.min(Precision::MAXIMUM));
        let scale = 10u64.pow(decimals);
        let value = self.0;
        if !value.is_finite() {
            return format!("{value}");
        }
        // Work in units of 10^-p so the clamping and rounding are exact integer steps.
        let near_zero = 1.0 / scale as f64;
        let scaled_units: u128 = if value > 0.0 && value < near_zero {
            1
        } else if value > 100.0 - near_zero && value < 100.0 {
            u128::from(100 * scale - 1)
        } else if value <= 0.0 {
            // Negative percentages do not occur in coverage.py output; show them plainly.
            return format!("{:.*}", decimals as usize, value);
        } else {
            round_half_even_scaled(value, decimals)
        };
        let whole = scaled_units / u128::from(scale);
        let fraction = scaled_units % u128::from(scale);
        if decimals == 0 {
            format!("{whole}")
        } else {
            format!("{whole}.{fraction:0width$}", width = decimals as usize)
        }
    }
}

/// Rounds `value * 10^decimals` to an integer, half to even, on the exact binary value of
/// `value` (as Python's `round` does), using exact integer arithmetic.
fn round_half_even_scaled(value: f64, decimals: u32) -> u128 {
    let bits = value.to_bits();
    let exponent_bits = ((bits >> 52) & 0x7ff) as i32;
    let fraction_bits = bits & ((1u64 << 52) - 1);
    let (mantissa, exponent) = if exponent_bits == 0 {
        (fraction_bits, -1074)
    } else {
        (fraction_bits | (1u64 << 52), exponent_bits - 1075)
    };
    // value = mantissa * 2^exponent, so value * 10^d = mantissa * 10^d * 2^exponent.
    let numerator = u128::from(mantissa) * u128::from(10u64.pow(decimals));
    if exponent >= 0 {
        return numerator << exponent.min(60);
    }
    let shift = (-exponent) as u32;
    if shift >= 127 {
        // Far below 10^-p: the clamping above handles every positive value this small.
        return 0;
    }
    let whole = numerator >> shift;
    let remainder = numerator & ((1u128 << shift) - 1);
    let half = 1u128 << (shift - 1);
    if remainder > half || (remainder == half && whole % 2 == 1) {
        whole + 1
    } else {
        whole
    }
}
