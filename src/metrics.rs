//! Counters for `/metrics`, in the Prometheus text format (version 0.0.4). Plain atomics:
//! the daemon increments them where the work happens, the HTTP handler reads them.

use std::fmt::Write as _;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::Duration;

#[derive(Debug, Default)]
pub struct Metrics {
    pub polls_ok: AtomicU64,
    pub polls_not_modified: AtomicU64,
    pub polls_failed: AtomicU64,
    pub polls_skipped: AtomicU64,
    pub items_new: AtomicU64,
    pub items_updated: AtomicU64,
    pub feeds_written: AtomicU64,
    pub digests_sent: AtomicU64,
    pub digests_failed: AtomicU64,
    pub hub_pings_ok: AtomicU64,
    pub hub_pings_failed: AtomicU64,
    pub reloads_ok: AtomicU64,
    pub reloads_failed: AtomicU64,
    poll_micros: AtomicU64,
    poll_count: AtomicU64,
    publish_micros: AtomicU64,
    publish_count: AtomicU64,
    /// Per alert: messages accepted, attempts failed.
    alerts: std::sync::Mutex<std::collections::BTreeMap<String, [u64; 2]>>,
    /// Per publish target: objects put, objects deleted, requests failed, bytes put.
    targets: std::sync::Mutex<std::collections::BTreeMap<String, [u64; 4]>>,
}

/// Point-in-time values computed when scraped.
#[derive(Debug, Default, Clone)]
pub(crate) struct Gauges {
    pub sources: usize,
    pub sources_backing_off: usize,
    pub sources_failing: usize,
    pub items_stored: usize,
    pub ready: bool,
    /// Per alert: stories planned but not yet delivered, and items not yet looked at.
    pub alert_backlog: Vec<(String, usize, u64)>,
    /// Per publish target: files pending, and rounds failed in a row.
    pub target_pending: Vec<(String, usize, u32)>,
}

fn add(c: &AtomicU64, n: u64) {
    c.fetch_add(n, Ordering::Relaxed);
}

impl Metrics {
    pub(crate) fn inc(c: &AtomicU64) {
        add(c, 1);
    }

    pub fn add(c: &AtomicU64, n: u64) {
        add(c, n);
    }

    pub(crate) fn alert_sent(&self, id: &str) {
        if let Ok(mut m) = self.alerts.lock() {
            m.entry(id.to_string()).or_default()[0] += 1;
        }
    }

    pub(crate) fn alert_failed(&self, id: &str) {
        if let Ok(mut m) = self.alerts.lock() {
            m.entry(id.to_string()).or_default()[1] += 1;
        }
    }

    /// Adds one round of a publish target: put, deleted, failed, bytes put.
    pub(crate) fn target_counted(&self, id: &str, counts: [u64; 4]) {
        if let Ok(mut m) = self.targets.lock() {
            let row = m.entry(id.to_string()).or_default();
            for (sum, n) in row.iter_mut().zip(counts) {
                *sum += n;
            }
        }
    }

    pub(crate) fn observe_poll(&self, d: Duration) {
        add(&self.poll_micros, d.as_micros() as u64);
        add(&self.poll_count, 1);
    }

    pub(crate) fn observe_publish(&self, d: Duration) {
        add(&self.publish_micros, d.as_micros() as u64);
        add(&self.publish_count, 1);
    }

