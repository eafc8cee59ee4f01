"""Flat in rows? Compare two result files of bench.serve_run (e.g. scale 1.0 against 0.1) page by page.

    python -m bench.compare bench/results/<date>-postgresql-0.1.json bench/results/<date>-postgresql-1.0.json

Prints a Markdown table: p50 at each size, the raw ratio, and the ratio of each run's "p50 × reference" (the
page's growth once the machine's state in each run is taken out: the reference measured beside it did not grow
with the data). Goal: ≤ 1.5, judged on the normalised ratio.
"""

import json
import sys

GOAL = 1.5


def main(small_path: str, big_path: str) -> int:
    small, big = (json.load(open(p)) for p in (small_path, big_path))
    rows = {(r["case"], r["as"]): r for r in small["pages"]}
    print(f"| page | as | p50 ms @{small['scale']} | p50 ms @{big['scale']} | × raw | × vs reference | "
          f"p95 ms @{small['scale']} | p95 ms @{big['scale']} | flat? |")
    print("|---|---|---:|---:|---:|---:|---:|---:|---|")
    for r in big["pages"]:
        s = rows.get((r["case"], r["as"]))
        if s is None:
            continue
        raw = r["p50_ms"] / s["p50_ms"]
        norm = r["p50_vs_reference"] / s["p50_vs_reference"]
        print(f"| {r['case']} | {r['as']} | {s['p50_ms']} | {r['p50_ms']} | {raw:.2f} | {norm:.2f} | "
              f"{s['p95_ms']} | {r['p95_ms']} | {'ok' if norm <= GOAL else '**miss**'} |")
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
