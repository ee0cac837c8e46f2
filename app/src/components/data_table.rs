//! A table of records as every list page shows one.

use leptos::prelude::*;

/// A table that scrolls sideways on a narrow screen (focusable, so that a
/// keyboard can scroll it too): `head` gives the header row's cells, the
/// children the body's rows. `test` names it for the browser tests.
#[component]
pub fn DataTable(
    #[prop(into)] head: ViewFn,
    #[prop(optional)] class: &'static str,
    #[prop(optional)] test: &'static str,
    children: Children,
) -> impl IntoView {
    let class = if class.is_empty() {
        "table".to_owned()
    } else {
        format!("table {class}")
    };
    view! {
        <div class="table-wrap" tabindex="0">
            <table class=class data-test=(!test.is_empty()).then_some(test)>
                <thead><tr>{head.run()}</tr></thead>
                <tbody>{children()}</tbody>
            </table>
        </div>
    }
}
