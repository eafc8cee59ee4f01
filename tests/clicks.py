"""Two people (or one double click) firing the same action at the same moment, for the tests that prove a
transition applies once."""

from __future__ import annotations

import threading
from collections.abc import Callable

from django.db import connections

from ticms.workflow.core import WorkflowError


def click_twice_at_once(action: Callable[[], object]) -> list:
    """Run `action` in two threads released together; the outcomes sorted: "applied", a refusal's HTTP status, or
    the repr of anything else (a failure of the lock). Expect [409, "applied"]."""
    barrier = threading.Barrier(2)
    outcomes: list = []

    def click():
        try:
            barrier.wait()
            action()
            outcomes.append("applied")
        except WorkflowError as exc:
            outcomes.append(exc.status)
        except Exception as exc:  # reported by the caller's assert
            outcomes.append(repr(exc))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=click) for _ in range(2)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(30)
    return sorted(outcomes, key=str)
