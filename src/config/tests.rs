//! The config tests: loading, every-problem-at-once reporting with positions, the exact
//! wording of the checker's messages (admins and scripts read them), value parsers, and the
//! by-id lookups.

use super::value::{line_col, parse_duration, parse_size};
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
        code: None,
        places: vec![],
        shared: vec![],
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

/// Each table's allowed list and "did you mean" come from its key table: pin them all.
#[test]
fn an_unknown_key_in_each_table_lists_that_tables_keys() {
    let text = r#"servce = 1
[service]
feed_item = 5
[poll]
intervall = "1m"
[mail]
form = "a@b.cn"
[[regions]]
id = "a"
name = "A"
parnt = "a"
[[zones]]
id = "z"
name = "Z"
region = "a"
alias = ["y"]
[[sources]]
id = "s"
url = "file:x.xml"
region = "a"
knd = "html"
kind = "html"
[sources.list]
item = "li"
itme = "li"
[sources.article]
contnt = "div"
[[subscriptions]]
id = "w"
email = "w@example.cn"
schedule = "0 0 8 * * *"
keyword = ["x"]
[stories]
windw = "7d"
"#;
    let expect = [
        "config.toml:1:1: unknown key \"servce\" in the top level (did you mean \"service\"?); allowed: service, poll, regions, zones, sources, mail, subscriptions, signup, topics, stories, alerts, publish",
        "config.toml:3:1: unknown key \"feed_item\" in [service] (did you mean \"feed_items\"?); allowed: data_dir, feeds_dir, templates_dir, base_url, listen, timezone, feed_items, hubs, admin_token_env, header_timeout, request_timeout, max_connections",
        "config.toml:5:1: unknown key \"intervall\" in [poll] (did you mean \"interval\"?); allowed: interval, min_interval, max_interval, timeout, connect_timeout, max_body, user_agent, concurrency, per_host, allow_private_networks",
        "config.toml:7:1: unknown key \"form\" in [mail] (did you mean \"port\"?); allowed: transport, outbox_dir, host, port, tls, username, password_env, from, timeout",
        "config.toml:11:1: unknown key \"parnt\" in [[regions]] (did you mean \"parent\"?); allowed: id, name, parent, code",
        "config.toml:16:1: unknown key \"alias\" in [[zones]] (did you mean \"aliases\"?); allowed: id, name, region, aliases",
        "config.toml:21:1: unknown key \"knd\" in [[sources]] (did you mean \"kind\"?); allowed: id, name, kind, url, site_url, region, zone, interval, schedule, charset, list, json, article, request, priority, pages",
        "config.toml:25:1: unknown key \"itme\" in [sources.list] (did you mean \"item\"?); allowed: embedded, item, title, title_attr, title_regex, link, link_attr, link_regex, link_template, date, date_attr, date_regex, summary",
        "config.toml:27:1: unknown key \"contnt\" in [sources.article] (did you mean \"content\"?); allowed: content, title, title_attr, title_regex, date, date_attr, date_regex, source, source_attr, source_regex, zone, zone_attr, zone_regex, max_per_poll",
        "config.toml:32:1: unknown key \"keyword\" in [[subscriptions]] (did you mean \"keywords\"?); allowed: id, email, name, regions, zones, keywords, exclude, topics, schedule, timezone, max_items, send_empty, backfill",
        "config.toml:34:1: unknown key \"windw\" in [stories] (did you mean \"window\"?); allowed: enabled, window",
    ];
    let err = parse(text).expect_err("invalid");
    assert_eq!(err.to_string(), expect.join("\n"));
}

