//! The Juara server: configuration, start-up, and the HTTP router around the
//! Leptos app. `main.rs` only parses the command line and calls in here, so the
//! HTTP tests build exactly the router that production serves.

pub mod backup;
pub mod cli;
pub mod config;
pub mod data_dir;
pub mod evidence_routes;
pub mod field_routes;
pub mod http_routes;
pub mod live_routes;
pub mod open_data;
pub mod ops;
pub mod ops_client;
pub mod ops_commands;
pub mod package_routes;
pub mod public_pages;
pub mod public_routes;
pub mod request_log;
pub mod router;
pub mod startup;
