//! Use cases: load → apply a domain rule → write → audit. Services never render and
//! never read the request; server functions and the CLI call them with plain data.

pub mod accounts;
pub mod advancement;
pub mod assignment;
mod assignment_notice;
pub mod audit_log;
pub mod catalogue;
pub mod composition;
pub mod dashboard;
pub mod disclosure;
pub mod edition_setup;
pub mod editions;
pub mod entering;
pub mod evidence;
pub mod exports;
pub mod final_minutes;
pub mod judging;
pub mod mail_settings;
pub mod objections;
pub mod onward;
pub mod organisations;
pub mod outbox;
pub mod overview;
pub mod people;
pub mod presentation;
pub mod presentation_schedule;
pub mod proposals;
pub mod publication;
mod result_notice;
pub mod results;
pub mod results_csv;
pub mod scheduled;
pub mod screening;
pub mod stage_setup;
pub mod submission_package;
pub mod templates;
pub mod votes;
