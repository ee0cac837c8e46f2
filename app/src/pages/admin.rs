//! The committee's pages (admins; observers read only).

pub mod accounts_page;
pub mod admin_home_page;
pub mod advance_page;
pub mod assign_page;
pub mod audit_page;
pub mod composition_panel;
pub mod edition_new_page;
pub mod editions_page;
pub mod field_page;
pub mod final_minutes_page;
pub mod minutes_page;
pub mod objections_page;
pub mod onward_package;
pub mod onward_page;
pub mod organisation_form_page;
pub mod organisations_import_page;
pub mod organisations_page;
pub mod outbox_page;
pub mod presentation_schedule;
pub mod remove_judge_form;
pub mod results_page;
pub mod screening_page;
pub mod setup_page;
pub mod stage_dashboard_page;
pub mod stage_form_page;
pub mod template_page;

use crate::components::auth::use_auth;
use domain::role::Role;
use leptos::prelude::*;

/// Whether the signed-in person may change things here (admins), as opposed to
/// only reading (observers). The server enforces the same rule.
pub fn can_edit() -> Signal<bool> {
    let admin = use_auth().signed_in.with_value(|user| {
        user.as_ref()
            .is_some_and(|user| user.roles.has(Role::Admin))
    });
    Signal::stored(admin)
}

/// The `(edition slug, stage key)` of a stage page's route, read reactively.
pub fn stage_route()
-> impl Fn() -> (String, domain::scoring::StageKey) + Copy + Send + Sync + 'static {
    let params = leptos_router::hooks::use_params_map();
    move || {
        let params = params.read();
        (
            params.get("slug").unwrap_or_default(),
            params.get("stage").unwrap_or_default().into(),
        )
    }
}
