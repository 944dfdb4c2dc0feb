//! `[[subscriptions]]`: one recipient's digest. A subscription needs an address and a
//! schedule; its regions, zones and topics must exist; its time zone defaults to the service's.

use std::collections::HashSet;
use std::time::Duration;

use chrono_tz::Tz;

use super::{Checker, Tab, TopKey};
use crate::config::Subscription;
use crate::mail::parse_address;

keys! {
    /// `[[subscriptions]]`: who gets which news, and when.
    enum SubscriptionKey in "[[subscriptions]]" {
        Id = "id",
        Email = "email",
        Name = "name",
        Regions = "regions",
        Zones = "zones",
        Keywords = "keywords",
        Exclude = "exclude",
        Topics = "topics",
        Schedule = "schedule",
        Timezone = "timezone",
        MaxItems = "max_items",
        SendEmpty = "send_empty",
        Backfill = "backfill",
    }
}

impl Checker<'_> {
    pub(super) fn subscriptions(
        &mut self,
        root: &Tab<'_, '_, TopKey>,
        default_tz: Tz,
        region_ids: &HashSet<&str>,
        zone_ids: &HashSet<&str>,
        topic_ids: &HashSet<&str>,
        out: &mut super::Collected<Subscription>,
    ) {
        use SubscriptionKey as K;
        for (t, span) in self.tables(root, TopKey::Subscriptions) {
            let s = self.open::<K>(t, span);
            let id = self.req_str(&s, K::Id);
            let email = self.req_str(&s, K::Email);
            let name = self.opt_str(&s, K::Name).map(|n| n.into_inner());
            let regions = self.str_list(&s, K::Regions);
            let zones = self.str_list(&s, K::Zones);
            for r in &regions {
                self.check_ref(r, "region", region_ids);
            }
            for z in &zones {
                self.check_ref(z, "zone", zone_ids);
            }
            let topics = self.str_list(&s, K::Topics);
            for t in &topics {
                self.check_ref(t, "topic", topic_ids);
            }
            let keywords = self.str_list(&s, K::Keywords);
            let exclude = self.str_list(&s, K::Exclude);
            let schedule = self.req_str(&s, K::Schedule);
            let schedule = self.cron(K::Schedule, schedule.as_ref());
            let timezone = self.timezone(&s, K::Timezone, "").unwrap_or(default_tz);
            let max_items = self.int_in(&s, K::MaxItems, 1..=1000).unwrap_or(50);
            let send_empty = self.opt_bool(&s, K::SendEmpty).unwrap_or(false);
            let backfill = self
                .duration(&s, K::Backfill)
                .unwrap_or(Duration::from_secs(24 * 3600));
            let email = self.parsed(K::Email, email.as_ref(), parse_address);
            let Some(id) = id else { continue };
            if !self.check_id(&id, "subscription", &mut out.ids) {
                continue;
            }
            let (Some(email), Some(schedule)) = (email, schedule) else {
                continue;
            };
            out.items.push(Subscription {
                id: id.into_inner(),
                email,
                name,
                regions: regions.into_iter().map(|r| r.into_inner()).collect(),
                zones: zones.into_iter().map(|z| z.into_inner()).collect(),
                keywords: keywords.into_iter().map(|k| k.into_inner()).collect(),
                exclude: exclude.into_iter().map(|k| k.into_inner()).collect(),
                topics: topics.into_iter().map(|t| t.into_inner()).collect(),
                schedule,
                timezone,
                max_items,
                send_empty,
                backfill,
            });
        }
    }
}
