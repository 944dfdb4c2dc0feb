//! The config tests: loading, every-problem-at-once reporting with positions, value
//! parsers, and the by-id lookups.

use super::*;
use crate::mail::{MailTls, MailTransport};

fn parse(text: &str) -> Result<Config, ConfigError> {
    Config::parse(text, Path::new("config.toml"), Path::new("/srv/zonefeed"))
}

const GOOD: &str = r#"
[service]
base_url = "http://feeds.example.cn/zf"
[[regions]]
id = "jiangsu"
name = "江苏省"
[[regions]]
id = "nantong"
name = "南通市"
parent = "jiangsu"
[[zones]]
id = "nantong-hitech"
name = "南通高新技术产业开发区"
region = "nantong"
aliases = ["南通高新区"]
[[sources]]
id = "nt"
url = "file:examples/nt.rss"
region = "nantong"
zone = "nantong-hitech"
interval = "30m"
charset = "gb2312"
"#;

#[test]
fn good_config_loads_with_defaults_and_resolved_paths() {
    let c = parse(GOOD).expect("valid");
    assert_eq!(c.service.data_dir, Path::new("/srv/zonefeed/data"));
    assert_eq!(c.service.base_url.as_str(), "http://feeds.example.cn/zf/");
    assert_eq!(c.service.feed_items, 50);
    assert_eq!(c.poll.interval, Duration::from_secs(900));
    assert_eq!(c.poll.max_body, 15 << 20);
    let s = &c.sources[0];
    assert_eq!(
        s.url,
        SourceUrl::File(PathBuf::from("/srv/zonefeed/examples/nt.rss"))
    );
    assert_eq!(s.interval, Duration::from_secs(1800));
    assert_eq!(s.charset, Some(encoding_rs::GBK));
    assert_eq!(c.region_path("nantong"), "江苏省 > 南通市");
    assert!(c.region_within("nantong", "jiangsu"));
    assert!(!c.region_within("jiangsu", "nantong"));
}

#[test]
fn reports_every_problem_with_line_and_column() {
    let text = r#"[service]
timezone = "Asia/Beijing"
bogus = 1
[poll]
interval = "15 minutes"
max_body = "15MB"
timeout = "0s"
[[regions]]
id = "a"
name = "A"
parent = "b"
[[regions]]
id = "b"
name = "B"
parent = "a"
[[regions]]
id = "a"
name = "again"
[[zones]]
id = "z"
name = "Z区"
region = "nowhere"
[[sources]]
id = "s"
url = "ftp://x/y"
region = "a"
zone = "zz"
interval = "soon"
charset = "klingon"
"#;
    let err = parse(text).expect_err("invalid");
    let msg = err.to_string();
    let lines: Vec<&str> = msg.lines().collect();
    let expect = [
        "config.toml:2:12: timezone",
        "config.toml:3:1: unknown key \"bogus\"",
        "config.toml:5:12: interval: invalid duration",
        "config.toml:7:11: timeout must be greater than zero",
        "cycle: ",
        "config.toml:17:6: duplicate region id \"a\" (first defined at line 9",
        "config.toml:22:10: unknown region \"nowhere\"",
        "config.toml:25:7: url: unsupported URL scheme \"ftp\"",
        "config.toml:27:8: unknown zone \"zz\" (did you mean \"z\"?)",
        "config.toml:28:12: interval: invalid duration",
        "config.toml:29:11: charset \"klingon\"",
    ];
    for e in expect {
        assert!(
            lines.iter().any(|l| l.contains(e)),
            "missing {e:?} in:\n{msg}"
        );
    }
    assert_eq!(lines.len(), expect.len(), "{msg}");
}

#[test]
fn syntax_error_is_located() {
    let err = parse("[service]\nfeed_items = = 3\n").expect_err("invalid");
    let msg = err.to_string();
    assert!(msg.starts_with("config.toml:2:"), "{msg}");
}

#[test]
fn durations_and_sizes() {
    assert_eq!(parse_duration("1h30m"), Ok(Duration::from_secs(5400)));
    assert_eq!(parse_duration("500ms"), Ok(Duration::from_millis(500)));
    assert_eq!(parse_duration("2d"), Ok(Duration::from_secs(172_800)));
    assert!(parse_duration("15").is_err());
    assert!(parse_duration("m").is_err());
    assert_eq!(parse_size("15MiB"), Ok(15 << 20));
    assert_eq!(parse_size("512KB"), Ok(512_000));
    assert_eq!(parse_size("2000"), Ok(2000));
    assert!(parse_size("15 MiBs").is_err());
    assert!(parse_size("99999999999999999999GiB").is_err());
}

