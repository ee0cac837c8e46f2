//! Calendar entries (RFC 5545 `.ics`) for a judge's presentation slots, so
//! that a slot lands in the judge's phone calendar with one tap.

use jiff::Timestamp;

/// One event to put in a calendar.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event<'a> {
    /// Stable across sends (`<stage>-<entry>@juara`): a schedule sent again
    /// moves the event instead of adding a second one.
    pub uid: &'a str,
    pub starts: Timestamp,
    pub ends: Timestamp,
    pub summary: &'a str,
    pub description: &'a str,
    /// A link into the app.
    pub url: &'a str,
}

/// `event` as a calendar file published at `now`. Times are in UTC, so
/// every calendar shows them in its own zone; the sequence grows with `now`,
/// so a later send replaces an earlier one.
#[must_use]
pub fn ics(event: &Event<'_>, now: Timestamp) -> String {
    let lines = [
        "BEGIN:VCALENDAR".to_owned(),
        "VERSION:2.0".to_owned(),
        "PRODID:-//Juara//Jadwal presentasi//ID".to_owned(),
        "METHOD:PUBLISH".to_owned(),
        "BEGIN:VEVENT".to_owned(),
        format!("UID:{}", text(event.uid)),
        format!("DTSTAMP:{}", utc(now)),
        format!("SEQUENCE:{}", now.as_second() / 60),
        format!("DTSTART:{}", utc(event.starts)),
        format!("DTEND:{}", utc(event.ends)),
        format!("SUMMARY:{}", text(event.summary)),
        format!("DESCRIPTION:{}", text(event.description)),
        format!("URL:{}", event.url),
        "END:VEVENT".to_owned(),
        "END:VCALENDAR".to_owned(),
    ];
    lines.iter().map(|line| fold(line)).collect()
}

/// A time in the form `20260312T013000Z`.
fn utc(at: Timestamp) -> String {
    at.strftime("%Y%m%dT%H%M%SZ").to_string()
}

/// A TEXT value with its special characters escaped.
fn text(value: &str) -> String {
    let mut escaped = String::with_capacity(value.len());
    for character in value.chars() {
        match character {
            '\\' => escaped.push_str("\\\\"),
            ';' => escaped.push_str("\\;"),
            ',' => escaped.push_str("\\,"),
            '\n' => escaped.push_str("\\n"),
            '\r' => {}
            other => escaped.push(other),
        }
    }
    escaped
}

/// One content line, folded after at most 75 octets (never inside a
/// character), ending in CRLF.
fn fold(line: &str) -> String {
    let mut folded = String::with_capacity(line.len() + 8);
    let mut octets = 0;
    for character in line.chars() {
        let width = character.len_utf8();
        if octets + width > 75 {
            folded.push_str("\r\n ");
            // The leading space of the continuation counts.
            octets = 1;
        }
        folded.push(character);
        octets += width;
    }
    folded.push_str("\r\n");
    folded
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(text: &str) -> Timestamp {
        text.parse().expect("a timestamp")
    }

    #[test]
    fn an_event_is_a_valid_calendar_in_utc_with_escaped_folded_text() {
        let title = "Sistem Antrean Puskesmas; cepat, ramah \\ terukur — inovasi pelayanan kesehatan terpadu";
        let file = ics(
            &Event {
                uid: "presentasi-sepasar@juara",
                starts: at("2026-03-12T08:30:00+07:00"),
                ends: at("2026-03-12T08:40:00+07:00"),
                summary: title,
                description: "Urutan 1\nKonsol presentasi",
                url: "https://juara.example/judge/presentation/presentasi",
            },
            at("2026-03-01T00:00:00Z"),
        );
        assert!(file.starts_with("BEGIN:VCALENDAR\r\nVERSION:2.0\r\n"));
        assert!(file.ends_with("END:VEVENT\r\nEND:VCALENDAR\r\n"));
        assert!(file.contains("DTSTART:20260312T013000Z\r\n"));
        assert!(file.contains("DTEND:20260312T014000Z\r\n"));
        assert!(file.contains("DESCRIPTION:Urutan 1\\nKonsol presentasi\r\n"));
        for line in file.split("\r\n") {
            assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
        }
        let unfolded = file.replace("\r\n ", "");
        assert!(
            unfolded.contains(
                "SUMMARY:Sistem Antrean Puskesmas\\; cepat\\, ramah \\\\ terukur — inovasi"
            ),
            "{unfolded}"
        );
        assert!(!file.contains('\n') || file.matches('\n').count() == file.matches("\r\n").count());
    }
}
