//! `[[sources]]` and their rule tables: `[sources.list]`, `[sources.json]`,
//! `[sources.article]` and `[sources.request]`. A source is a feed unless `kind = "html"` or
//! `kind = "json"`; rule tables are accepted only on the kinds that use them, an html source
//! needs a list table with an `item` selector, and a json source a json table with `items`
//! and `title`, or `html` and a list table. Selectors, patterns and JSON paths are compiled
//! here, so a wrong one is reported at load, not at the first poll.

use std::collections::HashSet;
use std::ops::Range;
use std::path::Path;

use toml::Spanned;

use super::{Checker, Key, Tab, Table, TopKey};
use toml::de::DeValue;

use super::kind;
use crate::config::{PostBody, Request, Source, SourceKind, SourceUrl};
use crate::scrape::{
    ArticleRules, DEFAULT_ARTICLE_DATE, DEFAULT_ARTICLE_SOURCE, DEFAULT_ARTICLE_ZONE, Field,
    HtmlRules, JsonArticle, JsonFields, JsonLink, JsonPath, JsonRules, Sel,
};

keys! {
    /// `[[sources]]`: one site to poll.
    enum SourceKey in "[[sources]]" {
        Id = "id",
        Name = "name",
        Kind = "kind",
        Url = "url",
        SiteUrl = "site_url",
        Region = "region",
        Zone = "zone",
        Interval = "interval",
        Schedule = "schedule",
        Charset = "charset",
        List = "list",
        Json = "json",
        Article = "article",
        Request = "request",
        Priority = "priority",
        Pages = "pages",
    }
}

keys! {
    /// `[sources.json]`: reading items off a JSON list API.
    enum JsonKey in "[sources.json]" {
        Items = "items",
        Html = "html",
        Title = "title",
        Link = "link",
        Date = "date",
        Summary = "summary",
        Author = "author",
        Article = "article",
    }
}

keys! {
    /// `[sources.json.article]`: each item's article from its own JSON API.
    enum JsonArticleKey in "[sources.json.article]" {
        Url = "url",
        Title = "title",
        Content = "content",
        Date = "date",
        Source = "source",
        Zone = "zone",
        MaxPerPoll = "max_per_poll",
    }
}

keys! {
    /// `[sources.request]`: how the list is asked for.
    enum RequestKey in "[sources.request]" {
        Method = "method",
        Form = "form",
        Json = "json",
        Headers = "headers",
        Warmup = "warmup",
    }
}

keys! {
    /// `[sources.list]`: reading items off a list page.
    enum ListKey in "[sources.list]" {
        Embedded = "embedded",
        Item = "item",
        Title = "title",
        TitleAttr = "title_attr",
        TitleRegex = "title_regex",
        Link = "link",
        LinkAttr = "link_attr",
        LinkRegex = "link_regex",
        LinkTemplate = "link_template",
        Date = "date",
        DateAttr = "date_attr",
        DateRegex = "date_regex",
        Summary = "summary",
    }
}

keys! {
    /// `[sources.article]`: reading more from each new item's own page.
    enum ArticleKey in "[sources.article]" {
        Content = "content",
        Title = "title",
        TitleAttr = "title_attr",
        TitleRegex = "title_regex",
        Date = "date",
        DateAttr = "date_attr",
        DateRegex = "date_regex",
        Source = "source",
        SourceAttr = "source_attr",
        SourceRegex = "source_regex",
        Zone = "zone",
        ZoneAttr = "zone_attr",
        ZoneRegex = "zone_regex",
        MaxPerPoll = "max_per_poll",
    }
}

