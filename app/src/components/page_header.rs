//! The head of a page: its title (also the browser tab's) and the sentence
//! under it.

use leptos::prelude::*;
use leptos_meta::Title;

/// `title` as the page's heading and the tab's title, `lead` below it.
#[component]
pub fn PageHeader(#[prop(into)] title: String, #[prop(into)] lead: String) -> impl IntoView {
    view! {
        <Title text=title.clone()/>
        <header class="page-header">
            <h1>{title}</h1>
            <p class="lead">{lead}</p>
        </header>
    }
}
