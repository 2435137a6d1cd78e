"""Run one benchmark step in a child process and measure it; time the preview.

`run_step` starts a command, reaps it with `os.wait4` and returns its wall
time, CPU time (user + system, its own children included) and peak resident
memory (max RSS) — each step's own numbers, not the benchmark's. `preview_latency`
starts `bulletins serve` on a loopback port, edits one report and times until the
served page shows the edit. This module must not decide budgets or print tables.
"""

from __future__ import annotations

import os
import re
import socket
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
from dataclasses import dataclass
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
SERVE_CMD = os.environ.get("BENCH_SERVE_CMD", "-m generator.cli").split()


@dataclass
class Measured:
    name: str
    wall: float
    """Seconds, start to exit."""
    cpu: float
    """User + system seconds of the process and its reaped children."""
    rss_mb: float
    """Peak resident memory of the process (or its largest child), MiB."""
    rc: int
    log: str = ""
    tree_mb: float = 0.0
    """Peak memory of the whole process tree at once (the step and every child alive with it:
    worker processes, Pagefind), as proportional set size sampled every 0.1 s, MiB. Shared
    pages (a forked worker's) count once; 0 where /proc has no smaps_rollup."""

    def as_dict(self) -> dict[str, object]:
        return {
            "name": self.name,
            "wall": self.wall,
            "cpu": self.cpu,
            "rss_mb": self.rss_mb,
            "rc": self.rc,
            "tree_mb": self.tree_mb,
        }


def run_step(
    name: str,
    cmd: list[str],
    log: Path,
    *,
    cwd: Path | None = None,
    env: dict[str, str] | None = None,
) -> Measured:
    """Run `cmd` to completion with output to `log`; raise if it fails."""
    full_env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO), **(env or {})}
    with open(log, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(cmd, stdout=out, stderr=subprocess.STDOUT, cwd=cwd, env=full_env)
        sampler = _TreeMemory(proc.pid)
        sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - start
        sampler.stop()
    proc.returncode = os.waitstatus_to_exitcode(status)
    m = Measured(
        name,
        wall,
        usage.ru_utime + usage.ru_stime,
        usage.ru_maxrss / 1024,
        proc.returncode,
        str(log),
        sampler.peak_kib / 1024,
    )
    if m.rc != 0:
        tail = log.read_text(encoding="utf-8", errors="replace")[-3000:]
        raise RuntimeError(f"step {name!r} failed (exit {m.rc}): {' '.join(cmd)}\n{tail}")
    return m


class _TreeMemory(threading.Thread):
    """Samples the summed PSS of a process and its descendants until stopped."""

    def __init__(self, pid: int) -> None:
        super().__init__(daemon=True)
        self.pid = pid
        self.peak_kib = 0
        self._done = threading.Event()

    def run(self) -> None:
        while not self._done.wait(0.1):
            self.peak_kib = max(self.peak_kib, sum(_pss_kib(p) for p in _tree(self.pid)))

    def stop(self) -> None:
        self._done.set()
        self.join()


def _tree(pid: int) -> list[int]:
    out, todo = [], [pid]
    while todo:
        p = todo.pop()
        out.append(p)
        try:
            for task in os.listdir(f"/proc/{p}/task"):
                with open(f"/proc/{p}/task/{task}/children") as f:
                    todo.extend(int(c) for c in f.read().split())
        except OSError:
            continue
    return out


def _pss_kib(pid: int) -> int:
    try:
        with open(f"/proc/{pid}/smaps_rollup") as f:
            for line in f:
                if line.startswith("Pss:"):
                    return int(line.split()[1])
    except (OSError, ValueError):
        pass
    return 0


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=5) as r:
            return r.read().decode("utf-8", errors="replace")
    except (urllib.error.URLError, OSError):
        return None


def preview_latency(
    config_file: Path,
    report: Path,
    page_path: str,
    log: Path,
    *,
    startup_timeout: float = 900,
    figure: bool = False,
) -> dict[str, float]:
    """Seconds from saving an edited report to `bulletins serve` serving it, and serve's startup
    time. The edit adds a sentence to the narrative, or with `figure` changes the report's first
    figure: timed until the report page's figures table shows it."""
    from urllib.parse import urlsplit

    import yaml

    port = free_port()
    site_url = (yaml.safe_load(config_file.read_text(encoding="utf-8")) or {}).get("site_url") or ""
    prefix = urlsplit(site_url).path.strip("/")  # serve mounts the site under site_url's path
    base = f"http://127.0.0.1:{port}/" + (prefix + "/" if prefix else "")
    env = {**os.environ, "NO_MKDOCS_2_WARNING": "1", "PYTHONPATH": str(REPO)}
    original = report.read_bytes()
    with open(log, "wb") as out:
        start = time.perf_counter()
        proc = subprocess.Popen(
            [
                sys.executable,
                *SERVE_CMD,
                "serve",
                "-f",
                str(config_file),
                "-a",
                f"127.0.0.1:{port}",
            ],
            stdout=out,
            stderr=subprocess.STDOUT,
            env=env,
        )
        try:
            while _get(base + page_path) is None:
                if proc.poll() is not None or time.perf_counter() - start > startup_timeout:
                    raise RuntimeError(f"serve did not start: see {log}")
                time.sleep(0.2)
            ready = time.perf_counter() - start
            time.sleep(1.0)  # let the watcher settle after the first build
            marker = f"预览计时标记{port}"
            text = original.decode("utf-8")
            shown = re.compile(re.escape(marker) + "。")  # the narrative's new sentence
            if figure:
                marker = f"9{port}7"
                # In the report's figures table, as written (not merely in its search text).
                shown = re.compile(r'<td class="bl-num"[^>]*>[^<]*' + re.escape(marker))
                text = re.sub(
                    r"(figures:\n  [a-z-]+: [^\d\n]*)(\d+)", r"\g<1>" + marker, text, count=1
                )
                report.write_text(text, encoding="utf-8")
            else:
                report.write_text(text.rstrip("\n") + f"\n\n{marker}。\n", encoding="utf-8")
            edited = time.perf_counter()
            while True:
                body = _get(base + page_path)
                if body is not None and shown.search(body):
                    break
                if time.perf_counter() - edited > 300 or proc.poll() is not None:
                    raise RuntimeError(f"the edit never showed: see {log}")
                time.sleep(0.05)
            latency = time.perf_counter() - edited
        finally:
            report.write_bytes(original)
            proc.terminate()
            try:
                proc.wait(timeout=20)
            except subprocess.TimeoutExpired:
                proc.kill()
                proc.wait()
    return {"startup": ready, "latency": latency}
