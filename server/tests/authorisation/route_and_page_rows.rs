//! The table's rows for every other HTTP route and every page: who may open
//! each, and the address it is opened at.

use super::matrix::*;
use http::Method;

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
