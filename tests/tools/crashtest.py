#!/usr/bin/env python3
"""SIGKILL crash-consistency test for `zonefeed run`.

What it does
------------
A loopback world is built inside this process, and only 127.0.0.1 is ever contacted:

* an HTTP server serving six news sources (RSS 2.0, Atom 1.0 and JSON Feed, Chinese titles,
  in the regions 南通市 and 苏州市 under 江苏省, and 宁波市 under 浙江省, three of them with a
  development zone of their own, three whose items name a zone in the text or none). A
  background thread keeps adding items (and now and then retitles an old one) every ~0.5 s;
  old items are never dropped. ETag / If-None-Match is honoured, so 304s happen too. Every
  item included in a 200 response is recorded as "served";
* the SMTP sink `tests/tools/smtp_sink.py` (aiosmtpd, run as a subprocess), behind a small
  TCP relay in this process that watches the SMTP dialogue, so the test knows when a digest
  is being sent (MAIL FROM), which Message-ID it carries and when the server accepted it;
* a config with short poll intervals (1 s), feeds long enough to hold every item
  (`feed_items = 10000`) and three digest subscriptions firing every 2–3 seconds
  (everything; 江苏省; two zones), `max_items = 1000`, mailed over SMTP.

Then, for each of N rounds, `zonefeed run` is started and killed with SIGKILL. The moment is
aimed at one phase, chosen at random, and then a small random delay:

  poll     the daemon's HTTP request reaching a source (fetch, parse, store and flush follow);
  publish  a "polled" log line with new or updated items, plus ~300 ms (the daemon coalesces
           publishes for 300 ms, then renders and atomically replaces the feed files);
  digest   MAIL FROM on the SMTP relay (the digest was recorded as pending; the send, the
           server's acceptance and the "sent" record follow);
  random   any moment 0.1–2.5 s after start.

The delays adapt to the durations measured in earlier rounds, so kills spread over each
phase. What was really in flight at the kill (from the relay, the HTTP server, the log and
leftover temp files) is recorded and reported as "kills per phase".

After every kill it checks
  * every file under feeds_dir is whole and valid: .rss/.atom/.opml parse as XML with the
    right root element, .json parses as JSON Feed, index.html is complete;
  * the store opens cleanly: `zonefeed sources --json` and `zonefeed items --json` exit 0,
    and the next daemon start logs "zonefeed running";
  * nothing durable was lost: every item of a document the daemon logged as "polled" (it
    logs after flushing) is in the store, no item stored earlier has disappeared, and no
    item's first-seen time changed (that would make it "new" again and mail it twice).

At the end the sources stop changing, the daemon runs once cleanly until every source has
been polled again, feeds are published and no mail has come for a while, and it is stopped
with SIGTERM (must exit 0). Then `zonefeed digest send --now` must have nothing left to send,
and it checks
  * every served item is in the store, with its last served title, in the expected region
    and zone, and nothing else is stored;
  * every stored item is in each of its feeds (all, its region and every ancestor, its zone;
    RSS, Atom and JSON) with its stored title, and in no other feed;
  * digests: all Message-IDs received are distinct; for each recipient no item appears in
    two messages; every stored item matching a subscription reached its subscriber.

A duplicate with the same Message-ID is the one window the design admits: the message has
been handed over (the end of DATA written to the socket; the server accepts it even if the
client dies a moment later) and the process dies before its "sent" record is flushed. It is
counted as a violation unless --allow-handover-resends is given (then it is listed, not
failed: SMTP has no way to ask whether the server took the message, so the design re-sends
it with the same Message-ID, which mail clients and Gmail collapse), and each copy is
reported with its round and where the kill
fell (end of DATA before or after the SIGKILL, 250 seen or not, "digest sent" logged or not).
A copy the daemon had recorded as sent well before its kill, and sent again, would be a
real bug: the summary counts those separately ("not explained by the hand-over window").
A timeline of everything observed (timeline.jsonl) and the rounds (rounds.json) are written
to the work folder for post-mortems.

Run it
------
    python3 tests/tools/crashtest.py                       # 50 rounds, target/debug/zonefeed
    python3 tests/tools/crashtest.py --rounds 80 --seed 7 --binary /tmp/zonefeed --keep

Needs Python 3.11 and aiosmtpd (`pip install aiosmtpd`). Prints one summary line starting
with "crashtest: PASS" or "crashtest: FAIL", then the violations; exits 1 on any violation,
2 if the test itself could not run. The work folder (config, store, feeds, mail, one log
per round) is kept with --keep or when something failed. The seed fixes the choices the
test makes (phases, delays, content); thread timing still varies from run to run.
"""

from __future__ import annotations

import argparse
import email
import email.policy
import html
import html.parser
import http.server
import json
import os
import random
import re
import shutil
import signal
import socket
import statistics
import subprocess
import sys
import tempfile
import threading
import time
import xml.etree.ElementTree as ET
from collections import Counter, defaultdict
from dataclasses import dataclass, field
from email.utils import format_datetime
from datetime import datetime, timezone
from pathlib import Path
from xml.sax.saxutils import escape

REPO = Path(__file__).resolve().parents[2]
ATOM_NS = "{http://www.w3.org/2005/Atom}"

# --------------------------------------------------------------------------------------------
# The simulated world: regions, zones, sources, subscriptions

REGIONS = {  # id -> (name, parent)
    "jiangsu": ("江苏省", None),
    "nantong": ("南通市", "jiangsu"),
    "suzhou": ("苏州市", "jiangsu"),
    "zhejiang": ("浙江省", None),
    "ningbo": ("宁波市", "zhejiang"),
}
ZONES = {  # id -> (name, region, alias)
    "nantong-hitech": ("南通高新技术产业开发区", "nantong", "南通高新区"),
    "suzhou-sip": ("苏州工业园区", "suzhou", "苏州园区"),
    "ningbo-etdz": ("宁波经济技术开发区", "ningbo", "宁波开发区"),
}


@dataclass
class SourceSpec:
    id: str
    kind: str  # rss | atom | json
    region: str
    zone: str | None  # the source's own zone
    mentions: tuple  # zones its items may name in the text (None: no zone named)
    prefix: str


SOURCES = [
    SourceSpec("nantong-hitech-rss", "rss", "nantong", "nantong-hitech", (None,), "南通高新区"),
    SourceSpec("nantong-city-atom", "atom", "nantong", None, ("nantong-hitech", None), "南通市"),
    SourceSpec("suzhou-sip-json", "json", "suzhou", "suzhou-sip", (None,), "苏州工业园区"),
    SourceSpec("suzhou-city-rss", "rss", "suzhou", None, ("suzhou-sip", None), "苏州市"),
    SourceSpec("jiangsu-json", "json", "jiangsu", None,
               ("suzhou-sip", "nantong-hitech", None), "江苏省商务厅"),
    SourceSpec("ningbo-etdz-atom", "atom", "ningbo", "ningbo-etdz", (None,), "宁波开发区"),
]
SUBSCRIPTIONS = [  # id, email, regions, zones, cron
    ("everything", "all@crashtest.example.cn", [], [], "*/2 * * * * *"),
    ("jiangsu", "jiangsu@crashtest.example.cn", ["jiangsu"], [], "*/3 * * * * *"),
    ("two-zones", "zones@crashtest.example.cn", [], ["suzhou-sip", "ningbo-etdz"],
     "1/2 * * * * *"),
]
TOPICS = ["重大项目集中签约", "智能制造产业园开工", "招商推介会举行", "科技企业入驻",
          "外资项目落地", "营商环境新举措", "新能源项目投产", "人才政策发布"]


