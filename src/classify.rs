//! Region and zone for each entry: the source's own tags, a zone named in the text, or a
//! division named in the text (a county of a region given by `code`).
//!
//! Pure: built once per config, then `classify` is a lookup. Zone names, and the places of
//! regions given by code (every county and district of the country when all are
//! configured), are matched with Aho-Corasick: one pass over the text each.

use aho_corasick::{AhoCorasick, MatchKind};

use crate::config::{Config, Source};
use crate::model::{Entry, PlacedBy};
use crate::parse::html_to_text;

/// Zone-name matcher for one config.
pub struct Classifier {
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
    /// Regions by division code (their `code`, else the division their name means) ->
    /// region index: zones' places map here.
    region_by_code: std::collections::HashMap<u32, usize>,
}

/// Where an entry belongs.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    pub region: String,
    pub zone: Option<String>,
    /// A zone the page named (发布开发区) that matches no configured zone: reported, and the
    /// item kept with the zone found otherwise.
    pub unknown_zone: Option<String>,
    /// The words that decided the region and the zone (none: the source's own).
    pub by: PlacedBy,
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
        // Regions by the division they are: their `code`, or the division their name
        // alone means (a region written out as 南通市 is 320600).
        let divisions = crate::places::divisions();
        let mut region_by_code = std::collections::HashMap::new();
        for (i, r) in config.regions.iter().enumerate() {
            if let Some(c) = r
                .code
                .or_else(|| divisions.resolve(&r.name).map(|d| d.code))
            {
                region_by_code.entry(c).or_insert(i);
            }
        }
        Classifier {
            matcher,
            region_by_code,
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
        let mut by = PlacedBy::default();
        let zone = match (&source.zone, &entry.zone_hint) {
            (Some(z), _) => Some(z.clone()),
            (None, Some(hint)) => match config.zone_by_name(hint) {
                Some(z) => {
                    by.zone = Some(format!("发布开发区 {hint}"));
                    Some(z.id.clone())
                }
                None => {
                    unknown_zone = Some(hint.clone());
                    self.detect(config, &source.region, entry).map(|(z, w)| {
                        by.zone = Some(w);
                        z
                    })
                }
            },
            (None, None) => self.detect(config, &source.region, entry).map(|(z, w)| {
                by.zone = Some(w);
                z
            }),
        };
        // An item in a zone is in that zone's region (and so in its ancestors'): a zone
        // feed stays a subset of its region's feed even when a Nantong portal carries an
        // article whose page names 苏州工业园区. Such an item leaves the source's region
        // (README "How items are read"); zones found in the text never reach outside it.
        let region = match zone.as_deref().and_then(|z| config.zone(z)) {
            Some(z) => {
                if z.region != source.region {
                    by.region.clone_from(&by.zone);
                }
                z.region.clone()
            }
            None => match self.division_named(config, &source.region, entry) {
                Some((r, words)) => {
                    by.region = Some(words);
                    r
                }
                None => source.region.clone(),
            },
        };
        by.unknown_zone.clone_from(&unknown_zone);
        Placement {
            region,
            zone,
            unknown_zone,
            by,
        }
    }

    /// A region below the source's that the entry names, and the words that name it:
    /// in the title, else in the text,
    /// 1. a zone whose name or the built-in list places it (苏州宿迁工业园区 -> 宿迁,
    ///    两江新区 -> 重庆): the item is about the zone;
    /// 2. else the divisions named (如皋 -> 南通市 for a province's site), when one region
    ///    remains after dropping where investors come from (8家北京企业…落户固安: 北京
    ///    is the investors', 固安 the project's), and keeping only where things land when
    ///    the text says (落户, 在); the deepest when one contains another.
    ///
    /// A name two divisions share counts only when the source's region or another name
    /// decides which; a short form counts only where it reads as a name (not 资源 in
    /// 自然资源部, nor 朝阳 in 朝阳区, nor 西区 in 铁西区).
    fn division_named(
        &self,
        config: &Config,
        source_region: &str,
        entry: &Entry,
    ) -> Option<(String, String)> {
        if self.places.is_none() && self.region_by_code.is_empty() {
            return None;
        }
        let within = |r: &str| r != source_region && config.region_within(r, source_region);
        // Keeps the deepest of the regions found; one left decides.
        let deepest = |found: &[(&str, String)]| -> Option<(String, String)> {
            let mut left: Vec<&(&str, String)> = Vec::new();
            for f in found {
                if !found
                    .iter()
                    .any(|b| b.0 != f.0 && config.region_within(b.0, f.0))
                    && !left.iter().any(|l| l.0 == f.0)
                {
                    left.push(f);
                }
            }
            match left.as_slice() {
                [one] => Some((one.0.to_string(), one.1.clone())),
                _ => None,
            }
        };
        let named = |text: &str| -> Option<(String, String)> {
            let mut by_zone: Vec<(&str, String)> = Vec::new();
            for z in crate::places::zones::zones_named(text) {
                if let Some(r) = z.place.and_then(|c| self.region_of_code(config, c))
                    && within(r)
                {
                    by_zone.push((r, z.name));
                }
            }
            let zoned = deepest(&by_zone);
            let shared_spans: Vec<(usize, usize, usize)> = self
                .shared
                .as_ref()
                .map(|m| {
                    m.find_iter(text)
                        .map(|x| (x.start(), x.end(), x.pattern().as_usize()))
                        .collect()
                })
                .unwrap_or_default();
            // Landmarks: those that name one place count as names; every one tells which
            // bearer of a shared name is meant (CBD beside 朝阳区).
            let marks = crate::places::landmarks::landmarks_in(text);
            let hints: Vec<&str> = marks
                .iter()
                .filter_map(|(_, l)| self.region_of_code(config, l.code))
                .collect();
            // (region, role, words)
            let mut found: Vec<(&str, Role, String)> = Vec::new();
            if let Some(matcher) = &self.places {
                for m in matcher.find_iter(text) {
                    let (a, b) = (m.start(), m.end());
                    if crate::places::straddles_words(text, a, b)
                        || shared_spans.iter().any(|&(x, y, _)| a < y && x < b)
                        || marks.iter().any(|(x, _)| a < x.end && x.start < b)
                        || name_continues(text, a, b)
                    {
                        continue;
                    }
                    let r = &config.regions[self.place_region[m.pattern().as_usize()]];
                    if within(&r.id) {
                        found.push((&r.id, role(text, a, b), text[a..b].to_string()));
                    }
                }
            }
            for (at, l) in &marks {
                if let Some(r) = self.region_of_code(config, l.code)
                    && l.alone
                    && within(r)
                {
                    found.push((r, role(text, at.start, at.end), l.name.to_string()));
                }
            }
            // Names several bear: decided by the source's region (only one bearer below
            // it), else by a region the text names by a name of its own (江苏通州区).
            for &(a, b, p) in &shared_spans {
                let cands: Vec<&str> = self.shared_regions[p]
                    .iter()
                    .map(|&i| config.regions[i].id.as_str())
                    // A bearer that is only known as the source's region itself stays a
                    // candidate: the name may mean it.
                    .filter(|r| *r == source_region || within(r))
                    .collect();
                let pick = match cands.as_slice() {
                    [one] if *one != source_region => Some(*one),
                    [_] => None,
                    _ => {
                        let by_text: Vec<&str> = cands
                            .iter()
                            .copied()
                            .filter(|c| {
                                found.iter().any(|f| config.region_within(c, f.0))
                                    || hints.iter().any(|h| {
                                        config.region_within(h, c) || config.region_within(c, h)
                                    })
                            })
                            .collect();
                        match by_text.as_slice() {
                            [one] => Some(*one),
                            _ => None,
                        }
                    }
                };
                if let Some(p) = pick {
                    found.push((p, role(text, a, b), text[a..b].to_string()));
                }
            }
            found.retain(|f| !matches!(f.1, Role::Origin | Role::Brand));
            if found.iter().any(|f| f.1 == Role::Landing) {
                found.retain(|f| f.1 == Role::Landing);
            }
            // A county's bare two-character short form is the weakest evidence (盐湖 in
            // 格尔木盐湖提锂 is a salt lake, not 运城's 盐湖区): it counts when nothing
            // stronger is named. Three characters or more (格尔木, 满洲里) seldom occur by
            // chance and count like a full name.
            let weak = |w: &str| {
                w.chars().count() == 2
                    && crate::places::divisions().resolve(w).is_some_and(|d| {
                        d.level == crate::places::Level::County && d.name != w && !d.zone
                    })
            };
            if found.iter().any(|f| !weak(&f.2)) {
                found.retain(|f| !weak(&f.2));
            }
            let found: Vec<(&str, String)> = found.into_iter().map(|(r, _, w)| (r, w)).collect();
            let by_name = deepest(&found);
            // The zone decides; names refine it when they fall inside its region (甘肃
            // is all a zone named 甘肃城关区数字经济产业园 says; 城关区 with it is 兰州).
            match (zoned, by_name) {
                (Some(z), Some(n)) if n.0 != z.0 && config.region_within(&n.0, &z.0) => Some(n),
                (Some(z), _) => Some(z),
                (None, n) => n,
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

    /// The deepest configured region that is the division `code` or holds it.
    pub(crate) fn region_of_code<'c>(&self, config: &'c Config, code: u32) -> Option<&'c str> {
        let d = crate::places::divisions();
        let mut cur = Some(code);
        // Four levels at most (county, prefecture, province): more would be a loop.
        for _ in 0..4 {
            let c = cur?;
            if let Some(&i) = self.region_by_code.get(&c) {
                return Some(&config.regions[i].id);
            }
            cur = d.get(c).and_then(|x| x.parent);
        }
        None
    }

    /// The configured zone the text names (longest name first, inside the source's region)
    /// and the words that name it.
    fn detect(
        &self,
        config: &Config,
        source_region: &str,
        entry: &Entry,
    ) -> Option<(String, String)> {
        let matcher = self.matcher.as_ref()?;
        let mut text = entry.title.clone();
        for html in [&entry.summary, &entry.content].into_iter().flatten() {
            text.push('\n');
            text.push_str(&html_to_text(html));
        }
        let mut best: Option<(usize, usize, (usize, usize))> = None; // (length, zone, span); first wins ties
        for m in matcher.find_iter(&text) {
            let p = m.pattern().as_usize();
            let zi = self.pattern_zone[p];
            let (_, zone_region) = &self.zones[zi];
            if !config.region_within(zone_region, source_region) {
                continue;
            }
            let len = self.pattern_len[p];
            if best.is_none_or(|(l, _, _)| len > l) {
                best = Some((len, zi, (m.start(), m.end())));
            }
        }
        best.map(|(_, zi, (a, b))| (self.zones[zi].0.clone(), text[a..b].to_string()))
    }
}

