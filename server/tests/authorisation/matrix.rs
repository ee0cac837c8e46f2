//! The table: who each caller is, and for every server function, HTTP route
//! and page, who may call it and how it is probed.

use Who::*;
use http::Method;

pub(super) const PASSWORD: &str = "juara-demo-2026";

/// A caller, by relation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) enum Who {
    Anonymous,
    Admin,
    Observer,
    CoordinatorOwn,
    InnovatorOwn,
    CoordinatorParent,
    InnovatorParent,
    CoordinatorOther,
    InnovatorOther,
    JudgeAssigned,
    JudgeRecused,
    JudgeOther,
}

pub(super) const EVERYONE: &[Who] = &[
    Anonymous,
    Admin,
    Observer,
    CoordinatorOwn,
    InnovatorOwn,
    CoordinatorParent,
    InnovatorParent,
    CoordinatorOther,
    InnovatorOther,
    JudgeAssigned,
    JudgeRecused,
    JudgeOther,
];
pub(super) const SIGNED_IN: &[Who] = &[
    Admin,
    Observer,
    CoordinatorOwn,
    InnovatorOwn,
    CoordinatorParent,
    InnovatorParent,
    CoordinatorOther,
    InnovatorOther,
    JudgeAssigned,
    JudgeRecused,
    JudgeOther,
];
pub(super) const COMMITTEE: &[Who] = &[Admin, Observer];
pub(super) const ADMIN: &[Who] = &[Admin];
pub(super) const ENTRANTS: &[Who] = &[
    CoordinatorOwn,
    InnovatorOwn,
    CoordinatorParent,
    InnovatorParent,
    CoordinatorOther,
    InnovatorOther,
];
pub(super) const JUDGES: &[Who] = &[JudgeAssigned, JudgeRecused, JudgeOther];
/// The team of the demo's first field visit (juri1 and juri2).
pub(super) const VISIT_TEAM: &[Who] = &[JudgeAssigned, JudgeRecused];
/// Who may read that visit: its team and the committee.
pub(super) const VISIT_READERS: &[Who] = &[Admin, Observer, JudgeAssigned, JudgeRecused];
/// Who may write E: its own organisation, and the coordinator above it.
pub(super) const WRITERS_OF_E: &[Who] = &[CoordinatorOwn, InnovatorOwn, CoordinatorParent];
/// Who may read E: its writers and the committee.
pub(super) const READERS_OF_E: &[Who] = &[
    Admin,
    Observer,
    CoordinatorOwn,
    InnovatorOwn,
    CoordinatorParent,
];
/// Who may review E: its coordinator and the one above.
pub(super) const REVIEWERS_OF_E: &[Who] = &[CoordinatorOwn, CoordinatorParent];
/// Who may read E's evidence: its readers and the judge assigned to it.
pub(super) const EVIDENCE_OF_E: &[Who] = &[
    Admin,
    Observer,
    CoordinatorOwn,
    InnovatorOwn,
    CoordinatorParent,
    JudgeAssigned,
];
/// Who may score K.
pub(super) const SCORERS_OF_K: &[Who] = &[JudgeAssigned];

impl Who {
    pub(super) fn email(self) -> Option<&'static str> {
        Some(match self {
            Anonymous => return None,
            Admin => "panitia@juara.test",
            Observer => "inspektorat@juara.test",
            CoordinatorOwn => "koordinator.pkm-janti@juara.test",
            InnovatorOwn => "inovator.janti@juara.test",
            CoordinatorParent => "koordinator.dinkes@juara.test",
            InnovatorParent => "inovator.dinkes@juara.test",
            CoordinatorOther => "koordinator.dishub@juara.test",
            InnovatorOther => "inovator.dishub@juara.test",
            JudgeAssigned => "juri1@juara.test",
            JudgeRecused => "juri2@juara.test",
            JudgeOther => "juri4@juara.test",
        })
    }
}

/// How an answer is read.
#[derive(Debug, Clone, Copy)]
pub(super) enum Reading {
    /// Refused: 401 or 403.
    Status,
    /// A page: refused is a redirect to the sign-in page, or 403.
    Page,
    /// The evidence forms redirect back with `upload_error=forbidden`, or to
    /// the sign-in page, when refused.
    UploadRedirect,
    /// An endless event stream: read the status only.
    Stream,
    /// Sign-in with a wrong password: everyone may try, everyone is told 401.
    BadCredentials,
}