def region_chain(region: str) -> list[str]:
    """The region and its ancestors."""
    out = []
    while region:
        out.append(region)
        region = REGIONS[region][1]
    return out


def region_below(region: str, top: str) -> bool:
    return top in region_chain(region)


def expected_feeds(region: str, zone: str | None) -> list[str]:
    stems = ["all"] + [f"regions/{r}" for r in region_chain(region)]
    if zone:
        stems.append(f"zones/{zone}")
    return stems


def matches_subscription(sub, region: str, zone: str | None) -> bool:
    _, _, regions, zones, _ = sub
    if not regions and not zones:
        return True
    return any(region_below(region, r) for r in regions) or (zone in zones)


# --------------------------------------------------------------------------------------------
# Timeline: everything observed (HTTP requests, SMTP dialogue, daemon log lines), in order


@dataclass
class Event:
    t: float
    kind: str
    data: dict


class Timeline:
    def __init__(self):
        self.cv = threading.Condition()
        self.events: list[Event] = []

    def add(self, kind: str, at: float | None = None, **data) -> Event:
        """Records an event now, or at the monotonic time `at` (log lines are read a moment
        after the daemon wrote them; they carry their own time)."""
        with self.cv:
            e = Event(time.monotonic() if at is None else at, kind, data)
            self.events.append(e)
            self.cv.notify_all()
            return e

    def mark(self) -> int:
        with self.cv:
            return len(self.events)

    def since(self, start: int) -> list[Event]:
        """Events from index `start` on, in time order."""
        with self.cv:
            return sorted(self.events[start:], key=lambda e: e.t)

    def wait_for(self, start: int, pred, deadline: float) -> Event | None:
        """First event at index >= start satisfying pred, waiting until deadline."""
        i = start
        with self.cv:
            while True:
                while i < len(self.events):
                    if pred(self.events[i]):
                        return self.events[i]
                    i += 1
                left = deadline - time.monotonic()
                if left <= 0:
                    return None
                self.cv.wait(left)


# --------------------------------------------------------------------------------------------
# News sources over HTTP


@dataclass
class NewsItem:
    source: str
    n: int
    title: str
    link: str
    guid: str
    published: datetime
    region: str
    zone: str | None
    version: int = 1


class World:
    """The sources' content. Grows over time; nothing is ever removed."""

    def __init__(self, rng: random.Random, port: int):
        self.rng = rng
        self.port = port
        self.lock = threading.Lock()
        self.items: dict[str, list[NewsItem]] = {s.id: [] for s in SOURCES}
        self.version: dict[str, int] = {s.id: 0 for s in SOURCES}
        self.served: dict[str, NewsItem] = {}  # link -> item as last served in a 200
        self.frozen = False
        self.mutations = 0
        for s in SOURCES:
            for _ in range(3):
                self._add(s)

    def _add(self, s: SourceSpec):
        n = len(self.items[s.id]) + 1
        mention = self.rng.choice(s.mentions)
        zone = s.zone or mention
        region = ZONES[zone][1] if zone else s.region
        named = f"{ZONES[mention][0]}：" if mention and not s.zone else ""
        title = f"{s.prefix}第{n}号动态 {named}{self.rng.choice(TOPICS)}"
        link = f"http://127.0.0.1:{self.port}/news/{s.id}/{n}.html"
        self.items[s.id].append(NewsItem(s.id, n, title, link, f"crashtest:{s.id}:{n}",
                                         datetime.now(timezone.utc), region, zone))
        self.version[s.id] += 1

    def mutate(self):
        with self.lock:
            if self.frozen:
                return
            s = self.rng.choice(SOURCES)
            if self.rng.random() < 0.85 or not self.items[s.id]:
                self._add(s)
            else:  # a changed item is updated in place by the daemon
                it = self.rng.choice(self.items[s.id])
                it.version += 1
                it.title = re.sub(r"（更新\d+）$", "", it.title) + f"（更新{it.version}）"
                self.version[s.id] += 1
            self.mutations += 1

    def freeze(self):
        with self.lock:
            self.frozen = True

    def document(self, sid: str):
        """(etag, content type, body, {link: title}) of the source's current document."""
        spec = next(s for s in SOURCES if s.id == sid)
        with self.lock:
            items = [NewsItem(**vars(i)) for i in self.items[sid]]
            etag = f'"{sid}-v{self.version[sid]}"'
        home = f"http://127.0.0.1:{self.port}/"
        if spec.kind == "rss":
            body = "".join(
                f"<item><title>{escape(i.title)}</title><link>{i.link}</link>"
                f'<guid isPermaLink="false">{i.guid}</guid>'
                f"<pubDate>{format_datetime(i.published)}</pubDate>"
                f"<description>{escape(i.title)}。详见原文。</description></item>\n"
                for i in reversed(items))
            doc = (f'<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel>'
                   f"<title>{spec.prefix}</title><link>{home}</link>"
                   f"<description>{spec.prefix}新闻</description>\n{body}</channel></rss>\n")
            ctype = "application/rss+xml; charset=utf-8"
        elif spec.kind == "atom":
            newest = max(i.published for i in items).isoformat()
            body = "".join(
                f"<entry><title>{escape(i.title)}</title><id>urn:{i.guid}</id>"
                f'<link rel="alternate" href="{i.link}"/>'
                f"<published>{i.published.isoformat()}</published>"
                f"<updated>{i.published.isoformat()}</updated>"
                f"<summary>{escape(i.title)}。详见原文。</summary></entry>\n"
                for i in reversed(items))
            doc = (f'<?xml version="1.0" encoding="utf-8"?>\n'
                   f'<feed xmlns="http://www.w3.org/2005/Atom"><title>{spec.prefix}</title>'
                   f"<id>urn:crashtest:{sid}</id><updated>{newest}</updated>"
                   f"<author><name>{spec.prefix}</name></author>\n{body}</feed>\n")
            ctype = "application/atom+xml; charset=utf-8"
        else:
            doc = json.dumps({
                "version": "https://jsonfeed.org/version/1.1",
                "title": spec.prefix,
                "home_page_url": home,
                "items": [{"id": i.guid, "url": i.link, "title": i.title,
                           "content_text": f"{i.title}。详见原文。",
                           "date_published": i.published.isoformat()}
                          for i in reversed(items)],
            }, ensure_ascii=False)
            ctype = "application/feed+json; charset=utf-8"
        return etag, ctype, doc.encode("utf-8"), items

    def record_served(self, items: list[NewsItem]):
        with self.lock:
            for i in items:
                self.served[i.link] = i


def start_source_server(world: World, timeline: Timeline, rng: random.Random):
    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def log_message(self, *args):
            pass

        def do_GET(self):
            m = re.fullmatch(r"/src/([\w-]+)", self.path)
            if not m or m.group(1) not in world.items:
                self.send_error(404)
                return
            sid = m.group(1)
            timeline.add("http-request", source=sid)
            time.sleep(rng.uniform(0, 0.04))  # widen the window in which a fetch is in flight
            etag, ctype, body, items = world.document(sid)
            if self.headers.get("If-None-Match") == etag:
                timeline.add("http-response", source=sid, status=304)
                self.send_response(304)
                self.send_header("ETag", etag)
                self.send_header("Content-Length", "0")
                self.end_headers()
                return
            # Recorded before writing: the daemon cannot log this document as stored before.
            world.record_served(items)
            timeline.add("http-response", source=sid, status=200,
                         links={i.link: i.title for i in items})
            self.send_response(200)
            self.send_header("Content-Type", ctype)
            self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            try:
                self.wfile.write(body)
            except OSError:  # the daemon was killed mid-response
                self.close_connection = True

    class Server(http.server.ThreadingHTTPServer):
        def handle_error(self, request, client_address):
            pass  # the daemon was killed mid-request: expected, not worth a traceback

    server = Server(("127.0.0.1", world.port), Handler)
    server.daemon_threads = True
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


