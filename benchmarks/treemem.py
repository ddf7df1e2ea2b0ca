"""Run a command and measure its whole process tree: wall time and peak memory of the tree together
(the crawler, its Chromium and every renderer), sampled with psutil (`pip install -e '.[bench]'`)
as the sum of each process's proportional set size.

The largest single process (what `ru_maxrss` of the children reports) understates a crawl that
renders pages: Chromium is a browser process, a GPU-less utility process and one renderer per page.
"""
from __future__ import annotations

import subprocess
import threading
import time
from dataclasses import dataclass

import psutil


@dataclass
class Measured:
    returncode: int
    seconds: float
    peak_mb: float        # the most memory the whole tree held at one moment (PSS, MB)
    stdout: str
    stderr: str


def tree_memory(proc: psutil.Process) -> int:
    """Bytes of memory the tree holds: each process's proportional set size (PSS), so that pages
    Chromium's processes share (its libraries, its shared memory) are counted once, not once per
    process as a sum of resident sets would."""
    total = 0
    for p in [proc, *proc.children(recursive=True)]:
        try:
            total += p.memory_full_info().pss
        except psutil.Error:   # a process that ended between listing and reading
            pass
    return total


def run_measured(cmd: list[str], timeout: float = 3600, interval: float = 0.2, **kwargs) -> Measured:
    started = time.monotonic()
    proc = subprocess.Popen(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, **kwargs)
    peak = 0
    done = threading.Event()

    def sample():
        nonlocal peak
        try:
            root = psutil.Process(proc.pid)
            while not done.is_set():
                peak = max(peak, tree_memory(root))
                done.wait(interval)
        except psutil.Error:
            pass

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    try:
        out, err = proc.communicate(timeout=timeout)
    finally:
        done.set()
        sampler.join()
    return Measured(proc.returncode, time.monotonic() - started, peak / 2**20, out, err)
