//! Server functions by area. Each one: authenticate → authorise → call a service →
//! map the error. The bodies stay thin so the logic can be tested without Leptos.

pub mod account;
pub mod admin;
pub mod assignment;
pub mod audit;
pub mod auth;
pub mod entrant;
pub mod field;
#[cfg(feature = "ssr")]
pub mod guard;
pub mod home;
pub mod judging;
pub mod mail;
pub mod objections;
pub mod onward;
pub mod people;
pub mod presentation;
pub mod public;
pub mod results;
pub mod screening;
pub mod setup;
pub mod stages;
pub mod template;
