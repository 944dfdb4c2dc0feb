//! The docs cannot drift from the code: every ```` ```toml ```` block in `README.md` and
//! `docs/**/*.md` must parse as TOML and pass `zonefeed check`, docs/configuration.md lists
//! exactly the keys the checker declares, every relative link in the Markdown files names a
//! file that exists (and a heading, when it has a `#fragment`), and `README.md` stays within
//! 12 KiB.
//!
//! How a block is checked (the rule is also written in docs/configuration.md and
//! docs/development.md, where readers of the examples find it):
//! - a block that defines `[[regions]]` is a whole config, checked as it stands;
//! - any other block is a fragment: it must begin with a table header, and is checked
//!   appended to [`BASE`], the regions and zones of the bundled `config.toml` (and nothing
//!   else, so a fragment may define any other table);
//! - a block whose info string is `toml,ignore-check` must parse as TOML but skips `check`
//!   (the text beside it says why).
//!
//! Each config is written to a temporary folder beside links to the repository's
//! `templates/` and `examples/`, so templates render and `file:examples/…` sources exist.

use std::collections::HashSet;
use std::path::{Path, PathBuf};
use std::process::Command;

/// What every fragment is appended to: the bundled config's places, nothing more.
const BASE: &str = r#"# tests/docs.rs: the base config every fragment is appended to
[[regions]]
id = "jiangsu"
name = "江苏省"

[[regions]]
id = "nantong"
name = "南通市"
parent = "jiangsu"

[[regions]]
id = "suzhou"
name = "苏州市"
parent = "jiangsu"

[[regions]]
id = "kunshan"
name = "昆山市"
parent = "suzhou"

[[regions]]
id = "wuxi"
name = "无锡市"
parent = "jiangsu"

[[regions]]
id = "jiangyin"
name = "江阴市"
parent = "wuxi"

[[regions]]
id = "nanjing"
name = "南京市"
parent = "jiangsu"

[[regions]]
id = "zhejiang"
name = "浙江省"

[[regions]]
id = "ningbo"
name = "宁波市"
parent = "zhejiang"

[[zones]]
id = "nantong-hitech"
name = "南通高新技术产业开发区"
region = "nantong"
aliases = ["南通高新区"]

[[zones]]
id = "nantong-etdz"
name = "南通经济技术开发区"
region = "nantong"
aliases = ["南通开发区"]

[[zones]]
id = "suzhou-sip"
name = "苏州工业园区"
region = "suzhou"
aliases = ["苏州园区"]

[[zones]]
id = "kunshan-etdz"
name = "昆山经济技术开发区"
region = "kunshan"
aliases = ["昆山开发区"]

[[zones]]
id = "wuxi-hitech"
name = "无锡高新技术产业开发区"
region = "wuxi"
aliases = ["无锡高新区", "新吴区"]

[[zones]]
id = "jiangyin-hitech"
name = "江阴高新技术产业开发区"
region = "jiangyin"
aliases = ["江阴高新区"]

[[zones]]
id = "nanjing-jiangbei"
name = "南京江北新区"
region = "nanjing"
aliases = ["江北新区"]

[[zones]]
id = "ningbo-etdz"
name = "宁波经济技术开发区"
region = "ningbo"
aliases = ["宁波开发区", "北仑"]

# ---- the block under test ----
"#;

/// `README.md` must stay a front page: at most this many bytes.
const README_MAX_BYTES: u64 = 12 * 1024;

fn root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

/// One fenced code block: where it starts (1-based line of the opening fence), its info
/// string and its text.
struct Block {
    file: PathBuf,
    line: usize,
    info: String,
    text: String,
}

impl Block {
    fn lang(&self) -> &str {
        self.info.split([',', ' ', '\t', '{']).next().unwrap_or("")
    }

    fn flag(&self, name: &str) -> bool {
        self.info
            .split([',', ' ', '\t'])
            .skip(1)
            .any(|f| f.trim() == name)
    }

    fn place(&self) -> String {
        let rel = self.file.strip_prefix(root()).unwrap_or(&self.file);
        format!("{}:{}", rel.display(), self.line)
    }
}

/// The opening or closing fence of a code block: up to three spaces, then three or more
/// backticks or tildes. Returns the fence (its character and length) and the rest.
fn fence(line: &str) -> Option<(char, usize, &str)> {
    let indent = line.len() - line.trim_start_matches(' ').len();
    if indent > 3 {
        return None;
    }
    let rest = &line[indent..];
    let c = rest.chars().next().filter(|c| *c == '`' || *c == '~')?;
    let n = rest.chars().take_while(|x| *x == c).count();
    (n >= 3).then(|| (c, n, &rest[n..]))
}

