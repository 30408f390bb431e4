"""Run every benchmark (bench/bench_*.py) and rewrite docs/benchmarks.md.

Each module has `run() -> str`, returning its Markdown section. Usage:
`make bench`, or `python bench/run.py [name ...]` for some of them (the others' sections are kept).
"""
import importlib
import os
import platform
import re
import sys
from datetime import datetime
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "bench.settings")

# One file per run: two runs at once must not share (and delete) each other's database.
DB_FILE = Path(os.environ.get("TMPDIR", "/tmp")) / f"nianbao-bench-{os.getpid()}.sqlite3"
if "DATABASE_URL" not in os.environ:
    DB_FILE.unlink(missing_ok=True)
    os.environ["DATABASE_URL"] = f"sqlite:///{DB_FILE}"

import django

django.setup()

OUT = ROOT / "docs" / "benchmarks.md"
MARK = re.compile(r"<!-- bench:(\w+) -->\n(.*?)<!-- /bench:\1 -->\n", re.DOTALL)


def main(names: list[str]) -> None:
    try:
        _run(names)
    finally:
        if os.environ["DATABASE_URL"] == f"sqlite:///{DB_FILE}":
            for path in DB_FILE.parent.glob(DB_FILE.name + "*"):  # with SQLite's -wal and -shm files
                path.unlink(missing_ok=True)


def _run(names: list[str]) -> None:
    available = sorted(p.stem[len("bench_"):] for p in (ROOT / "bench").glob("bench_*.py"))
    wanted = names or available
    old = dict(MARK.findall(OUT.read_text())) if OUT.exists() else {}
    sections = dict(old)
    from django.core.management import call_command

    call_command("migrate", verbosity=0)  # a fresh throwaway database (bench/settings.py)
    for name in wanted:
        print(f"running {name} …", flush=True)
        module = importlib.import_module(f"bench.bench_{name}")
        sections[name] = module.run().rstrip() + "\n"
    header = (
        "# Benchmarks\n\n"
        "Rewritten by `make bench` (`python bench/run.py`). Each section says what it measures and how; "
        f"last run {datetime.now():%Y-%m-%d %H:%M} on {platform.machine()}, {os.cpu_count()} cores, "
        f"Python {platform.python_version()}.\n\n"
    )
    body = "".join(f"<!-- bench:{n} -->\n{sections[n]}<!-- /bench:{n} -->\n\n" for n in available if n in sections)
    OUT.parent.mkdir(exist_ok=True)
    OUT.write_text(header + body)
    print(f"wrote {OUT.relative_to(ROOT)}")


if __name__ == "__main__":
    main(sys.argv[1:])
