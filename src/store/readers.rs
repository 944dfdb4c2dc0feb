//! Readers who signed up through the web form (`[signup]`), in two trees:
//!
//! - `subscribers`: `r` + reader id -> [`Reader`] as JSON; `a` + address (lowercase) ->
//!   reader id, so one address has at most one record;
//! - `suppressed`: HMAC-SHA256 of the address (lowercase) under the store's signing key ->
//!   the time it unsubscribed or was removed, as RFC 3339 text. No address is kept there:
//!   it answers "did this address say stop, and when?", and cannot be listed back.
//!
//! Invariants: a record and its address entry are written in one transaction, and a new
//! record is refused when its address already has one (two sign-ups racing for one address
//! leave one record); deleting a reader also deletes its digest state and unsubscribe mark
//! in the same transaction, so nothing about it is left but the suppression entry.
//! Records are never written to `config.toml`, and a config reload does not touch them.

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use sled::Transactional;
use sled::transaction::{ConflictableTransactionError, TransactionError};

use super::Store;

/// One reader's subscription as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Reader {
    /// `r.` and 16 hex digits: random, and never a config subscription id (those have no
    /// dot), so readers and `[[subscriptions]]` share the digest state without colliding.
    pub id: String,
    /// As the reader typed it (trimmed); compared without case.
    pub email: String,
    pub status: ReaderStatus,
    /// A confirmed reader may pause: nothing is sent until they resume.
    #[serde(default)]
    pub paused: bool,
    pub regions: Vec<String>,
    pub zones: Vec<String>,
    /// `[[topics]]` ids the reader chose (see `signup::topics`); empty: no topic limit.
    #[serde(default)]
    pub topics: Vec<String>,
    /// `daily` or `weekly` ([`crate::config::FrequencyKind::name`]).
    pub frequency: String,
    pub created: DateTime<Utc>,
    pub confirmed: Option<DateTime<Utc>>,
    pub unsubscribed: Option<DateTime<Utc>>,
    /// SHA-256 (hex) of the confirmation token: the token itself exists only in the mail.
    pub confirm_hash: Option<String>,
    pub confirm_expires: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ReaderStatus {
    /// Signed up, confirmation mail sent, not confirmed yet.
    Pending,
    Confirmed,
    /// Kept (for the 30 days privacy allows) so the reader's own links still say so.
    Unsubscribed,
}

impl ReaderStatus {
    pub fn name(self) -> &'static str {
        match self {
            ReaderStatus::Pending => "pending",
            ReaderStatus::Confirmed => "confirmed",
            ReaderStatus::Unsubscribed => "unsubscribed",
        }
    }
}

fn reader_key(id: &str) -> Vec<u8> {
    let mut k = b"r".to_vec();
    k.extend_from_slice(id.as_bytes());
    k
}

fn address_key(email: &str) -> Vec<u8> {
    let mut k = b"a".to_vec();
    k.extend_from_slice(email.trim().to_lowercase().as_bytes());
    k
}

impl Store {
    pub fn reader(&self, id: &str) -> Result<Option<Reader>> {
        match self.subscribers.get(reader_key(id))? {
            Some(b) => {
                Ok(Some(serde_json::from_slice(&b).with_context(|| {
                    format!("corrupt reader record {id:?}")
                })?))
            }
            None => Ok(None),
        }
    }

    pub fn reader_by_address(&self, email: &str) -> Result<Option<Reader>> {
        match self.subscribers.get(address_key(email))? {
            Some(id) => self.reader(&String::from_utf8_lossy(&id)),
            None => Ok(None),
        }
    }

    /// Every reader, in id order (random, so no order worth naming).
    pub fn readers(&self) -> Result<Vec<Reader>> {
        let mut out = Vec::new();
        for kv in self.subscribers.scan_prefix(b"r") {
            let (k, v) = kv?;
            out.push(serde_json::from_slice(&v).with_context(|| {
                format!("corrupt reader record {}", String::from_utf8_lossy(&k))
            })?);
        }
        Ok(out)
    }

    /// Stores a new reader; `Ok(false)` (and nothing written) when its address already has a
    /// record.
    pub fn insert_reader(&self, r: &Reader) -> Result<bool> {
        let rec = serde_json::to_vec(r)?;
        let res = self.subscribers.transaction(|t| {
            if t.get(address_key(&r.email))?.is_some() {
                return Err(ConflictableTransactionError::Abort(()));
            }
            t.insert(address_key(&r.email), r.id.as_bytes())?;
            t.insert(reader_key(&r.id), rec.as_slice())?;
            Ok(())
        });
        match res {
            Ok(()) => Ok(true),
            Err(TransactionError::Abort(())) => Ok(false),
            Err(TransactionError::Storage(e)) => Err(e.into()),
        }
    }