/// The shared value checks (choices, integer ranges, environment-variable names, cron,
/// time zones) keep each section's wording.
#[test]
fn choices_ranges_env_names_cron_and_time_zones_are_worded_as_before() {
    let text = r#"[mail]
transport = "sendmail"
tls = "ssl"
port = 0
password_env = "my password"
[[regions]]
id = "a"
name = "A"
[[sources]]
id = "s"
kind = "rss"
url = "file:x.xml"
region = "a"
[[sources]]
id = "t"
kind = "html"
url = "file:x.xml"
region = "a"
interval = "10m"
schedule = "0 */5 * * *"
[sources.list]
item = "li"
[sources.article]
max_per_poll = 1001
[[subscriptions]]
id = "w"
email = "w@example.cn"
schedule = "0 0 8 * *"
timezone = "Europe/Atlantis"
max_items = 0
"#;
    let expect = [
        "config.toml:2:13: transport must be \"smtp\" or \"outbox\", not \"sendmail\"",
        "config.toml:3:7: tls must be \"none\", \"starttls\" or \"tls\", not \"ssl\"",
        "config.toml:4:8: port must be between 1 and 65535",
        "config.toml:5:16: password_env names an environment variable (letters, digits, _); the password itself never goes in this file",
        "config.toml:11:8: kind must be \"feed\", \"html\" or \"json\", not \"rss\"",
        "config.toml:20:12: schedule: \"0 */5 * * *\" has 5 fields; zonefeed's cron starts with seconds: \"0 0 */5 * * *\" (sec min hour day month weekday)",
        "config.toml:24:16: max_per_poll must be between 0 and 1000",
        "config.toml:28:12: schedule: \"0 0 8 * *\" has 5 fields; zonefeed's cron starts with seconds: \"0 0 0 8 * *\" (sec min hour day month weekday)",
        "config.toml:29:12: timezone \"Europe/Atlantis\" is not an IANA time zone name",
        "config.toml:30:13: max_items must be between 1 and 1000",
    ];
    let err = parse(text).expect_err("invalid");
    assert_eq!(err.to_string(), expect.join("\n"));
}

/// `[service]` and `[poll]`: every key wrong at once, every message in file order.
#[test]
fn service_and_poll_problems_are_all_reported_in_order() {
    let text = r#"bogus_top = 1
[service]
data_dir = 5
feeds_dir = "f"
listen = "localhost"
base_url = "ftp://x/"
timezone = "Mars/Olympus"
feed_items = 0
hubs = ["not a url", "", 3, "https://hub.example/"]
admin_token_env = "secret value!"
header_timeout = "0s"
request_timeout = "10 parsecs"
max_connections = 70000
templates_dirr = "t"
[poll]
interval = "5x"
min_interval = "10m"
max_interval = "1m"
timeout = ""
connect_timeout = 3
max_body = "0"
user_agent = 7
concurrency = 0
per_host = 65
allow_private_networks = "yes"
perhost = 1
"#;
    let expect = [
        "config.toml:1:1: unknown key \"bogus_top\" in the top level; allowed: service, poll, regions, zones, sources, mail, subscriptions, signup, topics, stories, alerts, publish",
        "config.toml:3:12: data_dir in [service] must be a string, not an integer",
        "config.toml:5:10: listen: \"localhost\" is not an address:port such as \"127.0.0.1:8080\"",
        "config.toml:6:12: base_url must be an http(s) URL",
        "config.toml:7:12: timezone \"Mars/Olympus\" is not an IANA time zone name such as \"Asia/Shanghai\"",
        "config.toml:8:14: feed_items must be between 1 and 10000",
        "config.toml:9:9: hubs: \"not a url\" is not an http(s) URL",
        "config.toml:9:22: hubs: empty string",
        "config.toml:9:26: hubs must hold strings, not an integer",
        "config.toml:10:19: admin_token_env names an environment variable (letters, digits, _), not the token",
        "config.toml:11:18: header_timeout must be greater than zero",
        "config.toml:12:19: request_timeout: invalid duration \"10 parsecs\": unknown unit \"parsecs\" (use ms, s, m, h or d)",
        "config.toml:13:19: max_connections must be between 1 and 65536",
        "config.toml:14:1: unknown key \"templates_dirr\" in [service] (did you mean \"templates_dir\"?); allowed: data_dir, feeds_dir, templates_dir, base_url, listen, timezone, feed_items, hubs, admin_token_env, header_timeout, request_timeout, max_connections",
        "config.toml:16:12: interval: invalid duration \"5x\": unknown unit \"x\" (use ms, s, m, h or d)",
        "config.toml:18:16: max_interval must not be shorter than min_interval",
        "config.toml:19:11: timeout: empty duration",
        "config.toml:20:19: connect_timeout in [poll] must be a string, not an integer",
        "config.toml:21:12: max_body must be greater than zero",
        "config.toml:22:14: user_agent in [poll] must be a string, not an integer",
        "config.toml:23:15: concurrency must be between 1 and 1024",
        "config.toml:24:12: per_host must be between 1 and 64",
        "config.toml:25:26: allow_private_networks in [poll] must be true or false, not a string",
        "config.toml:26:1: unknown key \"perhost\" in [poll] (did you mean \"per_host\"?); allowed: interval, min_interval, max_interval, timeout, connect_timeout, max_body, user_agent, concurrency, per_host, allow_private_networks",
    ];
    let err = parse(text).expect_err("invalid");
    assert_eq!(err.to_string(), expect.join("\n"));
}

