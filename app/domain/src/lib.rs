//! Juara's pure rules. No I/O, no clock, no randomness: callers pass `now` and data
//! in, so every rule is testable in isolation and compiles to wasm unchanged (a
//! judge's tablet shows the live total with the server's exact arithmetic).

pub mod account;
pub mod assignment;
pub mod catalogue;
pub mod composition;
pub mod edition;
pub mod entry_state;
pub mod evidence;
pub mod field;
pub mod ids;
pub mod keyed;
pub mod mail;
pub mod objection;
pub mod onward;
pub mod organisation;
pub mod presentation;
pub mod proposal;
pub mod quota;
pub mod role;
pub mod scoring;
pub mod stage;
pub mod timeline;
