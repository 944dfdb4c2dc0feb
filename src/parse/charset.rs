//! Bytes to text: which encoding a document is in, and its decoding.
//!
//! Invariant: decoding never fails; when no candidate decodes the bytes cleanly the best
//! label wins and bad bytes become U+FFFD. The returned encoding is the one used.

use encoding_rs::Encoding;

/// Decodes the document. Order: per-source override, BOM, HTTP header, XML prolog, UTF-8, and
/// GB18030 as the last resort for the Chinese sites that send GBK with no label at all.
/// A header that contradicts the bytes (mislabelled GBK as UTF-8 is common) loses to a
/// prolog that decodes them cleanly.
pub(crate) fn decode<'a>(
    bytes: &'a [u8],
    header_charset: Option<&str>,
    charset_override: Option<&'static Encoding>,
) -> (std::borrow::Cow<'a, str>, &'static Encoding) {
    decode_with(bytes, header_charset, charset_override, || {
        sniff_utf16(bytes).or_else(|| prolog_encoding(bytes))
    })
}

/// The decoding order shared by feeds and HTML pages; `declared` reads what the document
/// says about itself (XML prolog, or `<meta charset>`), only when needed.
pub(crate) fn decode_with<'a>(
    bytes: &'a [u8],
    header_charset: Option<&str>,
    charset_override: Option<&'static Encoding>,
    declared: impl FnOnce() -> Option<&'static Encoding>,
) -> (std::borrow::Cow<'a, str>, &'static Encoding) {
    if let Some(enc) = charset_override {
        let (text, _, _) = enc.decode(bytes);
        return (text, enc);
    }
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, _) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        return (text, enc);
    }
    let header = header_charset.and_then(|l| Encoding::for_label(l.trim().as_bytes()));
    let declared = declared();
    let mut order: Vec<&'static Encoding> = Vec::new();
    order.extend(header);
    order.extend(declared);
    order.push(encoding_rs::UTF_8);
    order.push(encoding_rs::GB18030);
    for enc in &order {
        if let Some(text) = enc.decode_without_bom_handling_and_without_replacement(bytes) {
            return (text, enc);
        }
    }
    // Nothing decodes cleanly: take the best label and accept replacement characters.
    let enc = header.or(declared).unwrap_or(encoding_rs::UTF_8);
    let (text, _) = enc.decode_without_bom_handling(bytes);
    (text, enc)
}

/// UTF-16 without a BOM shows itself by the zero bytes around `<`.
fn sniff_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    match bytes {
        [b'<', 0, b'?', 0, ..] | [b'<', 0, _, 0, ..] => Some(encoding_rs::UTF_16LE),
        [0, b'<', 0, b'?', ..] | [0, b'<', 0, _, ..] => Some(encoding_rs::UTF_16BE),
        _ => None,
    }
}

/// The `encoding` of `<?xml … ?>`, read from ASCII-compatible bytes.
fn prolog_encoding(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(512)];
    let start = find(head, b"<?xml")?;
    let end = find(&head[start..], b"?>")? + start;
    let decl = &head[start..end];
    let at = find(decl, b"encoding")?;
    let rest = &decl[at + 8..];
    let q = rest.iter().position(|b| *b == b'"' || *b == b'\'')?;
    let quote = rest[q];
    let val = &rest[q + 1..];
    let close = val.iter().position(|b| *b == quote)?;
    let enc = Encoding::for_label(&val[..close])?;
    // A UTF-16 label on bytes that are ASCII-compatible is a lie; ignore it.
    if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE {
        return None;
    }
    Some(enc)
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn charset_order() {
        let gbk = encoding_rs::GBK.encode("南通高新区").0.into_owned();
        let mut doc = b"<?xml version=\"1.0\" encoding=\"gb2312\"?><rss>".to_vec();
        doc.extend_from_slice(&gbk);
        // Prolog.
        let (t, e) = decode(&doc, None, None);
        assert!(t.contains("南通高新区"), "{t}");
        assert_eq!(e, encoding_rs::GBK);
        // A lying UTF-8 header loses to a prolog that decodes cleanly.
        let (t, _) = decode(&doc, Some("utf-8"), None);
        assert!(t.contains("南通高新区"));
        // No label at all: GB18030 fallback.
        let mut bare = b"<rss>".to_vec();
        bare.extend_from_slice(&gbk);
        assert!(decode(&bare, None, None).0.contains("南通高新区"));
        // Override wins.
        let (_, e) = decode(
            "<rss>ok</rss>".as_bytes(),
            Some("gbk"),
            Some(encoding_rs::BIG5),
        );
        assert_eq!(e, encoding_rs::BIG5);
        // BOM.
        let mut u16 = vec![0xff, 0xfe];
        for unit in "<rss>南通</rss>".encode_utf16() {
            u16.extend_from_slice(&unit.to_le_bytes());
        }
        assert_eq!(decode(&u16, None, None).0, "<rss>南通</rss>");
    }
}
