#!/usr/bin/env python3
"""Turns the raw timings of bench/*.sh into Markdown tables.

  summarize.py machine                       the machine, for the results
  summarize.py annotate IN OUT --tool T ...  hyperfine/tmux_tui JSON -> one raw record
  summarize.py report RAW_DIR OUT_DIR BENCHMARKS.md
      writes OUT_DIR/{machine,cli,tui,peers,targets}.md and splices each
      into BENCHMARKS.md between <!-- results:NAME --> and <!-- /results:NAME -->

Every figure in the tables comes from a raw record; nothing is estimated.
"""

import argparse
import glob
import json
import os
import platform
import re
import subprocess
import sys
from datetime import datetime, timezone

# (our tool, our op, peer tool, peer op, what it is)
PAIRS = [
    ("jobjournal", "list_week", "jrnl", "show_week", "show a week"),
    ("jobjournal", "report_md", "jrnl", "export_week_md", "export a week as Markdown"),
    ("jobjournal", "add", "jrnl", "add", "add one entry"),
    ("jobjournal", "search", "jrnl", "search", "search all time"),
    ("jobjournal_tui", "first_frame", "tui_journal", "first_frame", "TUI first frame"),
    ("jobjournal_tui", "key [", "tui_journal", "key j", "TUI redraw after a key"),
]

OPS = {
    "report_json": "`report --week 2026-W47 --format json`",
    "report_md": "`report --week 2026-W47 --format md`",
    "list_week": "`list --week 2026-W47`",
    "show_week": "`jrnl -from 2026-11-16 -to 2026-11-22`",
    "export_week_md": "`jrnl -from 2026-11-16 -to 2026-11-22 --export markdown`",
    "add": "`add fix …` (a fresh copy of the day first)",
    "search": "`list --search invoice` (all time)",
    "bullets_year": "`bullets --year 2025`",
    "check": "`check`",
    "first_frame": "first frame (until the current week's label shows)",
    "key [": "redraw after `[` (previous week)",
    "key /": "redraw after `/` (open search)",
    "type": "each keystroke of `invoice` in search (all time)",
    "key j": "redraw after `j` (next entry)",
}
# Where a peer's op shares our op's name but not its command.
PEER_OPS = {
    ("jrnl", "add"): "`jrnl \"Added … @billing\"` (a fresh copy of the journal first)",
    ("jrnl", "search"): "`jrnl -contains invoice` (all time)",
    ("tui_journal", "first_frame"): "first frame (until the newest date, `18,11,2026`, shows)",
    ("tui_journal_tmux", "first_frame"): "first frame (until the newest date, `18,11,2026`, shows)",
}


def op_text(tool, op):
    return PEER_OPS.get((tool, op)) or OPS.get(op, op)


def run(*cmd):
    try:
        return subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True).stdout.strip()
    except OSError:
        return ""


def machine():
    cpu = ""
    for line in run("lscpu").splitlines():
        if line.startswith("Model name:"):
            cpu = line.split(":", 1)[1].strip()
    mem_kb = 0
    with open("/proc/meminfo") as meminfo:
        for line in meminfo:
            if line.startswith("MemTotal:"):
                mem_kb = int(line.split()[1])
    print(f"date: {datetime.now(timezone.utc):%Y-%m-%d %H:%M} UTC")
    print(f"cores (nproc): {run('nproc')}")
    print(f"cpu: {cpu or platform.processor() or 'unknown'}")
    print(f"memory: {mem_kb / 1024 / 1024:.1f} GiB")
    print(f"kernel: {platform.system()} {platform.release()}")
    print(f"rustc: {run('rustc', '--version')}")
    print(f"hyperfine: {run('hyperfine', '--version')}")
    print(f"commit: {run('git', 'rev-parse', '--short', 'HEAD')}{' (dirty)' if run('git', 'status', '--porcelain', '--untracked-files=no') else ''}")


def annotate(args):
    with open(args.input) as f:
        data = json.load(f)
    results = []
    for result in data["results"]:
        record = {
            "op": args.op or result["command"],
            "command": result["command"],
            "median": result["median"],
            "mean": result["mean"],
            "stddev": result.get("stddev") or 0.0,
            "min": result["min"],
            "max": result["max"],
            "runs": len(result.get("times", [])),
            "rss_kb": result.get("rss_kb", args.rss_kb),
            # CPU seconds (mean of runs): steadier than wall time on a shared machine.
            "cpu": (result["user"] + result["system"]) if "user" in result else None,
        }
        results.append(record)
    record = {
        "tool": args.tool,
        "size": args.size,
        "load_before": args.load_before,
        "load_after": args.load_after,
        "results": results,
    }
    with open(args.output, "w") as f:
        json.dump(record, f, indent=1)


def load_records(raw):
    rows = {}
    for path in sorted(glob.glob(os.path.join(raw, "*.json"))):
        with open(path) as f:
            record = json.load(f)
        for result in record["results"]:
            result = dict(result, tool=record["tool"], size=record["size"],
                          load=f"{record['load_before']}→{record['load_after']}")
            rows[(record["tool"], result["op"], record["size"])] = result
    return rows


