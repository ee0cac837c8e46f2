//! Pages for coordinators and innovators.

pub mod entrant_home_page;
