"""Shared helpers for the blind discovery sites a01-a10 (helper A).

Each site module builds a `Site`, adds pages (text + label), and calls
`site.write()`, which writes the folder under tests/discovery/sites/<id>/,
writes site.json and then re-reads everything from disk and validates it.
"""
import codecs
import html
import json
import re
import shutil
import sys
from pathlib import Path
from urllib.parse import urljoin, urlsplit, parse_qsl

esc = html.escape

HERE = Path(__file__).resolve().parent
SITES = HERE.parent / "sites"

WRITTEN = "blind"
AUTHOR = "helper A (blind)"


class Site:
    def __init__(self, sid, style):
        self.sid = sid
        self.style = style
        self.pages = []
        self.dir = SITES / sid

    def add(self, path, file, kind, text, label, content_type="text/html; charset=utf-8",
            encoding="utf-8"):
        assert not any(p["path"] == path for p in self.pages), path
        assert not any(p["file"] == file for p in self.pages), file
        data = text.encode(encoding)  # strict: fails on characters the codec lacks
        self.pages.append({"path": path, "file": file, "content_type": content_type,
                           "kind": kind, "label": label, "_enc": encoding, "_data": data})

    def write(self):
        if self.dir.exists():
            shutil.rmtree(self.dir)
        self.dir.mkdir(parents=True)
        out = []
        for p in self.pages:
            f = self.dir / p["file"]
            f.parent.mkdir(parents=True, exist_ok=True)
            f.write_bytes(p["_data"])
            out.append({k: v for k, v in p.items() if not k.startswith("_")})
        doc = {"site": self.sid, "style": self.style, "written": WRITTEN, "author": AUTHOR,
               "pages": out}
        (self.dir / "site.json").write_text(
            json.dumps(doc, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
        n = validate(self.dir, {p["path"]: p["_enc"] for p in self.pages})
        kinds = {}
        for p in self.pages:
            kinds[p["kind"]] = kinds.get(p["kind"], 0) + 1
        print(f"{self.sid}: ok, {len(self.pages)} pages {kinds}, {n} checks")
        return kinds


# ---------------------------------------------------------------- text helpers

def norm(s):
    return re.sub(r"[\s\u3000\xa0]+", " ", s).strip()


def page_text(h):
    h = re.sub(r"(?is)<(script|style)\b.*?</\1\s*>", " ", h)
    h = re.sub(r"(?s)<!--.*?-->", " ", h)
    h = re.sub(r"<[^>]+>", " ", h)
    return norm(html.unescape(h))


def declared_charsets(data, content_type):
    found = []
    m = re.search(r"charset=([\w-]+)", content_type, re.I)
    if m:
        found.append(("header", m.group(1)))
    head = data[:2048].decode("ascii", "replace")
    for m in re.finditer(r"<meta[^>]+charset=[\"']?([\w-]+)", head, re.I):
        found.append(("meta", m.group(1)))
    m = re.match(r"<\?xml[^>]*encoding=[\"']([\w-]+)", head)
    if m:
        found.append(("xml", m.group(1)))
    return found


def codec_name(name):
    return codecs.lookup(name).name


# ---------------------------------------------------------------- validation

class Fail(Exception):
    pass


def check(cond, msg):
    if not cond:
        raise Fail(msg)


def strip_jsonp(s):
    m = re.match(r"^\s*(?:/\*\*/\s*)?([\w$.]+)\s*\((.*)\)\s*;?\s*$", s, re.S)
    return (m.group(2), True) if m else (s, False)


def dig(obj, path):
    for part in path.split("."):
        obj = obj[part]
    return obj


def link_forms(h, base):
    """Every URL the page points at: href/src attributes and quoted window.open args."""
    raw = re.findall(r"""(?:href|src)\s*=\s*["']([^"']+)["']""", h, re.I)
    raw += re.findall(r"""window\.open\(\s*['"]([^'"]+)['"]""", h)
    return {urljoin(base, html.unescape(u)) for u in raw}


def validate(sdir, encs):
    doc = json.loads((sdir / "site.json").read_text(encoding="utf-8"))
    check(doc["written"] == WRITTEN and doc["author"] == AUTHOR, "author fields")
    pages = {p["path"]: p for p in doc["pages"]}
    texts = {}
    n = 0
    for p in doc["pages"]:
        f = sdir / p["file"]
        check(f.is_file(), f"missing file {p['file']}")
        data = f.read_bytes()
        enc = encs[p["path"]]
        s = data.decode(enc)
        texts[p["path"]] = s
        decl = declared_charsets(data, p["content_type"])
        for where, cs in decl:
            check(codec_name(cs) == codec_name(enc),
                  f"{p['path']}: {where} charset {cs} but bytes are {enc}")
        if p["kind"] in ("list", "article", "home"):
            check(any(w == "meta" for w, _ in decl), f"{p['path']}: no meta charset")
        n += 1
    for p in doc["pages"]:
        path, kind, lab, s = p["path"], p["kind"], p["label"], texts[p["path"]]
        where = f"{doc['site']} {path}"
        if kind == "list":
            n += check_list(where, path, s, lab, pages)
        elif kind == "article":
            n += check_article(where, s, lab)
        elif kind == "home":
            for u in lab["feeds"] + lab["news_lists"]:
                check(u in link_forms(s, path), f"{where}: home does not link {u}")
                check(u in pages, f"{where}: {u} is not a page of the site")
            for u in lab["feeds"]:
                check(pages[u]["kind"] == "other", f"{where}: feed {u} kind")
            for u in lab["news_lists"]:
                check(pages[u]["kind"] == "list", f"{where}: {u} not a list")
            n += 1
        elif kind == "json":
            n += check_json(where, s, lab, p["content_type"], pages)
        elif kind == "other" and "rss" in p["content_type"] + p["file"]:
            n += check_rss(where, data_of(sdir, p), pages)
    return n


def data_of(sdir, p):
    return (sdir / p["file"]).read_bytes()


def check_list(where, path, s, lab, pages):
    items = lab["items"]
    check(5 <= len(items) <= 25, f"{where}: {len(items)} items")
    raw = html.unescape(s)
    text = page_text(s)
    forms = link_forms(s, path)
    linked_articles = 0
    last_pos = -1
    for it in items:
        t, l, d = it["title"], it["link"], it["date"]
        check(t in raw, f"{where}: title not in page: {t}")
        ok = l in forms
        if not ok:  # built by script from an id: the id must be in the page
            q = dict(parse_qsl(urlsplit(l).query))
            ok = any(f"'{v}'" in s or f'"{v}"' in s for v in q.values())
        check(ok, f"{where}: link not in page: {l}")
        occ = [m.start() for m in re.finditer(re.escape(t), raw)]
        later = [o for o in occ if o > last_pos]
        check(later, f"{where}: items not in page order at: {t}")
        last_pos = later[0]
        if d is not None and "date split" not in lab.get("notes", ""):
            check(any(d in raw[max(0, o - 200):o + len(t) + 250] for o in occ),
                  f"{where}: date {d} not next to its title: {t}")
        if l in pages and pages[l]["kind"] == "article":
            check(pages[l]["label"]["title"] == t, f"{where}: title differs from article {l}")
            linked_articles += 1
    check(len({it["link"] for it in items}) == len(items), f"{where}: duplicate links")
    check(linked_articles >= 2, f"{where}: only {linked_articles} labelled articles")
    np = lab["next_page"]
    if np is not None:
        # TRS pages only carry createPageHTML(count, index, "index", "html")
        check(np.split("/")[-1] in s or "createPageHTML(" in s or urlsplit(np).path in s,
              f"{where}: next page not in page: {np}")
    return len(items)


def check_article(where, s, lab):
    text = page_text(s)
    raw = html.unescape(s)
    check(lab["title"] in raw, f"{where}: title not in page")
    if lab["source"] is not None:
        check(lab["source"] in raw, f"{where}: source not in page")
    day = lab["published"][:10]
    y, m, d = day.split("-")
    forms = [day, f"{y}/{m}/{d}", f"{y}年{m}月{d}日", f"{y}年{int(m)}月{int(d)}日"]
    check(any(f in raw for f in forms), f"{where}: published day not in page")
    bs, be = norm(lab["body_starts"]), norm(lab["body_ends"])
    check(len(bs) >= 15 and len(be) >= 15, f"{where}: body marks too short")
    check(text.count(bs) == 1, f"{where}: body_starts found {text.count(bs)} times: {bs}")
    check(text.count(be) == 1, f"{where}: body_ends found {text.count(be)} times: {be}")
    i, j = text.index(bs), text.index(be) + len(be)
    check(i < j, f"{where}: body ends before it starts")
    body = text[i:j]
    check(len(body) > 150, f"{where}: body too short")
    for x in lab["not_in_body"]:
        check(x in raw or x in text, f"{where}: not_in_body string absent from page: {x}")
        check(norm(x) not in body, f"{where}: not_in_body string inside body: {x}")
    return 1


def check_json(where, s, lab, ctype, pages):
    inner, is_jsonp = strip_jsonp(s)
    check(is_jsonp == lab["jsonp"], f"{where}: jsonp flag")
    if is_jsonp:
        check("javascript" in ctype, f"{where}: jsonp content type")
    obj = json.loads(inner)
    arr = dig(obj, lab["array_path"])
    check(len(arr) == len(lab["items"]), f"{where}: {len(arr)} records vs {len(lab['items'])}")
    linked = 0
    for rec, it in zip(arr, lab["items"]):
        vals = [str(v) for v in rec.values()]
        check(it["title"] in vals, f"{where}: title {it['title']}")
        if it["link"] in pages:
            check(pages[it["link"]]["label"]["title"] == it["title"], f"{where}: article title")
            linked += 1
    check(linked >= 1, f"{where}: no labelled article behind the records")
    return len(arr)


def check_rss(where, data, pages):
    import xml.etree.ElementTree as ET
    root = ET.fromstring(data)
    check(root.tag == "rss" and root.get("version") == "2.0", f"{where}: not rss 2.0")
    ch = root.find("channel")
    for t in ("title", "link", "description"):
        check(ch.find(t) is not None, f"{where}: channel {t}")
    items = ch.findall("item")
    check(len(items) >= 3, f"{where}: few items")
    for it in items:
        check(it.findtext("title") and it.findtext("link"), f"{where}: item fields")
    return len(items)


def run(build):
    try:
        return build()
    except Fail as e:
        print("FAIL:", e)
        sys.exit(1)
