//! What the public site shows: an edition's page, the innovation catalogue and
//! profiles, and the people's-choice ballot. Built only from published results
//! and what the committee marked public.

use super::{CategoryView, EditionView};
use domain::ids::EntryId;
use domain::ids::EvidenceId;
use domain::ids::InnovationId;
use serde::{Deserialize, Serialize};

/// `/editions/:slug`: the edition with what the public can do in it now.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EditionPage {
    /// The edition and its timeline.
    pub edition: EditionView,
    /// An objection window is open now.
    pub objections_open: bool,
    /// The edition runs a people's choice (open now, or its tally is shown).
    pub peoples_choice: bool,
    /// How many innovations of the edition the catalogue lists.
    pub in_catalogue: usize,
}

/// The catalogue's filters as the GET form sends them (empty: no filter).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct CatalogueFilters {
    /// Words to find.
    #[serde(default)]
    pub q: String,
    /// Category key.
    #[serde(default)]
    pub category: String,
    /// SDG number.
    #[serde(default)]
    pub sdg: String,
    #[serde(default)]
    pub year: String,
    /// `1`: awarded innovations only.
    #[serde(default)]
    pub award: String,
    /// Page number.
    #[serde(default)]
    pub page: String,
}

/// One innovation in the catalogue's list.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CatalogueCard {
    /// Its page is `/innovations/{id}`.
    pub id: InnovationId,
    pub title: String,
    /// Owner organisation.
    pub organisation: String,
    /// Category of its latest published entry.
    pub category: Option<String>,
    /// Years it appears in.
    pub years: Vec<i32>,
    /// SDG numbers.
    pub sdgs: Vec<u8>,
    /// Holds an award.
    pub awarded: bool,
    /// How far it went beyond the city.
    #[serde(default)]
    pub reached: Option<domain::onward::OnwardLevel>,
    /// The start of its public summary.
    pub summary: String,
}

/// One page of the catalogue.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct CataloguePage {
    /// The innovations on this page.
    pub cards: Vec<CatalogueCard>,
    /// Matches in all.
    pub total: usize,
    /// This page (1-based).
    pub page: usize,
    /// Pages in all.
    pub pages: usize,
    /// Whether only the start of a long query was searched.
    #[serde(default)]
    pub shortened: bool,
    /// Every category the catalogue knows, for the filter.
    pub categories: Vec<CategoryView>,
    /// Every year the catalogue knows, newest first.
    pub years: Vec<i32>,
}

/// A section of a proposal the edition marks public.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct PublicSection {
    /// Heading.
    pub label: String,
    /// Text as written.
    pub text: String,
}

/// An image attached to a public section (`/innovations/{id}/photos/{photo}`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Photo {
    pub id: EvidenceId,
    /// File name, as a caption.
    pub name: String,
}

/// An award: from this city's published results (`rank` set) or from the
/// innovation's recorded history (`text` set).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct AwardLine {
    pub year: i32,
    /// The award as recorded (`Top 45 KIPP Nasional`).
    pub text: Option<String>,
    /// Place in the final ranking of an edition here.
    pub rank: Option<u32>,
    /// That edition's title.
    pub edition: Option<String>,
    /// That category's label.
    pub category: Option<String>,
    /// Earned beyond the city: at the province's or the nation's competition.
    #[serde(default)]
    pub level: Option<domain::onward::OnwardLevel>,
}

/// How far one published entry of the innovation went.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Participation {
    /// Edition slug.
    pub slug: String,
    /// Edition title.
    pub edition: String,
    /// Edition year.
    pub year: i32,
    /// Category label.
    pub category: String,
    /// The last published stage it was ranked in.
    pub reached: String,
    /// Whether it advanced from that stage.
    pub advanced: bool,
    /// Its place in the final ranking, if it has one.
    pub final_rank: Option<u32>,
    /// Whether that place is shared.
    pub tied: bool,
}

/// A link to another innovation (`id` when the catalogue lists it).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InnovationLink {
    /// When it has a public profile.
    pub id: Option<InnovationId>,
    pub title: String,
}

/// `/innovations/:id`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct InnovationProfile {
    pub id: InnovationId,
    pub title: String,
    /// Owner organisation.
    pub organisation: String,
    /// Start of implementation, `YYYY-MM-DD`.
    pub started_on: String,
    /// Digital or not.
    pub digital: bool,
    /// SDG numbers.
    pub sdgs: Vec<u8>,
    /// Category of the latest published entry.
    pub category: Option<String>,
    /// Video link of the latest published entry.
    pub video_url: Option<String>,
    /// Public sections of the latest published entry.
    pub sections: Vec<PublicSection>,
    /// Images attached to those sections.
    pub photos: Vec<Photo>,
    /// Awards, newest first.
    pub awards: Vec<AwardLine>,
    /// Published entries, newest first.
    pub participation: Vec<Participation>,
    /// What it replicates.
    pub replicates: Option<InnovationLink>,
    /// Innovations that replicate it.
    pub replicated_by: Vec<InnovationLink>,
}

/// One entry people may vote for.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub entry: EntryId,
    pub title: String,
    /// Organisation; `None` while a blind stage of the edition is unpublished,
    /// so that nothing public ties an entry a judge scores to its agency.
    pub organisation: Option<String>,
    /// Category label.
    pub category: String,
    /// Its summary (the first section of its form).
    pub summary: String,
    /// This browser has voted for it.
    pub voted: bool,
    /// This browser's vote for it waits for its e-mail confirmation (verified
    /// editions).
    pub awaiting: bool,
    /// Votes, shown once voting has closed: in a verified edition, those
    /// counted after a confirmed address.
    pub votes: Option<u64>,
    /// In a verified edition once voting has closed: votes never confirmed,
    /// shown apart and not counted.
    pub unconfirmed: Option<u64>,
}

/// `/editions/:slug/vote`: the people's-choice ballot.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Ballot {
    /// Edition slug.
    pub slug: String,
    /// Edition title.
    pub title: String,
    /// Votes are taken now.
    pub open: bool,
    /// A vote counts only once its voter confirms an e-mail address.
    pub verified: bool,
    /// Candidates: by title while open, by votes once closed.
    pub candidates: Vec<Candidate>,
    /// Most votes one address may cast per hour.
    pub per_hour: usize,
}
