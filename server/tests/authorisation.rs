//! The authorisation matrix: every server function, every HTTP route and every
//! page, called on the demo by every kind of caller, allowed or refused as the
//! table in `authorisation/*_rows.rs` says (in the terms of
//! `authorisation/matrix.rs`; `authorisation/harness.rs` runs it). The table
//! must name everything the router serves: a server function, a route or a
//! page added without a row fails this test.
//!
//! Callers (`Who`) are relations to one entry of the open edition, E (a draft of
//! Puskesmas Janti, whose parent is the Dinas Kesehatan), and to one entry in
//! desk scoring, K (Brexit, scored by juri1; juri2 recused from it):
//! anonymous, the committee (admin), the inspectorate (observer), E's own
//! coordinator and innovator, the coordinator and an innovator of E's parent
//! organisation, a coordinator and an innovator of an unrelated organisation,
//! the judge assigned to K, the judge who recused from K, and another judge.
//!
//! Parent organisations: the coordinator of the organisation above (a Dinas
//! over its Puskesmas) reads, returns, endorses and submits its units' entries
//! — that is how the competition runs — and may correct their text; the
//! organisation above's innovators have no part in them.
//!
//! "Refused" is 401 (anonymous; a page redirects to the sign-in page instead)
//! or 403; "allowed" is anything else but a 500. Requests probe without
//! changing anything an allowed caller could: a stale version, an unknown key,
//! an empty form, so that one call cannot change what the next one finds.

mod harness;
mod matrix;
mod route_and_page_rows;
mod server_function_rows;

use harness::{app_pages, context, outcome, registered_server_functions, router_routes};
use matrix::{EVERYONE, Row};
use route_and_page_rows::{http_routes, pages};
use server_function_rows::server_functions;
use std::collections::BTreeSet;

#[tokio::test]
async fn every_function_route_and_page_is_allowed_exactly_to_whom_the_table_says() {
    let functions = server_functions();
    let routes = http_routes();
    let page_rows = pages();

    // Completeness: nothing the router serves may be missing from the table.
    let named = |rows: &[Row]| {
        rows.iter()
            .map(|row| row.name.to_owned())
            .collect::<BTreeSet<_>>()
    };
    assert_eq!(
        named(&functions),
        registered_server_functions(),
        "every server function needs a row (left: the table, right: the app)"
    );
    assert_eq!(
        named(&routes),
        router_routes(),
        "every route in router.rs needs a row"
    );
    assert_eq!(named(&page_rows), app_pages(), "every page needs a row");

    let context = context().await;
    let mut wrong = Vec::new();
    let mut calls = 0;
    // Pages and routes first; the server functions end with the sign-out.
    for row in page_rows.iter().chain(&routes).chain(&functions) {
        for who in EVERYONE {
            calls += 1;
            let expected = row.allowed.contains(who);
            match outcome(&context, row, *who).await {
                Ok(allowed) if allowed == expected => {}
                Ok(allowed) => wrong.push(format!(
                    "{} as {who:?}: {} but the table says {}",
                    row.name,
                    if allowed { "allowed" } else { "refused" },
                    if expected { "allowed" } else { "refused" }
                )),
                Err(problem) => wrong.push(format!("{} as {who:?}: {problem}", row.name)),
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} of {calls} calls disagree:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
    println!(
        "authorisation matrix: {} functions + {} routes + {} pages × {} callers = {calls} calls",
        functions.len(),
        routes.len(),
        page_rows.len(),
        EVERYONE.len()
    );
}
