//! Self-service digests (`[signup]`): readers sign up, confirm by mail, and manage their own
//! subscription; admins list, export and remove them. The HTTP pages are in
//! `serve::signup`, the records in `store::readers`, the digests in
//! [`crate::digest::readers`]; this module is the logic between them, one function per
//! step, each taking the time it acts at so tests can move the clock.
//!
//! Invariants:
//! - double opt-in: only [`confirm`] (the POST behind the mailed link's button) makes a
//!   reader get digests; reading a link ([`check_confirm`], [`manage_lookup`]) changes nothing;
//! - no enumeration: [`sign_up`] does the same visible thing (one mail) whether the address
//!   is new, unconfirmed, confirmed or unsubscribed, and a confirmed reader's choices are
//!   never changed by a sign-up, only by their signed manage link;
//! - confirmation tokens are 32 random bytes stored as a SHA-256 hash, valid until
//!   `confirm_within` after they were mailed; a new sign-up replaces them;
//! - privacy ([`sweep`]): an unconfirmed sign-up is deleted when its link expires, an
//!   unsubscribed reader 30 days after, leaving only the keyed hash suppression needs.
//!
//! # Files
//! - this file: sign-up, confirmation, manage, removal, the privacy sweep, reader digests;
//! - `form`: reading and checking what a reader sent;
//! - `mail`: the confirmation mail from `templates/confirm.*`.

mod form;
mod mail;

use std::time::Duration;

use anyhow::Result;
use chrono::{DateTime, Utc};

use crate::config::{Config, FrequencyKind};
use crate::digest::readers::{self, READER_PREFIX};
use crate::mail::Mailer;
use crate::store::{Reader, ReaderStatus, Store};

pub use form::{Choices, Submitted, check_address, check_choices, read_fields};
pub use mail::check_templates;

/// An unsubscribed reader's record is deleted this long after it unsubscribed.
pub const KEEP_UNSUBSCRIBED: Duration = Duration::from_secs(30 * 86_400);

/// A topic readers may choose.
#[derive(Debug, Clone)]
pub struct Topic {
    pub id: String,
    pub name: String,
}

/// The topics offered: the config's `[[topics]]`, in config order. The form shows them,
/// [`check_choices`] accepts their ids, the reader record keeps them, and a reader's
/// digests keep only items matching one of them (`digest::readers::as_subscription`).
pub fn topics(config: &Config) -> Vec<Topic> {
    config
        .topics
        .iter()
        .map(|t| Topic {
            id: t.id.clone(),
            name: t.name.clone(),
        })
        .collect()
}

/// A reader's choices by name, for pages and mails.
#[derive(Debug, Clone, Default)]
pub struct ChoiceNames {
    pub regions: Vec<String>,
    pub zones: Vec<String>,
    pub topics: Vec<String>,
    pub frequency: String,
}

pub fn choice_names(config: &Config, r: &Reader) -> ChoiceNames {
    ChoiceNames {
        regions: r
            .regions
            .iter()
            .filter_map(|id| config.region(id))
            .map(|x| config.region_path(&x.id))
            .collect(),
        zones: r
            .zones
            .iter()
            .filter_map(|id| config.zone(id))
            .map(|z| z.name.clone())
            .collect(),
        topics: {
            let all = topics(config);
            r.topics
                .iter()
                .filter_map(|t| all.iter().find(|x| &x.id == t))
                .map(|t| t.name.clone())
                .collect()
        },
        frequency: FrequencyKind::parse(&r.frequency)
            .map(|f| f.label().to_string())
            .unwrap_or_default(),
    }
}

/// What [`sign_up`] did (the page shown is the same for each; this is for logs and tests).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SignedUp {
    /// A new record, or an unconfirmed or unsubscribed one started over: a confirmation
    /// link was mailed.
    ConfirmationSent,
    /// The address was already subscribed: its manage link was mailed, nothing changed.
    ManageLinkSent,
}

