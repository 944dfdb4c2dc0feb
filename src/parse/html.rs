//! Text and HTML: titles and names as plain text ([`html_to_text`], [`clean_text`]),
//! summaries and content sanitised with ammonia ([`sanitize_html`]), and the nesting limit
//! that keeps html5ever linear ([`limit_nesting`]).
//!
//! Invariants: plain text holds only characters XML 1.0 allows, with whitespace collapsed;
//! sanitised HTML has no script, style, event handler or `javascript:` URL, and is `None`
//! when nothing visible is left.

use url::Url;

pub(super) fn looks_like_markup(s: &str) -> bool {
    let has_entity = s.contains('&') && {
        let mut it = s.split('&').skip(1);
        it.any(|part| {
            let end = part.find(';');
            end.is_some_and(|e| {
                e > 0
                    && e < 10
                    && part[..e]
                        .chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '#')
            })
        })
    };
    let has_tag = s.match_indices('<').any(|(i, _)| {
        let rest = &s[i + 1..];
        let rest = rest.strip_prefix('/').unwrap_or(rest);
        let name: String = rest
            .chars()
            .take_while(|c| c.is_ascii_alphanumeric())
            .collect::<String>()
            .to_ascii_lowercase();
        matches!(
            name.as_str(),
            "a" | "b"
                | "i"
                | "u"
                | "em"
                | "strong"
                | "font"
                | "span"
                | "br"
                | "p"
                | "img"
                | "div"
                | "sup"
                | "sub"
                | "small"
                | "big"
                | "code"
                | "script"
                | "style"
        )
    });
    has_entity || has_tag
}

/// Strips tags (dropping script and style bodies), decodes entities, collapses whitespace.
pub(crate) fn html_to_text(html: &str) -> String {
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let after = &rest[lt + 1..];
        let starts_tag = after
            .bytes()
            .next()
            .is_some_and(|c| c.is_ascii_alphabetic() || matches!(c, b'/' | b'!' | b'?'));
        if !starts_tag {
            out.push('<');
            rest = after;
            continue;
        }
        let skip_body = ["script", "style"]
            .into_iter()
            .find(|t| starts_with_ignore_ascii_case(after, t));
        let name = after.trim_start_matches('/');
        let name = &name[..name.bytes().take_while(u8::is_ascii_alphanumeric).count()];
        let Some(gt) = after.find('>') else {
            rest = "";
            break;
        };
        rest = &after[gt + 1..];
        if let Some(tag) = skip_body {
            // Up to the closing tag, found without copying the rest (a page of many
            // scripts must not cost a copy of the remaining page each).
            let close = ["</", tag].concat();
            rest = match find_ignore_ascii_case(rest, &close) {
                Some(c) => match rest[c..].find('>') {
                    Some(g) => &rest[c + g + 1..],
                    None => "",
                },
                None => "",
            };
        }
        // Block boundaries separate words; inline tags (<b>, <a>, <font>) must not, or
        // Chinese text gains spaces inside phrases.
        let mut lower = [0u8; 10];
        if name.len() <= lower.len() {
            for (d, c) in lower.iter_mut().zip(name.bytes()) {
                *d = c.to_ascii_lowercase();
            }
            if std::str::from_utf8(&lower[..name.len()]).is_ok_and(is_block_tag) {
                out.push(' ');
            }
        }
    }
    out.push_str(rest);
    let decoded = html_escape::decode_html_entities(&out);
    clean_text(&decoded)
}

fn starts_with_ignore_ascii_case(s: &str, prefix: &str) -> bool {
    s.as_bytes()
        .get(..prefix.len())
        .is_some_and(|b| b.eq_ignore_ascii_case(prefix.as_bytes()))
}

/// Byte offset of the first ASCII-case-insensitive match of `needle` (ASCII) in `hay`.
fn find_ignore_ascii_case(hay: &str, needle: &str) -> Option<usize> {
    let n = needle.as_bytes();
    let first = n.first()?.to_ascii_lowercase();
    hay.as_bytes()
        .iter()
        .enumerate()
        .filter(|(_, b)| b.to_ascii_lowercase() == first)
        .map(|(i, _)| i)
        .find(|&i| {
            hay.as_bytes()
                .get(i..i + n.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(n))
        })
}