    /// Replaces an existing reader's record (same id, same address).
    pub fn update_reader(&self, r: &Reader) -> Result<()> {
        self.subscribers
            .insert(reader_key(&r.id), serde_json::to_vec(r)?)?;
        Ok(())
    }

    /// Deletes a reader and everything kept for its digests (state, unsubscribe mark); its
    /// suppression entry, if any, stays. True if there was such a reader.
    pub fn delete_reader(&self, r: &Reader) -> Result<bool> {
        let unsub = super::digests::unsub_key(&r.id, &r.email);
        let res: Result<bool, TransactionError<()>> =
            (&self.subscribers, &self.digests, &self.unsubscribed).transaction(
                |(subs, digests, unsubscribed)| {
                    let existed = subs.remove(reader_key(&r.id))?.is_some();
                    // Only the address entry that still names this reader.
                    if subs.get(address_key(&r.email))?.as_deref() == Some(r.id.as_bytes()) {
                        subs.remove(address_key(&r.email))?;
                    }
                    digests.remove(r.id.as_bytes())?;
                    unsubscribed.remove(unsub.as_slice())?;
                    Ok(existed)
                },
            );
        match res {
            Ok(b) => Ok(b),
            Err(TransactionError::Abort(())) => Ok(false),
            Err(TransactionError::Storage(e)) => Err(e.into()),
        }
    }

    /// Records that `email` said stop at `at` (kept after the reader's record is deleted).
    pub fn suppress(&self, email: &str, at: DateTime<Utc>) -> Result<()> {
        let k = self.suppression_key(email)?;
        self.suppressed.insert(k, at.to_rfc3339().as_bytes())?;
        Ok(())
    }

    /// When `email` last said stop, if it did.
    pub fn suppressed_at(&self, email: &str) -> Result<Option<DateTime<Utc>>> {
        let k = self.suppression_key(email)?;
        Ok(self
            .suppressed
            .get(k)?
            .and_then(|v| std::str::from_utf8(&v).ok().map(str::to_string))
            .and_then(|s| DateTime::parse_from_rfc3339(&s).ok())
            .map(|d| d.with_timezone(&Utc)))
    }

    /// How many addresses are suppressed (for the admin's listing; the addresses are not kept).
    pub fn suppressed_count(&self) -> usize {
        self.suppressed.len()
    }

    fn suppression_key(&self, email: &str) -> Result<Vec<u8>> {
        use crate::token::{Purpose, address_key, sign_bytes};
        let key = self.hmac_key()?;
        Ok(sign_bytes(
            &key,
            Purpose::Suppression,
            &[&address_key(email)],
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn reader(id: &str, email: &str) -> Reader {
        Reader {
            id: id.into(),
            email: email.into(),
            status: ReaderStatus::Pending,
            paused: false,
            regions: vec!["nantong".into()],
            zones: vec![],
            topics: vec![],
            frequency: "daily".into(),
            created: Utc::now(),
            confirmed: None,
            unsubscribed: None,
            confirm_hash: None,
            confirm_expires: None,
        }
    }

    /// One record per address whatever the case; deleting leaves only the suppression entry.
    #[test]
    fn one_record_per_address_and_deletion_leaves_only_suppression() -> Result<()> {
        let dir = tempfile::tempdir()?;
        let store = Store::open(dir.path())?;
        let a = reader("r.1", "Reader@Example.com");
        assert!(store.insert_reader(&a)?);
        assert!(!store.insert_reader(&reader("r.2", "reader@example.COM"))?);
        assert_eq!(store.readers()?.len(), 1);
        assert_eq!(
            store
                .reader_by_address(" reader@example.com")?
                .map(|r| r.id),
            Some("r.1".into())
        );
        store.unsubscribe(&a.id, &a.email, Utc::now())?;
        store.set_digest_state(&a.id, &crate::model::DigestState::default())?;
        store.suppress(&a.email, Utc::now())?;
        assert!(store.delete_reader(&a)?);
        assert!(store.reader("r.1")?.is_none());
        assert!(store.reader_by_address(&a.email)?.is_none());
        assert!(store.unsubscribed_at(&a.id, &a.email)?.is_none());
        assert!(store.digests.get(a.id.as_bytes())?.is_none());
        assert!(store.suppressed_at("READER@example.com")?.is_some());
        assert!(store.suppressed_at("other@example.com")?.is_none());
        // The suppression tree holds no address.
        for kv in store.suppressed.iter() {
            let (k, _) = kv?;
            assert!(!String::from_utf8_lossy(&k).contains("example"));
        }
        assert!(store.insert_reader(&reader("r.3", "reader@example.com"))?);
        Ok(())
    }
}