/// A checked sign-up: records it (or not, for a confirmed address), flushes, and mails the
/// confirmation or manage link. Limits are the caller's to check first.
pub async fn sign_up(
    config: &Config,
    store: &Store,
    mailer: &Mailer,
    email: &str,
    choices: &Choices,
    now: DateTime<Utc>,
) -> Result<SignedUp> {
    let key = store.hmac_key()?;
    let base = &config.service.base_url;
    let existing = store.reader_by_address(email)?;
    let (reader, token) = match existing {
        Some(r) if r.status == ReaderStatus::Confirmed => {
            let manage = format!(
                "{base}manage?r={}&t={}",
                r.id,
                readers::manage_token(&key, &r.id, &r.email)
            );
            let v = mail::view(config, &r, None, Some(manage));
            mailer.send(&mail::compose(config, &v, now)?).await?;
            tracing::info!(reader = %r.id, "sign-up for a subscribed address: manage link mailed");
            return Ok(SignedUp::ManageLinkSent);
        }
        Some(mut r) if r.status == ReaderStatus::Pending => {
            let token = crate::token::random_hex(32)?;
            set_choices(&mut r, choices);
            r.confirm_hash = Some(crate::token::hash(&token));
            r.confirm_expires = Some(now + chrono_duration(config.signup.confirm_within));
            store.update_reader(&r)?;
            (r, token)
        }
        other => {
            // Unsubscribed before: start over with a new id, so old links stay dead.
            if let Some(old) = other {
                store.delete_reader(&old)?;
            }
            let token = crate::token::random_hex(32)?;
            let mut r = Reader {
                id: format!("{READER_PREFIX}{}", crate::token::random_hex(8)?),
                email: email.to_string(),
                status: ReaderStatus::Pending,
                paused: false,
                regions: vec![],
                zones: vec![],
                topics: vec![],
                frequency: String::new(),
                created: now,
                confirmed: None,
                unsubscribed: None,
                confirm_hash: Some(crate::token::hash(&token)),
                confirm_expires: Some(now + chrono_duration(config.signup.confirm_within)),
            };
            set_choices(&mut r, choices);
            if !store.insert_reader(&r)? {
                // Another sign-up for this address won the race: treat it as theirs.
                anyhow::bail!("a sign-up for this address is being recorded; try again");
            }
            (r, token)
        }
    };
    store.flush().await?;
    let confirm = format!("{base}confirm?r={}&t={token}", reader.id);
    let v = mail::view(config, &reader, Some(confirm), None);
    mailer.send(&mail::compose(config, &v, now)?).await?;
    tracing::info!(reader = %reader.id, "sign-up recorded: confirmation mailed");
    Ok(SignedUp::ConfirmationSent)
}

fn set_choices(r: &mut Reader, c: &Choices) {
    r.regions = c.regions.clone();
    r.zones = c.zones.clone();
    r.topics = c.topics.clone();
    r.frequency = c.frequency.name().to_string();
}

fn chrono_duration(d: Duration) -> chrono::Duration {
    chrono::Duration::from_std(d).unwrap_or(chrono::Duration::days(3))
}

/// What a confirmation link is worth.
#[derive(Debug, Clone, PartialEq)]
pub enum ConfirmLink {
    /// Unconfirmed and in time: the button may confirm it.
    Valid(Reader),
    /// Confirmed already (by this link).
    Confirmed(Reader),
    /// The link was real but its time is up (or its sign-up was since deleted).
    Expired,
    /// Not a link zonefeed made, or tampered with, or replaced by a newer sign-up.
    Invalid,
}

/// Reads what a confirmation link is worth; changes nothing (the GET of the link).
pub fn check_confirm(
    store: &Store,
    id: &str,
    token: &str,
    now: DateTime<Utc>,
) -> Result<ConfirmLink> {
    if !readers::is_reader_id(id) || id.len() > 40 || token.len() != 64 {
        return Ok(ConfirmLink::Invalid);
    }
    let Some(r) = store.reader(id)? else {
        return Ok(ConfirmLink::Invalid);
    };
    let matches = r.confirm_hash.as_deref().is_some_and(|h| {
        crate::token::constant_time_eq(h.as_bytes(), crate::token::hash(token).as_bytes())
    });
    if !matches {
        return Ok(ConfirmLink::Invalid);
    }
    Ok(match r.status {
        ReaderStatus::Confirmed => ConfirmLink::Confirmed(r),
        ReaderStatus::Unsubscribed => ConfirmLink::Expired,
        ReaderStatus::Pending if r.confirm_expires.is_none_or(|t| t <= now) => ConfirmLink::Expired,
        ReaderStatus::Pending => ConfirmLink::Valid(r),
    })
}

