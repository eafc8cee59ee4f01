"""Flat in rows? Compare two result files of bench.serve_run (e.g. scale 1.0 against 0.1) page by page.

    python -m bench.compare bench/results/<date>-postgresql-0.1.json bench/results/<date>-postgresql-1.0.json

Prints a Markdown table: p50 and p95 at each size and the ratio (goal: ≤ 1.5, the big run against the small one).
"""

import json
import sys

GOAL = 1.5


def main(small_path: str, big_path: str) -> int:
    small, big = (json.load(open(p)) for p in (small_path, big_path))
    rows = {(r["case"], r["as"]): r for r in small["pages"]}
    print(f"| page | as | p50 ms @{small['scale']} | p50 ms @{big['scale']} | × | p95 ms @{small['scale']} | "
          f"p95 ms @{big['scale']} | flat? |")
    print("|---|---|---:|---:|---:|---:|---:|---|")
    for r in big["pages"]:
        s = rows.get((r["case"], r["as"]))
        if s is None:
            continue
        ratio = r["p50_ms"] / s["p50_ms"]
        print(f"| {r['case']} | {r['as']} | {s['p50_ms']} | {r['p50_ms']} | {ratio:.2f} | {s['p95_ms']} | "
              f"{r['p95_ms']} | {'ok' if ratio <= GOAL else '**miss**'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
