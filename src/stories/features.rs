//! What one item brings to a comparison ([`Features`]): its title and link keys, the
//! character shingles of its body with their weights, the facts it states (numbers, dates
//! and place names, each in its slot), and the keys under which the store files it
//! ([`posting_keys`]: link, title, and MinHash LSH bands of the body).
//!
//! Invariants: pure and deterministic across runs and machines (the keys are stored in
//! sled): hashes are FNV-1a and SplitMix64 written out here, never `std`'s randomised ones.
//! A shingle is three letters or digits of the folded body (punctuation and spaces
//! removed); one that touches a number or a place name weighs [`FACT_WEIGHT`], so two
//! templated reports that differ only in their figures or their zone share much text but
//! little weight.

use std::collections::HashMap;

use aho_corasick::{AhoCorasick, MatchKind};
use chrono::{DateTime, Utc};

use super::normalize::{body_paragraphs, fold, link_key, title_key};
use crate::model::Item;

/// Weight of a shingle that contains a digit or part of a place name (others weigh 1).
/// 4 measured on the labelled set (tests/stories.rs): at 2 two monthly reports that share
/// their template still reached the text threshold on their text alone; at 8 an article
/// whose copy adds one paragraph of figures fell below it.
pub(crate) const FACT_WEIGHT: u32 = 4;

/// MinHash signature: `BANDS` bands of `ROWS` minima. Two bodies land in one bucket of a
/// band with probability J^ROWS, so in at least one of 32 bands with 1-(1-J^3)^32: 0.99 at
/// Jaccard 0.5, 0.88 at 0.4, 0.58 at 0.3. Candidates are then compared exactly, so
/// catching templated near-misses as candidates costs a comparison, never a false merge.
pub(crate) const BANDS: usize = 32;
pub(crate) const ROWS: usize = 3;

/// Bodies shorter than this many shingles are not compared as text (a caption or a one-line
/// summary says too little: two notices "详见附件" would match). About 40 characters.
pub(crate) const MIN_BODY_SHINGLES: usize = 40;

/// Titles shorter than this (after [`title_key`]) are not matched by title alone: "工作动态",
/// "通知公告" are headings, not stories.
pub(crate) const MIN_TITLE_CHARS: usize = 8;

/// Place names to recognise, each mapped to what it means (a zone's name and its aliases
/// map to the zone, so `南通高新区` and `南通高新技术产业开发区` are one place).
pub struct Lexicon {
    matcher: Option<AhoCorasick>,
    meaning: Vec<String>,
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

/// A number or a place, in its slot: the two characters before and after it (digits read
/// as `#`), in the title or the body. Two texts with the same slot filled differently
/// ("8月份" / "9月份", "南通高新区召开" / "南通经开区召开") say different things.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Fact {
    pub slot: u64,
    pub value: u64,
    pub place: bool,
    /// A place the lexicon knows (a zone, a region, a country), not a generic word.
    pub known: bool,
    /// A number that dates something: followed by 年, 月, 日, 号 or 时.
    pub date: bool,
}

/// One item as the comparison sees it.
#[derive(Debug, Clone)]
pub struct Features {
    pub title_key: String,
    pub link_key: Option<String>,
    /// Shingle hashes of the title, sorted, unique (for titles that are close, not equal).
    pub(crate) title_shingles: Vec<u64>,
    /// Shingle hashes of the body with their weights, sorted by hash, unique.
    pub(crate) body: Vec<(u64, u32)>,
    /// The same per paragraph, to tell a copy (whole paragraphs kept, added or dropped)
    /// from a template filled in again (every paragraph a little different).
    pub(crate) paragraphs: Vec<Vec<(u64, u32)>>,
    pub(crate) title_facts: Vec<Fact>,
    pub(crate) body_facts: Vec<Fact>,
    /// Place names in the title (their meanings), sorted, unique.
    pub(crate) title_places: Vec<u64>,
    pub zone: Option<String>,
    pub published: DateTime<Utc>,
    pub source: String,
}

