//! The yardstick of the `public` benchmark (`scripts/bench public`): the
//! cheapest way axum can serve a page of the same size. It reads one HTML file
//! (the saved published results page) and answers every GET, whatever the path,
//! with its bytes: no database, no rendering, no middleware, no compression. The
//! real page's throughput and p99 are then read as a fraction of this one on the
//! same machine, the same runtime and the same HTTP stack.
//!
//! Usage: `static_baseline --file PAGE.html --addr 127.0.0.1:PORT`

use axum::Router;
use axum::body::Bytes;
use axum::extract::State;
use axum::http::header;
use axum::response::IntoResponse;
use axum::routing::get;
use std::net::SocketAddr;

async fn page(State(page): State<Bytes>) -> impl IntoResponse {
    ([(header::CONTENT_TYPE, "text/html; charset=utf-8")], page)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let (mut file, mut addr) = (None, None);
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let value = args.next().ok_or_else(|| format!("{flag} needs a value"))?;
        match flag.as_str() {
            "--file" => file = Some(value),
            "--addr" => addr = Some(value.parse::<SocketAddr>()?),
            other => return Err(format!("unknown option {other}").into()),
        }
    }
    let file = file.ok_or("--file PATH is required")?;
    let addr = addr.ok_or("--addr 127.0.0.1:PORT is required")?;
    // A benchmark target only: never listen beyond this machine.
    if !addr.ip().is_loopback() {
        return Err(format!("--addr must be a loopback address, not {addr}").into());
    }
    let bytes = Bytes::from(std::fs::read(&file).map_err(|error| format!("{file}: {error}"))?);
    // `/{*path}` does not match `/` itself, hence two routes.
    let app = Router::new()
        .route("/", get(page))
        .route("/{*path}", get(page))
        .with_state(bytes);
    let listener = tokio::net::TcpListener::bind(addr).await?;
    println!("listening on {}", listener.local_addr()?);
    axum::serve(listener, app).await?;
    Ok(())
}