/// What a place named in a sentence is to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Role {
    /// Where investors or helpers come from (北京企业, 保定车企, 江苏援疆, 来自深圳), or
    /// where a delegation goes and signs nothing (赴昆山考察): not where the news happens.
    Origin,
    /// Where a project lands: 落户固安, 在周口, 入驻…
    Landing,
    /// A short form naming a company, product or commodity (东方电气, 长寿食品, 白银价格),
    /// not a place: no region.
    Brand,
    Other,
}

fn role(text: &str, start: usize, end: usize) -> Role {
    const AFTER: [&str; 14] = [
        "企业",
        "车企",
        "客商",
        "籍",
        "资本",
        "商会",
        "公司",
        "集团",
        "代表团",
        "考察团",
        "援",
        "投资商",
        "客人",
        "一家",
    ];
    const BEFORE_ORIGIN: [&str; 4] = ["来自", "总部位于", "总部在", "源自"];
    const BEFORE_LANDING: [&str; 6] = ["落户", "在", "入驻", "签约", "布局", "落地"];
    // What a company, product or traded good is called after a place's short form
    // (东方电气, 平安银行, 长寿食品, 白银价格); a place's trade in it, its firms or its
    // safety (南通汽车产业, 武安钢铁企业, 南通汽车站, 南通食品安全) name the place. Not
    // words a place's own affairs are often called by (电网, 电力, 钢铁: 南通电网负荷;
    // 航空 in 郑州航空港).
    const BRAND: [&str; 15] = [
        "电气", "电器", "电机", "汽车", "银行", "保险", "证券", "股份", "控股", "价格", "期货",
        "食品", "药业", "制药", "啤酒",
    ];
    const TRADE: [&str; 10] = [
        "产业", "行业", "工业", "企业", "园", "基地", "城", "站", "安全", "市场",
    ];
    let (before, after) = (&text[..start], &text[end..]);
    let word = &text[start..end];
    let short = || {
        crate::places::divisions()
            .resolve(word)
            .is_some_and(|d| d.name != word)
    };
    if let Some(head) = BRAND.iter().find(|h| after.starts_with(*h))
        && !TRADE.iter().any(|t| after[head.len()..].starts_with(t))
        && short()
    {
        return Role::Brand;
    }
    // 赴深圳开展招商, 在香港举办推介会: a trip to find investors, who come from there.
    let clause: String = after
        .chars()
        .take_while(|c| !"，。；！？,;!? ".contains(*c))
        .take(10)
        .collect();
    let canvass = clause.contains("招商") || clause.contains("推介");
    // 赴昆山考察: where a delegation goes, unless it signs there (赴安顺考察，现场签约).
    let visit = before.ends_with('赴');
    if AFTER.iter().any(|w| after.starts_with(w))
        || BEFORE_ORIGIN.iter().any(|w| before.ends_with(w))
        || (["到", "在", "去"].iter().any(|w| before.ends_with(w)) && canvass)
        || (visit && (canvass || !after.contains("签约")))
    {
        Role::Origin
    } else if visit || BEFORE_LANDING.iter().any(|w| before.ends_with(w)) {
        Role::Landing
    } else {
        Role::Other
    }
}

