#!/usr/bin/env python3
"""Looks for anything executable in what zonefeed generated, with Python's own parsers.

Usage: xsscheck.py FILE...   (RSS/Atom XML, JSON Feed, index.html, OPML, .eml messages)

Every HTML fragment a reader or mail client would render (RSS description and
content:encoded, Atom content/summary of type html or xhtml, JSON Feed content_html (its
summary is plain text by the spec), the whole of each published page (index.html,
regions/zones/topics/<id>.html) and of each message's HTML part) is parsed with
html.parser and flagged if it holds:
  - an element that runs code or loads active content: script, iframe, frame, object,
    embed, applet, svg, math, style, link, meta, base, form;
    in a whole page, <meta>, <style> and <link> are the page's own, and so is exactly one
    form: the site's search form (method="get", action a relative path ending in
    "search" with no scheme or host, only <input> named q, region or zone of type
    search, text or hidden, and a plain submit <button>). Any other form, a second one,
    a form in feed content, or a form control outside that form is flagged;
  - an event-handler attribute (on*), or a style attribute at all (CSS expressions);
  - a URL attribute (href, src, action, formaction, poster, background, xlink:href, srcset,
    data) or feed link whose scheme is javascript:, vbscript: or data:.
Messages are also checked for header injection: no Bcc/Cc header, one To, and a one-line
Subject. Prints one JSON object: {"files": N, "fragments": N, "findings": [...]}; exits 1
when there is any finding.
"""
import email
import email.policy
import json
import re
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

BAD_TAGS = {
    "script", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math",
    "style", "link", "meta", "base", "form",
}
URL_ATTRS = {
    "href", "src", "action", "formaction", "poster", "background", "xlink:href", "srcset",
    "data", "cite", "longdesc", "lowsrc", "dynsrc",
}
BAD_SCHEME = re.compile(r"^\s*(javascript|vbscript|data)\s*:", re.I)


def bad_url(value):
    # Browsers drop tabs and newlines inside a scheme ("java\tscript:").
    v = re.sub(r"[\x00-\x20]", "", value or "")
    return bool(BAD_SCHEME.match(v))


SEARCH_ACTION = re.compile(r"^(\.\./)*search$")
FORM_CONTROLS = {"input", "button", "select", "textarea", "keygen", "output", "fieldset"}


def site_search_form(attrs):
    """Whether a <form>'s attributes are those of the site's own search form."""
    a = dict((k.lower(), v or "") for k, v in attrs)
    if set(a) - {"class", "method", "action", "role"}:
        return False
    return a.get("method", "").lower() == "get" and bool(SEARCH_ACTION.match(a.get("action", "")))


def search_control(tag, attrs):
    """Whether a form control belongs in the site's search form."""
    a = dict((k.lower(), v or "") for k, v in attrs)
    if tag == "button":
        return set(a) <= {"type"} and a.get("type", "submit").lower() == "submit"
    if tag != "input":
        return False
    if set(a) - {"type", "name", "value", "placeholder", "aria-label"}:
        return False
    return a.get("name") in ("q", "region", "zone") and a.get("type", "text").lower() in (
        "search", "text", "hidden")


class Finder(HTMLParser):
    def __init__(self, where, findings, whole_page=False):
        super().__init__(convert_charrefs=True)
        self.where = where
        self.findings = findings
        self.whole_page = whole_page
        self.forms = 0
        self.in_search_form = False

    def flag(self, what):
        self.findings.append({"where": self.where, "what": what})

    def handle_endtag(self, tag):
        if tag == "form":
            self.in_search_form = False

    def handle_starttag(self, tag, attrs):
        allowed = {"meta", "style", "link"} if self.whole_page else set()
        if tag == "form" and self.whole_page:
            self.forms += 1
            if self.forms == 1 and not self.in_search_form and site_search_form(attrs):
                self.in_search_form = True
                allowed = allowed | {"form"}
            else:
                self.in_search_form = False
                self.flag(f"<form> that is not the site's search form: {attrs!r}")
                allowed = allowed | {"form"}  # flagged once, above
        if self.whole_page and tag in FORM_CONTROLS and not (
                self.in_search_form and search_control(tag, attrs)):
            self.flag(f"<{tag}> outside the site's search form: {attrs!r}")
        if tag in BAD_TAGS and tag not in allowed:
            self.flag(f"<{tag}> element")
        for name, value in attrs:
            name = name.lower()
            if name.startswith("on"):
                self.flag(f"{name} attribute on <{tag}>")
            if name == "style" and not self.whole_page:
                self.flag(f"style attribute on <{tag}>: {value!r}")
            if name == "style" and value and re.search(r"expression\s*\(|javascript:", value, re.I):
                self.flag(f"script in style on <{tag}>")
            if name in URL_ATTRS and value:
                for part in value.split(",") if name == "srcset" else [value]:
                    if bad_url(part):
                        self.flag(f"{name}={value[:60]!r} on <{tag}>")
            if self.whole_page and tag == "meta" and name == "http-equiv" and (value or "").lower() == "refresh":
                self.flag("meta refresh")

    handle_startendtag = handle_starttag


