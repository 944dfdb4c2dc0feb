//! zonefeed: news of China's development zones, polled from their sites, stored, and
//! republished as per-region and per-zone feeds.
//!
//! # Layout
//!
//! Data flows one way:
//! `config -> schedule -> fetch -> parse/scrape -> classify -> store -> stories/index ->
//! publish / digest`.
//!
//! | module       | owns                                                              |
//! |--------------|-------------------------------------------------------------------|
//! | [`config`]   | `config.toml`: parsing and checking, errors with file:line:col    |
//! | [`model`]    | values passed between stages: entries, items, source state        |
//! | [`fetch`]    | bytes from http(s) (reqwest, rustls) or `file:`; limits           |
//! | [`parse`]    | bytes to entries: charsets, RSS/Atom/JSON Feed, dates, sanitising |
//! | [`scrape`]   | HTML list and article pages to entries, by CSS-selector rules      |
//! | [`classify`] | region and zone of each entry                                     |
//! | [`store`]    | sled: items, time indexes, source state, the story index          |
//! | [`stories`]  | which items are copies of one story: pure text rules, LSH keys    |
//! | [`query`]    | what the CLI and `/api/*` ask of the store, typed for both sides  |
//! | [`poll`]     | one poll of one source as a unit of work ([`poll::Poller`])       |
//! | [`publish`]  | RSS 2.0 and Atom 1.0 files in `feeds_dir`, written atomically     |
//! | [`digest`]   | digest selection, templates, pending-then-sent delivery, unsubscribe |
//! | [`mail`]     | lettre: message building, SMTP and outbox transports              |
//! | [`metrics`]  | counters for `/metrics` (Prometheus text)                         |
//! | [`schedule`] | tokio-cron-scheduler behind a small interface                     |
//! | [`serve`]    | axum: feeds over HTTP, unsubscribe links, health                  |
//! | [`app`]      | the CLI commands and the daemon loop; `main.rs` only dispatches   |
//!
//! Each external crate is used by one module only: reqwest by `fetch`, sled by `store`,
//! tokio-cron-scheduler by `schedule`, feed-rs by `parse`, lettre by `mail`, scraper by
//! `scrape`.

pub mod classify;
pub mod cli;
pub mod config;
pub mod daemon;
pub mod digest;
pub(crate) mod fetch;
#[doc(hidden)]
pub mod fuzzing;
pub(crate) mod instance;
pub mod mail;
pub(crate) mod metrics;
pub mod model;
pub mod parse;
pub mod poll;
pub mod publish;
pub mod query;
pub(crate) mod schedule;
pub mod scrape;
pub mod serve;
pub mod store;
pub mod stories;

/// An error with its causes ("error sending request: connection refused"); library errors
/// often hide the cause in `source()`, and admins need the why.
pub(crate) fn error_chain(e: &dyn std::error::Error) -> String {
    let mut msg = e.to_string();
    let mut cur = e.source();
    while let Some(c) = cur {
        let s = c.to_string();
        if !msg.contains(&s) {
            msg.push_str(": ");
            msg.push_str(&s);
        }
        cur = c.source();
    }
    msg
}
