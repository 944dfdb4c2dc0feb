//! Region and zone for each entry: the source's own tags, or a zone named in the text.
//!
//! Pure: built once per config, then `classify` is a lookup. Zone names are matched with
//! Aho-Corasick so hundreds of zones and aliases cost one pass over the text.

use aho_corasick::{AhoCorasick, MatchKind};

use crate::config::{Config, Source};
use crate::model::Entry;
use crate::parse::html_to_text;

/// Zone-name matcher for one config.
pub(crate) struct Classifier {
    matcher: Option<AhoCorasick>,
    /// Pattern index -> zone index in `zones`.
    pattern_zone: Vec<usize>,
    /// Pattern length in characters (longest match wins).
    pattern_len: Vec<usize>,
    zones: Vec<(String, String)>, // (zone id, zone region)
}

/// Where an entry belongs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    pub region: String,
    pub zone: Option<String>,
    /// A zone the page named (发布开发区) that matches no configured zone: reported, and the
    /// item kept with the zone found otherwise.
    pub unknown_zone: Option<String>,
}

impl Classifier {
    pub fn new(config: &Config) -> Classifier {
        let mut patterns = Vec::new();
        let mut pattern_zone = Vec::new();
        let mut pattern_len = Vec::new();
        for (i, z) in config.zones.iter().enumerate() {
            for name in std::iter::once(&z.name).chain(z.aliases.iter()) {
                if name.trim().is_empty() {
                    continue;
                }
                patterns.push(name.clone());
                pattern_zone.push(i);
                pattern_len.push(name.chars().count());
            }
        }
        let matcher = if patterns.is_empty() {
            None
        } else {
            AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(&patterns)
                .ok()
        };
        Classifier {
            matcher,
            pattern_zone,
            pattern_len,
            zones: config
                .zones
                .iter()
                .map(|z| (z.id.clone(), z.region.clone()))
                .collect(),
        }
    }

    /// The source's region and zone; when the source has no zone, the zone whose name or
    /// alias occurs in the title or text, longest match first, among zones inside the
    /// source's region (a Nantong site mentioning 苏州工业园区 in passing is still Nantong
    /// news). The item's region is its zone's region: a zone below the source's region
    /// narrows it, and a zone the page names outside it moves the item there.
    ///
    /// Order: the source's zone, then the zone the page names (`zone_hint`), then the text.
    pub fn classify(&self, config: &Config, source: &Source, entry: &Entry) -> Placement {
        let mut unknown_zone = None;
        let zone = match (&source.zone, &entry.zone_hint) {
            (Some(z), _) => Some(z.clone()),
            (None, Some(hint)) => match config.zone_by_name(hint) {
                Some(z) => Some(z.id.clone()),
                None => {
                    unknown_zone = Some(hint.clone());
                    self.detect(config, &source.region, entry)
                }
            },
            (None, None) => self.detect(config, &source.region, entry),
        };
        // An item in a zone is in that zone's region (and so in its ancestors'): a zone
        // feed stays a subset of its region's feed even when a Nantong portal carries an
        // article whose page names 苏州工业园区. Such an item leaves the source's region
        // (README "How items are read"); zones found in the text never reach outside it.
        let region = zone
            .as_deref()
            .and_then(|z| config.zone(z))
            .map(|z| z.region.clone())
            .unwrap_or_else(|| source.region.clone());
        Placement {
            region,
            zone,
            unknown_zone,
        }
    }

