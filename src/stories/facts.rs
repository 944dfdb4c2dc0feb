//! The facts a text states, each in its slot: numbers (digits, and Chinese numerals where
//! they count something: 第二批, 三季度), and places (names the lexicon knows, countries,
//! and generic zone, park, city and county words). Two copies of a story fill the same
//! slots with the same values; a template filled in again does not.
//!
//! Invariant: pure and deterministic; slots and values are stored as hashes
//! ([`super::features::hash_bytes`]).

use super::lexicon::{Lexicon, hash_bytes};

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
pub(super) fn facts(
    chars: &[char],
    lexicon: &Lexicon,
    part: u8,
) -> (Vec<(usize, usize)>, Vec<Fact>) {
    // (start, end, value, is place, known place), in characters.
    let mut found: Vec<(usize, usize, String, bool, bool)> = Vec::new();
    let text: String = chars.iter().collect();
    // Byte offset of each character (and of the end), to map matches back to characters.
    let starts: Vec<usize> = text
        .char_indices()
        .map(|(b, _)| b)
        .chain(std::iter::once(text.len()))
        .collect();
    let char_at = |byte: usize| starts.binary_search(&byte).ok();
    if let Some(m) = &lexicon.matcher {
        for hit in m.find_iter(&text) {
            let (Some(s), Some(e)) = (char_at(hit.start()), char_at(hit.end())) else {
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
    // Suffixes as characters, once (counting them per position was a tenth of the time to
    // store an item, by perf on the stories benchmark).
    static SUFFIXES: std::sync::OnceLock<Vec<Vec<char>>> = std::sync::OnceLock::new();
    let suffixes =
        SUFFIXES.get_or_init(|| PLACE_SUFFIXES.iter().map(|s| s.chars().collect()).collect());
    for i in 2..chars.len() {
        if !suffixes.iter().any(|s| s.first() == Some(&chars[i])) {
            continue;
        }
        for suffix in suffixes {
            let sl = suffix.len();
            let (s, e) = (i - 2, i + sl);
            if e > chars.len() || chars[i..e] != suffix[..] {
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
