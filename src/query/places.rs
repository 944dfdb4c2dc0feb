//! Zones the stored items name that the config lacks (`zonefeed places suggest`,
//! `/api/places/suggest`): each with how many items name it, its likely region and why,
//! and a ready-to-paste `[[zones]]` block.
//!
//! Invariants: a zone the config has (by name or alias, short forms expanded: 南通经开区
//! is 南通经济技术开发区) is never suggested; a name that no division and no built-in zone
//! places is suggested only when two items or more name it; ids never collide with the
//! config's or each other.

use std::collections::{BTreeMap, HashMap, HashSet};

use anyhow::Result;
use serde::{Deserialize, Serialize};

use crate::classify::Classifier;
use crate::config::Config;
use crate::model::Item;
use crate::parse::html_to_text;
use crate::places::zones::{Mention, place_of, zones_named};
use crate::store::{Selector, Store};

/// One zone to add, as `places suggest --json` prints it (one per line).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ZoneSuggestion {
    /// Other ways the items write it (南通经开区).
    pub aliases: Vec<String>,
    /// The `[[zones]]` block to paste into `config.toml`.
    pub block: String,
    /// Items naming it.
    pub items: usize,
    pub id: String,
    /// Official-looking full name: short suffixes expanded (经开区 -> 经济技术开发区).
    pub name: String,
    /// The region id it likely belongs to, and that region's name.
    pub region: String,
    pub region_name: String,
    /// Why that region: the division its name carries, the built-in list, or where most of
    /// its items were placed.
    pub why: String,
}

/// Short suffixes and their full forms, longest first.
const EXPAND: [(&str, &str); 5] = [
    ("经开区", "经济技术开发区"),
    ("高新区", "高新技术产业开发区"),
    ("综保区", "综合保税区"),
    ("自贸区", "自由贸易试验区"),
    ("经济开发区", "经济开发区"),
];

/// 南通经开区 -> 南通经济技术开发区.
pub fn full_name(name: &str) -> String {
    for (short, full) in EXPAND {
        if let Some(stem) = name.strip_suffix(short) {
            return format!("{stem}{full}");
        }
    }
    name.to_string()
}

/// The id's tail for a zone's kind, from its (full) name.
fn kind(name: &str) -> &'static str {
    const KINDS: [(&str, &str); 14] = [
        ("经济技术开发区", "etdz"),
        ("高新技术产业开发区", "hitech"),
        ("新技术产业开发区", "hitech"),
        ("新技术开发区", "hitech"),
        ("自由贸易试验区", "ftz"),
        ("片区", "ftz"),
        ("综合保税区", "bonded"),
        ("保税区", "bonded"),
        ("保税港区", "bonded"),
        ("工业园区", "ip"),
        ("新区", "new-area"),
        ("开发区", "dz"),
        ("合作区", "coop"),
        ("示范区", "demo"),
    ];
    KINDS
        .iter()
        .find(|(s, _)| name.ends_with(s))
        .map_or("zone", |(_, k)| k)
}

/// Suggestions from the whole store, most-named first.
pub fn suggest_zones(config: &Config, store: &Store) -> Result<Vec<ZoneSuggestion>> {
    let items = store.newest(&Selector::All, usize::MAX, |_| true)?;
    Ok(suggest(config, &items))
}

