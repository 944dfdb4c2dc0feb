//! Profiling helper: parses a folder of feed files N times (used with callgrind/perf to
//! find where ingest spends its time). `cargo run --release --example prof_ingest DIR [N]`.
use zonefeed::parse::{ParseOptions, parse_feed};

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_else(|| ".".into());
    let n: usize = args.next().and_then(|s| s.parse().ok()).unwrap_or(1);
    let files: Vec<Vec<u8>> = std::fs::read_dir(&dir)
        .map(|rd| {
            rd.flatten()
                .filter_map(|e| std::fs::read(e.path()).ok())
                .collect()
        })
        .unwrap_or_default();
    let mut items = 0;
    for _ in 0..n {
        for b in &files {
            if let Ok(f) = parse_feed(
                b,
                &ParseOptions {
                    base_url: None,
                    header_charset: None,
                    charset_override: None,
                    tz: chrono_tz::Asia::Shanghai,
                },
            ) {
                items += f.entries.len();
            }
        }
    }
    println!("{items} items");
}
