//! Escaping for HTML, one way for every page zonefeed writes or serves: `text` for element
//! content, `attr` for a double-quoted attribute value; the `_to` forms append to a buffer
//! (pages are built in one `String`). Values from sources, requests, the store and the
//! config all go through here before they reach a page. And `toml_string`, for the config
//! blocks zonefeed writes (`add`, `places suggest`) and the fuzzers' configs.

/// `s` as element content: `<`, `>` and `&` escaped.
pub(crate) fn text(s: &str) -> String {
    html_escape::encode_text(s).into_owned()
}

/// `s` as a double-quoted attribute value: `"` and `&` escaped too.
pub(crate) fn attr(s: &str) -> String {
    html_escape::encode_double_quoted_attribute(s).into_owned()
}

/// [`text`], appended to `out`.
pub(crate) fn text_to(s: &str, out: &mut String) {
    html_escape::encode_text_to_string(s, out);
}

/// [`attr`], appended to `out`.
pub(crate) fn attr_to(s: &str, out: &mut String) {
    html_escape::encode_double_quoted_attribute_to_string(s, out);
}

/// A Prometheus label value: backslash, double quote and newline escaped (the text
/// format, version 0.0.4). Ids are already tame; this keeps it so.
pub(crate) fn prometheus_label(s: &str) -> String {
    s.replace('\\', "\\\\")
        .replace('"', "\\\"")
        .replace('\n', "\\n")
}

/// `s` as a TOML basic string, quotes included: `"`, `\` and control characters escaped.
pub(crate) fn toml_string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if c.is_control() => out.push_str(&format!("\\u{:04X}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}