fn is_block_tag(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "br"
            | "li"
            | "ul"
            | "ol"
            | "tr"
            | "td"
            | "th"
            | "table"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "blockquote"
            | "pre"
            | "hr"
            | "section"
            | "article"
            | "header"
            | "footer"
            | "dd"
            | "dt"
            | "dl"
            | "figure"
            | "figcaption"
            | "script"
            | "style"
            | "img"
    )
}

/// Collapses whitespace (including the ideographic space and NBSP) and drops characters XML
/// cannot carry.
pub(crate) fn clean_text(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut space = false;
    for c in s.chars() {
        if c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}' {
            space = true;
            continue;
        }
        if !xml_char(c) {
            continue;
        }
        if space && !out.is_empty() {
            out.push(' ');
        }
        space = false;
        out.push(c);
    }
    out
}

/// `s.chars().all(xml_char)`, by bytes: the common all-valid document costs one pass
/// without decoding. Outside ASCII, UTF-8 can only hold disallowed characters as C1
/// controls (C2 80..C2 9F, U+0085 allowed) or U+FFFE/U+FFFF (EF BF BE/BF); a `str` has
/// no surrogates.
pub(super) fn all_xml_chars(s: &str) -> bool {
    let b = s.as_bytes();
    let mut i = 0;
    while let Some(&c) = b.get(i) {
        let bad = match c {
            b'\t' | b'\n' | b'\r' => false,
            0..=0x1f | 0x7f => true,
            0xc2 => b
                .get(i + 1)
                .is_some_and(|&n| (0x80..=0x9f).contains(&n) && n != 0x85),
            0xef => b.get(i + 1) == Some(&0xbf) && matches!(b.get(i + 2), Some(0xbe | 0xbf)),
            _ => false,
        };
        if bad {
            return false;
        }
        i += 1;
    }
    true
}

/// Characters allowed in XML 1.0 documents.
pub(super) fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
        && !matches!(c, '\u{7f}'..='\u{84}' | '\u{86}'..='\u{9f}')
}

/// Sanitises HTML with ammonia: no script, style, event handlers or javascript: URLs.
/// Relative URLs are resolved against `base`. Returns None when nothing visible is left.
pub(crate) fn sanitize_html(html: &str, base: Option<&Url>) -> Option<String> {
    // Building an ammonia Builder costs more than cleaning a typical summary (profiled:
    // 18% of ingest), so each thread keeps one. Its relative-URL hook is fixed at build
    // time, so the per-document base travels through a thread-local.
    thread_local! {
        static BASE: std::cell::RefCell<Option<Url>> = const { std::cell::RefCell::new(None) };
        static BUILDER: ammonia::Builder<'static> = {
            let mut b = ammonia::Builder::default();
            b.link_rel(Some("noopener noreferrer nofollow"));
            b.url_relative(ammonia::UrlRelative::Custom(Box::new(resolve_relative)));
            b
        };
    }
    fn resolve_relative(rel: &str) -> Option<std::borrow::Cow<'_, str>> {
        BASE.with(|b| {
            b.borrow()
                .as_ref()
                .and_then(|base| base.join(rel).ok())
                .map(|u| std::borrow::Cow::Owned(u.to_string()))
        })
    }
    let stripped: std::borrow::Cow<'_, str> = if all_xml_chars(html) {
        std::borrow::Cow::Borrowed(html)
    } else {
        std::borrow::Cow::Owned(html.chars().filter(|c| xml_char(*c)).collect())
    };
    if is_plain_text(&stripped) {
        let trimmed = stripped.trim();
        return has_visible_content(trimmed).then(|| trimmed.to_string());
    }
    if is_clean_html(&stripped) {
        let trimmed = stripped.trim();
        // Every debug build (tests, conformance, the fuzzers' replays) checks the claim
        // that ammonia would have returned the same.
        #[cfg(debug_assertions)]
        {
            let by_ammonia = BUILDER.with(|b| b.clean(&stripped).to_string());
            debug_assert_eq!(
                by_ammonia.trim(),
                trimmed,
                "fast path disagrees with ammonia"
            );
        }
        return has_visible_content(trimmed).then(|| trimmed.to_string());
    }
    let http_base = base
        .filter(|b| matches!(b.scheme(), "http" | "https"))
        .cloned();
    BASE.with(|b| *b.borrow_mut() = http_base);
    let shallow = limit_nesting(&stripped);
    let clean = BUILDER.with(|b| b.clean(&shallow).to_string());
    let clean = drop_urlless(&clean);
    let trimmed = clean.trim();
    has_visible_content(trimmed).then(|| trimmed.to_string())
}

