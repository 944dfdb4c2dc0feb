//! The hand-made labelled set for story detection (tests/stories/labelled.json): loading,
//! the config its items are placed in, storing it, and scoring the stories formed over all
//! pairs of items. Shared by tests/stories.rs and the `stories` benchmark.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use serde_json::Value;
use zonefeed::model::{IdKind, Item};
use zonefeed::store::Store;

pub fn labelled() -> Value {
    load("labelled.json")
}

/// The set written blind (tests/stories/blind.json: by a helper that had not read
/// src/stories/).
pub fn blind() -> Value {
    load("blind.json")
}

fn load(name: &str) -> Value {
    let path = std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/stories")
        .join(name);
    serde_json::from_slice(&std::fs::read(&path).expect(name)).expect("json")
}

/// The third set (tests/stories/blind2.json), written blind by another helper after the
/// rules were tuned on the first two.
pub fn blind2() -> Value {
    load("blind2.json")
}

/// The sets as one: items, sources and near misses together, each group prefixed with its
/// set's name (`labelled:G1`, `blind:G1`) so groups of two sets never meet, and each item's
/// `half` saying which set it came from.
pub fn whole() -> Value {
    let mut out = serde_json::json!({"items": [], "sources": {}, "near_misses": []});
    for (half, set) in [
        ("labelled", labelled()),
        ("blind", blind()),
        ("blind2", blind2()),
    ] {
        for item in set["items"].as_array().expect("items") {
            let mut item = item.clone();
            let group = format!("{half}:{}", item["group"].as_str().unwrap_or_default());
            item["group"] = Value::String(group);
            item["half"] = Value::String(half.to_string());
            if let Some(items) = out["items"].as_array_mut() {
                items.push(item);
            }
        }
        if let (Some(all), Some(these)) =
            (out["sources"].as_object_mut(), set["sources"].as_object())
        {
            for (k, v) in these {
                all.insert(k.clone(), v.clone());
            }
        }
        if let (Some(all), Some(these)) = (
            out["near_misses"].as_array_mut(),
            set["near_misses"].as_array(),
        ) {
            all.extend(these.iter().cloned());
        }
    }
    out
}

/// The regions and zones the set's items are placed in, and its sources with their names.
pub fn config_text(set: &Value) -> String {
    let mut c = String::from(
        r#"[[regions]]
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
[[regions]]
id = "kunshan"
name = "昆山市"
parent = "suzhou"
[[regions]]
id = "wuxi"
name = "无锡市"
parent = "jiangsu"
[[regions]]
id = "jiangyin"
name = "江阴市"
parent = "wuxi"
[[regions]]
id = "nanjing"
name = "南京市"
parent = "jiangsu"
[[regions]]
id = "zhejiang"
name = "浙江省"
[[regions]]
id = "ningbo"
name = "宁波市"
parent = "zhejiang"
[[zones]]
id = "nantong-hitech"
name = "南通高新技术产业开发区"
region = "nantong"
aliases = ["南通高新区"]
[[zones]]
id = "nantong-etdz"
name = "南通经济技术开发区"
region = "nantong"
aliases = ["南通经开区", "南通开发区"]
[[zones]]
id = "suzhou-sip"
name = "苏州工业园区"
region = "suzhou"
aliases = ["苏州园区"]
[[zones]]
id = "kunshan-etdz"
name = "昆山经济技术开发区"
region = "kunshan"
aliases = ["昆山开发区"]
[[zones]]
id = "wuxi-hitech"
name = "无锡高新技术产业开发区"
region = "wuxi"
aliases = ["无锡高新区", "新吴区"]
[[zones]]
id = "ningbo-etdz"
name = "宁波经济技术开发区"
region = "ningbo"
aliases = ["宁波开发区", "北仑"]
[[zones]]
id = "jiangyin-hitech"
name = "江阴高新技术产业开发区"
region = "jiangyin"
aliases = ["江阴高新区"]
[[zones]]
id = "nanjing-jiangbei"
name = "南京江北新区"
region = "nanjing"
aliases = ["江北新区"]
"#,
    );
    if let Some(sources) = set["sources"].as_object() {
        for (id, s) in sources {
            c.push_str(&format!(
                "[[sources]]\nid = \"{id}\"\nname = \"{}\"\nurl = \"file:{id}.xml\"\nregion = \"{}\"\n",
                s["name"].as_str().unwrap_or(id),
                s["region"].as_str().unwrap_or("jiangsu"),
            ));
            if let Some(z) = s["zone"].as_str() {
                c.push_str(&format!("zone = \"{z}\"\n"));
            }
        }
    }
    c
}

