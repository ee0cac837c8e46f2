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
use crate::backend::repo::catalogue::{self as repo, EntryRow, ImageRow, InnovationRow};
use crate::backend::repo::editions;
use crate::backend::service::publication;
use crate::error::AppError;
use crate::model::{
    AwardLine, CatalogueCard, CatalogueFilters, CataloguePage, CategoryView, InnovationLink,
    InnovationProfile, Participation, Photo, PublicSection, ResultsDocument,
};
use domain::catalogue::{Listing, Query, search};
use domain::proposal::{Template, youtube_video_id};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// Words of a card's summary.
const SUMMARY_WORDS: usize = 30;

/// Places in a final ranking that count as an award.
const AWARD_PLACES: u32 = 3;

/// The catalogue, built from what is published.
#[derive(Debug, Clone, Default)]
pub struct Catalogue {
    profiles: Vec<InnovationProfile>,
    listings: Vec<Listing>,
    by_id: HashMap<String, usize>,
    /// Entry key → (innovation key, edition slug), for every published entry.
    entries: HashMap<String, (String, String)>,
    /// Image evidence key → content address, for the photos profiles show.
    photos: HashMap<String, (String, String)>,
    categories: Vec<CategoryView>,
    years: Vec<i32>,
}

/// A published edition: its key, the standing document and its template.
struct Published {
    key: String,
    document: ResultsDocument,
    template: Template,
}

impl Catalogue {
    /// The profile of innovation `id`, when it is public.
    #[must_use]
    pub fn profile(&self, id: &str) -> Option<&InnovationProfile> {
        self.by_id.get(id).map(|&index| &self.profiles[index])
    }

    /// Every public profile, by title.
    #[must_use]
    pub fn profiles(&self) -> &[InnovationProfile] {
        &self.profiles
    }

    /// The published entries of edition `slug`: entry key → innovation key.
    #[must_use]
    pub fn links_in(&self, slug: &str) -> BTreeMap<String, String> {
        self.entries
            .iter()
            .filter(|(_, (_, edition))| edition == slug)
            .map(|(entry, (innovation, _))| (entry.clone(), innovation.clone()))
            .collect()
    }

    /// The media type and content address of photo `photo` of innovation `id`,
    /// when its profile shows it.
    #[must_use]
    pub fn photo(&self, id: &str, photo: &str) -> Option<(&str, &str)> {
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
            awarded: filters.award == "1",
            page: filters.page.trim().parse().unwrap_or(1),
        };
        let found = search(&self.listings, &query);
        CataloguePage {
            cards: found
                .hits
                .iter()
                .map(|&index| card(&self.profiles[index], &self.listings[index]))
                .collect(),
            total: found.total,
            page: found.page,
            pages: found.pages,
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
        summary,
    }
}

/// Builds the catalogue from the database as it stands.
#[tracing::instrument(skip_all, err(level = "warn"))]
pub async fn build(db: &Db) -> Result<Catalogue, AppError> {
    let mut published = Vec::new();
    for edition in editions::list(db).await? {
        if !edition.results_published {
            continue;
        }
        if let Some((_, document)) = publication::standing(db, &edition.slug).await? {
            published.push(Published {
                key: edition.id,
                document,
                template: Template::national(),
            });
        }
    }
    let keys: Vec<String> = published
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
    let ranked: BTreeSet<String> = published
        .iter()
        .flat_map(|edition| edition.document.reached())
        .map(|reached| reached.id)
        .collect();
    let entries: Vec<EntryRow> = repo::entries(db, &keys)
        .await?
        .into_iter()
        .filter(|entry| ranked.contains(&entry.id))
        .collect();
    let entry_keys: Vec<String> = entries.iter().map(|entry| entry.id.clone()).collect();
    let images = repo::images(db, &entry_keys).await?;
    let innovations = repo::innovations(db).await?;
    Ok(assemble(&published, &entries, &images, &innovations))
}

