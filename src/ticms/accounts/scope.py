"""What a user may see: one queryset filter per role, used by every list, detail, export and API call.

A scoped model declares *where its owners are* with `ScopePaths` and uses `ScopedQuerySet`;
`visible_to(user)` then ORs the filter of each role the user holds. Nothing else in the code base
decides visibility, so a page, an export and the API cannot disagree.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from django.core.exceptions import FieldDoesNotExist
from django.db import models
from django.db.models import Q
from django.db.models.fields.related_lookups import RelatedIn
from django.http import Http404

from .roles import Role

NOTHING = Q(pk__in=[])


@dataclass(frozen=True)
class ScopePaths:
    # Lookups from the record to the organisations whose applicant members may see it.
    organisation: tuple[str, ...] = ()
    # Lookups from the record to the competent units whose county officers may see it.
    competent_unit: tuple[str, ...] = ()
    # Lookup from the record to the expert's own user, for the expert's own records (profile, assignments).
    expert: str | None = None
    # Lookup from the record to the expert panels reviewing it (an application, an evaluation, their files):
    # an expert sees it only under the rule of `_panel_member`.
    panels: str | None = None
    # What anyone may see without signing in (published notices, the center directory).
    public: Q | None = None


def _any(lookups: tuple[str, ...], values: list[int], test: str = "in") -> Q:
    if not values or not lookups:
        return NOTHING
    q = Q()
    for lookup in lookups:
        q |= Q(**{f"{lookup}__{test}": values})
    return q


def _applicant(model, user, paths: ScopePaths) -> Q:
    return _any(paths.organisation, user.organisation_ids())


class CommonIn(RelatedIn):
    """`<fk>__common_in=[…]`: `IN`, telling SQLite's planner the condition holds for many rows (`likely()`).

    A county officer's units are one or two of the city's six counties, so their scope holds a sixth or more of
    every table. Left to itself, SQLite reads all of a county's records through the unit's index and sorts them
    for the first page: 38 ms for the largest county's 14,751 of 50,000 applications. Told the condition is
    common, it walks the list's order index and stops after a page: 0.5 ms (1.0 ms for the smallest county).
    PostgreSQL weighs the LIMIT itself and gets the plain `IN`."""

    lookup_name = "common_in"

    def as_sqlite(self, compiler, connection):
        sql, params = self.as_sql(compiler, connection)
        return f"likely({sql})", params


models.ForeignObject.register_lookup(CommonIn)


def _county_officer(model, user, paths: ScopePaths) -> Q:
    return _any(paths.competent_unit, user.competent_unit_ids(), "common_in")


def _bureau_officer(model, user, paths: ScopePaths) -> Q:
    return Q()


def _panel_member(panels: str, user) -> dict:
    """The one rule for an expert and a reviewed subject (Art. 9(3), 16): the expert holds an assignment on an
    active panel of it (not closed by a redraw), the assignment is active (not replaced or withdrawn), and the
    expert has declared no conflict. One filter() call, so all conditions bind the same assignment row."""
    return {
        f"{panels}__assignments__expert__user": user,
        f"{panels}__assignments__active": True,
        f"{panels}__assignments__declaration": "no_conflict",
        f"{panels}__closed_at__isnull": True,
    }


def _expert(model, user, paths: ScopePaths) -> Q:
    q = NOTHING
    # Subqueries keep the outer query free of the to-many joins (no DISTINCT needed).
    if paths.expert:
        q |= Q(pk__in=model._base_manager.filter(**{paths.expert: user}).values("pk"))
    if paths.panels:
        q |= Q(pk__in=model._base_manager.filter(**_panel_member(paths.panels, user)).values("pk"))
    return q


ROLE_FILTERS: dict[str, Callable[..., Q]] = {
    Role.APPLICANT: _applicant,
    Role.COUNTY_OFFICER: _county_officer,
    Role.BUREAU_OFFICER: _bureau_officer,
    Role.EXPERT: _expert,
    # The three administrators see no business data (separation of duties, DESIGN §2).
}


def scope_q(model, user, role: str | None = None, *, public: bool = True) -> Q:
    """The filter for `user` (optionally acting in one `role`) on `model`; `public=False` leaves out what anyone
    may see, for deciding who may *act* on a record rather than who may read it."""
    paths: ScopePaths = model.scope_paths
    if user is None or not user.is_authenticated:
        return paths.public if public and paths.public is not None else NOTHING
    roles = [role] if role else sorted(user.role_set)
    q = NOTHING
    for r in roles:
        if r not in user.role_set:
            continue
        f = ROLE_FILTERS.get(r)
        if f is None:
            continue
        part = f(model, user, paths)
        if part == Q():
            return Q()
        q |= part
    if public and paths.public is not None:
        q |= paths.public
    return q


def acts_for(user, record, role: str) -> bool:
    """Whether `user` holds `role` *for this record*: an applicant of one of its organisations, a county officer
    of its competent unit, an expert on its panel, or the bureau. Holding the role somewhere else is not enough
    (a county officer who is also another organisation's applicant may not withdraw this one's application).

    Direct foreign keys are read from the instance, so lists of records cost no query per row for applicants
    and county officers; anything further away is one EXISTS query, cached on the instance.
    """
    if user is None or not user.is_authenticated or role not in user.role_set:
        return False
    paths: ScopePaths = type(record).scope_paths
    lookups = {Role.APPLICANT: paths.organisation, Role.COUNTY_OFFICER: paths.competent_unit}.get(role)
    if lookups is not None:
        loaded = [_loaded_fk_id(record, lk) for lk in lookups]
        if lookups and all(v is not _UNLOADED for v in loaded):
            mine = units_of(user, role)
            return any(v in mine for v in loaded)
    cache = record.__dict__.setdefault("_acts_for", {})
    key = (user.pk, role)
    if key not in cache:
        q = scope_q(type(record), user, role, public=False)
        cache[key] = q == Q() or (q != NOTHING and type(record)._base_manager.filter(q, pk=record.pk).exists())
    return cache[key]


_UNLOADED = object()


def units_of(user, role: str) -> set[int]:
    """The organisations (applicant) or competent units (county officer) where `user` holds `role`, read once
    per request (the user object lives as long as the request)."""
    mine = user.__dict__.setdefault("_acts_for_units", {})
    if role not in mine:
        values = user.organisation_ids if role == Role.APPLICANT else user.competent_unit_ids
        mine[role] = set(values())
    return mine[role]


def _loaded_fk_id(record, lookup: str):
    """The id at the end of a chain of foreign keys ("lead_unit__competent_unit") when every object on the way is
    already loaded (select_related), so a list's rows need no query each; `_UNLOADED` otherwise."""
    *hops, last = lookup.split("__")
    obj = record
    for hop in hops:
        if not _is_fk(obj, hop):
            return _UNLOADED
        field = obj._meta.get_field(hop)
        if not field.is_cached(obj):
            return _UNLOADED
        obj = getattr(obj, hop)
        if obj is None:
            return None
    return getattr(obj, f"{last}_id") if _is_fk(obj, last) else _UNLOADED


def _is_fk(record, name: str) -> bool:
    try:
        field = record._meta.get_field(name)
    except FieldDoesNotExist:
        return False
    return field.many_to_one

class ScopedQuerySet(models.QuerySet):
    def visible_to(self, user, role: str | None = None):
        return self.filter(scope_q(self.model, user, role))


def get_visible_or_404(queryset_or_model, user, **lookup):
    qs = queryset_or_model
    if isinstance(qs, type) and issubclass(qs, models.Model):
        qs = qs.objects.all()
    try:
        return qs.visible_to(user).get(**lookup)
    except qs.model.DoesNotExist as exc:
        raise Http404("not visible") from exc
