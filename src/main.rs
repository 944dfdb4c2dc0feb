//! The `zonefeed` binary: the allocator, logging, the runtime and the process's signals.
//! The arguments, the commands and their exit codes are the library's (`zonefeed::cli`),
//! where the tests can reach them.

use std::process::ExitCode;

use zonefeed::cli::{self, Cli, Signals};

/// jemalloc, not glibc's malloc: see `zonefeed::memory` for why.
#[cfg(all(target_os = "linux", not(target_env = "msvc")))]
#[global_allocator]
static ALLOCATOR: zonefeed::memory::Allocator = zonefeed::memory::Allocator {};

/// jemalloc's options, which it reads from this symbol when it starts (its documented
/// `malloc_conf`; the tikv build prefixes jemalloc's symbols with `_rjem_`). Defined here, in
/// the binary, so that it is always linked. See `zonefeed::memory::MALLOC_CONF` for why.
#[cfg(all(target_os = "linux", not(target_env = "msvc")))]
#[unsafe(export_name = "_rjem_malloc_conf")]
static MALLOC_CONF: zonefeed::memory::Conf = zonefeed::memory::MALLOC_CONF;

fn main() -> ExitCode {
    // `zonefeed items | head` should end quietly, as Unix tools do, not panic on EPIPE.
    #[cfg(unix)]
    // SAFETY: restoring the default disposition of SIGPIPE before any thread starts.
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    let cli = Cli::from_env();
    let default_level = if cli.is_daemon() { "info" } else { "warn" };
    let filter = tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| {
        tracing_subscriber::EnvFilter::new(format!(
            "{default_level},tokio_cron_scheduler=warn,sled=warn"
        ))
    });
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .init();

    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("error: cannot start the async runtime: {e}");
            return ExitCode::FAILURE;
        }
    };
    let exit = runtime.block_on(async {
        // Only the daemon takes over SIGTERM, Ctrl-C and SIGHUP; other commands end on
        // them as processes do.
        let signals = cli.is_daemon().then(spawn_signals);
        cli::run(cli, signals).await
    });
    // Everything that must finish (polls, feed writes, the store flush) has finished inside
    // `cli::run`; leftover helper tasks (the scheduler's tickers) need not delay the exit.
    runtime.shutdown_timeout(std::time::Duration::from_millis(200));
    exit.into()
}

/// Ctrl-C or SIGTERM (systemd's stop) cancels `shutdown`; SIGHUP (systemd's reload) asks
/// for a reload.
fn spawn_signals() -> Signals {
    let shutdown = tokio_util::sync::CancellationToken::new();
    let signal = shutdown.clone();
    tokio::spawn(async move {
        wait_for_signal().await;
        signal.cancel();
    });
    let (reload_tx, reload) = tokio::sync::mpsc::channel(4);
    spawn_sighup(reload_tx);
    Signals { shutdown, reload }
}

/// SIGHUP (systemd's reload) asks the daemon to reload its config.
fn spawn_sighup(reload: tokio::sync::mpsc::Sender<()>) {
    #[cfg(unix)]
    tokio::spawn(async move {
        use tokio::signal::unix::{SignalKind, signal};
        let Ok(mut hup) = signal(SignalKind::hangup()) else {
            return;
        };
        while hup.recv().await.is_some() {
            if reload.send(()).await.is_err() {
                break;
            }
        }
    });
    #[cfg(not(unix))]
    drop(reload);
}

/// Ctrl-C or SIGTERM (systemd's stop).
async fn wait_for_signal() {
    #[cfg(unix)]
    {
        use tokio::signal::unix::{SignalKind, signal};
        match signal(SignalKind::terminate()) {
            Ok(mut term) => {
                tokio::select! {
                    _ = tokio::signal::ctrl_c() => {}
                    _ = term.recv() => {}
                }
            }
            Err(_) => {
                let _ = tokio::signal::ctrl_c().await;
            }
        }
    }
    #[cfg(not(unix))]
    {
        let _ = tokio::signal::ctrl_c().await;
    }
}
