//! What an RSS item says that feed-rs leaves out: a guid marked `isPermaLink="false"`. It
//! is read from the text only after feed-rs's entries have shown the gap (an item with no
//! link whose guid would stand in for one), so documents without it never pay for the scan.
//!
//! Invariants: the guid set holds guids as feed-rs reports them (entities decoded, trimmed).

use std::collections::HashSet;

use super::xml::{attr_value, elements};

/// The guids marked `isPermaLink="false"` (the attribute's name in either usual case, as
/// feedparser reads it): identifiers, not addresses, so never an item's link.
pub(super) fn non_permalink_guids(body: &str) -> HashSet<String> {
    let mut out = HashSet::new();
    if !body.contains("isPermaLink") && !body.contains("ispermalink") {
        return out;
    }
    for guid in elements(body, "guid", false) {
        let flag =
            attr_value(guid.tag, "isPermaLink").or_else(|| attr_value(guid.tag, "ispermalink"));
        if guid.self_closing || !flag.is_some_and(|f| f.trim().eq_ignore_ascii_case("false")) {
            continue;
        }
        let text = guid.inner.trim();
        let text = match text
            .strip_prefix("<![CDATA[")
            .and_then(|t| t.strip_suffix("]]>"))
        {
            Some(cdata) => cdata.to_string(),
            None => html_escape::decode_html_entities(text).into_owned(),
        };
        out.insert(text.trim().to_string());
    }
    out
}
