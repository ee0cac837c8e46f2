//! The submission package of an entry sent on to the province and the nation:
//! its proposal in the national form (the national sections in the national
//! order, word counts against the national limits) as a PDF, a zip of that PDF
//! with the evidence files, and a CSV summarising every package of an edition.
//!
//! The package is written in Bahasa Indonesia whatever the committee's own
//! language: it goes to KOVABLIK and SINOVIK, whose forms are Indonesian.
//! Only entries the committee sends on have one (`onward::sent_on`).

use crate::backend::csv_table::{Bom, Cell, CsvTable};
use crate::backend::db::Db;
use crate::backend::evidence_store::EvidenceStore;
use crate::backend::pdf::{self, Block, DocumentInfo, Rendered};
use crate::backend::repo::evidence::{self, EvidenceRecord};
use crate::backend::repo::proposals;
use crate::backend::service::onward::{self, SentEntry};
use crate::error::AppError;
use crate::model::{PackageCheck, PackageSectionCheck};
use domain::ids::EntryId;
use domain::proposal::{PackageSection, PackageSectionState, Template, national_package};

/// Everything one package is made of.
#[derive(Debug, Clone)]
pub struct Package {
    pub sent: SentEntry,
    pub edition_title: String,
    pub group: domain::edition::Group,
    pub video_url: Option<String>,
    /// The national sections, in the national order.
    pub sections: Vec<PackageSection>,
    pub evidence: Vec<EvidenceRecord>,
}

impl Package {
    /// How the package stands, for the committee's page.
    #[must_use]
    pub fn check(&self) -> PackageCheck {
        PackageCheck {
            sections: self
                .sections
                .iter()
                .map(|section| PackageSectionCheck {
                    label: section.label.clone(),
                    words: section.words,
                    word_limit: section.word_limit,
                    state: section.state,
                })
                .collect(),
            evidence_files: self.evidence.len(),
        }
    }

    /// The file name stem: the entry's key, so two packages never collide.
    #[must_use]
    pub fn file_stem(&self) -> String {
        format!("paket-{}", self.sent.entry)
    }
}

/// The package of `sent`, from its stored proposal and evidence.
pub async fn assemble(db: &Db, edition_title: &str, sent: SentEntry) -> Result<Package, AppError> {
    let proposal = proposals::find(db, &sent.entry)
        .await?
        .ok_or(AppError::NotFound)?;
    let sections = national_package(
        &Template::national(),
        &proposal.template(),
        proposal.group,
        &proposal.sections,
    );
    let evidence = evidence::for_entry(db, &sent.entry).await?;
    Ok(Package {
        sent,
        edition_title: edition_title.to_owned(),
        group: proposal.group,
        video_url: proposal.video_url.filter(|url| !url.trim().is_empty()),
        sections,
        evidence,
    })
}

/// The package of entry `entry` of edition `slug`; `NotFound` unless the
/// committee sends it on.
pub async fn of_entry(db: &Db, slug: &str, entry: &EntryId) -> Result<Package, AppError> {
    let (edition_title, sent) = onward::sent_entries(db, slug).await?;
    let sent = sent
        .into_iter()
        .find(|candidate| candidate.entry == *entry)
        .ok_or(AppError::NotFound)?;
    assemble(db, &edition_title, sent).await
}

/// What a section's word count says against the national limit.
fn count_note(section: &PackageSection) -> String {
    let counted = format!(
        "{} kata · batas formulir nasional {} kata",
        section.words, section.word_limit
    );
    match section.state {
        PackageSectionState::Ready => counted,
        PackageSectionState::OverLimit => format!(
            "{counted} · MELEBIHI BATAS {} kata: ringkas sebelum dikirim",
            section.words - section.word_limit
        ),
        PackageSectionState::Empty => "Belum diisi: lengkapi sebelum dikirim.".to_owned(),
        PackageSectionState::Missing => {
            "Bagian ini tidak ada di formulir kompetisi kota: tulis sebelum dikirim.".to_owned()
        }
    }
}

