//! Alerts' delivery state and marks: `alerts` holds each alert's [`AlertState`] (JSON),
//! `alert_marks` one key per story an alert has delivered (`alert id` 0x00 `story id`,
//! value the time as RFC 3339), so a repost never alerts again.

use anyhow::{Context, Result};
use chrono::{DateTime, Utc};

use super::Store;
use crate::model::AlertState;

fn mark_key(alert: &str, story: &str) -> Vec<u8> {
    let mut k = alert.as_bytes().to_vec();
    k.push(0);
    k.extend_from_slice(story.as_bytes());
    k
}

impl Store {
    pub fn alert_state(&self, id: &str) -> Result<AlertState> {
        match self.alerts.get(id.as_bytes())? {
            Some(v) => {
                serde_json::from_slice(&v).with_context(|| format!("corrupt alert state for {id}"))
            }
            None => Ok(AlertState::default()),
        }
    }

    pub(crate) fn set_alert_state(&self, id: &str, state: &AlertState) -> Result<()> {
        self.alerts
            .insert(id.as_bytes(), serde_json::to_vec(state)?)?;
        Ok(())
    }

    /// Has `alert` delivered `story` (a story id, hex)?
    pub(crate) fn alert_marked(&self, alert: &str, story: &str) -> Result<bool> {
        Ok(self.alert_marks.contains_key(mark_key(alert, story))?)
    }

    /// Records that `alert` delivered these stories and replaces its state, in one
    /// transaction: a message is never marked without its state saying it was sent.
    pub(crate) fn alert_delivered(
        &self,
        alert: &str,
        stories: &[String],
        state: &AlertState,
        at: DateTime<Utc>,
    ) -> Result<()> {
        use sled::Transactional;
        let state = serde_json::to_vec(state)?;
        let at = at.to_rfc3339();
        (&self.alerts, &self.alert_marks)
            .transaction(|(a, m)| {
                for s in stories {
                    m.insert(mark_key(alert, s), at.as_bytes())?;
                }
                a.insert(alert.as_bytes(), state.as_slice())?;
                Ok::<(), sled::transaction::ConflictableTransactionError<()>>(())
            })
            .map_err(|e| anyhow::anyhow!("recording the alert {alert}: {e:?}"))?;
        Ok(())
    }

    /// Items first seen after sequence number `after`, counted up to `cap` (sequence
    /// numbers are not dense: their difference is no count).
    pub(crate) fn count_seen_after(&self, after: u64, cap: usize) -> usize {
        self.seen
            .range(after.saturating_add(1).to_be_bytes()..)
            .take(cap)
            .count()
    }

    /// The highest first-seen sequence number stored (0 when empty).
    pub(crate) fn last_seq(&self) -> Result<u64> {
        Ok(self
            .seen
            .last()?
            .and_then(|(k, _)| <[u8; 8]>::try_from(k.as_ref()).ok())
            .map(u64::from_be_bytes)
            .unwrap_or(0))
    }
}
