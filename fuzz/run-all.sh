#!/usr/bin/env bash
# Run every fuzz target in turn for SECONDS seconds each (default 300), one
# job, at low priority, seeded from the repository's fixtures (and the shared
# corpora when they are there). See README.md. Needs a nightly toolchain and
# cargo-fuzz. MAX_LEN (default 65536) caps the inputs' size: a small cap
# (4096) runs many more inputs per second.
set -euo pipefail
cd "$(dirname "$0")"
secs="${1:-300}"
max_len="${MAX_LEN:-65536}"
root=..
shared=../../shared/corpora

seed() { # seed TARGET FILES...
    local dir="corpus/$1"
    shift
    mkdir -p "$dir"
    for f in "$@"; do
        [ -f "$f" ] && cp -n "$f" "$dir/" 2>/dev/null || true
    done
}
seed extract_html "$root"/tests/fixtures/chrome/*.html "$root"/tests/fixtures/bad/*.html "$root"/demo/corpus/*.html
seed decode_text "$root"/tests/fixtures/chrome/*.html "$root"/tests/fixtures/bad/*.html "$root"/tests/fixtures/bad/*.txt
seed clean_page_text "$root"/tests/fixtures/chrome/*.txt "$root"/demo/corpus/*.txt
seed read_records "$root"/tests/fixtures/bad/*.jsonl "$root"/demo/corpus/*.jsonl
seed analyze_document "$root"/demo/corpus/*.txt
if [ -d "$shared/seeds" ]; then
    seed clean_page_text "$shared"/seeds/*.txt
    seed analyze_document "$shared"/seeds/*.txt
fi

for target in extract_html clean_page_text read_records decode_text analyze_document; do
    echo "== $target ($secs s)"
    nice -n 19 cargo +nightly fuzz run "$target" "corpus/$target" -- \
        -max_total_time="$secs" -timeout=10 -rss_limit_mb=2048 -max_len="$max_len" \
        -dict="dicts/$target.dict" -print_final_stats=1
done