fn assemble(
    published: &[Published],
    entries: &[EntryRow],
    images: &[ImageRow],
    innovations: &[InnovationRow],
) -> Catalogue {
    let edition_of = |key: &str| published.iter().find(|edition| edition.key == key);
    let mut entries_of: BTreeMap<&str, Vec<&EntryRow>> = BTreeMap::new();
    for entry in entries {
        entries_of
            .entry(entry.innovation.as_str())
            .or_default()
            .push(entry);
    }
    for list in entries_of.values_mut() {
        // Newest edition first.
        list.sort_by_key(|entry| {
            std::cmp::Reverse(edition_of(&entry.edition).map_or(0, |e| e.document.edition.year))
        });
    }
    let titles: HashMap<&str, &str> = innovations
        .iter()
        .map(|innovation| (innovation.id.as_str(), innovation.title.as_str()))
        .collect();

    let mut catalogue = Catalogue::default();
    let mut categories: BTreeMap<String, String> = BTreeMap::new();
    let mut years = BTreeSet::new();
    for innovation in innovations {
        let own_entries = entries_of
            .get(innovation.id.as_str())
            .cloned()
            .unwrap_or_default();
        let history = history_awards(&innovation.awards);
        if own_entries.is_empty() && history.is_empty() {
            continue;
        }
        let mut participation = Vec::new();
        let mut awards = history;
        for entry in &own_entries {
            let Some(edition) = edition_of(&entry.edition) else {
                continue;
            };
            let document = &edition.document;
            let year = i32::try_from(document.edition.year).unwrap_or_default();
            let category = document.category_label(&entry.category);
            categories.insert(entry.category.clone(), category.clone());
            if let Some(reached) = document
                .reached()
                .into_iter()
                .find(|row| row.id == entry.id)
            {
                let final_place = reached.final_place;
                if let Some((rank, _)) = final_place.filter(|(rank, _)| *rank <= AWARD_PLACES) {
                    awards.push(AwardLine {
                        year,
                        text: None,
                        rank: Some(rank),
                        edition: Some(document.edition.title.clone()),
                        category: Some(category.clone()),
                    });
                }
                participation.push(Participation {
                    slug: document.edition.slug.clone(),
                    edition: document.edition.title.clone(),
                    year,
                    category,
                    reached: reached.stage,
                    advanced: reached.advanced,
                    final_rank: final_place.map(|(rank, _)| rank),
                    tied: final_place.is_some_and(|(_, tied)| tied),
                });
            }
            catalogue.entries.insert(
                entry.id.clone(),
                (innovation.id.clone(), document.edition.slug.clone()),
            );
        }
        awards.sort_by_key(|award| std::cmp::Reverse(award.year));
        let latest = own_entries.first().copied();
        let template = latest
            .and_then(|entry| edition_of(&entry.edition))
            .map(|edition| &edition.template);
        let sections: Vec<PublicSection> = match (latest, template) {
            (Some(entry), Some(template)) => template
                .sections
                .iter()
                .filter(|section| section.public)
                .filter_map(|section| {
                    let text = entry.sections.get(&section.key)?.trim();
                    (!text.is_empty()).then(|| PublicSection {
                        label: section.label.clone(),
                        text: text.to_owned(),
                    })
                })
                .collect(),
            _ => Vec::new(),
        };
        let photos: Vec<Photo> = match (latest, template) {
            (Some(entry), Some(template)) => images
                .iter()
                .filter(|image| image.entry == entry.id)
                .filter(|image| {
                    template
                        .sections
                        .iter()
                        .any(|section| section.public && section.key == image.section)
                })
                .map(|image| {
                    catalogue.photos.insert(
                        image.id.clone(),
                        (image.media_type.clone(), image.sha256.clone()),
                    );
                    Photo {
                        id: image.id.clone(),
                        name: image.name.clone(),
                    }
                })
                .collect(),
            _ => Vec::new(),
        };
        let innovation_years: Vec<i32> = participation
            .iter()
            .map(|part| part.year)
            .chain(awards.iter().map(|award| award.year))
            .collect::<BTreeSet<_>>()
            .into_iter()
            .rev()
            .collect();
        years.extend(innovation_years.iter().copied());
        let category_keys: Vec<String> = own_entries
            .iter()
            .map(|entry| entry.category.clone())
            .collect();
        let text: String = sections
            .iter()
            .map(|section| section.text.as_str())
            .collect::<Vec<_>>()
            .join(" ");
        catalogue.listings.push(Listing::new(
            &innovation.title,
            &innovation.org_name,
            &text,
            category_keys,
            innovation.sdgs.clone(),
            innovation_years,
            !awards.is_empty(),
        ));
        catalogue.profiles.push(InnovationProfile {
            id: innovation.id.clone(),
            title: innovation.title.clone(),
            organisation: innovation.org_name.clone(),
            started_on: innovation.started_on.clone(),
            digital: innovation.digital,
            sdgs: innovation.sdgs.clone(),
            category: participation.first().map(|part| part.category.clone()),
            video_url: latest
                .and_then(|entry| entry.video_url.clone())
                .filter(|url| youtube_video_id(url).is_some()),
            sections,
            photos,
            awards,
            participation,
            replicates: innovation
                .replicated_from
                .as_deref()
                .and_then(|id| titles.get(id).map(|title| (id, *title)))
                .map(|(id, title)| InnovationLink {
                    id: Some(id.to_owned()),
                    title: title.to_owned(),
                })
                .or_else(|| {
                    innovation
                        .replicates
                        .clone()
                        .filter(|name| !name.trim().is_empty())
                        .map(|title| InnovationLink { id: None, title })
                }),
            replicated_by: Vec::new(),
        });
    }
    link_replications(&mut catalogue, innovations);
    catalogue.by_id = catalogue
        .profiles
        .iter()
        .enumerate()
        .map(|(index, profile)| (profile.id.clone(), index))
        .collect();
    catalogue.categories = categories
        .into_iter()
        .map(|(key, label)| CategoryView { key, label })
        .collect();
    catalogue.categories.sort_by(|a, b| a.label.cmp(&b.label));
    catalogue.years = years.into_iter().rev().collect();
    catalogue
}

