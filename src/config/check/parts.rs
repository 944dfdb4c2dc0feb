//! A large config read in parts: the `[[sources]]` and `[[subscriptions]]` sections are cut
//! out of the document and parsed a batch at a time, so what parsing holds at once is one
//! batch's tree, not the whole file's. toml's tree of a file of 100,000 subscriptions
//! (12.5 MB) peaked at 323 MB in a bare program, and `zonefeed check` at 791 MB; every
//! command and the daemon parse the config first.
//!
//! Invariants:
//! - the rest of the document (the head) keeps every byte offset: the sections cut out are
//!   blanked to spaces with their line breaks kept, so a span in the head is a span in the
//!   file, and a part's spans are its start plus a span in the part;
//! - a part is a contiguous run of whole elements of one array (`[[K]]` and the `[K.…]`
//!   tables after it), so it parses alone exactly as it did inside the file;
//! - the scan only has to find header lines: anything it cannot place (a quoted header, a
//!   `[K.x]` before any `[[K]]`) leaves that array in the head. The caller parses the whole
//!   file as before when any part or the head fails to parse, so messages are unchanged.

use std::ops::Range;

/// Elements of one array per part.
const PER_PART: usize = 500;

/// The arrays of tables read in parts.
pub(super) const SPLIT: [&str; 2] = ["sources", "subscriptions"];

