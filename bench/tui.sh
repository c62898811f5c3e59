#!/usr/bin/env bash
# The TUI's time to first frame (until the current week, 2026-W47, shows),
# its redraw after a key press ([ = previous week), and each keystroke of an
# all-time search (/ then "invoice"), driven by bench/tui_timer.py in a
# pseudo-terminal (precise) and in tmux (as a cross-check; coarser).
# Skips with a message while `jobjournal` with no command has no TUI.
#
#   bash bench/tui.sh [--sizes 1000,10000,100000] [--runs N] [--no-build]

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
parse_options "$@"
need_tools
build
setup_work

# tui_time TOOL SIZE DRIVER ARGS... -- COMMAND...: bench/tui_timer.py, then
# the raw record bench/results/raw/TOOL-tui-SIZE.json.
tui_time() {
  local tool="$1" size="$2" driver="$3" load_before
  shift 3
  load_before=$(load1)
  log "$tool @ $size ($driver, $RUNS runs, load $load_before)"
  if python3 bench/tui_timer.py --driver "$driver" --out "$WORK/tui.json" --runs "$RUNS" "$@"; then
    python3 bench/summarize.py annotate "$WORK/tui.json" "$RAW/$tool-tui-$size.json" \
      --tool "$tool" --size "$size" --load-before "$load_before" --load-after "$(load1)"
  else
    log "$tool @ $size ($driver) failed; see above"
  fi
}

# Each driver's floor: a shell that prints the label at once.
for driver in pty tmux; do
  tui_time "floor_$driver" 0 "$driver" --ready "$WEEK" --settle 0 -- sh -c "echo $WEEK; exec sleep 600"
done

# Without a TUI the bare command prints its help and exits.
probe_dir="$(mktemp -d "$WORK/probe.XXXXXX")"
bare_output="$(timeout 5 "$BIN" --journal "$probe_dir" </dev/null 2>&1 || true)"
if grep -q '^Usage:' <<<"$bare_output"; then
  log "SKIP: jobjournal with no command prints its help: the TUI has not landed on this commit"
  echo "jobjournal TUI: skipped, \`jobjournal\` with no command has no TUI on this commit." >"$RAW/tui-skipped.txt"
else
  rm -f "$RAW/tui-skipped.txt"
  app_env=(--env "JOBJOURNAL_TODAY=$TODAY" --env "JOBJOURNAL_CONFIG=$JOBJOURNAL_CONFIG"
    --env "JOBJOURNAL_STATE_DIR=$JOBJOURNAL_STATE_DIR")
  for n in "${SIZE_LIST[@]}"; do
    j="$(journal "$n")"
    # [ = previous week; / opens search over all time; then each letter of a query.
    tui_time jobjournal_tui "$n" pty --ready "$WEEK" --key "[" --key "/" --type invoice \
      "${app_env[@]}" -- "$BIN" --journal "$j"
    tui_time jobjournal_tui_tmux "$n" tmux --ready "$WEEK" --key "[" "${app_env[@]}" -- "$BIN" --journal "$j"
  done
fi

if [ -z "${JJ_BENCH_NESTED:-}" ]; then
  python3 bench/summarize.py report "$RAW" bench/results BENCHMARKS.md
fi
