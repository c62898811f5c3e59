#!/usr/bin/env bash
# Peak memory (max RSS, /usr/bin/time %M) of every command that can read the
# whole journal, twice: on the first run, with no caches (a fresh clone,
# a copied journal, a new version), and warm, with the cache the first run
# wrote. The TUI runs in tmux: opened, the background load awaited, an
# all-time search typed, then closed. Prints a Markdown table.
#
#   bash bench/mem.sh [--sizes 100000] [--runs N] [--no-build]
#
# --runs: each cell is the largest of N runs (default 3).

: "${JJ_BENCH_SIZES:=100000}"
: "${JJ_BENCH_RUNS:=3}"
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
parse_options "$@"
need_tools
build
setup_work

# max_rss_kb FIRST -- COMMAND...: the largest max RSS of $RUNS runs; with
# FIRST=1 the index is removed before each run, else one run builds it first.
max_rss_kb() {
  local first="$1" best=0 kb i
  shift 2
  if [ "$first" = 0 ]; then
    "$@" >/dev/null 2>&1 </dev/null || true
  fi
  for ((i = 0; i < RUNS; i++)); do
    [ "$first" = 0 ] || rm -f "$J/.jobjournal.index" "$J/.jobjournal.outlines"
    kb=$(/usr/bin/time -f %M "$@" 2>&1 >/dev/null </dev/null | tail -n 1)
    case "$kb" in '' | *[!0-9]*) kb=0 ;; esac
    [ "$kb" -gt "$best" ] && best=$kb
  done
  echo "$best"
}

# The TUI in tmux (120x40): wait for the whole-journal load (on a first run,
# until the index it writes appears), search "invoice", leave.
tui_rss_kb() {
  local first="$1" best=0 kb i out session="jjmem$$"
  out="$WORK/tui-time.txt"
  if [ "$first" = 0 ] && [ ! -f "$J/.jobjournal.index" ]; then
    "$BIN" --journal "$J" list --search warmup >/dev/null 2>&1 || true
  fi
  for ((i = 0; i < RUNS; i++)); do
    [ "$first" = 0 ] || rm -f "$J/.jobjournal.index" "$J/.jobjournal.outlines"
    rm -f "$out"
    tmux new-session -d -s "$session" -x 120 -y 40 \
      "env JOBJOURNAL_TODAY=$TODAY JOBJOURNAL_CONFIG=$JOBJOURNAL_CONFIG JOBJOURNAL_STATE_DIR=$JOBJOURNAL_STATE_DIR /usr/bin/time -f %M -o $out $BIN --journal $J"
    local waited=0
    if [ "$first" = 1 ]; then
      while [ ! -f "$J/.jobjournal.index" ] && [ "$waited" -lt 120 ]; do
        sleep 0.5
        waited=$((waited + 1))
      done
    fi
    sleep 4
    tmux send-keys -t "$session" /
    tmux send-keys -t "$session" -l invoice
    sleep 2
    tmux send-keys -t "$session" Escape
    sleep 0.5
    tmux send-keys -t "$session" q
    while tmux has-session -t "$session" 2>/dev/null; do sleep 0.2; done
    kb=$(tail -n 1 "$out" 2>/dev/null)
    case "$kb" in '' | *[!0-9]*) kb=0 ;; esac
    [ "$kb" -gt "$best" ] && best=$kb
  done
  echo "$best"
}

mb() { awk -v kb="$1" 'BEGIN { printf "%.1f", kb / 1024 }'; }

for n in "${SIZE_LIST[@]}"; do
  J="$(journal "$n")"
  jj=("$BIN" --journal "$J")
  commands=(
    "list --search invoice"
    "list --search e"
    "list --due"
    "list --since 1900-01-01 --format json"
    "list --since 1900-01-01 --format csv"
    "check"
    "report --week $WEEK"
    "stats"
    "stats --weeks 520"
    "bullets --year 2025"
    "bullets --since 1900-01-01"
    "review --year 2025"
    "review --since 1900-01-01 --until $TODAY"
    # Each format renders its own way (JSON serialised, the rest templated).
    "review --since 1900-01-01 --until $TODAY --format html"
    "review --since 1900-01-01 --until $TODAY --format json"
    "customers"
    "stories"
    "stories --format json"
    # Synthetic ids are numbered per day, so a short id names many entries:
    # resolving it reads the whole journal (and exits 1, "ambiguous").
    "show 0000"
  )
  echo
  echo "### $n entries (load $(load1) at the start)"
  echo
  echo "| command | first run (no caches) MB | warm (caches) MB |"
  echo "|---|---|---|"
  log "tui @ $n"
  echo "| \`jobjournal\` (TUI: load, search \`invoice\`, quit) | $(mb "$(tui_rss_kb 1)") | $(mb "$(tui_rss_kb 0)") |"
  for c in "${commands[@]}"; do
    log "$c @ $n"
    read -r -a args <<<"$c"
    first=$(max_rss_kb 1 -- "${jj[@]}" "${args[@]}")
    warm=$(max_rss_kb 0 -- "${jj[@]}" "${args[@]}")
    echo "| \`$c\` | $(mb "$first") | $(mb "$warm") |"
  done
  echo
  echo "load $(load1) at the end"
done
