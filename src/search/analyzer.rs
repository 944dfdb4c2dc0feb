//! Text to index terms, the same way on both sides: NFKC, lower case, then Han runs cut
//! into terms (character bigrams or jieba's search mode) and other letters and digits
//! into words.
//!
//! Invariants:
//! - indexing and querying normalise identically (`ＡＩ` and `ai` are one term);
//! - a term's position is the number of letters, digits and Han characters before it in
//!   the normalised text; spaces and punctuation take no position. A query word becomes a
//!   phrase of its terms at those same relative positions, so `新能源` (bigrams 新能@0
//!   能源@1) matches 光伏新能源 but not 能源局 (能源@0 源局@1), whatever the analyser.
//! - the analyser an index was built with is recorded beside it (see `index.rs`): a query
//!   analysed differently from its index would quietly miss.

use std::sync::OnceLock;

use tantivy::tokenizer::{Token, TokenStream, Tokenizer};
use unicode_normalization::UnicodeNormalization;

/// How runs of Han characters become terms. Chosen by measurement: see BENCHMARKS.md
/// ("Search: analysers") and `tests/search_relevance.rs`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Analyzer {
    /// Overlapping character pairs, as Lucene's CJK analyser; a one-character run is one term.
    Bigram,
    /// jieba-rs: search mode (words and their dictionary sub-words) when indexing, default
    /// mode when querying.
    Jieba,
}

/// The analyser new indexes are built with (see BENCHMARKS.md for the numbers behind it).
pub const CHOSEN: Analyzer = Analyzer::Bigram;

impl Analyzer {
    pub fn name(self) -> &'static str {
        match self {
            Analyzer::Bigram => "bigram",
            Analyzer::Jieba => "jieba",
        }
    }

    pub fn from_name(s: &str) -> Option<Analyzer> {
        match s {
            "bigram" => Some(Analyzer::Bigram),
            "jieba" => Some(Analyzer::Jieba),
            _ => None,
        }
    }

    /// The tantivy tokenizer name registered for this analyser (index side).
    pub(crate) fn tokenizer_name(self) -> &'static str {
        match self {
            Analyzer::Bigram => "zf_bigram",
            Analyzer::Jieba => "zf_jieba",
        }
    }
}

/// NFKC and lower case: full-width `ＡＩ` is `ai`, `①` is `1`.
pub fn normalize(text: &str) -> String {
    text.nfkc().flat_map(char::to_lowercase).collect()
}

/// One term and its position (see the module invariants).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Term {
    pub pos: u32,
    pub text: String,
}

#[derive(PartialEq, Clone, Copy)]
enum Class {
    Han,
    Word,
    Sep,
}

fn class(c: char) -> Class {
    if is_han(c) {
        Class::Han
    } else if c.is_alphanumeric() {
        Class::Word
    } else {
        Class::Sep
    }
}

pub(crate) fn is_han(c: char) -> bool {
    matches!(c,
        '\u{3400}'..='\u{4DBF}' | '\u{4E00}'..='\u{9FFF}' | '\u{F900}'..='\u{FAFF}'
        | '\u{20000}'..='\u{2FA1F}' | '\u{3007}')
}

fn jieba() -> &'static jieba_rs::Jieba {
    // Loading the dictionary takes ~0.3 s and ~30 MB; once per process, and only when the
    // jieba analyser is used at all.
    static J: OnceLock<jieba_rs::Jieba> = OnceLock::new();
    J.get_or_init(jieba_rs::Jieba::new)
}

/// The terms of already-normalised `text`. `query` picks jieba's default mode (whole
/// words) over its search mode (words plus sub-words) used for documents.
pub fn terms_normalized(analyzer: Analyzer, text: &str, query: bool) -> Vec<Term> {
    let mut out = Vec::new();
    let chars: Vec<char> = text.chars().collect();
    let mut pos: u32 = 0;
    let mut i = 0;
    while i < chars.len() {
        let cl = class(chars[i]);
        let start = i;
        while i < chars.len() && class(chars[i]) == cl {
            i += 1;
        }
        let run = &chars[start..i];
        match cl {
            Class::Sep => {}
            Class::Word => {
                out.push(Term {
                    pos,
                    text: run.iter().collect(),
                });
                pos += run.len() as u32;
            }
            Class::Han => {
                han_terms(analyzer, run, pos, query, &mut out);
                pos += run.len() as u32;
            }
        }
    }
    out
}

/// [`normalize`] then [`terms_normalized`].
pub fn terms(analyzer: Analyzer, text: &str, query: bool) -> Vec<Term> {
    terms_normalized(analyzer, &normalize(text), query)
}

fn han_terms(analyzer: Analyzer, run: &[char], base: u32, query: bool, out: &mut Vec<Term>) {
    match analyzer {
        Analyzer::Bigram => {
            if run.len() == 1 {
                out.push(Term {
                    pos: base,
                    text: run[0].to_string(),
                });
                return;
            }
            for (k, w) in run.windows(2).enumerate() {
                out.push(Term {
                    pos: base + k as u32,
                    text: w.iter().collect(),
                });
            }
        }
        Analyzer::Jieba => {
            let s: String = run.iter().collect();
            // HMM off on both sides: it guesses unknown words from context, and a short
            // query has too little context to guess them as a long article did.
            let mode = if query {
                jieba_rs::TokenizeMode::Default
            } else {
                jieba_rs::TokenizeMode::Search
            };
            for t in jieba().tokenize(&s, mode, false) {
                out.push(Term {
                    pos: base + t.start as u32,
                    text: t.word.to_string(),
                });
            }
        }
    }
}

/// The index-side tantivy tokenizer over [`terms`].
#[derive(Clone)]
pub(crate) struct ZfTokenizer(pub Analyzer);

pub(crate) struct VecStream {
    tokens: Vec<Token>,
    next: usize,
}

impl Tokenizer for ZfTokenizer {
    type TokenStream<'a> = VecStream;
    fn token_stream<'a>(&'a mut self, text: &'a str) -> VecStream {
        let tokens = terms(self.0, text, false)
            .into_iter()
            .map(|t| Token {
                // Offsets are for highlighting, which zonefeed does not do; positions carry
                // the matching.
                offset_from: 0,
                offset_to: 0,
                position: t.pos as usize,
                text: t.text,
                position_length: 1,
            })
            .collect();
        VecStream { tokens, next: 0 }
    }
}

impl TokenStream for VecStream {
    fn advance(&mut self) -> bool {
        if self.next < self.tokens.len() {
            self.next += 1;
            true
        } else {
            false
        }
    }
    fn token(&self) -> &Token {
        &self.tokens[self.next - 1]
    }
    fn token_mut(&mut self) -> &mut Token {
        &mut self.tokens[self.next - 1]
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(a: Analyzer, s: &str, q: bool) -> Vec<(u32, String)> {
        terms(a, s, q)
            .into_iter()
            .map(|t| (t.pos, t.text))
            .collect()
    }

    #[test]
    fn full_width_and_case_fold_to_one_term() {
        assert_eq!(
            texts(Analyzer::Bigram, "ＡＩ芯片", true),
            texts(Analyzer::Bigram, "ai芯片", true)
        );
        assert_eq!(terms(Analyzer::Bigram, "ＡＩ", true)[0].text, "ai");
    }

    #[test]
    fn bigram_positions_skip_punctuation() {
        assert_eq!(
            texts(Analyzer::Bigram, "苏州，工业园", false),
            vec![(0, "苏州".into()), (2, "工业".into()), (3, "业园".into())]
        );
    }
}
