#!/usr/bin/env bash
# Runs the in-process criterion benchmarks (benches/journal.rs) at each size
# and writes their medians into bench/results/criterion.md and BENCHMARKS.md.
#
#   bash bench/criterion.sh [--sizes 1000,10000,100000]

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
parse_options "$@"

load_before="$(cut -d' ' -f1-3 /proc/loadavg)"
log "cargo bench at $SIZES (load $load_before)"
# Old results of sizes not run now would linger in the table.
rm -rf target/criterion
JJ_BENCH_SIZES="$SIZES" cargo bench -q --bench journal >"${TMPDIR:-/tmp}/jj-criterion.log" 2>&1 || {
  tail -n 20 "${TMPDIR:-/tmp}/jj-criterion.log" >&2
  exit 1
}
python3 bench/summarize.py criterion target/criterion bench/results/criterion.md BENCHMARKS.md \
  --load "before: $load_before; after: $(cut -d' ' -f1-3 /proc/loadavg)"
log "done: bench/results/criterion.md"
