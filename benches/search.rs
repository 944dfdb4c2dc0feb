//! Search cost (issue 18): index throughput, and query latency p50/p99 over 100,000 stored
//! items, side by side with the baseline it replaces, a substring scan of the store.
//!
//! Real parts: a sled store on disk filled through `Store::upsert`, the tantivy index in
//! the same folder, and `zonefeed::search::search` as `/search` calls it (index, then the
//! 20 newest hits read from sled).
//!
//! `cargo bench --bench search -- [--items=N]` in release; `cargo test --bench search`
//! runs the same in the dev profile (what BENCHMARKS.md section 8 quotes when release
//! builds are not possible).

use std::time::Instant;

use chrono::{TimeZone, Utc};
use zonefeed::model::{IdKind, Item};
use zonefeed::store::{Selector, Store};

const PLACES: &[&str] = &[
    "苏州工业园区",
    "无锡高新区",
    "南京江北新区",
    "合肥经开区",
    "常州国家高新区",
    "上海临港新片区",
    "杭州钱塘新区",
    "宁波杭州湾新区",
    "南通经开区",
    "徐州经开区",
    "昆山开发区",
    "江阴高新区",
];
const SUBJECTS: &[&str] = &[
    "新能源汽车零部件项目",
    "光伏组件生产基地",
    "储能电池项目",
    "集成电路设计企业",
    "生物医药产业园",
    "系统集成服务项目",
    "人工智能创新中心",
    "海上风电装备产业园",
    "智能网联汽车测试区",
    "数字金融产业园",
    "半导体材料企业",
    "工程机械产业集群",
    "跨境电商产业园",
    "氢燃料电池项目",
    "机器人产业园",
];
const ACTIONS: &[&str] = &[
    "签约",
    "开工",
    "投产",
    "竣工",
    "揭牌",
    "落户",
    "扩产",
    "完成融资",
    "举行招聘会",
    "通过验收",
];
const SUMMARIES: &[&str] = &[
    "总投资二十亿元，达产后年产值五十亿元。",
    "项目建成后将带动上下游企业集聚发展。",
    "管委会主要负责同志出席活动并致辞。",
    "该项目是今年全区重点招商引资项目之一。",
    "企业负责人表示将持续加大研发投入。",
];
const QUERIES: &[&str] = &[
    "新能源",
    "集成电路",
    "储能 OR 光伏",
    "新能源 -招聘",
    "\"生物医药产业园\"",
    "苏州 签约",
    "ai",
    "系统集成",
    "氢燃料",
    "跨境电商",
    "半导体 材料",
    "机器人",
    "海上风电",
    "融资",
    "验收",
    "智能网联汽车",
    "无锡 投产",
    "数字金融",
    "工程机械",
    "揭牌",
];

/// A small deterministic generator (no dependency for a benchmark's shuffling).
struct Lcg(u64);
impl Lcg {
    fn pick<'a>(&mut self, v: &[&'a str]) -> &'a str {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        v[((self.0 >> 33) as usize) % v.len()]
    }
}

fn item(n: usize, rng: &mut Lcg) -> Item {
    let t =
        Utc.with_ymd_and_hms(2020, 1, 1, 0, 0, 0).unwrap() + chrono::Duration::minutes(n as i64);
    let title = format!(
        "{}{}{}",
        rng.pick(PLACES),
        rng.pick(SUBJECTS),
        rng.pick(ACTIONS)
    );
    let summary = format!("{}{}", rng.pick(SUMMARIES), rng.pick(SUMMARIES));
    Item {
        id: format!("i{n}"),
        id_kind: IdKind::Guid,
        source: format!("s{}", n % 100),
        title,
        link: Some(format!("https://example.cn/{n}")),
        published: t,
        date_estimated: false,
        updated: None,
        summary: Some(summary),
        content: None,
        author: None,
        categories: vec![],
        region: if n % 2 == 0 {
            "suzhou".into()
        } else {
            "wuxi".into()
        },
        zone: None,
        first_seen: t,
        seq: 0,
        article_pending: false,
        placed_by: Default::default(),
    }
}

