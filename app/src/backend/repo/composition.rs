//! What the winner-set check reads: the edition's rules, and the facts of the
//! entries in its final ranking.

use crate::backend::db::{Db, DbError};
use crate::backend::records::{Binding, de_key, de_opt_key, execute, query_one, query_rows};
use crate::binds;
use domain::composition::CompositionRules;
use domain::edition::Group;
use domain::ids::{EditionId, EntryId, InnovationId, OrgId};
use domain::organisation::OrgKind;
use serde::Deserialize;

/// The rules edition `slug` sets (all off for an edition stored before them).
pub async fn rules(db: &Db, slug: &str) -> Result<CompositionRules, DbError> {
    #[derive(Deserialize)]
    struct Stored {
        #[serde(default)]
        max_winners_per_organisation: Option<u32>,
        #[serde(default)]
        winner_in_every_category: bool,
        #[serde(default)]
        replication_below_original: bool,
    }
    let stored: Option<Stored> = query_one(
        db,
        "SELECT max_winners_per_organisation, winner_in_every_category, replication_below_original \
            FROM edition WHERE slug = $slug;",
        binds![("slug", Binding::of(&slug))],
    )
    .await?;
    Ok(
        stored.map_or_else(CompositionRules::default, |stored| CompositionRules {
            max_winners_per_organisation: stored.max_winners_per_organisation,
            winner_in_every_category: stored.winner_in_every_category,
            replication_below_original: stored.replication_below_original,
        }),
    )
}

/// Sets edition `edition`'s rules (the demo; the committee uses the settings
/// form, `repo::setup`).
pub async fn set_rules(
    db: &Db,
    edition: &EditionId,
    rules: &CompositionRules,
) -> Result<(), DbError> {
    execute(
        db,
        "UPDATE $edition SET max_winners_per_organisation = $max, \
            winner_in_every_category = $every_category, replication_below_original = $replication;",
        binds![
            ("edition", Binding::id(edition)),
            ("max", Binding::of(&rules.max_winners_per_organisation)),
            (
                "every_category",
                Binding::of(&rules.winner_in_every_category)
            ),
            (
                "replication",
                Binding::of(&rules.replication_below_original)
            ),
        ],
    )
    .await
}

/// An entry's facts the check slices by.
#[derive(Debug, Clone, Deserialize)]
pub struct EntryFacts {
    #[serde(deserialize_with = "de_key")]
    pub entry: EntryId,
    #[serde(deserialize_with = "de_key")]
    pub innovation: InnovationId,
    #[serde(default, deserialize_with = "de_opt_key")]
    pub replicates: Option<InnovationId>,
    #[serde(deserialize_with = "de_key")]
    pub organisation: OrgId,
    /// The organisation's name.
    pub organisation_name: String,
    pub org_kind: OrgKind,
    pub group: Group,
}

/// The facts of `entries`.
pub async fn entries(db: &Db, entries: &[EntryId]) -> Result<Vec<EntryFacts>, DbError> {
    query_rows(
        db,
        "SELECT id AS entry, innovation, innovation.replicated_from AS replicates, org AS organisation, \
            org.name AS organisation_name, org.kind AS org_kind, group FROM $entries;",
        binds![("entries", Binding::ids(entries))],
        0,
    )
    .await
}
