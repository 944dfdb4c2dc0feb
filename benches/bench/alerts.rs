//! Alerts at volume: 1,000 new stories (ten zone sites, 100 each) over 100 `[[alerts]]`
//! (webhooks with their default pace; 50 by zone, 30 by region, 20 by query), delivered by
//! one `zonefeed poll` (release binary) to an in-process HTTP sink; beside it the same
//! poll with no alerts.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpListener;
use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

pub struct AlertsRun {
    pub stories: usize,
    pub alerts: usize,
    pub messages: u64,
    pub bytes: u64,
    pub with_s: f64,
    pub with_kib: i64,
    pub without_s: f64,
    pub without_kib: i64,
}

/// A keep-alive HTTP/1.1 sink that answers every POST `200 {}` and counts them.
fn sink() -> (u16, Arc<AtomicU64>, Arc<AtomicU64>) {
    let l = TcpListener::bind("127.0.0.1:0").expect("bind");
    let port = l.local_addr().expect("addr").port();
    let (n, b) = (Arc::new(AtomicU64::new(0)), Arc::new(AtomicU64::new(0)));
    let (n2, b2) = (n.clone(), b.clone());
    std::thread::spawn(move || {
        for s in l.incoming().flatten() {
            let (n, b) = (n2.clone(), b2.clone());
            std::thread::spawn(move || {
                let mut w = match s.try_clone() {
                    Ok(w) => w,
                    Err(_) => return,
                };
                let mut r = BufReader::new(s);
                loop {
                    let mut len = 0usize;
                    let mut line = String::new();
                    if r.read_line(&mut line).unwrap_or(0) == 0 {
                        return;
                    }
                    loop {
                        line.clear();
                        if r.read_line(&mut line).unwrap_or(0) == 0 {
                            return;
                        }
                        let l = line.trim_end();
                        if l.is_empty() {
                            break;
                        }
                        if let Some((k, v)) = l.split_once(':')
                            && k.eq_ignore_ascii_case("content-length")
                        {
                            len = v.trim().parse().unwrap_or(0);
                        }
                    }
                    let mut body = vec![0; len];
                    if r.read_exact(&mut body).is_err() {
                        return;
                    }
                    n.fetch_add(1, Ordering::SeqCst);
                    b.fetch_add(len as u64, Ordering::SeqCst);
                    if w
                        .write_all(b"HTTP/1.1 200 OK\r\nContent-Length: 2\r\nContent-Type: application/json\r\n\r\n{}")
                        .is_err()
                    {
                        return;
                    }
                }
            });
        }
    });
    (port, n, b)
}

fn feed(zone: usize, items: usize) -> String {
    let now = chrono::Utc::now().to_rfc2822();
    let mut out = String::from(
        "<?xml version=\"1.0\" encoding=\"utf-8\"?><rss version=\"2.0\"><channel><title>t</title><link>http://example.cn/</link><description>d</description>",
    );
    for j in 0..items {
        let i = zone * items + j;
        let kind = if i % 2 == 0 { "签约" } else { "开工" };
        out.push_str(&format!(
            "<item><guid>n{i}</guid><title>第{i}号项目在第{zone}开发区{kind} 总投资{i}亿元</title><link>http://example.cn/n{i}.html</link><description>第{i}条新闻，第{zone}开发区，项目{kind}，编号{i}，内容各不相同。</description><pubDate>{now}</pubDate></item>"
        ));
    }
    out.push_str("</channel></rss>");
    out
}

fn config(port: u16, alerts: usize) -> String {
    let mut c = String::from(
        "[service]\nbase_url = \"http://feeds.example.cn/\"\n[poll]\nallow_private_networks = true\n",
    );
    for r in 0..10 {
        c.push_str(&format!(
            "[[regions]]\nid = \"r{r}\"\nname = \"第{r}市\"\n[[zones]]\nid = \"z{r}\"\nname = \"第{r}开发区\"\nregion = \"r{r}\"\n"
        ));
    }
    // A zone's site for each zone.
    for z in 0..10 {
        c.push_str(&format!(
            "[[sources]]\nid = \"s{z}\"\nurl = \"file:in{z}.rss\"\nregion = \"r{z}\"\nzone = \"z{z}\"\n"
        ));
    }
    for a in 0..alerts {
        let filter = match a {
            0..50 => format!("zones = [\"z{}\"]", a % 10),
            50..80 => format!("regions = [\"r{}\"]", a % 10),
            _ => "query = \"签约\"".to_string(),
        };
        c.push_str(&format!(
            "[[alerts]]\nid = \"a{a}\"\nchannel = \"webhook\"\nurl = \"http://127.0.0.1:{port}/hook/{a}\"\nsecret_env = \"ZF_BENCH_SECRET\"\n{filter}\n"
        ));
    }
    c
}

/// One measured `zonefeed poll` of 1,000 new items, with `alerts` alerts.
fn one(dir: &Path, port: u16, alerts: usize, stories: usize) -> (f64, i64) {
    let _ = std::fs::remove_dir_all(dir);
    std::fs::create_dir_all(dir).expect("mkdir");
    std::fs::write(dir.join("config.toml"), config(port, alerts)).expect("config");
    for z in 0..10 {
        std::fs::write(dir.join(format!("in{z}.rss")), feed(z, 0)).expect("feed");
    }
    // SAFETY: set before the children are spawned; read by them only.
    unsafe { std::env::set_var("ZF_BENCH_SECRET", "bench-secret") };
    let (code, out, _) = super::run_measured(dir, &["poll"]);
    assert_eq!(code, 0, "{out}");
    for z in 0..10 {
        std::fs::write(dir.join(format!("in{z}.rss")), feed(z, stories / 10)).expect("feed");
    }
    let t = std::time::Instant::now();
    let (code, out, kib) = super::run_measured(dir, &["poll"]);
    let s = t.elapsed().as_secs_f64();
    assert_eq!(code, 0, "{out}");
    (s, kib)
}

pub fn run(dir: &Path) -> AlertsRun {
    let (port, n, b) = sink();
    let (without_s, without_kib) = one(&dir.join("without"), port, 0, 1000);
    let (with_s, with_kib) = one(&dir.join("with"), port, 100, 1000);
    AlertsRun {
        stories: 1000,
        alerts: 100,
        messages: n.load(Ordering::SeqCst),
        bytes: b.load(Ordering::SeqCst),
        with_s,
        with_kib,
        without_s,
        without_kib,
    }
}
