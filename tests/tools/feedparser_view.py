#!/usr/bin/env python3
"""feedparser's reading of feed files, for the conformance test: one JSON object per file
with bozo, and per entry: title (as text), link, id, published/updated as UTC RFC 3339.

Usage: feedparser_view.py FILE...   (or --list LISTFILE with one path per line)"""
import calendar
import html
import json
import re
import sys

import feedparser

TAG = re.compile(r"<[^>]+>")
WS = re.compile(r"\s+")


def text_of(value, detail):
    """The title as plain text: feedparser keeps HTML titles as markup; strip and decode."""
    if value is None:
        return None
    if detail and detail.get("type") in ("text/html", "application/xhtml+xml"):
        value = html.unescape(TAG.sub("", value))
    return WS.sub(" ", value).strip()


def instant(parsed):
    if not parsed:
        return None
    ts = calendar.timegm(parsed)
    import datetime
    return datetime.datetime.fromtimestamp(ts, datetime.timezone.utc).strftime("%Y-%m-%dT%H:%M:%SZ")


paths = sys.argv[1:]
if paths[:1] == ["--list"]:
    paths = [l.strip() for l in open(paths[1], encoding="utf-8") if l.strip()]
for path in paths:
    try:
        d = feedparser.parse(path)
    except Exception as e:  # noqa: BLE001 - report and go on
        print(json.dumps({"path": path, "error": str(e)}))
        continue
    entries = []
    for e in d.entries:
        entries.append({
            "title": text_of(e.get("title"), e.get("title_detail")),
            "link": e.get("link"),
            "id": e.get("id"),
            "published": instant(dict.get(e, "published_parsed")),
            "updated": instant(dict.get(e, "updated_parsed")),
        })
    print(json.dumps({
        "path": path,
        "bozo": int(bool(d.bozo)),
        "version": d.get("version", ""),
        "entries": entries,
    }, ensure_ascii=False))
