//! `[[regions]]` and `[[zones]]`: the places items are filed under. Region parents must
//! exist and form no cycle; a zone's name or alias may belong to one zone only, since text
//! classification looks zones up by them.

use std::collections::{BTreeMap, HashMap, HashSet};

use toml::Spanned;

use super::{Checker, Tab, TopKey};
use crate::config::{Region, Zone};

keys! {
    /// `[[regions]]`: provinces, cities, districts; `parent` makes the tree.
    enum RegionKey in "[[regions]]" {
        Id = "id",
        Name = "name",
        Parent = "parent",
    }
}

keys! {
    /// `[[zones]]`: development zones, each in one region.
    enum ZoneKey in "[[zones]]" {
        Id = "id",
        Name = "name",
        Region = "region",
        Aliases = "aliases",
    }
}

impl Checker<'_> {
    pub(super) fn regions(&mut self, root: &Tab<'_, '_, TopKey>) -> Vec<Region> {
        use RegionKey as K;
        let mut regions = Vec::new();
        let mut region_spans = HashMap::new();
        let mut parent_refs: Vec<Spanned<String>> = Vec::new();
        for (t, span) in self.tables(root, TopKey::Regions) {
            let r = self.open::<K>(t, span);
            let id = self.req_str(&r, K::Id);
            let name = self.req_str(&r, K::Name);
            let parent = self.opt_str(&r, K::Parent);
            let Some(id) = id else { continue };
            if !self.check_id(&id, "region", &mut region_spans) {
                continue;
            }
            if let Some(p) = &parent {
                parent_refs.push(p.clone());
            }
            regions.push(Region {
                id: id.into_inner(),
                name: name.map(|n| n.into_inner()).unwrap_or_default(),
                parent: parent.map(|p| p.into_inner()),
            });
        }
        let region_ids: HashSet<&str> = regions.iter().map(|r| r.id.as_str()).collect();
        for p in &parent_refs {
            self.check_ref(p, "region", &region_ids);
        }
        // Cycles: walk up from each region; revisiting one means a loop.
        let parents: BTreeMap<&str, &str> = regions
            .iter()
            .filter_map(|r| r.parent.as_deref().map(|p| (r.id.as_str(), p)))
            .collect();
        let mut reported = HashSet::new();
        for r in &regions {
            let mut seen = vec![r.id.as_str()];
            let mut cur = r.id.as_str();
            while let Some(&p) = parents.get(cur) {
                if let Some(pos) = seen.iter().position(|s| *s == p) {
                    let cycle: Vec<&str> = seen[pos..].to_vec();
                    let mut key: Vec<&str> = cycle.clone();
                    key.sort();
                    if reported.insert(key.join(",")) {
                        let span = region_spans.get(p).cloned().unwrap_or(0..0);
                        let mut path = cycle.clone();
                        path.push(p);
                        self.report(
                            span,
                            format!("region parents form a cycle: {}", path.join(" -> ")),
                        );
                    }
                    break;
                }
                seen.push(p);
                cur = p;
            }
        }
        regions
    }

    pub(super) fn zones(
        &mut self,
        root: &Tab<'_, '_, TopKey>,
        region_ids: &HashSet<&str>,
    ) -> Vec<Zone> {
        use ZoneKey as K;
        let mut zones = Vec::new();
        let mut zone_spans = HashMap::new();
        let mut names_seen: HashMap<String, String> = HashMap::new();
        for (t, span) in self.tables(root, TopKey::Zones) {
            let z = self.open::<K>(t, span);
            let id = self.req_str(&z, K::Id);
            let name = self.req_str(&z, K::Name);
            let region = self.req_str(&z, K::Region);
            let aliases = self.str_list(&z, K::Aliases);
            let Some(id) = id else { continue };
            if !self.check_id(&id, "zone", &mut zone_spans) {
                continue;
            }
            if let Some(r) = &region {
                self.check_ref(r, "region", region_ids);
            }
            // A name or alias shared by two zones would make text classification ambiguous.
            for n in name.iter().chain(aliases.iter()) {
                match names_seen.get(n.get_ref()) {
                    Some(other) if other != id.get_ref() => self.report(
                        n.span(),
                        format!(
                            "zone name or alias {:?} is already used by zone {other:?}",
                            n.get_ref()
                        ),
                    ),
                    _ => {
                        names_seen.insert(n.get_ref().clone(), id.get_ref().clone());
                    }
                }
            }
            zones.push(Zone {
                id: id.into_inner(),
                name: name.map(|n| n.into_inner()).unwrap_or_default(),
                region: region.map(|r| r.into_inner()).unwrap_or_default(),
                aliases: aliases.into_iter().map(|a| a.into_inner()).collect(),
            });
        }
        zones
    }
}
