"""The state column of a workflow table: written when the record is created or loaded, then only by a step.

`Workflow.apply` is the one place a state changes (it locks the row, checks the step and audits it). Assigning
`record.state = ...` anywhere else raises, so no view, service or import can move a record around its workflow.
A queryset update of the state column bypasses model attributes altogether: nothing in src/ does it, and a test greps
for it (tests/workflow/test_state_field.py).
"""

from __future__ import annotations

from contextlib import contextmanager
from contextvars import ContextVar

from django.db import models
from django.db.models.query_utils import DeferredAttribute

_changing: ContextVar[bool] = ContextVar("ticms_state_changing", default=False)
_UNSET = object()


@contextmanager
def state_change():
    """Within this block a state may be assigned: used by `Workflow.apply` and `refresh_from_db`."""
    token = _changing.set(True)
    try:
        yield
    finally:
        _changing.reset(token)


class _GuardedState(DeferredAttribute):
    def __set__(self, instance, value):
        current = instance.__dict__.get(self.field.attname, _UNSET)
        if current is not _UNSET and current != value and not _changing.get():
            raise AttributeError(
                f"{type(instance).__name__}.{self.field.name} changes only through a step of its workflow"
            )
        instance.__dict__[self.field.attname] = value


class StateField(models.CharField):
    descriptor_class = _GuardedState


class StateModel(models.Model):
    """Reloading a record from the database may bring a state another transaction set."""

    class Meta:
        abstract = True

    def refresh_from_db(self, *args, **kwargs):
        with state_change():
            super().refresh_from_db(*args, **kwargs)