#[test]
fn shared_alias_is_rejected() {
    let text = format!(
        "{GOOD}\n[[zones]]\nid = \"other\"\nname = \"别的区\"\nregion = \"nantong\"\naliases = [\"南通高新区\"]\n"
    );
    let err = parse(&text).expect_err("ambiguous alias");
    assert!(err.to_string().contains("already used by zone"), "{err}");
}

#[test]
fn lookups_by_id_match_a_scan_even_after_the_lists_change() {
    let text = format!(
        "{GOOD}\n[[regions]]\nid = \"suzhou\"\nname = \"苏州市\"\nparent = \"jiangsu\"\n\
         [[regions]]\nid = \"sip\"\nname = \"园区\"\nparent = \"suzhou\"\n\
         [[regions]]\nid = \"anhui\"\nname = \"安徽省\"\n"
    );
    let mut c = parse(&text).expect("valid");
    let ids = |v: Vec<&Region>| v.iter().map(|r| r.id.clone()).collect::<Vec<_>>();
    assert_eq!(
        ids(c.region_and_descendants("jiangsu")),
        ["jiangsu", "nantong", "suzhou", "sip"]
    );
    assert_eq!(ids(c.region_and_descendants("suzhou")), ["suzhou", "sip"]);
    assert!(c.region_and_descendants("nowhere").is_empty());
    assert_eq!(ids(c.child_regions(None)), ["jiangsu", "anhui"]);
    assert_eq!(ids(c.child_regions(Some("jiangsu"))), ["nantong", "suzhou"]);
    assert_eq!(c.region_path("sip"), "江苏省 > 苏州市 > 园区");
    assert_eq!(
        c.zone("nantong-hitech").map(|z| z.region.as_str()),
        Some("nantong")
    );
    assert_eq!(c.source("nt").map(|s| s.id.as_str()), Some("nt"));
    assert!(c.zone("nt").is_none() && c.source("nowhere").is_none());
    // A caller that edits the lists after loading still gets right answers (a scan).
    c.regions.remove(0);
    c.sources.clear();
    assert_eq!(c.region("nantong").map(|r| r.name.as_str()), Some("南通市"));
    assert!(c.region("jiangsu").is_none() && c.source("nt").is_none());
    assert_eq!(ids(c.child_regions(Some("jiangsu"))), ["nantong", "suzhou"]);
    c.regions.push(Region {
        id: "wuxi".into(),
        name: "无锡市".into(),
        parent: Some("jiangsu".into()),
    });
    assert_eq!(
        ids(c.child_regions(Some("jiangsu"))),
        ["nantong", "suzhou", "wuxi"]
    );
}

/// The mail module's tests build this `Mail` by hand; it must be what the file says.
#[test]
fn mail_section_loads_with_defaults() {
    let c = Config::parse(
        "[mail]\ntransport = \"outbox\"\nfrom = \"投促中国 <digest@example.cn>\"\n",
        Path::new("config.toml"),
        Path::new("/srv/zonefeed"),
    )
    .expect("valid");
    let m = &c.mail;
    assert_eq!(m.transport, MailTransport::Outbox);
    assert_eq!(m.outbox_dir, Path::new("/srv/zonefeed/outbox"));
    assert_eq!((m.host.as_str(), m.port), ("127.0.0.1", 587));
    assert_eq!(m.tls, MailTls::Starttls);
    assert_eq!((&m.username, &m.password_env), (&None, &None));
    assert_eq!(m.from_name.as_deref(), Some("投促中国"));
    assert_eq!(m.from_addr, "digest@example.cn");
    assert_eq!(m.timeout, Duration::from_secs(30));
}

#[test]
fn line_col_counts_characters() {
    let t = "a = 1\n名字 = 2";
    assert_eq!(line_col(t, t.find('=').unwrap_or(0)), (1, 3));
    let second = t.rfind('=').unwrap_or(0);
    assert_eq!(line_col(t, second), (2, 4));
}
