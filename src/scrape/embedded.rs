//! `[sources.list] embedded = true`: lists that a browser would only see after running the
//! page's scripts, brought into the HTML where the script stood, so the ordinary selectors
//! find them. Three forms occur on government sites:
//!
//! - markup held in a script that is not JavaScript: Hanweb (大汉) pages keep each list row
//!   as a CDATA `<record>` inside `<script type="text/xml"><datastore><recordset>`;
//! - `document.write("<li>…")`, with the pieces in string literals and simple variables
//!   (`var url = "./202611/t1.html"; document.write("<a href='" + url + "'>")`);
//! - HTML kept in string literals (arrays, `innerHTML = '…'`) that some loop writes out.
//!
//! CDATA sections outside scripts are unwrapped too (a Hanweb `dataproxy.jsp` answer is
//! such an XML document), since HTML parsing would otherwise read them as comments.
//!
//! This is not a JavaScript engine: only string literals, `+`, `unescape("%3C…")` and
//! variables assigned such values are understood; anything computed is left out.
//!
//! Invariants: pure and linear in the page; the output is at most [`growth_cap`] bytes, so
//! a page that writes a large variable many times cannot blow up memory.

use std::collections::HashMap;

/// The page with every script replaced by the HTML it holds or writes, and CDATA sections
/// elsewhere unwrapped.
pub(crate) fn unfold(html: &str) -> String {
    let cap = growth_cap(html.len());
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(open) = find_ci(rest, "<script") {
        let after_name = &rest[open + 7..];
        // `<scripts>` or `<script-x>` is not a script element.
        if !after_name
            .chars()
            .next()
            .is_some_and(|c| c.is_ascii_whitespace() || c == '>' || c == '/')
        {
            push_unwrapped(&mut out, &rest[..open + 7], cap);
            rest = after_name;
            continue;
        }
        let Some(tag_end) = after_name.find('>') else {
            break;
        };
        let attrs = &after_name[..tag_end];
        let body_and_rest = &after_name[tag_end + 1..];
        let (body, next) = match find_ci(body_and_rest, "</script") {
            Some(close) => {
                let after_close = &body_and_rest[close..];
                let end = after_close.find('>').map_or(after_close.len(), |g| g + 1);
                (&body_and_rest[..close], &after_close[end..])
            }
            None => (body_and_rest, ""),
        };
        push_unwrapped(&mut out, &rest[..open], cap);
        let held = if is_markup_script(attrs, body) {
            unwrap_cdata(body)
        } else {
            written_html(body, cap)
        };
        push_capped(&mut out, &held, cap);
        rest = next;
    }
    push_unwrapped(&mut out, rest, cap);
    out
}

/// How large the unfolded page may grow: twice the page plus 64 KiB.
pub(crate) fn growth_cap(len: usize) -> usize {
    len.saturating_mul(2).saturating_add(64 << 10)
}

fn push_capped(out: &mut String, s: &str, cap: usize) {
    let room = cap.saturating_sub(out.len());
    if s.len() <= room {
        out.push_str(s);
    } else {
        let mut end = room;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        out.push_str(&s[..end]);
    }
}

fn push_unwrapped(out: &mut String, s: &str, cap: usize) {
    if s.contains("<![CDATA[") {
        push_capped(out, &unwrap_cdata(s), cap);
    } else {
        push_capped(out, s, cap);
    }
}

/// A script whose body is markup rather than code: `type="text/xml"` (or html, template),
/// or a body that starts with a tag or a CDATA section holding one.
fn is_markup_script(attrs: &str, body: &str) -> bool {
    let attrs = attrs.to_ascii_lowercase();
    if let Some(t) = attrs.find("type") {
        let v = attrs[t + 4..].trim_start_matches([' ', '=', '"', '\'']);
        if v.starts_with("text/xml")
            || v.starts_with("application/xml")
            || v.starts_with("text/html")
            || v.starts_with("text/template")
            || v.starts_with("text/x-template")
        {
            return true;
        }
    }
    let b = body.trim_start();
    let b = b
        .strip_prefix("<![CDATA[")
        .map_or(b, |inner| inner.trim_start());
    let mut chars = b.chars();
    chars.next() == Some('<') && chars.next().is_some_and(|c| c.is_ascii_alphabetic())
}

