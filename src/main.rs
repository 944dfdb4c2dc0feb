//! The `zonefeed` binary: arguments, logging, signals and exit codes. Everything else is in
//! the library (`zonefeed::cli`, `zonefeed::daemon`), where the tests can reach it.

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};
use tokio_util::sync::CancellationToken;
use zonefeed::cli;

#[derive(Parser)]
#[command(
    name = "zonefeed",
    version,
    about = "Feeds and digests of China's development-zone news"
)]
struct Cli {
    /// Config file; relative paths inside it resolve against its folder.
    #[arg(long, global = true, default_value = "config.toml")]
    config: PathBuf,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate the config; every problem is reported as FILE:LINE:COLUMN: message.
    Check,
    /// Poll all (or the named) sources once, store new items, publish affected feeds.
    Poll {
        /// Only this source (repeatable).
        #[arg(long = "source", value_name = "ID")]
        sources: Vec<String>,
        /// Also poll sources that are backing off or waiting out a Retry-After.
        #[arg(long)]
        force: bool,
    },
    /// Show each source's health: last success, status, failures, next poll, flags.
    Sources {
        /// One JSON object per line.
        #[arg(long)]
        json: bool,
    },
    /// Regenerate every feed from the store.
    Publish,
    /// List stored items, newest first.
    Items {
        #[arg(long)]
        region: Option<String>,
        #[arg(long)]
        zone: Option<String>,
        #[arg(long)]
        source: Option<String>,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// One JSON object per line.
        #[arg(long)]
        json: bool,
    },
    /// Items matching a query, newest first (the query language is in README.md, "Search").
    Search {
        query: String,
        /// A region id: the region and the regions below it.
        #[arg(long)]
        region: Option<String>,
        #[arg(long)]
        zone: Option<String>,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// One JSON object per line.
        #[arg(long)]
        json: bool,
    },
    /// Rebuild the search index from the store (stop the daemon first).
    Reindex,
    /// List stories (one entry per news story across sources) with their copies.
    Stories {
        #[arg(long)]
        region: Option<String>,
        #[arg(long)]
        zone: Option<String>,
        #[arg(long, default_value_t = 20)]
        limit: usize,
        /// One JSON object per line.
        #[arg(long)]
        json: bool,
        /// Rebuild the story index from the stored items (the daemon must be stopped).
        #[arg(long, conflicts_with_all = ["region", "zone", "json"])]
        rebuild: bool,
    },
    /// Fetch and parse one feed (URL or path) and print its items; needs no config.
    /// With --source ID: a dry run of a configured source (HTML rules included), storing nothing.
    Inspect {
        #[arg(required_unless_present = "source", conflicts_with = "source")]
        target: Option<String>,
        /// A configured source to dry-run instead of a URL or path.
        #[arg(long, value_name = "ID")]
        source: Option<String>,
        #[arg(long)]
        json: bool,
        /// Decode with this charset, whatever the document says.
        #[arg(long)]
        charset: Option<String>,
        /// Zone for dates written without one.
        #[arg(long, default_value = "Asia/Shanghai")]
        timezone: String,
    },
    /// Email digests: preview, send, resubscribe.
    Digest {
        #[command(subcommand)]
        command: DigestCommand,
    },
    /// Readers who signed up through the web form ([signup]): list, remove, export.
    Subscribers {
        #[command(subcommand)]
        command: Option<SubscribersCommand>,
        /// One JSON object per line (address, status, choices, created, confirmed).
        #[arg(long)]
        json: bool,
    },
    /// Run the daemon: poll each source on its interval, publish after each poll, send
    /// digests on their schedules, serve feeds over HTTP.
    Run,
}

#[derive(Subcommand)]
enum DigestCommand {
    /// Print the subject and text part of what would be sent now (nothing is recorded).
    Preview { id: String },
    /// Send due digests, or the named ones now; report what was sent.
    Send {
        ids: Vec<String>,
        /// Send every (named) subscription now, whatever its schedule.
        #[arg(long)]
        now: bool,
    },
    /// Undo an unsubscribe (an admin's decision).
    Resubscribe { id: String },
}

#[derive(Subcommand)]
enum SubscribersCommand {
    /// Delete a reader and all kept about it (its address stays suppressed).
    Remove { address: String },
    /// Every reader as CSV on standard output.
    Export,
}

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
    let cli = Cli::parse();
    let default_level = match cli.command {
        Command::Run => "info",
        _ => "warn",
    };
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
    let code = runtime.block_on(dispatch(cli));
    // Everything that must finish (polls, feed writes, the store flush) has finished inside
    // `dispatch`; leftover helper tasks (the scheduler's tickers) need not delay the exit.
    runtime.shutdown_timeout(std::time::Duration::from_millis(200));
    ExitCode::from(code)
}

