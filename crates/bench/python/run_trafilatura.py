"""Run Python trafilatura on benchmark pages, for bench-extract.

Usage: run_trafilatura.py PAGES.json OUT.json [REPEAT]

PAGES.json is a list of {"key": ..., "path": <file.html.gz>, "url": ...}.
All files are read and decompressed first; only extraction is timed, on one
thread; with REPEAT > 1 the extraction runs REPEAT times over and the fastest
pass counts (the results are the first pass's). OUT.json is {key: {"text", "title", "author", "date"}, "_seconds": CPU
seconds of this thread in extraction, "_wall_seconds": wall-clock seconds,
"_version": trafilatura version}.
"""

import gzip
import json
import sys
import time

import trafilatura


def extract_all(docs):
    """Extracts every page; returns (results, CPU seconds, wall seconds)."""
    results = {}
    total = 0.0
    wall = 0.0
    for key, url, html in docs:
        cpu = time.thread_time()
        start = time.perf_counter()
        try:
            doc = trafilatura.bare_extraction(html, url=url, with_metadata=True)
        except Exception as exc:  # a failing page scores as empty, as in Rust
            doc = None
            print(f"trafilatura failed on {key}: {exc}", file=sys.stderr)
        wall += time.perf_counter() - start
        total += time.thread_time() - cpu
        if doc is None:
            results[key] = {"text": "", "title": None, "author": None, "date": None}
            continue
        if isinstance(doc, dict):  # trafilatura < 2 returns a dict
            get = doc.get
        else:
            get = lambda name, d=doc: getattr(d, name, None)  # noqa: E731
        results[key] = {
            "text": get("text") or "",
            "title": get("title"),
            "author": get("author"),
            "date": get("date"),
        }
    return results, total, wall


def main() -> None:
    pages_path, out_path = sys.argv[1], sys.argv[2]
    repeat = max(1, int(sys.argv[3])) if len(sys.argv) > 3 else 1
    with open(pages_path, encoding="utf-8") as f:
        pages = json.load(f)

    docs = []
    for page in pages:
        with gzip.open(page["path"], "rb") as f:
            # The same decoding as the Rust side: UTF-8 with replacement.
            docs.append((page["key"], page.get("url"), f.read().decode("utf-8", "replace")))

    results = None
    total = wall = float("inf")
    for _ in range(repeat):
        out, cpu_s, wall_s = extract_all(docs)
        results = results if results is not None else out
        if cpu_s < total:
            total, wall = cpu_s, wall_s

    results["_seconds"] = total
    results["_wall_seconds"] = wall
    results["_version"] = trafilatura.__version__
    with open(out_path, "w", encoding="utf-8") as f:
        json.dump(results, f, ensure_ascii=False)


if __name__ == "__main__":
    main()