/// `text` with each `<![CDATA[…]]>` replaced by what it holds.
fn unwrap_cdata(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find("<![CDATA[") {
        out.push_str(&rest[..start]);
        let inner = &rest[start + 9..];
        match inner.find("]]>") {
            Some(end) => {
                out.push_str(&inner[..end]);
                rest = &inner[end + 3..];
            }
            None => {
                out.push_str(inner);
                rest = "";
            }
        }
    }
    out.push_str(rest);
    out
}

fn find_ci(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    hay.as_bytes()
        .windows(n.len())
        .position(|w| w.eq_ignore_ascii_case(n))
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Str(String),
    Ident(String),
    Plus,
    Assign,
    PlusAssign,
    Open,
    Close,
    /// `;`, `,`, `{`, `}`: ends an expression.
    End,
    /// A number or `]`: after one, `/` divides.
    Operand,
    Other,
}

/// Does `s` hold a tag (`<li`, `</ul>`)?
fn has_markup(s: &str) -> bool {
    s.match_indices('<').any(|(i, _)| {
        let next = s[i + 1..].trim_start_matches('/');
        next.chars().next().is_some_and(|c| c.is_ascii_alphabetic())
    })
}

/// The HTML a script writes or holds: each `document.write` in order, then markup-bearing
/// strings that no write used (list rows kept in arrays or variables for a loop).
fn written_html(js: &str, cap: usize) -> String {
    let toks = tokenize(js);
    // Each variable's value and the token where it was last assigned.
    let mut vars: HashMap<&str, (String, usize)> = HashMap::new();
    let mut used: Vec<&str> = Vec::new();
    let mut out = String::new();
    // Markup strings that no write used, with the token where they stand.
    let mut held: Vec<(usize, String)> = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        match &toks[i] {
            Tok::Ident(name)
                if (name.ends_with("document.write") || name.ends_with("document.writeln"))
                    && toks.get(i + 1) == Some(&Tok::Open) =>
            {
                let (text, refs, end) = concat(&toks, i + 2, &vars, true, cap);
                used.extend(refs);
                push_capped(&mut out, &text, cap);
                i = end;
            }
            Tok::Ident(name) if matches!(toks.get(i + 1), Some(Tok::Assign | Tok::PlusAssign)) => {
                let append = toks.get(i + 1) == Some(&Tok::PlusAssign);
                let (text, _, end) = concat(&toks, i + 2, &vars, false, cap);
                let value = vars.entry(name.as_str()).or_default();
                if !append {
                    value.0.clear();
                }
                push_capped(&mut value.0, &text, cap);
                value.1 = i;
                i = end.max(i + 2);
            }
            Tok::Str(_) => {
                let (text, _, end) = concat(&toks, i, &vars, false, cap);
                if has_markup(&text) {
                    held.push((i, text));
                }
                i = end.max(i + 1);
            }
            _ => i += 1,
        }
    }
    for (name, (value, at)) in vars {
        if has_markup(&value) && !used.contains(&name) {
            held.push((at, value));
        }
    }
    held.sort_by_key(|(at, _)| *at);
    for (_, text) in held {
        push_capped(&mut out, &text, cap);
    }
    out
}

