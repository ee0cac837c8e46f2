//! Pages for judges.

pub mod judge_home_page;
