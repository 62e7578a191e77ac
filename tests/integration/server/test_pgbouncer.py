"""The warehouse behind PgBouncer in transaction mode, the pooler production puts in
front of PostgreSQL when many API workers share a few server connections.

In transaction mode each transaction may run on another server connection, so nothing
may outlive a transaction: the push batch's savepoints live inside it, the migration
lock is `pg_advisory_xact_lock`, the look-ups run in autocommit. psycopg's prepared
statements do outlive it (PgBouncer 1.18, Debian 12's, does not track them), hence
WAREHOUSE_DB_PREPARE_THRESHOLD=none. Here: a real PgBouncer started on loopback in
front of the machine's PostgreSQL, a database of its own, and `warehouse-api serve`
with two workers through it: a push batch with a rejected op and its replay, and a
race for the last units of one product, exactly once and the ledger balanced.
"""

from __future__ import annotations

import os
import shutil
import socket
import subprocess
import tempfile
import threading
import time
import uuid
from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import httpx
import pytest
from server_testkit import sale_op, set_available

from warehouse_api.db import Database
from warehouse_api.demo_data import DemoCatalog, load_catalog
from warehouse_api.embedded import serve_in_subprocess
from warehouse_api.schema import prepare_database
from warehouse_api.services.devices import issue_token, location_by_code
from warehouse_api.services.inventory import check_ledger, read_level

pytestmark = pytest.mark.postgres

PG_HOST, PG_PORT = "127.0.0.1", 5432
UNITS = 30
BUYERS = 24
ORDERS_EACH = 5


@dataclass(frozen=True)
class Bouncer:
    port: int
    database: str

    def url(self, alias: str | None = None) -> str:
        return f"postgresql+psycopg://postgres@127.0.0.1:{self.port}/{alias or self.database}"


def _unavailable(reason: str) -> None:
    if os.environ.get("CI_REQUIRE_POSTGRES") == "1":
        pytest.fail(f"PgBouncer is required here (CI_REQUIRE_POSTGRES=1) but {reason}")
    pytest.skip(reason)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@pytest.fixture(scope="module")
def bouncer() -> Iterator[Bouncer]:
    """A database of its own on the machine's PostgreSQL and a PgBouncer in front of it
    (transaction mode, 4 server connections; alias `<db>_one` with a single one)."""
    import psycopg

    binary = shutil.which("pgbouncer") or (
        "/usr/sbin/pgbouncer" if Path("/usr/sbin/pgbouncer").exists() else None
    )
    if binary is None:
        _unavailable("pgbouncer is not installed (Debian: apt-get install pgbouncer)")
    try:
        admin = psycopg.connect(
            f"host={PG_HOST} port={PG_PORT} user=postgres dbname=postgres",
            autocommit=True,
            connect_timeout=3,
        )
    except psycopg.Error as error:
        _unavailable(f"PostgreSQL not reachable: {str(error).strip().splitlines()[0]}")
    database = f"wh_pgb_{uuid.uuid4().hex[:10]}"
    admin.execute(f"CREATE DATABASE {database}")
    # Not under pytest's temp root: that is private to this user, and PgBouncer runs
    # as postgres when the tests run as root.
    folder = Path(tempfile.mkdtemp(prefix="wh-pgbouncer-"))
    port = _free_port()
    (folder / "userlist.txt").write_text('"postgres" ""\n')
    server = f"host={PG_HOST} port={PG_PORT} dbname={database} user=postgres"
    (folder / "pgbouncer.ini").write_text(
        f"""[databases]
{database} = {server}
{database}_one = {server} pool_size=1
[pgbouncer]
listen_addr = 127.0.0.1
listen_port = {port}
unix_socket_dir =
auth_type = trust
auth_file = {folder / "userlist.txt"}
pool_mode = transaction
default_pool_size = 4
max_client_conn = 200
logfile = {folder / "pgbouncer.log"}
pidfile = {folder / "pgbouncer.pid"}
ignore_startup_parameters = extra_float_digits
"""
    )
    command = [str(binary)]
    if os.geteuid() == 0:  # PgBouncer refuses to run as root
        shutil.chown(folder, "postgres")
        for child in folder.iterdir():
            shutil.chown(child, "postgres")
        folder.chmod(0o755)
        command += ["-u", "postgres"]
    process = subprocess.Popen(
        [*command, str(folder / "pgbouncer.ini")], stderr=subprocess.PIPE, text=True
    )
    try:
        deadline = time.monotonic() + 15
        while True:
            try:
                psycopg.connect(
                    f"host=127.0.0.1 port={port} user=postgres dbname={database}",
                    connect_timeout=2,
                ).close()
                break
            except psycopg.Error:
                if process.poll() is not None or time.monotonic() > deadline:
                    log = folder / "pgbouncer.log"
                    said = log.read_text()[-1000:] if log.exists() else ""
                    if process.poll() is not None and process.stderr is not None:
                        said += process.stderr.read()[-1000:]
                    _unavailable(f"pgbouncer did not start: {said or 'no output'}")
                time.sleep(0.1)
        yield Bouncer(port, database)
    finally:
        process.terminate()
        process.wait(timeout=10)
        admin.execute(f"DROP DATABASE IF EXISTS {database} WITH (FORCE)")
        admin.close()
        shutil.rmtree(folder, ignore_errors=True)


