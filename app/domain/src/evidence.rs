//! Evidence files attached to a proposal: which kinds are accepted (decided from
//! the content, never from the name a person gave the file), how large they may
//! be, and the name they are shown under.

use serde::{Deserialize, Serialize};

/// The kinds of evidence accepted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EvidenceKind {
    /// A PDF document.
    Pdf,
    /// A JPEG photo.
    Jpeg,
    /// A PNG image.
    Png,
}

impl EvidenceKind {
    /// The media type it is served with.
    #[must_use]
    pub const fn media_type(self) -> &'static str {
        match self {
            EvidenceKind::Pdf => "application/pdf",
            EvidenceKind::Jpeg => "image/jpeg",
            EvidenceKind::Png => "image/png",
        }
    }

    /// The kind for a stored media type.
    #[must_use]
    pub fn from_media_type(media_type: &str) -> Option<EvidenceKind> {
        [EvidenceKind::Pdf, EvidenceKind::Jpeg, EvidenceKind::Png]
            .into_iter()
            .find(|kind| kind.media_type() == media_type)
    }

    /// Whether a browser shows it in a page (`<img>`) rather than its PDF viewer.
    #[must_use]
    pub const fn is_image(self) -> bool {
        matches!(self, EvidenceKind::Jpeg | EvidenceKind::Png)
    }

    /// The file name extension its content calls for.
    #[must_use]
    pub const fn extension(self) -> &'static str {
        match self {
            EvidenceKind::Pdf => "pdf",
            EvidenceKind::Jpeg => "jpg",
            EvidenceKind::Png => "png",
        }
    }
}

/// The name a blind panel sees instead of the file's own (which often names
/// the agency: `Laporan Puskesmas Janti.pdf`): the file's place among the
/// entry's evidence (1-based) and its kind.
///
/// ```
/// use domain::evidence::{neutral_name, EvidenceKind};
/// assert_eq!(neutral_name(2, Some(EvidenceKind::Pdf)), "lampiran-2.pdf");
/// assert_eq!(neutral_name(1, None), "lampiran-1");
/// ```
#[must_use]
pub fn neutral_name(position: usize, kind: Option<EvidenceKind>) -> String {
    match kind {
        Some(kind) => format!("lampiran-{position}.{}", kind.extension()),
        None => format!("lampiran-{position}"),
    }
}

/// What a file's first bytes say it is: a PDF starts `%PDF-`, a JPEG `FF D8 FF`,
/// a PNG with its eight-byte signature. Anything else is refused, whatever its name.
///
/// ```
/// use domain::evidence::{sniff, EvidenceKind};
/// assert_eq!(sniff(b"%PDF-1.7\n..."), Some(EvidenceKind::Pdf));
/// assert_eq!(sniff(b"MZ\x90\x00 an executable named laporan.pdf"), None);
/// ```
#[must_use]
pub fn sniff(content: &[u8]) -> Option<EvidenceKind> {
    const PNG: &[u8] = b"\x89PNG\r\n\x1a\n";
    if content.starts_with(b"%PDF-") {
        Some(EvidenceKind::Pdf)
    } else if content.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Some(EvidenceKind::Jpeg)
    } else if content.starts_with(PNG) {
        Some(EvidenceKind::Png)
    } else {
        None
    }
}

/// Why a file is refused.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub enum EvidenceProblem {
    /// No content.
    Empty,
    /// Larger than the edition allows.
    TooLarge {
        /// The limit in bytes.
        limit: u64,
        /// The file's size.
        size: u64,
    },
    /// Not a PDF, JPEG or PNG by its content.
    UnsupportedType,
}

/// Checks a file's content against the size limit and the accepted kinds.
///
/// ```
/// use domain::evidence::{check_file, EvidenceKind, EvidenceProblem};
/// assert_eq!(check_file(b"%PDF-1.4", 1024), Ok(EvidenceKind::Pdf));
/// assert_eq!(check_file(b"%PDF-1.4", 4), Err(EvidenceProblem::TooLarge { limit: 4, size: 8 }));
/// ```
pub fn check_file(content: &[u8], limit: u64) -> Result<EvidenceKind, EvidenceProblem> {
    let size = content.len() as u64;
    if size == 0 {
        return Err(EvidenceProblem::Empty);
    }
    if size > limit {
        return Err(EvidenceProblem::TooLarge { limit, size });
    }
    sniff(content).ok_or(EvidenceProblem::UnsupportedType)
}

/// The name a file is listed and downloaded under: the last path part of what
/// the browser sent, without control characters or quotes, at most 120
/// characters; `bukti` when nothing is left.
///
/// ```
/// use domain::evidence::display_name;
/// assert_eq!(display_name("C:\\Users\\ani\\Laporan \"akhir\".pdf"), "Laporan akhir.pdf");
/// assert_eq!(display_name("../../etc/passwd"), "passwd");
/// assert_eq!(display_name("\u{0}"), "bukti");
/// ```
#[must_use]
pub fn display_name(given: &str) -> String {
    let last = given.rsplit(['/', '\\']).next().unwrap_or(given);
    let cleaned: String = last
        .chars()
        .filter(|c| !c.is_control() && !matches!(c, '"' | '\'' | '<' | '>' | '`'))
        .take(120)
        .collect();
    let cleaned = cleaned.trim().trim_start_matches('.').trim().to_owned();
    if cleaned.is_empty() {
        "bukti".to_owned()
    } else {
        cleaned
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_content_decides_not_the_name() {
        assert_eq!(
            sniff(b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR"),
            Some(EvidenceKind::Png)
        );
        assert_eq!(
            sniff(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0x10]),
            Some(EvidenceKind::Jpeg)
        );
        assert_eq!(sniff(b"<html><script>alert(1)</script>"), None);
        assert_eq!(sniff(b"%PD"), None, "a truncated signature is not a PDF");
        assert_eq!(sniff(b""), None);
    }

    #[test]
    fn the_limit_is_inclusive_and_empty_files_are_refused() {
        let pdf = b"%PDF-1.7 with some more bytes";
        let size = pdf.len() as u64;
        assert_eq!(check_file(pdf, size), Ok(EvidenceKind::Pdf));
        assert_eq!(
            check_file(pdf, size - 1),
            Err(EvidenceProblem::TooLarge {
                limit: size - 1,
                size
            })
        );
        assert_eq!(check_file(b"", 10), Err(EvidenceProblem::Empty));
        assert_eq!(
            check_file(b"GIF89a", 10),
            Err(EvidenceProblem::UnsupportedType)
        );
    }

    #[test]
    fn media_types_round_trip() {
        for kind in [EvidenceKind::Pdf, EvidenceKind::Jpeg, EvidenceKind::Png] {
            assert_eq!(EvidenceKind::from_media_type(kind.media_type()), Some(kind));
        }
        assert_eq!(EvidenceKind::from_media_type("text/html"), None);
    }
}