/// A code block being read: its fence, and the block so far.
struct Open {
    fence: char,
    len: usize,
    block: Block,
}

/// Every fenced code block of a Markdown file, and the file's lines outside them.
fn blocks(file: &Path, text: &str) -> (Vec<Block>, Vec<(usize, String)>) {
    let mut out = Vec::new();
    let mut prose = Vec::new();
    let mut open: Option<Open> = None;
    for (i, line) in text.lines().enumerate() {
        match (open.take(), fence(line)) {
            (None, Some((fence, len, info))) => {
                open = Some(Open {
                    fence,
                    len,
                    block: Block {
                        file: file.to_path_buf(),
                        line: i + 1,
                        info: info.trim().to_string(),
                        text: String::new(),
                    },
                });
            }
            (None, None) => prose.push((i + 1, line.to_string())),
            (Some(o), Some((c, n, rest)))
                if c == o.fence && n >= o.len && rest.trim().is_empty() =>
            {
                out.push(o.block);
            }
            (Some(mut o), _) => {
                o.block.text.push_str(line);
                o.block.text.push('\n');
                open = Some(o);
            }
        }
    }
    assert!(
        open.is_none(),
        "{}: a code block is never closed",
        file.display()
    );
    (out, prose)
}

/// `README.md` and every Markdown file under `docs/` (not the built book, `docs/book/`).
fn doc_files() -> Vec<PathBuf> {
    let mut files = vec![root().join("README.md")];
    let mut stack = vec![root().join("docs")];
    while let Some(dir) = stack.pop() {
        for e in std::fs::read_dir(&dir).expect("read docs/").flatten() {
            let p = e.path();
            if p.is_dir() {
                if p.file_name().is_some_and(|n| n != "book") {
                    stack.push(p);
                }
            } else if p.extension().is_some_and(|x| x == "md") {
                files.push(p);
            }
        }
    }
    files.sort();
    files
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("read {}: {e}", p.display()))
}

/// The first line that is neither blank nor a comment.
fn first_statement(text: &str) -> Option<&str> {
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty() && !l.starts_with('#'))
}

fn is_whole_config(text: &str) -> bool {
    text.lines()
        .any(|l| l.trim_start().starts_with("[[regions]]"))
}

/// Runs `zonefeed check` on `config` in a fresh folder; the problem, if any.
fn zonefeed_check(config: &str) -> Result<(), String> {
    let dir = tempfile::tempdir().expect("tempdir");
    for shared in ["templates", "examples"] {
        std::os::unix::fs::symlink(root().join(shared), dir.path().join(shared))
            .expect("link templates/ and examples/");
    }
    std::fs::write(dir.path().join("config.toml"), config).expect("write config");
    let out = Command::new(env!("CARGO_BIN_EXE_zonefeed"))
        .current_dir(dir.path())
        .args(["--config", "config.toml", "check"])
        // The secrets the alert examples name (docs/alerts.md).
        .env(
            "SIP_WECOM_URL",
            "https://qyapi.weixin.qq.com/cgi-bin/webhook/send?key=x",
        )
        .env(
            "SIP_DINGTALK_URL",
            "https://oapi.dingtalk.com/robot/send?access_token=x",
        )
        .env("SIP_DINGTALK_SECRET", "SECx")
        // The credentials the publish target examples name (docs/configuration.md).
        .env("OSS_ACCESS_KEY_ID", "LTAIx")
        .env("OSS_ACCESS_KEY_SECRET", "x")
        .env("AWS_ACCESS_KEY_ID", "AKIDx")
        .env("AWS_SECRET_ACCESS_KEY", "x")
        .output()
        .expect("run zonefeed check");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    if out.status.code() != Some(0) {
        return Err(format!(
            "zonefeed check exited {:?}:\n{stderr}{stdout}",
            out.status.code()
        ));
    }
    // A `file:` source in an example must name a file that exists.
    if let Some(w) = stdout.lines().find(|l| l.contains("which does not exist")) {
        return Err(w.to_string());
    }
    Ok(())
}

/// Checks one ```` ```toml ```` block; the problem, if any.
fn check_block(b: &Block) -> Result<(), String> {
    if let Err(e) = b.text.parse::<toml::Table>() {
        return Err(format!("not valid TOML: {e}"));
    }
    if b.flag("ignore-check") {
        return Ok(());
    }
    if is_whole_config(&b.text) {
        return zonefeed_check(&b.text);
    }
    match first_statement(&b.text) {
        Some(l) if l.starts_with('[') => {}
        other => {
            return Err(format!(
                "a fragment must begin with a [table] or [[table]] header (it is appended to \
                 the base config), not {other:?}; or define [[regions]] to be a whole config"
            ));
        }
    }
    let config = format!("{BASE}{}", b.text);
    let offset = BASE.lines().count();
    zonefeed_check(&config).map_err(|e| {
        format!("{e}(appended to the base config: the block's line N is config line N+{offset})")
    })
}

