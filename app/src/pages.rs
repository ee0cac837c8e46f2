//! Route components, by audience.

pub mod account;
pub mod admin;
pub mod entrant;
pub mod judge;
pub mod public;
