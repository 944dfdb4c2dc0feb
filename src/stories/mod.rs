//! Stories: which stored items are copies of one news story, reposted across sites with a
//! 【签约】 label, a （来源：南通日报） note, an extra photo, a 责任编辑 line, a paragraph more
//! or less, or a rewritten headline.
//!
//! Pure functions only: text in, values out. The store keeps the index these produce
//! (`store::stories`), in the same transaction as the item; publishing and digests read it.
//!
//! # Layout
//!
//! - this file: the `[stories]` settings and the rules one config gives ([`Rules`]);
//! - `normalize`: title and link keys, body paragraphs without what reposts add;
//! - `features`: an item's shingles and the keys it is filed under (link, title, key
//!   sentences);
//! - `facts`: the numbers, dates and places a text states, each in its slot;
//! - `decide`: whether two items are one story, and why.
//!
//! Why not the `gaoya` crate: its MinHash LSH index lives in memory and would be rebuilt at
//! every start and kept out of the item transaction; here the keys are plain keys in sled,
//! written with the item, so a crash never leaves an item its copies cannot find.

mod decide;
mod facts;
mod features;
mod lexicon;
mod normalize;

use std::time::Duration;

pub use decide::{Apart, Measures, Reason, Verdict, compare, measures};
pub(crate) use features::MIN_TITLE_CHARS;
pub use features::{Features, posting_keys};
pub use lexicon::Lexicon;
pub use normalize::{body_paragraphs, link_key, title_key};

/// `[stories]` in config.toml.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Settings {
    /// Off: every item is its own entry, as before stories existed.
    pub enabled: bool,
    /// Copies further apart than this (by their dates) are not compared.
    pub window: Duration,
}

impl Default for Settings {
    fn default() -> Settings {
        Settings {
            enabled: true,
            window: Duration::from_secs(7 * 86_400),
        }
    }
}

/// What detection needs from one config: the window and the place names it knows.
pub struct Rules {
    pub window: chrono::Duration,
    pub lexicon: Lexicon,
    /// Unique per value made: features cached under one set of rules are not used with
    /// another (store/feature_cache.rs).
    pub(crate) id: u64,
}

impl Rules {
    pub fn new(window: Duration, lexicon: Lexicon) -> Rules {
        static NEXT: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        Rules {
            window: chrono::Duration::from_std(window).unwrap_or(chrono::Duration::days(7)),
            lexicon,
            id: NEXT.fetch_add(1, std::sync::atomic::Ordering::Relaxed),
        }
    }
}

