//! `zonefeed run`: the daemon, on the signals `main` owns.

use std::sync::Arc;

use anyhow::Result;

use super::{Exit, Signals};
use crate::config::Config;

pub(super) async fn run(config: Arc<Config>, signals: Option<Signals>) -> Result<Exit> {
    // Without signals from main (a caller that did not ask for them), nothing reloads
    // and only the process's end stops it.
    let Signals { shutdown, reload } = signals.unwrap_or_else(|| Signals {
        shutdown: tokio_util::sync::CancellationToken::new(),
        reload: tokio::sync::mpsc::channel(1).1,
    });
    crate::daemon::run(config, shutdown, reload).await?;
    Ok(Exit::Done)
}
