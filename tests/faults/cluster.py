"""A private PostgreSQL cluster that a test may stop and start at will.

PostgreSQL refuses to run as root, so as root the server runs as the `postgres` OS user,
in a directory of its own (pytest's tmp_path is private to root).
"""
from __future__ import annotations

import glob
import os
import pwd
import shutil
import socket
import subprocess
import tempfile
from pathlib import Path

from tests.conftest import require_system

DATABASE = "nianbao"


def server_bin() -> Path | None:
    """The directory of initdb and pg_ctl: on PATH, or Debian's newest /usr/lib/postgresql/N/bin."""
    on_path = shutil.which("pg_ctl")
    if on_path:
        return Path(on_path).resolve().parent
    found = sorted(glob.glob("/usr/lib/postgresql/*/bin/pg_ctl"), key=lambda p: int(Path(p).parts[-3]))
    return Path(found[-1]).parent if found else None


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


class PrivateCluster:
    def __init__(self, root: Path, bindir: Path, run_as: list[str]):
        self.root, self.bindir, self.run_as = root, bindir, run_as
        self.data, self.port = root / "data", free_port()

    @property
    def url(self) -> str:
        return f"postgres://postgres@127.0.0.1:{self.port}/{DATABASE}"

    def _run(self, tool: str, *args: str) -> None:
        done = subprocess.run([*self.run_as, str(self.bindir / tool), *args], capture_output=True, text=True,
                              timeout=60, check=False)
        assert done.returncode == 0, f"{tool} failed: {done.stderr}"

    def create(self) -> None:
        self._run("initdb", "-D", str(self.data), "-U", "postgres", "--auth=trust", "--no-sync",
                  "-E", "UTF8", "--no-locale")
        self.start()
        self._run("createdb", "-h", str(self.root), "-p", str(self.port), "-U", "postgres", DATABASE)

    def start(self) -> None:
        options = f"-p {self.port} -k {self.root} -c listen_addresses=127.0.0.1 -c fsync=off"
        self._run("pg_ctl", "-D", str(self.data), "-l", str(self.root / "server.log"), "-o", options, "-w", "start")

    def stop(self) -> None:
        self._run("pg_ctl", "-D", str(self.data), "-m", "fast", "-w", "stop")

    def is_running(self) -> bool:
        status = subprocess.run([*self.run_as, str(self.bindir / "pg_ctl"), "-D", str(self.data), "status"],
                                capture_output=True, check=False)
        return status.returncode == 0


def private_cluster(tmp_path: Path) -> PrivateCluster:
    """A new, running cluster with an empty database; the caller removes it (`remove`)."""
    bindir = server_bin()
    require_system(bindir is not None and (bindir / "initdb").exists(), "PostgreSQL server binaries not installed")
    if os.geteuid() != 0:
        cluster = PrivateCluster(tmp_path / "pg", bindir, [])
        cluster.root.mkdir()
    else:
        try:
            owner = pwd.getpwnam("postgres")
        except KeyError:
            require_system(False, "running as root needs a `postgres` OS user for a private PostgreSQL")
        runuser = shutil.which("runuser")
        require_system(runuser is not None, "runuser is not installed")
        root = Path(tempfile.mkdtemp(prefix="nianbao-pg-"))
        os.chown(root, owner.pw_uid, owner.pw_gid)
        cluster = PrivateCluster(root, bindir, [runuser, "-u", "postgres", "--"])
    try:
        cluster.create()
    except BaseException:
        remove(cluster)
        raise
    return cluster


def remove(cluster: PrivateCluster) -> None:
    if cluster.data.exists() and cluster.is_running():
        cluster.stop()
    shutil.rmtree(cluster.root, ignore_errors=True)
