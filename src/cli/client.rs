//! How a CLI command reaches the store: directly, or through the daemon that holds it.
//!
//! sled admits one process. When the store is held, the CLI reads the holder's record in
//! `data_dir` ([`crate::instance`]) and asks the API named there, sending the record's key;
//! an answer counts only if it carries proof of that key. So a second instance, another
//! program on the config's `listen` port, or a one-shot `poll` holding the store is a clear
//! error, never someone else's data with exit 0.

use std::time::Duration;

use anyhow::{Context, Result, bail};
use serde::de::DeserializeOwned;

use crate::config::Config;
use crate::fetch::{FetchLimits, Fetcher};
use crate::instance::{self, Instance};
use crate::store::Store;

pub(crate) enum Access {
    /// Boxed: a store handle is some thirty trees and caches, the daemon client a URL.
    Local(Box<Store>),
    Daemon(Daemon),
}

/// Opens the store, or finds the daemon that holds it.
pub(crate) fn open_or_daemon(config: &Config) -> Result<Access> {
    let dir = &config.service.data_dir;
    let err = match Store::open(dir) {
        Ok(s) => return Ok(Access::Local(Box::new(s))),
        Err(e) if crate::store::is_in_use(&e) => e,
        Err(e) => return Err(e),
    };
    match instance::read(dir)? {
        Some(inst) if instance::pid_alive(inst.pid) => Ok(Access::Daemon(Daemon { inst })),
        _ => Err(err.context(format!(
            "data_dir {} is held by a zonefeed process that serves no API (a one-shot command such as `zonefeed poll`, or a daemon still starting): try again when it has finished",
            dir.display()
        ))),
    }
}

/// The daemon named by the record in `data_dir`.
pub(crate) struct Daemon {
    inst: Instance,
}

impl Daemon {
    /// GETs `path` (relative to the API's base, with its query) and returns the body of a 2xx
    /// answer that proves it comes from the record's daemon.
    pub(crate) async fn get(&self, path: &str) -> Result<Vec<u8>> {
        self.ask(path, None).await
    }

    /// POSTs `form` (urlencoded) to `path`: for the few commands that change the store.
    pub(crate) async fn post_form(&self, path: &str, form: String) -> Result<Vec<u8>> {
        self.ask(path, Some(form)).await
    }

    async fn ask(&self, path: &str, form: Option<String>) -> Result<Vec<u8>> {
        let base = url::Url::parse(&self.inst.api)
            .with_context(|| format!("bad API address {:?} in the daemon record", self.inst.api))?;
        let url = base.join(path)?;
        let fetcher = Fetcher::new(FetchLimits {
            timeout: Duration::from_secs(60),
            connect_timeout: Duration::from_secs(5),
            max_body: 512 << 20,
            user_agent: format!("zonefeed/{} (cli)", env!("CARGO_PKG_VERSION")),
            allow_private_networks: true,
        })?;
        let key = (instance::KEY_HEADER, self.inst.key.as_str());
        let answer = match form {
            None => fetcher.get_api(&url, key, instance::PROOF_HEADER).await,
            Some(f) => fetcher.post_api(&url, key, instance::PROOF_HEADER, f).await,
        }
        .with_context(|| {
            format!(
                "the store is held by zonefeed process {}, whose API at {} did not answer",
                self.inst.pid, self.inst.api
            )
        })?;
        if answer.header.as_deref() != Some(instance::proof(&self.inst.key).as_str()) {
            bail!(
                "{} answered, but not as the daemon holding this data_dir (pid {}): not using its data",
                self.inst.api,
                self.inst.pid
            );
        }
        if !(200..300).contains(&answer.status) {
            let why = String::from_utf8_lossy(&answer.body);
            bail!("the daemon answered {}: {}", answer.status, why.trim());
        }
        Ok(answer.body)
    }

    /// GETs `path` and reads one JSON value.
    pub(crate) async fn get_json<T: DeserializeOwned>(&self, path: &str) -> Result<T> {
        let body = self.get(path).await?;
        serde_json::from_slice(&body)
            .with_context(|| format!("bad answer to {path} from the daemon"))
    }

    /// `path` with `query` as its query string, by the same serde rules the API reads it
    /// with (absent options are left out).
    pub(crate) fn path(&self, path: &str, query: &impl serde::Serialize) -> Result<String> {
        let q = serde_urlencoded::to_string(query)
            .with_context(|| format!("cannot write the query of {path}"))?;
        Ok(format!("{path}?{q}"))
    }

    /// GETs `path` and reads JSON lines.
    pub(crate) async fn get_lines<T: DeserializeOwned>(&self, path: &str) -> Result<Vec<T>> {
        let body = self.get(path).await?;
        String::from_utf8_lossy(&body)
            .lines()
            .filter(|l| !l.trim().is_empty())
            .map(|l| {
                serde_json::from_str(l).with_context(|| format!("bad line from the daemon: {l}"))
            })
            .collect()
    }
}