/// `[signup]` is off unless switched on, and then refused without a `[mail]` that can send;
/// its own values are checked with positions like every section.
#[test]
fn signup_is_off_by_default_and_needs_working_mail() {
    let c = parse(GOOD).expect("valid");
    assert!(!c.signup.enabled);
    assert_eq!(c.signup.confirm_within, Duration::from_secs(72 * 3600));
    let names: Vec<&str> = c.signup.frequencies.iter().map(|f| f.kind.name()).collect();
    assert_eq!(names, ["daily", "weekly"]);

    let no_mail = format!("{GOOD}\n[signup]\nenabled = true\n");
    let err = parse(&no_mail).expect_err("needs [mail]").to_string();
    let line = no_mail
        .lines()
        .position(|l| l == "enabled = true")
        .unwrap_or(0)
        + 1;
    assert!(
        err.contains(&format!(
            "config.toml:{line}:11: [signup] enabled = true needs a [mail] section"
        )),
        "{err}"
    );
    let default_from =
        format!("{GOOD}\n[mail]\ntransport = \"outbox\"\n[signup]\nenabled = true\n");
    let err = parse(&default_from).expect_err("needs from").to_string();
    assert!(err.contains("needs [mail] from"), "{err}");
    let local_from =
        format!("{GOOD}\n[mail]\nfrom = \"zf <zf@localhost>\"\n[signup]\nenabled = true\n");
    let err = parse(&local_from)
        .expect_err("needs a reachable from")
        .to_string();
    assert!(err.contains("not \"zf@localhost\""), "{err}");

    let good = format!(
        "{GOOD}\n[mail]\nfrom = \"投促中国 <digest@example.cn>\"\n[signup]\nenabled = true\nfrequencies = [\"weekly\"]\nweekly = \"0 30 9 * * Fri\"\nconfirm_within = \"48h\"\nper_ip = \"10/1h\"\nper_address = \"2/1d\"\n"
    );
    let c = parse(&good).expect("valid");
    assert!(c.signup.enabled);
    assert_eq!(c.signup.frequencies.len(), 1);
    assert_eq!(c.signup.frequencies[0].schedule.as_str(), "0 30 9 * * Fri");
    assert_eq!(c.signup.per_ip.burst, 10);
    assert_eq!(c.signup.per_address.window, Duration::from_secs(86_400));

    let bad = format!(
        "{GOOD}\n[mail]\nfrom = \"a@example.cn\"\n[signup]\nenabled = true\nfrequencies = [\"hourly\"]\nper_ip = \"lots\"\ndaily = \"0 8 * * *\"\nconfrm_within = \"1h\"\n"
    );
    let err = parse(&bad).expect_err("bad values").to_string();
    for want in [
        "unknown key \"confrm_within\" in [signup] (did you mean \"confirm_within\"?)",
        "frequencies: \"hourly\" is not offered by zonefeed",
        "frequencies must offer at least one",
        "per_ip: \"lots\" is not a limit such as \"5/1h\"",
        "daily: \"0 8 * * *\" has 5 fields",
    ] {
        assert!(err.contains(want), "missing {want:?} in:\n{err}");
    }
}

