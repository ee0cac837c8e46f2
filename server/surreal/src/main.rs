//! `juara-surreal`: the SurrealDB server, exactly as the `surreal` binary runs
//! it (`juara-surreal start --bind 127.0.0.1:8000 surrealkv://…`), built from
//! crates.io since no other download reaches this machine. The tests and
//! `scripts/bench cluster` start it on a loopback port; production runs the
//! official SurrealDB release instead.

use std::process::ExitCode;

fn main() -> ExitCode {
    surrealdb_server::init(surrealdb_server::core::CommunityComposer())
}