/// The proposal in the national form, as a PDF.
///
/// # Errors
/// `Internal` if the shipped font could not be subset (a build defect).
pub fn pdf(package: &Package) -> Result<Rendered, AppError> {
    let sent = &package.sent;
    let group = match package.group {
        domain::edition::Group::Umum => "Umum",
        domain::edition::Group::Replikasi => "Replikasi",
        domain::edition::Group::Khusus => "Khusus",
    };
    let mut cover = vec![
        format!("Instansi: {}", sent.organisation),
        format!("Kategori: {} · Kelompok: {group}", sent.category),
        format!(
            "Kompetisi asal: {} · peringkat {} kategori {}",
            package.edition_title, sent.rank, sent.category
        ),
    ];
    if let Some(url) = &package.video_url {
        cover.push(format!("Video: {url}"));
    }
    let mut blocks = vec![
        Block::Note("PROPOSAL INOVASI PELAYANAN PUBLIK · FORMAT NASIONAL".to_owned()),
        Block::Title(sent.title.clone()),
    ];
    blocks.extend(cover.into_iter().map(Block::Paragraph));
    blocks.push(Block::Heading("Daftar bagian".to_owned()));
    for (number, section) in package.sections.iter().enumerate() {
        blocks.push(Block::Paragraph(format!(
            "{}. {}",
            number + 1,
            section.label
        )));
        blocks.push(Block::Note(count_note(section)));
    }
    blocks.push(Block::Heading("Lampiran".to_owned()));
    blocks.push(if package.evidence.is_empty() {
        Block::Note("Tidak ada berkas bukti.".to_owned())
    } else {
        Block::Paragraph(
            package
                .evidence
                .iter()
                .map(|file| format!("{} ({} KB)", file.name, file.size.div_ceil(1024)))
                .collect::<Vec<_>>()
                .join("\n"),
        )
    });
    blocks.push(Block::PageBreak);
    for (number, section) in package.sections.iter().enumerate() {
        blocks.push(Block::Heading(format!("{}. {}", number + 1, section.label)));
        blocks.push(Block::Note(count_note(section)));
        // Text with no word in it (a lone dash) is not sent as an answer.
        if section.words > 0 {
            blocks.push(Block::Paragraph(section.text.clone()));
        }
    }
    let footer = format!("{} · {}", sent.title, package.edition_title);
    pdf::render(
        &DocumentInfo {
            title: &sent.title,
            footer: &footer,
            page_of: &|page, pages| format!("Halaman {page} dari {pages}"),
            language: "id",
        },
        &blocks,
    )
    .map_err(|error| {
        tracing::error!(?error, "a shipped font could not be subset");
        AppError::Internal
    })
}

/// The most evidence one zip carries. Evidence is stored once per content, so
/// the same 20 MB file attached many times costs no disk but would cost its
/// size again per copy here: a package over this is refused, not built.
pub const MAX_PACKAGE_EVIDENCE_BYTES: u64 = 200 * 1024 * 1024;

/// The package as one zip: the PDF, and the evidence files under `bukti/`
/// (numbered, so that two files of the same name both arrive; with the
/// extension their content was checked as, whatever the uploaded name said).
/// `Conflict(FileTooLarge)` past `MAX_PACKAGE_EVIDENCE_BYTES`.
pub async fn zip(store: &EvidenceStore, package: &Package) -> Result<Vec<u8>, AppError> {
    use std::io::Write;
    use zip::write::SimpleFileOptions;
    let evidence_bytes: u64 = package.evidence.iter().map(|file| file.size).sum();
    if evidence_bytes > MAX_PACKAGE_EVIDENCE_BYTES {
        return Err(AppError::Conflict(crate::error::Problem::FileTooLarge {
            limit_mb: MAX_PACKAGE_EVIDENCE_BYTES / (1024 * 1024),
        }));
    }
    let document = pdf(package)?;
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .large_file(false);
    let mut archive = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let broken = |error: &dyn std::fmt::Display| {
        tracing::error!(%error, "could not write a submission package");
        AppError::Internal
    };
    archive
        .start_file(format!("{}.pdf", package.file_stem()), options)
        .map_err(|error| broken(&error))?;
    archive
        .write_all(&document.bytes)
        .map_err(|error| broken(&error))?;
    for (number, file) in package.evidence.iter().enumerate() {
        let extension = domain::evidence::EvidenceKind::from_media_type(&file.media_type)
            .map_or("bin", domain::evidence::EvidenceKind::extension);
        let content = store
            .get(&file.sha256)
            .await
            .map_err(|error| broken(&error))?;
        archive
            .start_file(
                format!(
                    "bukti/{:02}-{}.{extension}",
                    number + 1,
                    safe_stem(&file.name)
                ),
                options,
            )
            .map_err(|error| broken(&error))?;
        archive
            .write_all(&content)
            .map_err(|error| broken(&error))?;
    }
    Ok(archive
        .finish()
        .map_err(|error| broken(&error))?
        .into_inner())
}

