//! Queries, one file per aggregate. SurrealQL strings are not checked by the
//! compiler, so they live here where they can be read and tested together.

pub mod assignment_context;
pub mod audit;
pub mod bundle;
pub mod catalogue;
pub mod composition;
pub mod coordination;
pub mod demo;
pub mod editions;
pub mod entering;
pub mod entries;
pub mod evidence;
pub mod exports;
pub mod field;
pub mod innovations;
pub mod invites;
pub mod jobs;
pub mod judging;
pub mod mail;
pub mod objections;
pub mod onward;
pub mod organisations;
pub mod presentation;
pub mod proposals;
pub mod publications;
pub mod recipients;
pub mod reminders;
pub mod results;
pub mod screening;
pub mod sessions;
pub mod setup;
pub mod sheets;
pub mod templates;
pub mod users;
pub mod votes;
