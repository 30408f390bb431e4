"""Where the CPU time of a run went: the server, the database's backends, the whole machine (Linux /proc)."""
from __future__ import annotations

import os
import resource
from collections.abc import Callable
from pathlib import Path

TICK = os.sysconf("SC_CLK_TCK")


def children() -> float:
    """CPU seconds of the child processes that have exited and been waited for."""
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def machine() -> float:
    """CPU seconds every process has used since boot; NaN without /proc."""
    try:
        fields = Path("/proc/stat").read_text().split("\n", 1)[0].split()[1:]
    except OSError:
        return float("nan")
    user, nice, system, _idle, _iowait, irq, softirq, steal = map(int, fields[:8])
    return (user + nice + system + irq + softirq + steal) / TICK


def _processes():
    """(pid, parent pid, command line, CPU seconds) of every process we may read."""
    for proc in Path("/proc").glob("[0-9]*"):
        try:
            fields = (proc / "stat").read_text().rsplit(")", 1)[1].split()
            cmdline = (proc / "cmdline").read_text()
        except OSError:  # gone meanwhile
            continue
        yield int(proc.name), int(fields[1]), cmdline, (int(fields[11]) + int(fields[12])) / TICK


def backends(database: str) -> Callable[[], dict[int, float]]:
    """PostgreSQL backends serving `database` (their process title names it)."""
    return lambda: {pid: cpu for pid, _ppid, cmdline, cpu in _processes() if f" {database} " in cmdline}


def tree(root: int) -> Callable[[], dict[int, float]]:
    """A process and its direct children (gunicorn's master and workers)."""
    return lambda: {pid: cpu for pid, ppid, _cmdline, cpu in _processes() if root in (pid, ppid)}


class Meter:
    """CPU seconds used by a changing set of processes since the meter was made.

    Sampled often, so processes that end during the run (a database connection
    closed after CONN_MAX_AGE) keep the time they had at the last sample.
    """

    def __init__(self, probe: Callable[[], dict[int, float]]):
        self.probe = probe
        self.start = probe()
        self.last = dict(self.start)

    def sample(self) -> None:
        self.last.update(self.probe())

    def seconds(self) -> float:
        return sum(t - self.start.get(pid, 0.0) for pid, t in self.last.items())