/// Removes `<img>` left without `src` and unwraps `<a>` left without `href` (their text
/// stays): what ammonia leaves when a URL was unsafe or relative with no web base to
/// resolve it against. An image that cannot load and a link that goes nowhere only confuse
/// readers (12 of 13 images of the bundled demo's all.atom were such).
///
/// Works on ammonia's own serialisation: attribute values are always double-quoted (a `>`
/// may stand inside one), and `<a>` never nests, so each href-less `<a …>` closes at the
/// next `</a>`.
fn drop_urlless(html: &str) -> std::borrow::Cow<'_, str> {
    if !html.contains("<img") && !html.contains("<a") {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut rest = html;
    let mut unwrapping = false;
    let mut changed = false;
    while let Some(lt) = rest.find('<') {
        out.push_str(&rest[..lt]);
        let tag = &rest[lt..];
        let end = tag_end(tag).unwrap_or(tag.len());
        let whole = &tag[..end];
        let start = if whole[1..].starts_with('/') { 2 } else { 1 };
        let name_end = whole[start..]
            .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
            .map_or(whole.len(), |i| i + start);
        let name = &whole[1..name_end];
        let has = |attr: &str| {
            let mut inside = false;
            let b = whole.as_bytes();
            (0..b.len()).any(|i| {
                if b[i] == b'"' {
                    inside = !inside;
                }
                !inside
                    && b[i].is_ascii_whitespace()
                    && whole[i + 1..].starts_with(attr)
                    && whole[i + 1 + attr.len()..].starts_with('=')
            })
        };
        let skip = match name {
            "img" => !has("src"),
            "a" => {
                let gone = !has("href");
                unwrapping = gone;
                gone
            }
            "/a" if unwrapping => {
                unwrapping = false;
                true
            }
            _ => false,
        };
        if skip {
            changed = true;
        } else {
            out.push_str(whole);
        }
        rest = &tag[end..];
    }
    out.push_str(rest);
    if changed {
        std::borrow::Cow::Owned(out)
    } else {
        std::borrow::Cow::Borrowed(html)
    }
}

/// Length of the tag starting at `s[0] == '<'`, through its `>` outside double quotes.
fn tag_end(s: &str) -> Option<usize> {
    let mut inside = false;
    for (i, b) in s.bytes().enumerate().skip(1) {
        match b {
            b'"' => inside = !inside,
            b'>' if !inside => return Some(i + 1),
            _ => {}
        }
    }
    None
}

