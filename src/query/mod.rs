//! What the CLI and the HTTP API ask of the store, and the typed answers they exchange.
//!
//! Both sides go through here: `serve`'s `/api/*` handlers and `/status` call these
//! functions and serialise the answers; the CLI calls the same functions on a store it opened
//! itself, or deserialises the daemon's answers into the same types. The wire types are strict
//! (`deny_unknown_fields`, and no field may be missing, `Option`s included): a field renamed
//! on one side is an error on the other, never a blank column.
//!
//! Field order is alphabetical on purpose: these structs replaced `serde_json::json!` maps,
//! which serialise sorted, and scripts reading `--json` lines see the same bytes as before.
//!
//! `places` holds the zones the items name that the config lacks (`zonefeed places
//! suggest`, `/api/places/suggest`).
//!
//! `stories` holds the story queries (`zonefeed stories`, `/api/stories`, and which story
//! an entry of `inspect --source` would join).

mod places;
mod stories;

pub use places::{ZoneSuggestion, suggest_zones};
pub use stories::{CopyView, StoryFilter, StoryJoin, StoryView, stories, story_joins};

use anyhow::{Result, bail};
use chrono::{DateTime, SecondsFormat, Utc};
use serde::{Deserialize, Serialize};

use crate::config::{Config, Source};
use crate::model::{Item, PlacedBy, SourceState};
use crate::store::{Selector, Store};

/// Which items to list (`zonefeed items`, `/api/items`).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemFilter {
    pub region: Option<String>,
    pub zone: Option<String>,
    pub source: Option<String>,
    pub limit: usize,
}

/// Largest `limit` the API serves in one answer.
pub(crate) const MAX_ITEMS: usize = 100_000;

/// One stored item as the CLI prints it with `--json` and the API sends it (one per line).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ItemView {
    #[serde(with = "wire::opt")]
    pub author: Option<String>,
    pub categories: Vec<String>,
    #[serde(with = "wire::opt")]
    pub content: Option<String>,
    pub date_estimated: bool,
    #[serde(with = "wire::time")]
    pub first_seen: DateTime<Utc>,
    pub id: String,
    #[serde(with = "wire::opt")]
    pub link: Option<String>,
    /// The words that placed it (region, zone); nulls when the source's own tags did.
    pub placed_by: PlacedBy,
    #[serde(with = "wire::time")]
    pub published: DateTime<Utc>,
    pub region: String,
    pub source: String,
    /// The id of the story the item belongs to: its first copy's feed entry id (the item's
    /// own for an item alone); null with stories off.
    #[serde(with = "wire::opt")]
    pub story: Option<String>,
    #[serde(with = "wire::opt")]
    pub summary: Option<String>,
    pub title: String,
    #[serde(with = "wire::opt_time")]
    pub updated: Option<DateTime<Utc>>,
    #[serde(with = "wire::opt")]
    pub zone: Option<String>,
}

impl ItemView {
    /// The view of a stored item, with the story it belongs to when stories are on.
    pub fn new(config: &Config, store: &Store, i: &Item) -> Result<ItemView> {
        let mut v = ItemView::from(i);
        if config.stories.enabled {
            v.story = Some(stories::story_id_of(store, i)?);
        }
        Ok(v)
    }
}

impl From<&Item> for ItemView {
    fn from(i: &Item) -> ItemView {
        ItemView {
            story: None,
            author: i.author.clone(),
            categories: i.categories.clone(),
            content: i.content.clone(),
            date_estimated: i.date_estimated,
            first_seen: i.first_seen,
            id: i.id.clone(),
            link: i.link.clone(),
            placed_by: i.placed_by.clone(),
            published: i.published,
            region: i.region.clone(),
            source: i.source.clone(),
            summary: i.summary.clone(),
            title: i.title.clone(),
            updated: i.updated,
            zone: i.zone.clone(),
        }
    }
}

/// Stored items, newest first. Unknown region, zone or source ids are errors.
pub fn items(config: &Config, store: &Store, filter: &ItemFilter) -> Result<Vec<Item>> {
    let regions: Option<Vec<String>> = match &filter.region {
        Some(r) => {
            if config.region(r).is_none() {
                bail!("unknown region {r:?}");
            }
            Some(
                config
                    .region_and_descendants(r)
                    .iter()
                    .map(|r| r.id.clone())
                    .collect(),
            )
        }
        None => None,
    };
    if let Some(z) = &filter.zone
        && config.zone(z).is_none()
    {
        bail!("unknown zone {z:?}");
    }
    if let Some(s) = &filter.source
        && config.source(s).is_none()
    {
        bail!("unknown source {s:?}");
    }
    let selector = if let Some(z) = &filter.zone {
        Selector::Zone(z.clone())
    } else if let Some(s) = &filter.source {
        Selector::Source(s.clone())
    } else if let Some(r) = &regions {
        Selector::Regions(r.clone())
    } else {
        Selector::All
    };
    store.newest(&selector, filter.limit, |i| {
        regions.as_ref().is_none_or(|rs| rs.contains(&i.region))
            && filter
                .zone
                .as_ref()
                .is_none_or(|z| i.zone.as_ref() == Some(z))
            && filter.source.as_ref().is_none_or(|s| &i.source == s)
    })
}