def ms(seconds):
    value = seconds * 1000
    return f"{value:.0f}" if value >= 100 else f"{value:.1f}"


def size_text(size):
    return f"{size // 1000}k" if size >= 1000 and size % 1000 == 0 else str(size)


def rss_text(kb):
    return f"{kb / 1024:.1f}" if kb else "–"


def table(rows, tools):
    lines = [
        "| tool | command | entries | median ms | min–max ms | σ ms | CPU ms | runs | peak RSS MB | load 1 min (before→after) |",
        "|---|---|--:|--:|--:|--:|--:|--:|--:|---|",
    ]
    order = list(OPS)
    picked = [r for r in rows.values() if r["tool"] in tools]
    picked.sort(key=lambda r: (tools.index(r["tool"]), order.index(r["op"]) if r["op"] in order else 99, r["size"]))
    for r in picked:
        lines.append(
            f"| {r['tool']} | {op_text(r['tool'], r['op'])} | {size_text(r['size'])} | {ms(r['median'])} "
            f"| {ms(r['min'])}–{ms(r['max'])} | {ms(r['stddev'])} | {ms(r['cpu']) if r.get('cpu') is not None else '–'} | {r['runs']} | {rss_text(r['rss_kb'])} | {r['load']} |"
        )
    if not picked:
        lines.append("| – | not measured in this run | | | | | | | | |")
    return "\n".join(lines)


def ratios(rows):
    sizes = sorted({r["size"] for r in rows.values() if r["size"] >= 10000})
    lines = [
        "Peer's median ÷ jobjournal's median (above 1: jobjournal is faster); the CPU ratio divides "
        "mean CPU times, which a busy machine disturbs less.",
        "",
        "| operation | entries | jobjournal ms | peer | peer ms | ratio | CPU ratio |",
        "|---|--:|--:|---|--:|--:|--:|",
    ]
    count = 0
    for ours, our_op, peer, peer_op, what in PAIRS:
        for size in sizes:
            a = rows.get((ours, our_op, size))
            b = rows.get((peer, peer_op, size))
            if a and b:
                count += 1
                cpu = (f"{b['cpu'] / a['cpu']:.1f}×" if a.get("cpu") and b.get("cpu") else "–")
                lines.append(f"| {what} | {size_text(size)} | {ms(a['median'])} | {peer} | {ms(b['median'])} | {b['median'] / a['median']:.1f}× | {cpu} |")
            elif a or b:
                missing = ours if not a else peer
                lines.append(f"| {what} | {size_text(size)} | {ms(a['median']) if a else '–'} | {peer} | {ms(b['median']) if b else '–'} | – ({missing} not measured) | – |")
    if count == 0 and len(lines) == 4:
        lines.append("| – | | | not measured in this run | | | |")
    return "\n".join(lines)


def targets(rows):
    big = 100000
    def get(tool, op, size=big):
        return rows.get((tool, op, size))

    def verdict(ok):
        return "**pass**" if ok else "**FAIL**"

    lines = [
        "At 100k entries: wall-time medians of this run, judged as the issue states the targets (benchmarks, "
        "not timed tests), with the load average and CPU time beside each so a busy machine can be told from slow code.",
        "",
        "| target | measured | verdict |",
        "|---|---|---|",
    ]
    def limit(what, row, bound_ms, note=""):
        if not row:
            lines.append(f"| {what} ≤ {bound_ms} ms | not measured | – |")
            return
        extra = f"; CPU {ms(row['cpu'])} ms" if row.get("cpu") is not None else ""
        lines.append(f"| {what} ≤ {bound_ms} ms | {ms(row['median'])} ms{note} (load {row['load']}{extra}) | {verdict(row['median'] * 1000 <= bound_ms)} |")

    for op in ("report_json", "report_md"):
        limit(f"week report ({op[7:]})", get("jobjournal", op), 20)
        a, b = get("jobjournal", op), get("jobjournal", op, 10000)
        if a and b:
            r = a["median"] / b["median"]
            lines.append(f"| week report ({op[7:]}) 100k ≤ 1.3 × 10k | {r:.2f} × ({ms(a['median'])} / {ms(b['median'])} ms) | {verdict(r <= 1.3)} |")
        else:
            lines.append(f"| week report ({op[7:]}) 100k ≤ 1.3 × 10k | not measured | – |")
    limit("`add`", get("jobjournal", "add"), 15)
    limit("all-time search, new process", get("jobjournal", "search"), 200)
    floor = rows.get(("floor_pty", "first_frame", 0))
    note = f" (includes the pty driver's floor, {ms(floor['median'])} ms)" if floor else ""
    limit("search keystroke in the TUI", get("jobjournal_tui", "type"), 16, note)
    limit("`bullets --year`", get("jobjournal", "bullets_year"), 50)
    limit("TUI first frame", get("jobjournal_tui", "first_frame"), 100, note)
    ours = [r for r in rows.values() if r["tool"] in ("jobjournal", "jobjournal_tui") and r["size"] == big and r["rss_kb"]]
    if ours:
        worst = max(ours, key=lambda r: r["rss_kb"])
        lines.append(f"| peak RSS ≤ 100 MB | {rss_text(worst['rss_kb'])} MB ({worst['tool']} {worst['op']}) | {verdict(worst['rss_kb'] <= 100 * 1024)} |")
    else:
        lines.append("| peak RSS ≤ 100 MB | not measured | – |")
    return "\n".join(lines)