/// HTML that ammonia would return unchanged, byte for byte: text as [`is_plain_text`]
/// allows, and tags from a small set with no attributes, lower case, written as html5ever
/// serialises them, closed in order, with no block inside anything (so the tree builder
/// moves nothing: no implied `</p>`, no adoption agency). Many summaries are just
/// `<p>…</p><p>…</p>`; for them this scan replaces parsing and serialising a DOM (perf:
/// ammonia was 23% of ingest on the bench corpus).
fn is_clean_html(s: &str) -> bool {
    /// Elements that may only stand at the top level and hold inline content.
    fn block(name: &str) -> bool {
        matches!(
            name,
            "p" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6" | "blockquote"
        )
    }
    /// Inline elements ammonia keeps with no attributes.
    fn inline(name: &str) -> bool {
        matches!(
            name,
            "b" | "strong" | "em" | "i" | "u" | "s" | "small" | "sub" | "sup" | "code"
        )
    }
    let mut open: [&str; 8] = [""; 8];
    let mut depth = 0;
    let mut rest = s;
    loop {
        let Some(lt) = rest.find('<') else {
            return depth == 0 && is_plain_text(rest);
        };
        if !is_plain_text(&rest[..lt]) {
            return false;
        }
        let tag = &rest[lt + 1..];
        let Some(gt) = tag.find('>') else {
            return false;
        };
        let (closing, name) = match tag[..gt].strip_prefix('/') {
            Some(n) => (true, n),
            None => (false, &tag[..gt]),
        };
        if closing {
            if depth == 0 || open[depth - 1] != name {
                return false;
            }
            depth -= 1;
        } else if name == "br" {
        } else if block(name) {
            if depth != 0 {
                return false;
            }
            open[0] = name;
            depth = 1;
        } else if inline(name) {
            if depth == open.len() {
                return false;
            }
            open[depth] = name;
            depth += 1;
        } else {
            return false;
        }
        rest = &tag[gt + 1..];
    }
}

/// Text that ammonia would return unchanged: no markup, no entity, and nothing its HTML
/// parser rewrites (CR, NUL) or its serialiser escapes (`<`, `>`, `&`, U+00A0). Many
/// sites' summaries are plain text; they skip building and serialising a DOM.
fn is_plain_text(s: &str) -> bool {
    !s.bytes()
        .any(|b| matches!(b, b'<' | b'>' | b'&' | b'\r' | 0))
        && !s.contains('\u{a0}')
}

/// Elements nested deeper than this are unwrapped (their text kept) before html5ever sees
/// the HTML. Its tree builder looks through the stack of open elements for each start tag,
/// so n nested elements cost O(n²): 200,000 nested `<div>`s (1.2 MB, well inside max_body)
/// kept a core busy for over ten minutes (found by tests/hostile.rs). Real pages nest a few
/// dozen levels.
pub(crate) const MAX_NESTING: usize = 256;

/// Elements that never nest (void) or that HTML closes by itself when the next one opens
/// (`<li><li>` are siblings), so sloppy pages are not mistaken for deep ones.
fn non_nesting(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "p"
            | "li"
            | "dt"
            | "dd"
            | "option"
            | "optgroup"
            | "tr"
            | "td"
            | "th"
            | "thead"
            | "tbody"
            | "tfoot"
            | "rb"
            | "rt"
            | "rp"
            | "colgroup"
    )
}

