#!/usr/bin/env python3
"""Sanity checks of the hand labels against the page bytes (no zonefeed code involved)."""
import json, os, re, html, sys
from urllib.parse import urljoin

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "sites")
BASE = "http://h.test"
errs = []
def err(*a):
    errs.append(" ".join(str(x) for x in a))

def charset(ct, raw):
    m = re.search(r"charset=([\w-]+)", ct, re.I)
    if m:
        return m.group(1).lower()
    m = re.search(rb'<meta[^>]+charset="?([\w-]+)', raw[:2048], re.I)
    return m.group(1).decode().lower() if m else "utf-8"

def urls(text, path):
    out = []
    for m in re.finditer(r'''(?:href|data-href|src)\s*=\s*"([^"]*)"|window\.open\('([^']+)'\)''', text):
        u = html.unescape(m.group(1) or m.group(2))
        if u.startswith("javascript"):
            continue
        out.append((m.start(), norm(urljoin(BASE + path, u))))
    return out

def norm(u):
    return u[len(BASE):] if u.startswith(BASE) else u

def plain(text):
    t = re.sub(r"<script[\s\S]*?</script>", " ", text)
    t = re.sub(r"<style[\s\S]*?</style>", " ", t)
    t = re.sub(r"<!--[\s\S]*?-->", " ", t)
    t = re.sub(r"<[^>]+>", " ", t)
    return html.unescape(t)

