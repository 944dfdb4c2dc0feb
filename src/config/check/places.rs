//! `[[regions]]` and `[[zones]]`: the places items are filed under. Region parents must
//! exist and form no cycle; a zone's name or alias may belong to one zone only, since text
//! classification looks zones up by them.

use std::collections::{BTreeMap, HashMap, HashSet};

use toml::Spanned;

use super::{Checker, Tab, TopKey};
use crate::config::{Region, Zone};

keys! {
    /// `[[regions]]`: provinces, cities, districts; `parent` makes the tree; `code` names
    /// a built-in division (name, parent and the places below come from it).
    enum RegionKey in "[[regions]]" {
        Id = "id",
        Name = "name",
        Parent = "parent",
        Code = "code",
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
        // Regions given by code whose parent comes from the divisions: filled in below,
        // once every region's code is known.
        let mut derive_parent = Vec::new();
        for (t, span) in self.tables(root, TopKey::Regions) {
            let r = self.open::<K>(t, span);
            let id = self.req_str(&r, K::Id);
            let code = self.opt_str(&r, K::Code);
            let name = if code.is_some() {
                self.opt_str(&r, K::Name)
            } else {
                self.req_str(&r, K::Name)
            };
            let parent = self.opt_str(&r, K::Parent);
            let division = code.as_ref().and_then(|c| self.division(c, name.as_ref()));
            let Some(id) = id else { continue };
            if !self.check_id(&id, "region", &mut region_spans) {
                continue;
            }
            if let Some(p) = &parent {
                parent_refs.push(p.clone());
            } else if division.is_some() {
                derive_parent.push(regions.len());
            }
            let (places, shared) = division.map(names_of).unwrap_or_default();
            let name = match (name, division) {
                (Some(n), _) => n.into_inner(),
                (None, Some(d)) => d.name.clone(),
                (None, None) => String::new(),
            };
            regions.push(Region {
                id: id.into_inner(),
                name,
                parent: parent.map(|p| p.into_inner()),
                code: division.map(|d| d.code),
                places,
                shared,
            });
        }
        // A region given by code sits under the nearest configured region whose code is an
        // ancestor of its own (南通市 under 江苏省 when both are configured).
        let by_code: HashMap<u32, String> = regions
            .iter()
            .filter_map(|r| r.code.map(|c| (c, r.id.clone())))
            .collect();
        let divisions = crate::places::divisions();
        for i in derive_parent {
            let mut cur = regions[i]
                .code
                .and_then(|c| divisions.get(c))
                .and_then(|d| d.parent);
            while let Some(c) = cur {
                // Codes strictly shrink upwards (320682 -> 320600 -> 320000).
                if regions[i].code.is_some_and(|own| c >= own) {
                    break;
                }
                if let Some(id) = by_code.get(&c) {
                    regions[i].parent = Some(id.clone());
                    break;
                }
                cur = divisions.get(c).and_then(|d| d.parent);
            }
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

    /// The built-in division `code` names; unknown is reported with the division the
    /// region's `name` (else the code's first digits) suggests.
    fn division(
        &mut self,
        code: &Spanned<String>,
        name: Option<&Spanned<String>>,
    ) -> Option<&'static crate::places::Division> {
        let divisions = crate::places::divisions();
        let raw = code.get_ref().trim();
        let found = (raw.len() == 6)
            .then(|| raw.parse::<u32>().ok())
            .flatten()
            .and_then(|c| divisions.get(c));
        if found.is_some() {
            return found;
        }
        let by_name = name.and_then(|n| divisions.unique(n.get_ref()));
        let by_prefix = || {
            let digits: String = raw.chars().filter(char::is_ascii_digit).collect();
            [4, 2].iter().find_map(|&k| {
                let p: u32 = digits.get(..k)?.parse().ok()?;
                divisions.get(p * 10u32.pow(6 - k as u32))
            })
        };
        let hint = by_name
            .or_else(by_prefix)
            .map(|d| format!(" (did you mean \"{}\", {}?)", d.code, d.name))
            .unwrap_or_default();
        self.report(
            code.span(),
            format!(
                "code {:?} is not a division code (six digits of GB/T 2260, e.g. \"320600\" for 南通市){hint}",
                code.get_ref()
            ),
        );
        None
    }
}

/// The names that place text in division `d`'s region, and the names divisions below it
/// share with others (see [`Region`]): the divisions below it are listed once for both.
fn names_of(d: &crate::places::Division) -> (Vec<String>, Vec<(String, u32)>) {
    let divisions = crate::places::divisions();
    let below = divisions.below(d.code);
    let mut places: Vec<String> = Vec::new();
    for x in std::iter::once(d).chain(below.iter().copied()) {
        for n in x.names() {
            if divisions.resolve(&n).is_some_and(|u| u.code == x.code) && !places.contains(&n) {
                places.push(n);
            }
        }
    }
    // Shared full names of three characters or more (城区 is also a word).
    let shared = below
        .iter()
        .filter(|x| {
            x.name.chars().count() >= 3
                && divisions.named(&x.name).len() > 1
                && divisions.resolve(&x.name).is_none()
        })
        .map(|x| (x.name.clone(), x.code))
        .collect();
    (places, shared)
}
