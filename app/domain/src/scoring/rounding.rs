//! Rounding for display: DESIGN rule 6.
//!
//! Shown values are rounded half away from zero to 2 decimals. Nothing is ever
//! computed from a rounded value: ranking, advancement and the final score all use
//! full precision, and so does the results document (`score`).
//!
//! The rounding works on the shortest decimal that reads back as the same `f64` —
//! the digits the results document prints — so that what a reader sees in the
//! document and what the page shows agree: 80.005 shows as 80.01, even though the
//! nearest `f64` to 80.005 lies a hair below it.

/// Rounds half away from zero to 2 decimals, for display only.
///
/// ```
/// use domain::scoring::round2;
/// assert_eq!(round2(87.12345678901), 87.12);
/// assert_eq!(round2(80.005), 80.01);
/// assert_eq!(round2(-2.675), -2.68);
/// assert_eq!(round2(83.333333333333), 83.33);
/// assert_eq!(round2(99.995), 100.0);
/// ```
#[must_use]
pub fn round2(x: f64) -> f64 {
    if !x.is_finite() {
        return x;
    }
    // `{}` prints the shortest decimal that round-trips, never in exponent form.
    let text = format!("{}", x.abs());
    let (int_part, frac_part) = text.split_once('.').unwrap_or((&text, ""));
    let mut digits: Vec<u8> = int_part.bytes().map(|b| b - b'0').collect();
    let frac: Vec<u8> = frac_part.bytes().map(|b| b - b'0').collect();
    digits.push(frac.first().copied().unwrap_or(0));
    digits.push(frac.get(1).copied().unwrap_or(0));
    if frac.get(2).is_some_and(|&d| d >= 5) {
        // Add one hundredth, carrying leftwards.
        let mut carry = true;
        for d in digits.iter_mut().rev() {
            if !carry {
                break;
            }
            *d += 1;
            carry = *d == 10;
            if carry {
                *d = 0;
            }
        }
        if carry {
            digits.insert(0, 1);
        }
    }
    let hundredths: String = digits.iter().map(|d| char::from(b'0' + d)).collect();
    let split = hundredths.len() - 2;
    let magnitude = format!("{}.{}", &hundredths[..split], &hundredths[split..])
        .parse::<f64>()
        .unwrap_or(x.abs());
    if x.is_sign_negative() && magnitude != 0.0 {
        -magnitude
    } else {
        magnitude
    }
}

#[cfg(test)]
mod tests {
    use super::round2;

    #[test]
    fn table() {
        let cases = [
            (0.0, 0.0),
            (100.0, 100.0),
            (1.005, 1.01),
            (1.004999, 1.0),
            (2.675, 2.68),
            (0.125, 0.13),
            (0.135, 0.14),
            (-0.125, -0.13),
            (9.999, 10.0),
            (99.995, 100.0),
            (99.994999, 99.99),
            (83.33333333333333, 83.33),
            (66.66666666666667, 66.67),
            (1e-7, 0.0),
            (123456.785, 123456.79),
            (0.1 + 0.2, 0.3),
        ];
        for (x, expected) in cases {
            assert_eq!(round2(x), expected, "{x}");
        }
        assert!(round2(f64::NAN).is_nan());
        assert_eq!(round2(f64::INFINITY), f64::INFINITY);
        assert!(
            round2(-0.001).is_sign_positive(),
            "no negative zero on screen"
        );
    }

    #[test]
    fn large_values_keep_their_magnitude() {
        assert_eq!(round2(1e20), 1e20);
        assert_eq!(round2(-1.5e300), -1.5e300);
    }
}
