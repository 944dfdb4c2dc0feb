//! Development zones found in text by the shape of their names (…经济技术开发区, …经开区,
//! …高新区, …工业园区, …综合保税区, …新区, …自贸片区), whether or not anyone configured
//! them, and the division each one's name places it in.
//!
//! Pure: text in, mentions out. Invariants: a mention's `name` is a substring of the text
//! ending in a zone suffix and starting at the first division named before it (南通经开区
//! in 日前，南通经开区…) or, when none is, at most four name characters back (东湖高新区);
//! a bare suffix (开发区, 高新区 alone) is no mention; `place` is the last division the
//! name carries (苏州宿迁工业园区 is in 宿迁, 深圳（哈尔滨）产业园 in 哈尔滨), else the
//! built-in list of zones whose names carry no division (两江新区, 张江, 前海:
//! `data/zones.csv`).

use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

use super::divisions;

const ZONES: &str = include_str!("data/zones.csv");

/// What a zone's name ends with, longest first where one ends another.
const SUFFIXES: [&str; 32] = [
    "高新技术产业开发区",
    "经济技术开发区",
    "新技术产业开发区",
    "高新技术开发区",
    "新技术开发区",
    "自由贸易试验区",
    "综合保税区",
    "经济开发区",
    "边境经济合作区",
    "经济合作区",
    "高科技园区",
    "工业园区",
    "产业集聚区",
    "集聚区",
    "产业园区",
    "产业园",
    "保税港区",
    "保税区",
    "高新区",
    "经开区",
    "开发区",
    "新片区",
    "自贸片区",
    "合作区",
    "示范区",
    "先行区",
    "综合实验区",
    "实验区",
    "科技城",
    "科学城",
    "新城",
    "新区",
];

/// Words that end the run of name characters before a suffix: what comes before a name
/// in news, not part of it (近日，南通经开区; 位于哈尔滨新区; 落户金普新区).
const BEFORE: [&str; 40] = [
    "近日",
    "日前",
    "今年",
    "今天",
    "昨天",
    "目前",
    "前不久",
    "上午",
    "下午",
    "全市",
    "全区",
    "全省",
    "我市",
    "我区",
    "本市",
    "位于",
    "来自",
    "举行",
    "召开",
    "签约",
    "落户",
    "入驻",
    "投资",
    "建设",
    "推进",
    "打造",
    "作为",
    "依托",
    "支持",
    "共建",
    "联合",
    "合作",
    "其中",
    "以及",
    "包括",
    "设立",
    "获批",
    "成为",
    "加快",
    "推动",
];

/// Characters that never belong to a zone's name.
fn stops(c: char) -> bool {
    !(('\u{4e00}'..='\u{9fff}').contains(&c) || "（）-－".contains(c))
        || "在于与和及的到赴向对了是为将至由从同跟称等把被让使其这那该各".contains(c)
}

/// One zone named in a text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    /// As written: 南通经开区, 苏州工业园区, 东湖高新区.
    pub name: String,
    /// The division it lies in, when its name or the built-in list says.
    pub place: Option<u32>,
}

struct Matchers {
    suffixes: AhoCorasick,
    /// Built-in zones whose names carry no division: name -> code.
    known: Vec<(String, u32)>,
    known_matcher: Option<AhoCorasick>,
}

fn matchers() -> &'static Matchers {
    static M: OnceLock<Matchers> = OnceLock::new();
    M.get_or_init(|| {
        let known: Vec<(String, u32)> = ZONES
            .lines()
            .skip(1)
            .filter_map(|l| {
                let mut f = l.split(',');
                let (name, code) = (f.next()?.trim(), f.next()?.trim().parse().ok()?);
                (!name.is_empty()).then(|| (name.to_string(), code))
            })
            .collect();
        let known_matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(known.iter().map(|(n, _)| n.as_str()))
            .ok();
        Matchers {
            // The suffix list is fixed and valid: a failure here is a bug, caught by tests.
            suffixes: AhoCorasick::builder()
                .match_kind(MatchKind::LeftmostLongest)
                .build(SUFFIXES)
                .unwrap_or_else(|e| panic!("zone suffixes: {e}")),
            known,
            known_matcher,
        }
    })
}