/// A search (`zonefeed search`, `/api/search`, `/search`): the query language of
/// README.md "Search", and filters; hits are sent as [`ItemView`]s, newest first.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SearchFilter {
    pub q: String,
    pub region: Option<String>,
    pub zone: Option<String>,
    pub limit: usize,
}

/// Runs a search against the index, reading the items from the store.
pub fn search(
    config: &Config,
    store: &Store,
    index: &crate::search::SearchIndex,
    filter: &SearchFilter,
) -> Result<Vec<Item>> {
    let f = crate::search::Filter {
        region: filter.region.clone(),
        zone: filter.zone.clone(),
        ..Default::default()
    };
    crate::search::search(
        config,
        store,
        index,
        &filter.q,
        &f,
        filter.limit.min(MAX_ITEMS),
    )
}

/// One source's health: `zonefeed sources --json`, `/api/sources`, `/status.json`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceReport {
    pub consecutive_failures: u32,
    pub empty_polls: u32,
    /// Short words: redirected, empty, backing-off, failing (as of the report's making).
    pub flags: Vec<String>,
    pub id: String,
    pub items: usize,
    pub last_bytes: usize,
    pub last_duration_ms: u64,
    pub last_entries: usize,
    #[serde(with = "wire::opt")]
    pub last_error: Option<String>,
    #[serde(with = "wire::opt_time")]
    pub last_ok: Option<DateTime<Utc>>,
    #[serde(with = "wire::opt_time")]
    pub last_poll: Option<DateTime<Utc>>,
    #[serde(with = "wire::opt")]
    pub last_status: Option<u16>,
    #[serde(with = "wire::opt_time")]
    pub next_poll: Option<DateTime<Utc>>,
    pub not_modified: u64,
    pub polls: u64,
    #[serde(with = "wire::opt")]
    pub redirected_to: Option<String>,
    pub region: String,
    #[serde(with = "wire::opt_time")]
    pub retry_until: Option<DateTime<Utc>>,
    pub url: String,
    #[serde(with = "wire::opt")]
    pub zone: Option<String>,
}

impl SourceReport {
    pub fn new(
        source: &Source,
        st: &SourceState,
        items: usize,
        now: DateTime<Utc>,
    ) -> SourceReport {
        SourceReport {
            consecutive_failures: st.consecutive_failures,
            empty_polls: st.empty_polls,
            flags: st.flags(now).into_iter().map(str::to_string).collect(),
            id: source.id.clone(),
            items,
            last_bytes: st.last_bytes,
            last_duration_ms: st.last_duration_ms,
            last_entries: st.last_entries,
            last_error: st.last_error.clone(),
            last_ok: st.last_ok,
            last_poll: st.last_poll,
            last_status: st.last_status,
            next_poll: st.next_poll,
            not_modified: st.not_modified,
            polls: st.polls,
            redirected_to: st.redirected_to.clone(),
            region: source.region.clone(),
            retry_until: st.retry_until,
            url: source.url.to_string(),
            zone: source.zone.clone(),
        }
    }
}

/// Every configured source's report, in config order.
pub fn sources(config: &Config, store: &Store, now: DateTime<Utc>) -> Result<Vec<SourceReport>> {
    config
        .sources
        .iter()
        .map(|s| {
            let state = store.source_state(&s.id)?;
            let items = store.count(&Selector::Source(s.id.clone()));
            Ok(SourceReport::new(s, &state, items, now))
        })
        .collect()
}

/// What a digest would send now (`zonefeed digest preview`, `/api/digest/preview`).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DigestPreview {
    pub html: String,
    pub subject: String,
    pub text: String,
}

/// Renders subscription `id`'s next digest without recording anything.
pub fn digest_preview(
    config: &Config,
    store: &Store,
    id: &str,
    now: DateTime<Utc>,
) -> Result<DigestPreview> {
    let Some(sub) = config.subscription(id) else {
        bail!("unknown subscription {id:?}");
    };
    let r = crate::digest::preview(config, store, sub, now)?;
    Ok(DigestPreview {
        html: r.html,
        subject: r.subject,
        text: r.text,
    })
}

