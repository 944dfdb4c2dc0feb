//! Ingest agreement with Python feedparser, the mainstream parser: over every file of
//! feedparser's own test suite (`wellformed/`, from its sdist on PyPI) and of feed-rs's fixtures
//! (`fixture/` of the crate) that feedparser reads without bozo, compare item count, title (as
//! text), link, id, published and updated. `scripts/corpus` fetches both (see
//! `common::corpus_dir`); without them the test fails.
//!
//! Every remaining difference must be listed, with a reason, in
//! tests/conformance/known-differences.tsv; a new, unlisted difference fails the test.
//! Set ZONEFEED_WRITE_CONFORMANCE=1 to rewrite CONFORMANCE.md with the figures.

mod common;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};

use chrono::{DateTime, Utc};
use zonefeed::parse::{ParseOptions, parse_feed};

const FIELDS: [&str; 6] = ["count", "title", "link", "id", "published", "updated"];

fn corpus_files(corpus: &Path) -> Vec<PathBuf> {
    let mut files = common::files_with_ext(&corpus.join("feedparser/wellformed"), &["xml"]);
    files.extend(common::files_with_ext(&corpus.join("feed-rs"), &["xml"]));
    files
}

fn rel(corpus: &Path, path: &Path) -> String {
    path.strip_prefix(corpus)
        .unwrap_or(path)
        .to_string_lossy()
        .into_owned()
}

fn feedparser_views(corpus: &Path, files: &[PathBuf]) -> BTreeMap<String, serde_json::Value> {
    let list = tempfile::NamedTempFile::new().expect("temp");
    let text: String = files.iter().map(|f| format!("{}\n", f.display())).collect();
    std::fs::write(list.path(), text).expect("write list");
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tools/feedparser_view.py");
    let out = std::process::Command::new("python3")
        .arg(script)
        .arg("--list")
        .arg(list.path())
        .output()
        .expect("python3 with feedparser must be installed");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .map(|v| (rel(corpus, Path::new(v["path"].as_str().unwrap_or(""))), v))
        .collect()
}

/// The version of the feedparser that `python3` imports: the figures depend on it, so
/// CONFORMANCE.md is written only from the one `scripts/corpus` pins (`.ci/run` installs it).
fn feedparser_version() -> String {
    std::process::Command::new("python3")
        .args(["-c", "import feedparser; print(feedparser.__version__)"])
        .output()
        .ok()
        .filter(|o| o.status.success())
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_else(|| "(unknown version)".to_string())
}

/// Whether two links name the same resource: the same text, or the same URL once both are
/// parsed (the url crate's normalisation: case of scheme and host, default port, empty
/// path, percent-encoding; RFC 3986 6.2.2 and 6.2.3). The second is reported apart.
fn same_link(a: &str, b: &str) -> (bool, bool) {
    if a == b {
        return (true, false);
    }
    let as_urls = matches!((url::Url::parse(a), url::Url::parse(b)), (Ok(x), Ok(y)) if x == y);
    (as_urls, as_urls)
}

fn norm(s: Option<&str>) -> String {
    s.unwrap_or("")
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
}

fn instant(s: Option<&str>) -> Option<DateTime<Utc>> {
    s.and_then(|s| DateTime::parse_from_rfc3339(s).ok())
        .map(|d| d.with_timezone(&Utc))
}

fn secs(d: Option<DateTime<Utc>>) -> Option<i64> {
    d.map(|d| d.timestamp())
}

/// What the comparison found, field by field.
#[derive(Default)]
struct Comparison {
    compared: BTreeMap<&'static str, usize>,
    agreed: BTreeMap<&'static str, usize>,
    /// (file, field) of each difference, and what differed.
    diffs: BTreeSet<(String, String)>,
    detail: BTreeMap<(String, String), String>,
    files_compared: usize,
    /// Links that agree only as URLs, not as text.
    links_equal_as_urls: usize,
}

/// The comparison over the corpora, in steps: compare, read the listed differences, write
/// the report, then fail on a new or a stale difference.
#[test]
fn agreement_with_feedparser() {
    let corpus = common::corpus_dir();
    let files = corpus_files(&corpus);
    assert!(
        files.len() > 1500,
        "step 1 (corpus): corpus incomplete: {}",
        files.len()
    );
    let cmp = step_compare_every_file_with_feedparser(&corpus, &files);
    let listed = step_read_the_known_differences();
    let lowest = step_report_the_figures(&corpus, &files, &cmp, &listed);
    step_no_new_and_no_stale_differences(&cmp, &listed);
    // The goal is 99% per field; where a field is below it, every difference is listed above
    // with its reason, and the figures are in CONFORMANCE.md.
    eprintln!("lowest per-field agreement: {lowest:.2}%");
}

