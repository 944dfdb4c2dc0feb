"""Build and check the blind discovery sites a01-a10.

Run from the repository root:  python3 tests/discovery/build_sites_a
(or one site alone:            python3 tests/discovery/build_sites_a/a03.py)
"""
import importlib
import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from common import SITES, Fail  # noqa: E402

MODULES = [f"a{n:02d}" for n in range(1, 11)]


def main():
    totals = {}
    for name in MODULES:
        mod = importlib.import_module(name)
        try:
            kinds = mod.build()
        except Fail as e:
            print(f"FAIL {name}: {e}")
            sys.exit(1)
        for k, v in kinds.items():
            totals[k] = totals.get(k, 0) + v
    # set-wide requirements
    docs = [json.loads((d / "site.json").read_text(encoding="utf-8"))
            for d in sorted(SITES.glob("a[01][0-9]-*"))]
    assert len(docs) == 10, len(docs)
    pages = [p for d in docs for p in d["pages"]]
    homes = [p for p in pages if p["kind"] == "home"]
    jsons = [p for p in pages if p["kind"] == "json"]
    gb_sites = [d["site"] for d in docs
                if any(p["kind"] in ("list", "article", "home") and _is_gb(SITES / d["site"] / p["file"])
                       for p in d["pages"])]
    assert totals.get("list", 0) >= 10 and totals.get("article", 0) >= 10, totals
    assert len(homes) >= 3 and sum(1 for h in homes if h["label"]["feeds"]) >= 2
    assert any(not h["label"]["feeds"] for h in homes)
    assert len(jsons) >= 3 and any(j["label"]["jsonp"] for j in jsons)
    assert len(gb_sites) >= 4, gb_sites
    print("totals:", totals, "| GB-family sites:", ", ".join(gb_sites))


def _is_gb(path):
    head = path.read_bytes()[:600].lower()
    return b"charset=gb" in head or b'charset="gb' in head


if __name__ == "__main__":
    main()
