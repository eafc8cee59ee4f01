"""Who may read which issued document: the record's own scope, or anyone once a public document is issued."""

from __future__ import annotations

from django.apps import apps
from django.contrib.contenttypes.models import ContentType
from django.db.models import Exists, OuterRef, Q, QuerySet

from .kinds import KINDS
from .models import IssuedDocument


def documents_visible_to(user) -> QuerySet[IssuedDocument]:
    q = Q(public=True)
    if user is not None and user.is_authenticated:
        models = [apps.get_model(label) for label in sorted({k.model for k in KINDS.values()})]
        # One query for every kind's content type (a cold cache looked them up one by one).
        types = ContentType.objects.get_for_models(*models)
        for model in models:
            q |= Q(content_type=types[model], object_id__in=model.objects.visible_to(user).values("pk"))
    superseded = IssuedDocument.objects.filter(supersedes=OuterRef("pk"))
    return (IssuedDocument.objects.filter(q).select_related("issued_by")
            .annotate(is_superseded=Exists(superseded)))


def documents_of(record, user) -> list[IssuedDocument]:
    ct = ContentType.objects.get_for_model(record)
    return list(documents_visible_to(user).filter(content_type=ct, object_id=record.pk).order_by("kind", "-version"))


def register(user, *, year: int | None = None, kind: str = "") -> QuerySet[IssuedDocument]:
    """发文登记: every issued document the user may see, newest first, filtered by year and kind."""
    qs = documents_visible_to(user)
    if year:
        qs = qs.filter(year=year)
    if kind:
        qs = qs.filter(kind=kind)
    return qs.order_by("-issued_at", "-pk")
