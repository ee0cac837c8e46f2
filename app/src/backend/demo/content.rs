//! The demo content, written by hand in Bahasa Indonesia (malang.json), and how
//! its innovations are shared between the two editions.

use crate::error::AppError;
use crate::model::CategoryView;
use domain::edition::Group;
use domain::ids::InnovationId;
use domain::ids::OrgId;
use domain::organisation::OrgKind;
use serde::Deserialize;
use std::collections::BTreeMap;

/// The demo content, written by hand in Bahasa Indonesia.
const DEMO_JSON: &str = include_str!("malang.json");

#[derive(Debug, Deserialize)]
pub(super) struct DemoFile {
    pub(super) password: String,
    pub(super) organisations: Vec<DemoOrg>,
    pub(super) users: Vec<DemoUser>,
    pub(super) categories: Vec<CategoryView>,
    pub(super) innovations: Vec<DemoInnovation>,
}

#[derive(Debug, Deserialize)]
pub(super) struct DemoOrg {
    pub(super) key: OrgId,
    pub(super) name: String,
    pub(super) kind: OrgKind,
    pub(super) parent: Option<OrgId>,
}

/// A demo account, as listed at start and in the README.
#[derive(Debug, Clone, Deserialize)]
pub struct DemoUser {
    /// E-mail.
    pub email: String,
    pub name: String,
    /// Role keys.
    pub roles: Vec<String>,
    pub org: Option<OrgId>,
}

#[derive(Debug, Deserialize)]
pub(super) struct DemoInnovation {
    pub(super) key: InnovationId,
    pub(super) title: String,
    pub(super) org: OrgId,
    pub(super) started_on: String,
    pub(super) digital: bool,
    pub(super) sdgs: Vec<u8>,
    pub(super) category: String,
    pub(super) group: Group,
    pub(super) replicated_from: Option<String>,
    pub(super) awards: serde_json::Value,
    pub(super) sections: BTreeMap<String, String>,
    pub(super) video_url: Option<String>,
}

pub(super) fn demo() -> Result<DemoFile, AppError> {
    serde_json::from_str(DEMO_JSON).map_err(|error| {
        tracing::error!(%error, "the bundled demo data does not parse");
        AppError::Internal
    })
}

/// Last year's edition gets every other innovation; this year's gets the rest,
/// always including *Brexit* and the `khusus` entries (past winners).
pub(super) fn split_innovations(demo: &DemoFile) -> (Vec<&DemoInnovation>, Vec<&DemoInnovation>) {
    let (past, current): (Vec<_>, Vec<_>) =
        demo.innovations
            .iter()
            .enumerate()
            .partition(|(index, innovation)| {
                innovation.key != "brexit" && innovation.group != Group::Khusus && index % 2 == 1
            });
    (strip(past), strip(current))
}

pub(super) fn strip(list: Vec<(usize, &DemoInnovation)>) -> Vec<&DemoInnovation> {
    list.into_iter().map(|(_, innovation)| innovation).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_bundled_demo_parses_and_references_resolve() {
        let demo = demo().expect("demo parses");
        let orgs: Vec<&str> = demo
            .organisations
            .iter()
            .map(|org| org.key.as_str())
            .collect();
        assert!(demo.organisations.len() >= 20);
        assert!(demo.innovations.len() >= 30);
        for innovation in &demo.innovations {
            assert!(
                orgs.contains(&innovation.org.as_str()),
                "{}",
                innovation.key
            );
            assert!(
                demo.categories.iter().any(|c| c.key == innovation.category),
                "{}",
                innovation.key
            );
        }
        assert!(demo.innovations.iter().any(|i| i.key == "brexit"));
        assert!(
            demo.innovations
                .iter()
                .any(|i| i.title.contains("Sepasar Pedas"))
        );
    }
}