async fn dispatch(cli: Cli) -> u8 {
    if let Command::Check = cli.command {
        return cli::check(&cli.config) as u8;
    }
    if let Command::Inspect {
        target: Some(target),
        json,
        charset,
        timezone,
        source: None,
    } = &cli.command
    {
        return inspect_target(target, *json, charset.as_deref(), timezone).await;
    }
    // Every other command works on the config.
    let config = match cli::load_config(&cli.config) {
        Ok(c) => c,
        Err(code) => return code,
    };
    let result: anyhow::Result<u8> = match cli.command {
        Command::Check | Command::Inspect { source: None, .. } => Ok(0),
        Command::Sources { json } => cli::sources(&config).await.map(|rows| {
            cli::print_sources(&config, &rows, json);
            0
        }),
        Command::Poll { ref sources, force } => cli::poll_once(config.clone(), sources, force)
            .await
            .map(|s| {
                cli::print_poll_summary(&s);
                u8::from(s.failed() > 0)
            }),
        Command::Publish => cli::publish(config.clone()).await.map(|r| {
            cli::print_publish(&r);
            0
        }),
        Command::Items {
            region,
            zone,
            source,
            limit,
            json,
        } => {
            let filter = zonefeed::query::ItemFilter {
                region,
                zone,
                source,
                limit,
            };
            cli::items(&config, &filter).await.map(|items| {
                cli::print_items(&config, &items, json);
                0
            })
        }
        Command::Search {
            query,
            region,
            zone,
            limit,
            json,
        } => {
            let filter = zonefeed::query::SearchFilter {
                q: query,
                region,
                zone,
                limit,
            };
            cli::search(&config, &filter).await.map(|items| {
                cli::print_items(&config, &items, json);
                0
            })
        }
        Command::Stories { rebuild: true, .. } => {
            let started = std::time::Instant::now();
            cli::rebuild_stories(config.clone()).await.map(|r| {
                cli::print_rebuild(&r, started.elapsed().as_secs_f64());
                0
            })
        }
        Command::Stories {
            region,
            zone,
            limit,
            json,
            rebuild: false,
        } => {
            let filter = zonefeed::query::StoryFilter {
                region,
                zone,
                limit,
            };
            cli::stories(&config, &filter).await.map(|s| {
                cli::print_stories(&config, &s, json);
                0
            })
        }
        Command::Reindex => cli::reindex(&config).map(|n| {
            println!("indexed {n} items");
            0
        }),
        Command::Inspect {
            source: Some(id),
            json,
            ..
        } => cli::inspect_source(&config, &id).await.map(|ins| {
            cli::print_source_inspection(&config, &ins, json);
            0
        }),
        Command::Digest { command } => match command {
            DigestCommand::Preview { id } => cli::digest_preview(&config, &id).await.map(|p| {
                cli::print_preview(&p);
                0
            }),
            DigestCommand::Send { ids, now } => {
                let mut lines = cli::DigestLines::new(&config);
                cli::digest_send_each(&config, &ids, now, |sub, o| lines.print(&sub.id, &o))
                    .await
                    .map(|()| u8::from(lines.finish()))
            }
            DigestCommand::Resubscribe { id } => cli::digest_resubscribe(&config, &id).map(|was| {
                if was {
                    println!("{id}: unsubscribe removed; digests resume");
                } else {
                    println!("{id}: was not unsubscribed");
                }
                0
            }),
        },
        Command::Subscribers { command, json } => match command {
            None => cli::subscribers(&config).await.map(|rows| {
                cli::print_subscribers(&rows, json);
                0
            }),
            Some(SubscribersCommand::Export) => cli::subscribers(&config).await.map(|rows| {
                print!("{}", cli::export_csv(&rows));
                0
            }),
            Some(SubscribersCommand::Remove { address }) => {
                cli::subscribers_remove(&config, &address)
                    .await
                    .map(|removed| {
                        if removed {
                            println!("{address}: removed (its address stays suppressed)");
                            0
                        } else {
                            eprintln!("{address}: no such subscriber");
                            1
                        }
                    })
            }
        },
        Command::Run => {
            let shutdown = CancellationToken::new();
            let signal = shutdown.clone();
            tokio::spawn(async move {
                wait_for_signal().await;
                signal.cancel();
            });
            let (reload_tx, reload_rx) = tokio::sync::mpsc::channel(4);
            spawn_sighup(reload_tx);
            zonefeed::daemon::run(config, shutdown, reload_rx)
                .await
                .map(|()| 0)
        }
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("error: {e:#}");
            1
        }
    }
}

/// `zonefeed inspect URL|PATH`: needs no config.
async fn inspect_target(target: &str, json: bool, charset: Option<&str>, timezone: &str) -> u8 {
    let tz = match timezone.parse::<chrono_tz::Tz>() {
        Ok(tz) => tz,
        Err(_) => {
            eprintln!("error: unknown time zone {timezone:?}");
            return 2;
        }
    };
    let enc = match charset {
        None => None,
        Some(label) => match encoding_rs::Encoding::for_label(label.as_bytes()) {
            Some(e) => Some(e),
            None => {
                eprintln!("error: unknown charset {label:?}");
                return 2;
            }
        },
    };
    match cli::inspect(target, enc, tz).await {
        Ok(ins) => {
            cli::print_inspection(&ins, json, tz);
            0
        }
        Err(e) => {
            eprintln!("error: {e:#}");
            1
        }
    }
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
