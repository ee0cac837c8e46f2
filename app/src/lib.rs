//! The Juara application, shared by the server (feature `ssr`) and the browser
//! (feature `hydrate`). See DESIGN.md "Architecture": data flows
//! `pages → api → backend::service → domain + backend::repo`.

#![recursion_limit = "256"]

pub mod api;
pub mod app;
#[cfg(feature = "ssr")]
pub mod backend;
#[cfg(feature = "hydrate")]
pub mod client;
pub mod components;
pub mod error;
pub mod lean_pages;
pub mod model;
pub mod pages;
pub mod proposal_rules;

/// Translations, generated at compile time from `locales/*.json` (keys are
/// checked by the compiler).
///
/// Views write text with `t_string!`, which gives the string once: the language
/// changes only by loading the page again (`/lang/…`), so nothing needs to
/// follow it. `t!` makes a reactive closure at every use, each with its own
/// render and hydrate code: 600 of them were 1.3 MB of the wasm's 6.1 MB of
/// code before wasm-opt. It stays only where a translation interpolates values.
#[expect(
    deprecated,
    reason = "the build.rs generator that replaces this macro pulls ICU's data exporter and a network stack into every build"
)]
mod translations {
    leptos_i18n::load_locales!();
}
pub use translations::i18n;

pub use app::{App, AppRoutes, shell};
