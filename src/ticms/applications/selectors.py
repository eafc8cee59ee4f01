"""Scoped reads of applications. Every list, page, export and API call starts here."""

from __future__ import annotations

from ticms.accounts.scope import get_visible_or_404

from .models import Application, Attachment


def applications_visible_to(user, role: str | None = None):
    return Application.objects.visible_to(user, role).select_related("lead_unit", "host_unit", "call")


def application_for(user, application_id: int) -> Application:
    return get_visible_or_404(applications_visible_to(user), user, pk=application_id)


def attachment_for(user, application_id: int, attachment_id: int) -> Attachment:
    return get_visible_or_404(Attachment.objects.select_related("application"), user, pk=attachment_id,
                              application_id=application_id)


def detail_parts(application: Application) -> dict:
    """Attachments, versions and their differences for the record page and the API."""
    from . import versions as v

    versions = list(application.versions.order_by("number"))
    diffs = [(new, v.diff(old, new)) for old, new in zip(versions, versions[1:], strict=False)]
    return {
        "attachments": list(application.attachments.select_related("uploaded_by")),
        "versions": versions,
        "version_diffs": list(reversed(diffs)),
    }
