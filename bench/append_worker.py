"""One concurrent audit writer for bench.serve_run: wait for a common start time, append N events, print the end.

    python -m bench.append_worker N START_EPOCH WORKER_NO
"""

import os
import sys
import time


def main(n: int, start: float, worker: int) -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "ticms.settings")
    import django

    django.setup()
    from ticms.audit.services import record

    time.sleep(max(0.0, start - time.time()))
    begin = time.time()
    for i in range(n):
        record("bench.append", role="system", obj=("bench.writer", str(worker)), data={"i": i})
    print(begin, time.time(), flush=True)


if __name__ == "__main__":
    main(int(sys.argv[1]), float(sys.argv[2]), int(sys.argv[3]))
