//! Reusable view pieces.

pub mod auth;
pub mod dates;
pub mod form;
pub mod labels;
pub mod layout;
pub mod status;
pub mod timeline;
