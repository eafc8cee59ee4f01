"""Where a page's time goes: cProfile of a few requests through Django's test client, on the bench database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ticms_bench python -m bench.profile_page /workbench/ bureau_officer
    … python -m bench.profile_page /workbench/ bureau_officer --timed 31   # and the median of 31 views first
    … python -m bench.profile_page /workbench/ bureau_officer --sql        # every query, in order

Prints the SQL count and time and the functions with the most cumulative time (own code first).
"""

from __future__ import annotations

import cProfile
import io
import os
import pstats
import sys
import time


def main(path: str, who: str = "", repeat: int = 3, timed: int = 0, show_sql: bool = False) -> int:
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    from bench.generate import configure

    configure()
    from django.conf import settings

    # Nothing is collected for a profile in this process: static URLs stay unhashed (the served stack hashes them).
    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    from django.db import connection, reset_queries
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from ticms.accounts.models import User

    client = Client()
    if who:
        from ticms.accounts.twofactor import mark_verified

        user = User.objects.get(username="bench_expert00000" if who == "expert" else f"bench_{who}")
        client.force_login(user)
        mark_verified(client.session, user)  # the bureau and the administrators need the second factor
    client.get(path)  # warm
    if timed:
        import statistics

        wall, cpu = [], []
        for _ in range(timed):
            t0, c0 = time.perf_counter(), time.process_time()
            client.get(path)
            wall.append((time.perf_counter() - t0) * 1000)
            cpu.append((time.process_time() - c0) * 1000)
        # CPU beside wall time: on a shared machine the wall time is mostly waiting for a core.
        print(f"{path} as {who or 'anonymous'}, {timed} views: median {statistics.median(wall):.1f} ms "
              f"(min {min(wall):.1f}), Python CPU median {statistics.median(cpu):.1f} ms")
    with CaptureQueriesContext(connection) as queries:
        t0 = time.perf_counter()
        status = client.get(path).status_code
        wall = (time.perf_counter() - t0) * 1000
    sql_ms = sum(float(q["time"]) for q in queries.captured_queries) * 1000
    slowest = (queries.captured_queries if show_sql else
               sorted(queries.captured_queries, key=lambda q: -float(q["time"]))[:3])
    print(f"{path} as {who or 'anonymous'}: {status}, {wall:.0f} ms, {len(queries)} queries, {sql_ms:.0f} ms in SQL")
    for q in slowest:
        print(f"  {float(q['time']) * 1000:.0f} ms: {q['sql'][:300]}")
    reset_queries()
    prof = cProfile.Profile()
    prof.enable()
    for _ in range(repeat):
        client.get(path)
    prof.disable()
    out = io.StringIO()
    stats = pstats.Stats(prof, stream=out).sort_stats("cumulative")
    stats.print_stats("ticms|django/(db/models/sql/compiler|template/base|db/backends/utils)", 25)
    print(out.getvalue()[-6000:])
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    timed = 0
    if "--timed" in args:  # --timed N: the median of N views first
        i = args.index("--timed")
        timed = int(args[i + 1])
        del args[i:i + 2]
    show_sql = "--sql" in args
    if show_sql:
        args.remove("--sql")
    sys.exit(main(*args, timed=timed, show_sql=show_sql))
