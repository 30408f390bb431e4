"""Benchmarks use the test settings; bench/run.py points DATABASE_URL at a throwaway SQLite file."""
from config.test_settings import *