impl Features {
    pub fn of(item: &Item, lexicon: &Lexicon) -> Features {
        let title = fold(&item.title);
        let body_html = match (&item.content, &item.summary) {
            (Some(c), _) if !c.trim().is_empty() => c.as_str(),
            (_, Some(s)) => s.as_str(),
            _ => "",
        };
        let paragraphs = body_paragraphs(body_html);
        // The title often opens the body again; a copy that drops that line is no different.
        let title_alnum: String = title.chars().filter(|c| c.is_alphanumeric()).collect();
        let paragraphs: Vec<&String> = paragraphs
            .iter()
            .filter(|p| {
                let alnum: String = p.chars().filter(|c| c.is_alphanumeric()).collect();
                alnum != title_alnum
            })
            .collect();
        let body_text: Vec<char> = paragraphs
            .iter()
            .flat_map(|p| p.chars().chain(std::iter::once('\n')))
            .collect();
        let per_paragraph: Vec<Vec<(u64, u32)>> = paragraphs
            .iter()
            .map(|p| {
                let chars: Vec<char> = p.chars().filter(|c| !c.is_whitespace()).collect();
                let (spans, _) = facts(&chars, lexicon, b'P');
                weighted_set(shingles(&chars, &spans))
            })
            .filter(|p| !p.is_empty())
            .collect();
        let title_chars: Vec<char> = title.chars().filter(|c| !c.is_whitespace()).collect();
        let (title_spans, title_facts) = facts(&title_chars, lexicon, b'T');
        let body_chars: Vec<char> = body_text
            .iter()
            .copied()
            .filter(|c| !c.is_whitespace() || *c == '\n')
            .collect();
        let (body_spans, body_facts) = facts(&body_chars, lexicon, b'B');
        let mut title_places: Vec<u64> = title_facts
            .iter()
            .filter(|f| f.known)
            .map(|f| f.value)
            .collect();
        title_places.sort_unstable();
        title_places.dedup();
        let mut title_shingles: Vec<u64> = shingles(&title_chars, &title_spans)
            .into_iter()
            .map(|(h, _)| h)
            .collect();
        title_shingles.sort_unstable();
        title_shingles.dedup();
        Features {
            title_key: title_key(&item.title),
            link_key: item.link.as_deref().and_then(link_key),
            title_shingles,
            body: weighted_set(shingles(&body_chars, &body_spans)),
            paragraphs: per_paragraph,
            title_facts,
            body_facts,
            title_places,
            zone: item.zone.clone(),
            published: item.published,
            source: item.source.clone(),
        }
    }

    /// Enough body to compare as text.
    pub(crate) fn has_body(&self) -> bool {
        self.body.len() >= MIN_BODY_SHINGLES
    }
}

/// Keys under which an item is filed to be found by its later copies: its link key, its
/// title key (when long enough to mean something) and one per LSH band of its body.
/// Each key is 10 bytes: a kind (`l`, `t`, `b`), the band number, then a 64-bit hash.
pub fn posting_keys(f: &Features) -> Vec<[u8; 10]> {
    let mut keys = Vec::with_capacity(BANDS + 2);
    let key = |kind: u8, band: u8, h: u64| {
        let mut k = [0u8; 10];
        k[0] = kind;
        k[1] = band;
        k[2..].copy_from_slice(&h.to_be_bytes());
        k
    };
    if let Some(l) = &f.link_key {
        keys.push(key(b'l', 0, hash_bytes(l.as_bytes())));
    }
    if f.title_key.chars().count() >= MIN_TITLE_CHARS {
        keys.push(key(b't', 0, hash_bytes(f.title_key.as_bytes())));
    }
    if f.has_body() {
        for (band, h) in lsh_bands(&f.body).into_iter().enumerate() {
            keys.push(key(b'b', band as u8, h));
        }
    }
    keys
}

/// The hash of each band of the body's MinHash signature.
fn lsh_bands(body: &[(u64, u32)]) -> Vec<u64> {
    let mut mins = [u64::MAX; BANDS * ROWS];
    for (h, _) in body {
        for (i, m) in mins.iter_mut().enumerate() {
            // One independent permutation per row: h xor a per-row seed, mixed.
            let v = mix(h ^ SEEDS[i]);
            if v < *m {
                *m = v;
            }
        }
    }
    mins.chunks(ROWS)
        .enumerate()
        .map(|(band, rows)| {
            let mut bytes = Vec::with_capacity(ROWS * 8 + 1);
            bytes.push(band as u8);
            for r in rows {
                bytes.extend_from_slice(&r.to_be_bytes());
            }
            hash_bytes(&bytes)
        })
        .collect()
}

/// Per-row seeds of the MinHash permutations, fixed forever (they are part of stored keys).
static SEEDS: [u64; BANDS * ROWS] = {
    let mut s = [0u64; BANDS * ROWS];
    let mut i = 0;
    while i < s.len() {
        s[i] = mix_const(0x5A4F_4E45_4645_4544 ^ (i as u64).wrapping_mul(0x9E37_79B9_7F4A_7C15));
        i += 1;
    }
    s
};

