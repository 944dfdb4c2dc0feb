//! A parsed query matched against one item in memory, with exactly the search index's
//! verdict, so a digest can ask "does this item match topic T?" of thousands of items
//! without a tantivy search per subscriber.
//!
//! Owns: [`ItemTerms`] (an item's terms per indexed field, positioned as tantivy positions
//! them) and [`Matcher`] (a compiled query plus an optional region/zone filter).
//!
//! Invariants (each mirrors `index.rs`; `tests/search_matcher.rs` compares verdicts with
//! the index over labelled items and queries):
//! - the fields are the index's text fields: title, summary (tags out), content (tags
//!   out), and place (the [`Placing`] names, then its region ids, then the source id, each
//!   its own value);
//! - terms come from [`terms`] with the document side (`query = false`), query clauses
//!   from the query side (`query = true`);
//! - positions are tantivy's: a field's values follow one another, the next value starting
//!   one past the end of the last (tantivy's `POSITION_GAP`); terms longer than tantivy's
//!   `MAX_TOKEN_LEN` bytes are dropped as tantivy drops them;
//! - a clause matches a field when its terms occur at their relative positions; one Han
//!   character alone with the bigram analyser also matches any bigram holding it;
//! - an item matches when every group has a matching clause in some field, no excluded
//!   clause matches, and (when the filter names any) it is in one of the filter's regions
//!   (its region or an ancestor, as [`Placing::regions`]) or zones.
//!
//! Pure: no tantivy, no store, no config.

use std::collections::HashMap;

use super::analyzer::{Analyzer, is_han, terms};
use super::index::{Placing, strip_tags};
use super::query::{Clause, Parsed};
use crate::model::Item;

/// tantivy drops tokens longer than this many bytes (`tantivy::tokenizer::MAX_TOKEN_LEN`).
const MAX_TOKEN_LEN: usize = u16::MAX as usize - 5;

/// One field's terms: each term's positions, ascending.
#[derive(Debug, Default, Clone)]
struct FieldTerms {
    at: HashMap<String, Vec<u32>>,
}

impl FieldTerms {
    fn from_values<'a>(analyzer: Analyzer, values: impl IntoIterator<Item = &'a str>) -> Self {
        let mut f = FieldTerms::default();
        // tantivy's IndexingPosition::end_position for this field.
        let mut next_start: u32 = 0;
        for v in values {
            let mut end = next_start;
            for t in terms(analyzer, v, false) {
                if t.text.len() > MAX_TOKEN_LEN {
                    continue;
                }
                let p = next_start + t.pos;
                end = end.max(p + 1);
                f.at.entry(t.text).or_default().push(p);
            }
            next_start = end + 1;
        }
        for v in f.at.values_mut() {
            v.sort_unstable();
            v.dedup();
        }
        f
    }

    fn has_phrase(&self, pattern: &[(u32, String)]) -> bool {
        let Some((first_off, first)) = pattern.first() else {
            return false;
        };
        let Some(starts) = self.at.get(first) else {
            return false;
        };
        let mut rest = Vec::with_capacity(pattern.len().saturating_sub(1));
        for (off, t) in &pattern[1..] {
            match self.at.get(t) {
                Some(ps) => rest.push((*off, ps)),
                None => return false,
            }
        }
        starts.iter().any(|&s| {
            let Some(base) = s.checked_sub(*first_off) else {
                return false;
            };
            rest.iter()
                .all(|(off, ps)| ps.binary_search(&(base + off)).is_ok())
        })
    }

    /// Any term that is `c`, or two characters one of which is `c` (the index's regex
    /// queries `c.` and `.c` over the term dictionary).
    fn has_han_char(&self, c: char) -> bool {
        self.at.keys().any(|t| {
            let mut it = t.chars();
            match (it.next(), it.next(), it.next()) {
                (Some(a), None, _) => a == c,
                (Some(a), Some(b), None) => a == c || b == c,
                _ => false,
            }
        })
    }
}

/// An item's terms in every field the index searches; computed once per item and shared
/// by every matcher asked about it.
#[derive(Debug, Clone)]
pub struct ItemTerms {
    fields: [FieldTerms; 4],
    regions: Vec<String>,
    zone: Option<String>,
}

impl ItemTerms {
    pub fn new(analyzer: Analyzer, item: &Item, placing: &Placing) -> ItemTerms {
        let summary = item.summary.as_deref().map(strip_tags);
        let content = item.content.as_deref().map(strip_tags);
        let place = placing
            .names
            .iter()
            .chain(placing.regions.iter())
            .map(String::as_str)
            .chain(std::iter::once(item.source.as_str()));
        ItemTerms {
            fields: [
                FieldTerms::from_values(analyzer, [item.title.as_str()]),
                FieldTerms::from_values(analyzer, summary.as_deref()),
                FieldTerms::from_values(analyzer, content.as_deref()),
                FieldTerms::from_values(analyzer, place),
            ],
            regions: placing.regions.clone(),
            zone: placing.zone.clone(),
        }
    }
}

