#!/usr/bin/env python3
"""Independent check of generated feeds: parse each file with Python feedparser and print one
JSON object per file (bozo flag and exception, feed title, entries' title/link/id/dates).
Used by the Rust tests so that our output is judged by a parser we did not write."""
import json
import sys

try:
    import feedparser
except ImportError:
    sys.exit("feedparser is not installed: pip install feedparser")

for path in sys.argv[1:]:
    d = feedparser.parse(path)
    print(json.dumps({
        "path": path,
        "bozo": int(bool(d.bozo)),
        "bozo_exception": str(d.get("bozo_exception", "")),
        "version": d.get("version", ""),
        "title": d.feed.get("title", ""),
        "entries": [
            {
                "title": e.get("title", ""),
                "link": e.get("link", ""),
                "id": e.get("id", ""),
                "published": e.get("published", ""),
                "tags": [t.get("term") or t.get("label") for t in e.get("tags", [])],
            }
            for e in d.entries
        ],
    }, ensure_ascii=False))
