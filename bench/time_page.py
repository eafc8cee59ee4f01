"""What a page costs in-process (Django's test client), after a warm-up, on the bench database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ticms_bench \
        python -m bench.time_page /evaluations/ bureau_officer 40
    DATABASE_URL=… python -m bench.time_page            # every page bench.serve_run serves, two rounds

For one page: the median and the fastest request, the median CPU time of this process per request
(`time.process_time`: what the request costs a worker, the database's own time left out), and the SQL time and query
count of one more view. For every page: the CPU median of 8 views, the lower of two rounds — the figure to compare
between two trees measured alternately on the same data. On a shared machine the fastest and the CPU are the
steadier figures; `bench.profile_page` says where the time goes. `who` is a bench role (bureau_officer,
county_officer, applicant, audit_admin, expert) or `anonymous`.
"""

from __future__ import annotations

import os
import statistics
import sys
import time


def _client(who: str | None):
    from django.test import Client

    from ticms.accounts.models import User
    from ticms.accounts.twofactor import mark_verified

    client = Client()
    if who and who != "anonymous":
        user = User.objects.get(username="bench_expert00000" if who == "expert" else f"bench_{who}")
        client.force_login(user)
        mark_verified(client.session, user)
    return client


def _timed(client, path: str, repeat: int) -> tuple[int, list[float], list[float]]:
    walls, cpus, status = [], [], 0
    for _ in range(repeat):  # timed without recording the SQL: the debug cursor costs CPU of its own
        t0, c0 = time.perf_counter(), time.process_time()
        status = client.get(path).status_code
        walls.append((time.perf_counter() - t0) * 1000)
        cpus.append((time.process_time() - c0) * 1000)
    return status, walls, cpus


def _settle() -> None:
    """As `ticms serve` leaves a worker after start-up (gc.freeze): what was loaded while warming up is not walked
    by every collection, which otherwise lands on whichever request triggers it and spreads the figures by a
    millisecond or more."""
    import gc

    gc.collect()
    gc.freeze()


def one(path: str, who: str, repeat: int) -> None:
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    client = _client(who)
    for _ in range(3):
        client.get(path)
    _settle()
    status, walls, cpus = _timed(client, path, repeat)
    with CaptureQueriesContext(connection) as queries:
        client.get(path)
    sql = sum(float(q["time"]) for q in queries.captured_queries) * 1000
    print(f"{path} as {who}: {status}, median {statistics.median(walls):.1f} ms (fastest {min(walls):.1f}), "
          f"CPU {statistics.median(cpus):.1f} ms, {sql:.1f} ms in SQL and {len(queries)} queries (one more view), "
          f"{repeat} requests")


def every_page(rounds: int = 3, repeat: int = 15) -> None:
    from bench.serve_run import CASES

    clients = {who: _client(who) for _name, _path, who in CASES}
    for _name, path, who in CASES:
        clients[who].get(path)
    _settle()
    best: dict[str, float] = {}
    for _ in range(rounds):
        for name, path, who in CASES:
            clients[who].get(path)
            _status, _walls, cpus = _timed(clients[who], path, repeat)
            best[name] = min(best.get(name, float("inf")), statistics.median(cpus))
    for name, path, who in CASES:
        print(f"{name:40s} {path:32s} {who or 'anonymous':15s} CPU {best[name]:5.1f} ms")


def main(*args: str) -> int:
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    from bench.generate import configure

    configure()
    from django.conf import settings

    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    if args:
        one(args[0], args[1] if len(args) > 1 else "anonymous", int(args[2]) if len(args) > 2 else 40)
    else:
        every_page()
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
