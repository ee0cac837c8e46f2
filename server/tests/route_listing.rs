//! Listing the app's routes, as the server does when it starts, leaves nothing
//! behind that runs once the listing is gone.

/// The server lists routes through `AppRoutes` (server/src/router.rs). Listed
/// through `App`, the language context spawned an effect; when a worker ran it
/// while the listing was dropping its owner, it read a disposed signal and
/// panicked (a blank line and a backtrace in a JSON log, on some starts). That
/// race cannot be forced, but the task behind it can be seen: here the listing
/// spawns none.
#[tokio::test]
async fn listing_the_routes_spawns_no_task() {
    let tasks = || {
        tokio::runtime::Handle::current()
            .metrics()
            .num_alive_tasks()
    };
    let before = tasks();
    let routes = leptos_axum::generate_route_list(app::AppRoutes);
    assert!(routes.len() > 30, "{} routes", routes.len());
    assert_eq!(tasks(), before, "tasks the listing left behind");
}
