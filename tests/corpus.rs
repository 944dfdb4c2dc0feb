//! Every file of two public feed test suites goes through the parser: no panic, no hang; a
//! parse result or a clear error. The suites are feedparser's (the `tests/` folder of its sdist
//! on PyPI) and feed-rs's (`fixture/` of the crate), fetched by `scripts/corpus` (see
//! `common::corpus_dir`); without them the test fails.

mod common;

use std::path::PathBuf;
use std::sync::mpsc;
use std::time::Duration;

use zonefeed::parse::{ParseOptions, parse_feed};

fn parse_all(files: Vec<PathBuf>) -> (usize, usize, Vec<String>) {
    let (tx, rx) = mpsc::channel();
    let total = files.len();
    std::thread::spawn(move || {
        for f in files {
            let bytes = std::fs::read(&f).unwrap_or_default();
            let base = url::Url::from_file_path(&f).ok();
            let result = std::panic::catch_unwind(|| {
                parse_feed(
                    &bytes,
                    &ParseOptions {
                        base_url: base.as_ref(),
                        header_charset: None,
                        charset_override: None,
                        tz: chrono_tz::Asia::Shanghai,
                    },
                )
                .map(|p| p.entries.len())
                .map_err(|e| e.to_string())
            });
            if tx.send((f, result)).is_err() {
                return;
            }
        }
    });
    let (mut ok, mut errors, mut panics) = (0, 0, Vec::new());
    for _ in 0..total {
        // A hang is a failure too: no single file may take more than 10 s.
        let (f, result) = rx
            .recv_timeout(Duration::from_secs(10))
            .expect("parser hung on a corpus file");
        match result {
            Ok(Ok(_)) => ok += 1,
            Ok(Err(e)) => {
                assert!(
                    !e.trim().is_empty(),
                    "empty error message for {}",
                    f.display()
                );
                errors += 1
            }
            Err(_) => panics.push(f.display().to_string()),
        }
    }
    (ok, errors, panics)
}

#[test]
fn every_corpus_file_parses_or_fails_cleanly() {
    let corpus = common::corpus_dir();
    // feed-rs's `*.serde.json` files are its expected results (its own model dumped with serde),
    // not feeds.
    let files: Vec<PathBuf> =
        common::files_with_ext(&corpus, &["xml", "rss", "atom", "rdf", "json"])
            .into_iter()
            .filter(|p| !p.to_string_lossy().ends_with(".serde.json"))
            .collect();
    assert!(
        files.len() > 2300,
        "corpus looks incomplete: {} files",
        files.len()
    );
    let (ok, errors, panics) = parse_all(files.clone());
    eprintln!(
        "corpus: {} files, {ok} parsed, {errors} clean errors, {} panics",
        files.len(),
        panics.len()
    );
    assert!(
        panics.is_empty(),
        "parser panicked on:\n{}",
        panics.join("\n")
    );

    // The feed-rs feed fixtures are mostly captured from real sites: every one must parse,
    // except those broken on purpose (`*invalid*`) and the plain-XML samples in `xml/`.
    let feed_rs: Vec<PathBuf> = ["atom", "rss0", "rss1", "rss2"]
        .iter()
        .flat_map(|d| common::files_with_ext(&corpus.join("feed-rs").join(d), &["xml"]))
        .filter(|p| !p.to_string_lossy().contains("invalid"))
        .collect();
    let (ok_rs, err_rs, _) = parse_all(feed_rs.clone());
    eprintln!("feed-rs feed fixtures: {ok_rs}/{} parsed", feed_rs.len());
    assert_eq!(err_rs, 0, "feed-rs fixtures failed to parse");
}

#[test]
fn a_missing_corpus_fails_and_says_how_to_get_it() {
    let empty = tempfile::tempdir().expect("tempdir");
    let err = std::panic::catch_unwind(|| common::check_corpus(empty.path().to_path_buf()))
        .expect_err("an empty folder must not pass as the corpus");
    let msg = err.downcast_ref::<String>().cloned().unwrap_or_default();
    assert!(
        msg.contains("feedparser") && msg.contains("scripts/corpus"),
        "unclear message: {msg}"
    );
}
