//! zonefeed: news of China's development zones, polled from their sites, stored, and
//! republished as per-region and per-zone feeds and email digests.
//!
//! # Layout
//!
//! Data flows one way through the stages:
//! `config -> fetch -> parse/scrape -> classify -> store -> stories/index -> publish / digest`.
//! Above them, units of work drive the stages: [`poll`] (one source: fetch, parse or scrape,
//! classify, store; it reports which feeds it affected) and [`site`], the application layer
//! whose `publish` is the one way feeds are written; on top the two entry points,
//! [`cli`] (one command per file) and [`daemon`] (`zonefeed run`: scheduler, polls,
//! publishing, digests, and [`serve`]). The CLI and `serve` read the store through
//! [`query`], whose types both sides (de)serialise. There is no import circle; the one
//! import against the flow is the config checker using [`search`]'s pure query parser, so
//! that `zonefeed check` reports a topic query that does not parse at file:line:col.
//!
//! | module       | owns                                                                 |
//! |--------------|----------------------------------------------------------------------|
//! | [`model`]    | values passed between stages: entries, items, source and digest state |
//! | [`parse`]    | bytes to entries: charsets, XML repair, RSS/Atom/JSON Feed, dates, HTML text and sanitising, identity |
//! | [`scrape`]   | HTML pages (embedded lists too) and JSON list APIs to entries, by selectors and paths; the rule types; rules proposed for pages nobody wrote rules for (`detect/`: feeds, lists, articles; `json_detect`) |
//! | `discover`   | `zonefeed add`: the feed a site links, or verified list, article and JSON rules, and the place it guesses |
//! | [`mail`]     | lettre: the `[mail]` settings, message building, SMTP and outbox      |
//! | `schedule`   | tokio-cron-scheduler (a heartbeat) and the parsed cron schedules      |
//! | [`config`]   | `config.toml`: types, by-id lookups, the all-errors-at-once checker (file:line:col), appending a source with its comments kept (`write`) |
//! | `fetch`      | bytes from http(s) (reqwest, rustls) or `file:`; request options, per-source cookies; limits, SSRF guard |
//! | `net`        | which addresses are private: the SSRF rule shared by `fetch` and the config check |
//! | `places`     | China's divisions built in (GB/T 2260 codes, names, short forms, when a short form reads as a word), for `[[regions]] code`; zones found in text by the shape of their names and placed by the division they carry |
//! | [`classify`] | region and zone of each entry: the source's, a configured zone named, a zone or division named (investors' origin against a project's landing); the words that decided |
//! | [`stories`]  | which items are copies of one story: pure normalising, shingles, facts, LSH keys, the decision |
//! | [`store`]    | sled: items, time indexes, group counts, dirty marks, the story index, digest state, readers; concurrent polls' writes grouped into one transaction; typed "in use" error |
//! | `alerts`     | instant alerts: a round per alert (plan, record, send, mark), each platform's envelope and signature |
//! | `escape`     | HTML escaping, one way for every page (html-escape)                  |
//! | `token`      | every HMAC-signed token (unsubscribe, manage, CSRF, suppression keys), random tokens, constant-time checks |
//! | `instance`   | the running daemon's record in `data_dir` (API address, key)          |
//! | [`publish`]  | RSS 2.0, Atom 1.0, JSON Feed, `index.html` and OPML in `feeds_dir`, staged and renamed atomically |
//! | `target`     | object_store: publish targets (S3, OSS, COS, R2, MinIO) mirroring `feeds_dir`: pending files per target, background uploads with backoff, `--sync` |
//! | [`digest`]   | digest selection, templates, pending-then-sent delivery, unsubscribe links; the recipients (configured subscriptions and readers in one list) |
//! | [`signup`]   | self-service readers (the feature is "sign-up", the person a "reader"): sign-up, double opt-in, manage, removal, privacy sweep |
//! | [`poll`]     | one poll of one source as a unit of work ([`poll::Poller`])           |
//! | [`site`]     | the application layer: a site's config, store, index, poller, mailer; `publish` (the one publish path: pipeline, flush, WebSub pings, metrics) and `send_due` (the one send path) |
//! | [`search`]   | tantivy: the search index in `data_dir/search` (CJK bigrams, NFKC), the query language, catch-up from the store |
//! | [`query`]    | item listings, stories, source reports, digest previews, searches, zones to suggest: shared by CLI and `/api` |
//! | [`memory`]   | jemalloc, the binary's allocator                                      |
//! | `metrics`    | counters for `/metrics` (Prometheus text)                            |
//! | [`serve`]    | axum: feeds over HTTP, unsubscribe, sign-up pages, health, `/status`, `/api/*` |
//! | [`cli`]      | clap: the arguments, one file per command (its arguments, run, printing), the exit status, the client of a running daemon |
//! | [`daemon`]   | `zonefeed run`: run loop, reload, the engine of scheduled work        |
//!
//! Each external crate is used by one module only: reqwest by `fetch`, sled by `store`,
//! tokio-cron-scheduler by `schedule`, feed-rs and ammonia by `parse`, scraper by `scrape`,
//! lettre by `mail`, rss and atom_syndication by `publish`, object_store (and md-5) by `target`, axum by `serve` (and governor,
//! for the sign-up limits, by `serve::signup`), tantivy, jieba-rs and unicode-normalization
//! by `search`, toml and toml_edit by `config`, tikv-jemallocator by `memory`, hmac by `token`, clap by `cli`.
//!
//! Modules and items are crate-private unless a test, a benchmark, the fuzz targets or
//! `main.rs` needs them.

pub(crate) mod alerts;
pub mod classify;
pub mod cli;
pub mod config;
pub mod daemon;
pub mod digest;
pub(crate) mod discover;
pub(crate) mod escape;
pub(crate) mod fetch;
#[doc(hidden)]
pub mod fuzzing;
pub(crate) mod instance;
pub mod mail;
pub mod memory;
pub(crate) mod metrics;
pub mod model;
pub(crate) mod net;
pub mod parse;
pub(crate) mod places;
pub mod poll;
pub mod publish;
pub mod query;
pub(crate) mod schedule;
pub mod scrape;
pub mod search;
pub mod serve;
pub mod signup;
pub mod site;
pub mod store;
pub mod stories;
pub(crate) mod target;
pub(crate) mod token;

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
