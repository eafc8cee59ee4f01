"""What each page costs as served, in CPU: of the gunicorn worker that answered and of the database server.

    DATABASE_URL=postgres://postgres@127.0.0.1:5432/ticms_bench_big python -m bench.served_cost [N]

Starts `ticms serve` and the bare-Django reference as `bench.serve_run` does, then asks each page of
`serve_run.CASES` N times (default 100) one after another, and reads from /proc the CPU time the workers and the
PostgreSQL server processes used meanwhile: per request, what a page costs the machine, beside the reference.
Throughput at 8 clients on 2 cores is bounded by the sum of the two, so this says which side to work on, where
`bench.time_page` (in-process, the test client) sees the Python side only. Also the size of each answer.
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

CLOCK = os.sysconf("SC_CLK_TCK")


def _cpu_s(pid: int) -> float:
    fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / CLOCK  # utime + stime


def _postgres_cpu_s() -> float:
    total = 0.0
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                if (entry / "comm").read_text().strip() == "postgres":
                    total += _cpu_s(int(entry.name))
            except OSError:
                continue  # a backend that ended meanwhile
    return total


def main(n: int = 100) -> int:
    from bench import serve_run

    _label, _counts, env = serve_run.prepare()
    from django.db import connection

    cookies = serve_run.sign_in()
    connection.close()
    ticms, ref = serve_run.start_servers(env)
    try:
        cases = [(label, path, who, ticms) for label, path, who in serve_run.CASES]
        cases.append((serve_run.REFERENCE[0], serve_run.REFERENCE[1], None, ref))
        print(f"{'page':40s} {'as':15s} {'worker ms':>9s} {'db ms':>7s} {'sum':>6s} {'kB':>6s}")
        for label, path, who, server in cases:
            cookie = cookies.get(who)
            for _ in range(3):
                serve_run.get(server.port, path, cookie)
            pids = server.workers()
            w0, d0 = sum(_cpu_s(p) for p in pids), _postgres_cpu_s()
            size = 0
            for _ in range(n):
                _status, size = serve_run.get(server.port, path, cookie)
            w = (sum(_cpu_s(p) for p in pids) - w0) * 1000 / n
            d = (_postgres_cpu_s() - d0) * 1000 / n
            print(f"{label[:40]:40s} {who or 'anonymous':15s} {w:9.2f} {d:7.2f} {w + d:6.2f} {size / 1024:6.1f}",
                  flush=True)
    finally:
        ticms.stop()
        ref.stop()
    return 0


if __name__ == "__main__":
    sys.exit(main(*(int(a) for a in sys.argv[1:])))
