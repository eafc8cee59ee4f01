"""`ticms serve` does not name its server software: no `Server: gunicorn` for a scanner to match exploits to."""

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def test_served_answers_carry_no_server_header(tmp_path):
    port = free_port()
    env = {k: v for k, v in os.environ.items() if k not in {"DATABASE_URL"} and not k.startswith("TICMS_")}
    env.update(DJANGO_SETTINGS_MODULE="ticms.settings", PYTHONPATH=str(ROOT / "src"), TICMS_DATA_DIR=str(tmp_path),
               SECRET_KEY="server-banner-test-key-" + "x" * 30, TICMS_DATA_KEY="c2VydmVyLWJhbm5lci0xNg==")
    server = subprocess.Popen([sys.executable, "-m", "ticms.cli", "serve", "--bind", f"127.0.0.1:{port}",
                               "--workers", "1"], env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + 30
        while True:
            try:
                # A static file: served without a database (whitenoise finds it in the app's static folder).
                response = urllib.request.urlopen(f"http://127.0.0.1:{port}/static/web/ticms.js", timeout=5)
                break
            except OSError:
                assert server.poll() is None, server.stdout.read().decode()
                assert time.monotonic() < deadline, "ticms serve did not start"
                time.sleep(0.3)
        assert response.status == 200
        assert response.headers.get("Server") is None
        assert "gunicorn" not in str(response.headers).lower()
    finally:
        server.terminate()
        server.wait(timeout=10)
