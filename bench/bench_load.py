"""Fifty editors drafting at once: gunicorn with the production settings on PostgreSQL, driven by locust.

A throwaway database (nianbao_load) gets 50 editors, each with its own agency and draft; locust
(bench/load/locustfile.py) logs each in once and loops open a step, live check, save for 60 s.
Afterwards every value the server acknowledged must be in the database, and no request may fail.
"""
from __future__ import annotations

import json
import os
import secrets
import signal
import socket
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

from bench.load import cpu, report
from bench.load.verify import lost_writes

ROOT = Path(__file__).resolve().parent.parent
USERS, SPAWN_RATE, THINK = 50, 10, 1.0
SECONDS = int(os.environ.get("NIANBAO_LOAD_SECONDS", "60"))
# Three sync workers: a request is mostly CPU-bound Python (threads would share one GIL), with short
# waits on PostgreSQL; on 2 cores three processes beat five sync and 2 gthread × 4 after the logins, and
# a sync worker closes each connection (gthread's keep-alive once gave resets). The variables try others.
WORKER_CLASS = os.environ.get("NIANBAO_LOAD_WORKER_CLASS", "sync")
WORKERS = int(os.environ.get("NIANBAO_LOAD_WORKERS", "3"))
THREADS = int(os.environ.get("NIANBAO_LOAD_THREADS", "1"))
# Another checkout may run this benchmark at the same time: NIANBAO_LOAD_DB gives it a database of its own.
DB_NAME = os.environ.get("NIANBAO_LOAD_DB", "nianbao_load")
PG = {"host": "127.0.0.1", "port": 5432, "user": "postgres"}


def run() -> str:
    missing = _missing_tools()
    if missing:
        return _skipped(missing)
    import psycopg

    with tempfile.TemporaryDirectory(prefix="nianbao-load-") as tmp_name:
        tmp, server = Path(tmp_name), None
        env = _server_env(tmp)
        try:
            _recreate_database()
        except psycopg.Error as exc:  # unreachable, no permission, …
            reason = str(exc).splitlines()[0] if str(exc) else type(exc).__name__
            return _skipped(f"PostgreSQL at {PG['host']}:{PG['port']} (user {PG['user']}) is not usable: {reason}")
        try:
            _django(env, "manage.py", "migrate", "--noinput")
            _django(env, "manage.py", "collectstatic", "--noinput")
            _django(env, "-m", "bench.load.population", "seed", str(USERS), str(tmp / "accounts.json"))
            port = _free_port()
            server = _start_gunicorn(env, port, tmp / "gunicorn.log")
            _wait_until_up(port, server)
            usage = _run_locust(env, port, tmp, server)
            _stop(server)
            server_errors = (tmp / "gunicorn.log").read_text().count("Internal Server Error")
            _django(env, "-m", "bench.load.population", "stored", str(tmp / "records.json"),
                    str(tmp / "stored.json"))
            records = json.loads((tmp / "records.json").read_text())
            stored = json.loads((tmp / "stored.json").read_text())
        finally:
            if server is not None:
                _stop(server)
            _drop_database()
    return report.section(setup=_setup_text(), records=records, lost=lost_writes(records["editors"], stored),
                          server_errors=server_errors, cpu=_cpu_text(**usage))


def _missing_tools() -> str:
    for module in ("locust", "gunicorn", "psycopg"):
        try:
            __import__(module)
        except ImportError:
            return f"{module} is not installed (`pip install -e '.[test,bench]'`)"
    return ""


def _skipped(reason: str) -> str:
    return f"{report.TITLE}\n\nNot run: {reason}.\n"


def _admin_connection():
    import psycopg

    return psycopg.connect(**PG, dbname="postgres", autocommit=True, connect_timeout=5)


def _recreate_database() -> None:
    with _admin_connection() as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")
        conn.execute(f"CREATE DATABASE {DB_NAME}")


def _drop_database() -> None:
    with _admin_connection() as conn:
        conn.execute(f"DROP DATABASE IF EXISTS {DB_NAME} WITH (FORCE)")


def _server_env(tmp: Path) -> dict:
    """Production settings: DEBUG off, a key, one host; no TLS in front, so no redirect to https."""
    dropped = ("DEBUG", "CSRF_TRUSTED_ORIGINS", "BEHIND_TLS_PROXY")
    env = {k: v for k, v in os.environ.items() if k not in dropped}
    env.update({
        "DJANGO_SETTINGS_MODULE": "bench.load.server_settings",
        "DATABASE_URL": f"postgres://{PG['user']}@{PG['host']}:{PG['port']}/{DB_NAME}",
        "SECRET_KEY": secrets.token_urlsafe(50),
        "ALLOWED_HOSTS": "127.0.0.1",
        "SECURE_SSL_REDIRECT": "0",
        "NIANBAO_LOAD_STATIC_ROOT": str(tmp / "static"),
        "EXPORT_CACHE_DIR": str(tmp / "exports"),
        "PYTHONPATH": str(ROOT),
    })
    return env


