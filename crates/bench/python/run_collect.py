"""The peers of bench-collect: warcio reads the web archives, feedparser the
feeds, on the same files, timed the same way (fastest of N passes).

usage: run_collect.py LIST.json OUT.json PASSES
LIST.json: {"warc": [paths], "feeds": [paths]}
"""
import json
import sys
import time

from warcio.archiveiterator import ArchiveIterator
import feedparser


def read_warc(path):
    records = docs = 0
    error = None
    try:
        with open(path, "rb") as f:
            for rec in ArchiveIterator(f):
                records += 1
                if rec.rec_type != "response":
                    continue
                ct = (rec.http_headers.get_header("Content-Type") or "") if rec.http_headers else ""
                rec.content_stream().read()
                if "html" in ct.lower() and rec.http_headers.get_statuscode().startswith("2"):
                    docs += 1
    except Exception as e:  # the peer's own verdict on a damaged file
        error = type(e).__name__ + ": " + str(e).splitlines()[0][:120] if str(e) else type(e).__name__
    return {"records": records, "docs": docs, "error": error}


def read_feed(path):
    with open(path, "rb") as f:
        data = f.read()
    d = feedparser.parse(data)
    ok = bool(d.entries) or (not d.bozo and d.version)
    linked = sum(1 for e in d.entries if e.get("link", "").startswith("http"))
    dated = sum(1 for e in d.entries if e.get("published_parsed") or e.get("updated_parsed"))
    return {"ok": bool(ok), "items": linked, "dated": dated}


def main():
    files = json.load(open(sys.argv[1]))
    passes = int(sys.argv[3])
    out = {"warc": {}, "feeds": {}}
    best = {"warc": None, "feeds": None}
    for kind, fn in (("warc", read_warc), ("feeds", read_feed)):
        for _ in range(passes):
            t = time.perf_counter()
            res = {p: fn(p) for p in files[kind]}
            dt = time.perf_counter() - t
            if best[kind] is None or dt < best[kind]:
                best[kind] = dt
                out[kind] = res
    out["_seconds"] = best
    import warcio, feedparser as fp
    out["_versions"] = {"warcio": warcio.__version__ if hasattr(warcio, "__version__") else "?", "feedparser": fp.__version__}
    json.dump(out, open(sys.argv[2], "w"))


main()
