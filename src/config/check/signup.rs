//! `[signup]`: self-service digests. Off by default; when on, it must have a `[mail]` that
//! can send (a section of its own with a real `from`), since every sign-up is a mail to a
//! stranger, and at least one frequency with a schedule.

use std::time::Duration;

use chrono_tz::Tz;

use super::{Checker, Tab, Table, TopKey};
use crate::config::signup::{Frequency, FrequencyKind, RateLimit, Signup};
use crate::mail::Mail;
use crate::schedule::CronSchedule;

keys! {
    /// `[signup]`: who may sign up, how often they may ask, and what they may choose.
    enum SignupKey in "[signup]" {
        Enabled = "enabled",
        Frequencies = "frequencies",
        Daily = "daily",
        Weekly = "weekly",
        Timezone = "timezone",
        ConfirmWithin = "confirm_within",
        PerIp = "per_ip",
        PerAddress = "per_address",
        Total = "total",
        MaxItems = "max_items",
        TrustProxy = "trust_proxy",
    }
}

impl Checker<'_> {
    pub(super) fn signup(
        &mut self,
        root: &Tab<'_, '_, TopKey>,
        default_tz: Tz,
        mail: &Mail,
    ) -> Signup {
        use SignupKey as K;
        let empty = Table::new();
        let s = self.section::<K>(root, TopKey::Signup, &empty);
        let enabled = self.opt_bool(&s, K::Enabled).unwrap_or(false);
        let timezone = self
            .timezone(&s, K::Timezone, " such as \"Asia/Shanghai\"")
            .unwrap_or(default_tz);
        let offered = match self.get(&s, K::Frequencies) {
            None => FrequencyKind::ALL.to_vec(),
            Some(_) => {
                let mut kinds = Vec::new();
                for f in self.str_list(&s, K::Frequencies) {
                    match FrequencyKind::parse(f.get_ref()) {
                        Some(k) if !kinds.contains(&k) => kinds.push(k),
                        Some(_) => self.report(
                            f.span(),
                            format!("frequencies: {:?} is listed twice", f.get_ref()),
                        ),
                        None => self.report(
                            f.span(),
                            format!(
                                "frequencies: {:?} is not offered by zonefeed (use \"daily\" or \"weekly\")",
                                f.get_ref()
                            ),
                        ),
                    }
                }
                if kinds.is_empty() {
                    let span = self.get(&s, K::Frequencies).map_or(0..0, |v| v.span());
                    self.report(
                        span,
                        "frequencies must offer at least one of \"daily\", \"weekly\"",
                    );
                }
                kinds
            }
        };
        let mut frequencies = Vec::new();
        for kind in [FrequencyKind::Daily, FrequencyKind::Weekly] {
            let key = match kind {
                FrequencyKind::Daily => K::Daily,
                FrequencyKind::Weekly => K::Weekly,
            };
            let v = self.opt_str(&s, key);
            let schedule = match v {
                Some(v) => self.cron(key, Some(&v)),
                None => CronSchedule::parse(kind.default_schedule()).ok(),
            };
            if let Some(schedule) = schedule
                && offered.contains(&kind)
            {
                frequencies.push(Frequency { kind, schedule });
            }
        }
        // The form lists them in the order the admin wrote them.
        frequencies.sort_by_key(|f| offered.iter().position(|k| *k == f.kind));
        let confirm_within = self
            .duration(&s, K::ConfirmWithin)
            .unwrap_or(Duration::from_secs(72 * 3600));
        let mut limit = |key: K, default: RateLimit| {
            let v = self.opt_str(&s, key);
            self.parsed(key, v.as_ref(), RateLimit::parse)
                .unwrap_or(default)
        };
        let per_ip = limit(
            K::PerIp,
            RateLimit {
                burst: 5,
                window: Duration::from_secs(3600),
            },
        );
        let per_address = limit(
            K::PerAddress,
            RateLimit {
                burst: 3,
                window: Duration::from_secs(24 * 3600),
            },
        );
        let total = limit(
            K::Total,
            RateLimit {
                burst: 200,
                window: Duration::from_secs(3600),
            },
        );
        let max_items = self.int_in(&s, K::MaxItems, 1..=1000).unwrap_or(50);
        let trust_proxy = self.opt_bool(&s, K::TrustProxy).unwrap_or(false);
        if enabled {
            self.signup_needs_mail(root, &s, mail);
        }
        Signup {
            enabled,
            frequencies,
            timezone,
            confirm_within,
            per_ip,
            per_address,
            total,
            max_items,
            trust_proxy,
        }
    }

    /// `enabled = true` mails strangers: refuse it unless `[mail]` is written out with a
    /// sender readers can see and answer. (The defaults, an outbox and
    /// `zonefeed@localhost`, suit a test install, not a public form.)
    fn signup_needs_mail(
        &mut self,
        root: &Tab<'_, '_, TopKey>,
        s: &Tab<'_, '_, SignupKey>,
        mail: &Mail,
    ) {
        let at = self
            .get(s, SignupKey::Enabled)
            .map_or(s.span.clone(), |v| v.span());
        let section = self.get(root, TopKey::Mail);
        let Some(section) = section else {
            self.report(
                at,
                "[signup] enabled = true needs a [mail] section that can send (transport, from …): every sign-up is answered by mail",
            );
            return;
        };
        let has_from = matches!(
            section.get_ref(),
            toml::de::DeValue::Table(t) if t.get("from").is_some()
        );
        if !has_from {
            self.report(
                section.span(),
                "[signup] enabled = true needs [mail] from: the address confirmation mails come from",
            );
        } else if crate::mail::domain_of(&mail.from_addr).eq_ignore_ascii_case("localhost") {
            self.report(
                section.span(),
                format!(
                    "[signup] enabled = true needs a [mail] from address readers can reach, not {:?}",
                    mail.from_addr
                ),
            );
        }
    }
}
