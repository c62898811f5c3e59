#!/usr/bin/env bash
# Times the release binary at each journal size with hyperfine (median,
# spread, peak RSS, load average), then the TUI (bench/tui.sh) and the peers
# (bench/peers.sh), and writes the tables into bench/results/*.md and
# BENCHMARKS.md. Non-interactive; installs what it needs.
#
#   bash bench/cli.sh            # everything: 1k, 10k, 100k, peers, TUI
#   bash bench/cli.sh --quick    # 1k and 10k, 3 runs: check that it all works
#   bash bench/cli.sh --help

source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"
parse_options "$@"
need_tools
build
setup_work

# Results of an earlier run would mix with these.
rm -f "$RAW"/*.json "$RAW"/*.txt

python3 bench/summarize.py machine >"$RAW/machine.txt"
uptime >>"$RAW/machine.txt"

for n in "${SIZE_LIST[@]}"; do
  j="$(journal "$n")"
  jj=("$BIN" --journal "$j")
  time_command jobjournal report_json "$n" "$RUNS" "" -- "${jj[@]}" report --week "$WEEK" --format json
  time_command jobjournal report_md "$n" "$RUNS" "" -- "${jj[@]}" report --week "$WEEK" --format md
  # Each run adds to a fresh copy of today's file, so the file never grows.
  time_command jobjournal add "$n" "$RUNS" "cp -p $WORK/today-$n.toml $j/${TODAY:0:4}/$TODAY.toml" -- \
    "${jj[@]}" add fix "Added a duplicate check to the billing run" --customer "Acme Corp" --tag billing
  cp -p "$WORK/today-$n.toml" "$j/${TODAY:0:4}/$TODAY.toml"
  time_command jobjournal list_week "$n" "$RUNS" "" -- "${jj[@]}" list --week "$WEEK"
  time_command jobjournal search "$n" "$RUNS" "" -- "${jj[@]}" list --search invoice
  time_command jobjournal bullets_year "$n" "$RUNS" "" -- "${jj[@]}" bullets --year 2025
  time_command jobjournal check "$n" "$RUNS" "" -- "${jj[@]}" check
done

export JJ_BENCH_NESTED=1
if [ "$TUI" = 1 ]; then
  bash bench/tui.sh --no-build --sizes "$SIZES" --runs "$RUNS"
fi
if [ "$PEERS" = 1 ]; then
  peer_flags=(--no-build --sizes "$SIZES" --runs "$RUNS")
  [ "$TUI" = 1 ] || peer_flags+=(--no-tui)
  [ "$JRNL" = 1 ] || peer_flags+=(--no-jrnl)
  bash bench/peers.sh "${peer_flags[@]}"
fi
if [ "$CRITERION" = 1 ]; then
  bash bench/criterion.sh --sizes "$SIZES"
fi

uptime >>"$RAW/machine.txt"
python3 bench/summarize.py report "$RAW" bench/results BENCHMARKS.md
log "done: bench/results/*.md and BENCHMARKS.md"