/// Each file feedparser reads without bozo, through our parser: item count, then title,
/// link, id, published and updated of each item.
fn step_compare_every_file_with_feedparser(corpus: &Path, files: &[PathBuf]) -> Comparison {
    let views = common::in_step("step 2 (feedparser over the corpus)", || {
        feedparser_views(corpus, files)
    });
    let mut c = Comparison::default();
    for f in files {
        let key = rel(corpus, f);
        let Some(fp) = views.get(&key) else { continue };
        if fp["bozo"] != 0 {
            continue;
        }
        c.files_compared += 1;
        let bytes = std::fs::read(f).unwrap_or_default();
        let ours = parse_feed(
            &bytes,
            &ParseOptions {
                base_url: None,
                header_charset: None,
                charset_override: None,
                // feedparser reads zone-less dates as UTC.
                tz: chrono_tz::UTC,
            },
        );
        let fp_entries = fp["entries"].as_array().cloned().unwrap_or_default();
        let Comparison {
            compared,
            agreed,
            diffs,
            detail,
            links_equal_as_urls,
            ..
        } = &mut c;
        let mut record = |field: &'static str, ok: bool, what: String| {
            *compared.entry(field).or_default() += 1;
            if ok {
                *agreed.entry(field).or_default() += 1;
            } else {
                diffs.insert((key.clone(), field.to_string()));
                detail
                    .entry((key.clone(), field.to_string()))
                    .or_insert(what);
            }
        };
        let ours = match ours {
            Ok(p) => p.entries,
            Err(e) => {
                record("count", false, format!("we fail: {e}"));
                continue;
            }
        };
        record(
            "count",
            ours.len() == fp_entries.len(),
            format!("ours {} vs feedparser {}", ours.len(), fp_entries.len()),
        );
        for (o, p) in ours.iter().zip(&fp_entries) {
            let (a, b) = (norm(Some(&o.title)), norm(p["title"].as_str()));
            record("title", a == b, format!("{a:?} vs {b:?}"));
            let (a, b) = (
                o.link.clone().unwrap_or_default(),
                p["link"].as_str().unwrap_or("").to_string(),
            );
            let (same, as_urls_only) = same_link(&a, &b);
            *links_equal_as_urls += usize::from(as_urls_only);
            record("link", same, format!("{a:?} vs {b:?}"));
            // Identity is compared where the document gives one (ours falls back to links).
            if let Some(fid) = p["id"].as_str().filter(|s| !s.is_empty()) {
                let a = o.id.trim().to_string();
                record("id", a == fid.trim(), format!("{a:?} vs {fid:?}"));
            }
            let fp_pub = instant(p["published"].as_str()).or(instant(p["updated"].as_str()));
            record(
                "published",
                secs(o.published) == secs(fp_pub),
                format!("{:?} vs {:?}", o.published, fp_pub),
            );
            let fp_upd = instant(p["updated"].as_str());
            record(
                "updated",
                secs(o.updated) == secs(fp_upd),
                format!("{:?} vs {:?}", o.updated, fp_upd),
            );
        }
    }
    c
}

/// Listed differences: file<TAB>field<TAB>reason.
fn step_read_the_known_differences() -> BTreeSet<(String, String)> {
    const STEP: &str = "step 3 (known-differences.tsv)";
    let listed_path =
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/conformance/known-differences.tsv");
    let listed_text = std::fs::read_to_string(&listed_path).unwrap_or_default();
    let mut listed: BTreeSet<(String, String)> = BTreeSet::new();
    for (n, line) in listed_text.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert!(
            cols.len() == 3 && !cols[2].trim().is_empty(),
            "{STEP}: {}:{}: expected file, field and reason separated by tabs",
            listed_path.display(),
            n + 1
        );
        listed.insert((cols[0].to_string(), cols[1].to_string()));
    }
    listed
}