/// Evaluates `"a" + b + unescape("%3C")…` from `toks[start]`: the text, the variables it
/// read, and the index after it. Inside a call's parentheses (`in_call`) the expression
/// runs to the closing parenthesis; otherwise to the end of the statement or list element.
fn concat<'t>(
    toks: &'t [Tok],
    start: usize,
    vars: &HashMap<&str, (String, usize)>,
    in_call: bool,
    cap: usize,
) -> (String, Vec<&'t str>, usize) {
    let mut out = String::new();
    let mut refs = Vec::new();
    let mut depth = 0usize;
    let mut i = start;
    while let Some(t) = toks.get(i) {
        match t {
            Tok::Str(s) => push_capped(&mut out, s, cap),
            Tok::Ident(name) if name == "unescape" || name.ends_with(".unescape") => {
                if let (Some(Tok::Open), Some(Tok::Str(s)), Some(Tok::Close)) =
                    (toks.get(i + 1), toks.get(i + 2), toks.get(i + 3))
                {
                    push_capped(&mut out, &percent_decode(s), cap);
                    i += 4;
                    continue;
                }
            }
            Tok::Ident(name) => {
                // A variable's value, unless it is called or indexed (`a[i]`, `f(x)`).
                if !matches!(toks.get(i + 1), Some(Tok::Open | Tok::Other))
                    && let Some((v, _)) = vars.get(name.as_str())
                {
                    push_capped(&mut out, v, cap);
                    refs.push(name.as_str());
                }
            }
            Tok::Open => depth += 1,
            Tok::Close if depth == 0 => {
                return (out, refs, i + 1);
            }
            Tok::Close => depth -= 1,
            Tok::End if depth == 0 && !in_call => return (out, refs, i + 1),
            Tok::Assign | Tok::PlusAssign if !in_call => return (out, refs, i),
            Tok::Plus | Tok::End | Tok::Operand | Tok::Other | Tok::Assign | Tok::PlusAssign => {}
        }
        i += 1;
    }
    (out, refs, i)
}

/// `unescape("%3Cli%3E")`, including `%uXXXX`.
fn percent_decode(s: &str) -> String {
    let b = s.as_bytes();
    let mut out = String::with_capacity(s.len());
    let mut bytes = Vec::new();
    let mut i = 0;
    let hex = |h: &[u8]| {
        std::str::from_utf8(h)
            .ok()
            .and_then(|h| u32::from_str_radix(h, 16).ok())
    };
    let flush = |bytes: &mut Vec<u8>, out: &mut String| {
        out.push_str(&String::from_utf8_lossy(bytes));
        bytes.clear();
    };
    while i < b.len() {
        if b[i] == b'%' {
            if b.get(i + 1) == Some(&b'u')
                && let Some(c) = b.get(i + 2..i + 6).and_then(hex).and_then(char::from_u32)
            {
                flush(&mut bytes, &mut out);
                out.push(c);
                i += 6;
                continue;
            }
            if let Some(v) = b.get(i + 1..i + 3).and_then(hex) {
                // %XX is one Latin-1 character in JavaScript's unescape.
                flush(&mut bytes, &mut out);
                out.push(char::from_u32(v).unwrap_or('\u{fffd}'));
                i += 3;
                continue;
            }
        }
        bytes.push(b[i]);
        i += 1;
    }
    flush(&mut bytes, &mut out);
    out
}