fn percentile(v: &mut [f64], p: f64) -> f64 {
    v.sort_by(|a, b| a.total_cmp(b));
    let i = ((v.len() as f64 - 1.0) * p).round() as usize;
    v[i]
}

fn main() {
    let n: usize = std::env::args()
        .find_map(|a| a.strip_prefix("--items=").and_then(|v| v.parse().ok()))
        .unwrap_or(100_000);
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::write(
        dir.path().join("config.toml"),
        "[service]\ndata_dir = \"data\"\n[[regions]]\nid = \"jiangsu\"\nname = \"江苏省\"\n\
         [[regions]]\nid = \"suzhou\"\nname = \"苏州市\"\nparent = \"jiangsu\"\n\
         [[regions]]\nid = \"wuxi\"\nname = \"无锡市\"\nparent = \"jiangsu\"\n",
    )
    .expect("config");
    let config = zonefeed::config::Config::load(&dir.path().join("config.toml")).expect("config");
    let store = Store::open(&config.service.data_dir).expect("store");
    let mut rng = Lcg(18);
    let started = Instant::now();
    for chunk in (0..n).collect::<Vec<_>>().chunks(1000) {
        let batch: Vec<Item> = chunk.iter().map(|&i| item(i, &mut rng)).collect();
        store.upsert(&batch, Utc::now()).expect("upsert");
    }
    let store_s = started.elapsed().as_secs_f64();
    let index = zonefeed::search::open(&config).expect("index");
    let started = Instant::now();
    let indexed = zonefeed::search::catch_up(&config, &store, &index).expect("catch up");
    let index_s = started.elapsed().as_secs_f64();
    assert_eq!(indexed, n);
    println!("| items | store write | index (catch-up from sled) | index size |");
    println!("| --- | --- | --- | --- |");
    let size: u64 = std::fs::read_dir(index.dir())
        .map(|d| {
            d.flatten()
                .filter_map(|e| e.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0);
    println!(
        "| {n} | {store_s:.1} s | {index_s:.1} s ({:.0} items/s) | {:.1} MB |",
        n as f64 / index_s,
        size as f64 / 1e6
    );

    // Search: every query five times (100 samples), 20 newest hits, items read from sled.
    let mut search_ms = Vec::new();
    let mut hits = 0;
    for _ in 0..5 {
        for q in QUERIES {
            let t = Instant::now();
            let found = zonefeed::search::search(
                &config,
                &store,
                &index,
                q,
                &zonefeed::search::Filter::default(),
                20,
            )
            .expect("search");
            search_ms.push(t.elapsed().as_secs_f64() * 1000.0);
            hits += found.len();
        }
    }
    // Baseline: the substring filter digests use today, over the store newest first, for
    // the first word of each query (the most it can do), once per query.
    let mut scan_ms = Vec::new();
    for q in QUERIES {
        let word = q
            .split_whitespace()
            .next()
            .unwrap_or(q)
            .trim_matches('"')
            .to_lowercase();
        let t = Instant::now();
        let found = store
            .newest(&Selector::All, 20, |i| {
                i.title.to_lowercase().contains(&word)
                    || i.summary.as_deref().is_some_and(|s| s.contains(&word))
            })
            .expect("scan");
        scan_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        std::hint::black_box(found);
    }
    println!();
    println!("| over {n} items, 20 newest hits | p50 | p99 | samples |");
    println!("| --- | --- | --- | --- |");
    println!(
        "| tantivy search (index + 20 sled reads) | {:.2} ms | {:.2} ms | {} ({hits} hits) |",
        percentile(&mut search_ms, 0.5),
        percentile(&mut search_ms, 0.99),
        search_ms.len()
    );
    println!(
        "| substring scan of the store | {:.2} ms | {:.2} ms | {} |",
        percentile(&mut scan_ms, 0.5),
        percentile(&mut scan_ms, 0.99),
        scan_ms.len()
    );
}
