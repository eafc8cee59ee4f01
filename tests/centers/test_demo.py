"""The registry demo seeds every status and is idempotent."""

import pytest

from ticms.accounts import demo as accounts_demo
from ticms.audit.models import Event
from ticms.centers import demo
from ticms.centers.models import Center, CenterChange, ChangeRequest, Filing
from ticms.ops.demo import DemoContext

pytestmark = pytest.mark.django_db


def _run() -> DemoContext:
    ctx = DemoContext()
    accounts_demo.seed(ctx)
    demo.seed(ctx)
    return ctx


def test_demo_fills_every_status_and_workflow_state():
    _run()
    assert set(Center.objects.values_list("status", flat=True)) == {"active", "preparatory", "rectifying",
                                                                     "revoked"}
    assert {"approved", "submitted", "draft", "returned"} <= set(ChangeRequest.objects.values_list("state",
                                                                                                    flat=True))
    assert {"acknowledged", "submitted"} <= set(Filing.objects.values_list("state", flat=True))
    assert any(f.flagged for f in Filing.objects.all())
    assert CenterChange.objects.filter(kind="rename", new_value=demo.MARKER).exists()


def test_demo_twice_adds_nothing():
    _run()
    counts = (Center.objects.count(), ChangeRequest.objects.count(), Event.objects.count())
    _run()
    assert (Center.objects.count(), ChangeRequest.objects.count(), Event.objects.count()) == counts
