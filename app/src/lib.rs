//! The Juara application, shared by the server (feature `ssr`) and the browser
//! (feature `hydrate`). See DESIGN.md "Architecture": data flows
//! `pages → api → backend::service → domain + backend::repo`.

#![recursion_limit = "256"]

pub mod api;
pub mod app;
#[cfg(feature = "ssr")]
pub mod backend;
pub mod components;
pub mod error;
pub mod model;
pub mod pages;

leptos_i18n::load_locales!();

pub use app::{App, shell};