/// The button's POST: confirms the reader if the link is valid, and makes it durable.
/// Its digests start from the next firing of its frequency.
pub async fn confirm(
    store: &Store,
    id: &str,
    token: &str,
    now: DateTime<Utc>,
) -> Result<ConfirmLink> {
    let mut r = match check_confirm(store, id, token, now)? {
        ConfirmLink::Valid(r) => r,
        other => return Ok(other),
    };
    r.status = ReaderStatus::Confirmed;
    r.confirmed = Some(now);
    // A new reader's digest state: firings count from now, as for a new subscription.
    let state = crate::model::DigestState {
        last_run: Some(now),
        ..Default::default()
    };
    store.set_digest_state(&r.id, &state)?;
    store.update_reader(&r)?;
    store.flush().await?;
    tracing::info!(reader = %r.id, "reader confirmed");
    Ok(ConfirmLink::Confirmed(r))
}

/// The reader a manage link names, if its token is right; changes nothing.
pub fn manage_lookup(store: &Store, id: &str, token: &str) -> Result<Option<Reader>> {
    if !readers::is_reader_id(id) || id.len() > 40 {
        return Ok(None);
    }
    let Some(r) = store.reader(id)? else {
        return Ok(None);
    };
    let key = store.hmac_key()?;
    Ok(readers::verify_manage_token(&key, &r.id, &r.email, token).then_some(r))
}

/// The manage form's "save": new choices and pause state. Resuming starts the digest over
/// from the resume (the items of the paused time are not sent in one flood).
pub async fn save_choices(
    store: &Store,
    mut r: Reader,
    choices: &Choices,
    paused: bool,
    now: DateTime<Utc>,
) -> Result<Reader> {
    let resumed = r.paused && !paused;
    set_choices(&mut r, choices);
    r.paused = paused;
    if resumed {
        let mut state = store.digest_state(&r.id)?;
        state.cursor = None;
        state.pending = None;
        state.last_run = Some(now);
        store.set_digest_state(&r.id, &state)?;
    }
    store.update_reader(&r)?;
    store.flush().await?;
    tracing::info!(reader = %r.id, paused, "reader changed its subscription");
    Ok(r)
}

/// The manage form's "unsubscribe" (the same as the digest's one-click link).
pub async fn unsubscribe(store: &Store, r: &Reader, now: DateTime<Utc>) -> Result<()> {
    readers::record_unsubscribe(store, &r.id, now)?;
    store.flush().await
}

/// `zonefeed readers remove ADDRESS`: deletes the reader and all kept for it, leaving
/// the address suppressed. False if no reader has that address.
pub async fn remove(store: &Store, email: &str, now: DateTime<Utc>) -> Result<bool> {
    let Some(r) = store.reader_by_address(email)? else {
        return Ok(false);
    };
    store.suppress(&r.email, now)?;
    let removed = store.delete_reader(&r)?;
    store.flush().await?;
    tracing::info!(reader = %r.id, "reader removed by the admin");
    Ok(removed)
}

/// What one [`sweep`] deleted.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Swept {
    /// Unconfirmed sign-ups whose link expired.
    pub expired: usize,
    /// Unsubscribed readers past [`KEEP_UNSUBSCRIBED`].
    pub forgotten: usize,
}

/// Privacy: deletes unconfirmed sign-ups whose link has expired and unsubscribed readers
/// 30 days after they left (their suppression entry stays).
pub async fn sweep(store: &Store, now: DateTime<Utc>) -> Result<Swept> {
    let mut out = Swept::default();
    for r in store.readers()? {
        let expired =
            r.status == ReaderStatus::Pending && r.confirm_expires.is_none_or(|t| t <= now);
        let forgotten = r.status == ReaderStatus::Unsubscribed
            && r.unsubscribed
                .is_none_or(|t| t + chrono_duration(KEEP_UNSUBSCRIBED) <= now);
        if (expired || forgotten) && store.delete_reader(&r)? {
            if expired {
                out.expired += 1;
            } else {
                out.forgotten += 1;
            }
        }
    }
    if out != Swept::default() {
        store.flush().await?;
        tracing::info!(
            expired = out.expired,
            forgotten = out.forgotten,
            "sign-up records deleted (privacy)"
        );
    }
    Ok(out)
}