# --------------------------------------------------------------------------------------------
# SMTP: the sink as a subprocess, behind a relay that watches the dialogue


class SmtpRelay:
    """Forwards 127.0.0.1:port to the sink and records MAIL FROM, the Message-ID of each
    DATA, and the server's verdict on it (before the client can see it)."""

    def __init__(self, upstream: int, timeline: Timeline):
        self.upstream = upstream
        self.timeline = timeline
        self.listener = socket.create_server(("127.0.0.1", 0))
        self.txns = iter(range(1, 1 << 62))  # one number per MAIL FROM
        self.port = self.listener.getsockname()[1]
        threading.Thread(target=self._accept, daemon=True).start()

    def _accept(self):
        while True:
            try:
                client, _ = self.listener.accept()
            except OSError:
                return
            threading.Thread(target=self._serve, args=(client,), daemon=True).start()

    def _serve(self, client: socket.socket):
        try:
            server = socket.create_connection(("127.0.0.1", self.upstream))
        except OSError:
            client.close()
            return
        st = {"mode": "cmd", "buf": b"", "data": b"", "rcpt": [], "mid": None,
              "t_mail": None, "txn": None, "lock": threading.Lock()}
        threading.Thread(target=self._client_to_server, args=(client, server, st),
                         daemon=True).start()
        self._server_to_client(server, client, st)

    def _client_to_server(self, client, server, st):
        try:
            while chunk := client.recv(65536):
                with st["lock"]:  # observe before forwarding: the reply cannot come first
                    self._observe_client(chunk, st)
                server.sendall(chunk)
        except OSError:
            pass
        finally:
            for s in (server, client):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass

    def _observe_client(self, chunk: bytes, st):
        if st["mode"] == "data":
            st["data"] += chunk
        else:
            st["buf"] += chunk
        while st["mode"] == "cmd" and b"\r\n" in st["buf"]:
            line, st["buf"] = st["buf"].split(b"\r\n", 1)
            up = line.upper()
            if up.startswith(b"MAIL FROM:"):
                st["rcpt"], st["t_mail"], st["txn"] = [], time.monotonic(), next(self.txns)
                self.timeline.add("smtp-mail-from", txn=st["txn"])
            elif up.startswith(b"RCPT TO:"):
                st["rcpt"].append(line[8:].strip(b" <>").decode(errors="replace"))
            elif up == b"DATA":
                st["mode"], st["data"], st["buf"] = "data", st["buf"], b""
        if st["mode"] == "data":
            data = st["data"]
            end = 0 if data.startswith(b".\r\n") else data.find(b"\r\n.\r\n")
            if end >= 0:
                head = data.split(b"\r\n\r\n", 1)[0].replace(b"\r\n ", b" ")
                m = re.search(rb"(?im)^Message-ID:\s*<([^>]+)>", head)
                st["mid"] = m.group(1).decode() if m else None
                st["mode"] = "await"
                st["buf"] = data[data.find(b".\r\n", end) + 3:]
                self.timeline.add("smtp-data-end", mid=st["mid"], t_mail=st["t_mail"],
                                  txn=st["txn"])

    def _server_to_client(self, server, client, st):
        try:
            while chunk := server.recv(65536):
                with st["lock"]:
                    if st["mode"] == "await":
                        code = chunk[:3].decode(errors="replace")
                        st["mode"] = "cmd"
                        kind = "smtp-accepted" if code.startswith("2") else "smtp-rejected"
                        self.timeline.add(kind, mid=st["mid"], rcpt=list(st["rcpt"]),
                                          t_mail=st["t_mail"], code=code, txn=st["txn"])
                client.sendall(chunk)
        except OSError:
            pass
        finally:
            for s in (server, client):
                try:
                    s.shutdown(socket.SHUT_RDWR)
                except OSError:
                    pass


def start_sink(port: int, outdir: Path):
    env = dict(os.environ)
    env.pop("SMTP_SINK_AUTH", None)  # no AUTH: the daemon sends without credentials
    proc = subprocess.Popen([sys.executable, str(REPO / "tests/tools/smtp_sink.py"),
                             str(port), str(outdir)],
                            stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, env=env)
    line = proc.stdout.readline()
    if not line.startswith("ready"):
        proc.kill()
        raise RuntimeError(f"SMTP sink did not start: {line!r}")
    return proc


# --------------------------------------------------------------------------------------------
# The daemon

LOG_RE = re.compile(r"^(\S+)\s+(TRACE|DEBUG|INFO|WARN|ERROR)\s+([\w:]+):\s(.*)$")
FIELD_RE = re.compile(r'(\w+)=("(?:[^"\\]|\\.)*"|\S+)')
ANSI_RE = re.compile(r"\x1b\[[0-9;]*m")


def parse_log_line(line: str):
    """(monotonic time it was written, level, message, fields) of a tracing line, or None."""
    m = LOG_RE.match(ANSI_RE.sub("", line).rstrip("\n"))
    if not m:
        return None
    stamp, level, _target, rest = m.groups()
    try:
        age = time.time() - datetime.fromisoformat(stamp).timestamp()
    except ValueError:
        age = 0.0
    written = time.monotonic() - max(0.0, age)
    first = FIELD_RE.search(rest)
    msg = rest[: first.start()].strip() if first else rest.strip()
    fields = {k: v.strip('"') for k, v in FIELD_RE.findall(rest[len(msg):])}
    return written, level, msg, fields


class Daemon:
    def __init__(self, binary: str, config: Path, log_path: Path, timeline: Timeline,
                 label: str):
        self.label = label
        self.timeline = timeline
        self.log_path = log_path
        env = dict(os.environ, NO_COLOR="1")
        env.pop("RUST_LOG", None)
        self.started = time.monotonic()
        self.proc = subprocess.Popen([binary, "run", "--config", str(config)],
                                     stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                     stderr=subprocess.PIPE, env=env)
        self.reader = threading.Thread(target=self._read, daemon=True)
        self.reader.start()

    def _read(self):
        with open(self.log_path, "wb") as f:
            for raw in self.proc.stderr:
                f.write(raw)
                f.flush()
                line = raw.decode("utf-8", errors="replace")
                parsed = parse_log_line(line)
                if parsed is None:
                    if "panicked" in line:
                        self.timeline.add("log", round=self.label, level="PANIC",
                                          msg=line.strip(), fields={})
                    continue
                written, level, msg, fields = parsed
                self.timeline.add("log", at=written, round=self.label, level=level, msg=msg,
                                  fields=fields)

    def kill(self):
        os.kill(self.proc.pid, signal.SIGKILL)
        self.proc.wait()
        self.reader.join(5)

    def terminate(self, timeout: float) -> int | None:
        self.proc.send_signal(signal.SIGTERM)
        try:
            code = self.proc.wait(timeout)
        except subprocess.TimeoutExpired:
            self.kill()
            code = None
        self.reader.join(5)
        return code


