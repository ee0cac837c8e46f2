//! An edition open for entries, so the entrant flow can be tried: the window
//! opened ten days ago and closes in three weeks; quotas of two `umum` entries
//! and one `replikasi` entry per organisation; one draft already started by the
//! Puskesmas Janti; and two entries of other Puskesmas already submitted, waiting
//! for the committee's administrative screening.

use super::at;
use super::content::DemoFile;
use super::editions::{EditionName, create_edition, stage_plans};
use crate::backend::db::Db;
use crate::backend::repo::demo as repo;
use crate::backend::repo::entering::{self, EntryWrite, InnovationWrite};
use crate::error::AppError;
use domain::edition::Group;
use domain::ids::EditionId;
use domain::ids::EntryId;
use domain::ids::InnovationId;
use domain::ids::OrgId;
use domain::ids::UserId;
use jiff::Timestamp;
use jiff::tz::TimeZone;

/// The open edition's record key.
pub const OPEN_EDITION: &str = "kipp-rintisan";

pub(super) async fn load_open_edition(
    db: &Db,
    demo: &DemoFile,
    now: Timestamp,
) -> Result<(), AppError> {
    let year = now.to_zoned(TimeZone::UTC).year();
    let stages = stage_plans(now, [(23, 26), (28, 40), (44, 45), (47, 52)]);
    create_edition(
        db,
        demo,
        EditionName {
            key: OPEN_EDITION,
            slug: format!("kipp-rintisan-malang-{year}"),
            title: format!("Kompetisi Inovasi Rintisan Kota Malang {year}"),
        },
        year,
        (at(now, -10, 8), at(now, 21, 23)),
        false,
        &stages,
    )
    .await?;
    repo::open_for_entries(
        db,
        &EditionId::from(OPEN_EDITION),
        &serde_json::json!({"*": {"umum": 2, "replikasi": 1}}),
    )
    .await?;
    let statements = vec![
        entering::create_innovation(&InnovationWrite {
            key: &InnovationId::from("posyandu-remaja"),
            title: "Posyandu Remaja Digital",
            org: &OrgId::from("pkm-janti"),
            started_on: "2023-08-01",
            digital: true,
            replicates: None,
        }),
        entering::create_entry(&EntryWrite {
            key: &EntryId::from("rintisan-posyandu-remaja"),
            edition: &EditionId::from(OPEN_EDITION),
            innovation: &InnovationId::from("posyandu-remaja"),
            org: &OrgId::from("pkm-janti"),
            title: "Posyandu Remaja Digital",
            group: Group::Umum,
            category: demo
                .categories
                .first()
                .map_or("kesehatan", |category| category.key.as_str()),
            user: &UserId::from("inovator-janti"),
        }),
    ];
    crate::backend::records::execute_atomically(db, statements).await?;
    repo::fill_in(
        db,
        &EntryId::from("rintisan-posyandu-remaja"),
        &serde_json::json!({
            "ringkasan": "Remaja di wilayah Janti jarang datang ke posyandu. Posyandu Remaja Digital mengingatkan jadwal lewat WhatsApp dan mencatat hasil pemeriksaan di aplikasi sederhana."
        }),
        false,
    )
    .await?;
    load_submitted(db, demo).await
}

/// Entries of the Puskesmas Dinoyo and Kendalsari, submitted and waiting for
/// screening.
async fn load_submitted(db: &Db, demo: &DemoFile) -> Result<(), AppError> {
    let category = demo
        .categories
        .first()
        .map_or("kesehatan", |category| category.key.as_str());
    let waiting = [
        (
            "antrean-dinoyo",
            "Antrean Daring Puskesmas Dinoyo",
            "pkm-dinoyo",
            "koordinator-pkm-dinoyo",
            "2023-01-10",
            "Pasien mengambil nomor antrean dari rumah lewat WhatsApp dan datang saat gilirannya dekat; ruang tunggu tidak lagi penuh.",
        ),
        (
            "rapor-gizi",
            "Rapor Gizi Anak Sekolah",
            "pkm-kendalsari",
            "koordinator-pkm-kendalsari",
            "2022-11-01",
            "Hasil penimbangan anak sekolah dikirim ke orang tua sebagai rapor gizi, dengan saran menu dari ahli gizi puskesmas.",
        ),
    ];
    for (key, title, org, user, started_on, summary) in waiting {
        let entry = EntryId::from(format!("rintisan-{key}"));
        let innovation = InnovationId::from(key);
        crate::backend::records::execute_atomically(
            db,
            vec![
                entering::create_innovation(&InnovationWrite {
                    key: &innovation,
                    title,
                    org: &OrgId::from(org),
                    started_on,
                    digital: true,
                    replicates: None,
                }),
                entering::create_entry(&EntryWrite {
                    key: &entry,
                    edition: &EditionId::from(OPEN_EDITION),
                    innovation: &innovation,
                    org: &OrgId::from(org),
                    title,
                    group: Group::Umum,
                    category,
                    user: &UserId::from(user),
                }),
            ],
        )
        .await?;
        repo::fill_in(
            db,
            &entry,
            &serde_json::json!({ "ringkasan": summary }),
            true,
        )
        .await?;
    }
    Ok(())
}
