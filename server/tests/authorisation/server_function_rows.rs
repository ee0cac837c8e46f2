//! The table's rows for every server function (`/api/…`): who may call each,
//! and the probe it is called with.

use super::matrix::*;

/// Every server function. Probes: a stale version or revision, an unknown
/// key, an empty required field.
pub(super) fn server_functions() -> Vec<Row> {
    vec![
        // The public site and the session.
        api("/api/me", "", EVERYONE),
        api("/api/load_demo_accounts", "", EVERYONE),
        api("/api/load_current_edition", "", EVERYONE),
        api("/api/load_published_editions", "", EVERYONE),
        api("/api/load_objection_window", "slug={current}", EVERYONE),
        api("/api/file_objection", "slug={current}&entry=nope", EVERYONE),
        api("/api/load_invitation", "token=nope", EVERYONE),
        api(
            "/api/accept_invitation",
            "token=nope&password=x&repeated=x",
            EVERYONE,
        ),
        api("/api/load_edition_page", "slug={current}", EVERYONE),
        api("/api/load_catalogue", "q=brexit", EVERYONE),
        api("/api/load_innovation", "id=nope", EVERYONE),
        api("/api/load_profile_links", "slug={past}", EVERYONE),
        api("/api/load_ballot", "slug={current}", EVERYONE),
        api("/api/cast_vote", "slug={current}&entry=", EVERYONE),
        api("/api/confirm_vote", "slug={current}&token=", EVERYONE),
        api("/api/load_published_results", "slug={past}", EVERYONE),
        // The committee reads.
        api("/api/organisations", "", COMMITTEE),
        api("/api/organisation", "id=dinkes", COMMITTEE),
        api("/api/editions", "", COMMITTEE),
        api("/api/load_assignable_stages", "", COMMITTEE),
        api(
            "/api/load_assignment_preview",
            "stage={desk}&judges_per_entry=3",
            COMMITTEE,
        ),
        api("/api/load_committee_overview", "", COMMITTEE),
        api("/api/load_objections", "slug={current}", COMMITTEE),
        api("/api/load_accounts", "", COMMITTEE),
        api("/api/load_edition_template", "slug={current}", COMMITTEE),
        api(
            "/api/load_stage_dashboard",
            "slug={current}&stage=desk",
            COMMITTEE,
        ),
        api(
            "/api/load_advancement_preview",
            "slug={current}&stage=desk",
            COMMITTEE,
        ),
        api("/api/load_results_console", "slug={current}", COMMITTEE),
        api("/api/load_final_minutes", "slug={current}", COMMITTEE),
        api("/api/load_onward", "slug={past}", COMMITTEE),
        api("/api/load_audit_log", "", COMMITTEE),
        api("/api/load_screening", "slug={current}", COMMITTEE),
        api("/api/load_edition_setup", "slug={current}", COMMITTEE),
        api(
            "/api/load_stage_setup",
            "slug={current}&stage=desk",
            COMMITTEE,
        ),
        // The committee's changes (admins only; observers change nothing).
        api("/api/save_organisation", "name=&kind=", ADMIN),
        api("/api/import_organisations", "csv=", ADMIN),
        api(
            "/api/create_edition",
            "slug=&year=&title=&time_zone=&categories=",
            ADMIN,
        ),
        api("/api/reassign_entry", "stage=nope&entry=nope", ADMIN),
        api(
            "/api/apply_assignment",
            "stage=nope&judges_per_entry=0",
            ADMIN,
        ),
        api("/api/extend_entry_deadline", "entry={e}&until=x", ADMIN),
        api(
            "/api/answer_objection",
            "slug={current}&objection=nope",
            ADMIN,
        ),
        api("/api/create_account", "email=", ADMIN),
        api("/api/invite_account", "user=nope&email=x", ADMIN),
        api("/api/set_account_active", "user=nope", ADMIN),
        api("/api/import_accounts", "csv=", ADMIN),
        api("/api/load_outbox", "", ADMIN),
        api("/api/load_mail_settings", "", SIGNED_IN),
        // An unknown language: refused as bad input, nothing stored.
        api("/api/save_mail_settings", "language=xx", SIGNED_IN),
        api("/api/resend_mail", "mail=nope", ADMIN),
        api("/api/apply_advancement", "slug=nope&stage=desk", ADMIN),
        api("/api/close_stage_early", "slug=nope&stage=desk", ADMIN),
        api("/api/assign_judge_manually", "slug=nope&stage=desk", ADMIN),
        api(
            "/api/send_presentation_schedule",
            "slug=nope&stage=desk",
            ADMIN,
        ),
        api("/api/remove_judge", "slug=nope&stage=desk", ADMIN),
        api("/api/publish_results", "slug=nope&scope=final", ADMIN),
        api(
            "/api/record_onward",
            "slug=nope&entry=nope&level=nasional&award=Top+45&year=2026",
            ADMIN,
        ),
        api(
            "/api/remove_onward",
            "slug=nope&entry=nope&level=nasional",
            ADMIN,
        ),
        api("/api/pick_onward", "slug=nope&entry=nope&send=false", ADMIN),
        api("/api/load_field_stage", "slug=nope&stage=desk", COMMITTEE),
        api("/api/set_field_claims", "slug=nope&stage=desk", ADMIN),
        api("/api/set_field_rule", "slug=nope&stage=desk", ADMIN),
        api("/api/schedule_visit", "slug=nope&stage=desk", ADMIN),
        api(
            "/api/cancel_visit",
            "slug=nope&stage=desk&visit=nope",
            ADMIN,
        ),
        api(
            "/api/decide_field_referral",
            "slug=nope&stage=desk&visit=nope",
            ADMIN,
        ),
        api("/api/load_my_visits", "", JUDGES),
        api("/api/load_visit", "visit={visit}", VISIT_READERS),
        // The team records; a batch key that is not one is refused after that.
        api(
            "/api/record_findings",
            "visit={visit}&owner={me}&batch=nope",
            VISIT_TEAM,
        ),
        api(
            "/api/withdraw_publication",
            "slug=nope&publication=nope",
            ADMIN,
        ),
        api("/api/screen_entry", "slug=nope&entry=nope", ADMIN),
        api("/api/pass_entries", "slug=nope", ADMIN),
        api("/api/save_edition_settings", "slug=nope", ADMIN),
        api("/api/save_stage", "slug=nope", ADMIN),
        api("/api/save_template", "slug=nope", ADMIN),
        // Entrants.
        api("/api/load_entry_options", "", ENTRANTS),
        api(
            "/api/start_entry",
            "edition=&innovation=&title=&started_on=&replicates=&group=&category=",
            ENTRANTS,
        ),
        api("/api/load_entrant_home", "", ENTRANTS),
        api("/api/load_proposal", "entry={e}", READERS_OF_E),
        json(
            "/api/save_proposal",
            r#"{"save":{"entry":"{e}","base_version":0,"content":{"answers":{},"video_url":"","declarations":false}},"owner":"{me}"}"#,
            WRITERS_OF_E,
        ),
        api(
            "/api/save_proposal_form",
            "entry={e}&base_version=0&video_url=",
            WRITERS_OF_E,
        ),
        api(
            "/api/review_entry",
            "entry={e}&action=submit&comment=",
            REVIEWERS_OF_E,
        ),
        // Judges.
        api("/api/load_judge_home", "", JUDGES),
        api(
            "/api/load_scoring_view",
            "stage={desk}&entry={k}",
            SCORERS_OF_K,
        ),
        json(
            "/api/save_sheet",
            r#"{"stage":"{desk}","entry":"{k}","owner":"{me}","revision":{"values":{},"comments":{},"comment":"","submit":false,"base_revision":999,"idempotency_key":"matrix-{me}"}}"#,
            SCORERS_OF_K,
        ),
        api(
            "/api/recuse",
            "stage={desk}&entry={k}&reason=",
            SCORERS_OF_K,
        ),
        // juri1 chairs the presentation panel.
        api(
            "/api/load_presentation_console",
            "stage={presentation}",
            SCORERS_OF_K,
        ),
        api(
            "/api/run_clock",
            "stage={presentation}&entry={k}&command=reset",
            SCORERS_OF_K,
        ),
        // Last: both end the caller's session (a sign-in first ends the one
        // the browser had, even when the new one is refused).
        Row {
            reading: Reading::BadCredentials,
            ..api(
                "/api/login",
                "email=nobody%40juara.test&password=wrong",
                EVERYONE,
            )
        },
        api("/api/logout", "", EVERYONE),
    ]
}
