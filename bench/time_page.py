"""The median time of a page in-process (Django's test client), N requests after a warm-up, on the bench database.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ticms_bench \
        python -m bench.time_page /evaluations/ bureau_officer 40

Prints the median and the fastest request, the median time in SQL and the query count. On a shared machine the
fastest is the steadier figure; `bench.profile_page` says where the time goes.
"""

from __future__ import annotations

import os
import statistics
import sys
import time


def main(path: str, who: str, repeat: str = "40") -> int:
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")
    from bench.generate import configure

    configure()
    from django.conf import settings

    settings.STORAGES = {**settings.STORAGES,
                         "staticfiles": {"BACKEND": "django.contrib.staticfiles.storage.StaticFilesStorage"}}
    from django.db import connection
    from django.test import Client
    from django.test.utils import CaptureQueriesContext

    from ticms.accounts.models import User
    from ticms.accounts.twofactor import mark_verified

    client = Client()
    user = User.objects.get(username=f"bench_{who}")
    client.force_login(user)
    mark_verified(client.session, user)
    for _ in range(3):
        client.get(path)
    walls, sql, count = [], [], 0
    for _ in range(int(repeat)):
        with CaptureQueriesContext(connection) as queries:
            t0 = time.perf_counter()
            status = client.get(path).status_code
            walls.append((time.perf_counter() - t0) * 1000)
        sql.append(sum(float(q["time"]) for q in queries.captured_queries) * 1000)
        count = len(queries)
    print(f"{path} as {who}: {status}, median {statistics.median(walls):.1f} ms (fastest {min(walls):.1f}), "
          f"{statistics.median(sql):.1f} ms in SQL, {count} queries, {repeat} requests")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:]))