/// One reader who signed up through the web form: `zonefeed readers --json`,
/// `/api/readers`, and the rows of `zonefeed readers export`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ReaderView {
    pub address: String,
    #[serde(with = "wire::opt_time")]
    pub confirmed: Option<DateTime<Utc>>,
    #[serde(with = "wire::time")]
    pub created: DateTime<Utc>,
    pub frequency: String,
    pub id: String,
    pub regions: Vec<String>,
    /// pending, confirmed, paused or unsubscribed.
    pub status: String,
    pub topics: Vec<String>,
    #[serde(with = "wire::opt_time")]
    pub unsubscribed: Option<DateTime<Utc>>,
    pub zones: Vec<String>,
}

impl From<&crate::store::Reader> for ReaderView {
    fn from(r: &crate::store::Reader) -> ReaderView {
        let status = if r.paused && r.status == crate::store::ReaderStatus::Confirmed {
            "paused"
        } else {
            r.status.name()
        };
        ReaderView {
            address: r.email.clone(),
            confirmed: r.confirmed,
            created: r.created,
            frequency: r.frequency.clone(),
            id: r.id.clone(),
            regions: r.regions.clone(),
            status: status.to_string(),
            topics: r.topics.clone(),
            unsubscribed: r.unsubscribed,
            zones: r.zones.clone(),
        }
    }
}

/// Every reader, oldest sign-up first.
pub fn readers(store: &Store) -> Result<Vec<ReaderView>> {
    let mut rows: Vec<ReaderView> = store.readers()?.iter().map(ReaderView::from).collect();
    rows.sort_by(|a, b| a.created.cmp(&b.created).then(a.address.cmp(&b.address)));
    Ok(rows)
}

/// Deletes the reader with this address (the admin's decision); false if there is none.
pub async fn remove_reader(store: &Store, address: &str, now: DateTime<Utc>) -> Result<bool> {
    if address.trim().is_empty() {
        bail!("no address given");
    }
    crate::signup::remove(store, address, now).await
}

/// Field codecs of the wire types. Times are RFC 3339 to the second in UTC (`…Z`), as the
/// CLI has always printed them. Fields declared with these have no serde default, so a
/// missing field fails to deserialise even when it is an `Option`.
mod wire {
    use super::*;

    fn format(t: &DateTime<Utc>) -> String {
        t.to_rfc3339_opts(SecondsFormat::Secs, true)
    }

    fn parse<E: serde::de::Error>(s: &str) -> Result<DateTime<Utc>, E> {
        DateTime::parse_from_rfc3339(s)
            .map(|t| t.with_timezone(&Utc))
            .map_err(|e| E::custom(format!("bad time {s:?}: {e}")))
    }

    pub mod time {
        use super::*;
        pub(crate) fn serialize<S: serde::Serializer>(
            t: &DateTime<Utc>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            s.serialize_str(&format(t))
        }
        pub(crate) fn deserialize<'de, D: serde::Deserializer<'de>>(
            d: D,
        ) -> Result<DateTime<Utc>, D::Error> {
            parse(&String::deserialize(d)?)
        }
    }

    pub mod opt_time {
        use super::*;
        pub(crate) fn serialize<S: serde::Serializer>(
            t: &Option<DateTime<Utc>>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            match t {
                Some(t) => s.serialize_some(&format(t)),
                None => s.serialize_none(),
            }
        }
        pub(crate) fn deserialize<'de, D: serde::Deserializer<'de>>(
            d: D,
        ) -> Result<Option<DateTime<Utc>>, D::Error> {
            Option::<String>::deserialize(d)?
                .map(|s| parse(&s))
                .transpose()
        }
    }

