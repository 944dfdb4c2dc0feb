//! A dry poll: one configured source read and placed exactly as a poll would (charset,
//! rules, article pages, cookies), storing nothing. `zonefeed inspect --source` and the
//! daemon's `/api/sources/…/inspect` answer with it.

use anyhow::Result;

use crate::config::Config;
use crate::fetch::{CookieJar, FetchLimits, Fetcher, Validators};
use crate::model::Entry;
use crate::query::StoryJoin;

/// What `inspect --source` extracted: entries placed as the daemon would place them, and
/// (stories on) the story each would join.
pub struct SourceInspection {
    pub document: crate::poll::Document,
    pub placed: Vec<(Entry, crate::classify::Placement)>,
    /// Cookies the source's sites set during the run (kept for its later requests).
    pub cookies: usize,
    /// The source's id.
    pub source: String,
    /// In entry order; empty with stories off.
    pub joins: Vec<StoryJoin>,
}

/// The dry run itself: read and place the source's entries, touching no store.
pub(crate) async fn dry_run(
    config: &Config,
    source: &crate::config::Source,
) -> Result<SourceInspection> {
    let fetcher = Fetcher::new(FetchLimits::from_config(&config.poll))?;
    let jar = CookieJar::default();
    let document = super::read_source(&fetcher, config, source, &Validators::default(), None, &jar)
        .await
        .map_err(|e| anyhow::anyhow!("{e}"))?;
    let classifier = crate::classify::Classifier::new(config);
    let placed = document
        .entries
        .iter()
        .map(|e| (e.clone(), classifier.classify(config, source, e)))
        .collect();
    Ok(SourceInspection {
        document,
        placed,
        cookies: jar.len(),
        source: source.id.clone(),
        joins: Vec::new(),
    })
}
