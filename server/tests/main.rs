//! The server's integration tests: the real router (permissions, open data, the
//! public site, abuse), the `juara` command line, and the whole-surface checks
//! (authorisation matrix, publication gate, garbage), one module per area. They
//! are one binary, not one per file, so that SurrealDB and Leptos are linked once.

mod common;

mod abuse;
mod authorisation;
mod cli;
mod cluster;
mod fuzz_surface;
mod http;
mod lean_pages;
mod mail;
mod open_data;
mod operations;
mod public_site;
mod publication_gate;
mod route_listing;
