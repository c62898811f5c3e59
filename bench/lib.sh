# Shared by bench/cli.sh, bench/tui.sh and bench/peers.sh: options, tools,
# the release build, the synthetic journals and the raw results.
# Sourced, never run; every path is relative to the repo or under mktemp -d.

set -euo pipefail

REPO="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$REPO"

# The synthetic journals end on a Wednesday of 2026-W47; "today" is pinned to
# it so every run reads the same days.
TODAY=2026-11-18
WEEK=2026-W47
SEED=7

SIZES="${JJ_BENCH_SIZES:-1000,10000,100000}"
RUNS="${JJ_BENCH_RUNS:-10}"
QUICK=0
BUILD=1
PEERS=1
TUI=1
JRNL=1
CRITERION=1

usage() {
  cat <<'EOF'
usage: bash bench/cli.sh [--quick] [--sizes 1000,10000,100000] [--runs N]
                         [--no-build] [--no-peers] [--no-tui] [--no-jrnl]
                         [--no-criterion]
  --quick     1k and 10k entries, 3 runs each (a smoke test, not the figures)
  --sizes     entry counts to generate and time (default: 1000,10000,100000)
  --runs      hyperfine runs per command (default 10; the slow peers use fewer)
  --no-build  use target/release as it is
  --no-peers  skip jrnl and tui-journal
  --no-tui    skip the TUI timings (ours and tui-journal's)
  --no-jrnl   skip jrnl
  --no-criterion  skip the in-process criterion benchmarks (bench/criterion.sh)
Environment: JJ_BENCH_WORK (scratch dir, default mktemp -d), JJ_BENCH_CACHE
(where the peers are installed, default ~/.cache/jobjournal-bench).
EOF
}

parse_options() {
  while [ $# -gt 0 ]; do
    case "$1" in
      --quick) QUICK=1; SIZES=1000,10000; RUNS=3 ;;
      --sizes) SIZES="$2"; shift ;;
      --runs) RUNS="$2"; shift ;;
      --no-build) BUILD=0 ;;
      --no-peers) PEERS=0 ;;
      --no-tui) TUI=0 ;;
      --no-jrnl) JRNL=0 ;;
      --no-criterion) CRITERION=0 ;;
      -h|--help) usage; exit 0 ;;
      *) echo "bench: unknown option $1" >&2; usage >&2; exit 2 ;;
    esac
    shift
  done
  IFS=, read -r -a SIZE_LIST <<<"$SIZES"
  export JJ_BENCH_QUICK=$QUICK
}

log() { printf '[bench %s] %s\n' "$(date -u +%H:%M:%S)" "$*" >&2; }

# The 1-minute load average: the machine is shared, so every figure carries it.
load1() { cut -d' ' -f1 /proc/loadavg; }

apt_install() {
  local sudo=()
  [ "$(id -u)" = 0 ] || sudo=(sudo)
  "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null 2>&1 || {
    "${sudo[@]}" apt-get update -qq >/dev/null 2>&1
    "${sudo[@]}" env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$@" >/dev/null
  }
}

need_tools() {
  local missing=()
  command -v hyperfine >/dev/null 2>&1 || missing+=(hyperfine)
  [ -x /usr/bin/time ] || missing+=(time)
  command -v tmux >/dev/null 2>&1 || missing+=(tmux)
  command -v python3 >/dev/null 2>&1 || missing+=(python3)
  if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    apt_install "${missing[@]}"
  fi
}

build() {
  if [ "$BUILD" = 1 ]; then
    log "cargo build --release (binary, synth, to_peers)"
    cargo build --release -q --bin jobjournal --example synth --example to_peers
  fi
  BIN="$REPO/target/release/jobjournal"
  SYNTH="$REPO/target/release/examples/synth"
  TO_PEERS="$REPO/target/release/examples/to_peers"
  for f in "$BIN" "$SYNTH" "$TO_PEERS"; do
    [ -x "$f" ] || { echo "bench: $f is missing; run without --no-build" >&2; exit 1; }
  done
}

# One scratch dir for journals, configs and copies; removed at exit unless
# the caller passed its own in JJ_BENCH_WORK.
setup_work() {
  if [ -n "${JJ_BENCH_WORK:-}" ]; then
    WORK="$JJ_BENCH_WORK"
    mkdir -p "$WORK"
  else
    WORK="$(mktemp -d "${TMPDIR:-/tmp}/jj-bench.XXXXXX")"
    export JJ_BENCH_WORK="$WORK"
    trap 'rm -rf "$WORK"' EXIT
  fi
  RAW="$REPO/bench/results/raw"
  mkdir -p "$RAW"
  : >"$WORK/config.toml"
  mkdir -p "$WORK/state"
  export JOBJOURNAL_TODAY="$TODAY"
  export JOBJOURNAL_CONFIG="$WORK/config.toml"
  export JOBJOURNAL_STATE_DIR="$WORK/state"
  unset JOBJOURNAL_DIR
}

