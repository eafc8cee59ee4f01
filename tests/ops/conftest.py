"""A throwaway installation driven through the real `ticms` command line: SQLite in a temporary data directory,
or (when DATABASE_URL is set) its own PostgreSQL database named after TEST_DATABASE_NAME, dropped afterwards
together with any database a restore created beside it."""

import hashlib
import itertools
import json
import os
import subprocess
import sys
from pathlib import Path

import dj_database_url
import psycopg
import pytest

_numbers = itertools.count(1)
SRC = Path(__file__).resolve().parents[2] / "src"
PG = bool(os.environ.get("DATABASE_URL"))


class Install:
    def __init__(self, root: Path):
        self.data = root / "data"
        self.env = {**os.environ, "TICMS_DATA_DIR": str(self.data), "DJANGO_SETTINGS_MODULE": "ticms.settings"}
        self.env.pop("DATABASE_URL", None)
        # This checkout's code, not whichever one the virtualenv installed in editable mode.
        self.env["PYTHONPATH"] = os.pathsep.join(filter(None, [str(SRC), os.environ.get("PYTHONPATH")]))
        self.db = None
        if PG:
            base = dj_database_url.parse(os.environ["DATABASE_URL"])
            # The xdist worker in the name: two workers' first installations must not drop each other's database.
            worker = os.environ.get("PYTEST_XDIST_WORKER", "")
            self.db = f"{os.environ.get('TEST_DATABASE_NAME', 'ticms_test')}_ops{worker}{next(_numbers)}"
            self.server = {k: base[k] for k in ("HOST", "PORT", "USER", "PASSWORD")}
            self._drop_all()
            with self._admin() as conn:
                conn.execute(f'CREATE DATABASE "{self.db}"')
            user = self.server["USER"] + (f":{self.server['PASSWORD']}" if self.server["PASSWORD"] else "")
            self.env["DATABASE_URL"] = f"postgres://{user}@{self.server['HOST']}:{self.server['PORT']}/{self.db}"

    def _admin(self):
        return psycopg.connect(host=self.server["HOST"], port=self.server["PORT"] or 5432,
                               user=self.server["USER"], password=self.server["PASSWORD"] or None,
                               dbname="postgres", autocommit=True)

    def databases(self) -> list[str]:
        """This installation's database and every database a restore made beside it."""
        with self._admin() as conn:
            names = [r[0] for r in conn.execute("SELECT datname FROM pg_database")]
        return sorted(n for n in names if n == self.db or n.startswith(self.db[:32] + "_"))

    def _drop_all(self):
        with self._admin() as conn:
            for name in self.databases():
                conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')

    def ticms(self, *args: str) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, "-m", "ticms.cli", *args], env=self.env, capture_output=True,
                              text=True, timeout=300)

    def shell(self, code: str) -> str:
        result = self.ticms("shell", "-c", code)
        assert result.returncode == 0, result.stderr
        return result.stdout.strip().splitlines()[-1] if result.stdout.strip() else ""

    def state(self) -> dict:
        """What a refused restore must leave exactly as it was: rows, chain head, files."""
        db = json.loads(self.shell(
            "import json; from ticms.accounts.models import User; from ticms.audit.models import ChainHead, Event;"
            "from ticms.audit.services import verify; h = ChainHead.objects.get(pk=1);"
            "print(json.dumps({'users': sorted(User.objects.values_list('username', flat=True)),"
            "'events': Event.objects.count(), 'head': [h.last_seq, h.last_hash], 'verified': verify().ok}))"))
        media = self.data / "media"
        db["files"] = {p.relative_to(media).as_posix(): hashlib.sha256(p.read_bytes()).hexdigest()
                       for p in sorted(media.rglob("*")) if p.is_file()}
        return db

    def leftovers(self) -> list[str]:
        """Half-restored copies a refused restore must not leave behind."""
        found = [p.name for p in self.data.iterdir() if ".restore-" in p.name]
        if PG:
            found += [n for n in self.databases() if "_restore_" in n]
        return found

    def close(self):
        if PG:
            self._drop_all()


@pytest.fixture
def make_install(tmp_path_factory):
    made = []

    def make():
        install = Install(tmp_path_factory.mktemp("install"))
        made.append(install)
        return install

    yield make
    for install in made:
        install.close()


def seeded(install: Install) -> Install:
    assert install.ticms("migrate", "-v", "0").returncode == 0
    demo = install.ticms("demo")
    assert demo.returncode == 0, demo.stderr
    (install.data / "media").mkdir(exist_ok=True)
    (install.data / "media" / "licence.pdf").write_bytes(b"%PDF-1.4 original")
    return install