/// SplitMix64's finaliser: a bijective mix of 64 bits.
pub(crate) fn mix(mut z: u64) -> u64 {
    z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
    z ^ (z >> 31)
}

const fn mix_const(mut z: u64) -> u64 {
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

/// Three-character shingles of the letters and digits of `chars`, each with its weight:
/// [`FACT_WEIGHT`] when one of its characters is a digit or inside a place name (`spans`).
fn shingles(chars: &[char], spans: &[(usize, usize)]) -> Vec<(u64, u32)> {
    let mut in_fact = vec![false; chars.len()];
    for &(s, e) in spans {
        for f in in_fact.iter_mut().take(e).skip(s) {
            *f = true;
        }
    }
    let kept: Vec<(char, bool)> = chars
        .iter()
        .zip(&in_fact)
        .filter(|(c, _)| c.is_alphanumeric())
        .map(|(c, f)| (*c, *f || c.is_ascii_digit()))
        .collect();
    kept.windows(3)
        .map(|w| {
            let packed = u64::from(w[0].0) | (u64::from(w[1].0) << 21) | (u64::from(w[2].0) << 42);
            let weight = if w.iter().any(|(_, f)| *f) {
                FACT_WEIGHT
            } else {
                1
            };
            (mix(packed), weight)
        })
        .collect()
}

fn weighted_set(mut v: Vec<(u64, u32)>) -> Vec<(u64, u32)> {
    v.sort_unstable();
    // Sorted by (hash, weight): keep the last, the heaviest, of equal hashes.
    let mut out: Vec<(u64, u32)> = Vec::with_capacity(v.len());
    for (h, w) in v {
        match out.last_mut() {
            Some(last) if last.0 == h => last.1 = last.1.max(w),
            _ => out.push((h, w)),
        }
    }
    out
}

/// Countries and regions that news of foreign investment names.
const COUNTRIES: &[&str] = &[
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

/// Generic place words a lexicon may not know: a zone, a park, a city or a county after
/// two Han characters (`南通经开区`, `昆山开发区`, `如皋市`).
const PLACE_SUFFIXES: &[&str] = &[
    "高新技术产业开发区",
    "经济技术开发区",
    "高新区",
    "经开区",
    "开发区",
    "工业园区",
    "产业园",
    "新区",
    "保税区",
    "综保区",
    "自贸区",
    "港区",
    "市",
    "县",
];

/// Words ending in 市 or 县 that are not places (市场, 城市 …): the character after 市/县.
const NOT_PLACE_AFTER: &[char] = &[
    '场', '民', '委', '政', '长', '级', '域', '内', '外', '值', '属',
];

/// Facts of a text and the character spans of its places and numbers.
fn facts(chars: &[char], lexicon: &Lexicon, part: u8) -> (Vec<(usize, usize)>, Vec<Fact>) {
    // (start, end, value, is place, known place), in characters.
    let mut found: Vec<(usize, usize, String, bool, bool)> = Vec::new();
    let text: String = chars.iter().collect();
    let byte_to_char: HashMap<usize, usize> = text
        .char_indices()
        .enumerate()
        .map(|(ci, (bi, _))| (bi, ci))
        .chain(std::iter::once((text.len(), chars.len())))
        .collect();
    if let Some(m) = &lexicon.matcher {
        for hit in m.find_iter(&text) {
            let (Some(&s), Some(&e)) =
                (byte_to_char.get(&hit.start()), byte_to_char.get(&hit.end()))
            else {
                continue;
            };
            let means = lexicon
                .meaning
                .get(hit.pattern().as_usize())
                .cloned()
                .unwrap_or_default();
            found.push((s, e, means, true, true));
        }
    }
    let taken = |found: &[(usize, usize, String, bool, bool)], s: usize, e: usize| {
        found.iter().any(|&(fs, fe, _, _, _)| s < fe && fs < e)
    };
    // Generic places, longest suffix first at each position.
    let is_han = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    for i in 0..chars.len() {
        for suffix in PLACE_SUFFIXES {
            let sl = suffix.chars().count();
            let (s, e) = (i.saturating_sub(2), i + sl);
            if i < 2 || e > chars.len() || !chars[i..e].iter().copied().eq(suffix.chars()) {
                continue;
            }
            if !chars[s..i].iter().all(|c| is_han(*c)) {
                continue;
            }
            if sl == 1 && chars.get(e).is_some_and(|c| NOT_PLACE_AFTER.contains(c)) {
                continue;
            }
            if !taken(&found, s, e) {
                found.push((s, e, chars[s..e].iter().collect(), true, false));
            }
            break;
        }
    }
    // Numbers: digit runs (with a decimal part), and Chinese numerals where they count
    // something (第二批, 三季度, 九月份).
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        if c.is_ascii_digit() {
            let mut e = i;
            while e < chars.len()
                && (chars[e].is_ascii_digit()
                    || (chars[e] == '.' && chars.get(e + 1).is_some_and(char::is_ascii_digit)))
            {
                e += 1;
            }
            if !taken(&found, i, e) {
                found.push((i, e, chars[i..e].iter().collect(), false, false));
            }
            i = e;
            continue;
        }
        if cn_digit(c).is_some() {
            let mut e = i;
            while e < chars.len() && cn_digit(chars[e]).is_some() {
                e += 1;
            }
            let before_di = i > 0 && chars[i - 1] == '第';
            let counts = chars
                .get(e)
                .is_some_and(|n| "季月批期届次轮号年".contains(*n));
            if (before_di || counts) && !taken(&found, i, e) {
                let v = cn_value(&chars[i..e]);
                found.push((i, e, v.to_string(), false, false));
            }
            i = e;
            continue;
        }
        i += 1;
    }
    found.sort_by_key(|f| f.0);
    let ctx = |c: Option<&char>| match c {
        Some(c) if c.is_ascii_digit() => '#',
        Some(c) => *c,
        None => '^',
    };
    let mut spans = Vec::with_capacity(found.len());
    let mut out = Vec::with_capacity(found.len());
    for (s, e, value, place, known) in found {
        spans.push((s, e));
        let slot: String = [
            ctx(s.checked_sub(2).and_then(|p| chars.get(p))),
            ctx(s.checked_sub(1).and_then(|p| chars.get(p))),
            '|',
            ctx(chars.get(e)),
            ctx(chars.get(e + 1)),
        ]
        .iter()
        .collect();
        let mut key = vec![part, u8::from(place)];
        key.extend_from_slice(slot.as_bytes());
        out.push(Fact {
            slot: hash_bytes(&key),
            value: hash_bytes(value.as_bytes()),
            place,
            known,
            date: !place && chars.get(e).is_some_and(|c| "年月日号时".contains(*c)),
        });
    }
    (spans, out)
}

fn cn_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' | '两' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        '十' => 10,
        '百' => 100,
        '千' => 1000,
        _ => return None,
    })
}

