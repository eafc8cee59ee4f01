"""The people an audience of a record stands for, read from memberships (never by scanning users).

The record's `scope_paths` say where its organisations, competent unit and panels are — the same paths that
decide who may see it — so a message never reaches someone who could not open the record it links to.
"""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.db.models import Q

from ticms.accounts.roles import Role
from ticms.accounts.scope import ScopePaths
from ticms.reviews.models import Assignment, Panel


def _ids_along(record, lookups: tuple[str, ...]) -> set[int]:
    if not lookups:
        return set()
    rows = type(record)._base_manager.filter(pk=record.pk).values_list(*lookups)
    return {value for row in rows for value in row if value is not None}


def _members(role: str, **target) -> Q:
    return Q(memberships__role=role, **target)


def audience_users(record, audience: str):
    """Active users of one audience (`applicants`, `county`, `bureau`, `experts`) for `record`."""
    User = get_user_model()
    paths: ScopePaths = getattr(type(record), "scope_paths", ScopePaths())
    if audience == "bureau":
        q = _members(Role.BUREAU_OFFICER)
    elif audience == "applicants":
        q = _members(Role.APPLICANT, memberships__organisation__in=_ids_along(record, paths.organisation))
    elif audience == "county":
        q = _members(Role.COUNTY_OFFICER, memberships__competent_unit__in=_ids_along(record, paths.competent_unit))
    elif audience == "experts":
        q = Q(pk__in=_expert_user_ids(record, paths))
    else:
        raise ValueError(f"unknown audience {audience!r}")
    return User.objects.filter(q, is_active=True).distinct()


def _expert_user_ids(record, paths: ScopePaths) -> set[int]:
    if isinstance(record, Panel):
        panel_q = Q(panel=record)
    elif paths.panels:
        panel_ids = _ids_along(record, (paths.panels,))
        panel_q = Q(panel__in=panel_ids, panel__closed_at__isnull=True)
    else:
        return set()
    # Drawn experts are told before they declare; replaced or withdrawn ones are not.
    return set(Assignment.objects.filter(panel_q, active=True, expert__user__isnull=False)
               .values_list("expert__user", flat=True))


def recipients(record, audiences: tuple[str, ...], *, exclude=None) -> list:
    """Everyone of the audiences, once each, leaving out the person who acted (they know already)."""
    seen: dict[int, object] = {}
    for audience in audiences:
        for user in audience_users(record, audience):
            if exclude is None or user.pk != exclude:
                seen.setdefault(user.pk, user)
    return list(seen.values())
