"""Scoped reads of applications. Every list, page, export and API call starts here."""

from __future__ import annotations

import functools

from ticms.accounts.scope import get_visible_or_404
from ticms.notices.selectors import notice_statuses_for
from ticms.reviews.selectors import panel_results_for

from . import versions as v
from .models import Application, Attachment


def applications_visible_to(user, role: str | None = None):
    # The lead unit's competent unit too: a county officer's rights on each row are read from it (acts_for).
    return Application.objects.visible_to(user, role).select_related("lead_unit__competent_unit", "host_unit",
                                                                     "call")


def todo_rows(qs):
    """Only what a to-do line shows of an application (its title, state and link): the selectors' joins and wide
    rows made reading a few sections of 20 the larger part of the bureau's workbench (issue 15)."""
    return qs.select_related(None).select_related("lead_unit").only("name", "field", "state", "lead_unit__name")


def prefetch_guard_facts(applications) -> None:
    """Load what the step guards read (the latest panel's result, the notice status) for a page of applications
    at once, so listing their available transitions costs the same queries for 5 rows as for 50. Only for the rows
    whose state has a step with such a guard: a recognised application's five opinions are not read to show that
    it has no step left. Only for showing buttons: `Workflow.apply` re-reads the locked row, which carries none of
    this."""

    applications = list(applications)
    panel_rows = [a for a in applications if a.state in _states_guarded_by("PANEL_GUARDS")]
    notice_rows = [a for a in applications if a.state in _states_guarded_by("NOTICE_GUARDS")]
    notices = notice_statuses_for([a.pk for a in notice_rows]) if notice_rows else {}
    panels = panel_results_for(panel_rows)
    for a in notice_rows:
        a._guard_notice_status = notices.get(a.pk)
    for a in panel_rows:
        a._guard_panel_result = panels.get(a.pk)


@functools.cache
def _states_guarded_by(name: str) -> frozenset[str]:
    """The states with a step guarded by one of `workflow.<name>`."""
    from . import workflow

    guards = set(getattr(workflow, name))
    return frozenset(state for step in workflow.APPLICATION_FLOW.steps.values() if guards & set(step.guards)
                     for state in step.sources)


def application_for(user, application_id: int) -> Application:
    return get_visible_or_404(applications_visible_to(user), user, pk=application_id)


def attachment_for(user, application_id: int, attachment_id: int) -> Attachment:
    return get_visible_or_404(Attachment.objects.select_related("application"), user, pk=attachment_id,
                              application_id=application_id)


def detail_parts(application: Application) -> dict:
    """Attachments, versions and their differences for the record page and the API."""

    versions = list(application.versions.order_by("number"))
    diffs = [(new, v.diff(old, new)) for old, new in zip(versions, versions[1:], strict=False)]
    return {
        "attachments": list(application.attachments.select_related("uploaded_by")),
        "versions": versions,
        "version_diffs": list(reversed(diffs)),
    }