    fn detect(&self, config: &Config, source_region: &str, entry: &Entry) -> Option<String> {
        let matcher = self.matcher.as_ref()?;
        let mut text = entry.title.clone();
        for html in [&entry.summary, &entry.content].into_iter().flatten() {
            text.push('\n');
            text.push_str(&html_to_text(html));
        }
        let mut best: Option<(usize, usize)> = None; // (length, zone index); first wins ties
        for m in matcher.find_iter(&text) {
            let p = m.pattern().as_usize();
            let zi = self.pattern_zone[p];
            let (_, zone_region) = &self.zones[zi];
            if !config.region_within(zone_region, source_region) {
                continue;
            }
            let len = self.pattern_len[p];
            if best.is_none_or(|(l, _)| len > l) {
                best = Some((len, zi));
            }
        }
        best.map(|(_, zi)| self.zones[zi].0.clone())
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::IdKind;
    use std::path::Path;

    fn config() -> Config {
        let text = r#"
[[regions]]
id = "jiangsu"
name = "江苏省"
[[regions]]
id = "nantong"
name = "南通市"
parent = "jiangsu"
[[regions]]
id = "suzhou"
name = "苏州市"
parent = "jiangsu"
[[zones]]
id = "nt-hitech"
name = "南通高新技术产业开发区"
region = "nantong"
aliases = ["南通高新区"]
[[zones]]
id = "nt-etdz"
name = "南通经济技术开发区"
region = "nantong"
aliases = ["南通开发区"]
[[zones]]
id = "sip"
name = "苏州工业园区"
region = "suzhou"
[[sources]]
id = "province"
url = "file:p.xml"
region = "jiangsu"
[[sources]]
id = "city"
url = "file:c.xml"
region = "nantong"
[[sources]]
id = "zoned"
url = "file:z.xml"
region = "nantong"
zone = "nt-hitech"
"#;
        match Config::parse(text, Path::new("c.toml"), Path::new("/")) {
            Ok(c) => c,
            Err(e) => panic!("{e}"),
        }
    }

    fn entry(title: &str, summary: Option<&str>) -> Entry {
        Entry {
            id: "x".into(),
            id_kind: IdKind::Guid,
            title: title.into(),
            link: None,
            published: None,
            updated: None,
            summary: summary.map(String::from),
            content: None,
            author: None,
            categories: vec![],
            zone_hint: None,
            article_pending: false,
        }
    }

    fn place(source: &str, title: &str, summary: Option<&str>) -> Placement {
        let c = config();
        let cl = Classifier::new(&c);
        let s = c
            .source(source)
            .cloned()
            .unwrap_or_else(|| panic!("{source}"));
        cl.classify(&c, &s, &entry(title, summary))
    }

    #[test]
    fn source_zone_wins() {
        let p = place("zoned", "苏州工业园区来访", None);
        assert_eq!(p.zone.as_deref(), Some("nt-hitech"));
        assert_eq!(p.region, "nantong");
    }

    #[test]
    fn alias_in_text_is_detected_and_narrows_region() {
        let p = place("province", "项目签约", Some("<p>落户<b>南通开发区</b></p>"));
        assert_eq!(p.zone.as_deref(), Some("nt-etdz"));
        assert_eq!(p.region, "nantong");
    }

    #[test]
    fn longest_match_wins() {
        let p = place("city", "南通高新区与南通经济技术开发区合作", None);
        assert_eq!(p.zone.as_deref(), Some("nt-etdz"));
    }

    #[test]
    fn zones_outside_the_source_region_are_ignored() {
        let p = place("city", "苏州工业园区代表团考察南通高新区", None);
        assert_eq!(p.zone.as_deref(), Some("nt-hitech"));
        let p = place("city", "苏州工业园区新闻", None);
        assert_eq!(p.zone, None);
        assert_eq!(p.region, "nantong");
    }

    #[test]
    fn no_zone_keeps_source_region() {
        let p = place("province", "全省开发区工作会议", None);
        assert_eq!(
            p,
            Placement {
                region: "jiangsu".into(),
                zone: None,
                unknown_zone: None
            }
        );
    }

    #[test]
    fn a_zone_named_by_the_page_is_mapped_or_reported() {
        let c = config();
        let cl = Classifier::new(&c);
        let s = c
            .source("province")
            .cloned()
            .unwrap_or_else(|| panic!("province"));
        let mut e = entry("项目签约", None);
        e.zone_hint = Some("南通开发区".into());
        let p = cl.classify(&c, &s, &e);
        assert_eq!(
            (p.zone.as_deref(), p.region.as_str()),
            (Some("nt-etdz"), "nantong")
        );
        e.zone_hint = Some("海门经济技术开发区".into());
        e.title = "南通高新区项目签约".into();
        let p = cl.classify(&c, &s, &e);
        assert_eq!(p.unknown_zone.as_deref(), Some("海门经济技术开发区"));
        assert_eq!(
            p.zone.as_deref(),
            Some("nt-hitech"),
            "falls back to the text"
        );
    }

    #[test]
    fn a_zone_the_page_names_outside_the_source_region_moves_the_item_there() {
        let c = config();
        let cl = Classifier::new(&c);
        let s = c.source("city").cloned().unwrap_or_else(|| panic!("city"));
        let mut e = entry("园区项目签约", None);
        e.zone_hint = Some("苏州工业园区".into());
        let p = cl.classify(&c, &s, &e);
        assert_eq!(
            (p.zone.as_deref(), p.region.as_str()),
            (Some("sip"), "suzhou"),
            "zone feed must stay a subset of its region's feed"
        );
    }
}
