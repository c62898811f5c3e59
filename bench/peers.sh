#!/usr/bin/env bash
# The peers on the same synthetic content: jrnl (PyPI, in a venv) for show a
# week, export a week as Markdown, add one entry and search; tui-journal
# (crates.io, JSON back-end) for first frame and key-press redraw in tmux.
# Both are installed under JJ_BENCH_CACHE (default ~/.cache/jobjournal-bench)
# on first use; tui-journal's build takes many minutes, timed in its log.
#
#   bash bench/peers.sh [--sizes 1000,10000,100000] [--runs N] [--no-build]

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
parse_options "$@"
need_tools
build
setup_work

CACHE="${JJ_BENCH_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/jobjournal-bench}"
mkdir -p "$CACHE"

install_jrnl() {
  JRNL="$CACHE/jrnl-venv/bin/jrnl"
  if "$JRNL" --version >/dev/null 2>&1; then return 0; fi
  log "installing jrnl from PyPI into $CACHE/jrnl-venv"
  if ! python3 -m venv "$CACHE/jrnl-venv" >"$CACHE/jrnl-install.log" 2>&1; then
    apt_install python3-venv
    python3 -m venv "$CACHE/jrnl-venv" >>"$CACHE/jrnl-install.log" 2>&1 || return 1
  fi
  "$CACHE/jrnl-venv/bin/pip" install -q jrnl >>"$CACHE/jrnl-install.log" 2>&1 || return 1
}

install_tui_journal() {
  TJOURNAL="$CACHE/tui-journal/bin/tjournal"
  if [ -x "$TJOURNAL" ]; then return 0; fi
  log "installing tui-journal from crates.io (a long build; log in $CACHE/tui-journal-install.log)"
  local start=$SECONDS
  cargo install tui-journal --locked --root "$CACHE/tui-journal" >"$CACHE/tui-journal-install.log" 2>&1 || return 1
  echo "installed in $((SECONDS - start)) s" >>"$CACHE/tui-journal-install.log"
}

# The week of $TODAY, Monday to Sunday, as jrnl's -from/-to want it.
WEEK_FROM=2026-11-16
WEEK_TO=2026-11-22

# jrnl is slow at 100k entries (tens of seconds a run): fewer runs there.
peer_runs() {
  if [ "$1" -ge 100000 ] && [ "$RUNS" -gt 3 ]; then echo 3; else echo "$RUNS"; fi
}

jrnl_ops() {
  local n="$1" dir="$WORK/jrnl-$n" runs
  runs=$(peer_runs "$n")
  mkdir -p "$dir"
  if [ ! -f "$dir/journal.orig" ]; then
    "$TO_PEERS" --journal "$(journal "$n")" --jrnl "$dir/journal.orig" >/dev/null
  fi
  cp "$dir/journal.orig" "$dir/journal.txt"
  # jrnl's own default time format, which it parses with a fast path.
  cat >"$dir/jrnl.yaml" <<EOF
colors:
  body: none
  date: none
  tags: none
  title: none
default_hour: 9
default_minute: 0
editor: ''
encrypt: false
highlight: false
indent_character: '|'
journals:
  default:
    journal: $dir/journal.txt
linewrap: 79
tagsymbols: '@'
template: false
timeformat: '%Y-%m-%d %H:%M'
version: v4.6
EOF
  local jrnl=("$JRNL" --config-file "$dir/jrnl.yaml")
  # jrnl rewrites an older config on first use; do that before the clock runs.
  "${jrnl[@]}" -n 1 </dev/null >/dev/null 2>&1 || true
  time_command jrnl show_week "$n" "$runs" "" -- "${jrnl[@]}" -from "$WEEK_FROM" -to "$WEEK_TO"
  time_command jrnl export_week_md "$n" "$runs" "" -- "${jrnl[@]}" -from "$WEEK_FROM" -to "$WEEK_TO" --export markdown
  # jrnl's add rewrites the whole journal: minutes a run at 100k here, so one run.
  local add_runs=$runs
  [ "$n" -lt 100000 ] || add_runs=1
  time_command jrnl add "$n" "$add_runs" "cp $dir/journal.orig $dir/journal.txt" -- \
    "${jrnl[@]}" "Added a duplicate check to the billing run. Customer: Acme Corp. @billing"
  cp "$dir/journal.orig" "$dir/journal.txt"
  time_command jrnl search "$n" "$runs" "" -- "${jrnl[@]}" -contains invoice
}

