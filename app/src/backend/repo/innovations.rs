//! Innovations: they persist across editions.

use crate::backend::db::{Db, DbError};
use crate::backend::records::{Binding, execute};
use crate::binds;
use domain::ids::InnovationId;
use domain::ids::OrgId;

/// A new innovation.
#[derive(Debug, Clone)]
pub struct NewInnovation {
    pub key: InnovationId,
    pub title: String,
    /// Owner organisation key.
    pub org: OrgId,
    /// Start of implementation, `YYYY-MM-DD`.
    pub started_on: String,
    /// Digital or not.
    pub digital: bool,
    /// SDG numbers.
    pub sdgs: Vec<u8>,
    /// Past awards, `{year, award}` objects.
    pub awards: serde_json::Value,
    /// The innovation this one replicates.
    pub replicated_from: Option<String>,
}

/// Stores an innovation.
pub async fn create(db: &Db, innovation: &NewInnovation) -> Result<(), DbError> {
    execute(
        db,
        "CREATE $id SET title = $title, org = $org, started_on = $started_on, digital = $digital, sdgs = $sdgs, awards = $awards, replicated_from = $replicated_from;",
        binds![
            ("id", Binding::id(&innovation.key)),
            ("title", Binding::of(&innovation.title)),
            ("org", Binding::id(&innovation.org)),
            ("started_on", Binding::of(&innovation.started_on)),
            ("digital", Binding::of(&innovation.digital)),
            ("sdgs", Binding::of(&innovation.sdgs)),
            ("awards", Binding::of(&innovation.awards)),
            (
                "replicated_from",
                Binding::optional_record("innovation", innovation.replicated_from.as_deref())
            ),
        ],
    )
    .await
}