for site in sorted(x for x in os.listdir(ROOT) if x.startswith("d0")):
    sj = os.path.join(ROOT, site, "site.json")
    d = json.load(open(sj, encoding="utf-8"))
    assert d["site"] == site and d["written"] == "blind" and d["author"] == "helper D (blind)", site
    paths = set()
    for p in d["pages"]:
        fp = os.path.join(ROOT, site, p["file"])
        if not os.path.isfile(fp):
            err(site, "missing file", p["file"]); continue
        if p["path"] in paths:
            err(site, "dup path", p["path"])
        paths.add(p["path"])
        raw = open(fp, "rb").read()
        enc = charset(p["content_type"], raw)
        try:
            text = raw.decode(enc)
        except Exception as e:
            err(site, p["file"], "decode", enc, e); continue
        meta = re.search(r'charset="?([\w-]+)', text[:1500])
        if meta and meta.group(1).lower() != enc and "html" in p["content_type"]:
            err(site, p["file"], "meta charset", meta.group(1), "vs", enc)
        L = p["label"]; k = p["kind"]
        U = urls(text, p["path"])
        Uset = [u for _, u in U]
        full = html.unescape(text)
        if k == "list":
            last = -1
            for it in L["items"]:
                pos = [i for i, u in U if u == it["link"]]
                if not pos:
                    err(site, p["path"], "link not in page", it["link"]); continue
                # first occurrence after previous item
                after = [i for i in pos if i > last]
                if not after:
                    err(site, p["path"], "order", it["link"])
                else:
                    last = after[0]
                if it["title"] not in full:
                    err(site, p["path"], "title not in page", it["title"])
                dt = it["date"]
                if dt:
                    y, m, dd = dt.split("-")
                    forms = [dt, dt.replace("-", "/"), "%s年%s月%s日" % (y, m, dd), '<span class="day">%s</span><span class="ym">%s-%s</span>' % (dd, y, m), "[%s]" % dt]
                    if not any(f in text for f in forms):
                        err(site, p["path"], "date not in page", dt)
            if L["next_page"] and L["next_page"] not in Uset:
                js_ok = "createPageHTML" in text
                if not js_ok:
                    err(site, p["path"], "next_page not linked", L["next_page"])
            n = len(L["items"])
            if not 10 <= n <= 20:
                err(site, p["path"], "item count", n)
        elif k == "article":
            pt = plain(text)
            for key in ("title", "body_starts", "body_ends"):
                if L[key] not in pt:
                    err(site, p["path"], key, "not in page:", L[key])
            if pt.find(L["body_starts"]) > pt.find(L["body_ends"]):
                err(site, p["path"], "starts after ends")
            if len(L["body_starts"]) < 15 or len(L["body_ends"]) < 15:
                err(site, p["path"], "body snippet short")
            body = pt[pt.find(L["body_starts"]): pt.find(L["body_ends"]) + len(L["body_ends"])]
            for x in L["not_in_body"]:
                if x not in pt:
                    err(site, p["path"], "not_in_body string absent from page:", x)
                if x in body:
                    err(site, p["path"], "not_in_body string inside body:", x)
            if L["source"] and L["source"] not in pt:
                err(site, p["path"], "source absent", L["source"])
            pub = L["published"]
            dpart = pub[:10]; tpart = pub[11:16]
            y, m, dd = dpart.split("-")
            if not (dpart in pt or "%s年%s月%s日" % (y, m, dd) in pt):
                err(site, p["path"], "published date absent", pub)
            if tpart and tpart not in pt:
                err(site, p["path"], "published time absent", pub)
        elif k == "home":
            for u in L["feeds"] + L["news_lists"]:
                if u not in Uset:
                    err(site, p["path"], "home link absent", u)
            if L["region_hint"] not in full:
                err(site, p["path"], "region hint absent")
            if L["zone_hint"] and L["zone_hint"] not in full:
                err(site, p["path"], "zone hint absent")
            if L["feeds"]:
                if not re.search(r'<link rel="alternate" type="application/(atom|rss)\+xml"[^>]*href="%s"' % re.escape(L["feeds"][0]), text):
                    err(site, p["path"], "feed not in <link rel=alternate>")
        elif k == "json":
            body = text.strip()
            if L["jsonp"]:
                m = re.match(r"^[\w$.]+\(([\s\S]*)\);?$", body)
                if not m:
                    err(site, p["path"], "not jsonp"); continue
                body = m.group(1)
            obj = json.loads(body)
            for part in L["array_path"].split("."):
                obj = obj[part]
            if len(obj) != len(L["items"]):
                err(site, p["path"], "json count", len(obj), len(L["items"]))
            for rec, it in zip(obj, L["items"]):
                if rec["title"] != it["title"]:
                    err(site, p["path"], "json title", rec["title"])
                s = json.dumps(rec, ensure_ascii=False)
                rid = str(rec.get("id", rec.get("contentId")))
                if it["link"] not in s and not it["link"].endswith("id=" + rid):
                    err(site, p["path"], "json link", it["link"])
        elif k == "other" and L.get("items"):
            for it in L["items"]:
                if it["link"] not in text or html.escape(it["title"], quote=False) not in text:
                    err(site, p["path"], "feed item", it["title"])
        # every label link of list/json pages that is own-host and served should be a served page? (just report)
    print(site, "ok" if not errs else "", len(d["pages"]))

# cross checks: articles linked from a list/json of the same site
for site in sorted(x for x in os.listdir(ROOT) if x.startswith("d0")):
    d = json.load(open(os.path.join(ROOT, site, "site.json"), encoding="utf-8"))
    linked = set()
    for p in d["pages"]:
        for it in p["label"].get("items", []) if p["kind"] in ("list", "json") else []:
            linked.add(it["link"])
    for p in d["pages"]:
        if p["kind"] == "article" and p["path"] not in linked:
            err(site, "article not linked from a labelled list/json", p["path"])
    for p in d["pages"]:
        if p["kind"] == "article":
            # title in list matches article title
            for q in d["pages"]:
                for it in q["label"].get("items", []) if q["kind"] in ("list", "json") else []:
                    if it["link"] == p["path"] and it["title"] != p["label"]["title"]:
                        err(site, "title mismatch", p["path"])

from collections import Counter
c = Counter(); ni = 0
for site in sorted(x for x in os.listdir(ROOT) if x.startswith("d0")):
    d = json.load(open(os.path.join(ROOT, site, "site.json"), encoding="utf-8"))
    for p in d["pages"]:
        c[p["kind"]] += 1
print(dict(c))
print("\n".join(errs) if errs else "ALL OK")
sys.exit(1 if errs else 0)
