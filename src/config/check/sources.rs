//! `[[sources]]` and their `[sources.list]` / `[sources.article]` rules. A source is a feed
//! unless `kind = "html"`; the rule tables are accepted only on html sources, and an html
//! source needs a list table with an `item` selector. Selectors and regular expressions are
//! compiled here, so a wrong one is reported at load, not at the first poll.

use std::collections::{HashMap, HashSet};
use std::ops::Range;
use std::path::Path;
use std::time::Duration;

use super::{Checker, Key, Tab, Table, TopKey};
use crate::config::{Source, SourceKind, SourceUrl};
use crate::scrape::{
    ArticleRules, DEFAULT_ARTICLE_DATE, DEFAULT_ARTICLE_SOURCE, DEFAULT_ARTICLE_ZONE, Field,
    HtmlRules, Sel,
};

keys! {
    /// `[[sources]]`: one site to poll.
    enum SourceKey in "[[sources]]" {
        Id = "id",
        Name = "name",
        Kind = "kind",
        Url = "url",
        Region = "region",
        Zone = "zone",
        Interval = "interval",
        Schedule = "schedule",
        Charset = "charset",
        List = "list",
        Article = "article",
        Priority = "priority",
    }
}

keys! {
    /// `[sources.list]`: reading items off a list page.
    enum ListKey in "[sources.list]" {
        Item = "item",
        Title = "title",
        TitleRegex = "title_regex",
        Link = "link",
        LinkAttr = "link_attr",
        Date = "date",
        DateRegex = "date_regex",
        Summary = "summary",
    }
}

keys! {
    /// `[sources.article]`: reading more from each new item's own page.
    enum ArticleKey in "[sources.article]" {
        Content = "content",
        Date = "date",
        DateRegex = "date_regex",
        Source = "source",
        SourceRegex = "source_regex",
        Zone = "zone",
        ZoneRegex = "zone_regex",
        MaxPerPoll = "max_per_poll",
    }
}

