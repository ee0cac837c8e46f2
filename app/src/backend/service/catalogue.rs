//! The public catalogue of innovations and their profiles — the city's
//! replication registry.
//!
//! What is public is decided here, once: an innovation is listed when one of
//! its entries is ranked in a standing publication, or when it has a recorded
//! award history. Its profile shows the sections its edition marks public, of
//! its latest *published* entry only, with the images attached to them; an
//! entry of an edition whose results are not published shows nothing, whatever
//! its state. The whole catalogue is built at once (a city has hundreds of
//! innovations, not millions) and kept in memory by `backend::public_cache`.

use crate::backend::db::Db;
use crate::backend::repo::catalogue::{self as repo, PublishedEntry};
use crate::backend::repo::editions;
use crate::backend::service::publication;
use crate::error::AppError;
use crate::model::{
    CatalogueCard, CatalogueFilters, CataloguePage, CategoryView, InnovationProfile,
    ResultsDocument,
};
use domain::catalogue::{Index, Listing, Query};
use domain::ids::EditionId;
use domain::ids::EntryId;
use domain::ids::EvidenceId;
use domain::ids::InnovationId;
use domain::proposal::Template;
use std::collections::{BTreeMap, BTreeSet, HashMap};

mod assemble;

/// Words of a card's summary.
const SUMMARY_WORDS: usize = 30;

/// Places in a final ranking that count as an award.
pub const AWARD_PLACES: u32 = 3;

/// The catalogue, built from what is published.
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    profiles: Vec<InnovationProfile>,
    /// The profiles prepared for searching, in the same order.
    index: Index,
    by_id: HashMap<InnovationId, usize>,
    /// Entry key → (innovation key, edition slug), for every published entry.
    entries: HashMap<EntryId, (InnovationId, String)>,
    /// Image evidence key → content address, for the photos profiles show.
    photos: HashMap<EvidenceId, (String, String)>,
    categories: Vec<CategoryView>,
    years: Vec<i32>,
}

/// A published edition: its key, the standing document and its template.
struct Published {
    key: EditionId,
    document: ResultsDocument,
    template: Template,
}

impl Catalogue {
    /// The profile of innovation `id`, when it is public.
    #[must_use]
    pub fn profile(&self, id: &InnovationId) -> Option<&InnovationProfile> {
        self.by_id.get(id).map(|&index| &self.profiles[index])
    }

    /// Every public profile, by title.
    #[must_use]
    pub fn profiles(&self) -> &[InnovationProfile] {
        &self.profiles
    }

    /// The published entries of edition `slug`: entry key → innovation key.
    #[must_use]
    pub fn links_in(&self, slug: &str) -> BTreeMap<EntryId, InnovationId> {
        self.entries
            .iter()
            .filter(|(_, (_, edition))| edition == slug)
            .map(|(entry, (innovation, _))| (entry.clone(), innovation.clone()))
            .collect()
    }

    /// The media type and content address of photo `photo` of innovation `id`,
    /// when its profile shows it.
    #[must_use]
    pub fn photo(&self, id: &InnovationId, photo: &EvidenceId) -> Option<(&str, &str)> {
        let shown = self
            .profile(id)?
            .photos
            .iter()
            .any(|candidate| candidate.id == photo);
        shown
            .then(|| self.photos.get(photo))
            .flatten()
            .map(|(media_type, sha256)| (media_type.as_str(), sha256.as_str()))
    }

    /// How many public innovations took part in edition `slug`.
    #[must_use]
    pub fn count_in(&self, slug: &str) -> usize {
        self.profiles
            .iter()
            .filter(|profile| profile.participation.iter().any(|part| part.slug == slug))
            .count()
    }

