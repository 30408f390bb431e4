"""Benchmarks run against a throwaway SQLite database unless DATABASE_URL is set."""
import os
import tempfile

os.environ.setdefault("DATABASE_URL", f"sqlite:///{tempfile.gettempdir()}/nianbao-bench.sqlite3")
from config.test_settings import *  # noqa: E402,F401,F403
