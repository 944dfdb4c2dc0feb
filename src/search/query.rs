//! The query language, parsed into a small tree before any index is touched, so every
//! mistake is a message with a column, never a failed search.
//!
//! Grammar (documented in README.md, "Search"):
//! - words separated by spaces are all required (AND);
//! - `A OR B` (upper-case `OR`) needs either; `OR` binds tighter than the space, so
//!   `苏州 新能源 OR 储能` is 苏州 AND (新能源 OR 储能);
//! - `-word` or `-"phrase"` excludes;
//! - `"..."` is a phrase: its words in that order, adjacent.
//!
//! Invariants: a parsed query has at least one required group (a query of exclusions
//! alone would list the whole store); every clause has at least one searchable character.

use super::analyzer::{Analyzer, terms};

/// Longest query accepted, in characters (HTTP answers 400 past it).
pub const MAX_QUERY_CHARS: usize = 200;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Clause {
    Word(String),
    Phrase(String),
}

impl Clause {
    pub fn text(&self) -> &str {
        match self {
            Clause::Word(s) | Clause::Phrase(s) => s,
        }
    }
}

/// A parsed query: every group is required (a group is its clauses ORed); `exclude`d
/// clauses must not match.
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct Parsed {
    pub groups: Vec<Vec<Clause>>,
    pub exclude: Vec<Clause>,
}

/// Why a query was refused; `col` is the 1-based character column in the query.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("column {col}: {msg}")]
pub struct QueryError {
    pub col: usize,
    pub msg: String,
}

fn err<T>(col: usize, msg: impl Into<String>) -> Result<T, QueryError> {
    Err(QueryError {
        col,
        msg: msg.into(),
    })
}

enum Tok {
    Clause {
        clause: Clause,
        negated: bool,
        col: usize,
    },
    Or {
        col: usize,
    },
}

fn lex(q: &str) -> Result<Vec<Tok>, QueryError> {
    let chars: Vec<char> = q.chars().collect();
    let mut toks = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        if chars[i].is_whitespace() {
            i += 1;
            continue;
        }
        let col = i + 1;
        let negated = chars[i] == '-';
        if negated {
            i += 1;
            if i >= chars.len() || chars[i].is_whitespace() {
                return err(
                    col,
                    "`-` must be followed by the word to exclude, as in -招聘",
                );
            }
        }
        // Full-width quotes are what a Chinese input method types.
        if matches!(chars[i], '"' | '“' | '”' | '＂') {
            let open = i + 1;
            i += 1;
            let start = i;
            while i < chars.len() && !matches!(chars[i], '"' | '“' | '”' | '＂') {
                i += 1;
            }
            if i >= chars.len() {
                return err(open, "this quote is never closed");
            }
            let text: String = chars[start..i].iter().collect();
            i += 1;
            toks.push(Tok::Clause {
                clause: Clause::Phrase(text),
                negated,
                col,
            });
            continue;
        }
        let start = i;
        while i < chars.len() && !chars[i].is_whitespace() && chars[i] != '"' {
            i += 1;
        }
        let text: String = chars[start..i].iter().collect();
        if text == "OR" && !negated {
            toks.push(Tok::Or { col });
        } else {
            toks.push(Tok::Clause {
                clause: Clause::Word(text),
                negated,
                col,
            });
        }
    }
    Ok(toks)
}

/// Parses `q`. An empty query is an error here; callers that allow a filter-only search
/// check for emptiness first.
pub fn parse(q: &str) -> Result<Parsed, QueryError> {
    let len = q.chars().count();
    if len > MAX_QUERY_CHARS {
        return err(
            MAX_QUERY_CHARS + 1,
            format!("the query is {len} characters long; at most {MAX_QUERY_CHARS} are accepted"),
        );
    }
    let toks = lex(q)?;
    if toks.is_empty() {
        return err(1, "the query is empty");
    }
    let mut parsed = Parsed::default();
    // Whether the last token was OR (so the next clause joins the last group).
    let mut pending_or: Option<usize> = None;
    let mut last_was_positive = false;
    for tok in toks {
        match tok {
            Tok::Or { col } => {
                if !last_was_positive || pending_or.is_some() {
                    return err(col, "OR must stand between two words, as in 光伏 OR 储能");
                }
                pending_or = Some(col);
            }
            Tok::Clause {
                clause,
                negated,
                col,
            } => {
                // The analyser matters not here: both find letters in the same places.
                if terms(Analyzer::Bigram, clause.text(), true).is_empty() {
                    return err(
                        col,
                        format!(
                            "{:?} has no letters, digits or characters to search for",
                            clause.text()
                        ),
                    );
                }
                if negated {
                    if pending_or.is_some() {
                        return err(col, "an excluded word cannot be one side of OR");
                    }
                    parsed.exclude.push(clause);
                    last_was_positive = false;
                } else {
                    match (pending_or.take(), parsed.groups.last_mut()) {
                        (Some(_), Some(g)) => g.push(clause),
                        _ => parsed.groups.push(vec![clause]),
                    }
                    last_was_positive = true;
                }
            }
        }
    }
    if let Some(col) = pending_or {
        return err(col, "OR must stand between two words, as in 光伏 OR 储能");
    }
    if parsed.groups.is_empty() {
        return err(1, "a query needs at least one word that is not excluded");
    }
    Ok(parsed)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn w(s: &str) -> Clause {
        Clause::Word(s.into())
    }

    #[test]
    fn or_binds_tighter_than_and() {
        let p = parse("苏州 新能源 OR 储能 -招聘").unwrap();
        assert_eq!(
            p.groups,
            vec![vec![w("苏州")], vec![w("新能源"), w("储能")]]
        );
        assert_eq!(p.exclude, vec![w("招聘")]);
    }

    #[test]
    fn phrases_in_ascii_and_chinese_quotes() {
        let p = parse("\"集成 电路\" “产业园”").unwrap();
        assert_eq!(
            p.groups,
            vec![
                vec![Clause::Phrase("集成 电路".into())],
                vec![Clause::Phrase("产业园".into())]
            ]
        );
    }

    #[test]
    fn mistakes_have_columns() {
        assert_eq!(parse("光伏 OR").unwrap_err().col, 4);
        assert_eq!(parse("OR 光伏").unwrap_err().col, 1);
        assert_eq!(parse("a \"open").unwrap_err().col, 3);
        assert_eq!(parse("-招聘").unwrap_err().col, 1);
        assert_eq!(parse("光伏 - x").unwrap_err().col, 4);
        assert_eq!(parse("，。").unwrap_err().col, 1);
        assert!(parse("").is_err());
        assert!(parse(&"长".repeat(201)).is_err());
        assert!(parse(&"长".repeat(200)).is_ok());
    }
}
