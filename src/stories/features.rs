//! What one item brings to a comparison ([`Features`]): its title and link keys, the
//! character shingles of its body with their weights, the facts it states (`facts`), and the keys under which the store files it
//! ([`posting_keys`]: link, title, and sentences of the body).
//!
//! Invariants: pure and deterministic across runs and machines (the keys are stored in
//! sled): hashes are FNV-1a and SplitMix64 written out here, never `std`'s randomised ones.
//! A shingle is three letters or digits of the folded body (punctuation and spaces
//! removed); one that touches a number or a place name weighs [`FACT_WEIGHT`], so two
//! templated reports that differ only in their figures or their zone share much text but
//! little weight.

use chrono::{DateTime, Utc};

use super::facts::{Fact, facts};
use super::lexicon::{Lexicon, hash_bytes, mix};
use super::normalize::{body_paragraphs, fold, link_key, title_key};
use crate::model::Item;

/// Weight of a shingle that contains a digit or part of a place name (others weigh 1).
/// 4 measured on the labelled set (tests/stories.rs): at 2 two monthly reports that share
/// their template still reached the text threshold on their text alone; at 8 an article
/// whose copy adds one paragraph of figures fell below it.
pub(crate) const FACT_WEIGHT: u32 = 4;

/// Sentences filed as keys besides the lead ones: those whose hashes are smallest (a
/// bottom-k sample of the body's sentences), so two bodies that keep most sentences share
/// some whatever the order or the sentences added or dropped: at four, bodies sharing half
/// their sentences share a sampled one with probability about 0.94.
pub(crate) const SAMPLED_SENTENCES: usize = 4;

/// Bodies shorter than this many shingles are not compared as text (a caption or a one-line
/// summary says too little: two notices "详见附件" would match). About 40 characters.
pub(crate) const MIN_BODY_SHINGLES: usize = 40;

/// Sentences of the body's beginning filed as keys, and the letters and digits a sentence
/// needs to be one (shorter ones are formulas: 现将有关事项公告如下).
pub(crate) const LEAD_SENTENCES: usize = 4;
pub(crate) const MIN_SENTENCE_CHARS: usize = 20;

/// Titles shorter than this (after [`title_key`]) are not matched by title alone: "工作动态",
/// "通知公告" are headings, not stories.
pub(crate) const MIN_TITLE_CHARS: usize = 8;