def _django(env: dict, *args: str) -> None:
    done = subprocess.run([sys.executable, *args], check=False, cwd=ROOT, env=env, capture_output=True,
                          text=True)
    if done.returncode:
        raise RuntimeError(f"{' '.join(args)} failed:\n{done.stderr[-3000:]}")


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _start_gunicorn(env: dict, port: int, log: Path) -> subprocess.Popen:
    command = [sys.executable, "-m", "gunicorn", "config.wsgi:application", "--bind", f"127.0.0.1:{port}",
               "--workers", str(WORKERS), "--worker-class", WORKER_CLASS, "--threads", str(THREADS),
               "--timeout", "60", "--graceful-timeout", "10"]
    with log.open("w") as out:
        return subprocess.Popen(command, cwd=ROOT, env=env, stdout=out, stderr=subprocess.STDOUT)


def _wait_until_up(port: int, server: subprocess.Popen) -> None:
    deadline = time.monotonic() + 60
    while time.monotonic() < deadline:
        if server.poll() is not None:
            raise RuntimeError(f"gunicorn exited with {server.returncode}")
        try:
            with urllib.request.urlopen(f"http://127.0.0.1:{port}/accounts/login/", timeout=5) as answer:
                if answer.status == 200:
                    return
        except OSError:
            time.sleep(0.3)
    raise RuntimeError("gunicorn did not answer within 60 s")


def _run_locust(env: dict, port: int, tmp: Path, server: subprocess.Popen) -> dict:
    """Run the load; returns where the CPU time went meanwhile."""
    command = [sys.executable, "-m", "locust", "-f", str(ROOT / "bench" / "load" / "locustfile.py"),
               "--headless", "-u", str(USERS), "-r", str(SPAWN_RATE), "-t", f"{SECONDS}s",
               "--stop-timeout", "30",
               "--host", f"http://127.0.0.1:{port}", "--only-summary", "--loglevel", "WARNING"]
    locust_env = {**env, "NIANBAO_LOAD_ACCOUNTS": str(tmp / "accounts.json"),
                  "NIANBAO_LOAD_RECORDS": str(tmp / "records.json"), "NIANBAO_LOAD_THINK": str(THINK)}
    load_before, machine_before, locust_before = os.getloadavg()[0], cpu.machine(), cpu.children()
    gunicorn, postgres = cpu.Meter(cpu.tree(server.pid)), cpu.Meter(cpu.backends(DB_NAME))
    started = time.monotonic()
    with (tmp / "locust.log").open("w") as log:
        locust = subprocess.Popen(command, cwd=ROOT, env=locust_env, stdout=log, stderr=subprocess.STDOUT)
        while locust.poll() is None:
            gunicorn.sample()
            postgres.sample()
            time.sleep(0.5)
    if not (tmp / "records.json").exists():
        raise RuntimeError(f"locust wrote no records (exit {locust.returncode}):\n"
                           f"{(tmp / 'locust.log').read_text()[-3000:]}")
    return {"wall": time.monotonic() - started, "machine": cpu.machine() - machine_before,
            "locust": cpu.children() - locust_before, "server": gunicorn.seconds(),
            "database": postgres.seconds(), "load_before": load_before}


def _stop(server: subprocess.Popen) -> None:
    if server.poll() is None:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()


def _setup_text() -> str:
    threads = f" × {THREADS} threads" if WORKER_CLASS == "gthread" else ""
    return (
        f"`bench/bench_load.py`: a throwaway PostgreSQL database with {USERS} editors, each with its own "
        f"agency and an empty draft for this year; gunicorn ({WORKERS} {WORKER_CLASS} workers{threads}) with "
        "the production settings (DEBUG off, secure cookies, PBKDF2 passwords) over plain http on 127.0.0.1; "
        f"locust (`bench/load/locustfile.py`) starts {USERS} users, {SPAWN_RATE} a second, for {SECONDS} s. "
        "Each logs in once, then loops over five steps (two narrative steps, 表二, 表三, 表四): open the step "
        "page, change a text or two cells and send the live check (the htmx autosave), change more and press "
        "Save (the form POST with its CSRF token and version; the redirect is not followed), pausing "
        f"{THINK:.0f} s before each action. Latency is locust's, from sending the request to the last byte. "
        "Locust, gunicorn and PostgreSQL share the machine's cores. Three sync workers because a request is "
        "mostly CPU-bound Python (threads in one process share the GIL) with short waits on PostgreSQL: on "
        "an idle machine they answered faster after the logins than five sync workers or two gthread workers "
        "of four threads."
    )


def _cpu_text(*, wall: float, machine: float, locust: float, server: float, database: float,
              load_before: float) -> str:
    capacity = (os.cpu_count() or 1) * wall
    other = max(machine - locust - server - database, 0.0)
    text = (
        f"CPU time during the run: gunicorn {server:.0f} s, its PostgreSQL backends {database:.0f} s, locust "
        f"{locust:.0f} s, anything else on the machine {other:.0f} s, of {capacity:.0f} s on "
        f"{os.cpu_count()} cores (load average {load_before:.1f} when it started)."
    )
    if other > 0.1 * capacity:
        text += (f" Other work took {other / capacity:.0%} of the machine meanwhile: the times are longer "
                 "than they would be on an idle one.")
    return text
