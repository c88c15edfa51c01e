"""Running one measured command: wall time, CPU time and peak memory of the whole process tree.

``os.wait4`` gives the child's own rusage, which (on Linux) folds in the children it waited for: user
and system CPU of the whole tree, and the largest single process's peak RSS -- what GNU ``time -v``
prints, without needing Debian's ``time`` package. A build runs MkDocs as a subprocess while the parent
still holds the spaCy model, so the peak of the *sum* matters too: a sampler thread reads the resident
set of every process in the tree from ``/proc`` five times a second (Linux only; elsewhere it reports None).
"""

from __future__ import annotations

import os
import subprocess
import threading
import time
from dataclasses import dataclass
from pathlib import Path

PAGE = os.sysconf("SC_PAGE_SIZE") if hasattr(os, "sysconf") else 4096


@dataclass(frozen=True)
class Run:
    cmd: list[str]
    returncode: int
    wall: float  # seconds
    cpu: float  # user + system seconds of the whole tree
    max_rss_mb: float  # largest single process (ru_maxrss)
    tree_rss_mb: float | None  # largest sum over the tree, sampled
    stdout: str
    stderr: str


def _tree_rss(root: int) -> int:
    """Resident bytes of ``root`` and all its descendants (parents read from /proc/*/stat)."""
    parent: dict[int, int] = {}
    rss: dict[int, int] = {}
    for d in Path("/proc").iterdir():
        if not d.name.isdigit():
            continue
        try:
            stat = (d / "stat").read_text()
            fields = stat[stat.rindex(")") + 2 :].split()
            parent[int(d.name)] = int(fields[1])
            rss[int(d.name)] = int(fields[21]) * PAGE
        except (OSError, ValueError, IndexError):
            continue
    total, todo = 0, [root]
    kids: dict[int, list[int]] = {}
    for pid, ppid in parent.items():
        kids.setdefault(ppid, []).append(pid)
    while todo:
        pid = todo.pop()
        total += rss.get(pid, 0)
        todo += kids.get(pid, [])
    return total


def run(cmd: list[str], *, cwd: Path | None = None, env: dict | None = None, stdout_path: Path | None = None) -> Run:
    """Run ``cmd`` to completion and measure it. Output is captured (to files, so a long run cannot
    fill a pipe)."""
    import tempfile

    with tempfile.TemporaryFile() as out, tempfile.TemporaryFile() as err:
        t0 = time.perf_counter()
        proc = subprocess.Popen(cmd, cwd=cwd, env=env, stdout=out, stderr=err)
        peak = [0]
        stop = threading.Event()
        sampling = Path(f"/proc/{proc.pid}").exists()

        def sample() -> None:
            while not stop.is_set():
                peak[0] = max(peak[0], _tree_rss(proc.pid))
                stop.wait(0.2)

        sampler = threading.Thread(target=sample, daemon=True)
        if sampling:
            sampler.start()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - t0
        stop.set()
        if sampling:
            sampler.join()
        proc.returncode = os.waitstatus_to_exitcode(status)
        out.seek(0)
        err.seek(0)
        stdout, stderr = out.read().decode("utf-8", "replace"), err.read().decode("utf-8", "replace")
    if stdout_path is not None:
        stdout_path.write_text(stdout + "\n--- stderr ---\n" + stderr, encoding="utf-8")
    return Run(
        cmd=cmd,
        returncode=proc.returncode,
        wall=wall,
        cpu=usage.ru_utime + usage.ru_stime,
        max_rss_mb=usage.ru_maxrss / 1024,  # kilobytes on Linux
        tree_rss_mb=peak[0] / 2**20 if sampling else None,
        stdout=stdout,
        stderr=stderr,
    )
