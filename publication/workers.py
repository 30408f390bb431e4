"""Entry points of the batch export's worker processes.

Importable before Django is set up (a spawned process unpickles these references first),
so everything Django is imported inside the functions.
"""
from __future__ import annotations


def init() -> None:
    import django

    django.setup()


def render(document, path, file_format: str) -> None:
    from .files import render_to_cache

    render_to_cache(document, path, file_format)
