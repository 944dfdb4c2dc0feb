//! A story as an alert shows it: its first copy's title, link, time, place and source, and
//! every copy (the webhook lists them); and an alert's filter.
//!
//! Invariant: an alert filters as a subscription does (regions with the regions below
//! them, zones, topics — the digest's own [`Chooser`]), plus its search `query` judged by
//! the same [`Matcher`] as the search index; a story matches when any of its copies does.

use anyhow::Result;
use chrono::{DateTime, Utc};
use serde::Serialize;

use crate::config::{Alert, Config, Subscription};
use crate::digest::Chooser;
use crate::model::Item;
use crate::search::{CHOSEN, ItemTerms, Matcher};
use crate::store::Store;

/// One copy of a story.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct CopyShown {
    pub source: String,
    pub source_name: String,
    pub title: String,
    pub link: Option<String>,
    pub published: DateTime<Utc>,
    pub region: String,
    pub zone: Option<String>,
}

/// A story, first copy first.
#[derive(Debug, Clone, Serialize)]
pub(crate) struct StoryShown {
    /// The story's id: its first copy's item key, hex.
    pub id: String,
    pub title: String,
    pub link: Option<String>,
    pub published: DateTime<Utc>,
    #[serde(skip)]
    pub first_seen: DateTime<Utc>,
    pub region: String,
    pub region_name: String,
    pub zone: Option<String>,
    pub zone_name: Option<String>,
    pub source_name: String,
    pub copies: Vec<CopyShown>,
}

impl StoryShown {
    /// The story whose id is `sid` (hex), read from the store; None when its first copy is
    /// gone (expired meanwhile).
    pub(crate) fn load(config: &Config, store: &Store, sid: &str) -> Result<Option<StoryShown>> {
        let Some(key) = crate::store::key_from_hex(sid) else {
            return Ok(None);
        };
        let Some(first) = store.get_by_key(&key)? else {
            return Ok(None);
        };
        let mut copies = vec![first.clone()];
        if let Some(rec) = store.story(&key)? {
            for c in rec.copies.iter().skip(1) {
                if let Some(k) = c.item_key()
                    && let Some(item) = store.get_by_key(&k)?
                {
                    copies.push(item);
                }
            }
        }
        // The zone named is the first copy's, else the first a copy has.
        let zone = first
            .zone
            .clone()
            .or_else(|| copies.iter().find_map(|c| c.zone.clone()));
        Ok(Some(StoryShown {
            id: sid.to_string(),
            title: first.title.clone(),
            link: first.link.clone(),
            published: first.published,
            first_seen: first.first_seen,
            region_name: config.region_path(&first.region),
            region: first.region.clone(),
            zone_name: zone
                .as_deref()
                .and_then(|z| config.zone(z))
                .map(|z| z.name.clone()),
            zone,
            source_name: crate::publish::author_shown(config, &first).to_string(),
            copies: copies
                .iter()
                .map(|c| CopyShown {
                    source: c.source.clone(),
                    source_name: crate::publish::author_shown(config, c).to_string(),
                    title: c.title.clone(),
                    link: c.link.clone(),
                    published: c.published,
                    region: c.region.clone(),
                    zone: c.zone.clone(),
                })
                .collect(),
        }))
    }

    /// Where it happened, for a message: the zone, else the region.
    pub(crate) fn place(&self) -> &str {
        self.zone_name.as_deref().unwrap_or(&self.region_name)
    }
}

/// When the story `sid` (hex) was first seen: its first copy's time, read alone; None
/// when that copy is gone.
pub(crate) fn first_seen(store: &Store, sid: &str) -> Result<Option<DateTime<Utc>>> {
    let Some(key) = crate::store::key_from_hex(sid) else {
        return Ok(None);
    };
    Ok(store.get_by_key(&key)?.map(|i| i.first_seen))
}

/// What an alert accepts.
pub(crate) struct Filter {
    /// The alert's regions, zones and topics as a subscription, for the digest's chooser
    /// (None only if the constant schedule below failed to parse: then nothing matches).
    as_subscription: Option<Subscription>,
    query: Option<Matcher>,
}

impl Filter {
    pub(crate) fn new(alert: &Alert) -> Filter {
        let query = alert
            .query
            .as_deref()
            .and_then(|q| crate::search::parse(q).ok())
            .map(|p| Matcher::new(CHOSEN, &p));
        // A subscription needs a schedule; an alert's is never used.
        let schedule = crate::schedule::CronSchedule::parse("0 0 0 1 1 *").ok();
        Filter {
            as_subscription: schedule.map(|schedule| Subscription {
                id: alert.id.clone(),
                email: String::new(),
                name: None,
                regions: alert.regions.clone(),
                zones: alert.zones.clone(),
                keywords: vec![],
                exclude: vec![],
                topics: alert.topics.clone(),
                schedule,
                timezone: chrono_tz::UTC,
                max_items: 0,
                send_empty: false,
                backfill: std::time::Duration::ZERO,
            }),
            query,
        }
    }

    /// The filter ready to judge items against `config` (built once per planning step:
    /// a chooser compiles the alert's topics).
    pub(crate) fn judge<'a>(&'a self, config: &'a Config) -> Judge<'a> {
        Judge {
            config,
            chooser: self
                .as_subscription
                .as_ref()
                .map(|s| Chooser::new(config, s)),
            query: self.query.as_ref(),
            topics: self
                .as_subscription
                .as_ref()
                .is_some_and(|s| !s.topics.is_empty()),
        }
    }
}

/// An alert's filter, compiled.
pub(crate) struct Judge<'a> {
    config: &'a Config,
    chooser: Option<Chooser<'a>>,
    query: Option<&'a Matcher>,
    topics: bool,
}

impl Judge<'_> {
    /// Does `item` (one copy of a story) match?
    pub(crate) fn accepts(&self, item: &Item) -> bool {
        let Some(chooser) = &self.chooser else {
            return false;
        };
        let terms = (self.query.is_some() || self.topics)
            .then(|| ItemTerms::new(CHOSEN, item, &crate::search::placing(self.config, item)));
        chooser.accepts(item, terms.as_ref())
            && self
                .query
                .is_none_or(|m| terms.as_ref().is_some_and(|t| m.matches(t)))
    }
}