def check_html(text, where, findings, whole_page=False):
    f = Finder(where, findings, whole_page)
    f.feed(text or "")
    f.close()


def local(tag):
    return tag.rsplit("}", 1)[-1]


def check_xml(path, findings):
    n = 0
    root = ET.parse(path).getroot()
    for el in root.iter():
        name = local(el.tag)
        where = f"{path}: <{name}>"
        if name in ("description", "encoded", "summary", "content", "subtitle", "rights"):
            typ = el.get("type", "html" if name in ("description", "encoded") else "text")
            if typ == "xhtml":
                check_html(ET.tostring(el, encoding="unicode"), where, findings)
                n += 1
            elif typ == "html":
                check_html(el.text, where, findings)
                n += 1
        if name in ("link", "comments", "docs", "url", "icon", "logo", "id", "guid"):
            for v in [el.text, el.get("href")]:
                if v and bad_url(v):
                    findings.append({"where": where, "what": f"link {v[:60]!r}"})
        if name == "outline":
            for a in ("xmlUrl", "htmlUrl"):
                if bad_url(el.get(a)):
                    findings.append({"where": where, "what": f"{a} {el.get(a)[:60]!r}"})
    return n


def check_json(path, findings):
    n = 0
    doc = json.load(open(path, encoding="utf-8"))
    for key in ("home_page_url", "feed_url", "icon", "favicon"):
        if bad_url(doc.get(key)):
            findings.append({"where": f"{path}: {key}", "what": doc.get(key)[:60]})
    for i, item in enumerate(doc.get("items", [])):
        # content_html is HTML; summary and content_text are plain text (JSON Feed 1.1),
        # which readers show as text, so markup-looking characters there are inert.
        if "content_html" in item:
            check_html(item["content_html"], f"{path}: items[{i}].content_html", findings)
            n += 1
        for key in ("url", "external_url", "image", "banner_image"):
            if bad_url(item.get(key)):
                findings.append({"where": f"{path}: items[{i}].{key}", "what": item[key][:60]})
    return n


def check_eml(path, findings):
    msg = email.message_from_binary_file(open(path, "rb"), policy=email.policy.default)
    for h in ("Bcc", "Cc"):
        if msg.get_all(h):
            findings.append({"where": path, "what": f"{h} header: {msg.get_all(h)}"})
    if len(msg.get_all("To") or []) != 1:
        findings.append({"where": path, "what": f"To headers: {msg.get_all('To')}"})
    subject = str(msg.get("Subject", ""))
    if "\n" in subject or "\r" in subject:
        findings.append({"where": path, "what": f"multi-line Subject {subject!r}"})
    n = 0
    for part in msg.walk():
        if part.get_content_type() == "text/html":
            check_html(part.get_content(), f"{path}: text/html part", findings, whole_page=True)
            n += 1
    return n


def main(files):
    findings = []
    fragments = 0
    for path in files:
        if path.endswith(".json"):
            fragments += check_json(path, findings)
        elif path.endswith(".eml"):
            fragments += check_eml(path, findings)
        elif path.endswith(".html"):
            check_html(open(path, encoding="utf-8").read(), path, findings, whole_page=True)
            fragments += 1
        else:
            fragments += check_xml(path, findings)
    print(json.dumps({"files": len(files), "fragments": fragments, "findings": findings},
                     ensure_ascii=False))
    return 1 if findings else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