    /// One page of the catalogue for `filters` (unreadable filters are ignored).
    #[must_use]
    pub fn page(&self, filters: &CatalogueFilters) -> CataloguePage {
        let query = Query {
            words: filters.q.clone(),
            category: Some(filters.category.trim().to_owned()).filter(|key| !key.is_empty()),
            sdg: filters.sdg.trim().parse().ok(),
            year: filters.year.trim().parse().ok(),
            // `1`: any award; a level: gone on at least that far.
            awarded: filters.award == "1",
            reached: filters.award.parse().ok(),
            page: filters.page.trim().parse().unwrap_or(1),
        };
        let found = self.index.search(&query);
        CataloguePage {
            cards: found
                .hits
                .iter()
                .map(|&index| card(&self.profiles[index], &self.index.listings()[index]))
                .collect(),
            total: found.total,
            page: found.page,
            pages: found.pages,
            shortened: found.shortened,
            categories: self.categories.clone(),
            years: self.years.clone(),
        }
    }
}

fn card(profile: &InnovationProfile, listing: &Listing) -> CatalogueCard {
    let summary = profile
        .sections
        .first()
        .map(|section| {
            let words: Vec<&str> = section.text.split_whitespace().collect();
            let mut text = words[..words.len().min(SUMMARY_WORDS)].join(" ");
            if words.len() > SUMMARY_WORDS {
                text.push('…');
            }
            text
        })
        .unwrap_or_default();
    CatalogueCard {
        id: profile.id.clone(),
        title: profile.title.clone(),
        organisation: profile.organisation.clone(),
        category: profile.category.clone(),
        years: listing.years.clone(),
        sdgs: profile.sdgs.clone(),
        awarded: listing.awarded,
        reached: listing.reached,
        summary,
    }
}

/// Builds the catalogue from the database as it stands.
#[tracing::instrument(skip_all, err(level = "warn"))]
pub async fn build(db: &Db) -> Result<Catalogue, AppError> {
    let mut published = Vec::new();
    let mut blind = Vec::new();
    for edition in editions::list(db).await? {
        // While a blind stage is unpublished, a profile (title beside
        // organisation) would tell a judge whose entry they score: the
        // innovations entered there wait until that stage is published.
        if crate::backend::repo::publications::in_blind_phase(db, &edition.id).await? {
            blind.push(edition.id);
            continue;
        }
        if let Some(publication::Standing { document, .. }) =
            publication::standing(db, &edition.slug).await?
        {
            published.push(Published {
                key: edition.id,
                document,
                template: Template::national(),
            });
        }
    }
    let keys: Vec<EditionId> = published
        .iter()
        .map(|edition| edition.key.clone())
        .collect();
    for row in repo::templates(db, &keys).await? {
        let own = row
            .template
            .and_then(|stored| serde_json::from_value(stored).ok());
        if let (Some(edition), Some(template)) = (
            published.iter_mut().find(|edition| edition.key == row.id),
            own,
        ) {
            edition.template = template;
        }
    }
    // Only entries the standing documents rank: screened-out or withdrawn
    // entries of a published edition stay private too.
    let ranked: BTreeSet<EntryId> = published
        .iter()
        .flat_map(|edition| edition.document.reached())
        .map(|reached| reached.id)
        .collect();
    let entries: Vec<PublishedEntry> = repo::entries(db, &keys)
        .await?
        .into_iter()
        .filter(|entry| ranked.contains(&entry.id))
        .collect();
    let entry_keys: Vec<EntryId> = entries.iter().map(|entry| entry.id.clone()).collect();
    let images = repo::images(db, &entry_keys).await?;
    let withheld: BTreeSet<InnovationId> = repo::innovations_entered_in(db, &blind)
        .await?
        .into_iter()
        .collect();
    let innovations: Vec<_> = repo::innovations(db)
        .await?
        .into_iter()
        .filter(|innovation| !withheld.contains(&innovation.id))
        .collect();
    let onward = crate::backend::repo::onward::of_entries(db, &entry_keys).await?;
    Ok(assemble::assemble(
        &published,
        (&entries, &onward),
        &images,
        &innovations,
    ))
}
