//! Pages for judges.

pub mod judge_home_page;
pub mod scoring_page;
