//! Pages for judges.

pub mod judge_home_page;
pub mod outbox;
pub mod presentation_page;
pub mod recusal_form;
pub mod scoring_page;
mod sheet_sync;
pub mod visit_minutes_page;
pub mod visit_page;
