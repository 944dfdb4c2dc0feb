#!/usr/bin/env python3
"""The W3C feed validator's rules that the RELAX NG schema does not catch, applied to
published feeds: one JSON line per problem, nothing when every file passes.

  feedrules.py BASE_URL FEEDS_DIR FILE...

Rules (as the validator states them, https://validator.w3.org/feed/docs/):
  - Atom: every atom:id (feed, entry, entry/source) is a non-empty absolute IRI
    ("id must be a full and valid URL"); every atom:updated/published is RFC 3339 and
    plausible (not before 1990, not after tomorrow: "ImplausibleDate"); an entry's source
    has a title and an updated; rel="self" is the URL the file is served at.
  - RSS 2.0: every pubDate is RFC 822 and plausible; atom:link rel="self" is the URL the
    file is served at; every item credits someone (dc:creator or author).
feedparser then reads each Atom entry's source, as an outside reader would.
"""
import datetime
import email.utils
import json
import os
import re
import sys
import xml.etree.ElementTree as ET

ATOM = "{http://www.w3.org/2005/Atom}"
DC = "{http://purl.org/dc/elements/1.1/}"
IRI = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:[^\s]+$")
RFC3339 = re.compile(r"^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(\.\d+)?(Z|[+-]\d\d:\d\d)$")
LOW = datetime.datetime(1990, 1, 1, tzinfo=datetime.timezone.utc)
HIGH = datetime.datetime.now(datetime.timezone.utc) + datetime.timedelta(days=1)

problems = []


def problem(path, where, what):
    problems.append({"path": path, "where": where, "problem": what})


def check_3339(path, where, text):
    if not text or not RFC3339.match(text):
        problem(path, where, f"not an RFC 3339 date: {text!r}")
        return
    t = datetime.datetime.fromisoformat(text.replace("Z", "+00:00"))
    if not LOW <= t <= HIGH:
        problem(path, where, f"implausible date {text}")


def check_id(path, where, el):
    text = (el.text or "").strip() if el is not None else ""
    if not IRI.match(text):
        problem(path, where, f"id must be a full and valid URL: {text!r}")


def self_link(path, where, links, want):
    hrefs = [l.get("href") for l in links if l.get("rel") == "self"]
    if hrefs != [want]:
        problem(path, where, f"self link {hrefs} is not the document's URL {want}")


def atom(path, url, root):
    check_id(path, "feed/id", root.find(ATOM + "id"))
    check_3339(path, "feed/updated", (root.findtext(ATOM + "updated") or "").strip())
    self_link(path, "feed", root.findall(ATOM + "link"), url)
    for n, e in enumerate(root.findall(ATOM + "entry")):
        w = f"entry[{n}]"
        check_id(path, w + "/id", e.find(ATOM + "id"))
        for d in ("updated", "published"):
            if e.find(ATOM + d) is not None:
                check_3339(path, f"{w}/{d}", e.findtext(ATOM + d).strip())
        s = e.find(ATOM + "source")
        if s is not None:
            check_id(path, w + "/source/id", s.find(ATOM + "id"))
            check_3339(path, w + "/source/updated", (s.findtext(ATOM + "updated") or "").strip())
            if not (s.findtext(ATOM + "title") or "").strip():
                problem(path, w + "/source/title", "empty source title")


def rss(path, url, root):
    ch = root.find("channel")
    self_link(path, "channel", ch.findall(ATOM + "link"), url)
    for n, i in enumerate(ch.findall("item")):
        w = f"item[{n}]"
        d = i.findtext("pubDate")
        if d is not None:
            t = email.utils.parsedate_to_datetime(d.strip())
            if t is None or not LOW <= t <= HIGH:
                problem(path, w + "/pubDate", f"implausible or invalid date {d!r}")
        if not (i.findtext(DC + "creator") or i.findtext("author") or "").strip():
            problem(path, w, "no dc:creator or author")


def main():
    base, feeds, files = sys.argv[1], sys.argv[2], sys.argv[3:]
    for path in files:
        rel = os.path.relpath(path, feeds).replace(os.sep, "/")
        url = base + rel
        root = ET.parse(path).getroot()
        if root.tag == ATOM + "feed":
            atom(path, url, root)
            import feedparser

            d = feedparser.parse(path)
            for n, e in enumerate(d.entries):
                src = e.get("source", {})
                if not (src.get("id") and src.get("title") and src.get("updated")):
                    problem(path, f"entry[{n}]/source", f"feedparser reads source as {dict(src)!r}")
        elif root.tag == "rss":
            rss(path, url, root)
    for p in problems:
        print(json.dumps(p, ensure_ascii=False))


main()