# The journal of N entries, generated once per scratch dir; prints its path.
journal() {
  local n="$1" dir="$WORK/journal-$1"
  if [ ! -f "$dir/.complete" ]; then
    rm -rf "$dir"
    log "generating $n entries"
    "$SYNTH" --entries "$n" --dir "$dir" --seed "$SEED" --until "$TODAY" >/dev/null
    chmod -R go-rwx "$dir"
    # Pristine copy of today's file, for the prepare step of `add`.
    cp -p "$dir/${TODAY:0:4}/$TODAY.toml" "$WORK/today-$n.toml"
    # The index cache skips files changed in the last 3 s; wait them out,
    # so the first search records every file as a user's journal would.
    sleep 4
    touch "$dir/.complete"
  fi
  echo "$dir"
}

# peak_rss_kb COUNT PREPARE -- COMMAND...: the largest max RSS of COUNT runs.
peak_rss_kb() {
  local count="$1" prepare="$2" best=0 kb i
  shift 3
  for ((i = 0; i < count; i++)); do
    [ -z "$prepare" ] || sh -c "$prepare"
    kb=$(/usr/bin/time -f %M "$@" 2>&1 >/dev/null | tail -n 1)
    case "$kb" in ''|*[!0-9]*) kb=0 ;; esac
    [ "$kb" -gt "$best" ] && best=$kb
  done
  echo "$best"
}

# single_run OUT PREPARE LOAD TOOL OP SIZE COMMAND...: one run's wall, CPU
# and peak RSS from /usr/bin/time, as a raw record.
single_run() {
  local out="$1" prepare="$2" load_before="$3" tool="$4" op="$5" size="$6" line
  shift 6
  [ -z "$prepare" ] || sh -c "$prepare"
  if ! line=$(/usr/bin/time -f '%e %U %S %M' "$@" 2>&1 >/dev/null </dev/null | tail -n 1); then
    log "$tool $op @ $size failed: $line"
    return 0
  fi
  python3 - "$out.tmp" "$line" "$*" <<'PY'
import json, sys
wall, user, system, rss = sys.argv[2].split()
t = float(wall)
json.dump({"results": [{"command": sys.argv[3], "mean": t, "stddev": 0.0, "median": t, "min": t,
           "max": t, "times": [t], "user": float(user), "system": float(system),
           "rss_kb": int(rss)}]}, open(sys.argv[1], "w"))
PY
  python3 "$REPO/bench/summarize.py" annotate "$out.tmp" "$out" \
    --tool "$tool" --op "$op" --size "$size" --load-before "$load_before" --load-after "$(load1)"
  rm -f "$out.tmp"
}

# time_command TOOL OP SIZE RUNS PREPARE -- COMMAND...: hyperfine's JSON plus
# our notes (load average, peak RSS) in bench/results/raw/TOOL-OP-SIZE.json.
time_command() {
  local tool="$1" op="$2" size="$3" runs="$4" prepare="$5"
  shift 6
  local out="$RAW/$tool-$op-$size.json" load_before rss cmd
  cmd="$(printf '%q ' "$@")"
  load_before=$(load1)
  log "$tool $op @ $size ($runs runs, load $load_before)"
  if [ "$runs" = 1 ]; then
    # A command of minutes gets one run, timed and sized by /usr/bin/time.
    single_run "$out" "$prepare" "$load_before" "$tool" "$op" "$size" "$@"
    return 0
  fi
  local args=(--style basic --runs "$runs" --export-json "$out.tmp" -N)
  [ "$runs" -ge 5 ] && args+=(--warmup 1)
  [ -z "$prepare" ] || args+=(--prepare "$prepare")
  if ! hyperfine "${args[@]}" "$cmd" >"$WORK/hyperfine.log" 2>&1; then
    log "hyperfine failed for $tool $op @ $size:"
    tail -n 5 "$WORK/hyperfine.log" >&2
    rm -f "$out.tmp"
    return 0
  fi
  # Slow commands (few runs) get one RSS run, the others three.
  rss=$(peak_rss_kb "$([ "$runs" -gt 3 ] && echo 3 || echo 1)" "$prepare" -- "$@")
  python3 "$REPO/bench/summarize.py" annotate "$out.tmp" "$out" \
    --tool "$tool" --op "$op" --size "$size" --load-before "$load_before" \
    --load-after "$(load1)" --rss-kb "$rss"
  rm -f "$out.tmp"
}