/// `html` with tags nested deeper than [`MAX_NESTING`] removed (text kept); borrowed,
/// untouched, when it is not that deep. A linear scan, not a parse: it only needs to bound
/// depth, not to be right about every quirk.
pub(crate) fn limit_nesting(html: &str) -> std::borrow::Cow<'_, str> {
    // (start, end, is_end_tag, nests) of each tag, found without allocating.
    fn tags(html: &str) -> impl Iterator<Item = (usize, usize, bool, bool)> + '_ {
        let bytes = html.as_bytes();
        let mut i = 0;
        std::iter::from_fn(move || {
            while i < bytes.len() {
                let Some(off) = memchr_lt(&bytes[i..]) else {
                    i = bytes.len();
                    return None;
                };
                let start = i + off;
                let is_end = bytes.get(start + 1) == Some(&b'/');
                let name_at = start + 1 + usize::from(is_end);
                if !bytes.get(name_at).is_some_and(u8::is_ascii_alphabetic) {
                    i = start + 1;
                    continue;
                }
                let mut j = name_at;
                while j < bytes.len() && bytes[j].is_ascii_alphanumeric() {
                    j += 1;
                }
                let name = html[name_at..j].to_ascii_lowercase();
                // The tag ends at the first '>' outside quotes.
                let mut quote = 0u8;
                let mut k = j;
                while k < bytes.len() {
                    let b = bytes[k];
                    if quote != 0 {
                        if b == quote {
                            quote = 0;
                        }
                    } else if b == b'"' || b == b'\'' {
                        quote = b;
                    } else if b == b'>' {
                        break;
                    }
                    k += 1;
                }
                let end = (k + 1).min(bytes.len());
                let self_closing = k > 0 && bytes.get(k - 1) == Some(&b'/');
                i = end;
                return Some((start, end, is_end, !non_nesting(&name) && !self_closing));
            }
            None
        })
    }
    let mut depth = 0usize;
    let mut deepest = 0usize;
    for (_, _, is_end, nests) in tags(html) {
        if !nests {
            continue;
        }
        if is_end {
            depth = depth.saturating_sub(1);
        } else {
            depth += 1;
            deepest = deepest.max(depth);
        }
    }
    if deepest <= MAX_NESTING {
        return std::borrow::Cow::Borrowed(html);
    }
    let mut out = String::with_capacity(html.len());
    let mut copied = 0;
    depth = 0;
    for (start, end, is_end, nests) in tags(html) {
        if !nests {
            continue;
        }
        let too_deep = if is_end {
            let d = depth;
            depth = depth.saturating_sub(1);
            d > MAX_NESTING
        } else {
            depth += 1;
            depth > MAX_NESTING
        };
        if too_deep {
            out.push_str(&html[copied..start]);
            copied = end;
        }
    }
    out.push_str(&html[copied..]);
    std::borrow::Cow::Owned(out)
}

fn memchr_lt(b: &[u8]) -> Option<usize> {
    b.iter().position(|&c| c == b'<')
}

/// Any text outside tags (or an image)? A scan, not a second parse.
fn has_visible_content(html: &str) -> bool {
    let mut in_tag = false;
    let mut rest = html;
    while let Some(c) = rest.chars().next() {
        if in_tag {
            if c == '>' {
                in_tag = false;
            }
        } else if c == '<' {
            if rest.starts_with("<img") {
                return true;
            }
            in_tag = true;
        } else if c == '&' {
            // &nbsp; and friends alone are not content.
            let end = rest.find(';').filter(|e| *e < 10);
            match end {
                Some(e) if matches!(&rest[..=e], "&nbsp;" | "&#160;" | "&#12288;") => {
                    rest = &rest[e + 1..];
                    continue;
                }
                _ => return true,
            }
        } else if !(c.is_whitespace() || c == '\u{3000}' || c == '\u{a0}') {
            return true;
        }
        rest = &rest[c.len_utf8()..];
    }
    false
}