/// Suggestions from `items` (pure: the unit `suggest_zones` and the tests call).
pub fn suggest(config: &Config, items: &[Item]) -> Vec<ZoneSuggestion> {
    // The config's zones by every full name they are known by.
    let known: HashSet<String> = config
        .zones
        .iter()
        .flat_map(|z| std::iter::once(&z.name).chain(&z.aliases))
        .map(|n| full_name(n.trim()))
        .collect();
    struct Seen {
        written: BTreeMap<String, usize>,
        items: usize,
        place: Option<u32>,
        regions: HashMap<String, usize>,
    }
    let mut seen: BTreeMap<String, Seen> = BTreeMap::new();
    for item in items {
        let mut text = item.title.clone();
        for html in [&item.summary, &item.content].into_iter().flatten() {
            text.push('\n');
            text.push_str(&html_to_text(html));
        }
        let mut counted: HashSet<String> = HashSet::new();
        // The zone the page itself names (发布开发区), then those its text names.
        let page = item.placed_by.unknown_zone.as_deref().map(|z| Mention {
            name: z.to_string(),
            place: place_of(z),
        });
        for m in page.into_iter().chain(zones_named(&text)) {
            let full = full_name(&m.name);
            if known.contains(&full) || config.zone_by_name(&m.name).is_some() {
                continue;
            }
            let s = seen.entry(full.clone()).or_insert_with(|| Seen {
                written: BTreeMap::new(),
                items: 0,
                place: None,
                regions: HashMap::new(),
            });
            *s.written.entry(m.name.clone()).or_default() += 1;
            s.place = s.place.or(m.place);
            if counted.insert(full) {
                s.items += 1;
                *s.regions.entry(item.region.clone()).or_default() += 1;
            }
        }
    }
    let classifier = Classifier::new(config);
    let divisions = crate::places::divisions();
    let mut ids: HashSet<String> = config.zones.iter().map(|z| z.id.clone()).collect();
    let mut out = Vec::new();
    for (name, s) in seen {
        let by_place = s
            .place
            .and_then(|c| classifier.region_of_code(config, c).map(|r| (r, c)));
        let (region, why) = match by_place {
            Some((r, code)) => {
                let d = divisions.get(code).map_or("", |d| d.name.as_str());
                (r.to_string(), format!("its name says {d}"))
            }
            None => {
                // No division or built-in zone places it: a zone's kind (not a park such
                // as 生物医药产业园, which many cities have) named by two items or more.
                if s.items < 2 || kind(&name) == "zone" {
                    continue;
                }
                let Some((r, n)) = s
                    .regions
                    .iter()
                    .max_by(|a, b| a.1.cmp(b.1).then_with(|| b.0.cmp(a.0)))
                else {
                    continue;
                };
                (
                    r.clone(),
                    format!("{n} of its {} items are placed there", s.items),
                )
            }
        };
        let region_name = config
            .region(&region)
            .map_or(region.clone(), |r| r.name.clone());
        let base = format!("{region}-{}", kind(&name));
        let mut id = base.clone();
        let mut k = 2;
        while ids.contains(&id) {
            id = format!("{base}-{k}");
            k += 1;
        }
        ids.insert(id.clone());
        let aliases: Vec<String> = s.written.keys().filter(|w| **w != name).cloned().collect();
        let q = |v: &str| crate::escape::toml_string(v);
        let block = format!(
            "# {} items name it; likely in {region_name}: {why}\n[[zones]]\nid = {}\nname = {}\nregion = {}\naliases = [{}]\n",
            s.items,
            q(&id),
            q(&name),
            q(&region),
            aliases.iter().map(|a| q(a)).collect::<Vec<_>>().join(", ")
        );
        out.push(ZoneSuggestion {
            aliases,
            block,
            items: s.items,
            id,
            name,
            region,
            region_name,
            why,
        });
    }
    out.sort_by(|a, b| b.items.cmp(&a.items).then_with(|| a.name.cmp(&b.name)));
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::IdKind;
    use chrono::Utc;
    use std::path::Path;

    fn item(id: &str, title: &str, region: &str) -> Item {
        Item {
            id: id.into(),
            id_kind: IdKind::Guid,
            source: "s".into(),
            title: title.into(),
            link: None,
            published: Utc::now(),
            date_estimated: false,
            updated: None,
            summary: None,
            content: None,
            author: None,
            categories: vec![],
            region: region.into(),
            zone: None,
            first_seen: Utc::now(),
            seq: 0,
            article_pending: false,
            placed_by: Default::default(),
        }
    }

    #[test]
    fn zones_the_config_lacks_are_suggested_with_counts_and_regions() {
        let config = Config::parse(
            r#"
[[regions]]
id = "js"
code = "320000"
[[regions]]
id = "nt"
code = "320600"
[[regions]]
id = "sz"
code = "320500"
[[zones]]
id = "nt-hitech"
name = "南通高新技术产业开发区"
region = "nt"
[[sources]]
id = "s"
url = "file:s.xml"
region = "js"
"#,
            Path::new("c.toml"),
            Path::new("/"),
        )
        .unwrap_or_else(|e| panic!("{e}"));
        let items = [
            item("1", "南通经开区集中签约", "nt"),
            item("2", "南通经济技术开发区新项目开工", "nt"),
            item("3", "南通高新区召开大会", "nt"),
            item("4", "某某产业园区开园", "js"),
            item("5", "昆山高新区引进项目", "sz"),
        ];
        let s = suggest(&config, &items);
        let names: Vec<(&str, usize, &str)> = s
            .iter()
            .map(|x| (x.name.as_str(), x.items, x.region.as_str()))
            .collect();
        assert_eq!(
            names,
            vec![
                ("南通经济技术开发区", 2, "nt"),
                ("昆山高新技术产业开发区", 1, "sz")
            ],
            "the configured 南通高新区 and a placeless name seen once are not suggested"
        );
        assert_eq!(s[0].aliases, vec!["南通经开区".to_string()]);
        assert_eq!(s[0].id, "nt-etdz");
        // The block pastes into the config and checks.
        let pasted = format!(
            "{}\n{}",
            "[[regions]]\nid = \"js\"\ncode = \"320000\"\n[[regions]]\nid = \"nt\"\ncode = \"320600\"\n[[regions]]\nid = \"sz\"\ncode = \"320500\"\n",
            s.iter().map(|x| x.block.as_str()).collect::<String>()
        );
        let c = Config::parse(&pasted, Path::new("c.toml"), Path::new("/"))
            .unwrap_or_else(|e| panic!("{e}\n{pasted}"));
        assert_eq!(c.zones.len(), 2);
    }
}
