//! Well-known landmarks and areas (陆家嘴, 八廓街, 沈家门, CBD, 城市副中心 …), and former
//! names no division bears any more (襄樊, 户县), with the division each lies in, from the
//! hand-written `data/landmarks.csv` (its sources and reasoning in `data/README.md`).
//!
//! Pure: text in, landmarks out. Invariants: a landmark marked `alone` names one place
//! wherever it is written and may place an item by itself; the others (CBD, 国贸,
//! 城市副中心: every big city has one, but one is meant when a shared district name stands
//! beside it) only tell which of the divisions bearing a shared name is meant.

use std::ops::Range;
use std::sync::OnceLock;

use aho_corasick::{AhoCorasick, MatchKind};

const LANDMARKS: &str = include_str!("data/landmarks.csv");

/// One landmark of the built-in list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Landmark {
    pub name: &'static str,
    /// The division it lies in (a county-level one where it lies in one).
    pub code: u32,
    /// Names one place wherever written (望京, 八廓街), not only beside a shared name.
    pub alone: bool,
}

struct Table {
    all: Vec<Landmark>,
    matcher: Option<AhoCorasick>,
}

fn table() -> &'static Table {
    static T: OnceLock<Table> = OnceLock::new();
    T.get_or_init(|| {
        let all: Vec<Landmark> = LANDMARKS
            .lines()
            .skip(1)
            .filter_map(|l| {
                let mut f = l.split(',');
                let name = f.next()?.trim();
                let code = f.next()?.trim().parse().ok()?;
                let alone = f.next()?.trim() == "yes";
                (!name.is_empty()).then_some(Landmark { name, code, alone })
            })
            .collect();
        let matcher = AhoCorasick::builder()
            .match_kind(MatchKind::LeftmostLongest)
            .build(all.iter().map(|l| l.name))
            .ok();
        Table { all, matcher }
    })
}

/// The landmarks `text` names, left to right, with where each is written.
pub fn landmarks_in(text: &str) -> Vec<(Range<usize>, &'static Landmark)> {
    let t = table();
    let Some(m) = &t.matcher else {
        return Vec::new();
    };
    m.find_iter(text)
        .filter_map(|x| Some((x.start()..x.end(), t.all.get(x.pattern().as_usize())?)))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::places::divisions;

    #[test]
    fn the_list_loads_and_every_landmark_lies_in_a_known_division() {
        let t = table();
        assert!(t.all.len() >= 40, "{}", t.all.len());
        for l in &t.all {
            assert!(divisions().get(l.code).is_some(), "{}: {}", l.name, l.code);
        }
        let found: Vec<(&str, u32, bool)> = landmarks_in("朝阳区围绕CBD、望京等区域招商")
            .into_iter()
            .map(|(_, l)| (l.name, l.code, l.alone))
            .collect();
        assert_eq!(found, vec![("CBD", 110105, false), ("望京", 110105, true)]);
        assert!(landmarks_in("开发区优化营商环境").is_empty());
    }
}
