//! Pages anyone can open.

pub mod home_page;
pub mod invite_page;
pub mod login_page;
pub mod objections_page;
pub mod results_page;
