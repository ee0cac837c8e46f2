//! Reusable view pieces.

pub mod auth;
pub mod data_table;
pub mod dates;
pub mod edition_overview;
pub mod form;
pub mod heat_map;
pub mod labels;
pub mod layout;
pub mod page_data;
pub mod page_header;
pub mod results_tables;
pub mod results_text;
pub mod share;
pub mod status;
pub mod timeline;
