"""Running the API in several worker processes, each with a listening socket of its own.

`uvicorn --workers N` shares one listening socket between the workers, and asyncio
accepts every connection waiting on it at once when it wakes: a burst of keep-alive
clients (tills and the group-buy channel connect together and stay connected) lands
on whichever worker woke first. Measured here: 100 clients connecting at once, 100
connections in one worker and none in the other, so "2 workers" served on one.

On Linux each worker gets its own socket bound to the same address with
`SO_REUSEPORT`; the kernel spreads new connections over the listening sockets by a
hash of the peer address, so keep-alive connections are shared out evenly. The parent
only supervises: it restarts a worker that dies and stops them all on SIGINT/SIGTERM.
Elsewhere (no such balancing) uvicorn's own multi-worker mode is used.
"""

from __future__ import annotations

import gc
import logging
import multiprocessing
import os
import signal
import socket
import sys
import threading
import time
from multiprocessing.process import BaseProcess
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import uvicorn

log = logging.getLogger(__name__)

APP = "warehouse_api.app:app_from_env"
STARTUP_GRACE_S = 10.0  # a worker that dies sooner than this after its start is a failure
STOP_TIMEOUT_S = 30.0


def serve(host: str, port: int, workers: int, access_log: bool) -> int:
    """Run `workers` uvicorn servers on host:port until SIGINT/SIGTERM; the exit status."""
    import uvicorn

    options: dict[str, Any] = {
        "factory": True,
        "host": host,
        "port": port,
        "log_level": "info",
        "access_log": access_log,
    }
    # Linux balances connections over SO_REUSEPORT sockets; BSD and macOS accept the
    # option but hand every connection to one socket, so they keep uvicorn's way.
    if workers <= 1:
        _loaded_and_frozen(uvicorn.Config(APP, **options)).run()
        return 0
    if not sys.platform.startswith("linux"):
        uvicorn.run(APP, workers=workers, **options)
        return 0
    sockets = [_listening_socket(host, port) for _ in range(workers)]
    context = multiprocessing.get_context("spawn")
    stop = threading.Event()

    def on_signal(_signum: int, _frame: Any) -> None:
        stop.set()

    previous = {sig: signal.signal(sig, on_signal) for sig in (signal.SIGINT, signal.SIGTERM)}

    def start(index: int) -> tuple[BaseProcess, float]:
        process = context.Process(
            target=_run_worker,
            args=(options, sockets[index]),
            name=f"warehouse-api-worker-{index}",
            daemon=False,
        )
        process.start()
        return process, time.monotonic()

    status = 0
    running = [start(index) for index in range(workers)]
    log.info("%d workers on %s:%d, one SO_REUSEPORT socket each", workers, host, port)
    try:
        while not stop.wait(0.5):
            for index, (process, started) in enumerate(running):
                if process.is_alive():
                    continue
                if time.monotonic() - started < STARTUP_GRACE_S:
                    log.error("worker %d exited at startup (%s); stopping", index, process.exitcode)
                    status = 1
                    stop.set()
                    break
                log.warning("worker %d exited (%s); starting another", index, process.exitcode)
                running[index] = start(index)
    finally:
        for process, _started in running:
            if process.is_alive() and process.pid is not None:
                process.terminate()  # SIGTERM: uvicorn finishes the requests in flight
        deadline = time.monotonic() + STOP_TIMEOUT_S
        for process, _started in running:
            process.join(max(0.0, deadline - time.monotonic()))
            if process.is_alive():
                process.kill()
                process.join()
        for sock in sockets:
            sock.close()
        for sig, handler in previous.items():
            signal.signal(sig, handler)
    return status


def _listening_socket(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEPORT, 1)
    sock.bind((host, port))
    sock.listen(2048)
    sock.set_inheritable(True)
    return sock


def _run_worker(options: dict[str, Any], sock: socket.socket) -> None:  # pragma: no cover
    """One worker process: a uvicorn server on its own socket (runs in the child)."""
    import uvicorn

    _loaded_and_frozen(uvicorn.Config(APP, **options)).run(sockets=[sock])


def _loaded_and_frozen(config: uvicorn.Config) -> uvicorn.Server:
    """Load the app, with its heap to be frozen once it has started
    (`WAREHOUSE_FREEZE_HEAP`: `app.freeze_heap`, after the route warm-up), and move
    everything alive at this point (modules, the app, the mappers and compiled
    statements) into the garbage collector's permanent generation now (`gc.freeze`):
    the collections that a request's many short-lived objects trigger then no longer
    walk the whole start-up heap. Measured on the SQLite drain (10,000 sales in batches
    of 500, one worker): 3.2 s of server CPU against 4.1-4.3 s without
    (docs/server.md, "Production settings")."""
    import uvicorn

    os.environ["WAREHOUSE_FREEZE_HEAP"] = "1"  # read by the app's Settings in load()
    config.load()
    gc.collect()
    gc.freeze()
    return uvicorn.Server(config)
