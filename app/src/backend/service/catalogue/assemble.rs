//! Putting the catalogue together from what `build` read: which innovations
//! are listed, what each profile shows, the awards and the replication links.

use super::{AWARD_PLACES, Catalogue, Published};
use crate::backend::repo::catalogue::{ImageRow, InnovationRow, PublishedEntry};
use crate::backend::repo::onward::OnwardRow;
use crate::model::{
    AwardLine, CategoryView, InnovationLink, InnovationProfile, Participation, Photo, PublicSection,
};
use domain::catalogue::{Index, Listing};
use domain::ids::EditionId;
use domain::ids::InnovationId;
use domain::proposal::youtube_video_id;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// The catalogue of `innovations`, given the published editions, their ranked
/// entries and those entries' images.
pub(super) fn assemble(
    published: &[Published],
    (entries, onward): (&[PublishedEntry], &[OnwardRow]),
    images: &[ImageRow],
    innovations: &[InnovationRow],
) -> Catalogue {
    let edition_of = |key: &EditionId| published.iter().find(|edition| edition.key == key);
    let mut entries_of: BTreeMap<&str, Vec<&PublishedEntry>> = BTreeMap::new();
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
    let mut listings = Vec::new();
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
        let mut went_on = None;
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
                        level: None,
                    });
                }
                // What it earned beyond the city, once sent on from here: only
                // while a standing final ranking places it (a stage's
                // publication standing again after the final's withdrawal
                // does not).
                let sent_on = final_place.is_some();
                for outcome in onward
                    .iter()
                    .filter(|outcome| sent_on && outcome.entry == entry.id)
                {
                    went_on = went_on.max(Some(outcome.level));
                    awards.push(AwardLine {
                        year: outcome.year,
                        text: Some(outcome.award.to_string()),
                        rank: None,
                        edition: None,
                        category: None,
                        level: Some(outcome.level),
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
        listings.push(
            Listing::new(
                &innovation.title,
                &innovation.org_name,
                &text,
                category_keys,
                innovation.sdgs.clone(),
                innovation_years,
                !awards.is_empty(),
            )
            .reaching(went_on),
        );
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
                .as_ref()
                .and_then(|id| titles.get(id.as_str()).map(|title| (id, *title)))
                .map(|(id, title)| InnovationLink {
                    id: Some(id.clone()),
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
    catalogue.index = Index::new(listings);
    catalogue
}

/// Fills `replicated_by` and keeps a `replicates` link only where its target has
/// a public profile (its title is public either way: the replica names it).
fn link_replications(catalogue: &mut Catalogue, innovations: &[InnovationRow]) {
    let listed: BTreeSet<InnovationId> = catalogue
        .profiles
        .iter()
        .map(|profile| profile.id.clone())
        .collect();
    let mut replicas: BTreeMap<InnovationId, Vec<InnovationLink>> = BTreeMap::new();
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
                        level: None,
                    })
                })
                .collect()
        })
        .unwrap_or_default()
}
