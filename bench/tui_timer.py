#!/usr/bin/env python3
"""Times a terminal UI: first frame, redraw after a key press, and each
keystroke of typed text, in a 120x40 terminal.

Two drivers:
  pty  (default) runs the app in a pseudo-terminal this script owns and reads
       its output as it is written: the first frame is done when READY has
       been written (escape sequences stripped), a redraw when the app's
       output after the key goes quiet for 15 ms (the time of its last byte
       counts). Precise to about a millisecond.
  tmux runs it in `tmux new-session -d -x 120 -y 40` and polls
       `capture-pane -p`; closer to what a user's terminal shows, but each
       poll starts a tmux client, so its floor is tens of milliseconds on a
       loaded machine (bench/tui.sh measures that floor with a shell that
       prints READY at once).
Peak RSS is the process's VmHWM just before it is ended. Results go to OUT in
hyperfine's JSON shape (seconds), one result per measurement.

  tui_timer.py --out OUT --ready TEXT [--driver pty|tmux] [--key KEY]...
      [--type TEXT] [--runs N] [--settle S] [--env NAME=VALUE]... -- COMMAND...
"""

import argparse
import fcntl
import json
import os
import re
import select
import shlex
import signal
import struct
import subprocess
import sys
import termios
import time

ROWS, COLS = 40, 120
TIMEOUT = 30.0
QUIET = 0.015
CSI = re.compile(rb"\x1b\[[0-9;?<>=]*[ -/]*[@-~]|\x1b[()][0-9A-Za-z]|\x1b[=>78]|\x1b\][^\x07\x1b]*(\x07|\x1b\\)")
KEYS = {"enter": b"\r", "esc": b"\x1b", "down": b"\x1b[B", "up": b"\x1b[A", "left": b"\x1b[D", "right": b"\x1b[C"}


def key_bytes(key):
    return KEYS.get(key, key.encode())


class Pty:
    """The app in a pseudo-terminal; answers the queries a terminal would."""

    def __init__(self, command, env):
        self.master, slave = os.openpty()
        fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", ROWS, COLS, 0, 0))
        full_env = dict(os.environ, TERM="xterm-256color", COLUMNS=str(COLS), LINES=str(ROWS))
        full_env.update(env)
        self.start = time.monotonic()
        self.proc = subprocess.Popen(
            command, stdin=slave, stdout=slave, stderr=slave, env=full_env,
            start_new_session=True, close_fds=True,
        )
        os.close(slave)
        self.text = b""

    def read(self, timeout):
        """Bytes written within `timeout` seconds, or b"" if none."""
        ready, _, _ = select.select([self.master], [], [], max(timeout, 0))
        if not ready:
            return b""
        try:
            data = os.read(self.master, 65536)
        except OSError:
            raise TimeoutError("the app closed its terminal")
        # Cursor position and device attributes: crossterm waits for replies.
        if b"\x1b[6n" in data:
            os.write(self.master, f"\x1b[{ROWS};1R".encode())
        if b"\x1b[c" in data or b"\x1b[0c" in data:
            os.write(self.master, b"\x1b[?62;22c")
        if b"\x1b[?u" in data:
            os.write(self.master, b"\x1b[?0u")
        return data

    def wait_for(self, ready):
        deadline = time.monotonic() + TIMEOUT
        needle = ready.encode()
        while time.monotonic() < deadline:
            data = self.read(deadline - time.monotonic())
            self.text += data
            if needle in CSI.sub(b"", self.text):
                return time.monotonic()
        raise TimeoutError(f"{ready!r} not written in {TIMEOUT:.0f} s; last output: {CSI.sub(b'', self.text)[-300:]!r}")

    def drain(self, seconds):
        end = time.monotonic() + seconds
        while time.monotonic() < end:
            self.read(end - time.monotonic())

    def press(self, key):
        """Seconds from writing `key` to the last byte of the redraw it causes."""
        self.drain(0.05)
        start = time.monotonic()
        os.write(self.master, key)
        deadline = start + TIMEOUT
        last = None
        while time.monotonic() < deadline:
            data = self.read(QUIET if last else deadline - time.monotonic())
            if data:
                last = time.monotonic()
            elif last:
                return last - start
        raise TimeoutError(f"no redraw after {key!r}")

    def close(self):
        rss = peak_rss_kb(self.proc.pid)
        try:
            os.killpg(self.proc.pid, signal.SIGTERM)
            self.proc.wait(timeout=2)
        except ProcessLookupError:
            pass
        except subprocess.TimeoutExpired:
            os.killpg(self.proc.pid, signal.SIGKILL)
            self.proc.wait()
        os.close(self.master)
        return rss


def run_pty(args, command, env):
    app = Pty(command, env)
    try:
        times = {"first_frame": app.wait_for(args.ready) - app.start}
        app.drain(args.settle)  # let a background load finish, as a user would
        for key in args.key:
            times[f"key {key}"] = app.press(key_bytes(key))
        if args.type:
            times["type"] = [app.press(ch.encode()) for ch in args.type]
    finally:
        rss = app.close()
    return times, rss


