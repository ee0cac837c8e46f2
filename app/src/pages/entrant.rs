//! Pages for coordinators and innovators.

#[cfg(feature = "hydrate")]
mod autosave;
mod conflict_panel;
mod deadline;
pub mod entrant_home_page;
mod entry_history;
mod evidence_panel;
pub mod new_entry_page;
pub mod print_page;
mod proposal_form;
pub mod proposal_page;
mod proposal_text;
mod review_panel;