/// The zones `text` names, in order, each once.
pub fn zones_named(text: &str) -> Vec<Mention> {
    let m = matchers();
    let mut out: Vec<Mention> = Vec::new();
    let mut covered = 0; // byte offset up to which names were taken
    for s in m.suffixes.find_iter(text) {
        if s.start() < covered {
            continue;
        }
        let Some(start) = name_start(text, covered, s.start(), s.end()) else {
            continue;
        };
        // 中国（上海）自由贸易试验区临港新片区, 上海漕河泾开发区海宁分区, 赣江新区永修组团:
        // a part right after a zone's name continues it (a park inside one, 南通经济技术开发区
        // 新材料产业园, does not: it is the zone's news).
        let mut end = s.end();
        while let Some((a, b)) = ["片区", "分区", "组团"]
            .iter()
            .filter_map(|p| text[end..].find(p).map(|at| (at, at + p.len())))
            .min()
        {
            let gap = &text[end..end + a];
            if a == 0 || gap.chars().count() > 4 || gap.chars().any(stops) {
                break;
            }
            end += b;
        }
        covered = end;
        let name = &text[start..end];
        if out.iter().any(|x| x.name == name) {
            continue;
        }
        out.push(Mention {
            name: name.to_string(),
            place: place_of(name),
        });
    }
    // Zones known by a name that has no zone suffix (张江, 前海, 松山湖) or whose suffix
    // the shape misses (宁东能源化工基地).
    if let Some(km) = &m.known_matcher {
        for k in km.find_iter(text) {
            if out
                .iter()
                .any(|x| x.name.contains(&text[k.start()..k.end()]))
            {
                continue;
            }
            // A division written right before it (南宁·中关村) is where this branch is.
            let (start, place) = match branch_of(text, k.start()) {
                Some((at, code)) => (at, code),
                None => (k.start(), m.known[k.pattern().as_usize()].1),
            };
            out.push(Mention {
                name: text[start..k.end()].to_string(),
                place: Some(place),
            });
        }
    }
    out
}

/// Where the name whose suffix is `text[suffix_at..suffix_end]` starts: at a built-in
/// zone's name in the run of name characters before it (京津中关村科技城 whole, not its
/// 中关村), else at the first division named in the run, else up to four characters back;
/// None for a bare suffix.
fn name_start(text: &str, floor: usize, suffix_at: usize, suffix_end: usize) -> Option<usize> {
    let mut start = suffix_at;
    for (i, c) in text[floor..suffix_at].char_indices().rev() {
        let at = floor + i;
        if stops(c)
            || BEFORE
                .iter()
                .any(|w| text[..at + c.len_utf8()].ends_with(w))
        {
            break;
        }
        start = at;
        if text[start..suffix_at].chars().count() >= 14 {
            break;
        }
    }
    let run = &text[start..suffix_at];
    if run.is_empty() {
        return None;
    }
    // A built-in zone's name with this suffix (京津中关村科技城, not its 中关村; 青岛西海岸新区
    // keeps the division before it), else one in the run (横琴粤澳深度合作区), starts it.
    let km = matchers().known_matcher.as_ref();
    if let Some(k) = km
        .and_then(|km| km.find(&text[start..suffix_end]))
        .filter(|k| k.start() < run.len() && start + k.end() == suffix_end)
    {
        let at = first_division(&run[..k.start()]).unwrap_or(k.start());
        return Some(start + at);
    }
    if let Some(k) = km.and_then(|km| km.find(run)) {
        return Some(start + k.start());
    }
    // The first division named in the run starts the name (日前南通 -> 南通), unless it
    // is in brackets: 中韩（烟台）产业园 starts before them.
    if let Some(at) = first_division(run) {
        return Some(start + if run[..at].contains('（') { 0 } else { at });
    }
    // No division: the last characters before the suffix (东湖, 两江, 金普).
    let n = run.chars().count();
    if n < 2 {
        return None;
    }
    let keep = n.min(4);
    let skip: usize = run.chars().take(n - keep).map(char::len_utf8).sum();
    Some(start + skip)
}

