//! The berita acara of an edition's final results: what the committee
//! published (the standing final publication, frozen), with the winner-set
//! check as it stood when it was published and the reason the committee gave
//! for publishing a set that breaks a rule. Until the final results are
//! published, the same page drafts them from the ranking computed now.

use crate::backend::db::Db;
use crate::backend::service::{composition, publication, results};
use crate::error::AppError;
use crate::model::FinalMinutes;
use domain::stage::PublicationScope;

/// The berita acara of edition `slug`'s final results.
pub async fn of_edition(db: &Db, slug: &str) -> Result<FinalMinutes, AppError> {
    let edition = results::edition(db, slug).await?;
    if let Some(standing) = publication::standing_final(db, &edition.id).await? {
        return Ok(FinalMinutes {
            document: publication::decode(&standing)?,
            published: true,
            composition: standing.composition,
            composition_reason: standing.composition_reason,
        });
    }
    let document = results::document(db, slug, &PublicationScope::Final).await?;
    Ok(FinalMinutes {
        composition: composition::view(db, slug, &document).await?,
        document,
        published: false,
        composition_reason: None,
    })
}