#[test]
fn every_toml_example_parses_and_passes_check() {
    let mut checked = 0;
    let mut ignored = Vec::new();
    let mut failures = Vec::new();
    for file in doc_files() {
        let (found, _) = blocks(&file, &read(&file));
        for b in found.iter().filter(|b| b.lang() == "toml") {
            if b.flag("ignore-check") {
                ignored.push(b.place());
            }
            checked += 1;
            if let Err(e) = check_block(b) {
                failures.push(format!("{}: {e}", b.place()));
            }
        }
    }
    eprintln!(
        "{checked} toml blocks checked; parsed only (ignore-check): {}",
        if ignored.is_empty() {
            "none".to_string()
        } else {
            ignored.join(", ")
        }
    );
    assert!(
        failures.is_empty(),
        "{} of {checked} toml examples fail:\n\n{}",
        failures.len(),
        failures.join("\n\n")
    );
    // The guide is built around its examples: finding few means the scan is broken.
    assert!(checked >= 15, "only {checked} toml blocks found");
}

/// A broken example must fail, so the test above can be trusted.
#[test]
fn a_broken_example_is_caught() {
    let block = |text: &str, info: &str| Block {
        file: root().join("docs/example.md"),
        line: 1,
        info: info.to_string(),
        text: text.to_string(),
    };
    let good = "[[sources]]\nid = \"a\"\nurl = \"https://www.example.gov.cn/rss.xml\"\nregion = \"nantong\"\n";
    assert_eq!(check_block(&block(good, "toml")), Ok(()));
    for (bad, why) in [
        (
            "[[sources]]\nid = \"a\"\nurl = \"https://www.example.gov.cn/rss.xml\"\nregion = \"nowhere\"\n",
            "unknown region",
        ),
        (
            "[[sources]]\nid = \"a\"\nurl = \"https://www.example.gov.cn/rss.xml\"\nregion = \"nantong\"\ncolour = \"red\"\n",
            "unknown key",
        ),
        (
            "[sources.list]\ndate_regex = \"(\\d+)\"\n",
            "not valid TOML",
        ),
        ("kind = \"html\"\n", "must begin with a [table]"),
        (
            "[[sources]]\nid = \"a\"\nurl = \"file:examples/sources/missing.rss\"\nregion = \"nantong\"\n",
            "does not exist",
        ),
    ] {
        let err = check_block(&block(bad, "toml")).expect_err(bad);
        assert!(err.contains(why), "{bad}: {err}");
    }
    // ignore-check skips `check`, not the TOML parse.
    let unchecked = "[[sources]]\nid = \"a\"\nregion = \"nowhere\"\n";
    assert_eq!(check_block(&block(unchecked, "toml,ignore-check")), Ok(()));
    assert!(check_block(&block("[a\n", "toml,ignore-check")).is_err());
}

/// GitHub's (and mdBook's) anchor for a heading: lower case, letters, digits, `-` and `_`
/// kept, spaces to `-`, everything else dropped; repeats get `-1`, `-2` …
fn anchors(prose: &[(usize, String)]) -> HashSet<String> {
    let mut seen = HashSet::new();
    for (_, line) in prose {
        let t = line.trim_start();
        let level = t.chars().take_while(|c| *c == '#').count();
        if level == 0 || level > 6 || !t[level..].starts_with(' ') {
            continue;
        }
        let slug: String = t[level..]
            .trim()
            .to_lowercase()
            .chars()
            .filter_map(|c| match c {
                ' ' => Some('-'),
                c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
                _ => None,
            })
            .collect();
        let mut id = slug.clone();
        let mut n = 0;
        while !seen.insert(id.clone()) {
            n += 1;
            id = format!("{slug}-{n}");
        }
    }
    seen
}

/// The `](target)` links of a line, outside inline code.
fn links(line: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut in_code = false;
    let chars: Vec<char> = line.chars().collect();
    for (i, c) in chars.iter().enumerate() {
        match c {
            '`' => in_code = !in_code,
            ']' if !in_code && chars.get(i + 1) == Some(&'(') => {
                let target: String = chars[i + 2..].iter().take_while(|c| **c != ')').collect();
                out.push(target.split_whitespace().next().unwrap_or("").to_string());
            }
            _ => {}
        }
    }
    out
}

