//! The leaf the story rules share: the place names they recognise ([`Lexicon`]: zones from
//! the config, and the countries foreign-investment news names) and the fixed hashes every
//! stored key is made with (FNV-1a, SplitMix64's finaliser; never `std`'s randomised ones,
//! since the keys live in sled).

use aho_corasick::{AhoCorasick, MatchKind};

use super::normalize::fold;

/// Countries and regions that news of foreign investment names.
pub(crate) const COUNTRIES: &[&str] = &[
    "美国",
    "德国",
    "日本",
    "韩国",
    "新加坡",
    "法国",
    "英国",
    "意大利",
    "荷兰",
    "瑞士",
    "瑞典",
    "丹麦",
    "芬兰",
    "挪威",
    "比利时",
    "奥地利",
    "西班牙",
    "以色列",
    "澳大利亚",
    "新西兰",
    "加拿大",
    "俄罗斯",
    "印度",
    "越南",
    "泰国",
    "马来西亚",
    "印度尼西亚",
    "印尼",
    "菲律宾",
    "沙特",
    "阿联酋",
    "巴西",
    "墨西哥",
    "香港",
    "澳门",
    "台湾",
    "欧洲",
    "欧盟",
    "东南亚",
    "中东",
    "非洲",
    "拉美",
];

/// Place names to recognise, each mapped to what it means (a zone's name and its aliases
/// map to the zone, so `南通高新区` and `南通高新技术产业开发区` are one place).
pub struct Lexicon {
    pub(super) matcher: Option<AhoCorasick>,
    pub(super) meaning: Vec<String>,
}

impl Lexicon {
    /// `names`: (name as written, what it means), e.g. ("南通高新区", "z:nantong-hitech").
    /// Countries and regions investors come from are always known (delegations, foreign
    /// investment: "德国企业代表团" / "新加坡企业代表团").
    pub fn new(names: impl IntoIterator<Item = (String, String)>) -> Lexicon {
        let mut patterns = Vec::new();
        let mut meaning = Vec::new();
        let builtin = COUNTRIES.iter().map(|c| (c.to_string(), format!("c:{c}")));
        for (name, means) in names.into_iter().chain(builtin) {
            let name = fold(name.trim());
            if name.chars().count() >= 2 {
                patterns.push(name);
                meaning.push(means);
            }
        }
        let matcher = (!patterns.is_empty())
            .then(|| {
                AhoCorasick::builder()
                    .match_kind(MatchKind::LeftmostLongest)
                    .build(&patterns)
                    .ok()
            })
            .flatten();
        Lexicon { matcher, meaning }
    }

    pub fn empty() -> Lexicon {
        Lexicon {
            matcher: None,
            meaning: Vec::new(),
        }
    }
}

/// SplitMix64's finaliser: a bijective mix of 64 bits.
pub(crate) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

/// FNV-1a over the bytes, then mixed (FNV alone spreads short keys poorly).
pub(crate) fn hash_bytes(b: &[u8]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for x in b {
        h ^= u64::from(*x);
        h = h.wrapping_mul(0x0000_0100_0000_01b3);
    }
    mix(h)
}
