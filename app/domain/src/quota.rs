//! Quotas: how many entries an organisation may submit per group, by the kind of
//! organisation ("at most 3 entries per BUMD in `umum`"). An edition sets them per
//! kind, with `*` as the default for kinds it does not name; no rule, no limit.

use crate::edition::Group;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The key for every organisation kind an edition does not name.
pub const ANY_KIND: &str = "*";

/// An edition's quotas: organisation kind (or `*`) → group → most entries.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Quotas(pub BTreeMap<String, BTreeMap<Group, u32>>);

impl Quotas {
    /// The most entries an organisation of `kind` may submit in `group`, or `None`
    /// when nothing limits it. A rule for the kind itself wins over `*`.
    #[must_use]
    pub fn allowed(&self, kind: &str, group: Group) -> Option<u32> {
        self.0
            .get(kind)
            .and_then(|groups| groups.get(&group))
            .or_else(|| self.0.get(ANY_KIND).and_then(|groups| groups.get(&group)))
            .copied()
    }
}

/// A line of the quota text the committee types that cannot be read.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, thiserror::Error)]
#[error("quota line {line} must read `KIND GROUP N` (e.g. `* umum 2`), it reads `{text}`")]
pub struct QuotaLineError {
    /// 1-based line number.
    pub line: usize,
    /// The line as typed.
    pub text: String,
}

impl Quotas {
    /// Reads quotas written one per line as `KIND GROUP N` (`*` for every kind
    /// not named): `* umum 2`, `bumd umum 3`. Blank lines are skipped; a kind
    /// and group given twice keeps the last.
    ///
    /// ```
    /// use domain::edition::Group;
    /// use domain::quota::Quotas;
    /// let quotas = Quotas::parse_lines("* umum 2\nbumd umum 3\n")?;
    /// assert_eq!(quotas.allowed("bumd", Group::Umum), Some(3));
    /// assert_eq!(Quotas::parse_lines(&quotas.to_lines())?, quotas);
    /// assert_eq!(Quotas::parse_lines("bumd umum tiga").unwrap_err().line, 1);
    /// # Ok::<(), domain::quota::QuotaLineError>(())
    /// ```
    pub fn parse_lines(text: &str) -> Result<Quotas, QuotaLineError> {
        let mut quotas = Quotas::default();
        for (index, line) in text.lines().enumerate() {
            let words: Vec<&str> = line.split_whitespace().collect();
            if words.is_empty() {
                continue;
            }
            let refused = || QuotaLineError {
                line: index + 1,
                text: line.trim().to_owned(),
            };
            let [kind, group, limit] = words[..] else {
                return Err(refused());
            };
            let group: Group = group.parse().map_err(|_| refused())?;
            let limit: u32 = limit.parse().map_err(|_| refused())?;
            let kind_ok = kind == ANY_KIND
                || kind
                    .chars()
                    .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_');
            if !kind_ok {
                return Err(refused());
            }
            quotas
                .0
                .entry(kind.to_owned())
                .or_default()
                .insert(group, limit);
        }
        Ok(quotas)
    }

    /// The quotas as lines `KIND GROUP N`, `*` first.
    #[must_use]
    pub fn to_lines(&self) -> String {
        let mut lines = Vec::new();
        let kinds = self
            .0
            .get_key_value(ANY_KIND)
            .into_iter()
            .chain(self.0.iter().filter(|(kind, _)| kind.as_str() != ANY_KIND));
        for (kind, groups) in kinds {
            for (group, limit) in groups {
                lines.push(format!("{kind} {} {limit}", group.key()));
            }
        }
        lines.join("\n")
    }
}

/// A submission the quota does not admit.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuotaFull {
    /// Entries allowed.
    pub allowed: u32,
    /// Entries already submitted.
    pub used: u32,
}

/// Whether one more entry may be submitted when `used` already are.
///
/// ```
/// use domain::quota::{admit_one_more, QuotaFull};
/// assert_eq!(admit_one_more(Some(3), 2), Ok(()));
/// assert_eq!(admit_one_more(Some(3), 3), Err(QuotaFull { allowed: 3, used: 3 }));
/// assert_eq!(admit_one_more(None, 40), Ok(()));
/// ```
pub fn admit_one_more(allowed: Option<u32>, used: u32) -> Result<(), QuotaFull> {
    match allowed {
        Some(allowed) if used >= allowed => Err(QuotaFull { allowed, used }),
        _ => Ok(()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotas(json: &str) -> Quotas {
        serde_json::from_str(json).expect("valid quotas")
    }

    #[test]
    fn a_rule_for_the_kind_wins_over_the_default() {
        let quotas = quotas(r#"{"*": {"umum": 2}, "bumd": {"umum": 3}}"#);
        assert_eq!(quotas.allowed("bumd", Group::Umum), Some(3));
        assert_eq!(quotas.allowed("puskesmas", Group::Umum), Some(2));
        assert_eq!(quotas.allowed("puskesmas", Group::Khusus), None);
    }

    #[test]
    fn no_rule_means_no_limit() {
        assert_eq!(Quotas::default().allowed("pd", Group::Replikasi), None);
        assert_eq!(admit_one_more(None, u32::MAX), Ok(()));
    }

    #[test]
    fn a_quota_of_zero_admits_nothing() {
        assert_eq!(
            admit_one_more(Some(0), 0),
            Err(QuotaFull {
                allowed: 0,
                used: 0
            })
        );
    }

    #[test]
    fn admits_exactly_up_to_the_limit() {
        for allowed in 0..6 {
            let admitted = (0..10)
                .take_while(|used| admit_one_more(Some(allowed), *used).is_ok())
                .count();
            assert_eq!(admitted, allowed as usize);
        }
    }
}
