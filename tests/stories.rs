//! Story detection on the hand-made labelled set (tests/stories/labelled.json, written by
//! tests/stories/build_labelled.py; see tests/stories/README.md): every item is stored in a
//! real sled store in date order, as polls would store it, and the stories the index forms
//! are compared with the labels over all pairs of items. Any false merge fails; so does a
//! recall under 95%. A rebuild of the index from the stored items must form the same
//! stories.

mod common;

use std::collections::HashMap;

use common::Install;
use common::labelled::{config_text, labelled, run, stories_of};
use zonefeed::model::Item;
use zonefeed::store::Store;
use zonefeed::stories::{Features, Verdict, compare};

#[test]
fn labelled_set_no_false_merge_and_recall_at_least_95_percent() {
    let set = labelled();
    let install = Install::new(&config_text(&set));
    let config = install.config();
    let rules = config.story_rules().expect("stories on by default");
    let store = Store::open(&config.service.data_dir).expect("store");
    let started = std::time::Instant::now();
    let (items, story, s) = run(&config, &store, &set);
    let per_item = started.elapsed() / items.len() as u32;
    let by_id: HashMap<&str, &Item> = items.iter().map(|(i, _)| (i.id.as_str(), i)).collect();
    let explain = |a: &str, b: &str| -> String {
        let (Some(x), Some(y)) = (by_id.get(a), by_id.get(b)) else {
            return String::new();
        };
        let v: Verdict = compare(
            &Features::of(x, &rules.lexicon),
            &Features::of(y, &rules.lexicon),
            rules.window,
        );
        format!("{a} 「{}」 / {b} 「{}」: {v:?}", x.title, y.title)
    };
    let (precision, recall) = (s.precision(), s.recall());
    println!(
        "labelled set: {} items, {} repost groups, {} near-miss pairs; pairs that should merge: {}, merged: {}, false merges: {}; precision {:.3}, recall {:.3}; {:?} per item stored (debug build)",
        s.items,
        s.groups,
        s.near_misses,
        s.true_pairs,
        s.merged_right,
        s.false_merges.len(),
        precision,
        recall,
        per_item
    );
    for (a, b) in &s.missed {
        println!("missed: {}", explain(a, b));
    }
    assert!(s.items >= 120 && s.groups >= 30 && s.near_misses >= 25);
    assert!(
        s.false_merges.is_empty(),
        "false merges:\n{}",
        s.false_merges
            .iter()
            .map(|(a, b)| explain(a, b))
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
            explain(a, b)
        );
    }
    assert!(recall >= 0.95, "recall {recall:.3} < 0.95");

    // The same stories again from a rebuild over the stored items.
    let report = store.rebuild_stories(&rules).expect("rebuild");
    assert_eq!(report.items, items.len());
    assert_eq!(
        stories_of(&store, &items),
        story,
        "a rebuild forms the same stories"
    );
}