pub fn item_of(v: &Value) -> Item {
    let s = |k: &str| v[k].as_str().map(str::to_string);
    let published = DateTime::parse_from_rfc3339(v["published"].as_str().unwrap_or_default())
        .map(|d| d.with_timezone(&Utc))
        .unwrap_or_default();
    Item {
        id: s("id").unwrap_or_default(),
        id_kind: IdKind::Guid,
        source: s("source").unwrap_or_default(),
        title: s("title").unwrap_or_default(),
        link: s("link"),
        published,
        date_estimated: false,
        updated: None,
        summary: s("summary"),
        content: s("content"),
        author: None,
        categories: vec![],
        region: s("region").unwrap_or_default(),
        zone: s("zone"),
        first_seen: published,
        seq: 0,
        article_pending: false,
        placed_by: Default::default(),
    }
}

pub struct Scores {
    pub items: usize,
    pub groups: usize,
    pub near_misses: usize,
    pub true_pairs: usize,
    pub merged_right: usize,
    pub false_merges: Vec<(String, String)>,
    pub missed: Vec<(String, String)>,
}

pub fn score(set: &Value, items: &[(Item, String)], story: &HashMap<String, String>) -> Scores {
    let mut s = Scores {
        items: items.len(),
        groups: 0,
        near_misses: set["near_misses"].as_array().map_or(0, Vec::len),
        true_pairs: 0,
        merged_right: 0,
        false_merges: vec![],
        missed: vec![],
    };
    let mut sizes: HashMap<&str, usize> = HashMap::new();
    for (_, g) in items {
        *sizes.entry(g).or_default() += 1;
    }
    s.groups = sizes.values().filter(|n| **n > 1).count();
    for (i, (a, ga)) in items.iter().enumerate() {
        for (b, gb) in &items[i + 1..] {
            let same_story = story.get(&a.id) == story.get(&b.id);
            match (ga == gb, same_story) {
                (true, true) => {
                    s.true_pairs += 1;
                    s.merged_right += 1;
                }
                (true, false) => {
                    s.true_pairs += 1;
                    s.missed.push((a.id.clone(), b.id.clone()));
                }
                (false, true) => s.false_merges.push((a.id.clone(), b.id.clone())),
                (false, false) => {}
            }
        }
    }
    s
}

impl Scores {
    pub fn precision(&self) -> f64 {
        let merged = self.merged_right + self.false_merges.len();
        if merged == 0 {
            1.0
        } else {
            self.merged_right as f64 / merged as f64
        }
    }

    pub fn recall(&self) -> f64 {
        self.merged_right as f64 / self.true_pairs.max(1) as f64
    }
}

/// The set's items with their groups, in date order.
pub fn items_of(set: &Value) -> Vec<(Item, String)> {
    let mut items: Vec<(Item, String)> = set["items"]
        .as_array()
        .expect("items")
        .iter()
        .map(|v| {
            (
                item_of(v),
                v["group"].as_str().unwrap_or_default().to_string(),
            )
        })
        .collect();
    items.sort_by_key(|(i, _)| i.published);
    items
}

/// Stores items one document each, in the order given, each stored when it was published,
/// with story detection on.
pub fn store_each(config: &zonefeed::config::Config, store: &Store, items: &[(Item, String)]) {
    let rules = config.story_rules().expect("stories on");
    for (item, _) in items {
        store
            .upsert_with(std::slice::from_ref(item), item.published, Some(&rules))
            .expect("store");
    }
}

/// Stores the labelled items in date order (one document per item, stored when it was
/// published) with story detection on, and scores the stories formed over all pairs.
pub fn run(
    config: &zonefeed::config::Config,
    store: &Store,
    set: &Value,
) -> (Vec<(Item, String)>, HashMap<String, String>, Scores) {
    let items = items_of(set);
    store_each(config, store, &items);
    let story = stories_of(store, &items);
    let s = score(set, &items, &story);
    (items, story, s)
}

/// Each item's story id.
pub fn stories_of(store: &Store, items: &[(Item, String)]) -> HashMap<String, String> {
    items
        .iter()
        .map(|(i, _)| {
            let (sid, _) = store.story_of_item(&i.source, &i.id).expect("story");
            (i.id.clone(), format!("{sid:?}"))
        })
        .collect()
}
