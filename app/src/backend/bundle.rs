//! The edition bundle (DESIGN "Interfaces that stay stable"): one JSON document
//! holding an edition's configuration and stages, the organisations and users it
//! involves (users without passwords), its innovations, entries, assignments,
//! score sheets, advancement decisions and publications. `juara export
//! --edition SLUG` writes it and `juara import FILE` reads it back; the round
//! trip is exact: export, import into an empty database, export again gives the
//! same document.
//!
//! Records are named by their keys; times are RFC 3339 strings as the database
//! prints them. Lists are sorted by key (or by their natural key), so two
//! exports of the same data are byte-for-byte equal.

mod export;
mod import;
mod rows;

pub use export::export;
pub use import::import;
pub use rows::*;

/// The format tag of this version of the bundle.
pub const FORMAT: &str = "juara-edition-bundle/1";
