//! Text-level XML scanning: find elements, their ends and attributes in a document without
//! parsing it. The repairs (`xml`) and the readers of old forms (`legacy`) both work at this
//! level, before or instead of feed-rs; this file depends on neither.

/// Byte offset of the root element's start tag if it is `<name`, skipping prolog, comments,
/// doctype and processing instructions.
pub(super) fn find_root_start(body: &str, name: &str) -> Option<usize> {
    let mut i = 0;
    while let Some(off) = body[i..].find('<') {
        let at = i + off;
        let rest = &body[at..];
        if rest.starts_with("<?") || rest.starts_with("<!") {
            let end = if rest.starts_with("<!--") {
                rest.find("-->").map(|e| e + 3)
            } else {
                rest.find('>').map(|e| e + 1)
            }?;
            i = at + end;
            continue;
        }
        let after = rest.get(1..1 + name.len())?;
        let next = rest[1 + name.len()..].chars().next();
        return (after == name && next.is_some_and(|c| c.is_whitespace() || c == '>'))
            .then_some(at);
    }
    None
}

pub(super) fn attr_value(tag: &str, name: &str) -> Option<String> {
    let mut search = 0;
    while let Some(off) = tag[search..].find(name) {
        let at = search + off;
        let before_ok = tag[..at].ends_with(|c: char| c.is_whitespace());
        let rest = tag[at + name.len()..].trim_start();
        if before_ok && let Some(rest) = rest.strip_prefix('=') {
            let rest = rest.trim_start();
            let quote = rest.chars().next()?;
            if quote == '"' || quote == '\'' {
                let val = &rest[1..];
                return val.find(quote).map(|e| val[..e].to_string());
            }
        }
        search = at + name.len();
    }
    None
}

/// Length of the tag starting at `s[0] == '<'`, through its `>`; quoted attribute values
/// (either quote) may hold `>`.
pub(super) fn tag_len(s: &str) -> Option<usize> {
    let mut quote: Option<u8> = None;
    for (i, b) in s.bytes().enumerate().skip(1) {
        match (quote, b) {
            (Some(q), _) if b == q => quote = None,
            (Some(_), _) => {}
            (None, b'"' | b'\'') => quote = Some(b),
            (None, b'>') => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// Whether `s` (the text just after a `<`) starts the element `name`: the name, then
/// whitespace, `>` or `/` (`<items` is not `<item`).
fn names_element(s: &str, name: &str, ignore_case: bool) -> bool {
    let same = s.get(..name.len()).is_some_and(|head| {
        if ignore_case {
            head.eq_ignore_ascii_case(name)
        } else {
            head == name
        }
    });
    same && s[name.len()..]
        .bytes()
        .next()
        .is_some_and(|c| c.is_ascii_whitespace() || c == b'>' || c == b'/')
}

/// Offset of the first start tag of `name` in `s` at or after `from`.
pub(super) fn find_start(s: &str, name: &str, from: usize, ignore_case: bool) -> Option<usize> {
    let mut i = from;
    while let Some(off) = s.get(i..)?.find('<') {
        let at = i + off;
        if names_element(&s[at + 1..], name, ignore_case) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

/// Offset of the first end tag `</name>` in `s` at or after `from`.
pub(super) fn find_end(s: &str, name: &str, from: usize, ignore_case: bool) -> Option<usize> {
    let mut i = from;
    while let Some(off) = s.get(i..)?.find("</") {
        let at = i + off;
        let rest = &s[at + 2..];
        if names_element(rest, name, ignore_case)
            && rest[name.len()..].trim_start().starts_with('>')
        {
            return Some(at);
        }
        i = at + 2;
    }
    None
}

/// One element found by [`elements`]; offsets into the text searched.
pub(super) struct Element<'a> {
    /// Offset of its start tag's `<`.
    pub start: usize,
    /// The start tag, `<` to `>`.
    pub tag: &'a str,
    /// What lies between its start and end tags (empty when self-closing).
    pub inner: &'a str,
    /// Offset just past its end tag (past the start tag when self-closing).
    pub end: usize,
    pub self_closing: bool,
}

/// Every `name` element of `s` in document order, an element found inside another of the
/// same name not counted (feeds do not nest items or titles); stops at the first one that
/// is not closed. A text scan, not a parse: callers use it on documents that have already
/// shown the case they handle.
pub(super) fn elements<'a>(s: &'a str, name: &str, ignore_case: bool) -> Vec<Element<'a>> {
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(start) = find_start(s, name, i, ignore_case) {
        let Some(len) = tag_len(&s[start..]) else {
            break;
        };
        let tag = &s[start..start + len];
        if tag.ends_with("/>") {
            out.push(Element {
                start,
                tag,
                inner: "",
                end: start + len,
                self_closing: true,
            });
            i = start + len;
            continue;
        }
        let Some(close) = find_end(s, name, start + len, ignore_case) else {
            break;
        };
        let Some(close_len) = s[close..].find('>') else {
            break;
        };
        out.push(Element {
            start,
            tag,
            inner: &s[start + len..close],
            end: close + close_len + 1,
            self_closing: false,
        });
        i = close + close_len + 1;
    }
    out
}
