//! Story detection on the labelled sets (tests/stories/: `labelled.json`, written with the
//! detector in view, and `blind.json`, written blind by a helper that had not read
//! src/stories/; see tests/stories/README.md). Every item is stored in a real sled store,
//! as polls would store it, and the stories the index forms are compared with the labels
//! over all pairs of items. Any false merge fails; so does a recall under 97% on the whole
//! set. The stories must not depend on the order the items arrive in, and a rebuild of the
//! index from the stored items must form the same stories.

mod common;

use std::collections::{BTreeSet, HashMap};

use common::Install;
use common::labelled::{config_text, items_of, run, score, store_each, stories_of, whole};
use serde_json::Value;
use zonefeed::model::Item;
use zonefeed::store::Store;
use zonefeed::stories::{Features, Rules, Verdict, compare, measures};

/// Why two items of the set are (not) one story, for failure messages.
fn explain(by_id: &HashMap<&str, &Item>, rules: &Rules, a: &str, b: &str) -> String {
    let (Some(x), Some(y)) = (by_id.get(a), by_id.get(b)) else {
        return String::new();
    };
    let (fx, fy) = (
        Features::of(x, &rules.lexicon),
        Features::of(y, &rules.lexicon),
    );
    let v: Verdict = compare(&fx, &fy, rules.window);
    let m = measures(&fx, &fy);
    format!(
        "{a} 「{}」 / {b} 「{}」: {v:?} (sim {:.2}, kept {:.2}, titles {:.2})",
        x.title, y.title, m.sim, m.kept, m.title_sim
    )
}

/// Which half of the whole set each item came from.
fn halves(set: &Value) -> HashMap<String, String> {
    set["items"]
        .as_array()
        .map(|items| {
            items
                .iter()
                .map(|v| {
                    (
                        v["id"].as_str().unwrap_or_default().to_string(),
                        v["half"].as_str().unwrap_or_default().to_string(),
                    )
                })
                .collect()
        })
        .unwrap_or_default()
}

#[test]
fn whole_set_no_false_merge_and_recall_at_least_97_percent() {
    let set = whole();
    let install = Install::new(&config_text(&set));
    let config = install.config();
    let rules = config.story_rules().expect("stories on by default");
    let store = Store::open(&config.service.data_dir).expect("store");
    let started = std::time::Instant::now();
    let (items, story, s) = run(&config, &store, &set);
    let per_item = started.elapsed() / items.len() as u32;
    let by_id: HashMap<&str, &Item> = items.iter().map(|(i, _)| (i.id.as_str(), i)).collect();
    let half_of = halves(&set);
    for half in ["labelled", "blind", "blind2"] {
        let part: Vec<(Item, String)> = items
            .iter()
            .filter(|(i, _)| half_of.get(&i.id).map(String::as_str) == Some(half))
            .cloned()
            .collect();
        let h = score(&set, &part, &story);
        println!(
            "{half} half: {} items, {} repost groups; pairs that should merge: {}, merged: {}, false merges: {}; precision {:.3}, recall {:.3}",
            h.items,
            h.groups,
            h.true_pairs,
            h.merged_right,
            h.false_merges.len(),
            h.precision(),
            h.recall()
        );
    }
    println!(
        "whole set: {} items, {} repost groups, {} near-miss pairs; pairs that should merge: {}, merged: {}, false merges: {}; precision {:.3}, recall {:.3}; {:?} per item stored (debug build)",
        s.items,
        s.groups,
        s.near_misses,
        s.true_pairs,
        s.merged_right,
        s.false_merges.len(),
        s.precision(),
        s.recall(),
        per_item
    );
    for (a, b) in &s.missed {
        println!("missed: {}", explain(&by_id, &rules, a, b));
    }
    assert!(s.items >= 250 && s.groups >= 50 && s.near_misses >= 40);
    assert!(
        s.false_merges.is_empty(),
        "false merges:\n{}",
        s.false_merges
            .iter()
            .map(|(a, b)| explain(&by_id, &rules, a, b))
            .collect::<Vec<_>>()
            .join("\n")
    );
    for pair in set["near_misses"].as_array().expect("pairs") {
        let (a, b) = (
            pair[0].as_str().unwrap_or(""),
            pair[1].as_str().unwrap_or(""),
        );
        assert_ne!(
            story.get(a),
            story.get(b),
            "near miss merged: {}",
            explain(&by_id, &rules, a, b)
        );
    }
    assert!(s.recall() >= 0.97, "recall {:.3} < 0.97", s.recall());

    // The same stories again from a rebuild over the stored items.
    let report = store.rebuild_stories(&rules).expect("rebuild");
    assert_eq!(report.items, items.len());
    assert_eq!(
        partition(&stories_of(&store, &items)),
        partition(&story),
        "a rebuild forms the same stories"
    );
}

/// Stories as sets of item ids, independent of which copy names the story.
fn partition(story: &HashMap<String, String>) -> BTreeSet<BTreeSet<String>> {
    let mut by_story: HashMap<&str, BTreeSet<String>> = HashMap::new();
    for (item, sid) in story {
        by_story.entry(sid).or_default().insert(item.clone());
    }
    by_story.into_values().collect()
}

/// SplitMix64: a seeded, portable shuffle (no rand crate for one test).
fn shuffle<T>(v: &mut [T], seed: u64) {
    let mut state = seed;
    let mut next = || {
        state = state.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    };
    for i in (1..v.len()).rev() {
        let j = (next() % (i as u64 + 1)) as usize;
        v.swap(i, j);
    }
}

/// The partition into stories is the same whatever order the items arrive in: the whole
/// set in date order, then in random orders (`ZONEFEED_PERMUTATIONS`, 12 by default), each
/// into a fresh store.
#[test]
fn stories_do_not_depend_on_arrival_order() {
    let set = whole();
    let runs: u64 = std::env::var("ZONEFEED_PERMUTATIONS")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(12);
    let formed = |items: &[(Item, String)]| {
        let install = Install::new(&config_text(&set));
        let config = install.config();
        let store = Store::open(&config.service.data_dir).expect("store");
        store_each(&config, &store, items);
        partition(&stories_of(&store, items))
    };
    let in_date_order = items_of(&set);
    let reference = formed(&in_date_order);
    for seed in 1..=runs {
        let mut items = in_date_order.clone();
        shuffle(&mut items, seed);
        let got = formed(&items);
        let only_here: Vec<_> = got.difference(&reference).collect();
        let only_there: Vec<_> = reference.difference(&got).collect();
        assert!(
            only_here.is_empty() && only_there.is_empty(),
            "arrival order {seed} formed other stories:\nformed here only: {only_here:?}\nformed in date order only: {only_there:?}"
        );
    }
    println!(
        "{runs} random arrival orders: the same {} stories as in date order",
        reference.len()
    );
}
