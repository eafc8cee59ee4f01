"""`ticms serve` imports the application in gunicorn's master before forking its workers (--preload): nothing of
that import may be shared that must not be, so it opens no database connection and starts no thread."""

import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
PROBE = """
import os, threading
os.environ["DJANGO_SETTINGS_MODULE"] = "ticms.settings"
from ticms.wsgi import application
from django.urls import get_resolver
get_resolver().url_patterns
from django.db import connections
print(threading.active_count(), sum(c.connection is not None for c in connections.all(initialized_only=True)))
"""


def test_loading_the_application_opens_no_connection_and_no_thread(tmp_path):
    # The database of this run (PostgreSQL when DATABASE_URL is set), with the pool on: it too must wait for a fork.
    env = {k: v for k, v in os.environ.items() if k != "DEBUG"}
    env.update(PYTHONPATH=str(ROOT / "src"), TICMS_DATA_DIR=str(tmp_path), TICMS_DB_POOL="1",
               SECRET_KEY="preload-test-key-" + "x" * 40, TICMS_DATA_KEY="cHJlbG9hZC10ZXN0LWtleQ==")
    out = subprocess.run([sys.executable, "-c", PROBE], env=env, capture_output=True, text=True, timeout=120)
    assert out.returncode == 0, out.stderr
    threads, connections = out.stdout.split()
    assert (threads, connections) == ("1", "0")