/// The document cut in parts: the head (the file with the parts blanked), and each part's
/// array name and byte range in the file, in file order.
pub(super) struct Parts {
    pub head: String,
    pub parts: Vec<(&'static str, Range<usize>)>,
}

/// Cuts `text`; None when nothing is worth cutting (a small file, or no such array).
pub(super) fn split(text: &str) -> Option<Parts> {
    let headers = headers(text);
    let mut parts: Vec<(&'static str, Range<usize>)> = Vec::new();
    // The array whose elements the headers since `run_start` belong to.
    let mut run: Option<(&'static str, usize, usize)> = None; // (name, start, elements)
    let mut refused: Vec<&'static str> = Vec::new();
    for h in &headers {
        let owner = SPLIT.iter().copied().find(|k| {
            h.name == *k
                || h.name
                    .strip_prefix(k)
                    .is_some_and(|rest| rest.trim_start().starts_with('.'))
        });
        match (&mut run, owner) {
            // Another element, or a sub-table of the current one.
            (Some((name, start, n)), Some(k)) if *name == k => {
                if h.array && h.name == k {
                    if *n == PER_PART {
                        parts.push((k, *start..h.line_start));
                        *start = h.line_start;
                        *n = 0;
                    }
                    *n += 1;
                }
            }
            (current, owner) => {
                if let Some((name, start, _)) = current.take() {
                    parts.push((name, start..h.line_start));
                }
                if let Some(k) = owner {
                    if h.array && h.name == k && !refused.contains(&k) {
                        *current = Some((k, h.line_start, 1));
                    } else {
                        // `[K.x]` with no element to belong to, or `[K]`: the file's own
                        // parse says what is wrong; this array stays whole.
                        refused.push(k);
                    }
                }
            }
        }
    }
    if let Some((name, start, _)) = run {
        parts.push((name, start..text.len()));
    }
    parts.retain(|(k, _)| !refused.contains(k));
    if parts.len() < 2 {
        return None;
    }
    let mut head = text.as_bytes().to_vec();
    for (_, r) in &parts {
        for b in &mut head[r.clone()] {
            if *b != b'\n' && *b != b'\r' {
                *b = b' ';
            }
        }
    }
    // Whole characters were blanked (a part starts and ends at a line start), so this is
    // UTF-8; a failure would only mean a bug here, and then the file is read whole.
    let head = String::from_utf8(head).ok()?;
    Some(Parts { head, parts })
}

/// A table header at the start of a line, outside any value.
struct Header {
    line_start: usize,
    /// As written between the brackets, trimmed (`sources`, `sources.request`).
    name: String,
    array: bool,
}

/// The header lines of `text`: a `[` first on its line, outside strings, comments and
/// multi-line arrays or inline tables.
fn headers(text: &str) -> Vec<Header> {
    let b = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    let mut depth = 0usize; // open [ and { of values
    let mut line_start = 0;
    let mut at_line_start = true; // only whitespace since line_start
    while i < b.len() {
        let c = b[i];
        match c {
            b'\n' => {
                i += 1;
                line_start = i;
                at_line_start = true;
                continue;
            }
            b' ' | b'\t' | b'\r' => {
                i += 1;
                continue;
            }
            b'#' => {
                i = memchr_newline(b, i);
                continue;
            }
            b'[' if at_line_start && depth == 0 => {
                let array = b.get(i + 1) == Some(&b'[');
                let open = if array { 2 } else { 1 };
                let end = memchr_newline(b, i);
                let line = &text[i + open..end];
                let close = if array { "]]" } else { "]" };
                if let Some(k) = line.find(close) {
                    out.push(Header {
                        line_start,
                        name: line[..k].trim().to_string(),
                        array,
                    });
                }
                // The rest of the header line is a comment or nothing.
                i = end;
                at_line_start = false;
                continue;
            }
            b'"' | b'\'' => {
                i = skip_string(b, i);
            }
            b'[' | b'{' => {
                depth += 1;
                i += 1;
            }
            b']' | b'}' => {
                depth = depth.saturating_sub(1);
                i += 1;
            }
            _ => i += 1,
        }
        at_line_start = false;
    }
    out
}

fn memchr_newline(b: &[u8], from: usize) -> usize {
    b[from..]
        .iter()
        .position(|&c| c == b'\n')
        .map_or(b.len(), |p| from + p)
}

/// The index after the string starting at `i` (basic, literal, or their multi-line forms).
fn skip_string(b: &[u8], i: usize) -> usize {
    let q = b[i];
    let triple = b.get(i..i + 3) == Some(&[q, q, q][..]);
    if triple {
        let mut j = i + 3;
        while j < b.len() {
            if q == b'"' && b[j] == b'\\' {
                j += 2;
                continue;
            }
            if b.get(j..j + 3) == Some(&[q, q, q][..]) {
                // Up to two more quotes may close it (`""""` ends with a quote inside).
                let mut k = j + 3;
                while k < b.len() && b[k] == q && k < j + 5 {
                    k += 1;
                }
                return k;
            }
            j += 1;
        }
        return b.len();
    }
    let mut j = i + 1;
    while j < b.len() {
        match b[j] {
            b'\\' if q == b'"' => j += 2,
            b'\n' => return j, // unterminated: the parser reports it
            c if c == q => return j + 1,
            _ => j += 1,
        }
    }
    b.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc(n: usize) -> String {
        let mut s = String::from(
            "# top\n[service]\ntimezone = \"Asia/Shanghai\"\n\n[[regions]]\nid = \"nt\"\nname = \"南通市\"\n",
        );
        for i in 0..n {
            s.push_str(&format!(
                "\n[[sources]]\nid = \"s{i}\"\nurl = \"https://x.cn/{i}\"  # [[sources]] in a comment\nregion = \"nt\"\ntags = [\n  \"[a]\",\n]\n[sources.request]\nheaders = {{ A = \"]\" }}\n"
            ));
        }
        s.push_str("\n[[subscriptions]]\nid = \"u\"\nnote = \"\"\"\n[[sources]]\n\"\"\"\n");
        s
    }

    #[test]
    fn parts_are_whole_elements_and_the_head_keeps_offsets() {
        let text = doc(PER_PART + 3);
        let p = split(&text).expect("cut");
        assert_eq!(p.head.len(), text.len());
        let names: Vec<&str> = p.parts.iter().map(|(k, _)| *k).collect();
        assert_eq!(names, ["sources", "sources", "subscriptions"]);
        let first = &text[p.parts[0].1.clone()];
        assert!(first.starts_with("[[sources]]\nid = \"s0\""));
        assert_eq!(first.matches("\n[[sources]]").count() + 1, PER_PART);
        assert!(
            text[p.parts[1].1.clone()].starts_with(&format!("[[sources]]\nid = \"s{PER_PART}\""))
        );
        // The string holding "[[sources]]" stays in its subscription.
        assert!(text[p.parts[2].1.clone()].contains("note = \"\"\"\n[[sources]]"));
        assert!(p.head.contains("[service]") && !p.head.contains("[[sources]]"));
        assert_eq!(p.head.lines().count(), text.lines().count());
    }

    #[test]
    fn a_table_before_its_array_leaves_the_file_whole() {
        let text = format!("[sources.request]\nx = 1\n{}", doc(3));
        let p = split(&text);
        assert!(p.is_none_or(|p| p.parts.iter().all(|(k, _)| *k != "sources")));
    }
}