/// Splits JavaScript into the few tokens [`written_html`] needs, skipping comments and
/// regular-expression literals (either may hold quotes).
fn tokenize(js: &str) -> Vec<Tok> {
    let b = js.as_bytes();
    let mut toks = Vec::new();
    let mut i = 0;
    // Whether a `/` here starts a regular expression (after an operator) or divides.
    let regex_may_start = |toks: &[Tok]| {
        !matches!(
            toks.last(),
            Some(Tok::Ident(_) | Tok::Str(_) | Tok::Close | Tok::Operand)
        )
    };
    while i < b.len() {
        let c = b[i];
        match c {
            b'/' if b.get(i + 1) == Some(&b'/') => {
                i = js[i..].find('\n').map_or(b.len(), |n| i + n);
            }
            b'/' if b.get(i + 1) == Some(&b'*') => {
                i = js[i + 2..].find("*/").map_or(b.len(), |n| i + 2 + n + 2);
            }
            // `<!--` and `-->` hide old scripts from old browsers; both act as `//`.
            b'<' if js[i..].starts_with("<!--") => {
                i = js[i..].find('\n').map_or(b.len(), |n| i + n);
            }
            b'-' if js[i..].starts_with("-->") => {
                i = js[i..].find('\n').map_or(b.len(), |n| i + n);
            }
            b'/' if regex_may_start(&toks) => {
                let mut j = i + 1;
                let mut class = false;
                while j < b.len() && b[j] != b'\n' {
                    match b[j] {
                        b'\\' => j += 1,
                        b'[' => class = true,
                        b']' => class = false,
                        b'/' if !class => break,
                        _ => {}
                    }
                    j += 1;
                }
                toks.push(Tok::Other);
                i = j + 1;
            }
            b'"' | b'\'' | b'`' => {
                let (s, end) = string_literal(js, i);
                toks.push(Tok::Str(s));
                i = end;
            }
            b'+' if b.get(i + 1) == Some(&b'=') => {
                toks.push(Tok::PlusAssign);
                i += 2;
            }
            b'+' if b.get(i + 1) == Some(&b'+') => {
                toks.push(Tok::Other);
                i += 2;
            }
            b'+' => {
                toks.push(Tok::Plus);
                i += 1;
            }
            b'=' if matches!(b.get(i + 1), Some(b'=' | b'>')) => {
                toks.push(Tok::Other);
                i += 2;
            }
            b'=' => {
                toks.push(Tok::Assign);
                i += 1;
            }
            b'(' => {
                toks.push(Tok::Open);
                i += 1;
            }
            b')' => {
                toks.push(Tok::Close);
                i += 1;
            }
            b';' | b',' | b'{' | b'}' => {
                toks.push(Tok::End);
                i += 1;
            }
            b']' => {
                toks.push(Tok::Operand);
                i += 1;
            }
            c if c.is_ascii_digit() => {
                while i < b.len() && (b[i].is_ascii_alphanumeric() || b[i] == b'.') {
                    i += 1;
                }
                toks.push(Tok::Operand);
            }
            c if c.is_ascii_alphabetic() || c == b'_' || c == b'$' => {
                let mut j = i;
                while j < b.len()
                    && (b[j].is_ascii_alphanumeric() || matches!(b[j], b'_' | b'$' | b'.'))
                {
                    j += 1;
                }
                let word = &js[i..j];
                if !matches!(word, "var" | "let" | "const") {
                    toks.push(Tok::Ident(word.to_string()));
                }
                i = j;
            }
            c if c.is_ascii_whitespace() => i += 1,
            _ => {
                toks.push(Tok::Other);
                i += js[i..].chars().next().map_or(1, char::len_utf8);
            }
        }
    }
    toks
}

