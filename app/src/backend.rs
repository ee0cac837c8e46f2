//! Everything that runs only on the server: database, sessions, use cases.
//! Compiled with the `ssr` feature only, so none of it reaches the wasm bundle.

pub mod auth;
pub mod bundle;
pub mod client_addr;
pub mod csv_table;
pub mod db;
pub mod demo;
pub mod evidence_store;
pub mod jobs;
pub mod live;
pub mod mail;
pub mod metrics;
pub mod pdf;
pub mod public_cache;
pub mod rate_limit;
pub mod records;
pub mod repo;
pub mod service;
pub mod state;