/// Version of the rules the stored index was built with; a store built with another is
/// rebuilt (features, keys and thresholds are part of what is stored).
/// 3: items filed under key sentences instead of MinHash bands.
pub const RULES_VERSION: u32 = 3;

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{IdKind, Item};
    use chrono::{DateTime, Utc};

    fn item(title: &str, body: &str, zone: Option<&str>, day: u32) -> Item {
        let t = DateTime::parse_from_rfc3339(&format!("2026-09-{day:02}T08:00:00+08:00"))
            .map(|d| d.with_timezone(&Utc))
            .unwrap_or_default();
        Item {
            id: title.into(),
            id_kind: IdKind::Guid,
            source: "s".into(),
            title: title.into(),
            link: None,
            published: t,
            date_estimated: false,
            updated: None,
            summary: None,
            content: Some(body.into()),
            author: None,
            categories: vec![],
            region: "nantong".into(),
            zone: zone.map(String::from),
            first_seen: t,
            seq: 0,
            article_pending: false,
            placed_by: Default::default(),
        }
    }

    fn rules() -> Rules {
        Rules::new(
            Duration::from_secs(7 * 86_400),
            Lexicon::new([
                ("南通高新区".to_string(), "z:nt".to_string()),
                ("南通高新技术产业开发区".to_string(), "z:nt".to_string()),
            ]),
        )
    }

    const BODY: &str = "<p>9月28日上午，南通高新区举行重大项目集中签约仪式，12个先进制造业项目现场签约，\
        总投资52亿元，涵盖新一代信息技术、高端装备和新材料等领域。</p>\
        <p>区党工委书记在致辞中表示，将以最优服务保障项目早开工、早投产、早见效。</p>";

    fn verdict(a: &Item, b: &Item) -> Verdict {
        let r = rules();
        let (fa, fb) = (Features::of(a, &r.lexicon), Features::of(b, &r.lexicon));
        let v = compare(&fa, &fb, r.window);
        assert_eq!(v, compare(&fb, &fa, r.window), "symmetric");
        v
    }

    #[test]
    fn a_labelled_repost_a_day_later_is_the_same_story() {
        let a = item("南通高新区12个重大项目集中签约", BODY, Some("nt"), 28);
        let b = item(
            "【签约】南通高新区12个重大项目集中签约（图）",
            &format!(
                "{BODY}<p><img src=\"x.jpg\"></p><p>图为签约现场。</p><p>（来源：南通日报）</p><p>责任编辑：王五</p>"
            ),
            None,
            29,
        );
        assert!(matches!(verdict(&a, &b), Verdict::Same(Reason::Title, _)));
        let c = item("总投资52亿元！这些项目落户南通高新区", BODY, Some("nt"), 29);
        assert!(matches!(verdict(&a, &c), Verdict::Same(Reason::Text, _)));
    }

    #[test]
    fn templated_news_with_other_figures_or_places_stays_apart() {
        let a = item("南通高新区12个重大项目集中签约", BODY, Some("nt"), 28);
        let other_zone = item(
            "南通经开区12个重大项目集中签约",
            &BODY.replace("南通高新区", "南通经开区"),
            Some("etdz"),
            28,
        );
        assert!(matches!(verdict(&a, &other_zone), Verdict::Apart(_)));
        // The same document on another zone's site is one story, placed in both zones.
        let reposted = item("南通高新区12个重大项目集中签约", BODY, Some("etdz"), 28);
        assert!(matches!(
            verdict(&a, &reposted),
            Verdict::Same(Reason::Document, _)
        ));
        let edited = item(
            "南通高新区12个重大项目集中签约",
            &BODY.replace("区党工委书记在致辞中表示", "会上有关负责人表示"),
            Some("etdz"),
            28,
        );
        assert_eq!(verdict(&a, &edited), Verdict::Apart(Apart::Zones));
        let figures = item(
            "南通高新区12个重大项目集中签约",
            &BODY.replace("12个", "15个").replace("52亿", "61亿"),
            Some("nt"),
            28,
        );
        assert_eq!(verdict(&a, &figures), Verdict::Apart(Apart::BodyFacts));
        let month = |m: &str| {
            item(
                &format!("{m}月份经济运行情况"),
                &format!(
                    "<p>{m}月份，全区规上工业增加值同比增长5.2%，固定资产投资增长8.1%，\
                          社会消费品零售总额增长4.4%，主要指标保持平稳。</p>"
                ),
                None,
                20,
            )
        };
        assert_eq!(
            verdict(&month("8"), &month("9")),
            Verdict::Apart(Apart::TitleFacts)
        );
        // One site's shared link (a list page) is not one article; two sites' is.
        let mut first = item("重复链接 甲", "", None, 20);
        first.link = Some("http://x.cn/list.html".into());
        let mut second = item("重复链接 乙", "", None, 20);
        second.link = first.link.clone();
        assert_eq!(verdict(&first, &second), Verdict::Apart(Apart::Dissimilar));
        second.source = "other".into();
        assert!(matches!(
            verdict(&first, &second),
            Verdict::Same(Reason::Link, _)
        ));
        let far = item("南通高新区12个重大项目集中签约", BODY, Some("nt"), 1);
        assert_eq!(verdict(&a, &far), Verdict::Apart(Apart::Window));
    }
}
