//! China's administrative divisions, built in: the 34 provincial-level divisions, the
//! prefecture-level and the county-level ones with their GB/T 2260 codes (data and its
//! source in `places/data/README.md`), compiled into the binary and read on first use.
//!
//! Invariants: no network, no file at run time; a name (or short form) shared by two
//! divisions is ambiguous and [`Divisions::unique`] gives nothing for it; a short form is
//! at least two characters (和县 has none).

pub mod landmarks;
pub mod zones;

use std::collections::HashMap;
use std::sync::OnceLock;

const PROVINCES: &str = include_str!("data/provinces.csv");
const CITIES: &str = include_str!("data/cities.csv");
const AREAS: &str = include_str!("data/areas.csv");
/// Words and their frequencies in jieba's dictionary that decide whether a short form
/// reads as a name (`scripts/places-words` says which).
const WORDS: &str = include_str!("data/words.csv");

/// Provincial-level divisions the statistics bureau's files leave out.
const OUTSIDE: [(u32, &str); 3] = [
    (710000, "台湾省"),
    (810000, "香港特别行政区"),
    (820000, "澳门特别行政区"),
];

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Level {
    Province,
    Prefecture,
    County,
}

/// One division.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Division {
    /// Six digits: 320000 江苏省, 320600 南通市, 320682 如皋市.
    pub code: u32,
    pub name: String,
    /// 南通, 如皋, 海门; None when cutting the suffix would leave one character.
    pub short: Option<String>,
    pub level: Level,
    pub parent: Option<u32>,
    /// A statistical unit for a development zone (功能区: the bureau gives zones codes
    /// whose county digits are 71–79, 320671 南通经济技术开发区), not a county.
    pub zone: bool,
}

impl Division {
    /// The names text may call it by: the full name, the short form, and for an
    /// autonomous prefecture the short form with 州 (延边州, 恩施州, 海南州).
    pub fn names(&self) -> Vec<String> {
        let mut v = vec![self.name.clone()];
        if let Some(s) = &self.short
            && s != &self.name
        {
            v.push(s.clone());
            if self.name.ends_with("自治州") {
                v.push(format!("{s}州"));
            }
        }
        v
    }
}

/// Every division, by code and by name.
pub struct Divisions {
    all: Vec<Division>,
    by_code: HashMap<u32, usize>,
    /// Full names and short forms -> the divisions that bear them.
    by_name: HashMap<String, Vec<usize>>,
}

/// The 55 recognised minority nationalities, longest first where one name ends another,
/// for cutting 延边朝鲜族自治州 to 延边.
const NATIONALITIES: [&str; 55] = [
    "柯尔克孜",
    "乌孜别克",
    "达斡尔",
    "俄罗斯",
    "鄂温克",
    "鄂伦春",
    "塔吉克",
    "塔塔尔",
    "维吾尔",
    "哈萨克",
    "傈僳",
    "拉祜",
    "景颇",
    "仫佬",
    "毛南",
    "仡佬",
    "布依",
    "土家",
    "哈尼",
    "朝鲜",
    "蒙古",
    "东乡",
    "纳西",
    "布朗",
    "撒拉",
    "锡伯",
    "阿昌",
    "普米",
    "德昂",
    "保安",
    "裕固",
    "独龙",
    "赫哲",
    "门巴",
    "珞巴",
    "基诺",
    "高山",
    "回",
    "藏",
    "苗",
    "彝",
    "壮",
    "满",
    "侗",
    "瑶",
    "白",
    "傣",
    "黎",
    "佤",
    "畲",
    "水",
    "土",
    "羌",
    "怒",
    "京",
];

/// Division names that are also plain descriptions of a part of any city: 老城区 is
/// 洛阳's district and every city's old town, 西区 攀枝花's and any western part.
pub const GENERIC: [&str; 10] = [
    "城区",
    "郊区",
    "矿区",
    "老城区",
    "新城区",
    "新市区",
    "东区",
    "西区",
    "南区",
    "北区",
];

/// Suffixes that name the kind of division, longest first.
const SUFFIXES: [&str; 16] = [
    "特别行政区",
    "自治区",
    "自治州",
    "自治县",
    "自治旗",
    "林区",
    "特区",
    "地区",
    "新区",
    "省",
    "市",
    "区",
    "县",
    "旗",
    "盟",
    "州",
];