def log_events(events, msg=None, **match):
    return [e for e in events if e.kind == "log" and (msg is None or e.data["msg"] == msg)
            and all(e.data["fields"].get(k) == v for k, v in match.items())]


# --------------------------------------------------------------------------------------------
# Checks


class HtmlWellFormed(html.parser.HTMLParser):
    def __init__(self):
        super().__init__()
        self.open_html = self.closed_html = False

    def handle_starttag(self, tag, attrs):
        self.open_html |= tag == "html"

    def handle_endtag(self, tag):
        self.closed_html |= tag == "html"


def read_feed_file(path: Path):
    """{link: title} of a generated feed file, or raises ValueError saying what is wrong."""
    data = path.read_bytes()
    if not data:
        raise ValueError("empty file")
    ext = path.suffix
    if ext in (".rss", ".atom", ".opml"):
        try:
            root = ET.fromstring(data)
        except ET.ParseError as e:
            raise ValueError(f"not well-formed XML: {e}") from None
        if ext == ".rss":
            channel = root.find("channel")
            if root.tag != "rss" or channel is None:
                raise ValueError(f"root is <{root.tag}>, not <rss><channel>")
            return {i.findtext("link"): i.findtext("title") for i in channel.iter("item")}
        if ext == ".atom":
            if root.tag != ATOM_NS + "feed":
                raise ValueError(f"root is <{root.tag}>, not an Atom <feed>")
            out = {}
            for e in root.iter(ATOM_NS + "entry"):
                for l in e.findall(ATOM_NS + "link"):
                    if l.get("rel", "alternate") == "alternate":
                        out[l.get("href")] = e.findtext(ATOM_NS + "title")
            return out
        if root.tag != "opml" or root.find("body") is None:
            raise ValueError(f"root is <{root.tag}>, not <opml> with a <body>")
        return {}
    if ext == ".json":
        try:
            doc = json.loads(data)
        except ValueError as e:
            raise ValueError(f"not JSON: {e}") from None
        if not str(doc.get("version", "")).startswith("https://jsonfeed.org/version/1"):
            raise ValueError("not a JSON Feed (version)")
        if not isinstance(doc.get("items"), list):
            raise ValueError("JSON Feed without items")
        return {i.get("url"): i.get("title") for i in doc["items"]}
    if ext == ".html":
        p = HtmlWellFormed()
        p.feed(data.decode("utf-8"))
        p.close()
        if not (p.open_html and p.closed_html and data.rstrip().endswith(b"</html>")):
            raise ValueError("HTML page is not complete (no closing </html>)")
        return {}
    raise ValueError("unexpected file")


def check_feeds_dir(feeds_dir: Path):
    """(problems, temp files left, {stem.ext: {link: title}})."""
    problems, temps, feeds = [], [], {}
    if not feeds_dir.exists():
        return problems, temps, feeds
    for path in sorted(feeds_dir.rglob("*")):
        if path.is_dir():
            continue
        rel = path.relative_to(feeds_dir).as_posix()
        if path.name.startswith("."):
            temps.append(rel)
            continue
        try:
            feeds[rel] = read_feed_file(path)
        except (ValueError, UnicodeDecodeError, OSError) as e:
            problems.append(f"{rel}: {e}")
    return problems, temps, feeds


def run_cli(binary: str, config: Path, *args, timeout=60):
    env = dict(os.environ, NO_COLOR="1")
    env.pop("RUST_LOG", None)
    return subprocess.run([binary, *args, "--config", str(config)], capture_output=True,
                          text=True, timeout=timeout, env=env)


def stored_items(binary: str, config: Path):
    """{link: item} from `zonefeed items --json`, or (None, error)."""
    r = run_cli(binary, config, "items", "--json", "--limit", "1000000")
    if r.returncode != 0:
        return None, f"`zonefeed items --json` exited {r.returncode}: {r.stderr.strip()[-400:]}"
    items = {}
    for line in r.stdout.splitlines():
        if line.strip():
            it = json.loads(line)
            items[it["link"]] = it
    return items, None


LINK_RE = re.compile(r"http://127\.0\.0\.1:\d+/news/[\w-]+/\d+\.html")


@dataclass
class Mail:
    path: str
    message_id: str | None
    rcpt: list
    to: str
    links: set
    problems: list = field(default_factory=list)


def read_mails(outdir: Path) -> list[Mail]:
    mails = []
    for p in sorted(outdir.glob("*.eml")):
        raw = p.read_bytes()
        msg = email.message_from_bytes(raw, policy=email.policy.default)
        rcpt_file = p.with_suffix(".rcpt")
        rcpt = rcpt_file.read_text().split() if rcpt_file.exists() else []
        text = htmlpart = ""
        for part in msg.walk():
            if part.get_content_type() == "text/plain" and not text:
                text = part.get_content()
            elif part.get_content_type() == "text/html" and not htmlpart:
                htmlpart = part.get_content()
        mid = (msg["Message-ID"] or "").strip().strip("<>") or None
        m = Mail(p.name, mid, rcpt, str(msg["To"] or ""), set(LINK_RE.findall(text)))
        if set(LINK_RE.findall(html.unescape(htmlpart))) != m.links:
            m.problems.append("text and HTML parts list different items")
        if re.search(r"另有 \d+ 条", text):
            m.problems.append("items left out of the message (max_items reached)")
        mails.append(m)
    return mails


# --------------------------------------------------------------------------------------------
# The test


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def p75(values, default, lo, hi):
    if len(values) < 3:
        return default
    return min(hi, max(lo, statistics.quantiles(values, n=4)[2]))


PUBLISH_COALESCE = 0.3  # the daemon waits this long after a poll before publishing