impl Checker<'_> {
    /// Sources take `[poll] interval` unless they set their own.
    pub(super) fn sources(
        &mut self,
        root: &Tab<'_, '_, TopKey>,
        dir: &Path,
        poll: &crate::config::Poll,
        region_ids: &HashSet<&str>,
        zone_ids: &HashSet<&str>,
        out: &mut super::Collected<Source>,
    ) {
        use SourceKey as K;
        let (default_interval, allow_private_networks) =
            (poll.interval, poll.allow_private_networks);
        for (t, span) in self.tables(root, TopKey::Sources) {
            let so = self.open::<K>(t, span);
            let (kind, article) = self.source_kind(&so);
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
            if let (Some(SourceUrl::Http(u)), Some(v)) = (&parsed_url, &url)
                && !allow_private_networks
            {
                self.refuse_private(v.span(), "url", u);
            }
            let request = self.request(&so, parsed_url.as_ref(), allow_private_networks);
            let site_url = self.site_url(&so, parsed_url.as_ref());
            // Which copy of a story stands for it; a small range keeps configs readable.
            let priority = self.int_in(&so, K::Priority, -1000..=1000).unwrap_or(0);
            // Pages past the first: an HTML list's next-page link, or a JSON API's paging
            // parameter in its address (`pageNo=1`, `offset=0`).
            let pages = self.int_in(&so, K::Pages, 1..=20).unwrap_or(1);
            let paged_api = matches!(kind, SourceKind::Json(_))
                && matches!(&parsed_url, Some(SourceUrl::Http(u)) if crate::scrape::json_paging::paging(u).is_some());
            if pages > 1
                && !matches!(kind, SourceKind::Html(_))
                && !paged_api
                && let Some(v) = self.get(&so, K::Pages)
            {
                let span = v.span();
                let why = if matches!(kind, SourceKind::Json(_)) {
                    "pages on kind = \"json\" needs a paging parameter with a number in the url (pageNo=1, page=1, pageIndex=1, offset=0 …)"
                } else {
                    "pages is for kind = \"html\" (a list page whose next page it links) and kind = \"json\" (an API paged by a parameter)"
                };
                self.report(span, why);
            }
            if let Some(r) = &region {
                self.check_ref(r, "region", region_ids);
            }
            if let Some(z) = &zone {
                self.check_ref(z, "zone", zone_ids);
            }
            let Some(id) = id else { continue };
            if !self.check_id(&id, "source", &mut out.ids) {
                continue;
            }
            let (Some(url), Some(region)) = (parsed_url, region) else {
                continue;
            };
            out.items.push(Source {
                id: id.into_inner(),
                name: name.map(|n| n.into_inner()),
                url,
                site_url,
                region: region.into_inner(),
                zone: zone.map(|z| z.into_inner()),
                interval,
                schedule: schedule.map(Box::new),
                charset,
                kind,
                article: article.map(Box::new),
                request: (request != Request::default()).then(|| Box::new(request)),
                priority,
                pages,
            });
        }
    }

    /// `kind` plus its rule tables: `[sources.list]` (html, or json with `html`),
    /// `[sources.json]` (json) and `[sources.article]` (any kind: a feed's entries may carry
    /// no body).
    fn source_kind(&mut self, so: &Tab<'_, '_, SourceKey>) -> (SourceKind, Option<ArticleRules>) {
        #[derive(Clone, Copy, PartialEq)]
        enum Kind {
            Feed,
            Html,
            Json,
        }
        let kind = self
            .choice(
                so,
                SourceKey::Kind,
                &[
                    ("feed", Kind::Feed),
                    ("html", Kind::Html),
                    ("json", Kind::Json),
                ],
            )
            .unwrap_or(Kind::Feed);
        let list = self.opt_table(so, SourceKey::List);
        let json = self.opt_table(so, SourceKey::Json);
        let article = self.opt_table(so, SourceKey::Article);
        if kind == Kind::Feed {
            for (t, why) in [
                (
                    &list,
                    "[sources.list] rules need kind = \"html\" on the source (or kind = \"json\" with html = …)",
                ),
                (
                    &json,
                    "[sources.json] rules need kind = \"json\" on the source",
                ),
            ] {
                if let Some((_, span)) = t {
                    self.report(span.clone(), why);
                }
            }
            // A feed whose entries carry no body: each item's page read by the rules.
            let article = article.map(|(at, aspan)| self.article(at, aspan));
            return (SourceKind::Feed, article);
        }
        let article_span = article.as_ref().map(|(_, span)| span.clone());
        let article = article.map(|(at, aspan)| self.article(at, aspan));
        let kind = if kind == Kind::Html {
            if let Some((_, span)) = &json {
                self.report(
                    span.clone(),
                    "[sources.json] rules need kind = \"json\" on the source",
                );
            }
            let Some((lt, lspan)) = list else {
                self.report(
                    so.span.clone(),
                    "an html source needs a [sources.list] table with at least `item = \"CSS selector\"`",
                );
                return (SourceKind::Feed, None);
            };
            match self.list(lt, lspan) {
                Some(rules) => SourceKind::Html(Box::new(rules)),
                None => SourceKind::Feed,
            }
        } else {
            let Some((jt, jspan)) = json else {
                self.report(
                    so.span.clone(),
                    "a json source needs a [sources.json] table with `items` (the path to the list) and `title`, or `html`",
                );
                return (SourceKind::Feed, None);
            };
            if let (Some(span), true) = (article_span, jt.get(JsonKey::Article.name()).is_some()) {
                self.report(
                    span,
                    "give [sources.article] (each link's page) or [sources.json.article] (each item's own API), not both",
                );
            }
            match self.json_rules(jt, jspan, list) {
                Some(rules) => SourceKind::Json(Box::new(rules)),
                None => SourceKind::Feed,
            }
        };
        (kind, article)
    }

    /// `[sources.list]`.
    fn list(&mut self, table: &Table<'_>, span: Range<usize>) -> Option<HtmlRules> {
        let l = self.open::<ListKey>(table, span);
        let embedded = self.opt_bool(&l, ListKey::Embedded).unwrap_or(false);
        self.require(&l, ListKey::Item);
        let item = self.selector(&l, ListKey::Item);
        let title = self.field(
            &l,
            [ListKey::Title, ListKey::TitleAttr, ListKey::TitleRegex],
            None,
        );
        let link = self.selector(&l, ListKey::Link);
        let link_attr = self
            .opt_str(&l, ListKey::LinkAttr)
            .map(|s| s.into_inner())
            .unwrap_or_else(|| "href".into());
        let link_regex = self.regex(&l, ListKey::LinkRegex, None);
        let link_template = self.opt_str(&l, ListKey::LinkTemplate).and_then(|t| {
            if t.get_ref().matches("{}").count() == 1 {
                Some(t.into_inner())
            } else {
                self.report(
                    t.span(),
                    "link_template needs exactly one {} (where the value read from the link goes), e.g. \"/news/detail?id={}\"",
                );
                None
            }
        });
        let date = self.field(
            &l,
            [ListKey::Date, ListKey::DateAttr, ListKey::DateRegex],
            None,
        );
        let summary = self.selector(&l, ListKey::Summary);
        Some(HtmlRules {
            embedded,
            item: item?,
            title,
            link,
            link_attr,
            link_regex,
            link_template,
            date,
            summary,
        })
    }

    /// `[sources.json]`: item fields by dotted path, or `html` and the `[sources.list]`
    /// rules for it.
    fn json_rules(
        &mut self,
        table: &Table<'_>,
        span: Range<usize>,
        list: Option<(&Table<'_>, Range<usize>)>,
    ) -> Option<JsonRules> {
        use JsonKey as K;
        let j = self.open::<K>(table, span.clone());
        let path = |cx: &mut Self, key: K| {
            let v = cx.opt_str(&j, key);
            cx.parsed(key, v.as_ref(), JsonPath::parse)
        };
        let items = path(self, K::Items);
        let html = path(self, K::Html);
        let has = |key: K| j.table.get(key.name()).is_some();
        if has(K::Html) {
            if has(K::Items) {
                let items_span = self.get(&j, K::Items).map_or(span.clone(), |v| v.span());
                self.report(items_span, "give items or html, not both");
            }
            for key in [
                K::Title,
                K::Link,
                K::Date,
                K::Summary,
                K::Author,
                K::Article,
            ] {
                if let Some(v) = self.get(&j, key) {
                    self.report(
                        v.span(),
                        format!(
                            "{}: with html = …, the [sources.list] rules read each item",
                            key.name()
                        ),
                    );
                }
            }
            let Some((lt, lspan)) = list else {
                self.report(
                    span,
                    "html = … needs a [sources.list] table to read the HTML (at least `item = \"CSS selector\"`)",
                );
                return None;
            };
            let list = self.list(lt, lspan)?;
            return Some(JsonRules::Html { html: html?, list });
        }
        if let Some((_, lspan)) = list {
            self.report(
                lspan,
                "[sources.list] reads the HTML of a json source's html = …; with items = …, name each field by its path in [sources.json]",
            );
        }
        if !has(K::Items) {
            self.report(
                span.clone(),
                "[sources.json] needs items (the path to the array of items) or html",
            );
        }
        self.require(&j, K::Title);
        let title = path(self, K::Title);
        let link_raw = self.opt_str(&j, K::Link);
        let link = self.parsed(K::Link, link_raw.as_ref(), JsonLink::parse);
        let date = path(self, K::Date);
        let summary = path(self, K::Summary);
        let author = path(self, K::Author);
        let article = self
            .opt_table(&j, K::Article)
            .and_then(|(t, span)| self.json_article(t, span))
            .map(Box::new);
        Some(JsonRules::Items(JsonFields {
            items: items?,
            title: title?,
            link,
            date,
            summary,
            author,
            article,
        }))
    }

    /// `[sources.json.article]`: a URL template over the list item's fields, and the paths
    /// of the answer's fields.
    fn json_article(&mut self, table: &Table<'_>, span: Range<usize>) -> Option<JsonArticle> {
        use JsonArticleKey as K;
        let a = self.open::<K>(table, span);
        self.require(&a, K::Url);
        let url_raw = self.opt_str(&a, K::Url);
        let url = self.parsed(K::Url, url_raw.as_ref(), JsonLink::parse);
        let mut path = |key: K| {
            let v = self.opt_str(&a, key);
            self.parsed(key, v.as_ref(), JsonPath::parse)
        };
        let title = path(K::Title);
        let content = path(K::Content);
        let date = path(K::Date);
        let source = path(K::Source);
        let zone = path(K::Zone);
        let max_per_poll = self.int_in(&a, K::MaxPerPoll, 0..=1000).unwrap_or(20);
        Some(JsonArticle {
            url: url?,
            title,
            content,
            date,
            source,
            zone,
            max_per_poll,
        })
    }

    /// A URL the fetcher's SSRF guard would refuse (`localhost`, a private IP literal) while
    /// `[poll] allow_private_networks` is false: every poll of it would fail, so say so now.
    fn refuse_private(&mut self, span: std::ops::Range<usize>, key: &str, u: &url::Url) {
        if let Some(why) = crate::net::refused_literal_host(u) {
            self.report(
                span,
                format!(
                    "{key}: {why}, and polls refuse private networks: use the site's public address, or set allow_private_networks = true in [poll] (only for sources you trust on your own network)"
                ),
            );
        }
    }

    /// `site_url`: the web page a `file:` source stands for.
    fn site_url(
        &mut self,
        so: &Tab<'_, '_, SourceKey>,
        url: Option<&SourceUrl>,
    ) -> Option<url::Url> {
        let v = self.opt_str(so, SourceKey::SiteUrl)?;
        if let Some(SourceUrl::Http(_)) = url {
            self.report(
                v.span(),
                "site_url is only for file: sources (an http(s) source is its own site)",
            );
            return None;
        }
        match url::Url::parse(v.get_ref()) {
            Ok(u) if matches!(u.scheme(), "http" | "https") && u.has_host() => Some(u),
            _ => {
                self.report(
                    v.span(),
                    format!("site_url must be an http(s) URL, not {:?}", v.get_ref()),
                );
                None
            }
        }
    }

    /// `[sources.request]`, for http(s) sources only.
    fn request(
        &mut self,
        so: &Tab<'_, '_, SourceKey>,
        url: Option<&SourceUrl>,
        allow_private_networks: bool,
    ) -> Request {
        use RequestKey as K;
        let Some((table, span)) = self.opt_table(so, SourceKey::Request) else {
            return Request::default();
        };
        if let Some(SourceUrl::File(_)) = url {
            self.report(
                span.clone(),
                "[sources.request] is for http(s) sources; a file: source is read from disk",
            );
        }
        let r = self.open::<K>(table, span);
        let post = self
            .choice(&r, K::Method, &[("GET", false), ("POST", true)])
            .unwrap_or(false);
        let form = self
            .opt_table(&r, K::Form)
            .map(|(t, span)| (self.scalar_pairs(t, K::Form), span));
        let json = self.opt_str(&r, K::Json);
        if let Some(j) = &json
            && let Err(e) = serde_json::from_str::<serde_json::Value>(j.get_ref())
        {
            self.report(j.span(), format!("json: not valid JSON: {e}"));
        }
        let body_span = match (&form, &json) {
            (Some(_), Some(j)) => {
                self.report(j.span(), "give form or json, not both");
                None
            }
            (Some((_, span)), None) => Some(span.clone()),
            (None, Some(j)) => Some(j.span()),
            (None, None) => None,
        };
        if let Some(span) = body_span
            && !post
        {
            self.report(span, "a form or json body needs method = \"POST\"");
        }
        let headers = match self.opt_table(&r, K::Headers) {
            Some((t, _)) => self.headers(t),
            None => Vec::new(),
        };
        let warmup = self
            .opt_str(&r, K::Warmup)
            .and_then(|w| match url::Url::parse(w.get_ref()) {
                Ok(u) if matches!(u.scheme(), "http" | "https") && u.has_host() => {
                    if !allow_private_networks {
                        self.refuse_private(w.span(), "warmup", &u);
                    }
                    Some(u)
                }
                _ => {
                    self.report(
                        w.span(),
                        format!("warmup must be an http(s) URL, not {:?}", w.get_ref()),
                    );
                    None
                }
            });
        let post = post.then(|| match (form, json) {
            (Some((pairs, _)), _) => PostBody::Form(pairs),
            (None, Some(j)) => PostBody::Json(j.into_inner()),
            (None, None) => PostBody::Empty,
        });
        Request {
            post,
            headers,
            warmup,
        }
    }

    /// `{ name = "value", n = 20 }` as (name, value) pairs in the order written (the TOML
    /// map sorts its keys; a form is sent in the order its author gave).
    fn scalar_pairs<K: Key>(&mut self, table: &Table<'_>, key: K) -> Vec<(String, String)> {
        let mut entries: Vec<_> = table.iter().collect();
        entries.sort_by_key(|(k, _)| k.span().start);
        let mut out = Vec::new();
        for (k, v) in entries {
            let value = match v.get_ref() {
                DeValue::String(s) => s.to_string(),
                DeValue::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                    Ok(n) => n.to_string(),
                    Err(_) => {
                        self.report(v.span(), format!("{}: integer out of range", key.name()));
                        continue;
                    }
                },
                DeValue::Float(f) => f.as_str().to_string(),
                DeValue::Boolean(b) => b.to_string(),
                other => {
                    self.report(
                        v.span(),
                        format!(
                            "{} values must be strings or numbers, not {}",
                            key.name(),
                            kind(other)
                        ),
                    );
                    continue;
                }
            };
            out.push((k.get_ref().to_string(), value));
        }
        out
    }

    /// Extra request headers: HTTP field names and printable ASCII values. Headers that
    /// zonefeed itself must control (framing, the connection, the host) are refused.
    fn headers(&mut self, table: &Table<'_>) -> Vec<(String, String)> {
        let mut entries: Vec<_> = table.iter().collect();
        entries.sort_by_key(|(k, _)| k.span().start);
        let mut out = Vec::new();
        for (k, v) in entries {
            let name = k.get_ref().to_string();
            let is_token = !name.is_empty()
                && name
                    .bytes()
                    .all(|b| b.is_ascii_alphanumeric() || b"!#$%&'*+-.^_`|~".contains(&b));
            if !is_token {
                self.report(
                    k.span(),
                    format!("headers: {name:?} is not an HTTP header name"),
                );
                continue;
            }
            let lower = name.to_ascii_lowercase();
            if matches!(
                lower.as_str(),
                "host" | "content-length" | "transfer-encoding" | "connection" | "te" | "upgrade"
            ) {
                self.report(
                    k.span(),
                    format!("headers: {name} is set by zonefeed for each request"),
                );
                continue;
            }
            let Some(value) = v.get_ref().as_str() else {
                self.report(
                    v.span(),
                    format!(
                        "headers: {name} must be a string, not {}",
                        kind(v.get_ref())
                    ),
                );
                continue;
            };
            if !value.chars().all(|c| c == '\t' || (' '..='~').contains(&c)) {
                self.report(
                    v.span(),
                    format!(
                        "headers: the value of {name} must be printable ASCII (percent-encode other characters)"
                    ),
                );
                continue;
            }
            out.push((name, value.trim().to_string()));
        }
        out
    }

    /// `[sources.article]`; its date, source and zone fields fall back to the patterns for
    /// the lines Chinese portals print above the text.
    fn article(&mut self, table: &Table<'_>, span: Range<usize>) -> ArticleRules {
        use ArticleKey as K;
        let a = self.open::<K>(table, span);
        let max_per_poll = self.int_in(&a, K::MaxPerPoll, 0..=1000).unwrap_or(20);
        ArticleRules {
            content: self.selector(&a, K::Content),
            title: self.field(&a, [K::Title, K::TitleAttr, K::TitleRegex], None),
            date: self.field(
                &a,
                [K::Date, K::DateAttr, K::DateRegex],
                Some(DEFAULT_ARTICLE_DATE),
            ),
            source: self.field(
                &a,
                [K::Source, K::SourceAttr, K::SourceRegex],
                Some(DEFAULT_ARTICLE_SOURCE),
            ),
            zone: self.field(
                &a,
                [K::Zone, K::ZoneAttr, K::ZoneRegex],
                Some(DEFAULT_ARTICLE_ZONE),
            ),
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

    /// A selector with its `_attr` and `_regex` companions.
    fn field<K: Key>(
        &mut self,
        tab: &Tab<'_, '_, K>,
        [key, attr_key, regex_key]: [K; 3],
        default_regex: Option<&str>,
    ) -> Field {
        let selector = self.selector(tab, key);
        let attr = self.attr_name(tab, attr_key);
        if let (Some(a), None) = (&attr, &selector)
            && self.get(tab, key).is_none()
        {
            self.report(
                a.span(),
                format!(
                    "{} needs {} (a selector: the attribute is read from the element it picks)",
                    attr_key.name(),
                    key.name()
                ),
            );
        }
        // A default pattern reads the whole page when the admin gave neither selector nor
        // pattern, and the selected text when only a selector was given.
        let explicit = self.get(tab, regex_key).is_some();
        let default = if selector.is_none() {
            default_regex
        } else {
            None
        };
        let label = match (&selector, explicit) {
            (Some(_), false) => default_regex.and_then(|d| regex::Regex::new(d).ok()),
            _ => None,
        };
        Field {
            selector,
            attr: attr.map(|a| a.into_inner()),
            regex: self.regex(tab, regex_key, default),
            label,
        }
    }

    /// An HTML attribute name (`content`, `href`, `data-url`, `title`).
    fn attr_name<K: Key>(&mut self, tab: &Tab<'_, '_, K>, key: K) -> Option<Spanned<String>> {
        let v = self.opt_str(tab, key)?;
        let name = v.get_ref();
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | ':' | '.'))
        {
            self.report(
                v.span(),
                format!(
                    "{} must be an attribute name such as \"content\" or \"data-url\", not {name:?}",
                    key.name()
                ),
            );
            return None;
        }
        Some(v)
    }
}
