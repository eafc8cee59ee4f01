"""TICMS_DB_POOL: a served worker keeps its PostgreSQL connections in a psycopg pool and uses them again for the
next request; on SQLite the setting is ignored, and `ticms check` says so."""

import os
import subprocess
import sys
import time
from pathlib import Path

import pytest
from django.db import connection

from tests.served import serving

ROOT = Path(__file__).resolve().parents[2]
on_postgresql = pytest.mark.skipif(connection.vendor != "postgresql", reason="connection pools: PostgreSQL")


def base_env(tmp_path) -> dict:
    env = {k: v for k, v in os.environ.items() if not k.startswith("TICMS_") and k != "DEBUG"}
    env.update(DJANGO_SETTINGS_MODULE="ticms.settings", PYTHONPATH=str(ROOT / "src"), TICMS_DATA_DIR=str(tmp_path),
               SECRET_KEY="db-pool-test-key-" + "x" * 40, TICMS_DATA_KEY="ZGItcG9vbC10ZXN0LWtleQ==")
    return env


def served_backends(tmp_path, settled, **settings) -> list[set[int]]:
    """Serve the test database with `ticms serve` (one worker), ask a page that reads it twice, and return after
    each answer the PostgreSQL backends it left connected to the test database (none of those open before)."""
    name = connection.settings_dict["NAME"]
    url = os.environ["DATABASE_URL"].rsplit("/", 1)[0] + "/" + name
    env = {**base_env(tmp_path), "DATABASE_URL": url, **settings}

    def backends() -> set[int]:
        with connection.cursor() as cursor:
            # The test runs in a transaction, and PostgreSQL keeps the first view of pg_stat_activity for the rest
            # of it: each reading must drop that snapshot, or it sees the server as it stood at the first one.
            cursor.execute("SELECT pg_stat_clear_snapshot()")
            cursor.execute("SELECT pid FROM pg_stat_activity WHERE datname = %s AND pid <> pg_backend_pid()",
                           [name])
            return {pid for (pid,) in cursor.fetchall()}

    # Other connections to this database (a live server's thread left by an earlier test in this process) are not
    # the served worker's.
    before = backends()
    seen = []
    with serving(env) as get:
        for _ in range(2):
            assert get("/api/v1/centers/public").status == 200
            # A pool fills to its minimum in the background; a closed connection takes a moment to leave.
            settle = time.monotonic() + 5
            while time.monotonic() < settle and not settled(backends() - before):
                time.sleep(0.1)
            seen.append(backends() - before)
    return seen


@on_postgresql
def test_a_served_request_uses_a_pooled_connection_that_outlives_it(db, tmp_path):
    first, second = served_backends(tmp_path, lambda pids: len(pids) >= 2, TICMS_DB_POOL="1",
                                    TICMS_DB_POOL_MIN_SIZE="2", TICMS_DB_POOL_MAX_SIZE="3", TICMS_CONN_MAX_AGE="0")
    # The pool's connections (its minimum, and one more while it was filling) stay open after the answer, never more
    # than its maximum, and the second request found the same ones.
    assert 2 <= len(first) <= 3, (first, second)
    assert second == first


@on_postgresql
def test_without_the_pool_a_request_closes_its_connection(db, tmp_path):
    first, second = served_backends(tmp_path, lambda pids: not pids, TICMS_CONN_MAX_AGE="0")
    assert first == second == set()


def test_sqlite_ignores_the_pool_and_check_says_so(tmp_path):
    env = {**base_env(tmp_path), "TICMS_DB_POOL": "1"}
    env.pop("DATABASE_URL", None)
    out = subprocess.run([sys.executable, "-m", "ticms.cli", "check"], env=env, capture_output=True, text=True,
                         timeout=120)
    assert out.returncode == 0, out.stderr
    assert "ticms.W020" in out.stderr + out.stdout
    assert "TICMS_DB_POOL 仅对 PostgreSQL 生效" in out.stderr + out.stdout
