"""`ticms createdb` makes README's PostgreSQL command work on a fresh server: the database is created when missing."""

import os
import subprocess
import sys
import uuid
from pathlib import Path

import dj_database_url
import psycopg
import pytest

ROOT = Path(__file__).resolve().parents[2]
URL = os.environ.get("DATABASE_URL", "")

pytestmark = pytest.mark.skipif(not URL.startswith("postgres"), reason="PostgreSQL only (SQLite creates its file)")


def ticms(url: str, *args: str) -> subprocess.CompletedProcess:
    env = {**os.environ, "DATABASE_URL": url, "PYTHONPATH": str(ROOT / "src"),
           "DJANGO_SETTINGS_MODULE": "ticms.settings"}
    env.pop("DJANGO_ALLOW_ASYNC_UNSAFE", None)
    return subprocess.run([sys.executable, "-m", "ticms.cli", *args], env=env, capture_output=True, text=True,
                          timeout=120)


def server():
    db = dj_database_url.parse(URL)
    return psycopg.connect(host=db["HOST"], port=db["PORT"] or 5432, user=db["USER"], password=db["PASSWORD"] or None,
                           dbname="postgres", autocommit=True)


def test_createdb_creates_a_missing_database_once_and_migrate_then_works():
    name = f"ticms_createdb_{uuid.uuid4().hex[:8]}"
    url = URL.rsplit("/", 1)[0] + "/" + name
    try:
        first = ticms(url, "createdb")
        assert first.returncode == 0, first.stderr
        assert f"已创建数据库“{name}”" in first.stdout
        again = ticms(url, "createdb")
        assert again.returncode == 0 and "已存在" in again.stdout
        migrated = ticms(url, "migrate", "--noinput", "-v", "0")
        assert migrated.returncode == 0, migrated.stderr
    finally:
        with server() as conn:
            conn.execute(f'DROP DATABASE IF EXISTS "{name}"')
