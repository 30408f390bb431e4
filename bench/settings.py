"""Benchmarks use the test settings; bench/run.py points DATABASE_URL at a throwaway SQLite file."""
import os
from pathlib import Path

from config.test_settings import *

# The db_worker processes of bench_province share one media folder and one export cache with each other
# (the test settings give every process folders of its own).
if os.environ.get("BENCH_SHARED_DIR"):
    MEDIA_ROOT = Path(os.environ["BENCH_SHARED_DIR"]) / "media"
    EXPORT_CACHE_DIR = Path(os.environ["BENCH_SHARED_DIR"]) / "exports"