/// One row: what is called and who may call it.
pub(super) struct Row {
    /// `/api/x`, a route as the router names it, or a page path.
    pub(super) name: &'static str,
    pub(super) method: Method,
    /// The request path, with `{placeholders}` (see `Context::fill`).
    pub(super) path: &'static str,
    pub(super) body: Payload,
    pub(super) allowed: &'static [Who],
    pub(super) reading: Reading,
}

pub(super) enum Payload {
    None,
    Form(&'static str),
    Json(&'static str),
    NotAPdf,
}

pub(super) fn api(endpoint: &'static str, form: &'static str, allowed: &'static [Who]) -> Row {
    Row {
        name: endpoint,
        method: Method::POST,
        path: endpoint,
        body: Payload::Form(form),
        allowed,
        reading: Reading::Status,
    }
}

pub(super) fn json(endpoint: &'static str, body: &'static str, allowed: &'static [Who]) -> Row {
    Row {
        body: Payload::Json(body),
        ..api(endpoint, "", allowed)
    }
}

pub(super) fn route(name: &'static str, path: &'static str, allowed: &'static [Who]) -> Row {
    Row {
        name,
        method: Method::GET,
        path,
        body: Payload::None,
        allowed,
        reading: Reading::Status,
    }
}

pub(super) fn page(name: &'static str, path: &'static str, allowed: &'static [Who]) -> Row {
    Row {
        reading: Reading::Page,
        ..route(name, path, allowed)
    }
}

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

/// Every route the router serves that is not a server function or a page.
pub(super) fn http_routes() -> Vec<Row> {
    vec![
        route("/healthz", "/healthz", EVERYONE),
        route("/lang/{locale}", "/lang/en?next=/", EVERYONE),
        Row {
            method: Method::POST,
            body: Payload::NotAPdf,
            reading: Reading::UploadRedirect,
            ..route(
                "/entrant/entry/{entry}/evidence",
                "/entrant/entry/{e}/evidence",
                WRITERS_OF_E,
            )
        },
        Row {
            method: Method::POST,
            body: Payload::Form(""),
            reading: Reading::UploadRedirect,
            ..route(
                "/entrant/entry/{entry}/evidence/{id}/delete",
                "/entrant/entry/{e}/evidence/nope/delete",
                WRITERS_OF_E,
            )
        },
        route("/evidence/{id}", "/evidence/{evidence}", EVIDENCE_OF_E),
        route(
            "/field-photos/{photo}",
            "/field-photos/{field_photo}",
            VISIT_READERS,
        ),
        // An empty photo: refused for its content only once the caller is on
        // the team.
        Row {
            method: Method::POST,
            ..route(
                "/visits/{visit}/photos/{photo}",
                "/visits/{visit}/photos/matrix-probe-photo",
                VISIT_TEAM,
            )
        },
        route("/robots.txt", "/robots.txt", EVERYONE),
        route("/sitemap.xml", "/sitemap.xml", EVERYONE),
        route(
            "/innovations/{id}/photos/{photo}",
            "/innovations/nope/photos/nope",
            EVERYONE,
        ),
        route("/api/v1/editions", "/api/v1/editions", EVERYONE),
        route(
            "/api/v1/editions/{slug}/results",
            "/api/v1/editions/{past}/results",
            EVERYONE,
        ),
        route(
            "/api/v1/editions/{slug}/results.csv",
            "/api/v1/editions/{past}/results.csv",
            EVERYONE,
        ),
        route(
            "/admin/editions/{slug}/export/{file}",
            "/admin/editions/{current}/export/sheets.csv",
            COMMITTEE,
        ),
        route(
            "/admin/editions/{slug}/onward/packages.csv",
            "/admin/editions/{past}/onward/packages.csv",
            COMMITTEE,
        ),
        route(
            "/admin/editions/{slug}/onward/{entry}/{file}",
            "/admin/editions/{past}/onward/{sent}/package.zip",
            COMMITTEE,
        ),
        Row {
            reading: Reading::Stream,
            ..route(
                "/admin/editions/{slug}/stages/{stage}/events",
                "/admin/editions/{current}/stages/desk/events",
                COMMITTEE,
            )
        },
    ]
}

/// Every page.
pub(super) fn pages() -> Vec<Row> {
    vec![
        page("/", "/", EVERYONE),
        page("/login", "/login", EVERYONE),
        page("/invite/{token}", "/invite/nope", EVERYONE),
        page("/editions/{slug}", "/editions/{current}", EVERYONE),
        page(
            "/editions/{slug}/results",
            "/editions/{past}/results",
            EVERYONE,
        ),
        page(
            "/editions/{slug}/vote",
            "/editions/{current}/vote",
            EVERYONE,
        ),
        page(
            "/editions/{slug}/vote/confirm",
            "/editions/{current}/vote/confirm?token=nope",
            EVERYONE,
        ),
        page(
            "/editions/{slug}/objections",
            "/editions/{current}/objections",
            EVERYONE,
        ),
        page("/innovations", "/innovations", EVERYONE),
        page("/innovations/{id}", "/innovations/sepasar-pedas", EVERYONE),
        page("/admin", "/admin", COMMITTEE),
        page("/admin/assign", "/admin/assign", COMMITTEE),
        page("/admin/accounts", "/admin/accounts", COMMITTEE),
        page("/admin/mail", "/admin/mail", ADMIN),
        page("/account", "/account", SIGNED_IN),
        page("/admin/audit", "/admin/audit", COMMITTEE),
        page("/admin/organisations", "/admin/organisations", COMMITTEE),
        page(
            "/admin/organisations/import",
            "/admin/organisations/import",
            ADMIN,
        ),
        page(
            "/admin/organisations/{id}",
            "/admin/organisations/dinkes",
            ADMIN,
        ),
        page("/admin/editions", "/admin/editions", COMMITTEE),
        page("/admin/editions/new", "/admin/editions/new", ADMIN),
        page(
            "/admin/editions/{slug}/setup",
            "/admin/editions/{current}/setup",
            COMMITTEE,
        ),
        page(
            "/admin/editions/{slug}/setup/stages/{stage}",
            "/admin/editions/{current}/setup/stages/desk",
            COMMITTEE,
        ),
        page(
            "/admin/editions/{slug}/template",
            "/admin/editions/{current}/template",
            ADMIN,
        ),
        page(
            "/admin/editions/{slug}/objections",
            "/admin/editions/{current}/objections",
            COMMITTEE,
        ),
        page(
            "/admin/editions/{slug}/screening",
            "/admin/editions/{current}/screening",
            COMMITTEE,
        ),
        page(
            "/admin/editions/{slug}/results",
            "/admin/editions/{current}/results",
            COMMITTEE,
        ),
        page(
            "/admin/editions/{slug}/stages/{stage}",
            "/admin/editions/{current}/stages/desk",
            COMMITTEE,
        ),
        page(
            "/admin/editions/{slug}/stages/{stage}/field",
            "/admin/editions/{current}/stages/lapangan/field",
            COMMITTEE,
        ),
        page(
            "/judge/visits/{visit}",
            "/judge/visits/{visit}",
            VISIT_READERS,
        ),
        page(
            "/visits/{visit}/berita-acara",
            "/visits/{visit}/berita-acara",
            VISIT_READERS,
        ),
        page(
            "/admin/editions/{slug}/stages/{stage}/advance",
            "/admin/editions/{current}/stages/desk/advance",
            ADMIN,
        ),
        page(
            "/admin/editions/{slug}/onward",
            "/admin/editions/{past}/onward",
            COMMITTEE,
        ),
        page(
            "/admin/editions/{slug}/results/minutes",
            "/admin/editions/{current}/results/minutes",
            COMMITTEE,
        ),
        page(
            "/admin/editions/{slug}/stages/{stage}/minutes",
            "/admin/editions/{current}/stages/desk/minutes",
            COMMITTEE,
        ),
        page("/entrant", "/entrant", ENTRANTS),
        page("/entrant/new", "/entrant/new", ENTRANTS),
        page("/entrant/entry/{entry}", "/entrant/entry/{e}", READERS_OF_E),
        page(
            "/entrant/entry/{entry}/print",
            "/entrant/entry/{e}/print",
            READERS_OF_E,
        ),
        page("/judge", "/judge", JUDGES),
        page(
            "/judge/present/{stage}",
            "/judge/present/{presentation}",
            SCORERS_OF_K,
        ),
        page("/judge/{stage}/{entry}", "/judge/{desk}/{k}", SCORERS_OF_K),
    ]
}