/// The name without its kind (and nationalities): 南通市 -> 南通, 延边朝鲜族自治州 ->
/// 延边, 广西壮族自治区 -> 广西; None when that leaves fewer than two characters or
/// nothing was cut.
pub fn short_name(name: &str) -> Option<String> {
    let mut s = name;
    let mut autonomous = false;
    for suf in SUFFIXES {
        if let Some(rest) = s.strip_suffix(suf) {
            s = rest;
            autonomous = suf.starts_with("自治");
            break;
        }
    }
    // Nationalities before an autonomous suffix: 朝鲜族, 苗族侗族, 各族; the five
    // autonomous regions name theirs without 族 (新疆维吾尔, 西藏 has none).
    if autonomous {
        loop {
            let rest = s.strip_suffix('族').unwrap_or(s);
            let Some(n) = NATIONALITIES
                .iter()
                .find(|n| rest.ends_with(*n) && rest.len() > n.len())
            else {
                if let Some(r) = rest.strip_suffix('各') {
                    s = r;
                }
                break;
            };
            let cut = &rest[..rest.len() - n.len()];
            // 蒙古 in 内蒙古 is the place's own name, not a nationality before 自治区.
            if cut.chars().count() < 2 {
                break;
            }
            s = cut;
        }
    }
    (s != name && s.chars().count() >= 2).then(|| s.to_string())
}

fn rows(csv: &str) -> impl Iterator<Item = Vec<&str>> {
    csv.lines()
        .skip(1)
        .filter(|l| !l.trim().is_empty())
        .map(|l| l.split(',').map(|f| f.trim().trim_matches('"')).collect())
}

