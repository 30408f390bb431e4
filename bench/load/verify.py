"""After the run: was every acknowledged write kept, and how long did the requests take."""
from __future__ import annotations

import math
from dataclasses import dataclass

from .scenario import ACKED, UNKNOWN


def lost_writes(records: list[dict], stored: dict[str, dict[str, str]]) -> list[str]:
    """Keys whose stored value is not the last one the server acknowledged; empty when nothing was lost.

    A write whose answer never came (the request failed) may or may not have landed:
    its value is accepted too. Values are compared as sent (the scenario sends normalised ones).
    """
    problems = []
    for record in records:
        user = record["username"]
        acceptable: dict[str, set[str]] = {}
        for write in record["writes"]:
            if write["outcome"] == ACKED:
                acceptable[write["key"]] = {write["value"]}
            elif write["outcome"] == UNKNOWN:
                acceptable.setdefault(write["key"], {""}).add(write["value"])
        have = stored.get(user, {})
        for key, values in acceptable.items():
            if have.get(key, "") not in values:
                problems.append(f"{user} {key}: expected {' or '.join(map(repr, sorted(values)))}, "
                                f"stored {have.get(key, '')!r}")
    return problems


@dataclass(frozen=True)
class Row:
    name: str
    count: int
    failures: int
    p50: float
    p95: float
    p99: float


def percentile(ordered: list[float], share: float) -> float:
    """Nearest rank: the smallest sample at or above `share` of all samples (NaN without samples)."""
    if not ordered:
        return math.nan
    return ordered[max(math.ceil(share * len(ordered)) - 1, 0)]


def latency_row(name: str, samples: list[tuple[float, bool]]) -> Row:
    """`samples` are (milliseconds, failed) pairs."""
    ordered = sorted(ms for ms, _failed in samples)
    return Row(name, len(samples), sum(failed for _ms, failed in samples),
               *(percentile(ordered, p) for p in (0.50, 0.95, 0.99)))