/// The uploaded name's last part without its extension, kept to what every
/// unzipper writes as one plain file: no folders, no characters Windows refuses, no
/// control or direction marks (U+202E would show `SK\u{202e}fdp.hta` as
/// `SKath.pdf`), at most 80 characters.
fn safe_stem(name: &str) -> String {
    let base = name.rsplit(['/', '\\']).next().unwrap_or(name);
    let stem = base.rsplit_once('.').map_or(base, |(stem, _)| stem);
    let cleaned: String = stem
        .chars()
        .filter(|character| !character.is_control() && !is_invisible(*character))
        .map(|character| match character {
            '/' | '\\' | ':' | '<' | '>' | '"' | '|' | '?' | '*' => '_',
            other => other,
        })
        .take(80)
        .collect();
    let cleaned =
        cleaned.trim_matches(|character: char| character == '.' || character.is_whitespace());
    if cleaned.is_empty() {
        "berkas".to_owned()
    } else {
        cleaned.to_owned()
    }
}

/// Zero-width and direction-changing characters.
fn is_invisible(character: char) -> bool {
    matches!(
        character,
        '\u{200b}'..='\u{200f}' | '\u{202a}'..='\u{202e}' | '\u{2060}'..='\u{206f}' | '\u{feff}'
    )
}

/// One line per package of edition `slug`: what is sent, how long each PDF
/// is, and what the national form would still refuse.
pub async fn summary_csv(db: &Db, slug: &str) -> Result<String, AppError> {
    let (edition_title, sent) = onward::sent_entries(db, slug).await?;
    let mut table = CsvTable::new(
        &[
            "entry_id",
            "title",
            "organisation",
            "category",
            "group",
            "rank",
            "pdf_pages",
            "pdf_bytes",
            "evidence_files",
            "evidence_bytes",
            "sections_ready",
            "sections_over_limit",
            "sections_empty",
            "sections_missing",
        ],
        Bom::Yes,
    );
    for entry in sent {
        let package = assemble(db, &edition_title, entry).await?;
        let document = pdf(&package)?;
        let labels = |state: PackageSectionState| {
            package
                .sections
                .iter()
                .filter(|section| section.state == state)
                .map(|section| section.label.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        };
        let count = |value: usize| Cell::Integer(i64::try_from(value).unwrap_or(i64::MAX));
        let ready = package
            .sections
            .iter()
            .filter(|section| section.state == PackageSectionState::Ready)
            .count();
        table.push(vec![
            Cell::text(package.sent.entry.to_string()),
            Cell::text(&package.sent.title),
            Cell::text(&package.sent.organisation),
            Cell::text(&package.sent.category),
            Cell::text(package.group.key()),
            Cell::Integer(i64::from(package.sent.rank)),
            count(document.pages),
            count(document.bytes.len()),
            count(package.evidence.len()),
            Cell::Integer(
                i64::try_from(package.evidence.iter().map(|file| file.size).sum::<u64>())
                    .unwrap_or(i64::MAX),
            ),
            count(ready),
            Cell::text(labels(PackageSectionState::OverLimit)),
            Cell::text(labels(PackageSectionState::Empty)),
            Cell::text(labels(PackageSectionState::Missing)),
        ]);
    }
    Ok(table.finish())
}

#[cfg(test)]
mod tests {
    use super::safe_stem;

    #[test]
    fn evidence_names_stay_in_their_folder_and_lose_their_own_extension() {
        assert_eq!(safe_stem("../../etc/passwd"), "passwd");
        assert_eq!(safe_stem("C:\\Dokumen\\SK.pdf"), "SK");
        assert_eq!(safe_stem("...."), "berkas");
        assert_eq!(safe_stem("Foto lapangan.jpg"), "Foto lapangan");
        assert_eq!(safe_stem("SK\u{202e}fdp.hta"), "SKfdp");
        assert_eq!(safe_stem("a<b>c?.pdf"), "a_b_c_");
    }
}