impl Divisions {
    fn load() -> Divisions {
        let mut all = Vec::with_capacity(3400);
        let mut push = |code: u32, name: &str, level: Level, parent: Option<u32>| {
            let zone = level == Level::County && (70..80).contains(&(code % 100));
            all.push(Division {
                code,
                name: name.to_string(),
                short: if zone { None } else { short_name(name) },
                level,
                parent,
                zone,
            });
        };
        for r in rows(PROVINCES) {
            if let [code, name] = r[..]
                && let Ok(c) = code.parse::<u32>()
            {
                push(c * 10_000, name, Level::Province, None);
            }
        }
        for (code, name) in OUTSIDE {
            push(code, name, Level::Province, None);
        }
        for r in rows(CITIES) {
            if let [code, name, province] = r[..]
                && let (Ok(c), Ok(p)) = (code.parse::<u32>(), province.parse::<u32>())
            {
                push(c * 100, name, Level::Prefecture, Some(p * 10_000));
            }
        }
        for r in rows(AREAS) {
            // 东莞市, 中山市 and 儋州市 have no counties: the files list each once more as a
            // county with its city's own code, which would be its own parent.
            if let [code, name, city, _] = r[..]
                && let (Ok(c), Ok(p)) = (code.parse::<u32>(), city.parse::<u32>())
                && c != p * 100
            {
                push(c, name, Level::County, Some(p * 100));
            }
        }
        let by_code = all.iter().enumerate().map(|(i, d)| (d.code, i)).collect();
        let mut by_name: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, d) in all.iter().enumerate() {
            // 市辖区 and 县 stand for a municipality's districts and counties: no place.
            if matches!(
                d.name.as_str(),
                "市辖区" | "县" | "省直辖县级行政区划" | "自治区直辖县级行政区划"
            ) {
                continue;
            }
            for n in d.names() {
                by_name.entry(n).or_default().push(i);
            }
        }
        Divisions {
            all,
            by_code,
            by_name,
        }
    }

    pub fn get(&self, code: u32) -> Option<&Division> {
        self.by_code.get(&code).map(|&i| &self.all[i])
    }

    /// The divisions bearing `name` (full or short).
    pub fn named(&self, name: &str) -> Vec<&Division> {
        self.by_name
            .get(name)
            .map(|v| v.iter().map(|&i| &self.all[i]).collect())
            .unwrap_or_default()
    }

    /// The one division bearing `name`, if only one does.
    pub fn unique(&self, name: &str) -> Option<&Division> {
        match self.by_name.get(name).map(Vec::as_slice) {
            Some([i]) => Some(&self.all[*i]),
            _ => None,
        }
    }

    /// The division `name` means on its own, or None when it is ambiguous or an ordinary
    /// word:
    /// - the one division bearing it;
    /// - the top one when all bearers lie on one line of descent (嘉峪关市 the city and its
    ///   one district; 红河 the prefecture and its county; 吉林 the province and its city);
    /// - for a short form, the one bearer at province or prefecture level when the others
    ///   are counties elsewhere (西安 is 西安市, not 辽源's 西安区; 河北 is the province);
    /// - never a name that also describes a part of any city (老城区, 西区: [`GENERIC`]);
    /// - never a county's short form that is a common word (资源, 合作, 东方: frequency
    ///   of 1,000 or more in jieba's dictionary); its full name (资源县) still counts.
    pub fn resolve(&self, name: &str) -> Option<&Division> {
        if GENERIC.contains(&name) {
            return None;
        }
        let bearers = self.by_name.get(name)?;
        let top = bearers
            .iter()
            .map(|&i| &self.all[i])
            .min_by_key(|d| d.level as u8)?;
        let tops = bearers
            .iter()
            .filter(|&&i| self.all[i].level == top.level)
            .count();
        if tops > 1 {
            return None;
        }
        let nested = bearers
            .iter()
            .all(|&i| self.all[i].code == top.code || self.is_under(self.all[i].code, top.code));
        let short = !bearers.iter().any(|&i| self.all[i].name == name);
        if !(nested || (short && top.level != Level::County)) {
            return None;
        }
        // Counties a province governs directly (仙桃, 天门) stand for cities: kept.
        let direct = || {
            top.parent
                .and_then(|p| self.get(p))
                .is_some_and(|p| p.name.contains("直辖"))
        };
        if short && top.level == Level::County && word_frequency(name) >= 1000 && !direct() {
            return None;
        }
        Some(top)
    }

    /// Every division `text` names, left to right: at each place the longest name (two to
    /// eight characters) [`Self::resolve`] decides, then on after it; `skip` (a known
    /// zone's name, whose 东湖 is no 东湖区) is passed over.
    pub fn named_in(
        &self,
        text: &str,
        skip: Option<std::ops::Range<usize>>,
    ) -> Vec<(std::ops::Range<usize>, &Division)> {
        let mut out = Vec::new();
        let mut i = 0;
        while i < text.len() {
            if let Some(k) = &skip
                && k.contains(&i)
            {
                i = k.end;
                continue;
            }
            let rest = &text[i..];
            let mut step = rest.chars().next().map_or(1, char::len_utf8);
            for len in (2..=rest.chars().count().min(8)).rev() {
                let end: usize = rest.chars().take(len).map(char::len_utf8).sum();
                if let Some(x) = self.resolve(&rest[..end]) {
                    out.push((i..i + end, x));
                    step = end;
                    break;
                }
            }
            i += step;
        }
        out
    }

    /// Is `code` (or a division under it) under `ancestor`?
    pub fn is_under(&self, code: u32, ancestor: u32) -> bool {
        let mut cur = self.get(code).and_then(|d| d.parent);
        // Three levels: a longer walk would be a loop in the data.
        for _ in 0..3 {
            let Some(c) = cur else { break };
            if c == ancestor {
                return true;
            }
            cur = self.get(c).and_then(|d| d.parent);
        }
        false
    }

    /// Every division below `code`, at any depth.
    pub fn below(&self, code: u32) -> Vec<&Division> {
        self.all
            .iter()
            .filter(|d| self.is_under(d.code, code))
            .collect()
    }

    #[cfg(test)]
    pub fn all(&self) -> &[Division] {
        &self.all
    }
}

/// A word of `words.csv`: its frequency in jieba's dictionary, and whether jieba tags it
/// as a verb (only short forms are marked).
fn word(w: &str) -> Option<(u32, bool)> {
    static W: OnceLock<Vec<(String, u32, bool)>> = OnceLock::new();
    let words = W.get_or_init(|| {
        let mut v: Vec<(String, u32, bool)> = rows(WORDS)
            .filter_map(|r| match r[..] {
                [w, f] => Some((w.to_string(), f.parse().ok()?, false)),
                [w, f, tag] => Some((w.to_string(), f.parse().ok()?, tag == "v")),
                _ => None,
            })
            .collect();
        v.sort_unstable();
        v
    });
    words
        .binary_search_by(|(x, _, _)| x.as_str().cmp(w))
        .ok()
        .map(|i| (words[i].1, words[i].2))
}

/// How often jieba's dictionary has the word `w` (0 when it is not there or not among the
/// words `scripts/places-words` keeps).
pub fn word_frequency(w: &str) -> u32 {
    word(w).map_or(0, |(f, _)| f)
}

