"""Run the benchmarks on a throwaway database and print medians (ms) as a Markdown table.

    make bench                      # SQLite in var/bench/
    DATABASE_URL=postgres://... make bench

Results go to stdout and bench/results/latest.md; quote them with the command that produced them.
"""

from __future__ import annotations

import os
import shutil
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def setup_django() -> None:
    if not os.environ.get("DATABASE_URL"):
        data = ROOT / "var" / "bench"
        shutil.rmtree(data, ignore_errors=True)
        os.environ["TICMS_DATA_DIR"] = str(data)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ticms.settings")
    os.environ.setdefault("ALLOWED_HOSTS", "testserver")  # the Django test client's host
    os.environ.setdefault("SECRET_KEY", "bench-only-key-for-generated-data")  # DEBUG is off, as in production
    sys.path.insert(0, str(ROOT / "src"))
    import django

    django.setup()
    from django.core.management import call_command

    if os.environ.get("DATABASE_URL"):
        from django.db import connection

        from ticms.audit.triggers import wiping_allowed

        # A throwaway database: the audit table's TRUNCATE trigger is passed as the test flush passes it.
        with wiping_allowed(connection):
            call_command("flush", "--noinput", verbosity=0)
    call_command("migrate", verbosity=0)


def measure(fn, repeat: int = 30, warmup: int = 3) -> float:
    for _ in range(warmup):
        fn()
    samples = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - t0) * 1000)
    return statistics.median(samples)


def main() -> None:
    setup_django()
    from django.db import connection
    from django.test import Client

    from bench.cases import CASES
    from bench.generate import generate

    scale = int(os.environ.get("BENCH_SCALE", "1"))
    t0 = time.perf_counter()
    data = generate(scale)
    gen_s = time.perf_counter() - t0
    rows = []
    client = Client()
    for case in CASES:
        result = case(data, client)
        if result is None:
            continue
        name, fn, repeat, note = result
        rows.append((name, measure(fn, repeat=repeat), note))
    header = (
        f"database: {connection.vendor}, scale {scale} ({data['orgs']} organisations, "
        f"{data['centers']} centers), generated in {gen_s:.1f} s"
    )
    lines = [header, "", "| case | median ms | note |", "|---|---:|---|"]
    lines += [f"| {n} | {m:.2f} | {note} |" for n, m, note in rows]
    text = "\n".join(lines)
    print(text)
    (ROOT / "bench" / "results" / "latest.md").write_text(text + "\n")


if __name__ == "__main__":
    main()
