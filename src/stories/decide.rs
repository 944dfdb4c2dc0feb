//! Whether two items are copies of one story ([`compare`]).
//!
//! Order of the rules, and why:
//! 1. items placed in different zones are never one story, and items further apart than
//!    the window are not compared;
//! 2. vetoes: the facts two texts state in the same slot disagree (a different number,
//!    date or place where the other has one: "8月份" / "9月份", "南通高新区召开" /
//!    "南通经开区召开"), or the titles name disjoint places. Templated news shares most of
//!    its characters; these are what tell two such reports apart, so they outweigh any
//!    amount of shared text;
//! 3. the same link on two sites is one article (when the titles or bodies agree: some
//!    sites give every item the same list-page link, so one site's shared link is not);
//! 4. the same title key is one story, when the bodies, if both have one, overlap;
//! 5. near-identical bodies are one story whatever the titles (a rewritten headline).
//!
//! Thresholds were set on the labelled set in tests/stories.rs and are explained there with
//! the similarities measured on it.
//!
//! Invariant: symmetric (`compare(a, b) == compare(b, a)`) and pure.

use super::facts::Fact;
use super::features::Features;

/// Weighted Jaccard of the bodies at or above which two bodies are one text.
pub(crate) const TEXT_SAME: f64 = 0.5;
/// A sentence is kept in a copy when this share of its weight is found in the other body:
/// reposts keep sentences whole; a template filled in again changes a few characters in
/// every sentence (a name, a figure), which costs a 30-character sentence a third of its
/// shingles.
pub(crate) const SENTENCE_KEPT: f64 = 0.85;
/// Share of the shorter body's weight in kept sentences for two bodies to be one text:
/// an excerpt, or a copy with paragraphs added or dropped, keeps all of its own.
pub(crate) const KEPT_SHARE: f64 = 0.8;
/// Share of the shorter body in kept sentences for it to be a brief of the longer.
pub(crate) const BRIEF_KEPT: f64 = 0.85;
/// Weighted Jaccard at or above which two bodies are one document, even when two zones
/// carry it.
pub(crate) const DOCUMENT_SAME: f64 = 0.9;
/// Title shingle Jaccard at or above which a shared link is trusted without bodies.
pub(crate) const LINK_TITLE_SAME: f64 = 0.5;

/// Why two items are one story.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Reason {
    /// Nearly all of the shorter body is in the longer: a brief or a short version.
    Brief,
    /// Near-identical bodies.
    Text,
    /// The same title after normalisation.
    Title,
    /// The same link after normalisation.
    Link,
    /// One document, verbatim, reposted by sites of several zones.
    Document,
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::Brief => "brief",
            Reason::Text => "text",
            Reason::Title => "title",
            Reason::Link => "link",
            Reason::Document => "document",
        }
    }
}

/// Why two items are not one story.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Apart {
    Zones,
    Window,
    TitleFacts,
    TitlePlaces,
    BodyFacts,
    /// Same title, bodies that say different things.
    TitleBody,
    Dissimilar,
}

#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Verdict {
    /// One story, and how alike (weighted Jaccard of the bodies, 0 without bodies).
    Same(Reason, f64),
    Apart(Apart),
}

/// Compares two items; `window` bounds how far apart their dates may be.
pub fn compare(a: &Features, b: &Features, window: chrono::Duration) -> Verdict {
    if (a.published - b.published).abs() > window {
        return Verdict::Apart(Apart::Window);
    }
    let verdict = compare_texts(a, b);
    // Similar news about two zones is two stories; one document reposted verbatim by
    // several zones (a province's policy text) is one, placed in all of them.
    if let (Some(za), Some(zb)) = (&a.zone, &b.zone)
        && za != zb
    {
        return match verdict {
            Verdict::Same(_, sim) if sim >= DOCUMENT_SAME => Verdict::Same(Reason::Document, sim),
            _ => Verdict::Apart(Apart::Zones),
        };
    }
    verdict
}

fn compare_texts(a: &Features, b: &Features) -> Verdict {
    let title = slot_check(&a.title_facts, &b.title_facts);
    if title.conflicts > 0 {
        return Verdict::Apart(Apart::TitleFacts);
    }
    if !a.title_places.is_empty()
        && !b.title_places.is_empty()
        && !a.title_places.iter().any(|p| b.title_places.contains(p))
    {
        return Verdict::Apart(Apart::TitlePlaces);
    }
    let body = slot_check(&a.body_facts, &b.body_facts);
    // A place or a date put where the other copy has another is never an edit; one
    // changed figure among many agreeing ones (a long article) can be a correction, and
    // nothing more.
    if body.place_conflicts > 0
        || body.date_conflicts > 0
        || body.conflicts >= 2
        || (body.conflicts == 1 && body.agreements < 5)
    {
        return Verdict::Apart(Apart::BodyFacts);
    }
    let both_bodies = a.has_body() && b.has_body();
    let (sim, kept) = if both_bodies {
        (weighted_overlap(&a.body, &b.body).0, kept_share(a, b))
    } else {
        (0.0, 0.0)
    };
    // One site giving several items one link (its list page, its home page) says nothing;
    // two sites giving the same link carry one article.
    if a.link_key.is_some() && a.link_key == b.link_key && a.source != b.source {
        let titles_agree = a.title_key == b.title_key
            || jaccard(&a.title_shingles, &b.title_shingles) >= LINK_TITLE_SAME;
        if titles_agree || (sim >= TEXT_SAME && kept >= KEPT_SHARE) {
            return Verdict::Same(Reason::Link, sim);
        }
    }
    if a.title_key == b.title_key && a.title_key.chars().count() >= super::MIN_TITLE_CHARS {
        if !both_bodies || kept >= KEPT_SHARE {
            return Verdict::Same(Reason::Title, sim);
        }
        return Verdict::Apart(Apart::TitleBody);
    }
    if both_bodies && sim >= TEXT_SAME && kept >= KEPT_SHARE {
        return Verdict::Same(Reason::Text, sim);
    }
    // A brief: the first paragraph or two sentences of the article, under its own
    // headline, with photo captions or a WeChat frame around it. Nearly all of it is in
    // the other, whatever the share of the other it is.
    if both_bodies && kept >= BRIEF_KEPT {
        return Verdict::Same(Reason::Brief, sim);
    }
    Verdict::Apart(Apart::Dissimilar)
}

