//! Region and zone for each entry: the source's own tags, a zone named in the text, or a
//! division named in the text (a county of a region given by `code`).
//!
//! Pure: built once per config, then `classify` is a lookup. Zone names, and the places of
//! regions given by code (every county and district of the country when all are
//! configured), are matched with Aho-Corasick: one pass over the text each.

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
    /// Division names of regions given by `code` -> the region (index in `config.regions`).
    places: Option<AhoCorasick>,
    place_region: Vec<usize>,
    /// Names several divisions bear -> the region of each bearer (its deepest region).
    shared: Option<AhoCorasick>,
    shared_regions: Vec<Vec<usize>>,
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
        // A name belongs to the deepest region that lists it (如皋 is among 江苏省's places
        // and 南通市's: it means 南通市).
        let mut owner: std::collections::HashMap<&str, usize> = std::collections::HashMap::new();
        // Each region's depth, worked out once (every name of every region is weighed).
        let depths: Vec<usize> = config
            .regions
            .iter()
            .map(|r| config.region_and_ancestors(&r.id).len())
            .collect();
        let depth = |i: usize| depths[i];
        for (i, r) in config.regions.iter().enumerate() {
            for n in &r.places {
                let e = owner.entry(n.as_str()).or_insert(i);
                if depth(i) > depth(*e) {
                    *e = i;
                }
            }
        }
        let mut owned: Vec<(&str, usize)> = owner.into_iter().collect();
        owned.sort_unstable();
        let place_names: Vec<&str> = owned.iter().map(|(n, _)| *n).collect();
        let place_region: Vec<usize> = owned.iter().map(|(_, i)| *i).collect();
        let places = (!place_names.is_empty())
            .then(|| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&place_names)
                    .ok()
            })
            .flatten();
        // Shared names: per name, per bearer, the deepest region listing it.
        let mut bearers: std::collections::BTreeMap<&str, std::collections::HashMap<u32, usize>> =
            Default::default();
        for (i, r) in config.regions.iter().enumerate() {
            for (n, code) in &r.shared {
                let e = bearers
                    .entry(n.as_str())
                    .or_default()
                    .entry(*code)
                    .or_insert(i);
                if depth(i) > depth(*e) {
                    *e = i;
                }
            }
        }
        let shared_names: Vec<&str> = bearers.keys().copied().collect();
        let shared_regions: Vec<Vec<usize>> = bearers
            .values()
            .map(|m| {
                let mut v: Vec<usize> = m.values().copied().collect();
                v.sort_unstable();
                v.dedup();
                v
            })
            .collect();
        let shared = (!shared_names.is_empty())
            .then(|| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&shared_names)
                    .ok()
            })
            .flatten();
        Classifier {
            matcher,
            places,
            place_region,
            shared,
            shared_regions,
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
            .or_else(|| self.division_named(config, &source.region, entry))
            .unwrap_or_else(|| source.region.clone());
        Placement {
            region,
            zone,
            unknown_zone,
        }
    }

    /// A region below the source's that the entry names by one of its divisions (如皋 ->
    /// 南通市 for a province's site): the one the title names, else the one the text
    /// names, when exactly one is named; the deepest when one contains another. Names two
    /// divisions share never count (they are not among a region's places).
    fn division_named(
        &self,
        config: &Config,
        source_region: &str,
        entry: &Entry,
    ) -> Option<String> {
        let matcher = self.places.as_ref()?;
        let within = |r: &str| r != source_region && config.region_within(r, source_region);
        let named = |text: &str| -> Option<String> {
            // Names only one division bears.
            let mut found: Vec<&str> = Vec::new();
            for m in matcher.find_iter(text) {
                let r = &config.regions[self.place_region[m.pattern().as_usize()]];
                if within(&r.id) && !found.contains(&r.id.as_str()) {
                    found.push(&r.id);
                }
            }
            // Names several bear: decided by the source's region (only one bearer below
            // it), else by a region the text names by a name of its own (江苏通州区).
            if let Some(shared) = &self.shared {
                let mut decided = Vec::new();
                for m in shared.find_iter(text) {
                    let cands: Vec<&str> = self.shared_regions[m.pattern().as_usize()]
                        .iter()
                        .map(|&i| config.regions[i].id.as_str())
                        // A bearer that is only known as the source's region itself stays
                        // a candidate: the name may mean it.
                        .filter(|r| *r == source_region || within(r))
                        .collect();
                    let pick = match cands.as_slice() {
                        [one] if *one != source_region => Some(*one),
                        [_] => None,
                        _ => {
                            let by_text: Vec<&str> = cands
                                .iter()
                                .copied()
                                .filter(|c| found.iter().any(|f| config.region_within(c, f)))
                                .collect();
                            match by_text.as_slice() {
                                [one] => Some(*one),
                                _ => None,
                            }
                        }
                    };
                    if let Some(p) = pick {
                        decided.push(p);
                    }
                }
                for d in decided {
                    if !found.contains(&d) {
                        found.push(d);
                    }
                }
            }
            // A region named with one of its own regions below it: the deepest.
            let all = found.clone();
            found.retain(|a| !all.iter().any(|b| b != a && config.region_within(b, a)));
            match found.as_slice() {
                [one] => Some(one.to_string()),
                _ => None,
            }
        };
        named(&entry.title).or_else(|| {
            let mut text = entry.title.clone();
            for html in [&entry.summary, &entry.content].into_iter().flatten() {
                text.push('\n');
                text.push_str(&html_to_text(html));
            }
            named(&text)
        })
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

    fn coded() -> Config {
        let text = r#"
[[regions]]
id = "js"
code = "320000"
[[regions]]
id = "nt"
code = "320600"
[[regions]]
id = "sz"
code = "320500"
[[sources]]
id = "province"
url = "file:p.xml"
region = "js"
[[sources]]
id = "city"
url = "file:c.xml"
region = "nt"
"#;
        match Config::parse(text, Path::new("c.toml"), Path::new("/")) {
            Ok(c) => c,
            Err(e) => panic!("{e}"),
        }
    }

    /// Regions given by code place a province's items by the counties they name; names
    /// two divisions share, and regions outside the source's, place nothing.
    #[test]
    fn a_county_named_in_the_text_places_the_item_in_its_city() {
        let c = coded();
        let cl = Classifier::new(&c);
        let province = c
            .source("province")
            .cloned()
            .unwrap_or_else(|| panic!("province"));
        let city = c.source("city").cloned().unwrap_or_else(|| panic!("city"));
        let region = |s: &Source, title: &str, text: Option<&str>| {
            cl.classify(&c, s, &entry(title, text)).region
        };
        assert_eq!(region(&province, "如皋市举行重大项目集中签约", None), "nt");
        assert_eq!(
            region(&province, "项目签约", Some("<p>海门区今日开工一批项目</p>")),
            "nt"
        );
        assert_eq!(
            region(&province, "如皋：新能源项目开工", None),
            "nt",
            "short form"
        );
        assert_eq!(region(&province, "昆山开发区外资项目落地", None), "sz");
        // 鼓楼区 is in Nanjing, Xuzhou and elsewhere: it places nothing by itself.
        assert_eq!(region(&province, "鼓楼区召开招商推介会", None), "js");
        // Two cities named: the title decides when it names one ...
        assert_eq!(
            region(&province, "如皋企业赴昆山考察", None),
            "js",
            "two cities in the title: ambiguous"
        );
        assert_eq!(
            region(&province, "如皋新签约项目", Some("<p>项目方来自昆山。</p>")),
            "nt",
            "the title names one"
        );
        // A name several divisions bear: decided by a place the text names beside it ...
        assert_eq!(
            region(&province, "江苏通州区高端纺织项目集中开工", None),
            "nt"
        );
        // ... not when a bearer below the source is not configured (徐州's 鼓楼区 is known
        // only as 江苏省's).
        assert_eq!(region(&province, "江苏鼓楼区发布招商地图", None), "js");
        // ... and a city's own site stays its own, whatever it mentions.
        assert_eq!(region(&city, "与昆山开发区签订合作协议", None), "nt");
        assert_eq!(
            c.region("nt")
                .map(|r| (r.name.as_str(), r.parent.as_deref())),
            Some(("南通市", Some("js")))
        );
    }
}