SOCKET = f"jjbench-{os.getpid()}"


def tmux(*args, check=True):
    return subprocess.run(
        ["tmux", "-L", SOCKET, "-f", "/dev/null", *args],
        check=check, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, text=True,
    ).stdout


def tmux_wait(session, done, what, styles=False):
    deadline = time.monotonic() + TIMEOUT
    while True:
        text = tmux("capture-pane", "-p", *(["-e"] if styles else []), "-t", session, check=False)
        if done(text):
            return time.monotonic()
        if time.monotonic() > deadline:
            raise TimeoutError(f"{what} not seen in {TIMEOUT:.0f} s")
        time.sleep(0.001)


def run_tmux(args, command, env, run):
    session = f"run{run}"
    inner = "read _ && exec " + " ".join(shlex.quote(c) for c in command)
    env_args = ["env"] + [f"{k}={v}" for k, v in env.items()]
    tmux("new-session", "-d", "-s", session, "-x", str(COLS), "-y", str(ROWS), *env_args, "sh", "-c", inner)
    pid = ""
    try:
        pid = tmux("display-message", "-p", "-t", session, "#{pane_pid}").strip()
        time.sleep(0.3)  # let sh reach `read`; the clock starts at Enter
        start = time.monotonic()
        tmux("send-keys", "-t", session, "Enter")
        times = {"first_frame": tmux_wait(session, lambda s: args.ready in s, repr(args.ready)) - start}
        time.sleep(args.settle)

        def press(key, literal=False):
            before = tmux("capture-pane", "-p", "-e", "-t", session, check=False)
            start = time.monotonic()
            tmux("send-keys", "-t", session, *(["-l"] if literal else []), key)
            return tmux_wait(session, lambda s: s != before, f"redraw after {key}", styles=True) - start

        for key in args.key:
            times[f"key {key}"] = press(key)
        if args.type:
            times["type"] = [press(ch, literal=True) for ch in args.type]
        return times, peak_rss_kb(pid)
    finally:
        # End the app itself: one that ignores the hang-up of kill-session
        # would go on running after the benchmark.
        if pid:
            end_process(int(pid))
        tmux("kill-session", "-t", session, check=False)


def end_process(pid):
    """SIGTERM, then SIGKILL if it is still there after two seconds."""
    for sig in (signal.SIGTERM, signal.SIGKILL):
        try:
            os.kill(pid, sig)
        except ProcessLookupError:
            return
        deadline = time.monotonic() + 2
        while time.monotonic() < deadline:
            if not os.path.exists(f"/proc/{pid}") or zombie(pid):
                return
            time.sleep(0.01)


def zombie(pid):
    try:
        with open(f"/proc/{pid}/stat") as stat:
            return stat.read().rsplit(")", 1)[1].split()[0] == "Z"
    except OSError:
        return True


def peak_rss_kb(pid):
    try:
        with open(f"/proc/{pid}/status") as status:
            for line in status:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1])
    except OSError:
        pass
    return 0


def stats(name, samples, rss_kb):
    ordered = sorted(samples)
    n = len(ordered)
    mean = sum(ordered) / n
    median = ordered[n // 2] if n % 2 else (ordered[n // 2 - 1] + ordered[n // 2]) / 2
    var = sum((t - mean) ** 2 for t in ordered) / (n - 1) if n > 1 else 0.0
    return {"command": name, "mean": mean, "stddev": var**0.5, "median": median,
            "min": ordered[0], "max": ordered[-1], "times": samples, "rss_kb": rss_kb}


def main():
    parser = argparse.ArgumentParser()
    parser.add_argument("--out", required=True)
    parser.add_argument("--ready", required=True)
    parser.add_argument("--driver", choices=["pty", "tmux"], default="pty")
    parser.add_argument("--key", action="append", default=[])
    parser.add_argument("--type", default="")
    parser.add_argument("--runs", type=int, default=10)
    parser.add_argument("--settle", type=float, default=1.0)
    parser.add_argument("--env", action="append", default=[])
    parser.add_argument("command", nargs="+")
    args = parser.parse_args()
    env = dict(item.split("=", 1) for item in args.env)

    collected, rss = {}, 0
    if args.driver == "tmux":
        # One idle session keeps the private server up between runs.
        tmux("new-session", "-d", "-s", "keep", "sleep", "86400")
    try:
        for run in range(args.runs):
            if args.driver == "pty":
                times, run_rss = run_pty(args, args.command, env)
            else:
                times, run_rss = run_tmux(args, args.command, env, run)
            rss = max(rss, run_rss)
            for name, value in times.items():
                collected.setdefault(name, []).extend(value if isinstance(value, list) else [value])
    except (TimeoutError, subprocess.CalledProcessError, OSError) as err:
        print(f"tui_timer: {err}", file=sys.stderr)
        return 1
    finally:
        if args.driver == "tmux":
            tmux("kill-server", check=False)
    results = [stats(name, samples, rss) for name, samples in collected.items()]
    with open(args.out, "w") as out:
        json.dump({"results": results}, out, indent=1)
    return 0


if __name__ == "__main__":
    sys.exit(main())