impl Checker<'_> {
    /// `default_interval` is `[poll] interval`.
    pub(super) fn sources(
        &mut self,
        root: &Tab<'_, '_, TopKey>,
        dir: &Path,
        default_interval: Duration,
        region_ids: &HashSet<&str>,
        zone_ids: &HashSet<&str>,
    ) -> Vec<Source> {
        use SourceKey as K;
        let mut sources = Vec::new();
        let mut source_spans = HashMap::new();
        for (t, span) in self.tables(root, TopKey::Sources) {
            let so = self.open::<K>(t, span);
            let kind = self.source_kind(&so);
            let id = self.req_str(&so, K::Id);
            let name = self.opt_str(&so, K::Name);
            let url = self.req_str(&so, K::Url);
            let region = self.req_str(&so, K::Region);
            let zone = self.opt_str(&so, K::Zone);
            let interval_raw = self.opt_str(&so, K::Interval);
            let interval = self
                .duration_of(K::Interval, interval_raw.as_ref())
                .unwrap_or(default_interval);
            let schedule_raw = self.opt_str(&so, K::Schedule);
            let schedule = self.cron(K::Schedule, schedule_raw.as_ref());
            if schedule.is_some()
                && let Some(i) = &interval_raw
            {
                self.report(i.span(), "set either interval or schedule, not both");
            }
            let charset = match self.opt_str(&so, K::Charset) {
                None => None,
                Some(c) => match encoding_rs::Encoding::for_label(c.get_ref().trim().as_bytes()) {
                    Some(e) => Some(e),
                    None => {
                        self.report(
                            c.span(),
                            format!(
                                "charset {:?} is not a known encoding label (e.g. \"gbk\", \"gb18030\", \"big5\", \"utf-8\")",
                                c.get_ref()
                            ),
                        );
                        None
                    }
                },
            };
            let parsed_url = self.parsed(K::Url, url.as_ref(), |u| SourceUrl::parse(u, dir));
            // Which copy of a story stands for it; a small range keeps configs readable.
            let priority = self.int_in(&so, K::Priority, -1000..=1000).unwrap_or(0);
            if let Some(r) = &region {
                self.check_ref(r, "region", region_ids);
            }
            if let Some(z) = &zone {
                self.check_ref(z, "zone", zone_ids);
            }
            let Some(id) = id else { continue };
            if !self.check_id(&id, "source", &mut source_spans) {
                continue;
            }
            let (Some(url), Some(region)) = (parsed_url, region) else {
                continue;
            };
            sources.push(Source {
                id: id.into_inner(),
                name: name.map(|n| n.into_inner()),
                url,
                region: region.into_inner(),
                zone: zone.map(|z| z.into_inner()),
                interval,
                schedule,
                charset,
                kind,
                priority,
            });
        }
        sources
    }

    /// `kind` plus the `[sources.list]` / `[sources.article]` rule tables.
    fn source_kind(&mut self, so: &Tab<'_, '_, SourceKey>) -> SourceKind {
        let is_html = self
            .choice(so, SourceKey::Kind, &[("feed", false), ("html", true)])
            .unwrap_or(false);
        let list = self.opt_table(so, SourceKey::List);
        let article = self.opt_table(so, SourceKey::Article);
        if !is_html {
            for (key, t) in [(SourceKey::List, &list), (SourceKey::Article, &article)] {
                if let Some((_, span)) = t {
                    self.report(
                        span.clone(),
                        format!(
                            "[sources.{}] rules need kind = \"html\" on the source",
                            key.name()
                        ),
                    );
                }
            }
            return SourceKind::Feed;
        }
        let Some((lt, lspan)) = list else {
            self.report(
                so.span.clone(),
                "an html source needs a [sources.list] table with at least `item = \"CSS selector\"`",
            );
            return SourceKind::Feed;
        };
        let l = self.open::<ListKey>(lt, lspan);
        self.require(&l, ListKey::Item);
        let item = self.selector(&l, ListKey::Item);
        let title = self.field(&l, ListKey::Title, ListKey::TitleRegex, None);
        let link = self.selector(&l, ListKey::Link);
        let link_attr = self
            .opt_str(&l, ListKey::LinkAttr)
            .map(|s| s.into_inner())
            .unwrap_or_else(|| "href".into());
        let date = self.field(&l, ListKey::Date, ListKey::DateRegex, None);
        let summary = self.selector(&l, ListKey::Summary);
        let article = article.map(|(at, aspan)| self.article(at, aspan));
        match item {
            Some(item) => SourceKind::Html(Box::new(HtmlRules {
                item,
                title,
                link,
                link_attr,
                date,
                summary,
                article,
            })),
            None => SourceKind::Feed,
        }
    }

    /// `[sources.article]`; its date, source and zone fields fall back to the patterns for
    /// the lines Chinese portals print above the text.
    fn article(&mut self, table: &Table<'_>, span: Range<usize>) -> ArticleRules {
        use ArticleKey as K;
        let a = self.open::<K>(table, span);
        let max_per_poll = self.int_in(&a, K::MaxPerPoll, 0..=1000).unwrap_or(20);
        ArticleRules {
            content: self.selector(&a, K::Content),
            date: self.field(&a, K::Date, K::DateRegex, Some(DEFAULT_ARTICLE_DATE)),
            source: self.field(&a, K::Source, K::SourceRegex, Some(DEFAULT_ARTICLE_SOURCE)),
            zone: self.field(&a, K::Zone, K::ZoneRegex, Some(DEFAULT_ARTICLE_ZONE)),
            max_per_poll,
        }
    }

    fn selector<K: Key>(&mut self, tab: &Tab<'_, '_, K>, key: K) -> Option<Sel> {
        let v = self.opt_str(tab, key)?;
        match Sel::parse(v.get_ref()) {
            Ok(sel) => Some(sel),
            Err(e) => {
                self.report(
                    v.span(),
                    format!(
                        "{}: invalid CSS selector {:?}: {e}",
                        key.name(),
                        v.get_ref()
                    ),
                );
                None
            }
        }
    }

    /// The pattern at `key`, else `default` (reported at the table when that is wrong).
    fn regex<K: Key>(
        &mut self,
        tab: &Tab<'_, '_, K>,
        key: K,
        default: Option<&str>,
    ) -> Option<regex::Regex> {
        let (text, span) = match self.opt_str(tab, key) {
            Some(v) => (v.get_ref().clone(), Some(v.span())),
            None => (default?.to_string(), None),
        };
        match regex::Regex::new(&text) {
            Ok(r) => Some(r),
            Err(e) => {
                let msg = e
                    .to_string()
                    .lines()
                    .last()
                    .unwrap_or_default()
                    .trim()
                    .to_string();
                self.report(
                    span.unwrap_or(tab.span.clone()),
                    format!("{}: invalid regular expression {text:?}: {msg}", key.name()),
                );
                None
            }
        }
    }

    /// A selector and its `_regex` companion.
    fn field<K: Key>(
        &mut self,
        tab: &Tab<'_, '_, K>,
        key: K,
        regex_key: K,
        default_regex: Option<&str>,
    ) -> Field {
        let selector = self.selector(tab, key);
        // A default pattern applies only when the admin gave neither selector nor pattern.
        let default = if selector.is_none() {
            default_regex
        } else {
            None
        };
        Field {
            selector,
            regex: self.regex(tab, regex_key, default),
        }
    }
}
