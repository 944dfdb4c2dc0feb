#!/usr/bin/env python3
"""Reads .eml files with Python's email package (policy=default) and prints one JSON object
per file: defects found anywhere, whether every line ends in CRLF, the longest line, the
headers mailbox providers look at (decoded), the MIME structure with each leaf part's
transfer encoding, and the text and HTML parts."""
import email
import email.policy
import json
import sys

HEADERS = ["Message-ID", "Date", "From", "To", "Subject", "List-Id", "List-Unsubscribe",
           "List-Unsubscribe-Post", "MIME-Version", "Content-Type"]

for path in sys.argv[1:]:
    raw = open(path, "rb").read()
    msg = email.message_from_bytes(raw, policy=email.policy.default)
    defects = [f"{type(d).__name__}: {d}" for part in msg.walk() for d in part.defects]
    lf = raw.count(b"\n")
    crlf = raw.count(b"\r\n")
    text = html = None
    parts = []
    encodings = []
    for part in msg.walk():
        if part.is_multipart():
            parts.append(part.get_content_type())
            continue
        parts.append(part.get_content_type())
        encodings.append(str(part.get("Content-Transfer-Encoding", "7bit")).lower())
        if part.get_content_type() == "text/plain" and text is None:
            text = part.get_content()
        elif part.get_content_type() == "text/html" and html is None:
            html = part.get_content()
    print(json.dumps({
        "path": path,
        "defects": defects,
        "crlf_only": lf == crlf,
        "headers": {h: (str(msg[h]) if msg[h] is not None else None) for h in HEADERS},
        "parts": parts,
        "encodings": encodings,
        "max_line_octets": max((len(l) for l in raw.split(b"\r\n")), default=0),
        "text": text,
        "html": html,
    }, ensure_ascii=False))