/// `[stories]` and a source's `priority`: defaults, and every wrong value at its position.
#[test]
fn stories_settings_and_source_priority_are_checked() {
    let ok = parse(
        "[[regions]]\nid = \"a\"\nname = \"A\"\n[[sources]]\nid = \"s\"\nurl = \"file:x.xml\"\nregion = \"a\"\n",
    )
    .expect("valid");
    assert_eq!(ok.stories, crate::stories::Settings::default());
    assert!(ok.stories.enabled);
    assert_eq!(ok.stories.window, Duration::from_secs(7 * 86_400));
    assert_eq!(ok.sources[0].priority, 0);
    let set = parse(
        "[stories]\nenabled = false\nwindow = \"36h\"\n[[regions]]\nid = \"a\"\nname = \"A\"\n[[sources]]\nid = \"s\"\nurl = \"file:x.xml\"\nregion = \"a\"\npriority = 10\n",
    )
    .expect("valid");
    assert!(!set.stories.enabled);
    assert_eq!(set.stories.window, Duration::from_secs(36 * 3600));
    assert_eq!(set.sources[0].priority, 10);
    assert!(set.story_rules().is_none(), "off: no rules");
    let text = r#"[stories]
enabled = "yes"
window = "100d"
[[regions]]
id = "a"
name = "A"
[[sources]]
id = "s"
url = "file:x.xml"
region = "a"
priority = 5000
[[sources]]
id = "t"
url = "file:y.xml"
region = "a"
priority = "high"
"#;
    let expect = [
        "config.toml:2:11: enabled in [stories] must be true or false, not a string",
        "config.toml:3:10: window must be at most 90d",
        "config.toml:11:12: priority must be between -1000 and 1000",
        "config.toml:16:12: priority in [[sources]] must be an integer, not a string",
    ];
    let err = parse(text).expect_err("invalid");
    assert_eq!(err.to_string(), expect.join("\n"));
    let zero = parse("[stories]\nwindow = \"0s\"\n").expect_err("invalid");
    assert_eq!(
        zero.to_string(),
        "config.toml:2:10: window must be greater than zero"
    );
}

