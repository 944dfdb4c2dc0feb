//! Entry points for the cargo-fuzz targets in `fuzz/` and for the regression test that
//! replays their corpora on stable (`tests/fuzz_regressions.rs`). Each takes arbitrary bytes
//! and must return without panicking, hanging or allocating without bound; what it returns
//! is of no interest.

use std::path::Path;

use chrono_tz::Tz;
use url::Url;

use crate::config::{Config, SourceKind};

fn page_url() -> Url {
    Url::parse("http://zone.example.cn/news/list.html").unwrap_or_else(|_| unreachable!())
}

/// Feed parsing: charset sniffing, XML preparation, feed-rs, dates, sanitising, identity;
/// then zone matching on what came out, as the poller would.
pub fn feed(data: &[u8]) {
    let base = page_url();
    for (header_charset, tz) in [(None, Tz::Asia__Shanghai), (Some("gbk"), Tz::UTC)] {
        let opts = crate::parse::ParseOptions {
            base_url: Some(&base),
            header_charset,
            charset_override: None,
            tz,
        };
        if let Ok(parsed) = crate::parse::parse_feed(data, &opts) {
            if let Some((config, classifier)) = classifier() {
                for e in &parsed.entries {
                    let _ = classifier.classify(config, &config.sources[0], e);
                }
            }
        }
    }
}

fn classifier() -> Option<&'static (Config, crate::classify::Classifier)> {
    static C: std::sync::OnceLock<Option<(Config, crate::classify::Classifier)>> =
        std::sync::OnceLock::new();
    C.get_or_init(|| {
        let text = "[[regions]]\nid = \"nantong\"\nname = \"南通市\"\n\n\
                    [[zones]]\nid = \"nt\"\nname = \"南通经济技术开发区\"\nregion = \"nantong\"\n\
                    aliases = [\"南通开发区\"]\n\n\
                    [[sources]]\nid = \"s\"\nurl = \"http://zone.example.cn/rss.xml\"\nregion = \"nantong\"\n";
        let config = Config::parse(text, Path::new("fuzz.toml"), Path::new(".")).ok()?;
        let classifier = crate::classify::Classifier::new(&config);
        Some((config, classifier))
    })
    .as_ref()
}

/// HTML rule extraction. The first line is the item selector, the second a date regex and
/// the third an article zone selector (each may be empty); the rest is the page, scraped as
/// a list page and as an article page. Selectors and regexes go through the same config
/// checks as an admin's, so only ones `zonefeed check` accepts are used.
pub fn html(data: &[u8]) {
    let mut parts = data.splitn(4, |b| *b == b'\n');
    let item = String::from_utf8_lossy(parts.next().unwrap_or_default());
    let date_re = String::from_utf8_lossy(parts.next().unwrap_or_default());
    let zone_sel = String::from_utf8_lossy(parts.next().unwrap_or_default());
    let page = parts.next().unwrap_or_default();

    let q = |s: &str| crate::escape::toml_string(if s.trim().is_empty() { "li" } else { s });
    let mut text = format!(
        "[[regions]]\nid = \"r\"\nname = \"R\"\n\n[[sources]]\nid = \"s\"\nkind = \"html\"\n\
         url = \"http://zone.example.cn/news/list.html\"\nregion = \"r\"\n\n[sources.list]\n\
         item = {}\n",
        q(&item)
    );
    if !date_re.trim().is_empty() {
        text.push_str(&format!(
            "date_regex = {}\n",
            crate::escape::toml_string(&date_re)
        ));
    }
    text.push_str("\n[sources.article]\ncontent = \"div.content\"\n");
    if !zone_sel.trim().is_empty() {
        text.push_str(&format!(
            "zone = {}\n",
            crate::escape::toml_string(&zone_sel)
        ));
    }
    let Ok(config) = Config::parse(&text, Path::new("fuzz.toml"), Path::new(".")) else {
        // A rule `check` refuses never reaches the scraper; scrape the page with the
        // bundled portal's rules instead so the bytes are still exercised.
        return html_with_default_rules(page);
    };
    scrape_with(&config, page);
}

fn html_with_default_rules(page: &[u8]) {
    let text = "[[regions]]\nid = \"r\"\nname = \"R\"\n\n[[sources]]\nid = \"s\"\nkind = \"html\"\n\
                url = \"http://zone.example.cn/news/list.html\"\nregion = \"r\"\n\n[sources.list]\n\
                item = \"div.newslist li\"\ntitle = \"a\"\nlink = \"a\"\ndate = \"span.date\"\n\n\
                [sources.article]\ncontent = \"div.content\"\n";
    if let Ok(config) = Config::parse(text, Path::new("fuzz.toml"), Path::new(".")) {
        scrape_with(&config, page);
    }
}

fn scrape_with(config: &Config, page: &[u8]) {
    let Some(source) = config.sources.first() else {
        return;
    };
    let SourceKind::Html(rules) = &source.kind else {
        return;
    };
    let url = page_url();
    let (html, _) = crate::scrape::decode_html(page, None, None);
    let _ = crate::scrape::scrape_list(&html, &url, rules, Tz::Asia__Shanghai);
    if let Some(article) = &source.article {
        let _ = crate::scrape::scrape_article(&html, &url, article, Tz::Asia__Shanghai);
    }
}

/// Date parsing in every form the parser and the scraper accept.
pub fn date(data: &[u8]) {
    let s = String::from_utf8_lossy(data);
    for tz in [Tz::Asia__Shanghai, Tz::UTC, Tz::America__St_Johns] {
        let _ = crate::parse::parse_date(&s, tz);
        let _ = crate::scrape::find_date(&s, tz);
    }
}

/// Config loading: TOML, the spanned checker, selectors, regexes, cron expressions,
/// durations, sizes; on failure, rendering every problem with its line and column.
pub fn config(data: &[u8]) {
    let Ok(text) = std::str::from_utf8(data) else {
        return;
    };
    match Config::parse(text, Path::new("fuzz.toml"), Path::new(".")) {
        Ok(_) => {}
        Err(e) => {
            let _ = e.to_string();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    // The targets bail out quietly on a config they cannot build; make sure the built-in
    // ones build, or the fuzzers would be exercising nothing.
    #[test]
    fn built_in_configs_parse() {
        assert!(classifier().is_some());
        let page = "div.item\n(\\d{4}-\\d{2}-\\d{2})\nspan.zone\n<div class=item><a href=a.html>南通经济技术开发区 新闻</a> 2026-11-25</div>";
        let mut parts = page.splitn(4, '\n');
        let item = parts.next().unwrap_or_default();
        assert_eq!(item, "div.item");
        html(page.as_bytes());
        let text = format!(
            "[[regions]]\nid = \"r\"\nname = \"R\"\n\n[[sources]]\nid = \"s\"\nkind = \"html\"\n\
             url = \"http://zone.example.cn/news/list.html\"\nregion = \"r\"\n\n[sources.list]\n\
             item = {}\ndate_regex = {}\n",
            crate::escape::toml_string("div.item"),
            crate::escape::toml_string("(\\d{4}-\\d{2}-\\d{2})\""),
        );
        let config = Config::parse(&text, Path::new("fuzz.toml"), Path::new("."));
        assert!(config.is_ok(), "{:?}", config.err().map(|e| e.to_string()));
    }

    #[test]
    fn toml_string_escapes() {
        assert_eq!(
            crate::escape::toml_string("a\"b\\c\n"),
            "\"a\\\"b\\\\c\\u000A\""
        );
    }
}
