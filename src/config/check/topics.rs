//! `[[topics]]`: saved searches published as feeds. A topic's query must parse (a mistake
//! is reported at its own line and column inside the query string), and its regions and
//! zones must exist.
//!
//! The query is parsed by `search::query`, which like `search::analyzer` under it imports
//! nothing of the config: no import circle.

use std::collections::{HashMap, HashSet};

use super::{Checker, Tab, TopKey};
use crate::config::Topic;

keys! {
    /// `[[topics]]`: a saved search: `query` in the search language, optional filters.
    enum TopicKey in "[[topics]]" {
        Id = "id",
        Name = "name",
        Query = "query",
        Regions = "regions",
        Zones = "zones",
    }
}

impl Checker<'_> {
    pub(super) fn topics(
        &mut self,
        root: &Tab<'_, '_, TopKey>,
        region_ids: &HashSet<&str>,
        zone_ids: &HashSet<&str>,
    ) -> (Vec<Topic>, HashSet<String>) {
        use TopicKey as K;
        let mut out = Vec::new();
        let mut spans = HashMap::new();
        // Every id declared, a topic with a bad query included: a subscription naming it
        // is not a second mistake.
        let mut ids = HashSet::new();
        for (t, span) in self.tables(root, TopKey::Topics) {
            let s = self.open::<K>(t, span);
            let id = self.req_str(&s, K::Id);
            let name = self.req_str(&s, K::Name);
            let query = self.req_str(&s, K::Query);
            let regions = self.str_list(&s, K::Regions);
            let zones = self.str_list(&s, K::Zones);
            for r in &regions {
                self.check_ref(r, "region", region_ids);
            }
            for z in &zones {
                self.check_ref(z, "zone", zone_ids);
            }
            let mut query_ok = false;
            if let Some(q) = &query {
                match crate::search::query::parse(q.get_ref()) {
                    Ok(_) => query_ok = true,
                    Err(e) => {
                        let at = self.offset_in_string(q.span().start, q.get_ref(), e.col);
                        self.report(at..at, format!("query: {}", e.msg));
                    }
                }
            }
            let Some(id) = id else { continue };
            ids.insert(id.get_ref().clone());
            if !self.check_id(&id, "topic", &mut spans) {
                continue;
            }
            let (Some(query), true) = (query, query_ok) else {
                continue;
            };
            out.push(Topic {
                id: id.into_inner(),
                name: name.map(|n| n.into_inner()).unwrap_or_default(),
                query: query.into_inner(),
                regions: regions.into_iter().map(|r| r.into_inner()).collect(),
                zones: zones.into_iter().map(|z| z.into_inner()).collect(),
            });
        }
        (out, ids)
    }

    /// The byte offset in the file of character `col` (1-based) of a string value whose
    /// literal starts at `start`. Exact for strings without escapes (queries rarely have
    /// any); with escapes it points a little early, still inside the value.
    pub(super) fn offset_in_string(&self, start: usize, value: &str, col: usize) -> usize {
        let rest = self.text.get(start..).unwrap_or("");
        let open = if rest.starts_with("\"\"\"") || rest.starts_with("'''") {
            3
        } else {
            1
        };
        let inner: usize = value
            .chars()
            .take(col.saturating_sub(1))
            .map(char::len_utf8)
            .sum();
        start + open + inner
    }
}
