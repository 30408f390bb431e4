"""Run callables at the same moment in threads, each with its own database connection."""
from __future__ import annotations

import threading
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

from django.core.exceptions import PermissionDenied
from django.db import connection


def race(*actions: Callable[[], object]) -> list[object]:
    """Each action's result, or the refusal it raised (anything else fails the test)."""
    start = threading.Barrier(len(actions))

    def run(action):
        try:
            start.wait(timeout=10)
            return action()
        except PermissionDenied as exc:
            return exc
        finally:
            connection.close()

    with ThreadPoolExecutor(len(actions)) as pool:
        return list(pool.map(run, actions))