    /// An `Option` that must be present (as `null` when empty).
    pub mod opt {
        use super::*;
        pub(crate) fn serialize<S: serde::Serializer, T: Serialize>(
            v: &Option<T>,
            s: S,
        ) -> Result<S::Ok, S::Error> {
            v.serialize(s)
        }
        pub(crate) fn deserialize<'de, D: serde::Deserializer<'de>, T: Deserialize<'de>>(
            d: D,
        ) -> Result<Option<T>, D::Error> {
            Option::<T>::deserialize(d)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn report() -> SourceReport {
        SourceReport {
            consecutive_failures: 2,
            empty_polls: 0,
            flags: vec!["failing".into()],
            id: "nt".into(),
            items: 3,
            last_bytes: 10,
            last_duration_ms: 5,
            last_entries: 3,
            last_error: None,
            last_ok: Some(Utc::now()),
            last_poll: None,
            last_status: Some(200),
            next_poll: None,
            not_modified: 0,
            polls: 4,
            redirected_to: None,
            region: "nantong".into(),
            retry_until: None,
            url: "https://example.gov.cn/rss".into(),
            zone: None,
        }
    }

    #[test]
    fn a_missing_or_unknown_field_is_an_error_not_a_blank() {
        let v = serde_json::to_value(report()).expect("serialise");
        let mut missing = v.clone();
        missing.as_object_mut().map(|o| o.remove("last_error"));
        let err = serde_json::from_value::<SourceReport>(missing).expect_err("missing Option");
        assert!(err.to_string().contains("last_error"), "{err}");
        let mut renamed = v.clone();
        if let Some(o) = renamed.as_object_mut() {
            let x = o.remove("items");
            o.insert("item_count".into(), x.unwrap_or_default());
        }
        assert!(serde_json::from_value::<SourceReport>(renamed).is_err());
        let back: SourceReport = serde_json::from_value(v).expect("round trip");
        assert_eq!(back.items, 3);
    }

    #[test]
    fn keys_serialise_in_the_order_the_cli_always_printed() {
        // `json!` maps (what the CLI printed before) serialise with sorted keys.
        let r = report();
        let direct = serde_json::to_string(&r).expect("serialise");
        let sorted =
            serde_json::to_string(&serde_json::to_value(&r).expect("value")).expect("sorted");
        assert_eq!(direct, sorted);
        let at = direct.find("\"last_ok\":\"").expect("last_ok") + 11;
        assert_eq!(
            direct[at..].find('Z'),
            Some(19),
            "second precision: {direct}"
        );
    }
}

/// One alert's delivery as `zonefeed alerts --json` and `/api/alerts` show it. Where it
/// goes is the channel and host only: the URL carries the robot's key.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct AlertView {
    pub id: String,
    pub channel: String,
    pub to: String,
    pub last_sent: Option<DateTime<Utc>>,
    /// Messages accepted, and the stories they carried.
    pub sent: u64,
    pub stories_sent: u64,
    /// Attempts that failed (each retried), and how many in a row now.
    pub failed: u64,
    pub failures: u32,
    pub last_error: Option<String>,
    pub next_attempt: Option<DateTime<Utc>>,
    /// Stories planned, not yet delivered; items stored it has not looked at yet (counted
    /// up to 100,000).
    pub backlog_stories: usize,
    pub backlog_items: u64,
}

/// Every configured alert's delivery, in config order.
pub fn alerts(config: &Config, store: &Store) -> Result<Vec<AlertView>> {
    config
        .alerts
        .iter()
        .map(|a| {
            let st = store.alert_state(&a.id)?;
            Ok(AlertView {
                id: a.id.clone(),
                channel: a.channel.name().to_string(),
                to: a.url.expose().host_str().unwrap_or("").to_string(),
                last_sent: st.last_sent,
                sent: st.sent,
                stories_sent: st.stories_sent,
                failed: st.failed,
                failures: st.failures,
                last_error: st.last_error.clone(),
                next_attempt: st.next_attempt,
                backlog_stories: st.pending.iter().map(|p| p.stories.len()).sum(),
                backlog_items: st.cursor.map_or(0, |c| {
                    let after = st.pending_to.unwrap_or(c).max(c);
                    store.count_seen_after(after, 100_000) as u64
                }),
            })
        })
        .collect()
}

/// One publish target's delivery as `/status.json`, `/api/targets` and
/// `zonefeed publish --json` show it. Where it goes is the bucket, prefix and the
/// endpoint's host: never a credential.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TargetView {
    pub id: String,
    /// `s3://bucket/prefix`.
    pub url: String,
    pub endpoint: String,
    /// Files whose copy there may differ from `feeds_dir` (retried until settled).
    pub pending: usize,
    /// Objects put and deleted, and the bytes put, since the target was configured.
    pub uploaded: u64,
    pub deleted: u64,
    pub bytes_uploaded: u64,
    /// Requests that failed (each retried), and how many rounds in a row failed now.
    pub failed: u64,
    pub failures: u32,
    pub last_ok: Option<DateTime<Utc>>,
    pub last_error: Option<String>,
    pub next_attempt: Option<DateTime<Utc>>,
}

/// Every configured publish target's delivery, in config order.
pub fn targets(config: &Config, store: &Store) -> Result<Vec<TargetView>> {
    config
        .publish
        .targets
        .iter()
        .map(|t| {
            let key = t.location();
            let st = store.target_state(&key)?;
            Ok(TargetView {
                id: t.id.clone(),
                url: t.url(),
                endpoint: t
                    .endpoint
                    .as_ref()
                    .and_then(|u| u.host_str())
                    .unwrap_or("s3.amazonaws.com")
                    .to_string(),
                pending: store.count_target_pending(&key),
                uploaded: st.uploaded,
                deleted: st.deleted,
                bytes_uploaded: st.bytes_uploaded,
                failed: st.failed,
                failures: st.failures,
                last_ok: st.last_ok,
                last_error: st.last_error,
                next_attempt: st.next_attempt,
            })
        })
        .collect()
}
