//! Dates as people read them: "12 Maret 2026, 09.00" in the edition's own time,
//! from the RFC 3339 strings (already in that zone) the server sends.

use crate::components::labels::{I18n, month};

/// `2026-03-12T09:00:00+07:00` → `12 Maret 2026, 09.00`. Text that is not in that
/// shape is returned unchanged.
pub fn format_local(i18n: I18n, rfc3339: &str) -> String {
    let parse = || -> Option<String> {
        let (date, rest) = rfc3339.split_once('T')?;
        let mut parts = date.split('-');
        let year = parts.next()?;
        let month_number: i8 = parts.next()?.parse().ok()?;
        let day: u8 = parts.next()?.parse().ok()?;
        let time = rest.get(0..5)?.replace(':', ".");
        Some(format!(
            "{day} {} {year}, {time}",
            month(i18n, month_number)
        ))
    };
    parse().unwrap_or_else(|| rfc3339.to_owned())
}

/// Only the date part: `12 Maret 2026`.
pub fn format_local_date(i18n: I18n, rfc3339: &str) -> String {
    let full = format_local(i18n, rfc3339);
    full.split_once(',')
        .map_or(full.clone(), |(date, _)| date.to_owned())
}