/// The measures [`compare`] weighs, for an admin or a test asking why: weighted Jaccard of
/// the bodies, the share of the shorter body kept in the other, and the Jaccard of the
/// titles' shingles.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measures {
    pub sim: f64,
    pub kept: f64,
    pub title_sim: f64,
}

pub fn measures(a: &Features, b: &Features) -> Measures {
    Measures {
        sim: weighted_overlap(&a.body, &b.body).0,
        kept: kept_share(a, b),
        title_sim: jaccard(&a.title_shingles, &b.title_shingles),
    }
}

#[derive(Debug, Default)]
struct Slots {
    conflicts: usize,
    place_conflicts: usize,
    date_conflicts: usize,
    agreements: usize,
}

/// Share of the shorter body's weight that lies in sentences the other body keeps (at least
/// [`SENTENCE_KEPT`] of the sentence's weight found anywhere in the other body: the other
/// may have joined it to its neighbours or split its paragraph).
fn kept_share(a: &Features, b: &Features) -> f64 {
    let weight = |p: &[(u64, u32)]| p.iter().map(|x| u64::from(x.1)).sum::<u64>();
    let (wa, wb): (u64, u64) = (
        a.sentences.iter().map(|p| weight(p)).sum(),
        b.sentences.iter().map(|p| weight(p)).sum(),
    );
    let (short, long) = if wa <= wb { (a, b) } else { (b, a) };
    let total = wa.min(wb);
    if total == 0 {
        return 0.0;
    }
    let kept: u64 = short
        .sentences
        .iter()
        .filter(|s| containment(s, &long.body) >= SENTENCE_KEPT)
        .map(|s| weight(s))
        .sum();
    kept as f64 / total as f64
}

/// Share of `part`'s weight found in `whole` (both sorted by hash).
fn containment(part: &[(u64, u32)], whole: &[(u64, u32)]) -> f64 {
    let (mut found, mut total) = (0u64, 0u64);
    for &(h, w) in part {
        total += u64::from(w);
        if let Ok(i) = whole.binary_search_by_key(&h, |x| x.0) {
            found += u64::from(w.min(whole[i].1));
        }
    }
    if total == 0 {
        0.0
    } else {
        found as f64 / total as f64
    }
}

/// Slots both texts fill: agreeing (some value in common) or conflicting (none).
fn slot_check(a: &[Fact], b: &[Fact]) -> Slots {
    let mut out = Slots::default();
    let mut slots: Vec<(u64, bool, bool)> = a.iter().map(|f| (f.slot, f.place, f.date)).collect();
    slots.sort_unstable();
    slots.dedup();
    for (slot, place, date) in slots {
        let va: Vec<u64> = a
            .iter()
            .filter(|f| f.slot == slot)
            .map(|f| f.value)
            .collect();
        let vb: Vec<u64> = b
            .iter()
            .filter(|f| f.slot == slot)
            .map(|f| f.value)
            .collect();
        if vb.is_empty() {
            continue;
        }
        if va.iter().any(|v| vb.contains(v)) {
            out.agreements += 1;
        } else {
            out.conflicts += 1;
            if place {
                out.place_conflicts += 1;
            }
            if date {
                out.date_conflicts += 1;
            }
        }
    }
    out
}

/// Weighted Jaccard and weighted containment (shared weight over the lighter side) of two
/// sorted shingle sets.
pub(crate) fn weighted_overlap(a: &[(u64, u32)], b: &[(u64, u32)]) -> (f64, f64) {
    let (mut i, mut j) = (0, 0);
    let (mut shared, mut union) = (0u64, 0u64);
    let wa: u64 = a.iter().map(|x| u64::from(x.1)).sum();
    let wb: u64 = b.iter().map(|x| u64::from(x.1)).sum();
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => {
                union += u64::from(a[i].1);
                i += 1;
            }
            std::cmp::Ordering::Greater => {
                union += u64::from(b[j].1);
                j += 1;
            }
            std::cmp::Ordering::Equal => {
                shared += u64::from(a[i].1.min(b[j].1));
                union += u64::from(a[i].1.max(b[j].1));
                i += 1;
                j += 1;
            }
        }
    }
    union += a[i..].iter().map(|x| u64::from(x.1)).sum::<u64>();
    union += b[j..].iter().map(|x| u64::from(x.1)).sum::<u64>();
    let sim = if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    };
    let lighter = wa.min(wb);
    let overlap = if lighter == 0 {
        0.0
    } else {
        shared as f64 / lighter as f64
    };
    (sim, overlap)
}

fn jaccard(a: &[u64], b: &[u64]) -> f64 {
    let (mut i, mut j, mut shared) = (0, 0, 0usize);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    let union = a.len() + b.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f64 / union as f64
    }
}