/// One item as the comparison sees it.
#[derive(Debug, Clone)]
pub struct Features {
    pub title_key: String,
    pub link_key: Option<String>,
    /// Shingle hashes of the title, sorted, unique (for titles that are close, not equal).
    pub(crate) title_shingles: Vec<u64>,
    /// Shingle hashes of the body with their weights, sorted by hash, unique.
    pub(crate) body: Vec<(u64, u32)>,
    /// The same per sentence, to tell a copy (whole sentences kept, however the paragraphs
    /// are joined or split, some added or dropped) from a template filled in again (every
    /// sentence a little different).
    pub(crate) sentences: Vec<Vec<(u64, u32)>>,
    /// Hashes of the first [`LEAD_SENTENCES`] sentences of at least [`MIN_SENTENCE_CHARS`]
    /// letters and digits (where a brief of the article starts), then of the
    /// [`SAMPLED_SENTENCES`] other such sentences with the smallest hashes.
    pub(crate) key_sentences: Vec<u64>,
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
        let title_chars: Vec<char> = title.chars().filter(|c| !c.is_whitespace()).collect();
        let (title_spans, title_facts) = facts(&title_chars, lexicon, b'T');
        let body_chars: Vec<char> = body_text
            .iter()
            .copied()
            .filter(|c| !c.is_whitespace() || *c == '\n')
            .collect();
        let (body_spans, body_facts) = facts(&body_chars, lexicon, b'B');
        // Sentence shingles from the body's characters and fact spans, cut at line breaks
        // and sentence ends (one pass of the fact finders per item, not one per sentence).
        let flags = fact_flags(&body_chars, &body_spans);
        let mut per_sentence: Vec<Vec<(u64, u32)>> = Vec::new();
        let mut sentence_hashes = Vec::new();
        let mut from = 0;
        for (i, c) in body_chars.iter().enumerate() {
            if is_sentence_end(*c) {
                let part = &body_chars[from..i];
                let s = weighted_set(shingles_flagged(part, &flags[from..i]));
                if !s.is_empty() {
                    per_sentence.push(s);
                }
                let alnum: String = part.iter().filter(|c| c.is_alphanumeric()).collect();
                if alnum.chars().count() >= MIN_SENTENCE_CHARS {
                    sentence_hashes.push(hash_bytes(alnum.as_bytes()));
                }
                from = i + 1;
            }
        }
        let mut key_sentences: Vec<u64> = Vec::new();
        for h in sentence_hashes.iter().take(LEAD_SENTENCES) {
            if !key_sentences.contains(h) {
                key_sentences.push(*h);
            }
        }
        let mut rest: Vec<u64> = sentence_hashes
            .iter()
            .skip(LEAD_SENTENCES)
            .filter(|h| !key_sentences.contains(h))
            .copied()
            .collect();
        rest.sort_unstable_by_key(|h| mix(*h));
        rest.dedup();
        key_sentences.extend(rest.into_iter().take(SAMPLED_SENTENCES));
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
            sentences: per_sentence,
            key_sentences,
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
/// title key (when long enough to mean something) and its key sentences (when the body is
/// long enough to compare). Each key is 10 bytes: a kind (`l` link, `t` title, `s`
/// sentence), a zero byte, then a 64-bit hash.
///
/// Why sentences and not MinHash bands of the shingles, as before: a copy keeps whole
/// sentences (that is what `decide` checks), so a shared sentence finds it as surely as
/// shared bands did, with 10 keys per item instead of 22 (each one a posting list read and
/// rewritten when the item is filed) and without 48 hashes per shingle. The three labelled
/// sets (tests/stories/) merge the same pairs either way.
pub fn posting_keys(f: &Features) -> Vec<[u8; 10]> {
    let mut keys = Vec::with_capacity(2 + LEAD_SENTENCES + SAMPLED_SENTENCES);
    let key = |kind: u8, h: u64| {
        let mut k = [0u8; 10];
        k[0] = kind;
        k[2..].copy_from_slice(&h.to_be_bytes());
        k
    };
    if let Some(l) = &f.link_key {
        keys.push(key(b'l', hash_bytes(l.as_bytes())));
    }
    if f.title_key.chars().count() >= MIN_TITLE_CHARS {
        keys.push(key(b't', hash_bytes(f.title_key.as_bytes())));
    }
    if f.has_body() {
        for h in &f.key_sentences {
            keys.push(key(b's', *h));
        }
    }
    keys
}

/// Three-character shingles of the letters and digits of `chars`, each with its weight:
/// [`FACT_WEIGHT`] when one of its characters is a digit or inside a place name (`spans`).
fn shingles(chars: &[char], spans: &[(usize, usize)]) -> Vec<(u64, u32)> {
    shingles_flagged(chars, &fact_flags(chars, spans))
}

/// Where a sentence ends: a line break (the body's paragraphs and `<br>`s) or a full stop,
/// question or exclamation mark, or semicolon (folded: `！？；` read as `!?;`). Copies join
/// and split paragraphs; they rarely cut a sentence.
fn is_sentence_end(c: char) -> bool {
    matches!(c, '\n' | '。' | '!' | '?' | ';')
}

/// Which characters lie inside a fact's span.
fn fact_flags(chars: &[char], spans: &[(usize, usize)]) -> Vec<bool> {
    let mut in_fact = vec![false; chars.len()];
    for &(s, e) in spans {
        for f in in_fact.iter_mut().take(e).skip(s) {
            *f = true;
        }
    }
    in_fact
}

fn shingles_flagged(chars: &[char], in_fact: &[bool]) -> Vec<(u64, u32)> {
    let kept: Vec<(char, bool)> = chars
        .iter()
        .zip(in_fact)
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