class CrashTest:
    def __init__(self, args):
        self.args = args
        self.rng = random.Random(args.seed)
        self.binary = str(Path(args.binary).resolve())
        self.work = Path(args.workdir or tempfile.mkdtemp(prefix="zonefeed-crashtest-"))
        self.work.mkdir(parents=True, exist_ok=True)
        if any(self.work.iterdir()):
            raise RuntimeError(f"work folder {self.work} is not empty")
        self.config = self.work / "config.toml"
        self.feeds_dir = self.work / "feeds"
        self.mail_dir = self.work / "mail"
        self.logs = self.work / "logs"
        self.logs.mkdir(exist_ok=True)
        self.timeline = Timeline()
        self.violations: list[str] = []
        self.notes: list[str] = []
        self.rounds: list[dict] = []
        self.must_be_stored: dict[str, str] = {}  # link -> where the daemon said it stored it
        self.known: dict[str, dict] = {}  # link -> item as stored after earlier kills
        self.temp_files: set[str] = set()
        self.changed_in: dict[str, int] = {}  # link -> round after which it was last changed
        self.final_start = float("inf")
        self.feed_files_checked = 0

    def violation(self, msg: str):
        self.violations.append(msg)
        print(f"  VIOLATION: {msg}", flush=True)

    # ---- set-up

    def setup(self):
        shutil.copytree(REPO / "templates", self.work / "templates", dirs_exist_ok=True)
        self.world = World(random.Random(self.rng.random()), free_port())
        self.http = start_source_server(self.world, self.timeline,
                                        random.Random(self.rng.random()))
        sink_port = free_port()
        self.sink = start_sink(sink_port, self.mail_dir)
        self.relay = SmtpRelay(sink_port, self.timeline)
        self.listen = free_port()
        self.write_config()
        r = run_cli(self.binary, self.config, "check")
        if r.returncode != 0:
            raise RuntimeError(f"zonefeed check failed:\n{r.stdout}{r.stderr}")
        self.stop_mutating = threading.Event()

        def mutate():
            while not self.stop_mutating.wait(self.world.rng.uniform(0.3, 0.7)):
                self.world.mutate()

        threading.Thread(target=mutate, daemon=True).start()

    def write_config(self):
        parts = [f'''# Written by tests/tools/crashtest.py
[service]
data_dir = "data"
feeds_dir = "feeds"
templates_dir = "templates"
base_url = "http://127.0.0.1:{self.listen}/"
listen = "127.0.0.1:{self.listen}"
timezone = "Asia/Shanghai"
feed_items = 10000

[poll]
interval = "1s"
min_interval = "1s"
timeout = "5s"
connect_timeout = "2s"
concurrency = 8
per_host = 3
allow_private_networks = true
user_agent = "zonefeed-crashtest"

[mail]
transport = "smtp"
host = "127.0.0.1"
port = {self.relay.port}
tls = "none"
timeout = "5s"
from = "开发区新闻 崩溃测试 <digest@crashtest.example.cn>"
''']
        for rid, (name, parent) in REGIONS.items():
            parts.append(f'[[regions]]\nid = "{rid}"\nname = "{name}"\n'
                         + (f'parent = "{parent}"\n' if parent else ""))
        for zid, (name, region, alias) in ZONES.items():
            parts.append(f'[[zones]]\nid = "{zid}"\nname = "{name}"\nregion = "{region}"\n'
                         f'aliases = ["{alias}"]\n')
        for s in SOURCES:
            parts.append(f'[[sources]]\nid = "{s.id}"\nname = "{s.prefix}"\n'
                         f'url = "http://127.0.0.1:{self.world.port}/src/{s.id}"\n'
                         f'region = "{s.region}"\n' + (f'zone = "{s.zone}"\n' if s.zone else ""))
        for sid, mail, regions, zones, cron in SUBSCRIPTIONS:
            parts.append(f'[[subscriptions]]\nid = "{sid}"\nemail = "{mail}"\n'
                         f"regions = {json.dumps(regions)}\nzones = {json.dumps(zones)}\n"
                         f'schedule = "{cron}"\nmax_items = 1000\n')
        self.config.write_text("\n".join(parts), encoding="utf-8")

    # ---- phase timing, learned from what was observed so far

    def spans(self):
        ev = self.timeline.since(0)
        poll, publish, digest = [], [], []
        last_req = {}
        polled_new = []
        mail_from = {}
        for e in ev:
            if e.kind == "http-request":
                last_req[e.data["source"]] = e.t
            elif e.kind == "smtp-data-end" and e.data["mid"] and e.data["t_mail"]:
                mail_from[e.data["mid"]] = e.data["t_mail"]
            elif e.kind == "log":
                f, msg = e.data["fields"], e.data["msg"]
                if msg == "polled" and f.get("source") in last_req:
                    poll.append(e.t - last_req.pop(f["source"]))
                    if f.get("new", "0") != "0" or f.get("updated", "0") != "0":
                        polled_new.append(e.t)
                elif msg == "feeds published":
                    starts = [t + PUBLISH_COALESCE for t in polled_new
                              if t + PUBLISH_COALESCE <= e.t]
                    if starts:
                        publish.append(e.t - max(starts))
                    polled_new = [t for t in polled_new if t + PUBLISH_COALESCE > e.t]
                elif msg == "digest sent" and f.get("message_id") in mail_from:
                    digest.append(e.t - mail_from.pop(f["message_id"]))
        return (p75(poll, 0.08, 0.02, 0.5), p75(publish, 0.1, 0.03, 1.0),
                p75(digest, 0.1, 0.02, 0.5))

    # ---- what was in flight at a moment

    def in_flight(self, start: int, t_kill: float) -> dict:
        """Phases in progress at t_kill, from the events of this round."""
        everything = self.timeline.since(start)
        ev = [e for e in everything if e.t <= t_kill]
        phases = {}
        # poll: a request arrived and its "polled"/"poll failed" line has not been written.
        open_polls = {}
        for e in ev:
            if e.kind == "http-request":
                open_polls[e.data["source"]] = e.t
            elif e.kind == "log" and e.data["msg"] in ("polled", "poll failed"):
                open_polls.pop(e.data["fields"].get("source"), None)
        if open_polls:
            phases["poll"] = sorted(open_polls)
        # publish: a poll stored changes and no "feeds published" line followed: queued while
        # the daemon coalesces for 300 ms, then rendering and replacing files.
        polled_new = [e.t for e in ev if e.kind == "log" and e.data["msg"] == "polled" and (
            e.data["fields"].get("new", "0") != "0"
            or e.data["fields"].get("updated", "0") != "0")]
        last_pub = max((e.t for e in ev if e.kind == "log"
                        and e.data["msg"] == "feeds published"), default=-1)
        waiting = [t for t in polled_new if last_pub < t + PUBLISH_COALESCE]
        if waiting:
            due = [t for t in waiting if t + PUBLISH_COALESCE <= t_kill]
            phases["publish"] = (f"writing, {t_kill - due[-1] - PUBLISH_COALESCE:.3f}s in"
                                 if due else
                                 f"queued, {t_kill - waiting[-1]:.3f}s after the poll")
        # digest: an SMTP transaction is open, or a message was handed over (the end of DATA
        # sent: the server accepts it even if the client dies now) and not yet recorded as
        # sent. "digest sent" is logged just before the state write and flush, so the window
        # is taken to close 50 ms after that line.
        open_tx = 0
        handed = {}
        for e in ev:
            if e.kind == "smtp-mail-from":
                open_tx += 1
            elif e.kind == "smtp-data-end":
                handed[e.data["mid"]] = e.t
            elif e.kind in ("smtp-accepted", "smtp-rejected"):
                open_tx -= 1
                if e.kind == "smtp-rejected":
                    handed.pop(e.data["mid"], None)
            elif e.kind == "log" and e.data["msg"] == "digest sent":
                mid = e.data["fields"].get("message_id")
                if mid in handed and t_kill - e.t > 0.05:
                    handed.pop(mid)
        if open_tx > 0:
            phases["digest"] = "sending"
        # The end of DATA the daemon wrote just before it died reaches the server after the
        # kill, and the server accepts it: that kill, too, fell after the hand-over.
        for e in everything:
            if e.kind == "smtp-data-end" and e.t > t_kill:
                handed[e.data["mid"]] = e.t
        if handed:
            phases["digest"] = "handed over, not yet recorded as sent"
            phases["handed_unrecorded"] = {m: round(t_kill - t, 4) for m, t in handed.items()}
        if not any(e.kind == "log" and e.data["msg"] == "zonefeed running" for e in ev):
            phases["startup"] = True
        return phases

    # ---- one round

    def round(self, n: int):
        label = f"round-{n:03d}"
        start = self.timeline.mark()
        d = Daemon(self.binary, self.config, self.logs / f"{label}.log", self.timeline, label)
        poll_span, pub_span, dig_span = self.spans()
        aim = self.rng.choices(["poll", "publish", "digest", "random"], [3, 3, 3, 1])[0]
        deadline = time.monotonic() + 6
        # Not always the first occurrence: the first poll and digest of a run are the
        # start-up catch-up; later ones are steady state.
        skip = self.rng.choice([0, 0, 1, 2, 3])
        if aim == "poll":
            pred = lambda e: e.kind == "http-request"  # noqa: E731
            delay = self.rng.uniform(0, poll_span * 1.2)
        elif aim == "publish":
            pred = lambda e: (e.kind == "log" and e.data["msg"] == "polled" and (  # noqa: E731
                e.data["fields"].get("new", "0") != "0"
                or e.data["fields"].get("updated", "0") != "0"))
            delay = PUBLISH_COALESCE + self.rng.uniform(-0.03, pub_span * 1.2)
        elif aim == "digest":
            pred = lambda e: e.kind == "smtp-mail-from"  # noqa: E731
            delay = self.rng.uniform(0, dig_span * 1.2)
        else:
            pred, delay = None, self.rng.uniform(0.1, 2.5)
        trigger, at = None, start
        for _ in range(skip + 1 if pred else 0):
            e = self.timeline.wait_for(at, pred, deadline)
            if e is None:
                break
            trigger = e
            with self.timeline.cv:
                at = self.timeline.events.index(e) + 1
        base = trigger.t if trigger else d.started
        time.sleep(max(0.0, base + delay - time.monotonic()))
        exited_early = d.proc.poll()
        t_kill = time.monotonic()
        d.kill()
        time.sleep(0.1)  # let the relay drain what the daemon wrote just before it died
        phases = self.in_flight(start, t_kill)
        rec = {"round": n, "aim": aim, "aim_hit": trigger is not None or aim == "random",
               "delay": round(delay, 3), "uptime": round(t_kill - d.started, 3),
               "phases": phases, "t_start": d.started, "t_kill": t_kill, "start": start,
               "log": d.log_path.name}
        self.rounds.append(rec)
        events = self.timeline.since(start)
        if exited_early is not None:
            self.violation(f"{label}: the daemon exited by itself with code {exited_early} "
                           f"before the kill (log {d.log_path})")
        for e in log_events(events):
            if e.data["level"] in ("ERROR", "PANIC"):
                self.violation(f"{label}: daemon logged {e.data['level']}: {e.data['msg']}")
        rec["started"] = bool(log_events(events, "zonefeed running"))
        if not rec["started"] and rec["uptime"] > 3:
            self.violation(f"{label}: the daemon had not logged 'zonefeed running' "
                           f"{rec['uptime']:.1f}s after start (log {d.log_path})")
        self.after_kill(label, rec, events)
        flags = ",".join(k for k in ("poll", "publish", "digest", "startup") if k in phases)
        print(f"{label}: aimed {aim:7} +{delay:.3f}s, killed at {rec['uptime']:.2f}s "
              f"in [{flags or 'idle'}]", flush=True)

    def after_kill(self, label: str, rec: dict, events):
        problems, temps, feeds = check_feeds_dir(self.feeds_dir)
        self.feed_files_checked += len(feeds) + len(problems)
        for p in problems:
            self.violation(f"{label}: feed file broken after SIGKILL: {p}")
        new_temps = set(temps) - self.temp_files
        if new_temps:
            rec["temp_files_left"] = sorted(new_temps)
            self.temp_files |= new_temps
        r = run_cli(self.binary, self.config, "sources", "--json")
        if r.returncode != 0 or len([l for l in r.stdout.splitlines() if l.strip()]) != len(
                SOURCES):
            self.violation(f"{label}: store did not open cleanly after SIGKILL: `zonefeed "
                           f"sources --json` exited {r.returncode}: {r.stderr.strip()[-300:]}")
        items, err = stored_items(self.binary, self.config)
        if err:
            self.violation(f"{label}: {err}")
            return
        # Every document the daemon logged as polled (it logs after its flush) is stored.
        last_doc = {}
        for e in events:
            if e.kind == "http-response" and e.data["status"] == 200:
                last_doc[e.data["source"]] = e.data["links"]
            elif (e.kind == "log" and e.data["msg"] == "polled"
                  and e.data["fields"].get("status") == "200"):
                src = e.data["fields"].get("source")
                for link in last_doc.get(src, {}):
                    self.must_be_stored.setdefault(link, f"{label} ({src})")
        lost = [l for l in self.must_be_stored if l not in items]
        if lost:
            self.violation(f"{label}: {len(lost)} item(s) logged as stored are not in the "
                           f"store after SIGKILL, e.g. {lost[0]} "
                           f"(stored in {self.must_be_stored[lost[0]]})")
            for l in lost:
                self.must_be_stored.pop(l)
        # Nothing stored earlier disappears; first-seen times never change.
        gone = [l for l in self.known if l not in items]
        if gone:
            self.violation(f"{label}: {len(gone)} item(s) seen in the store after an earlier "
                           f"kill are gone, e.g. {gone[0]}")
        moved = [l for l in self.known if l in items
                 and items[l]["first_seen"] != self.known[l]["first_seen"]]
        if moved:
            l = moved[0]
            self.violation(f"{label}: first_seen changed for {len(moved)} item(s), e.g. {l}: "
                           f"{self.known[l]['first_seen']} -> {items[l]['first_seen']}")
        for link, it in items.items():
            old = self.known.get(link)
            if old is None or old["title"] != it["title"]:
                self.changed_in[link] = rec["round"]
        self.known.update(items)
        rec["stored"] = len(items)

    # ---- the final clean run

    def final_run(self):
        print("final: sources frozen; one clean run until everything is polled, published "
              "and mailed", flush=True)
        self.stop_mutating.set()
        self.world.freeze()
        t_freeze = self.final_start = time.monotonic()
        start = self.timeline.mark()
        d = Daemon(self.binary, self.config, self.logs / "final.log", self.timeline, "final")
        deadline = time.monotonic() + 90
        ok = False
        while time.monotonic() < deadline:
            time.sleep(0.25)
            ev = self.timeline.since(start)
            now = time.monotonic()
            # every source asked again after the freeze, and its poll logged
            polled_all = True
            for s in SOURCES:
                req = next((e.t for e in ev if e.kind == "http-request"
                            and e.data["source"] == s.id and e.t > t_freeze), None)
                if req is None or not any(
                        e.t > req for e in log_events(ev, "polled", source=s.id)):
                    polled_all = False
            if not polled_all:
                continue
            changes = [e.t for e in log_events(ev, "polled")
                       if e.data["fields"].get("new", "0") != "0"
                       or e.data["fields"].get("updated", "0") != "0"]
            published = [e.t for e in log_events(ev, "feeds published")]
            if changes and (not published or max(published) < max(changes)):
                continue
            last_activity = max([t_freeze] + changes + published + [
                e.t for e in ev if e.kind.startswith("smtp-")])
            if now - last_activity >= 8 and d.proc.poll() is None:
                ok = True
                break
            if d.proc.poll() is not None:
                break
        if not ok:
            self.violation("final run: the daemon did not poll every source, publish and go "
                           f"quiet within 90 s (log {d.log_path})")
        code = d.terminate(40)
        if code != 0:
            self.violation(f"final run: SIGTERM did not stop the daemon cleanly "
                           f"(exit {code}; log {d.log_path})")
        ev = self.timeline.since(start)
        if not log_events(ev, "store flushed; stopped"):
            self.violation("final run: no 'store flushed; stopped' in the log after SIGTERM")
        for e in log_events(ev):
            if e.data["level"] in ("ERROR", "PANIC"):
                self.violation(f"final run: daemon logged {e.data['level']}: {e.data['msg']}")
        # Nothing must be left to mail.
        r = run_cli(self.binary, self.config, "digest", "send", "--now")
        sent = [l for l in r.stdout.splitlines() if re.search(r"\ssent\s", l)]
        if r.returncode != 0 or sent:
            self.violation("after the final run `zonefeed digest send --now` still had mail to "
                           f"send (exit {r.returncode}): " + "; ".join(sent or [r.stderr]))
        time.sleep(0.5)

    # ---- final checks

    def final_checks(self):
        items, err = stored_items(self.binary, self.config)
        if err:
            self.violation(f"final: {err}")
            return {}
        served = dict(self.world.served)
        current = {i.link: i for lst in self.world.items.values() for i in lst}
        stats = {"served": len(served), "stored": len(items)}
        # Store: every served item, with its last title and the right place; nothing else.
        missing = [l for l in served if l not in items]
        if missing:
            self.violation(f"final: {len(missing)} served item(s) are not in the store, e.g. "
                           f"{missing[0]}")
        extra = [l for l in items if l not in served]
        if extra:
            self.violation(f"final: {len(extra)} stored item(s) were never served, e.g. "
                           f"{extra[0]}")
        wrong = []
        for link, it in items.items():
            want = current.get(link)
            if want and (it["title"] != want.title or it["region"] != want.region
                         or it["zone"] != want.zone):
                wrong.append(f"{link}: stored ({it['title']}, {it['region']}, {it['zone']}) "
                             f"expected ({want.title}, {want.region}, {want.zone})")
        if wrong:
            self.violation(f"final: {len(wrong)} stored item(s) differ from what the source "
                           f"serves now, e.g. {wrong[0]}")
        # Feeds, as the daemon left them.
        problems, temps, feeds = check_feeds_dir(self.feeds_dir)
        for p in problems:
            self.violation(f"final: feed file broken: {p}")
        feed_problems = self.compare_feeds(items, feeds)
        stats["checked_in_feeds"] = len(items) - len({p[1] for p in feed_problems})
        if feed_problems:
            by_kind = Counter(p[0] for p in feed_problems)
            example = feed_problems[0]
            self.violation(
                f"final: feeds do not match the store: "
                + ", ".join(f"{n} {k}" for k, n in sorted(by_kind.items()))
                + f"; e.g. {example[1]} {example[0]} in {example[2]}")
            # Tell a publish that never happened from a rendering problem.
            r = run_cli(self.binary, self.config, "publish")
            _, _, again = check_feeds_dir(self.feeds_dir)
            left = self.compare_feeds(items, again)
            self.notes.append(
                f"feeds were stale after the final run: {len(feed_problems)} mismatches in "
                f"{len({p[2] for p in feed_problems})} files, {len({p[1] for p in feed_problems})} "
                f"items; `zonefeed publish` (exit {r.returncode}) left {len(left)} mismatches, "
                "so the store was right and the daemon had not republished those feeds")
            stale = sorted({p[1] for p in feed_problems if p[1] != "-"})
            for link in stale:
                n = self.changed_in.get(link)
                rnd = self.rounds[n - 1] if n else None
                files = sorted({p[2] for p in feed_problems if p[1] == link})
                where = (f"stored or retitled in round {n} (aimed {rnd['aim']}, in flight at "
                         f"the kill: {', '.join(k for k in rnd['phases'] if k in ('poll', 'publish', 'digest', 'startup')) or 'idle'})"
                         if rnd else "stored in the final run")
                self.notes.append(f"stale feed item {link}: {where}; not (or not as stored) "
                                  f"in {', '.join(files)}")
        if temps:
            self.notes.append(f"{len(temps)} temporary file(s) left in feeds_dir by killed "
                              f"publishes (never cleaned up), e.g. {temps[0]}")
        stats["temp_files"] = len(temps)
        # Mail.
        stats.update(self.check_mail(items))
        return stats

    def compare_feeds(self, items, feeds):
        """[(kind, link, file)] where a feed file disagrees with the store."""
        out = []
        want = defaultdict(dict)  # stem -> {link: title}
        for link, it in items.items():
            for stem in expected_feeds(it["region"], it["zone"]):
                want[stem][link] = it["title"]
        stems = ["all"] + [f"regions/{r}" for r in REGIONS] + [f"zones/{z}" for z in ZONES]
        for stem in stems:
            for ext in ("rss", "atom", "json"):
                name = f"{stem}.{ext}"
                have = feeds.get(name)
                if have is None:
                    out.append(("file missing", "-", name))
                    continue
                for link, title in want[stem].items():
                    if link not in have:
                        out.append(("missing", link, name))
                    elif have[link] != title:
                        out.append(("stale title", link, name))
                for link in have:
                    if link not in want[stem]:
                        out.append(("extra", link, name))
        return out

    def check_mail(self, items):
        mails = read_mails(self.mail_dir)
        stats = {"mails": len(mails), "mail_items": sum(len(m.links) for m in mails)}
        for m in mails:
            for p in m.problems:
                self.violation(f"mail {m.path}: {p}")
        # Same Message-ID more than once: the crash window between acceptance and record.
        by_mid = defaultdict(list)
        for m in mails:
            by_mid[m.message_id].append(m)
        dup_mids = {mid: ms for mid, ms in by_mid.items() if len(ms) > 1}
        stats["duplicate_message_ids"] = len(dup_mids)
        stats["duplicate_copies"] = sum(len(ms) - 1 for ms in dup_mids.values())
        unexplained = 0
        self.handover_notes = []
        for mid, ms in dup_mids.items():
            text, odd = self.explain_duplicate(mid, len(ms))
            unexplained += odd
            line = f"Message-ID <{mid}> delivered {len(ms)} times: " + text
            if odd == 0 and self.args.allow_handover_resends:
                self.handover_notes.append(line)
            else:
                self.violation(line)
        stats["duplicates_unexplained"] = unexplained
        # Per recipient, no item in two different messages.
        dup_items = 0
        for sid, addr, *_ in SUBSCRIPTIONS:
            seen = {}
            for m in mails:
                if addr not in m.rcpt:
                    continue
                for link in m.links:
                    if link in seen and seen[link] != m.message_id:
                        dup_items += 1
                        self.violation(f"{sid}: item {link} mailed in two different "
                                       f"messages <{seen[link]}> and <{m.message_id}>")
                    seen.setdefault(link, m.message_id)
        stats["duplicate_items"] = dup_items
        # Every stored item matching a subscription reached its subscriber, and nothing else.
        lost = 0
        for sub in SUBSCRIPTIONS:
            sid, addr = sub[0], sub[1]
            got = set().union(*[m.links for m in mails if addr in m.rcpt])
            want = {l for l, it in items.items() if matches_subscription(sub, it["region"],
                                                                         it["zone"])}
            if want - got:
                lost += len(want - got)
                self.violation(f"{sid}: {len(want - got)} matching item(s) never mailed, "
                               f"e.g. {sorted(want - got)[0]}")
            if got - want:
                self.violation(f"{sid}: {len(got - want)} item(s) mailed that do not match "
                               f"the subscription, e.g. {sorted(got - want)[0]}")
        stats["lost_items"] = lost
        for m in mails:
            if len(m.rcpt) != 1 or m.rcpt[0] not in {s[1] for s in SUBSCRIPTIONS}:
                self.violation(f"mail {m.path}: unexpected recipients {m.rcpt}")
        return stats

    def explain_duplicate(self, mid, copies):
        """Each time this Message-ID was handed over: the round, and where its kill fell;
        and how many extra copies the hand-over window does not explain (a copy the daemon
        had recorded as sent, 200 ms or more before its kill, and still sent again)."""
        ev = self.timeline.since(0)
        parts, in_window = [], 0
        for e in ev:
            if e.kind != "smtp-data-end" or e.data["mid"] != mid:
                continue
            if e.t >= self.final_start:
                parts.append("final run")
                continue
            # The round in progress, or the one just killed: a message written to the
            # socket before the kill reaches the relay (and is accepted) a moment later.
            rnd = [r for r in self.rounds if r["t_start"] <= e.t][-1]
            kill = rnd["t_kill"]
            acc = next((a.t for a in ev if a.kind == "smtp-accepted"
                        and a.data["txn"] == e.data["txn"]), None)
            logged = [l.t for l in log_events(ev, "digest sent", message_id=mid)
                      if rnd["t_start"] <= l.t <= kill]
            when = (f"end of DATA {kill - e.t:.3f}s before the SIGKILL" if e.t <= kill else
                    f"end of DATA reached the server {e.t - kill:.3f}s after the SIGKILL "
                    "(already in the socket buffer)")
            acc_txt = ("no 250 relayed" if acc is None else
                       f"250 {kill - acc:.3f}s before the kill" if acc <= kill else
                       f"250 {acc - kill:.3f}s after it")
            log_txt = (f"'digest sent' logged {kill - logged[-1]:.3f}s before the kill"
                       if logged else "not recorded as sent")
            in_window += not logged or kill - logged[-1] < 0.2
            parts.append(f"round {rnd['round']} (aimed {rnd['aim']} +{rnd['delay']:.3f}s, "
                         f"killed {kill - rnd['t_start']:.2f}s after start): {when}, {acc_txt}, "
                         f"{log_txt}")
        text = "; ".join(parts) or "no hand-over observed on the relay"
        return text, max(0, copies - 1 - in_window)

    # ---- driver

    def run(self) -> int:
        t0 = time.monotonic()
        print(f"crashtest: seed {self.args.seed}, {self.args.rounds} rounds, binary "
              f"{self.binary}, work folder {self.work}", flush=True)
        self.setup()
        try:
            for n in range(1, self.args.rounds + 1):
                self.round(n)
            not_started = [r["round"] for r in self.rounds if not r["started"]]
            if not_started:
                # Killed before it logged "zonefeed running": fine unless it never starts.
                self.notes.append(f"{len(not_started)} round(s) killed before the daemon "
                                  f"logged 'zonefeed running': {not_started}")
            self.final_run()
            stats = self.final_checks()
        finally:
            self.stop_mutating.set()
            self.http.shutdown()
            try:
                self.sink.stdin.close()
                self.sink.wait(10)
            except Exception:  # noqa: BLE001 - best effort
                self.sink.kill()
        elapsed = time.monotonic() - t0
        with open(self.work / "timeline.jsonl", "w", encoding="utf-8") as f:
            for e in self.timeline.since(0):  # for post-mortems: everything observed, in order
                f.write(json.dumps({"t": round(e.t - t0, 4), "kind": e.kind, **{
                    k: v for k, v in e.data.items() if k != "links"}}, ensure_ascii=False,
                    default=str) + "\n")
        for r in self.rounds:
            r["t_start_rel"], r["t_kill_rel"] = r["t_start"] - t0, r["t_kill"] - t0
        (self.work / "rounds.json").write_text(json.dumps(self.rounds, indent=1, default=str))
        self.summary(stats, elapsed)
        failed = bool(self.violations)
        if failed or self.args.keep or self.args.workdir:
            print(f"work folder kept: {self.work}")
        else:
            shutil.rmtree(self.work, ignore_errors=True)
        return 1 if failed else 0

    def summary(self, stats, elapsed):
        phases = Counter()
        for r in self.rounds:
            hit = [k for k in ("poll", "publish", "digest", "startup") if k in r["phases"]]
            phases.update(hit or ["idle"])
        aims = Counter(r["aim"] for r in self.rounds)
        window = [r["round"] for r in self.rounds if r["phases"].get("handed_unrecorded")]
        window_digests = sum(len(r["phases"].get("handed_unrecorded", {})) for r in self.rounds)
        writing = sum(1 for r in self.rounds
                      if str(r["phases"].get("publish", "")).startswith("writing"))
        http = Counter(e.data["status"] for e in self.timeline.since(0)
                       if e.kind == "http-response")
        ev = self.timeline.since(0)
        polls = len(log_events(ev, "polled"))
        pubs = len(log_events(ev, "feeds published"))
        print()
        print("rounds (aimed -> in flight at the kill):")
        for r in self.rounds:
            ph = {k: v for k, v in r["phases"].items()}
            extra = f" temp files left: {r['temp_files_left']}" if r.get("temp_files_left") else ""
            print(f"  {r['round']:3d} {r['aim']:7} +{r['delay']:.3f}s at {r['uptime']:.2f}s "
                  f"-> {json.dumps(ph, ensure_ascii=False)}{extra}")
        for n in self.notes:
            print(f"note: {n}")
        verdict = "FAIL" if self.violations else "PASS"
        print()
        print(f"crashtest: {verdict} seed={self.args.seed} rounds={len(self.rounds)} "
              f"kills in flight: poll={phases['poll']} publish={phases['publish']} "
              f"(writing {writing}) "
              f"digest={phases['digest']} startup={phases['startup']} idle={phases['idle']} "
              f"(aimed poll={aims['poll']} publish={aims['publish']} digest={aims['digest']} "
              f"random={aims['random']}; killed between a digest's hand-over and its record: "
              f"{len(window)} rounds, {window_digests} digests) | http 200={http[200]} "
              f"304={http[304]} polls={polls} publishes={pubs} | feed files checked after "
              f"kills={self.feed_files_checked} items logged-as-stored checked after kills="
              f"{len(self.must_be_stored)} | items served={stats.get('served', 0)} "
              f"stored={stats.get('stored', 0)} checked-in-feeds="
              f"{stats.get('checked_in_feeds', 0)} | mails={stats.get('mails', 0)} "
              f"mailed-items={stats.get('mail_items', 0)} lost-items={stats.get('lost_items', 0)} "
              f"duplicate-message-ids={stats.get('duplicate_message_ids', 0)} "
              f"(extra copies {stats.get('duplicate_copies', 0)}, not explained by the "
              f"hand-over window {stats.get('duplicates_unexplained', 0)}) "
              f"duplicate-items={stats.get('duplicate_items', 0)} | "
              f"violations={len(self.violations)} time={elapsed:.0f}s")
        for n in getattr(self, "handover_notes", []):
            print("re-sent after a kill in the hand-over window (same Message-ID, allowed): " + n)
        if self.violations:
            print("violations:")
            for v in self.violations:
                print(f"  - {v}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--binary", default=str(REPO / "target/debug/zonefeed"))
    ap.add_argument("--rounds", type=int, default=50)
    ap.add_argument("--seed", type=int, default=None)
    ap.add_argument("--workdir", default=None, help="default: a new temporary folder")
    ap.add_argument("--keep", action="store_true", help="keep the work folder")
    ap.add_argument("--allow-handover-resends", action="store_true",
                    help="list, instead of failing on, same-Message-ID copies fully explained "
                         "by a kill between the end of DATA and the sent record")
    args = ap.parse_args()
    if args.seed is None:
        args.seed = random.randrange(1 << 30)
    if not Path(args.binary).is_file():
        print(f"crashtest: no binary at {args.binary} (cargo build first)", file=sys.stderr)
        return 2
    try:
        return CrashTest(args).run()
    except (RuntimeError, OSError) as e:
        print(f"crashtest: could not run: {e}", file=sys.stderr)
        return 2


if __name__ == "__main__":
    sys.exit(main())