/// Is the match the start of a longer division name the matcher does not list (朝阳 in
/// 朝阳区, a name two districts share)?
fn name_continues(text: &str, start: usize, end: usize) -> bool {
    let Some(c) = text[end..].chars().next() else {
        return false;
    };
    if !"区县市旗州盟".contains(c) {
        return false;
    }
    let longer = &text[start..end + c.len_utf8()];
    !crate::places::divisions().named(longer).is_empty()
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
                unknown_zone: None,
                by: PlacedBy::default(),
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

    /// The second part's rules, each on its own: zones by shape and their places,
    /// investors' origin against a project's landing, words that are not names, and the
    /// words reported.
    #[test]
    fn zones_roles_and_words_decide_among_the_places_named() {
        let c = coded();
        let cl = Classifier::new(&c);
        let province = c
            .source("province")
            .cloned()
            .unwrap_or_else(|| panic!("province"));
        let place = |title: &str| {
            let p = cl.classify(&c, &province, &entry(title, None));
            (p.region, p.by.region)
        };
        // A zone's name places it, even beside another city's name.
        assert_eq!(
            place("苏州工业园区与南通经开区签约"),
            ("js".to_string(), None),
            "two zones in two cities: undecided"
        );
        assert_eq!(
            place("昆山企业签约落户南通经开区"),
            ("nt".to_string(), Some("南通经开区".to_string()))
        );
        // Where investors come from does not place; where the project lands does.
        assert_eq!(
            place("8家昆山企业集中签约落户如皋"),
            ("nt".to_string(), Some("如皋".to_string()))
        );
        assert_eq!(
            place("如皋企业赴昆山考察").0,
            "js",
            "a visit places nothing"
        );
        assert_eq!(
            place("上海商会代表团赴昆山考察 现场签约项目5个").0,
            "sz",
            "a delegation that signs where it goes"
        );
        assert_eq!(
            place("如皋招商小分队赴昆山开展招商 签约项目3个").0,
            "nt",
            "canvassing investors where they are: the news is the team's"
        );
        // A county's short form that is a common word (资源, 资源县's) is no name alone.
        assert_eq!(place("自然资源部推进用地改革").0, "js");
        // A district name that is also a plain description (老城区) decides nothing.
        assert_eq!(place("南通老城区商业街改造").0, "nt");
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

    /// A national source and a handful of divisions by code, for the rules that tell which
    /// place a text means.
    fn national() -> Config {
        let mut text = String::from(
            "[[regions]]\nid = \"cn\"\nname = \"全国\"\n[[sources]]\nid = \"news\"\nurl = \"file:n.xml\"\nregion = \"cn\"\n",
        );
        for code in [
            "110000", "220100", "320600", "330900", "310000", "640100", "210300", "620400",
            "410200", "469007", "500000", "632800", "140800", "410100", "610100", "410300",
            "350900", "610900", "653200", "330200", "330100", "370200", "450100",
        ] {
            text.push_str(&format!(
                "[[regions]]\nid = \"d{code}\"\ncode = \"{code}\"\nparent = \"cn\"\n"
            ));
        }
        match Config::parse(&text, Path::new("c.toml"), Path::new("/")) {
            Ok(c) => c,
            Err(e) => panic!("{e}"),
        }
    }

    fn national_placer() -> impl Fn(&str, &str) -> String {
        let c = national();
        let cl = Classifier::new(&c);
        let news = c.source("news").cloned().unwrap_or_else(|| panic!("news"));
        move |title: &str, text: &str| cl.classify(&c, &news, &entry(title, Some(text))).region
    }

    /// Landmarks tell which bearer of a shared district name is meant, and those that name
    /// one place place an item alone.
    #[test]
    fn landmarks_tell_which_place_is_meant() {
        let place = national_placer();
        // 朝阳区 is 北京's and 长春's: a landmark beside it decides, and CBD alone places
        // nothing (every city has one).
        assert_eq!(place("朝阳区召开座谈会", "会议交流了工作。"), "cn");
        assert_eq!(place("朝阳区推出新措施", "围绕CBD等区域招商。"), "d110000");
        assert_eq!(place("CBD新引进总部企业", "总部经济发展。"), "cn");
        assert_eq!(place("通州区项目签约", "城市副中心建设提速。"), "d110000");
        assert_eq!(place("普陀区项目签约", "依托沈家门渔港建设。"), "d330900");
        // A landmark that names one place places alone.
        assert_eq!(place("望京新增科技企业", "企业数量增长。"), "d110000");
        assert_eq!(place("闽宁镇新引进福建企业8家", "企业落户。"), "d640100");
        assert_eq!(place("菱镁项目签约", "巩固“中国镁都”地位。"), "d210300");
        // Former names, in the same table.
        assert_eq!(
            place("户县农民画产业园开园", "首批入驻企业40家。"),
            "d610100"
        );
    }

    /// Words the dictionary lacks that hold a place's name: a company, a jade, a greeting.
    #[test]
    fn words_that_hold_a_place_name_place_nothing() {
        let place = national_placer();
        assert_eq!(place("宁德时代发布新电池", "计划年内量产。"), "cn");
        assert_eq!(place("宁德时代洛阳基地投产", "总投资140亿元。"), "d410300");
        assert_eq!(place("和田玉原料价格上涨", "籽料价格上涨。"), "cn");
        assert_eq!(
            place("春节消费市场活跃", "商户推出“阖家安康”主题促销。"),
            "cn"
        );
        assert_eq!(place("安康富硒茶产业园开园", "总投资5亿元。"), "d610900");
    }

    /// Zones whose names carry another place's name: the built-in list decides.
    #[test]
    fn zones_named_after_another_place_are_placed_where_they_lie() {
        let place = national_placer();
        assert_eq!(
            place("杭州湾新区汽车零部件产业园开工", "总投资46亿元。"),
            "d330200"
        );
        assert_eq!(
            place("上合示范区新开通班列", "示范区累计开行600列。"),
            "d370200"
        );
        assert_eq!(
            place("南宁·中关村基地新入驻企业", "依托北京中关村资源。"),
            "d450100"
        );
    }

    /// A short form naming a company, product or commodity is no place; a place's trade
    /// in it is.
    #[test]
    fn companies_products_and_prices_named_after_a_place_place_nothing() {
        let place = national_placer();
        assert_eq!(place("太平洋保险与东方电气签约", "双方合作。"), "cn");
        assert_eq!(place("白银价格同步上涨", "黄金白银价格震荡。"), "cn");
        assert_eq!(place("长寿食品消费快速增长", "银发经济升温。"), "cn");
        assert_eq!(place("白银市举行项目签约", "总投资10亿元。"), "d620400");
        assert_eq!(place("白银新材料项目开工", "总投资10亿元。"), "d620400");
        for (title, want) in [
            ("长寿汽车产业园新签约项目", "d500000"),
            ("白银食品企业超低排放改造完成", "d620400"),
            ("郑州航空港区项目投产", "d410100"),
        ] {
            assert_eq!(
                place(title, "总投资10亿元。"),
                want,
                "{title}: a place's trade"
            );
        }
    }

    /// A short form the dictionary knows as a verb, with an aspect marker, is the verb.
    #[test]
    fn a_verb_with_an_aspect_marker_is_no_place() {
        let place = national_placer();
        assert_eq!(place("三明治开封后应尽快食用", "注意保质期。"), "cn");
        assert_eq!(place("开封举行文旅项目签约", "总投资10亿元。"), "d410200");
        assert_eq!(place("代表团到开封后考察项目", "考察三天。"), "d410200");
    }

    /// A three-character short form outweighs a two-character one.
    #[test]
    fn a_long_short_form_outweighs_a_two_character_one() {
        let place = national_placer();
        // 格尔木 over 盐湖 (运城's 盐湖区, and a salt lake).
        assert_eq!(
            place("格尔木盐湖提锂项目投产", "年产碳酸锂2万吨。"),
            "d632800"
        );
        assert_eq!(place("盐湖区项目签约", "总投资10亿元。"), "d140800");
    }
}