    pub(crate) fn render(&self, g: &Gauges) -> String {
        let v = |c: &AtomicU64| c.load(Ordering::Relaxed);
        let mut o = String::with_capacity(2048);
        let mut counter = |name: &str, help: &str, rows: &[(&str, u64)]| {
            let _ = writeln!(o, "# HELP {name} {help}\n# TYPE {name} counter");
            for (labels, value) in rows {
                if labels.is_empty() {
                    let _ = writeln!(o, "{name} {value}");
                } else {
                    let _ = writeln!(o, "{name}{{{labels}}} {value}");
                }
            }
        };
        counter(
            "zonefeed_polls_total",
            "Source polls by outcome.",
            &[
                ("outcome=\"ok\"", v(&self.polls_ok)),
                ("outcome=\"not_modified\"", v(&self.polls_not_modified)),
                ("outcome=\"failed\"", v(&self.polls_failed)),
                ("outcome=\"skipped\"", v(&self.polls_skipped)),
            ],
        );
        counter(
            "zonefeed_items_total",
            "Items stored, by change.",
            &[
                ("change=\"new\"", v(&self.items_new)),
                ("change=\"updated\"", v(&self.items_updated)),
            ],
        );
        counter(
            "zonefeed_feeds_written_total",
            "Feed files rewritten.",
            &[("", v(&self.feeds_written))],
        );
        counter(
            "zonefeed_digests_total",
            "Digest deliveries by outcome.",
            &[
                ("outcome=\"sent\"", v(&self.digests_sent)),
                ("outcome=\"failed\"", v(&self.digests_failed)),
            ],
        );
        counter(
            "zonefeed_hub_pings_total",
            "WebSub publish notifications by outcome.",
            &[
                ("outcome=\"ok\"", v(&self.hub_pings_ok)),
                ("outcome=\"failed\"", v(&self.hub_pings_failed)),
            ],
        );
        counter(
            "zonefeed_config_reloads_total",
            "Config reloads by outcome.",
            &[
                ("outcome=\"applied\"", v(&self.reloads_ok)),
                ("outcome=\"rejected\"", v(&self.reloads_failed)),
            ],
        );
        let alerts: Vec<(String, [u64; 2])> = self
            .alerts
            .lock()
            .map(|m| m.iter().map(|(k, v)| (k.clone(), *v)).collect())
            .unwrap_or_default();
        if !alerts.is_empty() || !g.alert_backlog.is_empty() {
            let rows: Vec<(String, u64)> = alerts
                .iter()
                .flat_map(|(id, [sent, failed])| {
                    let id = crate::escape::prometheus_label(id);
                    [
                        (format!("alert=\"{id}\",outcome=\"sent\""), *sent),
                        (format!("alert=\"{id}\",outcome=\"failed\""), *failed),
                    ]
                })
                .collect();
            let rows: Vec<(&str, u64)> = rows.iter().map(|(l, v)| (l.as_str(), *v)).collect();
            counter(
                "zonefeed_alert_messages_total",
                "Alert messages by alert and outcome (failed attempts are retried).",
                &rows,
            );
            let _ = writeln!(
                o,
                "# HELP zonefeed_alert_backlog_stories Stories planned for an alert, not yet delivered.\n# TYPE zonefeed_alert_backlog_stories gauge"
            );
            for (id, stories, _) in &g.alert_backlog {
                let id = crate::escape::prometheus_label(id);
                let _ = writeln!(
                    o,
                    "zonefeed_alert_backlog_stories{{alert=\"{id}\"}} {stories}"
                );
            }
            let _ = writeln!(
                o,
                "# HELP zonefeed_alert_backlog_items Items stored that an alert has not looked at yet.\n# TYPE zonefeed_alert_backlog_items gauge"
            );
            for (id, _, items) in &g.alert_backlog {
                let id = crate::escape::prometheus_label(id);
                let _ = writeln!(o, "zonefeed_alert_backlog_items{{alert=\"{id}\"}} {items}");
            }
        }
        self.render_targets(&mut o, g);
        let mut summary = |name: &str, help: &str, micros: u64, count: u64| {
            let _ = writeln!(
                o,
                "# HELP {name} {help}\n# TYPE {name} summary\n{name}_sum {:.6}\n{name}_count {count}",
                micros as f64 / 1e6
            );
        };
        summary(
            "zonefeed_poll_duration_seconds",
            "Time spent per source poll.",
            v(&self.poll_micros),
            v(&self.poll_count),
        );
        summary(
            "zonefeed_publish_duration_seconds",
            "Time spent per publish run.",
            v(&self.publish_micros),
            v(&self.publish_count),
        );
        for (name, help, value) in [
            ("zonefeed_sources", "Configured sources.", g.sources),
            (
                "zonefeed_sources_backing_off",
                "Sources waiting out a backoff or Retry-After.",
                g.sources_backing_off,
            ),
            (
                "zonefeed_sources_failing",
                "Sources whose last poll failed.",
                g.sources_failing,
            ),
            (
                "zonefeed_items_stored",
                "Items in the store.",
                g.items_stored,
            ),
            (
                "zonefeed_ready",
                "1 when the store is open and the scheduler runs.",
                usize::from(g.ready),
            ),
        ] {
            let _ = writeln!(
                o,
                "# HELP {name} {help}\n# TYPE {name} gauge\n{name} {value}"
            );
        }
        o
    }