/// 二十三 → 23, 十二 → 12, 二〇二六 → 2026 (digit by digit when there is no unit).
fn cn_value(chars: &[char]) -> u64 {
    let digits: Vec<u32> = chars.iter().filter_map(|c| cn_digit(*c)).collect();
    if digits.iter().all(|d| *d < 10) {
        return digits.iter().fold(0u64, |v, d| v * 10 + u64::from(*d));
    }
    let (mut total, mut current) = (0u64, 0u64);
    for d in digits {
        if d >= 10 {
            total += current.max(1) * u64::from(d);
            current = 0;
        } else {
            current = u64::from(d);
        }
    }
    total + current
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chinese_numerals_read_as_numbers() {
        let v = |s: &str| cn_value(&s.chars().collect::<Vec<_>>());
        assert_eq!(v("二十三"), 23);
        assert_eq!(v("十二"), 12);
        assert_eq!(v("十"), 10);
        assert_eq!(v("二〇二六"), 2026);
        assert_eq!(v("三"), 3);
    }

    #[test]
    fn facts_fill_slots() {
        let lex = Lexicon::new([("南通高新区".to_string(), "z:nt".to_string())]);
        let f = |s: &str| facts(&s.chars().collect::<Vec<_>>(), &lex, b'T').1;
        let (a, b) = (f("8月份经济运行情况"), f("9月份经济运行情况"));
        assert_eq!(a.len(), 1);
        assert_eq!(a[0].slot, b[0].slot);
        assert_ne!(a[0].value, b[0].value);
        let (a, b) = (f("南通高新区召开推进会"), f("南通经开区召开推进会"));
        assert_eq!(a.len(), 1, "{a:?}");
        assert_eq!((a[0].slot, a[0].place), (b[0].slot, true));
        assert_ne!(a[0].value, b[0].value);
        assert_eq!(f("重点项目名单(第二批)")[0].value, f("第2批")[0].value);
    }
}
