//! Pages anyone can open.

pub mod catalogue_page;
pub mod edition_page;
pub mod home_page;
pub mod innovation_page;
pub mod invite_page;
pub mod login_page;
pub mod objections_page;
pub mod results_page;
pub mod vote_confirm_page;
pub mod vote_page;