    /// The publish targets' counters and gauges, when any target is configured.
    fn render_targets(&self, o: &mut String, g: &Gauges) {
        let targets: Vec<(String, [u64; 4])> = self
            .targets
            .lock()
            .map(|m| m.iter().map(|(k, v)| (k.clone(), *v)).collect())
            .unwrap_or_default();
        if targets.is_empty() && g.target_pending.is_empty() {
            return;
        }
        let _ = writeln!(
            o,
            "# HELP zonefeed_target_objects_total Objects sent to a publish target, by outcome (failed requests are retried).\n# TYPE zonefeed_target_objects_total counter"
        );
        for (id, [put, deleted, failed, _]) in &targets {
            let id = crate::escape::prometheus_label(id);
            for (outcome, n) in [("uploaded", put), ("deleted", deleted), ("failed", failed)] {
                let _ = writeln!(
                    o,
                    "zonefeed_target_objects_total{{target=\"{id}\",outcome=\"{outcome}\"}} {n}"
                );
            }
        }
        let _ = writeln!(
            o,
            "# HELP zonefeed_target_uploaded_bytes_total Bytes put to a publish target.\n# TYPE zonefeed_target_uploaded_bytes_total counter"
        );
        for (id, [.., bytes]) in &targets {
            let id = crate::escape::prometheus_label(id);
            let _ = writeln!(
                o,
                "zonefeed_target_uploaded_bytes_total{{target=\"{id}\"}} {bytes}"
            );
        }
        let _ = writeln!(
            o,
            "# HELP zonefeed_target_pending_files Files a publish target does not have yet (retried until it does).\n# TYPE zonefeed_target_pending_files gauge"
        );
        for (id, pending, _) in &g.target_pending {
            let id = crate::escape::prometheus_label(id);
            let _ = writeln!(
                o,
                "zonefeed_target_pending_files{{target=\"{id}\"}} {pending}"
            );
        }
        let _ = writeln!(
            o,
            "# HELP zonefeed_target_failing_rounds Rounds in a row a publish target has failed (0: healthy).\n# TYPE zonefeed_target_failing_rounds gauge"
        );
        for (id, _, failures) in &g.target_pending {
            let id = crate::escape::prometheus_label(id);
            let _ = writeln!(
                o,
                "zonefeed_target_failing_rounds{{target=\"{id}\"}} {failures}"
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_prometheus_text() {
        let m = Metrics::default();
        Metrics::inc(&m.polls_ok);
        Metrics::add(&m.items_new, 3);
        m.observe_poll(Duration::from_millis(250));
        let text = m.render(&Gauges {
            sources: 7,
            ..Default::default()
        });
        assert!(text.contains("zonefeed_polls_total{outcome=\"ok\"} 1\n"));
        assert!(text.contains("zonefeed_items_total{change=\"new\"} 3\n"));
        assert!(text.contains("zonefeed_poll_duration_seconds_sum 0.250000\n"));
        assert!(text.contains("zonefeed_sources 7\n"));
        for line in text.lines().filter(|l| !l.starts_with('#')) {
            let parts: Vec<&str> = line.rsplitn(2, ' ').collect();
            assert!(parts[0].parse::<f64>().is_ok(), "bad sample line {line:?}");
        }
    }
}
