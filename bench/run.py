"""`make bench`: generate the data set and measure the served stack, on SQLite and on PostgreSQL.

    make bench                                   # BENCH_SCALE=0.1 on both databases (about 12 minutes)
    make bench BENCH_SCALE=1.0 BENCH_DBS=postgresql
    python -m bench.run --scale 0.1 --db sqlite

Each database in its own processes (Django reads DATABASE_URL once): `python -m bench.generate --reset`, then
`python -m bench.serve_run`. SQLite lives under var/bench/; PostgreSQL is BENCH_PG_URL (its database name must
contain 'bench': it is dropped and re-created). Results: bench/results/<date>-<db>-<scale>.{json,md}.
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PG_URL = os.environ.get("BENCH_PG_URL", "postgres://postgres@127.0.0.1:5432/ticms_bench")


def main(argv=None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--scale", default=os.environ.get("BENCH_SCALE", "0.1"))
    parser.add_argument("--db", action="append", choices=["sqlite", "postgresql"],
                        default=[d for d in os.environ.get("BENCH_DBS", "").split(",") if d] or None)
    args, rest = parser.parse_known_args(argv)
    for db in args.db or ["sqlite", "postgresql"]:
        env = {k: v for k, v in os.environ.items() if k != "DATABASE_URL"}
        if db == "postgresql":
            env["DATABASE_URL"] = PG_URL
        print(f"== {db}, scale {args.scale}", flush=True)
        subprocess.run([sys.executable, "-m", "bench.generate", "--scale", args.scale, "--reset"], env=env,
                       cwd=ROOT, check=True)
        subprocess.run([sys.executable, "-m", "bench.serve_run", "--scale", args.scale, *rest], env=env,
                       cwd=ROOT, check=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
