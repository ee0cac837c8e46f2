//! The app crate's integration tests: services and repositories on an in-memory
//! SurrealDB with the real schema, one module per area. They are one binary, not
//! one per file, so that SurrealDB and Leptos are linked once.
#![cfg(feature = "ssr")]

mod common;

mod audit;
mod bundle;
mod catalogue;
mod composition;
mod disclosure;
mod entrant;
mod evidence;
mod field;
mod field_photos;
mod hand_assignment;
mod judging;
mod mail;
mod notices;
mod objections;
mod onward;
mod packages;
mod people;
mod presentation;
mod publication;
mod recusal;
mod results;
mod review;
mod scheduled;
mod screening;
mod services;
mod setup;
mod stage_lifecycle;
mod templates;
mod verified_votes;