def notes(raw, name):
    path = os.path.join(raw, name)
    if os.path.exists(path):
        with open(path) as f:
            return f.read().strip()
    return ""


def report(args):
    rows = load_records(args.raw)
    machine_text = notes(args.raw, "machine.txt")
    sections = {
        "machine": "```\n" + (machine_text or "not recorded") + "\n```",
        "cli": table(rows, ["jobjournal"]),
        "tui": "\n\n".join(filter(None, [
            table(rows, ["jobjournal_tui", "jobjournal_tui_tmux", "floor_pty", "floor_tmux", "tui_journal", "tui_journal_tmux"]),
            notes(args.raw, "tui-skipped.txt"),
        ])),
        "peers": "\n\n".join(filter(None, [
            "jrnl: " + (notes(args.raw, "peers-jrnl.txt") or "not run"),
            "tui-journal: " + (notes(args.raw, "peers-tui-journal.txt").replace("\n", "; ") or "not run"),
            table(rows, ["jrnl"]),
            ratios(rows),
        ])),
        "targets": targets(rows),
    }
    os.makedirs(args.out, exist_ok=True)
    for name, text in sections.items():
        with open(os.path.join(args.out, f"{name}.md"), "w") as f:
            f.write(text + "\n")
    splice(args.doc, sections)


def criterion(args):
    """Medians of the last `cargo bench` from target/criterion, as a table."""
    rows = []
    for path in glob.glob(os.path.join(args.target, "**", "new", "benchmark.json"), recursive=True):
        with open(path) as f:
            bench = json.load(f)
        with open(os.path.join(os.path.dirname(path), "estimates.json")) as f:
            est = json.load(f)
        name = bench["group_id"] + ("/" + bench["function_id"] if bench.get("function_id") else "")
        size = int(bench.get("value_str") or 0)
        median = est["median"]
        rows.append((name, size, median["point_estimate"] / 1e9,
                     median["confidence_interval"]["lower_bound"] / 1e9,
                     median["confidence_interval"]["upper_bound"] / 1e9,
                     est["std_dev"]["point_estimate"] / 1e9))
    rows.sort()
    lines = [
        "| benchmark | entries | median ms | 95% CI of the median, ms | σ ms |",
        "|---|--:|--:|--:|--:|",
    ]
    for name, size, med, lo, hi, sd in rows:
        lines.append(f"| {name} | {size_text(size)} | {ms(med)} | {ms(lo)}–{ms(hi)} | {ms(sd)} |")
    if not rows:
        lines.append("| – | not measured | | | |")
    text = "\n".join(lines)
    if args.load:
        text += f"\n\nLoad average (1, 5, 15 min) {args.load}."
    with open(args.out, "w") as f:
        f.write(text + "\n")
    splice(args.doc, {"criterion": text})


def splice(doc_path, sections):
    if not os.path.exists(doc_path):
        return
    with open(doc_path) as f:
        doc = f.read()
    for name, text in sections.items():
        pattern = re.compile(rf"(<!-- results:{re.escape(name)} -->\n).*?(<!-- /results:{re.escape(name)} -->)", re.S)
        doc = pattern.sub(lambda m: m.group(1) + text + "\n" + m.group(2), doc)
    with open(doc_path, "w") as f:
        f.write(doc)


def main():
    parser = argparse.ArgumentParser()
    sub = parser.add_subparsers(dest="what", required=True)
    sub.add_parser("machine")
    a = sub.add_parser("annotate")
    a.add_argument("input")
    a.add_argument("output")
    a.add_argument("--tool", required=True)
    a.add_argument("--op")
    a.add_argument("--size", type=int, required=True)
    a.add_argument("--load-before", default="?")
    a.add_argument("--load-after", default="?")
    a.add_argument("--rss-kb", type=int, default=0)
    r = sub.add_parser("report")
    r.add_argument("raw")
    r.add_argument("out")
    r.add_argument("doc")
    c = sub.add_parser("criterion")
    c.add_argument("target")
    c.add_argument("out")
    c.add_argument("doc")
    c.add_argument("--load", default="")
    args = parser.parse_args()
    if args.what == "criterion":
        criterion(args)
    elif args.what == "machine":
        machine()
    elif args.what == "annotate":
        annotate(args)
    else:
        report(args)


if __name__ == "__main__":
    sys.exit(main())