#[cfg(test)]
mod tests {
    #[test]
    fn images_and_links_without_a_url_are_dropped_or_unwrapped() {
        // No web base (a file: source): relative URLs cannot be resolved.
        let html = r#"<p>签约<img src="/uploads/a.jpg" alt="签约现场"><a href="../xmjs/1.html" title="x>y">详情</a> <a href="javascript:alert(1)">点此</a></p><img src="https://x.cn/b.png" alt="b"><a href="https://x.cn/">站点</a>"#;
        let out = sanitize_html(html, None).unwrap_or_default();
        assert_eq!(
            out,
            r#"<p>签约详情 点此</p><img src="https://x.cn/b.png" alt="b"><a href="https://x.cn/" rel="noopener noreferrer nofollow">站点</a>"#
        );
        // With a web base they resolve and stay.
        let base = Url::parse("http://www.ntgx.gov.cn/xwzx/index.html").ok();
        let out = sanitize_html(html, base.as_ref()).unwrap_or_default();
        assert!(
            out.contains(r#"<img src="http://www.ntgx.gov.cn/uploads/a.jpg" alt="签约现场">"#),
            "{out}"
        );
        assert!(
            out.contains(r#"href="http://www.ntgx.gov.cn/xmjs/1.html""#),
            "{out}"
        );
        // An image-only body with nothing loadable is nothing.
        assert_eq!(sanitize_html(r#"<img src="a.jpg" alt="x">"#, None), None);
    }

    use super::*;

    /// The plain-text shortcut returns what ammonia would.
    #[test]
    fn plain_text_skips_ammonia_with_the_same_result() {
        let plain = [
            "南通高新区三个项目集中签约",
            "  leading and trailing  ",
            "tabs\tand\nnewlines\n\n第二段",
            "quotes \" and ' and = and / stay",
            "emoji 🚀 and ＆ fullwidth ＜＞",
        ];
        let builder = ammonia::Builder::default();
        for s in plain {
            assert!(is_plain_text(s), "{s:?}");
            assert_eq!(builder.clean(s).to_string(), s, "{s:?}");
            assert_eq!(sanitize_html(s, None).as_deref(), Some(s.trim()));
        }
        for s in [
            "a &amp; b",
            "a < b",
            "<p>x</p>",
            "a\r\nb",
            "nbsp\u{a0}here",
            "x > y",
        ] {
            assert!(!is_plain_text(s), "{s:?}");
        }
        assert_eq!(sanitize_html("   ", None), None);
    }

    #[test]
    fn clean_html_skips_ammonia_with_the_same_result() {
        // sanitize_html asserts (debug builds) that ammonia agrees whenever the scan
        // accepts; these are accepted:
        for html in [
            "<p>南通高新区签约</p><p>十二个项目</p>",
            "  <p>a<br>b</p>\n<p><strong>c</strong> <em>d<b>e</b></em></p>  ",
            "text <b>bold</b> tail",
            "<h2>题</h2><blockquote>引 <i>文</i></blockquote>",
            "<p></p><p>x</p>",
        ] {
            assert!(super::is_clean_html(html), "{html}");
            assert_eq!(
                super::sanitize_html(html, None).as_deref(),
                Some(html.trim())
            );
        }
        // ... and these go through ammonia, which changes them.
        for html in [
            "<p>a<p>b</p>",
            "<b><p>x</p></b>",
            "<p>x</b></p>",
            "<P>x</P>",
            "<p class=\"c\">x</p>",
            "<br/>",
            "<p>a &amp; b</p>",
            "<p>a > b</p>",
            "<p>x",
            "<div>x</div>",
            "<p><script>x</script></p>",
            "<b>x<i>y</b></i>",
        ] {
            assert!(!super::is_clean_html(html), "{html}");
            let _ = super::sanitize_html(html, None);
        }
    }

    #[test]
    fn clean_html_agrees_with_ammonia_on_generated_html() {
        // Pieces the scan accepts or must refuse, strung together at random (a fixed
        // generator, so failures repeat): whenever the scan accepts, ammonia must return
        // the same text (sanitize_html asserts it in debug builds).
        const PIECES: &[&str] = &[
            "<p>",
            "</p>",
            "<b>",
            "</b>",
            "<i>",
            "</i>",
            "<strong>",
            "</strong>",
            "<em>",
            "</em>",
            "<br>",
            "<h2>",
            "</h2>",
            "<blockquote>",
            "</blockquote>",
            "<code>",
            "</code>",
            "<sub>",
            "</sub>",
            "<u>",
            "</u>",
            "<s>",
            "</s>",
            "<small>",
            "</small>",
            "南通",
            "text",
            " ",
            "\n",
            "\t",
            "a b",
            "<li>",
            "</li>",
            "<a>",
            "</a>",
            "<div>",
            "</div>",
            "<pre>",
            "</pre>",
            "<table>",
            "<td>",
            "<span>",
            "</span>",
            "<br/>",
            "<P>",
            "&amp;",
            ">",
            "<",
            "<!-- c -->",
            "<p x>",
            "\u{a0}",
            "<script>",
            "</script>",
        ];
        let mut state: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = || {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            state
        };
        let mut accepted = 0;
        for _ in 0..20_000 {
            let n = 1 + next() % 12;
            let html: String = (0..n)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            if super::is_clean_html(&html) {
                accepted += 1;
            }
            let _ = super::sanitize_html(&html, None);
        }
        assert!(
            accepted > 100,
            "the generator should reach the fast path: {accepted}"
        );
    }

    #[test]
    fn byte_scan_agrees_with_the_character_rule() {
        let mut samples: Vec<String> = vec![
            "".into(),
            "南通 <b>ok</b>\t\r\n".into(),
            "\u{85}next line".into(),
            "\u{fffd}\u{fffc}".into(),
            "\u{10000}\u{e000}\u{d7ff}".into(),
        ];
        for c in (0u32..0x120).chain([0xd7ff, 0xe000, 0xfffd, 0xfffe, 0xffff, 0x10000, 0x10ffff]) {
            if let Some(c) = char::from_u32(c) {
                samples.push(format!("a{c}b"));
                samples.push(c.to_string());
            }
        }
        for s in &samples {
            assert_eq!(all_xml_chars(s), s.chars().all(xml_char), "{s:?}");
        }
    }

    #[test]
    fn titles_become_plain_text() {
        assert_eq!(
            html_to_text("<b>南通</b> &amp; 苏州&nbsp;合作"),
            "南通 & 苏州 合作"
        );
        assert_eq!(
            html_to_text("签约<b>3个</b>项目<br>第二行"),
            "签约3个项目 第二行"
        );
        assert_eq!(html_to_text("a < b <script>x()</script>c"), "a < b c");
        assert_eq!(
            html_to_text(
                "<P>一</P><DiV>二</dIv><SCRIPT>x()</ScRiPt>三<Style>p{}</STYLE>四<B>五</B>"
            ),
            "一 二 三 四五"
        );
        assert_eq!(html_to_text("<script>unclosed"), "");
        assert_eq!(html_to_text("a<blockquote-ish>b<span-x>c"), "a bc");
        // Many scripts: no copy of the rest of the page per script.
        let many = "<script>x</script>字".repeat(50_000);
        assert_eq!(html_to_text(&many).matches('字').count(), 50_000);
        assert_eq!(clean_text("  多\u{3000}空格\n\t行\u{1}  "), "多 空格 行");
    }

    #[test]
    fn sanitiser_removes_executable_parts() {
        let base = Url::parse("http://www.example.cn/news/").ok();
        let out = sanitize_html(
            r#"<p onclick="x()">正文<script>alert(1)</script><a href="javascript:alert(1)">链接</a><img src="a.jpg"><style>p{}</style></p>"#,
            base.as_ref(),
        )
        .unwrap_or_default();
        assert!(!out.contains("script") && !out.contains("onclick") && !out.contains("javascript"));
        assert!(!out.contains("style"), "{out}");
        assert!(
            out.contains(r#"src="http://www.example.cn/news/a.jpg""#),
            "{out}"
        );
        assert_eq!(sanitize_html("<script>x</script>", None), None);
    }

    #[test]
    fn deep_nesting_is_cut_to_the_limit_and_shallow_html_untouched() {
        let shallow = "<div><p>a<p>b<ul><li>x<li>y</ul><img src=a.png><br></div>";
        assert!(matches!(
            limit_nesting(shallow),
            std::borrow::Cow::Borrowed(_)
        ));
        let many_li = "<ul>".to_string() + &"<li>item".repeat(5000) + "</ul>";
        assert!(matches!(
            limit_nesting(&many_li),
            std::borrow::Cow::Borrowed(_)
        ));
        let deep = format!(
            "{}text{}",
            "<div class=\"a>b\">".repeat(10_000),
            "</div>".repeat(10_000)
        );
        let cut = limit_nesting(&deep);
        assert_eq!(cut.matches("<div").count(), MAX_NESTING);
        assert_eq!(cut.matches("</div>").count(), MAX_NESTING);
        assert!(cut.contains("text"));
        // And the sanitiser, which would take minutes on the uncut input, keeps the text.
        let clean = sanitize_html(&deep, None).unwrap_or_default();
        assert!(clean.contains("text"));
    }
}