/// Does the two-character match `text[start..end]` read as part of other words rather
/// than as a name: a more frequent word ends with its first character (外资 in 外资中,
/// against 资中) or starts with its last (新区 in 贵安新区, against 安新), or a longer
/// word that is no place holds it (中山装, 长治久安), or it is a verb jieba knows followed
/// by an aspect marker (开封后, 开封了: places take none, unless one goes there first,
/// 到开封后)? A tiny local word segmentation, on jieba's frequencies and tags.
pub fn straddles_words(text: &str, start: usize, end: usize) -> bool {
    let name = &text[start..end];
    let mut chars = name.chars();
    let (Some(first), Some(last), None) = (chars.next(), chars.next_back(), chars.next()) else {
        return false;
    };
    let (own, verb) = word(name).unwrap_or((0, false));
    let before = text[..start].chars().next_back();
    let after = text[end..].chars().next();
    if verb
        && after.is_some_and(|a| "后了过着".contains(a))
        && !before.is_some_and(|b| "到至抵赴来去回在离进".contains(b))
    {
        return true;
    }
    let beats = |a: char, b: char| {
        let mut w = String::with_capacity(6);
        w.push(a);
        w.push(b);
        word_frequency(&w) > own.max(50)
    };
    if before.is_some_and(|b| beats(b, first)) || after.is_some_and(|a| beats(last, a)) {
        return true;
    }
    // A longer word holding it here: 中山装, 长治久安, 三明治, 出海口.
    let before: Vec<(usize, char)> = text[..start].char_indices().rev().take(2).collect();
    let after: Vec<(usize, char)> = text[end..].char_indices().take(2).collect();
    for k in 0..=before.len() {
        let from = if k == 0 { start } else { before[k - 1].0 };
        for extra in 0..=after.len() {
            let to = match extra {
                0 => end,
                e => end + after[e - 1].0 + after[e - 1].1.len_utf8(),
            };
            let n = k + 2 + extra;
            if (3..=4).contains(&n) && word_frequency(&text[from..to]) > 0 {
                return true;
            }
        }
    }
    false
}

/// The built-in divisions, parsed on first use.
pub fn divisions() -> &'static Divisions {
    static D: OnceLock<Divisions> = OnceLock::new();
    D.get_or_init(Divisions::load)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_whole_country_is_built_in() {
        let d = divisions();
        let count = |l| d.all().iter().filter(|x| x.level == l).count();
        assert_eq!(count(Level::Province), 34);
        assert!(
            count(Level::Prefecture) >= 330,
            "{}",
            count(Level::Prefecture)
        );
        assert!(count(Level::County) >= 2800, "{}", count(Level::County));
        let nt = d.get(320600).expect("南通市");
        assert_eq!(
            (nt.name.as_str(), nt.short.as_deref()),
            ("南通市", Some("南通"))
        );
        assert_eq!(d.get(320682).map(|x| x.name.as_str()), Some("如皋市"));
        assert!(d.is_under(320682, 320600) && d.is_under(320682, 320000));
        // A city without counties is listed once, under its province.
        let dg = d.get(441900).expect("东莞市");
        assert_eq!((dg.level, dg.parent), (Level::Prefecture, Some(440000)));
        assert!(d.below(441900).is_empty());
        assert_eq!(d.unique("如皋").map(|x| x.code), Some(320682));
        assert_eq!(d.unique("海门区").map(|x| x.code), Some(320614));
        // 鼓楼区 is in Nanjing, Xuzhou, Fuzhou and Kaifeng: nothing by itself.
        assert!(d.named("鼓楼区").len() >= 3 && d.unique("鼓楼区").is_none());
    }

    #[test]
    fn short_forms_drop_the_kind_and_nationalities() {
        for (name, short) in [
            ("南通市", Some("南通")),
            ("海门区", Some("海门")),
            ("延边朝鲜族自治州", Some("延边")),
            ("广西壮族自治区", Some("广西")),
            ("新疆维吾尔自治区", Some("新疆")),
            ("黔东南苗族侗族自治州", Some("黔东南")),
            ("香港特别行政区", Some("香港")),
            ("和县", None),
            ("江苏省", Some("江苏")),
            ("内蒙古自治区", Some("内蒙古")),
            ("宁夏回族自治区", Some("宁夏")),
            ("西藏自治区", Some("西藏")),
            ("长阳土家族自治县", Some("长阳")),
        ] {
            assert_eq!(short_name(name).as_deref(), short, "{name}");
        }
    }
}
