"""The load test: editors drafting at once against gunicorn and PostgreSQL (bench/bench_load.py)."""
