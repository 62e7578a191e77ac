"""The pieces a benchmark run needs: a seeded warehouse file, the API in its own process,
an enrolled counter, percentiles and the process's memory."""

from __future__ import annotations

import math
import os
import shutil
import socket
import sqlite3
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import requests

from counter_app.bootstrap import CounterServices, build_services


def percentile(samples: Sequence[float], fraction: float) -> float:
    """Nearest-rank percentile (no interpolation): the value a fraction of samples stay under."""
    ordered = sorted(samples)
    return ordered[max(0, math.ceil(fraction * len(ordered)) - 1)]


def rss_mb(pid: int | None = None) -> float | None:
    """Resident memory of a process in MB (Linux /proc; elsewhere this process's peak)."""
    status = Path(f"/proc/{pid or os.getpid()}/status")
    if status.exists():
        for line in status.read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    if pid is None:
        try:
            import resource

            peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
            return peak / 1024 / (1024 if sys.platform == "darwin" else 1)
        except ImportError:  # Windows
            return None
    return None


def sqlite_url(path: Path) -> str:
    return f"sqlite:///{path.as_posix()}"


def seeded_template(workdir: Path, products: int) -> tuple[Path, float | None]:
    """A warehouse file seeded with the demo catalog by the server's own seed command.

    Kept in ``workdir`` and reused by later runs with the same size; returns the path
    and the seconds seeding took (None when reused).
    """
    template = workdir / f"warehouse-{products}.db"
    if template.exists():
        return template, None
    partial = template.with_suffix(".partial")
    partial.unlink(missing_ok=True)
    started = time.perf_counter()
    subprocess.run(
        [
            sys.executable,
            "-m",
            "warehouse_api.cli",
            "seed",
            "--db",
            sqlite_url(partial),
            "--demo",
            "--products",
            str(products),
        ],
        check=True,
        stdout=subprocess.DEVNULL,
    )
    seconds = time.perf_counter() - started
    with sqlite3.connect(partial) as conn:
        conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    partial.replace(template)
    return template, seconds


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


class ServerProcess:
    """``warehouse-api serve`` in a child process, as in production (not in ours)."""

    def __init__(self, db_path: Path, log_path: Path, workers: int = 1) -> None:
        self.db_path = db_path
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self._log = log_path.open("w")
        self.process = subprocess.Popen(
            [
                sys.executable,
                "-m",
                "warehouse_api.cli",
                "serve",
                "--db",
                sqlite_url(db_path),
                "--port",
                str(self.port),
                "--workers",
                str(workers),
            ],
            stdout=self._log,
            stderr=subprocess.STDOUT,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the warehouse API exited; see {log_path}")
            try:
                if requests.get(f"{self.url}/api/v1/health", timeout=1).ok:
                    return
            except requests.RequestException:
                time.sleep(0.1)
        raise RuntimeError(f"the warehouse API did not start; see {log_path}")

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(15)
        except subprocess.TimeoutExpired:
            self.process.kill()
        self._log.close()


def fresh_copy(template: Path, target: Path) -> Path:
    target.parent.mkdir(parents=True, exist_ok=True)
    for suffix in ("", "-wal", "-shm"):
        Path(str(target) + suffix).unlink(missing_ok=True)
    shutil.copyfile(template, target)
    return target


def enrolled_counter(
    data_dir: Path, server: ServerProcess, store_code: str = "S001"
) -> CounterServices:
    """A brand-new till enrolled at ``store_code`` (nothing pulled yet)."""
    from warehouse_api.embedded import issue_enrollment_code

    if data_dir.exists():
        shutil.rmtree(data_dir)
    code = issue_enrollment_code(sqlite_url(server.db_path), store_code)
    return build_services(data_dir, server.url, enrollment_code=code, use_keyring=False)