def test_prepared_statements_break_behind_pgbouncer_unless_turned_off(bouncer: Bouncer) -> None:
    """Why the setting exists: two clients sharing one server connection both prepare
    psycopg's first statement under the same name on it; with preparing off, no clash."""
    import psycopg

    conninfo = f"host=127.0.0.1 port={bouncer.port} user=postgres dbname={bouncer.database}_one"
    first = psycopg.connect(conninfo, autocommit=True)
    second = psycopg.connect(conninfo, autocommit=True)
    try:
        for run in range(8):
            first.execute("SELECT %s::int + 1", (run,)).fetchone()
        with pytest.raises(psycopg.errors.DuplicatePreparedStatement):
            for run in range(8):
                second.execute("SELECT %s::int + 1", (run,)).fetchone()
    finally:
        first.close()
        second.close()
    first = psycopg.connect(conninfo, autocommit=True, prepare_threshold=None)
    second = psycopg.connect(conninfo, autocommit=True, prepare_threshold=None)
    try:
        for run in range(8):
            for connection in (first, second):
                assert connection.execute("SELECT %s::int + 1", (run,)).fetchone() == (run + 1,)
    finally:
        first.close()
        second.close()


def test_the_warehouse_serves_through_pgbouncer_in_transaction_mode(
    bouncer: Bouncer, demo_catalog: DemoCatalog, monkeypatch: pytest.MonkeyPatch
) -> None:
    direct = Database.from_url(
        f"postgresql+psycopg://postgres@{PG_HOST}:{PG_PORT}/{bouncer.database}"
    )
    try:
        prepare_database(direct)
        load_catalog(direct, demo_catalog)
        hot, other = demo_catalog.products[0]["id"], demo_catalog.products[1]["id"]
        with direct.write() as session:
            till = issue_token(session, "counter", location_by_code(session, "S001").id, "t1")
            channel = issue_token(session, "group_buy", None, "channel")
            warehouse = location_by_code(session, "WH01").id
        set_available(direct, warehouse, hot, UNITS)
        with direct.read() as session:
            level = read_level(session, warehouse, hot)
            assert level is not None
            reserved_before = level.reserved

        monkeypatch.setenv("WAREHOUSE_DB_PREPARE_THRESHOLD", "none")
        with serve_in_subprocess(bouncer.url(), workers=2, timeout_s=90) as base:
            api = f"{base}/api/v1"
            with httpx.Client(headers={"Authorization": f"Bearer {till.token}"}) as http:
                # A batch: one op rejected inside it rolls back to its savepoint alone.
                ops = [
                    sale_op(other, receipt_no="RS001-1-261202-0001"),
                    sale_op(999_999, receipt_no="RS001-1-261202-0002"),  # no such product
                    sale_op(other, receipt_no="RS001-1-261202-0003"),
                ]
                first = http.post(f"{api}/sync/push", json={"ops": ops})
                assert first.status_code == 200, first.text
                assert [r["status"] for r in first.json()["results"]] == [
                    "applied",
                    "rejected",
                    "applied",
                ]
                again = http.post(f"{api}/sync/push", json={"ops": ops})
                assert [r["status"] for r in again.json()["results"]] == [
                    "duplicate",
                    "rejected",
                    "duplicate",
                ]
                pulled = http.get(f"{api}/sync/pull", params={"cursor": 0, "limit": 5000})
                assert pulled.status_code == 200

            outcomes: Counter[str] = Counter()
            lock = threading.Lock()

            def buyer() -> None:
                with httpx.Client(
                    headers={"Authorization": f"Bearer {channel.token}"}, timeout=60
                ) as client:
                    for _ in range(ORDERS_EACH):
                        answer = client.post(
                            f"{api}/group-buy/orders",
                            json={"lines": [{"product_id": hot, "qty": 1}]},
                            headers={"Idempotency-Key": str(uuid.uuid4())},
                        )
                        code = (
                            "sold"
                            if answer.status_code == 201
                            else f"{answer.status_code}:{answer.json().get('code')}"
                        )
                        with lock:
                            outcomes[code] += 1

            threads = [threading.Thread(target=buyer) for _ in range(BUYERS)]
            for thread in threads:
                thread.start()
            for thread in threads:
                thread.join(120)

        assert outcomes == Counter(
            {"sold": UNITS, "409:insufficient_stock": BUYERS * ORDERS_EACH - UNITS}
        )
        with direct.read() as session:
            after = read_level(session, warehouse, hot)
            assert after is not None and after.reserved - reserved_before == UNITS
            assert after.available == 0
            assert check_ledger(session) == []
    finally:
        direct.dispose()