/// Fills `replicated_by` and keeps a `replicates` link only where its target has
/// a public profile (its title is public either way: the replica names it).
fn link_replications(catalogue: &mut Catalogue, innovations: &[InnovationRow]) {
    let listed: BTreeSet<String> = catalogue
        .profiles
        .iter()
        .map(|profile| profile.id.clone())
        .collect();
    let mut replicas: BTreeMap<String, Vec<InnovationLink>> = BTreeMap::new();
    for innovation in innovations {
        if let Some(original) = &innovation.replicated_from
            && listed.contains(&innovation.id)
        {
            replicas
                .entry(original.clone())
                .or_default()
                .push(InnovationLink {
                    id: Some(innovation.id.clone()),
                    title: innovation.title.clone(),
                });
        }
    }
    for profile in &mut catalogue.profiles {
        if let Some(link) = &mut profile.replicates
            && link.id.as_ref().is_some_and(|id| !listed.contains(id))
        {
            link.id = None;
        }
        profile.replicated_by = replicas.remove(&profile.id).unwrap_or_default();
    }
}

/// The recorded award history (`[{year, award}]`); malformed items are skipped.
fn history_awards(awards: &serde_json::Value) -> Vec<AwardLine> {
    awards
        .as_array()
        .map(|list| {
            list.iter()
                .filter_map(|item| {
                    let year = i32::try_from(item.get("year")?.as_i64()?).ok()?;
                    let text = item.get("award")?.as_str()?.trim();
                    (!text.is_empty()).then(|| AwardLine {
                        year,
                        text: Some(text.to_owned()),
                        rank: None,
                        edition: None,
                        category: None,
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}