#[test]
fn relative_links_name_files_and_headings_that_exist() {
    let mut files = doc_files();
    files.extend([
        root().join("tests/README.md"),
        root().join("feeds/README.md"),
    ]);
    let mut broken = Vec::new();
    let mut count = 0;
    for file in &files {
        let (_, prose) = blocks(file, &read(file));
        let dir = file.parent().expect("a folder");
        for (n, line) in &prose {
            for target in links(line) {
                if target.is_empty() || target.contains("://") || target.starts_with("mailto:") {
                    continue;
                }
                count += 1;
                let (path, fragment) = match target.split_once('#') {
                    Some((p, f)) => (p, Some(f)),
                    None => (target.as_str(), None),
                };
                let resolved = if path.is_empty() {
                    file.clone()
                } else {
                    dir.join(path)
                };
                let place = format!(
                    "{}:{n}: ({target})",
                    file.strip_prefix(root()).unwrap_or(file).display()
                );
                if !resolved.exists() {
                    broken.push(format!("{place}: no such file"));
                    continue;
                }
                if let Some(f) = fragment
                    && resolved.extension().is_some_and(|x| x == "md")
                {
                    let (_, target_prose) = blocks(&resolved, &read(&resolved));
                    if !anchors(&target_prose).contains(f) {
                        broken.push(format!("{place}: no heading #{f}"));
                    }
                }
            }
        }
    }
    assert!(broken.is_empty(), "broken links:\n{}", broken.join("\n"));
    assert!(count >= 30, "only {count} relative links found");
}

/// The keys each table may hold, as the checker declares them (`keys! { enum … in "[poll]"
/// { Interval = "interval", … } }` in src/config/check/), read from the source; only
/// declarations that start a line (not the example in a doc comment).
fn declared_keys() -> Vec<(String, Vec<String>)> {
    let decl = regex::Regex::new(r#"(?m)^\s*enum \w+ in "([^"]+)" \{([^}]*)\}"#).expect("regex");
    let key = regex::Regex::new(r#"= "([^"]+)""#).expect("regex");
    let mut out = Vec::new();
    let dir = root().join("src/config/check");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .expect("src/config/check")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "rs"))
        .collect();
    files.sort();
    for f in files {
        for c in decl.captures_iter(&read(&f)) {
            let keys = key.captures_iter(&c[2]).map(|k| k[1].to_string()).collect();
            out.push((c[1].to_string(), keys));
        }
    }
    out
}

/// docs/configuration.md lists every key of every table, under that table's heading, and
/// no key the checker does not accept.
#[test]
fn the_configuration_reference_lists_every_key() {
    let doc = read(&root().join("docs/configuration.md"));
    let (_, prose) = blocks(&root().join("docs/configuration.md"), &doc);
    let tables = declared_keys();
    assert!(
        tables.len() >= 10,
        "found only {} keys! tables",
        tables.len()
    );
    let mut problems = Vec::new();
    for (table, keys) in tables.iter().filter(|(t, _)| t != "the top level") {
        // The section: from "## `[poll]`" (or ###) to the next heading.
        let heading = |l: &str| l.starts_with("## ") || l.starts_with("### ");
        let Some(start) = prose.iter().position(|(_, l)| {
            heading(l) && l.trim_start_matches('#').trim() == format!("`{table}`")
        }) else {
            problems.push(format!("no section \"## `{table}`\""));
            continue;
        };
        // The names in backticks in the first cell of each row of the section's table.
        let documented: HashSet<String> = prose[start + 1..]
            .iter()
            .take_while(|(_, l)| !heading(l))
            .filter_map(|(_, l)| l.strip_prefix("| "))
            .filter_map(|row| row.split(" |").next())
            .flat_map(|cell| {
                cell.split('`')
                    .skip(1)
                    .step_by(2)
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect();
        for k in keys {
            if !documented.contains(k) {
                problems.push(format!("{table} {k}: not in docs/configuration.md"));
            }
        }
        for d in &documented {
            if !keys.contains(d) {
                problems.push(format!(
                    "{table} {d}: documented, but the checker does not accept it"
                ));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn readme_stays_a_front_page() {
    let readme = root().join("README.md");
    let size = std::fs::metadata(&readme).expect("README.md").len();
    assert!(
        size <= README_MAX_BYTES,
        "README.md is {size} bytes; keep it within {README_MAX_BYTES} and move the rest to docs/"
    );
    // It starts with the two commands, exactly.
    let text = read(&readme);
    let (found, _) = blocks(&readme, &text);
    let first = found.first().expect("a code block");
    assert_eq!(first.lang(), "sh");
    assert!(
        first.text.starts_with("cargo run --release -- run ")
            && first
                .text
                .lines()
                .nth(1)
                .is_some_and(|l| l.starts_with("bash .ci/run ")),
        "README.md must begin with the run and test commands:\n{}",
        first.text
    );
}