/// One clause compiled: its query terms at offsets from the first.
#[derive(Debug, Clone)]
struct Pattern {
    terms: Vec<(u32, String)>,
    /// One Han character alone, with the bigram analyser.
    han: Option<char>,
}

impl Pattern {
    fn new(analyzer: Analyzer, clause: &Clause) -> Pattern {
        let ts = terms(analyzer, clause.text(), true);
        let first = ts.first().map_or(0, |t| t.pos);
        let han = match ts.as_slice() {
            [only] if analyzer == Analyzer::Bigram => {
                let mut cs = only.text.chars();
                match (cs.next(), cs.next()) {
                    (Some(c), None) if is_han(c) => Some(c),
                    _ => None,
                }
            }
            _ => None,
        };
        Pattern {
            terms: ts.into_iter().map(|t| (t.pos - first, t.text)).collect(),
            han,
        }
    }

    fn matches(&self, item: &ItemTerms) -> bool {
        item.fields.iter().any(|f| match self.han {
            Some(c) => f.has_han_char(c),
            None => f.has_phrase(&self.terms),
        })
    }
}

/// A query compiled for in-memory matching, with an optional region/zone filter.
#[derive(Debug, Clone)]
pub struct Matcher {
    groups: Vec<Vec<Pattern>>,
    exclude: Vec<Pattern>,
    regions: Vec<String>,
    zones: Vec<String>,
}

impl Matcher {
    /// `parsed` with no place filter.
    pub fn new(analyzer: Analyzer, parsed: &Parsed) -> Matcher {
        Matcher {
            groups: parsed
                .groups
                .iter()
                .map(|g| g.iter().map(|c| Pattern::new(analyzer, c)).collect())
                .collect(),
            exclude: parsed
                .exclude
                .iter()
                .map(|c| Pattern::new(analyzer, c))
                .collect(),
            regions: Vec::new(),
            zones: Vec::new(),
        }
    }

    /// Limits matches to items in any of `regions` (or below them) or `zones`, as the
    /// index's `Filter::any_regions` and `any_zones`; no limit when both are empty.
    pub fn within(mut self, regions: &[String], zones: &[String]) -> Matcher {
        self.regions = regions.to_vec();
        self.zones = zones.to_vec();
        self
    }

    pub fn matches(&self, item: &ItemTerms) -> bool {
        let placed = (self.regions.is_empty() && self.zones.is_empty())
            || item.regions.iter().any(|r| self.regions.contains(r))
            || item.zone.as_ref().is_some_and(|z| self.zones.contains(z));
        placed
            && self
                .groups
                .iter()
                .all(|g| g.iter().any(|p| p.matches(item)))
            && !self.exclude.iter().any(|p| p.matches(item))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::search::parse;

    fn item(title: &str, summary: &str) -> Item {
        Item {
            id: "1".into(),
            id_kind: crate::model::IdKind::Guid,
            source: "s".into(),
            title: title.into(),
            link: None,
            published: chrono::DateTime::UNIX_EPOCH,
            date_estimated: false,
            updated: None,
            summary: Some(summary.into()),
            content: None,
            author: None,
            categories: vec![],
            region: "r".into(),
            zone: None,
            first_seen: chrono::DateTime::UNIX_EPOCH,
            seq: 0,
            article_pending: false,
            placed_by: Default::default(),
        }
    }

    fn m(q: &str, it: &Item) -> bool {
        let parsed = parse(q).expect("test query parses");
        let terms = ItemTerms::new(Analyzer::Bigram, it, &Placing::default());
        Matcher::new(Analyzer::Bigram, &parsed).matches(&terms)
    }

    #[test]
    fn words_are_phrases_of_their_bigrams() {
        let it = item("光伏新能源项目", "<p>能源局</p>");
        assert!(m("新能源", &it));
        assert!(!m("新能源局", &it));
        assert!(m("新能源 OR 储能", &it));
        assert!(!m("新能源 -能源局", &it));
        assert!(m("氢 OR 光", &it));
        assert!(!m("氢", &it));
    }

    #[test]
    fn values_of_a_field_are_one_gap_apart() {
        let it = item("", "");
        let p = Placing {
            names: vec!["苏州".into(), "工业园".into()],
            ..Placing::default()
        };
        let t = ItemTerms::new(Analyzer::Bigram, &it, &p);
        // 苏州@0, then 工业@2 and 业园@3: "苏州 工业" puts 工业 at 2 as well.
        let q = parse("\"苏州 工业\"").expect("parses");
        assert!(Matcher::new(Analyzer::Bigram, &q).matches(&t));
        let q = parse("苏州工业").expect("parses");
        assert!(!Matcher::new(Analyzer::Bigram, &q).matches(&t));
    }
}
