"""`ticms serve` started for a test: on a free port, the first answer waited for, stopped afterwards."""

from __future__ import annotations

import contextlib
import socket
import subprocess
import sys
import time
import urllib.request


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextlib.contextmanager
def serving(env: dict, *, workers: int = 1):
    """`ticms serve` with `env`; yields a function that GETs a path once the server answers (30 s to start)."""
    port = free_port()
    server = subprocess.Popen([sys.executable, "-m", "ticms.cli", "serve", "--bind", f"127.0.0.1:{port}",
                               "--workers", str(workers)], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    deadline = time.monotonic() + 30

    def get(path: str):
        while True:
            try:
                return urllib.request.urlopen(f"http://127.0.0.1:{port}{path}", timeout=5)
            except OSError:
                assert server.poll() is None, server.stdout.read().decode()
                assert time.monotonic() < deadline, "ticms serve did not start"
                time.sleep(0.3)

    try:
        yield get
    finally:
        server.terminate()
        server.wait(timeout=10)