/// The value of the string literal opening at `js[start]`, and the index after it.
/// Template literals keep their text; `${…}` parts are left out.
fn string_literal(js: &str, start: usize) -> (String, usize) {
    let quote = js.as_bytes()[start];
    let mut out = String::new();
    let mut chars = js[start + 1..].char_indices();
    while let Some((off, c)) = chars.next() {
        let at = start + 1 + off;
        match c {
            c if c as u32 == u32::from(quote) => return (out, at + 1),
            '\n' if quote != b'`' => return (out, at),
            '$' if quote == b'`' && js[at..].starts_with("${") => {
                let close = js[at..].find('}').map_or(js.len(), |e| at + e);
                while chars.next().is_some_and(|(o, _)| start + 1 + o < close) {}
            }
            '\\' => match chars.next() {
                Some((_, 'n')) => out.push('\n'),
                Some((_, 't')) => out.push('\t'),
                Some((_, 'r')) => {}
                Some((o, 'u')) => {
                    let from = start + 1 + o + 1;
                    let code = js
                        .get(from..from + 4)
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .and_then(char::from_u32);
                    if let Some(c) = code {
                        out.push(c);
                        for _ in 0..4 {
                            chars.next();
                        }
                    }
                }
                Some((o, 'x')) => {
                    let from = start + 1 + o + 1;
                    let code = js
                        .get(from..from + 2)
                        .and_then(|h| u32::from_str_radix(h, 16).ok())
                        .and_then(char::from_u32);
                    if let Some(c) = code {
                        out.push(c);
                        chars.next();
                        chars.next();
                    }
                }
                // A backslash before a newline continues the string on the next line.
                Some((_, '\n')) => {}
                Some((_, other)) => out.push(other),
                None => {}
            },
            c => out.push(c),
        }
    }
    (out, js.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hanweb_records_come_out_of_their_xml_script_in_place() {
        let page = r#"<ul class="nav"><li><a href="/">首页</a></li></ul><div id="4839"><script type="text/xml"><datastore><nextgroup><![CDATA[<a href="/module/web/jpage/dataproxy.jsp?page=1"></a>]]></nextgroup><recordset>
<record><![CDATA[
<li><a href="/art/2026/11/25/art_4839_1.html" title="签约">签约</a><span>2026-11-25</span></li>
]]></record>
<record><![CDATA[<li><a href="/art/2026/11/24/art_4839_2.html">开工</a></li>]]></record>
</recordset></datastore></script><script language="javascript" src="/module/web/jpage/jpage.js"></script></div>"#;
        let out = unfold(page);
        assert!(!out.contains("CDATA") && !out.contains("<script"), "{out}");
        let div = out.find("<div id=\"4839\">").unwrap_or(usize::MAX);
        let li = out.find("art_4839_1.html").unwrap_or(0);
        assert!(div < li, "records stay inside their container: {out}");
        assert!(out.contains(r#"<li><a href="/art/2026/11/24/art_4839_2.html">开工</a></li>"#));
    }

    #[test]
    fn document_write_with_variables_unescape_and_split_tags() {
        let js = r#"
<!--
var url = "./202611/t20261120_88412.html";
var title = '开发区\u4e13\u9898：招商 "引资"';
document.write("<li><a href='" + url + "' title='" + title + "'>" + title + "</a>");
document.writeln('<span>2026-11-20<\/span><\/li>'); // 日期
var re = /['"]/g;
document.write(unescape("%3Cspan id='cnzz_stat_icon'%3E%3C/span%3E"));
//-->
"#;
        let out = written_html(js, 1 << 20);
        assert_eq!(
            out,
            "<li><a href='./202611/t20261120_88412.html' title='开发区专题：招商 \"引资\"'>开发区专题：招商 \"引资\"</a><span>2026-11-20</span></li><span id='cnzz_stat_icon'></span>"
        );
    }

    #[test]
    fn markup_kept_in_arrays_and_variables_is_found_once() {
        let js = r#"var news = new Array();
news[0] = '<li><a href="/a/1.html">一</a></li>';
news[1] = "<li><a href=\"/a/2.html\">二</a></li>";
var more = ['<li><a href="/a/3.html">三</a></li>', '<li><a href="/a/4.html">四</a></li>'];
var html = "";
html += '<li><a href="/a/5.html">五</a></li>';
document.write('<ul class="list">');
for (var i = 0; i < news.length; i++) { document.write(news[i]); }
document.write('</ul>');
var written = '<p>已写</p>'; document.write(written);
var x = 1 / 2; var y = '<i>' + x;"#;
        let out = written_html(js, 1 << 20);
        for n in ["1", "2", "3", "4", "5"] {
            assert_eq!(out.matches(&format!("/a/{n}.html")).count(), 1, "{out}");
        }
        assert_eq!(out.matches("已写").count(), 1, "{out}");
        assert!(
            out.ends_with("<i>"),
            "division is not a regular expression: {out}"
        );
        assert!(
            out.starts_with("<ul class=\"list\"></ul><p>已写</p><li>"),
            "{out}"
        );
        let pos = |n: &str| out.find(&format!("/a/{n}.html")).unwrap_or(0);
        assert!(
            pos("1") < pos("2") && pos("2") < pos("3") && pos("4") < pos("5"),
            "{out}"
        );
    }

    #[test]
    fn plain_code_and_comments_yield_nothing() {
        let js = r#"var _hmt = _hmt || []; // it's "fine"
/* don't '<li>' */ (function() { var hm = document.createElement("script"); hm.src = "//hm.baidu.com/hm.js"; })();"#;
        assert_eq!(written_html(js, 1 << 20), "");
        let page = "<p>a</p><script>var a = 1 < 2;</script><p>b</p><![CDATA[<i>c</i>]]>";
        assert_eq!(unfold(page), "<p>a</p><p>b</p><i>c</i>");
    }

    #[test]
    fn a_page_that_writes_a_large_variable_many_times_stays_bounded() {
        let big = "<b>x</b>".repeat(10_000);
        let page = format!(
            "<script>var a = '{big}';{}</script>",
            "document.write(a);".repeat(5_000)
        );
        let out = unfold(&page);
        assert!(out.len() <= growth_cap(page.len()), "{}", out.len());
    }
}