tui_journal_ops() {
  local n="$1" dir="$WORK/tj-$n"
  mkdir -p "$dir/config" "$dir/state"
  if [ ! -f "$dir/entries.json" ]; then
    "$TO_PEERS" --journal "$(journal "$n")" --tui-journal "$dir/entries.json" >/dev/null
  fi
  cat >"$dir/config/config.toml" <<EOF
backend_type = "Json"
app_state_dir = "$dir/state"

[json_backend]
file_path = "$dir/entries.json"
EOF
  local load_before tj_env=(--env "HOME=$dir" --env "XDG_CONFIG_HOME=$dir/config") driver tool
  for driver in pty tmux; do
    if [ "$driver" = tmux ]; then tool=tui_journal_tmux; else tool=tui_journal; fi
    load_before=$(load1)
    log "tui-journal @ $n ($driver, $RUNS runs, load $load_before)"
    # Its list shows dates as day,month,year; the newest entry is on $TODAY.
    if python3 bench/tui_timer.py --driver "$driver" --out "$WORK/tj.json" --runs "$RUNS" \
      --ready "18,11,2026" --key j "${tj_env[@]}" -- "$TJOURNAL" --config "$dir/config"; then
      python3 bench/summarize.py annotate "$WORK/tj.json" "$RAW/$tool-tui-$n.json" \
        --tool "$tool" --size "$n" --load-before "$load_before" --load-after "$(load1)"
    else
      log "tui-journal @ $n ($driver) failed; see above"
    fi
  done
}

if [ "$JRNL" = 0 ]; then
  [ -f "$RAW/peers-jrnl.txt" ] || echo "not measured: --no-jrnl" >"$RAW/peers-jrnl.txt"
elif install_jrnl; then
  # jrnl prints more lines than head reads: a broken pipe is not a failure.
  { "$JRNL" --version 2>/dev/null || true; } | head -n 1 >"$RAW/peers-jrnl.txt"
  for n in "${SIZE_LIST[@]}"; do jrnl_ops "$n"; done
else
  log "jrnl could not be installed; see $CACHE/jrnl-install.log"
  { echo "not measured: jrnl did not install:"; tail -n 5 "$CACHE/jrnl-install.log"; } >"$RAW/peers-jrnl.txt"
fi
if [ "$TUI" = 0 ]; then
  [ -f "$RAW/peers-tui-journal.txt" ] || echo "not measured: --no-tui" >"$RAW/peers-tui-journal.txt"
elif install_tui_journal; then
  { "$TJOURNAL" --version 2>/dev/null || true; } | head -n 1 >"$RAW/peers-tui-journal.txt"
  grep -h '^installed in' "$CACHE/tui-journal-install.log" >>"$RAW/peers-tui-journal.txt" 2>/dev/null || true
  for n in "${SIZE_LIST[@]}"; do tui_journal_ops "$n"; done
else
  log "tui-journal could not be installed; see $CACHE/tui-journal-install.log"
  { echo "not measured: tui-journal did not install:"; tail -n 5 "$CACHE/tui-journal-install.log"; } >"$RAW/peers-tui-journal.txt"
fi

if [ -z "${JJ_BENCH_NESTED:-}" ]; then
  python3 bench/summarize.py report "$RAW" bench/results BENCHMARKS.md
fi
