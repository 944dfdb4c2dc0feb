//! China's administrative divisions, built in: the 34 provincial-level divisions, the
//! prefecture-level and the county-level ones with their GB/T 2260 codes (data and its
//! source in `places/data/README.md`), compiled into the binary and read on first use.
//!
//! Invariants: no network, no file at run time; a name (or short form) shared by two
//! divisions is ambiguous and [`Divisions::unique`] gives nothing for it; a short form is
//! at least two characters (和县 has none).

use std::collections::HashMap;
use std::sync::OnceLock;

const PROVINCES: &str = include_str!("data/provinces.csv");
const CITIES: &str = include_str!("data/cities.csv");
const AREAS: &str = include_str!("data/areas.csv");

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
            all.push(Division {
                code,
                name: name.to_string(),
                short: short_name(name),
                level,
                parent,
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
            by_name.entry(d.name.clone()).or_default().push(i);
            if let Some(s) = &d.short
                && s != &d.name
            {
                by_name.entry(s.clone()).or_default().push(i);
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
