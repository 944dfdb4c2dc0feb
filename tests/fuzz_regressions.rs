//! Replays every input the fuzzers kept (fuzz/corpus/TARGET) and every input that once
//! crashed, hung or blew up a target (fuzz/regressions/TARGET) through the same entry
//! points the cargo-fuzz targets call, on stable and in CI. See `scripts/fuzz`.

use std::path::{Path, PathBuf};

fn inputs(target: &str) -> Vec<PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("fuzz");
    let mut files = Vec::new();
    for dir in ["corpus", "regressions"] {
        if let Ok(rd) = std::fs::read_dir(root.join(dir).join(target)) {
            files.extend(rd.flatten().map(|e| e.path()).filter(|p| p.is_file()));
        }
    }
    files.sort();
    files
}

fn replay(target: &str, run: fn(&[u8])) {
    let files = inputs(target);
    assert!(
        files.len() >= 5,
        "fuzz/corpus/{target} holds {} inputs; the seeds are missing",
        files.len()
    );
    for f in &files {
        let data = std::fs::read(f).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
        // A panic names the input that caused it.
        let result = std::panic::catch_unwind(|| run(&data));
        assert!(result.is_ok(), "{} panicked", f.display());
    }
    eprintln!("{target}: {} inputs replayed", files.len());
}

#[test]
fn feed_inputs() {
    replay("feed", zonefeed::fuzzing::feed);
}

#[test]
fn html_rules_inputs() {
    replay("html_rules", zonefeed::fuzzing::html);
}

#[test]
fn date_inputs() {
    replay("date", zonefeed::fuzzing::date);
}

#[test]
fn config_inputs() {
    replay("config", zonefeed::fuzzing::config);
}