/// The figures, printed, and written to CONFORMANCE.md when ZONEFEED_WRITE_CONFORMANCE is
/// set (from the pinned feedparser only). Returns the lowest per-field agreement.
fn step_report_the_figures(
    corpus: &Path,
    files: &[PathBuf],
    cmp: &Comparison,
    listed: &BTreeSet<(String, String)>,
) -> f64 {
    const STEP: &str = "step 4 (CONFORMANCE.md)";
    let suite_version = common::feedparser_suite_version(corpus);
    let fp_version = feedparser_version();
    let links_equal_as_urls = cmp.links_equal_as_urls;
    let mut report = format!(
        "# Conformance with Python feedparser\n\nGenerated by `ZONEFEED_WRITE_CONFORMANCE=1 cargo test --test conformance`, \
comparing with Python feedparser {fp_version}. \
Corpus, fetched by `scripts/corpus`: `feedparser/wellformed`, the `tests/wellformed` folder of feedparser {}'s sdist on PyPI, \
and `feed-rs`, the `fixture` folder of the feed-rs {} crate; {} files, {} read by feedparser without bozo and compared.\n\n\
| field | compared | agree | agreement |\n|---|---:|---:|---:|\n",
        suite_version,
        common::locked_version("feed-rs"),
        files.len(),
        cmp.files_compared
    );
    let mut lowest = 100.0f64;
    for f in FIELDS {
        let c = cmp.compared.get(f).copied().unwrap_or(0);
        let a = cmp.agreed.get(f).copied().unwrap_or(0);
        let pct = if c == 0 {
            100.0
        } else {
            100.0 * a as f64 / c as f64
        };
        lowest = lowest.min(pct);
        report.push_str(&format!("| {f} | {c} | {a} | {pct:.2}% |\n"));
    }
    report.push_str(&format!(
        "\nListed differences (tests/conformance/known-differences.tsv, each with its reason): {}. \
The test fails on any difference that is not listed, and on listed ones that no longer occur.\n\n\
Comparison rules: titles as plain text (feedparser's HTML titles are stripped and decoded), \
whitespace collapsed; links as given after resolution, equal as text or as URLs (case of scheme \
and host, default port, empty path, percent-encoding: RFC 3986 6.2.2-6.2.3; {links_equal_as_urls} \
of the agreeing links differ as text, as we normalise links and feedparser keeps them as written); \
ids only where the document has one \
(our fallback ids are not feedparser's business); dates as instants to the second, zone-less \
dates read as UTC as feedparser does; 'published' falls back to 'updated' on both sides.\n",
        listed.len()
    ));
    eprintln!("{report}");
    if fp_version != suite_version {
        eprintln!(
            "warning: comparing with feedparser {fp_version}, not {suite_version} as pinned \
             (the corpus's version, which .ci/run installs); figures and differences may vary"
        );
    }
    if std::env::var_os("ZONEFEED_WRITE_CONFORMANCE").is_some() {
        assert_eq!(
            fp_version, suite_version,
            "{STEP}: CONFORMANCE.md is written only from the pinned feedparser: \
             pip install feedparser=={suite_version}"
        );
        std::fs::write(
            Path::new(env!("CARGO_MANIFEST_DIR")).join("CONFORMANCE.md"),
            &report,
        )
        .expect("write CONFORMANCE.md");
    }
    lowest
}

/// A difference not listed fails, and so does a listed one that no longer occurs.
fn step_no_new_and_no_stale_differences(cmp: &Comparison, listed: &BTreeSet<(String, String)>) {
    const STEP: &str = "step 5 (differences against the list)";
    let new: Vec<String> = cmp
        .diffs
        .difference(listed)
        .map(|d| {
            format!(
                "{}\t{}\t{}",
                d.0,
                d.1,
                cmp.detail.get(d).cloned().unwrap_or_default()
            )
        })
        .collect();
    let stale: Vec<String> = listed
        .difference(&cmp.diffs)
        .map(|d| format!("{}\t{}", d.0, d.1))
        .collect();
    if !stale.is_empty() {
        eprintln!(
            "listed differences that no longer occur (remove them):\n{}",
            stale.join("\n")
        );
    }
    assert!(
        new.is_empty(),
        "{STEP}: {} new difference(s) from feedparser:\n{}",
        new.len(),
        new.join("\n")
    );
    assert!(
        stale.is_empty(),
        "{STEP}: stale entries in known-differences.tsv:\n{}",
        stale.join("\n")
    );
}