/// A config large enough to be read in parts (`check/parts.rs`) says the same as one read
/// whole: problems at their file positions, a duplicate id across parts with the line of
/// its first definition, every element kept, in order; a syntax error in a late part is
/// the file's own message at its own line.
#[test]
fn a_config_read_in_parts_reports_as_one_read_whole() {
    use std::fmt::Write;
    let mut text = String::from(GOOD);
    for i in 0..1200 {
        let _ = write!(
            text,
            "[[sources]]\nid = \"s{i}\"\nurl = \"https://www.example.gov.cn/{i}.xml\"\nregion = \"nantong\"\n[sources.request]\nheaders = {{ Referer = \"https://www.example.gov.cn/\" }}\n"
        );
    }
    for i in 0..700 {
        let _ = write!(
            text,
            "[[subscriptions]]\nid = \"u{i}\"\nemail = \"u{i}@example.cn\"\nschedule = \"0 0 8 * * *\"\n"
        );
    }
    let c = parse(&text).expect("valid");
    assert_eq!(c.sources.len(), 1201);
    assert_eq!(c.sources[1200].id, "s1199");
    assert_eq!(c.subscriptions.len(), 700);
    assert_eq!(c.subscriptions[699].id, "u699");
    let line_of = |needle: &str| text[..text.find(needle).expect(needle)].lines().count() + 1;

    // Problems in two parts and a duplicate across them.
    let bad = text
        .replace("id = \"s1100\"\n", "id = \"s3\"\n")
        .replace("region = \"nantong\"\n[sources.request]\nheaders = { Referer = \"https://www.example.gov.cn/\" }\n[[sources]]\nid = \"s700\"", "region = \"nowhere\"\n[sources.request]\nheaders = { Referer = \"https://www.example.gov.cn/\" }\n[[sources]]\nid = \"s700\"")
        .replace("email = \"u650@example.cn\"", "email = \"u650@example.cn\"\nmax_itmes = 3");
    let err = match parse(&bad) {
        Ok(_) => panic!("accepted"),
        Err(e) => e.to_string(),
    };
    let dup_line = line_of_in(&bad, "id = \"s3\"\nurl = \"https://www.example.gov.cn/1100");
    let first = line_of("id = \"s3\"");
    assert!(
        err.contains(&format!(
            "config.toml:{dup_line}:6: duplicate source id \"s3\" (first defined at line {first}, column 6)"
        )),
        "{err}"
    );
    let region_line = line_of_in(&bad, "region = \"nowhere\"");
    assert!(
        err.contains(&format!(
            "config.toml:{region_line}:10: unknown region \"nowhere\""
        )),
        "{err}"
    );
    let key_line = line_of_in(&bad, "max_itmes");
    assert!(
        err.contains(&format!(
            "config.toml:{key_line}:1: unknown key \"max_itmes\""
        )),
        "{err}"
    );

    // A syntax error in a late part: the file's own message, at its line.
    let broken = text.replace("email = \"u690@example.cn\"", "email = \"u690@example.cn");
    let err = match parse(&broken) {
        Ok(_) => panic!("accepted"),
        Err(e) => e.to_string(),
    };
    let at = line_of_in(&broken, "email = \"u690@example.cn\n");
    assert!(err.contains(&format!("config.toml:{at}:")), "{err}");
}

fn line_of_in(text: &str, needle: &str) -> usize {
    text[..text.find(needle).expect(needle)].lines().count() + 1
}

/// `code` names a built-in division: name and parent come from it; an unknown code is
/// reported at its position with the division the name (else the digits) suggests.
#[test]
fn a_region_given_by_code_takes_its_name_parent_and_places_from_the_divisions() {
    let c = parse(
        "[[regions]]\nid = \"js\"\ncode = \"320000\"\n[[regions]]\nid = \"nt\"\ncode = \"320600\"\n[[regions]]\nid = \"rg\"\nname = \"如皋\"\ncode = \"320682\"\nparent = \"nt\"\n",
    )
    .expect("valid");
    let nt = c.region("nt").expect("nt");
    assert_eq!(
        (nt.name.as_str(), nt.parent.as_deref(), nt.code),
        ("南通市", Some("js"), Some(320600))
    );
    for n in [
        "南通市",
        "南通",
        "如皋市",
        "如皋",
        "海门区",
        "海门",
        "崇川区",
    ] {
        assert!(nt.places.iter().any(|p| p == n), "{n} in {:?}", nt.places);
    }
    assert_eq!(
        c.region("rg").map(|r| r.name.as_str()),
        Some("如皋"),
        "the admin's name stays"
    );
    let err = parse(
        "[[regions]]\nid = \"nt\"\nname = \"南通市\"\ncode = \"320699\"\n[[regions]]\nid = \"x\"\ncode = \"3206\"\n[[regions]]\nid = \"y\"\n",
    )
    .expect_err("invalid")
    .to_string();
    for want in [
        "config.toml:4:8: code \"320699\" is not a division code (six digits of GB/T 2260, e.g. \"320600\" for 南通市) (did you mean \"320600\", 南通市?)",
        "config.toml:7:8: code \"3206\" is not a division code (six digits of GB/T 2260, e.g. \"320600\" for 南通市) (did you mean \"320600\", 南通市?)",
        "config.toml:8:1: [[regions]] is missing required key \"name\"",
    ] {
        assert!(err.contains(want), "{want:?} not in:\n{err}");
    }
}
