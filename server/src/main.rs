//! `juara`: serve the app, or manage its data from the command line.

use clap::Parser;
use std::process::ExitCode;

/// Each worker thread's stack (address space; only what is touched is memory).
const WORKER_STACK_BYTES: usize = 8 * 1024 * 1024;

fn main() -> ExitCode {
    let cli = server::cli::Cli::parse();
    server::startup::init_tracing(&cli.config.log, cli.config.log_format);
    // The embedded database runs each query on the request's own stack, and
    // SurrealDB's executor recurses deeply: 2 MiB (tokio's default) is not
    // always enough, which is why SurrealDB's own server runs on larger stacks.
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .thread_stack_size(WORKER_STACK_BYTES)
        .build()
    {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("juara: could not start the async runtime: {error}");
            return ExitCode::FAILURE;
        }
    };
    match runtime.block_on(server::cli::run(cli)) {
        Ok(()) => ExitCode::SUCCESS,
        Err(error) => {
            eprintln!("juara: {error}");
            ExitCode::FAILURE
        }
    }
}