/// The division named right before `at` (up to eight characters back, maybe with a `·`
/// or `-` between): where it starts and its code. 南宁·中关村 is a park in 南宁 that bears
/// 中关村's name.
fn branch_of(text: &str, at: usize) -> Option<(usize, u32)> {
    let mut end = at;
    if let Some(c) = text[..at].chars().next_back()
        && "·•・-－".contains(c)
    {
        end -= c.len_utf8();
    }
    let from = text[..end]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| !stops(c))
        .take(8)
        .last()
        .map_or(end, |(i, _)| i);
    divisions()
        .named_in(&text[from..end], None)
        .into_iter()
        .rev()
        .find(|(r, _)| from + r.end == end)
        .map(|(r, d)| (from + r.start, d.code))
}

/// Byte offset of the first division name (of two characters or more) in `run`.
fn first_division(run: &str) -> Option<usize> {
    divisions()
        .named_in(run, None)
        .first()
        .map(|(at, _)| at.start)
}

/// The division a zone's name places it in: the last division the name carries outside
/// the built-in list's names (深圳（哈尔滨）产业园 -> 哈尔滨, 上海漕河泾开发区海宁分区 ->
/// 海宁; 东湖 in 东湖高新区 is part of a known name, not 南昌's 东湖区), else the built-in
/// list's.
pub fn place_of(name: &str) -> Option<u32> {
    let m = matchers();
    let known = m.known_matcher.as_ref().and_then(|km| km.find(name));
    divisions()
        .named_in(name, known.map(|k| k.start()..k.end()))
        .last()
        .map(|(_, x)| x.code)
        .or_else(|| known.map(|k| m.known[k.pattern().as_usize()].1))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn names(text: &str) -> Vec<(String, Option<u32>)> {
        zones_named(text)
            .into_iter()
            .map(|m| (m.name, m.place))
            .collect()
    }

    #[test]
    fn zones_are_found_by_shape_and_placed_by_the_division_they_name() {
        assert_eq!(
            names("日前，南通经开区举行项目签约"),
            vec![("南通经开区".into(), Some(320600))]
        );
        assert_eq!(
            names("近日苏州工业园区与昆山高新区签约"),
            vec![
                // The bureau's own unit for the zone, under 苏州市.
                ("苏州工业园区".into(), Some(320576)),
                ("昆山高新区".into(), Some(320583))
            ]
        );
        assert_eq!(
            names("苏州宿迁工业园区新签约项目12个"),
            vec![("苏州宿迁工业园区".into(), Some(321300))]
        );
        assert_eq!(
            names("深圳（哈尔滨）产业园区今年新入驻企业"),
            vec![("深圳（哈尔滨）产业园区".into(), Some(230100))]
        );
        // No division in the name: the built-in list, else a mention without a place.
        assert_eq!(
            names("两江新区集中签约"),
            vec![("两江新区".into(), Some(500000))]
        );
        assert_eq!(names("某某高新区开工"), vec![("某某高新区".into(), None)]);
        for (text, zone, place) in [
            ("近日，中韩（烟台）产业园签约", "中韩（烟台）产业园", 370600),
            (
                "澳门企业在横琴粤澳深度合作区签约",
                "横琴粤澳深度合作区",
                440400,
            ),
            ("江阴-靖江工业园区船舶项目投产", "江阴-靖江工业园区", 321282),
            (
                "郑州航空港经济综合实验区新签约",
                "郑州航空港经济综合实验区",
                410100,
            ),
            ("张家港保税区新增外资企业", "张家港保税区", 320582),
            // A built-in name with the suffix in it, not the 中关村 inside it.
            ("京津中关村科技城新落地企业", "京津中关村科技城", 120115),
            ("深汕特别合作区项目开工", "深汕特别合作区", 441500),
            ("青岛西海岸新区新签约项目", "青岛西海岸新区", 370200),
            // 产业集聚区, the name 河南 gives its zones.
            ("长葛产业集聚区新签约项目", "长葛产业集聚区", 411082),
            // A park that bears a built-in zone's name, in the division written before it.
            ("南宁·中关村创新示范基地新入驻企业", "南宁·中关村", 450100),
            ("曲江新区文旅项目签约", "曲江新区", 610100),
        ] {
            assert_eq!(names(text), vec![(zone.into(), Some(place))], "{text}");
        }
        // A bare suffix is no zone.
        assert!(names("全省开发区工作会议召开").is_empty());
        assert!(names("高新区召开大会").is_empty());
    }
}
