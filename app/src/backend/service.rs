//! Use cases: load → apply a domain rule → write → audit. Services never render and
//! never read the request; server functions and the CLI call them with plain data.

pub mod accounts;
pub mod assignment;
pub mod editions;
pub mod entering;
pub mod evidence;
pub mod judging;
pub mod organisations;
pub mod overview;
pub mod presentation;
pub mod proposals;
pub mod templates;
